//! Helpers shared by the analysis tests: build a project from a fixture, render findings as
//! compact text, apply a fix and show the files it changed. They live with the checks because
//! a fixture's `eca-ls.toml` may name any code, and only the checks know every code; the
//! editor features' tests use them from here.

use std::collections::BTreeMap;
use std::fmt::Write;

use eca_syntax::{PositionEncoding, TextRange};

use crate::checks::registry::all_code_names;
use crate::model::diagnostic::{Diagnostic, FileEdit};
use crate::model::fixture::Fixture;
use crate::model::project::Project;

/// The project a fixture describes; panics with the fixture's error (tests only).
pub fn project(fixture: &str) -> Project {
    Fixture::parse(fixture)
        .and_then(|fixture| fixture.project(&all_code_names()))
        .unwrap_or_else(|error| panic!("bad fixture: {error}"))
}

/// The project a fixture describes, with the path of the file holding its cursor and the
/// cursor (`$0`, or the range between two); panics on a bad fixture or one without a cursor.
pub fn project_with_cursor(fixture: &str) -> (Project, String, TextRange) {
    let fixture = Fixture::parse(fixture).unwrap_or_else(|error| panic!("bad fixture: {error}"));
    let project = fixture
        .project(&all_code_names())
        .unwrap_or_else(|error| panic!("bad fixture: {error}"));
    let (path, cursor) = fixture.cursor.expect("the fixture needs a `$0`");
    (project, path, cursor)
}

pub fn render_diagnostic(out: &mut String, project: &Project, path: &str, diagnostic: &Diagnostic) {
    let _ = writeln!(
        out,
        "{} {}[{}] {}",
        location(project, path, diagnostic.range.start),
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message
    );
    for related in &diagnostic.related {
        let _ = writeln!(
            out,
            "  related {} {}",
            location(project, &related.path, related.range.start),
            related.message
        );
    }
    for fix in &diagnostic.fixes {
        let marker = if fix.preferred { "fix*" } else { "fix" };
        let _ = writeln!(out, "  {marker} {}", fix.title);
    }
}

/// `file.ext:line:col`, 1-based, columns in UTF-16 units.
pub fn location(project: &Project, path: &str, offset: usize) -> String {
    let name = crate::model::file_kind::file_name(path);
    match project.file(path) {
        Some(file) => {
            let position = file.line_index().line_col(offset, PositionEncoding::Utf16);
            format!("{name}:{}:{}", position.line + 1, position.col + 1)
        }
        None => format!("{name}:?"),
    }
}

/// Apply edits to the project's texts and return the changed files' new texts, by path. Edits
/// of one file must not overlap (two insertions at one place may follow each other).
pub fn apply_edits(project: &Project, edits: &[FileEdit]) -> BTreeMap<String, String> {
    let mut by_path: BTreeMap<String, Vec<&FileEdit>> = BTreeMap::new();
    for edit in edits {
        by_path.entry(edit.path.clone()).or_default().push(edit);
    }
    by_path
        .into_iter()
        .map(|(path, mut edits)| {
            let mut text = project
                .file(&path)
                .map(|file| file.text.to_string())
                .unwrap_or_default();
            // Apply from the end so earlier offsets stay valid. Insertions at one offset land
            // in the order the edits list them, as the LSP spec says: reversed before the
            // stable sort, the last is applied first and each earlier one goes in before it.
            edits.reverse();
            edits.sort_by_key(|edit| std::cmp::Reverse((edit.range.start, edit.range.end)));
            for pair in edits.windows(2) {
                assert!(
                    pair[1].range.end <= pair[0].range.start,
                    "overlapping edits in {path}"
                );
            }
            for edit in edits {
                text.replace_range(edit.range.start..edit.range.end, &edit.new_text);
            }
            (path, text)
        })
        .collect()
}

/// All findings of a fixture's project, rendered one per line:
/// `file:line:col severity[code] message`, with related locations and fixes indented below.
pub fn render_project_diagnostics(project: &Project) -> String {
    render_project_diagnostics_where(project, |_| true)
}

/// [`render_project_diagnostics`], only the findings whose code `keep` accepts: for the tests
/// of one group of rules, which other codes' findings on the same fixture would only blur.
pub fn render_project_diagnostics_where(project: &Project, keep: impl Fn(&str) -> bool) -> String {
    let mut out = String::new();
    for (path, diagnostics) in crate::checks::project_diagnostics(project) {
        for diagnostic in diagnostics
            .iter()
            .filter(|diagnostic| keep(&diagnostic.code))
        {
            render_diagnostic(&mut out, project, &path, diagnostic);
        }
    }
    out
}

/// Apply the fix titled `title` of the first finding with `code` and render the changed files.
pub fn render_fix(project: &Project, code: &str, title: &str) -> String {
    let all = crate::checks::project_diagnostics(project);
    let fix = all
        .values()
        .flatten()
        .filter(|diagnostic| diagnostic.code == code)
        .flat_map(|diagnostic| &diagnostic.fixes)
        .find(|fix| fix.title == title)
        .unwrap_or_else(|| panic!("no fix titled {title:?} for {code}"));
    let mut out = String::new();
    for (path, text) in apply_edits(project, &fix.edits) {
        let _ = writeln!(out, "//- {path}");
        out.push_str(&text);
    }
    out
}
