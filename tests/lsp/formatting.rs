//! Formatting through the protocol: `textDocument/formatting` and `rangeFormatting` with the
//! options VS Code and Neovim send, `.editorconfig` where the editor leaves a choice, Prettier's
//! style when the project's `.prettierrc` loads the XML plugin, and a failed request (with the
//! reason) for a file with syntax errors.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, range};
use crate::fixtures::{HEADER, POLICIES, apply_text_edits, guest_flow_project};

/// Out of order, badly indented, with a comment, a Japanese label and an emoji.
const UNFORMATTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
  <label>Portal 日本語 😀</label>
      <!-- the guest flow -->
  <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
<externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>";

const FORMATTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <!-- the guest flow -->
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <label>Portal 日本語 😀</label>
</ExtlClntAppOauthConfigurablePolicies>
";

/// VS Code's options: `editor.tabSize` and `editor.insertSpaces`; the `files.*` ones only when
/// they are on.
fn vscode_options() -> Value {
    json!({ "tabSize": 4, "insertSpaces": true })
}

fn format(client: &mut LspClient, uri: &str, options: Value) -> Result<Value, Value> {
    client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri }, "options": options }),
    )
}

fn edits(result: Value) -> Vec<Value> {
    result.as_array().cloned().unwrap_or_default()
}

#[test]
fn formatting_is_advertised_and_formats_the_document_in_both_encodings() {
    for (encodings, utf8) in [(None, false), (Some(vec!["utf-8"]), true)] {
        let project = guest_flow_project("format-encodings");
        let setup = ClientSetup {
            position_encodings: encodings,
            ..ClientSetup::for_folder(project.path())
        };
        let (mut client, initialized) = LspClient::start(&setup);
        let capabilities = &initialized["capabilities"];
        assert_eq!(capabilities["documentFormattingProvider"], json!(true));
        assert_eq!(capabilities["documentRangeFormattingProvider"], json!(true));
        let uri = project.uri(POLICIES);
        client.open(&uri, 1, UNFORMATTED);
        let result = format(&mut client, &uri, vscode_options()).expect("formatting answers");
        let formatted = apply_text_edits(UNFORMATTED, &edits(result), utf8);
        assert_eq!(formatted, FORMATTED, "utf8: {utf8}");
        // Formatted text formats to nothing.
        client.change(&uri, 2, json!([{ "text": formatted }]));
        let again = format(&mut client, &uri, vscode_options()).expect("formatting answers");
        assert_eq!(again, json!([]), "utf8: {utf8}");
        client.shutdown_and_exit();
    }
}

#[test]
fn neovims_options_indent_with_tabs_and_keep_the_missing_final_newline() {
    let project = guest_flow_project("format-neovim");
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, UNFORMATTED);
    // What `vim.lsp.buf.format()` sends for a buffer with `noexpandtab` and `tabstop=8`.
    let options = json!({ "tabSize": 8, "insertSpaces": false, "insertFinalNewline": false });
    let result = format(&mut client, &uri, options).expect("formatting answers");
    let formatted = apply_text_edits(UNFORMATTED, &edits(result), false);
    let expected = FORMATTED.replace("    ", "\t");
    assert_eq!(formatted, expected.trim_end_matches('\n'));
    client.shutdown_and_exit();
}

#[test]
fn editorconfig_decides_the_final_newline_the_editor_leaves_open() {
    let project = guest_flow_project("format-editorconfig");
    project.write(
        ".editorconfig",
        "root = true\n\n[*.xml]\ninsert_final_newline = false\n",
    );
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, UNFORMATTED);
    let result = format(&mut client, &uri, vscode_options()).expect("formatting answers");
    let formatted = apply_text_edits(UNFORMATTED, &edits(result), false);
    assert_eq!(formatted, FORMATTED.trim_end_matches('\n'));
    client.shutdown_and_exit();
}

#[test]
fn a_project_formatting_xml_with_prettier_gets_prettiers_style() {
    let project = guest_flow_project("format-prettier");
    project.write(
        ".prettierrc",
        r#"{ "trailingComma": "none", "plugins": ["prettier-plugin-apex", "@prettier/plugin-xml"] }"#,
    );
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, UNFORMATTED);
    let result = format(&mut client, &uri, vscode_options()).expect("formatting answers");
    let formatted = apply_text_edits(UNFORMATTED, &edits(result), false);
    assert_eq!(
        formatted,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>
<ExtlClntAppOauthConfigurablePolicies
  xmlns=\"http://soap.sforce.com/2006/04/metadata\"
>
    <externalClientApplication>Portal</externalClientApplication>
    <!-- the guest flow -->
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <label>Portal 日本語 😀</label>
</ExtlClntAppOauthConfigurablePolicies>
"
    );
    client.shutdown_and_exit();
}

#[test]
fn the_format_style_setting_wins_over_the_prettier_configuration() {
    let project = guest_flow_project("format-setting");
    project.write(".prettierrc", r#"{ "plugins": ["@prettier/plugin-xml"] }"#);
    let setup = ClientSetup {
        initialization_options: Some(json!({ "format": { "style": "salesforce" } })),
        ..ClientSetup::for_folder(project.path())
    };
    let mut client = LspClient::start(&setup).0;
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, UNFORMATTED);
    let result = format(&mut client, &uri, vscode_options()).expect("formatting answers");
    assert_eq!(
        apply_text_edits(UNFORMATTED, &edits(result), false),
        FORMATTED
    );
    client.shutdown_and_exit();
}

#[test]
fn a_document_with_syntax_errors_fails_the_request_with_the_reason() {
    let project = guest_flow_project("format-broken");
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let uri = project.uri(HEADER);
    let broken = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</labl>\n</ExternalClientApplication>\n";
    client.open(&uri, 1, broken);
    let error = format(&mut client, &uri, vscode_options()).expect_err("formatting fails");
    assert_eq!(error["code"], json!(-32803), "{error:#}");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("not formatted: the file has a syntax error (line 3: "),
        "{message}"
    );
    // The server goes on: the same document formats once fixed.
    client.change(
        &uri,
        2,
        json!([{ "text": broken.replace("labl", "label") }]),
    );
    assert_eq!(format(&mut client, &uri, vscode_options()), Ok(json!([])));
    client.shutdown_and_exit();
}

#[test]
fn range_formatting_formats_the_selected_elements_only() {
    let project = guest_flow_project("format-range");
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, UNFORMATTED);
    // Lines 3 and 4 (0-based): the comment and the guest flow switch.
    let result = client
        .request(
            "textDocument/rangeFormatting",
            json!({
                "textDocument": { "uri": uri },
                "range": range((3, 0), (4, 10)),
                "options": vscode_options(),
            }),
        )
        .expect("range formatting answers");
    assert_eq!(
        apply_text_edits(UNFORMATTED, &edits(result), false),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
  <label>Portal 日本語 😀</label>
    <!-- the guest flow -->
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
<externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>"
    );
    client.shutdown_and_exit();
}
