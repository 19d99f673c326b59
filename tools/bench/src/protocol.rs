//! Timing eca-ls over the protocol, as an editor sees it: the release binary on stdio, a
//! workspace folder, documents opened and typed into, completion and hover requests, and the
//! floor (a request answered without analysis) beside them. Also the server's memory.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::lsp_client::{LspClient, file_uri, position};
use crate::stats::Samples;

/// How long the server must stay silent before a measurement starts: long enough for the
/// diagnostics of a whole workspace to be out.
const QUIET: Duration = Duration::from_millis(300);

/// A document the session measures, with the places it types into, completes and hovers.
#[derive(Debug, Clone)]
pub struct DocumentScenario {
    /// Shown in the report (`typical file`, `1 MiB file`).
    pub label: String,
    pub path: PathBuf,
    pub text: String,
    /// Where the keystroke goes: one character typed here, then deleted, alternately.
    pub keystroke_offset: usize,
    pub completion_offset: usize,
    pub hover_offset: usize,
}

/// The timings of one document.
#[derive(Debug, Clone)]
pub struct DocumentTimings {
    pub label: String,
    pub bytes: usize,
    /// The floor, measured in turn with this document's completion and hover requests.
    pub floor: Samples,
    pub open_to_diagnostics: Samples,
    pub keystroke_to_diagnostics: Samples,
    pub completion: Samples,
    pub hover: Samples,
    pub completion_items: usize,
}

/// The timings of one session on one workspace.
#[derive(Debug, Clone)]
pub struct SessionTimings {
    pub documents: Vec<DocumentTimings>,
}

/// The server's memory in one workspace, from `/proc/<pid>/status`.
#[derive(Debug, Clone, Copy)]
pub struct ServerMemory {
    /// Resident set after the workspace was indexed and its diagnostics published.
    pub after_index_kib: u64,
    /// Resident set after every file was also opened as a document.
    pub after_open_kib: u64,
    /// Peak resident set of the whole session.
    pub peak_kib: u64,
    pub opened: usize,
}

impl DocumentScenario {
    /// A document whose places are found in its text: the keystroke goes at the end of the
    /// `<label>` value, completion asks for the values of `ipRelaxationPolicyType`, hover is on
    /// the name of `refreshTokenPolicyType`.
    pub fn new(label: &str, path: &Path) -> anyhow::Result<DocumentScenario> {
        let text =
            fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let find = |needle: &str| {
            text.find(needle)
                .with_context(|| format!("{} has no `{needle}`", path.display()))
        };
        let keystroke_offset = find("</label>")?;
        let completion_offset =
            find("<ipRelaxationPolicyType>")? + "<ipRelaxationPolicyType>".len();
        let hover_offset = find("<refreshTokenPolicyType>")? + 3;
        Ok(DocumentScenario {
            label: label.to_string(),
            path: path.to_path_buf(),
            text,
            keystroke_offset,
            completion_offset,
            hover_offset,
        })
    }
}

/// Start the server `runs` times on `workspace` and time each from the spawn to the answer to
/// `initialize` (which comes after the workspace is indexed).
pub fn cold_start(binary: &Path, workspace: &Path, runs: usize) -> anyhow::Result<Samples> {
    let mut samples = Samples::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut client = LspClient::start(binary, &[])?;
        let answer = client.request("initialize", initialize_params(workspace))?;
        samples.push(answer.at - started);
        client.notify("initialized", json!({}))?;
        client.stop()?;
    }
    Ok(samples)
}

/// How many times each thing is measured in a session.
#[derive(Debug, Clone, Copy)]
pub struct Rounds {
    /// Opens and keystrokes.
    pub edits: usize,
    /// Floor, completion and hover requests (cheap, and so measured more often: a p99 of
    /// 1,000 samples is the tenth slowest, not the second).
    pub requests: usize,
}

/// One editor session on `workspace`: for each document, opens and keystrokes, then floor,
/// completion and hover requests in turn, each after a few unmeasured warm-up rounds.
pub fn session(
    binary: &Path,
    workspace: &Path,
    documents: &[DocumentScenario],
    rounds: Rounds,
) -> anyhow::Result<SessionTimings> {
    let mut client = start_session(binary, workspace)?;
    let mut timings = Vec::new();
    for document in documents {
        timings.push(document_session(&mut client, document, rounds)?);
    }
    client.stop()?;
    Ok(SessionTimings { documents: timings })
}

/// The server's memory after indexing `workspace` and then after opening `open` (each as a
/// document, waiting for its diagnostics).
pub fn memory(binary: &Path, workspace: &Path, open: &[PathBuf]) -> anyhow::Result<ServerMemory> {
    let mut client = start_session(binary, workspace)?;
    let after_index_kib = read_status(client.pid(), "VmRSS:")?;
    for (index, path) in open.iter().enumerate() {
        let text = fs::read_to_string(path)?;
        let uri = file_uri(path);
        let version = index as i64 + 1;
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "xml", "version": version, "text": text } }),
        )?;
        client.wait_for_diagnostics(&uri, Some(version))?;
    }
    client.drain(QUIET)?;
    let after_open_kib = read_status(client.pid(), "VmRSS:")?;
    let peak_kib = read_status(client.pid(), "VmHWM:")?;
    client.stop()?;
    Ok(ServerMemory {
        after_index_kib,
        after_open_kib,
        peak_kib,
        opened: open.len(),
    })
}

fn start_session(binary: &Path, workspace: &Path) -> anyhow::Result<LspClient> {
    let mut client = LspClient::start(binary, &[])?;
    client.request("initialize", initialize_params(workspace))?;
    client.notify("initialized", json!({}))?;
    // The first diagnostics of the whole workspace go out now: let them.
    client.drain(QUIET)?;
    Ok(client)
}

fn document_session(
    client: &mut LspClient,
    document: &DocumentScenario,
    rounds: Rounds,
) -> anyhow::Result<DocumentTimings> {
    let warmup = (rounds.edits / 10).max(3);
    let iterations = rounds.edits;
    let uri = file_uri(&document.path);
    let mut version = 0;
    let mut open_to_diagnostics = Samples::new();
    for round in 0..warmup + iterations {
        version += 1;
        let started = Instant::now();
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "xml", "version": version, "text": document.text } }),
        )?;
        let published = client.wait_for_diagnostics(&uri, Some(version))?;
        if round >= warmup {
            open_to_diagnostics.push(published.at - started);
        }
        client.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )?;
        client.wait_for_diagnostics(&uri, None)?;
    }
    client.drain(QUIET)?;

    version += 1;
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "xml", "version": version, "text": document.text } }),
    )?;
    client.wait_for_diagnostics(&uri, Some(version))?;
    client.drain(QUIET)?;
    let mut keystroke_to_diagnostics = Samples::new();
    let at = position(&document.text, document.keystroke_offset);
    let after = json!({ "line": at["line"], "character": at["character"].as_u64().unwrap_or_default() + 1 });
    for round in 0..warmup + iterations {
        version += 1;
        // Type a character, then delete it: the text stays what it was between pairs.
        let change = if round % 2 == 0 {
            json!({ "range": { "start": at, "end": at }, "text": "x" })
        } else {
            json!({ "range": { "start": at, "end": after }, "text": "" })
        };
        let started = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
        )?;
        let published = client.wait_for_diagnostics(&uri, Some(version))?;
        if round >= warmup {
            keystroke_to_diagnostics.push(published.at - started);
        }
    }
    if (warmup + iterations) % 2 == 1 {
        version += 1;
        client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "range": { "start": at, "end": after }, "text": "" }] }),
        )?;
        client.wait_for_diagnostics(&uri, Some(version))?;
    }
    client.drain(QUIET)?;

    // The floor, completion and hover take turns, so that a busy moment of the machine
    // weighs on all three alike.
    let mut floor = Samples::new();
    let mut completion = Samples::new();
    let mut hover = Samples::new();
    let mut completion_items = 0;
    let floor_params = hover_params(
        "file:///eca-ls-bench/no-such-project/floor.xml",
        json!({ "line": 0, "character": 0 }),
    );
    let completion_params = json!({
        "textDocument": { "uri": uri },
        "position": position(&document.text, document.completion_offset),
    });
    let hover_params = hover_params(&uri, position(&document.text, document.hover_offset));
    let warmup = (rounds.requests / 10).max(3);
    for round in 0..warmup + rounds.requests {
        let measured = round >= warmup;
        let started = Instant::now();
        let answer = client.request("textDocument/hover", floor_params.clone())?;
        if measured {
            floor.push(answer.at - started);
        }
        if !answer.message["result"].is_null() {
            bail!("the floor request got an answer with content: it is not the floor");
        }
        let started = Instant::now();
        let answer = client.request("textDocument/completion", completion_params.clone())?;
        if measured {
            completion.push(answer.at - started);
        }
        completion_items = count_items(&answer.message["result"]);
        let started = Instant::now();
        let answer = client.request("textDocument/hover", hover_params.clone())?;
        if measured {
            hover.push(answer.at - started);
        }
        if answer.message["result"].is_null() {
            bail!(
                "hover in {} showed nothing: the scenario is wrong",
                document.label
            );
        }
    }
    if completion_items == 0 {
        bail!(
            "completion in {} offered nothing: the scenario is wrong",
            document.label
        );
    }
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    )?;
    client.drain(QUIET)?;
    Ok(DocumentTimings {
        label: document.label.clone(),
        bytes: document.text.len(),
        floor,
        open_to_diagnostics,
        keystroke_to_diagnostics,
        completion,
        hover,
        completion_items,
    })
}

/// What a typical editor sends: UTF-16 positions, snippets, hierarchical symbols; no dynamic
/// registration (the harness watches no files).
fn initialize_params(workspace: &Path) -> Value {
    json!({
        "processId": std::process::id(),
        "rootUri": file_uri(workspace),
        "workspaceFolders": [{ "uri": file_uri(workspace), "name": "bench" }],
        "capabilities": {
            "general": { "positionEncodings": ["utf-16"] },
            "textDocument": {
                "synchronization": { "didSave": true },
                "completion": { "completionItem": { "snippetSupport": true, "documentationFormat": ["markdown", "plaintext"] } },
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true },
                "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
            },
            "workspace": { "workspaceFolders": true, "configuration": true }
        }
    })
}

fn hover_params(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

fn count_items(result: &Value) -> usize {
    match result {
        Value::Array(items) => items.len(),
        Value::Object(list) => list
            .get("items")
            .and_then(Value::as_array)
            .map_or(0, Vec::len),
        _ => 0,
    }
}

/// A `kB` field of `/proc/<pid>/status` (Linux only; elsewhere the memory table says so).
fn read_status(pid: u32, field: &str) -> anyhow::Result<u64> {
    // The kernel updates the counters lazily; a moment of calm makes them current.
    thread::sleep(Duration::from_millis(50));
    let status = fs::read_to_string(format!("/proc/{pid}/status"))
        .context("cannot read /proc/<pid>/status (memory is measured on Linux only)")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field} in /proc/{pid}/status"))
}
