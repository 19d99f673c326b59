//! The `LanguageServer` implementation: each handler converts its params, applies a mutation
//! under the lock or takes a snapshot, calls the analysis on a blocking thread (where a panic
//! becomes an `InternalError` answer and a cancelled request stops waiting) — or, for
//! completion and hover, right away, since they cost less than the hop — and converts the
//! result. No analysis logic lives here.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use eca_analysis::SourceFile;
use eca_analysis::writers::app_config;
use serde::Deserialize;
use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::request::ApplyWorkspaceEdit;
use tower_lsp_server::ls_types::{
    ApplyWorkspaceEditParams, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionResponse, CodeActionTriggerKind, CodeLens, CodeLensParams, CompletionParams,
    CompletionResponse, ConfigurationItem, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentDiagnosticParams,
    DocumentDiagnosticReportResult, DocumentFormattingParams, DocumentHighlight,
    DocumentHighlightKind, DocumentHighlightParams, DocumentRangeFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams, FileChangeType,
    FoldingRange, FoldingRangeParams, FormattingOptions, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverParams, InitializeParams, InitializeResult,
    InitializedParams, LinkedEditingRangeParams, LinkedEditingRanges, Location, MessageType,
    PrepareRenameResponse, ProgressParams, ProgressParamsValue, ProgressToken, ReferenceParams,
    RenameFilesParams, RenameParams, SelectionRange, SelectionRangeParams, ServerInfo,
    TextDocumentIdentifier, TextDocumentPositionParams, TextEdit, Uri, WorkDoneProgress,
    WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport, WorkspaceDiagnosticParams,
    WorkspaceDiagnosticReportResult, WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::allocator;
use super::capabilities::{self, ClientFlags};
use super::diagnostics::{self, Publisher};
use super::state::{self, FileEventKind, IndexProgress, Snapshot, WorldState};
use super::transport::OutputQueue;
use super::{
    authoring, commands, convert, custom, formatting, navigation, plan_edit, proto, rename,
    settings,
};

/// How long the server waits for the client to answer a request of its own before going on
/// without the answer.
const CLIENT_ANSWER_LIMIT: Duration = Duration::from_secs(30);

/// The server: shared state behind a lock, the client, and the diagnostics publisher.
#[derive(Debug, Clone)]
pub struct EcaLanguageServer {
    client: Client,
    world: Arc<Mutex<WorldState>>,
    flags: Arc<Mutex<ClientFlags>>,
    publisher: Arc<Publisher>,
    /// For `$/progress` during `initialize`, which the client would hold back.
    early: OutputQueue,
    /// Counts `workspace/configuration` fetches, so that only the latest one's answer is
    /// applied when several are in flight.
    configuration_fetches: Arc<AtomicU64>,
    /// Background work in flight (diagnostics, settings fetches, disk reads): the test hook
    /// that waits for the server to settle waits for this to reach zero.
    busy: Arc<AtomicUsize>,
    /// Set by every mutation but an edit of an open document's text: the next round of
    /// diagnostics that leaves nothing in flight hands free memory back (see
    /// [`EcaLanguageServer::refresh`]).
    memory_to_release: Arc<AtomicBool>,
    /// The lane of work that reads the disk (file events, re-indexing): one job at a time, in
    /// the order the client's notifications came, off the protocol threads, and reading
    /// without the world's lock (see [`EcaLanguageServer::read_disk`]).
    disk_lane: tokio::sync::mpsc::UnboundedSender<(DiskJob, Busy)>,
    disk_lane_receiver: Arc<Mutex<Option<DiskLaneReceiver>>>,
    /// How many disk jobs were queued, and (watched) how many the lane has finished: a command
    /// that plans writes from the project waits until the jobs queued before it are done, so
    /// it sees every file the client reported before asking.
    disk_jobs_queued: Arc<AtomicU64>,
    disk_jobs_done: Arc<tokio::sync::watch::Sender<u64>>,
}

type DiskLaneReceiver = tokio::sync::mpsc::UnboundedReceiver<(DiskJob, Busy)>;

/// Work that reads the disk.
#[derive(Debug)]
enum DiskJob {
    /// File watcher events.
    Files(Vec<(PathBuf, FileEventKind)>),
    /// Re-form the projects from the workspace folders (they, or which files the
    /// `.forceignore` leaves out, changed).
    Reindex,
}

/// Counts one piece of background work as in flight until dropped.
#[derive(Debug)]
struct Busy(Arc<AtomicUsize>);

impl Busy {
    fn start(counter: &Arc<AtomicUsize>) -> Busy {
        counter.fetch_add(1, Ordering::SeqCst);
        Busy(Arc::clone(counter))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The answer of `eca-ls/debugSettle`.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settled {
    /// How many `textDocument/publishDiagnostics` notifications the server has sent: a client
    /// that has received this many has every publication of the settled state.
    pub published: u64,
}

/// Params of the custom requests that name a document.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentParams {
    pub text_document: TextDocumentIdentifier,
}

impl EcaLanguageServer {
    pub fn new(client: Client, early: OutputQueue) -> EcaLanguageServer {
        let (disk_lane, disk_lane_receiver) = tokio::sync::mpsc::unbounded_channel();
        EcaLanguageServer {
            early,
            publisher: Arc::new(Publisher::new(client.clone())),
            client,
            world: Arc::new(Mutex::new(WorldState::default())),
            flags: Arc::new(Mutex::new(ClientFlags::default())),
            configuration_fetches: Arc::new(AtomicU64::new(0)),
            busy: Arc::new(AtomicUsize::new(0)),
            memory_to_release: Arc::new(AtomicBool::new(false)),
            disk_lane,
            disk_lane_receiver: Arc::new(Mutex::new(Some(disk_lane_receiver))),
            disk_jobs_queued: Arc::new(AtomicU64::new(0)),
            disk_jobs_done: Arc::new(tokio::sync::watch::Sender::new(0)),
        }
    }

    /// Queue work that reads the disk; it counts as in flight from now on.
    fn queue_disk_job(&self, job: DiskJob) {
        let busy = Busy::start(&self.busy);
        self.disk_jobs_queued.fetch_add(1, Ordering::SeqCst);
        // Fails only when the lane is gone, at the end of the session.
        let _ = self.disk_lane.send((job, busy));
    }

    /// Wait until the lane has finished every disk job queued so far (file events and
    /// re-indexing the client's notifications asked for before this point).
    async fn disk_caught_up(&self) {
        let queued = self.disk_jobs_queued.load(Ordering::SeqCst);
        let mut done = self.disk_jobs_done.subscribe();
        // Fails only when the sender is gone, which the server itself holds.
        let _ = done.wait_for(|done| *done >= queued).await;
    }

    /// Serve the disk lane: each job reads what it needs without the world's lock (the world
    /// is locked only to plan the job and to apply what was read), on a blocking thread, then
    /// the changes are published.
    fn start_disk_lane(&self) {
        let Some(mut receiver) = lock(&self.disk_lane_receiver).take() else {
            return;
        };
        let server = self.clone();
        tokio::spawn(async move {
            while let Some((job, busy)) = receiver.recv().await {
                let world = Arc::clone(&server.world);
                let done = tokio::task::spawn_blocking(move || {
                    catch_unwind(AssertUnwindSafe(|| Self::read_disk(&world, job)))
                })
                .await;
                if !matches!(done, Ok(Ok(()))) {
                    lock(&server.world).add_message(
                        "eca-ls failed while reading changes on disk; reopen the affected files if their diagnostics look wrong".to_string(),
                    );
                }
                server.watch_new_roots();
                server.refresh();
                server.disk_jobs_done.send_modify(|done| *done += 1);
                drop(busy);
            }
        });
    }

    /// One disk job: plan under the lock, read without it, apply under it.
    fn read_disk(world: &Mutex<WorldState>, job: DiskJob) {
        let reindex = match job {
            DiskJob::Files(events) => {
                let plan = lock(world).plan_file_events(&events);
                let read = state::read_file_events(plan);
                lock(world).apply_file_events(read)
            }
            DiskJob::Reindex => true,
        };
        if reindex {
            let (folders, include_ignored) = {
                let world = lock(world);
                (world.folders_to_index(), world.include_ignored)
            };
            let read = state::read_index(&folders, include_ignored, &|_| {});
            lock(world).apply_index(folders, read);
        }
    }

    /// Test hook (only registered when `ECA_LS_TEST_HOOKS=1`): wait until every change so far
    /// has been applied and its diagnostics published, and say how many publications were
    /// sent, so that a test compares the client's view with `eca-ls check` on a settled state
    /// instead of after some time.
    pub async fn debug_settle(&self, _params: Value) -> Result<Settled> {
        loop {
            let idle =
                self.busy.load(Ordering::SeqCst) == 0 && !self.world().has_pending_diagnostics();
            if idle {
                return Ok(Settled {
                    published: self.publisher.published_count(),
                });
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
    }

    /// `eca-ls/status`: what eca-ls knows about a document, `null` for one it does not know.
    pub async fn status(&self, params: DocumentParams) -> Result<Option<custom::Status>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        analyse(snapshot, |snapshot, _| {
            let status = eca_analysis::file_status(&snapshot.project, &snapshot.path);
            Some(custom::status(&snapshot, &status))
        })
        .await
    }

    /// `eca-ls/flows`: the flow readiness of the document's app; `null` for a document of no
    /// app (or one eca-ls does not know).
    pub async fn flows(&self, params: DocumentParams) -> Result<Option<custom::Flows>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        analyse(snapshot, |snapshot, _| {
            let app = snapshot.project.app_of(&snapshot.path)?;
            let app_flows = eca_analysis::app_flows(&snapshot.project, &app);
            Some(custom::flows(&snapshot, &app_flows))
        })
        .await
    }

    /// Test hook (only registered when `ECA_LS_TEST_HOOKS=1`): the server's buffer of an open
    /// document, so protocol tests can compare it with the client's after random edits.
    pub async fn debug_text(&self, params: DocumentParams) -> Result<Option<String>> {
        Ok(self.world().document_text(&params.text_document.uri))
    }

    /// Test hook (only registered when `ECA_LS_TEST_HOOKS=1`): a request whose analysis
    /// panics, to show that the panic becomes an error answer and the server keeps serving.
    pub async fn debug_panic(&self, params: DocumentParams) -> Result<Option<String>> {
        let snapshot = self.snapshot(&params.text_document.uri);
        analyse(snapshot, |snapshot, _| {
            let path = snapshot.map(|snapshot| snapshot.path).unwrap_or_default();
            // Deliberate: this hook exists to test the panic boundary.
            panic!("eca-ls/debugPanic was asked to panic on {path}")
        })
        .await
    }

    /// Test hook (only registered when `ECA_LS_TEST_HOOKS=1`): a request whose analysis runs
    /// until the request is cancelled (or the session ends), to test `$/cancelRequest` and that
    /// nothing running keeps the process alive.
    pub async fn debug_block(&self, _params: Value) -> Result<bool> {
        analyse((), |(), cancelled| {
            while !cancelled.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            true
        })
        .await
    }

    /// Run `work` on a snapshot of the document's project with its parsed file; `None` for a
    /// document no project holds.
    /// `eca-ls.newApp`: plan the app in the project of the folder given (else the first
    /// workspace folder), send it as one `workspace/applyEdit`, and answer with what happened.
    async fn new_app(&self, arguments: &[Value]) -> Value {
        let new_app = match commands::new_app_arguments(arguments)
            .and_then(|arguments| Ok((arguments.new_app()?, arguments.folder)))
        {
            Ok(new_app) => new_app,
            Err(message) => return commands::error_answer(&message),
        };
        let (new_app, folder) = new_app;
        let folder = folder
            .as_ref()
            .map(|uri| PathBuf::from(convert::path_key(uri)))
            .or_else(|| self.world().workspace_folders.first().cloned());
        let Some(folder) = folder else {
            return commands::error_answer(
                "open a folder first: a new app goes into the project of a folder",
            );
        };
        let flags = self.flags();
        let target = match self.world().project_for_new_files(&folder) {
            Ok(target) => target,
            Err(message) => return commands::error_answer(&message),
        };
        let encoding = self.world().encoding;
        let planned = analyse(target, move |target, _| {
            let plan = app_config::plan_new_app(&target.project, &target.layout, &new_app);
            plan.map(|mut plan| {
                // In Metadata API format the new components join the project's manifest.
                let manifests = crate::workspace::add_manifest_entries(
                    &mut plan.plan,
                    target.project.api_version.version,
                )?;
                let notes = authoring::plan_notes(&target.project, &plan, &manifests);
                let locator = proto::Locator {
                    project: &target.project,
                    encoding,
                    open: &target.open,
                };
                let document = |path: &str| Some((locator.uri(path)?, locator.version(path)));
                let edit = plan_edit::plan_edit(
                    &plan.plan,
                    flags.resources,
                    encoding,
                    &document,
                    &target.project.root,
                );
                Ok::<_, String>((plan, edit, notes))
            })
        })
        .await;
        let (plan, edit, notes) = match planned {
            Ok(Ok(Ok(planned))) => planned,
            Ok(Ok(Err(message))) => return commands::error_answer(&message),
            Ok(Err(error)) => return commands::refusal(&error),
            Err(error) => return commands::error_answer(&error.message),
        };
        // Asked only now, so that a bad name or a missing value is said first.
        if !flags.resources.create {
            return commands::error_answer(
                "this editor does not let a language server create files (no `create` resource operation in its workspace edits); run `eca-ls new` in a terminal instead",
            );
        }
        if !edit.not_expressed.is_empty() {
            return commands::error_answer(&format!(
                "this editor cannot take the whole app in one edit: {}",
                edit.not_expressed.join("; ")
            ));
        }
        let label = format!("New External Client App `{}`", plan.app);
        let applied = self
            .client
            .send_request::<ApplyWorkspaceEdit>(ApplyWorkspaceEditParams {
                edit: edit.edit,
                label: Some(label),
            })
            .await;
        match applied {
            Ok(response) if response.applied => {
                // What `eca-ls new` prints besides the files (a manifest left to the user),
                // only once the files are there.
                for note in &notes {
                    self.client
                        .show_message(MessageType::INFO, note.clone())
                        .await;
                }
                authoring::created_answer(&plan, &notes)
            }
            Ok(response) => commands::error_answer(&format!(
                "the editor did not apply the new files{}",
                response
                    .failure_reason
                    .map(|reason| format!(": {reason}"))
                    .unwrap_or_default()
            )),
            Err(error) => commands::error_answer(&format!(
                "the editor did not apply the new files: {}",
                error.message
            )),
        }
    }

    /// `ecaLs.showFlows` sent to the server: the code lens's command, which the VS Code and
    /// Neovim plugins run themselves; any other client that sends it gets the app's flows in
    /// a message, and the `eca-ls/flows` answer.
    async fn show_flows(&self, arguments: &[Value]) -> Result<Option<Value>> {
        let Some(uri) = arguments
            .first()
            .and_then(Value::as_str)
            .and_then(|uri| uri.parse::<Uri>().ok())
        else {
            return Err(Error::invalid_params(format!(
                "`{}` takes the URI of an app's file",
                navigation::SHOW_FLOWS_COMMAND
            )));
        };
        let Some(snapshot) = self.snapshot(&uri) else {
            return Ok(None);
        };
        let answer = analyse(snapshot, |snapshot, _| {
            let app = snapshot.project.app_of(&snapshot.path)?;
            let app_flows = eca_analysis::app_flows(&snapshot.project, &app);
            let summary = eca_analysis::ide::code_lens::summary(&app_flows);
            let flows = serde_json::to_value(custom::flows(&snapshot, &app_flows)).ok()?;
            Some((format!("{}: {summary}", app.name), flows))
        })
        .await?;
        let Some((message, flows)) = answer else {
            return Ok(None);
        };
        self.client.show_message(MessageType::INFO, message).await;
        Ok(Some(flows))
    }

    async fn on_file<T, F>(&self, uri: &Uri, work: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot, &SourceFile) -> Option<T> + Send + 'static,
    {
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        analyse(snapshot, move |snapshot, _| {
            let file = snapshot.project.file(&snapshot.path)?;
            work(&snapshot, file)
        })
        .await
    }

    /// Like [`Self::on_file`], but on the protocol thread: for completion and hover, which look
    /// at one place of one file (microseconds, even in a 5 MiB file), handing the work to a
    /// blocking thread and back would cost more than the work itself (two thread wake-ups).
    /// A panic still becomes an `InternalError` answer.
    async fn at_cursor<T, F>(&self, uri: &Uri, work: F) -> Result<Option<T>>
    where
        F: FnOnce(&Snapshot, &SourceFile) -> Option<T>,
    {
        let Some(snapshot) = self.snapshot(uri) else {
            return Ok(None);
        };
        catch_unwind(AssertUnwindSafe(|| {
            let file = snapshot.project.file(&snapshot.path)?;
            work(&snapshot, file)
        }))
        .map_err(|panic| internal_error(&panic_message(panic.as_ref())))
    }

    /// Format a document or a range of it; a document that cannot be formatted (syntax errors)
    /// fails the request with the reason. Notes about the settings go to the client's log.
    async fn format(
        &self,
        uri: &Uri,
        options: FormattingOptions,
        range: Option<tower_lsp_server::ls_types::Range>,
    ) -> Result<Option<Vec<TextEdit>>> {
        let outcome = self
            .on_file(uri, move |snapshot, file| {
                Some(formatting::format_document(snapshot, file, &options, range))
            })
            .await?;
        match outcome {
            None => Ok(None),
            Some(Ok((edits, notes))) => {
                for note in notes {
                    self.client
                        .log_message(MessageType::WARNING, format!("eca-ls: {note}"))
                        .await;
                }
                Ok(Some(edits))
            }
            Some(Err(message)) => Err(request_failed(message)),
        }
    }

    /// Tell the user which files to rename by hand after a rename the client could not take
    /// whole (no `RenameFile` support).
    async fn say_files_to_rename(&self, renamed: &rename::RenameEdit) {
        if let Some(message) = rename::by_hand_message(renamed) {
            self.client
                .show_message(MessageType::WARNING, message)
                .await;
        }
    }

    fn world(&self) -> MutexGuard<'_, WorldState> {
        lock(&self.world)
    }

    fn flags(&self) -> ClientFlags {
        *lock(&self.flags)
    }

    fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        self.world().snapshot(uri)
    }

    /// After a mutation: tell the user about settings problems, withdraw diagnostics of files
    /// that left, and recompute the dirty files' diagnostics, in a task of their own. The dirty
    /// sets are taken when the task runs, so a burst of changes is computed once.
    fn refresh(&self) {
        self.memory_to_release.store(true, Ordering::SeqCst);
        self.refresh_keeping_memory();
    }

    /// [`EcaLanguageServer::refresh`] after an edit of an open document's text: the round does
    /// not hand free memory back by itself. A keystroke frees the document's previous version
    /// and the next keystroke allocates one as large; handed back after each (`malloc_trim`),
    /// those pages were faulted in again by the next edit, on the path from keystroke to
    /// diagnostics. The memory goes back after the next round of any other kind (an open,
    /// a close, a file event, a settings change), and glibc trims the top of its heap itself.
    fn refresh_keeping_memory(&self) {
        let world = Arc::clone(&self.world);
        let publisher = Arc::clone(&self.publisher);
        let client = self.client.clone();
        let server = self.clone();
        let busy = Busy::start(&self.busy);
        tokio::spawn(async move {
            let _busy = busy;
            let (jobs, withdrawal, messages) = {
                let mut world = lock(&world);
                (
                    world.take_diagnostic_jobs(),
                    world.take_withdrawal(),
                    world.take_messages(),
                )
            };
            for message in messages {
                client.show_message(MessageType::WARNING, message).await;
            }
            let mut changed_elsewhere = false;
            if let Some(withdrawal) = withdrawal {
                changed_elsewhere |= publisher
                    .withdraw(withdrawal.generation, withdrawal.uris)
                    .await;
            }
            let mut requeued = false;
            let mut lenses_stale = false;
            for job in jobs {
                let generation = job.generation;
                let root = job.project.root.clone();
                // A header's lens sums up the app's other files: a change there makes it stale
                // (the client asks again for the lenses of a document it changed itself).
                lenses_stale |= job
                    .dirty
                    .iter()
                    .any(|path| job.project.file(path).is_some_and(|file| !file.is_header()));
                // A newer change to the project came while this job waited: drop it, and let
                // the files be computed on the newer state.
                if !lock(&world).keep_or_requeue(&job) {
                    requeued = true;
                    continue;
                }
                let computed = analyse(job, |job, _| {
                    let publications = diagnostics::compute(&job);
                    (job, publications)
                })
                .await;
                match computed {
                    Ok((job, publications)) => {
                        let current = lock(&world).keep_or_requeue(&job);
                        // The job's copy of the project goes before the client hears of the
                        // result: a change the client sends in answer then finds the project's
                        // files unshared, and edits them in place instead of copying the map.
                        drop(job);
                        if current {
                            changed_elsewhere |= publisher.publish(generation, publications).await;
                        } else {
                            requeued = true;
                        }
                    }
                    Err(error) => {
                        client
                            .log_message(
                                MessageType::ERROR,
                                format!(
                                    "eca-ls: computing the diagnostics of {root} failed: {}",
                                    error.message
                                ),
                            )
                            .await;
                    }
                }
            }
            if requeued {
                server.refresh();
            }
            let flags = server.flags();
            let diagnostics_refresh =
                changed_elsewhere && publisher.pulls() && flags.diagnostic_refresh;
            let lenses_refresh = lenses_stale && flags.code_lens_refresh;
            // Awaited (for as long as a client may take to answer), so that a settled state
            // includes the refresh requests it asked for.
            if diagnostics_refresh {
                let _ = tokio::time::timeout(
                    CLIENT_ANSWER_LIMIT,
                    client.workspace_diagnostic_refresh(),
                )
                .await;
            }
            if lenses_refresh {
                let _ = tokio::time::timeout(CLIENT_ANSWER_LIMIT, client.code_lens_refresh()).await;
            }
            // Nothing else in flight: what this round freed (the files its changes replaced,
            // the copies its jobs worked on) goes back to the system, unless only edits of
            // open documents came since the last time (see `refresh_keeping_memory`).
            if server.busy.load(Ordering::SeqCst) == 1
                && server.memory_to_release.swap(false, Ordering::SeqCst)
            {
                allocator::release_free_memory();
            }
        });
    }

    /// Ask the client to watch the indexed projects that lie outside every workspace folder
    /// (their files are not under the plain globs), once each. Clients that cannot watch
    /// relative to a folder see those files' changes when they are opened.
    fn watch_new_roots(&self) {
        let flags = self.flags();
        if !flags.dynamic_file_watching || !flags.relative_watch_patterns {
            return;
        }
        let roots = self.world().take_roots_to_watch();
        let registrations: Vec<_> = roots
            .iter()
            .filter_map(Uri::from_file_path)
            .map(capabilities::project_watcher_registration)
            .collect();
        if registrations.is_empty() {
            return;
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(error) = client.register_capability(registrations).await {
                client
                    .log_message(
                        MessageType::WARNING,
                        format!("eca-ls: the client refused the project file watcher ({}); changes on disk outside the workspace folders are seen when files are opened", error.message),
                    )
                    .await;
            }
        });
    }

    fn apply_settings(&self, value: &Value) {
        let read = settings::read(value);
        let reindex = self.mutate("the settings", move |world| {
            for problem in &read.problems {
                world.add_message(format!("eca-ls settings: {problem}"));
            }
            world.editor_config = read.config;
            world.reload_settings();
            let reindex = world.include_ignored != read.include_ignored;
            world.include_ignored = read.include_ignored;
            reindex
        });
        if reindex == Some(true) {
            // Which files belong to the projects changes: they are read again, in the disk
            // lane (not under the world's lock).
            self.queue_disk_job(DiskJob::Reindex);
        }
    }

    /// Apply a mutation under the lock. A panic inside (a bug: mutations are written not to
    /// panic) is caught so the session survives; the user is told to reopen what may be stale.
    fn mutate<T>(&self, what: &str, change: impl FnOnce(&mut WorldState) -> T) -> Option<T> {
        let mut world = self.world();
        match catch_unwind(AssertUnwindSafe(|| change(&mut world))) {
            Ok(value) => Some(value),
            Err(panic) => {
                let detail = panic_message(panic.as_ref());
                world.add_message(format!(
                    "eca-ls failed while applying {what} ({detail}); reopen the affected files if their diagnostics look wrong"
                ));
                None
            }
        }
    }
}

impl LanguageServer for EcaLanguageServer {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = convert::negotiate_encoding(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|general| general.position_encodings.as_deref()),
        );
        let flags = ClientFlags::from_capabilities(&params.capabilities);
        *lock(&self.flags) = flags;
        self.publisher
            .set_pull(flags.pull_diagnostics, flags.open_documents_pull_only);
        let read = settings::read(
            params
                .initialization_options
                .as_ref()
                .unwrap_or(&Value::Null),
        );
        let folders = workspace_folders(&params);
        let mut world = WorldState::new(encoding, read.config.clone(), folders);
        world.include_ignored = read.include_ignored;
        for problem in &read.problems {
            world.add_message(format!("eca-ls settings: {problem}"));
        }
        // Reading the workspace is IO: do it off the async threads. A failure leaves the
        // index empty rather than failing the session.
        let progress = params
            .work_done_progress_params
            .work_done_token
            .clone()
            .map(|token| Arc::new(IndexingProgress::begin(self.early.clone(), token)));
        let reporter = progress.clone();
        let indexed = analyse(world, move |mut world, _| {
            match &reporter {
                Some(reporter) => world.index_workspace_reporting(&|at| reporter.report(at)),
                None => world.index_workspace(),
            }
            world
        })
        .await;
        if let Some(progress) = progress {
            progress.end();
        }
        match indexed {
            Ok(world) => *self.world() = world,
            Err(error) => {
                let mut world = WorldState::new(encoding, read.config, Vec::new());
                world.include_ignored = read.include_ignored;
                world.add_message(format!(
                    "eca-ls could not index the workspace: {}",
                    error.message
                ));
                *self.world() = world;
            }
        }
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(encoding, &flags),
            server_info: Some(ServerInfo {
                name: "eca-ls".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _params: InitializedParams) {
        self.start_disk_lane();
        if self.flags().dynamic_file_watching {
            let client = self.client.clone();
            tokio::spawn(async move {
                let registration = capabilities::file_watcher_registration();
                if let Err(error) = client.register_capability(vec![registration]).await {
                    client
                        .log_message(
                            MessageType::WARNING,
                            format!("eca-ls: the client refused the file watcher ({}); changes on disk are seen when files are opened", error.message),
                        )
                        .await;
                }
            });
        }
        self.watch_new_roots();
        self.refresh();
    }

    async fn shutdown(&self) -> Result<()> {
        // The exit status is decided by the transport, which sees `shutdown` and `exit` in the
        // order the client sent them.
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        self.mutate("an opened document", |world| {
            world.open(document.uri, document.version, &document.text);
        });
        self.watch_new_roots();
        self.refresh();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let document = params.text_document;
        let applied = self.mutate("a document change", |world| {
            world.change(&document.uri, document.version, &params.content_changes)
        });
        if applied != Some(false) {
            self.refresh_keeping_memory();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.mutate("a closed document", |world| {
            world.close(&params.text_document.uri);
        });
        self.refresh();
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let events: Vec<(PathBuf, FileEventKind)> = params
            .changes
            .iter()
            .filter_map(|event| {
                let kind = match event.typ {
                    FileChangeType::CREATED => FileEventKind::Created,
                    FileChangeType::DELETED => FileEventKind::Deleted,
                    _ => FileEventKind::Changed,
                };
                Some((convert::file_path(&event.uri)?, kind))
            })
            .collect();
        // Read in the disk lane, which then publishes (and watches a project a new or moved
        // sfdx-project.json may have widened a workspace folder to).
        self.queue_disk_job(DiskJob::Files(events));
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let empty = match &params.settings {
            Value::Null => true,
            Value::Object(object) => object.is_empty(),
            _ => false,
        };
        if !empty || !self.flags().configuration_requests {
            self.apply_settings(&params.settings);
            self.refresh();
            return;
        }
        // The client sent no settings, only the news that they changed: ask for them, in a
        // task of its own with a time limit, so that a client that never answers holds up
        // neither this notification nor the session's end.
        let fetch = self.configuration_fetches.fetch_add(1, Ordering::SeqCst) + 1;
        // Every field is a shared handle: the copy sees the same state.
        let server = self.clone();
        let busy = Busy::start(&self.busy);
        tokio::spawn(async move {
            let _busy = busy;
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some(settings::SECTION.to_string()),
            };
            let answer =
                tokio::time::timeout(CLIENT_ANSWER_LIMIT, server.client.configuration(vec![item]))
                    .await;
            let problem = match answer {
                Ok(Ok(values)) => {
                    // A later fetch supersedes this one: its answer is the newer.
                    if server.configuration_fetches.load(Ordering::SeqCst) == fetch {
                        let value = values.into_iter().next().unwrap_or(Value::Null);
                        server.apply_settings(&value);
                        server.refresh();
                    }
                    return;
                }
                Ok(Err(error)) => error.message.to_string(),
                Err(_) => format!(
                    "the client did not answer workspace/configuration within {} seconds",
                    CLIENT_ANSWER_LIMIT.as_secs()
                ),
            };
            server
                .client
                .log_message(
                    MessageType::WARNING,
                    format!("eca-ls: could not read the settings: {problem}"),
                )
                .await;
        });
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = params
            .event
            .removed
            .iter()
            .filter_map(|folder| convert::file_path(&folder.uri))
            .collect();
        let added: Vec<PathBuf> = params
            .event
            .added
            .iter()
            .filter_map(|folder| convert::file_path(&folder.uri))
            .collect();
        self.mutate("the workspace folders", |world| {
            world
                .workspace_folders
                .retain(|folder| !removed.contains(folder));
            for path in added {
                if !world.workspace_folders.contains(&path) {
                    world.workspace_folders.push(path);
                }
            }
        });
        self.queue_disk_job(DiskJob::Reindex);
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let flags = self.flags();
        let only = params.context.only.clone();
        let wanted = |kind: &CodeActionKind| match &only {
            None => true,
            Some(only) => only.iter().any(|prefix| {
                kind.as_str() == prefix.as_str()
                    || kind.as_str().starts_with(&format!("{}.", prefix.as_str()))
            }),
        };
        let mut actions: CodeActionResponse = Vec::new();
        if wanted(&CodeActionKind::QUICKFIX) {
            // Quick fixes come whole from the diagnostics' data: no state needed.
            for diagnostic in &params.context.diagnostics {
                for fix in proto::fixes_of(diagnostic) {
                    actions.push(CodeActionOrCommand::CodeAction(
                        tower_lsp_server::ls_types::CodeAction {
                            title: fix.title,
                            kind: Some(CodeActionKind::QUICKFIX),
                            diagnostics: Some(vec![diagnostic.clone()]),
                            edit: Some(proto::workspace_edit(fix.edits, flags.document_changes)),
                            is_preferred: Some(fix.preferred),
                            ..Default::default()
                        },
                    ));
                }
            }
        }
        let document_changes = flags.document_changes;
        let range = params.range;
        let analysis_actions = self
            .on_file(&params.text_document.uri, move |snapshot, file| {
                let range = convert::text_range(file.line_index(), range, snapshot.encoding);
                let locator = snapshot.locator();
                let actions = eca_analysis::code_actions(&snapshot.project, &snapshot.path, range);
                Some(
                    actions
                        .iter()
                        .filter_map(|action| proto::code_action(&locator, action, document_changes))
                        .collect::<Vec<_>>(),
                )
            })
            .await?
            .unwrap_or_default();
        actions.extend(
            analysis_actions
                .into_iter()
                .filter(|action| action.kind.as_ref().is_some_and(&wanted))
                .map(CodeActionOrCommand::CodeAction),
        );
        let fix_all_kind = CodeActionKind::new(proto::FIX_ALL_KIND);
        if wanted(&fix_all_kind) {
            let resources = flags.resources;
            let fix_all = self
                .on_file(&params.text_document.uri, move |snapshot, _| {
                    authoring::fix_all_action(snapshot, resources)
                })
                .await?;
            actions.extend(fix_all.map(CodeActionOrCommand::CodeAction));
        }
        // Configuring computes a plan per flow: only when the user asks for actions (not on
        // every cursor move) or for refactorings by name.
        let asked = params.context.trigger_kind == Some(CodeActionTriggerKind::INVOKED)
            || only.as_ref().is_some_and(|only| {
                only.iter()
                    .any(|kind| kind.as_str().starts_with(CodeActionKind::REFACTOR.as_str()))
            });
        if asked && wanted(&CodeActionKind::REFACTOR_REWRITE) {
            let configure = self
                .on_file(&params.text_document.uri, move |snapshot, _| {
                    Some(authoring::configure_actions(snapshot, flags))
                })
                .await?
                .unwrap_or_default();
            actions.extend(configure.into_iter().map(CodeActionOrCommand::CodeAction));
        }
        // Migrating computes the new app and checks it: also only when asked.
        if asked && wanted(&CodeActionKind::new(proto::MIGRATE_KIND)) {
            let migrate = self
                .on_file(&params.text_document.uri, move |snapshot, _| {
                    proto::migrate_action(&snapshot.locator(), &snapshot.path, flags)
                })
                .await?;
            actions.extend(migrate.map(CodeActionOrCommand::CodeAction));
        }
        Ok(Some(actions))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            commands::LIST_FLOWS => Ok(Some(commands::list_flows())),
            commands::NEW_APP => {
                // The new app is planned from the project: it must hold the files the client
                // reported before the command (an app created meanwhile makes the name taken).
                self.disk_caught_up().await;
                Ok(Some(self.new_app(&params.arguments).await))
            }
            navigation::SHOW_FLOWS_COMMAND => self.show_flows(&params.arguments).await,
            commands::SHOW_NOTES => {
                let notes = commands::notes_of(&params.arguments).map_err(Error::invalid_params)?;
                for note in notes {
                    self.client.show_message(MessageType::INFO, note).await;
                }
                Ok(None)
            }
            other => Err(Error::invalid_params(format!("unknown command `{other}`"))),
        }
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let snippets = self.flags().snippets;
        self.at_cursor(&at.text_document.uri, move |snapshot, file| {
            let offset = convert::offset(file.line_index(), at.position, snapshot.encoding);
            let items = eca_analysis::completions(&snapshot.project, &snapshot.path, offset);
            Some(CompletionResponse::Array(
                items
                    .iter()
                    .map(|item| {
                        proto::completion_item(file.line_index(), snapshot.encoding, item, snippets)
                    })
                    .collect(),
            ))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.at_cursor(&at.text_document.uri, move |snapshot, file| {
            let offset = convert::offset(file.line_index(), at.position, snapshot.encoding);
            let hover = eca_analysis::hover(&snapshot.project, &snapshot.path, offset)?;
            Some(proto::hover(file.line_index(), snapshot.encoding, &hover))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let hierarchical = self.flags().hierarchical_symbols;
        let uri = params.text_document.uri;
        let answer_uri = uri.clone();
        self.on_file(&uri, move |snapshot, file| {
            let symbols = eca_analysis::document_symbols(&snapshot.project, &snapshot.path);
            if hierarchical {
                return Some(DocumentSymbolResponse::Nested(
                    symbols
                        .iter()
                        .map(|symbol| {
                            proto::document_symbol(file.line_index(), snapshot.encoding, symbol)
                        })
                        .collect(),
                ));
            }
            let mut flat = Vec::new();
            proto::flat_symbols(
                file.line_index(),
                snapshot.encoding,
                &answer_uri,
                &symbols,
                None,
                &mut flat,
            );
            Some(DocumentSymbolResponse::Flat(flat))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.on_file(&params.text_document.uri, move |snapshot, file| {
            let ranges = eca_analysis::folding_ranges(&snapshot.project, &snapshot.path);
            Some(
                ranges
                    .iter()
                    .filter_map(|range| {
                        proto::folding_range(file.line_index(), snapshot.encoding, range)
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.on_file(&params.text_document.uri, move |snapshot, file| {
            let offsets: Vec<usize> = positions
                .iter()
                .map(|position| convert::offset(file.line_index(), *position, snapshot.encoding))
                .collect();
            let ranges =
                eca_analysis::selection_ranges(&snapshot.project, &snapshot.path, &offsets);
            Some(
                positions
                    .iter()
                    .enumerate()
                    .map(|(index, position)| {
                        let nested = ranges.get(index).map(Vec::as_slice).unwrap_or_default();
                        proto::selection_range(
                            file.line_index(),
                            snapshot.encoding,
                            *position,
                            nested,
                        )
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let links = self.flags().definition_links;
        self.on_file(&at.text_document.uri, move |snapshot, file| {
            let offset = convert::offset(file.line_index(), at.position, snapshot.encoding);
            let targets = eca_analysis::definition(&snapshot.project, &snapshot.path, offset);
            if targets.is_empty() {
                return navigation::project_definition(snapshot, offset, links);
            }
            let locator = snapshot.locator();
            if links {
                return Some(GotoDefinitionResponse::Link(
                    targets
                        .iter()
                        .filter_map(|target| proto::target_link(&locator, target))
                        .collect(),
                ));
            }
            Some(GotoDefinitionResponse::Array(
                targets
                    .iter()
                    .filter_map(|target| proto::target_location(&locator, target))
                    .collect(),
            ))
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let projects = self.world().project_views();
        let query = params.query;
        analyse(projects, move |projects, cancelled| {
            Some(WorkspaceSymbolResponse::Flat(
                navigation::workspace_symbol_answer(&projects, &query, cancelled),
            ))
        })
        .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id;
        // The same computation as the pushed diagnostics, on the state after every change
        // received before this request.
        let job = self.world().document_job(&params.text_document.uri);
        let diagnostics = match job {
            Some(job) => analyse(job, |job, _| diagnostics::compute(&job))
                .await?
                .into_iter()
                .next()
                .map(|publication| publication.diagnostics)
                .unwrap_or_default(),
            None => Vec::new(),
        };
        Ok(diagnostics::document_report(
            diagnostics,
            previous.as_deref(),
        ))
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        Ok(WorkspaceDiagnosticReportResult::Report(
            self.publisher
                .workspace_report(&params.previous_result_ids)
                .await,
        ))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        let answer_uri = uri.clone();
        self.on_file(&uri, move |snapshot, _| {
            Some(navigation::code_lens_answer(snapshot, &answer_uri))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let include_declaration = params.context.include_declaration;
        self.on_file(&at.text_document.uri, move |snapshot, file| {
            let offset = convert::offset(file.line_index(), at.position, snapshot.encoding);
            let targets = eca_analysis::references(
                &snapshot.project,
                &snapshot.path,
                offset,
                include_declaration,
            );
            let locator = snapshot.locator();
            Some(
                targets
                    .iter()
                    .filter_map(|target| proto::target_location(&locator, target))
                    .collect(),
            )
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let position = params.position;
        let prepared = self
            .on_file(&params.text_document.uri, move |snapshot, file| {
                Some(rename::prepare(snapshot, file, position))
            })
            .await?;
        match prepared {
            None => Ok(None),
            Some(Ok(response)) => Ok(Some(response)),
            Some(Err(message)) => Err(request_failed(message.to_string())),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let new_name = params.new_name;
        let support = self.flags().resources;
        let renamed = self
            .on_file(&at.text_document.uri, move |snapshot, file| {
                Some(rename::rename(
                    snapshot,
                    file,
                    at.position,
                    &new_name,
                    support,
                ))
            })
            .await?;
        match renamed {
            None => Ok(None),
            Some(Ok(renamed)) => {
                self.say_files_to_rename(&renamed).await;
                Ok(Some(renamed.edit))
            }
            Some(Err(message)) => Err(request_failed(message)),
        }
    }

    async fn will_rename_files(&self, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>> {
        let support = self.flags().resources;
        let mut edits = Vec::new();
        for file in params.files {
            let (Ok(old_uri), Ok(new_uri)) =
                (file.old_uri.parse::<Uri>(), file.new_uri.parse::<Uri>())
            else {
                continue;
            };
            let Some(snapshot) = self.snapshot(&old_uri) else {
                continue;
            };
            let new_path = convert::path_key(&new_uri);
            let planned = analyse(snapshot, move |snapshot, _| {
                rename::will_rename(&snapshot, &snapshot.path, &new_path, support)
            })
            .await?;
            match planned {
                None => {}
                Some(Ok(renamed)) => edits.push(renamed.edit),
                Some(Err(message)) => {
                    self.client
                        .show_message(
                            MessageType::WARNING,
                            format!("eca-ls did not update the app's references: {message}"),
                        )
                        .await;
                }
            }
        }
        Ok(rename::merge_edits(edits))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        self.at_cursor(&at.text_document.uri, move |snapshot, file| {
            let index = file.line_index();
            let offset = convert::offset(index, at.position, snapshot.encoding);
            let ranges = eca_analysis::ide::highlights::document_highlights(
                &snapshot.project,
                &snapshot.path,
                offset,
            );
            Some(
                ranges
                    .into_iter()
                    .map(|range| DocumentHighlight {
                        range: convert::range(index, range, snapshot.encoding),
                        kind: Some(DocumentHighlightKind::TEXT),
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn linked_editing_range(
        &self,
        params: LinkedEditingRangeParams,
    ) -> Result<Option<LinkedEditingRanges>> {
        let at = params.text_document_position_params;
        self.at_cursor(&at.text_document.uri, move |snapshot, file| {
            let index = file.line_index();
            let offset = convert::offset(index, at.position, snapshot.encoding);
            let ranges = eca_analysis::ide::highlights::linked_editing_ranges(
                &snapshot.project,
                &snapshot.path,
                offset,
            )?;
            Some(LinkedEditingRanges {
                ranges: ranges
                    .into_iter()
                    .map(|range| convert::range(index, range, snapshot.encoding))
                    .collect(),
                word_pattern: Some(rename::TAG_NAME_PATTERN.to_string()),
            })
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format(&params.text_document.uri, params.options, None)
            .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.format(
            &params.text_document.uri,
            params.options,
            Some(params.range),
        )
        .await
    }
}

/// `$/progress` for the client's `workDoneToken` while `initialize` indexes the workspace:
/// begin, a report each tenth of the files, end.
#[derive(Debug)]
struct IndexingProgress {
    early: OutputQueue,
    token: ProgressToken,
    /// The last percentage reported and the number of files, under one lock so that reports
    /// from parallel readers leave in order.
    reported: Mutex<(u32, usize)>,
}

impl IndexingProgress {
    const TITLE: &'static str = "Indexing ECA files";
    /// Percentage points between two reports.
    const STEP: u32 = 10;

    fn begin(early: OutputQueue, token: ProgressToken) -> IndexingProgress {
        let progress = IndexingProgress {
            early,
            token,
            reported: Mutex::new((0, 0)),
        };
        progress.send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: Self::TITLE.to_string(),
            cancellable: Some(false),
            message: Some("looking for files".to_string()),
            percentage: Some(0),
        }));
        progress
    }

    fn report(&self, at: IndexProgress) {
        if at.total == 0 {
            return;
        }
        let percentage = u32::try_from(at.done.saturating_mul(100) / at.total).unwrap_or(100);
        let mut reported = lock(&self.reported);
        reported.1 = at.total;
        if percentage < reported.0 + Self::STEP && at.done < at.total {
            return;
        }
        if percentage <= reported.0 && at.done > 0 {
            return;
        }
        reported.0 = percentage;
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: Some(false),
            message: Some(format!("{}/{} files", at.done, at.total)),
            percentage: Some(percentage),
        }));
    }

    fn end(&self) {
        let files = lock(&self.reported).1;
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(format!("{files} files indexed")),
        }));
    }

    fn send(&self, value: WorkDoneProgress) {
        let params = ProgressParams {
            token: self.token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        };
        if let Ok(params) = serde_json::to_value(params) {
            self.early.notify("$/progress", params);
        }
    }
}

/// Run analysis work on a blocking thread. A panic inside becomes an `InternalError` answer
/// (the input was a snapshot, so no shared state is left half-changed), and when the request
/// is cancelled the future is dropped, which sets the flag the work may poll.
pub async fn analyse<I, T, F>(input: I, work: F) -> Result<T>
where
    I: Send + 'static,
    T: Send + 'static,
    F: FnOnce(I, &AtomicBool) -> T + Send + 'static,
{
    let cancelled = Arc::new(AtomicBool::new(false));
    let _cancel_on_drop = CancelOnDrop(Arc::clone(&cancelled));
    let outcome = tokio::task::spawn_blocking(move || {
        catch_unwind(AssertUnwindSafe(|| work(input, &cancelled)))
    })
    .await;
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(panic)) => Err(internal_error(&panic_message(panic.as_ref()))),
        Err(join_error) => Err(internal_error(&join_error.to_string())),
    }
}

/// LSP's `RequestFailed`: the request was valid, but it could not be carried out.
const REQUEST_FAILED: i64 = -32803;

/// A `RequestFailed` answer with the reason, for the editor to show.
fn request_failed(message: String) -> Error {
    Error {
        code: ErrorCode::ServerError(REQUEST_FAILED),
        message: message.into(),
        data: None,
    }
}

fn internal_error(detail: &str) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: format!("eca-ls failed on this request: {detail}").into(),
        data: None,
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = panic.downcast_ref::<&str>() {
        return (*message).to_string();
    }
    if let Some(message) = panic.downcast_ref::<String>() {
        return message.clone();
    }
    "a panic".to_string()
}

struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Lock a mutex even if a panic poisoned it: every mutation of the world completes or does
/// not start (panics are caught around analysis, which works on snapshots), so the data is
/// consistent either way.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The workspace folders as paths: `workspaceFolders`, else `rootUri`, else `rootPath` (old
/// clients).
#[allow(deprecated)]
fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders {
        return folders
            .iter()
            .filter_map(|folder| convert::file_path(&folder.uri))
            .collect();
    }
    if let Some(root) = params.root_uri.as_ref().and_then(convert::file_path) {
        return vec![root];
    }
    params
        .root_path
        .as_ref()
        .map(|root| vec![convert::normalize(std::path::Path::new(root))])
        .unwrap_or_default()
}
