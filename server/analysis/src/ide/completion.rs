//! Completion: the element names legal at the cursor, the closing tag of the open element, the
//! values of the field under the cursor, and a skeleton for an empty file. Byte offsets in,
//! plain items out; the protocol glue maps them to LSP.

use std::collections::HashMap;

use eca_schema::{
    FieldDef, METADATA_NAMESPACE, Requirement, Schema, TypeDef, ValueKind, Vocabulary,
};
use eca_syntax::{ElementId, PositionEncoding, TextRange};

use crate::ide::markdown::{self, FieldDepth, code, field_detail, value_marks};
use crate::model::cursor::{
    clamp_to_char_boundary, content_element_at, element_field, element_type, in_opaque_node,
    indent_unit, is_name_char, line_indent, open_elements_at, word_range,
};
use crate::model::edits::line_ending;
use crate::model::file_kind::{self, PathClass};
use crate::model::project::{APP_REFERENCE_FIELD, Project, SourceFile, app_key};
use crate::model::text_util::split_list;

/// One completion proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// One line, e.g. `enum · optional · API 65.0+`.
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    pub deprecated: bool,
    pub sort_text: String,
    pub filter_text: Option<String>,
    /// What to replace and with what. The range lies on the cursor's line and contains the
    /// cursor. Multi-line texts carry their full indentation: insert them as they are
    /// (LSP `InsertTextMode.asIs`), without the editor re-indenting them.
    pub edit: TextEdit,
    /// `edit.new_text` uses snippet syntax (`$1`, `${1:default}`, `${1|a,b|}`, `$0`).
    pub is_snippet: bool,
    pub preselect: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    Element,
    ClosingTag,
    Value,
    Skeleton,
}

/// Replace `range` of the file with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// What may be typed at `offset` in the file at `path`: nothing for files the project lacks,
/// inside comments, CDATA and attributes, or where the schema has nothing to say.
pub fn completions(project: &Project, path: &str, offset: usize) -> Vec<CompletionItem> {
    let Some(file) = project.file(path) else {
        return Vec::new();
    };
    let offset = clamp_to_char_boundary(&file.text, offset);
    if in_opaque_node(file, offset) {
        return Vec::new();
    }
    let context = Context {
        project,
        file,
        offset,
    };
    if context.wants_skeleton() {
        return context.skeleton_completions();
    }
    match tag_at(&file.text, offset) {
        Tag::StartName { lt, name } => context.start_tag_completions(lt, name),
        Tag::EndName { lt, name } => context.closing_tag_completions(lt, name),
        Tag::OtherMarkup => Vec::new(),
        Tag::Outside => context.content_completions(),
    }
}

/// What kind of markup the cursor is in, judged from the text before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Typing an element name after `<`: `lt` is the `<`, `name` the whole name around the cursor.
    StartName { lt: usize, name: TextRange },
    /// Typing after `</`.
    EndName { lt: usize, name: TextRange },
    /// Attributes, `<!…`, `<?…`: nothing to offer.
    OtherMarkup,
    /// Between tags.
    Outside,
}

struct Context<'a> {
    project: &'a Project,
    file: &'a SourceFile,
    offset: usize,
}

/// Whether a snippet's placeholders come prefilled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefill {
    /// The app name guess, defaults, a choice of values: for a skeleton's required fields.
    Suggested,
    Empty,
}

/// How a field element is to be inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Only the name: the tags are already there (renaming, or attributes follow).
    NameOnly,
    /// After a typed `<`: the rest of the element, `name>…</name>`.
    AfterLessThan,
    /// On an empty spot: the whole element, `<name>…</name>`.
    Whole,
}

fn tag_at(text: &str, offset: usize) -> Tag {
    let before = &text[..offset];
    let Some(lt) = before.rfind('<') else {
        return Tag::Outside;
    };
    if before.rfind('>').is_some_and(|gt| gt > lt) {
        return Tag::Outside;
    }
    let typed = &before[lt + 1..];
    let name_end = |start: usize| word_range(text, offset, is_name_char).end.max(start);
    if let Some(end_typed) = typed.strip_prefix('/') {
        if end_typed.chars().all(is_name_char) {
            let start = lt + 2;
            return Tag::EndName {
                lt,
                name: TextRange::new(start, name_end(start)),
            };
        }
        return Tag::OtherMarkup;
    }
    if typed.chars().all(is_name_char) {
        let start = lt + 1;
        return Tag::StartName {
            lt,
            name: TextRange::new(start, name_end(start)),
        };
    }
    Tag::OtherMarkup
}

impl<'a> Context<'a> {
    fn document(&self) -> &'a eca_syntax::Document {
        &self.file.parse.document
    }

    /// An empty file, or one with nothing but a declaration and comments, with the cursor
    /// after them.
    fn wants_skeleton(&self) -> bool {
        let document = self.document();
        if document.root().is_some() || document.element_count() > 0 {
            return false;
        }
        let after_declaration = document
            .declaration()
            .is_none_or(|declaration| declaration.range().end <= self.offset);
        after_declaration && tag_at(&self.file.text, self.offset) == Tag::Outside
    }

    fn skeleton_completions(&self) -> Vec<CompletionItem> {
        let PathClass::Named(kind) = file_kind::classify_path(&self.file.path) else {
            return Vec::new();
        };
        let type_def = kind.type_def;
        let Some(root) = type_def.root_element.as_deref() else {
            return Vec::new();
        };
        let newline = line_ending(&self.file.text);
        let mut new_text = String::new();
        if self.document().declaration().is_none() {
            new_text.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            new_text.push_str(newline);
        }
        new_text.push('<');
        new_text.push_str(&self.root_element_text(type_def, root, newline));
        // Only the word typed so far: editors filter on the text from the range's start to the
        // cursor, which must not be the line's indentation.
        let edit = TextEdit {
            range: word_range(&self.file.text, self.offset, is_name_char),
            new_text,
        };
        vec![self.skeleton_item(type_def, root, edit)]
    }

    /// `Root xmlns="…">` and its required fields as placeholders, then `</Root>`.
    fn root_element_text(&self, type_def: &TypeDef, root: &str, newline: &str) -> String {
        let unit = "    ";
        let mut text = format!("{root} xmlns=\"{METADATA_NAMESPACE}\">{newline}");
        let mut tab_stop = 1;
        let required: Vec<&FieldDef> = type_def
            .fields
            .iter()
            .filter(|field| field.requirement != Requirement::Optional)
            .collect();
        for (index, field) in required.iter().enumerate() {
            text.push_str(unit);
            text.push_str(&self.field_snippet(
                field,
                unit,
                newline,
                &mut tab_stop,
                unit,
                Prefill::Suggested,
            ));
            if index + 1 == required.len() {
                text.push_str("$0");
            }
            text.push_str(newline);
        }
        if required.is_empty() {
            text.push_str(unit);
            text.push_str("$0");
            text.push_str(newline);
        }
        text.push_str(&format!("</{root}>"));
        text
    }

    fn skeleton_item(&self, type_def: &TypeDef, root: &str, edit: TextEdit) -> CompletionItem {
        let documentation = format!(
            "A new `{}` file: the root element with the Metadata API namespace and the fields it needs.\n\n{}",
            type_def.name,
            markdown::type_markdown(self.project, type_def)
        );
        CompletionItem {
            label: format!("{root} skeleton"),
            kind: CompletionKind::Skeleton,
            detail: Some(format!("new {} file", type_def.name)),
            documentation: Some(documentation),
            deprecated: false,
            sort_text: "0".to_string(),
            filter_text: Some(root.to_string()),
            edit,
            is_snippet: true,
            preselect: true,
        }
    }

    /// After `<`: the fields the enclosing element may still get, or the root element of an
    /// empty file.
    fn start_tag_completions(&self, lt: usize, name: TextRange) -> Vec<CompletionItem> {
        let document = self.document();
        let typed_element = document
            .element_ids()
            .find(|id| document.element(*id).start_tag().start == lt);
        let Some(parent) = open_elements_at(document, lt).last().copied() else {
            return self.root_completion(lt, name, typed_element);
        };
        let shape = self.shape_after_name(name, typed_element);
        let mut replace = name;
        if shape == Shape::AfterLessThan && self.file.text[name.end..].starts_with('>') {
            replace = TextRange::new(name.start, name.end + 1);
        }
        self.field_completions(
            parent,
            typed_element,
            replace,
            shape,
            line_indent(&self.file.text, lt),
        )
    }

    /// Typing `<` at the top of a file that has no root element yet.
    fn root_completion(
        &self,
        lt: usize,
        name: TextRange,
        typed_element: Option<ElementId>,
    ) -> Vec<CompletionItem> {
        let document = self.document();
        let is_the_only_root = document.root().is_none_or(|root| {
            typed_element == Some(root) && document.element(root).children().is_empty()
        });
        if !is_the_only_root || !self.file.text[name.end..].trim().is_empty() {
            return Vec::new();
        }
        let PathClass::Named(kind) = file_kind::classify_path(&self.file.path) else {
            return Vec::new();
        };
        let Some(root) = kind.type_def.root_element.as_deref() else {
            return Vec::new();
        };
        let newline = line_ending(&self.file.text);
        let edit = TextEdit {
            range: TextRange::new(lt + 1, name.end),
            new_text: self.root_element_text(kind.type_def, root, newline),
        };
        let mut item = self.skeleton_item(kind.type_def, root, edit);
        item.label = root.to_string();
        vec![item]
    }

    /// Whether the typed name already has its tags around it.
    fn shape_after_name(&self, name: TextRange, typed_element: Option<ElementId>) -> Shape {
        let after = &self.file.text[name.end..];
        if after.starts_with("/>") {
            return Shape::NameOnly;
        }
        if after.starts_with('>') {
            let has_end_tag =
                typed_element.is_some_and(|id| self.document().element(id).end_tag().is_some());
            return if has_end_tag {
                Shape::NameOnly
            } else {
                Shape::AfterLessThan
            };
        }
        let rest_of_line = after.split(['\n', '\r']).next().unwrap_or("").trim_start();
        if rest_of_line.is_empty() || rest_of_line.starts_with('<') {
            Shape::AfterLessThan
        } else {
            Shape::NameOnly
        }
    }

    /// After `</`: the innermost element still open.
    fn closing_tag_completions(&self, lt: usize, name: TextRange) -> Vec<CompletionItem> {
        let document = self.document();
        let Some(open) = open_elements_at(document, lt).last().copied() else {
            return Vec::new();
        };
        let element = document.element(open);
        if element.name().is_empty() {
            return Vec::new();
        }
        let mut range = name;
        if self.file.text[name.end..].starts_with('>') {
            range = TextRange::new(name.start, name.end + 1);
        }
        let line = self
            .file
            .line_index()
            .line_col(element.start_tag().start, PositionEncoding::Utf16)
            .line
            + 1;
        vec![CompletionItem {
            label: format!("</{}>", element.name()),
            kind: CompletionKind::ClosingTag,
            detail: Some(format!("closes <{}> from line {line}", element.name())),
            documentation: Some(format!(
                "Closes `<{}>`, opened on line {line} and not closed yet.",
                element.name()
            )),
            deprecated: false,
            sort_text: "0".to_string(),
            filter_text: Some(element.name().to_string()),
            edit: TextEdit {
                range,
                new_text: format!("{}>", element.name()),
            },
            is_snippet: false,
            preselect: true,
        }]
    }

    /// Between tags: field names inside a type's element, values inside a field's.
    fn content_completions(&self) -> Vec<CompletionItem> {
        let document = self.document();
        let Some(element) = content_element_at(document, self.offset) else {
            return Vec::new();
        };
        if element_type(self.file, element).is_some() {
            let replace = word_range(&self.file.text, self.offset, is_name_char);
            let indent = line_indent(&self.file.text, self.offset);
            return self.field_completions(element, None, replace, Shape::Whole, indent);
        }
        let Some((type_def, field)) = element_field(self.file, element) else {
            return Vec::new();
        };
        if document.element(element).has_child_elements() {
            return Vec::new();
        }
        self.value_completions(element, type_def, field)
    }

    /// The fields of `parent`'s type that may still be added, required ones first, then in
    /// canonical order.
    fn field_completions(
        &self,
        parent: ElementId,
        typed_element: Option<ElementId>,
        replace: TextRange,
        shape: Shape,
        indent: &str,
    ) -> Vec<CompletionItem> {
        let Some(type_def) = element_type(self.file, parent) else {
            return Vec::new();
        };
        if !type_def.fields_known {
            return Vec::new();
        }
        let document = self.document();
        let mut present: HashMap<&str, u32> = HashMap::new();
        for child in document.child_elements(parent) {
            if Some(child) == typed_element {
                continue;
            }
            *present
                .entry(document.element(child).local_name())
                .or_default() += 1;
        }
        let version = self.project.api_version.version;
        let newline = line_ending(&self.file.text);
        let unit = indent_unit(self.file);
        let mut preselected = false;
        let mut items = Vec::new();
        for (position, field) in type_def.fields.iter().enumerate() {
            let count = present.get(field.name.as_str()).copied().unwrap_or(0);
            let room_left = if field.repeated {
                field.max_items.is_none_or(|max| count < max)
            } else {
                count == 0
            };
            if !room_left {
                continue;
            }
            let unavailable = field.since.is_some_and(|since| since > version);
            let discouraged = unavailable
                || field.internal
                || !field.documented
                || field.deprecated.is_some()
                || field.removed.is_some();
            let group = match (discouraged, field.requirement) {
                (true, _) => 3,
                (false, Requirement::Required) if count == 0 => 0,
                (false, Requirement::Recommended) if count == 0 => 1,
                (false, _) => 2,
            };
            let preselect = group == 0 && !preselected;
            preselected |= preselect;
            let mut tab_stop = 1;
            let body =
                self.field_snippet(field, indent, newline, &mut tab_stop, &unit, Prefill::Empty);
            let new_text = match shape {
                Shape::NameOnly => field.name.clone(),
                Shape::AfterLessThan => body.strip_prefix('<').map(str::to_string).unwrap_or(body),
                Shape::Whole => body,
            };
            items.push(CompletionItem {
                label: field.name.clone(),
                kind: CompletionKind::Element,
                detail: Some(field_detail(field, &self.project.api_version)),
                documentation: Some(markdown::field_markdown(
                    self.project,
                    type_def,
                    field,
                    FieldDepth::Completion,
                )),
                deprecated: field.deprecated.is_some() || field.removed.is_some(),
                sort_text: format!("{group}{position:03}"),
                filter_text: field_filter_text(field),
                is_snippet: shape != Shape::NameOnly,
                edit: TextEdit {
                    range: replace,
                    new_text,
                },
                preselect,
            });
        }
        items.sort_by(|left, right| left.sort_text.cmp(&right.sort_text));
        items
    }

    /// `<name>$1</name>` for a leaf field; a nested field with its required children, each on
    /// its own line below `indent`.
    fn field_snippet(
        &self,
        field: &FieldDef,
        indent: &str,
        newline: &str,
        tab_stop: &mut u32,
        unit: &str,
        prefill: Prefill,
    ) -> String {
        let name = &field.name;
        let Some(nested) = Schema::get().nested_type_of(field) else {
            let placeholder = self.placeholder(field, *tab_stop, prefill);
            *tab_stop += 1;
            return format!("<{name}>{placeholder}</{name}>");
        };
        let inner = format!("{indent}{unit}");
        let required: Vec<&FieldDef> = nested
            .fields
            .iter()
            .filter(|nested_field| nested_field.requirement == Requirement::Required)
            .collect();
        let mut text = format!("<{name}>{newline}");
        if required.is_empty() {
            text.push_str(&format!("{inner}${tab_stop}{newline}"));
            *tab_stop += 1;
        }
        for nested_field in required {
            let child = self.field_snippet(nested_field, &inner, newline, tab_stop, unit, prefill);
            text.push_str(&format!("{inner}{child}{newline}"));
        }
        text.push_str(&format!("{indent}</{name}>"));
        text
    }

    /// The tab stop for a field's value. Prefilled only in a skeleton, where a required field
    /// needs some value: a field added by hand is added to change its default, so offering the
    /// default there would only be in the way.
    fn placeholder(&self, field: &FieldDef, tab_stop: u32, prefill: Prefill) -> String {
        if prefill == Prefill::Empty {
            return format!("${tab_stop}");
        }
        if field.name == APP_REFERENCE_FIELD {
            let guess = guess_app_name(self.project, &self.file.path);
            return format!("${{{tab_stop}:{}}}", escape_snippet(&guess));
        }
        let version = self.project.api_version.version;
        let choices: Vec<String> = match field.kind {
            ValueKind::Boolean => match &field.default {
                Some(default) => {
                    return format!("${{{tab_stop}:{}}}", escape_snippet(default));
                }
                None => vec!["true".to_string(), "false".to_string()],
            },
            _ => {
                let allowed = Schema::get().values_of(field);
                allowed
                    .iter()
                    .filter(|value| markdown::is_documented_spelling(value, allowed))
                    .filter(|value| value.since.is_none_or(|since| since <= version))
                    .map(|value| escape_choice(&value.value))
                    .collect()
            }
        };
        if choices.is_empty() {
            return format!("${tab_stop}");
        }
        format!("${{{tab_stop}|{}|}}", choices.join(","))
    }

    /// Values for the field whose content holds the cursor.
    fn value_completions(
        &self,
        element: ElementId,
        type_def: &TypeDef,
        field: &FieldDef,
    ) -> Vec<CompletionItem> {
        if field.sensitive {
            return Vec::new();
        }
        let text = &self.file.text;
        if field.list_vocabulary == Some(Vocabulary::OauthScopes) {
            return self.scope_completions(element, field);
        }
        let replace = word_range(text, self.offset, |ch| {
            !ch.is_whitespace() && ch != '<' && ch != '>'
        });
        if field.name == APP_REFERENCE_FIELD {
            return self.app_name_completions(replace);
        }
        let version = self.project.api_version.version;
        let schema = Schema::get();
        let field_line = format!("for `{}` in `{}`", field.name, type_def.name);
        let mut items = Vec::new();
        match field.kind {
            ValueKind::Boolean => {
                for (index, value) in ["true", "false"].into_iter().enumerate() {
                    let is_default = field.default.as_deref() == Some(value);
                    let detail = if is_default { "default" } else { "boolean" };
                    let documentation = format!(
                        "{} {field_line}{}\n\n{}",
                        code(value),
                        if is_default {
                            " — the default: leaving the field out means the same"
                        } else {
                            ""
                        },
                        field.description
                    );
                    items.push(value_item(
                        value,
                        Some(detail.to_string()),
                        documentation,
                        format!("0{index:03}"),
                        replace,
                        is_default,
                    ));
                }
            }
            _ => {
                let allowed = schema.values_of(field);
                for (index, value) in allowed.iter().enumerate() {
                    // The page's spelling of a value Salesforce writes otherwise is not
                    // offered: Salesforce's own spelling is.
                    if value.since.is_some_and(|since| since > version)
                        || value.written_as.is_some()
                    {
                        continue;
                    }
                    let marks = value_marks(value, allowed, version);
                    let group = u8::from(!markdown::is_documented_spelling(value, allowed));
                    let mut detail =
                        markdown::resolve_sibling_references(&value.meaning, type_def, field);
                    if detail.chars().count() > 60 {
                        detail = format!("{}…", detail.chars().take(59).collect::<String>());
                    }
                    if !marks.is_empty() {
                        detail = format!("{} · {detail}", marks.join(" · "));
                    }
                    let is_default = field.default.as_deref() == Some(value.value.as_str());
                    let meaning =
                        markdown::resolve_sibling_references(&value.meaning, type_def, field);
                    let mut documentation =
                        format!("{} {field_line}\n\n{meaning}", code(&value.value));
                    if is_default {
                        documentation
                            .push_str("\n\nThe default: leaving the field out means the same.");
                    }
                    if let Some(label) = &value.setup_label {
                        documentation.push_str(&format!("\n\nSetup: *{label}*"));
                    }
                    if !marks.is_empty() {
                        documentation.push_str(&format!("\n\n*{}*", marks.join(" · ")));
                    }
                    let mut item = value_item(
                        &value.value,
                        Some(detail),
                        documentation,
                        format!("{group}{index:03}"),
                        replace,
                        is_default,
                    );
                    // Typing the words Setup shows (`pre-authorized`) finds the value too.
                    item.filter_text = value
                        .setup_label
                        .as_deref()
                        .map(|label| filter_text(&value.value, [label]));
                    items.push(item);
                }
                if items.is_empty() {
                    if let Some(default) = &field.default {
                        let documentation = format!(
                            "{} {field_line} — the default: leaving the field out means the same",
                            code(default)
                        );
                        items.push(value_item(
                            default,
                            Some("default".to_string()),
                            documentation,
                            "0000".to_string(),
                            replace,
                            true,
                        ));
                    }
                }
            }
        }
        items
    }

    /// Scope tokens not yet listed, for the item under the cursor (also right after a comma).
    fn scope_completions(&self, element: ElementId, field: &FieldDef) -> Vec<CompletionItem> {
        let text = &self.file.text;
        let separator = field.list_separator.as_deref().unwrap_or(",");
        let replace = word_range(text, self.offset, |ch| {
            !ch.is_whitespace() && ch != '<' && ch != '>' && !separator.contains(ch)
        });
        let value = self.document().element(element).text_value();
        let listed: Vec<&str> = split_list(text, value.range, separator)
            .into_iter()
            .filter(|item| *item != replace)
            .map(|item| item.slice(text))
            .collect();
        Schema::get()
            .oauth_scopes
            .iter()
            .enumerate()
            .filter(|(_, scope)| {
                !listed
                    .iter()
                    .any(|listed| listed.eq_ignore_ascii_case(&scope.token))
            })
            .map(|(index, scope)| {
                let group = u8::from(!scope.documented);
                let detail = if scope.documented {
                    "OAuth scope"
                } else {
                    "OAuth scope · undocumented"
                };
                value_item(
                    &scope.token,
                    Some(detail.to_string()),
                    format!("{} — {}", code(&scope.token), scope.meaning),
                    format!("{group}{index:03}"),
                    replace,
                    false,
                )
            })
            .collect()
    }

    /// The apps of the project, by their header names, plus the namespaced spellings other
    /// files already use.
    fn app_name_completions(&self, replace: TextRange) -> Vec<CompletionItem> {
        let guess = guess_app_name(self.project, &self.file.path);
        let mut items: Vec<CompletionItem> = Vec::new();
        for app in self.project.apps() {
            let mut spellings = vec![app.name.clone()];
            for component in &app.components {
                let Some(reference) = self
                    .project
                    .file(component)
                    .and_then(|file| file.app_reference.as_ref())
                else {
                    continue;
                };
                if !spellings.contains(&reference.value) {
                    spellings.push(reference.value.clone());
                }
            }
            let mut documentation = match &app.header {
                Some(header) => format!("External Client App `{}`, header `{header}`", app.name),
                None => format!(
                    "External Client App `{}`: no header file in this project (it may live only in the org)",
                    app.name
                ),
            };
            if !app.components.is_empty() {
                documentation.push_str("\n\nNamed by:\n");
                for component in &app.components {
                    documentation.push_str(&format!("\n- `{component}`"));
                }
            }
            let group = if app.header.is_some() { 0 } else { 1 };
            for (index, spelling) in spellings.iter().enumerate() {
                let detail = match (&app.header, index) {
                    (Some(_), 0) => "External Client App".to_string(),
                    (Some(_), _) => format!("namespaced reference to {}", app.name),
                    (None, _) => "External Client App without a header here".to_string(),
                };
                items.push(value_item(
                    spelling,
                    Some(detail),
                    documentation.clone(),
                    format!("{group}{index}{spelling}"),
                    replace,
                    app_key(spelling) == app_key(&guess) && index == 0,
                ));
            }
        }
        items.sort_by(|left, right| left.sort_text.cmp(&right.sort_text));
        items
    }
}

/// The longest filter text editors match in full: VS Code's fuzzy matcher reads the first 128
/// characters of a filter text.
const FILTER_TEXT_LIMIT: usize = 128;

/// `name` followed by the words Setup shows for it, so that typing a Setup label (`PKCE`,
/// `pre-authorized`) finds the item; cut at a word within [`FILTER_TEXT_LIMIT`].
fn filter_text<'a>(name: &str, labels: impl IntoIterator<Item = &'a str>) -> String {
    let mut text = name.to_string();
    for label in labels {
        // Words without the punctuation around them: `(PKCE)` is matched as `PKCE`.
        for word in label
            .split_whitespace()
            .map(|word| word.trim_matches(|ch: char| !ch.is_alphanumeric()))
            .filter(|word| !word.is_empty())
        {
            if text.len() + 1 + word.len() > FILTER_TEXT_LIMIT {
                return text;
            }
            text.push(' ');
            text.push_str(word);
        }
    }
    text
}

/// A field's filter text: its name, its Setup label and the Setup labels of its values;
/// `None` when Setup shows none of them.
fn field_filter_text(field: &FieldDef) -> Option<String> {
    let value_labels = Schema::get()
        .values_of(field)
        .iter()
        .filter_map(|value| value.setup_label.as_deref());
    let labels: Vec<&str> = field
        .setup_label
        .as_deref()
        .into_iter()
        .chain(value_labels)
        .collect();
    (!labels.is_empty()).then(|| filter_text(&field.name, labels))
}

fn value_item(
    value: &str,
    detail: Option<String>,
    documentation: String,
    sort_text: String,
    replace: TextRange,
    preselect: bool,
) -> CompletionItem {
    CompletionItem {
        label: value.to_string(),
        kind: CompletionKind::Value,
        detail,
        documentation: Some(documentation),
        deprecated: false,
        sort_text,
        filter_text: None,
        edit: TextEdit {
            range: replace,
            new_text: crate::model::text_util::escape_xml_text(value),
        },
        is_snippet: false,
        preselect,
    }
}

/// The app a component file most likely belongs to: an app of the project whose name starts
/// its file name (`Portal_oauthPlcy` → `Portal`), else the file name without the suffix Setup
/// gives each kind of component, else the file name.
pub(crate) fn guess_app_name(project: &Project, path: &str) -> String {
    let full_name = file_kind::full_name(path);
    let from_project = project
        .apps()
        .into_iter()
        .map(|app| app.name)
        .filter(|name| {
            full_name == name
                || full_name
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with('_'))
        })
        .max_by_key(String::len);
    if let Some(name) = from_project {
        return name;
    }
    // Setup names components `<App>_oauth`, `<App>_glbloauth`, `<App>_oauthPlcy`, `<App>_plcy`…
    const SETUP_SUFFIXES: &[&str] = &[
        "oauth",
        "glbloauth",
        "oauthplcy",
        "plcy",
        "oauthsecurity",
        "mobile",
        "mobileplcy",
        "push",
        "pushplcy",
        "notifications",
        "canvas",
        "samlplcy",
    ];
    if let Some((app, suffix)) = full_name.rsplit_once('_') {
        if !app.is_empty() && SETUP_SUFFIXES.contains(&suffix.to_ascii_lowercase().as_str()) {
            return app.to_string();
        }
    }
    full_name.to_string()
}

/// Escape text for a snippet placeholder.
fn escape_snippet(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '$' | '}' | '\\') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

/// Escape text for one choice of a `${1|a,b|}` snippet.
fn escape_choice(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '$' | '}' | '\\' | ',' | '|') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

#[cfg(test)]
mod tests;
