//! The structural diagnostic codes: a public contract users suppress and configure by name,
//! each with its explanation and an example that fires.
//!
//! Rule codes (`ECA-...`) live with their rules in `checks::rules`; `checks::registry` lists
//! both.

use crate::model::config::Profile;
use crate::model::diagnostic::Severity;

pub const XML_SYNTAX: &str = "xml-syntax";
pub const DOCTYPE_FORBIDDEN: &str = "doctype-forbidden";
pub const ROOT_MISMATCH: &str = "root-mismatch";
pub const NAMESPACE_MISSING: &str = "namespace-missing";
pub const UNKNOWN_ELEMENT: &str = "unknown-element";
pub const MISSING_REQUIRED: &str = "missing-required";
pub const DUPLICATE_ELEMENT: &str = "duplicate-element";
pub const INVALID_VALUE: &str = "invalid-value";
pub const NIL_WITH_CONTENT: &str = "nil-with-content";
pub const API_VERSION: &str = "api-version";
pub const DEPRECATED: &str = "deprecated";
pub const ELEMENT_ORDER: &str = "element-order";
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
pub const UNDOCUMENTED: &str = "undocumented";
pub const DUPLICATE_ORG_SETTINGS: &str = "duplicate-org-settings";
pub const DUPLICATE_APP_HEADER: &str = "duplicate-app-header";
pub const TOO_MANY_FINDINGS: &str = "too-many-findings";
pub const CONNECTED_APP: &str = "connected-app";
pub const PACKAGE_DIRECTORIES: &str = "package-directories";

/// Documentation of one diagnostic code, structural or rule.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line.
    pub title: &'static str,
    /// Markdown: what it means, why it matters, what to do; why the severity is what it is.
    pub explanation: &'static str,
    /// A fixture (see `fixture`) on which the code fires.
    pub example: &'static str,
    /// The same fixture, fixed: the code does not fire.
    pub fixed_example: &'static str,
    pub sources: &'static [&'static str],
}

/// The security control a posture code follows: Salesforce's control page (of the *Review
/// External Client Apps* series where it has one), what it recommends and the risk it gives,
/// and the profile that runs the code.
#[derive(Debug, Clone, Copy)]
pub struct Control {
    pub code: &'static str,
    /// `strict` codes run only in the strict profile (or when configured); `baseline` ones
    /// always.
    pub profile: Profile,
    /// The control's name as its page gives it.
    pub control: &'static str,
    pub page: &'static str,
    /// The recommended configuration, in the page's words where it has them.
    pub recommended: &'static str,
    /// The risk and estimated CVSS range the page gives; `None` where it rates none.
    pub risk: Option<&'static str>,
}

const METADATA_API_GUIDE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_types_list.htm";
const OAUTH_POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm";
const GLOBAL_SETTINGS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm";
const XML_SPEC: &str = "https://www.w3.org/TR/xml/";
const SETTINGS_PAGE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_settings.htm";
const HEADER_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_externalclientapplication.htm";
/// Salesforce DX Project Configuration: `packageDirectories` of `sfdx-project.json`.
const PROJECT_CONFIG_PAGE: &str =
    "https://developer.salesforce.com/docs/platform/sfdx-dev/guide/sfdx-dev-ws-config.md";
const PACKAGE_DIRECTORIES_PAGE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_ws_mpd.htm";
/// A Salesforce CLI report of a file in one package directory silently replacing its namesake
/// in another.
const CLI_OVERWRITE_ISSUE: &str = "https://github.com/forcedotcom/cli/issues/265";
const CONNECTED_APP_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_connectedapp.htm";
const MIGRATION_PAGE: &str = "https://help.salesforce.com/s/articleView?id=xcloud.connected_app_to_external_client_app_migration.htm&type=5";

/// The structural codes, in the order they are documented.
pub const STRUCTURAL_CODES: &[CodeInfo] = &[
    CodeInfo {
        code: XML_SYNTAX,
        default_severity: Severity::Error,
        title: "The file is not well-formed XML",
        explanation: "The text breaks an XML rule: a tag that is not closed or closed by the wrong name, a tag missing its `>`, text or a second element outside the root, a bad `&...;` reference, something before the `<?xml ...?>` declaration, or unresolved git merge-conflict markers. Metadata API rejects such a file outright. eca-ls reports every problem it finds and keeps checking the parts that parsed, so fix them from the top.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</labl>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[XML_SPEC],
    },
    CodeInfo {
        code: DOCTYPE_FORBIDDEN,
        default_severity: Severity::Error,
        title: "A DOCTYPE declaration in a metadata file",
        explanation: "Metadata files never need a `<!DOCTYPE>`. A DOCTYPE can define entities that expand into huge or external content (the \"billion laughs\" and XXE attacks), so eca-ls reports it and never processes it. Remove the declaration.",
        example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<!DOCTYPE OauthOidcSettings [ <!ENTITY x \"boom\"> ]>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        sources: &[
            "https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing",
        ],
    },
    CodeInfo {
        code: ROOT_MISMATCH,
        default_severity: Severity::Error,
        title: "The root element is not the type the file name says",
        explanation: "Salesforce tools pick a file's metadata type from its suffix (`.ecaOauthPlcy-meta.xml` holds `ExtlClntAppOauthConfigurablePolicies`) and then expect that type as the root element. A different root fails the deploy. Rename the root element, or rename the file if it holds the type its root says; eca-ls checks the fields against the type the root element names, so the other findings stay meaningful.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthPolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthPolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[METADATA_API_GUIDE],
    },
    CodeInfo {
        code: NAMESPACE_MISSING,
        default_severity: Severity::Error,
        title: "The root element lacks the Metadata API namespace",
        explanation: "Every Metadata API file declares `xmlns=\"http://soap.sforce.com/2006/04/metadata\"` on its root element. Without it (or with another namespace, such as typographic quotes pasted from a web page produce) the deploy fails to recognise the type.",
        example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings>\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        sources: &[METADATA_API_GUIDE],
    },
    CodeInfo {
        code: UNKNOWN_ELEMENT,
        default_severity: Severity::Error,
        title: "An element the type does not have",
        explanation: "Metadata API rejects a file with an element its type does not define (`Element {...}x invalid at this location`). The usual causes are a typo or a case slip (eca-ls suggests the closest field), a field that belongs to another file of the app (for example `isNamedUserJwtEnabled` lives in the global OAuth settings, not the OAuth settings), or a field from connected apps. Types whose fields Salesforce has not documented (ExtlClntAppOauthSecuritySettings) are not checked element by element.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutTyp>UserSession</guestJwtSessionTimeoutTyp>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>UserSession</guestJwtSessionTimeoutType>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[OAUTH_POLICIES_PAGE],
    },
    CodeInfo {
        code: MISSING_REQUIRED,
        default_severity: Severity::Error,
        title: "A required field is missing",
        explanation: "The field is required. It is an error where Salesforce's documentation and its WSDL agree that the field is required (for example `externalClientApplication`, which ties a component to its app), and a warning where only one of them says so (for example `label` on the OAuth settings), because files retrieved from real orgs sometimes omit those.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[OAUTH_POLICIES_PAGE],
    },
    CodeInfo {
        code: DUPLICATE_ELEMENT,
        default_severity: Severity::Error,
        title: "A single-valued field appears twice, or a list is over its limit",
        explanation: "A field that takes one value must appear once; a second copy fails the deploy, and which one a reader believes is anyone's guess. Repeated fields such as `customAttributes` and `trustedIpRanges` are limited to 128 entries.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "    <label>Portal again</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[OAUTH_POLICIES_PAGE],
    },
    CodeInfo {
        code: INVALID_VALUE,
        default_severity: Severity::Error,
        title: "A value the field does not accept",
        explanation: "Booleans are `true` or `false`; integers are plain decimal numbers; enum fields accept only their members, with exact case; restricted integers such as `guestJwtTimeout` accept only their listed values; a field that holds child elements cannot hold text, and the reverse. For value lists that the WSDL types as plain strings (`ipRelaxationPolicyType`, `refreshTokenValidityUnit`) a case-only difference is a warning. Where Salesforce writes a value differently from its page, eca-ls follows what Salesforce writes: the ExtlClntAppOauthConfigurablePolicies page spells `Enforce_RelaxRefresh`, retrieved files and the deploy's own validation message spell `Enforce_relaxrefresh`, so the page's spelling is a warning whose safe fix writes Salesforce's. Numbers outside a documented range are warnings too, since Salesforce's own samples break some of those ranges. This code also reports what rules ECA-RT-003, ECA-JWT-GUEST-VALUES, ECA-JWT-NAMEDUSER-VALUES, ECA-VAL-002 and ECA-PUSH-005 describe.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>\n",
            "    <guestJwtTimeout>45</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>\n",
            "    <guestJwtTimeout>30</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[OAUTH_POLICIES_PAGE],
    },
    CodeInfo {
        code: NIL_WITH_CONTENT,
        default_severity: Severity::Warning,
        title: "An element marked xsi:nil that also has content",
        explanation: "`xsi:nil=\"true\"` says that an element has no value, so the text or child elements inside it are ignored: the file reads as if the field were empty, whatever it seems to say. Someone usually added a value to an element that was retrieved as nil, or copied the attribute along with a field. Remove the `xsi:nil` attribute to keep the value (the quick fix does that), or remove the content to keep the field empty. It is a warning, not an error, because the deploy succeeds; only the value is lost.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout xsi:nil=\"true\">30</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout>30</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &["https://www.w3.org/TR/xmlschema-1/#xsi_nil"],
    },
    CodeInfo {
        code: API_VERSION,
        default_severity: Severity::Warning,
        title: "A field or value newer than the project's API version",
        explanation: "The project deploys with the API version in `sfdx-project.json` (`sourceApiVersion`), a `package.xml` `<version>`, `eca-ls.toml` or `--api-version`. A field or value introduced in a later version is unknown to that version and may fail the deploy: `guestJwtSessionTimeoutType` exists from 65.0, and `guestJwtTimeout` accepts 60 and above only from 65.0. Raise the project's API version or remove the newer setting. This code also reports what rules ECA-VAL-003 and ECA-JWT-002b describe.",
        example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"64.0\" }\n",
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout>60</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\" }], \"sourceApiVersion\": \"65.0\" }\n",
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout>60</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[
            "https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_ws_config.htm",
        ],
    },
    CodeInfo {
        code: DEPRECATED,
        default_severity: Severity::Warning,
        title: "A deprecated field",
        explanation: "Salesforce marks the field deprecated from the given API version; it may stop working or disappear. The message names the replacement where there is one: the policy-level `isNamedUserJwtEnabled` (deprecated from 66.0) moved to the global OAuth settings. This code also reports what rules ECA-JWT-005 and ECA-VAL-004 describe.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isNamedUserJwtEnabled>true</isNamedUserJwtEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[OAUTH_POLICIES_PAGE],
    },
    CodeInfo {
        code: UNDOCUMENTED,
        default_severity: Severity::Hint,
        title: "A field or value Salesforce's documentation does not have",
        explanation: "eca-ls accepts a few fields and values that no Salesforce page documents, because they turn up in real files or in Salesforce's WSDL: `isEnforceRefreshTokenTTL` and `isDPopEnabled` of the global OAuth settings, `idTokenIncludeCustomPermissions` of the ID token, the spelling `Enforce_relaxrefresh`, and the connected-app values of the canvas enums (`Chatter`, `PersonalEnabled`, ...). Each is recorded in eca-ls's schema data with the evidence for it. Where Salesforce was seen writing it (in files retrieved from real orgs, or in its WSDL), eca-ls reports **information** that says where; where nobody has seen Salesforce write it, a **hint** that a deploy may reject it. Neither is an error: undocumented is not the same as rejected.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppCanvasSettings/Wiki_canvas.ecaCanvas-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <accessMethod>Post</accessMethod>\n",
            "    <canvasOptions>PersonalEnabled</canvasOptions>\n",
            "    <canvasUrl>https://wiki.example.com/canvas</canvasUrl>\n",
            "    <externalClientApplication>Wiki</externalClientApplication>\n",
            "</ExtlClntAppCanvasSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppCanvasSettings/Wiki_canvas.ecaCanvas-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <accessMethod>Post</accessMethod>\n",
            "    <canvasOptions>HideShare</canvasOptions>\n",
            "    <canvasUrl>https://wiki.example.com/canvas</canvasUrl>\n",
            "    <externalClientApplication>Wiki</externalClientApplication>\n",
            "</ExtlClntAppCanvasSettings>\n",
        ),
        sources: &[
            "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappcanvassettings.htm",
        ],
    },
    CodeInfo {
        code: ELEMENT_ORDER,
        default_severity: Severity::Hint,
        title: "Fields out of canonical order",
        explanation: "Salesforce retrieves these files with their fields in the WSDL's sequence order (alphabetical for the ECA types). Whether a deploy enforces that order is unconfirmed, and Salesforce's own samples break it, so this is never more than a hint; the quick fix sorts the fields so that the next retrieve produces no diff.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <label>Portal</label>\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "</ExtlClntAppGlobalOauthSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppGlobalOauthSettings>\n",
        ),
        sources: &[GLOBAL_SETTINGS_PAGE],
    },
    CodeInfo {
        code: DUPLICATE_ORG_SETTINGS,
        default_severity: Severity::Warning,
        title: "Two files of one org settings type in one project",
        explanation: "An org has one set of each settings type: `OauthOidcSettings` (`settings/OauthOidc.settings-meta.xml`) and `ExternalClientAppSettings` (`settings/ExternalClientApp.settings-meta.xml`) are org-wide switches, not components an org can have two of. When one sfdx project holds two files of the same type (usually the same `settings/` folder in two package directories, or a Metadata API format `settings/OauthOidc.settings` next to the source-format file), each deploy of either file replaces the org's values, so the org ends up with whichever was deployed last; a deploy of both keeps one without a word (the Salesforce CLI has been reported to let one package directory's file silently replace its namesake). The checks across files (whether the org allows a flow the apps use, for example) can read only one of them: eca-ls reads the first by path, and the message says which.\n\nEvery file of the pair is reported, the one eca-ls reads too, with related information pointing at the other: neither is the right one by itself (the first by path is eca-ls's choice, not the deploy's), and whoever opens either file needs to know about the other. Merge the settings you need into one file and delete the other. Directories deployed to different orgs on purpose belong in separate sfdx projects (each with its own `sfdx-project.json`), which eca-ls checks apart from each other.\n\nSeverity: a **warning**. Salesforce accepts each file, and a team may deploy the directories separately on purpose (turn the code off in `eca-ls.toml` then); but one file's values are silently not the org's, and the checks across files see only one of them.",
        example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
            "//- /org-config/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>false</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/settings/OauthOidc.settings-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n",
            "</OauthOidcSettings>\n",
        ),
        sources: &[SETTINGS_PAGE, CLI_OVERWRITE_ISSUE],
    },
    CodeInfo {
        code: DUPLICATE_APP_HEADER,
        default_severity: Severity::Warning,
        title: "Two headers of one app in one project",
        explanation: "An External Client App is one component, named by its header file: `externalClientApps/Portal.eca-meta.xml` is the app `Portal`. Two headers of that name in one sfdx project (usually the app copied into two package directories) are one app twice: the org ends up with whichever file is deployed last, and the other file's label, contact email, distribution state and plugin switches are silently lost. Every settings and policies file that names `Portal` belongs to that one app; eca-ls checks the app against the first header by path, and the message says which.\n\nEvery header of the app is reported, the one eca-ls reads too, with related information pointing at the others, for the same reasons as `duplicate-org-settings`: neither file is the right one by itself, and whoever opens either needs to know about the other. Keep one header. If the package directories hold two different apps, rename one of them (its header file and the `externalClientApplication` of its files); if they are deployed to different orgs on purpose, make each its own sfdx project.\n\nSeverity: a **warning**, for the reasons `duplicate-org-settings` gives: each file deploys, but one of them is silently not the app.",
        example: concat!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Portal</label>\n",
            "</ExternalClientApplication>\n",
            "//- /legacy-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>old-admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Customer Portal</label>\n",
            "</ExternalClientApplication>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Portal</label>\n",
            "</ExternalClientApplication>\n",
        ),
        sources: &[HEADER_PAGE, CLI_OVERWRITE_ISSUE],
    },
    CodeInfo {
        code: PACKAGE_DIRECTORIES,
        default_severity: Severity::Information,
        title: "A file outside the package directories, or an app split across them",
        explanation: "The package directories of `sfdx-project.json` (`packageDirectories`) are where the Salesforce CLI looks when it deploys and retrieves source, and each one becomes a package of its own when the project builds unlocked or second-generation packages. Two things follow for an app's files:\n\n- A file that lies **outside every package directory** (a template, a copy, a folder someone forgot to add) is not deployed: the app in the org lacks it. eca-ls still checks it (name it on the command line, or open it), and says so on its root element. Move it into a package directory, add its folder to `packageDirectories`, or, for a template, leave it out with `.forceignore` (then eca-ls leaves it out too).\n- An app whose files lie in **more than one package directory** is deployed whole only when every directory is, and a package built from one directory lacks the others' files. Each file of the app says where the others are. Keep an app's files in one package directory.\n\nSeverity: **information**. Both can be on purpose (a directory of templates; directories that are always deployed together), and neither is wrong in a file itself; turn the code off in `eca-ls.toml` if your project is laid out so. A project without `sfdx-project.json` (Metadata API format) has no package directories, and this code says nothing there.",
        example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\", \"default\": true }], \"sourceApiVersion\": \"66.0\" }\n",
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Portal</label>\n",
            "</ExternalClientApplication>\n",
            "//- /config/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n",
            "    <isEnabled>true</isEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /sfdx-project.json\n",
            "{ \"packageDirectories\": [{ \"path\": \"force-app\", \"default\": true }], \"sourceApiVersion\": \"66.0\" }\n",
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Portal</label>\n",
            "</ExternalClientApplication>\n",
            "//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n",
            "    <isEnabled>true</isEnabled>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppConfigurablePolicies>\n",
        ),
        sources: &[PROJECT_CONFIG_PAGE, PACKAGE_DIRECTORIES_PAGE],
    },
    CodeInfo {
        code: TOO_MANY_FINDINGS,
        default_severity: Severity::Information,
        title: "A file has more findings than are reported",
        explanation: "One file reports at most 200 findings (`max-findings` in `eca-ls.toml`, the editor setting `maxFindings`, or `eca-ls check --max-findings N`); this last one says how many more there are. The ones kept are the most severe, in file order. A file with that many findings is usually not what it seems (a generated or corrupted file, text pasted twice): fix the first ones, and the rest often go with them. To see every finding, run `eca-ls check --max-findings 0` on the file. The limit keeps a pathological file from costing gigabytes to report and to hold in an editor.",
        example: concat!(
            "//- /eca-ls.toml\n",
            "max-findings = 1\n",
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout>45</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "    <tokenExpiry>1</tokenExpiry>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /eca-ls.toml\n",
            "max-findings = 0\n",
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <guestJwtTimeout>45</guestJwtTimeout>\n",
            "    <label>Portal</label>\n",
            "    <tokenExpiry>1</tokenExpiry>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &[],
    },
    CodeInfo {
        code: CONNECTED_APP,
        default_severity: Severity::Hint,
        title: "A Connected App that can be migrated to an External Client App",
        explanation: "Since Spring '26 Salesforce restricts creating Connected Apps and recommends External Client Apps instead. eca-ls reads Connected App files (`*.connectedApp-meta.xml`, `connectedApps/*.connectedApp`) with the same structural checks, completion and hover as External Client App files, and puts this hint on the root element of each: the app can be migrated with the code action *Migrate to an External Client App* or with `eca-ls migrate`, and the hint names the settings that would not carry over (a consumer key, which Salesforce regenerates; a mobile start URL; an Apex plugin; a scope token External Client Apps lack), marking those that change what a flow does. [docs/migration.md](migration.md) has the mapping field by field.\n\nSeverity: a **hint**: nothing is wrong with a Connected App that works; the hint is there so that the migration is one action away. Silence it for a file with `<!-- eca-ls-disable connected-app -->`, or everywhere in `eca-ls.toml`.",
        example: concat!(
            "//- /force-app/main/default/connectedApps/Portal.connectedApp-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <label>Portal</label>\n",
            "    <oauthConfig>\n",
            "        <callbackUrl>https://portal.example.com/callback</callbackUrl>\n",
            "        <consumerKey>3MVG9PortalExampleKey</consumerKey>\n",
            "        <scopes>Api</scopes>\n",
            "    </oauthConfig>\n",
            "</ConnectedApp>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <contactEmail>admin@example.com</contactEmail>\n",
            "    <distributionState>Local</distributionState>\n",
            "    <isProtected>false</isProtected>\n",
            "    <label>Portal</label>\n",
            "</ExternalClientApplication>\n",
        ),
        sources: &[CONNECTED_APP_PAGE, MIGRATION_PAGE],
    },
    CodeInfo {
        code: UNUSED_SUPPRESSION,
        default_severity: Severity::Hint,
        title: "A suppression comment that silences nothing",
        explanation: "An `<!-- eca-ls-disable-next-line CODE -->` or `<!-- eca-ls-disable CODE -->` comment, or one of the codes it lists, that no finding matched: the problem was fixed, or the code is misspelled (the hint names the closest code). A reason belongs after a colon (`CODE: why`); words without one are read as codes. The quick fix removes the comment, or only the codes that silence nothing, so that it does not hide a future finding.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <!-- eca-ls-disable-next-line invalid-value -->\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <externalClientApplication>Portal</externalClientApplication>\n",
            "    <label>Portal</label>\n",
            "</ExtlClntAppOauthConfigurablePolicies>\n",
        ),
        sources: &["https://github.com/eca-ls/eca-ls#silencing-findings"],
    },
];
