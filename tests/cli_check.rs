//! `eca-ls check` through the real binary: discovery, projects, output formats, exit codes.

mod support;

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";

fn policies(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n{body}    <label>Portal</label>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    )
}

#[test]
fn human_output_points_at_the_problem_and_exits_1_on_errors() {
    let project = TempProject::new("human");
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let output = eca_ls(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(&format!(
            "./{POLICIES}:4:22: error[invalid-value]: `45` is not an accepted value of `guestJwtTimeout` in `ExtlClntAppOauthConfigurablePolicies`; accepted: "
        )),
        "{text}"
    );
    assert!(
        text.contains(
            "4 |     <guestJwtTimeout>45</guestJwtTimeout>\n  |                      ^^\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("1 error, 0 warnings, 0 notes in 1 file checked (1 with findings)\n"),
        "{text}"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let project = TempProject::new("warnings");
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"64.0"}"#,
    );
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>60</guestJwtTimeout>\n"),
    );
    assert_eq!(
        eca_ls(project.path(), &["check", "."]).status.code(),
        Some(0)
    );
    let denied = eca_ls(project.path(), &["check", ".", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stdout(&denied).contains("warning[api-version]"));
    // --api-version wins over sfdx-project.json.
    let overridden = eca_ls(
        project.path(),
        &["check", "--api-version", "65.0", "--deny-warnings"],
    );
    assert_eq!(overridden.status.code(), Some(0), "{}", stdout(&overridden));
}

#[test]
fn json_output_uses_lsp_positions_in_utf16() {
    let project = TempProject::new("json");
    // The emoji takes two UTF-16 units, the Japanese label one each: the column must count so.
    project.write(
        POLICIES,
        &policies(
            "    <!-- 🎉 -->\n    <label>ラベル</label><guestJwtTimeout>45</guestJwtTimeout>\n",
        ),
    );
    let output = eca_ls(project.path(), &["check", "--format", "json"]);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["files"], 1);
    let invalid = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|diagnostic| diagnostic["code"] == "invalid-value")
        .expect("an invalid-value finding")
        .clone();
    assert_eq!(invalid["severity"], "error");
    assert_eq!(invalid["path"], format!("./{POLICIES}"));
    assert_eq!(
        invalid["range"],
        serde_json::json!({"start": {"line": 4, "character": 39}, "end": {"line": 4, "character": 41}})
    );
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let project = TempProject::new("sarif");
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let output = eca_ls(project.path(), &["check", "--format", "sarif"]);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "eca-ls");
    assert_eq!(run["tool"]["driver"]["rules"][0]["id"], "invalid-value");
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "invalid-value");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], POLICIES);
    let region = &location["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(4), Some(22))
    );

    // A URI reference: a space or `#` in a folder name is percent-encoded.
    let odd = TempProject::new("sarif-odd-path");
    odd.write(
        &format!("team #1/{POLICIES}"),
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let output = eca_ls(odd.path(), &["check", "--format", "sarif"]);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("team%20%231/{POLICIES}")
    );
}

/// `eca-ls check --format sarif` output checked against the official SARIF 2.1.0 schema
/// (vendored in tests/sarif with its license note), with format assertions on.
fn sarif_schema_errors(document: &Value) -> Option<String> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/sarif-schema-2.1.0.json");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let index = compiler
        .compile(&schema.to_string_lossy(), &mut schemas)
        .expect("the vendored SARIF schema compiles");
    schemas
        .validate(document, index)
        .err()
        .map(|error| format!("{error:#}"))
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let project = TempProject::new("sarif-schema");
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"65.0"}"#,
    );
    project.write(
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://portal.example.com/callback</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>\n    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n",
    );
    // Errors with fixes, a duplicate with a related location, a warning, a hint, a rule across
    // files, and a folder name that needs percent-encoding.
    project.write(
        &format!("force-app/main/default/team #1 ü/{}", "Odd_oauthPlcy.ecaOauthPlcy-meta.xml"),
        &policies(
            "    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>\n    <guestJwtTimeout xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\">45</guestJwtTimeout>\n    <guestJwtTimeout>45</guestJwtTimeout>\n    <commaSeparatedPermissionSet>\u{1F600}</commaSeparatedPermissionSet>\n",
        ),
    );
    project.write("force-app/notes.txt", "not metadata\n");
    let mut runs = Vec::new();
    for args in [
        &["check", "--format", "sarif"][..],
        // One file of the project: related locations in files read for context only.
        &[
            "check",
            "--format",
            "sarif",
            "force-app/main/default/team #1 ü/Odd_oauthPlcy.ecaOauthPlcy-meta.xml",
        ],
        // Nothing to check: an empty run.
        &["check", "--format", "sarif", "force-app/notes.txt"],
    ] {
        let output = eca_ls(project.path(), args);
        let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        if let Some(errors) = sarif_schema_errors(&document) {
            panic!("{args:?}: not valid SARIF 2.1.0:\n{errors}\n{document:#}");
        }
        runs.push(document);
    }
    let levels: std::collections::BTreeSet<&str> = runs[0]["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|result| result["level"].as_str())
        .collect();
    assert_eq!(
        levels.into_iter().collect::<Vec<_>>(),
        ["error", "note", "warning"],
        "{:#}",
        runs[0]
    );
    assert!(
        runs[1]["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|result| result.get("relatedLocations").is_some()),
        "{:#}",
        runs[1]
    );
    assert_eq!(runs[2]["runs"][0]["results"], serde_json::json!([]));

    // The validator is no rubber stamp: a level SARIF does not have, or a column of 0, fails.
    let mut wrong_level = runs[0].clone();
    wrong_level["runs"][0]["results"][0]["level"] = "hint".into();
    assert!(sarif_schema_errors(&wrong_level).is_some());
    let mut zero_column = runs[0].clone();
    zero_column["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    assert!(sarif_schema_errors(&zero_column).is_some());
}

#[test]
fn skips_tool_folders_and_survives_symlink_loops() {
    let project = TempProject::new("walk");
    let broken = policies("    <guestJwtTimeout>45</guestJwtTimeout>\n");
    for skipped in [".git", "node_modules", ".sfdx", ".sf"] {
        project.write(&format!("{skipped}/{POLICIES}"), &broken);
    }
    project.write(POLICIES, &policies(""));
    #[cfg(unix)]
    std::os::unix::fs::symlink(project.path(), project.path().join("force-app/loop"))
        .expect("symlink");
    let output = eca_ls(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("in 1 file checked (0 with findings)\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn projects_in_one_folder_keep_their_own_versions() {
    let workspace = TempProject::new("projects");
    let body = "    <guestJwtTimeout>60</guestJwtTimeout>\n";
    workspace.write("old/sfdx-project.json", r#"{"sourceApiVersion":"64.0"}"#);
    workspace.write(&format!("old/{POLICIES}"), &policies(body));
    workspace.write("new/sfdx-project.json", r#"{"sourceApiVersion":"65.0"}"#);
    workspace.write(&format!("new/{POLICIES}"), &policies(body));
    let output = eca_ls(workspace.path(), &["check", "--format", "json"]);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let paths: Vec<&str> = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|diagnostic| diagnostic["code"] == "api-version")
        .filter_map(|diagnostic| diagnostic["path"].as_str())
        .collect();
    assert_eq!(paths, [format!("./old/{POLICIES}")]);
}

fn package_xml(version: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <version>{version}</version>\n</Package>\n"
    )
}

/// `(path, code, message)` of every finding of a `--format json` run.
fn json_findings(output: &Output) -> Vec<(String, String, String)> {
    let document: Value = serde_json::from_str(&stdout(output)).expect("JSON");
    document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|diagnostic| {
            let field = |name: &str| diagnostic[name].as_str().unwrap_or_default().to_string();
            (field("path"), field("code"), field("message"))
        })
        .collect()
}

#[test]
fn the_api_version_comes_from_the_flag_the_config_sfdx_project_then_package_xml() {
    let project = TempProject::new("version-precedence");
    // `60` is accepted by guestJwtTimeout from 65.0: every older version in force reports it
    // and says where that version came from.
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>60</guestJwtTimeout>\n"),
    );
    let version_in_force = |args: &[&str]| -> Vec<String> {
        let mut phrases: Vec<String> = json_findings(&eca_ls(
            project.path(),
            &[&["check", "--format", "json"], args].concat(),
        ))
        .into_iter()
        .filter(|(_, code, _)| code == "api-version")
        .filter_map(|(_, _, message)| {
            Some(message.split_once("this project uses API ")?.1.to_string())
        })
        .collect();
        phrases.dedup();
        phrases
    };
    assert_eq!(
        version_in_force(&[]),
        Vec::<String>::new(),
        "the newest version"
    );
    project.write("manifest/package.xml", &package_xml("61.0"));
    assert_eq!(
        version_in_force(&[]),
        ["61.0 (<version> in ./manifest/package.xml)"]
    );
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"62.0"}"#,
    );
    assert_eq!(
        version_in_force(&[]),
        ["62.0 (sourceApiVersion in ./sfdx-project.json)"]
    );
    project.write("eca-ls.toml", "api-version = \"63.0\"\n");
    assert_eq!(
        version_in_force(&[]),
        ["63.0 (api-version in ./eca-ls.toml)"]
    );
    assert_eq!(
        version_in_force(&["--api-version", "64.0"]),
        ["64.0 (--api-version)"]
    );
}

#[test]
fn metadata_api_packages_in_one_folder_are_checked_apart() {
    let workspace = TempProject::new("mdapi-packages");
    // Two Metadata API packages holding the same app, each deployed with its own version.
    let policies_path = "src/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy";
    let body = policies("    <guestJwtTimeout>60</guestJwtTimeout>\n");
    for (package, version) in [("new", "66.0"), ("old", "64.0")] {
        workspace.write(&format!("{package}/src/package.xml"), &package_xml(version));
        workspace.write(&format!("{package}/{policies_path}"), &body);
    }
    let output = eca_ls(workspace.path(), &["check", "--format", "json"]);
    let findings: Vec<(String, String)> = json_findings(&output)
        .into_iter()
        .map(|(path, code, _)| (path, code))
        .collect();
    assert_eq!(
        findings,
        [(format!("./old/{policies_path}"), "api-version".to_string())],
        "{}",
        stdout(&output)
    );
}

#[test]
fn one_file_of_a_project_is_checked_with_the_apps_other_files() {
    let project = TempProject::new("one-file");
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"65.0"}"#,
    );
    project.write(
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://portal.example.com/callback</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>\n    <label>Portal</label>\n    <unknownField>true</unknownField>\n</ExtlClntAppGlobalOauthSettings>\n",
    );
    project.write(
        POLICIES,
        &policies("    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>\n"),
    );
    // As a pre-commit hook runs it: the changed file only, from the project root and from a
    // folder inside the project; and the policies' folder alone, which the walk of the rest
    // of the project passes by.
    let policies_folder = Path::new(POLICIES).parent().expect("a folder");
    for (folder, asked, path) in [
        (project.path().to_path_buf(), POLICIES, POLICIES),
        (
            project.path().join("force-app/main"),
            POLICIES.trim_start_matches("force-app/main/"),
            POLICIES.trim_start_matches("force-app/main/"),
        ),
        (
            project.path().to_path_buf(),
            policies_folder.to_str().expect("UTF-8"),
            POLICIES,
        ),
    ] {
        let output = eca_ls(&folder, &["check", "--format", "json", asked]);
        let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        assert_eq!(document["files"], 1, "{}", stdout(&output));
        let findings: Vec<(String, String)> = json_findings(&output)
            .into_iter()
            .map(|(path, code, message)| (path, format!("{code}: {message}")))
            .collect();
        // The global settings are read (the guest flow needs their JWT switch, which is off),
        // but their own unknown field is not reported: that file was not asked for.
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].0, path);
        assert!(
            findings[0]
                .1
                .starts_with("ECA-JWT-001: the guest flow is on but the app issues opaque tokens"),
            "{findings:#?}"
        );
    }
    // SARIF still points at the global settings, read for context only.
    let sarif = eca_ls(project.path(), &["check", "--format", "sarif", POLICIES]);
    let document: Value = serde_json::from_str(&stdout(&sarif)).expect("JSON");
    assert_eq!(
        document["runs"][0]["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml"
    );
    let flows = eca_ls(project.path(), &["flows", POLICIES]);
    assert!(
        stdout(&flows).contains("Headless guest flow                       incomplete force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml:6 → isNamedUserJwtEnabled = true"),
        "{}",
        stdout(&flows)
    );
}

#[test]
fn a_check_from_inside_a_project_uses_the_projects_settings() {
    let project = TempProject::new("inside");
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"64.0"}"#,
    );
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>60</guestJwtTimeout>\n"),
    );
    let output = eca_ls(
        &project.path().join("force-app"),
        &["check", "--format", "json"],
    );
    let messages: Vec<String> = json_findings(&output)
        .into_iter()
        .map(|(_, _, message)| message)
        .collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0]
            .ends_with("this project uses API 64.0 (sourceApiVersion in ../sfdx-project.json)"),
        "{messages:#?}"
    );
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let project = TempProject::new("bad-input");
    let missing = eca_ls(project.path(), &["check", "does-not-exist"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("does-not-exist: cannot read"));

    project.write("sfdx-project.json", "{ not json");
    project.write(POLICIES, &policies(""));
    let malformed = eca_ls(project.path(), &["check"]);
    assert_eq!(malformed.status.code(), Some(2));
    assert!(stderr(&malformed).contains("sfdx-project.json is not valid JSON"));

    let usage = eca_ls(project.path(), &["check", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn a_path_named_with_nothing_to_check_says_so_on_stderr() {
    let project = TempProject::new("nothing-to-check");
    project.write("notes.txt", "not metadata\n");
    project.write(
        "manifest/package.xml",
        "<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><version>65.0</version></Package>\n",
    );
    project.write("blank.xml", "");
    project.write("classes/Empty.cls", "public class Empty {}\n");
    let output = eca_ls(
        project.path(),
        &[
            "check",
            "notes.txt",
            "manifest/package.xml",
            "blank.xml",
            "classes",
        ],
    );
    // Not an error: a pre-commit hook names every changed file, ECA or not.
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("in 0 files checked (0 with findings)\n"),
        "{}",
        stdout(&output)
    );
    let not_named =
        "its name is not that of an ECA metadata file (such as `App.ecaOauth-meta.xml`)";
    assert_eq!(
        stderr(&output),
        format!(
            "eca-ls: nothing to check in notes.txt: {not_named} and it is not an `.xml` file\n\
             eca-ls: nothing to check in manifest/package.xml: {not_named} and its root element `Package` is not a known type\n\
             eca-ls: nothing to check in blank.xml: {not_named} and no root element was found in it\n\
             eca-ls: nothing to check in classes: no ECA metadata files found under this folder\n"
        )
    );

    // JSON and SARIF stay one document on stdout; the note goes to stderr.
    for format in ["json", "sarif"] {
        let output = eca_ls(project.path(), &["check", "--format", format, "classes"]);
        assert_eq!(output.status.code(), Some(0));
        let document: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
        assert!(document.is_object(), "{document}");
        assert_eq!(
            stderr(&output),
            "eca-ls: nothing to check in classes: no ECA metadata files found under this folder\n"
        );
    }

    // Next to a path with findings, the note is said and the findings decide the status.
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let mixed = eca_ls(project.path(), &["check", "force-app", "notes.txt"]);
    assert_eq!(mixed.status.code(), Some(1), "{}", stdout(&mixed));
    assert!(
        stdout(&mixed).contains("error[invalid-value]"),
        "{}",
        stdout(&mixed)
    );
    let message = stderr(&mixed);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("eca-ls: nothing to check in notes.txt: "),
        "{message}"
    );
}

#[test]
fn paths_with_something_to_check_say_nothing_on_stderr() {
    let project = TempProject::new("something-to-check");
    project.write(POLICIES, &policies(""));
    // An `.xml` file outside the naming conventions, recognised by its root element.
    project.write("templates/policies.xml", &policies(""));
    for args in [
        &["check", POLICIES][..],
        &["check", "force-app"],
        &["check", "templates/policies.xml"],
        &["check", "."],
        &["check", "--format", "json", "force-app"],
    ] {
        let output = eca_ls(project.path(), args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stdout(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
    // With no path named, an empty folder is the ordinary "0 files checked".
    let empty = TempProject::new("nothing-named");
    let output = eca_ls(empty.path(), &["check"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).ends_with("in 0 files checked (0 with findings)\n"));
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_file_that_is_not_utf8_is_reported_not_lost() {
    let project = TempProject::new("latin1");
    let mut bytes = policies("    <!-- caf\u{e9} -->\n").into_bytes();
    // Re-encode the é as Latin-1.
    let position = bytes
        .windows(2)
        .position(|pair| pair == [0xc3, 0xa9])
        .expect("é");
    bytes.splice(position..position + 2, [0xe9]);
    project.write_bytes(POLICIES, &bytes);
    let output = eca_ls(project.path(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("error[xml-syntax]: the file is not valid UTF-8"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn the_example_project_is_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = eca_ls(
        root,
        &[
            "check",
            "examples/headless-identity",
            "--hints",
            "--deny-warnings",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).starts_with("0 errors, 0 warnings, 0 notes in 6 files checked"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn version_and_help() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let version = eca_ls(root, &["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("eca-ls {}", env!("CARGO_PKG_VERSION"))
    );
    let help = eca_ls(root, &["--help"]);
    assert!(stdout(&help).contains("check"));
}

#[test]
fn jobs_change_the_threads_not_the_findings() {
    let project = TempProject::new("jobs");
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let default = eca_ls(project.path(), &["check", "--format", "json"]);
    for jobs in ["1", "3"] {
        let output = eca_ls(project.path(), &["check", "--format", "json", "-j", jobs]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "-j {jobs}: {}",
            stdout(&output)
        );
        assert_eq!(stdout(&output), stdout(&default), "-j {jobs}");
    }
    let output = eca_ls(project.path(), &["check", "--jobs", "0"]);
    assert_eq!(output.status.code(), Some(2), "no threads is bad usage");
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let project = TempProject::new("bom");
    let text = policies("    <guestJwtTimeout>45</guestJwtTimeout>\n");
    // A mark right before a misnamed root element, whose finding is then on the first line.
    let text = format!(
        "\u{feff}{}",
        text.replacen("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "", 1)
    )
    .replacen(
        "<ExtlClntAppOauthConfigurablePolicies",
        "<ExtlClntAppOauthConfigurablePolicie",
        1,
    );
    project.write(POLICIES, &text);
    let output = eca_ls(project.path(), &["check", "--format", "json"]);
    let document: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let root_mismatch = document["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|diagnostic| diagnostic["code"] == "root-mismatch")
        .expect("a root-mismatch finding")
        .clone();
    // Editors show the line without the mark: the name starts at character 1.
    assert_eq!(
        root_mismatch["range"]["start"],
        serde_json::json!({"line": 0, "character": 1})
    );
}

#[test]
fn github_format_prints_escaped_workflow_commands() {
    let project = TempProject::new("github");
    // `,` and `:` would end a property value, `%` starts an escape: all three are escaped in
    // the file name; the related location's line break is escaped in the message.
    project.write(
        "team, a:b 100%/Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
        &policies(
            "    <guestJwtTimeout>60</guestJwtTimeout>\n    <guestJwtTimeout>60</guestJwtTimeout>\n    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n",
        ),
    );
    let output = eca_ls(project.path(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    let file = "team%2C a%3Ab 100%25/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
    assert!(
        text.contains(&format!(
            "::error file={file},line=5,col=6,endLine=5,endColumn=20,title=duplicate-element::`guestJwtTimeout` appears more than once in `ExtlClntAppOauthConfigurablePolicies`; it takes a single value%0Anote: first occurrence (team, a:b 100%25/Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4)\n"
        )),
        "{text}"
    );
    // Every line is a workflow command but the closing summary, which is plain log text.
    let lines: Vec<&str> = text.lines().collect();
    let (summary, commands) = lines.split_last().expect("lines");
    assert!(summary.starts_with("1 error, "), "{text}");
    for command in commands {
        assert!(
            command.starts_with("::error ")
                || command.starts_with("::warning ")
                || command.starts_with("::notice "),
            "{command}"
        );
    }
    // Hints (element-order here) are annotations only when asked for.
    assert!(!text.contains("title=element-order"), "{text}");
    let with_hints = stdout(&eca_ls(
        project.path(),
        &["check", "--format", "github", "--hints"],
    ));
    assert!(
        with_hints.contains("::notice ") && with_hints.contains("title=element-order::"),
        "{with_hints}"
    );

    let clean = TempProject::new("github-clean");
    clean.write(POLICIES, &policies(""));
    let output = eca_ls(clean.path(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(!stdout(&output).contains("::"), "{}", stdout(&output));
}

#[test]
fn sarif_rules_link_their_help_and_fingerprints_survive_unrelated_edits() {
    let project = TempProject::new("sarif-fingerprints");
    let findings = "    <guestJwtTimeout>45</guestJwtTimeout>\n    <commaSeparatedPermissionSet>a</commaSeparatedPermissionSet>\n    <commaSeparatedPermissionSet>a</commaSeparatedPermissionSet>\n";
    project.write(POLICIES, &policies(findings));
    let run = |project: &TempProject| -> Value {
        let output = eca_ls(project.path(), &["check", "--format", "sarif"]);
        serde_json::from_str(&stdout(&output)).expect("JSON")
    };
    let fingerprints = |document: &Value| -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = document["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|result| {
                (
                    result["ruleId"].as_str().expect("ruleId").to_string(),
                    result["partialFingerprints"]["ecaLsFinding/v1"]
                        .as_str()
                        .expect("fingerprint")
                        .to_string(),
                )
            })
            .collect();
        all.sort();
        all
    };
    let before = run(&project);
    let before_prints = fingerprints(&before);
    assert!(before_prints.len() >= 2, "{before:#}");
    let unique: std::collections::BTreeSet<&String> =
        before_prints.iter().map(|(_, print)| print).collect();
    assert_eq!(unique.len(), before_prints.len(), "{before_prints:?}");

    // Every rule links its entry in docs/rules.md and carries help text with its sources.
    let rules_page =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
            .expect("docs/rules.md");
    for rule in before["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
    {
        let id = rule["id"].as_str().expect("id");
        let help_uri = rule["helpUri"].as_str().expect("helpUri");
        let anchor = help_uri
            .strip_prefix("https://github.com/eca-ls/eca-ls/blob/main/docs/rules.md#")
            .expect("a link into docs/rules.md");
        assert_eq!(anchor, id.to_ascii_lowercase());
        assert!(
            rules_page.contains(&format!("\n### {id}\n")),
            "docs/rules.md has no heading for {id}"
        );
        assert!(
            rule["help"]["text"]
                .as_str()
                .is_some_and(|text| text.contains("Sources:\nhttps://")),
            "{rule:#}"
        );
        assert!(rule["help"]["markdown"].is_string(), "{rule:#}");
    }

    // Lines added above, and the whole file re-indented: the same findings, the same prints.
    let edited = policies(findings).replace(
        "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <!-- reviewed by the security team -->\n\n",
    ).replace("    <", "\t<");
    project.write(POLICIES, &edited);
    assert_eq!(fingerprints(&run(&project)), before_prints, "{edited}");

    // The finding itself changed: its print changes, the others stay.
    project.write(POLICIES, &edited.replace(">45<", ">46<"));
    let after = fingerprints(&run(&project));
    assert_ne!(after, before_prints);
    let kept = after
        .iter()
        .filter(|print| before_prints.contains(print))
        .count();
    assert_eq!(
        kept,
        before_prints.len() - 1,
        "{after:?}\n{before_prints:?}"
    );
}

#[test]
fn forceignore_leaves_files_out_unless_included() {
    let project = TempProject::new("forceignore");
    project.write(
        "sfdx-project.json",
        r#"{"packageDirectories":[{"path":"force-app"}],"sourceApiVersion":"65.0"}"#,
    );
    project.write(POLICIES, &policies(""));
    // A copy kept as a template: a second OAuth policies file of the app (ECA-REF-011) and a
    // wrong value, were it deployed; the .forceignore says it is not.
    let template = "templates/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
    project.write(
        template,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    project.write(".forceignore", "# not deployed\n\ntemplates/\n");

    let whole = eca_ls(project.path(), &["check"]);
    assert_eq!(whole.status.code(), Some(0), "{}", stdout(&whole));
    assert!(
        stdout(&whole).contains("in 1 file checked"),
        "{}",
        stdout(&whole)
    );
    assert!(
        !stdout(&whole).contains("ECA-REF-011"),
        "{}",
        stdout(&whole)
    );
    assert_eq!(
        stderr(&whole),
        "eca-ls: 1 ECA file left out by ./.forceignore (--include-ignored checks it)\n"
    );

    // Named on the command line: skipped all the same, with the line that leaves it out.
    let named = eca_ls(project.path(), &["check", "--format", "json", template]);
    assert_eq!(named.status.code(), Some(0), "{}", stdout(&named));
    let document: Value = serde_json::from_str(&stdout(&named)).expect("JSON");
    assert_eq!(document["files"], 0);
    assert_eq!(
        stderr(&named),
        format!(
            "eca-ls: skipped {template}: .forceignore leaves it out (line 3: `templates/`); --include-ignored checks it\n"
        )
    );

    // --include-ignored: checked, and read for the rules across files.
    let included = eca_ls(project.path(), &["check", "--include-ignored"]);
    assert_eq!(included.status.code(), Some(1), "{}", stdout(&included));
    let text = stdout(&included);
    assert!(text.contains("error[invalid-value]"), "{text}");
    assert!(text.contains("information[ECA-REF-011]"), "{text}");
    assert!(stderr(&included).is_empty(), "{}", stderr(&included));

    // The flows table reads what is deployed too.
    let flows = eca_ls(project.path(), &["flows", "--format", "json"]);
    assert_eq!(flows.status.code(), Some(0), "{}", stderr(&flows));
    assert!(!stdout(&flows).contains("templates/"), "{}", stdout(&flows));
}

/// The ECA-REF-012 lines of a human-readable `check` (the finding's first line).
fn missing_component_lines(project: &TempProject, args: &[&str]) -> Vec<String> {
    let output = eca_ls(project.path(), args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .filter(|line| line.contains("[ECA-REF-012]"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_permission_set_without_its_file_is_information_until_the_file_is_added() {
    let project = TempProject::new("missing-component");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
    );
    project.write(
        POLICIES,
        &policies(
            "    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n    <commaSeparatedProfile>System Administrator</commaSeparatedProfile>\n",
        ),
    );
    // No permission set or profile in the project: the org holds them, nothing to say.
    assert_eq!(
        missing_component_lines(&project, &["check"]),
        Vec::<String>::new()
    );
    // The project holds permission sets and the System Administrator profile (its file is
    // `Admin`): `Portal_Users` alone is noted, whichever path was asked for.
    project.write(
        "force-app/main/default/permissionsets/Portal_Admins.permissionset-meta.xml",
        "<PermissionSet/>\n",
    );
    project.write(
        "force-app/main/default/profiles/Admin.profile-meta.xml",
        "<Profile/>\n",
    );
    let expected = vec![format!(
        "./{POLICIES}:4:34: information[ECA-REF-012]: this project has no `permissionsets/Portal_Users.permissionset-meta.xml` for the permission set `Portal_Users`, though it holds other files in `permissionsets/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app"
    )];
    assert_eq!(missing_component_lines(&project, &["check"]), expected);
    let one_file = format!("./{POLICIES}");
    assert_eq!(
        missing_component_lines(&project, &["check", &one_file]),
        expected
    );
    // A permission set the `.forceignore` leaves out is not deployed: it does not count.
    project.write(
        "force-app/main/default/permissionsets/Portal_Users.permissionset-meta.xml",
        "<PermissionSet/>\n",
    );
    project.write(".forceignore", "**/Portal_Users.permissionset-meta.xml\n");
    assert_eq!(missing_component_lines(&project, &["check"]), expected);
    // The file added (and deployed): the note is gone.
    project.write(".forceignore", "");
    assert_eq!(
        missing_component_lines(&project, &["check"]),
        Vec::<String>::new()
    );
}
