//! Editor settings: the JSON a client sends in `initializationOptions` or
//! `workspace/didChangeConfiguration`, read into the same [`Config`] as `eca-ls.toml`.
//!
//! ```json
//! { "apiVersion": "65.0", "profile": "strict", "rules": { "ECA-ACC-004": "error", "element-order": "off" },
//!   "format": { "style": "prettier" }, "includeIgnored": false }
//! ```
//!
//! The same object may come nested under `ecaLs` (how VS Code sends a configuration section);
//! `api-version` is accepted as a spelling of `apiVersion`. Unknown keys are ignored, since
//! clients send their own settings alongside ours; bad values are reported and skipped.

use eca_analysis::config::FormatStyleSetting;
use eca_analysis::{Config, Profile, codes};
use serde_json::Value;

/// The configuration section name clients use for eca-ls settings.
pub const SECTION: &str = "ecaLs";

/// Settings read from a client, plus what was wrong with them (for a log message).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EditorSettings {
    pub config: Config,
    /// Check the files the project's `.forceignore` leaves out too (the CLI's
    /// `--include-ignored`).
    pub include_ignored: bool,
    pub problems: Vec<String>,
}

/// Read editor settings. `null` (or no object at all) means no settings.
pub fn read(value: &Value) -> EditorSettings {
    let mut settings = EditorSettings::default();
    let Some(object) = section(value) else {
        return settings;
    };
    let known_codes = codes::all_code_names();
    let version = object
        .get("apiVersion")
        .or_else(|| object.get("api-version"));
    match version {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) if text.trim().is_empty() => {}
        Some(Value::String(text)) => match text.trim().parse() {
            Ok(version) => settings.config.api_version = Some(version),
            Err(error) => settings.problems.push(format!("apiVersion: {error}")),
        },
        Some(Value::Number(number)) => match format!("{number}").parse() {
            Ok(version) => settings.config.api_version = Some(version),
            Err(error) => settings.problems.push(format!("apiVersion: {error}")),
        },
        Some(_) => settings
            .problems
            .push("apiVersion must be a string such as \"65.0\"".to_string()),
    }
    match object
        .get("maxFindings")
        .or_else(|| object.get("max-findings"))
    {
        None | Some(Value::Null) => {}
        Some(Value::Number(number)) if number.as_u64().is_some() => {
            settings.config.max_findings = number
                .as_u64()
                .and_then(|limit| usize::try_from(limit).ok());
        }
        Some(_) => settings
            .problems
            .push("maxFindings must be a number of findings per file, 0 for all".to_string()),
    }
    match object.get("profile") {
        None | Some(Value::Null) => {}
        Some(Value::String(text)) if text.trim().is_empty() => {}
        Some(Value::String(text)) => match Profile::parse(text.trim()) {
            Some(profile) => settings.config.profile = Some(profile),
            None => settings.problems.push(format!(
                "profile: `{text}` is not a profile: use \"baseline\" or \"strict\""
            )),
        },
        Some(_) => settings
            .problems
            .push("profile must be a string: \"baseline\" or \"strict\"".to_string()),
    }
    match object
        .get("includeIgnored")
        .or_else(|| object.get("include-ignored"))
    {
        None | Some(Value::Null) => {}
        Some(Value::Bool(include)) => settings.include_ignored = *include,
        Some(_) => settings
            .problems
            .push("includeIgnored must be true or false".to_string()),
    }
    match object.get("rules") {
        None | Some(Value::Null) => {}
        Some(Value::Object(rules)) => {
            for (code, severity) in rules {
                let Some(severity) = severity.as_str() else {
                    settings.problems.push(format!(
                        "rules.{code}: the severity must be a string: \"error\", \"warning\", \"info\", \"hint\" or \"off\""
                    ));
                    continue;
                };
                if let Err(problem) = settings.config.set_severity(code, severity, &known_codes) {
                    settings.problems.push(format!("rules: {problem}"));
                }
            }
        }
        Some(_) => settings
            .problems
            .push("rules must be an object of \"CODE\": \"severity\" pairs".to_string()),
    }
    match object.get("format").map(|format| format.get("style")) {
        None | Some(None | Some(Value::Null)) => {}
        Some(Some(Value::String(style))) if style.trim().is_empty() => {}
        Some(Some(Value::String(style))) => match FormatStyleSetting::parse(style) {
            Some(style) => settings.config.format_style = Some(style),
            None => settings.problems.push(format!(
                "format.style: `{style}` is not a format style: use \"auto\", \"salesforce\" or \"prettier\""
            )),
        },
        Some(Some(_)) => settings.problems.push(
            "format.style must be a string: \"auto\", \"salesforce\" or \"prettier\"".to_string(),
        ),
    }
    settings
}

/// The settings object: the `ecaLs` member when there is one, else the value itself.
fn section(value: &Value) -> Option<&serde_json::Map<String, Value>> {
    let object = value.as_object()?;
    match object.get(SECTION) {
        Some(Value::Object(nested)) => Some(nested),
        _ => Some(object),
    }
}

#[cfg(test)]
mod tests {
    use eca_analysis::{Severity, SeveritySetting};
    use eca_schema::ApiVersion;
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_api_version_and_rules() {
        let settings = read(&json!({
            "apiVersion": "64.0",
            "rules": { "element-order": "off", "ECA-JWT-001": "error" }
        }));
        assert_eq!(settings.problems, Vec::<String>::new());
        assert_eq!(settings.config.api_version, Some(ApiVersion::new(64, 0)));
        assert_eq!(
            settings.config.severities.get("element-order"),
            Some(&SeveritySetting::Off)
        );
        assert_eq!(
            settings.config.severities.get("ECA-JWT-001"),
            Some(&SeveritySetting::Is(Severity::Error))
        );
    }

    #[test]
    fn reads_the_finding_limit() {
        assert_eq!(
            read(&json!({ "maxFindings": 50 })).config.max_findings,
            Some(50)
        );
        assert_eq!(
            read(&json!({ "max-findings": 0 })).config.max_findings,
            Some(0)
        );
        let bad = read(&json!({ "maxFindings": -1 }));
        assert_eq!(bad.config.max_findings, None);
        assert_eq!(bad.problems.len(), 1, "{:?}", bad.problems);
    }

    #[test]
    fn reads_the_profile() {
        let strict = read(&json!({ "ecaLs": { "profile": "strict" } }));
        assert_eq!(strict.config.profile, Some(eca_analysis::Profile::Strict));
        assert!(strict.problems.is_empty());
        assert_eq!(read(&json!({ "profile": "" })).config.profile, None);
        let bad = read(&json!({ "profile": "paranoid" }));
        assert_eq!(bad.config.profile, None);
        assert_eq!(
            bad.problems,
            ["profile: `paranoid` is not a profile: use \"baseline\" or \"strict\""]
        );
        assert_eq!(read(&json!({ "profile": 1 })).problems.len(), 1);
    }

    #[test]
    fn reads_whether_to_include_ignored_files() {
        assert!(!read(&json!({})).include_ignored);
        assert!(read(&json!({ "includeIgnored": true })).include_ignored);
        assert!(read(&json!({ "ecaLs": { "include-ignored": true } })).include_ignored);
        let bad = read(&json!({ "includeIgnored": "yes" }));
        assert!(!bad.include_ignored);
        assert_eq!(bad.problems, ["includeIgnored must be true or false"]);
    }

    #[test]
    fn reads_the_nested_section_and_the_toml_spelling() {
        let settings = read(&json!({ "ecaLs": { "api-version": 63.0 }, "other": 1 }));
        assert_eq!(settings.config.api_version, Some(ApiVersion::new(63, 0)));
    }

    #[test]
    fn reports_bad_values_and_keeps_the_good_ones() {
        let settings = read(&json!({
            "apiVersion": "latest",
            "rules": { "ECA-JWT-01": "error", "element-order": "loud", "ECA-JWT-001": "hint" }
        }));
        assert_eq!(settings.config.api_version, None);
        assert_eq!(settings.problems.len(), 3, "{:?}", settings.problems);
        assert!(settings.problems[1].contains("did you mean `ECA-JWT-001`"));
        assert_eq!(
            settings.config.severities.get("ECA-JWT-001"),
            Some(&SeveritySetting::Is(Severity::Hint))
        );
    }

    #[test]
    fn reads_the_format_style() {
        let settings = read(&json!({ "ecaLs": { "format": { "style": "Prettier" } } }));
        assert_eq!(settings.problems, Vec::<String>::new());
        assert_eq!(
            settings.config.format_style,
            Some(FormatStyleSetting::Prettier)
        );
        let settings = read(&json!({ "format": { "style": "pretty" } }));
        assert_eq!(settings.config.format_style, None);
        assert_eq!(
            settings.problems,
            [
                "format.style: `pretty` is not a format style: use \"auto\", \"salesforce\" or \"prettier\""
            ]
        );
    }

    #[test]
    fn null_and_non_objects_are_no_settings() {
        assert_eq!(read(&Value::Null), EditorSettings::default());
        assert_eq!(read(&json!([1, 2])), EditorSettings::default());
    }
}
