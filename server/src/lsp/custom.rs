//! The custom requests clients rely on, as JSON: `eca-ls/status` (what eca-ls knows about a
//! document: its type, the API version in force and where it came from, its project and app)
//! and `eca-ls/flows` (which OAuth flows the document's app switches on, and what each still
//! needs).

use eca_analysis::{AppFlows, FileStatus};
use serde::Serialize;
use tower_lsp_server::ls_types::{Range, Uri};

use super::proto::{self, FixData};
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
    /// Where the API version comes from, in words (`sourceApiVersion in sfdx-project.json`,
    /// the file named relative to the project root).
    pub api_version_source: String,
    /// The project's root folder: what the `path`s of `appFiles` are relative to.
    pub project_root: String,
    /// The app the document belongs to, and all the files of that app (the header first).
    pub app: Option<String>,
    pub app_files: Vec<AppFile>,
    /// Set when the project's `.forceignore` leaves the document out (it is then not checked,
    /// and its app's other files do not see it), saying which line does: "`.forceignore` line
    /// 3: `templates/`".
    pub ignored_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppFile {
    pub uri: Option<Uri>,
    /// Relative to the project root (as it is named for a person; `uri` locates it).
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
                path: project.relative_path(path).to_string(),
                type_name: eca_analysis::file_status(project, path).type_name,
            })
            .collect(),
        ignored_by: snapshot
            .left_out
            .as_ref()
            .map(|left_out| format!("`{}` {}", left_out.forceignore, left_out.by.describe())),
    }
}

/// The answer to `eca-ls/flows`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flows {
    pub app: String,
    /// The flows the app's files switch on; empty when none is.
    pub flows: Vec<Flow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    /// The flow's id (`code-credentials`, `client-credentials`, …).
    pub flow_id: String,
    pub name: String,
    /// `ready`, `incomplete` or `unknown` (depends on a file the project lacks).
    pub state: &'static str,
    pub needs: Vec<FlowNeed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowNeed {
    pub type_name: String,
    pub field: String,
    pub value: Option<String>,
    /// The file to change; `null` when the project has no file of that type.
    pub uri: Option<Uri>,
    pub range: Option<Range>,
    pub why: String,
    /// `false` for a recommendation.
    pub required: bool,
    /// The edits that meet the need, in the same form as a diagnostic's fixes.
    pub fix: Option<FixData>,
}

pub fn flows(snapshot: &Snapshot, app_flows: &AppFlows) -> Flows {
    let locator = snapshot.locator();
    Flows {
        app: app_flows.app.clone(),
        flows: app_flows
            .flows
            .iter()
            .map(|flow| Flow {
                flow_id: flow.flow_id.clone(),
                name: flow.name.clone(),
                state: flow.state.as_str(),
                needs: flow
                    .needs
                    .iter()
                    .map(|need| FlowNeed {
                        type_name: need.type_name.clone(),
                        field: need.field.clone(),
                        value: need.value.clone(),
                        uri: need.path.as_deref().and_then(|path| locator.uri(path)),
                        range: need
                            .path
                            .as_deref()
                            .zip(need.range)
                            .and_then(|(path, range)| locator.range(path, range)),
                        why: need.why.clone(),
                        required: need.required,
                        fix: need
                            .fix
                            .as_ref()
                            .and_then(|fix| proto::fix_data(&locator, fix)),
                    })
                    .collect(),
            })
            .collect(),
    }
}
