use expect_test::{Expect, expect};

use super::*;
use crate::checks::registry::all_code_names;
use crate::checks::test_support::project_with_cursor;
use crate::model::fixture::Fixture;

/// Hover at the fixture's `$0`: the hovered text, then the markdown.
fn check(fixture: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let actual = match hover(&project, &path, cursor.start) {
        Some(hover) => {
            let text = &project.file(&path).expect("the cursor's file").text;
            assert!(
                hover.range.touches(cursor.start),
                "the range must hold the cursor"
            );
            format!("[{}]\n{}\n", hover.range.slice(text), hover.markdown)
        }
        None => "no hover\n".to_string(),
    };
    expected.assert_eq(&actual);
}

const POLICIES: &str =
    "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
";

#[test]
fn field_name_in_start_and_end_tag() {
    let fixture = format!(
        "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"64.0\" }}\n{POLICIES}    <guestJwtTim$0eout>30</guestJwtTimeout>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    );
    check(
        &fixture,
        expect![[r#"
            [guestJwtTimeout]
            **guestJwtTimeout** · Setup: *Guest JSON Web Token (JWT) Timeout* · int (minutes) · optional

            *in `ExtlClntAppOauthConfigurablePolicies`*

            Lifetime of JWT access tokens issued to guest users, in minutes. Used when `guestJwtSessionTimeoutType` is `Custom`; leave it out with `UserSession`.

            **API version:** added in 61.0 (Summer '24); available at this project's API 64.0 (from sourceApiVersion in /sfdx-project.json)  

            **Values**

            - `1` — 1 minute
            - `5` — 5 minutes
            - `10` — 10 minutes
            - `15` — 15 minutes
            - `30` — 30 minutes
            - `60` — 1 hour (60 minutes) · API 65.0+, not in 64.0
            - `90` — 1 hour 30 minutes (90 minutes) · API 65.0+, not in 64.0
            - `120` — 2 hours (120 minutes) · API 65.0+, not in 64.0
            - `240` — 4 hours (240 minutes) · API 65.0+, not in 64.0
            - `480` — 8 hours (480 minutes) · API 65.0+, not in 64.0
            - `720` — 12 hours (720 minutes) · API 65.0+, not in 64.0

            **Rules**

            - `ECA-JWT-GUEST-OMIT` — guestJwtTimeout is ignored when the timeout type is UserSession
            - `ECA-JWT-GUEST-NEED` — guestJwtSessionTimeoutType is Custom but guestJwtTimeout is missing
            - `ECA-JWT-GUEST-VALUES` — guestJwtTimeout accepts only listed values
            - `ECA-JWT-003` — JWT token lifetimes set while the app issues opaque tokens

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)
        "#]],
    );
    let end_tag = format!(
        "{POLICIES}    <guestJwtSessionTimeoutType>Custom</guestJwtSession$0TimeoutType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    );
    check(
        &end_tag,
        expect![[r#"
            [guestJwtSessionTimeoutType]
            **guestJwtSessionTimeoutType** · enum · optional

            *in `ExtlClntAppOauthConfigurablePolicies`*

            How long JWT access tokens issued to guest users live: `UserSession` follows the session timeout, `Custom` uses `guestJwtTimeout`.

            **API version:** added in 65.0 (Winter '26); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  

            **Values**

            - `UserSession` — The token lives as long as the user's session may: the profile's session timeout when it has one, otherwise the org's.
            - `Custom` — The token lives for the minutes given in the matching `guestJwtTimeout` field.

            > With `UserSession`, a guest's token lasts as long as the session timeout of the Experience Cloud site's guest user profile (or the org's session settings when the profile sets none).

            **Rules**

            - `ECA-JWT-GUEST-OMIT` — guestJwtTimeout is ignored when the timeout type is UserSession
            - `ECA-JWT-GUEST-NEED` — guestJwtSessionTimeoutType is Custom but guestJwtTimeout is missing
            - `ECA-JWT-002b` — The JWT session timeout types exist only from API 65.0
            - `ECA-JWT-003` — JWT token lifetimes set while the app issues opaque tokens

            **Used by flows**

            - Headless guest flow — needs a value (recommended): chooses how long guest tokens live (API 65.0 and later)

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)
        "#]],
    );
}

const GLOBAL: &str =
    "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
";

#[test]
fn a_reference_field_names_the_type_it_refers_to() {
    let fixture = format!(
        "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"64.0\" }}\n{}",
        POLICIES.replace(
            "<externalClientApplication>",
            "<externalClient$0Application>"
        )
    );
    check(
        &fixture,
        expect![[r#"
        [externalClientApplication]
        **externalClientApplication** · text · required

        *in `ExtlClntAppOauthConfigurablePolicies`*

        API name of the External Client App (its `.eca` header file) that this file belongs to.

        **Required**  
        **Refers to:** `ExternalClientApplication` by API name  
        **API version:** added in 59.0 (Winter '24); available at this project's API 64.0 (from sourceApiVersion in /sfdx-project.json)  

        **Rules**

        - `ECA-REF-001` — externalClientApplication names no app header of this project
        - `ECA-REF-011` — More than one OAuth policies file for one app

        [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)
    "#]],
    );
}

#[test]
fn enum_value_says_what_it_does_in_this_field() {
    check(
        &format!(
            "{POLICIES}    <guestJwtSessionTimeoutType>Cus$0tom</guestJwtSessionTimeoutType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [Custom]
            `Custom` in **guestJwtSessionTimeoutType**

            The token lives for the minutes given in the matching `guestJwtTimeout` field.
        "#]],
    );
    check(
        &format!(
            "{POLICIES}    <guestJwtSessionTimeoutType>Custum$0</guestJwtSessionTimeoutType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [Custum]
            `Custum` in **guestJwtSessionTimeoutType**

            Not a value `guestJwtSessionTimeoutType` accepts. Did you mean `Custom`?

            **Values**

            - `UserSession` — The token lives as long as the user's session may: the profile's session timeout when it has one, otherwise the org's.
            - `Custom` — The token lives for the minutes given in the matching `guestJwtTimeout` field.
        "#]],
    );
}

#[test]
fn restricted_integer_value_and_the_project_version() {
    let policies = format!(
        "{POLICIES}    <guestJwtTimeout>6$00</guestJwtTimeout>\n</ExtlClntAppOauthConfigurablePolicies>\n"
    );
    check(
        &format!("//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"65.0\" }}\n{policies}"),
        expect![[r#"
            [60]
            `60` in **guestJwtTimeout**

            1 hour (60 minutes)

            *API 65.0+*
        "#]],
    );
    check(
        &format!("//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"64.0\" }}\n{policies}"),
        expect![[r#"
            [60]
            `60` in **guestJwtTimeout**

            1 hour (60 minutes)

            *API 65.0+, not in 64.0*

            This project uses API 64.0 (from sourceApiVersion in /sfdx-project.json): a deploy at that version rejects this value.
        "#]],
    );
}

#[test]
fn plain_numbers_in_minutes_read_as_durations() {
    check(
        &format!(
            "{POLICIES}    <sessionTimeoutInMinutes>$090</sessionTimeoutInMinutes>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [90]
            `90` in **sessionTimeoutInMinutes** — 1 hour 30 minutes

            How long a session started through the app lasts, in minutes. Applies only when the app issues opaque access tokens, not JWTs.
        "#]],
    );
}

#[test]
fn boolean_value_and_its_default() {
    check(
        &format!(
            "{GLOBAL}    <isPkceRequired>fal$0se</isPkceRequired>\n</ExtlClntAppGlobalOauthSettings>\n"
        ),
        expect![[r#"
            [false]
            `false` in **isPkceRequired** — the default is `true`

            Requires Proof Key for Code Exchange (`code_challenge`, then `code_verifier`) on every authorization-code-based flow of the app. Strongly advised for public clients.
        "#]],
    );
}

#[test]
fn scope_token_in_a_list() {
    let oauth =
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
";
    check(
        &format!(
            "{oauth}    <commaSeparatedOauthScopes>Api, Refresh$0Token, OpenID</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect![[r#"
            [RefreshToken]
            `RefreshToken` — OAuth scope

            Lets the app get a refresh token, so it can keep working while the user is away; same as `OfflineAccess`.
        "#]],
    );
    check(
        &format!(
            "{oauth}    <commaSeparatedOauthScopes>Api,Refresh$0</commaSeparatedOauthScopes>\n</ExtlClntAppOauthSettings>\n"
        ),
        expect![[r#"
            [Refresh]
            `Refresh` is not a known OAuth scope. Did you mean `RefreshToken`?
        "#]],
    );
}

#[test]
fn app_name_value_lists_the_apps_files() {
    check(
        &format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal</label>
</ExternalClientApplication>
{GLOBAL}</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Por$0tal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            [Portal]
            **App `Portal`**

            Header: `force-app/main/default/externalClientApps/Portal.eca-meta.xml`

            Files that name it:

            - `force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml` (ExtlClntAppGlobalOauthSettings)
            - `force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml` (ExtlClntAppOauthConfigurablePolicies)
        "#]],
    );
    check(
        &format!("{POLICIES}</ExtlClntAppOauthConfigurablePolicies>\n")
            .replace(">Portal<", ">Nowhere$0<"),
        expect![[r#"
            [Nowhere]
            **App `Nowhere`**

            No header (`.eca-meta.xml`) in this project: it may exist only in the org.

            Files that name it:

            - `force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml` (ExtlClntAppOauthConfigurablePolicies)
        "#]],
    );
}

#[test]
fn root_element_says_what_the_type_is_and_lists_the_app() {
    check(
        &format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <label>Portal</label>
</ExternalClientApplication>
{GLOBAL}</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppPushSettings/Portal_push.ecaPush-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppPush$0Settings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppPushSettings>
"
        ),
        expect![[r#"
            [ExtlClntAppPushSettings]
            **ExtlClntAppPushSettings** · metadata type

            Push notification credentials of the app's mobile client: Firebase Cloud Messaging for Android, APNs for iOS, or a link to credentials that already exist.

            **Beta:** Salesforce may still change it; not covered by the usual support.  
            **Files:** `extlClntAppPushSettings/<name>.ecaPush-meta.xml`  
            **API version:** added in 64.0 (Summer '25); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  
            **Fields:** 6, required: `externalClientApplication`, `pushServiceType`  

            > Beta: offered under Salesforce's Beta Services Terms.

            > Needs the app's OAuth plugin.

            > Give exactly one of `androidPushConfig`, `applePushConfig` and `pushConfigLink`, and make it match `pushServiceType`.

            > The credentials are secrets: keep real values out of source control.

            **Rules**

            - `ECA-PLG-002` — Push and notification settings need the OAuth plugin
            - `ECA-NOTIF-001` — Notifications pushed by default while the app cannot push

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntapppushsettings.htm)

            ---

            **App `Portal`**

            Header: `force-app/main/default/externalClientApps/Portal.eca-meta.xml`

            Files that name it:

            - `force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml` (ExtlClntAppGlobalOauthSettings)

            No OAuth flow is switched on in the files of `Portal`.
        "#]],
    );
}

#[test]
fn flow_switch_explains_the_flow_and_its_variations() {
    check(
        &format!(
            "{GLOBAL}    <isCodeCred$0FlowEnabled>true</isCodeCredFlowEnabled>\n</ExtlClntAppGlobalOauthSettings>\n"
        ),
        expect![[r#"
            [isCodeCredFlowEnabled]
            **isCodeCredFlowEnabled** · Setup: *Enable Authorization Code and Credentials Flow* · boolean · optional

            *in `ExtlClntAppGlobalOauthSettings`*

            Turns on the Authorization Code and Credentials Flow for the app: the basis of headless login, passwordless login, registration and guest access. The org must allow the flow too (`OauthOidcSettings.oAuthCdCrdtFlowEnable`).

            **Default:** `false`  
            **API version:** added in 61.0 (Summer '24); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  

            > Salesforce contradicts itself on headless registration: the Metadata API page says ECAs don't support it, while the Help article and the Headless Identity guide (which is built on ECAs) say they do.

            **Rules**

            - `ECA-ACC-001` — The org does not allow the Authorization Code and Credentials Flow
            - `ECA-ACC-002` — isCodeCredPostOnly is set but the Authorization Code and Credentials Flow is off
            - `ECA-ACC-003` — Headless flows without pre-authorized users
            - `ECA-ACC-006` — Headless identity flows run on an Experience Cloud site
            - `ECA-ACC-007` — Salesforce's docs disagree on headless registration for External Client Apps
            - `ECA-JWT-002` — The guest flow needs the Authorization Code and Credentials Flow
            - `ECA-POSTURE-015` — Relaxed IP restrictions on a user-facing app (strict profile)

            The Authorization Code and Credentials Flow and its variations serve customers and partners, and both of their endpoints (`/services/oauth2/authorize` and `/services/oauth2/token`) live on an Experience Cloud site's domain (`https://<site>.my.site.com`), not on My Domain. Single-page apps often use the site's `/services/oauth2/echo` endpoint as `callbackUrl`; private clients use a server-side callback of their own. (Guidance only, shown on hover: a callback URL says nothing reliable about where the flow is called, so eca-ls has no true condition to report.)

            The Metadata API page of `ExtlClntAppGlobalOauthSettings` says External Client Apps do not support headless registration, while the Help article on configuring an External Client App for the Authorization Code and Credentials Flow says all variations are supported, registration included, and the Headless Identity guide, built on External Client Apps, says of enabling the flow in the app: "Enabling this flow is also a prerequisite for enabling headless registration" (Set Up an External Client App for Headless Identity). Try registration in a sandbox before relying on it. (Guidance only, shown on hover: nothing in the metadata shows whether an app uses registration.)

            ---

            ### Authorization Code and Credentials Flow

            The foundation of Salesforce's headless identity flows. Your own UI — a single-page app, a mobile app or a server — collects the user's credentials and sends them to the authorize endpoint of an Experience Cloud site with `response_type=code_credentials`. Salesforce checks them and answers with a redirect (302) to the callback URL carrying an authorization code, which the app exchanges for tokens at the token endpoint. No Salesforce login page is ever shown. Headless login, passwordless login, registration and guest access are variations of it: they differ in the request headers and in an optional first call.

            **For:** Customers and partners who sign in through an Experience Cloud site domain (`https://<site>.my.site.com`); not employees logging in through My Domain.

            **Endpoints**

            - `POST https://<site-domain>/services/oauth2/authorize` — response_type=code_credentials, client_id, redirect_uri; optional scope, state, code_challenge (PKCE)
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            | Setting | Value | Why |
            |---|---|---|
            | `OauthOidcSettings.oAuthCdCrdtFlowEnable` | `true` | the org blocks the flow for every app until it is allowed |
            | `GlobalOauthSettings.isCodeCredFlowEnabled` | `true` | turns the flow on for this app |
            | `ConfigurablePolicies.isEnabled` | `true` | a disabled app runs no plugin |
            | `ConfigurablePolicies.isOauthPluginEnabled` | `true` | the OAuth files only count while the OAuth plugin is on |
            | `GlobalOauthSettings.callbackUrl` | any value | the authorization code is delivered to this URL |
            | `OauthSettings.commaSeparatedOauthScopes` | any value | without scopes such as `Api` or `OpenID` the tokens are of little use |
            | `OauthConfigurablePolicies.permittedUsersPolicyType` | `AdminApprovedPreAuthorized` (recommended) | a headless app has no page where users could approve it |
            | `OauthConfigurablePolicies.commaSeparatedPermissionSet` | any value (recommended) | names the external users who are pre-authorized (or use `commaSeparatedProfile`) |
            | `GlobalOauthSettings.isPkceRequired` | `true` (recommended) | binds the code to the client that asked for it; essential for public clients |
            | `GlobalOauthSettings.isCodeCredPostOnly` | `true` (recommended) | keeps credentials out of URLs and access logs |

            > Needs an Experience Cloud site: both endpoints live on the site's domain.

            > Credentials travel in the POST body or, unless `isCodeCredPostOnly` is `true`, in an `Authorization: Basic` header.

            > Whether the app is a public or a private client decides `isConsumerSecretOptional`, and Salesforce's pages disagree on the value: the field's definition on the Metadata API page ("If set to true, the external app's client secret is optional") and the Headless Identity guide make `true` the public client's; the Help article on configuring an ECA for this flow says a private client sets it to `true` and a public client to `false`, and asks the secret question under the label of the POST body checkbox. eca-ls follows the field's definition, which is what the deploy reads: see `headless-login-public` and `headless-login-private`.

            > Salesforce contradicts itself on registration: the Metadata API page of `ExtlClntAppGlobalOauthSettings` says ECAs don't support headless registration, while the Help article on configuring ECAs for this flow and the Headless Identity guide (built on ECAs) say they do. Try it in a sandbox first.

            > External Client Apps don't support the username-password flow ("External client apps don't support username-password flow", Connected App to External Client App Migration): this flow, with the user's credentials sent by your own UI, is what takes its place.

            Sources: [1](https://help.salesforce.com/s/articleView?type=5&id=xcloud.eca_authorization_code_credentials.htm) [2](https://help.salesforce.com/s/articleView?type=5&id=xcloud.configure_oauth_code_credentials_flow_external_client_apps.htm) [3](https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-enable-auth-code-creds-flow.md) [4](https://developer.salesforce.com/docs/atlas.en-us.headless_identity.meta/headless_identity/headless_identity_create_connected_app.htm) [5](https://developer.salesforce.com/docs/platform/headless-identity-impl-guide/guide/headless-identity-connected-app-policies.md) [6](https://help.salesforce.com/s/articleView?type=5&id=xcloud.headless_identity_flows_parent.htm) [7](https://help.salesforce.com/s/articleView?id=xcloud.connected_app_to_external_client_app_migration.htm&type=5)

            ---

            **Variations**

            ### Headless login (public client)

            *A variation of the Authorization Code and Credentials Flow.*

            Username-and-password login for apps that can't keep a secret, such as single-page and mobile apps.

            **Endpoints**

            - `POST https://<site-domain>/services/oauth2/authorize` — response_type=code_credentials, client_id, redirect_uri, code_challenge
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            **Headers**

            - `Auth-Request-Type: Named-User`
            - `Authorization: Basic base64(username:password)`

            Needs the settings of the Authorization Code and Credentials Flow, and:

            | Setting | Value | Why |
            |---|---|---|
            | `GlobalOauthSettings.isConsumerSecretOptional` | `true` | a public client can't keep a secret, so the code exchange must work without one |
            | `GlobalOauthSettings.isSecretRequiredForRefreshToken` | `false` (recommended) | lets the client refresh its tokens without a secret |

            ### Headless login (private client)

            *A variation of the Authorization Code and Credentials Flow.*

            The same login for client-server apps.

            **Endpoints**

            - `POST https://<site-domain>/services/oauth2/authorize` — response_type=code_credentials, client_id, redirect_uri
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            **Headers**

            - `Auth-Request-Type: Named-User`
            - `Authorization: Basic base64(username:password)`

            Needs the settings of the Authorization Code and Credentials Flow, and:

            | Setting | Value | Why |
            |---|---|---|
            | `GlobalOauthSettings.isConsumerSecretOptional` | `false` | a private client proves who it is with the secret when it exchanges the code |

            ### Headless passwordless login

            *A variation of the Authorization Code and Credentials Flow.*

            Login with a one-time password instead of a password.

            **Endpoints**

            - `POST https://<site-domain>/services/auth/headless/init/passwordless/login` — username, recaptcha, verificationmethod
            - `POST https://<site-domain>/services/oauth2/authorize` — response_type=code_credentials, client_id, redirect_uri
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            **Headers**

            - `Auth-Request-Type: passwordless-login`
            - `Auth-Verification-Type: email or sms`
            - `Authorization: Basic base64(requestIdentifier:otp)`

            Needs the settings of the Authorization Code and Credentials Flow.

            ### Headless registration

            *A variation of the Authorization Code and Credentials Flow.*

            Sign-up without a Salesforce page.

            **Endpoints**

            - `POST https://<site-domain>/services/auth/headless/init/registration` — userdata, customdata, password, recaptcha, verificationmethod
            - `POST https://<site-domain>/services/oauth2/authorize` — response_type=code_credentials, client_id, redirect_uri
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            **Headers**

            - `Auth-Request-Type: user-registration`
            - `Auth-Verification-Type: email or sms (the method chosen in the first call)`
            - `Authorization: Basic base64(requestIdentifier:otp)`

            Needs the settings of the Authorization Code and Credentials Flow.

            ### Headless guest flow

            *A variation of the Authorization Code and Credentials Flow.*

            Gives visitors who haven't logged in a guest JWT access token that carries a unique visitor Id (UVID), so a headless storefront or app can call APIs as a guest and keep state such as a cart.

            **Endpoints**

            - `POST https://<site-domain>/services/oauth2/authorize`
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            Needs the settings of the Authorization Code and Credentials Flow, and:

            | Setting | Value | Why |
            |---|---|---|
            | `OauthConfigurablePolicies.isGuestCodeCredFlowEnabled` | `true` | turns the guest variation on in this org |
            | `GlobalOauthSettings.isNamedUserJwtEnabled` | `true` | guest tokens and UVIDs exist only as JWTs |
            | `OauthConfigurablePolicies.guestJwtSessionTimeoutType` | any value (recommended) | chooses how long guest tokens live (API 65.0 and later) |

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappglobaloauthsettings.htm)

            ---

            **Flows of `Portal`**

            - **Authorization Code and Credentials Flow** — incomplete
              - needs `oAuthCdCrdtFlowEnable` = `true` in `OauthOidcSettings`, a file this project lacks — the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
              - needs `isEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — a disabled app runs no plugin
              - needs `isOauthPluginEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — the OAuth files only count while the OAuth plugin is on
              - needs `callbackUrl` in this file — the authorization code is delivered to this URL
              - needs `commaSeparatedOauthScopes` in `ExtlClntAppOauthSettings`, a file this project lacks — the app can only get the scopes it lists
              - recommended: `permittedUsersPolicyType` = `AdminApprovedPreAuthorized` in `ExtlClntAppOauthConfigurablePolicies`, a file this project lacks — no page is shown where users could approve the app, so pre-authorize them
              - recommended: `commaSeparatedPermissionSet` in `ExtlClntAppOauthConfigurablePolicies`, a file this project lacks — names the users who are pre-authorized (or use `commaSeparatedProfile`)
              - recommended: `isPkceRequired` = `true` in this file — binds the authorization code to the client that asked for it
              - recommended: `isCodeCredPostOnly` = `true` in this file — keeps credentials out of URLs and access logs
            - **Headless login (private client)** — incomplete
              - and what the Authorization Code and Credentials Flow needs
            - **Headless passwordless login** — incomplete
              - and what the Authorization Code and Credentials Flow needs
            - **Headless registration** — incomplete
              - and what the Authorization Code and Credentials Flow needs
        "#]],
    );
}

#[test]
fn guest_flow_switch_explains_the_guest_flow() {
    check(
        &format!(
            "{POLICIES}    <isGuestCodeCredFlowEnabled$0>true</isGuestCodeCredFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [isGuestCodeCredFlowEnabled]
            **isGuestCodeCredFlowEnabled** · Setup: *Enable Code and Credentials Flow for Guest Users* · boolean · optional

            *in `ExtlClntAppOauthConfigurablePolicies`*

            Allows the headless guest flow, the guest-user variation of the Authorization Code and Credentials Flow. The app must issue JWT access tokens (global `isNamedUserJwtEnabled`).

            **Default:** `false`  
            **API version:** added in 61.0 (Summer '24); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  

            **Rules**

            - `ECA-JWT-001` — The guest flow needs JWT-based access tokens
            - `ECA-JWT-002` — The guest flow needs the Authorization Code and Credentials Flow

            ---

            ### Headless guest flow

            *A variation of the Authorization Code and Credentials Flow.*

            Gives visitors who haven't logged in a guest JWT access token that carries a unique visitor Id (UVID), so a headless storefront or app can call APIs as a guest and keep state such as a cart. When the visitor later logs in or registers, the UVID can be handed to the named-user flow to carry that context over. Works for public and private clients.

            **For:** Anonymous visitors of an Experience Cloud site.

            **Endpoints**

            - `POST https://<site-domain>/services/oauth2/authorize`
            - `POST https://<site-domain>/services/oauth2/token` — grant_type=authorization_code, code, client_id, redirect_uri; client_secret for private clients; code_verifier with PKCE

            | Setting | Value | Why |
            |---|---|---|
            | `OauthConfigurablePolicies.isGuestCodeCredFlowEnabled` | `true` | turns the guest variation on in this org |
            | `GlobalOauthSettings.isNamedUserJwtEnabled` | `true` | guest tokens and UVIDs exist only as JWTs |
            | `GlobalOauthSettings.isCodeCredFlowEnabled` | `true` | the guest flow is a variation of the Authorization Code and Credentials Flow (inferred) |
            | `OauthOidcSettings.oAuthCdCrdtFlowEnable` | `true` | the org must allow the underlying flow (inferred) |
            | `OauthConfigurablePolicies.guestJwtSessionTimeoutType` | any value (recommended) | chooses how long guest tokens live (API 65.0 and later) |

            > Request headers: no Salesforce page eca-ls could read gives them. Practitioners' working code (not Salesforce documentation) marks a guest request with `Auth-Request-Type: guest` and passes the visitor's id as `Uvid-Hint: UVID <uuid>` on `/services/oauth2/authorize` and `Uvid-Hint: <uuid>` on the token request; check the Help pages of the guest flow (the sources below) before relying on them.

            > To carry the UVID into a later login, the named-user flow must issue JWTs as well.

            > With `guestJwtSessionTimeoutType` `Custom`, set `guestJwtTimeout`; with `UserSession`, leave it out: the guest token then follows the session timeout of the Experience Cloud site's guest user profile ("Salesforce uses the value from the sessionTimeout field in the ProfileSessionSetting type for the Experience Cloud guest user profile", the OAuth policies page).

            Sources: [1](https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_public_clients.htm) [2](https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_private_client.htm) [3](https://help.salesforce.com/s/articleView?type=5&id=xcloud.remoteaccess_headless_guest_extension.htm) [4](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)

            ---

            **Flows of `Portal`**

            - **Headless guest flow** — can't tell: it depends on a file this project lacks
              - needs `isNamedUserJwtEnabled` = `true` in `ExtlClntAppGlobalOauthSettings`, a file this project lacks — guest tokens and unique visitor ids (UVIDs) exist only as JWT-based access tokens
              - needs `isCodeCredFlowEnabled` = `true` in `ExtlClntAppGlobalOauthSettings`, a file this project lacks — the guest flow is a variation of the Authorization Code and Credentials Flow
              - needs `oAuthCdCrdtFlowEnable` = `true` in `OauthOidcSettings`, a file this project lacks — the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
              - needs `isEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — a disabled app runs no plugin
              - needs `isOauthPluginEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — the OAuth files only count while the OAuth plugin is on
              - needs `callbackUrl` in `ExtlClntAppGlobalOauthSettings`, a file this project lacks — the authorization code is delivered to this URL
              - needs `commaSeparatedOauthScopes` in `ExtlClntAppOauthSettings`, a file this project lacks — the app can only get the scopes it lists
        "#]],
    );
}

#[test]
fn client_credentials_switch() {
    check(
        &format!(
            "{POLICIES}    <$0isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [isClientCredentialsFlowEnabled]
            **isClientCredentialsFlowEnabled** · boolean · optional

            *in `ExtlClntAppOauthConfigurablePolicies`*

            Allows the client credentials flow in this org. Also needs the global `isClientCredentialsFlowEnabled` and a `clientCredentialsFlowUser`.

            **Default:** `false`  
            **API version:** added in 60.0 (Spring '24); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  

            **Rules**

            - `ECA-CC-001` — The client credentials flow is only half switched on, or has no run-as user
            - `ECA-POSTURE-007` — The OAuth policies allow the client credentials flow (strict profile)

            ---

            ### Client credentials flow

            Server-to-server access with no user present: the client posts its consumer key and secret to the token endpoint with `grant_type=client_credentials` and receives an access token for a fixed run-as user chosen by the admin. No refresh token is issued.

            **For:** Integrations and back-end services.

            **Endpoints**

            - `POST https://<my-domain>.my.salesforce.com/services/oauth2/token` — grant_type=client_credentials, client_id, client_secret (or an HTTP Basic header)

            | Setting | Value | Why |
            |---|---|---|
            | `GlobalOauthSettings.isClientCredentialsFlowEnabled` | `true` | turns the flow on for the app |
            | `OauthConfigurablePolicies.isClientCredentialsFlowEnabled` | `true` | allows the flow in this org |
            | `OauthConfigurablePolicies.clientCredentialsFlowUser` | any value | tokens are issued for this user; give it the API Only User permission and as little access as possible |

            > The Help article on this flow tells you to set `isClientCredentialsFlowEnabled` and `clientCredentialsFlowUser` in the `ExtlClntAppConfigurablePolicies` file; both belong in `ExtlClntAppOauthConfigurablePolicies`.

            > Call the org's My Domain, not `login.salesforce.com`.

            Sources: [1](https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_client_credentials_flow_for_external_client_apps.htm) [2](https://help.salesforce.com/s/articleView?type=5&id=xcloud.configure_client_credentials_flow_for_external_client_apps.htm) [3](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)

            ---

            **Flows of `Portal`**

            - **Client credentials flow** — incomplete
              - needs `isClientCredentialsFlowEnabled` = `true` in `ExtlClntAppGlobalOauthSettings`, a file this project lacks — turns the client credentials flow on for the app
              - needs `clientCredentialsFlowUser` in this file — tokens are issued for this user (an API-only user with as little access as possible)
              - needs `isEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — a disabled app runs no plugin
              - needs `isOauthPluginEnabled` = `true` in `ExtlClntAppConfigurablePolicies`, a file this project lacks — the OAuth files only count while the OAuth plugin is on
        "#]],
    );
}

#[test]
fn a_secret_is_never_shown() {
    let secret = "S3cr3tV4lu3DoNotShow";
    let text = format!(
        "{GLOBAL}    <consumerSecret>{secret}</consumerSecret>\n</ExtlClntAppGlobalOauthSettings>\n"
    );
    let fixture = Fixture::parse(&text).unwrap();
    let project = fixture.project(&all_code_names()).unwrap();
    let (path, file_text) = &fixture.files[0];
    let mut hovered = 0;
    for offset in 0..=file_text.len() {
        if let Some(hover) = hover(&project, path, offset) {
            hovered += 1;
            assert!(
                !hover.markdown.contains(secret),
                "at {offset}: {}",
                hover.markdown
            );
        }
    }
    assert!(hovered > 0);
    let value_offset = file_text.find(secret).unwrap() + 3;
    check(
        &text.replacen(secret, "S3c$0r3tV4lu3DoNotShow", 1),
        expect![[r#"
            [S3cr3tV4lu3DoNotShow]
            **consumerSecret** holds a secret, so eca-ls doesn't show its value. Keep secrets out of source control: deploy them from a secure store instead.
        "#]],
    );
    assert!(hover(&project, path, value_offset).is_some());
}

#[test]
fn unknown_and_misplaced_elements() {
    check(
        &format!(
            "{POLICIES}    <isNamedUserJwtEnabld$0>true</isNamedUserJwtEnabld>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [isNamedUserJwtEnabld]
            `isNamedUserJwtEnabld` is not a field of `ExtlClntAppOauthConfigurablePolicies`. Did you mean `isNamedUserJwtEnabled`?
        "#]],
    );
    check(
        "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <consumer$0Key>abc</consumerKey>
</ExtlClntAppOauthSettings>
",
        expect![[r#"
            [consumerKey]
            `consumerKey` is not a field of `ExtlClntAppOauthSettings`.

            `consumerKey` is a field of `ExtlClntAppGlobalOauthSettings`.
        "#]],
    );
}

#[test]
fn nested_field_names() {
    check(
        &format!(
            "{POLICIES}    <customAttributes>\n        <ke$0y>email</key>\n        <formula>$User.Email</formula>\n    </customAttributes>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect![[r#"
            [key]
            **key** · text · required

            *in `ExtlClntAppOauthPoliciesAttribute`*

            Name of the attribute as apps receive it; unique within the list.

            **Required**  
            **API version:** added in 59.0 (Winter '24); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)
        "#]],
    );
}

#[test]
fn nothing_in_comments_whitespace_or_unrelated_files() {
    check(
        &format!(
            "{POLICIES}    <!-- <guestJwt$0Timeout> -->\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        expect!["no hover\n"],
    );
    check(
        &format!("{POLICIES}  $0  \n</ExtlClntAppOauthConfigurablePolicies>\n"),
        expect!["no hover\n"],
    );
    check(
        "//- /force-app/main/default/classes/Foo.cls-meta.xml\n<ApexClass><api$0Version>65.0</apiVersion></ApexClass>\n",
        expect!["no hover\n"],
    );
}

#[test]
fn root_element_shows_the_readiness_of_the_apps_flows() {
    check(
        &format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <distributionState>Local</distributionState>
    <label>Portal</label>
</ExternalClientApplication>
//- /force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <isEnabled>true</isEnabled>
    <isOauthPluginEnabled>true</isOauthPluginEnabled>
</ExtlClntAppConfigurablePolicies>
{GLOBAL}    <callbackUrl>https://portal.my.site.com/services/oauth2/echo</callbackUrl>
    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>
    <isConsumerSecretOptional>true</isConsumerSecretOptional>
</ExtlClntAppGlobalOauthSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthSettings>
{POLICIES}    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
    <isGuestCodeCredFlowEnabled>true</isGuestCodeCredFlowEnabled>
</Extl$0ClntAppOauthConfigurablePolicies>
"
        ),
        expect![[r#"
            [ExtlClntAppOauthConfigurablePolicies]
            **ExtlClntAppOauthConfigurablePolicies** · metadata type

            The admin side of the OAuth plugin in one org: who may use the app, how long refresh tokens and sessions last, IP relaxation, the per-org switches for the client credentials, token exchange and guest flows, an Apex handler, and JWT token lifetimes.

            **Files:** `extlClntAppOauthPolicies/<name>.ecaOauthPlcy-meta.xml`  
            **API version:** added in 59.0 (Winter '24); available at this project's API 67.0 (the newest eca-ls knows: no sfdx-project.json or package.xml names one)  
            **Fields:** 27, required: `externalClientApplication`  

            > Salesforce generates it with default values when the app is saved or deployed, and its settings apply only to the org where they are set. It is never packaged: every installing org gets its own.

            > Only one may exist per OAuth settings component: a second one fails with `DUPLICATE_VALUE` (reported by practitioners).

            > Editing it needs the admin permission *View all External Client Apps, view their settings, and edit their policies*.

            > Files retrieved through Setup are named `<App>_oauthPlcy`; public tools (CumulusCI among them) and subscriber orgs use `<App>_oauth_defaultPolicy`. Any name works: `externalClientApplication` is what ties the file to its app.

            > The positions of `guestJwtSessionTimeoutType` and `namedUserJwtSessionTimeoutType` (added in 65.0) in the element order are inferred from the alphabetical order of the older fields.

            **Rules**

            - `ECA-PLG-001` — OAuth files of an app whose OAuth plugin is off

            [Salesforce documentation](https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthconfigurablepolicies.htm)

            ---

            **App `Portal`**

            Header: `force-app/main/default/externalClientApps/Portal.eca-meta.xml`

            Files that name it:

            - `force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml` (ExtlClntAppGlobalOauthSettings)
            - `force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml` (ExtlClntAppOauthSettings)
            - `force-app/main/default/extlClntAppPolicies/Portal_plcy.ecaPlcy-meta.xml` (ExtlClntAppConfigurablePolicies)

            **Flows of `Portal`**

            - **Authorization Code and Credentials Flow** — can't tell: it depends on a file this project lacks
              - needs `oAuthCdCrdtFlowEnable` = `true` in `OauthOidcSettings`, a file this project lacks — the org blocks the Authorization Code and Credentials Flow for every app until it is allowed (Setup: Allow Authorization Code and Credentials Flows)
              - recommended: `permittedUsersPolicyType` = `AdminApprovedPreAuthorized` in this file — no page is shown where users could approve the app, so pre-authorize them
              - recommended: `commaSeparatedPermissionSet` in this file — names the users who are pre-authorized (or use `commaSeparatedProfile`)
              - recommended: `isPkceRequired` = `true` in `Portal_glbloauth.ecaGlblOauth-meta.xml` — binds the authorization code to the client that asked for it
              - recommended: `isCodeCredPostOnly` = `true` in `Portal_glbloauth.ecaGlblOauth-meta.xml` — keeps credentials out of URLs and access logs
            - **Headless login (public client)** — can't tell: it depends on a file this project lacks
              - recommended: `isSecretRequiredForRefreshToken` = `false` in `Portal_glbloauth.ecaGlblOauth-meta.xml` — a public client has no secret to send when it refreshes its tokens
              - and what the Authorization Code and Credentials Flow needs
            - **Headless passwordless login** — can't tell: it depends on a file this project lacks
              - and what the Authorization Code and Credentials Flow needs
            - **Headless registration** — can't tell: it depends on a file this project lacks
              - and what the Authorization Code and Credentials Flow needs
            - **Headless guest flow** — incomplete
              - needs `isNamedUserJwtEnabled` = `true` in `Portal_glbloauth.ecaGlblOauth-meta.xml` — guest tokens and unique visitor ids (UVIDs) exist only as JWT-based access tokens
              - and what the Authorization Code and Credentials Flow needs
            - **Client credentials flow** — incomplete
              - needs `clientCredentialsFlowUser` in this file — tokens are issued for this user (an API-only user with as little access as possible)
            - **Web server flow (authorization code)** — ready
              - recommended: `isPkceRequired` = `true` in `Portal_glbloauth.ecaGlblOauth-meta.xml` — the app is a public client (`isConsumerSecretOptional` is `true`): without a secret, PKCE is what stops a stolen code from being redeemed
        "#]],
    );
}

const GLOBAL_START: &str =
    "//- /force-app/main/default/extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
";

/// The lines of a hover that hold `needle`, for checks of one fact in a long hover.
fn check_lines(fixture: &str, needle: &str, expected: Expect) {
    let (project, path, cursor) = project_with_cursor(fixture);
    let markdown = hover(&project, &path, cursor.start)
        .map(|hover| hover.markdown)
        .unwrap_or_default();
    let lines: Vec<&str> = markdown
        .lines()
        .filter(|line| line.contains(needle))
        .collect();
    expected.assert_eq(&lines.join("\n"));
}

#[test]
fn a_field_shows_its_setup_label_and_whether_setup_asks_the_opposite() {
    check_lines(
        &format!(
            "{GLOBAL_START}    <isConsumerSecret$0Optional>true</isConsumerSecretOptional>\n</ExtlClntAppGlobalOauthSettings>\n"
        ),
        "Setup",
        expect![[r#"
            **isConsumerSecretOptional** · Setup: *Require Secret for Web Server Flow* · boolean · optional
            *Setup asks the opposite question: its checkbox ticked writes `false`, cleared writes `true`.*"#]],
    );
    check_lines(
        &format!(
            "{GLOBAL_START}    <isPkce$0Required>true</isPkceRequired>\n</ExtlClntAppGlobalOauthSettings>\n"
        ),
        "**isPkceRequired**",
        expect![
            "**isPkceRequired** · Setup: *Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows* · boolean · optional"
        ],
    );
}

#[test]
fn a_value_shows_its_setup_label() {
    check_lines(
        &format!(
            "{POLICIES}    <permittedUsersPolicyType>AdminApproved$0PreAuthorized</permittedUsersPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "Setup",
        expect!["Setup: *Admin approved users are pre-authorized*"],
    );
}

/// Issue 10: neither form of a permission set is instructed, and `Infinite` says what the idle
/// refresh-token limit makes of it.
#[test]
fn permission_sets_by_name_or_id_and_infinite_under_the_idle_limit() {
    check_lines(
        &format!(
            "{POLICIES}    <commaSeparated$0PermissionSet>Portal_Users</commaSeparatedPermissionSet>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "Refers to",
        expect![
            "**Refers to:** `PermissionSet` by API name or ID (Salesforce's sources disagree: ECA-REF-006)  "
        ],
    );
    check_lines(
        &format!(
            "{POLICIES}    <refreshTokenPolicyType>Infin$0ite</refreshTokenPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "idle",
        expect![
            "Refresh tokens never expire; they last until someone revokes them. Not while the 30-day idle refresh-token limit is on (*Limit the Idle Refresh Token TTL in External Client Apps*, required of partner apps from 2026; Salesforce writes its switch as `isEnforceRefreshTokenTTL` in the global OAuth settings): the org then expires a refresh token unused for 30 days, as `SpecificInactivity` would, and does not update the metadata, so a retrieved file can still say `Infinite` (ECA-RT-004)."
        ],
    );
}

#[test]
fn the_two_spellings_of_the_relaxed_refresh_value() {
    check_lines(
        &format!(
            "{POLICIES}    <ipRelaxationPolicyType>Enforce_Relax$0Refresh</ipRelaxationPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "Salesforce",
        expect!["*the page's spelling; Salesforce writes and validates `Enforce_relaxrefresh`*"],
    );
    check_lines(
        &format!(
            "{POLICIES}    <ipRelaxationPolicyType>Enforce_relax$0refresh</ipRelaxationPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ),
        "page",
        expect!["*what Salesforce writes; the page spells it `Enforce_RelaxRefresh`*"],
    );
}

#[test]
fn an_undocumented_field_says_where_salesforce_writes_it() {
    check_lines(
        &format!(
            "{GLOBAL_START}    <isDPop$0Enabled>false</isDPopEnabled>\n</ExtlClntAppGlobalOauthSettings>\n"
        ),
        "documented",
        expect![[r#"
            Probably requires DPoP (Demonstrating Proof of Possession, RFC 9449): tokens are bound to a key the client holds, and each request must prove possession of it with a `DPoP` header. Inferred from the name; not documented.
            **Not documented**, but Salesforce writes it: seen in files retrieved from real orgs: imdilipsubramaniam/DssOrg (extlClntAppGlobalOauthSets/Postman_Practice_glbloauth.ecaGlblOauth-meta.xml), unofficialbox/box-bedrock-for-clm (Box_Automate_CLM_glbloauth.ecaGlblOauth-meta.xml)."#]],
    );
}

#[test]
fn a_deprecation_of_one_api_version_shows_as_such() {
    let settings = |version: &str| {
        format!(
            "//- /sfdx-project.json\n{{ \"sourceApiVersion\": \"{version}\" }}\n//- /force-app/main/default/settings/ExternalClientApp.settings-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <enableConsumerSecret$0ApiAccess>true</enableConsumerSecretApiAccess>\n</ExternalClientAppSettings>\n"
        )
    };
    check_lines(
        &settings("66.0"),
        "Deprecated",
        expect![
            "**Deprecated** since API 66.0 (the pages after API 66.0 no longer mark it): Marked deprecated on the 66.0 page only, which sends you to the app's OAuth settings in Setup to see secrets; the 67.0 page drops the marker."
        ],
    );
    check_lines(
        &settings("67.0"),
        "Deprecated",
        expect![
            "**Deprecated on the API 66.0 page only** (this project uses API 67.0): Marked deprecated on the 66.0 page only, which sends you to the app's OAuth settings in Setup to see secrets; the 67.0 page drops the marker."
        ],
    );
}

#[test]
fn a_removed_field_says_from_which_version() {
    check_lines(
        "//- /force-app/main/default/settings/ExternalClientApp.settings-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientAppSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <enableExternal$0ClientApps>true</enableExternalClientApps>\n</ExternalClientAppSettings>\n",
        "Removed",
        expect![[
            r#"**Removed** from API 64.0: Documented on the 59.0 page only: the WSDL of about 64.0 and the 66.0 and 67.0 pages no longer have it. Orgs still return it on retrieve as an empty `xsi:nil="true"` element."#
        ]],
    );
}

#[test]
fn policies_named_as_tools_name_them_belong_to_their_app() {
    check_lines(
        "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Por$0tal</externalClientApplication>\n</ExtlClntAppOauthConfigurablePolicies>\n",
        "Portal",
        expect![[r#"
            **App `Portal`**
            Header: `force-app/main/default/externalClientApps/Portal.eca-meta.xml`
            - `force-app/main/default/extlClntAppOauthPolicies/Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml` (ExtlClntAppOauthConfigurablePolicies)"#]],
    );
}
