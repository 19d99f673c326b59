//! The code lens on an app's header: one line above its root element that sums up the app's
//! flow readiness (*Authorization Code and Credentials Flow: ready · Headless guest flow: 1
//! missing*), which an editor shows and runs to open the flow readiness view. The states are
//! the ones `checks::flows` computes, so the lens, the view and `eca-ls flows` agree.

use eca_syntax::TextRange;

use crate::checks::flows::{AppFlows, FlowReadiness, FlowState, app_flows};
use crate::model::project::Project;

/// A lens: where it sits and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLens {
    /// The header's root element name.
    pub range: TextRange,
    pub title: String,
    /// The app the lens sums up.
    pub app: String,
}

/// Up to this many flows, each is named with its state; beyond it, only the incomplete ones
/// are named and the ready and unknown ones counted, so that the line stays readable.
const FLOWS_NAMED: usize = 3;

/// The lenses of the file at `path`: one on the root element of an app's header, none
/// elsewhere.
pub fn code_lenses(project: &Project, path: &str) -> Vec<CodeLens> {
    let Some(file) = project.file(path).filter(|file| file.is_header()) else {
        return Vec::new();
    };
    let Some(root) = file.parse.document.root_element() else {
        return Vec::new();
    };
    let Some(app) = project.app_of(path) else {
        return Vec::new();
    };
    let flows = app_flows(project, &app);
    vec![CodeLens {
        range: root.name_range(),
        title: summary(&flows),
        app: app.name,
    }]
}

/// The flows of an app in one line.
pub fn summary(flows: &AppFlows) -> String {
    if flows.flows.is_empty() {
        return "No OAuth flow switched on".to_string();
    }
    if flows.flows.len() <= FLOWS_NAMED {
        return flows
            .flows
            .iter()
            .map(flow_summary)
            .collect::<Vec<_>>()
            .join(" · ");
    }
    let count = |state: FlowState| {
        flows
            .flows
            .iter()
            .filter(|flow| flow.state == state)
            .count()
    };
    let (ready, unknown) = (count(FlowState::Ready), count(FlowState::Unknown));
    if ready == flows.flows.len() {
        return format!("all {ready} flows ready");
    }
    let mut parts: Vec<String> = flows
        .flows
        .iter()
        .filter(|flow| flow.state == FlowState::Incomplete)
        .map(flow_summary)
        .collect();
    if unknown > 0 {
        parts.push(format!("{unknown} unknown"));
    }
    if ready > 0 {
        parts.push(format!("{ready} ready"));
    }
    let counts_only = !flows
        .flows
        .iter()
        .any(|flow| flow.state == FlowState::Incomplete);
    if counts_only {
        return format!("{} flows: {}", flows.flows.len(), parts.join(" · "));
    }
    parts.join(" · ")
}

/// `Name: ready`, `Name: 2 missing` (required settings only; recommendations do not make a
/// flow unready), `Name: unknown` (it depends on a file the project lacks).
fn flow_summary(flow: &FlowReadiness) -> String {
    let state = match flow.state {
        FlowState::Ready => "ready".to_string(),
        FlowState::Incomplete => {
            let missing = flow.needs.iter().filter(|need| need.required).count();
            format!("{missing} missing")
        }
        FlowState::Unknown => "unknown".to_string(),
    };
    format!("{}: {state}", flow.name)
}

#[cfg(test)]
mod tests;
