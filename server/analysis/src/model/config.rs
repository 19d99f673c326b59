//! Project configuration: the API version, the security posture profile and per-code
//! severities, from `eca-ls.toml` or from an editor's settings (the same keys either way).
//!
//! ```toml
//! api-version = "65.0"
//! profile = "strict"
//!
//! max-findings = 200
//!
//! [rules]
//! "ECA-ACC-004" = "error"
//! "element-order" = "off"
//!
//! [format]
//! style = "prettier"
//! ```

use std::collections::BTreeMap;
use std::fmt;

use eca_schema::ApiVersion;

use crate::model::diagnostic::Severity;

/// The name of the project configuration file.
pub const CONFIG_FILE_NAME: &str = "eca-ls.toml";

/// What a user may set a code's severity to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeveritySetting {
    Off,
    Is(Severity),
}

/// Which checks run: `baseline` reports what breaks a deploy or a flow and what Salesforce
/// requires; `strict` adds the posture checks of Salesforce's *Review External Client Apps*
/// security controls, as warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Profile {
    #[default]
    Baseline,
    Strict,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub api_version: Option<ApiVersion>,
    /// `None` when nothing sets it: then [`Profile::Baseline`].
    pub profile: Option<Profile>,
    /// Code → severity override.
    pub severities: BTreeMap<String, SeveritySetting>,
    /// How many findings one file reports at most (`Some(0)`: all of them); `None` for the
    /// default, [`DEFAULT_MAX_FINDINGS`].
    pub max_findings: Option<usize>,
    /// `[format] style`: whose conventions formatting follows.
    pub format_style: Option<FormatStyleSetting>,
    /// `packageDirectories[].path` of the project's `sfdx-project.json`, as written; `None`
    /// without one (a Metadata API project, a file in no project). Read with the settings, not
    /// from `eca-ls.toml`.
    pub package_directories: Option<Vec<String>>,
}

/// The `style` of `[format]`: Salesforce's layout, Prettier's (`@prettier/plugin-xml`), or
/// Prettier's when the project formats XML with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FormatStyleSetting {
    #[default]
    Auto,
    Salesforce,
    Prettier,
}

impl FormatStyleSetting {
    /// Accepts `auto`, `salesforce`, `prettier` (any case).
    pub fn parse(text: &str) -> Option<FormatStyleSetting> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(FormatStyleSetting::Auto),
            "salesforce" => Some(FormatStyleSetting::Salesforce),
            "prettier" => Some(FormatStyleSetting::Prettier),
            _ => None,
        }
    }
}

/// How many findings one file reports unless configured otherwise: enough for any real file
/// (they have a few dozen elements), and a bound on what a pathological one costs to report and
/// to hold in an editor. The last one says how many more there are.
pub const DEFAULT_MAX_FINDINGS: usize = 200;

/// A configuration that could not be read: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl SeveritySetting {
    /// Accepts `off`, `error`, `warning`, `info`/`information`, `hint` (any case).
    pub fn parse(text: &str) -> Option<SeveritySetting> {
        let setting = match text.to_ascii_lowercase().as_str() {
            "off" | "none" | "ignore" => SeveritySetting::Off,
            "error" => SeveritySetting::Is(Severity::Error),
            "warning" | "warn" => SeveritySetting::Is(Severity::Warning),
            "info" | "information" => SeveritySetting::Is(Severity::Information),
            "hint" => SeveritySetting::Is(Severity::Hint),
            _ => return None,
        };
        Some(setting)
    }
}

impl Profile {
    /// `baseline` or `strict` (any case).
    pub fn parse(text: &str) -> Option<Profile> {
        match text.trim().to_ascii_lowercase().as_str() {
            "baseline" => Some(Profile::Baseline),
            "strict" => Some(Profile::Strict),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Baseline => "baseline",
            Profile::Strict => "strict",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Config {
    /// The most findings one file reports, `None` for no limit.
    pub fn finding_limit(&self) -> Option<usize> {
        match self.max_findings {
            Some(0) => None,
            Some(limit) => Some(limit),
            None => Some(DEFAULT_MAX_FINDINGS),
        }
    }

    /// The profile in force.
    pub fn profile(&self) -> Profile {
        self.profile.unwrap_or_default()
    }

    /// Parse `eca-ls.toml`. `known_codes` are the codes a severity may be set for; any other
    /// key is an error that names its line (and the closest known code).
    pub fn from_toml(text: &str, known_codes: &[&str]) -> Result<Config, ConfigError> {
        let table: toml::Table = toml::from_str(text).map_err(|error| ConfigError {
            line: error.span().map(|span| line_of(text, span.start)),
            message: error.message().trim().to_string(),
        })?;
        let mut config = Config::default();
        for (key, value) in &table {
            let line = find_key_line(text, key);
            match (key.as_str(), value) {
                ("api-version", toml::Value::String(version)) => {
                    config.api_version = Some(version.parse().map_err(|error| ConfigError {
                        line,
                        message: format!("api-version: {error}"),
                    })?);
                }
                ("api-version", toml::Value::Float(version)) => {
                    config.api_version = Some(format!("{version:.1}").parse().map_err(
                        |error| ConfigError {
                            line,
                            message: format!("api-version: {error}"),
                        },
                    )?);
                }
                ("api-version", _) => {
                    return Err(ConfigError {
                        line,
                        message: "api-version must be a string such as \"65.0\"".to_string(),
                    });
                }
                ("max-findings", toml::Value::Integer(limit)) => {
                    config.max_findings =
                        Some(usize::try_from(*limit).map_err(|_| ConfigError {
                            line,
                            message:
                                "max-findings must be a number of findings, 0 for all".to_string(),
                        })?);
                }
                ("max-findings", _) => {
                    return Err(ConfigError {
                        line,
                        message: "max-findings must be a number of findings, 0 for all".to_string(),
                    });
                }
                ("profile", toml::Value::String(profile)) => {
                    config.profile = Some(Profile::parse(profile).ok_or_else(|| ConfigError {
                        line,
                        message: format!(
                            "profile: `{profile}` is not a profile: use \"baseline\" or \"strict\""
                        ),
                    })?);
                }
                ("profile", _) => {
                    return Err(ConfigError {
                        line,
                        message: "profile must be a string: \"baseline\" or \"strict\"".to_string(),
                    });
                }
                ("rules", toml::Value::Table(rules)) => {
                    for (code, severity) in rules {
                        let line = find_key_line(text, code);
                        let severity = match severity {
                            toml::Value::String(severity) => severity,
                            _ => {
                                return Err(ConfigError {
                                    line,
                                    message: format!(
                                        "the severity of `{code}` must be a string: \"error\", \"warning\", \"info\", \"hint\" or \"off\""
                                    ),
                                });
                            }
                        };
                        config
                            .set_severity(code, severity, known_codes)
                            .map_err(|message| ConfigError { line, message })?;
                    }
                }
                ("format", toml::Value::Table(format)) => {
                    for (key, value) in format {
                        let line = find_key_line(text, key);
                        match (key.as_str(), value) {
                            ("style", toml::Value::String(style)) => {
                                config.format_style =
                                    Some(FormatStyleSetting::parse(style).ok_or_else(|| {
                                        ConfigError {
                                            line,
                                            message: format!(
                                                "`{style}` is not a format style: use \"auto\", \"salesforce\" or \"prettier\""
                                            ),
                                        }
                                    })?);
                            }
                            (other, _) => {
                                return Err(ConfigError {
                                    line,
                                    message: format!(
                                        "unknown setting `{other}` in [format]: it knows `style` (\"auto\", \"salesforce\" or \"prettier\")"
                                    ),
                                });
                            }
                        }
                    }
                }
                ("format", _) => {
                    return Err(ConfigError {
                        line,
                        message:
                            "`format` must be a table: [format] followed by style = \"prettier\""
                                .to_string(),
                    });
                }
                ("rules", _) => {
                    return Err(ConfigError {
                        line,
                        message: "`rules` must be a table: [rules] followed by \"CODE\" = \"severity\" lines".to_string(),
                    });
                }
                (other, _) => {
                    return Err(ConfigError {
                        line,
                        message: format!(
                            "unknown setting `{other}`: eca-ls.toml knows `api-version`, `max-findings`, `profile` and the [rules] and [format] tables"
                        ),
                    });
                }
            }
        }
        Ok(config)
    }

    /// Set one code's severity from its text form, checking the code and the severity.
    pub fn set_severity(
        &mut self,
        code: &str,
        severity: &str,
        known_codes: &[&str],
    ) -> Result<(), String> {
        // Codes match in any letter case, as in suppression comments; the canonical spelling
        // is stored because findings carry it.
        let Some(canonical) = known_codes
            .iter()
            .copied()
            .find(|known| known.eq_ignore_ascii_case(code))
        else {
            let suggestion =
                crate::model::text_util::closest_match(code, known_codes.iter().copied())
                    .map(|best| format!(" (did you mean `{best}`?)"))
                    .unwrap_or_default();
            return Err(format!(
                "unknown code `{code}`{suggestion}: `eca-ls rules` lists every code"
            ));
        };
        let setting = SeveritySetting::parse(severity).ok_or_else(|| {
            format!(
                "`{severity}` is not a severity for `{code}`: use \"error\", \"warning\", \"info\", \"hint\" or \"off\""
            )
        })?;
        self.severities.insert(canonical.to_string(), setting);
        Ok(())
    }

    /// Settings from a later source (an editor) win over earlier ones (the file).
    pub fn overlay(&self, later: &Config) -> Config {
        let mut merged = self.clone();
        if later.api_version.is_some() {
            merged.api_version = later.api_version;
        }
        if later.format_style.is_some() {
            merged.format_style = later.format_style;
        }
        if later.max_findings.is_some() {
            merged.max_findings = later.max_findings;
        }
        if later.profile.is_some() {
            merged.profile = later.profile;
        }
        for (code, setting) in &later.severities {
            merged.severities.insert(code.clone(), *setting);
        }
        merged
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line on which `key` is written as a key (bare or quoted), for error messages.
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let trimmed = line.trim_start();
            let rest = trimmed
                .strip_prefix(&format!("\"{key}\""))
                .or_else(|| trimmed.strip_prefix(&format!("'{key}'")))
                .or_else(|| trimmed.strip_prefix(key))
                .or_else(|| trimmed.strip_prefix(&format!("[{key}]")).map(|_| "="));
            rest.is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(text: &str, expect: Expect) {
        let known = ["ECA-ACC-004", "element-order", "unknown-element"];
        let rendered = match Config::from_toml(text, &known) {
            Ok(config) => format!("{config:?}"),
            Err(error) => format!("error: {error}"),
        };
        expect.assert_eq(&rendered);
    }

    #[test]
    fn reads_api_version_and_severities() {
        check(
            r#"
api-version = "65.0"

[rules]
"ECA-ACC-004" = "error"
element-order = "off"
"#,
            expect![[
                r#"Config { api_version: Some(ApiVersion { major: 65, minor: 0 }), profile: None, severities: {"ECA-ACC-004": Is(Error), "element-order": Off}, max_findings: None, format_style: None, package_directories: None }"#
            ]],
        );
    }

    #[test]
    fn empty_file_is_the_default() {
        check(
            "",
            expect![
                "Config { api_version: None, profile: None, severities: {}, max_findings: None, format_style: None, package_directories: None }"
            ],
        );
    }

    #[test]
    fn names_the_line_of_an_unknown_code() {
        check(
            "[rules]\n\"ECA-ACC-04\" = \"error\"\n",
            expect![[
                r#"error: line 2: unknown code `ECA-ACC-04` (did you mean `ECA-ACC-004`?): `eca-ls rules` lists every code"#
            ]],
        );
    }

    #[test]
    fn codes_match_in_any_case() {
        check(
            "[rules]\n\"eca-acc-004\" = \"Error\"\n",
            expect![[
                r#"Config { api_version: None, profile: None, severities: {"ECA-ACC-004": Is(Error)}, max_findings: None, format_style: None, package_directories: None }"#
            ]],
        );
    }

    #[test]
    fn names_the_line_of_a_bad_severity() {
        check(
            "api-version = \"65.0\"\n[rules]\nelement-order = \"loud\"\n",
            expect![[
                r#"error: line 3: `loud` is not a severity for `element-order`: use "error", "warning", "info", "hint" or "off""#
            ]],
        );
    }

    #[test]
    fn names_the_line_of_malformed_toml() {
        check(
            "api-version = \"65.0\"\n[rules\n",
            expect![[r#"error: line 2: unclosed table, expected `]`"#]],
        );
    }

    #[test]
    fn rejects_a_bad_api_version() {
        check(
            "api-version = \"sixty\"\n",
            expect![[
                r#"error: line 1: api-version: `sixty` is not an API version: write it like `65.0`"#
            ]],
        );
    }

    #[test]
    fn reads_the_format_style() {
        check(
            "[format]\nstyle = \"Prettier\"\n",
            expect![
                "Config { api_version: None, profile: None, severities: {}, max_findings: None, format_style: Some(Prettier), package_directories: None }"
            ],
        );
        check(
            "[format]\nstyle = \"pretty\"\n",
            expect![[
                r#"error: line 2: `pretty` is not a format style: use "auto", "salesforce" or "prettier""#
            ]],
        );
        check(
            "[format]\nindent = 2\n",
            expect![[
                r#"error: line 2: unknown setting `indent` in [format]: it knows `style` ("auto", "salesforce" or "prettier")"#
            ]],
        );
    }

    #[test]
    fn rejects_unknown_settings() {
        check(
            "apiVersion = \"65.0\"\n",
            expect![
                "error: line 1: unknown setting `apiVersion`: eca-ls.toml knows `api-version`, `max-findings`, `profile` and the [rules] and [format] tables"
            ],
        );
    }

    #[test]
    fn reads_the_profile() {
        check(
            "profile = \"strict\"\n",
            expect![
                "Config { api_version: None, profile: Some(Strict), severities: {}, max_findings: None, format_style: None, package_directories: None }"
            ],
        );
        check(
            "profile = \"Baseline\"\n",
            expect![
                "Config { api_version: None, profile: Some(Baseline), severities: {}, max_findings: None, format_style: None, package_directories: None }"
            ],
        );
    }

    #[test]
    fn names_the_line_of_a_bad_profile() {
        check(
            "api-version = \"65.0\"\nprofile = \"paranoid\"\n",
            expect![[
                r#"error: line 2: profile: `paranoid` is not a profile: use "baseline" or "strict""#
            ]],
        );
        check(
            "profile = true\n",
            expect![[r#"error: line 1: profile must be a string: "baseline" or "strict""#]],
        );
    }

    #[test]
    fn a_later_profile_wins() {
        let file = Config {
            profile: Some(Profile::Strict),
            ..Config::default()
        };
        let editor = Config {
            profile: Some(Profile::Baseline),
            ..Config::default()
        };
        assert_eq!(file.overlay(&editor).profile(), Profile::Baseline);
        assert_eq!(file.overlay(&Config::default()).profile(), Profile::Strict);
        assert_eq!(Config::default().profile(), Profile::Baseline);
    }
}
