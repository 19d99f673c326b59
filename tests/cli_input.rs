//! `eca-ls check` on hostile input, through the real binary: unreadable folders, pipes and
//! devices named as ECA files, huge files, file names with control characters, UTF-16. Each
//! test reproduces a finding of the reliability report (`../shared/reports`).

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{TempProject, eca_ls, stderr, stdout};

const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";

fn policies(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n{body}    <label>Portal</label>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    )
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(&stdout(output)).unwrap_or_else(|error| {
        panic!(
            "stdout is not one JSON document ({error}): {}\nstderr: {}",
            stdout(output),
            stderr(output)
        )
    })
}

/// A folder under `project` this process cannot list: one without permissions (root still
/// lists it), else a link to `/proc/1/fdinfo` (which even root cannot list in most systems).
#[cfg(unix)]
fn unreadable_folder(project: &TempProject) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let locked = project.path().join("locked");
    std::fs::create_dir_all(&locked).expect("create folder");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read_dir(&locked).is_err() {
        return locked;
    }
    let link = project.path().join("proc-link");
    std::os::unix::fs::symlink("/proc/1/fdinfo", &link).expect("symlink");
    if std::fs::read_dir(&link).is_err() {
        return link;
    }
    panic!("no folder here is unreadable, so the test cannot show anything");
}

#[cfg(unix)]
fn restore(folder: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755));
}

/// Report #6: one unreadable folder under the tree aborted `check` with empty stdout.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_below_is_passed_by_with_a_warning() {
    let project = TempProject::new("unreadable");
    project.write(
        POLICIES,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let folder = unreadable_folder(&project);
    for format in ["json", "sarif", "human"] {
        let output = eca_ls(project.path(), &["check", "--format", format, "."]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{format}: {}",
            stderr(&output)
        );
        if format != "human" {
            json(&output);
        }
        assert!(
            stdout(&output).contains("invalid-value"),
            "{format}: {}",
            stdout(&output)
        );
        let name = folder.file_name().expect("a name").to_string_lossy();
        assert!(
            stderr(&output).starts_with("eca-ls: warning: skipped ")
                && stderr(&output).contains(&*name)
                && stderr(&output).contains("cannot read folder"),
            "{}",
            stderr(&output)
        );
    }
    // Named on the command line, the unreadable folder is the error it was.
    let named = eca_ls(project.path(), &["check", &folder.to_string_lossy()]);
    assert_eq!(named.status.code(), Some(2), "{}", stdout(&named));
    assert!(
        stderr(&named).contains("cannot read folder"),
        "{}",
        stderr(&named)
    );
    restore(&folder);
}

/// Report #7: a FIFO named as an ECA file hung `check`, a link to `/dev/zero` read until the
/// memory ran out.
#[cfg(unix)]
#[test]
fn pipes_and_devices_named_as_eca_files_are_not_read() {
    let project = TempProject::new("special-files");
    for name in ["F.eca-meta.xml", "G.xml"] {
        let status = std::process::Command::new("mkfifo")
            .arg(project.path().join(name))
            .status()
            .expect("mkfifo");
        assert!(status.success());
    }
    std::os::unix::fs::symlink("/dev/zero", project.path().join("Z.eca-meta.xml"))
        .expect("symlink");
    for name in ["F.eca-meta.xml", "G.xml", "Z.eca-meta.xml"] {
        let output = eca_ls(project.path(), &["check", "--format", "json", name]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        assert_eq!(json(&output)["files"], 0, "{name}");
        assert!(
            stderr(&output).contains("not a regular file"),
            "{name}: {}",
            stderr(&output)
        );
    }
    // Walked, they are passed by silently, as before.
    let output = eca_ls(project.path(), &["check", "--format", "json", "."]);
    assert_eq!(json(&output)["files"], 0);
}

/// Report #7: a 2 GiB file is read only as far as the size limit, and still reported.
#[test]
fn an_oversized_file_is_read_only_to_the_limit() {
    let project = TempProject::new("oversized");
    let path = project.write(POLICIES, &policies(""));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    // Sparse: no disk space is used.
    file.set_len(2 << 30).expect("grow the file");
    drop(file);
    let read = eca_ls::workspace::read_text(&path).expect("read");
    // One byte past the limit (and room for a byte-order mark), not 2 GiB.
    let limit = eca_syntax::MAX_FILE_SIZE + 1;
    assert!(
        (limit..=limit + 3).contains(&read.text.len()),
        "{}",
        read.text.len()
    );
    let output = eca_ls(project.path(), &["check", "--format", "json", POLICIES]);
    let document = json(&output);
    let messages: Vec<&str> = document["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|diagnostic| diagnostic["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        ["the file is more than the 5 MiB that are checked: it is not parsed"]
    );
}

/// Report #17: control characters in file names reached the terminal raw.
#[cfg(unix)]
#[test]
fn file_names_are_escaped_in_human_output() {
    let project = TempProject::new("escape-names");
    let name = "force-app/ctrl\u{1}\u{1b}[31m\nnext.ecaOauthPlcy-meta.xml";
    project.write(
        name,
        &policies("    <guestJwtTimeout>45</guestJwtTimeout>\n"),
    );
    let output = eca_ls(project.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.starts_with("./force-app/ctrl\u{2401}\u{241b}[31m\u{240a}next.ecaOauthPlcy-meta.xml:4:22: error[invalid-value]"),
        "{text:?}"
    );
}

/// Report #20: a UTF-16 file with a byte-order mark gets one clear finding, not noise.
#[test]
fn a_utf16_file_gets_one_clear_finding() {
    let project = TempProject::new("utf16");
    let text = policies("");
    for (name, bytes) in [
        (
            "le",
            [0xFF_u8, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect::<Vec<u8>>(),
        ),
        (
            "be",
            [0xFE_u8, 0xFF]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
                .collect(),
        ),
    ] {
        let relative = format!("{name}/{POLICIES}");
        project.write_bytes(&relative, &bytes);
        let output = eca_ls(project.path(), &["check", "--format", "json", &relative]);
        let document = json(&output);
        let findings: Vec<(&str, &str)> = document["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|diagnostic| {
                (
                    diagnostic["code"].as_str().unwrap_or(""),
                    diagnostic["message"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(findings.len(), 1, "{name}: {findings:#?}");
        assert_eq!(findings[0].0, "xml-syntax");
        assert!(findings[0].1.contains("UTF-16"), "{findings:?}");
        assert!(!findings[0].1.contains('\u{0}'));
    }
}

/// Report #3: findings per file are capped (`--max-findings`, default 200), the last one
/// counting the rest; repeated copies of one field are one finding.
#[test]
fn findings_per_file_are_capped_and_copies_collapse() {
    let project = TempProject::new("capped");
    let unknown: String = (0..500)
        .map(|index| format!("    <unknownField{index}/>\n"))
        .collect();
    project.write(POLICIES, &policies(&unknown));
    let count = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push(POLICIES);
        let document = json(&eca_ls(project.path(), &all));
        let diagnostics = document["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let last = diagnostics
            .last()
            .and_then(|last| last["code"].as_str())
            .unwrap_or_default()
            .to_string();
        (diagnostics.len(), last)
    };
    assert_eq!(count(&[]), (201, "too-many-findings".to_string()));
    assert_eq!(
        count(&["--max-findings", "10"]),
        (11, "too-many-findings".to_string())
    );
    assert_eq!(count(&["--max-findings", "0"]).0, 500);
    project.write("sfdx-project.json", r#"{ "packageDirectories": [] }"#);
    project.write("eca-ls.toml", "max-findings = 20\n");
    assert_eq!(count(&[]).0, 21);
    assert_eq!(count(&["--max-findings", "0"]).0, 500, "the flag wins");

    let labels = "    <label>x</label>\n".repeat(20_000);
    project.write(POLICIES, &policies(&labels));
    let output = eca_ls(project.path(), &["check", "--format", "json", POLICIES]);
    let document = json(&output);
    let codes: Vec<&str> = document["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|diagnostic| diagnostic["code"].as_str())
        .collect();
    assert_eq!(codes, ["duplicate-element"]);
}
