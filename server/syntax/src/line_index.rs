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
    /// For each line, its multi-byte characters as (byte column, UTF-8 length).
    wide_chars: Vec<Vec<(usize, usize)>>,
    text_len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        let mut wide_chars = vec![Vec::new()];
        let bytes = text.as_bytes();
        let mut chars = text.char_indices().peekable();
        while let Some((offset, ch)) = chars.next() {
            let line_start = *line_starts.last().unwrap_or(&0);
            match ch {
                '\r' => {
                    line_ends.push(offset);
                    let next = offset + 1;
                    let end = if bytes.get(next) == Some(&b'\n') {
                        chars.next();
                        next + 1
                    } else {
                        next
                    };
                    line_starts.push(end);
                    wide_chars.push(Vec::new());
                }
                '\n' => {
                    line_ends.push(offset);
                    line_starts.push(offset + 1);
                    wide_chars.push(Vec::new());
                }
                _ if ch.len_utf8() > 1 => {
                    if let Some(line) = wide_chars.last_mut() {
                        line.push((offset - line_start, ch.len_utf8()));
                    }
                }
                _ => {}
            }
        }
        line_ends.push(text.len());
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

    /// The position of a byte offset (clamped to the text's length).
    pub fn line_col(&self, offset: usize, encoding: PositionEncoding) -> LineCol {
        let offset = offset.min(self.text_len);
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let byte_col = offset - self.line_starts[line];
        let col = match encoding {
            PositionEncoding::Utf8 => byte_col,
            PositionEncoding::Utf16 => {
                let mut col = byte_col;
                for &(wide_col, len) in &self.wide_chars[line] {
                    if wide_col >= byte_col {
                        break;
                    }
                    let utf16_len = if len == 4 { 2 } else { 1 };
                    col = col - len + utf16_len;
                }
                col
            }
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
        let line_end = self.line_content_end(line);
        let wanted = position.col as usize;
        let mut byte_col = 0usize;
        let mut units = 0usize;
        let mut wide = self.wide_chars[line].iter().peekable();
        while line_start + byte_col < line_end {
            let (char_bytes, char_units) = match wide.peek() {
                Some(&&(wide_col, len)) if wide_col == byte_col => {
                    wide.next();
                    let units = match encoding {
                        PositionEncoding::Utf8 => len,
                        PositionEncoding::Utf16 if len == 4 => 2,
                        PositionEncoding::Utf16 => 1,
                    };
                    (len, units)
                }
                _ => (1, 1),
            };
            if units + char_units > wanted {
                break;
            }
            units += char_units;
            byte_col += char_bytes;
        }
        line_start + byte_col
    }

    /// Byte offset of the end of a line's content, before its line break.
    fn line_content_end(&self, line: usize) -> usize {
        self.line_ends[line]
    }
}
