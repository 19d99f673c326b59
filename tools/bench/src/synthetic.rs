//! Synthetic sfdx projects for the benchmarks: many apps of realistic shapes (the header, the
//! OAuth settings, the global OAuth settings, the OAuth policies and the plugin policies of
//! each, plus the org's `OauthOidc` settings), and single large files.
//!
//! Every file checks clean except for a few deliberately seeded problems, which the generator
//! lists ([`SeededProblem`]) so that a test can hold the files to it. Text only: writing the
//! files to disk is [`write_project`]'s one IO step.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The layout folder of source-format metadata in the synthetic projects.
pub const SOURCE_FOLDER: &str = "force-app/main/default";

/// The org settings file every synthetic project has (its path under the project root).
pub const ORG_SETTINGS_PATH: &str = "force-app/main/default/settings/OauthOidc.settings-meta.xml";

/// How often each kind of seeded problem occurs: app `i` gets it when `i % period == offset`.
const SEED_INVALID_TIMEOUT: (usize, usize) = (97, 13);
const SEED_TYPO: (usize, usize) = (89, 7);
const SEED_CLIENT_CREDENTIALS_MISMATCH: (usize, usize) = (101, 50);

/// One file of a synthetic project: its path relative to the project root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticFile {
    pub path: String,
    pub text: String,
}

/// A problem put into a synthetic file on purpose, with the code eca-ls must report for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeededProblem {
    /// Relative to the project root.
    pub path: String,
    pub code: &'static str,
}

/// A synthetic project: its files and the problems seeded into them.
#[derive(Debug, Clone, Default)]
pub struct SyntheticProject {
    pub files: Vec<SyntheticFile>,
    pub seeded: Vec<SeededProblem>,
}

/// What kind of app a synthetic app is; the apps of a project cycle through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A single-page app signing users in headlessly (Authorization Code and Credentials flow,
    /// with guests), like `examples/headless-identity`.
    Headless,
    /// A back-end integration on the client credentials flow.
    Integration,
    /// A web server app with refresh tokens, custom attributes and IP relaxation.
    WebServer,
}

/// `app_count` apps of five files each, plus the org's `OauthOidc` settings.
pub fn project(app_count: usize) -> SyntheticProject {
    let mut project = SyntheticProject::default();
    for index in 0..app_count {
        add_app(&mut project, index);
    }
    project.files.push(SyntheticFile {
        path: ORG_SETTINGS_PATH.to_string(),
        text: org_settings(),
    });
    project
}

/// The `sfdx-project.json` of the synthetic projects.
pub fn sfdx_project_json() -> &'static str {
    "{\n  \"packageDirectories\": [{ \"path\": \"force-app\", \"default\": true }],\n  \"name\": \"synthetic\",\n  \"namespace\": \"\",\n  \"sourceApiVersion\": \"66.0\"\n}\n"
}

/// The name of the synthetic app number `index`.
pub fn app_name(index: usize) -> String {
    let prefix = match shape(index) {
        Shape::Headless => "Portal",
        Shape::Integration => "Integration",
        Shape::WebServer => "Web_App",
    };
    format!("{prefix}_{index:05}")
}

/// The path of app `index`'s OAuth policies file, the file the benchmarks type into.
pub fn policies_path(index: usize) -> String {
    let name = app_name(index);
    format!("{SOURCE_FOLDER}/extlClntAppOauthPolicies/{name}_oauthPlcy.ecaOauthPlcy-meta.xml")
}

/// An OAuth policies file of about `size` bytes (never more): the realistic fields of app
/// `Big_Policies` followed by thousands of `customAttributes` with long formulas, and one
/// deeply nested block. Two problems are seeded (see [`large_policies_seeded`]): more
/// `customAttributes` than Salesforce accepts, and the nested block, which is no field.
pub fn large_policies(size: usize) -> String {
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
        <ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n\
        \x20   <commaSeparatedPermissionSet>Big_Policies_Users</commaSeparatedPermissionSet>\n";
    let middle = "    <externalClientApplication>Big_Policies</externalClientApplication>\n\
        \x20   <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n\
        \x20   <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>\n\
        \x20   <isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>\n\
        \x20   <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>\n\
        \x20   <label>Big Policies</label>\n\
        \x20   <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n\
        \x20   <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n\
        \x20   <refreshTokenValidityPeriod>90</refreshTokenValidityPeriod>\n\
        \x20   <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>\n\
        \x20   <requiredSessionLevel>STANDARD</requiredSessionLevel>\n";
    let tail = "</ExtlClntAppOauthConfigurablePolicies>\n";
    let nested = deep_block(200);
    let budget = size.saturating_sub(head.len() + middle.len() + tail.len() + nested.len());
    let mut attributes = String::with_capacity(budget);
    let mut index = 0;
    loop {
        let attribute = custom_attribute(index);
        if attributes.len() + attribute.len() > budget {
            break;
        }
        attributes.push_str(&attribute);
        index += 1;
    }
    // The attributes come before `externalClientApplication`, in canonical field order.
    format!("{head}{attributes}{nested}{middle}{tail}")
}

/// The problems seeded into [`large_policies`] at `path`.
pub fn large_policies_seeded(path: &str) -> Vec<SeededProblem> {
    vec![
        SeededProblem {
            path: path.to_string(),
            code: "duplicate-element",
        },
        SeededProblem {
            path: path.to_string(),
            code: "unknown-element",
        },
    ]
}

/// The app `Big_Policies`: a header and [`large_policies`] of about `size` bytes, so that the
/// large file is part of an app like any other. Returns the files and the policies' path.
pub fn large_app(size: usize) -> (Vec<SyntheticFile>, String) {
    let policies_path = format!(
        "{SOURCE_FOLDER}/extlClntAppOauthPolicies/Big_Policies_oauthPlcy.ecaOauthPlcy-meta.xml"
    );
    let files = vec![
        SyntheticFile {
            path: format!("{SOURCE_FOLDER}/externalClientApps/Big_Policies.eca-meta.xml"),
            text: header(
                "Big_Policies",
                "Big Policies",
                "An app whose OAuth policies carry thousands of custom attributes.",
            ),
        },
        SyntheticFile {
            path: policies_path.clone(),
            text: large_policies(size),
        },
    ];
    (files, policies_path)
}

impl SyntheticProject {
    /// Add the app `Big_Policies` with OAuth policies of about `size` bytes; returns the path of
    /// the large file.
    pub fn add_large_app(&mut self, size: usize) -> String {
        let (files, path) = large_app(size);
        self.seeded.extend(large_policies_seeded(&path));
        self.files.extend(files);
        path
    }
}

/// Write a project under `root` (created if needed): its `sfdx-project.json` and its files.
pub fn write_project(root: &Path, project: &SyntheticProject) -> io::Result<()> {
    fs::create_dir_all(root)?;
    fs::write(root.join("sfdx-project.json"), sfdx_project_json())?;
    for file in &project.files {
        let path: PathBuf = root.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, &file.text)?;
    }
    Ok(())
}

fn shape(index: usize) -> Shape {
    match index % 3 {
        0 => Shape::Headless,
        1 => Shape::Integration,
        _ => Shape::WebServer,
    }
}

fn seeded(index: usize, (period, offset): (usize, usize)) -> bool {
    index % period == offset
}

fn add_app(project: &mut SyntheticProject, index: usize) {
    let name = app_name(index);
    let shape = shape(index);
    let label = name.replace('_', " ");
    let folder = SOURCE_FOLDER;
    let header_path = format!("{folder}/externalClientApps/{name}.eca-meta.xml");
    let oauth_path = format!("{folder}/extlClntAppOauthSettings/{name}_oauth.ecaOauth-meta.xml");
    let global_path =
        format!("{folder}/extlClntAppGlobalOauthSets/{name}_glbloauth.ecaGlblOauth-meta.xml");
    let policies_path = policies_path(index);
    let plugin_path = format!("{folder}/extlClntAppPolicies/{name}_plcy.ecaPlcy-meta.xml");
    let description = match shape {
        Shape::Headless => {
            "Single-page app on the customer portal that signs users in headlessly: registered users with username and password, visitors as guests."
        }
        Shape::Integration => {
            "Back-end integration that reads and updates orders through the REST API as its integration user."
        }
        Shape::WebServer => {
            "Partner web application that signs employees in with the web server flow and keeps them signed in with refresh tokens."
        }
    };
    let typo = seeded(index, SEED_TYPO);
    let invalid_timeout = shape == Shape::Headless && seeded(index, SEED_INVALID_TIMEOUT);
    let credentials_mismatch =
        shape == Shape::Integration && seeded(index, SEED_CLIENT_CREDENTIALS_MISMATCH);
    if typo {
        project.seeded.push(SeededProblem {
            path: global_path.clone(),
            code: "unknown-element",
        });
    }
    if invalid_timeout {
        project.seeded.push(SeededProblem {
            path: policies_path.clone(),
            code: "invalid-value",
        });
    }
    if credentials_mismatch {
        project.seeded.push(SeededProblem {
            path: global_path.clone(),
            code: "ECA-CC-001",
        });
    }
    project.files.push(SyntheticFile {
        path: header_path,
        text: header(&name, &label, description),
    });
    project.files.push(SyntheticFile {
        path: oauth_path,
        text: oauth_settings(&name, &label, shape, index),
    });
    project.files.push(SyntheticFile {
        path: global_path,
        text: global_settings(&name, &label, shape, typo),
    });
    project.files.push(SyntheticFile {
        path: policies_path,
        text: oauth_policies(&name, &label, shape, invalid_timeout, credentials_mismatch),
    });
    project.files.push(SyntheticFile {
        path: plugin_path,
        text: plugin_policies(&name, &label),
    });
}

fn header(name: &str, label: &str, description: &str) -> String {
    let team = name.to_ascii_lowercase().replace('_', "-");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>{team}@example.com</contactEmail>
    <description>{description}</description>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>{label}</label>
</ExternalClientApplication>
"#
    )
}

fn oauth_settings(name: &str, label: &str, shape: Shape, index: usize) -> String {
    let scopes = match shape {
        Shape::Headless => "Api, OpenID, RefreshToken",
        Shape::Integration => "Api",
        Shape::WebServer => "Api, Web, OpenID, RefreshToken",
    };
    let mut attributes = String::new();
    if shape == Shape::WebServer {
        for (key, formula) in [
            ("department", "$User.Department"),
            ("region", "$User.Country"),
            ("tier", "IF($Profile.Name = 'Partner', 'gold', 'standard')"),
        ] {
            write!(
                attributes,
                "    <customAttributes>\n        <formula>{}</formula>\n        <key>{key}_{index}</key>\n    </customAttributes>\n",
                escape(formula)
            )
            .unwrap_or_default();
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <commaSeparatedOauthScopes>{scopes}</commaSeparatedOauthScopes>
{attributes}    <externalClientApplication>{name}</externalClientApplication>
    <label>{label} OAuth settings</label>
</ExtlClntAppOauthSettings>
"#
    )
}

fn global_settings(name: &str, label: &str, shape: Shape, typo: bool) -> String {
    let host = name.to_ascii_lowercase().replace('_', "-");
    let (callback, client_credentials, code_cred, secret_optional, named_user_jwt, rotation) =
        match shape {
            Shape::Headless => (
                format!("https://{host}.example.my.site.com/services/oauth2/echo"),
                false,
                true,
                true,
                true,
                true,
            ),
            Shape::Integration => (
                format!("https://{host}.example.com/oauth/callback"),
                true,
                false,
                false,
                false,
                false,
            ),
            Shape::WebServer => (
                format!("https://{host}.example.com/auth/salesforce/callback"),
                false,
                false,
                false,
                false,
                true,
            ),
        };
    let pkce_element = if typo {
        "isPkceRequred"
    } else {
        "isPkceRequired"
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- Holds no consumer key or secret: Salesforce generates them in each org. -->
<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <callbackUrl>{callback}</callbackUrl>
    <externalClientApplication>{name}</externalClientApplication>
    <isClientCredentialsFlowEnabled>{client_credentials}</isClientCredentialsFlowEnabled>
    <isCodeCredFlowEnabled>{code_cred}</isCodeCredFlowEnabled>
    <isCodeCredPostOnly>{code_cred}</isCodeCredPostOnly>
    <isConsumerSecretOptional>{secret_optional}</isConsumerSecretOptional>
    <isDeviceFlowEnabled>false</isDeviceFlowEnabled>
    <isIntrospectAllTokens>false</isIntrospectAllTokens>
    <isNamedUserJwtEnabled>{named_user_jwt}</isNamedUserJwtEnabled>
    <{pkce_element}>true</{pkce_element}>
    <isRefreshTokenRotationEnabled>{rotation}</isRefreshTokenRotationEnabled>
    <isSecretRequiredForRefreshToken>{secret_required}</isSecretRequiredForRefreshToken>
    <isTokenExchangeEnabled>false</isTokenExchangeEnabled>
    <label>{label} global OAuth settings</label>
    <shouldRotateConsumerKey>false</shouldRotateConsumerKey>
    <shouldRotateConsumerSecret>false</shouldRotateConsumerSecret>
</ExtlClntAppGlobalOauthSettings>
"#,
        secret_required = !secret_optional,
    )
}

fn oauth_policies(
    name: &str,
    label: &str,
    shape: Shape,
    invalid_timeout: bool,
    credentials_mismatch: bool,
) -> String {
    let body = match shape {
        Shape::Headless => {
            let timeout = if invalid_timeout { 45 } else { 60 };
            format!(
                r#"    <commaSeparatedPermissionSet>{name}_Login</commaSeparatedPermissionSet>
    <externalClientApplication>{name}</externalClientApplication>
    <guestJwtSessionTimeoutType>Custom</guestJwtSessionTimeoutType>
    <guestJwtTimeout>{timeout}</guestJwtTimeout>
    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>
    <label>{label} OAuth policies</label>
    <namedUserJwtSessionTimeoutType>UserSession</namedUserJwtSessionTimeoutType>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
    <refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>
    <refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>
    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>
    <requiredSessionLevel>STANDARD</requiredSessionLevel>
"#
            )
        }
        Shape::Integration => {
            let user = name.to_ascii_lowercase();
            let enabled = !credentials_mismatch;
            let user_line = if enabled {
                format!(
                    "    <clientCredentialsFlowUser>{user}@integration.example.com</clientCredentialsFlowUser>\n"
                )
            } else {
                String::new()
            };
            format!(
                r#"{user_line}    <commaSeparatedPermissionSet>{name}_Integration</commaSeparatedPermissionSet>
    <externalClientApplication>{name}</externalClientApplication>
    <ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>
    <isClientCredentialsFlowEnabled>{enabled}</isClientCredentialsFlowEnabled>
    <isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>
    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>
    <label>{label} OAuth policies</label>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
    <refreshTokenPolicyType>Zero</refreshTokenPolicyType>
    <refreshTokenValidityPeriod>0</refreshTokenValidityPeriod>
    <requiredSessionLevel>STANDARD</requiredSessionLevel>
"#
            )
        }
        Shape::WebServer => format!(
            r#"    <commaSeparatedProfile>Partner Community User, Standard User</commaSeparatedProfile>
    <externalClientApplication>{name}</externalClientApplication>
    <ipRelaxationPolicyType>Enforce_relaxrefresh</ipRelaxationPolicyType>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <isGuestCodeCredFlowEnabled>false</isGuestCodeCredFlowEnabled>
    <isTokenExchangeFlowEnabled>false</isTokenExchangeFlowEnabled>
    <label>{label} OAuth policies</label>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>
    <refreshTokenValidityPeriod>365</refreshTokenValidityPeriod>
    <refreshTokenValidityUnit>Days</refreshTokenValidityUnit>
    <requiredSessionLevel>STANDARD</requiredSessionLevel>
    <sessionTimeoutInMinutes>120</sessionTimeoutInMinutes>
"#
        ),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
{body}</ExtlClntAppOauthConfigurablePolicies>
"#
    )
}

fn plugin_policies(name: &str, label: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <externalClientApplication>{name}</externalClientApplication>
    <isEnabled>true</isEnabled>
    <isOauthPluginEnabled>true</isOauthPluginEnabled>
    <label>{label} policies</label>
    <startPage>None</startPage>
</ExtlClntAppConfigurablePolicies>
"#
    )
}

fn org_settings() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<OauthOidcSettings xmlns="http://soap.sforce.com/2006/04/metadata">
    <blockOAuthUnPwFlow>true</blockOAuthUnPwFlow>
    <blockOAuthUsrAgtFlow>true</blockOAuthUsrAgtFlow>
    <isPkceRequired>true</isPkceRequired>
    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>
</OauthOidcSettings>
"#
    .to_string()
}

fn custom_attribute(index: usize) -> String {
    // A long formula, as teams write them to map user fields into tokens.
    let formula = escape(&format!(
        "IF(ISPICKVAL($User.UserType, 'PowerPartner'), $User.Department & ' / ' & $User.Division & ' / attribute {index}', IF($User.IsActive, 'active-' & $User.Alias, 'inactive'))"
    ));
    format!(
        "    <customAttributes>\n        <formula>{formula}</formula>\n        <key>attribute_{index:06}</key>\n    </customAttributes>\n"
    )
}

/// An element that is no field, nested `depth` levels deep (well below the parser's cap).
fn deep_block(depth: usize) -> String {
    let mut block = String::from("    ");
    for level in 0..depth {
        write!(block, "<level{level}>").unwrap_or_default();
    }
    block.push_str("deep");
    for level in (0..depth).rev() {
        write!(block, "</level{level}>").unwrap_or_default();
    }
    block.push('\n');
    block
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
