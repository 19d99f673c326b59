//! The editor features never panic and always answer in range, whatever the text: every prefix
//! of a real file (what an editor sees while someone types it), and odd inputs at every offset,
//! including offsets inside multi-byte characters.

use eca_analysis::{
    ApiVersionChoice, Config, Project, code_actions, completions, definition, document_symbols,
    file_status, folding_ranges, hover, references, selection_ranges,
};
use eca_syntax::TextRange;

const PATH: &str =
    "/force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";

const POLICIES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<!-- ポータル 🎉 policies -->
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <commaSeparatedPermissionSet>Portal_Users, Admins</commaSeparatedPermissionSet>
    <customAttributes>
        <formula>$User.Email</formula>
        <key>email</key>
    </customAttributes>
    <externalClientApplication>Portal</externalClientApplication>
    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>
    <guestJwtTimeout>60</guestJwtTimeout>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <label><![CDATA[Portal & friends]]></label>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
";

const ODD_INPUTS: &[&str] = &[
    "",
    "<",
    "</",
    "<<<>>>",
    "<a",
    "<?xml",
    "<!--",
    "<![CDATA[",
    "<!DOCTYPE x [ <!ENTITY a \"b\"> ]><x>&a;</x>",
    "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\"><guestJwtTimeout>",
    "<ExtlClntAppOauthConfigurablePolicies><customAttributes><customAttributes><key></",
    "<ExtlClntAppOauthConfigurablePolicies>\r\n\t<label>é</label>\r\n<<<<<<< HEAD\r\n=======\r\n>>>>>>> x\r\n",
    "\u{feff}<ExtlClntAppOauthConfigurablePolicies a=\"<\" b='>'><externalClientApplication>🎉</externalClientApplication>",
    "<ExtlClntAppOauthConfigurablePolicies><guestJwtTimeout xsi:nil=\"true\"/><label/></ExtlClntAppOauthConfigurablePolicies>",
];

#[test]
fn every_prefix_of_a_file_being_typed() {
    let mut end = 0;
    while end <= POLICIES.len() {
        if POLICIES.is_char_boundary(end) {
            let text = &POLICIES[..end];
            let project = project_with(text);
            run_everything(&project, text, &[end]);
        }
        end += 1;
    }
}

#[test]
fn odd_inputs_at_every_offset() {
    for text in ODD_INPUTS.iter().copied().chain([POLICIES]) {
        let project = project_with(text);
        let offsets: Vec<usize> = (0..=text.len() + 1).collect();
        run_everything(&project, text, &offsets);
    }
}

fn project_with(text: &str) -> Project {
    let mut project = Project::new("/", ApiVersionChoice::schema_default(), Config::default());
    project.set_file(
        "/force-app/main/default/externalClientApps/Portal.eca-meta.xml",
        "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\"/>",
    );
    project.set_file(PATH, text);
    project
}

fn run_everything(project: &Project, text: &str, offsets: &[usize]) {
    for &offset in offsets {
        for item in completions(project, PATH, offset) {
            assert!(item.edit.range.end <= text.len(), "{text:?}@{offset}");
            assert!(
                text.is_char_boundary(item.edit.range.start)
                    && text.is_char_boundary(item.edit.range.end)
            );
        }
        if let Some(found) = hover(project, PATH, offset) {
            assert!(found.range.end <= text.len(), "{text:?}@{offset}");
        }
        definition(project, PATH, offset);
        references(project, PATH, offset, true);
        for action in code_actions(project, PATH, TextRange::empty(offset.min(text.len()))) {
            for edit in action.edits {
                assert!(edit.range.end <= text.len(), "{text:?}@{offset}");
            }
        }
    }
    for chain in selection_ranges(project, PATH, offsets) {
        for range in chain {
            assert!(range.end <= text.len(), "{text:?}");
        }
    }
    document_symbols(project, PATH);
    folding_ranges(project, PATH);
    file_status(project, PATH);
}
