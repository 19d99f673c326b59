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

/// Report #1: ids that are numbers but not 64-bit integers (`1.0`, `1e3`, beyond `i64`) were
/// fatal; each is refused with the id as sent, and the server goes on.
#[test]
fn odd_request_ids_are_refused_and_the_server_goes_on() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    for id in [
        "1.0",
        "1e3",
        "9223372036854775808",
        "-9223372036854775809",
        "18446744073709551616",
        "1.5",
    ] {
        client.send_raw(&format!(
            r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#
        ));
        let expected: Value = serde_json::from_str(id).expect("a JSON number");
        let answer = client.message(&format!("the answer to id {id}"), |message| {
            message.get("method").is_none() && message.get("id") == Some(&expected)
        });
        assert_eq!(answer["error"]["code"], json!(-32600), "{id}: {answer}");
        // Still serving, and not shut down (the refused `shutdown` did nothing).
        assert_eq!(client.server_text("file:///nowhere.xml"), None, "{id}");
    }
    // The largest id that is an i64 is served as usual.
    client.send_raw(r#"{"jsonrpc":"2.0","id":9223372036854775807,"method":"shutdown"}"#);
    let answer = client.message("the answer to the largest id", |message| {
        message.get("id") == Some(&json!(9223372036854775807_i64))
    });
    assert_eq!(answer["result"], Value::Null, "{answer}");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

/// Report #13: a request whose method starts with `$/` gets MethodNotFound instead of no
/// answer at all.
#[test]
fn dollar_requests_get_method_not_found() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    for method in ["$/foo", "$/progress", "$/setTrace", "$/logTrace"] {
        let error = client
            .request(method, json!({}))
            .expect_err("no `$/` request is implemented");
        assert_eq!(error["code"], json!(-32601), "{method}: {error}");
    }
    assert!(client.shutdown_and_exit().success());
}

/// A client that declares `workspace.configuration` but never answers the server's request.
fn silent_configuration_client() -> LspClient {
    let setup = ClientSetup {
        configuration_requests: true,
        ..ClientSetup::default()
    };
    let (mut client, _) = LspClient::start(&setup);
    client.answer_configuration = false;
    // Four unanswered fetches filled every handler slot of the old server.
    for _ in 0..4 {
        client.notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        );
    }
    for fetch in 0..4 {
        client.message(&format!("configuration request {fetch}"), |message| {
            message["method"] == json!("workspace/configuration") && message.get("id").is_some()
        });
    }
    client
}

/// Report #2: unanswered `workspace/configuration` requests held every handler and the exit.
#[test]
fn an_unanswered_configuration_request_holds_up_nothing() {
    let mut client = silent_configuration_client();
    let uri = "file:///nowhere/config.xml";
    client.open(uri, 1, "<a/>");
    assert_eq!(client.server_text(uri).as_deref(), Some("<a/>"));
    client.request("shutdown", Value::Null).expect("shutdown");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn the_end_of_input_ends_the_process_even_with_a_configuration_request_unanswered() {
    let mut client = silent_configuration_client();
    client.close_stdin();
    assert_eq!(client.wait_exit().code(), Some(1));
}

/// Report #12: `exit` right behind `shutdown`, without waiting for its answer, exits with 0
/// (the spec: `shutdown` was received before `exit`). Repeated, as it failed half the time.
#[test]
fn pipelined_shutdown_and_exit_exit_with_zero() {
    for round in 0..10 {
        let (mut client, _) = LspClient::start(&ClientSetup::default());
        client.send_request("shutdown", Value::Null);
        client.notify("exit", Value::Null);
        assert_eq!(client.wait_exit().code(), Some(0), "round {round}");
    }
}

/// Report #14: the end of input or `exit` does not wait for analyses still running (the
/// blocking hook runs until it is cancelled, so a server that waited would never end).
#[test]
fn running_analyses_do_not_hold_the_exit() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.send_request("eca-ls/debugBlock", json!({}));
    client.close_stdin();
    assert_eq!(client.wait_exit().code(), Some(1));

    let (mut client, _) = LspClient::start(&ClientSetup::default());
    client.send_request("eca-ls/debugBlock", json!({}));
    client.request("shutdown", Value::Null).expect("shutdown");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit().code(), Some(0));
}
