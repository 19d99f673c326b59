//! The schema speaks in its own words: no description, meaning or summary is a copy of the
//! matching text of the fact base (compared case-insensitively, ignoring whitespace).

use std::collections::BTreeSet;

use eca_schema::Schema;
use serde_json::Value;

use crate::facts::{array, fact_types, facts, object, our_flow_id, string_value_list_field, text};

/// Lower case without whitespace, so that reflowing or re-casing a copy doesn't hide it.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|character| !character.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Pairs of (place, our text, the facts' text for the same place).
fn corresponding_texts() -> Vec<(String, String, String)> {
    let schema = Schema::get();
    let mut pairs = Vec::new();
    let mut pair = |place: String, ours: &str, theirs: Option<&str>| {
        if let Some(theirs) = theirs {
            pairs.push((place, ours.to_string(), theirs.to_string()));
        }
    };
    for fact_type in fact_types() {
        let Some(ours) = schema.type_named(fact_type.name) else {
            continue;
        };
        pair(
            ours.name.clone(),
            &ours.description,
            fact_type.value["description"].as_str(),
        );
        for fact_field in fact_type.fields() {
            let Some(field) = ours.field(text(&fact_field["name"])) else {
                continue;
            };
            let place = format!("{}.{}", ours.name, field.name);
            pair(
                place.clone(),
                &field.description,
                fact_field["description"].as_str(),
            );
            for fact_value in array(&fact_field["allowedValues"]) {
                let value = crate::facts::allowed_value_text(fact_value);
                if let Some(ours) = field.allowed_values.iter().find(|ours| ours.value == value) {
                    pair(
                        format!("{place} = {value}"),
                        &ours.meaning,
                        fact_value["meaning"].as_str(),
                    );
                }
            }
        }
    }
    for (facts_name, facts_enum) in object(&facts()["enums"]) {
        let our_values = match string_value_list_field(facts_name) {
            Some((type_name, field_name)) => schema
                .type_named(type_name)
                .and_then(|type_def| type_def.field(field_name))
                .map(|field| &field.allowed_values),
            None => schema
                .enum_named(facts_name)
                .map(|enum_def| &enum_def.values),
        };
        let Some(our_values) = our_values else {
            continue;
        };
        for fact_value in array(&facts_enum["values"]) {
            let value = text(&fact_value["value"]);
            if let Some(ours) = our_values.iter().find(|ours| ours.value == value) {
                pair(
                    format!("{facts_name} = {value}"),
                    &ours.meaning,
                    fact_value["meaning"].as_str(),
                );
            }
        }
    }
    for fact_scope in array(&facts()["oauthScopes"]) {
        if let Some(ours) = schema.scope(text(&fact_scope["token"])) {
            pair(
                format!("scope {}", ours.token),
                &ours.meaning,
                fact_scope["meaning"].as_str(),
            );
        }
    }
    for fact_flow in array(&facts()["flows"]) {
        if let Some(ours) = schema.flow(our_flow_id(text(&fact_flow["id"]))) {
            pair(
                format!("flow {}", ours.id),
                &ours.summary,
                fact_flow["summary"].as_str(),
            );
        }
    }
    pairs
}

#[test]
fn no_text_copies_the_facts_text_for_the_same_thing() {
    let pairs = corresponding_texts();
    assert!(
        pairs.len() > 300,
        "only {} texts were compared",
        pairs.len()
    );
    let copies: Vec<String> = pairs
        .iter()
        .filter(|(_, ours, theirs)| normalized(ours) == normalized(theirs))
        .map(|(place, ours, _)| format!("{place}: {ours}"))
        .collect();
    assert!(
        copies.is_empty(),
        "rewrite these in our own words:\n{}",
        copies.join("\n")
    );
}

/// Stricter: no text of ours with more than a few words equals any text anywhere in the facts,
/// notes and rule descriptions included.
#[test]
fn no_sentence_copies_any_text_of_the_facts() {
    let mut facts_texts = BTreeSet::new();
    collect_strings(facts(), &mut facts_texts);
    let schema = Schema::get();
    let mut ours: Vec<&str> = Vec::new();
    for type_def in &schema.types {
        ours.push(&type_def.description);
        ours.extend(type_def.notes.iter().map(String::as_str));
        for field in &type_def.fields {
            ours.push(&field.description);
            ours.extend(field.notes.iter().map(String::as_str));
            ours.extend(
                field
                    .allowed_values
                    .iter()
                    .map(|value| value.meaning.as_str()),
            );
        }
    }
    for enum_def in &schema.enums {
        ours.extend(enum_def.values.iter().map(|value| value.meaning.as_str()));
        ours.extend(enum_def.notes.iter().map(String::as_str));
    }
    ours.extend(
        schema
            .oauth_scopes
            .iter()
            .map(|scope| scope.meaning.as_str()),
    );
    for flow in &schema.flows {
        ours.push(&flow.summary);
        ours.extend(flow.notes.iter().map(String::as_str));
        ours.extend(flow.settings.iter().map(|setting| setting.why.as_str()));
    }
    let copies: Vec<&str> = ours
        .into_iter()
        .filter(|text| text.split_whitespace().count() > 3)
        .filter(|text| facts_texts.contains(&normalized(text)))
        .collect();
    assert!(
        copies.is_empty(),
        "rewrite these in our own words:\n{}",
        copies.join("\n")
    );
}

fn collect_strings(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::String(text) => {
            into.insert(normalized(text));
        }
        Value::Array(items) => items.iter().for_each(|item| collect_strings(item, into)),
        Value::Object(map) => map.values().for_each(|item| collect_strings(item, into)),
        _ => {}
    }
}
