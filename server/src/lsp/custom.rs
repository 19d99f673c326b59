//! The custom requests clients rely on: `eca-ls/status` (what eca-ls knows about a document:
//! its type, the API version in force and where it came from, its project and app).

use eca_analysis::file_kind::Detection;
use serde::Serialize;
use tower_lsp_server::ls_types::Uri;

use super::proto::Locator;
use super::state::Snapshot;

/// The answer to `eca-ls/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub uri: Option<Uri>,
    /// The metadata type the document holds (`ExtlClntAppOauthConfigurablePolicies`), or
    /// `null` when it is no ECA file.
    pub type_name: Option<String>,
    /// How the type was recognised: `source suffix`, `metadata API suffix`, `settings file`
    /// or `root element`.
    pub detection: Option<String>,
    pub api_version: String,
    /// Where the API version comes from, in words (`sourceApiVersion in /p/sfdx-project.json`).
    pub api_version_source: String,
    pub project_root: String,
    /// The app the document belongs to, and all the files of that app.
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

pub fn status(snapshot: &Snapshot) -> Status {
    let project = &snapshot.project;
    let locator = Locator {
        project,
        encoding: snapshot.encoding,
        open: &snapshot.open,
    };
    let file = project.file(&snapshot.path);
    let app = project.app_of(&snapshot.path);
    let app_files = app
        .iter()
        .flat_map(|app| app.header.iter().chain(&app.components))
        .map(|path| AppFile {
            uri: locator.uri(path),
            path: path.clone(),
            type_name: project
                .file(path)
                .and_then(|file| file.type_name())
                .map(str::to_string),
        })
        .collect();
    Status {
        uri: locator.uri(&snapshot.path),
        type_name: file.and_then(|file| file.type_name()).map(str::to_string),
        detection: file
            .and_then(|file| file.kind)
            .map(|kind| detection_words(kind.detection).to_string()),
        api_version: project.api_version.version.to_string(),
        api_version_source: project.api_version.source.to_string(),
        project_root: project.root.clone(),
        app: app.map(|app| app.name),
        app_files,
    }
}

fn detection_words(detection: Detection) -> &'static str {
    match detection {
        Detection::SourceSuffix => "source suffix",
        Detection::MdapiSuffix => "metadata API suffix",
        Detection::SettingsFile => "settings file",
        Detection::RootElement => "root element",
    }
}
