//! Rules on what the fields of an app point at: the app header a component names, the org and
//! app in generated ids (`orgScopedExternalApp`, `oauthLink`), the Apex handler, custom scopes,
//! permission sets, OAuth scope tokens, custom attributes and trusted IP ranges.
//!
//! Of the other components of the project (Apex classes, permission sets, profiles, custom
//! scopes) the project knows the names it holds files for, never their contents: a named one
//! without a file is noted as information only, and only where the project holds files of that
//! type at all (ECA-REF-012), since the target org may have it.

use std::net::IpAddr;

use eca_schema::Schema;

use crate::checks::rules::conditions::{
    HEADER, OAUTH_SETTINGS, POLICIES, SAML_POLICIES, component_file, portal_oauth, portal_policies,
};
use crate::checks::rules::lists::list_items;
use crate::checks::rules::sources::{
    CANVAS_PAGE, FIRST_PARTY_HELP, GLOBAL_PAGE, HEADER_PAGE, OAUTH_SETTINGS_PAGE,
    PLUGIN_POLICIES_PAGE, POLICIES_PAGE, SAML_PAGE, SPRING_26_POLICIES_PAGE,
};
use crate::checks::rules::{
    AppContext, Check, FileContext, FindingExt, Findings, Location, Rule, View,
};
use crate::checks::structural::template_placeholder;
use crate::model::codes::{self, CodeInfo};
use crate::model::components::file_stem_for;
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;
use crate::model::file_kind::{file_name, full_name};
use crate::model::project::{APP_REFERENCE_FIELD, SourceFile, app_key};
use crate::model::text_util::{closest_match, differs_only_in_case};

const DEPLOY_NEW_ORG_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.deploy_external_client_app_with_global_settings_file.htm";
const OAUTH_SETTINGS_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_external_client_app_oauth_settings.htm";
const POLICIES_HELP: &str = "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_external_client_app_policies.htm";
const APEX_HANDLER_PAGE: &str = "https://developer.salesforce.com/docs/platform/apex-ref/references/apex-ref/apex-class-auth-externalclientappoauthhandler.html";

pub(super) const RULES: &[Rule] = &[
    APP_REFERENCE,
    ORG_SCOPED_NAME,
    OAUTH_LINK,
    APEX_HANDLER,
    CUSTOM_SCOPES,
    PERMISSION_SET_IDS,
    CUSTOM_ATTRIBUTES,
    TRUSTED_IP_RANGES_COMPLETE,
    TRUSTED_IP_RANGES_VALID,
    SCOPE_TOKENS,
    ONE_POLICIES_PER_APP,
    COMPONENT_FILES,
];

const APP_REFERENCE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-001",
        default_severity: Severity::Warning,
        title: "externalClientApplication names no app header of this project",
        explanation: "Every settings and policies file belongs to an app through `externalClientApplication`, which must hold the API name of an External Client App: the file name of its header (`Portal` for `externalClientApps/Portal.eca-meta.xml`). A packaged component may prefix a namespace (`w22loan__Portal` matches the header `Portal`). When the name matches no header of the project, the deploy fails unless the target org already has that app.\n\nSeverity: an **error** only for an empty reference, which can never match an app. Otherwise a **warning**, because the app may already exist in the org (teams often commit only some of an app's files, for example the header and the OAuth settings, or only the policies). A project that holds no app header at all (a lone file, a folder checked on its own, a project that keeps headers out of source control) gives nothing to compare against, so eca-ls says nothing there rather than guess. When the project has a header whose name is close (a typo or a letter-case slip) or whose label equals the reference, the message names it and the quick fix writes the header's API name, keeping any namespace prefix.",
        example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Local</distributionState>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portl</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Local</distributionState>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[
            POLICIES_PAGE,
            GLOBAL_PAGE,
            OAUTH_SETTINGS_PAGE,
            PLUGIN_POLICIES_PAGE,
            SAML_PAGE,
        ],
    },
    involves: &[
        "ExtlClntAppOauthSettings.externalClientApplication",
        "ExtlClntAppGlobalOauthSettings.externalClientApplication",
        "ExtlClntAppOauthConfigurablePolicies.externalClientApplication",
        "ExtlClntAppConfigurablePolicies.externalClientApplication",
        "ExtlClntAppMobileSettings.externalClientApplication",
        "ExtlClntAppMobileConfigurablePolicies.externalClientApplication",
        "ExtlClntAppNotificationSettings.externalClientApplication",
        "ExtlClntAppPushSettings.externalClientApplication",
        "ExtlClntAppPushConfigurablePolicies.externalClientApplication",
        "ExtlClntAppCanvasSettings.externalClientApplication",
        "ExtlClntAppSamlConfigurablePolicies.externalClientApplication",
        "ExtlClntAppOauthSecuritySettings.externalClientApplication",
    ],
    check: Check::File(app_reference),
};

fn app_reference(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    if view.type_def.name == HEADER || view.type_def.field(APP_REFERENCE_FIELD).is_none() {
        return;
    }
    // An absent reference is `missing-required`; this rule looks at the value.
    let Some(reference) = view.field(APP_REFERENCE_FIELD) else {
        return;
    };
    if reference.value.is_empty() {
        findings
            .report(
                reference.location(),
                "`externalClientApplication` is empty: this component names no app, so no deploy can attach it; write the API name of its External Client App",
            )
            .severity(Severity::Error);
        return;
    }
    if template_placeholder(&reference.value).is_some() {
        return;
    }
    let key = app_key(&reference.value);
    // The common case, answered from the project's index: the app has its header.
    if context.project.has_header(key) {
        return;
    }
    let headers: Vec<&SourceFile> = context.project.headers().collect();
    // A project without any header (a lone file, a folder checked on its own, a project that
    // keeps headers out of source control) gives nothing to compare against.
    if headers.is_empty() {
        return;
    }
    let prefix = reference.value.strip_suffix(key).unwrap_or_default();
    let header_named = |name: &str| {
        headers
            .iter()
            .copied()
            .find(|header| app_key(&header.full_name) == name)
    };
    let case_slip = headers
        .iter()
        .copied()
        .find(|header| differs_only_in_case(app_key(&header.full_name), key));
    let by_label = headers.iter().copied().find(|header| {
        View::root(header)
            .and_then(|header| header.text("label"))
            .is_some_and(|label| label == key)
    });
    let by_spelling = closest_match(key, headers.iter().map(|header| app_key(&header.full_name)))
        .and_then(header_named);
    let (header, why) = match (case_slip, by_label, by_spelling) {
        (Some(header), _, _) => (header, "differs only in letter case from"),
        (None, Some(header), _) => (header, "is the label, not the API name, of"),
        (None, None, Some(header)) => (header, "is close to"),
        (None, None, None) => {
            findings.report(
                reference.value_location(),
                format!(
                    "this project has no header for the app `{key}` (`externalClientApps/{key}.eca-meta.xml`): unless `{key}` already exists in the target org, deploying {} fails",
                    file_name(view.path())
                ),
            );
            return;
        }
    };
    let header_name = app_key(&header.full_name);
    let replacement = format!("{prefix}{header_name}");
    let fix = vec![crate::model::edits::replace_value(
        view.file,
        reference.element,
        &replacement,
    )];
    let header_location = View::root(header).map(|header| header.at_element());
    let diagnostic = findings.report(
        reference.value_location(),
        format!(
            "no app header is named `{key}`; it {why} the app `{header_name}` ({}): unless `{key}` already exists in the target org, deploying {} fails",
            file_name(&header.path),
            file_name(view.path())
        ),
    );
    if let Some(location) = header_location {
        diagnostic.related(location, format!("the header of `{header_name}`"));
    }
    diagnostic.preferred_fix(format!("Change to `{replacement}`"), fix);
    // The SAML page calls this field the parent's label; a label there is what the docs say.
    if view.type_def.name == SAML_POLICIES && by_label.is_some() && case_slip.is_none() {
        diagnostic.severity(Severity::Information);
    }
}

const ORG_SCOPED_NAME: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-002",
        default_severity: Severity::Warning,
        title: "orgScopedExternalApp is not `<org Id>:<this app's name>`",
        explanation: "`orgScopedExternalApp` identifies the app across orgs as the 15- or 18-character id of the org that owns it (it starts with `00D`), a colon, and the app's API name, which is the header's file name. Retrieve writes it; you may also leave it out and let the first deploy fill it in. A value with another app's name usually comes from copying a header, and a malformed org id cannot match any org. It is a **warning** because the format is documented but what a deploy does with a wrong value is not.\n\nCommitted files often hold a placeholder that a script replaces before deploying (`REDACTED_ORG_ID:My_App`). A placeholder, recognised by characters an org id never has (`_`, `{`, `$`, `<`, spaces), gets only an **information** note saying to replace it or remove the element. The header page's own sample value, `Org_ID:External_Client_App_Name` (in any letter case), is a template copied as is: `invalid-value` reports it like other unfilled template placeholders, and this rule leaves it alone. The quick fixes write this app's name after the colon, or remove the element.",
        example: component_file!(
            "externalClientApps",
            "Portal.eca-meta.xml",
            "ExternalClientApplication",
            "<distributionState>Local</distributionState>",
            "<label>Portal</label>",
            "<orgScopedExternalApp>00D5g000004SGtF:Partner_Portal</orgScopedExternalApp>",
        ),
        fixed_example: component_file!(
            "externalClientApps",
            "Portal.eca-meta.xml",
            "ExternalClientApplication",
            "<distributionState>Local</distributionState>",
            "<label>Portal</label>",
            "<orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>",
        ),
        sources: &[HEADER_PAGE],
    },
    involves: &["ExternalClientApplication.orgScopedExternalApp"],
    check: Check::File(org_scoped_name),
};

fn org_scoped_name(context: &FileContext, findings: &mut Findings) {
    let header = context.view;
    if header.type_def.name != HEADER {
        return;
    }
    let Some(field) = header.field("orgScopedExternalApp") else {
        return;
    };
    if field.value.is_empty() || template_placeholder(&field.value).is_some() {
        return;
    }
    let app_name = header.file.full_name.as_str();
    let remove = header.remove("orgScopedExternalApp");
    let Some((org, name)) = field.value.split_once(':') else {
        findings
            .report(
                field.value_location(),
                format!(
                    "`orgScopedExternalApp` should be `<org Id>:{app_name}` (for example `00D5g000004SGtF:{app_name}`); found `{}`",
                    field.value
                ),
            )
            .fix(
                "Remove `orgScopedExternalApp` (the first deploy fills it in)",
                remove.clone(),
            );
        return;
    };
    let org = org.trim();
    let name = name.trim();
    match org_id_shape(org) {
        IdShape::Valid => {}
        IdShape::Placeholder => {
            findings
                .report(
                    field.value_location(),
                    format!(
                        "`{org}` in `orgScopedExternalApp` is a placeholder, not an org id: replace it with the id of the org that owns the app (15 or 18 characters starting `00D`) before deploying, or remove the element and let the first deploy fill it in"
                    ),
                )
                .severity(Severity::Information)
                .fix(
                    "Remove `orgScopedExternalApp` (the first deploy fills it in)",
                    remove.clone(),
                );
        }
        IdShape::Malformed => {
            findings
                .report(
                    field.value_location(),
                    format!(
                        "`{org}` in `orgScopedExternalApp` is not an org id: org ids are 15 or 18 letters and digits starting `00D`"
                    ),
                )
                .fix(
                    "Remove `orgScopedExternalApp` (the first deploy fills it in)",
                    remove.clone(),
                );
        }
    }
    if name == app_name || app_key(name) == app_key(app_name) {
        return;
    }
    let replacement = format!("{org}:{app_name}");
    findings
        .report(
            field.value_location(),
            format!(
                "`orgScopedExternalApp` names the app `{name}`, but this header is `{app_name}` (from its file name {}); the part after the colon must be this app's API name",
                file_name(header.path())
            ),
        )
        .preferred_fix(
            format!("Change to `{replacement}`"),
            vec![header.set("orgScopedExternalApp", &replacement)],
        )
        .fix(
            "Remove `orgScopedExternalApp` (the first deploy fills it in)",
            remove,
        );
}

const OAUTH_LINK: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-003",
        default_severity: Severity::Warning,
        title: "oauthLink ties the OAuth settings to one org",
        explanation: "Retrieve writes `oauthLink` as `<org Id>:<OAuth consumer Id>`: a pointer to the OAuth consumer that the global OAuth settings created in that org. Salesforce's deploy guide says to remove it before deploying to an org that gets its own global OAuth settings: a value that does not match the target org fails the deploy, while a missing one is generated again. A `Packaged` app is different: Salesforce's packaging pages say a packaged app \"can reference the settings of the org where the app was developed\", and `oauthLink` is that reference, so for a packaged app eca-ls only notes what the link does and never tells you to remove it.\n\nSeverity: a **warning** when the files show a mismatch (the org in `oauthLink` differs from the org in the header's `orgScopedExternalApp`, so the files come from two orgs) or when the value is malformed. A placeholder that a script replaces (`REDACTED_...`) gets an **information** note. A well-formed value in files from one org gets only a **hint**, since deploying back to the same org (or installing a packaged app that uses its developer's consumer) is fine and eca-ls cannot know the target. The quick fix removes the element; it is never the preferred one for a packaged app.",
        example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Local</distributionState>",
                "<label>Portal</label>",
                "<orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<oauthLink>00DWD00000BpPVt:888WD000000BWZF</oauthLink>",
            ),
        ),
        fixed_example: concat!(
            component_file!(
                "externalClientApps",
                "Portal.eca-meta.xml",
                "ExternalClientApplication",
                "<distributionState>Local</distributionState>",
                "<label>Portal</label>",
                "<orgScopedExternalApp>00D5g000004SGtF:Portal</orgScopedExternalApp>",
            ),
            portal_oauth!(
                "<commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
            ),
        ),
        sources: &[
            DEPLOY_NEW_ORG_HELP,
            OAUTH_SETTINGS_HELP,
            "https://help.salesforce.com/s/articleView?type=5&id=xcloud.associate_and_disassociate_external_client_apps.htm",
            "https://help.salesforce.com/s/articleView?type=5&id=xcloud.meta_configure_packageable_external_client_apps.htm",
        ],
    },
    involves: &[
        "ExtlClntAppOauthSettings.oauthLink",
        "ExternalClientApplication.orgScopedExternalApp",
        "ExternalClientApplication.distributionState",
    ],
    check: Check::App(oauth_link),
};

fn oauth_link(context: &AppContext, findings: &mut Findings) {
    let packaged = context
        .header()
        .and_then(|header| header.text("distributionState"))
        .is_some_and(|state| state == "Packaged");
    let header_org = context.header().and_then(|header| {
        let field = header.field("orgScopedExternalApp")?;
        let (org, _) = field.value.split_once(':')?;
        let org = org.trim().to_string();
        (org_id_shape(&org) == IdShape::Valid).then_some((org, field))
    });
    for settings in context.components(OAUTH_SETTINGS) {
        let Some(link) = settings.field("oauthLink") else {
            continue;
        };
        if link.value.is_empty() || template_placeholder(&link.value).is_some() {
            continue;
        }
        let remove = settings.remove("oauthLink");
        let remove_title = "Remove `oauthLink` (a new one is generated on deploy)";
        let (org, consumer) = match link.value.split_once(':') {
            Some((org, consumer)) => (org.trim(), consumer.trim()),
            None => (&*link.value, ""),
        };
        let org_shape = org_id_shape(org);
        if org_shape == IdShape::Placeholder || (consumer.is_empty() && !is_record_id(org)) {
            let placeholder = org_shape == IdShape::Placeholder;
            let message = if placeholder {
                format!(
                    "`oauthLink` holds the placeholder `{}`: deployed as is, a value that matches no OAuth consumer of the target org fails the deploy; replace it with `<org Id>:<OAuth consumer Id>` or remove it so that it is generated",
                    link.value
                )
            } else {
                format!(
                    "`oauthLink` should be `<org Id>:<OAuth consumer Id>`; found `{}`: a value that matches no OAuth consumer of the target org fails the deploy",
                    link.value
                )
            };
            let diagnostic = findings.report(link.value_location(), message);
            if placeholder {
                diagnostic.severity(Severity::Information);
            }
            diagnostic.preferred_fix(remove_title, remove);
            continue;
        }
        if org_shape == IdShape::Malformed || !is_record_id(consumer) {
            findings
                .report(
                    link.value_location(),
                    format!(
                        "`oauthLink` should be `<org Id>:<OAuth consumer Id>` (two 15- or 18-character ids, the first starting `00D`); found `{}`",
                        link.value
                    ),
                )
                .preferred_fix(remove_title, remove);
            continue;
        }
        match &header_org {
            Some((header_org, header_field)) if !header_org.eq_ignore_ascii_case(org) => {
                findings
                    .report(
                        link.value_location(),
                        format!(
                            "`oauthLink` points into the org `{org}`, but the header's `orgScopedExternalApp` names the org `{header_org}`: these files come from two orgs, and deploying to either fails on the link that does not match"
                        ),
                    )
                    .related(header_field.value_location(), "the org the header belongs to")
                    .preferred_fix(remove_title, remove);
            }
            _ if packaged => {
                findings
                    .report(
                        link.value_location(),
                        format!(
                            "`oauthLink` ties these OAuth settings to the OAuth consumer of the org `{org}`; this app is `Packaged`, and a packaged app keeps the link to use the OAuth settings of the org that developed it: remove it only where the app is to get its own global OAuth settings"
                        ),
                    )
                    .severity(Severity::Hint)
                    .fix(
                        "Remove `oauthLink` (only if the app gets its own global OAuth settings where it is deployed)",
                        remove,
                    );
            }
            _ => {
                findings
                    .report(
                        link.value_location(),
                        format!(
                            "`oauthLink` ties these OAuth settings to the org `{org}`: remove it before deploying to another org (there a value from this org fails the deploy; without it a new link is generated)"
                        ),
                    )
                    .severity(Severity::Hint)
                    .fix(remove_title, remove);
            }
        }
    }
}

const APEX_HANDLER: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-004",
        default_severity: Severity::Warning,
        title: "apexHandler must be an Apex class name; executeHandlerAs needs it",
        explanation: "`apexHandler` names an Apex class that extends `Auth.ExternalClientAppOauthHandler` to customise the app's OAuth behaviour, and `executeHandlerAs` names the user it runs as (by default the Automated Process user). This rule warns when `apexHandler` is not a class name at all (a file name such as `MyHandler.cls`, spaces, other punctuation; a namespace prefix `ns.MyHandler` is fine), and when `executeHandlerAs` is set without an `apexHandler`, where it has no effect.\n\neca-ls reads only the ECA files of a project, not its Apex classes, so it cannot confirm that the class exists or extends the right base class: check that yourself. It is a **warning** because a bad class name fails the deploy only if Salesforce checks it, which is not documented, and an unused `executeHandlerAs` is harmless but misleading.",
        example: portal_policies!(
            "<apexHandler>PortalOauthHandler.cls</apexHandler>",
            "<executeHandlerAs>integration@example.com</executeHandlerAs>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<apexHandler>PortalOauthHandler</apexHandler>",
            "<executeHandlerAs>integration@example.com</executeHandlerAs>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE, APEX_HANDLER_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.apexHandler",
        "ExtlClntAppOauthConfigurablePolicies.executeHandlerAs",
    ],
    check: Check::File(apex_handler),
};

fn apex_handler(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES {
        return;
    }
    match policies
        .field("apexHandler")
        .filter(|field| !field.value.is_empty())
    {
        Some(handler) => {
            if is_apex_class_reference(&handler.value) {
                return;
            }
            let diagnostic = findings.report(
                handler.value_location(),
                format!(
                    "`apexHandler` should be the name of an Apex class that extends `Auth.ExternalClientAppOauthHandler`; `{}` is not a class name",
                    handler.value
                ),
            );
            let stripped = handler.value.strip_suffix(".cls").unwrap_or_default();
            if is_apex_class_reference(stripped) {
                diagnostic.preferred_fix(
                    format!("Change to `{stripped}`"),
                    vec![policies.set("apexHandler", stripped)],
                );
            }
        }
        None => {
            let Some(run_as) = policies
                .field("executeHandlerAs")
                .filter(|field| !field.value.is_empty())
            else {
                return;
            };
            let remove = policies.remove("executeHandlerAs");
            findings
                .report(
                    run_as.location(),
                    "`executeHandlerAs` names the user that runs the `apexHandler` class, but these policies have no `apexHandler`: it has no effect",
                )
                .tag(DiagnosticTag::Unnecessary)
                .preferred_fix("Remove `executeHandlerAs`", remove);
        }
    }
}

const CUSTOM_SCOPES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-005",
        default_severity: Severity::Information,
        title: "commaSeparatedCustomScopes takes custom scope API names",
        explanation: "`commaSeparatedCustomScopes` lists the API names of OauthCustomScope components the app may grant, separated by commas. A standard scope token such as `Api` or `RefreshToken` belongs in the OAuth settings' `commaSeparatedOauthScopes` instead, and an item with spaces or punctuation cannot be an API name. eca-ls does not load OauthCustomScope components, so it does not say whether a named scope exists. It is **information** because the intent behind a misplaced token is usually clear to a reader but not certain.",
        example: portal_policies!(
            "<commaSeparatedCustomScopes>Orders_Read, RefreshToken</commaSeparatedCustomScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_policies!(
            "<commaSeparatedCustomScopes>Orders_Read</commaSeparatedCustomScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedCustomScopes",
        "ExtlClntAppOauthSettings.commaSeparatedCustomScopes",
    ],
    check: Check::File(custom_scopes),
};

fn custom_scopes(context: &FileContext, findings: &mut Findings) {
    let view = context.view;
    if view.type_def.name != POLICIES && view.type_def.name != OAUTH_SETTINGS {
        return;
    }
    let Some(field) = view.field("commaSeparatedCustomScopes") else {
        return;
    };
    let schema = Schema::get();
    for item in list_items(&field) {
        if let Some(scope) = schema
            .oauth_scopes
            .iter()
            .find(|scope| scope.token.eq_ignore_ascii_case(&item.text))
        {
            findings.report(
                item.location(&field),
                format!(
                    "`{}` is the standard OAuth scope `{}`, which belongs in `commaSeparatedOauthScopes` of the OAuth settings; `commaSeparatedCustomScopes` takes the API names of custom scopes (OauthCustomScope)",
                    item.text, scope.token
                ),
            );
        } else if !is_api_name(&item.text) {
            findings.report(
                item.location(&field),
                format!(
                    "`{}` is not an API name: custom scopes are named with letters, digits and underscores",
                    item.text
                ),
            );
        }
    }
}

const PERMISSION_SET_IDS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-006",
        default_severity: Severity::Information,
        title: "Permission sets by ID or by API name: Salesforce's sources differ",
        explanation: "Salesforce's sources disagree on what `commaSeparatedPermissionSet` holds. The Metadata API page (\"Permission set IDs in a comma-separated list\") and the first-party flow page (\"Enter a list of permission set IDs\") ask for IDs; the same type's sample writes a name (`PermSetExample`), and practitioners write API names and report IDs rejected with `INVALID_FIELD: We couldn't find permission sets called 0PS...`. eca-ls takes no side. It notes items that look like permission set IDs (`0PS` followed by 12 or 15 letters and digits) because an ID names the permission set of one org only, so the file then deploys to that org alone. **Information**, without a fix: which form your org accepts is for a deploy to tell.",
        example: portal_policies!(
            "<commaSeparatedPermissionSet>0PS5g000004SGtFGAW</commaSeparatedPermissionSet>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        fixed_example: portal_policies!(
            "<commaSeparatedPermissionSet>Portal_Api_Users</commaSeparatedPermissionSet>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        sources: &[POLICIES_PAGE, FIRST_PARTY_HELP, SPRING_26_POLICIES_PAGE],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet"],
    check: Check::File(permission_set_ids),
};

fn permission_set_ids(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES {
        return;
    }
    let Some(field) = policies.field("commaSeparatedPermissionSet") else {
        return;
    };
    for item in list_items(&field) {
        if item.text.starts_with("0PS") && is_record_id(&item.text) {
            findings.report(
                item.location(&field),
                format!(
                    "`{}` looks like a permission set ID: the field's docs ask for IDs, while the docs' sample and practitioners use API names (and report IDs rejected); an ID names the permission set of one org only",
                    item.text
                ),
            );
        }
    }
}

const CUSTOM_ATTRIBUTES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-007",
        default_severity: Severity::Error,
        title: "Custom attribute keys must be unique, at most 128 attributes",
        explanation: "The OAuth settings and the OAuth policies each accept at most 128 `customAttributes`, and their `key`s must be unique within the file (the SAML policies' keys too); Salesforce rejects the file otherwise. The structural check `duplicate-element` reports both, as an **error**, at the second use of a key (pointing at the first) and at the 129th attribute.",
        example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<customAttributes>",
            "    <formula>User.Department</formula>",
            "    <key>team</key>",
            "</customAttributes>",
            "<customAttributes>",
            "    <formula>User.Division</formula>",
            "    <key>team</key>",
            "</customAttributes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<customAttributes>",
            "    <formula>User.Department</formula>",
            "    <key>team</key>",
            "</customAttributes>",
            "<customAttributes>",
            "    <formula>User.Division</formula>",
            "    <key>division</key>",
            "</customAttributes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[OAUTH_SETTINGS_PAGE, POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthSettings.customAttributes",
        "ExtlClntAppOauthConfigurablePolicies.customAttributes",
    ],
    check: Check::Structural(codes::DUPLICATE_ELEMENT),
};

const TRUSTED_IP_RANGES_COMPLETE: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-008",
        default_severity: Severity::Error,
        title: "Each trusted IP range needs a start and an end; at most 128",
        explanation: "Each `trustedIpRanges` entry of the OAuth settings needs both `startIpAddress` and `endIpAddress` (a single address is a range whose start and end are equal), and a file accepts at most 128 entries. The structural checks report these as **errors**: a missing address as `missing-required`, the 129th entry as `duplicate-element`.",
        example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<trustedIpRanges>",
            "    <startIpAddress>203.0.113.10</startIpAddress>",
            "</trustedIpRanges>",
        ),
        fixed_example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<trustedIpRanges>",
            "    <endIpAddress>203.0.113.10</endIpAddress>",
            "    <startIpAddress>203.0.113.10</startIpAddress>",
            "</trustedIpRanges>",
        ),
        sources: &[OAUTH_SETTINGS_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthSettings.trustedIpRanges",
        "ExtlClntAppOauthIpRange.startIpAddress",
        "ExtlClntAppOauthIpRange.endIpAddress",
    ],
    check: Check::Structural(codes::MISSING_REQUIRED),
};

const TRUSTED_IP_RANGES_VALID: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-009",
        default_severity: Severity::Warning,
        title: "A trusted IP range with a bad address or start after end",
        explanation: "`startIpAddress` and `endIpAddress` of a trusted IP range should be IP addresses of the same family (both IPv4 or both IPv6) with the start not after the end; anything else describes no addresses at all, so users from the intended network would still be challenged. The documentation does not say whether a deploy checks this, hence a **warning**. When start and end are swapped, the quick fix swaps them back.",
        example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<trustedIpRanges>",
            "    <endIpAddress>203.0.113.10</endIpAddress>",
            "    <startIpAddress>203.0.113.200</startIpAddress>",
            "</trustedIpRanges>",
        ),
        fixed_example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<trustedIpRanges>",
            "    <endIpAddress>203.0.113.200</endIpAddress>",
            "    <startIpAddress>203.0.113.10</startIpAddress>",
            "</trustedIpRanges>",
        ),
        sources: &[OAUTH_SETTINGS_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthSettings.trustedIpRanges",
        "ExtlClntAppOauthIpRange.startIpAddress",
        "ExtlClntAppOauthIpRange.endIpAddress",
    ],
    check: Check::File(trusted_ip_ranges),
};

fn trusted_ip_ranges(context: &FileContext, findings: &mut Findings) {
    let settings = context.view;
    if settings.type_def.name != OAUTH_SETTINGS {
        return;
    }
    for range in settings.nested("trustedIpRanges") {
        let address = |name: &str| {
            range.field(name).filter(|field| {
                !field.value.is_empty() && template_placeholder(&field.value).is_none()
            })
        };
        let start = address("startIpAddress");
        let end = address("endIpAddress");
        let mut parsed = Vec::new();
        for field in [&start, &end].into_iter().flatten() {
            match field.value.parse::<IpAddr>() {
                Ok(address) => parsed.push(address),
                Err(_) => {
                    findings.report(
                        field.value_location(),
                        format!(
                            "`{}` is not an IPv4 or IPv6 address, so this trusted IP range matches nothing",
                            field.value
                        ),
                    );
                }
            }
        }
        let (Some(start), Some(end), [start_address, end_address]) =
            (&start, &end, parsed.as_slice())
        else {
            continue;
        };
        if start_address.is_ipv4() != end_address.is_ipv4() {
            findings
                .report(
                    end.value_location(),
                    format!(
                        "this range starts at the {} address `{}` and ends at the {} address `{}`: both ends must be of one family",
                        family(start_address),
                        start.value,
                        family(end_address),
                        end.value
                    ),
                )
                .related(start.value_location(), "the start of the range");
        } else if start_address > end_address {
            findings
                .report(
                    start.value_location(),
                    format!(
                        "this range starts at `{}`, after its end `{}`, so it matches no address",
                        start.value, end.value
                    ),
                )
                .related(end.value_location(), "the end of the range")
                .preferred_fix(
                    "Swap the start and end addresses",
                    vec![
                        range.set("startIpAddress", &end.value),
                        range.set("endIpAddress", &start.value),
                    ],
                );
        }
    }
}

const SCOPE_TOKENS: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-010",
        default_severity: Severity::Warning,
        title: "An OAuth scope token Salesforce does not know",
        explanation: "`commaSeparatedOauthScopes` lists the scopes the app may request as metadata tokens separated by commas (spaces after the commas are fine): `Api`, `RefreshToken`, `OpenID`, `Web`, `Full`, `MCP`, `SFApiPlatform`, `CDPIngest` and the others hover lists. The metadata tokens differ from the names sent in the `scope` parameter at run time (`api`, `refresh_token`, `openid`, `sfap_api`), and the tokens are case-sensitive. An unknown token usually fails the deploy with a list of the valid tokens.\n\neca-ls checks every item against the tokens it knows, including those real orgs accept although the documentation does not list them (`CDP`, `DataCloudUserClaims`), and suggests the token meant: for a run-time name, a letter-case slip or a typo. It is a **warning** rather than an error because Salesforce adds scopes with new features, and a token newer than eca-ls's list may be valid. A custom scope belongs in `commaSeparatedCustomScopes` of the OAuth policies.",
        example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api, refresh_token, OpenId</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        fixed_example: portal_oauth!(
            "<commaSeparatedOauthScopes>Api, RefreshToken, OpenID</commaSeparatedOauthScopes>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
        ),
        sources: &[OAUTH_SETTINGS_PAGE],
    },
    involves: &["ExtlClntAppOauthSettings.commaSeparatedOauthScopes"],
    check: Check::File(scope_tokens),
};

/// Scope names used at run time whose metadata token is not their spelling without
/// underscores and a trailing `_api`.
const RUNTIME_SCOPE_ALIASES: &[(&str, &str)] = &[
    ("id", "Basic"),
    ("sfap_api", "SFApiPlatform"),
    ("visualforce", "CustomApplications"),
];

fn scope_tokens(context: &FileContext, findings: &mut Findings) {
    let settings = context.view;
    if settings.type_def.name != OAUTH_SETTINGS {
        return;
    }
    let Some(field) = settings.field("commaSeparatedOauthScopes") else {
        return;
    };
    let schema = Schema::get();
    let tokens = || schema.oauth_scopes.iter().map(|scope| scope.token.as_str());
    for item in list_items(&field) {
        if schema.scope(&item.text).is_some() {
            continue;
        }
        let runtime = runtime_scope_token(&item.text);
        let case_slip = tokens().find(|token| token.eq_ignore_ascii_case(&item.text));
        let (message, suggestion) = match (runtime, case_slip) {
            (Some(token), _)
                if item.text.contains('_')
                    || item.text.chars().all(|ch| !ch.is_ascii_uppercase()) =>
            {
                (
                    format!(
                        "`{}` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `{token}`",
                        item.text
                    ),
                    Some(token),
                )
            }
            (_, Some(token)) => (
                format!(
                    "`{}` is spelled `{token}`: scope tokens are case-sensitive",
                    item.text
                ),
                Some(token),
            ),
            (Some(token), None) => (
                format!(
                    "`{}` is not an OAuth scope token; did you mean `{token}`?",
                    item.text
                ),
                Some(token),
            ),
            (None, None) => match closest_match(&item.text, tokens()) {
                Some(token) => (
                    format!(
                        "`{}` is not an OAuth scope token; did you mean `{token}`?",
                        item.text
                    ),
                    Some(token),
                ),
                None => (
                    format!(
                        "`{}` is not an OAuth scope token eca-ls knows (such as `Api`, `RefreshToken`, `OpenID`); a custom scope belongs in `commaSeparatedCustomScopes` of the OAuth policies",
                        item.text
                    ),
                    None,
                ),
            },
        };
        let diagnostic = findings.report(item.location(&field), message);
        if let Some(token) = suggestion {
            if let Some(edit) = item.replace(&field, token) {
                diagnostic.preferred_fix(format!("Change to `{token}`"), vec![edit]);
            }
        }
    }
}

const ONE_POLICIES_PER_APP: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-011",
        default_severity: Severity::Information,
        title: "More than one OAuth policies file for one app",
        explanation: "An app's OAuth settings have one set of OAuth policies. eca-ls reports every OAuth policies file (`.ecaOauthPlcy`) of an app that has more than one, and the message says which case it is: **two files of different names** — Setup names the policies it creates `<App>_oauthPlcy` in retrieves, while public tools (CumulusCI's task among them), scripts and subscriber orgs use `<App>_oauth_defaultPolicy`, so a project can end up with both; **two files of the same name** in different folders (two package directories); or **one file in both formats**, source (`<name>.ecaOauthPlcy-meta.xml`) and Metadata API (`<name>.ecaOauthPlcy`). Practitioners report that deploying a second policies component for the same app fails with `DUPLICATE_VALUE` on the OAuth settings id; a same-name copy instead replaces the other on deploy. Either way the files' settings cannot all be the app's, and readers cannot tell which are. Keep one file per app and merge the settings you need into it.\n\nIt is **information**, as the facts rate it: the deploy failure is practitioner-reported, not documented, and a same-name copy deploys without a word.",
        example: concat!(
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
            ),
            component_file!(
                "extlClntAppOauthPolicies",
                "Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml",
                "ExtlClntAppOauthConfigurablePolicies",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        sources: &[POLICIES_HELP],
    },
    involves: &["ExtlClntAppOauthConfigurablePolicies.externalClientApplication"],
    check: Check::App(one_policies_per_app),
};

fn one_policies_per_app(context: &AppContext, findings: &mut Findings) {
    let all = context.components(POLICIES);
    if all.len() < 2 {
        return;
    }
    for policies in &all {
        let others: Vec<&View> = all
            .iter()
            .filter(|other| other.path() != policies.path())
            .collect();
        // Each other file with the case it makes with this one; a file named like this one
        // (another package directory) is told apart by its path.
        let described: Vec<String> = others
            .iter()
            .map(|other| {
                let this_name = file_name(policies.path());
                let other_name = file_name(other.path());
                if other_name == this_name {
                    format!("{} (the same file name in another folder)", other.path())
                } else if full_name(other.path()) == full_name(policies.path()) {
                    format!("{other_name} (the same component in the other file format)")
                } else {
                    format!("{other_name} (another name for the same app's policies)")
                }
            })
            .collect();
        let diagnostic = findings.report(
            policies.at(APP_REFERENCE_FIELD),
            format!(
                "the app `{}` has {} OAuth policies files; besides this one: {}. An app has one set of OAuth policies (Setup names it `{}_oauthPlcy`, tools often `{}_oauth_defaultPolicy`): keep one file and merge what you need into it",
                context.app.name,
                all.len(),
                described.join(", "),
                context.app.name,
                context.app.name
            ),
        );
        for other in others {
            diagnostic.related(
                other.at(APP_REFERENCE_FIELD),
                "another OAuth policies file of the same app",
            );
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdShape {
    Valid,
    /// Characters no id has: a template or redaction placeholder.
    Placeholder,
    /// Letters and digits, but not an org id.
    Malformed,
}

fn org_id_shape(text: &str) -> IdShape {
    if text.starts_with("00D") && is_record_id(text) {
        IdShape::Valid
    } else if text.is_empty() || text.chars().all(|ch| ch.is_ascii_alphanumeric()) {
        IdShape::Malformed
    } else {
        IdShape::Placeholder
    }
}

/// A Salesforce record id: 15 or 18 letters and digits.
/// The Metadata API pages of the types ECA fields name: where their files sit (the same pages
/// `project_types.json` cites).
const APEX_CLASS_PAGE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_classes.htm";
const PERMISSION_SET_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_permissionset.htm";
const PROFILE_PAGE: &str =
    "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_profile.htm";
const CUSTOM_SCOPE_PAGE: &str = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_oauthcustomscope.htm";

const COMPONENT_FILES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-REF-012",
        default_severity: Severity::Information,
        title: "A named Apex class, permission set, profile or custom scope has no file in this project",
        explanation: "`apexHandler` names an Apex class, `commaSeparatedPermissionSet` permission sets, `commaSeparatedProfile` profiles and `commaSeparatedCustomScopes` custom scopes (OauthCustomScope); the canvas settings' `lifeCycleHandler` names an Apex class too. A deploy of the app needs each of them in the target org, either already there or deployed with the app. eca-ls knows which of these components the project holds files for (by file name only: `classes/<Name>.cls`, `permissionsets/<Name>.permissionset-meta.xml`, `profiles/<Name>.profile-meta.xml`, `oauthcustomscopes/<Name>.oauthcustomscope-meta.xml`, in the type's folder anywhere in the project, as the type's Metadata API page places them; found by the same walk as the ECA files, so not in `node_modules` or `.sfdx`, and not the files `.forceignore` leaves out unless ignored files are included). When a project holds files of a type but none for a name the app uses, the note says which file is missing. Standard profiles are written by their Setup name and retrieved under another file name (`System Administrator` is `profiles/Admin.profile-meta.xml`); eca-ls knows those names (see docs/language-server.md).\n\nIt is **information**, never more: the org may well hold the component (many projects keep permission sets or profiles only in the org), and a project that holds no file of a type at all says nothing, so eca-ls says nothing there either. A permission set or profile written by ID, a namespaced (packaged) component and a template placeholder are passed by. Go to definition on the name opens the file when it is there.",
        example: concat!(
            "//- /force-app/main/default/permissionsets/Portal_Admins.permissionset-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <label>Portal Admins</label>\n",
            "</PermissionSet>\n",
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Admins, Portal_Api_Users</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        fixed_example: concat!(
            "//- /force-app/main/default/permissionsets/Portal_Admins.permissionset-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <label>Portal Admins</label>\n",
            "</PermissionSet>\n",
            "//- /force-app/main/default/permissionsets/Portal_Api_Users.permissionset-meta.xml\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n",
            "    <label>Portal API Users</label>\n",
            "</PermissionSet>\n",
            portal_policies!(
                "<commaSeparatedPermissionSet>Portal_Admins, Portal_Api_Users</commaSeparatedPermissionSet>",
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
            ),
        ),
        sources: &[
            POLICIES_PAGE,
            CANVAS_PAGE,
            APEX_CLASS_PAGE,
            PERMISSION_SET_PAGE,
            PROFILE_PAGE,
            CUSTOM_SCOPE_PAGE,
        ],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.apexHandler",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedCustomScopes",
        "ExtlClntAppCanvasSettings.lifeCycleHandler",
    ],
    check: Check::File(component_files),
};

fn component_files(context: &FileContext, findings: &mut Findings) {
    if context.view.type_def.family != eca_schema::TypeFamily::ExternalClientApp
        || context.project.components().is_empty()
    {
        return;
    }
    component_files_of(context, context.view, findings, 0);
}

/// The component names in a view's fields (and, a few levels down, its nested views').
fn component_files_of(context: &FileContext, view: View, findings: &mut Findings, depth: usize) {
    let schema = Schema::get();
    let components = context.project.components();
    for field_def in &view.type_def.fields {
        if schema.nested_type_of(field_def).is_some() && depth < 4 {
            for nested in view.nested(&field_def.name) {
                component_files_of(context, nested, findings, depth + 1);
            }
            continue;
        }
        let Some(reference) = field_def.reference.as_ref() else {
            continue;
        };
        if reference.kind != "metadata" {
            continue;
        }
        let Some(project_type) = schema.project_type(&reference.target) else {
            continue;
        };
        if !components.holds_type(&project_type.name) {
            continue;
        }
        for field in view.fields(&field_def.name) {
            let items: Vec<(String, Location)> = if field_def.list_separator.is_some() {
                list_items(&field)
                    .into_iter()
                    .map(|item| {
                        let location = item.location(&field);
                        (item.text, location)
                    })
                    .collect()
            } else if field.nil
                || field.value.is_empty()
                || template_placeholder(&field.value).is_some()
            {
                Vec::new()
            } else {
                vec![(field.value.to_string(), field.value_location())]
            };
            for (name, location) in items {
                if !names_a_project_file(&project_type.name, &name)
                    || components.holds(&project_type.name, &name)
                {
                    continue;
                }
                let stem = project_type
                    .standard_full_name(&name)
                    .unwrap_or(&name)
                    .to_string();
                let file = format!(
                    "{}/{}.{}-meta.xml",
                    project_type.folder,
                    file_stem_for(&stem),
                    project_type.suffix
                );
                let standard = if stem != name {
                    format!(" (the standard profile `{name}` is retrieved as `{stem}`)")
                } else {
                    String::new()
                };
                findings.report(
                    location,
                    format!(
                        "this project has no `{file}` for the {} `{name}`{standard}, though it holds other files in `{}/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app",
                        type_words(&project_type.name),
                        project_type.folder,
                    ),
                );
            }
        }
    }
}

/// Whether a name written in a field can name a file of the project: not a record ID (the
/// permission set or profile of one org), not a namespaced component (installed with its
/// package, never a file of this project), not a placeholder.
fn names_a_project_file(type_name: &str, name: &str) -> bool {
    let by_id = match type_name {
        "PermissionSet" => name.starts_with("0PS") && is_record_id(name),
        "Profile" => name.starts_with("00e") && is_record_id(name),
        _ => false,
    };
    let namespaced = match type_name {
        "ApexClass" => name.contains('.'),
        _ => name.contains("__"),
    };
    !name.is_empty() && !by_id && !namespaced && template_placeholder(name).is_none()
}

fn type_words(type_name: &str) -> &'static str {
    match type_name {
        "ApexClass" => "Apex class",
        "PermissionSet" => "permission set",
        "Profile" => "profile",
        "OauthCustomScope" => "custom scope",
        "CustomNotificationType" => "notification type",
        _ => "component",
    }
}

fn is_record_id(text: &str) -> bool {
    matches!(text.len(), 15 | 18) && text.chars().all(|ch| ch.is_ascii_alphanumeric())
}

/// An API name: a letter, then letters, digits and underscores, not ending in an underscore.
fn is_api_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && text
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        && !text.ends_with('_')
}

/// `Handler`, or `ns.Handler` with a namespace; not a file name such as `Handler.cls`.
fn is_apex_class_reference(text: &str) -> bool {
    if text.to_ascii_lowercase().ends_with(".cls") {
        return false;
    }
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() <= 2 && parts.iter().all(|part| is_api_name(part))
}

fn runtime_scope_token(text: &str) -> Option<&'static str> {
    let lowered = text.to_ascii_lowercase();
    if let Some((_, token)) = RUNTIME_SCOPE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == lowered)
    {
        return Some(token);
    }
    let stem = lowered
        .strip_suffix("_api")
        .filter(|stem| !stem.is_empty())
        .unwrap_or(&lowered);
    let squashed: String = stem.chars().filter(|ch| *ch != '_').collect();
    Schema::get()
        .oauth_scopes
        .iter()
        .find(|scope| scope.token.to_ascii_lowercase() == squashed)
        .map(|scope| scope.token.as_str())
}

fn family(address: &IpAddr) -> &'static str {
    if address.is_ipv4() { "IPv4" } else { "IPv6" }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::checks::test_support::{project, render_fix, render_project_diagnostics};

    fn check(fixture: &str, expect: Expect) {
        expect.assert_eq(&render_project_diagnostics(&project(fixture)));
    }

    const SYMPHONIX_HEADER: &str = r#"//- /force-app/main/default/externalClientApps/Symphonix_MCP.eca-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <distributionState>Packaged</distributionState>
    <label>Symphonix MCP</label>
    <orgScopedExternalApp>00DHo0000017nfN:Symphonix_MCP</orgScopedExternalApp>
</ExternalClientApplication>
"#;

    fn policies(path: &str, reference: &str) -> String {
        format!(
            "//- {path}\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <externalClientApplication>{reference}</externalClientApplication>\n    <label>App</label>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        )
    }

    #[test]
    fn a_namespaced_reference_matches_the_header_without_namespace() {
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}",
            policies(
                "/force-app/main/default/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "w22loan__Symphonix_MCP"
            )
        );
        check(&fixture, expect![[""]]);
    }

    #[test]
    fn a_project_with_only_the_header_is_quiet() {
        check(
            r#"//- /force-app/main/default/externalClientApps/Field_Create_MDAPI.eca-meta.xml
<?xml version="1.0" encoding="UTF-8"?>
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <distributionState>Packaged</distributionState>
    <label>Field Create MDAPI</label>
    <orgScopedExternalApp>00D0o000001RuTm:Field_Create_MDAPI</orgScopedExternalApp>
</ExternalClientApplication>
"#,
            expect![[""]],
        );
    }

    #[test]
    fn a_namespaced_typo_keeps_its_namespace_in_the_fix() {
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}",
            policies(
                "/force-app/main/default/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "w22loan__Symphonix_MPC"
            )
        );
        let project = project(&fixture);
        expect![[r#"
            Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:32 warning[ECA-REF-001] no app header is named `Symphonix_MPC`; it is close to the app `Symphonix_MCP` (Symphonix_MCP.eca-meta.xml): unless `Symphonix_MPC` already exists in the target org, deploying Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml fails
              related Symphonix_MCP.eca-meta.xml:2:2 the header of `Symphonix_MCP`
              fix* Change to `w22loan__Symphonix_MCP`
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /force-app/main/default/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                <externalClientApplication>w22loan__Symphonix_MCP</externalClientApplication>
                <label>App</label>
            </ExtlClntAppOauthConfigurablePolicies>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-REF-001",
            "Change to `w22loan__Symphonix_MCP`",
        ));
    }

    #[test]
    fn a_project_without_any_header_gives_nothing_to_compare_against() {
        check(
            &policies(
                "/p/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Billing",
            ),
            expect![[""]],
        );
    }

    #[test]
    fn a_label_or_a_case_slip_names_the_header() {
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}{}",
            policies(
                "/p/extlClntAppOauthPolicies/A.ecaOauthPlcy-meta.xml",
                "Symphonix MCP"
            ),
            policies(
                "/p/extlClntAppOauthPolicies/B.ecaOauthPlcy-meta.xml",
                "symphonix_mcp"
            ),
        );
        check(
            &fixture,
            expect![[r#"
                A.ecaOauthPlcy-meta.xml:3:32 warning[ECA-REF-001] no app header is named `Symphonix MCP`; it is the label, not the API name, of the app `Symphonix_MCP` (Symphonix_MCP.eca-meta.xml): unless `Symphonix MCP` already exists in the target org, deploying A.ecaOauthPlcy-meta.xml fails
                  related Symphonix_MCP.eca-meta.xml:2:2 the header of `Symphonix_MCP`
                  fix* Change to `Symphonix_MCP`
                B.ecaOauthPlcy-meta.xml:3:32 warning[ECA-REF-001] no app header is named `symphonix_mcp`; it differs only in letter case from the app `Symphonix_MCP` (Symphonix_MCP.eca-meta.xml): unless `symphonix_mcp` already exists in the target org, deploying B.ecaOauthPlcy-meta.xml fails
                  related Symphonix_MCP.eca-meta.xml:2:2 the header of `Symphonix_MCP`
                  fix* Change to `Symphonix_MCP`
            "#]],
        );
    }

    #[test]
    fn an_app_without_header_is_a_warning_and_an_empty_reference_an_error() {
        // Two apps in one project: the complete one is quiet.
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}{}{}",
            policies(
                "/p/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Symphonix_MCP"
            ),
            policies(
                "/p/extlClntAppOauthPolicies/Billing_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Billing"
            ),
            policies(
                "/p/extlClntAppOauthPolicies/Empty.ecaOauthPlcy-meta.xml",
                ""
            ),
        );
        check(
            &fixture,
            expect![[r#"
                Billing_oauthPlcy.ecaOauthPlcy-meta.xml:3:32 warning[ECA-REF-001] this project has no header for the app `Billing` (`externalClientApps/Billing.eca-meta.xml`): unless `Billing` already exists in the target org, deploying Billing_oauthPlcy.ecaOauthPlcy-meta.xml fails
                Empty.ecaOauthPlcy-meta.xml:3:6 error[ECA-REF-001] `externalClientApplication` is empty: this component names no app, so no deploy can attach it; write the API name of its External Client App
            "#]],
        );
    }

    fn header(org_scoped: &str) -> String {
        format!(
            "//- /force-app/main/default/externalClientApps/Portal.eca-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <distributionState>Local</distributionState>\n    <label>Portal</label>\n    <orgScopedExternalApp>{org_scoped}</orgScopedExternalApp>\n</ExternalClientApplication>\n"
        )
    }

    #[test]
    fn org_scoped_name_placeholders_are_only_information() {
        check(
            &header("REDACTED_ORG_ID:Portal"),
            expect![[r#"
                Portal.eca-meta.xml:5:27 information[ECA-REF-002] `REDACTED_ORG_ID` in `orgScopedExternalApp` is a placeholder, not an org id: replace it with the id of the org that owns the app (15 or 18 characters starting `00D`) before deploying, or remove the element and let the first deploy fill it in
                  fix Remove `orgScopedExternalApp` (the first deploy fills it in)
            "#]],
        );
        check(
            &header("${ORG_ID}:Portal"),
            expect![[r#"
            Portal.eca-meta.xml:5:27 information[ECA-REF-002] `${ORG_ID}` in `orgScopedExternalApp` is a placeholder, not an org id: replace it with the id of the org that owns the app (15 or 18 characters starting `00D`) before deploying, or remove the element and let the first deploy fill it in
              fix Remove `orgScopedExternalApp` (the first deploy fills it in)
        "#]],
        );
        // A template placeholder is `invalid-value`'s to report, once.
        check(
            &header("{{ORG_ID}}:Portal"),
            expect![[r#"
                Portal.eca-meta.xml:5:27 error[invalid-value] `orgScopedExternalApp` of `ExternalClientApplication` holds the unfilled template placeholder `{{ORG_ID}}`: replace it with a real value before deploying
            "#]],
        );
    }

    #[test]
    fn org_scoped_name_with_a_bad_id_or_another_app() {
        check(
            &header("00D5g000004SGt:Portal"),
            expect![[r#"
                Portal.eca-meta.xml:5:27 warning[ECA-REF-002] `00D5g000004SGt` in `orgScopedExternalApp` is not an org id: org ids are 15 or 18 letters and digits starting `00D`
                  fix Remove `orgScopedExternalApp` (the first deploy fills it in)
            "#]],
        );
        check(
            &header("Portal"),
            expect![[r#"
                Portal.eca-meta.xml:5:27 warning[ECA-REF-002] `orgScopedExternalApp` should be `<org Id>:Portal` (for example `00D5g000004SGtF:Portal`); found `Portal`
                  fix Remove `orgScopedExternalApp` (the first deploy fills it in)
            "#]],
        );
        let project = project(&header("00D5g000004SGtFEAW:Old_Portal"));
        expect![[r#"
            Portal.eca-meta.xml:5:27 warning[ECA-REF-002] `orgScopedExternalApp` names the app `Old_Portal`, but this header is `Portal` (from its file name Portal.eca-meta.xml); the part after the colon must be this app's API name
              fix* Change to `00D5g000004SGtFEAW:Portal`
              fix Remove `orgScopedExternalApp` (the first deploy fills it in)
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        check(&header("00D5g000004SGtFEAW:Portal"), expect![[""]]);
    }

    fn oauth_settings(link: &str) -> String {
        format!(
            "//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n    <oauthLink>{link}</oauthLink>\n</ExtlClntAppOauthSettings>\n"
        )
    }

    #[test]
    fn oauth_link_from_the_same_org_is_a_hint_and_from_another_a_warning() {
        let same = format!(
            "{}{}",
            header("00D5g000004SGtF:Portal"),
            oauth_settings("00D5g000004SGtF:888J1000000XkiL")
        );
        check(
            &same,
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:6:16 hint[ECA-REF-003] `oauthLink` ties these OAuth settings to the org `00D5g000004SGtF`: remove it before deploying to another org (there a value from this org fails the deploy; without it a new link is generated)
                  fix Remove `oauthLink` (a new one is generated on deploy)
            "#]],
        );
        let other = format!(
            "{}{}",
            header("00D5g000004SGtF:Portal"),
            oauth_settings("00DWD00000BpPVt:888WD000000BWZF")
        );
        let project = project(&other);
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:6:16 warning[ECA-REF-003] `oauthLink` points into the org `00DWD00000BpPVt`, but the header's `orgScopedExternalApp` names the org `00D5g000004SGtF`: these files come from two orgs, and deploying to either fails on the link that does not match
              related Portal.eca-meta.xml:5:27 the org the header belongs to
              fix* Remove `oauthLink` (a new one is generated on deploy)
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <?xml version="1.0" encoding="UTF-8"?>
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
            </ExtlClntAppOauthSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-REF-003",
            "Remove `oauthLink` (a new one is generated on deploy)",
        ));
    }

    #[test]
    fn oauth_link_placeholders_and_malformed_values() {
        let fixture = format!(
            "{}{}",
            header("00D5g000004SGtF:Portal"),
            oauth_settings("REDACTED_ORG_SCOPED_ID")
        );
        check(
            &fixture,
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:6:16 information[ECA-REF-003] `oauthLink` holds the placeholder `REDACTED_ORG_SCOPED_ID`: deployed as is, a value that matches no OAuth consumer of the target org fails the deploy; replace it with `<org Id>:<OAuth consumer Id>` or remove it so that it is generated
                  fix* Remove `oauthLink` (a new one is generated on deploy)
            "#]],
        );
        check(
            &oauth_settings("00D5g000004SGtF:888"),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:6:16 warning[ECA-REF-003] `oauthLink` should be `<org Id>:<OAuth consumer Id>` (two 15- or 18-character ids, the first starting `00D`); found `00D5g000004SGtF:888`
                  fix* Remove `oauthLink` (a new one is generated on deploy)
            "#]],
        );
    }

    #[test]
    fn execute_handler_as_without_a_handler_has_no_effect() {
        check(
            r#"//- /p/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <executeHandlerAs>integration@example.com</executeHandlerAs>
    <externalClientApplication>Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
"#,
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:6 warning[ECA-REF-004] `executeHandlerAs` names the user that runs the `apexHandler` class, but these policies have no `apexHandler`: it has no effect
                  fix* Remove `executeHandlerAs`
            "#]],
        );
        check(
            r#"//- /p/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
    <apexHandler>acme.PortalHandler</apexHandler>
    <executeHandlerAs>integration@example.com</executeHandlerAs>
    <externalClientApplication>w22loan__Portal</externalClientApplication>
</ExtlClntAppOauthConfigurablePolicies>
//- /p/externalClientApps/Portal.eca-meta.xml
<ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Portal</label>
</ExternalClientApplication>
"#,
            expect![[""]],
        );
    }

    fn policies_with(field_xml: &str) -> String {
        format!(
            "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /p/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    {field_xml}\n    <externalClientApplication>Portal</externalClientApplication>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        )
    }

    #[test]
    fn custom_scopes_point_at_each_item() {
        check(
            &policies_with(
                "<commaSeparatedCustomScopes>Orders_Read, api, Orders Write,Inventory</commaSeparatedCustomScopes>",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:46 information[ECA-REF-005] `api` is the standard OAuth scope `Api`, which belongs in `commaSeparatedOauthScopes` of the OAuth settings; `commaSeparatedCustomScopes` takes the API names of custom scopes (OauthCustomScope)
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:51 information[ECA-REF-005] `Orders Write` is not an API name: custom scopes are named with letters, digits and underscores
            "#]],
        );
    }

    #[test]
    fn permission_set_ids_but_not_names() {
        check(
            &policies_with(
                "<commaSeparatedPermissionSet>Portal_Users, 0PS5g000004SGtF, 0PSDisplayName_x</commaSeparatedPermissionSet>",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:48 information[ECA-REF-006] `0PS5g000004SGtF` looks like a permission set ID: the field's docs ask for IDs, while the docs' sample and practitioners use API names (and report IDs rejected); an ID names the permission set of one org only
            "#]],
        );
    }

    #[test]
    fn duplicate_custom_attribute_keys_are_duplicate_elements() {
        check(
            &policies_with(
                "<customAttributes><formula>User.Email</formula><key>mail</key></customAttributes>\n    <customAttributes><formula>User.Phone</formula><key>phone</key></customAttributes>\n    <customAttributes><formula>User.Title</formula><key>mail</key></customAttributes>",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:4:57 error[duplicate-element] the `key` `mail` is used by another `customAttributes` of `ExtlClntAppOauthConfigurablePolicies`; each `key` must be unique
                  related Portal_oauthPlcy.ecaOauthPlcy-meta.xml:2:57 first use of `mail`
                  fix Remove this `customAttributes`
            "#]],
        );
    }

    fn ip_range(start: &str, end: &str) -> String {
        format!(
            "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n    <trustedIpRanges>\n        <endIpAddress>{end}</endIpAddress>\n        <startIpAddress>{start}</startIpAddress>\n    </trustedIpRanges>\n</ExtlClntAppOauthSettings>\n"
        )
    }

    #[test]
    fn trusted_ip_ranges_must_be_addresses_of_one_family_in_order() {
        check(
            &ip_range("10.0.0.300", "10.0.0.1"),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:7:25 warning[ECA-REF-009] `10.0.0.300` is not an IPv4 or IPv6 address, so this trusted IP range matches nothing
            "#]],
        );
        check(
            &ip_range("10.0.0.1", "::1"),
            expect![[r#"
                Portal_oauth.ecaOauth-meta.xml:6:23 warning[ECA-REF-009] this range starts at the IPv4 address `10.0.0.1` and ends at the IPv6 address `::1`: both ends must be of one family
                  related Portal_oauth.ecaOauth-meta.xml:7:25 the start of the range
            "#]],
        );
        let project = project(&ip_range("2001:db8::ff", "2001:db8::1"));
        expect![[r#"
            //- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedOauthScopes>Api</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
                <trustedIpRanges>
                    <endIpAddress>2001:db8::ff</endIpAddress>
                    <startIpAddress>2001:db8::1</startIpAddress>
                </trustedIpRanges>
            </ExtlClntAppOauthSettings>
        "#]]
        .assert_eq(&render_fix(
            &project,
            "ECA-REF-009",
            "Swap the start and end addresses",
        ));
        check(&ip_range("2001:db8::1", "2001:db8::ff"), expect![""]);
    }

    fn scopes(value: &str) -> String {
        format!(
            "//- /p/externalClientApps/Portal.eca-meta.xml\n<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <label>Portal</label>\n</ExternalClientApplication>\n//- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <commaSeparatedOauthScopes>{value}</commaSeparatedOauthScopes>\n    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n</ExtlClntAppOauthSettings>\n"
        )
    }

    #[test]
    fn scope_tokens_real_orgs_accept_are_quiet() {
        check(
            &scopes(
                "Basic, Api, Web, Full, Chatter, CustomApplications, RefreshToken, OpenID, CustomPermissions, Wave, Eclair, Pardot, Lightning, Content, CDPIngest, CDPProfile, CDPQuery, Chatbot, CDPSegment, CDPIdentityResolution, ForgotPassword, CDPCalculatedInsight, UserRegistration, SFApiPlatform, Interaction, CDP, EinsteinGPT, PwdlessLogin, MCP, SCRT, DataCloudUserClaims, OfflineAccess, Email, Address, Phone, Profile",
            ),
            expect![[""]],
        );
    }

    #[test]
    fn scope_tokens_suggest_the_metadata_token() {
        let project = project(&scopes(
            "api, refresh_token,sfap_api, Refreshtoken, RefresToken, Orders_Read",
        ));
        expect![[r#"
            Portal_oauth.ecaOauth-meta.xml:2:32 warning[ECA-REF-010] `api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `Api`
              fix* Change to `Api`
            Portal_oauth.ecaOauth-meta.xml:2:37 warning[ECA-REF-010] `refresh_token` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `RefreshToken`
              fix* Change to `RefreshToken`
            Portal_oauth.ecaOauth-meta.xml:2:51 warning[ECA-REF-010] `sfap_api` is the scope's run-time name (as in the `scope` parameter); in metadata the token is `SFApiPlatform`
              fix* Change to `SFApiPlatform`
            Portal_oauth.ecaOauth-meta.xml:2:61 warning[ECA-REF-010] `Refreshtoken` is spelled `RefreshToken`: scope tokens are case-sensitive
              fix* Change to `RefreshToken`
            Portal_oauth.ecaOauth-meta.xml:2:75 warning[ECA-REF-010] `RefresToken` is not an OAuth scope token; did you mean `RefreshToken`?
              fix* Change to `RefreshToken`
            Portal_oauth.ecaOauth-meta.xml:2:88 warning[ECA-REF-010] `Orders_Read` is not an OAuth scope token eca-ls knows (such as `Api`, `RefreshToken`, `OpenID`); a custom scope belongs in `commaSeparatedCustomScopes` of the OAuth policies
        "#]]
        .assert_eq(&render_project_diagnostics(&project));
        expect![[r#"
            //- /p/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
            <ExtlClntAppOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">
                <commaSeparatedOauthScopes>api, RefreshToken,sfap_api, Refreshtoken, RefresToken, Orders_Read</commaSeparatedOauthScopes>
                <externalClientApplication>Portal</externalClientApplication>
                <label>Portal</label>
            </ExtlClntAppOauthSettings>
        "#]]
        .assert_eq(&render_fix(&project, "ECA-REF-010", "Change to `RefreshToken`"));
    }

    #[test]
    fn a_second_oauth_policies_file_for_one_app() {
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}{}",
            policies(
                "/p/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Symphonix_MCP"
            ),
            policies(
                "/p/extlClntAppOauthPolicies/Symphonix_MCP_defaultPolicy.ecaOauthPlcy-meta.xml",
                "w22loan__Symphonix_MCP"
            ),
        );
        check(
            &fixture,
            expect![[r#"
                Symphonix_MCP_defaultPolicy.ecaOauthPlcy-meta.xml:3:6 information[ECA-REF-011] the app `Symphonix_MCP` has 2 OAuth policies files; besides this one: Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml (another name for the same app's policies). An app has one set of OAuth policies (Setup names it `Symphonix_MCP_oauthPlcy`, tools often `Symphonix_MCP_oauth_defaultPolicy`): keep one file and merge what you need into it
                  related Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 another OAuth policies file of the same app
                Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 information[ECA-REF-011] the app `Symphonix_MCP` has 2 OAuth policies files; besides this one: Symphonix_MCP_defaultPolicy.ecaOauthPlcy-meta.xml (another name for the same app's policies). An app has one set of OAuth policies (Setup names it `Symphonix_MCP_oauthPlcy`, tools often `Symphonix_MCP_oauth_defaultPolicy`): keep one file and merge what you need into it
                  related Symphonix_MCP_defaultPolicy.ecaOauthPlcy-meta.xml:3:6 another OAuth policies file of the same app
            "#]],
        );
    }

    #[test]
    fn a_second_oauth_policies_file_of_the_same_name_is_named_by_its_path() {
        let fixture = format!(
            "{SYMPHONIX_HEADER}{}{}",
            policies(
                "/p/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Symphonix_MCP"
            ),
            policies(
                "/q/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml",
                "Symphonix_MCP"
            ),
        );
        check(
            &fixture,
            expect![[r#"
                Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 information[ECA-REF-011] the app `Symphonix_MCP` has 2 OAuth policies files; besides this one: /q/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml (the same file name in another folder). An app has one set of OAuth policies (Setup names it `Symphonix_MCP_oauthPlcy`, tools often `Symphonix_MCP_oauth_defaultPolicy`): keep one file and merge what you need into it
                  related Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 another OAuth policies file of the same app
                Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 information[ECA-REF-011] the app `Symphonix_MCP` has 2 OAuth policies files; besides this one: /p/extlClntAppOauthPolicies/Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml (the same file name in another folder). An app has one set of OAuth policies (Setup names it `Symphonix_MCP_oauthPlcy`, tools often `Symphonix_MCP_oauth_defaultPolicy`): keep one file and merge what you need into it
                  related Symphonix_MCP_oauthPlcy.ecaOauthPlcy-meta.xml:3:6 another OAuth policies file of the same app
            "#]],
        );
    }

    /// Only ECA-REF-012's findings of the fixture's project.
    fn check_component_files(fixture: &str, expect: Expect) {
        let rendered = render_project_diagnostics(&project(fixture));
        let mut lines = Vec::new();
        let mut keep = false;
        for line in rendered.lines() {
            if !line.starts_with(' ') {
                keep = line.contains("[ECA-REF-012]");
            }
            if keep {
                lines.push(line);
            }
        }
        let actual: String = lines.iter().map(|line| format!("{line}\n")).collect();
        expect.assert_eq(&actual);
    }

    fn component_fixture(files: &[&str], policies_lines: &str) -> String {
        let mut fixture = String::new();
        for path in files {
            fixture.push_str(&format!("//- /force-app/main/default/{path}\n<x/>\n"));
        }
        fixture.push_str(&format!(
            "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n{policies_lines}    <externalClientApplication>Portal</externalClientApplication>\n    <label>Portal</label>\n    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>\n</ExtlClntAppOauthConfigurablePolicies>\n"
        ));
        fixture
    }

    const NAMED_COMPONENTS: &str = "    <apexHandler>PortalHandler</apexHandler>\n    <commaSeparatedCustomScopes>Orders_Read</commaSeparatedCustomScopes>\n    <commaSeparatedPermissionSet>Portal_Admins, Portal_Api_Users, 0PS5g000004SGtFGAW, acme__Packaged</commaSeparatedPermissionSet>\n    <commaSeparatedProfile>System Administrator, Custom: Support, standard user</commaSeparatedProfile>\n";

    #[test]
    fn a_named_component_without_a_file_is_noted_where_the_project_holds_that_type() {
        check_component_files(
            &component_fixture(
                &[
                    "classes/OtherHandler.cls",
                    "classes/OtherHandler.cls-meta.xml",
                    "permissionsets/Portal_Admins.permissionset-meta.xml",
                    "profiles/Admin.profile-meta.xml",
                ],
                NAMED_COMPONENTS,
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:3:18 information[ECA-REF-012] this project has no `classes/PortalHandler.cls-meta.xml` for the Apex class `PortalHandler`, though it holds other files in `classes/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:5:49 information[ECA-REF-012] this project has no `permissionsets/Portal_Api_Users.permissionset-meta.xml` for the permission set `Portal_Api_Users`, though it holds other files in `permissionsets/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:50 information[ECA-REF-012] this project has no `profiles/Custom%3A Support.profile-meta.xml` for the profile `Custom: Support`, though it holds other files in `profiles/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:6:67 information[ECA-REF-012] this project has no `profiles/Standard.profile-meta.xml` for the profile `standard user` (the standard profile `standard user` is retrieved as `Standard`), though it holds other files in `profiles/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app
            "#]],
        );
    }

    #[test]
    fn nothing_is_noted_where_the_project_holds_no_file_of_the_type_or_has_the_file() {
        // No classes, permission sets, profiles or scopes at all: the org holds them.
        check_component_files(&component_fixture(&[], NAMED_COMPONENTS), expect![""]);
        check_component_files(
            &component_fixture(
                &[
                    "classes/PortalHandler.cls",
                    "oauthcustomscopes/Orders_Read.oauthcustomscope-meta.xml",
                    "permissionsets/Portal_Admins.permissionset-meta.xml",
                    "permissionsets/portal_api_users.permissionset-meta.xml",
                    "profiles/Admin.profile-meta.xml",
                    "profiles/Custom%3A Support.profile-meta.xml",
                    "profiles/Standard.profile-meta.xml",
                ],
                NAMED_COMPONENTS,
            ),
            expect![""],
        );
        // A file outside its type's folder holds nothing.
        check_component_files(
            &component_fixture(
                &[
                    "permissionsets/Portal_Admins.permissionset-meta.xml",
                    "misc/Portal_Api_Users.permissionset-meta.xml",
                ],
                "    <commaSeparatedPermissionSet>Portal_Admins, Portal_Api_Users</commaSeparatedPermissionSet>\n",
            ),
            expect![[r#"
                Portal_oauthPlcy.ecaOauthPlcy-meta.xml:3:49 information[ECA-REF-012] this project has no `permissionsets/Portal_Api_Users.permissionset-meta.xml` for the permission set `Portal_Api_Users`, though it holds other files in `permissionsets/`: only information, since the target org may already have it; if it does not, add the file so that it deploys with the app
            "#]],
        );
    }
}
