//! Everything the researched fact base knows is in our schema: types, fields in canonical
//! order, enums and their members, scopes and flows.

use eca_schema::{ApiVersion, Requirement, Schema, TypeKind, ValueKind};

use crate::facts::{array, fact_types, facts, object, our_flow_id, string_value_list_field, text};

/// Fails with every problem at once, so one run shows all that is missing.
fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_type_of_the_facts_is_in_the_schema() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for fact_type in fact_types() {
        let Some(ours) = schema.type_named(fact_type.name) else {
            problems.push(format!("type {} is missing", fact_type.name));
            continue;
        };
        let expected_kind = match fact_type.kind() {
            "metadata" => TypeKind::Metadata,
            "settings" => TypeKind::Settings,
            _ => TypeKind::Nested,
        };
        if ours.kind != expected_kind {
            problems.push(format!(
                "{}: kind {:?}, facts say {expected_kind:?}",
                ours.name, ours.kind
            ));
        }
        if fact_type.nested {
            continue;
        }
        let facts_root = fact_type.value["rootElement"].as_str();
        if ours.root_element.as_deref() != facts_root {
            problems.push(format!(
                "{}: root element differs from the facts",
                ours.name
            ));
        }
        if expected_kind == TypeKind::Metadata {
            if ours.suffix.as_deref() != fact_type.value["suffix"].as_str() {
                problems.push(format!("{}: suffix differs from the facts", ours.name));
            }
            if ours.folder.as_deref() != fact_type.value["directory"].as_str() {
                problems.push(format!("{}: folder differs from the facts", ours.name));
            }
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_field_of_the_facts_is_in_the_schema_in_canonical_order() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for fact_type in fact_types() {
        let Some(ours) = schema.type_named(fact_type.name) else {
            continue;
        };
        let canonical_order = fact_type.canonical_order();
        for name in &canonical_order {
            if ours.field(name).is_none() {
                problems.push(format!("field {}.{name} is missing", ours.name));
            }
        }
        // Fields the facts lack (seen only in real files) may sit anywhere; the ones the facts
        // know must keep the facts' order among themselves.
        let our_order: Vec<&str> = ours
            .fields
            .iter()
            .map(|field| field.name.as_str())
            .filter(|name| canonical_order.contains(name))
            .collect();
        if our_order != canonical_order {
            problems.push(format!(
                "{}: canonical order differs\n  ours:  {our_order:?}\n  facts: {canonical_order:?}",
                ours.name
            ));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_field_has_the_kind_and_flags_of_the_facts() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for fact_type in fact_types() {
        let Some(ours) = schema.type_named(fact_type.name) else {
            continue;
        };
        for fact_field in fact_type.fields() {
            let name = text(&fact_field["name"]);
            let Some(field) = ours.field(name) else {
                continue;
            };
            let place = format!("{}.{name}", ours.name);
            let (expected_kind, expected_target) = match text(&fact_field["type"]) {
                "string" => (ValueKind::String, None),
                "boolean" => (ValueKind::Boolean, None),
                "int" => (ValueKind::Int, None),
                "double" => (ValueKind::Double, None),
                "enum" => (ValueKind::Enum, fact_field["enum"].as_str()),
                "complex" => (ValueKind::Nested, fact_field["complexType"].as_str()),
                other => {
                    problems.push(format!("{place}: the facts have an unknown type {other}"));
                    continue;
                }
            };
            if field.kind != expected_kind {
                problems.push(format!(
                    "{place}: kind {:?}, facts say {expected_kind:?}",
                    field.kind
                ));
            }
            let our_target = field.enum_name.as_deref().or(field.nested_type.as_deref());
            if our_target != expected_target {
                problems.push(format!(
                    "{place}: refers to {our_target:?}, facts say {expected_target:?}"
                ));
            }
            let repeated = fact_field["isArray"].as_bool().unwrap_or(false);
            if field.repeated != repeated {
                problems.push(format!(
                    "{place}: repeated is {}, facts say {repeated}",
                    field.repeated
                ));
            }
            if fact_field["documented"].as_bool() == Some(false) && field.documented {
                problems.push(format!("{place}: the facts have it undocumented"));
            }
            if fact_field["internalUseOnly"].as_bool() == Some(true) && !field.internal {
                problems.push(format!("{place}: the facts reserve it for Salesforce"));
            }
            let facts_max_items = fact_field["maxItems"].as_u64();
            if facts_max_items.is_some() && field.max_items.map(u64::from) != facts_max_items {
                problems.push(format!("{place}: maxItems should be {facts_max_items:?}"));
            }
            let facts_unique_key = fact_field["uniqueKey"].as_str();
            if facts_unique_key.is_some() && field.unique_key.as_deref() != facts_unique_key {
                problems.push(format!("{place}: uniqueKey should be {facts_unique_key:?}"));
            }
            let required_by_both = fact_field["required"].as_bool() == Some(true)
                && fact_field["requiredSource"].is_null();
            let documented_type = ours.status != eca_schema::TypeStatus::Internal;
            if required_by_both && documented_type && field.requirement != Requirement::Required {
                problems.push(format!("{place}: docs and WSDL both require it"));
            }
            if fact_field["listSeparator"].is_string() && field.list_separator.is_none() {
                problems.push(format!("{place}: is a list in a string"));
            }
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_enum_of_the_facts_is_in_the_schema_with_every_member() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for (facts_name, facts_enum) in object(&facts()["enums"]) {
        let facts_values = array(&facts_enum["values"]);
        // Plain-string value lists live in the field's own `allowedValues`.
        let (place, our_values) = match string_value_list_field(facts_name) {
            Some((type_name, field_name)) => {
                let field = schema
                    .type_named(type_name)
                    .and_then(|type_def| type_def.field(field_name));
                let Some(field) = field else {
                    problems.push(format!(
                        "{type_name}.{field_name} (for {facts_name}) is missing"
                    ));
                    continue;
                };
                if field.kind != ValueKind::String {
                    problems.push(format!("{type_name}.{field_name} must stay a string"));
                }
                (format!("{type_name}.{field_name}"), &field.allowed_values)
            }
            None => {
                let Some(enum_def) = schema.enum_named(facts_name) else {
                    problems.push(format!("enum {facts_name} is missing"));
                    continue;
                };
                (facts_name.clone(), &enum_def.values)
            }
        };
        for facts_value in facts_values {
            let value = text(&facts_value["value"]);
            let Some(ours) = our_values.iter().find(|ours| ours.value == value) else {
                problems.push(format!("{place}: value {value} is missing"));
                continue;
            };
            if facts_value["documented"].as_bool() == Some(false) && ours.documented {
                problems.push(format!(
                    "{place}: value {value} is undocumented in the facts"
                ));
            }
            if facts_value["internalUseOnly"].as_bool() == Some(true) && !ours.internal {
                problems.push(format!("{place}: value {value} is reserved for Salesforce"));
            }
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_restricted_number_of_the_facts_has_its_values_and_versions() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for fact_type in fact_types() {
        for fact_field in fact_type.fields() {
            let Some(values) = fact_field["allowedValues"].as_array() else {
                continue;
            };
            let name = text(&fact_field["name"]);
            let Some(field) = schema
                .type_named(fact_type.name)
                .and_then(|ours| ours.field(name))
            else {
                continue;
            };
            for facts_value in values {
                let value = crate::facts::allowed_value_text(facts_value);
                let Some(ours) = field.allowed_values.iter().find(|ours| ours.value == value)
                else {
                    problems.push(format!(
                        "{}.{name}: value {value} is missing",
                        fact_type.name
                    ));
                    continue;
                };
                let facts_since = facts_value["since"]
                    .as_str()
                    .map(|since| since.parse::<ApiVersion>().expect("a version in the facts"));
                let effective_since = ours.since.or(field.since);
                if facts_since.is_some() && effective_since != facts_since {
                    problems.push(format!(
                        "{}.{name}: value {value} is available from {facts_since:?}, ours from {effective_since:?}",
                        fact_type.name
                    ));
                }
            }
        }
    }
    assert_no_problems(problems);
}

#[test]
fn every_scope_of_the_facts_is_in_the_schema() {
    let schema = Schema::get();
    let missing: Vec<String> = array(&facts()["oauthScopes"])
        .iter()
        .map(|scope| text(&scope["token"]))
        .filter(|token| schema.scope(token).is_none())
        .map(|token| format!("scope {token} is missing"))
        .collect();
    assert_no_problems(missing);
}

#[test]
fn every_flow_of_the_facts_is_in_the_schema() {
    let schema = Schema::get();
    let missing: Vec<String> = array(&facts()["flows"])
        .iter()
        .map(|flow| our_flow_id(text(&flow["id"])))
        .filter(|id| schema.flow(id).is_none())
        .map(|id| format!("flow {id} is missing"))
        .collect();
    assert_no_problems(missing);
}

#[test]
fn every_api_version_of_the_facts_is_in_the_schema() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    for (version, release) in object(&facts()["apiVersionReleases"]) {
        let version: ApiVersion = version.parse().expect("a version in the facts");
        let Some(name) = schema.release_name(version) else {
            problems.push(format!("API version {version} is missing"));
            continue;
        };
        if !text(release).starts_with(name) {
            problems.push(format!("{version}: release {name}, facts say {release}"));
        }
    }
    assert_no_problems(problems);
}
