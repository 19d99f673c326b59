//! Snippet text for clients that cannot take snippets: the text a snippet would insert, with
//! tab stops removed, placeholders and choices replaced by their (first) text, and escapes
//! resolved. Knows the LSP snippet grammar and nothing else.

/// `<a>$1</a>$0` → `<a></a>`; `${1:Portal}` → `Portal`; `${1|Custom,UserSession|}` → `Custom`.
pub fn to_plain_text(snippet: &str) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let mut position = 0;
    let mut out = String::new();
    plain(&chars, &mut position, false, &mut out);
    out
}

/// Copy text until the end, or until an unescaped `}` when `nested` (which is consumed).
fn plain(chars: &[char], position: &mut usize, nested: bool, out: &mut String) {
    while let Some(&ch) = chars.get(*position) {
        match ch {
            '\\' => match chars.get(*position + 1) {
                Some(&next @ ('$' | '}' | '\\')) => {
                    out.push(next);
                    *position += 2;
                }
                _ => {
                    out.push('\\');
                    *position += 1;
                }
            },
            '}' if nested => {
                *position += 1;
                return;
            }
            '$' => dollar(chars, position, out),
            _ => {
                out.push(ch);
                *position += 1;
            }
        }
    }
}

/// At a `$`: a tab stop, a variable, a placeholder or a choice; a lone `$` stays.
fn dollar(chars: &[char], position: &mut usize, out: &mut String) {
    let start = *position;
    *position += 1;
    match chars.get(*position) {
        Some(ch) if ch.is_ascii_digit() || is_variable_start(*ch) => {
            while chars
                .get(*position)
                .is_some_and(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
            {
                *position += 1;
            }
        }
        Some('{') => {
            *position += 1;
            let name_start = *position;
            while chars
                .get(*position)
                .is_some_and(|ch| ch.is_ascii_alphanumeric() || *ch == '_')
            {
                *position += 1;
            }
            if *position == name_start {
                out.extend(&chars[start..*position]);
                return;
            }
            match chars.get(*position) {
                Some('}') => *position += 1,
                Some(':') => {
                    *position += 1;
                    plain(chars, position, true, out);
                }
                Some('|') => {
                    *position += 1;
                    choice(chars, position, out);
                }
                _ => out.extend(&chars[start..*position]),
            }
        }
        _ => out.push('$'),
    }
}

/// `a,b|}` after `${N|`: the first choice goes out, the rest is skipped.
fn choice(chars: &[char], position: &mut usize, out: &mut String) {
    let mut first = true;
    while let Some(&ch) = chars.get(*position) {
        match ch {
            '\\' => {
                if first {
                    if let Some(&next) = chars.get(*position + 1) {
                        out.push(next);
                    }
                }
                *position += 2;
            }
            ',' => {
                first = false;
                *position += 1;
            }
            '|' if chars.get(*position + 1) == Some(&'}') => {
                *position += 2;
                return;
            }
            _ => {
                if first {
                    out.push(ch);
                }
                *position += 1;
            }
        }
    }
}

fn is_variable_start(ch: char) -> bool {
    ch.is_ascii_alphabetic() || ch == '_'
}

#[cfg(test)]
mod tests {
    use super::to_plain_text;

    #[test]
    fn removes_tab_stops_and_keeps_placeholders_and_first_choices() {
        let cases = [
            ("<label>$1</label>$0", "<label></label>"),
            ("<a>${1:Portal}</a>", "<a>Portal</a>"),
            ("<a>${1|Custom,UserSession|}</a>", "<a>Custom</a>"),
            ("${1:outer ${2:inner} end}", "outer inner end"),
            ("cost \\$5 \\} \\\\ done", "cost $5 } \\ done"),
            ("${1}x${2:}y", "xy"),
            ("a $ b ${ c", "a $ b ${ c"),
            ("${1|a\\,b,c|}", "a,b"),
            ("plain", "plain"),
            ("", ""),
            ("${1:unterminated", "unterminated"),
            ("日本$1語😀$0", "日本語😀"),
        ];
        for (snippet, plain) in cases {
            assert_eq!(to_plain_text(snippet), plain, "{snippet:?}");
        }
    }
}
