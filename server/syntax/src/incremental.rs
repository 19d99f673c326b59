//! Re-parsing after an edit without reading the whole file again, where that is sure to give
//! what a fresh parse gives:
//!
//! - an edit inside the text of one element, or inside the quoted value of one attribute of an
//!   element's start tag, which adds and removes no markup: the tree is moved (everything after
//!   the edit by its length) and nothing is read again;
//! - any other edit inside one element (after its `<`, before its last `>`): that element alone
//!   is parsed again, on its own, and put in place of the old one, when parsing it alone is sure
//!   to read it as the whole file would (it is one element with nothing wrong inside, ending
//!   where the element ends);
//!
//! and anything else is parsed afresh. The rules for "sure" are narrow on purpose, and property
//! tests hold every case they take to a fresh parse of the edited text.

use crate::parser::merge_conflicts::has_marker_run;
use crate::parser::references::needs_decoding;
use crate::tree::{ElementData, SELF_CLOSING};
use crate::{
    Document, ElementId, MAX_DEPTH, MAX_ELEMENTS, MAX_FILE_SIZE, Node, Parse, SourceText, Text,
    TextRange, parse,
};

/// One replacement in a text: `range` (in the text before) becomes `inserted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit<'a> {
    pub range: TextRange,
    pub inserted: &'a str,
}

/// The parse of `text`, which is the text of `before` with `edit` applied: from `before`, moved
/// or with one element parsed again (see [`reparse_in_place`]), otherwise by parsing `text`
/// afresh. Equal to `parse(text)` either way.
pub fn reparse(before: &Parse, edit: Edit<'_>, text: SourceText) -> Parse {
    match reparse_in_place(before, edit, &text) {
        Some(parse) => parse,
        None => parse(text),
    }
}

/// The parse of `text` (the text of `before` with `edit` applied) from `before`'s tree: moved,
/// when the edit stays inside one element's text or one attribute's value; with the smallest
/// element that holds the edit parsed again and put in its place, when that is sure to be
/// right; `None` when it needs a fresh parse. Every element, attribute and node outside the
/// edited piece is then the same, moved by the edit's length (elements after a re-parsed one
/// are renumbered): what lets the analysis reuse findings of the elements the edit did not
/// touch.
pub fn reparse_in_place(before: &Parse, edit: Edit<'_>, text: &SourceText) -> Option<Parse> {
    match edited_piece(before, edit, text) {
        Some(piece) => Some(moved(before, edit, text, piece)),
        None => element_parsed_again(before, edit, text),
    }
}

/// How [`reparse`] comes to its tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reparsed {
    /// `before`'s tree moved: the edit stays inside one element's text or attribute value.
    Moved,
    /// One element parsed again and put in place of the old one.
    ElementParsedAgain,
    /// The whole text parsed afresh.
    Afresh,
}

/// Which way [`reparse`] takes for this edit (for tests and benches).
pub fn how_reparsed(before: &Parse, edit: Edit<'_>, text: &SourceText) -> Reparsed {
    if edited_piece(before, edit, text).is_some() {
        Reparsed::Moved
    } else if element_parsed_again(before, edit, text).is_some() {
        Reparsed::ElementParsedAgain
    } else {
        Reparsed::Afresh
    }
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

/// `before`'s tree moved by `edit`, which stays inside `piece`.
fn moved(before: &Parse, edit: Edit<'_>, text: &SourceText, piece: EditedPiece) -> Parse {
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
    let mut document = Document::new(text.clone(), Vec::new());
    if let Some(declaration) = old.declaration() {
        document.set_declaration(declaration.shifted(&shift));
    }
    document.elements = old
        .elements
        .iter()
        .map(|data| data.shifted(&shift))
        .collect();
    document.attributes = old
        .attributes
        .iter()
        .map(|attribute| attribute.shifted(&shift))
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
    Parse {
        document,
        errors: Vec::new(),
    }
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
    if !may_take_tree(before, edit, text) {
        return false;
    }
    let range = edit.range;
    let old_text = before.document.text();
    let touched = |piece: &str| {
        piece.bytes().any(|byte| {
            matches!(byte, b'<' | b'&' | b'\r' | 0xEF)
                || (byte < 0x20 && !matches!(byte, b'\t' | b'\n'))
                || also_forbidden.contains(&byte)
        })
    };
    !touched(range.slice(old_text)) && !touched(edit.inserted)
}

/// What every edit that takes the tree from `before` needs: the file has no syntax error and
/// no merge-conflict marker line, the edit is inside the text, and the edited text stays under
/// the size cap.
fn may_take_tree(before: &Parse, edit: Edit<'_>, text: &str) -> bool {
    // With every token of the file complete (no syntax error), nothing before the edit reads
    // on into it: an unterminated quote, for one, would run on across a text node when the
    // edit puts text between a line break and a `<`. Files with errors are parsed afresh.
    before.errors.is_empty()
        && edit.range.end <= before.document.text().len()
        && text.len() <= MAX_FILE_SIZE
        && before.document.blanked.is_empty()
}

/// The parse of `text` with the smallest element that holds `edit` (after its `<`, before its
/// last `>`) parsed again on its own and put in place of the old one, when that is sure to
/// read it as a fresh parse of the whole text would:
///
/// - the file had no syntax error (so every tag around the element is complete and nothing
///   before it reads on into it), and no merge-conflict marker line can now stand on the
///   edited lines;
/// - parsed alone, the element's new text is one element and nothing else — no declaration,
///   no syntax error, no marker line — ending where the element's text ends. Then the whole
///   file's parser, reaching the element's `<` with its ancestors open, reads the same tokens
///   to the same end (every one of them ends inside the element), closes the same elements
///   (an end tag matching an ancestor would have been an error alone) and goes on after the
///   element as it did before the edit;
/// - the elements stay under the limits of count and depth.
fn element_parsed_again(before: &Parse, edit: Edit<'_>, text: &SourceText) -> Option<Parse> {
    if !may_take_tree(before, edit, text) || marker_line_near(edit, text) {
        return None;
    }
    let old = &before.document;
    let id = enclosing_element(old, edit.range)?;
    let element = &old.elements[id.index()];
    let old_end = old.element(id).range().end;
    let delta = edit.inserted.len() as i64 - edit.range.len() as i64;
    let new_end = usize::try_from(old_end as i64 + delta).ok()?;
    let base = element.start;
    let alone = parse(text.get(base as usize..new_end)?.to_string());
    let fragment = &alone.document;
    let whole_element = !fragment.elements.is_empty()
        && fragment.element(ElementId(0)).range() == TextRange::new(0, new_end - base as usize);
    let top_level_is_it = fragment.top_level.length == 1
        && fragment.nodes.get(fragment.top_level.start as usize)
            == Some(&Node::Element(ElementId(0)));
    if !alone.errors.is_empty()
        || !fragment.blanked.is_empty()
        || fragment.declaration().is_some()
        || !whole_element
        || !top_level_is_it
    {
        return None;
    }
    let old_count = subtree_size(old, id);
    let new_count = fragment.elements.len();
    let deepest = fragment
        .elements
        .iter()
        .map(|data| data.depth)
        .max()
        .unwrap_or(0);
    if old.elements.len() - old_count + new_count > MAX_ELEMENTS
        || usize::from(element.depth) + usize::from(deepest) >= MAX_DEPTH
    {
        return None;
    }
    Some(Parse {
        document: splice(old, text, id, old_count, fragment, delta),
        errors: Vec::new(),
    })
}

/// The smallest element whose text holds `range` after its first `<` and before its last `>`.
fn enclosing_element(document: &Document, range: TextRange) -> Option<ElementId> {
    let mut run = document.top_level;
    let mut found = None;
    loop {
        let nodes = &document.nodes[run.range()];
        let position = nodes.partition_point(|node| node_end(document, node) <= range.end);
        let Some(Node::Element(id)) = nodes.get(position) else {
            return found;
        };
        let outer = document.element(*id).range();
        if !(outer.start < range.start && range.end < outer.end) {
            return found;
        }
        found = Some(*id);
        run = document.elements[id.index()].children;
    }
}

/// How many elements the element `id` and its descendants are (they follow it in the arena).
fn subtree_size(document: &Document, id: ElementId) -> usize {
    let depth = document.elements[id.index()].depth;
    1 + document.elements[id.index() + 1..]
        .iter()
        .take_while(|data| data.depth > depth)
        .count()
}

/// `old` with element `id` and its `old_count - 1` descendants replaced by the elements of
/// `fragment` (that element parsed alone), laid out in the arenas as the parser lays out a
/// whole file: elements in document order, attributes in the order of their start tags, and the
/// children of each element as one run, placed when the element closes.
fn splice(
    old: &Document,
    text: &SourceText,
    id: ElementId,
    old_count: usize,
    fragment: &Document,
    delta: i64,
) -> Document {
    let index = id.index();
    let element = &old.elements[index];
    let base = element.start;
    let old_end = old.element(id).range().end as u32;
    let after_subtree = index + old_count;
    // What the subtree holds in each arena: its attributes from its start tag on, up to the
    // next element's; its nodes are the runs placed while it was open, the element's own last.
    let old_attributes = element.attributes.start as usize
        ..old
            .elements
            .get(after_subtree)
            .map_or(old.attributes.len(), |next| next.attributes.start as usize);
    let old_nodes = old.elements[index..after_subtree]
        .iter()
        .map(|data| data.children.start as usize)
        .min()
        .unwrap_or(0)..element.children.range().end;
    let new_node_count = fragment.top_level.start as usize;
    let element_shift = new_count_delta(fragment.elements.len(), old_count);
    let attribute_shift = new_count_delta(fragment.attributes.len(), old_attributes.len());
    let node_shift = new_count_delta(new_node_count, old_nodes.len());
    let moves = |offset: u32| -> u32 {
        if offset >= old_end {
            (i64::from(offset) + delta) as u32
        } else {
            offset
        }
    };
    let into_place = |offset: u32| offset + base;
    let shifted = |value: u32, by: i64| (i64::from(value) + by) as u32;
    // Elements closed after the re-parsed one: its ancestors, and every element after it. Their
    // children were placed after its nodes.
    let mut closes_after = vec![false; index];
    let mut ancestor = element.parent();
    while let Some(outer) = ancestor {
        closes_after[outer.index()] = true;
        ancestor = old.elements[outer.index()].parent();
    }

    let mut document = Document::new(text.clone(), Vec::new());
    if let Some(declaration) = old.declaration() {
        document.set_declaration(declaration.shifted(&moves));
    }
    let moved_element = |position: usize, data: &ElementData| {
        let mut data = data.shifted(&moves);
        if let Some(parent) = data.parent()
            && parent.index() >= after_subtree
        {
            data.set_parent(Some(ElementId(shifted(parent.0, element_shift))));
        }
        let closed_after = position >= after_subtree || closes_after.get(position) == Some(&true);
        if closed_after && was_opened(&data) {
            data.children.start = shifted(data.children.start, node_shift);
        }
        if position >= after_subtree {
            data.attributes.start = shifted(data.attributes.start, attribute_shift);
        }
        data
    };
    let mut elements = Vec::with_capacity(old.elements.len() - old_count + fragment.elements.len());
    elements.extend(
        old.elements[..index]
            .iter()
            .enumerate()
            .map(|(position, data)| moved_element(position, data)),
    );
    elements.extend(fragment.elements.iter().map(|data| {
        let mut data = data.shifted(&into_place);
        data.set_parent(match data.parent() {
            Some(parent) => Some(ElementId(parent.0 + id.0)),
            None => element.parent(),
        });
        if was_opened(&data) {
            data.children.start += old_nodes.start as u32;
        }
        data.attributes.start += old_attributes.start as u32;
        data.depth += element.depth;
        data
    }));
    elements.extend(
        old.elements[after_subtree..]
            .iter()
            .enumerate()
            .map(|(position, data)| moved_element(after_subtree + position, data)),
    );
    document.elements = elements;

    let moved_node = |node: &Node| match node.shifted(&moves) {
        Node::Element(child) if child.index() >= after_subtree => {
            Node::Element(ElementId(shifted(child.0, element_shift)))
        }
        node => node,
    };
    let mut nodes = Vec::with_capacity(old.nodes.len() - old_nodes.len() + new_node_count);
    nodes.extend(old.nodes[..old_nodes.start].iter().map(moved_node));
    nodes.extend(fragment.nodes[..new_node_count].iter().map(
        |node| match node.shifted(&into_place) {
            Node::Element(child) => Node::Element(ElementId(child.0 + id.0)),
            node => node,
        },
    ));
    nodes.extend(old.nodes[old_nodes.end..].iter().map(moved_node));
    document.nodes = nodes;

    let mut attributes =
        Vec::with_capacity(old.attributes.len() - old_attributes.len() + fragment.attributes.len());
    attributes.extend_from_slice(&old.attributes[..old_attributes.start]);
    attributes.extend(
        fragment
            .attributes
            .iter()
            .map(|attribute| attribute.shifted(&into_place)),
    );
    attributes.extend(
        old.attributes[old_attributes.end..]
            .iter()
            .map(|attribute| attribute.shifted(&moves)),
    );
    document.attributes = attributes;

    document.top_level = old.top_level;
    document.top_level.start = shifted(old.top_level.start, node_shift);
    document.root = old.root;
    document
}

/// Whether the parser opened the element (took what followed as its children), which places
/// its run of children when it closes; an element never opened (self-closing) has an empty run
/// at 0. In a file without syntax errors every start tag is complete and named.
fn was_opened(data: &ElementData) -> bool {
    data.flags & SELF_CLOSING == 0
}

/// How many entries an arena gains (or, negative, loses) when `old` of them become `new`.
fn new_count_delta(new: usize, old: usize) -> i64 {
    new as i64 - old as i64
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
