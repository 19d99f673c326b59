//! `eca-ls fmt`: format the ECA files under the given paths, or with `--check` say which would
//! change. Each file's options come from `.editorconfig` and the project's Prettier
//! configuration (`format_sources`), the style from `--style`, else `[format] style`; the
//! formatting writer plans the edits and `plan` shows or applies them, all files or none.

use std::path::Path;
use std::process::ExitCode;

use eca_analysis::config::FormatStyleSetting;
use eca_analysis::writers::Operation;
use eca_analysis::writers::format::{FormatPlan, format_plan};

use super::projects::{self, RequestedProject};
use super::{EXIT_FINDINGS, EXIT_USAGE, FmtArgs, FormatStyleArg, plan, usage_error};
use crate::format_sources::FormatSources;
use crate::workspace::EncodingProblem;

pub fn run(args: &FmtArgs) -> ExitCode {
    let style = args.style.map(|style| match style {
        FormatStyleArg::Auto => FormatStyleSetting::Auto,
        FormatStyleArg::Salesforce => FormatStyleSetting::Salesforce,
        FormatStyleArg::Prettier => FormatStyleSetting::Prettier,
    });
    let overrides = projects::command_line_overrides(None, None, None);
    // Files `.forceignore` keeps out of deployments are formatted all the same: they are
    // still files of the project someone edits.
    let planned = match projects::each_requested_project(&args.paths, &overrides, true, |loaded| {
        plan_project(&loaded, style)
    }) {
        Ok(planned) => planned,
        Err(error) => return usage_error(&error.to_string()),
    };
    let mut whole = FormatPlan::default();
    let mut notes: Vec<String> = Vec::new();
    for (project_plan, project_notes) in planned {
        // The projects' plans into one, so that all files are written or none.
        for operation in project_plan.plan.operations() {
            let Operation::Replace {
                path,
                original,
                edits,
            } = operation
            else {
                continue;
            };
            let reason = edits
                .first()
                .map(|edit| edit.reason.clone())
                .unwrap_or_default();
            let replacements = edits.iter().map(|edit| (edit.range, edit.new_text.clone()));
            if let Err(error) = whole.plan.replace(path, original, replacements, reason) {
                whole.refused.push((path.clone(), error.to_string()));
            }
        }
        whole.refused.extend(project_plan.refused);
        for note in project_notes {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    for note in &notes {
        eprintln!("eca-ls: {note}");
    }
    for (path, reason) in &whole.refused {
        eprintln!("eca-ls: {path}: {reason}");
    }
    let refused = !whole.refused.is_empty();
    let status = if args.check {
        if args.write.diff {
            print!("{}", plan::diff(&whole.plan));
        } else {
            for operation in whole.plan.operations() {
                println!("would reformat {}", operation.target());
            }
        }
        if whole.plan.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_FINDINGS)
        }
    } else {
        plan::run(&whole.plan, &args.write)
    };
    // A file left unformatted is bad input, which outweighs "something would change".
    if refused {
        return ExitCode::from(EXIT_USAGE);
    }
    status
}

/// The formatting plan of the requested files of one project, and the notes about its
/// settings. A file that was not UTF-8 is refused: writing it back would lose its bytes or
/// change its encoding.
fn plan_project(
    loaded: &RequestedProject,
    style: Option<FormatStyleSetting>,
) -> (FormatPlan, Vec<String>) {
    let project = &loaded.project;
    let style = style.or(project.config.format_style).unwrap_or_default();
    let mut requests = Vec::new();
    let mut refused = Vec::new();
    let mut notes = Vec::new();
    for path in loaded.requested.paths(project) {
        if project.file(path).is_none_or(|file| file.kind.is_none()) {
            continue;
        }
        if let Some((_, problem)) = loaded
            .encoding_problems
            .iter()
            .find(|(problem_path, _)| problem_path == path)
        {
            let why = match problem {
                EncodingProblem::NotUtf8 => "the file is not valid UTF-8",
                EncodingProblem::Utf16 => "the file is in UTF-16, and eca-ls writes UTF-8",
            };
            refused.push((path.clone(), format!("not formatted: {why}")));
            continue;
        }
        let file_path = Path::new(path);
        let resolved = FormatSources::for_file(&absolute(file_path)).resolve(
            &absolute(file_path),
            style,
            None,
        );
        notes.extend(resolved.notes);
        requests.push((path.clone(), resolved.options));
    }
    let mut planned = format_plan(project, &requests);
    planned.refused.extend(refused);
    (planned, notes)
}

/// Configuration files are looked for in the folders above the file, so the path must reach
/// up to the root.
fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
