//! Error-tolerant XML: text in, a tree with byte ranges plus a list of syntax errors out.
//!
//! This crate knows XML and nothing else: no Salesforce types, no LSP, no IO. Parsing never
//! fails; every well-formedness problem becomes a [`SyntaxError`] with a range and the parser
//! keeps going, so that half-typed input still yields a tree in which a cursor can be located.
//! DTDs and entity definitions are never processed; only the five predefined entities and
//! character references are expanded.
//!
//! What one file may cost is capped: a file over [`MAX_FILE_SIZE`] is not parsed, and nesting
//! deeper than [`MAX_DEPTH`] or more than [`MAX_ERRORS`] errors stop the parse with one error
//! that says so. Nothing is recursive or quadratic: a 5 MiB file of ordinary fields parses in
//! about a tenth of a second in release mode (`examples/parse_speed.rs` times pathological
//! shapes too).

mod incremental;
mod line_index;
mod parser;
mod source_text;
mod text_range;
mod tree;

pub use incremental::{Edit, Reparsed, how_reparsed, reparse, reparse_in_place};
pub use line_index::{LineCol, LineIndex, PositionEncoding};
pub use parser::{MAX_DEPTH, MAX_ELEMENTS, MAX_ERRORS, MAX_FILE_SIZE, parse};
pub use source_text::SourceText;
pub use text_range::TextRange;
pub use tree::{
    Attribute, CData, Comment, Declaration, Document, Element, ElementId, EndTag, Node,
    ProcessingInstruction, Text, TextValue,
};

/// The result of parsing one file: always a tree, plus whatever was wrong with the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    pub document: Document,
    pub errors: Vec<SyntaxError>,
}

/// One well-formedness problem, located in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub kind: SyntaxErrorKind,
    /// A sentence for a person: what is wrong and, where clear, what to do. No trailing period.
    pub message: String,
}

/// What kind of problem a [`SyntaxError`] is; analysis maps `Doctype` to its own diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// `</b>` closes an element opened as `<a>`.
    MismatchedEndTag,
    /// An end tag with no open element of that name.
    UnexpectedEndTag,
    /// An element that is never closed before its parent or the file ends.
    UnclosedElement,
    /// A start or end tag without its `>` (for example a half-typed `<guestJwt`).
    MissingTagClose,
    /// A `<` not followed by a valid name, or a name with illegal characters.
    InvalidName,
    /// A malformed attribute (missing `=`, missing quotes, unterminated value).
    BadAttribute,
    /// The same attribute twice on one element.
    DuplicateAttribute,
    /// An unknown or malformed `&...;` reference, or a bare `&`.
    BadReference,
    /// Non-whitespace text before or after the root element.
    TextOutsideRoot,
    /// A second top-level element.
    SecondRoot,
    /// No root element at all (empty or comment-only file).
    MissingRoot,
    /// Anything other than a byte-order mark before `<?xml ...?>`.
    ContentBeforeDeclaration,
    /// A malformed XML declaration.
    BadDeclaration,
    /// An unresolved git merge-conflict marker line (`<<<<<<<`, `=======`, `>>>>>>>`).
    MergeConflictMarker,
    /// A `<!DOCTYPE ...>`: reported, never processed.
    Doctype,
    /// A comment without its `-->`, or containing `--`.
    BadComment,
    /// A CDATA section without its `]]>`.
    UnclosedCData,
    /// A processing instruction without its `?>`.
    UnclosedProcessingInstruction,
    /// The file is larger than [`MAX_FILE_SIZE`]; it is not parsed at all.
    FileTooLarge,
    /// Elements nest deeper than [`MAX_DEPTH`]; the rest of the file is not parsed.
    TooDeep,
    /// More than [`MAX_ELEMENTS`] elements; the rest of the file is not parsed.
    TooManyElements,
    /// More than [`MAX_ERRORS`] errors: the file is not XML in any useful sense, and the rest
    /// of it is not parsed (listing millions of errors would only cost memory).
    TooManyErrors,
    /// A character XML does not allow anywhere, written literally (a control character other
    /// than tab, line feed and carriage return, or U+FFFE, U+FFFF).
    ForbiddenCharacter,
}

#[cfg(test)]
mod tests;
