//! Character data: line-end normalisation and the only references XML defines without a DTD
//! (`&lt; &gt; &amp; &apos; &quot;` and `&#N;` / `&#xH;`). Anything else is reported and left
//! as written; entities are never expanded, so no DTD trick can make a value grow.

use crate::parser::scan::{is_xml_name, snippet};
use crate::{SyntaxError, SyntaxErrorKind, TextRange};

/// Appends `raw` to `value`, turning `\r\n` and a lone `\r` into `\n` as an XML processor does.
pub(crate) fn push_normalized_line_ends(value: &mut String, raw: &str) {
    let mut rest = raw;
    while let Some(carriage_return) = rest.find('\r') {
        value.push_str(&rest[..carriage_return]);
        value.push('\n');
        rest = &rest[carriage_return + 1..];
        if let Some(after_line_feed) = rest.strip_prefix('\n') {
            rest = after_line_feed;
        }
    }
    value.push_str(rest);
}

/// Expands the reference `raw` (from `&` to `;` inclusive, starting at `offset`) into
/// `value`; an unknown or malformed reference is reported and appended as written.
pub(crate) fn push_reference(
    value: &mut String,
    raw: &str,
    offset: usize,
    errors: &mut Vec<SyntaxError>,
) {
    let name = raw
        .strip_prefix('&')
        .and_then(|rest| rest.strip_suffix(';'))
        .unwrap_or("");
    match resolve(name) {
        Resolved::Character(character) => value.push(character),
        Resolved::NotAName => {
            errors.push(bare_ampersand(offset));
            push_normalized_line_ends(value, raw);
        }
        Resolved::Unknown(message) => {
            errors.push(SyntaxError {
                range: TextRange::new(offset, offset + raw.len()),
                kind: SyntaxErrorKind::BadReference,
                message,
            });
            value.push_str(raw);
        }
    }
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

/// Expands the references in `raw` (an attribute value starting at `offset`) and normalises
/// its line ends, reporting every bad reference.
pub(crate) fn expand_text(raw: &str, offset: usize, errors: &mut Vec<SyntaxError>) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut rest_start = 0;
    while let Some(found) = raw[rest_start..].find('&') {
        let ampersand = rest_start + found;
        push_normalized_line_ends(&mut value, &raw[rest_start..ampersand]);
        // Like quick-xml in text: a reference runs to the first `;`, unless another `&` or a
        // `<` comes first, in which case the `&` is bare.
        let after = &raw[ampersand + 1..];
        let stop = after.find([';', '&', '<']);
        match stop {
            Some(stop) if after.as_bytes()[stop] == b';' => {
                let end = ampersand + 1 + stop + 1;
                push_reference(&mut value, &raw[ampersand..end], offset + ampersand, errors);
                rest_start = end;
            }
            _ => {
                errors.push(bare_ampersand(offset + ampersand));
                value.push('&');
                rest_start = ampersand + 1;
            }
        }
    }
    push_normalized_line_ends(&mut value, &raw[rest_start..]);
    value
}

enum Resolved {
    Character(char),
    /// Not even shaped like a reference (empty, spaces, …): the `&` is bare.
    NotAName,
    Unknown(String),
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
        return resolve_character_reference(name, number);
    }
    if !is_xml_name(name) {
        return Resolved::NotAName;
    }
    Resolved::Unknown(format!(
        "`&{name};` is not a predefined XML entity: use `&lt;`, `&gt;`, `&amp;`, `&apos;`, \
         `&quot;` or a character reference such as `&#160;`"
    ))
}

fn resolve_character_reference(name: &str, number: &str) -> Resolved {
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    let all_digits = !digits.is_empty() && digits.chars().all(|digit| digit.is_digit(radix));
    if !all_digits {
        return Resolved::Unknown(format!(
            "`&{};` is not a valid character reference: write `&#` and decimal digits, or `&#x` \
             and hexadecimal digits, then `;`",
            snippet(name, 30)
        ));
    }
    let code = u32::from_str_radix(digits, radix).ok();
    match code.and_then(char::from_u32) {
        Some(character) if is_xml_char(character) => Resolved::Character(character),
        _ => Resolved::Unknown(format!(
            "`&{};` refers to a character that XML does not allow",
            snippet(name, 30)
        )),
    }
}

/// XML 1.0 `Char`: tab, line feed, carriage return and everything from space up, except
/// surrogates (which `char` already excludes) and U+FFFE/U+FFFF.
fn is_xml_char(character: char) -> bool {
    matches!(character,
        '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}
