//! The custom requests: `eca-ls/status` (a document's type, API version and its source, project
//! and app) and `eca-ls/flows` (the flow readiness of its app).

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, has_code};
use crate::fixtures::{GLOBAL, GLOBAL_TEXT, HEADER, POLICIES, POLICIES_TEXT, guest_flow_project};

fn status(client: &mut LspClient, uri: &str) -> Value {
    client
        .request("eca-ls/status", json!({ "textDocument": { "uri": uri } }))
        .expect("status answers")
}

#[test]
fn reports_type_api_version_project_and_app() {
    let project = guest_flow_project("status");
    let setup = ClientSetup::for_folder(project.path());
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let status = status(&mut client, &uri);
    assert_eq!(status["uri"], json!(uri));
    assert_eq!(
        status["typeName"],
        json!("ExtlClntAppOauthConfigurablePolicies")
    );
    assert_eq!(
        status["detection"],
        json!("source-format file suffix `.ecaOauthPlcy-meta.xml`")
    );
    assert_eq!(status["apiVersion"], json!("64.0"));
    let source = status["apiVersionSource"].as_str().unwrap_or("");
    assert!(
        source.starts_with("sourceApiVersion in ") && source.ends_with("sfdx-project.json"),
        "{status:#}"
    );
    assert_eq!(
        status["projectRoot"],
        json!(project.path().to_string_lossy())
    );
    assert_eq!(status["app"], json!("Portal"));
    let files: Vec<&str> = status["appFiles"]
        .as_array()
        .expect("app files")
        .iter()
        .filter_map(|file| file["uri"].as_str())
        .collect();
    let (header, global) = (project.uri(HEADER), project.uri(GLOBAL));
    assert_eq!(files, vec![header.as_str(), global.as_str(), uri.as_str()]);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_editor_api_version_wins_and_says_so() {
    let project = guest_flow_project("status-setting");
    let setup = ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        initialization_options: Some(json!({ "apiVersion": "62.0" })),
        ..ClientSetup::default()
    };
    let (mut client, _) = LspClient::start(&setup);
    // A closed file of the workspace answers too.
    let status = status(&mut client, &project.uri(GLOBAL));
    assert_eq!(status["apiVersion"], json!("62.0"));
    assert_eq!(status["apiVersionSource"], json!("the editor setting"));
    assert_eq!(status["typeName"], json!("ExtlClntAppGlobalOauthSettings"));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ecaLs": { "apiVersion": "63.0" } } }),
    );
    // The configuration change is applied before the next request is served.
    let status_after = crate::status::status(&mut client, &project.uri(GLOBAL));
    assert_eq!(status_after["apiVersion"], json!("63.0"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn unknown_documents_answer_null() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    assert_eq!(
        status(&mut client, "file:///nowhere/unknown.xml"),
        Value::Null
    );
    let error = client
        .request("eca-ls/status", json!({ "textDocument": {} }))
        .expect_err("a missing uri is an error");
    assert_eq!(error["code"], json!(-32602));
    assert!(client.shutdown_and_exit().success());
}

/// The need of the guest flow for JWT-based access tokens, if it is listed.
fn jwt_need(flows: &Value) -> Option<Value> {
    let guest = flows["flows"]
        .as_array()?
        .iter()
        .find(|flow| flow["flowId"] == json!("headless-guest"))?;
    guest["needs"]
        .as_array()?
        .iter()
        .find(|need| need["field"] == json!("isNamedUserJwtEnabled"))
        .cloned()
}

#[test]
fn flows_of_the_documents_app_with_needs_and_fixes() {
    let project = guest_flow_project("flows");
    let setup = ClientSetup::for_folder(project.path());
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let flows = client
        .request("eca-ls/flows", json!({ "textDocument": { "uri": uri } }))
        .expect("flows answers");
    assert_eq!(flows["app"], json!("Portal"));
    let guest = flows["flows"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|flow| flow["flowId"] == json!("headless-guest"))
        })
        .unwrap_or_else(|| panic!("no guest flow in {flows:#}"));
    assert_eq!(guest["state"], json!("incomplete"));
    assert!(guest["name"].is_string());
    let need = jwt_need(&flows).unwrap_or_else(|| panic!("no JWT need in {guest:#}"));
    let global = project.uri(GLOBAL);
    assert_eq!(need["typeName"], json!("ExtlClntAppGlobalOauthSettings"));
    assert_eq!(need["value"], json!("true"));
    assert_eq!(need["required"], json!(true));
    assert_eq!(need["uri"], json!(global));
    assert_eq!(
        need["range"],
        json!({ "start": { "line": 5, "character": 5 }, "end": { "line": 5, "character": 26 } })
    );
    let fix_edits = &need["fix"]["edits"][0];
    assert_eq!(fix_edits["uri"], json!(global));
    assert_eq!(fix_edits["edits"][0]["newText"], json!("true"));

    // Met in the buffer of the global settings: the need is gone.
    client.open(&global, 1, GLOBAL_TEXT);
    client.change(
        &global,
        2,
        json!([{ "range": fix_edits["edits"][0]["range"].clone(), "text": "true" }]),
    );
    let flows = client
        .request("eca-ls/flows", json!({ "textDocument": { "uri": uri } }))
        .expect("flows answers");
    assert_eq!(jwt_need(&flows), None, "{flows:#}");

    // No app, or no such document: null.
    assert_eq!(
        client
            .request(
                "eca-ls/flows",
                json!({ "textDocument": { "uri": "file:///nowhere/x.xml" } })
            )
            .expect("flows answers"),
        Value::Null
    );
    assert!(client.shutdown_and_exit().success());
}

/// Every string in `value` except URIs and the project root, which locate rather than name.
fn shown_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| shown_texts(item, out)),
        Value::Object(fields) => {
            for (key, field) in fields {
                if key != "uri" && key != "projectRoot" && key != "targetUri" {
                    shown_texts(field, out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn hovers_status_and_messages_name_files_relative_to_the_project_root() {
    let project = guest_flow_project("relative-names");
    // A second header of the app (duplicate-app-header names the other file) and a field newer
    // than the project's API version (api-version names where that version comes from).
    let copy = "legacy/externalClientApps/Portal.eca-meta.xml";
    project.write(copy, crate::fixtures::HEADER_TEXT);
    let policies_text = POLICIES_TEXT.replace(
        "    <label>",
        "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\n    <label>",
    );
    project.write(POLICIES, &policies_text);
    let setup = ClientSetup::for_folder(project.path());
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, &policies_text);
    let absolute = project.path().to_string_lossy().into_owned();

    let status = status(&mut client, &uri);
    assert_eq!(
        status["apiVersionSource"],
        json!("sourceApiVersion in sfdx-project.json")
    );
    let paths: Vec<&str> = status["appFiles"]
        .as_array()
        .expect("app files")
        .iter()
        .filter_map(|file| file["path"].as_str())
        .collect();
    assert_eq!(paths, [HEADER, GLOBAL, POLICIES], "{status:#}");

    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": 3 } }),
        )
        .expect("hover");
    let hover_text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(
        hover_text.contains(&format!("Header: `{HEADER}`")),
        "{hover_text}"
    );

    let policies = client.diagnostics(&uri, |params| has_code(params, "api-version"));
    let api_version = policies["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["code"] == json!("api-version")))
        .and_then(|d| d["message"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        api_version.ends_with("this project uses API 64.0 (sourceApiVersion in sfdx-project.json)"),
        "{api_version}"
    );
    let header = client.diagnostics(&project.uri(HEADER), |params| {
        has_code(params, "duplicate-app-header")
    });
    let duplicate = header["diagnostics"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|d| d["code"] == json!("duplicate-app-header"))
        })
        .cloned()
        .unwrap_or_default();
    assert!(
        duplicate["message"]
            .as_str()
            .is_some_and(|message| message.contains(&format!("is also in `{copy}`"))),
        "{duplicate:#}"
    );

    let mut texts = Vec::new();
    for answer in [&status, &hover, &policies, &header] {
        shown_texts(answer, &mut texts);
    }
    let absolute_names: Vec<&String> = texts
        .iter()
        .filter(|text| text.contains(&absolute))
        .collect();
    assert!(absolute_names.is_empty(), "{absolute_names:#?}");
    assert!(client.shutdown_and_exit().success());
}
