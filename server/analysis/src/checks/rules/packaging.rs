//! Rules on packaging and on values: what a packaged app may contain, values reserved for
//! Salesforce, and the rules that structural codes already report (ranges, API versions,
//! deprecation, element order), registered here for their documentation.

use crate::checks::rules::conditions::{
    GLOBAL, HEADER, OAUTH_SETTINGS, SAML_POLICIES, component_file, portal_global, portal_policies,
};
use crate::checks::rules::sources::{
    GLOBAL_PAGE, HEADER_PAGE, ORG_APP_SETTINGS_PAGE, PLUGIN_POLICIES_PAGE, POLICIES_PAGE,
    SAML_PAGE, SPRING_26_POLICIES_PAGE,
};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::{self, CodeInfo};
use crate::model::diagnostic::Severity;
use crate::model::file_kind::file_name;

const ORG_APP_SETTINGS: &str = "ExternalClientAppSettings";

const GLOBAL_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_external_client_app_global_oauth_settings.htm";
const MERGE_DRIVER_ORDER_ISSUE: &str =
    "https://github.com/scolladon/sf-git-merge-driver/issues/199";

pub(super) const RULES: &[Rule] = &[
    PACKAGED_APP,
    INTERNAL_VALUES,
    ID_TOKEN_VALIDITY,
    NEWER_THAN_PROJECT,
    SAML_START_URL_DEPRECATED,
    ELEMENT_ORDER,
];

const PACKAGED_APP: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PKG-001",
        default_severity: Severity::Warning,
        title: "What a packaged app cannot contain",
        explanation: "An app whose header says `distributionState` `Packaged` is meant to travel in a package, and some of its parts cannot:\n\n- **SAML policies** require the app to stay `Local`: an app with SAML single sign-on cannot be packaged. This is a **warning** on the header's `distributionState`; the quick fix sets it back to `Local`. When the project has SAML policies but not the app's header, eca-ls leaves one information note instead of guessing.\n- The **global OAuth settings** (consumer key and secret, callback URLs) are never packaged: each org that installs the app gets its own. An **information** note on the file reminds you to keep it out of the package directory when you build a package version.\n- Packaging an app's OAuth settings from an org that is not the Dev Hub needs `enablePackageEcaOauthFromDevOrg` in the org's External Client App settings; when the project's settings file turns it off, an **information** note says so. Which org you package from is not in the files, so it stays a note.\n\nOAuth apps built in scratch orgs or sandboxes cannot be packaged either; nothing in the files shows where an app was built, so eca-ls does not report that.",
        example: concat!(
            component_file!(
                "externalClientApps",
                "Wiki.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Wiki</label>",
            ),
            component_file!(
                "extlClntAppSamlConfigurablePolicies",
                "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
                "ExtlClntAppSamlConfigurablePolicies",
                "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
                "<entityUrl>https://wiki.example.com</entityUrl>",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<label>Wiki</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "externalClientApps",
                "Wiki.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Local</distributionState>",
                "<label>Wiki</label>",
            ),
            component_file!(
                "extlClntAppSamlConfigurablePolicies",
                "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
                "ExtlClntAppSamlConfigurablePolicies",
                "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
                "<entityUrl>https://wiki.example.com</entityUrl>",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<label>Wiki</label>",
            ),
        ),
        sources: &[SAML_PAGE, GLOBAL_PAGE, ORG_APP_SETTINGS_PAGE],
    },
    involves: &[
        "ExternalClientApplication.distributionState",
        "ExternalClientAppSettings.enablePackageEcaOauthFromDevOrg",
        "ExtlClntAppSamlConfigurablePolicies.*",
        "ExtlClntAppGlobalOauthSettings.*",
    ],
    check: Check::App(packaged_app),
};

fn packaged_app(context: &AppContext, findings: &mut Findings) {
    let saml_files = context.components(SAML_POLICIES);
    let Some(header) = context.header() else {
        if let Some(saml) = saml_files.first() {
            findings.note_missing(
                saml.at_element(),
                "ExternalClientApplication.distributionState",
                format!(
                    "an app with SAML policies must stay `Local`; this project has no header for `{}`, so check in the org that its distribution state is Local",
                    context.app.name
                ),
            );
        }
        return;
    };
    let Some(state) = header.field("distributionState") else {
        return;
    };
    if state.value != "Packaged" {
        return;
    }
    if !saml_files.is_empty() {
        let names: Vec<&str> = saml_files
            .iter()
            .map(|file| file_name(file.path()))
            .collect();
        let diagnostic = findings.report(
            state.value_location(),
            format!(
                "`{}` is `Packaged` but has SAML policies ({}): an app with SAML single sign-on must stay `Local` and cannot be packaged",
                context.app.name,
                names.join(", ")
            ),
        );
        for saml in &saml_files {
            diagnostic.related(saml.at_element(), "SAML policies of this app");
        }
        diagnostic.preferred_fix(
            "Set `distributionState` to `Local`",
            vec![header.set("distributionState", "Local")],
        );
    }
    for global in context.components(GLOBAL) {
        findings
            .report(
                global.at_element(),
                format!(
                    "`{}` is `Packaged`, but global OAuth settings are never packaged (each installing org gets its own consumer key and secret): keep {} out of the package directory when you build a package version",
                    context.app.name,
                    file_name(global.path())
                ),
            )
            .severity(Severity::Information)
            .related(state.value_location(), "the app is packaged here");
    }
    if context.component(OAUTH_SETTINGS).is_none() {
        return;
    }
    let Some(org_settings) = context.org_settings(ORG_APP_SETTINGS) else {
        return;
    };
    let Some(switch) = org_settings.field("enablePackageEcaOauthFromDevOrg") else {
        return;
    };
    if org_settings.bool("enablePackageEcaOauthFromDevOrg") != Some(false) {
        return;
    }
    findings
        .report(
            switch.location(),
            format!(
                "`{}` is `Packaged` with OAuth settings, and `enablePackageEcaOauthFromDevOrg` is `false`: an org that is not a Dev Hub cannot package it; package it from the Dev Hub, or turn this on",
                context.app.name
            ),
        )
        .severity(Severity::Information)
        .related(state.value_location(), "the app is packaged here");
}

const INTERNAL_VALUES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-VAL-001",
        default_severity: Severity::Warning,
        title: "A header value reserved for Salesforce",
        explanation: "Some parts of the app header are for Salesforce's own apps only: the `distributionState` values `Managed` and `AutoInstalled`, and the fields `managedType` and `infoUrl`. Your apps use `Local` (stays in its org) or `Packaged` (travels in a package) and leave the reserved fields out. A **warning**, because what Salesforce does with such a value in a customer's deploy is not documented; the quick fixes pick `Local` or `Packaged`, or remove the field.",
        example: component_file!(
            "externalClientApps",
            "Portal.eca-meta.xml",
            "ExternalClientApplication",
            "<distributionState>Managed</distributionState>",
            "<label>Portal</label>",
        ),
        fixed_example: component_file!(
            "externalClientApps",
            "Portal.eca-meta.xml",
            "ExternalClientApplication",
            "<distributionState>Local</distributionState>",
            "<label>Portal</label>",
        ),
        sources: &[HEADER_PAGE],
    },
    involves: &[
        "ExternalClientApplication.distributionState",
        "ExternalClientApplication.managedType",
        "ExternalClientApplication.infoUrl",
    ],
    check: Check::File(internal_values),
};

fn internal_values(context: &FileContext, findings: &mut Findings) {
    let header = context.view;
    if header.type_def.name != HEADER {
        return;
    }
    if let Some(state) = header.field("distributionState") {
        if state.value == "Managed" || state.value == "AutoInstalled" {
            findings
                .report(
                    state.value_location(),
                    format!(
                        "`distributionState` `{}` is set by Salesforce for its own apps; use `Local` (the app stays in this org) or `Packaged` (it travels in a package)",
                        state.value
                    ),
                )
                .preferred_fix(
                    "Change to `Local`",
                    vec![header.set("distributionState", "Local")],
                )
                .fix(
                    "Change to `Packaged`",
                    vec![header.set("distributionState", "Packaged")],
                );
        }
    }
    for (field_name, why) in [
        ("managedType", "is set by Salesforce for its own apps"),
        ("infoUrl", "is reserved by Salesforce for later use"),
    ] {
        report_reserved_field(&header, field_name, why, findings);
    }
}

fn report_reserved_field(header: &View, field_name: &str, why: &str, findings: &mut Findings) {
    let Some(field) = header.field(field_name) else {
        return;
    };
    let remove = header.remove(field_name);
    findings
        .report(
            field.location(),
            format!("`{field_name}` {why}: leave it out of your app's header"),
        )
        .preferred_fix(format!("Remove `{field_name}`"), remove);
}

const ID_TOKEN_VALIDITY: Rule = Rule {
    info: CodeInfo {
        code: "ECA-VAL-002",
        default_severity: Severity::Warning,
        title: "idTokenValidityInMinutes outside 1–720",
        explanation: "The ID token's lifetime in the global OAuth settings (`idTokenConfig` → `idTokenValidityInMinutes`) is documented as 1 to 720 minutes, 2 by default. The structural check `invalid-value` reports values outside that range as a **warning**, not an error, because Salesforce's own sample file uses `0`, so a deploy may accept it.",
        example: portal_global!(
            "<callbackUrl>https://portal.example.com/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<idTokenConfig>",
            "    <idTokenValidityInMinutes>1440</idTokenValidityInMinutes>",
            "</idTokenConfig>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<callbackUrl>https://portal.example.com/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<idTokenConfig>",
            "    <idTokenValidityInMinutes>720</idTokenValidityInMinutes>",
            "</idTokenConfig>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE, GLOBAL_HELP],
    },
    involves: &["ExternalAppIdTokenConfig.idTokenValidityInMinutes"],
    check: Check::Structural(codes::INVALID_VALUE),
};

const NEWER_THAN_PROJECT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-VAL-003",
        default_severity: Severity::Warning,
        title: "A field newer than the project's API version",
        explanation: "A project deploys with one API version (`sourceApiVersion` in `sfdx-project.json`, a `package.xml` `<version>`, `eca-ls.toml` or `--api-version`). A field or value introduced in a later version is unknown to that version, and the deploy may reject it. The structural check `api-version` reports it as a **warning**, naming the version that introduced it; raise the project's version or drop the setting.",
        example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"63.0\" }\n",
            "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n",
            "    <isEnabled>true</isEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"66.0\" }\n",
            "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n",
            "    <isEnabled>true</isEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppConfigurablePolicies>\n",
        ),
        sources: &[POLICIES_PAGE, GLOBAL_PAGE, PLUGIN_POLICIES_PAGE],
    },
    involves: &[],
    check: Check::Structural(codes::API_VERSION),
};

const SAML_START_URL_DEPRECATED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-VAL-004",
        default_severity: Severity::Warning,
        title: "startUrl of the SAML policies is deprecated",
        explanation: "`startUrl` in the SAML policies is deprecated; the app's start page is set in the plugin policies (`ExtlClntAppConfigurablePolicies` `startPage` and `startUrl`). The structural check `deprecated` reports it and names the replacement. The research notes rate this information; eca-ls reports every deprecated field at one severity, a **warning** with the deprecated tag, so that configuring `deprecated` governs them all.",
        example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
            "<startUrl>https://wiki.example.com/home</startUrl>",
        ),
        fixed_example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
        ),
        sources: &[SAML_PAGE],
    },
    involves: &["ExtlClntAppSamlConfigurablePolicies.startUrl"],
    check: Check::Structural(codes::DEPRECATED),
};

const ELEMENT_ORDER: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ORDER-001",
        default_severity: Severity::Hint,
        title: "Fields out of the order Salesforce retrieves them in",
        explanation: "Salesforce retrieves these files with their fields in the WSDL's order (alphabetical for the ECA types). Whether a deploy insists on that order is unconfirmed, and Salesforce's own samples ignore it, so the structural check `element-order` reports it only as a **hint**, with a quick fix that sorts the fields; sorted files give small diffs on the next retrieve. The research notes suggest information, but nearly every hand-written file would carry such a finding, which would bury the ones that matter.",
        example: portal_policies!(
            "<label>Portal</label>",
            "<externalClientApplication>Portal</externalClientApplication>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[MERGE_DRIVER_ORDER_ISSUE, SPRING_26_POLICIES_PAGE],
    },
    involves: &[],
    check: Check::Structural(codes::ELEMENT_ORDER),
};

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    fn header(fields: &str) -> String {
        format!(
            "//- /p/externalClientApps/Wiki.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{fields}    <label>Wiki</label>\n</ExternalClientApplication>\n"
        )
    }

    const SAML: &str = "//- /p/extlClntAppSamlConfigurablePolicies/Wiki_saml.ecaSamlPlcy-meta.xml\n<ExtlClntAppSamlConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <acsUrl>https://sp.example.com/acs</acsUrl>\n    <entityUrl>https://sp.example.com</entityUrl>\n    <externalClientApplication>Wiki</externalClientApplication>\n</ExtlClntAppSamlConfigurablePolicies>\n";
    const GLOBAL: &str = "//- /p/extlClntAppGlobalOauthSets/Wiki_glbloauth.ecaGlblOauth-meta.xml\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://wiki.example.com/callback</callbackUrl>\n    <externalClientApplication>ns__Wiki</externalClientApplication>\n</ExtlClntAppGlobalOauthSettings>\n";
    const OAUTH: &str = "//- /p/extlClntAppOauthSettings/Wiki_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>ns__Wiki</externalClientApplication>\n    <label>Wiki</label>\n</ExtlClntAppOauthSettings>\n";
    const ORG_SETTINGS: &str = "//- /p/settings/ExternalClientApp.settings-meta.xml\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <enablePackageEcaOauthFromDevOrg>false</enablePackageEcaOauthFromDevOrg>\n</ExternalClientAppSettings>\n";

    #[test]
    fn a_packaged_app_with_saml_global_settings_and_org_settings() {
        let fixture = format!(
            "{}{SAML}{GLOBAL}{OAUTH}{ORG_SETTINGS}",
            header("    <distributionState>Packaged</distributionState>\n")
        );
        let project = project(&fixture);
        expect![[r#"
            Wiki.eca-meta.xml:2:24 warning[ECA-PKG-001] `Wiki` is `Packaged` but has SAML policies (Wiki_saml.ecaSamlPlcy-meta.xml): an app with SAML single sign-on must stay `Local` and cannot be packaged
              related Wiki_saml.ecaSamlPlcy-meta.xml:1:2 SAML policies of this app
              fix* Set `distributionState` to `Local`
            Wiki_glbloauth.ecaGlblOauth-meta.xml:1:2 information[ECA-PKG-001] `Wiki` is `Packaged`, but global OAuth settings are never packaged (each installing org gets its own consumer key and secret): keep Wiki_glbloauth.ecaGlblOauth-meta.xml out of the package directory when you build a package version
              related Wiki.eca-meta.xml:2:24 the app is packaged here
            Wiki_glbloauth.ecaGlblOauth-meta.xml:1:2 warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make PKCE mandatory: `isPkceRequired` is not written (counted as off)
              related Wiki.eca-meta.xml:2:6 the app is packaged here
              fix Set `isPkceRequired` to `true` (clients that send no `code_challenge` can no longer log in, and a partner cannot switch it off again)
            Wiki_glbloauth.ecaGlblOauth-meta.xml:1:2 warning[ECA-PKG-002] the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make refresh token rotation mandatory: `isRefreshTokenRotationEnabled` is not written (counted as off)
              related Wiki.eca-meta.xml:2:6 the app is packaged here
              fix Set `isRefreshTokenRotationEnabled` to `true` (clients must store the new refresh token after every refresh)
            ExternalClientApp.settings-meta.xml:2:6 information[ECA-PKG-001] `Wiki` is `Packaged` with OAuth settings, and `enablePackageEcaOauthFromDevOrg` is `false`: an org that is not a Dev Hub cannot package it; package it from the Dev Hub, or turn this on
              related Wiki.eca-meta.xml:2:24 the app is packaged here
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/externalClientApps/Wiki.eca-meta.xml
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <distributionState>Local</distributionState>
                <label>Wiki</label>
            </ExternalClientApplication>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-PKG-001",
            "Set `distributionState` to `Local`",
        ));
    }

    #[test]
    fn a_local_app_may_have_all_of_them() {
        check(
            &format!(
                "{}{SAML}{GLOBAL}{OAUTH}{ORG_SETTINGS}",
                header("    <distributionState>Local</distributionState>\n")
            ),
            expect![[""]],
        );
    }

    #[test]
    fn saml_policies_without_their_header_get_one_note() {
        // Another app's header: the project keeps headers, but not this app's.
        let other = "//- /p/externalClientApps/Other.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Other</label>\n</ExternalClientApplication>\n";
        check(
            &format!("{other}{SAML}"),
            expect![[r#"
                Wiki_saml.ecaSamlPlcy-meta.xml:1:2 information[ECA-PKG-001] an app with SAML policies must stay `Local`; this project has no header for `Wiki`, so check in the org that its distribution state is Local
                Wiki_saml.ecaSamlPlcy-meta.xml:4:32 warning[ECA-REF-001] this project has no header for the app `Wiki` (`externalClientApps/Wiki.eca-meta.xml`): unless `Wiki` already exists in the target org, deploying Wiki_saml.ecaSamlPlcy-meta.xml fails
            "#]],
        );
    }

    #[test]
    fn values_reserved_for_salesforce() {
        let project = project(&header(
            "    <distributionState>AutoInstalled</distributionState>\n    <infoUrl>https://example.com</infoUrl>\n    <managedType>Global</managedType>\n",
        ));
        expect![[r#"
            Wiki.eca-meta.xml:2:24 warning[ECA-VAL-001] `distributionState` `AutoInstalled` is set by Salesforce for its own apps; use `Local` (the app stays in this org) or `Packaged` (it travels in a package)
              fix* Change to `Local`
              fix Change to `Packaged`
            Wiki.eca-meta.xml:3:6 warning[ECA-VAL-001] `infoUrl` is reserved by Salesforce for later use: leave it out of your app's header
              fix* Remove `infoUrl`
            Wiki.eca-meta.xml:4:6 warning[ECA-VAL-001] `managedType` is set by Salesforce for its own apps: leave it out of your app's header
              fix* Remove `managedType`
            Wiki.eca-meta.xml:5:6 hint[element-order] the fields of `ExternalClientApplication` are not in canonical order: `label` belongs before `managedType` (Salesforce retrieves them in this order; sorting keeps diffs small)
              fix* Sort fields into canonical order
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/externalClientApps/Wiki.eca-meta.xml
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <distributionState>AutoInstalled</distributionState>
                <infoUrl>https://example.com</infoUrl>
                <label>Wiki</label>
            </ExternalClientApplication>
        "#]]
        .assert_eq(&render_fix(&project, "ECA-VAL-001", "Remove `managedType`"));
    }
}
