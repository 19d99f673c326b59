//! `.forceignore`: which files the Salesforce CLI leaves out of deploys and retrieves, read with
//! the same gitignore rules it applies, and which line decided. Pure: text in, decisions out;
//! finding the file and turning paths into relative ones is the caller's business.
//!
//! Semantics, as the Salesforce CLI has them ("How to Exclude Source When Syncing",
//! <https://developer.salesforce.com/docs/atlas.en-us.sfdx_dev.meta/sfdx_dev/sfdx_dev_exclude_source.htm>:
//! "the same rules and patterns as the .gitignore file", paths relative to the folder holding the
//! `.forceignore`; source-deploy-retrieve's `ForceIgnore` parses it with the `ignore` package and
//! adds `**/*.dup`, `**/.*`, `**/package2-descriptor.json` and `**/package2-manifest.json` after
//! the file's own lines, and turns `\` into `/`):
//!
//! - blank lines and lines starting with `#` match nothing; trailing spaces are dropped; every
//!   `\` is read as `/` (as the CLI does, with a warning), so gitignore's backslash escapes do
//!   not exist here;
//! - `!pattern` takes a file back in, unless a folder above it is left out (git cannot look
//!   inside a folder it ignores, and neither can the CLI);
//! - a pattern ending in `/` matches folders only;
//! - a pattern with a `/` at its start or middle is anchored at the `.forceignore`'s folder;
//!   without one it matches a name at any depth;
//! - `*` matches within one path segment, `?` one character, `[a-z]`/`[!a-z]` one of a set (an
//!   unclosed `[` is itself);
//!   `**/` at the start, `/**` at the end and `/**/` in the middle match any number of folders;
//! - the last pattern that matches a path decides.

use super::glob::bracket_class;

/// The patterns of one `.forceignore`, in order, with the Salesforce CLI's defaults after them.
#[derive(Debug, Clone, Default)]
pub struct ForceIgnore {
    rules: Vec<Rule>,
}

/// Why a path is left out: the pattern that decided, and its line (none for the CLI's defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredBy {
    /// 1-based line of the `.forceignore`, or `None` for one of the Salesforce CLI's defaults.
    pub line: Option<usize>,
    /// The pattern as written (without a trailing comment or spaces).
    pub pattern: String,
    /// When a folder above the path was left out, that folder (relative, `/`-separated).
    pub folder: Option<String>,
}

impl IgnoredBy {
    /// Which line decided, for a person: "line 3: `templates/`", "a Salesforce CLI default:
    /// `**/.*`".
    pub fn describe(&self) -> String {
        match self.line {
            Some(line) => format!("line {line}: `{}`", self.pattern),
            None => format!("a Salesforce CLI default: `{}`", self.pattern),
        }
    }
}

/// What the Salesforce CLI leaves out even where the `.forceignore` does not say so.
pub const CLI_DEFAULT_PATTERNS: &[&str] = &[
    "**/*.dup",
    "**/.*",
    "**/package2-descriptor.json",
    "**/package2-manifest.json",
];

#[derive(Debug, Clone)]
struct Rule {
    line: Option<usize>,
    written: String,
    negated: bool,
    folders_only: bool,
    anchored: bool,
    segments: Vec<String>,
}

impl ForceIgnore {
    /// Parse the text of a `.forceignore`. Never fails: a line that cannot match anything (an
    /// unclosed `[`) matches nothing, as in git.
    pub fn parse(text: &str) -> ForceIgnore {
        let mut rules: Vec<Rule> = text
            .lines()
            .enumerate()
            .filter_map(|(index, line)| Rule::parse(line, Some(index + 1)))
            .collect();
        rules.extend(
            CLI_DEFAULT_PATTERNS
                .iter()
                .filter_map(|pattern| Rule::parse(pattern, None)),
        );
        ForceIgnore { rules }
    }

    /// Whether `path` (relative to the `.forceignore`'s folder, `/`-separated, a file) is left
    /// out, and by which pattern.
    pub fn ignored_by(&self, path: &str) -> Option<IgnoredBy> {
        let segments: Vec<&str> = path
            .split('/')
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .collect();
        if segments.is_empty() || segments.contains(&"..") {
            return None;
        }
        // A folder left out hides everything below it, whatever comes after.
        for end in 1..segments.len() {
            if let Some(rule) = self.deciding_rule(&segments[..end], true) {
                return Some(IgnoredBy {
                    line: rule.line,
                    pattern: rule.written.clone(),
                    folder: Some(segments[..end].join("/")),
                });
            }
        }
        self.deciding_rule(&segments, false).map(|rule| IgnoredBy {
            line: rule.line,
            pattern: rule.written.clone(),
            folder: None,
        })
    }

    /// The last rule matching the path, when it leaves it out (a negation taking it back in
    /// answers `None`).
    fn deciding_rule(&self, segments: &[&str], is_folder: bool) -> Option<&Rule> {
        let last = self
            .rules
            .iter()
            .rev()
            .find(|rule| rule.matches(segments, is_folder))?;
        (!last.negated).then_some(last)
    }
}

impl Rule {
    fn parse(line: &str, line_number: Option<usize>) -> Option<Rule> {
        let written = line.trim_end_matches(['\r', '\n', ' ']);
        if written.is_empty() || written.starts_with('#') {
            return None;
        }
        let converted = written.replace('\\', "/");
        let negated = converted.starts_with('!');
        let pattern = if negated {
            &converted[1..]
        } else {
            &converted[..]
        };
        let folders_only = pattern.ends_with('/');
        let pattern = pattern.trim_end_matches('/');
        if pattern.is_empty() {
            return None;
        }
        let anchored = pattern.contains('/');
        let segments: Vec<String> = pattern
            .trim_start_matches('/')
            .split('/')
            .map(str::to_string)
            .collect();
        if segments.iter().any(String::is_empty) {
            // `a//b`: no path has an empty segment.
            return None;
        }
        Some(Rule {
            line: line_number,
            written: written.to_string(),
            negated,
            folders_only,
            anchored,
            segments,
        })
    }

    fn matches(&self, path: &[&str], is_folder: bool) -> bool {
        if self.folders_only && !is_folder {
            return false;
        }
        if self.anchored {
            return match_segments(&self.segments, path);
        }
        // No slash: the name of the file or folder itself, at any depth.
        path.last()
            .is_some_and(|name| match_segment(&self.segments[0], name))
    }
}

/// Whether the pattern's segments match the path's, `**` standing for any number of segments.
fn match_segments(pattern: &[String], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        // A trailing `/**` is everything inside, not the folder itself.
        Some((first, rest)) if first == "**" && rest.is_empty() => !path.is_empty(),
        Some((first, rest)) if first == "**" => {
            (0..=path.len()).any(|skip| match_segments(rest, &path[skip..]))
        }
        Some((first, rest)) => path.split_first().is_some_and(|(name, path_rest)| {
            match_segment(first, name) && match_segments(rest, path_rest)
        }),
    }
}

/// Whether one segment of a pattern (`*`, `?`, `[...]`) matches one name.
fn match_segment(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    match_chars(&pattern, &name)
}

fn match_chars(pattern: &[char], name: &[char]) -> bool {
    let Some((&first, rest)) = pattern.split_first() else {
        return name.is_empty();
    };
    match first {
        '*' => (0..=name.len()).any(|skip| match_chars(rest, &name[skip..])),
        '?' => !name.is_empty() && match_chars(rest, &name[1..]),
        '[' => {
            let Some((&character, name_rest)) = name.split_first() else {
                return false;
            };
            match bracket_class(rest, character) {
                Some((true, after)) => match_chars(after, name_rest),
                Some((false, _)) => false,
                // No closing `]`: a literal `[`.
                None => character == '[' && match_chars(rest, name_rest),
            }
        }
        literal => name.first() == Some(&literal) && match_chars(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case: the `.forceignore`, then `path → decision` lines (`-` for kept, else
    /// `line:pattern`, with `(folder)` when a folder above decided).
    fn check(forceignore: &str, expectations: &[(&str, &str)]) {
        let rules = ForceIgnore::parse(forceignore);
        for (path, expected) in expectations {
            let actual = match rules.ignored_by(path) {
                None => "-".to_string(),
                Some(by) => format!(
                    "{}:{}{}",
                    by.line
                        .map_or("default".to_string(), |line| line.to_string()),
                    by.pattern,
                    by.folder
                        .map(|folder| format!(" ({folder})"))
                        .unwrap_or_default()
                ),
            };
            assert_eq!(actual, *expected, "{path} with\n{forceignore}");
        }
    }

    #[test]
    fn what_decided_is_described_for_a_person() {
        let forceignore = ForceIgnore::parse("# templates\ntemplates/\n*.bak.xml\n");
        let describe = |path: &str| forceignore.ignored_by(path).map(|by| by.describe());
        assert_eq!(
            describe("templates/a/A.eca-meta.xml").as_deref(),
            Some("line 2: `templates/`")
        );
        assert_eq!(
            describe("force-app/A.bak.xml").as_deref(),
            Some("line 3: `*.bak.xml`")
        );
        assert_eq!(
            describe("force-app/.A.eca-meta.xml").as_deref(),
            Some("a Salesforce CLI default: `**/.*`")
        );
        assert_eq!(describe("force-app/A.eca-meta.xml"), None);
    }

    #[test]
    fn names_without_a_slash_match_at_any_depth() {
        check(
            "# comment\n\nPortal_oauthPlcy.ecaOauthPlcy-meta.xml\n*.ecaPlcy-meta.xml\n",
            &[
                (
                    "force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
                    "3:Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
                ),
                ("a/b/X_plcy.ecaPlcy-meta.xml", "4:*.ecaPlcy-meta.xml"),
                ("a/b/X_oauth.ecaOauth-meta.xml", "-"),
            ],
        );
    }

    #[test]
    fn anchored_patterns_and_double_stars() {
        check(
            "/templates\nforce-app/main/default/extlClntAppOauthSettings/*\n**/drafts/**\ndocs/**/*.xml\n",
            &[
                ("templates/A.eca-meta.xml", "1:/templates (templates)"),
                ("force-app/templates/A.eca-meta.xml", "-"),
                (
                    "force-app/main/default/extlClntAppOauthSettings/A_oauth.ecaOauth-meta.xml",
                    "2:force-app/main/default/extlClntAppOauthSettings/*",
                ),
                ("x/drafts/y/A.eca-meta.xml", "3:**/drafts/** (x/drafts/y)"),
                ("docs/A.xml", "4:docs/**/*.xml"),
                ("docs/a/b/A.xml", "4:docs/**/*.xml"),
            ],
        );
    }

    #[test]
    fn negation_and_the_last_match_wins() {
        check(
            "*.ecaOauth-meta.xml\n!Keep_oauth.ecaOauth-meta.xml\nignored-folder/\n!ignored-folder/Keep.eca-meta.xml\n",
            &[
                ("a/Drop_oauth.ecaOauth-meta.xml", "1:*.ecaOauth-meta.xml"),
                ("a/Keep_oauth.ecaOauth-meta.xml", "-"),
                // A folder left out cannot have a file taken back in.
                (
                    "ignored-folder/Keep.eca-meta.xml",
                    "3:ignored-folder/ (ignored-folder)",
                ),
                // `name/` matches folders only.
                ("ignored-folder", "-"),
            ],
        );
    }

    #[test]
    fn the_cli_defaults_and_windows_separators() {
        check(
            "force-app\\main\\default\\externalClientApps\\Old.eca-meta.xml\n",
            &[
                (
                    "force-app/main/default/externalClientApps/Old.eca-meta.xml",
                    "1:force-app\\main\\default\\externalClientApps\\Old.eca-meta.xml",
                ),
                ("a/.hidden/A.eca-meta.xml", "default:**/.* (a/.hidden)"),
                ("a/A.eca-meta.xml.dup", "default:**/*.dup"),
                ("./a/A.eca-meta.xml", "-"),
            ],
        );
    }

    #[test]
    fn character_classes_backslashes_and_odd_lines() {
        check(
            "A_[0-9].eca-meta.xml\nB_[!x].eca-meta.xml\n\\#hash.eca-meta.xml\nC?.eca-meta.xml\nopen[.eca-meta.xml\n  \ntrailing.eca-meta.xml   \n",
            &[
                ("A_7.eca-meta.xml", "1:A_[0-9].eca-meta.xml"),
                ("A_x.eca-meta.xml", "-"),
                ("B_y.eca-meta.xml", "2:B_[!x].eca-meta.xml"),
                ("B_x.eca-meta.xml", "-"),
                // `\` is `/`: an anchored pattern, not an escape.
                ("#hash.eca-meta.xml", "3:\\#hash.eca-meta.xml"),
                ("a/#hash.eca-meta.xml", "-"),
                ("a/trailing.eca-meta.xml", "7:trailing.eca-meta.xml"),
                ("Cd.eca-meta.xml", "4:C?.eca-meta.xml"),
                ("open[.eca-meta.xml", "5:open[.eca-meta.xml"),
            ],
        );
    }
}
