//! Two files of one org settings type, or two headers of one app, in one project: each file is
//! told about the other, and when one of them changes, goes or comes back, the other's
//! diagnostics follow.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, has_code};
use crate::fixtures::{HEADER, HEADER_TEXT, ORG_SETTINGS, ORG_SETTINGS_TEXT, guest_flow_project};
use crate::support::TempProject;

const DUPLICATE_ORG_SETTINGS: &str = "duplicate-org-settings";
const DUPLICATE_APP_HEADER: &str = "duplicate-app-header";
/// A second package directory, after `force-app` by path.
const SECOND_ORG_SETTINGS: &str = "org-config/main/default/settings/OauthOidc.settings-meta.xml";
const SECOND_HEADER: &str = "org-config/main/default/externalClientApps/Portal.eca-meta.xml";

/// The related locations' URIs of the finding with `code`.
fn related_uris(params: &Value, code: &str) -> Vec<Value> {
    params["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|diagnostic| diagnostic["code"] == json!(code))
        .flat_map(|diagnostic| diagnostic["relatedInformation"].as_array().cloned())
        .flatten()
        .map(|related| related["location"]["uri"].clone())
        .collect()
}

fn watched(client: &mut LspClient, uri: &str, change_type: u32) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": change_type }] }),
    );
}

#[test]
fn a_second_org_settings_file_is_reported_in_both_and_its_removal_clears_the_first() {
    let project = guest_flow_project("duplicate-org-settings");
    project.write(ORG_SETTINGS, ORG_SETTINGS_TEXT);
    project.write(SECOND_ORG_SETTINGS, ORG_SETTINGS_TEXT);
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let first = project.uri(ORG_SETTINGS);
    let second = project.uri(SECOND_ORG_SETTINGS);
    let params = client.diagnostics(&first, |params| has_code(params, DUPLICATE_ORG_SETTINGS));
    assert_eq!(
        related_uris(&params, DUPLICATE_ORG_SETTINGS),
        [json!(second)]
    );
    let params = client.diagnostics(&second, |params| has_code(params, DUPLICATE_ORG_SETTINGS));
    assert_eq!(
        related_uris(&params, DUPLICATE_ORG_SETTINGS),
        [json!(first)]
    );

    // The second file is deleted on disk: the first, closed, is told it is alone now. (Forget
    // what came before, so that only a publication after this change can match.)
    client.clear_stash();
    project.remove(SECOND_ORG_SETTINGS);
    watched(&mut client, &second, 3);
    client.diagnostics(&first, |params| !has_code(params, DUPLICATE_ORG_SETTINGS));

    // It comes back as an unsaved buffer: both files are reported again.
    client.clear_stash();
    client.open(&second, 1, ORG_SETTINGS_TEXT);
    client.diagnostics(&first, |params| has_code(params, DUPLICATE_ORG_SETTINGS));
    client.diagnostics(&second, |params| has_code(params, DUPLICATE_ORG_SETTINGS));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_second_header_of_one_app_is_reported_in_both_and_follows_the_first() {
    let project = guest_flow_project("duplicate-app-header");
    project.write(SECOND_HEADER, HEADER_TEXT);
    // Another app, so that a change to `Portal` leaves some file of the project untouched.
    project.write(
        "force-app/main/default/externalClientApps/Shop.eca-meta.xml",
        &HEADER_TEXT.replace("Portal", "Shop"),
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let first = project.uri(HEADER);
    let second = project.uri(SECOND_HEADER);
    let params = client.diagnostics(&first, |params| has_code(params, DUPLICATE_APP_HEADER));
    assert_eq!(related_uris(&params, DUPLICATE_APP_HEADER), [json!(second)]);
    let params = client.diagnostics(&second, |params| has_code(params, DUPLICATE_APP_HEADER));
    assert_eq!(related_uris(&params, DUPLICATE_APP_HEADER), [json!(first)]);

    // The header eca-ls reads (the first by path) is deleted: the second one, which is not
    // the app's header until then, is told it is alone now.
    client.clear_stash();
    project.remove(HEADER);
    watched(&mut client, &first, 3);
    client.diagnostics(&second, |params| !has_code(params, DUPLICATE_APP_HEADER));

    // The first comes back: the second, no longer the app's header, is told again.
    client.clear_stash();
    project.write(HEADER, HEADER_TEXT);
    watched(&mut client, &first, 1);
    client.diagnostics(&second, |params| has_code(params, DUPLICATE_APP_HEADER));
    client.diagnostics(&first, |params| has_code(params, DUPLICATE_APP_HEADER));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn separate_sfdx_projects_in_one_workspace_never_duplicate_each_other() {
    // Two sfdx projects side by side, each with its own org settings and header of one name.
    let workspace = TempProject::new("separate-projects");
    for folder in ["alpha", "beta"] {
        workspace.write(
            &format!("{folder}/sfdx-project.json"),
            r#"{ "packageDirectories": [{ "path": "force-app", "default": true }] }"#,
        );
        workspace.write(&format!("{folder}/{ORG_SETTINGS}"), ORG_SETTINGS_TEXT);
        workspace.write(&format!("{folder}/{HEADER}"), HEADER_TEXT);
    }
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(workspace.path()));
    for folder in ["alpha", "beta"] {
        for file in [ORG_SETTINGS, HEADER] {
            let params = client.diagnostics(&workspace.uri(&format!("{folder}/{file}")), |_| true);
            assert!(
                !has_code(&params, DUPLICATE_ORG_SETTINGS)
                    && !has_code(&params, DUPLICATE_APP_HEADER),
                "{params:#}"
            );
        }
    }
    assert!(client.shutdown_and_exit().success());
}
