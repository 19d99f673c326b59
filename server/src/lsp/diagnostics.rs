//! Diagnostics to the client: computing the findings of the files a change affects (which ones
//! is the model's answer, `eca_analysis::model::invalidation`) on a snapshot, and either pushing
//! them (`publishDiagnostics`) so that a result computed for an older state never replaces a
//! newer one, or, for a client that pulls (LSP 3.17 `textDocument/diagnostic`,
//! `workspace/diagnostic`), keeping them to answer the workspace pull and to tell when the
//! client should pull again. A client that pulls its open documents only (Neovim) has the
//! diagnostics of the other files pushed, and cleared when a document opens and its pull takes
//! over.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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
    /// The open document's version; `None` for a file the client does not have open.
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp::Diagnostic>,
}

impl Publication {
    fn is_open(&self) -> bool {
        self.version.is_some()
    }
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
    /// The client pulls: keep what is computed, send nothing.
    pull: AtomicBool,
    /// The client pulls its open documents only, never `workspace/diagnostic`: push the
    /// diagnostics of documents it does not have open.
    push_unopened: AtomicBool,
}

#[derive(Debug)]
struct Published {
    /// The spelling the diagnostics were last published under.
    uri: Uri,
    generation: u64,
    version: Option<i32>,
    diagnostics: Vec<lsp::Diagnostic>,
    /// [`result_id`] of `diagnostics`, taken when they are stored: a workspace pull (VS Code
    /// sends one every few seconds) then compares ids without hashing every file again.
    result_id: String,
    /// The client holds `diagnostics` because they were pushed (under `uri`), not pulled.
    pushed: bool,
}

/// The findings of the job's dirty files: the set `model::invalidation` answered for the
/// changes since the last job, computed as `eca-ls check` computes them (the same entry point,
/// on the same project), so the editor cannot disagree with the command line.
pub fn compute(job: &DiagnosticJob) -> Vec<Publication> {
    let project = &job.project;
    // A file the `.forceignore` leaves out is not checked, as `eca-ls check` does not check it.
    let mut by_path: BTreeMap<String, Vec<Diagnostic>> = if job.left_out {
        BTreeMap::new()
    } else {
        eca_analysis::project_diagnostics_of(project, |path| job.dirty.contains(path))
    };
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
            pull: AtomicBool::new(false),
            push_unopened: AtomicBool::new(false),
        }
    }

    /// Keep diagnostics for the client to pull instead of pushing them; with `open_only`, only
    /// those of the documents it has open (the others are pushed).
    pub fn set_pull(&self, pull: bool, open_only: bool) {
        self.pull.store(pull, Ordering::SeqCst);
        self.push_unopened
            .store(pull && open_only, Ordering::SeqCst);
    }

    pub fn pulls(&self) -> bool {
        self.pull.load(Ordering::SeqCst)
    }

    /// Whether `publication` goes to the client as a notification rather than waiting for a
    /// pull.
    fn pushes(&self, publication: &Publication) -> bool {
        !self.pulls() || (self.push_unopened.load(Ordering::SeqCst) && !publication.is_open())
    }

    /// The `workspace/diagnostic` answer from what was computed last: every file of every
    /// project, `unchanged` where the client's previous result id still holds. Files whose
    /// diagnostics the client was pushed are left out: it holds them already, and the same
    /// findings reported both ways would show twice.
    pub async fn workspace_report(
        &self,
        previous: &[lsp::PreviousResultId],
    ) -> lsp::WorkspaceDiagnosticReport {
        let previous: HashMap<String, &str> = previous
            .iter()
            .map(|result| (convert::path_key(&result.uri), result.value.as_str()))
            .collect();
        let published = self.published.lock().await;
        let mut entries: Vec<(&String, &Published)> = published
            .iter()
            .filter(|(_, entry)| !entry.pushed)
            .collect();
        entries.sort_by(|left, right| left.0.cmp(right.0));
        let items = entries
            .into_iter()
            .map(|(key, entry)| {
                let result_id = entry.result_id.clone();
                let version = entry.version.map(i64::from);
                if previous.get(key) == Some(&result_id.as_str()) {
                    lsp::WorkspaceDocumentDiagnosticReport::Unchanged(
                        lsp::WorkspaceUnchangedDocumentDiagnosticReport {
                            uri: entry.uri.clone(),
                            version,
                            unchanged_document_diagnostic_report:
                                lsp::UnchangedDocumentDiagnosticReport { result_id },
                        },
                    )
                } else {
                    lsp::WorkspaceDocumentDiagnosticReport::Full(
                        lsp::WorkspaceFullDocumentDiagnosticReport {
                            uri: entry.uri.clone(),
                            version,
                            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                                result_id: Some(result_id),
                                items: entry.diagnostics.clone(),
                            },
                        },
                    )
                }
            })
            .collect();
        lsp::WorkspaceDiagnosticReport { items }
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
    /// Pushed diagnostics the client holds and a publication does not replace — published
    /// under another spelling of the URI before (the client's, while it was open), or of a
    /// document the client now pulls (just opened) — are cleared, so that no stale entry stays
    /// behind in the client.
    ///
    /// What the client pulls is not sent: the result is kept for `workspace/diagnostic`, and
    /// the answer says whether a pulled document's diagnostics changed while its version did
    /// not (a change in another file, or on disk): the client cannot know that it should pull
    /// again. (A document whose version moved is pulled by the client after its own change.)
    pub async fn publish(&self, generation: u64, publications: Vec<Publication>) -> bool {
        let mut changed_elsewhere = false;
        let mut published = self.published.lock().await;
        for publication in publications {
            let push = self.pushes(&publication);
            let key = convert::path_key(&publication.uri);
            if let Some(previous) = published.get_mut(&key) {
                if previous.generation > generation {
                    continue;
                }
                let held = previous.pushed && !previous.diagnostics.is_empty();
                if held && (previous.uri != publication.uri || !push) {
                    self.send(previous.uri.clone(), Vec::new(), None).await;
                } else if previous.uri == publication.uri
                    && previous.pushed == push
                    && previous.version == publication.version
                    && previous.diagnostics == publication.diagnostics
                {
                    previous.generation = generation;
                    continue;
                }
                if !push
                    && previous.version == publication.version
                    && previous.diagnostics != publication.diagnostics
                {
                    changed_elsewhere = true;
                }
            } else if !push {
                // Never computed before (the first index, a new file): a client may have pulled
                // before the index was read.
                changed_elsewhere = true;
            }
            if push {
                self.send(
                    publication.uri.clone(),
                    publication.diagnostics.clone(),
                    publication.version,
                )
                .await;
            }
            published.insert(
                key,
                Published {
                    uri: publication.uri,
                    generation,
                    version: publication.version,
                    result_id: result_id(&publication.diagnostics),
                    diagnostics: publication.diagnostics,
                    pushed: push,
                },
            );
        }
        changed_elsewhere
    }

    /// Withdraw the diagnostics of documents no project holds any more (pulled: an empty
    /// report for them on the next workspace pull).
    pub async fn withdraw(&self, generation: u64, uris: Vec<Uri>) -> bool {
        let publications: Vec<Publication> = uris
            .into_iter()
            .map(|uri| Publication {
                uri,
                version: None,
                diagnostics: Vec::new(),
            })
            .collect();
        let any = !publications.is_empty();
        self.publish(generation, publications).await || any
    }
}

/// The result id of a document's diagnostics: equal diagnostics, equal ids, so that a client
/// pulling again with the id it holds gets `unchanged` and no list.
pub fn result_id(diagnostics: &[lsp::Diagnostic]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(diagnostics)
        .unwrap_or_default()
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The `textDocument/diagnostic` answer for one document's diagnostics: `unchanged` when the
/// client's previous result id still holds.
pub fn document_report(
    diagnostics: Vec<lsp::Diagnostic>,
    previous_result_id: Option<&str>,
) -> lsp::DocumentDiagnosticReportResult {
    let result_id = result_id(&diagnostics);
    let report = if previous_result_id == Some(result_id.as_str()) {
        lsp::DocumentDiagnosticReport::Unchanged(lsp::RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                result_id,
            },
        })
    } else {
        lsp::DocumentDiagnosticReport::Full(lsp::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items: diagnostics,
            },
        })
    };
    lsp::DocumentDiagnosticReportResult::Report(report)
}
