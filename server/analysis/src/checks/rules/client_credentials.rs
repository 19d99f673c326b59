//! Rules on the client credentials flow: its two switches (the app-wide one in the global OAuth
//! settings, the org one in the OAuth policies) and its run-as user.

use crate::checks::rules::conditions::{
    self, CLIENT_CREDENTIALS_GLOBAL, CLIENT_CREDENTIALS_POLICY, CLIENT_CREDENTIALS_USER, GLOBAL,
    POLICIES, Status, portal_global, portal_policies,
};
use crate::checks::rules::sources::{GLOBAL_PAGE, POLICIES_PAGE};
use crate::checks::rules::{AppContext, Check, FindingExt, Findings, Rule};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;

const CLIENT_CREDENTIALS_METADATA: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_client_credentials_flow_for_external_client_apps.htm";

/// The switch of the flow, named alike in the global settings and the policies.
const FLAG: &str = CLIENT_CREDENTIALS_GLOBAL.field;

pub(super) const RULES: &[Rule] = &[CLIENT_CREDENTIALS_INCOMPLETE, RUN_AS_USER_UNUSED];

const CLIENT_CREDENTIALS_INCOMPLETE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-CC-001",
        default_severity: Severity::Warning,
        title: "The client credentials flow is only half switched on, or has no run-as user",
        explanation: "The client credentials flow needs three settings in two files: `isClientCredentialsFlowEnabled` `true` in the global OAuth settings (the app-wide switch), `isClientCredentialsFlowEnabled` `true` in the OAuth policies (this org allows it), and `clientCredentialsFlowUser` in the OAuth policies, the username of the user every token is issued for (give it the *API Only User* permission and as little access as possible). When either switch is on, eca-ls checks the other two and reports what is missing on the switch that is on, pointing at the file to change; the switches have quick fixes, the username does not (only you know it). Salesforce's Help article on this flow wrongly puts the two policy fields in the `ExtlClntAppConfigurablePolicies` (`.ecaPlcy`) file; they belong in `ExtlClntAppOauthConfigurablePolicies` (`.ecaOauthPlcy`). It is a warning: the deploy succeeds and token requests fail at run time. A file the project lacks gets an information note instead of a guess.",
        example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[CLIENT_CREDENTIALS_METADATA, POLICIES_PAGE, GLOBAL_PAGE],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled",
        "ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled",
        "ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser",
    ],
    check: Check::App(client_credentials_incomplete),
};

fn client_credentials_incomplete(context: &AppContext, findings: &mut Findings) {
    let global = context.component(GLOBAL);
    let policies = context.component(POLICIES);
    let global_on = global.is_some_and(|global| global.is_true(FLAG));
    let policy_on = policies.is_some_and(|policies| policies.is_true(FLAG));
    // Report on a switch that is on: the org one when both are.
    let trigger = match (global, policies) {
        (_, Some(policies)) if policy_on => policies.at(FLAG),
        (Some(global), _) if global_on => global.at(FLAG),
        _ => return,
    };
    let trigger_file = if policy_on {
        "the OAuth policies"
    } else {
        "the global OAuth settings"
    };
    let mut unknown = Vec::new();
    for need in [
        CLIENT_CREDENTIALS_GLOBAL,
        CLIENT_CREDENTIALS_POLICY,
        CLIENT_CREDENTIALS_USER,
    ] {
        match need.evaluate(context) {
            Status::Met => {}
            Status::Unknown => unknown.push(need),
            Status::Unmet(unmet) => {
                let problem = if need == CLIENT_CREDENTIALS_USER {
                    format!(
                        "the client credentials flow is on but has no run-as user: {}; tokens are issued for that user (an API-only user)",
                        unmet.describe()
                    )
                } else if need == CLIENT_CREDENTIALS_GLOBAL {
                    format!(
                        "this org allows the client credentials flow, but the app-wide switch is off: {}; token requests fail until both are on",
                        unmet.describe()
                    )
                } else {
                    format!(
                        "the client credentials flow is on for the app, but this org's OAuth policies do not allow it: {}; token requests fail until both are on",
                        unmet.describe()
                    )
                };
                let diagnostic = findings
                    .report(trigger.clone(), problem)
                    .related(unmet.location(), "the setting to change");
                conditions::attach_fix(diagnostic, unmet.fix(), true);
            }
        }
    }
    conditions::note_unknown_needs(
        findings,
        &trigger,
        &context.app.name,
        &format!("the client credentials flow is on in {trigger_file}"),
        &unknown,
    );
}

const RUN_AS_USER_UNUSED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-CC-002",
        default_severity: Severity::Information,
        title: "clientCredentialsFlowUser is set but the client credentials flow is off",
        explanation: "`clientCredentialsFlowUser` names the user the client credentials flow issues tokens for. While the OAuth policies' `isClientCredentialsFlowEnabled` is off the user is never used. Remove it, or turn the flow on if that was the intent. When the global OAuth settings switch the flow on, ECA-CC-001 reports the missing policy switch instead. It is information: nothing breaks, and a leftover username only misleads readers about which flows run.",
        example: portal_policies!(
            "<clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser"],
    check: Check::App(run_as_user_unused),
};

fn run_as_user_unused(context: &AppContext, findings: &mut Findings) {
    let global_on = context
        .component(GLOBAL)
        .is_some_and(|global| global.is_true(FLAG));
    if global_on {
        return;
    }
    for policies in context.components(POLICIES) {
        let Some(user) = policies.text("clientCredentialsFlowUser") else {
            continue;
        };
        // An unfilled template placeholder is reported as such by `invalid-value`.
        if policies.is_true(FLAG) || conditions::looks_like_placeholder(&user) {
            continue;
        }
        let remove = policies.remove("clientCredentialsFlowUser");
        findings
            .report(
                policies.at("clientCredentialsFlowUser"),
                "`clientCredentialsFlowUser` is never used: the client credentials flow is off (`isClientCredentialsFlowEnabled` is not `true` in this file)",
            )
            .related(policies.at(FLAG), "the flow's switch in this org")
            .tag(DiagnosticTag::Unnecessary)
            .ignored_setting_removal("Remove `clientCredentialsFlowUser`", remove, false)
            .fix(
                "Turn the client credentials flow on (`isClientCredentialsFlowEnabled` `true`)",
                vec![policies.set(FLAG, "true")],
            );
    }
}
