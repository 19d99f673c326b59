//! The editor agrees with `eca-ls check`: after project-shaping changes (a `package.xml` at a
//! Metadata API root, created or deleted; nested workspace folders; an unreadable folder; the
//! project's headers all deleted or its first one created; a URI spelled differently), the
//! diagnostics last published for every file equal what `check --format json` reports on disk.
//! Each test reproduces a finding of the reliability report (`../shared/reports`).

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, ProjectFiles};
use crate::support::TempProject;

const EXAMPLE: &str = "examples/headless-identity/force-app/main/default";

/// A file of the bundled example project.
fn example(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(EXAMPLE)
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

const PLCY: &str = "extlClntAppPolicies/Headless_Portal_plcy.ecaPlcy-meta.xml";
const HEADER: &str = "externalClientApps/Headless_Portal.eca-meta.xml";
const GLOBAL: &str = "extlClntAppGlobalOauthSets/Headless_Portal_glbloauth.ecaGlblOauth-meta.xml";
const OAUTH_POLICIES: &str =
    "extlClntAppOauthPolicies/Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml";

fn manifest(version: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <version>{version}</version>\n</Package>\n"
    )
}

fn watched(client: &mut LspClient, uri: &str, kind: u8) {
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri, "type": kind }] }),
    );
}

const CREATED: u8 = 1;
const DELETED: u8 = 3;

fn agree(client: &mut LspClient, root: &Path) {
    if let Err(difference) = client.agrees_with_check(root) {
        panic!("the server and `eca-ls check` disagree on {difference}");
    }
}

/// Report #4: the server read a Metadata API project's `package.xml` version as the CLI does.
#[test]
fn a_package_xml_at_a_metadata_api_root_sets_the_version_in_the_editor_too() {
    let project = TempProject::with_files(
        "package-xml-root",
        &[("package.xml", &manifest("61.0")), (PLCY, &example(PLCY))],
    );
    let expected = crate::common::check_findings(project.path());
    assert!(
        expected
            .values()
            .flatten()
            .any(|finding| finding.0 == "api-version"),
        "the fixture must give api-version findings at 61.0: {expected:#?}"
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    agree(&mut client, project.path());
    let status = client
        .request(
            "eca-ls/status",
            json!({ "textDocument": { "uri": project.uri(PLCY) } }),
        )
        .expect("status");
    assert_eq!(status["apiVersion"], json!("61.0"), "{status}");
    assert!(client.shutdown_and_exit().success());
}

/// Report #5: a `package.xml` created or deleted re-forms the projects, as a fresh start would.
#[test]
fn a_package_xml_created_or_deleted_re_forms_the_projects() {
    let project = TempProject::with_files(
        "package-xml-events",
        &[
            (&format!("a/{HEADER}"), &example(HEADER)),
            (&format!("a/{GLOBAL}"), &example(GLOBAL)),
            (&format!("b/{OAUTH_POLICIES}"), &example(OAUTH_POLICIES)),
            (&format!("b/{PLCY}"), &example(PLCY)),
        ],
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    agree(&mut client, project.path());
    let before = crate::common::check_findings(project.path());
    project.write("b/package.xml", &manifest("61.0"));
    watched(&mut client, &project.uri("b/package.xml"), CREATED);
    agree(&mut client, project.path());
    assert_ne!(
        before,
        crate::common::check_findings(project.path()),
        "the manifest must change what check reports, or this test shows nothing"
    );
    project.remove("b/package.xml");
    watched(&mut client, &project.uri("b/package.xml"), DELETED);
    agree(&mut client, project.path());
    assert!(client.shutdown_and_exit().success());
}

/// Report #16: with workspace folders `root` and `root/b` (no project files), an open document
/// in `b` stays in the project of `root`, with its app's other files.
#[test]
fn nested_workspace_folders_keep_open_documents_with_their_app() {
    let project = TempProject::with_files(
        "nested-folders",
        &[
            (&format!("a/{HEADER}"), &example(HEADER)),
            (&format!("a/{GLOBAL}"), &example(GLOBAL)),
            (&format!("b/{OAUTH_POLICIES}"), &example(OAUTH_POLICIES)),
        ],
    );
    let setup = ClientSetup {
        workspace_folders: vec![project.path().to_path_buf(), project.path().join("b")],
        ..ClientSetup::default()
    };
    let (mut client, _) = LspClient::start(&setup);
    let relative = format!("b/{OAUTH_POLICIES}");
    client.open(&project.uri(&relative), 1, &example(OAUTH_POLICIES));
    agree(&mut client, project.path());
    assert!(client.shutdown_and_exit().success());
}

/// A folder this process cannot read: one without permissions (root still reads it), else a
/// link to `/proc/1/fdinfo` (which even root cannot list in most systems).
fn unreadable_folder(project: &TempProject) -> std::path::PathBuf {
    let locked = project.path().join("locked");
    std::fs::create_dir_all(&locked).expect("create folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read_dir(&locked).is_err() {
            return locked;
        }
        let link = project.path().join("proc-link");
        std::os::unix::fs::symlink("/proc/1/fdinfo", &link).expect("symlink");
        if std::fs::read_dir(&link).is_err() {
            return link;
        }
    }
    panic!("no folder here is unreadable, so the test cannot show anything");
}

/// Report #6: an unreadable folder anywhere under the workspace emptied the index, which gave
/// false cross-file findings; now it is passed by with a warning.
#[test]
fn an_unreadable_folder_is_passed_by_not_fatal() {
    let project = TempProject::with_files(
        "unreadable-folder",
        &[
            (HEADER, &example(HEADER)),
            (GLOBAL, &example(GLOBAL)),
            (OAUTH_POLICIES, &example(OAUTH_POLICIES)),
        ],
    );
    let folder = unreadable_folder(&project);
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let warning = client.notification("window/showMessage", |params| {
        params["message"]
            .as_str()
            .is_some_and(|message| message.contains("cannot read"))
    });
    assert!(
        warning["message"]
            .as_str()
            .is_some_and(|message| message.contains(&*folder.to_string_lossy())),
        "{warning}"
    );
    agree(&mut client, project.path());
    // The app's files were all indexed: the policies file sees its global settings.
    let status = client
        .request(
            "eca-ls/status",
            json!({ "textDocument": { "uri": project.uri(OAUTH_POLICIES) } }),
        )
        .expect("status");
    assert_eq!(
        status["appFiles"].as_array().map(Vec::len),
        Some(3),
        "{status}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755));
    }
    assert!(client.shutdown_and_exit().success());
}

/// Two apps whose components reference them; `Billing` has no header. ECA-REF-001 compares
/// each reference with every header, and says nothing in a project without any header.
fn two_apps() -> Vec<(String, String)> {
    let oauth_settings = |app: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>{app}</externalClientApplication>\n    <label>{app}</label>\n</ExtlClntAppOauthSettings>\n"
        )
    };
    vec![
        (
            "force-app/externalClientApps/Portal.eca-meta.xml".to_string(),
            example(HEADER).replace("Headless_Portal", "Portal"),
        ),
        (
            "force-app/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml".to_string(),
            oauth_settings("Portal"),
        ),
        (
            "force-app/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml".to_string(),
            oauth_settings("Billing"),
        ),
    ]
}

/// The headline of issue 11: deleting every header of a project (or creating its first one)
/// changes ECA-REF-001 in another app's files, and the server must re-publish them.
#[test]
fn deleting_the_last_header_or_creating_the_first_refreshes_other_apps() {
    let files = two_apps();
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    let project = TempProject::with_files("headers-across-apps", &borrowed);
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    // Both components open, as in the report.
    for (path, text) in &files[1..] {
        client.open(&project.uri(path), 1, text);
    }
    agree(&mut client, project.path());
    let header = &files[0].0;
    project.remove(header);
    watched(&mut client, &project.uri(header), DELETED);
    agree(&mut client, project.path());
    project.write(header, &files[0].1);
    watched(&mut client, &project.uri(header), CREATED);
    agree(&mut client, project.path());
    assert!(client.shutdown_and_exit().success());
}

/// Report #18: a client that spells a URI differently from the server (`@` where the server
/// writes `%40`) is left with no stale diagnostic under its spelling after `didClose`.
#[test]
fn a_uri_spelled_otherwise_gets_its_diagnostics_cleared_on_close() {
    let project = TempProject::with_files(
        "uri-spelling",
        &[(
            "proj@v1/sfdx-project.json",
            r#"{ "packageDirectories": [] }"#,
        )],
    );
    let relative = format!("proj@v1/{OAUTH_POLICIES}");
    let text = example(OAUTH_POLICIES);
    project.write(&relative, &text);
    let server_spelling = project.uri(&relative);
    assert!(server_spelling.contains("%40"), "{server_spelling}");
    let client_spelling = server_spelling.replace("%40", "@");
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let broken = text.replacen("<label>", "<label><bogus/>", 1);
    client.open(&client_spelling, 1, &broken);
    let published = client.diagnostics(&client_spelling, |params| {
        params["diagnostics"]
            .as_array()
            .is_some_and(|all| !all.is_empty())
    });
    assert!(
        !published["diagnostics"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    client.close(&client_spelling);
    client.settle();
    let last = client.last_published();
    assert_eq!(
        last.get(&client_spelling),
        Some(&json!([])),
        "the client's spelling keeps a stale entry: {last:#?}"
    );
    assert!(client.shutdown_and_exit().success());
}

/// The position of byte `offset` of ASCII `text`, as the protocol counts it.
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let character = offset - before.rfind('\n').map_or(0, |at| at + 1);
    json!({ "line": line, "character": character })
}

/// Whole fields deleted, pasted back and pasted twice in a large open file, with ranged
/// changes: the server parses only the element that holds each edit again and reuses the other
/// top-level elements' findings, and still publishes what `check` reports on the saved file.
#[test]
fn fields_deleted_and_pasted_in_a_large_file_agree_with_check() {
    let fields: String = (0..40)
        .map(|index| {
            // Every seventh key a duplicate, every third formula a placeholder, the last one's
            // among them: findings in many top-level elements, up to the file's last.
            let key = if index % 7 == 3 { 1 } else { index };
            let formula = if index % 3 == 0 { "{{FORMULA}}".to_string() } else { format!("'v{index}'") };
            format!(
                "    <customAttributes>\n        <formula>{formula}</formula>\n        <key>attribute_{key}</key>\n    </customAttributes>\n"
            )
        })
        .collect();
    let policies = example(OAUTH_POLICIES).replace(
        "</ExtlClntAppOauthConfigurablePolicies>",
        &format!("{fields}</ExtlClntAppOauthConfigurablePolicies>"),
    );
    let project = TempProject::with_files(
        "fields-pasted",
        &[(HEADER, &example(HEADER)), (OAUTH_POLICIES, &policies)],
    );
    let (mut client, _) = LspClient::start(&ClientSetup::for_folder(project.path()));
    let uri = project.uri(OAUTH_POLICIES);
    client.open(&uri, 1, &policies);
    agree(&mut client, project.path());
    let field_at = |text: &str, nth: usize| {
        let start = text
            .match_indices("    <customAttributes>")
            .nth(nth)
            .expect("a field")
            .0;
        let end_tag = "</customAttributes>\n";
        let end = start + text[start..].find(end_tag).expect("its end") + end_tag.len();
        (start, end)
    };
    let mut text = policies;
    let (start, end) = field_at(&text, 20);
    let field = text[start..end].to_string();
    let first = field_at(&text, 0).0;
    let value = text.find("'v10'").expect("a formula") + 2;
    // Each edit: the range replaced, in the text before it, and what replaces it.
    let edits: Vec<(usize, usize, String)> = vec![
        (start, end, String::new()),
        (start, start, field.clone()),
        (first, first, field.clone()),
        (value, value, "<".to_string()),
        (value, value + 1, String::new()),
        (value, value, "<b/>".to_string()),
    ];
    for (version, (from, to, inserted)) in (2..).zip(edits) {
        client.change(
            &uri,
            version,
            json!([{
                "range": { "start": position(&text, from), "end": position(&text, to) },
                "text": inserted,
            }]),
        );
        text.replace_range(from..to, &inserted);
        project.write(OAUTH_POLICIES, &text);
        watched(&mut client, &uri, 2);
        agree(&mut client, project.path());
    }
    assert!(client.shutdown_and_exit().success());
}
