//! Rules on the plugin switches of `ExtlClntAppConfigurablePolicies` (`.ecaPlcy`): the files of
//! a plugin only take effect while the app's plugins and that plugin are on.
//!
//! Every switch defaults to on, and many projects do not commit the plugin policies, so a
//! missing `.ecaPlcy` file is never reported: only a switch written `false` is.

use crate::checks::rules::conditions::{
    CANVAS, GLOBAL, MOBILE, MOBILE_POLICIES, NOTIFICATION, OAUTH_SETTINGS, PLUGIN_POLICIES,
    POLICIES, PUSH, PUSH_POLICIES, SAML_POLICIES, component_file, portal_oauth,
};
use crate::checks::rules::sources::{
    FIRST_PARTY_HELP, NOTIFICATION_PAGE, OAUTH_PLUGIN_HELP, PLUGIN_POLICIES_PAGE, PUSH_PAGE,
    PUSH_POLICIES_PAGE, SAML_PAGE,
};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule, View};
use crate::model::codes::CodeInfo;
use crate::model::diagnostic::Severity;
use crate::model::diagnostic::{DiagnosticTag, FileEdit};
use crate::model::file_kind::file_name;

/// The master switch of all plugins.
const ALL_PLUGINS: &str = "isEnabled";
const OAUTH_PLUGIN: &str = "isOauthPluginEnabled";
const SAML_PLUGIN: &str = "isSamlPluginEnabled";

/// Each plugin switch and the files it governs (the OAuth and SAML plugins have their own
/// rules).
const PLUGIN_FILES: &[(&str, &[&str])] = &[
    ("isMobilePluginEnabled", &[MOBILE, MOBILE_POLICIES]),
    ("isPushPluginEnabled", &[PUSH, PUSH_POLICIES]),
    ("isNotificationPluginEnabled", &[NOTIFICATION]),
    ("isCanvasPluginEnabled", &[CANVAS]),
];

const PLUGIN_SWITCHES: &[&str] = &[
    "isCanvasPluginEnabled",
    "isMobilePluginEnabled",
    "isNotificationPluginEnabled",
    "isOauthPluginEnabled",
    "isPushPluginEnabled",
    "isSamlPluginEnabled",
];

pub(super) const RULES: &[Rule] = &[
    OAUTH_PLUGIN_ON,
    PUSH_NEEDS_OAUTH,
    SAML_PLUGIN_ON,
    SWITCHES_IGNORED,
    PLUGIN_FILES_NEED_SWITCH,
    CUSTOM_START_PAGE,
];

const OAUTH_PLUGIN_ON: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-001",
        default_severity: Severity::Warning,
        title: "OAuth files of an app whose OAuth plugin is off",
        explanation: "The OAuth settings, the global OAuth settings and the OAuth policies only take effect while the app's plugin policies (`.ecaPlcy`) have both `isEnabled` and `isOauthPluginEnabled` on. With either written `false`, every OAuth flow of the app is refused however the OAuth files are set up. The finding sits on the switch and points at the OAuth files; the quick fix turns the switch on.\n\nIt is a **warning**: the switch may be off on purpose, but then the OAuth files describe an app that does not work. Both switches default to on, so a project without the plugin policies file gets no finding.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Portal_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isOauthPluginEnabled>false</isOauthPluginEnabled>",
                "<label>Portal</label>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Portal_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isOauthPluginEnabled>true</isOauthPluginEnabled>",
                "<label>Portal</label>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[PLUGIN_POLICIES_PAGE, FIRST_PARTY_HELP, OAUTH_PLUGIN_HELP],
    },
    involves: &[
        "ExtlClntAppConfigurablePolicies.isOauthPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isEnabled",
        "ExtlClntAppOauthSettings.*",
        "ExtlClntAppGlobalOauthSettings.*",
        "ExtlClntAppOauthConfigurablePolicies.*",
    ],
    check: Check::App(oauth_plugin_on),
};

fn oauth_plugin_on(context: &AppContext, findings: &mut Findings) {
    let oauth_files: Vec<View> = [OAUTH_SETTINGS, GLOBAL, POLICIES]
        .into_iter()
        .flat_map(|type_name| context.components(type_name))
        .collect();
    if oauth_files.is_empty() {
        return;
    }
    let Some(plugin) = context.component(PLUGIN_POLICIES) else {
        return;
    };
    let Some(off) = switched_off(&plugin, OAUTH_PLUGIN) else {
        return;
    };
    let names: Vec<&str> = oauth_files
        .iter()
        .map(|file| file_name(file.path()))
        .collect();
    let diagnostic = findings.report(
        plugin.at(off),
        format!(
            "{}, so the OAuth files of `{}` have no effect: {}",
            off_phrase(off, "OAuth"),
            context.app.name,
            names.join(", ")
        ),
    );
    for file in &oauth_files {
        diagnostic.related(file.at_element(), "OAuth settings that do not take effect");
    }
    diagnostic.preferred_fix("Turn on the OAuth plugin", turn_on(&plugin, OAUTH_PLUGIN));
}

const PUSH_NEEDS_OAUTH: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-002",
        default_severity: Severity::Warning,
        title: "Push and notification settings need the OAuth plugin",
        explanation: "Push notifications reach the app's mobile users through its OAuth connection, so the notification settings, the push settings and the push policies require the app's OAuth plugin. eca-ls warns on those files when the app's plugin policies switch the OAuth plugin off (`isOauthPluginEnabled` or `isEnabled` written `false`); the quick fix turns it on.\n\nWhen the project has no OAuth settings for the app, eca-ls does not guess whether the org has them: it leaves one **information** note naming what to check in the org.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isOauthPluginEnabled>false</isOauthPluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppPushPolicies",
                "Field_App_pushPlcy.ecaPushPlcy-meta.xml",
                "ExtlClntAppPushConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isFullContent>false</isFullContent>",
                "<label>Field App</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isOauthPluginEnabled>true</isOauthPluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppOauthSettings",
                "Field_App_oauth.ecaOauth-meta.xml",
                "ExtlClntAppOauthSettings",
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppPushPolicies",
                "Field_App_pushPlcy.ecaPushPlcy-meta.xml",
                "ExtlClntAppPushConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isFullContent>false</isFullContent>",
                "<label>Field App</label>",
            ),
        ),
        sources: &[NOTIFICATION_PAGE, PUSH_PAGE, PUSH_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppNotificationSettings.*",
        "ExtlClntAppPushSettings.*",
        "ExtlClntAppPushConfigurablePolicies.*",
        "ExtlClntAppConfigurablePolicies.isOauthPluginEnabled",
    ],
    check: Check::App(push_needs_oauth),
};

fn push_needs_oauth(context: &AppContext, findings: &mut Findings) {
    let push_files: Vec<View> = [NOTIFICATION, PUSH, PUSH_POLICIES]
        .into_iter()
        .flat_map(|type_name| context.components(type_name))
        .collect();
    let Some(first) = push_files.first() else {
        return;
    };
    if let Some(plugin) = context.component(PLUGIN_POLICIES) {
        if let Some(off) = switched_off(&plugin, OAUTH_PLUGIN) {
            for file in &push_files {
                findings
                    .report(
                        file.at_element(),
                        format!(
                            "`{}` needs the OAuth plugin of `{}`, but {} in {}",
                            file.type_def.name,
                            context.app.name,
                            off_phrase(off, "OAuth"),
                            file_name(plugin.path())
                        ),
                    )
                    .related(plugin.at(off), "the switch that turns the OAuth plugin off")
                    .preferred_fix("Turn on the OAuth plugin", turn_on(&plugin, OAUTH_PLUGIN));
            }
            return;
        }
    }
    if context.component(OAUTH_SETTINGS).is_none() {
        findings.note_missing(
            first.at_element(),
            OAUTH_SETTINGS,
            format!(
                "push and notification settings need the app's OAuth plugin; this project has no OAuth settings for `{}`, so check in the org that the app has OAuth settings and its OAuth plugin is on",
                context.app.name
            ),
        );
    }
}

const SAML_PLUGIN_ON: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-003",
        default_severity: Severity::Warning,
        title: "SAML policies of an app whose SAML plugin is off",
        explanation: "SAML policies make Salesforce the identity provider for a service provider, and they require the app's plugin policies to have `isSamlPluginEnabled` on (and `isEnabled`, the switch for all plugins). With either written `false`, single sign-on through this app is refused. The quick fix turns the switch on.\n\nThe same Salesforce page says the app must stay `Local` (not packaged); ECA-PKG-001 reports a packaged app with SAML policies. This rule is a **warning** because the switch may be off on purpose, but then the SAML policies describe an app that does not work. The switch defaults to on, so a project without the plugin policies file gets no finding.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Wiki_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isSamlPluginEnabled>false</isSamlPluginEnabled>",
                "<label>Wiki</label>",
            ),
            component_file!(
                "extlClntAppSamlConfigurablePolicies",
                "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
                "ExtlClntAppSamlConfigurablePolicies",
                "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
                "<entityUrl>https://wiki.example.com</entityUrl>",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<label>Wiki</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Wiki_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isSamlPluginEnabled>true</isSamlPluginEnabled>",
                "<label>Wiki</label>",
            ),
            component_file!(
                "extlClntAppSamlConfigurablePolicies",
                "Wiki_samlPlcy.ecaSamlPlcy-meta.xml",
                "ExtlClntAppSamlConfigurablePolicies",
                "<acsUrl>https://wiki.example.com/saml/acs</acsUrl>",
                "<entityUrl>https://wiki.example.com</entityUrl>",
                "<externalClientApplication>Wiki</externalClientApplication>",
                "<label>Wiki</label>",
            ),
        ),
        sources: &[SAML_PAGE],
    },
    involves: &[
        "ExtlClntAppSamlConfigurablePolicies.*",
        "ExtlClntAppConfigurablePolicies.isSamlPluginEnabled",
    ],
    check: Check::App(saml_plugin_on),
};

fn saml_plugin_on(context: &AppContext, findings: &mut Findings) {
    let saml_files = context.components(SAML_POLICIES);
    if saml_files.is_empty() {
        return;
    }
    let Some(plugin) = context.component(PLUGIN_POLICIES) else {
        return;
    };
    let Some(off) = switched_off(&plugin, SAML_PLUGIN) else {
        return;
    };
    for saml in &saml_files {
        findings
            .report(
                saml.at_element(),
                format!(
                    "these SAML policies need the SAML plugin of `{}`, but {} in {}",
                    context.app.name,
                    off_phrase(off, "SAML"),
                    file_name(plugin.path())
                ),
            )
            .related(plugin.at(off), "the switch that turns the SAML plugin off")
            .preferred_fix("Turn on the SAML plugin", turn_on(&plugin, SAML_PLUGIN));
    }
}

const SWITCHES_IGNORED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-004",
        default_severity: Severity::Information,
        title: "Plugin switches are ignored while isEnabled is false",
        explanation: "`isEnabled` in the plugin policies switches all of the app's plugins at once: while it is `false`, every plugin is off whatever `isOauthPluginEnabled`, `isSamlPluginEnabled` and the other switches say. eca-ls marks each switch written `true` as having no effect, so that nobody reads it as on. It is **information** because an app may be switched off on purpose, with its switches kept for when it is switched on again.",
        example: component_file!(
            "extlClntAppPolicies",
            "Portal_plcy.ecaPlcy-meta.xml",
            "ExtlClntAppConfigurablePolicies",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isEnabled>false</isEnabled>",
            "<isOauthPluginEnabled>true</isOauthPluginEnabled>",
            "<label>Portal</label>",
        ),
        fixed_example: component_file!(
            "extlClntAppPolicies",
            "Portal_plcy.ecaPlcy-meta.xml",
            "ExtlClntAppConfigurablePolicies",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isEnabled>true</isEnabled>",
            "<isOauthPluginEnabled>true</isOauthPluginEnabled>",
            "<label>Portal</label>",
        ),
        sources: &[PLUGIN_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppConfigurablePolicies.isEnabled",
        "ExtlClntAppConfigurablePolicies.isCanvasPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isMobilePluginEnabled",
        "ExtlClntAppConfigurablePolicies.isNotificationPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isOauthPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isPushPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isSamlPluginEnabled",
    ],
    check: Check::File(switches_ignored),
};

fn switches_ignored(context: &FileContext, findings: &mut Findings) {
    let plugin = context.view;
    if plugin.type_def.name != PLUGIN_POLICIES || plugin.bool(ALL_PLUGINS) != Some(false) {
        return;
    }
    for switch in PLUGIN_SWITCHES {
        if !plugin.is_true(switch) {
            continue;
        }
        findings
            .report(
                plugin.at(switch),
                format!(
                    "`{switch}` has no effect: `isEnabled` is `false`, which turns every plugin of the app off"
                ),
            )
            .related(plugin.at(ALL_PLUGINS), "the switch for all plugins")
            .tag(DiagnosticTag::Unnecessary)
            .fix(
                "Turn on all plugins (`isEnabled`)",
                vec![plugin.set(ALL_PLUGINS, "true")],
            );
    }
}

const PLUGIN_FILES_NEED_SWITCH: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-005",
        default_severity: Severity::Information,
        title: "Mobile, push, notification or canvas files while their plugin switch is off",
        explanation: "The plugin policies have one switch per plugin: `isMobilePluginEnabled` (mobile settings and mobile policies), `isPushPluginEnabled` (push settings and push policies), `isNotificationPluginEnabled` (notification settings) and `isCanvasPluginEnabled` (canvas settings). A plugin's files presumably take effect only while its switch is on. The documentation implies this without saying it, so it is **information**: the finding sits on a switch written `false` and points at the files it governs; the quick fix turns it on.",
        example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isMobilePluginEnabled>false</isMobilePluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppMobileSettings",
                "Field_App_mobile.ecaMobile-meta.xml",
                "ExtlClntAppMobileSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isScreenLockEnabled>true</isScreenLockEnabled>",
                "<label>Field App</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "extlClntAppPolicies",
                "Field_App_plcy.ecaPlcy-meta.xml",
                "ExtlClntAppConfigurablePolicies",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isEnabled>true</isEnabled>",
                "<isMobilePluginEnabled>true</isMobilePluginEnabled>",
                "<label>Field App</label>",
            ),
            component_file!(
                "extlClntAppMobileSettings",
                "Field_App_mobile.ecaMobile-meta.xml",
                "ExtlClntAppMobileSettings",
                "<externalClientApplication>Field_App</externalClientApplication>",
                "<isScreenLockEnabled>true</isScreenLockEnabled>",
                "<label>Field App</label>",
            ),
        ),
        sources: &[PLUGIN_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppConfigurablePolicies.isMobilePluginEnabled",
        "ExtlClntAppConfigurablePolicies.isPushPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isNotificationPluginEnabled",
        "ExtlClntAppConfigurablePolicies.isCanvasPluginEnabled",
    ],
    check: Check::App(plugin_files_need_switch),
};

fn plugin_files_need_switch(context: &AppContext, findings: &mut Findings) {
    let Some(plugin) = context.component(PLUGIN_POLICIES) else {
        return;
    };
    for (switch, type_names) in PLUGIN_FILES {
        if plugin.bool(switch) != Some(false) {
            continue;
        }
        let files: Vec<View> = type_names
            .iter()
            .flat_map(|type_name| context.components(type_name))
            .collect();
        if files.is_empty() {
            continue;
        }
        let names: Vec<&str> = files.iter().map(|file| file_name(file.path())).collect();
        let diagnostic = findings.report(
            plugin.at(switch),
            format!(
                "`{switch}` is `false`, so these files of `{}` presumably have no effect: {}",
                context.app.name,
                names.join(", ")
            ),
        );
        for file in &files {
            diagnostic.related(file.at_element(), "settings of a plugin that is off");
        }
        diagnostic.preferred_fix(
            format!("Turn on `{switch}`"),
            vec![plugin.set(switch, "true")],
        );
    }
}

const CUSTOM_START_PAGE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-PLG-006",
        default_severity: Severity::Warning,
        title: "startPage Custom without a startUrl",
        explanation: "`startPage` decides where users land after they open the app: `None`, the `OAuth` start page, or `Custom`, a page the app names in `startUrl`. With `Custom` and no `startUrl` there is nowhere to send them. The documentation implies that `Custom` needs a `startUrl` without stating it, hence a **warning**. Add the URL, or pick another start page.",
        example: component_file!(
            "extlClntAppPolicies",
            "Portal_plcy.ecaPlcy-meta.xml",
            "ExtlClntAppConfigurablePolicies",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isEnabled>true</isEnabled>",
            "<label>Portal</label>",
            "<startPage>Custom</startPage>",
        ),
        fixed_example: component_file!(
            "extlClntAppPolicies",
            "Portal_plcy.ecaPlcy-meta.xml",
            "ExtlClntAppConfigurablePolicies",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<isEnabled>true</isEnabled>",
            "<label>Portal</label>",
            "<startPage>Custom</startPage>",
            "<startUrl>https://portal.example.com/welcome</startUrl>",
        ),
        sources: &[PLUGIN_POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppConfigurablePolicies.startPage",
        "ExtlClntAppConfigurablePolicies.startUrl",
    ],
    check: Check::File(custom_start_page),
};

fn custom_start_page(context: &FileContext, findings: &mut Findings) {
    let plugin = context.view;
    if plugin.type_def.name != PLUGIN_POLICIES
        || plugin.text("startPage").as_deref() != Some("Custom")
        || plugin.text("startUrl").is_some()
    {
        return;
    }
    let message = if plugin.has("startUrl") {
        "`startPage` is `Custom` but `startUrl` is empty: write the URL users should land on"
    } else {
        "`startPage` is `Custom` but there is no `startUrl`: add the URL users should land on"
    };
    findings.report(plugin.at("startPage"), message);
}

/// The switch that turns `plugin_switch` off: `isEnabled` (all plugins) or the plugin's own,
/// when written `false`. The other rule modules that depend on a plugin ask here too.
pub(super) fn switched_off(plugin: &View, plugin_switch: &'static str) -> Option<&'static str> {
    if plugin.bool(ALL_PLUGINS) == Some(false) {
        Some(ALL_PLUGINS)
    } else if plugin.bool(plugin_switch) == Some(false) {
        Some(plugin_switch)
    } else {
        None
    }
}

/// "the OAuth plugin is off (`isOauthPluginEnabled` is `false`)".
fn off_phrase(switch: &str, plugin_name: &str) -> String {
    if switch == ALL_PLUGINS {
        "all plugins of the app are off (`isEnabled` is `false`)".to_string()
    } else {
        format!("the {plugin_name} plugin is off (`{switch}` is `false`)")
    }
}

/// A fix for a finding that [`switched_off`] explains: its title names each switch written
/// `false` (`isEnabled`, the plugin's own, or both), and it turns all of them on, so that the
/// finding does not come back for the other switch.
pub(super) fn switch_on_fix(plugin: &View, plugin_switch: &str) -> (String, Vec<FileEdit>) {
    let switches: Vec<String> = [ALL_PLUGINS, plugin_switch]
        .into_iter()
        .filter(|switch| plugin.bool(switch) == Some(false))
        .map(|switch| format!("`{switch}`"))
        .collect();
    (
        format!("Turn on {}", switches.join(" and ")),
        turn_on(plugin, plugin_switch),
    )
}

/// Edits that turn on `isEnabled` and `plugin_switch`, each when written `false`.
fn turn_on(plugin: &View, plugin_switch: &str) -> Vec<FileEdit> {
    [ALL_PLUGINS, plugin_switch]
        .into_iter()
        .filter(|switch| plugin.bool(switch) == Some(false))
        .map(|switch| plugin.set(switch, "true"))
        .collect()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    const HEADER: &str = "//- /p/externalClientApps/Field_App.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Field App</label>\n</ExternalClientApplication>\n";
    const OAUTH: &str = "//- /p/extlClntAppOauthSettings/Field_App_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Field_App</externalClientApplication>\n    <label>Field App</label>\n</ExtlClntAppOauthSettings>\n";
    const PUSH_POLICIES: &str = "//- /p/extlClntAppPushPolicies/Field_App_pushPlcy.ecaPushPlcy-meta.xml\n<ExtlClntAppPushConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n    <isFullContent>false</isFullContent>\n</ExtlClntAppPushConfigurablePolicies>\n";
    const NOTIFICATIONS: &str = "//- /p/extlClntAppNotifSettings/Field_App_notif.ecaNotifications-meta.xml\n<ExtlClntAppNotificationSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n</ExtlClntAppNotificationSettings>\n";
    const CANVAS: &str = "//- /p/extlClntAppCanvasSettings/Field_App_canvas.ecaCanvas-meta.xml\n<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <accessMethod>Get</accessMethod>\n    <canvasUrl>https://field.example.com/canvas</canvasUrl>\n    <externalClientApplication>Field_App</externalClientApplication>\n</ExtlClntAppCanvasSettings>\n";

    fn plugin_policies(switches: &str) -> String {
        format!(
            "//- /p/extlClntAppPolicies/Field_App_plcy.ecaPlcy-meta.xml\n<ExtlClntAppConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>Field_App</externalClientApplication>\n{switches}</ExtlClntAppConfigurablePolicies>\n"
        )
    }

    #[test]
    fn all_plugins_off_turns_off_the_oauth_files_and_ignores_the_switches() {
        let fixture = format!(
            "{HEADER}{OAUTH}{}",
            plugin_policies(
                "    <isEnabled>false</isEnabled>\n    <isOauthPluginEnabled>false</isOauthPluginEnabled>\n    <isSamlPluginEnabled>true</isSamlPluginEnabled>\n"
            )
        );
        let project = project(&fixture);
        expect![[r#"
            Field_App_plcy.ecaPlcy-meta.xml:3:6 warning[ECA-PLG-001] all plugins of the app are off (`isEnabled` is `false`), so the OAuth files of `Field_App` have no effect: Field_App_oauth.ecaOauth-meta.xml
              related Field_App_oauth.ecaOauth-meta.xml:1:2 OAuth settings that do not take effect
              fix* Turn on the OAuth plugin
            Field_App_plcy.ecaPlcy-meta.xml:5:6 information[ECA-PLG-004] `isSamlPluginEnabled` has no effect: `isEnabled` is `false`, which turns every plugin of the app off
              related Field_App_plcy.ecaPlcy-meta.xml:3:6 the switch for all plugins
              fix Turn on all plugins (`isEnabled`)
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        // One fix turns on both switches that keep the OAuth plugin off.
        expect![[r#"
            //- /p/extlClntAppPolicies/Field_App_plcy.ecaPlcy-meta.xml
            <ExtlClntAppConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>Field_App</externalClientApplication>
                <isEnabled>true</isEnabled>
                <isOauthPluginEnabled>true</isOauthPluginEnabled>
                <isSamlPluginEnabled>true</isSamlPluginEnabled>
            </ExtlClntAppConfigurablePolicies>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-PLG-001",
            "Turn on the OAuth plugin",
        ));
    }

    #[test]
    fn a_missing_plugin_policies_file_keeps_the_defaults() {
        check(&format!("{HEADER}{OAUTH}"), expect![[""]]);
    }

    #[test]
    fn push_files_need_the_oauth_plugin() {
        let fixture = format!(
            "{HEADER}{OAUTH}{PUSH_POLICIES}{}",
            plugin_policies(
                "    <isEnabled>true</isEnabled>\n    <isOauthPluginEnabled>false</isOauthPluginEnabled>\n"
            )
        );
        check(
            &fixture,
            expect![[r#"
                Field_App_plcy.ecaPlcy-meta.xml:4:6 warning[ECA-PLG-001] the OAuth plugin is off (`isOauthPluginEnabled` is `false`), so the OAuth files of `Field_App` have no effect: Field_App_oauth.ecaOauth-meta.xml
                  related Field_App_oauth.ecaOauth-meta.xml:1:2 OAuth settings that do not take effect
                  fix* Turn on the OAuth plugin
                Field_App_pushPlcy.ecaPushPlcy-meta.xml:1:2 warning[ECA-PLG-002] `ExtlClntAppPushConfigurablePolicies` needs the OAuth plugin of `Field_App`, but the OAuth plugin is off (`isOauthPluginEnabled` is `false`) in Field_App_plcy.ecaPlcy-meta.xml
                  related Field_App_plcy.ecaPlcy-meta.xml:4:6 the switch that turns the OAuth plugin off
                  fix* Turn on the OAuth plugin
            "#]],
        );
    }

    #[test]
    fn push_files_without_oauth_settings_in_the_project_get_one_note() {
        check(
            &format!("{HEADER}{PUSH_POLICIES}{NOTIFICATIONS}"),
            expect![[r#"
                Field_App_notif.ecaNotifications-meta.xml:1:2 information[ECA-PLG-002] push and notification settings need the app's OAuth plugin; this project has no OAuth settings for `Field_App`, so check in the org that the app has OAuth settings and its OAuth plugin is on
            "#]],
        );
        check(&format!("{HEADER}{OAUTH}{PUSH_POLICIES}"), expect![[""]]);
    }

    #[test]
    fn saml_policies_need_the_saml_plugin() {
        let saml = "//- /p/extlClntAppSamlConfigurablePolicies/Field_App_saml.ecaSamlPlcy-meta.xml\n<ExtlClntAppSamlConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <acsUrl>https://sp.example.com/acs</acsUrl>\n    <entityUrl>https://sp.example.com</entityUrl>\n    <externalClientApplication>Field_App</externalClientApplication>\n</ExtlClntAppSamlConfigurablePolicies>\n";
        check(
            &format!(
                "{HEADER}{saml}{}",
                plugin_policies("    <isSamlPluginEnabled>false</isSamlPluginEnabled>\n")
            ),
            expect![[r#"
                Field_App_plcy.ecaPlcy-meta.xml:1:2 error[missing-required] `ExtlClntAppConfigurablePolicies` is missing its required field `isEnabled`
                  fix* Add `<isEnabled>`
                Field_App_saml.ecaSamlPlcy-meta.xml:1:2 warning[ECA-PLG-003] these SAML policies need the SAML plugin of `Field_App`, but the SAML plugin is off (`isSamlPluginEnabled` is `false`) in Field_App_plcy.ecaPlcy-meta.xml
                  related Field_App_plcy.ecaPlcy-meta.xml:3:6 the switch that turns the SAML plugin off
                  fix* Turn on the SAML plugin
            "#]],
        );
        check(&format!("{HEADER}{saml}"), expect![[""]]);
    }

    #[test]
    fn plugin_files_while_their_switch_is_off() {
        check(
            &format!(
                "{HEADER}{OAUTH}{PUSH_POLICIES}{CANVAS}{}",
                plugin_policies(
                    "    <isCanvasPluginEnabled>false</isCanvasPluginEnabled>\n    <isEnabled>true</isEnabled>\n    <isMobilePluginEnabled>false</isMobilePluginEnabled>\n    <isPushPluginEnabled>false</isPushPluginEnabled>\n"
                )
            ),
            expect![[r#"
                Field_App_plcy.ecaPlcy-meta.xml:3:6 information[ECA-PLG-005] `isCanvasPluginEnabled` is `false`, so these files of `Field_App` presumably have no effect: Field_App_canvas.ecaCanvas-meta.xml
                  related Field_App_canvas.ecaCanvas-meta.xml:1:2 settings of a plugin that is off
                  fix* Turn on `isCanvasPluginEnabled`
                Field_App_plcy.ecaPlcy-meta.xml:6:6 information[ECA-PLG-005] `isPushPluginEnabled` is `false`, so these files of `Field_App` presumably have no effect: Field_App_pushPlcy.ecaPushPlcy-meta.xml
                  related Field_App_pushPlcy.ecaPushPlcy-meta.xml:1:2 settings of a plugin that is off
                  fix* Turn on `isPushPluginEnabled`
            "#]],
        );
    }

    #[test]
    fn a_custom_start_page_needs_a_url() {
        check(
            &format!(
                "{HEADER}{}",
                plugin_policies(
                    "    <isEnabled>true</isEnabled>\n    <startPage>Custom</startPage>\n    <startUrl></startUrl>\n"
                )
            ),
            expect![[r#"
                Field_App_plcy.ecaPlcy-meta.xml:4:6 warning[ECA-PLG-006] `startPage` is `Custom` but `startUrl` is empty: write the URL users should land on
            "#]],
        );
        check(
            &format!(
                "{HEADER}{}",
                plugin_policies(
                    "    <isEnabled>true</isEnabled>\n    <startPage>OAuth</startPage>\n"
                )
            ),
            expect![[""]],
        );
    }
}
