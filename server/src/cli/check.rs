//! `eca-ls check`: find the ECA files, analyse each project, print the findings, and exit
//! with a status CI can act on.

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use eca_analysis::Severity;
use eca_analysis::writers::fix_all::{self, FixAllOptions, FixAllResult};
use eca_analysis::writers::{Operation, Plan};

use super::projects::{self, RequestedProject};
use super::report::{self, CheckedFile};
use super::{CheckArgs, EXIT_FINDINGS, OutputFormat, usage_error};

pub fn run(args: &CheckArgs) -> ExitCode {
    if let Some(jobs) = args.jobs {
        // Only fails when the pool already exists, which it cannot before this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global();
    }
    let options = FixAllOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    let fix = |loaded: RequestedProject| fix_project(loaded, options);
    let overrides = projects::command_line_overrides(
        args.api_version,
        args.max_findings,
        args.profile.map(Into::into),
    );
    let checked: Vec<CheckedFile> = if args.fix {
        let fixed = match projects::each_requested_project(
            &args.paths,
            &overrides,
            args.include_ignored,
            fix,
        ) {
            Ok(fixed) => fixed,
            Err(error) => return usage_error(&error.to_string()),
        };
        match write_fixes(fixed, args) {
            Ok(checked) => checked,
            Err(code) => return code,
        }
    } else {
        match projects::each_requested_project(
            &args.paths,
            &overrides,
            args.include_ignored,
            check_project,
        ) {
            Ok(results) => results.into_iter().flatten().collect(),
            Err(error) => return usage_error(&error.to_string()),
        }
    };
    let output = match args.format {
        OutputFormat::Human => report::human(&checked, args.hints),
        OutputFormat::Json => report::json(&checked),
        OutputFormat::Sarif => report::sarif(&checked),
        OutputFormat::Github => report::github(&checked, args.hints),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`eca-ls check | head`) is not an error worth a panic. With `--diff` the
    // diff is the output; the exit status still says what the fixes would leave.
    if !args.diff {
        let _ = stdout.write_all(output.as_bytes());
    }
    let _ = stdout.flush();
    let failing = checked
        .iter()
        .flat_map(|file| &file.diagnostics)
        .any(|diagnostic| {
            diagnostic.severity == Severity::Error
                || (args.deny_warnings && diagnostic.severity == Severity::Warning)
        });
    // The process ends here: freeing every file's tree one by one would only cost time.
    std::mem::forget(checked);
    if failing {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Check a project with every file it has, and report on the files asked for only: the others
/// are there for the rules across an app's files.
fn check_project(loaded: RequestedProject) -> Vec<CheckedFile> {
    let RequestedProject {
        project,
        requested,
        encoding_problems,
    } = loaded;
    let wanted = |path: &str| requested.contains(path);
    let mut by_path = eca_analysis::project_diagnostics_of(&project, wanted);
    for (path, problem) in encoding_problems
        .into_iter()
        .filter(|(path, _)| wanted(path))
    {
        by_path
            .entry(path.clone())
            .or_default()
            .insert(0, crate::workspace::encoding_diagnostic(path, problem));
    }
    // Both in path order: each file's findings are the next entry, or none.
    let mut findings = by_path.into_iter().peekable();
    project
        .shared_files()
        .filter(|file| wanted(&file.path))
        .map(|file| {
            while findings.next_if(|(path, _)| *path < file.path).is_some() {}
            CheckedFile {
                diagnostics: findings
                    .next_if(|(path, _)| *path == file.path)
                    .map(|(_, diagnostics)| diagnostics)
                    .unwrap_or_default(),
                file: std::sync::Arc::clone(file),
            }
        })
        .collect()
}

/// A project after bulk fixing, in memory: what was fixed, and the project as the fixes leave
/// it (with the files asked for and those not valid UTF-8, which are never rewritten).
struct FixedProject {
    result: FixAllResult,
    fixed: RequestedProject,
}

/// Bulk-fix the files asked for (not the ones that were not UTF-8: their text is not what is
/// on disk, byte for byte).
fn fix_project(loaded: RequestedProject, options: FixAllOptions) -> FixedProject {
    let RequestedProject {
        project,
        requested,
        encoding_problems,
    } = loaded;
    let wanted = |path: &str| {
        requested.contains(path) && !encoding_problems.iter().any(|(bad, _)| bad == path)
    };
    let (result, project) = fix_all::fix_all(&project, wanted, options);
    FixedProject {
        result,
        fixed: RequestedProject {
            project,
            requested,
            encoding_problems,
        },
    }
}

/// Write the fixes of every project as one plan (or print it as a diff with `--diff`), say
/// what changed per file, and check what is left. `Err` carries the exit code of a failure.
fn write_fixes(fixed: Vec<FixedProject>, args: &CheckArgs) -> Result<Vec<CheckedFile>, ExitCode> {
    let mut plan = Plan::new();
    for project in &fixed {
        for operation in project.result.plan.operations() {
            if let Operation::Replace {
                path,
                original,
                edits,
            } = operation
            {
                for edit in edits {
                    // Projects never share a file, and one project's edits never overlap.
                    let _ = plan.replace(
                        path.clone(),
                        original,
                        [(edit.range, edit.new_text.clone())],
                        edit.reason.clone(),
                    );
                }
            }
        }
    }
    // What was done goes where it does not spoil a JSON or SARIF document.
    let mut said = String::new();
    for project in &fixed {
        for path in &project.result.not_rewritten {
            let _ = writeln!(
                said,
                "not fixed: {path} has syntax errors; eca-ls rewrites no file it cannot fully read"
            );
        }
        for file in &project.result.files {
            let verb = if args.diff { "would fix" } else { "fixed" };
            let _ = writeln!(said, "{verb} {}:", file.path);
            for applied in &file.applied {
                let _ = writeln!(said, "  {}: {}", applied.code, applied.title);
            }
        }
    }
    if args.diff {
        print!("{}", super::plan::diff(&plan));
    } else if let Err(error) = super::apply::apply(&plan) {
        return Err(usage_error(&error.to_string()));
    }
    if args.format == OutputFormat::Human && !args.diff {
        print!("{said}");
    } else {
        eprint!("{said}");
    }
    Ok(fixed
        .into_iter()
        .flat_map(|project| check_project(project.fixed))
        .collect())
}
