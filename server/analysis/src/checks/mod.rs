//! The checks: everything eca-ls finds wrong in a project, and the entry points that gather it.
//! Structural checks of one file against the schema, the rules across the files of an app,
//! one-of-a-kind components held twice, suppression comments and configured severities, flow
//! readiness (which flows an app switches on and what each still needs), and the registry of
//! every code.
//!
//! May know: the model (`crate::model`), the schema and the syntax tree. Must not know: the
//! writers or the editor features (`crate::writers`, `crate::ide`), nor how a finding is shown
//! to a user; findings are plain `Diagnostic` data with their fixes as edits.

mod duplicates;
pub mod flows;
pub mod migration;
mod package_directories;
pub mod registry;
pub mod rules;
pub mod structural;
pub mod suppress;

#[cfg(test)]
pub(crate) mod test_support;

use std::collections::BTreeMap;

use rayon::prelude::*;

use eca_syntax::TextRange;

use crate::model::codes;
use crate::model::config::SeveritySetting;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::project::{App, Project, SourceFile};

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
    let own_findings: Vec<(String, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| (file.path.clone(), file_own_findings(project, file)))
        .collect();
    let mut by_path = map_of_sorted(own_findings);
    // Org settings take part in every app's rules; so, to be safe, does a file in no app.
    let every_app = files
        .iter()
        .any(|file| file.is_org_settings() || !project.holds_in_an_app(file));
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
    // In a large file, an edit inside one top-level element re-checks that element alone.
    let mut diagnostics = project.top_level_checked(file, STRUCTURAL_SLOT, |reuse| {
        structural::check_file_reusing(file, &project.api_version, reuse)
    });
    diagnostics.extend(rules::check_file(project, &file.path));
    diagnostics.extend(duplicates::check_file(project, file));
    diagnostics.extend(package_directories::check_file(project, file));
    diagnostics.extend(migration::check_file(file));
    diagnostics
}

/// The name under which the structural checks remember what each top-level element found.
const STRUCTURAL_SLOT: &str = "structural";

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
    let finished = by_path
        .into_par_iter()
        .map(|(path, diagnostics)| {
            let diagnostics = match project.file(&path) {
                Some(file) => suppress::apply(project, file, diagnostics),
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
            if let Some(limit) = project.config.finding_limit() {
                let say_so = project.config.severities.get(codes::TOO_MANY_FINDINGS)
                    != Some(&SeveritySetting::Off);
                cap_findings(&path, &mut diagnostics, limit, say_so);
            }
            (path, diagnostics)
        })
        .collect::<Vec<_>>();
    map_of_sorted(finished)
}

/// A map of findings by path from pairs already in path order (a project's files, a map's
/// entries), built in one pass instead of one search from the root per path: with ten
/// thousand files, the searches (each comparing long paths that share most of their bytes)
/// were a noticeable part of `eca-ls check`, on one thread.
fn map_of_sorted(pairs: Vec<(String, Vec<Diagnostic>)>) -> BTreeMap<String, Vec<Diagnostic>> {
    debug_assert!(pairs.is_sorted_by(|left, right| left.0 < right.0));
    // `FromIterator` sorts first, which costs one comparison per pair on sorted input, then
    // builds the tree from the ordered run.
    pairs.into_iter().collect()
}

/// Keep at most `limit` findings of one file — the most severe, in file order — and add one
/// that says how many more there are and how to see them all (`too-many-findings`).
fn cap_findings(path: &str, diagnostics: &mut Vec<Diagnostic>, limit: usize, say_so: bool) {
    if diagnostics.len() <= limit {
        return;
    }
    let rank = |severity: Severity| match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Information => 2,
        Severity::Hint => 3,
    };
    let mut by_severity: Vec<usize> = (0..diagnostics.len()).collect();
    // Stable: equal severities stay in file order.
    by_severity.sort_by_key(|index| rank(diagnostics[*index].severity));
    let mut kept = vec![false; diagnostics.len()];
    for index in by_severity.into_iter().take(limit) {
        kept[index] = true;
    }
    let more = diagnostics.len() - limit;
    let mut index = 0;
    diagnostics.retain(|_| {
        index += 1;
        kept[index - 1]
    });
    if !say_so {
        return;
    }
    let at = diagnostics
        .last()
        .map_or(TextRange::empty(0), |last| TextRange::empty(last.range.end));
    diagnostics.push(Diagnostic::new(
        path,
        at,
        Severity::Information,
        codes::TOO_MANY_FINDINGS,
        format!(
            "{more} more finding{} in this file {} not shown: only {limit} are reported per file; `eca-ls check --max-findings 0` on this file lists them all",
            if more == 1 { "" } else { "s" },
            if more == 1 { "is" } else { "are" },
        ),
    ));
}

#[cfg(test)]
mod tests {
    use crate::checks::test_support::{self, project};
    use crate::model::project::Project;

    /// Every code's example and fixed example (many of them several files of one app, with the
    /// org settings): each file's findings, asked for alone, are what the whole project gives it.
    #[test]
    fn findings_of_one_file_are_its_findings_in_the_whole_project() {
        let mut compared = 0;
        for info in crate::checks::registry::all_codes() {
            for fixture in [info.example, info.fixed_example] {
                let project = project(fixture);
                let whole = super::project_diagnostics(&project);
                for file in project.files().filter(|file| file.kind.is_some()) {
                    let alone = super::project_diagnostics_of(&project, |path| path == file.path);
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

    const PACKAGED_APP: &str = concat!(
        "//- /p/externalClientApps/Wiki.eca-meta.xml\n",
        "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <distributionState>Packaged</distributionState>\n",
        "    <label>Wiki</label>\n",
        "</ExternalClientApplication>\n",
        "//- /p/extlClntAppOauthSettings/Wiki_oauth.ecaOauth-meta.xml\n",
        "<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n",
        "    <externalClientApplication>Wiki</externalClientApplication>\n",
        "    <label>Wiki</label>\n",
        "</ExtlClntAppOauthSettings>\n",
        "//- /p/settings/ExternalClientApp.settings-meta.xml\n",
        "<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <enablePackageEcaOauthFromDevOrg>false</enablePackageEcaOauthFromDevOrg>\n",
        "</ExternalClientAppSettings>\n",
    );
    const HEADER: &str = "/p/externalClientApps/Wiki.eca-meta.xml";
    const ORG_SETTINGS: &str = "/p/settings/ExternalClientApp.settings-meta.xml";

    fn org_settings_codes(project: &Project) -> Vec<String> {
        super::file_diagnostics(project, ORG_SETTINGS)
            .into_iter()
            .map(|diagnostic| diagnostic.code)
            .collect()
    }

    #[test]
    fn remembered_app_findings_follow_every_change_of_the_files_they_come_from() {
        // The org settings file holds a finding of the app's rules (ECA-PKG-001): it must come
        // and go with the header, with the org settings, and stay with each snapshot.
        let mut project = test_support::project(PACKAGED_APP);
        assert_eq!(org_settings_codes(&project), ["ECA-PKG-001"]);
        let packaged = project.clone();
        let header_text = project
            .file(HEADER)
            .map(|file| file.text.clone())
            .unwrap_or_default();
        project.set_file(HEADER, header_text.replace("Packaged", "Local"));
        assert!(org_settings_codes(&project).is_empty());
        assert_eq!(
            org_settings_codes(&packaged),
            ["ECA-PKG-001"],
            "the snapshot keeps its findings"
        );
        project.set_file(HEADER, header_text.clone());
        assert_eq!(org_settings_codes(&project), ["ECA-PKG-001"]);
        let org_text = project
            .file(ORG_SETTINGS)
            .map(|file| file.text.clone())
            .unwrap_or_default();
        project.set_file(ORG_SETTINGS, org_text.replace("false", "true"));
        assert!(org_settings_codes(&project).is_empty());
        project.remove_file("/p/extlClntAppOauthSettings/Wiki_oauth.ecaOauth-meta.xml");
        project.set_file(ORG_SETTINGS, org_text);
        assert!(
            org_settings_codes(&project).is_empty(),
            "the rule needs the OAuth settings"
        );
        assert_eq!(org_settings_codes(&packaged), ["ECA-PKG-001"]);
    }
}

/// Which fixes are safe to apply in bulk: the cases each kind of fix is safe in, and not.
#[cfg(test)]
mod fix_safety_tests;
