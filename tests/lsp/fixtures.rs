//! Fixture projects for the protocol tests: a small sfdx project whose app has the guest flow
//! on while its global OAuth settings issue opaque tokens (ECA-JWT-001, a cross-file rule),
//! with multi-byte text in the policies file.

use crate::common::ProjectFiles;
use crate::support::TempProject;

pub const SFDX_PROJECT: &str = "sfdx-project.json";
pub const POLICIES: &str =
    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml";
pub const GLOBAL: &str =
    "force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml";
pub const HEADER: &str = "force-app/main/default/externalClientApps/Portal.eca-meta.xml";

pub const SFDX_PROJECT_TEXT: &str = r#"{ "packageDirectories": [{ "path": "force-app", "default": true }], "sourceApiVersion": "64.0" }"#;

/// Line 4 (0-based) holds Japanese text and an emoji before `</label>`.
pub const POLICIES_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <label>Portal 日本語 😀</label>
</ExtlClntAppOauthConfigurablePolicies>
";

/// `isNamedUserJwtEnabled` is `false` on line 5 (0-based), columns 27..32.
pub const GLOBAL_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>
    <externalClientApplication>Portal</externalClientApplication>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <isNamedUserJwtEnabled>false</isNamedUserJwtEnabled>
    <label>Portal</label>
</ExtlClntAppGlobalOauthSettings>
";

pub const HEADER_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Portal</label>
</ExternalClientApplication>
";

/// The guest-flow project on disk.
pub fn guest_flow_project(name: &str) -> TempProject {
    TempProject::with_files(
        name,
        &[
            (SFDX_PROJECT, SFDX_PROJECT_TEXT),
            (POLICIES, POLICIES_TEXT),
            (GLOBAL, GLOBAL_TEXT),
            (HEADER, HEADER_TEXT),
        ],
    )
}

/// `text` with the edits of one document applied (LSP `TextEdit`s, UTF-16 columns unless
/// `utf8`), for checking what a code action would do.
pub fn apply_text_edits(text: &str, edits: &[serde_json::Value], utf8: bool) -> String {
    let mut located: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            let start = offset_of(text, &edit["range"]["start"], utf8);
            let end = offset_of(text, &edit["range"]["end"], utf8);
            (
                start,
                end,
                edit["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // From the end; insertions at one position keep the order of the array, as the LSP spec
    // says (reversed before the stable sort, each earlier one goes in before the later).
    located.reverse();
    located.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
    let mut result = text.to_string();
    for (start, end, new_text) in located {
        result.replace_range(start..end, &new_text);
    }
    result
}

/// Byte offset of an LSP position in `text` with `\n` line breaks.
pub fn offset_of(text: &str, position: &serde_json::Value, utf8: bool) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (index, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' {
            return line_start + index;
        }
        units += if utf8 { ch.len_utf8() } else { ch.len_utf16() };
    }
    text.len()
}

pub const ORG_SETTINGS: &str = "force-app/main/default/settings/OauthOidc.settings-meta.xml";

/// The org allows the Authorization Code and Credentials Flow: `true` on line 2 (0-based),
/// columns 27..31.
pub const ORG_SETTINGS_TEXT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
</OauthOidcSettings>
";
