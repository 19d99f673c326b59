//! The writers: plans for everything that changes files — fixes in bulk, formatting, rename,
//! new apps, configuration, migration. A writer computes a plan (which files to create, which
//! ranges of which files to replace, which files to rename, and why); it never writes. The CLI
//! applies a plan atomically, the language server turns it into one `WorkspaceEdit`.
//!
//! May know: the model and the checks (a writer checks what it would write). Must not know:
//! the editor features (`crate::ide`), any protocol, or the file system.

pub mod app_config;
pub mod changed_ranges;
pub mod component_files;
pub mod fix_all;
pub mod format;
#[cfg(test)]
mod issue10_tests;
pub mod migrate;
pub mod package_manifest;
pub mod plan;
pub mod rename;

pub use plan::{Operation, Plan, PlanError, Replacement};
