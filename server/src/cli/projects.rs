//! What `check` and `flows` share: the paths on the command line turned into projects read
//! from disk, each knowing which of its files were asked for.

use std::collections::HashSet;
use std::path::PathBuf;

use eca_analysis::{ApiVersionSource, Project};
use eca_schema::ApiVersion;
use rayon::prelude::*;

use crate::workspace::{self, Discovery, EncodingProblem, LoadError, Overrides, Skipped};

/// A project read with all of its files: those under the paths asked for, and the rest of the
/// project, read so that the rules across an app's files see every file of the app.
pub(super) struct RequestedProject {
    pub project: Project,
    /// The files under the paths asked for: the only ones reported on.
    pub requested: Requested,
    /// The files that were not in UTF-8 and were decoded another way.
    pub encoding_problems: Vec<(String, EncodingProblem)>,
}

/// The files of a project that were asked for.
pub(super) enum Requested {
    /// Every file the project holds: the paths asked for hold the whole project (the usual
    /// `eca-ls check`), so no set of ten thousand paths is built, nor searched per file.
    Every,
    /// These files, by path as the project keys them; the project holds others besides, read
    /// for the rules across an app's files.
    Some(HashSet<String>),
}

impl Requested {
    /// Whether the file at `path`, one of the project's, was asked for.
    pub fn contains(&self, path: &str) -> bool {
        match self {
            Requested::Every => true,
            Requested::Some(paths) => paths.contains(path),
        }
    }

    /// The paths of the files asked for, of `project` (the project they were asked of), in
    /// path order.
    pub fn paths<'a>(&'a self, project: &'a Project) -> Vec<&'a String> {
        match self {
            // The project keeps its files in path order already.
            Requested::Every => project.files().map(|file| &file.path).collect(),
            Requested::Some(paths) => {
                let mut paths: Vec<&String> = paths.iter().collect();
                paths.sort_unstable();
                paths
            }
        }
    }
}

/// The overrides the command line gives: `--api-version`, `--max-findings`, `--profile`.
pub(super) fn command_line_overrides(
    api_version: Option<ApiVersion>,
    max_findings: Option<usize>,
    profile: Option<eca_analysis::Profile>,
) -> Overrides {
    Overrides {
        api_version: api_version.map(|version| (version, ApiVersionSource::CommandLine)),
        config: eca_analysis::Config {
            max_findings,
            profile,
            ..eca_analysis::Config::default()
        },
    }
}

/// Find the ECA files under `paths` (the current folder when none is given), read each
/// project they belong to with its other files, and hand each project to `each`, projects in
/// parallel. A path named on the command line that holds nothing to read is said on stderr,
/// and so is a folder or file below one that cannot be read: it is passed by, and the rest is
/// checked (a path named on the command line that cannot be read is the error).
///
/// Files the project's `.forceignore` leaves out are not deployed, so they are neither checked
/// nor read for context unless `include_ignored`; each one named on the command line is said on
/// stderr, with the line that leaves it out, and the others are counted.
pub(super) fn each_requested_project<T: Send>(
    paths: &[PathBuf],
    overrides: &Overrides,
    include_ignored: bool,
    each: impl Fn(RequestedProject) -> T + Sync,
) -> Result<Vec<T>, LoadError> {
    let searched = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut discovery = workspace::discover_with_context(&searched)?;
    if !paths.is_empty() {
        report_nothing_to_check(&discovery);
    }
    if !include_ignored {
        leave_out_forceignored(&mut discovery, paths)?;
    }
    report_skipped(&discovery.skipped);
    discovery
        .projects
        .par_iter()
        .map(|(root, files)| {
            let context = discovery.context.get(root).map_or(&[][..], Vec::as_slice);
            let all_files: Vec<PathBuf> = files.iter().chain(context).cloned().collect();
            let components = discovery
                .components
                .get(root)
                .map_or(&[][..], Vec::as_slice);
            let loaded = workspace::load_project(root, &all_files, components, overrides)?;
            report_skipped(&loaded.skipped);
            // Without other files of the project read for context, every file it holds is
            // one asked for.
            let requested = if context.is_empty() {
                Requested::Every
            } else {
                Requested::Some(
                    files
                        .iter()
                        .map(|file| workspace::display(file))
                        .filter(|path| loaded.project.file(path).is_some())
                        .collect(),
                )
            };
            Ok(each(RequestedProject {
                project: loaded.project,
                requested,
                encoding_problems: loaded.encoding_problems,
            }))
        })
        .collect()
}

/// Drop the files each project's `.forceignore` leaves out, from the files asked for and from
/// the context; say so on stderr (stdout stays a whole JSON or SARIF document).
fn leave_out_forceignored(discovery: &mut Discovery, named: &[PathBuf]) -> Result<(), LoadError> {
    let roots: Vec<PathBuf> = discovery.projects.keys().cloned().collect();
    for root in roots {
        let Some(forceignore) = workspace::forceignore_of(&root)? else {
            continue;
        };
        let mut left_out_unnamed = 0;
        let mut keep = |file: &PathBuf, requested: bool| -> bool {
            let Some(by) = workspace::forceignored_by(&root, &forceignore, file) else {
                return true;
            };
            if requested && named.contains(file) {
                eprintln!(
                    "eca-ls: skipped {}: {} leaves it out ({}); --include-ignored checks it",
                    super::report::printable_path(&file.to_string_lossy()),
                    workspace::display(&root.join(workspace::FORCEIGNORE_FILE_NAME)),
                    by.describe()
                );
            } else {
                left_out_unnamed += 1;
            }
            false
        };
        if let Some(files) = discovery.projects.get_mut(&root) {
            files.retain(|file| keep(file, true));
        }
        if let Some(files) = discovery.context.get_mut(&root) {
            files.retain(|file| keep(file, false));
        }
        // A component file left out is not deployed either: its name does not count as held.
        if let Some(files) = discovery.components.get_mut(&root) {
            files.retain(|file| workspace::forceignored_by(&root, &forceignore, file).is_none());
        }
        if left_out_unnamed > 0 {
            eprintln!(
                "eca-ls: {left_out_unnamed} ECA file{} left out by {} (--include-ignored checks {})",
                if left_out_unnamed == 1 { "" } else { "s" },
                workspace::display(&root.join(workspace::FORCEIGNORE_FILE_NAME)),
                if left_out_unnamed == 1 { "it" } else { "them" },
            );
        }
    }
    discovery.projects.retain(|_, files| !files.is_empty());
    Ok(())
}

/// One warning on stderr for each folder or file passed by because it could not be read.
fn report_skipped(skipped: &[Skipped]) {
    for skipped in skipped {
        eprintln!(
            "eca-ls: warning: skipped {}: {}",
            super::report::printable_path(&skipped.path.to_string_lossy()),
            skipped.reason
        );
    }
}

/// One line on stderr for each path named on the command line that yields nothing to read.
/// Worth a line, not an error: a pre-commit hook passes every changed file, ECA or not; and
/// stderr keeps JSON and SARIF output on stdout whole.
fn report_nothing_to_check(discovery: &Discovery) {
    for nothing in &discovery.nothing_to_check {
        eprintln!(
            "eca-ls: nothing to check in {}: {}",
            super::report::printable_path(&nothing.path.to_string_lossy()),
            nothing.reason
        );
    }
}
