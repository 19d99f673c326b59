//! Where the files of a project lie against its package directories (`packageDirectories` in
//! `sfdx-project.json`): the Salesforce CLI deploys and retrieves only what lies in one of them,
//! and when the project builds packages, each directory is a package of its own. A file outside
//! every one (a template, a copy) is still checked, and told that it is not deployed; the files
//! of one app that lie in more than one directory are told so.
//!
//! Knows the model only: which directories the project has is read with its settings
//! (`project_files`), by the front end.

use crate::checks::duplicates::root_name_range;
use crate::model::codes;
use crate::model::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::model::project::{Project, SourceFile};

/// The `package-directories` findings of one file.
pub fn check_file(project: &Project, file: &SourceFile) -> Vec<Diagnostic> {
    let Some(directories) = project.config.package_directories.as_deref() else {
        return Vec::new();
    };
    if directories.is_empty() || file.type_name().is_none() {
        return Vec::new();
    }
    match place(project, directories, &file.path) {
        Place::Elsewhere => Vec::new(),
        Place::Outside => vec![Diagnostic::new(
            file.path.clone(),
            root_name_range(file),
            Severity::Information,
            codes::PACKAGE_DIRECTORIES,
            format!(
                "this file lies outside every package directory of sfdx-project.json ({}): the Salesforce CLI does not deploy it. Move it into one, add its folder to `packageDirectories`, or leave it out with `.forceignore` if it is a template",
                named(directories.iter().map(|directory| normalized(directory)))
            ),
        )],
        Place::In(here) => split_app(project, directories, file, here)
            .into_iter()
            .collect(),
    }
}

/// Where a path lies: in a package directory (the first that holds it, as written but
/// normalized), outside all of them, or outside the project's root (nothing to say).
enum Place<'a> {
    In(&'a str),
    Outside,
    Elsewhere,
}

fn place<'a>(project: &Project, directories: &'a [String], path: &str) -> Place<'a> {
    let relative = project.relative_path(path);
    if relative == path && !project.root.is_empty() && project.root != "." {
        return Place::Elsewhere;
    }
    // Copied only when there is a `\\` to turn: most paths have none.
    let relative: std::borrow::Cow<'_, str> = if relative.contains('\\') {
        relative.replace('\\', "/").into()
    } else {
        relative.into()
    };
    let relative = relative.trim_start_matches("./");
    directories
        .iter()
        .map(|directory| normalized(directory))
        .find(|directory| {
            directory.is_empty()
                || relative == *directory
                || relative
                    .strip_prefix(*directory)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .map_or(Place::Outside, Place::In)
}

/// A package directory as `sfdx-project.json` may write it (`./force-app/`, `force-app\`), as
/// a relative `/`-separated folder; the project's root itself is the empty string.
fn normalized(directory: &str) -> &str {
    let directory = directory.trim();
    let directory = directory.strip_prefix("./").unwrap_or(directory);
    let directory = directory.trim_end_matches(['/', '\\']);
    if directory == "." { "" } else { directory }
}

/// The finding of a file whose app has files in another package directory than this one.
fn split_app(
    project: &Project,
    directories: &[String],
    file: &SourceFile,
    here: &str,
) -> Option<Diagnostic> {
    if directories.len() < 2 {
        // With one package directory every file placed in one is in this one.
        return None;
    }
    let app = project.app_of(&file.path)?;
    if file.is_header() && app.header.as_deref() != Some(file.path.as_str()) {
        // A second header of the app: `duplicate-app-header` says where the first one is.
        return None;
    }
    let elsewhere: Vec<(&SourceFile, &str)> = app
        .header
        .iter()
        .chain(&app.components)
        .filter(|path| **path != file.path)
        .filter_map(|path| {
            let other = project.file(path)?;
            match place(project, directories, path) {
                Place::In(directory) if directory != here => Some((other, directory)),
                _ => None,
            }
        })
        .collect();
    if elsewhere.is_empty() {
        return None;
    }
    let mut others: Vec<String> = elsewhere
        .iter()
        .take(NAMED_OTHERS)
        .map(|(other, directory)| {
            format!(
                "`{}` in `{}`",
                crate::model::file_kind::file_name(&other.path),
                shown(directory)
            )
        })
        .collect();
    if elsewhere.len() > NAMED_OTHERS {
        others.push(format!("{} others", elsewhere.len() - NAMED_OTHERS));
    }
    let mut diagnostic = Diagnostic::new(
        file.path.clone(),
        root_name_range(file),
        Severity::Information,
        codes::PACKAGE_DIRECTORIES,
        format!(
            "the files of the app `{}` lie in more than one package directory: this one in `{}`, {}. A deploy of one directory deploys part of the app, and a package built from one lacks the others' files; keep an app's files in one package directory",
            app.name,
            shown(here),
            others.join(", ")
        ),
    );
    diagnostic.related = elsewhere
        .iter()
        .take(RELATED_OTHERS)
        .map(|(other, directory)| RelatedLocation {
            path: other.path.clone(),
            range: root_name_range(other),
            message: format!("a file of `{}` in `{}`", app.name, shown(directory)),
        })
        .collect();
    Some(diagnostic)
}

/// How many files of other package directories a message names; the rest are counted.
const NAMED_OTHERS: usize = 3;

/// How many of them a finding points at as related information.
const RELATED_OTHERS: usize = 20;

/// A package directory for a person: the project's root is `.`.
fn shown(directory: &str) -> &str {
    if directory.is_empty() { "." } else { directory }
}

/// `` `a`, `b` `` for the directories of a message.
fn named<'a>(directories: impl Iterator<Item = &'a str>) -> String {
    directories
        .map(|directory| format!("`{}`", shown(directory)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::model::fixture::Fixture;

    const SFDX: &str = "//- /sfdx-project.json\n{ \"packageDirectories\": [{ \"path\": \"force-app\", \"default\": true }, { \"path\": \"./ps-eca/\" }] }\n";

    fn header(folder: &str) -> String {
        format!(
            "//- /{folder}/main/default/externalClientApps/Portal.eca-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Portal</label>\n</ExternalClientApplication>\n"
        )
    }

    fn policies(folder: &str) -> String {
        format!(
            "//- /{folder}/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n    <isEnabled>true</isEnabled>\n    <label>Portal</label>\n</ExtlClntAppConfigurablePolicies>\n"
        )
    }

    /// The `package-directories` findings of every file, one line each.
    fn check(fixture: &str, expected: Expect) {
        let fixture = Fixture::parse(fixture).unwrap_or_else(|error| panic!("{error}"));
        let project = fixture
            .project(&crate::checks::registry::all_code_names())
            .unwrap_or_else(|error| panic!("{error}"));
        let mut out = String::new();
        for file in project.files() {
            for diagnostic in super::check_file(&project, file) {
                out.push_str(&format!(
                    "{}: {}\n",
                    project.relative_path(&file.path),
                    diagnostic.message
                ));
                for related in &diagnostic.related {
                    out.push_str(&format!(
                        "  {}: {}\n",
                        project.relative_path(&related.path),
                        related.message
                    ));
                }
            }
        }
        expected.assert_eq(&out);
    }

    #[test]
    fn files_inside_the_package_directories_say_nothing() {
        check(
            &format!("{SFDX}{}{}", header("force-app"), policies("force-app")),
            expect![""],
        );
        // Without an sfdx-project.json (Metadata API format), nothing is known of directories.
        check(
            &format!("{}{}", header("templates"), policies("force-app")),
            expect![""],
        );
    }

    #[test]
    fn a_file_outside_every_package_directory_is_not_deployed() {
        check(
            &format!("{SFDX}{}{}", header("force-app"), policies("templates")),
            expect![[r#"
                templates/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml: this file lies outside every package directory of sfdx-project.json (`force-app`, `ps-eca`): the Salesforce CLI does not deploy it. Move it into one, add its folder to `packageDirectories`, or leave it out with `.forceignore` if it is a template
            "#]],
        );
    }

    #[test]
    fn an_app_split_across_package_directories_is_told_in_each_file() {
        check(
            &format!("{SFDX}{}{}", header("force-app"), policies("ps-eca")),
            expect![[r#"
                force-app/main/default/externalClientApps/Portal.eca-meta.xml: the files of the app `Portal` lie in more than one package directory: this one in `force-app`, `Portal_plcy.ecaPlcy-meta.xml` in `ps-eca`. A deploy of one directory deploys part of the app, and a package built from one lacks the others' files; keep an app's files in one package directory
                  ps-eca/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml: a file of `Portal` in `ps-eca`
                ps-eca/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml: the files of the app `Portal` lie in more than one package directory: this one in `ps-eca`, `Portal.eca-meta.xml` in `force-app`. A deploy of one directory deploys part of the app, and a package built from one lacks the others' files; keep an app's files in one package directory
                  force-app/main/default/externalClientApps/Portal.eca-meta.xml: a file of `Portal` in `force-app`
            "#]],
        );
    }

    #[test]
    fn a_directory_named_like_the_start_of_another_is_not_it() {
        check(
            &format!("{SFDX}{}{}", header("force-app"), policies("force-app-old")),
            expect![[r#"
                force-app-old/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml: this file lies outside every package directory of sfdx-project.json (`force-app`, `ps-eca`): the Salesforce CLI does not deploy it. Move it into one, add its folder to `packageDirectories`, or leave it out with `.forceignore` if it is a template
            "#]],
        );
    }
}
