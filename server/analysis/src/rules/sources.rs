//! The pages the rules cite as their sources, each written once: the metadata reference page
//! of every type the rules read, and the guides several rules cite.

pub const HEADER_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_externalclientapplication.htm";
pub const GLOBAL_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm";
pub const OAUTH_SETTINGS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthsettings.htm";
pub const POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm";
pub const PLUGIN_POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappconfigurablepolicies.htm";
pub const SAML_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappsamlconfigurablepolicies.htm";
pub const CANVAS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappcanvassettings.htm";
pub const MOBILE_POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappmobileconfigurablepolicies.htm";
pub const PUSH_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntapppushsettings.htm";
pub const PUSH_POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntapppushconfigurablepolicies.htm";
pub const NOTIFICATION_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappnotificationsettings.htm";
pub const ORG_SETTINGS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthoidcsettings.htm";
pub const ORG_APP_SETTINGS_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_externalclientappsettings.htm";
pub const SPRING_26_GUIDE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.260.0.api_meta.meta/api_meta/";
pub const OAUTH_PLUGIN_HELP: &str =
    "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_enable_oauth_plugin.htm";
pub const FIRST_PARTY_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_eca_auth_challenge.htm";
pub const HEADLESS_POLICIES: &str = "https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-connected-app-policies.md";
