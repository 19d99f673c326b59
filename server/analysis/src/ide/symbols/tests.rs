use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support;

const PATH: &str =
    "/force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml";

fn project(text: &str) -> (Project, String) {
    let project = test_support::project(&format!("//- {PATH}\n{text}"));
    let text = project
        .file(PATH)
        .expect("the fixture's file")
        .text
        .to_string();
    (project, text)
}

/// The outline, indented by depth: name, kind, detail, and the text of the selection range.
fn check_symbols(text: &str, expected: Expect) {
    fn render(symbol: &DocumentSymbol, text: &str, depth: usize, out: &mut String) {
        assert!(symbol.range.contains_range(symbol.selection_range));
        out.push_str(&format!(
            "{}{} [{:?}]{}{}\n",
            "  ".repeat(depth),
            symbol.name,
            symbol.kind,
            symbol
                .detail
                .as_deref()
                .map(|detail| format!(" = {detail}"))
                .unwrap_or_default(),
            if symbol.deprecated { " deprecated" } else { "" },
        ));
        assert_eq!(symbol.selection_range.slice(text), symbol.name);
        for child in &symbol.children {
            assert!(symbol.range.contains_range(child.range));
            render(child, text, depth + 1, out);
        }
    }
    let (project, text) = project(text);
    let mut out = String::new();
    for symbol in document_symbols(&project, PATH) {
        render(&symbol, &text, 0, &mut out);
    }
    expected.assert_eq(&out);
}

/// Each folding range as its first and last line numbers (1-based) and its first line's text.
fn check_folding(text: &str, expected: Expect) {
    let (project, text) = project(text);
    let mut out = String::new();
    for folding in folding_ranges(&project, PATH) {
        let line = |offset: usize| text[..offset].matches('\n').count() + 1;
        out.push_str(&format!(
            "{:?} {}-{} {}\n",
            folding.kind,
            line(folding.range.start),
            line(folding.range.end),
            text[folding.range.start..]
                .lines()
                .next()
                .unwrap_or("")
                .trim()
        ));
    }
    expected.assert_eq(&out);
}

/// The selection chain at the fixture's `$0`, innermost first, each range's text on one line.
fn check_selection(text_with_cursor: &str, expected: Expect) {
    let offset = text_with_cursor.find("$0").expect("a `$0`");
    let (project, text) = project(&text_with_cursor.replace("$0", ""));
    let chains = selection_ranges(&project, PATH, &[offset]);
    let mut out = String::new();
    for range in &chains[0] {
        let shown = range.slice(&text).replace('\n', "⏎");
        let shown: String = shown.chars().take(70).collect();
        out.push_str(&format!("{shown}\n"));
    }
    expected.assert_eq(&out);
}

const GLOBAL_PATH: &str =
    "/force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml";

const OAUTH: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <!-- scopes the portal needs,
         reviewed in March -->
    <commaSeparatedOauthScopes>Api, RefreshToken, OpenID</commaSeparatedOauthScopes>
    <customAttributes>
        <formula>$User.Email</formula>
        <key>email</key>
    </customAttributes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal — ポータル 🎉 with a label long enough to be cut in the outline detail</label>
    <trustedIpRanges>
        <endIpAddress>10.0.0.255</endIpAddress>
        <startIpAddress>10.0.0.1</startIpAddress>
    </trustedIpRanges>
</ExtlClntAppOauthSettings>
";

#[test]
fn outline_of_fields_nested_fields_and_list_items() {
    check_symbols(
        OAUTH,
        expect![[r#"
        ExtlClntAppOauthSettings [Type] = app Portal
          commaSeparatedOauthScopes [Field] = Api, RefreshToken, OpenID
            Api [Value]
            RefreshToken [Value]
            OpenID [Value]
          customAttributes [Type]
            formula [Field] = $User.Email
            key [Field] = email
          externalClientApplication [Field] = Portal
          label [Field] = Portal — ポータル 🎉 with a label long enough to be cut in the ou…
          trustedIpRanges [Type]
            endIpAddress [Field] = 10.0.0.255
            startIpAddress [Field] = 10.0.0.1
    "#]],
    );
}

#[test]
fn outline_never_shows_a_secret() {
    let secret = "S3cr3tV4lu3DoNotShow";
    let text = format!(
        "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <consumerSecret>{secret}</consumerSecret>\n    <externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n"
    );
    let project = test_support::project(&format!("//- {GLOBAL_PATH}\n{text}"));
    let symbols = document_symbols(&project, GLOBAL_PATH);
    let rendered = format!("{symbols:?}");
    assert!(!rendered.contains(secret), "{rendered}");
    assert!(rendered.contains("(secret, hidden)"), "{rendered}");
}

#[test]
fn deprecated_fields_are_marked_in_the_outline() {
    let text = "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n";
    let path =
        "/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
    let project = test_support::project(&format!("//- {path}\n{text}"));
    let symbols = document_symbols(&project, path);
    assert!(symbols[0].children[0].deprecated);
    assert!(!symbols[0].deprecated);
}

#[test]
fn folds_multi_line_elements_and_comments() {
    check_folding(
        OAUTH,
        expect![[r#"
        Region 2-15 <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
        Comment 3-4 <!-- scopes the portal needs,
        Region 6-8 <customAttributes>
        Region 12-14 <trustedIpRanges>
    "#]],
    );
    check_folding(
        &OAUTH.replace('\n', "\r\n"),
        expect![[r#"
        Region 2-15 <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
        Comment 3-4 <!-- scopes the portal needs,
        Region 6-8 <customAttributes>
        Region 12-14 <trustedIpRanges>
    "#]],
    );
}

#[test]
fn selection_grows_from_a_list_item_to_the_file() {
    check_selection(
        &OAUTH.replace("RefreshToken", "Refresh$0Token"),
        expect![[r#"
        RefreshToken
        Api, RefreshToken, OpenID
        <commaSeparatedOauthScopes>Api, RefreshToken, OpenID</commaSeparatedOa
        <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metada
        <?xml version="1.0" encoding="UTF-8"?>⏎<ExtlClntAppOauthSettings xmlns
    "#]],
    );
}

#[test]
fn selection_grows_from_a_nested_name() {
    check_selection(
        &OAUTH.replace("<key>", "<k$0ey>"),
        expect![[r#"
        key
        <key>email</key>
        <customAttributes>⏎        <formula>$User.Email</formula>⏎        <key
        <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metada
        <?xml version="1.0" encoding="UTF-8"?>⏎<ExtlClntAppOauthSettings xmlns
    "#]],
    );
}
