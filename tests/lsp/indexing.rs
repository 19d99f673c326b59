//! What `initialize` and `didOpen` index: a workspace opened at a subfolder of an sfdx project
//! (or no folder at all) reads the whole project, a folder in no project only itself; and the
//! `$/progress` reported for the client's `workDoneToken` while indexing.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles, file_uri, has_code};
use crate::fixtures::{
    GLOBAL, GLOBAL_TEXT, HEADER, HEADER_TEXT, POLICIES, POLICIES_TEXT, guest_flow_project,
};
use crate::support::TempProject;

const JWT: &str = "ECA-JWT-001";
const POLICIES_FOLDER: &str = "force-app/main/default/extlClntAppOauthPolicies";

fn status(client: &mut LspClient, uri: &str) -> Value {
    client
        .request("eca-ls/status", json!({ "textDocument": { "uri": uri } }))
        .expect("status answers")
}

fn app_file_uris(status: &Value) -> Vec<String> {
    let mut uris: Vec<String> = status["appFiles"]
        .as_array()
        .map(|files| {
            files
                .iter()
                .filter_map(|file| file["uri"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    uris.sort();
    uris
}

/// The JWT finding on the policies file, pointing into the global OAuth settings: only
/// there when the rule saw the global settings, which lie outside the policies folder.
fn has_jwt_into_global(params: &Value, global_uri: &str) -> bool {
    params["diagnostics"].as_array().is_some_and(|all| {
        all.iter().any(|diagnostic| {
            diagnostic["code"] == json!(JWT)
                && diagnostic["relatedInformation"][0]["location"]["uri"] == json!(global_uri)
        })
    })
}

fn folder_setup(folders: Vec<std::path::PathBuf>) -> ClientSetup {
    ClientSetup {
        workspace_folders: folders,
        ..ClientSetup::default()
    }
}

#[test]
fn a_workspace_at_a_subfolder_indexes_the_whole_project() {
    let project = guest_flow_project("subfolder");
    let setup = folder_setup(vec![project.path().join(POLICIES_FOLDER)]);
    let (mut client, _) = LspClient::start(&setup);
    // Indexing is done when `initialize` answers: the app's files outside the folder are known.
    let policies = project.uri(POLICIES);
    let known = status(&mut client, &policies);
    let mut expected = vec![
        project.uri(GLOBAL),
        project.uri(HEADER),
        project.uri(POLICIES),
    ];
    expected.sort();
    assert_eq!(app_file_uris(&known), expected, "{known:#}");
    assert_eq!(known["apiVersion"], json!("64.0"), "{known:#}");
    assert_eq!(
        known["projectRoot"],
        json!(project.path().to_string_lossy()),
        "{known:#}"
    );
    // The closed policies file gets the cross-file finding at startup.
    let global = project.uri(GLOBAL);
    client.diagnostics(&policies, |params| has_jwt_into_global(params, &global));
    // Opened, too.
    client.open(&policies, 1, POLICIES_TEXT);
    let opened = client.diagnostics_for_version(&policies, 1);
    assert!(has_jwt_into_global(&opened, &global), "{opened:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn two_workspace_folders_of_one_project_share_it() {
    let project = guest_flow_project("two-subfolders");
    let setup = folder_setup(vec![
        project.path().join(POLICIES_FOLDER),
        project.path().join("force-app"),
    ]);
    let (mut client, _) = LspClient::start(&setup);
    let known = status(&mut client, &project.uri(HEADER));
    assert_eq!(
        known["projectRoot"],
        json!(project.path().to_string_lossy()),
        "{known:#}"
    );
    assert_eq!(app_file_uris(&known).len(), 3, "{known:#}");
    let global = project.uri(GLOBAL);
    client.diagnostics(&project.uri(POLICIES), |params| {
        has_jwt_into_global(params, &global)
    });
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_folder_in_no_project_indexes_only_itself() {
    // The same files without sfdx-project.json (and no package.xml): nothing above the folder
    // makes it part of a project.
    let files = TempProject::with_files(
        "no-project",
        &[
            (POLICIES, POLICIES_TEXT),
            (GLOBAL, GLOBAL_TEXT),
            (HEADER, HEADER_TEXT),
        ],
    );
    let folder = files.path().join(POLICIES_FOLDER);
    let (mut client, _) = LspClient::start(&folder_setup(vec![folder.clone()]));
    let policies = files.uri(POLICIES);
    let known = status(&mut client, &policies);
    assert_eq!(app_file_uris(&known), vec![policies.clone()], "{known:#}");
    assert_eq!(
        known["projectRoot"],
        json!(folder.to_string_lossy()),
        "{known:#}"
    );
    assert_eq!(
        status(&mut client, &files.uri(GLOBAL)),
        Value::Null,
        "a file outside the folder is not read"
    );
    // Without the global settings the rule cannot point into them.
    let published = client.diagnostics(&policies, |_| true);
    assert!(
        !has_jwt_into_global(&published, &files.uri(GLOBAL)),
        "{published:#}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_file_opened_with_a_null_root_uri_loads_its_project() {
    let project = guest_flow_project("null-root");
    // `rootUri: null` and no workspace folders: an editor opened on a single file.
    let setup = ClientSetup {
        root_uri_only: true,
        ..ClientSetup::default()
    };
    let (mut client, _) = LspClient::start(&setup);
    let header = project.uri(HEADER);
    assert_eq!(status(&mut client, &header), Value::Null, "nothing indexed");
    let policies = project.uri(POLICIES);
    client.open(&policies, 1, POLICIES_TEXT);
    let opened = client.diagnostics_for_version(&policies, 1);
    assert!(
        has_jwt_into_global(&opened, &project.uri(GLOBAL)),
        "{opened:#}"
    );
    // The closed files of the project are known now, and a second file of the same project
    // joins the project already loaded.
    let known = status(&mut client, &header);
    assert_eq!(app_file_uris(&known).len(), 3, "{known:#}");
    client.open(&header, 1, HEADER_TEXT);
    let known = status(&mut client, &header);
    assert_eq!(
        known["projectRoot"],
        json!(project.path().to_string_lossy()),
        "{known:#}"
    );
    assert_eq!(app_file_uris(&known).len(), 3, "{known:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn projects_outside_the_workspace_folders_are_watched_relative_to_their_root() {
    let project = guest_flow_project("watch-subfolder");
    let setup = ClientSetup {
        relative_watch_patterns: true,
        ..folder_setup(vec![project.path().join(POLICIES_FOLDER)])
    };
    let (mut client, _) = LspClient::start(&setup);
    let root_uri = file_uri(project.path());
    let registered = client.server_request("client/registerCapability");
    let mut registrations = registered["params"]["registrations"].clone();
    if registrations[0]["id"] == json!("eca-ls-file-watcher") {
        // The plain watcher comes first; the project's is a request of its own.
        let registered = client.server_request("client/registerCapability");
        registrations = registered["params"]["registrations"].clone();
    }
    let watchers = registrations[0]["registerOptions"]["watchers"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!watchers.is_empty(), "{registrations:#}");
    for watcher in &watchers {
        assert_eq!(
            watcher["globPattern"]["baseUri"],
            json!(root_uri),
            "{watcher:#}"
        );
    }
    assert!(
        watchers
            .iter()
            .any(|watcher| watcher["globPattern"]["pattern"] == json!("**/sfdx-project.json")),
        "{watchers:#?}"
    );
    // A change outside the folder, reported by that watcher, reaches the rules.
    let policies = project.uri(POLICIES);
    let global = project.uri(GLOBAL);
    client.diagnostics(&policies, |params| has_jwt_into_global(params, &global));
    project.write(GLOBAL, &GLOBAL_TEXT.replace(">false<", ">true<"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": global, "type": 2 }] }),
    );
    client.diagnostics(&policies, |params| !has_code(params, JWT));
    assert!(client.shutdown_and_exit().success());
}

/// The `$/progress` notifications received before the `initialize` answer, and whether any
/// came at all.
fn progress_before_initialize_answer(client: &LspClient) -> (Vec<Value>, usize) {
    let answer = client
        .log
        .iter()
        .position(|message| message["id"] == json!(1) && message.get("result").is_some())
        .expect("the initialize answer was received");
    let before: Vec<Value> = client.log[..answer]
        .iter()
        .filter(|message| message["method"] == json!("$/progress"))
        .map(|message| message["params"].clone())
        .collect();
    let all = client
        .log
        .iter()
        .filter(|message| message["method"] == json!("$/progress"))
        .count();
    (before, all)
}

#[test]
fn initialize_reports_indexing_progress_for_the_work_done_token() {
    let project = guest_flow_project("progress");
    let setup = ClientSetup {
        work_done_token: Some(json!("init-token")),
        ..folder_setup(vec![project.path().to_path_buf()])
    };
    let (client, _) = LspClient::start(&setup);
    let (progress, all) = progress_before_initialize_answer(&client);
    assert_eq!(progress.len(), all, "every report came before the answer");
    assert!(
        progress
            .iter()
            .all(|params| params["token"] == json!("init-token")),
        "{progress:#?}"
    );
    let kinds: Vec<&str> = progress
        .iter()
        .filter_map(|params| params["value"]["kind"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"), "{progress:#?}");
    assert_eq!(kinds.last(), Some(&"end"), "{progress:#?}");
    assert_eq!(
        kinds.iter().filter(|kind| **kind == "begin").count()
            + kinds.iter().filter(|kind| **kind == "end").count(),
        2,
        "{progress:#?}"
    );
    assert_eq!(
        progress[0]["value"]["title"],
        json!("Indexing ECA files"),
        "{progress:#?}"
    );
    // Three ECA files: the last report says all of them were read.
    let reports: Vec<&Value> = progress
        .iter()
        .filter(|params| params["value"]["kind"] == json!("report"))
        .collect();
    let last = reports.last().expect("at least one report");
    assert_eq!(
        last["value"]["message"],
        json!("3/3 files"),
        "{progress:#?}"
    );
    assert_eq!(last["value"]["percentage"], json!(100), "{progress:#?}");
    let percentages: Vec<u64> = reports
        .iter()
        .filter_map(|params| params["value"]["percentage"].as_u64())
        .collect();
    assert!(
        percentages.windows(2).all(|pair| pair[0] < pair[1]),
        "{progress:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn initialize_without_a_token_reports_no_progress() {
    let project = guest_flow_project("no-progress");
    let (mut client, _) = LspClient::start(&folder_setup(vec![project.path().to_path_buf()]));
    // Everything the server sent up to an answer after `initialized` (its registration and
    // startup diagnostics included) holds no `$/progress`.
    client.diagnostics(&project.uri(POLICIES), |params| has_code(params, JWT));
    client
        .request(
            "eca-ls/status",
            json!({ "textDocument": { "uri": project.uri(POLICIES) } }),
        )
        .expect("status answers");
    let (before, all) = progress_before_initialize_answer(&client);
    assert!(before.is_empty() && all == 0, "{:#?}", client.log);
    assert!(client.shutdown_and_exit().success());
}
