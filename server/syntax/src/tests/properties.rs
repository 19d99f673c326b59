//! Property tests: whatever the input, `parse` does not panic and every range it returns is
//! sound (inside the text, on char boundaries, children inside parents).

use std::sync::LazyLock;

use proptest::prelude::*;

use super::assert_valid_ranges;
use super::corpus::corpus_files;
use crate::parse;

/// Pieces of XML and of the mistakes people make with it, to build inputs that reach the
/// parser's corners far more often than uniformly random text would.
pub(super) const FRAGMENTS: &[&str] = &[
    "<",
    "</",
    ">",
    "/>",
    "/",
    "&",
    ";",
    "&amp;",
    "&lt;",
    "&#x1F600;",
    "&#0;",
    "&foo;",
    "<!--",
    "-->",
    "--",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE a [",
    "]>",
    "\"",
    "'",
    "=",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "a",
    "b",
    "Root",
    "guestJwt",
    "xmlns",
    "xsi:nil",
    "x=\"1\"",
    "😀",
    "日本",
    "—",
    "\u{FEFF}",
    "<<<<<<< HEAD\n",
    "=======\n",
    ">>>>>>> abc\n",
    "<a>",
    "</a>",
    "<b>",
    "</b>",
    "<a/>",
    "<!",
    "<!-",
    "[",
    "]",
];

pub(super) fn fragment_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => "[a-zA-Z0-9:_.-]{1,8}",
            1 => any::<char>().prop_map(|character| character.to_string()),
        ],
        0..80,
    )
    .prop_map(|pieces| pieces.concat())
}

pub(super) static CORPUS: LazyLock<Vec<String>> =
    LazyLock::new(|| corpus_files().into_iter().map(|(_, text)| text).collect());

/// One edit of a corpus file: at a relative position, delete up to `delete` chars and insert
/// `insert`.
#[derive(Debug, Clone)]
pub(super) struct Edit {
    position: f64,
    delete: usize,
    insert: String,
}

pub(super) fn edit() -> impl Strategy<Value = Edit> {
    (
        0.0..1.0f64,
        0usize..40,
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => Just(String::new()),
            1 => ".{0,6}",
        ],
    )
        .prop_map(|(position, delete, insert)| Edit {
            position,
            delete,
            insert,
        })
}

/// Applies `edits` to `text`, always cutting on char boundaries.
pub(super) fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for edit in edits {
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(offset, _)| offset)
            .chain([text.len()])
            .collect();
        let index = ((boundaries.len() - 1) as f64 * edit.position) as usize;
        let start = boundaries[index];
        let end = boundaries[(index + edit.delete).min(boundaries.len() - 1)];
        text.replace_range(start..end, &edit.insert);
    }
    text
}

/// 512 cases by default (the suite runs on two shared cores); `PROPTEST_CASES` raises it for
/// a long local run.
pub(super) fn case_count() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    #[test]
    fn fragment_soup_parses_with_sound_ranges(text in fragment_soup()) {
        assert_valid_ranges(&text, &parse(&text));
    }

    #[test]
    fn element_at_finds_an_element_around_the_cursor(text in fragment_soup()) {
        let document = parse(&text).document;
        let boundaries = text.char_indices().map(|(offset, _)| offset).chain([text.len()]);
        for offset in boundaries {
            if let Some(id) = document.element_at(offset) {
                let range = document.element(id).range();
                prop_assert!(range.start < offset && offset <= range.end);
                for child in document.child_elements(id) {
                    let child_range = document.element(child).range();
                    prop_assert!(!(child_range.start < offset && offset < child_range.end));
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_parses_with_sound_ranges(text in any::<String>()) {
        assert_valid_ranges(&text, &parse(&text));
    }

    #[test]
    fn edited_corpus_files_parse_with_sound_ranges(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let original = &CORPUS[file.index(CORPUS.len())];
        let text = apply_edits(original, &edits);
        assert_valid_ranges(&text, &parse(&text));
    }
}
