//! `unsafe` stays where it is allowed: the workspace denies `unsafe_code`, and the only place
//! that allows it is the language server's allocator settings (two calls into glibc,
//! server/src/lsp/allocator.rs). An `#[allow(unsafe_code)]` anywhere else fails here, so that
//! widening the exception is a decision made in this file, not in passing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files that may allow `unsafe_code`, relative to the repository.
const ALLOWED: [&str; 1] = ["server/src/lsp/allocator.rs"];

/// The folders of Rust source the workspace builds.
const SOURCE_FOLDERS: [&str; 2] = ["server", "tools"];

#[test]
fn only_the_allocator_settings_allow_unsafe_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut allowing = BTreeSet::new();
    for folder in SOURCE_FOLDERS {
        for file in rust_files(&root.join(folder)) {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|error| panic!("read {}: {error}", file.display()));
            if allows_unsafe_code(&text) {
                let relative = file.strip_prefix(root).unwrap_or(&file);
                allowing.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let allowed: BTreeSet<String> = ALLOWED.iter().map(|path| path.to_string()).collect();
    assert_eq!(
        allowing, allowed,
        "only {ALLOWED:?} may allow unsafe_code (see the workspace's Cargo.toml)"
    );
}

#[test]
fn finds_an_allowance_at_any_level() {
    assert!(allows_unsafe_code("#[allow(unsafe_code)]\nfn f() {}"));
    assert!(allows_unsafe_code("#![allow(unsafe_code)]"));
    assert!(allows_unsafe_code(
        "#[expect(unsafe_code, reason = \"ffi\")]"
    ));
    assert!(allows_unsafe_code("#[allow(dead_code, unsafe_code)]"));
    assert!(!allows_unsafe_code("// unsafe_code is denied\nfn f() {}"));
}

/// Whether `text` lifts the `unsafe_code` lint in an attribute (`allow` or `expect`).
fn allows_unsafe_code(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with('#')
            && (line.contains("allow(") || line.contains("expect("))
            && line.contains("unsafe_code")
    })
}

/// Every `.rs` file under `folder`, except build output.
fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}
