//! Rendering findings for people (compiler style), for tools (JSON with LSP positions) and
//! for code scanning (SARIF 2.1.0).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use eca_analysis::{Diagnostic, Severity, SourceFile, codes};
use eca_syntax::{LineCol, PositionEncoding, TextRange};
use serde_json::{Value, json};

/// One checked file and its findings.
pub struct CheckedFile {
    pub file: Arc<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

const TOOL_URL: &str = "https://github.com/eca-ls/eca-ls";

/// `path:line:col: severity[code]: message`, the source line with a caret under the range,
/// then a summary. Lines and columns are 1-based; columns count UTF-16 units like editors do.
pub fn human(checked: &[CheckedFile], show_hints: bool) -> String {
    let mut out = String::new();
    let mut counts: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut files_with_findings = 0;
    for checked_file in checked {
        let mut shown_any = false;
        for diagnostic in &checked_file.diagnostics {
            *counts.entry(diagnostic.severity).or_default() += 1;
            if diagnostic.severity == Severity::Hint && !show_hints {
                continue;
            }
            shown_any = true;
            render_one(&mut out, &checked_file.file, diagnostic);
        }
        if shown_any {
            files_with_findings += 1;
        }
    }
    let count = |severity| counts.get(&severity).copied().unwrap_or(0);
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let _ = write!(
        out,
        "{}, {}, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Information), "note"),
    );
    let hints = count(Severity::Hint);
    if hints > 0 {
        let _ = write!(out, ", {}", plural(hints, "hint"));
        if !show_hints {
            out.push_str(" (--hints lists them)");
        }
    }
    let _ = writeln!(
        out,
        " in {} checked ({} with findings)",
        plural(checked.len(), "file"),
        files_with_findings
    );
    out
}

fn render_one(out: &mut String, file: &SourceFile, diagnostic: &Diagnostic) {
    let start = position(file, diagnostic.range.start);
    let _ = writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        file.path,
        start.line + 1,
        start.col + 1,
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message
    );
    let line_start = file
        .line_index()
        .line_start(start.line)
        .unwrap_or(0)
        .min(file.text.len());
    let line_end = file.text[line_start..]
        .find(['\n', '\r'])
        .map_or(file.text.len(), |index| line_start + index);
    let line = &file.text[line_start..line_end];
    let line_number = (start.line + 1).to_string();
    let gutter = " ".repeat(line_number.len());
    let _ = writeln!(out, "{gutter} |");
    let _ = writeln!(out, "{line_number} | {line}");
    let caret_start = diagnostic.range.start.clamp(line_start, line_end);
    let caret_end = diagnostic.range.end.clamp(caret_start, line_end);
    let padding: String = file.text[line_start..caret_start]
        .chars()
        .map(|ch| if ch == '\t' { '\t' } else { ' ' })
        .collect();
    let width = file.text[caret_start..caret_end].chars().count().max(1);
    let _ = writeln!(out, "{gutter} | {padding}{}", "^".repeat(width));
    for related in &diagnostic.related {
        let _ = writeln!(
            out,
            "{gutter} = note: {} ({})",
            related.message, related.path
        );
    }
    out.push('\n');
}

/// `{"files": N, "diagnostics": [...]}` with LSP positions (0-based lines, UTF-16 columns).
pub fn json(checked: &[CheckedFile]) -> String {
    let diagnostics: Vec<Value> = checked
        .iter()
        .flat_map(|checked_file| {
            checked_file.diagnostics.iter().map(|diagnostic| {
                json!({
                    "path": checked_file.file.path,
                    "range": lsp_range(&checked_file.file, diagnostic.range),
                    "severity": diagnostic.severity.as_str(),
                    "code": diagnostic.code,
                    "message": diagnostic.message,
                })
            })
        })
        .collect();
    let document = json!({ "files": checked.len(), "diagnostics": diagnostics });
    format!("{document:#}\n")
}

/// SARIF 2.1.0: one run, the codes that occur as rules, one result per finding.
pub fn sarif(checked: &[CheckedFile]) -> String {
    let mut used_codes: Vec<&str> = checked
        .iter()
        .flat_map(|file| {
            file.diagnostics
                .iter()
                .map(|diagnostic| diagnostic.code.as_str())
        })
        .collect();
    used_codes.sort_unstable();
    used_codes.dedup();
    let rules: Vec<Value> = used_codes
        .iter()
        .map(|code| match codes::code_info(code) {
            Some(info) => json!({
                "id": info.code,
                "shortDescription": { "text": info.title },
                "fullDescription": { "text": info.explanation },
                "helpUri": info.sources.first().copied().unwrap_or(TOOL_URL),
                "defaultConfiguration": { "level": sarif_level(info.default_severity) },
            }),
            None => json!({ "id": code }),
        })
        .collect();
    let results: Vec<Value> = checked
        .iter()
        .flat_map(|checked_file| {
            checked_file.diagnostics.iter().map(|diagnostic| {
                let mut result = json!({
                    "ruleId": diagnostic.code,
                    "level": sarif_level(diagnostic.severity),
                    "message": { "text": diagnostic.message },
                    "locations": [sarif_location(&checked_file.file, diagnostic.range)],
                });
                let related: Vec<Value> = diagnostic
                    .related
                    .iter()
                    .map(|related| {
                        let other = checked
                            .iter()
                            .find(|candidate| candidate.file.path == related.path);
                        // A file read for context only (not asked for) has no line index
                        // here: its location is the file itself.
                        let mut location = match other {
                            Some(other) => sarif_location(&other.file, related.range),
                            None => json!({ "physicalLocation": {
                                "artifactLocation": { "uri": sarif_uri(&related.path) },
                            }}),
                        };
                        location["message"] = json!({ "text": related.message });
                        location
                    })
                    .collect();
                if !related.is_empty() {
                    result["relatedLocations"] = Value::Array(related);
                }
                result
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "eca-ls",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": TOOL_URL,
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    format!("{document:#}\n")
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn sarif_location(file: &SourceFile, range: TextRange) -> Value {
    let start = position(file, range.start);
    let end = position(file, range.end);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": sarif_uri(&file.path) },
            "region": {
                "startLine": start.line + 1,
                "startColumn": start.col + 1,
                "endLine": end.line + 1,
                "endColumn": end.col + 1,
            },
        },
    })
}

/// A path as the URI reference SARIF requires: relative paths stay relative (code scanning
/// resolves them against the checkout), absolute ones become `file://` URIs, and every byte
/// outside the unreserved characters is percent-encoded, so that a space, `#` or `%` in a
/// folder name cannot end or corrupt the reference.
fn sarif_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let has_drive_letter = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    let mut uri = if path.starts_with('/') {
        "file://".to_string()
    } else if has_drive_letter {
        "file:///".to_string()
    } else {
        String::new()
    };
    for (index, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (has_drive_letter && index == 1);
        if keep {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

pub(super) fn lsp_range(file: &SourceFile, range: TextRange) -> Value {
    let start = position(file, range.start);
    let end = position(file, range.end);
    json!({
        "start": { "line": start.line, "character": start.col },
        "end": { "line": end.line, "character": end.col },
    })
}

fn position(file: &SourceFile, offset: usize) -> LineCol {
    file.line_index().line_col(offset, PositionEncoding::Utf16)
}

#[cfg(test)]
mod tests {
    use super::sarif_uri;

    #[test]
    fn sarif_uris_are_uri_references() {
        let cases = [
            ("./force-app/a.eca-meta.xml", "force-app/a.eca-meta.xml"),
            (
                "my app #1/100%.eca-meta.xml",
                "my%20app%20%231/100%25.eca-meta.xml",
            ),
            (
                "/tmp/Señal/a.eca-meta.xml",
                "file:///tmp/Se%C3%B1al/a.eca-meta.xml",
            ),
            (
                "C:\\work\\a b.eca-meta.xml",
                "file:///C:/work/a%20b.eca-meta.xml",
            ),
            ("ns:odd/a.eca-meta.xml", "ns%3Aodd/a.eca-meta.xml"),
        ];
        for (path, uri) in cases {
            assert_eq!(sarif_uri(path), uri, "{path}");
        }
    }
}
