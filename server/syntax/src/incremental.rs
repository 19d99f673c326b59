//! Re-parsing after an edit without reading the whole file again, where that is sure to give
//! what a fresh parse gives: an edit inside the text of one element, or inside the quoted value
//! of one attribute of an element's start tag, which adds and removes no markup, moves
//! everything after it and changes nothing else. Anything else is parsed afresh.
//!
//! The rule for "sure" is narrow on purpose, and a property test holds every case it takes to a
//! fresh parse of the edited text.

use crate::parser::merge_conflicts::has_marker_run;
use crate::parser::references::needs_decoding;
use crate::tree::Span;
use crate::{Document, MAX_FILE_SIZE, Node, Parse, SourceText, Text, TextRange, parse};

/// One replacement in a text: `range` (in the text before) becomes `inserted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<'a> {
    pub range: TextRange,
    pub inserted: &'a str,
}

/// The parse of `text`, which is the text of `before` with `edit` applied: from `before`, moved,
/// when the edit stays inside one element's text, otherwise by parsing `text` afresh. Equal to
/// `parse(text)` either way.
pub fn reparse(before: &Parse, edit: Edit<'_>, text: SourceText) -> Parse {
    match reparse_in_place(before, edit, &text) {
        Some(parse) => parse,
        None => parse(text),
    }
}

/// The parse of `text` (the text of `before` with `edit` applied) by moving `before`'s tree,
/// when the edit stays inside one element's text; `None` when it needs a fresh parse. Every
/// element, attribute and node but the edited text node is then the same, moved by the edit's
/// length: what lets the analysis reuse findings of the elements the edit did not touch.
pub fn reparse_in_place(before: &Parse, edit: Edit<'_>, text: &SourceText) -> Option<Parse> {
    in_place(before, edit, text)
}

/// Whether [`reparse`] would move the tree instead of parsing afresh (for tests and benches).
pub fn reparses_in_place(before: &Parse, edit: Edit<'_>, text: &SourceText) -> bool {
    edited_piece(before, edit, text).is_some()
}

/// What an edit that moves the tree stays inside.
enum EditedPiece {
    /// A text node, with its index in the node arena.
    Text(usize, Text),
    /// The quoted value of an attribute, by its index in the attribute arena.
    AttributeValue(usize),
}

fn edited_piece(before: &Parse, edit: Edit<'_>, text: &str) -> Option<EditedPiece> {
    text_node_for(before, edit, text)
        .map(|(index, node)| EditedPiece::Text(index, node))
        .or_else(|| attribute_value_for(before, edit, text).map(EditedPiece::AttributeValue))
}

fn in_place(before: &Parse, edit: Edit<'_>, text: &SourceText) -> Option<Parse> {
    let piece = edited_piece(before, edit, text)?;
    let delta = edit.inserted.len() as i64 - edit.range.len() as i64;
    let old = &before.document;
    // Offsets before the end of the edited piece stay, offsets at or after it move.
    let limit = match &piece {
        EditedPiece::Text(_, node) => node.range().end as u32,
        EditedPiece::AttributeValue(index) => old.attributes[*index].value.end,
    };
    let shift = |offset: u32| -> u32 {
        if offset >= limit {
            (i64::from(offset) + delta) as u32
        } else {
            offset
        }
    };
    let shift_span = |span: Span| Span {
        start: shift(span.start),
        end: shift(span.end),
    };
    let mut document = Document::new(text.clone(), Vec::new());
    if let Some(declaration) = old.declaration() {
        document.set_declaration(declaration.shifted(&shift));
    }
    document.elements = old
        .elements
        .iter()
        .map(|element| {
            let mut element = element.clone();
            element.start = shift(element.start);
            element.name_end = shift(element.name_end);
            element.start_tag_end = shift(element.start_tag_end);
            element.content_end = shift(element.content_end);
            if element.end_tag_end != 0 {
                element.end_tag_end = shift(element.end_tag_end);
                element.end_tag_name_end = shift(element.end_tag_name_end);
            }
            element
        })
        .collect();
    document.attributes = old
        .attributes
        .iter()
        .map(|attribute| {
            let mut attribute = *attribute;
            attribute.name = shift_span(attribute.name);
            attribute.value = shift_span(attribute.value);
            attribute.end = shift(attribute.end);
            attribute
        })
        .collect();
    document.nodes = old.nodes.iter().map(|node| node.shifted(&shift)).collect();
    if let EditedPiece::Text(index, node) = piece {
        // The node's end moved with everything after it; whether it needs decoding is read
        // again (an attribute value's cannot change: the edit adds no reference).
        let node_range = node.range();
        let node_end = (node_range.end as i64 + delta) as usize;
        let raw = &text[node_range.start..node_end];
        document.nodes[index] = Node::Text(Text::new(
            TextRange::new(node_range.start, node_end),
            needs_decoding(raw),
        ));
    }
    document.top_level = old.top_level;
    document.root = old.root;
    Some(Parse {
        document,
        errors: Vec::new(),
    })
}

/// The text node the edit stays inside, with its index in the node arena, when moving the tree
/// is sure to be right: the file has no syntax error, the node is inside an element and holds
/// no reference, the edit adds and removes no markup, reference, carriage return or character
/// XML forbids, the node does not become empty or start with a byte-order mark, and no
/// merge-conflict marker line can appear.
fn text_node_for(before: &Parse, edit: Edit<'_>, text: &str) -> Option<(usize, Text)> {
    let document = &before.document;
    let range = edit.range;
    let old_text = document.text();
    if !may_move(before, edit, text, b"") {
        return None;
    }
    let (index, node) = enclosing_text_node(document, range)?;
    let node_range = node.range();
    let delta = edit.inserted.len() as i64 - range.len() as i64;
    let new_end = (node_range.end as i64 + delta) as usize;
    if new_end <= node_range.start || text[node_range.start..].starts_with('\u{FEFF}') {
        return None;
    }
    let old_raw = node_range.slice(old_text);
    if needs_decoding(old_raw) {
        return None;
    }
    if marker_line_near(edit, text) {
        return None;
    }
    Some((index, node))
}

/// The quoted value of an attribute of a start tag that the edit stays inside, by its index in
/// the attribute arena, when moving the tree is sure to be right: as for text (see
/// [`text_node_for`]), and the edit adds and removes no quote of either kind and no `>`, so the
/// tag still ends where it did; the value was not empty (so nothing else starts where it ends),
/// is quoted, and holds no reference.
fn attribute_value_for(before: &Parse, edit: Edit<'_>, text: &str) -> Option<usize> {
    let document = &before.document;
    let range = edit.range;
    let old_text = document.text().as_bytes();
    if !may_move(before, edit, text, b"\"'>") {
        return None;
    }
    let index = enclosing_attribute_value(document, range)?;
    let attribute = &document.attributes[index];
    let value = attribute.value.range();
    let quote = *old_text.get(value.start.checked_sub(1)?)?;
    let quoted = matches!(quote, b'"' | b'\'') && old_text.get(value.end) == Some(&quote);
    if value.is_empty() || !quoted || attribute.decode || marker_line_near(edit, text) {
        return None;
    }
    Some(index)
}

/// What every edit that moves the tree needs: the file has no syntax error and no
/// merge-conflict marker line, stays under the size cap, and the edit adds and removes no
/// markup (`<`), reference (`&`), carriage return, character XML forbids, possible byte-order
/// mark, nor any of `also_forbidden`.
fn may_move(before: &Parse, edit: Edit<'_>, text: &str, also_forbidden: &[u8]) -> bool {
    let document = &before.document;
    let range = edit.range;
    let old_text = document.text();
    // With every token of the file complete (no syntax error), nothing before the edit reads
    // on into it: an unterminated quote, for one, would run on across a text node when the
    // edit puts text between a line break and a `<`. Files with errors are parsed afresh.
    if !before.errors.is_empty()
        || range.end > old_text.len()
        || text.len() > MAX_FILE_SIZE
        || !document.blanked.is_empty()
    {
        return false;
    }
    let touched = |piece: &str| {
        piece.bytes().any(|byte| {
            matches!(byte, b'<' | b'&' | b'\r' | 0xEF)
                || (byte < 0x20 && !matches!(byte, b'\t' | b'\n'))
                || also_forbidden.contains(&byte)
        })
    };
    !touched(range.slice(old_text)) && !touched(edit.inserted)
}

/// Whether a merge-conflict marker line could now stand on the edited lines: one needs seven
/// marker characters in a row, and only the edited lines could now hold them.
fn marker_line_near(edit: Edit<'_>, text: &str) -> bool {
    let range = edit.range;
    let line_start = text[..range.start].rfind('\n').map_or(0, |at| at + 1);
    let after = range.start + edit.inserted.len();
    let line_end = text[after..].find('\n').map_or(text.len(), |at| after + at);
    has_marker_run(&text.as_bytes()[line_start..line_end])
}

/// The attribute, of the start tag of the element whose start tag holds `range`, whose raw
/// value holds `range`, by its index in the attribute arena.
fn enclosing_attribute_value(document: &Document, range: TextRange) -> Option<usize> {
    let mut run = document.top_level;
    loop {
        let nodes = &document.nodes[run.range()];
        let position = nodes.partition_point(|node| node_end(document, node) < range.end);
        let Node::Element(id) = nodes.get(position)? else {
            return None;
        };
        let element = document.element(*id);
        let start_tag = element.start_tag();
        if start_tag.start < range.start && range.end < start_tag.end {
            return document.elements[id.index()]
                .attributes
                .range()
                .find(|index| {
                    let value = document.attributes[*index].value.range();
                    value.start <= range.start && range.end <= value.end
                });
        }
        let content = element.content();
        if !(content.start <= range.start && range.end <= content.end) {
            return None;
        }
        run = document.elements[id.index()].children;
    }
}

/// The text node, child of an element, whose range holds `range`, and its index in the arena.
fn enclosing_text_node(document: &Document, range: TextRange) -> Option<(usize, Text)> {
    let mut run = document.top_level;
    let mut inside_element = false;
    loop {
        let nodes = &document.nodes[run.range()];
        let position = nodes.partition_point(|node| node_end(document, node) < range.end);
        let node = nodes.get(position)?;
        match node {
            Node::Element(id) => {
                let element = document.element(*id);
                let content = element.content();
                if !(content.start <= range.start && range.end <= content.end) {
                    return None;
                }
                run = document.elements[id.index()].children;
                inside_element = true;
            }
            Node::Text(text) => {
                let node_range = text.range();
                let inside = node_range.start <= range.start && range.end <= node_range.end;
                return (inside && inside_element)
                    .then_some((run.start as usize + position, *text));
            }
            _ => return None,
        }
    }
}

fn node_end(document: &Document, node: &Node) -> usize {
    match node {
        Node::Element(id) => document.element(*id).range().end,
        Node::Text(text) => text.range().end,
        Node::Comment(comment) => comment.range().end,
        Node::CData(cdata) => cdata.range().end,
        Node::ProcessingInstruction(instruction) => instruction.range().end,
    }
}
