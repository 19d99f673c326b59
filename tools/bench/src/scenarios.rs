//! The in-process scenarios, shared by the `cargo bench` benches and the profiling example:
//! projects built in memory the way the front ends build them, and the analysis calls an
//! editor's requests and keystrokes lead to.

use std::path::{Path, PathBuf};

use eca_analysis::{ApiVersionChoice, App, Config, Diagnostic, Project};
use eca_syntax::TextRange;

use crate::synthetic::{self, SyntheticProject};

/// The bundled example project, relative to this crate.
pub const EXAMPLE_PROJECT: &str = "../../examples/headless-identity";

/// The example's OAuth policies: the file the benches treat as typical.
pub const TYPICAL_FILE: &str = "force-app/main/default/extlClntAppOauthPolicies/Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml";

/// A project in memory and the file a scenario works on.
#[derive(Debug, Clone)]
pub struct Workbench {
    pub project: Project,
    pub path: String,
}

/// One character typed into a file and deleted again, alternately, as an editor sends it: the
/// edit of each, in the text it applies to.
#[derive(Debug, Clone)]
pub struct Keystroke {
    pub typed: (TextRange, &'static str),
    pub deleted: (TextRange, &'static str),
}

/// The example project's folder.
pub fn example_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE_PROJECT)
}

/// The example project's ECA files: (path relative to the project, text).
pub fn example_files() -> Vec<(String, String)> {
    let root = example_root();
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    files
}

/// The example project, parsed, at the API version of its `sfdx-project.json` (66.0).
pub fn example_project() -> Project {
    project_of(
        example_files()
            .into_iter()
            .filter(|(path, _)| path.ends_with(".xml")),
    )
}

/// A synthetic project of `apps` apps, parsed, plus the app `Big_Policies` with OAuth policies
/// of `large_policies` bytes when asked; returns the project and the large file's path.
pub fn synthetic_project(apps: usize, large_policies: Option<usize>) -> (Project, Option<String>) {
    let mut synthetic: SyntheticProject = synthetic::project(apps);
    let large = large_policies.map(|size| synthetic.add_large_app(size));
    let project = project_of(
        synthetic
            .files
            .into_iter()
            .map(|file| (file.path, file.text)),
    );
    (project, large)
}

/// A project of these files at the newest API version.
pub fn project_of(files: impl IntoIterator<Item = (String, String)>) -> Project {
    let mut project = Project::new(
        "/bench",
        ApiVersionChoice::schema_default(),
        Config::default(),
    );
    for (path, text) in files {
        project.set_file(path, text);
    }
    project
}

impl Workbench {
    pub fn new(project: Project, path: impl Into<String>) -> Workbench {
        Workbench {
            project,
            path: path.into(),
        }
    }

    pub fn text(&self) -> &str {
        self.project
            .file(&self.path)
            .map_or("", |file| file.text.as_str())
    }

    /// The byte offset just after the first `needle` in the file (or its start).
    pub fn offset_after(&self, needle: &str) -> usize {
        self.text()
            .find(needle)
            .map_or(0, |index| index + needle.len())
    }

    /// A keystroke at the end of the file's `<label>` value.
    /// An `x` typed at the end of the `<label>` value, and deleted.
    pub fn keystroke(&self) -> Keystroke {
        let text = self.text();
        let at = text.find("</label>").unwrap_or(text.len());
        Keystroke {
            typed: (TextRange::empty(at), "x"),
            deleted: (TextRange::new(at, at + 1), ""),
        }
    }

    /// A field from the middle of the file, whole with its line, and its text: what deleting
    /// it replaces, and what pasting it back at the start of that range inserts (the empty
    /// range at the file's start when the file has no `customAttributes`).
    pub fn field_to_cut(&self) -> (TextRange, String) {
        let text = self.text();
        let middle = text.len() / 2;
        let field = "    <customAttributes>";
        let end_tag = "</customAttributes>\n";
        let Some(start) = text[middle..].find(field).map(|at| middle + at) else {
            return (TextRange::empty(0), String::new());
        };
        let end = text[start..]
            .find(end_tag)
            .map_or(start, |at| start + at + end_tag.len());
        (TextRange::new(start, end), text[start..end].to_string())
    }

    /// What the language server does after a keystroke in this file: the edit applied to the
    /// file as the server applies it (`SourceFile::edited`: the text spliced, the tree moved
    /// when the edit stays in a value), then the findings of its app's files and of the org
    /// settings (which hold findings of every app's rules) computed again — in a large file,
    /// reusing what the top-level elements the edit did not touch found before. Returns the
    /// number of findings, so nothing is optimized away.
    pub fn type_edit(&mut self, (range, inserted): (TextRange, &str)) -> usize {
        if let Some(file) = self.project.file(&self.path) {
            let edited = file.edited(range, inserted);
            self.project.insert(edited);
        }
        let mut count = 0;
        if let Some(app) = self.project.app_of(&self.path) {
            count += app_findings(&self.project, &app);
        } else {
            count += eca_analysis::file_diagnostics(&self.project, &self.path).len();
        }
        for org_settings in self
            .project
            .files()
            .filter(|file| file.is_org_settings())
            .map(|file| file.path.clone())
            .collect::<Vec<_>>()
        {
            count += eca_analysis::file_diagnostics(&self.project, &org_settings).len();
        }
        count
    }

    /// Every finding of the file (structural checks and rules), as an editor shows them,
    /// computed from scratch: nothing remembered from an earlier check of a large file's
    /// elements is reused (the app rules' findings, remembered per app, still are).
    pub fn file_diagnostics(&self) -> Vec<Diagnostic> {
        self.project.forget_top_level_findings();
        eca_analysis::file_diagnostics(&self.project, &self.path)
    }
}

fn app_findings(project: &Project, app: &App) -> usize {
    eca_analysis::app_diagnostics(project, app)
        .values()
        .map(Vec::len)
        .sum()
}

fn collect(root: &Path, folder: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(text) = std::fs::read_to_string(&path) {
            let relative = path
                .strip_prefix(root)
                .map(|relative| relative.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push((relative, text));
        }
    }
}
