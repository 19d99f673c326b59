//! Two files of one project that hold the same one-of-a-kind component: the org settings of
//! one type, or the header of one app. Salesforce keeps one of each, so one file's values are
//! silently lost, and eca-ls's checks across files read only one of them.
//!
//! What forms a project is the front end's decision (each sfdx project on its own); this module
//! only compares the files the project holds.

use eca_syntax::TextRange;

use crate::model::codes;
use crate::model::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::model::project::{Project, SourceFile, app_key};

/// The findings of `duplicate-org-settings` and `duplicate-app-header` in one file. Every file
/// of a duplicated pair is reported, the one eca-ls reads too: neither is the right one by
/// itself, and whoever opens either file needs to know about the other.
pub fn check_file(project: &Project, file: &SourceFile) -> Vec<Diagnostic> {
    if file.is_org_settings() {
        let Some(type_name) = file.type_name() else {
            return Vec::new();
        };
        let same: Vec<&SourceFile> = project.org_settings_files_of(type_name).collect();
        return duplicate(
            project,
            file,
            &same,
            codes::DUPLICATE_ORG_SETTINGS,
            &format!("`{type_name}`"),
            "eca-ls checks every app against",
        )
        .into_iter()
        .collect();
    }
    if file.is_header() {
        let same: Vec<&SourceFile> = project.headers_of(&file.full_name).collect();
        return duplicate(
            project,
            file,
            &same,
            codes::DUPLICATE_APP_HEADER,
            &format!("the header of the app `{}`", app_key(&file.full_name)),
            "eca-ls takes the app's header from",
        )
        .into_iter()
        .collect();
    }
    Vec::new()
}

/// The finding in `file` when `same` (every file of its component, in path order, the one in
/// use first) holds another file.
fn duplicate(
    project: &Project,
    file: &SourceFile,
    same: &[&SourceFile],
    code: &str,
    what: &str,
    used_for: &str,
) -> Option<Diagnostic> {
    let others: Vec<&SourceFile> = same
        .iter()
        .copied()
        .filter(|other| other.path != file.path)
        .collect();
    let in_use = same.first()?;
    if others.is_empty() {
        return None;
    }
    // A few names, then a count: a component copied into 2,000 package folders must not make
    // each of 2,000 findings name the 1,999 others (report #15: 443 MB of JSON).
    let mut other_paths: Vec<String> = others
        .iter()
        .take(NAMED_OTHERS)
        .map(|other| format!("`{}`", project.relative_path(&other.path)))
        .collect();
    if others.len() > NAMED_OTHERS {
        other_paths.push(format!("{} others", others.len() - NAMED_OTHERS));
    }
    let in_use_here = in_use.path == file.path;
    let in_use_name = if in_use_here {
        "this file".to_string()
    } else if others.len() == 1 {
        "that file".to_string()
    } else {
        format!("`{}`", project.relative_path(&in_use.path))
    };
    let not_here = if in_use_here { "" } else { ", not this one" };
    let message = format!(
        "{what} is also in {}; {used_for} {in_use_name}, the first by path{not_here}. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project",
        joined(&other_paths)
    );
    let mut diagnostic = Diagnostic::new(
        file.path.clone(),
        root_name_range(file),
        Severity::Warning,
        code,
        message,
    );
    // The file in use first when it is another one, then the first few others.
    let in_use_elsewhere = (!in_use_here).then_some(*in_use);
    diagnostic.related = in_use_elsewhere
        .into_iter()
        .chain(
            others
                .iter()
                .copied()
                .filter(|other| other.path != in_use.path),
        )
        .take(RELATED_OTHERS)
        .map(|other| RelatedLocation {
            path: other.path.clone(),
            range: root_name_range(other),
            message: if other.path == in_use.path {
                format!("{what}: the file eca-ls reads")
            } else {
                format!("{what}: another file")
            },
        })
        .collect();
    Some(diagnostic)
}

/// How many other files a duplicate finding names in its message; the rest are counted.
const NAMED_OTHERS: usize = 3;

/// How many other files a duplicate finding points at as related information.
const RELATED_OTHERS: usize = 20;

/// `a`, `a and b`, `a, b and c`.
fn joined(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The root element's name, where a finding about the whole file goes; the file's start when
/// it has no root element.
pub(super) fn root_name_range(file: &SourceFile) -> TextRange {
    file.parse
        .document
        .root()
        .map_or(TextRange::empty(0), |root| {
            file.parse.document.element(root).name_range()
        })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use eca_syntax::PositionEncoding;
    use expect_test::{Expect, expect};

    use super::*;
    use crate::checks::test_support;

    const NS: &str = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

    fn oauth_oidc(path: &str, flow: bool) -> String {
        format!(
            "//- {path}\n<OauthOidcSettings {NS}>\n    <oAuthCdCrdtFlowEnable>{flow}</oAuthCdCrdtFlowEnable>\n</OauthOidcSettings>\n"
        )
    }

    fn external_client_app_settings(path: &str) -> String {
        format!(
            "//- {path}\n<ExternalClientAppSettings {NS}>\n    <enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>\n</ExternalClientAppSettings>\n"
        )
    }

    fn header(path: &str, label: &str) -> String {
        format!(
            "//- {path}\n<ExternalClientApplication {NS}>\n    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>{label}</label>\n</ExternalClientApplication>\n"
        )
    }

    /// The project's findings of the two codes, with full paths (the files of a duplicate pair
    /// share their name).
    fn render(project: &Project) -> String {
        let mut out = String::new();
        for (path, diagnostics) in crate::checks::project_diagnostics(project) {
            for diagnostic in diagnostics
                .iter()
                .filter(|diagnostic| is_duplicate(diagnostic))
            {
                let position = project
                    .file(&path)
                    .map(|file| {
                        file.line_index()
                            .line_col(diagnostic.range.start, PositionEncoding::Utf16)
                    })
                    .map(|at| format!("{}:{}", at.line + 1, at.col + 1))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{path}:{position} {}[{}] {}",
                    diagnostic.severity, diagnostic.code, diagnostic.message
                );
                for related in &diagnostic.related {
                    let _ = writeln!(out, "  related {} {}", related.path, related.message);
                }
            }
        }
        out
    }

    fn is_duplicate(diagnostic: &Diagnostic) -> bool {
        diagnostic.code == codes::DUPLICATE_ORG_SETTINGS
            || diagnostic.code == codes::DUPLICATE_APP_HEADER
    }

    fn check(fixture: &str, expected: Expect) {
        expected.assert_eq(&render(&test_support::project(fixture)));
    }

    fn codes_in(project: &Project, path: &str) -> Vec<String> {
        crate::checks::file_diagnostics(project, path)
            .into_iter()
            .filter(is_duplicate)
            .map(|diagnostic| diagnostic.code)
            .collect()
    }

    #[test]
    fn one_org_settings_type_in_three_files_warns_in_each_and_names_the_one_in_use() {
        // Two package directories and a Metadata API format copy: one type, three files.
        let fixture = [
            oauth_oidc(
                "/force-app/main/default/settings/OauthOidc.settings-meta.xml",
                true,
            ),
            oauth_oidc(
                "/org-config/main/default/settings/OauthOidc.settings-meta.xml",
                false,
            ),
            oauth_oidc("/mdapi/settings/OauthOidc.settings", false),
        ]
        .concat();
        check(
            &fixture,
            expect![[r#"
                /force-app/main/default/settings/OauthOidc.settings-meta.xml:1:2 warning[duplicate-org-settings] `OauthOidcSettings` is also in `mdapi/settings/OauthOidc.settings` and `org-config/main/default/settings/OauthOidc.settings-meta.xml`; eca-ls checks every app against this file, the first by path. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project
                  related /mdapi/settings/OauthOidc.settings `OauthOidcSettings`: another file
                  related /org-config/main/default/settings/OauthOidc.settings-meta.xml `OauthOidcSettings`: another file
                /mdapi/settings/OauthOidc.settings:1:2 warning[duplicate-org-settings] `OauthOidcSettings` is also in `force-app/main/default/settings/OauthOidc.settings-meta.xml` and `org-config/main/default/settings/OauthOidc.settings-meta.xml`; eca-ls checks every app against `force-app/main/default/settings/OauthOidc.settings-meta.xml`, the first by path, not this one. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project
                  related /force-app/main/default/settings/OauthOidc.settings-meta.xml `OauthOidcSettings`: the file eca-ls reads
                  related /org-config/main/default/settings/OauthOidc.settings-meta.xml `OauthOidcSettings`: another file
                /org-config/main/default/settings/OauthOidc.settings-meta.xml:1:2 warning[duplicate-org-settings] `OauthOidcSettings` is also in `force-app/main/default/settings/OauthOidc.settings-meta.xml` and `mdapi/settings/OauthOidc.settings`; eca-ls checks every app against `force-app/main/default/settings/OauthOidc.settings-meta.xml`, the first by path, not this one. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project
                  related /force-app/main/default/settings/OauthOidc.settings-meta.xml `OauthOidcSettings`: the file eca-ls reads
                  related /mdapi/settings/OauthOidc.settings `OauthOidcSettings`: another file
            "#]],
        );
    }

    #[test]
    fn the_file_named_in_use_is_the_one_the_rules_across_files_are_given() {
        // The first file allows the flow and the second does not: the app's rules see the first.
        let project = test_support::project(
            &[
                oauth_oidc("/a/settings/OauthOidc.settings-meta.xml", true),
                oauth_oidc("/b/settings/OauthOidc.settings-meta.xml", false),
            ]
            .concat(),
        );
        assert_eq!(
            project
                .org_settings("OauthOidcSettings")
                .map(|file| file.path.as_str()),
            Some("/a/settings/OauthOidc.settings-meta.xml")
        );
        let message =
            crate::checks::file_diagnostics(&project, "/b/settings/OauthOidc.settings-meta.xml")
                .into_iter()
                .find(is_duplicate)
                .map(|diagnostic| diagnostic.message)
                .unwrap_or_default();
        assert!(
            message.contains("against that file, the first by path, not this one"),
            "{message}"
        );
    }

    #[test]
    fn different_org_settings_types_and_a_single_file_are_quiet() {
        check(
            &[
                oauth_oidc(
                    "/force-app/main/default/settings/OauthOidc.settings-meta.xml",
                    true,
                ),
                external_client_app_settings(
                    "/org-config/main/default/settings/ExternalClientApp.settings-meta.xml",
                ),
                header(
                    "/force-app/main/default/externalClientApps/Portal.eca-meta.xml",
                    "Portal",
                ),
                header(
                    "/org-config/main/default/externalClientApps/Shop.eca-meta.xml",
                    "Shop",
                ),
            ]
            .concat(),
            expect![""],
        );
    }

    #[test]
    fn two_headers_of_one_app_warn_in_each() {
        check(
            &[
                header(
                    "/force-app/main/default/externalClientApps/Portal.eca-meta.xml",
                    "Portal",
                ),
                header(
                    "/legacy/main/default/externalClientApps/Portal.eca-meta.xml",
                    "Customer Portal",
                ),
            ]
            .concat(),
            expect![[r#"
                /force-app/main/default/externalClientApps/Portal.eca-meta.xml:1:2 warning[duplicate-app-header] the header of the app `Portal` is also in `legacy/main/default/externalClientApps/Portal.eca-meta.xml`; eca-ls takes the app's header from this file, the first by path. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project
                  related /legacy/main/default/externalClientApps/Portal.eca-meta.xml the header of the app `Portal`: another file
                /legacy/main/default/externalClientApps/Portal.eca-meta.xml:1:2 warning[duplicate-app-header] the header of the app `Portal` is also in `force-app/main/default/externalClientApps/Portal.eca-meta.xml`; eca-ls takes the app's header from that file, the first by path, not this one. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project
                  related /force-app/main/default/externalClientApps/Portal.eca-meta.xml the header of the app `Portal`: the file eca-ls reads
            "#]],
        );
    }

    #[test]
    fn the_other_file_follows_when_one_changes_goes_or_comes_back() {
        const FIRST: &str = "/force-app/main/default/externalClientApps/Portal.eca-meta.xml";
        const SECOND: &str = "/legacy/main/default/externalClientApps/Portal.eca-meta.xml";
        const SETTINGS: &str = "/force-app/main/default/settings/OauthOidc.settings-meta.xml";
        const SECOND_SETTINGS: &str = "/legacy/main/default/settings/OauthOidc.settings-meta.xml";
        let fixture = [
            header(FIRST, "Portal"),
            header(SECOND, "Portal"),
            oauth_oidc(SETTINGS, true),
            oauth_oidc(SECOND_SETTINGS, true),
        ]
        .concat();
        let mut project = test_support::project(&fixture);
        let snapshot = project.clone();
        let second_text = project
            .file(SECOND)
            .map(|file| file.text.clone())
            .unwrap_or_default();
        let second_settings_text = project
            .file(SECOND_SETTINGS)
            .map(|file| file.text.clone())
            .unwrap_or_default();
        assert_eq!(codes_in(&project, FIRST), [codes::DUPLICATE_APP_HEADER]);
        assert_eq!(
            codes_in(&project, SETTINGS),
            [codes::DUPLICATE_ORG_SETTINGS]
        );

        project.remove_file(SECOND);
        project.remove_file(SECOND_SETTINGS);
        assert!(codes_in(&project, FIRST).is_empty());
        assert!(codes_in(&project, SETTINGS).is_empty());
        // The app's findings (what a language server republishes) agree.
        let app = project.app_named("Portal");
        let by_app = app
            .map(|app| crate::checks::app_diagnostics(&project, &app))
            .unwrap_or_default();
        assert!(
            by_app
                .get(FIRST)
                .is_some_and(|all| !all.iter().any(is_duplicate))
        );
        assert_eq!(
            codes_in(&snapshot, FIRST),
            [codes::DUPLICATE_APP_HEADER],
            "the snapshot keeps both files"
        );

        project.set_file(SECOND, second_text);
        project.set_file(SECOND_SETTINGS, second_settings_text);
        assert_eq!(codes_in(&project, FIRST), [codes::DUPLICATE_APP_HEADER]);
        assert_eq!(codes_in(&project, SECOND), [codes::DUPLICATE_APP_HEADER]);
        assert_eq!(
            codes_in(&project, SETTINGS),
            [codes::DUPLICATE_ORG_SETTINGS]
        );

        // A header renamed to another app leaves the pair.
        let renamed = project
            .file(SECOND)
            .map(|file| file.text.clone())
            .unwrap_or_default();
        project.remove_file(SECOND);
        project.set_file(
            "/legacy/main/default/externalClientApps/Shop.eca-meta.xml",
            renamed,
        );
        assert!(codes_in(&project, FIRST).is_empty());
    }
}

#[cfg(test)]
mod bounded_tests {
    use super::*;
    use crate::checks::test_support;

    /// Report #15: one app header in 2,000 package folders made each of 2,000 findings name
    /// the 1,999 others (O(n²) output). Each finding now names three, counts the rest, and
    /// points at no more than twenty.
    #[test]
    fn a_component_copied_many_times_names_a_few_copies_and_counts_the_rest() {
        let copies = 50;
        let fixture: String = (0..copies)
            .map(|index| {
                format!(
                    "//- /p{index:02}/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n"
                )
            })
            .collect();
        let project = test_support::project(&fixture);
        let all = crate::checks::project_diagnostics(&project);
        let findings: Vec<&Diagnostic> = all
            .values()
            .flatten()
            .filter(|diagnostic| diagnostic.code == codes::DUPLICATE_APP_HEADER)
            .collect();
        assert_eq!(findings.len(), copies);
        for finding in findings {
            assert!(
                finding
                    .message
                    .contains(&format!(" and {} others;", copies - 1 - NAMED_OTHERS)),
                "{}",
                finding.message
            );
            assert_eq!(
                finding.message.matches("`/p").count(),
                0,
                "paths shown relative"
            );
            assert_eq!(finding.related.len(), RELATED_OTHERS, "{finding:?}");
            assert!(
                finding
                    .related
                    .iter()
                    .all(|related| related.path != finding.path)
            );
        }
    }
}
