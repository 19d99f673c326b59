//! Bulk fixing on the cases issue 10 names: the two ways out of ECA-ACC-003 change who can
//! log in, so neither is ever applied in bulk; the page-spelling fix of `ipRelaxationPolicyType`
//! is safe, so it is.

use crate::checks::rules::issue10_tests::CODE_CREDENTIALS_SELF_AUTHORIZED;
use crate::checks::test_support::project;
use crate::writers::fix_all::{FixAllOptions, chosen_fix, fix_all};

#[test]
fn bulk_fixing_never_applies_either_way_out_of_acc_003() {
    let project = project(CODE_CREDENTIALS_SELF_AUTHORIZED);
    let all = crate::checks::project_diagnostics(&project);
    let finding = all
        .values()
        .flatten()
        .find(|diagnostic| diagnostic.code == "ECA-ACC-003")
        .expect("ECA-ACC-003");
    for unsafe_fixes in [false, true] {
        let options = FixAllOptions { unsafe_fixes };
        assert_eq!(chosen_fix(finding, options), None);
        let (result, _) = fix_all(&project, |_| true, options);
        let applied: Vec<&str> = result
            .files
            .iter()
            .flat_map(|file| &file.applied)
            .filter(|fix| fix.code == "ECA-ACC-003")
            .map(|fix| fix.title.as_str())
            .collect();
        assert!(applied.is_empty(), "applied {applied:?}");
    }
}

#[test]
fn bulk_fixing_writes_the_relaxed_refresh_spelling_salesforce_writes() {
    let project = project(
        "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <ipRelaxationPolicyType>Enforce_RelaxRefresh</ipRelaxationPolicyType>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
",
    );
    let (result, _) = fix_all(&project, |_| true, FixAllOptions::default());
    let texts: Vec<&str> = result.files.iter().map(|file| file.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|text| text.contains("<ipRelaxationPolicyType>Enforce_relaxrefresh<")),
        "{texts:?}"
    );
}
