//! Fixture tests for broken input: every error kind, the half-typed shapes an editor sees
//! while someone types, and recovery that reports one mistake once.

use expect_test::expect;

use super::check;
use crate::SyntaxErrorKind;

#[test]
fn half_typed_start_tag_before_parent_end_tag() {
    check(
        "<Root>\n  <a>1</a>\n  <guestJwt\n</Root>\n",
        expect![[r#"
            <Root> 0..37 start=0..6 name=1..5 content=6..30 end=30..37
              <a> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
                text 12..13 "1"
              <guestJwt> 20..29 start=20..29 name=21..29 start-unclosed content=29..29 no-end-tag
            error MissingTagClose 20..29: the start tag `<guestJwt` is not closed: expected `>` or `/>`
        "#]],
    );
}

#[test]
fn half_typed_start_tag_at_end_of_file() {
    check(
        "<Root>\n  <a>1</a>\n  <guestJwtS",
        expect![[r#"
        <Root> 0..30 start=0..6 name=1..5 content=6..30 no-end-tag
          <a> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
            text 12..13 "1"
          <guestJwtS> 20..30 start=20..30 name=21..30 start-unclosed content=30..30 no-end-tag
        error UnclosedElement 0..6: `<Root>` is never closed: expected `</Root>` before the end of the file
        error MissingTagClose 20..30: the start tag `<guestJwtS` is not closed: expected `>` or `/>`
    "#]],
    );
}

#[test]
fn bare_less_than_on_an_empty_line() {
    check(
        "<Root>\n  <a>1</a>\n  <\n</Root>\n",
        expect![[r#"
        <Root> 0..29 start=0..6 name=1..5 content=6..22 end=22..29
          <a> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
            text 12..13 "1"
          <> 20..21 start=20..21 name=21..21 start-unclosed content=21..21 no-end-tag
        error InvalidName 20..21: `<` is not followed by an element name: write `&lt;` for a literal `<`
    "#]],
    );
}

#[test]
fn bare_end_tag_opener_inside_the_root() {
    check(
        "<Root>\n  <a>1</a>\n  </\n</Root>\n",
        expect![[r#"
        <Root> 0..30 start=0..6 name=1..5 content=6..23 end=23..30
          <a> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
            text 12..13 "1"
        error InvalidName 20..22: `</` is not followed by an element name: expected `</Root>`
    "#]],
    );
}

#[test]
fn half_typed_end_tag_of_the_element_being_written() {
    check(
        "<Root>\n  <a>30</\n</Root>\n",
        expect![[r#"
        <Root> 0..24 start=0..6 name=1..5 content=6..17 end=17..24
          <a> 9..17 start=9..12 name=10..11 content=12..17 no-end-tag
            text 12..14 "30"
        error InvalidName 14..16: `</` is not followed by an element name: expected `</a>`
    "#]],
    );
}

#[test]
fn half_typed_tag_followed_by_siblings() {
    check(
        "<Root>\n  <guestJwt\n  <b>2</b>\n  <c/>\n</Root>",
        expect![[r#"
            <Root> 0..44 start=0..6 name=1..5 content=6..37 end=37..44
              <guestJwt> 9..18 start=9..18 name=10..18 start-unclosed content=18..18 no-end-tag
              <b> 21..29 start=21..24 name=22..23 content=24..25 end=25..29
                text 24..25 "2"
              <c> 32..36 start=32..36 name=33..34 self-closing
            error MissingTagClose 9..18: the start tag `<guestJwt` is not closed: expected `>` or `/>`
        "#]],
    );
}

#[test]
fn start_tag_missing_its_close_before_children() {
    check(
        "<Root>\n  <a x=\"1\"\n    <b>2</b>\n  </a>\n</Root>",
        expect![[r#"
        <Root> 0..45 start=0..6 name=1..5 content=6..38 end=38..45
          <a> 9..17 start=9..17 name=10..11 start-unclosed content=17..17 no-end-tag
            @x 12..17 name=12..13 value=15..16 "1"
          <b> 22..30 start=22..25 name=23..24 content=25..26 end=26..30
            text 25..26 "2"
        error MissingTagClose 9..17: the start tag `<a` is not closed: expected `>` or `/>`
    "#]],
    );
}

#[test]
fn half_typed_self_closing_tag() {
    check(
        "<Root><a/\n</Root>",
        expect![[r#"
        <Root> 0..17 start=0..6 name=1..5 content=6..10 end=10..17
          <a> 6..9 start=6..9 name=7..8 start-unclosed self-closing
        error MissingTagClose 6..9: the start tag `<a` is not closed: expected `>`
    "#]],
    );
}

#[test]
fn end_tag_missing_its_close() {
    check(
        "<Root><a>1</a\n<b>2</b></Root>",
        expect![[r#"
        <Root> 0..29 start=0..6 name=1..5 content=6..22 end=22..29
          <a> 6..14 start=6..9 name=7..8 content=9..10 end=10..14 end-unclosed
            text 9..10 "1"
          <b> 14..22 start=14..17 name=15..16 content=17..18 end=18..22
            text 17..18 "2"
        error MissingTagClose 10..14: the end tag `</a` is not closed: expected `>`
    "#]],
    );
}

#[test]
fn misspelt_end_tag_closes_the_leaf_with_one_error() {
    check(
        "<Root>\n  <guestJwtSessionTimeoutType>x</guestJwtTimeout>\n  <b>2</b>\n</Root>",
        expect![[r#"
            <Root> 0..75 start=0..6 name=1..5 content=6..68 end=68..75
              <guestJwtSessionTimeoutType> 9..56 start=9..37 name=10..36 content=37..38 end=38..56 </guestJwtTimeout>
                text 37..38 "x"
              <b> 59..67 start=59..62 name=60..61 content=62..63 end=63..67
                text 62..63 "2"
            error MismatchedEndTag 38..56: `</guestJwtTimeout>` does not match the open element `<guestJwtSessionTimeoutType>`
        "#]],
    );
}

#[test]
fn end_tag_of_an_ancestor_closes_the_elements_in_between() {
    check(
        "<Root><a><b>1</b>\n<c>2</c></Root>",
        expect![[r#"
        <Root> 0..33 start=0..6 name=1..5 content=6..26 end=26..33
          <a> 6..26 start=6..9 name=7..8 content=9..26 no-end-tag
            <b> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
              text 12..13 "1"
            <c> 18..26 start=18..21 name=19..20 content=21..22 end=22..26
              text 21..22 "2"
        error UnclosedElement 6..9: `<a>` is never closed: expected `</a>` before `</Root>`
    "#]],
    );
}

#[test]
fn every_really_unclosed_element_is_reported_once() {
    check(
        "<Root><a><b>1</Root>",
        expect![[r#"
        <Root> 0..20 start=0..6 name=1..5 content=6..13 end=13..20
          <a> 6..13 start=6..9 name=7..8 content=9..13 no-end-tag
            <b> 9..13 start=9..12 name=10..11 content=12..13 no-end-tag
              text 12..13 "1"
        error UnclosedElement 6..9: `<a>` is never closed: expected `</a>` before `</Root>`
        error UnclosedElement 9..12: `<b>` is never closed: expected `</b>` before `</Root>`
    "#]],
    );
}

#[test]
fn an_unclosed_value_ends_where_the_next_field_starts() {
    // `<label>x` never closed: the fields after it stay children of the root, not of label.
    check(
        "<Root>\n<label>x\n<a>1</a>\n<b><c>2</c></b>\n</Root>",
        expect![[r#"
            <Root> 0..48 start=0..6 name=1..5 content=6..41 end=41..48
              <label> 7..16 start=7..14 name=8..13 content=14..16 no-end-tag
                text 14..16 "x\n"
              <a> 16..24 start=16..19 name=17..18 content=19..20 end=20..24
                text 19..20 "1"
              <b> 25..40 start=25..28 name=26..27 content=28..36 end=36..40
                <c> 28..36 start=28..31 name=29..30 content=31..32 end=32..36
                  text 31..32 "2"
            error UnclosedElement 7..14: `<label>` is never closed: expected `</label>` before `</Root>`
        "#]],
    );
}

#[test]
fn an_unclosed_value_at_the_end_of_the_file_hands_on_its_siblings() {
    check(
        "<Root><label>x<a>1</a>",
        expect![[r#"
            <Root> 0..22 start=0..6 name=1..5 content=6..22 no-end-tag
              <label> 6..14 start=6..13 name=7..12 content=13..14 no-end-tag
                text 13..14 "x"
              <a> 14..22 start=14..17 name=15..16 content=17..18 end=18..22
                text 17..18 "1"
            error UnclosedElement 0..6: `<Root>` is never closed: expected `</Root>` before the end of the file
            error UnclosedElement 6..13: `<label>` is never closed: expected `</label>` before the end of the file
        "#]],
    );
}

#[test]
fn stray_end_tag_is_reported_and_ignored() {
    check(
        "<Root><a><b>1</b></b>2</a></Root>",
        expect![[r#"
        <Root> 0..33 start=0..6 name=1..5 content=6..26 end=26..33
          <a> 6..26 start=6..9 name=7..8 content=9..22 end=22..26
            <b> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
              text 12..13 "1"
            text 21..22 "2"
        error UnexpectedEndTag 17..21: `</b>` has no matching start tag: expected `</a>`
    "#]],
    );
}

#[test]
fn stray_end_tag_inside_a_container_reports_once() {
    check(
        "<Root><a><b/></x></Root>",
        expect![[r#"
        <Root> 0..24 start=0..6 name=1..5 content=6..17 end=17..24
          <a> 6..17 start=6..9 name=7..8 content=9..17 no-end-tag
            <b> 9..13 start=9..13 name=10..11 self-closing
        error UnexpectedEndTag 13..17: `</x>` has no matching start tag: expected `</a>`
    "#]],
    );
}

#[test]
fn end_tag_with_nothing_open() {
    check(
        "<A></A></B>",
        expect![[r#"
        <A> 0..7 start=0..3 name=1..2 content=3..3 end=3..7
        error UnexpectedEndTag 7..11: `</B>` has no matching start tag
    "#]],
    );
}

#[test]
fn unclosed_elements_at_end_of_file() {
    check(
        "<Root>\n  <a>1</a>\n  <b>",
        expect![[r#"
        <Root> 0..23 start=0..6 name=1..5 content=6..23 no-end-tag
          <a> 9..17 start=9..12 name=10..11 content=12..13 end=13..17
            text 12..13 "1"
          <b> 20..23 start=20..23 name=21..22 content=23..23 no-end-tag
        error UnclosedElement 0..6: `<Root>` is never closed: expected `</Root>` before the end of the file
        error UnclosedElement 20..23: `<b>` is never closed: expected `</b>` before the end of the file
    "#]],
    );
}

#[test]
fn text_outside_the_root_and_a_second_root() {
    check(
        "junk<A/>more<B/><C/>",
        expect![[r#"
        text 0..4 "junk"
        <A> 4..8 start=4..8 name=5..6 self-closing
        text 8..12 "more"
        <B> 12..16 start=12..16 name=13..14 self-closing
        <C> 16..20 start=16..20 name=17..18 self-closing
        error TextOutsideRoot 0..4: text `junk` outside the root element: only comments and processing instructions may stand there
        error TextOutsideRoot 8..12: text `more` outside the root element: only comments and processing instructions may stand there
        error SecondRoot 12..16: a second root element `<B>`: a document has exactly one root element, here `<A>`
    "#]],
    );
}

#[test]
fn missing_root() {
    check(
        "<?xml version=\"1.0\"?>\n<!-- nothing -->\n",
        expect![[r#"
        decl 0..21 version=Some("1.0") encoding=None
        comment 22..38 content=26..35
        error MissingRoot 0..0: the file has no root element
    "#]],
    );
    check(
        "",
        expect![[r#"
        error MissingRoot 0..0: the file has no root element
    "#]],
    );
}

#[test]
fn bad_references() {
    check(
        "<A b=\"x & y &foo; &#xD800;\">AT&T &nbsp; &#0; &#xZ; &unterminated &amp;</A>",
        expect![[r#"
            <A> 0..74 start=0..28 name=1..2 content=28..70 end=70..74
              @b 3..27 name=3..4 value=6..26 "x & y &foo; &#xD800;"
              text 28..70 "AT&T &nbsp; &#0; &#xZ; &unterminated &"
            error BadReference 8..9: bare `&` that starts no reference: write `&amp;` for a literal ampersand
            error BadReference 12..17: `&foo;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
            error BadReference 18..26: `&#xD800;` refers to a character that XML does not allow
            error BadReference 30..31: bare `&` that starts no reference: write `&amp;` for a literal ampersand
            error BadReference 33..39: `&nbsp;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
            error BadReference 40..44: `&#0;` refers to a character that XML does not allow
            error BadReference 45..50: `&#xZ;` is not a valid character reference: write `&#` and decimal digits, or `&#x` and hexadecimal digits, then `;`
            error BadReference 51..52: bare `&` that starts no reference: write `&amp;` for a literal ampersand
        "#]],
    );
}

#[test]
fn references_are_never_expanded_beyond_the_predefined_ones() {
    check(
        "<A>&lol; &xxe;</A>",
        expect![[r#"
        <A> 0..18 start=0..3 name=1..2 content=3..14 end=14..18
          text 3..14 "&lol; &xxe;"
        error BadReference 3..8: `&lol;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
        error BadReference 9..14: `&xxe;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
    "#]],
    );
}

#[test]
fn content_before_the_declaration() {
    check(
        "\n<?xml version=\"1.0\"?><A/>",
        expect![[r#"
        decl 1..22 version=Some("1.0") encoding=None
        <A> 22..26 start=22..26 name=23..24 self-closing
        error ContentBeforeDeclaration 0..1: whitespace before the XML declaration: `<?xml ...?>` must be the very start of the file
    "#]],
    );
    check(
        "<!-- c --><?xml version=\"1.0\"?><A/>",
        expect![[r#"
        decl 10..31 version=Some("1.0") encoding=None
        comment 0..10 content=4..7
        <A> 31..35 start=31..35 name=32..33 self-closing
        error ContentBeforeDeclaration 0..10: content before the XML declaration: `<?xml ...?>` must be the very start of the file
    "#]],
    );
}

#[test]
fn bad_declarations() {
    check(
        "<?xml encoding=\"UTF-8\" version=\"2.0\" foo=\"1\"?><A/>",
        expect![[r#"
        decl 0..46 version=Some("2.0") encoding=Some("UTF-8")
        <A> 46..50 start=46..50 name=47..48 self-closing
        error BadDeclaration 23..30: `version` is out of order in the XML declaration: expected `version`, then `encoding`, then `standalone`
        error BadDeclaration 32..35: `2.0` is not an XML version: expected `1.0`
        error BadDeclaration 37..40: `foo` is not allowed in the XML declaration: expected `version`, `encoding` or `standalone`
    "#]],
    );
    check(
        "<?xml version=\"1.0\"?><A/><?xml version=\"1.0\"?>",
        expect![[r#"
        decl 0..21 version=Some("1.0") encoding=None
        <A> 21..25 start=21..25 name=22..23 self-closing
        pi xml 25..46
        error BadDeclaration 25..46: an XML declaration after the start of the document: it must be the very start of the file
    "#]],
    );
    check(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"\n<A/>",
        expect![[r#"
        decl 0..36 version=Some("1.0") encoding=Some("UTF-8")
        <A> 37..41 start=37..41 name=38..39 self-closing
        error UnclosedProcessingInstruction 0..36: the XML declaration is never closed: expected `?>`
    "#]],
    );
}

#[test]
fn merge_conflict_markers_are_reported_and_both_sides_parse() {
    check(
        "<A>\n    <b>1</b>\n<<<<<<< HEAD\n    <c>2</c>\n=======\n    <d>3</d>\n>>>>>>> be8f81a\n</A>\n",
        expect![[r#"
            <A> 0..84 start=0..3 name=1..2 content=3..80 end=80..84
              <b> 8..16 start=8..11 name=9..10 content=11..12 end=12..16
                text 11..12 "1"
              <c> 34..42 start=34..37 name=35..36 content=37..38 end=38..42
                text 37..38 "2"
              <d> 55..63 start=55..58 name=56..57 content=58..59 end=59..63
                text 58..59 "3"
            error MergeConflictMarker 17..29: unresolved git merge conflict marker `<<<<<<< HEAD`: resolve the conflict and remove the marker lines
            error MergeConflictMarker 43..50: unresolved git merge conflict marker `=======`: resolve the conflict and remove the marker lines
            error MergeConflictMarker 64..79: unresolved git merge conflict marker `>>>>>>> be8f81a`: resolve the conflict and remove the marker lines
        "#]],
    );
}

#[test]
fn lines_that_only_look_like_markers_are_text() {
    check(
        "<A>\n======== not a marker\n<<<<<<<x\n</A>",
        expect![[r#"
        <A> 0..39 start=0..3 name=1..2 content=3..35 end=35..39
          text 3..32 "\n======== not a marker\n<<<<<<"
          <x> 32..34 start=32..34 name=33..34 start-unclosed content=34..34 no-end-tag
        error InvalidName 26..32: `<<<<<<` is not markup: write `&lt;` for a literal `<`
        error MissingTagClose 32..34: the start tag `<x` is not closed: expected `>` or `/>`
    "#]],
    );
}

#[test]
fn doctype_is_reported_and_never_processed() {
    check(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol \"lol\">\n  <!ENTITY lol2 \"&lol;&lol;\">\n]>\n<lolz>&lol2;</lolz>",
        expect![[r#"
            decl 0..21 version=Some("1.0") encoding=None
            <lolz> 94..113 start=94..100 name=95..99 content=100..106 end=106..113
              text 100..106 "&lol2;"
            error Doctype 22..93: a DOCTYPE is never processed (it could define entities or fetch external files): remove the `<!DOCTYPE ...>`
            error BadReference 100..106: `&lol2;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
        "#]],
    );
    check(
        "<!DOCTYPE A SYSTEM \"file:///etc/passwd\"><A/>",
        expect![[r#"
        <A> 40..44 start=40..44 name=41..42 self-closing
        error Doctype 0..40: a DOCTYPE is never processed (it could define entities or fetch external files): remove the `<!DOCTYPE ...>`
    "#]],
    );
    check(
        "<!DOCTYPE A\n<A/>",
        expect![[r#"
        <A> 12..16 start=12..16 name=13..14 self-closing
        error Doctype 0..11: a DOCTYPE is never processed (it could define entities or fetch external files) and it is never closed: remove the `<!DOCTYPE ...>`
    "#]],
    );
}

#[test]
fn comment_problems() {
    check(
        "<A><!-- a -- b --><!-- c ---></A>",
        expect![[r#"
        <A> 0..33 start=0..3 name=1..2 content=3..29 end=29..33
          comment 3..18 content=7..15
          comment 18..29 content=22..26
        error BadComment 10..12: `--` is not allowed inside a comment
        error BadComment 25..29: a comment must not end with `--->`: remove a `-`
    "#]],
    );
    check(
        "<A>\n<!-- never closed\n<b/>\n</A>",
        expect![[r#"
        <A> 0..31 start=0..3 name=1..2 content=3..31 no-end-tag
          comment 4..31 content=8..31
        error BadComment 4..8: the comment is never closed: expected `-->`
    "#]],
    );
}

#[test]
fn unclosed_cdata_and_processing_instruction() {
    check(
        "<A><![CDATA[ never closed\n</A>",
        expect![[r#"
        <A> 0..30 start=0..3 name=1..2 content=3..30 no-end-tag
          cdata 3..30 " never closed\n</A>"
        error UnclosedCData 3..12: the CDATA section is never closed: expected `]]>`
    "#]],
    );
    check(
        "<A><?target never closed\n<b/></A>",
        expect![[r#"
        <A> 0..33 start=0..3 name=1..2 content=3..29 end=29..33
          pi target 3..24
          <b> 25..29 start=25..29 name=26..27 self-closing
        error UnclosedProcessingInstruction 3..11: the processing instruction `<?target` is never closed: expected `?>`
    "#]],
    );
}

#[test]
fn bad_bang_markup() {
    check(
        "<A><!-x><!foo><b/></A>",
        expect![[r#"
        <A> 0..22 start=0..3 name=1..2 content=3..18 end=18..22
          <b> 14..18 start=14..18 name=15..16 self-closing
        error InvalidName 3..8: `<!-x>` is not a comment, a CDATA section or a DOCTYPE: write `&lt;` for a literal `<`
        error InvalidName 8..14: `<!foo>` is not a comment, a CDATA section or a DOCTYPE: write `&lt;` for a literal `<`
    "#]],
    );
}

#[test]
fn attribute_problems() {
    check(
        "<A a=\"1\" a=\"2\" b c= d=x e=\"unterminated\n  <f g=\"1\"h=\"2\" =\"3\" 1i=\"4\" j=\"a<b\"/>\n</A>",
        expect![[r#"
            <A> 0..39 start=0..39 name=1..2 start-unclosed content=39..39 no-end-tag
              @a 3..8 name=3..4 value=6..7 "1"
              @a 9..14 name=9..10 value=12..13 "2"
              @b 15..16 name=15..16 value=16..16 ""
              @c 17..23 name=17..18 value=20..23 "d=x"
              @e 24..39 name=24..25 value=27..39 "unterminated"
            <f> 42..77 start=42..77 name=43..44 self-closing
              @g 45..50 name=45..46 value=48..49 "1"
              @h 50..55 name=50..51 value=53..54 "2"
              @1i 61..67 name=61..63 value=65..66 "4"
              @j 68..75 name=68..69 value=71..74 "a<b"
            error MissingTagClose 0..39: the start tag `<A` is not closed: expected `>` or `/>`
            error DuplicateAttribute 9..10: attribute `a` appears twice on the same element: remove one
            error BadAttribute 15..16: attribute `b` has no value: expected `b="..."`
            error BadAttribute 20..23: the value of attribute `c` must be in quotes: expected `c="..."`
            error BadAttribute 26..39: the value of attribute `e` is not closed: expected `"`
            error SecondRoot 42..77: a second root element `<f>`: a document has exactly one root element, here `<A>`
            error BadAttribute 50..51: attribute `h` must be separated from the previous one by a space
            error BadAttribute 56..60: unexpected `="3"` in the start tag `<f>`: expected an attribute such as `name="value"`
            error InvalidName 61..63: `1i` is not a valid attribute name: names start with a letter, `_` or `:`
            error BadAttribute 72..73: `<` is not allowed in the value of attribute `j`: write `&lt;`
        "#]],
    );
}

#[test]
fn end_tag_with_attributes() {
    check(
        "<A></A b=\"1\">",
        expect![[r#"
        <A> 0..13 start=0..3 name=1..2 content=3..3 end=3..13
        error BadAttribute 7..12: unexpected `b="1"` in the end tag `</A>`: end tags have no attributes
    "#]],
    );
}

#[test]
fn invalid_names() {
    check(
        "<A><1b>x</1b><c@d/></A>",
        expect![[r#"
        <A> 0..23 start=0..3 name=1..2 content=3..19 end=19..23
          <1b> 3..13 start=3..7 name=4..6 content=7..8 end=8..13
            text 7..8 "x"
          <c@d> 13..19 start=13..19 name=14..17 self-closing
        error InvalidName 4..6: `1b` is not a valid element name: names start with a letter, `_` or `:`
        error InvalidName 14..17: `c@d` is not a valid element name: names start with a letter, `_` or `:`
    "#]],
    );
    check(
        "<A>a < b</A>",
        expect![[r#"
        <A> 0..12 start=0..3 name=1..2 content=3..8 end=8..12
          text 3..5 "a "
          <> 5..6 start=5..6 name=6..6 start-unclosed content=6..6 no-end-tag
          text 6..8 " b"
        error InvalidName 5..6: `<` is not followed by an element name: write `&lt;` for a literal `<`
    "#]],
    );
}

#[test]
fn three_problems_give_three_errors() {
    check(
        "<?xml version=\"1.0\"?>\n<A>\n  <b>1</c>\n  <d>AT&T</d>\n  <e x=\"1\" x=\"2\"/>\n</A>\n",
        expect![[r#"
            decl 0..21 version=Some("1.0") encoding=None
            <A> 22..74 start=22..25 name=23..24 content=25..70 end=70..74
              <b> 28..36 start=28..31 name=29..30 content=31..32 end=32..36 </c>
                text 31..32 "1"
              <d> 39..50 start=39..42 name=40..41 content=42..46 end=46..50
                text 42..46 "AT&T"
              <e> 53..69 start=53..69 name=54..55 self-closing
                @x 56..61 name=56..57 value=59..60 "1"
                @x 62..67 name=62..63 value=65..66 "2"
            error MismatchedEndTag 32..36: `</c>` does not match the open element `<b>`
            error BadReference 44..45: bare `&` that starts no reference: write `&amp;` for a literal ampersand
            error DuplicateAttribute 62..63: attribute `x` appears twice on the same element: remove one
        "#]],
    );
}

#[test]
fn file_too_large_gives_one_error_and_an_empty_tree() {
    let text = format!("<A>{}</A>", "x".repeat(crate::MAX_FILE_SIZE));
    let parse = crate::parse(&text);
    let document = &parse.document;
    assert!(document.root().is_none() && document.top_level().is_empty());
    assert_eq!(document.element_count(), 0);
    assert_eq!(parse.errors.len(), 1);
    assert_eq!(parse.errors[0].kind, crate::SyntaxErrorKind::FileTooLarge);
    assert_eq!(
        parse.errors[0].message,
        "the file is more than the 5 MiB that are checked: it is not parsed"
    );
}

#[test]
fn a_file_of_exactly_the_maximum_size_is_parsed() {
    let body = "x".repeat(crate::MAX_FILE_SIZE - "<A></A>".len());
    let parse = crate::parse(format!("<A>{body}</A>"));
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    assert_eq!(parse.document.element_count(), 1);
}

#[test]
fn nesting_up_to_the_maximum_depth_is_fine() {
    let text = format!(
        "{}{}",
        "<a>".repeat(crate::MAX_DEPTH),
        "</a>".repeat(crate::MAX_DEPTH)
    );
    let parse = crate::parse(&text);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    assert_eq!(parse.document.element_count(), crate::MAX_DEPTH);
}

#[test]
fn nesting_deeper_than_the_maximum_gives_one_error_and_stops() {
    let text = format!("{}x{}<after/>", "<a>".repeat(300), "</a>".repeat(300));
    let parse = crate::parse(&text);
    super::assert_valid_ranges(&text, &parse);
    let kinds: Vec<_> = parse.errors.iter().map(|error| error.kind).collect();
    assert_eq!(kinds, [crate::SyntaxErrorKind::TooDeep]);
    assert_eq!(parse.errors[0].range, crate::TextRange::new(768, 771));
    let document = &parse.document;
    assert_eq!(document.element_count(), crate::MAX_DEPTH);
    let deepest = document
        .element_ids()
        .last()
        .map(|id| document.element(id).depth());
    assert_eq!(deepest, Some(crate::MAX_DEPTH as u32 - 1));
    assert_eq!(document.element(crate::ElementId(0)).content().end, 768);
}

#[test]
fn too_many_elements_give_one_error_and_stop() {
    let text = format!("<A>{}<last/></A>", "<b/>".repeat(crate::MAX_ELEMENTS - 1));
    let parse = crate::parse(&text);
    let kinds: Vec<_> = parse.errors.iter().map(|error| error.kind).collect();
    assert_eq!(kinds, [crate::SyntaxErrorKind::TooManyElements]);
    let document = &parse.document;
    assert_eq!(document.element_count(), crate::MAX_ELEMENTS);
    assert!(
        document
            .element_ids()
            .all(|id| document.element(id).name() != "last")
    );
}

#[test]
fn too_many_errors_stop_the_parse_with_one_more_error() {
    let text = format!("<A>{}<b/></A>", "&".repeat(3 * crate::MAX_ERRORS));
    let parse = crate::parse(&text);
    super::assert_valid_ranges(&text, &parse);
    assert_eq!(parse.errors.len(), crate::MAX_ERRORS + 1);
    let last = parse.errors.last().expect("errors");
    assert_eq!(last.kind, crate::SyntaxErrorKind::TooManyErrors);
    assert_eq!(
        last.message,
        "more than 1000 syntax errors: the rest of the file is not parsed"
    );
    assert!(
        parse.errors[..crate::MAX_ERRORS]
            .iter()
            .all(|error| error.kind == crate::SyntaxErrorKind::BadReference)
    );
    assert_eq!(
        parse.document.element_count(),
        1,
        "parsing stopped before `<b/>`"
    );
}

#[test]
fn a_thousand_real_errors_are_all_listed() {
    let text = format!("<A>{}</A>", "&".repeat(crate::MAX_ERRORS));
    let parse = crate::parse(&text);
    assert_eq!(parse.errors.len(), crate::MAX_ERRORS);
    assert!(
        parse
            .errors
            .iter()
            .all(|error| error.kind == crate::SyntaxErrorKind::BadReference)
    );
}

/// A small input that must produce `kind`. The match has no catch-all, so a new kind does not
/// compile until it has an example here.
fn example_of(kind: SyntaxErrorKind) -> String {
    let text = match kind {
        SyntaxErrorKind::MismatchedEndTag => "<A><b>1</c></A>",
        SyntaxErrorKind::UnexpectedEndTag => "<A/></b>",
        SyntaxErrorKind::UnclosedElement => "<A><b></A>",
        SyntaxErrorKind::MissingTagClose => "<A><b\n</A>",
        SyntaxErrorKind::InvalidName => "<A><1/></A>",
        SyntaxErrorKind::BadAttribute => "<A b></A>",
        SyntaxErrorKind::DuplicateAttribute => "<A b=\"1\" b=\"2\"/>",
        SyntaxErrorKind::BadReference => "<A>&nbsp;</A>",
        SyntaxErrorKind::TextOutsideRoot => "<A/><![CDATA[x]]>",
        SyntaxErrorKind::SecondRoot => "<A/><B/>",
        SyntaxErrorKind::MissingRoot => "<!-- -->",
        SyntaxErrorKind::ContentBeforeDeclaration => "x<?xml version=\"1.0\"?><A/>",
        SyntaxErrorKind::BadDeclaration => "<?xml?><A/>",
        SyntaxErrorKind::MergeConflictMarker => "<A>\n=======\n</A>",
        SyntaxErrorKind::Doctype => "<!DOCTYPE A><A/>",
        SyntaxErrorKind::BadComment => "<A><!-- a--b --></A>",
        SyntaxErrorKind::UnclosedCData => "<A><![CDATA[",
        SyntaxErrorKind::UnclosedProcessingInstruction => "<A><?p x</A>",
        SyntaxErrorKind::FileTooLarge => return "x".repeat(crate::MAX_FILE_SIZE + 1),
        SyntaxErrorKind::TooDeep => return "<a>".repeat(crate::MAX_DEPTH + 1),
        SyntaxErrorKind::TooManyElements => {
            return format!("<A>{}</A>", "<b/>".repeat(crate::MAX_ELEMENTS));
        }
        SyntaxErrorKind::TooManyErrors => return format!("<A>{}</A>", "&".repeat(2000)),
        SyntaxErrorKind::ForbiddenCharacter => "<A>a\u{1}b</A>",
    };
    text.to_string()
}

const ALL_KINDS: [SyntaxErrorKind; 23] = [
    SyntaxErrorKind::MismatchedEndTag,
    SyntaxErrorKind::UnexpectedEndTag,
    SyntaxErrorKind::UnclosedElement,
    SyntaxErrorKind::MissingTagClose,
    SyntaxErrorKind::InvalidName,
    SyntaxErrorKind::BadAttribute,
    SyntaxErrorKind::DuplicateAttribute,
    SyntaxErrorKind::BadReference,
    SyntaxErrorKind::TextOutsideRoot,
    SyntaxErrorKind::SecondRoot,
    SyntaxErrorKind::MissingRoot,
    SyntaxErrorKind::ContentBeforeDeclaration,
    SyntaxErrorKind::BadDeclaration,
    SyntaxErrorKind::MergeConflictMarker,
    SyntaxErrorKind::Doctype,
    SyntaxErrorKind::BadComment,
    SyntaxErrorKind::UnclosedCData,
    SyntaxErrorKind::UnclosedProcessingInstruction,
    SyntaxErrorKind::FileTooLarge,
    SyntaxErrorKind::TooDeep,
    SyntaxErrorKind::TooManyElements,
    SyntaxErrorKind::TooManyErrors,
    SyntaxErrorKind::ForbiddenCharacter,
];

#[test]
fn every_error_kind_fires_on_its_example() {
    for kind in ALL_KINDS {
        let text = example_of(kind);
        let parse = crate::parse(&text);
        super::assert_valid_ranges(&text, &parse);
        assert!(
            parse.errors.iter().any(|error| error.kind == kind),
            "{kind:?} not reported for {:?}: {:#?}",
            super::snippet_for_failure(&text),
            parse.errors
        );
    }
}

#[test]
fn no_error_kind_fires_on_a_valid_document_using_every_construct() {
    let text = "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\" ?>\n\
        <!-- comment -->\n<?pi data?>\n\
        <p:A xmlns:p=\"urn:p\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n    b='1'\n>\n\
        <b xsi:nil=\"true\" />\n<c\n    >text &amp; &#233; &#x1F600;</c>\n\
        <d><![CDATA[<raw> & ]]]]></d>\n<e>日本語 — 😀</e>\n<f/>\n</p:A>\n<!-- trailing -->\n";
    let parse = crate::parse(text);
    super::assert_valid_ranges(text, &parse);
    assert!(parse.errors.is_empty(), "{:#?}", parse.errors);
}

#[test]
fn errors_around_non_ascii_text() {
    check(
        "<A>\n  <名前>日本😀</名前x>\n  <ラベル\n  <b>— &bad; 😀</b>\n</A>",
        expect![[r#"
            <A> 0..76 start=0..3 name=1..2 content=3..72 end=72..76
              <名前> 6..34 start=6..14 name=7..13 content=14..24 end=24..34 </名前x>
                text 14..24 "日本😀"
              <ラベル> 37..47 start=37..47 name=38..47 start-unclosed content=47..47 no-end-tag
              <b> 50..71 start=50..53 name=51..52 content=53..67 end=67..71
                text 53..67 "— &bad; 😀"
            error MismatchedEndTag 24..34: `</名前x>` does not match the open element `<名前>`
            error MissingTagClose 37..47: the start tag `<ラベル` is not closed: expected `>` or `/>`
            error BadReference 57..62: `&bad;` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference such as `&#160;`
        "#]],
    );
}

/// Report #9: characters XML forbids were flagged as references (`&#1;`) but not written
/// literally; xmllint and the Metadata API reject both.
#[test]
fn literal_forbidden_characters_are_reported_where_they_stand() {
    let text = "<A>a\u{1}b\u{0}\u{0}c<b x=\"\u{b}\"/><!-- \u{1b} -->\u{fffe}\u{ffff}\t\r\n</A>";
    let parse = crate::parse(text);
    super::assert_valid_ranges(text, &parse);
    let found: Vec<(&str, &str)> = parse
        .errors
        .iter()
        .filter(|error| error.kind == SyntaxErrorKind::ForbiddenCharacter)
        .map(|error| (error.range.slice(text), error.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "\u{1}",
                "the character U+0001 is not allowed in XML, not even as a reference: remove it"
            ),
            (
                "\u{0}\u{0}",
                "the character U+0000 is not allowed in XML, not even as a reference: remove it"
            ),
            (
                "\u{b}",
                "the character U+000B is not allowed in XML, not even as a reference: remove it"
            ),
            (
                "\u{1b}",
                "the character U+001B is not allowed in XML, not even as a reference: remove it"
            ),
            (
                "\u{fffe}\u{ffff}",
                "the character U+FFFE is not allowed in XML, not even as a reference: remove it"
            ),
        ]
    );
    // Tab, line feed and carriage return are allowed; so is everything else.
    assert!(
        crate::parse("<A>\t\r\n\u{80}\u{fffd}</A>")
            .errors
            .is_empty()
    );
}

#[test]
fn a_processing_instruction_without_a_target_keeps_what_follows() {
    // quick-xml reports `<?>` as unclosed after reading it whole; the character after it is
    // still text (it was once skipped).
    check(
        "<A><?>x</A>",
        expect![[r#"
            <A> 0..11 start=0..3 name=1..2 content=3..7 end=7..11
              pi  3..6
              text 6..7 "x"
            error InvalidName 3..5: `<?` is not followed by a processing instruction name
        "#]],
    );
}
