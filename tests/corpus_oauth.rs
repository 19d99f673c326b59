//! The OAuth rules and flow readiness on the real-world corpus (`../shared/corpus`): each
//! `repos/<name>/` folder is loaded as the projects `eca-ls check` finds in it, with the
//! newest API version. The cross-file inconsistencies the MANIFEST notes are reported, no OAuth rule
//! reports an error on a file real projects deploy, and every finding and flow is pinned in a
//! snapshot that was read and judged finding by finding.

mod support;

use std::collections::BTreeMap;
use std::fmt::Write;

use eca_analysis::{Diagnostic, Project, Severity};
use expect_test::expect;
use support::corpus::{corpus_projects, manifest, relative_to_repos};

/// The code prefixes of the OAuth rules.
const SCOPE: &[&str] = &[
    "ECA-ACC-",
    "ECA-JWT-",
    "ECA-RT-",
    "ECA-SES-",
    "ECA-CC-",
    "ECA-TX-",
    "ECA-JWTB-",
    "ECA-SEC-",
];

fn in_scope(code: &str) -> bool {
    SCOPE.iter().any(|prefix| code.starts_with(prefix))
}

/// The OAuth rules' findings over the whole corpus, by file relative to `repos/`.
fn oauth_findings(projects: &[(String, Project)]) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut by_file: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for (_, project) in projects {
        for (path, diagnostics) in eca_analysis::project_diagnostics(project) {
            let kept: Vec<Diagnostic> = diagnostics
                .into_iter()
                .filter(|diagnostic| in_scope(&diagnostic.code))
                .collect();
            if !kept.is_empty() {
                by_file
                    .entry(relative_to_repos(&path))
                    .or_default()
                    .extend(kept);
            }
        }
    }
    by_file
}

#[test]
fn the_oauth_rules_on_the_corpus() {
    let expected = manifest();
    let projects = corpus_projects();
    let findings = oauth_findings(&projects);

    // No error on a file that real projects deploy.
    let mut errors = Vec::new();
    for (file, diagnostics) in &findings {
        if expected.get(file).map(String::as_str) != Some("no-errors") {
            continue;
        }
        for diagnostic in diagnostics {
            if diagnostic.severity == Severity::Error {
                errors.push(format!(
                    "{file}: {} {}",
                    diagnostic.code, diagnostic.message
                ));
            }
        }
    }
    assert!(
        errors.is_empty(),
        "errors on deployable files:\n{}",
        errors.join("\n")
    );

    // The cross-file inconsistencies the MANIFEST notes.
    let has = |file_end: &str, code: &str, severity: Severity, words: &str| {
        findings.iter().any(|(file, diagnostics)| {
            file.ends_with(file_end)
                && diagnostics.iter().any(|diagnostic| {
                    diagnostic.code == code
                        && diagnostic.severity == severity
                        && diagnostic.message.contains(words)
                })
        })
    };
    let noted = [
        // Global client credentials on, the policy off and without a run-as user.
        (
            "DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml",
            "ECA-CC-001",
            "this org's OAuth policies do not allow it",
        ),
        (
            "DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml",
            "ECA-CC-001",
            "has no run-as user",
        ),
        (
            "rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth",
            "ECA-CC-001",
            "this org's OAuth policies do not allow it",
        ),
        (
            "anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml",
            "ECA-CC-001",
            "this org's OAuth policies do not allow it",
        ),
        // A policy enabling client credentials while the global settings omit or disable it.
        (
            "rlm-agent-config-concept/force-app/main/default/extlClntAppOauthPolicies/RevenueAgent_Headless.ecaOauthPlcy-meta.xml",
            "ECA-CC-001",
            "does not set `isClientCredentialsFlowEnabled`",
        ),
        (
            "salesforce-platform-playground/scratch-org/templates/client-credentials/extlClntAppOauthPolicies/Salesforce_API_Playground_Integration_oauthPlcy.ecaOauthPlcy-meta.xml",
            "ECA-CC-001",
            "`isClientCredentialsFlowEnabled` in Salesforce_API_Playground_Integration_glbloauth.ecaGlblOauth-meta.xml is `false`",
        ),
        // The app's code-and-credentials flow on while the org blocks it.
        (
            "DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml",
            "ECA-ACC-001",
            "the org blocks it",
        ),
    ];
    for (file_end, code, words) in noted {
        assert!(
            has(file_end, code, Severity::Warning, words),
            "no {code} warning containing {words:?} on {file_end}"
        );
    }
    // Without the global settings file, only a note: never a guess.
    assert!(has(
        "We-Go/force-app/main/default/extlClntAppOauthPolicies/RoadLink_Bus_Integration_oauthPlcy.ecaOauthPlcy-meta.xml",
        "ECA-CC-001",
        Severity::Information,
        "the project has no global OAuth settings",
    ));
    // A consumer key is a client id, not a secret; the corpus holds no secret.
    assert!(
        findings
            .values()
            .flatten()
            .all(|diagnostic| diagnostic.code != "ECA-SEC-001"),
        "ECA-SEC-001 on a corpus file"
    );

    // Every finding, judged one by one when this snapshot was written.
    let mut rendered = String::new();
    for (file, diagnostics) in &findings {
        for diagnostic in diagnostics {
            let _ = writeln!(
                rendered,
                "{file} {}[{}]",
                diagnostic.severity, diagnostic.code
            );
        }
    }
    expect![[r#"
        AndyHaas__Salesforce_Project_Management/force-app/main/default/extlClntAppGlobalOauthSets/Portal_Auto_Login_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        N-P-N-P__SFDX-SFDX/force-app/main/default/extlClntAppGlobalOauthSets/Devops_JWT_glbloauth.ecaGlblOauth-meta.xml information[ECA-JWTB-001]
        N-P-N-P__SFDX-SFDX/force-app/main/default/extlClntAppGlobalOauthSets/Devops_JWT_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        RamiroHernandez__CICD/force-app/main/default/extlClntAppGlobalOauthSets/SOLU_CI_CD_glbloauth.ecaGlblOauth-meta.xml information[ECA-JWTB-001]
        RamiroHernandez__CICD/force-app/main/default/extlClntAppGlobalOauthSets/SOLU_CI_CD_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        Sanpelegrino1__AnalyticsSECommandCenter/salesforce/force-app/main/default/extlClntAppGlobalOauthSets/CommandCenterAuth_glbloauth.ecaGlblOauth-meta.xml information[ECA-ACC-001]
        Sanpelegrino1__AnalyticsSECommandCenter/salesforce/force-app/main/default/extlClntAppGlobalOauthSets/CommandCenterAuth_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        bgaldino__rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth warning[ECA-CC-001]
        bgaldino__rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth warning[ECA-CC-001]
        bgaldino__rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth information[ECA-ACC-001]
        bgaldino__rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth warning[ECA-ACC-003]
        bgaldino__rlm-base-dev/unpackaged/post_mcp/extlClntAppGlobalOauthSets/ClaudeMcpClientRC_glbloauth.ecaGlblOauth hint[ECA-TX-002]
        deniskrizanovic__sf_businesscapability/force-app/main/default/extlClntAppGlobalOauthSets/Bcm_E2e_Jwt.ecaGlblOauth-meta.xml warning[ECA-ACC-004]
        deniskrizanovic__sf_businesscapability/force-app/main/default/extlClntAppOauthPolicies/Bcm_E2e_Jwt_defaultPolicy.ecaOauthPlcy-meta.xml information[ECA-SES-002]
        eelywasa__sf-bulk-loader/tests/e2e/sf/sfdx-devhub/force-app/main/default/extlClntAppGlobalOauthSets/SfblE2ECiDevHub.ecaGlblOauth-meta.xml information[ECA-JWTB-001]
        eelywasa__sf-bulk-loader/tests/e2e/sf/sfdx-devhub/force-app/main/default/extlClntAppOauthPolicies/SfblE2ECiDevHub.ecaOauthPlcy-meta.xml information[ECA-SES-002]
        eelywasa__sf-bulk-loader/tests/e2e/sf/sfdx/force-app/main/default/extlClntAppGlobalOauthSets/SfblE2E.ecaGlblOauth-meta.xml information[ECA-JWTB-001]
        eelywasa__sf-bulk-loader/tests/e2e/sf/sfdx/force-app/main/default/extlClntAppOauthPolicies/SfblE2E.ecaOauthPlcy-meta.xml information[ECA-SES-002]
        imdilipsubramaniam__DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml warning[ECA-CC-001]
        imdilipsubramaniam__DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml warning[ECA-CC-001]
        imdilipsubramaniam__DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-001]
        imdilipsubramaniam__DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        imdilipsubramaniam__DssOrg/force-app/main/default/extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        justinsohn__gstdev/force-app/main/default/extlClntAppGlobalOauthSets/Postman_glbloauth.ecaGlblOauth-meta.xml information[ECA-ACC-001]
        justinsohn__gstdev/force-app/main/default/extlClntAppGlobalOauthSets/Postman_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        justinsohn__gstdev/force-app/main/default/extlClntAppGlobalOauthSets/Postman_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        lzdravkov__rlm-agent-config-concept/force-app/main/default/extlClntAppOauthPolicies/RevenueAgent_Headless.ecaOauthPlcy-meta.xml warning[ECA-CC-001]
        lzdravkov__rlm-agent-config-concept/force-app/main/default/extlClntAppOauthPolicies/RevenueAgent_Headless.ecaOauthPlcy-meta.xml warning[ECA-CC-001]
        mpavankalyan732__We-Go/force-app/main/default/extlClntAppOauthPolicies/RoadLink_Bus_Integration_oauthPlcy.ecaOauthPlcy-meta.xml information[ECA-CC-001]
        r-balaji__ConfigMgrRESTMCP/force-app/main/default/extlClntAppGlobalOauthSets/Symphonix_MCP_glbloauth.ecaGlblOauth-meta.xml information[ECA-ACC-001]
        r-balaji__ConfigMgrRESTMCP/force-app/main/default/extlClntAppGlobalOauthSets/Symphonix_MCP_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        r-balaji__ConfigMgrRESTMCP/force-app/main/default/extlClntAppGlobalOauthSets/Symphonix_MCP_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        salesforce-misc__Data360MedTechSolutionKit/ps-eca/main/default/extlClntAppGlobalOauthSets/Salesforce_DC_Prod_Org_glbloauth.ecaGlblOauth-meta.xml information[ECA-ACC-001]
        salesforce-misc__Data360MedTechSolutionKit/ps-eca/main/default/extlClntAppGlobalOauthSets/Salesforce_DC_Prod_Org_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        salesforce-misc__Data360MedTechSolutionKit/ps-eca/main/default/extlClntAppGlobalOauthSets/Salesforce_DC_Prod_Org_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        sgummalla79__sgummalla_works/force-app/main/default/extlClntAppGlobalOauthSets/SgummallaWorks_glbloauth.ecaGlblOauth-meta.xml information[ECA-JWTB-001]
        sgummalla79__sgummalla_works/force-app/main/default/extlClntAppGlobalOauthSets/SgummallaWorks_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-004]
        sgummalla79__sgummalla_works/force-app/main/default/extlClntAppGlobalOauthSets/SgummallaWorks_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml warning[ECA-CC-001]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml warning[ECA-CC-001]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml information[ECA-ACC-001]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml warning[ECA-ACC-003]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Target1ExClApp_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        testanother236__anotherRepo/force-app/main/default/extlClntAppGlobalOauthSets/Test_1_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        tyoshikawa1106__salesforce-platform-playground/scratch-org/main/default/extlClntAppGlobalOauthSets/Salesforce_API_Playground_Integration_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        tyoshikawa1106__salesforce-platform-playground/scratch-org/main/default/extlClntAppGlobalOauthSets/Salesforce_API_Playground_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        tyoshikawa1106__salesforce-platform-playground/scratch-org/templates/client-credentials/extlClntAppOauthPolicies/Salesforce_API_Playground_Integration_oauthPlcy.ecaOauthPlcy-meta.xml warning[ECA-CC-001]
        unofficialbox__box-bedrock-for-clm/clm-react-app/force-app/main/default/extlClntAppGlobalOauthSets/Box_Automate_CLM_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        vikaspandey1007__sfdc-mcp-poc/salesforce/metadata/force-app/main/default/extlClntAppGlobalOauthSets/Revenue_Agent_MCP_Client_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
        yashraj2003e__Salesforce---ORG-C/force-app/main/default/extlClntAppGlobalOauthSets/orgfarm6845_glbloauth.ecaGlblOauth-meta.xml hint[ECA-TX-002]
    "#]].assert_eq(&rendered);
}

#[test]
fn flow_readiness_on_the_corpus() {
    let projects = corpus_projects();
    let mut rendered = String::new();
    for (name, project) in &projects {
        for app in eca_analysis::project_flows(project) {
            let flows: Vec<String> = app
                .flows
                .iter()
                .map(|flow| format!("{}={}", flow.flow_id, flow.state))
                .collect();
            let flows = if flows.is_empty() {
                "(no flow switched on)".to_string()
            } else {
                flows.join(" ")
            };
            let _ = writeln!(rendered, "{name} {}: {flows}", app.app);
        }
    }
    expect![[r#"
        AndyHaas__Salesforce_Project_Management Portal_Auto_Login: web-server=unknown
        N-P-N-P__SFDX-SFDX Devops_JWT: jwt-bearer=ready web-server=ready
        RamiroHernandez__CICD SOLU_CI_CD: jwt-bearer=ready web-server=ready
        RamiroHernandez__CICD@c5f0fc9 SOLU_CI_CD: (no flow switched on)
        Sanpelegrino1__AnalyticsSECommandCenter CommandCenterAuth: code-credentials=unknown headless-login-public=unknown headless-passwordless=unknown headless-registration=unknown web-server=unknown
        bgaldino__rlm-base-dev ClaudeMcpClientRC: code-credentials=unknown headless-login-public=unknown headless-passwordless=unknown headless-registration=unknown client-credentials=incomplete refresh-token-rotation=ready web-server=ready
        bgaldino__rlm-base-dev RLMQuotingMcpClient: web-server=unknown
        chrzasz__sf-th-eca-via-metadata ecaViaMetadata: web-server=unknown
        deniskrizanovic__sf_businesscapability Bcm_E2e_Jwt: web-server=unknown
        eelywasa__sf-bulk-loader SfblE2E: jwt-bearer=unknown web-server=unknown
        eelywasa__sf-bulk-loader SfblE2ECiDevHub: jwt-bearer=unknown web-server=unknown
        imdilipsubramaniam__DssOrg Postman_Practice: code-credentials=incomplete headless-login-private=incomplete headless-passwordless=incomplete headless-registration=incomplete client-credentials=incomplete web-server=ready
        justinsohn__gstdev Postman: code-credentials=unknown headless-login-private=unknown headless-passwordless=unknown headless-registration=unknown web-server=ready
        lzdravkov__rlm-agent-config-concept RevenueAgent_Headless: client-credentials=incomplete web-server=unknown
        mpavankalyan732__We-Go RoadLink_Bus_Integration: client-credentials=unknown
        r-balaji__ConfigMgrRESTMCP Symphonix_MCP: code-credentials=unknown headless-login-private=unknown headless-passwordless=unknown headless-registration=unknown web-server=ready
        ramsayp__consultant_project Claude_MCP: (no flow switched on)
        salesforce-misc__Data360MedTechSolutionKit Salesforce_DC_Prod_Org: code-credentials=unknown headless-login-public=unknown headless-passwordless=unknown headless-registration=unknown client-credentials=ready web-server=ready
        sgummalla79__sgummalla_works SgummallaWorks: jwt-bearer=ready web-server=ready
        sgummalla79__sgummalla_works sgummallaworks_token_exchange: token-exchange=unknown web-server=ready
        shakthi-sfdc__External-Client-App-For-2G-Package Field_Create_MDAPI: (no flow switched on)
        testanother236__anotherRepo Target1ExClApp: code-credentials=unknown headless-login-private=unknown headless-passwordless=unknown headless-registration=unknown client-credentials=incomplete web-server=ready
        testanother236__anotherRepo Test_1: web-server=ready
        tyoshikawa1106__salesforce-platform-playground Salesforce_API_Playground: web-server=unknown
        tyoshikawa1106__salesforce-platform-playground Salesforce_API_Playground_Integration: client-credentials=incomplete web-server=unknown
        unofficialbox__box-bedrock-for-clm Box_Automate_CLM: client-credentials=unknown refresh-token-rotation=incomplete web-server=unknown
        vikaspandey1007__sfdc-mcp-poc Revenue_Agent_MCP_Client: refresh-token-rotation=unknown web-server=unknown
        yashraj2003e__Salesforce---ORG-C orgfarm6845: client-credentials=ready web-server=ready
    "#]].assert_eq(&rendered);
}
