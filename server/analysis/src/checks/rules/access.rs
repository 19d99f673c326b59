//! Rules on the Authorization Code and Credentials Flow (the base of headless login,
//! passwordless login, registration and guest access) and on OAuth 2.0 for First-Party
//! Applications: the org switch, the app switch, pre-authorized users, public clients and PKCE.

use crate::checks::rules::conditions::{
    self, APP_CODE_CREDENTIALS, FIRST_PARTY_NEEDS, GLOBAL, OAUTH_SETTINGS,
    ORG_ALLOWS_CODE_CREDENTIALS, ORG_PKCE, PKCE_FOR_PUBLIC_CLIENT, PREAUTHORIZED, Status,
    org_oauth_settings, portal_global, portal_oauth, portal_policies,
};
use crate::checks::rules::sources::{
    FIRST_PARTY_HELP, GLOBAL_PAGE, HEADLESS_POLICIES, OAUTH_SETTINGS_PAGE, ORG_SETTINGS_PAGE,
};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::Severity;

const CODE_CREDENTIALS_SETUP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.configure_oauth_code_credentials_flow_external_client_apps.htm";
const HEADLESS_ENABLE: &str = "https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-enable-auth-code-creds-flow.md";
const ECA_CODE_CREDENTIALS: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.eca_authorization_code_credentials.htm";
const HEADLESS_LOGIN_OVERVIEW: &str = "https://developer.salesforce.com/docs/atlas.en-us.headless_identity.meta/headless_identity/headless_identity_login_overview.htm";
const SECURITY_CONTROL: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.shr_api_enable_oauth_settings_authorization_code_and_credentials_flow_settings.htm";
const SPA_CLIENTS: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_authcodecreds_singlepageapp.htm";
const PRIVATE_CLIENTS: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_authorization_code_credentials_flow.htm";
const HEADLESS_CREATE_APP: &str = "https://developer.salesforce.com/docs/atlas.en-us.headless_identity.meta/headless_identity/headless_identity_create_connected_app.htm";
/// Headless Identity Implementation Guide: Set Up an External Client App for Headless Identity.
const HEADLESS_ECA_OVERVIEW: &str = "https://developer.salesforce.com/docs/atlas.en-us.headless_identity.meta/headless_identity/headless_identity_connected_app_overview.htm";

pub(super) const RULES: &[Rule] = &[
    ORG_BLOCKS_CODE_CREDENTIALS,
    POST_ONLY_WITHOUT_FLOW,
    HEADLESS_USERS_NOT_PREAUTHORIZED,
    PUBLIC_CLIENT_WITHOUT_PKCE,
    FIRST_PARTY_APP_INCOMPLETE,
    HEADLESS_NEEDS_EXPERIENCE_SITE,
    HEADLESS_REGISTRATION_DISPUTED,
];

const ORG_BLOCKS_CODE_CREDENTIALS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-001",
        default_severity: Severity::Warning,
        title: "The org does not allow the Authorization Code and Credentials Flow",
        explanation: "`isCodeCredFlowEnabled` in the app's global OAuth settings turns the Authorization Code and Credentials Flow on for the app, but Salesforce also has an org-wide switch, `oAuthCdCrdtFlowEnable` in `settings/OauthOidc.settings-meta.xml` (Setup: OAuth and OpenID Connect Settings > *Allow Authorization Code and Credentials Flows*). It is off by default, and while it is off every request of the flow — headless login, passwordless login, registration and guest access — fails, whatever the app says. Turn the org setting on (the quick fix edits the org settings file). It is a warning, not an error, because the deploy itself succeeds: the failure only shows at run time. When the project does not contain the org settings (most teams do not track them), eca-ls does not guess: it leaves one information note that names the setting to check in the org.",
        example: concat!(
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            org_oauth_settings!("<oAuthCdCrdtFlowEnable>false</oAuthCdCrdtFlowEnable>"),
        ),
        fixed_example: concat!(
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            org_oauth_settings!("<oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>"),
        ),
        sources: &[
            GLOBAL_PAGE,
            ORG_SETTINGS_PAGE,
            CODE_CREDENTIALS_SETUP,
            HEADLESS_ENABLE,
        ],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
        "OauthOidcSettings.oAuthCdCrdtFlowEnable",
    ],
    check: Check::App(org_blocks_code_credentials),
};

fn org_blocks_code_credentials(context: &AppContext, findings: &mut Findings) {
    for global in context.components(GLOBAL) {
        if !global.is_true("isCodeCredFlowEnabled") {
            continue;
        }
        conditions::report_need(
            findings,
            context,
            global.at("isCodeCredFlowEnabled"),
            ORG_ALLOWS_CODE_CREDENTIALS,
            || {
                format!(
                    "the Authorization Code and Credentials Flow is on for `{}`, and the org must allow it too; the project has no `settings/OauthOidc.settings-meta.xml`, so check that *Allow Authorization Code and Credentials Flows* (`oAuthCdCrdtFlowEnable`) is on in the org",
                    context.app.name
                )
            },
            |unmet| {
                format!(
                    "`isCodeCredFlowEnabled` turns the Authorization Code and Credentials Flow on for `{}`, but the org blocks it: {}; every request of the flow fails until the org allows it",
                    context.app.name,
                    unmet.describe()
                )
            },
            "the org-wide switch that blocks the flow",
        );
    }
}

const POST_ONLY_WITHOUT_FLOW: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-002",
        default_severity: Severity::Information,
        title: "isCodeCredPostOnly is set but the Authorization Code and Credentials Flow is off",
        explanation: "`isCodeCredPostOnly` makes the Authorization Code and Credentials Flow accept credentials only in the body of a POST. The Metadata API page says that \"to use this field, the Authorization Code and Credentials Flow must be enabled\" (`isCodeCredFlowEnabled` `true` in the same file): while the flow is off the setting does nothing. If the flow was meant to be on, its switch was forgotten; otherwise the setting can go. It is **information**: no deploy fails and no flow breaks because of it (eca-ls keeps errors for what Salesforce rejects and warnings for what certainly fails at run time).",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>false</isCodeCredFlowEnabled>",
            "<isCodeCredPostOnly>true</isCodeCredPostOnly>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<isCodeCredPostOnly>true</isCodeCredPostOnly>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isCodeCredPostOnly",
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
    ],
    check: Check::File(post_only_without_flow),
};

fn post_only_without_flow(context: &FileContext, findings: &mut Findings) {
    let global = context.view;
    if global.type_def.name != GLOBAL || !global.is_true("isCodeCredPostOnly") {
        return;
    }
    let Status::Unmet(unmet) = APP_CODE_CREDENTIALS.check(global) else {
        return;
    };
    let remove = global.remove("isCodeCredPostOnly");
    let diagnostic = findings
        .report(
            global.at("isCodeCredPostOnly"),
            format!(
                "`isCodeCredPostOnly` only applies to the Authorization Code and Credentials Flow, which is off: {}",
                unmet.describe()
            ),
        )
        .related(unmet.location(), "the switch of the flow");
    conditions::attach_fix(diagnostic, unmet.fix(), false);
    diagnostic.ignored_setting_removal("Remove `isCodeCredPostOnly`", remove, false);
}

const HEADLESS_USERS_NOT_PREAUTHORIZED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-003",
        default_severity: Severity::Warning,
        title: "Headless flows without pre-authorized users",
        explanation: "In the Authorization Code and Credentials Flow your own UI collects the user's credentials, so Salesforce never shows a page where the user could approve the app. Salesforce's headless identity guide therefore has the app's OAuth policies pre-authorize the users: `permittedUsersPolicyType` `AdminApprovedPreAuthorized`, with the external users' permission sets in `commaSeparatedPermissionSet` (or profiles in `commaSeparatedProfile`). With `AllSelfAuthorized`, users who never approved the app cannot get through the headless flow.\n\nBut an app that switches `isCodeCredFlowEnabled` on is often also used with the ordinary web server flow, PKCE and a consent page, and for those users pre-authorizing changes everything: Salesforce's first-party flow page warns that saving `AdminApprovedPreAuthorized` \"causes all users currently using the app to lose access\" until a permission set or profile pre-authorizes them. So eca-ls offers both ways out, and prefers neither: **turn the Authorization Code and Credentials Flow off** if the app does not use it, or **pre-authorize users**, knowing that everyone who uses the app now loses access until their permission set or profile is listed (ECA-SES-002 then reminds you to list them). Both fixes change who can log in, so they are unsafe, and bulk fixing never applies either.\n\nIt is a warning, following the documented recommendation: the deploy succeeds, and the failure only shows at run time. When the project has no OAuth policies for the app, eca-ls leaves an information note instead of guessing.",
        example: concat!(
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
            ),
        ),
        fixed_example: concat!(
            portal_global!(
                "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Headless_Login</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        sources: &[HEADLESS_POLICIES, FIRST_PARTY_HELP, ECA_CODE_CREDENTIALS],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
        "ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile",
    ],
    check: Check::App(headless_users_not_preauthorized),
};

fn headless_users_not_preauthorized(context: &AppContext, findings: &mut Findings) {
    for global in context.components(GLOBAL) {
        if !global.is_true("isCodeCredFlowEnabled") {
            continue;
        }
        let at = global.at("isCodeCredFlowEnabled");
        match PREAUTHORIZED.evaluate(context) {
            Status::Met => {}
            Status::Unknown => findings.note_missing(
                at,
                &PREAUTHORIZED.setting(),
                format!(
                    "headless flows need pre-authorized users; the project has no OAuth policies (`.ecaOauthPlcy`) for `{}`, so check that *Admin approved users are pre-authorized* (`permittedUsersPolicyType` `AdminApprovedPreAuthorized`) is chosen in the org, or that the app does not use the flow",
                    context.app.name
                ),
            ),
            Status::Unmet(unmet) => {
                let default = if unmet.field.is_none() {
                    " (new apps reportedly get `AllSelfAuthorized`)"
                } else {
                    ""
                };
                let diagnostic = findings
                    .report(
                        at,
                        format!(
                            "the Authorization Code and Credentials Flow shows users no page where they could approve the app, but the users are not pre-authorized: {}{default}; turn the flow off if the app does not use it, or pre-authorize the users (everyone who uses the app now then loses access until their permission set or profile is listed)",
                            unmet.describe()
                        ),
                    )
                    .related(unmet.location(), "who may use the app");
                // Neither fix is preferred: which one is right depends on how the app is used,
                // and both change who can log in.
                diagnostic.fix(
                    "Turn the Authorization Code and Credentials Flow off (`isCodeCredFlowEnabled` `false`), if the app does not use it",
                    vec![global.set("isCodeCredFlowEnabled", "false")],
                );
                diagnostic.fix(
                    format!(
                        "Pre-authorize users (`permittedUsersPolicyType` `AdminApprovedPreAuthorized` in {}): every user who uses the app now loses access until a listed permission set or profile pre-authorizes them",
                        unmet.file_name()
                    ),
                    vec![unmet.holder.set("permittedUsersPolicyType", "AdminApprovedPreAuthorized")],
                );
            }
        }
    }
}

const PUBLIC_CLIENT_WITHOUT_PKCE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-004",
        default_severity: Severity::Warning,
        title: "A public client that does not require PKCE",
        explanation: "`isConsumerSecretOptional` `true` makes the client secret optional when an authorization code is exchanged for tokens: the setting of a public client — a single-page or mobile app that cannot keep a secret. Then PKCE (`isPkceRequired` `true`) is the only thing that stops someone who intercepts the code from redeeming it; Salesforce strongly recommends it for public clients. Require PKCE, or, if the app is in fact a private (server-side) client, require the secret again with `isConsumerSecretOptional` `false`.\n\n**Salesforce's pages disagree on which value is the public client's.** The field's definition on the Metadata API page (\"If set to true, the external app's client secret is optional\"), the Headless Identity guide (single-page apps \"deselect ... Require Secret for Web Server Flow\") and the first-party flow page (\"Set the isConsumerSecretOptional field to false. These flows are supported only for private clients\") make `true` the public client's value; the Help article on configuring an ECA for the Authorization Code and Credentials Flow says the opposite in its Metadata API steps (private client `true`, public client `false`) and asks the secret question under the label of the POST body checkbox. eca-ls follows the field's definition, because that is what the deploy reads, and takes `true` as the app's own declaration that it is a public client: it never asks a secret-optional app to require the secret, except for OAuth 2.0 for First-Party Applications, which is for private clients only (ECA-ACC-005).\n\n**A missing `isPkceRequired` counts as not required.** The Metadata API page calls `true` the default, but Setup presents PKCE as an optional checkbox and no page says what an app whose file leaves the element out gets, so eca-ls asks for the value to be written. Nothing is reported when the org requires PKCE of every app (`isPkceRequired` `true` in `settings/OauthOidc.settings-meta.xml`); when the project lacks that file, the message says so.",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
            "<isPkceRequired>false</isPkceRequired>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
            "<isPkceRequired>true</isPkceRequired>",
            "<label>Portal</label>",
        ),
        sources: &[
            GLOBAL_PAGE,
            HEADLESS_CREATE_APP,
            FIRST_PARTY_HELP,
            ECA_CODE_CREDENTIALS,
            CODE_CREDENTIALS_SETUP,
            HEADLESS_LOGIN_OVERVIEW,
            SECURITY_CONTROL,
        ],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional",
        "ExtlClntAppGlobalOauthSettings.isPkceRequired",
        "OauthOidcSettings.isPkceRequired",
    ],
    check: Check::App(public_client_without_pkce),
};

fn public_client_without_pkce(context: &AppContext, findings: &mut Findings) {
    for global in context.components(GLOBAL) {
        if !global.is_true("isConsumerSecretOptional") {
            continue;
        }
        let Status::Unmet(unmet) = PKCE_FOR_PUBLIC_CLIENT.check(global) else {
            continue;
        };
        // The org may require PKCE of every app, which covers this one.
        let org = ORG_PKCE.evaluate(context);
        let org_note = match &org {
            Status::Met => continue,
            Status::Unmet(_) => "",
            Status::Unknown => {
                " (unless the org requires PKCE of every app: `isPkceRequired` in `settings/OauthOidc.settings-meta.xml`, which the project does not have)"
            }
        };
        let diagnostic = findings
            .report(
                unmet.location(),
                format!(
                    "the app is a public client (`isConsumerSecretOptional` is `true`: codes are exchanged without the secret) but PKCE is not required: {}; anyone who intercepts an authorization code can redeem it{org_note}",
                    unmet.describe()
                ),
            )
            .related(
                global.at("isConsumerSecretOptional"),
                "the secret is optional here",
            );
        if let Status::Unmet(org) = &org {
            diagnostic.related(org.location(), "the org does not require PKCE either");
        }
        conditions::attach_fix(diagnostic, unmet.fix(), true);
        diagnostic.fix(
            "Require the secret instead (`isConsumerSecretOptional` `false`, for a private client)",
            vec![global.set("isConsumerSecretOptional", "false")],
        );
    }
}

const FIRST_PARTY_APP_INCOMPLETE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-005",
        default_severity: Severity::Warning,
        title: "OAuth 2.0 for First-Party Applications is missing a setting it needs",
        explanation: "`isFirstPartyAppEnabled` in the OAuth settings opens the authorization challenge endpoint (OAuth 2.0 for First-Party Applications) to the app. Salesforce documents this flow for private clients only and lists what it needs: a `clientAssertionCertificate` in the OAuth settings to check the client-attestation JWT; in the global OAuth settings `isConsumerSecretOptional` `false` and `isPkceRequired` `true`; in the OAuth policies `permittedUsersPolicyType` `AdminApprovedPreAuthorized` with the permission sets in `commaSeparatedPermissionSet`. Each missing piece is reported on `isFirstPartyAppEnabled`, pointing at the file to change, with a quick fix where the value is clear. These apps can only be configured through Metadata API, so the files are the only place to get it right. It is a warning because the deploy succeeds and the flow fails at run time. A piece whose file the project lacks gets an information note instead of a guess.",
        example: concat!(
            portal_oauth!(
                "<clientAssertionCertificate>MIIC...</clientAssertionCertificate>",
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isFirstPartyAppEnabled>true</isFirstPartyAppEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
                "<isPkceRequired>true</isPkceRequired>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        fixed_example: concat!(
            portal_oauth!(
                "<clientAssertionCertificate>MIIC...</clientAssertionCertificate>",
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isFirstPartyAppEnabled>true</isFirstPartyAppEnabled>",
                "<label>Portal</label>",
            ),
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isConsumerSecretOptional>false</isConsumerSecretOptional>",
                "<isPkceRequired>true</isPkceRequired>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        sources: &[FIRST_PARTY_HELP, OAUTH_SETTINGS_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthSettings.isFirstPartyAppEnabled",
        "ExtlClntAppOauthSettings.clientAssertionCertificate",
        "ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional",
        "ExtlClntAppGlobalOauthSettings.isPkceRequired",
        "ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet",
    ],
    check: Check::App(first_party_app_incomplete),
};

fn first_party_app_incomplete(context: &AppContext, findings: &mut Findings) {
    for oauth in context.components(OAUTH_SETTINGS) {
        if !oauth.is_true("isFirstPartyAppEnabled") {
            continue;
        }
        let mut unknown = Vec::new();
        for need in FIRST_PARTY_NEEDS {
            // The certificate is read from this very file, not from the app's first one.
            let status = if need.type_name == OAUTH_SETTINGS {
                need.check(oauth)
            } else {
                need.evaluate(context)
            };
            match status {
                Status::Met => {}
                Status::Unknown => unknown.push(*need),
                Status::Unmet(unmet) => {
                    let diagnostic = findings
                        .report(
                            oauth.at("isFirstPartyAppEnabled"),
                            format!(
                                "OAuth 2.0 for First-Party Applications needs {}: {}; {}",
                                need.describe(),
                                unmet.describe(),
                                need.why
                            ),
                        )
                        .related(unmet.location(), "the setting to change");
                    conditions::attach_fix(diagnostic, unmet.fix(), true);
                }
            }
        }
        conditions::note_unknown_needs(
            findings,
            &oauth.at("isFirstPartyAppEnabled"),
            &context.app.name,
            "OAuth 2.0 for First-Party Applications is on",
            &unknown,
        );
    }
}

const HEADLESS_NEEDS_EXPERIENCE_SITE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-006",
        default_severity: Severity::Information,
        title: "Headless identity flows run on an Experience Cloud site",
        explanation: "The Authorization Code and Credentials Flow and its variations serve customers and partners, and both of their endpoints (`/services/oauth2/authorize` and `/services/oauth2/token`) live on an Experience Cloud site's domain (`https://<site>.my.site.com`), not on My Domain. Single-page apps often use the site's `/services/oauth2/echo` endpoint as `callbackUrl`; private clients use a server-side callback of their own. (Guidance only, shown on hover: a callback URL says nothing reliable about where the flow is called, so eca-ls has no true condition to report.)",
        example: portal_global!(
            "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        sources: &[SPA_CLIENTS, PRIVATE_CLIENTS, HEADLESS_CREATE_APP],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.callbackUrl",
        "ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled",
    ],
    check: Check::HoverOnly,
};

const HEADLESS_REGISTRATION_DISPUTED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-ACC-007",
        default_severity: Severity::Information,
        title: "Salesforce's docs disagree on headless registration for External Client Apps",
        explanation: "The Metadata API page of `ExtlClntAppGlobalOauthSettings` says External Client Apps do not support headless registration, while the Help article on configuring an External Client App for the Authorization Code and Credentials Flow says all variations are supported, registration included, and the Headless Identity guide, built on External Client Apps, says of enabling the flow in the app: \"Enabling this flow is also a prerequisite for enabling headless registration\" (Set Up an External Client App for Headless Identity). Try registration in a sandbox before relying on it. (Guidance only, shown on hover: nothing in the metadata shows whether an app uses registration.)",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE, ECA_CODE_CREDENTIALS, HEADLESS_ECA_OVERVIEW],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled"],
    check: Check::HoverOnly,
};
