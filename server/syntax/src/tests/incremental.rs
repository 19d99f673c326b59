//! Re-parsing after an edit: for random edits of random, real and edited real files, what
//! `reparse` gives equals a fresh parse of the edited text, whether it moved the tree or parsed
//! afresh — anywhere, inside text, and inside attribute values; and typing in the values of
//! real files and in attribute values does move the tree.

use proptest::prelude::*;

use super::properties::{CORPUS, FRAGMENTS, apply_edits, case_count, edit, fragment_soup};
use crate::{Edit, Node, SourceText, TextRange, parse, reparse, reparses_in_place};

/// Applies `inserted` over `range` of `text`, reparses, and compares with a fresh parse.
/// Returns whether the tree was moved rather than parsed afresh.
fn check_edit(text: &str, range: TextRange, inserted: &str) -> bool {
    let before = parse(text);
    let mut edited = text.to_string();
    edited.replace_range(range.start..range.end, inserted);
    let edited = SourceText::from(edited);
    let edit = Edit { range, inserted };
    let moved = reparses_in_place(&before, edit, &edited);
    let after = reparse(&before, edit, edited.clone());
    let fresh = parse(edited.clone());
    assert!(
        after == fresh,
        "reparse differs from a fresh parse after replacing {range:?} of {text:?} with \
         {inserted:?} (moved: {moved})"
    );
    moved
}

/// A range inside the chosen one of `ranges` (placed by `start` and `length` as `range_at`
/// places it), or anywhere in `text` when there are none.
fn range_inside_one_of(
    text: &str,
    ranges: &[TextRange],
    chosen: prop::sample::Index,
    start: f64,
    length: usize,
) -> TextRange {
    let outer = ranges
        .get(chosen.index(ranges.len().max(1)))
        .copied()
        .unwrap_or(TextRange::new(0, text.len()));
    let inside = range_at(outer.slice(text), start, length);
    TextRange::new(outer.start + inside.start, outer.start + inside.end)
}

/// A range of `text` on char boundaries, from relative positions.
fn range_at(text: &str, start: f64, length: usize) -> TextRange {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(offset, _)| offset)
        .chain([text.len()])
        .collect();
    let first = ((boundaries.len() - 1) as f64 * start) as usize;
    let last = (first + length).min(boundaries.len() - 1);
    TextRange::new(boundaries[first], boundaries[last])
}

/// The non-empty text nodes inside elements.
fn text_nodes(text: &str) -> Vec<TextRange> {
    let document = parse(text).document;
    document
        .element_ids()
        .flat_map(|id| document.element(id).children())
        .filter_map(|node| match node {
            Node::Text(text_node) if !text_node.range().is_empty() => Some(text_node.range()),
            _ => None,
        })
        .collect()
}

/// The raw values of the attributes of start tags.
fn attribute_values(text: &str) -> Vec<TextRange> {
    let document = parse(text).document;
    document
        .element_ids()
        .flat_map(|id| {
            document
                .element(id)
                .attributes()
                .map(|attribute| attribute.value_range())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Start tags with attributes of every shape: both quotes, namespace declarations, `xsi:nil`,
/// an empty value, values with spaces, slashes and `=`, a self-closing element, and a
/// merge-conflict-like run of `=` nearby.
const WITH_ATTRIBUTES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <Root xmlns=\"http://soap.sforce.com/2006/04/metadata\" a='one two'>\n\
    \x20 <label xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">x</label>\n\
    \x20 <o:thing xmlns:o=\"urn:o\" b=\"\" c='a/b' d=\"x=y\"/>\n\
    \x20 <p q=\"v\">t</p><r s=\"======\">u</r>\n\
    </Root>\n";

/// What people type into values.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 _.:/@-]{0,6}",
        1 => prop::sample::select(&["\"", "'", ">", "?", "\n", " ", "\t", "日本", "😀"][..])
            .prop_map(str::to_string),
        1 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
    ]
}

#[test]
fn typing_in_a_value_of_a_real_file_moves_the_tree() {
    let text = &CORPUS[0];
    let nodes = text_nodes(text);
    let value = nodes
        .iter()
        .find(|range| !range.slice(text).trim().is_empty())
        .expect("a value");
    assert!(check_edit(text, TextRange::empty(value.end), "x"));
    assert!(check_edit(
        text,
        TextRange::new(value.end - 1, value.end),
        ""
    ));
    // Markup typed into a value is parsed afresh.
    assert!(!check_edit(text, TextRange::empty(value.end), "<"));
}

#[test]
fn typing_in_an_attribute_value_moves_the_tree() {
    let text = WITH_ATTRIBUTES;
    let at = text.find("urn:o").expect("the value") + 3;
    assert!(check_edit(text, TextRange::empty(at), "x"));
    assert!(check_edit(text, TextRange::new(at, at + 1), ""));
    let root_namespace = text.find("2006/04").expect("the namespace");
    assert!(check_edit(
        text,
        TextRange::new(root_namespace, root_namespace + 4),
        "2007"
    ));
    // A quote typed into a value ends it, and an emptied value is parsed afresh.
    assert!(!check_edit(text, TextRange::empty(at), "\""));
    let empty = text.find("b=\"\"").expect("the empty value") + 3;
    assert!(!check_edit(text, TextRange::empty(empty), "x"));
}

/// What is typed into attribute values, quotes and markup among it.
fn typed_in_attributes() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 _.:/@=-]{0,6}",
        1 => prop::sample::select(
            &["\"", "'", ">", "/", "/>", "=", "=======", "\n", "\t", "日本", "&amp;", "<", "?>"][..]
        )
        .prop_map(str::to_string),
        1 => typed(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    #[test]
    fn reparse_equals_a_fresh_parse_for_edits_inside_attribute_values(
        file in any::<prop::sample::Index>(),
        soup in fragment_soup(),
        source in 0u8..3,
        value in any::<prop::sample::Index>(),
        start in 0.0..1.0f64,
        length in 0usize..8,
        inserted in typed_in_attributes(),
    ) {
        let text = match source {
            0 => CORPUS[file.index(CORPUS.len())].clone(),
            1 => soup,
            _ => WITH_ATTRIBUTES.to_string(),
        };
        // Soup without attributes: an edit anywhere, so the case still counts.
        let range = range_inside_one_of(&text, &attribute_values(&text), value, start, length);
        check_edit(&text, range, &inserted);
    }

    #[test]
    fn reparse_equals_a_fresh_parse_in_fragment_soup(
        text in fragment_soup(),
        start in 0.0..1.0f64,
        length in 0usize..6,
        inserted in typed(),
    ) {
        check_edit(&text, range_at(&text, start, length), &inserted);
    }

    #[test]
    fn reparse_equals_a_fresh_parse_in_edited_corpus_files(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 0..4),
        start in 0.0..1.0f64,
        length in 0usize..12,
        inserted in typed(),
    ) {
        let text = apply_edits(&CORPUS[file.index(CORPUS.len())], &edits);
        check_edit(&text, range_at(&text, start, length), &inserted);
    }

    #[test]
    fn reparse_equals_a_fresh_parse_for_edits_inside_text(
        file in any::<prop::sample::Index>(),
        soup in fragment_soup(),
        use_soup in any::<bool>(),
        node in any::<prop::sample::Index>(),
        start in 0.0..1.0f64,
        length in 0usize..8,
        inserted in typed(),
    ) {
        let text = if use_soup { soup } else { CORPUS[file.index(CORPUS.len())].clone() };
        // Soup without text inside an element: an edit anywhere, so the case still counts.
        let range = range_inside_one_of(&text, &text_nodes(&text), node, start, length);
        check_edit(&text, range, &inserted);
    }
}
