//! The editor features: completion, hover, code actions, the flows' code lens, document and
//! workspace symbols, folding and selection ranges, highlights and linked tag names, navigation
//! across an app's files, a file's status, and the markdown that completion and hover show (the
//! schema's docs, the rules, the flows as presented).
//!
//! May know: every layer below (the model, the checks, the writers). Byte offsets in, plain
//! data out: no protocol types; the language server converts at its edge.

pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod highlights;
pub mod hover;
mod markdown;
pub mod navigation;
pub mod status;
pub mod symbols;
pub mod workspace_symbols;
