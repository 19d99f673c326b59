//! A folder of its own for one unit test of this crate, removed when the test ends: tests that
//! read or write files set up what they need here and run alone or in any order.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder of its own for one test, removed afterwards.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let folder = std::env::temp_dir().join(format!(
            "eca-ls-test-{name}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).expect("a scratch folder");
        Scratch(folder)
    }

    pub(crate) fn path(&self, relative: &str) -> String {
        self.0.join(relative).to_string_lossy().into_owned()
    }

    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) -> String {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        fs::write(&path, bytes).expect("written");
        path.to_string_lossy().into_owned()
    }

    /// Every file and folder below the scratch folder, with each file's bytes: the whole state
    /// a failed application must leave as it found it.
    pub(crate) fn state(&self) -> Vec<(String, Option<Vec<u8>>)> {
        fn walk(folder: &Path, root: &Path, out: &mut Vec<(String, Option<Vec<u8>>)>) {
            let mut entries: Vec<PathBuf> = fs::read_dir(folder)
                .expect("a folder")
                .map(|entry| entry.expect("an entry").path())
                .collect();
            entries.sort();
            for path in entries {
                let name = path
                    .strip_prefix(root)
                    .expect("below")
                    .to_string_lossy()
                    .into_owned();
                if path.is_dir() {
                    out.push((format!("{name}/"), None));
                    walk(&path, root, out);
                } else {
                    out.push((name, Some(fs::read(&path).expect("readable"))));
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &self.0, &mut out);
        out
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
