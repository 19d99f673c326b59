//! Attributes of a start tag (and the pseudo-attributes of the XML declaration), with the
//! byte ranges of names and values.
//!
//! Hand-written because quick-xml's attribute iterator yields names and values but not
//! where they are, and stops being useful after the first malformed attribute; a language
//! server needs both the ranges and every attribute after a mistake.

use std::collections::HashSet;
use std::fmt;

use crate::parser::MAX_ERRORS;
use crate::parser::references::{check_references, needs_decoding};
use crate::parser::scan::{
    is_xml_name, is_xml_whitespace_byte, name_end, skip_whitespace, snippet, trim_whitespace_back,
};
use crate::tree::AttributeData;
use crate::{SyntaxError, SyntaxErrorKind, TextRange};

/// How many attributes were found between `from` and `to` (appended to the arena given), and
/// where the last of them ends (`from` when there are none), which is where a start tag
/// without `>` is taken to stop.
pub(crate) struct ParsedAttributes {
    pub(crate) count: usize,
    pub(crate) end: usize,
}

/// Where attributes go, and what the parser knows that their values depend on.
pub(crate) struct AttributeSink<'a> {
    pub(crate) attributes: &'a mut Vec<AttributeData>,
    /// Merge-conflict marker lines, which a value read across must see as spaces.
    pub(crate) blanked: &'a [TextRange],
    pub(crate) errors: &'a mut Vec<SyntaxError>,
}

/// What the attributes belong to, for messages (built only when there is an error).
#[derive(Clone, Copy)]
pub(crate) enum AttributeOwner<'a> {
    StartTag(&'a str),
    Declaration,
}

impl fmt::Display for AttributeOwner<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttributeOwner::StartTag(name) => write!(formatter, "the start tag `<{name}>`"),
            AttributeOwner::Declaration => formatter.write_str("the XML declaration"),
        }
    }
}

/// Parses `name="value"` pairs in `text[from..to]`, appending them to the sink's arena.
pub(crate) fn parse_attributes(
    text: &str,
    from: usize,
    to: usize,
    tag: AttributeOwner<'_>,
    sink: AttributeSink<'_>,
) -> ParsedAttributes {
    let AttributeSink {
        attributes,
        blanked,
        errors,
    } = sink;
    let bytes = text.as_bytes();
    let first = attributes.len();
    let mut seen = SeenNames {
        text,
        first,
        index: None,
    };
    let mut offset = from;
    let mut end = from;
    // Past the error cap the parse stops after this tag; do not list more.
    while errors.len() <= MAX_ERRORS {
        let token_start = skip_whitespace(bytes, offset, to);
        if token_start >= to {
            break;
        }
        let separated = token_start > offset || offset == from;
        let name_stop = name_end(bytes, token_start, to);
        if name_stop == token_start {
            // Not a name: `=`, a quote, a `/` in the middle of the tag, a `?`, an `&`…
            let junk_end = junk_end(bytes, token_start, to);
            errors.push(bad_attribute(
                token_start,
                junk_end,
                format!(
                    "unexpected `{}` in {tag}: expected an attribute such as `name=\"value\"`",
                    snippet(&text[token_start..junk_end], 30)
                ),
            ));
            offset = junk_end;
            end = junk_end;
            continue;
        }
        let name = &text[token_start..name_stop];
        let name_range = TextRange::new(token_start, name_stop);
        if !separated {
            errors.push(bad_attribute(
                token_start,
                name_stop,
                format!("attribute `{name}` must be separated from the previous one by a space"),
            ));
        }
        if !is_xml_name(name) {
            errors.push(SyntaxError {
                range: name_range,
                kind: SyntaxErrorKind::InvalidName,
                message: format!(
                    "`{}` is not a valid attribute name: names start with a letter, `_` or `:`",
                    snippet(name, 40)
                ),
            });
        }
        let equals = skip_whitespace(bytes, name_stop, to);
        if equals >= to || bytes[equals] != b'=' {
            errors.push(bad_attribute(
                token_start,
                name_stop,
                format!("attribute `{name}` has no value: expected `{name}=\"...\"`"),
            ));
            push_attribute(
                attributes,
                &mut seen,
                AttributeData::new(name_range, TextRange::empty(name_stop), name_stop, false),
                errors,
            );
            offset = name_stop;
            end = name_stop;
            continue;
        }
        let value_start = skip_whitespace(bytes, equals + 1, to);
        let (raw_range, attribute_end) = if value_start >= to {
            errors.push(bad_attribute(
                token_start,
                equals + 1,
                format!("attribute `{name}` has no value after `=`: expected `{name}=\"...\"`"),
            ));
            (TextRange::empty(equals + 1), equals + 1)
        } else if matches!(bytes[value_start], b'"' | b'\'') {
            let quote = bytes[value_start];
            match bytes[value_start + 1..to]
                .iter()
                .position(|&byte| byte == quote)
            {
                Some(length) => {
                    let close = value_start + 1 + length;
                    (TextRange::new(value_start + 1, close), close + 1)
                }
                None => {
                    let value_end = trim_whitespace_back(bytes, value_start + 1, to);
                    errors.push(bad_attribute(
                        value_start,
                        value_end,
                        format!(
                            "the value of attribute `{name}` is not closed: expected `{}`",
                            quote as char
                        ),
                    ));
                    (TextRange::new(value_start + 1, value_end), value_end)
                }
            }
        } else {
            let mut value_end = value_start;
            while value_end < to && !is_xml_whitespace_byte(bytes[value_end]) {
                value_end += 1;
            }
            errors.push(bad_attribute(
                value_start,
                value_end,
                format!(
                    "the value of attribute `{name}` must be in quotes: expected `{name}=\"...\"`"
                ),
            ));
            (TextRange::new(value_start, value_end), value_end)
        };
        let raw = raw_range.slice(text);
        if let Some(less_than) = raw.find('<') {
            let at = raw_range.start + less_than;
            errors.push(bad_attribute(
                at,
                at + 1,
                format!("`<` is not allowed in the value of attribute `{name}`: write `&lt;`"),
            ));
        }
        check_references(raw, raw_range.start, errors);
        let decode = needs_decoding(raw)
            || blanked
                .iter()
                .any(|line| line.start < raw_range.end && raw_range.start < line.end);
        push_attribute(
            attributes,
            &mut seen,
            AttributeData::new(name_range, raw_range, attribute_end, decode),
            errors,
        );
        offset = attribute_end;
        end = attribute_end;
    }
    ParsedAttributes {
        count: attributes.len() - first,
        end,
    }
}

/// Attribute names seen so far in one tag (the arena's entries from `first` on), to report
/// duplicates.
struct SeenNames<'t> {
    text: &'t str,
    first: usize,
    /// Filled once a tag has many attributes, so that a tag with thousands of them is not
    /// checked in quadratic time.
    index: Option<HashSet<&'t str>>,
}

impl<'t> SeenNames<'t> {
    /// Linear search is faster than hashing for the handful of attributes real tags have.
    const LINEAR_LIMIT: usize = 16;

    fn name(&self, attribute: &AttributeData) -> &'t str {
        attribute.name.range().slice(self.text)
    }

    /// Records the name of `attribute`, about to be appended to `attributes`; false if it was
    /// already there.
    fn insert(&mut self, attributes: &[AttributeData], attribute: &AttributeData) -> bool {
        let name = self.name(attribute);
        if let Some(index) = &mut self.index {
            return index.insert(name);
        }
        let earlier = &attributes[self.first..];
        if earlier.iter().any(|seen| self.name(seen) == name) {
            return false;
        }
        if earlier.len() >= Self::LINEAR_LIMIT {
            let mut index: HashSet<&'t str> = earlier.iter().map(|seen| self.name(seen)).collect();
            index.insert(name);
            self.index = Some(index);
        }
        true
    }
}

fn push_attribute(
    attributes: &mut Vec<AttributeData>,
    seen: &mut SeenNames<'_>,
    attribute: AttributeData,
    errors: &mut Vec<SyntaxError>,
) {
    if !seen.insert(attributes, &attribute) {
        errors.push(SyntaxError {
            range: attribute.name.range(),
            kind: SyntaxErrorKind::DuplicateAttribute,
            message: format!(
                "attribute `{}` appears twice on the same element: remove one",
                seen.name(&attribute)
            ),
        });
    }
    attributes.push(attribute);
}

/// The end of a run of stray characters: a quoted string (with the `=` before it, if any),
/// or a run of punctuation up to whitespace, a quote or the next name.
fn junk_end(bytes: &[u8], from: usize, to: usize) -> usize {
    let mut offset = from;
    if bytes[offset] == b'=' {
        offset = skip_whitespace(bytes, offset + 1, to);
        if offset >= to || !matches!(bytes[offset], b'"' | b'\'') {
            return from + 1;
        }
    }
    if matches!(bytes[offset], b'"' | b'\'') {
        let quote = bytes[offset];
        return match bytes[offset + 1..to].iter().position(|&byte| byte == quote) {
            Some(length) => offset + 1 + length + 1,
            None => to,
        };
    }
    // Every byte that stops a name is ASCII, so this run ends on a char boundary.
    offset += 1;
    while offset < to
        && !is_xml_whitespace_byte(bytes[offset])
        && !matches!(bytes[offset], b'"' | b'\'')
        && name_end(bytes, offset, offset + 1) == offset
    {
        offset += 1;
    }
    offset
}

fn bad_attribute(start: usize, end: usize, message: String) -> SyntaxError {
    SyntaxError {
        range: TextRange::new(start, end),
        kind: SyntaxErrorKind::BadAttribute,
        message,
    }
}
