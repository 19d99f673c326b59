//! The schema data agrees with itself: every name it uses resolves, kinds and their details
//! go together, every text and link is there, and nothing is defined twice.

use std::collections::BTreeSet;

use eca_schema::{
    ApiVersion, FieldDef, Requirement, Schema, TypeDef, TypeKind, TypeStatus, ValueKind,
};

fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn all_fields(schema: &Schema) -> impl Iterator<Item = (&TypeDef, &FieldDef)> {
    schema
        .types
        .iter()
        .flat_map(|type_def| type_def.fields.iter().map(move |field| (type_def, field)))
}

/// Pushes a problem for every name that appears more than once.
fn report_duplicates<'a>(
    what: &str,
    names: impl Iterator<Item = &'a str>,
    problems: &mut Vec<String>,
) {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            problems.push(format!("{what} {name} is defined twice"));
        }
    }
}

fn is_known_version(schema: &Schema, version: ApiVersion) -> bool {
    schema
        .api_versions
        .iter()
        .any(|info| info.version == version)
}

#[test]
fn names_are_unique() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    report_duplicates(
        "type",
        schema.types.iter().map(|t| t.name.as_str()),
        &mut problems,
    );
    report_duplicates(
        "suffix",
        schema.types.iter().filter_map(|t| t.suffix.as_deref()),
        &mut problems,
    );
    report_duplicates(
        "root element",
        schema
            .types
            .iter()
            .filter_map(|t| t.root_element.as_deref()),
        &mut problems,
    );
    report_duplicates(
        "settings name",
        schema
            .types
            .iter()
            .filter_map(|t| t.settings_name.as_deref()),
        &mut problems,
    );
    report_duplicates(
        "enum",
        schema.enums.iter().map(|e| e.name.as_str()),
        &mut problems,
    );
    report_duplicates(
        "scope",
        schema.oauth_scopes.iter().map(|s| s.token.as_str()),
        &mut problems,
    );
    report_duplicates(
        "flow",
        schema.flows.iter().map(|f| f.id.as_str()),
        &mut problems,
    );
    for type_def in &schema.types {
        let fields = type_def.fields.iter().map(|f| f.name.as_str());
        report_duplicates(
            &format!("field of {}", type_def.name),
            fields,
            &mut problems,
        );
    }
    for enum_def in &schema.enums {
        let values = enum_def.values.iter().map(|v| v.value.as_str());
        report_duplicates(
            &format!("value of {}", enum_def.name),
            values,
            &mut problems,
        );
    }
    for (type_def, field) in all_fields(schema) {
        let values = field.allowed_values.iter().map(|v| v.value.as_str());
        let what = format!("allowed value of {}.{}", type_def.name, field.name);
        report_duplicates(&what, values, &mut problems);
    }
    assert_no_problems(problems);
}

#[test]
fn types_have_the_parts_their_kind_needs() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for type_def in &schema.types {
        let name = &type_def.name;
        match type_def.kind {
            TypeKind::Metadata => {
                if type_def.root_element.as_deref() != Some(name.as_str()) {
                    problems.push(format!(
                        "{name}: the root element of a metadata type is its name"
                    ));
                }
                if type_def.settings_name.is_some() {
                    problems.push(format!("{name}: only settings types have a settings name"));
                }
                let known_suffix = type_def.suffix.is_some() && type_def.folder.is_some();
                if !known_suffix && type_def.status != TypeStatus::Undocumented {
                    problems.push(format!(
                        "{name}: only undocumented types may lack suffix or folder"
                    ));
                }
                if type_def.package_xml_name.as_deref() != Some(name.as_str()) {
                    problems.push(format!(
                        "{name}: package.xml names a metadata type by its name"
                    ));
                }
            }
            TypeKind::Settings => {
                if type_def.settings_name.is_none() || type_def.root_element.is_none() {
                    problems.push(format!(
                        "{name}: a settings type needs a settings name and a root"
                    ));
                }
                if type_def.suffix.is_some() || type_def.folder.as_deref() != Some("settings") {
                    problems.push(format!(
                        "{name}: settings live in `settings/` without a suffix"
                    ));
                }
                if type_def.package_xml_name.as_deref() != Some("Settings") {
                    problems.push(format!("{name}: package.xml lists settings as `Settings`"));
                }
            }
            TypeKind::Nested => {
                let file_parts = [&type_def.root_element, &type_def.suffix, &type_def.folder];
                if file_parts.iter().any(|part| part.is_some()) || type_def.settings_name.is_some()
                {
                    problems.push(format!("{name}: a nested type has no file of its own"));
                }
                let used = all_fields(schema)
                    .any(|(_, field)| field.nested_type.as_deref() == Some(name.as_str()));
                if !used {
                    problems.push(format!("{name}: no field uses this nested type"));
                }
            }
        }
        if !type_def.fields_known && type_def.status != TypeStatus::Undocumented {
            problems.push(format!(
                "{name}: only undocumented types may leave their fields unknown"
            ));
        }
        if type_def.fields_known && type_def.fields.is_empty() {
            problems.push(format!(
                "{name}: a type whose fields are known needs fields"
            ));
        }
        if let Some(since) = type_def
            .since
            .filter(|since| !is_known_version(schema, *since))
        {
            problems.push(format!("{name}: since {since} is not a known API version"));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_text_and_link_is_there() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    let is_link = |url: &Option<String>| {
        url.as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    };
    for type_def in &schema.types {
        if type_def.description.trim().is_empty() {
            problems.push(format!("{}: no description", type_def.name));
        }
        if !is_link(&type_def.doc_url) {
            problems.push(format!("{}: no https docUrl", type_def.name));
        }
    }
    for (type_def, field) in all_fields(schema) {
        let place = format!("{}.{}", type_def.name, field.name);
        if field.description.trim().is_empty() {
            problems.push(format!("{place}: no description"));
        }
        if !is_link(&field.doc_url) {
            problems.push(format!("{place}: no https docUrl"));
        }
        let notes = field.notes.iter().chain(&type_def.notes);
        if notes.into_iter().any(|note| note.trim().is_empty()) {
            problems.push(format!("{place}: an empty note"));
        }
        for value in &field.allowed_values {
            if value.meaning.trim().is_empty() {
                problems.push(format!("{place}: value {} has no meaning", value.value));
            }
        }
    }
    for enum_def in &schema.enums {
        for value in &enum_def.values {
            if value.meaning.trim().is_empty() {
                problems.push(format!("{}.{}: no meaning", enum_def.name, value.value));
            }
        }
    }
    for scope in &schema.oauth_scopes {
        if scope.meaning.trim().is_empty() {
            problems.push(format!("scope {}: no meaning", scope.token));
        }
    }
    for flow in &schema.flows {
        if flow.summary.trim().is_empty() || flow.name.trim().is_empty() {
            problems.push(format!("flow {}: no name or summary", flow.id));
        }
        if flow.sources.is_empty() || !flow.sources.iter().all(|url| url.starts_with("https://")) {
            problems.push(format!("flow {}: needs https sources", flow.id));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn field_kinds_go_with_their_details() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for (type_def, field) in all_fields(schema) {
        let place = format!("{}.{}", type_def.name, field.name);
        let is_enum = field.kind == ValueKind::Enum;
        let is_nested = field.kind == ValueKind::Nested;
        if is_enum != field.enum_name.is_some() {
            problems.push(format!(
                "{place}: an enumName goes with kind enum, and only with it"
            ));
        }
        if is_nested != field.nested_type.is_some() {
            problems.push(format!(
                "{place}: a nestedType goes with kind nested, and only with it"
            ));
        }
        let unknown_enum = field
            .enum_name
            .as_ref()
            .filter(|name| schema.enum_named(name).is_none());
        if let Some(enum_name) = unknown_enum {
            problems.push(format!("{place}: enum {enum_name} does not exist"));
        }
        if let Some(nested_name) = &field.nested_type {
            let resolves = schema
                .type_named(nested_name)
                .is_some_and(|nested| nested.kind == TypeKind::Nested);
            if !resolves {
                problems.push(format!("{place}: nested type {nested_name} does not exist"));
            }
        }
        let takes_a_value_list = matches!(
            field.kind,
            ValueKind::Int | ValueKind::String | ValueKind::Double
        );
        if !field.allowed_values.is_empty() && !takes_a_value_list {
            problems.push(format!(
                "{place}: allowedValues are for int, string and double fields"
            ));
        }
        let is_number = matches!(field.kind, ValueKind::Int | ValueKind::Double);
        if (field.min.is_some() || field.max.is_some() || field.units.is_some()) && !is_number {
            problems.push(format!("{place}: min, max and units are for numbers"));
        }
        if field.min.zip(field.max).is_some_and(|(min, max)| min > max) {
            problems.push(format!("{place}: min is above max"));
        }
        if field.max_length.is_some() && field.kind != ValueKind::String {
            problems.push(format!("{place}: maxLength is for strings"));
        }
        if (field.list_separator.is_some() || field.list_vocabulary.is_some())
            && field.kind != ValueKind::String
        {
            problems.push(format!("{place}: lists in a string are strings"));
        }
        if field.list_vocabulary.is_some() && field.list_separator.is_none() {
            problems.push(format!("{place}: a list vocabulary needs a list separator"));
        }
        if field.max_items.is_some() && !field.repeated {
            problems.push(format!("{place}: maxItems is for repeated fields"));
        }
        if let Some(unique_key) = &field.unique_key {
            let key_exists = field
                .nested_type
                .as_deref()
                .and_then(|nested| schema.type_named(nested))
                .is_some_and(|nested| nested.field(unique_key).is_some());
            if !field.repeated || !key_exists {
                problems.push(format!(
                    "{place}: uniqueKey {unique_key} must name a field of its repeated nested type"
                ));
            }
        }
        let recommended = field.requirement == Requirement::Recommended;
        if recommended != field.requirement_note.is_some() {
            problems.push(format!(
                "{place}: a recommended field explains why in requirementNote, and only it"
            ));
        }
        let odd_reference = field
            .reference
            .as_ref()
            .filter(|reference| !["metadata", "orgRecord"].contains(&reference.kind.as_str()));
        if let Some(reference) = odd_reference {
            problems.push(format!(
                "{place}: reference kind {} is neither metadata nor orgRecord",
                reference.kind
            ));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn defaults_and_values_fit_their_field() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for (type_def, field) in all_fields(schema) {
        let place = format!("{}.{}", type_def.name, field.name);
        if let Some(default) = &field.default {
            if let Err(why) = check_value(schema, field, default) {
                problems.push(format!("{place}: default {default}: {why}"));
            }
        }
        for value in &field.allowed_values {
            if field.kind == ValueKind::Int && value.value.parse::<i64>().is_err() {
                problems.push(format!(
                    "{place}: allowed value {} is not an integer",
                    value.value
                ));
            }
        }
    }
    for flow in &schema.flows {
        for setting in &flow.settings {
            let place = format!("flow {}: {}.{}", flow.id, setting.type_name, setting.field);
            let field = schema
                .type_named(&setting.type_name)
                .and_then(|type_def| type_def.field(&setting.field));
            let Some(field) = field else {
                problems.push(format!("{place} does not exist"));
                continue;
            };
            if let Some(value) = &setting.value {
                if let Err(why) = check_value(schema, field, value) {
                    problems.push(format!("{place} = {value}: {why}"));
                }
            }
            if setting.why.trim().is_empty() {
                problems.push(format!("{place}: say why"));
            }
        }
        let unknown_parent = flow
            .variation_of
            .as_ref()
            .filter(|parent| schema.flow(parent).is_none());
        if let Some(parent) = unknown_parent {
            problems.push(format!(
                "flow {}: variation of unknown flow {parent}",
                flow.id
            ));
        }
    }
    assert_no_problems(problems);
}

/// Whether `value`, as written in XML, is acceptable for `field`.
fn check_value(schema: &Schema, field: &FieldDef, value: &str) -> Result<(), String> {
    let listed = schema.values_of(field);
    if !listed.is_empty() && !listed.iter().any(|allowed| allowed.value == value) {
        return Err("not one of the listed values".to_string());
    }
    match field.kind {
        ValueKind::Boolean if value != "true" && value != "false" => Err("not a boolean".into()),
        ValueKind::Int => {
            let number: i64 = value.parse().map_err(|_| "not an integer".to_string())?;
            let below = field.min.is_some_and(|min| number < min);
            let above = field.max.is_some_and(|max| number > max);
            if below || above {
                return Err("out of range".into());
            }
            Ok(())
        }
        ValueKind::Nested => Err("a nested field has no text value".into()),
        _ => Ok(()),
    }
}

#[test]
fn every_enum_is_used() {
    let schema = Schema::get();
    let unused: Vec<String> = schema
        .enums
        .iter()
        .filter(|enum_def| {
            !all_fields(schema)
                .any(|(_, field)| field.enum_name.as_deref() == Some(enum_def.name.as_str()))
        })
        .map(|enum_def| format!("enum {} is used by no field", enum_def.name))
        .collect();
    assert_no_problems(unused);
}

#[test]
fn versions_are_known_and_ordered() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    let versions: Vec<ApiVersion> = schema
        .api_versions
        .iter()
        .map(|info| info.version)
        .collect();
    if !versions.windows(2).all(|pair| pair[0] < pair[1]) {
        problems.push("versions.json must list versions in increasing order".to_string());
    }
    let previews: Vec<ApiVersion> = schema
        .api_versions
        .iter()
        .filter(|info| info.preview)
        .map(|info| info.version)
        .collect();
    if previews
        .iter()
        .any(|preview| Some(preview) != versions.last())
    {
        problems.push("only the newest version may be a preview".to_string());
    }
    for (type_def, field) in all_fields(schema) {
        let place = format!("{}.{}", type_def.name, field.name);
        let deprecated_since = field
            .deprecated
            .as_ref()
            .and_then(|deprecation| deprecation.since);
        let value_versions = field.allowed_values.iter().filter_map(|value| value.since);
        for version in field
            .since
            .into_iter()
            .chain(deprecated_since)
            .chain(value_versions)
        {
            if !is_known_version(schema, version) {
                problems.push(format!("{place}: {version} is not a known API version"));
            }
        }
        if type_def
            .since
            .zip(field.since)
            .is_some_and(|(type_since, field_since)| field_since < type_since)
        {
            problems.push(format!("{place}: older than its type"));
        }
        for value in &field.allowed_values {
            if value
                .since
                .zip(field.since)
                .is_some_and(|(value_since, field_since)| value_since <= field_since)
            {
                problems.push(format!(
                    "{place}: value {} repeats the field's version",
                    value.value
                ));
            }
        }
        if let Some(replacement) = field
            .deprecated
            .as_ref()
            .and_then(|d| d.replacement.as_deref())
        {
            let resolves = replacement
                .split_once('.')
                .and_then(|(type_name, field_name)| schema.type_named(type_name)?.field(field_name))
                .is_some();
            if !resolves {
                problems.push(format!("{place}: replacement {replacement} does not exist"));
            }
        }
    }
    assert_no_problems(problems);
}

/// Only real secrets are sensitive: a consumer key is a public client id, and certificates
/// other than Apple's .p12 bundle hold no private key.
#[test]
fn only_secrets_are_sensitive() {
    let schema = Schema::get();
    let sensitive: Vec<String> = all_fields(schema)
        .filter(|(_, field)| field.sensitive)
        .map(|(type_def, field)| format!("{}.{}", type_def.name, field.name))
        .collect();
    expect_test::expect![[r#"
        [
            "ExtlClntAppGlobalOauthSettings.consumerSecret",
            "ExtlClntAppAndroidPushConfig.serviceAccount",
            "ExtlClntAppApplePushConfig.certificate",
            "ExtlClntAppApplePushConfig.password",
            "ExtlClntAppApplePushConfig.signingKey",
            "ConnectedAppOauthConfig.consumerSecret",
        ]
    "#]]
    .assert_debug_eq(&sensitive);
}

#[test]
fn every_metadata_type_a_field_names_is_an_eca_type_or_a_project_type() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for (type_def, field) in all_fields(schema) {
        let Some(reference) = &field.reference else {
            continue;
        };
        if reference.kind != "metadata" {
            continue;
        }
        let known = schema.type_named(&reference.target).is_some()
            || schema.project_type(&reference.target).is_some();
        if !known {
            problems.push(format!(
                "{}.{} names {}, which is neither a type of the schema nor in project_types.json",
                type_def.name, field.name, reference.target
            ));
        }
    }
    for project_type in &schema.project_types {
        if !project_type
            .doc_url
            .starts_with("https://developer.salesforce.com/docs/")
            || !project_type.doc_url.ends_with(".htm")
        {
            problems.push(format!(
                "{}: docUrl {} is not a Metadata API page",
                project_type.name, project_type.doc_url
            ));
        }
    }
    report_duplicates(
        "project type",
        schema
            .project_types
            .iter()
            .map(|project_type| project_type.name.as_str()),
        &mut problems,
    );
    assert_no_problems(problems);
}
