//! `eca-ls check`: find the ECA files, analyse each project, print the findings, and exit
//! with a status CI can act on.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use eca_analysis::{ApiVersionSource, Diagnostic, Severity, codes};
use eca_syntax::TextRange;
use rayon::prelude::*;

use super::report::{self, CheckedFile};
use super::{CheckArgs, EXIT_FINDINGS, EXIT_USAGE, OutputFormat};
use crate::workspace::{self, Overrides};

pub fn run(args: &CheckArgs) -> ExitCode {
    if let Some(jobs) = args.jobs {
        // Only fails when the pool already exists, which it cannot before this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global();
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let overrides = Overrides {
        api_version: args
            .api_version
            .map(|version| (version, ApiVersionSource::CommandLine)),
        ..Overrides::default()
    };
    let discovery = match workspace::discover_with_context(&paths) {
        Ok(discovery) => discovery,
        Err(error) => return usage_error(&error.to_string()),
    };
    if !args.paths.is_empty() {
        super::report_nothing_to_check(&discovery);
    }
    let results: Result<Vec<Vec<CheckedFile>>, workspace::LoadError> = discovery
        .projects
        .par_iter()
        .map(|(root, files)| {
            let context = discovery.context.get(root).map_or(&[][..], Vec::as_slice);
            check_project(root, files, context, &overrides)
        })
        .collect();
    let checked: Vec<CheckedFile> = match results {
        Ok(results) => results.into_iter().flatten().collect(),
        Err(error) => return usage_error(&error.to_string()),
    };
    let output = match args.format {
        OutputFormat::Human => report::human(&checked, args.hints),
        OutputFormat::Json => report::json(&checked),
        OutputFormat::Sarif => report::sarif(&checked),
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

/// Check the project at `root` with every file it has, and report on `files`: the `context`
/// files are there for the rules across an app's files only.
fn check_project(
    root: &std::path::Path,
    files: &[PathBuf],
    context: &[PathBuf],
    overrides: &Overrides,
) -> Result<Vec<CheckedFile>, workspace::LoadError> {
    let all_files: Vec<PathBuf> = files.iter().chain(context).cloned().collect();
    let (project, not_utf8) = workspace::load_project(root, &all_files, overrides)?;
    let requested: std::collections::HashSet<String> =
        files.iter().map(|file| workspace::display(file)).collect();
    let mut by_path = eca_analysis::project_diagnostics(&project);
    for path in not_utf8.into_iter().filter(|path| requested.contains(path)) {
        by_path.entry(path.clone()).or_default().insert(
            0,
            Diagnostic::new(
                path,
                TextRange::empty(0),
                Severity::Error,
                codes::XML_SYNTAX,
                "the file is not valid UTF-8; it was read with replacement characters, so save it as UTF-8",
            ),
        );
    }
    let checked = project
        .shared_files()
        .filter(|file| requested.contains(&file.path))
        .map(|file| CheckedFile {
            diagnostics: by_path.remove(&file.path).unwrap_or_default(),
            file: std::sync::Arc::clone(file),
        })
        .collect();
    Ok(checked)
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("eca-ls: {message}");
    ExitCode::from(EXIT_USAGE)
}
