use std::fmt::Write;

use eca_schema::{ApiVersion, Schema};
use expect_test::{Expect, expect};

use super::*;
use crate::model::config::Config;
use crate::model::project::{ApiVersionChoice, ApiVersionSource};

const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEbJ0ZFTANBgkqhkiG9w0BAQsFADBs\n-----END CERTIFICATE-----";

fn empty_project(version: ApiVersion) -> Project {
    Project::new(
        "",
        ApiVersionChoice {
            version,
            source: ApiVersionSource::CommandLine,
        },
        Config::default(),
    )
}

fn newest() -> ApiVersion {
    Schema::get().newest_api_version()
}

/// The plan rendered: files with their text, then the changes and what was held back.
fn render(plan: &AppPlan) -> String {
    let mut out = String::new();
    for file in &plan.files {
        let verb = if file.original.is_some() {
            "edit"
        } else {
            "create"
        };
        let _ = writeln!(out, "== {verb} {}", file.path);
        // Line endings kept as they were show: `␍` stands for a carriage return.
        out.push_str(&file.text.replace("\r\n", "␍\n"));
    }
    for change in &plan.changes {
        let before = change.before.as_deref().unwrap_or("(absent)");
        let _ = writeln!(
            out,
            "change {} {}: {before} -> {} ({}){}",
            crate::model::file_kind::file_name(&change.path),
            change.field,
            change.after.replace('\n', "\\n"),
            change.why,
            change
                .access_change
                .as_deref()
                .map(|effect| format!(" ACCESS: {effect}"))
                .unwrap_or_default()
        );
    }
    for held in &plan.held_back {
        let _ = writeln!(
            out,
            "held back {}.{} = {} for {}: {}",
            held.type_name, held.field, held.wanted, held.flow, held.reason
        );
    }
    for (flow, state) in &plan.flows {
        let _ = writeln!(out, "flow {flow}: {state}");
    }
    for operation in plan.plan.operations() {
        match operation {
            crate::writers::Operation::Create { path, reason, .. } => {
                let _ = writeln!(
                    out,
                    "plan: create {}: {reason}",
                    crate::model::file_kind::file_name(path)
                );
            }
            crate::writers::Operation::Replace { path, edits, .. } => {
                for edit in edits {
                    let _ = writeln!(
                        out,
                        "plan: edit {} {}..{}: {}",
                        crate::model::file_kind::file_name(path),
                        edit.range.start,
                        edit.range.end,
                        edit.reason
                    );
                }
            }
            crate::writers::Operation::Rename { from, to, .. } => {
                let _ = writeln!(out, "plan: rename {from} to {to}");
            }
        }
    }
    out
}

fn check_new(project: &Project, new_app: &NewApp, expect: Expect) {
    let rendered = match plan_new_app(project, &Layout::source("force-app"), new_app) {
        Ok(plan) => render(&plan),
        Err(error) => format!("error: {error}\n"),
    };
    expect.assert_eq(&rendered);
}

fn portal(flows: &[&str]) -> NewApp {
    NewApp {
        name: "Portal".to_string(),
        label: None,
        distribution: Distribution::Local,
        request: FlowRequest {
            flows: flows.iter().map(|flow| flow.to_string()).collect(),
            callback_urls: vec![
                "https://portal.example.my.site.com/services/oauth2/echo".to_string(),
            ],
            scopes: vec!["Api".to_string(), "OpenID".to_string()],
            permission_sets: vec!["Portal_Users".to_string()],
            ..FlowRequest::default()
        },
    }
}

#[test]
fn new_app_for_the_authorization_code_and_credentials_flow_with_guests() {
    check_new(
        &empty_project(newest()),
        &NewApp {
            request: FlowRequest {
                client: Some(ClientKind::Public),
                ..portal(&["code-credentials", "headless-guest"]).request
            },
            ..portal(&[])
        },
        expect![[r#"
            == create force-app/main/default/externalClientApps/Portal.eca-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
                <distributionState>Local</distributionState>
                <label>Portal</label>
            </ExternalClientApplication>
            == create force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <callbackUrl>https://portal.example.my.site.com/services/oauth2/echo</callbackUrl>
                <externalClientApplication>Portal</externalClientApplication>
                <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
                <isCodeCredPostOnly>true</isCodeCredPostOnly>
                <isConsumerSecretOptional>true</isConsumerSecretOptional>
                <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>
                <isPkceRequired>true</isPkceRequired>
                <isSecretRequiredForRefreshToken>false</isSecretRequiredForRefreshToken>
                <label>Portal</label>
            </ExtlClntAppGlobalOauthSettings>
            == create force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>
                <externalClientApplication>Portal</externalClientApplication>
                <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
                <label>Portal</label>
                <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
            </ExtlClntAppOauthConfigurablePolicies>
            == create force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedOauthScopes>Api, OpenID</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
            </ExtlClntAppOauthSettings>
            == create force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <isEnabled>true</isEnabled>
                <isOauthPluginEnabled>true</isOauthPluginEnabled>
                <label>Portal</label>
            </ExtlClntAppConfigurablePolicies>
            == create force-app/main/default/settings/OauthOidc.settings-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
            </OauthOidcSettings>
            change Portal_oauth.ecaOauth-meta.xml commaSeparatedOauthScopes: (absent) -> Api, OpenID (the OAuth scopes the app may ask for (such as `Api`, `OpenID`, `RefreshToken`))
            change Portal_glbloauth.ecaGlblOauth-meta.xml isConsumerSecretOptional: (absent) -> true (a public client cannot keep a secret, so the code exchange must work without one)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isPkceRequired: (absent) -> true (the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed)
            change Portal_glbloauth.ecaGlblOauth-meta.xml callbackUrl: (absent) -> https://portal.example.my.site.com/services/oauth2/echo (the callback URL the authorization code is sent to)
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml commaSeparatedPermissionSet: (absent) -> Portal_Users (the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredFlowEnabled: (absent) -> true (turns the Authorization Code and Credentials Flow on for this app)
            change Portal_plcy.ecaPlcy-meta.xml isOauthPluginEnabled: (absent) -> true (the OAuth files only count while the OAuth plugin is on)
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml permittedUsersPolicyType: (absent) -> AdminApprovedPreAuthorized (no page is shown where users could approve the app, so pre-authorize them)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredPostOnly: (absent) -> true (keeps credentials out of URLs and access logs)
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml isGuestCodeCredFlowEnabled: (absent) -> true (turns the guest variation of the Authorization Code and Credentials Flow on in this org)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isNamedUserJwtEnabled: (absent) -> true (guest tokens and unique visitor ids (UVIDs) exist only as JWT-based access tokens)
            change OauthOidc.settings-meta.xml oAuthCdCrdtFlowEnable: (absent) -> true (the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows))
            change Portal_glbloauth.ecaGlblOauth-meta.xml isSecretRequiredForRefreshToken: (absent) -> false (a public client has no secret to send when it refreshes its tokens)
            flow code-credentials: ready
            flow headless-guest: ready
            plan: create Portal.eca-meta.xml: new header (`.eca`) of `Portal`
            plan: create Portal_glbloauth.ecaGlblOauth-meta.xml: new global OAuth settings (`.ecaGlblOauth`) of `Portal`: `isConsumerSecretOptional` = `true`: a public client cannot keep a secret, so the code exchange must work without one; `isPkceRequired` = `true`: the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed; `callbackUrl` = `https://portal.example.my.site.com/services/oauth2/echo`: the callback URL the authorization code is sent to; `isCodeCredFlowEnabled` = `true`: turns the Authorization Code and Credentials Flow on for this app; `isCodeCredPostOnly` = `true`: keeps credentials out of URLs and access logs; `isNamedUserJwtEnabled` = `true`: guest tokens and unique visitor ids (UVIDs) exist only as JWT-based access tokens; `isSecretRequiredForRefreshToken` = `false`: a public client has no secret to send when it refreshes its tokens
            plan: create Portal_oauthPlcy.ecaOauthPlcy-meta.xml: new OAuth policies (`.ecaOauthPlcy`) of `Portal`: `commaSeparatedPermissionSet` = `Portal_Users`: the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why; `permittedUsersPolicyType` = `AdminApprovedPreAuthorized`: no page is shown where users could approve the app, so pre-authorize them; `isGuestCodeCredFlowEnabled` = `true`: turns the guest variation of the Authorization Code and Credentials Flow on in this org
            plan: create Portal_oauth.ecaOauth-meta.xml: new OAuth settings (`.ecaOauth`) of `Portal`: `commaSeparatedOauthScopes` = `Api, OpenID`: the OAuth scopes the app may ask for (such as `Api`, `OpenID`, `RefreshToken`)
            plan: create Portal_plcy.ecaPlcy-meta.xml: new plugin policies (`.ecaPlcy`) of `Portal`: `isOauthPluginEnabled` = `true`: the OAuth files only count while the OAuth plugin is on
            plan: create OauthOidc.settings-meta.xml: new org settings `settings/OauthOidc.settings-meta.xml`, which apply to every app of the org: `oAuthCdCrdtFlowEnable` = `true`: the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
        "#]],
    );
}

/// The inputs a user would give, added one by one as the engine asks for them.
fn with_input(request: &mut FlowRequest, option: &str) {
    match option.split(' ').next().unwrap_or_default() {
        "--callback-url" => request
            .callback_urls
            .push("https://portal.example.my.site.com/services/oauth2/echo".to_string()),
        "--scope" => request
            .scopes
            .extend(["Api".to_string(), "OpenID".to_string()]),
        "--permission-set" => request.permission_sets.push("Portal_Users".to_string()),
        "--run-as" => request.run_as = Some("integration@example.com".to_string()),
        "--token-exchange-handler" => {
            request.token_exchange_handler = Some("PartnerTokenHandler".to_string());
        }
        "--apex-execution-user" => {
            request.apex_execution_user = Some("handler@example.com".to_string());
        }
        "--token-type" => request.token_types.push("jwt".to_string()),
        "--certificate" => request.certificate = Some(CERTIFICATE.to_string()),
        "--assertion-certificate" => {
            request.assertion_certificate = Some(CERTIFICATE.to_string());
        }
        other => panic!("the engine asked for an option the test cannot give: {other}"),
    }
}

/// How a combination of flows fared.
enum Outcome {
    /// Planned, applied, checked clean, every flow ready; the options it needed.
    Clean(Vec<&'static str>),
    /// The flows cannot be combined (the message says why).
    Refused(String),
}

/// Plan a new app for `flows` at `version`, giving each input the engine asks for, apply the
/// plan to `base` and check the result: no error or warning in the new files, every requested
/// flow ready, and configuring it again changes nothing. Panics with the details otherwise.
fn generate_and_check(base: &Project, flows: &[&str], client: Option<ClientKind>) -> Outcome {
    let mut new_app = NewApp {
        name: "Generated_App".to_string(),
        label: None,
        distribution: Distribution::Local,
        request: FlowRequest {
            flows: flows.iter().map(|flow| flow.to_string()).collect(),
            client,
            ..FlowRequest::default()
        },
    };
    let mut asked = Vec::new();
    let plan = loop {
        match plan_new_app(base, &Layout::source("force-app"), &new_app) {
            Ok(plan) => break plan,
            Err(AuthoringError::MissingInput { option, .. }) => {
                assert!(
                    !asked.contains(&option),
                    "{flows:?}: asked twice for {option}"
                );
                asked.push(option);
                with_input(&mut new_app.request, option);
            }
            Err(error @ AuthoringError::Conflict { .. }) => {
                return Outcome::Refused(error.to_string());
            }
            Err(error) => panic!(
                "{flows:?} {client:?} at {}: {error}",
                base.api_version.version
            ),
        }
    };
    for file in &plan.files {
        if file.original.is_none() {
            assert!(
                base.file(&file.path).is_none(),
                "{}: overwritten",
                file.path
            );
        }
    }
    // The plan's operations give the very texts the engine computed.
    let project = plan.plan.applied_to(base);
    for file in &plan.files {
        assert_eq!(
            project
                .file(&file.path)
                .map(|applied| applied.text.as_str()),
            Some(file.text.as_str()),
            "{}",
            file.path
        );
    }
    let context = format!("{flows:?} {client:?} at {}", project.api_version.version);
    let written: Vec<&str> = plan.files.iter().map(|file| file.path.as_str()).collect();
    for (path, diagnostics) in crate::checks::project_diagnostics(&project) {
        if !written.contains(&path.as_str()) {
            continue;
        }
        for diagnostic in diagnostics {
            assert!(
                diagnostic.severity > Severity::Warning,
                "{context}: {path}: {}[{}] {}",
                diagnostic.severity,
                diagnostic.code,
                diagnostic.message
            );
        }
    }
    let app = project.app_named("Generated_App").expect("the new app");
    let readiness = flows::app_flows(&project, &app);
    for flow in flows {
        let readiness = readiness
            .flows
            .iter()
            .find(|readiness| readiness.flow_id == *flow)
            .unwrap_or_else(|| panic!("{context}: {flow} is not switched on"));
        assert!(
            readiness.state == FlowState::Ready,
            "{context}: {flow} is {}: {:?}",
            readiness.state,
            readiness.needs
        );
    }
    let again = plan_configure(
        &project,
        &Layout::source("force-app"),
        "Generated_App",
        &new_app.request,
    )
    .unwrap_or_else(|error| panic!("{context}: configure again: {error}"));
    assert!(
        again.files.is_empty() && again.held_back.is_empty(),
        "{context}: configuring again changes {:?}",
        render(&again)
    );
    Outcome::Clean(asked)
}

/// The oldest and the newest API version a set of flows can be configured at.
fn versions_of(flows: &[&str]) -> [ApiVersion; 2] {
    let oldest = flows
        .iter()
        .filter_map(|flow| oldest_api_version(flow))
        .max()
        .expect("a flow with a version");
    [oldest, newest()]
}

/// Every flow the flows data knows, alone and with each client kind, at the oldest and newest
/// API version it exists in: clean and ready. The list comes from the data, so a new flow is
/// tested the day it is added.
#[test]
fn every_flow_alone_generates_a_clean_ready_app() {
    let mut summary = String::new();
    let schema_flows: Vec<&str> = Schema::get()
        .flows
        .iter()
        .map(|flow| flow.id.as_str())
        .collect();
    let engine_flows: Vec<&str> = flows::flow_ids().collect();
    assert_eq!(
        schema_flows, engine_flows,
        "the flows data and the flow specs list the same flows"
    );
    for flow in engine_flows {
        for version in versions_of(&[flow]) {
            for client in [None, Some(ClientKind::Public), Some(ClientKind::Private)] {
                let outcome = generate_and_check(&empty_project(version), &[flow], client);
                let _ = writeln!(
                    summary,
                    "{flow} {version} {}: {}",
                    match client {
                        None => "-",
                        Some(ClientKind::Public) => "public",
                        Some(ClientKind::Private) => "private",
                    },
                    match outcome {
                        Outcome::Clean(asked) => format!(
                            "clean, needs {}",
                            if asked.is_empty() {
                                "nothing".to_string()
                            } else {
                                asked.join(" ")
                            }
                        ),
                        Outcome::Refused(why) => format!("refused: {why}"),
                    }
                );
            }
        }
    }
    expect![[r#"
        code-credentials 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        code-credentials 61.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        code-credentials 61.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        code-credentials 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        code-credentials 67.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        code-credentials 67.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-public 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-public 61.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-public 61.0 private: refused: --client private and headless-login-public cannot be combined: --client private needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `false`, headless-login-public needs `true`
        headless-login-public 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-public 67.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-public 67.0 private: refused: --client private and headless-login-public cannot be combined: --client private needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `false`, headless-login-public needs `true`
        headless-login-private 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-private 61.0 public: refused: --client public and headless-login-private cannot be combined: --client public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, headless-login-private needs `false`
        headless-login-private 61.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-private 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-login-private 67.0 public: refused: --client public and headless-login-private cannot be combined: --client public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, headless-login-private needs `false`
        headless-login-private 67.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 61.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 61.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 67.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-passwordless 67.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 61.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 61.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 67.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-registration 67.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 61.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 61.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 61.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 67.0 -: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 67.0 public: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        headless-guest 67.0 private: clean, needs --scope SCOPE --callback-url URL --permission-set NAME
        first-party-apps 62.0 -: clean, needs --scope SCOPE --assertion-certificate FILE --permission-set NAME
        first-party-apps 62.0 public: refused: --client public and first-party-apps cannot be combined: --client public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, first-party-apps needs `false`
        first-party-apps 62.0 private: clean, needs --scope SCOPE --assertion-certificate FILE --permission-set NAME
        first-party-apps 67.0 -: clean, needs --scope SCOPE --assertion-certificate FILE --permission-set NAME
        first-party-apps 67.0 public: refused: --client public and first-party-apps cannot be combined: --client public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, first-party-apps needs `false`
        first-party-apps 67.0 private: clean, needs --scope SCOPE --assertion-certificate FILE --permission-set NAME
        client-credentials 60.0 -: clean, needs --scope SCOPE --run-as USERNAME
        client-credentials 60.0 public: clean, needs --scope SCOPE --run-as USERNAME
        client-credentials 60.0 private: clean, needs --scope SCOPE --run-as USERNAME
        client-credentials 67.0 -: clean, needs --scope SCOPE --run-as USERNAME
        client-credentials 67.0 public: clean, needs --scope SCOPE --run-as USERNAME
        client-credentials 67.0 private: clean, needs --scope SCOPE --run-as USERNAME
        token-exchange 60.0 -: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        token-exchange 60.0 public: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        token-exchange 60.0 private: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        token-exchange 67.0 -: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        token-exchange 67.0 public: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        token-exchange 67.0 private: clean, needs --scope SCOPE --token-exchange-handler APEX_CLASS --apex-execution-user USERNAME --token-type TYPE
        jwt-bearer 60.0 -: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        jwt-bearer 60.0 public: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        jwt-bearer 60.0 private: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        jwt-bearer 67.0 -: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        jwt-bearer 67.0 public: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        jwt-bearer 67.0 private: clean, needs --scope SCOPE --certificate FILE --permission-set NAME
        device-flow 60.0 -: clean, needs --scope SCOPE
        device-flow 60.0 public: clean, needs --scope SCOPE
        device-flow 60.0 private: clean, needs --scope SCOPE
        device-flow 67.0 -: clean, needs --scope SCOPE
        device-flow 67.0 public: clean, needs --scope SCOPE
        device-flow 67.0 private: clean, needs --scope SCOPE
        refresh-token-rotation 60.0 -: clean, needs --scope SCOPE
        refresh-token-rotation 60.0 public: clean, needs --scope SCOPE
        refresh-token-rotation 60.0 private: clean, needs --scope SCOPE
        refresh-token-rotation 67.0 -: clean, needs --scope SCOPE
        refresh-token-rotation 67.0 public: clean, needs --scope SCOPE
        refresh-token-rotation 67.0 private: clean, needs --scope SCOPE
        web-server 60.0 -: clean, needs --scope SCOPE --callback-url URL
        web-server 60.0 public: clean, needs --scope SCOPE --callback-url URL
        web-server 60.0 private: clean, needs --scope SCOPE --callback-url URL
        web-server 67.0 -: clean, needs --scope SCOPE --callback-url URL
        web-server 67.0 public: clean, needs --scope SCOPE --callback-url URL
        web-server 67.0 private: clean, needs --scope SCOPE --callback-url URL
    "#]].assert_eq(&summary);
}

/// Every pair of flows the data knows, with each client kind, at the oldest and newest API
/// version both exist in: clean and ready, or refused as a conflict that names both.
#[test]
fn every_pair_of_flows_generates_a_clean_ready_app_or_is_refused_as_a_conflict() {
    let all: Vec<&str> = flows::flow_ids().collect();
    let mut refused = String::new();
    let mut clean = 0;
    for (index, first) in all.iter().enumerate() {
        for second in &all[index + 1..] {
            let pair = [*first, *second];
            for version in versions_of(&pair) {
                for client in [None, Some(ClientKind::Public), Some(ClientKind::Private)] {
                    match generate_and_check(&empty_project(version), &pair, client) {
                        Outcome::Clean(_) => clean += 1,
                        Outcome::Refused(why) => {
                            if client.is_none() {
                                let _ = writeln!(refused, "{first} + {second} {version}: {why}");
                            }
                        }
                    }
                }
            }
        }
    }
    let _ = writeln!(refused, "{clean} clean");
    expect![[r#"
        headless-login-public + headless-login-private 61.0: headless-login-public and headless-login-private cannot be combined: headless-login-public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, headless-login-private needs `false`
        headless-login-public + headless-login-private 67.0: headless-login-public and headless-login-private cannot be combined: headless-login-public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, headless-login-private needs `false`
        headless-login-public + first-party-apps 62.0: headless-login-public and first-party-apps cannot be combined: headless-login-public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, first-party-apps needs `false`
        headless-login-public + first-party-apps 67.0: headless-login-public and first-party-apps cannot be combined: headless-login-public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, first-party-apps needs `false`
        394 clean
    "#]].assert_eq(&refused);
}

/// One flow of each kind: flows that take the very same settings (the passwordless and
/// registration variations take what the foundation flow takes) generate the same files, so
/// one stands for all of them. Derived from the flows data, never listed by hand.
fn one_flow_of_each_kind() -> Vec<&'static str> {
    let project = empty_project(newest());
    let app = App {
        name: "Any".to_string(),
        header: None,
        components: Vec::new(),
    };
    let context = AppContext::new(&project, &app);
    let mut kinds: Vec<(Vec<Need>, &'static str)> = Vec::new();
    for flow in flows::flow_ids() {
        let setup = flows::flow_setup(&context, flow).expect("a known flow");
        if !kinds.iter().any(|(known, _)| *known == setup) {
            kinds.push((setup, flow));
        }
    }
    kinds.into_iter().map(|(_, flow)| flow).collect()
}

/// Every combination of flows (each subset of one flow of each kind), at the newest API
/// version: clean and ready, or refused as a conflict. The pairs above cover each client kind
/// and the oldest versions; this covers what three or more flows do together.
#[test]
fn every_combination_of_flows_generates_a_clean_ready_app_or_is_refused() {
    use rayon::prelude::*;
    let kinds = one_flow_of_each_kind();
    let base = empty_project(newest());
    let outcomes: Vec<bool> = (1u32..(1 << kinds.len()))
        .into_par_iter()
        .map(|mask| {
            let flows: Vec<&str> = kinds
                .iter()
                .enumerate()
                .filter(|(index, _)| mask & (1 << index) != 0)
                .map(|(_, flow)| *flow)
                .collect();
            matches!(generate_and_check(&base, &flows, None), Outcome::Clean(_))
        })
        .collect();
    let clean = outcomes.iter().filter(|clean| **clean).count();
    expect![[r#"
        kinds: code-credentials headless-login-public headless-login-private headless-guest first-party-apps client-credentials token-exchange jwt-bearer device-flow refresh-token-rotation web-server
        1279 clean, 768 refused
    "#]].assert_eq(&format!(
        "kinds: {}\n{clean} clean, {} refused\n",
        kinds.join(" "),
        outcomes.len() - clean
    ));
}

fn check_configure(fixture: &str, app: &str, request: &FlowRequest, expect: Expect) {
    let project = crate::checks::test_support::project(fixture);
    let rendered = match plan_configure(&project, &Layout::source("force-app"), app, request) {
        Ok(plan) => render(&plan),
        Err(error) => format!("error: {error}\n"),
    };
    expect.assert_eq(&rendered);
}

const EXISTING_APP: &str = concat!(
    "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
    "    <distributionState>Local</distributionState>\n",
    "    <label>Customer Portal</label>\n",
    "</ExternalClientApplication>\n",
    "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n",
    "<!-- No secrets here. -->\r\n",
    "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n",
    "\t<callbackUrl>https://portal.example.com/callback</callbackUrl>\r\n",
    "\t<externalClientApplication>Portal</externalClientApplication>\r\n",
    "\t<isConsumerSecretOptional>false</isConsumerSecretOptional> <!-- a server-side app -->\r\n",
    "\t<isPkceRequired>false</isPkceRequired>\r\n",
    "\t<label>Customer Portal</label>\r\n",
    "</ExtlClntAppGlobalOauthSettings>\r\n",
    "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
    "    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n",
    "    <externalClientApplication>Portal</externalClientApplication>\n",
    "    <label>Customer Portal</label>\n",
    "</ExtlClntAppOauthSettings>\n",
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
    "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
    "    <externalClientApplication>Portal</externalClientApplication>\n",
    "    <label>Customer Portal</label>\n",
    "    <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>\n",
    "</ExtlClntAppOauthConfigurablePolicies>\n",
);

#[test]
fn configure_changes_only_what_the_flow_needs_and_keeps_comments_and_line_endings() {
    check_configure(
        EXISTING_APP,
        "Portal",
        &FlowRequest {
            flows: vec!["client-credentials".to_string()],
            run_as: Some("integration@example.com".to_string()),
            ..FlowRequest::default()
        },
        expect![[r#"
            == edit /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>␍
            <!-- No secrets here. -->␍
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">␍
            	<callbackUrl>https://portal.example.com/callback</callbackUrl>␍
            	<externalClientApplication>Portal</externalClientApplication>␍
            	<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>␍
            	<isConsumerSecretOptional>false</isConsumerSecretOptional> <!-- a server-side app -->␍
            	<isPkceRequired>false</isPkceRequired>␍
            	<label>Customer Portal</label>␍
            </ExtlClntAppGlobalOauthSettings>␍
            == edit /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <clientCredentialsFlowUser>integration@example.com</clientCredentialsFlowUser>
                <externalClientApplication>Portal</externalClientApplication>
                <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
                <label>Customer Portal</label>
                <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
            </ExtlClntAppOauthConfigurablePolicies>
            == create /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <isEnabled>true</isEnabled>
                <label>Customer Portal</label>
            </ExtlClntAppConfigurablePolicies>
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml clientCredentialsFlowUser: (absent) -> integration@example.com (the username tokens are issued for (an API-only user with as little access as possible))
            change Portal_glbloauth.ecaGlblOauth-meta.xml isClientCredentialsFlowEnabled: (absent) -> true (turns the client credentials flow on for the app)
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml isClientCredentialsFlowEnabled: (absent) -> true (allows the client credentials flow in this org)
            flow client-credentials: ready
            plan: create Portal_plcy.ecaPlcy-meta.xml: new plugin policies (`.ecaPlcy`) of `Portal`
            plan: edit Portal_glbloauth.ecaGlblOauth-meta.xml 278..278: `isClientCredentialsFlowEnabled` = `true`: turns the client credentials flow on for the app
            plan: edit Portal_oauthPlcy.ecaOauthPlcy-meta.xml 126..126: `clientCredentialsFlowUser` = `integration@example.com`: the username tokens are issued for (an API-only user with as little access as possible)
            plan: edit Portal_oauthPlcy.ecaOauthPlcy-meta.xml 192..192: `isClientCredentialsFlowEnabled` = `true`: allows the client credentials flow in this org
        "#]],
    );
}

/// Policies named as CumulusCI and subscriber orgs name them (`<App>_oauth_defaultPolicy`) are
/// the app's policies: configure edits that file and creates no second one, exactly as it
/// edits `<App>_oauthPlcy` in the test above.
#[test]
fn configure_edits_policies_named_the_way_tools_name_them() {
    let renamed = |text: &str| {
        text.replace(
            "Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
            "Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml",
        )
    };
    let request = FlowRequest {
        flows: vec!["client-credentials".to_string()],
        run_as: Some("integration@example.com".to_string()),
        ..FlowRequest::default()
    };
    let configured = |fixture: &str| {
        let project = crate::checks::test_support::project(fixture);
        let plan = plan_configure(&project, &Layout::source("force-app"), "Portal", &request)
            .expect("configured");
        render(&plan)
    };
    let expected = renamed(&configured(EXISTING_APP));
    assert!(expected.contains("== edit /force-app/main/default/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml"), "{expected}");
    assert_eq!(configured(&renamed(EXISTING_APP)), expected);
}

#[test]
fn configure_holds_back_what_takes_access_away_unless_allowed() {
    let request = FlowRequest {
        flows: vec!["code-credentials".to_string()],
        permission_sets: vec!["Portal_Users".to_string()],
        ..FlowRequest::default()
    };
    check_configure(
        EXISTING_APP,
        "Portal",
        &request,
        expect![[r#"
            == edit /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>␍
            <!-- No secrets here. -->␍
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">␍
            	<callbackUrl>https://portal.example.com/callback</callbackUrl>␍
            	<externalClientApplication>Portal</externalClientApplication>␍
            	<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>␍
            	<isCodeCredPostOnly>true</isCodeCredPostOnly>␍
            	<isConsumerSecretOptional>false</isConsumerSecretOptional> <!-- a server-side app -->␍
            	<isPkceRequired>false</isPkceRequired>␍
            	<label>Customer Portal</label>␍
            </ExtlClntAppGlobalOauthSettings>␍
            == edit /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Customer Portal</label>
                <permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>
            </ExtlClntAppOauthConfigurablePolicies>
            == create /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <isEnabled>true</isEnabled>
                <label>Customer Portal</label>
            </ExtlClntAppConfigurablePolicies>
            == create /force-app/main/default/settings/OauthOidc.settings-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
            </OauthOidcSettings>
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml commaSeparatedPermissionSet: (absent) -> Portal_Users (the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredFlowEnabled: (absent) -> true (turns the Authorization Code and Credentials Flow on for this app)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredPostOnly: (absent) -> true (keeps credentials out of URLs and access logs)
            change OauthOidc.settings-meta.xml oAuthCdCrdtFlowEnable: (absent) -> true (the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows))
            held back ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = AdminApprovedPreAuthorized for code-credentials: it takes access away: every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them
            held back ExtlClntAppGlobalOauthSettings.isPkceRequired = true for code-credentials: it takes access away: clients that do not send a PKCE code challenge are refused
            flow code-credentials: ready
            plan: create Portal_plcy.ecaPlcy-meta.xml: new plugin policies (`.ecaPlcy`) of `Portal`
            plan: create OauthOidc.settings-meta.xml: new org settings `settings/OauthOidc.settings-meta.xml`, which apply to every app of the org: `oAuthCdCrdtFlowEnable` = `true`: the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
            plan: edit Portal_glbloauth.ecaGlblOauth-meta.xml 278..278: `isCodeCredFlowEnabled` = `true`: turns the Authorization Code and Credentials Flow on for this app; `isCodeCredPostOnly` = `true`: keeps credentials out of URLs and access logs
            plan: edit Portal_oauthPlcy.ecaOauthPlcy-meta.xml 126..126: `commaSeparatedPermissionSet` = `Portal_Users`: the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why
        "#]],
    );
    check_configure(
        EXISTING_APP,
        "Portal",
        &FlowRequest {
            allow_access_change: true,
            ..request
        },
        expect![[r#"
            == edit /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>␍
            <!-- No secrets here. -->␍
            <ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">␍
            	<callbackUrl>https://portal.example.com/callback</callbackUrl>␍
            	<externalClientApplication>Portal</externalClientApplication>␍
            	<isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>␍
            	<isCodeCredPostOnly>true</isCodeCredPostOnly>␍
            	<isConsumerSecretOptional>false</isConsumerSecretOptional> <!-- a server-side app -->␍
            	<isPkceRequired>true</isPkceRequired>␍
            	<label>Customer Portal</label>␍
            </ExtlClntAppGlobalOauthSettings>␍
            == edit /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Customer Portal</label>
                <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
            </ExtlClntAppOauthConfigurablePolicies>
            == create /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Portal</externalClientApplication>
                <isEnabled>true</isEnabled>
                <label>Customer Portal</label>
            </ExtlClntAppConfigurablePolicies>
            == create /force-app/main/default/settings/OauthOidc.settings-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
            </OauthOidcSettings>
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml commaSeparatedPermissionSet: (absent) -> Portal_Users (the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why)
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredFlowEnabled: (absent) -> true (turns the Authorization Code and Credentials Flow on for this app)
            change Portal_oauthPlcy.ecaOauthPlcy-meta.xml permittedUsersPolicyType: AllSelfAuthorized -> AdminApprovedPreAuthorized (no page is shown where users could approve the app, so pre-authorize them) ACCESS: every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them
            change Portal_glbloauth.ecaGlblOauth-meta.xml isPkceRequired: false -> true (binds the authorization code to the client that asked for it) ACCESS: clients that do not send a PKCE code challenge are refused
            change Portal_glbloauth.ecaGlblOauth-meta.xml isCodeCredPostOnly: (absent) -> true (keeps credentials out of URLs and access logs)
            change OauthOidc.settings-meta.xml oAuthCdCrdtFlowEnable: (absent) -> true (the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows))
            flow code-credentials: ready
            plan: create Portal_plcy.ecaPlcy-meta.xml: new plugin policies (`.ecaPlcy`) of `Portal`
            plan: create OauthOidc.settings-meta.xml: new org settings `settings/OauthOidc.settings-meta.xml`, which apply to every app of the org: `oAuthCdCrdtFlowEnable` = `true`: the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
            plan: edit Portal_glbloauth.ecaGlblOauth-meta.xml 278..278: `isCodeCredFlowEnabled` = `true`: turns the Authorization Code and Credentials Flow on for this app; `isCodeCredPostOnly` = `true`: keeps credentials out of URLs and access logs
            plan: edit Portal_glbloauth.ecaGlblOauth-meta.xml 366..407: `isPkceRequired` = `true`: binds the authorization code to the client that asked for it (takes access away: clients that do not send a PKCE code challenge are refused)
            plan: edit Portal_oauthPlcy.ecaOauthPlcy-meta.xml 126..126: `commaSeparatedPermissionSet` = `Portal_Users`: the permission sets whose users are pre-authorized, by API name or by ID, whichever your org accepts; ECA-REF-006 says why
            plan: edit Portal_oauthPlcy.ecaOauthPlcy-meta.xml 227..302: `permittedUsersPolicyType` = `AdminApprovedPreAuthorized`: no page is shown where users could approve the app, so pre-authorize them (takes access away: every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them)
        "#]],
    );
}

#[test]
fn bad_input_is_refused_with_what_to_do() {
    let project = empty_project(newest());
    let layout = Layout::source("force-app");
    let mut cases = String::new();
    let mut attempt = |what: &str, new_app: NewApp, project: &Project| {
        let outcome = match plan_new_app(project, &layout, &new_app) {
            Ok(_) => "planned".to_string(),
            Err(error) => error.to_string(),
        };
        let _ = writeln!(cases, "{what}: {outcome}");
    };
    for name in [
        "",
        "1Portal",
        "My Portal",
        "Portal-App",
        "Portal_",
        "My__Portal",
        "Ünïcode",
        "A123456789012345678901234567890123456789X",
    ] {
        attempt(
            &format!("name {name:?}"),
            NewApp {
                name: name.to_string(),
                ..portal(&["web-server"])
            },
            &project,
        );
    }
    attempt("no flow", portal(&[]), &project);
    attempt("unknown flow", portal(&["implicit"]), &project);
    attempt(
        "public and private",
        portal(&["headless-login-public", "headless-login-private"]),
        &project,
    );
    attempt(
        "too old",
        portal(&["code-credentials"]),
        &empty_project(ApiVersion::new(60, 0)),
    );
    attempt("no run-as user", portal(&["client-credentials"]), &project);
    let with = |flows: &[&str], change: fn(&mut FlowRequest)| {
        let mut app = portal(flows);
        change(&mut app.request);
        app
    };
    for user in [
        "integration",
        "integration@",
        "@example.com",
        "a@b@example.com",
        "jane@localhost",
        "jane@example..com",
        "jane doe@example.com",
    ] {
        let mut app = portal(&["client-credentials"]);
        app.request.run_as = Some(user.to_string());
        attempt(&format!("run-as {user:?}"), app, &project);
    }
    attempt(
        "a sandbox username",
        with(&["client-credentials"], |request| {
            request.run_as = Some("jane@company.sandbox".to_string());
        }),
        &project,
    );
    attempt(
        "no token exchange handler",
        portal(&["token-exchange"]),
        &project,
    );
    attempt(
        "no execution user",
        with(&["token-exchange"], |request| {
            request.token_exchange_handler = Some("PartnerTokenHandler".to_string());
        }),
        &project,
    );
    attempt(
        "no token type",
        with(&["token-exchange"], |request| {
            request.token_exchange_handler = Some("PartnerTokenHandler".to_string());
            request.apex_execution_user = Some("handler@example.com".to_string());
        }),
        &project,
    );
    attempt(
        "an execution user that is no username",
        with(&["token-exchange"], |request| {
            request.token_exchange_handler = Some("PartnerTokenHandler".to_string());
            request.apex_execution_user = Some("Handler User".to_string());
        }),
        &project,
    );
    attempt(
        "a class name with a space",
        with(&["token-exchange"], |request| {
            request.token_exchange_handler = Some("Partner Handler".to_string());
        }),
        &project,
    );
    attempt(
        "an unknown token type",
        with(&["token-exchange"], |request| {
            request.token_types = vec!["jwt,saml".to_string()];
        }),
        &project,
    );
    attempt(
        "a handler without the token exchange flow",
        with(&["web-server"], |request| {
            request.token_exchange_handler = Some("PartnerTokenHandler".to_string());
        }),
        &project,
    );
    attempt(
        "an app of that name",
        portal(&["web-server"]),
        &crate::checks::test_support::project(EXISTING_APP),
    );
    attempt(
        "the name in other letter case",
        NewApp {
            name: "PORTAL".to_string(),
            ..portal(&["web-server"])
        },
        &crate::checks::test_support::project(EXISTING_APP),
    );
    attempt(
        "a device name",
        NewApp {
            name: "Con".to_string(),
            ..portal(&["web-server"])
        },
        &project,
    );
    attempt(
        "a bad scope",
        NewApp {
            request: FlowRequest {
                scopes: vec!["api".to_string()],
                ..portal(&["web-server"]).request
            },
            ..portal(&["web-server"])
        },
        &project,
    );
    expect![[r#"
        name "": `` is not a valid API name for an External Client App: it is empty
        name "1Portal": `1Portal` is not a valid API name for an External Client App: it must begin with a letter
        name "My Portal": `My Portal` is not a valid API name for an External Client App: it cannot include spaces
        name "Portal-App": `Portal-App` is not a valid API name for an External Client App: it can contain only the letters A-Z and a-z, digits and underscores
        name "Portal_": `Portal_` is not a valid API name for an External Client App: it cannot end with an underscore
        name "My__Portal": `My__Portal` is not a valid API name for an External Client App: it cannot contain two consecutive underscores
        name "Ünïcode": `Ünïcode` is not a valid API name for an External Client App: it can contain only the letters A-Z and a-z, digits and underscores
        name "A123456789012345678901234567890123456789X": `A123456789012345678901234567890123456789X` is not a valid API name for an External Client App: it must be 40 characters or fewer
        no flow: name at least one flow with --flow (known flows: code-credentials, headless-login-public, headless-login-private, headless-passwordless, headless-registration, headless-guest, first-party-apps, client-credentials, token-exchange, jwt-bearer, device-flow, refresh-token-rotation, web-server)
        unknown flow: unknown flow `implicit`; known flows: code-credentials, headless-login-public, headless-login-private, headless-passwordless, headless-registration, headless-guest, first-party-apps, client-credentials, token-exchange, jwt-bearer, device-flow, refresh-token-rotation, web-server
        public and private: headless-login-public and headless-login-private cannot be combined: headless-login-public needs `ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional` = `true`, headless-login-private needs `false`
        too old: the flow `code-credentials` needs `ExtlClntAppGlobalOauthSettings.isCodeCredFlowEnabled`, which API version 60.0 does not have (it came in 61.0); raise the project's API version or pass --api-version 61.0
        no run-as user: the flow `client-credentials` needs the username tokens are issued for (an API-only user with as little access as possible): give it with --run-as USERNAME
        run-as "integration": --run-as `integration`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "integration@": --run-as `integration@`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "@example.com": --run-as `@example.com`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "a@b@example.com": --run-as `a@b@example.com`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "jane@localhost": --run-as `jane@localhost`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "jane@example..com": --run-as `jane@example..com`: not a Salesforce username: usernames have the form of an email address, such as `integration@example.com` (it need not be a working address)
        run-as "jane doe@example.com": --run-as `jane doe@example.com`: a Salesforce username cannot contain spaces or line breaks
        a sandbox username: planned
        no token exchange handler: the flow `token-exchange` needs the Apex class that validates the identity provider's token and maps it to a Salesforce user (it extends `Auth.Oauth2TokenExchangeHandler`): give it with --token-exchange-handler APEX_CLASS (and --apex-execution-user USERNAME and --token-type TYPE)
        no execution user: the flow `token-exchange` needs the username that runs the handler's Apex class (Salesforce recommends an integration user): give it with --apex-execution-user USERNAME (and --token-type TYPE)
        no token type: the flow `token-exchange` needs the types of token the identity provider sends for exchange (access-token, id-token, jwt, refresh-token, saml2): give it with --token-type TYPE
        an execution user that is no username: --apex-execution-user `Handler User`: a Salesforce username cannot contain spaces or line breaks
        a class name with a space: --token-exchange-handler `Partner Handler`: an Apex class name cannot contain spaces
        an unknown token type: --token-type `saml`: not a token type; use access-token, id-token, jwt, refresh-token or saml2
        a handler without the token exchange flow: --token-exchange-handler `PartnerTokenHandler`: it describes a token exchange handler, which only the flow `token-exchange` needs; add --flow token-exchange, or leave it out
        an app of that name: the project already has an app named `Portal` (force-app/main/default/externalClientApps/Portal.eca-meta.xml); choose another name, or run `eca-ls configure Portal --flow …` to configure it
        the name in other letter case: the project already has an app named `Portal` (force-app/main/default/externalClientApps/Portal.eca-meta.xml), which differs from `PORTAL` only in letter case: the file systems of macOS and Windows ignore letter case by default, so both apps' files would be the same files there; choose another name
        a device name: `Con` is a valid API name, but not a name for the app's files: it is a device name Windows reserves (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`), so the app's header file could not be created or checked out there, even with its suffix; choose another name
        a bad scope: the result would not check clean, so nothing was written:
          force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml: warning[ECA-REF-010] `api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `Api`
    "#]].assert_eq(&cases);
}

#[test]
fn a_required_change_that_takes_access_away_is_refused_unless_allowed() {
    let public_app = EXISTING_APP.replace(
        "<isConsumerSecretOptional>false</isConsumerSecretOptional>",
        "<isConsumerSecretOptional>true</isConsumerSecretOptional>",
    );
    let request = FlowRequest {
        flows: vec!["first-party-apps".to_string()],
        permission_sets: vec!["Portal_Users".to_string()],
        assertion_certificate: Some(CERTIFICATE.to_string()),
        ..FlowRequest::default()
    };
    check_configure(
        &public_app,
        "Portal",
        &request,
        expect![[r#"
        error: the flows need changes that take access away from the app's current users, so nothing was written; rerun with --allow-access-change to make them:
          ExtlClntAppGlobalOauthSettings.isConsumerSecretOptional = `false` (for first-party-apps): it takes access away: clients that exchange authorization codes without the consumer secret (public clients) are refused
          ExtlClntAppGlobalOauthSettings.isPkceRequired = `true` (for first-party-apps): it takes access away: clients that do not send a PKCE code challenge are refused
          ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType = `AdminApprovedPreAuthorized` (for first-party-apps): it takes access away: every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them
    "#]],
    );
    let project = crate::checks::test_support::project(&public_app);
    let allowed = plan_configure(
        &project,
        &Layout::source("force-app"),
        "Portal",
        &FlowRequest {
            allow_access_change: true,
            ..request
        },
    )
    .expect("allowed");
    let access: Vec<String> = allowed
        .changes
        .iter()
        .filter_map(|change| {
            Some(format!(
                "{}: {}",
                change.field,
                change.access_change.as_deref()?
            ))
        })
        .collect();
    expect![[r#"
        [
            "isConsumerSecretOptional: clients that exchange authorization codes without the consumer secret (public clients) are refused",
            "isPkceRequired: clients that do not send a PKCE code challenge are refused",
            "permittedUsersPolicyType: every user who approved the app for themselves loses access unless a listed permission set or profile pre-authorizes them",
        ]
    "#]].assert_debug_eq(&access);
    assert_eq!(
        allowed.flows,
        vec![("first-party-apps".to_string(), FlowState::Ready)]
    );
}

fn token_exchange_request() -> FlowRequest {
    FlowRequest {
        flows: vec!["token-exchange".to_string()],
        scopes: vec!["Api".to_string()],
        token_exchange_handler: Some("PartnerTokenHandler".to_string()),
        apex_execution_user: Some("handler@example.com".to_string()),
        token_types: vec!["jwt".to_string(), "access-token,jwt".to_string()],
        ..FlowRequest::default()
    }
}

/// A new app for token exchange comes with its handler: named after the app, switched on, its
/// enablement naming the app with the execution user, the token types given switched on and
/// the others off.
#[test]
fn new_app_for_token_exchange_writes_its_handler() {
    let project = empty_project(newest());
    let plan = plan_new_app(
        &project,
        &Layout::source("force-app"),
        &NewApp {
            name: "Partner_Portal".to_string(),
            label: None,
            distribution: Distribution::Local,
            request: token_exchange_request(),
        },
    )
    .expect("plans");
    let handler = plan
        .files
        .iter()
        .find(|file| file.path.contains("oauthtokenexchangehandlers"))
        .expect("a handler file");
    assert_eq!(
        handler.path,
        "force-app/main/default/oauthtokenexchangehandlers/Partner_Portal.oauthtokenexchangehandler-meta.xml"
    );
    expect![[r#"
        <?xml version="1.0" encoding="UTF-8"?>
        <OauthTokenExchangeHandler xmlns="http://soap.sforce.com/2006/04/metadata">
            <description>Validates the identity provider's tokens for the External Client App Partner_Portal and maps them to Salesforce users</description>
            <developerName>Partner_Portal</developerName>
            <enablements>
                <apexExecutionUser>handler@example.com</apexExecutionUser>
                <externalClientApp>Partner_Portal</externalClientApp>
                <isDefault>true</isDefault>
            </enablements>
            <isAccessTokenSupported>true</isAccessTokenSupported>
            <isEnabled>true</isEnabled>
            <isIdTokenSupported>false</isIdTokenSupported>
            <isJwtSupported>true</isJwtSupported>
            <isRefreshTokenSupported>false</isRefreshTokenSupported>
            <isSaml2Supported>false</isSaml2Supported>
            <isUserCreationAllowed>false</isUserCreationAllowed>
            <masterLabel>Partner Portal</masterLabel>
            <tokenHandlerApex>PartnerTokenHandler</tokenHandlerApex>
        </OauthTokenExchangeHandler>
    "#]].assert_eq(&handler.text);
    let changes: Vec<String> = plan
        .changes
        .iter()
        .filter(|change| change.path == handler.path)
        .map(|change| format!("{} = {}: {}", change.field, change.after, change.why))
        .collect();
    expect![[r#"
        [
            "tokenHandlerApex = PartnerTokenHandler: the Apex class that validates the identity provider's token and maps it to a Salesforce user (it extends `Auth.Oauth2TokenExchangeHandler`)",
            "enablements = Partner_Portal: enables the handler for this app, its Apex class run as `handler@example.com`, as the app's default handler (used when a token request names no `token_handler`)",
            "isEnabled = true: switches the handler on",
            "isAccessTokenSupported = true: the handler accepts `access-token` tokens (--token-type)",
            "isJwtSupported = true: the handler accepts `jwt` tokens (--token-type)",
        ]
    "#]].assert_debug_eq(&changes);
    assert_eq!(
        plan.flows,
        vec![("token-exchange".to_string(), FlowState::Ready)]
    );
}

/// The app's existing files with the token exchange flow switched on.
fn token_exchange_app() -> String {
    format!(
        "{EXISTING_APP}{}",
        concat!(
            "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isEnabled>true</isEnabled>\n",
            "    <isOauthPluginEnabled>true</isOauthPluginEnabled>\n",
            "    <label>Customer Portal</label>\n",
            "</ExtlClntAppConfigurablePolicies>\n",
        )
    )
}

fn handler_file(enabled: &str, app: &str) -> String {
    format!(
        concat!(
            "//- /force-app/main/default/oauthtokenexchangehandlers/Partner.oauthtokenexchangehandler-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthTokenExchangeHandler xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <description>Partner tokens</description>\n",
            "    <developerName>Partner</developerName>\n",
            "    <enablements>\n",
            "        <apexExecutionUser>integration@example.com</apexExecutionUser>\n",
            "        <externalClientApp>{app}</externalClientApp>\n",
            "        <isDefault>true</isDefault>\n",
            "    </enablements>\n",
            "    <isAccessTokenSupported>false</isAccessTokenSupported>\n",
            "    <isEnabled>{enabled}</isEnabled>\n",
            "    <isIdTokenSupported>false</isIdTokenSupported>\n",
            "    <isJwtSupported>true</isJwtSupported>\n",
            "    <isRefreshTokenSupported>false</isRefreshTokenSupported>\n",
            "    <masterLabel>Partner</masterLabel>\n",
            "    <tokenHandlerApex>PartnerTokenHandler</tokenHandlerApex>\n",
            "</OauthTokenExchangeHandler>\n",
        ),
        enabled = enabled,
        app = app,
    )
}

/// `configure` for token exchange: a handler written when no file of the project enables the
/// app (one for another app does not count), none when one does, and a switched-off one that
/// names the app left to the user (it may serve other apps).
#[test]
fn configure_for_token_exchange_writes_a_handler_only_where_none_enables_the_app() {
    let request = token_exchange_request();
    let mut cases = String::new();
    for (what, extra) in [
        ("no handler", String::new()),
        (
            "a handler of another app",
            handler_file("true", "Other_App"),
        ),
        ("a working handler", handler_file("true", "Portal")),
        ("a handler switched off", handler_file("false", "Portal")),
    ] {
        let project =
            crate::checks::test_support::project(&format!("{}{extra}", token_exchange_app()));
        let outcome =
            match plan_configure(&project, &Layout::source("force-app"), "Portal", &request) {
                Ok(plan) => {
                    let created: Vec<String> = plan
                        .files
                        .iter()
                        .filter(|file| file.original.is_none())
                        .map(|file| crate::model::file_kind::file_name(&file.path).to_string())
                        .collect();
                    format!("creates {created:?}, {:?}", plan.flows)
                }
                Err(error) => format!("error: {error}"),
            };
        let _ = writeln!(cases, "{what}: {outcome}");
    }
    expect![[r#"
        no handler: creates ["Portal.oauthtokenexchangehandler-meta.xml"], [("token-exchange", Ready)]
        a handler of another app: creates ["Portal.oauthtokenexchangehandler-meta.xml"], [("token-exchange", Ready)]
        a working handler: creates [], [("token-exchange", Ready)]
        a handler switched off: error: the flow `token-exchange` needs force-app/main/default/oauthtokenexchangehandlers/Partner.oauthtokenexchangehandler-meta.xml, which names the app but does not work: the handler that enables this app is switched off (`isEnabled` is not `true`); mend it there first (it may serve other apps too)
    "#]].assert_eq(&cases);
}

/// The handler's label holds 80 characters: a longer app label gives way to the API name.
#[test]
fn a_handler_label_too_long_for_the_handler_is_the_app_name() {
    let plan = plan_new_app(
        &empty_project(newest()),
        &Layout::source("force-app"),
        &NewApp {
            name: "Partner_Portal".to_string(),
            label: Some("A".repeat(81)),
            distribution: Distribution::Local,
            request: token_exchange_request(),
        },
    )
    .expect("plans");
    let handler = plan
        .files
        .iter()
        .find(|file| file.path.ends_with(".oauthtokenexchangehandler-meta.xml"))
        .expect("a handler file");
    assert!(
        handler
            .text
            .contains("<masterLabel>Partner_Portal</masterLabel>"),
        "{}",
        handler.text
    );
}
