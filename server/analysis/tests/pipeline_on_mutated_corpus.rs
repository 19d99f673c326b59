//! The whole analysis — structural checks, every rule across the files of an app, flow
//! readiness — never panics and always points inside the files, whatever a real project turns
//! into while someone edits it: random edits of the real corpus projects, with fragments that
//! switch flows on and off, break tags and add odd characters.

mod support;

use std::path::{Path, PathBuf};

use eca_analysis::{ApiVersionChoice, Config, Project, project_diagnostics, project_flows};
use eca_syntax::TextRange;
use proptest::prelude::*;

/// Pieces that make the rules' conditions flip, and pieces that break the XML.
const FRAGMENTS: &[&str] = &[
    "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
    "<isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>",
    "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
    "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
    "<guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>",
    "<guestJwtTimeout>45</guestJwtTimeout>",
    "<consumerSecret>s3cr3t</consumerSecret>",
    "<externalClientApplication>Other__App</externalClientApplication>",
    "<customAttributes><key>k</key></customAttributes>",
    "<distributionState>Packaged</distributionState>",
    "<isEnabled>false</isEnabled>",
    "<",
    "</",
    ">",
    "&",
    "<!--",
    "<![CDATA[",
    "\r\n",
    "🎉",
    "日本",
    "<<<<<<< HEAD\n",
    "xsi:nil=\"true\"",
];

struct CorpusProject {
    files: Vec<(String, String)>,
}

fn corpus_projects() -> Vec<CorpusProject> {
    let repos = support::corpus_directory();
    let mut projects = Vec::new();
    let mut repositories: Vec<PathBuf> = std::fs::read_dir(&repos)
        .expect("repos")
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    repositories.sort();
    for repository in repositories {
        let mut files = Vec::new();
        collect_files(&repository, &mut files);
        files.sort();
        if !files.is_empty() {
            projects.push(CorpusProject { files });
        }
    }
    projects
}

fn collect_files(folder: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            files.push((path.to_string_lossy().into_owned(), text));
        }
    }
}

fn char_boundary_at_or_before(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn assert_inside(project: &Project, path: &str, range: TextRange, what: &str) {
    let file = project
        .file(path)
        .unwrap_or_else(|| panic!("{what} points into {path}, which is not in the project"));
    assert!(
        range.start <= range.end && range.end <= file.text.len(),
        "{what} {range:?} outside {path} (length {})",
        file.text.len()
    );
    assert!(
        file.text.is_char_boundary(range.start) && file.text.is_char_boundary(range.end),
        "{what} {range:?} not on char boundaries of {path}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn analysis_survives_random_edits_of_real_projects(
        project_pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..64, prop::option::of(0usize..FRAGMENTS.len())),
            1..6,
        ),
    ) {
        let projects = corpus_projects();
        let corpus_project = &projects[project_pick.index(projects.len())];
        let mut files = corpus_project.files.clone();
        for (file_pick, position, delete, fragment) in edits {
            let (_, text) = &mut files[file_pick.index(corpus_project.files.len())];
            let start = char_boundary_at_or_before(text, position.index(text.len() + 1));
            let end = char_boundary_at_or_before(text, start + delete).max(start);
            let insert = fragment.map_or("", |index| FRAGMENTS[index]);
            text.replace_range(start..end, insert);
        }
        let mut project = Project::new("/corpus", ApiVersionChoice::schema_default(), Config::default());
        for (path, text) in &files {
            project.set_file(path.clone(), text.clone());
        }
        for (path, diagnostics) in project_diagnostics(&project) {
            for diagnostic in diagnostics {
                assert_eq!(diagnostic.path, path);
                assert_inside(&project, &path, diagnostic.range, "diagnostic");
                for related in &diagnostic.related {
                    assert_inside(&project, &related.path, related.range, "related location");
                }
                for fix in &diagnostic.fixes {
                    for edit in &fix.edits {
                        assert_inside(&project, &edit.path, edit.range, "fix edit");
                    }
                }
            }
        }
        for app in project_flows(&project) {
            for flow in &app.flows {
                for need in &flow.needs {
                    if let (Some(path), Some(range)) = (&need.path, need.range) {
                        assert_inside(&project, path, range, "flow need");
                    }
                }
            }
        }
    }
}
