//! The input side of the wire, in front of tower-lsp-server: it re-frames each message and
//! replaces one the server could not read with a request it answers with an error.
//!
//! tower-lsp-server's reader stops for good at the first frame it cannot decode (malformed
//! JSON, a body that is no JSON-RPC message, an unsupported `Content-Type`), which would end
//! the session on one bad message. Here every such frame becomes a call to
//! [`INVALID_MESSAGE_METHOD`] carrying the error to answer (`ParseError` or `InvalidRequest`,
//! with the message's id when it had a usable one, else `null`), and serving goes on.
//!
//! The output side passes the server's frames on whole and lets notifications it must send
//! during `initialize` (`$/progress`) go out between them.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, DuplexStream,
};
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};

/// The internal method a bad frame is turned into; it answers the error it carries.
pub const INVALID_MESSAGE_METHOD: &str = "$/eca-ls/invalidMessage";

/// Bodies larger than this are refused (and skipped) rather than buffered.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// The params of [`INVALID_MESSAGE_METHOD`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidMessage {
    pub code: i64,
    pub message: String,
}

impl InvalidMessage {
    pub fn into_error(self) -> Error {
        Error {
            code: ErrorCode::from(self.code),
            message: self.message.into(),
            data: None,
        }
    }
}

/// Read LSP frames from `input` and hand them on, checked, through the returned stream.
pub fn checked_input<R>(input: R) -> DuplexStream
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let (server_side, mut our_side) = tokio::io::duplex(64 * 1024);
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(frame) = read_frame(&mut input).await {
            let body = match frame {
                Ok(body) => check_body(body),
                Err(problem) => invalid_message_call(Value::Null, ErrorCode::ParseError, &problem),
            };
            if write_frame(&mut our_side, &body).await.is_err() {
                // The server stopped reading (after `exit`).
                break;
            }
        }
    });
    server_side
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

/// The body itself when tower-lsp-server can read it, else a call that answers its error.
fn check_body(body: Vec<u8>) -> Vec<u8> {
    // Requests and notifications are nearly all a client sends (every keystroke is one), and
    // a body that is none fails as a `Response` only after a whole buffered parse: try them
    // first.
    if serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok()
    {
        return body;
    }
    match serde_json::from_slice::<Value>(&body) {
        Err(error) => invalid_message_call(
            Value::Null,
            ErrorCode::ParseError,
            &format!("the message is not valid JSON: {error}"),
        ),
        Ok(value) => {
            let id = match value.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_)))
                    if id.as_f64().is_none_or(|number| number.fract() == 0.0) =>
                {
                    id.clone()
                }
                _ => Value::Null,
            };
            invalid_message_call(
                id,
                ErrorCode::InvalidRequest,
                "the message is not a JSON-RPC 2.0 request, notification or response",
            )
        }
    }
}

fn invalid_message_call(id: Value, code: ErrorCode, message: &str) -> Vec<u8> {
    let params = InvalidMessage {
        code: code.code(),
        message: message.to_string(),
    };
    json!({ "jsonrpc": "2.0", "id": id, "method": INVALID_MESSAGE_METHOD, "params": params })
        .to_string()
        .into_bytes()
}

/// Sends notifications around tower-lsp-server's client, which holds back every notification
/// but log and show messages until `initialize` has been answered, while the spec lets
/// `$/progress` with the client's `workDoneToken` go out during `initialize`.
#[derive(Debug, Clone)]
pub struct EarlyNotifier {
    frames: UnboundedSender<Vec<u8>>,
}

impl EarlyNotifier {
    /// Queue a notification; it leaves before anything the server writes after this call.
    pub fn notify(&self, method: &str, params: Value) {
        let body = json!({ "jsonrpc": "2.0", "method": method, "params": params })
            .to_string()
            .into_bytes();
        // Fails only once the output is gone, when no one is listening any more.
        let _ = self.frames.send(body);
    }
}

/// The output side of the wire: tower-lsp-server writes to the returned stream, and its frames
/// go on to `output` whole, with the [`EarlyNotifier`]'s frames between them. The task ends
/// when the server drops its side of the stream.
pub fn merged_output<W>(output: W) -> (DuplexStream, EarlyNotifier, JoinHandle<()>)
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
    (server_side, EarlyNotifier { frames: sender }, task)
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

    /// What the input side hands the server for `input`.
    fn frames(input: String) -> Vec<Value> {
        block_on(async move {
            let mut output = checked_input(std::io::Cursor::new(input.into_bytes()));
            let mut all = Vec::new();
            output.read_to_end(&mut all).await.unwrap();
            bodies(&all).await
        })
    }

    #[test]
    fn passes_good_messages_and_replaces_bad_ones() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":1,"method":"a/b"}"#),
            "Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{ bad"
                .to_string(),
            frame(r#"{"id":7,"x":true}"#),
            "X-Nothing: 1\r\n\r\n".to_string(),
            "Content-Length: many\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
        ]
        .concat();
        let bodies = frames(input);
        assert_eq!(bodies.len(), 6, "{bodies:#?}");
        assert_eq!(bodies[0]["method"], "a/b");
        assert_eq!(bodies[1]["method"], INVALID_MESSAGE_METHOD);
        assert_eq!(bodies[1]["id"], Value::Null);
        assert_eq!(bodies[1]["params"]["code"], -32700);
        assert_eq!(bodies[2]["id"], 7);
        assert_eq!(bodies[2]["params"]["code"], -32600);
        assert_eq!(bodies[3]["params"]["code"], -32700);
        assert_eq!(bodies[4]["params"]["code"], -32700);
        assert_eq!(bodies[5]["method"], "exit");
    }

    #[test]
    fn ends_with_the_input_even_mid_message() {
        let bodies = frames("Content-Length: 99\r\n\r\n{\"jsonrpc\"".to_string());
        assert!(bodies.is_empty());
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
