//! Structural checks of one file against the schema: syntax, root, namespace, unknown,
//! missing, duplicate and invalid elements, API versions, deprecation and element order.
//!
//! Only what one file says is checked here; whatever needs the other files of an app is a rule
//! (see `rules`).

use std::borrow::Cow;
use std::collections::HashMap;

use eca_schema::{
    AllowedValue, ApiVersion, FieldDef, METADATA_NAMESPACE, Requirement, Schema, TypeDef, TypeKind,
    TypeStatus, ValueKind,
};
use eca_syntax::{Attribute, ElementId, Node, SyntaxErrorKind, TextRange, TextValue};

use crate::model::codes;
use crate::model::diagnostic::{Diagnostic, DiagnosticTag, FileEdit, Fix, Severity};
use crate::model::edits::{self, ValueSlot};
use crate::model::project::{APP_REFERENCE_FIELD, ApiVersionChoice, SourceFile};
use crate::model::text_util::{closest_match, differs_only_in_case, quoted_list};
use crate::model::top_level::Reuse;

/// Every structural finding in `file`, checked against the API version in force.
pub fn check_file(file: &SourceFile, api_version: &ApiVersionChoice) -> Vec<Diagnostic> {
    check_file_reusing(file, api_version, None).0
}

/// [`check_file`], taking the findings of the top-level elements `reuse` offers instead of
/// checking them again (see `model::top_level`); also returns what each top-level element
/// found, to remember. A top-level element's own checks (its value, its version, its nested
/// fields) read nothing outside it; what compares it with its siblings (counts, duplicates,
/// order, unique keys) runs in full.
pub(crate) fn check_file_reusing(
    file: &SourceFile,
    api_version: &ApiVersionChoice,
    reuse: Option<&Reuse>,
) -> (Vec<Diagnostic>, Vec<Vec<Diagnostic>>) {
    let mut checker = Checker {
        file,
        api_version,
        schema: Schema::get(),
        diagnostics: Vec::new(),
        reuse,
        top_level: Vec::new(),
    };
    checker.syntax();
    checker.document();
    let mut diagnostics = checker.diagnostics;
    link_the_type_page(file, &mut diagnostics);
    (diagnostics, checker.top_level)
}

/// Whether an element is explicitly empty (`xsi:nil="true"`): it then has no value to check.
pub fn is_nil(file: &SourceFile, element_id: ElementId) -> bool {
    nil_attribute(file, element_id).is_some()
}

/// The `xsi:nil="true"` attribute of an element, if it has one.
fn nil_attribute(file: &SourceFile, element_id: ElementId) -> Option<Attribute<'_>> {
    file.parse
        .document
        .element(element_id)
        .attributes()
        .find(|attribute| {
            (attribute.name() == "nil" || attribute.name().ends_with(":nil"))
                && attribute.value().trim() == "true"
        })
}

/// Schema findings without a page of their own (order, duplicates, versions, deprecation, the
/// namespace) link to the Salesforce page of the file's type, which documents its fields,
/// values, versions and namespace. Syntax findings are about XML itself and link nowhere.
fn link_the_type_page(file: &SourceFile, diagnostics: &mut [Diagnostic]) {
    let Some(url) = file
        .effective_type()
        .and_then(|type_def| type_def.doc_url.as_deref())
    else {
        return;
    };
    for diagnostic in diagnostics {
        let about_syntax =
            diagnostic.code == codes::XML_SYNTAX || diagnostic.code == codes::DOCTYPE_FORBIDDEN;
        if !about_syntax && diagnostic.source_url.as_deref().is_none_or(str::is_empty) {
            diagnostic.source_url = Some(url.to_string());
        }
    }
}

struct Checker<'a> {
    file: &'a SourceFile,
    api_version: &'a ApiVersionChoice,
    schema: &'static Schema,
    diagnostics: Vec<Diagnostic>,
    /// What the top-level elements found in the version the file was edited from.
    reuse: Option<&'a Reuse>,
    /// What each top-level element (child of the root) found on its own, in document order.
    top_level: Vec<Vec<Diagnostic>>,
}

/// What the children of one parent add up to, by field position in canonical order.
struct Siblings {
    /// How many elements each field has.
    counts: Vec<usize>,
    /// The fields in the order they appear.
    order: Vec<(usize, ElementId)>,
    /// The extra copies of each single-valued field: reported once per field.
    extra_copies: Vec<Vec<ElementId>>,
}

impl<'a> Checker<'a> {
    fn syntax(&mut self) {
        for error in &self.file.parse.errors {
            let code = if error.kind == SyntaxErrorKind::Doctype {
                codes::DOCTYPE_FORBIDDEN
            } else {
                codes::XML_SYNTAX
            };
            self.diagnostics.push(Diagnostic::new(
                &self.file.path,
                error.range,
                Severity::Error,
                code,
                error.message.clone(),
            ));
        }
    }

    fn document(&mut self) {
        let Some(kind) = self.file.kind else {
            return;
        };
        let document = &self.file.parse.document;
        let Some(root_id) = document.root() else {
            return;
        };
        let root = document.element(root_id);
        if root.name().is_empty() {
            return;
        }
        let expected = kind.type_def;
        let expected_root = expected.root_element.as_deref().unwrap_or(&expected.name);
        let type_def = self.file.effective_type().unwrap_or(expected);
        if root.local_name() != expected_root {
            self.root_mismatch(root_id, expected, expected_root);
        }
        self.namespace(root_id);
        // Undocumented types only have the coverage report's first listing as a version, and
        // real projects retrieve them with older versions: no warning on a guess.
        let version_known = !matches!(
            type_def.status,
            TypeStatus::Undocumented | TypeStatus::Internal
        );
        if let Some(since) = type_def.since.filter(|_| version_known) {
            if since > self.api_version.version {
                let message = format!(
                    "`{}` files exist from API {}; {}",
                    type_def.name,
                    describe_version(self.schema, since),
                    self.project_version_phrase()
                );
                self.push(
                    root.name_range(),
                    Severity::Warning,
                    codes::API_VERSION,
                    message,
                );
            }
        }
        self.children(root_id, type_def);
    }

    fn root_mismatch(&mut self, root_id: ElementId, expected: &TypeDef, expected_root: &str) {
        let root = self.file.parse.document.element(root_id);
        let found = root.name();
        let by_name = match self.file.kind.map(|kind| kind.detection) {
            Some(crate::model::file_kind::Detection::RootElement) | None => String::new(),
            Some(_) => format!(
                " (the file name `{}` says so)",
                crate::model::file_kind::file_name(&self.file.path)
            ),
        };
        let found_known = self
            .schema
            .type_for_root_element(root.local_name())
            .is_some();
        let message = if found_known {
            format!(
                "the root element is `{found}` but this file should hold `{expected_root}`{by_name}: rename the file or the root element"
            )
        } else {
            format!("the root element `{found}` is not `{expected_root}`{by_name}")
        };
        let fix = Fix::new(
            format!("Rename the root element to `{expected_root}`"),
            edits::rename_element(self.file, root_id, expected_root),
        );
        let fix = if found_known { fix } else { fix.preferred() };
        // A letter-case slip in the root's name changes nothing the file says.
        let fix = if root.local_name().eq_ignore_ascii_case(expected_root) {
            fix.safe()
        } else {
            fix
        };
        self.diagnostics.push(
            Diagnostic::new(
                &self.file.path,
                root.name_range(),
                Severity::Error,
                codes::ROOT_MISMATCH,
                message,
            )
            .with_fix(fix)
            .with_source_url(expected.doc_url.clone().unwrap_or_default()),
        );
    }

    fn namespace(&mut self, root_id: ElementId) {
        let root = self.file.parse.document.element(root_id);
        let attribute_name = match root.name().split_once(':') {
            Some((prefix, _)) => format!("xmlns:{prefix}"),
            None => "xmlns".to_string(),
        };
        match root.attribute(&attribute_name) {
            Some(attribute) if attribute.value() == METADATA_NAMESPACE => {}
            Some(attribute) => {
                let message = format!(
                    "the namespace of `{}` is `{}`; Metadata API files use `{METADATA_NAMESPACE}`",
                    root.name(),
                    attribute.value()
                );
                let fix = Fix::new(
                    "Use the Metadata API namespace",
                    vec![FileEdit::replace(
                        &self.file.path,
                        attribute.value_range(),
                        METADATA_NAMESPACE,
                    )],
                )
                .preferred()
                // The namespace names no setting: the file says the same with it.
                .safe();
                self.diagnostics.push(
                    Diagnostic::new(
                        &self.file.path,
                        attribute.range(),
                        Severity::Error,
                        codes::NAMESPACE_MISSING,
                        message,
                    )
                    .with_fix(fix),
                );
            }
            None => {
                let message = format!(
                    "`{}` has no `{attribute_name}=\"{METADATA_NAMESPACE}\"`: Metadata API rejects a file without it",
                    root.name()
                );
                let fix = Fix::new(
                    "Add the Metadata API namespace",
                    vec![FileEdit::insert(
                        &self.file.path,
                        root.name_range().end,
                        format!(" {attribute_name}=\"{METADATA_NAMESPACE}\""),
                    )],
                )
                .preferred()
                .safe();
                self.diagnostics.push(
                    Diagnostic::new(
                        &self.file.path,
                        root.name_range(),
                        Severity::Error,
                        codes::NAMESPACE_MISSING,
                        message,
                    )
                    .with_fix(fix),
                );
            }
        }
    }

    /// Check the children of `parent_id` as fields of `type_def`, then recurse into nested ones.
    fn children(&mut self, parent_id: ElementId, type_def: &'static TypeDef) {
        let document = &self.file.parse.document;
        // At most one child element per child node: room for all of them up front, so that
        // the lists are not regrown child by child.
        let child_nodes = document.element(parent_id).children().len();
        let mut siblings = Siblings {
            counts: vec![0; type_def.fields.len()],
            order: Vec::with_capacity(child_nodes),
            extra_copies: vec![Vec::new(); type_def.fields.len()],
        };
        let parent_namespace = document.namespace_of(parent_id);
        let top_level = document.root() == Some(parent_id);
        if top_level {
            self.top_level.reserve(child_nodes);
        }
        for (index, child_id) in document.child_elements(parent_id).enumerate() {
            let child = document.element(child_id);
            let mut own_start = self.diagnostics.len();
            if !child.name().is_empty() {
                own_start = self.child(
                    child_id,
                    type_def,
                    &parent_namespace,
                    top_level.then_some(index),
                    &mut siblings,
                );
            }
            if top_level {
                self.top_level.push(self.diagnostics[own_start..].to_vec());
            }
        }
        for (field, extras) in type_def.fields.iter().zip(&siblings.extra_copies) {
            if !extras.is_empty() {
                self.duplicate(extras, field, type_def);
            }
        }
        self.missing_required(parent_id, type_def, &siblings.counts);
        self.unique_keys(parent_id, type_def);
        self.element_order(parent_id, type_def, &siblings.order);
        self.text_in_complex_element(parent_id, type_def);
    }

    /// One child of a parent checked as a field of `type_def`: counted for the checks across
    /// its siblings, then checked on its own (or, for the top-level element `top_level_index`,
    /// its findings reused from before an edit elsewhere). Returns where its own findings
    /// start in `self.diagnostics`: after any finding about it among its siblings (too many
    /// copies), which is not its own.
    fn child(
        &mut self,
        child_id: ElementId,
        type_def: &'static TypeDef,
        parent_namespace: &Option<Cow<'_, str>>,
        top_level_index: Option<usize>,
        siblings: &mut Siblings,
    ) -> usize {
        let document = &self.file.parse.document;
        let parent_id = document.element(child_id).parent();
        let child = document.element(child_id);
        // A child with no attributes and the parent's prefix declares nothing, so its
        // namespace is the parent's: the lookup, and the comparison of the two, are skipped
        // for nearly every element.
        let in_parents_namespace = child.attributes().next().is_none()
            && child.prefix() == parent_id.and_then(|parent| document.element(parent).prefix());
        let other_namespace = if in_parents_namespace {
            None
        } else {
            Some(document.namespace_of(child_id))
                .filter(|namespace| parent_namespace.is_some() && namespace != parent_namespace)
        };
        let own_start = self.diagnostics.len();
        let reused =
            top_level_index.and_then(|index| self.reuse.and_then(|reuse| reuse.element(index)));
        if let Some(namespace) = other_namespace {
            // `<o:label xmlns:o="urn:other">` is no `label`: only names in the metadata's
            // namespace are its fields.
            match reused {
                Some(findings) => self.diagnostics.extend(findings),
                None => self.foreign_element(
                    child_id,
                    namespace.as_deref(),
                    parent_namespace.as_deref(),
                    type_def,
                ),
            }
            return own_start;
        }
        let name = child.local_name();
        let Some(position) = type_def.field_position(name) else {
            match reused {
                Some(findings) => self.diagnostics.extend(findings),
                None => {
                    // Both are reported: renaming or moving the element (what
                    // `unknown-element` asks) leaves the placeholder as unfilled as before.
                    if type_def.fields_known {
                        self.unknown_element(child_id, type_def);
                    }
                    self.unfilled_placeholder(child_id, type_def);
                }
            }
            return own_start;
        };
        let field = &type_def.fields[position];
        siblings.counts[position] += 1;
        let count = siblings.counts[position];
        siblings.order.push((position, child_id));
        if count > 1 && !field.repeated {
            siblings.extra_copies[position].push(child_id);
        } else if field.repeated && field.max_items.is_some_and(|max| count as u32 == max + 1) {
            self.over_limit(child_id, field, type_def);
        }
        let own_start = self.diagnostics.len();
        match reused {
            Some(findings) => self.diagnostics.extend(findings),
            None => {
                self.field_version(child_id, field, type_def);
                self.value(child_id, field, type_def);
            }
        }
        own_start
    }

    /// Repeated nested fields with a unique key (`customAttributes` by `key`): a key used a
    /// second time is reported at that use, pointing at the first.
    fn unique_keys(&mut self, parent_id: ElementId, type_def: &TypeDef) {
        let document = &self.file.parse.document;
        for field in &type_def.fields {
            let Some(key_name) = field.unique_key.as_deref() else {
                continue;
            };
            // Keys borrowed from the text where nothing needed decoding (nearly always).
            let mut first_uses: HashMap<Cow<'_, str>, (TextRange, ElementId)> = HashMap::new();
            for child_id in document.child_elements(parent_id) {
                if document.element(child_id).local_name() != field.name {
                    continue;
                }
                let Some(key_id) = document.child_named(child_id, key_name) else {
                    continue;
                };
                let key = document.element(key_id).text_value();
                if key.value.is_empty() {
                    continue;
                }
                let range = if key.range.is_empty() {
                    document.element(key_id).name_range()
                } else {
                    key.range
                };
                let Some((first, first_id)) = first_uses.get(key.value.as_ref()).copied() else {
                    first_uses.insert(key.value, (range, child_id));
                    continue;
                };
                let message = format!(
                    "the `{key_name}` `{}` is used by another `{}` of `{}`; each `{key_name}` must be unique",
                    key.value, field.name, type_def.name
                );
                let diagnostic = Diagnostic::new(
                    &self.file.path,
                    range,
                    Severity::Error,
                    codes::DUPLICATE_ELEMENT,
                    message,
                )
                .with_related(crate::model::diagnostic::RelatedLocation {
                    path: self.file.path.clone(),
                    range: first,
                    message: format!("first use of `{}`", key.value),
                })
                .with_fix(Self::duplicates_removal(
                    self.file,
                    &[child_id],
                    Some(first_id),
                    format!("Remove this `{}`", field.name),
                ));
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn unknown_element(&mut self, child_id: ElementId, type_def: &TypeDef) {
        let child = self.file.parse.document.element(child_id);
        let name = child.name();
        let suggestion = closest_match(
            name,
            type_def.fields.iter().map(|field| field.name.as_str()),
        );
        let elsewhere = self.schema.types.iter().find(|other| {
            other.name != type_def.name
                && other.family == type_def.family
                && other.kind != TypeKind::Nested
                && other.field(name).is_some()
        });
        let mut message = format!("`{name}` is not a field of `{}`", type_def.name);
        if let Some(suggestion) = suggestion {
            message.push_str(&format!(": did you mean `{suggestion}`?"));
        } else if let Some(other) = elsewhere {
            message.push_str(&format!(
                ": it belongs to `{}`{}",
                other.name,
                other
                    .suffix
                    .as_deref()
                    .map(|suffix| format!(" (`.{suffix}-meta.xml`)"))
                    .unwrap_or_default()
            ));
        }
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            child.name_range(),
            Severity::Error,
            codes::UNKNOWN_ELEMENT,
            message,
        );
        if let Some(suggestion) = suggestion {
            let fix = Fix::new(
                format!("Rename to `{suggestion}`"),
                edits::rename_element(self.file, child_id, suggestion),
            )
            .preferred();
            // A letter-case slip is safe to fix; another near name may be another setting.
            let fix = if suggestion.eq_ignore_ascii_case(child.local_name()) {
                fix.safe()
            } else {
                fix
            };
            diagnostic = diagnostic.with_fix(fix);
        }
        if let Some(url) = &type_def.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    /// An element in another namespace than its parent's, which no field of the type is.
    fn foreign_element(
        &mut self,
        child_id: ElementId,
        namespace: Option<&str>,
        parent_namespace: Option<&str>,
        type_def: &TypeDef,
    ) {
        let child = self.file.parse.document.element(child_id);
        let namespace = match namespace {
            Some(namespace) => format!("the namespace `{namespace}`"),
            None => "no namespace".to_string(),
        };
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            child.name_range(),
            Severity::Error,
            codes::UNKNOWN_ELEMENT,
            format!(
                "`{}` is in {namespace}, not in its parent's (`{}`), so it is no field of `{}`",
                child.name(),
                parent_namespace.unwrap_or_default(),
                type_def.name
            ),
        );
        if let Some(url) = &type_def.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    /// One finding for every extra copy of a single-valued field, at the first extra copy: the
    /// first occurrence and the other copies are its related information (a few of them, and a
    /// count of the rest), so that a file of 300,000 `<label>`s costs one finding, not 300,000.
    fn duplicate(&mut self, extras: &[ElementId], field: &FieldDef, type_def: &TypeDef) {
        let Some(&child_id) = extras.first() else {
            return;
        };
        let document = &self.file.parse.document;
        let child = document.element(child_id);
        let message = if extras.len() == 1 {
            format!(
                "`{}` appears more than once in `{}`; it takes a single value",
                field.name, type_def.name
            )
        } else {
            format!(
                "`{}` appears {} times in `{}`; it takes a single value",
                field.name,
                extras.len() + 1,
                type_def.name
            )
        };
        let first = document
            .child_named(child.parent().unwrap_or(child_id), child.name())
            .filter(|first| *first != child_id);
        let title = if extras.len() == 1 {
            format!("Remove this duplicate `{}`", field.name)
        } else {
            format!("Remove the {} duplicates of `{}`", extras.len(), field.name)
        };
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            child.name_range(),
            Severity::Error,
            codes::DUPLICATE_ELEMENT,
            message,
        );
        // Removing thousands of copies is one edit each: past a few hundred, no quick fix.
        if extras.len() <= MAX_DUPLICATES_REMOVED {
            diagnostic =
                diagnostic.with_fix(Self::duplicates_removal(self.file, extras, first, title));
        }
        if let Some(first) = first {
            diagnostic = diagnostic.with_related(crate::model::diagnostic::RelatedLocation {
                path: self.file.path.clone(),
                range: document.element(first).name_range(),
                message: "first occurrence".to_string(),
            });
        }
        let others = &extras[1..];
        for other in others.iter().take(MAX_RELATED_COPIES) {
            diagnostic = diagnostic.with_related(crate::model::diagnostic::RelatedLocation {
                path: self.file.path.clone(),
                range: document.element(*other).name_range(),
                message: "another copy".to_string(),
            });
        }
        if others.len() > MAX_RELATED_COPIES {
            let last = others[others.len() - 1];
            diagnostic = diagnostic.with_related(crate::model::diagnostic::RelatedLocation {
                path: self.file.path.clone(),
                range: document.element(last).name_range(),
                message: format!(
                    "the last copy; {} more copies are not listed",
                    others.len() - MAX_RELATED_COPIES - 1
                ),
            });
        }
        self.diagnostics.push(diagnostic);
    }

    /// The fix that removes `copies` of `first`: safe when each is the same text as the first
    /// (nothing the file says changes), unsafe when one differs (removing it picks the value
    /// the other held).
    fn duplicates_removal(
        file: &SourceFile,
        copies: &[ElementId],
        first: Option<ElementId>,
        title: String,
    ) -> Fix {
        let document = &file.parse.document;
        let text_of = |id: ElementId| document.element(id).range().slice(&file.text).trim();
        let same_text =
            first.is_some_and(|first| copies.iter().all(|copy| text_of(first) == text_of(*copy)));
        let edits = copies
            .iter()
            .map(|copy| edits::remove_element(file, *copy))
            .collect();
        let fix = Fix::new(title, edits);
        if same_text { fix.safe() } else { fix }
    }

    fn over_limit(&mut self, child_id: ElementId, field: &FieldDef, type_def: &TypeDef) {
        let child = self.file.parse.document.element(child_id);
        let max = field.max_items.unwrap_or_default();
        let message = format!(
            "`{}` accepts at most {max} `{}` elements; this is number {}",
            type_def.name,
            field.name,
            max + 1
        );
        self.push(
            child.name_range(),
            Severity::Error,
            codes::DUPLICATE_ELEMENT,
            message,
        );
    }

    fn field_version(&mut self, child_id: ElementId, field: &FieldDef, type_def: &TypeDef) {
        let child = self.file.parse.document.element(child_id);
        let project = self.api_version.version;
        if let Some(since) = field.since {
            if since > project {
                let message = format!(
                    "`{}` was added to `{}` in API {}; {}",
                    field.name,
                    type_def.name,
                    describe_version(self.schema, since),
                    self.project_version_phrase()
                );
                self.push(
                    child.name_range(),
                    Severity::Warning,
                    codes::API_VERSION,
                    message,
                );
            }
        }
        if let Some(removed_in) = field.removed_in.filter(|_| field.is_removed_at(project)) {
            self.removed_field(child_id, field, type_def, removed_in);
        }
        if let Some(deprecation) = field.deprecation_at(project) {
            let since = deprecation
                .since
                .map(|since| format!(" since API {since}"))
                .unwrap_or_default();
            let until = deprecation
                .until
                .map(|until| format!(" (the pages after API {until} no longer mark it)"))
                .unwrap_or_default();
            let replacement = deprecation
                .replacement
                .as_deref()
                .map(|replacement| format!("; use `{replacement}` instead"))
                .unwrap_or_default();
            // A deprecated field that Salesforce itself still writes on retrieve is no slip of
            // the author's: information, not a warning.
            let (severity, written) = if field.written_by_salesforce.is_empty() {
                (Severity::Warning, "")
            } else {
                (
                    Severity::Information,
                    "; Salesforce still writes it on retrieve, so a retrieved file holds it",
                )
            };
            let message = format!(
                "`{}` of `{}` is deprecated{since}{until}{replacement}{written}",
                field.name, type_def.name
            );
            let diagnostic = Diagnostic::new(
                &self.file.path,
                child.name_range(),
                severity,
                codes::DEPRECATED,
                message,
            )
            .with_tag(DiagnosticTag::Deprecated);
            self.diagnostics.push(diagnostic);
        }
        if !field.documented && !field.internal {
            self.undocumented(
                child.name_range(),
                format!(
                    "`{}` is not a field of `{}` in Salesforce's documentation",
                    field.name, type_def.name
                ),
                &field.written_by_salesforce,
            );
        }
    }

    /// A field the docs dropped at `removed_in`: a warning when it holds a value, information
    /// for the empty `xsi:nil` element that retrieves still return.
    fn removed_field(
        &mut self,
        child_id: ElementId,
        field: &FieldDef,
        type_def: &TypeDef,
        removed_in: ApiVersion,
    ) {
        let child = self.file.parse.document.element(child_id);
        let why = field.removed.as_deref().unwrap_or_default();
        let empty_as_retrieved =
            is_nil(self.file, child_id) && !field.written_by_salesforce.is_empty();
        let remove = Fix::new(
            format!("Remove `{}`", field.name),
            vec![edits::remove_element(self.file, child_id)],
        );
        let (severity, message, remove) = if empty_as_retrieved {
            (
                Severity::Information,
                format!(
                    "`{}` of `{}` is gone from the documentation since API {removed_in}, and {}; this empty element is what retrieves still return, and it sets nothing",
                    field.name,
                    type_def.name,
                    self.project_version_phrase()
                ),
                // An empty element sets nothing: removing it changes nothing.
                remove.safe(),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "`{}` of `{}` is gone from the documentation since API {removed_in}, and {}: a deploy may reject it. {why}",
                    field.name,
                    type_def.name,
                    self.project_version_phrase()
                ),
                remove,
            )
        };
        self.diagnostics.push(
            Diagnostic::new(
                &self.file.path,
                child.name_range(),
                severity,
                codes::API_VERSION,
                message,
            )
            .with_fix(remove),
        );
    }

    /// Something Salesforce's documentation does not have: a hint that a deploy may reject it,
    /// or information saying where Salesforce was seen writing it.
    fn undocumented(&mut self, range: TextRange, what: String, written_by_salesforce: &[String]) {
        let (severity, message) = if written_by_salesforce.is_empty() {
            (
                Severity::Hint,
                format!("{what}, and nobody has seen Salesforce write it: a deploy may reject it"),
            )
        } else {
            (
                Severity::Information,
                format!(
                    "{what}, but Salesforce writes it: seen in {}",
                    written_by_salesforce.join("; ")
                ),
            )
        };
        self.push(range, severity, codes::UNDOCUMENTED, message);
    }

    fn value(&mut self, child_id: ElementId, field: &'static FieldDef, type_def: &TypeDef) {
        if let Some(nil) = nil_attribute(self.file, child_id) {
            self.nil_with_content(child_id, &nil, field, type_def);
            return;
        }
        let document = &self.file.parse.document;
        let child = document.element(child_id);
        if field.kind == ValueKind::Nested {
            if let Some(nested) = Schema::get().nested_type_of(field) {
                self.children(child_id, nested);
            }
            return;
        }
        if child.has_child_elements() {
            let message = format!(
                "`{}` of `{}` holds a {} value, not elements",
                field.name,
                type_def.name,
                kind_name(field.kind)
            );
            self.push(
                child.name_range(),
                Severity::Error,
                codes::INVALID_VALUE,
                message,
            );
            return;
        }
        let value = document.element(child_id).text_value();
        let range = if value.range.is_empty() {
            child.name_range()
        } else {
            value.range
        };
        match field.kind {
            ValueKind::Boolean => self.boolean(child_id, field, type_def, &value.value, range),
            ValueKind::Int => self.integer(child_id, field, type_def, &value.value, range),
            ValueKind::Double => {
                if value.value.parse::<f64>().is_err() {
                    let message = format!(
                        "`{}` of `{}` must be a number; found {}",
                        field.name,
                        type_def.name,
                        shown(&value.value)
                    );
                    self.push(range, Severity::Error, codes::INVALID_VALUE, message);
                }
            }
            ValueKind::Enum => {
                self.listed_value(
                    child_id,
                    field,
                    type_def,
                    &value.value,
                    range,
                    ListKind::Enum,
                );
            }
            ValueKind::String => {
                self.placeholder_in(child_id, type_def, &value);
                if !field.allowed_values.is_empty() {
                    self.listed_value(
                        child_id,
                        field,
                        type_def,
                        &value.value,
                        range,
                        ListKind::PlainString,
                    );
                }
                if let Some(max_length) = field.max_length {
                    let length = value.value.chars().count();
                    if length > max_length as usize {
                        let message = format!(
                            "`{}` of `{}` is limited to {max_length} characters; this value has {length}",
                            field.name, type_def.name
                        );
                        self.push(range, Severity::Error, codes::INVALID_VALUE, message);
                    }
                }
            }
            ValueKind::Nested => {}
        }
    }

    /// `xsi:nil="true"` says the element has no value, so whatever it holds is ignored: the
    /// writer surely meant one or the other. The fix keeps the content and drops the attribute,
    /// never the reverse, since the content is what someone typed.
    fn nil_with_content(
        &mut self,
        child_id: ElementId,
        attribute: &Attribute,
        field: &FieldDef,
        type_def: &TypeDef,
    ) {
        let element = self.file.parse.document.element(child_id);
        let content = element.children().iter().find_map(|node| match node {
            Node::Element(_) => Some(("child elements", "are")),
            Node::Text(text) if !text.value(element.document()).trim().is_empty() => {
                Some(("text", "is"))
            }
            Node::CData(cdata) if !cdata.content().slice(&self.file.text).trim().is_empty() => {
                Some(("text", "is"))
            }
            _ => None,
        });
        let Some((content, verb)) = content else {
            return;
        };
        let message = format!(
            "`{}` of `{}` holds {content} but has `{}=\"{}\"`: its {content} {verb} ignored, because `xsi:nil` says the element has no value",
            field.name,
            type_def.name,
            attribute.name(),
            attribute.value()
        );
        // From the end of what precedes the attribute, so that no stray space is left behind.
        let removal_start = self
            .file
            .text
            .get(..attribute.range().start)
            .map_or(attribute.range().start, |before| before.trim_end().len());
        let fix = Fix::new(
            format!("Remove `{}` (keep the {content})", attribute.name()),
            vec![FileEdit::delete(
                &self.file.path,
                TextRange::new(removal_start, attribute.range().end),
            )],
        );
        self.diagnostics.push(
            Diagnostic::new(
                &self.file.path,
                attribute.range(),
                Severity::Warning,
                codes::NIL_WITH_CONTENT,
                message,
            )
            .with_fix(fix),
        );
    }

    /// A `{{NAME}}` left from a template deploys literally; nobody means that.
    fn unfilled_placeholder(&mut self, child_id: ElementId, type_def: &TypeDef) {
        let document = &self.file.parse.document;
        if document.element(child_id).has_child_elements() {
            return;
        }
        let value = document.element(child_id).text_value();
        self.placeholder_in(child_id, type_def, &value);
    }

    /// [`Self::unfilled_placeholder`] for a value already read.
    fn placeholder_in(&mut self, child_id: ElementId, type_def: &TypeDef, value: &TextValue) {
        let Some(placeholder) = template_placeholder(&value.value) else {
            return;
        };
        let name = self.file.parse.document.element(child_id).name();
        let message = format!(
            "`{name}` of `{}` holds the unfilled template placeholder `{placeholder}`: replace it with a real value before deploying",
            type_def.name
        );
        self.push(value.range, Severity::Error, codes::INVALID_VALUE, message);
    }

    fn boolean(
        &mut self,
        child_id: ElementId,
        field: &FieldDef,
        type_def: &TypeDef,
        value: &str,
        range: TextRange,
    ) {
        if value == "true" || value == "false" {
            return;
        }
        let lowered = value.to_ascii_lowercase();
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            range,
            Severity::Error,
            codes::INVALID_VALUE,
            format!(
                "`{}` of `{}` must be `true` or `false`; found {}",
                field.name,
                type_def.name,
                shown(value)
            ),
        );
        let preferred = match lowered.as_str() {
            "true" | "1" | "yes" => Some("true"),
            "false" | "0" | "no" => Some("false"),
            _ => None,
        };
        let slot = ValueSlot::of(self.file, child_id);
        for literal in ["true", "false"] {
            let fix = Fix::new(
                format!("Change to `{literal}`"),
                vec![slot.replace_with(literal)],
            );
            let fix = if preferred == Some(literal) {
                fix.preferred()
            } else {
                fix
            };
            // `True` for `true` is a letter-case slip; `1` or `yes` may mean something else.
            let fix = if lowered == literal { fix.safe() } else { fix };
            diagnostic = diagnostic.with_fix(fix);
        }
        self.diagnostics.push(diagnostic);
    }

    fn integer(
        &mut self,
        child_id: ElementId,
        field: &'static FieldDef,
        type_def: &TypeDef,
        value: &str,
        range: TextRange,
    ) {
        let Ok(number) = value.parse::<i64>() else {
            let message = format!(
                "`{}` of `{}` must be a whole number; found {}",
                field.name,
                type_def.name,
                shown(value)
            );
            self.push(range, Severity::Error, codes::INVALID_VALUE, message);
            return;
        };
        if !field.allowed_values.is_empty() {
            let canonical = number.to_string();
            self.listed_value(
                child_id,
                field,
                type_def,
                &canonical,
                range,
                ListKind::Integer,
            );
            return;
        }
        let below = field.min.is_some_and(|min| number < min);
        let above = field.max.is_some_and(|max| number > max);
        if below || above {
            let bounds = match (field.min, field.max) {
                (Some(min), Some(max)) => format!("from {min} to {max}"),
                (Some(min), None) => format!("{min} or more"),
                (None, Some(max)) => format!("{max} or less"),
                (None, None) => String::new(),
            };
            // Out-of-range numbers are warnings: Salesforce's own samples break some of these
            // documented ranges (idTokenValidityInMinutes 0), so a deploy may well accept them.
            let message = format!(
                "`{}` of `{}` should be {bounds}{}; found {number}",
                field.name,
                type_def.name,
                field
                    .units
                    .as_deref()
                    .map(|units| format!(" {units}"))
                    .unwrap_or_default()
            );
            self.push(range, Severity::Warning, codes::INVALID_VALUE, message);
        }
    }

    fn listed_value(
        &mut self,
        child_id: ElementId,
        field: &FieldDef,
        type_def: &TypeDef,
        value: &str,
        range: TextRange,
        list_kind: ListKind,
    ) {
        let allowed: &[AllowedValue] = match list_kind {
            ListKind::Enum => self.schema.values_of(field),
            ListKind::PlainString | ListKind::Integer => &field.allowed_values,
        };
        if let Some(member) = allowed.iter().find(|member| member.value == value) {
            if let Some(written_as) = &member.written_as {
                self.page_spelling(child_id, field, type_def, value, written_as, range);
            }
            // The spelling Salesforce writes for a value its page spells otherwise is the
            // documented value, not an undocumented one.
            let writes_a_documented_value = allowed
                .iter()
                .any(|other| other.documented && other.written_as.as_deref() == Some(value));
            if !member.documented && !member.internal && !writes_a_documented_value {
                self.undocumented(
                    range,
                    format!(
                        "`{value}` is not a value of `{}` in Salesforce's documentation",
                        field.name
                    ),
                    &member.written_by_salesforce,
                );
            }
            if let Some(since) = member.since {
                if since > self.api_version.version {
                    let message = format!(
                        "`{value}` is accepted by `{}` of `{}` from API {}; {}",
                        field.name,
                        type_def.name,
                        describe_version(self.schema, since),
                        self.project_version_phrase()
                    );
                    let mut diagnostic = Diagnostic::new(
                        &self.file.path,
                        range,
                        Severity::Warning,
                        codes::API_VERSION,
                        message,
                    );
                    let slot = ValueSlot::of(self.file, child_id);
                    for other in allowed_in_version(allowed, self.api_version.version) {
                        diagnostic = diagnostic.with_fix(Fix::new(
                            format!("Change to `{}`", other.value),
                            vec![slot.replace_with(&other.value)],
                        ));
                    }
                    self.diagnostics.push(diagnostic);
                }
            }
            return;
        }
        let accepted: Vec<&str> = allowed
            .iter()
            .filter(|member| is_offered(member))
            .map(|member| member.value.as_str())
            .collect();
        // A case slip of the page's spelling leads to the spelling Salesforce writes.
        let case_slip = allowed
            .iter()
            .find(|member| differs_only_in_case(&member.value, value))
            .map(|member| match &member.written_as {
                Some(written_as) => allowed
                    .iter()
                    .find(|other| &other.value == written_as)
                    .unwrap_or(member),
                None => member,
            });
        let near = case_slip.map(|member| member.value.as_str()).or_else(|| {
            if list_kind == ListKind::Integer {
                return None;
            }
            closest_match(value, allowed.iter().map(|member| member.value.as_str()))
        });
        let shown_value = shown(value);
        let mut message = if value.is_empty() {
            format!(
                "`{}` of `{}` is empty; accepted values: {}",
                field.name,
                type_def.name,
                quoted_list(&accepted, "or")
            )
        } else {
            format!(
                "{shown_value} is not an accepted value of `{}` in `{}`; accepted: {}",
                field.name,
                type_def.name,
                quoted_list(&accepted, "or")
            )
        };
        if let Some(near) = near {
            message.push_str(&format!(" (did you mean `{near}`?)"));
        }
        // The WSDL types these value lists as plain strings and real orgs return other
        // spellings (`Enforce_relaxrefresh`), so a case-only difference is only a warning.
        let severity = if case_slip.is_some() && list_kind == ListKind::PlainString {
            Severity::Warning
        } else {
            Severity::Error
        };
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            range,
            severity,
            codes::INVALID_VALUE,
            message,
        );
        let mut candidates: Vec<&AllowedValue> =
            allowed_in_version(allowed, self.api_version.version)
                .filter(|member| is_offered(member))
                .collect();
        if let Some(near) = near {
            candidates.sort_by_key(|member| member.value != near);
        }
        let slot = ValueSlot::of(self.file, child_id);
        for member in candidates {
            let fix = Fix::new(
                format!("Change to `{}`", member.value),
                vec![slot.replace_with(&member.value)],
            );
            let fix = if Some(member.value.as_str()) == near {
                fix.preferred()
            } else {
                fix
            };
            // Only a letter-case slip is safe to fix: another near value is another setting.
            let is_case_slip = case_slip.is_some_and(|slip| slip.value == member.value);
            let fix = if is_case_slip { fix.safe() } else { fix };
            diagnostic = diagnostic.with_fix(fix);
        }
        if let Some(url) = &field.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    /// A value spelled as the page spells it, where Salesforce writes and validates another
    /// spelling (`Enforce_RelaxRefresh` against `Enforce_relaxrefresh`).
    fn page_spelling(
        &mut self,
        child_id: ElementId,
        field: &FieldDef,
        type_def: &TypeDef,
        value: &str,
        written_as: &str,
        range: TextRange,
    ) {
        let message = format!(
            "`{value}` is how the page of `{}` spells this value of `{}`, but Salesforce writes `{written_as}` in retrieved files and its deploy validation names that spelling: a deploy may reject `{value}`",
            type_def.name, field.name
        );
        let fix = Fix::new(
            format!("Change to `{written_as}`"),
            vec![ValueSlot::of(self.file, child_id).replace_with(written_as)],
        )
        .preferred();
        // Two spellings of one setting: a letter-case change says the same thing.
        let fix = if differs_only_in_case(value, written_as) {
            fix.safe()
        } else {
            fix
        };
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            range,
            Severity::Warning,
            codes::INVALID_VALUE,
            message,
        )
        .with_fix(fix);
        if let Some(url) = &field.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    fn missing_required(&mut self, parent_id: ElementId, type_def: &TypeDef, counts: &[usize]) {
        let document = &self.file.parse.document;
        let parent = document.element(parent_id);
        if is_nil(self.file, parent_id) {
            return;
        }
        for (field, count) in type_def.fields.iter().zip(counts) {
            if field.requirement == Requirement::Optional || *count > 0 {
                continue;
            }
            let severity = if field.requirement == Requirement::Required {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut message = format!(
                "`{}` is missing its required field `{}`",
                parent.name(),
                field.name
            );
            if let Some(note) = &field.requirement_note {
                message.push_str(&format!(" ({note})"));
            }
            // The app reference cannot be left empty (ECA-REF-001 is an error then): the app
            // the file's Setup-given name says, `Portal` for `Portal_oauthPlcy`.
            let placeholder = if field.name == APP_REFERENCE_FIELD && parent.parent().is_none() {
                app_name_from_file_name(self.file).unwrap_or_default()
            } else {
                field.default.clone().unwrap_or_default()
            };
            let fix = if field.kind == ValueKind::Nested {
                Fix::new(
                    format!("Add `<{}>`", field.name),
                    vec![edits::insert_child(
                        self.file,
                        parent_id,
                        type_def,
                        &field.name,
                        &format!("<{0}></{0}>", field.name),
                    )],
                )
            } else {
                Fix::new(
                    format!("Add `<{}>`", field.name),
                    vec![edits::insert_field(
                        self.file,
                        parent_id,
                        type_def,
                        &field.name,
                        &placeholder,
                    )],
                )
            };
            let mut diagnostic = Diagnostic::new(
                &self.file.path,
                parent.name_range(),
                severity,
                codes::MISSING_REQUIRED,
                message,
            )
            .with_fix(fix.preferred());
            if let Some(url) = &field.doc_url {
                diagnostic = diagnostic.with_source_url(url.clone());
            }
            self.diagnostics.push(diagnostic);
        }
    }

    fn element_order(
        &mut self,
        parent_id: ElementId,
        type_def: &'static TypeDef,
        order: &[(usize, ElementId)],
    ) {
        let document = &self.file.parse.document;
        let mut highest: Option<(usize, ElementId)> = None;
        for &(position, child_id) in order {
            match highest {
                Some((highest_position, before_id)) if position < highest_position => {
                    let child = document.element(child_id);
                    let before = document.element(before_id);
                    let message = format!(
                        "the fields of `{}` are not in canonical order: `{}` belongs before `{}` (Salesforce retrieves them in this order; sorting keeps diffs small)",
                        type_def.name,
                        child.name(),
                        before.name()
                    );
                    let mut diagnostic = Diagnostic::new(
                        &self.file.path,
                        child.name_range(),
                        Severity::Hint,
                        codes::ELEMENT_ORDER,
                        message,
                    );
                    if let Some(edit) = edits::sort_children(self.file, parent_id, type_def) {
                        diagnostic = diagnostic.with_fix(
                            Fix::new("Sort fields into canonical order", vec![edit])
                                .preferred()
                                .safe(),
                        );
                    }
                    self.diagnostics.push(diagnostic);
                    // One hint per element: the sort fixes them all at once.
                    return;
                }
                Some((highest_position, _)) if highest_position >= position => {}
                _ => highest = Some((position, child_id)),
            }
        }
    }

    /// Text directly inside a type's element (not inside a field) is not part of any field.
    fn text_in_complex_element(&mut self, parent_id: ElementId, type_def: &TypeDef) {
        let element = self.file.parse.document.element(parent_id);
        for node in element.children() {
            if let Node::Text(text) = node {
                // Nearly always the indentation between fields: passed over by bytes, before
                // the value is read and trimmed of any whitespace.
                let raw = text.range().slice(&self.file.text);
                if raw
                    .bytes()
                    .all(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
                {
                    continue;
                }
                let value = text.value(element.document());
                let trimmed = value.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let raw = text.range().slice(&self.file.text);
                let start = text.range().start + (raw.len() - raw.trim_start().len());
                let end = text.range().end - (raw.len() - raw.trim_end().len());
                let message = format!(
                    "`{}` holds fields, not text: {} belongs inside one of its fields",
                    type_def.name,
                    shown(&truncate(trimmed, 40))
                );
                self.push(
                    TextRange::new(start, end),
                    Severity::Error,
                    codes::INVALID_VALUE,
                    message,
                );
            }
        }
    }

    fn push(&mut self, range: TextRange, severity: Severity, code: &str, message: String) {
        self.diagnostics.push(Diagnostic::new(
            &self.file.path,
            range,
            severity,
            code,
            message,
        ));
    }

    fn project_version_phrase(&self) -> String {
        format!(
            "this project uses API {} ({})",
            self.api_version.version, self.api_version.source
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    /// An XSD enum or a restricted integer: only exact values are accepted.
    Enum,
    /// A list of values the WSDL types as plain `xsd:string`.
    PlainString,
    /// A restricted integer: spelling suggestions make no sense for numbers.
    Integer,
}

/// A value eca-ls names and offers: documented or written by Salesforce, not reserved, and not
/// a page spelling that Salesforce writes differently.
pub(crate) fn is_offered(member: &AllowedValue) -> bool {
    (member.documented || !member.written_by_salesforce.is_empty())
        && !member.internal
        && member.written_as.is_none()
}

fn allowed_in_version(
    allowed: &[AllowedValue],
    version: ApiVersion,
) -> impl Iterator<Item = &AllowedValue> {
    allowed
        .iter()
        .filter(move |member| member.since.is_none_or(|since| since <= version))
}

/// `65.0 (Winter '26)`.
pub fn describe_version(schema: &Schema, version: ApiVersion) -> String {
    match schema.release_name(version) {
        Some(release) => format!("{version} ({release})"),
        None => version.to_string(),
    }
}

fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "text",
        ValueKind::Boolean => "true/false",
        ValueKind::Int => "whole-number",
        ValueKind::Double => "number",
        ValueKind::Enum => "single",
        ValueKind::Nested => "nested",
    }
}

/// The first `{{NAME}}` in a value: mustache-style template placeholders; or a placeholder
/// copied from Salesforce's own samples, such as the header page's
/// `Org_ID:External_Client_App_Name` (any letter case). Rules leave such values alone, since
/// this check reports them.
pub(crate) fn template_placeholder(value: &str) -> Option<&str> {
    if let Some(sample) = sample_placeholder(value) {
        return Some(sample);
    }
    // Most values hold no brace at all: one byte search rules them out before a substring
    // search is set up (this runs on every text value of a file).
    if !value.as_bytes().contains(&b'{') {
        return None;
    }
    let start = value.find("{{")?;
    let end = start + value[start..].find("}}")? + 2;
    let inner = value[start + 2..end - 2].trim();
    let looks_like_name = !inner.is_empty()
        && inner
            .chars()
            .all(|ch| ch.is_alphanumeric() || matches!(ch, '_' | '.' | '-' | ' '));
    looks_like_name.then(|| &value[start..end])
}

/// Placeholders the Metadata API pages' samples use in place of a real value: deployed as
/// copied, they name no org and no app.
const SAMPLE_PLACEHOLDERS: &[&str] = &["Org_ID:External_Client_App_Name"];

fn sample_placeholder(value: &str) -> Option<&str> {
    // Shorter than every sample, a value is none of them (trimming only shortens it).
    let shortest = SAMPLE_PLACEHOLDERS.iter().map(|sample| sample.len()).min();
    if shortest.is_none_or(|shortest| value.len() < shortest) {
        return None;
    }
    let trimmed = value.trim();
    SAMPLE_PLACEHOLDERS
        .iter()
        .any(|sample| sample.eq_ignore_ascii_case(trimmed))
        .then_some(trimmed)
}

/// A value as shown in a message: quoted, or "nothing" when empty.
fn shown(value: &str) -> String {
    if value.is_empty() {
        "nothing".to_string()
    } else {
        format!("`{}`", truncate(value, 60))
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{cut}…")
}

/// How many other copies of a duplicated field one `duplicate-element` finding lists.
const MAX_RELATED_COPIES: usize = 20;

/// Above this many copies, a `duplicate-element` finding carries no fix (one edit per copy).
const MAX_DUPLICATES_REMOVED: usize = 200;

/// The app a component's file name says it belongs to: its name without the suffix Setup gives
/// components of its type (`Portal_oauthPlcy` → `Portal`), else the whole name; `None` for a
/// file without a name.
fn app_name_from_file_name(file: &SourceFile) -> Option<String> {
    let name = file.full_name.trim();
    if name.is_empty() {
        return None;
    }
    let suffix = file
        .kind
        .and_then(|kind| kind.type_def.setup_name_suffix.as_deref());
    let app = suffix
        .and_then(|suffix| name.strip_suffix(suffix))
        .filter(|app| !app.is_empty())
        .unwrap_or(name);
    Some(app.to_string())
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};
    use crate::model::edits;
    use crate::model::project::SourceFile;

    const POLICIES: &str = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n";
    const OPEN: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n";
    const CLOSE: &str = "    <label>Portal</label>\n</ExtlClntAppOauthConfigurablePolicies>\n";

    /// A policies file with `body` between the app reference and the label.
    fn policies(body: &str) -> String {
        format!("{POLICIES}{OPEN}{body}{CLOSE}")
    }

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    fn check_fix(fixture: &str, code: &str, title: &str, expect: Expect) {
        expect.assert_eq(&render_fix(&project(fixture), code, title));
    }

    #[test]
    fn a_clean_file_has_no_findings() {
        check(
            &policies("    <guestJwtTimeout>30</guestJwtTimeout>\n"),
            expect![[""]],
        );
    }

    #[test]
    fn fields_after_an_unclosed_value_are_still_checked() {
        check(
            &format!(
                "{POLICIES}{OPEN}    <commaSeparatedPermissionSet>Portal_Users\n    <guestJwtTimeout>45</guestJwtTimeout>\n    <isGuestCodeCredFlowEnabled>maybe</isGuestCodeCredFlowEnabled>\n{CLOSE}"
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:5 error[xml-syntax] `<commaSeparatedPermissionSet>` is never closed: expected `</commaSeparatedPermissionSet>` before `</ExtlClntAppOauthConfigurablePolicies>`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthConfigurablePolicies` are not in canonical order: `commaSeparatedPermissionSet` belongs before `externalClientApplication` (Salesforce retrieves them in this order; sorting keeps diffs small)
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:22 error[invalid-value] `45` is not an accepted value of `guestJwtTimeout` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `1`, `5`, `10`, `15`, `30`, `60`, `90`, `120`, `240`, `480` or `720`
                  fix Change to `1`
                  fix Change to `5`
                  fix Change to `10`
                  fix Change to `15`
                  fix Change to `30`
                  fix Change to `60`
                  fix Change to `90`
                  fix Change to `120`
                  fix Change to `240`
                  fix Change to `480`
                  fix Change to `720`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:33 error[invalid-value] `isGuestCodeCredFlowEnabled` of `ExtlClntAppOauthConfigurablePolicies` must be `true` or `false`; found `maybe`
                  fix Change to `true`
                  fix Change to `false`
            "#]],
        );
    }

    #[test]
    fn unknown_elements_get_suggestions() {
        check(
            &policies(
                "    <GuestJwtTimeout>5</GuestJwtTimeout>\n    <isPkceRequired>true</isPkceRequired>\n    <scopes>Api</scopes>\n",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 error[unknown-element] `GuestJwtTimeout` is not a field of `ExtlClntAppOauthConfigurablePolicies`: did you mean `guestJwtTimeout`?
                  fix* Rename to `guestJwtTimeout`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 error[unknown-element] `isPkceRequired` is not a field of `ExtlClntAppOauthConfigurablePolicies`: it belongs to `ExtlClntAppGlobalOauthSettings` (`.ecaGlblOauth-meta.xml`)
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 error[unknown-element] `scopes` is not a field of `ExtlClntAppOauthConfigurablePolicies`
            "#]],
        );
    }

    #[test]
    fn rename_fix_renames_both_tags() {
        check_fix(
            &policies("    <GuestJwtTimeout>5</GuestJwtTimeout>\n"),
            "unknown-element",
            "Rename to `guestJwtTimeout`",
            expect![[r#"
                //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                <?xml version="1.0" encoding="UTF-8"?>
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                    <externalClientApplication>Portal</externalClientApplication>
                    <guestJwtTimeout>5</guestJwtTimeout>
                    <label>Portal</label>
                </ExtlClntAppOauthConfigurablePolicies>
            "#]],
        );
    }

    #[test]
    fn values_are_checked_by_kind() {
        check(
            &policies(concat!(
                "    <guestJwtSessionTimeoutType>usersession</guestJwtSessionTimeoutType>\n",
                "    <guestJwtTimeout>45</guestJwtTimeout>\n",
                "    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>\n",
                "    <isClientCredentialsFlowEnabled>yes</isClientCredentialsFlowEnabled>\n",
                "    <refreshTokenValidityPeriod>thirty</refreshTokenValidityPeriod>\n",
                "    <permittedUsersPolicyType></permittedUsersPolicyType>\n",
                "    <customAttributes>text</customAttributes>\n",
                "    <singleLogoutUrl><url>x</url></singleLogoutUrl>\n",
            )),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:33 error[invalid-value] `usersession` is not an accepted value of `guestJwtSessionTimeoutType` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `UserSession` or `Custom` (did you mean `UserSession`?)
                  fix* Change to `UserSession`
                  fix Change to `Custom`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:22 error[invalid-value] `45` is not an accepted value of `guestJwtTimeout` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `1`, `5`, `10`, `15`, `30`, `60`, `90`, `120`, `240`, `480` or `720`
                  fix Change to `1`
                  fix Change to `5`
                  fix Change to `10`
                  fix Change to `15`
                  fix Change to `30`
                  fix Change to `60`
                  fix Change to `90`
                  fix Change to `120`
                  fix Change to `240`
                  fix Change to `480`
                  fix Change to `720`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:29 warning[invalid-value] `enforce` is not an accepted value of `ipRelaxationPolicyType` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `Enforce`, `Bypass`, `Bypass_2factor` or `Enforce_relaxrefresh` (did you mean `Enforce`?)
                  fix* Change to `Enforce`
                  fix Change to `Bypass`
                  fix Change to `Bypass_2factor`
                  fix Change to `Enforce_relaxrefresh`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:7:37 error[invalid-value] `isClientCredentialsFlowEnabled` of `ExtlClntAppOauthConfigurablePolicies` must be `true` or `false`; found `yes`
                  fix* Change to `true`
                  fix Change to `false`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:8:33 error[invalid-value] `refreshTokenValidityPeriod` of `ExtlClntAppOauthConfigurablePolicies` must be a whole number; found `thirty`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:9:6 hint[element-order] the fields of `ExtlClntAppOauthConfigurablePolicies` are not in canonical order: `permittedUsersPolicyType` belongs before `refreshTokenValidityPeriod` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:9:6 error[invalid-value] `permittedUsersPolicyType` of `ExtlClntAppOauthConfigurablePolicies` is empty; accepted values: `AllSelfAuthorized` or `AdminApprovedPreAuthorized`
                  fix Change to `AllSelfAuthorized`
                  fix Change to `AdminApprovedPreAuthorized`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:10:6 error[missing-required] `customAttributes` is missing its required field `formula`
                  fix* Add `<formula>`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:10:6 error[missing-required] `customAttributes` is missing its required field `key`
                  fix* Add `<key>`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:10:23 error[invalid-value] `ExtlClntAppOauthPoliciesAttribute` holds fields, not text: `text` belongs inside one of its fields
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:11:6 error[invalid-value] `singleLogoutUrl` of `ExtlClntAppOauthConfigurablePolicies` holds a text value, not elements
            "#]],
        );
    }

    #[test]
    fn replacing_a_value_keeps_the_tags() {
        check_fix(
            &policies("    <guestJwtSessionTimeoutType>usersession</guestJwtSessionTimeoutType>\n"),
            "invalid-value",
            "Change to `UserSession`",
            expect![[r#"
                //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                <?xml version="1.0" encoding="UTF-8"?>
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                    <externalClientApplication>Portal</externalClientApplication>
                    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>
                    <label>Portal</label>
                </ExtlClntAppOauthConfigurablePolicies>
            "#]],
        );
    }

    #[test]
    fn required_fields_are_errors_or_warnings_by_how_sure_the_sources_are() {
        check(
            "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <oauthLink>00D000000000001:0H4000000000001</oauthLink>\n</ExtlClntAppOauthSettings>\n",
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:2:2 warning[missing-required] `ExtlClntAppOauthSettings` is missing its required field `commaSeparatedOauthScopes` (The Help article on configuring the OAuth settings calls it required; the docs' field table and the WSDL don't. Without scopes the app can't get a useful token.)
                  fix* Add `<commaSeparatedOauthScopes>`
                Portal_oauth.ecaOauth-meta.xml:2:2 error[missing-required] `ExtlClntAppOauthSettings` is missing its required field `externalClientApplication`
                  fix* Add `<externalClientApplication>`
                Portal_oauth.ecaOauth-meta.xml:2:2 warning[missing-required] `ExtlClntAppOauthSettings` is missing its required field `label` (The Help article on configuring the OAuth settings marks it required; the docs' field table and the WSDL don't.)
                  fix* Add `<label>`
            "#]],
        );
    }

    #[test]
    fn a_missing_field_is_inserted_at_its_canonical_place() {
        let fixed = render_fix(
            &project(
                "//- /x/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n\t<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\r\n\t<label>Portal</label>\r\n</ExtlClntAppOauthSettings>\r\n",
            ),
            "missing-required",
            "Add `<externalClientApplication>`",
        );
        // Carriage returns shown as `\r`, so that the snapshot survives editors and git.
        expect![[r#"
            //- /x/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>\r
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">\r
            	<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\r
            	<externalClientApplication>Portal</externalClientApplication>\r
            	<label>Portal</label>\r
            </ExtlClntAppOauthSettings>\r
        "#]]
        .assert_eq(&fixed.replace('\r', "\\r"));
    }

    /// Report #8: adding a field to an element whose only content is a comment kept neither the
    /// comment nor the file's tab indentation.
    #[test]
    fn a_field_added_to_comment_only_content_keeps_the_comment_and_the_tabs() {
        let fixed = render_fix(
            &project(
                "//- /x/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\t<!-- keep this comment -->\n\t<?keep this instruction?>\n</ExtlClntAppGlobalOauthSettings>\n",
            ),
            "missing-required",
            "Add `<externalClientApplication>`",
        );
        expect![[r#"
            //- /x/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            	<!-- keep this comment -->
            	<?keep this instruction?>
            	<externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppGlobalOauthSettings>
        "#]]
        .assert_eq(&fixed);
    }

    /// With no child at all to copy, the indentation step comes from the file: tabs here.
    #[test]
    fn a_field_added_to_an_empty_element_follows_the_files_tabs() {
        let fixed = render_fix(
            &project(
                "//- /x/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n\tindented with a tab\n-->\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n</ExtlClntAppGlobalOauthSettings>\n",
            ),
            "missing-required",
            "Add `<externalClientApplication>`",
        );
        assert!(
            fixed.contains("\n\t<externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>"),
            "{fixed}"
        );
    }

    /// Report #10: setting a value on an element marked `xsi:nil` changed nothing, since the
    /// element still read as empty; the attribute goes with the same edit.
    #[test]
    fn setting_a_value_drops_xsi_nil() {
        let xsi = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        for (element, expected) in [
            (
                format!("<isPkceRequired xsi:nil=\"true\" {xsi}>true</isPkceRequired>"),
                format!("<isPkceRequired {xsi}>false</isPkceRequired>"),
            ),
            (
                format!("<isPkceRequired {xsi} xsi:nil=\"true\"/>"),
                format!("<isPkceRequired {xsi}>false</isPkceRequired>"),
            ),
            (
                format!("<isPkceRequired {xsi} xsi:nil='true'> </isPkceRequired>"),
                format!("<isPkceRequired {xsi}>false</isPkceRequired>"),
            ),
        ] {
            let text = format!("<A>{element}</A>");
            let file = SourceFile::new("/x/a.xml", text.clone());
            let document = &file.parse.document;
            let root = document.root().expect("a root");
            let child = document.child_elements(root).next().expect("a child");
            let edit = edits::replace_value(&file, child, "false");
            let mut fixed = text.clone();
            fixed.replace_range(edit.range.start..edit.range.end, &edit.new_text);
            assert_eq!(fixed, format!("<A>{expected}</A>"), "{element}");
        }
    }

    /// Report #19: elements in another namespace were read as fields (`<o:label>` as a second
    /// `label`, `<label xmlns="urn:other">` as the label).
    #[test]
    fn elements_of_another_namespace_are_no_fields() {
        check(
            "//- /x/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:o=\"urn:other\">\n    <o:label>x</o:label>\n    <contactEmail xmlns=\"urn:other\">a@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <label>y</label>\n</ExternalClientApplication>\n",
            expect![[r#"
                Portal.eca-meta.xml:2:6 error[unknown-element] `o:label` is in the namespace `urn:other`, not in its parent's (`http://soap.sforce.com/2006/04/metadata`), so it is no field of `ExternalClientApplication`
                Portal.eca-meta.xml:3:6 error[unknown-element] `contactEmail` is in the namespace `urn:other`, not in its parent's (`http://soap.sforce.com/2006/04/metadata`), so it is no field of `ExternalClientApplication`
            "#]],
        );
    }

    /// Report #3: 300,000 repeated `<label>`s made 300,000 findings (1.6 GB in `check`, past
    /// 15 GB in the server). The copies of one field are one finding, pointing at the first
    /// occurrence, a few copies and the last one.
    #[test]
    fn the_copies_of_one_field_are_one_finding() {
        let labels = "    <label>x</label>\n".repeat(1000);
        let project = project(&policies(&labels));
        let all = crate::checks::project_diagnostics(&project);
        let duplicates: Vec<&crate::model::diagnostic::Diagnostic> = all
            .values()
            .flatten()
            .filter(|diagnostic| diagnostic.code == "duplicate-element")
            .collect();
        assert_eq!(duplicates.len(), 1, "{duplicates:#?}");
        let finding = duplicates[0];
        assert_eq!(
            finding.message,
            "`label` appears 1001 times in `ExtlClntAppOauthConfigurablePolicies`; it takes a single value"
        );
        // The first occurrence, twenty copies, the last one with the count of the rest.
        assert_eq!(finding.related.len(), 22);
        assert_eq!(
            finding.related[21].message,
            "the last copy; 978 more copies are not listed"
        );
        // Past a few hundred copies, no fix (one edit per copy).
        assert!(finding.fixes.is_empty());
        // A few copies are removed by one safe fix.
        let few = project_with_labels(3);
        let all = crate::checks::project_diagnostics(&few);
        let finding = all
            .values()
            .flatten()
            .find(|diagnostic| diagnostic.code == "duplicate-element")
            .expect("a duplicate");
        assert_eq!(finding.fixes[0].title, "Remove the 2 duplicates of `label`");
        assert_eq!(finding.fixes[0].edits.len(), 2);
    }

    fn project_with_labels(count: usize) -> crate::model::project::Project {
        project(&policies(&"    <label>x</label>\n".repeat(count - 1)))
    }

    /// Report #3: findings per file are capped (200 by default, `max-findings` in
    /// `eca-ls.toml`); the most severe are kept, and a last finding counts the rest.
    #[test]
    fn findings_per_file_are_capped_with_a_count_of_the_rest() {
        let unknown: String = (0..300)
            .map(|index| format!("    <unknownField{index}/>\n"))
            .collect();
        let text = policies(&format!(
            "{unknown}    <guestJwtTimeout>45</guestJwtTimeout>\n"
        ));
        let policies_findings = |fixture: &str| {
            crate::checks::project_diagnostics(&project(fixture))
                .into_iter()
                .find(|(path, _)| path.ends_with(".ecaOauthPlcy-meta.xml"))
                .map(|(_, findings)| findings)
                .expect("the policies file")
        };
        let findings = policies_findings(&format!(
            "//- /eca-ls.toml\n[rules]\n\"unknown-element\" = \"warning\"\n{text}"
        ));
        assert_eq!(findings.len(), 201);
        let last = findings.last().expect("a last finding");
        assert_eq!(last.code, "too-many-findings");
        assert_eq!(
            last.message,
            "101 more findings in this file are not shown: only 200 are reported per file; `eca-ls check --max-findings 0` on this file lists them all"
        );
        // Errors first, then file order: the error at the end is kept, and the findings stay
        // in file order.
        assert_eq!(findings[199].code, "invalid-value");
        assert_eq!(findings[0].code, "unknown-element");
        let findings = policies_findings(&format!("//- /eca-ls.toml\nmax-findings = 0\n{text}"));
        assert_eq!(findings.len(), 301);
        assert!(
            findings
                .iter()
                .all(|finding| finding.code != "too-many-findings")
        );
    }

    #[test]
    fn duplicates_and_limits() {
        // Distinct keys: this is about the limit, not about unique keys.
        let attributes: String = (0..129)
            .map(|index| {
                format!(
                    "    <customAttributes><formula>User.Country</formula><key>k{index}</key></customAttributes>\n"
                )
            })
            .collect();
        check(
            &policies(&format!(
                "    <guestJwtTimeout>5</guestJwtTimeout>\n    <guestJwtTimeout>10</guestJwtTimeout>\n{attributes}"
            )),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 error[duplicate-element] `guestJwtTimeout` appears more than once in `ExtlClntAppOauthConfigurablePolicies`; it takes a single value
                  related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 first occurrence
                  fix Remove this duplicate `guestJwtTimeout`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 hint[element-order] the fields of `ExtlClntAppOauthConfigurablePolicies` are not in canonical order: `customAttributes` belongs before `guestJwtTimeout` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:134:6 error[duplicate-element] `ExtlClntAppOauthConfigurablePolicies` accepts at most 128 `customAttributes` elements; this is number 129
            "#]],
        );
    }

    #[test]
    fn removing_a_duplicate_removes_its_line() {
        check_fix(
            &policies(
                "    <guestJwtTimeout>5</guestJwtTimeout>\n    <guestJwtTimeout>10</guestJwtTimeout>\n",
            ),
            "duplicate-element",
            "Remove this duplicate `guestJwtTimeout`",
            expect![[r#"
                //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                <?xml version="1.0" encoding="UTF-8"?>
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                    <externalClientApplication>Portal</externalClientApplication>
                    <guestJwtTimeout>5</guestJwtTimeout>
                    <label>Portal</label>
                </ExtlClntAppOauthConfigurablePolicies>
            "#]],
        );
    }

    #[test]
    fn versions_come_from_the_project() {
        let body = "    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>\n    <guestJwtTimeout>60</guestJwtTimeout>\n    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n";
        check(
            &format!(
                "//- /sfdx-project.json\n{{\"sourceApiVersion\": \"64.0\"}}\n{}",
                policies(body)
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 warning[api-version] `guestJwtSessionTimeoutType` was added to `ExtlClntAppOauthConfigurablePolicies` in API 65.0 (Winter '26); this project uses API 64.0 (sourceApiVersion in /sfdx-project.json)
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:22 warning[api-version] `60` is accepted by `guestJwtTimeout` of `ExtlClntAppOauthConfigurablePolicies` from API 65.0 (Winter '26); this project uses API 64.0 (sourceApiVersion in /sfdx-project.json)
                  fix Change to `1`
                  fix Change to `5`
                  fix Change to `10`
                  fix Change to `15`
                  fix Change to `30`
            "#]],
        );
        check(
            &format!(
                "//- /sfdx-project.json\n{{\"sourceApiVersion\": \"66.0\"}}\n{}",
                policies(body)
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 information[deprecated] `isNamedUserJwtEnabled` of `ExtlClntAppOauthConfigurablePolicies` is deprecated since API 66.0; use `ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled` instead; Salesforce still writes it on retrieve, so a retrieved file holds it
            "#]],
        );
    }

    #[test]
    fn fields_out_of_order_get_one_hint_and_a_sort() {
        let fixture = "//- /x/extlClntAppGlobalOauthSets/P.ecaGlblOauth-meta.xml\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>P</label>\n    <!-- the app -->\n    <externalClientApplication>P</externalClientApplication>\n    <isPkceRequired>true</isPkceRequired>\n    <callbackUrl>https://x</callbackUrl>\n</ExtlClntAppGlobalOauthSettings>\n";
        check(
            fixture,
            expect![[r#"
                P.ecaGlblOauth-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppGlobalOauthSettings` are not in canonical order: `externalClientApplication` belongs before `label` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
            "#]],
        );
        check_fix(
            fixture,
            "element-order",
            "Sort fields into canonical order",
            expect![[r#"
                //- /x/extlClntAppGlobalOauthSets/P.ecaGlblOauth-meta.xml
                <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                    <callbackUrl>https://x</callbackUrl>
                    <!-- the app -->
                    <externalClientApplication>P</externalClientApplication>
                    <isPkceRequired>true</isPkceRequired>
                    <label>P</label>
                </ExtlClntAppGlobalOauthSettings>
            "#]],
        );
    }

    #[test]
    fn root_and_namespace_problems() {
        check(
            "//- /x/extlClntAppOauthPolicies/P_oauthPlcy.ecaOauthPlcy-meta.xml\n<ExtlClntAppOauthSettings>\n    <externalClientApplication>P</externalClientApplication>\n</ExtlClntAppOauthSettings>\n//- /x/settings/OauthOidc.settings-meta.xml\n<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata/\">\n    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n</OauthOidcSettings>\n",
            expect![[r#"
                P_oauthPlcy.ecaOauthPlcy-meta.xml:1:2 warning[missing-required] `ExtlClntAppOauthSettings` is missing its required field `commaSeparatedOauthScopes` (The Help article on configuring the OAuth settings calls it required; the docs' field table and the WSDL don't. Without scopes the app can't get a useful token.)
                  fix* Add `<commaSeparatedOauthScopes>`
                P_oauthPlcy.ecaOauthPlcy-meta.xml:1:2 warning[missing-required] `ExtlClntAppOauthSettings` is missing its required field `label` (The Help article on configuring the OAuth settings marks it required; the docs' field table and the WSDL don't.)
                  fix* Add `<label>`
                P_oauthPlcy.ecaOauthPlcy-meta.xml:1:2 error[namespace-missing] `ExtlClntAppOauthSettings` has no `xmlns="http://soap.sforce.com/2006/04/metadata"`: Metadata API rejects a file without it
                  fix* Add the Metadata API namespace
                P_oauthPlcy.ecaOauthPlcy-meta.xml:1:2 error[root-mismatch] the root element is `ExtlClntAppOauthSettings` but this file should hold `ExtlClntAppOauthConfigurablePolicies` (the file name `P_oauthPlcy.ecaOauthPlcy-meta.xml` says so): rename the file or the root element
                  fix Rename the root element to `ExtlClntAppOauthConfigurablePolicies`
                OauthOidc.settings-meta.xml:1:20 error[namespace-missing] the namespace of `OauthOidcSettings` is `http://soap.sforce.com/2006/04/metadata/`; Metadata API files use `http://soap.sforce.com/2006/04/metadata`
                  fix* Use the Metadata API namespace
            "#]],
        );
    }

    #[test]
    fn nil_elements_have_no_value_to_check() {
        check(
            "//- /x/settings/ExternalClientApp.settings-meta.xml\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n    <enableExternalClientApps xsi:nil=\"true\" />\n    <enablePackageEcaOauthFromDevOrg xsi:nil=\"true\"></enablePackageEcaOauthFromDevOrg>\n</ExternalClientAppSettings>\n",
            expect![[r#"
                ExternalClientApp.settings-meta.xml:2:6 information[api-version] `enableExternalClientApps` of `ExternalClientAppSettings` is gone from the documentation since API 64.0, and this project uses API 67.0 (the newest version eca-ls knows (no sfdx-project.json or package.xml names one)); this empty element is what retrieves still return, and it sets nothing
                  fix Remove `enableExternalClientApps`
            "#]],
        );
    }

    #[test]
    fn nil_elements_with_content_say_the_content_is_ignored() {
        check(
            "//- /x/settings/ExternalClientApp.settings-meta.xml\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n    <enableExternalClientApps xsi:nil=\"true\">true</enableExternalClientApps>\n    <enablePackageEcaOauthFromDevOrg xsi:nil=\"true\"> <!-- nothing --> <![CDATA[ ]]> </enablePackageEcaOauthFromDevOrg>\n</ExternalClientAppSettings>\n//- /x/extlClntAppOauthSettings/P_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n    <commaSeparatedOauthScopes xsi:nil=\"true\"><![CDATA[Api]]></commaSeparatedOauthScopes>\n    <externalClientApplication>P</externalClientApplication>\n    <label xsi:nil=\"false\">P</label>\n</ExtlClntAppOauthSettings>\n//- /x/extlClntAppOauthPolicies/P_oauthPlcy.ecaOauthPlcy-meta.xml\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n    <customAttributes xsi:nil=\"true\"><formula>User.Country</formula><key>country</key></customAttributes>\n    <externalClientApplication>P</externalClientApplication>\n    <label>P</label>\n</ExtlClntAppOauthConfigurablePolicies>\n",
            expect![[r#"
                P_oauthPlcy.ecaOauthPlcy-meta.xml:2:23 warning[nil-with-content] `customAttributes` of `ExtlClntAppOauthConfigurablePolicies` holds child elements but has `xsi:nil="true"`: its child elements are ignored, because `xsi:nil` says the element has no value
                  fix Remove `xsi:nil` (keep the child elements)
                P_oauth.ecaOauth-meta.xml:2:32 warning[nil-with-content] `commaSeparatedOauthScopes` of `ExtlClntAppOauthSettings` holds text but has `xsi:nil="true"`: its text is ignored, because `xsi:nil` says the element has no value
                  fix Remove `xsi:nil` (keep the text)
                ExternalClientApp.settings-meta.xml:2:6 information[api-version] `enableExternalClientApps` of `ExternalClientAppSettings` is gone from the documentation since API 64.0, and this project uses API 67.0 (the newest version eca-ls knows (no sfdx-project.json or package.xml names one)); this empty element is what retrieves still return, and it sets nothing
                  fix Remove `enableExternalClientApps`
                ExternalClientApp.settings-meta.xml:2:31 warning[nil-with-content] `enableExternalClientApps` of `ExternalClientAppSettings` holds text but has `xsi:nil="true"`: its text is ignored, because `xsi:nil` says the element has no value
                  fix Remove `xsi:nil` (keep the text)
            "#]],
        );
    }

    #[test]
    fn removing_xsi_nil_keeps_the_content() {
        check_fix(
            &policies("    <guestJwtTimeout xsi:nil=\"true\">30</guestJwtTimeout>\n"),
            "nil-with-content",
            "Remove `xsi:nil` (keep the text)",
            expect![[r#"
                //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                <?xml version="1.0" encoding="UTF-8"?>
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                    <externalClientApplication>Portal</externalClientApplication>
                    <guestJwtTimeout>30</guestJwtTimeout>
                    <label>Portal</label>
                </ExtlClntAppOauthConfigurablePolicies>
            "#]],
        );
    }

    #[test]
    fn a_placeholder_in_an_unknown_element_is_reported_besides_the_element() {
        check(
            &policies("    <singleLogoutUri>{{LOGOUT_URL}}</singleLogoutUri>\n"),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 error[unknown-element] `singleLogoutUri` is not a field of `ExtlClntAppOauthConfigurablePolicies`: did you mean `singleLogoutUrl`?
                  fix* Rename to `singleLogoutUrl`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:22 error[invalid-value] `singleLogoutUri` of `ExtlClntAppOauthConfigurablePolicies` holds the unfilled template placeholder `{{LOGOUT_URL}}`: replace it with a real value before deploying
            "#]],
        );
        // Where fields are not known the element is not reported, but the placeholder is.
        check(
            "//- /x/extlClntAppOauthSecuritySettings/P.ecaOauthSecurity-meta.xml\n<ExtlClntAppOauthSecuritySettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <somethingUndocumented>{{SECRET}}</somethingUndocumented>\n</ExtlClntAppOauthSecuritySettings>\n",
            expect![[r#"
                P.ecaOauthSecurity-meta.xml:2:28 error[invalid-value] `somethingUndocumented` of `ExtlClntAppOauthSecuritySettings` holds the unfilled template placeholder `{{SECRET}}`: replace it with a real value before deploying
            "#]],
        );
    }

    #[test]
    fn syntax_errors_do_not_stop_the_schema_checks() {
        check(
            &policies(
                "    <guestJwtTimeout>45</guestJwtTimout>\n    <isGuestCodeCredFlowEnabled>maybe</isGuestCodeCredFlowEnabled>\n    <oops & </oops>\n",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:22 error[invalid-value] `45` is not an accepted value of `guestJwtTimeout` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `1`, `5`, `10`, `15`, `30`, `60`, `90`, `120`, `240`, `480` or `720`
                  fix Change to `1`
                  fix Change to `5`
                  fix Change to `10`
                  fix Change to `15`
                  fix Change to `30`
                  fix Change to `60`
                  fix Change to `90`
                  fix Change to `120`
                  fix Change to `240`
                  fix Change to `480`
                  fix Change to `720`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:24 error[xml-syntax] `</guestJwtTimout>` does not match the open element `<guestJwtTimeout>`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:33 error[invalid-value] `isGuestCodeCredFlowEnabled` of `ExtlClntAppOauthConfigurablePolicies` must be `true` or `false`; found `maybe`
                  fix Change to `true`
                  fix Change to `false`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:5 error[xml-syntax] the start tag `<oops` is not closed: expected `>` or `/>`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 error[unknown-element] `oops` is not a field of `ExtlClntAppOauthConfigurablePolicies`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:11 error[xml-syntax] `&` is not a valid attribute name: names start with a letter, `_` or `:`
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:11 error[xml-syntax] attribute `&` has no value: expected `&="..."`
            "#]],
        );
    }

    #[test]
    fn mdapi_and_root_detected_files_are_checked() {
        check(
            "//- /src/extlClntAppOauthPolicies/P_oauthPlcy.ecaOauthPlcy\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>P</externalClientApplication>\n    <guestJwtTimeout>45</guestJwtTimeout>\n</ExtlClntAppOauthConfigurablePolicies>\n//- /templates/anything.xml\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>P</externalClientApplication>\n    <isEnabled>perhaps</isEnabled>\n</ExtlClntAppConfigurablePolicies>\n//- /other/thing.xml\n<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><version>65.0</version></Package>\n",
            expect![[r#"
                P_oauthPlcy.ecaOauthPlcy:3:22 error[invalid-value] `45` is not an accepted value of `guestJwtTimeout` in `ExtlClntAppOauthConfigurablePolicies`; accepted: `1`, `5`, `10`, `15`, `30`, `60`, `90`, `120`, `240`, `480` or `720`
                  fix Change to `1`
                  fix Change to `5`
                  fix Change to `10`
                  fix Change to `15`
                  fix Change to `30`
                  fix Change to `60`
                  fix Change to `90`
                  fix Change to `120`
                  fix Change to `240`
                  fix Change to `480`
                  fix Change to `720`
                anything.xml:3:16 error[invalid-value] `isEnabled` of `ExtlClntAppConfigurablePolicies` must be `true` or `false`; found `perhaps`
                  fix Change to `true`
                  fix Change to `false`
            "#]],
        );
    }

    #[test]
    fn template_placeholders_are_reported() {
        check(
            &policies(
                "    <clientCredentialsFlowUser>{{INTEGRATION_USER}}</clientCredentialsFlowUser>\n    <singleLogoutUrl>__LOGOUT_URL__</singleLogoutUrl>\n",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 hint[element-order] the fields of `ExtlClntAppOauthConfigurablePolicies` are not in canonical order: `clientCredentialsFlowUser` belongs before `externalClientApplication` (Salesforce retrieves them in this order; sorting keeps diffs small)
                  fix* Sort fields into canonical order
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:32 error[invalid-value] `clientCredentialsFlowUser` of `ExtlClntAppOauthConfigurablePolicies` holds the unfilled template placeholder `{{INTEGRATION_USER}}`: replace it with a real value before deploying
            "#]],
        );
    }

    /// The header page's sample writes `Org_ID:External_Client_App_Name`: a template copied as
    /// is, reported like `{{...}}` placeholders and not by ECA-REF-002.
    #[test]
    fn the_docs_placeholder_org_scoped_name_is_a_template() {
        for value in [
            "Org_ID:External_Client_App_Name",
            "org_id:external_client_app_name",
        ] {
            let fixture = format!(
                "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n    <orgScopedExternalApp>{value}</orgScopedExternalApp>\n</ExternalClientApplication>\n"
            );
            assert_eq!(
                render_project_diagnostics(&project(&fixture)),
                format!(
                    "Portal.eca-meta.xml:4:27 error[invalid-value] `orgScopedExternalApp` of `ExternalClientApplication` holds the unfilled template placeholder `{value}`: replace it with a real value before deploying\n"
                )
            );
        }
    }
}
