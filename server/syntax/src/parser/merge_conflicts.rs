//! Unresolved git merge conflicts: marker lines are reported and then blanked, so that the
//! elements on both sides of the conflict still parse.

use std::borrow::Cow;

use crate::parser::MAX_ERRORS;
use crate::parser::scan::snippet;
use crate::{SyntaxError, SyntaxErrorKind, TextRange};

/// How many marker characters git writes (its default `conflict-marker-size`).
const MARKER_LENGTH: usize = 7;

/// A text with its merge-conflict marker lines blanked.
pub(crate) struct Blanked<'t> {
    /// The text with those lines' content turned into spaces (line breaks kept, so every
    /// offset still means the same place).
    pub(crate) text: Cow<'t, str>,
    /// The blanked lines.
    pub(crate) lines: Vec<TextRange>,
    /// One error per marker line.
    pub(crate) errors: Vec<SyntaxError>,
}

/// Reports every marker line of `text` and blanks it.
pub(crate) fn blank_marker_lines(text: &str) -> Blanked<'_> {
    let unchanged = |errors| Blanked {
        text: Cow::Borrowed(text),
        lines: Vec::new(),
        errors,
    };
    // Nearly every file has no conflict: a look at the start of each line rules that out
    // before the line-by-line scan.
    if !has_marker_at_a_line_start(text.as_bytes()) {
        return unchanged(Vec::new());
    }
    let bytes = text.as_bytes();
    let mut errors = Vec::new();
    let mut marker_lines = Vec::new();
    let mut line_start = 0;
    loop {
        let line_end = line_content_end(bytes, line_start);
        if is_marker_line(&bytes[line_start..line_end]) {
            let range = TextRange::new(line_start, line_end);
            // Past the error cap the parse stops anyway; only the blanking still matters.
            if errors.len() <= MAX_ERRORS {
                errors.push(SyntaxError {
                    range,
                    kind: SyntaxErrorKind::MergeConflictMarker,
                    message: format!(
                        "unresolved git merge conflict marker `{}`: resolve the conflict and \
                         remove the marker lines",
                        snippet(range.slice(text).trim_end(), 60)
                    ),
                });
            }
            marker_lines.push(range);
        }
        match next_line_start(bytes, line_end) {
            Some(next) => line_start = next,
            None => break,
        }
    }
    if marker_lines.is_empty() {
        return unchanged(errors);
    }
    let mut blanked = text.as_bytes().to_vec();
    for range in &marker_lines {
        blanked[range.start..range.end].fill(b' ');
    }
    // Whole lines between ASCII line breaks were replaced by ASCII, so this cannot fail; if
    // it somehow did, parsing the original text is still better than giving up.
    match String::from_utf8(blanked) {
        Ok(blanked) => Blanked {
            text: Cow::Owned(blanked),
            lines: marker_lines,
            errors,
        },
        Err(_) => unchanged(errors),
    }
}

/// Whether some line starts with a run of seven marker characters, which every marker line
/// does (see [`is_marker_line`]): only the first bytes of lines are looked at.
fn has_marker_at_a_line_start(bytes: &[u8]) -> bool {
    let marker_run_at = |start: usize| {
        bytes.get(start..start + MARKER_LENGTH).is_some_and(|run| {
            matches!(run[0], b'<' | b'|' | b'=' | b'>') && run.iter().all(|&byte| byte == run[0])
        })
    };
    marker_run_at(0) || memchr::memchr2_iter(b'\n', b'\r', bytes).any(|at| marker_run_at(at + 1))
}

/// Whether any marker character repeats [`MARKER_LENGTH`] times in a row somewhere. Every such
/// run covers one of the offsets `MARKER_LENGTH - 1`, `2 * MARKER_LENGTH - 1`, …, so only those
/// are looked at, and around them only when they hold a marker character.
pub(crate) fn has_marker_run(bytes: &[u8]) -> bool {
    let mut probe = MARKER_LENGTH - 1;
    while probe < bytes.len() {
        let byte = bytes[probe];
        if matches!(byte, b'<' | b'|' | b'=' | b'>') {
            let before = bytes[..probe]
                .iter()
                .rev()
                .take_while(|&&other| other == byte)
                .count();
            let after = bytes[probe..]
                .iter()
                .take_while(|&&other| other == byte)
                .count();
            if before + after >= MARKER_LENGTH {
                return true;
            }
        }
        probe += MARKER_LENGTH;
    }
    false
}

fn line_content_end(bytes: &[u8], line_start: usize) -> usize {
    let mut offset = line_start;
    while offset < bytes.len() && bytes[offset] != b'\n' && bytes[offset] != b'\r' {
        offset += 1;
    }
    offset
}

fn next_line_start(bytes: &[u8], line_end: usize) -> Option<usize> {
    match bytes.get(line_end) {
        Some(b'\r') if bytes.get(line_end + 1) == Some(&b'\n') => Some(line_end + 2),
        Some(_) => Some(line_end + 1),
        None => None,
    }
}

/// `<<<<<<<`, `|||||||` (diff3 style), `=======` or `>>>>>>>`, alone or followed by a space
/// or tab and a label. Eight `=` or a marker glued to text is something else.
fn is_marker_line(line: &[u8]) -> bool {
    let Some(&first) = line.first() else {
        return false;
    };
    if !matches!(first, b'<' | b'|' | b'=' | b'>') || line.len() < MARKER_LENGTH {
        return false;
    }
    if !line[..MARKER_LENGTH].iter().all(|&byte| byte == first) {
        return false;
    }
    matches!(line.get(MARKER_LENGTH), None | Some(b' ' | b'\t'))
}
