//! The custom requests clients rely on, as JSON: `eca-ls/status` (what eca-ls knows about a
//! document: its type, the API version in force and where it came from, its project and app).

use eca_analysis::FileStatus;
use serde::Serialize;
use tower_lsp_server::ls_types::Uri;

use super::state::Snapshot;

/// The answer to `eca-ls/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub uri: Option<Uri>,
    /// The metadata type the document is checked as (`ExtlClntAppOauthConfigurablePolicies`),
    /// `null` when it is no ECA file.
    pub type_name: Option<String>,
    /// How the type was recognised, for a person ("source-format file suffix
    /// `.ecaOauthPlcy-meta.xml`").
    pub detection: Option<String>,
    pub api_version: String,
    /// Where the API version comes from, in words (`sourceApiVersion in /p/sfdx-project.json`).
    pub api_version_source: String,
    pub project_root: String,
    /// The app the document belongs to, and all the files of that app (the header first).
    pub app: Option<String>,
    pub app_files: Vec<AppFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppFile {
    pub uri: Option<Uri>,
    pub path: String,
    pub type_name: Option<String>,
}

pub fn status(snapshot: &Snapshot, status: &FileStatus) -> Status {
    let locator = snapshot.locator();
    let project = &snapshot.project;
    Status {
        uri: locator.uri(&status.path),
        type_name: status.type_name.clone(),
        detection: status.detection.clone(),
        api_version: status.api_version.version.to_string(),
        api_version_source: status.api_version.source.to_string(),
        project_root: project.root.clone(),
        app: status.app.clone(),
        app_files: status
            .app_files
            .iter()
            .map(|path| AppFile {
                uri: locator.uri(path),
                path: path.clone(),
                type_name: eca_analysis::file_status(project, path).type_name,
            })
            .collect(),
    }
}
