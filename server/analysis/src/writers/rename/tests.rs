//! Tests of renaming an app: fixtures of whole projects, the plan rendered as its operations
//! (each edit as the line it changes), and the project after the plan checked with the same
//! findings as before, file for file.

use std::fmt::Write;

use expect_test::{Expect, expect};

use super::*;
use crate::checks::project_diagnostics;
use crate::checks::test_support::{project, project_with_cursor};
use crate::writers::Operation;

const NS: &str = r#"xmlns="http://soap.sforce.com/2006/04/metadata""#;

/// The app `Portal` in source format: its header with `orgScopedExternalApp`, the four
/// components Setup names after it, a second policy file named `_oauth_defaultPolicy` and a
/// component named otherwise; the app `Web`, whose component names `Portal` in a comment only;
/// a packaged component naming `ns__Portal`.
fn portal_project() -> String {
    let base = "/p/force-app/main/default";
    format!(
        r#"//- {base}/externalClientApps/Portal.eca-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication {NS}>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Portal</label>
    <orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>
</ExternalClientApplication>
//- {base}/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings {NS}>
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal_oauth</label>
</ExtlClntAppOauthSettings>
//- {base}/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppGlobalOauthSettings {NS}>
    <callbackUrl>https://example.com/callback</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isConsumerSecretOptional>false</isConsumerSecretOptional>
    <isIntrospectAllTokens>false</isIntrospectAllTokens>
    <isPkceRequired>true</isPkceRequired>
    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>
    <label>Portal_glbloauth</label>
</ExtlClntAppGlobalOauthSettings>
//- {base}/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies {NS}>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal_oauthPlcy</label>
</ExtlClntAppOauthConfigurablePolicies>
//- {base}/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies {NS}>
    <externalClientApplication> Portal </externalClientApplication>
    <label>Portal_oauth_defaultPolicy</label>
</ExtlClntAppOauthConfigurablePolicies>
//- {base}/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppConfigurablePolicies {NS}>
    <externalClientApplication>Portal</externalClientApplication>
    <isEnabled>true</isEnabled>
    <label>Portal_plcy</label>
</ExtlClntAppConfigurablePolicies>
//- {base}/extlClntAppPolicies/Legacy.ecaPlcy-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppConfigurablePolicies {NS}>
    <externalClientApplication>ns__Portal</externalClientApplication>
    <isEnabled>true</isEnabled>
    <label>Legacy</label>
</ExtlClntAppConfigurablePolicies>
//- {base}/externalClientApps/Web.eca-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication {NS}>
    <distributionState>Local</distributionState>
    <label>Web</label>
</ExternalClientApplication>
//- {base}/extlClntAppOauthSettings/Web_oauth.ecaOauth-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings {NS}>
    <!-- copied from Portal_oauth -->
    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
    <externalClientApplication>Web</externalClientApplication>
    <label>Web_oauth</label>
</ExtlClntAppOauthSettings>
"#
    )
}

/// The plan: each operation, an edit as the line it changes (before → after).
fn render(project: &Project, plan: &Plan) -> String {
    let mut out = String::new();
    for operation in plan.operations() {
        match operation {
            Operation::Replace {
                path,
                original,
                edits,
            } => {
                let _ = writeln!(out, "edit {}", short(path));
                let after = operation.new_text().unwrap_or_default();
                for (old_line, new_line) in original.lines().zip(after.lines()) {
                    if old_line != new_line {
                        let _ = writeln!(out, "    {} → {}", old_line.trim(), new_line.trim());
                    }
                }
                for reason in edits.iter().map(|edit| &edit.reason) {
                    let _ = writeln!(out, "    because {reason}");
                }
            }
            Operation::Rename { from, to, reason } => {
                let _ = writeln!(out, "rename {} → {}: {reason}", short(from), short(to));
            }
            Operation::Create { path, .. } => {
                let _ = writeln!(out, "create {}", short(path));
            }
        }
    }
    assert_same_findings(project, plan);
    out
}

fn short(path: &str) -> &str {
    path.strip_prefix("/p/force-app/main/default/")
        .unwrap_or(path)
}

/// The project after the plan checks with the findings it had, in the files it renamed.
fn assert_same_findings(project: &Project, plan: &Plan) {
    let moved: Vec<(&str, &str)> = plan
        .operations()
        .iter()
        .filter_map(|operation| match operation {
            Operation::Rename { from, to, .. } => Some((from.as_str(), to.as_str())),
            _ => None,
        })
        .collect();
    let findings = |project: &Project, rename: bool| {
        let mut found: Vec<String> = project_diagnostics(project)
            .into_iter()
            .flat_map(|(path, diagnostics)| {
                let path = moved
                    .iter()
                    .find(|(from, _)| rename && *from == path)
                    .map_or(path.clone(), |(_, to)| (*to).to_string());
                diagnostics
                    .into_iter()
                    .map(move |diagnostic| format!("{path}: {}", diagnostic.code))
            })
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        findings(project, true),
        findings(&plan.applied_to(project), false),
        "the renamed project checks differently"
    );
}

fn check(fixture: &str, app: &str, new_name: &str, expect: Expect) {
    let project = project(fixture);
    let rendered = match plan_app_rename(&project, app, new_name) {
        Ok(rename) => render(&project, &rename.plan),
        Err(error) => format!("refused: {error}\n"),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn renames_every_use_of_the_name_and_every_file_that_carries_it() {
    check(
        &portal_project(),
        "Portal",
        "Partner_Portal",
        expect![[r#"
            edit externalClientApps/Portal.eca-meta.xml
                <orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp> → <orgScopedExternalApp>00D5g000004SGtF:Partner_Portal</orgScopedExternalApp>
                because orgScopedExternalApp names the app after the org id
            edit extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
                <externalClientApplication>Portal</externalClientApplication> → <externalClientApplication>Partner_Portal</externalClientApplication>
                because externalClientApplication names the app
            edit extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                <externalClientApplication>Portal</externalClientApplication> → <externalClientApplication>Partner_Portal</externalClientApplication>
                because externalClientApplication names the app
            edit extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml
                <externalClientApplication> Portal </externalClientApplication> → <externalClientApplication> Partner_Portal </externalClientApplication>
                because externalClientApplication names the app
            edit extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
                <externalClientApplication>Portal</externalClientApplication> → <externalClientApplication>Partner_Portal</externalClientApplication>
                because externalClientApplication names the app
            edit extlClntAppPolicies/Legacy.ecaPlcy-meta.xml
                <externalClientApplication>ns__Portal</externalClientApplication> → <externalClientApplication>ns__Partner_Portal</externalClientApplication>
                because externalClientApplication names the app
            edit extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
                <externalClientApplication>Portal</externalClientApplication> → <externalClientApplication>Partner_Portal</externalClientApplication>
                because externalClientApplication names the app
            rename externalClientApps/Portal.eca-meta.xml → externalClientApps/Partner_Portal.eca-meta.xml: the file name carries the app's name `Portal`
            rename extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml → extlClntAppGlobalOauthSets/Partner_Portal_glbloauth.ecaGlblOauth-meta.xml: the file name carries the app's name `Portal`
            rename extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml → extlClntAppOauthPolicies/Partner_Portal_oauthPlcy.ecaOauthPlcy-meta.xml: the file name carries the app's name `Portal`
            rename extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml → extlClntAppOauthPolicies/Partner_Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml: the file name carries the app's name `Portal`
            rename extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml → extlClntAppOauthSettings/Partner_Portal_oauth.ecaOauth-meta.xml: the file name carries the app's name `Portal`
            rename extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml → extlClntAppPolicies/Partner_Portal_plcy.ecaPlcy-meta.xml: the file name carries the app's name `Portal`
        "#]],
    );
}

#[test]
fn metadata_api_format_files_and_a_header_less_app() {
    check(
        &format!(
            r#"//- /p/unpackaged/externalClientApps/Mcp.eca
<ExternalClientApplication {NS}>
    <label>Mcp</label>
</ExternalClientApplication>
//- /p/unpackaged/extlClntAppOauthSettings/Mcp_oauth.ecaOauth
<ExtlClntAppOauthSettings {NS}>
    <externalClientApplication>Mcp</externalClientApplication>
    <label>Mcp_oauth</label>
</ExtlClntAppOauthSettings>
"#
        ),
        "Mcp",
        "Mcp2",
        expect![[r#"
            edit /p/unpackaged/extlClntAppOauthSettings/Mcp_oauth.ecaOauth
                <externalClientApplication>Mcp</externalClientApplication> → <externalClientApplication>Mcp2</externalClientApplication>
                because externalClientApplication names the app
            rename /p/unpackaged/externalClientApps/Mcp.eca → /p/unpackaged/externalClientApps/Mcp2.eca: the file name carries the app's name `Mcp`
            rename /p/unpackaged/extlClntAppOauthSettings/Mcp_oauth.ecaOauth → /p/unpackaged/extlClntAppOauthSettings/Mcp2_oauth.ecaOauth: the file name carries the app's name `Mcp`
        "#]],
    );
    // Without a header the app is the name its components use.
    check(
        &format!(
            r#"//- /p/unpackaged/extlClntAppOauthSettings/Lost_oauth.ecaOauth
<ExtlClntAppOauthSettings {NS}>
    <externalClientApplication>Lost</externalClientApplication>
    <label>Lost_oauth</label>
</ExtlClntAppOauthSettings>
"#
        ),
        "Lost",
        "Found",
        expect![[r#"
            edit /p/unpackaged/extlClntAppOauthSettings/Lost_oauth.ecaOauth
                <externalClientApplication>Lost</externalClientApplication> → <externalClientApplication>Found</externalClientApplication>
                because externalClientApplication names the app
            rename /p/unpackaged/extlClntAppOauthSettings/Lost_oauth.ecaOauth → /p/unpackaged/extlClntAppOauthSettings/Found_oauth.ecaOauth: the file name carries the app's name `Lost`
        "#]],
    );
}

#[test]
fn a_value_written_with_references_is_rewritten_whole_and_comments_stay() {
    check(
        &format!(
            r#"//- /p/externalClientApps/A_B.eca-meta.xml
<ExternalClientApplication {NS}>
    <label>A &amp; B</label>
</ExternalClientApplication>
//- /p/extlClntAppOauthSettings/A_B_oauth.ecaOauth-meta.xml
<ExtlClntAppOauthSettings {NS}>
    <externalClientApplication>A&#95;B</externalClientApplication><!-- A_B -->
    <label>A_B_oauth</label>
</ExtlClntAppOauthSettings>
"#
        ),
        "A_B",
        "Ab",
        expect![[r#"
            edit /p/extlClntAppOauthSettings/A_B_oauth.ecaOauth-meta.xml
                <externalClientApplication>A&#95;B</externalClientApplication><!-- A_B --> → <externalClientApplication>Ab</externalClientApplication><!-- A_B -->
                because externalClientApplication names the app
            rename /p/externalClientApps/A_B.eca-meta.xml → /p/externalClientApps/Ab.eca-meta.xml: the file name carries the app's name `A_B`
            rename /p/extlClntAppOauthSettings/A_B_oauth.ecaOauth-meta.xml → /p/extlClntAppOauthSettings/Ab_oauth.ecaOauth-meta.xml: the file name carries the app's name `A_B`
        "#]],
    );
}

#[test]
fn a_comment_between_the_parts_of_a_name_is_kept() {
    check(
        &format!(
            r#"//- /p/externalClientApps/Portal.eca-meta.xml
<ExternalClientApplication {NS}>
    <label>Portal</label>
    <orgScopedExternalApp>00D5g000004SGtF:Por<?keep it?>tal</orgScopedExternalApp>
</ExternalClientApplication>
//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<ExtlClntAppOauthSettings {NS}>
    <externalClientApplication>Port<!-- the app -->al</externalClientApplication>
    <label>Portal_oauth</label>
</ExtlClntAppOauthSettings>
"#
        ),
        "Portal",
        "Web",
        expect![[r#"
            edit /p/externalClientApps/Portal.eca-meta.xml
                <orgScopedExternalApp>00D5g000004SGtF:Por<?keep it?>tal</orgScopedExternalApp> → <orgScopedExternalApp>00D5g000004SGtF:Web<?keep it?></orgScopedExternalApp>
                because orgScopedExternalApp names the app after the org id
            edit /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
                <externalClientApplication>Port<!-- the app -->al</externalClientApplication> → <externalClientApplication>Web<!-- the app --></externalClientApplication>
                because externalClientApplication names the app
            rename /p/externalClientApps/Portal.eca-meta.xml → /p/externalClientApps/Web.eca-meta.xml: the file name carries the app's name `Portal`
            rename /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml → /p/extlClntAppOauthSettings/Web_oauth.ecaOauth-meta.xml: the file name carries the app's name `Portal`
        "#]],
    );
}

#[test]
fn invalid_and_taken_names_are_refused_before_anything_is_planned() {
    let fixture = portal_project();
    for (new_name, expected) in [
        (
            "Partner Portal",
            "`Partner Portal` is not a valid API name for an External Client App: it cannot include spaces",
        ),
        (
            "2Portal",
            "`2Portal` is not a valid API name for an External Client App: it must begin with a letter",
        ),
        (
            "Portal__c",
            "`Portal__c` is not a valid API name for an External Client App: it cannot contain two consecutive underscores",
        ),
        (
            "",
            "`` is not a valid API name for an External Client App: it is empty",
        ),
        (
            "Aux",
            "`Aux` is a valid API name, but not a name for the app's files: it is a device name Windows reserves (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`), so the app's header file could not be created or checked out there, even with its suffix; choose another name",
        ),
        (
            "web",
            "the project already has an app named `Web` (p/force-app/main/default/externalClientApps/Web.eca-meta.xml); choose another name",
        ),
    ] {
        let project = project(&fixture);
        let error = plan_app_rename(&project, "Portal", new_name).expect_err(new_name);
        assert_eq!(error.to_string(), expected);
    }
    let project = project(&fixture);
    assert_eq!(
        plan_app_rename(&project, "Nobody", "Somebody")
            .expect_err("no such app")
            .to_string(),
        "the project has no External Client App named `Nobody`; `eca-ls flows` lists the apps"
    );
}

#[test]
fn a_file_in_the_way_is_refused() {
    let fixture = format!(
        r#"{}//- /p/force-app/main/default/extlClntAppPolicies/Intranet_plcy.ecaPlcy-meta.xml
<ExtlClntAppConfigurablePolicies {NS}>
    <externalClientApplication>Somewhere_else</externalClientApplication>
</ExtlClntAppConfigurablePolicies>
"#,
        portal_project()
    );
    check(
        &fixture,
        "Portal",
        "Intranet",
        expect![[r#"
            refused: p/force-app/main/default/extlClntAppPolicies/Intranet_plcy.ecaPlcy-meta.xml already exists and would be overwritten; move it away or choose another name
        "#]],
    );
}

#[test]
fn the_same_name_plans_nothing_and_letter_case_alone_renames() {
    let project = project(&portal_project());
    let same = plan_app_rename(&project, "Portal", "Portal").expect("same name");
    assert!(same.plan.is_empty());
    let cased = plan_app_rename(&project, "Portal", "PORTAL").expect("another case");
    assert_eq!(cased.plan.operations().len(), 13);
}

/// Where a rename can start, and what it shows: `$0` marks the cursor.
fn check_target(fixture: &str, expect: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let rendered = match rename_target(&project, &path, cursor.start) {
        Some(target) => {
            let text = &project.file(&path).expect("the file").text;
            format!("{} at `{}`", target.app.name, target.range.slice(text))
        }
        None => "nothing to rename".to_string(),
    };
    expect.assert_eq(&rendered);
}

#[test]
fn a_rename_starts_on_a_reference_an_org_scoped_name_or_a_headers_root_element() {
    let header = |body: &str| {
        format!(
            "//- /p/externalClientApps/Portal.eca-meta.xml\n{body}\n//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings {NS}><externalClientApplication>Portal</externalClientApplication></ExtlClntAppOauthSettings>\n"
        )
    };
    check_target(
        &header(&format!(
            "<External$0ClientApplication {NS}><label>P</label></ExternalClientApplication>"
        )),
        expect!["Portal at `ExternalClientApplication`"],
    );
    check_target(
        &header(&format!(
            "<ExternalClientApplication {NS}><label>P</label></ExternalClientApplication$0>"
        )),
        expect!["Portal at `ExternalClientApplication`"],
    );
    check_target(
        &header(&format!(
            "<ExternalClientApplication {NS}><orgScopedExternalApp>00D5g000004SGtF:Por$0tal</orgScopedExternalApp></ExternalClientApplication>"
        )),
        expect!["Portal at `Portal`"],
    );
    // The org id part is no name.
    check_target(
        &header(&format!(
            "<ExternalClientApplication {NS}><orgScopedExternalApp>00D5g$0000004SGtF:Portal</orgScopedExternalApp></ExternalClientApplication>"
        )),
        expect!["nothing to rename"],
    );
    check_target(
        &header(&format!(
            "<ExternalClientApplication {NS}><la$0bel>P</label></ExternalClientApplication>"
        )),
        expect!["nothing to rename"],
    );
    check_target(
        &format!(
            "//- /p/x/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings {NS}><externalClientApplication>ns__Port$0al</externalClientApplication></ExtlClntAppOauthSettings>\n"
        ),
        expect!["Portal at `Portal`"],
    );
    check_target(
        &format!(
            "//- /p/x/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings {NS}><!-- Portal$0 --><externalClientApplication>Portal</externalClientApplication></ExtlClntAppOauthSettings>\n"
        ),
        expect!["nothing to rename"],
    );
}

#[test]
fn renaming_a_header_file_updates_the_uses_of_the_name_only() {
    let project = project(&portal_project());
    let base = "/p/force-app/main/default/externalClientApps";
    let rename = plan_header_file_rename(
        &project,
        &format!("{base}/Portal.eca-meta.xml"),
        &format!("{base}/Intranet.eca-meta.xml"),
    )
    .expect("a header")
    .expect("a valid name");
    assert_eq!(rename.new_name, "Intranet");
    let operations = rename.plan.operations();
    assert_eq!(operations.len(), 7, "{operations:#?}");
    assert!(
        operations
            .iter()
            .all(|operation| matches!(operation, Operation::Replace { .. }))
    );
    // Not a header, the same name, or no longer a header: nothing to do.
    let component =
        "/p/force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml";
    assert!(
        plan_header_file_rename(&project, component, "/p/x/Other_oauth.ecaOauth-meta.xml")
            .is_none()
    );
    let header = format!("{base}/Portal.eca-meta.xml");
    assert!(
        plan_header_file_rename(&project, &header, &format!("{base}/../Portal.eca-meta.xml"))
            .is_none()
    );
    assert!(plan_header_file_rename(&project, &header, &format!("{base}/Portal.txt")).is_none());
    let refused = plan_header_file_rename(&project, &header, &format!("{base}/Web.eca-meta.xml"))
        .expect("a header");
    assert!(matches!(refused, Err(RenameError::NameTaken { .. })));
}
