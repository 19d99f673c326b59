//! Document synchronization: open, incremental changes (several per notification), close, with
//! multi-byte text and CRLF line breaks under both position encodings, and a randomized run of
//! hundreds of edits compared with the server's buffer after each.

use serde_json::{Value, json};

use crate::common::{ClientSetup, LspClient, range};

fn start_with(encoding: &'static str) -> LspClient {
    let setup = ClientSetup {
        position_encodings: Some(vec![encoding]),
        ..ClientSetup::default()
    };
    LspClient::start(&setup).0
}

#[test]
fn applies_several_changes_after_emoji_and_japanese_in_utf16() {
    let mut client = start_with("utf-16");
    let uri = "file:///nowhere/utf16.ecaOauth-meta.xml";
    client.open(uri, 1, "<label>😀日本</label>\r\n<b>x</b>\r\n");
    client.change(
        uri,
        2,
        json!([
            // 😀 is two UTF-16 units: column 10 is after 日.
            { "range": range((0, 10), (0, 10)), "text": "語" },
            // The second change sees the first.
            { "range": range((0, 11), (0, 12)), "text": "🎌" },
            { "range": range((1, 3), (1, 4)), "text": "ユーザー" },
        ]),
    );
    assert_eq!(
        client.server_text(uri).as_deref(),
        Some("<label>😀日語🎌</label>\r\n<b>ユーザー</b>\r\n")
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn applies_several_changes_after_emoji_and_japanese_in_utf8() {
    let mut client = start_with("utf-8");
    let uri = "file:///nowhere/utf8.ecaOauth-meta.xml";
    client.open(uri, 1, "<label>😀日本</label>\r\n<b>x</b>\r\n");
    client.change(
        uri,
        2,
        json!([
            // 😀 is four bytes and 日 three: column 14 is after 日.
            { "range": range((0, 14), (0, 14)), "text": "語" },
            { "range": range((0, 17), (0, 20)), "text": "🎌" },
            // Join the two lines across the CRLF.
            { "range": range((0, 29), (1, 0)), "text": "" },
        ]),
    );
    assert_eq!(
        client.server_text(uri).as_deref(),
        Some("<label>😀日語🎌</label><b>x</b>\r\n")
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn full_text_changes_replace_the_buffer_and_close_forgets_it() {
    let mut client = start_with("utf-16");
    let uri = "file:///nowhere/full.xml";
    client.open(uri, 1, "one");
    client.change(
        uri,
        2,
        json!([{ "text": "two\nlines" }, { "range": range((1, 0), (1, 5)), "text": "words" }]),
    );
    assert_eq!(client.server_text(uri).as_deref(), Some("two\nwords"));
    client.close(uri);
    assert_eq!(client.server_text(uri), None);
    // Changes to a closed or never opened document are ignored.
    client.change(uri, 3, json!([{ "text": "ghost" }]));
    assert_eq!(client.server_text(uri), None);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn positions_past_the_end_are_clamped() {
    let mut client = start_with("utf-16");
    let uri = "file:///nowhere/clamp.xml";
    client.open(uri, 1, "ab\ncd");
    client.change(
        uri,
        2,
        json!([
            { "range": range((0, 99), (0, 99)), "text": "!" },
            { "range": range((42, 0), (42, 7)), "text": "?" },
        ]),
    );
    assert_eq!(client.server_text(uri).as_deref(), Some("ab!\ncd?"));
    assert!(client.shutdown_and_exit().success());
}

/// A deterministic xorshift generator: the same edits on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "a",
    "<label>",
    "</label>",
    "😀",
    "日本語",
    "ﾃｽﾄ",
    "\r\n",
    "\n",
    "\r",
    "é",
    "🎌x",
    " ",
    "ユーザー\r\n",
    "𝄞",
];

/// The LSP position of a char boundary `offset` in `text`: lines end at `\n`, `\r\n` or `\r`.
fn position_of(text: &str, offset: usize, utf8: bool) -> (u32, u32) {
    let mut line = 0u32;
    let mut column = 0u32;
    let mut chars = text[..offset].chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                // A `\r\n` pair is one break; `offset` never falls between them.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                column = 0;
            }
            '\n' => {
                line += 1;
                column = 0;
            }
            _ => column += if utf8 { ch.len_utf8() } else { ch.len_utf16() } as u32,
        }
    }
    (line, column)
}

/// A random char boundary of `text` that does not split a `\r\n` pair.
fn boundary(text: &str, random: &mut Random) -> usize {
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&index| text.is_char_boundary(index))
        .filter(|&index| {
            !(index > 0
                && text.as_bytes()[index - 1] == b'\r'
                && text.as_bytes().get(index) == Some(&b'\n'))
        })
        .collect();
    boundaries[random.below(boundaries.len())]
}

fn random_edits(encoding: &'static str, seed: u64) {
    let utf8 = encoding == "utf-8";
    let mut client = start_with(encoding);
    let uri = format!("file:///nowhere/random-{encoding}-{seed}.ecaOauth-meta.xml");
    let mut random = Random(seed);
    let mut text = String::from("<a>😀\r\n日本</a>\n");
    client.open(&uri, 1, &text);
    for version in 2..=160i64 {
        let mut changes = Vec::new();
        for _ in 0..1 + random.below(3) {
            let first = boundary(&text, &mut random);
            let second = boundary(&text, &mut random);
            let (start, end) = (first.min(second), first.max(second));
            // Keep deletions short, so the text grows and shrinks around its size.
            let end = if end - start > 12 { start } else { end };
            let end = if text.is_char_boundary(end) {
                end
            } else {
                start
            };
            let mut inserted = String::new();
            for _ in 0..random.below(3) {
                inserted.push_str(PIECES[random.below(PIECES.len())]);
            }
            let start_position = position_of(&text, start, utf8);
            let end_position = position_of(&text, end, utf8);
            changes.push(json!({ "range": range(start_position, end_position), "text": inserted }));
            text.replace_range(start..end, &inserted);
            // Inserting next to a `\r` or `\n` can form a new `\r\n` pair; positions already
            // account for that because they are computed on the text before each change.
        }
        client.change(&uri, version, Value::Array(changes));
        assert_eq!(
            client.server_text(&uri).as_deref(),
            Some(text.as_str()),
            "{encoding} seed {seed} after version {version}"
        );
    }
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn random_incremental_edits_keep_the_buffers_equal_in_utf16() {
    for seed in [0x9E37_79B9_7F4A_7C15, 42, 7_777_777] {
        random_edits("utf-16", seed);
    }
}

#[test]
fn random_incremental_edits_keep_the_buffers_equal_in_utf8() {
    for seed in [0xD1B5_4A32_D192_ED03, 1234, 99_991] {
        random_edits("utf-8", seed);
    }
}
