//! Navigation across the files of an app: from an `externalClientApplication` value to the
//! app's header and from an `oauthLink` to the global OAuth settings (definition), from the
//! header or any such value to every file of the app (references); and from a name of another
//! component of the sfdx project (an Apex class, a permission set, a profile, a custom scope) to
//! the file names and folder the front end looks for, since those files are not ECA files and
//! the project model does not hold them.

use eca_schema::Schema;
use eca_syntax::TextRange;

use crate::checks::structural::template_placeholder;
use crate::model::components::file_stem_for;
use crate::model::cursor::{
    clamp_to_char_boundary, content_element_at, element_field, element_name_at,
};
use crate::model::project::{APP_REFERENCE_FIELD, App, Project, SourceFile};
use crate::model::text_util::split_list;

/// A place in a file to jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavigationTarget {
    pub path: String,
    /// The whole thing: the header's root element, a component's `externalClientApplication`.
    pub range: TextRange,
    /// What to highlight: the root element's name, the app name in the component.
    pub selection_range: TextRange,
}

/// A name under the cursor that stands for a component of the sfdx project which is not an
/// ECA file: which type, which name, and how its file is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectReference {
    /// The metadata type (`ApexClass`, `PermissionSet`, …).
    pub type_name: String,
    /// The name as written (one item of a comma-separated list).
    pub name: String,
    /// Where the name is written.
    pub range: TextRange,
    /// The folder the type's files sit in (`classes`), anywhere in the project.
    pub folder: String,
    /// The file names that hold the component, best first (`Handler.cls`, then
    /// `Handler.cls-meta.xml`).
    pub file_names: Vec<String>,
}

impl ProjectReference {
    /// The files of the project that hold the component, as the project knows them (its
    /// component files, found with the ECA files), best match first.
    pub fn indexed_files(&self, project: &Project) -> Vec<String> {
        let mut found: Vec<(usize, &str)> = project
            .components()
            .paths()
            .filter_map(|path| Some((self.rank_of(path)?, path)))
            .collect();
        found.sort();
        found
            .into_iter()
            .map(|(_, path)| path.to_string())
            .collect()
    }

    /// How well a file of the project (by its path, `/`- or `\`-separated) holds the component:
    /// `Some(rank)` (0 best) when it sits in the type's folder under one of the file names.
    pub fn rank_of(&self, path: &str) -> Option<usize> {
        let mut parts = path.rsplit(['/', '\\']);
        let file_name = parts.next()?;
        let folder = parts.next()?;
        if folder != self.folder {
            return None;
        }
        self.file_names.iter().position(|name| name == file_name)
    }
}

/// On an `externalClientApplication` value: the header file of the app it names. On an
/// `oauthLink` (`<org Id>:<OAuth consumer Id>`): the app's global OAuth settings, which create
/// that consumer. On a `pushConfigLink`: the push credentials the app's push settings hold
/// (`androidPushConfig`, `applePushConfig`), when the project has them.
pub fn definition(project: &Project, path: &str, offset: usize) -> Vec<NavigationTarget> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let offset = clamp_to_char_boundary(&file.text, offset);
    if let Some(link_field) = link_at(file, offset) {
        return link_targets(project, file, link_field);
    }
    let Some(value) = app_reference_at(file, offset) else {
        return Vec::new();
    };
    let Some(header) = project.app_named(&value).and_then(|app| app.header) else {
        return Vec::new();
    };
    project
        .file(&header)
        .and_then(root_target)
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
                .and_then(root_target),
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

/// On a name of another component of the project (`apexHandler` → an Apex class,
/// `commaSeparatedPermissionSet` → a permission set, `commaSeparatedProfile` → a profile,
/// `commaSeparatedCustomScopes` → a custom scope; the schema's `reference` of the field and
/// `project_types.json` say which): what to look for. `None` elsewhere, on an empty item and
/// on a template placeholder.
pub fn project_reference(project: &Project, path: &str, offset: usize) -> Option<ProjectReference> {
    let file = project.file(path)?;
    let offset = clamp_to_char_boundary(&file.text, offset);
    let document = &file.parse.document;
    let element = content_element_at(document, offset)?;
    let (_, field) = element_field(file, element)?;
    let reference = field.reference.as_ref()?;
    if reference.kind != "metadata" {
        return None;
    }
    let project_type = Schema::get().project_type(&reference.target)?;
    let value = document.element(element).text_value();
    if value.value.is_empty() || !value.range.touches(offset) {
        return None;
    }
    let raw = value.range.slice(&file.text);
    let (name, range) = match &field.list_separator {
        // Item ranges only where the text is the value as written (no references to decode).
        Some(separator) if raw == value.value => split_list(&file.text, value.range, separator)
            .into_iter()
            .find(|item| item.touches(offset))
            .map(|item| (item.slice(&file.text).to_string(), item))?,
        Some(separator) => {
            let items: Vec<&str> = value
                .value
                .split(separator.as_str())
                .map(str::trim)
                .collect();
            let first = items.into_iter().find(|item| !item.is_empty())?;
            (first.to_string(), value.range)
        }
        None => (value.value.trim().to_string(), value.range),
    };
    if name.is_empty() || template_placeholder(&name).is_some() {
        return None;
    }
    // A standard profile's file carries its full name (`System Administrator` is
    // `Admin.profile-meta.xml`): that file first, then one named as written.
    let mut stems: Vec<String> = project_type
        .standard_full_name(&name)
        .map(str::to_string)
        .into_iter()
        .collect();
    for stem in [name.clone(), file_stem_for(&name)] {
        if !stems.contains(&stem) {
            stems.push(stem);
        }
    }
    let file_names = stems
        .iter()
        .flat_map(|stem| {
            [
                format!("{stem}.{}", project_type.suffix),
                format!("{stem}.{}-meta.xml", project_type.suffix),
            ]
        })
        .collect();
    Some(ProjectReference {
        type_name: project_type.name.clone(),
        name,
        range,
        folder: project_type.folder.clone(),
        file_names,
    })
}

/// The generated link fields whose target may be a file of the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinkField {
    OauthLink,
    PushConfigLink,
}

/// The `oauthLink` or `pushConfigLink` value the cursor is on.
fn link_at(file: &SourceFile, offset: usize) -> Option<LinkField> {
    let document = &file.parse.document;
    let element = content_element_at(document, offset)?;
    let (type_def, field) = element_field(file, element)?;
    let link = match (type_def.name.as_str(), field.name.as_str()) {
        (OAUTH_SETTINGS_TYPE, "oauthLink") => LinkField::OauthLink,
        (PUSH_SETTINGS_TYPE, "pushConfigLink") => LinkField::PushConfigLink,
        _ => return None,
    };
    let value = document.element(element).text_value();
    (!value.value.is_empty() && value.range.touches(offset)).then_some(link)
}

const OAUTH_SETTINGS_TYPE: &str = "ExtlClntAppOauthSettings";
const GLOBAL_OAUTH_SETTINGS_TYPE: &str = "ExtlClntAppGlobalOauthSettings";
const PUSH_SETTINGS_TYPE: &str = "ExtlClntAppPushSettings";
const PUSH_CREDENTIAL_FIELDS: &[&str] = &["androidPushConfig", "applePushConfig"];

fn link_targets(project: &Project, file: &SourceFile, link: LinkField) -> Vec<NavigationTarget> {
    let Some(app) = project.app_of(&file.path) else {
        return Vec::new();
    };
    let app_files = app
        .components
        .iter()
        .filter_map(|component| project.file(component));
    match link {
        LinkField::OauthLink => app_files
            .filter(|component| component.type_name() == Some(GLOBAL_OAUTH_SETTINGS_TYPE))
            .filter_map(root_target)
            .collect(),
        LinkField::PushConfigLink => app_files
            .filter(|component| component.type_name() == Some(PUSH_SETTINGS_TYPE))
            .flat_map(|component| {
                let document = &component.parse.document;
                let root = document.root();
                PUSH_CREDENTIAL_FIELDS
                    .iter()
                    .filter_map(move |field| {
                        let element = document.child_named(root?, field)?;
                        let element = document.element(element);
                        Some(NavigationTarget {
                            path: component.path.clone(),
                            range: element.range(),
                            selection_range: element.name_range(),
                        })
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    }
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

/// A file's root element, with its name to highlight (an app's header, a whole file).
pub(crate) fn root_target(file: &SourceFile) -> Option<NavigationTarget> {
    let root = file.parse.document.root_element()?;
    Some(NavigationTarget {
        path: file.path.clone(),
        range: root.range(),
        selection_range: root.name_range(),
    })
}

/// A component's `externalClientApplication` element, with the app name in it to highlight.
pub(crate) fn reference_target(component: &SourceFile) -> Option<NavigationTarget> {
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
