//! Rules on the OAuth policies' refresh-token and session settings: validity settings that
//! apply only to some refresh-token policies, session levels, and who is pre-authorized.

use crate::checks::rules::conditions::{
    GLOBAL, POLICIES, PREAUTHORIZED_USERS, Status, portal_global, portal_policies,
};
use crate::checks::rules::sources::{HEADLESS_POLICIES, IDLE_TTL_PAGE, POLICIES_PAGE};
use crate::checks::rules::{AppContext, Check, FileContext, FindingExt, Findings, Rule};
use crate::model::codes::{self, CodeInfo};
use crate::model::diagnostic::DiagnosticTag;
use crate::model::diagnostic::Severity;
use crate::model::file_kind::file_name;

/// The refresh-token policies that use a validity period and unit.
const POLICIES_WITH_VALIDITY: &[&str] = &["SpecificInactivity", "SpecificLifetime"];

/// What a fix inserts for a missing validity: Setup's default, one year.
const DEFAULT_VALIDITY_PERIOD: &str = "365";
const DEFAULT_VALIDITY_UNIT: &str = "Days";

pub(super) const RULES: &[Rule] = &[
    VALIDITY_IGNORED,
    VALIDITY_MISSING,
    VALIDITY_VALUES,
    INFINITE_UNDER_IDLE_LIMIT,
    RAISE_SESSION_LEVEL_WITHOUT_LEVEL,
    NOBODY_PREAUTHORIZED,
    LISTS_IGNORED_WHEN_SELF_AUTHORIZED,
];

const VALIDITY_IGNORED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-RT-001",
        default_severity: Severity::Warning,
        title: "A refresh-token validity that the refresh-token policy ignores",
        explanation: "`refreshTokenValidityPeriod` and `refreshTokenValidityUnit` say how long refresh tokens live (`SpecificLifetime`) or may sit unused (`SpecificInactivity`). With `Infinite` (valid until revoked) or `Zero` (expire at once) Salesforce ignores them, so a validity there means the author expected a limit that does not exist — with `Infinite` refresh tokens never expire. Either remove the validity or choose the policy it was meant for. A period of `0` without a unit is not reported: that is what Salesforce writes for `Zero` and `Infinite` on retrieve. A policy that is not set at all is not judged either, since its default is not documented. It is a warning because the configured limit silently does not apply.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>Infinite</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityPeriod",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityUnit",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType",
    ],
    check: Check::File(validity_ignored),
};

fn validity_ignored(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES {
        return;
    }
    let Some(policy) = policies.text("refreshTokenPolicyType") else {
        return;
    };
    if POLICIES_WITH_VALIDITY.contains(&&*policy) {
        return;
    }
    let period = policies.text("refreshTokenValidityPeriod");
    let unit = policies.text("refreshTokenValidityUnit");
    // Retrieve writes `<refreshTokenValidityPeriod>0</...>` under `Zero` and `Infinite`.
    let period = period.filter(|period| !(period == "0" && unit.is_none()));
    let (at, shown) = match (&period, &unit) {
        (Some(period), Some(unit)) => (
            policies.at("refreshTokenValidityPeriod"),
            format!("{period} {unit}"),
        ),
        (Some(period), None) => (
            policies.at("refreshTokenValidityPeriod"),
            period.to_string(),
        ),
        (None, Some(unit)) => (policies.at("refreshTokenValidityUnit"), unit.to_string()),
        (None, None) => return,
    };
    let mut remove = policies.remove("refreshTokenValidityPeriod");
    remove.extend(policies.remove("refreshTokenValidityUnit"));
    let consequence = if policy == "Infinite" {
        "refresh tokens stay valid until revoked"
    } else {
        "refresh tokens are not kept at all"
    };
    findings
        .report(
            at,
            format!(
                "the refresh-token validity ({shown}) is ignored: `refreshTokenPolicyType` is `{policy}`, so {consequence}; `refreshTokenValidityPeriod` and `refreshTokenValidityUnit` apply only to `SpecificLifetime` and `SpecificInactivity`"
            ),
        )
        .related(
            policies.at("refreshTokenPolicyType"),
            "the policy that ignores the validity",
        )
        .tag(DiagnosticTag::Unnecessary)
        .ignored_setting_removal("Remove the refresh-token validity", remove, false)
        .fix(
            "Set `refreshTokenPolicyType` to `SpecificLifetime` so the validity applies",
            vec![policies.set("refreshTokenPolicyType", "SpecificLifetime")],
        );
}

const VALIDITY_MISSING: Rule = Rule {
    info: CodeInfo {
        code: "ECA-RT-002",
        default_severity: Severity::Warning,
        title: "A refresh-token policy that needs a validity lacks one",
        explanation: "`refreshTokenPolicyType` `SpecificLifetime` (expire a fixed time after issue) and `SpecificInactivity` (expire after a time unused) take their time from `refreshTokenValidityPeriod` and `refreshTokenValidityUnit` (`Days`, `Hours` or `Months`). Without both, the limit is undefined. The quick fix inserts what is missing, using Setup's default of 365 days (or a period suited to the unit already there); adjust it to your needs. The docs describe the fields but not what happens without them, so this rule is inferred and a warning.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityPeriod",
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityUnit",
    ],
    check: Check::File(validity_missing),
};

fn validity_missing(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES {
        return;
    }
    let Some(policy) = policies.text("refreshTokenPolicyType") else {
        return;
    };
    if !POLICIES_WITH_VALIDITY.contains(&&*policy) {
        return;
    }
    let period = policies.text("refreshTokenValidityPeriod");
    let unit = policies.text("refreshTokenValidityUnit");
    let (missing, edits) = match (&period, &unit) {
        (Some(_), Some(_)) => return,
        (None, None) => (
            "`refreshTokenValidityPeriod` and `refreshTokenValidityUnit` are",
            vec![
                policies.set("refreshTokenValidityPeriod", DEFAULT_VALIDITY_PERIOD),
                policies.set("refreshTokenValidityUnit", DEFAULT_VALIDITY_UNIT),
            ],
        ),
        (None, Some(unit)) => (
            "`refreshTokenValidityPeriod` is",
            vec![policies.set("refreshTokenValidityPeriod", default_period_for(unit))],
        ),
        (Some(_), None) => (
            "`refreshTokenValidityUnit` is",
            vec![policies.set("refreshTokenValidityUnit", DEFAULT_VALIDITY_UNIT)],
        ),
    };
    let title = match (&period, &unit) {
        (None, Some(unit)) => format!(
            "Set `refreshTokenValidityPeriod` to {} ({unit})",
            default_period_for(unit)
        ),
        (Some(period), None) => {
            format!("Set `refreshTokenValidityUnit` to `{DEFAULT_VALIDITY_UNIT}` ({period} days)")
        }
        _ => format!(
            "Set the refresh-token validity to {DEFAULT_VALIDITY_PERIOD} {DEFAULT_VALIDITY_UNIT}"
        ),
    };
    findings
        .report(
            policies.at("refreshTokenPolicyType"),
            format!(
                "`refreshTokenPolicyType` `{policy}` limits refresh tokens by a validity, but {missing} not set, so the limit is undefined"
            ),
        )
        .preferred_fix(title, edits);
}

/// A period that makes sense for a unit a file already has.
fn default_period_for(unit: &str) -> &'static str {
    match unit {
        "Hours" => "24",
        "Months" => "12",
        _ => DEFAULT_VALIDITY_PERIOD,
    }
}

const VALIDITY_VALUES: Rule = Rule {
    info: CodeInfo {
        code: "ECA-RT-003",
        default_severity: Severity::Error,
        title: "refreshTokenValidityUnit and ipRelaxationPolicyType accept only listed values",
        explanation: "`refreshTokenValidityUnit` must be `Days`, `Hours` or `Months`, and `ipRelaxationPolicyType` must be `Enforce`, `Bypass`, `Bypass_2factor` or `Enforce_relaxrefresh`. The WSDL types both as plain strings, so only the deploy checks them. The structural code `invalid-value` reports other values; this rule documents the lists. The type's page spells the last value `Enforce_RelaxRefresh`, but Salesforce writes `Enforce_relaxrefresh` in retrieved files and its deploy validation names that spelling, so eca-ls follows what Salesforce writes and reports the page's spelling as a warning with a safe fix (see `eca-ls explain invalid-value`).",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>2</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Weeks</refreshTokenValidityUnit>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>",
            "<refreshTokenValidityPeriod>14</refreshTokenValidityPeriod>",
            "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenValidityUnit",
        "ExtlClntAppOauthConfigurablePolicies.ipRelaxationPolicyType",
    ],
    check: Check::Structural(codes::INVALID_VALUE),
};

/// The undocumented switch Salesforce writes for the 30-day idle refresh-token limit.
const IDLE_LIMIT_SWITCH: &str = "isEnforceRefreshTokenTTL";

const INFINITE_UNDER_IDLE_LIMIT: Rule = Rule {
    info: CodeInfo {
        code: "ECA-RT-004",
        default_severity: Severity::Information,
        title: "Refresh tokens valid until revoked, while the idle refresh-token limit is on",
        explanation: "Help's *Limit the Idle Refresh Token TTL in External Client Apps* says of the policy *Refresh token is valid until revoked* (`refreshTokenPolicyType` `Infinite`): \"This policy is no longer valid with the idle TTL limit enforced. In the UI, this option becomes hidden and the policy selection changes to 'Expire refresh token if not used for specific time' with the validity period set to 30 days. Salesforce doesn't automatically update the app's metadata to reflect this change.\" The limit is required of partner apps from 2026 (*Secure Your Connected Apps and External Client Apps*).\n\nThe limit's switch is not on any Metadata API page; files Salesforce retrieves carry it as `isEnforceRefreshTokenTTL` in the global OAuth settings (eca-ls reports that field as undocumented, with where it was seen). eca-ls notes OAuth policies that say `Infinite` while the same app's global OAuth settings say `isEnforceRefreshTokenTTL` `true`: the file says tokens last until revoked, the org expires a refresh token unused for 30 days. **Information**: nothing fails, but the file no longer says what the org does. The fix writes what the org applies (`SpecificInactivity`, 30 `Days`); it is unsafe, since deployed to an org without the limit it shortens the refresh tokens' life. Without the global OAuth settings in the project eca-ls cannot tell, and says nothing.",
        example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isEnforceRefreshTokenTTL>true</isEnforceRefreshTokenTTL>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<refreshTokenPolicyType>Infinite</refreshTokenPolicyType>",
            ),
        ),
        fixed_example: concat!(
            portal_global!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<isEnforceRefreshTokenTTL>true</isEnforceRefreshTokenTTL>",
                "<label>Portal</label>",
            ),
            portal_policies!(
                "<externalClientApplication>Portal</externalClientApplication>",
                "<label>Portal</label>",
                "<refreshTokenPolicyType>SpecificInactivity</refreshTokenPolicyType>",
                "<refreshTokenValidityPeriod>30</refreshTokenValidityPeriod>",
                "<refreshTokenValidityUnit>Days</refreshTokenValidityUnit>",
            ),
        ),
        sources: &[IDLE_TTL_PAGE, POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.refreshTokenPolicyType",
        "ExtlClntAppGlobalOauthSettings.isEnforceRefreshTokenTTL",
    ],
    check: Check::App(infinite_under_idle_limit),
};

fn infinite_under_idle_limit(context: &AppContext, findings: &mut Findings) {
    let Some(global) = context
        .components(GLOBAL)
        .into_iter()
        .find(|global| global.is_true(IDLE_LIMIT_SWITCH))
    else {
        return;
    };
    for policies in context.components(POLICIES) {
        if policies.text("refreshTokenPolicyType").as_deref() != Some("Infinite") {
            continue;
        }
        findings
            .report(
                policies.at("refreshTokenPolicyType"),
                format!(
                    "`refreshTokenPolicyType` is `Infinite`, but the app's global OAuth settings switch the 30-day idle refresh-token limit on (`{IDLE_LIMIT_SWITCH}` in {}): the org expires a refresh token unused for 30 days, as *Expire refresh token if not used for specific time*, and Salesforce does not update this file to say so",
                    file_name(global.path())
                ),
            )
            .related(global.at(IDLE_LIMIT_SWITCH), "the idle refresh-token limit is on here")
            .fix(
                "Write what the org applies: `SpecificInactivity`, 30 `Days`",
                policies.set_fields(&[
                    ("refreshTokenPolicyType", "SpecificInactivity"),
                    ("refreshTokenValidityPeriod", "30"),
                    ("refreshTokenValidityUnit", "Days"),
                ]),
            );
    }
}

const RAISE_SESSION_LEVEL_WITHOUT_LEVEL: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SES-001",
        default_severity: Severity::Warning,
        title: "policyAction RaiseSessionLevel without requiredSessionLevel",
        explanation: "`policyAction` says what happens when a user's session is below `requiredSessionLevel`: `Block` access, or `RaiseSessionLevel` by asking for extra verification. Without `requiredSessionLevel` there is no level to raise to, so the step-up never happens and the protection the author wanted is missing. Set `requiredSessionLevel` (the quick fix sets `HIGH_ASSURANCE`, the level a step-up usually reaches). It is a warning because access is then less protected than the file suggests.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<policyAction>RaiseSessionLevel</policyAction>",
        ),
        fixed_example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<policyAction>RaiseSessionLevel</policyAction>",
            "<requiredSessionLevel>HIGH_ASSURANCE</requiredSessionLevel>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.policyAction",
        "ExtlClntAppOauthConfigurablePolicies.requiredSessionLevel",
    ],
    check: Check::File(raise_session_level_without_level),
};

fn raise_session_level_without_level(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text("policyAction").as_deref() != Some("RaiseSessionLevel")
        || policies.text("requiredSessionLevel").is_some()
    {
        return;
    }
    findings
        .report(
            policies.at("policyAction"),
            "`policyAction` is `RaiseSessionLevel` but `requiredSessionLevel` is not set: there is no level to raise the session to",
        )
        .preferred_fix(
            "Set `requiredSessionLevel` to `HIGH_ASSURANCE`",
            vec![policies.set("requiredSessionLevel", "HIGH_ASSURANCE")],
        );
}

const NOBODY_PREAUTHORIZED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SES-002",
        default_severity: Severity::Information,
        title: "Admin-approved users, but nobody is pre-authorized",
        explanation: "With `permittedUsersPolicyType` `AdminApprovedPreAuthorized` only users an admin pre-authorized may use the app, and the OAuth policies name them: the permission sets in `commaSeparatedPermissionSet` or the profiles in `commaSeparatedProfile`. (Whether permission sets are listed by ID or by API name, Salesforce's sources disagree: the field's docs say IDs, the docs' sample and practitioners use API names; see ECA-REF-006.) With both empty, the file as written pre-authorizes nobody. It is information rather than a warning because the lists may be meant to be filled in per org after deploy (for example in Setup), which eca-ls cannot see; the rule is inferred from the docs.",
        example: portal_policies!(
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        fixed_example: portal_policies!(
            "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        sources: &[POLICIES_PAGE, HEADLESS_POLICIES],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile",
    ],
    check: Check::File(nobody_preauthorized),
};

fn nobody_preauthorized(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text("permittedUsersPolicyType").as_deref()
            != Some("AdminApprovedPreAuthorized")
    {
        return;
    }
    if let Status::Unmet(_) = PREAUTHORIZED_USERS.check(policies) {
        findings.report(
            policies.at("permittedUsersPolicyType"),
            "only pre-authorized users may use the app (`AdminApprovedPreAuthorized`), but `commaSeparatedPermissionSet` and `commaSeparatedProfile` are empty: as written, nobody is pre-authorized; list the permission sets or profiles of the app's users",
        );
    }
}

const LISTS_IGNORED_WHEN_SELF_AUTHORIZED: Rule = Rule {
    info: CodeInfo {
        code: "ECA-SES-003",
        default_severity: Severity::Information,
        title: "Pre-authorized permission sets or profiles with AllSelfAuthorized",
        explanation: "`commaSeparatedPermissionSet` and `commaSeparatedProfile` name the users an admin pre-authorized, which only matters with `permittedUsersPolicyType` `AdminApprovedPreAuthorized`. With `AllSelfAuthorized` every user may approve the app for themselves and the lists are most likely ignored. Either switch to `AdminApprovedPreAuthorized` if only those users should get in, or remove the lists. The docs do not say what Salesforce does with the lists under `AllSelfAuthorized`, so this is inferred and only information.",
        example: portal_policies!(
            "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AllSelfAuthorized</permittedUsersPolicyType>",
        ),
        fixed_example: portal_policies!(
            "<commaSeparatedPermissionSet>Portal_Users</commaSeparatedPermissionSet>",
            "<externalClientApplication>Portal</externalClientApplication>",
            "<label>Portal</label>",
            "<permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>",
        ),
        sources: &[POLICIES_PAGE],
    },
    involves: &[
        "ExtlClntAppOauthConfigurablePolicies.permittedUsersPolicyType",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedPermissionSet",
        "ExtlClntAppOauthConfigurablePolicies.commaSeparatedProfile",
    ],
    check: Check::File(lists_ignored_when_self_authorized),
};

fn lists_ignored_when_self_authorized(context: &FileContext, findings: &mut Findings) {
    let policies = context.view;
    if policies.type_def.name != POLICIES
        || policies.text("permittedUsersPolicyType").as_deref() != Some("AllSelfAuthorized")
    {
        return;
    }
    for list in ["commaSeparatedPermissionSet", "commaSeparatedProfile"] {
        if policies.text(list).is_none() {
            continue;
        }
        let remove = policies.remove(list);
        findings
            .report(
                policies.at(list),
                format!(
                    "`{list}` names pre-authorized users, but `permittedUsersPolicyType` is `AllSelfAuthorized`: every user may approve the app, so the list is most likely ignored"
                ),
            )
            .related(
                policies.at("permittedUsersPolicyType"),
                "who may use the app",
            )
            .tag(DiagnosticTag::Unnecessary)
            .fix(
                "Set `permittedUsersPolicyType` to `AdminApprovedPreAuthorized`",
                vec![policies.set("permittedUsersPolicyType", "AdminApprovedPreAuthorized")],
            )
            .fix(format!("Remove `{list}`"), remove);
    }
}
