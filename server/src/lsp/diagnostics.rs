//! Pushing diagnostics: which files a change affects, computing their findings on a snapshot,
//! and publishing them so that a result computed for an older state never replaces a newer one.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use eca_analysis::{App, Diagnostic};
use tokio::sync::Mutex;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::proto::{self, Locator};
use super::state::DiagnosticJob;

/// The diagnostics of one document, ready to publish.
#[derive(Debug, Clone, PartialEq)]
pub struct Publication {
    pub uri: Uri,
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp::Diagnostic>,
}

/// Sends diagnostics to the client in generation order per document, and only when they
/// changed.
#[derive(Debug)]
pub struct Publisher {
    client: Client,
    published: Mutex<HashMap<Uri, Published>>,
}

#[derive(Debug)]
struct Published {
    generation: u64,
    version: Option<i32>,
    diagnostics: Vec<lsp::Diagnostic>,
}

/// The findings of the job's dirty files and of every file they affect: the other files of
/// the same app, and for org settings every app's files.
pub fn compute(job: &DiagnosticJob) -> Vec<Publication> {
    let project = &job.project;
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    let every_file = job.dirty.len() >= project.file_count()
        && project.files().all(|file| job.dirty.contains(&file.path));
    if every_file {
        by_path = eca_analysis::project_diagnostics(project);
        for file in project.files() {
            by_path.entry(file.path.clone()).or_default();
        }
    } else {
        // The apps of the dirty files, whose rules' findings land in any of their files. An
        // org settings file is dirty for its findings from the apps' rules, which those apps
        // bring (when its own text changed, every file was marked dirty with it: see
        // `state::mark_affected`).
        let apps: BTreeMap<String, App> = job
            .dirty
            .iter()
            .filter(|path| {
                project
                    .file(path)
                    .is_some_and(|file| !file.is_org_settings())
            })
            .filter_map(|path| project.app_of(path))
            .map(|app| (app.name.clone(), app))
            .collect();
        for app in apps.values() {
            let members: BTreeSet<&String> = app.header.iter().chain(&app.components).collect();
            for (path, diagnostics) in eca_analysis::app_diagnostics(project, app) {
                if members.contains(&path) {
                    by_path.insert(path, diagnostics);
                }
            }
        }
        // Every other dirty file on its own: files of no app, org settings, and what an app's
        // findings leave out (a second header of the app, which is not one of its members).
        let mut single_files: BTreeSet<&String> = job
            .dirty
            .iter()
            .filter(|path| project.file(path).is_some())
            .collect();
        if !apps.is_empty() {
            // Org settings hold findings of every app's rules: refresh them whole.
            single_files.extend(project.org_settings_files().map(|file| &file.path));
        }
        for path in single_files {
            if !by_path.contains_key(path) {
                let diagnostics = eca_analysis::file_diagnostics(project, path);
                by_path.insert(path.clone(), diagnostics);
            }
        }
    }
    for path in &job.not_utf8 {
        if let Some(diagnostics) = by_path.get_mut(path) {
            diagnostics.insert(0, crate::workspace::not_utf8_diagnostic(path.clone()));
        }
    }
    let locator = Locator {
        project,
        encoding: job.encoding,
        open: &job.open,
    };
    by_path
        .into_iter()
        .filter_map(|(path, diagnostics)| {
            Some(Publication {
                uri: locator.uri(&path)?,
                version: locator.version(&path),
                diagnostics: diagnostics
                    .iter()
                    .filter_map(|diagnostic| proto::diagnostic(&locator, diagnostic))
                    .collect(),
            })
        })
        .collect()
}

impl Publisher {
    pub fn new(client: Client) -> Publisher {
        Publisher {
            client,
            published: Mutex::new(HashMap::new()),
        }
    }

    /// Publish what was computed at `generation`. A document that already got diagnostics of a
    /// later generation keeps them; one whose diagnostics and version did not change is not
    /// sent again. The lock is held while sending, so publications leave in generation order.
    pub async fn publish(&self, generation: u64, publications: Vec<Publication>) {
        let mut published = self.published.lock().await;
        for publication in publications {
            if let Some(previous) = published.get_mut(&publication.uri) {
                if previous.generation > generation {
                    continue;
                }
                if previous.version == publication.version
                    && previous.diagnostics == publication.diagnostics
                {
                    previous.generation = generation;
                    continue;
                }
            }
            self.client
                .publish_diagnostics(
                    publication.uri.clone(),
                    publication.diagnostics.clone(),
                    publication.version,
                )
                .await;
            published.insert(
                publication.uri,
                Published {
                    generation,
                    version: publication.version,
                    diagnostics: publication.diagnostics,
                },
            );
        }
    }

    /// Withdraw the diagnostics of documents no project holds any more.
    pub async fn withdraw(&self, generation: u64, uris: Vec<Uri>) {
        let publications = uris
            .into_iter()
            .map(|uri| Publication {
                uri,
                version: None,
                diagnostics: Vec::new(),
            })
            .collect();
        self.publish(generation, publications).await;
    }
}
