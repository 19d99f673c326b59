//! One sfdx project's ECA files, parsed, and the apps they form.
//!
//! The front ends decide which files belong to a project and read them; this module only holds
//! their text and what follows from it. Cloning a `Project` is cheap (files and the index are
//! shared until one side changes), so a language server can hand a snapshot to a request while
//! edits go on. An index of the apps, headers and org settings is kept up to date on every
//! change, so that looking up a file's app never scans the project.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use eca_schema::{ApiVersion, Schema, TypeDef, TypeKind};
use eca_syntax::{LineIndex, Parse, SourceText, TextRange};

use crate::model::components::ProjectComponents;
use crate::model::config::Config;
use crate::model::diagnostic::Diagnostic;
use crate::model::file_kind::{self, FileKind};
use crate::model::top_level::{Reuse, TopLevelMemo};

/// The name of the field that ties a component to its app.
pub const APP_REFERENCE_FIELD: &str = "externalClientApplication";

/// The root type of an app's header file.
pub const HEADER_TYPE: &str = "ExternalClientApplication";

/// Where the API version in force came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiVersionSource {
    CommandLine,
    /// An editor setting (`initializationOptions` or `workspace/didChangeConfiguration`).
    EditorSetting,
    /// `api-version` in this `eca-ls.toml`.
    ConfigFile(String),
    /// `sourceApiVersion` in this `sfdx-project.json`.
    SfdxProject(String),
    /// `<version>` in this `package.xml`.
    PackageXml(String),
    /// Nothing named one: the newest version the schema knows.
    SchemaDefault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersionChoice {
    pub version: ApiVersion,
    pub source: ApiVersionSource,
}

/// A parsed file of the project.
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    /// The file's text, shared with its tree (`parse.document.text()`).
    pub text: SourceText,
    pub parse: Parse,
    /// Built on first use (see [`SourceFile::line_index`]): most files never need one, since
    /// positions are only computed for findings and requests.
    line_index: OnceLock<LineIndex>,
    /// `None` for files that are not ECA metadata (they get no diagnostics).
    pub kind: Option<FileKind>,
    /// The component name from the file name (`Portal_Auto_Login_oauth`).
    pub full_name: String,
    /// The `externalClientApplication` value, for components that name their app.
    pub app_reference: Option<AppReference>,
    /// Unique to this version of the file (see [`new_stamp`]): findings remembered for it are
    /// keyed by it (see `model::top_level`).
    pub(crate) stamp: u64,
    /// How this version came from each of the last few versions (the previous one first),
    /// while every edit since moved the tree: several changes of one `didChange`, or versions
    /// never checked, still let the checks reuse what they found in an older one.
    pub(crate) origins: Vec<EditOrigin>,
}

/// How many earlier versions a file keeps its [`EditOrigin`] from.
const ORIGINS_KEPT: usize = 4;

/// Edits that turned an earlier version of a file into this one, each keeping the tree (see
/// `eca_syntax::reparse_in_place`), as one replacement that spans them all: everything outside
/// it is unchanged, moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EditOrigin {
    /// The stamp of the earlier version.
    pub previous: u64,
    /// What was replaced, in the earlier version's text.
    pub replaced: TextRange,
    /// The length of what replaced it.
    pub inserted_len: usize,
}

impl EditOrigin {
    /// This origin followed by the edit of `range` (in the text this origin led to) with
    /// `inserted_len` bytes: one replacement spanning both.
    fn then(self, range: TextRange, inserted_len: usize) -> EditOrigin {
        let earlier_delta = self.inserted_len as i64 - self.replaced.len() as i64;
        // The span of both edits in the text between them, then in the earlier text: its start
        // is before the first edit's end, so it did not move; its end is after, so it did.
        let start = self.replaced.start.min(range.start);
        let end = (self.replaced.start + self.inserted_len).max(range.end);
        EditOrigin {
            previous: self.previous,
            replaced: TextRange::new(start, (end as i64 - earlier_delta) as usize),
            inserted_len: end - start + inserted_len - range.len(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppReference {
    /// As written, possibly with a namespace prefix (`w22loan__Symphonix_MCP`).
    pub value: String,
    pub range: TextRange,
}

/// An External Client App: its header file plus every file that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    /// The header's name, or the name the components use when the header is missing.
    pub name: String,
    /// Path of the `.eca-meta.xml` header, when the project has it.
    pub header: Option<String>,
    /// Paths of the files that name the app (not the header), in path order.
    pub components: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Project {
    /// The project's root folder, as the front end names it.
    pub root: String,
    pub api_version: ApiVersionChoice,
    pub config: Config,
    /// Shared with clones (snapshots) until one of them changes: copy on write.
    files: Arc<BTreeMap<String, Arc<SourceFile>>>,
    index: Arc<ProjectIndex>,
    /// The files of the other components ECA fields name (Apex classes, permission sets,
    /// profiles, custom scopes): paths and names only, never read.
    components: Arc<ProjectComponents>,
    /// Shared by every clone: valid for any of them, since it is keyed by the files themselves.
    app_findings: Arc<AppFindingsMemo>,
    /// The same for the findings of each top-level element of the large files.
    top_level: Arc<TopLevelMemo>,
}

/// The findings of each app's rules, remembered with the stamps of the files they were
/// computed from. An app rule reads only the app's files and the org settings (see
/// `rules::AppContext`), so while neither changed, the findings did not either: a keystroke in
/// one app's file re-runs that app's rules only, not every app's (the org settings file holds
/// findings of all of them).
#[derive(Debug, Default)]
struct AppFindingsMemo {
    by_app: Mutex<HashMap<String, RememberedFindings>>,
}

#[derive(Debug)]
struct RememberedFindings {
    stamps: Stamps,
    findings: Arc<Vec<Diagnostic>>,
}

/// The stamps of an app's files and of the org settings, and for an app without a header of
/// every header (its reference is compared with every header's name and label): equal stamps,
/// equal files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamps {
    app: u64,
    org_settings: u64,
    headers: u64,
}

/// What the project's files say about its apps, kept in step with `files`.
#[derive(Debug, Clone, Default)]
struct ProjectIndex {
    /// Changes whenever an org settings file comes, goes or changes.
    org_settings_stamp: u64,
    /// Changes whenever a header comes, goes or changes.
    headers_stamp: u64,
    /// App key (see [`app_key`]) → the files that form the app.
    apps: BTreeMap<String, AppFiles>,
    /// Org settings type name → its files, in path order.
    org_settings: BTreeMap<&'static str, BTreeSet<String>>,
}

#[derive(Debug, Clone, Default)]
struct AppFiles {
    /// Changes whenever one of the app's files comes, goes or changes. Stamps are unique in
    /// the whole process (see [`new_stamp`]), so that two projects that went different ways
    /// from one clone never share one for different files.
    stamp: u64,
    /// Several headers of one app are a conflict (`duplicate-app-header`); the first counts.
    headers: BTreeSet<String>,
    components: BTreeSet<String>,
}

impl fmt::Display for ApiVersionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiVersionSource::CommandLine => f.write_str("--api-version"),
            ApiVersionSource::EditorSetting => f.write_str("the editor setting"),
            ApiVersionSource::ConfigFile(path) => write!(f, "api-version in {path}"),
            ApiVersionSource::SfdxProject(path) => write!(f, "sourceApiVersion in {path}"),
            ApiVersionSource::PackageXml(path) => write!(f, "<version> in {path}"),
            ApiVersionSource::SchemaDefault => f.write_str(
                "the newest version eca-ls knows (no sfdx-project.json or package.xml names one)",
            ),
        }
    }
}

impl ApiVersionChoice {
    pub fn schema_default() -> ApiVersionChoice {
        ApiVersionChoice {
            version: Schema::get().newest_api_version(),
            source: ApiVersionSource::SchemaDefault,
        }
    }
}

impl SourceFile {
    /// Parses `text`, which the file and its tree then share (a `String` is not copied).
    pub fn new(path: impl Into<String>, text: impl Into<SourceText>) -> SourceFile {
        let text: SourceText = text.into();
        let parse = eca_syntax::parse(text.clone());
        SourceFile::from_parse(path.into(), text, parse)
    }

    /// This file after `range` of its text is replaced with `inserted`. The text is spliced
    /// once; the tree is moved rather than parsed again when the edit stays inside one
    /// element's text or one attribute's value (typing in a value), and only the element that
    /// holds the edit is parsed again when the edit touches markup inside it (see
    /// `eca_syntax::reparse`).
    pub fn edited(&self, range: TextRange, inserted: &str) -> SourceFile {
        let mut text = String::with_capacity(self.text.len() - range.len() + inserted.len());
        text.push_str(&self.text[..range.start]);
        text.push_str(inserted);
        text.push_str(&self.text[range.end..]);
        let text = SourceText::from(text);
        let edit = eca_syntax::Edit { range, inserted };
        match eca_syntax::reparse_in_place(&self.parse, edit, &text) {
            Some(parse) => {
                let mut file = SourceFile::from_parse(self.path.clone(), text, parse);
                let from_this = EditOrigin {
                    previous: self.stamp,
                    replaced: range,
                    inserted_len: inserted.len(),
                };
                file.origins = std::iter::once(from_this)
                    .chain(
                        self.origins
                            .iter()
                            .map(|origin| origin.then(range, inserted.len())),
                    )
                    .take(ORIGINS_KEPT)
                    .collect();
                file
            }
            None => SourceFile::new(self.path.clone(), text),
        }
    }

    fn from_parse(path: String, text: SourceText, parse: Parse) -> SourceFile {
        let root_name = parse.document.root_element().map(|root| root.name());
        let kind = file_kind::detect(&path, root_name);
        let full_name = file_kind::full_name(&path).to_string();
        let app_reference = kind
            .filter(|kind| kind.type_def.field(APP_REFERENCE_FIELD).is_some())
            .and_then(|_| app_reference(&parse));
        SourceFile {
            path,
            text,
            parse,
            line_index: OnceLock::new(),
            kind,
            full_name,
            app_reference,
            stamp: new_stamp(),
            origins: Vec::new(),
        }
    }

    /// A file kept without a tree (a front end's fallback when parsing failed): typed by its
    /// name alone, with no findings of its own.
    pub fn without_tree(path: impl Into<String>, text: impl Into<SourceText>) -> SourceFile {
        let path = path.into();
        SourceFile {
            kind: file_kind::detect(&path, None),
            full_name: file_kind::full_name(&path).to_string(),
            path,
            text: text.into(),
            parse: Parse {
                document: eca_syntax::Document::default(),
                errors: Vec::new(),
            },
            line_index: OnceLock::new(),
            app_reference: None,
            stamp: new_stamp(),
            origins: Vec::new(),
        }
    }

    /// Line and column conversions for this file's text.
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn type_name(&self) -> Option<&'static str> {
        self.kind.map(|kind| kind.type_def.name.as_str())
    }

    /// The type the file's root element is checked against: the one its root element names
    /// when that is a known type (so that a misnamed file is checked for what it holds), else
    /// the one its file name says.
    pub fn effective_type(&self) -> Option<&'static TypeDef> {
        let kind = self.kind?;
        let root_name = self.parse.document.root_element()?.local_name();
        Some(
            Schema::get()
                .type_for_root_element(root_name)
                .unwrap_or(kind.type_def),
        )
    }

    pub fn is_header(&self) -> bool {
        self.type_name() == Some(HEADER_TYPE)
    }

    pub fn is_org_settings(&self) -> bool {
        self.kind
            .is_some_and(|kind| kind.type_def.kind == TypeKind::Settings)
    }
}

impl Project {
    pub fn new(root: impl Into<String>, api_version: ApiVersionChoice, config: Config) -> Project {
        Project {
            root: root.into(),
            api_version,
            config,
            files: Arc::default(),
            index: Arc::default(),
            components: Arc::default(),
            app_findings: Arc::default(),
            top_level: Arc::default(),
        }
    }

    /// Record a file of another component of the project (`permissionsets/Sales.permissionset-meta.xml`),
    /// by its path alone; `false` when the path holds no component eca-ls looks for (see
    /// [`crate::model::components::component_of_path`]).
    pub fn add_component_file(&mut self, path: &str) -> bool {
        if self.components.contains(path) {
            return true;
        }
        if crate::model::components::component_of_path(path).is_none() {
            return false;
        }
        Arc::make_mut(&mut self.components).insert(path)
    }

    /// Forget a component file; `false` when it was not recorded.
    pub fn remove_component_file(&mut self, path: &str) -> bool {
        if !self.components.contains(path) {
            return false;
        }
        Arc::make_mut(&mut self.components).remove(path)
    }

    /// The other components the project holds files for.
    pub fn components(&self) -> &ProjectComponents {
        &self.components
    }

    /// Add or replace a file, parsing it.
    pub fn set_file(
        &mut self,
        path: impl Into<String>,
        text: impl Into<SourceText>,
    ) -> Arc<SourceFile> {
        self.insert(SourceFile::new(path, text))
    }

    /// Add or replace an already parsed file (front ends parse in parallel).
    pub fn insert(&mut self, file: SourceFile) -> Arc<SourceFile> {
        self.insert_shared(Arc::new(file))
    }

    /// [`Project::insert`] of a file already shared.
    pub fn insert_shared(&mut self, file: Arc<SourceFile>) -> Arc<SourceFile> {
        let previous = Arc::make_mut(&mut self.files).insert(file.path.clone(), Arc::clone(&file));
        let index = Arc::make_mut(&mut self.index);
        if let Some(previous) = previous {
            index.remove(&previous);
        }
        index.add(&file);
        file
    }

    /// [`Project::insert`] each of `files` in turn, faster: into a project without files,
    /// the map of files is built from them in path order in one pass, instead of searching
    /// it from the root for each (paths of one project share most of their bytes, so every
    /// step of a search compares long strings). Of two files with one path, the later wins,
    /// as with `insert`.
    ///
    /// The files come shared: a front end that parses in parallel makes each one's `Arc` (an
    /// allocation and a copy of the file's fields) on the thread that parsed it.
    pub fn insert_all(&mut self, files: Vec<Arc<SourceFile>>) {
        if !self.files.is_empty() {
            for file in files {
                self.insert_shared(file);
            }
            return;
        }
        let mut shared = files;
        // Stable: files with one path keep their order, and the last of each run is kept.
        shared.sort_by(|left, right| left.path.cmp(&right.path));
        let mut kept: Vec<Arc<SourceFile>> = Vec::with_capacity(shared.len());
        for file in shared {
            match kept.last_mut() {
                Some(last) if last.path == file.path => *last = file,
                _ => kept.push(file),
            }
        }
        let index = Arc::make_mut(&mut self.index);
        for file in &kept {
            index.add(file);
        }
        *Arc::make_mut(&mut self.files) = kept
            .into_iter()
            .map(|file| (file.path.clone(), file))
            .collect();
    }

    pub fn remove_file(&mut self, path: &str) -> Option<Arc<SourceFile>> {
        let removed = Arc::make_mut(&mut self.files).remove(path)?;
        self.top_level.retain(|remembered| remembered != path);
        Arc::make_mut(&mut self.index).remove(&removed);
        Some(removed)
    }

    /// `path` as a person reads it: relative to the project's root (see [`relative_to`]).
    pub fn relative_path<'a>(&self, path: &'a str) -> &'a str {
        relative_to(&self.root, path)
    }

    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        self.files.get(path).map(|file| &**file)
    }

    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.values().map(|file| &**file)
    }

    /// The files as shared handles, for front ends that keep them beyond the project.
    pub fn shared_files(&self) -> impl Iterator<Item = &Arc<SourceFile>> {
        self.files.values()
    }

    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Every app of the project, by name.
    pub fn apps(&self) -> Vec<App> {
        self.index
            .apps
            .iter()
            .map(|(key, files)| self.app_from(key, files))
            .collect()
    }

    /// The apps that have no header in the project: their references are compared with every
    /// header (ECA-REF-001 names a header whose name or label is close), so a header that
    /// comes, goes or changes may change their findings.
    pub fn apps_without_header(&self) -> Vec<App> {
        self.index
            .apps
            .iter()
            .filter(|(_, files)| files.headers.is_empty())
            .map(|(key, files)| self.app_from(key, files))
            .collect()
    }

    /// How many apps the project has.
    pub fn app_count(&self) -> usize {
        self.index.apps.len()
    }

    /// Every app header of the project, in path order.
    pub fn headers(&self) -> impl Iterator<Item = &SourceFile> {
        // Gathered from the apps rather than kept as a set of its own: only a reference to an
        // app without a header asks for every header.
        let mut paths: Vec<&String> = self
            .index
            .apps
            .values()
            .flat_map(|files| &files.headers)
            .collect();
        paths.sort_unstable();
        paths.into_iter().filter_map(|path| self.file(path))
    }

    /// Whether the project has a header for the app with this key (see [`app_key`]).
    pub fn has_header(&self, key: &str) -> bool {
        self.index
            .apps
            .get(key)
            .is_some_and(|files| !files.headers.is_empty())
    }

    /// The app a file belongs to: the one it is the header of, or the one it names.
    pub fn app_of(&self, path: &str) -> Option<App> {
        self.app_by_key(self.app_key_of(path)?)
    }

    /// Whether a file belongs to an app: [`Project::app_of`] without building the app.
    pub fn in_an_app(&self, path: &str) -> bool {
        self.file(path)
            .is_some_and(|file| self.holds_in_an_app(file))
    }

    /// [`Project::in_an_app`] for a file of the project in hand, without looking it up.
    pub fn holds_in_an_app(&self, file: &SourceFile) -> bool {
        app_key_of_file(file).is_some_and(|key| self.index.apps.contains_key(key))
    }

    /// The app with this name (a namespace prefix is ignored).
    pub fn app_named(&self, name: &str) -> Option<App> {
        self.app_by_key(app_key(name))
    }

    /// The project's org settings file of this type (`OauthOidcSettings`), if it has one.
    pub fn org_settings(&self, type_name: &str) -> Option<&SourceFile> {
        let path = self.index.org_settings.get(type_name)?.first()?;
        self.file(path)
    }

    /// Every org settings file of this type, in path order. More than one is a conflict that
    /// `duplicate-org-settings` reports; [`Project::org_settings`] is the first.
    pub fn org_settings_files_of(&self, type_name: &str) -> impl Iterator<Item = &SourceFile> {
        self.index
            .org_settings
            .get(type_name)
            .into_iter()
            .flatten()
            .filter_map(|path| self.file(path))
    }

    /// Every header of the app with this name (a namespace prefix is ignored), in path order.
    /// More than one is a conflict that `duplicate-app-header` reports; the first names the app.
    pub fn headers_of(&self, name: &str) -> impl Iterator<Item = &SourceFile> {
        self.index
            .apps
            .get(app_key(name))
            .into_iter()
            .flat_map(|files| &files.headers)
            .filter_map(|path| self.file(path))
    }

    /// Every org settings file of the project, in path order of their types.
    pub fn org_settings_files(&self) -> impl Iterator<Item = &SourceFile> {
        self.index
            .org_settings
            .values()
            .flatten()
            .filter_map(|path| self.file(path))
    }

    /// The findings of `app`'s rules: remembered ones while the app's files and the org
    /// settings are unchanged, else those `compute` returns (which are then remembered).
    pub(crate) fn app_findings(
        &self,
        app: &App,
        compute: impl FnOnce(&App) -> Vec<Diagnostic>,
    ) -> Arc<Vec<Diagnostic>> {
        let key = app_key(&app.name);
        match self.index.apps.get(key).filter(|files| files.describe(app)) {
            Some(files) => self.remembered(key, files, compute),
            // Not an app of this project as it stands: nothing to remember it by.
            None => Arc::new(compute(app)),
        }
    }

    /// The result of `check` on `file`, which may reuse what it found in the top-level
    /// elements of the version the file was edited from (see `model::top_level`) under `slot`.
    pub(crate) fn top_level_checked<T>(
        &self,
        file: &SourceFile,
        slot: &'static str,
        check: impl FnOnce(Option<&Reuse>) -> (T, Vec<Vec<Diagnostic>>),
    ) -> T {
        self.top_level.check(file, slot, &self.api_version, check)
    }

    /// Forget the findings remembered per top-level element (see `model::top_level`), so that
    /// the next check of each file starts from scratch, as for a file just opened: for
    /// benchmarks of the full analysis.
    pub fn forget_top_level_findings(&self) {
        self.top_level.retain(|_| false);
    }

    /// How many top-level elements of large files had their findings reused rather than
    /// computed again, over the life of this project and its clones (for tests).
    pub fn reused_top_level_elements(&self) -> usize {
        self.top_level.reused_count()
    }

    /// The findings of every app's rules (see [`Project::app_findings`]), apps by name.
    pub(crate) fn every_app_findings(
        &self,
        compute: impl Fn(&App) -> Vec<Diagnostic>,
    ) -> Vec<Arc<Vec<Diagnostic>>> {
        self.index
            .apps
            .iter()
            .map(|(key, files)| self.remembered(key, files, &compute))
            .collect()
    }

    fn remembered(
        &self,
        key: &str,
        files: &AppFiles,
        compute: impl FnOnce(&App) -> Vec<Diagnostic>,
    ) -> Arc<Vec<Diagnostic>> {
        let stamps = Stamps {
            app: files.stamp,
            org_settings: self.index.org_settings_stamp,
            headers: if files.headers.is_empty() {
                self.index.headers_stamp
            } else {
                0
            },
        };
        let lock = || {
            self.app_findings
                .by_app
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some(remembered) = lock()
            .get(key)
            .filter(|remembered| remembered.stamps == stamps)
        {
            return Arc::clone(&remembered.findings);
        }
        let findings = Arc::new(compute(&self.app_from(key, files)));
        let mut memo = lock();
        memo.insert(
            key.to_string(),
            RememberedFindings {
                stamps,
                findings: Arc::clone(&findings),
            },
        );
        // Apps come and go as names are typed; forget those that are gone.
        if memo.len() > 2 * self.index.apps.len() + 16 {
            memo.retain(|key, _| self.index.apps.contains_key(key));
        }
        findings
    }

    /// The key of the app a file is the header of, or names.
    fn app_key_of(&self, path: &str) -> Option<&str> {
        app_key_of_file(self.file(path)?)
    }

    fn app_by_key(&self, key: &str) -> Option<App> {
        let files = self.index.apps.get(key)?;
        Some(self.app_from(key, files))
    }

    fn app_from(&self, key: &str, files: &AppFiles) -> App {
        // The first header names the app; without one, the name the components use.
        let header = files.headers.first().cloned();
        let name = header
            .as_deref()
            .and_then(|path| self.file(path))
            .map_or_else(|| key.to_string(), |file| file.full_name.clone());
        App {
            name,
            header,
            components: files.components.iter().cloned().collect(),
        }
    }
}

impl AppFiles {
    /// Whether `app` is what these files make (and not, say, an app built by hand).
    fn describe(&self, app: &App) -> bool {
        self.headers.first() == app.header.as_ref() && self.components.iter().eq(&app.components)
    }
}

impl ProjectIndex {
    fn add(&mut self, file: &SourceFile) {
        if let Some(type_name) = file.type_name().filter(|_| file.is_org_settings()) {
            self.org_settings
                .entry(type_name)
                .or_default()
                .insert(file.path.clone());
            self.org_settings_stamp = new_stamp();
        }
        if file.is_header() {
            let key = app_key(&file.full_name).to_string();
            let app = self.apps.entry(key).or_default();
            app.headers.insert(file.path.clone());
            app.stamp = new_stamp();
            self.headers_stamp = new_stamp();
        } else if let Some(reference) = &file.app_reference {
            if reference.value.is_empty() {
                return;
            }
            let key = app_key(&reference.value).to_string();
            let app = self.apps.entry(key).or_default();
            app.components.insert(file.path.clone());
            app.stamp = new_stamp();
        }
    }

    /// Undo [`ProjectIndex::add`] for a file leaving the project (or being replaced).
    fn remove(&mut self, file: &SourceFile) {
        if let Some(type_name) = file.type_name().filter(|_| file.is_org_settings()) {
            if let Some(paths) = self.org_settings.get_mut(type_name) {
                paths.remove(&file.path);
                if paths.is_empty() {
                    self.org_settings.remove(type_name);
                }
            }
            self.org_settings_stamp = new_stamp();
        }
        if file.is_header() {
            self.headers_stamp = new_stamp();
        }
        let key = if file.is_header() {
            app_key(&file.full_name)
        } else {
            match &file.app_reference {
                Some(reference) if !reference.value.is_empty() => app_key(&reference.value),
                _ => return,
            }
        };
        let Some(app) = self.apps.get_mut(key) else {
            return;
        };
        app.headers.remove(&file.path);
        app.components.remove(&file.path);
        app.stamp = new_stamp();
        if app.headers.is_empty() && app.components.is_empty() {
            self.apps.remove(key);
        }
    }
}

/// A number no other call in this process returns.
fn new_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// `path` as a person reads it: relative to `root` when it lies inside it (`force-app/main/...`
/// rather than the absolute path of someone's machine), else as it is: a file outside the root,
/// or no root. Either separator.
pub fn relative_to<'a>(root: &str, path: &'a str) -> &'a str {
    if root.is_empty() {
        return path;
    }
    let root = root.trim_end_matches(['/', '\\']);
    if root == "." {
        return path
            .strip_prefix("./")
            .or_else(|| path.strip_prefix(".\\"))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(path);
    }
    path.strip_prefix(root)
        .and_then(|rest| rest.strip_prefix(['/', '\\']))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(path)
}

/// The key of the app a file belongs to: its own name for a header, else the app it names.
fn app_key_of_file(file: &SourceFile) -> Option<&str> {
    Some(if file.is_header() {
        app_key(&file.full_name)
    } else {
        app_key(&file.app_reference.as_ref()?.value)
    })
}

/// The name an app is matched by: a reference `ns__Name` from a packaged component matches
/// the header `Name`. Salesforce API names cannot contain `__` except after a namespace.
pub fn app_key(name: &str) -> &str {
    let name = name.trim();
    match crate::model::text_util::find_doubled(name, b'_') {
        Some(at) if at > 0 && at + 2 < name.len() => &name[at + 2..],
        _ => name,
    }
}

fn app_reference(parse: &Parse) -> Option<AppReference> {
    let document = &parse.document;
    let root = document.root()?;
    let element = document.child_named(root, APP_REFERENCE_FIELD)?;
    let value = document.element(element).text_value();
    Some(AppReference {
        value: value.value.into_owned(),
        range: value.range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_the_projects_own() {
        assert_eq!(relative_to("/work/repo", "/work/repo/a/b.xml"), "a/b.xml");
        assert_eq!(relative_to("/work/repo/", "/work/repo/a/b.xml"), "a/b.xml");
        assert_eq!(
            relative_to("/work/repo", "/work/repository/a.xml"),
            "/work/repository/a.xml"
        );
        assert_eq!(relative_to("/work/repo", "/work/repo"), "/work/repo");
        assert_eq!(relative_to("/", "/a/b.xml"), "a/b.xml");
        assert_eq!(relative_to("", "a/b.xml"), "a/b.xml");
        assert_eq!(relative_to("", "/a/b.xml"), "/a/b.xml");
        assert_eq!(relative_to(".", "./a/b.xml"), "a/b.xml");
        assert_eq!(relative_to("..", "../a/b.xml"), "a/b.xml");
        assert_eq!(relative_to("C:\\repo\\", "C:\\repo\\a\\b.xml"), "a\\b.xml");
    }

    const NS: &str = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

    fn header(name: &str) -> (String, String) {
        (
            format!("/p/externalClientApps/{name}.eca-meta.xml"),
            format!(
                "<ExternalClientApplication {NS}><label>{name}</label></ExternalClientApplication>"
            ),
        )
    }

    fn component(file: &str, app: &str) -> (String, String) {
        (
            format!("/p/extlClntAppOauthSettings/{file}.ecaOauth-meta.xml"),
            format!(
                "<ExtlClntAppOauthSettings {NS}><externalClientApplication>{app}</externalClientApplication></ExtlClntAppOauthSettings>"
            ),
        )
    }

    fn org_settings(folder: &str) -> (String, String) {
        (
            format!("/p/{folder}/settings/OauthOidc.settings-meta.xml"),
            format!(
                "<OauthOidcSettings {NS}><isPkceRequired>true</isPkceRequired></OauthOidcSettings>"
            ),
        )
    }

    /// The apps as a scan of every file finds them: what the index must always agree with.
    fn apps_by_scanning(project: &Project) -> Vec<App> {
        let mut apps: BTreeMap<String, App> = BTreeMap::new();
        for file in project.files() {
            if file.is_header() {
                let key = app_key(&file.full_name).to_string();
                let app = apps.entry(key).or_insert_with(|| App {
                    name: file.full_name.clone(),
                    header: None,
                    components: Vec::new(),
                });
                if app.header.is_none() {
                    app.header = Some(file.path.clone());
                    app.name = file.full_name.clone();
                }
            } else if let Some(reference) = &file.app_reference {
                if reference.value.is_empty() {
                    continue;
                }
                let key = app_key(&reference.value).to_string();
                let app = apps.entry(key.clone()).or_insert_with(|| App {
                    name: key,
                    header: None,
                    components: Vec::new(),
                });
                app.components.push(file.path.clone());
            }
        }
        apps.into_values().collect()
    }

    /// What a project holds, as the rules see it: its files by path with their texts, its
    /// apps, its org settings and the headers of each app.
    fn contents(project: &Project) -> (Vec<(String, String)>, Vec<App>, Option<String>) {
        (
            project
                .files()
                .map(|file| (file.path.clone(), file.text.to_string()))
                .collect(),
            project.apps(),
            project
                .org_settings("OauthOidcSettings")
                .map(|file| file.path.clone()),
        )
    }

    #[test]
    fn inserting_all_at_once_equals_inserting_one_by_one() {
        let files = [
            component("Portal_oauth", "Portal"),
            header("Web"),
            org_settings("b"),
            header("Portal"),
            // The same path twice: the later file wins, as with `insert`.
            component("Portal_oauth", "Web"),
            component("Other_oauth", ""),
            org_settings("a"),
            component("Third_oauth", "ns__Portal"),
        ];
        let parsed = || -> Vec<Arc<SourceFile>> {
            files
                .iter()
                .map(|(path, text)| Arc::new(SourceFile::new(path.clone(), text.clone())))
                .collect()
        };
        let new_project =
            || Project::new("/p", ApiVersionChoice::schema_default(), Config::default());
        let mut one_by_one = new_project();
        for file in parsed() {
            one_by_one.insert_shared(file);
        }
        let mut at_once = new_project();
        at_once.insert_all(parsed());
        assert_eq!(contents(&at_once), contents(&one_by_one));
        assert_eq!(apps_by_scanning(&at_once), at_once.apps());
        // Into a project that has files already, the same as one by one too.
        let mut added = new_project();
        let mut first = parsed();
        let rest = first.split_off(3);
        added.insert_all(first);
        added.insert_all(rest);
        assert_eq!(contents(&added), contents(&one_by_one));
    }

    #[test]
    fn the_index_agrees_with_a_scan_through_adds_replacements_and_removals() {
        // Files that come and go, and change the app they name, in a fixed pseudo-random order.
        let candidates = [
            header("Portal"),
            header("Web"),
            (
                "/q/externalClientApps/Portal.eca-meta.xml".to_string(),
                header("Portal").1,
            ),
            component("Portal_oauth", "Portal"),
            component("Portal_oauth", "Web"),
            component("Portal_oauth", "ns__Portal"),
            component("Other_oauth", "ns__Portal"),
            component("Other_oauth", ""),
            component("Other_oauth", "Missing"),
            component("Third_oauth", "Web"),
            org_settings("a"),
            org_settings("b"),
        ];
        let mut project = Project::new("/p", ApiVersionChoice::schema_default(), Config::default());
        let mut seed: u64 = 7;
        for step in 0..400 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (path, text) = &candidates[(seed >> 33) as usize % candidates.len()];
            if (seed >> 20) % 4 == 0 {
                project.remove_file(path);
            } else {
                project.set_file(path.clone(), text.clone());
            }
            assert_eq!(
                project.apps(),
                apps_by_scanning(&project),
                "apps after step {step}"
            );
            let expected_org_settings = project
                .files()
                .find(|file| {
                    file.is_org_settings() && file.type_name() == Some("OauthOidcSettings")
                })
                .map(|file| file.path.clone());
            assert_eq!(
                project
                    .org_settings("OauthOidcSettings")
                    .map(|file| file.path.clone()),
                expected_org_settings,
                "org settings after step {step}"
            );
            let scanned_org_settings: Vec<&str> = project
                .files()
                .filter(|file| {
                    file.is_org_settings() && file.type_name() == Some("OauthOidcSettings")
                })
                .map(|file| file.path.as_str())
                .collect();
            let indexed_org_settings: Vec<&str> = project
                .org_settings_files_of("OauthOidcSettings")
                .map(|file| file.path.as_str())
                .collect();
            assert_eq!(
                indexed_org_settings, scanned_org_settings,
                "org settings files after step {step}"
            );
            for name in ["Portal", "ns__Portal", "Web"] {
                let indexed: Vec<&str> = project
                    .headers_of(name)
                    .map(|file| file.path.as_str())
                    .collect();
                let scanned: Vec<&str> = project
                    .files()
                    .filter(|file| file.is_header() && app_key(&file.full_name) == app_key(name))
                    .map(|file| file.path.as_str())
                    .collect();
                assert_eq!(indexed, scanned, "headers of {name} after step {step}");
            }
            let headers: Vec<&str> = project.headers().map(|file| file.path.as_str()).collect();
            let scanned: Vec<&str> = project
                .files()
                .filter(|file| file.is_header())
                .map(|file| file.path.as_str())
                .collect();
            assert_eq!(headers, scanned, "headers after step {step}");
            for app in apps_by_scanning(&project) {
                assert_eq!(project.app_named(&app.name), Some(app.clone()));
                for path in app.header.iter().chain(&app.components) {
                    assert_eq!(project.app_of(path), Some(app.clone()), "app of {path}");
                }
            }
        }
    }
}
