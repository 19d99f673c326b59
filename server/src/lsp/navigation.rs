//! Navigation across the workspace as LSP values: `workspace/symbol` over every indexed
//! project, the flows' code lens on an app's header, whose command opens the flow readiness
//! view of the editor plugins, and go to definition into the rest of the sfdx project (an Apex
//! class, a permission set: files the index knows by name, else looked for on disk).

use std::sync::atomic::{AtomicBool, Ordering};

use eca_analysis::{WorkspaceSymbolKind, workspace_symbols};
use serde_json::Value;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert;
use super::proto::Locator;
use super::state::{ProjectView, Snapshot};

/// The command a code lens runs: the VS Code extension's and the Neovim plugin's *show flow
/// readiness*, given the header's URI. Not among the server's commands, so that an editor runs
/// its own view; a client that sends it to the server anyway gets the summary as a message.
pub const SHOW_FLOWS_COMMAND: &str = "ecaLs.showFlows";

/// More symbols than a person scrolls through: the best ones are kept.
pub const WORKSPACE_SYMBOLS_LIMIT: usize = 500;

/// The symbols of every project matching `query`, best first (at most
/// [`WORKSPACE_SYMBOLS_LIMIT`]); stops early, with what it has, when the request is cancelled.
pub fn workspace_symbol_answer(
    projects: &[ProjectView],
    query: &str,
    cancelled: &AtomicBool,
) -> Vec<lsp::SymbolInformation> {
    let mut found: Vec<(u32, lsp::SymbolInformation)> = Vec::new();
    for view in projects {
        if cancelled.load(Ordering::Relaxed) {
            break;
        }
        let locator = view.locator();
        for symbol in workspace_symbols(&view.project, query) {
            let Some(location) = locator.location(&symbol.path, symbol.range) else {
                continue;
            };
            #[allow(deprecated)]
            found.push((
                symbol.score,
                lsp::SymbolInformation {
                    name: symbol.name,
                    kind: match symbol.kind {
                        WorkspaceSymbolKind::App => lsp::SymbolKind::MODULE,
                        WorkspaceSymbolKind::File => lsp::SymbolKind::FILE,
                    },
                    tags: None,
                    deprecated: None,
                    location,
                    container_name: symbol.container,
                },
            ));
        }
    }
    // Stable: within one score, each project's own order (name, path) stays.
    found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    found.truncate(WORKSPACE_SYMBOLS_LIMIT);
    found.into_iter().map(|(_, symbol)| symbol).collect()
}

/// The code lenses of the snapshot's document: on an app's header, the flows in one line,
/// running [`SHOW_FLOWS_COMMAND`] with the document's URI.
pub fn code_lens_answer(snapshot: &Snapshot, uri: &Uri) -> Vec<lsp::CodeLens> {
    let locator = snapshot.locator();
    eca_analysis::code_lenses(&snapshot.project, &snapshot.path)
        .into_iter()
        .filter_map(|lens| {
            Some(lsp::CodeLens {
                range: locator.range(&snapshot.path, lens.range)?,
                command: Some(lsp::Command {
                    title: lens.title,
                    command: SHOW_FLOWS_COMMAND.to_string(),
                    arguments: Some(vec![Value::String(uri.as_str().to_string())]),
                }),
                data: None,
            })
        })
        .collect()
}

impl ProjectView {
    pub fn locator(&self) -> Locator<'_> {
        Locator {
            project: &self.project,
            encoding: self.encoding,
            open: &self.open,
        }
    }
}

/// Go to definition on a name of another component of the project (`apexHandler`, a permission
/// set or profile of a list, a custom scope): the files that hold it, as locations at their
/// start (`None` when the cursor is on no such name or no file holds it). The project's index
/// of component files answers first, without touching the disk; only when it knows none is the
/// disk searched (a file the `.forceignore` leaves out is not indexed, but still opens).
pub fn project_definition(
    snapshot: &Snapshot,
    offset: usize,
    links: bool,
) -> Option<lsp::GotoDefinitionResponse> {
    let reference = eca_analysis::project_reference(&snapshot.project, &snapshot.path, offset)?;
    let root = std::path::Path::new(&snapshot.project.root);
    if !root.is_absolute() {
        return None;
    }
    let mut files = reference.indexed_files(&snapshot.project);
    if files.is_empty() {
        files = crate::workspace::find_component_files(root, &reference)
            .iter()
            .map(|path| crate::workspace::display(path))
            .collect();
    }
    let start = lsp::Range::default();
    let uris: Vec<Uri> = files
        .iter()
        .filter_map(|path| convert::uri_for_path(path))
        .collect();
    if uris.is_empty() {
        return None;
    }
    if links {
        let origin = snapshot.locator().range(&snapshot.path, reference.range);
        return Some(lsp::GotoDefinitionResponse::Link(
            uris.into_iter()
                .map(|target_uri| lsp::LocationLink {
                    origin_selection_range: origin,
                    target_uri,
                    target_range: start,
                    target_selection_range: start,
                })
                .collect(),
        ));
    }
    Some(lsp::GotoDefinitionResponse::Array(
        uris.into_iter()
            .map(|uri| lsp::Location::new(uri, start))
            .collect(),
    ))
}
