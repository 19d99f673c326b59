//! A minimal LSP client over stdio, just enough to drive eca-ls like an editor and time it:
//! Content-Length framing, JSON-RPC requests and notifications, and a reader thread that
//! stamps each message the moment its last byte arrives (before any JSON parsing, so that the
//! client's own parsing is not counted as the server's time).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use serde_json::{Value, json};

/// How long any one answer may take before the harness gives up (a hung server, not a slow
/// one: no measurement comes near this).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(120);

/// One message from the server and the moment it was fully read.
#[derive(Debug)]
pub struct Received {
    pub at: Instant,
    pub message: Value,
}

/// A running language server and the client's side of the conversation.
pub struct LspClient {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Received>,
    next_id: i64,
    /// Notifications and requests read while waiting for something else, in order.
    backlog: Vec<Received>,
}

impl LspClient {
    /// Start `binary` (serving LSP on stdio) with the given arguments.
    pub fn start(binary: &Path, args: &[&str]) -> anyhow::Result<LspClient> {
        let mut child = Command::new(binary)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let stdin = child.stdin.take().context("no stdin")?;
        let stdout = child.stdout.take().context("no stdout")?;
        let (sender, messages) = mpsc::channel();
        thread::spawn(move || read_messages(stdout, &sender));
        Ok(LspClient {
            child,
            stdin,
            messages,
            next_id: 1,
            backlog: Vec::new(),
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send a request; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> anyhow::Result<i64> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        Ok(id)
    }

    pub fn notify(&mut self, method: &str, params: Value) -> anyhow::Result<()> {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    }

    /// Send a request and wait for its answer; returns the answer and when it arrived.
    pub fn request(&mut self, method: &str, params: Value) -> anyhow::Result<Received> {
        let id = self.send_request(method, params)?;
        self.wait_for_answer(id)
    }

    /// Wait for the answer to request `id`, keeping whatever else arrives meanwhile.
    pub fn wait_for_answer(&mut self, id: i64) -> anyhow::Result<Received> {
        if let Some(index) = self
            .backlog
            .iter()
            .position(|received| is_answer_to(&received.message, id))
        {
            return Ok(self.backlog.remove(index));
        }
        loop {
            let received = self.next_message()?;
            if is_answer_to(&received.message, id) {
                if let Some(error) = received.message.get("error") {
                    bail!("the server answered request {id} with an error: {error}");
                }
                return Ok(received);
            }
            self.backlog.push(received);
        }
    }

    /// Wait for the diagnostics of `uri` at `version` (`None` for a closed file); earlier
    /// publications for it are dropped.
    pub fn wait_for_diagnostics(
        &mut self,
        uri: &str,
        version: Option<i64>,
    ) -> anyhow::Result<Received> {
        let matches = |message: &Value| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"].as_i64() == version
        };
        if let Some(index) = self
            .backlog
            .iter()
            .position(|received| matches(&received.message))
        {
            return Ok(self.backlog.remove(index));
        }
        loop {
            let received = self.next_message()?;
            if matches(&received.message) {
                return Ok(received);
            }
            self.backlog.push(received);
        }
    }

    /// Read whatever the server sends for `quiet` after its last message (diagnostics of other
    /// files, log messages), so that a measurement does not start while it is still busy.
    pub fn drain(&mut self, quiet: Duration) -> anyhow::Result<()> {
        loop {
            match self.messages.recv_timeout(quiet) {
                Ok(received) => self.answer_server_request(&received.message)?,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => bail!("the server closed its output"),
            }
        }
        self.backlog.clear();
        Ok(())
    }

    /// `shutdown`, `exit`, and wait for the process to end.
    pub fn stop(mut self) -> anyhow::Result<()> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            thread::sleep(Duration::from_millis(5));
        }
        self.child.kill()?;
        bail!("the server did not exit after `exit`")
    }

    fn next_message(&mut self) -> anyhow::Result<Received> {
        let received = self
            .messages
            .recv_timeout(ANSWER_TIMEOUT)
            .map_err(|_| anyhow!("no answer from the server within {ANSWER_TIMEOUT:?}"))?;
        self.answer_server_request(&received.message)?;
        Ok(received)
    }

    /// Answer requests from the server (`workspace/configuration`, `client/registerCapability`)
    /// with `null`, as a client without those features does.
    fn answer_server_request(&mut self, message: &Value) -> anyhow::Result<()> {
        if message.get("method").is_some() {
            if let Some(id) = message.get("id") {
                let answer = json!({ "jsonrpc": "2.0", "id": id, "result": Value::Null });
                self.send(&answer)?;
            }
        }
        Ok(())
    }

    fn send(&mut self, message: &Value) -> anyhow::Result<()> {
        let body = serde_json::to_vec(message)?;
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len())?;
        self.stdin.write_all(&body)?;
        self.stdin.flush()?;
        Ok(())
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        // A client that was not stopped (an error on the way) must not leave a server behind.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A `file://` URI for an absolute path (the synthetic paths need no escaping).
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The LSP position (UTF-16 code units; the synthetic files are ASCII) of a byte offset.
pub fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

fn is_answer_to(message: &Value, id: i64) -> bool {
    message.get("method").is_none() && message.get("id").and_then(Value::as_i64) == Some(id)
}

fn read_messages(stdout: impl Read, sender: &mpsc::Sender<Received>) {
    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length:") {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else {
            return;
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let at = Instant::now();
        let Ok(message) = serde_json::from_slice(&body) else {
            return;
        };
        if sender.send(Received { at, message }).is_err() {
            return;
        }
    }
}
