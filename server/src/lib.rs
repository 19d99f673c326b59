//! eca-ls: the command-line checker and the language server, two thin fronts on the same
//! analysis (`eca-analysis`). This crate owns all IO: the file system, stdio, arguments.

pub mod cli;
pub mod format_sources;
pub mod lsp;
#[cfg(test)]
pub(crate) mod scratch;
pub mod workspace;
