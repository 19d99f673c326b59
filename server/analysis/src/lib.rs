//! Pure analysis of Salesforce External Client App metadata: structural diagnostics, the rule
//! engine across the files of an app, and (in later modules) completion, hover and navigation.
//!
//! Text in, plain data out: no IO, no async, no protocol types. Positions are byte offsets;
//! the front ends convert them at their edge.

pub mod code_actions;
pub mod codes;
pub mod completion;
pub mod config;
mod cursor;
pub mod diagnostic;
mod duplicates;
pub mod edits;
pub mod file_kind;
pub mod fixture;
pub mod flows;
pub mod hover;
mod markdown;
pub mod navigation;
pub mod project;
pub mod project_files;
pub mod rules;
pub mod status;
pub mod structural;
pub mod suppress;
pub mod symbols;
pub mod text_util;

#[cfg(test)]
pub(crate) mod test_support;

use std::collections::BTreeMap;

use rayon::prelude::*;

pub use code_actions::{CodeAction, CodeActionKind, code_actions};
pub use completion::{CompletionItem, CompletionKind, TextEdit, completions};
pub use config::{Config, ConfigError, SeveritySetting};
pub use diagnostic::{Diagnostic, DiagnosticTag, FileEdit, Fix, RelatedLocation, Severity};
pub use flows::{AppFlows, FlowNeed, FlowReadiness, FlowState, app_flows, project_flows};
pub use hover::{Hover, hover};
pub use navigation::{NavigationTarget, definition, references};
pub use project::{ApiVersionChoice, ApiVersionSource, App, Project, SourceFile};
pub use status::{FileStatus, file_status};
pub use symbols::{
    DocumentSymbol, FoldingKind, FoldingRange, SymbolKind, document_symbols, folding_ranges,
    selection_ranges,
};

/// Every finding of every file of the project, by path; structural checks per file, rules per
/// file and per app, then each file's suppression comments and the configured severities.
///
/// Files and apps are checked in parallel (on rayon's pool: as many threads as cores, or
/// `RAYON_NUM_THREADS`, or what the front end configured).
pub fn project_diagnostics(project: &Project) -> BTreeMap<String, Vec<Diagnostic>> {
    project_diagnostics_of(project, |_| true)
}

/// The findings of the files of the project that `wanted` accepts, by path, exactly as
/// [`project_diagnostics`] gives them: every file is there for the rules across an app's files,
/// but only the wanted files and the apps they take part in are checked. `eca-ls check` on one
/// file of a large project checks that file's app, not the whole project.
pub fn project_diagnostics_of(
    project: &Project,
    wanted: impl Fn(&str) -> bool + Sync,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let files: Vec<&SourceFile> = project
        .files()
        .filter(|file| file.kind.is_some() && wanted(&file.path))
        .collect();
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = files
        .par_iter()
        .map(|file| (file.path.clone(), file_own_findings(project, file)))
        .collect();
    // Org settings take part in every app's rules; so, to be safe, does a file in no app.
    let every_app = files
        .iter()
        .any(|file| file.is_org_settings() || project.app_of(&file.path).is_none());
    let apps: Vec<App> = project
        .apps()
        .into_iter()
        .filter(|app| {
            every_app
                || app
                    .header
                    .iter()
                    .chain(&app.components)
                    .any(|path| wanted(path))
        })
        .collect();
    let app_findings: Vec<Vec<Diagnostic>> = apps
        .par_iter()
        .map(|app| app_rule_findings(project, app))
        .collect();
    for findings in app_findings {
        distribute(
            &mut by_path,
            findings
                .into_iter()
                .filter(|finding| wanted(&finding.path))
                .collect(),
        );
    }
    finish(project, by_path)
}

/// The findings of the files of one app (header, components) and of the files those findings
/// point into: what a language server re-publishes when one file of the app changes.
pub fn app_diagnostics(project: &Project, app: &App) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for path in app.header.iter().chain(&app.components) {
        let Some(file) = project.file(path) else {
            continue;
        };
        by_path.insert(path.clone(), file_own_findings(project, file));
    }
    distribute(&mut by_path, app_rule_findings(project, app));
    finish(project, by_path)
}

/// The findings of one file: its own checks plus those of its app's rules located in it.
pub fn file_diagnostics(project: &Project, path: &str) -> Vec<Diagnostic> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    if file.kind.is_none() {
        return Vec::new();
    }
    let mut diagnostics = file_own_findings(project, file);
    let findings = if file.is_org_settings() {
        // Org settings take part in every app's rules.
        project.every_app_findings(|app| rules::check_app(project, app))
    } else {
        project
            .app_of(path)
            .map(|app| project.app_findings(&app, |app| rules::check_app(project, app)))
            .into_iter()
            .collect()
    };
    for app_findings in findings {
        diagnostics.extend(
            app_findings
                .iter()
                .filter(|diagnostic| diagnostic.path == path)
                .cloned(),
        );
    }
    let mut by_path = BTreeMap::new();
    by_path.insert(path.to_string(), diagnostics);
    finish(project, by_path).remove(path).unwrap_or_default()
}

/// What is found in one file before the rules across an app's files: the structural checks,
/// the rules of one file, and whether the project holds the file's one-of-a-kind component twice.
/// Every entry point goes through here, so that none of them misses a kind of finding.
fn file_own_findings(project: &Project, file: &SourceFile) -> Vec<Diagnostic> {
    let mut diagnostics = structural::check_file(file, &project.api_version);
    diagnostics.extend(rules::check_file(project, &file.path));
    diagnostics.extend(duplicates::check_file(project, file));
    diagnostics
}

/// The findings of an app's rules, remembered while its files are unchanged.
fn app_rule_findings(project: &Project, app: &App) -> Vec<Diagnostic> {
    project
        .app_findings(app, |app| rules::check_app(project, app))
        .as_ref()
        .clone()
}

fn distribute(by_path: &mut BTreeMap<String, Vec<Diagnostic>>, diagnostics: Vec<Diagnostic>) {
    for diagnostic in diagnostics {
        by_path
            .entry(diagnostic.path.clone())
            .or_default()
            .push(diagnostic);
    }
}

/// Apply suppression comments and configured severities, and sort each file's findings.
fn finish(
    project: &Project,
    by_path: BTreeMap<String, Vec<Diagnostic>>,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let by_path: Vec<(String, Vec<Diagnostic>)> = by_path.into_iter().collect();
    by_path
        .into_par_iter()
        .map(|(path, diagnostics)| {
            let diagnostics = match project.file(&path) {
                Some(file) => suppress::apply(file, diagnostics),
                None => diagnostics,
            };
            let mut diagnostics: Vec<Diagnostic> = diagnostics
                .into_iter()
                .filter_map(|mut diagnostic| {
                    match project.config.severities.get(&diagnostic.code) {
                        Some(SeveritySetting::Off) => return None,
                        Some(SeveritySetting::Is(severity)) => diagnostic.severity = *severity,
                        None => {}
                    }
                    Some(diagnostic)
                })
                .collect();
            diagnostics.sort_by(|left, right| {
                (left.range.start, left.range.end, &left.code).cmp(&(
                    right.range.start,
                    right.range.end,
                    &right.code,
                ))
            });
            diagnostics.dedup();
            (path, diagnostics)
        })
        .collect()
}

#[cfg(test)]
mod diagnostics_of_some_files_tests {
    use crate::test_support::project;

    /// Every code's example and fixed example (many of them several files of one app, with the
    /// org settings): each file's findings, asked for alone, are what the whole project gives it.
    #[test]
    fn findings_of_one_file_are_its_findings_in_the_whole_project() {
        let mut compared = 0;
        for info in crate::codes::all_codes() {
            for fixture in [info.example, info.fixed_example] {
                let project = project(fixture);
                let whole = crate::project_diagnostics(&project);
                for file in project.files().filter(|file| file.kind.is_some()) {
                    let alone = crate::project_diagnostics_of(&project, |path| path == file.path);
                    assert_eq!(
                        alone.keys().collect::<Vec<_>>(),
                        vec![&file.path],
                        "{}: only the file asked for",
                        info.code
                    );
                    assert_eq!(
                        alone.get(&file.path),
                        whole.get(&file.path),
                        "{}: {}",
                        info.code,
                        file.path
                    );
                    compared += usize::from(!alone[&file.path].is_empty());
                }
            }
        }
        assert!(
            compared > 100,
            "only {compared} files with findings compared"
        );
    }
}
