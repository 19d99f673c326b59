//! Tests of the tree's queries: which element a cursor is in, text values, small helpers.

use expect_test::{Expect, expect};

use crate::{Document, ElementId, parse};

/// Parses `fixture` with its `$0` cursor removed and renders `element_at` for the cursor.
fn check_element_at(fixture: &str, expected: Expect) {
    let offset = fixture.find("$0").expect("fixture has a `$0` cursor");
    let text = fixture.replacen("$0", "", 1);
    let document = parse(&text).document;
    let rendered = match document.element_at(offset) {
        Some(id) => describe(&document, id),
        None => "none".to_string(),
    };
    expected.assert_eq(&rendered);
}

fn describe(document: &Document, id: ElementId) -> String {
    let element = document.element(id);
    format!("<{}> {:?}", element.name(), element.range())
}

fn check_text_value(text: &str, expected: Expect) {
    let document = parse(text).document;
    let root = document.root().expect("a root element");
    let value = document.element(root).text_value();
    expected.assert_eq(&format!(
        "{:?} {:?} raw={:?}",
        value.value,
        value.range,
        value.range.slice(text)
    ));
}

#[test]
fn element_at_inside_content_and_tags() {
    check_element_at("<A><b>x$0</b></A>", expect!["<b> 3..11"]);
    check_element_at("<A><b$0>x</b></A>", expect!["<b> 3..11"]);
    check_element_at("<A><b>x</b$0></A>", expect!["<b> 3..11"]);
    check_element_at("<A><b>日本$0</b></A>", expect!["<b> 3..16"]);
    check_element_at("<A><b><c><d>$0</d></c></b></A>", expect!["<d> 9..16"]);
}

#[test]
fn element_at_between_siblings_is_the_parent() {
    check_element_at("<A><b>x</b>$0<c/></A>", expect!["<A> 0..19"]);
    check_element_at("<A>$0<b/></A>", expect!["<A> 0..11"]);
    check_element_at("<A><b/>$0</A>", expect!["<A> 0..11"]);
    check_element_at("<A><b></b>$0\n</A>", expect!["<A> 0..15"]);
}

#[test]
fn element_at_outside_the_root_is_none() {
    check_element_at("$0<A/>", expect!["none"]);
    check_element_at("<A/>$0", expect!["none"]);
    check_element_at("<A></A>$0\n", expect!["none"]);
    check_element_at("<?xml version=\"1.0\"?>$0\n<A/>", expect!["none"]);
}

#[test]
fn element_at_the_end_of_unfinished_elements() {
    check_element_at("<A>\n  <guestJwt$0\n</A>", expect!["<guestJwt> 6..15"]);
    check_element_at("<A>\n  <guestJwt$0", expect!["<guestJwt> 6..15"]);
    check_element_at("<A>\n  <$0\n</A>", expect!["<> 6..7"]);
    check_element_at("<A>\n  <b>\n$0", expect!["<b> 6..10"]);
    check_element_at("<A><b>x</b$0", expect!["<b> 3..10"]);
    check_element_at("<A><b/$0\n</A>", expect!["<b> 3..6"]);
}

#[test]
fn text_value_trims_xml_whitespace_only() {
    check_text_value(
        "<a>  hello world \n</a>",
        expect![[r#""hello world" 5..16 raw="hello world""#]],
    );
    check_text_value(
        "<a>\u{3000}x\u{A0}</a>",
        expect![[r#""\u{3000}x\u{a0}" 3..9 raw="\u{3000}x\u{a0}""#]],
    );
}

#[test]
fn text_value_of_empty_elements_is_an_empty_range_at_the_content() {
    check_text_value("<a>\n  \n</a>", expect![[r#""" 3..3 raw="""#]]);
    check_text_value("<a></a>", expect![[r#""" 3..3 raw="""#]]);
    check_text_value("<a/>", expect![[r#""" 4..4 raw="""#]]);
    check_text_value(
        "<a><!-- only a comment --></a>",
        expect![[r#""" 3..3 raw="""#]],
    );
}

#[test]
fn text_value_joins_text_and_cdata_around_comments() {
    check_text_value(
        "<a> x <!-- c --> y </a>",
        expect![[r#""x  y" 4..18 raw="x <!-- c --> y""#]],
    );
    check_text_value("<a> <![CDATA[x]]> </a>", expect![[r#""x" 13..14 raw="x""#]]);
    check_text_value(
        "<a><![CDATA[ x\r\ny ]]></a>",
        expect![[r#""x\ny" 13..17 raw="x\r\ny""#]],
    );
}

#[test]
fn text_value_expands_references_and_line_ends() {
    check_text_value("<a>a&amp;b</a>", expect![[r#""a&b" 3..10 raw="a&amp;b""#]]);
    check_text_value(
        "<a>one\r\ntwo\r\n</a>",
        expect![[r#""one\ntwo" 3..11 raw="one\r\ntwo""#]],
    );
}

#[test]
fn small_helpers() {
    let text = "<p:A xmlns:p=\"urn:x\"><b>1</b><c/><b>2</b></p:A>";
    let document = parse(text).document;
    let root = document.root_element().expect("root");
    assert_eq!(root.local_name(), "A");
    assert_eq!(
        root.attribute("xmlns:p").map(|attribute| attribute.value()),
        Some("urn:x".into())
    );
    assert!(root.attribute("xmlns").is_none());
    assert!(root.has_child_elements());
    assert!(root.is_finished());
    let root_id = document.root().expect("root");
    let names: Vec<_> = document
        .child_elements(root_id)
        .map(|id| document.element(id).name())
        .collect();
    assert_eq!(names, ["b", "c", "b"]);
    let first_b = document.child_named(root_id, "b").expect("b");
    assert_eq!(document.element(first_b).text_value().value, "1");
    assert_eq!(document.element_ids().count(), 4);
    assert_eq!(document.element_count(), 4);
    assert!(!document.element(first_b).has_child_elements());
    let unfinished = parse("<A><b>").document;
    assert!(!unfinished.element(ElementId(1)).is_finished());
}
