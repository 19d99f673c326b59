//! The real-world corpus: every file parses without a syntax error, except the one with
//! committed merge-conflict markers, which reports exactly those and still yields its tree.

use std::path::{Path, PathBuf};

use crate::{SyntaxErrorKind, parse};

use super::assert_valid_ranges;

/// The file whose unresolved merge conflict must be reported.
const MERGE_CONFLICT_FILE: &str =
    "manish-amadeus__HOS/force-app/main/default/settings/OauthOidc.settings-meta.xml";

pub(super) fn corpus_directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/repos")
}

/// Every file under the corpus, as (path relative to the corpus, text). Panics with a clear
/// message when the corpus is missing, so the test cannot pass by checking nothing.
pub(super) fn corpus_files() -> Vec<(String, String)> {
    let root = corpus_directory();
    assert!(
        root.is_dir(),
        "the corpus is missing: expected it at {} (shared/corpus/repos beside the repository)",
        root.display()
    );
    let mut files = Vec::new();
    let mut directories = vec![root.clone()];
    while let Some(directory) = directories.pop() {
        let entries = std::fs::read_dir(&directory).unwrap();
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                directories.push(path);
            } else {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
                let relative = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((relative, text));
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 100,
        "only {} corpus files found under {}",
        files.len(),
        root.display()
    );
    files
}

#[test]
fn every_corpus_file_parses_without_errors() {
    let mut failures = Vec::new();
    let mut merge_conflict_file_seen = false;
    for (path, text) in corpus_files() {
        let parse = parse(&text);
        assert_valid_ranges(&text, &parse);
        assert!(parse.document.root().is_some(), "{path}: no root element");
        if path == MERGE_CONFLICT_FILE {
            merge_conflict_file_seen = true;
            continue;
        }
        for error in &parse.errors {
            failures.push(format!(
                "{path}: {:?} {:?}: {}",
                error.kind, error.range, error.message
            ));
        }
    }
    assert!(
        merge_conflict_file_seen,
        "{MERGE_CONFLICT_FILE} is missing from the corpus"
    );
    assert!(
        failures.is_empty(),
        "unexpected syntax errors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn merge_conflict_file_reports_its_three_markers_and_keeps_both_sides() {
    let text = std::fs::read_to_string(corpus_directory().join(MERGE_CONFLICT_FILE))
        .expect("the merge-conflict corpus file is missing");
    let parse = parse(&text);
    assert_valid_ranges(&text, &parse);
    let kinds: Vec<SyntaxErrorKind> = parse.errors.iter().map(|error| error.kind).collect();
    assert_eq!(
        kinds,
        vec![SyntaxErrorKind::MergeConflictMarker; 3],
        "{:#?}",
        parse.errors
    );
    for error in &parse.errors {
        assert!(
            error.message.contains("unresolved git merge conflict"),
            "{}",
            error.message
        );
    }
    let document = &parse.document;
    let root = document.root().expect("root element");
    assert_eq!(document.element(root).name(), "OauthOidcSettings");
    let children: Vec<&str> = document
        .child_elements(root)
        .map(|child| document.element(child).name())
        .collect();
    assert_eq!(
        children,
        [
            "blockOAuthUnPwFlow",
            "blockOAuthUsrAgtFlow",
            "enableHdlessFgtPswFlow",
            "oAuthCdCrdtFlowEnable"
        ]
    );
    let first = document
        .child_named(root, "enableHdlessFgtPswFlow")
        .expect("field");
    assert_eq!(document.element(first).text_value().value, "false");
}
