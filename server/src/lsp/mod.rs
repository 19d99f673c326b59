//! The language server: LSP over stdio on tower-lsp-server, a thin layer over the same
//! analysis the CLI uses. Handlers live in `server`, the document store in `documents` and
//! `state`, position conversion at the edge in `convert`, result conversion in `proto`.

mod capabilities;
mod convert;
mod custom;
mod diagnostics;
mod documents;
pub mod plan_edit;
mod proto;
mod server;
mod settings;
mod snippet;
mod state;
mod transport;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tower_lsp_server::{LspService, Server};

pub use server::EcaLanguageServer;

/// The environment variable that enables the test-only requests (`eca-ls/debugText`,
/// `eca-ls/debugPanic`, `eca-ls/debugBlock`). They exist for the protocol tests and are not
/// registered otherwise.
pub const TEST_HOOKS_VARIABLE: &str = "ECA_LS_TEST_HOOKS";

/// Serve LSP on stdin/stdout until `exit` (or until the client closes stdin). The exit code
/// follows the spec: 0 when `shutdown` came first, 1 otherwise.
pub fn run() -> ExitCode {
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
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let test_hooks = std::env::var(TEST_HOOKS_VARIABLE).is_ok_and(|value| value == "1");
    let flag = Arc::clone(&shutdown_requested);
    runtime.block_on(async move {
        let (output, early, output_task) = transport::merged_output(tokio::io::stdout());
        let mut builder = LspService::build(|client| EcaLanguageServer::new(client, flag, early))
            .custom_method(
                transport::INVALID_MESSAGE_METHOD,
                EcaLanguageServer::invalid_message,
            )
            .custom_method("eca-ls/status", EcaLanguageServer::status)
            .custom_method("eca-ls/flows", EcaLanguageServer::flows);
        if test_hooks {
            builder = builder
                .custom_method("eca-ls/debugText", EcaLanguageServer::debug_text)
                .custom_method("eca-ls/debugPanic", EcaLanguageServer::debug_panic)
                .custom_method("eca-ls/debugBlock", EcaLanguageServer::debug_block);
        }
        let (service, socket) = builder.finish();
        Server::new(transport::checked_input(tokio::io::stdin()), output, socket)
            .serve(service)
            .await;
        // The server's side of the output is gone: what it wrote last still goes out, unless
        // the client stopped reading.
        let _ = tokio::time::timeout(Duration::from_secs(1), output_task).await;
    });
    // Analysis still running on blocking threads (a cancelled request) must not hold the
    // process: its answer has no one to go to.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shutdown_requested.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
