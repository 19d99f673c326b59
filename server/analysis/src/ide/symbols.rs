//! The structure of one file for an editor: the outline (document symbols), folding ranges
//! and selection ranges. Secrets never appear in an outline's details.

use eca_syntax::{ElementId, Node, TextRange};

use crate::model::cursor::{clamp_to_char_boundary, element_field, element_type};
use crate::model::project::{Project, SourceFile};
use crate::model::text_util::split_list;

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    /// The field's value, shortened to one line; the app (`app Portal`) for the root.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole element.
    pub range: TextRange,
    /// The element's name in its start tag.
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// The root element, or a nested element holding fields.
    Type,
    Field,
    /// One item of a list in a field (a scope of `commaSeparatedOauthScopes`).
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldingRange {
    /// From the start of what folds to the end of its last folded line: for an element, up to
    /// the line before its end tag, so that the end tag stays visible.
    pub range: TextRange,
    pub kind: FoldingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FoldingKind {
    Region,
    Comment,
}

/// Details longer than this are cut, with an ellipsis.
const DETAIL_MAX_CHARS: usize = 60;

/// The outline: the root element with its fields, nested fields as children, list items as
/// values.
pub fn document_symbols(project: &Project, path: &str) -> Vec<DocumentSymbol> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let document = &file.parse.document;
    document
        .top_level()
        .iter()
        .filter_map(|node| match node {
            Node::Element(id) => Some(element_symbol(file, *id)),
            _ => None,
        })
        .collect()
}

/// Every element spanning several lines, and every multi-line comment.
pub fn folding_ranges(project: &Project, path: &str) -> Vec<FoldingRange> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let text = &file.text;
    let document = &file.parse.document;
    let mut ranges = Vec::new();
    for id in document.element_ids() {
        let element = document.element(id);
        let Some(end_tag) = &element.end_tag() else {
            continue;
        };
        // Up to the last line break before the end tag: the end tag's line stays visible.
        let start = element.start_tag().start;
        let Some(last_break) = text[start..end_tag.range.start].rfind('\n') else {
            continue;
        };
        let mut end = start + last_break;
        if text[..end].ends_with('\r') {
            end -= 1;
        }
        // Something to hide: at least one line between the start tag's line and the end tag's.
        if text[start..end].contains('\n') {
            ranges.push(FoldingRange {
                range: TextRange::new(start, end),
                kind: FoldingKind::Region,
            });
        }
    }
    let element_children = document
        .element_ids()
        .flat_map(|id| document.element(id).children());
    for node in document.top_level().iter().chain(element_children) {
        if let Node::Comment(comment) = node {
            if comment.range().slice(text).contains('\n') {
                ranges.push(FoldingRange {
                    range: comment.range(),
                    kind: FoldingKind::Comment,
                });
            }
        }
    }
    ranges.sort_by_key(|folding| (folding.range.start, folding.range.end));
    ranges
}

/// For each offset, the ranges an editor's "expand selection" steps through, innermost first:
/// a list item, the value, the element's name, the element, its parent, … the root, the file.
pub fn selection_ranges(project: &Project, path: &str, offsets: &[usize]) -> Vec<Vec<TextRange>> {
    let Some(file) = project.file(path) else {
        return offsets.iter().map(|_| Vec::new()).collect();
    };
    offsets
        .iter()
        .map(|offset| selection_chain(file, clamp_to_char_boundary(&file.text, *offset)))
        .collect()
}

fn element_symbol(file: &SourceFile, id: ElementId) -> DocumentSymbol {
    let document = &file.parse.document;
    let element = document.element(id);
    let name = if element.name().is_empty() {
        "<".to_string()
    } else {
        element.name().to_string()
    };
    let field = element_field(file, id).map(|(_, field)| field);
    let deprecated =
        field.is_some_and(|field| field.deprecated.is_some() || field.removed.is_some());
    let is_root = document.root() == Some(id);
    let typed = if is_root {
        file.effective_type()
    } else {
        element_type(file, id)
    };
    if typed.is_some() || element.has_child_elements() {
        let children = document
            .child_elements(id)
            .map(|child| element_symbol(file, child))
            .collect();
        let detail = if is_root { app_detail(file) } else { None };
        return DocumentSymbol {
            name,
            detail,
            kind: SymbolKind::Type,
            range: element.range(),
            selection_range: element.name_range(),
            children,
            deprecated,
        };
    }
    let value = document.element(id).text_value();
    let sensitive = field.is_some_and(|field| field.sensitive);
    let detail = if sensitive {
        (!value.value.is_empty()).then(|| "(secret, hidden)".to_string())
    } else {
        (!value.value.is_empty()).then(|| one_line(&value.value))
    };
    let children = match field.and_then(|field| field.list_separator.as_deref()) {
        Some(separator) if !sensitive => split_list(&file.text, value.range, separator)
            .into_iter()
            .map(|item| DocumentSymbol {
                name: item.slice(&file.text).to_string(),
                detail: None,
                kind: SymbolKind::Value,
                range: item,
                selection_range: item,
                children: Vec::new(),
                deprecated: false,
            })
            .collect(),
        _ => Vec::new(),
    };
    DocumentSymbol {
        name,
        detail,
        kind: SymbolKind::Field,
        range: element.range(),
        selection_range: element.name_range(),
        children,
        deprecated,
    }
}

fn selection_chain(file: &SourceFile, offset: usize) -> Vec<TextRange> {
    let document = &file.parse.document;
    let mut chain: Vec<TextRange> = Vec::new();
    let push = |range: TextRange, chain: &mut Vec<TextRange>| {
        let grows = chain
            .last()
            .is_none_or(|last| range.contains_range(*last) && range != *last);
        if grows && range.touches(offset) {
            chain.push(range);
        }
    };
    let innermost = document.element_at(offset);
    if let Some(id) = innermost {
        let element = document.element(id);
        if element.name_range().touches(offset) {
            push(element.name_range(), &mut chain);
        } else if let Some(end_tag) = element
            .end_tag()
            .filter(|end_tag| end_tag.name_range.touches(offset))
        {
            push(end_tag.name_range, &mut chain);
        } else if !element.has_child_elements() {
            let value = document.element(id).text_value();
            if let Some(separator) =
                element_field(file, id).and_then(|(_, field)| field.list_separator.as_deref())
            {
                if let Some(item) = split_list(&file.text, value.range, separator)
                    .into_iter()
                    .find(|item| item.touches(offset))
                {
                    push(item, &mut chain);
                }
            }
            if !value.value.is_empty() {
                push(value.range, &mut chain);
            }
        }
    }
    let mut current = innermost;
    while let Some(id) = current {
        let element = document.element(id);
        push(element.range(), &mut chain);
        current = element.parent();
    }
    push(TextRange::new(0, file.text.len()), &mut chain);
    chain
}

/// `app Portal`: the app a file belongs to, for the root's entry.
fn app_detail(file: &SourceFile) -> Option<String> {
    if file.is_header() {
        return Some(format!("app {}", file.full_name));
    }
    let reference = file.app_reference.as_ref()?;
    (!reference.value.is_empty()).then(|| format!("app {}", one_line(&reference.value)))
}

/// The first line of a value, cut to [`DETAIL_MAX_CHARS`].
fn one_line(value: &str) -> String {
    let first_line = value.lines().next().unwrap_or("").trim();
    let multi_line = value.trim().contains('\n');
    let mut shown: String = first_line.chars().take(DETAIL_MAX_CHARS).collect();
    if multi_line || first_line.chars().count() > DETAIL_MAX_CHARS {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests;
