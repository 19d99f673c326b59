//! Navigation across the workspace as LSP values: `workspace/symbol` over every indexed
//! project, and the flows' code lens on an app's header, whose command opens the flow readiness
//! view of the editor plugins.

use std::sync::atomic::{AtomicBool, Ordering};

use eca_analysis::{WorkspaceSymbolKind, workspace_symbols};
use serde_json::Value;
use tower_lsp_server::ls_types::{self as lsp, Uri};

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
