//! Reads the JSON data files embedded from `data/` into a [`Schema`]; it knows the file list
//! and nothing about what the data means.
//!
//! The files are compiled into the binary with `include_str!`, so a running server never
//! touches the disk for its schema. Their validity is checked by the tests, which is why a
//! parse failure here may panic: it can only happen in a build whose tests failed.

use serde::de::DeserializeOwned;

use crate::Schema;

/// One embedded data file: its path under `data/` and its text.
pub(crate) struct DataFile {
    pub(crate) path: &'static str,
    pub(crate) text: &'static str,
}

/// Embeds `data/<path>` and remembers the path for error messages.
macro_rules! data_file {
    ($path:literal) => {
        DataFile {
            path: $path,
            text: include_str!(concat!("../data/", $path)),
        }
    };
}

pub(crate) const VERSIONS_FILE: DataFile = data_file!("versions.json");
pub(crate) const ENUMS_FILE: DataFile = data_file!("enums.json");
pub(crate) const SCOPES_FILE: DataFile = data_file!("scopes.json");
pub(crate) const FLOWS_FILE: DataFile = data_file!("flows.json");
pub(crate) const MIGRATION_FILE: DataFile = data_file!("migration.json");
pub(crate) const PROJECT_TYPES_FILE: DataFile = data_file!("project_types.json");

/// One file per type, in the order [`Schema::types`] lists them: the External Client App
/// metadata, settings and nested types, then the Connected App types. A test checks that
/// every file in `data/types/` is listed here.
pub(crate) const TYPE_FILES: &[DataFile] = &[
    data_file!("types/ExternalClientApplication.json"),
    data_file!("types/ExtlClntAppOauthSettings.json"),
    data_file!("types/ExtlClntAppGlobalOauthSettings.json"),
    data_file!("types/ExtlClntAppOauthConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppMobileSettings.json"),
    data_file!("types/ExtlClntAppMobileConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppNotificationSettings.json"),
    data_file!("types/ExtlClntAppPushSettings.json"),
    data_file!("types/ExtlClntAppPushConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppCanvasSettings.json"),
    data_file!("types/ExtlClntAppSamlConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppOauthSecuritySettings.json"),
    data_file!("types/ExtlClntAppAttestSettings.json"),
    data_file!("types/ExtlClntAppAttestConfigurablePolicies.json"),
    data_file!("types/ExtlClntAppSampleSettings.json"),
    data_file!("types/ExtlClntAppSampleConfigurablePolicies.json"),
    data_file!("types/OauthOidcSettings.json"),
    data_file!("types/ExternalClientAppSettings.json"),
    data_file!("types/ExtlClntAppOauthSettingsAttribute.json"),
    data_file!("types/ExtlClntAppOauthIpRange.json"),
    data_file!("types/ExternalAppIdTokenConfig.json"),
    data_file!("types/ExtlClntAppOauthPoliciesAttribute.json"),
    data_file!("types/ExtlClntAppNotificationType.json"),
    data_file!("types/ExtlClntAppAndroidPushConfig.json"),
    data_file!("types/ExtlClntAppApplePushConfig.json"),
    data_file!("types/ExtlClntAppSamlConfigurablePoliciesAttribute.json"),
    data_file!("types/ConnectedApp.json"),
    data_file!("types/ConnectedAppAttribute.json"),
    data_file!("types/CanvasMetadata.json"),
    data_file!("types/ConnectedAppCanvasConfig.json"),
    data_file!("types/ConnectedAppIpRange.json"),
    data_file!("types/ConnectedAppMobileDetailConfig.json"),
    data_file!("types/ConnectedAppOauthConfig.json"),
    data_file!("types/ConnectedAppOauthAssetToken.json"),
    data_file!("types/ConnectedAppOauthIdToken.json"),
    data_file!("types/ConnectedAppOauthPolicy.json"),
    data_file!("types/ConnectedAppSamlConfig.json"),
    data_file!("types/ConnectedAppSessionPolicy.json"),
    data_file!("types/OauthTokenExchangeHandler.json"),
    data_file!("types/OauthTokenExchHandlerApp.json"),
];

pub(crate) fn embedded_schema() -> Schema {
    Schema {
        api_versions: parse(&VERSIONS_FILE),
        types: TYPE_FILES.iter().map(parse).collect(),
        enums: parse(&ENUMS_FILE),
        oauth_scopes: parse(&SCOPES_FILE),
        flows: parse(&FLOWS_FILE),
        migration: parse(&MIGRATION_FILE),
        project_types: parse(&PROJECT_TYPES_FILE),
    }
}

pub(crate) fn parse<T: DeserializeOwned>(file: &DataFile) -> T {
    serde_json::from_str(file.text).unwrap_or_else(|error| {
        panic!(
            "embedded schema file data/{} is invalid: {error}; run `cargo test -p eca-schema`",
            file.path
        )
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::TypeDef;

    #[test]
    fn every_type_file_is_embedded_once() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/types");
        let on_disk: BTreeSet<String> = std::fs::read_dir(&folder)
            .expect("data/types is readable")
            .map(|entry| {
                let name = entry.expect("a directory entry").file_name();
                format!("types/{}", name.to_string_lossy())
            })
            .collect();
        let embedded: BTreeSet<String> = TYPE_FILES
            .iter()
            .map(|file| file.path.to_string())
            .collect();
        assert_eq!(
            on_disk, embedded,
            "list every file of data/types in TYPE_FILES"
        );
        assert_eq!(
            embedded.len(),
            TYPE_FILES.len(),
            "a file is listed twice in TYPE_FILES"
        );
    }

    #[test]
    fn every_type_file_is_named_after_its_type() {
        for file in TYPE_FILES {
            let type_def: TypeDef = parse(file);
            assert_eq!(file.path, format!("types/{}.json", type_def.name));
        }
    }

    /// Keeps the data reviewable: pretty-printed with two spaces, no tabs, no trailing blanks,
    /// one final newline.
    #[test]
    fn data_files_are_pretty_printed() {
        let all_files = [
            &VERSIONS_FILE,
            &ENUMS_FILE,
            &SCOPES_FILE,
            &FLOWS_FILE,
            &MIGRATION_FILE,
        ]
        .into_iter()
        .chain(TYPE_FILES);
        for file in all_files {
            let path = file.path;
            assert!(
                file.text.ends_with("}\n") || file.text.ends_with("]\n"),
                "{path}: end with one newline"
            );
            assert!(!file.text.ends_with("\n\n"), "{path}: end with one newline");
            for (index, line) in file.text.lines().enumerate() {
                let line_number = index + 1;
                assert!(
                    !line.contains('\t'),
                    "{path}:{line_number}: indent with spaces"
                );
                assert_eq!(
                    line,
                    line.trim_end(),
                    "{path}:{line_number}: trailing blanks"
                );
                let indent = line.len() - line.trim_start().len();
                assert_eq!(indent % 2, 0, "{path}:{line_number}: indent by two spaces");
            }
        }
    }

    #[test]
    fn the_embedded_schema_loads() {
        let schema = embedded_schema();
        assert_eq!(schema.types.len(), TYPE_FILES.len());
        assert!(!schema.api_versions.is_empty());
        assert!(!schema.enums.is_empty());
        assert!(!schema.oauth_scopes.is_empty());
        assert!(!schema.flows.is_empty());
    }
}
