//! Every field name a rule reads or names exists in the schema data: a misspelt name would
//! otherwise switch a rule off without a word (`view.is_true("isPkceRequred")` is never true).
//!
//! Two nets. The sources of the rules are read as text: every string literal that is a
//! camel-case identifier must be a field of some schema type (or one of the few other words the
//! rules spell, listed below), and every `Type.field` literal a field of that type. And every
//! rule's `involves` list is checked against the schema as data.

use std::collections::BTreeSet;
use std::path::Path;

use eca_schema::Schema;

use crate::checks::rules::all_rules;

/// Identifier-like literals in the rules that are not field names: folder names come from the
/// schema; these are words of messages, values and URL parts.
const OTHER_WORDS: &[&str] = &[
    "and",
    "component",
    "empty",
    "enablements",
    "false",
    "file",
    "guest",
    "http",
    "https",
    "id",
    "incomplete",
    "localhost",
    "metadata",
    "profile",
    "ready",
    "settings",
    "strict",
    "true",
    "unknown",
    "visualforce",
    "x",
];

fn field_names() -> BTreeSet<&'static str> {
    Schema::get()
        .types
        .iter()
        .flat_map(|type_def| type_def.fields.iter().map(|field| field.name.as_str()))
        .collect()
}

fn folder_names() -> BTreeSet<&'static str> {
    Schema::get()
        .types
        .iter()
        .filter_map(|type_def| type_def.folder.as_deref())
        .map(|folder| folder.trim_end_matches('/'))
        .collect()
}

/// The string literals of a Rust source, outside its tests, that match `keep`.
fn literals(source: &str, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else {
            break;
        };
        let literal = &after[..end];
        // A literal ending in a backslash escapes its quote: skip past that quote.
        if literal.ends_with('\\') {
            rest = &after[end + 1..];
            continue;
        }
        if keep(literal) {
            found.push(literal.to_string());
        }
        rest = &after[end + 1..];
    }
    found
}

fn is_identifier(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|first| first.is_ascii_lowercase())
        && text.chars().all(|ch| ch.is_ascii_alphanumeric())
}

/// `Type.field` or `Type.*`.
fn type_and_field(text: &str) -> Option<(&str, &str)> {
    let (type_name, field) = text.split_once('.')?;
    let type_ok = type_name
        .chars()
        .next()
        .is_some_and(|first| first.is_ascii_uppercase())
        && type_name.chars().all(|ch| ch.is_ascii_alphanumeric());
    let field_ok = field == "*" || is_identifier(field);
    (type_ok && field_ok).then_some((type_name, field))
}

/// The problems of one source: names that are no field, `Type.field` pairs the schema lacks.
fn problems_of(file: &str, source: &str) -> Vec<String> {
    let fields = field_names();
    let folders = folder_names();
    let mut problems = Vec::new();
    for literal in literals(source, is_identifier) {
        if !fields.contains(literal.as_str())
            && !folders.contains(literal.as_str())
            && !OTHER_WORDS.contains(&literal.as_str())
        {
            problems.push(format!(
                "{file}: \"{literal}\" is no field of any schema type"
            ));
        }
    }
    for literal in literals(source, |text| type_and_field(text).is_some()) {
        if let Some((type_name, field)) = type_and_field(&literal) {
            if let Some(problem) = pair_problem(type_name, field) {
                problems.push(format!("{file}: {problem}"));
            }
        }
    }
    problems
}

fn pair_problem(type_name: &str, field: &str) -> Option<String> {
    let Some(type_def) = Schema::get().type_named(type_name) else {
        return Some(format!("`{type_name}` is no schema type"));
    };
    (field != "*" && type_def.field(field).is_none())
        .then(|| format!("`{type_name}` has no field `{field}`"))
}

#[test]
fn every_field_a_rule_reads_or_names_is_in_the_schema() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks/rules");
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&folder).expect("the rules folder") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if !name.ends_with(".rs") || name.contains("tests") {
            continue;
        }
        files += 1;
        let source = std::fs::read_to_string(&path).expect("a rules source");
        problems.extend(problems_of(name, &source));
    }
    assert!(
        files > 10,
        "read only {files} rule sources from {}",
        folder.display()
    );
    for rule in all_rules() {
        for involved in rule.involves {
            match type_and_field(involved) {
                Some((type_name, field)) => {
                    if let Some(problem) = pair_problem(type_name, field) {
                        problems.push(format!("{} involves {involved}: {problem}", rule.info.code));
                    }
                }
                None => problems.push(format!(
                    "{} involves {involved:?}, which is not `Type.field`",
                    rule.info.code
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_misspelt_name_fails() {
    let source = r#"
        fn check(view: &View) -> bool {
            view.is_true("isPkceRequred") && view.has("callbackUrl")
        }
        const INVOLVES: &[&str] = &["ExtlClntAppGlobalOauthSettings.isPkceRequred", "ExtlClntAppGlobalOauthSetting.callbackUrl"];
    "#;
    let problems = problems_of("example.rs", source);
    assert_eq!(
        problems,
        [
            "example.rs: \"isPkceRequred\" is no field of any schema type",
            "example.rs: `ExtlClntAppGlobalOauthSettings` has no field `isPkceRequred`",
            "example.rs: `ExtlClntAppGlobalOauthSetting` is no schema type",
        ]
    );
    assert!(problems_of("example.rs", r#"view.is_true("isPkceRequired")"#).is_empty());
}
