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

/// What go to definition looks for at the fixture's `$0` outside the ECA files: type, name as
/// written, the text of its range, folder and file names.
fn check_project_reference(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let text = &project.file(&path).expect("the marked file").text;
    let actual = match project_reference(&project, &path, cursor.start) {
        Some(reference) => format!(
            "{} `{}` [{}] in {}/: {}\n",
            reference.type_name,
            reference.name,
            reference.range.slice(text),
            reference.folder,
            reference.file_names.join(", ")
        ),
        None => "nothing\n".to_string(),
    };
    expected.assert_eq(&actual);
}

const POLICIES_WITH_NAMES: &str =
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <apexHandler>PortalHandler</apexHandler>
    <commaSeparatedCustomScopes>Orders_Read</commaSeparatedCustomScopes>
    <commaSeparatedPermissionSet>Portal_Users, Portal_Admins</commaSeparatedPermissionSet>
    <commaSeparatedProfile>Custom: Support,System Administrator</commaSeparatedProfile>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
";

fn at(text: &str, marker: &str) -> String {
    POLICIES_WITH_NAMES.replacen(
        marker,
        &format!("{}$0{}", &marker[..text.len()], &marker[text.len()..]),
        1,
    )
}

#[test]
fn an_apex_handler_is_looked_for_as_a_class() {
    check_project_reference(
        &at("Portal", "PortalHandler<"),
        expect![[r#"
            ApexClass `PortalHandler` [PortalHandler] in classes/: PortalHandler.cls, PortalHandler.cls-meta.xml
        "#]],
    );
}

#[test]
fn each_item_of_a_list_is_its_own_reference() {
    check_project_reference(
        &at("Portal_Ad", "Portal_Admins<"),
        expect![[r#"
            PermissionSet `Portal_Admins` [Portal_Admins] in permissionsets/: Portal_Admins.permissionset, Portal_Admins.permissionset-meta.xml
        "#]],
    );
    check_project_reference(
        &at("Portal_U", "Portal_Users,"),
        expect![[r#"
            PermissionSet `Portal_Users` [Portal_Users] in permissionsets/: Portal_Users.permissionset, Portal_Users.permissionset-meta.xml
        "#]],
    );
    check_project_reference(
        &at("Orders", "Orders_Read<"),
        expect![[r#"
            OauthCustomScope `Orders_Read` [Orders_Read] in oauthcustomscopes/: Orders_Read.oauthcustomscope, Orders_Read.oauthcustomscope-meta.xml
        "#]],
    );
}

#[test]
fn a_profile_name_is_also_looked_for_percent_encoded() {
    check_project_reference(
        &at("Custom", "Custom: Support,"),
        expect![[r#"
            Profile `Custom: Support` [Custom: Support] in profiles/: Custom: Support.profile, Custom: Support.profile-meta.xml, Custom%3A Support.profile, Custom%3A Support.profile-meta.xml
        "#]],
    );
}

#[test]
fn no_project_reference_outside_such_names() {
    // A field name, a separator between items, a label, an app reference.
    check_project_reference(&at("apexH", "apexHandler>Portal"), expect!["nothing\n"]);
    check_project_reference(
        &at("Portal_Users", "Portal_Users, Portal_Admins"),
        expect![[r#"
        PermissionSet `Portal_Users` [Portal_Users] in permissionsets/: Portal_Users.permissionset, Portal_Users.permissionset-meta.xml
    "#]],
    );
    check_project_reference(
        &at("Portal_Users,", "Portal_Users, Portal_Admins"),
        expect!["nothing\n"],
    );
    check_project_reference(&at("Por", "Portal</label>"), expect!["nothing\n"]);
    check_project_reference(
        &at("Por", "Portal</externalClientApplication>"),
        expect!["nothing\n"],
    );
}

#[test]
fn a_file_ranks_by_its_folder_and_name() {
    let (project, path, cursor) = project_with_cursor(&at("Portal", "PortalHandler<"));
    let reference = project_reference(&project, &path, cursor.start).expect("a reference");
    assert_eq!(
        reference.rank_of("/p/force-app/main/default/classes/PortalHandler.cls"),
        Some(0)
    );
    assert_eq!(
        reference.rank_of("C:\\p\\classes\\PortalHandler.cls-meta.xml"),
        Some(1)
    );
    assert_eq!(
        reference.rank_of("/p/force-app/main/default/triggers/PortalHandler.cls"),
        None
    );
    assert_eq!(reference.rank_of("/p/classes/PortalHandlerTest.cls"), None);
}

const LINKS: &str = "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
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
    <externalClientApplication>Portal</externalClientApplication>
    <oauthLink>00D5g000004SGtF:0Ha5g000000ABCD</oauthLink>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/extlClntAppPushSettings/Portal_push.ecaPush-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppPushSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <applePushConfig>
        <applicationBundle>com.example.portal</applicationBundle>
    </applePushConfig>
    <externalClientApplication>Portal</externalClientApplication>
    <pushConfigLink>00D5g000004SGtF:0Xy5g000000ABCD</pushConfigLink>
</ExtlClntAppPushSettings>
";

#[test]
fn an_oauth_link_leads_to_the_global_oauth_settings() {
    check(
        &LINKS.replacen("00D5g000004SGtF:0Ha", "00D5g000004SGtF:$00Ha", 1),
        expect![[r#"
            definition:
              Portal_glbloauth.ecaGlblOauth-meta.xml [ExtlClntAppGlobalOauthSettings] <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
            references:
            references without the declaration:
        "#]],
    );
}

#[test]
fn a_push_config_link_leads_to_the_push_credentials() {
    check(
        &LINKS.replacen("<pushConfigLink>00D", "<pushConfigLink>$000D", 1),
        expect![[r#"
            definition:
              Portal_push.ecaPush-meta.xml [applePushConfig] <applePushConfig>
            references:
            references without the declaration:
        "#]],
    );
}

#[test]
fn a_standard_profile_is_looked_for_under_its_file_name_first() {
    check_project_reference(
        &at("System Admin", "System Administrator<"),
        expect![[r#"
            Profile `System Administrator` [System Administrator] in profiles/: Admin.profile, Admin.profile-meta.xml, System Administrator.profile, System Administrator.profile-meta.xml
        "#]],
    );
}

#[test]
fn the_files_of_a_reference_come_from_the_projects_component_files_best_first() {
    let fixture = format!(
        "{}//- /force-app/main/default/profiles/Admin.profile-meta.xml\n<Profile/>\n//- /other/profiles/System Administrator.profile\n<Profile/>\n//- /force-app/main/default/profiles/Standard.profile-meta.xml\n<Profile/>\n",
        at("System Admin", "System Administrator<")
    );
    let (project, path, cursor) = project_with_cursor(&fixture);
    let reference = project_reference(&project, &path, cursor.start).expect("a reference");
    assert_eq!(
        reference.indexed_files(&project),
        [
            "/force-app/main/default/profiles/Admin.profile-meta.xml",
            "/other/profiles/System Administrator.profile"
        ]
    );
}
