//! The security posture checks: one code per control of Salesforce's *Review External Client
//! Apps* security-control series whose setting shows in metadata, and the checks beyond that
//! series that teams ask of every OAuth tool, each citing the page it rests on.
//!
//! They are advice, not errors. In the default `baseline` profile the `strict` codes do not
//! run (unless `eca-ls.toml` grades one); in `strict` (`profile = "strict"`, `ecaLs.profile`,
//! `--profile strict`) they are warnings. ECA-PKG-002, the 2026 OAuth requirements for partner
//! apps, runs in both profiles.

use crate::checks::rules::conditions::{
    GLOBAL, MOBILE, OAUTH_SETTINGS, ORG_OAUTH, POLICIES, REFRESH_TOKEN_SCOPE, REFRESH_TOKENS_LIVE,
    component_file, portal_global, portal_oauth, portal_policies,
};
use crate::checks::rules::lists::{ListItem, list_items, value_without};
use crate::checks::rules::sources::{GLOBAL_PAGE, IDLE_TTL_PAGE, POLICIES_PAGE};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::{CodeInfo, Control};
use crate::model::config::Profile;
use crate::model::diagnostic::{FileEdit, Severity};
use crate::model::project::Project;

const ORG_APP_SETTINGS: &str = "ExternalClientAppSettings";

/// The pages of the controls, each a page of the *Review External Client Apps* series (or, for
/// IP relaxation, of the connected-app series, which describes the same Setup option).
const METADATA_SECRETS_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_external_client_app_settings_metadata_secrets_protection.htm&type=5";
const REST_SECRET_MASKING_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_external_client_app_settings_rest_api_secret_masking.htm&type=5";
const SCOPE_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_configure_the_external_client_app_oauth_settings_oauth_scope_least_privilege.htm&type=5";
const ID_TOKEN_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_configure_the_external_client_app_oauth_settings_configure_id_token.htm&type=5";
const DISABLE_CLIENT_CREDENTIALS_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_oauth_flow_enablement_disable_client_credentials_flow.htm&type=5";
const CLIENT_CREDENTIALS_POLICIES_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_configure_oauth_policies_configure_client_credential_flow_policies.htm&type=5";
const SECRET_FOR_WEB_SERVER_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_security_require_secret_for_web_server_flow.htm&type=5";
const SECRET_FOR_REFRESH_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_security_require_secret_for_refresh_token_flow.htm&type=5";
const PKCE_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_security_require_proof_key_for_code_exchange_pkce.htm&type=5";
const ROTATION_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_security_enable_refresh_token_rotation.htm&type=5";
const SCREEN_LOCK_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_external_client_apps_mobile_app_settings_mobile_screen_lock.htm&type=5";
const IP_RELAXATION_CONTROL: &str = "https://help.salesforce.com/s/articleView?id=xcloud.shr_manage_oauth_access_policies_for_a_connected_app_ip_relaxation.htm&type=5";
/// The 2026 OAuth security requirements for partner apps.
pub(crate) const PARTNER_REQUIREMENTS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.packagingGuide.meta/packagingGuide/secure_code_ac_eca.htm";
/// OAuth 2.0 Security Best Current Practice: exact redirect URIs, no plain HTTP.
const RFC_9700: &str = "https://www.rfc-editor.org/rfc/rfc9700.html#section-2.1";
/// OAuth 2.0 for Native Apps: loopback redirects on any port.
const RFC_8252_LOOPBACK: &str = "https://www.rfc-editor.org/rfc/rfc8252.html#section-7.3";

/// The strict profile in an example: the `eca-ls.toml` line that turns the checks on.
macro_rules! strict {
    ($($file:expr),* $(,)?) => {
        concat!("//- /eca-ls.toml\n", "profile = \"strict\"\n", $($file,)*)
    };
}

/// The project's `ExternalClientApp` org settings, with these lines.
macro_rules! org_app_settings {
    ($($line:literal),* $(,)?) => {
        component_file!(
            "settings",
            "ExternalClientApp.settings-meta.xml",
            "ExternalClientAppSettings"
            $(, $line)*
        )
    };
}

/// The posture codes and the control each follows, in the order `eca-ls rules` lists them.
pub const CONTROLS: &[Control] = &[
    Control {
        code: "ECA-POSTURE-001",
        profile: Profile::Strict,
        control: "External Client App Settings: Metadata Secrets Protection",
        page: METADATA_SECRETS_CONTROL,
        recommended: "Allow access to External Client App consumer secrets via Metadata API: off",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-002",
        profile: Profile::Strict,
        control: "External Client App Settings: REST API Secret Masking",
        page: REST_SECRET_MASKING_CONTROL,
        recommended: "Allow access to External Client App consumer secrets via REST API: off",
        risk: None,
    },
    Control {
        code: "ECA-POSTURE-003",
        profile: Profile::Strict,
        control: "Configure the External Client App OAuth Settings: OAuth Scope Least Privilege",
        page: SCOPE_CONTROL,
        recommended: "only the scopes the app needs; not `Full`",
        risk: Some("Critical (CVSS 9.0–10.0)"),
    },
    Control {
        code: "ECA-POSTURE-004",
        profile: Profile::Strict,
        control: "Configure the External Client App OAuth Settings: OAuth Scope Least Privilege",
        page: SCOPE_CONTROL,
        recommended: "admin-approved users (`AdminApprovedPreAuthorized`) rather than *All users may self-authorize*",
        risk: Some("Critical (CVSS 9.0–10.0)"),
    },
    Control {
        code: "ECA-POSTURE-005",
        profile: Profile::Strict,
        control: "Configure the External Client App OAuth Settings: Configure ID Token",
        page: ID_TOKEN_CONTROL,
        recommended: "ID token duration 2 minutes",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-006",
        profile: Profile::Strict,
        control: "OAuth Flow Enablement: Disable Client Credentials Flow",
        page: DISABLE_CLIENT_CREDENTIALS_CONTROL,
        recommended: "Enable Client Credentials Flow: off (use the JWT bearer flow)",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-007",
        profile: Profile::Strict,
        control: "Configure OAuth Policies: Configure Client Credential Flow Policies",
        page: CLIENT_CREDENTIALS_POLICIES_CONTROL,
        recommended: "the client credentials flow off in the app's policies",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-008",
        profile: Profile::Strict,
        control: "Security: Require Secret for Web Server Flow",
        page: SECRET_FOR_WEB_SERVER_CONTROL,
        recommended: "Require Secret for Web Server Flow: on (`isConsumerSecretOptional` `false`)",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-009",
        profile: Profile::Strict,
        control: "Security: Require Secret for Refresh Token Flow",
        page: SECRET_FOR_REFRESH_CONTROL,
        recommended: "Require Secret for Refresh Token Flow: on",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-010",
        profile: Profile::Strict,
        control: "Security: Require Proof Key for Code Exchange (PKCE)",
        page: PKCE_CONTROL,
        recommended: "Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows: on",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-011",
        profile: Profile::Strict,
        control: "Security: Enable Refresh Token Rotation",
        page: ROTATION_CONTROL,
        recommended: "Enable Refresh Token Rotation: on",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-012",
        profile: Profile::Strict,
        control: "Mobile App Settings: Mobile Screen Lock",
        page: SCREEN_LOCK_CONTROL,
        recommended: "Screen lock: selected",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-013",
        profile: Profile::Strict,
        control: "OAuth 2.0 Security Best Current Practice (RFC 9700): redirect URIs",
        page: RFC_9700,
        recommended: "exact `https://` callback URLs; plain `http://` only to the loopback interface",
        risk: None,
    },
    Control {
        code: "ECA-POSTURE-014",
        profile: Profile::Strict,
        control: "Security: Require Secret for Refresh Token Flow (refresh tokens of indefinite lifespan)",
        page: SECRET_FOR_REFRESH_CONTROL,
        recommended: "refresh tokens that expire: `SpecificInactivity` (30 days, as the idle refresh-token limit sets) or `SpecificLifetime`",
        risk: Some("High (CVSS 7.0–8.9)"),
    },
    Control {
        code: "ECA-POSTURE-015",
        profile: Profile::Strict,
        control: "Manage OAuth Access Policies: IP Relaxation Control",
        page: IP_RELAXATION_CONTROL,
        recommended: "Enforce IP restrictions (`Enforce`)",
        risk: Some("Medium to High (CVSS 6.0–8.5)"),
    },
    Control {
        code: "ECA-POSTURE-016",
        profile: Profile::Strict,
        control: "ExtlClntAppGlobalOauthSettings: isIntrospectAllTokens",
        page: GLOBAL_PAGE,
        recommended: "`false`: the app introspects only its own tokens",
        risk: None,
    },
    Control {
        code: "ECA-POSTURE-017",
        profile: Profile::Strict,
        control: "ExtlClntAppGlobalOauthSettings: settings that must not be added to source control",
        page: GLOBAL_PAGE,
        recommended: "the global OAuth settings kept out of source control and package directories",
        risk: None,
    },
    Control {
        code: "ECA-PKG-002",
        profile: Profile::Baseline,
        control: "Secure Your Connected Apps and External Client Apps (2026 OAuth requirements for partner apps)",
        page: PARTNER_REQUIREMENTS_PAGE,
        recommended: "PKCE required and refresh token rotation on, for a packaged app in use in more than two customer production orgs",
        risk: None,
    },
];

/// The control a posture code follows.
pub fn control(code: &str) -> Option<&'static Control> {
    CONTROLS
        .iter()
        .find(|control| control.code.eq_ignore_ascii_case(code))
}

/// Whether a rule runs in this project: a `strict` code only in the strict profile, or when
/// `eca-ls.toml` (or the editor) grades it.
pub fn runs_in(project: &Project, code: &str) -> bool {
    runs_unless_strict_only(project, code, is_strict_only(code))
}

/// Whether `code` follows a control of the strict profile only.
pub(crate) fn is_strict_only(code: &str) -> bool {
    control(code).is_some_and(|control| control.profile == Profile::Strict)
}

/// [`runs_in`] for a code already known to be (or not to be) of the strict profile only: the
/// rule engine works that out once per process, not once per file and rule.
pub(crate) fn runs_unless_strict_only(project: &Project, code: &str, strict_only: bool) -> bool {
    !strict_only
        || project.config.profile() == Profile::Strict
        || project.config.severities.contains_key(code)
}

pub(super) const RULES: &[Rule] = &[
    METADATA_SECRETS,
    REST_SECRET_MASKING,
    FULL_SCOPE,
    SELF_AUTHORIZED_SERVER_FLOW,
    ID_TOKEN_DURATION,
    CLIENT_CREDENTIALS_GLOBAL,
    CLIENT_CREDENTIALS_POLICIES,
    SECRET_OPTIONAL,
    REFRESH_WITHOUT_SECRET,
    PKCE_NOT_REQUIRED,
    NO_ROTATION,
    NO_SCREEN_LOCK,
    CALLBACK_URL,
    INFINITE_REFRESH_TOKENS,
    IP_RELAXATION,
    INTROSPECT_ALL,
    GLOBAL_IN_SOURCE,
    PARTNER_REQUIREMENTS,
];

const METADATA_SECRETS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-001",
        default_severity: Severity::Warning,
        title: "Consumer secrets reachable through Metadata API",
        explanation: "`ExternalClientAppSettings.enableConsumerSecretApiAccess` `true` (*Allow access to External Client App consumer secrets via Metadata API*) lets Metadata API read and write the consumer secrets of the org's apps. The control *External Client App Settings: Metadata Secrets Protection* recommends it **off**, rating the risk of leaving it on **High (CVSS 7.0–8.9)**: anyone with a developer role and the permission can retrieve secrets into files. A deploy of the OAuth settings and global OAuth settings needs it on (ECA-SEC-003), so turn it on only while you deploy those files, then off again. The fix sets it to `false` (unsafe: the next deploy of OAuth files fails until it is on again).\n\nStrict profile only: in `baseline` this code is silent unless `eca-ls.toml` grades it.",
        example: strict!(org_app_settings!(
            "<enableConsumerSecretApiAccess>true</enableConsumerSecretApiAccess>",
        )),
        fixed_example: strict!(org_app_settings!(
            "<enableConsumerSecretApiAccess>false</enableConsumerSecretApiAccess>",
        )),
        sources: &[METADATA_SECRETS_CONTROL],
    },
    involves: &["ExternalClientAppSettings.enableConsumerSecretApiAccess"],
    check: Check::File(risky_switch),
};

const REST_SECRET_MASKING: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-002",
        default_severity: Severity::Warning,
        title: "Consumer secrets readable through the REST API",
        explanation: "`ExternalClientAppSettings.enableClientSecretInRestApiAccess` `true` (*Allow access to External Client App consumer secrets via REST API*) lets the credentials REST API return the consumer secrets of the org's apps. The control *External Client App Settings: REST API Secret Masking* recommends it **off** (the page gives no CVSS range). The fix sets it to `false` (unsafe: a tool that reads secrets through the REST API stops working).\n\nStrict profile only.",
        example: strict!(org_app_settings!(
            "<enableClientSecretInRestApiAccess>true</enableClientSecretInRestApiAccess>",
        )),
        fixed_example: strict!(org_app_settings!(
            "<enableClientSecretInRestApiAccess>false</enableClientSecretInRestApiAccess>",
        )),
        sources: &[REST_SECRET_MASKING_CONTROL],
    },
    involves: &["ExternalClientAppSettings.enableClientSecretInRestApiAccess"],
    check: Check::File(risky_switch),
};

/// A control that comes down to one boolean a file writes: a file of `type_name` whose `field`
/// says `risky` is reported with `message`, and the fix writes the other value. A file that
/// leaves the field out is not reported.
struct RiskySwitch {
    code: &'static str,
    type_name: &'static str,
    field: &'static str,
    risky: bool,
    message: &'static str,
}

/// The posture codes that are one [`RiskySwitch`] each; their rules check with [`risky_switch`].
const RISKY_SWITCHES: &[RiskySwitch] = &[
    RiskySwitch {
        code: "ECA-POSTURE-001",
        type_name: ORG_APP_SETTINGS,
        field: "enableConsumerSecretApiAccess",
        risky: true,
        message: "`enableConsumerSecretApiAccess` is `true`: Metadata API can read and write the consumer secrets of the org's apps; the control *Metadata Secrets Protection* recommends it off except while you deploy OAuth files (High risk, CVSS 7.0–8.9)",
    },
    RiskySwitch {
        code: "ECA-POSTURE-002",
        type_name: ORG_APP_SETTINGS,
        field: "enableClientSecretInRestApiAccess",
        risky: true,
        message: "`enableClientSecretInRestApiAccess` is `true`: the credentials REST API returns the consumer secrets of the org's apps; the control *REST API Secret Masking* recommends it off",
    },
    RiskySwitch {
        code: "ECA-POSTURE-006",
        type_name: GLOBAL,
        field: "isClientCredentialsFlowEnabled",
        risky: true,
        message: "`isClientCredentialsFlowEnabled` is `true`: the consumer key and secret alone get tokens that act as the run-as user; the control *Disable Client Credentials Flow* recommends the JWT bearer flow instead (High risk, CVSS 7.0–8.9)",
    },
    RiskySwitch {
        code: "ECA-POSTURE-007",
        type_name: POLICIES,
        field: "isClientCredentialsFlowEnabled",
        risky: true,
        message: "`isClientCredentialsFlowEnabled` is `true`: the client credentials flow may run in this org, as the run-as user; the control *Configure Client Credential Flow Policies* discourages it (High risk, CVSS 7.0–8.9)",
    },
    RiskySwitch {
        code: "ECA-POSTURE-008",
        type_name: GLOBAL,
        field: "isConsumerSecretOptional",
        risky: true,
        message: "`isConsumerSecretOptional` is `true`: codes are exchanged without the consumer secret; the control *Require Secret for Web Server Flow* recommends requiring it (High risk, CVSS 7.0–8.9) — for a public client that cannot keep a secret, require PKCE instead and turn this code off here",
    },
    RiskySwitch {
        code: "ECA-POSTURE-009",
        type_name: GLOBAL,
        field: "isSecretRequiredForRefreshToken",
        risky: false,
        message: "`isSecretRequiredForRefreshToken` is `false`: whoever holds a refresh token gets new access tokens without the secret; the control *Require Secret for Refresh Token Flow* recommends requiring it (High risk, CVSS 7.0–8.9)",
    },
    RiskySwitch {
        code: "ECA-POSTURE-012",
        type_name: MOBILE,
        field: "isScreenLockEnabled",
        risky: false,
        message: "the mobile app has no screen lock; the control *Mobile Screen Lock* recommends it (High risk, CVSS 7.0–8.9)",
    },
    RiskySwitch {
        code: "ECA-POSTURE-016",
        type_name: GLOBAL,
        field: "isIntrospectAllTokens",
        risky: true,
        message: "`isIntrospectAllTokens` is `true`: the app may introspect every access and refresh token of the org, not only its own",
    },
];

/// The check of every rule in [`RISKY_SWITCHES`]: the row of the rule being run decides.
fn risky_switch(context: &FileContext, findings: &mut Findings) {
    let Some(switch) = RISKY_SWITCHES
        .iter()
        .find(|switch| switch.code == findings.code())
    else {
        return;
    };
    let view = context.view;
    let field = switch.field;
    if view.type_def.name != switch.type_name || view.bool(field) != Some(switch.risky) {
        return;
    }
    let safe = if switch.risky { "false" } else { "true" };
    findings.report(view.at(field), switch.message).fix(
        format!("Set `{field}` to `{safe}`"),
        vec![view.set(field, safe)],
    );
}

const FULL_SCOPE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-003",
        default_severity: Severity::Warning,
        title: "The `Full` OAuth scope",
        explanation: "`Full` grants everything the user can reach, every other scope included, and with `RefreshToken` (or `OfflineAccess`) it keeps granting it until the refresh token is revoked. The control *Configure the External Client App OAuth Settings: OAuth Scope Least Privilege* asks for the narrowest scopes the app needs and rates the risk of broad scopes **Critical (CVSS 9.0–10.0)**. The fix removes `Full` (or, when it is the only scope, replaces it with `Api`); add the scopes the app really uses. It is unsafe: the app loses what `Full` gave it.\n\nStrict profile only.",
        example: strict!(portal_oauth!(
            "<commaSeparatedOauthScopes>Full,RefreshToken</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_oauth!(
            "<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        sources: &[SCOPE_CONTROL],
    },
    involves: &["ExtlClntAppOauthSettings.commaSeparatedOauthScopes"],
    check: Check::File(full_scope),
};

fn full_scope(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    if view.type_def.name != OAUTH_SETTINGS {
        return;
    }
    let Some(field) = view.field("commaSeparatedOauthScopes") else {
        return;
    };
    let items = list_items(&field);
    let Some(full) = items.iter().find(|item| item.text == "Full") else {
        return;
    };
    let with_refresh = if REFRESH_TOKEN_SCOPE.is_met_in(&view) {
        ", and with `RefreshToken` it keeps granting it until the refresh token is revoked"
    } else {
        ""
    };
    let is_full = |item: &ListItem| item.text == "Full";
    let rest: Vec<&str> = items
        .iter()
        .filter(|item| !is_full(item))
        .map(|item| item.text.as_str())
        .collect();
    let (title, new_value) = if rest.is_empty() {
        (
            "Replace `Full` with `Api`, then add the scopes the app uses",
            "Api".to_string(),
        )
    } else {
        // The other scopes as the file writes them; rebuilt only where their offsets are
        // unknown (entities, CDATA).
        let new_value = value_without(&field, &items, is_full).unwrap_or_else(|| rest.join(","));
        ("Remove the `Full` scope", new_value)
    };
    findings
        .report(
            full.location(&field),
            format!(
                "the `Full` scope grants everything the user can reach{with_refresh}; the control *OAuth Scope Least Privilege* asks for only the scopes the app needs (Critical risk, CVSS 9.0–10.0)"
            ),
        )
        .fix(
            title,
            vec![FileEdit::replace(&field.file.path, field.range, new_value)],
        );
}

const SELF_AUTHORIZED_SERVER_FLOW: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-004",
        default_severity: Severity::Warning,
        title: "Any user may self-authorize an app that switches on a server-side flow",
        explanation: "A server-side flow gets tokens without a user in front of a consent page: the JWT bearer flow (a `certificate` in the global OAuth settings) mints tokens for any user the server names, the token exchange flow trades another identity provider's tokens for Salesforce ones, and the client credentials flow runs as a fixed user. With `permittedUsersPolicyType` `AllSelfAuthorized`, every user of the org is within reach of such a server. The control *Configure the External Client App OAuth Settings: OAuth Scope Least Privilege* names *All users may self-authorize* as the higher-risk choice and rates the risk **Critical (CVSS 9.0–10.0)**: pre-authorize the users the server acts for instead (`AdminApprovedPreAuthorized`, with their permission sets or profiles).\n\nThe fix sets `AdminApprovedPreAuthorized`. It is unsafe: saving it makes every user who uses the app lose access until a listed permission set or profile pre-authorizes them (Salesforce's first-party flow page warns of this), so list them in the same change.\n\nStrict profile only.",
        example: strict!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeEnabled>true</isTokenExchangeEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
            ),
        ),
        fixed_example: strict!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeEnabled>true</isTokenExchangeEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Integration</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        sources: &[
            SCOPE_CONTROL,
            crate::checks::rules::sources::FIRST_PARTY_HELP,
        ],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType",
        "ExtlClntAppGlobalOauthSettings.certificate",
        "ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled",
        "ExtlClntAppGlobalOauthSettings.isTokenExchangeEnabled",
    ],
    check: Check::App(self_authorized_server_flow),
};

/// The server-side flows a global OAuth settings file switches on, in words.
fn server_flows(global: &View) -> Vec<&'static str> {
    let mut flows = Vec::new();
    if global.text("certificate").is_some() {
        flows.push("the JWT bearer flow (`certificate`)");
    }
    if global.is_true("isClientCredentialsFlowEnabled") {
        flows.push("the client credentials flow");
    }
    if global.is_true("isTokenExchangeEnabled") {
        flows.push("the token exchange flow");
    }
    flows
}

fn self_authorized_server_flow(context: &AppContext, findings: &mut Findings) {
    let Some(global) = context.component(GLOBAL) else {
        return;
    };
    let flows = server_flows(&global);
    if flows.is_empty() {
        return;
    }
    for policies in context.components(POLICIES) {
        if policies.text("permittedUsersPolicyType").as_deref() != Some("AllSelfAuthorized") {
            continue;
        }
        findings
            .report(
                policies.at("permittedUsersPolicyType"),
                format!(
                    "every user may self-authorize an app that switches on {}: the server can get tokens for any of them; the control *OAuth Scope Least Privilege* names self-authorization the higher risk (Critical, CVSS 9.0–10.0) — pre-authorize the users the server acts for",
                    crate::checks::rules::conditions::join_words(
                        &flows.iter().map(|flow| flow.to_string()).collect::<Vec<_>>()
                    )
                ),
            )
            .related(global.at_element(), "the server-side flows are switched on here")
            .fix(
                "Pre-authorize users (`AdminApprovedPreAuthorized`): every user who uses the app now loses access until a listed permission set or profile pre-authorizes them",
                vec![policies.set("permittedUsersPolicyType", "AdminApprovedPreAuthorized")],
            );
    }
}

const ID_TOKEN_DURATION: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-005",
        default_severity: Severity::Warning,
        title: "An ID token valid longer than 2 minutes",
        explanation: "An ID token proves a login to the app that receives it; the longer it is valid, the longer a stolen one can be replayed. The control *Configure the External Client App OAuth Settings: Configure ID Token* recommends a token duration of **2 minutes** (the field's default) and rates the risk **High (CVSS 7.0–8.9)**. eca-ls reports `idTokenValidityInMinutes` above 2; the fix sets it to 2 (unsafe: a client that keeps ID tokens longer must fetch new ones).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<idTokenConfig>",
            "    <idTokenValidityInMinutes>60</idTokenValidityInMinutes>",
            "</idTokenConfig>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<idTokenConfig>",
            "    <idTokenValidityInMinutes>2</idTokenValidityInMinutes>",
            "</idTokenConfig>",
            "<label>Portal</label>",
        )),
        sources: &[ID_TOKEN_CONTROL],
    },
    involves: &["ExternalAppIdTokenConfig.idTokenValidityInMinutes"],
    check: Check::File(id_token_duration),
};

fn id_token_duration(context: &FileContext, findings: &mut Findings) {
    if context.view.type_def.name != GLOBAL {
        return;
    }
    for config in context.view.nested("idTokenConfig") {
        let Some(minutes) = config
            .text("idTokenValidityInMinutes")
            .and_then(|text| text.parse::<u32>().ok())
        else {
            continue;
        };
        if minutes <= 2 {
            continue;
        }
        findings
            .report(
                config.at("idTokenValidityInMinutes"),
                format!(
                    "ID tokens stay valid {minutes} minutes: the control *Configure ID Token* recommends 2 minutes (High risk, CVSS 7.0–8.9)"
                ),
            )
            .fix(
                "Set `idTokenValidityInMinutes` to `2`",
                vec![config.set("idTokenValidityInMinutes", "2")],
            );
    }
}

const CLIENT_CREDENTIALS_GLOBAL: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-006",
        default_severity: Severity::Warning,
        title: "The client credentials flow is switched on",
        explanation: "In the client credentials flow the consumer key and secret alone get tokens that act as the run-as user, so whoever holds the secret is that user. The control *OAuth Flow Enablement: Disable Client Credentials Flow* recommends turning it off, preferring the JWT bearer flow (a signed assertion, no shared secret), and rates the risk **High (CVSS 7.0–8.9)**. eca-ls reports `isClientCredentialsFlowEnabled` `true` in the global OAuth settings; the fix sets it to `false` (unsafe: an integration that uses the flow stops working; move it to the JWT bearer flow first).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        )),
        sources: &[DISABLE_CLIENT_CREDENTIALS_CONTROL],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isClientCredentialsFlowEnabled"],
    check: Check::File(risky_switch),
};

const CLIENT_CREDENTIALS_POLICIES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-007",
        default_severity: Severity::Warning,
        title: "The OAuth policies allow the client credentials flow",
        explanation: "The app's OAuth policies decide, org by org, whether the client credentials flow may run (`isClientCredentialsFlowEnabled`, with its run-as user in `clientCredentialsFlowUser`). The control *Configure OAuth Policies: Configure Client Credential Flow Policies* discourages the flow for the same reason as ECA-POSTURE-006 and rates the risk **High (CVSS 7.0–8.9)**; where it must stay, give the run-as user the fewest permissions that work. The fix sets the policy to `false` (unsafe: the flow stops in this org).\n\nStrict profile only.",
        example: strict!(portal_policies!(
            "<clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>",
            "<label>Portal</label>",
        )),
        sources: &[CLIENT_CREDENTIALS_POLICIES_CONTROL],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled",
        "ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser",
    ],
    check: Check::File(risky_switch),
};

const SECRET_OPTIONAL: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-008",
        default_severity: Severity::Warning,
        title: "The web server flow does not require the secret",
        explanation: "`isConsumerSecretOptional` `true` lets an authorization code be exchanged without the consumer secret (Setup: *Require Secret for Web Server Flow* cleared). The control *Security: Require Secret for Web Server Flow* recommends requiring it and rates the risk **High (CVSS 7.0–8.9)**. A public client — a single-page or mobile app that cannot keep a secret — has no secret to send: for such an app keep the setting, require PKCE (ECA-ACC-004) and turn this code off for the file (`<!-- eca-ls-disable ECA-POSTURE-008 -->`). Salesforce's pages disagree on which value is the public client's; eca-ls follows the field's definition on the Metadata API page (see ECA-ACC-004). The fix sets it to `false` (unsafe: a client that sends no secret can no longer log in).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
            "<isPkceRequired>true</isPkceRequired>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isConsumerSecretOptional>false</isConsumerSecretOptional>",
            "<isPkceRequired>true</isPkceRequired>",
            "<label>Portal</label>",
        )),
        sources: &[SECRET_FOR_WEB_SERVER_CONTROL],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional"],
    check: Check::File(risky_switch),
};

const REFRESH_WITHOUT_SECRET: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-009",
        default_severity: Severity::Warning,
        title: "Refresh tokens are redeemed without the secret",
        explanation: "`isSecretRequiredForRefreshToken` `false` lets anyone who holds a refresh token get new access tokens without the consumer secret. The control *Security: Require Secret for Refresh Token Flow* recommends requiring it and rates the risk **High (CVSS 7.0–8.9)**, higher still when refresh tokens never expire (ECA-POSTURE-014). A public client has no secret to send; rotate its refresh tokens instead (ECA-POSTURE-011) and turn this code off for the file. The fix sets it to `true` (unsafe: a client that refreshes without the secret fails).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>",
            "<label>Portal</label>",
        )),
        sources: &[SECRET_FOR_REFRESH_CONTROL],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isSecretRequiredForRefreshToken"],
    check: Check::File(risky_switch),
};

const PKCE_NOT_REQUIRED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-010",
        default_severity: Severity::Warning,
        title: "An app with a callback URL that does not require PKCE",
        explanation: "PKCE binds an authorization code to the client that asked for it, so an intercepted code is useless. The control *Security: Require Proof Key for Code Exchange (PKCE)* recommends requiring it (*Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows*) and rates the risk **High (CVSS 7.0–8.9)**. eca-ls reports an app with a `callbackUrl` (or the Authorization Code and Credentials Flow on) whose global OAuth settings do not say `isPkceRequired` `true` — a missing element counts as not required (see ECA-ACC-004) — unless the org requires PKCE of every app (`isPkceRequired` in `settings/OauthOidc.settings-meta.xml`). Public clients are ECA-ACC-004's and packaged apps ECA-PKG-002's, in every profile. The fix sets `isPkceRequired` `true` (unsafe: a client that sends no `code_challenge` can no longer log in).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<callbackUrl>https://app.example.com/oauth/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<callbackUrl>https://app.example.com/oauth/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isPkceRequired>true</isPkceRequired>",
            "<label>Portal</label>",
        )),
        sources: &[PKCE_CONTROL],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isPkceRequired",
        "ExtlClntAppGlobalOauthSettings.callbackUrl",
        "OauthOidcSettings.isPkceRequired",
    ],
    check: Check::App(pkce_not_required),
};

fn is_packaged(context: &AppContext) -> bool {
    context
        .header()
        .and_then(|header| header.text("distributionState"))
        .as_deref()
        == Some("Packaged")
}

fn pkce_not_required(context: &AppContext, findings: &mut Findings) {
    if is_packaged(context)
        || context
            .org_settings(ORG_OAUTH)
            .is_some_and(|org| org.is_true("isPkceRequired"))
    {
        return;
    }
    for global in context.components(GLOBAL) {
        let uses_codes =
            global.text("callbackUrl").is_some() || global.is_true("isCodeCredFlowEnabled");
        if !uses_codes
            || global.is_true("isConsumerSecretOptional")
            || global.is_true("isPkceRequired")
        {
            continue;
        }
        let (at, state) = match global.text("isPkceRequired") {
            Some(value) => (global.at("isPkceRequired"), format!("is `{value}`")),
            None => (
                global.at("callbackUrl"),
                "is not written (a missing element counts as not required)".to_string(),
            ),
        };
        findings
            .report(
                at,
                format!(
                    "the app takes authorization codes but `isPkceRequired` {state}: an intercepted code can be redeemed; the control *Require PKCE* recommends requiring it (High risk, CVSS 7.0–8.9)"
                ),
            )
            .fix(
                "Set `isPkceRequired` to `true`",
                vec![global.set("isPkceRequired", "true")],
            );
    }
}

const NO_ROTATION: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-011",
        default_severity: Severity::Warning,
        title: "Refresh tokens without rotation",
        explanation: "With refresh token rotation each refresh returns a new refresh token and retires the old one, so a stolen refresh token works once at most and its reuse shows. The control *Security: Enable Refresh Token Rotation* recommends it and rates the risk **High (CVSS 7.0–8.9)**. eca-ls reports an app that asks for refresh tokens (`RefreshToken` or `OfflineAccess` among its scopes, and a refresh-token policy other than `Zero`) whose global OAuth settings do not say `isRefreshTokenRotationEnabled` `true`. Packaged apps are ECA-PKG-002's, in every profile. The fix switches rotation on (unsafe: a client must store the new refresh token after every refresh).\n\nStrict profile only.",
        example: strict!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: strict!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>",
                "<label>Portal</label>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api,RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[ROTATION_CONTROL],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled",
        "ExtlClntAppOauthSettings.commaSeparatedOauthScopes",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType",
    ],
    check: Check::App(no_rotation),
};

/// Whether the app asks for refresh tokens and its policies let them live: the needs of the
/// refresh token rotation flow, read the same way.
fn issues_refresh_tokens(context: &AppContext) -> bool {
    let asks = context
        .components(OAUTH_SETTINGS)
        .iter()
        .any(|oauth| REFRESH_TOKEN_SCOPE.is_met_in(oauth));
    let live = context
        .component(POLICIES)
        .is_none_or(|policies| REFRESH_TOKENS_LIVE.is_met_in(&policies));
    asks && live
}

fn no_rotation(context: &AppContext, findings: &mut Findings) {
    if is_packaged(context) || !issues_refresh_tokens(context) {
        return;
    }
    for global in context.components(GLOBAL) {
        if global.is_true("isRefreshTokenRotationEnabled") {
            continue;
        }
        findings
            .report(
                global.at("isRefreshTokenRotationEnabled"),
                "the app gets refresh tokens but does not rotate them: a stolen refresh token keeps working; the control *Enable Refresh Token Rotation* recommends it (High risk, CVSS 7.0–8.9)",
            )
            .fix(
                "Set `isRefreshTokenRotationEnabled` to `true`",
                vec![global.set("isRefreshTokenRotationEnabled", "true")],
            );
    }
}

const NO_SCREEN_LOCK: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-012",
        default_severity: Severity::Warning,
        title: "A mobile app without a screen lock",
        explanation: "`isScreenLockEnabled` `false` in the app's mobile settings lets anyone holding an unlocked-then-idle device use the app. The control *Mobile App Settings: Mobile Screen Lock* recommends selecting *Screen lock* and rates the risk **High (CVSS 7.0–8.9)**; the mobile policies' `screenLockTimeout` then sets how soon it locks. The fix sets it to `true` (unsafe: users are asked to unlock the app).\n\nStrict profile only.",
        example: strict!(component_file!(
            "extlClntAppMobileSettings",
            "Portal.ecaMobile-meta.xml",
            "ExtlClntAppMobileSettings",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isScreenLockEnabled>false</isScreenLockEnabled>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(component_file!(
            "extlClntAppMobileSettings",
            "Portal.ecaMobile-meta.xml",
            "ExtlClntAppMobileSettings",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isScreenLockEnabled>true</isScreenLockEnabled>",
            "<label>Portal</label>",
        )),
        sources: &[SCREEN_LOCK_CONTROL],
    },
    involves: &["ExtlClntAppMobileSettings.isScreenLockEnabled"],
    check: Check::File(risky_switch),
};

const CALLBACK_URL: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-013",
        default_severity: Severity::Warning,
        title: "A callback URL over plain http or with a wildcard",
        explanation: "The callback URL is where Salesforce sends authorization codes and, in some flows, tokens. Over plain `http://` anyone on the network path can read them; a wildcard (`*`) lets one registration match URLs the app does not own. OAuth 2.0 Security Best Current Practice (RFC 9700, §2.1) asks for exact redirect URIs compared as strings and forbids plain HTTP except to the loopback interface; native apps may use a loopback redirect on any port (RFC 8252, §7.3), so `http://localhost`, `http://127.0.0.1` and `http://[::1]` are not reported, with or without a `*` port. No Salesforce control page rates this risk. The fix for plain `http://` switches the URL to `https://` (unsafe: the app must serve that URL); a wildcard has no fix, since only you know the exact URLs.\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<callbackUrl>http://app.example.com/oauth/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<callbackUrl>https://app.example.com/oauth/callback",
            "http://localhost:1717/OauthRedirect</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        sources: &[RFC_9700, RFC_8252_LOOPBACK, GLOBAL_PAGE],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.callbackUrl"],
    check: Check::File(callback_url),
};

/// A URL after its scheme, split into host, port and the rest (path, query, fragment); any
/// `user@` is cut off.
fn split_authority(rest: &str) -> (&str, &str, &str) {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    let authority = authority.rsplit('@').next().unwrap_or_default();
    if let Some(inner) = authority.strip_prefix('[') {
        // An IPv6 literal: `[::1]:8080`.
        let (host, after) = inner.split_once(']').unwrap_or((inner, ""));
        return (host, after.trim_start_matches(':'), path);
    }
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    (host, port, path)
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "::1"
}

/// What is wrong with one callback URL, if anything, and whether `https` would fix it.
fn callback_problem(url: &str) -> Option<(String, bool)> {
    let lower = url.to_ascii_lowercase();
    let (plain_http, rest) = if let Some(rest) = lower.strip_prefix("http://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("https://") {
        (false, rest)
    } else {
        // A custom scheme (`myapp://callback`) of a native app: neither rule applies.
        return None;
    };
    let (host, port, path) = split_authority(rest);
    let loopback = is_loopback(host);
    // A loopback redirect may take any port (RFC 8252, §7.3): a `*` port there is fine.
    let any_loopback_port = loopback && port.contains('*') && !path.contains('*');
    if url.contains('*') && !any_loopback_port {
        return Some((
            format!(
                "`{url}` has a wildcard: it matches URLs the app may not own (RFC 9700 asks for exact redirect URIs)"
            ),
            false,
        ));
    }
    if plain_http && !loopback {
        return Some((
            format!(
                "`{url}` sends authorization codes over plain http, readable on the network path (RFC 9700 allows http only to the loopback interface)"
            ),
            true,
        ));
    }
    None
}

fn callback_url(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    if view.type_def.name != GLOBAL {
        return;
    }
    let Some(field) = view.field("callbackUrl") else {
        return;
    };
    let raw = field.range.slice(&field.file.text);
    // The offsets of each URL are known only where the file spells the value plainly.
    let plain = raw == field.value;
    let mut offset = 0;
    for url in field.value.split(|c: char| c.is_whitespace() || c == ',') {
        let start = field.value[offset..].find(url).map(|at| at + offset);
        if let Some(start) = start {
            offset = start + url.len();
        }
        if url.is_empty() {
            continue;
        }
        let Some((message, https_fixes)) = callback_problem(url) else {
            continue;
        };
        let (at, edit) = match (plain, start) {
            (true, Some(start)) => {
                let begin = field.range.start + start;
                let range = eca_syntax::TextRange::new(begin, begin + url.len());
                let edit = FileEdit::replace(
                    &field.file.path,
                    eca_syntax::TextRange::new(begin, begin + "http".len()),
                    "https",
                );
                (range, Some(edit))
            }
            _ => (field.range, None),
        };
        let diagnostic = findings.report(
            crate::checks::rules::Location {
                path: field.file.path.clone(),
                range: at,
            },
            message,
        );
        if let (true, Some(edit)) = (https_fixes, edit) {
            diagnostic.fix("Use `https://`", vec![edit]);
        }
    }
}

const INFINITE_REFRESH_TOKENS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-014",
        default_severity: Severity::Warning,
        title: "Refresh tokens valid until revoked",
        explanation: "`refreshTokenPolicyType` `Infinite` (*Refresh token is valid until revoked*) keeps a refresh token working forever, however long it sits unused. The control *Security: Require Secret for Refresh Token Flow* names refresh tokens with \"an indefinite lifespan\" among its higher-risk cases (High, CVSS 7.0–8.9), and Salesforce's idle refresh-token limit (*Limit the Idle Refresh Token TTL*, required of partner apps from 2026) replaces the policy with *Expire refresh token if not used for specific time*, 30 days — in the org, without updating the app's metadata, so a retrieved file can still say `Infinite` while the org behaves as 30 days of inactivity. The fix writes what the limit makes of it: `SpecificInactivity`, 30 `Days` (unsafe: tokens unused for 30 days stop working).\n\nStrict profile only.",
        example: strict!(portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>Infinite</refreshTokenPolicyType>",
        )),
        fixed_example: strict!(portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
        )),
        sources: &[SECRET_FOR_REFRESH_CONTROL, IDLE_TTL_PAGE, POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityPeriod",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityUnit",
    ],
    check: Check::File(infinite_refresh_tokens),
};

fn infinite_refresh_tokens(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    let field = "refreshTokenPolicyType";
    if view.type_def.name != POLICIES || view.text(field).as_deref() != Some("Infinite") {
        return;
    }
    findings
        .report(
            view.at(field),
            "refresh tokens stay valid until revoked, however long they sit unused; the control *Require Secret for Refresh Token Flow* names an indefinite lifespan a higher risk (High, CVSS 7.0–8.9), and with the idle refresh-token limit on, the org treats this policy as 30 days of inactivity without updating this file",
        )
        .fix(
            "Expire refresh tokens after 30 days unused (`SpecificInactivity`, 30 `Days`)",
            view.set_fields(&[
                (field, "SpecificInactivity"),
                ("refreshTokenValidityPeriod", "30"),
                ("refreshTokenValidityUnit", "Days"),
            ]),
        );
}

const IP_RELAXATION: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-015",
        default_severity: Severity::Warning,
        title: "Relaxed IP restrictions on a user-facing app",
        explanation: "`ipRelaxationPolicyType` decides whether the org's and the user's profile IP restrictions apply to the app: `Enforce` applies them, `Bypass` lifts them, `Bypass_2factor` lifts them after a second factor, and `Enforce_relaxrefresh` lifts them when a refresh token is redeemed. The IP Relaxation control (*Manage OAuth Access Policies*: IP Relaxation Control, the same Setup option for connected apps; the External Client App series has no page of its own for it) recommends enforcing them and rates the risk **Medium to High (CVSS 6.0–8.5)**. A server-side or headless integration may need relaxation where it runs from changing addresses, so eca-ls reports a relaxed value only on an app that switches on none of the client credentials, JWT bearer, token exchange or Authorization Code and Credentials flows. The fix sets `Enforce` (unsafe: users outside the allowed ranges can no longer use the app).\n\nStrict profile only.",
        example: strict!(
            portal_global!(
                "<callbackUrl>https://app.example.com/oauth/callback</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: strict!(
            portal_global!(
                "<callbackUrl>https://app.example.com/oauth/callback</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[IP_RELAXATION_CONTROL, POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType",
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
    ],
    check: Check::App(ip_relaxation),
};

fn ip_relaxation(context: &AppContext, findings: &mut Findings) {
    // Without the global settings the app's flows are unknown: say nothing.
    let Some(global) = context.component(GLOBAL) else {
        return;
    };
    if !server_flows(&global).is_empty() || global.is_true("isCodeCredFlowEnabled") {
        return;
    }
    for policies in context.components(POLICIES) {
        let field = "ipRelaxationPolicyType";
        let Some(value) = policies.text(field) else {
            continue;
        };
        let what = match &*value {
            "Bypass" => "lifts the IP restrictions",
            "Bypass_2factor" => "lifts the IP restrictions after a second factor",
            "Enforce_relaxrefresh" | "Enforce_RelaxRefresh" => {
                "lifts the IP restrictions whenever a refresh token is redeemed"
            }
            _ => continue,
        };
        findings
            .report(
                policies.at(field),
                format!(
                    "`{value}` {what} for an app whose users log in interactively; the IP Relaxation control recommends enforcing them (Medium to High risk, CVSS 6.0–8.5)"
                ),
            )
            .fix("Set `ipRelaxationPolicyType` to `Enforce`", vec![policies.set(field, "Enforce")]);
    }
}

const INTROSPECT_ALL: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-016",
        default_severity: Severity::Warning,
        title: "The app may introspect every token of the org",
        explanation: "`isIntrospectAllTokens` `true` \"authorizes the external app to introspect all access and refresh tokens\" (the global OAuth settings page), not only its own: the app learns who holds which token of every app in the org. Few apps need it; a gateway that validates other apps' tokens is one. No Salesforce control page rates it. The fix sets it to `false` (unsafe: an introspection of another app's token fails).\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isIntrospectAllTokens>true</isIntrospectAllTokens>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isIntrospectAllTokens>false</isIntrospectAllTokens>",
            "<label>Portal</label>",
        )),
        sources: &[GLOBAL_PAGE],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isIntrospectAllTokens"],
    check: Check::File(risky_switch),
};

const GLOBAL_IN_SOURCE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-POSTURE-017",
        default_severity: Severity::Warning,
        title: "Global OAuth settings tracked in a package directory",
        explanation: "The global OAuth settings \"include private and sensitive OAuth consumer information that can't be packaged and must not be added to source control\" (the ExtlClntAppGlobalOauthSettings page). ECA-SEC-001 reports a secret value in the file; this code reports the file itself, because its consumer key, callback URLs and certificate still describe how to reach the app, and a later retrieve writes the secret back into it. Keep the file out of the repository (`.gitignore` and `.forceignore`) and deploy it from a secure store when needed. There is no quick fix: moving a file out of source control is not an edit of its text.\n\nStrict profile only.",
        example: strict!(portal_global!(
            "<callbackUrl>https://app.example.com/oauth/callback</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        fixed_example: strict!(portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        )),
        sources: &[GLOBAL_PAGE, METADATA_SECRETS_CONTROL],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.*"],
    check: Check::File(global_in_source),
};

fn global_in_source(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    if view.type_def.name != GLOBAL {
        return;
    }
    findings.report(
        view.at_element(),
        "the global OAuth settings must not be added to source control, as their page says: keep this file out of the repository (`.gitignore`, `.forceignore`) and deploy it from a secure store",
    );
}

const PARTNER_REQUIREMENTS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PKG-002",
        default_severity: Severity::Warning,
        title: "A packaged app without PKCE or refresh token rotation (2026 partner requirements)",
        explanation: "Salesforce's 2026 OAuth security requirements for partners (*Secure Your Connected Apps and External Client Apps*) apply to \"any Connected App or External Client App (ECA) that is included or used in connection with a Partner Application, provided or created by the Partner, and in use by more than two customer production orgs\". They require **PKCE** (\"After PKCE is enabled, partners won't be permitted to disable\" it), **refresh token rotation**, a **30-day idle refresh-token limit** and a **refresh-token IP allowlist**.\n\neca-ls reports an app whose header says `distributionState` `Packaged` when its global OAuth settings do not say `isPkceRequired` `true` or `isRefreshTokenRotationEnabled` `true` (a missing element counts as off). The idle limit shows in no documented field (Salesforce writes `isEnforceRefreshTokenTTL`, which eca-ls reports as undocumented) and the IP allowlist in no field at all, so neither is checked. Whether the app is used in more than two customer production orgs is not in the files either: a packaged app for your own orgs can turn this code off in `eca-ls.toml`. The fixes switch each setting on; they are unsafe (PKCE stops clients that send no `code_challenge`, and cannot be switched off again once the requirement applies; rotation makes clients store each new refresh token).\n\nA **warning** in every profile, as the requirements are mandatory for the apps they cover.",
        example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isPkceRequired>true</isPkceRequired>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isPkceRequired>true</isPkceRequired>",
                "<isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[PARTNER_REQUIREMENTS_PAGE, IDLE_TTL_PAGE],
    },
    involves: &[
        "ExternalClientApplication.distributionState",
        "ExtlClntAppGlobalOauthSettings.isPkceRequired",
        "ExtlClntAppGlobalOauthSettings.isRefreshTokenRotationEnabled",
    ],
    check: Check::App(partner_requirements),
};

fn partner_requirements(context: &AppContext, findings: &mut Findings) {
    let Some(header) = context.header() else {
        return;
    };
    if header.text("distributionState").as_deref() != Some("Packaged") {
        return;
    }
    for global in context.components(GLOBAL) {
        for (field, what, consequence) in [
            (
                "isPkceRequired",
                "PKCE",
                "clients that send no `code_challenge` can no longer log in, and a partner cannot switch it off again",
            ),
            (
                "isRefreshTokenRotationEnabled",
                "refresh token rotation",
                "clients must store the new refresh token after every refresh",
            ),
        ] {
            if global.is_true(field) {
                continue;
            }
            let state = match global.text(field) {
                Some(value) => format!("`{field}` is `{value}`"),
                None => format!("`{field}` is not written (counted as off)"),
            };
            findings
                .report(
                    global.at(field),
                    format!(
                        "the app is packaged, and Salesforce's 2026 OAuth requirements for partner apps (used in more than two customer production orgs) make {what} mandatory: {state}"
                    ),
                )
                .related(header.at("distributionState"), "the app is packaged here")
                .fix(
                    format!("Set `{field}` to `true` ({consequence})"),
                    vec![global.set(field, "true")],
                );
        }
    }
}

#[cfg(test)]
mod tests;
