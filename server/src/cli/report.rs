//! Rendering findings for people (compiler style), for tools (JSON with LSP positions) and
//! for code scanning (SARIF 2.1.0).

use std::collections::{BTreeMap, HashMap};
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
        printable_path(&file.path),
        start.line + 1,
        start.col + 1,
        diagnostic.severity,
        diagnostic.code,
        printable(&diagnostic.message)
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
    let _ = writeln!(out, "{line_number} | {}", printable(line));
    let caret_start = diagnostic.range.start.clamp(line_start, line_end);
    let caret_end = diagnostic.range.end.clamp(caret_start, line_end);
    let padding: String = file.text[line_start..caret_start]
        .chars()
        .flat_map(|ch| {
            let fill = if ch == '\t' { '\t' } else { ' ' };
            std::iter::repeat_n(fill, display_width(ch))
        })
        .collect();
    let width = file.text[caret_start..caret_end]
        .chars()
        .map(display_width)
        .sum::<usize>()
        .max(1);
    let _ = writeln!(out, "{gutter} | {padding}{}", "^".repeat(width));
    for related in &diagnostic.related {
        let _ = writeln!(
            out,
            "{gutter} = note: {} ({})",
            printable(&related.message),
            printable_path(&related.path)
        );
    }
    out.push('\n');
}

/// Text as it may safely go to a terminal: control characters (an escape sequence in a
/// file must not drive the terminal) become their visible Unicode pictures; tabs stay.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|ch| ch.is_control() && ch != '\t') {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|ch| match ch {
            '\t' => ch,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + ch as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ if ch.is_control() => '\u{fffd}',
            _ => ch,
        })
        .collect::<String>()
        .into()
}

/// A file name as it may safely go to a terminal or a log: like [`printable`], and tabs too
/// become visible, so that a name cannot break the `path:line:col:` layout either.
pub(super) fn printable_path(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(path);
    }
    path.chars()
        .map(|ch| match ch {
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + ch as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ if ch.is_control() => '\u{fffd}',
            _ => ch,
        })
        .collect::<String>()
        .into()
}

/// Columns a character takes in a terminal: two for East Asian wide and emoji characters,
/// none for combining marks, one otherwise; enough to put the caret under the right spot.
fn display_width(ch: char) -> usize {
    let code = ch as u32;
    let combining = matches!(code, 0x0300..=0x036f | 0x200b..=0x200f | 0xfe00..=0xfe0f);
    let wide = matches!(
        code,
        0x1100..=0x115f
            | 0x2e80..=0x303e
            | 0x3041..=0x33ff
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xa000..=0xa4cf
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6
            | 0x1f300..=0x1f64f
            | 0x1f900..=0x1f9ff
            | 0x20000..=0x3fffd
    );
    if combining {
        0
    } else if wide {
        2
    } else {
        1
    }
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
    let file_by_path: HashMap<&str, &SourceFile> = checked
        .iter()
        .map(|checked_file| (checked_file.file.path.as_str(), &*checked_file.file))
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
                        // A file read for context only (not asked for) has no line index
                        // here: its location is the file itself.
                        let mut location = match file_by_path.get(related.path.as_str()) {
                            Some(other) => sarif_location(other, related.range),
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
    use super::{display_width, printable, sarif_uri};

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

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(
            printable("a\u{1b}[31mb\tc\u{7f}"),
            "a\u{241b}[31mb\tc\u{2421}"
        );
        assert!(matches!(printable("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!("ラベル".chars().map(display_width).sum::<usize>(), 6);
        assert_eq!("é🎉a".chars().map(display_width).sum::<usize>(), 4);
    }
}
