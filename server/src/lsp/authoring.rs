//! The editor's writing actions, as LSP values: *Fix all* (the safe fixes of one file, the
//! `source.fixAll.eca-ls` kind that `editor.codeActionsOnSave` runs), *Configure this app for
//! …* (one per flow that is not ready, one workspace edit across the app's files), and the
//! answer to a new app. The plans come from the same writers as `eca-ls check --fix` and
//! `eca-ls configure`, and so do the notes the user is shown once an edit is applied.

use eca_analysis::Project;
use eca_analysis::writers::Plan;
use eca_analysis::writers::app_config::{self, AppPlan, AuthoringError, FlowRequest, HeldBack};
use eca_analysis::writers::component_files::Layout;
use eca_analysis::writers::fix_all::{self, FixAllOptions};
use eca_analysis::writers::package_manifest::ManifestNotCreated;
use eca_schema::Schema;
use serde_json::{Value, json};
use tower_lsp_server::ls_types::{self as lsp, CodeActionDisabled, CodeActionKind, Uri};

use super::capabilities::ClientFlags;
use super::plan_edit::{self, PlanEdit, ResourceSupport};
use super::proto::{self, Locator};
use super::state::Snapshot;

/// The safe fixes of the requested file, all at once, when there are any. Only edits of that
/// file: saving one file must not change others.
pub fn fix_all_action(snapshot: &Snapshot, resources: ResourceSupport) -> Option<lsp::CodeAction> {
    let path = snapshot.path.as_str();
    let (result, _) = fix_all::fix_all(
        &snapshot.project,
        |candidate| candidate == path,
        FixAllOptions::default(),
    );
    if result.plan.is_empty() {
        return None;
    }
    let count: usize = result.files.iter().map(|file| file.applied.len()).sum();
    let edit = workspace_edit(snapshot, &result.plan, resources)?;
    Some(lsp::CodeAction {
        title: format!(
            "Fix all safe eca-ls findings in this file ({count} {})",
            if count == 1 { "fix" } else { "fixes" }
        ),
        kind: Some(CodeActionKind::new(proto::FIX_ALL_KIND)),
        edit: Some(edit.edit),
        ..lsp::CodeAction::default()
    })
}

/// *Configure this app for …*: one action per flow of the schema that is not ready for the
/// app of the requested file, each with one workspace edit across the app's files. A flow
/// that needs a value only the user knows, a change that takes access away, or new files the
/// client cannot create, gives an action that is disabled with the reason (left out for
/// clients that cannot show disabled actions).
pub fn configure_actions(snapshot: &Snapshot, flags: ClientFlags) -> Vec<lsp::CodeAction> {
    let project = &snapshot.project;
    let Some(app) = project.app_of(&snapshot.path) else {
        return Vec::new();
    };
    let layout = Layout::of_existing(&snapshot.path).unwrap_or_else(|| Layout::metadata_api(""));
    let mut actions = Vec::new();
    for flow in app_config::flows_not_ready(project, &app) {
        let name = Schema::get()
            .flow(flow)
            .map_or(flow, |doc| doc.name.as_str());
        let title = format!("Configure this app for the {name}");
        let request = FlowRequest {
            flows: vec![flow.to_string()],
            ..FlowRequest::default()
        };
        let disabled = |reason: String| lsp::CodeAction {
            title: title.clone(),
            kind: Some(CodeActionKind::REFACTOR_REWRITE),
            disabled: Some(CodeActionDisabled { reason }),
            ..lsp::CodeAction::default()
        };
        let planned = app_config::plan_configure(project, &layout, &app.name, &request)
            .map_err(|error| why_not(&error, &app.name, flow))
            .and_then(|mut plan| {
                // Files created in Metadata API format join the project's manifest, as
                // `eca-ls configure` adds them (only then is `package.xml` read).
                let manifests = crate::workspace::add_manifest_entries(
                    &mut plan.plan,
                    project.api_version.version,
                )?;
                let notes = plan_notes(project, &plan, &manifests);
                Ok((plan, notes))
            });
        let action = match planned {
            Ok((plan, notes)) => {
                configure_action(snapshot, &plan, notes, &title, flags.resources, flow)
                    .unwrap_or_else(&disabled)
            }
            Err(reason) => disabled(reason),
        };
        if action.disabled.is_some() && !flags.disabled_code_actions {
            continue;
        }
        actions.push(action);
    }
    actions
}

/// What the user must know once `plan` is applied that its files do not say, one message
/// each, in the words `eca-ls new` and `eca-ls configure` print them: each recommended change
/// held back (with the command that makes it, since the editor cannot pass options) and each
/// manifest left to the user (`manifests`). Files are named relative to the project's root,
/// as the server's other messages name them.
pub fn plan_notes(
    project: &Project,
    plan: &AppPlan,
    manifests: &[ManifestNotCreated],
) -> Vec<String> {
    let held_back = plan.held_back.iter().map(|held| {
        let held = HeldBack {
            path: project.relative_path(&held.path).to_string(),
            ..held.clone()
        };
        let allow = if held.takes_access_away {
            " --allow-access-change"
        } else {
            ""
        };
        format!(
            "{held}; run `eca-ls configure {} --flow {}{allow}` in a terminal to make it",
            plan.app, held.flow
        )
    });
    held_back
        .chain(manifest_notes(project, manifests))
        .collect()
}

/// Each manifest left to the user (`manifests`), in the words the CLI prints it, with its
/// path relative to the project's root. Shared by *New External Client App…*, *Configure this
/// app for …* and *Migrate to an External Client App*.
pub fn manifest_notes<'a>(
    project: &'a Project,
    manifests: &'a [ManifestNotCreated],
) -> impl Iterator<Item = String> + 'a {
    manifests.iter().map(|note| {
        ManifestNotCreated {
            path: project.relative_path(&note.path).to_string(),
            ..note.clone()
        }
        .to_string()
    })
}

/// The answer to `eca-ls.newApp` once the editor applied the new app: the header to open,
/// every file written, and the notes the server showed.
pub fn created_answer(plan: &AppPlan, notes: &[String]) -> Value {
    let uri = |path: &str| super::convert::uri_for_path(path).map(|uri| uri.as_str().to_string());
    let files: Vec<String> = plan
        .files
        .iter()
        .filter_map(|file| uri(&file.path))
        .collect();
    let states: Vec<String> = plan
        .flows
        .iter()
        .map(|(flow, state)| format!("{flow} {state}"))
        .collect();
    json!({
        "status": "created",
        "header": plan.header.as_deref().and_then(uri),
        "files": files,
        "message": format!("Created `{}`: {}", plan.app, states.join(", ")),
        "notes": notes,
    })
}

/// The action that applies `plan`; its command shows `notes` once the edit is applied ("If a
/// code action provides an edit and a command, first the edit is executed and then the
/// command", LSP 3.17, `CodeAction.command`).
fn configure_action(
    snapshot: &Snapshot,
    plan: &AppPlan,
    notes: Vec<String>,
    title: &str,
    resources: ResourceSupport,
    flow: &str,
) -> Result<lsp::CodeAction, String> {
    let edit = workspace_edit(snapshot, &plan.plan, resources)
        .ok_or_else(|| "a file of the app has no place the editor can name".to_string())?;
    if !edit.not_expressed.is_empty() {
        return Err(format!(
            "this editor does not let a language server create files ({}); run `eca-ls configure {} --flow {flow}` in a terminal",
            edit.not_expressed.join("; "),
            plan.app
        ));
    }
    Ok(lsp::CodeAction {
        title: title.to_string(),
        kind: Some(CodeActionKind::REFACTOR_REWRITE),
        edit: Some(edit.edit),
        command: super::commands::show_notes_command(notes),
        ..lsp::CodeAction::default()
    })
}

/// Why a flow cannot be configured from the editor, with the command that can.
fn why_not(error: &AuthoringError, app: &str, flow: &str) -> String {
    match error {
        AuthoringError::MissingInput {
            option, what, also, ..
        } => {
            let options: Vec<&str> = std::iter::once(*option)
                .chain(also.iter().copied())
                .collect();
            format!(
                "needs {what}: run `eca-ls configure {app} --flow {flow} {}` in a terminal",
                options.join(" ")
            )
        }
        AuthoringError::AccessChangeRefused { .. } => format!(
            "{error}; run `eca-ls configure {app} --flow {flow} --allow-access-change` in a terminal if you mean it"
        ),
        other => other.to_string(),
    }
}

fn workspace_edit(
    snapshot: &Snapshot,
    plan: &Plan,
    resources: ResourceSupport,
) -> Option<PlanEdit> {
    let locator: Locator = snapshot.locator();
    let document = |path: &str| -> Option<(Uri, Option<i32>)> {
        Some((locator.uri(path)?, locator.version(path)))
    };
    Some(plan_edit::plan_edit(
        plan,
        resources,
        snapshot.encoding,
        &document,
        &snapshot.project.root,
    ))
}
