//! The server's world: the projects of the workspace (one `Project` per sfdx project root, as
//! the CLI forms them), the open documents that override their files on disk, the editor
//! settings, and which files need their diagnostics recomputed.
//!
//! Every mutation is synchronous, so handlers apply it under the lock before any `.await`;
//! requests take a [`Snapshot`] and work on it without the lock. Most are cheap (one file is
//! re-parsed). Re-indexing (a changed `sfdx-project.json`, `package.xml`, `.forceignore`,
//! workspace folder or `includeIgnored` setting) and file watcher events read the disk without
//! the lock, in the server's disk lane ([`read_index`], which reads each project's
//! `.forceignore` with its files, and [`read_file_events`], which parses the files and finds
//! their projects' roots), then apply what they read under it;
//! still read under the lock: a closed document's file, the project (and `.forceignore`) of a
//! document opened outside every indexed folder, and the small settings files.
//! Knows nothing about the protocol beyond positions (through `documents`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use eca_analysis::forceignore::{ForceIgnore, IgnoredBy};
use eca_analysis::model::invalidation;
use eca_analysis::project_files::{PACKAGE_XML_FILE, SFDX_PROJECT_FILE};
use eca_analysis::writers::component_files::Layout;
use eca_analysis::{ApiVersionChoice, ApiVersionSource, Config, Project, SourceFile};
use eca_syntax::{PositionEncoding, SourceText};
use rayon::prelude::*;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert;
use super::documents::{self, OpenDocument};
use crate::workspace::{self, EncodingProblem, Overrides};

/// Open documents' URIs and versions by path key.
pub type OpenDocuments = HashMap<String, (Uri, i32)>;

/// The whole state behind the lock.
#[derive(Debug, Default)]
pub struct WorldState {
    pub encoding: PositionEncoding,
    /// Settings from the editor; they win over the project's files.
    pub editor_config: Config,
    /// Whether the files a project's `.forceignore` leaves out are checked all the same (the
    /// editor setting `includeIgnored`, the CLI's `--include-ignored`).
    pub include_ignored: bool,
    pub workspace_folders: Vec<PathBuf>,
    /// The folders whose ECA files are indexed: each workspace folder widened to the project
    /// it lies in, and the projects of documents opened outside them; none inside another.
    indexed_roots: Vec<PathBuf>,
    /// Projects loaded because a document outside every indexed folder was opened; kept
    /// across re-indexing.
    roots_loaded_on_demand: BTreeSet<PathBuf>,
    /// Indexed roots outside every workspace folder whose files a watcher relative to them
    /// was asked for (see [`WorldState::take_roots_to_watch`]).
    watched_roots: BTreeSet<PathBuf>,
    projects: BTreeMap<String, ProjectEntry>,
    /// Open documents by path key.
    documents: HashMap<String, OpenDocument>,
    /// The URIs and versions of the open documents by project root key, kept in step with
    /// `documents`. Shared with snapshots and diagnostic jobs (copy on write), so that taking
    /// one does not copy an entry per open document.
    open_by_root: HashMap<String, Arc<OpenDocuments>>,
    /// Bumped by every mutation; diagnostics carry the generation they were computed at.
    generation: u64,
    /// Paths whose diagnostics must be withdrawn because no project holds them any more.
    withdrawn: BTreeSet<String>,
    /// Problems to tell the user about (malformed settings files), drained by the server.
    messages: Vec<String>,
    /// Each project root's `.forceignore`, read once per indexing (`None`: there is none).
    forceignores: HashMap<PathBuf, Option<Arc<ForceIgnore>>>,
}

/// Why a document is left out of its project: the `.forceignore` (as named for a person) and
/// the line of it that decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub forceignore: String,
    pub by: IgnoredBy,
}

/// What a request works on: a copy of one project (cheap: files are shared) and the document.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub project: Project,
    /// The requested document's key in the project.
    pub path: String,
    pub encoding: PositionEncoding,
    /// The URIs and versions of the project's open documents, by path key.
    pub open: Arc<OpenDocuments>,
    /// Set when the project's `.forceignore` leaves the document out: it is then a project of
    /// its own, neither checked nor seen by the rules across its app's files.
    pub left_out: Option<LeftOut>,
}

/// A copy of one whole project (cheap: files are shared), for requests about the workspace.
#[derive(Debug, Clone)]
pub struct ProjectView {
    pub project: Project,
    pub encoding: PositionEncoding,
    /// The URIs and versions of the project's open documents, by path key.
    pub open: Arc<OpenDocuments>,
}

/// The project new files would join, and where they go (see
/// [`WorldState::project_for_new_files`]).
#[derive(Debug, Clone)]
pub struct FolderProject {
    pub project: Project,
    pub open: Arc<OpenDocuments>,
    pub layout: Layout,
}

/// Diagnostics to recompute for some files of one project, with the state they must be
/// computed on.
#[derive(Debug, Clone)]
pub struct DiagnosticJob {
    /// The project's key in the world, to ask whether the job is still current.
    pub root_key: String,
    pub generation: u64,
    pub project: Project,
    pub dirty: BTreeSet<String>,
    pub encoding: PositionEncoding,
    pub open: Arc<OpenDocuments>,
    /// Files read from disk that were not in UTF-8.
    pub encoding_problems: BTreeMap<String, EncodingProblem>,
    /// The job is for a document the `.forceignore` leaves out: its diagnostics are empty.
    pub left_out: bool,
}

/// Diagnostics to withdraw (publish empty) for files no project holds any more.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub generation: u64,
    pub uris: Vec<Uri>,
}

#[derive(Debug)]
struct ProjectEntry {
    /// The folder on disk, for projects of files; `None` for unsaved buffers.
    root: Option<PathBuf>,
    project: Project,
    dirty: BTreeSet<String>,
    encoding_problems: BTreeMap<String, EncodingProblem>,
    /// The generation of the last diagnostics job taken for this project.
    last_job: u64,
    /// For the project of one open document that the `.forceignore` leaves out.
    left_out: Option<LeftOut>,
}

/// How far indexing has come: `done` of `total` files read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    pub done: usize,
    pub total: usize,
}

/// One file event from the client's file watcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileEventKind {
    Created,
    Changed,
    Deleted,
}

impl WorldState {
    pub fn new(encoding: PositionEncoding, editor_config: Config, folders: Vec<PathBuf>) -> Self {
        WorldState {
            encoding,
            editor_config,
            workspace_folders: folders
                .iter()
                .map(|folder| convert::normalize(folder))
                .collect(),
            ..WorldState::default()
        }
    }

    /// Read every ECA file under the workspace folders into projects, keeping open documents'
    /// buffers over their files on disk. Everything becomes dirty; files that were known and
    /// are gone are withdrawn.
    pub fn index_workspace(&mut self) {
        self.index_workspace_reporting(&|_| {});
    }

    /// [`Self::index_workspace`], telling `progress` how far reading the files has come.
    /// A workspace folder inside a project stands for the whole project (the CLI does the
    /// same), so that rules across the files of an app see the files outside the folder.
    pub fn index_workspace_reporting(&mut self, progress: &(dyn Fn(IndexProgress) + Sync)) {
        let folders = self.roots_to_index();
        let read = read_index(&folders, self.include_ignored, progress);
        self.apply_index(folders, read);
    }

    /// The folders a re-index reads (see [`read_index`], which does it without the lock).
    pub fn folders_to_index(&self) -> Vec<PathBuf> {
        self.roots_to_index()
    }

    /// Replace the projects with what [`read_index`] read from `folders`, keeping open
    /// documents' buffers over their files on disk. Everything becomes dirty; files that were
    /// known and are gone are withdrawn. Only memory is touched here (the reading happened
    /// before, without the lock), besides each project's small settings files.
    pub fn apply_index(&mut self, folders: Vec<PathBuf>, read: IndexRead) {
        let before: BTreeSet<String> = self.known_paths();
        let old_projects = std::mem::take(&mut self.projects);
        self.indexed_roots = folders;
        self.messages.extend(read.messages);
        self.forceignores = read.forceignores;
        for (root, files) in read.projects {
            let entry = self.entry_for_root(&workspace::display(&root), Some(&root));
            for (file, problem) in files {
                if let Some(problem) = problem {
                    entry.encoding_problems.insert(file.path.clone(), problem);
                }
                entry.project.insert(file);
            }
        }
        for (root, paths) in read.components {
            let entry = self.entry_for_root(&workspace::display(&root), Some(&root));
            for path in paths {
                entry.project.add_component_file(&path);
            }
        }
        // Unsaved buffers have no folder to come back from: keep their projects as they were.
        for (key, entry) in old_projects {
            if entry.root.is_none() {
                self.projects.insert(key, entry);
            }
        }
        let documents: Vec<(String, OpenDocument)> = self.documents.drain().collect();
        for (path, mut document) in documents {
            let root_key = self.document_key_for(&path);
            let text = document.text.clone();
            document.project_root = root_key.clone();
            let entry = self.entry_for_root(&root_key, root_path(&root_key));
            entry.encoding_problems.remove(&path);
            entry.project.insert(parse_file(path.clone(), text));
            self.documents.insert(path, document);
        }
        self.open_by_root.clear();
        let paths: Vec<String> = self.documents.keys().cloned().collect();
        for path in paths {
            self.remember_open(&path);
        }
        for entry in self.projects.values_mut() {
            entry.dirty = entry
                .project
                .files()
                .map(|file| file.path.clone())
                .collect();
        }
        let after = self.known_paths();
        self.withdrawn.extend(before.difference(&after).cloned());
        self.generation += 1;
    }

    /// Re-read the settings of every project (after the editor's settings or a settings file
    /// changed); every file becomes dirty.
    pub fn reload_settings(&mut self) {
        let overrides = Overrides {
            config: self.editor_config.clone(),
            ..Overrides::default()
        };
        let mut messages = Vec::new();
        for entry in self.projects.values_mut() {
            let (api_version, config) =
                settings_for(entry.root.as_deref(), &overrides, &mut messages);
            entry.project.api_version = api_version;
            entry.project.config = config;
            entry.dirty = entry
                .project
                .files()
                .map(|file| file.path.clone())
                .collect();
        }
        self.messages.extend(messages);
        self.generation += 1;
    }

    pub fn open(&mut self, uri: Uri, version: i32, text: &str) {
        let path = convert::path_key(&uri);
        self.load_project_on_demand(Path::new(&path));
        let root_key = self.document_key_for(&path);
        // A document opened as the project already holds it (read from disk, most often) keeps
        // the file parsed and checked before: its buffer is that file's text, so neither the
        // tree nor what the checks remember of a large file is computed again, and its first
        // change moves that tree.
        let unchanged = self
            .projects
            .get(&root_key)
            .and_then(|entry| entry.project.file(&path))
            .filter(|file| file.text == *text)
            .map(|file| file.text.clone());
        let text = match unchanged {
            Some(text) => {
                self.mark_affected(&root_key, &path);
                text
            }
            None => {
                let text = SourceText::from(text);
                self.set_file(&root_key, &path, text.clone());
                text
            }
        };
        let document = OpenDocument::new(uri, version, text, root_key.clone());
        if let Some(entry) = self.projects.get_mut(&root_key) {
            entry.encoding_problems.remove(&path);
        }
        if let Some(previous) = self.documents.insert(path.clone(), document) {
            self.forget_open(&previous.project_root, &path);
        }
        self.remember_open(&path);
    }

    /// Apply a `didChange`; `false` when the document is not open (the change is ignored).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
    ) -> bool {
        let path = convert::path_key(uri);
        let Some(document) = self.documents.get(&path) else {
            return false;
        };
        let root_key = document.project_root.clone();
        // The project's file, while it is still this buffer, lends its tree and line index to
        // the first change; otherwise the buffer is parsed first.
        let current = self
            .projects
            .get(&root_key)
            .and_then(|entry| entry.project.file(&path))
            .filter(|file| file.text.shares_buffer_with(&document.text));
        let file = match current {
            Some(current) => documents::apply_changes(current, changes, self.encoding),
            None => {
                let buffer = parse_file(path.clone(), document.text.clone());
                documents::apply_changes(&buffer, changes, self.encoding)
            }
        };
        if let Some(document) = self.documents.get_mut(&path) {
            document.version = version;
            document.text = file.text.clone();
        }
        self.remember_open(&path);
        self.set_parsed_file(&root_key, file);
        true
    }

    /// Close a document: its file on disk takes over again, or it leaves the project when there
    /// is none.
    pub fn close(&mut self, uri: &Uri) {
        let path = convert::path_key(uri);
        let Some(document) = self.documents.remove(&path) else {
            return;
        };
        let root_key = document.project_root;
        self.forget_open(&root_key, &path);
        if self
            .projects
            .get(&root_key)
            .is_some_and(|entry| entry.left_out.is_some())
        {
            // A file the `.forceignore` leaves out is only known while it is open.
            self.projects.remove(&root_key);
            self.open_by_root.remove(&root_key);
            self.withdrawn.insert(path);
            self.generation += 1;
            return;
        }
        self.set_file_from_disk(&root_key, &path);
    }

    /// File watcher events, in three steps so that the disk is read without the lock: this
    /// plan, [`read_file_events`], [`Self::apply_file_events`] (and a re-index through
    /// [`read_index`] when `sfdx-project.json` or a `package.xml` came, went or changed, since
    /// they decide where projects begin). Open documents ignore them (the buffer wins);
    /// `eca-ls.toml` re-reads the settings.
    /// Which events need the disk read — those outside the folders the index never searches and
    /// not about open documents — and whether projects must be re-formed or settings re-read.
    /// Touches no disk.
    pub fn plan_file_events(&self, events: &[(PathBuf, FileEventKind)]) -> FileEvents {
        let mut plan = FileEvents::default();
        for (path, kind) in events {
            let path = convert::normalize(path);
            if self.in_skipped_folder(&path) {
                // Never indexed, so nothing to update; and a package manager creating folders
                // there must not make us walk them.
                continue;
            }
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Both files decide where projects begin (a `package.xml` manifest makes its folder
            // a Metadata API project of its own), so either one re-forms the projects; the
            // `.forceignore` decides which files are in them.
            if name == SFDX_PROJECT_FILE
                || name == PACKAGE_XML_FILE
                || name == workspace::FORCEIGNORE_FILE_NAME
            {
                plan.reindex = true;
                continue;
            }
            if name == eca_analysis::config::CONFIG_FILE_NAME {
                plan.settings = true;
                continue;
            }
            // An open component file (a permission set opened in the editor) still counts by
            // its file on disk: only its name matters, and the buffer has none to give.
            if self.documents.contains_key(&workspace::display(&path))
                && !workspace::is_component_file(&path)
            {
                continue;
            }
            plan.changes.push((path, *kind));
        }
        plan
    }

    /// Apply what [`read_file_events`] read. Documents opened since are left alone (the buffer
    /// wins). `true` when the projects must be re-formed (see [`read_index`]).
    pub fn apply_file_events(&mut self, read: FileEventsRead) -> bool {
        self.messages.extend(read.messages);
        for key in &read.removals {
            self.remove_component(key);
            if !self.documents.contains_key(key) {
                self.remove_under(key);
            }
        }
        for (key, project_root) in read.components {
            self.add_component(key, project_root.as_deref());
        }
        for file in read.files {
            if !self.documents.contains_key(&file.key) {
                self.reload_with(file);
            }
        }
        if read.settings && !read.reindex {
            self.reload_settings();
        }
        read.reindex
    }

    /// A snapshot of the project holding `uri`: an open document, or a file of the workspace.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let path = convert::path_key(uri);
        let root_key = match self.documents.get(&path) {
            Some(document) => document.project_root.clone(),
            None => self
                .projects
                .iter()
                .find(|(_, entry)| entry.project.file(&path).is_some())
                .map(|(key, _)| key.clone())?,
        };
        let entry = self.projects.get(&root_key)?;
        Some(Snapshot {
            project: entry.project.clone(),
            path,
            encoding: self.encoding,
            open: self.open_documents_of(&root_key),
            left_out: entry.left_out.clone(),
        })
    }

    /// The diagnostics job of one document (an open one, or a file of the workspace), as a pull
    /// asks for it: the same computation as a pushed one, on the current state.
    pub fn document_job(&self, uri: &Uri) -> Option<DiagnosticJob> {
        let snapshot = self.snapshot(uri)?;
        // An open document's project is the one it was put in (its own, when the
        // `.forceignore` leaves it out); a closed file's, the one holding it.
        let root_key = match self.documents.get(&snapshot.path) {
            Some(document) => document.project_root.clone(),
            None => self
                .projects
                .iter()
                .find(|(_, entry)| entry.project.root == snapshot.project.root)
                .map(|(key, _)| key.clone())?,
        };
        let entry = self.projects.get(&root_key)?;
        Some(DiagnosticJob {
            root_key,
            generation: self.generation,
            dirty: std::iter::once(snapshot.path).collect(),
            project: snapshot.project,
            encoding: snapshot.encoding,
            open: snapshot.open,
            encoding_problems: entry.encoding_problems.clone(),
            left_out: snapshot.left_out.is_some(),
        })
    }

    /// Every project, for requests about the whole workspace (`workspace/symbol`).
    pub fn project_views(&self) -> Vec<ProjectView> {
        self.projects
            .iter()
            .filter(|(_, entry)| entry.left_out.is_none())
            .map(|(root_key, entry)| ProjectView {
                project: entry.project.clone(),
                encoding: self.encoding,
                open: self.open_documents_of(root_key),
            })
            .collect()
    }

    /// The project a folder lies in, as a new app would join it, with where new files go: an
    /// indexed project as the editor holds it (open documents included), else the project read
    /// from disk now (and kept, like a document opened outside every folder).
    pub fn project_for_new_files(&mut self, folder: &Path) -> Result<FolderProject, String> {
        let folder = convert::normalize(folder);
        let target = workspace::new_files_target(&folder).map_err(|error| error.to_string())?;
        let root = convert::normalize(&target.root);
        let root_key = workspace::display(&root);
        if !self
            .indexed_roots
            .iter()
            .any(|indexed| root.starts_with(indexed))
        {
            self.roots_loaded_on_demand.insert(root.clone());
            self.indexed_roots.push(root.clone());
            self.add_folder(&root);
        }
        let project = self.entry_for_root(&root_key, Some(&root)).project.clone();
        Ok(FolderProject {
            project,
            open: self.open_documents_of(&root_key),
            layout: target.layout,
        })
    }

    /// The buffer of an open document, for the test hook that compares it with the client's.
    pub fn document_text(&self, uri: &Uri) -> Option<String> {
        self.documents
            .get(&convert::path_key(uri))
            .map(|document| document.text.to_string())
    }

    /// The indexed roots outside every workspace folder that have no watcher of their own
    /// yet; they count as watched from now on.
    pub fn take_roots_to_watch(&mut self) -> Vec<PathBuf> {
        let unwatched: Vec<PathBuf> = self
            .indexed_roots
            .iter()
            .filter(|root| {
                !self
                    .workspace_folders
                    .iter()
                    .any(|folder| root.starts_with(folder))
            })
            .filter(|root| !self.watched_roots.contains(*root))
            .cloned()
            .collect();
        self.watched_roots.extend(unwatched.iter().cloned());
        unwatched
    }

    /// Whether some project has files whose diagnostics are still to be computed.
    pub fn has_pending_diagnostics(&self) -> bool {
        !self.withdrawn.is_empty() || self.projects.values().any(|entry| !entry.dirty.is_empty())
    }

    /// Take the pending diagnostic work: one job per project with dirty files.
    pub fn take_diagnostic_jobs(&mut self) -> Vec<DiagnosticJob> {
        let keys: Vec<String> = self
            .projects
            .iter()
            .filter(|(_, entry)| !entry.dirty.is_empty())
            .map(|(key, _)| key.clone())
            .collect();
        let mut jobs = Vec::new();
        for key in keys {
            let open = self.open_documents_of(&key);
            let Some(entry) = self.projects.get_mut(&key) else {
                continue;
            };
            entry.last_job = self.generation;
            jobs.push(DiagnosticJob {
                root_key: key.clone(),
                generation: self.generation,
                project: entry.project.clone(),
                dirty: std::mem::take(&mut entry.dirty),
                encoding: self.encoding,
                open,
                encoding_problems: entry.encoding_problems.clone(),
                left_out: entry.left_out.is_some(),
            });
        }
        jobs
    }

    /// Whether a job's results are still worth publishing: no change to its project came after
    /// it was taken. When one did, its files are dirty again (to be computed on the newer
    /// state, together with what the change touched) and `false` is the answer: a job made
    /// stale by a newer edit is dropped, not published.
    pub fn keep_or_requeue(&mut self, job: &DiagnosticJob) -> bool {
        let Some(entry) = self.projects.get_mut(&job.root_key) else {
            // The project is gone: so are its files' diagnostics (they were withdrawn).
            return false;
        };
        if entry.last_job <= job.generation && entry.dirty.is_empty() {
            return true;
        }
        entry.dirty.extend(
            job.dirty
                .iter()
                .filter(|path| entry.project.file(path).is_some())
                .cloned(),
        );
        false
    }

    /// Take the files whose diagnostics must be withdrawn.
    pub fn take_withdrawal(&mut self) -> Option<Withdrawal> {
        // Runs after every mutation (every keystroke): only collect the known paths when
        // something was withdrawn.
        if self.withdrawn.is_empty() {
            return None;
        }
        let still_known = self.known_paths();
        let uris: Vec<Uri> = std::mem::take(&mut self.withdrawn)
            .into_iter()
            .filter(|path| !still_known.contains(path))
            .filter_map(|path| convert::uri_for_path(&path))
            .collect();
        (!uris.is_empty()).then_some(Withdrawal {
            generation: self.generation,
            uris,
        })
    }

    /// Queue a message for the user; the server shows it after the current mutation.
    pub fn add_message(&mut self, message: String) {
        self.messages.push(message);
    }

    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.messages)
    }

    /// Add or replace a file and mark what its change affects.
    fn set_file(&mut self, root_key: &str, path: &str, text: impl Into<SourceText>) {
        self.set_parsed_file(root_key, parse_file(path.to_string(), text));
    }

    /// Mark what a change of the file at `path` affects, for a file that stays as it is (a
    /// document opened with the text the project holds): its diagnostics go out again.
    fn mark_affected(&mut self, root_key: &str, path: &str) {
        if let Some(entry) = self.projects.get_mut(root_key) {
            invalidation::mark_affected(&entry.project, path, &mut entry.dirty);
            self.generation += 1;
        }
    }

    /// Add or replace a file already parsed, and mark what its change affects.
    fn set_parsed_file(&mut self, root_key: &str, file: SourceFile) {
        let root = root_path(root_key).map(Path::to_path_buf);
        let entry = self.entry_for_root(root_key, root.as_deref());
        let path = file.path.clone();
        invalidation::mark_affected(&entry.project, &path, &mut entry.dirty);
        entry.project.insert(file);
        invalidation::mark_affected(&entry.project, &path, &mut entry.dirty);
        self.generation += 1;
    }

    fn remove_file(&mut self, root_key: &str, path: &str) {
        let Some(entry) = self.projects.get_mut(root_key) else {
            return;
        };
        invalidation::mark_affected(&entry.project, path, &mut entry.dirty);
        entry.project.remove_file(path);
        entry.encoding_problems.remove(path);
        entry.dirty.remove(path);
        self.withdrawn.insert(path.to_string());
        self.generation += 1;
    }

    /// Remove a deleted file, or every file under a deleted folder, unless open.
    fn remove_under(&mut self, key: &str) {
        let deleted = at_or_under(key);
        let doomed: Vec<(String, String)> = self
            .projects
            .iter()
            .flat_map(|(root_key, entry)| {
                entry
                    .project
                    .files()
                    .filter(|file| deleted(&file.path))
                    .map(|file| (root_key.clone(), file.path.clone()))
                    .collect::<Vec<_>>()
            })
            .filter(|(_, path)| !self.documents.contains_key(path))
            .collect();
        for (root_key, path) in doomed {
            self.remove_file(&root_key, &path);
        }
    }

    /// The folders to index: every workspace folder, or the project it lies in, and the
    /// projects loaded on demand, without one inside another (so no file is read twice).
    fn roots_to_index(&self) -> Vec<PathBuf> {
        let mut roots: Vec<PathBuf> = self
            .workspace_folders
            .iter()
            .filter(|folder| folder.is_dir())
            .map(|folder| enclosing_project_root(folder).unwrap_or_else(|| folder.clone()))
            .chain(
                self.roots_loaded_on_demand
                    .iter()
                    .filter(|root| root.is_dir())
                    .cloned(),
            )
            .collect();
        // Components order puts a folder before everything inside it.
        roots.sort();
        let mut kept: Vec<PathBuf> = Vec::new();
        for root in roots {
            if !kept.iter().any(|outer| root.starts_with(outer)) {
                kept.push(root);
            }
        }
        kept
    }

    /// Read the project of a document that lies outside every indexed folder, once, so that
    /// rules across the files of its app work there too. A file in no project stays alone.
    fn load_project_on_demand(&mut self, path: &Path) {
        if !path.is_absolute() || self.indexed_roots.iter().any(|root| path.starts_with(root)) {
            return;
        }
        let Some(root) = path.parent().and_then(enclosing_project_root) else {
            return;
        };
        self.roots_loaded_on_demand.insert(root.clone());
        self.indexed_roots.push(root.clone());
        self.add_folder(&root);
    }

    fn add_folder(&mut self, folder: &Path) {
        let discovery = discover(&[folder.to_path_buf()], &mut self.messages);
        for file in discovery.components.into_values().flatten() {
            let key = workspace::display(&file);
            let project_root = project_root_of(&key);
            self.add_component(key, project_root.as_deref());
        }
        for file in discovery.projects.into_values().flatten() {
            let key = workspace::display(&file);
            if !self.documents.contains_key(&key) {
                self.reload_with(read_file_on_disk(key));
            }
        }
    }

    /// Record a component file (a permission set, an Apex class: named, never read) in the
    /// project it lies in, unless the `.forceignore` leaves it out, and mark the ECA files that
    /// may name it.
    fn add_component(&mut self, key: String, project_root: Option<&Path>) {
        let root_key = self.root_key_given(&key, project_root);
        if self
            .left_out(Path::new(&root_key), Path::new(&key))
            .is_some()
        {
            self.remove_component(&key);
            return;
        }
        // A file may have been known under another project (see `reload_with`).
        let elsewhere: Vec<String> = self
            .projects
            .iter()
            .filter(|(other, entry)| {
                **other != root_key && entry.project.components().contains(&key)
            })
            .map(|(other, _)| other.clone())
            .collect();
        for other in elsewhere {
            self.remove_component_from(&other, &key);
        }
        let root = root_path(&root_key).map(Path::to_path_buf);
        let entry = self.entry_for_root(&root_key, root.as_deref());
        if entry.project.components().contains(&key) || !entry.project.add_component_file(&key) {
            return;
        }
        invalidation::mark_affected(&entry.project, &key, &mut entry.dirty);
        self.generation += 1;
    }

    /// Forget a component file, or every one under a deleted folder, in every project.
    fn remove_component(&mut self, key: &str) {
        let deleted = at_or_under(key);
        let doomed: Vec<(String, String)> = self
            .projects
            .iter()
            .flat_map(|(root_key, entry)| {
                entry
                    .project
                    .components()
                    .paths()
                    .filter(|path| deleted(path))
                    .map(|path| (root_key.clone(), path.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (root_key, path) in doomed {
            self.remove_component_from(&root_key, &path);
        }
    }

    fn remove_component_from(&mut self, root_key: &str, path: &str) {
        let Some(entry) = self.projects.get_mut(root_key) else {
            return;
        };
        if entry.project.remove_component_file(path) {
            invalidation::mark_affected(&entry.project, path, &mut entry.dirty);
            self.generation += 1;
        }
    }

    /// Add or replace a file read from disk (it leaves when it could not be read), in the
    /// project it belongs to now.
    fn reload_with(&mut self, file: FileOnDisk) {
        let key = file.key.as_str();
        let root_key = self.root_key_given(key, file.project_root.as_deref());
        let left_out = self
            .left_out(Path::new(&root_key), Path::new(key))
            .is_some();
        // A file may have been known under another project (a moved sfdx-project.json is
        // handled by re-indexing; this covers the rest). One the `.forceignore` leaves out
        // leaves every project.
        let elsewhere: Vec<String> = self
            .projects
            .iter()
            .filter(|(other, entry)| {
                (left_out || **other != root_key) && entry.project.file(key).is_some()
            })
            .map(|(other, _)| other.clone())
            .collect();
        for other in elsewhere {
            self.remove_file(&other, key);
        }
        if !left_out {
            self.set_read_file(&root_key, key, file.read);
        }
    }

    /// Whether the `.forceignore` of the project at `root` leaves `file` out, unless the user
    /// asked for such files too; each project's `.forceignore` is read once per indexing (by
    /// [`read_index`], or here for a project indexed since).
    fn left_out(&mut self, root: &Path, file: &Path) -> Option<LeftOut> {
        if self.include_ignored || !root.is_absolute() {
            return None;
        }
        let messages = &mut self.messages;
        let forceignore = self
            .forceignores
            .entry(root.to_path_buf())
            .or_insert_with(|| read_forceignore(root, messages))
            .clone()?;
        let by = workspace::forceignored_by(root, &forceignore, file)?;
        Some(LeftOut {
            forceignore: workspace::FORCEIGNORE_FILE_NAME.to_string(),
            by,
        })
    }

    /// The key of the project an open document joins: its project's, or, when the project's
    /// `.forceignore` leaves it out, one of its own (the document's path) that no other file
    /// sees, with its project's root and settings.
    fn document_key_for(&mut self, path: &str) -> String {
        let root_key = self.root_key_for(path);
        let Some(left_out) = self.left_out(Path::new(&root_key), Path::new(path)) else {
            return root_key;
        };
        let key = format!("{path}{LEFT_OUT_KEY_SUFFIX}");
        let editor_config = &self.editor_config;
        let messages = &mut self.messages;
        self.projects.entry(key.clone()).or_insert_with(|| {
            let overrides = Overrides {
                config: editor_config.clone(),
                ..Overrides::default()
            };
            let root = Path::new(&root_key);
            let (api_version, config) = settings_for(Some(root), &overrides, messages);
            ProjectEntry {
                root: Some(root.to_path_buf()),
                project: Project::new(&root_key, api_version, config),
                dirty: BTreeSet::new(),
                encoding_problems: BTreeMap::new(),
                last_job: 0,
                left_out: Some(left_out),
            }
        });
        key
    }

    /// Add or replace a file with its text on disk, noting whether that was valid UTF-8; a file
    /// that cannot be read (any more) leaves the project.
    fn set_file_from_disk(&mut self, root_key: &str, key: &str) {
        self.set_read_file(root_key, key, read_from_disk(key));
    }

    /// Add or replace a file read (and parsed) from disk, noting whether it was valid UTF-8;
    /// `None` (it could not be read) takes it out of the project.
    fn set_read_file(&mut self, root_key: &str, key: &str, read: Option<ReadFile>) {
        match read {
            Some((file, problem)) => {
                self.set_parsed_file(root_key, file);
                if let Some(entry) = self.projects.get_mut(root_key) {
                    match problem {
                        Some(problem) => {
                            entry.encoding_problems.insert(key.to_string(), problem);
                        }
                        None => {
                            entry.encoding_problems.remove(key);
                        }
                    }
                }
            }
            None => self.remove_file(root_key, key),
        }
    }

    /// The project a path belongs to: the one `workspace::project_root_for` names, else the
    /// outermost workspace folder holding the file (the one indexed: a workspace folder inside
    /// another is indexed as part of it), else the file's own folder. A document that is not a
    /// file is a project of its own.
    fn root_key_for(&self, path_key: &str) -> String {
        self.root_key_given(path_key, project_root_of(path_key).as_deref())
    }

    /// [`Self::root_key_for`] with the project root already looked up on disk
    /// ([`project_root_of`]), so that no disk is read here.
    fn root_key_given(&self, path_key: &str, project_root: Option<&Path>) -> String {
        let path = Path::new(path_key);
        if !path.is_absolute() {
            return path_key.to_string();
        }
        if let Some(root) = project_root {
            return workspace::display(root);
        }
        let folder = self
            .workspace_folders
            .iter()
            .filter(|folder| path.starts_with(folder))
            .min_by_key(|folder| folder.components().count());
        match folder {
            Some(folder) => workspace::display(folder),
            None => path
                .parent()
                .map(workspace::display)
                .unwrap_or_else(|| path_key.to_string()),
        }
    }

    /// Whether a path lies in a folder the index never searches (`.git`, `node_modules`, …),
    /// below the workspace folder or indexed project holding it.
    fn in_skipped_folder(&self, path: &Path) -> bool {
        let relative = self
            .workspace_folders
            .iter()
            .chain(&self.indexed_roots)
            .filter(|folder| path.starts_with(folder))
            .max_by_key(|folder| folder.components().count())
            .and_then(|folder| path.strip_prefix(folder).ok())
            .unwrap_or(path);
        relative.components().any(|component| match component {
            Component::Normal(name) => workspace::SKIPPED_FOLDERS
                .iter()
                .any(|skipped| name == *skipped),
            _ => false,
        })
    }

    fn entry_for_root(&mut self, root_key: &str, root: Option<&Path>) -> &mut ProjectEntry {
        let editor_config = &self.editor_config;
        let messages = &mut self.messages;
        self.projects
            .entry(root_key.to_string())
            .or_insert_with(|| {
                let overrides = Overrides {
                    config: editor_config.clone(),
                    ..Overrides::default()
                };
                let (api_version, config) = settings_for(root, &overrides, messages);
                ProjectEntry {
                    root: root.map(Path::to_path_buf),
                    project: Project::new(root_key, api_version, config),
                    dirty: BTreeSet::new(),
                    encoding_problems: BTreeMap::new(),
                    last_job: 0,
                    left_out: None,
                }
            })
    }

    fn open_documents_of(&self, root_key: &str) -> Arc<OpenDocuments> {
        self.open_by_root.get(root_key).cloned().unwrap_or_default()
    }

    /// Record an open document's URI and version under its project.
    fn remember_open(&mut self, path: &str) {
        let Some(document) = self.documents.get(path) else {
            return;
        };
        let open = self
            .open_by_root
            .entry(document.project_root.clone())
            .or_default();
        Arc::make_mut(open).insert(path.to_string(), (document.uri.clone(), document.version));
    }

    fn forget_open(&mut self, root_key: &str, path: &str) {
        if let Some(open) = self.open_by_root.get_mut(root_key) {
            Arc::make_mut(open).remove(path);
        }
    }

    fn known_paths(&self) -> BTreeSet<String> {
        self.projects
            .values()
            .flat_map(|entry| entry.project.files().map(|file| file.path.clone()))
            .collect()
    }
}

/// File watcher events that need the disk read (see [`WorldState::plan_file_events`]).
#[derive(Debug, Default)]
pub struct FileEvents {
    reindex: bool,
    settings: bool,
    changes: Vec<(PathBuf, FileEventKind)>,
}

/// What [`read_file_events`] found on disk.
#[derive(Debug, Default)]
pub struct FileEventsRead {
    reindex: bool,
    settings: bool,
    /// Files and folders gone (or no longer ECA files).
    removals: Vec<String>,
    /// ECA files to add or replace.
    files: Vec<FileOnDisk>,
    /// Component files created (named, never read), with the root of the project each lies in.
    components: Vec<(String, Option<PathBuf>)>,
    messages: Vec<String>,
}

/// An ECA file read from disk for a file event, parsed, with the root of the project it lies
/// in: what re-reading it needs from the disk, found without the world's lock.
#[derive(Debug)]
struct FileOnDisk {
    key: String,
    /// As `workspace::project_root_for` finds it (see [`project_root_of`]).
    project_root: Option<PathBuf>,
    /// `None`: it could not be read, so it leaves its project.
    read: Option<ReadFile>,
}

/// Read what the planned events need from disk, without touching the world: the files created
/// or changed (parsed, with their project's root), every ECA file of a folder created.
pub fn read_file_events(plan: FileEvents) -> FileEventsRead {
    let mut read = FileEventsRead {
        reindex: plan.reindex,
        settings: plan.settings,
        ..FileEventsRead::default()
    };
    for (path, kind) in plan.changes {
        let key = workspace::display(&path);
        match kind {
            FileEventKind::Deleted => read.removals.push(key),
            FileEventKind::Created | FileEventKind::Changed => {
                if path.is_dir() {
                    let found = discover(std::slice::from_ref(&path), &mut read.messages);
                    for file in found.projects.into_values().flatten() {
                        read.files
                            .push(read_file_on_disk(workspace::display(&file)));
                    }
                    for file in found.components.into_values().flatten() {
                        let key = workspace::display(&file);
                        let root = project_root_of(&key);
                        read.components.push((key, root));
                    }
                } else if path.is_file() && workspace::is_component_file(&path) {
                    let root = project_root_of(&key);
                    read.components.push((key, root));
                } else if path.is_file() && workspace::is_eca_file(&path) {
                    read.files.push(read_file_on_disk(key));
                } else {
                    read.removals.push(key);
                }
            }
        }
    }
    read
}

/// A file read from disk and parsed, and how it was not UTF-8 if it was not.
type ReadFile = (SourceFile, Option<EncodingProblem>);

/// What a re-index read from disk: each project's files, parsed, each project's
/// `.forceignore`, and what to tell the user.
#[derive(Debug, Default)]
pub struct IndexRead {
    projects: Vec<(PathBuf, Vec<ReadFile>)>,
    /// By project root: the paths of its component files (named, never read).
    components: Vec<(PathBuf, Vec<String>)>,
    /// By project root; empty when the files left out are included.
    forceignores: HashMap<PathBuf, Option<Arc<ForceIgnore>>>,
    messages: Vec<String>,
}

/// Read and parse every ECA file under `folders`, grouped into projects as the CLI groups them,
/// without touching the world: the expensive part of a re-index, done off the lock (and off
/// the protocol threads). Unless `include_ignored`, each project's `.forceignore` is read too and
/// the files it leaves out are neither read nor parsed (as `eca-ls check` has it). Open
/// documents are read too; [`WorldState::apply_index`] puts their buffers over them. A folder
/// that cannot be read is passed by (the user is told once), so that one unreadable folder
/// neither stops the rest from being indexed nor leaves the index empty.
pub fn read_index(
    folders: &[PathBuf],
    include_ignored: bool,
    progress: &(dyn Fn(IndexProgress) + Sync),
) -> IndexRead {
    let mut read = IndexRead::default();
    let mut discovery = discover(folders, &mut read.messages);
    if !include_ignored {
        for (root, files) in &mut discovery.projects {
            let forceignore = read_forceignore(root, &mut read.messages);
            if let Some(forceignore) = &forceignore {
                files.retain(|file| workspace::forceignored_by(root, forceignore, file).is_none());
            }
            read.forceignores.insert(root.clone(), forceignore);
        }
        for (root, files) in &mut discovery.components {
            let forceignore = read
                .forceignores
                .entry(root.clone())
                .or_insert_with(|| read_forceignore(root, &mut read.messages));
            if let Some(forceignore) = forceignore {
                files.retain(|file| workspace::forceignored_by(root, forceignore, file).is_none());
            }
        }
    }
    read.components = std::mem::take(&mut discovery.components)
        .into_iter()
        .map(|(root, files)| {
            (
                root,
                files.iter().map(|file| workspace::display(file)).collect(),
            )
        })
        .collect();
    let total: usize = discovery.projects.values().map(Vec::len).sum();
    let done = AtomicUsize::new(0);
    progress(IndexProgress { done: 0, total });
    for (root, files) in discovery.projects {
        let loaded: Vec<ReadFile> = files
            .par_iter()
            .filter_map(|file| {
                let key = workspace::display(file);
                let loaded = workspace::read_text(file)
                    .ok()
                    .map(|text| (parse_file(key, text.text), text.encoding_problem));
                let done = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(IndexProgress { done, total });
                loaded
            })
            .collect();
        read.projects.push((root, loaded));
    }
    read
}

/// The `.forceignore` of the project at `root`, if it has one; a problem reading it goes to
/// `messages` (and then no file is left out).
fn read_forceignore(root: &Path, messages: &mut Vec<String>) -> Option<Arc<ForceIgnore>> {
    if !root.is_absolute() {
        return None;
    }
    match workspace::forceignore_of(root) {
        Ok(forceignore) => forceignore.map(Arc::new),
        Err(error) => {
            messages.push(format!("eca-ls: {error}; no file is left out"));
            None
        }
    }
}

/// The ECA files under `folders` by project, as the CLI finds them; problems go to `messages`.
fn discover(folders: &[PathBuf], messages: &mut Vec<String>) -> workspace::Discovery {
    let mut discovery = workspace::Discovery::default();
    for folder in folders {
        match workspace::discover(std::slice::from_ref(folder)) {
            Ok(found) => {
                discovery.projects.extend(found.projects);
                discovery.components.extend(found.components);
                discovery.skipped.extend(found.skipped);
            }
            Err(error) => messages.push(format!("eca-ls could not index {error}")),
        }
    }
    if let Some(first) = discovery.skipped.first() {
        let others = discovery.skipped.len() - 1;
        let more = match others {
            0 => String::new(),
            1 => " and 1 other".to_string(),
            _ => format!(" and {others} others"),
        };
        messages.push(format!(
            "eca-ls skipped folders it cannot read: {first}{more}"
        ));
    }
    discovery
}

/// Ends the key of the project of a document the `.forceignore` leaves out (after the document's
/// path): no path ends so, so it never meets a project root's key.
const LEFT_OUT_KEY_SUFFIX: &str = "\u{0}left out";

/// Parse a file, guarding against a panic in the parser: the server must survive any text,
/// so a file the parser chokes on is kept with an empty tree (and the panic is logged).
pub fn parse_file(path: String, text: impl Into<SourceText>) -> SourceFile {
    // Shared, not copied: the fallback keeps the same text.
    let text: SourceText = text.into();
    let attempt = catch_unwind(AssertUnwindSafe(|| {
        SourceFile::new(path.clone(), text.clone())
    }));
    match attempt {
        Ok(file) => file,
        Err(_) => {
            eprintln!("eca-ls: the parser failed on {path}; the file is kept without a tree");
            SourceFile::without_tree(path, text)
        }
    }
}

fn settings_for(
    root: Option<&Path>,
    overrides: &Overrides,
    messages: &mut Vec<String>,
) -> (ApiVersionChoice, Config) {
    let fallback = || {
        let api_version = match overrides.config.api_version {
            Some(version) => ApiVersionChoice {
                version,
                source: ApiVersionSource::EditorSetting,
            },
            None => ApiVersionChoice::schema_default(),
        };
        (api_version, overrides.config.clone())
    };
    let Some(root) = root else {
        return fallback();
    };
    match workspace::project_settings(root, overrides) {
        Ok(settings) => settings,
        Err(error) => {
            messages.push(format!(
                "eca-ls: {error}; using the default settings for this project"
            ));
            fallback()
        }
    }
}

/// The project root at or above an absolute folder, spelled as paths from URIs are. Relative
/// folders are left alone: the server's folders come from URIs and are absolute, and walking
/// up from a relative one would depend on the process's current folder.
fn enclosing_project_root(folder: &Path) -> Option<PathBuf> {
    if !folder.is_absolute() {
        return None;
    }
    workspace::project_root_containing(folder).map(|root| convert::normalize(&root))
}

fn root_path(root_key: &str) -> Option<&Path> {
    let path = Path::new(root_key);
    path.is_absolute().then_some(path)
}

/// The ECA file `key` read from disk and parsed; `None` when it is not (or no longer) one, or
/// cannot be read.
fn read_from_disk(key: &str) -> Option<ReadFile> {
    let path = Path::new(key);
    if !path.is_absolute() || !path.is_file() || !workspace::is_eca_file(path) {
        return None;
    }
    let text = workspace::read_text(path).ok()?;
    Some((
        parse_file(key.to_string(), text.text),
        text.encoding_problem,
    ))
}

/// The root of the project the file `key` lies in ([`workspace::project_root_for`], which
/// reads the folders above it), spelled as paths from URIs are; `None` for a document that is
/// not a file.
fn project_root_of(key: &str) -> Option<PathBuf> {
    let path = Path::new(key);
    if !path.is_absolute() {
        return None;
    }
    workspace::project_root_for(path).map(|root| convert::normalize(&root))
}

fn read_file_on_disk(key: String) -> FileOnDisk {
    FileOnDisk {
        project_root: project_root_of(&key),
        read: read_from_disk(&key),
        key,
    }
}

/// Whether a path is `key` itself or lies under the folder `key` names: what a deletion of
/// `key` takes away.
fn at_or_under(key: &str) -> impl Fn(&str) -> bool + '_ {
    let folder_prefix = format!(
        "{}{}",
        key.trim_end_matches(['/', '\\']),
        std::path::MAIN_SEPARATOR
    );
    move |path| path == key || path.starts_with(&folder_prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICIES: &str =
        "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
    const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";
    const GLOBAL: &str =
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml";

    /// A throwaway sfdx project with one app's three files; removed when dropped.
    struct ProjectOnDisk(PathBuf);

    impl ProjectOnDisk {
        fn new(name: &str) -> ProjectOnDisk {
            let root =
                std::env::temp_dir().join(format!("eca-ls-state-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let files = [
                (SFDX_PROJECT_FILE, "{ \"packageDirectories\": [] }"),
                (
                    POLICIES,
                    "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Portal</externalClientApplication></ExtlClntAppOauthConfigurablePolicies>",
                ),
                (
                    HEADER,
                    "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>Portal</label></ExternalClientApplication>",
                ),
                (
                    GLOBAL,
                    "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Portal</externalClientApplication></ExtlClntAppGlobalOauthSettings>",
                ),
            ];
            for (relative, text) in files {
                let path = root.join(relative);
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder).unwrap();
                }
                std::fs::write(path, text).unwrap();
            }
            ProjectOnDisk(root)
        }

        fn uri(&self, relative: &str) -> Uri {
            Uri::from_file_path(self.0.join(relative)).unwrap()
        }

        fn folder_of(&self, relative: &str) -> PathBuf {
            self.0.join(relative).parent().unwrap().to_path_buf()
        }
    }

    impl Drop for ProjectOnDisk {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn world(folders: Vec<PathBuf>) -> WorldState {
        WorldState::new(PositionEncoding::Utf16, Config::default(), folders)
    }

    #[test]
    fn folders_inside_one_project_index_it_once() {
        let project = ProjectOnDisk::new("two-folders");
        let mut world = world(vec![
            project.folder_of(POLICIES),
            project.folder_of(HEADER),
            project.0.join("force-app"),
        ]);
        world.index_workspace();
        assert_eq!(world.indexed_roots, vec![project.0.clone()]);
        assert_eq!(world.projects.len(), 1);
        let snapshot = world.snapshot(&project.uri(GLOBAL)).unwrap();
        assert_eq!(snapshot.project.file_count(), 3);
        // The root lies above every workspace folder, so its `sfdx-project.json` is beyond
        // their watchers: it gets one of its own, once.
        assert_eq!(world.take_roots_to_watch(), vec![project.0.clone()]);
        assert_eq!(world.take_roots_to_watch(), Vec::<PathBuf>::new());
    }

    #[test]
    fn a_document_opened_as_on_disk_keeps_the_parsed_file_and_is_checked_again() {
        let project = ProjectOnDisk::new("open-unchanged");
        let mut world = world(vec![project.0.clone()]);
        world.index_workspace();
        let _ = world.take_diagnostic_jobs();
        let on_disk = std::fs::read_to_string(project.0.join(POLICIES)).unwrap();
        let shared_file = |world: &WorldState| {
            let snapshot = world.snapshot(&project.uri(POLICIES)).unwrap();
            let path = snapshot.path.clone();
            snapshot
                .project
                .shared_files()
                .find(|file| file.path == path)
                .cloned()
                .unwrap()
        };
        let indexed = shared_file(&world);
        world.open(project.uri(POLICIES), 1, &on_disk);
        let opened = shared_file(&world);
        assert!(
            Arc::ptr_eq(&indexed, &opened),
            "the file parsed when indexing stays"
        );
        let path = convert::path_key(&project.uri(POLICIES));
        assert!(opened.text.shares_buffer_with(&world.documents[&path].text));
        assert!(
            world
                .take_diagnostic_jobs()
                .iter()
                .any(|job| job.dirty.contains(&path)),
            "its diagnostics go out again, with the document's version"
        );
        // Opened with other text, it is parsed.
        world.open(
            project.uri(POLICIES),
            2,
            "<ExtlClntAppOauthConfigurablePolicies/>",
        );
        let reopened = shared_file(&world);
        assert!(!Arc::ptr_eq(&indexed, &reopened));
        assert_eq!(reopened.text, "<ExtlClntAppOauthConfigurablePolicies/>");
    }

    #[test]
    fn a_document_outside_everything_loads_its_project_once() {
        let project = ProjectOnDisk::new("on-demand");
        let mut world = world(Vec::new());
        world.index_workspace();
        assert!(world.snapshot(&project.uri(HEADER)).is_none());
        world.open(
            project.uri(POLICIES),
            1,
            "<ExtlClntAppOauthConfigurablePolicies/>",
        );
        assert_eq!(world.indexed_roots, vec![project.0.clone()]);
        assert_eq!(world.take_roots_to_watch(), vec![project.0.clone()]);
        world.open(project.uri(HEADER), 1, "<ExternalClientApplication/>");
        assert_eq!(world.indexed_roots, vec![project.0.clone()]);
        assert_eq!(world.take_roots_to_watch(), Vec::<PathBuf>::new());
        // Re-indexing keeps the project loaded on demand, and the open buffers over the disk.
        world.index_workspace();
        assert_eq!(world.indexed_roots, vec![project.0.clone()]);
        let snapshot = world.snapshot(&project.uri(GLOBAL)).unwrap();
        assert_eq!(snapshot.project.file_count(), 3);
        let header = workspace::display(&project.0.join(HEADER));
        assert_eq!(
            snapshot
                .project
                .file(&header)
                .map(|file| file.text.as_str()),
            Some("<ExternalClientApplication/>")
        );
    }

    #[test]
    fn the_forceignore_is_read_with_the_files_not_under_the_lock() {
        let project = ProjectOnDisk::new("forceignore-read");
        let forceignore = project.0.join(workspace::FORCEIGNORE_FILE_NAME);
        std::fs::write(&forceignore, "extlClntAppGlobalOauthSets/\n").unwrap();
        let mut world = world(vec![project.0.clone()]);
        let folders = world.folders_to_index();
        let read = read_index(&folders, false, &|_| {});
        // Gone before the read is applied: applying it reads nothing more.
        std::fs::remove_file(&forceignore).unwrap();
        world.apply_index(folders.clone(), read);
        let snapshot = world.snapshot(&project.uri(HEADER)).unwrap();
        assert_eq!(snapshot.project.file_count(), 2);
        assert!(world.snapshot(&project.uri(GLOBAL)).is_none());
        // Included, the files it leaves out are read as any other.
        std::fs::write(&forceignore, "extlClntAppGlobalOauthSets/\n").unwrap();
        world.include_ignored = true;
        world.apply_index(folders.clone(), read_index(&folders, true, &|_| {}));
        let snapshot = world.snapshot(&project.uri(GLOBAL)).unwrap();
        assert_eq!(snapshot.project.file_count(), 3);
        assert!(snapshot.left_out.is_none());
    }

    #[test]
    fn a_changed_file_is_read_and_placed_in_its_project_before_the_lock() {
        let project = ProjectOnDisk::new("file-event");
        let mut world = world(vec![project.0.join("force-app")]);
        world.index_workspace();
        let changed = "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Portal</externalClientApplication><label>Changed</label></ExtlClntAppGlobalOauthSettings>";
        std::fs::write(project.0.join(GLOBAL), changed).unwrap();
        let plan = world.plan_file_events(&[(project.0.join(GLOBAL), FileEventKind::Changed)]);
        let read = read_file_events(plan);
        // What decides the file's project goes before the read is applied: applying it reads
        // nothing more.
        std::fs::remove_file(project.0.join(SFDX_PROJECT_FILE)).unwrap();
        assert!(!world.apply_file_events(read));
        let snapshot = world.snapshot(&project.uri(GLOBAL)).unwrap();
        assert_eq!(snapshot.project.file_count(), 3);
        assert_eq!(
            snapshot
                .project
                .file(&snapshot.path)
                .map(|file| file.text.as_str()),
            Some(changed)
        );
    }

    #[test]
    fn a_folder_in_no_project_is_indexed_on_its_own() {
        let project = ProjectOnDisk::new("no-project");
        std::fs::remove_file(project.0.join(SFDX_PROJECT_FILE)).unwrap();
        let folder = project.folder_of(POLICIES);
        let mut world = world(vec![folder.clone()]);
        world.index_workspace();
        assert_eq!(world.indexed_roots, vec![folder]);
        assert!(world.snapshot(&project.uri(HEADER)).is_none());
        assert_eq!(
            world
                .snapshot(&project.uri(POLICIES))
                .unwrap()
                .project
                .file_count(),
            1
        );
    }
}
