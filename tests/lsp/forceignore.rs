//! The project's `.forceignore` in the editor: a file it leaves out is neither checked nor seen
//! by the rules across its app's files (as `eca-ls check` has it), `eca-ls/status` says which
//! line leaves it out, and the setting `includeIgnored` or an edit of the `.forceignore` takes
//! it back in.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, has_code};
use crate::fixtures::{HEADER, HEADER_TEXT, guest_flow_project};

/// A copy of the app's header under a folder the `.forceignore` leaves out, with an unknown
/// element: checked, it would be a second header of `Portal` and an error of its own.
const TEMPLATE: &str = "templates/externalClientApps/Portal.eca-meta.xml";
const FORCEIGNORE: &str = "# not deployed\n**/jsconfig.json\ntemplates/\n";
const DUPLICATE_APP_HEADER: &str = "duplicate-app-header";

fn template_text() -> String {
    HEADER_TEXT.replace("    <label>", "    <notAField>1</notAField>\n    <label>")
}

fn status(client: &mut LspClient, uri: &str) -> Value {
    client
        .request("eca-ls/status", json!({ "textDocument": { "uri": uri } }))
        .expect("status")
}

fn settings(client: &mut LspClient, include_ignored: bool) {
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ecaLs": { "includeIgnored": include_ignored } } }),
    );
}

#[test]
fn a_file_the_forceignore_leaves_out_is_not_checked_and_the_status_says_why() {
    let project = guest_flow_project("forceignore");
    project.write(".forceignore", FORCEIGNORE);
    let template_text = template_text();
    project.write(TEMPLATE, &template_text);
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let header = project.uri(HEADER);
    let template = project.uri(TEMPLATE);

    // Indexed without the template: the header is the app's only one, as `check` says.
    client.diagnostics(&header, |params| !has_code(params, DUPLICATE_APP_HEADER));
    client
        .agrees_with_check(project.path())
        .unwrap_or_else(|difference| panic!("{difference}"));

    // Opened, the template is a project of its own: no finding, and the status says why.
    client.open(&template, 1, &template_text);
    client.diagnostics(&template, |params| params["diagnostics"] == json!([]));
    let left_out = status(&mut client, &template);
    assert_eq!(
        left_out["ignoredBy"],
        json!("`.forceignore` line 3: `templates/`"),
        "{left_out:#}"
    );
    assert_eq!(left_out["typeName"], json!("ExternalClientApplication"));
    assert_eq!(status(&mut client, &header)["ignoredBy"], Value::Null);
    client.settle();
    let published = client.last_published();
    assert!(
        !has_code(
            &json!({ "diagnostics": published[&header] }),
            DUPLICATE_APP_HEADER
        ),
        "{published:#?}"
    );

    // The setting takes it in: both headers are told about each other.
    client.clear_stash();
    settings(&mut client, true);
    client.diagnostics(&template, |params| has_code(params, DUPLICATE_APP_HEADER));
    client.diagnostics(&header, |params| has_code(params, DUPLICATE_APP_HEADER));
    assert_eq!(status(&mut client, &template)["ignoredBy"], Value::Null);

    // Back off, the template is left out again, open or closed.
    client.clear_stash();
    settings(&mut client, false);
    client.diagnostics(&header, |params| !has_code(params, DUPLICATE_APP_HEADER));
    client.diagnostics(&template, |params| params["diagnostics"] == json!([]));
    client.close(&template);
    client.settle();
    assert!(status(&mut client, &template).is_null());

    // The `.forceignore` no longer names the folder: the template joins the project.
    client.clear_stash();
    project.write(".forceignore", "# not deployed\n**/jsconfig.json\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(".forceignore"), "type": 2 }] }),
    );
    client.diagnostics(&header, |params| has_code(params, DUPLICATE_APP_HEADER));
    client
        .agrees_with_check(project.path())
        .unwrap_or_else(|difference| panic!("{difference}"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn include_ignored_from_the_start_checks_every_file() {
    let project = guest_flow_project("forceignore-included");
    project.write(".forceignore", FORCEIGNORE);
    project.write(TEMPLATE, &template_text());
    let setup = ClientSetup {
        initialization_options: Some(json!({ "includeIgnored": true })),
        ..ClientSetup::for_folder(project.path())
    };
    let (mut client, _) = LspClient::start(&setup);
    let template = project.uri(TEMPLATE);
    let params = client.diagnostics(&template, |params| has_code(params, DUPLICATE_APP_HEADER));
    assert!(has_code(&params, "unknown-element"), "{params:#}");
    client.diagnostics(&project.uri(HEADER), |params| {
        has_code(params, DUPLICATE_APP_HEADER)
    });
    assert!(client.shutdown_and_exit().success());
}
