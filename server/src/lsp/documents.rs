//! Open documents: the editor's buffer of each open file as a rope, with its version, edited
//! in place by incremental changes. Knows positions only through `convert`.

use eca_syntax::PositionEncoding;
use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert;

/// One document the client has opened: the buffer wins over the file on disk.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// The URI exactly as the client sent it, so that what we publish matches its key.
    pub uri: Uri,
    pub version: i32,
    pub rope: Rope,
    /// The key of the project the document belongs to.
    pub project_root: String,
}

impl OpenDocument {
    pub fn new(uri: Uri, version: i32, text: &str, project_root: String) -> OpenDocument {
        OpenDocument {
            uri,
            version,
            rope: Rope::from_str(text),
            project_root,
        }
    }

    /// Apply the changes of one `didChange`, in order: each change's positions refer to the
    /// text left by the previous one. A change without a range replaces the whole text.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) {
        for change in changes {
            apply_change(&mut self.rope, change, encoding);
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// Apply one change to a rope. Positions past the end are clamped (see `convert`), and a
/// reversed range is put in order, so no client input can make the rope panic.
pub fn apply_change(
    rope: &mut Rope,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) {
    let Some(range) = change.range else {
        *rope = Rope::from_str(&change.text);
        return;
    };
    let start = convert::rope_char_index(rope, range.start, encoding);
    let end = convert::rope_char_index(rope, range.end, encoding);
    let (start, end) = (start.min(end), start.max(end));
    if start < end {
        rope.remove(start..end);
    }
    if !change.text.is_empty() {
        rope.insert(start, &change.text);
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((start_line, start_col), (end_line, end_col))| {
                Range::new(
                    Position::new(start_line, start_col),
                    Position::new(end_line, end_col),
                )
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn document(text: &str) -> OpenDocument {
        let uri = Uri::from_str("file:///tmp/x.xml").unwrap();
        OpenDocument::new(uri, 1, text, "/tmp".to_string())
    }

    #[test]
    fn applies_several_changes_in_order_after_multibyte_text() {
        let mut doc = document("<a>😀日本</a>\r\n<b/>");
        doc.apply_changes(
            &[
                // After the emoji (2 UTF-16 units) and 日 (1 unit): insert between 日 and 本.
                change(Some(((0, 6), (0, 6))), "語"),
                // The second change sees the first: replace 本 (now at column 7).
                change(Some(((0, 7), (0, 8))), "X"),
                change(Some(((1, 1), (1, 2))), "c"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "<a>😀日語X</a>\r\n<c/>");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut doc = document("😀<a/>");
        doc.apply_changes(
            &[change(Some(((0, 5), (0, 6))), "b")],
            PositionEncoding::Utf8,
        );
        assert_eq!(doc.text(), "😀<b/>");
    }

    #[test]
    fn clamps_positions_past_the_end_and_orders_reversed_ranges() {
        let mut doc = document("ab\ncd");
        doc.apply_changes(
            &[
                change(Some(((0, 99), (0, 99))), "!"),
                change(Some(((9, 0), (9, 5))), "?"),
                change(Some(((1, 1), (1, 0))), "C"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "ab!\nCd?");
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut doc = document("old");
        doc.apply_changes(&[change(None, "new\r\ntext")], PositionEncoding::Utf16);
        assert_eq!(doc.text(), "new\r\ntext");
    }

    #[test]
    fn joins_a_crlf_line_break_removed_as_a_whole() {
        let mut doc = document("a\r\nb");
        doc.apply_changes(
            &[change(Some(((0, 1), (1, 0))), "")],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text(), "ab");
    }
}
