use expect_test::{Expect, expect};

use super::*;
use crate::checks::test_support;

/// The lenses of the file marked with `$0`, each as the text it sits on and its title.
fn check(fixture: &str, expected: Expect) {
    let (project, path, _) = test_support::project_with_cursor(fixture);
    let text = &project.file(&path).expect("the marked file").text;
    let actual: String = code_lenses(&project, &path)
        .iter()
        .map(|lens| {
            format!(
                "[{}] {} (app {})\n",
                lens.range.slice(text),
                lens.title,
                lens.app
            )
        })
        .collect();
    expected.assert_eq(&actual);
}

const HEADER: &str = "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">$0
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Portal</label>
</ExternalClientApplication>
";

const GLOBAL: &str =
    "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
";

const POLICIES: &str =
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
</ExtlClntAppOauthConfigurablePolicies>
";

const ORG_SETTINGS: &str = "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
</OauthOidcSettings>
";

#[test]
fn a_header_sums_up_its_flows() {
    check(
        &format!("{HEADER}{GLOBAL}{POLICIES}{ORG_SETTINGS}"),
        expect![[r#"
            [ExternalClientApplication] Headless guest flow: 4 missing · 5 unknown (app Portal)
        "#]],
    );
}

#[test]
fn a_flow_that_depends_on_a_missing_file_is_unknown() {
    check(
        &format!("{HEADER}{GLOBAL}{POLICIES}"),
        expect![[r#"
            [ExternalClientApplication] Headless guest flow: 5 missing · 5 unknown (app Portal)
        "#]],
    );
}

#[test]
fn an_app_without_flows_says_so() {
    check(
        HEADER,
        expect![[r#"
            [ExternalClientApplication] No OAuth flow switched on (app Portal)
        "#]],
    );
}

#[test]
fn no_lens_outside_a_header() {
    check(
        &format!("{HEADER}{GLOBAL}{POLICIES}")
            .replacen("$0", "", 1)
            .replacen(
                "<isGuestCodeCredFlowEnabled>",
                "<isGuestCodeCredFlowEnabled>$0",
                1,
            ),
        expect![""],
    );
}

#[test]
fn many_flows_count_the_ready_ones() {
    let flow = |name: &str, state: FlowState| FlowReadiness {
        flow_id: name.to_lowercase(),
        name: name.to_string(),
        state,
        needs: Vec::new(),
    };
    let flows = AppFlows {
        app: "Portal".to_string(),
        flows: vec![
            flow("One", FlowState::Ready),
            flow("Two", FlowState::Ready),
            flow("Three", FlowState::Unknown),
            flow("Four", FlowState::Ready),
        ],
    };
    expect!["4 flows: 1 unknown · 3 ready"].assert_eq(&summary(&flows));
    let all_ready = AppFlows {
        flows: flows
            .flows
            .iter()
            .cloned()
            .map(|mut flow| {
                flow.state = FlowState::Ready;
                flow
            })
            .collect(),
        ..flows
    };
    expect!["all 4 flows ready"].assert_eq(&summary(&all_ready));
}

#[test]
fn an_app_eca_ls_writes_for_a_flow_is_ready() {
    use crate::writers::app_config::{Distribution, FlowRequest, NewApp, plan_new_app};
    use crate::writers::component_files::Layout;
    let empty = test_support::project("//- /sfdx-project.json\n{}\n");
    let new_app = NewApp {
        name: "Integration".to_string(),
        label: None,
        distribution: Distribution::Local,
        request: FlowRequest {
            flows: vec!["client-credentials".to_string()],
            run_as: Some("integration@example.com".to_string()),
            scopes: vec!["Api".to_string()],
            ..FlowRequest::default()
        },
    };
    let plan = plan_new_app(&empty, &Layout::source("force-app"), &new_app)
        .unwrap_or_else(|error| panic!("planning the app: {error}"));
    let project = plan.plan.applied_to(&empty);
    let header = plan.header.expect("a header");
    let lenses: Vec<String> = code_lenses(&project, &header)
        .into_iter()
        .map(|lens| lens.title)
        .collect();
    expect![[r#"
        [
            "Client credentials flow: ready",
        ]
    "#]]
    .assert_debug_eq(&lenses);
}
