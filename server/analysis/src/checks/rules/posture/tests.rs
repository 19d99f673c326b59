//! Tests of the posture checks: the profile decides which run, configuration can grade a
//! strict code into a baseline project, and fixtures for the cases the examples do not show.

use expect_test::{Expect, expect};

use super::{CONTROLS, RISKY_SWITCHES, callback_problem};
use crate::checks::registry;
use crate::checks::test_support::{
    project, render_fix, render_project_diagnostics, render_project_diagnostics_where,
};
use crate::model::config::Profile;

const STRICT: &str = "//- /eca-ls.toml\nprofile = \"strict\"\n";

/// The findings of the posture codes (ECA-POSTURE-*, ECA-PKG-002) and of ECA-ACC-004.
fn check(fixture: &str, expect: Expect) {
    expect.assert_eq(&render_project_diagnostics_where(
        &project(fixture),
        |code| code.starts_with("ECA-POSTURE-") || code == "ECA-PKG-002" || code == "ECA-ACC-004",
    ));
}

#[test]
fn every_posture_code_is_a_rule_with_its_control_page_among_its_sources() {
    for control in CONTROLS {
        let info = registry::code_info(control.code)
            .unwrap_or_else(|| panic!("{} is no code", control.code));
        assert!(
            info.sources.contains(&control.page),
            "{} does not cite its control page {}",
            control.code,
            control.page
        );
        if let Some(risk) = control.risk {
            let range = risk
                .split_once("CVSS ")
                .map(|(_, range)| range.trim_end_matches(')'))
                .unwrap_or(risk);
            assert!(
                info.explanation.contains(range),
                "{}'s explanation does not give the risk range {range}",
                control.code
            );
        }
        let profile_line = match control.profile {
            Profile::Strict => "Strict profile only",
            Profile::Baseline => "every profile",
        };
        assert!(
            info.explanation.contains(profile_line),
            "{}'s explanation does not say its profile ({profile_line})",
            control.code
        );
    }
}

#[test]
fn every_risky_switch_is_a_posture_rule_about_its_field() {
    for switch in RISKY_SWITCHES {
        let rule = crate::checks::rules::rule(switch.code)
            .unwrap_or_else(|| panic!("{} is no rule", switch.code));
        assert!(
            super::control(switch.code).is_some(),
            "{} is no posture code",
            switch.code
        );
        let setting = format!("{}.{}", switch.type_name, switch.field);
        assert!(
            rule.involves.contains(&setting.as_str()),
            "{} does not involve {setting}",
            switch.code
        );
    }
}

#[test]
fn strict_codes_are_silent_in_baseline_and_speak_in_strict() {
    for control in CONTROLS.iter().filter(|c| c.profile == Profile::Strict) {
        let info = registry::code_info(control.code).expect("a code");
        let strict = render_project_diagnostics(&project(info.example));
        assert!(
            strict.contains(&format!("[{}]", control.code)),
            "{} is silent in its strict example:\n{strict}",
            control.code
        );
        let baseline = info.example.replacen(STRICT, "", 1);
        assert_ne!(
            baseline, info.example,
            "{}'s example is not strict",
            control.code
        );
        let rendered = render_project_diagnostics(&project(&baseline));
        assert!(
            !rendered.contains("[ECA-POSTURE-"),
            "{} speaks in baseline:\n{rendered}",
            control.code
        );
        let explicit =
            info.example
                .replacen(STRICT, "//- /eca-ls.toml\nprofile = \"baseline\"\n", 1);
        let rendered = render_project_diagnostics(&project(&explicit));
        assert!(!rendered.contains("[ECA-POSTURE-"), "{}", control.code);
    }
}

#[test]
fn a_graded_strict_code_runs_in_baseline_and_only_that_one() {
    check(
        r#"
//- /eca-ls.toml
[rules]
"ECA-POSTURE-003" = "error"
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Full</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Portal</externalClientApplication>
    <isIntrospectAllTokens>true</isIntrospectAllTokens>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
"#,
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:3:32 error[ECA-POSTURE-003] the `Full` scope grants everything the user can reach; the control *OAuth Scope Least Privilege* asks for only the scopes the app needs (Critical risk, CVSS 9.0–10.0)
              fix Replace `Full` with `Api`, then add the scopes the app uses
        "#]],
    );
}

#[test]
fn a_strict_code_turned_off_stays_off() {
    check(
        &format!(
            "{STRICT}[rules]\n\"ECA-POSTURE-017\" = \"off\"\n{}",
            r#"//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
"#
        ),
        expect![[""]],
    );
}

/// An app with most of what the controls advise against, in the strict profile.
const LAX_APP: &str = r#"
//- /eca-ls.toml
profile = "strict"
//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <distributionState>Local</distributionState>
    <label>Portal</label>
</ExternalClientApplication>
//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <callbackUrl>http://portal.example.com/callback
https://*.example.com/callback
http://localhost:*/callback
http://127.0.0.1:8080/callback
myapp://oauth</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <idTokenConfig>
        <idTokenValidityInMinutes>30</idTokenValidityInMinutes>
    </idTokenConfig>
    <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api, Full, RefreshToken</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Portal</externalClientApplication>
    <ipRelaxationPolicyType>Enforce_relaxrefresh</ipRelaxationPolicyType>
    <label>Portal</label>
    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
    <refreshTokenPolicyType>Infinite</refreshTokenPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
//- /force-app/main/default/settings/ExternalClientApp.settings-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientAppSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <enableClientSecretInRestApiAccess>true</enableClientSecretInRestApiAccess>
    <enableConsumerSecretApiAccess>true</enableConsumerSecretApiAccess>
</ExternalClientAppSettings>
"#;

#[test]
fn a_lax_app_in_the_strict_profile() {
    check(
        LAX_APP,
        expect![[r#"
        Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 warning[ECA-POSTURE-011] the app gets refresh tokens but does not rotate them: a stolen refresh token keeps working; the control *Enable Refresh Token Rotation* recommends it (High risk, CVSS 7.0–8.9)
          fix Set `isRefreshTokenRotationEnabled` to `true`
        Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 warning[ECA-POSTURE-017] the global OAuth settings must not be added to source control, as their page says: keep this file out of the repository (`.gitignore`, `.forceignore`) and deploy it from a secure store
        Portal_glbloauth.ecaGlblOauth-meta.xml:3:6 warning[ECA-POSTURE-010] the app takes authorization codes but `isPkceRequired` is not written (a missing element counts as not required): an intercepted code can be redeemed; the control *Require PKCE* recommends requiring it (High risk, CVSS 7.0–8.9)
          fix Set `isPkceRequired` to `true`
        Portal_glbloauth.ecaGlblOauth-meta.xml:3:18 warning[ECA-POSTURE-013] `http://portal.example.com/callback` sends authorization codes over plain http, readable on the network path (RFC 9700 allows http only to the loopback interface)
          fix Use `https://`
        Portal_glbloauth.ecaGlblOauth-meta.xml:4:1 warning[ECA-POSTURE-013] `https://*.example.com/callback` has a wildcard: it matches URLs the app may not own (RFC 9700 asks for exact redirect URIs)
        Portal_glbloauth.ecaGlblOauth-meta.xml:10:10 warning[ECA-POSTURE-005] ID tokens stay valid 30 minutes: the control *Configure ID Token* recommends 2 minutes (High risk, CVSS 7.0–8.9)
          fix Set `idTokenValidityInMinutes` to `2`
        Portal_glbloauth.ecaGlblOauth-meta.xml:12:6 warning[ECA-POSTURE-009] `isSecretRequiredForRefreshToken` is `false`: whoever holds a refresh token gets new access tokens without the secret; the control *Require Secret for Refresh Token Flow* recommends requiring it (High risk, CVSS 7.0–8.9)
          fix Set `isSecretRequiredForRefreshToken` to `true`
        Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 warning[ECA-POSTURE-015] `Enforce_relaxrefresh` lifts the IP restrictions whenever a refresh token is redeemed for an app whose users log in interactively; the IP Relaxation control recommends enforcing them (Medium to High risk, CVSS 6.0–8.5)
          fix Set `ipRelaxationPolicyType` to `Enforce`
        Portal_oauthPlcy.ecaOauthPlcy-meta.xml:7:6 warning[ECA-POSTURE-014] refresh tokens stay valid until revoked, however long they sit unused; the control *Require Secret for Refresh Token Flow* names an indefinite lifespan a higher risk (High, CVSS 7.0–8.9), and with the idle refresh-token limit on, the org treats this policy as 30 days of inactivity without updating this file
          fix Expire refresh tokens after 30 days unused (`SpecificInactivity`, 30 `Days`)
        Portal_oauth.ecaOauth-meta.xml:3:37 warning[ECA-POSTURE-003] the `Full` scope grants everything the user can reach, and with `RefreshToken` it keeps granting it until the refresh token is revoked; the control *OAuth Scope Least Privilege* asks for only the scopes the app needs (Critical risk, CVSS 9.0–10.0)
          fix Remove the `Full` scope
        ExternalClientApp.settings-meta.xml:3:6 warning[ECA-POSTURE-002] `enableClientSecretInRestApiAccess` is `true`: the credentials REST API returns the consumer secrets of the org's apps; the control *REST API Secret Masking* recommends it off
          fix Set `enableClientSecretInRestApiAccess` to `false`
        ExternalClientApp.settings-meta.xml:4:6 warning[ECA-POSTURE-001] `enableConsumerSecretApiAccess` is `true`: Metadata API can read and write the consumer secrets of the org's apps; the control *Metadata Secrets Protection* recommends it off except while you deploy OAuth files (High risk, CVSS 7.0–8.9)
          fix Set `enableConsumerSecretApiAccess` to `false`
    "#]],
    );
}

#[test]
fn the_same_app_in_baseline_reports_no_posture_code() {
    let baseline = LAX_APP.replace("profile = \"strict\"", "profile = \"baseline\"");
    check(&baseline, expect![[""]]);
}

#[test]
fn fixes_of_the_lax_app() {
    let project = project(LAX_APP);
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>
            <externalClientApplication>Portal</externalClientApplication>
            <label>Portal</label>
        </ExtlClntAppOauthSettings>
    "#]]
    .assert_eq(&render_fix(
        &project,
        "ECA-POSTURE-003",
        "Remove the `Full` scope",
    ));
    expect![[r#"
        //- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
            <externalClientApplication>Portal</externalClientApplication>
            <ipRelaxationPolicyType>Enforce_relaxrefresh</ipRelaxationPolicyType>
            <label>Portal</label>
            <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
            <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>
            <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>
            <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>
        </ExtlClntAppOauthConfigurablePolicies>
    "#]]
    .assert_eq(&render_fix(
        &project,
        "ECA-POSTURE-014",
        "Expire refresh tokens after 30 days unused (`SpecificInactivity`, 30 `Days`)",
    ));
    expect![[r#"
        //- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
        <?xml version="1.0" encoding="UTF-8"?>
        <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            <callbackUrl>https://portal.example.com/callback
        https://*.example.com/callback
        http://localhost:*/callback
        http://127.0.0.1:8080/callback
        myapp://oauth</callbackUrl>
            <externalClientApplication>Portal</externalClientApplication>
            <idTokenConfig>
                <idTokenValidityInMinutes>30</idTokenValidityInMinutes>
            </idTokenConfig>
            <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>
            <label>Portal</label>
        </ExtlClntAppGlobalOauthSettings>
    "#]].assert_eq(&render_fix(&project, "ECA-POSTURE-013", "Use `https://`"));
}

#[test]
fn every_posture_fix_is_unsafe() {
    for control in CONTROLS {
        let info = registry::code_info(control.code).expect("a code");
        let all = crate::checks::project_diagnostics(&project(info.example));
        for diagnostic in all.values().flatten().filter(|d| d.code == control.code) {
            for fix in &diagnostic.fixes {
                assert_eq!(
                    fix.safety,
                    crate::model::diagnostic::FixSafety::Unsafe,
                    "{}: {}",
                    control.code,
                    fix.title
                );
                assert!(
                    !fix.preferred,
                    "{}: {} is preferred",
                    control.code, fix.title
                );
            }
        }
    }
}

#[test]
fn callback_urls() {
    let cases = [
        "https://app.example.com/cb",
        "http://app.example.com/cb",
        "HTTP://App.Example.com/cb",
        "http://localhost/cb",
        "http://localhost:1717/OauthRedirect",
        "http://127.0.0.1:8080/cb",
        "http://[::1]:8080/cb",
        "http://localhost:*/cb",
        "http://localhost:8080/*",
        "https://*.example.com/cb",
        "https://app.example.com/*",
        "http://user@localhost.evil.com/cb",
        "myapp://oauth/callback",
        "sfdc://success",
    ];
    let rendered: String = cases
        .iter()
        .map(|url| match callback_problem(url) {
            None => format!("{url}: fine\n"),
            Some((_, true)) => format!("{url}: http\n"),
            Some((_, false)) => format!("{url}: wildcard\n"),
        })
        .collect();
    expect![[r#"
        https://app.example.com/cb: fine
        http://app.example.com/cb: http
        HTTP://App.Example.com/cb: http
        http://localhost/cb: fine
        http://localhost:1717/OauthRedirect: fine
        http://127.0.0.1:8080/cb: fine
        http://[::1]:8080/cb: fine
        http://localhost:*/cb: fine
        http://localhost:8080/*: wildcard
        https://*.example.com/cb: wildcard
        https://app.example.com/*: wildcard
        http://user@localhost.evil.com/cb: http
        myapp://oauth/callback: fine
        sfdc://success: fine
    "#]]
    .assert_eq(&rendered);
}

#[test]
fn pkce_is_not_asked_of_an_app_the_org_already_holds_to_it_nor_of_a_public_or_packaged_one() {
    let global = |lines: &str| {
        format!(
            "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://app.example.com/cb</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n{lines}    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n"
        )
    };
    let org = "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <isPkceRequired>true</isPkceRequired>\n</OauthOidcSettings>\n";
    let header = |state: &str| {
        format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>{state}</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n"
        )
    };
    let pkce = |fixture: String| {
        render_project_diagnostics(&project(&format!("{STRICT}{fixture}")))
            .lines()
            .filter(|line| {
                line.contains("[ECA-POSTURE-010]")
                    || line.contains("[ECA-PKG-002]")
                    || line.contains("[ECA-ACC-004]")
            })
            .map(|line| {
                line.split_once(' ')
                    .map_or(line, |(_, rest)| rest)
                    .to_string()
                    + "\n"
            })
            .collect::<String>()
    };
    expect![[r#"
        warning[ECA-POSTURE-010] the app takes authorization codes but `isPkceRequired` is not written (a missing element counts as not required): an intercepted code can be redeemed; the control *Require PKCE* recommends requiring it (High risk, CVSS 7.0–8.9)
    "#]].assert_eq(&pkce(global("")));
    expect![[""]].assert_eq(&pkce(global("") + org));
    expect![[r#"
        warning[ECA-ACC-004] the app is a public client (`isConsumerSecretOptional` is `true`: codes are exchanged without the secret) but PKCE is not required: `isPkceRequired` in Portal_glbloauth.ecaGlblOauth-meta.xml is not set (the Metadata API page calls `true` the default, but Setup treats it as an opt-in and no page says what an app without the element gets); anyone who intercepts an authorization code can redeem it (unless the org requires PKCE of every app: `isPkceRequired` in `settings/OauthOidc.settings-meta.xml`, which the project does not have)
    "#]].assert_eq(&pkce(global("    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n")));
    expect![[r#"
        warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make PKCE mandatory: `isPkceRequired` is not written (counted as off)
        warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make refresh token rotation mandatory: `isRefreshTokenRotationEnabled` is not written (counted as off)
    "#]].assert_eq(&pkce(global("") + &header("Packaged")));
}

#[test]
fn partner_requirements_hold_in_baseline_for_packaged_apps_only() {
    let app = |state: &str, global_lines: &str| {
        format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>{state}</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n{global_lines}    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n"
        )
    };
    check(
        &app("Packaged", "    <isPkceRequired>false</isPkceRequired>\n"),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make refresh token rotation mandatory: `isRefreshTokenRotationEnabled` is not written (counted as off)
              related Portal.eca-meta.xml:3:6 the app is packaged here
              fix Set `isRefreshTokenRotationEnabled` to `true` (clients must store the new refresh token after every refresh)
            Portal_glbloauth.ecaGlblOauth-meta.xml:4:6 warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make PKCE mandatory: `isPkceRequired` is `false`
              related Portal.eca-meta.xml:3:6 the app is packaged here
              fix Set `isPkceRequired` to `true` (clients that send no `code_challenge` can no longer log in, and a partner cannot switch it off again)
        "#]],
    );
    check(&app("Local", ""), expect![[""]]);
    check(
        &app(
            "Packaged",
            "    <isPkceRequired>true</isPkceRequired>\n    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n",
        ),
        expect![[""]],
    );
}

#[test]
fn refresh_tokens_asked_for_beside_a_template_placeholder_still_need_rotation() {
    // The rotation flow's readiness reads the scope list this way too: `RefreshToken` is
    // listed, whatever a placeholder elsewhere in the list turns into.
    check(
        &format!(
            "{STRICT}[rules]\n\"ECA-POSTURE-017\" = \"off\"\n{}",
            r#"//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>Api, RefreshToken, {{EXTRA_SCOPES}}</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthSettings>
"#
        ),
        expect![[r#"
            Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 warning[ECA-POSTURE-011] the app gets refresh tokens but does not rotate them: a stolen refresh token keeps working; the control *Enable Refresh Token Rotation* recommends it (High risk, CVSS 7.0–8.9)
              fix Set `isRefreshTokenRotationEnabled` to `true`
        "#]],
    );
}
