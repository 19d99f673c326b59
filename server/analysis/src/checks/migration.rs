//! How a Connected App reads as an External Client App: for each of its settings, the External
//! Client App fields and values it becomes through the mapping data of the schema
//! (`migration.json`), or why it can't be carried over; the flows it switches on; and the hint on
//! a Connected App file that says so. The migration writer (`writers::migrate`) turns this
//! reading into files; the hint and the writer can't disagree, since both come from here.
//!
//! Knows the model, the schema and the structural checks' notion of `xsi:nil`; nothing of files
//! to write or of editors.

use std::collections::{BTreeMap, HashMap};

use eca_schema::{
    FieldDef, MigrationCondition, MigrationHow, MigrationMap, MigrationOutcome, MigrationRow,
    MigrationTarget, Schema, TypeDef, ValueKind,
};
use eca_syntax::ElementId;

use crate::checks::structural::is_nil;
use crate::model::codes;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::project::SourceFile;

/// The root type of Connected App files.
pub const CONNECTED_APP_TYPE: &str = "ConnectedApp";

/// A value for a new file: text, or the fields of a nested element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Text(String),
    Nested(Vec<(String, Content)>),
}

/// What a Connected App becomes, setting by setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// What became of each setting, in the file's canonical order.
    pub settings: Vec<SettingReport>,
    /// The fields of each new file, by type name, in the order they were read.
    pub writes: BTreeMap<String, Vec<(String, Content)>>,
    /// The OAuth flows the Connected App switches on, in the order of the schema's flows.
    pub flows: Vec<String>,
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

/// Whether a file of the project is a Connected App file.
pub fn is_connected_app(file: &SourceFile) -> bool {
    file.kind
        .is_some_and(|kind| kind.type_def.name == CONNECTED_APP_TYPE)
}

/// The External Client App types a Connected App's migration creates files of: those every app
/// gets, and those of the plugins the Connected App configures.
pub fn planned_types(file: &SourceFile) -> Vec<&'static TypeDef> {
    let schema = Schema::get();
    let document = &file.parse.document;
    let Some(root) = document.root() else {
        return Vec::new();
    };
    schema
        .migration
        .files
        .iter()
        .filter(|planned| match &planned.when {
            None => true,
            Some(when) => when
                .split_once('.')
                .and_then(|(_, field)| document.child_named(root, field))
                .is_some_and(|id| !is_nil(file, id)),
        })
        .filter_map(|planned| schema.type_named(&planned.type_name))
        .collect()
}

/// Read a Connected App file whose new files will be `targets` (types with their paths).
pub fn read(file: &SourceFile, targets: &[(&'static TypeDef, String)]) -> Reading {
    let schema = Schema::get();
    let map = &schema.migration;
    let mut walker = Walker {
        schema,
        map,
        file,
        targets,
        writes: BTreeMap::new(),
        settings: Vec::new(),
        seen: HashMap::new(),
    };
    if let (Some(root), Some(root_type)) = (
        file.parse.document.root(),
        schema.type_named(CONNECTED_APP_TYPE),
    ) {
        walker.walk(root, root_type, "");
    }
    let Walker {
        writes,
        settings,
        seen,
        ..
    } = walker;
    let mut flows: Vec<String> = map
        .flows
        .iter()
        .filter(|flow| {
            flow.when
                .iter()
                .any(|group| group.iter().all(|condition| holds(&seen, condition)))
        })
        .map(|flow| flow.flow.clone())
        .collect();
    flows.sort_by_key(|id| flow_position(schema, id));
    Reading {
        settings,
        writes,
        flows,
    }
}

/// Where a flow is in the schema's list, to list flows in one order.
pub fn flow_position(schema: &Schema, id: &str) -> usize {
    schema
        .flows
        .iter()
        .position(|flow| flow.id == id)
        .unwrap_or(usize::MAX)
}

/// The hint on a Connected App's root element: it can be migrated, and what would not carry
/// over. Nothing for a file with syntax errors (the migration refuses it).
pub fn check_file(file: &SourceFile) -> Vec<Diagnostic> {
    if !is_connected_app(file) || !file.parse.errors.is_empty() {
        return Vec::new();
    }
    let Some(root) = file.parse.document.root_element() else {
        return Vec::new();
    };
    if root.local_name() != CONNECTED_APP_TYPE {
        return Vec::new();
    }
    let targets: Vec<(&'static TypeDef, String)> = planned_types(file)
        .into_iter()
        .map(|type_def| (type_def, String::new()))
        .collect();
    let reading = read(file, &targets);
    let lost: Vec<&SettingReport> = reading
        .settings
        .iter()
        .filter(|setting| {
            matches!(
                setting.outcome,
                SettingOutcome::NotMigratable | SettingOutcome::Partly
            )
        })
        .collect();
    let mut message = "This Connected App can be migrated to an External Client App: the code action *Migrate to an External Client App*, or `eca-ls migrate`".to_string();
    if lost.is_empty() {
        message.push_str("; every setting carries over");
    } else {
        let names: Vec<String> = lost
            .iter()
            .map(|setting| format!("`{}`", setting.setting))
            .collect();
        message.push_str(&format!("; not carried over: {}", names.join(", ")));
        let flow_settings: Vec<String> = lost
            .iter()
            .filter(|setting| setting.affects_flow)
            .map(|setting| format!("`{}`", setting.setting))
            .collect();
        if !flow_settings.is_empty() {
            message.push_str(&format!(
                " (of these, {} change what a flow does)",
                flow_settings.join(", ")
            ));
        }
    }
    let source = Schema::get()
        .migration
        .source_url("migrationOverview")
        .to_string();
    vec![
        Diagnostic::new(
            &file.path,
            root.name_range(),
            Severity::Hint,
            codes::CONNECTED_APP,
            message,
        )
        .with_source_url(source),
    ]
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
    writes: BTreeMap<String, Vec<(String, Content)>>,
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
                    .push((target_field.to_string(), Content::Text(content)));
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
                let children: Vec<(String, Content)> = fields
                    .iter()
                    .filter_map(|(name, value)| {
                        let to = target.items.get(name)?;
                        Some((to.clone(), Content::Text(value.clone())))
                    })
                    .collect();
                let shown = children
                    .iter()
                    .map(|(name, content)| match content {
                        Content::Text(value) => format!("{name}={value}"),
                        Content::Nested(_) => name.clone(),
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
                    .push((target_field.to_string(), Content::Nested(children)));
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
            let holding = type_def.fields.iter().find(|field| {
                !field.repeated
                    && self
                        .schema
                        .nested_type_of(field)
                        .is_some_and(|nested| nested.name == type_name)
            })?;
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
                        lost.push(unknown_scope_reason(self.schema, token));
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

/// Why a Connected App scope token is not carried over. A token the Connected App page does
/// not document either (`SFAP`, seen only in retrieved files) says so: which External Client
/// App token stands for it is documented nowhere, so eca-ls does not guess
/// (ConnectedApp: https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_connectedapp.htm;
/// the External Client App tokens: ExtlClntAppOauthSettings,
/// https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthsettings.htm).
fn unknown_scope_reason(schema: &Schema, token: &str) -> String {
    let undocumented = schema
        .enum_named(CONNECTED_APP_SCOPES)
        .and_then(|scopes| scopes.values.iter().find(|value| value.value == token))
        .filter(|value| !value.documented);
    match undocumented {
        Some(_) => format!(
            "scope `{token}`: External Client Apps know no scope token of that name, and the Connected App page does not document it either (only files retrieved from orgs use it); no Salesforce page says which External Client App scope stands for it, so eca-ls does not guess: add the one you need to `commaSeparatedOauthScopes` by hand"
        ),
        None => format!("scope `{token}`: External Client Apps know no scope token of that name"),
    }
}

/// The enum of a Connected App's `scopes`.
const CONNECTED_APP_SCOPES: &str = "ConnectedAppOauthAccessScope";

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

fn urls(map: &MigrationMap, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|name| map.source_url(name).to_string())
        .collect()
}
