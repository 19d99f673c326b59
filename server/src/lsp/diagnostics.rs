//! Pushing diagnostics: computing the findings of the files a change affects (which ones is
//! the model's answer, `eca_analysis::model::invalidation`) on a snapshot, and publishing them
//! so that a result computed for an older state never replaces a newer one.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};

use eca_analysis::Diagnostic;
use tokio::sync::Mutex;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert;
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
    /// By the document's path key: one file may be spelled by several URIs (`@` or `%40`,
    /// a drive letter's case), and the client keeps diagnostics per spelling.
    published: Mutex<HashMap<String, Published>>,
    /// How many notifications were sent, for the test hook that waits for a settled state.
    sent: AtomicU64,
}

#[derive(Debug)]
struct Published {
    /// The spelling the diagnostics were last published under.
    uri: Uri,
    generation: u64,
    version: Option<i32>,
    diagnostics: Vec<lsp::Diagnostic>,
}

/// The findings of the job's dirty files: the set `model::invalidation` answered for the
/// changes since the last job, computed as `eca-ls check` computes them (the same entry point,
/// on the same project), so the editor cannot disagree with the command line.
pub fn compute(job: &DiagnosticJob) -> Vec<Publication> {
    let project = &job.project;
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> =
        eca_analysis::project_diagnostics_of(project, |path| job.dirty.contains(path));
    // A dirty file with no findings (or of no known type) still gets its empty publication.
    for path in &job.dirty {
        if project.file(path).is_some() {
            by_path.entry(path.clone()).or_default();
        }
    }
    for (path, problem) in &job.encoding_problems {
        if let Some(diagnostics) = by_path.get_mut(path) {
            diagnostics.insert(
                0,
                crate::workspace::encoding_diagnostic(path.clone(), *problem),
            );
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
            sent: AtomicU64::new(0),
        }
    }

    /// How many `publishDiagnostics` notifications were sent so far.
    pub fn published_count(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }

    async fn send(&self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.client
            .publish_diagnostics(uri, diagnostics, version)
            .await;
        self.sent.fetch_add(1, Ordering::SeqCst);
    }

    /// Publish what was computed at `generation`. A document that already got diagnostics of a
    /// later generation keeps them; one whose diagnostics and version did not change is not
    /// sent again. The lock is held while sending, so publications leave in generation order.
    /// A document published under another spelling of its URI before (the client's, while it
    /// was open) has that spelling cleared, so that no stale entry stays behind in the client.
    pub async fn publish(&self, generation: u64, publications: Vec<Publication>) {
        let mut published = self.published.lock().await;
        for publication in publications {
            let key = convert::path_key(&publication.uri);
            if let Some(previous) = published.get_mut(&key) {
                if previous.generation > generation {
                    continue;
                }
                if previous.uri != publication.uri {
                    if !previous.diagnostics.is_empty() {
                        self.send(previous.uri.clone(), Vec::new(), None).await;
                    }
                } else if previous.version == publication.version
                    && previous.diagnostics == publication.diagnostics
                {
                    previous.generation = generation;
                    continue;
                }
            }
            self.send(
                publication.uri.clone(),
                publication.diagnostics.clone(),
                publication.version,
            )
            .await;
            published.insert(
                key,
                Published {
                    uri: publication.uri,
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
