//! Migration of a Connected App to an External Client App: the new app's files, computed from
//! the Connected App file setting by setting through the mapping table of the schema data
//! (`migration.json`), and a report of what became of each setting — mapped (to which field,
//! with which value), not needed, or not migratable with Salesforce's reason.
//!
//! Pure: a project in, texts and a report out. It never writes a secret and never changes the
//! Connected App file; the new files are checked with the checker before they are offered, and
//! a finding of error severity in them is a bug of this module, refused as `NotClean`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use eca_schema::{MigrationMap, Schema, TypeDef};
use eca_syntax::PositionEncoding;

use crate::checks::flows::{self, FlowState};
use crate::checks::migration::{self, Content, Reading};
pub use crate::checks::migration::{
    CONNECTED_APP_TYPE, NoteReport, SettingOutcome, SettingReport, Written, is_connected_app,
};
use crate::model::diagnostic::Severity;
use crate::model::file_kind;
use crate::model::project::{APP_REFERENCE_FIELD, Project, SourceFile};
use crate::writers::app_config::{
    CASE_INSENSITIVE_FILES, api_name_problem, app_named_in_other_case, file_name_problem,
    shown_app_file,
};
use crate::writers::component_files::{self, FieldContent, Layout};
use crate::writers::plan::Plan;

/// What to migrate and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationRequest {
    /// The Connected App file, as the project keys it.
    pub path: String,
    /// The new app's API name; the Connected App's when `None`.
    pub name: Option<String>,
    /// Where the new files go; next to the Connected App, in its format, when `None`.
    pub layout: Option<Layout>,
}

/// The migration of one Connected App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// The Connected App file.
    pub source: String,
    /// The Connected App's API name.
    pub connected_app: String,
    /// The new External Client App's API name.
    pub app: String,
    /// The new files, header first: what to write, each file with its reason.
    pub plan: Plan,
    /// The type of each new file, in the plan's order.
    pub files: Vec<NewFile>,
    /// What became of each setting of the Connected App, in the file's canonical order.
    pub settings: Vec<SettingReport>,
    /// Values the migration writes on its own, and why.
    pub added: Vec<Written>,
    /// Caveats that apply to this app.
    pub notes: Vec<NoteReport>,
    /// The OAuth flows the Connected App switches on (flow ids of `eca-ls flows`).
    pub flows: Vec<String>,
    /// The flows the new app switches on, with their state, as `eca-ls flows` reports them.
    pub flows_after: Vec<(String, FlowState)>,
}

/// A file the migration creates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub type_name: String,
}

/// Input the migration refuses. Every one is the user's to fix except `NotClean`: nothing is
/// written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationError {
    /// The project has no file at that path.
    NotFound { path: String },
    /// The file holds something else than a Connected App.
    NotConnectedApp { path: String, found: Option<String> },
    /// The Connected App has errors (syntax or schema): each as `line:column: message`.
    InvalidConnectedApp { path: String, errors: Vec<String> },
    /// The new app's name is not a valid API name.
    InvalidName { name: String, rule: &'static str },
    /// The project already has an app of that name.
    AppExists { name: String, path: String },
    /// The project has an app whose name differs only in letter case.
    AppExistsInOtherCase {
        name: String,
        existing: String,
        path: String,
    },
    /// A file the migration would create is already there.
    FileExists { path: String },
    /// The new files would not check clean (a bug of the migration).
    NotClean { findings: Vec<String> },
}

impl Migration {
    /// Whether a setting that changes what a flow does could not be carried over: the CLI's
    /// exit status 1.
    pub fn loses_flow_setting(&self) -> bool {
        self.settings.iter().any(|setting| {
            setting.affects_flow
                && matches!(
                    setting.outcome,
                    SettingOutcome::NotMigratable | SettingOutcome::Partly
                )
        })
    }

    /// The new app's flow ids, for comparison with [`Migration::flows`].
    pub fn flow_ids_after(&self) -> Vec<String> {
        self.flows_after.iter().map(|(id, _)| id.clone()).collect()
    }
}

impl MigrationError {
    /// The Connected App file the error is about, when it is about one.
    pub fn path(&self) -> Option<&str> {
        match self {
            MigrationError::NotFound { path }
            | MigrationError::NotConnectedApp { path, .. }
            | MigrationError::InvalidConnectedApp { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::NotFound { path } => write!(f, "{path}: no such file"),
            MigrationError::NotConnectedApp { path, found } => match found {
                Some(found) => write!(
                    f,
                    "{path}: not a Connected App (it holds `{found}`); name a `*.connectedApp-meta.xml` or `connectedApps/*.connectedApp` file"
                ),
                None => write!(
                    f,
                    "{path}: not a Connected App; name a `*.connectedApp-meta.xml` or `connectedApps/*.connectedApp` file"
                ),
            },
            MigrationError::InvalidConnectedApp { path, errors } => {
                write!(
                    f,
                    "{path}: the Connected App has {} error(s); fix them first, nothing was migrated",
                    errors.len()
                )?;
                for error in errors {
                    write!(f, "\n  {error}")?;
                }
                Ok(())
            }
            MigrationError::InvalidName { name, rule } => write!(
                f,
                "`{name}` can't be the name of an External Client App: {rule}; choose one with --name"
            ),
            MigrationError::AppExists { name, path } => write!(
                f,
                "the project already has an External Client App `{name}` ({path}); migrate under another name with --name"
            ),
            MigrationError::AppExistsInOtherCase {
                name,
                existing,
                path,
            } => write!(
                f,
                "the project already has an External Client App `{existing}` ({path}), which differs from `{name}` only in letter case: {CASE_INSENSITIVE_FILES}; migrate under another name with --name"
            ),
            MigrationError::FileExists { path } => write!(
                f,
                "{path} already exists; migrate under another name with --name, or into another folder with --dir"
            ),
            MigrationError::NotClean { findings } => {
                write!(
                    f,
                    "the migrated files would not check clean (a bug in eca-ls; please report it):"
                )?;
                for finding in findings {
                    write!(f, "\n  {finding}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for MigrationError {}

/// The migration of the Connected App `request.path` of `project`.
pub fn plan_migration(
    project: &Project,
    request: &MigrationRequest,
) -> Result<Migration, MigrationError> {
    let schema = Schema::get();
    let map = &schema.migration;
    let path = request.path.as_str();
    let file = project.file(path).ok_or_else(|| MigrationError::NotFound {
        path: project.relative_path(path).to_string(),
    })?;
    let document = &file.parse.document;
    let root_name = document
        .root_element()
        .map(|root| root.local_name().to_string());
    if !is_connected_app(file) || root_name.as_deref() != Some(CONNECTED_APP_TYPE) {
        return Err(MigrationError::NotConnectedApp {
            path: project.relative_path(path).to_string(),
            found: root_name.filter(|name| !name.is_empty()),
        });
    }
    let errors = connected_app_errors(project, file);
    if !errors.is_empty() {
        return Err(MigrationError::InvalidConnectedApp {
            path: project.relative_path(path).to_string(),
            errors,
        });
    }
    let root = document
        .root()
        .ok_or_else(|| MigrationError::NotConnectedApp {
            path: project.relative_path(path).to_string(),
            found: None,
        })?;
    let connected_app = file_kind::full_name(path).to_string();
    let app = request
        .name
        .clone()
        .unwrap_or_else(|| connected_app.clone());
    if let Some(rule) = api_name_problem(&app).or_else(|| file_name_problem(&app)) {
        return Err(MigrationError::InvalidName { name: app, rule });
    }
    if let Some(existing) = project.app_named(&app) {
        return Err(MigrationError::AppExists {
            name: app,
            path: shown_app_file(project, &existing),
        });
    }
    if let Some(existing) = app_named_in_other_case(project, &app) {
        return Err(MigrationError::AppExistsInOtherCase {
            name: app,
            path: shown_app_file(project, &existing),
            existing: existing.name,
        });
    }
    let layout = request
        .layout
        .clone()
        .or_else(|| Layout::of_existing(path))
        .unwrap_or_else(|| Layout::metadata_api("."));

    let mut targets: Vec<(&'static TypeDef, String)> = Vec::new();
    for type_def in migration::planned_types(file) {
        let name = component_files::component_name(&app, type_def);
        let Some(new_path) = layout.path_of(type_def, &name) else {
            continue;
        };
        if project.file(&new_path).is_some() {
            return Err(MigrationError::FileExists {
                path: project.relative_path(&new_path).to_string(),
            });
        }
        targets.push((type_def, new_path));
    }
    let Reading {
        settings,
        writes,
        flows: flows_before,
    } = migration::read(file, &targets);

    let mut added = Vec::new();
    let texts = file_texts(map, &app, &targets, writes, &mut added);
    let notes: Vec<NoteReport> = map
        .notes
        .iter()
        .filter(|note| {
            note.when.as_deref().is_none_or(|when| {
                when.split_once('.')
                    .and_then(|(_, field)| document.child_named(root, field))
                    .is_some()
            })
        })
        .map(|note| NoteReport {
            id: note.id.clone(),
            text: note.text.clone(),
            sources: urls(map, &note.sources),
        })
        .collect();
    let mut plan = Plan::new();
    let mut files = Vec::new();
    // The new files end their lines as the Connected App's file does (a Windows checkout keeps
    // CRLF); otherwise as `sf project retrieve` writes files.
    let crlf = crate::model::edits::line_ending(&file.text) == "\r\n";
    for (type_def, path, text) in texts {
        let text = if crlf {
            text.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            text
        };
        let reason = format!(
            "{} of the External Client App `{app}`, migrated from the Connected App `{connected_app}`",
            type_def.name
        );
        plan.create(path.clone(), text, reason)
            .map_err(|_| MigrationError::FileExists {
                path: project.relative_path(&path).to_string(),
            })?;
        files.push(NewFile {
            path,
            type_name: type_def.name.clone(),
        });
    }
    let migrated = plan.applied_to(project);
    let new_paths: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let diagnostics =
        crate::checks::project_diagnostics_of(&migrated, |path| new_paths.contains(path));
    let findings: Vec<String> = diagnostics
        .iter()
        .flat_map(|(path, diagnostics)| {
            diagnostics
                .iter()
                .filter(|diagnostic| diagnostic.severity == Severity::Error)
                .map(move |diagnostic| {
                    format!(
                        "{}: error[{}] {}",
                        project.relative_path(path),
                        diagnostic.code,
                        diagnostic.message
                    )
                })
        })
        .collect();
    if !findings.is_empty() {
        return Err(MigrationError::NotClean { findings });
    }
    let mut notes = notes;
    notes.extend(newer_than_the_project(project, &diagnostics));
    let mut flows_after: Vec<(String, FlowState)> = migrated
        .app_named(&app)
        .map(|new_app| {
            flows::app_flows(&migrated, &new_app)
                .flows
                .into_iter()
                .map(|flow| (flow.flow_id, flow.state))
                .collect()
        })
        .unwrap_or_default();
    flows_after.sort_by_key(|(id, _)| migration::flow_position(schema, id));
    Ok(Migration {
        source: path.to_string(),
        connected_app,
        app,
        plan,
        files,
        settings,
        added,
        notes,
        flows: flows_before,
        flows_after,
    })
}

/// A note when a new file holds a type or field newer than the project's API version (a
/// canvas app migrated into a project before API 66.0): a deploy at that version rejects it, and
/// only raising the version (or leaving the settings out) helps. One finding per file is named;
/// `eca-ls check` lists the rest.
fn newer_than_the_project(
    project: &Project,
    diagnostics: &BTreeMap<String, Vec<crate::model::diagnostic::Diagnostic>>,
) -> Option<NoteReport> {
    let newer: Vec<String> = diagnostics
        .iter()
        .filter_map(|(path, diagnostics)| {
            diagnostics
                .iter()
                .find(|diagnostic| diagnostic.code == crate::model::codes::API_VERSION)
                .map(|diagnostic| {
                    format!("{}: {}", project.relative_path(path), diagnostic.message)
                })
        })
        .collect();
    if newer.is_empty() {
        return None;
    }
    Some(NoteReport {
        id: crate::model::codes::API_VERSION.to_string(),
        text: format!(
            "Some new files hold what is newer than the project's API version, and a deploy at that version rejects them: raise the project's API version, or leave these settings out (`eca-ls check` lists each one). {}",
            newer
                .iter()
                .enumerate()
                .map(|(index, finding)| format!("({}) {finding}.", index + 1))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        sources: Vec::new(),
    })
}

/// The errors of a Connected App file, each as `line:column: message`.
fn connected_app_errors(project: &Project, file: &SourceFile) -> Vec<String> {
    crate::checks::file_diagnostics(project, &file.path)
        .into_iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| {
            let position = file
                .line_index()
                .line_col(diagnostic.range.start, PositionEncoding::Utf16);
            format!(
                "{}:{}: error[{}] {}",
                position.line + 1,
                position.col + 1,
                diagnostic.code,
                diagnostic.message
            )
        })
        .collect()
}

/// The texts of the new files: what the walker collected, the links to the app, the labels,
/// the values the migration sets on its own and the switches of the plugins the app has.
fn file_texts(
    map: &MigrationMap,
    app: &str,
    targets: &[(&'static TypeDef, String)],
    writes: BTreeMap<String, Vec<(String, Content)>>,
    added: &mut Vec<Written>,
) -> Vec<(&'static TypeDef, String, String)> {
    let mut writes: BTreeMap<String, Vec<(String, FieldContent)>> = writes
        .into_iter()
        .map(|(key, fields)| (key, field_contents(fields)))
        .collect();
    // Nested elements collected by holder (`Type.field`) go into their file first.
    let nested_keys: Vec<String> = writes
        .keys()
        .filter(|key| key.contains('.'))
        .cloned()
        .collect();
    for key in nested_keys {
        let children = writes.remove(&key).unwrap_or_default();
        if let Some((type_name, field)) = key.split_once('.') {
            writes
                .entry(type_name.to_string())
                .or_default()
                .push((field.to_string(), FieldContent::Nested(children)));
        }
    }
    let plugin_policies = "ExtlClntAppConfigurablePolicies";
    let switches: BTreeSet<&str> = map
        .files
        .iter()
        .filter(|planned| {
            targets
                .iter()
                .any(|(type_def, _)| type_def.name == planned.type_name)
        })
        .filter_map(|planned| planned.plugin_switch.as_deref())
        .collect();
    let mut files = Vec::new();
    for (type_def, path) in targets {
        let mut fields = writes.remove(&type_def.name).unwrap_or_default();
        let mut set =
            |field: &str, value: &str, why: &str, fields: &mut Vec<(String, FieldContent)>| {
                if type_def.field(field).is_none() || fields.iter().any(|(name, _)| name == field) {
                    return;
                }
                fields.push((field.to_string(), FieldContent::Text(value.to_string())));
                added.push(Written {
                    path: path.clone(),
                    type_name: type_def.name.clone(),
                    field: field.to_string(),
                    value: value.to_string(),
                    why: Some(why.to_string()),
                });
            };
        if type_def.field(APP_REFERENCE_FIELD).is_some() {
            set(
                APP_REFERENCE_FIELD,
                app,
                "ties the file to the new app",
                &mut fields,
            );
        }
        let name = component_files::component_name(app, type_def);
        set(
            "label",
            &name,
            "the name Setup shows for the component",
            &mut fields,
        );
        if let Some(planned) = map
            .files
            .iter()
            .find(|planned| planned.type_name == type_def.name)
        {
            for constant in &planned.set {
                set(&constant.field, &constant.value, &constant.why, &mut fields);
            }
        }
        if type_def.name == plugin_policies {
            for switch in &switches {
                set(
                    switch,
                    "true",
                    "the Connected App has this plugin's settings",
                    &mut fields,
                );
            }
        }
        files.push((
            *type_def,
            path.clone(),
            component_files::component_text(type_def, &fields),
        ));
    }
    files
}

/// The reading's values as the component writer takes them.
fn field_contents(fields: Vec<(String, Content)>) -> Vec<(String, FieldContent)> {
    fields
        .into_iter()
        .map(|(name, content)| {
            let content = match content {
                Content::Text(text) => FieldContent::Text(text),
                Content::Nested(children) => FieldContent::Nested(field_contents(children)),
            };
            (name, content)
        })
        .collect()
}

fn urls(map: &MigrationMap, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| map.source_url(name).to_string())
        .collect()
}

#[cfg(test)]
mod tests;
