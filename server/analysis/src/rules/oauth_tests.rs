//! Tests of the OAuth rules (access, JWT, tokens, client credentials, token exchange, secrets):
//! every rule's example fires and its fixed example is quiet, and fixtures for the cases the
//! examples do not show — cross-file findings, missing files, namespaced apps, several apps,
//! fixes applied.

use expect_test::{Expect, expect};

use crate::rules::{Check, all_rules};
use crate::test_support::{project, render_fix, render_project_diagnostics};

/// The code prefixes of the rules these tests cover.
const SCOPE: &[&str] = &[
    "ECA-ACC-",
    "ECA-JWT-",
    "ECA-RT-",
    "ECA-SES-",
    "ECA-CC-",
    "ECA-TX-",
    "ECA-JWTB-",
    "ECA-SEC-",
];

/// Every rule id of this scope in the research fact base.
const FACT_IDS: &[&str] = &[
    "ECA-ACC-001",
    "ECA-ACC-002",
    "ECA-ACC-003",
    "ECA-ACC-004",
    "ECA-ACC-005",
    "ECA-ACC-006",
    "ECA-ACC-007",
    "ECA-JWT-001",
    "ECA-JWT-002",
    "ECA-JWT-GUEST-OMIT",
    "ECA-JWT-GUEST-NEED",
    "ECA-JWT-GUEST-VALUES",
    "ECA-JWT-NAMEDUSER-OMIT",
    "ECA-JWT-NAMEDUSER-NEED",
    "ECA-JWT-NAMEDUSER-VALUES",
    "ECA-JWT-002b",
    "ECA-JWT-003",
    "ECA-JWT-004",
    "ECA-JWT-005",
    "ECA-RT-001",
    "ECA-RT-002",
    "ECA-RT-003",
    "ECA-SES-001",
    "ECA-SES-002",
    "ECA-SES-003",
    "ECA-CC-001",
    "ECA-CC-002",
    "ECA-TX-001",
    "ECA-TX-002",
    "ECA-JWTB-001",
    "ECA-SEC-001",
    "ECA-SEC-002",
    "ECA-SEC-003",
    "ECA-SEC-004",
];

fn in_scope(code: &str) -> bool {
    SCOPE.iter().any(|prefix| code.starts_with(prefix))
}

/// The findings of a fixture, those of this scope's rules only.
fn check(fixture: &str, expect: Expect) {
    let rendered = render_project_diagnostics(&project(fixture));
    let mut kept = String::new();
    let mut keep = false;
    for line in rendered.lines() {
        if !line.starts_with(' ') {
            keep = line
                .split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .is_some_and(|(code, _)| in_scope(code));
        }
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    expect.assert_eq(&kept);
}

#[test]
fn every_rule_of_the_fact_base_exists_once() {
    for id in FACT_IDS {
        let count = all_rules().filter(|rule| rule.info.code == *id).count();
        assert_eq!(count, 1, "{id} is registered {count} times");
    }
    let extra: Vec<&str> = all_rules()
        .map(|rule| rule.info.code)
        .filter(|code| in_scope(code) && !FACT_IDS.contains(code))
        .collect();
    assert!(extra.is_empty(), "rules not in the fact base: {extra:?}");
}

#[test]
fn every_example_fires_and_every_fixed_example_is_quiet() {
    let mut failures = Vec::new();
    for rule in all_rules().filter(|rule| in_scope(rule.info.code)) {
        let code = match rule.check {
            Check::Structural(code) => code,
            Check::HoverOnly => continue,
            Check::File(_) | Check::App(_) => rule.info.code,
        };
        let marker = format!("[{code}]");
        let fires = render_project_diagnostics(&project(rule.info.example));
        if !fires.contains(&marker) {
            failures.push(format!(
                "{}: the example does not fire {code}:\n{fires}",
                rule.info.code
            ));
        }
        let quiet = render_project_diagnostics(&project(rule.info.fixed_example));
        if quiet.contains(&marker) {
            failures.push(format!(
                "{}: the fixed example still fires {code}:\n{quiet}",
                rule.info.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
