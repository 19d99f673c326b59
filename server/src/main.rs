//! The `eca-ls` binary: `check` and the other subcommands, or the language server over stdio
//! when started without one.

use std::process::ExitCode;

use clap::Parser;
use eca_ls::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => eca_ls::cli::run(command),
        None => eca_ls::cli::run(Command::Lsp),
    }
}
