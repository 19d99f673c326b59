//! `eca-ls flows` through the real binary: the table, the JSON document, exit codes.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

const GLOBAL: &str =
    "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml";
const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const OAUTH: &str =
    "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml";
const PLUGINS: &str = "force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml";
const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";

fn component(root: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{body}</{root}>\n"
    )
}

/// A headless portal whose global settings enable the Authorization Code and Credentials Flow
/// and client credentials; the policies allow neither client credentials nor name a run-as
/// user, and the project has no org settings.
fn portal_project(name: &str) -> TempProject {
    let project = TempProject::new(name);
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }], "sourceApiVersion": "66.0" }"#,
    );
    project.write(
        HEADER,
        &component(
            "ExternalClientApplication",
            "    <distributionState>Local</distributionState>\n    <label>Portal</label>\n",
        ),
    );
    project.write(
        GLOBAL,
        &component(
            "ExtlClntAppGlobalOauthSettings",
            "    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n    <isPkceRequired>true</isPkceRequired>\n    <label>Portal</label>\n",
        ),
    );
    project.write(
        POLICIES,
        &component(
            "ExtlClntAppOauthConfigurablePolicies",
            "    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n    <label>Portal</label>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n",
        ),
    );
    project.write(
        OAUTH,
        &component(
            "ExtlClntAppOauthSettings",
            "    <commaSeparatedOauthScopes>Api, OpenID</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n",
        ),
    );
    project.write(
        PLUGINS,
        &component(
            "ExtlClntAppConfigurablePolicies",
            "    <externalClientApplication>Portal</externalClientApplication>\n    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n    <label>Portal</label>\n",
        ),
    );
    project
}

#[test]
fn the_table_lists_each_flow_with_what_it_still_needs() {
    let project = portal_project("flows-table");
    let output = eca_ls(project.path(), &["flows"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    expect_test::expect![[r#"
        Portal (./force-app/main/default/externalClientApps/Portal.eca-meta.xml)
          FLOW                                      STATE      WHAT IS MISSING
          Authorization Code and Credentials Flow   unknown    ? no settings/OauthOidc.settings-meta.xml in the project → oAuthCdCrdtFlowEnable = true — the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                                                               (recommended) ./force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml:2 → isCodeCredPostOnly = true — keeps credentials out of URLs and access logs
          Headless login (private client)           unknown    what Authorization Code and Credentials Flow still needs
          Headless passwordless login               unknown    what Authorization Code and Credentials Flow still needs
          Headless registration                     unknown    what Authorization Code and Credentials Flow still needs
          Client credentials flow                   incomplete ./force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5 → isClientCredentialsFlowEnabled = true — allows the client credentials flow in this org
                                                               ./force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2 → clientCredentialsFlowUser — tokens are issued for this user (an API-only user with as little access as possible)
          Web server flow (authorization code)      ready      -

    "#]]
    .assert_eq(&stdout(&output));
}

#[test]
fn json_gives_states_needs_positions_and_fix_edits() {
    let project = portal_project("flows-json");
    let output = eca_ls(project.path(), &["flows", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    let apps = document["apps"].as_array().expect("apps");
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["app"], "Portal");
    assert_eq!(apps[0]["header"], format!("./{HEADER}"));
    let flows = apps[0]["flows"].as_array().expect("flows");
    let states: Vec<String> = flows
        .iter()
        .map(|flow| {
            format!(
                "{}={}",
                flow["id"].as_str().unwrap_or("?"),
                flow["state"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            "code-credentials=unknown",
            "headless-login-private=unknown",
            "headless-passwordless=unknown",
            "headless-registration=unknown",
            "client-credentials=incomplete",
            "web-server=ready",
        ]
    );
    let client_credentials = &flows[4];
    let policy_switch = &client_credentials["needs"][0];
    assert_eq!(
        policy_switch["type"],
        "ExtlClntAppOauthConfigurablePolicies"
    );
    assert_eq!(policy_switch["field"], "isClientCredentialsFlowEnabled");
    assert_eq!(policy_switch["value"], "true");
    assert_eq!(policy_switch["path"], format!("./{POLICIES}"));
    assert_eq!(policy_switch["known"], true);
    assert_eq!(policy_switch["required"], true);
    // Line 5 (0-based 4), after the four spaces of indentation and the `<`.
    assert_eq!(
        policy_switch["range"]["start"],
        serde_json::json!({ "line": 4, "character": 5 })
    );
    let edit = &policy_switch["fix"]["edits"][0];
    assert_eq!(edit["path"], format!("./{POLICIES}"));
    assert_eq!(edit["newText"], "true");
    assert_eq!(
        edit["range"],
        serde_json::json!({ "start": { "line": 4, "character": 36 }, "end": { "line": 4, "character": 41 } })
    );
    // The org settings are not in the project: unknown, no place, no fix.
    let org_switch = &flows[0]["needs"][0];
    assert_eq!(org_switch["type"], "OauthOidcSettings");
    assert_eq!(org_switch["known"], false);
    assert_eq!(org_switch["path"], Value::Null);
    assert_eq!(org_switch["fix"], Value::Null);
}

#[test]
fn the_bundled_example_is_ready() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/headless-identity");
    let output = eca_ls(&example, &["flows"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    for line in text
        .lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("  FLOW"))
    {
        assert!(line.contains(" ready "), "not ready: {line}\n{text}");
    }
    assert!(text.contains("Headless guest flow"), "{text}");
}

#[test]
fn a_folder_without_apps_says_so_and_bad_input_exits_2() {
    let empty = TempProject::new("flows-empty");
    let output = eca_ls(empty.path(), &["flows"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no External Client App found\n");

    let missing = eca_ls(empty.path(), &["flows", "no-such-folder"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no-such-folder: cannot read"),
        "{}",
        stderr(&missing)
    );

    let bad_format = eca_ls(empty.path(), &["flows", "--format", "sarif"]);
    assert_eq!(bad_format.status.code(), Some(2));
}

#[test]
fn a_named_path_without_ecas_says_so_on_stderr_and_json_stays_whole() {
    let project = portal_project("flows-nothing");
    project.write("notes.txt", "not metadata\n");
    let output = eca_ls(project.path(), &["flows", "--format", "json", "notes.txt"]);
    assert_eq!(output.status.code(), Some(0));
    let message = stderr(&output);
    assert!(
        message.contains("eca-ls: nothing to check in notes.txt: "),
        "{message}"
    );
    let document: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("one JSON document on stdout");
    assert!(document.is_object(), "{document}");

    // The project's own files are quiet: nothing is said about a path that holds apps.
    let quiet = eca_ls(project.path(), &["flows", "."]);
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn a_file_asked_for_lists_its_own_app_only() {
    let project = portal_project("flows-one-app");
    project.write(
        "force-app/main/default/externalClientApps/Other.eca-meta.xml",
        &component(
            "ExternalClientApplication",
            "    <distributionState>Local</distributionState>\n    <label>Other</label>\n",
        ),
    );
    let everything = stdout(&eca_ls(project.path(), &["flows"]));
    assert!(everything.contains("Other (./force-app"), "{everything}");
    let output = eca_ls(project.path(), &["flows", POLICIES]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with(&format!("Portal ({HEADER})\n")), "{text}");
    assert!(!text.contains("Other"), "{text}");
    // The app is judged on all of its files, not only the one asked for.
    assert!(
        text.contains("Client credentials flow                   incomplete"),
        "{text}"
    );
}

#[test]
fn a_missing_file_is_named_as_the_apps_format_names_it() {
    let project = TempProject::new("flows-mdapi-missing");
    project.write(
        "package.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <version>66.0</version>\n</Package>\n",
    );
    // The same app as `portal_project`, retrieved in Metadata API format (no `-meta.xml`).
    let source = portal_project("flows-mdapi-source");
    for path in [HEADER, GLOBAL, POLICIES, OAUTH, PLUGINS] {
        let text = std::fs::read_to_string(source.path().join(path)).unwrap();
        let mdapi_path = path
            .trim_start_matches("force-app/main/default/")
            .trim_end_matches("-meta.xml");
        project.write(mdapi_path, &text);
    }
    let output = eca_ls(project.path(), &["flows"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let table = stdout(&output);
    assert!(
        table.contains("? no settings/OauthOidc.settings in the project"),
        "{table}"
    );
    assert!(!table.contains("-meta.xml"), "{table}");
}
