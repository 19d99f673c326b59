//! Structural checks of one file against the schema: syntax, root, namespace, unknown,
//! missing, duplicate and invalid elements, API versions, deprecation and element order.
//!
//! Only what one file says is checked here; whatever needs the other files of an app is a rule
//! (see `rules`).

use std::collections::HashMap;

use eca_schema::{
    AllowedValue, ApiVersion, FieldDef, METADATA_NAMESPACE, Requirement, Schema, TypeDef, TypeKind,
    ValueKind,
};
use eca_syntax::{ElementId, Node, SyntaxErrorKind, TextRange};

use crate::codes;
use crate::diagnostic::{Diagnostic, DiagnosticTag, FileEdit, Fix, Severity};
use crate::edits;
use crate::project::{ApiVersionChoice, SourceFile};
use crate::text_util::{closest_match, differs_only_in_case, quoted_list};

/// Every structural finding in `file`, checked against the API version in force.
pub fn check_file(file: &SourceFile, api_version: &ApiVersionChoice) -> Vec<Diagnostic> {
    let mut checker = Checker {
        file,
        api_version,
        schema: Schema::get(),
        diagnostics: Vec::new(),
    };
    checker.syntax();
    checker.document();
    checker.diagnostics
}

/// Whether an element is explicitly empty (`xsi:nil="true"`): it then has no value to check.
pub fn is_nil(file: &SourceFile, element_id: ElementId) -> bool {
    file.parse
        .document
        .element(element_id)
        .attributes
        .iter()
        .any(|attribute| {
            (attribute.name == "nil" || attribute.name.ends_with(":nil"))
                && attribute.value.trim() == "true"
        })
}

/// The type a file's root element is checked against: the one its root element names when
/// that is a known type (so that a misnamed file is checked for what it holds), else the one
/// its file name says.
pub fn effective_type(file: &SourceFile) -> Option<&'static TypeDef> {
    let kind = file.kind?;
    let root_name = file.parse.document.root_element()?.local_name();
    Some(
        Schema::get()
            .type_for_root_element(root_name)
            .unwrap_or(kind.type_def),
    )
}

struct Checker<'a> {
    file: &'a SourceFile,
    api_version: &'a ApiVersionChoice,
    schema: &'static Schema,
    diagnostics: Vec<Diagnostic>,
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
        let Some(root_id) = document.root else {
            return;
        };
        let root = document.element(root_id);
        if root.name.is_empty() {
            return;
        }
        let expected = kind.type_def;
        let expected_root = expected.root_element.as_deref().unwrap_or(&expected.name);
        let type_def = effective_type(self.file).unwrap_or(expected);
        if root.local_name() != expected_root {
            self.root_mismatch(root_id, expected, expected_root);
        }
        self.namespace(root_id);
        if let Some(since) = type_def.since {
            if since > self.api_version.version {
                let message = format!(
                    "`{}` files exist from API {}; {}",
                    type_def.name,
                    describe_version(self.schema, since),
                    self.project_version_phrase()
                );
                self.push(
                    root.name_range,
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
        let found = &root.name;
        let by_name = match self.file.kind.map(|kind| kind.detection) {
            Some(crate::file_kind::Detection::RootElement) | None => String::new(),
            Some(_) => format!(
                " (the file name `{}` says so)",
                crate::file_kind::file_name(&self.file.path)
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
        self.diagnostics.push(
            Diagnostic::new(
                &self.file.path,
                root.name_range,
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
        let attribute_name = match root.name.split_once(':') {
            Some((prefix, _)) => format!("xmlns:{prefix}"),
            None => "xmlns".to_string(),
        };
        match root.attribute(&attribute_name) {
            Some(attribute) if attribute.value == METADATA_NAMESPACE => {}
            Some(attribute) => {
                let message = format!(
                    "the namespace of `{}` is `{}`; Metadata API files use `{METADATA_NAMESPACE}`",
                    root.name, attribute.value
                );
                let fix = Fix::new(
                    "Use the Metadata API namespace",
                    vec![FileEdit::replace(
                        &self.file.path,
                        attribute.value_range,
                        METADATA_NAMESPACE,
                    )],
                )
                .preferred();
                self.diagnostics.push(
                    Diagnostic::new(
                        &self.file.path,
                        attribute.range,
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
                    root.name
                );
                let fix = Fix::new(
                    "Add the Metadata API namespace",
                    vec![FileEdit::insert(
                        &self.file.path,
                        root.name_range.end,
                        format!(" {attribute_name}=\"{METADATA_NAMESPACE}\""),
                    )],
                )
                .preferred();
                self.diagnostics.push(
                    Diagnostic::new(
                        &self.file.path,
                        root.name_range,
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
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut order: Vec<(usize, ElementId)> = Vec::new();
        for child_id in document.child_elements(parent_id) {
            let child = document.element(child_id);
            if child.name.is_empty() {
                continue;
            }
            let Some(field) = type_def.field(child.local_name()) else {
                if type_def.fields_known {
                    self.unknown_element(child_id, type_def);
                }
                continue;
            };
            let count = counts.entry(field.name.as_str()).or_default();
            *count += 1;
            if let Some(position) = type_def.field_position(&field.name) {
                order.push((position, child_id));
            }
            if *count > 1 && !field.repeated {
                self.duplicate(child_id, field, type_def);
            } else if field.repeated && field.max_items.is_some_and(|max| *count as u32 == max + 1)
            {
                self.over_limit(child_id, field, type_def);
            }
            self.field_version(child_id, field, type_def);
            self.value(child_id, field, type_def);
        }
        self.missing_required(parent_id, type_def, &counts);
        self.element_order(parent_id, type_def, &order);
        self.text_in_complex_element(parent_id, type_def);
    }

    fn unknown_element(&mut self, child_id: ElementId, type_def: &TypeDef) {
        let child = self.file.parse.document.element(child_id);
        let name = child.name.as_str();
        let suggestion = closest_match(
            name,
            type_def.fields.iter().map(|field| field.name.as_str()),
        );
        let elsewhere = self.schema.types.iter().find(|other| {
            other.name != type_def.name
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
            child.name_range,
            Severity::Error,
            codes::UNKNOWN_ELEMENT,
            message,
        );
        if let Some(suggestion) = suggestion {
            diagnostic = diagnostic.with_fix(
                Fix::new(
                    format!("Rename to `{suggestion}`"),
                    edits::rename_element(self.file, child_id, suggestion),
                )
                .preferred(),
            );
        }
        if let Some(url) = &type_def.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    fn duplicate(&mut self, child_id: ElementId, field: &FieldDef, type_def: &TypeDef) {
        let child = self.file.parse.document.element(child_id);
        let message = format!(
            "`{}` appears more than once in `{}`; it takes a single value",
            field.name, type_def.name
        );
        let first = self
            .file
            .parse
            .document
            .child_named(child.parent.unwrap_or(child_id), &child.name)
            .filter(|first| *first != child_id);
        let mut diagnostic = Diagnostic::new(
            &self.file.path,
            child.name_range,
            Severity::Error,
            codes::DUPLICATE_ELEMENT,
            message,
        )
        .with_fix(Fix::new(
            format!("Remove this duplicate `{}`", field.name),
            vec![edits::remove_element(self.file, child_id)],
        ));
        if let Some(first) = first {
            diagnostic = diagnostic.with_related(crate::diagnostic::RelatedLocation {
                path: self.file.path.clone(),
                range: self.file.parse.document.element(first).name_range,
                message: "first occurrence".to_string(),
            });
        }
        self.diagnostics.push(diagnostic);
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
            child.name_range,
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
                    child.name_range,
                    Severity::Warning,
                    codes::API_VERSION,
                    message,
                );
            }
        }
        if let Some(deprecation) = &field.deprecated {
            let applies = deprecation.since.is_none_or(|since| since <= project);
            if applies {
                let since = deprecation
                    .since
                    .map(|since| format!(" since API {since}"))
                    .unwrap_or_default();
                let replacement = deprecation
                    .replacement
                    .as_deref()
                    .map(|replacement| format!("; use `{replacement}` instead"))
                    .unwrap_or_default();
                let message = format!(
                    "`{}` of `{}` is deprecated{since}{replacement}",
                    field.name, type_def.name
                );
                let diagnostic = Diagnostic::new(
                    &self.file.path,
                    child.name_range,
                    Severity::Warning,
                    codes::DEPRECATED,
                    message,
                )
                .with_tag(DiagnosticTag::Deprecated);
                self.diagnostics.push(diagnostic);
            }
        }
    }

    fn value(&mut self, child_id: ElementId, field: &'static FieldDef, type_def: &TypeDef) {
        if is_nil(self.file, child_id) {
            return;
        }
        let document = &self.file.parse.document;
        let child = document.element(child_id);
        if field.kind == ValueKind::Nested {
            if let Some(nested) = field
                .nested_type
                .as_deref()
                .and_then(|name| self.schema.type_named(name))
            {
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
                child.name_range,
                Severity::Error,
                codes::INVALID_VALUE,
                message,
            );
            return;
        }
        let value = document.text_value(child_id, &self.file.text);
        let range = if value.range.is_empty() {
            child.name_range
        } else {
            value.range
        };
        match field.kind {
            ValueKind::Boolean => self.boolean(child_id, field, &value.value, range),
            ValueKind::Int => self.integer(child_id, field, &value.value, range),
            ValueKind::Double => {
                if value.value.parse::<f64>().is_err() {
                    let message = format!(
                        "`{}` must be a number; found {}",
                        field.name,
                        shown(&value.value)
                    );
                    self.push(range, Severity::Error, codes::INVALID_VALUE, message);
                }
            }
            ValueKind::Enum => {
                let values = self.schema.values_of(field);
                self.listed_value(child_id, field, &value.value, range, values, ListKind::Enum);
            }
            ValueKind::String => {
                if !field.allowed_values.is_empty() {
                    self.listed_value(
                        child_id,
                        field,
                        &value.value,
                        range,
                        &field.allowed_values,
                        ListKind::PlainString,
                    );
                }
                if let Some(max_length) = field.max_length {
                    let length = value.value.chars().count();
                    if length > max_length as usize {
                        let message = format!(
                            "`{}` is limited to {max_length} characters; this value has {length}",
                            field.name
                        );
                        self.push(range, Severity::Error, codes::INVALID_VALUE, message);
                    }
                }
            }
            ValueKind::Nested => {}
        }
    }

    fn boolean(&mut self, child_id: ElementId, field: &FieldDef, value: &str, range: TextRange) {
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
                "`{}` must be `true` or `false`; found {}",
                field.name,
                shown(value)
            ),
        );
        let preferred = match lowered.as_str() {
            "true" | "1" | "yes" => Some("true"),
            "false" | "0" | "no" => Some("false"),
            _ => None,
        };
        for literal in ["true", "false"] {
            let fix = Fix::new(
                format!("Change to `{literal}`"),
                vec![edits::replace_value(self.file, child_id, literal)],
            );
            diagnostic = diagnostic.with_fix(if preferred == Some(literal) {
                fix.preferred()
            } else {
                fix
            });
        }
        self.diagnostics.push(diagnostic);
    }

    fn integer(
        &mut self,
        child_id: ElementId,
        field: &'static FieldDef,
        value: &str,
        range: TextRange,
    ) {
        let Ok(number) = value.parse::<i64>() else {
            let message = format!(
                "`{}` must be a whole number; found {}",
                field.name,
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
                &canonical,
                range,
                &field.allowed_values,
                ListKind::Enum,
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
                "`{}` should be {bounds}{}; found {number}",
                field.name,
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
        value: &str,
        range: TextRange,
        allowed: &[AllowedValue],
        list_kind: ListKind,
    ) {
        if let Some(member) = allowed.iter().find(|member| member.value == value) {
            if let Some(since) = member.since {
                if since > self.api_version.version {
                    let message = format!(
                        "`{value}` is accepted by `{}` from API {}; {}",
                        field.name,
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
                    for other in allowed_in_version(allowed, self.api_version.version) {
                        diagnostic = diagnostic.with_fix(Fix::new(
                            format!("Change to `{}`", other.value),
                            vec![edits::replace_value(self.file, child_id, &other.value)],
                        ));
                    }
                    self.diagnostics.push(diagnostic);
                }
            }
            return;
        }
        let accepted: Vec<&str> = allowed
            .iter()
            .filter(|member| member.documented && !member.internal)
            .map(|member| member.value.as_str())
            .collect();
        let case_slip = allowed
            .iter()
            .find(|member| differs_only_in_case(&member.value, value));
        let near = case_slip
            .map(|member| member.value.as_str())
            .or_else(|| closest_match(value, allowed.iter().map(|member| member.value.as_str())));
        let shown_value = shown(value);
        let mut message = if value.is_empty() {
            format!(
                "`{}` is empty; accepted values: {}",
                field.name,
                quoted_list(&accepted, "or")
            )
        } else {
            format!(
                "{shown_value} is not an accepted value of `{}`; accepted: {}",
                field.name,
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
                .filter(|member| member.documented && !member.internal)
                .collect();
        if let Some(near) = near {
            candidates.sort_by_key(|member| member.value != near);
        }
        for member in candidates {
            let fix = Fix::new(
                format!("Change to `{}`", member.value),
                vec![edits::replace_value(self.file, child_id, &member.value)],
            );
            diagnostic = diagnostic.with_fix(if Some(member.value.as_str()) == near {
                fix.preferred()
            } else {
                fix
            });
        }
        if let Some(url) = &field.doc_url {
            diagnostic = diagnostic.with_source_url(url.clone());
        }
        self.diagnostics.push(diagnostic);
    }

    fn missing_required(
        &mut self,
        parent_id: ElementId,
        type_def: &TypeDef,
        counts: &HashMap<&str, usize>,
    ) {
        let document = &self.file.parse.document;
        let parent = document.element(parent_id);
        if is_nil(self.file, parent_id) {
            return;
        }
        for field in &type_def.fields {
            if field.requirement == Requirement::Optional
                || counts.contains_key(field.name.as_str())
            {
                continue;
            }
            let severity = if field.requirement == Requirement::Required {
                Severity::Error
            } else {
                Severity::Warning
            };
            let mut message = format!(
                "`{}` is missing its required field `{}`",
                parent.name, field.name
            );
            if let Some(note) = &field.requirement_note {
                message.push_str(&format!(" ({note})"));
            }
            let placeholder = field.default.clone().unwrap_or_default();
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
                parent.name_range,
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
                        type_def.name, child.name, before.name
                    );
                    let mut diagnostic = Diagnostic::new(
                        &self.file.path,
                        child.name_range,
                        Severity::Hint,
                        codes::ELEMENT_ORDER,
                        message,
                    );
                    if let Some(edit) = edits::sort_children(self.file, parent_id, type_def) {
                        diagnostic = diagnostic.with_fix(
                            Fix::new("Sort fields into canonical order", vec![edit]).preferred(),
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
        for node in &element.children {
            if let Node::Text(text) = node {
                let trimmed = text.value.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let raw = text.range.slice(&self.file.text);
                let start = text.range.start + (raw.len() - raw.trim_start().len());
                let end = text.range.end - (raw.len() - raw.trim_end().len());
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
