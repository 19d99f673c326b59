//! `eca-ls check`: find the ECA files, analyse each project, print the findings, and exit
//! with a status CI can act on.

use std::io::Write;
use std::process::ExitCode;

use eca_analysis::Severity;

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
    let checked: Vec<CheckedFile> =
        match projects::each_requested_project(&args.paths, args.api_version, check_project) {
            Ok(results) => results.into_iter().flatten().collect(),
            Err(error) => return usage_error(&error.to_string()),
        };
    let output = match args.format {
        OutputFormat::Human => report::human(&checked, args.hints),
        OutputFormat::Json => report::json(&checked),
        OutputFormat::Sarif => report::sarif(&checked),
        OutputFormat::Github => report::github(&checked, args.hints),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`eca-ls check | head`) is not an error worth a panic.
    let _ = stdout.write_all(output.as_bytes());
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
    let mut by_path =
        eca_analysis::project_diagnostics_of(&project, |path| requested.contains(path));
    for (path, problem) in encoding_problems
        .into_iter()
        .filter(|(path, _)| requested.contains(path))
    {
        by_path
            .entry(path.clone())
            .or_default()
            .insert(0, crate::workspace::encoding_diagnostic(path, problem));
    }
    project
        .shared_files()
        .filter(|file| requested.contains(&file.path))
        .map(|file| CheckedFile {
            diagnostics: by_path.remove(&file.path).unwrap_or_default(),
            file: std::sync::Arc::clone(file),
        })
        .collect()
}
