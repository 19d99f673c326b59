//! Test fixtures: several files of one project in one string, with an optional cursor.
//!
//! ```text
//! //- /sfdx-project.json
//! { "sourceApiVersion": "64.0" }
//! //- /force-app/main/default/extlClntAppOauthPolicies/App_oauthPlcy.ecaOauthPlcy-meta.xml
//! <ExtlClntAppOauthConfigurablePolicies xmlns="...">
//!     <guestJwt$0
//! </ExtlClntAppOauthConfigurablePolicies>
//! ```
//!
//! `$0` marks the cursor; a second `$0` in the same file makes it a range. `sfdx-project.json`
//! and `eca-ls.toml` files set the project's API version and configuration the way the front
//! ends do from disk; files of the other components ECA fields name
//! (`permissionsets/Sales.permissionset-meta.xml`) join the project by their path alone. Used by the analysis tests, the rule examples (`eca-ls explain`) and the
//! protocol tests.

use eca_syntax::TextRange;

use crate::model::project::Project;
use crate::model::project_files::{
    self, PACKAGE_XML_FILE, SFDX_PROJECT_FILE, SettingFiles, SettingsError,
};

pub const CURSOR_MARKER: &str = "$0";

/// A fixture, split into its files, with the cursor if one was marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// (path, text without markers), in the order written.
    pub files: Vec<(String, String)>,
    /// The file and range the `$0` markers point at.
    pub cursor: Option<(String, TextRange)>,
}

impl Fixture {
    /// Split a fixture string. Text before the first `//- /path` line is an error, as is a
    /// marker count other than 0, 1 or 2.
    pub fn parse(text: &str) -> Result<Fixture, String> {
        let mut files: Vec<(String, String)> = Vec::new();
        for line in text.split_inclusive('\n') {
            if let Some(path) = line.strip_prefix("//- ") {
                files.push((path.trim().to_string(), String::new()));
                continue;
            }
            match files.last_mut() {
                Some((_, content)) => content.push_str(line),
                None if line.trim().is_empty() => {}
                None => {
                    return Err(format!(
                        "fixture text before the first `//- /path` line: {line:?}"
                    ));
                }
            }
        }
        if files.is_empty() {
            return Err("a fixture needs at least one `//- /path` line".to_string());
        }
        let mut cursor = None;
        for (path, content) in &mut files {
            let markers: Vec<usize> = content
                .match_indices(CURSOR_MARKER)
                .map(|(index, _)| index)
                .collect();
            let range = match markers.as_slice() {
                [] => continue,
                [at] => TextRange::empty(*at),
                [start, end] => TextRange::new(*start, end - CURSOR_MARKER.len()),
                _ => return Err(format!("more than two `$0` markers in {path}")),
            };
            if cursor.is_some() {
                return Err("`$0` markers in more than one file".to_string());
            }
            *content = content.replace(CURSOR_MARKER, "");
            cursor = Some((path.clone(), range));
        }
        Ok(Fixture { files, cursor })
    }

    /// The project these files form, configured from its `sfdx-project.json`, `package.xml`
    /// and `eca-ls.toml` like the front ends configure a project on disk. `known_codes` are the
    /// codes its `eca-ls.toml` may name (every code: `codes::all_code_names`).
    pub fn project(&self, known_codes: &[&str]) -> Result<Project, String> {
        let named = |wanted: &str| {
            self.files
                .iter()
                .find(|(path, _)| crate::model::file_kind::file_name(path) == wanted)
                .map(|(path, text)| (text.as_str(), path.as_str()))
        };
        let package_xml = self.files.iter().find_map(|(path, text)| {
            (crate::model::file_kind::file_name(path) == PACKAGE_XML_FILE)
                .then(|| project_files::package_xml_version(text))
                .flatten()
                .map(|version| (version, path.as_str()))
        });
        let config_file = named(crate::model::config::CONFIG_FILE_NAME);
        let (api_version, config) = project_files::project_settings(
            SettingFiles {
                package_xml,
                sfdx_project: named(SFDX_PROJECT_FILE),
                config: config_file,
            },
            known_codes,
        )
        .map_err(|error| match error {
            SettingsError::SfdxProject(message) => message,
            SettingsError::Config(message) => {
                let path = config_file.map_or("", |(_, path)| path);
                format!("{path}: {message}")
            }
        })?;
        let mut project = Project::new("/", api_version, config);
        for (path, text) in &self.files {
            let name = crate::model::file_kind::file_name(path);
            if name == SFDX_PROJECT_FILE
                || name == PACKAGE_XML_FILE
                || name == crate::model::config::CONFIG_FILE_NAME
            {
                continue;
            }
            // A file of another component (a permission set, an Apex class) is known by its
            // path alone, as the front ends know it.
            if project.add_component_file(path) {
                continue;
            }
            project.set_file(path.clone(), text.clone());
        }
        Ok(project)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_files_and_finds_the_cursor() {
        let fixture =
            Fixture::parse("//- /a.ecaOauthPlcy-meta.xml\n<a>$0</a>\n//- /b.eca-meta.xml\n<b/>\n")
                .unwrap();
        assert_eq!(
            fixture.files,
            [
                (
                    "/a.ecaOauthPlcy-meta.xml".to_string(),
                    "<a></a>\n".to_string()
                ),
                ("/b.eca-meta.xml".to_string(), "<b/>\n".to_string()),
            ]
        );
        assert_eq!(
            fixture.cursor,
            Some(("/a.ecaOauthPlcy-meta.xml".to_string(), TextRange::empty(3)))
        );
    }

    #[test]
    fn two_markers_make_a_range() {
        let fixture = Fixture::parse("//- /a.xml\n<a>$0text$0</a>").unwrap();
        assert_eq!(
            fixture.cursor,
            Some(("/a.xml".to_string(), TextRange::new(3, 7)))
        );
    }

    #[test]
    fn rejects_text_before_the_first_file() {
        assert!(Fixture::parse("<a/>\n//- /a.xml\n").is_err());
    }
}
