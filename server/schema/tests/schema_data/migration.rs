//! The Connected App → External Client App mapping covers every Connected App field of the
//! schema, names only External Client App fields that exist, translates every value a source
//! field can hold into a value its target accepts, and cites a Salesforce page for each row.

use std::collections::BTreeSet;

use eca_schema::{
    FieldDef, MigrationHow, MigrationOutcome, MigrationTarget, Schema, TypeDef, TypeFamily,
    ValueKind,
};

fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn connected_app_types(schema: &Schema) -> impl Iterator<Item = &TypeDef> {
    schema
        .types
        .iter()
        .filter(|type_def| type_def.family == TypeFamily::ConnectedApp)
}

/// The field `Type.field` names, if its type exists in the family.
fn field_of<'a>(
    schema: &'a Schema,
    path: &str,
    family: TypeFamily,
) -> Option<(&'a TypeDef, &'a FieldDef)> {
    let (type_name, field_name) = path.split_once('.')?;
    let type_def = schema.type_named(type_name)?;
    if type_def.family != family {
        return None;
    }
    Some((type_def, type_def.field(field_name)?))
}

/// The values a field accepts, empty when any value of its kind will do.
fn accepted<'a>(schema: &'a Schema, field: &'a FieldDef) -> Vec<&'a str> {
    if field.kind == ValueKind::Boolean {
        return vec!["true", "false"];
    }
    schema
        .values_of(field)
        .iter()
        .map(|value| value.value.as_str())
        .collect()
}

#[test]
fn every_connected_app_field_has_exactly_one_row() {
    let schema = Schema::get();
    let map = &schema.migration;
    let mut problems = Vec::new();
    let mut fields = BTreeSet::new();
    for type_def in connected_app_types(schema) {
        for field in &type_def.fields {
            let path = format!("{}.{}", type_def.name, field.name);
            let rows = map.rows.iter().filter(|row| row.from == path).count();
            if rows != 1 {
                problems.push(format!("{path}: {rows} rows, want exactly one"));
            }
            fields.insert(path);
        }
    }
    for row in &map.rows {
        if !fields.contains(&row.from) {
            problems.push(format!("row {}: no such Connected App field", row.from));
        }
    }
    assert!(fields.len() > 80, "only {} fields", fields.len());
    assert_no_problems(problems);
}

#[test]
fn each_row_is_mapped_to_existing_fields_or_says_why_not() {
    let schema = Schema::get();
    let map = &schema.migration;
    let mut problems = Vec::new();
    for row in &map.rows {
        let Some((_, source)) = field_of(schema, &row.from, TypeFamily::ConnectedApp) else {
            continue;
        };
        let place = &row.from;
        if row.sources.is_empty() {
            problems.push(format!("{place}: cites no source"));
        }
        for name in &row.sources {
            if !map.source_url(name).starts_with("https://") {
                problems.push(format!("{place}: source {name} is neither known nor a URL"));
            }
        }
        match row.outcome {
            MigrationOutcome::Mapped => {
                if row.to.is_empty() {
                    problems.push(format!("{place}: mapped to nothing"));
                }
                for target in &row.to {
                    problems.extend(target_problems(schema, place, source, target));
                }
            }
            MigrationOutcome::Container => {
                if source.kind != ValueKind::Nested || !row.to.is_empty() {
                    problems.push(format!(
                        "{place}: a container is a nested field with no targets"
                    ));
                }
            }
            MigrationOutcome::NotMigratable | MigrationOutcome::NotNeeded => {
                if row
                    .reason
                    .as_deref()
                    .is_none_or(|reason| reason.trim().is_empty())
                {
                    problems.push(format!("{place}: says no reason"));
                }
                if !row.to.is_empty() {
                    problems.push(format!("{place}: not carried over, yet has targets"));
                }
            }
        }
        if row.secret && row.outcome == MigrationOutcome::Mapped {
            problems.push(format!("{place}: a secret is never mapped"));
        }
        if source.sensitive && !row.secret {
            problems.push(format!("{place}: a sensitive field is a secret row"));
        }
    }
    assert_no_problems(problems);
}

fn target_problems(
    schema: &Schema,
    place: &str,
    source: &FieldDef,
    target: &MigrationTarget,
) -> Vec<String> {
    let mut problems = Vec::new();
    let Some((_, field)) = field_of(schema, &target.field, TypeFamily::ExternalClientApp) else {
        return vec![format!("{place}: target {} does not exist", target.field)];
    };
    let accepted_by_target = accepted(schema, field);
    let unaccepted =
        |value: &str| !accepted_by_target.is_empty() && !accepted_by_target.contains(&value);
    match target.how {
        MigrationHow::Copy => {
            for value in accepted(schema, source) {
                if unaccepted(value) {
                    problems.push(format!(
                        "{place}: {value} is copied to {}, which does not accept it",
                        target.field
                    ));
                }
            }
            if source.kind == ValueKind::Nested || field.kind == ValueKind::Nested {
                problems.push(format!("{place}: copies a nested element; map its fields"));
            }
        }
        MigrationHow::Values => {
            if target.values.is_empty() {
                problems.push(format!("{place}: translates through no values"));
            }
            for value in accepted(schema, source) {
                match target.values.get(value) {
                    None if target.untranslatable.contains_key(value) => {}
                    None => problems.push(format!("{place}: no translation of {value}")),
                    Some(translated) if unaccepted(translated) => problems.push(format!(
                        "{place}: {value} becomes {translated}, which {} does not accept",
                        target.field
                    )),
                    Some(_) => {}
                }
            }
        }
        MigrationHow::Join | MigrationHow::Scopes => {
            if target.separator.is_none() || !source.repeated {
                problems.push(format!(
                    "{place}: joins need a repeated source and a separator"
                ));
            }
            if field.repeated || field.kind != ValueKind::String {
                problems.push(format!("{place}: joins into a single string field"));
            }
        }
        MigrationHow::Part => {
            if target.part.is_none() {
                problems.push(format!("{place}: says no part"));
            }
            for translated in target.values.values() {
                if unaccepted(translated) {
                    problems.push(format!(
                        "{place}: part value {translated} is not accepted by {}",
                        target.field
                    ));
                }
            }
        }
        MigrationHow::Items => {
            let (Some(source_type), Some(target_type)) =
                (schema.nested_type_of(source), schema.nested_type_of(field))
            else {
                return vec![format!("{place}: items need nested fields on both sides")];
            };
            if target.items.is_empty() {
                problems.push(format!("{place}: renames no item fields"));
            }
            for (from, to) in &target.items {
                if source_type.field(from).is_none() || target_type.field(to).is_none() {
                    problems.push(format!("{place}: item field {from} -> {to} does not exist"));
                }
            }
        }
        MigrationHow::Constant => match &target.value {
            None => problems.push(format!("{place}: a constant needs a value")),
            Some(value) if unaccepted(value) => problems.push(format!(
                "{place}: constant {value} is not accepted by {}",
                target.field
            )),
            Some(_) => {}
        },
    }
    problems
}

#[test]
fn files_flows_and_notes_name_what_exists() {
    let schema = Schema::get();
    let map = &schema.migration;
    let mut problems = Vec::new();
    let switches = schema
        .type_named("ExtlClntAppConfigurablePolicies")
        .expect("the plugin policies type");
    for file in &map.files {
        let Some(type_def) = schema.type_named(&file.type_name) else {
            problems.push(format!("file type {} does not exist", file.type_name));
            continue;
        };
        if type_def.family != TypeFamily::ExternalClientApp || type_def.suffix.is_none() {
            problems.push(format!(
                "{}: not an External Client App component",
                type_def.name
            ));
        }
        if let Some(when) = &file.when {
            if field_of(schema, when, TypeFamily::ConnectedApp).is_none() {
                problems.push(format!("{}: when {when} does not exist", type_def.name));
            }
        }
        if let Some(switch) = &file.plugin_switch {
            if switches.field(switch).is_none() {
                problems.push(format!(
                    "{}: plugin switch {switch} does not exist",
                    type_def.name
                ));
            }
        }
        for constant in &file.set {
            let Some(field) = type_def.field(&constant.field) else {
                problems.push(format!(
                    "{}.{} does not exist",
                    type_def.name, constant.field
                ));
                continue;
            };
            let values = accepted(schema, field);
            if !values.is_empty() && !values.contains(&constant.value.as_str()) {
                problems.push(format!(
                    "{}.{}: {} is not accepted",
                    type_def.name, field.name, constant.value
                ));
            }
        }
    }
    for flow in &map.flows {
        if schema.flow(&flow.flow).is_none() {
            problems.push(format!("flow {} is not in flows.json", flow.flow));
        }
        for condition in flow.when.iter().flatten() {
            if field_of(schema, &condition.field, TypeFamily::ConnectedApp).is_none() {
                problems.push(format!(
                    "flow {}: {} does not exist",
                    flow.flow, condition.field
                ));
            }
            if condition.present == condition.value.is_some() {
                problems.push(format!(
                    "flow {}: {} needs a value or present",
                    flow.flow, condition.field
                ));
            }
        }
    }
    for note in &map.notes {
        if note
            .sources
            .iter()
            .any(|name| !map.source_url(name).starts_with("https://"))
        {
            problems.push(format!("note {}: an unknown source", note.id));
        }
    }
    assert_no_problems(problems);
}
