//! The Connected App → External Client App mapping as data (`data/migration.json`): for each
//! Connected App field, the External Client App fields it becomes and how its value is
//! translated, or why it can't be carried over; which files an app needs; which Connected App
//! settings switch each OAuth flow on; and the caveats of every migration.
//!
//! Plain data with serde derives; the migration writer in the analysis crate interprets it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The whole mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationMap {
    /// Salesforce pages by short name; rows and notes cite them by that name.
    pub sources: BTreeMap<String, String>,
    /// The External Client App files a migration may create, header first.
    pub files: Vec<MigrationFile>,
    /// For each flow of `flows.json`, the Connected App settings that switch it on.
    pub flows: Vec<MigrationFlow>,
    /// Caveats the report states for every app they apply to.
    pub notes: Vec<MigrationNote>,
    /// One row per Connected App field, `Type.field`.
    pub rows: Vec<MigrationRow>,
}

/// One External Client App file a migration creates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationFile {
    /// The External Client App type (`ExtlClntAppGlobalOauthSettings`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// The Connected App field (`ConnectedApp.oauthConfig`) whose presence asks for the file;
    /// `None` for files every app gets.
    #[serde(default)]
    pub when: Option<String>,
    /// The switch of `ExtlClntAppConfigurablePolicies` that turns this file's plugin on.
    #[serde(default)]
    pub plugin_switch: Option<String>,
    /// Fields the migration sets whatever the Connected App says.
    #[serde(default)]
    pub set: Vec<MigrationConstant>,
}

/// A value the migration writes on its own, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationConstant {
    pub field: String,
    pub value: String,
    pub why: String,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// When a Connected App has a flow switched on: any one group of conditions all holding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationFlow {
    /// The flow id of `flows.json`.
    pub flow: String,
    pub when: Vec<Vec<MigrationCondition>>,
}

/// One condition on a Connected App field (`ConnectedAppOauthConfig.isPkceRequired`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationCondition {
    pub field: String,
    /// The value it must have, its schema default counting when it is absent.
    #[serde(default)]
    pub value: Option<String>,
    /// Any non-empty value will do.
    #[serde(default)]
    pub present: bool,
}

/// A caveat of a migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationNote {
    pub id: String,
    /// The Connected App field whose presence makes the note apply; every app when `None`.
    #[serde(default)]
    pub when: Option<String>,
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MigrationOutcome {
    /// The value goes to the `to` fields.
    Mapped,
    /// A nested element: its fields have rows of their own.
    Container,
    /// External Client Apps have no place for it; `reason` says why.
    NotMigratable,
    /// Nothing needs carrying over; `reason` says why.
    NotNeeded,
}

/// What becomes of one Connected App field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationRow {
    /// `Type.field` of a Connected App type.
    pub from: String,
    pub outcome: MigrationOutcome,
    #[serde(default)]
    pub to: Vec<MigrationTarget>,
    /// Why a field is not migratable or not needed.
    #[serde(default)]
    pub reason: Option<String>,
    /// Why a mapped field can't be carried over when the app gets none of its targets' files.
    #[serde(default)]
    pub without_target: Option<String>,
    /// Write the Connected App's default when the field is absent (the External Client App's
    /// default may differ).
    #[serde(default)]
    pub write_default: bool,
    /// Losing it changes what a flow does: a migration that can't carry it over fails.
    #[serde(default)]
    pub affects_flow: bool,
    /// Holds a secret: its value is never written, never shown.
    #[serde(default)]
    pub secret: bool,
    /// Names of [`MigrationMap::sources`].
    pub sources: Vec<String>,
}

/// How a value is carried to a target field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MigrationHow {
    /// The same value (each item of a repeated field, one element each).
    #[default]
    Copy,
    /// Translated through `values`.
    Values,
    /// The items of a repeated field joined by `separator`.
    Join,
    /// Scope tokens joined by `separator`, keeping only those the target's vocabulary knows.
    Scopes,
    /// Part `part` of a `:`-separated value, translated through `values` when it has some.
    Part,
    /// Each item of a repeated nested field, its fields renamed through `items`.
    Items,
    /// `value`, whenever the source has a value.
    Constant,
}

/// One External Client App field a Connected App field becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MigrationTarget {
    /// `Type.field` of an External Client App type.
    pub field: String,
    #[serde(default)]
    pub how: MigrationHow,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Source values the target has no equivalent of, each with the reason.
    #[serde(default)]
    pub untranslatable: BTreeMap<String, String>,
    #[serde(default)]
    pub separator: Option<String>,
    #[serde(default)]
    pub part: Option<usize>,
    #[serde(default)]
    pub items: BTreeMap<String, String>,
    #[serde(default)]
    pub value: Option<String>,
}

impl MigrationMap {
    /// The row of a Connected App field (`ConnectedAppOauthConfig.scopes`).
    pub fn row(&self, type_name: &str, field: &str) -> Option<&MigrationRow> {
        self.rows.iter().find(|row| {
            row.from
                .split_once('.')
                .is_some_and(|(row_type, row_field)| row_type == type_name && row_field == field)
        })
    }

    /// The URL of a source name; the name itself when it is already a URL.
    pub fn source_url<'a>(&'a self, name: &'a str) -> &'a str {
        self.sources.get(name).map_or(name, String::as_str)
    }
}

impl MigrationTarget {
    /// `(type, field)` of the target.
    pub fn type_and_field(&self) -> (&str, &str) {
        self.field.split_once('.').unwrap_or(("", &self.field))
    }
}
