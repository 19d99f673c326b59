//! `eca-ls check` on projects that hold one org settings type or one app header twice, and on
//! separate sfdx projects side by side, which never duplicate each other.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{TempProject, eca_ls, stdout};

const ORG_SETTINGS: &str = "main/default/settings/ExternalClientApp.settings-meta.xml";
const ORG_SETTINGS_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>\n</ExternalClientAppSettings>\n";
const HEADER: &str = "main/default/externalClientApps/Portal.eca-meta.xml";
const HEADER_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <contactEmail>admin@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Portal</label>\n</ExternalClientApplication>\n";
const TWO_PACKAGE_DIRECTORIES: &str =
    r#"{"packageDirectories":[{"path":"force-app","default":true},{"path":"org-config"}]}"#;

fn check_json(current_dir: &Path, args: &[&str]) -> (Option<i32>, Vec<(String, String)>) {
    let args: Vec<&str> = ["check", "--format", "json"]
        .into_iter()
        .chain(args.iter().copied())
        .collect();
    let output = eca_ls(current_dir, &args);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let findings = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|diagnostic| {
            let field = |name: &str| diagnostic[name].as_str().unwrap_or_default().to_string();
            (
                field("path"),
                format!("{}: {}", field("code"), field("message")),
            )
        })
        .collect();
    (output.status.code(), findings)
}

#[test]
fn two_package_directories_with_the_same_settings_and_header_warn_in_every_file() {
    let project = TempProject::new("duplicates");
    project.write("sfdx-project.json", TWO_PACKAGE_DIRECTORIES);
    for folder in ["force-app", "org-config"] {
        project.write(&format!("{folder}/{ORG_SETTINGS}"), ORG_SETTINGS_TEXT);
        project.write(&format!("{folder}/{HEADER}"), HEADER_TEXT);
    }
    let (status, findings) = check_json(project.path(), &[]);
    assert_eq!(status, Some(0), "warnings only: {findings:#?}");
    let expected = [
        (
            format!("./force-app/{HEADER}"),
            format!(
                "duplicate-app-header: the header of the app `Portal` is also in `org-config/{HEADER}`; eca-ls takes the app's header from this file, the first by path. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project"
            ),
        ),
        (
            format!("./force-app/{ORG_SETTINGS}"),
            format!(
                "duplicate-org-settings: `ExternalClientAppSettings` is also in `org-config/{ORG_SETTINGS}`; eca-ls checks every app against this file, the first by path. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project"
            ),
        ),
        (
            format!("./org-config/{HEADER}"),
            format!(
                "duplicate-app-header: the header of the app `Portal` is also in `force-app/{HEADER}`; eca-ls takes the app's header from that file, the first by path, not this one. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project"
            ),
        ),
        (
            format!("./org-config/{ORG_SETTINGS}"),
            format!(
                "duplicate-org-settings: `ExternalClientAppSettings` is also in `force-app/{ORG_SETTINGS}`; eca-ls checks every app against that file, the first by path, not this one. The org keeps one of them: whichever is deployed last. Keep one file, or put each in its own sfdx project"
            ),
        ),
    ];
    assert_eq!(findings, expected);

    // Checking one of the files alone still reads the rest of its project, so it is told.
    let (_, findings) = check_json(project.path(), &[&format!("org-config/{ORG_SETTINGS}")]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(
        findings[0].1.starts_with("duplicate-org-settings: "),
        "{findings:#?}"
    );

    // `--deny-warnings` makes them fail a pipeline; eca-ls.toml turns them off.
    let output = eca_ls(project.path(), &["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    project.write(
        "eca-ls.toml",
        "[rules]\n\"duplicate-org-settings\" = \"off\"\n\"duplicate-app-header\" = \"off\"\n",
    );
    let (_, findings) = check_json(project.path(), &[]);
    assert_eq!(findings, [], "turned off");
}

#[test]
fn separate_sfdx_projects_in_one_folder_never_duplicate_each_other() {
    let workspace = TempProject::new("separate-projects");
    for folder in ["alpha", "beta"] {
        workspace.write(
            &format!("{folder}/sfdx-project.json"),
            r#"{"packageDirectories":[{"path":"force-app"}]}"#,
        );
        workspace.write(
            &format!("{folder}/force-app/{ORG_SETTINGS}"),
            ORG_SETTINGS_TEXT,
        );
        workspace.write(&format!("{folder}/force-app/{HEADER}"), HEADER_TEXT);
    }
    let (status, findings) = check_json(workspace.path(), &[]);
    assert_eq!(status, Some(0));
    assert_eq!(findings, [], "each project has one of each");
    // Also when both projects are named on the command line.
    let (_, findings) = check_json(workspace.path(), &["alpha", "beta"]);
    assert_eq!(findings, []);
}
