//! Rules on JWT-based access tokens: the guest flow's need for JWT tokens and for the
//! Authorization Code and Credentials Flow, the guest and named-user token lifetimes, and the
//! settings that only apply to one kind of token.

use crate::checks::rules::conditions::{
    self, GLOBAL, GUEST_CUSTOM_TIMEOUT, GUEST_NEEDS_CODE_CREDENTIALS, JWT_ACCESS_TOKENS,
    NAMED_USER_CUSTOM_TIMEOUT, Need, POLICIES, Status, portal_global, portal_policies,
};
use crate::checks::rules::sources::{GLOBAL_PAGE, POLICIES_PAGE, SPRING_26_POLICIES_PAGE};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::{self, CodeInfo};
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;

const GUEST_FLOW_PAGE: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_public_clients.htm";
const GUEST_EXTENSION_PAGE: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_extension.htm";

/// The timeout a fix inserts under `Custom`: the longest lifetime every API version that has
/// the field accepts.
const DEFAULT_CUSTOM_TIMEOUT: &str = "30";

pub(super) const RULES: &[Rule] = &[
    GUEST_FLOW_NEEDS_JWT,
    GUEST_FLOW_NEEDS_CODE_CREDENTIALS,
    GUEST_TIMEOUT_IGNORED,
    GUEST_TIMEOUT_MISSING,
    GUEST_TIMEOUT_VALUES,
    NAMED_USER_TIMEOUT_IGNORED,
    NAMED_USER_TIMEOUT_MISSING,
    NAMED_USER_TIMEOUT_VALUES,
    SESSION_TIMEOUT_TYPE_VERSION,
    JWT_LIFETIME_WITH_OPAQUE_TOKENS,
    SESSION_TIMEOUT_WITH_JWT,
    POLICY_JWT_SWITCH_DEPRECATED,
];

/// A JWT lifetime setting: the type that chooses how the lifetime is set, and the timeout that
/// `Custom` uses.
struct TimeoutPair {
    /// Whose tokens, in words: `guest`, `named-user`.
    whose: &'static str,
    type_field: &'static str,
    timeout_field: &'static str,
    /// The timeout as a need of a `Custom` type, shared with flow readiness.
    custom_timeout: Need,
}

const GUEST: TimeoutPair = TimeoutPair {
    whose: "guest",
    type_field: "guestJwtSessionTimeoutType",
    timeout_field: "guestJwtTimeout",
    custom_timeout: GUEST_CUSTOM_TIMEOUT,
};

const NAMED_USER: TimeoutPair = TimeoutPair {
    whose: "named-user",
    type_field: "namedUserJwtSessionTimeoutType",
    timeout_field: "namedUserJwtTimeout",
    custom_timeout: NAMED_USER_CUSTOM_TIMEOUT,
};

const GUEST_FLOW_NEEDS_JWT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-001",
        default_severity: Severity::Warning,
        title: "The guest flow needs JWT-based access tokens",
        explanation: "`isGuestCodeCredFlowEnabled` lets guest users get a JWT access token carrying a unique visitor id (UVID). Salesforce issues those only when the app issues JWT-based access tokens, which `isNamedUserJwtEnabled` in the app's global OAuth settings switches on; with opaque tokens the guest flow fails at run time. Turn on `isNamedUserJwtEnabled` in the global OAuth settings. When the project does not contain the global OAuth settings (teams often keep them out of source control because they hold the consumer secret), eca-ls does not guess: it leaves an information note naming the setting to check in the org.",
        example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[POLICIES_PAGE, GUEST_FLOW_PAGE, GUEST_EXTENSION_PAGE],
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
        conditions::report_need(
            findings,
            context,
            policies.at("isGuestCodeCredFlowEnabled"),
            JWT_ACCESS_TOKENS,
            || {
                format!(
                    "the guest flow needs JWT-based access tokens; the project has no global OAuth settings for `{}`, so check that `isNamedUserJwtEnabled` (Issue JWT-based access tokens) is on in the org",
                    context.app.name
                )
            },
            |unmet| {
                format!(
                    "the guest flow is on but the app issues opaque tokens: {}; guest users need JWT-based access tokens",
                    unmet.describe()
                )
            },
            "JWT-based access tokens are off here",
        );
    }
}

const GUEST_FLOW_NEEDS_CODE_CREDENTIALS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-002",
        default_severity: Severity::Warning,
        title: "The guest flow needs the Authorization Code and Credentials Flow",
        explanation: "The headless guest flow is a variation of the Authorization Code and Credentials Flow: the guest's request goes to the same authorize endpoint with `response_type=code_credentials`. So `isGuestCodeCredFlowEnabled` in the OAuth policies also needs `isCodeCredFlowEnabled` `true` in the app's global OAuth settings (and the org must allow the flow, see ECA-ACC-001). Salesforce's pages present the guest flow as that variation without spelling this dependency out, which is why the rule is marked as inferred; it stays a warning because without the base flow no guest request can succeed. The quick fix turns the flow on in the global OAuth settings. Without those settings in the project, eca-ls leaves an information note instead of guessing.",
        example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>false</isCodeCredFlowEnabled>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[GUEST_FLOW_PAGE, GLOBAL_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.isGuestCodeCredFlowEnabled",
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
    ],
    check: Check::App(guest_flow_needs_code_credentials),
};

fn guest_flow_needs_code_credentials(context: &AppContext, findings: &mut Findings) {
    for policies in context.components(POLICIES) {
        if !policies.is_true("isGuestCodeCredFlowEnabled") {
            continue;
        }
        conditions::report_need(
            findings,
            context,
            policies.at("isGuestCodeCredFlowEnabled"),
            GUEST_NEEDS_CODE_CREDENTIALS,
            || {
                format!(
                    "the guest flow is a variation of the Authorization Code and Credentials Flow; the project has no global OAuth settings for `{}`, so check that `isCodeCredFlowEnabled` (Enable Authorization Code and Credentials Flow) is on in the org",
                    context.app.name
                )
            },
            |unmet| {
                format!(
                    "the guest flow is a variation of the Authorization Code and Credentials Flow, which is off for the app: {}",
                    unmet.describe()
                )
            },
            "the switch of the base flow",
        );
    }
}

const GUEST_TIMEOUT_IGNORED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-GUEST-OMIT",
        default_severity: Severity::Warning,
        title: "guestJwtTimeout is ignored when the timeout type is UserSession",
        explanation: "With `guestJwtSessionTimeoutType` set to `UserSession`, guest JWT access tokens live as long as the user's session and Salesforce ignores `guestJwtTimeout`; the documentation says to leave it out. A value there suggests the author expected it to apply. Either remove `guestJwtTimeout` or switch the type to `Custom` so that it does apply. It is a warning rather than an error because whether a deploy rejects it is unconfirmed.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>",
            "<guestJwtTimeout>30</guestJwtTimeout>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
            "<guestJwtTimeout>30</guestJwtTimeout>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE, SPRING_26_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.guestJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.guestJwtSessionTimeoutType",
    ],
    check: Check::File(guest_timeout_ignored),
};

fn guest_timeout_ignored(context: &FileContext, findings: &mut Findings) {
    timeout_ignored(&GUEST, context, findings);
}

const GUEST_TIMEOUT_MISSING: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-GUEST-NEED",
        default_severity: Severity::Warning,
        title: "guestJwtSessionTimeoutType is Custom but guestJwtTimeout is missing",
        explanation: "`guestJwtSessionTimeoutType` `Custom` says guest JWT access tokens get a lifetime of their own, and `guestJwtTimeout` is that lifetime in minutes. Without it the custom lifetime is undefined and Salesforce's behavior is not documented, so the tokens may not live as long as you expect. Set `guestJwtTimeout` (the quick fix inserts 30 minutes, accepted by every API version; pick the value you need) or choose `UserSession`. The docs only say the timeout is used with `Custom`; that it must then be present is inferred, which is why this is a warning.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
            "<guestJwtTimeout>30</guestJwtTimeout>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.guestJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.guestJwtSessionTimeoutType",
    ],
    check: Check::File(guest_timeout_missing),
};

fn guest_timeout_missing(context: &FileContext, findings: &mut Findings) {
    timeout_missing(&GUEST, context, findings);
}

const GUEST_TIMEOUT_VALUES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-GUEST-VALUES",
        default_severity: Severity::Error,
        title: "guestJwtTimeout accepts only listed values",
        explanation: "`guestJwtTimeout` is a lifetime in minutes from a fixed list: 1, 5, 10, 15 and 30 from API 61.0, and also 60, 90, 120, 240, 480 and 720 from API 65.0. Any other number fails the deploy. The structural code `invalid-value` reports a value outside the list, and `api-version` reports a value newer than the project's API version; this rule documents the list.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
            "<guestJwtTimeout>45</guestJwtTimeout>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>",
            "<guestJwtTimeout>60</guestJwtTimeout>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE, SPRING_26_POLICIES_PAGE],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.guestJwtTimeout"],
    check: Check::Structural(codes::INVALID_VALUE),
};

const NAMED_USER_TIMEOUT_IGNORED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-NAMEDUSER-OMIT",
        default_severity: Severity::Warning,
        title: "namedUserJwtTimeout is ignored when the timeout type is UserSession",
        explanation: "With `namedUserJwtSessionTimeoutType` set to `UserSession`, the JWT access tokens of logged-in users live as long as the user's session and Salesforce ignores `namedUserJwtTimeout`; the documentation says to leave it out. A value there suggests the author expected it to apply. Either remove `namedUserJwtTimeout` or switch the type to `Custom` so that it does apply. It is a warning rather than an error because whether a deploy rejects it is unconfirmed.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>UserSession</namedUserJwtSessionTimeoutType>",
            "<namedUserJwtTimeout>15</namedUserJwtTimeout>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>UserSession</namedUserJwtSessionTimeoutType>",
        ),
        sources: &[POLICIES_PAGE, SPRING_26_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtSessionTimeoutType",
    ],
    check: Check::File(named_user_timeout_ignored),
};

fn named_user_timeout_ignored(context: &FileContext, findings: &mut Findings) {
    timeout_ignored(&NAMED_USER, context, findings);
}

const NAMED_USER_TIMEOUT_MISSING: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-NAMEDUSER-NEED",
        default_severity: Severity::Warning,
        title: "namedUserJwtSessionTimeoutType is Custom but namedUserJwtTimeout is missing",
        explanation: "`namedUserJwtSessionTimeoutType` `Custom` says the JWT access tokens of logged-in users get a lifetime of their own, and `namedUserJwtTimeout` is that lifetime in minutes. Without it the custom lifetime is undefined and Salesforce's behavior is not documented. Set `namedUserJwtTimeout` (the quick fix inserts 30 minutes, accepted by every API version; pick the value you need) or choose `UserSession`. The docs only say the timeout is used with `Custom`; that it must then be present is inferred, which is why this is a warning.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
            "<namedUserJwtTimeout>30</namedUserJwtTimeout>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtSessionTimeoutType",
    ],
    check: Check::File(named_user_timeout_missing),
};

fn named_user_timeout_missing(context: &FileContext, findings: &mut Findings) {
    timeout_missing(&NAMED_USER, context, findings);
}

const NAMED_USER_TIMEOUT_VALUES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-NAMEDUSER-VALUES",
        default_severity: Severity::Error,
        title: "namedUserJwtTimeout accepts only listed values",
        explanation: "`namedUserJwtTimeout` is a lifetime in minutes from a fixed list: 1, 5, 10, 15 and 30 from API 61.0, and also 60, 90, 120, 240, 480 and 720 from API 65.0. Any other number fails the deploy. The structural code `invalid-value` reports a value outside the list, and `api-version` reports a value newer than the project's API version; this rule documents the list.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
            "<namedUserJwtTimeout>20</namedUserJwtTimeout>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
            "<namedUserJwtTimeout>15</namedUserJwtTimeout>",
        ),
        sources: &[POLICIES_PAGE, SPRING_26_POLICIES_PAGE],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.namedUserJwtTimeout"],
    check: Check::Structural(codes::INVALID_VALUE),
};

const SESSION_TIMEOUT_TYPE_VERSION: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-002b",
        default_severity: Severity::Warning,
        title: "The JWT session timeout types exist only from API 65.0",
        explanation: "`guestJwtSessionTimeoutType` and `namedUserJwtSessionTimeoutType` came with API 65.0 (Winter '26). A project that deploys with an older API version does not know them, and the deploy may fail. The structural code `api-version` reports them against the project's API version (from `sfdx-project.json`, `package.xml`, `eca-ls.toml` or `--api-version`); raise the version or remove the fields.",
        example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"64.0\" }\n",
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"65.0\" }\n",
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.guestJwtSessionTimeoutType",
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtSessionTimeoutType",
    ],
    check: Check::Structural(codes::API_VERSION),
};

const JWT_LIFETIME_WITH_OPAQUE_TOKENS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-003",
        default_severity: Severity::Information,
        title: "JWT token lifetimes set while the app issues opaque tokens",
        explanation: "`guestJwtTimeout`, `namedUserJwtTimeout` and a `Custom` session timeout type shape the lifetime of JWT-based access tokens, which the app only issues when `isNamedUserJwtEnabled` is `true` in its global OAuth settings. With opaque tokens these settings have no effect; one practitioner also reports an *Invalid plugin settings* deploy error for them (unconfirmed). A `UserSession` type alone is not reported: Salesforce writes it into every retrieved file. For guest settings while the guest flow is on, ECA-JWT-001 tells the fuller story. It is information because nothing breaks; the quick fixes remove the lifetime or turn JWT-based tokens on (a bigger change: tokens then look different to every API client). Without the global OAuth settings in the project nothing is reported: the lifetime may well apply, and since nothing breaks either way, not even a note is worth the noise.",
        example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
                "<namedUserJwtTimeout>15</namedUserJwtTimeout>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
                "<namedUserJwtTimeout>15</namedUserJwtTimeout>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.namedUserJwtSessionTimeoutType",
        "ExtlClntAppOauthConfigurablePolicies.guestJwtTimeout",
        "ExtlClntAppOauthConfigurablePolicies.guestJwtSessionTimeoutType",
        "ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled",
    ],
    check: Check::App(jwt_lifetime_with_opaque_tokens),
};

fn jwt_lifetime_with_opaque_tokens(context: &AppContext, findings: &mut Findings) {
    for policies in context.components(POLICIES) {
        let guest_flow_on = policies.is_true("isGuestCodeCredFlowEnabled");
        for pair in [&GUEST, &NAMED_USER] {
            // With the guest flow on, ECA-JWT-001 tells the fuller story.
            if guest_flow_on && pair.whose == GUEST.whose {
                continue;
            }
            let Some(at) = configured_lifetime(&policies, pair) else {
                continue;
            };
            // Nothing breaks either way, so a missing global file earns no note.
            let Status::Unmet(unmet) = JWT_ACCESS_TOKENS.evaluate(context) else {
                continue;
            };
            let mut remove = policies.remove(pair.timeout_field);
            if policies.text(pair.type_field).as_deref() == Some("Custom") {
                remove.extend(policies.remove(pair.type_field));
            }
            let diagnostic = findings
                .report(
                    at,
                    format!(
                        "the {} JWT lifetime (`{}`, `{}`) has no effect: the app issues opaque access tokens because {}",
                        pair.whose,
                        pair.type_field,
                        pair.timeout_field,
                        unmet.describe()
                    ),
                )
                .related(unmet.location(), "JWT-based access tokens are off here")
                .tag(DiagnosticTag::Unnecessary)
                .ignored_setting_removal(
                    format!("Remove the {} JWT lifetime", pair.whose),
                    remove,
                    false,
                );
            conditions::attach_fix(diagnostic, unmet.fix(), false);
        }
    }
}

/// Where a JWT lifetime is configured in the policies: the timeout when set, else a `Custom`
/// type. `None` when neither is there (a lone `UserSession` is what retrieve writes).
fn configured_lifetime(
    policies: &View,
    pair: &TimeoutPair,
) -> Option<crate::checks::rules::Location> {
    if policies.text(pair.timeout_field).is_some() {
        return Some(policies.at(pair.timeout_field));
    }
    if policies.text(pair.type_field).as_deref() == Some("Custom") {
        return Some(policies.at(pair.type_field));
    }
    None
}

const SESSION_TIMEOUT_WITH_JWT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-004",
        default_severity: Severity::Information,
        title: "sessionTimeoutInMinutes has no effect on JWT-based access tokens",
        explanation: "`sessionTimeoutInMinutes` in the OAuth policies sets how long a session started through the app lasts, but Salesforce applies it only to opaque access tokens. When the app issues JWT-based access tokens (`isNamedUserJwtEnabled` `true` in the global OAuth settings), their lifetime comes from `namedUserJwtSessionTimeoutType` and `namedUserJwtTimeout` instead. It is information: nothing breaks, the setting just does nothing. When the project has no global OAuth settings there is nothing to report, since the setting may well apply.",
        example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<sessionTimeoutInMinutes>120</sessionTimeoutInMinutes>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<namedUserJwtSessionTimeoutType>Custom</namedUserJwtSessionTimeoutType>",
                "<namedUserJwtTimeout>120</namedUserJwtTimeout>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.sessionTimeoutInMinutes",
        "ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled",
    ],
    check: Check::App(session_timeout_with_jwt),
};

fn session_timeout_with_jwt(context: &AppContext, findings: &mut Findings) {
    let Some(global) = context.component(GLOBAL) else {
        return;
    };
    if !JWT_ACCESS_TOKENS.is_met_in(&global) {
        return;
    }
    for policies in context.components(POLICIES) {
        let Some(timeout) = policies.field("sessionTimeoutInMinutes") else {
            continue;
        };
        if timeout.value.is_empty() {
            continue;
        }
        let remove = policies.remove("sessionTimeoutInMinutes");
        findings
            .report(
                timeout.location(),
                format!(
                    "`sessionTimeoutInMinutes` ({}) has no effect: the app issues JWT-based access tokens (`isNamedUserJwtEnabled` is `true` in {}), whose lifetime `namedUserJwtSessionTimeoutType` and `namedUserJwtTimeout` set",
                    timeout.value,
                    crate::model::file_kind::file_name(global.path())
                ),
            )
            .related(
                global.at("isNamedUserJwtEnabled"),
                "JWT-based access tokens are on here",
            )
            .tag(DiagnosticTag::Unnecessary)
            .preferred_fix("Remove `sessionTimeoutInMinutes`", remove);
    }
}

const POLICY_JWT_SWITCH_DEPRECATED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-JWT-005",
        default_severity: Severity::Information,
        title: "The OAuth policies' isNamedUserJwtEnabled is deprecated",
        explanation: "The JWT switch moved from the OAuth policies to the global OAuth settings: `ExtlClntAppOauthConfigurablePolicies.isNamedUserJwtEnabled` is deprecated from API 66.0, and `ExtlClntAppGlobalOauthSettings.isNamedUserJwtEnabled` decides whether the app issues JWT-based access tokens. The policies' page adds that \"if this field is available, it means that the isNamedUserJwtEnabled field in the ExtlClntAppGlobalOauthSettings type is set to true\": Salesforce itself writes the old field into every retrieved policies file of an app whose global switch is on. So the structural code `deprecated` reports it as **information** (not the warning other deprecated fields get): the file is as Salesforce wrote it; set the global field, and drop the old one if you like.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.isNamedUserJwtEnabled"],
    check: Check::Structural(codes::DEPRECATED),
};

/// A timeout set while its type is `UserSession`: ignored.
fn timeout_ignored(pair: &TimeoutPair, context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text(pair.type_field).as_deref() != Some("UserSession")
    {
        return;
    }
    let Some(timeout) = policies.field(pair.timeout_field) else {
        return;
    };
    let remove = policies.remove(pair.timeout_field);
    findings
        .report(
            timeout.location(),
            format!(
                "`{}` ({}) is ignored because `{}` is `UserSession`: {} tokens follow the user's session",
                pair.timeout_field,
                if timeout.value.is_empty() {
                    "empty"
                } else {
                    &timeout.value
                },
                pair.type_field,
                pair.whose
            ),
        )
        .related(
            policies.at(pair.type_field),
            "the timeout type that makes it ignored",
        )
        .tag(DiagnosticTag::Unnecessary)
        .ignored_setting_removal(format!("Remove `{}`", pair.timeout_field), remove, true)
        .fix(
            format!(
                "Set `{}` to `Custom` so the timeout applies",
                pair.type_field
            ),
            vec![policies.set(pair.type_field, "Custom")],
        );
}

/// A `Custom` type without its timeout.
fn timeout_missing(pair: &TimeoutPair, context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text(pair.type_field).as_deref() != Some("Custom")
        || pair.custom_timeout.is_met_in(&policies)
    {
        return;
    }
    findings
        .report(
            policies.at(pair.type_field),
            format!(
                "`{}` is `Custom` but `{}` is not set: the custom lifetime of {} tokens is undefined",
                pair.type_field, pair.timeout_field, pair.whose
            ),
        )
        .preferred_fix(
            format!(
                "Set `{}` to {DEFAULT_CUSTOM_TIMEOUT} minutes",
                pair.timeout_field
            ),
            vec![policies.set(pair.timeout_field, DEFAULT_CUSTOM_TIMEOUT)],
        )
        .fix(
            format!(
                "Set `{}` to `UserSession` (tokens follow the user's session)",
                pair.type_field
            ),
            vec![policies.set(pair.type_field, "UserSession")],
        );
}
