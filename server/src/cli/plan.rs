//! Showing or applying a writer's plan on the command line: the options every writing command
//! shares (`--dry-run`, `--diff`, `--format`), the plan as human text, as JSON and as a unified
//! diff, and [`run`], which shows or applies it and gives the exit code. Deciding what to write
//! is the analysis's business (`eca_analysis::writers`); applying is `apply`'s.

use std::fmt::Write as _;
use std::process::ExitCode;

use clap::ValueEnum;
use eca_analysis::writers::{Operation, Plan};
use eca_syntax::{LineIndex, PositionEncoding};
use serde_json::{Value, json};
use similar::TextDiff;

use super::EXIT_USAGE;
use super::apply::{self, Applied};

pub use crate::workspace::add_manifest_entries;

/// The options of every command that writes files.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WriteArgs {
    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Show what would be written as a unified diff, and write nothing
    #[arg(long)]
    pub diff: bool,
    /// How to show the plan (or what was written)
    #[arg(long, value_enum, default_value_t = WriteFormat::Human)]
    pub format: WriteFormat,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum WriteFormat {
    /// One block per file: what changes and why
    #[default]
    Human,
    /// One JSON document: every operation, edits with LSP positions
    Json,
}

/// Show the plan (`--dry-run`, `--diff`) or apply it and say what was written. Exit code 0, or
/// 2 with a message on stderr when the plan could not be applied (then nothing was written).
pub fn run(plan: &Plan, args: &WriteArgs) -> ExitCode {
    if args.diff {
        print!("{}", diff(plan));
        return ExitCode::SUCCESS;
    }
    if args.dry_run {
        match args.format {
            WriteFormat::Human => print!("{}", human(plan, Tense::Planned)),
            WriteFormat::Json => println!("{}", json(plan, false)),
        }
        return ExitCode::SUCCESS;
    }
    match apply::apply(plan) {
        Ok(applied) => {
            match args.format {
                WriteFormat::Human => {
                    print!("{}", human(plan, Tense::Done));
                    debug_assert_eq!(applied, counts(plan));
                }
                WriteFormat::Json => println!("{}", json(plan, true)),
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Whether the human text says what would happen or what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Planned,
    Done,
}

/// One block per operation: what happens to which file, then why (for an edit, each reason
/// with the lines it touches); a summary line last.
pub fn human(plan: &Plan, tense: Tense) -> String {
    let mut out = String::new();
    if plan.is_empty() {
        out.push_str("nothing to write\n");
        return out;
    }
    let verb = |planned: &'static str, done: &'static str| match tense {
        Tense::Planned => planned,
        Tense::Done => done,
    };
    for operation in plan.operations() {
        match operation {
            Operation::Create { path, reason, .. } => {
                let _ = writeln!(out, "{} {path}\n    {reason}", verb("create", "created"));
            }
            Operation::Replace {
                path,
                original,
                edits,
            } => {
                let _ = writeln!(out, "{} {path}", verb("edit", "edited"));
                let index = LineIndex::new(original);
                // Each reason once, with the lines its edits start on.
                let mut reasons: Vec<(&str, Vec<u32>)> = Vec::new();
                for edit in edits {
                    let line = index
                        .line_col(edit.range.start, PositionEncoding::Utf8)
                        .line
                        + 1;
                    match reasons
                        .iter_mut()
                        .find(|(reason, _)| *reason == edit.reason)
                    {
                        Some((_, lines)) if lines.contains(&line) => {}
                        Some((_, lines)) => lines.push(line),
                        None => reasons.push((&edit.reason, vec![line])),
                    }
                }
                for (reason, lines) in reasons {
                    let lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
                    let label = if lines.len() == 1 { "line" } else { "lines" };
                    let _ = writeln!(out, "    {label} {}: {reason}", lines.join(", "));
                }
            }
            Operation::Rename { from, to, reason } => {
                let _ = writeln!(
                    out,
                    "{} {from}\n    to {to}\n    {reason}",
                    verb("rename", "renamed")
                );
            }
        }
    }
    let counts = counts(plan);
    let mut parts = Vec::new();
    for (count, what) in [
        (counts.created, "created"),
        (counts.edited, "edited"),
        (counts.renamed, "renamed"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {what}"));
        }
    }
    let files = counts.created + counts.edited + counts.renamed;
    let noun = if files == 1 { "file" } else { "files" };
    match tense {
        Tense::Planned => {
            let _ = writeln!(
                out,
                "{files} {noun} would change ({}); nothing was written",
                parts.join(", ")
            );
        }
        Tense::Done => {
            let _ = writeln!(out, "{files} {noun} changed ({})", parts.join(", "));
        }
    }
    out
}

/// The plan as one JSON document: `{"applied": bool, "operations": [...]}`, where an operation
/// is `{"kind": "create", "path", "reason", "content"}`, `{"kind": "edit", "path", "edits":
/// [{"range", "newText", "reason"}]}` (ranges in LSP positions: 0-based lines, UTF-16
/// characters, on the file's text before the plan) or `{"kind": "rename", "from", "to",
/// "reason"}`.
pub fn json(plan: &Plan, applied: bool) -> Value {
    let operations: Vec<Value> = plan
        .operations()
        .iter()
        .map(|operation| match operation {
            Operation::Create {
                path,
                content,
                reason,
            } => json!({ "kind": "create", "path": path, "reason": reason, "content": content }),
            Operation::Replace {
                path,
                original,
                edits,
            } => {
                let index = LineIndex::new(original);
                let position = |offset| {
                    let position = index.line_col(offset, PositionEncoding::Utf16);
                    json!({ "line": position.line, "character": position.col })
                };
                let edits: Vec<Value> = edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "range": { "start": position(edit.range.start), "end": position(edit.range.end) },
                            "newText": edit.new_text,
                            "reason": edit.reason,
                        })
                    })
                    .collect();
                json!({ "kind": "edit", "path": path, "edits": edits })
            }
            Operation::Rename { from, to, reason } => {
                json!({ "kind": "rename", "from": from, "to": to, "reason": reason })
            }
        })
        .collect();
    json!({ "applied": applied, "operations": operations })
}

/// The plan as a unified diff (three lines of context): created files from `/dev/null`, edited
/// files against their text before the plan, renames as `rename from` / `rename to` lines.
pub fn diff(plan: &Plan) -> String {
    let mut out = String::new();
    for operation in plan.operations() {
        match operation {
            Operation::Create { path, content, .. } => {
                unified(&mut out, "", content, "/dev/null", path);
            }
            Operation::Replace { path, original, .. } => {
                let new_text = operation.new_text().unwrap_or_default();
                unified(&mut out, original, &new_text, path, path);
            }
            Operation::Rename { from, to, .. } => {
                let _ = writeln!(out, "rename from {from}\nrename to {to}");
            }
        }
    }
    out
}

fn unified(out: &mut String, old: &str, new: &str, old_name: &str, new_name: &str) {
    let diff = TextDiff::from_lines(old, new);
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(old_name, new_name)
    );
}

fn counts(plan: &Plan) -> Applied {
    let mut counts = Applied::default();
    for operation in plan.operations() {
        match operation {
            Operation::Create { .. } => counts.created += 1,
            Operation::Replace { .. } => counts.edited += 1,
            Operation::Rename { .. } => counts.renamed += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use eca_syntax::TextRange;
    use expect_test::expect;

    use super::*;

    const ORIGINAL: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<a>\r\n    <label>Portal</label>\r\n    <b>é</b>\r\n</a>\r\n";

    fn plan() -> Plan {
        let text = ORIGINAL.trim_start_matches('\u{feff}');
        let label = text.find("Portal").expect("a label");
        let accent = text.find("é").expect("an accent");
        let mut plan = Plan::new();
        plan.create(
            "force-app/new/Web.eca-meta.xml",
            "<ExternalClientApplication/>\n",
            "the header the app lacks",
        )
        .expect("free");
        plan.replace(
            "force-app/a.xml",
            text,
            [(TextRange::new(label, label + 6), "Web".to_string())],
            "the app's new name",
        )
        .expect("valid");
        plan.replace(
            "force-app/a.xml",
            text,
            [(TextRange::new(accent + 2, accent + 2), "!".to_string())],
            "after the accent",
        )
        .expect("valid");
        plan.rename("force-app/a.xml", "force-app/b.xml", "follow the name")
            .expect("free");
        plan
    }

    #[test]
    fn a_plan_as_human_text() {
        expect![[r#"
            create force-app/new/Web.eca-meta.xml
                the header the app lacks
            edit force-app/a.xml
                line 3: the app's new name
                line 4: after the accent
            rename force-app/a.xml
                to force-app/b.xml
                follow the name
            3 files would change (1 created, 1 edited, 1 renamed); nothing was written
        "#]]
        .assert_eq(&human(&plan(), Tense::Planned));
        expect![[r#"
            nothing to write
        "#]]
        .assert_eq(&human(&Plan::new(), Tense::Done));
    }

    #[test]
    fn a_plan_as_json_counts_utf16_characters() {
        let rendered = serde_json::to_string_pretty(&json(&plan(), false)).expect("JSON");
        expect![[r#"
            {
              "applied": false,
              "operations": [
                {
                  "content": "<ExternalClientApplication/>\n",
                  "kind": "create",
                  "path": "force-app/new/Web.eca-meta.xml",
                  "reason": "the header the app lacks"
                },
                {
                  "edits": [
                    {
                      "newText": "Web",
                      "range": {
                        "end": {
                          "character": 17,
                          "line": 2
                        },
                        "start": {
                          "character": 11,
                          "line": 2
                        }
                      },
                      "reason": "the app's new name"
                    },
                    {
                      "newText": "!",
                      "range": {
                        "end": {
                          "character": 8,
                          "line": 3
                        },
                        "start": {
                          "character": 8,
                          "line": 3
                        }
                      },
                      "reason": "after the accent"
                    }
                  ],
                  "kind": "edit",
                  "path": "force-app/a.xml"
                },
                {
                  "from": "force-app/a.xml",
                  "kind": "rename",
                  "reason": "follow the name",
                  "to": "force-app/b.xml"
                }
              ]
            }"#]]
        .assert_eq(&rendered);
    }

    #[test]
    fn a_plan_as_a_unified_diff() {
        expect![[r#"
            --- /dev/null
            +++ force-app/new/Web.eca-meta.xml
            @@ -0,0 +1 @@
            +<ExternalClientApplication/>
            --- force-app/a.xml
            +++ force-app/a.xml
            @@ -1,5 +1,5 @@
             <?xml version="1.0" encoding="UTF-8"?>
             <a>
            -    <label>Portal</label>
            -    <b>é</b>
            +    <label>Web</label>
            +    <b>é!</b>
             </a>
            rename from force-app/a.xml
            rename to force-app/b.xml
        "#]]
        .assert_eq(&diff(&plan()).replace('\r', ""));
    }
}
