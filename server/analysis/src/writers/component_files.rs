//! New metadata files from the schema: where a component's file goes in a project (source or
//! Metadata API format, Salesforce's folder names and suffixes), the name Setup gives an app's
//! component, and the text of a component with its fields in canonical order.
//!
//! Knows the schema only: nothing of flows, findings or the file system. `eca-ls new`,
//! `eca-ls configure` and the Connected App migration all write their new files through here.

use eca_schema::{METADATA_NAMESPACE, Schema, TypeDef, TypeKind};

use crate::model::file_kind::{self, Detection};
use crate::model::text_util::escape_xml_text;

/// How a project stores its metadata, and where new files of it go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The folder that holds the type folders (`force-app/main/default`, or the Metadata API
    /// package folder), `/`-separated, without a trailing `/`; empty for the current folder.
    pub base: String,
    pub format: FileFormat,
}

/// The two file formats of Salesforce metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// sfdx source format: `<folder>/<name>.<suffix>-meta.xml`.
    Source,
    /// Metadata API format: `<folder>/<name>.<suffix>`.
    MetadataApi,
}

/// The value of one field of a new component: text, or the fields of a nested element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldContent {
    Text(String),
    Nested(Vec<(String, FieldContent)>),
}

/// The XML declaration retrieved files start with.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

/// The indentation of one level in retrieved files.
pub const INDENT: &str = "    ";

impl Layout {
    /// Source format under a package directory of `sfdx-project.json` (`force-app`): files go
    /// to `<package directory>/main/default/<folder>/`, where `sf project retrieve` puts new
    /// components.
    pub fn source(package_directory: &str) -> Layout {
        Layout {
            base: join(package_directory, "main/default"),
            format: FileFormat::Source,
        }
    }

    /// Metadata API format directly under `folder`.
    pub fn metadata_api(folder: &str) -> Layout {
        Layout {
            base: trim_trailing_separators(folder).to_string(),
            format: FileFormat::MetadataApi,
        }
    }

    /// The layout an existing component file was written in: its type folder's parent, and
    /// its format. `None` for a file whose name does not say its type.
    pub fn of_existing(path: &str) -> Option<Layout> {
        let kind = file_kind::detect(path, None)?;
        let format = match kind.detection {
            Detection::SourceSuffix => FileFormat::Source,
            Detection::MdapiSuffix => FileFormat::MetadataApi,
            Detection::SettingsFile if path.ends_with("-meta.xml") => FileFormat::Source,
            Detection::SettingsFile => FileFormat::MetadataApi,
            Detection::RootElement => return None,
        };
        let folder = parent(path);
        let base = parent(folder);
        Some(Layout {
            base: base.to_string(),
            format,
        })
    }

    /// Where the component `full_name` of this metadata type, or this settings type's file,
    /// goes. `None` for a type whose folder or suffix is unknown (undocumented types).
    pub fn path_of(&self, type_def: &TypeDef, full_name: &str) -> Option<String> {
        let folder = type_def.folder.as_deref()?;
        let (name, suffix) = match type_def.kind {
            TypeKind::Settings => (type_def.settings_name.as_deref()?, "settings"),
            TypeKind::Metadata => (full_name, type_def.suffix.as_deref()?),
            TypeKind::Nested => return None,
        };
        let file_name = match self.format {
            FileFormat::Source => format!("{name}.{suffix}-meta.xml"),
            FileFormat::MetadataApi => format!("{name}.{suffix}"),
        };
        Some(join(&join(&self.base, folder), &file_name))
    }
}

/// The name Setup gives an app's component of this type (`Portal_glbloauth`); the app's own
/// name for the header and for types Setup has no habit for.
pub fn component_name(app_name: &str, type_def: &TypeDef) -> String {
    match &type_def.setup_name_suffix {
        Some(suffix) => format!("{app_name}{suffix}"),
        None => app_name.to_string(),
    }
}

/// The text of a new file of `type_def`: the XML declaration, the root element with the
/// Metadata API namespace, and `fields` in canonical order (repeated fields keep their order,
/// fields the type lacks go last), indented by four spaces, with `\n` line endings and a final
/// line break, as `sf project retrieve` writes files.
pub fn component_text(type_def: &TypeDef, fields: &[(String, FieldContent)]) -> String {
    let root = type_def.root_element.as_deref().unwrap_or(&type_def.name);
    let mut text = format!("{XML_DECLARATION}\n<{root} xmlns=\"{METADATA_NAMESPACE}\">\n");
    write_fields(&mut text, type_def, fields, 1);
    text.push_str(&format!("</{root}>\n"));
    text
}

fn write_fields(
    text: &mut String,
    type_def: &TypeDef,
    fields: &[(String, FieldContent)],
    depth: usize,
) {
    let mut ordered: Vec<&(String, FieldContent)> = fields.iter().collect();
    ordered.sort_by_key(|(name, _)| type_def.field_position(name).unwrap_or(usize::MAX));
    let indent = INDENT.repeat(depth);
    for (name, content) in ordered {
        match content {
            FieldContent::Text(value) => {
                text.push_str(&format!(
                    "{indent}<{name}>{}</{name}>\n",
                    escape_xml_text(value)
                ));
            }
            FieldContent::Nested(children) => {
                text.push_str(&format!("{indent}<{name}>\n"));
                let nested_type = type_def
                    .field(name)
                    .and_then(|field| Schema::get().nested_type_of(field));
                match nested_type {
                    Some(nested_type) => write_fields(text, nested_type, children, depth + 1),
                    None => write_fields(text, type_def, children, depth + 1),
                }
                text.push_str(&format!("{indent}</{name}>\n"));
            }
        }
    }
}

fn join(folder: &str, rest: &str) -> String {
    let folder = trim_trailing_separators(folder);
    if folder.is_empty() || folder == "." {
        return rest.to_string();
    }
    format!("{folder}/{rest}")
}

fn trim_trailing_separators(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['/', '\\']);
    if trimmed.is_empty() && !path.is_empty() {
        // The file-system root stays itself.
        return &path[..1];
    }
    trimmed
}

/// The folder a path is in (`""` for a bare name).
pub(crate) fn parent(path: &str) -> &str {
    path.rfind(['/', '\\']).map_or("", |index| &path[..index])
}

#[cfg(test)]
mod tests {
    use eca_schema::Schema;
    use expect_test::expect;

    use super::*;

    fn type_named(name: &str) -> &'static TypeDef {
        Schema::get()
            .type_named(name)
            .expect("a type of the schema")
    }

    #[test]
    fn paths_follow_salesforce_folders_and_suffixes_in_both_formats() {
        let source = Layout::source("force-app");
        let mdapi = Layout::metadata_api("mdapi/");
        let global = type_named("ExtlClntAppGlobalOauthSettings");
        let org = type_named("OauthOidcSettings");
        let name = component_name("Portal", global);
        assert_eq!(name, "Portal_glbloauth");
        assert_eq!(
            source.path_of(global, &name).as_deref(),
            Some(
                "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml"
            )
        );
        assert_eq!(
            mdapi.path_of(global, &name).as_deref(),
            Some("mdapi/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth")
        );
        assert_eq!(
            source.path_of(org, "").as_deref(),
            Some("force-app/main/default/settings/OauthOidc.settings-meta.xml")
        );
        assert_eq!(
            mdapi.path_of(org, "").as_deref(),
            Some("mdapi/settings/OauthOidc.settings")
        );
        assert_eq!(
            Layout::metadata_api(".").path_of(org, "").as_deref(),
            Some("settings/OauthOidc.settings")
        );
        let header = type_named("ExternalClientApplication");
        assert_eq!(component_name("Portal", header), "Portal");
    }

    #[test]
    fn every_path_written_is_read_back_as_its_type_and_name() {
        for layout in [Layout::source("pkg"), Layout::metadata_api("/tmp/out")] {
            for type_def in &Schema::get().types {
                let name = component_name("Some_App", type_def);
                let Some(path) = layout.path_of(type_def, &name) else {
                    continue;
                };
                let kind = file_kind::detect(&path, None).expect(&path);
                assert_eq!(kind.type_def.name, type_def.name, "{path}");
                if type_def.kind == TypeKind::Metadata {
                    assert_eq!(file_kind::full_name(&path), name, "{path}");
                }
                assert_eq!(Layout::of_existing(&path), Some(layout.clone()), "{path}");
            }
        }
    }

    #[test]
    fn fields_are_written_in_canonical_order_with_nested_elements() {
        let policies = type_named("ExtlClntAppOauthConfigurablePolicies");
        let text = component_text(
            policies,
            &[
                (
                    "label".to_string(),
                    FieldContent::Text("Portal & Co".to_string()),
                ),
                (
                    "externalClientApplication".to_string(),
                    FieldContent::Text("Portal".to_string()),
                ),
                (
                    "customAttributes".to_string(),
                    FieldContent::Nested(vec![
                        ("key".to_string(), FieldContent::Text("tier".to_string())),
                        (
                            "formula".to_string(),
                            FieldContent::Text("User.Tier__c".to_string()),
                        ),
                    ]),
                ),
            ],
        );
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes>
                    <formula>User.Tier__c</formula>
                    <key>tier</key>
                </customAttributes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal &amp; Co</label>
            </ExtlClntAppOauthConfigurablePolicies>
        "#]]
        .assert_eq(&text);
    }
}
