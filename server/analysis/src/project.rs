//! One sfdx project's ECA files, parsed, and the apps they form.
//!
//! The front ends decide which files belong to a project and read them; this module only holds
//! their text and what follows from it. Cloning a `Project` is cheap (files are shared), so a
//! language server can hand a snapshot to a request while edits go on.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use eca_schema::{ApiVersion, Schema, TypeKind};
use eca_syntax::{LineIndex, Parse, TextRange};

use crate::config::Config;
use crate::file_kind::{self, FileKind};

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
    pub text: String,
    pub parse: Parse,
    pub line_index: LineIndex,
    /// `None` for files that are not ECA metadata (they get no diagnostics).
    pub kind: Option<FileKind>,
    /// The component name from the file name (`Portal_Auto_Login_oauth`).
    pub full_name: String,
    /// The `externalClientApplication` value, for components that name their app.
    pub app_reference: Option<AppReference>,
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
    files: BTreeMap<String, Arc<SourceFile>>,
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
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let path = path.into();
        let text = text.into();
        let parse = eca_syntax::parse(&text);
        let line_index = LineIndex::new(&text);
        let root_name = parse.document.root_element().map(|root| root.name.as_str());
        let kind = file_kind::detect(&path, root_name);
        let full_name = file_kind::full_name(&path).to_string();
        let app_reference = kind
            .filter(|kind| kind.type_def.field(APP_REFERENCE_FIELD).is_some())
            .and_then(|_| app_reference(&parse, &text));
        SourceFile {
            path,
            text,
            parse,
            line_index,
            kind,
            full_name,
            app_reference,
        }
    }

    pub fn type_name(&self) -> Option<&'static str> {
        self.kind.map(|kind| kind.type_def.name.as_str())
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
            files: BTreeMap::new(),
        }
    }

    /// Add or replace a file, parsing it.
    pub fn set_file(
        &mut self,
        path: impl Into<String>,
        text: impl Into<String>,
    ) -> Arc<SourceFile> {
        let file = Arc::new(SourceFile::new(path, text));
        self.files.insert(file.path.clone(), Arc::clone(&file));
        file
    }

    /// Add or replace an already parsed file (front ends parse in parallel).
    pub fn insert(&mut self, file: SourceFile) -> Arc<SourceFile> {
        let file = Arc::new(file);
        self.files.insert(file.path.clone(), Arc::clone(&file));
        file
    }

    pub fn remove_file(&mut self, path: &str) -> Option<Arc<SourceFile>> {
        self.files.remove(path)
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
        let mut apps: BTreeMap<String, App> = BTreeMap::new();
        for file in self.files() {
            if file.is_header() {
                let key = app_key(&file.full_name).to_string();
                let app = apps.entry(key).or_insert_with(|| App {
                    name: file.full_name.clone(),
                    header: None,
                    components: Vec::new(),
                });
                // Keep the first header; a second one with the same name is a conflict that
                // a rule reports, not a reason to lose the first.
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

    /// The app a file belongs to: the one it is the header of, or the one it names.
    pub fn app_of(&self, path: &str) -> Option<App> {
        let file = self.file(path)?;
        let key = if file.is_header() {
            app_key(&file.full_name)
        } else {
            app_key(&file.app_reference.as_ref()?.value)
        };
        self.app_by_key(key)
    }

    /// The app with this name (a namespace prefix is ignored).
    pub fn app_named(&self, name: &str) -> Option<App> {
        self.app_by_key(app_key(name))
    }

    /// The project's org settings file of this type (`OauthOidcSettings`), if it has one.
    pub fn org_settings(&self, type_name: &str) -> Option<&SourceFile> {
        self.files()
            .find(|file| file.is_org_settings() && file.type_name() == Some(type_name))
    }

    fn app_by_key(&self, key: &str) -> Option<App> {
        self.apps()
            .into_iter()
            .find(|app| app_key(&app.name) == key)
    }
}

/// The name an app is matched by: a reference `ns__Name` from a packaged component matches
/// the header `Name`. Salesforce API names cannot contain `__` except after a namespace.
pub fn app_key(name: &str) -> &str {
    let name = name.trim();
    match name.split_once("__") {
        Some((namespace, rest)) if !namespace.is_empty() && !rest.is_empty() => rest,
        _ => name,
    }
}

fn app_reference(parse: &Parse, text: &str) -> Option<AppReference> {
    let document = &parse.document;
    let root = document.root?;
    let element = document.child_named(root, APP_REFERENCE_FIELD)?;
    let value = document.text_value(element, text);
    Some(AppReference {
        value: value.value,
        range: value.range,
    })
}
