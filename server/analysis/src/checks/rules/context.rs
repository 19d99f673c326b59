//! What a rule sees: typed views of the files of one app (or of one file) and a sink for its
//! findings, so that each rule reads like its condition.

use std::borrow::Cow;
use std::collections::BTreeSet;

use eca_schema::{FieldDef, Schema, TypeDef};
use eca_syntax::{ElementId, TextRange};

use crate::checks::rules::Rule;
use crate::checks::structural::is_nil;
use crate::model::diagnostic::{
    Diagnostic, DiagnosticTag, FileEdit, Fix, RelatedLocation, Severity,
};
use crate::model::edits;
use crate::model::project::{App, Project, SourceFile};

/// One element of a file seen as an instance of a schema type: the root of a component, or a
/// nested element such as one `customAttributes` entry.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub file: &'a SourceFile,
    pub element: ElementId,
    pub type_def: &'static TypeDef,
}

/// One field element and its value.
#[derive(Debug, Clone)]
pub struct FieldValue<'a> {
    pub file: &'a SourceFile,
    pub element: ElementId,
    /// Trimmed text; empty for `xsi:nil` and empty elements. Borrowed from the file's text
    /// unless a reference had to be decoded: the rules read thousands of values per run.
    pub value: Cow<'a, str>,
    /// The value's range, or the element name's when the value is empty.
    pub range: TextRange,
    pub name_range: TextRange,
    pub nil: bool,
}

/// A place in a file to report at or point to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub range: TextRange,
}

/// The files of one app, as typed views. An app rule sees only the app's own files and the
/// project's org settings, nothing else of the project: so an app's findings change only when
/// one of those files does.
pub struct AppContext<'a> {
    pub app: &'a App,
    project: &'a Project,
    /// The views of the app's files, made once for all the rules.
    header: Option<View<'a>>,
    components: Vec<View<'a>>,
}

/// One file, for rules that need nothing else.
pub struct FileContext<'a> {
    pub project: &'a Project,
    pub view: View<'a>,
}

/// Collects one rule's findings, filling in its code, severity and source.
pub struct Findings {
    rule: &'static Rule,
    diagnostics: Vec<Diagnostic>,
    noted_settings: BTreeSet<String>,
}

impl<'a> View<'a> {
    /// The root of a file, typed by its root element (or its name when the root is unknown).
    pub fn root(file: &'a SourceFile) -> Option<View<'a>> {
        let element = file.parse.document.root()?;
        let type_def = file.effective_type()?;
        Some(View {
            file,
            element,
            type_def,
        })
    }

    pub fn path(&self) -> &'a str {
        &self.file.path
    }

    /// The first element of the field `name`.
    pub fn field(&self, name: &str) -> Option<FieldValue<'a>> {
        Some(self.field_value(self.child(name)?))
    }

    /// Every element of a repeated field.
    pub fn fields(&self, name: &str) -> Vec<FieldValue<'a>> {
        let document = &self.file.parse.document;
        document
            .child_elements(self.element)
            .filter(|child| document.element(*child).name() == name)
            .map(|child| self.field_value(child))
            .collect()
    }

    /// The elements of a nested field, each as a view of its nested type.
    pub fn nested(&self, name: &str) -> Vec<View<'a>> {
        let Some(nested_type) = self
            .type_def
            .field(name)
            .and_then(|field| Schema::get().nested_type_of(field))
        else {
            return Vec::new();
        };
        let document = &self.file.parse.document;
        document
            .child_elements(self.element)
            .filter(|child| document.element(*child).name() == name)
            .map(|element| View {
                file: self.file,
                element,
                type_def: nested_type,
            })
            .collect()
    }

    /// The view of one element of the nested field `field` (`None` when the schema lacks its
    /// nested type).
    pub fn nested_view(&self, element: ElementId, field: &FieldDef) -> Option<View<'a>> {
        Some(View {
            file: self.file,
            element,
            type_def: Schema::get().nested_type_of(field)?,
        })
    }

    /// The value of one field element of this view.
    pub fn value_of(&self, element: ElementId) -> FieldValue<'a> {
        self.field_value(element)
    }

    /// The field's value when it is present, not nil and not empty.
    pub fn text(&self, name: &str) -> Option<Cow<'a, str>> {
        self.field(name)
            .filter(|field| !field.nil && !field.value.is_empty())
            .map(|field| field.value)
    }

    /// `Some(true)`/`Some(false)` for a literal `true`/`false`; `None` when absent, nil or not
    /// a boolean (the structural check reports that).
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.text(name)?.as_ref() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub fn is_true(&self, name: &str) -> bool {
        self.bool(name) == Some(true)
    }

    pub fn has(&self, name: &str) -> bool {
        self.child(name).is_some()
    }

    /// Where to report about `name`: its element's name when present, else this view's.
    pub fn at(&self, name: &str) -> Location {
        let document = &self.file.parse.document;
        let range = match self.child(name) {
            Some(element) => document.element(element).name_range(),
            None => self.name_range(),
        };
        Location {
            path: self.file.path.clone(),
            range,
        }
    }

    /// The name of this view's own element (the root element for a file).
    pub fn at_element(&self) -> Location {
        Location {
            path: self.file.path.clone(),
            range: self.name_range(),
        }
    }

    /// An edit that sets `name` to `value` in this view: replaced when present, else inserted
    /// at its canonical place.
    pub fn set(&self, name: &str, value: &str) -> FileEdit {
        edits::set_field(self.file, self.element, self.type_def, name, value)
    }

    /// Edits that set several fields of this view in one fix: present ones replaced, missing
    /// ones inserted at their canonical places, sharing one edit where they land together (one
    /// [`View::set`] per field would give overlapping insertions).
    pub fn set_fields(&self, fields: &[(&str, &str)]) -> Vec<FileEdit> {
        let mut result = Vec::new();
        let mut missing = Vec::new();
        for (name, value) in fields {
            match self.child(name) {
                Some(existing) => result.push(edits::replace_value(self.file, existing, value)),
                None => missing.push((name.to_string(), format!("<{name}>{value}</{name}>"))),
            }
        }
        result.extend(edits::insert_children(
            self.file,
            self.element,
            self.type_def,
            &missing,
        ));
        result
    }

    /// The edit that removes the field `name` (its first element): none when it is absent, so
    /// that a fix can take the edits as they are.
    pub fn remove(&self, name: &str) -> Vec<FileEdit> {
        self.child(name)
            .map(|element| edits::remove_element(self.file, element))
            .into_iter()
            .collect()
    }

    /// The first element of the field `name`, without reading its value: asking where a field
    /// is, or whether it is there, need not decode its text.
    fn child(&self, name: &str) -> Option<ElementId> {
        self.file.parse.document.child_named(self.element, name)
    }

    fn name_range(&self) -> TextRange {
        self.file.parse.document.element(self.element).name_range()
    }

    fn field_value(&self, element: ElementId) -> FieldValue<'a> {
        let document = &self.file.parse.document;
        let name_range = document.element(element).name_range();
        let nil = is_nil(self.file, element);
        let value = document.element(element).text_value();
        let range = if value.range.is_empty() {
            name_range
        } else {
            value.range
        };
        FieldValue {
            file: self.file,
            element,
            value: if nil { Cow::Borrowed("") } else { value.value },
            range,
            name_range,
            nil,
        }
    }
}

impl FieldValue<'_> {
    pub fn location(&self) -> Location {
        Location {
            path: self.file.path.clone(),
            range: self.name_range,
        }
    }

    pub fn value_location(&self) -> Location {
        Location {
            path: self.file.path.clone(),
            range: self.range,
        }
    }
}

impl<'a> AppContext<'a> {
    pub fn new(project: &'a Project, app: &'a App) -> AppContext<'a> {
        let header = app
            .header
            .as_deref()
            .and_then(|path| project.file(path))
            .and_then(View::root);
        let components = app
            .components
            .iter()
            .filter_map(|path| project.file(path))
            .filter_map(View::root)
            .collect();
        AppContext {
            app,
            project,
            header,
            components,
        }
    }

    /// The app's header file.
    pub fn header(&self) -> Option<View<'a>> {
        self.header
    }

    /// Every component of the app of this type (`ExtlClntAppOauthConfigurablePolicies`).
    pub fn components(&self, type_name: &str) -> Vec<View<'a>> {
        self.components_of(type_name).collect()
    }

    /// The first component of the app of this type.
    pub fn component(&self, type_name: &str) -> Option<View<'a>> {
        self.components_of(type_name).next()
    }

    /// The project's org settings of this type (`OauthOidcSettings`).
    pub fn org_settings(&self, type_name: &str) -> Option<View<'a>> {
        View::root(self.project.org_settings(type_name)?)
    }

    /// Every file of the project of this type, whichever app it belongs to: for components
    /// that name apps inside them (a token exchange handler's `enablements`).
    pub fn project_files_of(&self, type_name: &str) -> Vec<View<'a>> {
        self.project
            .files()
            .filter(|file| file.type_name() == Some(type_name))
            .filter_map(View::root)
            .collect()
    }

    fn components_of(&self, type_name: &str) -> impl Iterator<Item = View<'a>> {
        self.components
            .iter()
            .copied()
            .filter(move |view| view.type_def.name == type_name)
    }
}

impl Findings {
    pub(crate) fn new(rule: &'static Rule) -> Findings {
        Findings {
            rule,
            diagnostics: Vec::new(),
            noted_settings: BTreeSet::new(),
        }
    }

    pub(crate) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The code of the rule being run: a check shared by several rules reads its case by it.
    pub fn code(&self) -> &'static str {
        self.rule.info.code
    }

    /// Report a finding at `at` with the rule's code and default severity.
    pub fn report(&mut self, at: Location, message: impl Into<String>) -> &mut Diagnostic {
        self.push(at, self.rule.info.default_severity, message)
    }

    /// The file that would decide this rule is not in the project (teams often keep the org
    /// settings and the global OAuth settings out of git). Never guess its content: leave at
    /// most one information note per setting that names what to check in the org.
    pub fn note_missing(&mut self, at: Location, setting: &str, message: impl Into<String>) {
        if !self.noted_settings.insert(setting.to_string()) {
            return;
        }
        self.push(at, Severity::Information, message);
    }

    /// A finding with the rule's code and source.
    fn push(
        &mut self,
        at: Location,
        severity: Severity,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let info = &self.rule.info;
        let mut diagnostic = Diagnostic::new(at.path, at.range, severity, info.code, message);
        diagnostic.source_url = info.sources.first().map(|url| url.to_string());
        self.diagnostics.push(diagnostic);
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }
}

/// Builder methods for a reported finding.
pub trait FindingExt {
    fn related(&mut self, at: Location, message: impl Into<String>) -> &mut Self;
    fn fix(&mut self, title: impl Into<String>, edits: Vec<FileEdit>) -> &mut Self;
    fn preferred_fix(&mut self, title: impl Into<String>, edits: Vec<FileEdit>) -> &mut Self;
    /// A fix that removes a setting Salesforce ignores where it stands: it cannot change who
    /// can log in, which tokens are issued or what they grant, so bulk fixing applies it.
    fn ignored_setting_removal(
        &mut self,
        title: impl Into<String>,
        edits: Vec<FileEdit>,
        preferred: bool,
    ) -> &mut Self;
    fn tag(&mut self, tag: DiagnosticTag) -> &mut Self;
    fn severity(&mut self, severity: Severity) -> &mut Self;
}

impl FindingExt for Diagnostic {
    fn related(&mut self, at: Location, message: impl Into<String>) -> &mut Diagnostic {
        self.related.push(RelatedLocation {
            path: at.path,
            range: at.range,
            message: message.into(),
        });
        self
    }

    fn fix(&mut self, title: impl Into<String>, edits: Vec<FileEdit>) -> &mut Diagnostic {
        self.fixes.push(Fix::new(title, edits));
        self
    }

    fn preferred_fix(&mut self, title: impl Into<String>, edits: Vec<FileEdit>) -> &mut Diagnostic {
        self.fixes.push(Fix::new(title, edits).preferred());
        self
    }

    fn ignored_setting_removal(
        &mut self,
        title: impl Into<String>,
        edits: Vec<FileEdit>,
        preferred: bool,
    ) -> &mut Diagnostic {
        let fix = Fix::new(title, edits).safe();
        self.fixes
            .push(if preferred { fix.preferred() } else { fix });
        self
    }

    fn tag(&mut self, tag: DiagnosticTag) -> &mut Diagnostic {
        self.tags.push(tag);
        self
    }

    fn severity(&mut self, severity: Severity) -> &mut Diagnostic {
        self.severity = severity;
        self
    }
}
