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
/// The API 66.0 (Spring '26) page of the OAuth policies, whose sample the later pages lost.
pub const SPRING_26_POLICIES_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.260.0.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm";
pub const OAUTH_PLUGIN_HELP: &str =
    "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_enable_oauth_plugin.htm";
pub const FIRST_PARTY_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_eca_auth_challenge.htm";
/// Help's page on the 30-day idle refresh-token limit, which overrides `Infinite` in the org
/// without changing the metadata.
pub const IDLE_TTL_PAGE: &str = "https://help.salesforce.com/s/articleView?id=xcloud.eca_limit_idle_refresh_token_ttl.htm&type=5";
pub const HEADLESS_POLICIES: &str = "https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-connected-app-policies.md";

/// The how-to for custom attributes, whose Insert Field menu writes `$Organization.Country`.
pub const CUSTOM_ATTRIBUTES_HOW_TO: &str = "https://developer.salesforce.com/docs/atlas.en-us.224.0.packagingGuide.meta/packagingGuide/connected_app_edit_custom_attributes.htm";

#[cfg(test)]
mod tests {
    use eca_schema::Schema;

    use super::*;
    use crate::checks::rules::conditions::{
        CANVAS, GLOBAL, HEADER, MOBILE_POLICIES, NOTIFICATION, OAUTH_SETTINGS, ORG_OAUTH,
        PLUGIN_POLICIES, POLICIES, PUSH, PUSH_POLICIES, SAML_POLICIES,
    };

    /// The schema data names each type's page too: the two must not drift apart.
    #[test]
    fn each_type_page_is_the_one_the_schema_names() {
        let pages = [
            (HEADER, HEADER_PAGE),
            (GLOBAL, GLOBAL_PAGE),
            (OAUTH_SETTINGS, OAUTH_SETTINGS_PAGE),
            (POLICIES, POLICIES_PAGE),
            (PLUGIN_POLICIES, PLUGIN_POLICIES_PAGE),
            (SAML_POLICIES, SAML_PAGE),
            (CANVAS, CANVAS_PAGE),
            (MOBILE_POLICIES, MOBILE_POLICIES_PAGE),
            (PUSH, PUSH_PAGE),
            (PUSH_POLICIES, PUSH_POLICIES_PAGE),
            (NOTIFICATION, NOTIFICATION_PAGE),
            (ORG_OAUTH, ORG_SETTINGS_PAGE),
            ("ExternalClientAppSettings", ORG_APP_SETTINGS_PAGE),
        ];
        for (type_name, page) in pages {
            let named = Schema::get()
                .type_named(type_name)
                .and_then(|type_def| type_def.doc_url.as_deref());
            assert_eq!(named, Some(page), "{type_name}");
        }
    }
}
