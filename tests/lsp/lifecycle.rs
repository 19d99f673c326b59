//! Initialization (position encodings), shutdown and exit codes, and messages a server must
//! survive: malformed JSON, unknown methods, requests before `initialize`.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient};

#[test]
fn chooses_utf8_when_the_client_offers_it() {
    let setup = ClientSetup {
        position_encodings: Some(vec!["utf-16", "utf-8"]),
        ..ClientSetup::default()
    };
    let (client, result) = LspClient::start(&setup);
    assert_eq!(result["capabilities"]["positionEncoding"], json!("utf-8"));
    assert_eq!(result["serverInfo"]["name"], json!("eca-ls"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn falls_back_to_utf16_when_utf8_is_not_offered() {
    for offered in [None, Some(vec!["utf-16"]), Some(vec!["utf-32"])] {
        let setup = ClientSetup {
            position_encodings: offered.clone(),
            ..ClientSetup::default()
        };
        let (client, result) = LspClient::start(&setup);
        assert_eq!(
            result["capabilities"]["positionEncoding"],
            json!("utf-16"),
            "offered {offered:?}"
        );
        assert!(client.shutdown_and_exit().success());
    }
}

#[test]
fn advertises_incremental_sync() {
    let (client, result) = LspClient::start(&ClientSetup::default());
    let sync = &result["capabilities"]["textDocumentSync"];
    assert_eq!(sync["openClose"], json!(true));
    assert_eq!(sync["change"], json!(2), "2 is incremental: {sync}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn exits_with_zero_after_shutdown() {
    let (client, _) = LspClient::start(&ClientSetup::default());
    let status = client.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exits_with_one_without_shutdown() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn exits_with_one_when_the_client_disappears() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.close_stdin();
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn requests_after_shutdown_are_refused() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.request("shutdown", Value::Null).expect("shutdown");
    let error = client
        .request(
            "eca-ls/debugText",
            json!({ "textDocument": { "uri": "file:///x.xml" } }),
        )
        .expect_err("refused after shutdown");
    assert_eq!(error["code"], json!(-32600), "{error}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = LspClient::spawn();
    let error = client
        .request("textDocument/codeAction", json!({}))
        .expect_err("not initialized");
    assert_eq!(error["code"], json!(-32002), "{error}");
    client.initialize(&ClientSetup::default());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn survives_malformed_json_and_unknown_methods() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.send_raw("{ this is not json");
    let answer = client.null_id_response();
    assert_eq!(answer["error"]["code"], json!(-32700), "{answer}");

    // Valid JSON that is no JSON-RPC message: an error answer to its id.
    client.send_raw(r#"{"id":99,"params":{}}"#);
    let error = client.response(99).expect_err("not a JSON-RPC message");
    assert_eq!(error["code"], json!(-32600), "{error}");
    // A batch (which LSP does not use) is refused the same way, with a null id.
    client.send_raw("[1, 2]");
    let answer = client.null_id_response();
    assert_eq!(answer["error"]["code"], json!(-32600), "{answer}");

    let error = client
        .request("eca-ls/noSuchMethod", json!({}))
        .expect_err("unknown method");
    assert_eq!(error["code"], json!(-32601), "{error}");

    // Params of the wrong shape are an error answer, not a crash.
    let error = client
        .request("textDocument/codeAction", json!({ "textDocument": 42 }))
        .expect_err("bad params");
    assert_eq!(error["code"], json!(-32602), "{error}");

    // Unknown notifications and notifications with bad params are ignored.
    client.notify("eca-ls/noSuchNotification", json!({}));
    client.notify("textDocument/didChange", json!({ "nonsense": true }));
    client.notify("textDocument/didOpen", json!([1, 2, 3]));

    let uri = "file:///nowhere/thing.xml";
    client.open(uri, 1, "<a/>");
    assert_eq!(client.server_text(uri).as_deref(), Some("<a/>"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn test_hooks_exist_only_when_enabled() {
    let mut client = LspClient::spawn_with_hooks(false);
    client.initialize(&ClientSetup::default());
    let error = client
        .request(
            "eca-ls/debugPanic",
            json!({ "textDocument": { "uri": "file:///x.xml" } }),
        )
        .expect_err("no hooks without ECA_LS_TEST_HOOKS=1");
    assert_eq!(error["code"], json!(-32601), "{error}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_panicking_request_answers_an_error_and_the_server_keeps_its_state() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let uri = "file:///nowhere/panic.xml";
    client.open(uri, 1, "<a>keep me</a>");
    let error = client
        .request(
            "eca-ls/debugPanic",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect_err("the panic becomes an error");
    assert_eq!(error["code"], json!(-32603), "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or("")
            .contains("debugPanic"),
        "{error}"
    );
    // Still serving, with the document as it was; and edits still apply.
    assert_eq!(client.server_text(uri).as_deref(), Some("<a>keep me</a>"));
    client.change(
        uri,
        2,
        json!([{ "range": { "start": { "line": 0, "character": 3 }, "end": { "line": 0, "character": 7 } }, "text": "still" }]),
    );
    assert_eq!(client.server_text(uri).as_deref(), Some("<a>still me</a>"));
    // A second panic is handled the same way.
    assert!(
        client
            .request(
                "eca-ls/debugPanic",
                json!({ "textDocument": { "uri": uri } })
            )
            .is_err()
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn cancelled_requests_answer_request_cancelled() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let id = client.send_request("eca-ls/debugBlock", json!({}));
    client.notify("$/cancelRequest", json!({ "id": id }));
    let error = client.response(id).expect_err("cancelled");
    assert_eq!(error["code"], json!(-32800), "{error}");
    // The server still answers.
    assert_eq!(client.server_text("file:///unknown.xml"), None);
    assert!(client.shutdown_and_exit().success());
}
