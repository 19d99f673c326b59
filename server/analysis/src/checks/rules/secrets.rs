//! Rules on secrets and credentials in the app's files: secret values committed to source
//! control, consumer key and secret rotation on deploy, and how the global settings reach an org.

use eca_schema::{Requirement, ValueKind};
use eca_syntax::ElementId;

use crate::checks::rules::conditions::{self, GLOBAL, portal_global};
use crate::checks::rules::sources::{
    GLOBAL_PAGE, OAUTH_PLUGIN_HELP, OAUTH_SETTINGS_PAGE, ORG_APP_SETTINGS_PAGE,
};
use crate::checks::rules::{Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::Severity;

const ASSOCIATE_PAGE: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.associate_and_disassociate_external_client_apps.htm";

/// What a PEM private key block says in its first line, in every key format.
const PRIVATE_KEY_MARKER: &str = "PRIVATE KEY-----";

pub(super) const RULES: &[Rule] = &[
    SECRET_IN_SOURCE,
    ROTATION_ON_EVERY_DEPLOY,
    SECRETS_THROUGH_METADATA_API,
    GLOBAL_SETTINGS_PROPAGATE,
];

const SECRET_IN_SOURCE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SEC-001",
        default_severity: Severity::Warning,
        title: "A secret value in a metadata file",
        explanation: "Metadata files live in source control, where everyone who can read the repository — and every fork, clone and CI log — can read them. eca-ls reports a value in a field that holds a secret: the app's `consumerSecret`, and in push settings the Apple `signingKey` (.p8), `certificate` (.p12, which contains a private key) and its `password`, and the Android `serviceAccount` key. It also reports a PEM private key (`-----BEGIN … PRIVATE KEY-----`) pasted into any field, such as the JWT bearer `certificate`, which must hold only the public certificate. Remove the value (the quick fix removes the element; for a field its type requires, such as `serviceAccount`, it writes a placeholder like `{{SERVICE_ACCOUNT}}` for the deploy pipeline to fill in instead, since removing the element would break the file) and keep the secret in the org or a secret store; a secret that was ever committed should be rotated. Not reported: `consumerKey`, which is the public client id, public certificates, empty elements, and obvious placeholders such as `{{CONSUMER_SECRET}}` or `REDACTED`. It is a warning, not an error, because the deploy works; the damage is the leak.",
        example: portal_global!(
            "<consumerKey>3MVG9Example.ClientId</consumerKey>",
            "<consumerSecret>8F2A6C1E9B4D7F30A5C2E8B1D6F4A9C3</consumerSecret>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<consumerKey>3MVG9Example.ClientId</consumerKey>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[GLOBAL_PAGE, ASSOCIATE_PAGE],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.consumerSecret",
        "ExtlClntAppGlobalOauthSettings.certificate",
        "ExtlClntAppApplePushConfig.signingKey",
        "ExtlClntAppApplePushConfig.certificate",
        "ExtlClntAppApplePushConfig.password",
        "ExtlClntAppAndroidPushConfig.serviceAccount",
    ],
    // Each top-level element on its own: a value holds a secret or not, whatever its siblings.
    check: Check::TopLevel(report_secret),
};

/// Report the secrets of the elements of `view`, and of the elements nested inside them.
fn report_secrets(view: &View, findings: &mut Findings) {
    for element in view.file.parse.document.child_elements(view.element) {
        report_secret(view, element, findings);
    }
}

/// Report the secret in `element`, a child of `view`, or those nested inside it. A value is
/// read only where a secret can be: in a sensitive field, or where the raw text shows a private
/// key (or a reference that might spell one).
fn report_secret(view: &View, element: ElementId, findings: &mut Findings) {
    let document = &view.file.parse.document;
    let Some(field) = view.type_def.field(document.element(element).name()) else {
        return;
    };
    if field.kind == ValueKind::Nested {
        if let Some(nested) = view.nested_view(element, field) {
            report_secrets(&nested, findings);
        }
        return;
    }
    // Anywhere but in a sensitive field only a private key is reported: the value is read
    // without a copy to look for one, and read as a finding's value only when it holds one.
    if !field.sensitive && !may_hold_private_key(view, element) {
        return;
    }
    let text = document.element(element).text_value();
    if !field.sensitive && !text.value.contains(PRIVATE_KEY_MARKER) {
        return;
    }
    let value = view.value_of(element);
    let holds_private_key = value.value.contains(PRIVATE_KEY_MARKER);
    if value.value.is_empty() || conditions::looks_like_placeholder(&value.value) {
        return;
    }
    let message = if holds_private_key {
        format!(
            "`{}` contains a private key: only the public certificate belongs in this file; remove the key and replace it, since anyone who can read the repository can use it",
            field.name
        )
    } else {
        format!(
            "`{}` holds a secret in a file meant for source control: anyone who can read the repository can use it; remove the value and keep it in the org or a secret store (rotate it if it was ever committed)",
            field.name
        )
    };
    if field.requirement == Requirement::Optional {
        let remove = crate::model::edits::remove_element(value.file, value.element);
        findings
            .report(value.location(), message)
            .preferred_fix(format!("Remove `{}`", field.name), vec![remove]);
    } else {
        // A required field cannot go (`missing-required` would follow): its value becomes a
        // placeholder that the deploy pipeline fills in from a secret store.
        let placeholder = format!("{{{{{}}}}}", screaming_snake(&field.name));
        let replace = crate::model::edits::replace_value(value.file, value.element, &placeholder);
        findings.report(value.location(), message).preferred_fix(
            format!(
                "Replace the value of `{}` with the placeholder `{placeholder}` to fill in at deploy time",
                field.name
            ),
            vec![replace],
        );
    }
}

/// Whether the element's raw content could hold [`PRIVATE_KEY_MARKER`] once references are
/// expanded: it holds the marker, or a `&`.
/// `serviceAccount` → `SERVICE_ACCOUNT`.
fn screaming_snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (index, ch) in name.chars().enumerate() {
        if ch.is_ascii_uppercase() && index > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_uppercase());
    }
    out
}

/// Whether the element's value may hold [`PRIVATE_KEY_MARKER`], read from its raw text: the
/// marker itself, or a character reference that may spell part of it. The predefined entities
/// (`&amp;` and the like) and line-end normalisation only ever make characters the marker does
/// not hold, so a marker in the value stands in the raw text too.
fn may_hold_private_key(view: &View, element: ElementId) -> bool {
    let content = view.file.parse.document.element(element).content();
    view.file
        .text
        .get(content.start..content.end)
        .is_none_or(|raw| {
            // A byte search first: most values hold no `&` at all.
            raw.contains(PRIVATE_KEY_MARKER) || (raw.contains('&') && raw.contains("&#"))
        })
}

const ROTATION_ON_EVERY_DEPLOY: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SEC-002",
        default_severity: Severity::Warning,
        title: "The consumer key or secret is rotated on every deploy",
        explanation: "`shouldRotateConsumerKey` and `shouldRotateConsumerSecret` `true` make a deploy replace the app's consumer key or secret with a newly generated one, and such a deploy must run with *ignore warnings*. Left `true` in source control, every later deploy rotates again and breaks every client that still uses the old credentials. Rotate once, then set the field back to `false` (the quick fix). It is a warning because an unintended rotation takes integrations down.",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<shouldRotateConsumerSecret>true</shouldRotateConsumerSecret>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<shouldRotateConsumerSecret>false</shouldRotateConsumerSecret>",
        ),
        sources: &[GLOBAL_PAGE],
    },
    involves: &[
        "ExtlClntAppGlobalOauthSettings.shouldRotateConsumerKey",
        "ExtlClntAppGlobalOauthSettings.shouldRotateConsumerSecret",
    ],
    check: Check::File(rotation_on_every_deploy),
};

fn rotation_on_every_deploy(context: &FileContext, findings: &mut Findings) {
    let global = context.view;
    if global.type_def.name != GLOBAL {
        return;
    }
    for (field, what) in [
        ("shouldRotateConsumerKey", "consumer key"),
        ("shouldRotateConsumerSecret", "consumer secret"),
    ] {
        if !global.is_true(field) {
            continue;
        }
        findings
            .report(
                global.at(field),
                format!(
                    "`{field}` is `true`: every deploy of this file replaces the {what} (and needs *ignore warnings*), cutting off every client that still uses the old one; set it back to `false` once the rotation is done"
                ),
            )
            .fix(
                format!("Set `{field}` to `false`"),
                vec![global.set(field, "false")],
            );
    }
}

const SECRETS_THROUGH_METADATA_API: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SEC-003",
        default_severity: Severity::Information,
        title: "Deploying OAuth files needs consumer-secret access through Metadata API",
        explanation: "To deploy or retrieve an app's OAuth settings and global OAuth settings, the org must let Metadata API reach OAuth consumer secrets (*Allow Access to OAuth Consumer Secrets via Metadata API*: `ExternalClientAppSettings.enableConsumerSecretApiAccess`) and the deploying user needs the permission *View External Client Apps Consumer Secrets in Metadata*, as the two types' pages say. The API 66.0 page of ExternalClientAppSettings marked `enableConsumerSecretApiAccess` deprecated and sent readers to the app's OAuth settings in Setup to see secrets; the API 67.0 page no longer marks it, so eca-ls reports the deprecation at API 66.0 only. The security control *Metadata Secrets Protection* recommends keeping it off except while you need it (ECA-POSTURE-001 in the strict profile). (Guidance only, shown on hover: the user permission is in no file eca-ls reads, so the files cannot say whether a deploy will pass.)",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[OAUTH_SETTINGS_PAGE, GLOBAL_PAGE, ORG_APP_SETTINGS_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthSettings.*",
        "ExtlClntAppGlobalOauthSettings.*",
        "ExternalClientAppSettings.enableConsumerSecretApiAccess",
    ],
    check: Check::HoverOnly,
};

const GLOBAL_SETTINGS_PROPAGATE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SEC-004",
        default_severity: Severity::Information,
        title: "Global OAuth settings take up to 15 minutes to reach every instance",
        explanation: "A change to the global OAuth settings takes effect at once in the org it is deployed to but needs about 15 minutes to reach every Salesforce instance, so a test right after a deploy can still see the old settings. (Guidance only, shown on hover: it holds for every deploy and depends on nothing in the files.)",
        example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_global!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[OAUTH_PLUGIN_HELP],
    },
    involves: &["ExtlClntAppGlobalOauthSettings.*"],
    check: Check::HoverOnly,
};
