//! The language server: LSP over stdio on tower-lsp-server, a thin layer over the same
//! analysis the CLI uses. Handlers live in `server`, the document store in `documents` and
//! `state`, position conversion at the edge in `convert`, result conversion in `proto`.

mod allocator;
mod authoring;
mod capabilities;
mod commands;
mod convert;
mod custom;
mod diagnostics;
mod documents;
mod formatting;
mod navigation;
pub mod plan_edit;
mod proto;
mod rename;
mod server;
mod settings;
mod snippet;
mod state;
mod transport;

use std::process::ExitCode;
use std::time::Duration;

use tower_lsp_server::{LspService, Server};

pub use server::EcaLanguageServer;

/// The environment variable that enables the test-only requests (`eca-ls/debugText`,
/// `eca-ls/debugPanic`, `eca-ls/debugBlock`, `eca-ls/debugSettle`). They exist for the protocol tests and are not
/// registered otherwise.
pub const TEST_HOOKS_VARIABLE: &str = "ECA_LS_TEST_HOOKS";

/// How long handlers still running when the input ends (at `exit` or when the client goes
/// away) may take to finish. Past it they are abandoned: a handler waiting for the client or an
/// analysis nobody will read must not keep the process alive.
const GRACE_AFTER_INPUT_ENDS: Duration = Duration::from_millis(500);

/// Serve LSP on stdin/stdout until `exit` (or until the client closes stdin). The exit code
/// follows the spec: 0 when `shutdown` came first, 1 otherwise.
pub fn run() -> ExitCode {
    // Before the runtime starts its threads (see `allocator`).
    allocator::use_one_arena();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("eca-ls: cannot start the language server runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let test_hooks = std::env::var(TEST_HOOKS_VARIABLE).is_ok_and(|value| value == "1");
    let shutdown_requested = runtime.block_on(async move {
        let (output, queue, output_task) = transport::merged_output(tokio::io::stdout());
        let (input, mut lifecycle) = transport::checked_input(tokio::io::stdin(), queue.clone());
        let mut builder = LspService::build(|client| EcaLanguageServer::new(client, queue))
            .custom_method("eca-ls/status", EcaLanguageServer::status)
            .custom_method("eca-ls/flows", EcaLanguageServer::flows);
        if test_hooks {
            builder = builder
                .custom_method("eca-ls/debugText", EcaLanguageServer::debug_text)
                .custom_method("eca-ls/debugPanic", EcaLanguageServer::debug_panic)
                .custom_method("eca-ls/debugBlock", EcaLanguageServer::debug_block)
                .custom_method("eca-ls/debugSettle", EcaLanguageServer::debug_settle);
        }
        let (service, socket) = builder.finish();
        let mut serving = Box::pin(Server::new(input, output, socket).serve(service));
        tokio::select! {
            () = &mut serving => {}
            _ = lifecycle.ended() => {
                // The server's input is closed: it answers what it can and stops, unless a
                // handler waits on something that will not come.
                let _ = tokio::time::timeout(GRACE_AFTER_INPUT_ENDS, &mut serving).await;
            }
        }
        // Handlers still waiting are dropped here (which cancels their analyses); then the
        // server's side of the output is gone, and what it wrote last still goes out, unless
        // the client stopped reading.
        drop(serving);
        let _ = tokio::time::timeout(Duration::from_secs(1), output_task).await;
        lifecycle.shutdown_requested()
    });
    // Analysis still running on blocking threads (a cancelled request) must not hold the
    // process: its answer has no one to go to.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shutdown_requested {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
