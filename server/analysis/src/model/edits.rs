//! Building text edits on a parsed file: set a field's value, insert a field at its canonical
//! place with the file's own indentation and line endings, rename or remove an element, sort
//! fields into canonical order. Fixes, quick fixes and rules all build their edits here.

use eca_schema::{Schema, TypeDef};
use eca_syntax::{ElementId, Node, TextRange};

use crate::model::cursor::{indentation_before, line_indent};
use crate::model::diagnostic::FileEdit;
use crate::model::project::SourceFile;
use crate::model::text_util::escape_xml_text;

/// Replace the value of a simple element (`<isPkceRequired>false</isPkceRequired>`), turning a
/// self-closing `<x/>` into `<x>value</x>` and dropping an `xsi:nil` attribute (an element
/// marked nil reads as empty whatever it holds, so the value would not count).
pub fn replace_value(file: &SourceFile, element_id: ElementId, new_value: &str) -> FileEdit {
    ValueSlot::of(file, element_id).replace_with(new_value)
}

/// Where a simple element's value is written, found once for the several values a finding
/// offers as fixes (see [`replace_value`]).
pub struct ValueSlot<'a> {
    path: &'a str,
    range: TextRange,
    /// The element's name when it is self-closing: the edit then writes both tags.
    self_closing_name: Option<&'a str>,
    /// When the start tag carries `xsi:nil`: the start tag's range and its text without the
    /// attribute, written in the same edit as the value.
    start_tag_without_nil: Option<(TextRange, String)>,
    text: &'a str,
}

impl<'a> ValueSlot<'a> {
    pub fn of(file: &'a SourceFile, element_id: ElementId) -> ValueSlot<'a> {
        let document = &file.parse.document;
        let element = document.element(element_id);
        let start_tag_without_nil = element
            .attributes()
            .find(|attribute| is_nil_attribute(attribute.name()))
            .map(|nil| {
                // The attribute and the blanks before it go.
                let tag = element.start_tag();
                let before = file.text[tag.start..nil.range().start].trim_end();
                let after = &file.text[nil.range().end..tag.end];
                (tag, format!("{before}{after}"))
            });
        if element.self_closing() {
            return ValueSlot {
                path: &file.path,
                range: element.start_tag(),
                self_closing_name: Some(element.name()),
                start_tag_without_nil,
                text: &file.text,
            };
        }
        let value = document.element(element_id).text_value();
        // An empty value replaces whatever whitespace sits between the tags.
        let range = if value.value.is_empty() {
            element.content()
        } else {
            value.range
        };
        ValueSlot {
            path: &file.path,
            range,
            self_closing_name: None,
            start_tag_without_nil,
            text: &file.text,
        }
    }

    pub fn replace_with(&self, new_value: &str) -> FileEdit {
        let escaped = escape_xml_text(new_value);
        match (&self.start_tag_without_nil, self.self_closing_name) {
            (None, Some(name)) => {
                FileEdit::replace(self.path, self.range, format!("<{name}>{escaped}</{name}>"))
            }
            (None, None) => FileEdit::replace(self.path, self.range, escaped),
            (Some((_, tag)), Some(name)) => {
                let open = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
                FileEdit::replace(self.path, self.range, format!("{open}>{escaped}</{name}>"))
            }
            (Some((tag_range, tag)), None) => {
                // One edit from the start tag through the value: the blanks between stay.
                let between = &self.text[tag_range.end..self.range.start];
                FileEdit::replace(
                    self.path,
                    TextRange::new(tag_range.start, self.range.end),
                    format!("{tag}{between}{escaped}"),
                )
            }
        }
    }
}

/// `xsi:nil` (under whatever prefix the file binds the XML Schema instance namespace to).
fn is_nil_attribute(name: &str) -> bool {
    name.split_once(':')
        .is_some_and(|(prefix, local)| local == "nil" && prefix != "xmlns")
}

/// Rename an element: its start tag's name and, when present, its end tag's name.
pub fn rename_element(file: &SourceFile, element_id: ElementId, new_name: &str) -> Vec<FileEdit> {
    let element = file.parse.document.element(element_id);
    let mut edits = vec![FileEdit::replace(
        &file.path,
        element.name_range(),
        new_name,
    )];
    if let Some(end_tag) = &element.end_tag() {
        if !end_tag.name_range.is_empty() {
            edits.push(FileEdit::replace(&file.path, end_tag.name_range, new_name));
        }
    }
    edits
}

/// Remove an element together with the indentation and line break before it, so that no
/// empty line is left behind.
pub fn remove_element(file: &SourceFile, element_id: ElementId) -> FileEdit {
    let element = file.parse.document.element(element_id);
    let range = element.range();
    let before = &file.text[..range.start];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let only_whitespace_before = before[line_start..].trim().is_empty();
    let after = &file.text[range.end..];
    let rest_of_line_end = after.find('\n').map_or(after.len(), |index| index);
    let only_whitespace_after = after[..rest_of_line_end].trim().is_empty();
    if only_whitespace_before && only_whitespace_after {
        // Remove from the previous line break through the element, keeping the line break
        // that follows it.
        let start = before[..line_start]
            .strip_suffix('\n')
            .map(|without| without.strip_suffix('\r').unwrap_or(without).len())
            .unwrap_or(line_start);
        let end = range.end + after[..rest_of_line_end].trim_end_matches('\r').len();
        return FileEdit::delete(&file.path, TextRange::new(start, end));
    }
    FileEdit::delete(&file.path, range)
}

/// Insert `<field>value</field>` as a child of `parent`, at the place canonical order gives
/// it among the children already there, indented like its siblings.
pub fn insert_field(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
    field_name: &str,
    value: &str,
) -> FileEdit {
    let element_text = format!("<{field_name}>{}</{field_name}>", escape_xml_text(value));
    insert_child(file, parent, parent_type, field_name, &element_text)
}

/// Insert an already-built child element text at its canonical place in `parent`.
pub fn insert_child(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
    field_name: &str,
    element_text: &str,
) -> FileEdit {
    let document = &file.parse.document;
    let parent_element = document.element(parent);
    let newline = line_ending(&file.text);
    let indent = child_indent(file, parent);
    let position = parent_type.field_position(field_name).unwrap_or(usize::MAX);
    let children: Vec<ElementId> = document.child_elements(parent).collect();
    // After the last child that comes before the new field in canonical order.
    let previous = children.iter().rev().find(|child| {
        parent_type
            .field_position(document.element(**child).local_name())
            .is_some_and(|child_position| child_position < position)
    });
    if let Some(previous) = previous {
        let offset = document.element(*previous).range().end;
        return FileEdit::insert(
            &file.path,
            offset,
            format!("{newline}{indent}{element_text}"),
        );
    }
    if let Some(first) = children.first() {
        let first_start = document.element(*first).range().start;
        if let Some(before) = indentation_before(&file.text, first_start) {
            return FileEdit::insert(
                &file.path,
                first_start - before.len(),
                format!("{indent}{element_text}{newline}"),
            );
        }
        return FileEdit::insert(
            &file.path,
            first_start,
            format!("{element_text}{newline}{indent}"),
        );
    }
    if parent_element.self_closing() {
        let parent_indent = line_indent(&file.text, parent_element.start_tag().start);
        let open_tag = file.text[parent_element.start_tag().start..parent_element.start_tag().end]
            .trim_end_matches('>')
            .trim_end_matches('/')
            .trim_end();
        return FileEdit::replace(
            &file.path,
            parent_element.start_tag(),
            format!(
                "{open_tag}>{newline}{indent}{element_text}{newline}{parent_indent}</{}>",
                parent_element.name()
            ),
        );
    }
    let content = parent_element.content().slice(&file.text);
    if !content.trim().is_empty() {
        // No element yet, but comments, processing instructions or text: they stay, and the
        // child goes after them on a line of its own.
        let end = parent_element.content().start + content.trim_end().len();
        return FileEdit::insert(&file.path, end, format!("{newline}{indent}{element_text}"));
    }
    // An empty parent: put the child on its own line, and the end tag back on its own line.
    let parent_indent = line_indent(&file.text, parent_element.start_tag().start);
    FileEdit::replace(
        &file.path,
        parent_element.content(),
        format!("{newline}{indent}{element_text}{newline}{parent_indent}"),
    )
}

/// Set a field to a value: replace it when present, insert it otherwise.
pub fn set_field(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
    field_name: &str,
    value: &str,
) -> FileEdit {
    match file.parse.document.child_named(parent, field_name) {
        Some(existing) => replace_value(file, existing, value),
        None => insert_field(file, parent, parent_type, field_name, value),
    }
}

/// Reorder the child elements of `parent` into canonical order, and those of its nested
/// elements (each `customAttributes` entry, say) the same way. Comments directly above an
/// element travel with it, as does a comment on the same line after it; unknown elements keep
/// their relative order after the known ones. The edit only moves text, never drops any.
/// `None` when everything is already in order or cannot be moved safely: a file with syntax
/// errors, text or CDATA between elements, an unclosed element.
pub fn sort_children(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
) -> Option<FileEdit> {
    // A tree built from broken XML may not say where its elements really end.
    if !file.parse.errors.is_empty() {
        return None;
    }
    let (range, new_text) = sorted_children_text(file, parent, parent_type)?;
    Some(FileEdit::replace(&file.path, range, new_text))
}

/// Insert several fields into `parent`, each at its canonical place among the children already
/// there: `(field name, element text)` pairs. Fields that land at the same spot share one edit
/// in canonical order, so that the edits never overlap.
pub fn insert_children(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
    children: &[(String, String)],
) -> Vec<FileEdit> {
    let document = &file.parse.document;
    let newline = line_ending(&file.text);
    let indent = child_indent(file, parent);
    let existing: Vec<usize> = document
        .child_elements(parent)
        .filter_map(|child| parent_type.field_position(document.element(child).local_name()))
        .collect();
    // The spot a field lands at: after the last existing child that comes before it.
    let anchor = |position: usize| {
        existing
            .iter()
            .copied()
            .filter(|existing_position| *existing_position < position)
            .max()
    };
    let mut sorted: Vec<(usize, &(String, String))> = children
        .iter()
        .map(|child| {
            let position = parent_type.field_position(&child.0).unwrap_or(usize::MAX);
            (position, child)
        })
        .collect();
    sorted.sort_by_key(|(position, _)| *position);
    // Runs of fields that land at the same spot, in canonical order.
    let mut spots: Vec<Option<usize>> = Vec::new();
    let mut groups: Vec<Vec<&(String, String)>> = Vec::new();
    for (position, child) in sorted {
        let spot = anchor(position);
        match (spots.last(), groups.last_mut()) {
            (Some(last_spot), Some(members)) if *last_spot == spot => members.push(child),
            _ => {
                spots.push(spot);
                groups.push(vec![child]);
            }
        }
    }
    groups
        .into_iter()
        .filter_map(|members| {
            let first = members.first()?;
            let joined = members
                .iter()
                .map(|(_, text)| text.as_str())
                .collect::<Vec<_>>()
                .join(&format!("{newline}{indent}"));
            Some(insert_child(file, parent, parent_type, &first.0, &joined))
        })
        .collect()
}

/// One movable piece of a parent's content: the layout and comments before an element, the
/// element, and a comment on the same line after it.
struct Block {
    position: usize,
    range: TextRange,
    element: ElementId,
}

/// The sorted text of the region of `parent` that holds its children, with nested elements
/// sorted too; `None` when nothing changes or the region cannot be sorted safely.
fn sorted_children_text(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
) -> Option<(TextRange, String)> {
    let blocks = movable_blocks(file, parent, parent_type)?;
    let (first, last) = (blocks.first()?, blocks.last()?);
    let region = TextRange::new(first.range.start, last.range.end);
    let mut changed = blocks
        .windows(2)
        .any(|pair| pair[0].position > pair[1].position);
    let mut texts: Vec<(usize, String)> = Vec::with_capacity(blocks.len());
    for block in &blocks {
        let mut text = block.range.slice(&file.text).to_string();
        if let Some(nested_type) = nested_type_of_child(file, block.element, parent_type) {
            if let Some((inner, sorted)) = sorted_children_text(file, block.element, nested_type) {
                let from = inner.start - block.range.start;
                let to = inner.end - block.range.start;
                text.replace_range(from..to, &sorted);
                changed = true;
            }
        }
        texts.push((block.position, text));
    }
    if !changed {
        return None;
    }
    // Stable: repeated fields and unknown elements keep their relative order.
    texts.sort_by_key(|(position, _)| *position);
    let new_text: String = texts.into_iter().map(|(_, text)| text).collect();
    // Only moved, never lost: the new text is exactly as long as the old.
    (new_text.len() == region.len()).then_some((region, new_text))
}

fn movable_blocks(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
) -> Option<Vec<Block>> {
    let document = &file.parse.document;
    let parent_element = document.element(parent);
    // An unclosed parent has no reliable end to its content.
    parent_element.end_tag()?;
    let mut blocks: Vec<Block> = Vec::new();
    let mut block_start = parent_element.content().start;
    for node in parent_element.children() {
        match node {
            Node::Text(text) => {
                if !text.value(document).trim().is_empty() {
                    return None;
                }
            }
            Node::Comment(comment) => {
                // A comment on the same line as the end of the element before it belongs to
                // that element; any other comment goes with the element below it.
                let Some(previous) = blocks.last_mut() else {
                    continue;
                };
                let between = &file.text[previous.range.end..comment.range().start];
                if previous.range.end == block_start && !between.contains(['\n', '\r']) {
                    previous.range = TextRange::new(previous.range.start, comment.range().end);
                    block_start = comment.range().end;
                }
            }
            Node::Element(child) => {
                let element = document.element(*child);
                if element.name().is_empty()
                    || (!element.self_closing() && element.end_tag().is_none())
                {
                    return None;
                }
                let position = parent_type
                    .field_position(element.local_name())
                    .unwrap_or(usize::MAX);
                blocks.push(Block {
                    position,
                    range: TextRange::new(block_start, element.range().end),
                    element: *child,
                });
                block_start = element.range().end;
            }
            Node::CData(_) | Node::ProcessingInstruction(_) => return None,
        }
    }
    Some(blocks)
}

/// The nested type of a child element's field, when it has one.
fn nested_type_of_child(
    file: &SourceFile,
    child: ElementId,
    parent_type: &TypeDef,
) -> Option<&'static TypeDef> {
    let element = file.parse.document.element(child);
    Schema::get().nested_type_of(parent_type.field(element.local_name())?)
}

/// `\r\n` when the file uses it, else `\n`.
pub fn line_ending(text: &str) -> &'static str {
    // A vectorised search: this runs over the whole text of large files on every keystroke.
    if memchr::memmem::find(text.as_bytes(), b"\r\n").is_some() {
        "\r\n"
    } else {
        "\n"
    }
}

/// The indentation a new child of `parent` should get: that of an existing child (or of a
/// comment or processing instruction in it), else the parent's own plus the file's indentation
/// step (a tab in a file indented with tabs, else four spaces).
fn child_indent(file: &SourceFile, parent: ElementId) -> String {
    let document = &file.parse.document;
    for node in document.element(parent).children() {
        let start = match node {
            Node::Element(child) => document.element(*child).range().start,
            Node::Comment(comment) => comment.range().start,
            Node::ProcessingInstruction(instruction) => instruction.range().start,
            Node::Text(_) | Node::CData(_) => continue,
        };
        if let Some(before) = indentation_before(&file.text, start) {
            return before.to_string();
        }
    }
    format!(
        "{}{}",
        line_indent(&file.text, document.element(parent).start_tag().start),
        indent_step(&file.text)
    )
}

/// The file's indentation step: a tab when its first indented line starts with one, else four
/// spaces.
pub(crate) fn indent_step(text: &str) -> &'static str {
    let first_indent = text
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .find(|line| line.starts_with([' ', '\t']) && !line.trim().is_empty());
    match first_indent {
        Some(line) if line.starts_with('\t') => "\t",
        _ => "    ",
    }
}
