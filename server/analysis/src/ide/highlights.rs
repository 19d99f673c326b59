//! What belongs together at the cursor in one file: the start and end tag names of an element
//! (highlighted together, and edited together as linked ranges), and every use of an app's name
//! (a component's `externalClientApplication`, `orgScopedExternalApp`'s name part, a header's
//! root element, which stands for the name its file carries).

use eca_syntax::TextRange;

use crate::model::app_names::{app_name_use_at, app_name_uses};
use crate::model::cursor::{clamp_to_char_boundary, element_name_at};
use crate::model::project::Project;

/// The ranges to highlight in the file for the cursor at `offset`, in text order: every use of
/// the app name the cursor is on, else the start and end tag names (the one name of a
/// self-closing element) of the element whose name it is on; empty elsewhere.
pub fn document_highlights(project: &Project, path: &str, offset: usize) -> Vec<TextRange> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let offset = clamp_to_char_boundary(&file.text, offset);
    if let Some(found) = app_name_use_at(file, offset) {
        return app_name_uses(file)
            .into_iter()
            .filter(|other| other.key == found.key)
            .map(|other| other.range)
            .collect();
    }
    let document = &file.parse.document;
    let Some(hit) = element_name_at(document, offset) else {
        return Vec::new();
    };
    let element = document.element(hit.element);
    let mut ranges = vec![element.name_range()];
    ranges.extend(element.end_tag().map(|end_tag| end_tag.name_range));
    ranges
}

/// The start and end tag names of the element whose name the cursor is on, which an editor
/// edits together; `None` off a tag name, and for an element without an end tag (self-closing
/// or unclosed).
pub fn linked_editing_ranges(
    project: &Project,
    path: &str,
    offset: usize,
) -> Option<Vec<TextRange>> {
    let file = project.file(path)?;
    let offset = clamp_to_char_boundary(&file.text, offset);
    tag_names(project, path, offset)
}

fn tag_names(project: &Project, path: &str, offset: usize) -> Option<Vec<TextRange>> {
    let document = &project.file(path)?.parse.document;
    let hit = element_name_at(document, offset)?;
    let element = document.element(hit.element);
    let end_tag = element.end_tag()?;
    // A half-typed pair (`<label>…</labl>`) is no pair to edit together.
    let start_name = element.name_range();
    if start_name.slice(document.text()) != end_tag.name_range.slice(document.text()) {
        return None;
    }
    Some(vec![start_name, end_tag.name_range])
}

#[cfg(test)]
mod tests;
