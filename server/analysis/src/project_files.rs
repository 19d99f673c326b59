//! Reading the project's own files (`sfdx-project.json`, `package.xml`) from their text: the
//! API version they name and the package directories. The front ends do the IO.

use eca_schema::ApiVersion;

pub const SFDX_PROJECT_FILE: &str = "sfdx-project.json";
pub const PACKAGE_XML_FILE: &str = "package.xml";

/// What an `sfdx-project.json` says that matters here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SfdxProject {
    pub source_api_version: Option<ApiVersion>,
    /// `packageDirectories[].path`, as written.
    pub package_directories: Vec<String>,
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
    Ok(SfdxProject {
        source_api_version,
        package_directories,
    })
}

/// Whether a `package.xml` is a Metadata API package manifest (its root is `Package`), as
/// opposed to some other tool's file of that name.
pub fn is_package_manifest(text: &str) -> bool {
    let parse = eca_syntax::parse(text);
    parse
        .document
        .root
        .is_some_and(|root| parse.document.element(root).local_name() == "Package")
}

/// The `<version>` of a `package.xml`, if it has a readable one.
pub fn package_xml_version(text: &str) -> Option<ApiVersion> {
    let parse = eca_syntax::parse(text);
    let document = &parse.document;
    let root = document.root?;
    if document.element(root).local_name() != "Package" {
        return None;
    }
    let version = document.child_named(root, "version")?;
    document.text_value(version, text).value.parse().ok()
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
