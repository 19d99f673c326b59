//! Completion, hover, code actions of the analysis, symbols, folding, selection ranges,
//! definition and references, through the protocol: each converted to LSP in the negotiated
//! encoding, and empty answers for unknown documents and positions past the end.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles};
use crate::fixtures::{
    GLOBAL, HEADER, HEADER_TEXT, POLICIES, POLICIES_TEXT, apply_text_edits, guest_flow_project,
};
use crate::support::TempProject;

fn start(project: &TempProject, setup: ClientSetup) -> LspClient {
    let setup = ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        ..setup
    };
    LspClient::start(&setup).0
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

fn items(result: Value) -> Vec<Value> {
    match result {
        Value::Array(items) => items,
        Value::Object(list) => list["items"].as_array().cloned().unwrap_or_default(),
        other => panic!("not a completion answer: {other:#}"),
    }
}

fn item<'a>(items: &'a [Value], label: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item["label"] == json!(label))
        .unwrap_or_else(|| {
            panic!(
                "no {label} among {:?}",
                items.iter().map(|item| &item["label"]).collect::<Vec<_>>()
            )
        })
}

/// The policies file with an empty line before `</ExtlClntAppOauthConfigurablePolicies>`:
/// line 5 holds `    ` (four spaces).
fn policies_with_empty_line() -> String {
    POLICIES_TEXT.replace(
        "</ExtlClntAppOauthConfigurablePolicies>",
        "    \n</ExtlClntAppOauthConfigurablePolicies>",
    )
}

#[test]
fn completion_offers_fields_with_snippets_markdown_sort_text_and_deprecation() {
    let project = guest_flow_project("completion");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    let text = policies_with_empty_line();
    client.open(&uri, 1, &text);
    let result = client
        .request("textDocument/completion", at(&uri, 5, 4))
        .expect("completion");
    let items = items(result);
    let field = item(&items, "guestJwtSessionTimeoutType");
    assert_eq!(field["kind"], json!(10), "a property: {field:#}");
    assert_eq!(field["insertTextFormat"], json!(2), "a snippet: {field:#}");
    assert_eq!(field["documentation"]["kind"], json!("markdown"));
    assert!(field["sortText"].is_string());
    let new_text = field["textEdit"]["newText"].as_str().expect("newText");
    assert!(new_text.contains("$"), "{new_text}");
    assert_eq!(field["textEdit"]["range"]["start"]["line"], json!(5));
    // A field already present is not offered again; a deprecated one is marked.
    assert!(
        items
            .iter()
            .all(|item| item["label"] != json!("isGuestCodeCredFlowEnabled"))
    );
    let deprecated = item(&items, "isNamedUserJwtEnabled");
    assert_eq!(deprecated["tags"], json!([1]), "{deprecated:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_without_snippet_support_inserts_plain_text() {
    let project = guest_flow_project("completion-plain");
    let mut client = start(
        &project,
        ClientSetup {
            snippets: false,
            ..ClientSetup::default()
        },
    );
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, &policies_with_empty_line());
    let items = items(
        client
            .request("textDocument/completion", at(&uri, 5, 4))
            .expect("completion"),
    );
    assert!(!items.is_empty());
    for item in &items {
        assert_eq!(item["insertTextFormat"], json!(1), "{item:#}");
        let new_text = item["textEdit"]["newText"].as_str().unwrap_or("");
        assert!(
            !new_text.contains("$0") && !new_text.contains("${"),
            "{new_text}"
        );
    }
    let field = item(&items, "guestJwtSessionTimeoutType");
    let new_text = field["textEdit"]["newText"].as_str().unwrap_or("");
    assert!(
        new_text.contains("<guestJwtSessionTimeoutType>")
            && new_text.contains("</guestJwtSessionTimeoutType>"),
        "{new_text}"
    );
    assert!(client.shutdown_and_exit().success());
}

/// After Japanese text and an emoji on the same line, the edit goes right after the `<` typed
/// there, counted in the negotiated encoding.
fn completion_after_multibyte(encoding: &'static str, lt_column: u32) {
    let project = guest_flow_project("completion-columns");
    let mut client = start(
        &project,
        ClientSetup {
            position_encodings: Some(vec![encoding]),
            ..ClientSetup::default()
        },
    );
    let uri = project.uri(POLICIES);
    // Line 4 becomes `    <label>Portal 日本語 😀</label><` + completion after the `<`.
    let text = POLICIES_TEXT.replace("😀</label>", "😀</label><");
    client.open(&uri, 1, &text);
    let items = items(
        client
            .request("textDocument/completion", at(&uri, 4, lt_column + 1))
            .expect("completion"),
    );
    let field = item(&items, "guestJwtSessionTimeoutType");
    let range = &field["textEdit"]["range"];
    let after_lt = json!({ "line": 4, "character": lt_column + 1 });
    assert_eq!(range["start"], after_lt, "{encoding}: {field:#}");
    assert_eq!(range["end"], after_lt, "{encoding}");
    let new_text = field["textEdit"]["newText"].as_str().unwrap_or("");
    assert!(
        new_text.starts_with("guestJwtSessionTimeoutType>"),
        "{new_text}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_ranges_after_multibyte_text_in_utf16() {
    completion_after_multibyte("utf-16", 32);
}

#[test]
fn completion_ranges_after_multibyte_text_in_utf8() {
    completion_after_multibyte("utf-8", 40);
}

#[test]
fn advertises_completion_triggers_and_the_features() {
    let project = guest_flow_project("capabilities");
    let (client, result) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let capabilities = &result["capabilities"];
    assert_eq!(
        capabilities["completionProvider"]["triggerCharacters"],
        json!(["<", "/", ","])
    );
    for provider in [
        "hoverProvider",
        "documentSymbolProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
        "definitionProvider",
        "referencesProvider",
    ] {
        assert_eq!(capabilities[provider], json!(true), "{provider}");
    }
    let kinds = &capabilities["codeActionProvider"]["codeActionKinds"];
    assert_eq!(
        kinds,
        &json!([
            "quickfix",
            "source",
            "source.sortFields",
            "source.fixAll.eca-ls",
            "refactor",
            "refactor.rewrite"
        ])
    );
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!(["eca-ls.listFlows", "eca-ls.newApp", "eca-ls.showNotes"])
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hover_answers_markdown_with_the_range_of_the_name() {
    let project = guest_flow_project("hover");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let hover = client
        .request("textDocument/hover", at(&uri, 3, 10))
        .expect("hover");
    assert_eq!(hover["contents"]["kind"], json!("markdown"));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|text| text.contains("isGuestCodeCredFlowEnabled")),
        "{hover:#}"
    );
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 3, "character": 5 }, "end": { "line": 3, "character": 31 } })
    );
    // Nothing to say past the end of the file or in an unknown document.
    assert_eq!(
        client
            .request("textDocument/hover", at(&uri, 400, 9))
            .expect("hover"),
        Value::Null
    );
    assert_eq!(
        client
            .request(
                "textDocument/hover",
                at("file:///nowhere/x.ecaOauth-meta.xml", 0, 0)
            )
            .expect("hover"),
        Value::Null
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_sort_action_is_a_source_action_with_a_workspace_edit() {
    let project = guest_flow_project("sort");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    // `label` before `externalClientApplication`: out of canonical order.
    let unsorted = POLICIES_TEXT.replace(
        "    <externalClientApplication>Portal</externalClientApplication>\n",
        "",
    )
    .replace(
        "</ExtlClntAppOauthConfigurablePolicies>",
        "    <externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppOauthConfigurablePolicies>",
    );
    client.open(&uri, 1, &unsorted);
    let params = json!({
        "textDocument": { "uri": uri },
        "range": { "start": { "line": 3, "character": 6 }, "end": { "line": 3, "character": 6 } },
        "context": { "diagnostics": [], "only": ["source"] }
    });
    let actions = client
        .request("textDocument/codeAction", params)
        .expect("code actions");
    let actions = actions.as_array().cloned().unwrap_or_default();
    let sort = actions
        .iter()
        .find(|action| action["kind"] == json!("source.sortFields"))
        .unwrap_or_else(|| panic!("no sort action in {actions:#?}"));
    let change = &sort["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], json!(uri));
    assert_eq!(change["textDocument"]["version"], json!(1));
    let sorted = apply_text_edits(&unsorted, change["edits"].as_array().expect("edits"), false);
    assert_eq!(sorted, POLICIES_TEXT);
    // `only: ["quickfix"]` leaves it out.
    let params = json!({
        "textDocument": { "uri": uri },
        "range": { "start": { "line": 3, "character": 6 }, "end": { "line": 3, "character": 6 } },
        "context": { "diagnostics": [], "only": ["quickfix"] }
    });
    let quick = client
        .request("textDocument/codeAction", params)
        .expect("code actions");
    assert!(
        quick.as_array().is_some_and(|actions| actions
            .iter()
            .all(|action| action["kind"] == json!("quickfix"))),
        "{quick:#}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn document_symbols_are_nested_or_flat_by_client_support() {
    let project = guest_flow_project("symbols");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("symbols");
    let root = &symbols[0];
    assert_eq!(root["name"], json!("ExtlClntAppOauthConfigurablePolicies"));
    assert_eq!(root["kind"], json!(5), "a class");
    let children: Vec<&Value> = root["children"]
        .as_array()
        .expect("children")
        .iter()
        .collect();
    let label = children
        .iter()
        .find(|child| child["name"] == json!("label"))
        .expect("the label field");
    assert_eq!(label["kind"], json!(8), "a field");
    // `    <label>Portal 日本語 😀</label>` ends at UTF-16 column 32.
    assert_eq!(label["range"]["end"], json!({ "line": 4, "character": 32 }));
    assert!(client.shutdown_and_exit().success());

    // A client without hierarchical symbols gets the flat form.
    let mut client = LspClient::spawn();
    let setup = ClientSetup {
        hierarchical_symbols: false,
        ..ClientSetup::for_folder(project.path())
    };
    client.initialize(&setup);
    client.open(&uri, 1, POLICIES_TEXT);
    let flat = client
        .request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("symbols");
    let label = flat
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|symbol| symbol["name"] == json!("label"))
                .cloned()
        })
        .expect("label in the flat list");
    assert_eq!(
        label["containerName"],
        json!("ExtlClntAppOauthConfigurablePolicies")
    );
    assert_eq!(label["location"]["uri"], json!(uri));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn folding_and_selection_ranges() {
    let project = guest_flow_project("folding");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let folds = client
        .request(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("folding");
    let root_fold = folds
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|fold| fold["startLine"] == json!(1))
                .cloned()
        })
        .unwrap_or_else(|| panic!("no fold of the root in {folds:#}"));
    assert_eq!(
        root_fold["endLine"],
        json!(4),
        "the end tag stays visible: {root_fold:#}"
    );
    assert_eq!(root_fold["kind"], json!("region"));

    // In `Portal` of `<externalClientApplication>Portal</…>` (line 2), and past the end.
    let ranges = client
        .request(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": uri }, "positions": [{ "line": 2, "character": 33 }, { "line": 99, "character": 0 }] }),
        )
        .expect("selection ranges");
    let ranges = ranges.as_array().expect("one per position");
    assert_eq!(ranges.len(), 2);
    let mut chain = Vec::new();
    let mut current = Some(&ranges[0]);
    while let Some(range) = current {
        chain.push(range["range"].clone());
        current = range.get("parent");
    }
    assert!(chain.len() >= 3, "{chain:#?}");
    assert_eq!(
        chain[0],
        json!({ "start": { "line": 2, "character": 31 }, "end": { "line": 2, "character": 37 } })
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_and_references_across_the_files_of_the_app() {
    let project = guest_flow_project("navigation");
    let mut client = start(&project, ClientSetup::default());
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let definition = client
        .request("textDocument/definition", at(&uri, 2, 33))
        .expect("definition");
    let target = &definition[0];
    assert_eq!(target["uri"], json!(project.uri(HEADER)), "{definition:#}");
    assert_eq!(target["range"]["start"]["line"], json!(1));

    let header = project.uri(HEADER);
    client.open(&header, 1, HEADER_TEXT);
    let references = client
        .request(
            "textDocument/references",
            json!({ "textDocument": { "uri": header }, "position": { "line": 1, "character": 3 }, "context": { "includeDeclaration": true } }),
        )
        .expect("references");
    let mut uris: Vec<&str> = references
        .as_array()
        .expect("locations")
        .iter()
        .filter_map(|location| location["uri"].as_str())
        .collect();
    uris.sort();
    uris.dedup();
    let mut expected = vec![
        project.uri(GLOBAL),
        project.uri(HEADER),
        project.uri(POLICIES),
    ];
    expected.sort();
    assert_eq!(uris, expected);
    // Nothing to navigate to from a field name.
    assert_eq!(
        client
            .request("textDocument/definition", at(&uri, 3, 10))
            .expect("definition"),
        Value::Null
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_links_for_clients_that_take_them() {
    let project = guest_flow_project("definition-links");
    let setup = ClientSetup {
        definition_links: true,
        ..ClientSetup::default()
    };
    let mut client = start(&project, setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let definition = client
        .request("textDocument/definition", at(&uri, 2, 33))
        .expect("definition");
    let link = &definition[0];
    assert_eq!(
        link["targetUri"],
        json!(project.uri(HEADER)),
        "{definition:#}"
    );
    assert!(link["targetRange"].is_object() && link["targetSelectionRange"].is_object());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn requests_on_unknown_documents_answer_empty() {
    let (mut client, _) = LspClient::start(&ClientSetup::default());
    let uri = "file:///nowhere/unknown.ecaOauthPlcy-meta.xml";
    for method in [
        "textDocument/completion",
        "textDocument/hover",
        "textDocument/definition",
    ] {
        assert_eq!(
            client.request(method, at(uri, 3, 3)).expect(method),
            Value::Null,
            "{method}"
        );
    }
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        let answer = client
            .request(method, json!({ "textDocument": { "uri": uri } }))
            .expect(method);
        assert_eq!(answer, Value::Null, "{method}");
    }
    // Positions past the end of an open document are clamped, never an error.
    let open = "file:///nowhere/open.ecaOauthPlcy-meta.xml";
    client.open(open, 1, "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n</ExtlClntAppOauthConfigurablePolicies>\n");
    for (line, character) in [(0, 500), (77, 3), (u32::MAX, u32::MAX)] {
        assert!(
            client
                .request("textDocument/completion", at(open, line, character))
                .is_ok()
        );
        assert!(
            client
                .request("textDocument/hover", at(open, line, character))
                .is_ok()
        );
    }
    assert!(client.shutdown_and_exit().success());
}
