//! Configuring an app for its OAuth flows: the edits and new files that make `eca-ls flows`
//! report each requested flow `ready`, each change with its reason. The one engine behind
//! `eca-ls new`, `eca-ls configure`, and the editor's *Configure this app for …* and *New
//! External Client App…*.
//!
//! What a flow needs is the flows' own knowledge (`flows::flow_setup`, the conditions the rules
//! report): the engine sets what is unmet, file by file, until nothing is left, then checks the
//! result with the checker. It never touches a setting the flows do not name, and it takes no
//! access away from current users unless told so. Pure: projects in, texts out.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use eca_schema::{ApiVersion, Requirement, Schema, TypeKind};

use crate::checks::flows::{self, FlowState};
use crate::checks::rules::conditions::{
    self, APP_CODE_CREDENTIALS, GLOBAL, HEADER, Need, OAUTH_SETTINGS, PKCE_FOR_PUBLIC_CLIENT,
    PLUGIN_POLICIES, POLICIES, PRIVATE_CLIENT, PUBLIC_CLIENT, Status, Want,
};
use crate::checks::rules::{AppContext, View};
use crate::model::diagnostic::{FileEdit, Severity};
use crate::model::edits;
use crate::model::project::{APP_REFERENCE_FIELD, App, Project};
use crate::writers::Plan;
use crate::writers::changed_ranges::changed_ranges;
use crate::writers::component_files::{self, FieldContent, Layout};

/// The flows to configure an app for, and what the user said about the app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlowRequest {
    /// Flow ids of `eca-ls flows` (`code-credentials`, `client-credentials`, …).
    pub flows: Vec<String>,
    pub client: Option<ClientKind>,
    pub callback_urls: Vec<String>,
    pub scopes: Vec<String>,
    pub permission_sets: Vec<String>,
    /// The username the client credentials flow issues tokens for.
    pub run_as: Option<String>,
    /// The Apex class of the token exchange handler (`tokenHandlerApex`) a new handler file
    /// names.
    pub token_exchange_handler: Option<String>,
    /// The username that runs the handler's Apex class for this app (`apexExecutionUser`).
    pub apex_execution_user: Option<String>,
    /// The token types the handler accepts (`access-token`, `jwt`, …), each item possibly a
    /// comma-separated list.
    pub token_types: Vec<String>,
    /// The PEM certificate of the JWT bearer flow.
    pub certificate: Option<String>,
    /// The PEM certificate that checks the client-attestation JWTs of OAuth 2.0 for First-Party
    /// Applications.
    pub assertion_certificate: Option<String>,
    /// Whether a change may take access away from the app's current users (`configure` only:
    /// a new app has none).
    pub allow_access_change: bool,
}

/// Whether the app can keep a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientKind {
    /// A single-page or mobile app: no consumer secret, PKCE instead.
    Public,
    /// An app with a server side that keeps the consumer secret.
    Private,
}

/// A new app: its name, header details and flows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApp {
    /// The API name, which is also the header's file name.
    pub name: String,
    /// Defaults to the name with `_` read as spaces.
    pub label: Option<String>,
    pub distribution: Distribution,
    pub request: FlowRequest,
}

/// `distributionState` of the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Distribution {
    /// The app stays in the org that creates it.
    #[default]
    Local,
    /// The app ships in a package.
    Packaged,
}

/// What configuring an app takes: the files to write and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPlan {
    pub app: String,
    /// The header's path (new or existing), the file an editor opens afterwards.
    pub header: Option<String>,
    /// Every file written, in path order: new files with `original` `None`.
    pub files: Vec<PlannedFile>,
    /// Each setting changed, in the order the engine changed them.
    pub changes: Vec<Change>,
    /// Changes the flows would want but that were not made, and why.
    pub held_back: Vec<HeldBack>,
    /// The state of each requested flow once the plan is applied.
    pub flows: Vec<(String, FlowState)>,
    /// The same as file operations with their reasons: what the CLI applies and the language
    /// server sends as one workspace edit. New files first, then edits, each in path order.
    pub plan: Plan,
}

/// One file of a plan: its text before (`None` for a new file) and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: String,
    pub original: Option<String>,
    pub text: String,
}

/// One setting the plan changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub type_name: String,
    pub field: String,
    /// The value as written before; `None` when the field was absent.
    pub before: Option<String>,
    pub after: String,
    /// Why, in the words `eca-ls flows` uses.
    pub why: String,
    /// The flow that asked for it (`None` for the header's own fields and the user's options).
    pub flow: Option<String>,
    /// What the change does to the app's current users, when it takes access away (made only
    /// with [`FlowRequest::allow_access_change`]).
    pub access_change: Option<String>,
}

/// A change the flows would want but that was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    pub path: String,
    pub type_name: String,
    pub field: String,
    pub wanted: String,
    pub flow: String,
    /// Why it was not made: what it would do to current users, and how to make it anyway.
    pub reason: String,
    /// `false` for a recommendation.
    pub required: bool,
    /// Held back because it takes access away from current users: it is made when the user
    /// allows that ([`FlowRequest::allow_access_change`]), not by giving a value.
    pub takes_access_away: bool,
}

/// What was held back, as the user reads it: `not changed (recommended): \`field\` = \`value\`
/// in PATH (for FLOW): REASON`. The CLI and the editor show this same line (each adds how to
/// make the change from there).
impl fmt::Display for HeldBack {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.required {
            "not changed"
        } else {
            "not changed (recommended)"
        };
        write!(formatter, "{kind}: `{}`", self.field)?;
        if !self.wanted.is_empty() {
            write!(formatter, " = {}", shown_value(&self.wanted))?;
        }
        if !self.path.is_empty() {
            write!(formatter, " in {}", self.path)?;
        }
        write!(formatter, " (for {}): {}", self.flow, self.reason)
    }
}

/// A value in one line: the first line of a value that spans lines, a long one cut at 72
/// characters, in backticks.
pub fn shown_value(value: &str) -> String {
    let first = value.lines().next().unwrap_or_default();
    if value.contains('\n') {
        format!("`{first}` …")
    } else if value.chars().count() > 72 {
        format!("`{}…`", value.chars().take(69).collect::<String>())
    } else {
        format!("`{value}`")
    }
}

/// Input the engine refuses, with what to do about it. Every one is the user's to fix: a
/// usage error, exit status 2, nothing written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthoringError {
    /// The name breaks a rule of Salesforce API names.
    InvalidName {
        name: String,
        rule: &'static str,
    },
    UnknownFlow {
        flow: String,
    },
    NoFlow,
    /// An app of that name is already in the project.
    AppExists {
        name: String,
        path: String,
    },
    /// A valid API name whose files some systems cannot create.
    UnportableName {
        name: String,
        rule: &'static str,
    },
    /// An app whose name differs only in letter case is already in the project.
    AppExistsInOtherCase {
        name: String,
        existing: String,
        path: String,
    },
    /// No app of that name or file in the project.
    AppNotFound {
        name: String,
    },
    /// A file the plan would create is already there.
    FileExists {
        path: String,
    },
    /// A file the plan would edit cannot be edited safely: why, and what to do first.
    FileNotEditable {
        path: String,
        reason: String,
    },
    /// A value given for an option cannot be what the option names.
    InvalidValue {
        option: &'static str,
        value: String,
        problem: &'static str,
    },
    /// A flow needs a value only the user can give.
    MissingInput {
        flow: String,
        option: &'static str,
        /// The request's field for the value (`callbackUrls`, `runAs`), as an editor names it.
        input: &'static str,
        kind: InputKind,
        what: &'static str,
        /// The other options the same component still needs (the token exchange handler's),
        /// named at once so that one more run gives them all.
        also: Vec<&'static str>,
    },
    /// Two requested flows (or a flow and `--client`) want different values of one setting.
    Conflict {
        first: String,
        second: String,
        setting: String,
        first_value: String,
        second_value: String,
    },
    /// A component outside the app's files names the app for a flow but does not do its part
    /// (a token exchange handler switched off): where, and why.
    ExternalNotReady {
        flow: String,
        path: String,
        why: String,
    },
    /// A flow needs a field the project's API version does not have.
    ApiVersionTooOld {
        flow: String,
        field: String,
        needs: ApiVersion,
        project: ApiVersion,
    },
    /// A setting the engine cannot choose a value for.
    CannotChoose {
        flow: String,
        setting: String,
        what: String,
    },
    /// The result would not check clean: the findings, as `path: severity[code] message`.
    NotClean {
        findings: Vec<String>,
    },
    /// A flow needs a change that takes access away from the app's current users, and the
    /// request does not allow it: each change and what it does to them.
    AccessChangeRefused {
        changes: Vec<String>,
    },
}

impl fmt::Display for AuthoringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthoringError::InvalidName { name, rule } => write!(
                f,
                "`{name}` is not a valid API name for an External Client App: {rule}"
            ),
            AuthoringError::UnportableName { name, rule } => write!(
                f,
                "`{name}` is a valid API name, but not a name for the app's files: {rule}; choose another name"
            ),
            AuthoringError::UnknownFlow { flow } => write!(
                f,
                "unknown flow `{flow}`; known flows: {}",
                flows::flow_ids().collect::<Vec<_>>().join(", ")
            ),
            AuthoringError::NoFlow => write!(
                f,
                "name at least one flow with --flow (known flows: {})",
                flows::flow_ids().collect::<Vec<_>>().join(", ")
            ),
            AuthoringError::AppExists { name, path } => write!(
                f,
                "the project already has an app named `{name}` ({path}); choose another name, or run `eca-ls configure {name} --flow …` to configure it"
            ),
            AuthoringError::AppExistsInOtherCase {
                name,
                existing,
                path,
            } => write!(
                f,
                "the project already has an app named `{existing}` ({path}), which differs from `{name}` only in letter case: {CASE_INSENSITIVE_FILES}; choose another name"
            ),
            AuthoringError::AppNotFound { name } => write!(
                f,
                "the project has no External Client App named `{name}` and no such file; `eca-ls flows` lists the apps"
            ),
            AuthoringError::FileExists { path } => write!(
                f,
                "{path} already exists and would be overwritten; move it away or choose another name"
            ),
            AuthoringError::FileNotEditable { path, reason } => {
                write!(f, "{path} cannot be edited: {reason}")
            }
            AuthoringError::InvalidValue {
                option,
                value,
                problem,
            } => write!(f, "{option} `{value}`: {problem}"),
            AuthoringError::MissingInput {
                flow,
                option,
                what,
                also,
                ..
            } => {
                let who = if flow.starts_with("every ") {
                    flow.clone()
                } else {
                    format!("the flow `{flow}`")
                };
                write!(f, "{who} needs {what}: give it with {option}")?;
                if !also.is_empty() {
                    write!(f, " (and {})", also.join(" and "))?;
                }
                Ok(())
            }
            AuthoringError::Conflict {
                first,
                second,
                setting,
                first_value,
                second_value,
            } => write!(
                f,
                "{first} and {second} cannot be combined: {first} needs `{setting}` = `{first_value}`, {second} needs `{second_value}`"
            ),
            AuthoringError::ExternalNotReady { flow, path, why } => write!(
                f,
                "the flow `{flow}` needs {path}, which names the app but does not work: {why}; mend it there first (it may serve other apps too)"
            ),
            AuthoringError::ApiVersionTooOld {
                flow,
                field,
                needs,
                project,
            } => write!(
                f,
                "the flow `{flow}` needs `{field}`, which API version {project} does not have (it came in {needs}); raise the project's API version or pass --api-version {needs}"
            ),
            AuthoringError::CannotChoose {
                flow,
                setting,
                what,
            } => write!(
                f,
                "the flow `{flow}` needs `{setting}` {what}; set it yourself"
            ),
            AuthoringError::NotClean { findings } => write!(
                f,
                "the result would not check clean, so nothing was written:\n  {}",
                findings.join("\n  ")
            ),
            AuthoringError::AccessChangeRefused { changes } => write!(
                f,
                "the flows need changes that take access away from the app's current users, so nothing was written; rerun with --allow-access-change to make them:\n  {}",
                changes.join("\n  ")
            ),
        }
    }
}

impl std::error::Error for AuthoringError {}

/// How a value the user gives is written: one line, a list, or the text of a PEM file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    /// Several items (`--scope Api --scope OpenID`, or an editor's comma-separated answer).
    List,
    /// A PEM certificate, read from a file.
    Certificate,
}

/// An option that gives the value of a setting a flow needs.
struct InputSlot {
    type_name: &'static str,
    field: &'static str,
    option: &'static str,
    /// The name of the request field that holds the value, as editors send it.
    input: &'static str,
    kind: InputKind,
    what: &'static str,
    /// The value the option gives, written as the field wants it.
    value: fn(&FlowRequest) -> Option<String>,
    /// A list field: given items are added to the items already there.
    list_separator: Option<&'static str>,
}

const INPUT_SLOTS: &[InputSlot] = &[
    InputSlot {
        type_name: GLOBAL,
        field: "callbackUrl",
        option: "--callback-url URL",
        input: "callbackUrls",
        kind: InputKind::List,
        what: "the callback URL the authorization code is sent to",
        value: |request| non_empty_join(&request.callback_urls, "\n"),
        list_separator: Some("\n"),
    },
    InputSlot {
        type_name: OAUTH_SETTINGS,
        field: "commaSeparatedOauthScopes",
        option: "--scope SCOPE",
        input: "scopes",
        kind: InputKind::List,
        what: "the OAuth scopes the app may ask for (such as `Api`, `OpenID`, `RefreshToken`)",
        value: |request| non_empty_join(&request.scopes, ", "),
        list_separator: Some(","),
    },
    InputSlot {
        type_name: POLICIES,
        field: "commaSeparatedPermissionSet",
        option: "--permission-set NAME",
        input: "permissionSets",
        kind: InputKind::List,
        what: "the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why",
        value: |request| non_empty_join(&request.permission_sets, ","),
        list_separator: Some(","),
    },
    InputSlot {
        type_name: POLICIES,
        field: "clientCredentialsFlowUser",
        option: "--run-as USERNAME",
        input: "runAs",
        kind: InputKind::Text,
        what: "the username tokens are issued for (an API-only user with as little access as possible)",
        value: |request| request.run_as.clone(),
        list_separator: None,
    },
    InputSlot {
        type_name: GLOBAL,
        field: "certificate",
        option: "--certificate FILE",
        input: "certificate",
        kind: InputKind::Certificate,
        what: "the PEM certificate that checks the JWTs the client signs",
        value: |request| request.certificate.clone(),
        list_separator: None,
    },
    InputSlot {
        type_name: OAUTH_SETTINGS,
        field: "clientAssertionCertificate",
        option: "--assertion-certificate FILE",
        input: "assertionCertificate",
        kind: InputKind::Certificate,
        what: "the PEM certificate that checks the client-attestation JWTs",
        value: |request| request.assertion_certificate.clone(),
        list_separator: None,
    },
];

/// A value the token exchange handler a new handler file describes needs, which only the user
/// knows: asked for (as the input slots are) when the project has no handler that enables the
/// app.
struct HandlerInput {
    option: &'static str,
    input: &'static str,
    kind: InputKind,
    what: &'static str,
    /// The value the request gives (a list joined by commas).
    value: fn(&FlowRequest) -> Option<String>,
}

/// The handler's Apex class (`tokenHandlerApex`), "a token exchange handler Apex class that
/// extends the Auth.Oauth2TokenExchangeHandler class" (Salesforce Help, Define a Token Exchange
/// Handler: https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_token_exchange_handler_define.htm&type=5).
const HANDLER_CLASS: HandlerInput = HandlerInput {
    option: "--token-exchange-handler APEX_CLASS",
    input: "tokenExchangeHandler",
    kind: InputKind::Text,
    what: "the Apex class that validates the identity provider's token and maps it to a Salesforce user (it extends `Auth.Oauth2TokenExchangeHandler`)",
    value: |request| request.token_exchange_handler.clone(),
};

/// The user who runs the handler's Apex class for the app (`apexExecutionUser` of the
/// enablement): "The ID of the user who runs the Apex token exchange handler. We recommend that
/// you use an integration user" (OauthTokenExchHandlerApp,
/// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtokenexchhandlerapp.htm).
/// Not `--run-as`: that user is the one the client credentials flow issues tokens for, this one
/// only runs the handler (tokens go to the user the handler maps).
const HANDLER_USER: HandlerInput = HandlerInput {
    option: "--apex-execution-user USERNAME",
    input: "apexExecutionUser",
    kind: InputKind::Text,
    what: "the username that runs the handler's Apex class (Salesforce recommends an integration user)",
    value: |request| request.apex_execution_user.clone(),
};

/// The token types the handler accepts: the handler's required `is…Supported` switches.
const HANDLER_TOKEN_TYPES: HandlerInput = HandlerInput {
    option: "--token-type TYPE",
    input: "tokenTypes",
    kind: InputKind::List,
    what: "the types of token the identity provider sends for exchange (access-token, id-token, jwt, refresh-token, saml2)",
    value: |request| non_empty_join(&token_types(request), ","),
};

/// The token types a token exchange handler can accept, by the name `--token-type` takes, and
/// the handler's switch that accepts it. The types are those of a token request's
/// `subject_token_type` (Auth.OAuth2TokenExchangeType:
/// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_enum_Auth_OAuth2TokenExchangeType.htm);
/// the switches those of OauthTokenExchangeHandler, all but `isSaml2Supported` marked required.
const TOKEN_TYPES: &[(&str, &str)] = &[
    ("access-token", "isAccessTokenSupported"),
    ("id-token", "isIdTokenSupported"),
    ("jwt", "isJwtSupported"),
    ("refresh-token", "isRefreshTokenSupported"),
    ("saml2", "isSaml2Supported"),
];

/// The request's token types, split at commas, trimmed, without blanks or repeats.
fn token_types(request: &FlowRequest) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for item in request.token_types.iter().flat_map(|item| item.split(',')) {
        let item = item.trim();
        if !item.is_empty() && !types.iter().any(|known| known == item) {
            types.push(item.to_string());
        }
    }
    types
}

/// A change that takes access away from an app's current users.
struct AccessChange {
    type_name: &'static str,
    field: &'static str,
    /// The new value that takes access away.
    value: &'static str,
    /// What happens to current users.
    effect: &'static str,
    /// Current users exist only while this flow switch is on (`None`: whatever flows are on).
    only_while: Option<Need>,
}

/// Each change of a setting that takes access away from current users, and what it does to
/// them. Sources: the Help article on OAuth 2.0 for First-Party Applications ("saving this
/// change causes all users currently using the app to lose access"), the global OAuth settings
/// reference (what each switch refuses).
const ACCESS_CHANGES: &[AccessChange] = &[
    AccessChange {
        type_name: POLICIES,
        field: "permittedUsersPolicyType",
        value: "AdminApprovedPreAuthorized",
        effect: "every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them",
        only_while: None,
    },
    AccessChange {
        type_name: GLOBAL,
        field: "isConsumerSecretOptional",
        value: "false",
        effect: "clients that exchange authorization codes without the consumer secret (public clients) are refused",
        only_while: None,
    },
    AccessChange {
        type_name: GLOBAL,
        field: "isPkceRequired",
        value: "true",
        effect: "clients that do not send a PKCE code challenge are refused",
        only_while: None,
    },
    AccessChange {
        type_name: GLOBAL,
        field: "isSecretRequiredForRefreshToken",
        value: "true",
        effect: "clients that refresh tokens without the consumer secret are refused",
        only_while: None,
    },
    AccessChange {
        type_name: GLOBAL,
        field: "isCodeCredPostOnly",
        value: "true",
        effect: "clients that send credentials to the authorize endpoint in a header or the URL are refused",
        only_while: Some(APP_CODE_CREDENTIALS),
    },
];

/// The API name rules of an External Client App, in the order they are checked. Source: the
/// object reference of ExternalClientApplication (`DeveloperName`).
pub const API_NAME_PAGE: &str = "https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-externalclientapplication.html";

/// Why two app names that differ only in letter case cannot live in one project.
pub const CASE_INSENSITIVE_FILES: &str = "the file systems of macOS and Windows ignore letter case by default, so both apps' files would be the same files there";

/// The app of `project` whose name is `name` but for letter case (`Portal` for `portal`);
/// `None` when no app's name differs from it only in case.
pub fn app_named_in_other_case(project: &Project, name: &str) -> Option<App> {
    project
        .apps()
        .into_iter()
        .find(|app| app.name != name && app.name.eq_ignore_ascii_case(name))
}

/// The file an existing app is named by in a message: its header, else its first component,
/// relative to the project's root.
pub fn shown_app_file(project: &Project, app: &App) -> String {
    let path = app
        .header
        .as_deref()
        .or_else(|| app.components.first().map(String::as_str))
        .unwrap_or_default();
    project.relative_path(path).to_string()
}

/// Why `url` cannot be a callback URL, or `None`. Salesforce sends the browser (or the app)
/// back to it, so it is an absolute URL: a scheme (`https:`, or an app's own such as
/// `myapp:`) and no white space, which would also split the list of URLs the file holds.
pub fn callback_url_problem(url: &str) -> Option<&'static str> {
    if url.chars().any(char::is_whitespace) {
        return Some("a callback URL cannot contain spaces or line breaks");
    }
    let scheme = url.split_once(':').map(|(scheme, _)| scheme);
    let valid_scheme = scheme.is_some_and(|scheme| {
        scheme.starts_with(|first: char| first.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|character| character.is_ascii_alphanumeric() || "+-.".contains(character))
    });
    if !valid_scheme || url.ends_with(':') {
        return Some(
            "not an absolute URL: a callback URL starts with its scheme, such as `https://` (or an app's own, such as `myapp:/callback`)",
        );
    }
    None
}

/// Why `username` cannot be a Salesforce username, or `None`. "The username must be in the
/// format of an email address, for example, jane@salesforce.com. The email used in your
/// username need not function" (Salesforce Help, Guidelines for Adding Users:
/// https://help.salesforce.com/s/articleView?id=platform.users_adding_guidelines.htm&type=5),
/// so only the form is checked: one `@` with something before it and a domain of dot-separated
/// parts after it (`jane@company.sandbox` is one of the page's examples), no white space.
pub fn username_problem(username: &str) -> Option<&'static str> {
    if username.chars().any(char::is_whitespace) {
        return Some("a Salesforce username cannot contain spaces or line breaks");
    }
    let email_like = username.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.split('.').count() >= 2
            && domain.split('.').all(|part| !part.is_empty())
    });
    (!email_like).then_some(
        "not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)",
    )
}

/// Why `class` cannot name the handler's Apex class, or `None`.
fn apex_class_problem(class: &str) -> Option<&'static str> {
    if class.is_empty() {
        return Some("it is empty");
    }
    if class.chars().any(char::is_whitespace) {
        return Some("an Apex class name cannot contain spaces");
    }
    None
}

/// Why files named after `name` could not be created everywhere, or `None`: Windows reserves
/// the device names `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9` and `LPT0`–`LPT9` in any letter
/// case, "also avoid these names followed immediately by an extension" — so `CON.eca-meta.xml`
/// cannot be created there (Microsoft, Naming Files, Paths, and Namespaces:
/// https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file).
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    let device = matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit());
    device.then_some(
        "it is a device name Windows reserves (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`), so the app's header file could not be created or checked out there, even with its suffix",
    )
}

/// Why `name` is not a valid API name for an External Client App, or `None` when it is.
pub fn api_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("it is empty");
    }
    if name.chars().count() > 40 {
        return Some("it must be 40 characters or fewer");
    }
    if name.contains(char::is_whitespace) {
        return Some("it cannot include spaces");
    }
    if !name
        .chars()
        .all(|character| character.is_ascii_alphanumeric() || character == '_')
    {
        return Some("it can contain only the letters A-Z and a-z, digits and underscores");
    }
    if !name.starts_with(|first: char| first.is_ascii_alphabetic()) {
        return Some("it must begin with a letter");
    }
    if name.ends_with('_') {
        return Some("it cannot end with an underscore");
    }
    if name.contains("__") {
        return Some("it cannot contain two consecutive underscores");
    }
    None
}

/// The plan that creates the app `new_app` in `project`: its header, OAuth settings, global
/// OAuth settings (never a secret), OAuth policies and plugin policies at `layout`, and the
/// org switches its flows need (in the project's org settings file, or a new one).
pub fn plan_new_app(
    project: &Project,
    layout: &Layout,
    new_app: &NewApp,
) -> Result<AppPlan, AuthoringError> {
    let name = new_app.name.as_str();
    if let Some(rule) = api_name_problem(name) {
        return Err(AuthoringError::InvalidName {
            name: name.to_string(),
            rule,
        });
    }
    if let Some(rule) = file_name_problem(name) {
        return Err(AuthoringError::UnportableName {
            name: name.to_string(),
            rule,
        });
    }
    let request = &new_app.request;
    let specs = requested_flows(request)?;
    if let Some(app) = project.app_named(name) {
        return Err(AuthoringError::AppExists {
            path: shown_app_file(project, &app),
            name: app.name,
        });
    }
    if let Some(app) = app_named_in_other_case(project, name) {
        return Err(AuthoringError::AppExistsInOtherCase {
            name: name.to_string(),
            path: shown_app_file(project, &app),
            existing: app.name,
        });
    }
    check_api_version(project, &specs)?;
    let label = new_app
        .label
        .clone()
        .unwrap_or_else(|| name.replace('_', " "));
    let mut draft = Draft::new(
        project,
        layout.clone(),
        name,
        label.clone(),
        Mode::New,
        request,
    );
    let distribution = match new_app.distribution {
        Distribution::Local => "Local",
        Distribution::Packaged => "Packaged",
    };
    draft.check_conflicts(&specs)?;
    draft.create_component(
        HEADER,
        vec![
            ("distributionState", distribution.to_string()),
            ("label", label),
        ],
    )?;
    for type_name in [OAUTH_SETTINGS, GLOBAL, POLICIES, PLUGIN_POLICIES] {
        draft.create_missing(type_name)?;
    }
    draft.configure(&specs)?;
    draft.finish(&specs)
}

/// The plan that configures the existing app `app_name` of `project` for the requested flows:
/// its files edited in place, the missing ones created next to its other files (or at
/// `layout` when the app has none the layout can be read from).
pub fn plan_configure(
    project: &Project,
    fallback_layout: &Layout,
    app_name: &str,
    request: &FlowRequest,
) -> Result<AppPlan, AuthoringError> {
    let specs = requested_flows(request)?;
    let Some(app) = project.app_named(app_name) else {
        return Err(AuthoringError::AppNotFound {
            name: app_name.to_string(),
        });
    };
    check_api_version(project, &specs)?;
    let layout = app
        .header
        .iter()
        .chain(&app.components)
        .find_map(|path| Layout::of_existing(path))
        .unwrap_or_else(|| fallback_layout.clone());
    let label = app
        .header
        .as_deref()
        .and_then(|path| View::root(project.file(path)?))
        .and_then(|header| header.text("label"))
        .map_or_else(|| app.name.replace('_', " "), Cow::into_owned);
    let mut draft = Draft::new(project, layout, &app.name, label, Mode::Configure, request);
    draft.configure(&specs)?;
    draft.finish(&specs)
}

/// The flows of a project's app that are not `ready` (not switched on, incomplete, or
/// unknown), in the schema's order: what the editor offers to configure.
pub fn flows_not_ready(project: &Project, app: &App) -> Vec<&'static str> {
    let readiness = flows::app_flows(project, app);
    flows::flow_ids()
        .filter(|id| {
            !readiness
                .flows
                .iter()
                .any(|flow| flow.flow_id == *id && flow.state == FlowState::Ready)
        })
        .collect()
}

/// The oldest API version a flow can be configured at: the newest `since` of the types the
/// engine writes and of the fields the flow switches on or requires.
pub fn oldest_api_version(flow_id: &str) -> Option<ApiVersion> {
    let project = Project::new(
        "",
        crate::model::project::ApiVersionChoice::schema_default(),
        crate::model::config::Config::default(),
    );
    let app = App {
        name: String::new(),
        header: None,
        components: Vec::new(),
    };
    let context = AppContext::new(&project, &app);
    let setup = flows::flow_setup(&context, flow_id)?;
    let schema = Schema::get();
    let types = WRITTEN_TYPES
        .iter()
        .copied()
        .chain(flows::external_types(flow_id));
    let type_versions = types.filter_map(|name| schema.type_named(name)?.since);
    let field_versions = setup
        .iter()
        .filter(|need| need.required)
        .filter_map(|need| schema.type_named(need.type_name)?.field(need.field)?.since);
    type_versions.chain(field_versions).max()
}

/// The app's own types the engine writes for every flow (a flow's external types come on top).
const WRITTEN_TYPES: [&str; 5] = [HEADER, OAUTH_SETTINGS, GLOBAL, POLICIES, PLUGIN_POLICIES];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A new app: every setting a flow names is written out, recommendations included, and
    /// nobody uses the app yet.
    New,
    /// An existing app: only what is unmet changes, and current users keep their access
    /// unless the request allows otherwise.
    Configure,
}

/// The project as the plan leaves it, and how it got there.
struct Draft<'r> {
    project: Project,
    /// The project before the plan, for what current users have.
    initial: Project,
    layout: Layout,
    app_name: String,
    label: String,
    mode: Mode,
    request: &'r FlowRequest,
    /// Path → text before the plan (`None` for a file the plan creates).
    originals: BTreeMap<String, Option<String>>,
    changes: Vec<Change>,
    held_back: Vec<HeldBack>,
    /// Who set each setting to which value in this plan: a second asker that wants another
    /// value is a conflict.
    set_by: BTreeMap<(&'static str, &'static str), (String, String)>,
}

/// What the engine does about one need.
enum Step {
    Nothing,
    Set(String),
    CreateFile,
    HoldBack(String),
}

impl<'r> Draft<'r> {
    fn new(
        project: &Project,
        layout: Layout,
        app_name: &str,
        label: String,
        mode: Mode,
        request: &'r FlowRequest,
    ) -> Draft<'r> {
        Draft {
            project: project.clone(),
            initial: project.clone(),
            layout,
            app_name: app_name.to_string(),
            label,
            mode,
            request,
            originals: BTreeMap::new(),
            changes: Vec::new(),
            held_back: Vec::new(),
            set_by: BTreeMap::new(),
        }
    }

    fn app(&self) -> App {
        self.project.app_named(&self.app_name).unwrap_or(App {
            name: self.app_name.clone(),
            header: None,
            components: Vec::new(),
        })
    }

    /// Write what the user gave, then set every unmet setting of every requested flow, round
    /// after round, since one setting may bring a need of its own.
    fn configure(&mut self, flows: &[&'static str]) -> Result<(), AuthoringError> {
        self.check_conflicts(flows)?;
        self.apply_client()?;
        self.apply_inputs()?;
        const MAX_ROUNDS: usize = 8;
        for _ in 0..MAX_ROUNDS {
            let mut changed = false;
            for flow in self.flows_to_configure(flows) {
                for need in self.needs_of(flow) {
                    changed |= self.meet(flow, &need)?;
                }
            }
            if !changed {
                break;
            }
        }
        self.meet_external(flows)
    }

    /// The needs of the flows in components outside the app's files: a token exchange handler
    /// that enables the app, written when no file of the project names the app (with the
    /// class, execution user and token types only the user knows). A handler that names the
    /// app but does not work is the user's to mend: it may serve other apps, and switching it
    /// on is not this app's decision.
    fn meet_external(&mut self, flows: &[&'static str]) -> Result<(), AuthoringError> {
        for flow in self.flows_to_configure(flows) {
            let app = self.app();
            let readiness = flows::app_flows(&self.project, &app);
            let unmet: Vec<Option<(String, String)>> = readiness
                .flows
                .iter()
                .filter(|readiness| readiness.flow_id == flow)
                .flat_map(|readiness| &readiness.needs)
                .filter(|need| need.required && need.type_name == flows::TOKEN_EXCHANGE_HANDLER)
                .map(|need| need.path.clone().map(|path| (path, need.why.clone())))
                .collect();
            for need in unmet {
                match need {
                    None => self.create_token_exchange_handler(flow)?,
                    Some((path, why)) => {
                        return Err(AuthoringError::ExternalNotReady {
                            flow: flow.to_string(),
                            path: self.project.relative_path(&path).to_string(),
                            why,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// A new token exchange handler named after the app, switched on, whose one enablement
    /// names the app (`externalClientApp`) as its default handler: "To complete enablement, add
    /// an enablements field that specifies the enablement settings" (OauthTokenExchangeHandler,
    /// https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthtokenexchangehandler.htm);
    /// the default handler is the one a token request that names no `token_handler` gets
    /// (OauthTokenExchHandlerApp, `IsDefault`,
    /// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtokenexchhandlerapp.htm).
    /// Every switch the metadata reference marks required is written; `isUserCreationAllowed`
    /// is `false`, "The default value is false" (OauthTokenExchangeHandler object,
    /// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_oauthtokenexchangehandler.htm),
    /// since creating users is the user's decision.
    fn create_token_exchange_handler(&mut self, flow: &str) -> Result<(), AuthoringError> {
        let inputs = [&HANDLER_CLASS, &HANDLER_USER, &HANDLER_TOKEN_TYPES];
        let given = |input: &HandlerInput| {
            (input.value)(self.request).ok_or_else(|| AuthoringError::MissingInput {
                flow: flow.to_string(),
                option: input.option,
                input: input.input,
                kind: input.kind,
                what: input.what,
                also: inputs
                    .iter()
                    .filter(|other| other.input != input.input)
                    .filter(|other| (other.value)(self.request).is_none())
                    .map(|other| other.option)
                    .collect(),
            })
        };
        let class = given(&HANDLER_CLASS)?;
        let user = given(&HANDLER_USER)?;
        given(&HANDLER_TOKEN_TYPES)?;
        let accepted = token_types(self.request);
        // The handler's label holds 80 characters, its description 255 (the field reference
        // of OauthTokenExchangeHandler:
        // https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-oauthtokenexchangehandler.html):
        // the app's label when it fits, else its API name (40 at most).
        let label = if self.label.chars().count() <= 80 {
            self.label.clone()
        } else {
            self.app_name.clone()
        };
        let text = |value: &str| FieldContent::Text(value.to_string());
        let mut fields: Vec<(String, FieldContent)> = vec![
            (
                "description".to_string(),
                text(&format!(
                    "Validates the identity provider's tokens for the External Client App {} and maps them to Salesforce users",
                    self.app_name
                )),
            ),
            ("developerName".to_string(), text(&self.app_name)),
            (
                "enablements".to_string(),
                FieldContent::Nested(vec![
                    ("apexExecutionUser".to_string(), text(&user)),
                    ("externalClientApp".to_string(), text(&self.app_name)),
                    ("isDefault".to_string(), text("true")),
                ]),
            ),
            ("isEnabled".to_string(), text("true")),
            ("isUserCreationAllowed".to_string(), text("false")),
            ("masterLabel".to_string(), text(&label)),
            ("tokenHandlerApex".to_string(), text(&class)),
        ];
        for (token_type, field) in TOKEN_TYPES {
            let on = accepted.iter().any(|given| given == token_type);
            fields.push((field.to_string(), text(if on { "true" } else { "false" })));
        }
        let Some(path) = self.create_component_with(flows::TOKEN_EXCHANGE_HANDLER, fields)? else {
            return Ok(());
        };
        let mut change = |field: &str, after: String, why: String| {
            self.changes.push(Change {
                path: path.clone(),
                type_name: flows::TOKEN_EXCHANGE_HANDLER.to_string(),
                field: field.to_string(),
                before: None,
                after,
                why,
                flow: Some(flow.to_string()),
                access_change: None,
            });
        };
        change("tokenHandlerApex", class, HANDLER_CLASS.what.to_string());
        change(
            "enablements",
            self.app_name.clone(),
            format!(
                "enables the handler for this app, its Apex class run as `{user}`, as the app's default handler (used when a token request names no `token_handler`)"
            ),
        );
        change(
            "isEnabled",
            "true".to_string(),
            "switches the handler on".to_string(),
        );
        for (token_type, field) in TOKEN_TYPES {
            if accepted.iter().any(|given| given == token_type) {
                change(
                    field,
                    "true".to_string(),
                    format!("the handler accepts `{token_type}` tokens (--token-type)"),
                );
            }
        }
        Ok(())
    }

    /// The requested flows and, for a new app, every other flow its settings switch on (the
    /// guest flow switches on the flow it is a variation of; a callback URL, the web server
    /// flow): `eca-ls flows` lists those too, and a new app has them all ready.
    fn flows_to_configure(&self, requested: &[&'static str]) -> Vec<&'static str> {
        let mut flows = requested.to_vec();
        if self.mode == Mode::New {
            let app = self.app();
            let context = AppContext::new(&self.project, &app);
            flows.extend(
                flows::flow_ids().filter(|flow| {
                    !requested.contains(flow) && flows::flow_enabled(&context, flow)
                }),
            );
        }
        flows
    }

    /// Two requested flows (or a flow and `--client`) that want different values of one
    /// setting, found before anything is asked or written. (A conflict that only shows once
    /// settings are made is caught when the second value is set.)
    fn check_conflicts(&self, flows: &[&'static str]) -> Result<(), AuthoringError> {
        let mut wanted: Vec<(String, Need)> = Vec::new();
        match self.request.client {
            Some(ClientKind::Public) => wanted.push(("--client public".to_string(), PUBLIC_CLIENT)),
            Some(ClientKind::Private) => {
                wanted.push(("--client private".to_string(), PRIVATE_CLIENT));
            }
            None => {}
        }
        for flow in flows {
            for need in self.needs_of(flow).into_iter().filter(|need| need.required) {
                wanted.push((flow.to_string(), need));
            }
        }
        for (index, (first, first_need)) in wanted.iter().enumerate() {
            for (second, second_need) in &wanted[index + 1..] {
                let same_setting = first_need.type_name == second_need.type_name
                    && first_need.field == second_need.field;
                let (Some(first_value), Some(second_value)) =
                    (first_need.value(), second_need.value())
                else {
                    continue;
                };
                if same_setting && first != second && first_value != second_value {
                    return Err(AuthoringError::Conflict {
                        first: first.clone(),
                        second: second.clone(),
                        setting: first_need.setting(),
                        first_value: first_value.to_string(),
                        second_value: second_value.to_string(),
                    });
                }
            }
        }
        Ok(())
    }

    /// `--client`: whether the consumer secret is optional in the code exchange.
    fn apply_client(&mut self) -> Result<(), AuthoringError> {
        let need = match self.request.client {
            Some(ClientKind::Public) => PUBLIC_CLIENT,
            Some(ClientKind::Private) => PRIVATE_CLIENT,
            None => return Ok(()),
        };
        let asker = match self.request.client {
            Some(ClientKind::Public) => "--client public",
            _ => "--client private",
        };
        self.meet(asker, &need)?;
        // A public client exchanges codes without the secret: PKCE protects the exchange, and
        // the file says so (an absent `isPkceRequired` does not count as required).
        if self.request.client == Some(ClientKind::Public) {
            self.meet(asker, &PKCE_FOR_PUBLIC_CLIENT)?;
        }
        Ok(())
    }

    /// The values the user gave: written where absent; list items added to the lists already
    /// there; a different single value replaced (taking access away is held back).
    fn apply_inputs(&mut self) -> Result<(), AuthoringError> {
        for slot in INPUT_SLOTS {
            let Some(given) = (slot.value)(self.request) else {
                continue;
            };
            if self.holder(slot.type_name).is_none() {
                self.create_missing(slot.type_name)?;
            }
            let current = self
                .holder(slot.type_name)
                .and_then(|holder| holder.text(slot.field));
            let value = match (current, slot.list_separator) {
                (None, _) => given,
                (Some(current), Some(separator)) => {
                    match merged_list(&current, &given, separator) {
                        Some(merged) => merged,
                        None => continue,
                    }
                }
                (Some(current), None) if current.trim() == given.trim() => continue,
                (Some(_), None) => given,
            };
            let option = slot.option.split(' ').next().unwrap_or(slot.option);
            self.set_checked(slot.type_name, slot.field, &value, slot.what, option, true)?;
        }
        Ok(())
    }

    /// The settings a flow takes in the draft as it stands.
    fn needs_of(&self, flow: &str) -> Vec<Need> {
        let app = self.app();
        let context = AppContext::new(&self.project, &app);
        flows::flow_setup(&context, flow).unwrap_or_default()
    }

    /// Meet one need of `asker` (a flow id or an option); whether the draft changed.
    fn meet(&mut self, asker: &str, need: &Need) -> Result<bool, AuthoringError> {
        match self.step(asker, need)? {
            Step::Nothing => Ok(false),
            Step::CreateFile => {
                self.create_missing(need.type_name)?;
                Ok(true)
            }
            Step::HoldBack(reason) => {
                self.hold_back(asker, need, String::new(), reason, false);
                Ok(false)
            }
            Step::Set(value) => self.set_checked(
                need.type_name,
                need.field,
                &value,
                need.why,
                asker,
                need.required,
            ),
        }
    }

    fn step(&self, asker: &str, need: &Need) -> Result<Step, AuthoringError> {
        let app = self.app();
        let context = AppContext::new(&self.project, &app);
        let Some(holder) = conditions::holder(&context, need.type_name) else {
            return Ok(Step::CreateFile);
        };
        let version = self.project.api_version.version;
        let exists_at_version = holder
            .type_def
            .field(need.field)
            .is_some_and(|field| field.since.is_none_or(|since| since <= version));
        if !exists_at_version {
            // Only recommendations get here (`check_api_version` vetted the required ones):
            // the flow runs without them.
            return Ok(Step::Nothing);
        }
        let met = matches!(need.evaluate(&context), Status::Met);
        let written = holder.field(need.field).is_some();
        // A new app states each value its flows name, even where the default would do: the
        // file then says what the app does, whatever the documented default.
        let state_it = self.mode == Mode::New && !written && need.value().is_some();
        if met && !state_it {
            return Ok(Step::Nothing);
        }
        let value = match need.want {
            Want::Value(value) | Want::Written(value) => value.to_string(),
            Want::ListContains(items) => {
                let Some(added) = items.first() else {
                    return Ok(Step::Nothing);
                };
                match holder.text(need.field) {
                    Some(list) => merged_list(&list, added, ",").unwrap_or(list.into_owned()),
                    None => (*added).to_string(),
                }
            }
            Want::NonEmpty | Want::NonEmptyOr(_) => {
                let slot = input_slot(need.type_name, need.field);
                let option = slot.map_or("", |slot| slot.option);
                let input = slot.map_or("", |slot| slot.input);
                let kind = slot.map_or(InputKind::Text, |slot| slot.kind);
                let what = slot.map_or("a value only you know", |slot| slot.what);
                if !need.required && self.mode == Mode::Configure {
                    return Ok(Step::HoldBack(format!("{what}; give it with {option}")));
                }
                return Err(AuthoringError::MissingInput {
                    flow: asker.to_string(),
                    option: if option.is_empty() {
                        "an edit of the file"
                    } else {
                        option
                    },
                    input,
                    kind,
                    what,
                    also: Vec::new(),
                });
            }
            Want::Not(avoided) => {
                if !need.required {
                    return Ok(Step::Nothing);
                }
                let schema = Schema::get();
                let choices: Vec<String> = holder
                    .type_def
                    .field(need.field)
                    .map(|field| schema.values_of(field))
                    .unwrap_or_default()
                    .iter()
                    .filter(|choice| !choice.internal && choice.value != avoided)
                    .map(|choice| format!("`{}`", choice.value))
                    .collect();
                return Err(AuthoringError::CannotChoose {
                    flow: asker.to_string(),
                    setting: need.setting(),
                    what: format!(
                        "set to something other than `{avoided}` ({}), and which one decides how long its tokens live",
                        choices.join(", ")
                    ),
                });
            }
        };
        Ok(Step::Set(value))
    }

    /// Set a setting unless another asker of this plan wants another value (a conflict) or the
    /// change takes access away without leave (held back); whether the draft changed.
    fn set_checked(
        &mut self,
        type_name: &'static str,
        field: &'static str,
        value: &str,
        why: &str,
        asker: &str,
        required: bool,
    ) -> Result<bool, AuthoringError> {
        if let Some((earlier_value, earlier_asker)) = self.set_by.get(&(type_name, field)) {
            if earlier_value != value && earlier_asker != asker {
                return Err(AuthoringError::Conflict {
                    first: earlier_asker.clone(),
                    second: asker.to_string(),
                    setting: format!("{type_name}.{field}"),
                    first_value: earlier_value.clone(),
                    second_value: value.to_string(),
                });
            }
        }
        // Before anything about the current value: which value is current is what a file with
        // syntax errors or a field written twice cannot tell.
        self.editable(type_name, field)?;
        let access = match self.mode {
            Mode::New => None,
            Mode::Configure => self.access_change(type_name, field, value),
        };
        if let Some(effect) = &access {
            if !self.request.allow_access_change {
                let need = Need {
                    type_name,
                    field,
                    want: Want::NonEmpty,
                    required,
                    why: "",
                    alternative: None,
                };
                self.hold_back(
                    asker,
                    &need,
                    value.to_string(),
                    format!("it takes access away: {effect}"),
                    true,
                );
                return Ok(false);
            }
        }
        self.set_by
            .insert((type_name, field), (value.to_string(), asker.to_string()));
        self.set(type_name, field, value, why, asker, access);
        Ok(true)
    }

    /// Whether the file that holds this type's settings can take a new value of `field`: not
    /// when its syntax errors hide where its elements end, nor when the field is written more
    /// than once (which of them counts is not eca-ls's to guess).
    fn editable(&self, type_name: &str, field: &str) -> Result<(), AuthoringError> {
        let Some(holder) = self.holder(type_name) else {
            return Ok(());
        };
        let path = holder.file.path.clone();
        if !holder.file.parse.errors.is_empty() {
            return Err(AuthoringError::FileNotEditable {
                path,
                reason: "it has syntax errors, so eca-ls cannot tell where its elements end; fix them first (`eca-ls check` lists them)".to_string(),
            });
        }
        let document = &holder.file.parse.document;
        let written = document
            .child_elements(holder.element)
            .filter(|child| document.element(*child).local_name() == field)
            .count();
        if written > 1 {
            return Err(AuthoringError::FileNotEditable {
                path,
                reason: format!(
                    "`{field}` is written {written} times in it, and eca-ls will not guess which one counts; keep one (`eca-ls check` points at the others)"
                ),
            });
        }
        Ok(())
    }

    fn set(
        &mut self,
        type_name: &str,
        field: &str,
        value: &str,
        why: &str,
        asker: &str,
        access_change: Option<String>,
    ) {
        let Some(holder) = self.holder(type_name) else {
            return;
        };
        let before = holder
            .field(field)
            .map(|written| written.value.into_owned());
        // A certificate read on Windows, or a list of callback URLs, spans lines: they end as
        // the file's own lines do.
        let value = in_line_endings_of(&holder.file.text, value);
        let value = value.as_str();
        if before.as_deref() == Some(value) {
            return;
        }
        let edit = edits::set_field(holder.file, holder.element, holder.type_def, field, value);
        let path = holder.file.path.clone();
        let original = holder.file.text.to_string();
        let text = apply_edit(&original, &edit);
        self.originals.entry(path.clone()).or_insert(Some(original));
        self.project.set_file(path.clone(), text);
        self.changes.push(Change {
            path,
            type_name: type_name.to_string(),
            field: field.to_string(),
            before,
            after: value.to_string(),
            why: why.to_string(),
            flow: (!asker.starts_with("--")).then(|| asker.to_string()),
            access_change,
        });
    }

    fn hold_back(
        &mut self,
        asker: &str,
        need: &Need,
        wanted: String,
        reason: String,
        takes_access_away: bool,
    ) {
        let path = self
            .holder(need.type_name)
            .map(|holder| holder.file.path.clone())
            .unwrap_or_default();
        let wanted = if wanted.is_empty() {
            need.value().unwrap_or_default().to_string()
        } else {
            wanted
        };
        let held = HeldBack {
            path,
            type_name: need.type_name.to_string(),
            field: need.field.to_string(),
            wanted,
            flow: asker.to_string(),
            reason,
            required: need.required,
            takes_access_away,
        };
        if !self.held_back.contains(&held) {
            self.held_back.push(held);
        }
    }

    /// What changing the setting to `value` does to the app's current users, when it takes
    /// access away: a value of [`ACCESS_CHANGES`] the app did not have before the plan, or a
    /// flow switch turned off, or a run-as user or certificate replaced.
    fn access_change(&self, type_name: &str, field: &str, value: &str) -> Option<String> {
        let app = self.initial.app_named(&self.app_name)?;
        let context = AppContext::new(&self.initial, &app);
        let holder = conditions::holder(&context, type_name)?;
        let before = conditions::effective_value(&holder, field);
        if before.as_deref() == Some(value) {
            return None;
        }
        for change in ACCESS_CHANGES {
            if change.type_name != type_name || change.field != field || change.value != value {
                continue;
            }
            let users_exist = change
                .only_while
                .is_none_or(|switch| switch.is_met_in(&holder));
            return users_exist.then(|| change.effect.to_string());
        }
        if field.starts_with("is") && field.ends_with("Enabled") && value == "false" {
            return (before.as_deref() == Some("true")).then(|| {
                format!("turning `{field}` off stops what it switches on for everyone using it")
            });
        }
        let replaces_identity =
            input_slot(type_name, field).is_some_and(|slot| slot.list_separator.is_none());
        if replaces_identity && holder.text(field).is_some() {
            return Some(format!(
                "replacing `{field}` breaks the clients and tokens that rely on the current value"
            ));
        }
        None
    }

    /// The file of the app (or the org settings) that holds settings of this type.
    fn holder(&self, type_name: &str) -> Option<View<'_>> {
        let is_settings = Schema::get()
            .type_named(type_name)
            .is_some_and(|type_def| type_def.kind == TypeKind::Settings);
        if is_settings {
            return View::root(self.project.org_settings(type_name)?);
        }
        let app = self.project.app_named(&self.app_name)?;
        app.components
            .iter()
            .filter_map(|path| self.project.file(path))
            .filter_map(View::root)
            .find(|view| view.type_def.name == type_name)
    }

    /// A new component of the app (or the org settings file) with these fields.
    fn create_component(
        &mut self,
        type_name: &'static str,
        fields: Vec<(&str, String)>,
    ) -> Result<Option<String>, AuthoringError> {
        let fields = fields
            .into_iter()
            .map(|(field, value)| (field.to_string(), FieldContent::Text(value)))
            .collect();
        self.create_component_with(type_name, fields)
    }

    /// A new component named after the app (or the org settings file), with these fields,
    /// nested ones included.
    fn create_component_with(
        &mut self,
        type_name: &'static str,
        fields: Vec<(String, FieldContent)>,
    ) -> Result<Option<String>, AuthoringError> {
        // Every type the engine writes has a folder and a suffix (a test creates each).
        let Some(type_def) = Schema::get().type_named(type_name) else {
            return Ok(None);
        };
        let name = component_files::component_name(&self.app_name, type_def);
        let Some(path) = self.layout.path_of(type_def, &name) else {
            return Ok(None);
        };
        if self.project.file(&path).is_some() || self.originals.contains_key(&path) {
            return Err(AuthoringError::FileExists {
                path: self.project.relative_path(&path).to_string(),
            });
        }
        let text = component_files::component_text(type_def, &fields);
        self.originals.insert(path.clone(), None);
        self.project.set_file(path.clone(), text);
        Ok(Some(path))
    }

    /// Create the app's missing file of this type, with what ties it to the app.
    fn create_missing(&mut self, type_name: &'static str) -> Result<(), AuthoringError> {
        let is_settings = Schema::get()
            .type_named(type_name)
            .is_some_and(|type_def| type_def.kind == TypeKind::Settings);
        if is_settings {
            return self.create_component(type_name, Vec::new()).map(|_| ());
        }
        let Some(type_def) = Schema::get().type_named(type_name) else {
            return Ok(());
        };
        // The fields the schema requires (or Salesforce's docs call required): a new file
        // without them would not check clean.
        let mut fields = Vec::new();
        let mut given = Vec::new();
        for field in &type_def.fields {
            if field.requirement == Requirement::Optional && field.name != "label" {
                continue;
            }
            let value = if field.name == APP_REFERENCE_FIELD {
                self.app_name.clone()
            } else if field.name == "label" {
                self.label.clone()
            } else if let Some(slot) = input_slot(type_name, &field.name) {
                match (slot.value)(self.request) {
                    Some(value) => {
                        given.push((field.name.as_str(), slot.what, value.clone()));
                        value
                    }
                    None => {
                        return Err(AuthoringError::MissingInput {
                            flow: format!("every {type_name} file (`{}`)", field.name),
                            option: slot.option,
                            input: slot.input,
                            kind: slot.kind,
                            what: slot.what,
                            also: Vec::new(),
                        });
                    }
                }
            } else if let Some(default) = &field.default {
                default.clone()
            } else {
                continue;
            };
            fields.push((field.name.as_str(), value));
        }
        let Some(path) = self.create_component(type_name, fields)? else {
            return Ok(());
        };
        for (field, why, value) in given {
            self.changes.push(Change {
                path: path.clone(),
                type_name: type_name.to_string(),
                field: field.to_string(),
                before: None,
                after: value,
                why: why.to_string(),
                flow: None,
                access_change: None,
            });
        }
        Ok(())
    }

    /// The plan, once the result checks clean and no required change was held back.
    fn finish(self, flows: &[&'static str]) -> Result<AppPlan, AuthoringError> {
        let refused: Vec<String> = self
            .held_back
            .iter()
            .filter(|held| held.required)
            .map(|held| {
                format!(
                    "{}.{} = `{}` (for {}): {}",
                    held.type_name, held.field, held.wanted, held.flow, held.reason
                )
            })
            .collect();
        if !refused.is_empty() {
            return Err(AuthoringError::AccessChangeRefused { changes: refused });
        }
        let touched: Vec<&String> = self.originals.keys().collect();
        let after = crate::checks::project_diagnostics_of(&self.project, |path| {
            touched.iter().any(|touched| touched.as_str() == path)
        });
        let before = crate::checks::project_diagnostics_of(&self.initial, |path| {
            touched.iter().any(|touched| touched.as_str() == path)
        });
        let mut findings = Vec::new();
        for (path, diagnostics) in &after {
            for diagnostic in diagnostics {
                let serious = match self.mode {
                    Mode::New => diagnostic.severity <= Severity::Warning,
                    Mode::Configure => diagnostic.severity == Severity::Error,
                };
                let was_there = before.get(path).is_some_and(|old| {
                    old.iter()
                        .any(|old| old.code == diagnostic.code && old.message == diagnostic.message)
                });
                if serious && !was_there {
                    findings.push(format!(
                        "{}: {}[{}] {}",
                        self.project.relative_path(path),
                        diagnostic.severity,
                        diagnostic.code,
                        diagnostic.message
                    ));
                }
            }
        }
        if !findings.is_empty() {
            return Err(AuthoringError::NotClean { findings });
        }
        let app = self.app();
        let readiness = flows::app_flows(&self.project, &app);
        let states = flows
            .iter()
            .map(|flow| {
                let state = readiness
                    .flows
                    .iter()
                    .find(|readiness| readiness.flow_id == *flow)
                    .map_or(FlowState::Incomplete, |readiness| readiness.state);
                (flow.to_string(), state)
            })
            .collect();
        let files: Vec<PlannedFile> = self
            .originals
            .iter()
            .filter_map(|(path, original)| {
                let text = self.project.file(path)?.text.to_string();
                (original.as_deref() != Some(text.as_str())).then(|| PlannedFile {
                    path: path.clone(),
                    original: original.clone(),
                    text,
                })
            })
            .collect();
        let plan = file_operations(&self.app_name, &files, &self.changes)?;
        Ok(AppPlan {
            app: self.app_name.clone(),
            header: app.header.clone(),
            files,
            changes: self.changes,
            held_back: self.held_back,
            flows: states,
            plan,
        })
    }
}

/// The plan's file operations: each new file created whole, each edited file replaced line
/// run by line run, every operation with the reasons of the settings it writes.
fn file_operations(
    app_name: &str,
    files: &[PlannedFile],
    changes: &[Change],
) -> Result<Plan, AuthoringError> {
    let mut plan = Plan::new();
    let refused = |error: crate::writers::PlanError| AuthoringError::NotClean {
        findings: vec![format!("the plan is inconsistent: {error}")],
    };
    for file in files.iter().filter(|file| file.original.is_none()) {
        let of_file: Vec<&Change> = changes
            .iter()
            .filter(|change| change.path == file.path)
            .collect();
        let what = crate::model::file_kind::detect(&file.path, None)
            .map(|kind| describe_type(kind.type_def.name.as_str()))
            .unwrap_or("file");
        let is_org_settings = crate::model::file_kind::detect(&file.path, None)
            .is_some_and(|kind| kind.type_def.kind == TypeKind::Settings);
        let mut reason = if is_org_settings {
            format!("new {what}, which apply to every app of the org")
        } else {
            format!("new {what} of `{app_name}`")
        };
        if !of_file.is_empty() {
            reason.push_str(": ");
            reason.push_str(&reasons(&of_file));
        }
        plan.create(file.path.clone(), file.text.clone(), reason)
            .map_err(refused)?;
    }
    for file in files {
        let Some(original) = &file.original else {
            continue;
        };
        let of_file: Vec<&Change> = changes
            .iter()
            .filter(|change| change.path == file.path)
            .collect();
        for changed in changed_ranges(original, &file.text) {
            let in_range: Vec<&Change> = of_file
                .iter()
                .copied()
                .filter(|change| changed.new_text.contains(&format!("<{}>", change.field)))
                .collect();
            let reason = if in_range.is_empty() {
                reasons(&of_file)
            } else {
                reasons(&in_range)
            };
            plan.replace(
                file.path.clone(),
                original,
                [(changed.range, changed.new_text)],
                reason,
            )
            .map_err(refused)?;
        }
    }
    Ok(plan)
}

/// `` `field` = `value`: why `` for each change, `;`-separated, with what a change that takes
/// access away does to current users.
fn reasons(changes: &[&Change]) -> String {
    changes
        .iter()
        .map(|change| {
            let value = change.after.lines().next().unwrap_or_default();
            let mut reason = format!("`{}` = `{value}`: {}", change.field, change.why);
            if let Some(effect) = &change.access_change {
                reason.push_str(&format!(" (takes access away: {effect})"));
            }
            reason
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A type's files in words, for the reasons of a plan.
fn describe_type(type_name: &str) -> &'static str {
    match type_name {
        HEADER => "header (`.eca`)",
        flows::TOKEN_EXCHANGE_HANDLER => "token exchange handler (`.oauthtokenexchangehandler`)",
        other => conditions::type_in_words(other),
    }
}

/// Whether `flow` is a flow id eca-ls knows, as the `'static` id.
fn known_flow(flow: &str) -> Option<&'static str> {
    flows::flow_ids().find(|known| *known == flow)
}

/// The requested flows, known and without repeats, in the order asked.
fn requested_flows(request: &FlowRequest) -> Result<Vec<&'static str>, AuthoringError> {
    if request.flows.is_empty() {
        return Err(AuthoringError::NoFlow);
    }
    for url in &request.callback_urls {
        if let Some(problem) = callback_url_problem(url) {
            return Err(AuthoringError::InvalidValue {
                option: "--callback-url",
                value: url.clone(),
                problem,
            });
        }
    }
    let users = [
        ("--run-as", &request.run_as),
        ("--apex-execution-user", &request.apex_execution_user),
    ];
    for (option, user) in users {
        if let Some(user) = user {
            if let Some(problem) = username_problem(user) {
                return Err(AuthoringError::InvalidValue {
                    option,
                    value: user.clone(),
                    problem,
                });
            }
        }
    }
    if let Some(class) = &request.token_exchange_handler {
        if let Some(problem) = apex_class_problem(class) {
            return Err(AuthoringError::InvalidValue {
                option: "--token-exchange-handler",
                value: class.clone(),
                problem,
            });
        }
    }
    for token_type in token_types(request) {
        if !TOKEN_TYPES.iter().any(|(known, _)| *known == token_type) {
            return Err(AuthoringError::InvalidValue {
                option: "--token-type",
                value: token_type,
                problem: "not a token type; use access-token, id-token, jwt, refresh-token or saml2",
            });
        }
    }
    let mut flows: Vec<&'static str> = Vec::new();
    for flow in &request.flows {
        let Some(known) = known_flow(flow) else {
            return Err(AuthoringError::UnknownFlow { flow: flow.clone() });
        };
        if !flows.contains(&known) {
            flows.push(known);
        }
    }
    // The handler's values only go into a handler file, which only the token exchange flow
    // asks for: given without it, they would silently do nothing.
    let handler_flow_requested = flows.iter().any(|flow| {
        flows::external_types(flow).any(|type_name| type_name == flows::TOKEN_EXCHANGE_HANDLER)
    });
    if !handler_flow_requested {
        for input in [&HANDLER_CLASS, &HANDLER_USER, &HANDLER_TOKEN_TYPES] {
            if let Some(value) = (input.value)(request) {
                let option = input.option.split(' ').next().unwrap_or(input.option);
                return Err(AuthoringError::InvalidValue {
                    option,
                    value,
                    problem: "it describes a token exchange handler, which only the flow `token-exchange` needs; add --flow token-exchange, or leave it out",
                });
            }
        }
    }
    Ok(flows)
}

/// Every requested flow exists at the project's API version.
fn check_api_version(project: &Project, flows: &[&'static str]) -> Result<(), AuthoringError> {
    let version = project.api_version.version;
    for flow in flows {
        let Some(oldest) = oldest_api_version(flow) else {
            continue;
        };
        if oldest > version {
            let field = newest_required_field(flow).unwrap_or_default();
            return Err(AuthoringError::ApiVersionTooOld {
                flow: flow.to_string(),
                field,
                needs: oldest,
                project: version,
            });
        }
    }
    Ok(())
}

/// The required setting of the flow that came last in the API, as `Type.field`.
fn newest_required_field(flow: &str) -> Option<String> {
    let project = Project::new(
        "",
        crate::model::project::ApiVersionChoice::schema_default(),
        crate::model::config::Config::default(),
    );
    let app = App {
        name: String::new(),
        header: None,
        components: Vec::new(),
    };
    let context = AppContext::new(&project, &app);
    let schema = Schema::get();
    let types = WRITTEN_TYPES
        .iter()
        .copied()
        .chain(flows::external_types(flow));
    let type_entries = types.filter_map(|name| {
        let type_def = schema.type_named(name)?;
        Some((type_def.since?, type_def.name.clone()))
    });
    let field_entries = flows::flow_setup(&context, flow)?
        .into_iter()
        .filter(|need| need.required)
        .filter_map(|need| {
            let since = schema
                .type_named(need.type_name)?
                .field(need.field)?
                .since?;
            Some((since, need.setting()))
        });
    type_entries
        .chain(field_entries)
        .max_by_key(|(since, _)| *since)
        .map(|(_, setting)| setting)
}

fn input_slot(type_name: &str, field: &str) -> Option<&'static InputSlot> {
    INPUT_SLOTS
        .iter()
        .find(|slot| slot.type_name == type_name && slot.field == field)
}

/// The list `current` with the items of `added` it lacks appended; `None` when it has them
/// all. Items compare trimmed; the list keeps its own spacing after separators.
fn merged_list(current: &str, added: &str, separator: &str) -> Option<String> {
    let split = |list: &str| -> Vec<String> {
        list.split(separator)
            .map(|item| item.trim().to_string())
            .filter(|item| !item.is_empty())
            .collect()
    };
    let present = split(current);
    let missing: Vec<String> = split(added)
        .into_iter()
        .filter(|item| !present.contains(item))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let joiner = if separator == "," && current.contains(", ") {
        ", "
    } else {
        separator
    };
    let mut merged = current.trim_end().trim_end_matches(separator).to_string();
    for item in missing {
        if !merged.is_empty() {
            merged.push_str(joiner);
        }
        merged.push_str(&item);
    }
    Some(merged)
}

/// `value` with its line breaks (`\r\n`, `\r` or `\n`) written as `text`'s are.
fn in_line_endings_of(text: &str, value: &str) -> String {
    if !value.contains(['\r', '\n']) {
        return value.to_string();
    }
    let unified = value.replace("\r\n", "\n").replace('\r', "\n");
    match edits::line_ending(text) {
        "\n" => unified,
        ending => unified.replace('\n', ending),
    }
}

fn non_empty_join(items: &[String], separator: &str) -> Option<String> {
    let items: Vec<&str> = items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .collect();
    (!items.is_empty()).then(|| items.join(separator))
}

fn apply_edit(text: &str, edit: &FileEdit) -> String {
    let mut result = String::with_capacity(text.len() + edit.new_text.len());
    result.push_str(&text[..edit.range.start]);
    result.push_str(&edit.new_text);
    result.push_str(&text[edit.range.end..]);
    result
}

#[cfg(test)]
mod tests;
