//! Where a cursor is in a parsed ECA file, in schema terms: which element, which type or field
//! it stands for, whether the cursor sits in a comment. Shared by completion, hover, navigation
//! and symbols; it knows nothing of how their answers look.

use eca_schema::{FieldDef, Schema, TypeDef};
use eca_syntax::{Document, ElementId, Node, TextRange};

use crate::model::project::SourceFile;

/// Which name of an element the cursor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NameHit {
    pub element: ElementId,
    pub range: TextRange,
}

/// The schema type an element is an instance of: the file's type for the root element, the
/// nested type of its field for a nested element. `None` for leaf fields and unknown elements.
pub(crate) fn element_type(file: &SourceFile, id: ElementId) -> Option<&'static TypeDef> {
    let document = &file.parse.document;
    let element = document.get_element(id)?;
    match element.parent() {
        None if document.root() == Some(id) => file.effective_type(),
        None => None,
        Some(_) => {
            let (_, field) = element_field(file, id)?;
            Schema::get().nested_type_of(field)
        }
    }
}

/// The field an element stands for in its parent's type, with that type.
pub(crate) fn element_field(
    file: &SourceFile,
    id: ElementId,
) -> Option<(&'static TypeDef, &'static FieldDef)> {
    let document = &file.parse.document;
    let element = document.get_element(id)?;
    let parent_type = element_type(file, element.parent()?)?;
    let field = parent_type.field(element.local_name())?;
    Some((parent_type, field))
}

/// Whether `offset` lies inside a comment, a CDATA section, a processing instruction or the
/// XML declaration: places where neither element names nor values make sense. An unterminated
/// one reaches to the end of the file, so its end is inside too.
pub(crate) fn in_opaque_node(file: &SourceFile, offset: usize) -> bool {
    let document = &file.parse.document;
    if let Some(declaration) = document.declaration() {
        if strictly_inside(&file.text, declaration.range(), offset, "?>") {
            return true;
        }
    }
    // A node holding `offset` is a child of an element holding it, or stands at the top level;
    // and on each level the nodes are in document order. So only the last node that starts
    // before `offset`, on each level of the path down to the innermost element, can hold it:
    // a cursor in a file of thousands of elements looks at a handful of nodes.
    let holds = |nodes: &[Node]| {
        let after = nodes.partition_point(|node| node_start(document, node) < offset);
        let Some(node) = after.checked_sub(1).and_then(|index| nodes.get(index)) else {
            return false;
        };
        match node {
            Node::Comment(comment) => strictly_inside(&file.text, comment.range(), offset, "-->"),
            Node::CData(cdata) => strictly_inside(&file.text, cdata.range(), offset, "]]>"),
            Node::ProcessingInstruction(instruction) => {
                strictly_inside(&file.text, instruction.range(), offset, "?>")
            }
            Node::Element(_) | Node::Text(_) => false,
        }
    };
    holds(document.top_level())
        || path_to(document, document.element_at(offset))
            .iter()
            .any(|id| holds(document.element(*id).children()))
}

/// The element whose start-tag or end-tag name the cursor touches.
pub(crate) fn element_name_at(document: &Document, offset: usize) -> Option<NameHit> {
    // A name touching `offset` belongs to an element holding `offset` (the innermost one or
    // one around it); of those, the outermost comes first in document order.
    path_to(document, document.element_at(offset))
        .into_iter()
        .find_map(|id| name_hit(document, id, offset))
}

/// `innermost` and the elements around it, outermost first.
fn path_to(document: &Document, innermost: Option<ElementId>) -> Vec<ElementId> {
    let mut path = Vec::new();
    let mut current = innermost;
    while let Some(id) = current {
        path.push(id);
        current = document.element(id).parent();
    }
    path.reverse();
    path
}

fn name_hit(document: &Document, id: ElementId, offset: usize) -> Option<NameHit> {
    let element = document.element(id);
    if !element.name().is_empty() && element.name_range().touches(offset) {
        return Some(NameHit {
            element: id,
            range: element.name_range(),
        });
    }
    let end_tag = element.end_tag()?;
    (!end_tag.name_range.is_empty() && end_tag.name_range.touches(offset)).then_some(NameHit {
        element: id,
        range: end_tag.name_range,
    })
}

fn node_start(document: &Document, node: &Node) -> usize {
    match node {
        Node::Element(id) => document.element(*id).start_tag().start,
        Node::Text(text) => text.range().start,
        Node::Comment(comment) => comment.range().start,
        Node::CData(cdata) => cdata.range().start,
        Node::ProcessingInstruction(instruction) => instruction.range().start,
    }
}

/// The innermost element whose content (between the end of its start tag and the start of its
/// end tag) holds `offset`.
pub(crate) fn content_element_at(document: &Document, offset: usize) -> Option<ElementId> {
    let mut current = document.element_at(offset);
    while let Some(id) = current {
        let element = document.element(id);
        let content_end = element
            .end_tag()
            .map_or(element.content().end, |end_tag| end_tag.range.start);
        if element.start_tag_closed()
            && !element.self_closing()
            && element.start_tag().end <= offset
            && offset <= content_end
        {
            return Some(id);
        }
        current = element.parent();
    }
    None
}

/// The elements that are open at `offset`: started before it and not yet ended, outermost first.
pub(crate) fn open_elements_at(document: &Document, offset: usize) -> Vec<ElementId> {
    let mut open = Vec::new();
    let mut candidates: Vec<ElementId> = document
        .top_level()
        .iter()
        .filter_map(|node| match node {
            Node::Element(id) => Some(*id),
            _ => None,
        })
        .collect();
    'descend: loop {
        for id in candidates {
            let element = document.element(id);
            let started = element.start_tag_closed() && element.start_tag().end <= offset;
            let ended = element.self_closing()
                || element
                    .end_tag()
                    .is_some_and(|end_tag| end_tag.range.start < offset);
            if started && !ended && element.range().touches(offset) {
                open.push(id);
                candidates = document.child_elements(id).collect();
                continue 'descend;
            }
        }
        return open;
    }
}

/// The range around `offset` made of characters that satisfy `is_part`.
pub(crate) fn word_range(text: &str, offset: usize, is_part: impl Fn(char) -> bool) -> TextRange {
    let offset = clamp_to_char_boundary(text, offset);
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, ch)| is_part(*ch))
        .last()
        .map_or(offset, |(index, _)| index);
    let after = &text[offset..];
    let end = offset
        + after
            .char_indices()
            .find(|(_, ch)| !is_part(*ch))
            .map_or(after.len(), |(index, _)| index);
    TextRange::new(start, end)
}

/// Characters of an XML name as eca-ls offers them (ASCII names; Salesforce uses no others).
pub(crate) fn is_name_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.' | ':')
}

/// The largest char boundary at or before `offset`, within the text.
pub(crate) fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The whitespace at the start of the line that holds `offset`.
pub(crate) fn line_indent(text: &str, offset: usize) -> &str {
    let offset = clamp_to_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let line = &text[line_start..];
    let width = line
        .find(|ch: char| ch != ' ' && ch != '\t')
        .unwrap_or(line.len());
    &line[..width]
}

/// One level of indentation as the file uses it: the difference between the root's indentation
/// and its first child's, else four spaces.
pub(crate) fn indent_unit(file: &SourceFile) -> String {
    let document = &file.parse.document;
    let Some(root) = document.root() else {
        return "    ".to_string();
    };
    let root_indent = line_indent(&file.text, document.element(root).start_tag().start);
    for child in document.child_elements(root) {
        let start = document.element(child).start_tag().start;
        let Some(before) = indentation_before(&file.text, start) else {
            continue;
        };
        if before.len() > root_indent.len() {
            if let Some(unit) = before.strip_prefix(root_indent) {
                return unit.to_string();
            }
        }
    }
    "    ".to_string()
}

/// What precedes `offset` on its line, when that is only whitespace: the indentation of
/// whatever starts at `offset` on a line of its own.
pub(crate) fn indentation_before(text: &str, offset: usize) -> Option<&str> {
    let offset = clamp_to_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    let before = &text[line_start..offset];
    before.trim().is_empty().then_some(before)
}

fn strictly_inside(text: &str, range: TextRange, offset: usize, terminator: &str) -> bool {
    if offset <= range.start || offset > range.end {
        return false;
    }
    if offset < range.end {
        return true;
    }
    // At the very end: inside only when the node never got its terminator.
    !text
        .get(range.start..range.end)
        .is_some_and(|slice| slice.ends_with(terminator))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain scans these lookups replace: every node, every element.
    fn in_opaque_node_by_scanning(file: &SourceFile, offset: usize) -> bool {
        let document = &file.parse.document;
        if let Some(declaration) = document.declaration() {
            if strictly_inside(&file.text, declaration.range(), offset, "?>") {
                return true;
            }
        }
        let element_children = document
            .element_ids()
            .flat_map(|id| document.element(id).children());
        document
            .top_level()
            .iter()
            .chain(element_children)
            .any(|node| match node {
                Node::Comment(comment) => {
                    strictly_inside(&file.text, comment.range(), offset, "-->")
                }
                Node::CData(cdata) => strictly_inside(&file.text, cdata.range(), offset, "]]>"),
                Node::ProcessingInstruction(instruction) => {
                    strictly_inside(&file.text, instruction.range(), offset, "?>")
                }
                Node::Element(_) | Node::Text(_) => false,
            })
    }

    fn element_name_at_by_scanning(document: &Document, offset: usize) -> Option<NameHit> {
        document
            .element_ids()
            .find_map(|id| name_hit(document, id, offset))
    }

    #[test]
    fn cursor_lookups_agree_with_plain_scans_at_every_offset() {
        let texts = [
            "<?xml version=\"1.0\"?>\n<!-- top -->\n<A xmlns=\"x\">\n  <b>1</b><!-- in a --><c><![CDATA[x]]><?pi data?></c>\n  <d/><e>2</e>\n</A>\n<!-- after -->\n",
            "<A>\n  <b>1</b>\n  <!-- never closed\n  <c>2</c>\n</A>",
            "<A>\n  <b><![CDATA[never closed</b>\n</A>",
            "<A>\n  <b>1</b>\n  <c><?pi never closed\n</A>",
            "<?xml version=\"1.0\"\n<A><guestJwt\n<b>1</b><c></d><!----></A><B/>",
            "<!-- only -->",
            "<A><b>1</b></A><!-- a",
            "<A>\n  <b>1</b>\n  <c>\n    <d>x</d>\n  <!-- open c -->\n</A>",
            "",
        ];
        // Each text as it is, and with a piece of markup dropped in at every few offsets, so
        // that unterminated and oddly nested nodes come up everywhere.
        let pieces = [
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<?",
            "?>",
            "<",
            "</b>",
            ">",
        ];
        let mut variants: Vec<String> = texts.iter().map(|text| text.to_string()).collect();
        for text in texts {
            for at in (0..=text.len()).step_by(5) {
                for piece in pieces {
                    variants.push(format!("{}{piece}{}", &text[..at], &text[at..]));
                }
            }
        }
        for text in &variants {
            let text = text.as_str();
            let file = SourceFile::new("/p/A.ecaOauth-meta.xml", text);
            for offset in 0..=text.len() {
                assert_eq!(
                    in_opaque_node(&file, offset),
                    in_opaque_node_by_scanning(&file, offset),
                    "in_opaque_node at {offset} in {text:?}"
                );
                assert_eq!(
                    element_name_at(&file.parse.document, offset),
                    element_name_at_by_scanning(&file.parse.document, offset),
                    "element_name_at at {offset} in {text:?}"
                );
            }
        }
    }
}
