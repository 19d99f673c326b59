//! The lookups the analysis layer relies on, against the real data.

use eca_schema::{AllowedValue, ApiVersion, Schema, TypeDef};
use expect_test::{Expect, expect};

fn type_name(type_def: Option<&TypeDef>) -> &str {
    type_def.map_or("none", |type_def| type_def.name.as_str())
}

fn check_values(type_name: &str, field_name: &str, expected: Expect) {
    let schema = Schema::get();
    let field = schema
        .type_named(type_name)
        .and_then(|type_def| type_def.field(field_name))
        .expect("the field exists");
    let lines: Vec<String> = schema.values_of(field).iter().map(render_value).collect();
    expected.assert_eq(&lines.join("\n"));
}

fn render_value(value: &AllowedValue) -> String {
    let mut line = format!("{}: {}", value.value, value.meaning);
    if let Some(since) = value.since {
        line.push_str(&format!(" [since {since}]"));
    }
    if !value.documented {
        line.push_str(" [undocumented]");
    }
    if value.internal {
        line.push_str(" [internal]");
    }
    line
}

#[test]
fn a_type_is_found_by_suffix() {
    let schema = Schema::get();
    let found = [
        "eca",
        "ecaOauthPlcy",
        "ecaGlblOauth",
        "ecaOauthSecurity",
        "settings",
        "ecaGlobalOauth",
    ]
    .map(|suffix| format!("{suffix} -> {}", type_name(schema.type_for_suffix(suffix))));
    expect![[r#"
        eca -> ExternalClientApplication
        ecaOauthPlcy -> ExtlClntAppOauthConfigurablePolicies
        ecaGlblOauth -> ExtlClntAppGlobalOauthSettings
        ecaOauthSecurity -> ExtlClntAppOauthSecuritySettings
        settings -> none
        ecaGlobalOauth -> none"#]]
    .assert_eq(&found.join("\n"));
}

#[test]
fn a_type_is_found_by_root_element_but_never_a_nested_one() {
    let schema = Schema::get();
    let found = [
        "ExtlClntAppGlobalOauthSettings",
        "OauthOidcSettings",
        "ExtlClntAppAttestSettings",
        "ExtlClntAppOauthIpRange",
        "ConnectedApp",
    ]
    .map(|root| {
        format!(
            "{root} -> {}",
            type_name(schema.type_for_root_element(root))
        )
    });
    expect![[r#"
        ExtlClntAppGlobalOauthSettings -> ExtlClntAppGlobalOauthSettings
        OauthOidcSettings -> OauthOidcSettings
        ExtlClntAppAttestSettings -> ExtlClntAppAttestSettings
        ExtlClntAppOauthIpRange -> none
        ConnectedApp -> ConnectedApp"#]]
    .assert_eq(&found.join("\n"));
}

#[test]
fn a_settings_type_is_found_by_settings_name() {
    let schema = Schema::get();
    let found = ["OauthOidc", "ExternalClientApp", "Security"].map(|name| {
        format!(
            "{name} -> {}",
            type_name(schema.type_for_settings_name(name))
        )
    });
    expect![[r#"
        OauthOidc -> OauthOidcSettings
        ExternalClientApp -> ExternalClientAppSettings
        Security -> none"#]]
    .assert_eq(&found.join("\n"));
}

#[test]
fn the_jwt_timeouts_list_their_values_with_versions() {
    check_values(
        "ExtlClntAppOauthConfigurablePolicies",
        "guestJwtTimeout",
        expect![[r#"
            1: 1 minute
            5: 5 minutes
            10: 10 minutes
            15: 15 minutes
            30: 30 minutes
            60: 1 hour (60 minutes) [since 65.0]
            90: 1 hour 30 minutes (90 minutes) [since 65.0]
            120: 2 hours (120 minutes) [since 65.0]
            240: 4 hours (240 minutes) [since 65.0]
            480: 8 hours (480 minutes) [since 65.0]
            720: 12 hours (720 minutes) [since 65.0]"#]],
    );
}

#[test]
fn a_plain_string_field_lists_its_values() {
    check_values(
        "ExtlClntAppOauthConfigurablePolicies",
        "refreshTokenValidityUnit",
        expect![[r#"
            Days: The period counts days.
            Hours: The period counts hours.
            Months: The period counts months."#]],
    );
}

#[test]
fn an_enum_field_lists_its_enum_members() {
    check_values(
        "ExternalClientApplication",
        "distributionState",
        expect![[r#"
            Local: Stays in the org that created it; not distributed.
            Packaged: Meant to be distributed to other orgs in a package.
            Managed: Set by Salesforce only; don't write it. [internal]
            AutoInstalled: Set by Salesforce only; don't write it. [internal]"#]],
    );
}

#[test]
fn a_free_field_lists_no_values() {
    check_values("ExtlClntAppGlobalOauthSettings", "callbackUrl", expect![""]);
}

#[test]
fn the_default_api_version_is_the_newest_that_is_not_a_preview() {
    let schema = Schema::get();
    assert_eq!(schema.newest_api_version(), ApiVersion::new(67, 0));
    let releases = ["65.0", "67.0", "68.0", "28.0"].map(|text| {
        let version: ApiVersion = text.parse().expect("a version");
        format!(
            "{version} -> {}",
            schema.release_name(version).unwrap_or("unknown")
        )
    });
    expect![[r#"
        65.0 -> Winter '26
        67.0 -> Summer '26
        68.0 -> Winter '27
        28.0 -> unknown"#]]
    .assert_eq(&releases.join("\n"));
}

#[test]
fn api_versions_parse_display_and_order() {
    let parsed = ["65.0", "65", " 66.0 ", "9.0", "sixty", "65.0.1", ""].map(|text| match text
        .parse::<ApiVersion>(
    ) {
        Ok(version) => format!("{text:?} -> {version}"),
        Err(error) => format!("{text:?} -> error: {error}"),
    });
    expect![[r#"
        "65.0" -> 65.0
        "65" -> 65.0
        " 66.0 " -> 66.0
        "9.0" -> 9.0
        "sixty" -> error: `sixty` is not an API version: write it like `65.0`
        "65.0.1" -> error: `65.0.1` is not an API version: write it like `65.0`
        "" -> error: `` is not an API version: write it like `65.0`"#]]
    .assert_eq(&parsed.join("\n"));
    assert!(ApiVersion::new(9, 0) < ApiVersion::new(10, 0));
    assert!(ApiVersion::new(64, 0) < ApiVersion::new(65, 0));
    assert!(ApiVersion::new(65, 0) < ApiVersion::new(65, 1));
}

#[test]
fn scopes_and_flows_are_found_by_their_names() {
    let schema = Schema::get();
    let scopes = ["Api", "MCP", "CDP", "api"].map(|token| match schema.scope(token) {
        Some(scope) if scope.documented => format!("{token}: documented"),
        Some(_) => format!("{token}: seen in real orgs only"),
        None => format!("{token}: unknown"),
    });
    expect![[r#"
        Api: documented
        MCP: documented
        CDP: seen in real orgs only
        api: unknown"#]]
    .assert_eq(&scopes.join("\n"));
    let guest = schema.flow("headless-guest").expect("the guest flow");
    assert_eq!(guest.variation_of.as_deref(), Some("code-credentials"));
    assert!(schema.flow("implicit").is_none());
}

#[test]
fn the_nested_type_of_a_field_is_found_for_nested_fields_only() {
    let schema = Schema::get();
    let mut lines = Vec::new();
    for type_def in &schema.types {
        for field in &type_def.fields {
            let nested = schema.nested_type_of(field);
            assert_eq!(
                nested.is_some(),
                field.kind == eca_schema::ValueKind::Nested,
                "{}.{}",
                type_def.name,
                field.name
            );
            if let Some(nested) = nested {
                lines.push(format!(
                    "{}.{} -> {}",
                    type_def.name, field.name, nested.name
                ));
            }
        }
    }
    assert!(lines.len() >= 3, "too few nested fields: {lines:?}");
    expect![[r#"
        ExtlClntAppOauthSettings.customAttributes -> ExtlClntAppOauthSettingsAttribute
        ExtlClntAppOauthSettings.trustedIpRanges -> ExtlClntAppOauthIpRange
        ExtlClntAppGlobalOauthSettings.idTokenConfig -> ExternalAppIdTokenConfig
        ExtlClntAppOauthConfigurablePolicies.customAttributes -> ExtlClntAppOauthPoliciesAttribute
        ExtlClntAppNotificationSettings.notificationTypes -> ExtlClntAppNotificationType
        ExtlClntAppPushSettings.androidPushConfig -> ExtlClntAppAndroidPushConfig
        ExtlClntAppPushSettings.applePushConfig -> ExtlClntAppApplePushConfig
        ExtlClntAppSamlConfigurablePolicies.customAttributes -> ExtlClntAppSamlConfigurablePoliciesAttribute
        ConnectedApp.attributes -> ConnectedAppAttribute
        ConnectedApp.canvas -> CanvasMetadata
        ConnectedApp.canvasConfig -> ConnectedAppCanvasConfig
        ConnectedApp.ipRanges -> ConnectedAppIpRange
        ConnectedApp.mobileAppConfig -> ConnectedAppMobileDetailConfig
        ConnectedApp.oauthConfig -> ConnectedAppOauthConfig
        ConnectedApp.oauthPolicy -> ConnectedAppOauthPolicy
        ConnectedApp.samlConfig -> ConnectedAppSamlConfig
        ConnectedApp.sessionPolicy -> ConnectedAppSessionPolicy
        ConnectedAppOauthConfig.assetTokenConfig -> ConnectedAppOauthAssetToken
        ConnectedAppOauthConfig.idTokenConfig -> ConnectedAppOauthIdToken
        OauthTokenExchangeHandler.enablements -> OauthTokenExchHandlerApp"#]].assert_eq(&lines.join("\n"));
}
