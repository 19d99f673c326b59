//! Highlights and linked tag names: fixtures with `$0` at the cursor, the ranges rendered as
//! the text they cover with their line numbers.

use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support::project_with_cursor;

const NS: &str = r#"xmlns="http://soap.sforce.com/2006/04/metadata""#;

fn render(project: &Project, path: &str, ranges: &[TextRange]) -> String {
    let text = &project.file(path).expect("the file").text;
    ranges
        .iter()
        .map(|range| {
            let line = text[..range.start].matches('\n').count() + 1;
            format!("{line}:`{}`", range.slice(text))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_highlights(fixture: &str, expect: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let ranges = document_highlights(&project, &path, cursor.start);
    expect.assert_eq(&render(&project, &path, &ranges));
}

fn check_linked(fixture: &str, expect: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let rendered = match linked_editing_ranges(&project, &path, cursor.start) {
        Some(ranges) => render(&project, &path, &ranges),
        None => "none".to_string(),
    };
    expect.assert_eq(&rendered);
}

fn header(body: &str) -> String {
    format!(
        "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication {NS}>\n{body}\n</ExternalClientApplication>\n//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings {NS}><externalClientApplication>Portal</externalClientApplication></ExtlClntAppOauthSettings>\n"
    )
}

#[test]
fn a_tag_name_highlights_its_pair() {
    check_highlights(
        &header("    <la$0bel>Portal</label>"),
        expect!["2:`label` 2:`label`"],
    );
    check_highlights(
        &header("    <label>Portal</lab$0el>"),
        expect!["2:`label` 2:`label`"],
    );
    // A self-closing element has one name; text and comments nothing.
    check_highlights(&header("    <isProtected$0/>"), expect!["2:`isProtected`"]);
    check_highlights(&header("    <label>Por$0tal</label>"), expect![""]);
    check_highlights(&header("    <!-- <label$0> -->"), expect![""]);
}

#[test]
fn an_app_name_highlights_every_use_of_it_in_the_file() {
    // In a header: the root element's names and orgScopedExternalApp's name part.
    let fixture = header(
        "    <label>Portal</label>\n    <orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>",
    );
    check_highlights(
        &fixture.replacen(
            "<ExternalClientApplication",
            "<External$0ClientApplication",
            1,
        ),
        expect!["1:`ExternalClientApplication` 3:`Portal` 4:`ExternalClientApplication`"],
    );
    check_highlights(
        &fixture.replace(":Portal<", ":Port$0al<"),
        expect!["1:`ExternalClientApplication` 3:`Portal` 4:`ExternalClientApplication`"],
    );
    // orgScopedExternalApp naming another app: that app's name alone.
    check_highlights(
        &header("    <orgScopedExternalApp>00D5g000004SGtF:Web$0</orgScopedExternalApp>"),
        expect!["2:`Web`"],
    );
    // In a component: its reference, without the namespace prefix.
    check_highlights(
        &format!(
            "//- /p/x/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings {NS}>\n<externalClientApplication>ns__Po$0rtal</externalClientApplication>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect!["2:`Portal`"],
    );
}

#[test]
fn linked_editing_covers_the_start_and_end_tag_names() {
    check_linked(
        &header("    <la$0bel>Portal</label>"),
        expect!["2:`label` 2:`label`"],
    );
    check_linked(
        &header("    <label>Portal</$0label>"),
        expect!["2:`label` 2:`label`"],
    );
    check_linked(
        &format!(
            "//- /p/externalClientApps/Portal.eca-meta.xml\n<External$0ClientApplication {NS}>\n    <label>Portal</label>\n</ExternalClientApplication>\n"
        ),
        expect!["1:`ExternalClientApplication` 3:`ExternalClientApplication`"],
    );
    check_linked(&header("    <isProtected$0/>"), expect!["none"]);
    check_linked(&header("    <label>Por$0tal</label>"), expect!["none"]);
    check_linked(
        &header("    <label xsi:nil$0=\"true\"></label>"),
        expect!["none"],
    );
}
