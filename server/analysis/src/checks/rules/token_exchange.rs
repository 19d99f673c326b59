//! Rules on the token exchange flow (its two switches and its secret requirement) and on the
//! JWT bearer flow, which a certificate in the global OAuth settings turns on.

use crate::checks::rules::conditions::{
    self, GLOBAL, POLICIES, PREAUTHORIZED, Status, TOKEN_EXCHANGE_GLOBAL, TOKEN_EXCHANGE_POLICY,
    portal_global, portal_policies,
};
use crate::checks::rules::sources::{GLOBAL_PAGE, POLICIES_PAGE};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;

const HANDLER_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthtokenexchangehandler.htm";
const HANDLER_APP_OBJECT: &str = "https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtokenexchhandlerapp.htm";

const GLOBAL_FLAG: &str = TOKEN_EXCHANGE_GLOBAL.field;
const POLICY_FLAG: &str = TOKEN_EXCHANGE_POLICY.field;

pub(super) const RULES: &[Rule] = &[
    TOKEN_EXCHANGE_HALF_ON,
    TOKEN_EXCHANGE_SECRET_UNUSED,
    CERTIFICATE_ENABLES_JWT_BEARER,
];

const TOKEN_EXCHANGE_HALF_ON: Rule = Rule {
    info: CodeInfo {
        code: "ECA-TX-001",
        default_severity: Severity::Warning,
        title: "The token exchange flow is only half switched on",
        explanation: "The OAuth 2.0 token exchange flow has two switches: `isTokenExchangeEnabled` in the global OAuth settings turns it on for the app, and `isTokenExchangeFlowEnabled` in the OAuth policies allows it in this org. With only one of them on, every exchange fails. eca-ls reports on the switch that is on and offers to turn the other one on. The flow also needs an Apex handler, and that is not the policies' `apexHandler` (a general OAuth customization class): it is an `OauthTokenExchangeHandler` component whose enablements name this app; `eca-ls flows` lists it among what the flow needs. It is a warning because the deploy succeeds and the failure shows at run time. A file the project lacks gets an information note instead of a guess.",
        example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeEnabled>true</isTokenExchangeEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeEnabled>true</isTokenExchangeEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[GLOBAL_PAGE, POLICIES_PAGE, HANDLER_PAGE, HANDLER_APP_OBJECT],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isTokenExchangeEnabled",
        "ExtlClntAppOauthConfigurablePolicies.isTokenExchangeFlowEnabled",
        "ExtlClntAppGlobalOauthSettings.isSecretRequiredForTokenExchange",
    ],
    check: Check::App(token_exchange_half_on),
};

fn token_exchange_half_on(context: &AppContext, findings: &mut Findings) {
    let global = context.component(GLOBAL);
    let policies = context.component(POLICIES);
    let global_on = global.is_some_and(|global| global.is_true(GLOBAL_FLAG));
    let policy_on = policies.is_some_and(|policies| policies.is_true(POLICY_FLAG));
    let (trigger, need, lead) = match (global, policies) {
        (Some(global), _) if global_on && !policy_on => (
            global.at(GLOBAL_FLAG),
            TOKEN_EXCHANGE_POLICY,
            "the token exchange flow is on for the app, but this org's OAuth policies do not allow it",
        ),
        (_, Some(policies)) if policy_on && !global_on => (
            policies.at(POLICY_FLAG),
            TOKEN_EXCHANGE_GLOBAL,
            "this org allows the token exchange flow, but the app-wide switch is off",
        ),
        _ => return,
    };
    match need.evaluate(context) {
        Status::Met => {}
        Status::Unknown => conditions::note_unknown_needs(
            findings,
            &trigger,
            &context.app.name,
            "the token exchange flow is on in one of the app's files",
            &[need],
        ),
        Status::Unmet(unmet) => {
            let diagnostic = findings
                .report(
                    trigger,
                    format!(
                        "{lead}: {}; every exchange fails until both are on",
                        unmet.describe()
                    ),
                )
                .related(unmet.location(), "the other switch of the flow");
            conditions::attach_fix(diagnostic, unmet.fix(), true);
        }
    }
}

const TOKEN_EXCHANGE_SECRET_UNUSED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-TX-002",
        default_severity: Severity::Hint,
        title: "isSecretRequiredForTokenExchange is set but token exchange is off",
        explanation: "`isSecretRequiredForTokenExchange` makes token exchange requests carry the client secret; it only matters while `isTokenExchangeEnabled` is `true` in the same file. The research notes suggest information, but this is a hint: Salesforce writes `isSecretRequiredForTokenExchange` `true` into the global settings of nearly every app it retrieves, token exchange on or not, so a louder finding would flag files straight from an org. The quick fix removes the setting; keep it if you plan to turn token exchange on.",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>",
            "<isTokenExchangeEnabled>false</isTokenExchangeEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isTokenExchangeEnabled>false</isTokenExchangeEnabled>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isSecretRequiredForTokenExchange"],
    check: Check::File(token_exchange_secret_unused),
};

fn token_exchange_secret_unused(context: &FileContext, findings: &mut Findings) {
    let global = context.view;
    if global.type_def.name != GLOBAL
        || !global.is_true("isSecretRequiredForTokenExchange")
        || global.is_true(GLOBAL_FLAG)
    {
        return;
    }
    let remove = global.remove("isSecretRequiredForTokenExchange");
    findings
        .report(
            global.at("isSecretRequiredForTokenExchange"),
            "`isSecretRequiredForTokenExchange` has no effect while token exchange is off (`isTokenExchangeEnabled` is not `true` in this file)",
        )
        .related(global.at(GLOBAL_FLAG), "the switch of token exchange")
        .tag(DiagnosticTag::Unnecessary)
        .ignored_setting_removal("Remove `isSecretRequiredForTokenExchange`", remove, false);
}

const CERTIFICATE_ENABLES_JWT_BEARER: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWTB-001",
        default_severity: Severity::Information,
        title: "A certificate turns the JWT bearer flow on",
        explanation: "Putting a PEM certificate into `certificate` in the global OAuth settings is what turns the OAuth 2.0 JWT bearer flow on for the app: any client holding the matching private key can sign a JWT and get an access token for a user, without that user logging in. eca-ls reports it as information on the certificate so that the flow never runs unnoticed, and names who may be issued tokens: with `AdminApprovedPreAuthorized` the users of the listed permission sets and profiles, with `AllSelfAuthorized` any user who approved the app before. The certificate is public and fine in source control; the private key never belongs in these files (ECA-SEC-001 reports one). Unrelated to `isNamedUserJwtEnabled`, which chooses the format of access tokens.",
        example: portal_global!(
            "<certificate>MIIDdzCCAl+gAwIBAgIEbJ0ZFTANBgkqhkiG9w0BAQsFADBsMRAwDgYDVQQGEwdVbmtub3du</certificate>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.certificate"],
    check: Check::App(certificate_enables_jwt_bearer),
};

fn certificate_enables_jwt_bearer(context: &AppContext, findings: &mut Findings) {
    for global in context.components(GLOBAL) {
        let Some(certificate) = global.field("certificate") else {
            continue;
        };
        if certificate.value.is_empty() {
            continue;
        }
        let who = match context
            .component(POLICIES)
            .and_then(|policies| policies.text(PREAUTHORIZED.field))
            .as_deref()
        {
            Some("AdminApprovedPreAuthorized") => {
                "users of the permission sets and profiles the OAuth policies pre-authorize"
            }
            Some("AllSelfAuthorized") => "any user who approved the app before",
            _ => "the users the app's OAuth policies allow",
        };
        let diagnostic = findings.report(
            certificate.location(),
            format!(
                "this certificate turns the JWT bearer flow on for `{}`: a client holding the matching private key can get access tokens for {who}, without them logging in",
                context.app.name
            ),
        );
        if let Some(policies) = context.component(POLICIES) {
            diagnostic.related(policies.at(PREAUTHORIZED.field), "who may be issued tokens");
        }
    }
}
