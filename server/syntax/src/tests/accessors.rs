//! The tree stores ranges and decodes names, values and text on demand; these tests hold what
//! comes out to what an XML processor reads there, as a plain reading of the same text works
//! it out, for random, edited and real inputs.

use proptest::prelude::*;

use super::corpus::corpus_files;
use super::properties::{CORPUS, apply_edits, case_count, edit, fragment_soup};
use crate::parser::scan::is_xml_whitespace;
use crate::{Document, Element, Node, Parse, TextRange, parse};

/// Every name is the text at its range, every value and text what [`plain_reading`] makes of
/// the text at its range, and every text value what joining and trimming those gives.
fn assert_decoded_as_read(text: &str, parse: &Parse) {
    let document = &parse.document;
    let seen = |range: TextRange| seen_by_the_parser(document, text, range);
    for id in document.element_ids() {
        let element = document.element(id);
        assert_eq!(
            element.name(),
            element.name_range().slice(text),
            "name in {text:?}"
        );
        // The prefix and local name, read by splitting the name (the parser notes whether it
        // has a colon, so that most elements need no search).
        let name = element.name();
        let local = name.rsplit_once(':').map_or(name, |(_, local)| local);
        let prefix = name.split_once(':').map(|(prefix, _)| prefix);
        assert_eq!(element.local_name(), local, "local name in {text:?}");
        assert_eq!(element.prefix(), prefix, "prefix in {text:?}");
        for attribute in element.attributes() {
            assert_eq!(attribute.name(), attribute.name_range().slice(text));
            assert_eq!(
                attribute.value(),
                plain_reading(&seen(attribute.value_range())),
                "attribute value in {text:?}"
            );
        }
        for node in element.children() {
            assert_node_as_read(document, node, text);
        }
        let value = element.text_value();
        let (expected_value, expected_range) = joined_text_value(element, text);
        assert_eq!(
            value.value, expected_value,
            "text value of {id:?} in {text:?}"
        );
        assert_eq!(
            value.range, expected_range,
            "text value range of {id:?} in {text:?}"
        );
    }
    for node in document.top_level() {
        assert_node_as_read(document, node, text);
    }
}

fn assert_node_as_read(document: &Document, node: &Node, text: &str) {
    match node {
        Node::Text(text_node) => {
            let seen = seen_by_the_parser(document, text, text_node.range());
            assert_eq!(
                text_node.value(document),
                plain_reading(&seen),
                "text in {text:?}"
            );
        }
        Node::CData(cdata) => {
            let raw = cdata.content().slice(text);
            assert_eq!(
                cdata.value(document),
                raw.replace("\r\n", "\n").replace('\r', "\n")
            );
        }
        Node::ProcessingInstruction(instruction) => {
            let target = instruction.target(document);
            assert!(instruction.range().slice(text)[2..].starts_with(target));
        }
        Node::Element(_) | Node::Comment(_) => {}
    }
}

/// The text at `range` as the parser read it: merge-conflict marker lines are spaces.
fn seen_by_the_parser(document: &Document, text: &str, range: TextRange) -> String {
    let mut bytes = range.slice(text).as_bytes().to_vec();
    for line in &document.blanked {
        if line.start < range.end && range.start < line.end {
            let start = line.start.max(range.start) - range.start;
            let end = line.end.min(range.end) - range.start;
            bytes[start..end].fill(b' ');
        }
    }
    String::from_utf8(bytes).expect("blanking keeps UTF-8")
}

/// Character data read one character at a time: `&name;` is the character the five predefined
/// entities and character references stand for, any other `&...;` stays as written, an `&`
/// whose `;` does not come before the next `&` or `<` is a literal `&`, and `\r\n` and `\r`
/// are `\n` (outside references that stay as written).
fn plain_reading(raw: &str) -> String {
    let characters: Vec<char> = raw.chars().collect();
    let mut value = String::new();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        if character == '&' {
            let end = characters[index + 1..]
                .iter()
                .position(|&next| matches!(next, ';' | '&' | '<'))
                .map(|position| index + 1 + position);
            if let Some(end) = end.filter(|&end| characters[end] == ';') {
                let name: String = characters[index + 1..end].iter().collect();
                let written: String = characters[index..=end].iter().collect();
                match expand_name(&name) {
                    Some(expanded) => value.push(expanded),
                    None if is_name(&name) || name.starts_with('#') => value.push_str(&written),
                    None => value.push_str(&written.replace("\r\n", "\n").replace('\r', "\n")),
                }
                index = end + 1;
                continue;
            }
        }
        if character == '\r' {
            value.push('\n');
            if characters.get(index + 1) == Some(&'\n') {
                index += 1;
            }
        } else {
            value.push(character);
        }
        index += 1;
    }
    value
}

fn expand_name(name: &str) -> Option<char> {
    let expanded = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                Some(_) => return None,
                None if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) => {
                    number.parse().ok()?
                }
                None => return None,
            };
            let character = char::from_u32(code)?;
            let allowed = matches!(character, '\t' | '\n' | '\r')
                || (character >= ' ' && !matches!(character, '\u{FFFE}' | '\u{FFFF}'));
            return allowed.then_some(character);
        }
    };
    Some(expanded)
}

/// Shaped like an XML name (what makes an unknown `&name;` a reference rather than a bare
/// `&`).
fn is_name(name: &str) -> bool {
    crate::parser::scan::is_xml_name(name)
}

/// The text value from the element's text and CDATA children read plainly: joined, trimmed,
/// and the raw range from the first to the last piece that is not blank.
fn joined_text_value(element: Element<'_>, text: &str) -> (String, TextRange) {
    let document = element.document();
    let mut value = String::new();
    let mut raw_start = None;
    let mut raw_end = None;
    for node in element.children() {
        let (piece, range) = match node {
            Node::Text(text_node) => (
                plain_reading(&seen_by_the_parser(document, text, text_node.range())),
                text_node.range(),
            ),
            Node::CData(cdata) => (
                cdata
                    .content()
                    .slice(text)
                    .replace("\r\n", "\n")
                    .replace('\r', "\n"),
                cdata.content(),
            ),
            _ => continue,
        };
        value.push_str(&piece);
        if piece.trim_matches(is_xml_whitespace).is_empty() {
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
        _ => TextRange::empty(element.content().start),
    };
    (value.trim_matches(is_xml_whitespace).to_string(), range)
}

#[test]
fn values_are_decoded_as_read_on_the_corpus() {
    for (_, text) in corpus_files() {
        assert_decoded_as_read(&text, &parse(&text));
    }
}

#[test]
fn values_are_decoded_as_read_with_references_line_ends_and_merge_markers() {
    for text in [
        "<a>x &amp; y &#x1F600; &foo; & bare &#0; &;</a>",
        "<a b=\"1&lt;2 &amp &x; \r\n z\">\r\n one\r two\n</a>",
        "<a> x <!-- c --> &#32; <![CDATA[ y\r\n ]]> z </a>",
        "<a>&#32;x&#9;</a>",
        "<a>\n<<<<<<< HEAD\nx\n=======\ny &amp;\n>>>>>>> b\n</a>",
        "<a b=\"\n=======\n\">t</a>",
        "<a>&<<b/>x&y<</a>",
        "<?pi data?><a><?x?><?>z</a>",
        "<a>& \r\n;</a>",
    ] {
        assert_decoded_as_read(text, &parse(text));
    }
}

#[test]
fn a_typical_value_is_borrowed_from_the_text() {
    let text = "<A>\n  <b> true </b>\n  <c x=\"1\"/>\n</A>";
    let document = parse(text).document;
    let root = document.root_element().expect("root");
    let b = document.element(root.child_named("b").expect("b"));
    assert!(matches!(
        b.text_value().value,
        std::borrow::Cow::Borrowed("true")
    ));
    let c = document.element(root.child_named("c").expect("c"));
    let x = c.attribute("x").expect("x");
    assert!(matches!(x.value(), std::borrow::Cow::Borrowed("1")));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: case_count(), ..ProptestConfig::default() })]

    #[test]
    fn values_are_decoded_as_read_in_fragment_soup(text in fragment_soup()) {
        assert_decoded_as_read(&text, &parse(&text));
    }

    #[test]
    fn values_are_decoded_as_read_in_arbitrary_text(text in any::<String>()) {
        assert_decoded_as_read(&text, &parse(&text));
    }

    #[test]
    fn values_are_decoded_as_read_in_edited_corpus_files(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let original = &CORPUS[file.index(CORPUS.len())];
        let text = apply_edits(original, &edits);
        assert_decoded_as_read(&text, &parse(&text));
    }
}
