//! The editor's writing paths through the real binary over stdio: the `eca-ls.newApp` command
//! (asks for what is missing, then one `workspace/applyEdit` with `CreateFile`s, then the
//! header to open), the `source.fixAll.eca-ls` action (safe fixes only), and *Configure this
//! app for …* (one workspace edit across the app's files, disabled with a reason where the
//! editor cannot do it).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, file_uri};
use crate::support::{TempProject, eca_ls, stdout};

fn sfdx_project(name: &str) -> TempProject {
    TempProject::with_files(
        name,
        &[(
            "sfdx-project.json",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\", \"default\": true }], \"sourceApiVersion\": \"65.0\" }\n",
        )],
    )
}

fn editor(project: &TempProject) -> LspClient {
    let setup = ClientSetup {
        resource_operations: true,
        disabled_code_actions: true,
        ..ClientSetup::for_folder(project.path())
    };
    LspClient::start(&setup).0
}

fn execute(client: &mut LspClient, command: &str, arguments: Value) -> Value {
    client
        .request(
            "workspace/executeCommand",
            json!({ "command": command, "arguments": arguments }),
        )
        .expect("executeCommand answers")
}

/// Apply a workspace edit of `CreateFile`s and full-text edits of new files to disk, as an
/// editor would, and return the paths written.
fn apply_creations(edit: &Value) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for change in edit["documentChanges"].as_array().expect("documentChanges") {
        let uri = change["uri"]
            .as_str()
            .or_else(|| change["textDocument"]["uri"].as_str())
            .expect("a uri");
        let path = PathBuf::from(uri.trim_start_matches("file://"));
        if change["kind"] == "create" {
            assert_eq!(change["options"]["overwrite"], false);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("create folders");
            std::fs::write(&path, "").expect("create the file");
            written.push(path);
            continue;
        }
        let edits = change["edits"].as_array().expect("edits");
        assert_eq!(edits.len(), 1, "a new file is filled by one edit");
        std::fs::write(&path, edits[0]["newText"].as_str().expect("text")).expect("fill the file");
    }
    written
}

#[test]
fn new_app_asks_for_what_is_missing_then_creates_the_files_in_one_edit() {
    let project = sfdx_project("lsp-new-app");
    let mut client = editor(&project);
    let flows = execute(&mut client, "eca-ls.listFlows", json!([]));
    let ids: Vec<&str> = flows
        .as_array()
        .expect("flows")
        .iter()
        .filter_map(|flow| flow["id"].as_str())
        .collect();
    assert!(ids.contains(&"headless-guest"), "{ids:?}");
    let folder = file_uri(project.path());
    let mut request = json!({ "folder": folder, "name": "Guest Portal", "flows": ["code-credentials", "headless-guest"], "client": "public" });
    let answer = execute(&mut client, "eca-ls.newApp", json!([request.clone()]));
    assert_eq!(answer["status"], "invalidName", "{answer:#}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("cannot include spaces")
    );
    request["name"] = json!("Guest_Portal");
    // The dialogue: each answer names what to ask next, until the app can be created.
    let mut asked = Vec::new();
    let answer = loop {
        let answer = execute(&mut client, "eca-ls.newApp", json!([request.clone()]));
        if answer["status"] != "needsInput" {
            break answer;
        }
        let input = answer["input"].as_str().expect("an input").to_string();
        assert!(!asked.contains(&input), "asked twice for {input}");
        let value = match input.as_str() {
            "callbackUrls" => json!(["https://portal.example.my.site.com/services/oauth2/echo"]),
            "scopes" => json!(["Api", "OpenID"]),
            "permissionSets" => json!(["Portal_Users"]),
            other => panic!("unexpected question {other}: {answer:#}"),
        };
        assert_eq!(answer["kind"], "list", "{answer:#}");
        assert!(!answer["prompt"].as_str().unwrap_or_default().is_empty());
        request[&input] = value;
        asked.push(input);
    };
    assert_eq!(asked, ["scopes", "callbackUrls", "permissionSets"]);
    assert_eq!(answer["status"], "created", "{answer:#}");
    let header = answer["header"].as_str().expect("the header to open");
    assert!(
        header.ends_with("/force-app/main/default/externalClientApps/Guest_Portal.eca-meta.xml"),
        "{header}"
    );
    let apply = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "workspace/applyEdit")
        .cloned()
        .expect("the server sent the files as one workspace edit");
    assert_eq!(
        apply["params"]["label"],
        "New External Client App `Guest_Portal`"
    );
    let written = apply_creations(&apply["params"]["edit"]);
    assert_eq!(written.len(), 6, "{written:?}");
    assert_eq!(answer["files"].as_array().map(Vec::len), Some(6));
    // What the editor wrote checks clean and is ready.
    let check = eca_ls(project.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(report["diagnostics"], json!([]), "{}", stdout(&check));
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    let flows: Value = serde_json::from_slice(&flows.stdout).expect("JSON");
    for flow in flows["apps"][0]["flows"].as_array().expect("flows") {
        assert_eq!(flow["state"], "ready", "{flow:#}");
    }
    // The editor's watcher reports the new files; the same name again: the app exists now.
    let events: Vec<Value> = written
        .iter()
        .map(|path| json!({ "uri": file_uri(path), "type": 1 }))
        .collect();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": events }),
    );
    let again = execute(&mut client, "eca-ls.newApp", json!([request]));
    assert_eq!(again["status"], "invalidName", "{again:#}");
}

/// Token exchange from the editor: the dialogue asks for the handler's class, execution user
/// and token types by the request's names, a username that is not one is refused, and the
/// new files include the handler, so the flow is ready and the result checks clean.
#[test]
fn new_app_for_token_exchange_asks_for_the_handler_and_writes_it() {
    let project = sfdx_project("lsp-new-app-token-exchange");
    let mut client = editor(&project);
    let folder = file_uri(project.path());
    let mut request = json!({ "folder": folder, "name": "Exchange", "flows": ["token-exchange"] });
    let mut asked = Vec::new();
    let answer = loop {
        let answer = execute(&mut client, "eca-ls.newApp", json!([request.clone()]));
        if answer["status"] != "needsInput" {
            break answer;
        }
        let input = answer["input"].as_str().expect("an input").to_string();
        assert!(!asked.contains(&input), "asked twice for {input}");
        let (kind, value) = match input.as_str() {
            "scopes" => ("list", json!(["Api"])),
            "tokenExchangeHandler" => ("text", json!("PartnerTokenHandler")),
            "apexExecutionUser" => ("text", json!("handler@example.com")),
            "tokenTypes" => ("list", json!(["jwt", "id-token"])),
            other => panic!("unexpected question {other}: {answer:#}"),
        };
        assert_eq!(answer["kind"], kind, "{answer:#}");
        assert!(!answer["prompt"].as_str().unwrap_or_default().is_empty());
        if input == "apexExecutionUser" {
            // An answer that is not a username is refused with the reason.
            let mut wrong = request.clone();
            wrong[&input] = json!("handler");
            let refused = execute(&mut client, "eca-ls.newApp", json!([wrong]));
            assert_eq!(refused["status"], "error", "{refused:#}");
            assert!(
                refused["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("not a Salesforce username"),
                "{refused:#}"
            );
        }
        request[&input] = value;
        asked.push(input);
    };
    assert_eq!(
        asked,
        [
            "scopes",
            "tokenExchangeHandler",
            "apexExecutionUser",
            "tokenTypes"
        ]
    );
    assert_eq!(answer["status"], "created", "{answer:#}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("token-exchange ready"),
        "{answer:#}"
    );
    let apply = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "workspace/applyEdit")
        .cloned()
        .expect("the server sent the files as one workspace edit");
    let written = apply_creations(&apply["params"]["edit"]);
    assert!(
        written.iter().any(|path| path.ends_with(
            "force-app/main/default/oauthtokenexchangehandlers/Exchange.oauthtokenexchangehandler-meta.xml"
        )),
        "{written:?}"
    );
    let check = eca_ls(project.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(report["diagnostics"], json!([]), "{}", stdout(&check));
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    let flows: Value = serde_json::from_slice(&flows.stdout).expect("JSON");
    assert_eq!(
        flows["apps"][0]["flows"][0]["id"], "token-exchange",
        "{flows:#}"
    );
    assert_eq!(flows["apps"][0]["flows"][0]["state"], "ready", "{flows:#}");
}

#[test]
fn new_app_says_so_when_the_editor_cannot_create_files() {
    let project = sfdx_project("lsp-new-app-no-create");
    let mut client = LspClient::start(&ClientSetup::for_folder(project.path())).0;
    let answer = execute(
        &mut client,
        "eca-ls.newApp",
        json!([{ "name": "Device_App", "flows": ["device-flow"], "scopes": ["Api"] }]),
    );
    assert_eq!(answer["status"], "error");
    assert!(
        answer["message"]
            .as_str()
            .unwrap_or_default()
            .contains("run `eca-ls new` in a terminal"),
        "{answer:#}"
    );
    assert!(
        !client
            .server_requests
            .iter()
            .any(|request| request["method"] == "workspace/applyEdit")
    );
    assert!(!project.path().join("force-app").exists());
}

const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";

fn portal_project(name: &str, policies: &str) -> TempProject {
    let project = sfdx_project(name);
    project.write(
        HEADER,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
    );
    project.write(POLICIES, policies);
    project
}

fn code_actions(client: &mut LspClient, uri: &str, context: Value) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
                "context": context,
            }),
        )
        .expect("codeAction answers")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn fix_all_applies_the_safe_fixes_of_the_file_only() {
    let policies = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n    <externalClientApplication>Portal</externalClientApplication>\n    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>\n    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n</ExtlClntAppOauthConfigurablePolicies>\n";
    let project = portal_project("lsp-fix-all", policies);
    let mut client = editor(&project);
    let uri = project.uri(POLICIES);
    client.open(&uri, 1, policies);
    client.diagnostics_for_version(&uri, 1);
    let actions = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "only": ["source.fixAll.eca-ls"] }),
    );
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "source.fixAll.eca-ls");
    let edits = &action["edit"]["documentChanges"][0];
    assert_eq!(edits["textDocument"]["uri"], json!(uri));
    assert_eq!(edits["textDocument"]["version"], 1);
    let fixed = crate::fixtures::apply_text_edits(
        policies,
        edits["edits"].as_array().expect("edits"),
        false,
    );
    // Sorted, the case slip fixed; the lists under AllSelfAuthorized are left (unsafe).
    assert_eq!(
        fixed,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n    <externalClientApplication>Portal</externalClientApplication>\n    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n    <label>Portal</label>\n    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    );
    // Nothing safe left to fix: no action.
    client.change(&uri, 2, json!([{ "text": fixed }]));
    client.diagnostics_for_version(&uri, 2);
    let none = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "only": ["source.fixAll"] }),
    );
    assert!(none.is_empty(), "{none:#?}");
}

#[test]
fn configure_actions_offer_each_flow_not_ready_with_one_edit_or_a_reason() {
    let policies = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthConfigurablePolicies>\n";
    let project = portal_project("lsp-configure", policies);
    project.write(
        "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n",
    );
    let mut client = editor(&project);
    let uri = project.uri(HEADER);
    // On every cursor move (automatic), nothing is computed.
    let automatic = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "triggerKind": 2 }),
    );
    assert!(automatic.iter().all(|action| {
        !action["title"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Configure")
    }));
    let actions = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "triggerKind": 1 }),
    );
    let by_title = |title: &str| -> Value {
        actions
            .iter()
            .find(|action| action["title"] == title)
            .cloned()
            .unwrap_or_else(|| panic!("no {title:?} in {actions:#?}"))
    };
    let device = by_title("Configure this app for the Device flow");
    assert_eq!(device["kind"], "refactor.rewrite");
    assert!(device.get("disabled").is_none(), "{device:#}");
    let operations = device["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges");
    // The global settings and plugin policies the app lacks are created; nothing else is.
    let created: Vec<&str> = operations
        .iter()
        .filter(|operation| operation["kind"] == "create")
        .filter_map(|operation| operation["uri"].as_str())
        .collect();
    assert_eq!(created.len(), 2, "{operations:#?}");
    assert!(
        created
            .iter()
            .any(|uri| uri.ends_with("Portal_glbloauth.ecaGlblOauth-meta.xml"))
    );
    assert!(
        created
            .iter()
            .any(|uri| uri.ends_with("Portal_plcy.ecaPlcy-meta.xml"))
    );
    let client_credentials = by_title("Configure this app for the Client credentials flow");
    let reason = client_credentials["disabled"]["reason"]
        .as_str()
        .expect("disabled");
    assert!(
        reason
            .contains("run `eca-ls configure Portal --flow client-credentials --run-as USERNAME`"),
        "{reason}"
    );
    // Token exchange's handler: every option it still needs, in one command.
    let token_exchange = by_title("Configure this app for the OAuth 2.0 token exchange");
    let reason = token_exchange["disabled"]["reason"]
        .as_str()
        .expect("disabled");
    assert!(
        reason.contains("run `eca-ls configure Portal --flow token-exchange --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE` in a terminal"),
        "{reason}"
    );
    // An editor that cannot create files: the flows that need new files say why not.
    let mut limited = LspClient::start(&ClientSetup {
        disabled_code_actions: true,
        ..ClientSetup::for_folder(project.path())
    })
    .0;
    let actions = code_actions(
        &mut limited,
        &uri,
        json!({ "diagnostics": [], "triggerKind": 1 }),
    );
    let device = actions
        .iter()
        .find(|action| action["title"] == "Configure this app for the Device flow")
        .expect("offered");
    assert!(
        device["disabled"]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("does not let a language server create files"),
        "{device:#}"
    );
}

/// In a Metadata API project the editor's new app joins the project's `package.xml`: the same
/// workspace edit that creates the files inserts their entries into it.
#[test]
fn new_app_in_a_metadata_api_project_adds_its_manifest_entries() {
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <version>64.0</version>\n</Package>\n";
    let project = TempProject::with_files("lsp-new-app-mdapi", &[("package.xml", manifest)]);
    let mut client = editor(&project);
    let request = json!({
        "folder": file_uri(project.path()),
        "name": "Device_App",
        "flows": ["device-flow"],
        "scopes": ["Api"],
    });
    let answer = execute(&mut client, "eca-ls.newApp", json!([request]));
    assert_eq!(answer["status"], "created", "{answer:#}");
    // The manifest takes the entries: nothing is left to say.
    assert_eq!(answer["notes"], json!([]), "{answer:#}");
    assert_eq!(messages_until_shutdown(&mut client), Vec::<Value>::new());
    let apply = client
        .server_requests
        .iter()
        .find(|request| request["method"] == "workspace/applyEdit")
        .cloned()
        .expect("one workspace edit");
    let manifest_edit = apply["params"]["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges")
        .iter()
        .find(|change| {
            change["textDocument"]["uri"]
                .as_str()
                .is_some_and(|uri| uri.ends_with("/package.xml"))
        })
        .cloned()
        .expect("an edit of package.xml");
    let inserted: String = manifest_edit["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .filter_map(|edit| edit["newText"].as_str())
        .collect();
    assert!(
        inserted.contains(
            "    <types>\n        <members>Device_App</members>\n        <name>ExternalClientApplication</name>\n    </types>\n"
        ),
        "{inserted}"
    );
}

/// *Configure this app for …* in a Metadata API project: the files it creates join the
/// project's `package.xml` in the same workspace edit, as `eca-ls configure` adds them.
#[test]
fn configure_action_in_a_metadata_api_project_adds_the_new_files_to_the_manifest() {
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <types>\n        <members>Portal</members>\n        <name>ExternalClientApplication</name>\n    </types>\n    <types>\n        <members>Portal_oauth</members>\n        <name>ExtlClntAppOauthSettings</name>\n    </types>\n    <version>64.0</version>\n</Package>\n";
    let project = TempProject::with_files(
        "lsp-configure-mdapi",
        &[
            ("package.xml", manifest),
            (
                "externalClientApps/Portal.eca",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
            ),
            (
                "extlClntAppOauthSettings/Portal_oauth.ecaOauth",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n",
            ),
        ],
    );
    let mut client = editor(&project);
    let uri = project.uri("externalClientApps/Portal.eca");
    let actions = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "triggerKind": 1 }),
    );
    let device = actions
        .iter()
        .find(|action| action["title"] == "Configure this app for the Device flow")
        .cloned()
        .unwrap_or_else(|| panic!("no device flow action in {actions:#?}"));
    assert!(device.get("disabled").is_none(), "{device:#}");
    // The manifest takes the entries: no note to show after the edit.
    assert!(device.get("command").is_none(), "{device:#}");
    let manifest_edit = device["edit"]["documentChanges"]
        .as_array()
        .expect("documentChanges")
        .iter()
        .find(|change| {
            change["textDocument"]["uri"]
                .as_str()
                .is_some_and(|uri| uri.ends_with("/package.xml"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no package.xml edit in {device:#}"));
    let inserted: String = manifest_edit["edits"]
        .as_array()
        .expect("edits")
        .iter()
        .filter_map(|edit| edit["newText"].as_str())
        .collect();
    assert!(
        inserted.contains("<members>Portal_glbloauth</members>\n        <name>ExtlClntAppGlobalOauthSettings</name>"),
        "{inserted}"
    );
}

/// The `window/showMessage` notifications the server sent up to its answer to `shutdown`: a
/// message about a command's edit is sent before the command's answer, so it is among them.
fn messages_until_shutdown(client: &mut LspClient) -> Vec<Value> {
    client
        .request("shutdown", Value::Null)
        .expect("shutdown succeeds");
    client
        .log
        .iter()
        .filter(|message| message["method"] == "window/showMessage")
        .map(|message| message["params"].clone())
        .collect()
}

/// The notes `eca-ls` printed on standard error (`eca-ls: note: …`), one per line.
fn cli_notes(output: &std::process::Output) -> Vec<String> {
    crate::support::stderr(output)
        .lines()
        .filter_map(|line| line.strip_prefix("eca-ls: note: "))
        .map(str::to_string)
        .collect()
}

/// A Metadata API format folder of other metadata and no `package.xml`: a manifest listing
/// only the new components would leave the rest out of a deploy, so none is created.
const OTHER_METADATA: (&str, &str) = (
    "classes/Util.cls-meta.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ApexClass xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <apiVersion>64.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n",
);

/// *New External Client App…* where no `package.xml` can be created: once the editor applied
/// the files, the server says which entries to add to the manifest, in the very words of
/// `eca-ls new` (the same function renders both).
#[test]
fn new_app_without_a_manifest_it_may_create_says_which_entries_to_add() {
    let project = TempProject::with_files("lsp-new-app-no-manifest", &[OTHER_METADATA]);
    let cli = eca_ls(
        project.path(),
        &[
            "new",
            "Device_App",
            "--flow",
            "device-flow",
            "--scope",
            "Api",
            "--dry-run",
        ],
    );
    assert!(cli.status.success(), "{}", crate::support::stderr(&cli));
    let printed = cli_notes(&cli);
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(
        printed[0].starts_with("package.xml was not created: its folder holds other metadata too (`classes`)")
            && printed[0].ends_with("add these to the manifest you deploy with: ExternalClientApplication Device_App, ExtlClntAppConfigurablePolicies Device_App_plcy, ExtlClntAppGlobalOauthSettings Device_App_glbloauth, ExtlClntAppOauthConfigurablePolicies Device_App_oauthPlcy, ExtlClntAppOauthSettings Device_App_oauth"),
        "{printed:?}"
    );
    let mut client = editor(&project);
    let request = json!({
        "folder": file_uri(project.path()),
        "name": "Device_App",
        "flows": ["device-flow"],
        "scopes": ["Api"],
    });
    let answer = execute(&mut client, "eca-ls.newApp", json!([request]));
    assert_eq!(answer["status"], "created", "{answer:#}");
    assert_eq!(answer["notes"], json!(printed), "{answer:#}");
    let messages = messages_until_shutdown(&mut client);
    assert_eq!(
        messages,
        vec![json!({ "type": 3, "message": printed[0] })],
        "one Info message with the note"
    );
    // Sent after the edit was applied: the applyEdit request comes first.
    let apply_at = client
        .log
        .iter()
        .position(|message| message["method"] == "workspace/applyEdit")
        .expect("the workspace edit");
    let message_at = client
        .log
        .iter()
        .position(|message| message["method"] == "window/showMessage")
        .expect("the message");
    assert!(apply_at < message_at, "the note came before the edit");
    let apply = &client.log[apply_at];
    assert!(
        !apply.to_string().contains("package.xml"),
        "no manifest is created: {apply:#}"
    );
}

/// *Configure this app for …* where no `package.xml` can be created: the action's command,
/// which the editor runs once the edit is applied, shows the entries to add, in the very words
/// of `eca-ls configure`.
#[test]
fn configure_action_without_a_manifest_it_may_create_shows_the_entries_to_add_after_its_edit() {
    let project = TempProject::with_files(
        "lsp-configure-no-manifest",
        &[
            OTHER_METADATA,
            (
                "externalClientApps/Portal.eca",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
            ),
            (
                "extlClntAppOauthSettings/Portal_oauth.ecaOauth",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n",
            ),
        ],
    );
    let cli = eca_ls(
        project.path(),
        &["configure", "Portal", "--flow", "device-flow", "--dry-run"],
    );
    assert!(cli.status.success(), "{}", crate::support::stderr(&cli));
    let printed = cli_notes(&cli);
    assert_eq!(printed.len(), 1, "{printed:?}");
    assert!(
        printed[0].starts_with("package.xml was not created: its folder holds other metadata too")
            && printed[0].contains("ExtlClntAppGlobalOauthSettings Portal_glbloauth"),
        "{printed:?}"
    );
    let mut client = editor(&project);
    let uri = project.uri("externalClientApps/Portal.eca");
    let actions = code_actions(
        &mut client,
        &uri,
        json!({ "diagnostics": [], "triggerKind": 1 }),
    );
    let device = actions
        .iter()
        .find(|action| action["title"] == "Configure this app for the Device flow")
        .cloned()
        .unwrap_or_else(|| panic!("no device flow action in {actions:#?}"));
    assert!(device.get("disabled").is_none(), "{device:#}");
    assert!(
        !device["edit"].to_string().contains("package.xml"),
        "no manifest is created: {device:#}"
    );
    let command = &device["command"];
    assert_eq!(command["command"], "eca-ls.showNotes", "{device:#}");
    assert_eq!(command["arguments"], json!(printed), "{device:#}");
    // What the editor does after applying the edit: run the command on the server.
    let answer = execute(
        &mut client,
        "eca-ls.showNotes",
        command["arguments"].clone(),
    );
    assert_eq!(answer, Value::Null);
    let message = client.notification("window/showMessage", |_| true);
    assert_eq!(message, json!({ "type": 3, "message": printed[0] }));
    // Anything but strings is refused.
    let refused = client.request(
        "workspace/executeCommand",
        json!({ "command": "eca-ls.showNotes", "arguments": [{ "not": "a note" }] }),
    );
    assert!(refused.is_err(), "{refused:?}");
}

/// *Configure this app for …* when the flow recommends a change that takes access away from
/// current users: the edit leaves it out, and the action's command says so once the edit is
/// applied, as `eca-ls configure` prints it, with the command that makes the change.
#[test]
fn configure_action_says_which_recommended_change_it_held_back() {
    let project = sfdx_project("lsp-configure-held-back");
    project.write(
        HEADER,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
    );
    project.write(
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://portal.example.com/callback</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isPkceRequired>false</isPkceRequired>\n    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n",
    );
    project.write(
        "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n",
    );
    let cli = eca_ls(
        project.path(),
        &["configure", "Portal", "--flow", "web-server", "--dry-run"],
    );
    assert!(cli.status.success(), "{}", crate::support::stderr(&cli));
    let printed = stdout(&cli);
    let held_back = printed
        .lines()
        .find(|line| line.starts_with("not changed (recommended): "))
        .unwrap_or_else(|| panic!("nothing held back in {printed}"));
    let mut client = editor(&project);
    let actions = code_actions(
        &mut client,
        &project.uri(HEADER),
        json!({ "diagnostics": [], "triggerKind": 1 }),
    );
    let web_server = actions
        .iter()
        .find(|action| {
            action["title"] == "Configure this app for the Web server flow (authorization code)"
        })
        .cloned()
        .unwrap_or_else(|| panic!("no web server flow action in {actions:#?}"));
    assert!(web_server.get("disabled").is_none(), "{web_server:#}");
    assert!(
        !web_server["edit"].to_string().contains("isPkceRequired"),
        "the recommendation is not made: {web_server:#}"
    );
    let note = "not changed (recommended): `isPkceRequired` = `true` in force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml (for web-server): it takes access away: clients that do not send a PKCE code challenge are refused; run `eca-ls configure Portal --flow web-server --allow-access-change` in a terminal to make it";
    assert_eq!(
        web_server["command"],
        json!({ "title": "Show what is left to do", "command": "eca-ls.showNotes", "arguments": [note] }),
    );
    // The CLI's line, but for how to make the change from there.
    assert_eq!(
        held_back
            .replace(" in ./", " in ")
            .strip_suffix("; rerun with --allow-access-change to make it"),
        note.strip_suffix(
            "; run `eca-ls configure Portal --flow web-server --allow-access-change` in a terminal to make it"
        ),
    );
}
