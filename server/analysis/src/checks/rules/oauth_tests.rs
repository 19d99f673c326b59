//! Tests of the OAuth rules (access, JWT, tokens, client credentials, token exchange, secrets):
//! every rule of the fact base is registered once, and fixtures for the cases the examples
//! (which `codes` checks for every rule) do not show — cross-file findings, missing files,
//! namespaced apps, several apps, fixes applied.

use expect_test::{Expect, expect};

use crate::checks::rules::all_rules;
use crate::checks::test_support::{project, render_fix, render_project_diagnostics_where};

/// The code prefixes of the rules these tests cover.
const SCOPE: &[&str] = &[
    "ECA-ACC-",
    "ECA-JWT-",
    "ECA-RT-",
    "ECA-SES-",
    "ECA-CC-",
    "ECA-TX-",
    "ECA-JWTB-",
    "ECA-SEC-",
];

/// Every rule id of this scope in the research fact base.
const FACT_IDS: &[&str] = &[
    "ECA-ACC-001",
    "ECA-ACC-002",
    "ECA-ACC-003",
    "ECA-ACC-004",
    "ECA-ACC-005",
    "ECA-ACC-006",
    "ECA-ACC-007",
    "ECA-JWT-001",
    "ECA-JWT-002",
    "ECA-JWT-GUEST-OMIT",
    "ECA-JWT-GUEST-NEED",
    "ECA-JWT-GUEST-VALUES",
    "ECA-JWT-NAMEDUSER-OMIT",
    "ECA-JWT-NAMEDUSER-NEED",
    "ECA-JWT-NAMEDUSER-VALUES",
    "ECA-JWT-002b",
    "ECA-JWT-003",
    "ECA-JWT-004",
    "ECA-JWT-005",
    "ECA-RT-001",
    "ECA-RT-002",
    "ECA-RT-003",
    "ECA-SES-001",
    "ECA-SES-002",
    "ECA-SES-003",
    "ECA-CC-001",
    "ECA-CC-002",
    "ECA-TX-001",
    "ECA-TX-002",
    "ECA-JWTB-001",
    "ECA-SEC-001",
    "ECA-SEC-002",
    "ECA-SEC-003",
    "ECA-SEC-004",
];

/// Codes of this scope that eca-ls added beyond the fact base, each for a documented reason:
/// ECA-RT-004, the idle refresh-token limit overriding `Infinite` (issue 10, evidence.md §12).
const ADDED_IDS: &[&str] = &["ECA-RT-004"];

fn in_scope(code: &str) -> bool {
    SCOPE.iter().any(|prefix| code.starts_with(prefix))
}

/// The findings of a fixture, those of this scope's rules only.
fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render_project_diagnostics_where(
        &project(fixture),
        in_scope,
    ));
}

#[test]
fn every_rule_of_the_fact_base_exists_once() {
    for id in FACT_IDS.iter().chain(ADDED_IDS) {
        let count = all_rules().filter(|rule| rule.info.code == *id).count();
        assert_eq!(count, 1, "{id} is registered {count} times");
    }
    let extra: Vec<&str> = all_rules()
        .map(|rule| rule.info.code)
        .filter(|code| in_scope(code) && !FACT_IDS.contains(code) && !ADDED_IDS.contains(code))
        .collect();
    assert!(extra.is_empty(), "rules not in the fact base: {extra:?}");
}

use crate::checks::rules::conditions::{
    component_file, org_oauth_settings, portal_global, portal_oauth, portal_policies,
};

/// The header of the app `Portal`.
macro_rules! portal_header {
    () => {
        component_file!(
            "externalClientApps",
            "Portal.eca-meta.xml",
            "ExternalClientApplication",
            "<distributionState>Local</distributionState>",
            "<label>Portal</label>",
        )
    };
}

#[test]
fn the_org_switch_is_noted_once_when_the_org_settings_are_missing() {
    check(
        concat!(
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 information[ECA-ACC-001] the Authorization Code and Credentials Flow is on for `Portal`, and the org must allow it too; the project has no `settings/OauthOidc.settings-meta.xml`, so check that *Allow Authorization Code and Credentials Flows* (`oAuthCdCrdtFlowEnable`) is on in the org
        "#]],
    );
}

#[test]
fn an_org_that_blocks_the_flow_is_fixed_in_the_org_settings_file() {
    let fixture = concat!(
        portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        org_oauth_settings!(
            "<blockOAuthUsrAgtFlow>true</blockOAuthUsrAgtFlow>",
            "<isPkceRequired>true</isPkceRequired>",
        ),
    );
    check(
        fixture,
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-ACC-001] `isCodeCredFlowEnabled` turns the Authorization Code and Credentials Flow on for `Portal`, but the org blocks it: `oAuthCdCrdtFlowEnable` in OauthOidc.settings-meta.xml is not set (it defaults to `false`); every request of the flow fails until the org allows it
              related OauthOidc.settings-meta.xml:2:2 the org-wide switch that blocks the flow
              fix* Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 information[ECA-ACC-003] headless flows need pre-authorized users; the project has no OAuth policies (`.ecaOauthPlcy`) for `Portal`, so check that *Admin approved users are pre-authorized* (`permittedUsersPolicyType` `AdminApprovedPreAuthorized`) is chosen in the org, or that the app does not use the flow
        "#]],
    );
    expect![[r#"
        //- /force-app/main/default/settings/OauthOidc.settings-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            <blockOAuthUsrAgtFlow>true</blockOAuthUsrAgtFlow>
            <isPkceRequired>true</isPkceRequired>
            <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
        </OauthOidcSettings>
    "#]]
    .assert_eq(&render_fix(
        &project(fixture),
        "ECA-ACC-001",
        "Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml",
    ));
}

#[test]
fn a_namespaced_app_reference_joins_its_header_and_the_org_settings() {
    check(
        concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>acme__Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>acme__Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
            org_oauth_settings!("<oAuthCdCrdtFlowEnable>false</oAuthCdCrdtFlowEnable>"),
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-ACC-001] `isCodeCredFlowEnabled` turns the Authorization Code and Credentials Flow on for `Portal`, but the org blocks it: `oAuthCdCrdtFlowEnable` in OauthOidc.settings-meta.xml is `false`; every request of the flow fails until the org allows it
              related OauthOidc.settings-meta.xml:3:6 the org-wide switch that blocks the flow
              fix* Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 warning[ECA-JWT-001] the guest flow is on but the app issues opaque tokens: `isNamedUserJwtEnabled` in Portal_glbloauth.ecaGlblOauth-meta.xml is not set (it defaults to `false`); guest users need JWT-based access tokens
              related Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 JWT-based access tokens are off here
              fix* Set `isNamedUserJwtEnabled` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 information[ECA-SES-002] only pre-authorized users may use the app (`AdminApprovedPreAuthorized`), but `commaSeparatedPermissionSet` and `commaSeparatedProfile` are empty: as written, nobody is pre-authorized; list the permission sets or profiles of the app's users
        "#]],
    );
}

#[test]
fn two_apps_in_one_project_are_kept_apart() {
    check(
        concat!(
            portal_header!(),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            component_file!(
                "extlClntAppGlobalOauthSets",
                "Batch_glbloauth.ecaGlblOauth-meta.xml",
                "ExtlClntAppGlobalOauthSettings",
                "<externalClientApplication>Batch</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<isCodeCredFlowEnabled>false</isCodeCredFlowEnabled>",
                "<label>Batch</label>",
            ),
            component_file!(
                "extlClntAppOauthPolicies",
                "Batch_oauthPlcy.ecaOauthPlcy-meta.xml",
                "ExtlClntAppOauthConfigurablePolicies",
                "<clientCredentialsFlowUser>batch@example.com</clientCredentialsFlowUser>",
                "<externalClientApplication>Batch</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<label>Batch</label>",
            ),
            // The Portal app's policies do not allow client credentials; Batch's do.
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
            org_oauth_settings!("<oAuthCdCrdtFlowEnable>false</oAuthCdCrdtFlowEnable>"),
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-ACC-001] `isCodeCredFlowEnabled` turns the Authorization Code and Credentials Flow on for `Portal`, but the org blocks it: `oAuthCdCrdtFlowEnable` in OauthOidc.settings-meta.xml is `false`; every request of the flow fails until the org allows it
              related OauthOidc.settings-meta.xml:3:6 the org-wide switch that blocks the flow
              fix* Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 information[ECA-SES-002] only pre-authorized users may use the app (`AdminApprovedPreAuthorized`), but `commaSeparatedPermissionSet` and `commaSeparatedProfile` are empty: as written, nobody is pre-authorized; list the permission sets or profiles of the app's users
        "#]],
    );
}

#[test]
fn the_guest_flow_fix_turns_jwt_tokens_on_in_the_global_settings() {
    let fixture = concat!(
        portal_header!(),
        portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        portal_global!(
            "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
    );
    expect![[r#"
        //- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>
            <externalClientApplication>Portal</externalClientApplication>
            <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
            <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>
            <label>Portal</label>
        </ExtlClntAppGlobalOauthSettings>
    "#]].assert_eq(&render_fix(
        &project(fixture),
        "ECA-JWT-001",
        "Set `isNamedUserJwtEnabled` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml",
    ));
}

#[test]
fn the_guest_flow_without_global_settings_gets_notes_not_warnings() {
    check(
        concat!(
            portal_header!(),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
                "<guestJwtTimeout>60</guestJwtTimeout>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
                "<namedUserJwtSessionTimeoutType>UserSession</namedUserJwtSessionTimeoutType>",
            ),
        ),
        expect![[r#"
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 information[ECA-JWT-001] the guest flow needs JWT-based access tokens; the project has no global OAuth settings for `Portal`, so check that `isNamedUserJwtEnabled` (Issue JWT-based access tokens) is on in the org
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 information[ECA-JWT-002] the guest flow is a variation of the Authorization Code and Credentials Flow; the project has no global OAuth settings for `Portal`, so check that `isCodeCredFlowEnabled` (Enable Authorization Code and Credentials Flow) is on in the org
        "#]],
    );
}

#[test]
fn an_ignored_timeout_can_be_removed_or_made_to_apply() {
    let fixture = portal_policies!(
        "<externalClientApplication>Portal</externalClientApplication>",
        "<guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>",
        "<guestJwtTimeout>30</guestJwtTimeout>",
        "<label>Portal</label>",
    );
    let project = project(fixture);
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>
            <label>Portal</label>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &project,
        "ECA-JWT-GUEST-OMIT",
        "Remove `guestJwtTimeout`",
    ));
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>
            <guestJwtTimeout>30</guestJwtTimeout>
            <label>Portal</label>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &project,
        "ECA-JWT-GUEST-OMIT",
        "Set `guestJwtSessionTimeoutType` to `Custom` so the timeout applies",
    ));
}

#[test]
fn a_custom_lifetime_without_a_timeout_gets_one_inserted() {
    let fixture = portal_policies!(
        "<externalClientApplication>Portal</externalClientApplication>",
        "<label>Portal</label>",
        "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
        "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
    );
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <label>Portal</label>
            <namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>
            <namedUserJwtTimeout>30</namedUserJwtTimeout>
            <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &project(fixture),
        "ECA-JWT-NAMEDUSER-NEED",
        "Set `namedUserJwtTimeout` to 30 minutes",
    ));
}

#[test]
fn a_retrieved_user_session_type_alone_is_not_a_jwt_lifetime() {
    check(
        concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<namedUserJwtSessionTimeoutType>UserSession</namedUserJwtSessionTimeoutType>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        expect![[r#""#]],
    );
}

#[test]
fn a_public_client_is_covered_by_an_org_that_requires_pkce() {
    let global = portal_global!(
        "<externalClientApplication>Portal</externalClientApplication>",
        "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
        "<isPkceRequired>false</isPkceRequired>",
        "<label>Portal</label>",
    );
    check(
        &[
            global,
            org_oauth_settings!("<isPkceRequired>true</isPkceRequired>"),
        ]
        .concat(),
        expect![[r#""#]],
    );
    check(
        &[
            global,
            org_oauth_settings!("<isPkceRequired>false</isPkceRequired>"),
        ]
        .concat(),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 warning[ECA-ACC-004] the app is a public client (`isConsumerSecretOptional` is `true`: codes are exchanged without the secret) but PKCE is not required: `isPkceRequired` in Portal_glbloauth.ecaGlblOauth-meta.xml is `false`; anyone who intercepts an authorization code can redeem it
              related Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 the secret is optional here
              related OauthOidc.settings-meta.xml:3:6 the org does not require PKCE either
              fix* Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
              fix Require the secret instead (`isConsumerSecretOptional` `false`, for a private client)
        "#]],
    );
    check(
        global,
        expect![[r#"
        Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 warning[ECA-ACC-004] the app is a public client (`isConsumerSecretOptional` is `true`: codes are exchanged without the secret) but PKCE is not required: `isPkceRequired` in Portal_glbloauth.ecaGlblOauth-meta.xml is `false`; anyone who intercepts an authorization code can redeem it (unless the org requires PKCE of every app: `isPkceRequired` in `settings/OauthOidc.settings-meta.xml`, which the project does not have)
          related Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 the secret is optional here
          fix* Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
          fix Require the secret instead (`isConsumerSecretOptional` `false`, for a private client)
    "#]],
    );
}

#[test]
fn a_first_party_app_without_its_policies_gets_one_note_for_them() {
    check(
        concat!(
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isFirstPartyAppEnabled>true</isFirstPartyAppEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isConsumerSecretOptional>false</isConsumerSecretOptional>",
                "<isPkceRequired>false</isPkceRequired>",
                "<label>Portal</label>",
            ),
        ),
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:5:6 warning[ECA-ACC-005] OAuth 2.0 for First-Party Applications needs `clientAssertionCertificate` set: Portal_oauth.ecaOauth-meta.xml does not set `clientAssertionCertificate`; checks the client-attestation JWT the app sends
              related Portal_oauth.ecaOauth-meta.xml:2:2 the setting to change
            Portal_oauth.ecaOauth-meta.xml:5:6 warning[ECA-ACC-005] OAuth 2.0 for First-Party Applications needs `isPkceRequired` = `true`: `isPkceRequired` in Portal_glbloauth.ecaGlblOauth-meta.xml is `false`; Salesforce requires PKCE for this flow
              related Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 the setting to change
              fix* Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
            Portal_oauth.ecaOauth-meta.xml:5:6 information[ECA-ACC-005] OAuth 2.0 for First-Party Applications is on and needs `permittedUsersPolicyType` = `AdminApprovedPreAuthorized` and `commaSeparatedPermissionSet` set; the project has no OAuth policies (`.ecaOauthPlcy`) for `Portal`, so check that in the org
        "#]],
    );
}

#[test]
fn client_credentials_on_in_the_policies_only() {
    let fixture = concat!(
        portal_global!(
            "<callbackUrl>https://localhost/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
        ),
    );
    check(
        fixture,
        expect![[r#"
        Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 warning[ECA-CC-001] this org allows the client credentials flow, but the app-wide switch is off: Portal_glbloauth.ecaGlblOauth-meta.xml does not set `isClientCredentialsFlowEnabled`; token requests fail until both are on
          related Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 the setting to change
          fix* Set `isClientCredentialsFlowEnabled` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
        Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 warning[ECA-CC-001] the client credentials flow is on but has no run-as user: Portal_oauthPlcy.ecaOauthPlcy-meta.xml does not set `clientCredentialsFlowUser`; tokens are issued for that user (an API-only user)
          related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 the setting to change
    "#]],
    );
    expect![[r#"
        //- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            <callbackUrl>https://localhost/callback</callbackUrl>
            <externalClientApplication>Portal</externalClientApplication>
            <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
            <label>Portal</label>
        </ExtlClntAppGlobalOauthSettings>
    "#]].assert_eq(&render_fix(
        &project(fixture),
        "ECA-CC-001",
        "Set `isClientCredentialsFlowEnabled` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml",
    ));
}

#[test]
fn client_credentials_without_the_policies_file_is_noted() {
    check(
        portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 information[ECA-CC-001] the client credentials flow is on in the global OAuth settings and needs `isClientCredentialsFlowEnabled` = `true` and `clientCredentialsFlowUser` set; the project has no OAuth policies (`.ecaOauthPlcy`) for `Portal`, so check that in the org
        "#]],
    );
}

#[test]
fn an_unused_run_as_user_is_left_to_cc_001_when_the_app_switch_is_on() {
    check(
        concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-CC-001] the client credentials flow is on for the app, but this org's OAuth policies do not allow it: `isClientCredentialsFlowEnabled` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml is `false`; token requests fail until both are on
              related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 the setting to change
              fix* Set `isClientCredentialsFlowEnabled` to `true` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        "#]],
    );
}

#[test]
fn token_exchange_allowed_by_the_policies_only_and_both_on() {
    let policies = portal_policies!(
        "<externalClientApplication>Portal</externalClientApplication>",
        "<isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>",
        "<label>Portal</label>",
    );
    check(
        &[
            policies,
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>",
                "<label>Portal</label>",
            ),
        ]
        .concat(),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 hint[ECA-TX-002] `isSecretRequiredForTokenExchange` has no effect while token exchange is off (`isTokenExchangeEnabled` is not `true` in this file)
              related Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 the switch of token exchange
              fix Remove `isSecretRequiredForTokenExchange`
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 warning[ECA-TX-001] this org allows the token exchange flow, but the app-wide switch is off: Portal_glbloauth.ecaGlblOauth-meta.xml does not set `isTokenExchangeEnabled`; every exchange fails until both are on
              related Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 the other switch of the flow
              fix* Set `isTokenExchangeEnabled` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
        "#]],
    );
    check(
        &[
            policies,
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>",
                "<isTokenExchangeEnabled>true</isTokenExchangeEnabled>",
                "<label>Portal</label>",
            ),
        ]
        .concat(),
        expect![[r#""#]],
    );
}

#[test]
fn what_retrieve_writes_for_zero_and_infinite_refresh_tokens_is_not_reported() {
    check(
        portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>Zero</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>",
        ),
        expect![[r#""#]],
    );
    check(
        portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>Zero</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Hours</refreshTokenValidityUnit>",
        ),
        expect![[r#"
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 warning[ECA-RT-001] the refresh-token validity (0 Hours) is ignored: `refreshTokenPolicyType` is `Zero`, so refresh tokens are not kept at all; `refreshTokenValidityPeriod` and `refreshTokenValidityUnit` apply only to `SpecificLifetime` and `SpecificInactivity`
              related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 the policy that ignores the validity
              fix Remove the refresh-token validity
              fix Set `refreshTokenPolicyType` to `SpecificLifetime` so the validity applies
        "#]],
    );
}

#[test]
fn a_missing_refresh_token_validity_is_inserted_in_order() {
    let project = project(portal_policies!(
        "<externalClientApplication>Portal</externalClientApplication>",
        "<label>Portal</label>",
        "<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>",
        "<requiredSessionLevel>STANDARD</requiredSessionLevel>",
    ));
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <label>Portal</label>
            <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>
            <refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>
            <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>
            <requiredSessionLevel>STANDARD</requiredSessionLevel>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &project,
        "ECA-RT-002",
        "Set the refresh-token validity to 365 Days",
    ));
    let months = project_with_unit("Months");
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <label>Portal</label>
            <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>
            <refreshTokenValidityPeriod>12</refreshTokenValidityPeriod>
            <refreshTokenValidityUnit>Months</refreshTokenValidityUnit>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &months,
        "ECA-RT-002",
        "Set `refreshTokenValidityPeriod` to 12 (Months)",
    ));
}

fn project_with_unit(unit: &str) -> crate::model::project::Project {
    project(
        &portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>",
            "<refreshTokenValidityUnit>UNIT</refreshTokenValidityUnit>",
        )
        .replace("UNIT", unit),
    )
}

#[test]
fn secrets_are_found_in_nested_push_settings_and_as_pasted_private_keys() {
    check(
        concat!(
            component_file!(
                "extlClntAppPushSettings",
                "Portal_push.ecaPush-meta.xml",
                "ExtlClntAppPushSettings",
                "<applePushConfig>",
                "    <environment>Production</environment>",
                "    <keyIdentifier>ABC123DEFG</keyIdentifier>",
                "    <signingKey>LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR1RBZ0VBTUJN</signingKey>",
                "    <teamIdentifier>DEF123GHIJ</teamIdentifier>",
                "</applePushConfig>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<pushServiceType>Apple</pushServiceType>",
            ),
            portal_global!(
                "<certificate>-----BEGIN PRIVATE KEY-----",
                "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
                "-----END PRIVATE KEY-----</certificate>",
                "<consumerKey>3MVG9Example.ClientId</consumerKey>",
                "<consumerSecret></consumerSecret>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:3:6 information[ECA-JWTB-001] this certificate turns the JWT bearer flow on for `Portal`: a client holding the matching private key can get access tokens for the users the app's OAuth policies allow, without them logging in
            Portal_glbloauth.ecaGlblOauth-meta.xml:3:6 warning[ECA-SEC-001] `certificate` contains a private key: only the public certificate belongs in this file; remove the key and replace it, since anyone who can read the repository can use it
              fix* Remove `certificate`
            Portal_push.ecaPush-meta.xml:6:10 warning[ECA-SEC-001] `signingKey` holds a secret in a file meant for source control: anyone who can read the repository can use it; remove the value and keep it in the org or a secret store (rotate it if it was ever committed)
              fix* Remove `signingKey`
        "#]],
    );
}

/// The raw text is searched for the marker before a value is decoded; a character reference
/// can spell part of it, the predefined entities cannot.
#[test]
fn a_private_key_is_found_through_references() {
    check(
        portal_global!(
            "<certificate>-----BEGIN PRIVATE&#32;KEY-----",
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7&amp;",
            "-----END PRIVATE&#x20;KEY-----</certificate>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal &amp; PRIVATE KEY</label>",
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:3:6 information[ECA-JWTB-001] this certificate turns the JWT bearer flow on for `Portal`: a client holding the matching private key can get access tokens for the users the app's OAuth policies allow, without them logging in
            Portal_glbloauth.ecaGlblOauth-meta.xml:3:6 warning[ECA-SEC-001] `certificate` contains a private key: only the public certificate belongs in this file; remove the key and replace it, since anyone who can read the repository can use it
              fix* Remove `certificate`
        "#]],
    );
}

#[test]
fn placeholders_and_client_ids_are_not_secrets() {
    check(
        portal_global!(
            "<consumerKey>3MVG9Example.ClientId</consumerKey>",
            "<consumerSecret>{{CONSUMER_SECRET}}</consumerSecret>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        expect![[r#""#]],
    );
    check(
        portal_global!(
            "<consumerSecret>REDACTED_SEE_VAULT</consumerSecret>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<shouldRotateConsumerKey>true</shouldRotateConsumerKey>",
            "<shouldRotateConsumerSecret>true</shouldRotateConsumerSecret>",
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:6:6 warning[ECA-SEC-002] `shouldRotateConsumerKey` is `true`: every deploy of this file replaces the consumer key (and needs *ignore warnings*), cutting off every client that still uses the old one; set it back to `false` once the rotation is done
              fix Set `shouldRotateConsumerKey` to `false`
            Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 warning[ECA-SEC-002] `shouldRotateConsumerSecret` is `true`: every deploy of this file replaces the consumer secret (and needs *ignore warnings*), cutting off every client that still uses the old one; set it back to `false` once the rotation is done
              fix Set `shouldRotateConsumerSecret` to `false`
        "#]],
    );
}

#[test]
fn described_and_empty_push_credentials_are_not_secrets() {
    check(
        component_file!(
            "extlClntAppPushSettings",
            "Portal_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>portal-app</fcmProject>",
            "    <serviceAccount>{}</serviceAccount>",
            "</androidPushConfig>",
            "<applePushConfig>",
            "    <certificate>(p12 in Base64)</certificate>",
            "    <environment>Sandbox</environment>",
            "    <password>***</password>",
            "</applePushConfig>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<pushServiceType>Both</pushServiceType>",
        ),
        expect![[r#""#]],
    );
}

#[test]
fn permission_sets_under_self_authorization_and_session_levels() {
    check(
        portal_policies!(
            "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
            "<commaSeparatedProfile>Customer Community User</commaSeparatedProfile>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
            "<policyAction>RaiseSessionLevel</policyAction>",
            "<requiredSessionLevel>HIGH_ASSURANCE</requiredSessionLevel>",
        ),
        expect![[r#"
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 information[ECA-SES-003] `commaSeparatedPermissionSet` names pre-authorized users, but `permittedUsersPolicyType` is `AllSelfAuthorized`: every user may approve the app, so the list is most likely ignored
              related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:7:6 who may use the app
              fix Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized`
              fix Remove `commaSeparatedPermissionSet`
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 information[ECA-SES-003] `commaSeparatedProfile` names pre-authorized users, but `permittedUsersPolicyType` is `AllSelfAuthorized`: every user may approve the app, so the list is most likely ignored
              related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:7:6 who may use the app
              fix Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized`
              fix Remove `commaSeparatedProfile`
        "#]],
    );
}
