//! Character data: line-end normalisation and the only references XML defines without a DTD
//! (`&lt; &gt; &amp; &apos; &quot;` and `&#N;` / `&#xH;`). Anything else is reported and left
//! as written; entities are never expanded, so no DTD trick can make a value grow.
//!
//! The parser reports bad references while it reads; the tree decodes a value only when it is
//! asked for, with [`decode`], which reads references exactly as the parser does.

use std::borrow::Cow;

use crate::parser::scan::{is_xml_name, snippet};
use crate::{SyntaxError, SyntaxErrorKind, TextRange};

/// The value of raw character data or of a raw attribute value: references expanded, line
/// ends normalised to `\n`. Borrowed when there is nothing to expand or normalise, which is
/// nearly always.
pub(crate) fn decode(raw: &str) -> Cow<'_, str> {
    if !needs_decoding(raw) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(expand(raw))
}

/// Whether `raw` holds a reference (or a bare `&`) or a carriage return.
pub(crate) fn needs_decoding(raw: &str) -> bool {
    memchr::memchr2(b'&', b'\r', raw.as_bytes()).is_some()
}

/// `raw` with line ends normalised (see [`push_normalized_line_ends`]), borrowed when there
/// is nothing to normalise.
pub(crate) fn normalize_line_ends(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    let mut value = String::with_capacity(raw.len());
    push_normalized_line_ends(&mut value, raw);
    Cow::Owned(value)
}

/// Appends `raw` to `value`, turning `\r\n` and a lone `\r` into `\n` as an XML processor does.
pub(crate) fn push_normalized_line_ends(value: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(carriage_return) = memchr::memchr(b'\r', rest.as_bytes()) {
        value.push_str(&rest[..carriage_return]);
        value.push('\n');
        rest = &rest[carriage_return + 1..];
        if let Some(after_line_feed) = rest.strip_prefix('\n') {
            rest = after_line_feed;
        }
    }
    value.push_str(rest);
}

/// Reports the reference `raw` (from `&` to `;` inclusive, starting at `offset`) when it is
/// unknown or malformed.
pub(crate) fn report_reference(raw: &str, offset: usize, errors: &mut Vec<SyntaxError>) {
    let name = reference_name(raw);
    match resolve(name) {
        Resolved::Character(_) => {}
        Resolved::NotAName => errors.push(bare_ampersand(offset)),
        Resolved::Unknown(problem) => errors.push(SyntaxError {
            range: TextRange::new(offset, offset + raw.len()),
            kind: SyntaxErrorKind::BadReference,
            message: problem.message(name),
        }),
    }
}

/// Reports every bad reference and bare `&` in `raw` (an attribute value starting at
/// `offset`).
pub(crate) fn check_references(raw: &str, offset: usize, errors: &mut Vec<SyntaxError>) {
    if !raw.contains('&') {
        return;
    }
    for_each_piece(raw, |piece| match piece {
        Piece::Reference(at) => {
            report_reference(&raw[at.clone()], offset + at.start, errors);
        }
        Piece::BareAmpersand(at) => errors.push(bare_ampersand(offset + at)),
        Piece::Literal(_) => {}
    });
}

/// The error for an `&` that does not start a reference.
pub(crate) fn bare_ampersand(offset: usize) -> SyntaxError {
    SyntaxError {
        range: TextRange::new(offset, offset + 1),
        kind: SyntaxErrorKind::BadReference,
        message: "bare `&` that starts no reference: write `&amp;` for a literal ampersand"
            .to_string(),
    }
}

/// `raw` with its references expanded and its line ends normalised; a bad reference is kept
/// as written.
fn expand(raw: &str) -> String {
    let mut value = String::with_capacity(raw.len());
    // Without a carriage return anywhere, literal text is copied as it is (nearly always):
    // one search for the whole value instead of one per piece.
    let has_carriage_return = memchr::memchr(b'\r', raw.as_bytes()).is_some();
    for_each_piece(raw, |piece| match piece {
        Piece::Literal(at) if !has_carriage_return => value.push_str(&raw[at]),
        Piece::Literal(at) => push_normalized_line_ends(&mut value, &raw[at]),
        Piece::BareAmpersand(_) => value.push('&'),
        Piece::Reference(at) => {
            let reference = &raw[at];
            match resolve(reference_name(reference)) {
                Resolved::Character(character) => value.push(character),
                Resolved::NotAName => push_normalized_line_ends(&mut value, reference),
                Resolved::Unknown(_) => value.push_str(reference),
            }
        }
    });
    value
}

/// A piece of raw character data, as positions in it.
enum Piece {
    Literal(std::ops::Range<usize>),
    /// `&` to `;` inclusive.
    Reference(std::ops::Range<usize>),
    /// An `&` that starts no reference.
    BareAmpersand(usize),
}

/// Splits `raw` into literal text and references as quick-xml reads character data: a
/// reference runs from `&` to the first `;`, unless another `&` or a `<` comes first, in which
/// case the `&` is bare.
fn for_each_piece(raw: &str, mut each: impl FnMut(Piece)) {
    // Byte searches: every delimiter is ASCII, so a match is always on a character boundary.
    let bytes = raw.as_bytes();
    let mut rest_start = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[rest_start..]) {
        let ampersand = rest_start + found;
        if ampersand > rest_start {
            each(Piece::Literal(rest_start..ampersand));
        }
        let after = &bytes[ampersand + 1..];
        match memchr::memchr3(b';', b'&', b'<', after) {
            Some(stop) if after[stop] == b';' => {
                let end = ampersand + 1 + stop + 1;
                each(Piece::Reference(ampersand..end));
                rest_start = end;
            }
            _ => {
                each(Piece::BareAmpersand(ampersand));
                rest_start = ampersand + 1;
            }
        }
    }
    if rest_start < raw.len() {
        each(Piece::Literal(rest_start..raw.len()));
    }
}

/// The name between `&` and `;`.
fn reference_name(raw: &str) -> &str {
    raw.strip_prefix('&')
        .and_then(|rest| rest.strip_suffix(';'))
        .unwrap_or("")
}

enum Resolved {
    Character(char),
    /// Not even shaped like a reference (empty, spaces, …): the `&` is bare.
    NotAName,
    Unknown(Problem),
}

/// What is wrong with a reference shaped like one; the message is only built when reported.
enum Problem {
    NotPredefined,
    MalformedCharacterReference,
    NotAnXmlCharacter,
}

impl Problem {
    fn message(&self, name: &str) -> String {
        match self {
            Problem::NotPredefined => format!(
                "`&{name};` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, \
                 `&apos;`, `&quot;` or a character reference such as `&#160;`"
            ),
            Problem::MalformedCharacterReference => format!(
                "`&{};` is not a valid character reference: write `&#` and decimal digits, or \
                 `&#x` and hexadecimal digits, then `;`",
                snippet(name, 30)
            ),
            Problem::NotAnXmlCharacter => format!(
                "`&{};` refers to a character that XML does not allow",
                snippet(name, 30)
            ),
        }
    }
}

fn resolve(name: &str) -> Resolved {
    match name {
        "lt" => return Resolved::Character('<'),
        "gt" => return Resolved::Character('>'),
        "amp" => return Resolved::Character('&'),
        "apos" => return Resolved::Character('\''),
        "quot" => return Resolved::Character('"'),
        _ => {}
    }
    if let Some(number) = name.strip_prefix('#') {
        return resolve_character_reference(number);
    }
    if !is_xml_name(name) {
        return Resolved::NotAName;
    }
    Resolved::Unknown(Problem::NotPredefined)
}

fn resolve_character_reference(number: &str) -> Resolved {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    let all_digits = !digits.is_empty() && digits.chars().all(|digit| digit.is_digit(radix));
    if !all_digits {
        return Resolved::Unknown(Problem::MalformedCharacterReference);
    }
    let code = u32::from_str_radix(digits, radix).ok();
    match code.and_then(char::from_u32) {
        Some(character) if is_xml_char(character) => Resolved::Character(character),
        _ => Resolved::Unknown(Problem::NotAnXmlCharacter),
    }
}

/// XML 1.0 `Char`: tab, line feed, carriage return and everything from space up, except
/// surrogates (which `char` already excludes) and U+FFFE/U+FFFF.
fn is_xml_char(character: char) -> bool {
    matches!(character,
        '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}
