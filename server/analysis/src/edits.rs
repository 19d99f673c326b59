//! Building text edits on a parsed file: set a field's value, insert a field at its canonical
//! place with the file's own indentation and line endings, rename or remove an element, sort
//! fields into canonical order. Fixes, quick fixes and rules all build their edits here.

use eca_schema::TypeDef;
use eca_syntax::{ElementId, Node, TextRange};

use crate::diagnostic::FileEdit;
use crate::project::SourceFile;
use crate::text_util::escape_xml_text;

/// Replace the value of a simple element (`<isPkceRequired>false</isPkceRequired>`), turning a
/// self-closing `<x/>` into `<x>value</x>`.
pub fn replace_value(file: &SourceFile, element_id: ElementId, new_value: &str) -> FileEdit {
    let document = &file.parse.document;
    let element = document.element(element_id);
    let escaped = escape_xml_text(new_value);
    if element.self_closing {
        return FileEdit::replace(
            &file.path,
            element.start_tag,
            format!("<{name}>{escaped}</{name}>", name = element.name),
        );
    }
    let value = document.text_value(element_id, &file.text);
    if value.value.is_empty() {
        // Replace whatever whitespace sits between the tags.
        return FileEdit::replace(&file.path, element.content, escaped);
    }
    FileEdit::replace(&file.path, value.range, escaped)
}

/// Rename an element: its start tag's name and, when present, its end tag's name.
pub fn rename_element(file: &SourceFile, element_id: ElementId, new_name: &str) -> Vec<FileEdit> {
    let element = file.parse.document.element(element_id);
    let mut edits = vec![FileEdit::replace(&file.path, element.name_range, new_name)];
    if let Some(end_tag) = &element.end_tag {
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
        let line_start = file.text[..first_start]
            .rfind('\n')
            .map_or(0, |index| index + 1);
        if file.text[line_start..first_start].trim().is_empty() {
            return FileEdit::insert(
                &file.path,
                line_start,
                format!("{indent}{element_text}{newline}"),
            );
        }
        return FileEdit::insert(
            &file.path,
            first_start,
            format!("{element_text}{newline}{indent}"),
        );
    }
    if parent_element.self_closing {
        let parent_indent = line_indent(&file.text, parent_element.start_tag.start);
        let open_tag = file.text[parent_element.start_tag.start..parent_element.start_tag.end]
            .trim_end_matches('>')
            .trim_end_matches('/')
            .trim_end();
        return FileEdit::replace(
            &file.path,
            parent_element.start_tag,
            format!(
                "{open_tag}>{newline}{indent}{element_text}{newline}{parent_indent}</{}>",
                parent_element.name
            ),
        );
    }
    // An empty parent: put the child on its own line, and the end tag back on its own line.
    let parent_indent = line_indent(&file.text, parent_element.start_tag.start);
    FileEdit::replace(
        &file.path,
        parent_element.content,
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

/// Reorder the child elements of `parent` into canonical order. Comments directly above an
/// element travel with it; unknown elements keep their relative order after the known ones.
/// `None` when the children are already in order or cannot be moved safely (text between
/// elements, syntax errors inside the parent).
pub fn sort_children(
    file: &SourceFile,
    parent: ElementId,
    parent_type: &TypeDef,
) -> Option<FileEdit> {
    let document = &file.parse.document;
    let parent_element = document.element(parent);
    // An unclosed parent has no reliable end to its content.
    parent_element.end_tag.as_ref()?;
    // Split the content into blocks: each is the leading whitespace + comments + one element.
    let mut blocks: Vec<(usize, TextRange)> = Vec::new();
    let mut block_start = parent_element.content.start;
    for node in &parent_element.children {
        match node {
            Node::Text(text) => {
                if !text.value.trim().is_empty() {
                    return None;
                }
            }
            // Comments stay with the element below them: they are part of its block.
            Node::Comment(_) => {}
            Node::Element(child) => {
                let element = document.element(*child);
                if element.name.is_empty() || (!element.self_closing && element.end_tag.is_none()) {
                    return None;
                }
                let position = parent_type
                    .field_position(element.local_name())
                    .unwrap_or(usize::MAX);
                let range = TextRange::new(block_start, element.range().end);
                blocks.push((position, range));
                block_start = element.range().end;
            }
            Node::CData(_) | Node::ProcessingInstruction(_) => return None,
        }
    }
    if blocks.len() < 2 {
        return None;
    }
    let in_order = blocks.windows(2).all(|pair| pair[0].0 <= pair[1].0);
    if in_order {
        return None;
    }
    let first_start = blocks[0].1.start;
    let last_end = blocks[blocks.len() - 1].1.end;
    let mut sorted = blocks.clone();
    sorted.sort_by_key(|(position, _)| *position);
    let mut new_text = String::new();
    for (_, range) in &sorted {
        let block = range.slice(&file.text);
        // Each block starts with the line break and indentation that preceded it; keep the
        // block's own leading layout so comments stay above their element.
        new_text.push_str(block);
    }
    Some(FileEdit::replace(
        &file.path,
        TextRange::new(first_start, last_end),
        new_text,
    ))
}

/// `\r\n` when the file uses it, else `\n`.
pub fn line_ending(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// The indentation a new child of `parent` should get: that of an existing child, else the
/// parent's own plus four spaces.
fn child_indent(file: &SourceFile, parent: ElementId) -> String {
    let document = &file.parse.document;
    for child in document.child_elements(parent) {
        let start = document.element(child).range().start;
        let line_start = file.text[..start].rfind('\n').map_or(0, |index| index + 1);
        let before = &file.text[line_start..start];
        if before.trim().is_empty() {
            return before.to_string();
        }
    }
    format!(
        "{}    ",
        line_indent(&file.text, document.element(parent).start_tag.start)
    )
}

/// The whitespace at the start of the line holding `offset`.
fn line_indent(text: &str, offset: usize) -> String {
    let line_start = text[..offset].rfind('\n').map_or(0, |index| index + 1);
    text[line_start..]
        .chars()
        .take_while(|ch| *ch == ' ' || *ch == '\t')
        .collect()
}
