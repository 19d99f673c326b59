//! `eca-ls new` and `eca-ls configure` through the real binary: every flow alone and every pair
//! of flows, with each client kind, at the oldest and newest API version they exist in, written
//! into temporary projects (and into a copy of `examples/headless-identity`), then checked with
//! the real `eca-ls check` and `eca-ls flows`. Bad input: exit status 2 and nothing written.
//!
//! Which flows exist, which options each needs and which combinations conflict all come from
//! the flows data through the analysis crate, never from a list written here.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eca_analysis::writers::app_config::{
    self, AuthoringError, ClientKind, FlowRequest, NewApp, oldest_api_version,
};
use eca_analysis::writers::component_files::Layout;
use eca_analysis::{ApiVersionChoice, ApiVersionSource, Config, Project};
use eca_schema::{ApiVersion, Schema};
use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEbJ0ZFTANBgkqhkiG9w0BAQsFADBs\n-----END CERTIFICATE-----\n";

/// One app to generate: its flows and client kind, and the options the engine asked for.
struct Generated {
    name: String,
    flows: Vec<&'static str>,
    client: Option<ClientKind>,
    options: Vec<&'static str>,
}

#[test]
fn every_flow_and_every_pair_generates_apps_that_check_clean_and_are_ready() {
    let flows: Vec<&'static str> = eca_analysis::flows::flow_ids().collect();
    let schema_flows: Vec<&str> = Schema::get()
        .flows
        .iter()
        .map(|flow| flow.id.as_str())
        .collect();
    assert_eq!(
        flows, schema_flows,
        "the engine knows every flow of the data"
    );
    let mut combinations: Vec<Vec<&'static str>> = flows.iter().map(|flow| vec![*flow]).collect();
    for (index, first) in flows.iter().enumerate() {
        for second in &flows[index + 1..] {
            combinations.push(vec![*first, *second]);
        }
    }
    // Apps by the API version they are generated at: one project per batch of a version.
    let mut by_version: BTreeMap<ApiVersion, Vec<Generated>> = BTreeMap::new();
    let mut refused = 0;
    for combination in &combinations {
        let oldest = combination
            .iter()
            .filter_map(|flow| oldest_api_version(flow))
            .max()
            .expect("a version");
        // Each client kind for single flows; the pairs of each client kind are generated in
        // process (writers::app_config's tests), here without one.
        let clients: &[Option<ClientKind>] = if combination.len() == 1 {
            &[None, Some(ClientKind::Public), Some(ClientKind::Private)]
        } else {
            &[None]
        };
        for version in [oldest, Schema::get().newest_api_version()] {
            for client in clients.iter().copied() {
                let apps = by_version.entry(version).or_default();
                let name = format!("App_{}", apps.len() + 1);
                match options_for(version, &name, combination, client) {
                    Some(options) => apps.push(Generated {
                        name,
                        flows: combination.clone(),
                        client,
                        options,
                    }),
                    None => refused += 1,
                }
            }
        }
    }
    assert!(
        refused > 0,
        "some combinations conflict (public and private clients)"
    );
    let mut generated = 0;
    for (version, apps) in &by_version {
        for batch in apps.chunks(24) {
            generate_and_check(*version, batch, None);
            generated += batch.len();
        }
    }
    assert!(generated > 200, "only {generated} apps generated");
}

#[test]
fn every_flow_coexists_with_the_bundled_example() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/headless-identity");
    let version: ApiVersion = "66.0".parse().expect("a version");
    let apps: Vec<Generated> = eca_analysis::flows::flow_ids()
        .enumerate()
        .filter_map(|(index, flow)| {
            let name = format!("Example_App_{}", index + 1);
            let options = options_for(version, &name, &[flow], None)?;
            Some(Generated {
                name,
                flows: vec![flow],
                client: None,
                options,
            })
        })
        .collect();
    generate_and_check(version, &apps, Some(&example));
}

/// The options a user gives for the app, found by asking the engine (in process) until it
/// plans; `None` when the flows conflict. The binary is then run with exactly these.
fn options_for(
    version: ApiVersion,
    name: &str,
    flows: &[&str],
    client: Option<ClientKind>,
) -> Option<Vec<&'static str>> {
    let project = Project::new(
        "",
        ApiVersionChoice {
            version,
            source: ApiVersionSource::CommandLine,
        },
        Config::default(),
    );
    let mut request = FlowRequest {
        flows: flows.iter().map(|flow| flow.to_string()).collect(),
        client,
        ..FlowRequest::default()
    };
    let mut options = Vec::new();
    loop {
        let new_app = NewApp {
            name: name.to_string(),
            label: None,
            distribution: app_config::Distribution::Local,
            request: request.clone(),
        };
        match app_config::plan_new_app(&project, &Layout::source("force-app"), &new_app) {
            Ok(_) => return Some(options),
            Err(AuthoringError::MissingInput { option, .. }) => {
                assert!(
                    !options.contains(&option),
                    "{flows:?}: asked twice for {option}"
                );
                options.push(option);
                match option.split(' ').next().unwrap_or_default() {
                    "--callback-url" => request
                        .callback_urls
                        .push("https://x.example.com/cb".into()),
                    "--scope" => request.scopes.push("Api".into()),
                    "--permission-set" => request.permission_sets.push("Users".into()),
                    "--run-as" => request.run_as = Some("api@example.com".into()),
                    "--token-exchange-handler" => {
                        request.token_exchange_handler = Some("PartnerTokenHandler".into());
                    }
                    "--apex-execution-user" => {
                        request.apex_execution_user = Some("handler@example.com".into());
                    }
                    "--token-type" => request.token_types.push("jwt".into()),
                    "--certificate" => request.certificate = Some(CERTIFICATE.into()),
                    "--assertion-certificate" => {
                        request.assertion_certificate = Some(CERTIFICATE.into());
                    }
                    other => panic!("an option the test cannot give: {other}"),
                }
            }
            Err(AuthoringError::Conflict { .. }) => return None,
            Err(error) => panic!("{flows:?} {client:?} at {version}: {error}"),
        }
    }
}

/// Generate the apps with `eca-ls new` into a new project at `version` (a copy of `base` when
/// given), then check that `eca-ls check` finds no error or warning and `eca-ls flows` reports
/// each requested flow ready.
fn generate_and_check(version: ApiVersion, apps: &[Generated], base: Option<&Path>) {
    let project = TempProject::new("new-apps");
    match base {
        Some(base) => copy_folder(base, project.path()),
        None => {
            project.write(
                "sfdx-project.json",
                &format!(
                    "{{\n  \"packageDirectories\": [{{ \"path\": \"force-app\", \"default\": true }}],\n  \"sourceApiVersion\": \"{version}\"\n}}\n"
                ),
            );
        }
    }
    let certificate = project.write("certificate.pem", CERTIFICATE);
    for app in apps {
        let mut args: Vec<String> = vec!["new".into(), app.name.clone()];
        for flow in &app.flows {
            args.extend(["--flow".into(), flow.to_string()]);
        }
        match app.client {
            Some(ClientKind::Public) => args.extend(["--client".into(), "public".into()]),
            Some(ClientKind::Private) => args.extend(["--client".into(), "private".into()]),
            None => {}
        }
        for option in &app.options {
            let flag = option.split(' ').next().unwrap_or_default();
            let value = match flag {
                "--callback-url" => "https://x.example.com/cb".to_string(),
                "--scope" => "Api".to_string(),
                "--permission-set" => "Users".to_string(),
                "--run-as" => "api@example.com".to_string(),
                "--token-exchange-handler" => "PartnerTokenHandler".to_string(),
                "--apex-execution-user" => "handler@example.com".to_string(),
                "--token-type" => "jwt".to_string(),
                "--certificate" | "--assertion-certificate" => certificate.display().to_string(),
                other => panic!("an option the test cannot give: {other}"),
            };
            args.extend([flag.to_string(), value]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = eca_ls(project.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "eca-ls {}: {}{}",
            args.join(" "),
            stdout(&output),
            stderr(&output)
        );
    }
    let check = eca_ls(project.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("check prints JSON");
    let serious: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|diagnostic| matches!(diagnostic["severity"].as_str(), Some("error" | "warning")))
        .collect();
    assert!(serious.is_empty(), "at {version}: {serious:#?}");
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    let flows: Value = serde_json::from_slice(&flows.stdout).expect("flows prints JSON");
    let by_app: BTreeMap<&str, &Value> = flows["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .map(|app| (app["app"].as_str().unwrap_or_default(), app))
        .collect();
    for app in apps {
        let listed = by_app
            .get(app.name.as_str())
            .unwrap_or_else(|| panic!("{} is not listed", app.name));
        for flow in &app.flows {
            let readiness = listed["flows"]
                .as_array()
                .and_then(|flows| flows.iter().find(|listed| listed["id"] == *flow))
                .unwrap_or_else(|| panic!("{} {flow} is not switched on", app.name));
            let state = readiness["state"].as_str().unwrap_or_default();
            assert!(
                state == "ready",
                "{} ({:?} {:?}) at {version}: {flow} is {state}: {}",
                app.name,
                app.flows,
                app.client,
                readiness["needs"]
            );
        }
    }
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("list the example") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("create a folder");
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a file");
        }
    }
}

/// Every file under a folder with its bytes: what "nothing written" is compared with.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.insert(path.clone(), Vec::new());
                pending.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

fn sfdx_project(name: &str, version: &str) -> TempProject {
    let project = TempProject::new(name);
    project.write(
        "sfdx-project.json",
        &format!(
            "{{\n  \"packageDirectories\": [{{ \"path\": \"force-app\", \"default\": true }}],\n  \"sourceApiVersion\": \"{version}\"\n}}\n"
        ),
    );
    project
}

/// Run `eca-ls` and expect exit status 2, a message naming `expected`, and no file changed.
fn refused(project: &Path, args: &[&str], expected: &str) {
    let before = snapshot(project);
    let output = eca_ls(project, args);
    let message = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "{args:?}: {message}{}",
        stdout(&output)
    );
    assert!(message.contains(expected), "{args:?}: {message}");
    assert_eq!(snapshot(project), before, "{args:?} wrote something");
}

#[test]
fn bad_input_is_refused_with_status_2_and_nothing_written() {
    let project = sfdx_project("bad-input", "65.0");
    let portal = [
        "new",
        "Portal",
        "--flow",
        "web-server",
        "--callback-url",
        "https://x.example.com/cb",
        "--scope",
        "Api",
    ];
    refused(
        project.path(),
        &["new", "My Portal", "--flow", "web-server"],
        "`My Portal` is not a valid API name for an External Client App: it cannot include spaces",
    );
    refused(
        project.path(),
        &["new", "Portal__App", "--flow", "web-server"],
        "two consecutive underscores",
    );
    refused(
        project.path(),
        &["new", "Con", "--flow", "device-flow", "--scope", "Api"],
        "`Con` is a valid API name, but not a name for the app's files: it is a device name Windows reserves",
    );
    refused(
        project.path(),
        &["new", "Portal", "--flow", "implicit"],
        "unknown flow `implicit`",
    );
    refused(
        project.path(),
        &["new", "Portal", "--flow", "web-server", "--scope", "Api"],
        "the flow `web-server` needs the callback URL the authorization code is sent to: give it with --callback-url URL",
    );
    refused(
        project.path(),
        &[
            "new",
            "Portal",
            "--flow",
            "headless-login-public",
            "--flow",
            "headless-login-private",
        ],
        "cannot be combined",
    );
    refused(
        project.path(),
        &[
            "new",
            "Portal",
            "--flow",
            "code-credentials",
            "--api-version",
            "60.0",
        ],
        "which API version 60.0 does not have (it came in 61.0)",
    );
    refused(
        project.path(),
        &[
            "new",
            "Portal",
            "--flow",
            "web-server",
            "--scope",
            "Api",
            "--callback-url",
            "portal.example.com/cb",
        ],
        "--callback-url `portal.example.com/cb`: not an absolute URL",
    );
    refused(
        project.path(),
        &[
            "new",
            "Portal",
            "--flow",
            "web-server",
            "--scope",
            "Api",
            "--callback-url",
            "https://a.example.com/cb https://b.example.com/cb",
        ],
        "a callback URL cannot contain spaces or line breaks",
    );
    refused(
        project.path(),
        &[
            "new",
            "Portal",
            "--flow",
            "jwt-bearer",
            "--certificate",
            "missing.pem",
        ],
        "missing.pem: cannot read",
    );
    // Certificate files: only a PEM certificate, never a key, a folder, a pipe or a binary.
    project.write(
        "key.pem",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
    );
    project.write(
        "both.pem",
        &format!(
            "{CERTIFICATE}-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"
        ),
    );
    project.write("notes.txt", "not a certificate\n");
    std::fs::write(
        project.path().join("binary.der"),
        [0x30, 0x82, 0xff, 0xfe, 0x00],
    )
    .expect("write");
    std::fs::create_dir(project.path().join("certificates")).expect("a folder");
    for (file, expected) in [
        (
            "key.pem",
            "key.pem: the file holds a private key, which must never go into metadata",
        ),
        ("both.pem", "both.pem: the file holds a private key"),
        (
            "notes.txt",
            "notes.txt: not a PEM certificate (it should start with `-----BEGIN CERTIFICATE-----`)",
        ),
        (
            "binary.der",
            "binary.der: not a text file (a PEM certificate is ASCII)",
        ),
        ("certificates", "certificates: not a regular file"),
    ] {
        refused(
            project.path(),
            &[
                "new",
                "Portal",
                "--flow",
                "jwt-bearer",
                "--scope",
                "Api",
                "--permission-set",
                "Users",
                "--certificate",
                file,
            ],
            &format!("--certificate {expected}"),
        );
    }
    // A file where a new file would go: not an app of that name, but in the way.
    let in_the_way = project.write(
        "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Other</externalClientApplication>\n    <label>Other</label>\n</ExtlClntAppOauthSettings>\n",
    );
    refused(
        project.path(),
        &portal,
        "already exists and would be overwritten",
    );
    std::fs::remove_file(&in_the_way).expect("remove");
    let output = eca_ls(project.path(), &portal);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    refused(
        project.path(),
        &portal,
        "the project already has an app named `Portal`",
    );
    // A folder nobody can write to, not even root: a process's own /proc folder.
    let output = eca_ls(
        Path::new("/"),
        &[
            "new",
            "Portal",
            "--flow",
            "device-flow",
            "--scope",
            "Api",
            "--dir",
            "/proc/self/fdinfo",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("cannot write /proc/self/fdinfo/externalClientApps/Portal.eca"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("nothing was changed"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn dry_run_and_diff_write_nothing_and_json_lists_the_plan() {
    let project = sfdx_project("dry-run", "65.0");
    let base = [
        "new",
        "Sync",
        "--flow",
        "client-credentials",
        "--run-as",
        "api@example.com",
        "--scope",
        "Api",
    ];
    let before = snapshot(project.path());
    let mut args = base.to_vec();
    args.push("--dry-run");
    let output = eca_ls(project.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("create ./force-app/main/default/extlClntAppOauthPolicies/Sync_oauthPlcy.ecaOauthPlcy-meta.xml"), "{text}");
    assert!(
        text.contains(
            "    |     <clientCredentialsFlowUser>api@example.com</clientCredentialsFlowUser>"
        ),
        "{text}"
    );
    assert!(
        text.contains("would be (nothing was written): client-credentials ready"),
        "{text}"
    );
    let mut args = base.to_vec();
    args.extend(["--dry-run", "--format", "json"]);
    let output = eca_ls(project.path(), &args);
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(document["written"], false);
    assert_eq!(document["flows"][0]["state"], "ready");
    let operations = document["plan"]["operations"]
        .as_array()
        .expect("operations");
    assert_eq!(operations.len(), 5, "{operations:#?}");
    assert!(
        operations
            .iter()
            .all(|operation| operation["kind"] == "create")
    );
    let mut args = base.to_vec();
    args.push("--diff");
    let output = eca_ls(project.path(), &args);
    assert!(
        stdout(&output)
            .contains("+++ ./force-app/main/default/externalClientApps/Sync.eca-meta.xml")
    );
    assert_eq!(
        snapshot(project.path()),
        before,
        "a preview wrote something"
    );
}

#[test]
fn without_an_sfdx_project_new_writes_metadata_api_format_under_the_folder() {
    let folder = TempProject::new("mdapi");
    let output = eca_ls(
        folder.path(),
        &[
            "new",
            "Device_App",
            "--flow",
            "device-flow",
            "--scope",
            "Api",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for path in [
        "externalClientApps/Device_App.eca",
        "extlClntAppGlobalOauthSets/Device_App_glbloauth.ecaGlblOauth",
        "extlClntAppOauthSettings/Device_App_oauth.ecaOauth",
        "extlClntAppOauthPolicies/Device_App_oauthPlcy.ecaOauthPlcy",
        "extlClntAppPolicies/Device_App_plcy.ecaPlcy",
    ] {
        assert!(folder.path().join(path).is_file(), "{path} missing");
    }
    let check = eca_ls(folder.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // A Metadata API deploy takes what the manifest lists: one is created with the new app.
    let manifest = std::fs::read_to_string(folder.path().join("package.xml")).expect("package.xml");
    expect_test::expect![[r#"
        <?xml version="1.0" encoding="UTF-8"?>
        <Package xmlns="http://soap.sforce.com/2006/04/metadata">
            <types>
                <members>Device_App</members>
                <name>ExternalClientApplication</name>
            </types>
            <types>
                <members>Device_App_plcy</members>
                <name>ExtlClntAppConfigurablePolicies</name>
            </types>
            <types>
                <members>Device_App_glbloauth</members>
                <name>ExtlClntAppGlobalOauthSettings</name>
            </types>
            <types>
                <members>Device_App_oauthPlcy</members>
                <name>ExtlClntAppOauthConfigurablePolicies</name>
            </types>
            <types>
                <members>Device_App_oauth</members>
                <name>ExtlClntAppOauthSettings</name>
            </types>
            <version>67.0</version>
        </Package>
    "#]]
    .assert_eq(&manifest.replace(&Schema::get().newest_api_version().to_string(), "67.0"));
}

/// A Metadata API project's own manifest (CRLF, tabs, a comment, other types) gets the new
/// app's entries in place, from wherever in the project `new` runs; the rest of it stays byte
/// for byte, and the result checks clean with its flows ready.
#[test]
fn new_in_a_metadata_api_project_adds_its_components_to_the_manifest_in_place() {
    let project = TempProject::new("mdapi-manifest");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n\t<!-- what this repository deploys -->\r\n\t<types>\r\n\t\t<members>Account</members>\r\n\t\t<name>CustomObject</name>\r\n\t</types>\r\n\t<types>\r\n\t\t<members>*</members>\r\n\t\t<name>ExtlClntAppOauthSettings</name>\r\n\t</types>\r\n\t<version>64.0</version>\r\n</Package>\r\n";
    project.write("src/package.xml", manifest);
    project.write("src/objects/Account.object", "<CustomObject/>\n");
    let output = eca_ls(
        &project.path().join("src/objects"),
        &[
            "new",
            "Sync",
            "--flow",
            "client-credentials",
            "--run-as",
            "sync@example.com",
            "--scope",
            "Api",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("edited ../package.xml"),
        "{}",
        stdout(&output)
    );
    let after = std::fs::read_to_string(project.path().join("src/package.xml")).expect("manifest");
    let expected = manifest.replace(
        "\t</types>\r\n\t<types>\r\n\t\t<members>*</members>",
        "\t</types>\r\n\t<types>\r\n\t\t<members>Sync</members>\r\n\t\t<name>ExternalClientApplication</name>\r\n\t</types>\r\n\t<types>\r\n\t\t<members>Sync_plcy</members>\r\n\t\t<name>ExtlClntAppConfigurablePolicies</name>\r\n\t</types>\r\n\t<types>\r\n\t\t<members>Sync_glbloauth</members>\r\n\t\t<name>ExtlClntAppGlobalOauthSettings</name>\r\n\t</types>\r\n\t<types>\r\n\t\t<members>Sync_oauthPlcy</members>\r\n\t\t<name>ExtlClntAppOauthConfigurablePolicies</name>\r\n\t</types>\r\n\t<types>\r\n\t\t<members>*</members>",
    );
    assert_eq!(after, expected);
    assert!(
        project
            .path()
            .join("src/externalClientApps/Sync.eca")
            .is_file()
    );
    let check = eca_ls(project.path(), &["check", "src"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let flows = eca_ls(project.path(), &["flows", "src", "--format", "json"]);
    let flows: Value = serde_json::from_slice(&flows.stdout).expect("flows prints JSON");
    let state = flows["apps"]
        .as_array()
        .and_then(|apps| apps.iter().find(|app| app["app"] == "Sync"))
        .and_then(|app| app["flows"].as_array())
        .and_then(|listed| {
            listed
                .iter()
                .find(|flow| flow["id"] == "client-credentials")
        })
        .map(|flow| flow["state"].clone());
    assert_eq!(state, Some(Value::from("ready")), "{flows:#}");
    // A manifest eca-ls cannot read safely stops the command before anything is written.
    project.write("src/package.xml", "<Package>\r\n\t<types>\r\n");
    refused(
        &project.path().join("src"),
        &["new", "Other", "--flow", "device-flow", "--scope", "Api"],
        "package.xml has syntax errors, so the new components cannot be added to it",
    );
}

/// A manifest that starts with a byte-order mark (as Windows tools write it) gets the new app's
/// entries and keeps its mark: eca-ls reads it as it reads every project file, so the edit is
/// made on the text it applies to.
#[test]
fn new_adds_to_a_manifest_with_a_byte_order_mark_and_keeps_the_mark() {
    let project = TempProject::new("mdapi-manifest-bom");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <version>64.0</version>\n</Package>\n";
    project.write("package.xml", &format!("\u{FEFF}{manifest}"));
    let output = eca_ls(
        project.path(),
        &["new", "Portal", "--flow", "device-flow", "--scope", "Api"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::read_to_string(project.path().join("package.xml")).expect("manifest");
    let entries = after
        .strip_prefix('\u{FEFF}')
        .unwrap_or_else(|| panic!("the byte-order mark is kept: {after:?}"));
    assert!(entries.contains("<members>Portal</members>"), "{entries}");
    let check = eca_ls(project.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn configure_edits_in_place_keeps_comments_and_holds_back_access_changes() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/headless-identity");
    let project = TempProject::new("configure");
    copy_folder(&example, project.path());
    let global = project
        .path()
        .join("force-app/main/default/extlClntAppGlobalOauthSets/Headless_Portal_glbloauth.ecaGlblOauth-meta.xml");
    let before = std::fs::read_to_string(&global).expect("read");
    let output = eca_ls(
        project.path(),
        &[
            "configure",
            "Headless_Portal",
            "--flow",
            "client-credentials",
            "--run-as",
            "api@example.com",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("isClientCredentialsFlowEnabled = `true` (was `false`): turns the client credentials flow on for the app"), "{text}");
    let after = std::fs::read_to_string(&global).expect("read");
    assert!(after.contains(
        "<!-- Holds no consumer key or secret: Salesforce generates them in each org. -->"
    ));
    // Exactly one line changed: the flow's switch.
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(old, new)| old != new)
        .collect();
    assert_eq!(
        changed,
        vec![(
            "    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
            "    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>"
        )]
    );
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    let flows: Value = serde_json::from_slice(&flows.stdout).expect("JSON");
    let client_credentials = flows["apps"][0]["flows"]
        .as_array()
        .and_then(|flows| flows.iter().find(|flow| flow["id"] == "client-credentials"))
        .expect("switched on");
    assert_eq!(client_credentials["state"], "ready");
    // The first-party flow wants the secret required: the public client's users lose access.
    project.write("attestation.pem", CERTIFICATE);
    let first_party = [
        "configure",
        "Headless_Portal",
        "--flow",
        "first-party-apps",
        "--assertion-certificate",
        "attestation.pem",
    ];
    refused(
        project.path(),
        &first_party,
        "take access away from the app's current users",
    );
    let mut allowed = first_party.to_vec();
    allowed.push("--allow-access-change");
    let output = eca_ls(project.path(), &allowed);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("takes access away: clients that exchange authorization codes without the consumer secret (public clients) are refused"),
        "{}",
        stdout(&output)
    );
    let check = eca_ls(project.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let errors: Vec<&Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|diagnostic| diagnostic["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A project written on Windows (CRLF everywhere, the certificate too) stays CRLF when
/// configured; files eca-ls cannot edit safely (a syntax error, a field written twice) and a
/// name that differs from an existing app's only in letter case are refused, nothing written.
#[test]
fn configure_keeps_crlf_and_refuses_what_it_cannot_edit_safely() {
    let project = sfdx_project("configure-crlf", "65.0");
    let output = eca_ls(
        project.path(),
        &["new", "Portal", "--flow", "device-flow", "--scope", "Api"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let folder = project.path().join("force-app/main/default");
    for path in snapshot(&folder).keys().filter(|path| path.is_file()) {
        let text = std::fs::read_to_string(path).expect("read");
        std::fs::write(path, text.replace('\n', "\r\n")).expect("write");
    }
    project.write("certificate.pem", &CERTIFICATE.replace('\n', "\r\n"));
    let output = eca_ls(
        project.path(),
        &[
            "configure",
            "Portal",
            "--flow",
            "jwt-bearer",
            "--certificate",
            "certificate.pem",
            "--permission-set",
            "Users",
            "--allow-access-change",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (path, bytes) in snapshot(&folder) {
        if path.is_dir() {
            continue;
        }
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "{} has a line break that is not CRLF:\n{text:?}",
            path.display()
        );
    }
    let global = folder.join("extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml");
    assert!(
        std::fs::read_to_string(&global)
            .expect("read")
            .contains("<certificate>-----BEGIN CERTIFICATE-----\r\nMIID"),
    );
    let check = eca_ls(project.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    refused(
        project.path(),
        &["new", "PORTAL", "--flow", "device-flow", "--scope", "Api"],
        "differs from `PORTAL` only in letter case",
    );
    let policies = folder.join("extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml");
    let original = std::fs::read_to_string(&policies).expect("read");
    std::fs::write(
        &policies,
        original.replace(
            "<permittedUsersPolicyType>",
            "<clientCredentialsFlowUser>a@example.com</clientCredentialsFlowUser>\r\n    <clientCredentialsFlowUser>b@example.com</clientCredentialsFlowUser>\r\n    <permittedUsersPolicyType>",
        ),
    )
    .expect("write");
    refused(
        project.path(),
        &[
            "configure",
            "Portal",
            "--flow",
            "client-credentials",
            "--run-as",
            "api@example.com",
        ],
        "`clientCredentialsFlowUser` is written 2 times in it",
    );
    std::fs::write(&policies, original.replace("</label>", "</labl>")).expect("write");
    refused(
        project.path(),
        &[
            "configure",
            "Portal",
            "--flow",
            "client-credentials",
            "--run-as",
            "api@example.com",
        ],
        "Portal_oauthPlcy.ecaOauthPlcy-meta.xml cannot be edited: it has syntax errors",
    );
}

#[test]
fn configure_by_file_and_an_unknown_app() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/headless-identity");
    let project = TempProject::new("configure-file");
    copy_folder(&example, project.path());
    refused(
        project.path(),
        &["configure", "Nobody", "--flow", "device-flow"],
        "no External Client App named `Nobody`",
    );
    let output = eca_ls(
        project.path(),
        &[
            "configure",
            "force-app/main/default/extlClntAppPolicies/Headless_Portal_plcy.ecaPlcy-meta.xml",
            "--flow",
            "device-flow",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("`Headless_Portal` configured: device-flow ready"),
        "{}",
        stdout(&output)
    );
    // Configuring again changes nothing.
    let again = eca_ls(
        project.path(),
        &["configure", "Headless_Portal", "--flow", "device-flow"],
    );
    assert!(
        stdout(&again).contains("needs no change"),
        "{}",
        stdout(&again)
    );
}

/// The part of docs/authoring.md that says what `eca-ls new` writes for each flow, made from
/// the engine and the flows data (the settings, their reasons, the options, the pages).
fn flows_reference() -> String {
    let mut out = String::new();
    let version = Schema::get().newest_api_version();
    for flow in eca_analysis::flows::flow_ids() {
        let doc = Schema::get().flow(flow).expect("documented");
        let options = options_for(version, "My_App", &[flow], None).expect("a flow alone plans");
        let project = Project::new(
            "",
            ApiVersionChoice {
                version,
                source: ApiVersionSource::CommandLine,
            },
            Config::default(),
        );
        let mut request = FlowRequest {
            flows: vec![flow.to_string()],
            ..FlowRequest::default()
        };
        for option in &options {
            match option.split(' ').next().unwrap_or_default() {
                "--callback-url" => request
                    .callback_urls
                    .push("https://portal.example.my.site.com/services/oauth2/echo".into()),
                "--scope" => request.scopes.push("Api".into()),
                "--permission-set" => request.permission_sets.push("My_Users".into()),
                "--run-as" => request.run_as = Some("integration@example.com".into()),
                "--token-exchange-handler" => {
                    request.token_exchange_handler = Some("PartnerTokenHandler".into());
                }
                "--apex-execution-user" => {
                    request.apex_execution_user = Some("handler@example.com".into());
                }
                "--token-type" => request.token_types.push("jwt".into()),
                "--certificate" => request.certificate = Some(CERTIFICATE.into()),
                "--assertion-certificate" => {
                    request.assertion_certificate = Some(CERTIFICATE.into())
                }
                other => panic!("an option the reference cannot give: {other}"),
            }
        }
        let plan = app_config::plan_new_app(
            &project,
            &Layout::source("force-app"),
            &NewApp {
                name: "My_App".to_string(),
                label: None,
                distribution: app_config::Distribution::Local,
                request,
            },
        )
        .expect("plans");
        out.push_str(&format!("### `{flow}`: {}\n\n", doc.name));
        let oldest = oldest_api_version(flow).expect("a version");
        out.push_str(&format!(
            "From API {oldest}. Options it needs: {}.\n\n",
            if options.is_empty() {
                "none".to_string()
            } else {
                options
                    .iter()
                    .map(|option| format!("`{option}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ));
        out.push_str("| file | setting | value | why |\n|---|---|---|---|\n");
        for change in &plan.changes {
            let file = eca_analysis::file_kind::detect(&change.path, None)
                .and_then(
                    |kind| match (&kind.type_def.suffix, &kind.type_def.settings_name) {
                        (Some(suffix), _) => Some(format!(".{suffix}")),
                        (None, Some(name)) => Some(format!("settings/{name}")),
                        (None, None) => None,
                    },
                )
                .unwrap_or_default();
            let value = if change.after.starts_with("-----BEGIN") {
                "the PEM certificate".to_string()
            } else {
                format!("`{}`", change.after)
            };
            out.push_str(&format!(
                "| `{file}` | `{}` | {value} | {} |\n",
                change.field,
                change.why.replace('|', "\\|")
            ));
        }
        out.push_str("\nSources:\n\n");
        for source in &doc.sources {
            out.push_str(&format!("- <{source}>\n"));
        }
        out.push('\n');
    }
    out
}

#[test]
fn authoring_md_says_what_new_writes_for_each_flow() {
    const BEGIN: &str = "<!-- generated: what eca-ls new writes for each flow -->\n";
    const END: &str = "<!-- end of generated part -->\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/authoring.md");
    let text = std::fs::read_to_string(&path).expect("docs/authoring.md");
    let start = text.find(BEGIN).expect("the generated part's start marker") + BEGIN.len();
    let end = text.find(END).expect("the generated part's end marker");
    let generated = format!("\n{}", flows_reference());
    if text[start..end] == generated {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let updated = format!("{}{generated}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).expect("write docs/authoring.md");
        return;
    }
    panic!(
        "docs/authoring.md is stale: run `UPDATE_EXPECT=1 cargo test --test cli_authoring` and read the diff"
    );
}

/// The README's walk-through, run as written: its first command (the Salesforce CLI's
/// `sf project generate --template empty`) is stood in for by the `sfdx-project.json` that
/// template writes; the `eca-ls` commands run on it, and the app ends up clean and ready.
#[test]
fn readme_walk_through_creates_an_app_ready_for_its_flows() {
    const MARKER: &str = "<!-- walk-through: a new app";
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let block = readme
        .split_once(MARKER)
        .and_then(|(_, after)| after.split_once("```sh\n"))
        .and_then(|(_, after)| after.split_once("```"))
        .map(|(block, _)| block)
        .expect("the walk-through block");
    let commands: Vec<String> = block
        .replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(commands.len(), 3, "three commands: {commands:?}");
    assert!(
        commands[0].starts_with("sf project generate --name portal --template empty"),
        "{}",
        commands[0]
    );
    let folder = TempProject::new("readme");
    let portal = folder.path().join("portal");
    std::fs::create_dir_all(&portal).expect("create portal/");
    // What `sf project generate --template empty` writes (the Salesforce CLI's template).
    std::fs::write(
        portal.join("sfdx-project.json"),
        format!(
            "{{\n  \"packageDirectories\": [\n    {{\n      \"path\": \"force-app\",\n      \"default\": true\n    }}\n  ],\n  \"name\": \"portal\",\n  \"namespace\": \"\",\n  \"sfdcLoginUrl\": \"https://login.salesforce.com\",\n  \"sourceApiVersion\": \"{}\"\n}}\n",
            Schema::get().newest_api_version()
        ),
    )
    .expect("write sfdx-project.json");
    let new = commands[1]
        .strip_prefix("cd portal && eca-ls ")
        .expect("the second command runs eca-ls in the new project");
    let output = eca_ls(&portal, &new.split_whitespace().collect::<Vec<_>>());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        stdout(&output).contains("`Portal` created: code-credentials ready, headless-guest ready"),
        "{}",
        stdout(&output)
    );
    let flows = commands[2]
        .strip_prefix("eca-ls ")
        .expect("the third runs eca-ls");
    let output = eca_ls(&portal, &flows.split_whitespace().collect::<Vec<_>>());
    let table = stdout(&output);
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert!(rows.len() >= 5, "{table}");
    assert!(rows.iter().all(|row| row.contains(" ready ")), "{table}");
    assert!(
        rows.iter().any(|row| row.contains("Headless guest flow")),
        "{table}"
    );
    let check = eca_ls(&portal, &["check"]);
    assert_eq!(
        stdout(&check),
        "0 errors, 0 warnings, 0 notes in 6 files checked (0 with findings)\n"
    );
}

/// Token exchange needs a handler that enables the app: `new` and `configure` refuse to go on
/// without its Apex class, execution user and token types (exit 2, nothing written, the
/// missing option named), and with them write the handler file, after which `flows` says
/// `ready` and `check` finds nothing.
#[test]
fn new_and_configure_write_the_token_exchange_handler() {
    let project = sfdx_project("token-exchange-handler", "64.0");
    let new = [
        "new",
        "Exchange",
        "--flow",
        "token-exchange",
        "--scope",
        "Api",
    ];
    refused(
        project.path(),
        &new,
        "give it with --token-exchange-handler APEX_CLASS",
    );
    let mut args = new.to_vec();
    args.extend(["--token-exchange-handler", "PartnerTokenHandler"]);
    refused(
        project.path(),
        &args,
        "give it with --apex-execution-user USERNAME",
    );
    args.extend(["--apex-execution-user", "handler@example.com"]);
    refused(project.path(), &args, "give it with --token-type TYPE");
    refused(
        project.path(),
        &[&args[..], &["--token-type", "jwt,opaque"]].concat(),
        "--token-type `opaque`: not a token type",
    );
    args.extend(["--token-type", "jwt", "--token-type", "id-token"]);
    let output = eca_ls(project.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let handler = "force-app/main/default/oauthtokenexchangehandlers/Exchange.oauthtokenexchangehandler-meta.xml";
    assert!(text.contains(&format!("created ./{handler}")), "{text}");
    assert!(
        text.contains("`Exchange` created: token-exchange ready"),
        "{text}"
    );
    let written = std::fs::read_to_string(project.path().join(handler)).expect("the handler");
    assert!(
        written.contains("        <externalClientApp>Exchange</externalClientApp>\n"),
        "{written}"
    );
    assert!(written.contains("<isIdTokenSupported>true</isIdTokenSupported>"));
    let state = |project: &TempProject, app: &str| {
        let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
        let flows: Value = serde_json::from_slice(&flows.stdout).expect("flows prints JSON");
        flows["apps"]
            .as_array()
            .and_then(|apps| apps.iter().find(|listed| listed["app"] == app))
            .and_then(|listed| listed["flows"].as_array())
            .and_then(|flows| flows.iter().find(|flow| flow["id"] == "token-exchange"))
            .map(|flow| flow["state"].clone())
    };
    assert_eq!(state(&project, "Exchange"), Some(Value::from("ready")));
    let check = eca_ls(project.path(), &["check"]);
    assert_eq!(
        stdout(&check),
        "0 errors, 0 warnings, 0 notes in 6 files checked (0 with findings)\n"
    );
    // An app without token exchange, configured for it.
    let output = eca_ls(
        project.path(),
        &[
            "new",
            "Sync",
            "--flow",
            "client-credentials",
            "--run-as",
            "api@example.com",
            "--scope",
            "Api",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let configure = ["configure", "Sync", "--flow", "token-exchange"];
    refused(
        project.path(),
        &configure,
        "give it with --token-exchange-handler APEX_CLASS",
    );
    refused(
        project.path(),
        &[
            "configure",
            "Sync",
            "--flow",
            "client-credentials",
            "--token-exchange-handler",
            "PartnerTokenHandler",
        ],
        "--token-exchange-handler `PartnerTokenHandler`: it describes a token exchange handler, which only the flow `token-exchange` needs",
    );
    let output = eca_ls(
        project.path(),
        &[
            &configure[..],
            &[
                "--token-exchange-handler",
                "PartnerTokenHandler",
                "--apex-execution-user",
                "handler@example.com",
                "--token-type",
                "access-token",
            ],
        ]
        .concat(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("`Sync` configured: token-exchange ready"),
        "{}",
        stdout(&output)
    );
    assert_eq!(state(&project, "Sync"), Some(Value::from("ready")));
    let check = eca_ls(project.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).expect("check prints JSON");
    assert_eq!(
        report["diagnostics"],
        Value::Array(Vec::new()),
        "{}",
        stdout(&check)
    );
}

/// A run-as user (or a handler's execution user) that is not in the form of a Salesforce
/// username is refused by `new` and `configure`: exit 2, nothing written.
#[test]
fn usernames_that_are_not_email_addresses_are_refused() {
    let project = sfdx_project("usernames", "65.0");
    for user in ["integration", "integration@example", "jane doe@example.com"] {
        refused(
            project.path(),
            &[
                "new",
                "Sync",
                "--flow",
                "client-credentials",
                "--scope",
                "Api",
                "--run-as",
                user,
            ],
            &format!("--run-as `{user}`: "),
        );
    }
    refused(
        project.path(),
        &[
            "new",
            "Exchange",
            "--flow",
            "token-exchange",
            "--scope",
            "Api",
            "--token-exchange-handler",
            "PartnerTokenHandler",
            "--apex-execution-user",
            "handler",
            "--token-type",
            "jwt",
        ],
        "--apex-execution-user `handler`: not a Salesforce username: usernames have the form of an email address",
    );
    let output = eca_ls(
        project.path(),
        &[
            "new",
            "Sync",
            "--flow",
            "client-credentials",
            "--scope",
            "Api",
            "--run-as",
            "api@example.com",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    refused(
        project.path(),
        &[
            "configure",
            "Sync",
            "--flow",
            "client-credentials",
            "--run-as",
            "api",
        ],
        "--run-as `api`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com`",
    );
}
