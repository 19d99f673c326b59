//! The reference, plugin, packaging, value, mobile, push, notification, SAML and canvas rules
//! over the real-world corpus (`../shared/corpus`): no error on a file real projects deploy,
//! and every finding listed in a snapshot so that a change in what the rules say is reviewed.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use eca_analysis::Severity;
use eca_ls::workspace::{self, Overrides};
use eca_syntax::PositionEncoding;
use expect_test::expect_file;

/// The rule topics these tests cover (`ECA-REF-…`, `ECA-PLG-…`, …).
const TOPICS: &[&str] = &[
    "REF", "PLG", "PKG", "VAL", "ORDER", "MOB", "PUSH", "NOTIF", "SAML", "CANVAS",
];

fn covered(code: &str) -> bool {
    code.strip_prefix("ECA-")
        .and_then(|rest| rest.split('-').next())
        .is_some_and(|topic| TOPICS.contains(&topic))
}

fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the corpus is missing: expected {} (the shared folder sits next to the repository)",
        dir.display()
    );
    dir
}

/// MANIFEST rows: file under `repos/` → its `expect` column.
fn manifest(corpus: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            Some((columns.first()?.to_string(), columns.get(4)?.to_string()))
        })
        .collect()
}

#[test]
fn rules_give_no_error_on_deployable_corpus_files_and_say_what_the_snapshot_says() {
    let corpus = corpus_dir();
    let repos = corpus.join("repos");
    let expected = manifest(&corpus);
    let mut repositories: Vec<PathBuf> = std::fs::read_dir(&repos)
        .expect("repos folder")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| path.is_dir())
        .collect();
    repositories.sort();
    assert!(
        repositories.len() >= 40,
        "only {} repositories",
        repositories.len()
    );
    let mut listing = String::new();
    let mut failures = Vec::new();
    for repository in repositories {
        // Each repository folder is one project, checked with the newest API version.
        let files = workspace::discover(std::slice::from_ref(&repository))
            .expect("discover")
            .projects
            .into_values()
            .flatten()
            .collect::<Vec<_>>();
        let (project, _) = workspace::load_project(&repository, &files, &Overrides::default())
            .expect("load the repository as a project");
        for (path, diagnostics) in eca_analysis::project_diagnostics(&project) {
            let relative = Path::new(&path)
                .strip_prefix(&repos)
                .expect("under repos")
                .to_string_lossy()
                .replace('\\', "/");
            let Some(file) = project.file(&path) else {
                continue;
            };
            for diagnostic in diagnostics.iter().filter(|d| covered(&d.code)) {
                let position = file
                    .line_index()
                    .line_col(diagnostic.range.start, PositionEncoding::Utf16);
                let _ = writeln!(
                    listing,
                    "{relative}:{}:{} {}[{}] {}",
                    position.line + 1,
                    position.col + 1,
                    diagnostic.severity,
                    diagnostic.code,
                    diagnostic.message
                );
                let deployable = expected.get(&relative).map(String::as_str) == Some("no-errors");
                if deployable && diagnostic.severity == Severity::Error {
                    failures.push(format!(
                        "{relative}: error[{}] {}",
                        diagnostic.code, diagnostic.message
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "errors on files real projects deploy:\n{}",
        failures.join("\n")
    );
    expect_file!["snapshots/corpus_rules.txt"].assert_eq(&listing);
}
