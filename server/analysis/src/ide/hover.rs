//! Hover: what the field, value or root element under the cursor means, in markdown. Field
//! docs, allowed values, API versions, rules and flows come from the schema; the file's own
//! text is only echoed where it is not a secret.

use eca_schema::{FieldDef, Schema, TypeDef, ValueKind, Vocabulary};
use eca_syntax::{ElementId, TextRange};

use crate::checks::flows::{AppFlows, FlowNeed, FlowState, app_flows};
use crate::ide::markdown::{self, FieldDepth, code, value_marks};
use crate::model::cursor::{
    NameHit, clamp_to_char_boundary, content_element_at, element_field, element_name_at,
    element_type, in_opaque_node,
};
use crate::model::project::{APP_REFERENCE_FIELD, App, Project, SourceFile};
use crate::model::text_util::closest_match;

/// Markdown for the range the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

/// The hover at `offset` in the file at `path`: on an element name (start or end tag), on a
/// field's value, or on the root element. `None` in comments, whitespace and unknown files.
pub fn hover(project: &Project, path: &str, offset: usize) -> Option<Hover> {
    let file = project.file(path)?;
    file.kind?;
    let offset = clamp_to_char_boundary(&file.text, offset);
    if in_opaque_node(file, offset) {
        return None;
    }
    let document = &file.parse.document;
    if let Some(hit) = element_name_at(document, offset) {
        return name_hover(project, file, hit);
    }
    let element = content_element_at(document, offset)?;
    value_hover(project, file, element, offset)
}

fn name_hover(project: &Project, file: &SourceFile, hit: NameHit) -> Option<Hover> {
    let document = &file.parse.document;
    let markdown = if document.root() == Some(hit.element) {
        root_markdown(project, file)?
    } else if let Some((type_def, field)) = element_field(file, hit.element) {
        let mut out = markdown::field_markdown(project, type_def, field, FieldDepth::Hover);
        out.push_str(&switched_flows_readiness(project, file, type_def, field));
        out
    } else {
        unknown_element_markdown(file, hit.element)?
    };
    Some(Hover {
        range: hit.range,
        markdown,
    })
}

/// The file's type, the app it belongs to with its files, and how ready the app's flows are.
fn root_markdown(project: &Project, file: &SourceFile) -> Option<String> {
    let type_def = file.effective_type()?;
    let mut out = markdown::type_markdown(project, type_def);
    if let Some(app) = project.app_of(&file.path) {
        out.push_str("\n\n---\n\n");
        out.push_str(&app_markdown(project, &app, Some(&file.path)));
        out.push_str("\n\n");
        out.push_str(&flows_markdown(&app_flows(project, &app), &file.path));
    }
    Some(out)
}

/// On a flow switch: how ready the flows it switches are in this file's app.
fn switched_flows_readiness(
    project: &Project,
    file: &SourceFile,
    type_def: &TypeDef,
    field: &FieldDef,
) -> String {
    let switched = markdown::flows_switched_by(type_def, field);
    if switched.is_empty() {
        return String::new();
    }
    let Some(app) = project.app_of(&file.path) else {
        return String::new();
    };
    let mut flows = app_flows(project, &app);
    flows
        .flows
        .retain(|flow| switched.iter().any(|doc| doc.id == flow.flow_id));
    if flows.flows.is_empty() {
        return format!(
            "\n\n---\n\nIn app `{}`, this flow is not switched on.",
            flows.app
        );
    }
    format!("\n\n---\n\n{}", flows_markdown(&flows, &file.path))
}

/// Each flow the app's files switch on, whether it is ready, and what it still needs.
fn flows_markdown(flows: &AppFlows, current: &str) -> String {
    if flows.flows.is_empty() {
        return format!(
            "No OAuth flow is switched on in the files of `{}`.",
            flows.app
        );
    }
    let mut out = format!("**Flows of `{}`**\n", flows.app);
    for flow in &flows.flows {
        let state = match flow.state {
            FlowState::Ready => "ready",
            FlowState::Incomplete => "incomplete",
            FlowState::Unknown => "can't tell: it depends on a file this project lacks",
        };
        out.push_str(&format!("\n- **{}** — {state}", flow.name));
        // A variation needs what its base flow needs: say so once, list only its own needs.
        let base = Schema::get()
            .flow(&flow.flow_id)
            .and_then(|doc| doc.variation_of.as_deref())
            .and_then(|base_id| flows.flows.iter().find(|other| other.flow_id == base_id));
        let own_needs = flow.needs.iter().filter(|need| {
            base.is_none_or(|base| {
                !base.needs.iter().any(|base_need| {
                    base_need.type_name == need.type_name
                        && base_need.field == need.field
                        && base_need.value == need.value
                })
            })
        });
        for need in own_needs {
            out.push_str(&format!("\n  - {}", need_line(need, current)));
        }
        if let Some(base) = base.filter(|base| !base.needs.is_empty()) {
            out.push_str(&format!("\n  - and what the {} needs", base.name));
        }
    }
    out
}

/// `` needs `isNamedUserJwtEnabled` = `true` in `Portal_glbloauth.ecaGlblOauth-meta.xml`: why ``.
fn need_line(need: &FlowNeed, current: &str) -> String {
    let setting = match &need.value {
        Some(value) => format!("`{}` = {}", need.field, code(value)),
        None => format!("`{}`", need.field),
    };
    let place = match need.path.as_deref() {
        Some(path) if path == current => "in this file".to_string(),
        Some(path) => format!("in `{}`", crate::model::file_kind::file_name(path)),
        None => format!("in `{}`, a file this project lacks", need.type_name),
    };
    let lead = if need.required {
        "needs"
    } else {
        "recommended:"
    };
    format!("{lead} {setting} {place} — {}", need.why)
}

/// An element the type does not have, or one inside a type whose fields nobody documented.
fn unknown_element_markdown(file: &SourceFile, element: ElementId) -> Option<String> {
    let document = &file.parse.document;
    let parent = document.element(element).parent()?;
    let parent_type = element_type(file, parent)?;
    let name = document.element(element).local_name();
    if !parent_type.fields_known {
        return Some(format!(
            "`{name}` in `{}`: Salesforce documents none of this type's fields, so eca-ls cannot say what it does.",
            parent_type.name
        ));
    }
    let mut out = format!("`{name}` is not a field of `{}`.", parent_type.name);
    if let Some(suggestion) = closest_match(
        name,
        parent_type.fields.iter().map(|field| field.name.as_str()),
    ) {
        out.push_str(&format!(" Did you mean `{suggestion}`?"));
    }
    let elsewhere: Vec<&str> = Schema::get()
        .types
        .iter()
        .filter(|type_def| type_def.family == parent_type.family && type_def.field(name).is_some())
        .map(|type_def| type_def.name.as_str())
        .collect();
    if !elsewhere.is_empty() {
        out.push_str(&format!(
            "\n\n`{name}` is a field of {}.",
            elsewhere
                .iter()
                .map(|type_name| format!("`{type_name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Some(out)
}

fn value_hover(
    project: &Project,
    file: &SourceFile,
    element: ElementId,
    offset: usize,
) -> Option<Hover> {
    let document = &file.parse.document;
    if document.element(element).has_child_elements() {
        return None;
    }
    let (type_def, field) = element_field(file, element)?;
    let value = document.element(element).text_value();
    if value.value.is_empty() || !value.range.touches(offset) {
        return None;
    }
    if field.sensitive {
        return Some(Hover {
            range: value.range,
            markdown: format!(
                "**{}** holds a secret, so eca-ls doesn't show its value. Keep secrets out of source control: deploy them from a secure store instead.",
                field.name
            ),
        });
    }
    if field.list_vocabulary == Some(Vocabulary::OauthScopes) {
        return scope_hover(file, field, value.range, offset);
    }
    let markdown = if field.name == APP_REFERENCE_FIELD {
        app_reference_markdown(project, &value.value)
    } else {
        value_markdown(project, type_def, field, &value.value)
    };
    Some(Hover {
        range: value.range,
        markdown,
    })
}

/// What one value means in one field.
fn value_markdown(project: &Project, type_def: &TypeDef, field: &FieldDef, value: &str) -> String {
    let schema = Schema::get();
    let version = project.api_version.version;
    let header = format!("{} in **{}**", code(value), field.name);
    let allowed = schema.values_of(field);
    if !allowed.is_empty() {
        let Some(member) = allowed.iter().find(|member| member.value == value) else {
            return not_allowed_markdown(&header, type_def, field, value, project);
        };
        let mut out = format!(
            "{header}\n\n{}",
            markdown::resolve_sibling_references(&member.meaning, type_def, field)
        );
        if let Some(label) = &member.setup_label {
            out.push_str(&format!("\n\nSetup: *{label}*"));
        }
        if !member.written_by_salesforce.is_empty() {
            out.push_str(&format!(
                "\n\nSeen written by Salesforce in {}.",
                member.written_by_salesforce.join("; ")
            ));
        }
        let marks = value_marks(member, allowed, version);
        if !marks.is_empty() {
            out.push_str(&format!("\n\n*{}*", marks.join(" · ")));
        }
        if member.since.is_some_and(|since| since > version) {
            out.push_str(&format!(
                "\n\nThis project uses {}: a deploy at that version rejects this value.",
                markdown::version_in_force(&project.api_version)
            ));
        }
        if field.default.as_deref() == Some(value) {
            out.push_str("\n\nIt is the default: leaving the field out means the same.");
        }
        return out;
    }
    let mut out = header;
    match field.kind {
        ValueKind::Boolean => {
            let meaning = match (value, field.default.as_deref()) {
                (_, Some(default)) if default == value => {
                    " — the default: leaving the field out means the same".to_string()
                }
                ("true" | "false", Some(default)) => format!(" — the default is {}", code(default)),
                ("true" | "false", None) => String::new(),
                _ => " — not a boolean: write `true` or `false`".to_string(),
            };
            out.push_str(&meaning);
        }
        ValueKind::Int | ValueKind::Double => {
            if let Some(duration) = duration_phrase(value, field.units.as_deref()) {
                out.push_str(&format!(" — {duration}"));
            }
        }
        _ => {}
    }
    if let Some(reference) = &field.reference {
        out.push_str(&format!(
            "\n\nNames a {} by {}.",
            reference.target, reference.by
        ));
    }
    out.push_str(&format!("\n\n{}", field.description));
    out
}

fn not_allowed_markdown(
    header: &str,
    type_def: &TypeDef,
    field: &FieldDef,
    value: &str,
    project: &Project,
) -> String {
    let allowed = Schema::get().values_of(field);
    let mut out = format!("{header}\n\nNot a value `{}` accepts.", field.name);
    if let Some(suggestion) =
        closest_match(value, allowed.iter().map(|member| member.value.as_str()))
    {
        out.push_str(&format!(" Did you mean {}?", code(suggestion)));
    }
    out.push_str("\n\n**Values**\n\n");
    for member in allowed {
        out.push_str(&format!(
            "- {}\n",
            markdown::value_line(member, type_def, field, project.api_version.version)
        ));
    }
    out.trim_end().to_string()
}

/// The scope token under the cursor in a scope list.
fn scope_hover(
    file: &SourceFile,
    field: &FieldDef,
    value_range: TextRange,
    offset: usize,
) -> Option<Hover> {
    let separator = field.list_separator.as_deref().unwrap_or(",");
    let item = crate::model::text_util::split_list(&file.text, value_range, separator)
        .into_iter()
        .find(|item| item.touches(offset))?;
    let token = item.slice(&file.text);
    let schema = Schema::get();
    let markdown = match schema.scope(token) {
        Some(scope) => {
            let mut out = format!("{} — OAuth scope\n\n{}", code(token), scope.meaning);
            if !scope.documented {
                out.push_str("\n\n*Not in Salesforce's list of scopes for External Client Apps.*");
            }
            out
        }
        None => {
            let mut out = format!("{} is not a known OAuth scope.", code(token));
            if let Some(suggestion) = closest_match(
                token,
                schema.oauth_scopes.iter().map(|scope| scope.token.as_str()),
            ) {
                out.push_str(&format!(" Did you mean {}?", code(suggestion)));
            }
            out
        }
    };
    Some(Hover {
        range: item,
        markdown,
    })
}

/// Which app an `externalClientApplication` value names, and its files.
fn app_reference_markdown(project: &Project, value: &str) -> String {
    match project.app_named(value) {
        Some(app) => app_markdown(project, &app, None),
        None => format!(
            "External Client App {}: no file of this project declares or names it. It may exist only in the org; otherwise check the spelling.",
            code(value)
        ),
    }
}

/// An app and its files; `current` is left out of the list.
fn app_markdown(project: &Project, app: &App, current: Option<&str>) -> String {
    let mut out = format!("**App {}**", code(&app.name));
    match &app.header {
        Some(header) if Some(header.as_str()) != current => {
            out.push_str(&format!("\n\nHeader: `{}`", project.relative_path(header)));
        }
        Some(_) => {}
        None => out.push_str(
            "\n\nNo header (`.eca-meta.xml`) in this project: it may exist only in the org.",
        ),
    }
    let others: Vec<&String> = app
        .components
        .iter()
        .filter(|component| Some(component.as_str()) != current)
        .collect();
    if !others.is_empty() {
        out.push_str("\n\nFiles that name it:\n");
        for component in others {
            let type_name = project
                .file(component)
                .and_then(SourceFile::type_name)
                .unwrap_or("unknown type");
            out.push_str(&format!(
                "\n- `{}` ({type_name})",
                project.relative_path(component)
            ));
        }
    }
    out
}

/// `90` minutes → "1 hour 30 minutes".
fn duration_phrase(value: &str, units: Option<&str>) -> Option<String> {
    let number: u64 = value.parse().ok()?;
    let minutes = match units? {
        "minutes" => number,
        "seconds" if number % 60 == 0 => number / 60,
        _ => return None,
    };
    if minutes < 60 {
        return None;
    }
    let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    for (amount, unit) in [(days, "day"), (hours, "hour"), (rest, "minute")] {
        match amount {
            0 => {}
            1 => parts.push(format!("1 {unit}")),
            _ => parts.push(format!("{amount} {unit}s")),
        }
    }
    Some(parts.join(" "))
}

#[cfg(test)]
mod tests;
