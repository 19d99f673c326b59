use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support::project_with_cursor;

/// Definition and references (with and without the declaration) at the fixture's `$0`, each
/// target as its file name, the text of its selection range and the first line of its range.
fn check(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let render = |targets: Vec<NavigationTarget>| -> String {
        targets
            .into_iter()
            .map(|target| {
                let text = &project.file(&target.path).expect("target file").text;
                assert!(target.range.contains_range(target.selection_range));
                format!(
                    "  {} [{}] {}\n",
                    crate::model::file_kind::file_name(&target.path),
                    target.selection_range.slice(text),
                    target.range.slice(text).lines().next().unwrap_or("")
                )
            })
            .collect()
    };
    let actual = format!(
        "definition:\n{}references:\n{}references without the declaration:\n{}",
        render(definition(&project, &path, cursor.start)),
        render(references(&project, &path, cursor.start, true)),
        render(references(&project, &path, cursor.start, false)),
    );
    expected.assert_eq(&actual);
}

const APP: &str = "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal</label>
</ExternalClientApplication>
//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>ns__Portal</externalClientApplication>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Other_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Other</externalClientApplication>
</ExtlClntAppOauthSettings>
";

#[test]
fn from_a_reference_value() {
    check(
        &APP.replacen(
            ">Portal</externalClientApplication>",
            ">Por$0tal</externalClientApplication>",
            1,
        ),
        expect![[r#"
            definition:
              Portal.eca-meta.xml [ExternalClientApplication] <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
            references:
              Portal.eca-meta.xml [ExternalClientApplication] <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
            references without the declaration:
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
        "#]],
    );
}

#[test]
fn from_a_namespaced_reference_value() {
    check(
        &APP.replacen(">ns__Portal<", ">ns__Portal$0<", 1),
        expect![[r#"
            definition:
              Portal.eca-meta.xml [ExternalClientApplication] <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
            references:
              Portal.eca-meta.xml [ExternalClientApplication] <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
            references without the declaration:
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
        "#]],
    );
}

#[test]
fn from_the_header_root_name() {
    check(
        &APP.replacen(
            "<ExternalClientApplication xmlns",
            "<External$0ClientApplication xmlns",
            1,
        ),
        expect![[r#"
            definition:
            references:
              Portal.eca-meta.xml [ExternalClientApplication] <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
            references without the declaration:
              Portal_glbloauth.ecaGlblOauth-meta.xml [Portal] <externalClientApplication>Portal</externalClientApplication>
              Portal_oauth.ecaOauth-meta.xml [ns__Portal] <externalClientApplication>ns__Portal</externalClientApplication>
        "#]],
    );
}

#[test]
fn nowhere_else() {
    check(
        &APP.replacen("<label>Portal", "<label>Por$0tal", 1),
        expect![[r#"
            definition:
            references:
            references without the declaration:
        "#]],
    );
    check(
        &APP.replacen(">Other<", ">Oth$0er<", 1),
        expect![[r#"
        definition:
        references:
          Other_oauth.ecaOauth-meta.xml [Other] <externalClientApplication>Other</externalClientApplication>
        references without the declaration:
          Other_oauth.ecaOauth-meta.xml [Other] <externalClientApplication>Other</externalClientApplication>
    "#]],
    );
}
