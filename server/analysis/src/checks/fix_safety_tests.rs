//! The classification of fixes as safe (bulk fixing applies them) or unsafe, case by case: a
//! letter-case slip is safe to fix and a near name is not; removing an identical duplicate is
//! safe and removing one that differs is not; removing a setting Salesforce ignores is safe
//! and turning a switch on is not.

use std::fmt::Write;

use expect_test::{Expect, expect};

use crate::checks::test_support::project;
use crate::model::diagnostic::FixSafety;

/// Every fix of every finding of the fixture: `code: title (safe|unsafe)`.
fn check(fixture: &str, expect: Expect) {
    let project = project(fixture);
    let mut out = String::new();
    for (_, diagnostics) in crate::checks::project_diagnostics(&project) {
        for diagnostic in diagnostics {
            for fix in &diagnostic.fixes {
                let safety = match fix.safety {
                    FixSafety::Safe => "safe",
                    FixSafety::Unsafe => "unsafe",
                };
                let _ = writeln!(out, "{}: {} ({safety})", diagnostic.code, fix.title);
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn a_letter_case_slip_is_safe_to_fix_and_a_near_name_is_not() {
    check(
        concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<extlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <IsGuestCodeCredFlowEnabled>true</IsGuestCodeCredFlowEnabled>\n",
            "    <isClientCredentialsFlowEnabled>yes</isClientCredentialsFlowEnabled>\n",
            "    <isTokenExchangeFlowEnabled>TRUE</isTokenExchangeFlowEnabled>\n",
            "    <guestJwtSessionTimeoutTyp>UserSession</guestJwtSessionTimeoutTyp>\n",
            "    <permittedUsersPolicyType>adminApprovedPreAuthorized</permittedUsersPolicyType>\n",
            "    <policyAction>Logout</policyAction>\n",
            "</extlClntAppOauthConfigurablePolicies>\n",
        ),
        expect![[r#"
            root-mismatch: Rename the root element to `ExtlClntAppOauthConfigurablePolicies` (safe)
            unknown-element: Rename to `isGuestCodeCredFlowEnabled` (safe)
            invalid-value: Change to `true` (unsafe)
            invalid-value: Change to `false` (unsafe)
            invalid-value: Change to `true` (safe)
            invalid-value: Change to `false` (unsafe)
            unknown-element: Rename to `guestJwtSessionTimeoutType` (unsafe)
            invalid-value: Change to `AdminApprovedPreAuthorized` (safe)
            invalid-value: Change to `AllSelfAuthorized` (unsafe)
            invalid-value: Change to `Block` (unsafe)
            invalid-value: Change to `RaiseSessionLevel` (unsafe)
        "#]],
    );
}

#[test]
fn removing_a_duplicate_is_safe_only_when_it_is_the_same_text() {
    check(
        concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "    <label>Portal</label>\n",
            "    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n",
            "    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        expect![[r#"
            duplicate-element: Remove this duplicate `label` (safe)
            duplicate-element: Remove this duplicate `permittedUsersPolicyType` (unsafe)
        "#]],
    );
}

#[test]
fn removing_what_salesforce_ignores_is_safe_and_switching_a_flow_on_is_not() {
    check(
        concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\n",
            "    <guestJwtTimeout>30</guestJwtTimeout>\n",
            "    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        expect![[r#"
            ECA-CC-002: Remove `clientCredentialsFlowUser` (safe)
            ECA-CC-002: Turn the client credentials flow on (`isClientCredentialsFlowEnabled` `true`) (unsafe)
            ECA-JWT-GUEST-OMIT: Remove `guestJwtTimeout` (safe)
            ECA-JWT-GUEST-OMIT: Set `guestJwtSessionTimeoutType` to `Custom` so the timeout applies (unsafe)
        "#]],
    );
}
