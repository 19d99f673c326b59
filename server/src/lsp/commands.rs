//! The commands the server runs for an editor (`workspace/executeCommand`): the flows a new
//! app can be for, and creating a new app. The arguments and answers as JSON; the plan comes
//! from the same engine as `eca-ls new` (`eca_analysis::writers::app_config`).
//!
//! `eca-ls.newApp` answers with a status the editor acts on, so that a dialogue can ask for
//! what is missing and try again: `created` (with the header's URI to open), `needsInput` (the
//! value to ask for, how, and why), `invalidName`, or `error` with a message.
//!
//! `eca-ls.showNotes` shows its arguments (strings) as messages: the command a *Configure
//! this app for …* or *Migrate to an External Client App* action carries when the user must
//! know something once its edit is applied (a code action cannot send a message itself; the
//! client runs the command after the edit).

use eca_analysis::writers::app_config::{
    AuthoringError, ClientKind, Distribution, FlowRequest, InputKind, NewApp,
};
use eca_schema::Schema;
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{Command, Uri};

pub const LIST_FLOWS: &str = "eca-ls.listFlows";
pub const NEW_APP: &str = "eca-ls.newApp";
pub const SHOW_NOTES: &str = "eca-ls.showNotes";

/// The command that shows `notes` once a code action's edit is applied; `None` for no note.
pub fn show_notes_command(notes: Vec<String>) -> Option<Command> {
    (!notes.is_empty()).then(|| Command {
        title: "Show what is left to do".to_string(),
        command: SHOW_NOTES.to_string(),
        arguments: Some(notes.into_iter().map(Value::String).collect()),
    })
}

/// The notes `eca-ls.showNotes` was given: each argument a string.
pub fn notes_of(arguments: &[Value]) -> Result<Vec<String>, String> {
    arguments
        .iter()
        .map(|argument| {
            argument
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("{SHOW_NOTES} takes strings, not {argument}"))
        })
        .collect()
}

/// The arguments of `eca-ls.newApp`: where, the name, the flows, and the values a user gives
/// (the same as the options of `eca-ls new`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAppArguments {
    /// A folder of the project the app goes into; the first workspace folder when absent.
    pub folder: Option<Uri>,
    pub name: String,
    pub flows: Vec<String>,
    pub client: Option<String>,
    #[serde(default)]
    pub callback_urls: Vec<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default)]
    pub permission_sets: Vec<String>,
    pub run_as: Option<String>,
    pub token_exchange_handler: Option<String>,
    pub apex_execution_user: Option<String>,
    #[serde(default)]
    pub token_types: Vec<String>,
    /// PEM text, not a path: the editor reads the file.
    pub certificate: Option<String>,
    pub assertion_certificate: Option<String>,
    pub label: Option<String>,
    pub distribution: Option<String>,
}

/// Every flow a new app can be for, in the schema's order: `[{"id", "name", "summary"}]`.
pub fn list_flows() -> Value {
    let flows: Vec<Value> = eca_analysis::flows::flow_ids()
        .map(|id| {
            let doc = Schema::get().flow(id);
            json!({
                "id": id,
                "name": doc.map_or(id, |doc| doc.name.as_str()),
                "summary": doc.map_or("", |doc| doc.summary.as_str()),
            })
        })
        .collect();
    Value::Array(flows)
}

/// The arguments of `eca-ls.newApp` read from the command's first argument.
pub fn new_app_arguments(arguments: &[Value]) -> Result<NewAppArguments, String> {
    let first = arguments
        .first()
        .ok_or_else(|| format!("{NEW_APP} takes one argument: {{ name, flows, folder, … }}"))?;
    NewAppArguments::deserialize(first).map_err(|error| format!("{NEW_APP}: {error}"))
}

impl NewAppArguments {
    /// The app the arguments describe, or why they cannot describe one.
    pub fn new_app(&self) -> Result<NewApp, String> {
        let client = match self.client.as_deref() {
            None | Some("") => None,
            Some("public") => Some(ClientKind::Public),
            Some("private") => Some(ClientKind::Private),
            Some(other) => return Err(format!("client `{other}`: use `public` or `private`")),
        };
        let distribution = match self.distribution.as_deref() {
            None | Some("") | Some("local") => Distribution::Local,
            Some("packaged") => Distribution::Packaged,
            Some(other) => {
                return Err(format!("distribution `{other}`: use `local` or `packaged`"));
            }
        };
        Ok(NewApp {
            name: self.name.trim().to_string(),
            label: self.label.clone().filter(|label| !label.trim().is_empty()),
            distribution,
            request: FlowRequest {
                flows: self.flows.clone(),
                client,
                callback_urls: self.callback_urls.clone(),
                scopes: self.scopes.clone(),
                permission_sets: self.permission_sets.clone(),
                run_as: non_blank(&self.run_as),
                token_exchange_handler: non_blank(&self.token_exchange_handler),
                apex_execution_user: non_blank(&self.apex_execution_user),
                token_types: self.token_types.clone(),
                certificate: self.certificate.clone(),
                assertion_certificate: self.assertion_certificate.clone(),
                allow_access_change: false,
            },
        })
    }
}

/// The answer to a refused request: what to ask for, a name to fix, or an error to show.
pub fn refusal(error: &AuthoringError) -> Value {
    match error {
        AuthoringError::MissingInput {
            input, kind, what, ..
        } => json!({
            "status": "needsInput",
            "input": input,
            "kind": match kind {
                InputKind::Text => "text",
                InputKind::List => "list",
                InputKind::Certificate => "certificate",
            },
            "prompt": capitalized(what),
            "message": error.to_string(),
        }),
        AuthoringError::InvalidName { .. }
        | AuthoringError::UnportableName { .. }
        | AuthoringError::AppExists { .. }
        | AuthoringError::AppExistsInOtherCase { .. } => {
            json!({ "status": "invalidName", "message": error.to_string() })
        }
        _ => error_answer(&error.to_string()),
    }
}

pub fn error_answer(message: &str) -> Value {
    json!({ "status": "error", "message": message })
}

/// A text answer, `None` when the user left it blank.
fn non_blank(answer: &Option<String>) -> Option<String> {
    answer.clone().filter(|answer| !answer.trim().is_empty())
}

fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_read_with_defaults_and_bad_values_named() {
        let arguments = new_app_arguments(&[json!({
            "name": " Portal ",
            "flows": ["web-server"],
            "scopes": ["Api"],
            "client": "public",
        })])
        .expect("arguments");
        let app = arguments.new_app().expect("an app");
        assert_eq!(app.name, "Portal");
        assert_eq!(app.request.client, Some(ClientKind::Public));
        assert_eq!(app.request.scopes, ["Api"]);
        assert!(new_app_arguments(&[]).is_err());
        assert!(new_app_arguments(&[json!({ "flows": [] })]).is_err());
        let bad = new_app_arguments(&[json!({ "name": "P", "flows": [], "client": "both" })])
            .expect("arguments");
        assert!(bad.new_app().unwrap_err().contains("`public` or `private`"));
    }

    #[test]
    fn every_flow_is_listed_with_its_name() {
        let flows = list_flows();
        let ids: Vec<&str> = flows
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|flow| flow["id"].as_str())
            .collect();
        let known: Vec<&str> = eca_analysis::flows::flow_ids().collect();
        assert_eq!(ids, known);
        assert_eq!(flows[0]["name"], "Authorization Code and Credentials Flow");
    }
}
