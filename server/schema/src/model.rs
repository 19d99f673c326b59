//! The shape of the schema data: types, fields, enums, scopes and flows, as read from `data/`.
//!
//! Everything here is plain data with serde derives; the JSON files in `data/` are exactly
//! these structs serialized (camelCase keys, unknown keys rejected).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Metadata API version such as `65.0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ApiVersion {
    pub major: u16,
    pub minor: u16,
}

/// One Salesforce release and the API version it brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiVersionInfo {
    pub version: ApiVersion,
    /// The release name, e.g. `Winter '26`.
    pub release: String,
    /// A preview release: known, but never chosen as the default version.
    #[serde(default)]
    pub preview: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeKind {
    /// A metadata type with its own files (`*.ecaOauth-meta.xml`).
    Metadata,
    /// An org settings type (`settings/OauthOidc.settings-meta.xml`).
    Settings,
    /// A complex type that only appears inside another type's field.
    Nested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeStatus {
    Ga,
    Beta,
    Pilot,
    /// Salesforce ships it but documents none of its fields.
    Undocumented,
    /// For Salesforce's own use.
    Internal,
}

/// Which kind of app a type describes: an External Client App (the subject of eca-ls), or a
/// Connected App, the older kind that `eca-ls migrate` turns into an External Client App.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TypeFamily {
    #[default]
    ExternalClientApp,
    ConnectedApp,
}

/// A metadata, settings or nested type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TypeDef {
    pub name: String,
    pub kind: TypeKind,
    /// The root element of its files (metadata and settings types).
    #[serde(default)]
    pub root_element: Option<String>,
    /// File suffix without dot: source files are `<name>.<suffix>-meta.xml`, mdapi files
    /// `<folder>/<name>.<suffix>`. `None` for settings and for types whose suffix is unknown.
    #[serde(default)]
    pub suffix: Option<String>,
    /// The folder its files live in (`extlClntAppOauthPolicies`, `settings`).
    #[serde(default)]
    pub folder: Option<String>,
    /// How Setup names an app's component of this type: the app's name and this suffix
    /// (`Portal_glbloauth`). A practice seen in files retrieved from real orgs, not a rule:
    /// components are tied to their app by `externalClientApplication`, whatever their name.
    #[serde(default)]
    pub setup_name_suffix: Option<String>,
    /// For settings types, the settings name: `OauthOidc` → `settings/OauthOidc.settings-meta.xml`.
    #[serde(default)]
    pub settings_name: Option<String>,
    /// The type name in package.xml (`Settings` for settings types).
    #[serde(default)]
    pub package_xml_name: Option<String>,
    #[serde(default)]
    pub since: Option<ApiVersion>,
    pub status: TypeStatus,
    /// Whether it can go into a package; `None` when the docs do not say.
    #[serde(default)]
    pub packageable: Option<bool>,
    /// `false` for types nobody has documented: their children are not checked one by one.
    #[serde(default = "yes")]
    pub fields_known: bool,
    /// External Client App types leave it out; Connected App types say `connectedApp`.
    #[serde(default)]
    pub family: TypeFamily,
    /// What the type is for, in our own words (markdown).
    pub description: String,
    /// Caveats worth showing on hover (markdown, one per entry).
    #[serde(default)]
    pub notes: Vec<String>,
    /// The Salesforce page that documents the type.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// Fields in canonical (WSDL sequence) order.
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    /// The fields' positions by the length of their names, built on the first look-up by name
    /// (see [`TypeDef::field_position`]).
    #[serde(skip)]
    pub(crate) positions_by_name_length: FieldsByNameLength,
}

/// What [`TypeDef::fields`] says, indexed for look-ups by name: derived state, so it takes no
/// part in comparing two types (a type looked up by name and its fresh copy are equal).
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldsByNameLength(pub(crate) std::sync::OnceLock<Vec<Vec<u16>>>);

impl PartialEq for FieldsByNameLength {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for FieldsByNameLength {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    String,
    Boolean,
    Int,
    Double,
    /// One member of the enum named by [`FieldDef::enum_name`].
    Enum,
    /// Child elements of the type named by [`FieldDef::nested_type`].
    Nested,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Requirement {
    Optional,
    /// Required by one source (the docs or the WSDL) but not both: a missing value is a warning.
    Recommended,
    /// Required by the docs and the WSDL alike: a missing value is an error.
    Required,
}

/// One field of a type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldDef {
    pub name: String,
    pub kind: ValueKind,
    /// For `kind: enum`: the name of an [`EnumDef`].
    #[serde(default)]
    pub enum_name: Option<String>,
    /// For `kind: nested`: the name of a nested [`TypeDef`].
    #[serde(default)]
    pub nested_type: Option<String>,
    /// May appear several times as sibling elements.
    #[serde(default)]
    pub repeated: bool,
    /// Documented upper bound on repetitions.
    #[serde(default)]
    pub max_items: Option<u32>,
    /// For repeated nested fields: the nested field whose value must be unique across items.
    #[serde(default)]
    pub unique_key: Option<String>,
    #[serde(default = "optional")]
    pub requirement: Requirement,
    /// Why the requirement is what it is when the sources disagree.
    #[serde(default)]
    pub requirement_note: Option<String>,
    /// The accepted values of a restricted `int` field (each with the version that allows it)
    /// or of a `string` field whose values form a list the WSDL does not type as an enum
    /// (a case-only mismatch in such a list is only a warning).
    #[serde(default)]
    pub allowed_values: Vec<AllowedValue>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    #[serde(default)]
    pub max_length: Option<u32>,
    /// The value Salesforce assumes when the element is absent, as written in XML.
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub since: Option<ApiVersion>,
    #[serde(default)]
    pub deprecated: Option<Deprecation>,
    /// Present in older versions only: a note on when it went away.
    #[serde(default)]
    pub removed: Option<String>,
    /// The first API version whose docs no longer have the field (the earliest one a source
    /// shows it missing from); `None` when that is unknown.
    #[serde(default)]
    pub removed_in: Option<ApiVersion>,
    /// `false` for fields seen only in the WSDL or in files retrieved from real orgs.
    #[serde(default = "yes")]
    pub documented: bool,
    /// Reserved for Salesforce; using it deserves a warning.
    #[serde(default)]
    pub internal: bool,
    /// Holds a secret or credential: never echoed on hover.
    #[serde(default)]
    pub sensitive: bool,
    /// The label of the setting in Setup (*Require Secret for Web Server Flow*), when Setup
    /// shows it; hover shows it next to the name and completion matches it.
    #[serde(default)]
    pub setup_label: Option<String>,
    /// Setup asks the opposite question: its checkbox ticked writes `false`.
    #[serde(default)]
    pub setup_label_inverted: bool,
    /// The page that shows [`Self::setup_label`].
    #[serde(default)]
    pub setup_label_source: Option<String>,
    /// For an undocumented field: where Salesforce was seen writing it. Empty when nobody has
    /// seen it in a file Salesforce wrote, and then a file using it may be rejected.
    #[serde(default)]
    pub written_by_salesforce: Vec<String>,
    /// For list-in-a-string fields (`commaSeparatedOauthScopes`): the separator.
    #[serde(default)]
    pub list_separator: Option<String>,
    /// For list-in-a-string fields whose items come from a known vocabulary: which one.
    #[serde(default)]
    pub list_vocabulary: Option<Vocabulary>,
    /// Unit of a number (`minutes`).
    #[serde(default)]
    pub units: Option<String>,
    /// What the value refers to, when it names something else.
    #[serde(default)]
    pub reference: Option<Reference>,
    /// What the field does, in our own words (markdown).
    pub description: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub doc_url: Option<String>,
}

/// An accepted value with its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AllowedValue {
    /// As written in XML (`UserSession`, `60`).
    pub value: String,
    /// What choosing it does, in our own words.
    pub meaning: String,
    /// The API version that first accepts it, when later than the field's.
    #[serde(default)]
    pub since: Option<ApiVersion>,
    #[serde(default = "yes")]
    pub documented: bool,
    #[serde(default)]
    pub internal: bool,
    /// How Setup shows the value (*Admin approved users are pre-authorized*).
    #[serde(default)]
    pub setup_label: Option<String>,
    /// The spelling Salesforce writes and validates when it differs from the page's: a file
    /// using the page's spelling is warned and offered this one.
    #[serde(default)]
    pub written_as: Option<String>,
    /// For an undocumented value: where Salesforce was seen writing it (see
    /// [`FieldDef::written_by_salesforce`]).
    #[serde(default)]
    pub written_by_salesforce: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deprecation {
    /// The API version from which it is deprecated; `None` when the docs do not say.
    #[serde(default)]
    pub since: Option<ApiVersion>,
    /// The last API version whose page marks it deprecated, when a later page drops the
    /// marker; `None` while it stays deprecated.
    #[serde(default)]
    pub until: Option<ApiVersion>,
    pub note: String,
    /// `Type.field` to use instead.
    #[serde(default)]
    pub replacement: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
    /// `metadata` (another component, e.g. an ApexClass) or `orgRecord` (e.g. a User).
    pub kind: String,
    /// What it names: `ApexClass`, `PermissionSet`, `User`, `ExternalClientApplication`.
    pub target: String,
    /// How it names it: `API name`, `Username`.
    pub by: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Vocabulary {
    /// The OAuth scope tokens in [`Schema::oauth_scopes`](crate::Schema).
    OauthScopes,
}

/// An enumeration used by one or more fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnumDef {
    pub name: String,
    pub values: Vec<AllowedValue>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// A metadata type outside the External Client App family that ECA fields name (an Apex class,
/// a permission set): where its files sit in a project, `<folder>/<Name>.<suffix>` in Metadata
/// API format and `<folder>/<Name>.<suffix>-meta.xml` in source format (for a class, the
/// `.cls` beside its `.cls-meta.xml`), as the type's Metadata API page says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectType {
    /// The metadata type, as `reference.target` names it.
    pub name: String,
    pub folder: String,
    pub suffix: String,
    /// The Metadata API page that gives the folder and suffix.
    pub doc_url: String,
    /// Components whose name (as fields write it) differs from their file name: the standard
    /// profiles (`System Administrator` is `profiles/Admin.profile-meta.xml`).
    #[serde(default)]
    pub standard_names: Vec<StandardName>,
    /// Where `standard_names` comes from and how sure it is, in our words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_names_note: Option<String>,
}

/// A standard component of the org named otherwise than its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StandardName {
    /// The name as Setup shows it and fields write it (`System Administrator`).
    pub name: String,
    /// The component's full name, which its file carries (`Admin`).
    pub full_name: String,
    /// The pages that give the pair.
    pub sources: Vec<String>,
}

impl ProjectType {
    /// The full name (file name stem) of the standard component written `name`, if it is one
    /// whose file is named otherwise. Setup names are matched ignoring letter case.
    pub fn standard_full_name(&self, name: &str) -> Option<&str> {
        self.standard_names
            .iter()
            .find(|standard| standard.name.eq_ignore_ascii_case(name.trim()))
            .map(|standard| standard.full_name.as_str())
    }
}

/// An OAuth scope token accepted in `commaSeparatedOauthScopes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScopeDef {
    pub token: String,
    pub meaning: String,
    #[serde(default = "yes")]
    pub documented: bool,
}

/// Documentation of one OAuth flow, for hover and `eca-ls flows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlowDoc {
    /// Stable id, e.g. `code-credentials`, `headless-guest`.
    pub id: String,
    pub name: String,
    /// The flow whose variation this is (`code-credentials` for headless login).
    #[serde(default)]
    pub variation_of: Option<String>,
    /// What the flow does and who it is for, in our own words (markdown).
    pub summary: String,
    #[serde(default)]
    pub audience: Option<String>,
    /// `POST https://<site>/services/oauth2/authorize (...)` and the like.
    #[serde(default)]
    pub endpoints: Vec<String>,
    #[serde(default)]
    pub headers: Vec<FlowHeader>,
    /// The settings the flow needs, each naming a type and field.
    #[serde(default)]
    pub settings: Vec<FlowSetting>,
    /// Caveats, contradictions in Salesforce's docs, advice.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Salesforce pages (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlowHeader {
    pub name: String,
    pub value: String,
}

/// One setting a flow needs or recommends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlowSetting {
    /// The type that holds it (`ExtlClntAppGlobalOauthSettings`).
    #[serde(rename = "type")]
    pub type_name: String,
    pub field: String,
    /// The value it needs, as written in XML; `None` when any non-empty value will do.
    #[serde(default)]
    pub value: Option<String>,
    /// `false` for recommendations.
    #[serde(default = "yes")]
    pub required: bool,
    /// Why, in a few words.
    pub why: String,
}

fn yes() -> bool {
    true
}

fn optional() -> Requirement {
    Requirement::Optional
}

impl ApiVersion {
    pub const fn new(major: u16, minor: u16) -> ApiVersion {
        ApiVersion { major, minor }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The error for text that is not an API version like `65.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersionParseError(pub String);

impl fmt::Display for ApiVersionParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an API version: write it like `65.0`",
            self.0
        )
    }
}

impl std::error::Error for ApiVersionParseError {}

impl FromStr for ApiVersion {
    type Err = ApiVersionParseError;

    /// Accepts `65.0`, `65` and surrounding whitespace.
    fn from_str(text: &str) -> Result<ApiVersion, ApiVersionParseError> {
        let error = || ApiVersionParseError(text.to_string());
        let trimmed = text.trim();
        let (major, minor) = trimmed.split_once('.').unwrap_or((trimmed, "0"));
        let major = major.parse::<u16>().map_err(|_| error())?;
        let minor = minor.parse::<u16>().map_err(|_| error())?;
        Ok(ApiVersion { major, minor })
    }
}

impl Serialize for ApiVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ApiVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ApiVersion, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
