//! Pull diagnostics (LSP 3.17) through the protocol: a client that declares
//! `textDocument.diagnostic` pulls exactly what a push client is sent, with result ids that make
//! an unchanged file cost one id; `workspace/diagnostic` reports closed files too; the server asks
//! for a new pull (`workspace/diagnostic/refresh`) after a change in another file only when the
//! client declares `refreshSupport`, and never pushes to a client that pulls — except, to a
//! client that declares it pulls its open documents only (the Neovim plugin), the diagnostics
//! of the files it does not have open, cleared when it opens one.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, codes};
use crate::fixtures::{GLOBAL, GLOBAL_TEXT, POLICIES, POLICIES_TEXT, guest_flow_project};
use crate::support::TempProject;

/// VS Code's capabilities for diagnostics: pull, and refresh.
fn vscode_like(project: &TempProject) -> ClientSetup {
    ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        pull_diagnostics: true,
        diagnostic_refresh: true,
        code_lens_refresh: true,
        ..ClientSetup::default()
    }
}

/// Neovim 0.11's: pull, without refresh.
fn neovim_like(project: &TempProject) -> ClientSetup {
    ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        pull_diagnostics: true,
        ..ClientSetup::default()
    }
}

/// Neovim 0.11 with the eca-ls plugin: pull for open documents, refresh (the plugin's handler),
/// and the declaration that it never pulls the workspace.
fn neovim_plugin_like(project: &TempProject) -> ClientSetup {
    ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        pull_diagnostics: true,
        diagnostic_refresh: true,
        experimental: Some(json!({ "ecaLs": { "pullsWorkspaceDiagnostics": false } })),
        ..ClientSetup::default()
    }
}

fn pull(client: &mut LspClient, uri: &str, previous: Option<&str>) -> Value {
    client
        .request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri }, "identifier": "eca-ls", "previousResultId": previous }),
        )
        .expect("textDocument/diagnostic answers")
}

/// `workspace/diagnostic` with these previous result ids.
fn pull_workspace(client: &mut LspClient, previous: &[Value]) -> Vec<Value> {
    let report = client
        .request(
            "workspace/diagnostic",
            json!({ "identifier": "eca-ls", "previousResultIds": previous }),
        )
        .expect("workspace/diagnostic answers");
    report["items"].as_array().expect("items").clone()
}

/// The result ids of a workspace report, as a client sends them back.
fn result_ids(items: &[Value]) -> Vec<Value> {
    items
        .iter()
        .map(|item| json!({ "uri": item["uri"], "value": item["resultId"] }))
        .collect()
}

/// The item of a workspace report for `uri`.
fn item_of(items: &[Value], uri: &str) -> Value {
    items
        .iter()
        .find(|item| item["uri"] == json!(uri))
        .cloned()
        .unwrap_or_else(|| panic!("no report for {uri} in {items:#?}"))
}

fn refreshes(client: &LspClient) -> usize {
    client
        .server_requests
        .iter()
        .filter(|request| request["method"] == json!("workspace/diagnostic/refresh"))
        .count()
}

/// The `publishDiagnostics` notifications received for `uri`, in order: (version, codes).
fn publications_of(client: &LspClient, uri: &str) -> Vec<(Value, Vec<String>)> {
    client
        .log
        .iter()
        .filter(|message| {
            message["method"] == json!("textDocument/publishDiagnostics")
                && message["params"]["uri"] == json!(uri)
        })
        .map(|message| {
            (
                message["params"]["version"].clone(),
                codes(&message["params"]),
            )
        })
        .collect()
}

fn publications(client: &LspClient) -> usize {
    client
        .log
        .iter()
        .filter(|message| message["method"] == json!("textDocument/publishDiagnostics"))
        .count()
}

/// The global settings with JWT-based tokens on: the guest flow's conflict is gone.
fn global_with_jwt() -> String {
    GLOBAL_TEXT.replace(
        "<isNamedUserJwtEnabled>false",
        "<isNamedUserJwtEnabled>true",
    )
}

#[test]
fn a_pulling_client_gets_what_a_pushed_one_is_sent_and_unchanged_by_result_id() {
    let project = guest_flow_project("pull-agrees-with-push");
    // What a push client is sent for the policies file.
    let (mut pushed, result) = LspClient::start(&ClientSetup::for_folder(project.path()));
    assert_eq!(result["capabilities"]["diagnosticProvider"], Value::Null);
    pushed.settle();
    let uri = project.uri(POLICIES);
    let expected = pushed.last_published()[&uri].clone();
    assert!(
        codes(&json!({ "diagnostics": expected })).contains(&"ECA-JWT-001".to_string()),
        "{expected:#}"
    );
    assert!(pushed.shutdown_and_exit().success());

    let (mut client, result) = LspClient::start(&vscode_like(&project));
    assert_eq!(
        result["capabilities"]["diagnosticProvider"],
        json!({ "identifier": "eca-ls", "interFileDependencies": true, "workspaceDiagnostics": true })
    );
    // A closed file of the workspace, then the same file open.
    let report = pull(&mut client, &uri, None);
    assert_eq!(report["kind"], json!("full"));
    assert_eq!(report["items"], expected);
    client.open(&uri, 1, POLICIES_TEXT);
    let open_report = pull(&mut client, &uri, None);
    assert_eq!(open_report["items"], expected);
    let result_id = open_report["resultId"]
        .as_str()
        .expect("a result id")
        .to_string();
    // Asked again with that id: unchanged, no list.
    let again = pull(&mut client, &uri, Some(&result_id));
    assert_eq!(again, json!({ "kind": "unchanged", "resultId": result_id }));
    client.settle();
    assert_eq!(
        publications(&client),
        0,
        "nothing is pushed to a client that pulls"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn workspace_diagnostics_report_every_file_and_only_changes_by_result_id() {
    let project = guest_flow_project("pull-workspace");
    let (mut client, _) = LspClient::start(&vscode_like(&project));
    client.settle();
    let items = pull_workspace(&mut client, &[]);
    let policies = project.uri(POLICIES);
    let policies_item = item_of(&items, &policies);
    assert_eq!(policies_item["kind"], json!("full"));
    assert_eq!(
        policies_item["version"],
        Value::Null,
        "a closed file has no version"
    );
    assert!(
        codes(&json!({ "diagnostics": policies_item["items"] }))
            .contains(&"ECA-JWT-001".to_string())
    );
    // Every file of the project is reported, closed ones included.
    assert_eq!(items.len(), 3, "{items:#?}");
    // With every id given back: all unchanged.
    for item in pull_workspace(&mut client, &result_ids(&items)) {
        assert_eq!(item["kind"], json!("unchanged"), "{item:#}");
    }
    // The ids are those a document pull gives: the workspace's id of a file, sent with a pull
    // of that file alone, answers unchanged (the client keeps one id per file for both).
    let policies_id = policies_item["resultId"].as_str().expect("a result id");
    assert_eq!(
        pull(&mut client, &policies, Some(policies_id))["kind"],
        json!("unchanged")
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_change_in_another_file_asks_a_client_with_refresh_support_to_pull_again() {
    let project = guest_flow_project("pull-refresh");
    let (mut client, _) = LspClient::start(&vscode_like(&project));
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    client.settle();
    let before = pull(&mut client, &policies, None);
    assert!(codes(&json!({ "diagnostics": before["items"] })).contains(&"ECA-JWT-001".to_string()));
    let refreshes_before = refreshes(&client);
    let workspace_before = pull_workspace(&mut client, &[]);

    // Fix the conflict in the other file, as the quick fix would.
    let global = project.uri(GLOBAL);
    client.open(&global, 1, GLOBAL_TEXT);
    client.change(&global, 2, json!([{ "text": global_with_jwt() }]));
    client.settle();
    assert!(
        refreshes(&client) > refreshes_before,
        "the policies file's findings changed through another file: a refresh is asked for"
    );
    let after = pull(&mut client, &policies, before["resultId"].as_str());
    assert_eq!(after["kind"], json!("full"), "{after:#}");
    assert!(!codes(&json!({ "diagnostics": after["items"] })).contains(&"ECA-JWT-001".to_string()));
    // A workspace pull with the ids from before the fix: the policies file's report is new.
    let workspace_after = pull_workspace(&mut client, &result_ids(&workspace_before));
    let policies_after = item_of(&workspace_after, &policies);
    assert_eq!(policies_after["kind"], json!("full"), "{policies_after:#}");
    assert_eq!(policies_after["items"], after["items"]);
    // The header's code lens may have changed too: the client is asked for new lenses.
    assert!(
        client
            .server_requests
            .iter()
            .any(|request| request["method"] == json!("workspace/codeLens/refresh"))
    );
    assert_eq!(publications(&client), 0);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_client_without_refresh_support_is_never_sent_a_refresh() {
    let project = guest_flow_project("pull-no-refresh");
    let (mut client, _) = LspClient::start(&neovim_like(&project));
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    let global = project.uri(GLOBAL);
    client.open(&global, 1, GLOBAL_TEXT);
    client.change(&global, 2, json!([{ "text": global_with_jwt() }]));
    // Settled: every refresh the server would send has been answered.
    client.settle();
    let after = pull(&mut client, &policies, None);
    assert!(!codes(&json!({ "diagnostics": after["items"] })).contains(&"ECA-JWT-001".to_string()));
    assert_eq!(refreshes(&client), 0);
    assert!(
        !client
            .server_requests
            .iter()
            .any(|request| request["method"] == json!("workspace/codeLens/refresh"))
    );
    assert_eq!(publications(&client), 0);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn pulling_an_unknown_document_answers_an_empty_report() {
    let (mut client, _) = LspClient::start(&ClientSetup {
        pull_diagnostics: true,
        ..ClientSetup::default()
    });
    let report = pull(
        &mut client,
        "file:///nowhere/unknown.ecaOauthPlcy-meta.xml",
        None,
    );
    assert_eq!(report["kind"], json!("full"));
    assert_eq!(report["items"], json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_client_pulling_open_documents_only_is_pushed_the_diagnostics_of_the_others() {
    let project = guest_flow_project("pull-open-only");
    let policies = project.uri(POLICIES);
    let jwt_conflict = vec!["ECA-JWT-001".to_string()];

    // VS Code declares the same standard capabilities and pulls the workspace: nothing pushed.
    let (mut vscode, _) = LspClient::start(&vscode_like(&project));
    vscode.settle();
    assert_eq!(publications(&vscode), 0);
    let items = pull_workspace(&mut vscode, &[]);
    assert_eq!(items.len(), 3, "{items:#?}");
    assert!(vscode.shutdown_and_exit().success());

    let (mut client, result) = LspClient::start(&neovim_plugin_like(&project));
    assert_eq!(
        result["capabilities"]["diagnosticProvider"]["identifier"],
        json!("eca-ls"),
        "it still pulls its open documents"
    );
    client.settle();
    // Every file of the workspace, none open, is pushed; the policies file with its finding.
    let published = client.last_published();
    assert_eq!(published.len(), 3, "{published:#?}");
    assert_eq!(
        publications_of(&client, &policies),
        vec![(Value::Null, jwt_conflict.clone())]
    );

    // Opened: the pull takes over and the pushed diagnostics are cleared (no duplicates).
    client.open(&policies, 1, POLICIES_TEXT);
    client.settle();
    assert_eq!(
        publications_of(&client, &policies),
        vec![(Value::Null, jwt_conflict.clone()), (Value::Null, vec![])]
    );
    let report = pull(&mut client, &policies, None);
    assert_eq!(
        codes(&json!({ "diagnostics": report["items"] })),
        jwt_conflict
    );
    // A workspace pull would report only what the client was not pushed: the open document.
    let items = pull_workspace(&mut client, &[]);
    let uris: Vec<&Value> = items.iter().map(|item| &item["uri"]).collect();
    assert_eq!(uris, vec![&json!(policies)]);

    // Closed: pushed again.
    client.close(&policies);
    client.settle();
    assert_eq!(
        publications_of(&client, &policies).last(),
        Some(&(Value::Null, jwt_conflict.clone()))
    );

    // A change in another file that resolves the finding reaches the closed file by push.
    let global = project.uri(GLOBAL);
    client.open(&global, 1, GLOBAL_TEXT);
    client.change(&global, 2, json!([{ "text": global_with_jwt() }]));
    client.settle();
    assert_eq!(
        publications_of(&client, &policies).last(),
        Some(&(Value::Null, vec![]))
    );
    // The open document is pulled: nothing pushed with its version, nothing left pushed.
    let global_publications = publications_of(&client, &global);
    assert!(
        global_publications
            .iter()
            .all(|(version, _)| version.is_null()),
        "{global_publications:?}"
    );
    assert_eq!(client.last_published()[&global], json!([]));
    assert!(client.shutdown_and_exit().success());
}
