//! The Salesforce External Client App schema as data: every metadata and settings type, its
//! fields, enums, API versions, OAuth scopes and flow documentation.
//!
//! The facts live in JSON files under `data/` (one per type, plus enums, scopes, flows and
//! versions), embedded in the binary and parsed once on first use. This crate knows nothing
//! about XML text, diagnostics or editors; adding a field or an enum value is a data change.

pub mod links;
mod load;
mod migration;
mod model;
mod xsd;

use std::sync::OnceLock;

pub use xsd::export_xsd;

pub use migration::{
    MigrationCondition, MigrationConstant, MigrationFile, MigrationFlow, MigrationHow,
    MigrationMap, MigrationNote, MigrationOutcome, MigrationRow, MigrationTarget,
};

pub use model::{
    AllowedValue, ApiVersion, ApiVersionInfo, ApiVersionParseError, Deprecation, EnumDef, FieldDef,
    FlowDoc, FlowHeader, FlowSetting, ProjectType, Reference, Requirement, ScopeDef, StandardName,
    TypeDef, TypeFamily, TypeKind, TypeStatus, ValueKind, Vocabulary,
};

/// The namespace every Metadata API file declares on its root element.
pub const METADATA_NAMESPACE: &str = "http://soap.sforce.com/2006/04/metadata";

/// The whole schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub api_versions: Vec<ApiVersionInfo>,
    /// Metadata, settings and nested types.
    pub types: Vec<TypeDef>,
    pub enums: Vec<EnumDef>,
    pub oauth_scopes: Vec<ScopeDef>,
    pub flows: Vec<FlowDoc>,
    /// The Connected App → External Client App mapping.
    pub migration: MigrationMap,
    /// The other metadata types ECA fields name, and where their files sit.
    pub project_types: Vec<ProjectType>,
}

impl Schema {
    /// The schema built into this binary.
    pub fn get() -> &'static Schema {
        static SCHEMA: OnceLock<Schema> = OnceLock::new();
        SCHEMA.get_or_init(load::embedded_schema)
    }

    /// Where the files of a metadata type that ECA fields name sit (`ApexClass` → `classes`).
    pub fn project_type(&self, name: &str) -> Option<&ProjectType> {
        self.project_types
            .iter()
            .find(|project_type| project_type.name == name)
    }

    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|type_def| type_def.name == name)
    }

    /// The metadata or settings type whose files have this root element.
    pub fn type_for_root_element(&self, root_element: &str) -> Option<&TypeDef> {
        self.types.iter().find(|type_def| {
            type_def.kind != TypeKind::Nested
                && type_def.root_element.as_deref() == Some(root_element)
        })
    }

    /// The metadata type with this file suffix (`ecaOauthPlcy`).
    pub fn type_for_suffix(&self, suffix: &str) -> Option<&TypeDef> {
        self.types
            .iter()
            .find(|type_def| type_def.suffix.as_deref() == Some(suffix))
    }

    /// The settings type stored as `settings/<settings_name>.settings-meta.xml`.
    pub fn type_for_settings_name(&self, settings_name: &str) -> Option<&TypeDef> {
        self.types
            .iter()
            .find(|type_def| type_def.settings_name.as_deref() == Some(settings_name))
    }

    /// The nested type a field's elements hold: `None` unless the field is of `kind: nested`
    /// and names a type the schema has. The one place that answers "what type is inside this
    /// element"; the analysis asks here rather than reading `nested_type` itself.
    pub fn nested_type_of(&self, field: &FieldDef) -> Option<&TypeDef> {
        if field.kind != ValueKind::Nested {
            return None;
        }
        self.type_named(field.nested_type.as_deref()?)
    }

    pub fn enum_named(&self, name: &str) -> Option<&EnumDef> {
        self.enums.iter().find(|enum_def| enum_def.name == name)
    }

    /// The values a field accepts: its enum's members, or its own restricted list. Empty when
    /// any value of its kind is accepted.
    pub fn values_of<'a>(&'a self, field: &'a FieldDef) -> &'a [AllowedValue] {
        if let Some(enum_def) = field
            .enum_name
            .as_deref()
            .and_then(|name| self.enum_named(name))
        {
            return &enum_def.values;
        }
        &field.allowed_values
    }

    pub fn flow(&self, id: &str) -> Option<&FlowDoc> {
        self.flows.iter().find(|flow| flow.id == id)
    }

    pub fn scope(&self, token: &str) -> Option<&ScopeDef> {
        self.oauth_scopes.iter().find(|scope| scope.token == token)
    }

    /// The newest API version that is not a preview: the default when a project names none.
    pub fn newest_api_version(&self) -> ApiVersion {
        self.api_versions
            .iter()
            .filter(|info| !info.preview)
            .map(|info| info.version)
            .max()
            .unwrap_or(ApiVersion::new(66, 0))
    }

    /// The release name of an API version (`Winter '26`), when known.
    pub fn release_name(&self, version: ApiVersion) -> Option<&str> {
        self.api_versions
            .iter()
            .find(|info| info.version == version)
            .map(|info| info.release.as_str())
    }
}

impl TypeDef {
    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        Some(&self.fields[self.field_position(name)?])
    }

    /// Position of a field in canonical order.
    ///
    /// Among the fields whose names are as long as `name` only (one to three of a type's up to
    /// 27): the checks and rules look fields up by name for nearly every element they read,
    /// and a scan of every field compared most of them.
    pub fn field_position(&self, name: &str) -> Option<usize> {
        let by_length = self.positions_by_name_length.0.get_or_init(|| {
            let longest = self.fields.iter().map(|field| field.name.len()).max();
            let mut by_length = vec![Vec::new(); longest.map_or(0, |longest| longest + 1)];
            for (position, field) in self.fields.iter().enumerate() {
                by_length[field.name.len()].push(position as u16);
            }
            by_length
        });
        by_length
            .get(name.len())?
            .iter()
            .map(|&position| usize::from(position))
            .find(|&position| self.fields[position].name == name)
    }
}

impl FieldDef {
    /// Whether the field is gone at `version`: a source shows it missing from that version on.
    pub fn is_removed_at(&self, version: ApiVersion) -> bool {
        self.removed_in
            .is_some_and(|removed_in| version >= removed_in)
    }

    /// The deprecation in force at `version`, if any.
    pub fn deprecation_at(&self, version: ApiVersion) -> Option<&Deprecation> {
        self.deprecated
            .as_ref()
            .filter(|deprecation| deprecation.applies_at(version))
    }
}

impl Deprecation {
    /// Whether the pages of `version` mark the field deprecated.
    pub fn applies_at(&self, version: ApiVersion) -> bool {
        self.since.is_none_or(|since| since <= version)
            && self.until.is_none_or(|until| version <= until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look-up by name finds what a scan of every field finds, for every type's every
    /// field and for names no field has (a prefix, a name with one letter more, the empty
    /// name, one longer than every field's).
    #[test]
    fn fields_are_found_by_name_as_a_scan_finds_them() {
        let scan = |type_def: &TypeDef, name: &str| {
            type_def.fields.iter().position(|field| field.name == name)
        };
        for type_def in &Schema::get().types {
            let mut names: Vec<String> = vec![String::new(), "x".repeat(200)];
            for field in &type_def.fields {
                names.push(field.name.clone());
                names.push(format!("{}s", field.name));
                names.push(field.name[..field.name.len() - 1].to_string());
                names.push(field.name.to_uppercase());
            }
            for name in &names {
                assert_eq!(
                    type_def.field_position(name),
                    scan(type_def, name),
                    "{}.{name}",
                    type_def.name
                );
                assert_eq!(
                    type_def.field(name).map(|field| &field.name),
                    scan(type_def, name).map(|position| &type_def.fields[position].name),
                );
            }
            // The index, built by now, is derived state: the type equals a copy without it.
            let mut fresh = type_def.clone();
            fresh.positions_by_name_length = Default::default();
            assert_eq!(type_def, &fresh, "{}", type_def.name);
        }
    }
}
