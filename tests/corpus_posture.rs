//! The security posture profile over the real-world corpus (`../shared/corpus`): in `strict`
//! every posture code is advice (a warning, never an error), and how often each fires is
//! listed in a snapshot so that a change in what the checks say is reviewed; in `baseline`
//! only ECA-PKG-002 (the partner requirements) speaks.

mod support;

use std::collections::BTreeMap;
use std::fmt::Write;

use eca_analysis::{Profile, Severity, codes};
use expect_test::expect_file;
use support::corpus::corpus_projects;

/// Findings of the posture codes per code, over the whole corpus, in the given profile.
fn posture_counts(profile: Profile) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (_, mut project) in corpus_projects() {
        project.config.profile = Some(profile);
        for (path, diagnostics) in eca_analysis::project_diagnostics(&project) {
            for diagnostic in diagnostics {
                if codes::control(&diagnostic.code).is_none() {
                    continue;
                }
                *counts.entry(diagnostic.code.clone()).or_default() += 1;
                if diagnostic.severity == Severity::Error {
                    errors.push(format!("{path}: {}", diagnostic.code));
                }
            }
        }
    }
    (counts, errors)
}

#[test]
fn strict_posture_over_the_corpus_is_advice_and_says_what_the_snapshot_says() {
    let (strict, errors) = posture_counts(Profile::Strict);
    assert!(errors.is_empty(), "posture errors: {errors:?}");
    let (baseline, _) = posture_counts(Profile::Baseline);
    assert_eq!(
        baseline.keys().collect::<Vec<_>>(),
        vec!["ECA-PKG-002"],
        "baseline runs only the partner requirements"
    );
    let mut listing = String::from("code  findings in strict  in baseline\n");
    for control in codes::all_codes()
        .into_iter()
        .filter(|info| codes::control(info.code).is_some())
    {
        let _ = writeln!(
            listing,
            "{}  {}  {}",
            control.code,
            strict.get(control.code).copied().unwrap_or(0),
            baseline.get(control.code).copied().unwrap_or(0)
        );
    }
    expect_file!["snapshots/corpus_posture.txt"].assert_eq(&listing);
}
