//! Silencing findings with comments, and reporting comments that silence nothing.
//!
//! - `<!-- eca-ls-disable-next-line CODE[, CODE] -->` silences those codes inside the element
//!   that follows the comment (no code: every code).
//! - `<!-- eca-ls-disable CODE[, CODE] -->` anywhere silences those codes in the whole file.

use eca_syntax::{Document, Node, TextRange};

use crate::codes;
use crate::diagnostic::{Diagnostic, FileEdit, Fix, Severity};
use crate::project::SourceFile;

const NEXT_LINE_DIRECTIVE: &str = "eca-ls-disable-next-line";
const FILE_DIRECTIVE: &str = "eca-ls-disable";

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Suppression {
    comment: TextRange,
    /// Empty: every code.
    codes: Vec<String>,
    /// Where it applies: the next element, or the whole file.
    scope: TextRange,
    used: Vec<bool>,
    used_without_codes: bool,
}

/// Drop the diagnostics that suppression comments in `file` silence, and add a hint for each
/// suppressed code that silenced nothing.
pub fn apply(file: &SourceFile, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut suppressions = find_suppressions(file);
    if suppressions.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let mut silenced = false;
        for suppression in &mut suppressions {
            if !suppression.scope.contains_range(diagnostic.range)
                && !suppression.scope.touches(diagnostic.range.start)
            {
                continue;
            }
            if suppression.codes.is_empty() {
                suppression.used_without_codes = true;
                silenced = true;
            } else if let Some(index) = suppression
                .codes
                .iter()
                .position(|code| code.eq_ignore_ascii_case(&diagnostic.code))
            {
                suppression.used[index] = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(diagnostic);
        }
    }
    for suppression in &suppressions {
        if suppression.codes.is_empty() {
            if !suppression.used_without_codes {
                kept.push(unused(file, suppression, None));
            }
            continue;
        }
        for (code, used) in suppression.codes.iter().zip(&suppression.used) {
            if !used {
                kept.push(unused(file, suppression, Some(code)));
            }
        }
    }
    kept
}

fn unused(file: &SourceFile, suppression: &Suppression, code: Option<&str>) -> Diagnostic {
    let what = match code {
        Some(code) if codes::code_info(code).is_none() => {
            format!("`{code}` is not an eca-ls code, so this comment silences nothing")
        }
        Some(code) => format!("nothing here is reported as `{code}`; the suppression is unused"),
        None => "this suppression silences nothing".to_string(),
    };
    let fix = if suppression.codes.len() <= 1 {
        Some(Fix::new(
            "Remove the unused suppression comment",
            vec![remove_comment_line(file, suppression.comment)],
        ))
    } else {
        None
    };
    let mut diagnostic = Diagnostic::new(
        &file.path,
        suppression.comment,
        Severity::Hint,
        codes::UNUSED_SUPPRESSION,
        what,
    );
    if let Some(fix) = fix {
        diagnostic = diagnostic.with_fix(fix.preferred());
    }
    diagnostic
}

fn find_suppressions(file: &SourceFile) -> Vec<Suppression> {
    let document = &file.parse.document;
    let mut found = Vec::new();
    collect(document, &document.top_level, file, &mut found);
    for element in &document.elements {
        collect(document, &element.children, file, &mut found);
    }
    found
}

fn collect(document: &Document, nodes: &[Node], file: &SourceFile, found: &mut Vec<Suppression>) {
    for (index, node) in nodes.iter().enumerate() {
        let Node::Comment(comment) = node else {
            continue;
        };
        let content = comment.content.slice(&file.text).trim();
        let (scope, rest) = if let Some(rest) = content.strip_prefix(NEXT_LINE_DIRECTIVE) {
            let next_element = nodes[index + 1..].iter().find_map(|node| match node {
                Node::Element(id) => Some(document.element(*id).range()),
                _ => None,
            });
            // A directive with nothing after it applies to nothing, and is reported unused.
            (
                next_element.unwrap_or(TextRange::empty(comment.range.end)),
                rest,
            )
        } else if let Some(rest) = content.strip_prefix(FILE_DIRECTIVE) {
            (TextRange::new(0, file.text.len()), rest)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let codes: Vec<String> = rest
            .split(|ch: char| ch == ',' || ch.is_whitespace())
            .filter(|code| !code.is_empty())
            .map(str::to_string)
            .collect();
        found.push(Suppression {
            comment: comment.range,
            used: vec![false; codes.len()],
            codes,
            scope,
            used_without_codes: false,
        });
    }
}

/// Delete a comment, and its line when nothing else is on it.
fn remove_comment_line(file: &SourceFile, comment: TextRange) -> FileEdit {
    let text = &file.text;
    let line_start = text[..comment.start]
        .rfind('\n')
        .map_or(0, |index| index + 1);
    let line_end = text[comment.end..]
        .find('\n')
        .map_or(text.len(), |index| comment.end + index + 1);
    let alone = text[line_start..comment.start].trim().is_empty()
        && text[comment.end..line_end].trim().is_empty();
    if alone {
        FileEdit::delete(&file.path, TextRange::new(line_start, line_end))
    } else {
        FileEdit::delete(&file.path, comment)
    }
}
