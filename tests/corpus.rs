//! The real-world corpus (`../shared/corpus`): every repository folder is checked through the
//! real binary, and the findings are compared with the corpus MANIFEST — no error on files
//! real projects deploy, and the named error codes on the others.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::corpus::{manifest, relative_to_repos, repos_dir, repository_names};
use support::{eca_ls, stderr};

/// Findings of one `eca-ls check --format json` run, by path relative to `repos/`.
fn check_repository(repository: &str) -> BTreeMap<String, Vec<Value>> {
    let folder = repos_dir().join(repository);
    let folder = folder.to_str().expect("a corpus path is UTF-8");
    let output = eca_ls(Path::new("."), &["check", "--format", "json", folder]);
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "eca-ls check {repository} failed: {}",
        stderr(&output)
    );
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let mut by_file: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for diagnostic in document["diagnostics"].as_array().expect("diagnostics") {
        let relative = relative_to_repos(diagnostic["path"].as_str().expect("path"));
        by_file
            .entry(relative)
            .or_default()
            .push(diagnostic.clone());
    }
    by_file
}

#[test]
fn corpus_files_check_as_the_manifest_expects() {
    let expected = manifest();
    let known_codes: BTreeSet<&str> = eca_analysis::codes::all_code_names().into_iter().collect();
    let mut findings = BTreeMap::new();
    for repository in repository_names() {
        findings.extend(check_repository(&repository));
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
