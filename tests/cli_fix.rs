//! `eca-ls check --fix` through the real binary: safe fixes written in place (line endings,
//! comments and everything else kept), what changed said per file, the findings left reported
//! with the usual exit status; `--diff` writes nothing; `--unsafe-fixes` adds the single
//! preferred unsafe fix; a file with syntax errors is never rewritten.

mod support;

use support::{TempProject, eca_ls, stderr, stdout};

const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
const BROKEN: &str =
    "force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml";

/// A policies file with CRLF line endings, a comment, a field out of order, a value with a
/// letter-case slip, an identical duplicate, a timeout Salesforce ignores (safe fixes) and a
/// client-credentials user while the flow is off (a safe removal, and an unsafe alternative).
const POLICIES_TEXT: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n",
    "<!-- Portal policies: reviewed by the identity team -->\r\n",
    "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n",
    "    <externalClientApplication>Portal</externalClientApplication>\r\n",
    "    <label>Portal</label>\r\n",
    "    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet> <!-- API names -->\r\n",
    "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\r\n",
    "    <guestJwtTimeout>30</guestJwtTimeout>\r\n",
    "    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>\r\n",
    "    <label>Portal</label>\r\n",
    "    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\r\n",
    "</ExtlClntAppOauthConfigurablePolicies>\r\n",
);

fn project() -> TempProject {
    let project = TempProject::new("fix");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app", "default": true }], "sourceApiVersion": "66.0" }"#,
    );
    project.write(POLICIES, POLICIES_TEXT);
    project.write(
        BROKEN,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n    <externalClientApplication>Portal</externalClientApplication>\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes\n</ExtlClntAppOauthSettings>\n",
    );
    project
}

#[test]
fn fix_applies_the_safe_fixes_keeps_everything_else_and_reports_what_is_left() {
    let project = project();
    let broken_before = std::fs::read(project.path().join(BROKEN)).expect("read");
    let output = eca_ls(project.path(), &["check", "--fix", "--hints"]);
    let text = stdout(&output);
    // The broken file's syntax error is left: status 1.
    assert_eq!(output.status.code(), Some(1), "{text}{}", stderr(&output));
    assert!(text.contains(&format!("fixed ./{POLICIES}:")), "{text}");
    assert!(
        text.contains("  element-order: Sort fields into canonical order"),
        "{text}"
    );
    assert!(
        text.contains("  invalid-value: Change to `Enforce`"),
        "{text}"
    );
    assert!(
        text.contains("  duplicate-element: Remove this duplicate `label`"),
        "{text}"
    );
    assert!(
        text.contains("  ECA-JWT-GUEST-OMIT: Remove `guestJwtTimeout`"),
        "{text}"
    );
    assert!(
        text.contains(&format!("not fixed: ./{BROKEN} has syntax errors")),
        "{text}"
    );
    let fixed = std::fs::read_to_string(project.path().join(POLICIES)).expect("read");
    assert_eq!(
        fixed,
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n",
            "<!-- Portal policies: reviewed by the identity team -->\r\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\r\n",
            "    <commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet> <!-- API names -->\r\n",
            "    <externalClientApplication>Portal</externalClientApplication>\r\n",
            "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\r\n",
            "    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\r\n",
            "    <label>Portal</label>\r\n",
            "    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\r\n",
            "</ExtlClntAppOauthConfigurablePolicies>\r\n",
        )
    );
    assert_eq!(
        std::fs::read(project.path().join(BROKEN)).expect("read"),
        broken_before,
        "a file with syntax errors was rewritten"
    );
    // A second run changes nothing.
    let again = eca_ls(project.path(), &["check", "--fix"]);
    assert!(!stdout(&again).contains("fixed "), "{}", stdout(&again));
    assert_eq!(
        std::fs::read_to_string(project.path().join(POLICIES)).expect("read"),
        fixed
    );
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let project = project();
    let output = eca_ls(project.path(), &["check", "--fix", "--diff"]);
    let diff = stdout(&output);
    assert!(diff.contains(&format!("--- ./{POLICIES}")), "{diff}");
    assert!(
        diff.contains("-    <ipRelaxationPolicyType>enforce</ipRelaxationPolicyType>\r\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-    <guestJwtTimeout>30</guestJwtTimeout>\r\n"),
        "{diff}"
    );
    assert!(stderr(&output).contains(&format!("would fix ./{POLICIES}:")));
    assert_eq!(
        std::fs::read_to_string(project.path().join(POLICIES)).expect("read"),
        POLICIES_TEXT
    );
}

#[test]
fn unsafe_fixes_only_when_asked_and_only_the_single_preferred_one() {
    let project = TempProject::new("fix-unsafe");
    project.write(
        "sfdx-project.json",
        r#"{ "packageDirectories": [{ "path": "force-app", "default": true }], "sourceApiVersion": "66.0" }"#,
    );
    let global =
        "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml";
    // A public client without PKCE: one preferred unsafe fix (require PKCE).
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://portal.example.com/cb</callbackUrl>\n    <externalClientApplication>Portal</externalClientApplication>\n    <isConsumerSecretOptional>true</isConsumerSecretOptional>\n    <isPkceRequired>false</isPkceRequired>\n    <label>Portal</label>\n</ExtlClntAppGlobalOauthSettings>\n";
    project.write(global, text);
    let safe_only = eca_ls(project.path(), &["check", "--fix"]);
    assert!(
        !stdout(&safe_only).contains("fixed "),
        "{}",
        stdout(&safe_only)
    );
    assert_eq!(
        std::fs::read_to_string(project.path().join(global)).expect("read"),
        text
    );
    let output = eca_ls(project.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert!(
        stdout(&output).contains("ECA-ACC-004: Set `isPkceRequired` to `true`"),
        "{}",
        stdout(&output)
    );
    assert!(
        std::fs::read_to_string(project.path().join(global))
            .expect("read")
            .contains("<isPkceRequired>true</isPkceRequired>")
    );
    let misuse = eca_ls(project.path(), &["check", "--unsafe-fixes"]);
    assert_eq!(misuse.status.code(), Some(2), "{}", stderr(&misuse));
}
