//! Navigation across the workspace through the protocol: `workspace/symbol` (apps and their
//! files by fuzzy name, in files never opened) and the flows' code lens on an app's header,
//! which agrees with `eca-ls flows` and follows edits of the app's other files.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles};
use crate::fixtures::{
    GLOBAL, HEADER, HEADER_TEXT, ORG_SETTINGS, ORG_SETTINGS_TEXT, POLICIES, POLICIES_TEXT,
    guest_flow_project,
};
use crate::support::{TempProject, eca_ls, stdout};

fn symbols(client: &mut LspClient, query: &str) -> Vec<Value> {
    client
        .request("workspace/symbol", json!({ "query": query }))
        .expect("workspace/symbol answers")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Each symbol as `kind name [container] file line:character`.
fn render(symbols: &[Value]) -> Vec<String> {
    symbols
        .iter()
        .map(|symbol| {
            let uri = symbol["location"]["uri"].as_str().unwrap_or("");
            let file = uri.rsplit('/').next().unwrap_or("");
            let start = &symbol["location"]["range"]["start"];
            format!(
                "{} {}{} {} {}:{}",
                symbol["kind"],
                symbol["name"].as_str().unwrap_or(""),
                symbol["containerName"]
                    .as_str()
                    .map(|app| format!(" [{app}]"))
                    .unwrap_or_default(),
                file,
                start["line"],
                start["character"]
            )
        })
        .collect()
}

fn lenses(client: &mut LspClient, uri: &str) -> Value {
    client
        .request(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        )
        .expect("textDocument/codeLens answers")
}

#[test]
fn workspace_symbols_find_apps_and_files_by_fuzzy_name_without_opening_them() {
    let project = guest_flow_project("workspace-symbols");
    project.write(ORG_SETTINGS, ORG_SETTINGS_TEXT);
    let (mut client, result) = LspClient::start(&ClientSetup::for_folder(project.path()));
    assert_eq!(
        result["capabilities"]["workspaceSymbolProvider"],
        json!(true)
    );
    client.settle();
    // MODULE (2) for the app at its header's root element, FILE (1) for each file.
    assert_eq!(
        render(&symbols(&mut client, "")),
        vec![
            "1 OauthOidc OauthOidc.settings-meta.xml 1:0",
            "2 Portal Portal.eca-meta.xml 1:0",
            "1 Portal_glbloauth [Portal] Portal_glbloauth.ecaGlblOauth-meta.xml 1:0",
            "1 Portal_oauthPlcy [Portal] Portal_oauthPlcy.ecaOauthPlcy-meta.xml 1:0",
        ]
    );
    // Word starts and case: `pop` is P(ortal)_o(auth)P(lcy); `GLBL` matches in any case.
    assert_eq!(
        render(&symbols(&mut client, "pop")),
        vec!["1 Portal_oauthPlcy [Portal] Portal_oauthPlcy.ecaOauthPlcy-meta.xml 1:0"]
    );
    assert_eq!(
        render(&symbols(&mut client, "GLBL")),
        vec!["1 Portal_glbloauth [Portal] Portal_glbloauth.ecaGlblOauth-meta.xml 1:0"]
    );
    // The whole name first.
    assert_eq!(
        render(&symbols(&mut client, "portal"))[0],
        "2 Portal Portal.eca-meta.xml 1:0"
    );
    assert!(symbols(&mut client, "zzz").is_empty());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn workspace_symbols_see_unsaved_edits_and_utf16_ranges() {
    let project = TempProject::new("workspace-symbols-open");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    // A file that exists only in the editor, with a multi-byte label before its reference.
    let uri = project.uri(POLICIES);
    let text = POLICIES_TEXT.replace(
        "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "<!-- 日本語 😀 --><ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
    );
    client.open(&uri, 1, &text);
    // The app has no header: its symbol is the first reference to it.
    assert_eq!(
        render(&symbols(&mut client, "portal")),
        vec![
            "2 Portal Portal_oauthPlcy.ecaOauthPlcy-meta.xml 2:4",
            "1 Portal_oauthPlcy [Portal] Portal_oauthPlcy.ecaOauthPlcy-meta.xml 1:15",
        ]
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_code_lens_sums_up_the_flows_as_eca_ls_flows_does_and_follows_edits() {
    let project = guest_flow_project("code-lens");
    let (mut client, result) = LspClient::start(&ClientSetup::for_folder(project.path()));
    assert_eq!(
        result["capabilities"]["codeLensProvider"],
        json!({ "resolveProvider": false })
    );
    let header = project.uri(HEADER);
    client.open(&header, 1, HEADER_TEXT);
    let answer = lenses(&mut client, &header);
    let lens = &answer[0];
    assert_eq!(answer.as_array().map(Vec::len), Some(1), "{answer:#}");
    // On the root element's name.
    assert_eq!(
        lens["range"],
        json!({ "start": { "line": 1, "character": 1 }, "end": { "line": 1, "character": 26 } })
    );
    assert_eq!(lens["command"]["command"], json!("ecaLs.showFlows"));
    assert_eq!(lens["command"]["arguments"], json!([header]));
    let title = lens["command"]["title"].as_str().unwrap_or("").to_string();
    // The same states as `eca-ls flows`, flow by flow.
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    let flows: Value = serde_json::from_str(&stdout(&flows)).expect("flows JSON");
    let expected: Vec<String> = flows["apps"][0]["flows"]
        .as_array()
        .expect("flows")
        .iter()
        .map(|flow| {
            let state = match flow["state"].as_str() {
                Some("incomplete") => {
                    let needs = flow["needs"].as_array().expect("needs");
                    let missing = needs.iter().filter(|need| need["required"] == json!(true));
                    format!("{} missing", missing.count())
                }
                other => other.unwrap_or("").to_string(),
            };
            format!("{}: {state}", flow["name"].as_str().unwrap_or(""))
        })
        .collect();
    // Six flows: the incomplete one named, the others counted.
    assert_eq!(
        expected,
        vec![
            "Authorization Code and Credentials Flow: unknown",
            "Headless login (private client): unknown",
            "Headless passwordless login: unknown",
            "Headless registration: unknown",
            "Headless guest flow: 5 missing",
            "Web server flow (authorization code): unknown",
        ]
    );
    assert_eq!(title, "Headless guest flow: 5 missing · 5 unknown");

    // Switching the guest flow off in the (open) policies file changes the header's lens.
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    client.change(
        &policies,
        2,
        json!([{ "text": POLICIES_TEXT.replace("<isGuestCodeCredFlowEnabled>true", "<isGuestCodeCredFlowEnabled>false") }]),
    );
    let after = lenses(&mut client, &header);
    assert_eq!(after[0]["command"]["title"], json!("5 flows: 5 unknown"));
    // Only a header has a lens.
    assert_eq!(lenses(&mut client, &policies), json!([]));
    assert_eq!(lenses(&mut client, &project.uri(GLOBAL)), json!([]));
    assert!(client.shutdown_and_exit().success());
}

const POLICIES_NAMING: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <apexHandler>PortalHandler</apexHandler>
    <commaSeparatedCustomScopes>Orders_Read</commaSeparatedCustomScopes>
    <commaSeparatedPermissionSet>Portal_Users, Missing_Set</commaSeparatedPermissionSet>
    <commaSeparatedProfile>Custom: Support</commaSeparatedProfile>
    <externalClientApplication>Portal</externalClientApplication>
    <label>日本語 😀</label>
</ExtlClntAppOauthConfigurablePolicies>
";

fn project_with_other_components(name: &str) -> TempProject {
    let project = guest_flow_project(name);
    project.write(POLICIES, POLICIES_NAMING);
    for (path, text) in [
        (
            "force-app/main/default/classes/PortalHandler.cls",
            "public class PortalHandler {}\n",
        ),
        (
            "force-app/main/default/classes/PortalHandler.cls-meta.xml",
            "<ApexClass/>\n",
        ),
        (
            "force-app/main/default/classes/PortalHandlerTest.cls",
            "@IsTest class PortalHandlerTest {}\n",
        ),
        (
            "force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml",
            "<PermissionSet/>\n",
        ),
        (
            "force-app/main/default/profiles/Custom%3A Support.profile-meta.xml",
            "<Profile/>\n",
        ),
        (
            "other-package/oauthcustomscopes/Orders_Read.oauthcustomscope-meta.xml",
            "<OauthCustomScope/>\n",
        ),
        // Never searched: dependencies.
        (
            "node_modules/x/permissionsets/Missing_Set.permissionset-meta.xml",
            "<PermissionSet/>\n",
        ),
    ] {
        project.write(path, text);
    }
    project
}

/// The files a definition answer points at, relative to the project, with the start line.
fn definition_files(project: &TempProject, answer: &Value) -> Vec<String> {
    let root = crate::common::file_uri(project.path());
    answer
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|location| {
            let uri = location["uri"]
                .as_str()
                .or(location["targetUri"].as_str())
                .unwrap_or("");
            uri.strip_prefix(&format!("{root}/"))
                .unwrap_or(uri)
                .to_string()
        })
        .collect()
}

fn definition_at(client: &mut LspClient, uri: &str, line: u32, character: u32) -> Value {
    client
        .request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
        .expect("definition answers")
}

#[test]
fn definition_opens_the_apex_class_permission_set_profile_and_custom_scope_of_the_project() {
    let project = project_with_other_components("definition-into-project");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_NAMING);
    // The class first, then its metadata file; not PortalHandlerTest.
    let class = definition_at(&mut client, &uri, 2, 20);
    assert_eq!(
        definition_files(&project, &class),
        vec![
            "force-app/main/default/classes/PortalHandler.cls",
            "force-app/main/default/classes/PortalHandler.cls-meta.xml",
        ]
    );
    assert_eq!(
        class[0]["range"],
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } })
    );
    assert_eq!(
        definition_files(&project, &definition_at(&mut client, &uri, 3, 35)),
        vec!["other-package/oauthcustomscopes/Orders_Read.oauthcustomscope-meta.xml"]
    );
    assert_eq!(
        definition_files(&project, &definition_at(&mut client, &uri, 4, 36)),
        vec!["force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml"]
    );
    assert_eq!(
        definition_files(&project, &definition_at(&mut client, &uri, 5, 32)),
        vec!["force-app/main/default/profiles/Custom%253A%20Support.profile-meta.xml"]
    );
    // A name no file of the project holds (the one under node_modules does not count), and
    // the label: nothing.
    assert_eq!(definition_at(&mut client, &uri, 4, 50), Value::Null);
    assert_eq!(definition_at(&mut client, &uri, 7, 12), Value::Null);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn definition_links_into_the_project_carry_the_name_as_origin() {
    let project = project_with_other_components("definition-into-project-links");
    let setup = ClientSetup {
        workspace_folders: vec![project.path().to_path_buf()],
        definition_links: true,
        position_encodings: Some(vec!["utf-8"]),
        ..ClientSetup::default()
    };
    let (mut client, _) = LspClient::start(&setup);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_NAMING);
    let answer = definition_at(&mut client, &uri, 4, 50);
    assert_eq!(answer, Value::Null);
    let answer = definition_at(&mut client, &uri, 4, 36);
    assert_eq!(
        answer[0]["originSelectionRange"],
        json!({ "start": { "line": 4, "character": 33 }, "end": { "line": 4, "character": 45 } })
    );
    assert_eq!(
        definition_files(&project, &answer),
        vec!["force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml"]
    );
    assert!(client.shutdown_and_exit().success());
}

/// The ECA-REF-012 messages last published for `uri`.
fn missing_component_notes(client: &mut LspClient, uri: &str) -> Vec<String> {
    client.settle();
    client
        .last_published()
        .get(uri)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|diagnostic| diagnostic["code"] == json!("ECA-REF-012"))
        .map(|diagnostic| {
            format!(
                "{} {}",
                diagnostic["severity"],
                diagnostic["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn a_permission_set_file_created_or_deleted_turns_the_missing_file_note_off_and_on() {
    let project = project_with_other_components("missing-component-note");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, POLICIES_NAMING);
    // The project holds permission sets, not `Missing_Set` (the one under node_modules does not
    // count): an information note (severity 3); the class, profile and scope have their files.
    assert_eq!(
        missing_component_notes(&mut client, &uri),
        vec![
            "3 this project has no `permissionsets/Missing_Set.permissionset-meta.xml` for the permission set `Missing_Set`, though it holds other files in `permissionsets/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app"
        ]
    );
    let created = "force-app/main/default/permissionsets/Missing_Set.permissionset-meta.xml";
    project.write(created, "<PermissionSet/>\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri(created), "type": 1 }] }),
    );
    assert_eq!(
        missing_component_notes(&mut client, &uri),
        Vec::<String>::new()
    );
    // Deleting the project's every permission set: nothing to compare with, so no note either.
    for deleted in [
        created,
        "force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml",
    ] {
        project.remove(deleted);
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": project.uri(deleted), "type": 3 }] }),
        );
    }
    assert_eq!(
        missing_component_notes(&mut client, &uri),
        Vec::<String>::new()
    );
    // One permission set back: `Missing_Set` is noted again.
    project.write(
        "force-app/main/default/permissionsets/Other.permissionset-meta.xml",
        "<PermissionSet/>\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": project.uri("force-app/main/default/permissionsets/Other.permissionset-meta.xml"), "type": 1 }] }),
    );
    assert_eq!(missing_component_notes(&mut client, &uri).len(), 2);
    // `Portal_Users` back, but left out by the `.forceignore` (not deployed): still noted; go to
    // definition opens it all the same, found on disk.
    let ignored = "force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml";
    project.write(ignored, "<PermissionSet/>\n");
    project.write(".forceignore", "**/Portal_Users.permissionset-meta.xml\n");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [
            { "uri": project.uri(ignored), "type": 1 },
            { "uri": project.uri(".forceignore"), "type": 1 },
        ] }),
    );
    let notes = missing_component_notes(&mut client, &uri);
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes[0].contains("`Portal_Users`"), "{notes:#?}");
    assert_eq!(
        definition_files(&project, &definition_at(&mut client, &uri, 4, 36)),
        vec![ignored]
    );
    assert!(client.shutdown_and_exit().success());
}
