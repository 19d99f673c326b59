//! A small JSON-RPC client for protocol tests: spawns the real `eca-ls` binary, frames messages
//! with `Content-Length`, matches responses to requests, answers the server's own requests, and
//! collects notifications. Waits are generous timeouts, never timing assertions.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

pub use crate::support::TempProject;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long to wait for anything the server should send. Generous: a slow CI machine must not
/// fail a correct server.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications (and server requests) received but not yet looked at, oldest first.
    stash: VecDeque<Value>,
    /// What to answer `workspace/configuration` with (one value per requested item).
    pub configuration: Value,
    /// Whether to answer `workspace/configuration` at all (a client that never answers).
    pub answer_configuration: bool,
    /// Every request the server sent us, in order.
    pub server_requests: Vec<Value>,
    /// Every message the server sent, in the order received (until `forget_history`).
    pub log: Vec<Value>,
    /// How many `publishDiagnostics` arrived in all, and the last diagnostics published for
    /// each URI: kept as messages arrive so that settling and comparing cost the same at the
    /// millionth step of a long walk as at the first.
    publications: u64,
    last_diagnostics: std::collections::BTreeMap<String, Value>,
}

/// What `initialize` should say about the client.
#[derive(Debug, Clone)]
pub struct ClientSetup {
    pub position_encodings: Option<Vec<&'static str>>,
    pub workspace_folders: Vec<PathBuf>,
    /// Sent as the old `rootUri` instead of `workspaceFolders`.
    pub root_uri_only: bool,
    pub initialization_options: Option<Value>,
    pub snippets: bool,
    pub document_changes: bool,
    pub dynamic_watchers: bool,
    pub configuration_requests: bool,
    pub hierarchical_symbols: bool,
    pub definition_links: bool,
    /// File watchers may be relative to a base URI (`relativePatternSupport`).
    pub relative_watch_patterns: bool,
    /// Sent as `workDoneToken` of `initialize`.
    pub work_done_token: Option<Value>,
    /// Workspace edits may create and rename files (`resourceOperations`).
    pub resource_operations: bool,
    /// Code actions may come disabled, with a reason (`disabledSupport`).
    pub disabled_code_actions: bool,
    /// `textDocument.diagnostic`: the client pulls diagnostics (LSP 3.17).
    pub pull_diagnostics: bool,
    /// `workspace.diagnostics.refreshSupport`.
    pub diagnostic_refresh: bool,
    /// `workspace.codeLens.refreshSupport`.
    pub code_lens_refresh: bool,
    /// `experimental`: the client's own declarations.
    pub experimental: Option<Value>,
}

impl Default for ClientSetup {
    fn default() -> Self {
        ClientSetup {
            position_encodings: None,
            workspace_folders: Vec::new(),
            root_uri_only: false,
            initialization_options: None,
            snippets: true,
            document_changes: true,
            dynamic_watchers: true,
            configuration_requests: false,
            hierarchical_symbols: true,
            definition_links: false,
            relative_watch_patterns: false,
            work_done_token: None,
            resource_operations: false,
            disabled_code_actions: false,
            pull_diagnostics: false,
            diagnostic_refresh: false,
            code_lens_refresh: false,
            experimental: None,
        }
    }
}

impl ClientSetup {
    /// The default client with one workspace folder.
    pub fn for_folder(folder: &Path) -> ClientSetup {
        ClientSetup {
            workspace_folders: vec![folder.to_path_buf()],
            ..ClientSetup::default()
        }
    }
}

impl LspClient {
    /// Start the server with the test hooks enabled.
    pub fn spawn() -> LspClient {
        LspClient::spawn_with_hooks(true)
    }

    pub fn spawn_with_hooks(hooks: bool) -> LspClient {
        let mut command = Command::new(env!("CARGO_BIN_EXE_eca-ls"));
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if hooks {
            command.env("ECA_LS_TEST_HOOKS", "1");
        } else {
            command.env_remove("ECA_LS_TEST_HOOKS");
        }
        let mut child = command.spawn().expect("spawn eca-ls");
        let stdout = child.stdout.take().expect("stdout");
        let stdin = child.stdin.take();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        LspClient {
            child,
            stdin,
            incoming,
            next_id: 0,
            stash: VecDeque::new(),
            configuration: Value::Null,
            answer_configuration: true,
            server_requests: Vec::new(),
            log: Vec::new(),
            publications: 0,
            last_diagnostics: std::collections::BTreeMap::new(),
        }
    }

    /// Spawn and initialize; returns the client and the `initialize` result.
    pub fn start(setup: &ClientSetup) -> (LspClient, Value) {
        let mut client = LspClient::spawn();
        let result = client.initialize(setup);
        (client, result)
    }

    pub fn initialize(&mut self, setup: &ClientSetup) -> Value {
        let mut general = json!({});
        if let Some(encodings) = &setup.position_encodings {
            general = json!({ "positionEncodings": encodings });
        }
        let folders: Vec<Value> = setup
            .workspace_folders
            .iter()
            .map(|folder| json!({ "uri": file_uri(folder), "name": "ws" }))
            .collect();
        let mut params = json!({
            "processId": null,
            "capabilities": {
                "general": general,
                "textDocument": {
                    "completion": { "completionItem": { "snippetSupport": setup.snippets } },
                    "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
                    "codeAction": { "codeActionLiteralSupport": { "codeActionKind": { "valueSet": ["quickfix", "source", "refactor"] } }, "disabledSupport": setup.disabled_code_actions },
                    "documentSymbol": { "hierarchicalDocumentSymbolSupport": setup.hierarchical_symbols },
                    "definition": { "linkSupport": setup.definition_links },
                    "hover": { "contentFormat": ["markdown", "plaintext"] }
                },
                "workspace": {
                    "workspaceEdit": {
                        "documentChanges": setup.document_changes,
                        "resourceOperations": if setup.resource_operations { json!(["create", "rename"]) } else { json!([]) }
                    },
                    "didChangeWatchedFiles": { "dynamicRegistration": setup.dynamic_watchers, "relativePatternSupport": setup.relative_watch_patterns },
                    "configuration": setup.configuration_requests,
                    "workspaceFolders": true
                }
            },
        });
        if setup.pull_diagnostics {
            params["capabilities"]["textDocument"]["diagnostic"] =
                json!({ "dynamicRegistration": false, "relatedDocumentSupport": false });
        }
        if setup.diagnostic_refresh {
            params["capabilities"]["workspace"]["diagnostics"] = json!({ "refreshSupport": true });
        }
        if setup.code_lens_refresh {
            params["capabilities"]["workspace"]["codeLens"] = json!({ "refreshSupport": true });
        }
        if let Some(experimental) = &setup.experimental {
            params["capabilities"]["experimental"] = experimental.clone();
        }
        if setup.root_uri_only {
            params["rootUri"] = setup
                .workspace_folders
                .first()
                .map(|folder| json!(file_uri(folder)))
                .unwrap_or(Value::Null);
        } else if !folders.is_empty() {
            params["workspaceFolders"] = json!(folders);
        }
        if let Some(token) = &setup.work_done_token {
            params["workDoneToken"] = token.clone();
        }
        if let Some(options) = &setup.initialization_options {
            params["initializationOptions"] = options.clone();
        }
        let result = self
            .request("initialize", params)
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    pub fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        stdin.write_all(frame.as_bytes()).expect("write to server");
        stdin.flush().expect("flush to server");
    }

    fn send(&mut self, message: &Value) {
        self.send_raw(&message.to_string());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Send a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// A request and its answer: `Ok(result)` or `Err(error object)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Wait for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let message = self.wait_for(&format!("the response to request {id}"), |message| {
            message.get("method").is_none() && message.get("id") == Some(&json!(id))
        });
        match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Wait for a message without a request id we sent: a response with a `null` id (to a
    /// message the server could not read).
    pub fn null_id_response(&mut self) -> Value {
        self.wait_for("a response with a null id", |message| {
            message.get("method").is_none() && message.get("id") == Some(&Value::Null)
        })
    }

    /// Wait for a notification of `method` satisfying `accept` (checked oldest first, the
    /// stash included); the ones passed over stay stashed.
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let message = self.wait_for(&format!("a {method} notification"), |message| {
            message.get("id").is_none()
                && message.get("method") == Some(&json!(method))
                && accept(&message["params"])
        });
        message["params"].clone()
    }

    /// Wait for a request the server sends us (it is answered as it arrives).
    pub fn server_request(&mut self, method: &str) -> Value {
        self.wait_for(&format!("a {method} request from the server"), |message| {
            message.get("id").is_some() && message.get("method") == Some(&json!(method))
        })
    }

    /// Wait for diagnostics of `uri` that `accept` likes.
    pub fn diagnostics(&mut self, uri: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == json!(uri) && accept(params)
        })
    }

    /// Wait for diagnostics of `uri` computed for document version `version`.
    pub fn diagnostics_for_version(&mut self, uri: &str, version: i64) -> Value {
        self.diagnostics(uri, |params| params["version"] == json!(version))
    }

    /// Forget everything received so far that was not asked for.
    pub fn clear_stash(&mut self) {
        self.drain_available();
        self.stash.clear();
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "xml", "version": version, "text": text } }),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    pub fn close(&mut self, uri: &str) {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }

    /// The server's buffer of a document (test hook).
    pub fn server_text(&mut self, uri: &str) -> Option<String> {
        let result = self
            .request(
                "eca-ls/debugText",
                json!({ "textDocument": { "uri": uri } }),
            )
            .expect("debugText answers");
        result.as_str().map(str::to_string)
    }

    /// `shutdown`, then `exit`; the exit status.
    pub fn shutdown_and_exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Wait for the process to end (after `exit` or a closed stdin).
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("eca-ls did not exit within {TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Close the server's stdin (the client went away).
    pub fn close_stdin(&mut self) {
        self.stdin.take();
    }

    /// Wait for any message `accept` likes (the stash included), described as `what` if it
    /// never comes.
    pub fn message(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(what, accept)
    }

    fn wait_for(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.stash.iter().position(&accept) {
            return self.stash.remove(index).expect("index is in range");
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "timed out waiting for {what}; unclaimed messages: {:#?}",
                    self.stash
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output while we waited for {what}; unclaimed messages: {:#?}",
                    self.stash
                ),
            };
            self.record(&message);
            self.answer_server_request(&message);
            if accept(&message) {
                return message;
            }
            self.stash.push_back(message);
        }
    }

    fn drain_available(&mut self) {
        while let Ok(message) = self.incoming.try_recv() {
            self.record(&message);
            self.answer_server_request(&message);
            self.stash.push_back(message);
        }
    }

    /// Answer requests the server sends us: registrations succeed, configuration comes from
    /// `self.configuration`, anything else gets `null`.
    fn answer_server_request(&mut self, message: &Value) {
        let (Some(id), Some(method)) = (message.get("id"), message.get("method")) else {
            return;
        };
        self.server_requests.push(message.clone());
        if method == "workspace/configuration" && !self.answer_configuration {
            return;
        }
        let result = match method.as_str() {
            Some("workspace/configuration") => {
                let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                Value::Array(vec![self.configuration.clone(); items])
            }
            // Applied as an editor would: the test applies it to disk from `server_requests`.
            Some("workspace/applyEdit") => json!({ "applied": true }),
            _ => Value::Null,
        };
        let response = json!({ "jsonrpc": "2.0", "id": id, "result": result });
        self.send(&response);
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Writing fixture projects and naming their files as URIs.
pub trait ProjectFiles {
    fn uri(&self, relative: &str) -> String;
    fn remove(&self, relative: &str);
    /// A project with these files (relative path, text).
    fn with_files(name: &str, files: &[(&str, &str)]) -> Self;
}

impl ProjectFiles for TempProject {
    fn uri(&self, relative: &str) -> String {
        file_uri(&self.path().join(relative))
    }

    fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path().join(relative)).expect("remove fixture file");
    }

    fn with_files(name: &str, files: &[(&str, &str)]) -> TempProject {
        let project = TempProject::new(name);
        for (path, text) in files {
            project.write(path, text);
        }
        project
    }
}

/// `file://` URI of an absolute path, percent-encoding what needs it.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

impl LspClient {
    /// Wait until the server has applied everything sent so far and published its diagnostics
    /// (test hook `eca-ls/debugSettle`), and until every one of those publications has arrived.
    pub fn settle(&mut self) {
        let settled = self
            .request("eca-ls/debugSettle", json!({}))
            .expect("debugSettle answers");
        let published = settled["published"].as_u64().expect("a count");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.drain_available();
            let received = self.publications;
            if received >= published {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(message) = self.incoming.recv_timeout(left) else {
                panic!("only {received} of {published} publications arrived");
            };
            self.record(&message);
            self.answer_server_request(&message);
            self.stash.push_back(message);
        }
    }

    /// The diagnostics last published for each URI, by URI (an empty list when the last
    /// publication cleared them).
    pub fn last_published(&self) -> std::collections::BTreeMap<String, Value> {
        self.last_diagnostics.clone()
    }

    fn record(&mut self, message: &Value) {
        if message["method"] == json!("textDocument/publishDiagnostics") {
            self.publications += 1;
            let params = &message["params"];
            if let Some(uri) = params["uri"].as_str() {
                self.last_diagnostics
                    .insert(uri.to_string(), params["diagnostics"].clone());
            }
        }
        self.log.push(message.clone());
    }

    /// Drop the messages kept so far (the log, the server's requests, unclaimed
    /// publications) but not what `settle` and `last_published` know: a walk of a million
    /// steps keeps no more than one step's messages.
    pub fn forget_history(&mut self) {
        self.log.clear();
        self.server_requests.clear();
        self.stash
            .retain(|message| message["method"] != json!("textDocument/publishDiagnostics"));
    }

    /// The versions of every `publishDiagnostics` received so far for `uri`, in order.
    pub fn published_versions(&self, uri: &str) -> Vec<Value> {
        self.log
            .iter()
            .filter(|message| {
                message["method"] == json!("textDocument/publishDiagnostics")
                    && message["params"]["uri"] == json!(uri)
            })
            .map(|message| message["params"]["version"].clone())
            .collect()
    }
}

/// The codes of a `publishDiagnostics` params object.
pub fn codes(params: &Value) -> Vec<String> {
    params["diagnostics"]
        .as_array()
        .map(|diagnostics| {
            diagnostics
                .iter()
                .filter_map(|diagnostic| diagnostic["code"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// An LSP range from (line, character) pairs.
pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 }
    })
}

/// Whether a `publishDiagnostics` params object holds a diagnostic with `code`.
pub fn has_code(params: &Value, code: &str) -> bool {
    codes(params).iter().any(|found| found == code)
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length: Option<usize> = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// One finding in a form both `eca-ls check --format json` and `publishDiagnostics` give:
/// (code, severity, start line, start character, end line, end character, message).
pub type Finding = (String, String, u64, u64, u64, u64, String);

/// The findings `eca-ls check --format json` reports for the files under `root`, by file URI.
pub fn check_findings(root: &Path) -> std::collections::BTreeMap<String, Vec<Finding>> {
    let output = Command::new(env!("CARGO_BIN_EXE_eca-ls"))
        .args(["check", "--format", "json"])
        .arg(root)
        .output()
        .expect("run eca-ls check");
    let document: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "check printed no JSON ({error}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut by_uri: std::collections::BTreeMap<String, Vec<Finding>> =
        std::collections::BTreeMap::new();
    for diagnostic in document["diagnostics"].as_array().into_iter().flatten() {
        let path = diagnostic["path"].as_str().expect("a path");
        by_uri
            .entry(file_uri(Path::new(path)))
            .or_default()
            .push(finding(
                diagnostic,
                diagnostic["severity"].as_str().unwrap_or(""),
            ));
    }
    for findings in by_uri.values_mut() {
        findings.sort();
    }
    by_uri
}

/// The findings of a list of LSP diagnostics, sorted.
pub fn lsp_findings(diagnostics: &Value) -> Vec<Finding> {
    let mut findings: Vec<Finding> = diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .map(|diagnostic| {
            let severity = match diagnostic["severity"].as_u64() {
                Some(1) => "error",
                Some(2) => "warning",
                Some(3) => "information",
                Some(4) => "hint",
                _ => "",
            };
            finding(diagnostic, severity)
        })
        .collect();
    findings.sort();
    findings
}

fn finding(diagnostic: &Value, severity: &str) -> Finding {
    let range = &diagnostic["range"];
    let number = |value: &Value| value.as_u64().unwrap_or(u64::MAX);
    (
        diagnostic["code"].as_str().unwrap_or("").to_string(),
        severity.to_string(),
        number(&range["start"]["line"]),
        number(&range["start"]["character"]),
        number(&range["end"]["line"]),
        number(&range["end"]["character"]),
        diagnostic["message"].as_str().unwrap_or("").to_string(),
    )
}

impl LspClient {
    /// Settle, then compare the diagnostics last published for every file under `root` with
    /// what `eca-ls check` reports on disk; `Ok` counts the findings both have, `Err`
    /// describes the first difference. Open documents must match their files on disk for this
    /// to be meaningful.
    pub fn agrees_with_check(&mut self, root: &Path) -> Result<usize, String> {
        self.settle();
        let expected = check_findings(root);
        let root_uri = file_uri(root);
        let published: std::collections::BTreeMap<String, Vec<Finding>> = self
            .last_published()
            .into_iter()
            .filter(|(uri, _)| uri.starts_with(&format!("{root_uri}/")))
            .map(|(uri, diagnostics)| (uri, lsp_findings(&diagnostics)))
            .collect();
        let uris: std::collections::BTreeSet<&String> =
            expected.keys().chain(published.keys()).collect();
        for uri in uris {
            let want = expected.get(uri).cloned().unwrap_or_default();
            let got = published.get(uri).cloned().unwrap_or_default();
            if want != got {
                return Err(format!("{uri}:\n  check:  {want:#?}\n  server: {got:#?}"));
            }
        }
        Ok(expected.values().map(Vec::len).sum())
    }
}
