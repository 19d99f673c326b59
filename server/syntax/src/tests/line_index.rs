//! Tests of offset ↔ line/column conversion, against a naive reference and by round trips.

use proptest::prelude::*;

use crate::{LineCol, LineIndex, PositionEncoding};

const ENCODINGS: [PositionEncoding; 2] = [PositionEncoding::Utf8, PositionEncoding::Utf16];

fn position(line: u32, col: u32) -> LineCol {
    LineCol { line, col }
}

/// Line and column of `offset` counted one character at a time from the start.
fn naive_line_col(text: &str, offset: usize, encoding: PositionEncoding) -> LineCol {
    let mut line = 0;
    let mut col = 0;
    let mut characters = text.char_indices().peekable();
    while let Some((at, character)) = characters.next() {
        if at >= offset {
            break;
        }
        match character {
            '\r' | '\n' => {
                if character == '\r' && characters.peek().map(|(_, next)| *next) == Some('\n') {
                    if at + 1 >= offset {
                        // Between `\r` and `\n`: the end of the line's content.
                        break;
                    }
                    characters.next();
                }
                line += 1;
                col = 0;
            }
            _ => {
                col += match encoding {
                    PositionEncoding::Utf8 => character.len_utf8(),
                    PositionEncoding::Utf16 => character.len_utf16(),
                } as u32;
            }
        }
    }
    position(line, col)
}

fn is_inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes()[offset - 1] == b'\r'
        && text.as_bytes().get(offset) == Some(&b'\n')
}

#[test]
fn empty_text_has_one_empty_line() {
    let index = LineIndex::new("");
    assert_eq!(index.line_count(), 1);
    for encoding in ENCODINGS {
        assert_eq!(index.line_col(0, encoding), position(0, 0));
        assert_eq!(index.line_col(10, encoding), position(0, 0));
        assert_eq!(index.offset(position(0, 5), encoding), 0);
        assert_eq!(index.offset(position(3, 0), encoding), 0);
    }
}

#[test]
fn every_kind_of_line_break_ends_a_line() {
    let text = "a\nb\r\nc\rd\r\r\n\ne";
    let index = LineIndex::new(text);
    assert_eq!(index.line_count(), 7);
    let starts: Vec<_> = (0..7).map(|line| index.line_start(line)).collect();
    assert_eq!(
        starts,
        [
            Some(0),
            Some(2),
            Some(5),
            Some(7),
            Some(9),
            Some(11),
            Some(12)
        ]
    );
    assert_eq!(index.line_start(7), None);
    assert_eq!(index.line_col(5, PositionEncoding::Utf16), position(2, 0));
    assert_eq!(index.line_col(9, PositionEncoding::Utf16), position(4, 0));
    assert_eq!(index.line_col(12, PositionEncoding::Utf16), position(6, 0));
}

#[test]
fn trailing_line_break_starts_an_empty_last_line() {
    let index = LineIndex::new("a\n");
    assert_eq!(index.line_count(), 2);
    assert_eq!(index.line_col(2, PositionEncoding::Utf16), position(1, 0));
    assert_eq!(index.offset(position(1, 0), PositionEncoding::Utf16), 2);
}

#[test]
fn the_spot_inside_crlf_is_the_end_of_the_line() {
    let index = LineIndex::new("ab\r\ncd");
    assert_eq!(index.line_col(3, PositionEncoding::Utf8), position(0, 2));
    assert_eq!(index.offset(position(0, 2), PositionEncoding::Utf8), 2);
}

#[test]
fn columns_count_utf8_bytes_or_utf16_units() {
    // `é` is 2 bytes / 1 unit, `日` 3 bytes / 1 unit, `😀` 4 bytes / 2 units.
    let text = "é日😀b\n—x";
    let index = LineIndex::new(text);
    let b = text.find('b').unwrap_or_default();
    assert_eq!(index.line_col(b, PositionEncoding::Utf8), position(0, 9));
    assert_eq!(index.line_col(b, PositionEncoding::Utf16), position(0, 4));
    assert_eq!(index.offset(position(0, 4), PositionEncoding::Utf16), b);
    assert_eq!(index.offset(position(0, 9), PositionEncoding::Utf8), b);
    let x = text.find('x').unwrap_or_default();
    assert_eq!(index.line_col(x, PositionEncoding::Utf8), position(1, 3));
    assert_eq!(index.line_col(x, PositionEncoding::Utf16), position(1, 1));
}

#[test]
fn a_spot_inside_a_character_moves_to_its_start() {
    let text = "a😀b";
    let index = LineIndex::new(text);
    // Second UTF-16 unit of the emoji, and bytes inside it.
    assert_eq!(index.offset(position(0, 2), PositionEncoding::Utf16), 1);
    assert_eq!(index.offset(position(0, 3), PositionEncoding::Utf8), 1);
    assert_eq!(index.line_col(2, PositionEncoding::Utf16), position(0, 1));
    assert_eq!(index.line_col(4, PositionEncoding::Utf8), position(0, 1));
}

#[test]
fn columns_and_lines_past_the_end_clamp() {
    let text = "ab😀\r\ncd";
    let index = LineIndex::new(text);
    for encoding in ENCODINGS {
        assert_eq!(index.offset(position(0, 100), encoding), 6, "{encoding:?}");
        assert_eq!(index.offset(position(1, 100), encoding), text.len());
        assert_eq!(index.offset(position(9, 0), encoding), text.len());
        assert_eq!(index.line_col(100, encoding), position(1, 2));
    }
}

fn line_heavy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\n".to_string()),
            Just("\r".to_string()),
            Just("\r\n".to_string()),
            Just("😀".to_string()),
            Just("日本".to_string()),
            Just("—".to_string()),
            "[a-z ]{0,5}",
            any::<char>().prop_map(|character| character.to_string()),
        ],
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn line_col_matches_the_naive_count_and_round_trips(text in line_heavy_text()) {
        let index = LineIndex::new(&text);
        let boundaries = text.char_indices().map(|(offset, _)| offset).chain([text.len()]);
        for offset in boundaries {
            for encoding in ENCODINGS {
                let line_col = index.line_col(offset, encoding);
                prop_assert_eq!(line_col, naive_line_col(&text, offset, encoding));
                if !is_inside_crlf(&text, offset) {
                    prop_assert_eq!(index.offset(line_col, encoding), offset);
                }
            }
        }
    }

    #[test]
    fn columns_past_the_end_of_a_line_clamp_to_its_end(
        text in line_heavy_text(),
        line in 0u32..50,
        extra in 0u32..10,
    ) {
        let index = LineIndex::new(&text);
        for encoding in ENCODINGS {
            let Some(start) = index.line_start(line) else {
                prop_assert_eq!(index.offset(position(line, 0), encoding), text.len());
                continue;
            };
            let rest = &text[start..];
            let content_len = rest.find(['\r', '\n']).unwrap_or(rest.len());
            let width = match encoding {
                PositionEncoding::Utf8 => content_len,
                PositionEncoding::Utf16 => rest[..content_len].encode_utf16().count(),
            } as u32;
            prop_assert_eq!(index.offset(position(line, width + extra), encoding), start + content_len);
        }
    }

    #[test]
    fn offsets_of_any_position_are_char_boundaries(
        text in line_heavy_text(),
        line in 0u32..50,
        col in 0u32..60,
    ) {
        let index = LineIndex::new(&text);
        for encoding in ENCODINGS {
            let offset = index.offset(position(line, col), encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }
}
