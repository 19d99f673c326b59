//! The registry of every code eca-ls can report: the structural codes (whose data lives in
//! `model::codes`) followed by the rule codes (which live with their rules). It sits with the
//! checks because listing the rules needs them; the model only knows the codes' data.

use crate::checks::rules;
use crate::checks::rules::posture;
use crate::model::codes::{CodeInfo, Control, STRUCTURAL_CODES};
use crate::model::config::Profile;

/// Every code eca-ls can report: structural codes, then rule codes.
pub fn all_codes() -> Vec<&'static CodeInfo> {
    every_code().collect()
}

/// The documentation of one code (case-insensitive).
pub fn code_info(code: &str) -> Option<&'static CodeInfo> {
    every_code().find(|info| info.code.eq_ignore_ascii_case(code))
}

/// Every code's name, for configuration checks.
pub fn all_code_names() -> Vec<&'static str> {
    every_code().map(|info| info.code).collect()
}

/// The security control a posture code follows (`ECA-POSTURE-…`, `ECA-PKG-002`).
pub fn control(code: &str) -> Option<&'static Control> {
    posture::control(code)
}

/// The profile a code runs in: `strict` for the posture codes of the strict profile,
/// `baseline` for every other code (which runs in both).
pub fn profile_of(code: &str) -> Profile {
    control(code).map_or(Profile::Baseline, |control| control.profile)
}

/// [`all_codes`] without collecting them: looking one code up allocates nothing.
fn every_code() -> impl Iterator<Item = &'static CodeInfo> {
    STRUCTURAL_CODES
        .iter()
        .chain(rules::all_rules().map(|rule| &rule.info))
}

#[cfg(test)]
mod tests {
    use crate::checks::rules::{self, Check};
    use crate::checks::test_support::{project, render_project_diagnostics};
    use crate::model::codes::STRUCTURAL_CODES;

    /// The code a code's examples are checked against: a rule reported by a structural code is
    /// seen under that code.
    fn reported_code(code: &str) -> Option<&'static str> {
        match rules::rule(code).map(|rule| &rule.check) {
            Some(Check::Structural(structural)) => Some(structural),
            Some(Check::HoverOnly) => None,
            _ => super::all_codes()
                .into_iter()
                .find(|info| info.code == code)
                .map(|info| info.code),
        }
    }

    #[test]
    fn every_example_fires_and_every_fixed_example_is_quiet() {
        let mut failures = Vec::new();
        for info in super::all_codes() {
            let Some(code) = reported_code(info.code) else {
                continue;
            };
            let fires = render_project_diagnostics(&project(info.example));
            if !fires.contains(&format!("[{code}]")) {
                failures.push(format!(
                    "{}: the example does not fire {code}:\n{fires}",
                    info.code
                ));
            }
            let quiet = render_project_diagnostics(&project(info.fixed_example));
            if quiet.contains(&format!("[{code}]")) {
                failures.push(format!(
                    "{}: the fixed example still fires {code}:\n{quiet}",
                    info.code
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn codes_are_unique_and_documented() {
        let mut seen = std::collections::BTreeSet::new();
        for info in super::all_codes() {
            assert!(seen.insert(info.code), "duplicate code {}", info.code);
            assert!(
                !info.title.is_empty() && !info.explanation.is_empty(),
                "{} lacks docs",
                info.code
            );
            assert!(
                info.sources
                    .iter()
                    .all(|source| source.starts_with("https://")),
                "{} has a source that is not a URL",
                info.code
            );
        }
    }

    /// Every claim cites the page itself: a source that is a guide's root (or any page that
    /// holds no single claim) fails, as does a posture code's control page.
    #[test]
    fn every_source_is_a_page_not_a_guide_root() {
        let mut problems = Vec::new();
        for info in super::all_codes() {
            let control = super::control(info.code).map(|control| control.page);
            for source in info.sources.iter().copied().chain(control) {
                if let Some(problem) = eca_schema::links::page_link_problem(source) {
                    problems.push(format!("{}: {source}: {problem}", info.code));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // The check itself refuses a guide's root.
        assert!(
            eca_schema::links::page_link_problem(
                "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/"
            )
            .is_some()
        );
    }

    #[test]
    fn structural_rules_name_an_existing_code_in_their_explanation() {
        for rule in rules::all_rules() {
            if let Check::Structural(code) = rule.check {
                assert!(
                    STRUCTURAL_CODES.iter().any(|info| info.code == code),
                    "{} names the unknown structural code {code}",
                    rule.info.code
                );
                assert!(
                    rule.info.explanation.contains(&format!("`{code}`")),
                    "{} does not name `{code}` in its explanation",
                    rule.info.code
                );
            }
        }
    }
}
