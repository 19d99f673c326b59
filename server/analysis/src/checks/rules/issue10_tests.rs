//! The cases issue 10 names, each as a fixture: what eca-ls says on them now that its advice
//! follows Salesforce's pages (and says where they disagree).

use expect_test::{Expect, expect};

use crate::checks::test_support::{project, render_project_diagnostics_where};
use crate::model::diagnostic::FixSafety;

/// The findings with one of `codes`, rendered with their fixes.
fn check(fixture: &str, codes: &[&str], expect: Expect) {
    expect.assert_eq(&render_project_diagnostics_where(
        &project(fixture),
        |code| codes.contains(&code),
    ));
}

const HEADER: &str = "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <distributionState>Local</distributionState>
    <label>Portal</label>
</ExternalClientApplication>
";

#[test]
fn a_public_client_without_an_is_pkce_required_element() {
    check(
        "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://portal.example.com/callback</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isConsumerSecretOptional>true</isConsumerSecretOptional>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
",
        &["ECA-ACC-004"],
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 warning[ECA-ACC-004] the app is a public client (`isConsumerSecretOptional` is `true`: codes are exchanged without the secret) but PKCE is not required: `isPkceRequired` in Portal_glbloauth.ecaGlblOauth-meta.xml is not set (the Metadata API page calls `true` the default, but Setup treats it as an opt-in and no page says what an app without the element gets); anyone who intercepts an authorization code can redeem it (unless the org requires PKCE of every app: `isPkceRequired` in `settings/OauthOidc.settings-meta.xml`, which the project does not have)
              related Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 the secret is optional here
              fix* Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
              fix Require the secret instead (`isConsumerSecretOptional` `false`, for a private client)
        "#]],
    );
}

/// An app with the code-credentials switch on and every user self-authorizing: the app may be
/// used with the ordinary web server flow and a consent page as well. The writers' tests fix
/// it in bulk.
pub(crate) const CODE_CREDENTIALS_SELF_AUTHORIZED: &str =
    "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://portal.example.com/callback</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <isPkceRequired>true</isPkceRequired>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
";

#[test]
fn code_credentials_with_self_authorized_users_offers_both_ways_out() {
    check(
        CODE_CREDENTIALS_SELF_AUTHORIZED,
        &["ECA-ACC-003"],
        expect![[r#"
        Portal_glbloauth.ecaGlblOauth-meta.xml:5:6 warning[ECA-ACC-003] the Authorization Code and Credentials Flow shows users no page where they could approve the app, but the users are not pre-authorized: `permittedUsersPolicyType` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml is `AllSelfAuthorized`; turn the flow off if the app does not use it, or pre-authorize the users (everyone who uses the app now then loses access until their permission set or profile is listed)
          related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 who may use the app
          fix Turn the Authorization Code and Credentials Flow off (`isCodeCredFlowEnabled` `false`), if the app does not use it
          fix Pre-authorize users (`permittedUsersPolicyType` `AdminApprovedPreAuthorized` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml): every user who uses the app now loses access until a listed permission set or profile pre-authorizes them
    "#]],
    );
    let all = crate::checks::project_diagnostics(&project(CODE_CREDENTIALS_SELF_AUTHORIZED));
    let finding = all
        .values()
        .flatten()
        .find(|diagnostic| diagnostic.code == "ECA-ACC-003")
        .expect("ECA-ACC-003");
    assert_eq!(finding.fixes.len(), 2);
    assert!(
        finding.fixes.iter().all(|fix| !fix.preferred),
        "neither is preferred"
    );
    assert!(
        finding
            .fixes
            .iter()
            .all(|fix| fix.safety == FixSafety::Unsafe)
    );
}

#[test]
fn a_packaged_app_keeps_its_oauth_link() {
    check(
        &format!(
            "{}//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
    <oauthLink>00D5j00000CuFvR:888WD000000BWZF</oauthLink>
</ExtlClntAppOauthSettings>
",
            HEADER.replace("Local", "Packaged")
        ),
        &["ECA-REF-003"],
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:6:16 hint[ECA-REF-003] `oauthLink` ties these OAuth settings to the OAuth consumer of the org `00D5j00000CuFvR`; this app is `Packaged`, and a packaged app keeps the link to use the OAuth settings of the org that developed it: remove it only where the app is to get its own global OAuth settings
              fix Remove `oauthLink` (only if the app gets its own global OAuth settings where it is deployed)
        "#]],
    );
}

#[test]
fn policies_named_as_tools_name_them_belong_to_their_app() {
    // `<App>_oauth_defaultPolicy`, as CumulusCI and subscriber orgs name it: tied to `Portal` by
    // its `externalClientApplication`, checked with the app's other files.
    check(
        &format!(
            "{HEADER}//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        &["ECA-REF-001", "ECA-CC-001", "ECA-REF-011"],
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-CC-001] the client credentials flow is on for the app, but this org's OAuth policies do not allow it: `isClientCredentialsFlowEnabled` in Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml is `false`; token requests fail until both are on
              related Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml:4:6 the setting to change
              fix* Set `isClientCredentialsFlowEnabled` to `true` in Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-CC-001] the client credentials flow is on but has no run-as user: Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml does not set `clientCredentialsFlowUser`; tokens are issued for that user (an API-only user)
              related Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml:2:2 the setting to change
        "#]],
    );
}

#[test]
fn one_policies_component_in_both_formats_is_said_to_be_so() {
    check(
        &format!(
            "{HEADER}//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        &["ECA-REF-011"],
        expect![[r#"
            Portal_oauthPlcy.ecaOauthPlcy:3:6 information[ECA-REF-011] the app `Portal` has 2 OAuth policies files; besides this one: Portal_oauthPlcy.ecaOauthPlcy-meta.xml (the same component in the other file format). An app has one set of OAuth policies (Setup names it `Portal_oauthPlcy`, tools often `Portal_oauth_defaultPolicy`): keep one file and merge what you need into it
              related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 another OAuth policies file of the same app
            Portal_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 information[ECA-REF-011] the app `Portal` has 2 OAuth policies files; besides this one: Portal_oauthPlcy.ecaOauthPlcy (the same component in the other file format). An app has one set of OAuth policies (Setup names it `Portal_oauthPlcy`, tools often `Portal_oauth_defaultPolicy`): keep one file and merge what you need into it
              related Portal_oauthPlcy.ecaOauthPlcy:3:6 another OAuth policies file of the same app
        "#]],
    );
}

#[test]
fn a_retrieved_push_file_with_its_generated_link_is_a_warning() {
    check(
        "//- /force-app/main/default/extlClntAppPushSettings/Portal_push.ecaPush-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppPushSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <applePushConfig>
        <applicationBundle>com.example.portal</applicationBundle>
        <environment>Production</environment>
        <keyIdentifier>ABC123DEFG</keyIdentifier>
        <teamIdentifier>TEAM123456</teamIdentifier>
    </applePushConfig>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
    <pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>
    <pushServiceType>Apple</pushServiceType>
</ExtlClntAppPushSettings>
",
        &["ECA-PUSH-001"],
        expect![[r#"
            Portal_push.ecaPush-meta.xml:11:6 warning[ECA-PUSH-001] push settings hold only one of `androidPushConfig`, `applePushConfig` and `pushConfigLink`, but this file has `applePushConfig` and `pushConfigLink` (Salesforce generates the link when a configuration is saved, so a retrieved file holds both: keep the configuration to deploy it here, or only the link to reuse this org's credentials elsewhere)
              related Portal_push.ecaPush-meta.xml:3:6 `applePushConfig` is here
              fix* Keep only `applePushConfig`
              fix Keep only `pushConfigLink`
        "#]],
    );
}

#[test]
fn the_relaxed_refresh_spelling_salesforce_writes_is_clean_and_the_pages_is_warned() {
    let policies = |value: &str| {
        format!(
            "{HEADER}//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <ipRelaxationPolicyType>{value}</ipRelaxationPolicyType>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        )
    };
    check(
        &policies("Enforce_relaxrefresh"),
        &["invalid-value", "undocumented"],
        expect![[""]],
    );
    check(
        &policies("Enforce_RelaxRefresh"),
        &["invalid-value", "undocumented"],
        expect![[r#"
        Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:29 warning[invalid-value] `Enforce_RelaxRefresh` is how the page of `ExtlClntAppOauthConfigurablePolicies` spells this value of `ipRelaxationPolicyType`, but Salesforce writes `Enforce_relaxrefresh` in retrieved files and its deploy validation names that spelling: a deploy may reject `Enforce_RelaxRefresh`
          fix* Change to `Enforce_relaxrefresh`
    "#]],
    );
}

#[test]
fn undocumented_fields_are_a_hint_or_information_where_salesforce_writes_them() {
    check(
        "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isDPopEnabled>false</isDPopEnabled>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppCanvasSettings/Portal.ecaCanvas-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <accessMethod>Get</accessMethod>
    <canvasOptions>PersonalEnabled</canvasOptions>
    <canvasUrl>https://portal.example.com/canvas</canvasUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppCanvasSettings>
",
        &["undocumented"],
        expect![[r#"
            Portal.ecaCanvas-meta.xml:4:20 hint[undocumented] `PersonalEnabled` is not a value of `canvasOptions` in Salesforce's documentation, and nobody has seen Salesforce write it: a deploy may reject it
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 information[undocumented] `isDPopEnabled` is not a field of `ExtlClntAppGlobalOauthSettings` in Salesforce's documentation, but Salesforce writes it: seen in files retrieved from real orgs: imdilipsubramaniam/DssOrg (extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml), unofficialbox/box-bedrock-for-clm (Box_Automate_CLM_glbloauth.ecaGlblOauth-meta.xml)
        "#]],
    );
}

#[test]
fn consumer_secret_access_is_deprecated_at_api_66_only() {
    let settings = |version: &str| {
        format!(
            "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"{version}\" }}\n//- /force-app/main/default/settings/ExternalClientApp.settings-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <enableConsumerSecretApiAccess>true</enableConsumerSecretApiAccess>
</ExternalClientAppSettings>
"
        )
    };
    check(&settings("65.0"), &["deprecated"], expect![[""]]);
    check(
        &settings("66.0"),
        &["deprecated"],
        expect![[r#"
        ExternalClientApp.settings-meta.xml:3:6 warning[deprecated] `enableConsumerSecretApiAccess` of `ExternalClientAppSettings` is deprecated since API 66.0 (the pages after API 66.0 no longer mark it)
    "#]],
    );
    check(&settings("67.0"), &["deprecated"], expect![[""]]);
}

#[test]
fn enable_external_client_apps_is_reported_from_the_version_that_dropped_it() {
    let settings = |version: &str| {
        format!(
            "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"{version}\" }}\n//- /force-app/main/default/settings/ExternalClientApp.settings-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <enableExternalClientApps>true</enableExternalClientApps>
</ExternalClientAppSettings>
"
        )
    };
    check(
        &settings("63.0"),
        &["api-version", "unknown-element"],
        expect![[""]],
    );
    check(
        &settings("64.0"),
        &["api-version", "unknown-element"],
        expect![[r#"
            ExternalClientApp.settings-meta.xml:3:6 warning[api-version] `enableExternalClientApps` of `ExternalClientAppSettings` is gone from the documentation since API 64.0, and this project uses API 64.0 (sourceApiVersion in /sfdx-project.json): a deploy may reject it. Documented on the 59.0 page only: the WSDL of about 64.0 and the 66.0 and 67.0 pages no longer have it. Orgs still return it on retrieve as an empty `xsi:nil="true"` element.
              fix Remove `enableExternalClientApps`
        "#]],
    );
}

/// With the idle refresh-token limit on, the org treats `Infinite` as 30 days of inactivity and
/// leaves the file as it was: said as information, with the file's own words kept.
#[test]
fn infinite_refresh_tokens_under_the_idle_limit_say_what_the_org_does() {
    let app = |limit: &str| {
        format!(
            "{HEADER}//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isEnforceRefreshTokenTTL>{limit}</isEnforceRefreshTokenTTL>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
"
        )
    };
    check(
        &app("true"),
        &["ECA-RT-004"],
        expect![[r#"
        Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml:5:6 information[ECA-RT-004] `refreshTokenPolicyType` is `Infinite`, but the app's global OAuth settings switch the 30-day idle refresh-token limit on (`isEnforceRefreshTokenTTL` in Portal_glbloauth.ecaGlblOauth-meta.xml): the org expires a refresh token unused for 30 days, as *Expire refresh token if not used for specific time*, and Salesforce does not update this file to say so
          related Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 the idle refresh-token limit is on here
          fix Write what the org applies: `SpecificInactivity`, 30 `Days`
    "#]],
    );
    check(&app("false"), &["ECA-RT-004"], expect![[""]]);
}

#[test]
fn the_pages_a_disagreement_quotes_are_among_its_sources() {
    // Each explanation that quotes Salesforce's pages against each other links every page it
    // quotes (server/schema/data/evidence.md §1 and §4 hold the quotes), so `explain`, the
    // rules page and SARIF's help lead to each side.
    let quoted: &[(&str, &[&str])] = &[
        (
            "ECA-ACC-004",
            &[
                "api_meta/meta_extlclntappglobaloauthsettings.htm",
                "headless_identity/headless_identity_create_connected_app.htm",
                "id=xcloud.remoteaccess_eca_auth_challenge.htm",
                "id=xcloud.eca_authorization_code_credentials.htm",
            ],
        ),
        (
            "ECA-REF-006",
            &[
                "api_meta/meta_extlclntappoauthconfigurablepolicies.htm",
                "id=xcloud.remoteaccess_eca_auth_challenge.htm",
            ],
        ),
    ];
    for (code, pages) in quoted {
        let rule = crate::checks::rules::all_rules()
            .find(|rule| rule.info.code == *code)
            .expect("the rule");
        for page in *pages {
            assert!(
                rule.info.sources.iter().any(|source| source.contains(page)),
                "{code} quotes {page} but does not link it: {:?}",
                rule.info.sources
            );
        }
    }
}
