//! Protocol tests: the real `eca-ls` binary over stdio, driven by the small JSON-RPC client in
//! `tests/common`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/mod.rs"]
mod support;

mod agreement;
mod authoring;
mod code_actions;
mod connected_apps;
mod diagnostics;
mod duplicates;
mod features;
mod fixtures;
mod forceignore;
mod formatting;
mod indexing;
mod lifecycle;
mod navigation;
mod oracle;
mod pull_diagnostics;
mod rename;
mod status;
mod sync;
