//! The wire, in front of tower-lsp-server: the input side re-frames each message, answers
//! what tower-lsp-server must not see, and watches the session's lifecycle; the output side
//! passes the server's frames on whole and lets the transport's own frames go out between them.
//!
//! tower-lsp-server's reader stops for good at the first frame it cannot decode (malformed
//! JSON, a body that is no JSON-RPC message, an id that is neither an `i64` nor a string such
//! as `1.0` or `9223372036854775808`), which would end the session on one bad message; and it
//! never answers a request whose method starts with `$/`, so the client would wait forever.
//! The input side answers each of these itself, through the output queue ([`OutputQueue`]),
//! echoing the id exactly as the client wrote it, and serving goes on.
//!
//! It also ends the session: at `exit` or at the end of the input it stops handing messages
//! on and reports [`Ended`]; the caller then stops serving after a short grace, whatever
//! handler is still waiting (for the client or for an analysis), so that nothing can keep the
//! process alive. Whether a `shutdown` request came before is recorded here too, in the order
//! the client sent them, so a `shutdown` pipelined with `exit` still exits with status 0.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::{ErrorCode, Request, Response};

/// Bodies larger than this are refused (and skipped) rather than buffered.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Why the input side stopped handing messages on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The client sent `exit`.
    Exit,
    /// The input closed (the client went away).
    EndOfInput,
}

/// What the input side saw of the session's lifecycle.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    ended: watch::Receiver<Option<Ended>>,
    shutdown_requested: Arc<AtomicBool>,
}

impl Lifecycle {
    /// Wait until the input side stops (at `exit` or the end of the input).
    pub async fn ended(&mut self) -> Ended {
        loop {
            if let Some(ended) = *self.ended.borrow_and_update() {
                return ended;
            }
            if self.ended.changed().await.is_err() {
                return Ended::EndOfInput;
            }
        }
    }

    /// Whether a `shutdown` request came (after `initialize`) before the input ended.
    pub fn shutdown_requested(&self) -> bool {
        self.shutdown_requested.load(Ordering::SeqCst)
    }
}

/// Read LSP frames from `input` and hand them on, checked, through the returned stream;
/// answers to messages the server must not see go to `replies`.
pub fn checked_input<R>(input: R, replies: OutputQueue) -> (DuplexStream, Lifecycle)
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let (server_side, mut our_side) = tokio::io::duplex(64 * 1024);
    let (ended_sender, ended) = watch::channel(None);
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let lifecycle = Lifecycle {
        ended,
        shutdown_requested: Arc::clone(&shutdown_requested),
    };
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        let mut session = SessionWatch::default();
        let ended = loop {
            let Some(frame) = read_frame(&mut input).await else {
                break Ended::EndOfInput;
            };
            let verdict = match frame {
                Ok(body) => check_body(body, &mut session),
                Err(problem) => {
                    Verdict::Answer(error_answer(&Value::Null, ErrorCode::ParseError, &problem))
                }
            };
            if session.shutdown_requested {
                shutdown_requested.store(true, Ordering::SeqCst);
            }
            match verdict {
                Verdict::Pass(body) => {
                    if write_frame(&mut our_side, &body).await.is_err() {
                        // The server stopped reading.
                        break Ended::EndOfInput;
                    }
                }
                Verdict::Answer(answer) => replies.send_frame(answer),
                Verdict::Drop => {}
                Verdict::Exit => break Ended::Exit,
            }
        };
        // Dropping our side ends the server's input: it finishes what it is doing and stops.
        drop(our_side);
        let _ = ended_sender.send(Some(ended));
    });
    (server_side, lifecycle)
}

/// What to do with one frame from the client.
#[derive(Debug, PartialEq)]
enum Verdict {
    /// Hand it on to the server.
    Pass(Vec<u8>),
    /// Answer it ourselves with this body; the server never sees it.
    Answer(Vec<u8>),
    /// Drop it (a response the server cannot match, to a request it never sent).
    Drop,
    /// `exit`: stop.
    Exit,
}

/// What the input side remembers of the session so far.
#[derive(Debug, Default)]
struct SessionWatch {
    initialize_seen: bool,
    shutdown_requested: bool,
}
/// One frame: `Some(Ok(body))`, `Some(Err(problem))` for a header block without a usable
/// `Content-Length`, `None` at the end of the input.
async fn read_frame<R: AsyncRead + Unpin>(
    input: &mut BufReader<R>,
) -> Option<Result<Vec<u8>, String>> {
    let mut content_length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input.read_until(b'\n', &mut line).await.ok()?;
        if read == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                // Blank lines between messages carry nothing.
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some(value) = content_length_value(line) {
            content_length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("the Content-Length `{value}` is not a number")),
            );
        }
    }
    let length = match content_length {
        Some(Ok(length)) => length,
        Some(Err(problem)) => return Some(Err(problem)),
        None => return Some(Err("a message without a Content-Length header".to_string())),
    };
    if length > MAX_BODY {
        let skipped = tokio::io::copy(&mut input.take(length as u64), &mut tokio::io::sink()).await;
        return match skipped {
            Ok(_) => Some(Err(format!(
                "a message of {length} bytes is larger than eca-ls accepts"
            ))),
            Err(_) => None,
        };
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await.ok()?;
    Some(Ok(body))
}

/// The value of a `Content-Length` header line (trimmed), `None` for any other line.
fn content_length_value(line: &str) -> Option<&str> {
    let (name, value) = line.split_once(':')?;
    name.trim()
        .eq_ignore_ascii_case("content-length")
        .then(|| value.trim())
}

/// One whole frame, flushed: both sides of the wire frame what they write alike.
async fn write_frame<W: AsyncWrite + Unpin>(output: &mut W, body: &[u8]) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    output.write_all(header.as_bytes()).await?;
    output.write_all(body).await?;
    output.flush().await
}

/// What to do with a frame's body: tower-lsp-server gets what it can read and should see;
/// the rest is answered here.
fn check_body(body: Vec<u8>, session: &mut SessionWatch) -> Verdict {
    // Requests and notifications are nearly all a client sends (every keystroke is one), and
    // a body that is none fails as a `Response` only after a whole buffered parse: try them
    // first.
    if let Ok(request) = serde_json::from_slice::<Request>(&body) {
        let method = request.method();
        if method == "exit" {
            return Verdict::Exit;
        }
        if let Some(id) = request.id() {
            if method.starts_with("$/") {
                // The spec: a `$/` request the server does not implement is answered with
                // MethodNotFound (tower-lsp-server drops them unanswered).
                let id = serde_json::to_value(id).unwrap_or(Value::Null);
                return Verdict::Answer(error_answer(
                    &id,
                    ErrorCode::MethodNotFound,
                    &format!("eca-ls does not implement the request `{method}`"),
                ));
            }
            match method {
                "initialize" => session.initialize_seen = true,
                "shutdown" if session.initialize_seen => session.shutdown_requested = true,
                _ => {}
            }
        }
        return Verdict::Pass(body);
    }
    if serde_json::from_slice::<Response>(&body).is_ok() {
        return Verdict::Pass(body);
    }
    let value = match serde_json::from_slice::<Value>(&body) {
        Ok(value) => value,
        Err(error) => {
            return Verdict::Answer(error_answer(
                &Value::Null,
                ErrorCode::ParseError,
                &format!("the message is not valid JSON: {error}"),
            ));
        }
    };
    let is_request = value.get("method").is_some_and(Value::is_string);
    let is_response =
        !is_request && (value.get("result").is_some() || value.get("error").is_some());
    if is_response {
        // An answer to a request of ours with an id we never used (or in a shape we cannot
        // read): there is no one to tell.
        return Verdict::Drop;
    }
    // JSON-RPC: the answer carries the request's id when it could be read, else `null`. Any
    // number or string is echoed exactly as sent (`1.0` stays `1.0`).
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let message = match value.get("id") {
        Some(Value::Number(number)) if is_request && number.as_i64().is_none() => format!(
            "the request id `{number}` is not supported: eca-ls reads request ids that are integers (64-bit) or strings"
        ),
        _ => "the message is not a JSON-RPC 2.0 request, notification or response".to_string(),
    };
    Verdict::Answer(error_answer(&id, ErrorCode::InvalidRequest, &message))
}

/// A JSON-RPC error response to `id`.
fn error_answer(id: &Value, code: ErrorCode, message: &str) -> Vec<u8> {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code.code(), "message": message },
    })
    .to_string()
    .into_bytes()
}

/// Frames that go out around tower-lsp-server: its client holds back every notification but
/// log and show messages until `initialize` has been answered, while the spec lets
/// `$/progress` with the client's `workDoneToken` go out during `initialize`; and the input
/// side answers messages the server never sees.
#[derive(Debug, Clone)]
pub struct OutputQueue {
    frames: UnboundedSender<Vec<u8>>,
}

impl OutputQueue {
    /// Queue a notification; it leaves before anything the server writes after this call.
    pub fn notify(&self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params })
            .to_string()
            .into_bytes();
        self.send_frame(body);
    }

    /// Queue one whole message body.
    pub fn send_frame(&self, body: Vec<u8>) {
        // Fails only once the output is gone, when no one is listening any more.
        let _ = self.frames.send(body);
    }
}

/// The output side of the wire: tower-lsp-server writes to the returned stream, and its frames
/// go on to `output` whole, with the [`OutputQueue`]'s frames between them. The task ends
/// when the server drops its side of the stream.
pub fn merged_output<W>(output: W) -> (DuplexStream, OutputQueue, JoinHandle<()>)
where
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (server_side, mut our_side) = tokio::io::duplex(64 * 1024);
    let (sender, mut early) = unbounded_channel::<Vec<u8>>();
    let task = tokio::spawn(async move {
        let mut output = output;
        // What the server wrote that is not yet out: read into directly, and written from,
        // so bytes are not copied on their way through.
        let mut pending: Vec<u8> = Vec::with_capacity(READ_SIZE);
        loop {
            tokio::select! {
                biased;
                Some(body) = early.recv() => {
                    if write_frame(&mut output, &body).await.is_err() {
                        return;
                    }
                }
                read = read_more(&mut our_side, &mut pending) => {
                    if matches!(read, Ok(0) | Err(_)) {
                        break;
                    }
                    // Notifications queued before these bytes were written go first: a
                    // handler's progress before its answer.
                    while let Ok(body) = early.try_recv() {
                        if write_frame(&mut output, &body).await.is_err() {
                            return;
                        }
                    }
                    let complete = whole_frames_length(&pending);
                    if complete == 0 {
                        continue;
                    }
                    let written = async {
                        output.write_all(&pending[..complete]).await?;
                        output.flush().await
                    };
                    if written.await.is_err() {
                        return;
                    }
                    pending.drain(..complete);
                }
            }
        }
        let _ = output.write_all(&pending).await;
        let _ = output.flush().await;
    });
    (server_side, OutputQueue { frames: sender }, task)
}

/// How much the output side asks for at a time.
const READ_SIZE: usize = 64 * 1024;

/// Read what is there onto the end of `pending` (cancel safe, as `read_buf` is).
async fn read_more(input: &mut DuplexStream, pending: &mut Vec<u8>) -> std::io::Result<usize> {
    // Without room, a `Vec` offers `read_buf` only a few bytes at a time.
    pending.reserve(READ_SIZE);
    input.read_buf(pending).await
}

/// How many bytes at the start of `buffer` are whole frames. A header block without a usable
/// `Content-Length` (which tower-lsp-server never writes) passes through as it is.
fn whole_frames_length(buffer: &[u8]) -> usize {
    const HEADER_END: &[u8] = b"\r\n\r\n";
    let mut complete = 0;
    loop {
        let rest = &buffer[complete..];
        let Some(header_length) = rest
            .windows(HEADER_END.len())
            .position(|window| window == HEADER_END)
        else {
            return complete;
        };
        let header = String::from_utf8_lossy(&rest[..header_length]);
        let content_length = header
            .lines()
            .find_map(|line| content_length_value(line)?.parse::<usize>().ok());
        let Some(content_length) = content_length else {
            return buffer.len();
        };
        let frame_length = header_length + HEADER_END.len() + content_length;
        if rest.len() < frame_length {
            return complete;
        }
        complete += frame_length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    /// The bodies of the frames in `bytes`, as JSON.
    async fn bodies(bytes: &[u8]) -> Vec<Value> {
        let mut reader = BufReader::new(bytes);
        let mut bodies = Vec::new();
        while let Some(frame) = read_frame(&mut reader).await {
            bodies.push(serde_json::from_slice(&frame.unwrap()).unwrap());
        }
        bodies
    }

    /// What the input side hands the server for `input`, what it answers itself, and why it
    /// stopped.
    fn frames(input: String) -> (Vec<Value>, Vec<Value>, Ended, bool) {
        block_on(async move {
            let (collected, mut reader) = tokio::io::duplex(1024 * 1024);
            let (server_side, replies, output_task) = merged_output(collected);
            let (mut output, mut lifecycle) =
                checked_input(std::io::Cursor::new(input.into_bytes()), replies);
            let mut all = Vec::new();
            output.read_to_end(&mut all).await.unwrap();
            // Every answer is queued before the input side says it ended; with the server's
            // side gone the output task writes them and ends, which ends `reader`.
            let ended = lifecycle.ended().await;
            drop(server_side);
            output_task.await.unwrap();
            let mut answered = Vec::new();
            let mut written = Vec::new();
            reader.read_to_end(&mut written).await.unwrap();
            answered.extend(bodies(&written).await);
            (
                bodies(&all).await,
                answered,
                ended,
                lifecycle.shutdown_requested(),
            )
        })
    }

    fn verdict(body: &str) -> Verdict {
        check_body(body.as_bytes().to_vec(), &mut SessionWatch::default())
    }

    fn answer(body: &str) -> Value {
        match verdict(body) {
            Verdict::Answer(answer) => serde_json::from_slice(&answer).unwrap(),
            other => panic!("{body} was not answered: {other:?}"),
        }
    }

    #[test]
    fn passes_good_messages_and_answers_bad_ones() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"a/b"}"#),
            "Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{ bad"
                .to_string(),
            frame(r#"{"id":7,"x":true}"#),
            "X-Nothing: 1\r\n\r\n".to_string(),
            "Content-Length: many\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"c/d"}"#),
        ]
        .concat();
        let (passed, answered, ended, _) = frames(input);
        assert_eq!(passed.len(), 2, "{passed:#?}");
        assert_eq!(passed[0]["method"], "a/b");
        assert_eq!(passed[1]["method"], "c/d");
        assert_eq!(answered.len(), 4, "{answered:#?}");
        assert_eq!(answered[0]["id"], Value::Null);
        assert_eq!(answered[0]["error"]["code"], -32700);
        assert_eq!(answered[1]["id"], 7);
        assert_eq!(answered[1]["error"]["code"], -32600);
        assert_eq!(answered[2]["error"]["code"], -32700);
        assert_eq!(answered[3]["error"]["code"], -32700);
        assert_eq!(ended, Ended::EndOfInput);
    }

    #[test]
    fn ids_tower_lsp_cannot_read_are_answered_with_the_id_as_sent() {
        for id in [
            "1.0",
            "1e3",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "1.5",
        ] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            let answer = answer(&body);
            assert_eq!(answer["error"]["code"], -32600, "{id}: {answer}");
            let expected: Value = serde_json::from_str(id).unwrap();
            assert_eq!(answer["id"], expected, "{id}");
        }
        // The ones it reads pass.
        for id in ["9223372036854775807", "\"x\"", "-1"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"shutdown"}}"#);
            assert!(matches!(verdict(&body), Verdict::Pass(_)), "{id}");
        }
    }

    #[test]
    fn dollar_requests_are_answered_method_not_found_and_notifications_pass() {
        for method in ["$/foo", "$/progress", "$/setTrace", "$/cancelRequest"] {
            let body = format!(r#"{{"jsonrpc":"2.0","id":2,"method":"{method}","params":{{}}}}"#);
            let answer = answer(&body);
            assert_eq!(answer["error"]["code"], -32601, "{method}: {answer}");
            assert_eq!(answer["id"], 2);
        }
        let cancel = r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#;
        assert!(matches!(verdict(cancel), Verdict::Pass(_)));
    }

    #[test]
    fn responses_with_unreadable_ids_are_dropped() {
        assert_eq!(
            verdict(r#"{"jsonrpc":"2.0","id":1.0,"result":null}"#),
            Verdict::Drop
        );
    }

    #[test]
    fn exit_ends_the_input_and_shutdown_before_it_is_remembered() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}"#),
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
            frame(r#"{"jsonrpc":"2.0","id":2,"method":"never/seen"}"#),
        ]
        .concat();
        let (passed, _, ended, shutdown) = frames(input);
        assert_eq!(passed.len(), 2, "{passed:#?}");
        assert_eq!(ended, Ended::Exit);
        assert!(shutdown);
        // `shutdown` before `initialize` is refused by the server and does not count.
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        let (_, _, ended, shutdown) = frames(input);
        assert_eq!(ended, Ended::Exit);
        assert!(!shutdown);
    }

    #[test]
    fn ends_with_the_input_even_mid_message() {
        let (passed, _, ended, _) = frames("Content-Length: 99\r\n\r\n{\"jsonrpc\"".to_string());
        assert!(passed.is_empty());
        assert_eq!(ended, Ended::EndOfInput);
    }

    #[test]
    fn whole_frames_stop_before_a_partial_one() {
        let two = [frame("{}"), frame("[1]")].concat();
        assert_eq!(whole_frames_length(two.as_bytes()), two.len());
        let partial = format!("{}Content-Length: 9\r\n\r\n{{", frame("{}"));
        assert_eq!(whole_frames_length(partial.as_bytes()), frame("{}").len());
        assert_eq!(whole_frames_length(b"Content-Len"), 0);
        // A header block without a usable length passes through as it is.
        let unusable = b"Content-Length: x\r\n\r\nrest";
        assert_eq!(whole_frames_length(unusable), unusable.len());
    }

    #[test]
    fn early_notifications_go_out_whole_and_before_what_follows() {
        let bodies = block_on(async {
            let (collected, mut reader) = tokio::io::duplex(1024 * 1024);
            let (mut server_side, notifier, task) = merged_output(collected);
            let answer = frame(r#"{"jsonrpc":"2.0","id":1,"result":null}"#);
            // Half a frame from the server, then a notification, then the rest: the
            // notification must not land inside the frame.
            server_side
                .write_all(&answer.as_bytes()[..10])
                .await
                .unwrap();
            server_side.flush().await.unwrap();
            tokio::task::yield_now().await;
            notifier.notify("$/progress", json!({ "token": 1 }));
            server_side
                .write_all(&answer.as_bytes()[10..])
                .await
                .unwrap();
            drop(server_side);
            task.await.unwrap();
            let mut all = Vec::new();
            reader.read_to_end(&mut all).await.unwrap();
            bodies(&all).await
        });
        assert_eq!(bodies.len(), 2, "{bodies:#?}");
        assert_eq!(bodies[0]["method"], "$/progress");
        assert_eq!(bodies[1]["id"], 1);
    }
}
