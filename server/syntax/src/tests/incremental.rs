//! Re-parsing after an edit: for random edits of random, real and edited real files, what
//! `reparse` gives equals a fresh parse of the edited text, whether it moved the tree, parsed
//! one element again or parsed afresh — anywhere, inside text, inside attribute values and
//! inside elements, markup typed or deleted; and typing in the values of real files and in
//! attribute values does move the tree, typing markup inside an element parses that element
//! alone.

use proptest::prelude::*;

use super::properties::{CORPUS, FRAGMENTS, apply_edits, case_count, edit, fragment_soup};
use crate::{Edit, Node, Reparsed, SourceText, TextRange, how_reparsed, parse, reparse};

/// Applies `inserted` over `range` of `text`, reparses, and compares with a fresh parse.
/// Returns which way the reparse took.
fn check_edit(text: &str, range: TextRange, inserted: &str) -> Reparsed {
    let before = parse(text);
    let mut edited = text.to_string();
    edited.replace_range(range.start..range.end, inserted);
    let edited = SourceText::from(edited);
    let edit = Edit { range, inserted };
    let moved = how_reparsed(&before, edit, &edited);
    let after = reparse(&before, edit, edited.clone());
    let fresh = parse(edited.clone());
    assert!(
        after == fresh,
        "reparse differs from a fresh parse after replacing {range:?} of {text:?} with \
         {inserted:?} ({moved:?})"
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

/// Every element's text after its first `<` and before its last `>`: where an edit makes the
/// element the one parsed again.
fn element_insides(text: &str) -> Vec<TextRange> {
    let document = parse(text).document;
    document
        .element_ids()
        .map(|id| document.element(id).range())
        .filter(|range| range.len() >= 2 && range.slice(text).ends_with('>'))
        .map(|range| TextRange::new(range.start + 1, range.end - 1))
        .collect()
}

/// The children of every element, each as a whole (to be replaced or deleted) and as the empty
/// ranges at its two ends (to insert before or after it).
fn child_node_ranges(text: &str) -> Vec<TextRange> {
    let document = parse(text).document;
    document
        .element_ids()
        .flat_map(|id| document.element(id).children())
        .map(|node| node_range(&document, *node))
        .flat_map(|range| {
            [
                range,
                TextRange::empty(range.start),
                TextRange::empty(range.end),
            ]
        })
        .collect()
}

fn node_range(document: &crate::Document, node: Node) -> TextRange {
    match node {
        Node::Element(id) => document.element(id).range(),
        Node::Text(text) => text.range(),
        Node::Comment(comment) => comment.range(),
        Node::CData(cdata) => cdata.range(),
        Node::ProcessingInstruction(instruction) => instruction.range(),
    }
}

/// Whole pieces of markup, well formed or nearly, as pasted or deleted in one edit.
fn pasted() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(
            &[
                "", "<b/>", "<b>1</b>", "<b x=\"y\">t</b>", "<b><c/> <d>e</d></b>", "<!-- c -->",
                "<![CDATA[<x>]]>", "<?pi x?>", "x &amp; y", "\n    <isPkceRequired>true</isPkceRequired>",
                "<label>L</label>", "<a></a><a/>", "<label>", "</b>", "<b", "\u{FEFF}<b/>",
                "\r\n<b/>", "\n=======\n", "<b xmlns=\"urn:x\"/>", "<x:b xmlns:x='u'>&#x41;</x:b>",
            ][..]
        )
        .prop_map(str::to_string),
        1 => typed(),
    ]
}

/// What is typed or pasted inside an element: whole elements, tags, text and markup pieces.
fn typed_in_elements() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(
            &[
                "<b/>", "<b>1</b>", "<b x=\"y\">t</b>", "<b><c/></b>", "</b>", "<b>", "<!-- c -->",
                "<![CDATA[<x>]]>", "<?pi x?>", "&amp;", "\n    <isPkceRequired>true</isPkceRequired>",
                "<label>", "</label>", "<a></a><a/>", "\u{FEFF}", "\r\n", "<<<<<<<", "=======",
            ][..]
        )
        .prop_map(str::to_string),
        2 => typed(),
        1 => prop::collection::vec(prop::sample::select(FRAGMENTS), 1..4)
            .prop_map(|pieces| pieces.concat()),
    ]
}

/// A corpus file (0), the soup (1) or [`WITH_ATTRIBUTES`] (2).
fn one_of_three(source: u8, file: prop::sample::Index, soup: String) -> String {
    match source {
        0 => CORPUS[file.index(CORPUS.len())].clone(),
        1 => soup,
        _ => WITH_ATTRIBUTES.to_string(),
    }
}

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
    let at_end = TextRange::empty(value.end);
    assert_eq!(check_edit(text, at_end, "x"), Reparsed::Moved);
    let last_character = TextRange::new(value.end - 1, value.end);
    assert_eq!(check_edit(text, last_character, ""), Reparsed::Moved);
    // Markup typed into a value: the element is parsed again alone when it stays well formed,
    // and the file afresh when it does not.
    assert_eq!(
        check_edit(text, at_end, "<b/>"),
        Reparsed::ElementParsedAgain
    );
    assert_eq!(
        check_edit(text, at_end, "<b>1</b>"),
        Reparsed::ElementParsedAgain
    );
    assert_eq!(check_edit(text, at_end, "<"), Reparsed::Afresh);
    assert_eq!(check_edit(text, at_end, "</b>"), Reparsed::Afresh);
}

#[test]
fn adding_or_removing_an_element_parses_its_parent_alone() {
    let text = WITH_ATTRIBUTES;
    // A whole field typed between two of the root's children: the root is the smallest element
    // that holds the edit.
    let between = TextRange::empty(text.find("  <p q=").expect("the p element"));
    let field = "<isPkceRequired>true</isPkceRequired>\n  ";
    assert_eq!(
        check_edit(text, between, field),
        Reparsed::ElementParsedAgain
    );
    // The `<r>` element deleted, and its end tag alone.
    let r = text.find("<r s=").expect("the r element");
    let r_end = text.find("</r>").expect("its end tag") + "</r>".len();
    let whole_r = TextRange::new(r, r_end);
    assert_eq!(check_edit(text, whole_r, ""), Reparsed::ElementParsedAgain);
    let r_end_tag = TextRange::new(r_end - "</r>".len(), r_end);
    assert_eq!(check_edit(text, r_end_tag, ""), Reparsed::Afresh);
    // The root's own `<` or last `>` edited: nothing holds the edit, the file is parsed afresh.
    let root = text.find("<Root").expect("the root");
    let root_name = TextRange::new(root, root + 1);
    assert_eq!(check_edit(text, root_name, "<"), Reparsed::Afresh);
    let last = TextRange::new(text.len() - 2, text.len() - 1);
    assert_eq!(check_edit(text, last, ">"), Reparsed::Afresh);
}

#[test]
fn an_element_parsed_again_keeps_to_the_limit_of_depth() {
    let depth = crate::MAX_DEPTH - 1;
    let text = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let innermost = TextRange::empty(3 * depth);
    // `<b>` is the deepest element allowed; a child of it is one too deep.
    assert_eq!(
        check_edit(&text, innermost, "<b/>"),
        Reparsed::ElementParsedAgain
    );
    assert_eq!(
        check_edit(&text, innermost, "<b><c/></b>"),
        Reparsed::Afresh
    );
}

#[test]
fn typing_in_an_attribute_value_moves_the_tree() {
    let text = WITH_ATTRIBUTES;
    let at = text.find("urn:o").expect("the value") + 3;
    assert_eq!(check_edit(text, TextRange::empty(at), "x"), Reparsed::Moved);
    assert_eq!(
        check_edit(text, TextRange::new(at, at + 1), ""),
        Reparsed::Moved
    );
    let root_namespace = text.find("2006/04").expect("the namespace");
    let year = TextRange::new(root_namespace, root_namespace + 4);
    assert_eq!(check_edit(text, year, "2007"), Reparsed::Moved);
    // A quote typed into a value ends it: the tag is no longer well formed.
    assert_eq!(
        check_edit(text, TextRange::empty(at), "\""),
        Reparsed::Afresh
    );
    // A value typed into an empty one: its element is parsed again.
    let empty = text.find("b=\"\"").expect("the empty value") + 3;
    assert_eq!(
        check_edit(text, TextRange::empty(empty), "x"),
        Reparsed::ElementParsedAgain
    );
    // An attribute added to a start tag.
    let tag_end = text.find(">t</p>").expect("the p start tag's end");
    let attribute = TextRange::empty(tag_end);
    assert_eq!(
        check_edit(text, attribute, " w=\"1\""),
        Reparsed::ElementParsedAgain
    );
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
        let text = one_of_three(source, file, soup);
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

    #[test]
    fn reparse_equals_a_fresh_parse_for_edits_inside_elements(
        file in any::<prop::sample::Index>(),
        soup in fragment_soup(),
        source in 0u8..3,
        element in any::<prop::sample::Index>(),
        start in 0.0..1.0f64,
        length in 0usize..40,
        inserted in typed_in_elements(),
    ) {
        let text = one_of_three(source, file, soup);
        let range = range_inside_one_of(&text, &element_insides(&text), element, start, length);
        check_edit(&text, range, &inserted);
    }

    #[test]
    fn reparse_equals_a_fresh_parse_for_whole_pieces_pasted_and_deleted(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 0..2),
        with_attributes in any::<bool>(),
        node in any::<prop::sample::Index>(),
        inserted in pasted(),
    ) {
        let text = if with_attributes {
            WITH_ATTRIBUTES.to_string()
        } else {
            apply_edits(&CORPUS[file.index(CORPUS.len())], &edits)
        };
        let ranges = child_node_ranges(&text);
        if let Some(range) = ranges.get(node.index(ranges.len().max(1))) {
            check_edit(&text, *range, &inserted);
        }
    }
}
