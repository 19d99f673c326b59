//! The real-world corpus (`../shared/corpus`): every repository folder is checked as one
//! project through the real binary, and the findings are compared with the corpus MANIFEST —
//! no error on files real projects deploy, and the named error codes on the others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

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

/// Findings of one `eca-ls check --format json` run, by path relative to `repos/`.
fn check_repository(repos: &Path, repository: &str) -> BTreeMap<String, Vec<Value>> {
    let output = Command::new(env!("CARGO_BIN_EXE_eca-ls"))
        .args(["check", "--format", "json"])
        .arg(repos.join(repository))
        .output()
        .expect("run eca-ls");
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "eca-ls check {repository} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for diagnostic in document["diagnostics"].as_array().expect("diagnostics") {
        let path = diagnostic["path"].as_str().expect("path");
        let relative = Path::new(path)
            .strip_prefix(repos)
            .expect("path under repos")
            .to_string_lossy()
            .into_owned();
        by_file
            .entry(relative)
            .or_default()
            .push(diagnostic.clone());
    }
    by_file
}

#[test]
fn corpus_files_check_as_the_manifest_expects() {
    let corpus = corpus_dir();
    let repos = corpus.join("repos");
    let expected = manifest(&corpus);
    let mut repositories: Vec<String> = std::fs::read_dir(&repos)
        .expect("repos folder")
        .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    repositories.sort();
    let known_codes: BTreeSet<&str> = eca_analysis::codes::all_code_names().into_iter().collect();
    let mut findings = BTreeMap::new();
    for repository in &repositories {
        findings.extend(check_repository(&repos, repository));
    }
    let mut failures = Vec::new();
    let mut checked_files = 0;
    for (file, expect) in &expected {
        if file.ends_with("package.xml") {
            continue;
        }
        checked_files += 1;
        let errors: Vec<&Value> = findings
            .get(file)
            .map(|all| all.iter().filter(|d| d["severity"] == "error").collect())
            .unwrap_or_default();
        if expect == "no-errors" {
            for error in errors {
                failures.push(format!("{file}: unexpected error {error}"));
            }
            continue;
        }
        let wanted: Vec<&str> = expect
            .trim_start_matches("errors:")
            .split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
            .filter(|word| known_codes.contains(word))
            .collect();
        assert!(
            !wanted.is_empty(),
            "{file}: no known code in the MANIFEST's `{expect}`"
        );
        for code in wanted {
            if !errors.iter().any(|error| error["code"] == code) {
                failures.push(format!(
                    "{file}: expected an error `{code}`, got {errors:?}"
                ));
            }
        }
    }
    assert!(
        checked_files > 100,
        "only {checked_files} corpus files in the MANIFEST"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
