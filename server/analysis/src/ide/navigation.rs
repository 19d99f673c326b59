//! Navigation across the files of an app: from an `externalClientApplication` value to the
//! app's header (definition), and from the header or any such value to every file of the app
//! (references).

use eca_syntax::TextRange;

use crate::model::cursor::{
    clamp_to_char_boundary, content_element_at, element_field, element_name_at,
};
use crate::model::project::{APP_REFERENCE_FIELD, App, Project, SourceFile};

/// A place in a file to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationTarget {
    pub path: String,
    /// The whole thing: the header's root element, a component's `externalClientApplication`.
    pub range: TextRange,
    /// What to highlight: the root element's name, the app name in the component.
    pub selection_range: TextRange,
}

/// On an `externalClientApplication` value: the header file of the app it names.
pub fn definition(project: &Project, path: &str, offset: usize) -> Vec<NavigationTarget> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let offset = clamp_to_char_boundary(&file.text, offset);
    let Some(value) = app_reference_at(file, offset) else {
        return Vec::new();
    };
    let Some(header) = project.app_named(&value).and_then(|app| app.header) else {
        return Vec::new();
    };
    project
        .file(&header)
        .and_then(header_target)
        .into_iter()
        .collect()
}

/// On a header's root element name, or on any `externalClientApplication` value: every file of
/// the app, the header first (only with `include_declaration`), then the files that name it.
pub fn references(
    project: &Project,
    path: &str,
    offset: usize,
    include_declaration: bool,
) -> Vec<NavigationTarget> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let offset = clamp_to_char_boundary(&file.text, offset);
    let Some(app) = app_at(project, file, offset) else {
        return Vec::new();
    };
    let mut targets = Vec::new();
    if include_declaration {
        targets.extend(
            app.header
                .as_deref()
                .and_then(|header| project.file(header))
                .and_then(header_target),
        );
    }
    for component in &app.components {
        let Some(component_file) = project.file(component) else {
            continue;
        };
        targets.extend(reference_target(component_file));
    }
    targets
}

/// The app the cursor points at: through the root name of a header, or a reference value.
fn app_at(project: &Project, file: &SourceFile, offset: usize) -> Option<App> {
    if file.is_header() {
        let document = &file.parse.document;
        let hit = element_name_at(document, offset)?;
        if document.root() != Some(hit.element) {
            return None;
        }
        return project.app_of(&file.path);
    }
    project.app_named(&app_reference_at(file, offset)?)
}

/// The `externalClientApplication` value the cursor is on.
fn app_reference_at(file: &SourceFile, offset: usize) -> Option<String> {
    let document = &file.parse.document;
    let element = content_element_at(document, offset)?;
    let (_, field) = element_field(file, element)?;
    if field.name != APP_REFERENCE_FIELD {
        return None;
    }
    let value = document.element(element).text_value();
    (!value.value.is_empty() && value.range.touches(offset)).then(|| value.value.into_owned())
}

fn header_target(header: &SourceFile) -> Option<NavigationTarget> {
    let root = header.parse.document.root_element()?;
    Some(NavigationTarget {
        path: header.path.clone(),
        range: root.range(),
        selection_range: root.name_range(),
    })
}

fn reference_target(component: &SourceFile) -> Option<NavigationTarget> {
    let reference = component.app_reference.as_ref()?;
    let document = &component.parse.document;
    let element = document
        .root()
        .and_then(|root| document.child_named(root, APP_REFERENCE_FIELD))
        .map(|element| document.element(element).range())
        .unwrap_or(reference.range);
    Some(NavigationTarget {
        path: component.path.clone(),
        range: element,
        selection_range: reference.range,
    })
}

#[cfg(test)]
mod tests;
