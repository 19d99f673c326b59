//! The whole-text scans that look at blocks of bytes at a time — characters XML forbids, and
//! merge-conflict marker lines — against plain character-by-character and line-by-line
//! readings, for random texts in which those characters and lines fall at every offset of a
//! block, and the count of `<` that sizes the arenas.

use proptest::prelude::*;

use super::properties::case_count;
use crate::{SyntaxErrorKind, TextRange, parse};

/// Pieces of text: ASCII filler of many lengths (so that what follows lands at every offset
/// of a 32-byte block), line breaks, tabs, forbidden control characters, the characters whose
/// UTF-8 starts with 0xEF (forbidden or not), markup and marker runs.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z <>/=\"]{0,40}",
        2 => prop::sample::select(
            &[
                "\n", "\r", "\r\n", "\t", "\u{0}", "\u{1}", "\u{b}", "\u{1b}", "\u{1f}", "\u{fffe}",
                "\u{ffff}", "\u{feff}", "\u{f000}", "\u{fffd}", "\u{7f}", "\u{80}", "日本",
                "<<<<<<<", "=======", ">>>>>>>", "|||||||", "<<<<<<< HEAD", "========", " =======",
            ][..],
        )
        .prop_map(str::to_string),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

fn forbidden(character: char) -> bool {
    (u32::from(character) < 0x20 && !matches!(character, '\t' | '\n' | '\r'))
        || matches!(character, '\u{fffe}' | '\u{ffff}')
}

/// Each run of forbidden characters, read character by character.
fn forbidden_runs(text: &str) -> Vec<TextRange> {
    let mut runs: Vec<TextRange> = Vec::new();
    for (offset, character) in text.char_indices() {
        if !forbidden(character) {
            continue;
        }
        let end = offset + character.len_utf8();
        match runs.last_mut() {
            Some(run) if run.end == offset => run.end = end,
            _ => runs.push(TextRange::new(offset, end)),
        }
    }
    runs
}

/// The marker lines, read line by line (a line ends at `\n`, `\r\n` or a lone `\r`).
fn marker_lines(text: &str) -> Vec<TextRange> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    while start <= bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&byte| byte == b'\n' || byte == b'\r')
            .map_or(bytes.len(), |at| start + at);
        let line = &text[start..end];
        let marker = ["<<<<<<<", "|||||||", "=======", ">>>>>>>"]
            .iter()
            .find(|marker| line.starts_with(**marker));
        if let Some(marker) = marker
            && matches!(line.as_bytes().get(marker.len()), None | Some(b' ' | b'\t'))
        {
            lines.push(TextRange::new(start, end));
        }
        if end == bytes.len() {
            break;
        }
        start = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
    }
    lines
}

fn errors_of(text: &str, kind: SyntaxErrorKind) -> Vec<TextRange> {
    parse(text)
        .errors
        .into_iter()
        .filter(|error| error.kind == kind)
        .map(|error| error.range)
        .collect()
}

#[test]
fn forbidden_characters_past_the_first_blocks_are_found() {
    let filler = "a".repeat(100);
    for offset in [0, 1, 31, 32, 33, 63, 64, 95] {
        let text = format!(
            "<A>{}\u{1}{}\u{ffff}</A>",
            &filler[..offset],
            &filler[offset..]
        );
        let found = errors_of(&text, SyntaxErrorKind::ForbiddenCharacter);
        assert_eq!(found, forbidden_runs(&text), "{text:?}");
        assert_eq!(found.len(), 2, "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    #[test]
    fn forbidden_characters_are_found_as_a_reading_by_character_finds_them(text in text()) {
        let found = errors_of(&text, SyntaxErrorKind::ForbiddenCharacter);
        // Past the error cap the parse lists no more; random texts stay far below it.
        prop_assert_eq!(found, forbidden_runs(&text), "{:?}", text);
    }

    #[test]
    fn the_less_thans_are_counted_as_a_plain_count_counts_them(text in text()) {
        let plain = text.bytes().filter(|&byte| byte == b'<').count();
        prop_assert_eq!(crate::parser::count_less_thans(text.as_bytes()), plain);
    }

    #[test]
    fn marker_lines_are_found_as_a_reading_by_line_finds_them(text in text()) {
        let found = errors_of(&text, SyntaxErrorKind::MergeConflictMarker);
        prop_assert_eq!(found, marker_lines(&text), "{:?}", text);
    }
}
