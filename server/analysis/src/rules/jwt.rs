//! Rules on JWT-based access tokens: the guest flow's need for JWT tokens and the guest and
//! named-user token timeouts.

use crate::Severity;
use crate::codes::CodeInfo;
use crate::diagnostic::DiagnosticTag;
use crate::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule};

const POLICIES: &str = "ExtlClntAppOauthConfigurablePolicies";
const GLOBAL: &str = "ExtlClntAppGlobalOauthSettings";

const POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm";
const GLOBAL_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm";
const GUEST_FLOW_PAGE: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_public_clients.htm";

pub(super) const RULES: &[Rule] = &[GUEST_TIMEOUT_IGNORED, GUEST_FLOW_NEEDS_JWT];

const GUEST_TIMEOUT_IGNORED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-GUEST-OMIT",
        default_severity: Severity::Warning,
        title: "guestJwtTimeout is ignored when the timeout type is UserSession",
        explanation: "With `guestJwtSessionTimeoutType` set to `UserSession`, guest JWT access tokens live as long as the user's session and Salesforce ignores `guestJwtTimeout`; the documentation says to leave it out. A value there suggests the author expected it to apply. Either remove `guestJwtTimeout` or switch the type to `Custom` so that it does apply. It is a warning rather than an error because whether a deploy rejects it is unconfirmed.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\n",
            "    <guestJwtTimeout>30</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>\n",
            "    <guestJwtTimeout>30</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.guestJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.guestJwtSessionTimeoutType",
    ],
    check: Check::File(guest_timeout_ignored),
};

fn guest_timeout_ignored(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text("guestJwtSessionTimeoutType").as_deref() != Some("UserSession")
    {
        return;
    }
    let Some(timeout) = policies.field("guestJwtTimeout") else {
        return;
    };
    let mut remove = Vec::new();
    remove.extend(policies.remove("guestJwtTimeout"));
    findings
        .report(
            timeout.location(),
            format!(
                "`guestJwtTimeout` ({}) is ignored because `guestJwtSessionTimeoutType` is `UserSession`: guest tokens follow the user's session",
                if timeout.value.is_empty() { "empty" } else { &timeout.value }
            ),
        )
        .related(
            policies.at("guestJwtSessionTimeoutType"),
            "the timeout type that makes it ignored",
        )
        .tag(DiagnosticTag::Unnecessary)
        .preferred_fix("Remove `guestJwtTimeout`", remove)
        .fix(
            "Set `guestJwtSessionTimeoutType` to `Custom` so the timeout applies",
            vec![policies.set("guestJwtSessionTimeoutType", "Custom")],
        );
}

const GUEST_FLOW_NEEDS_JWT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-001",
        default_severity: Severity::Warning,
        title: "The guest flow needs JWT-based access tokens",
        explanation: "`isGuestCodeCredFlowEnabled` lets guest users get a JWT access token carrying a unique visitor id (UVID). Salesforce issues those only when the app issues JWT-based access tokens, which `isNamedUserJwtEnabled` in the app's global OAuth settings switches on; with opaque tokens the guest flow fails at run time. Turn on `isNamedUserJwtEnabled` in the global OAuth settings. When the project does not contain the global OAuth settings (teams often keep them out of source control because they hold the consumer secret), eca-ls does not guess: it leaves an information note naming the setting to check in the org.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
            "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n",
            "    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppGlobalOauthSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
            "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n",
            "    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppGlobalOauthSettings>\n",
        ),
        sources: &[GLOBAL_PAGE, GUEST_FLOW_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.isGuestCodeCredFlowEnabled",
        "ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled",
    ],
    check: Check::App(guest_flow_needs_jwt),
};

fn guest_flow_needs_jwt(context: &AppContext, findings: &mut Findings) {
    for policies in context.components(POLICIES) {
        if !policies.is_true("isGuestCodeCredFlowEnabled") {
            continue;
        }
        let Some(global) = context.component(GLOBAL) else {
            findings.note_missing(
                policies.at("isGuestCodeCredFlowEnabled"),
                "ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled",
                format!(
                    "the guest flow needs JWT-based access tokens; the project has no global OAuth settings for `{}`, so check that `isNamedUserJwtEnabled` (Issue JWT-based access tokens) is on in the org",
                    context.app.name
                ),
            );
            continue;
        };
        if global.is_true("isNamedUserJwtEnabled") {
            continue;
        }
        let state = match global.bool("isNamedUserJwtEnabled") {
            Some(false) => "is `false`",
            _ => "is not set (it defaults to `false`)",
        };
        findings
            .report(
                policies.at("isGuestCodeCredFlowEnabled"),
                format!(
                    "the guest flow is on but the app issues opaque tokens: `isNamedUserJwtEnabled` in {} {state}; guest users need JWT-based access tokens",
                    crate::file_kind::file_name(global.path())
                ),
            )
            .related(global.at("isNamedUserJwtEnabled"), "JWT-based access tokens are off here")
            .preferred_fix(
                "Turn on `isNamedUserJwtEnabled` in the global OAuth settings",
                vec![global.set("isNamedUserJwtEnabled", "true")],
            );
    }
}
