//! Where a file uses an app's name: the `externalClientApplication` value of a component, the
//! name part of a header's `orgScopedExternalApp`, and a header's root element (which stands
//! for the name its file name carries). Renaming an app rewrites these; highlights show them.
//!
//! Knows the tree and the project's app index only.

use eca_syntax::{Element, Node, TextRange};

use crate::model::cursor::element_name_at;
use crate::model::project::{APP_REFERENCE_FIELD, SourceFile, app_key};
use crate::model::text_util::escape_xml_text;

/// The header field that names the app after the org id: `00D5g000004SGtF:Portal`.
pub const ORG_SCOPED_APP_FIELD: &str = "orgScopedExternalApp";

/// How a file uses an app's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppNameUseKind {
    /// A component's `externalClientApplication` value.
    Reference,
    /// The part after the colon of a header's `orgScopedExternalApp`.
    OrgScoped,
    /// A header's root element (start or end tag name): the app whose name the file carries.
    Header,
}

/// One use of an app's name in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppNameUse {
    pub kind: AppNameUseKind,
    /// The app's key ([`app_key`]): the name without a namespace prefix.
    pub key: String,
    /// What shows the name: the name in a value (after a `ns__` prefix or the org id), or the
    /// root element's tag name of a header. A value not written as it reads (references, CDATA
    /// markup around parts) shows it with its whole raw text.
    pub range: TextRange,
    /// How to write another name over `range` (`None` for a header's root element, whose name
    /// is the file's name).
    pub rewrite: Option<Rewrite>,
}

/// Replacing a use's range with `before`, the new name and `after` writes another name in a
/// value (both empty when the range is the name alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewrite {
    pub before: String,
    pub after: String,
}

impl Rewrite {
    /// The text that replaces the use's range to write `name`.
    pub fn text_for(&self, name: &str) -> String {
        format!("{}{name}{}", self.before, self.after)
    }
}

/// Every use of an app's name in `file`, in text order.
pub fn app_name_uses(file: &SourceFile) -> Vec<AppNameUse> {
    let document = &file.parse.document;
    let Some(root) = document.root_element() else {
        return Vec::new();
    };
    let mut uses = Vec::new();
    if file.is_header() {
        let key = app_key(&file.full_name).to_string();
        uses.push(AppNameUse {
            kind: AppNameUseKind::Header,
            key: key.clone(),
            range: root.name_range(),
            rewrite: None,
        });
        if let Some(value_use) = root
            .child_named(ORG_SCOPED_APP_FIELD)
            .and_then(|element| org_scoped_use(file, document.element(element)))
        {
            uses.push(value_use);
        }
        if let Some(end_tag) = root.end_tag().filter(|end| !end.name_range.is_empty()) {
            uses.push(AppNameUse {
                kind: AppNameUseKind::Header,
                key,
                range: end_tag.name_range,
                rewrite: None,
            });
        }
    } else if file.app_reference.is_some() {
        uses.extend(
            root.child_named(APP_REFERENCE_FIELD)
                .and_then(|element| reference_use(file, document.element(element))),
        );
    }
    uses.sort_by_key(|found| found.range.start);
    uses
}

/// The use of an app's name the cursor is on (touching its range).
pub fn app_name_use_at(file: &SourceFile, offset: usize) -> Option<AppNameUse> {
    let uses = app_name_uses(file);
    // A header's root element counts only on its tag name, as element_name_at finds it.
    let on_root_name = element_name_at(&file.parse.document, offset)
        .is_some_and(|hit| file.parse.document.root() == Some(hit.element));
    uses.into_iter().find(|found| {
        found.range.touches(offset) && (found.kind != AppNameUseKind::Header || on_root_name)
    })
}

/// `ns__Name` or `Name`: the name part of a component's reference.
fn reference_use(file: &SourceFile, element: Element<'_>) -> Option<AppNameUse> {
    let value = element.text_value();
    let (range, rewrite) = name_part(file, element, &value.value, "")?;
    Some(AppNameUse {
        kind: AppNameUseKind::Reference,
        key: app_key(&value.value).to_string(),
        range,
        rewrite: Some(rewrite),
    })
}

/// `<org id>:<name>`: the name part, when there is an org id and a colon.
fn org_scoped_use(file: &SourceFile, element: Element<'_>) -> Option<AppNameUse> {
    let value = element.text_value();
    let (org, name) = value.value.split_once(':')?;
    if org.is_empty() || name.trim().is_empty() {
        return None;
    }
    let (range, rewrite) = name_part(file, element, &value.value, &format!("{org}:"))?;
    Some(AppNameUse {
        kind: AppNameUseKind::OrgScoped,
        key: app_key(name).to_string(),
        range,
        rewrite: Some(rewrite),
    })
}

/// Where the name (after `prefix` and a namespace) sits in `element`'s value, and how to rewrite
/// it. A value written as it reads (no references, no CDATA markup around parts) gets the
/// exact range of the name; any other is rewritten whole, as plain text followed by the
/// comments and other markup that stood between its parts, which a rename does not drop.
fn name_part(
    file: &SourceFile,
    element: Element<'_>,
    value: &str,
    prefix: &str,
) -> Option<(TextRange, Rewrite)> {
    let text = &file.text;
    let raw_range = element.text_value().range;
    let rest = value.strip_prefix(prefix)?;
    let key = app_key(rest);
    if key.is_empty() {
        return None;
    }
    // app_key trims; the name part ends where the value ends.
    let namespace_len = rest.len() - rest.trim_start().len() + rest.trim().len() - key.len();
    let before_name = &value[..prefix.len() + namespace_len];
    let after_name = &value[prefix.len() + namespace_len + key.len()..];
    if raw_range.slice(text) == value {
        let start = raw_range.start + before_name.len();
        let range = TextRange::new(start, start + key.len());
        return Some((
            range,
            Rewrite {
                before: String::new(),
                after: String::new(),
            },
        ));
    }
    let document = &file.parse.document;
    let markup_inside: String = element
        .children()
        .iter()
        .filter_map(|node| match node {
            Node::Comment(comment) => Some(comment.range()),
            Node::ProcessingInstruction(instruction) => Some(instruction.range()),
            Node::Element(child) => Some(document.element(*child).range()),
            Node::Text(_) | Node::CData(_) => None,
        })
        .filter(|range| raw_range.contains_range(*range))
        .map(|range| range.slice(text))
        .collect();
    Some((
        raw_range,
        Rewrite {
            before: escape_xml_text(before_name),
            after: escape_xml_text(after_name) + &markup_inside,
        },
    ))
}
