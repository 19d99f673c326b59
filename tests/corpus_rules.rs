//! The reference, plugin, packaging, value, mobile, push, notification, SAML and canvas rules
//! over the real-world corpus (`../shared/corpus`): no error on a file real projects deploy,
//! and every finding listed in a snapshot so that a change in what the rules say is reviewed.

mod support;

use std::fmt::Write;

use eca_analysis::Severity;
use eca_syntax::PositionEncoding;
use expect_test::expect_file;
use support::corpus::{corpus_projects, manifest, relative_to_repos};

/// The rule topics these tests cover (`ECA-REF-…`, `ECA-PLG-…`, …).
const TOPICS: &[&str] = &[
    "REF", "PLG", "PKG", "VAL", "ORDER", "MOB", "PUSH", "NOTIF", "SAML", "CANVAS",
];

fn covered(code: &str) -> bool {
    code.strip_prefix("ECA-")
        .and_then(|rest| rest.split('-').next())
        .is_some_and(|topic| TOPICS.contains(&topic))
}

#[test]
fn rules_give_no_error_on_deployable_corpus_files_and_say_what_the_snapshot_says() {
    let expected = manifest();
    let mut listing = String::new();
    let mut failures = Vec::new();
    for (_, project) in corpus_projects() {
        for (path, diagnostics) in eca_analysis::project_diagnostics(&project) {
            let relative = relative_to_repos(&path);
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
