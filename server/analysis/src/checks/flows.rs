//! Flow readiness: for each app, the OAuth flows its files switch on and, for each, what it
//! still needs — the file and field to change, the value, why, and a fix where the fix is clear.
//! A need whose file the project lacks is unknown, never guessed.
//!
//! The conditions are the ones the rules report (`rules::conditions`): a flow here and a finding
//! there always agree. The names and documentation of the flows come from the schema data.

use eca_schema::Schema;
use eca_syntax::TextRange;

use crate::checks::rules::AppContext;
use crate::checks::rules::conditions::{
    self, APP_CODE_CREDENTIALS, APP_ENABLED, CALLBACK_URL, CLIENT_CREDENTIALS_GLOBAL,
    CLIENT_CREDENTIALS_POLICY, CLIENT_CREDENTIALS_USER, DEVICE_FLOW_SWITCH, FIRST_PARTY_NEEDS,
    FIRST_PARTY_SWITCH, GLOBAL, GUEST_CUSTOM_TIMEOUT, GUEST_NEEDS_CODE_CREDENTIALS, GUEST_SWITCH,
    JWT_ACCESS_TOKENS, JWT_BEARER_CERTIFICATE, Need, OAUTH_PLUGIN, OAUTH_SCOPES, OAUTH_SETTINGS,
    ORG_ALLOWS_CODE_CREDENTIALS, PKCE, PKCE_FOR_PUBLIC_CLIENT, POLICIES, POST_ONLY, PREAUTHORIZED,
    PREAUTHORIZED_USERS, PRIVATE_CLIENT, PUBLIC_CLIENT, REFRESH_TOKEN_ROTATION_SWITCH,
    REFRESH_TOKEN_SCOPE, REFRESH_TOKENS_LIVE, REFRESH_WITHOUT_SECRET, Status,
    TOKEN_EXCHANGE_GLOBAL, TOKEN_EXCHANGE_POLICY, TOKEN_EXCHANGE_SECRET,
};
use crate::model::diagnostic::Fix;
use crate::model::project::{App, Project, app_key};

/// The flows of one app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppFlows {
    pub app: String,
    /// The flows the app's files switch on, in the schema's order; empty when none is.
    pub flows: Vec<FlowReadiness>,
}

/// One flow the app switches on, and what it still needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowReadiness {
    /// The schema's flow id (`code-credentials`, `client-credentials`, …).
    pub flow_id: String,
    pub name: String,
    pub state: FlowState,
    /// What is still missing, required needs and recommendations alike; empty when nothing is.
    pub needs: Vec<FlowNeed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowState {
    /// Everything the flow requires is in place (recommendations may still be listed).
    Ready,
    /// A required setting is missing or wrong in a file the project has.
    Incomplete,
    /// Nothing required is known to be missing, but something depends on a file the project
    /// lacks.
    Unknown,
}

/// One thing a flow still needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowNeed {
    /// The type that holds the setting (`ExtlClntAppGlobalOauthSettings`).
    pub type_name: String,
    pub field: String,
    /// The value it needs, as written in XML; `None` when any value (or a value of the kind
    /// `why` describes) will do.
    pub value: Option<String>,
    /// The file to change; `None` when the project has no file of that type (the need is
    /// unknown).
    pub path: Option<String>,
    /// Where in that file: the field, or the root element when the field is absent.
    pub range: Option<TextRange>,
    pub why: String,
    /// `false` for a recommendation.
    pub required: bool,
    pub fix: Option<Fix>,
}

/// The flows the app's files switch on, each with what it still needs.
pub fn app_flows(project: &Project, app: &App) -> AppFlows {
    let context = AppContext::new(project, app);
    let flows = FLOW_SPECS
        .iter()
        .filter(|spec| (spec.enabled)(&context))
        .map(|spec| readiness(&context, spec))
        .collect();
    AppFlows {
        app: app.name.clone(),
        flows,
    }
}

/// The flows of every app of the project, apps by name.
pub fn project_flows(project: &Project) -> Vec<AppFlows> {
    project
        .apps()
        .iter()
        .map(|app| app_flows(project, app))
        .collect()
}

/// The ids of the flows eca-ls can judge, in the schema's order.
pub fn flow_ids() -> impl Iterator<Item = &'static str> {
    FLOW_SPECS.iter().map(|spec| spec.id)
}

/// Whether the app's files switch the flow on; `false` for an unknown flow id.
pub fn flow_enabled(context: &AppContext, flow_id: &str) -> bool {
    spec(flow_id).is_some_and(|spec| (spec.enabled)(context))
}

/// What configuring the app for the flow takes, as it stands in `context`: the settings that
/// switch the flow on, then what the flow needs once on (required needs and recommendations),
/// each setting once. `None` for an unknown flow id.
pub fn flow_setup(context: &AppContext, flow_id: &str) -> Option<Vec<Need>> {
    let spec = spec(flow_id)?;
    let mut setup: Vec<Need> = Vec::new();
    for need in spec.switch_on.iter().copied().chain((spec.needs)(context)) {
        let already = setup
            .iter()
            .any(|known| known.type_name == need.type_name && known.field == need.field);
        if !already {
            setup.push(need);
        }
    }
    Some(setup)
}

/// The types outside the app's own files that the flow needs a component of (token exchange:
/// its handler); empty for an unknown flow id.
pub fn external_types(flow_id: &str) -> impl Iterator<Item = &'static str> {
    spec(flow_id)
        .map_or(NO_EXTERNAL, |spec| spec.external)
        .iter()
        .map(|external| external.type_name)
}

fn spec(flow_id: &str) -> Option<&'static FlowSpec> {
    FLOW_SPECS.iter().find(|spec| spec.id == flow_id)
}

impl FlowState {
    pub fn as_str(self) -> &'static str {
        match self {
            FlowState::Ready => "ready",
            FlowState::Incomplete => "incomplete",
            FlowState::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for FlowState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How one flow is recognised and what it needs.
struct FlowSpec {
    /// The schema's flow id.
    id: &'static str,
    /// Whether the app's files switch the flow on.
    enabled: fn(&AppContext) -> bool,
    /// The settings that switch the flow on in an app that lacks it: what the writers set
    /// first (a test holds `enabled` true once they are set).
    switch_on: &'static [Need],
    /// What it needs in this app, most specific first (a later need on the same field is
    /// dropped, so a variation's reason wins over its base flow's).
    needs: fn(&AppContext) -> Vec<Need>,
    /// Needs in files outside the app's own: met, unmet, or unknown when no file says.
    external: &'static [ExternalNeed],
}

/// A need in a component outside the app's own files: met, unmet or unknown as `evaluate`
/// finds it in the project's other files.
struct ExternalNeed {
    type_name: &'static str,
    field: &'static str,
    why: &'static str,
    evaluate: fn(&AppContext) -> ExternalStatus,
}

/// What the project's files say about an external need.
enum ExternalStatus {
    Met,
    /// A file of the project is the place, but does not do it: where, and why not.
    Unmet {
        path: String,
        range: TextRange,
        why: String,
    },
    /// No file of the project says (the component may live in the org only).
    Unknown,
}

/// Token exchange: a handler file of the project whose `enablements` name the app
/// (`externalClientApp`), switched on (`isEnabled`), with its Apex class (`tokenHandlerApex`).
/// "To complete enablement, add an enablements field that specifies the enablement settings"
/// (OauthTokenExchangeHandler, https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthtokenexchangehandler.htm).
/// No such file: unknown, since the handler may be enabled in Setup.
fn token_exchange_handler(context: &AppContext) -> ExternalStatus {
    let mut unmet = None;
    for handler in context.project_files_of(TOKEN_EXCHANGE_HANDLER) {
        let names_app = handler.nested("enablements").iter().any(|enablement| {
            enablement
                .text("externalClientApp")
                .is_some_and(|named| app_key(&named) == app_key(&context.app.name))
        });
        if !names_app {
            continue;
        }
        let problem = if !handler.is_true("isEnabled") {
            Some((
                "isEnabled",
                "the handler that enables this app is switched off (`isEnabled` is not `true`)",
            ))
        } else if handler.text("tokenHandlerApex").is_none() {
            Some((
                "tokenHandlerApex",
                "the handler that enables this app names no Apex class (`tokenHandlerApex`)",
            ))
        } else {
            None
        };
        let Some((field, why)) = problem else {
            return ExternalStatus::Met;
        };
        unmet.get_or_insert_with(|| {
            let location = handler.at(field);
            ExternalStatus::Unmet {
                path: location.path,
                range: location.range,
                why: why.to_string(),
            }
        });
    }
    unmet.unwrap_or(ExternalStatus::Unknown)
}

/// The metadata type of token exchange handlers.
pub const TOKEN_EXCHANGE_HANDLER: &str = "OauthTokenExchangeHandler";

const NO_EXTERNAL: &[ExternalNeed] = &[];

const FLOW_SPECS: &[FlowSpec] = &[
    FlowSpec {
        id: "code-credentials",
        enabled: code_credentials_on,
        switch_on: &[APP_CODE_CREDENTIALS],
        needs: code_credentials_needs,
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "headless-login-public",
        enabled: |context| code_credentials_on(context) && public_client(context),
        switch_on: &[APP_CODE_CREDENTIALS, PUBLIC_CLIENT],
        needs: |context| {
            let mut needs = vec![PKCE_FOR_PUBLIC_CLIENT, REFRESH_WITHOUT_SECRET];
            needs.extend(code_credentials_needs(context));
            needs
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "headless-login-private",
        enabled: |context| code_credentials_on(context) && !public_client(context),
        switch_on: &[APP_CODE_CREDENTIALS, PRIVATE_CLIENT],
        needs: code_credentials_needs,
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "headless-passwordless",
        enabled: code_credentials_on,
        switch_on: &[APP_CODE_CREDENTIALS],
        needs: code_credentials_needs,
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "headless-registration",
        enabled: code_credentials_on,
        switch_on: &[APP_CODE_CREDENTIALS],
        needs: code_credentials_needs,
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "headless-guest",
        enabled: |context| any_true(context, POLICIES, "isGuestCodeCredFlowEnabled"),
        switch_on: &[GUEST_SWITCH],
        needs: |context| {
            let mut needs = vec![
                JWT_ACCESS_TOKENS,
                GUEST_NEEDS_CODE_CREDENTIALS,
                ORG_ALLOWS_CODE_CREDENTIALS,
                APP_ENABLED,
                OAUTH_PLUGIN,
                CALLBACK_URL,
                OAUTH_SCOPES,
            ];
            let custom_lifetime = conditions::holder(context, POLICIES).is_some_and(|policies| {
                policies.text("guestJwtSessionTimeoutType").as_deref() == Some("Custom")
            });
            if custom_lifetime {
                needs.push(GUEST_CUSTOM_TIMEOUT);
            }
            needs
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "first-party-apps",
        enabled: |context| any_true(context, OAUTH_SETTINGS, "isFirstPartyAppEnabled"),
        switch_on: &[FIRST_PARTY_SWITCH],
        needs: |_| {
            let mut needs = FIRST_PARTY_NEEDS.to_vec();
            needs.extend([APP_ENABLED, OAUTH_PLUGIN]);
            needs
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "client-credentials",
        enabled: |context| {
            any_true(context, GLOBAL, CLIENT_CREDENTIALS_GLOBAL.field)
                || any_true(context, POLICIES, CLIENT_CREDENTIALS_POLICY.field)
        },
        switch_on: &[CLIENT_CREDENTIALS_GLOBAL, CLIENT_CREDENTIALS_POLICY],
        needs: |_| {
            vec![
                CLIENT_CREDENTIALS_GLOBAL,
                CLIENT_CREDENTIALS_POLICY,
                CLIENT_CREDENTIALS_USER,
                APP_ENABLED,
                OAUTH_PLUGIN,
            ]
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "token-exchange",
        enabled: |context| {
            any_true(context, GLOBAL, TOKEN_EXCHANGE_GLOBAL.field)
                || any_true(context, POLICIES, TOKEN_EXCHANGE_POLICY.field)
        },
        switch_on: &[TOKEN_EXCHANGE_GLOBAL, TOKEN_EXCHANGE_POLICY],
        needs: |_| {
            vec![
                TOKEN_EXCHANGE_GLOBAL,
                TOKEN_EXCHANGE_POLICY,
                APP_ENABLED,
                OAUTH_PLUGIN,
                TOKEN_EXCHANGE_SECRET,
            ]
        },
        external: &[ExternalNeed {
            type_name: TOKEN_EXCHANGE_HANDLER,
            field: "enablements",
            why: "the Apex handler that validates the external token and maps the user is an OauthTokenExchangeHandler component, switched on, whose enablements name this app (not the policies' `apexHandler`); no handler file of the project does, so check the org's Token Exchange Handlers in Setup, or let `eca-ls configure` write one (--token-exchange-handler, --apex-execution-user, --token-type)",
            evaluate: token_exchange_handler,
        }],
    },
    FlowSpec {
        id: "jwt-bearer",
        enabled: |context| {
            conditions::holder(context, GLOBAL)
                .is_some_and(|global| global.text("certificate").is_some())
        },
        switch_on: &[JWT_BEARER_CERTIFICATE],
        needs: |_| {
            vec![
                APP_ENABLED,
                OAUTH_PLUGIN,
                Need {
                    why: "with `AllSelfAuthorized` only users who approved the app before can be issued tokens",
                    ..PREAUTHORIZED
                },
                PREAUTHORIZED_USERS,
            ]
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "device-flow",
        enabled: |context| any_true(context, GLOBAL, "isDeviceFlowEnabled"),
        switch_on: &[DEVICE_FLOW_SWITCH],
        needs: |_| vec![APP_ENABLED, OAUTH_PLUGIN],
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "refresh-token-rotation",
        enabled: |context| any_true(context, GLOBAL, "isRefreshTokenRotationEnabled"),
        switch_on: &[REFRESH_TOKEN_ROTATION_SWITCH],
        needs: |context| {
            let mut needs = vec![REFRESH_TOKEN_SCOPE, REFRESH_TOKENS_LIVE];
            if public_client(context) {
                needs.push(REFRESH_WITHOUT_SECRET);
            }
            needs.extend([APP_ENABLED, OAUTH_PLUGIN]);
            needs
        },
        external: NO_EXTERNAL,
    },
    FlowSpec {
        id: "web-server",
        enabled: |context| {
            conditions::holder(context, GLOBAL)
                .is_some_and(|global| global.text(CALLBACK_URL.field).is_some())
        },
        switch_on: &[CALLBACK_URL],
        needs: |context| {
            let pkce = if public_client(context) {
                PKCE_FOR_PUBLIC_CLIENT
            } else {
                PKCE
            };
            vec![CALLBACK_URL, OAUTH_SCOPES, APP_ENABLED, OAUTH_PLUGIN, pkce]
        },
        external: NO_EXTERNAL,
    },
];

fn code_credentials_needs(_context: &AppContext) -> Vec<Need> {
    vec![
        ORG_ALLOWS_CODE_CREDENTIALS,
        APP_CODE_CREDENTIALS,
        APP_ENABLED,
        OAUTH_PLUGIN,
        CALLBACK_URL,
        OAUTH_SCOPES,
        PREAUTHORIZED,
        PREAUTHORIZED_USERS,
        PKCE,
        POST_ONLY,
    ]
}

fn code_credentials_on(context: &AppContext) -> bool {
    any_true(context, GLOBAL, APP_CODE_CREDENTIALS.field)
}

/// The app declares itself a public client: the secret is optional in the code exchange.
fn public_client(context: &AppContext) -> bool {
    conditions::holder(context, GLOBAL)
        .is_some_and(|global| global.is_true("isConsumerSecretOptional"))
}

/// Whether a component of the type that the app has says `true` for the field.
fn any_true(context: &AppContext, type_name: &str, field: &str) -> bool {
    context
        .components(type_name)
        .iter()
        .any(|view| view.is_true(field))
}

fn readiness(context: &AppContext, spec: &FlowSpec) -> FlowReadiness {
    let schema = Schema::get();
    let name = schema
        .flow(spec.id)
        .map_or_else(|| spec.id.to_string(), |flow| flow.name.clone());
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut needs = Vec::new();
    for need in (spec.needs)(context) {
        if seen.contains(&(need.type_name, need.field)) {
            continue;
        }
        seen.push((need.type_name, need.field));
        let (path, range, fix) = match need.evaluate(context) {
            Status::Met => continue,
            Status::Unknown => (None, None, None),
            Status::Unmet(unmet) => (
                Some(unmet.holder.path().to_string()),
                Some(unmet.location().range),
                unmet.fix(),
            ),
        };
        needs.push(FlowNeed {
            type_name: need.type_name.to_string(),
            field: need.field.to_string(),
            value: need.value().map(str::to_string),
            path,
            range,
            why: need.why.to_string(),
            required: need.required,
            fix,
        });
    }
    for external in spec.external {
        let (path, range, why) = match (external.evaluate)(context) {
            ExternalStatus::Met => continue,
            ExternalStatus::Unknown => (None, None, external.why.to_string()),
            ExternalStatus::Unmet { path, range, why } => (Some(path), Some(range), why),
        };
        needs.push(FlowNeed {
            type_name: external.type_name.to_string(),
            field: external.field.to_string(),
            value: Some(context.app.name.clone()),
            path,
            range,
            why,
            required: true,
            fix: None,
        });
    }
    let required: Vec<&FlowNeed> = needs.iter().filter(|need| need.required).collect();
    let state = if required.iter().any(|need| need.path.is_some()) {
        FlowState::Incomplete
    } else if required.is_empty() {
        FlowState::Ready
    } else {
        FlowState::Unknown
    };
    FlowReadiness {
        flow_id: spec.id.to_string(),
        name,
        state,
        needs,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use expect_test::{Expect, expect};

    use crate::checks::test_support::{apply_edits, location, project};

    /// Every app's flows, one per line with its state, then its needs indented: `-` for a
    /// need in a file the project has (with its place), `?` for an unknown one.
    fn check(fixture: &str, expect: Expect) {
        let project = project(fixture);
        let mut out = String::new();
        for app in super::project_flows(&project) {
            let _ = writeln!(out, "{}", app.app);
            if app.flows.is_empty() {
                let _ = writeln!(out, "  (no flow switched on)");
            }
            for flow in &app.flows {
                let _ = writeln!(out, "  {} ({}): {}", flow.flow_id, flow.name, flow.state);
                for need in &flow.needs {
                    let place = match (&need.path, need.range) {
                        (Some(path), Some(range)) => {
                            format!("- {}", location(&project, path, range.start))
                        }
                        _ => "? (no file)".to_string(),
                    };
                    let value = need
                        .value
                        .as_deref()
                        .map(|value| format!(" = {value}"))
                        .unwrap_or_default();
                    let kind = if need.required {
                        "required"
                    } else {
                        "recommended"
                    };
                    let _ = writeln!(
                        out,
                        "    {place} {}.{}{value} ({kind}): {}",
                        need.type_name, need.field, need.why
                    );
                    if let Some(fix) = &need.fix {
                        let _ = writeln!(out, "      fix: {}", fix.title);
                    }
                }
            }
        }
        expect.assert_eq(&out);
    }

    const HEADER: &str = concat!(
        "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <distributionState>Local</distributionState>\n",
        "    <label>Portal</label>\n",
        "</ExternalClientApplication>\n",
    );

    const PLUGINS_ON: &str = concat!(
        "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <externalClientApplication>Portal</externalClientApplication>\n",
        "    <isEnabled>true</isEnabled>\n",
        "    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n",
        "    <label>Portal</label>\n",
        "</ExtlClntAppConfigurablePolicies>\n",
    );

    const SCOPES: &str = concat!(
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <commaSeparatedOauthScopes>Api, OpenID, RefreshToken</commaSeparatedOauthScopes>\n",
        "    <externalClientApplication>Portal</externalClientApplication>\n",
        "    <label>Portal</label>\n",
        "</ExtlClntAppOauthSettings>\n",
    );

    const ORG_ALLOWS: &str = concat!(
        "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
        "</OauthOidcSettings>\n",
    );

    /// A public single-page app set up as Salesforce's headless identity guide says, guest
    /// access included.
    const HEADLESS_GLOBAL: &str = concat!(
        "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>\n",
        "    <externalClientApplication>Portal</externalClientApplication>\n",
        "    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n",
        "    <isCodeCredPostOnly>true</isCodeCredPostOnly>\n",
        "    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n",
        "    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n",
        "    <isPkceRequired>true</isPkceRequired>\n",
        "    <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>\n",
        "    <label>Portal</label>\n",
        "</ExtlClntAppGlobalOauthSettings>\n",
    );

    const HEADLESS_POLICIES: &str = concat!(
        "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
        "    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>\n",
        "    <externalClientApplication>Portal</externalClientApplication>\n",
        "    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>\n",
        "    <guestJwtTimeout>60</guestJwtTimeout>\n",
        "    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>\n",
        "    <label>Portal</label>\n",
        "    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n",
        "</ExtlClntAppOauthConfigurablePolicies>\n",
    );

    #[test]
    fn a_complete_headless_app_is_ready() {
        check(
            &[
                HEADER,
                HEADLESS_GLOBAL,
                HEADLESS_POLICIES,
                PLUGINS_ON,
                SCOPES,
                ORG_ALLOWS,
            ]
            .concat(),
            expect![[r#"
                Portal
                  code-credentials (Authorization Code and Credentials Flow): ready
                  headless-login-public (Headless login (public client)): ready
                  headless-passwordless (Headless passwordless login): ready
                  headless-registration (Headless registration): ready
                  headless-guest (Headless guest flow): ready
                  web-server (Web server flow (authorization code)): ready
            "#]],
        );
    }

    #[test]
    fn without_the_org_settings_the_code_credentials_flows_are_unknown() {
        check(
            &[
                HEADER,
                HEADLESS_GLOBAL,
                HEADLESS_POLICIES,
                PLUGINS_ON,
                SCOPES,
            ]
            .concat(),
            expect![[r#"
                Portal
                  code-credentials (Authorization Code and Credentials Flow): unknown
                    ? (no file) OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  headless-login-public (Headless login (public client)): unknown
                    ? (no file) OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  headless-passwordless (Headless passwordless login): unknown
                    ? (no file) OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  headless-registration (Headless registration): unknown
                    ? (no file) OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  headless-guest (Headless guest flow): unknown
                    ? (no file) OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  web-server (Web server flow (authorization code)): ready
            "#]],
        );
    }

    #[test]
    fn an_org_that_blocks_the_flow_makes_it_incomplete_with_a_fix_in_the_org_settings() {
        let fixture = [
            HEADER,
            HEADLESS_GLOBAL,
            HEADLESS_POLICIES,
            PLUGINS_ON,
            SCOPES,
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <isPkceRequired>true</isPkceRequired>\n",
            "</OauthOidcSettings>\n",
        ]
        .concat();
        check(
            &fixture,
            expect![[r#"
            Portal
              code-credentials (Authorization Code and Credentials Flow): incomplete
                - OauthOidc.settings-meta.xml:2:2 OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  fix: Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
              headless-login-public (Headless login (public client)): incomplete
                - OauthOidc.settings-meta.xml:2:2 OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  fix: Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
              headless-passwordless (Headless passwordless login): incomplete
                - OauthOidc.settings-meta.xml:2:2 OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  fix: Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
              headless-registration (Headless registration): incomplete
                - OauthOidc.settings-meta.xml:2:2 OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  fix: Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
              headless-guest (Headless guest flow): incomplete
                - OauthOidc.settings-meta.xml:2:2 OauthOidcSettings.oAuthCdCrdtFlowEnable = true (required): the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
                  fix: Set `oAuthCdCrdtFlowEnable` to `true` in OauthOidc.settings-meta.xml
              web-server (Web server flow (authorization code)): ready
        "#]],
        );
        let project = project(&fixture);
        let flows = super::project_flows(&project);
        let fix = flows[0].flows[0].needs[0]
            .fix
            .clone()
            .expect("the org setting has a fix");
        let mut changed = String::new();
        for (path, text) in apply_edits(&project, &fix.edits) {
            let _ = writeln!(changed, "//- {path}");
            changed.push_str(&text);
        }
        expect![[r#"
            //- /force-app/main/default/settings/OauthOidc.settings-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <isPkceRequired>true</isPkceRequired>
                <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
            </OauthOidcSettings>
        "#]]
        .assert_eq(&changed);
    }

    #[test]
    fn a_public_client_without_pkce_and_an_unapproved_policy_lists_recommendations() {
        check(
            &[
                HEADER,
                "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>\n",
                "    <externalClientApplication>Portal</externalClientApplication>\n",
                "    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n",
                "    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n",
                "    <isPkceRequired>false</isPkceRequired>\n",
                "    <label>Portal</label>\n",
                "</ExtlClntAppGlobalOauthSettings>\n",
                "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <externalClientApplication>Portal</externalClientApplication>\n",
                "    <label>Portal</label>\n",
                "    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n",
                "</ExtlClntAppOauthConfigurablePolicies>\n",
                PLUGINS_ON,
                SCOPES,
                ORG_ALLOWS,
            ]
            .concat(),
            expect![[r#"
                Portal
                  code-credentials (Authorization Code and Credentials Flow): ready
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = AdminApprovedPreAuthorized (recommended): no page is shown where users could approve the app, so pre-authorize them
                      fix: Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet (recommended): names the users who are pre-authorized (or use `commaSeparatedProfile`)
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 ExtlClntAppGlobalOauthSettings.isPkceRequired = true (recommended): binds the authorization code to the client that asked for it
                      fix: Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isCodeCredPostOnly = true (recommended): keeps credentials out of URLs and access logs
                      fix: Set `isCodeCredPostOnly` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                  headless-login-public (Headless login (public client)): ready
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 ExtlClntAppGlobalOauthSettings.isPkceRequired = true (recommended): the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed
                      fix: Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isSecretRequiredForRefreshToken = false (recommended): a public client has no secret to send when it refreshes its tokens
                      fix: Set `isSecretRequiredForRefreshToken` to `false` in Portal_glbloauth.ecaGlblOauth-meta.xml
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = AdminApprovedPreAuthorized (recommended): no page is shown where users could approve the app, so pre-authorize them
                      fix: Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet (recommended): names the users who are pre-authorized (or use `commaSeparatedProfile`)
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isCodeCredPostOnly = true (recommended): keeps credentials out of URLs and access logs
                      fix: Set `isCodeCredPostOnly` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                  headless-passwordless (Headless passwordless login): ready
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = AdminApprovedPreAuthorized (recommended): no page is shown where users could approve the app, so pre-authorize them
                      fix: Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet (recommended): names the users who are pre-authorized (or use `commaSeparatedProfile`)
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 ExtlClntAppGlobalOauthSettings.isPkceRequired = true (recommended): binds the authorization code to the client that asked for it
                      fix: Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isCodeCredPostOnly = true (recommended): keeps credentials out of URLs and access logs
                      fix: Set `isCodeCredPostOnly` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                  headless-registration (Headless registration): ready
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:6 ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = AdminApprovedPreAuthorized (recommended): no page is shown where users could approve the app, so pre-authorize them
                      fix: Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized` in Portal_oauthPlcy.ecaOauthPlcy-meta.xml
                    - Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet (recommended): names the users who are pre-authorized (or use `commaSeparatedProfile`)
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 ExtlClntAppGlobalOauthSettings.isPkceRequired = true (recommended): binds the authorization code to the client that asked for it
                      fix: Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isCodeCredPostOnly = true (recommended): keeps credentials out of URLs and access logs
                      fix: Set `isCodeCredPostOnly` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
                  web-server (Web server flow (authorization code)): ready
                    - Portal_glbloauth.ecaGlblOauth-meta.xml:7:6 ExtlClntAppGlobalOauthSettings.isPkceRequired = true (recommended): the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed
                      fix: Set `isPkceRequired` to `true` in Portal_glbloauth.ecaGlblOauth-meta.xml
            "#]],
        );
    }

    /// A token exchange handler file of the project that enables the app makes the flow
    /// ready; one that names the app but is switched off is where the flow falls short; an app
    /// no handler file names stays unknown (its handler may be enabled in Setup).
    #[test]
    fn token_exchange_reads_the_handler_files_of_the_project() {
        let app = |name: &str| {
            format!(
                concat!(
                    "//- /force-app/main/default/externalClientApps/{0}.eca-meta.xml\n",
                    "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                    "    <distributionState>Local</distributionState>\n    <label>{0}</label>\n",
                    "</ExternalClientApplication>\n",
                    "//- /force-app/main/default/extlClntAppPolicies/{0}_plcy.ecaPlcy-meta.xml\n",
                    "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                    "    <externalClientApplication>{0}</externalClientApplication>\n",
                    "    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n",
                    "    <label>{0}</label>\n",
                    "</ExtlClntAppConfigurablePolicies>\n",
                    "//- /force-app/main/default/extlClntAppGlobalOauthSets/{0}_glbloauth.ecaGlblOauth-meta.xml\n",
                    "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                    "    <externalClientApplication>{0}</externalClientApplication>\n",
                    "    <isSecretRequiredForTokenExchange>true</isSecretRequiredForTokenExchange>\n",
                    "    <isTokenExchangeEnabled>true</isTokenExchangeEnabled>\n",
                    "    <label>{0}</label>\n",
                    "</ExtlClntAppGlobalOauthSettings>\n",
                    "//- /force-app/main/default/extlClntAppOauthPolicies/{0}_oauthPlcy.ecaOauthPlcy-meta.xml\n",
                    "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                    "    <externalClientApplication>{0}</externalClientApplication>\n",
                    "    <isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>\n",
                    "    <label>{0}</label>\n",
                    "</ExtlClntAppOauthConfigurablePolicies>\n",
                ),
                name
            )
        };
        let handler = |name: &str, enabled: &str, app: &str| {
            format!(
                concat!(
                    "//- /force-app/main/default/oauthtokenexchangehandlers/{0}.oauthtokenexchangehandler-meta.xml\n",
                    "<OauthTokenExchangeHandler xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                    "    <description>Maps tokens of the partner IdP</description>\n",
                    "    <developerName>{0}</developerName>\n",
                    "    <enablements>\n",
                    "        <apexExecutionUser>integration@example.com</apexExecutionUser>\n",
                    "        <externalClientApp>{2}</externalClientApp>\n",
                    "        <isDefault>true</isDefault>\n",
                    "    </enablements>\n",
                    "    <isEnabled>{1}</isEnabled>\n",
                    "    <isJwtSupported>true</isJwtSupported>\n",
                    "    <masterLabel>{0}</masterLabel>\n",
                    "    <tokenHandlerApex>PartnerTokenHandler</tokenHandlerApex>\n",
                    "</OauthTokenExchangeHandler>\n",
                ),
                name, enabled, app
            )
        };
        let fixture = [
            app("Enabled"),
            app("Switched_Off"),
            app("Unnamed"),
            handler("Partner", "true", "Enabled"),
            handler("Old_Partner", "false", "Switched_Off"),
        ]
        .concat();
        check(
            &fixture,
            expect![[r#"
                Enabled
                  token-exchange (OAuth 2.0 token exchange): ready
                Switched_Off
                  token-exchange (OAuth 2.0 token exchange): incomplete
                    - Old_Partner.oauthtokenexchangehandler-meta.xml:9:6 OauthTokenExchangeHandler.enablements = Switched_Off (required): the handler that enables this app is switched off (`isEnabled` is not `true`)
                Unnamed
                  token-exchange (OAuth 2.0 token exchange): unknown
                    ? (no file) OauthTokenExchangeHandler.enablements = Unnamed (required): the Apex handler that validates the external token and maps the user is an OauthTokenExchangeHandler component, switched on, whose enablements name this app (not the policies' `apexHandler`); no handler file of the project does, so check the org's Token Exchange Handlers in Setup, or let `eca-ls configure` write one (--token-exchange-handler, --apex-execution-user, --token-type)
            "#]],
        );
    }

    #[test]
    fn server_to_server_flows_and_two_apps_kept_apart() {
        check(
            concat!(
                "//- /force-app/main/default/extlClntAppGlobalOauthSets/Sync_glbloauth.ecaGlblOauth-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <externalClientApplication>Sync</externalClientApplication>\n",
                "    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n",
                "    <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled>\n",
                "    <label>Sync</label>\n",
                "</ExtlClntAppGlobalOauthSettings>\n",
                "//- /force-app/main/default/extlClntAppOauthPolicies/Sync_oauthPlcy.ecaOauthPlcy-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <externalClientApplication>Sync</externalClientApplication>\n",
                "    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n",
                "    <label>Sync</label>\n",
                "    <refreshTokenPolicyType>Zero</refreshTokenPolicyType>\n",
                "</ExtlClntAppOauthConfigurablePolicies>\n",
                "//- /force-app/main/default/extlClntAppOauthSettings/Sync_oauth.ecaOauth-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n",
                "    <externalClientApplication>Sync</externalClientApplication>\n",
                "    <label>Sync</label>\n",
                "</ExtlClntAppOauthSettings>\n",
                "//- /force-app/main/default/extlClntAppGlobalOauthSets/Exchange_glbloauth.ecaGlblOauth-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <certificate>MIIDdzCCAl+gAwIBAgIEbJ0ZFTANBgkqhkiG9w0BAQsFADBs</certificate>\n",
                "    <externalClientApplication>ns__Exchange</externalClientApplication>\n",
                "    <isTokenExchangeEnabled>true</isTokenExchangeEnabled>\n",
                "    <label>Exchange</label>\n",
                "</ExtlClntAppGlobalOauthSettings>\n",
                "//- /force-app/main/default/extlClntAppOauthPolicies/Exchange_oauthPlcy.ecaOauthPlcy-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <externalClientApplication>Exchange</externalClientApplication>\n",
                "    <isTokenExchangeFlowEnabled>true</isTokenExchangeFlowEnabled>\n",
                "    <label>Exchange</label>\n",
                "    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n",
                "</ExtlClntAppOauthConfigurablePolicies>\n",
                "//- /force-app/main/default/externalClientApps/Exchange.eca-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <distributionState>Packaged</distributionState>\n",
                "    <label>Exchange</label>\n",
                "</ExternalClientApplication>\n",
            ),
            expect![[r#"
                Exchange
                  token-exchange (OAuth 2.0 token exchange): unknown
                    ? (no file) ExtlClntAppConfigurablePolicies.isEnabled = true (required): a disabled app runs no plugin
                    ? (no file) ExtlClntAppConfigurablePolicies.isOauthPluginEnabled = true (required): the OAuth files only count while the OAuth plugin is on
                    - Exchange_glbloauth.ecaGlblOauth-meta.xml:2:2 ExtlClntAppGlobalOauthSettings.isSecretRequiredForTokenExchange = true (recommended): stops callers that only know the client id from exchanging tokens
                      fix: Set `isSecretRequiredForTokenExchange` to `true` in Exchange_glbloauth.ecaGlblOauth-meta.xml
                    ? (no file) OauthTokenExchangeHandler.enablements = Exchange (required): the Apex handler that validates the external token and maps the user is an OauthTokenExchangeHandler component, switched on, whose enablements name this app (not the policies' `apexHandler`); no handler file of the project does, so check the org's Token Exchange Handlers in Setup, or let `eca-ls configure` write one (--token-exchange-handler, --apex-execution-user, --token-type)
                  jwt-bearer (JWT bearer flow): unknown
                    ? (no file) ExtlClntAppConfigurablePolicies.isEnabled = true (required): a disabled app runs no plugin
                    ? (no file) ExtlClntAppConfigurablePolicies.isOauthPluginEnabled = true (required): the OAuth files only count while the OAuth plugin is on
                    - Exchange_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet (recommended): names the users who are pre-authorized (or use `commaSeparatedProfile`)
                Sync
                  client-credentials (Client credentials flow): incomplete
                    - Sync_oauthPlcy.ecaOauthPlcy-meta.xml:4:6 ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled = true (required): allows the client credentials flow in this org
                      fix: Set `isClientCredentialsFlowEnabled` to `true` in Sync_oauthPlcy.ecaOauthPlcy-meta.xml
                    - Sync_oauthPlcy.ecaOauthPlcy-meta.xml:2:2 ExtlClntAppOauthConfigurablePolicies.clientCredentialsFlowUser (required): tokens are issued for this user (an API-only user with as little access as possible)
                    ? (no file) ExtlClntAppConfigurablePolicies.isEnabled = true (required): a disabled app runs no plugin
                    ? (no file) ExtlClntAppConfigurablePolicies.isOauthPluginEnabled = true (required): the OAuth files only count while the OAuth plugin is on
                  refresh-token-rotation (Refresh token rotation): incomplete
                    - Sync_oauth.ecaOauth-meta.xml:3:6 ExtlClntAppOauthSettings.commaSeparatedOauthScopes (required): the app only gets refresh tokens with the `RefreshToken` (or `OfflineAccess`) scope
                      fix: Add `RefreshToken` to `commaSeparatedOauthScopes` in Sync_oauth.ecaOauth-meta.xml
                    - Sync_oauthPlcy.ecaOauthPlcy-meta.xml:6:6 ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType (required): with `Zero`, refresh tokens expire at once, so there is nothing to rotate
                    ? (no file) ExtlClntAppConfigurablePolicies.isEnabled = true (required): a disabled app runs no plugin
                    ? (no file) ExtlClntAppConfigurablePolicies.isOauthPluginEnabled = true (required): the OAuth files only count while the OAuth plugin is on
            "#]],
        );
    }

    #[test]
    fn an_app_whose_files_switch_nothing_on_lists_no_flow() {
        check(
            concat!(
                "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
                "    <label>Portal</label>\n",
                "</ExternalClientApplication>\n",
            ),
            expect![[r#"
                Portal
                  (no flow switched on)
            "#]],
        );
    }
}
