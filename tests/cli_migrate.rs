//! `eca-ls migrate` through the real binary: every real Connected App of
//! `tests/connected-app-corpus` migrated into a throwaway project, each written value found in
//! the file it was written to, each setting of the Connected App reported, the result checked
//! clean by `eca-ls check`, its flows those of the Connected App by `eca-ls flows`, the
//! Connected App file untouched; and bad input refused with exit status 2, nothing written.

mod support;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use eca_syntax::{ElementId, parse};
use expect_test::expect_file;
use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/connected-app-corpus")
}

/// MANIFEST rows: (file under `repos/`, path in its repository, expect).
fn manifest() -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(corpus_dir().join("MANIFEST.tsv")).expect("the corpus manifest");
    let rows: Vec<(String, String, String)> = text
        .lines()
        .skip(1)
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            (
                columns[0].to_string(),
                columns[2].to_string(),
                columns[4].to_string(),
            )
        })
        .collect();
    assert!(
        rows.len() >= 30,
        "the corpus is cut short: {} rows",
        rows.len()
    );
    rows
}

fn files_under(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a corpus folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn corpus_files_match_the_manifest_and_hold_no_secret() {
    let repos = corpus_dir().join("repos");
    let mut files = Vec::new();
    files_under(&repos, &mut files);
    let on_disk: BTreeSet<String> = files
        .iter()
        .map(|path| {
            path.strip_prefix(&repos)
                .expect("under repos")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    let listed: BTreeSet<String> = manifest().into_iter().map(|(file, _, _)| file).collect();
    assert_eq!(
        on_disk, listed,
        "every corpus file, and only those, in MANIFEST.tsv"
    );
    for path in &files {
        let text = std::fs::read_to_string(path).expect("a corpus file");
        assert!(
            !text.contains("<consumerSecret>") && !text.contains("PRIVATE KEY"),
            "{}: holds a secret",
            path.display()
        );
    }
}

/// Every element path of a Connected App file (`oauthConfig/scopes`), as the report names
/// settings: a repeated nested field (`attributes`) by its own name.
fn setting_paths(text: &str) -> BTreeSet<String> {
    let parsed = parse(text);
    let document = &parsed.document;
    let mut paths = BTreeSet::new();
    let Some(root) = document.root() else {
        return paths;
    };
    fn walk(
        document: &eca_syntax::Document,
        id: ElementId,
        prefix: &str,
        paths: &mut BTreeSet<String>,
    ) {
        for child in document.child_elements(id) {
            let element = document.element(child);
            let path = format!("{prefix}{}", element.local_name());
            let container = matches!(
                element.local_name(),
                "oauthConfig"
                    | "oauthPolicy"
                    | "samlConfig"
                    | "canvasConfig"
                    | "sessionPolicy"
                    | "idTokenConfig"
                    | "assetTokenConfig"
            );
            if container {
                walk(document, child, &format!("{path}/"), paths);
            } else if element.attribute("xsi:nil").is_none() {
                paths.insert(path);
            }
        }
    }
    walk(document, root, "", &mut paths);
    paths
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Migrate one corpus file alone in a throwaway project and hold the result to everything the
/// issue asks; returns the compact report for the snapshot.
fn migrate_corpus_file(file: &str, path_in_repository: &str) -> String {
    let source =
        std::fs::read_to_string(corpus_dir().join("repos").join(file)).expect("a corpus file");
    let project = TempProject::new("migrate-corpus");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
    );
    project.write(path_in_repository, &source);
    let output = eca_ls(
        project.path(),
        &["migrate", path_in_repository, "--format", "json"],
    );
    let report: Value = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|error| panic!("{file}: {error}\n{}", stderr(&output)));
    let migration = &report["migrations"][0];
    let loses = migration["losesFlowSetting"]
        .as_bool()
        .expect("losesFlowSetting");
    assert_eq!(
        output.status.code(),
        Some(if loses { 1 } else { 0 }),
        "{file}: exit status\n{}",
        stderr(&output)
    );
    assert_eq!(migration["written"], true, "{file}: written");

    // The Connected App file is untouched.
    let after = std::fs::read_to_string(project.path().join(path_in_repository))
        .expect("the Connected App file");
    assert_eq!(after, source, "{file}: the Connected App changed");

    // Every value the report says was written is in its file.
    let settings = migration["settings"].as_array().expect("settings");
    for setting in settings {
        for written in setting["written"].as_array().expect("written") {
            let path = written["path"].as_str().expect("path");
            let text = std::fs::read_to_string(project.path().join(path))
                .unwrap_or_else(|error| panic!("{file}: {path}: {error}"));
            let field = written["field"].as_str().expect("field");
            let value = written["value"].as_str().expect("value");
            let simple = format!("<{field}>{}</{field}>", xml_escaped(value));
            let nested = value.split(' ').all(|pair| {
                pair.split_once('=').is_some_and(|(child, child_value)| {
                    text.contains(&format!("<{child}>{}</{child}>", xml_escaped(child_value)))
                })
            });
            assert!(
                text.contains(&simple) || (text.contains(&format!("<{field}>")) && nested),
                "{file}: {path} lacks {field} = {value}\n{text}"
            );
        }
    }
    // Every setting of the Connected App is reported; no secret value is shown.
    let reported: BTreeSet<String> = settings
        .iter()
        .map(|setting| setting["setting"].as_str().expect("setting").to_string())
        .collect();
    for path in setting_paths(&source) {
        assert!(reported.contains(&path), "{file}: {path} is not reported");
    }
    for setting in settings {
        if setting["setting"].as_str() == Some("oauthConfig/consumerSecret") {
            assert!(setting["value"].is_null(), "{file}: a secret shown");
        }
    }
    // The result checks without errors, and switches on the Connected App's flows.
    let check = eca_ls(project.path(), &["check", "."]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{file}: the migrated files do not check clean\n{}",
        stdout(&check)
    );
    let flows = eca_ls(project.path(), &["flows", ".", "--format", "json"]);
    let flows: Value = serde_json::from_str(&stdout(&flows)).expect("flows JSON");
    let app = migration["app"].as_str().expect("app");
    let app_flows: Vec<&str> = flows["apps"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|entry| entry["app"] == app)
        .map(|entry| {
            entry["flows"]
                .as_array()
                .expect("flows")
                .iter()
                .map(|flow| flow["id"].as_str().expect("flow id"))
                .collect()
        })
        .unwrap_or_default();
    let before: Vec<&str> = migration["flows"]
        .as_array()
        .expect("flows")
        .iter()
        .map(|flow| flow.as_str().expect("flow id"))
        .collect();
    let mut after_sorted = app_flows;
    after_sorted.sort_unstable();
    let mut before_sorted = before.clone();
    before_sorted.sort_unstable();
    assert_eq!(after_sorted, before_sorted, "{file}: flows");

    // Long values (certificates) cut, so that the snapshot stays readable.
    let short = |value: &str| -> String {
        if value.chars().count() > 60 {
            format!("{}…", value.chars().take(60).collect::<String>())
        } else {
            value.to_string()
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "== {file}  flows: {}", before.join(", "));
    for setting in settings {
        let value = short(setting["value"].as_str().unwrap_or("(secret)"));
        let _ = write!(
            out,
            "  {} {} = {value}",
            setting["outcome"].as_str().unwrap_or_default(),
            setting["setting"].as_str().unwrap_or_default()
        );
        for written in setting["written"].as_array().into_iter().flatten() {
            let _ = write!(
                out,
                " → {}.{} = {}",
                written["type"].as_str().unwrap_or_default(),
                written["field"].as_str().unwrap_or_default(),
                short(written["value"].as_str().unwrap_or_default())
            );
        }
        out.push('\n');
    }
    out
}

#[test]
fn every_real_connected_app_migrates_clean_with_its_flows() {
    let mut snapshot = String::new();
    let mut migrated = 0;
    for (file, path_in_repository, expect) in manifest() {
        if expect != "no-errors" {
            continue;
        }
        snapshot.push_str(&migrate_corpus_file(&file, &path_in_repository));
        migrated += 1;
    }
    assert!(migrated >= 30, "only {migrated} Connected Apps migrated");
    expect_file!["snapshots/migrate_corpus.txt"].assert_eq(&snapshot);
}

#[test]
fn a_connected_app_with_errors_is_refused_and_nothing_is_written() {
    let (file, path_in_repository, _) = manifest()
        .into_iter()
        .find(|(_, _, expect)| expect == "errors")
        .expect("a corpus file with errors");
    let project = TempProject::new("migrate-errors");
    let source = std::fs::read_to_string(corpus_dir().join("repos").join(&file)).expect("the file");
    project.write(&path_in_repository, &source);
    let output = eca_ls(project.path(), &["migrate", &path_in_repository]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("isConsumerKeyOptional"), "{message}");
    assert!(message.contains("nothing was written"), "{message}");
    let mut files = Vec::new();
    files_under(project.path(), &mut files);
    assert_eq!(files.len(), 1, "only the Connected App: {files:?}");
}

const CA_PATH: &str = "force-app/main/default/connectedApps/Portal.connectedApp-meta.xml";

fn connected_app(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <contactEmail>dev@example.com</contactEmail>\n    <label>Portal</label>\n{body}</ConnectedApp>\n"
    )
}

fn oauth_app() -> String {
    connected_app(
        "    <oauthConfig>\n        <callbackUrl>https://app.example.com/cb</callbackUrl>\n        <scopes>Api</scopes>\n    </oauthConfig>\n",
    )
}

fn written_files(project: &TempProject) -> Vec<String> {
    let mut files = Vec::new();
    files_under(project.path(), &mut files);
    let mut names: Vec<String> = files
        .iter()
        .map(|path| {
            path.strip_prefix(project.path())
                .expect("under the project")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    names.sort();
    names
}

#[test]
fn dry_run_shows_the_files_and_writes_nothing() {
    let project = TempProject::new("migrate-dry-run");
    project.write(CA_PATH, &oauth_app());
    let output = eca_ls(project.path(), &["migrate", ".", "--dry-run"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(shown.contains("dry run: nothing was written"), "{shown}");
    assert!(
        shown.contains("<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>"),
        "{shown}"
    );
    assert_eq!(written_files(&project), vec![CA_PATH.to_string()]);
    let diff = eca_ls(project.path(), &["migrate", ".", "--diff"]);
    assert_eq!(diff.status.code(), Some(0), "{}", stderr(&diff));
    let shown = stdout(&diff);
    assert!(
        shown.contains(
            "+<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
        ),
        "{shown}"
    );
    assert_eq!(written_files(&project), vec![CA_PATH.to_string()]);
}

#[test]
fn an_existing_app_of_that_name_is_refused_until_another_name_is_given() {
    let project = TempProject::new("migrate-exists");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
    );
    project.write(CA_PATH, &oauth_app());
    project.write(
        "force-app/main/default/externalClientApps/Portal.eca-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
    );
    let refused = eca_ls(project.path(), &["migrate", CA_PATH]);
    assert_eq!(refused.status.code(), Some(2));
    let message = stderr(&refused);
    assert!(
        message.contains("already has an External Client App `Portal`")
            && message.contains("Portal.eca-meta.xml")
            && message.contains("--name"),
        "{message}"
    );
    assert_eq!(written_files(&project).len(), 3);
    let renamed = eca_ls(project.path(), &["migrate", CA_PATH, "--name", "Portal_v2"]);
    assert_eq!(renamed.status.code(), Some(0), "{}", stderr(&renamed));
    let files = written_files(&project);
    assert!(
        files.contains(
            &"force-app/main/default/extlClntAppGlobalOauthSets/Portal_v2_glbloauth.ecaGlblOauth-meta.xml"
                .to_string()
        ),
        "{files:?}"
    );
    let check = eca_ls(project.path(), &["check", "."]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn a_named_connected_app_refused_for_its_content_is_not_called_something_else() {
    // Each refusal of a Connected App named on the command line, by a path other than the one
    // relative to its project (here absolute), says only why it was refused: not also that the
    // file is no Connected App, and not that `--name` met several apps.
    let project = TempProject::new("migrate-named-refusals");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app" }] }"#,
    );
    let portal = project.write(CA_PATH, &oauth_app());
    project.write(
        "force-app/main/default/externalClientApps/Portal.eca-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
    );
    let broken = project.write(
        "force-app/main/default/connectedApps/Broken.connectedApp-meta.xml",
        &connected_app(
            "    <oauthConfig>\n        <scopes>NoSuchScope</scopes>\n    </oauthConfig>\n",
        ),
    );
    let portal = portal.to_string_lossy().to_string();
    let broken = broken.to_string_lossy().to_string();
    let before = written_files(&project);
    for (args, reason) in [
        (
            vec!["migrate", portal.as_str()],
            "already has an External Client App `Portal`",
        ),
        (
            vec!["migrate", portal.as_str(), "--name", "Portal v2"],
            "can't be the name of an External Client App",
        ),
        (vec!["migrate", broken.as_str()], "error(s); fix them first"),
    ] {
        let output = eca_ls(project.path(), &args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(message.contains(reason), "{args:?}: {message}");
        assert!(
            !message.contains("not a Connected App"),
            "{args:?}: {message}"
        );
        assert!(!message.contains("one at a time"), "{args:?}: {message}");
        assert_eq!(written_files(&project), before, "{args:?}");
    }
}

#[test]
fn the_report_says_when_a_new_file_is_newer_than_the_project_s_api_version() {
    // A real canvas app migrated into a project at API 65.0: its canvas settings exist from
    // 66.0, so a deploy at 65.0 rejects them. The report says so; at 66.0 it does not.
    let source = std::fs::read_to_string(corpus_dir().join(
        "repos/hrendoh__salseforce-canvas-php/forcecom/force-app/main/default/connectedApps/Canvas_App.connectedApp-meta.xml",
    ))
    .expect("the corpus canvas app");
    for (version, told) in [("65.0", true), ("66.0", false)] {
        let project = TempProject::new("migrate-api-version");
        project.write(
            "sfdx-project.json",
            &format!(
                r#"{{ "packageDirectories": [{{ "path": "force-app" }}], "sourceApiVersion": "{version}" }}"#
            ),
        );
        project.write(
            "force-app/main/default/connectedApps/Canvas_App.connectedApp-meta.xml",
            &source,
        );
        let output = eca_ls(project.path(), &["migrate", ".", "--dry-run"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let report = stdout(&output);
        let note = report
            .lines()
            .find(|line| line.contains("newer than the project's API version"));
        assert_eq!(note.is_some(), told, "API {version}: {report}");
        if let Some(note) = note {
            assert!(
                note.contains("Canvas_App.ecaCanvas-meta.xml: `ExtlClntAppCanvasSettings` files exist from API 66.0")
                    && note.contains("Canvas_App_plcy.ecaPlcy-meta.xml: `isCanvasPluginEnabled`"),
                "{note}"
            );
        }
        let json = eca_ls(
            project.path(),
            &["migrate", ".", "--dry-run", "--format", "json"],
        );
        let document: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
        let ids: Vec<&str> = document["migrations"][0]["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .filter_map(|note| note["id"].as_str())
            .collect();
        assert_eq!(ids.contains(&"api-version"), told, "API {version}: {ids:?}");
    }
}

#[test]
fn a_connected_app_named_twice_is_migrated_once() {
    // The same file by its relative and its absolute path, and by its folder: one app, its
    // files written once.
    let project = TempProject::new("migrate-named-twice");
    let absolute = project.write(CA_PATH, &oauth_app());
    let absolute = absolute.to_string_lossy().to_string();
    let dry_run = eca_ls(
        project.path(),
        &["migrate", CA_PATH, &absolute, ".", "--dry-run"],
    );
    assert_eq!(dry_run.status.code(), Some(0), "{}", stderr(&dry_run));
    let report = stdout(&dry_run);
    assert_eq!(
        report.matches("→ External Client App Portal").count(),
        1,
        "{report}"
    );
    let output = eca_ls(project.path(), &["migrate", CA_PATH, &absolute]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        written_files(&project).len(),
        6,
        "{:?}",
        written_files(&project)
    );
    let check = eca_ls(project.path(), &["check", "."]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn a_file_that_is_not_a_connected_app_or_a_folder_without_one_is_refused() {
    let project = TempProject::new("migrate-not-ca");
    let header = project.write(
        "force-app/main/default/externalClientApps/Portal.eca-meta.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n",
    );
    let output = eca_ls(project.path(), &["migrate", &header.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not a Connected App (it holds `ExternalClientApplication`)"),
        "{}",
        stderr(&output)
    );
    let output = eca_ls(
        project.path(),
        &["migrate", "missing.connectedApp-meta.xml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.connectedApp-meta.xml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unwritable_folder_leaves_nothing_half_written() {
    let project = TempProject::new("migrate-unwritable");
    project.write(CA_PATH, &oauth_app());
    // A file where a folder should be: creating the type folders under it fails whoever runs
    // the test (root ignores permission bits, not this).
    project.write("out", "not a folder");
    let output = eca_ls(project.path(), &["migrate", CA_PATH, "--dir", "out/sub"]);
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("nothing was changed"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        written_files(&project),
        vec![CA_PATH.to_string(), "out".to_string()]
    );
}

#[test]
fn dir_and_the_metadata_api_format_are_kept() {
    let project = TempProject::new("migrate-mdapi");
    project.write("src/connectedApps/Portal.connectedApp", &oauth_app());
    let output = eca_ls(project.path(), &["migrate", "src", "--dir", "converted"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let files = written_files(&project);
    assert!(
        files.contains(
            &"converted/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth".to_string()
        ) && files.contains(&"converted/externalClientApps/Portal.eca".to_string()),
        "{files:?}"
    );
    // A Metadata API deploy takes what the manifest lists: `--dir` had none, so it gets one.
    let manifest =
        std::fs::read_to_string(project.path().join("converted/package.xml")).expect("a manifest");
    assert!(
        manifest.contains("<members>Portal_glbloauth</members>\n        <name>ExtlClntAppGlobalOauthSettings</name>"),
        "{manifest}"
    );
    let check = eca_ls(project.path(), &["check", "converted"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

/// In a Metadata API project, the migrated app joins the project's own manifest next to the
/// Connected App it comes from; the manifest's other lines stay as they were.
#[test]
fn a_metadata_api_project_s_manifest_gets_the_new_components() {
    let project = TempProject::new("migrate-mdapi-manifest");
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <types>\n    <members>Portal</members>\n    <name>ConnectedApp</name>\n  </types>\n  <version>64.0</version>\n</Package>\n";
    project.write("src/package.xml", manifest);
    project.write("src/connectedApps/Portal.connectedApp", &oauth_app());
    let preview = eca_ls(project.path(), &["migrate", "src", "--diff"]);
    assert_eq!(preview.status.code(), Some(0), "{}", stderr(&preview));
    assert!(
        stdout(&preview).contains("+  <types>\n+    <members>Portal</members>\n+    <name>ExternalClientApplication</name>"),
        "{}",
        stdout(&preview)
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join("src/package.xml")).expect("read"),
        manifest,
        "--diff wrote the manifest"
    );
    let dry_run = eca_ls(project.path(), &["migrate", "src", "--dry-run"]);
    assert!(
        stdout(&dry_run).contains("package manifest src/package.xml: would edit (the package manifest lists what a deploy takes: ExternalClientApplication Portal, "),
        "{}",
        stdout(&dry_run)
    );
    let output = eca_ls(project.path(), &["migrate", "src"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let after = std::fs::read_to_string(project.path().join("src/package.xml")).expect("read");
    assert!(
        after.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <types>\n    <members>Portal</members>\n    <name>ConnectedApp</name>\n  </types>\n  <types>\n    <members>Portal</members>\n    <name>ExternalClientApplication</name>\n  </types>\n")
            && after.ends_with("  <version>64.0</version>\n</Package>\n"),
        "{after}"
    );
    let check = eca_ls(project.path(), &["check", "src"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn losing_a_setting_that_changes_a_flow_exits_with_1() {
    let project = TempProject::new("migrate-loses");
    project.write(
        CA_PATH,
        &connected_app(
            "    <oauthConfig>\n        <callbackUrl>https://app.example.com/cb</callbackUrl>\n        <scopes>Api</scopes>\n        <scopes>SFAP</scopes>\n    </oauthConfig>\n",
        ),
    );
    let output = eca_ls(project.path(), &["migrate", CA_PATH]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let shown = stdout(&output);
    assert!(
        shown.contains("not carried over, and it changes what a flow does: oauthConfig/scopes"),
        "{shown}"
    );
}

#[test]
fn name_with_several_connected_apps_is_refused() {
    let project = TempProject::new("migrate-several");
    project.write(CA_PATH, &oauth_app());
    project.write(
        "force-app/main/default/connectedApps/Wiki.connectedApp-meta.xml",
        &oauth_app(),
    );
    let output = eca_ls(project.path(), &["migrate", ".", "--name", "One"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("one at a time"),
        "{}",
        stderr(&output)
    );
    assert_eq!(written_files(&project).len(), 2);
}

#[test]
fn docs_migration_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/migration.md");
    let output = eca_ls(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["migrate", "--mapping"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let generated = stdout(&output);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if generated == committed {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &generated).expect("write docs/migration.md");
        return;
    }
    let first_difference = generated
        .lines()
        .zip(committed.lines())
        .position(|(new, old)| new != old)
        .map_or_else(
            || "one is a prefix of the other".to_string(),
            |index| format!("first difference at line {}", index + 1),
        );
    panic!(
        "docs/migration.md is stale ({first_difference}): regenerate it with\n\n    cargo run -- migrate --mapping > docs/migration.md\n\nor `UPDATE_EXPECT=1 cargo test --test cli_migrate`, and read the diff"
    );
}

/// The example of docs/migration.md and the README is migrated by the binary as the page says.
#[test]
fn the_bundled_example_migrates_clean() {
    let project = TempProject::new("migrate-example");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/connected-app");
    for relative in [
        "sfdx-project.json",
        "force-app/main/default/connectedApps/Partner_Portal.connectedApp-meta.xml",
    ] {
        let text = std::fs::read_to_string(root.join(relative)).expect("the example");
        project.write(relative, &text);
    }
    let output = eca_ls(project.path(), &["migrate", "."]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let check = eca_ls(project.path(), &["check", "."]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert_eq!(written_files(&project).len(), 7);
}

/// A Connected App saved with CRLF line endings (a Windows checkout) gets External Client App
/// files with CRLF line endings too, and they check clean.
#[test]
fn migrated_files_end_their_lines_as_the_connected_app_does() {
    let project = TempProject::new("migrate-crlf");
    project.write(CA_PATH, &oauth_app().replace('\n', "\r\n"));
    let output = eca_ls(project.path(), &["migrate", CA_PATH]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let header = std::fs::read_to_string(
        project
            .path()
            .join("force-app/main/default/externalClientApps/Portal.eca-meta.xml"),
    )
    .expect("the header");
    assert!(
        header.contains("\r\n") && !header.replace("\r\n", "").contains('\n'),
        "{header:?}"
    );
    let check = eca_ls(project.path(), &["check", "."]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

/// In a folder of Metadata API files without a manifest, a manifest listing only the new
/// components would leave the others out of a deploy: none is created, and a note says which
/// entries to add to the manifest the team deploys with.
#[test]
fn no_partial_manifest_is_created_next_to_other_metadata() {
    let project = TempProject::new("migrate-mdapi-no-manifest");
    project.write("src/connectedApps/Portal.connectedApp", &oauth_app());
    let output = eca_ls(project.path(), &["migrate", "src"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: src/package.xml was not created: its folder holds other metadata too (`connectedApps`)")
            && stderr(&output).contains("ExternalClientApplication Portal"),
        "{}",
        stderr(&output)
    );
    assert!(!project.path().join("src/package.xml").exists());
    assert!(
        project
            .path()
            .join("src/externalClientApps/Portal.eca")
            .is_file()
    );
}
