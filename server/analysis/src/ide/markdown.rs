//! Markdown documentation of schema items — types, fields, values, scopes and flows — as
//! completion and hover show it. Written for small popups in VS Code and Neovim: a bold first
//! line, short paragraphs, headings only to separate a flow's parts. It never sees a file's
//! text, so it cannot leak a secret value.

use std::fmt::Write;

use eca_schema::{
    AllowedValue, ApiVersion, FieldDef, FlowDoc, FlowSetting, Requirement, Schema, TypeDef,
    TypeKind, TypeStatus, ValueKind,
};

use crate::checks::rules::{self, Check, Rule};
use crate::checks::structural::describe_version;
use crate::model::project::{ApiVersionChoice, ApiVersionSource, Project};

/// How much a field's documentation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldDepth {
    /// For a completion item: what it is, its values and version.
    Completion,
    /// For hover: also the rules that involve it, the flows that use it and flow docs.
    Hover,
}

/// One line for a completion item: `enum · optional · API 65.0+`.
pub(crate) fn field_detail(field: &FieldDef, api_version: &ApiVersionChoice) -> String {
    let mut parts = vec![
        kind_phrase(field),
        requirement_word(field.requirement).to_string(),
    ];
    if let Some(since) = field.since {
        parts.push(format!("API {since}+"));
        if since > api_version.version {
            parts.push(format!("not in {}", api_version.version));
        }
    }
    if field.deprecated.is_some() {
        parts.push("deprecated".to_string());
    }
    if field.removed.is_some() {
        parts.push("removed".to_string());
    }
    if field.internal {
        parts.push("internal".to_string());
    } else if !field.documented {
        parts.push("undocumented".to_string());
    }
    parts.join(" · ")
}

/// Everything worth knowing about one field of `type_def`.
pub(crate) fn field_markdown(
    project: &Project,
    type_def: &TypeDef,
    field: &FieldDef,
    depth: FieldDepth,
) -> String {
    let schema = Schema::get();
    let mut out = String::new();
    let setup = field
        .setup_label
        .as_deref()
        .map(|label| format!(" · Setup: *{label}*"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "**{}**{setup} · {} · {}",
        field.name,
        kind_phrase(field),
        requirement_word(field.requirement)
    );
    let _ = writeln!(out, "\n*in `{}`*", type_def.name);
    if field.setup_label_inverted {
        let _ = writeln!(
            out,
            "\n*Setup asks the opposite question: its checkbox ticked writes `false`, cleared writes `true`.*"
        );
    }
    let _ = writeln!(out, "\n{}", field.description);
    let version = project.api_version.version;
    if let Some(deprecation) = &field.deprecated {
        let since = deprecation
            .since
            .map(|since| format!(" since API {since}"))
            .unwrap_or_default();
        match deprecation.until {
            Some(until) if !deprecation.applies_at(version) => {
                let pages = match deprecation.since {
                    Some(since) if since == until => format!("the API {until} page"),
                    Some(since) => format!("the API {since} to {until} pages"),
                    None => format!("the pages up to API {until}"),
                };
                let _ = write!(
                    out,
                    "\n**Deprecated on {pages} only** (this project uses API {version}): {}",
                    deprecation.note
                );
            }
            Some(until) => {
                let _ = write!(
                    out,
                    "\n**Deprecated**{since} (the pages after API {until} no longer mark it): {}",
                    deprecation.note
                );
            }
            None => {
                let _ = write!(out, "\n**Deprecated**{since}: {}", deprecation.note);
            }
        }
        if let Some(replacement) = &deprecation.replacement {
            let _ = write!(out, " Use `{replacement}` instead.");
        }
        out.push('\n');
    }
    if let Some(removed) = &field.removed {
        let from = field
            .removed_in
            .map(|removed_in| format!(" from API {removed_in}"))
            .unwrap_or_default();
        let _ = writeln!(out, "\n**Removed**{from}: {removed}");
    }
    if field.internal {
        let _ = writeln!(
            out,
            "\n**Internal:** reserved for Salesforce; don't write it by hand."
        );
    } else if !field.documented {
        if field.written_by_salesforce.is_empty() {
            let _ = writeln!(
                out,
                "\n**Not documented:** no Salesforce page has it and nobody has seen Salesforce write it; a deploy may reject it."
            );
        } else {
            let _ = writeln!(
                out,
                "\n**Not documented**, but Salesforce writes it: seen in {}.",
                field.written_by_salesforce.join("; ")
            );
        }
    }
    if field.sensitive {
        let _ = writeln!(
            out,
            "\n**Secret:** keep it out of source control; eca-ls never shows its value."
        );
    }
    let mut facts = Vec::new();
    if field.requirement != Requirement::Optional {
        let mut line = format!("**{}**", capitalized(requirement_word(field.requirement)));
        if let Some(note) = &field.requirement_note {
            let _ = write!(line, ": {note}");
        } else if field.requirement == Requirement::Recommended {
            line.push_str(": required by one of Salesforce's sources, not both");
        }
        facts.push(line);
    }
    if let Some(default) = &field.default {
        facts.push(format!("**Default:** {}", code(default)));
    }
    if field.repeated {
        let mut line = "**Repeated:** one element per item".to_string();
        if let Some(max) = field.max_items {
            let _ = write!(line, ", at most {max}");
        }
        if let Some(key) = &field.unique_key {
            let _ = write!(line, ", `{key}` unique");
        }
        facts.push(line);
    }
    if let Some(range) = range_phrase(field) {
        facts.push(format!("**Range:** {range}"));
    }
    if let Some(max_length) = field.max_length {
        facts.push(format!("**Max length:** {max_length} characters"));
    }
    if let Some(separator) = &field.list_separator {
        facts.push(format!("**List:** items separated by {}", code(separator)));
    }
    if let Some(reference) = &field.reference {
        facts.push(format!(
            "**Refers to:** {} by {}",
            code(&reference.target),
            reference.by
        ));
    }
    facts.push(version_fact(project, field.since));
    out.push('\n');
    for fact in facts {
        let _ = writeln!(out, "{fact}  ");
    }
    let values = schema.values_of(field);
    if !values.is_empty() {
        out.push_str("\n**Values**\n\n");
        for value in values {
            let _ = writeln!(
                out,
                "- {}",
                value_line(value, type_def, field, project.api_version.version)
            );
        }
    }
    if let Some(nested) = schema.nested_type_of(field) {
        let _ = writeln!(
            out,
            "\n**Holds** `{}`: {}",
            nested.name,
            nested_fields_phrase(nested)
        );
    }
    for note in &field.notes {
        let _ = writeln!(out, "\n> {note}");
    }
    if depth == FieldDepth::Hover {
        rules_section(&mut out, type_def, field);
        flows_section(&mut out, type_def, field);
    }
    if let Some(url) = field.doc_url.as_deref().or(type_def.doc_url.as_deref()) {
        let _ = writeln!(out, "\n[Salesforce documentation]({url})");
    }
    out.trim_end().to_string()
}

/// What a metadata, settings or nested type is.
pub(crate) fn type_markdown(project: &Project, type_def: &TypeDef) -> String {
    let mut out = String::new();
    let kind = match type_def.kind {
        TypeKind::Metadata => "metadata type",
        TypeKind::Settings => "org settings",
        TypeKind::Nested => "nested type",
    };
    let _ = writeln!(out, "**{}** · {kind}", type_def.name);
    let _ = writeln!(out, "\n{}", type_def.description);
    let mut facts = Vec::new();
    match type_def.status {
        TypeStatus::Ga => {}
        TypeStatus::Beta => facts.push(
            "**Beta:** Salesforce may still change it; not covered by the usual support."
                .to_string(),
        ),
        TypeStatus::Pilot => facts.push(
            "**Pilot:** available only to orgs Salesforce enabled it for.".to_string(),
        ),
        TypeStatus::Undocumented => facts.push(
            "**Undocumented:** Salesforce ships it but documents none of its fields, so they are not checked one by one.".to_string(),
        ),
        TypeStatus::Internal => {
            facts.push("**Internal:** for Salesforce's own use.".to_string())
        }
    }
    if let Some(suffix) = &type_def.suffix {
        let folder = type_def.folder.as_deref().unwrap_or("…");
        facts.push(format!("**Files:** `{folder}/<name>.{suffix}-meta.xml`"));
    } else if let Some(settings) = &type_def.settings_name {
        facts.push(format!("**File:** `settings/{settings}.settings-meta.xml`"));
    }
    match type_def.packageable {
        Some(true) => facts.push("**Packageable:** yes".to_string()),
        Some(false) => facts.push("**Packageable:** no".to_string()),
        None => {}
    }
    facts.push(version_fact(project, type_def.since));
    if !type_def.fields.is_empty() {
        let required: Vec<&str> = type_def
            .fields
            .iter()
            .filter(|field| field.requirement == Requirement::Required)
            .map(|field| field.name.as_str())
            .collect();
        let mut line = format!("**Fields:** {}", type_def.fields.len());
        if !required.is_empty() {
            let _ = write!(
                line,
                ", required: {}",
                required
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        facts.push(line);
    }
    out.push('\n');
    for fact in facts {
        let _ = writeln!(out, "{fact}  ");
    }
    for note in &type_def.notes {
        let _ = writeln!(out, "\n> {note}");
    }
    type_rules_section(&mut out, type_def);
    if let Some(url) = &type_def.doc_url {
        let _ = writeln!(out, "\n[Salesforce documentation]({url})");
    }
    out.trim_end().to_string()
}

/// One allowed value of `field` as a list line: `` `60` — 1 hour (60 minutes) · API 65.0+ ``.
pub(crate) fn value_line(
    value: &AllowedValue,
    type_def: &TypeDef,
    field: &FieldDef,
    project_version: ApiVersion,
) -> String {
    let meaning = resolve_sibling_references(&value.meaning, type_def, field);
    let setup = value
        .setup_label
        .as_deref()
        .map(|label| format!(" (Setup: *{label}*)"))
        .unwrap_or_default();
    let mut line = format!("{} — {meaning}{setup}", code(&value.value));
    let mut marks = value_marks(value, Schema::get().values_of(field), project_version);
    if !marks.is_empty() {
        marks.insert(0, String::new());
        line.push_str(&marks.join(" · "));
    }
    line
}

/// Meanings shared by several fields say "the matching `…JwtTimeout` field"; name the one
/// that matches: the field of the same type that ends that way and shares the longest start
/// with `field` (`guestJwtSessionTimeoutType` → `guestJwtTimeout`).
pub(crate) fn resolve_sibling_references(
    meaning: &str,
    type_def: &TypeDef,
    field: &FieldDef,
) -> String {
    let mut resolved = String::with_capacity(meaning.len());
    let mut rest = meaning;
    while let Some(start) = rest.find("`…") {
        let after = &rest[start + "`…".len()..];
        let Some(end) = after.find('`') else {
            break;
        };
        let suffix = &after[..end];
        resolved.push_str(&rest[..start]);
        match sibling_ending_with(type_def, field, suffix) {
            Some(sibling) => resolved.push_str(&format!("`{sibling}`")),
            None => resolved.push_str(&format!("`…{suffix}`")),
        }
        rest = &after[end + 1..];
    }
    resolved.push_str(rest);
    resolved
}

fn sibling_ending_with<'a>(
    type_def: &'a TypeDef,
    field: &FieldDef,
    suffix: &str,
) -> Option<&'a str> {
    let common_start = |name: &str| {
        name.chars()
            .zip(field.name.chars())
            .take_while(|(left, right)| left == right)
            .count()
    };
    let mut candidates: Vec<(usize, &str)> = type_def
        .fields
        .iter()
        .filter(|sibling| sibling.name != field.name && sibling.name.ends_with(suffix))
        .map(|sibling| (common_start(&sibling.name), sibling.name.as_str()))
        .filter(|(shared, _)| *shared > 0)
        .collect();
    candidates.sort_by_key(|(shared, _)| std::cmp::Reverse(*shared));
    match candidates.as_slice() {
        [(_, name)] => Some(name),
        [(best, name), (second, _), ..] if best > second => Some(name),
        _ => None,
    }
}

/// Whether completion offers a value as documented: a documented value Salesforce writes as the
/// page spells it, or Salesforce's own spelling of a documented value
/// (`Enforce_relaxrefresh` for the page's `Enforce_RelaxRefresh`); never an internal one.
pub(crate) fn is_documented_spelling(value: &AllowedValue, allowed: &[AllowedValue]) -> bool {
    if value.internal || value.written_as.is_some() {
        return false;
    }
    value.documented
        || allowed.iter().any(|other| {
            other.documented && other.written_as.as_deref() == Some(value.value.as_str())
        })
}

/// Markers for a value among the values of its field (`allowed`): its first API version when
/// later than the field's, internal, undocumented (and whether Salesforce writes it), and where
/// the page spells a value otherwise than Salesforce writes it.
pub(crate) fn value_marks(
    value: &AllowedValue,
    allowed: &[AllowedValue],
    project_version: ApiVersion,
) -> Vec<String> {
    let mut marks = Vec::new();
    if let Some(since) = value.since {
        if since > project_version {
            marks.push(format!("API {since}+, not in {project_version}"));
        } else {
            marks.push(format!("API {since}+"));
        }
    }
    let page_spelling = allowed
        .iter()
        .find(|other| other.written_as.as_deref() == Some(value.value.as_str()));
    if let Some(written_as) = &value.written_as {
        marks.push(format!(
            "the page's spelling; Salesforce writes and validates `{written_as}`"
        ));
    } else if let Some(page) = page_spelling {
        marks.push(format!(
            "what Salesforce writes; the page spells it `{}`",
            page.value
        ));
    } else if value.internal {
        marks.push("internal".to_string());
    } else if !value.documented {
        if value.written_by_salesforce.is_empty() {
            marks.push("undocumented".to_string());
        } else {
            marks.push("undocumented; Salesforce writes it".to_string());
        }
    }
    marks
}

/// The flows whose switch `field` is: a `true` it needs that turns the flow on, rather than a
/// prerequisite many flows share. The data lists every setting a flow needs; a switch is one
/// whose name says it is a flow's (`…FlowEnabled`, `…FlowEnable`) or that the flow names first.
pub(crate) fn flows_switched_by(type_def: &TypeDef, field: &FieldDef) -> Vec<&'static FlowDoc> {
    if field.kind != ValueKind::Boolean {
        return Vec::new();
    }
    Schema::get()
        .flows
        .iter()
        .filter(|flow| {
            flow.settings.iter().enumerate().any(|(index, setting)| {
                setting.type_name == type_def.name
                    && setting.field == field.name
                    && setting.required
                    && setting.value.as_deref() == Some("true")
                    && (index == 0 || field.name.to_ascii_lowercase().contains("flow"))
            })
        })
        .collect()
}

/// A flow in our own words: what it is for, who it is for, endpoints, headers, the settings it
/// needs, caveats and sources.
pub(crate) fn flow_markdown(flow: &FlowDoc) -> String {
    flow_text(flow, None)
}

/// A variation in short: its first sentence, endpoints, headers, and only the settings it needs
/// beyond those of `base`.
fn variation_markdown(flow: &FlowDoc, base: &FlowDoc) -> String {
    flow_text(flow, Some(base))
}

fn flow_text(flow: &FlowDoc, short_beside: Option<&FlowDoc>) -> String {
    let full = short_beside.is_none();
    let schema = Schema::get();
    let mut out = String::new();
    let _ = writeln!(out, "### {}", flow.name);
    if let Some(parent) = flow.variation_of.as_deref().and_then(|id| schema.flow(id)) {
        let _ = writeln!(out, "\n*A variation of the {}.*", parent.name);
    }
    let summary = if full {
        flow.summary.clone()
    } else {
        first_sentence(&flow.summary)
    };
    let _ = writeln!(out, "\n{summary}");
    if full {
        if let Some(audience) = &flow.audience {
            let _ = writeln!(out, "\n**For:** {audience}");
        }
    }
    if !flow.endpoints.is_empty() {
        out.push_str("\n**Endpoints**\n\n");
        for endpoint in &flow.endpoints {
            let _ = writeln!(out, "- {}", endpoint_line(endpoint));
        }
    }
    if !flow.headers.is_empty() {
        out.push_str("\n**Headers**\n\n");
        for header in &flow.headers {
            let _ = writeln!(out, "- `{}: {}`", header.name, header.value);
        }
    }
    let settings: Vec<&FlowSetting> = flow
        .settings
        .iter()
        .filter(|setting| {
            short_beside.is_none_or(|base| {
                !base.settings.iter().any(|base_setting| {
                    base_setting.type_name == setting.type_name
                        && base_setting.field == setting.field
                        && base_setting.value == setting.value
                })
            })
        })
        .collect();
    if let Some(base) = short_beside {
        let _ = writeln!(
            out,
            "\nNeeds the settings of the {}{}",
            base.name,
            if settings.is_empty() { "." } else { ", and:" }
        );
    }
    if !settings.is_empty() {
        out.push_str("\n| Setting | Value | Why |\n|---|---|---|\n");
        for setting in settings {
            let value = match &setting.value {
                Some(value) => code(value),
                None => "any value".to_string(),
            };
            let needed = if setting.required {
                ""
            } else {
                " (recommended)"
            };
            let _ = writeln!(
                out,
                "| `{}.{}` | {value}{needed} | {} |",
                short_type_name(&setting.type_name),
                setting.field,
                setting.why.replace('|', "\\|")
            );
        }
    }
    if full {
        for note in &flow.notes {
            let _ = writeln!(out, "\n> {note}");
        }
        if !flow.sources.is_empty() {
            let links: Vec<String> = flow
                .sources
                .iter()
                .enumerate()
                .map(|(index, url)| format!("[{}]({url})", index + 1))
                .collect();
            let _ = writeln!(out, "\nSources: {}", links.join(" "));
        }
    }
    out.trim_end().to_string()
}

/// `` `text` ``, with enough backticks that a backtick inside cannot end it.
pub(crate) fn code(text: &str) -> String {
    let longest_run = text.split(|ch| ch != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    if longest_run == 0 {
        return format!("{fence}{text}{fence}");
    }
    format!("{fence} {text} {fence}")
}

/// `text`, `boolean`, `enum JWTSessionTimeoutType`, `int (minutes)`, `nested ExtlClntAppOauthIpRange`.
pub(crate) fn kind_phrase(field: &FieldDef) -> String {
    let base = match field.kind {
        ValueKind::String if field.list_separator.is_some() => "list".to_string(),
        ValueKind::String => "text".to_string(),
        ValueKind::Boolean => "boolean".to_string(),
        ValueKind::Int => "int".to_string(),
        ValueKind::Double => "number".to_string(),
        ValueKind::Enum => "enum".to_string(),
        ValueKind::Nested => "nested".to_string(),
    };
    let base = if field.repeated {
        format!("{base}, repeated")
    } else {
        base
    };
    match &field.units {
        Some(units) => format!("{base} ({units})"),
        None => base,
    }
}

/// `required`, `recommended` or `optional`.
pub(crate) fn requirement_word(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::Required => "required",
        Requirement::Recommended => "recommended",
        Requirement::Optional => "optional",
    }
}

/// Whether the project's API version has something added in `since`, and where that version
/// comes from.
fn version_fact(project: &Project, since: Option<ApiVersion>) -> String {
    let schema = Schema::get();
    let in_force = version_in_force(&project.api_version);
    match since {
        Some(since) if since > project.api_version.version => format!(
            "**API version:** added in {}; not available at this project's {in_force}: a deploy at that version rejects it",
            describe_version(schema, since)
        ),
        Some(since) => format!(
            "**API version:** added in {}; available at this project's {in_force}",
            describe_version(schema, since)
        ),
        None => format!("**API version:** this project uses {in_force}"),
    }
}

/// `API 64.0 (from sourceApiVersion in /sfdx-project.json)`.
pub(crate) fn version_in_force(choice: &ApiVersionChoice) -> String {
    match &choice.source {
        ApiVersionSource::SchemaDefault => format!(
            "API {} (the newest eca-ls knows: no sfdx-project.json or package.xml names one)",
            choice.version
        ),
        source => format!("API {} (from {source})", choice.version),
    }
}

/// The rules that name this very field; rules about a whole type are listed on its root.
fn rules_section(out: &mut String, type_def: &TypeDef, field: &FieldDef) {
    write_rules(out, rules::rules_involving(&type_def.name, &field.name));
}

/// The rules about a type as a whole (`Type.*`).
fn type_rules_section(out: &mut String, type_def: &TypeDef) {
    write_rules(out, rules::rules_involving(&type_def.name, "*"));
}

fn write_rules(out: &mut String, involved: Vec<&Rule>) {
    if involved.is_empty() {
        return;
    }
    out.push_str("\n**Rules**\n\n");
    for rule in &involved {
        let profile = match crate::checks::registry::profile_of(rule.info.code) {
            crate::model::config::Profile::Strict => " (strict profile)",
            crate::model::config::Profile::Baseline => "",
        };
        let _ = writeln!(out, "- `{}` — {}{profile}", rule.info.code, rule.info.title);
    }
    for rule in involved {
        if matches!(rule.check, Check::HoverOnly) {
            let _ = writeln!(out, "\n{}", rule.info.explanation);
        }
    }
}

fn flows_section(out: &mut String, type_def: &TypeDef, field: &FieldDef) {
    let schema = Schema::get();
    let switched = flows_switched_by(type_def, field);
    let using: Vec<(&FlowDoc, &FlowSetting)> = schema
        .flows
        .iter()
        .filter(|flow| !switched.iter().any(|switched| switched.id == flow.id))
        .filter_map(|flow| {
            flow.settings
                .iter()
                .find(|setting| setting.type_name == type_def.name && setting.field == field.name)
                .map(|setting| (flow, setting))
        })
        .collect();
    if !using.is_empty() {
        out.push_str("\n**Used by flows**\n\n");
        for (flow, setting) in using {
            let wanted = match &setting.value {
                Some(value) => format!("needs {}", code(value)),
                None => "needs a value".to_string(),
            };
            let recommended = if setting.required {
                ""
            } else {
                " (recommended)"
            };
            let _ = writeln!(
                out,
                "- {} — {wanted}{recommended}: {}",
                flow.name, setting.why
            );
        }
    }
    if switched.is_empty() {
        return;
    }
    // A flow and its variations: the base flow in full, each variation in short.
    let bases: Vec<&FlowDoc> = switched
        .iter()
        .copied()
        .filter(|flow| {
            flow.variation_of
                .as_deref()
                .is_none_or(|parent| !switched.iter().any(|other| other.id == parent))
        })
        .collect();
    for base in bases {
        let _ = writeln!(out, "\n---\n\n{}", flow_markdown(base));
        let variations: Vec<&FlowDoc> = switched
            .iter()
            .copied()
            .filter(|flow| flow.variation_of.as_deref() == Some(base.id.as_str()))
            .collect();
        if variations.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n---\n\n**Variations**");
        for variation in variations {
            let _ = writeln!(out, "\n{}", variation_markdown(variation, base));
        }
    }
}

fn range_phrase(field: &FieldDef) -> Option<String> {
    let units = field
        .units
        .as_deref()
        .map(|units| format!(" {units}"))
        .unwrap_or_default();
    match (field.min, field.max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max}{units}")),
        (Some(min), None) => Some(format!("at least {min}{units}")),
        (None, Some(max)) => Some(format!("at most {max}{units}")),
        (None, None) => None,
    }
}

fn nested_fields_phrase(nested: &TypeDef) -> String {
    let names: Vec<String> = nested
        .fields
        .iter()
        .map(|field| {
            if field.requirement == Requirement::Required {
                format!("`{}` (required)", field.name)
            } else {
                format!("`{}`", field.name)
            }
        })
        .collect();
    names.join(", ")
}

/// `POST https://… — params` → `` `POST https://…` — params ``.
fn endpoint_line(endpoint: &str) -> String {
    match endpoint.split_once(" — ") {
        Some((request, parameters)) => format!("`{request}` — {parameters}"),
        None => format!("`{endpoint}`"),
    }
}

/// `ExtlClntAppGlobalOauthSettings` → `GlobalOauthSettings`: table cells stay narrow.
fn short_type_name(type_name: &str) -> &str {
    type_name.strip_prefix("ExtlClntApp").unwrap_or(type_name)
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text.to_string(),
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
