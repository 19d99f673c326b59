//! The fuzz targets: each takes any bytes and panics only on a bug. Shared by the AFL++
//! harness (`tools/fuzz/afl`, run by `scripts/fuzz.sh TARGET SECONDS`) and by this crate's
//! tests, which run every target on the corpus and on every input a fuzzer found failing
//! (`tools/fuzz/regressions/<target>/`), so that each crash stays fixed.
//!
//! - `parse`: the parser never panics, and every range it gives lies in the text, on
//!   character boundaries.
//! - `check`: the structural checks and the rules (the file is named for the type its root
//!   element says, in a project with an app header, global OAuth settings and org settings)
//!   never panic, and every finding's and related location's range lies in its file.
//! - `fixes`: every fix of every finding, applied alone: its edits lie in their files and do
//!   not overlap; a file that parsed without errors still does; a comment or processing
//!   instruction the fix rewrites around is kept (only a whole deletion may take one away).
//! - `format`: a file that parses is formatted (in Salesforce's style with 4 spaces, with tabs,
//!   and in Prettier's style), and the result parses, formats to itself and checks with the
//!   same findings but for the order hint; a file that does not parse is refused.

use std::collections::BTreeMap;

use eca_analysis::writers::Plan;
use eca_analysis::writers::component_files::{FileFormat, Layout, component_name};
use eca_analysis::writers::format::{
    FormatOptions, FormatStyle, Indent, PrettierOptions, format_file, format_text,
};
use eca_analysis::{ApiVersionChoice, Config, Diagnostic, FileEdit, Project, SourceFile};
use eca_schema::Schema;
use eca_syntax::TextRange;

/// The fuzz targets, by the name `scripts/fuzz.sh` and the regression folders use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Parse,
    Check,
    Fixes,
    Format,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Parse, Target::Check, Target::Fixes, Target::Format];

    pub fn name(self) -> &'static str {
        match self {
            Target::Parse => "parse",
            Target::Check => "check",
            Target::Fixes => "fixes",
            Target::Format => "format",
        }
    }

    pub fn run(self, data: &[u8]) {
        match self {
            Target::Parse => parse(data),
            Target::Check => check(data),
            Target::Fixes => fixes(data),
            Target::Format => format(data),
        }
    }
}

/// The parser on any text.
pub fn parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let parse = eca_syntax::parse(text);
    for error in &parse.errors {
        assert_in(text, error.range, "a syntax error");
    }
    for id in parse.document.element_ids() {
        let element = parse.document.element(id);
        assert_in(text, element.range(), "an element");
        assert_in(text, element.name_range(), "an element name");
        assert_in(text, element.content(), "an element's content");
        for attribute in element.attributes() {
            assert_in(text, attribute.range(), "an attribute");
        }
    }
}

/// The checks on any text, as a file of the type its root element names.
pub fn check(data: &[u8]) {
    let (project, path) = project_with(data);
    let findings = eca_analysis::project_diagnostics(&project);
    for diagnostic in findings.values().flatten() {
        assert_located(&project, diagnostic);
    }
    // The fuzzed file's findings alone are what the whole project gives it.
    let alone = eca_analysis::project_diagnostics_of(&project, |candidate| candidate == path);
    assert_eq!(alone.get(&path), findings.get(&path), "{path} alone");
}

/// Every fix of every finding, applied alone.
pub fn fixes(data: &[u8]) {
    let (project, _) = project_with(data);
    let findings = eca_analysis::project_diagnostics(&project);
    for diagnostic in findings.values().flatten() {
        for fix in &diagnostic.fixes {
            let what = format!("the fix {:?} of {}", fix.title, diagnostic.code);
            let texts = apply(&project, &fix.edits, &what);
            for (path, new_text) in texts {
                let Some(file) = project.file(&path) else {
                    continue;
                };
                if file.parse.errors.is_empty() {
                    let errors = eca_syntax::parse(&new_text).errors;
                    assert!(
                        errors.is_empty(),
                        "{what} made {path} unparseable: {errors:?}\n--- before\n{}\n--- after\n{new_text}",
                        file.text
                    );
                }
                let edits: Vec<&FileEdit> =
                    fix.edits.iter().filter(|edit| edit.path == path).collect();
                assert_kept_around_edits(&file.text, &edits, &what);
            }
        }
    }
}

/// Formatting: a file that parses formats, in each style, to a file that parses, formats to
/// itself and has the same findings but for the order hint; one that does not is refused.
pub fn format(data: &[u8]) {
    let (project, path) = project_with(data);
    let Some(file) = project.file(&path) else {
        return;
    };
    if !file.parse.errors.is_empty() {
        assert!(
            format_file(file, &FormatOptions::SALESFORCE).is_err(),
            "a file with syntax errors was formatted"
        );
        return;
    }
    let before = codes_without_order(&project, &path);
    for options in FORMAT_OPTIONS {
        let formatted = format_file(file, &options)
            .unwrap_or_else(|error| panic!("{options:?}: {}", error.message(&file.text)));
        let parse = eca_syntax::parse(&formatted);
        assert!(
            parse.errors.is_empty(),
            "{options:?} gives broken XML {:?}\n--- before\n{}\n--- after\n{formatted}",
            parse.errors,
            file.text
        );
        let again = format_text(&formatted, &parse, &options)
            .unwrap_or_else(|error| panic!("{options:?}: {}", error.message(&formatted)));
        assert_eq!(again, formatted, "{options:?} is not idempotent");
        let mut after = project.clone();
        after.set_file(path.clone(), formatted.clone());
        assert_eq!(
            before,
            codes_without_order(&after, &path),
            "{options:?} changed the findings\n--- before\n{}\n--- after\n{formatted}",
            file.text
        );
    }
}

/// The options the `format` target formats with: Salesforce's layout with spaces and with tabs
/// (keeping extra final line breaks), and Prettier's with the plugin's defaults.
const FORMAT_OPTIONS: [FormatOptions; 3] = [
    FormatOptions::SALESFORCE,
    FormatOptions {
        indent: Indent::Tab,
        insert_final_newline: false,
        trim_final_newlines: false,
        style: FormatStyle::Salesforce,
    },
    FormatOptions {
        indent: Indent::Spaces(2),
        insert_final_newline: true,
        trim_final_newlines: true,
        style: FormatStyle::Prettier(PrettierOptions::DEFAULT),
    },
];

/// The codes of a file's findings, all of them, sorted, without the order hint formatting
/// settles.
fn codes_without_order(project: &Project, path: &str) -> Vec<String> {
    let mut unlimited = project.clone();
    unlimited.config.max_findings = Some(0);
    let mut codes: Vec<String> = eca_analysis::file_diagnostics(&unlimited, path)
        .into_iter()
        .map(|diagnostic| diagnostic.code)
        .filter(|code| code != "element-order")
        .collect();
    codes.sort();
    codes
}

/// Every fix of every finding of `project`, applied alone, adds no error: no file has more
/// findings of an error code after the fix than before. `Err` names the first fix that did.
pub fn fixes_add_no_error(project: &Project) -> Result<usize, String> {
    let before = error_counts(project);
    let findings = eca_analysis::project_diagnostics(project);
    let mut applied = 0;
    for diagnostic in findings.values().flatten() {
        for fix in &diagnostic.fixes {
            let what = format!(
                "the fix {:?} of {} in {}",
                fix.title, diagnostic.code, diagnostic.path
            );
            let mut fixed = project.clone();
            for (path, text) in apply(project, &fix.edits, &what) {
                fixed.set_file(path, text);
            }
            applied += 1;
            let after = error_counts(&fixed);
            for (key, count) in &after {
                if before.get(key).copied().unwrap_or(0) < *count {
                    return Err(format!(
                        "{what} adds an error {} in {} ({} before, {count} after)",
                        key.1,
                        key.0,
                        before.get(key).copied().unwrap_or(0)
                    ));
                }
            }
        }
    }
    Ok(applied)
}

/// How many error findings of each code each file has, all of them (a finding past the limit
/// of findings per file shows up when one before it is fixed, and is not new).
fn error_counts(project: &Project) -> BTreeMap<(String, String), usize> {
    let mut unlimited = project.clone();
    unlimited.config.max_findings = Some(0);
    let mut counts = BTreeMap::new();
    for diagnostic in eca_analysis::project_diagnostics(&unlimited)
        .into_values()
        .flatten()
    {
        if diagnostic.severity == eca_analysis::Severity::Error {
            *counts
                .entry((diagnostic.path, diagnostic.code))
                .or_insert(0) += 1;
        }
    }
    counts
}

/// The paths of the fuzzed file's companions: an app whose files the rules read together.
const HEADER: &str = "/p/force-app/externalClientApps/Fuzz.eca-meta.xml";
const GLOBAL: &str = "/p/force-app/extlClntAppGlobalOauthSets/Fuzz_glbloauth.ecaGlblOauth-meta.xml";
const ORG_SETTINGS: &str = "/p/force-app/settings/OauthOidc.settings-meta.xml";

/// A project holding the fuzzed text as the file its root element names (an `.xml` file when
/// it names no type), beside an app's header, global settings and the org settings.
pub fn project_with(data: &[u8]) -> (Project, String) {
    let text = String::from_utf8_lossy(data).into_owned();
    let path = fuzzed_path(&text);
    let mut project = Project::new("/p", ApiVersionChoice::schema_default(), Config::default());
    project.set_file(
        HEADER,
        "<ExternalClientApplication xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <contactEmail>a@example.com</contactEmail>\n    <distributionState>Local</distributionState>\n    <isProtected>false</isProtected>\n    <label>Fuzz</label>\n</ExternalClientApplication>\n",
    );
    project.set_file(
        GLOBAL,
        "<ExtlClntAppGlobalOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <callbackUrl>https://example.com/cb</callbackUrl>\n    <externalClientApplication>Fuzz</externalClientApplication>\n    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n    <label>Fuzz</label>\n</ExtlClntAppGlobalOauthSettings>\n",
    );
    project.set_file(
        ORG_SETTINGS,
        "<OauthOidcSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <oAuthCdCrdtFlowEnable>true</oAuthCdCrdtFlowEnable>\n</OauthOidcSettings>\n",
    );
    // The fuzzed file replaces a companion of its own type.
    project.set_file(path.clone(), text);
    (project, path)
}

/// Where the project keeps a file of the type the text's root element names, as `eca-ls new`
/// would put the app `Fuzz`'s component; `fuzz.xml` when it names no type with a file.
fn fuzzed_path(text: &str) -> String {
    let layout = Layout {
        base: "/p/force-app".to_string(),
        format: FileFormat::Source,
    };
    eca_analysis::file_kind::sniff_root_element(text)
        .and_then(|root| Schema::get().type_for_root_element(root))
        .and_then(|type_def| layout.path_of(type_def, &component_name("Fuzz", type_def)))
        .unwrap_or_else(|| "/p/force-app/fuzz.xml".to_string())
}

fn assert_in(text: &str, range: TextRange, what: &str) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{what} at {range:?} is not a range of the {}-byte text",
        text.len()
    );
}

fn assert_located(project: &Project, diagnostic: &Diagnostic) {
    let file = project.file(&diagnostic.path).unwrap_or_else(|| {
        panic!(
            "{} points into {}, no file of the project",
            diagnostic.code, diagnostic.path
        )
    });
    assert_in(&file.text, diagnostic.range, &diagnostic.code);
    for related in &diagnostic.related {
        let file: &SourceFile = project.file(&related.path).unwrap_or_else(|| {
            panic!(
                "{} relates to {}, no file of the project",
                diagnostic.code, related.path
            )
        });
        assert_in(
            &file.text,
            related.range,
            &format!("{}'s related location", diagnostic.code),
        );
    }
}

/// The new text of each file a fix edits, through the plan every writer's fixes go through
/// (`Plan::add_file_edits`), which refuses edits outside their file, inside a character or
/// overlapping one another; several insertions at one place go in the order listed, as the LSP
/// says.
fn apply(project: &Project, edits: &[FileEdit], what: &str) -> BTreeMap<String, String> {
    let mut plan = Plan::new();
    if let Err(error) = plan.add_file_edits(project, edits, what) {
        panic!("{what} cannot be applied: {error}");
    }
    plan.operations()
        .iter()
        .filter_map(|operation| Some((operation.target().to_string(), operation.new_text()?)))
        .collect()
}

/// Each comment and processing instruction an edit rewrites around (replaces together with
/// other text) must still be in the edit's new text: a fix keeps what it is not about.
fn assert_kept_around_edits(text: &str, edits: &[&FileEdit], what: &str) {
    for (open, close) in [("<!--", "-->"), ("<?", "?>")] {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|at| at + from) {
            let Some(end) = text[start..].find(close).map(|at| start + at + close.len()) else {
                break;
            };
            from = end;
            let kept = &text[start..end];
            for edit in edits {
                // An edit inside the comment is about the comment (an unused suppression code
                // removed); one that takes the whole comment with other text must keep it,
                // unless it deletes everything it covers (an element removed with it).
                let covers = edit.range.start <= start && end <= edit.range.end;
                if covers && !edit.new_text.is_empty() {
                    assert!(
                        edit.new_text.contains(kept),
                        "{what} replaces {:?} holding {kept:?} with {:?}, which loses it",
                        edit.range,
                        edit.new_text
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
