//! The tree's accessors read names, values and text from ranges of the text, decoding on
//! demand; these tests hold them to what the parser stored eagerly, for random, edited and
//! real inputs.

use proptest::prelude::*;

use super::corpus::corpus_files;
use super::properties::{CORPUS, apply_edits, case_count, edit, fragment_soup};
use crate::parser::references::push_normalized_line_ends;
use crate::parser::scan::is_xml_whitespace;
use crate::{Document, ElementId, Node, Parse, TextRange, parse};

/// Every accessor agrees with the stored fields.
fn assert_accessors_match_storage(text: &str, parse: &Parse) {
    let document = &parse.document;
    for id in document.element_ids() {
        let element = document.element(id);
        let stored = &document.elements[id.index()];
        assert_eq!(element.name(), stored.name, "name of {id:?} in {text:?}");
        assert_eq!(element.local_name(), stored.local_name());
        assert_eq!(element.attributes().len(), stored.attributes.len());
        for (attribute, stored) in element.attributes().zip(&stored.attributes) {
            assert_eq!(attribute.name(), stored.name, "attribute name in {text:?}");
            assert_eq!(
                attribute.value(),
                stored.value,
                "attribute value in {text:?}"
            );
        }
        for node in element.children() {
            assert_node_matches(document, node, text);
        }
        let value = element.text_value();
        let (stored_value, stored_range) = stored_text_value(document, id, text);
        assert_eq!(
            value.value, stored_value,
            "text value of {id:?} in {text:?}"
        );
        assert_eq!(
            value.range, stored_range,
            "text value range of {id:?} in {text:?}"
        );
    }
    for node in document.top_level() {
        assert_node_matches(document, node, text);
    }
}

fn assert_node_matches(document: &Document, node: &Node, text: &str) {
    match node {
        Node::Text(text_node) => {
            assert_eq!(
                text_node.value(document),
                text_node.value,
                "text in {text:?}"
            );
        }
        Node::ProcessingInstruction(instruction) => {
            assert_eq!(instruction.target(document), instruction.target);
        }
        Node::Element(_) | Node::Comment(_) | Node::CData(_) => {}
    }
}

/// The text value as it was computed from the stored text values before they were decoded on
/// demand.
fn stored_text_value(document: &Document, id: ElementId, text: &str) -> (String, TextRange) {
    let element = &document.elements[id.index()];
    let mut value = String::new();
    let mut raw_start = None;
    let mut raw_end = None;
    for node in &element.children {
        let (piece_start, range) = match node {
            Node::Text(text_node) => {
                let start = value.len();
                value.push_str(&text_node.value);
                (start, text_node.range)
            }
            Node::CData(cdata) => {
                let start = value.len();
                push_normalized_line_ends(&mut value, cdata.content.slice(text));
                (start, cdata.content)
            }
            _ => continue,
        };
        if value[piece_start..]
            .trim_matches(is_xml_whitespace)
            .is_empty()
        {
            continue;
        }
        let raw = range.slice(text);
        let leading = raw.len() - raw.trim_start_matches(is_xml_whitespace).len();
        let trailing = raw.len() - raw.trim_end_matches(is_xml_whitespace).len();
        raw_start.get_or_insert(range.start + leading);
        raw_end = Some(range.end - trailing);
    }
    let range = match (raw_start, raw_end) {
        (Some(start), Some(end)) if start <= end => TextRange::new(start, end),
        _ => TextRange::empty(element.content.start),
    };
    (value.trim_matches(is_xml_whitespace).to_string(), range)
}

#[test]
fn accessors_match_storage_on_the_corpus() {
    for (_, text) in corpus_files() {
        assert_accessors_match_storage(&text, &parse(&text));
    }
}

#[test]
fn accessors_match_storage_on_references_line_ends_and_merge_markers() {
    for text in [
        "<a>x &amp; y &#x1F600; &foo; & bare &#0; &;</a>",
        "<a b=\"1&lt;2 &amp &x; \r\n z\">\r\n one\r two\n</a>",
        "<a> x <!-- c --> &#32; <![CDATA[ y\r\n ]]> z </a>",
        "<a>&#32;x&#9;</a>",
        "<a>\n<<<<<<< HEAD\nx\n=======\ny &amp;\n>>>>>>> b\n</a>",
        "<a b=\"\n=======\n\">t</a>",
        "<a>&<<b/>x&y<</a>",
        "<?pi data?><a><?x?><?>z</a>",
    ] {
        assert_accessors_match_storage(text, &parse(text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    #[test]
    fn accessors_match_storage_on_fragment_soup(text in fragment_soup()) {
        assert_accessors_match_storage(&text, &parse(&text));
    }

    #[test]
    fn accessors_match_storage_on_arbitrary_text(text in any::<String>()) {
        assert_accessors_match_storage(&text, &parse(&text));
    }

    #[test]
    fn accessors_match_storage_on_edited_corpus_files(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let original = &CORPUS[file.index(CORPUS.len())];
        let text = apply_edits(original, &edits);
        assert_accessors_match_storage(&text, &parse(&text));
    }
}
