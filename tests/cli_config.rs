//! Configuration (`eca-ls.toml`), suppression comments and project boundaries as the real
//! binary applies them to the rules.

mod support;

use std::process::Output;

use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";
const SETTINGS: &str =
    "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml";

fn header(label: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>{label}</label>\n</ExternalClientApplication>\n"
    )
}

fn settings(app: &str, scopes: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>{scopes}</commaSeparatedOauthScopes>\n    <externalClientApplication>{app}</externalClientApplication>\n    <label>{app}</label>\n</ExtlClntAppOauthSettings>\n"
    )
}

/// `(path, code, severity)` of every finding, from `--format json`.
fn findings(output: &Output) -> Vec<(String, String, String)> {
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|diagnostic| {
            (
                diagnostic["path"].as_str().unwrap_or_default().to_string(),
                diagnostic["code"].as_str().unwrap_or_default().to_string(),
                diagnostic["severity"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn a_malformed_configuration_names_its_line_and_exits_2() {
    let project = TempProject::new("bad-toml");
    project.write("sfdx-project.json", r#"{"sourceApiVersion":"66.0"}"#);
    project.write(HEADER, &header("Portal"));
    project.write(SETTINGS, &settings("Portal", "Api"));
    project.write("eca-ls.toml", "api-version = \"66.0\"\n[rules\n");
    let output = eca_ls(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("eca-ls.toml: malformed configuration: line 2:"),
        "{message}"
    );
    assert!(output.stdout.is_empty());

    project.write("eca-ls.toml", "[rules]\n\"ECA-REF-01\" = \"error\"\n");
    let output = eca_ls(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains(
            "line 2: unknown code `ECA-REF-01` (did you mean `ECA-REF-001`?): `eca-ls rules` lists every code"
        ),
        "{message}"
    );
}

#[test]
fn configured_severities_change_findings_and_the_exit_status() {
    let project = TempProject::new("severities");
    project.write("sfdx-project.json", r#"{"sourceApiVersion":"66.0"}"#);
    project.write(HEADER, &header("Portal"));
    // A run-time scope name (ECA-REF-010, a warning) and fields out of order (a hint).
    project.write(
        SETTINGS,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n    <commaSeparatedOauthScopes>api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppOauthSettings>\n",
    );
    let plain = eca_ls(project.path(), &["check", "--format", "json"]);
    assert_eq!(plain.status.code(), Some(0));
    let codes: Vec<(String, String)> = findings(&plain)
        .into_iter()
        .map(|(_, code, severity)| (code, severity))
        .collect();
    assert_eq!(
        codes,
        [
            ("element-order".to_string(), "hint".to_string()),
            ("ECA-REF-010".to_string(), "warning".to_string()),
        ]
    );

    project.write(
        "eca-ls.toml",
        "[rules]\n\"eca-ref-010\" = \"error\"\n\"element-order\" = \"off\"\n",
    );
    let configured = eca_ls(project.path(), &["check", "--format", "json"]);
    assert_eq!(configured.status.code(), Some(1));
    let codes: Vec<(String, String)> = findings(&configured)
        .into_iter()
        .map(|(_, code, severity)| (code, severity))
        .collect();
    assert_eq!(codes, [("ECA-REF-010".to_string(), "error".to_string())]);
}

#[test]
fn suppression_comments_silence_rules_and_report_what_they_do_not_silence() {
    let project = TempProject::new("suppress");
    project.write(HEADER, &header("Portal"));
    project.write(
        SETTINGS,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <!-- eca-ls-disable-next-line ECA-REF-010: the org accepts this token -->\n    <commaSeparatedOauthScopes>api</commaSeparatedOauthScopes>\n    <!-- eca-ls-disable-next-line ECA-REF-001 -->\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n",
    );
    let output = eca_ls(project.path(), &["check", "--format", "json"]);
    let codes: Vec<String> = findings(&output)
        .into_iter()
        .map(|(_, code, _)| code)
        .collect();
    assert_eq!(codes, ["unused-suppression"]);
    let human = eca_ls(project.path(), &["check", "--hints"]);
    let text = stdout(&human);
    assert!(
        text.contains("hint[unused-suppression]: nothing here is reported as `ECA-REF-001`"),
        "{text}"
    );
}

#[test]
fn projects_in_one_folder_are_checked_apart() {
    let workspace = TempProject::new("two-projects");
    // `complete` holds the header of Portal; `partial` keeps headers too, but only of Billing,
    // and has OAuth settings for Portal. Checked together, they must not see each other.
    workspace.write(
        "complete/sfdx-project.json",
        r#"{"sourceApiVersion":"66.0"}"#,
    );
    workspace.write(&format!("complete/{HEADER}"), &header("Portal"));
    workspace.write(&format!("complete/{SETTINGS}"), &settings("Portal", "Api"));
    workspace.write(
        "partial/sfdx-project.json",
        r#"{"sourceApiVersion":"66.0"}"#,
    );
    workspace.write(
        "partial/force-app/main/default/externalClientApps/Billing.eca-meta.xml",
        &header("Billing"),
    );
    workspace.write(&format!("partial/{SETTINGS}"), &settings("Portal", "Api"));
    // Each project has its own configuration.
    workspace.write(
        "complete/eca-ls.toml",
        "[rules]\n\"ECA-REF-010\" = \"off\"\n",
    );
    workspace.write(
        &format!("complete/{SETTINGS}"),
        &settings("Portal", "Api, refresh_token"),
    );
    workspace.write(
        &format!("partial/{SETTINGS}"),
        &settings("Portal", "Api, refresh_token"),
    );
    let output = eca_ls(workspace.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let found: Vec<(String, String)> = findings(&output)
        .into_iter()
        .map(|(path, code, _)| (path, code))
        .collect();
    assert_eq!(
        found,
        [
            (format!("./partial/{SETTINGS}"), "ECA-REF-010".to_string()),
            (format!("./partial/{SETTINGS}"), "ECA-REF-001".to_string()),
        ]
    );
}

#[test]
fn the_strict_profile_from_eca_ls_toml_or_the_command_line_adds_the_posture_checks() {
    let project = TempProject::new("profile");
    project.write("sfdx-project.json", r#"{"sourceApiVersion":"66.0"}"#);
    project.write(HEADER, &header("Portal"));
    project.write(SETTINGS, &settings("Portal", "Full"));
    let posture = |output: &Output| {
        findings(output)
            .into_iter()
            .filter(|(_, code, _)| code.starts_with("ECA-POSTURE-"))
            .map(|(_, code, severity)| format!("{code} {severity}"))
            .collect::<Vec<_>>()
    };
    // baseline: the default.
    let output = eca_ls(project.path(), &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(posture(&output).is_empty());
    // --profile strict: a warning, so the exit status stays 0 without --deny-warnings.
    let output = eca_ls(
        project.path(),
        &["check", "--format", "json", "--profile", "strict"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(posture(&output), ["ECA-POSTURE-003 warning"]);
    // eca-ls.toml says strict; the command line can still ask for baseline.
    project.write("eca-ls.toml", "profile = \"strict\"\n");
    let output = eca_ls(project.path(), &["check", "--format", "json"]);
    assert_eq!(posture(&output), ["ECA-POSTURE-003 warning"]);
    let output = eca_ls(
        project.path(),
        &["check", "--format", "json", "--profile", "baseline"],
    );
    assert!(posture(&output).is_empty());
    // A bad value is a usage error.
    let output = eca_ls(project.path(), &["check", "--profile", "paranoid"]);
    assert_eq!(output.status.code(), Some(2));
}
