//! Conversions between byte offsets and line/column positions in UTF-8 or UTF-16 units.
//!
//! Analysis works in byte offsets; editors speak in lines and columns counted in UTF-16 code
//! units (the LSP default) or UTF-8 bytes. This index is built once per text and answers both
//! directions without rescanning. `\n`, `\r\n` and a lone `\r` all end a line, as in LSP.

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based line and a zero-based column in the chosen encoding's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    /// Byte offset at which each line's content ends, before its line break.
    line_ends: Vec<usize>,
    /// For each line, its multi-byte characters in order. Lines of ASCII (most lines) cost
    /// nothing; with these, both conversions are a binary search, even on one long line.
    wide_chars: Vec<Vec<WideChar>>,
    text_len: usize,
}

/// A character of more than one UTF-8 byte, located in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WideChar {
    /// Byte offset from the start of the line.
    byte_col: usize,
    /// UTF-16 column at which it starts.
    utf16_col: usize,
    utf8_len: usize,
}

impl WideChar {
    fn utf16_len(self) -> usize {
        if self.utf8_len == 4 { 2 } else { 1 }
    }

    fn byte_end(self) -> usize {
        self.byte_col + self.utf8_len
    }

    fn utf16_end(self) -> usize {
        self.utf16_col + self.utf16_len()
    }
}

/// The multi-byte characters of one line, with their byte and UTF-16 columns.
fn wide_chars_of(line: &str) -> Vec<WideChar> {
    let mut wide_chars = Vec::new();
    // UTF-16 units minus UTF-8 bytes so far in the line (never positive).
    let mut utf16_shrink = 0usize;
    for (byte_col, character) in line.char_indices() {
        let utf8_len = character.len_utf8();
        if utf8_len == 1 {
            continue;
        }
        let wide = WideChar {
            byte_col,
            utf16_col: byte_col - utf16_shrink,
            utf8_len,
        };
        utf16_shrink += wide.utf8_len - wide.utf16_len();
        wide_chars.push(wide);
    }
    wide_chars
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        let mut wide_chars = vec![Vec::new()];
        let bytes = text.as_bytes();
        let mut line_start = 0;
        // Line breaks are found by one vectorised search over the text, and a line is read
        // character by character only when it is not all ASCII (`is_ascii` reads a word at a
        // time): most files are all ASCII, and this runs over the whole text of a large file
        // on every keystroke. Both delimiters are ASCII, so every slice ends on a character
        // boundary.
        let all_ascii = text.is_ascii();
        let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
        loop {
            // The `\n` of a `\r\n` was passed over with its `\r`.
            let line_end = breaks
                .by_ref()
                .find(|at| *at >= line_start)
                .unwrap_or(bytes.len());
            let line = &text[line_start..line_end];
            if !all_ascii && !line.is_ascii() {
                if let Some(wide) = wide_chars.last_mut() {
                    *wide = wide_chars_of(line);
                }
            }
            if line_end == bytes.len() {
                break;
            }
            line_ends.push(line_end);
            let mut next = line_end + 1;
            if bytes[line_end] == b'\r' && bytes.get(next) == Some(&b'\n') {
                next += 1;
            }
            line_starts.push(next);
            wide_chars.push(Vec::new());
            line_start = next;
        }
        line_ends.push(text.len());
        // The index lives as long as the file is open: give back what growing reserved.
        line_starts.shrink_to_fit();
        line_ends.shrink_to_fit();
        wide_chars.shrink_to_fit();
        LineIndex {
            line_starts,
            line_ends,
            wide_chars,
            text_len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        self.line_starts.get(line as usize).copied()
    }

    /// The position of a byte offset. An offset past the end is taken as the end; one inside
    /// a multi-byte character as that character's start; one between the `\r` and `\n` of a
    /// line break as the end of the line's content (an editor cannot name that spot).
    pub fn line_col(&self, offset: usize, encoding: PositionEncoding) -> LineCol {
        let offset = offset.min(self.text_len);
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts[line];
        let byte_col = offset.min(self.line_ends[line]) - line_start;
        let wides = &self.wide_chars[line];
        // The last wide character starting before `byte_col`, if any.
        let before = wides.partition_point(|wide| wide.byte_col < byte_col);
        let col = match before.checked_sub(1).map(|index| wides[index]) {
            None => byte_col,
            // Inside a multi-byte character: its start.
            Some(wide) if byte_col < wide.byte_end() => match encoding {
                PositionEncoding::Utf8 => wide.byte_col,
                PositionEncoding::Utf16 => wide.utf16_col,
            },
            Some(wide) => match encoding {
                PositionEncoding::Utf8 => byte_col,
                PositionEncoding::Utf16 => wide.utf16_end() + (byte_col - wide.byte_end()),
            },
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// The byte offset of a position. A column past the end of its line is clamped to the end
    /// of the line (before its line break); a line past the end of the text gives the text's
    /// length. A column inside a multi-byte character moves to the character's start.
    pub fn offset(&self, position: LineCol, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        let Some(&line_start) = self.line_starts.get(line) else {
            return self.text_len;
        };
        let line_len = self.line_ends[line] - line_start;
        let wanted = position.col as usize;
        let wides = &self.wide_chars[line];
        let byte_col = match encoding {
            PositionEncoding::Utf8 => {
                let byte_col = wanted.min(line_len);
                let before = wides.partition_point(|wide| wide.byte_col < byte_col);
                match before.checked_sub(1).map(|index| wides[index]) {
                    Some(wide) if byte_col < wide.byte_end() => wide.byte_col,
                    _ => byte_col,
                }
            }
            PositionEncoding::Utf16 => {
                let before = wides.partition_point(|wide| wide.utf16_col < wanted);
                match before.checked_sub(1).map(|index| wides[index]) {
                    // Only ASCII before the column.
                    None => wanted,
                    Some(wide) if wanted < wide.utf16_end() => wide.byte_col,
                    Some(wide) => wide.byte_end() + (wanted - wide.utf16_end()),
                }
                .min(line_len)
            }
        };
        line_start + byte_col
    }
}
