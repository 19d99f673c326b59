//! `eca-ls rules`: every diagnostic code — structural checks and rules — with its severity
//! and title, as a table, as JSON, or as the full Markdown reference kept in `docs/rules.md`.

use std::fmt::Write;
use std::io::Write as _;
use std::process::ExitCode;

use eca_analysis::codes::{self, CodeInfo};
use eca_analysis::rules::{self, Check};
use serde_json::{Value, json};

use super::explain::{ExampleFindings, how_reported, reported_code};
use super::{RulesArgs, RulesFormat};

pub fn run(args: &RulesArgs) -> ExitCode {
    let output = match args.format {
        RulesFormat::Human => human(),
        RulesFormat::Json => json(),
        RulesFormat::Markdown => markdown(),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`eca-ls rules | head`) is not an error worth a panic.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

/// One line per code: code, severity, profile, how it is reported, title.
pub(super) fn human() -> String {
    let all = codes::all_codes();
    let code_width = all.iter().map(|info| info.code.len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in all {
        let kind = match kind(info) {
            Kind::Structural => String::new(),
            Kind::Rule => String::new(),
            Kind::ReportedAs(code) => format!(" (reported as {code})"),
            Kind::HoverOnly => " (hover only)".to_string(),
        };
        let _ = writeln!(
            out,
            "{:code_width$}  {:11}  {:8}  {}{kind}",
            info.code,
            info.default_severity.as_str(),
            codes::profile_of(info.code).as_str(),
            info.title
        );
    }
    out
}

/// `[{"code", "kind", "severity", "profile", "title", "explanation", "reportedAs", "involves",
/// "sources", "control"}]`; `control` (`{"name", "page", "recommended", "risk"}`) for the posture
/// codes, `null` for the rest.
pub(super) fn json() -> String {
    let entries: Vec<Value> = codes::all_codes()
        .into_iter()
        .map(|info| {
            let (kind_name, reported_as) = match kind(info) {
                Kind::Structural => ("structural", None),
                Kind::Rule => ("rule", None),
                Kind::ReportedAs(code) => ("rule", Some(code)),
                Kind::HoverOnly => ("hover", None),
            };
            let involves: Vec<&str> = rules::rule(info.code)
                .map(|rule| rule.involves.to_vec())
                .unwrap_or_default();
            let control = codes::control(info.code).map(|control| {
                json!({
                    "name": control.control,
                    "page": control.page,
                    "recommended": control.recommended,
                    "risk": control.risk,
                })
            });
            json!({
                "code": info.code,
                "kind": kind_name,
                "severity": info.default_severity.as_str(),
                "profile": codes::profile_of(info.code).as_str(),
                "title": info.title,
                "explanation": info.explanation,
                "reportedAs": reported_as,
                "involves": involves,
                "sources": info.sources,
                "control": control,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Value::Array(entries)).unwrap_or_default();
    text.push('\n');
    text
}

/// The two profiles, before the list of codes.
const PROFILES: &str = "Codes belong to a **profile**. The `baseline` codes run in every project. The `strict` codes (`ECA-POSTURE-…`) are posture checks, one for each of Salesforce's security controls for External Client Apps whose setting shows in metadata (the *Review External Client Apps* series in Salesforce Help), plus a few widely asked for beyond it; they are advice, not errors, and run only with `profile = \"strict\"` in `eca-ls.toml`, `ecaLs.profile` in an editor or `eca-ls check --profile strict` (or when `eca-ls.toml` grades one of them). Each names its control page, the recommended value and the risk range the page gives.\n\n";

/// How fixes are classified, before the list of codes.
const FIX_SAFETY: &str = "Fixes are **safe** or **unsafe**. A safe fix cannot change who can log in, which tokens are issued or what they grant, so `eca-ls check --fix` and the editor's *Fix all* (`source.fixAll.eca-ls`) apply it unasked: sorting fields into canonical order, removing a setting Salesforce ignores where it stands (each such fix says so below), fixing a letter-case slip in an element name, a root element or a value (`TRUE` → `true`, `enforce` → `Enforce`), adding the Metadata API namespace, removing a second copy of an element that is the same text as the first, and tidying an unused suppression comment. Every other fix is unsafe: a near name that is not a case slip may be another setting, a duplicate with another value picks a winner, and turning a switch on or off changes what the app does. `eca-ls check --fix --unsafe-fixes` also applies an unsafe fix, but only when it is the single preferred fix of its finding. Each entry lists the fixes its example offers, with their class.\n\n";

/// The reference of every code, as kept in `docs/rules.md`.
pub(super) fn markdown() -> String {
    let mut out = String::new();
    out.push_str("# eca-ls diagnostic codes\n\n");
    out.push_str(
        "<!-- Generated by `eca-ls rules --format markdown > docs/rules.md`; do not edit by hand.\n     A test fails when this file is stale; it says how to regenerate it. -->\n\n",
    );
    out.push_str(
        "Every finding eca-ls reports carries one of these codes. Structural checks look at one file against the schema; rules look at the settings of one file or across the files of one app; a few concern the project's layout (`duplicate-org-settings`, `duplicate-app-header`, `package-directories`) or eca-ls's own comments (`unused-suppression`). Each code can be silenced with a comment (`<!-- eca-ls-disable-next-line CODE -->`; see [silencing findings](configuration.md#silencing-findings)) and re-graded or turned off in `eca-ls.toml` (see [severities](configuration.md#severities)). `eca-ls explain CODE` prints one entry in the terminal. Examples show each file of a small project after a `//- path` line.\n\n",
    );
    out.push_str(PROFILES);
    out.push_str(FIX_SAFETY);
    out.push_str("| code | severity | profile | title |\n|---|---|---|---|\n");
    for info in codes::all_codes() {
        let note = match kind(info) {
            Kind::ReportedAs(code) => format!(" (reported as `{code}`)"),
            Kind::HoverOnly => " (hover only)".to_string(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {}{note} |",
            info.code,
            anchor(info.code),
            info.default_severity,
            codes::profile_of(info.code),
            escape_table(info.title)
        );
    }
    out.push_str("\n## Structural checks\n");
    for info in codes::STRUCTURAL_CODES {
        entry(&mut out, info);
    }
    // Grouped by topic, in the order the topics first appear.
    let mut groups: Vec<(String, Vec<&'static CodeInfo>)> = Vec::new();
    for rule in rules::all_rules() {
        let group = group_name(rule.info.code);
        match groups.iter_mut().find(|(name, _)| *name == group) {
            Some((_, members)) => members.push(&rule.info),
            None => groups.push((group, vec![&rule.info])),
        }
    }
    for (group, members) in groups {
        let _ = write!(out, "\n## {group}\n");
        for info in members {
            entry(&mut out, info);
        }
    }
    out
}

enum Kind {
    Structural,
    Rule,
    ReportedAs(&'static str),
    HoverOnly,
}

fn kind(info: &CodeInfo) -> Kind {
    match rules::rule(info.code).map(|rule| &rule.check) {
        None => Kind::Structural,
        Some(Check::Structural(code)) => Kind::ReportedAs(code),
        Some(Check::HoverOnly) => Kind::HoverOnly,
        Some(_) => Kind::Rule,
    }
}

fn entry(out: &mut String, info: &'static CodeInfo) {
    let _ = write!(
        out,
        "\n### {}\n\n**{}** · {}\n\n{}\n\n",
        info.code, info.default_severity, info.title, info.explanation
    );
    if let Some(how) = how_reported(info) {
        let _ = write!(out, "{how}\n\n");
    }
    if let Some(control) = super::explain::control_lines(info) {
        for line in control {
            let _ = writeln!(out, "{line}  ");
        }
        out.push('\n');
    }
    let example = reported_code(info).map(|code| ExampleFindings::of(info.example, code));
    if let Some(example) = &example {
        let fixes = example
            .as_ref()
            .map(ExampleFindings::fix_summaries)
            .unwrap_or_default();
        if fixes.is_empty() {
            out.push_str("Fixes offered: none.\n\n");
        } else {
            let _ = write!(out, "Fixes offered: {}.\n\n", fixes.join(", "));
        }
    }
    out.push_str("Example that fires:\n\n");
    fenced(out, "xml", &super::explain::elide_long_lines(info.example));
    if let Some(Ok(example)) = &example {
        out.push_str("What eca-ls reports:\n\n");
        fenced(out, "text", &example.rendered());
    }
    out.push_str("Fixed:\n\n");
    fenced(
        out,
        "xml",
        &super::explain::elide_long_lines(info.fixed_example),
    );
    if !info.sources.is_empty() {
        out.push_str("Sources:\n\n");
        for source in info.sources {
            let _ = writeln!(out, "- <{source}>");
        }
    }
}

fn fenced(out: &mut String, language: &str, text: &str) {
    let _ = write!(out, "```{language}\n{text}");
    if !text.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("```\n\n");
}

/// `ECA-REF-001` → `eca-ref-001`, the id its heading gets.
pub(super) fn anchor(code: &str) -> String {
    code.to_ascii_lowercase()
}

fn escape_table(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The heading a rule is listed under, from the topic in its code (`ECA-REF-001` → REF).
fn group_name(code: &str) -> String {
    let topic = code
        .strip_prefix("ECA-")
        .and_then(|rest| rest.split('-').next())
        .unwrap_or(code);
    let name = match topic {
        "ACC" => "Authorization Code and Credentials flow",
        "JWT" => "JWT-based access tokens",
        "JWTB" => "JWT bearer flow",
        "RT" => "Refresh tokens",
        "SES" => "Sessions",
        "CC" => "Client credentials flow",
        "TX" => "Token exchange",
        "SEC" => "Secrets",
        "REF" => "References",
        "PLG" => "Plugins",
        "PKG" => "Packaging",
        "POSTURE" => "Security posture (strict profile)",
        "VAL" => "Values and versions",
        "ORDER" => "Element order",
        "MOB" => "Mobile",
        "PUSH" => "Push notifications",
        "NOTIF" => "Notifications",
        "SAML" => "SAML",
        "CANVAS" => "Canvas",
        other => return format!("Rules: {other}"),
    };
    format!("Rules: {name}")
}
