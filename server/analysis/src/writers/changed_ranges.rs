//! The ranges of a text that another text changes, line by line: how a writer that rewrote a
//! file in several steps (the app engine, bulk fixing) turns the result back into edits of the
//! text the user has, so that a plan and an editor's preview show only the lines that change.

use eca_syntax::TextRange;
use similar::{DiffOp, TextDiff};

/// One changed region: the byte range of the original text it replaces, the new text, and the
/// new text's lines (for telling which change is which).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedRange {
    pub range: TextRange,
    pub new_text: String,
}

/// The regions of `original` that differ in `new`, in order, each a run of whole lines (an
/// insertion is an empty range at a line start). Applied to `original`, they give `new`.
pub fn changed_ranges(original: &str, new: &str) -> Vec<ChangedRange> {
    if original == new {
        return Vec::new();
    }
    let diff = TextDiff::from_lines(original, new);
    let old_starts = line_starts(original);
    let new_starts = line_starts(new);
    let mut changes: Vec<ChangedRange> = Vec::new();
    for op in diff.ops() {
        let (old_lines, new_lines) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        let range = TextRange::new(old_starts[old_lines.start], old_starts[old_lines.end]);
        let new_text = new[new_starts[new_lines.start]..new_starts[new_lines.end]].to_string();
        // Adjacent operations (a delete right before an insert) make one change.
        match changes.last_mut() {
            Some(last) if last.range.end == range.start => {
                last.range = TextRange::new(last.range.start, range.end);
                last.new_text.push_str(&new_text);
            }
            _ => changes.push(ChangedRange { range, new_text }),
        }
    }
    changes
}

/// The byte offset where each line starts, plus the text's length (the start of the line after
/// the last): index `n` is where line `n` begins, for `n` up to the number of lines.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (index, byte) in text.bytes().enumerate() {
        if byte == b'\n' && index + 1 < text.len() {
            starts.push(index + 1);
        }
    }
    if !text.is_empty() {
        starts.push(text.len());
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(original: &str, changes: &[ChangedRange]) -> String {
        let mut text = String::new();
        let mut at = 0;
        for change in changes {
            text.push_str(&original[at..change.range.start]);
            text.push_str(&change.new_text);
            at = change.range.end;
        }
        text.push_str(&original[at..]);
        text
    }

    #[test]
    fn only_the_changed_lines_are_replaced_and_applying_them_gives_the_new_text() {
        let original = "<a>\r\n  <b>1</b>\r\n  <c>2</c>\r\n  <d>3</d>\r\n</a>\r\n";
        let new = "<a>\r\n  <b>1</b>\r\n  <bb>x</bb>\r\n  <c>2</c>\r\n  <d>4</d>\r\n</a>\r\n";
        let changes = changed_ranges(original, new);
        assert_eq!(
            changes,
            vec![
                ChangedRange {
                    range: TextRange::new(17, 17),
                    new_text: "  <bb>x</bb>\r\n".to_string()
                },
                ChangedRange {
                    range: TextRange::new(29, 41),
                    new_text: "  <d>4</d>\r\n".to_string()
                },
            ]
        );
        assert_eq!(apply(original, &changes), new);
    }

    #[test]
    fn texts_without_a_final_line_break_and_empty_texts() {
        for (original, new) in [
            ("a\nb", "a\nc"),
            ("a", "a\nb"),
            ("", "x\n"),
            ("x\n", ""),
            ("same", "same"),
        ] {
            assert_eq!(
                apply(original, &changed_ranges(original, new)),
                new,
                "{original:?} → {new:?}"
            );
        }
    }
}
