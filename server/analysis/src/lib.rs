//! Pure analysis of Salesforce External Client App metadata: the model of a project, the
//! checks (structural, rules across an app's files, suppression), the writers' plans, and the
//! editor features (completion, hover, code actions, symbols, navigation).
//!
//! Text in, plain data out: no IO, no async, no protocol types. Positions are byte offsets;
//! the front ends convert them at their edge.
//!
//! The crate is layered in folders, each importing only the layers before it:
//!
//! ```text
//! ide      completion, hover, code actions, symbols, navigation, status, markdown
//! writers  plans for everything that writes (files to create, ranges to replace, renames)
//! checks   structural, rules, duplicates, suppression, flow readiness, the code registry,
//!          the diagnostics entry points
//! model    project, files, apps, settings, config, codes as data, diagnostics as data,
//!          edits as data, cursor and text helpers, fixtures, what a change invalidates
//! ```
//!
//! `tests/layers.rs` fails when a file imports a layer above its own, or reaches a sibling
//! layer through the crate root's re-exports. Tests obey the layering of the code they sit in:
//! a test of a lower layer that needs a higher one lives in the higher layer (or in `tests/`).
//! The re-exports below exist for the front ends (`server/src`, `tools/bench`) only.

pub mod checks;
pub mod ide;
pub mod model;
pub mod writers;

pub use checks::{flows, rules, structural, suppress};
pub use model::{
    components, config, diagnostic, edits, file_kind, fixture, forceignore, project, project_files,
    text_util,
};

/// Every diagnostic code: its data (`model::codes`) and the registry of all codes, structural
/// and rule (`checks::registry`), under one name for the front ends.
pub mod codes {
    pub use crate::checks::registry::{all_code_names, all_codes, code_info, control, profile_of};
    pub use crate::model::codes::*;
}

pub use checks::flows::{AppFlows, FlowNeed, FlowReadiness, FlowState, app_flows, project_flows};
pub use checks::{app_diagnostics, file_diagnostics, project_diagnostics, project_diagnostics_of};
pub use ide::code_actions::{CodeAction, CodeActionKind, code_actions};
pub use ide::code_lens::{CodeLens, code_lenses};
pub use ide::completion::{CompletionItem, CompletionKind, TextEdit, completions};
pub use ide::hover::{Hover, hover};
pub use ide::navigation::{
    NavigationTarget, ProjectReference, definition, project_reference, references,
};
pub use ide::status::{FileStatus, file_status};
pub use ide::symbols::{
    DocumentSymbol, FoldingKind, FoldingRange, SymbolKind, document_symbols, folding_ranges,
    selection_ranges,
};
pub use ide::workspace_symbols::{WorkspaceSymbol, WorkspaceSymbolKind, workspace_symbols};
pub use model::config::{Config, ConfigError, Profile, SeveritySetting};
pub use model::diagnostic::{
    Diagnostic, DiagnosticTag, FileEdit, Fix, FixSafety, RelatedLocation, Severity,
};
pub use model::project::{ApiVersionChoice, ApiVersionSource, App, Project, SourceFile};
