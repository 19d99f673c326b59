//! Reading the project's own files (`sfdx-project.json`, `package.xml`, `eca-ls.toml`) from
//! their text: the API version they name, the package directories, and which of them wins.
//! The front ends do the IO.

use eca_schema::ApiVersion;

use crate::model::config::Config;
use crate::model::project::{ApiVersionChoice, ApiVersionSource};

pub const SFDX_PROJECT_FILE: &str = "sfdx-project.json";
pub const PACKAGE_XML_FILE: &str = "package.xml";

/// What an `sfdx-project.json` says that matters here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SfdxProject {
    pub source_api_version: Option<ApiVersion>,
    /// `packageDirectories[].path`, as written.
    pub package_directories: Vec<String>,
    /// The `path` of the package directory marked `"default": true`, as written.
    pub default_package_directory: Option<String>,
}

impl SfdxProject {
    /// Where new components go: the package directory marked default, else the first one, as
    /// the Salesforce CLI does.
    pub fn default_package_directory(&self) -> Option<&str> {
        self.default_package_directory
            .as_deref()
            .or_else(|| self.package_directories.first().map(String::as_str))
    }
}

/// Read an `sfdx-project.json`. An error says what is wrong, for a diagnostic or a message.
pub fn read_sfdx_project(text: &str) -> Result<SfdxProject, String> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|error| format!("sfdx-project.json is not valid JSON: {error}"))?;
    let source_api_version = match value.get("sourceApiVersion") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(version)) => Some(
            version
                .parse()
                .map_err(|error| format!("sfdx-project.json sourceApiVersion: {error}"))?,
        ),
        Some(serde_json::Value::Number(number)) => Some(
            format!("{number}")
                .parse()
                .map_err(|error| format!("sfdx-project.json sourceApiVersion: {error}"))?,
        ),
        Some(_) => {
            return Err(
                "sfdx-project.json sourceApiVersion must be a string such as \"65.0\"".to_string(),
            );
        }
    };
    let package_directories = value
        .get("packageDirectories")
        .and_then(|directories| directories.as_array())
        .map(|directories| {
            directories
                .iter()
                .filter_map(|directory| directory.get("path")?.as_str())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let default_package_directory = value
        .get("packageDirectories")
        .and_then(|directories| directories.as_array())
        .and_then(|directories| {
            directories.iter().find(|directory| {
                directory
                    .get("default")
                    .and_then(serde_json::Value::as_bool)
                    == Some(true)
            })
        })
        .and_then(|directory| directory.get("path")?.as_str())
        .map(str::to_string);
    Ok(SfdxProject {
        source_api_version,
        package_directories,
        default_package_directory,
    })
}

/// Whether a `package.xml` is a Metadata API package manifest (its root is `Package`), as
/// opposed to some other tool's file of that name.
pub fn is_package_manifest(text: &str) -> bool {
    let parse = eca_syntax::parse(text);
    parse
        .document
        .root()
        .is_some_and(|root| parse.document.element(root).local_name() == "Package")
}

/// The `<version>` of a `package.xml`, if it has a readable one.
pub fn package_xml_version(text: &str) -> Option<ApiVersion> {
    let parse = eca_syntax::parse(text);
    let document = &parse.document;
    let root = document.root()?;
    if document.element(root).local_name() != "Package" {
        return None;
    }
    let version = document.child_named(root, "version")?;
    document.element(version).text_value().value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_source_api_version_and_package_directories() {
        let project = read_sfdx_project(
            r#"{ "packageDirectories": [{ "path": "force-app", "default": true }, { "path": "ps-eca" }],
                 "sourceApiVersion": "64.0" }"#,
        )
        .unwrap();
        assert_eq!(project.source_api_version, Some(ApiVersion::new(64, 0)));
        assert_eq!(project.package_directories, ["force-app", "ps-eca"]);
        assert_eq!(project.default_package_directory(), Some("force-app"));
        let second_is_default = read_sfdx_project(
            r#"{ "packageDirectories": [{ "path": "shared" }, { "path": "app", "default": true }] }"#,
        )
        .unwrap();
        assert_eq!(second_is_default.default_package_directory(), Some("app"));
    }

    #[test]
    fn only_a_package_root_makes_a_package_manifest() {
        let manifest = "<?xml version=\"1.0\"?>\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><version>60.0</version></Package>\n";
        assert!(is_package_manifest(manifest));
        assert_eq!(package_xml_version(manifest), Some(ApiVersion::new(60, 0)));
        // A ROS package description shares the file name.
        assert!(!is_package_manifest(
            "<package format=\"3\"><name>robot</name></package>"
        ));
        assert!(!is_package_manifest(""));
    }

    #[test]
    fn a_project_without_version_has_none() {
        let project = read_sfdx_project(r#"{ "packageDirectories": [] }"#).unwrap();
        assert_eq!(project.source_api_version, None);
    }

    #[test]
    fn reports_bad_json_and_bad_versions() {
        assert!(
            read_sfdx_project("{")
                .unwrap_err()
                .contains("not valid JSON")
        );
        assert!(
            read_sfdx_project(r#"{ "sourceApiVersion": "latest" }"#)
                .unwrap_err()
                .contains("`latest` is not an API version")
        );
    }
}

/// The files that configure a project, as a front end found and read them; each with the path
/// it names in [`ApiVersionSource`].
#[derive(Debug, Clone, Copy, Default)]
pub struct SettingFiles<'a> {
    /// The version of the `package.xml` manifest that applies to the project.
    pub package_xml: Option<(ApiVersion, &'a str)>,
    /// The text of `sfdx-project.json`.
    pub sfdx_project: Option<(&'a str, &'a str)>,
    /// The text of `eca-ls.toml`.
    pub config: Option<(&'a str, &'a str)>,
}

/// Which file of [`SettingFiles`] could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsError {
    SfdxProject(String),
    Config(String),
}

/// The API version and configuration a project's files give it. Precedence: `eca-ls.toml`,
/// then `sfdx-project.json`, then `package.xml`, then the newest version the schema knows; the
/// front ends lay their own overrides (command line, editor settings) on top. `known_codes` are
/// the codes `eca-ls.toml` may set a severity for (every code: `codes::all_code_names`).
pub fn project_settings(
    files: SettingFiles,
    known_codes: &[&str],
) -> Result<(ApiVersionChoice, Config), SettingsError> {
    let mut api_version = ApiVersionChoice::schema_default();
    if let Some((version, path)) = files.package_xml {
        api_version = ApiVersionChoice {
            version,
            source: ApiVersionSource::PackageXml(path.to_string()),
        };
    }
    let mut package_directories = None;
    if let Some((text, path)) = files.sfdx_project {
        let project = read_sfdx_project(text).map_err(SettingsError::SfdxProject)?;
        package_directories = Some(project.package_directories.clone());
        if let Some(version) = project.source_api_version {
            api_version = ApiVersionChoice {
                version,
                source: ApiVersionSource::SfdxProject(path.to_string()),
            };
        }
    }
    let mut config = Config::default();
    if let Some((text, path)) = files.config {
        config = Config::from_toml(text, known_codes)
            .map_err(|error| SettingsError::Config(error.to_string()))?;
        if let Some(version) = config.api_version {
            api_version = ApiVersionChoice {
                version,
                source: ApiVersionSource::ConfigFile(path.to_string()),
            };
        }
    }
    config.package_directories = package_directories;
    Ok((api_version, config))
}
