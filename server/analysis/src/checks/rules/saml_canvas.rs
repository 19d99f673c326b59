//! Rules on the SAML policies (Salesforce as identity provider) and on the canvas settings'
//! SAML single sign-on.

use crate::checks::rules::conditions::{CANVAS, PLUGIN_POLICIES, SAML_POLICIES, component_file};
use crate::checks::rules::plugins::{switch_on_fix, switched_off};
use crate::checks::rules::sources::{
    CANVAS_PAGE, CUSTOM_ATTRIBUTES_HOW_TO, OAUTH_SETTINGS_PAGE, SAML_PAGE,
};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;
use crate::model::file_kind::file_name;

pub(super) const RULES: &[Rule] = &[
    CUSTOM_SUBJECT,
    ENCRYPTION_NEEDS_CERTIFICATE,
    SAML_FORMULAS,
    CANVAS_SAML,
];

const CUSTOM_SUBJECT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SAML-001",
        default_severity: Severity::Warning,
        title: "subjectType CustomAttribute without subjectCustomAttribute",
        explanation: "`subjectType` decides what identifies the user in the SAML assertion. With `CustomAttribute`, the value comes from the User field named in `subjectCustomAttribute`; without that field the assertion has no subject to send, and the service provider cannot tell who signed in. The documentation states the requirement, but not whether a deploy checks it, hence a **warning**. Name the User field, or pick another subject type.",
        example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
            "<subjectType>CustomAttribute</subjectType>",
        ),
        fixed_example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
            "<subjectCustomAttribute>EmployeeNumber</subjectCustomAttribute>",
            "<subjectType>CustomAttribute</subjectType>",
        ),
        sources: &[SAML_PAGE],
    },
    involves: &[
        "ExtlClntAppSamlConfigurablePolicies.subjectType",
        "ExtlClntAppSamlConfigurablePolicies.subjectCustomAttribute",
    ],
    check: Check::File(custom_subject),
};

fn custom_subject(context: &FileContext, findings: &mut Findings) {
    let saml = context.view;
    if saml.type_def.name != SAML_POLICIES
        || saml.text("subjectType").as_deref() != Some("CustomAttribute")
        || saml.text("subjectCustomAttribute").is_some()
    {
        return;
    }
    findings.report(
        saml.at("subjectType"),
        "`subjectType` is `CustomAttribute` but `subjectCustomAttribute` is missing or empty: name the User field that identifies the user in the assertion",
    );
}

const ENCRYPTION_NEEDS_CERTIFICATE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SAML-002",
        default_severity: Severity::Information,
        title: "encryptionType without encryptionCertificate",
        explanation: "`encryptionType` picks the algorithm used to encrypt SAML assertions, with the service provider's key in `encryptionCertificate`. Without the certificate nothing is encrypted, so the algorithm has no effect. It is **information**: the assertions are still signed and sent, just not encrypted; add the certificate if you meant to encrypt them, or remove `encryptionType`.",
        example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<encryptionType>AES_256</encryptionType>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
        ),
        fixed_example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<encryptionCertificate>Wiki_Encryption</encryptionCertificate>",
            "<encryptionType>AES_256</encryptionType>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
        ),
        sources: &[SAML_PAGE],
    },
    involves: &[
        "ExtlClntAppSamlConfigurablePolicies.encryptionType",
        "ExtlClntAppSamlConfigurablePolicies.encryptionCertificate",
    ],
    check: Check::File(encryption_needs_certificate),
};

fn encryption_needs_certificate(context: &FileContext, findings: &mut Findings) {
    let saml = context.view;
    if saml.type_def.name != SAML_POLICIES || saml.text("encryptionCertificate").is_some() {
        return;
    }
    let Some(encryption) = saml
        .field("encryptionType")
        .filter(|field| !field.value.is_empty())
    else {
        return;
    };
    let remove = saml.remove("encryptionType");
    findings
        .report(
            encryption.location(),
            format!(
                "`encryptionType` ({}) has no effect without an `encryptionCertificate`: assertions are not encrypted",
                encryption.value
            ),
        )
        .tag(DiagnosticTag::Unnecessary)
        .ignored_setting_removal("Remove `encryptionType`", remove, false);
}

const SAML_FORMULAS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SAML-003",
        default_severity: Severity::Information,
        title: "A SAML attribute formula without the `$` of a global variable",
        explanation: "Custom attributes of the SAML policies take their values from formulas that refer to fields through global variables with a `$`: `$User.Email`, `$Organization.Name`. For OAuth custom attributes Salesforce's pages disagree: the OAuth settings' and OAuth policies' type pages write formulas without `$` (their samples: `User.Country`, \"For example, Organization.Country.\"), while the Help how-to for custom attributes has Setup's Insert Field menu write `$Organization.Country`. eca-ls takes no side for OAuth attributes and checks neither form; for SAML attributes formulas copied from an OAuth sample without `$` are a common slip. eca-ls notes a SAML formula that names `Object.Field` without any `$`; when the whole formula is one such reference, the quick fix adds the `$`. It is **information** because a formula without field references (a constant) is fine, and eca-ls does not evaluate formulas.",
        example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<customAttributes>",
            "    <formula>User.Email</formula>",
            "    <key>email</key>",
            "</customAttributes>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
        ),
        fixed_example: component_file!(
            "extlClntAppSamlConfigurablePolicies",
            "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
            "ExtlClntAppSamlConfigurablePolicies",
            "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
            "<customAttributes>",
            "    <formula>$User.Email</formula>",
            "    <key>email</key>",
            "</customAttributes>",
            "<entityUrl>https://wiki.example.com</entityUrl>",
            "<externalClientApplication>Wiki</externalClientApplication>",
            "<label>Wiki</label>",
        ),
        sources: &[SAML_PAGE, OAUTH_SETTINGS_PAGE, CUSTOM_ATTRIBUTES_HOW_TO],
    },
    involves: &["ExtlClntAppSamlConfigurablePoliciesAttribute.formula"],
    check: Check::File(saml_formulas),
};

fn saml_formulas(context: &FileContext, findings: &mut Findings) {
    let saml = context.view;
    if saml.type_def.name != SAML_POLICIES {
        return;
    }
    for attribute in saml.nested("customAttributes") {
        let Some(formula) = attribute.field("formula") else {
            continue;
        };
        if formula.value.contains('$') {
            continue;
        }
        let Some(reference) = field_references(&formula.value).into_iter().next() else {
            continue;
        };
        let diagnostic = findings.report(
            formula.value_location(),
            format!(
                "SAML attribute formulas refer to fields through global variables: `${reference}`, not `{reference}` (the form of OAuth attribute formulas)"
            ),
        );
        if formula.value == reference {
            diagnostic.preferred_fix(
                format!("Change to `${reference}`"),
                vec![attribute.set("formula", &format!("${reference}"))],
            );
        }
    }
}

const CANVAS_SAML: Rule = Rule {
    info: CodeInfo {
        code: "ECA-CANVAS-001",
        default_severity: Severity::Information,
        title: "Canvas SAML sign-on while the app's SAML plugin is off",
        explanation: "`samlInitiationMethod` `IdpInitiated` or `SpInitiated` has the canvas app sign users in through SAML, which presumably needs the app's SAML single sign-on: SAML policies and the SAML plugin switch (`isSamlPluginEnabled`). The documentation does not say so outright, hence **information**. eca-ls notes a canvas file that starts SAML sign-on while the plugin policies switch SAML off (the quick fix turns it on), and, when the project has no SAML policies for the app, leaves one note naming what to check in the org.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Dashboard_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Dashboard</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isSamlPluginEnabled>false</isSamlPluginEnabled>",
                "<label>Dashboard</label>",
            ),
            component_file!(
                "extlClntAppCanvasSettings",
                "Dashboard_canvas.ecaCanvas-meta.xml",
                "ExtlClntAppCanvasSettings",
                "<accessMethod>Post</accessMethod>",
                "<canvasUrl>https://dashboard.example.com/canvas</canvasUrl>",
                "<externalClientApplication>Dashboard</externalClientApplication>",
                "<label>Dashboard</label>",
                "<samlInitiationMethod>IdpInitiated</samlInitiationMethod>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Dashboard_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Dashboard</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isSamlPluginEnabled>false</isSamlPluginEnabled>",
                "<label>Dashboard</label>",
            ),
            component_file!(
                "extlClntAppCanvasSettings",
                "Dashboard_canvas.ecaCanvas-meta.xml",
                "ExtlClntAppCanvasSettings",
                "<accessMethod>Post</accessMethod>",
                "<canvasUrl>https://dashboard.example.com/canvas</canvasUrl>",
                "<externalClientApplication>Dashboard</externalClientApplication>",
                "<label>Dashboard</label>",
                "<samlInitiationMethod>None</samlInitiationMethod>",
            ),
        ),
        sources: &[CANVAS_PAGE],
    },
    involves: &[
        "ExtlClntAppCanvasSettings.samlInitiationMethod",
        "ExtlClntAppConfigurablePolicies.isSamlPluginEnabled",
    ],
    check: Check::App(canvas_saml),
};

fn canvas_saml(context: &AppContext, findings: &mut Findings) {
    for canvas in context.components(CANVAS) {
        let Some(method) = canvas.field("samlInitiationMethod") else {
            continue;
        };
        if method.value != "IdpInitiated" && method.value != "SpInitiated" {
            continue;
        }
        if let Some(plugin) = context.component(PLUGIN_POLICIES) {
            if let Some(off) = switched_off(&plugin, "isSamlPluginEnabled") {
                let (title, edits) = switch_on_fix(&plugin, "isSamlPluginEnabled");
                findings
                    .report(
                        method.value_location(),
                        format!(
                            "the canvas app signs users in through SAML (`{}`), but `{off}` is `false` in {}: the app's SAML single sign-on is off",
                            method.value,
                            file_name(plugin.path())
                        ),
                    )
                    .related(plugin.at(off), "SAML is off here")
                    .preferred_fix(title, edits);
                continue;
            }
        }
        if context.component(SAML_POLICIES).is_none() {
            findings.note_missing(
                method.value_location(),
                SAML_POLICIES,
                format!(
                    "`samlInitiationMethod` `{}` signs users in through SAML; this project has no SAML policies for `{}`, so check in the org that the app has SAML single sign-on set up",
                    method.value, context.app.name
                ),
            );
        }
    }
}

/// The `Object.Field` references of a formula that has no `$` (outside quoted text).
fn field_references(formula: &str) -> Vec<String> {
    let mut references = Vec::new();
    let mut in_quotes: Option<char> = None;
    let mut word = String::new();
    for ch in formula.chars().chain(std::iter::once(' ')) {
        if let Some(quote) = in_quotes {
            if ch == quote {
                in_quotes = None;
            }
            continue;
        }
        if ch == '\'' || ch == '"' {
            in_quotes = Some(ch);
            word.clear();
            continue;
        }
        if ch.is_ascii_alphanumeric() || ch == '_' || ch == '.' {
            word.push(ch);
            continue;
        }
        if is_object_field(&word) {
            references.push(std::mem::take(&mut word));
        }
        word.clear();
    }
    references
}

/// `User.Email`: two identifiers joined by one dot, the first starting with a letter.
fn is_object_field(word: &str) -> bool {
    let Some((object, field)) = word.split_once('.') else {
        return false;
    };
    let identifier = |part: &str| {
        part.chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphabetic())
            && part
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
    };
    identifier(object) && identifier(field)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_object_field_references_outside_quotes() {
        assert_eq!(super::field_references("User.Email"), ["User.Email"]);
        assert_eq!(
            super::field_references("TEXT(User.Id) & '.' & Organization.Name"),
            ["User.Id", "Organization.Name"]
        );
        assert!(super::field_references("'a.b constant'").is_empty());
        assert!(super::field_references("3.14").is_empty());
        assert!(super::field_references("User.Contact.Email").is_empty());
    }
}

#[cfg(test)]
mod rule_tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    const HEADER: &str = "//- /p/externalClientApps/Wiki.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Wiki</label>\n</ExternalClientApplication>\n";

    /// SAML policies with `before` ahead of `entityUrl` and `after` behind the app reference.
    fn saml(before: &str, after: &str) -> String {
        format!(
            "//- /p/extlClntAppSamlConfigurablePolicies/Wiki_saml.ecaSamlPlcy-meta.xml\n<ExtlClntAppSamlConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <acsUrl>https://sp.example.com/acs</acsUrl>\n{before}    <entityUrl>https://sp.example.com</entityUrl>\n    <externalClientApplication>Wiki</externalClientApplication>\n{after}</ExtlClntAppSamlConfigurablePolicies>\n"
        )
    }

    #[test]
    fn a_custom_subject_needs_its_attribute() {
        check(
            &format!(
                "{HEADER}{}",
                saml("", "    <subjectType>CustomAttribute</subjectType>\n")
            ),
            expect![[r#"
                Wiki_saml.ecaSamlPlcy-meta.xml:5:6 warning[ECA-SAML-001] `subjectType` is `CustomAttribute` but `subjectCustomAttribute` is missing or empty: name the User field that identifies the user in the assertion
            "#]],
        );
        check(
            &format!(
                "{HEADER}{}",
                saml(
                    "",
                    "    <subjectCustomAttribute>FederationIdentifier</subjectCustomAttribute>\n    <subjectType>CustomAttribute</subjectType>\n"
                )
            ),
            expect![[""]],
        );
    }

    #[test]
    fn encryption_without_a_certificate() {
        let project = project(&format!(
            "{HEADER}{}",
            saml("    <encryptionType>AES_128</encryptionType>\n", "")
        ));
        expect![[r#"
            Wiki_saml.ecaSamlPlcy-meta.xml:3:6 information[ECA-SAML-002] `encryptionType` (AES_128) has no effect without an `encryptionCertificate`: assertions are not encrypted
              fix Remove `encryptionType`
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppSamlConfigurablePolicies/Wiki_saml.ecaSamlPlcy-meta.xml
            <ExtlClntAppSamlConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <acsUrl>https://sp.example.com/acs</acsUrl>
                <entityUrl>https://sp.example.com</entityUrl>
                <externalClientApplication>Wiki</externalClientApplication>
            </ExtlClntAppSamlConfigurablePolicies>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-SAML-002",
            "Remove `encryptionType`",
        ));
    }

    #[test]
    fn saml_formulas_without_a_dollar() {
        let attributes = "    <customAttributes>\n        <formula>User.Email</formula>\n        <key>email</key>\n    </customAttributes>\n    <customAttributes>\n        <formula>TEXT(User.Id) &amp; '-' &amp; $Organization.Id</formula>\n        <key>mixed</key>\n    </customAttributes>\n    <customAttributes>\n        <formula>UPPER(Organization.Name)</formula>\n        <key>org</key>\n    </customAttributes>\n    <customAttributes>\n        <formula>'v1.2'</formula>\n        <key>version</key>\n    </customAttributes>\n";
        check(
            &format!("{HEADER}{}", saml(attributes, "")),
            expect![[r#"
                Wiki_saml.ecaSamlPlcy-meta.xml:4:18 information[ECA-SAML-003] SAML attribute formulas refer to fields through global variables: `$User.Email`, not `User.Email` (the form of OAuth attribute formulas)
                  fix* Change to `$User.Email`
                Wiki_saml.ecaSamlPlcy-meta.xml:12:18 information[ECA-SAML-003] SAML attribute formulas refer to fields through global variables: `$Organization.Name`, not `Organization.Name` (the form of OAuth attribute formulas)
            "#]],
        );
    }

    fn canvas(method: &str) -> String {
        format!(
            "//- /p/extlClntAppCanvasSettings/Wiki_canvas.ecaCanvas-meta.xml\n<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <accessMethod>Post</accessMethod>\n    <canvasUrl>https://wiki.example.com/canvas</canvasUrl>\n    <externalClientApplication>Wiki</externalClientApplication>\n    <samlInitiationMethod>{method}</samlInitiationMethod>\n</ExtlClntAppCanvasSettings>\n"
        )
    }

    #[test]
    fn canvas_saml_sign_on_without_saml_policies_gets_one_note() {
        check(
            &format!("{HEADER}{}", canvas("SpInitiated")),
            expect![[r#"
                Wiki_canvas.ecaCanvas-meta.xml:5:27 information[ECA-CANVAS-001] `samlInitiationMethod` `SpInitiated` signs users in through SAML; this project has no SAML policies for `Wiki`, so check in the org that the app has SAML single sign-on set up
            "#]],
        );
        check(
            &format!("{HEADER}{}{}", canvas("SpInitiated"), saml("", "")),
            expect![[""]],
        );
        check(&format!("{HEADER}{}", canvas("None")), expect![[""]]);
    }

    #[test]
    fn with_every_plugin_and_saml_off_the_fix_turns_both_on() {
        let policies = "//- /p/extlClntAppPolicies/Wiki_plcy.ecaPlcy-meta.xml\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Wiki</externalClientApplication>\n    <isEnabled>false</isEnabled>\n    <isSamlPluginEnabled>false</isSamlPluginEnabled>\n</ExtlClntAppConfigurablePolicies>\n";
        let project = project(&format!("{HEADER}{}{policies}", canvas("SpInitiated")));
        expect![[r#"
            //- /p/extlClntAppPolicies/Wiki_plcy.ecaPlcy-meta.xml
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Wiki</externalClientApplication>
                <isEnabled>true</isEnabled>
                <isSamlPluginEnabled>true</isSamlPluginEnabled>
            </ExtlClntAppConfigurablePolicies>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-CANVAS-001",
            "Turn on `isEnabled` and `isSamlPluginEnabled`",
        ));
    }
}
