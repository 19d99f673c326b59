//! The researched fact base (`shared/eca-facts.json`, beside the repository) that the schema
//! data is checked against. It is reference material: the data never copies its texts.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

/// The whole fact base, read once.
pub fn facts() -> &'static Value {
    static FACTS: OnceLock<Value> = OnceLock::new();
    FACTS.get_or_init(|| {
        let path = facts_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "cannot read the fact base at {}: {error}; the schema tests need \
                 shared/eca-facts.json next to the repository checkout",
                path.display()
            )
        });
        serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{} is not valid JSON: {error}", path.display()))
    })
}

fn facts_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eca-facts.json")
}

/// One type of the fact base, top-level or nested.
pub struct FactType<'a> {
    pub name: &'a str,
    pub nested: bool,
    pub value: &'a Value,
}

impl<'a> FactType<'a> {
    pub fn fields(&self) -> impl Iterator<Item = &'a Value> {
        array(&self.value["fields"]).iter()
    }

    pub fn canonical_order(&self) -> Vec<&'a str> {
        array(&self.value["canonicalOrder"])
            .iter()
            .map(text)
            .collect()
    }

    /// The facts' kind: `metadata`, `settings` or `nested`.
    pub fn kind(&self) -> &'a str {
        if self.nested {
            "nested"
        } else {
            text(&self.value["kind"])
        }
    }
}

/// Every type of the fact base: the top-level ones, then the nested ones.
pub fn fact_types() -> Vec<FactType<'static>> {
    let facts = facts();
    let top_level = object(&facts["types"])
        .iter()
        .map(|(name, value)| FactType {
            name,
            nested: false,
            value,
        });
    let nested = object(&facts["nestedTypes"])
        .iter()
        .map(|(name, value)| FactType {
            name,
            nested: true,
            value,
        });
    top_level.chain(nested).collect()
}

/// The facts list two plain-string value lists among their enums; we keep those values in
/// the field's `allowedValues` instead. Returns the `(type, field)` that holds each.
pub fn string_value_list_field(facts_enum_name: &str) -> Option<(&'static str, &'static str)> {
    for fact_type in fact_types() {
        for field in fact_type.fields() {
            if field["stringEnum"].as_str() == Some(facts_enum_name) {
                return Some((fact_type.name, text(&field["name"])));
            }
        }
    }
    None
}

/// Our flow id for a flow id of the facts.
pub fn our_flow_id(facts_flow_id: &str) -> &str {
    match facts_flow_id {
        "acc-base" => "code-credentials",
        other => other,
    }
}

pub fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("the fact base has {value} where a string belongs"))
}

pub fn array(value: &Value) -> &Vec<Value> {
    static EMPTY: Vec<Value> = Vec::new();
    value.as_array().unwrap_or(&EMPTY)
}

pub fn object(value: &Value) -> &serde_json::Map<String, Value> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("the fact base has {value} where an object belongs"))
}

/// The value of one entry of a field's `allowedValues` in the facts, as written in XML. The
/// facts write entries either as `{"value": 60, ...}` or as a bare string.
pub fn allowed_value_text(entry: &Value) -> String {
    let value = if entry.is_object() {
        &entry["value"]
    } else {
        entry
    };
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
