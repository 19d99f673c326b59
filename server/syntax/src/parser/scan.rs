//! Small byte-level scans the parser needs where quick-xml gives no answer: where a tag must
//! stop, where a name ends, whether a name is a legal XML name. Knows nothing of the tree.

/// XML's own whitespace: space, tab, carriage return and line feed (not Unicode's).
pub(crate) fn is_xml_whitespace_byte(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// [`is_xml_whitespace_byte`] for a character: the tests' plain statement of what the byte-wise
/// trimming must give.
#[cfg(test)]
pub(crate) fn is_xml_whitespace(character: char) -> bool {
    matches!(character, ' ' | '\t' | '\r' | '\n')
}

/// `text` with XML whitespace removed from both ends.
pub(crate) fn trim_xml_whitespace(text: &str) -> &str {
    // By bytes: XML whitespace is ASCII, so no cut falls inside a character, and no character
    // is decoded (a field's value is trimmed for every field of every file).
    let bytes = text.as_bytes();
    let start = bytes
        .iter()
        .position(|byte| !is_xml_whitespace_byte(*byte))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|byte| !is_xml_whitespace_byte(*byte))
        .map_or(start, |last| last + 1);
    &text[start..end]
}

/// The first offset at or after `from` (and before `to`) that is not XML whitespace.
pub(crate) fn skip_whitespace(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut offset = from;
    while offset < to && is_xml_whitespace_byte(bytes[offset]) {
        offset += 1;
    }
    offset
}

/// Moves `to` back over XML whitespace, never below `from`.
pub(crate) fn trim_whitespace_back(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut offset = to;
    while offset > from && is_xml_whitespace_byte(bytes[offset - 1]) {
        offset -= 1;
    }
    offset
}

/// Where a name that starts at `from` ends: at whitespace, at markup punctuation, or at `to`.
///
/// Every stop byte is ASCII, so the result is always a char boundary; characters that are not
/// legal in a name (a digit first, `@`, …) stay in it and [`is_xml_name`] reports them.
pub(crate) fn name_end(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut offset = from;
    while offset < to
        && !is_xml_whitespace_byte(bytes[offset])
        && !matches!(
            bytes[offset],
            b'<' | b'>' | b'/' | b'=' | b'"' | b'\'' | b'?'
        )
    {
        offset += 1;
    }
    offset
}

/// Whether `name` is an XML `Name` (XML 1.0, fifth edition).
pub(crate) fn is_xml_name(name: &str) -> bool {
    // Nearly every name is ASCII: one table lookup per byte, without decoding characters. A
    // byte of a wider character is in neither class, so such a name goes on to the full test.
    let bytes = name.as_bytes();
    let Some((first, rest)) = bytes.split_first() else {
        return false;
    };
    if ASCII_NAME_CLASSES[usize::from(*first)] & NAME_START != 0
        && rest
            .iter()
            .all(|byte| ASCII_NAME_CLASSES[usize::from(*byte)] & NAME_CHAR != 0)
    {
        return true;
    }
    if name.is_ascii() {
        return false;
    }
    let mut characters = name.chars();
    match characters.next() {
        Some(first) if is_name_start_char(first) => characters.all(is_name_char),
        _ => false,
    }
}

/// [`ASCII_NAME_CLASSES`] bit: the byte may start a name (`NameStartChar`).
const NAME_START: u8 = 1;
/// [`ASCII_NAME_CLASSES`] bit: the byte may follow in a name (`NameChar`).
const NAME_CHAR: u8 = 2;

/// For each byte, whether it is an ASCII character that may start or continue an XML name.
const ASCII_NAME_CLASSES: [u8; 256] = ascii_name_classes();

const fn ascii_name_classes() -> [u8; 256] {
    let mut classes = [0; 256];
    let mut byte = 0;
    while byte < 128 {
        let character = byte as u8;
        let start = matches!(character, b':' | b'A'..=b'Z' | b'_' | b'a'..=b'z');
        if start {
            classes[byte] = NAME_START | NAME_CHAR;
        } else if matches!(character, b'-' | b'.' | b'0'..=b'9') {
            classes[byte] = NAME_CHAR;
        }
        byte += 1;
    }
    classes
}

fn is_name_start_char(character: char) -> bool {
    matches!(character,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(character: char) -> bool {
    is_name_start_char(character)
        || matches!(character,
            '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// At most `limit` characters of `text`, with `…` when cut, for quoting input in messages.
pub(crate) fn snippet(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// How a start or end tag ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagEnd {
    /// The tag has its `>`; the offset is just after it.
    Closed(usize),
    /// The tag has no `>`: it stops at this offset, which is a `<` that must start the next
    /// token, the end of an unterminated quoted value, or the end of the text.
    Open(usize),
}

/// Remembers, per quote character, an offset after which that quote never occurs again, so
/// that a file full of unterminated values is scanned to its end once, not once per value.
#[derive(Debug, Default)]
pub(crate) struct QuoteMemo {
    no_double_quote_after: Option<usize>,
    no_single_quote_after: Option<usize>,
}

impl QuoteMemo {
    fn slot(&mut self, quote: u8) -> &mut Option<usize> {
        if quote == b'"' {
            &mut self.no_double_quote_after
        } else {
            &mut self.no_single_quote_after
        }
    }
}

/// Finds where the tag whose name starts at `from` ends.
///
/// quick-xml looks for the `>` outside quotes and reads through any `<` on the way, so a
/// half-typed `<guestJwt` followed by `</Root>` would become one start tag. A `<` can never
/// appear in a tag outside a quoted value, so this scan stops there instead. Inside a quoted
/// value a `<` is tolerated (it is reported later), except at the start of a line: a value
/// whose line break is followed by a tag is taken as unterminated, since that is what a
/// forgotten closing quote looks like.
pub(crate) fn scan_tag_end(bytes: &[u8], from: usize, memo: &mut QuoteMemo) -> TagEnd {
    let mut offset = from;
    while offset < bytes.len() {
        match bytes[offset] {
            b'>' => return TagEnd::Closed(offset + 1),
            b'<' => return TagEnd::Open(offset),
            quote @ (b'"' | b'\'') => match scan_quoted_value(bytes, offset, quote, memo) {
                QuotedValueEnd::Closed(after_quote) => offset = after_quote,
                QuotedValueEnd::Unterminated(stop) => return TagEnd::Open(stop),
            },
            _ => offset += 1,
        }
    }
    TagEnd::Open(bytes.len())
}

enum QuotedValueEnd {
    /// Just after the closing quote.
    Closed(usize),
    /// Where the unterminated value (and with it the tag) stops.
    Unterminated(usize),
}

fn scan_quoted_value(bytes: &[u8], open: usize, quote: u8, memo: &mut QuoteMemo) -> QuotedValueEnd {
    let known_unterminated = memo.slot(quote).is_some_and(|after| after <= open);
    if !known_unterminated {
        let mut offset = open + 1;
        while offset < bytes.len() {
            let byte = bytes[offset];
            if byte == quote {
                return QuotedValueEnd::Closed(offset + 1);
            }
            if byte == b'\n' || byte == b'\r' {
                let next = skip_whitespace(bytes, offset + 1, bytes.len());
                if bytes.get(next) == Some(&b'<') {
                    return QuotedValueEnd::Unterminated(trim_whitespace_back(
                        bytes,
                        open + 1,
                        next,
                    ));
                }
                // The whitespace run holds no quote and no `<`: skip it whole, so that long
                // runs of blank lines are not rescanned from each line break.
                offset = next;
                continue;
            }
            offset += 1;
        }
        *memo.slot(quote) = Some(open);
    }
    // No closing quote anywhere: the value runs to the next `<` (or the end of the text).
    let mut offset = open + 1;
    while offset < bytes.len() && bytes[offset] != b'<' {
        offset += 1;
    }
    QuotedValueEnd::Unterminated(trim_whitespace_back(bytes, open + 1, offset))
}

/// Finds where the DOCTYPE whose keyword ends at `from` ends: at its `>`, or without one at
/// a `<` outside the internal subset, or inside the subset at a `<` that starts an element
/// (the subset's own markup is `<!…>` and `<?…?>`).
pub(crate) fn scan_doctype_end(bytes: &[u8], from: usize) -> TagEnd {
    let mut offset = from;
    let mut in_subset = false;
    let mut quote = None;
    while offset < bytes.len() {
        let byte = bytes[offset];
        if let Some(open_quote) = quote {
            if byte == open_quote {
                quote = None;
            }
            offset += 1;
            continue;
        }
        match byte {
            b'"' | b'\'' if in_subset => quote = Some(byte),
            b'[' => in_subset = true,
            b']' => in_subset = false,
            b'>' if !in_subset => return TagEnd::Closed(offset + 1),
            b'<' if !in_subset => return TagEnd::Open(offset),
            b'<' if !matches!(bytes.get(offset + 1), Some(b'!' | b'?')) => {
                return TagEnd::Open(offset);
            }
            _ => {}
        }
        offset += 1;
    }
    TagEnd::Open(bytes.len())
}

#[cfg(test)]
mod name_tests {
    use proptest::prelude::*;

    use super::{is_name_char, is_name_start_char, is_xml_name};

    proptest! {
        /// The table of ASCII bytes agrees with the production's characters, for names of
        /// ASCII, of wider characters and of both.
        #[test]
        fn is_xml_name_is_the_production(name in "[\\x00-\\x7F\\x{B7}\\x{C0}\\x{300}\\x{3001}\\x{1F600}]{0,6}") {
            let mut characters = name.chars();
            let expected = match characters.next() {
                Some(first) => is_name_start_char(first) && characters.all(is_name_char),
                None => false,
            };
            prop_assert_eq!(is_xml_name(&name), expected);
        }
    }
}
