//! The parser: quick-xml tokens in, a [`Document`] plus [`SyntaxError`]s out, recovering from
//! every error.
//!
//! quick-xml reads every well-formed token (text, references, comments, CDATA, declarations,
//! processing instructions, tags). It is configured to check nothing we check ourselves, and
//! every range comes from its buffer position before and after each event (text is never
//! trimmed, so events are contiguous). Where it cannot help, a short hand scan takes over and
//! says why: tags and declarations are bounded before quick-xml reads them (it would read a
//! half-typed `<guestJwt` through the next `<`, and re-run after each such stop, turn a file
//! of them quadratic), attributes are analysed by hand (quick-xml gives no ranges), and a
//! DOCTYPE is only measured, never read. After anything quick-xml cannot read, a fresh reader
//! restarts at an offset that always moves forward, so no error ends the parse early.
//!
//! Knows XML only: no Salesforce types, no LSP.

mod attributes;
mod builder;
pub(crate) mod merge_conflicts;
pub(crate) mod references;
pub(crate) mod scan;

use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, SyntaxError as XmlSyntaxError};
use quick_xml::events::Event;

use crate::parser::attributes::{AttributeOwner, AttributeSink, parse_attributes};
use crate::parser::builder::{EndTagToken, LimitReached, StartTagToken, TreeBuilder};
use crate::parser::references::{bare_ampersand, decode, report_reference};
use crate::parser::scan::{
    QuoteMemo, TagEnd, is_xml_name, name_end, scan_doctype_end, scan_tag_end, skip_whitespace,
    snippet, trim_whitespace_back,
};
use crate::tree::AttributeData;
use crate::{
    CData, Comment, Declaration, Document, Node, Parse, ProcessingInstruction, SourceText,
    SyntaxError, SyntaxErrorKind, TextRange,
};

/// Files larger than this are not parsed; they get one [`crate::SyntaxErrorKind::FileTooLarge`] error.
pub const MAX_FILE_SIZE: usize = 5 * 1024 * 1024;

/// Elements nested deeper than this stop the parse with one [`crate::SyntaxErrorKind::TooDeep`] error.
pub const MAX_DEPTH: usize = 256;

/// More elements than this stop the parse with one [`crate::SyntaxErrorKind::TooManyElements`]
/// error: each element costs about 80 bytes of tree (its entry, its node in its parent's
/// children, the text around it), so a 5 MiB file of empty elements would otherwise cost a
/// hundred megabytes. Real ECA files hold a few dozen; 128 custom attributes of three elements
/// each are far below it.
pub const MAX_ELEMENTS: usize = 200_000;

/// After this many errors the parse stops with one [`crate::SyntaxErrorKind::TooManyErrors`]
/// error, so that a 5 MiB file of `&` costs no more than a normal one.
pub const MAX_ERRORS: usize = 1000;

/// Parses `text` into a tree and the list of everything wrong with it. Never fails, never
/// panics; see the crate documentation for what is and is not expanded.
///
/// The tree keeps `text` (shared, not copied, when it is a `String` or a [`SourceText`]).
pub fn parse(text: impl Into<SourceText>) -> Parse {
    let source: SourceText = text.into();
    let text: &str = &source;
    if text.len() > MAX_FILE_SIZE {
        return Parse {
            document: Document::new(source.clone(), Vec::new()),
            errors: vec![SyntaxError {
                range: TextRange::empty(0),
                kind: SyntaxErrorKind::FileTooLarge,
                // No size in the message: a front end reads a file only to one byte past the
                // limit, so the text here may be a file's beginning.
                message: format!(
                    "the file is more than the {} MiB that are checked: it is not parsed",
                    MAX_FILE_SIZE / (1024 * 1024)
                ),
            }],
        };
    }
    let blanked = merge_conflicts::blank_marker_lines(text);
    let document = Document::new(source.clone(), blanked.lines);
    let mut parser = Parser::new(&blanked.text, document, blanked.errors);
    parser.run();
    let stopped_for_errors = match parser.stop {
        Some(Stop::TooManyErrors(at)) => Some(at),
        _ => None,
    };
    let (document, mut errors) = parser.finish();
    forbidden_characters(text, &mut errors);
    errors.sort_by_key(|error| (error.range.start, error.range.end));
    if let Some(at) = stopped_for_errors {
        errors.truncate(MAX_ERRORS);
        errors.push(SyntaxError {
            range: TextRange::empty(at),
            kind: SyntaxErrorKind::TooManyErrors,
            message: format!(
                "more than {MAX_ERRORS} syntax errors: the rest of the file is not parsed"
            ),
        });
    }
    Parse { document, errors }
}

/// Report every run of characters XML forbids (the `Char` production of XML 1.0: control
/// characters but tab, line feed and carriage return, and U+FFFE, U+FFFF), up to the error
/// limit. The tokenizer passes them through as text, so they are looked for on their own.
fn forbidden_characters(text: &str, errors: &mut Vec<SyntaxError>) {
    // Byte by byte, without decoding characters: every forbidden character is one byte below
    // 0x20 or the three bytes EF BF BE / EF BF BF, and the rest of a file goes by at the speed
    // of the search for those two kinds of byte.
    let bytes = text.as_bytes();
    let mut run: Option<(usize, char)> = None;
    let mut offset = 0;
    while let Some(at) = next_control_or_ef(bytes, offset) {
        let forbidden = forbidden_character_at(bytes, at);
        if let Some((start, first)) = run
            && (at > offset || forbidden.is_none())
        {
            // The run ended at `offset`, before an allowed character.
            if errors.len() >= MAX_ERRORS {
                return;
            }
            errors.push(forbidden_character(start, offset, first));
            run = None;
        }
        match forbidden {
            Some((length, character)) => {
                run.get_or_insert((at, character));
                offset = at + length;
            }
            None => offset = at + 1,
        }
    }
    if let Some((start, first)) = run
        && errors.len() < MAX_ERRORS
    {
        errors.push(forbidden_character(start, offset, first));
    }
}

/// The first byte at or after `from` that may start a forbidden character: a control
/// character other than tab, line feed and carriage return, or 0xEF (the first byte of U+FFFE
/// and U+FFFF, and of other characters). A file's line breaks and tabs are not stopped at.
fn next_control_or_ef(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    // Blocks of 32 bytes with no candidate are passed over whole: the test of a block has no
    // branch and no early exit, which the compiler turns into vector instructions.
    let mut blocks = rest.chunks_exact(32);
    let mut offset = from;
    for block in &mut blocks {
        let mut any = false;
        for &byte in block {
            any |= is_control_or_ef(byte);
        }
        if any {
            break;
        }
        offset += 32;
    }
    bytes[offset..]
        .iter()
        .position(|&byte| is_control_or_ef(byte))
        .map(|found| offset + found)
}

/// Whether `byte` may start a forbidden character (see [`next_control_or_ef`]), without a
/// branch.
fn is_control_or_ef(byte: u8) -> bool {
    (byte < 0x20) & (byte != b'\t') & (byte != b'\n') & (byte != b'\r') | (byte == 0xEF)
}

/// How many `<` `bytes` holds, 32 bytes at a time by a loop without a branch, which the
/// compiler turns into vector instructions.
pub(crate) fn count_less_thans(bytes: &[u8]) -> usize {
    let blocks = bytes.chunks_exact(32);
    let tail = blocks.remainder();
    let mut count = 0;
    for block in blocks {
        let mut in_block = 0u8;
        for &byte in block {
            in_block += u8::from(byte == b'<');
        }
        count += usize::from(in_block);
    }
    count + tail.iter().filter(|&&byte| byte == b'<').count()
}

/// The length and value of the forbidden character at `at`, if there is one.
fn forbidden_character_at(bytes: &[u8], at: usize) -> Option<(usize, char)> {
    match bytes[at..] {
        [byte, ..] if byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r') => {
            Some((1, char::from(byte)))
        }
        [0xEF, 0xBF, 0xBE, ..] => Some((3, '\u{FFFE}')),
        [0xEF, 0xBF, 0xBF, ..] => Some((3, '\u{FFFF}')),
        _ => None,
    }
}

fn forbidden_character(start: usize, end: usize, first: char) -> SyntaxError {
    SyntaxError {
        range: TextRange::new(start, end),
        kind: SyntaxErrorKind::ForbiddenCharacter,
        message: format!(
            "the character U+{:04X} is not allowed in XML, not even as a reference: remove it",
            u32::from(first)
        ),
    }
}

/// What the parser does with the token at a `<`.
enum Prepared {
    /// Handled by hand; the reader was restarted after it.
    Done,
    /// quick-xml reads it as usual.
    Reader,
    /// quick-xml reads a tag already known to end at this offset.
    Tag(usize),
}

/// Why parsing stopped before the end of the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Nesting went past [`MAX_DEPTH`] at this offset.
    TooDeep(usize),
    /// The document reached [`MAX_ELEMENTS`] at this offset.
    TooManyElements(usize),
    /// An unclosed comment or CDATA section took the rest of the text.
    SwallowedRest,
    /// More than [`MAX_ERRORS`] errors were found before this offset.
    TooManyErrors(usize),
}

struct Parser<'t> {
    /// The text with merge-conflict marker lines blanked.
    text: &'t str,
    bytes: &'t [u8],
    /// Where reading goes on.
    cursor: usize,
    builder: TreeBuilder<'t>,
    quote_memo: QuoteMemo,
    /// No `?>` follows this offset, so every later processing instruction is unclosed.
    no_processing_instruction_end_after: Option<usize>,
    byte_order_mark_length: usize,
    declaration_seen: bool,
    stop: Option<Stop>,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str, document: Document, errors: Vec<SyntaxError>) -> Parser<'t> {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            cursor: 0,
            builder: TreeBuilder::new(text, document, errors),
            quote_memo: QuoteMemo::default(),
            no_processing_instruction_end_after: None,
            byte_order_mark_length: if text.starts_with('\u{FEFF}') { 3 } else { 0 },
            declaration_seen: false,
            stop: None,
        };
        let less_thans = count_less_thans(parser.bytes);
        parser.builder.reserve(less_thans);
        parser.restart(0);
        parser
    }

    fn finish(self) -> (Document, Vec<SyntaxError>) {
        match self.stop {
            Some(Stop::TooDeep(at) | Stop::TooManyElements(at) | Stop::TooManyErrors(at)) => {
                self.builder.finish(at, false)
            }
            Some(Stop::SwallowedRest) => self.builder.finish(self.text.len(), false),
            None => self.builder.finish(self.text.len(), true),
        }
    }

    fn position(&self) -> usize {
        self.cursor
    }

    /// Goes on at `offset` (moved up to a char boundary if needed) after something read by
    /// hand. A byte-order mark there is skipped, as quick-xml skips one at the start of its
    /// input: the parser has always read from a fresh reader at such a point.
    fn restart(&mut self, offset: usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset += 1;
        }
        if self.text[offset..].starts_with('\u{FEFF}') {
            offset += 3;
        }
        self.cursor = offset;
    }

    fn run(&mut self) {
        while self.stop.is_none() {
            let at = self.position();
            if at >= self.text.len() {
                break;
            }
            if self.bytes[at] != b'<' {
                self.character_data(at);
            } else {
                match self.prepare_markup(at) {
                    Prepared::Done => {}
                    Prepared::Tag(end) => {
                        // The tag's extent and parts come from the hand analysis, which knows
                        // attribute ranges; quick-xml would only read it again.
                        self.restart(end);
                        self.tag(at, end);
                    }
                    Prepared::Reader => {
                        if self.read_markup(at) {
                            break;
                        }
                    }
                }
            }
            if self.stop.is_none() && self.position() <= at {
                // Defensive: every branch above moves forward; never loop on one spot.
                self.restart(at + 1);
            }
            if self.stop.is_none() && self.builder.errors.len() > MAX_ERRORS {
                self.stop = Some(Stop::TooManyErrors(self.position().min(self.text.len())));
            }
        }
    }

    /// Reads the markup at `at` with quick-xml; true when it reached the end of the text.
    fn read_markup(&mut self, at: usize) -> bool {
        let mut reader = new_reader(&self.text[at..]);
        let event = reader.read_event();
        let after = at + reader.buffer_position() as usize;
        self.cursor = after;
        match event {
            // quick-xml only ends at the end of its input; should it ever stop early, the
            // progress check restarts after `at`.
            Ok(Event::Eof) => return after >= self.text.len(),
            Ok(event) => self.event(event, at, after),
            Err(error) => self.reader_error(error, at, after),
        }
        false
    }

    /// Character data from `at` (not a `<`) up to the next markup, or a reference at `at`: what
    /// quick-xml reads as one text or reference event, read here without it, since text is
    /// most of a file and nothing in it needs more than a search for `<` and `&`.
    fn character_data(&mut self, at: usize) {
        if self.bytes[at] == b'&' {
            self.reference(at);
            return;
        }
        let end = memchr::memchr2(b'<', b'&', &self.bytes[at..])
            .map_or(self.bytes.len(), |length| at + length);
        self.builder.extend_text_verbatim(at, end);
        self.cursor = end;
    }

    /// A reference at `at`, read as quick-xml reads one in text: it runs to the first `;`,
    /// unless an `&` or a `<` comes first, in which case the `&` is bare and the text up to
    /// that `&` or `<` is taken as written.
    fn reference(&mut self, at: usize) {
        let stop =
            memchr::memchr3(b';', b'&', b'<', &self.bytes[at + 1..]).map(|length| at + 1 + length);
        match stop {
            Some(semicolon) if self.bytes[semicolon] == b';' => {
                let end = semicolon + 1;
                report_reference(&self.text[at..end], at, &mut self.builder.errors);
                self.builder.extend_text(at, end, true);
                self.cursor = end;
            }
            _ => {
                let end = stop.unwrap_or(self.bytes.len());
                self.builder.errors.push(bare_ampersand(at));
                self.builder.extend_text_verbatim(at, end);
                self.cursor = end;
            }
        }
    }

    /// Decides how to read the markup at `at` (a `<`), handling by hand what quick-xml would
    /// misread.
    fn prepare_markup(&mut self, at: usize) -> Prepared {
        match self.bytes.get(at + 1) {
            Some(b'/') => {
                let name_start = at + 2;
                if name_end(self.bytes, name_start, self.bytes.len()) == name_start {
                    self.nameless_end_tag(at);
                    return Prepared::Done;
                }
                match scan_tag_end(self.bytes, name_start, &mut self.quote_memo) {
                    TagEnd::Closed(end) => Prepared::Tag(end),
                    TagEnd::Open(stop) => {
                        self.end_tag(at, stop, false);
                        self.restart(stop);
                        Prepared::Done
                    }
                }
            }
            Some(b'!') => self.prepare_bang(at),
            Some(b'?') => self.prepare_question_mark(at),
            Some(b'<') => {
                self.run_of_less_thans(at);
                Prepared::Done
            }
            _ => {
                let name_start = at + 1;
                if name_end(self.bytes, name_start, self.bytes.len()) == name_start {
                    self.nameless_start_tag(at);
                    return Prepared::Done;
                }
                match scan_tag_end(self.bytes, name_start, &mut self.quote_memo) {
                    TagEnd::Closed(end) => Prepared::Tag(end),
                    TagEnd::Open(stop) => {
                        self.start_tag(at, stop, false);
                        self.restart(stop);
                        Prepared::Done
                    }
                }
            }
        }
    }

    fn prepare_bang(&mut self, at: usize) -> Prepared {
        let rest = &self.bytes[at..];
        if rest.starts_with(b"<!--") || rest.starts_with(b"<![CDATA[") {
            return Prepared::Reader;
        }
        if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"DOCTYPE") {
            // A DOCTYPE is reported and skipped, never read: its extent is all that matters,
            // and quick-xml would read a `<!DOCTYPE A` missing its `>` through the next tag.
            let (end, closed) = match scan_doctype_end(self.bytes, at + 9) {
                TagEnd::Closed(end) => (end, true),
                TagEnd::Open(stop) => (stop, false),
            };
            self.builder.flush_text();
            let range = TextRange::new(at, trim_whitespace_back(self.bytes, at + 9, end));
            self.doctype(
                range,
                if closed {
                    ""
                } else {
                    " and it is never closed"
                },
            );
            self.restart(end);
            return Prepared::Done;
        }
        // `<!` followed by anything else: quick-xml would read on to some `>` or `]]>`, far
        // away for a half-typed `<!-`; stop at the first `>` or `<` instead.
        let mut end = at + 2;
        while end < self.bytes.len() && !matches!(self.bytes[end], b'<' | b'>') {
            end += 1;
        }
        if self.bytes.get(end) == Some(&b'>') {
            end += 1;
        }
        let end = trim_whitespace_back(self.bytes, at + 2, end);
        self.builder.flush_text();
        self.builder.error(
            TextRange::new(at, end),
            SyntaxErrorKind::InvalidName,
            format!(
                "`{}` is not a comment, a CDATA section or a DOCTYPE: write `&lt;` for a literal `<`",
                snippet(&self.text[at..end], 30)
            ),
        );
        self.restart(end);
        Prepared::Done
    }

    fn prepare_question_mark(&mut self, at: usize) -> Prepared {
        let rest = &self.bytes[at..];
        let is_declaration = rest.starts_with(b"<?xml")
            && match rest.get(5) {
                None => true,
                Some(byte) => scan::is_xml_whitespace_byte(*byte) || rest[5..].starts_with(b"?>"),
            };
        if is_declaration {
            // `<` is never legal in a declaration, so a half-typed one stops at the next tag
            // instead of swallowing the file up to some later `?>`.
            let mut offset = at + 5;
            while offset < self.bytes.len() {
                match self.bytes[offset] {
                    b'?' if self.bytes.get(offset + 1) == Some(&b'>') => return Prepared::Reader,
                    b'<' => break,
                    _ => offset += 1,
                }
            }
            let end = trim_whitespace_back(self.bytes, at + 5, offset);
            self.builder.flush_text();
            self.declaration(at, end, false);
            self.restart(offset);
            return Prepared::Done;
        }
        if self
            .no_processing_instruction_end_after
            .is_some_and(|after| after <= at)
        {
            self.unclosed_processing_instruction(at);
            return Prepared::Done;
        }
        Prepared::Reader
    }

    /// A complete tag `text[at..end]`.
    fn tag(&mut self, at: usize, end: usize) {
        if self.bytes.get(at + 1) == Some(&b'/') {
            self.end_tag(at, end, true);
        } else {
            self.start_tag(at, end, true);
        }
    }

    /// The start tag `text[at..stop]`, with its `>` when `closed`.
    fn start_tag(&mut self, at: usize, stop: usize, closed: bool) {
        self.builder.flush_text();
        let name_start = at + 1;
        let name_stop = name_end(self.bytes, name_start, stop);
        let name = &self.text[name_start..name_stop];
        if !is_xml_name(name) {
            self.builder.error(
                TextRange::new(name_start, name_stop),
                SyntaxErrorKind::InvalidName,
                format!(
                    "`{}` is not a valid element name: names start with a letter, `_` or `:`",
                    snippet(name, 40)
                ),
            );
        }
        let interior_end = if closed { stop - 1 } else { stop };
        let trimmed_end = trim_whitespace_back(self.bytes, name_stop, interior_end);
        let self_closing = trimmed_end > name_stop && self.bytes[trimmed_end - 1] == b'/';
        let attributes_end = if self_closing {
            trimmed_end - 1
        } else {
            interior_end
        };
        let document = &mut self.builder.document;
        let parsed = parse_attributes(
            self.text,
            name_stop,
            attributes_end,
            AttributeOwner::StartTag(name),
            AttributeSink {
                attributes: &mut document.attributes,
                blanked: &document.blanked,
                errors: &mut self.builder.errors,
            },
        );
        let range = if closed {
            TextRange::new(at, stop)
        } else if self_closing {
            TextRange::new(at, trimmed_end)
        } else {
            TextRange::new(at, parsed.end.max(name_stop))
        };
        if !closed {
            self.builder.error(
                range,
                SyntaxErrorKind::MissingTagClose,
                format!(
                    "the start tag `<{name}` is not closed: expected `{}`",
                    if self_closing { ">" } else { ">` or `/>" }
                ),
            );
        }
        let token = StartTagToken {
            name_end: name_stop,
            range,
            closed,
            self_closing,
            attribute_count: parsed.count,
        };
        if let Err(limit) = self.builder.open_element(token) {
            self.limit_reached(range, limit);
        }
    }

    /// The end tag `text[at..stop]`, with its `>` when `closed`.
    fn end_tag(&mut self, at: usize, stop: usize, closed: bool) {
        self.builder.flush_text();
        let name_start = at + 2;
        let name_stop = name_end(self.bytes, name_start, stop);
        let name = &self.text[name_start..name_stop];
        let interior_end = if closed { stop - 1 } else { stop };
        let junk_start = skip_whitespace(self.bytes, name_stop, interior_end);
        let junk_end = trim_whitespace_back(self.bytes, junk_start, interior_end);
        if junk_start < junk_end {
            self.builder.error(
                TextRange::new(junk_start, junk_end),
                SyntaxErrorKind::BadAttribute,
                format!(
                    "unexpected `{}` in the end tag `</{name}>`: end tags have no attributes",
                    snippet(&self.text[junk_start..junk_end], 30)
                ),
            );
        }
        let range = if closed {
            TextRange::new(at, stop)
        } else {
            TextRange::new(at, junk_end.max(name_stop))
        };
        if !closed {
            self.builder.error(
                range,
                SyntaxErrorKind::MissingTagClose,
                format!("the end tag `</{name}` is not closed: expected `>`"),
            );
        }
        self.builder.close_element(EndTagToken {
            name,
            name_range: TextRange::new(name_start, name_stop),
            range,
            closed,
        });
    }

    /// A `<` with no name after it: an element with an empty name, so that a cursor right
    /// after the `<` is inside an element and completion can offer names.
    fn nameless_start_tag(&mut self, at: usize) {
        let closed = self.bytes.get(at + 1) == Some(&b'>');
        let end = if closed { at + 2 } else { at + 1 };
        let range = TextRange::new(at, end);
        self.builder.flush_text();
        self.builder.error(
            TextRange::new(at, at + 1),
            SyntaxErrorKind::InvalidName,
            "`<` is not followed by an element name: write `&lt;` for a literal `<`".to_string(),
        );
        let token = StartTagToken {
            name_end: at + 1,
            range,
            closed,
            self_closing: false,
            attribute_count: 0,
        };
        if let Err(limit) = self.builder.open_element(token) {
            self.limit_reached(range, limit);
            return;
        }
        self.restart(end);
    }

    /// `<<…`: every `<` but the last starts nothing. They are kept as text with one error,
    /// rather than one empty element and one error each; the last `<` is read as usual.
    fn run_of_less_thans(&mut self, at: usize) {
        let mut last = at;
        while self.bytes.get(last + 1) == Some(&b'<') {
            last += 1;
        }
        self.builder.error(
            TextRange::new(at, last),
            SyntaxErrorKind::InvalidName,
            format!(
                "`{}` is not markup: write `&lt;` for a literal `<`",
                snippet(&self.text[at..last], 20)
            ),
        );
        self.builder.extend_text_verbatim(at, last);
        self.restart(last);
    }

    /// `</` with no name: reported, and otherwise ignored. It closes nothing (a stray `</`
    /// would otherwise close the wrong element), but an element left unclosed around it is
    /// not reported a second time.
    fn nameless_end_tag(&mut self, at: usize) {
        let end = if self.bytes.get(at + 2) == Some(&b'>') {
            at + 3
        } else {
            at + 2
        };
        self.builder.flush_text();
        let expected = match self.builder.open_element_name() {
            Some(name) => format!(": expected `</{name}>`"),
            None => String::new(),
        };
        self.builder.error(
            TextRange::new(at, end),
            SyntaxErrorKind::InvalidName,
            format!("`</` is not followed by an element name{expected}"),
        );
        self.builder.note_problem_in_open_element();
        self.restart(end);
    }

    fn limit_reached(&mut self, range: TextRange, limit: LimitReached) {
        match limit {
            LimitReached::Depth => {
                self.builder.error(
                    range,
                    SyntaxErrorKind::TooDeep,
                    format!(
                        "elements nest more than {MAX_DEPTH} levels deep here: the rest of the \
                         file is not parsed"
                    ),
                );
                self.stop = Some(Stop::TooDeep(range.start));
            }
            LimitReached::Elements => {
                self.builder.error(
                    range,
                    SyntaxErrorKind::TooManyElements,
                    format!(
                        "the file holds more than {MAX_ELEMENTS} elements: the rest of the file \
                         is not parsed"
                    ),
                );
                self.stop = Some(Stop::TooManyElements(range.start));
            }
        }
    }

    fn event(&mut self, event: Event<'_>, at: usize, after: usize) {
        match event {
            Event::Text(_) => {
                if self.bytes[at] == b'&' {
                    // quick-xml (with `allow_dangling_amp`) hands an `&` that starts no
                    // reference back as the first byte of a text event.
                    self.builder.errors.push(bare_ampersand(at));
                }
                self.builder.extend_text_verbatim(at, after);
            }
            Event::GeneralRef(_) => {
                report_reference(&self.text[at..after], at, &mut self.builder.errors);
                self.builder.extend_text(at, after, true);
            }
            Event::Comment(_) => {
                self.builder.flush_text();
                self.comment(at, after, true);
            }
            Event::CData(_) => {
                self.builder.flush_text();
                self.cdata(at, after, true);
            }
            Event::Decl(_) => {
                self.builder.flush_text();
                self.declaration(at, after, true);
            }
            Event::PI(_) => {
                self.builder.flush_text();
                self.processing_instruction(at, after, true);
            }
            Event::DocType(_) => {
                self.builder.flush_text();
                self.doctype(TextRange::new(at, after), "");
            }
            Event::Start(_) | Event::Empty(_) | Event::End(_) => {
                // Tags are prepared before quick-xml reads them; this is only reached if
                // that ever changes, and reads the tag the same way.
                self.tag(at, after);
            }
            Event::Eof => {}
        }
    }

    fn reader_error(&mut self, error: XmlError, at: usize, after: usize) {
        let reached_end = after >= self.text.len();
        self.builder.flush_text();
        match error {
            XmlError::Syntax(XmlSyntaxError::UnclosedComment) if reached_end => {
                self.comment(at, self.text.len(), false);
                self.stop = Some(Stop::SwallowedRest);
            }
            XmlError::Syntax(XmlSyntaxError::UnclosedCData) if reached_end => {
                self.cdata(at, self.text.len(), false);
                self.stop = Some(Stop::SwallowedRest);
            }
            XmlError::Syntax(XmlSyntaxError::UnclosedPI | XmlSyntaxError::UnclosedXmlDecl)
                if reached_end =>
            {
                self.no_processing_instruction_end_after = Some(at);
                self.unclosed_processing_instruction(at);
            }
            XmlError::Syntax(XmlSyntaxError::UnclosedPI | XmlSyntaxError::UnclosedXmlDecl) => {
                // `<?>`: quick-xml read it whole but found no target.
                self.processing_instruction(at, after, true);
            }
            other => {
                // Nothing else is expected with this configuration; report it rather than
                // lose it, and go on after what quick-xml consumed.
                let end = after.max(at + 1).min(self.text.len());
                let mut end_boundary = end;
                while !self.text.is_char_boundary(end_boundary) {
                    end_boundary += 1;
                }
                self.builder.error(
                    TextRange::new(at, end_boundary),
                    SyntaxErrorKind::InvalidName,
                    format!("unreadable markup: {other}"),
                );
                self.restart(end_boundary);
            }
        }
    }

    fn comment(&mut self, at: usize, end: usize, closed: bool) {
        let content_end = if closed { end - 3 } else { end };
        let content = TextRange::new((at + 4).min(content_end), content_end);
        if !closed {
            self.builder.error(
                TextRange::new(at, (at + 4).min(end)),
                SyntaxErrorKind::BadComment,
                "the comment is never closed: expected `-->`".to_string(),
            );
        } else if let Some(double_hyphen) = content.slice(self.text).find("--") {
            let start = content.start + double_hyphen;
            self.builder.error(
                TextRange::new(start, start + 2),
                SyntaxErrorKind::BadComment,
                "`--` is not allowed inside a comment".to_string(),
            );
        } else if content.slice(self.text).ends_with('-') {
            self.builder.error(
                TextRange::new(content.end - 1, end),
                SyntaxErrorKind::BadComment,
                "a comment must not end with `--->`: remove a `-`".to_string(),
            );
        }
        self.builder
            .add_node(Node::Comment(Comment::new(TextRange::new(at, end), closed)));
    }

    fn cdata(&mut self, at: usize, end: usize, closed: bool) {
        if !closed {
            self.builder.error(
                TextRange::new(at, (at + 9).min(end)),
                SyntaxErrorKind::UnclosedCData,
                "the CDATA section is never closed: expected `]]>`".to_string(),
            );
        }
        if self.builder.is_at_top_level() {
            self.builder.error(
                TextRange::new(at, end),
                SyntaxErrorKind::TextOutsideRoot,
                "a CDATA section outside the root element: only comments and processing \
                 instructions may stand there"
                    .to_string(),
            );
        }
        self.builder
            .add_node(Node::CData(CData::new(TextRange::new(at, end), closed)));
    }

    /// `<?target ...?>` at `text[at..end]`.
    fn processing_instruction(&mut self, at: usize, end: usize, closed: bool) {
        let target_end = name_end(self.bytes, at + 2, end);
        let target = &self.text[at + 2..target_end];
        if !is_xml_name(target) {
            let message = if target.is_empty() {
                "`<?` is not followed by a processing instruction name".to_string()
            } else {
                format!(
                    "`{}` is not a valid processing instruction name",
                    snippet(target, 40)
                )
            };
            self.builder.error(
                TextRange::new(at, target_end),
                SyntaxErrorKind::InvalidName,
                message,
            );
        }
        if !closed && !target.is_empty() {
            self.builder.error(
                TextRange::new(at, target_end),
                SyntaxErrorKind::UnclosedProcessingInstruction,
                format!("the processing instruction `<?{target}` is never closed: expected `?>`"),
            );
        }
        self.builder
            .add_node(Node::ProcessingInstruction(ProcessingInstruction::new(
                TextRange::new(at, end),
            )));
    }

    /// A processing instruction with no `?>` anywhere after it: it stops at the next `<`.
    fn unclosed_processing_instruction(&mut self, at: usize) {
        let stop = self.next_less_than(at + 2);
        let end = trim_whitespace_back(self.bytes, at + 2, stop);
        self.processing_instruction(at, end, false);
        self.restart(stop);
    }

    fn doctype(&mut self, range: TextRange, extra: &str) {
        self.builder.error(
            range,
            SyntaxErrorKind::Doctype,
            format!(
                "a DOCTYPE is never processed (it could define entities or fetch external \
                 files){extra}: remove the `<!DOCTYPE ...>`"
            ),
        );
    }

    /// `<?xml ...?>` at `text[at..end]` (without its `?>` when not `closed`).
    fn declaration(&mut self, at: usize, end: usize, closed: bool) {
        let range = TextRange::new(at, end);
        let interior_end = if closed { end - 2 } else { end };
        let interior_end = interior_end.max(at + 5);
        // The pseudo-attributes wait at the end of the attribute arena while they are looked
        // at, and leave it after.
        let document = &mut self.builder.document;
        let first_attribute = document.attributes.len();
        let parsed = parse_attributes(
            self.text,
            at + 5,
            interior_end,
            AttributeOwner::Declaration,
            AttributeSink {
                attributes: &mut document.attributes,
                blanked: &document.blanked,
                errors: &mut self.builder.errors,
            },
        );
        if !closed {
            self.builder.error(
                TextRange::new(at, parsed.end.max(at + 5)),
                SyntaxErrorKind::UnclosedProcessingInstruction,
                "the XML declaration is never closed: expected `?>`".to_string(),
            );
        }
        let attributes = first_attribute..first_attribute + parsed.count;
        self.check_declaration_attributes(at, attributes.clone());
        let value_of = |name: &str| {
            self.builder.document.attributes[attributes.clone()]
                .iter()
                .find(|attribute| attribute.name.range().slice(self.text) == name)
                .map(|attribute| attribute.value.range())
        };
        let version = value_of("version");
        let encoding = value_of("encoding");
        self.builder.document.attributes.truncate(first_attribute);

        let first = !self.declaration_seen && self.builder.element_count() == 0;
        self.declaration_seen = true;
        if first {
            let expected_start = self.byte_order_mark_length;
            if at > expected_start {
                let before = &self.text[expected_start..at];
                let what = if scan::trim_xml_whitespace(before).is_empty() {
                    "whitespace"
                } else {
                    "content"
                };
                self.builder.error(
                    TextRange::new(expected_start, at),
                    SyntaxErrorKind::ContentBeforeDeclaration,
                    format!(
                        "{what} before the XML declaration: `<?xml ...?>` must be the very \
                         start of the file"
                    ),
                );
            }
            self.builder
                .document
                .set_declaration(Declaration::new(range, version, encoding));
            return;
        }
        let message = if self.builder.element_count() == 0 {
            "a second XML declaration: remove it"
        } else {
            "an XML declaration after the start of the document: it must be the very start of \
             the file"
        };
        self.builder
            .error(range, SyntaxErrorKind::BadDeclaration, message.to_string());
        self.builder
            .add_node(Node::ProcessingInstruction(ProcessingInstruction::new(
                range,
            )));
    }

    /// Checks the pseudo-attributes at `attributes` in the attribute arena.
    fn check_declaration_attributes(&mut self, at: usize, attributes: std::ops::Range<usize>) {
        let expected_order = ["version", "encoding", "standalone"];
        let mut last_rank = None;
        let mut has_version = false;
        for index in attributes {
            let attribute: AttributeData = self.builder.document.attributes[index];
            let name_range = attribute.name.range();
            let name = name_range.slice(self.text);
            has_version |= name == "version";
            let Some(rank) = expected_order.iter().position(|expected| *expected == name) else {
                self.builder.error(
                    name_range,
                    SyntaxErrorKind::BadDeclaration,
                    format!(
                        "`{name}` is not allowed in the XML declaration: expected `version`, \
                         `encoding` or `standalone`"
                    ),
                );
                continue;
            };
            if last_rank.is_some_and(|last| rank < last) {
                self.builder.error(
                    name_range,
                    SyntaxErrorKind::BadDeclaration,
                    format!(
                        "`{name}` is out of order in the XML declaration: expected `version`, \
                         then `encoding`, then `standalone`"
                    ),
                );
            }
            last_rank = Some(rank);
            let value = decode(attribute.value.range().slice(self.text));
            let value = value.as_ref();
            let problem = match name {
                "version" if !is_version_number(value) => Some(format!(
                    "`{}` is not an XML version: expected `1.0`",
                    snippet(value, 20)
                )),
                "encoding" if !is_encoding_name(value) => Some(format!(
                    "`{}` is not an encoding name: expected `UTF-8`",
                    snippet(value, 20)
                )),
                "standalone" if value != "yes" && value != "no" => Some(format!(
                    "`{}` is not a standalone value: expected `yes` or `no`",
                    snippet(value, 20)
                )),
                _ => None,
            };
            if let Some(message) = problem {
                self.builder.error(
                    attribute.value.range(),
                    SyntaxErrorKind::BadDeclaration,
                    message,
                );
            }
        }
        if !has_version {
            self.builder.error(
                TextRange::new(at, at + 5),
                SyntaxErrorKind::BadDeclaration,
                "the XML declaration has no `version`: expected \
                 `<?xml version=\"1.0\" encoding=\"UTF-8\"?>`"
                    .to_string(),
            );
        }
    }

    /// The offset of the first `<` at or after `from`, or the end of the text.
    fn next_less_than(&self, from: usize) -> usize {
        let from = from.min(self.bytes.len());
        self.bytes[from..]
            .iter()
            .position(|&byte| byte == b'<')
            .map_or(self.bytes.len(), |index| from + index)
    }
}

fn new_reader(text: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    // Recovery is ours: quick-xml must not reject what we report and repair.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.check_comments = false;
    config.allow_dangling_amp = true;
    // Ranges come from positions, so nothing may be trimmed or synthesised.
    config.trim_text(false);
    config.trim_markup_names_in_closing_tags = false;
    config.expand_empty_elements = false;
    reader
}

/// XML 1.0's `VersionNum`: `1.` and digits.
fn is_version_number(value: &str) -> bool {
    value.strip_prefix("1.").is_some_and(|digits| {
        !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
    })
}

/// XML's `EncName`: a letter, then letters, digits, `.`, `_` and `-`.
fn is_encoding_name(value: &str) -> bool {
    let mut bytes = value.bytes();
    bytes
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && bytes.all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'-'))
}
