//! A compact picture of the whole schema, kept as a snapshot so that every data change shows
//! up in review. Update it with `UPDATE_EXPECT=1 cargo test -p eca-schema`.

use std::fmt::Write;

use eca_schema::{FieldDef, Requirement, Schema, TypeDef, TypeFamily, TypeKind, ValueKind};
use expect_test::expect_file;

#[test]
fn the_schema_summary_is_up_to_date() {
    expect_file!["schema-summary.txt"].assert_eq(&summary(Schema::get()));
}

fn summary(schema: &Schema) -> String {
    let mut out = String::new();
    let versions: Vec<String> = schema
        .api_versions
        .iter()
        .map(|info| {
            let preview = if info.preview { ", preview" } else { "" };
            format!("{} ({}{preview})", info.version, info.release)
        })
        .collect();
    writeln!(out, "API versions: {}", versions.join(", ")).ok();
    writeln!(out, "default API version: {}", schema.newest_api_version()).ok();
    for type_def in &schema.types {
        writeln!(out).ok();
        writeln!(out, "{}", type_line(type_def)).ok();
        for field in &type_def.fields {
            writeln!(out, "  {}", field_line(field)).ok();
        }
    }
    writeln!(out).ok();
    for enum_def in &schema.enums {
        let values: Vec<String> = enum_def
            .values
            .iter()
            .map(|value| {
                let mut text = value.value.clone();
                if !value.documented {
                    text.push('?');
                }
                if value.internal {
                    text.push('!');
                }
                if let Some(written_as) = &value.written_as {
                    text.push_str(&format!("(written {written_as})"));
                }
                text
            })
            .collect();
        writeln!(out, "enum {}: {}", enum_def.name, values.join(" ")).ok();
    }
    writeln!(out).ok();
    let scopes: Vec<String> = schema
        .oauth_scopes
        .iter()
        .map(|scope| {
            let mark = if scope.documented { "" } else { "?" };
            format!("{}{mark}", scope.token)
        })
        .collect();
    writeln!(out, "scopes: {}", scopes.join(" ")).ok();
    writeln!(out).ok();
    for flow in &schema.flows {
        let parent = flow
            .variation_of
            .as_deref()
            .map(|parent| format!(" (variation of {parent})"))
            .unwrap_or_default();
        writeln!(out, "flow {}{parent}: {}", flow.id, flow.name).ok();
        for setting in &flow.settings {
            let value = setting.value.as_deref().unwrap_or("<any>");
            let need = if setting.required { "needs" } else { "advises" };
            writeln!(
                out,
                "  {need} {}.{} = {value}",
                setting.type_name, setting.field
            )
            .ok();
        }
    }
    out
}

fn type_line(type_def: &TypeDef) -> String {
    let kind = match type_def.kind {
        TypeKind::Metadata => "metadata",
        TypeKind::Settings => "settings",
        TypeKind::Nested => "nested",
    };
    let mut parts = vec![type_def.name.clone(), kind.to_string()];
    if let Some(suffix) = &type_def.suffix {
        parts.push(format!(".{suffix}"));
    }
    if let Some(folder) = &type_def.folder {
        parts.push(format!("{folder}/"));
    }
    if let Some(name_suffix) = &type_def.setup_name_suffix {
        parts.push(format!("Setup names <App>{name_suffix}"));
    }
    if let Some(settings_name) = &type_def.settings_name {
        parts.push(format!("settings:{settings_name}"));
    }
    if let Some(since) = type_def.since {
        parts.push(format!("since {since}"));
    }
    parts.push(format!("{:?}", type_def.status).to_lowercase());
    match type_def.packageable {
        Some(true) => parts.push("packageable".to_string()),
        Some(false) => parts.push("not packageable".to_string()),
        None => {}
    }
    if !type_def.fields_known {
        parts.push("fields unknown".to_string());
    }
    if type_def.family == TypeFamily::ConnectedApp {
        parts.push("connected app".to_string());
    }
    parts.join("  ")
}

fn field_line(field: &FieldDef) -> String {
    let mut kind = match field.kind {
        ValueKind::String => "string".to_string(),
        ValueKind::Boolean => "boolean".to_string(),
        ValueKind::Int => "int".to_string(),
        ValueKind::Double => "double".to_string(),
        ValueKind::Enum => format!("enum {}", field.enum_name.as_deref().unwrap_or("?")),
        ValueKind::Nested => format!("nested {}", field.nested_type.as_deref().unwrap_or("?")),
    };
    if field.repeated {
        kind.push_str("[]");
    }
    let mut parts = vec![field.name.clone(), kind];
    match field.requirement {
        Requirement::Required => parts.push("required".to_string()),
        Requirement::Recommended => parts.push("recommended".to_string()),
        Requirement::Optional => {}
    }
    if let Some(since) = field.since {
        parts.push(format!("since {since}"));
    }
    if let Some(default) = &field.default {
        parts.push(format!("default {default}"));
    }
    if !field.allowed_values.is_empty() {
        let values: Vec<&str> = field
            .allowed_values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        parts.push(format!("values {}", values.join("|")));
    }
    if field.min.is_some() || field.max.is_some() {
        let bound = |bound: Option<i64>| bound.map(|b| b.to_string()).unwrap_or_default();
        parts.push(format!("range {}..{}", bound(field.min), bound(field.max)));
    }
    if let Some(max_length) = field.max_length {
        parts.push(format!("max length {max_length}"));
    }
    if let Some(max_items) = field.max_items {
        parts.push(format!("max {max_items}"));
    }
    if let Some(removed_in) = field.removed_in {
        parts.push(format!("removed in {removed_in}"));
    }
    if let Some(deprecation) = &field.deprecated {
        let range = match (deprecation.since, deprecation.until) {
            (Some(since), Some(until)) => format!("deprecated {since}..{until}"),
            (Some(since), None) => format!("deprecated since {since}"),
            (None, Some(until)) => format!("deprecated until {until}"),
            (None, None) => "deprecated".to_string(),
        };
        parts.push(range);
    }
    if let Some(label) = &field.setup_label {
        let inverted = if field.setup_label_inverted {
            " (inverted)"
        } else {
            ""
        };
        parts.push(format!("Setup \"{label}\"{inverted}"));
    }
    if !field.written_by_salesforce.is_empty() {
        parts.push("written by Salesforce".to_string());
    }
    if let Some(separator) = &field.list_separator {
        parts.push(format!("list '{separator}'"));
    }
    let flags = [
        (field.removed.is_some(), "removed"),
        (!field.documented, "undocumented"),
        (field.internal, "internal"),
        (field.sensitive, "sensitive"),
    ];
    parts.extend(
        flags
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, flag)| flag.to_string()),
    );
    parts.join("  ")
}
