use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support::project_with_cursor;

/// Complete at the fixture's `$0` and render the items an editor would show for what is typed
/// (a case-insensitive prefix of the label or filter text, as typed from the start of the
/// replaced range to the cursor), each with its label, kind, sort text, flags, detail, and the
/// replaced text with what replaces it.
fn check(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let offset = cursor.start;
    let items = completions(&project, &path, offset);
    let text = &project.file(&path).expect("the cursor's file").text;
    let mut out = String::new();
    for item in &items {
        assert_item_is_well_formed(item, text, offset);
        let typed = text[item.edit.range.start..offset].to_lowercase();
        let filter = item
            .filter_text
            .as_deref()
            .unwrap_or(&item.label)
            .to_lowercase();
        if !filter.starts_with(&typed) {
            continue;
        }
        let mut flags = String::new();
        if item.preselect {
            flags.push_str(" preselect");
        }
        if item.deprecated {
            flags.push_str(" deprecated");
        }
        if !item.is_snippet {
            flags.push_str(" plain");
        }
        out.push_str(&format!(
            "{} [{:?}] {}{flags} | {}\n    [{}] → {:?}\n",
            item.label,
            item.kind,
            item.sort_text,
            item.detail.as_deref().unwrap_or(""),
            item.edit.range.slice(text),
            item.edit.new_text,
        ));
    }
    expected.assert_eq(&out);
}

/// All the labels, in order, unfiltered: for checks about which items appear at all.
fn check_labels(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let offset = cursor.start;
    let items = completions(&project, &path, offset);
    let text = &project.file(&path).expect("the cursor's file").text;
    for item in &items {
        assert_item_is_well_formed(item, text, offset);
    }
    let labels: Vec<&str> = items.iter().map(|item| item.label.as_str()).collect();
    expected.assert_eq(&labels.join(" "));
}

/// The documentation of the item labelled `label`.
fn check_documentation(fixture: &str, label: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let offset = cursor.start;
    let items = completions(&project, &path, offset);
    let item = items
        .iter()
        .find(|item| item.label == label)
        .unwrap_or_else(|| panic!("no item {label}"));
    expected.assert_eq(item.documentation.as_deref().unwrap_or(""));
}

/// What every item must satisfy for LSP: a one-line range holding the cursor, documentation.
fn assert_item_is_well_formed(item: &CompletionItem, text: &str, offset: usize) {
    assert!(
        item.edit.range.touches(offset),
        "{}: the edit range must hold the cursor",
        item.label
    );
    assert!(
        !item.edit.range.slice(text).contains('\n'),
        "{}: the edit range must stay on one line",
        item.label
    );
    assert!(
        item.documentation
            .as_deref()
            .is_some_and(|doc| !doc.is_empty()),
        "{}: no documentation",
        item.label
    );
}

const POLICIES: &str =
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n";

#[test]
fn half_typed_name_inserts_the_rest_of_the_element() {
    check(
        &format!(
            "{POLICIES}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <guestJwtS$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            guestJwtSessionTimeoutType [Element] 2008 | enum · optional · API 65.0+
                [guestJwtS] → "guestJwtSessionTimeoutType>$1</guestJwtSessionTimeoutType>"
        "#]],
    );
}

const OPEN_POLICIES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
";

#[test]
fn empty_line_offers_the_missing_fields_required_first_in_canonical_order() {
    check_labels(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <label>Portal</label>
    $0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![
            "externalClientApplication apexHandler clientCredentialsFlowUser commaSeparatedCustomScopes commaSeparatedPermissionSet commaSeparatedProfile customAttributes executeHandlerAs guestJwtSessionTimeoutType guestJwtTimeout ipRelaxationPolicyType isClientCredentialsFlowEnabled isGuestCodeCredFlowEnabled isTokenExchangeFlowEnabled namedUserJwtSessionTimeoutType namedUserJwtTimeout permittedUsersPolicyType policyAction refreshTokenPolicyType refreshTokenValidityPeriod refreshTokenValidityUnit requiredSessionLevel sessionTimeoutInMinutes singleLogoutUrl startUrl isNamedUserJwtEnabled"
        ],
    );
}

#[test]
fn empty_line_inserts_a_whole_element_as_a_snippet() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <label>Portal</label>
    ext$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            externalClientApplication [Element] 0007 preselect | text · required · API 59.0+
                [ext] → "<externalClientApplication>$1</externalClientApplication>"
        "#]],
    );
}

#[test]
fn right_after_less_than_inserts_the_rest() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            apexHandler [Element] 2000 | text · optional · API 61.0+
                [] → "apexHandler>$1</apexHandler>"
            clientCredentialsFlowUser [Element] 2001 | text · optional · API 60.0+
                [] → "clientCredentialsFlowUser>$1</clientCredentialsFlowUser>"
            commaSeparatedCustomScopes [Element] 2002 | list · optional · API 61.0+
                [] → "commaSeparatedCustomScopes>$1</commaSeparatedCustomScopes>"
            commaSeparatedPermissionSet [Element] 2003 | list · optional · API 59.0+
                [] → "commaSeparatedPermissionSet>$1</commaSeparatedPermissionSet>"
            commaSeparatedProfile [Element] 2004 | list · optional · API 63.0+
                [] → "commaSeparatedProfile>$1</commaSeparatedProfile>"
            customAttributes [Element] 2005 | nested, repeated · optional · API 59.0+
                [] → "customAttributes>\n        <formula>$1</formula>\n        <key>$2</key>\n    </customAttributes>"
            executeHandlerAs [Element] 2006 | text · optional · API 61.0+
                [] → "executeHandlerAs>$1</executeHandlerAs>"
            guestJwtSessionTimeoutType [Element] 2008 | enum · optional · API 65.0+
                [] → "guestJwtSessionTimeoutType>$1</guestJwtSessionTimeoutType>"
            guestJwtTimeout [Element] 2009 | int (minutes) · optional · API 61.0+
                [] → "guestJwtTimeout>$1</guestJwtTimeout>"
            ipRelaxationPolicyType [Element] 2010 | text · optional · API 59.0+
                [] → "ipRelaxationPolicyType>$1</ipRelaxationPolicyType>"
            isClientCredentialsFlowEnabled [Element] 2011 | boolean · optional · API 60.0+
                [] → "isClientCredentialsFlowEnabled>$1</isClientCredentialsFlowEnabled>"
            isGuestCodeCredFlowEnabled [Element] 2012 | boolean · optional · API 61.0+
                [] → "isGuestCodeCredFlowEnabled>$1</isGuestCodeCredFlowEnabled>"
            isTokenExchangeFlowEnabled [Element] 2014 | boolean · optional · API 60.0+
                [] → "isTokenExchangeFlowEnabled>$1</isTokenExchangeFlowEnabled>"
            label [Element] 2015 | text · optional · API 59.0+
                [] → "label>$1</label>"
            namedUserJwtSessionTimeoutType [Element] 2016 | enum · optional · API 65.0+
                [] → "namedUserJwtSessionTimeoutType>$1</namedUserJwtSessionTimeoutType>"
            namedUserJwtTimeout [Element] 2017 | int (minutes) · optional · API 61.0+
                [] → "namedUserJwtTimeout>$1</namedUserJwtTimeout>"
            permittedUsersPolicyType [Element] 2018 | enum · optional · API 59.0+
                [] → "permittedUsersPolicyType>$1</permittedUsersPolicyType>"
            policyAction [Element] 2019 | enum · optional · API 59.0+
                [] → "policyAction>$1</policyAction>"
            refreshTokenPolicyType [Element] 2020 | enum · optional · API 59.0+
                [] → "refreshTokenPolicyType>$1</refreshTokenPolicyType>"
            refreshTokenValidityPeriod [Element] 2021 | int · optional · API 59.0+
                [] → "refreshTokenValidityPeriod>$1</refreshTokenValidityPeriod>"
            refreshTokenValidityUnit [Element] 2022 | text · optional · API 59.0+
                [] → "refreshTokenValidityUnit>$1</refreshTokenValidityUnit>"
            requiredSessionLevel [Element] 2023 | enum · optional · API 59.0+
                [] → "requiredSessionLevel>$1</requiredSessionLevel>"
            sessionTimeoutInMinutes [Element] 2024 | int (minutes) · optional · API 59.0+
                [] → "sessionTimeoutInMinutes>$1</sessionTimeoutInMinutes>"
            singleLogoutUrl [Element] 2025 | text · optional · API 59.0+
                [] → "singleLogoutUrl>$1</singleLogoutUrl>"
            startUrl [Element] 2026 | text · optional · API 59.0+
                [] → "startUrl>$1</startUrl>"
            isNamedUserJwtEnabled [Element] 3013 deprecated | boolean · optional · API 61.0+ · deprecated
                [] → "isNamedUserJwtEnabled>$1</isNamedUserJwtEnabled>"
        "#]],
    );
}

#[test]
fn an_already_closed_start_tag_gets_its_end_tag_and_a_renamed_one_only_its_name() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <apex$0>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            apexHandler [Element] 2000 | text · optional · API 61.0+
                [apex>] → "apexHandler>$1</apexHandler>"
        "#]],
    );
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <apex$0Handlr>MyHandler</apexHandlr>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            apexHandler [Element] 2000 plain | text · optional · API 61.0+
                [apexHandlr] → "apexHandler"
        "#]],
    );
}

#[test]
fn a_nested_field_comes_with_its_required_children() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>
        <formula>$User.Email</formula>
        <key>email</key>
    </customAttributes>
    <custom$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            customAttributes [Element] 2005 | nested, repeated · optional · API 59.0+
                [custom] → "customAttributes>\n        <formula>$1</formula>\n        <key>$2</key>\n    </customAttributes>"
        "#]],
    );
}

#[test]
fn inside_a_nested_element_only_its_own_fields_are_offered() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>
        <key>email</key>
        <$0
    </customAttributes>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            formula [Element] 0000 preselect | text · required · API 59.0+
                [] → "formula>$1</formula>"
        "#]],
    );
}

#[test]
fn a_field_of_another_type_is_never_offered() {
    // isNamedUserJwtEnabled lives in the global OAuth settings and (deprecated) in the
    // policies, never in the OAuth settings.
    check_labels(
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isNamed$0
</ExtlClntAppOauthSettings>
",
        expect![
            "commaSeparatedOauthScopes label areAttributesIncludedInAssetToken areCustomPermsIncludedInAssetToken assetTokenAudiences assetTokenSigningCertificate assetTokenValidity clientAssertionCertificate customAttributes isFirstPartyAppEnabled oauthLink singleLogoutUrl trustedIpRanges commaSeparatedCustomScopes"
        ],
    );
}

#[test]
fn a_repeated_field_is_offered_until_its_limit() {
    let attribute = "    <customAttributes>\n        <formula>x</formula>\n        <key>k</key>\n    </customAttributes>\n";
    let under_limit = attribute.repeat(127);
    let at_limit = attribute.repeat(128);
    for (attributes, offered) in [(under_limit, true), (at_limit, false)] {
        let fixture = format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>\n{attributes}    <customAttr$0\n</ExtlClntAppOauthConfigurablePolicies>\n"
        );
        let (project, path, cursor) = project_with_cursor(&fixture);
        let offset = cursor.start;
        let labels: Vec<String> = completions(&project, &path, offset)
            .into_iter()
            .map(|item| item.label)
            .collect();
        assert_eq!(
            labels.iter().any(|label| label == "customAttributes"),
            offered,
            "{labels:?}"
        );
    }
}

#[test]
fn closing_tag_after_less_than_slash() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>
        <key>email</key>
    </$0
"
        ),
        expect![[r#"
            </customAttributes> [ClosingTag] 0 preselect plain | closes <customAttributes> from line 4
                [] → "customAttributes>"
        "#]],
    );
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
</Ext$0
"
        ),
        expect![[r#"
            </ExtlClntAppOauthConfigurablePolicies> [ClosingTag] 0 preselect plain | closes <ExtlClntAppOauthConfigurablePolicies> from line 2
                [Ext] → "ExtlClntAppOauthConfigurablePolicies>"
        "#]],
    );
}

#[test]
fn nothing_inside_comments_cdata_attributes_or_the_declaration() {
    for fixture in [
        format!(
            "{POLICIES}{OPEN_POLICIES}    <!-- <$0 -->\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        format!("{POLICIES}{OPEN_POLICIES}    <!-- unterminated $0\n"),
        format!(
            "{POLICIES}{OPEN_POLICIES}    <label><![CDATA[Por$0tal]]></label>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        format!(
            "{POLICIES}{OPEN_POLICIES}    <isGuestCodeCredFlowEnabled><![CDATA[$0]]></isGuestCodeCredFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        format!(
            "{POLICIES}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\" $0>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        format!(
            "{POLICIES}{OPEN_POLICIES}    <label xsi:nil=\"$0\"/>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        format!(
            "{POLICIES}<?xml version=\"1.0\" $0encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
    ] {
        let (project, path, cursor) = project_with_cursor(&fixture);
        let offset = cursor.start;
        let items = completions(&project, &path, offset);
        assert!(items.is_empty(), "{fixture}\n{items:#?}");
    }
}

#[test]
fn boolean_values() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <isGuestCodeCredFlowEnabled>$0</isGuestCodeCredFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            true [Value] 0000 plain | boolean
                [] → "true"
            false [Value] 0001 preselect plain | default
                [] → "false"
        "#]],
    );
}

#[test]
fn enum_values_are_exactly_the_members() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <guestJwtSessionTimeoutType> Us$0 </guestJwtSessionTimeoutType>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            UserSession [Value] 0000 plain | The token lives as long as the user's session may: the prof…
                [Us] → "UserSession"
        "#]],
    );
    check_labels(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <guestJwtSessionTimeoutType>$0</guestJwtSessionTimeoutType>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["UserSession Custom"],
    );
}

#[test]
fn enum_values_carry_their_meaning() {
    check_documentation(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <guestJwtSessionTimeoutType>$0</guestJwtSessionTimeoutType>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        "Custom",
        expect![[r#"
            `Custom` for `guestJwtSessionTimeoutType` in `ExtlClntAppOauthConfigurablePolicies`

            The token lives for the minutes given in the matching `guestJwtTimeout` field."#]],
    );
}

#[test]
fn restricted_integers_follow_the_project_api_version() {
    let policies = format!(
        "{POLICIES}{OPEN_POLICIES}    <guestJwtTimeout>$0</guestJwtTimeout>
</ExtlClntAppOauthConfigurablePolicies>
"
    );
    check_labels(
        &format!("//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"64.0\" }}\n{policies}"),
        expect!["1 5 10 15 30"],
    );
    check_labels(
        &format!("//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"65.0\" }}\n{policies}"),
        expect!["1 5 10 15 30 60 90 120 240 480 720"],
    );
}

#[test]
fn plain_string_value_lists() {
    check_labels(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <ipRelaxationPolicyType>$0</ipRelaxationPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["Enforce Bypass Bypass_2factor Enforce_relaxrefresh"],
    );
    check_labels(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <refreshTokenValidityUnit>$0</refreshTokenValidityUnit>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["Days Hours Months"],
    );
}

#[test]
fn internal_values_are_marked_and_last() {
    check(
        "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <distributionState>$0</distributionState>
</ExternalClientApplication>
",
        expect![[r#"
            Local [Value] 0000 plain | Stays in the org that created it; not distributed.
                [] → "Local"
            Packaged [Value] 0001 plain | Meant to be distributed to other orgs in a package.
                [] → "Packaged"
            Managed [Value] 1002 plain | internal · Set by Salesforce only; don't write it.
                [] → "Managed"
            AutoInstalled [Value] 1003 plain | internal · Set by Salesforce only; don't write it.
                [] → "AutoInstalled"
        "#]],
    );
}

#[test]
fn deprecated_fields_are_flagged() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <externalClientApplication>Portal</externalClientApplication>
    <isNamed$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            isNamedUserJwtEnabled [Element] 3013 deprecated | boolean · optional · API 61.0+ · deprecated
                [isNamed] → "isNamedUserJwtEnabled>$1</isNamedUserJwtEnabled>"
        "#]],
    );
}

#[test]
fn app_names_of_the_project() {
    check(
        &format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal</label>
</ExternalClientApplication>
//- /force-app/main/default/externalClientApps/Billing.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Billing</label>
</ExternalClientApplication>
//- /force-app/main/default/extlClntAppOauthSettings/Billing_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>acme__Billing</externalClientApplication>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Mobile_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Mobile</externalClientApplication>
</ExtlClntAppOauthSettings>
{POLICIES}{OPEN_POLICIES}    <externalClientApplication>$0</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            Billing [Value] 00Billing plain | External Client App
                [] → "Billing"
            Portal [Value] 00Portal preselect plain | External Client App
                [] → "Portal"
            acme__Billing [Value] 01acme__Billing plain | namespaced reference to Billing
                [] → "acme__Billing"
            Mobile [Value] 10Mobile plain | External Client App without a header here
                [] → "Mobile"
        "#]],
    );
}

#[test]
fn scopes_not_yet_listed_also_after_a_comma() {
    let oauth =
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
";
    check_labels(
        &format!(
            "{oauth}    <commaSeparatedOauthScopes>Api,$0</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect![
            "Basic Web Full Chatter CustomApplications RefreshToken OpenID Profile Email Address Phone OfflineAccess CustomPermissions Wave Eclair Pardot Lightning Content CDPIngest CDPProfile CDPQuery Chatbot CDPSegment CDPIdentityResolution CDPCalculatedInsight SFApiPlatform Interaction EinsteinGPT PwdlessLogin ForgotPassword UserRegistration MCP SCRT CDP DataCloudUserClaims"
        ],
    );
    check(
        &format!(
            "{oauth}    <commaSeparatedOauthScopes>Api, Web, Ref$0</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect![[r#"
            RefreshToken [Value] 0006 plain | OAuth scope
                [Ref] → "RefreshToken"
        "#]],
    );
    check(
        &format!(
            "{oauth}    <commaSeparatedOauthScopes>Api, $0, Web</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect![[r#"
            Basic [Value] 0000 plain | OAuth scope
                [] → "Basic"
            Full [Value] 0003 plain | OAuth scope
                [] → "Full"
            Chatter [Value] 0004 plain | OAuth scope
                [] → "Chatter"
            CustomApplications [Value] 0005 plain | OAuth scope
                [] → "CustomApplications"
            RefreshToken [Value] 0006 plain | OAuth scope
                [] → "RefreshToken"
            OpenID [Value] 0007 plain | OAuth scope
                [] → "OpenID"
            Profile [Value] 0008 plain | OAuth scope
                [] → "Profile"
            Email [Value] 0009 plain | OAuth scope
                [] → "Email"
            Address [Value] 0010 plain | OAuth scope
                [] → "Address"
            Phone [Value] 0011 plain | OAuth scope
                [] → "Phone"
            OfflineAccess [Value] 0012 plain | OAuth scope
                [] → "OfflineAccess"
            CustomPermissions [Value] 0013 plain | OAuth scope
                [] → "CustomPermissions"
            Wave [Value] 0014 plain | OAuth scope
                [] → "Wave"
            Eclair [Value] 0015 plain | OAuth scope
                [] → "Eclair"
            Pardot [Value] 0016 plain | OAuth scope
                [] → "Pardot"
            Lightning [Value] 0017 plain | OAuth scope
                [] → "Lightning"
            Content [Value] 0018 plain | OAuth scope
                [] → "Content"
            CDPIngest [Value] 0019 plain | OAuth scope
                [] → "CDPIngest"
            CDPProfile [Value] 0020 plain | OAuth scope
                [] → "CDPProfile"
            CDPQuery [Value] 0021 plain | OAuth scope
                [] → "CDPQuery"
            Chatbot [Value] 0022 plain | OAuth scope
                [] → "Chatbot"
            CDPSegment [Value] 0023 plain | OAuth scope
                [] → "CDPSegment"
            CDPIdentityResolution [Value] 0024 plain | OAuth scope
                [] → "CDPIdentityResolution"
            CDPCalculatedInsight [Value] 0025 plain | OAuth scope
                [] → "CDPCalculatedInsight"
            SFApiPlatform [Value] 0026 plain | OAuth scope
                [] → "SFApiPlatform"
            Interaction [Value] 0027 plain | OAuth scope
                [] → "Interaction"
            EinsteinGPT [Value] 0028 plain | OAuth scope
                [] → "EinsteinGPT"
            PwdlessLogin [Value] 0029 plain | OAuth scope
                [] → "PwdlessLogin"
            ForgotPassword [Value] 0030 plain | OAuth scope
                [] → "ForgotPassword"
            UserRegistration [Value] 0031 plain | OAuth scope
                [] → "UserRegistration"
            MCP [Value] 0032 plain | OAuth scope
                [] → "MCP"
            SCRT [Value] 0033 plain | OAuth scope
                [] → "SCRT"
            CDP [Value] 1034 plain | OAuth scope · undocumented
                [] → "CDP"
            DataCloudUserClaims [Value] 1035 plain | OAuth scope · undocumented
                [] → "DataCloudUserClaims"
        "#]],
    );
}

#[test]
fn text_before_the_cursor_may_be_anything() {
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <label>ポータル 🎉</label><externalClientApplication>Portal</externalClientApplication><isGuest$0
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            isGuestCodeCredFlowEnabled [Element] 2012 | boolean · optional · API 61.0+
                [isGuest] → "isGuestCodeCredFlowEnabled>$1</isGuestCodeCredFlowEnabled>"
        "#]],
    );
    check(
        &format!(
            "{POLICIES}{OPEN_POLICIES}    <label>ポータル 🎉</label>
    <isGuestCodeCredFlowEnabled>t$0</isGuestCodeCredFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            true [Value] 0000 plain | boolean
                [t] → "true"
        "#]],
    );
}

#[test]
fn skeleton_for_an_empty_file() {
    check(
        "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
$0",
        expect![[r#"
            ExtlClntAppOauthConfigurablePolicies skeleton [Skeleton] 0 preselect | new ExtlClntAppOauthConfigurablePolicies file
                [] → "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>${1:Portal}</externalClientApplication>$0\n</ExtlClntAppOauthConfigurablePolicies>"
        "#]],
    );
    check(
        "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
  
  $0
",
        expect![[r#"
            ExtlClntAppConfigurablePolicies skeleton [Skeleton] 0 preselect | new ExtlClntAppConfigurablePolicies file
                [] → "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>${1:Portal}</externalClientApplication>\n    <isEnabled>${2:true}</isEnabled>$0\n</ExtlClntAppConfigurablePolicies>"
        "#]],
    );
}

#[test]
fn skeleton_after_a_declaration_and_for_a_typed_root() {
    check(
        "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
$0",
        expect![[r#"
            OauthOidcSettings skeleton [Skeleton] 0 preselect | new OauthOidcSettings file
                [] → "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    $0\n</OauthOidcSettings>"
        "#]],
    );
    check(
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<Ext$0",
        expect![[r#"
            ExtlClntAppOauthSettings [Skeleton] 0 preselect | new ExtlClntAppOauthSettings file
                [Ext] → "ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>$1</commaSeparatedOauthScopes>\n    <externalClientApplication>${2:Portal}</externalClientApplication>\n    <label>$3</label>$0\n</ExtlClntAppOauthSettings>"
        "#]],
    );
}

#[test]
fn skeleton_for_every_suffix() {
    let schema = Schema::get();
    let mut out = String::new();
    for type_def in &schema.types {
        let path = match (&type_def.suffix, &type_def.settings_name) {
            (Some(suffix), _) => format!(
                "/force-app/main/default/{}/Portal_x.{suffix}-meta.xml",
                type_def.folder.as_deref().unwrap_or("x")
            ),
            (None, Some(settings)) => {
                format!("/force-app/main/default/settings/{settings}.settings-meta.xml")
            }
            (None, None) => continue,
        };
        let (project, path, cursor) = project_with_cursor(&format!("//- {path}\n$0"));
        let offset = cursor.start;
        let items = completions(&project, &path, offset);
        let [item] = items.as_slice() else {
            panic!("{path}: expected one skeleton, got {items:#?}");
        };
        assert_eq!(item.kind, CompletionKind::Skeleton);
        let root = type_def.root_element.as_deref().unwrap_or_default();
        assert!(
            item.edit.new_text.contains(&format!(
                "<{root} xmlns=\"http://soap.sforce.com/2006/04/metadata\">"
            )),
            "{}",
            item.edit.new_text
        );
        for field in &type_def.fields {
            let listed = item.edit.new_text.contains(&format!("<{}>", field.name));
            assert_eq!(
                listed,
                field.requirement != Requirement::Optional,
                "{path}: {}",
                field.name
            );
        }
        out.push_str(&format!(
            "{} ← {}\n",
            item.label,
            crate::model::file_kind::file_name(&path)
        ));
    }
    expect![[r#"
        ExternalClientApplication skeleton ← Portal_x.eca-meta.xml
        ExtlClntAppOauthSettings skeleton ← Portal_x.ecaOauth-meta.xml
        ExtlClntAppGlobalOauthSettings skeleton ← Portal_x.ecaGlblOauth-meta.xml
        ExtlClntAppOauthConfigurablePolicies skeleton ← Portal_x.ecaOauthPlcy-meta.xml
        ExtlClntAppConfigurablePolicies skeleton ← Portal_x.ecaPlcy-meta.xml
        ExtlClntAppMobileSettings skeleton ← Portal_x.ecaMobile-meta.xml
        ExtlClntAppMobileConfigurablePolicies skeleton ← Portal_x.ecaMobilePlcy-meta.xml
        ExtlClntAppNotificationSettings skeleton ← Portal_x.ecaNotifications-meta.xml
        ExtlClntAppPushSettings skeleton ← Portal_x.ecaPush-meta.xml
        ExtlClntAppPushConfigurablePolicies skeleton ← Portal_x.ecaPushPlcy-meta.xml
        ExtlClntAppCanvasSettings skeleton ← Portal_x.ecaCanvas-meta.xml
        ExtlClntAppSamlConfigurablePolicies skeleton ← Portal_x.ecaSamlPlcy-meta.xml
        ExtlClntAppOauthSecuritySettings skeleton ← Portal_x.ecaOauthSecurity-meta.xml
        ExtlClntAppSampleSettings skeleton ← Portal_x.ecaSmpl-meta.xml
        ExtlClntAppSampleConfigurablePolicies skeleton ← Portal_x.ecaSmplPlcy-meta.xml
        OauthOidcSettings skeleton ← OauthOidc.settings-meta.xml
        ExternalClientAppSettings skeleton ← ExternalClientApp.settings-meta.xml
        ConnectedApp skeleton ← Portal_x.connectedApp-meta.xml
        OauthTokenExchangeHandler skeleton ← Portal_x.oauthtokenexchangehandler-meta.xml
    "#]]
    .assert_eq(&out);
}

#[test]
fn element_items_document_the_field() {
    check_documentation(
        &format!(
            "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"64.0\" }}\n{POLICIES}{OPEN_POLICIES}    <guestJwt$0\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "guestJwtTimeout",
        expect![[r#"
            **guestJwtTimeout** · Setup: *Guest JSON Web Token (JWT) Timeout* · int (minutes) · optional

            *in `ExtlClntAppOauthConfigurablePolicies`*

            Lifetime of JWT access tokens issued to guest users, in minutes. Used when `guestJwtSessionTimeoutType` is `Custom`; leave it out with `UserSession`.

            **API version:** added in 61.0 (Summer '24); available at this project's API 64.0 (from sourceApiVersion in /sfdx-project.json)  

            **Values**

            - `1` — 1 minute
            - `5` — 5 minutes
            - `10` — 10 minutes
            - `15` — 15 minutes
            - `30` — 30 minutes
            - `60` — 1 hour (60 minutes) · API 65.0+, not in 64.0
            - `90` — 1 hour 30 minutes (90 minutes) · API 65.0+, not in 64.0
            - `120` — 2 hours (120 minutes) · API 65.0+, not in 64.0
            - `240` — 4 hours (240 minutes) · API 65.0+, not in 64.0
            - `480` — 8 hours (480 minutes) · API 65.0+, not in 64.0
            - `720` — 12 hours (720 minutes) · API 65.0+, not in 64.0

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)"#]],
    );
}

/// The labels of the items an editor that matches words of the filter text (VS Code's fuzzy
/// matcher, which anchors the first typed character at a word start) keeps for what is typed
/// before the cursor, with the filter text of each.
fn check_setup_label_matches(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let offset = cursor.start;
    let items = completions(&project, &path, offset);
    let text = &project.file(&path).expect("the cursor's file").text;
    let mut out = String::new();
    for item in &items {
        assert_item_is_well_formed(item, text, offset);
        let typed = text[item.edit.range.start..offset].to_lowercase();
        let filter = item.filter_text.as_deref().unwrap_or(&item.label);
        assert!(
            filter.len() <= 128,
            "{filter:?} is longer than editors match"
        );
        let lower = filter.to_lowercase();
        let matches = lower.starts_with(&typed) || lower.contains(&format!(" {typed}"));
        if matches {
            out.push_str(&format!("{} ← {filter:?}\n", item.label));
        }
    }
    expected.assert_eq(&out);
}

#[test]
fn typing_a_setup_label_offers_the_field() {
    let global = "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <PKCE$0\n</ExtlClntAppGlobalOauthSettings>\n";
    check_setup_label_matches(
        global,
        expect![[r#"
            isPkceRequired ← "isPkceRequired Require Proof Key for Code Exchange PKCE Extension for Supported Authorization Flows"
        "#]],
    );
    let policies = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <pre-authorized$0\n</ExtlClntAppOauthConfigurablePolicies>\n";
    check_setup_label_matches(
        policies,
        expect![[r#"
        permittedUsersPolicyType ← "permittedUsersPolicyType Permitted Users All users may self-authorize Admin approved users are pre-authorized"
    "#]],
    );
}

#[test]
fn typing_a_setup_label_offers_the_value() {
    let policies = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <permittedUsersPolicyType>pre-authorized$0</permittedUsersPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n";
    check_setup_label_matches(
        policies,
        expect![[r#"
        AdminApprovedPreAuthorized ← "AdminApprovedPreAuthorized Admin approved users are pre-authorized"
    "#]],
    );
}

#[test]
fn the_ip_relaxation_values_are_the_spellings_salesforce_writes() {
    let policies = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <ipRelaxationPolicyType>$0</ipRelaxationPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n";
    check_documentation(
        policies,
        "Enforce_relaxrefresh",
        expect![[r#"
        `Enforce_relaxrefresh` for `ipRelaxationPolicyType` in `ExtlClntAppOauthConfigurablePolicies`

        Enforces the org's IP restrictions at login but not when the app redeems a refresh token. The spelling Salesforce writes in retrieved files and validates on deploy; the docs write `Enforce_RelaxRefresh`.

        Setup: *Enforce IP restrictions, but relax for refresh tokens*

        *what Salesforce writes; the page spells it `Enforce_RelaxRefresh`*"#]],
    );
    // The snippet of a new element offers the same choices.
    let new_element = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Portal</externalClientApplication>\n    <ipRelax$0\n</ExtlClntAppOauthConfigurablePolicies>\n";
    check(
        new_element,
        expect![[r#"
        ipRelaxationPolicyType [Element] 2010 | text · optional · API 59.0+
            [ipRelax] → "ipRelaxationPolicyType>$1</ipRelaxationPolicyType>"
    "#]],
    );
}
