use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support::{apply_edits, project_with_cursor};

/// The actions at the fixture's `$0` (or `$0…$0` range): each title and kind, then the file as
/// it reads after applying the action. A sort must keep every character of the file.
fn check(fixture: &str, expected: Expect) {
    let (project, path, range) = project_with_cursor(fixture);
    let text = &project.file(&path).expect("the cursor's file").text;
    let mut out = String::new();
    for action in code_actions(&project, &path, range) {
        for edit in &action.edits {
            assert_eq!(edit.path, path, "an edit in another file");
        }
        let after = apply_edits(&project, &action.edits)
            .remove(&path)
            .unwrap_or_else(|| text.to_string());
        if action.kind == CodeActionKind::SourceSortFields {
            assert_eq!(
                sorted_chars(text),
                sorted_chars(&after),
                "the sort lost or added text"
            );
            let reparsed = eca_syntax::parse(&after);
            assert!(reparsed.errors.is_empty(), "{:?}", reparsed.errors);
        }
        out.push_str(&format!(
            "{} [{:?}]{}\n{}\n",
            action.title,
            action.kind,
            if action.preferred { " preferred" } else { "" },
            after.replace('\r', "␍")
        ));
    }
    if out.is_empty() {
        out.push_str("no actions\n");
    }
    expected.assert_eq(&out);
}

fn sorted_chars(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

const POLICIES_PATH: &str =
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n";

#[test]
fn sort_moves_comments_with_their_elements() {
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <!-- shown in Setup -->
    <label>Portal</label>
    <mysteryField>kept</mysteryField>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled> <!-- guests too -->
    <externalClientApplication>Portal</externalClientApplication>
    <!-- the end -->
</ExtlClntAppOauthConfigurablePolicies>
$0"
        ),
        expect![[r#"
            Sort fields into canonical order [SourceSortFields]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled> <!-- guests too -->
                <!-- shown in Setup -->
                <label>Portal</label>
                <mysteryField>kept</mysteryField>
                <!-- the end -->
            </ExtlClntAppOauthConfigurablePolicies>

        "#]],
    );
}

#[test]
fn sort_reaches_nested_elements() {
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>
        <key>email</key>
        <formula>$User.Email</formula>
    </customAttributes>
    <customAttributes>
        <formula>$User.Phone</formula>
        <key>phone</key>
    </customAttributes>
    <label>Portal$0</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            Sort fields into canonical order [SourceSortFields]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes>
                    <formula>$User.Email</formula>
                    <key>email</key>
                </customAttributes>
                <customAttributes>
                    <formula>$User.Phone</formula>
                    <key>phone</key>
                </customAttributes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
            </ExtlClntAppOauthConfigurablePolicies>

        "#]],
    );
}

#[test]
fn sort_keeps_crlf_line_endings() {
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n    <label>Portal</label>\r\n    <externalClientApplication>Portal$0</externalClientApplication>\r\n</ExtlClntAppOauthConfigurablePolicies>\r\n"
        ),
        expect![[r#"
            Sort fields into canonical order [SourceSortFields]
            <?xml version="1.0" encoding="UTF-8"?>␍
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">␍
                <externalClientApplication>Portal</externalClientApplication>␍
                <label>Portal</label>␍
            </ExtlClntAppOauthConfigurablePolicies>␍

        "#]],
    );
}

#[test]
fn no_sort_when_in_order_or_unsafe() {
    // In order already.
    check(
        &format!(
            "{POLICIES_PATH}<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal$0</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["no actions\n"],
    );
    // Stray text between the fields.
    check(
        &format!(
            "{POLICIES_PATH}<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal$0</label>
    stray
    <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["no actions\n"],
    );
    // A syntax error anywhere.
    check(
        &format!(
            "{POLICIES_PATH}<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal$0</label>
    <externalClientApplication>Portal</externalClientApplication>
    <description>a & b</description>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect!["no actions\n"],
    );
}

#[test]
fn add_missing_required_fields_of_the_root() {
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal$0</label>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            Add the missing required field to `ExtlClntAppOauthConfigurablePolicies`: `externalClientApplication` [QuickFix]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
            </ExtlClntAppOauthConfigurablePolicies>

        "#]],
    );
    check(
        "//- /force-app/main/default/extlClntAppSamlConfigurablePolicies/Portal_samlPlcy.ecaSamlPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppSamlConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">$0
</ExtlClntAppSamlConfigurablePolicies>
",
        expect![[r#"
            Add the missing required fields to `ExtlClntAppSamlConfigurablePolicies`: `acsUrl`, `entityUrl`, `externalClientApplication` [QuickFix]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppSamlConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <acsUrl></acsUrl>
                <entityUrl></entityUrl>
                <externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppSamlConfigurablePolicies>

        "#]],
    );
}

#[test]
fn add_missing_required_fields_of_a_nested_element() {
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>$0</customAttributes>
    <customAttributes/>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            Sort fields into canonical order [SourceSortFields]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes></customAttributes>
                <customAttributes/>
                <externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppOauthConfigurablePolicies>

            Add the missing required fields to `customAttributes`: `formula`, `key` [QuickFix]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <customAttributes>
                    <formula></formula>
                    <key></key>
                </customAttributes>
                <customAttributes/>
            </ExtlClntAppOauthConfigurablePolicies>

        "#]],
    );
    check(
        &format!(
            "{POLICIES_PATH}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <customAttributes>
        <key>email</key>
    </customAttributes>
    <customAttributes$0/>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            Sort fields into canonical order [SourceSortFields]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes>
                    <key>email</key>
                </customAttributes>
                <customAttributes/>
                <externalClientApplication>Portal</externalClientApplication>
            </ExtlClntAppOauthConfigurablePolicies>

            Add the missing required fields to `customAttributes`: `formula`, `key` [QuickFix]
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <customAttributes>
                    <key>email</key>
                </customAttributes>
                <customAttributes>
                    <formula></formula>
                    <key></key>
                </customAttributes>
            </ExtlClntAppOauthConfigurablePolicies>

        "#]],
    );
}
