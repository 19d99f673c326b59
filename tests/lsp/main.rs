//! Protocol tests: the real `eca-ls` binary over stdio, driven by the small JSON-RPC client in
//! `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod lifecycle;
mod sync;
