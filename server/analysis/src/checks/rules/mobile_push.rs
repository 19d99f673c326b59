//! Rules on the mobile, push and notification plugins (beta/pilot types from API 64.0): screen
//! lock, which push credentials a push settings file holds, and notifications pushed by
//! default.
//!
//! Messages never echo credential values (signing keys, certificates, passwords).

use crate::checks::rules::conditions::{
    MOBILE, MOBILE_POLICIES, NOTIFICATION, PLUGIN_POLICIES, PUSH, component_file,
};
use crate::checks::rules::plugins::{switch_on_fix, switched_off};
use crate::checks::rules::sources::{MOBILE_POLICIES_PAGE, NOTIFICATION_PAGE, PUSH_PAGE};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::{self, CodeInfo};
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;
use crate::model::file_kind::file_name;
use crate::model::text_util::quoted_list;
use std::borrow::Cow;

const ANDROID_CONFIG: &str = "androidPushConfig";
const APPLE_CONFIG: &str = "applePushConfig";
const CONFIG_LINK: &str = "pushConfigLink";

const NOTIFICATION_DELIVERY_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=platform.notif_builder_delivery_settings.htm&language=en_US";

pub(super) const RULES: &[Rule] = &[
    SCREEN_LOCK_TIMEOUT,
    ONE_PUSH_CONFIG,
    PUSH_CONFIG_MATCHES_SERVICE,
    PACKAGED_PUSH_LINK,
    APPLE_CREDENTIALS,
    SERVICE_ACCOUNT_LENGTH,
    PUSH_BY_DEFAULT,
];

const SCREEN_LOCK_TIMEOUT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-MOB-001",
        default_severity: Severity::Information,
        title: "screenLockTimeout while the screen lock is off",
        explanation: "The mobile policies' `screenLockTimeout` says after how long the app locks its screen, but it applies only while the mobile settings turn the screen lock on (`isScreenLockEnabled`). With the lock off, any timeout other than `Never` has no effect. It is **information**: the WSDL makes `screenLockTimeout` mandatory, so the field cannot simply be dropped, and a value may be kept ready for when the lock is turned on. When the project has no mobile settings for the app, eca-ls leaves one information note instead of guessing.",
        example: concat!(
            component_file!(
                "extlClntAppMobileSettings",
                "Field_App_mobile.ecaMobile-meta.xml",
                "ExtlClntAppMobileSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isScreenLockEnabled>false</isScreenLockEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppMobilePolicies",
                "Field_App_mobilePlcy.ecaMobilePlcy-meta.xml",
                "ExtlClntAppMobileConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<screenLockTimeout>Five</screenLockTimeout>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppMobileSettings",
                "Field_App_mobile.ecaMobile-meta.xml",
                "ExtlClntAppMobileSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isScreenLockEnabled>true</isScreenLockEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppMobilePolicies",
                "Field_App_mobilePlcy.ecaMobilePlcy-meta.xml",
                "ExtlClntAppMobileConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<screenLockTimeout>Five</screenLockTimeout>",
            ),
        ),
        sources: &[MOBILE_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppMobileConfigurablePolicies.screenLockTimeout",
        "ExtlClntAppMobileSettings.isScreenLockEnabled",
    ],
    check: Check::App(screen_lock_timeout),
};

fn screen_lock_timeout(context: &AppContext, findings: &mut Findings) {
    for policies in context.components(MOBILE_POLICIES) {
        let Some(timeout) = policies.field("screenLockTimeout") else {
            continue;
        };
        if timeout.value.is_empty() || timeout.value == "Never" {
            continue;
        }
        let Some(mobile) = context.component(MOBILE) else {
            findings.note_missing(
                timeout.location(),
                "ExtlClntAppMobileSettings.isScreenLockEnabled",
                format!(
                    "`screenLockTimeout` applies only while the screen lock is on; this project has no mobile settings for `{}`, so check `isScreenLockEnabled` in the org",
                    context.app.name
                ),
            );
            continue;
        };
        if mobile.is_true("isScreenLockEnabled") {
            continue;
        }
        let state = match mobile.bool("isScreenLockEnabled") {
            Some(false) => "is `false`",
            _ => "is not set",
        };
        findings
            .report(
                timeout.location(),
                format!(
                    "`screenLockTimeout` ({}) has no effect: `isScreenLockEnabled` in {} {state}, so the app never locks its screen",
                    timeout.value,
                    file_name(mobile.path())
                ),
            )
            .related(mobile.at("isScreenLockEnabled"), "the screen lock is off here")
            .tag(DiagnosticTag::Unnecessary)
            .fix(
                "Turn on the screen lock (`isScreenLockEnabled`)",
                vec![mobile.set("isScreenLockEnabled", "true")],
            );
    }
}

const ONE_PUSH_CONFIG: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PUSH-001",
        default_severity: Severity::Warning,
        title: "Push settings with more than one push configuration",
        explanation: "A push settings file holds one way to reach the push service: an `androidPushConfig` (Firebase Cloud Messaging), an `applePushConfig` (Apple Push Notification service) or a `pushConfigLink` to credentials already set up in another org. The page says \"you must only have one of the options within the same record\", but also that when a record is created with `androidPushConfig` or `applePushConfig`, \"the pushConfigLink is automatically generated and retrievable from the metadata\": a retrieved file can hold a configuration and its generated link side by side. So it is a **warning**, not an error: before deploying elsewhere keep one of them (a packaged app keeps the link, see ECA-PUSH-003). The quick fixes keep one and remove the others; keeping the configuration that matches `pushServiceType` is preferred.",
        example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>field-app</fcmProject>",
            "    <serviceAccount>(service account JSON)</serviceAccount>",
            "</androidPushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>",
            "<pushServiceType>Android</pushServiceType>",
        ),
        fixed_example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>field-app</fcmProject>",
            "    <serviceAccount>(service account JSON)</serviceAccount>",
            "</androidPushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Android</pushServiceType>",
        ),
        sources: &[PUSH_PAGE],
    },
    involves: &[
        "ExtlClntAppPushSettings.androidPushConfig",
        "ExtlClntAppPushSettings.applePushConfig",
        "ExtlClntAppPushSettings.pushConfigLink",
    ],
    check: Check::File(one_push_config),
};

fn one_push_config(context: &FileContext, findings: &mut Findings) {
    let push = context.view;
    if push.type_def.name != PUSH {
        return;
    }
    let present: Vec<&str> = [ANDROID_CONFIG, APPLE_CONFIG, CONFIG_LINK]
        .into_iter()
        .filter(|name| push.has(name))
        .collect();
    let [first, second, ..] = present.as_slice() else {
        return;
    };
    let matching = match push.text("pushServiceType").as_deref() {
        Some("Android") => Some(ANDROID_CONFIG),
        Some("Apple") => Some(APPLE_CONFIG),
        _ => None,
    };
    let generated_link = present.len() == 2 && present.contains(&CONFIG_LINK);
    let note = if generated_link {
        " (Salesforce generates the link when a configuration is saved, so a retrieved file holds both: keep the configuration to deploy it here, or only the link to reuse this org's credentials elsewhere)"
    } else {
        ""
    };
    let diagnostic = findings.report(
        push.at(second),
        format!(
            "push settings hold only one of `androidPushConfig`, `applePushConfig` and `pushConfigLink`, but this file has {}{note}",
            quoted_list(&present, "and")
        ),
    );
    diagnostic.related(push.at(first), format!("`{first}` is here"));
    // The preferred fix first.
    let mut options = present.clone();
    options.sort_by_key(|kept| Some(*kept) != matching);
    for kept in &options {
        let edits = present
            .iter()
            .filter(|name| *name != kept)
            .flat_map(|name| push.remove(name))
            .collect();
        let title = format!("Keep only `{kept}`");
        if Some(*kept) == matching {
            diagnostic.preferred_fix(title, edits);
        } else {
            diagnostic.fix(title, edits);
        }
    }
}

const PUSH_CONFIG_MATCHES_SERVICE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PUSH-002",
        default_severity: Severity::Error,
        title: "The push configuration does not match pushServiceType",
        explanation: "`pushServiceType` says which push service the app uses, and the file must carry the matching credentials: `Android` needs an `androidPushConfig` or a `pushConfigLink`, `Apple` an `applePushConfig` or a `pushConfigLink`. Without them Salesforce cannot send a single notification, and the documentation states the requirement, hence an **error**. When the file carries the other platform's configuration, the quick fix switches `pushServiceType` to match it.",
        example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>field-app</fcmProject>",
            "    <serviceAccount>(service account JSON)</serviceAccount>",
            "</androidPushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Apple</pushServiceType>",
        ),
        fixed_example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>field-app</fcmProject>",
            "    <serviceAccount>(service account JSON)</serviceAccount>",
            "</androidPushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Android</pushServiceType>",
        ),
        sources: &[PUSH_PAGE],
    },
    involves: &[
        "ExtlClntAppPushSettings.pushServiceType",
        "ExtlClntAppPushSettings.androidPushConfig",
        "ExtlClntAppPushSettings.applePushConfig",
    ],
    check: Check::File(push_config_matches_service),
};

fn push_config_matches_service(context: &FileContext, findings: &mut Findings) {
    let push = context.view;
    if push.type_def.name != PUSH || push.has(CONFIG_LINK) {
        return;
    }
    let Some(service) = push.field("pushServiceType") else {
        return;
    };
    let (needed, other, other_service) = match &*service.value {
        "Android" => (ANDROID_CONFIG, APPLE_CONFIG, "Apple"),
        "Apple" => (APPLE_CONFIG, ANDROID_CONFIG, "Android"),
        // Another value is `invalid-value`'s to report.
        _ => return,
    };
    if push.has(needed) {
        return;
    }
    if push.has(other) {
        findings
            .report(
                service.value_location(),
                format!(
                    "`pushServiceType` is `{}` but the file configures the other platform (`{other}`); `{}` needs `{needed}` or `pushConfigLink`",
                    service.value, service.value
                ),
            )
            .related(push.at(other), "the configuration present")
            .preferred_fix(
                format!("Change `pushServiceType` to `{other_service}`"),
                vec![push.set("pushServiceType", other_service)],
            );
        return;
    }
    findings.report(
        service.value_location(),
        format!(
            "`pushServiceType` is `{}` but the file has neither `{needed}` nor `pushConfigLink`: Salesforce has no credentials to send notifications with",
            service.value
        ),
    );
}

const PACKAGED_PUSH_LINK: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PUSH-003",
        default_severity: Severity::Information,
        title: "A packaged app's push settings should carry only pushConfigLink",
        explanation: "When an app moves to other orgs (its header says `distributionState` `Packaged`), the documentation says to keep only `pushConfigLink` in the push settings and delete `androidPushConfig` and `applePushConfig`, so that the target org refers to the source org's push credentials instead of receiving its own copy. eca-ls notes a packaged app whose push settings carry a platform configuration. It is **information**, a step to take before packaging rather than a defect of the file as it stands.",
        example: concat!(
            component_file!(
                "externalClientApps",
                "Field_App.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppPushSettings",
                "Field_App_push.ecaPush-meta.xml",
                "ExtlClntAppPushSettings",
                "<androidPushConfig>",
                "    <fcmProject>field-app</fcmProject>",
                "    <serviceAccount>(service account JSON)</serviceAccount>",
                "</androidPushConfig>",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<pushServiceType>Android</pushServiceType>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "externalClientApps",
                "Field_App.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Packaged</distributionState>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppPushSettings",
                "Field_App_push.ecaPush-meta.xml",
                "ExtlClntAppPushSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>",
                "<pushServiceType>Android</pushServiceType>",
            ),
        ),
        sources: &[PUSH_PAGE],
    },
    involves: &[
        "ExtlClntAppPushSettings.pushConfigLink",
        "ExtlClntAppPushSettings.androidPushConfig",
        "ExtlClntAppPushSettings.applePushConfig",
    ],
    check: Check::App(packaged_push_link),
};

fn packaged_push_link(context: &AppContext, findings: &mut Findings) {
    let Some(header) = context.header() else {
        return;
    };
    let Some(state) = header.field("distributionState") else {
        return;
    };
    if state.value != "Packaged" {
        return;
    }
    for push in context.components(PUSH) {
        let configs: Vec<&str> = [ANDROID_CONFIG, APPLE_CONFIG]
            .into_iter()
            .filter(|name| push.has(name))
            .collect();
        let Some(first) = configs.first() else {
            continue;
        };
        let diagnostic = findings.report(
            push.at(first),
            format!(
                "`{}` is `Packaged`: before moving it to other orgs, replace {} with a `pushConfigLink` so that the target org refers to this org's push credentials",
                context.app.name,
                quoted_list(&configs, "and")
            ),
        );
        diagnostic.related(state.value_location(), "the app is packaged here");
        // With a link already present the configs can go (ECA-PUSH-001 also says so).
        if push.has(CONFIG_LINK) {
            let edits = configs.iter().flat_map(|name| push.remove(name)).collect();
            diagnostic.fix(format!("Remove {}", quoted_list(&configs, "and")), edits);
        }
    }
}

const APPLE_CREDENTIALS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PUSH-004",
        default_severity: Severity::Warning,
        title: "applePushConfig without a complete set of credentials",
        explanation: "Apple accepts two kinds of push credentials, and `applePushConfig` needs one of them complete: token-based, from a `.p8` key (`signingKey`, `keyIdentifier` and `teamIdentifier`), or certificate-based, from a `.p12` file (`certificate` and `password`). With neither set complete, Apple refuses the notifications. It is a **warning** because the documentation lists the sets without saying the deploy checks them. The message names the fields missing and never repeats a key, certificate or password.",
        example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<applePushConfig>",
            "    <applicationBundle>com.example.fieldapp</applicationBundle>",
            "    <environment>Production</environment>",
            "    <keyIdentifier>ABC123DEFG</keyIdentifier>",
            "    <signingKey>(contents of the .p8 key)</signingKey>",
            "</applePushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Apple</pushServiceType>",
        ),
        fixed_example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<applePushConfig>",
            "    <applicationBundle>com.example.fieldapp</applicationBundle>",
            "    <environment>Production</environment>",
            "    <keyIdentifier>ABC123DEFG</keyIdentifier>",
            "    <signingKey>(contents of the .p8 key)</signingKey>",
            "    <teamIdentifier>TEAM123456</teamIdentifier>",
            "</applePushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Apple</pushServiceType>",
        ),
        sources: &[PUSH_PAGE],
    },
    involves: &[
        "ExtlClntAppPushSettings.applePushConfig",
        "ExtlClntAppApplePushConfig.signingKey",
        "ExtlClntAppApplePushConfig.keyIdentifier",
        "ExtlClntAppApplePushConfig.teamIdentifier",
        "ExtlClntAppApplePushConfig.certificate",
        "ExtlClntAppApplePushConfig.password",
    ],
    check: Check::File(apple_credentials),
};

const TOKEN_CREDENTIALS: &[&str] = &["signingKey", "keyIdentifier", "teamIdentifier"];
const CERTIFICATE_CREDENTIALS: &[&str] = &["certificate", "password"];

fn apple_credentials(context: &FileContext, findings: &mut Findings) {
    let push = context.view;
    if push.type_def.name != PUSH {
        return;
    }
    for apple in push.nested(APPLE_CONFIG) {
        let missing = |set: &[&'static str]| -> Vec<&'static str> {
            set.iter()
                .copied()
                .filter(|name| apple.text(name).is_none())
                .collect()
        };
        let token_missing = missing(TOKEN_CREDENTIALS);
        let certificate_missing = missing(CERTIFICATE_CREDENTIALS);
        if token_missing.is_empty() || certificate_missing.is_empty() {
            continue;
        }
        let token_started = token_missing.len() < TOKEN_CREDENTIALS.len();
        let certificate_started = certificate_missing.len() < CERTIFICATE_CREDENTIALS.len();
        let message = match (token_started, certificate_started) {
            (true, false) => format!(
                "token-based Apple credentials (`.p8`) need `signingKey`, `keyIdentifier` and `teamIdentifier`; missing: {}",
                quoted_list(&token_missing, "and")
            ),
            (false, true) => format!(
                "certificate-based Apple credentials (`.p12`) need `certificate` and `password`; missing: {}",
                quoted_list(&certificate_missing, "and")
            ),
            _ => "`applePushConfig` needs one complete set of credentials: `signingKey`, `keyIdentifier` and `teamIdentifier` (a `.p8` key), or `certificate` and `password` (a `.p12` file)".to_string(),
        };
        findings.report(apple.at_element(), message);
    }
}

const SERVICE_ACCOUNT_LENGTH: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PUSH-005",
        default_severity: Severity::Error,
        title: "serviceAccount longer than 8000 characters",
        explanation: "`androidPushConfig` → `serviceAccount` holds the Firebase service account key (JSON) and is limited to 8000 characters. The structural check `invalid-value` reports a longer value as an **error**, since the documented limit is a hard one; the message gives the length and never the value.",
        example: concat!(
            "//- /force-app/main/default/extlClntAppPushSettings/Field_App_push.ecaPush-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<ExtlClntAppPushSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <androidPushConfig>\n",
            "        <fcmProject>field-app</fcmProject>\n",
            "        <serviceAccount>",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "x",
            "</serviceAccount>\n",
            "    </androidPushConfig>\n",
            "    <externalClientApplication>Field_App</externalClientApplication>\n",
            "    <label>Field App</label>\n",
            "    <pushServiceType>Android</pushServiceType>\n",
            "</ExtlClntAppPushSettings>\n",
        ),
        fixed_example: component_file!(
            "extlClntAppPushSettings",
            "Field_App_push.ecaPush-meta.xml",
            "ExtlClntAppPushSettings",
            "<androidPushConfig>",
            "    <fcmProject>field-app</fcmProject>",
            "    <serviceAccount>(service account JSON, at most 8000 characters)</serviceAccount>",
            "</androidPushConfig>",
            "<externalClientApplication>Field_App</externalClientApplication>",
            "<label>Field App</label>",
            "<pushServiceType>Android</pushServiceType>",
        ),
        sources: &[PUSH_PAGE],
    },
    involves: &["ExtlClntAppAndroidPushConfig.serviceAccount"],
    check: Check::Structural(codes::INVALID_VALUE),
};

const PUSH_BY_DEFAULT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-NOTIF-001",
        default_severity: Severity::Warning,
        title: "Notifications pushed by default while the app cannot push",
        explanation: "A notification type with `pushByDefault` `true` is sent to the app's mobile users as a push notification, which needs the app's push settings and its push plugin. eca-ls warns when the app's plugin policies switch push off (`isPushPluginEnabled` or `isEnabled` written `false`): those notifications would never arrive on the phone. When the project has no push settings for the app, eca-ls does not guess whether the org has them and leaves one **information** note naming what to check. Only custom notification types enabled for the mobile channel can be pushed; check that in Notification Builder.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isPushPluginEnabled>false</isPushPluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppNotifSettings",
                "Field_App_notif.ecaNotifications-meta.xml",
                "ExtlClntAppNotificationSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<notificationTypes>",
                "    <notificationType>Visit_Assigned</notificationType>",
                "    <pushByDefault>true</pushByDefault>",
                "</notificationTypes>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isPushPluginEnabled>true</isPushPluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppNotifSettings",
                "Field_App_notif.ecaNotifications-meta.xml",
                "ExtlClntAppNotificationSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<notificationTypes>",
                "    <notificationType>Visit_Assigned</notificationType>",
                "    <pushByDefault>true</pushByDefault>",
                "</notificationTypes>",
            ),
            component_file!(
                "extlClntAppPushSettings",
                "Field_App_push.ecaPush-meta.xml",
                "ExtlClntAppPushSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
                "<pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>",
                "<pushServiceType>Android</pushServiceType>",
            ),
        ),
        sources: &[NOTIFICATION_PAGE, NOTIFICATION_DELIVERY_HELP],
    },
    involves: &[
        "ExtlClntAppNotificationType.pushByDefault",
        "ExtlClntAppNotificationSettings.notificationTypes",
        "ExtlClntAppPushSettings.*",
    ],
    check: Check::App(push_by_default),
};

fn push_by_default(context: &AppContext, findings: &mut Findings) {
    let pushed: Vec<View> = context
        .components(NOTIFICATION)
        .iter()
        .flat_map(|settings| settings.nested("notificationTypes"))
        .filter(|notification| notification.is_true("pushByDefault"))
        .collect();
    let Some(first) = pushed.first() else {
        return;
    };
    if let Some(plugin) = context.component(PLUGIN_POLICIES) {
        if let Some(off) = switched_off(&plugin, "isPushPluginEnabled") {
            let (title, edits) = switch_on_fix(&plugin, "isPushPluginEnabled");
            for notification in &pushed {
                let name = notification
                    .text("notificationType")
                    .unwrap_or(Cow::Borrowed("this notification type"));
                findings
                    .report(
                        notification.at("pushByDefault"),
                        format!(
                            "`{name}` is pushed by default, but `{off}` is `false` in {}: the app cannot send push notifications",
                            file_name(plugin.path())
                        ),
                    )
                    .related(plugin.at(off), "push is off here")
                    .preferred_fix(title.clone(), edits.clone());
            }
            return;
        }
    }
    if context.component(PUSH).is_none() {
        findings.note_missing(
            first.at("pushByDefault"),
            PUSH,
            format!(
                "`pushByDefault` needs push settings for `{}`; this project has none, so check in the org that the app has push notifications set up",
                context.app.name
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    /// The header and the OAuth settings, which push needs.
    const HEADER: &str = "//- /p/externalClientApps/Field_App.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Field App</label>\n</ExternalClientApplication>\n//- /p/extlClntAppOauthSettings/Field_App_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Field_App</externalClientApplication>\n    <label>Field App</label>\n</ExtlClntAppOauthSettings>\n";
    const MOBILE_POLICIES: &str = "//- /p/extlClntAppMobilePolicies/Field_App_mobilePlcy.ecaMobilePlcy-meta.xml\n<ExtlClntAppMobileConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n    <screenLockTimeout>Ten</screenLockTimeout>\n</ExtlClntAppMobileConfigurablePolicies>\n";

    /// Push settings: `configs` before the app reference, `after` (link, service) after it.
    fn push(configs: &str, after: &str) -> String {
        format!(
            "//- /p/extlClntAppPushSettings/Field_App_push.ecaPush-meta.xml\n<ExtlClntAppPushSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{configs}    <externalClientApplication>Field_App</externalClientApplication>\n{after}</ExtlClntAppPushSettings>\n"
        )
    }

    const ANDROID: &str = "    <androidPushConfig>\n        <fcmProject>field-app</fcmProject>\n        <serviceAccount>{}</serviceAccount>\n    </androidPushConfig>\n";

    #[test]
    fn screen_lock_timeout_without_the_mobile_settings_gets_one_note() {
        check(
            &format!("{HEADER}{MOBILE_POLICIES}"),
            expect![[r#"
                Field_App_mobilePlcy.ecaMobilePlcy-meta.xml:3:6 information[ECA-MOB-001] `screenLockTimeout` applies only while the screen lock is on; this project has no mobile settings for `Field_App`, so check `isScreenLockEnabled` in the org
            "#]],
        );
        let never = MOBILE_POLICIES.replace("Ten", "Never");
        check(&format!("{HEADER}{never}"), expect![[""]]);
    }

    #[test]
    fn screen_lock_timeout_while_the_lock_is_off() {
        let mobile = "//- /p/extlClntAppMobileSettings/Field_App_mobile.ecaMobile-meta.xml\n<ExtlClntAppMobileSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n    <isScreenLockEnabled>false</isScreenLockEnabled>\n</ExtlClntAppMobileSettings>\n";
        let project = project(&format!("{HEADER}{MOBILE_POLICIES}{mobile}"));
        expect![[r#"
            Field_App_mobilePlcy.ecaMobilePlcy-meta.xml:3:6 information[ECA-MOB-001] `screenLockTimeout` (Ten) has no effect: `isScreenLockEnabled` in Field_App_mobile.ecaMobile-meta.xml is `false`, so the app never locks its screen
              related Field_App_mobile.ecaMobile-meta.xml:3:6 the screen lock is off here
              fix Turn on the screen lock (`isScreenLockEnabled`)
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppMobileSettings/Field_App_mobile.ecaMobile-meta.xml
            <ExtlClntAppMobileSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Field_App</externalClientApplication>
                <isScreenLockEnabled>true</isScreenLockEnabled>
            </ExtlClntAppMobileSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-MOB-001",
            "Turn on the screen lock (`isScreenLockEnabled`)",
        ));
    }

    #[test]
    fn two_push_configurations_keep_the_one_matching_the_service() {
        let fixture = format!(
            "{HEADER}{}",
            push(
                &format!(
                    "{ANDROID}    <applePushConfig>\n        <certificate>(p12)</certificate>\n        <environment>Sandbox</environment>\n        <password>(secret)</password>\n    </applePushConfig>\n"
                ),
                "    <pushServiceType>Apple</pushServiceType>\n"
            )
        );
        let project = project(&fixture);
        expect![[r#"
            Field_App_push.ecaPush-meta.xml:6:6 warning[ECA-PUSH-001] push settings hold only one of `androidPushConfig`, `applePushConfig` and `pushConfigLink`, but this file has `androidPushConfig` and `applePushConfig`
              related Field_App_push.ecaPush-meta.xml:2:6 `androidPushConfig` is here
              fix* Keep only `applePushConfig`
              fix Keep only `androidPushConfig`
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppPushSettings/Field_App_push.ecaPush-meta.xml
            <ExtlClntAppPushSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <applePushConfig>
                    <certificate>(p12)</certificate>
                    <environment>Sandbox</environment>
                    <password>(secret)</password>
                </applePushConfig>
                <externalClientApplication>Field_App</externalClientApplication>
                <pushServiceType>Apple</pushServiceType>
            </ExtlClntAppPushSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-PUSH-001",
            "Keep only `applePushConfig`",
        ));
    }

    #[test]
    fn the_service_needs_its_configuration_or_a_link() {
        check(
            &format!(
                "{HEADER}{}",
                push("", "    <pushServiceType>Android</pushServiceType>\n")
            ),
            expect![[r#"
                Field_App_push.ecaPush-meta.xml:3:22 error[ECA-PUSH-002] `pushServiceType` is `Android` but the file has neither `androidPushConfig` nor `pushConfigLink`: Salesforce has no credentials to send notifications with
            "#]],
        );
        check(
            &format!(
                "{HEADER}{}",
                push(
                    "",
                    "    <pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>\n    <pushServiceType>Apple</pushServiceType>\n"
                )
            ),
            expect![""],
        );
    }

    #[test]
    fn a_packaged_app_should_move_with_a_link_only() {
        let packaged = HEADER.replace("Local", "Packaged");
        let fixture = format!(
            "{packaged}{}",
            push(
                ANDROID,
                "    <pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>\n    <pushServiceType>Android</pushServiceType>\n"
            )
        );
        check(
            &fixture,
            expect![[r#"
                Field_App_push.ecaPush-meta.xml:2:6 information[ECA-PUSH-003] `Field_App` is `Packaged`: before moving it to other orgs, replace `androidPushConfig` with a `pushConfigLink` so that the target org refers to this org's push credentials
                  related Field_App.eca-meta.xml:2:24 the app is packaged here
                  fix Remove `androidPushConfig`
                Field_App_push.ecaPush-meta.xml:7:6 warning[ECA-PUSH-001] push settings hold only one of `androidPushConfig`, `applePushConfig` and `pushConfigLink`, but this file has `androidPushConfig` and `pushConfigLink` (Salesforce generates the link when a configuration is saved, so a retrieved file holds both: keep the configuration to deploy it here, or only the link to reuse this org's credentials elsewhere)
                  related Field_App_push.ecaPush-meta.xml:2:6 `androidPushConfig` is here
                  fix* Keep only `androidPushConfig`
                  fix Keep only `pushConfigLink`
            "#]],
        );
    }

    #[test]
    fn apple_credentials_need_one_complete_set() {
        let apple = |fields: &str| {
            push(
                &format!(
                    "    <applePushConfig>\n{fields}        <environment>Production</environment>\n    </applePushConfig>\n"
                ),
                "    <pushServiceType>Apple</pushServiceType>\n",
            )
        };
        check(
            &format!(
                "{HEADER}{}",
                apple("        <certificate>(p12)</certificate>\n")
            ),
            expect![[r#"
                Field_App_push.ecaPush-meta.xml:2:6 warning[ECA-PUSH-004] certificate-based Apple credentials (`.p12`) need `certificate` and `password`; missing: `password`
            "#]],
        );
        check(
            &format!("{HEADER}{}", apple("")),
            expect![[r#"
                Field_App_push.ecaPush-meta.xml:2:6 warning[ECA-PUSH-004] `applePushConfig` needs one complete set of credentials: `signingKey`, `keyIdentifier` and `teamIdentifier` (a `.p8` key), or `certificate` and `password` (a `.p12` file)
            "#]],
        );
        check(
            &format!(
                "{HEADER}{}",
                apple("        <certificate>(p12)</certificate>\n").replace(
                    "</applePushConfig>",
                    "    <password>(secret)</password>\n    </applePushConfig>"
                )
            ),
            expect![""],
        );
    }

    #[test]
    fn a_long_service_account_is_reported_without_its_value() {
        let account = "x".repeat(8001);
        check(
            &format!(
                "{HEADER}{}",
                push(
                    &ANDROID.replace("{}", &account),
                    "    <pushServiceType>Android</pushServiceType>\n"
                )
            ),
            expect![[r#"
                Field_App_push.ecaPush-meta.xml:4:10 warning[ECA-SEC-001] `serviceAccount` holds a secret in a file meant for source control: anyone who can read the repository can use it; remove the value and keep it in the org or a secret store (rotate it if it was ever committed)
                  fix* Replace the value of `serviceAccount` with the placeholder `{{SERVICE_ACCOUNT}}` to fill in at deploy time
                Field_App_push.ecaPush-meta.xml:4:25 error[invalid-value] `serviceAccount` of `ExtlClntAppAndroidPushConfig` is limited to 8000 characters; this value has 8001
            "#]],
        );
    }

    const NOTIFICATIONS: &str = "//- /p/extlClntAppNotifSettings/Field_App_notif.ecaNotifications-meta.xml\n<ExtlClntAppNotificationSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n    <notificationTypes>\n        <notificationType>Visit_Assigned</notificationType>\n        <pushByDefault>true</pushByDefault>\n    </notificationTypes>\n    <notificationTypes>\n        <notificationType>Visit_Closed</notificationType>\n        <pushByDefault>false</pushByDefault>\n    </notificationTypes>\n</ExtlClntAppNotificationSettings>\n";

    #[test]
    fn pushed_notifications_without_push_settings_get_one_note() {
        check(
            &format!("{HEADER}{NOTIFICATIONS}"),
            expect![[r#"
                Field_App_notif.ecaNotifications-meta.xml:5:10 information[ECA-NOTIF-001] `pushByDefault` needs push settings for `Field_App`; this project has none, so check in the org that the app has push notifications set up
            "#]],
        );
        let with_push = push(
            "",
            "    <pushConfigLink>0Ab5g000000XyZ1</pushConfigLink>\n    <pushServiceType>Android</pushServiceType>\n",
        );
        check(&format!("{HEADER}{NOTIFICATIONS}{with_push}"), expect![""]);
    }

    #[test]
    fn with_every_plugin_and_push_off_the_fix_turns_both_on() {
        let policies = "//- /p/extlClntAppPolicies/Field_App_plcy.ecaPlcy-meta.xml\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n    <isEnabled>false</isEnabled>\n    <isPushPluginEnabled>false</isPushPluginEnabled>\n</ExtlClntAppConfigurablePolicies>\n";
        let project = project(&format!("{HEADER}{NOTIFICATIONS}{policies}"));
        expect![[r#"
            //- /p/extlClntAppPolicies/Field_App_plcy.ecaPlcy-meta.xml
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Field_App</externalClientApplication>
                <isEnabled>true</isEnabled>
                <isPushPluginEnabled>true</isPushPluginEnabled>
            </ExtlClntAppConfigurablePolicies>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-NOTIF-001",
            "Turn on `isEnabled` and `isPushPluginEnabled`",
        ));
    }
}
