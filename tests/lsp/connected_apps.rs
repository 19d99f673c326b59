//! Connected App files in the editor, through the real binary over stdio: the structural checks
//! of the Connected App type, the hint on the root element, hover and completion from its
//! schema, and the code action *Migrate to an External Client App*, whose `CreateFile` edits
//! create exactly the files `eca-ls migrate` writes, with the same `package.xml` entries (or
//! the same note when it leaves them to the user).

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles};
use crate::fixtures::apply_text_edits;
use crate::support::{TempProject, eca_ls, stderr, stdout};

const CONNECTED_APP: &str = "force-app/main/default/connectedApps/Portal.connectedApp-meta.xml";
const TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <contactEmail>admin@example.com</contactEmail>\n    <label>Portal</label>\n    <mobileStartUrl>https://m.example.com</mobileStartUrl>\n    <oauthConfig>\n        <callbackUrl>https://portal.example.com/callback</callbackUrl>\n        <isAdminApproved>maybe</isAdminApproved>\n        <scopes>Api</scopes>\n    </oauthConfig>\n</ConnectedApp>\n";

fn project(name: &str) -> TempProject {
    TempProject::with_files(
        name,
        &[
            (
                "sfdx-project.json",
                r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
            ),
            (CONNECTED_APP, TEXT),
        ],
    )
}

fn start(project: &TempProject, resource_operations: bool) -> LspClient {
    let setup = ClientSetup {
        resource_operations,
        disabled_code_actions: true,
        ..ClientSetup::for_folder(project.path())
    };
    LspClient::start(&setup).0
}

fn migrate_action(client: &mut LspClient, uri: &str) -> Value {
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 1, "character": 1 }, "end": { "line": 1, "character": 1 } },
                "context": { "diagnostics": [], "only": ["refactor"] }
            }),
        )
        .expect("codeAction answers");
    actions
        .as_array()
        .and_then(|actions| {
            actions
                .iter()
                .find(|action| action["title"] == json!("Migrate to an External Client App"))
                .cloned()
        })
        .unwrap_or_else(|| panic!("no migrate action in {actions:#}"))
}

#[test]
fn a_connected_app_is_checked_hovered_completed_and_hinted() {
    let project = project("connected-app-features");
    let mut client = start(&project, true);
    let uri = project.uri(CONNECTED_APP);
    client.open(&uri, 1, TEXT);
    let published = client.diagnostics_for_version(&uri, 1);
    let diagnostics = published["diagnostics"].as_array().expect("diagnostics");
    let codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    assert!(codes.contains(&"invalid-value"), "{published:#}");
    let hint = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == json!("connected-app"))
        .unwrap_or_else(|| panic!("no hint: {published:#}"));
    assert_eq!(hint["severity"], json!(4));
    assert_eq!(hint["range"]["start"], json!({ "line": 1, "character": 1 }));
    let message = hint["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("Migrate to an External Client App")
            && message.contains("`mobileStartUrl`"),
        "{message}"
    );

    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 7, "character": 12 } }),
        )
        .expect("hover answers");
    let shown = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(shown.contains("isAdminApproved"), "{hover:#}");

    let completion = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 8, "character": 17 } }),
        )
        .expect("completion answers");
    let items = completion
        .as_array()
        .cloned()
        .or_else(|| completion["items"].as_array().cloned())
        .unwrap_or_default();
    let labels: Vec<&str> = items
        .iter()
        .filter_map(|item| item["label"].as_str())
        .collect();
    assert!(labels.contains(&"RefreshToken"), "{labels:?}");
    client.shutdown_and_exit();
}

#[test]
fn the_migrate_action_creates_the_files_eca_ls_migrate_writes() {
    // A valid Connected App: the one of the features test without its bad value.
    let valid = TEXT.replace("maybe", "true");
    let project = project("connected-app-action");
    project.write(CONNECTED_APP, &valid);
    let mut client = start(&project, true);
    let uri = project.uri(CONNECTED_APP);
    client.open(&uri, 1, &valid);
    let action = migrate_action(&mut client, &uri);
    assert_eq!(action["kind"], json!("refactor.rewrite.migrate"));
    assert!(action["disabled"].is_null(), "{action:#}");
    let changes = action["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges");
    let mut created: Vec<(String, String)> = Vec::new();
    for change in changes {
        if change["kind"] == json!("create") {
            assert_eq!(change["options"]["overwrite"], json!(false));
            created.push((
                change["uri"].as_str().expect("uri").to_string(),
                String::new(),
            ));
        } else if let Some(edits) = change["edits"].as_array() {
            let target = change["textDocument"]["uri"].as_str().expect("uri");
            let entry = created
                .iter_mut()
                .find(|(uri, _)| uri == target)
                .expect("an edit of a created file");
            entry.1 = edits[0]["newText"].as_str().expect("text").to_string();
        }
    }
    // A source format project has no manifest to edit, so nothing is left to say.
    assert!(
        !action["edit"].to_string().contains("package.xml"),
        "{action:#}"
    );
    assert!(action.get("command").is_none(), "{action:#}");
    client.shutdown_and_exit();

    // The same files, byte for byte, as the command line writes.
    let output = eca_ls(
        project.path(),
        &["migrate", CONNECTED_APP, "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let files = report["migrations"][0]["files"].as_array().expect("files");
    assert_eq!(created.len(), files.len(), "{created:#?}");
    for file in files {
        let path = file["path"].as_str().expect("path");
        let text = file["text"].as_str().expect("text");
        let uri = project.uri(path);
        let (_, created_text) = created
            .iter()
            .find(|(created_uri, _)| *created_uri == uri)
            .unwrap_or_else(|| panic!("{uri} not created by the action: {created:#?}"));
        assert_eq!(created_text, text, "{path}");
        let on_disk = std::fs::read_to_string(project.path().join(path)).expect("written");
        assert_eq!(on_disk, text);
    }
}

#[test]
fn the_migrate_action_is_disabled_with_a_reason_where_it_cannot_work() {
    let project = project("connected-app-disabled");
    // A client that cannot create files.
    let mut client = start(&project, false);
    let valid = TEXT.replace("maybe", "true");
    let uri = project.uri(CONNECTED_APP);
    client.open(&uri, 1, &valid);
    let action = migrate_action(&mut client, &uri);
    let reason = action["disabled"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("eca-ls migrate"), "{action:#}");
    assert!(action["edit"].is_null());
    client.shutdown_and_exit();

    // A Connected App with an error: the reason lists it.
    let mut client = start(&project, true);
    client.open(&uri, 1, TEXT);
    let action = migrate_action(&mut client, &uri);
    let reason = action["disabled"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("isAdminApproved"), "{action:#}");
    client.shutdown_and_exit();
}

/// The Metadata API form of the valid Connected App, at the root of a project without
/// `sfdx-project.json`.
const MDAPI_CONNECTED_APP: &str = "connectedApps/Portal.connectedApp";

/// In a Metadata API project with a `package.xml`, the action's edit adds the new components
/// to it: the manifest the edit leaves is the one `eca-ls migrate --dry-run` would write.
#[test]
fn the_migrate_action_adds_the_new_components_to_the_manifest_as_eca_ls_migrate_does() {
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <types>\n        <members>Portal</members>\n        <name>ConnectedApp</name>\n    </types>\n    <version>64.0</version>\n</Package>\n";
    let valid = TEXT.replace("maybe", "true");
    let project = TempProject::with_files(
        "connected-app-action-mdapi",
        &[("package.xml", manifest), (MDAPI_CONNECTED_APP, &valid)],
    );
    let cli = eca_ls(
        project.path(),
        &[
            "migrate",
            MDAPI_CONNECTED_APP,
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    let report: Value = serde_json::from_str(&stdout(&cli)).expect("JSON");
    assert_eq!(
        report["manifests"][0]["path"],
        json!("package.xml"),
        "{report:#}"
    );
    let expected = report["manifests"][0]["text"]
        .as_str()
        .expect("the manifest's text");
    assert!(
        expected.contains("<name>ExternalClientApplication</name>"),
        "{expected}"
    );

    let mut client = start(&project, true);
    let uri = project.uri(MDAPI_CONNECTED_APP);
    client.open(&uri, 1, &valid);
    let action = migrate_action(&mut client, &uri);
    assert!(action["disabled"].is_null(), "{action:#}");
    // The manifest takes the entries: nothing is left to say.
    assert!(action.get("command").is_none(), "{action:#}");
    let manifest_uri = project.uri("package.xml");
    let manifest_edit = action["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges")
        .iter()
        .find(|change| change["textDocument"]["uri"] == json!(manifest_uri))
        .cloned()
        .unwrap_or_else(|| panic!("no package.xml edit in {action:#}"));
    let edits = manifest_edit["edits"].as_array().expect("edits");
    assert_eq!(apply_text_edits(manifest, edits, false), expected);
    client.shutdown_and_exit();
}

/// In a Metadata API folder of other metadata without a `package.xml` (here the Connected App
/// itself), no manifest is created, as `eca-ls migrate` creates none: the action carries
/// `eca-ls.showNotes` with the note the CLI prints, shown once the editor runs it.
#[test]
fn the_migrate_action_without_a_manifest_it_may_create_shows_the_entries_to_add() {
    let valid = TEXT.replace("maybe", "true");
    let project = TempProject::with_files(
        "connected-app-action-no-manifest",
        &[(MDAPI_CONNECTED_APP, &valid)],
    );
    let cli = eca_ls(
        project.path(),
        &["migrate", MDAPI_CONNECTED_APP, "--dry-run"],
    );
    assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
    let printed: Vec<String> = stderr(&cli)
        .lines()
        .filter_map(|line| line.strip_prefix("eca-ls: note: "))
        .map(str::to_string)
        .collect();
    assert_eq!(printed.len(), 1, "{}", stderr(&cli));
    assert!(
        printed[0].starts_with(
            "package.xml was not created: its folder holds other metadata too (`connectedApps`)"
        ) && printed[0].contains("ExternalClientApplication Portal"),
        "{printed:?}"
    );

    let mut client = start(&project, true);
    let uri = project.uri(MDAPI_CONNECTED_APP);
    client.open(&uri, 1, &valid);
    let action = migrate_action(&mut client, &uri);
    assert!(action["disabled"].is_null(), "{action:#}");
    assert!(
        !action["edit"].to_string().contains("package.xml"),
        "no manifest is created: {action:#}"
    );
    assert_eq!(
        action["command"],
        json!({ "title": "Show what is left to do", "command": "eca-ls.showNotes", "arguments": printed }),
    );
    // What the editor does after applying the edit: run the command on the server.
    let answer = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "eca-ls.showNotes", "arguments": action["command"]["arguments"] }),
        )
        .expect("executeCommand answers");
    assert_eq!(answer, Value::Null);
    let message = client.notification("window/showMessage", |_| true);
    assert_eq!(message, json!({ "type": 3, "message": printed[0] }));
    client.shutdown_and_exit();
}
