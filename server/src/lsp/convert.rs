//! The edge between LSP positions and the analysis' byte offsets: the one place that knows how
//! a client counts columns (UTF-16 code units by default, UTF-8 bytes when negotiated), and
//! how document URIs map to the path keys projects use. Nothing else in the server converts.

use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use eca_syntax::{LineCol, LineIndex, PositionEncoding, TextRange};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, Uri};

/// The encoding to use given what the client offers: UTF-8 when offered (no conversion work
/// for us), UTF-16 otherwise, as the protocol mandates.
pub fn negotiate_encoding(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
    }
}

/// The byte offset of an LSP position in a parsed file. Past the end of a line means the end
/// of that line; past the last line means the end of the text.
pub fn offset(index: &LineIndex, position: Position, encoding: PositionEncoding) -> usize {
    index.offset(
        LineCol {
            line: position.line,
            col: position.character,
        },
        encoding,
    )
}

pub fn position(index: &LineIndex, offset: usize, encoding: PositionEncoding) -> Position {
    let line_col = index.line_col(offset, encoding);
    Position::new(line_col.line, line_col.col)
}

pub fn range(index: &LineIndex, range: TextRange, encoding: PositionEncoding) -> Range {
    Range::new(
        position(index, range.start, encoding),
        position(index, range.end, encoding),
    )
}

/// A byte range from an LSP range; a reversed range is put in order.
pub fn text_range(index: &LineIndex, range: Range, encoding: PositionEncoding) -> TextRange {
    let start = offset(index, range.start, encoding);
    let end = offset(index, range.end, encoding);
    TextRange::new(start.min(end), start.max(end))
}

/// The path key of a document: the file system path for `file:` URIs (as the workspace index
/// names files), the URI itself for anything else (unsaved buffers).
pub fn path_key(uri: &Uri) -> String {
    match file_path(uri) {
        Some(path) => crate::workspace::display(&path),
        None => uri.as_str().to_string(),
    }
}

/// The normalised file system path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    if !is_file {
        return None;
    }
    let path = uri.to_file_path()?;
    Some(normalize(&path))
}

/// The URI for a path key: a path becomes a `file:` URI, a key that was a URI is parsed back.
pub fn uri_for_path(path_key: &str) -> Option<Uri> {
    let path = Path::new(path_key);
    if path.is_absolute() {
        return Uri::from_file_path(path);
    }
    Uri::from_str(path_key).ok()
}

/// `a//b/./c/` → `a/b/c`, so that paths from URIs and from walking folders compare equal.
pub fn normalize(path: &Path) -> PathBuf {
    path.components()
        .filter(|component| !matches!(component, Component::CurDir))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_counts_two_utf16_units_and_four_bytes() {
        let index = LineIndex::new("😀<a>");
        assert_eq!(
            offset(&index, Position::new(0, 2), PositionEncoding::Utf16),
            4
        );
        assert_eq!(
            offset(&index, Position::new(0, 4), PositionEncoding::Utf8),
            4
        );
        // Half-way into the emoji moves to its start.
        assert_eq!(
            offset(&index, Position::new(0, 1), PositionEncoding::Utf16),
            0
        );
        assert_eq!(
            position(&index, 5, PositionEncoding::Utf16),
            Position::new(0, 3)
        );
        assert_eq!(
            position(&index, 5, PositionEncoding::Utf8),
            Position::new(0, 5)
        );
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        assert_eq!(negotiate_encoding(None), PositionEncoding::Utf16);
        assert_eq!(
            negotiate_encoding(Some(&[PositionEncodingKind::UTF16])),
            PositionEncoding::Utf16
        );
        assert_eq!(
            negotiate_encoding(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            PositionEncoding::Utf8
        );
    }

    #[test]
    fn file_uris_become_normalised_paths_and_back() {
        let uri = Uri::from_str("file:///tmp/a%20b//c/./d.xml").unwrap();
        assert_eq!(path_key(&uri), "/tmp/a b/c/d.xml");
        let back = uri_for_path("/tmp/a b/c/d.xml").unwrap();
        assert_eq!(back.as_str(), "file:///tmp/a%20b/c/d.xml");
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_key(&untitled), "untitled:Untitled-1");
        assert_eq!(
            uri_for_path("untitled:Untitled-1").unwrap().as_str(),
            "untitled:Untitled-1"
        );
    }
}
