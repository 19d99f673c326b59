//! Every link the schema data gives is a page, every Setup label says where Setup shows it, and
//! every undocumented field or value says whether Salesforce was seen writing it.

use eca_schema::links::page_link_problem;
use eca_schema::{AllowedValue, Schema};

fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every URL in the schema data, with the place it sits.
fn all_links(schema: &Schema) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for type_def in &schema.types {
        links.extend(
            type_def
                .doc_url
                .iter()
                .map(|url| (type_def.name.clone(), url.clone())),
        );
        for field in &type_def.fields {
            let place = format!("{}.{}", type_def.name, field.name);
            links.extend(field.doc_url.iter().map(|url| (place.clone(), url.clone())));
            links.extend(
                field
                    .setup_label_source
                    .iter()
                    .map(|url| (format!("{place} (Setup label)"), url.clone())),
            );
        }
    }
    for flow in &schema.flows {
        links.extend(
            flow.sources
                .iter()
                .map(|url| (format!("flow {}", flow.id), url.clone())),
        );
    }
    links
}

#[test]
fn every_link_is_a_page_not_a_guide_root() {
    let problems = all_links(Schema::get())
        .into_iter()
        .filter_map(|(place, url)| {
            page_link_problem(&url).map(|problem| format!("{place}: {problem}"))
        })
        .collect();
    assert_no_problems(problems);
}

#[test]
fn the_link_check_tells_pages_from_roots() {
    let pages = [
        "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm",
        "https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-enable-auth-code-creds-flow.md",
        "https://help.salesforce.com/s/articleView?id=xcloud.eca_authorization_code_credentials.htm&type=5",
        "https://www.w3.org/TR/xml/",
    ];
    for page in pages {
        assert_eq!(page_link_problem(page), None, "{page}");
    }
    let roots = [
        "https://developer.salesforce.com/docs/atlas.en-us.260.0.api_meta.meta/api_meta/",
        "https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide",
        "https://help.salesforce.com/s/",
        "https://help.salesforce.com/s/articleView?type=5",
        "https://github.com/",
        "http://example.com/page.htm",
    ];
    for root in roots {
        assert!(page_link_problem(root).is_some(), "{root} passed");
    }
}

#[test]
fn setup_labels_say_where_setup_shows_them() {
    let mut problems = Vec::new();
    for type_def in &Schema::get().types {
        for field in &type_def.fields {
            let place = format!("{}.{}", type_def.name, field.name);
            match (&field.setup_label, &field.setup_label_source) {
                (Some(label), Some(_)) if label.trim().is_empty() => {
                    problems.push(format!("{place}: empty Setup label"));
                }
                (Some(_), None) => problems.push(format!("{place}: Setup label without a source")),
                (None, Some(_)) => {
                    problems.push(format!("{place}: a label source without a label"))
                }
                _ => {}
            }
            if field.setup_label_inverted && field.setup_label.is_none() {
                problems.push(format!("{place}: inverted, but no Setup label"));
            }
        }
    }
    assert_no_problems(problems);
}

/// The fields whose Setup label issue 10 names from the article's Setup route.
#[test]
fn the_article_s_setup_route_has_its_labels() {
    let schema = Schema::get();
    let expected = [
        (
            "ExtlClntAppGlobalOauthSettings",
            "isCodeCredFlowEnabled",
            "Enable Authorization Code and Credentials Flow",
        ),
        (
            "ExtlClntAppGlobalOauthSettings",
            "isCodeCredPostOnly",
            "Require user credentials in the POST body",
        ),
        (
            "ExtlClntAppGlobalOauthSettings",
            "isPkceRequired",
            "Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows",
        ),
        (
            "ExtlClntAppGlobalOauthSettings",
            "isConsumerSecretOptional",
            "Require Secret for Web Server Flow",
        ),
        (
            "ExtlClntAppOauthConfigurablePolicies",
            "permittedUsersPolicyType",
            "Permitted Users",
        ),
        (
            "ExtlClntAppOauthConfigurablePolicies",
            "isGuestCodeCredFlowEnabled",
            "Enable Code and Credentials Flow for Guest Users",
        ),
        (
            "ExtlClntAppOauthConfigurablePolicies",
            "guestJwtTimeout",
            "Guest JSON Web Token (JWT) Timeout",
        ),
        (
            "OauthOidcSettings",
            "oAuthCdCrdtFlowEnable",
            "Allow Authorization Code and Credentials Flows",
        ),
    ];
    let mut problems = Vec::new();
    for (type_name, field_name, label) in expected {
        let field = schema
            .type_named(type_name)
            .and_then(|t| t.field(field_name));
        let found = field.and_then(|field| field.setup_label.as_deref());
        if !found.is_some_and(|found| found.starts_with(label)) {
            problems.push(format!(
                "{type_name}.{field_name}: Setup label {found:?}, expected {label:?}"
            ));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn evidence_is_given_for_undocumented_items_only() {
    let schema = Schema::get();
    let mut problems = Vec::new();
    fn value_problems(
        problems: &mut Vec<String>,
        place: String,
        value: &AllowedValue,
        allowed: &[AllowedValue],
    ) {
        if value.documented && !value.internal && !value.written_by_salesforce.is_empty() {
            problems.push(format!(
                "{place}: documented and current, yet carries evidence that Salesforce writes it"
            ));
        }
        if let Some(written_as) = &value.written_as {
            if !allowed.iter().any(|other| &other.value == written_as) {
                problems.push(format!(
                    "{place}: written as `{written_as}`, which is not a listed value"
                ));
            }
        }
    }
    for type_def in &schema.types {
        for field in &type_def.fields {
            let place = format!("{}.{}", type_def.name, field.name);
            if field.documented
                && !field.internal
                && field.removed_in.is_none()
                && field.deprecated.is_none()
                && !field.written_by_salesforce.is_empty()
            {
                problems.push(format!(
                    "{place}: documented and current, yet carries evidence that Salesforce writes it"
                ));
            }
            if field.removed_in.is_some() && field.removed.is_none() {
                problems.push(format!(
                    "{place}: removed in a version, but no note says why"
                ));
            }
            for value in &field.allowed_values {
                value_problems(
                    &mut problems,
                    format!("{place} = {}", value.value),
                    value,
                    &field.allowed_values,
                );
            }
        }
    }
    for enum_def in &schema.enums {
        for value in &enum_def.values {
            value_problems(
                &mut problems,
                format!("{} = {}", enum_def.name, value.value),
                value,
                &enum_def.values,
            );
        }
    }
    assert_no_problems(problems);
}
