//! Tests of the whole crate: fixtures rendered as text, the real-world corpus, properties.

mod accessors;
mod byte_scans;
mod corpus;
mod fixtures;
mod incremental;
mod line_index;
mod properties;
mod recovery;
mod tree_queries;

use std::fmt::Write;

use expect_test::Expect;

use crate::{Document, Element, ElementId, Node, Parse, TextRange, parse};

/// Parses `input`, checks every range invariant, and compares the rendered tree and errors
/// with `expected`.
fn check(input: &str, expected: Expect) {
    let parse = parse(input);
    assert_valid_ranges(input, &parse);
    expected.assert_eq(&render(input, &parse));
}

/// The tree and errors as compact indented text. Whitespace-only text is left out.
fn render(text: &str, parse: &Parse) -> String {
    let document = &parse.document;
    let mut out = String::new();
    if let Some(declaration) = document.declaration() {
        let _ = writeln!(
            out,
            "decl {:?} version={:?} encoding={:?}",
            declaration.range(),
            declaration.version(document),
            declaration.encoding(document)
        );
    }
    let mut work: Vec<(&Node, usize)> = document
        .top_level()
        .iter()
        .rev()
        .map(|node| (node, 0))
        .collect();
    while let Some((node, indent)) = work.pop() {
        let pad = "  ".repeat(indent);
        match node {
            Node::Element(id) => {
                let element = document.element(*id);
                let _ = writeln!(out, "{pad}{}", render_element(text, element));
                for attribute in element.attributes() {
                    let _ = writeln!(
                        out,
                        "{pad}  @{} {:?} name={:?} value={:?} {:?}",
                        attribute.name(),
                        attribute.range(),
                        attribute.name_range(),
                        attribute.value_range(),
                        attribute.value()
                    );
                }
                for child in element.children().iter().rev() {
                    work.push((child, indent + 1));
                }
            }
            Node::Text(text_node) => {
                let value = text_node.value(document);
                if !value.trim().is_empty() {
                    let _ = writeln!(out, "{pad}text {:?} {:?}", text_node.range(), value);
                }
            }
            Node::Comment(comment) => {
                let _ = writeln!(
                    out,
                    "{pad}comment {:?} content={:?}",
                    comment.range(),
                    comment.content()
                );
            }
            Node::CData(cdata) => {
                let _ = writeln!(
                    out,
                    "{pad}cdata {:?} {:?}",
                    cdata.range(),
                    cdata.content().slice(text)
                );
            }
            Node::ProcessingInstruction(instruction) => {
                let _ = writeln!(
                    out,
                    "{pad}pi {} {:?}",
                    instruction.target(document),
                    instruction.range()
                );
            }
        }
    }
    for error in &parse.errors {
        let _ = writeln!(
            out,
            "error {:?} {:?}: {}",
            error.kind, error.range, error.message
        );
    }
    out
}

fn render_element(text: &str, element: Element<'_>) -> String {
    let mut line = format!(
        "<{}> {:?} start={:?} name={:?}",
        element.name(),
        element.range(),
        element.start_tag(),
        element.name_range()
    );
    if !element.start_tag_closed() {
        line.push_str(" start-unclosed");
    }
    if element.self_closing() {
        line.push_str(" self-closing");
        return line;
    }
    let _ = write!(line, " content={:?}", element.content());
    match element.end_tag() {
        Some(end_tag) => {
            let _ = write!(line, " end={:?}", end_tag.range);
            let end_name = end_tag.name_range.slice(text);
            if end_name != element.name() {
                let _ = write!(line, " </{end_name}>");
            }
            if !end_tag.closed {
                line.push_str(" end-unclosed");
            }
        }
        None => line.push_str(" no-end-tag"),
    }
    line
}

/// The start of a long test input, for failure messages.
fn snippet_for_failure(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Every range lies inside the text on char boundaries, the tree is in pre-order with
/// consistent parents and depths, and children lie inside their parent.
fn assert_valid_ranges(text: &str, parse: &Parse) {
    let check_range = |range: TextRange, what: &str| {
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{what} {range:?} is outside the text of length {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{what} {range:?} is not on char boundaries"
        );
    };
    let document: &Document = &parse.document;
    assert_eq!(document.text(), text, "the document keeps another text");
    for error in &parse.errors {
        check_range(error.range, "error");
        assert!(
            !error.message.ends_with('.'),
            "message ends with a period: {}",
            error.message
        );
    }
    if let Some(declaration) = document.declaration() {
        check_range(declaration.range(), "declaration");
    }
    if let Some(root) = document.root() {
        assert!(document.top_level().contains(&Node::Element(root)));
    }
    let check_node = |node: &Node, parent: Option<(ElementId, TextRange)>| {
        let range = node_range(document, node);
        match node {
            Node::Element(id) => {
                assert_eq!(
                    document.element(*id).parent(),
                    parent.map(|(id, _)| id),
                    "parent of {id:?}"
                );
            }
            Node::Comment(comment) => {
                check_range(comment.content(), "comment content");
                assert!(comment.range().contains_range(comment.content()));
            }
            Node::CData(cdata) => {
                check_range(cdata.content(), "cdata content");
                assert!(cdata.range().contains_range(cdata.content()));
            }
            Node::Text(_) | Node::ProcessingInstruction(_) => {}
        }
        check_range(range, "node");
        if let Some((parent_id, parent_range)) = parent {
            assert!(
                parent_range.contains_range(range),
                "{node:?} at {range:?} lies outside its parent {parent_id:?} at {parent_range:?}"
            );
        }
    };
    for node in document.top_level() {
        check_node(node, None);
    }
    // Where each element is listed as a child (`Some(None)`: at the top level), gathered once
    // so that the check stays linear for elements with many children.
    let mut listed_under: Vec<Option<Option<ElementId>>> = vec![None; document.element_count()];
    for node in document.top_level() {
        if let Node::Element(child) = node {
            listed_under[child.index()] = Some(None);
        }
    }
    for id in document.element_ids() {
        for child in document.child_elements(id) {
            listed_under[child.index()] = Some(Some(id));
        }
    }
    let mut previous_start = 0;
    for id in document.element_ids() {
        let element = document.element(id);
        for range in [
            element.start_tag(),
            element.name_range(),
            element.content(),
            element.range(),
        ] {
            check_range(range, "element");
        }
        assert!(
            element.start_tag().contains_range(element.name_range()),
            "name outside start tag"
        );
        assert!(
            element.content().start >= element.start_tag().end,
            "content before start tag end"
        );
        assert!(
            element.start_tag().start >= previous_start,
            "elements not in document order"
        );
        previous_start = element.start_tag().start;
        if let Some(end_tag) = element.end_tag() {
            check_range(end_tag.range, "end tag");
            check_range(end_tag.name_range, "end tag name");
            assert!(end_tag.range.contains_range(end_tag.name_range));
            assert_eq!(element.content().end, end_tag.range.start);
        }
        for attribute in element.attributes() {
            for range in [
                attribute.range(),
                attribute.name_range(),
                attribute.value_range(),
            ] {
                check_range(range, "attribute");
            }
            assert!(attribute.range().contains_range(attribute.name_range()));
            assert!(
                element.start_tag().contains_range(attribute.range()),
                "attribute outside tag"
            );
        }
        let value = element.text_value();
        check_range(value.range, "text value");
        assert!(
            element.content().contains_range(value.range),
            "text value outside content"
        );
        match element.parent() {
            Some(parent) => {
                assert!(parent < id, "parent after child");
                assert_eq!(element.depth(), document.element(parent).depth() + 1);
                assert_eq!(
                    listed_under[id.index()],
                    Some(Some(parent)),
                    "{id:?} is not among its parent's children"
                );
            }
            None => {
                assert_eq!(element.depth(), 0);
                assert_eq!(
                    listed_under[id.index()],
                    Some(None),
                    "{id:?} is not among the top-level nodes"
                );
            }
        }
        let mut previous_end = element.content().start;
        for child in element.children() {
            check_node(child, Some((id, element.range())));
            let child_range = node_range(document, child);
            assert!(
                child_range.start >= previous_end,
                "children overlap or are out of order"
            );
            assert!(
                element.content().contains_range(child_range),
                "child outside content"
            );
            previous_end = child_range.end;
        }
    }
}

/// The whole extent of a node.
fn node_range(document: &Document, node: &Node) -> TextRange {
    match node {
        Node::Element(id) => document.element(*id).range(),
        Node::Text(text_node) => text_node.range(),
        Node::Comment(comment) => comment.range(),
        Node::CData(cdata) => cdata.range(),
        Node::ProcessingInstruction(instruction) => instruction.range(),
    }
}
