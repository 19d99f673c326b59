//! Renaming an app, highlights and linked tag names through the protocol, with the capabilities
//! of VS Code (UTF-16, `documentChanges` with `RenameFile`), Neovim (UTF-8, the same resource
//! operations), a client with `documentChanges` but no resource operations, and one with plain
//! `changes`. A rename the client applies (here: the test, as the client would) leaves the
//! project checking as it did.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, check_findings, file_uri};
use crate::fixtures::{
    GLOBAL, HEADER, POLICIES, SFDX_PROJECT, SFDX_PROJECT_TEXT, apply_text_edits, offset_of,
};
use crate::support::TempProject;

/// The policies file, open in the editor: a Japanese label and an emoji before the reference on
/// its line, so that its columns differ between UTF-8 and UTF-16.
const POLICIES_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <!-- 日本語 😀 --><externalClientApplication>Portal</externalClientApplication>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
";

const GLOBAL_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
";

const HEADER_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Portal</label>
    <orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>
</ExternalClientApplication>
";

const WEB_HEADER: &str = "force-app/main/default/externalClientApps/Web.eca-meta.xml";
const WEB_HEADER_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <distributionState>Local</distributionState>
    <label>Web</label>
</ExternalClientApplication>
";

fn project(name: &str) -> TempProject {
    TempProject::with_files(
        name,
        &[
            (SFDX_PROJECT, SFDX_PROJECT_TEXT),
            (POLICIES, POLICIES_TEXT),
            (GLOBAL, GLOBAL_TEXT),
            (HEADER, HEADER_TEXT),
            (WEB_HEADER, WEB_HEADER_TEXT),
        ],
    )
}

/// The position of the first `needle` in `text`, `after` bytes into it, in the encoding.
fn position_of(text: &str, needle: &str, after: usize, utf8: bool) -> Value {
    let offset = text.find(needle).expect("the needle") + after;
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let line = text[..offset].matches('\n').count();
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

/// The client kinds of the tests.
#[derive(Debug, Clone, Copy)]
enum Client {
    VsCode,
    Neovim,
    NoResourceOperations,
    PlainChanges,
}

impl Client {
    fn setup(self, folder: &Path) -> ClientSetup {
        let base = ClientSetup::for_folder(folder);
        match self {
            Client::VsCode => ClientSetup {
                resource_operations: true,
                ..base
            },
            Client::Neovim => ClientSetup {
                position_encodings: Some(vec!["utf-8", "utf-16", "utf-32"]),
                resource_operations: true,
                ..base
            },
            Client::NoResourceOperations => base,
            Client::PlainChanges => ClientSetup {
                document_changes: false,
                ..base
            },
        }
    }

    fn utf8(self) -> bool {
        matches!(self, Client::Neovim)
    }
}

/// Apply a workspace edit to the project on disk as a client would (the open policies file from
/// `open_text`), and describe it: one line per document edit or file operation, in order.
fn apply(project: &TempProject, edit: &Value, open_text: &str, utf8: bool) -> Vec<String> {
    let root = project.path();
    let relative = |uri: &str| -> String {
        uri.strip_prefix(&format!("{}/", file_uri(root)))
            .unwrap_or(uri)
            .to_string()
    };
    let text_of = |relative_path: &str| -> String {
        if relative_path == POLICIES {
            open_text.to_string()
        } else {
            std::fs::read_to_string(root.join(relative_path)).expect("a file to edit")
        }
    };
    let mut described = Vec::new();
    let edit_document = |uri: &str, version: &Value, edits: &[Value]| -> String {
        let path = relative(uri);
        let after = apply_text_edits(&text_of(&path), edits, utf8);
        std::fs::write(root.join(&path), &after).expect("write the edited file");
        format!("edit {path} (version {version}): {} edits", edits.len())
    };
    if let Some(operations) = edit["documentChanges"].as_array() {
        for operation in operations {
            match operation["kind"].as_str() {
                Some("rename") => {
                    let (from, to) = (
                        relative(operation["oldUri"].as_str().expect("oldUri")),
                        relative(operation["newUri"].as_str().expect("newUri")),
                    );
                    assert_eq!(
                        operation["options"],
                        json!({ "overwrite": false, "ignoreIfExists": false })
                    );
                    assert!(!root.join(&to).exists(), "{to} exists");
                    std::fs::rename(root.join(&from), root.join(&to)).expect("rename");
                    described.push(format!("rename {from} → {to}"));
                }
                Some(other) => panic!("unexpected operation {other}"),
                None => described.push(edit_document(
                    operation["textDocument"]["uri"].as_str().expect("uri"),
                    &operation["textDocument"]["version"],
                    operation["edits"].as_array().expect("edits"),
                )),
            }
        }
    }
    if let Some(changes) = edit["changes"].as_object() {
        let mut uris: Vec<&String> = changes.keys().collect();
        uris.sort();
        for uri in uris {
            described.push(edit_document(
                uri,
                &Value::Null,
                changes[uri].as_array().expect("edits"),
            ));
        }
    }
    described
}

/// Codes of `eca-ls check` by file name, with the file names as they are now.
fn checked_codes(root: &Path) -> Vec<String> {
    let mut codes: Vec<String> = check_findings(root)
        .into_iter()
        .flat_map(|(uri, findings)| {
            let name = uri.rsplit('/').next().unwrap_or_default().to_string();
            findings
                .into_iter()
                .map(move |finding| format!("{name}: {}", finding.0))
        })
        .collect();
    codes.sort();
    codes
}

fn rename_through(client_kind: Client) -> (Vec<String>, Option<Value>, TempProject) {
    let project = project(&format!("rename-{client_kind:?}"));
    let utf8 = client_kind.utf8();
    let before = checked_codes(project.path());
    let (mut client, initialized) = LspClient::start(&client_kind.setup(project.path()));
    let capabilities = &initialized["capabilities"];
    assert_eq!(
        capabilities["renameProvider"],
        json!({ "prepareProvider": true })
    );
    let uri = project.uri(POLICIES);
    client.open(&uri, 3, POLICIES_TEXT);
    let cursor = position_of(POLICIES_TEXT, ">Portal<", 3, utf8);
    let prepared = client
        .request("textDocument/prepareRename", at(&uri, cursor.clone()))
        .expect("prepareRename answers");
    assert_eq!(prepared["placeholder"], json!("Portal"));
    let start = offset_of(POLICIES_TEXT, &prepared["range"]["start"], utf8);
    let end = offset_of(POLICIES_TEXT, &prepared["range"]["end"], utf8);
    assert_eq!(&POLICIES_TEXT[start..end], "Portal");
    let mut params = at(&uri, cursor);
    params["newName"] = json!("Partner_Portal");
    let edit = client
        .request("textDocument/rename", params)
        .expect("rename answers");
    let described = apply(&project, &edit, POLICIES_TEXT, utf8);
    let message = match client_kind {
        Client::VsCode | Client::Neovim => None,
        _ => Some(client.notification("window/showMessage", |_| true)),
    };
    client.shutdown_and_exit();
    // After the client applied it, the project checks as before, under the new names.
    let after = checked_codes(project.path());
    assert_eq!(
        before
            .iter()
            .map(|line| line.replace("Portal", "Partner_Portal"))
            .collect::<Vec<_>>(),
        after,
        "the renamed project checks differently"
    );
    (described, message, project)
}

#[test]
fn vscode_renames_the_references_and_the_files_in_one_edit() {
    let (described, message, project) = rename_through(Client::VsCode);
    assert_eq!(message, None);
    assert_eq!(
        described,
        [
            "edit force-app/main/default/externalClientApps/Portal.eca-meta.xml (version null): 1 edits",
            "edit force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml (version null): 1 edits",
            "edit force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml (version 3): 1 edits",
            "rename force-app/main/default/externalClientApps/Portal.eca-meta.xml → force-app/main/default/externalClientApps/Partner_Portal.eca-meta.xml",
            "rename force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml → force-app/main/default/extlClntAppGlobalOauthSets/Partner_Portal_glbloauth.ecaGlblOauth-meta.xml",
            "rename force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml → force-app/main/default/extlClntAppOauthPolicies/Partner_Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
        ]
    );
    let header = std::fs::read_to_string(
        project
            .path()
            .join("force-app/main/default/externalClientApps/Partner_Portal.eca-meta.xml"),
    )
    .expect("the renamed header");
    assert_eq!(
        header,
        HEADER_TEXT.replace(":Portal<", ":Partner_Portal<"),
        "only the org-scoped name changed; the label stays"
    );
    let policies = std::fs::read_to_string(project.path().join(
        "force-app/main/default/extlClntAppOauthPolicies/Partner_Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
    ))
    .expect("the renamed policies");
    assert_eq!(
        policies,
        POLICIES_TEXT.replace(">Portal</ext", ">Partner_Portal</ext")
    );
}

#[test]
fn neovim_gets_the_same_edit_in_utf8_columns() {
    let (described, message, _project) = rename_through(Client::Neovim);
    assert_eq!(message, None);
    assert_eq!(described.len(), 6, "{described:#?}");
    assert!(described[5].ends_with("Partner_Portal_oauthPlcy.ecaOauthPlcy-meta.xml"));
}

#[test]
fn without_rename_file_support_the_text_is_edited_and_the_files_to_rename_are_named() {
    for client_kind in [Client::NoResourceOperations, Client::PlainChanges] {
        let project = project(&format!("rename-{client_kind:?}"));
        let (mut client, _) = LspClient::start(&client_kind.setup(project.path()));
        let uri = project.uri(POLICIES);
        client.open(&uri, 3, POLICIES_TEXT);
        let mut params = at(&uri, position_of(POLICIES_TEXT, ">Portal<", 1, false));
        params["newName"] = json!("Partner_Portal");
        let edit = client
            .request("textDocument/rename", params)
            .expect("rename answers");
        let described = apply(&project, &edit, POLICIES_TEXT, false);
        assert_eq!(described.len(), 3, "{client_kind:?}: {described:#?}");
        assert!(
            described.iter().all(|line| line.starts_with("edit ")),
            "{described:#?}"
        );
        let message = client.notification("window/showMessage", |_| true);
        assert_eq!(message["type"], json!(2), "a warning");
        assert_eq!(
            message["message"],
            json!(
                "Renamed the app `Portal` to `Partner_Portal` inside its files; this editor cannot rename files for a language server, so rename these by hand to keep the names Salesforce expects: force-app/main/default/externalClientApps/Portal.eca-meta.xml → force-app/main/default/externalClientApps/Partner_Portal.eca-meta.xml, force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml → force-app/main/default/extlClntAppGlobalOauthSets/Partner_Portal_glbloauth.ecaGlblOauth-meta.xml, force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml → force-app/main/default/extlClntAppOauthPolicies/Partner_Portal_oauthPlcy.ecaOauthPlcy-meta.xml"
            )
        );
        client.shutdown_and_exit();
    }
}

#[test]
fn invalid_or_taken_names_and_places_that_name_no_app_are_refused_with_the_reason() {
    let project = project("rename-refused");
    let (mut client, _) = LspClient::start(&Client::VsCode.setup(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_TEXT);
    let on_name = position_of(POLICIES_TEXT, ">Portal<", 2, false);
    for (new_name, expected) in [
        (
            "Partner Portal",
            "`Partner Portal` is not a valid API name for an External Client App: it cannot include spaces",
        ),
        (
            "Web",
            "the project already has an app named `Web` (force-app/main/default/externalClientApps/Web.eca-meta.xml); choose another name",
        ),
    ] {
        let mut params = at(&uri, on_name.clone());
        params["newName"] = json!(new_name);
        let error = client
            .request("textDocument/rename", params)
            .expect_err(new_name);
        assert_eq!(error["code"], json!(-32803), "{error:#}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.starts_with(expected), "{message}");
    }
    let on_label = position_of(POLICIES_TEXT, "<label>", 3, false);
    let error = client
        .request("textDocument/prepareRename", at(&uri, on_label))
        .expect_err("nothing to rename on a label");
    assert_eq!(error["code"], json!(-32803));
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("eca-ls renames External Client Apps: put the cursor on"),
        "{error:#}"
    );
    client.shutdown_and_exit();
    // Nothing was renamed.
    assert!(project.path().join(HEADER).exists());
}

#[test]
fn renaming_a_header_in_the_explorer_offers_the_reference_updates() {
    let project = project("rename-will-rename");
    let (mut client, initialized) = LspClient::start(&Client::VsCode.setup(project.path()));
    let filters =
        &initialized["capabilities"]["workspace"]["fileOperations"]["willRename"]["filters"];
    let globs: Vec<&str> = filters
        .as_array()
        .expect("willRename filters")
        .iter()
        .map(|filter| filter["pattern"]["glob"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(globs, ["**/*.eca-meta.xml", "**/*.eca"]);
    let old_uri = project.uri(HEADER);
    let new_uri = old_uri.replace("/Portal.eca-meta.xml", "/Intranet.eca-meta.xml");
    let edit = client
        .request(
            "workspace/willRenameFiles",
            json!({ "files": [{ "oldUri": old_uri, "newUri": new_uri }] }),
        )
        .expect("willRenameFiles answers");
    let described = apply(&project, &edit, POLICIES_TEXT, false);
    assert_eq!(
        described,
        [
            "edit force-app/main/default/externalClientApps/Portal.eca-meta.xml (version null): 1 edits",
            "edit force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml (version null): 1 edits",
            "edit force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml (version null): 1 edits",
        ]
    );
    // A component renamed, or a header renamed to a taken name: nothing, and a warning for the
    // taken name.
    let component = project.uri(GLOBAL);
    let nothing = client
        .request(
            "workspace/willRenameFiles",
            json!({ "files": [{ "oldUri": component, "newUri": component.replace("Portal_glbloauth", "Other") }] }),
        )
        .expect("willRenameFiles answers");
    assert_eq!(nothing, Value::Null);
    let taken = client
        .request(
            "workspace/willRenameFiles",
            json!({ "files": [{ "oldUri": old_uri, "newUri": old_uri.replace("/Portal.eca-meta.xml", "/Web.eca-meta.xml") }] }),
        )
        .expect("willRenameFiles answers");
    assert_eq!(taken, Value::Null);
    let warning = client.notification("window/showMessage", |_| true);
    assert!(
        warning["message"].as_str().unwrap_or_default().starts_with(
            "eca-ls did not update the app's references: the project already has an app named `Web`"
        ),
        "{warning:#}"
    );
    client.shutdown_and_exit();
}

/// The texts a list of ranges covers in `text`.
fn covered(text: &str, ranges: &[Value], utf8: bool) -> Vec<String> {
    ranges
        .iter()
        .map(|range| {
            let start = offset_of(text, &range["start"], utf8);
            let end = offset_of(text, &range["end"], utf8);
            format!("{}:{}", range["start"]["line"], &text[start..end])
        })
        .collect()
}

#[test]
fn highlights_and_linked_tag_names_in_both_encodings() {
    for client_kind in [Client::VsCode, Client::Neovim] {
        let utf8 = client_kind.utf8();
        let project = project(&format!("highlights-{client_kind:?}"));
        let (mut client, initialized) = LspClient::start(&client_kind.setup(project.path()));
        let capabilities = &initialized["capabilities"];
        assert_eq!(capabilities["documentHighlightProvider"], json!(true));
        assert_eq!(capabilities["linkedEditingRangeProvider"], json!(true));
        let uri = project.uri(POLICIES);
        client.open(&uri, 1, POLICIES_TEXT);
        // On the tag name after the emoji: the start and end tag names, linked.
        let on_tag = position_of(POLICIES_TEXT, "<externalClientApplication>", 5, utf8);
        let linked = client
            .request("textDocument/linkedEditingRange", at(&uri, on_tag.clone()))
            .expect("linkedEditingRange answers");
        let ranges = linked["ranges"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            covered(POLICIES_TEXT, &ranges, utf8),
            ["2:externalClientApplication", "2:externalClientApplication"],
            "{client_kind:?}"
        );
        assert_eq!(linked["wordPattern"], json!("[A-Za-z_][-A-Za-z0-9_.:]*"));
        let highlights = client
            .request("textDocument/documentHighlight", at(&uri, on_tag))
            .expect("documentHighlight answers");
        let ranges: Vec<Value> = highlights
            .as_array()
            .into_iter()
            .flatten()
            .map(|highlight| highlight["range"].clone())
            .collect();
        assert_eq!(
            covered(POLICIES_TEXT, &ranges, utf8),
            ["2:externalClientApplication", "2:externalClientApplication"]
        );
        // In the header: the app's name is the root element and orgScopedExternalApp's name part.
        let header_uri = project.uri(HEADER);
        client.open(&header_uri, 1, HEADER_TEXT);
        let on_name = position_of(HEADER_TEXT, ":Portal", 2, utf8);
        let highlights = client
            .request("textDocument/documentHighlight", at(&header_uri, on_name))
            .expect("documentHighlight answers");
        let ranges: Vec<Value> = highlights
            .as_array()
            .into_iter()
            .flatten()
            .map(|highlight| highlight["range"].clone())
            .collect();
        assert_eq!(
            covered(HEADER_TEXT, &ranges, utf8),
            [
                "1:ExternalClientApplication",
                "6:Portal",
                "7:ExternalClientApplication"
            ]
        );
        // Off any name: nothing linked.
        let in_value = position_of(POLICIES_TEXT, "true<", 1, utf8);
        let none = client
            .request("textDocument/linkedEditingRange", at(&uri, in_value))
            .expect("linkedEditingRange answers");
        assert_eq!(none, Value::Null);
        client.shutdown_and_exit();
    }
}
