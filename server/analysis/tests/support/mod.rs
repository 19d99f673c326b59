//! What the analysis crate's integration tests share: where the real-world corpus lives.

use std::path::{Path, PathBuf};

/// `shared/corpus/repos`, found beside the repository (or beside the worktree folder).
pub fn corpus_directory() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .map(|ancestor| ancestor.join("shared/corpus/repos"))
        .find(|candidate| candidate.is_dir())
        .unwrap_or_else(|| {
            panic!(
                "the corpus is missing: expected shared/corpus/repos in a folder above {}",
                manifest.display()
            )
        })
}
