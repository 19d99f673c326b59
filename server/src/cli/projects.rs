//! What `check` and `flows` share: the paths on the command line turned into projects read
//! from disk, each knowing which of its files were asked for.

use std::collections::HashSet;
use std::path::PathBuf;

use eca_analysis::{ApiVersionSource, Project};
use eca_schema::ApiVersion;
use rayon::prelude::*;

use crate::workspace::{self, Discovery, LoadError, Overrides};

/// A project read with all of its files: those under the paths asked for, and the rest of the
/// project, read so that the rules across an app's files see every file of the app.
pub(super) struct RequestedProject {
    pub project: Project,
    /// The paths (as the project keys them) of the files under the paths asked for: the only
    /// ones reported on.
    pub requested: HashSet<String>,
    /// The files that were not valid UTF-8 and were read with replacement characters.
    pub not_utf8: Vec<String>,
}

/// Find the ECA files under `paths` (the current folder when none is given), read each
/// project they belong to with its other files, and hand each project to `each`, projects in
/// parallel. A path named on the command line that holds nothing to read is said on stderr.
pub(super) fn each_requested_project<T: Send>(
    paths: &[PathBuf],
    api_version: Option<ApiVersion>,
    each: impl Fn(RequestedProject) -> T + Sync,
) -> Result<Vec<T>, LoadError> {
    let searched = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let overrides = Overrides {
        api_version: api_version.map(|version| (version, ApiVersionSource::CommandLine)),
        ..Overrides::default()
    };
    let discovery = workspace::discover_with_context(&searched)?;
    if !paths.is_empty() {
        report_nothing_to_check(&discovery);
    }
    discovery
        .projects
        .par_iter()
        .map(|(root, files)| {
            let context = discovery.context.get(root).map_or(&[][..], Vec::as_slice);
            let all_files: Vec<PathBuf> = files.iter().chain(context).cloned().collect();
            let (project, not_utf8) = workspace::load_project(root, &all_files, &overrides)?;
            let requested = files.iter().map(|file| workspace::display(file)).collect();
            Ok(each(RequestedProject {
                project,
                requested,
                not_utf8,
            }))
        })
        .collect()
}

/// One line on stderr for each path named on the command line that yields nothing to read.
/// Worth a line, not an error: a pre-commit hook passes every changed file, ECA or not; and
/// stderr keeps JSON and SARIF output on stdout whole.
fn report_nothing_to_check(discovery: &Discovery) {
    for nothing in &discovery.nothing_to_check {
        eprintln!(
            "eca-ls: nothing to check in {}: {}",
            nothing.path.display(),
            nothing.reason
        );
    }
}
