//! Fixture tests for the shapes real metadata files take: the tree rendered as text, with no
//! errors expected.

use expect_test::expect;

use super::check;

#[test]
fn simple_document() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>a@b.c</contactEmail>
    <isProtected>false</isProtected>
</ExternalClientApplication>
"#,
        expect![[r#"
            decl 0..38 version=Some("1.0") encoding=Some("UTF-8")
            <ExternalClientApplication> 39..219 start=39..114 name=40..65 content=114..191 end=191..219
              @xmlns 66..113 name=66..71 value=73..112 "http://soap.sforce.com/2006/04/metadata"
              <contactEmail> 119..153 start=119..133 name=120..132 content=133..138 end=138..153
                text 133..138 "a@b.c"
              <isProtected> 158..190 start=158..171 name=159..170 content=171..176 end=176..190
                text 171..176 "false"
        "#]],
    );
}

#[test]
fn crlf_line_ends_and_multi_line_text_values() {
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<A>\r\n  <callbackUrl>https://a.example/cb\r\nhttps://b.example/cb\nhttps://c.example/cb</callbackUrl>\r\n</A>\r\n",
        expect![[r#"
            decl 0..38 version=Some("1.0") encoding=Some("UTF-8")
            <A> 40..143 start=40..43 name=41..42 content=43..139 end=139..143
              <callbackUrl> 47..137 start=47..60 name=48..59 content=60..123 end=123..137
                text 60..123 "https://a.example/cb\nhttps://b.example/cb\nhttps://c.example/cb"
        "#]],
    );
}

#[test]
fn self_closing_element_with_xsi_nil() {
    check(
        r#"<?xml version="1.0" encoding="utf-8"?>
<ExternalClientAppSettings xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <enableExternalClientApps xsi:nil="true" />
    <other xsi:nil="true"></other>
</ExternalClientAppSettings>"#,
        expect![[r#"
            decl 0..38 version=Some("1.0") encoding=Some("utf-8")
            <ExternalClientAppSettings> 39..280 start=39..168 name=40..65 content=168..252 end=252..280
              @xmlns 66..113 name=66..71 value=73..112 "http://soap.sforce.com/2006/04/metadata"
              @xmlns:xsi 114..167 name=114..123 value=125..166 "http://www.w3.org/2001/XMLSchema-instance"
              <enableExternalClientApps> 173..216 start=173..216 name=174..198 self-closing
                @xsi:nil 199..213 name=199..206 value=208..212 "true"
              <other> 221..251 start=221..243 name=222..227 content=243..243 end=243..251
                @xsi:nil 228..242 name=228..235 value=237..241 "true"
        "#]],
    );
}

#[test]
fn prettier_wrapped_start_tags() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<ExtlClntAppOauthConfigurablePolicies
    xmlns="http://soap.sforce.com/2006/04/metadata"
>
    <clientCredentialsFlowUser
    >admin@example.com</clientCredentialsFlowUser>
    <label>Integration</label>
</ExtlClntAppOauthConfigurablePolicies>
"#,
        expect![[r#"
            decl 0..39 version=Some("1.0") encoding=Some("UTF-8")
            <ExtlClntAppOauthConfigurablePolicies> 40..284 start=40..131 name=41..77 content=131..245 end=245..284
              @xmlns 82..129 name=82..87 value=89..128 "http://soap.sforce.com/2006/04/metadata"
              <clientCredentialsFlowUser> 136..213 start=136..168 name=137..162 content=168..185 end=185..213
                text 168..185 "admin@example.com"
              <label> 218..244 start=218..225 name=219..224 content=225..236 end=236..244
                text 225..236 "Integration"
        "#]],
    );
}

#[test]
fn comments_between_declaration_root_and_elements() {
    check(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!--
  Multi-line comment before the root
-->
<A>
    <!-- between elements -->
    <b>1</b>
    <!--<oauthLink>commented out</oauthLink>-->
    <c>2</c>
</A>
<!-- after the root -->
"#,
        expect![[r#"
            decl 0..38 version=Some("1.0") encoding=Some("UTF-8")
            comment 39..84 content=43..81
            <A> 85..197 start=85..88 name=86..87 content=88..193 end=193..197
              comment 93..118 content=97..115
              <b> 123..131 start=123..126 name=124..125 content=126..127 end=127..131
                text 126..127 "1"
              comment 136..179 content=140..176
              <c> 184..192 start=184..187 name=185..186 content=187..188 end=188..192
                text 187..188 "2"
            comment 198..221 content=202..218
        "#]],
    );
}

#[test]
fn references_in_text_and_attributes() {
    check(
        r#"<A note="it&apos;s &lt;fine&gt; &#x1F600;"><description>Agent&apos;s app &amp; more &#60;&#x3E; &quot;q&quot;</description></A>"#,
        expect![[r#"
            <A> 0..127 start=0..43 name=1..2 content=43..123 end=123..127
              @note 3..42 name=3..7 value=9..41 "it's <fine> 😀"
              <description> 43..123 start=43..56 name=44..55 content=56..109 end=109..123
                text 56..109 "Agent's app & more <> \"q\""
        "#]],
    );
}

#[test]
fn non_ascii_text_and_names() {
    check(
        "<A>\n  <label>日本語のラベル — ok 😀</label>\n  <名前 属性=\"値\">é</名前>\n</A>",
        expect![[r#"
            <A> 0..94 start=0..3 name=1..2 content=3..90 end=90..94
              <label> 6..54 start=6..13 name=7..12 content=13..46 end=46..54
                text 13..46 "日本語のラベル — ok 😀"
              <名前> 57..89 start=57..78 name=58..64 content=78..80 end=80..89
                @属性 65..77 name=65..71 value=73..76 "値"
                text 78..80 "é"
        "#]],
    );
}

#[test]
fn cdata_and_processing_instructions() {
    check(
        "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a.xsl\"?>\n<A><![CDATA[<not> & markup]]><?target data?></A>",
        expect![[r#"
            decl 0..21 version=Some("1.0") encoding=None
            pi xml-stylesheet 22..53
            <A> 54..102 start=54..57 name=55..56 content=57..98 end=98..102
              cdata 57..83 "<not> & markup"
              pi target 83..98
        "#]],
    );
}

#[test]
fn byte_order_mark_before_declaration() {
    check(
        "\u{FEFF}<?xml version=\"1.0\"?><A/>",
        expect![[r#"
        decl 3..24 version=Some("1.0") encoding=None
        <A> 24..28 start=24..28 name=25..26 self-closing
    "#]],
    );
}

#[test]
fn single_quotes_and_spaces_around_equals() {
    check(
        "<A b = 'x' c=\"y\"\td='z'></A >",
        expect![[r#"
        <A> 0..28 start=0..23 name=1..2 content=23..23 end=23..28
          @b 3..10 name=3..4 value=8..9 "x"
          @c 11..16 name=11..12 value=14..15 "y"
          @d 17..22 name=17..18 value=20..21 "z"
    "#]],
    );
}

#[test]
fn whitespace_only_text_is_kept_as_nodes() {
    let parse = crate::parse("<A>\n  <b/>\n</A>\n");
    let document = &parse.document;
    let root = document.root_element().expect("root");
    assert_eq!(root.children().len(), 3);
    assert!(
        matches!(&root.children()[0], crate::Node::Text(text) if text.value(document) == "\n  ")
    );
    assert!(
        matches!(&document.top_level()[1], crate::Node::Text(text) if text.value(document) == "\n")
    );
}

#[test]
fn text_values_normalise_line_ends() {
    let parse = crate::parse("<A>a\r\nb\rc\n</A>");
    let document = &parse.document;
    let root = document.root_element().expect("root");
    let crate::Node::Text(text) = &root.children()[0] else {
        panic!("expected text");
    };
    assert_eq!(text.value(document), "a\nb\nc\n");
    assert_eq!(text.range(), crate::TextRange::new(3, 10));
}

#[test]
fn declaration_with_lower_case_encoding_and_a_space_before_the_end() {
    check(
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<A>it&apos;s</A>\n",
        expect![[r#"
            decl 0..39 version=Some("1.0") encoding=Some("utf-8")
            <A> 40..56 start=40..43 name=41..42 content=43..52 end=52..56
              text 43..52 "it's"
        "#]],
    );
}
