//! Migration of a Connected App to an External Client App: the new app's files, computed from
//! the Connected App file setting by setting through the mapping table of the schema data
//! (`migration.json`), and a report of what became of each setting — mapped (to which field,
//! with which value), not needed, or not migratable with Salesforce's reason.
//!
//! Pure: a project in, texts and a report out. It never writes a secret and never changes the
//! Connected App file; the new files are checked with the checker before they are offered, and
//! a finding of error severity in them is a bug of this module, refused as `NotClean`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use eca_schema::{
    FieldDef, MigrationCondition, MigrationHow, MigrationMap, MigrationOutcome, MigrationRow,
    MigrationTarget, Schema, TypeDef, ValueKind,
};
use eca_syntax::{ElementId, PositionEncoding};

use crate::checks::flows::{self, FlowState};
use crate::checks::structural::is_nil;
use crate::model::diagnostic::Severity;
use crate::model::file_kind;
use crate::model::project::{APP_REFERENCE_FIELD, Project, SourceFile};
use crate::writers::app_config::api_name_problem;
use crate::writers::component_files::{self, FieldContent, Layout};
use crate::writers::plan::Plan;

/// The root type of Connected App files.
pub const CONNECTED_APP_TYPE: &str = "ConnectedApp";

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

/// What became of one setting of the Connected App.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingReport {
    /// Where it is in the Connected App file: `oauthConfig/isAdminApproved`.
    pub setting: String,
    /// Its value as written (items joined by `, `); `None` for a secret, never shown.
    pub value: Option<String>,
    /// The value is the Connected App's default: the field is absent from the file.
    pub default_used: bool,
    pub outcome: SettingOutcome,
    /// Where the value went.
    pub written: Vec<Written>,
    /// Why it was not (or not wholly) carried over.
    pub reason: Option<String>,
    /// Losing it changes what a flow does.
    pub affects_flow: bool,
    /// The Salesforce pages the outcome rests on.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingOutcome {
    Mapped,
    /// Carried over except for some values, which `reason` names.
    Partly,
    NotNeeded,
    NotMigratable,
}

/// One value written to a new file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: String,
    pub type_name: String,
    pub field: String,
    pub value: String,
    /// Why the migration wrote it on its own; `None` for values from the Connected App.
    pub why: Option<String>,
}

/// A caveat of the migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteReport {
    pub id: String,
    pub text: String,
    pub sources: Vec<String>,
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
    /// A file the migration would create is already there.
    FileExists { path: String },
    /// The new files would not check clean (a bug of the migration).
    NotClean { findings: Vec<String> },
}

impl SettingOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            SettingOutcome::Mapped => "mapped",
            SettingOutcome::Partly => "partly",
            SettingOutcome::NotNeeded => "not needed",
            SettingOutcome::NotMigratable => "not migratable",
        }
    }
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

/// Whether a file of the project is a Connected App file.
pub fn is_connected_app(file: &SourceFile) -> bool {
    file.kind
        .is_some_and(|kind| kind.type_def.name == CONNECTED_APP_TYPE)
}

/// The migration of the Connected App `request.path` of `project`.
pub fn plan_migration(
    project: &Project,
    request: &MigrationRequest,
) -> Result<Migration, MigrationError> {
    let schema = Schema::get();
    let map = &schema.migration;
    let path = request.path.as_str();
    let file = project.file(path).ok_or_else(|| MigrationError::NotFound {
        path: path.to_string(),
    })?;
    let document = &file.parse.document;
    let root_name = document
        .root_element()
        .map(|root| root.local_name().to_string());
    if !is_connected_app(file) || root_name.as_deref() != Some(CONNECTED_APP_TYPE) {
        return Err(MigrationError::NotConnectedApp {
            path: path.to_string(),
            found: root_name.filter(|name| !name.is_empty()),
        });
    }
    let errors = connected_app_errors(project, file);
    if !errors.is_empty() {
        return Err(MigrationError::InvalidConnectedApp {
            path: path.to_string(),
            errors,
        });
    }
    let root = document
        .root()
        .ok_or_else(|| MigrationError::NotConnectedApp {
            path: path.to_string(),
            found: None,
        })?;
    let connected_app = file_kind::full_name(path).to_string();
    let app = request
        .name
        .clone()
        .unwrap_or_else(|| connected_app.clone());
    if let Some(rule) = api_name_problem(&app) {
        return Err(MigrationError::InvalidName { name: app, rule });
    }
    if let Some(existing) = project.app_named(&app) {
        let existing_path = existing
            .header
            .or_else(|| existing.components.first().cloned())
            .unwrap_or_default();
        return Err(MigrationError::AppExists {
            name: app,
            path: existing_path,
        });
    }
    let layout = request
        .layout
        .clone()
        .or_else(|| Layout::of_existing(path))
        .unwrap_or_else(|| Layout::metadata_api("."));

    let root_type = schema
        .type_named(CONNECTED_APP_TYPE)
        .expect("the schema has the ConnectedApp type");
    // Which files the app gets: those every app gets, and those of the plugins it has.
    let mut targets: Vec<(&'static TypeDef, String)> = Vec::new();
    for planned in &map.files {
        let wanted = match &planned.when {
            None => true,
            Some(when) => when
                .split_once('.')
                .and_then(|(_, field)| document.child_named(root, field))
                .is_some_and(|id| !is_nil(file, id)),
        };
        if !wanted {
            continue;
        }
        let Some(type_def) = schema.type_named(&planned.type_name) else {
            continue;
        };
        let name = component_files::component_name(&app, type_def);
        let Some(new_path) = layout.path_of(type_def, &name) else {
            continue;
        };
        if project.file(&new_path).is_some() {
            return Err(MigrationError::FileExists { path: new_path });
        }
        targets.push((type_def, new_path));
    }

    let mut walker = Walker {
        schema,
        map,
        file,
        targets: &targets,
        writes: BTreeMap::new(),
        settings: Vec::new(),
        seen: HashMap::new(),
    };
    walker.walk(root, root_type, "");
    let Walker {
        writes,
        settings,
        seen,
        ..
    } = walker;

    let mut added = Vec::new();
    let texts = file_texts(map, &app, &targets, writes, &mut added);
    let notes = map
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
    let mut flows_before: Vec<String> = map
        .flows
        .iter()
        .filter(|flow| {
            flow.when
                .iter()
                .any(|group| group.iter().all(|condition| holds(&seen, condition)))
        })
        .map(|flow| flow.flow.clone())
        .collect();
    flows_before.sort_by_key(|id| flow_position(schema, id));

    let mut plan = Plan::new();
    let mut files = Vec::new();
    for (type_def, path, text) in texts {
        let reason = format!(
            "{} of the External Client App `{app}`, migrated from the Connected App `{connected_app}`",
            type_def.name
        );
        plan.create(path.clone(), text, reason)
            .map_err(|_| MigrationError::FileExists { path: path.clone() })?;
        files.push(NewFile {
            path,
            type_name: type_def.name.clone(),
        });
    }
    let migrated = plan.applied_to(project);
    let new_paths: BTreeSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let findings: Vec<String> =
        crate::checks::project_diagnostics_of(&migrated, |path| new_paths.contains(path))
            .into_iter()
            .flat_map(|(path, diagnostics)| {
                diagnostics
                    .into_iter()
                    .filter(|diagnostic| diagnostic.severity == Severity::Error)
                    .map(move |diagnostic| {
                        format!("{path}: error[{}] {}", diagnostic.code, diagnostic.message)
                    })
            })
            .collect();
    if !findings.is_empty() {
        return Err(MigrationError::NotClean { findings });
    }
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
    flows_after.sort_by_key(|(id, _)| flow_position(schema, id));
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

/// Where a flow is in the schema's list, to list flows in one order.
fn flow_position(schema: &Schema, id: &str) -> usize {
    schema
        .flows
        .iter()
        .position(|flow| flow.id == id)
        .unwrap_or(usize::MAX)
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

/// Reads the Connected App field by field and collects what goes into each new file.
struct Walker<'a> {
    schema: &'static Schema,
    map: &'static MigrationMap,
    file: &'a SourceFile,
    /// The types of the files the app gets, with their paths.
    targets: &'a [(&'static TypeDef, String)],
    /// The fields of each new file (by type name), or of a nested element of one (by
    /// `Type.field` of its holder).
    writes: BTreeMap<String, Vec<(String, FieldContent)>>,
    settings: Vec<SettingReport>,
    /// The values of the Connected App's leaf fields by `Type.field`, defaults of present
    /// elements included, for the flow conditions.
    seen: HashMap<String, Vec<String>>,
}

impl Walker<'_> {
    fn walk(&mut self, element: ElementId, type_def: &'static TypeDef, prefix: &str) {
        let document = &self.file.parse.document;
        for field in &type_def.fields {
            let ids: Vec<ElementId> = document
                .child_elements(element)
                .filter(|id| document.element(*id).local_name() == field.name)
                .collect();
            let setting = format!("{prefix}{}", field.name);
            let key = format!("{}.{}", type_def.name, field.name);
            let Some(row) = self.map.row(&type_def.name, &field.name) else {
                continue;
            };
            if row.outcome == MigrationOutcome::Container {
                if let Some(nested) = self.schema.nested_type_of(field) {
                    for id in ids.iter().filter(|id| !is_nil(self.file, **id)) {
                        self.walk(*id, nested, &format!("{setting}/"));
                    }
                }
                continue;
            }
            if field.kind == ValueKind::Nested {
                let items: Vec<ElementId> = ids
                    .into_iter()
                    .filter(|id| !is_nil(self.file, *id))
                    .collect();
                if !items.is_empty() {
                    self.nested_items(row, field, &items, setting);
                }
                continue;
            }
            let values: Vec<String> = ids
                .iter()
                .filter(|id| !is_nil(self.file, **id))
                .map(|id| document.element(*id).text_value().value.into_owned())
                .filter(|value| !value.is_empty())
                .collect();
            let (values, default_used) = match (values.is_empty(), &field.default) {
                (false, _) => (values, false),
                (true, Some(default)) if row.write_default => (vec![default.clone()], true),
                (true, Some(default)) => {
                    self.seen.insert(key, vec![default.clone()]);
                    continue;
                }
                (true, None) => continue,
            };
            self.seen.insert(key, values.clone());
            self.leaf(row, field, &values, setting, default_used);
        }
    }

    /// A leaf field (one value, or several for a repeated field).
    fn leaf(
        &mut self,
        row: &MigrationRow,
        field: &FieldDef,
        values: &[String],
        setting: String,
        default_used: bool,
    ) {
        let shown = (!row.secret && !field.sensitive).then(|| values.join(", "));
        let mut report = SettingReport {
            setting,
            value: shown,
            default_used,
            outcome: SettingOutcome::Mapped,
            written: Vec::new(),
            reason: None,
            affects_flow: row.affects_flow,
            sources: urls(self.map, &row.sources),
        };
        if row.outcome != MigrationOutcome::Mapped {
            report.outcome = match row.outcome {
                MigrationOutcome::NotNeeded => SettingOutcome::NotNeeded,
                _ => SettingOutcome::NotMigratable,
            };
            report.reason = row.reason.clone();
            self.settings.push(report);
            return;
        }
        let mut lost: Vec<String> = Vec::new();
        let mut any_target = false;
        for target in &row.to {
            let Some((holder, path)) = self.holder_of(target) else {
                continue;
            };
            any_target = true;
            let (_, target_field) = target.type_and_field();
            for content in self.translate(target, values, &mut lost) {
                report.written.push(Written {
                    path: path.clone(),
                    type_name: target.type_and_field().0.to_string(),
                    field: target_field.to_string(),
                    value: content.clone(),
                    why: None,
                });
                self.writes
                    .entry(holder.clone())
                    .or_default()
                    .push((target_field.to_string(), FieldContent::Text(content)));
            }
        }
        self.finish(report, row, any_target, lost);
    }

    /// A repeated nested field carried item by item (`ipRanges`, `attributes`).
    fn nested_items(
        &mut self,
        row: &MigrationRow,
        field: &FieldDef,
        items: &[ElementId],
        setting: String,
    ) {
        let document = &self.file.parse.document;
        let nested = self.schema.nested_type_of(field);
        let item_values: Vec<Vec<(String, String)>> = items
            .iter()
            .map(|item| {
                document
                    .child_elements(*item)
                    .filter(|id| !is_nil(self.file, *id))
                    .map(|id| {
                        (
                            document.element(id).local_name().to_string(),
                            document.element(id).text_value().value.into_owned(),
                        )
                    })
                    .collect()
            })
            .collect();
        let shown = item_values
            .iter()
            .map(|fields| {
                let ordered = order_by_type(nested, fields);
                ordered
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut report = SettingReport {
            setting,
            value: Some(shown),
            default_used: false,
            outcome: SettingOutcome::Mapped,
            written: Vec::new(),
            reason: None,
            affects_flow: row.affects_flow,
            sources: urls(self.map, &row.sources),
        };
        if row.outcome != MigrationOutcome::Mapped {
            report.outcome = match row.outcome {
                MigrationOutcome::NotNeeded => SettingOutcome::NotNeeded,
                _ => SettingOutcome::NotMigratable,
            };
            report.reason = row.reason.clone();
            self.settings.push(report);
            return;
        }
        let mut any_target = false;
        for target in &row.to {
            let Some((holder, path)) = self.holder_of(target) else {
                continue;
            };
            any_target = true;
            let (type_name, target_field) = target.type_and_field();
            for fields in &item_values {
                let children: Vec<(String, FieldContent)> = fields
                    .iter()
                    .filter_map(|(name, value)| {
                        let to = target.items.get(name)?;
                        Some((to.clone(), FieldContent::Text(value.clone())))
                    })
                    .collect();
                let shown = children
                    .iter()
                    .map(|(name, content)| match content {
                        FieldContent::Text(value) => format!("{name}={value}"),
                        FieldContent::Nested(_) => name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                report.written.push(Written {
                    path: path.clone(),
                    type_name: type_name.to_string(),
                    field: target_field.to_string(),
                    value: shown,
                    why: None,
                });
                self.writes
                    .entry(holder.clone())
                    .or_default()
                    .push((target_field.to_string(), FieldContent::Nested(children)));
            }
        }
        self.finish(report, row, any_target, Vec::new());
    }

    fn finish(
        &mut self,
        mut report: SettingReport,
        row: &MigrationRow,
        any_target: bool,
        lost: Vec<String>,
    ) {
        if !any_target {
            report.outcome = SettingOutcome::NotMigratable;
            report.reason = row.without_target.clone().or_else(|| {
                Some("none of the files it would go to is part of this app".to_string())
            });
        } else if !lost.is_empty() {
            report.outcome = if report.written.is_empty() {
                SettingOutcome::NotMigratable
            } else {
                SettingOutcome::Partly
            };
            report.reason = Some(format!("not carried over: {}", lost.join("; ")));
        }
        self.settings.push(report);
    }

    /// Where a target's values go: the key of [`Walker::writes`] and the path of the file, or
    /// `None` when the app gets no file for it.
    fn holder_of(&self, target: &MigrationTarget) -> Option<(String, String)> {
        let (type_name, _) = target.type_and_field();
        if let Some((_, path)) = self
            .targets
            .iter()
            .find(|(type_def, _)| type_def.name == type_name)
        {
            return Some((type_name.to_string(), path.clone()));
        }
        // A field of a nested element (`ExternalAppIdTokenConfig.idTokenAudience`): the file
        // whose type holds that element.
        self.targets.iter().find_map(|(type_def, path)| {
            let holding = type_def
                .fields
                .iter()
                .find(|field| field.nested_type.as_deref() == Some(type_name) && !field.repeated)?;
            Some((format!("{}.{}", type_def.name, holding.name), path.clone()))
        })
    }

    /// The values a target field gets; what can't be translated goes to `lost`.
    fn translate(
        &self,
        target: &MigrationTarget,
        values: &[String],
        lost: &mut Vec<String>,
    ) -> Vec<String> {
        match target.how {
            MigrationHow::Copy => values.to_vec(),
            MigrationHow::Constant => target.value.clone().into_iter().collect(),
            MigrationHow::Join => {
                vec![values.join(target.separator.as_deref().unwrap_or(","))]
            }
            MigrationHow::Scopes => {
                let mut kept = Vec::new();
                for token in values {
                    if self.schema.scope(token).is_some() {
                        if !kept.contains(token) {
                            kept.push(token.clone());
                        }
                    } else {
                        lost.push(format!(
                            "scope `{token}`: External Client Apps know no scope token of that name"
                        ));
                    }
                }
                if kept.is_empty() {
                    Vec::new()
                } else {
                    vec![kept.join(target.separator.as_deref().unwrap_or(","))]
                }
            }
            MigrationHow::Values => values
                .iter()
                .filter_map(|value| translated(target, value, lost))
                .collect(),
            MigrationHow::Part => values
                .iter()
                .filter_map(|value| {
                    let part = value.split(':').nth(target.part.unwrap_or(0))?;
                    if target.values.is_empty() {
                        return Some(part.to_string());
                    }
                    translated(target, part, lost)
                })
                .collect(),
            MigrationHow::Items => Vec::new(),
        }
    }
}

fn translated(target: &MigrationTarget, value: &str, lost: &mut Vec<String>) -> Option<String> {
    if let Some(translated) = target.values.get(value) {
        return Some(translated.clone());
    }
    let reason = target
        .untranslatable
        .get(value)
        .cloned()
        .unwrap_or_else(|| format!("`{}` has no equivalent value", target.field));
    lost.push(format!("`{value}`: {reason}"));
    None
}

/// Fields in the canonical order of `type_def` (as written when it is unknown).
fn order_by_type<'a>(
    type_def: Option<&TypeDef>,
    fields: &'a [(String, String)],
) -> Vec<&'a (String, String)> {
    let mut ordered: Vec<&(String, String)> = fields.iter().collect();
    if let Some(type_def) = type_def {
        ordered.sort_by_key(|(name, _)| type_def.field_position(name).unwrap_or(usize::MAX));
    }
    ordered
}

/// Whether a flow condition holds for what the walker saw.
fn holds(seen: &HashMap<String, Vec<String>>, condition: &MigrationCondition) -> bool {
    let values = seen.get(&condition.field);
    if condition.present {
        return values.is_some_and(|values| !values.is_empty());
    }
    match (&condition.value, values) {
        (Some(wanted), Some(values)) => values.iter().any(|value| value == wanted),
        _ => false,
    }
}

/// The texts of the new files: what the walker collected, the links to the app, the labels,
/// the values the migration sets on its own and the switches of the plugins the app has.
fn file_texts(
    map: &MigrationMap,
    app: &str,
    targets: &[(&'static TypeDef, String)],
    mut writes: BTreeMap<String, Vec<(String, FieldContent)>>,
    added: &mut Vec<Written>,
) -> Vec<(&'static TypeDef, String, String)> {
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

fn urls(map: &MigrationMap, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| map.source_url(name).to_string())
        .collect()
}

#[cfg(test)]
mod tests;
