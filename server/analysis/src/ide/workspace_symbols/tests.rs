use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support;

/// The symbols for `query`, one a line: score, kind, name, container, type, file name, and the
/// text of the selection range.
fn check(fixture: &str, query: &str, expected: Expect) {
    let project = test_support::project(fixture);
    let mut actual = String::new();
    for symbol in workspace_symbols(&project, query) {
        let text = &project.file(&symbol.path).expect("the symbol's file").text;
        assert!(symbol.range.contains_range(symbol.selection_range));
        actual.push_str(&format!(
            "{} {:?} {}{} ({}) {} [{}]\n",
            symbol.score,
            symbol.kind,
            symbol.name,
            symbol
                .container
                .as_deref()
                .map(|app| format!(" in {app}"))
                .unwrap_or_default(),
            symbol.type_name.as_deref().unwrap_or("-"),
            crate::model::file_kind::file_name(&symbol.path),
            symbol.selection_range.slice(text),
        ));
    }
    expected.assert_eq(&actual);
}

const PROJECT: &str = "//- /force-app/main/default/externalClientApps/Customer_Portal.eca-meta.xml
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Customer Portal</label>
</ExternalClientApplication>
//- /force-app/main/default/extlClntAppOauthPolicies/Customer_Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Customer_Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
//- /force-app/main/default/extlClntAppGlobalOauthSets/Customer_Portal_glbloauth.ecaGlblOauth-meta.xml
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Customer_Portal</externalClientApplication>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Partner_oauth.ecaOauth-meta.xml
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Partner</externalClientApplication>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/settings/OauthOidc.settings-meta.xml
<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
</OauthOidcSettings>
";

#[test]
fn an_empty_query_lists_every_app_and_file() {
    check(
        PROJECT,
        "",
        expect![[r#"
              0 App Customer_Portal (ExternalClientApplication) Customer_Portal.eca-meta.xml [ExternalClientApplication]
              0 File Customer_Portal_glbloauth in Customer_Portal (ExtlClntAppGlobalOauthSettings) Customer_Portal_glbloauth.ecaGlblOauth-meta.xml [ExtlClntAppGlobalOauthSettings]
              0 File Customer_Portal_oauthPlcy in Customer_Portal (ExtlClntAppOauthConfigurablePolicies) Customer_Portal_oauthPlcy.ecaOauthPlcy-meta.xml [ExtlClntAppOauthConfigurablePolicies]
              0 File OauthOidc (OauthOidcSettings) OauthOidc.settings-meta.xml [OauthOidcSettings]
              0 App Partner (-) Partner_oauth.ecaOauth-meta.xml [Partner]
              0 File Partner_oauth in Partner (ExtlClntAppOauthSettings) Partner_oauth.ecaOauth-meta.xml [ExtlClntAppOauthSettings]
        "#]],
    );
}

#[test]
fn word_starts_rank_first() {
    // `cp` is the initials of Customer_Portal; `Partner_oauth` holds a `p` but no `c` before it.
    check(
        PROJECT,
        "cp",
        expect![[r#"
             18 App Customer_Portal (ExternalClientApplication) Customer_Portal.eca-meta.xml [ExternalClientApplication]
             18 File Customer_Portal_glbloauth in Customer_Portal (ExtlClntAppGlobalOauthSettings) Customer_Portal_glbloauth.ecaGlblOauth-meta.xml [ExtlClntAppGlobalOauthSettings]
             18 File Customer_Portal_oauthPlcy in Customer_Portal (ExtlClntAppOauthConfigurablePolicies) Customer_Portal_oauthPlcy.ecaOauthPlcy-meta.xml [ExtlClntAppOauthConfigurablePolicies]
        "#]],
    );
}

#[test]
fn case_and_spaces_do_not_matter() {
    check(
        PROJECT,
        "PORTAL plcy",
        expect![[r#"
             86 File Customer_Portal_oauthPlcy in Customer_Portal (ExtlClntAppOauthConfigurablePolicies) Customer_Portal_oauthPlcy.ecaOauthPlcy-meta.xml [ExtlClntAppOauthConfigurablePolicies]
        "#]],
    );
}

#[test]
fn a_whole_name_beats_a_longer_one() {
    check(
        PROJECT,
        "partner",
        expect![[r#"
             85 App Partner (-) Partner_oauth.ecaOauth-meta.xml [Partner]
             65 File Partner_oauth in Partner (ExtlClntAppOauthSettings) Partner_oauth.ecaOauth-meta.xml [ExtlClntAppOauthSettings]
        "#]],
    );
}

#[test]
fn characters_out_of_order_do_not_match() {
    check(PROJECT, "lacp", expect![""]);
    check(PROJECT, "zz", expect![""]);
}

#[test]
fn a_run_beats_scattered_letters() {
    let query = Query::new("oauth");
    let run = query.score("Portal_oauth").expect("a match");
    let scattered = query.score("Org_Admin_Users_Tab_Home").expect("a match");
    assert!(run > scattered, "{run} <= {scattered}");
}

#[test]
fn multi_byte_names_match_by_character() {
    let query = Query::new("ポ");
    assert!(query.score("ポータル").is_some());
    assert_eq!(
        Query::new("ü").score("Über_App"),
        Some(MATCHED + AT_WORD_START + AT_NAME_START)
    );
}
