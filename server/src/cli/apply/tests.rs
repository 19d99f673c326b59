use std::fs;
use std::io;

use eca_analysis::writers::Plan;
use eca_syntax::TextRange;

use super::{Applied, Step, apply, apply_with};
use crate::scratch::Scratch;

const BOM: &[u8] = b"\xEF\xBB\xBF";
const POLICIES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ExtlClntAppOauthConfigurablePolicies>\r\n    <label>Portal</label>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n";

/// A plan of every kind: create a file in a new folder, edit a file with a BOM and CRLF line
/// endings, rename another file into a new folder.
fn plan_of_every_kind(scratch: &Scratch) -> Plan {
    let edited = scratch.write("app/a.xml", &[BOM, POLICIES.as_bytes()].concat());
    let moved = scratch.write("app/old.xml", b"<old/>\n");
    let label = POLICIES.find("Portal").expect("a label");
    let mut plan = Plan::new();
    plan.create(
        scratch.path("app/new/created.xml"),
        "<new/>\n",
        "a new file",
    )
    .expect("free");
    plan.replace(
        edited,
        POLICIES,
        [(
            TextRange::new(label, label + "Portal".len()),
            "Web".to_string(),
        )],
        "relabel",
    )
    .expect("valid");
    plan.rename(moved, scratch.path("app/renamed/old.xml"), "move")
        .expect("free");
    plan
}

#[test]
fn every_kind_of_operation_is_written_and_bytes_outside_the_edits_stay() {
    let scratch = Scratch::new("every-kind");
    let plan = plan_of_every_kind(&scratch);
    let applied = apply(&plan).expect("applied");
    assert_eq!(
        applied,
        Applied {
            created: 1,
            edited: 1,
            renamed: 1
        }
    );
    let state: Vec<(String, Option<String>)> = scratch
        .state()
        .into_iter()
        .map(|(path, bytes)| (path, bytes.map(|bytes| format!("{bytes:?}"))))
        .collect();
    let expected_edit = [BOM, POLICIES.replace(">Portal<", ">Web<").as_bytes()].concat();
    assert_eq!(
        state,
        vec![
            ("app/".to_string(), None),
            ("app/a.xml".to_string(), Some(format!("{expected_edit:?}"))),
            ("app/new/".to_string(), None),
            (
                "app/new/created.xml".to_string(),
                Some(format!("{:?}", b"<new/>\n"))
            ),
            ("app/renamed/".to_string(), None),
            (
                "app/renamed/old.xml".to_string(),
                Some(format!("{:?}", b"<old/>\n"))
            ),
        ],
        "no temporary file left, the BOM and CRLF kept"
    );
}

#[test]
fn an_edit_through_a_symbolic_link_edits_the_file_and_keeps_the_link() {
    let scratch = Scratch::new("link");
    let real = scratch.write("real.xml", POLICIES.as_bytes());
    let link = scratch.path("link.xml");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&real, &link).expect("a link");
    #[cfg(not(unix))]
    fs::copy(&real, &link).expect("a copy");
    let mut plan = Plan::new();
    plan.replace(
        link.clone(),
        POLICIES,
        [(TextRange::empty(0), "<!-- x -->".to_string())],
        "note",
    )
    .expect("valid");
    apply(&plan).expect("applied");
    let expected = format!("<!-- x -->{POLICIES}");
    assert_eq!(fs::read_to_string(&link).expect("readable"), expected);
    #[cfg(unix)]
    {
        assert!(fs::symlink_metadata(&link).expect("there").is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("readable"), expected);
    }
}

/// Apply `plan` expecting a failure; the scratch folder must be exactly as before.
fn fails_changing_nothing(
    scratch: &Scratch,
    plan: &Plan,
    fault: &dyn Fn(Step) -> io::Result<()>,
) -> String {
    let before = scratch.state();
    let error = apply_with(plan, fault).expect_err("the plan fails");
    assert!(error.undo_failures.is_empty(), "{error}");
    assert_eq!(scratch.state(), before, "something changed: {error}");
    error.to_string().replace(&scratch.path(""), "<scratch>/")
}

#[test]
fn a_target_that_exists_stops_everything_before_anything_is_written() {
    let scratch = Scratch::new("exists");
    let mut plan = plan_of_every_kind(&scratch);
    scratch.write("app/taken.xml", b"mine");
    plan.create(scratch.path("app/taken.xml"), "<new/>", "second target")
        .expect("free in the plan");
    let message = fails_changing_nothing(&scratch, &plan, &|_| Ok(()));
    assert_eq!(
        message,
        "<scratch>/app/taken.xml already exists; eca-ls does not overwrite it; nothing was changed"
    );
}

#[test]
fn a_file_changed_since_it_was_read_or_not_utf8_is_refused() {
    let scratch = Scratch::new("changed");
    let plan = plan_of_every_kind(&scratch);
    scratch.write("app/a.xml", b"<changed/>");
    assert_eq!(
        fails_changing_nothing(&scratch, &plan, &|_| Ok(())),
        "<scratch>/app/a.xml changed since eca-ls read it; run the command again; nothing was changed"
    );
    scratch.write("app/a.xml", b"<a>\xE9</a>");
    assert_eq!(
        fails_changing_nothing(&scratch, &plan, &|_| Ok(())),
        "<scratch>/app/a.xml is not UTF-8; eca-ls edits only UTF-8 files; nothing was changed"
    );
}

#[test]
fn a_folder_in_the_way_or_a_missing_file_to_rename_is_refused() {
    let scratch = Scratch::new("folder");
    scratch.write("file", b"not a folder");
    let mut plan = Plan::new();
    plan.create(scratch.path("file/below/new.xml"), "", "under a file")
        .expect("free");
    let message = fails_changing_nothing(&scratch, &plan, &|_| Ok(()));
    assert!(
        message.starts_with("cannot write <scratch>/file/below/new.xml"),
        "{message}"
    );
    let mut plan = Plan::new();
    plan.rename(scratch.path("missing.xml"), scratch.path("b.xml"), "gone")
        .expect("free");
    let message = fails_changing_nothing(&scratch, &plan, &|_| Ok(()));
    assert!(
        message.starts_with("cannot rename <scratch>/missing.xml: "),
        "{message}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn an_unwritable_second_target_leaves_every_file_as_it_was() {
    // Nobody, not even root, can create a file in /proc: a real unwritable target.
    let scratch = Scratch::new("unwritable");
    let mut plan = plan_of_every_kind(&scratch);
    let unwritable = format!("/proc/eca-ls-apply-test-{}.xml", std::process::id());
    plan.create(unwritable.clone(), "<new/>", "an unwritable target")
        .expect("free");
    let message = fails_changing_nothing(&scratch, &plan, &|_| Ok(()));
    assert!(
        message.starts_with(&format!("cannot write {unwritable}: ")),
        "{message}"
    );
    assert!(fs::symlink_metadata(&unwritable).is_err());
}

#[test]
fn a_failure_while_staging_removes_the_temporary_files_and_new_folders() {
    let scratch = Scratch::new("stage");
    let plan = plan_of_every_kind(&scratch);
    let fault = |step: Step| match step {
        Step::Stage(1) => Err(io::Error::other("disk full")),
        _ => Ok(()),
    };
    assert_eq!(
        fails_changing_nothing(&scratch, &plan, &fault),
        "cannot write <scratch>/app/a.xml: disk full; nothing was changed"
    );
}

#[test]
fn a_failure_after_files_were_put_in_place_undoes_them_all() {
    // Fail at each commit step in turn: the steps before it are undone.
    for failing in 0..3 {
        let scratch = Scratch::new("commit");
        let plan = plan_of_every_kind(&scratch);
        let fault = move |step: Step| match step {
            Step::Commit(index) if index == failing => Err(io::Error::other("injected")),
            _ => Ok(()),
        };
        let message = fails_changing_nothing(&scratch, &plan, &fault);
        assert!(
            message.ends_with(": injected; nothing was changed"),
            "{message}"
        );
    }
    // And with a rename of an edited file, failing after both.
    let scratch = Scratch::new("commit-edit-rename");
    let edited = scratch.write("x/a.xml", POLICIES.as_bytes());
    let mut plan = Plan::new();
    plan.replace(
        edited.clone(),
        POLICIES,
        [(TextRange::empty(0), "<!-- -->".to_string())],
        "note",
    )
    .expect("valid");
    plan.rename(edited, scratch.path("y/b.xml"), "move")
        .expect("free");
    plan.create(scratch.path("z.xml"), "", "last")
        .expect("free");
    let fault = |step: Step| match step {
        Step::Commit(2) => Err(io::Error::other("injected")),
        _ => Ok(()),
    };
    fails_changing_nothing(&scratch, &plan, &fault);
}
