//! The benchmarks of eca-ls as a library: synthetic projects, a small LSP client that drives
//! the release binary over stdio, statistics and the report. Nothing here is part of the
//! `eca-ls` binary; the one entry point is `scripts/bench.sh`.

pub mod costs;
pub mod divan_table;
pub mod lsp_client;
pub mod machine;
pub mod protocol;
pub mod report;
pub mod runs;
pub mod scenarios;
pub mod stats;
pub mod suite;
pub mod synthetic;
