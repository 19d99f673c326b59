//! Formatting fixtures: input text, formatted output (`⇥` marks a tab, `␍` a carriage
//! return). Every check also formats the output again and expects no change.

use expect_test::{Expect, expect};

use super::*;

fn check(input: &str, expect: Expect) {
    check_with(&FormatOptions::SALESFORCE, input, expect);
}

fn check_prettier(input: &str, expect: Expect) {
    check_with(&prettier(PrettierOptions::DEFAULT), input, expect);
}

fn prettier(prettier: PrettierOptions) -> FormatOptions {
    FormatOptions {
        style: FormatStyle::Prettier(prettier),
        ..FormatOptions::SALESFORCE
    }
}

fn check_with(options: &FormatOptions, input: &str, expect: Expect) {
    let parse = eca_syntax::parse(input);
    let rendered = match format_text(input, &parse, options) {
        Ok(output) => {
            let again = format_text(&output, &eca_syntax::parse(&output), options)
                .unwrap_or_else(|error| panic!("{}", error.message(&output)));
            assert_eq!(again, output, "formatting the output again changed it");
            output
        }
        Err(error) => format!("error: {}", error.message(input)),
    };
    expect.assert_eq(&rendered.replace('\t', "⇥").replace('\r', "␍"));
}

#[test]
fn a_retrieved_file_is_unchanged() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Portal</label>
</ExternalClientApplication>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <contactEmail>admin@example.com</contactEmail>
                <distributionState>Local</distributionState>
                <isProtected>false</isProtected>
                <label>Portal</label>
            </ExternalClientApplication>
        "#]],
    );
}

#[test]
fn fields_go_into_canonical_order() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Portal policies</label>
    <externalClientApplication>Portal</externalClientApplication>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>
</ExtlClntAppOauthConfigurablePolicies>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>
                <externalClientApplication>Portal</externalClientApplication>
                <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
                <label>Portal policies</label>
            </ExtlClntAppOauthConfigurablePolicies>
        "#]],
    );
}

#[test]
fn nested_types_are_sorted_and_indented_and_repeated_fields_keep_their_order() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
  <trustedIpRanges><startIpAddress>10.0.0.1</startIpAddress><endIpAddress>10.0.0.9</endIpAddress></trustedIpRanges>
  <label>Portal</label>
      <customAttributes>
    <key>second</key>
          <formula>$User.Id</formula>
      </customAttributes>
  <customAttributes>
    <key>first</key>
  </customAttributes>
  <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthSettings>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes>
                    <formula>$User.Id</formula>
                    <key>second</key>
                </customAttributes>
                <customAttributes>
                    <key>first</key>
                </customAttributes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
                <trustedIpRanges>
                    <endIpAddress>10.0.0.9</endIpAddress>
                    <startIpAddress>10.0.0.1</startIpAddress>
                </trustedIpRanges>
            </ExtlClntAppOauthSettings>
        "#]],
    );
}

#[test]
fn comments_travel_with_the_element_they_precede_or_end_the_line_of() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- before the root -->
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata"> <!-- after the start tag -->
    <label>Portal</label>  <!-- the label -->
    <!-- about the app
         on two lines -->
    <externalClientApplication>Portal</externalClientApplication>
    <!-- <consumerKey>commented out</consumerKey> -->
    <callbackUrl>https://example.com/cb</callbackUrl><!-- glued --><!-- twice -->
    <!-- at the end -->
</ExtlClntAppGlobalOauthSettings>
<!-- after the root -->
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- before the root -->
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata"> <!-- after the start tag -->
                <!-- <consumerKey>commented out</consumerKey> -->
                <callbackUrl>https://example.com/cb</callbackUrl> <!-- glued --> <!-- twice -->
                <!-- about the app
                     on two lines -->
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label> <!-- the label -->
                <!-- at the end -->
            </ExtlClntAppGlobalOauthSettings>
            <!-- after the root -->
        "#]],
    );
}

#[test]
fn unknown_elements_keep_their_place_after_the_field_before_them() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <firstUnknown>1</firstUnknown>
    <label>Portal</label>
    <isAdminApproved>true</isAdminApproved>
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <scopes>Web</scopes>
    <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthSettings>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <firstUnknown>1</firstUnknown>
                <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
                <scopes>Web</scopes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
                <isAdminApproved>true</isAdminApproved>
            </ExtlClntAppOauthSettings>
        "#]],
    );
}

#[test]
fn an_unknown_root_is_indented_but_not_sorted() {
    check(
        "<Package xmlns=\"http://soap.sforce.com/2006/04/metadata\"><version>65.0</version><types><name>X</name><members>a</members></types></Package>",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <Package xmlns="http://soap.sforce.com/2006/04/metadata">
                <version>65.0</version>
                <types>
                    <name>X</name>
                    <members>a</members>
                </types>
            </Package>
        "#]],
    );
}

#[test]
fn values_are_copied_as_written() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<label>  Portal  &amp; co </label>\n<callbackUrl>https://a.example.com/cb\r\nhttps://b.example.com/cb\n   </callbackUrl>\n<externalClientApplication><![CDATA[Portal]]></externalClientApplication>\n<consumerKey></consumerKey>\n<certificate> </certificate>\n</ExtlClntAppGlobalOauthSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <callbackUrl>https://a.example.com/cb␍
            https://b.example.com/cb
               </callbackUrl>
                <certificate> </certificate>
                <consumerKey></consumerKey>
                <externalClientApplication><![CDATA[Portal]]></externalClientApplication>
                <label>  Portal  &amp; co </label>
            </ExtlClntAppGlobalOauthSettings>
        "#]],
    );
}

#[test]
fn attributes_and_xsi_nil_stay_as_written() {
    check(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ExternalClientAppSettings
    xmlns="http://soap.sforce.com/2006/04/metadata"   xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'
>
    <enablePackageEcaOauthFromDevOrg >false</enablePackageEcaOauthFromDevOrg >
    <enableExternalClientApps xsi:nil = "true" />
    <enableClientSecretInRestApiAccess xsi:nil="true"></enableClientSecretInRestApiAccess>
</ExternalClientAppSettings>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientAppSettings xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>
                <enableClientSecretInRestApiAccess xsi:nil="true"></enableClientSecretInRestApiAccess>
                <enableExternalClientApps xsi:nil="true"/>
                <enablePackageEcaOauthFromDevOrg>false</enablePackageEcaOauthFromDevOrg>
            </ExternalClientAppSettings>
        "#]],
    );
}

#[test]
fn crlf_line_endings_stay() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n<label>Portal</label><isProtected>false</isProtected>\r\n</ExternalClientApplication>\r\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>␍
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">␍
                <isProtected>false</isProtected>␍
                <label>Portal</label>␍
            </ExternalClientApplication>␍
        "#]],
    );
}

#[test]
fn tabs_when_asked() {
    check_with(
        &FormatOptions {
            indent: Indent::Tab,
            ..FormatOptions::SALESFORCE
        },
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <customAttributes>\n        <key>k</key>\n    </customAttributes>\n</ExtlClntAppOauthSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            ⇥<customAttributes>
            ⇥⇥<key>k</key>
            ⇥</customAttributes>
            </ExtlClntAppOauthSettings>
        "#]],
    );
}

#[test]
fn one_blank_line_between_groups_stays() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\n    <callbackUrl>x</callbackUrl>\n\n\n    <!-- security -->\n\n    <isPkceRequired>true</isPkceRequired>\n\n</ExtlClntAppGlobalOauthSettings>\n\n\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <callbackUrl>x</callbackUrl>

                <!-- security -->

                <isPkceRequired>true</isPkceRequired>
            </ExtlClntAppGlobalOauthSettings>
        "#]],
    );
}

#[test]
fn final_newline_options() {
    let input = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n</ExternalClientApplication>";
    let neither = FormatOptions {
        insert_final_newline: false,
        trim_final_newlines: false,
        ..FormatOptions::SALESFORCE
    };
    check_with(
        &neither,
        input,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
            </ExternalClientApplication>"#]],
    );
    check_with(
        &neither,
        &format!("{input}\n\n"),
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
            </ExternalClientApplication>

        "#]],
    );
    check(
        input,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
            </ExternalClientApplication>
        "#]],
    );
}

#[test]
fn the_declaration_is_written_as_salesforce_writes_it() {
    check(
        "<?xml version='1.0' encoding='UTF-8' ?><ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>P</label></ExternalClientApplication>",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>P</label>
            </ExternalClientApplication>
        "#]],
    );
    check(
        "<?xml version=\"1.0\" standalone=\"yes\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n",
        expect![[r#"
            <?xml version="1.0" standalone="yes"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"/>
        "#]],
    );
}

#[test]
fn a_file_with_syntax_errors_is_refused() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>P</labl>\n</ExternalClientApplication>\n",
        expect![
            "error: not formatted: the file has a syntax error (line 3: `</labl>` does not match the open element `<label>`); fix the XML first"
        ],
    );
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE x>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n",
        expect![
            "error: not formatted: the file has a syntax error (line 2: a DOCTYPE is never processed (it could define entities or fetch external files): remove the `<!DOCTYPE ...>`); fix the XML first"
        ],
    );
}

#[test]
fn a_byte_order_mark_stays() {
    check(
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>\n",
        expect![[r#"
            ﻿<?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"/>
        "#]],
    );
}

#[test]
fn mixed_content_and_comment_only_values_are_left_as_written() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<label><!-- todo --></label>\n<description>a <b>bold</b>\n  move</description>\n</ExternalClientApplication>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <description>a <b>bold</b>
              move</description>
                <label><!-- todo --></label>
            </ExternalClientApplication>
        "#]],
    );
}

#[test]
fn prettier_style_breaks_long_start_tags_like_the_xml_plugin() {
    check_prettier(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedPermissionSet>Portal_Headless_Login</commaSeparatedPermissionSet>
    <externalClientApplication>Portal</externalClientApplication>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType> <!-- c -->
    <customAttributes>
        <formula>$User.Email</formula>
        <key>a_long_custom_attribute_key_that_does_not_fit_on_one_line_at_all</key>
    </customAttributes>
    <label xsi:nil="true"></label>
</ExtlClntAppOauthConfigurablePolicies>
"#,
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8" ?>
            <ExtlClntAppOauthConfigurablePolicies
              xmlns="http://soap.sforce.com/2006/04/metadata"
            >
                <commaSeparatedPermissionSet
              >Portal_Headless_Login</commaSeparatedPermissionSet>
                <customAttributes>
                    <formula>$User.Email</formula>
                    <key
                >a_long_custom_attribute_key_that_does_not_fit_on_one_line_at_all</key>
                </customAttributes>
                <externalClientApplication>Portal</externalClientApplication>
                <label xsi:nil="true" />
                <permittedUsersPolicyType
              >AdminApprovedPreAuthorized</permittedUsersPolicyType> <!-- c -->
            </ExtlClntAppOauthConfigurablePolicies>
        "#]],
    );
}

#[test]
fn prettier_style_options() {
    let options = prettier(PrettierOptions {
        print_width: 60,
        tab_width: 4,
        bracket_same_line: true,
        self_closing_space: false,
        end_of_line: EndOfLine::Crlf,
        ..PrettierOptions::DEFAULT
    });
    check_with(
        &options,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n    <enableExternalClientApps xsi:nil=\"true\"/>\n    <enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>\n</ExternalClientAppSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>␍
            <ExternalClientAppSettings␍
                xmlns="http://soap.sforce.com/2006/04/metadata"␍
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">␍
                <enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>␍
                <enableExternalClientApps xsi:nil="true"/>␍
            </ExternalClientAppSettings>␍
        "#]],
    );
}

#[test]
fn prettier_measures_wide_characters_as_two_columns() {
    // 4 + 7 + 36 × 2 + 8 = 91 columns: too wide for 80, while its 51 characters would fit.
    check_prettier(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>ポータルのためのヘッドレスログインアプリケーションですポータルのためのヘッドレスログインアプリ</label>\n    <description>ポータル</description>\n</ExternalClientApplication>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8" ?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <description>ポータル</description>
                <label
              >ポータルのためのヘッドレスログインアプリケーションですポータルのためのヘッドレスログインアプリ</label>
            </ExternalClientApplication>
        "#]],
    );
}

#[test]
fn widths_as_prettier_counts_them() {
    assert_eq!(prettier_width("    <label>"), 11);
    assert_eq!(prettier_width("\t\t"), 0);
    assert_eq!(prettier_width("ポータル"), 8);
    assert_eq!(prettier_width("e\u{301}"), 1);
    assert_eq!(prettier_width("👍🏽"), 2);
    assert_eq!(prettier_width("🇯🇵"), 2);
}

/// Range formatting: `$0` marks the start and the end of the selection.
fn check_range(input: &str, expect: Expect) {
    let mut parts = input.split("$0");
    let (before, selected, after) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let text = format!("{before}{selected}{after}");
    let selection = TextRange::new(before.len(), before.len() + selected.len());
    let parse = eca_syntax::parse(&text);
    let rendered = match format_range(&text, &parse, selection, &FormatOptions::SALESFORCE) {
        Ok(Some((range, new_text))) => {
            let mut edited = text.clone();
            edited.replace_range(range.start..range.end, &new_text);
            edited
        }
        Ok(None) => "no change".to_string(),
        Err(error) => format!("error: {}", error.message(&text)),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn range_formatting_touches_the_selected_children_only_and_keeps_their_order() {
    check_range(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <label>P</label >\n      <isFirstPartyAppEnabled>false</isFirstPartyAppEnabled>\n$0<!-- scopes -->\n        <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes >\n<externalClientApplication>P</externalClientApplication>$0\n   <oauthLink>x</oauthLink>\n</ExtlClntAppOauthSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
              <label>P</label >
                  <isFirstPartyAppEnabled>false</isFirstPartyAppEnabled>
                <!-- scopes -->
                <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
                <externalClientApplication>P</externalClientApplication>
               <oauthLink>x</oauthLink>
            </ExtlClntAppOauthSettings>
        "#]],
    );
}

#[test]
fn range_formatting_inside_a_nested_element_formats_its_children() {
    check_range(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <customAttributes>\n  <key>$0k</key>$0\n        <formula>f</formula>\n  </customAttributes>\n  <label>P</label >\n</ExtlClntAppOauthSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
              <customAttributes>
                    <key>k</key>
                    <formula>f</formula>
              </customAttributes>
              <label>P</label >
            </ExtlClntAppOauthSettings>
        "#]],
    );
    // The whole nested element selected: it is sorted inside.
    check_range(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  $0<customAttributes>\n  <key>k</key>\n        <formula>f</formula>\n  </customAttributes>$0\n  <label>P</label >\n</ExtlClntAppOauthSettings>\n",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <customAttributes>
                    <formula>f</formula>
                    <key>k</key>
                </customAttributes>
              <label>P</label >
            </ExtlClntAppOauthSettings>
        "#]],
    );
}

#[test]
fn range_formatting_beyond_the_root_formats_the_file() {
    check_range(
        "$0<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n<label>P</label>\n<isProtected>false</isProtected>$0\n</ExternalClientApplication>",
        expect![[r#"
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <isProtected>false</isProtected>
                <label>P</label>
            </ExternalClientApplication>
        "#]],
    );
}

#[test]
fn range_formatting_of_formatted_lines_changes_nothing() {
    check_range(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <isProtected>$0false</isProtected>\n    <label>P</label>$0\n</ExternalClientApplication>\n",
        expect!["no change"],
    );
    check_range(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <isProtected>false</isProtected>\n$0$0\n    <label>P</label>\n</ExternalClientApplication>\n",
        expect!["no change"],
    );
}

#[test]
fn the_changed_range_is_what_lies_between_the_common_start_and_end() {
    let render = |old: &str, new: &str| {
        changed_range(old, new).map(|(range, text)| format!("{:?} {text:?}", range))
    };
    assert_eq!(render("<a>x</a>", "<a>x</a>"), None);
    assert_eq!(render("ab  cd", "ab cd").as_deref(), Some("3..4 \"\""));
    assert_eq!(render("aaa", "aaaa").as_deref(), Some("3..3 \"a\""));
    // Never inside a character: é and è share their first byte.
    assert_eq!(render("é", "è").as_deref(), Some("0..2 \"è\""));
}
