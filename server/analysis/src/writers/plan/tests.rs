use std::fmt::Write;

use eca_syntax::TextRange;
use expect_test::{Expect, expect};

use super::*;
use crate::checks::registry::code_info;
use crate::checks::test_support::project;
use crate::model::diagnostic::Diagnostic;

const POLICIES: &str = "/p/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const TEXT: &str = "<a>\r\n  <b>one</b>\r\n  <c>twö</c>\r\n</a>\r\n";

/// Every operation, one per line, each edit with its range, new text and reason, then the
/// text each written file would have.
fn render(plan: &Plan) -> String {
    let mut out = String::new();
    for operation in plan.operations() {
        match operation {
            Operation::Create { path, reason, .. } => {
                let _ = writeln!(out, "create {path} ({reason})");
            }
            Operation::Replace { path, edits, .. } => {
                let _ = writeln!(out, "replace in {path}");
                for edit in edits {
                    let _ = writeln!(
                        out,
                        "  {}..{} {:?} ({})",
                        edit.range.start, edit.range.end, edit.new_text, edit.reason
                    );
                }
            }
            Operation::Rename { from, to, reason } => {
                let _ = writeln!(out, "rename {from} -> {to} ({reason})");
            }
        }
    }
    for operation in plan.operations() {
        if let Some(text) = operation.new_text() {
            let _ = writeln!(out, "--- {}\n{text:?}", operation.target());
        }
    }
    out
}

/// The range of the first `needle` in `text`.
fn range_of(text: &str, needle: &str) -> TextRange {
    let start = text.find(needle).expect("the needle is in the text");
    TextRange::new(start, start + needle.len())
}

fn check(plan: &Plan, expected: Expect) {
    expected.assert_eq(&render(plan));
}

fn first_fixed(project: &Project, code: &str) -> Diagnostic {
    crate::checks::project_diagnostics(project)
        .into_values()
        .flatten()
        .find(|diagnostic| diagnostic.code == code && !diagnostic.fixes.is_empty())
        .unwrap_or_else(|| panic!("no finding of {code} with a fix"))
}

#[test]
fn a_plan_lists_creations_edits_and_renames_in_order_with_their_reasons() {
    let mut plan = Plan::new();
    plan.replace(
        "/p/a.xml",
        TEXT,
        [
            (range_of(TEXT, "one"), "two".to_string()),
            (TextRange::new(3, 3), "\r\n  <z/>".to_string()),
        ],
        "rename one",
    )
    .expect("valid edits");
    plan.create("/p/new.xml", "<n/>\n", "the file the app lacks")
        .expect("a new path");
    plan.replace(
        "/p/a.xml",
        TEXT,
        [(range_of(TEXT, "twö"), "three".to_string())],
        "a second reason, same file",
    )
    .expect("edits that do not overlap the first ones");
    plan.rename("/p/a.xml", "/p/b.xml", "the name Setup gives it")
        .expect("free paths");
    check(
        &plan,
        expect![[r#"
            replace in /p/a.xml
              3..3 "\r\n  <z/>" (rename one)
              10..13 "two" (rename one)
              24..28 "three" (a second reason, same file)
            create /p/new.xml (the file the app lacks)
            rename /p/a.xml -> /p/b.xml (the name Setup gives it)
            --- /p/a.xml
            "<a>\r\n  <z/>\r\n  <b>two</b>\r\n  <c>three</c>\r\n</a>\r\n"
            --- /p/new.xml
            "<n/>\n"
        "#]],
    );
}

#[test]
fn insertions_at_one_place_keep_the_order_they_were_added_in() {
    let mut plan = Plan::new();
    plan.replace(
        "/p/a.xml",
        "<a></a>",
        [(TextRange::empty(3), "1".to_string())],
        "first",
    )
    .expect("valid");
    plan.replace(
        "/p/a.xml",
        "<a></a>",
        [
            (TextRange::empty(3), "2".to_string()),
            (TextRange::new(3, 3), "3".to_string()),
        ],
        "then",
    )
    .expect("insertions do not overlap");
    assert_eq!(
        plan.operations()[0].new_text().as_deref(),
        Some("<a>123</a>")
    );
}

#[test]
fn a_refused_addition_leaves_the_plan_as_it_was() {
    let mut plan = Plan::new();
    plan.replace(
        "/p/a.xml",
        TEXT,
        [(TextRange::new(8, 11), "x".to_string())],
        "ok",
    )
    .expect("valid");
    let before = plan.clone();
    let refusals = [
        plan.replace(
            "/p/a.xml",
            TEXT,
            [
                (TextRange::new(0, 1), "fine".to_string()),
                (TextRange::new(10, 12), "overlaps".to_string()),
            ],
            "overlap",
        ),
        plan.replace(
            "/p/a.xml",
            "other text",
            [(TextRange::empty(0), "x".to_string())],
            "stale",
        ),
        // `ö` is two bytes: 27 is inside it.
        plan.replace(
            "/p/a.xml",
            TEXT,
            [(TextRange::new(26, 27), "o".to_string())],
            "mid-char",
        ),
        plan.replace(
            "/p/a.xml",
            TEXT,
            [(TextRange::new(40, 99), "o".to_string())],
            "past the end",
        ),
        plan.create("/p/a.xml", "", "a path the plan edits"),
        plan.rename("/p/z.xml", "/p/a.xml", "onto a path the plan edits"),
    ];
    let rendered: Vec<String> = refusals
        .into_iter()
        .map(|result| result.expect_err("refused").to_string())
        .collect();
    expect![[r#"
        edits of /p/a.xml overlap (bytes 8..11 and 10..12)
        edits of /p/a.xml were computed on different versions of its text
        an edit of /p/a.xml at bytes 26..27 is outside its text or inside a character
        an edit of /p/a.xml at bytes 40..99 is outside its text or inside a character
        /p/a.xml is already created, renamed or renamed to by this plan
        /p/a.xml is already created, renamed or renamed to by this plan"#]]
    .assert_eq(&rendered.join("\n"));
    assert_eq!(plan, before);

    plan.create("/p/new.xml", "", "new").expect("free");
    plan.rename("/p/a.xml", "/p/b.xml", "move").expect("free");
    let before = plan.clone();
    assert!(plan.create("/p/new.xml", "", "twice").is_err());
    assert!(
        plan.rename("/p/new.xml", "/p/c.xml", "a file the plan creates")
            .is_err()
    );
    assert!(
        plan.rename("/p/c.xml", "/p/b.xml", "onto a renamed-to path")
            .is_err()
    );
    assert!(
        plan.replace(
            "/p/a.xml",
            TEXT,
            [(TextRange::empty(0), "x".to_string())],
            "renamed away"
        )
        .is_err()
    );
    assert_eq!(plan, before);
}

#[test]
fn a_fixs_edits_go_in_all_or_none() {
    let info = code_info("invalid-value").expect("a documented code");
    let project = project(info.example);
    let diagnostic = first_fixed(&project, "invalid-value");
    let fix = &diagnostic.fixes[0];
    let mut plan = Plan::new();
    plan.add_file_edits(&project, &fix.edits, &fix.title)
        .expect("a fix's own edits fit");
    assert_eq!(plan.operations().len(), 1);
    let after = plan.applied_to(&project);
    let still: Vec<Diagnostic> = crate::checks::project_diagnostics(&after)
        .into_values()
        .flatten()
        .filter(|finding| finding.code == "invalid-value")
        .collect();
    assert!(still.is_empty(), "the fix did not fix: {still:?}");

    // The same edits again overlap themselves, and nothing goes in.
    let before = plan.clone();
    assert!(matches!(
        plan.add_file_edits(&project, &fix.edits, "again"),
        Err(PlanError::Overlap { .. })
    ));
    assert_eq!(plan, before);
    // With an edit in a file the project lacks, the fix's valid edits stay out too.
    let mut elsewhere = fix.edits.clone();
    elsewhere.push(FileEdit {
        path: "/p/missing.xml".to_string(),
        range: TextRange::empty(0),
        new_text: "x".to_string(),
    });
    let mut fresh = Plan::new();
    assert_eq!(
        fresh.add_file_edits(&project, &elsewhere, "missing"),
        Err(PlanError::UnknownFile {
            path: "/p/missing.xml".to_string()
        })
    );
    assert!(fresh.is_empty());
}

#[test]
fn a_plan_applied_to_a_project_creates_edits_and_moves_its_files() {
    let project = project(&format!(
        "//- {POLICIES}\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    ));
    let original = project.file(POLICIES).expect("the file").text.clone();
    let label = original.find("Portal</label>").expect("the label");
    let mut plan = Plan::new();
    plan.replace(
        POLICIES,
        &original,
        [(
            TextRange::new(label, label + "Portal".len()),
            "Web".to_string(),
        )],
        "relabel",
    )
    .expect("valid");
    let renamed = "/p/extlClntAppOauthPolicies/Web_oauthPlcy.ecaOauthPlcy-meta.xml";
    plan.rename(POLICIES, renamed, "follow the label")
        .expect("free");
    plan.create("/p/notes.txt", "hello\n", "notes")
        .expect("free");
    let after = plan.applied_to(&project);
    assert!(after.file(POLICIES).is_none());
    assert!(
        after
            .file(renamed)
            .expect("moved")
            .text
            .contains("<label>Web</label>")
    );
    assert_eq!(after.file("/p/notes.txt").expect("created").text, "hello\n");
    assert_eq!(
        project.file(POLICIES).expect("untouched").text,
        original,
        "the project itself is not changed"
    );
}
