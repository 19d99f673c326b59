//! The rule engine: conflicting and incomplete settings within one file and across the files
//! of one app, each rule a small registered unit with its code, severity, explanation,
//! examples and sources.

mod access;
mod client_credentials;
pub(crate) mod conditions;
mod context;
#[cfg(test)]
mod field_names_tests;
#[cfg(test)]
pub(crate) mod issue10_tests;
mod jwt;
pub mod lists;
mod mobile_push;
#[cfg(test)]
mod oauth_tests;
mod packaging;
mod plugins;
pub mod posture;
mod references;
mod saml_canvas;
mod secrets;
mod sources;
mod token_exchange;
mod tokens;

use std::sync::OnceLock;

use eca_syntax::ElementId;

use crate::model::codes::CodeInfo;
use crate::model::diagnostic::Diagnostic;
use crate::model::project::{App, Project};
use crate::model::top_level::Reuse;

pub use context::{AppContext, FieldValue, FileContext, FindingExt, Findings, Location, View};

/// One rule.
pub struct Rule {
    pub info: CodeInfo,
    /// The fields the rule is about, as `Type.field` (`Type.*` for a whole type): hover lists
    /// the rule on each of them.
    pub involves: &'static [&'static str],
    pub check: Check,
}

/// How a rule finds its cases.
pub enum Check {
    /// Looks at one file at a time.
    File(fn(&FileContext, &mut Findings)),
    /// Looks at one top-level element of a file at a time (a child of the root given as a
    /// view of the root, with what is nested in it), reading nothing outside it: after an edit
    /// elsewhere in a large file, what it found in that element is reused (see
    /// `model::top_level`).
    TopLevel(fn(&View, ElementId, &mut Findings)),
    /// Looks across the files of one app (and the project's org settings).
    App(fn(&AppContext, &mut Findings)),
    /// A structural code already reports it (allowed values, API versions, deprecation); the
    /// rule exists for its documentation and names that code.
    Structural(&'static str),
    /// Guidance shown on hover of the involved fields; never a diagnostic.
    HoverOnly,
}

/// Every rule, grouped by topic.
pub fn all_rules() -> impl Iterator<Item = &'static Rule> {
    [
        references::RULES,
        plugins::RULES,
        access::RULES,
        jwt::RULES,
        tokens::RULES,
        client_credentials::RULES,
        token_exchange::RULES,
        secrets::RULES,
        packaging::RULES,
        mobile_push::RULES,
        saml_canvas::RULES,
        posture::RULES,
    ]
    .into_iter()
    .flatten()
}

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    all_rules().find(|rule| rule.info.code.eq_ignore_ascii_case(code))
}

/// The rules that name `type_name.field_name` among the fields they involve; `field_name` `*`
/// gives the rules about the whole type.
pub fn rules_involving(type_name: &str, field_name: &str) -> Vec<&'static Rule> {
    let involved = format!("{type_name}.{field_name}");
    all_rules()
        .filter(|rule| rule.involves.contains(&involved.as_str()))
        .collect()
}

/// Run the file rules on one file.
pub fn check_file(project: &Project, path: &str) -> Vec<Diagnostic> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let Some(view) = View::root(file) else {
        return Vec::new();
    };
    let context = FileContext { project, view };
    let mut diagnostics = Vec::new();
    for (rule, strict_only) in rules_with_strictness() {
        if !posture::runs_unless_strict_only(project, rule.info.code, *strict_only) {
            continue;
        }
        match rule.check {
            Check::File(check) => {
                let mut findings = Findings::new(rule);
                check(&context, &mut findings);
                diagnostics.extend(findings.into_diagnostics());
            }
            Check::TopLevel(check) => {
                diagnostics.extend(project.top_level_checked(file, rule.info.code, |reuse| {
                    check_top_level(&view, rule, check, reuse)
                }));
            }
            Check::App(_) | Check::Structural(_) | Check::HoverOnly => {}
        }
    }
    diagnostics
}

/// A [`Check::TopLevel`] rule on each top-level element of the file `root` views, or what it
/// found there before an edit elsewhere; returns every finding and each element's own.
fn check_top_level(
    root: &View,
    rule: &'static Rule,
    check: fn(&View, ElementId, &mut Findings),
    reuse: Option<&Reuse>,
) -> (Vec<Diagnostic>, Vec<Vec<Diagnostic>>) {
    let document = &root.file.parse.document;
    let mut every = Vec::new();
    // At most one element per child node: the list is not regrown element by element.
    let mut by_element = Vec::with_capacity(document.element(root.element).children().len());
    for (index, element) in document.child_elements(root.element).enumerate() {
        let own = match reuse.and_then(|reuse| reuse.element(index)) {
            Some(found) => found,
            None => {
                let mut findings = Findings::new(rule);
                check(root, element, &mut findings);
                findings.into_diagnostics()
            }
        };
        every.extend(own.iter().cloned());
        by_element.push(own);
    }
    (every, by_element)
}

/// Run the app rules on one app; findings may be located in any of its files.
pub fn check_app(project: &Project, app: &App) -> Vec<Diagnostic> {
    let context = AppContext::new(project, app);
    let mut diagnostics = Vec::new();
    for (rule, strict_only) in rules_with_strictness() {
        if let Check::App(check) = rule.check
            && posture::runs_unless_strict_only(project, rule.info.code, *strict_only)
        {
            let mut findings = Findings::new(rule);
            check(&context, &mut findings);
            diagnostics.extend(findings.into_diagnostics());
        }
    }
    diagnostics
}

/// Every rule, in the order of [`all_rules`], with whether it follows a control of the strict
/// profile only. Worked out once per process: looking each rule's code up among the posture
/// controls (a case-insensitive search) for every file and app was about 50,000 instructions
/// per file of `eca-ls check`, a quarter of its work (docs/benchmarks.md).
fn rules_with_strictness() -> &'static [(&'static Rule, bool)] {
    static RULES_WITH_STRICTNESS: OnceLock<Vec<(&'static Rule, bool)>> = OnceLock::new();
    RULES_WITH_STRICTNESS.get_or_init(|| {
        all_rules()
            .map(|rule| (rule, posture::is_strict_only(rule.info.code)))
            .collect()
    })
}
