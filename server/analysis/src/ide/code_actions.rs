//! Code actions that are not quick fixes of a diagnostic (those travel in `Diagnostic::fixes`):
//! sorting a file's fields into canonical order and adding the required fields an element
//! lacks. Every action only moves or adds text; none drops what the user did not ask to drop.

use eca_schema::{Requirement, TypeDef, ValueKind};
use eca_syntax::{ElementId, TextRange};

use crate::checks::structural::is_nil;
use crate::ide::completion::guess_app_name;
use crate::model::cursor::{clamp_to_char_boundary, element_type};
use crate::model::diagnostic::FileEdit;
use crate::model::edits;
use crate::model::project::{APP_REFERENCE_FIELD, Project, SourceFile};
use crate::model::text_util::escape_xml_text;

/// A named set of edits the user can apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    pub edits: Vec<FileEdit>,
    pub preferred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeActionKind {
    QuickFix,
    /// A source action on the whole file (LSP `source.sortFields`-style kinds).
    SourceSortFields,
    Refactor,
}

/// The actions for `range` of the file at `path`: the whole-file sort when something is out
/// of order, and adding the required fields missing from the element at the range's start.
pub fn code_actions(project: &Project, path: &str, range: TextRange) -> Vec<CodeAction> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    if file.kind.is_none() {
        return Vec::new();
    }
    let mut actions = Vec::new();
    actions.extend(sort_fields(file));
    actions.extend(add_missing_required_fields(project, file, range));
    actions
}

/// Sort the root's fields, and every nested element's, into canonical order.
fn sort_fields(file: &SourceFile) -> Option<CodeAction> {
    let root = file.parse.document.root()?;
    let type_def = file.effective_type()?;
    if !type_def.fields_known {
        return None;
    }
    let edit = edits::sort_children(file, root, type_def)?;
    Some(CodeAction {
        title: "Sort fields into canonical order".to_string(),
        kind: CodeActionKind::SourceSortFields,
        edits: vec![edit],
        preferred: false,
    })
}

/// Add every required (or recommended) field the innermost typed element at the cursor lacks.
fn add_missing_required_fields(
    project: &Project,
    file: &SourceFile,
    range: TextRange,
) -> Option<CodeAction> {
    let document = &file.parse.document;
    let offset = clamp_to_char_boundary(&file.text, range.start);
    let (element, type_def) = typed_element_at(file, offset)?;
    if !type_def.fields_known || is_nil(file, element) {
        return None;
    }
    let element_data = document.element(element);
    if !element_data.start_tag_closed()
        || (!element_data.self_closing() && element_data.end_tag().is_none())
    {
        return None;
    }
    let missing: Vec<(String, String)> = type_def
        .fields
        .iter()
        .filter(|field| field.requirement != Requirement::Optional)
        .filter(|field| document.child_named(element, &field.name).is_none())
        .map(|field| {
            let value = if field.name == APP_REFERENCE_FIELD {
                escape_xml_text(&guess_app_name(project, &file.path))
            } else if field.kind == ValueKind::Nested {
                String::new()
            } else {
                field
                    .default
                    .as_deref()
                    .map(escape_xml_text)
                    .unwrap_or_default()
            };
            (
                field.name.clone(),
                format!("<{0}>{value}</{0}>", field.name),
            )
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    let names: Vec<String> = missing
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    let noun = if missing.len() == 1 {
        "field"
    } else {
        "fields"
    };
    Some(CodeAction {
        title: format!(
            "Add the missing required {noun} to `{}`: {}",
            element_data.name(),
            names.join(", ")
        ),
        kind: CodeActionKind::QuickFix,
        edits: edits::insert_children(file, element, type_def, &missing),
        preferred: false,
    })
}

/// The innermost element around `offset` that is an instance of a type (the root or a nested
/// element), with that type.
fn typed_element_at(file: &SourceFile, offset: usize) -> Option<(ElementId, &'static TypeDef)> {
    let document = &file.parse.document;
    let mut current = document.element_at(offset);
    while let Some(id) = current {
        if let Some(type_def) = element_type(file, id) {
            return Some((id, type_def));
        }
        current = document.element(id).parent();
    }
    None
}

#[cfg(test)]
mod tests;
