//! The real-world corpus (`../shared/corpus`, next to the repository) as the corpus tests
//! read it: its folder, its MANIFEST, its repositories and the projects in them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eca_analysis::{ApiVersionSource, Project};
use eca_ls::workspace::{self, Overrides};
use eca_schema::Schema;

/// The corpus folder. A missing corpus fails the test: it must never pass on nothing.
pub fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "the corpus is missing: expected {} (the shared folder sits next to the repository)",
        dir.display()
    );
    dir
}

/// The folder of the corpus's repositories.
pub fn repos_dir() -> PathBuf {
    corpus_dir().join("repos")
}

/// MANIFEST rows: file under `repos/` → its `expect` column.
pub fn manifest() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus_dir().join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            Some((columns.first()?.to_string(), columns.get(4)?.to_string()))
        })
        .collect()
}

/// The names of the repository folders under `repos/`, in order. A corpus cut short fails
/// the test, like a missing one.
pub fn repository_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repos_dir())
        .expect("repos folder")
        .filter_map(|entry| {
            let entry = entry.ok()?;
            entry
                .path()
                .is_dir()
                .then(|| entry.file_name().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(
        names.len() >= 40,
        "only {} corpus repositories",
        names.len()
    );
    names
}

/// Every repository folder, loaded as the projects `eca-ls check` finds in it, with the
/// newest API version: (repository name, project).
pub fn corpus_projects() -> Vec<(String, Project)> {
    let repos = repos_dir();
    let overrides = Overrides {
        api_version: Some((
            Schema::get().newest_api_version(),
            ApiVersionSource::CommandLine,
        )),
        ..Overrides::default()
    };
    let mut projects = Vec::new();
    for name in repository_names() {
        let discovery = workspace::discover(&[repos.join(&name)]).expect("discover");
        for (root, files) in &discovery.projects {
            let components = discovery
                .components
                .get(root)
                .map_or(&[][..], Vec::as_slice);
            let loaded =
                workspace::load_project(root, files, components, &overrides).expect("load");
            projects.push((name.clone(), loaded.project));
        }
    }
    projects
}

/// The path of a corpus file relative to `repos/`, with `/` between folders, as the MANIFEST
/// names it.
pub fn relative_to_repos(path: &str) -> String {
    Path::new(path)
        .strip_prefix(repos_dir())
        .expect("a corpus file lies under repos/")
        .to_string_lossy()
        .replace('\\', "/")
}
