//! Code actions: quick fixes rebuilt from the diagnostics' `data` (one per fix, preferred
//! first, the diagnostic attached), including a fix in another file as a `WorkspaceEdit`.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, has_code};
use crate::fixtures::{
    GLOBAL, GLOBAL_TEXT, POLICIES, POLICIES_TEXT, apply_text_edits, guest_flow_project,
};
use crate::support::TempProject;

const JWT: &str = "ECA-JWT-001";

fn jwt_diagnostic(client: &mut LspClient, uri: &str) -> Value {
    let params = client.diagnostics_for_version(uri, 1);
    params["diagnostics"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|diagnostic| diagnostic["code"] == json!(JWT))
                .cloned()
        })
        .unwrap_or_else(|| panic!("no {JWT}: {params:#}"))
}

fn code_actions(
    client: &mut LspClient,
    uri: &str,
    diagnostics: Vec<Value>,
    only: Option<Vec<&str>>,
) -> Vec<Value> {
    let range = diagnostics
        .first()
        .map(|diagnostic| diagnostic["range"].clone())
        .unwrap_or(
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }),
        );
    let mut context = json!({ "diagnostics": diagnostics });
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let result = client
        .request(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": context }),
        )
        .expect("codeAction answers");
    result.as_array().cloned().unwrap_or_default()
}

fn start(project: &TempProject, document_changes: bool) -> LspClient {
    let setup = ClientSetup {
        document_changes,
        ..ClientSetup::for_folder(project.path())
    };
    LspClient::start(&setup).0
}

#[test]
fn a_cross_file_quick_fix_edits_the_other_file_with_document_changes() {
    let project = guest_flow_project("quick-fix");
    let mut client = start(&project, true);
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    let diagnostic = jwt_diagnostic(&mut client, &policies);
    let actions = code_actions(&mut client, &policies, vec![diagnostic.clone()], None);
    let fix = actions
        .iter()
        .find(|action| action["kind"] == json!("quickfix"))
        .unwrap_or_else(|| panic!("no quick fix in {actions:#?}"));
    assert!(
        fix["title"]
            .as_str()
            .is_some_and(|title| title.contains("isNamedUserJwtEnabled")),
        "{fix:#}"
    );
    assert_eq!(fix["isPreferred"], json!(true));
    assert_eq!(fix["diagnostics"], json!([diagnostic]));
    let change = &fix["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], json!(project.uri(GLOBAL)));
    assert_eq!(change["textDocument"]["version"], Value::Null);
    let edits = change["edits"].as_array().expect("edits");
    let fixed = apply_text_edits(GLOBAL_TEXT, edits, false);
    assert!(
        fixed.contains("<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>"),
        "{fixed}"
    );

    // Applying it (as the client would) clears the diagnostic.
    let global = project.uri(GLOBAL);
    client.open(&global, 1, GLOBAL_TEXT);
    client.change(&global, 2, json!([{ "text": fixed }]));
    client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn clients_without_document_changes_get_a_changes_map() {
    let project = guest_flow_project("quick-fix-changes");
    let mut client = start(&project, false);
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    // With the global settings open, the fix carries their version.
    client.open(&global, 1, GLOBAL_TEXT);
    client.open(&policies, 1, POLICIES_TEXT);
    let diagnostic = jwt_diagnostic(&mut client, &policies);
    assert_eq!(
        diagnostic["data"]["fixes"][0]["edits"][0]["version"],
        json!(1)
    );
    let actions = code_actions(
        &mut client,
        &policies,
        vec![diagnostic],
        Some(vec!["quickfix"]),
    );
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let edit = &actions[0]["edit"];
    assert!(edit.get("documentChanges").is_none(), "{edit:#}");
    let edits = edit["changes"][global.as_str()]
        .as_array()
        .expect("edits for the global settings");
    let fixed = apply_text_edits(GLOBAL_TEXT, edits, false);
    assert!(
        fixed.contains("<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>"),
        "{fixed}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn no_quick_fixes_without_our_diagnostics_or_outside_the_requested_kinds() {
    let project = guest_flow_project("quick-fix-none");
    let mut client = start(&project, true);
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    let diagnostic = jwt_diagnostic(&mut client, &policies);
    assert_eq!(
        code_actions(&mut client, &policies, Vec::new(), Some(vec!["quickfix"])),
        Vec::<Value>::new()
    );
    assert_eq!(
        code_actions(
            &mut client,
            &policies,
            vec![diagnostic.clone()],
            Some(vec!["refactor"])
        ),
        Vec::<Value>::new()
    );
    // Another tool's diagnostic, or ours with garbage data, yields nothing and no error.
    let mut foreign = diagnostic.clone();
    foreign["source"] = json!("someone-else");
    let mut garbage = diagnostic;
    garbage["data"] = json!({ "fixes": "not a list" });
    assert_eq!(
        code_actions(
            &mut client,
            &policies,
            vec![foreign, garbage],
            Some(vec!["quickfix"])
        ),
        Vec::<Value>::new()
    );
    // An unknown document: an empty answer.
    assert_eq!(
        code_actions(&mut client, "file:///nowhere/unknown.xml", Vec::new(), None),
        Vec::<Value>::new()
    );
    assert!(client.shutdown_and_exit().success());
}
