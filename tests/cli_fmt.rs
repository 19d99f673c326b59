//! `eca-ls fmt` through the real binary: writing in place, `--check`, `--diff`, `--dry-run`,
//! the exit statuses, files it refuses (syntax errors, not UTF-8) left untouched while the
//! others are formatted, `.editorconfig`, the Prettier style and the `--style` flag.

mod support;

use support::{TempProject, eca_ls, stderr, stdout};

const SFDX_PROJECT: &str =
    r#"{ "packageDirectories": [{ "path": "force-app", "default": true }] }"#;
const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";

const UNFORMATTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r
  <label>Portal policies</label>\r
  <externalClientApplication>Portal</externalClientApplication>\r
</ExtlClntAppOauthConfigurablePolicies>\r
";

const FORMATTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r
    <externalClientApplication>Portal</externalClientApplication>\r
    <label>Portal policies</label>\r
</ExtlClntAppOauthConfigurablePolicies>\r
";

const HEADER_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <distributionState>Local</distributionState>
    <label>Portal</label>
</ExternalClientApplication>
";

fn project(name: &str) -> TempProject {
    let project = TempProject::new(name);
    // No configuration from the folders above the temporary one.
    project.write(".editorconfig", "root = true\n");
    project.write(".prettierrc", "{}");
    project.write("sfdx-project.json", SFDX_PROJECT);
    project.write(POLICIES, UNFORMATTED);
    project.write(HEADER, HEADER_TEXT);
    project
}

fn read(project: &TempProject, relative: &str) -> String {
    std::fs::read_to_string(project.path().join(relative)).expect("readable")
}

#[test]
fn formats_in_place_keeping_crlf_then_has_nothing_left_to_do() {
    let project = project("fmt-write");
    let output = eca_ls(project.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(read(&project, POLICIES), FORMATTED);
    assert_eq!(read(&project, HEADER), HEADER_TEXT);
    assert!(
        stdout(&output).contains("formatting sorts fields into canonical (WSDL) order"),
        "{}",
        stdout(&output)
    );
    let again = eca_ls(project.path(), &["fmt", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
    assert_eq!(stdout(&again), "");
}

#[test]
fn check_lists_what_would_change_writes_nothing_and_exits_1() {
    let project = project("fmt-check");
    let output = eca_ls(project.path(), &["fmt", "--check", "force-app"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "would reformat force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n"
        )
    );
    assert_eq!(read(&project, POLICIES), UNFORMATTED);
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let project = project("fmt-diff");
    let output = eca_ls(project.path(), &["fmt", "--diff"]);
    assert_eq!(output.status.code(), Some(0));
    let diff = stdout(&output);
    assert!(diff.contains("-  <label>Portal policies</label>"), "{diff}");
    assert!(
        diff.contains("+    <label>Portal policies</label>"),
        "{diff}"
    );
    assert_eq!(read(&project, POLICIES), UNFORMATTED);
    // Under --check, the diff and status 1.
    let checked = eca_ls(project.path(), &["fmt", "--check", "--diff"]);
    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(stdout(&checked), diff);
}

#[test]
fn a_file_with_syntax_errors_is_skipped_with_status_2_and_the_others_are_formatted() {
    let project = project("fmt-broken");
    let broken = HEADER_TEXT.replace("</label>", "</labl>");
    project.write(HEADER, &broken);
    let output = eca_ls(project.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "eca-ls: ./force-app/main/default/externalClientApps/Portal.eca-meta.xml: not formatted: the file has a syntax error (line 4: `</labl>` does not match the open element `<label>`); fix the XML first\n"
    );
    assert_eq!(read(&project, HEADER), broken);
    assert_eq!(read(&project, POLICIES), FORMATTED);
}

#[test]
fn a_file_that_is_not_utf8_is_refused_and_left_alone() {
    let project = project("fmt-latin1");
    let mut bytes = HEADER_TEXT
        .replace("Portal</label>", "Portal \u{e9}</label>")
        .into_bytes();
    // é in Latin-1: one byte that is not UTF-8.
    let position = bytes.iter().position(|byte| *byte == 0xc3).expect("é");
    bytes.splice(position..position + 2, [0xe9]);
    project.write_bytes(HEADER, &bytes);
    let output = eca_ls(project.path(), &["fmt", "--check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not formatted: the file is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(project.path().join(HEADER)).expect("bytes"),
        bytes
    );
}

#[test]
fn bad_usage_and_missing_paths_exit_2() {
    let project = project("fmt-usage");
    assert_eq!(
        eca_ls(project.path(), &["fmt", "missing-folder"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        eca_ls(project.path(), &["fmt", "--style", "ugly"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_path_that_holds_no_eca_file_is_not_an_error() {
    let project = project("fmt-nothing");
    project.write("README.md", "notes\n");
    let output = eca_ls(project.path(), &["fmt", "--check", "README.md"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("README.md"), "{}", stderr(&output));
}

#[test]
fn editorconfig_sets_the_indentation() {
    let project = project("fmt-editorconfig");
    project.write(
        ".editorconfig",
        "root = true\n\n[*-meta.xml]\nindent_style = tab\n",
    );
    let output = eca_ls(project.path(), &["fmt", POLICIES]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(read(&project, POLICIES), FORMATTED.replace("    ", "\t"));
}

#[test]
fn a_root_key_inside_a_section_does_not_stop_the_search_upwards() {
    let project = project("fmt-editorconfig-root");
    project.write(
        ".editorconfig",
        "root = true\n\n[*-meta.xml]\nindent_style = tab\n",
    );
    // `root` counts in the preamble only: inside a section it is an unknown property, and the
    // `.editorconfig` above still applies.
    project.write("force-app/.editorconfig", "[*.md]\nroot = true\n");
    let output = eca_ls(project.path(), &["fmt", POLICIES]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(read(&project, POLICIES), FORMATTED.replace("    ", "\t"));
}

#[test]
fn the_sf_project_prettierrc_brings_prettiers_style_and_style_salesforce_undoes_it() {
    let project = project("fmt-prettier");
    // As `sf project generate` writes it.
    project.write(
        ".prettierrc",
        r#"{
  "trailingComma": "none",
  "plugins": [
    "prettier-plugin-apex",
    "@prettier/plugin-xml"
  ],
  "overrides": [
    {
      "files": "**/lwc/**/*.html",
      "options": { "parser": "lwc" }
    },
    {
      "files": "*.{cmp,page,component}",
      "options": { "parser": "html" }
    }
  ]
}
"#,
    );
    let output = eca_ls(project.path(), &["fmt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        read(&project, POLICIES),
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>
<ExtlClntAppOauthConfigurablePolicies
  xmlns=\"http://soap.sforce.com/2006/04/metadata\"
>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal policies</label>
</ExtlClntAppOauthConfigurablePolicies>
"
    );
    let output = eca_ls(project.path(), &["fmt", "--style", "salesforce"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Prettier's endOfLine is lf: the CRLF went with the first run.
    assert_eq!(read(&project, POLICIES), FORMATTED.replace('\r', ""));
    // eca-ls.toml can say the same for everyone.
    project.write("eca-ls.toml", "[format]\nstyle = \"salesforce\"\n");
    assert_eq!(
        eca_ls(project.path(), &["fmt", "--check"]).status.code(),
        Some(0)
    );
}
