//! What eca-ls knows about one file, for the `eca-ls/status` request: its type and how it was
//! recognised, the API version in force and where it came from, and the app it belongs to.

use crate::model::file_kind::Detection;
use crate::model::project::{ApiVersionChoice, Project};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStatus {
    pub path: String,
    /// The type the file is checked as; `None` when it is not ECA metadata.
    pub type_name: Option<String>,
    /// How the type was recognised, for a person: "file suffix `.ecaOauth-meta.xml`".
    pub detection: Option<String>,
    pub api_version: ApiVersionChoice,
    /// The app the file belongs to (its header's name, or the name it references).
    pub app: Option<String>,
    /// Every file of that app, the header first.
    pub app_files: Vec<String>,
}

/// The status of the file at `path`; a file the project lacks gets only the API version.
pub fn file_status(project: &Project, path: &str) -> FileStatus {
    let mut status = FileStatus {
        path: path.to_string(),
        type_name: None,
        detection: None,
        api_version: project.api_version.clone(),
        app: None,
        app_files: Vec::new(),
    };
    let Some(file) = project.file(path) else {
        return status;
    };
    let Some(kind) = file.kind else {
        return status;
    };
    let checked_as = file.effective_type().unwrap_or(kind.type_def);
    status.type_name = Some(checked_as.name.clone());
    let file_name = crate::model::file_kind::file_name(path);
    let mut detection = match kind.detection {
        Detection::SourceSuffix => format!(
            "source-format file suffix `.{}-meta.xml`",
            kind.type_def.suffix.as_deref().unwrap_or_default()
        ),
        Detection::MdapiSuffix => format!(
            "Metadata API-format file suffix `.{}`",
            kind.type_def.suffix.as_deref().unwrap_or_default()
        ),
        Detection::SettingsFile => format!("settings file name `{file_name}`"),
        Detection::RootElement => format!(
            "root element `<{}>`",
            kind.type_def.root_element.as_deref().unwrap_or_default()
        ),
    };
    if checked_as.name != kind.type_def.name {
        detection.push_str(&format!(
            "; the root element says `{}`, which is what it is checked as",
            checked_as.name
        ));
    }
    status.detection = Some(detection);
    if let Some(app) = project.app_of(path) {
        status.app_files = app.header.iter().chain(&app.components).cloned().collect();
        status.app = Some(app.name);
    }
    status
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::checks::test_support;

    fn check(fixture: &str, path: &str, expected: Expect) {
        let status = file_status(&test_support::project(fixture), path);
        let actual = format!(
            "type: {:?}\ndetection: {:?}\napi version: {} from {}\napp: {:?}\nfiles:\n{}",
            status.type_name,
            status.detection,
            status.api_version.version,
            status.api_version.source,
            status.app,
            status
                .app_files
                .iter()
                .map(|file| format!("  {file}\n"))
                .collect::<String>()
        );
        expected.assert_eq(&actual);
    }

    const PROJECT: &str = "//- /sfdx-project.json
{ \"sourceApiVersion\": \"64.0\" }
//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>Portal</label></ExternalClientApplication>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Portal</externalClientApplication></ExtlClntAppOauthConfigurablePolicies>
//- /mdapi/extlClntAppOauthSettings/Portal_oauth.ecaOauth
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Portal</externalClientApplication></ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/settings/OauthOidc.settings-meta.xml
<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>
//- /force-app/main/default/other/thing.xml
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><externalClientApplication>Other</externalClientApplication></ExtlClntAppOauthSettings>
";

    #[test]
    fn source_format_component_with_its_app() {
        check(
            PROJECT,
            "/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
            expect![[r#"
                type: Some("ExtlClntAppOauthConfigurablePolicies")
                detection: Some("source-format file suffix `.ecaOauthPlcy-meta.xml`")
                api version: 64.0 from sourceApiVersion in /sfdx-project.json
                app: Some("Portal")
                files:
                  /force-app/main/default/externalClientApps/Portal.eca-meta.xml
                  /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                  /mdapi/extlClntAppOauthSettings/Portal_oauth.ecaOauth
            "#]],
        );
    }

    #[test]
    fn mdapi_file_whose_root_names_another_type() {
        check(
            PROJECT,
            "/mdapi/extlClntAppOauthSettings/Portal_oauth.ecaOauth",
            expect![[r#"
                type: Some("ExtlClntAppGlobalOauthSettings")
                detection: Some("Metadata API-format file suffix `.ecaOauth`; the root element says `ExtlClntAppGlobalOauthSettings`, which is what it is checked as")
                api version: 64.0 from sourceApiVersion in /sfdx-project.json
                app: Some("Portal")
                files:
                  /force-app/main/default/externalClientApps/Portal.eca-meta.xml
                  /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                  /mdapi/extlClntAppOauthSettings/Portal_oauth.ecaOauth
            "#]],
        );
    }

    #[test]
    fn settings_file_and_root_element_detection() {
        check(
            PROJECT,
            "/force-app/main/default/settings/OauthOidc.settings-meta.xml",
            expect![[r#"
                type: Some("OauthOidcSettings")
                detection: Some("settings file name `OauthOidc.settings-meta.xml`")
                api version: 64.0 from sourceApiVersion in /sfdx-project.json
                app: None
                files:
            "#]],
        );
        check(
            PROJECT,
            "/force-app/main/default/other/thing.xml",
            expect![[r#"
                type: Some("ExtlClntAppOauthSettings")
                detection: Some("root element `<ExtlClntAppOauthSettings>`")
                api version: 64.0 from sourceApiVersion in /sfdx-project.json
                app: Some("Other")
                files:
                  /force-app/main/default/other/thing.xml
            "#]],
        );
    }

    #[test]
    fn unknown_file() {
        check(
            PROJECT,
            "/force-app/main/default/classes/Nope.cls",
            expect![[r#"
                type: None
                detection: None
                api version: 64.0 from sourceApiVersion in /sfdx-project.json
                app: None
                files:
            "#]],
        );
    }
}
