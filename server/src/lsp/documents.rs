//! Open documents: the editor's buffer of each open file, with its version. The buffer's text is
//! the text of the project's file (one shared copy): a `didChange` splices each change into it
//! once and re-parses only what the change touches. Knows positions only through `convert`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use eca_analysis::model::project::SourceFile;
use eca_syntax::{PositionEncoding, SourceText};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert;
use super::state::parse_file;

/// One document the client has opened: the buffer wins over the file on disk.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// The URI exactly as the client sent it, so that what we publish matches its key.
    pub uri: Uri,
    pub version: i32,
    /// The buffer, shared with the project's file while it is that file's text.
    pub text: SourceText,
    /// The key of the project the document belongs to.
    pub project_root: String,
}

impl OpenDocument {
    pub fn new(uri: Uri, version: i32, text: SourceText, project_root: String) -> OpenDocument {
        OpenDocument {
            uri,
            version,
            text,
            project_root,
        }
    }
}

/// `file` after the changes of one `didChange`, in order: each change's positions refer to the
/// text left by the previous one, and a change without a range replaces the whole text.
/// Positions past the end are clamped and a reversed range is put in order (see `convert`), so
/// no client input can make this fail; a panic in the parser keeps the text without a tree.
pub fn apply_changes(
    file: &SourceFile,
    changes: &[TextDocumentContentChangeEvent],
    encoding: PositionEncoding,
) -> SourceFile {
    let Some((first, rest)) = changes.split_first() else {
        return parse_file(file.path.clone(), file.text.clone());
    };
    let mut edited = apply_change(file, first, encoding);
    for change in rest {
        edited = apply_change(&edited, change, encoding);
    }
    edited
}

/// One change of a `didChange` applied to `file`.
pub fn apply_change(
    file: &SourceFile,
    change: &TextDocumentContentChangeEvent,
    encoding: PositionEncoding,
) -> SourceFile {
    let Some(range) = change.range else {
        return parse_file(file.path.clone(), change.text.clone());
    };
    let range = convert::text_range(file.line_index(), range, encoding);
    let edited = catch_unwind(AssertUnwindSafe(|| file.edited(range, &change.text)));
    edited.unwrap_or_else(|_| {
        let mut text = file.text.to_string();
        text.replace_range(range.start..range.end, &change.text);
        parse_file(file.path.clone(), text)
    })
}

#[cfg(test)]
mod tests {
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

    /// A document's file after `changes`.
    fn edited(
        text: &str,
        changes: &[TextDocumentContentChangeEvent],
        encoding: PositionEncoding,
    ) -> String {
        let file = SourceFile::new("/tmp/x.xml", text);
        apply_changes(&file, changes, encoding).text.to_string()
    }

    #[test]
    fn applies_several_changes_in_order_after_multibyte_text() {
        let text = edited(
            "<a>😀日本</a>\r\n<b/>",
            &[
                // After the emoji (2 UTF-16 units) and 日 (1 unit): insert between 日 and 本.
                change(Some(((0, 6), (0, 6))), "語"),
                // The second change sees the first: replace 本 (now at column 7).
                change(Some(((0, 7), (0, 8))), "X"),
                change(Some(((1, 1), (1, 2))), "c"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(text, "<a>😀日語X</a>\r\n<c/>");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let text = edited(
            "😀<a/>",
            &[change(Some(((0, 5), (0, 6))), "b")],
            PositionEncoding::Utf8,
        );
        assert_eq!(text, "😀<b/>");
    }

    #[test]
    fn clamps_positions_past_the_end_and_orders_reversed_ranges() {
        let text = edited(
            "ab\ncd",
            &[
                change(Some(((0, 99), (0, 99))), "!"),
                change(Some(((9, 0), (9, 5))), "?"),
                change(Some(((1, 1), (1, 0))), "C"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(text, "ab!\nCd?");
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let text = edited(
            "old",
            &[change(None, "new\r\ntext")],
            PositionEncoding::Utf16,
        );
        assert_eq!(text, "new\r\ntext");
    }

    #[test]
    fn typing_in_a_value_keeps_the_tree_in_step_with_the_text() {
        let text = "<A>\n  <label>Portal</label>\n</A>\n";
        let file = SourceFile::new("/tmp/x.xml", text);
        let typed = apply_changes(
            &file,
            &[
                change(Some(((1, 15), (1, 15))), "s"),
                change(Some(((1, 9), (1, 10))), "p"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(typed.text, "<A>\n  <label>portals</label>\n</A>\n");
        assert_eq!(typed.parse, eca_syntax::parse(typed.text.clone()));
        assert!(
            typed
                .text
                .shares_buffer_with(typed.parse.document.source_text())
        );
    }

    #[test]
    fn joins_a_crlf_line_break_removed_as_a_whole() {
        let text = edited(
            "a\r\nb",
            &[change(Some(((0, 1), (1, 0))), "")],
            PositionEncoding::Utf16,
        );
        assert_eq!(text, "ab");
    }
}
