//! The setting conditions the OAuth rules and flow readiness share: what a flow needs (a field
//! of one of the app's files, with a value), how that is read (an absent field takes its
//! documented default; a file the project lacks makes the answer unknown, never a guess) and
//! how it is fixed. Each condition is written once, here: a rule reports it, `flows` lists it.
//!
//! Knows the app's files through [`AppContext`] and [`View`]; knows nothing of diagnostics
//! beyond building a [`Fix`].

use eca_schema::{Schema, TypeKind};
use std::borrow::Cow;

use crate::checks::rules::lists::item_texts;
use crate::checks::rules::{AppContext, FieldValue, FindingExt, Findings, Location, View};
use crate::model::diagnostic::{Diagnostic, Fix};
use crate::model::file_kind::file_name;

// The types of the app's files by their schema names, written once for every rule module.
pub const HEADER: &str = "ExternalClientApplication";
pub const GLOBAL: &str = "ExtlClntAppGlobalOauthSettings";
pub const POLICIES: &str = "ExtlClntAppOauthConfigurablePolicies";
pub const OAUTH_SETTINGS: &str = "ExtlClntAppOauthSettings";
pub const PLUGIN_POLICIES: &str = "ExtlClntAppConfigurablePolicies";
pub const SAML_POLICIES: &str = "ExtlClntAppSamlConfigurablePolicies";
pub const CANVAS: &str = "ExtlClntAppCanvasSettings";
pub const MOBILE: &str = "ExtlClntAppMobileSettings";
pub const MOBILE_POLICIES: &str = "ExtlClntAppMobileConfigurablePolicies";
pub const PUSH: &str = "ExtlClntAppPushSettings";
pub const PUSH_POLICIES: &str = "ExtlClntAppPushConfigurablePolicies";
pub const NOTIFICATION: &str = "ExtlClntAppNotificationSettings";
pub const ORG_OAUTH: &str = "OauthOidcSettings";

/// One setting a flow needs or recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Need {
    pub type_name: &'static str,
    pub field: &'static str,
    pub want: Want,
    /// `false` for a recommendation: the flow runs without it.
    pub required: bool,
    /// Why, in a few words.
    pub why: &'static str,
    /// Another setting that meets the need as well: the org's PKCE requirement covers every
    /// app of the org.
    pub alternative: Option<&'static Need>,
}

/// What a need accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// Exactly this value; an absent field counts with its documented default.
    Value(&'static str),
    /// Exactly this value, written in the file: an absent field does not count with its
    /// documented default, because no page says an app without the element gets it
    /// (`isPkceRequired`: the Metadata API page's default against Setup's opt-in checkbox).
    Written(&'static str),
    /// Any non-empty value.
    NonEmpty,
    /// A non-empty value in this field or in the other one (permission sets or profiles).
    NonEmptyOr(&'static str),
    /// A comma-separated list holding one of these items; the first is the one a fix adds.
    ListContains(&'static [&'static str]),
    /// Anything but this value.
    Not(&'static str),
}

/// How a need stands in an app.
#[derive(Debug, Clone)]
pub enum Status<'a> {
    Met,
    /// The file that holds the setting is in the project and says otherwise.
    Unmet(Unmet<'a>),
    /// The project has no file of the type that holds the setting: eca-ls does not guess.
    Unknown,
}

/// An unmet need, with the file that holds it.
#[derive(Debug, Clone)]
pub struct Unmet<'a> {
    pub need: Need,
    pub holder: View<'a>,
    /// The field as written; `None` when absent.
    pub field: Option<FieldValue<'a>>,
}

// The Authorization Code and Credentials Flow and its variations.

pub const ORG_ALLOWS_CODE_CREDENTIALS: Need = Need {
    type_name: ORG_OAUTH,
    field: "oAuthCdCrdtFlowEnable",
    want: Want::Value("true"),
    required: true,
    why: "the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)",
    alternative: None,
};

pub const APP_CODE_CREDENTIALS: Need = Need {
    type_name: GLOBAL,
    field: "isCodeCredFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns the Authorization Code and Credentials Flow on for this app",
    alternative: None,
};

pub const CALLBACK_URL: Need = Need {
    type_name: GLOBAL,
    field: "callbackUrl",
    want: Want::NonEmpty,
    required: true,
    why: "the authorization code is delivered to this URL",
    alternative: None,
};

pub const OAUTH_SCOPES: Need = Need {
    type_name: OAUTH_SETTINGS,
    field: "commaSeparatedOauthScopes",
    want: Want::NonEmpty,
    required: true,
    why: "the app can only get the scopes it lists",
    alternative: None,
};

pub const PREAUTHORIZED: Need = Need {
    type_name: POLICIES,
    field: "permittedUsersPolicyType",
    want: Want::Value("AdminApprovedPreAuthorized"),
    required: false,
    why: "no page is shown where users could approve the app, so pre-authorize them",
    alternative: None,
};

pub const PREAUTHORIZED_USERS: Need = Need {
    type_name: POLICIES,
    field: "commaSeparatedPermissionSet",
    want: Want::NonEmptyOr("commaSeparatedProfile"),
    required: false,
    why: "names the users who are pre-authorized (or use `commaSeparatedProfile`)",
    alternative: None,
};

pub const PKCE: Need = Need {
    type_name: GLOBAL,
    field: "isPkceRequired",
    want: Want::Written("true"),
    required: false,
    why: "binds the authorization code to the client that asked for it",
    alternative: Some(&ORG_PKCE),
};

/// The org-wide PKCE requirement: every authorization-code flow of every app needs PKCE.
pub const ORG_PKCE: Need = Need {
    type_name: ORG_OAUTH,
    field: "isPkceRequired",
    want: Want::Value("true"),
    required: false,
    why: "requires PKCE of every app of the org",
    alternative: None,
};

pub const PKCE_FOR_PUBLIC_CLIENT: Need = Need {
    why: "the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed",
    ..PKCE
};

pub const POST_ONLY: Need = Need {
    type_name: GLOBAL,
    field: "isCodeCredPostOnly",
    want: Want::Value("true"),
    required: false,
    why: "keeps credentials out of URLs and access logs",
    alternative: None,
};

pub const REFRESH_WITHOUT_SECRET: Need = Need {
    type_name: GLOBAL,
    field: "isSecretRequiredForRefreshToken",
    want: Want::Value("false"),
    required: false,
    why: "a public client has no secret to send when it refreshes its tokens",
    alternative: None,
};

pub const JWT_ACCESS_TOKENS: Need = Need {
    type_name: GLOBAL,
    field: "isNamedUserJwtEnabled",
    want: Want::Value("true"),
    required: true,
    why: "guest tokens and unique visitor ids (UVIDs) exist only as JWT-based access tokens",
    alternative: None,
};

pub const GUEST_NEEDS_CODE_CREDENTIALS: Need = Need {
    why: "the guest flow is a variation of the Authorization Code and Credentials Flow",
    ..APP_CODE_CREDENTIALS
};

pub const GUEST_CUSTOM_TIMEOUT: Need = Need {
    type_name: POLICIES,
    field: "guestJwtTimeout",
    want: Want::NonEmpty,
    required: false,
    why: "`guestJwtSessionTimeoutType` is `Custom`, and this is the custom lifetime of guest tokens in minutes",
    alternative: None,
};

pub const NAMED_USER_CUSTOM_TIMEOUT: Need = Need {
    type_name: POLICIES,
    field: "namedUserJwtTimeout",
    want: Want::NonEmpty,
    required: false,
    why: "`namedUserJwtSessionTimeoutType` is `Custom`, and this is the custom lifetime of named-user tokens in minutes",
    alternative: None,
};

// The switches that turn a flow on, for the writers that configure an app for a flow.

pub const GUEST_SWITCH: Need = Need {
    type_name: POLICIES,
    field: "isGuestCodeCredFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns the guest variation of the Authorization Code and Credentials Flow on in this org",
    alternative: None,
};

pub const PUBLIC_CLIENT: Need = Need {
    type_name: GLOBAL,
    field: "isConsumerSecretOptional",
    want: Want::Value("true"),
    required: true,
    why: "a public client cannot keep a secret, so the code exchange must work without one",
    alternative: None,
};

pub const PRIVATE_CLIENT: Need = Need {
    type_name: GLOBAL,
    field: "isConsumerSecretOptional",
    want: Want::Value("false"),
    required: true,
    why: "a private client proves who it is with the consumer secret when it exchanges the code",
    alternative: None,
};

pub const FIRST_PARTY_SWITCH: Need = Need {
    type_name: OAUTH_SETTINGS,
    field: "isFirstPartyAppEnabled",
    want: Want::Value("true"),
    required: true,
    why: "opens the authorization challenge endpoint of OAuth 2.0 for First-Party Applications to the app",
    alternative: None,
};

pub const JWT_BEARER_CERTIFICATE: Need = Need {
    type_name: GLOBAL,
    field: "certificate",
    want: Want::NonEmpty,
    required: true,
    why: "the certificate checks the JWTs the client signs; supplying it turns the JWT bearer flow on",
    alternative: None,
};

pub const DEVICE_FLOW_SWITCH: Need = Need {
    type_name: GLOBAL,
    field: "isDeviceFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns the device flow on for the app",
    alternative: None,
};

pub const REFRESH_TOKEN_ROTATION_SWITCH: Need = Need {
    type_name: GLOBAL,
    field: "isRefreshTokenRotationEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns refresh token rotation on for the app",
    alternative: None,
};

// The OAuth plugin: coordinated with the plugin rules, which report it.

pub const APP_ENABLED: Need = Need {
    type_name: PLUGIN_POLICIES,
    field: "isEnabled",
    want: Want::Value("true"),
    required: true,
    why: "a disabled app runs no plugin",
    alternative: None,
};

pub const OAUTH_PLUGIN: Need = Need {
    type_name: PLUGIN_POLICIES,
    field: "isOauthPluginEnabled",
    want: Want::Value("true"),
    required: true,
    why: "the OAuth files only count while the OAuth plugin is on",
    alternative: None,
};

// OAuth 2.0 for First-Party Applications.

pub const FIRST_PARTY_NEEDS: &[Need] = &[
    Need {
        type_name: OAUTH_SETTINGS,
        field: "clientAssertionCertificate",
        want: Want::NonEmpty,
        required: true,
        why: "checks the client-attestation JWT the app sends",
        alternative: None,
    },
    Need {
        type_name: GLOBAL,
        field: "isConsumerSecretOptional",
        want: Want::Value("false"),
        required: true,
        why: "the flow is for private clients only, which keep the secret",
        alternative: None,
    },
    Need {
        type_name: GLOBAL,
        field: "isPkceRequired",
        want: Want::Value("true"),
        required: true,
        why: "Salesforce requires PKCE for this flow",
        alternative: Some(&ORG_PKCE),
    },
    Need {
        type_name: POLICIES,
        field: "permittedUsersPolicyType",
        want: Want::Value("AdminApprovedPreAuthorized"),
        required: true,
        why: "users of this flow are pre-authorized; nobody approves the app",
        alternative: None,
    },
    Need {
        type_name: POLICIES,
        field: "commaSeparatedPermissionSet",
        want: Want::NonEmpty,
        required: true,
        why: "names the permission sets whose users are pre-authorized",
        alternative: None,
    },
];

// Client credentials and token exchange: each has an app-wide half in the global settings and
// an org half in the OAuth policies.

pub const CLIENT_CREDENTIALS_GLOBAL: Need = Need {
    type_name: GLOBAL,
    field: "isClientCredentialsFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns the client credentials flow on for the app",
    alternative: None,
};

pub const CLIENT_CREDENTIALS_POLICY: Need = Need {
    type_name: POLICIES,
    field: "isClientCredentialsFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "allows the client credentials flow in this org",
    alternative: None,
};

pub const CLIENT_CREDENTIALS_USER: Need = Need {
    type_name: POLICIES,
    field: "clientCredentialsFlowUser",
    want: Want::NonEmpty,
    required: true,
    why: "tokens are issued for this user (an API-only user with as little access as possible)",
    alternative: None,
};

pub const TOKEN_EXCHANGE_GLOBAL: Need = Need {
    type_name: GLOBAL,
    field: "isTokenExchangeEnabled",
    want: Want::Value("true"),
    required: true,
    why: "turns the token exchange flow on for the app",
    alternative: None,
};

pub const TOKEN_EXCHANGE_POLICY: Need = Need {
    type_name: POLICIES,
    field: "isTokenExchangeFlowEnabled",
    want: Want::Value("true"),
    required: true,
    why: "allows the token exchange flow in this org",
    alternative: None,
};

pub const TOKEN_EXCHANGE_SECRET: Need = Need {
    type_name: GLOBAL,
    field: "isSecretRequiredForTokenExchange",
    want: Want::Value("true"),
    required: false,
    why: "stops callers that only know the client id from exchanging tokens",
    alternative: None,
};

// Refresh tokens.

pub const REFRESH_TOKEN_SCOPE: Need = Need {
    type_name: OAUTH_SETTINGS,
    field: "commaSeparatedOauthScopes",
    want: Want::ListContains(&["RefreshToken", "OfflineAccess"]),
    required: true,
    why: "the app only gets refresh tokens with the `RefreshToken` (or `OfflineAccess`) scope",
    alternative: None,
};

pub const REFRESH_TOKENS_LIVE: Need = Need {
    type_name: POLICIES,
    field: "refreshTokenPolicyType",
    want: Want::Not("Zero"),
    required: true,
    why: "with `Zero`, refresh tokens expire at once, so there is nothing to rotate",
    alternative: None,
};

impl Need {
    /// `Type.field`, the key of an information note about it.
    pub fn setting(&self) -> String {
        format!("{}.{}", self.type_name, self.field)
    }

    /// The value it needs, as written in XML, when one value is needed.
    pub fn value(&self) -> Option<&'static str> {
        match self.want {
            Want::Value(value) | Want::Written(value) => Some(value),
            _ => None,
        }
    }

    /// How this need stands in the app, its alternative included.
    pub fn evaluate<'a>(&self, context: &AppContext<'a>) -> Status<'a> {
        let status = match holder(context, self.type_name) {
            Some(view) => self.check(view),
            None => Status::Unknown,
        };
        if matches!(status, Status::Met) {
            return status;
        }
        match self
            .alternative
            .map(|alternative| alternative.evaluate(context))
        {
            Some(Status::Met) => Status::Met,
            _ => status,
        }
    }

    /// How this need stands in one file of its type (its alternative is not looked at).
    pub fn check<'a>(&self, holder: View<'a>) -> Status<'a> {
        if self.is_met_in(&holder) {
            return Status::Met;
        }
        Status::Unmet(Unmet {
            need: *self,
            holder,
            field: holder.field(self.field),
        })
    }

    /// Whether the file meets the need.
    pub fn is_met_in(&self, holder: &View) -> bool {
        match self.want {
            Want::Value(value) => effective_value(holder, self.field).as_deref() == Some(value),
            Want::Written(value) => holder.text(self.field).as_deref() == Some(value),
            Want::NonEmpty => holder.text(self.field).is_some(),
            Want::NonEmptyOr(other) => {
                holder.text(self.field).is_some() || holder.text(other).is_some()
            }
            Want::ListContains(items) => holder
                .text(self.field)
                .is_some_and(|list| item_texts(&list).any(|item| items.contains(&item))),
            Want::Not(value) => effective_value(holder, self.field).as_deref() != Some(value),
        }
    }

    /// What the need asks for, in words: "`isCodeCredFlowEnabled` = `true`".
    pub fn describe(&self) -> String {
        match self.want {
            Want::Value(value) | Want::Written(value) => format!("`{}` = `{value}`", self.field),
            Want::NonEmpty => format!("`{}` set", self.field),
            Want::NonEmptyOr(other) => format!("`{}` or `{other}` set", self.field),
            Want::ListContains(items) => {
                format!("`{}` holding `{}`", self.field, items.join("` or `"))
            }
            Want::Not(value) => format!("`{}` other than `{value}`", self.field),
        }
    }
}

impl<'a> Unmet<'a> {
    /// Where the setting is, or the root element of its file when the field is absent.
    pub fn location(&self) -> Location {
        self.holder.at(self.need.field)
    }

    /// The holder's file name (`Portal_glbloauth.ecaGlblOauth-meta.xml`).
    pub fn file_name(&self) -> &'a str {
        file_name(self.holder.path())
    }

    /// What the file says instead, naming the field and the file: "`isNamedUserJwtEnabled` in
    /// Portal_glbloauth.ecaGlblOauth-meta.xml is `false`".
    pub fn describe(&self) -> String {
        let field = self.need.field;
        let file = self.file_name();
        match &self.field {
            Some(value) if !value.value.is_empty() => {
                format!("`{field}` in {file} is `{}`", value.value)
            }
            Some(_) => format!("`{field}` in {file} is empty"),
            None => match schema_default(self.holder.type_def.name.as_str(), field) {
                Some(default) if matches!(self.need.want, Want::Written(_)) => format!(
                    "`{field}` in {file} is not set (the Metadata API page calls `{default}` the default, but Setup treats it as an opt-in and no page says what an app without the element gets)"
                ),
                Some(default) => {
                    format!("`{field}` in {file} is not set (it defaults to `{default}`)")
                }
                None => format!("{file} does not set `{field}`"),
            },
        }
    }

    /// The edit that meets the need, when one is clear: setting the needed value, or adding the
    /// needed item to a list.
    pub fn fix(&self) -> Option<Fix> {
        let field = self.need.field;
        let file = self.file_name();
        match self.need.want {
            Want::Value(value) | Want::Written(value) => Some(Fix::new(
                format!("Set `{field}` to `{value}` in {file}"),
                vec![self.holder.set(field, value)],
            )),
            Want::ListContains(items) => {
                let added = items.first()?;
                let list = match self.holder.text(field) {
                    Some(list) => format!("{}, {added}", list.trim_end_matches(',').trim_end()),
                    None => added.to_string(),
                };
                Some(Fix::new(
                    format!("Add `{added}` to `{field}` in {file}"),
                    vec![self.holder.set(field, &list)],
                ))
            }
            Want::NonEmpty | Want::NonEmptyOr(_) | Want::Not(_) => None,
        }
    }
}

/// The file of the app (or, for org settings, of the project) that holds settings of this type.
pub fn holder<'a>(context: &AppContext<'a>, type_name: &str) -> Option<View<'a>> {
    let is_settings = Schema::get()
        .type_named(type_name)
        .is_some_and(|type_def| type_def.kind == TypeKind::Settings);
    if is_settings {
        context.org_settings(type_name)
    } else {
        context.component(type_name)
    }
}

/// The value a file gives a field: as written, else the field's documented default.
pub fn effective_value(holder: &View, field: &str) -> Option<String> {
    holder
        .text(field)
        .map(Cow::into_owned)
        .or_else(|| schema_default(holder.type_def.name.as_str(), field).map(str::to_string))
}

/// The files of a type, in words, for messages about a file the project lacks.
pub fn type_in_words(type_name: &str) -> &'static str {
    match type_name {
        GLOBAL => "global OAuth settings (`.ecaGlblOauth`)",
        POLICIES => "OAuth policies (`.ecaOauthPlcy`)",
        OAUTH_SETTINGS => "OAuth settings (`.ecaOauth`)",
        PLUGIN_POLICIES => "plugin policies (`.ecaPlcy`)",
        ORG_OAUTH => "org settings `settings/OauthOidc.settings-meta.xml`",
        _ => "file",
    }
}

/// Report what a switched-on setting at `at` still needs: nothing when the need is met; when
/// the file that decides is not in the project, one note (`missing_message`) naming what to
/// check in the org; otherwise a finding (`unmet_message`) pointing at the setting to change
/// (`related_message`) with its fix.
pub fn report_need(
    findings: &mut Findings,
    context: &AppContext,
    at: Location,
    need: Need,
    missing_message: impl FnOnce() -> String,
    unmet_message: impl FnOnce(&Unmet) -> String,
    related_message: &str,
) {
    match need.evaluate(context) {
        Status::Met => {}
        Status::Unknown => findings.note_missing(at, &need.setting(), missing_message()),
        Status::Unmet(unmet) => {
            let diagnostic = findings
                .report(at, unmet_message(&unmet))
                .related(unmet.location(), related_message);
            attach_fix(diagnostic, unmet.fix(), true);
        }
    }
}

/// Attach a need's fix, when it has one, to a reported finding.
pub fn attach_fix(diagnostic: &mut Diagnostic, fix: Option<Fix>, preferred: bool) {
    if let Some(mut fix) = fix {
        fix.preferred = preferred;
        diagnostic.fixes.push(fix);
    }
}

/// One information note per file type the project lacks, naming every setting of `unknown`
/// that lives there: `lead` says why they matter ("the client credentials flow is on").
pub fn note_unknown_needs(
    findings: &mut Findings,
    at: &Location,
    app_name: &str,
    lead: &str,
    unknown: &[Need],
) {
    let mut type_names: Vec<&str> = Vec::new();
    for need in unknown {
        if !type_names.contains(&need.type_name) {
            type_names.push(need.type_name);
        }
    }
    for type_name in type_names {
        let of_type: Vec<&Need> = unknown
            .iter()
            .filter(|need| need.type_name == type_name)
            .collect();
        let settings: Vec<String> = of_type.iter().map(|need| need.describe()).collect();
        let key = of_type
            .iter()
            .map(|need| need.setting())
            .collect::<Vec<_>>()
            .join(" ");
        findings.note_missing(
            at.clone(),
            &key,
            format!(
                "{lead} and needs {}; the project has no {} for `{app_name}`, so check that in the org",
                join_words(&settings),
                type_in_words(type_name)
            ),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Template placeholders that stand for a value without being one: `{{SECRET}}`, `${SECRET}`,
/// `__SECRET__`, `<secret>`, `(secret)`, `REDACTED…`, `YOUR_…`, and values without a letter or
/// digit (`{}`, `***`).
pub fn looks_like_placeholder(value: &str) -> bool {
    let value = value.trim();
    // `{}`, `...`, `***`: nothing that could be a credential.
    if !value.chars().any(char::is_alphanumeric) {
        return true;
    }
    let wrapped = |open: &str, close: &str| {
        value.len() > open.len() + close.len() && value.starts_with(open) && value.ends_with(close)
    };
    if wrapped("{{", "}}")
        || wrapped("${", "}")
        || wrapped("__", "__")
        || wrapped("<", ">")
        || wrapped("(", ")")
    {
        return true;
    }
    let upper = value.to_ascii_uppercase();
    ["REDACTED", "PLACEHOLDER", "CHANGE_ME", "CHANGEME", "YOUR_"]
        .iter()
        .any(|marker| upper.contains(marker))
}

fn schema_default(type_name: &str, field: &str) -> Option<&'static str> {
    Schema::get()
        .type_named(type_name)?
        .field(field)?
        .default
        .as_deref()
}

/// A fixture file of one component, for the rule examples: the header line for the
/// project-relative path, the XML declaration, the root element with the metadata namespace,
/// and the given lines indented inside it.
macro_rules! component_file {
    ($folder:literal, $file:literal, $root:literal $(, $line:literal)* $(,)?) => {
        concat!(
            "//- /force-app/main/default/", $folder, "/", $file, "\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<", $root, " xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            $("    ", $line, "\n",)*
            "</", $root, ">\n",
        )
    };
}

/// The global OAuth settings of the app `Portal`, with these lines.
macro_rules! portal_global {
    ($($line:literal),* $(,)?) => {
        $crate::checks::rules::conditions::component_file!(
            "extlClntAppGlobalOauthSets",
            "Portal_glbloauth.ecaGlblOauth-meta.xml",
            "ExtlClntAppGlobalOauthSettings"
            $(, $line)*
        )
    };
}

/// The OAuth policies of the app `Portal`, with these lines.
macro_rules! portal_policies {
    ($($line:literal),* $(,)?) => {
        $crate::checks::rules::conditions::component_file!(
            "extlClntAppOauthPolicies",
            "Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
            "ExtlClntAppOauthConfigurablePolicies"
            $(, $line)*
        )
    };
}

/// The OAuth settings of the app `Portal`, with these lines.
macro_rules! portal_oauth {
    ($($line:literal),* $(,)?) => {
        $crate::checks::rules::conditions::component_file!(
            "extlClntAppOauthSettings",
            "Portal_oauth.ecaOauth-meta.xml",
            "ExtlClntAppOauthSettings"
            $(, $line)*
        )
    };
}

/// The project's `OauthOidc` org settings, with these lines.
macro_rules! org_oauth_settings {
    ($($line:literal),* $(,)?) => {
        $crate::checks::rules::conditions::component_file!(
            "settings",
            "OauthOidc.settings-meta.xml",
            "OauthOidcSettings"
            $(, $line)*
        )
    };
}

pub(crate) use {component_file, org_oauth_settings, portal_global, portal_oauth, portal_policies};
