//! The globs of configuration files. [`glob_matches`] reads the globs of `.editorconfig`
//! sections and of Prettier's `overrides`: `*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`, `{1..9}`
//! and `\` escapes, matched against `/`-separated paths. `.forceignore` reads gitignore's
//! dialect (no braces, no escapes, `**` only as a whole segment) in `forceignore`; both read a
//! `[...]` class with [`bracket_class`].

/// Whether `path` (relative to the configuration file's folder, `/`-separated) matches `glob`.
/// A glob without a `/` matches the file name in any folder, as both tools read it.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let glob = glob.strip_prefix('/').unwrap_or(glob);
    let pattern: Vec<char> = glob.chars().collect();
    let path: Vec<char> = path.chars().collect();
    if !glob.contains('/') {
        let name_start = path
            .iter()
            .rposition(|c| *c == '/')
            .map_or(0, |index| index + 1);
        return matches(&pattern, &path[name_start..]);
    }
    matches(&pattern, &path)
}

/// A backtracking matcher; globs in configuration files are short, paths too.
fn matches(pattern: &[char], text: &[char]) -> bool {
    let Some((&first, rest)) = pattern.split_first() else {
        return text.is_empty();
    };
    match first {
        '*' if rest.first() == Some(&'*') => {
            let after = &rest[1..];
            // `**/` also matches no folder at all.
            if after
                .strip_prefix(&['/'])
                .is_some_and(|stripped| matches(stripped, text))
            {
                return true;
            }
            (0..=text.len()).any(|skip| matches(after, &text[skip..]))
        }
        '*' => (0..=text.len())
            .take_while(|skip| *skip == 0 || text[skip - 1] != '/')
            .any(|skip| matches(rest, &text[skip..])),
        '?' => text.first().is_some_and(|c| *c != '/') && matches(rest, &text[1..]),
        '[' => {
            let Some((&character, text_rest)) = text.split_first() else {
                return false;
            };
            match bracket_class(rest, character) {
                Some((in_class, after)) => {
                    in_class && character != '/' && matches(after, text_rest)
                }
                // No closing `]`: a literal `[`.
                None => character == '[' && matches(rest, text_rest),
            }
        }
        '{' => match brace_end(rest) {
            Some(end) => {
                let inside: String = rest[..end].iter().collect();
                let after = &rest[end + 1..];
                alternatives(&inside).into_iter().any(|alternative| {
                    let mut expanded: Vec<char> = alternative.chars().collect();
                    expanded.extend_from_slice(after);
                    matches(&expanded, text)
                })
            }
            None => text.first() == Some(&'{') && matches(rest, &text[1..]),
        },
        '\\' => match rest.split_first() {
            Some((escaped, after)) => text.first() == Some(escaped) && matches(after, &text[1..]),
            None => text.first() == Some(&'\\') && text.len() == 1,
        },
        literal => text.first() == Some(&literal) && matches(rest, &text[1..]),
    }
}

/// A `[...]` class after its `[`: whether `character` is in it (`[!...]` and `[^...]` negate;
/// a `]` first, or first after the negation, is a member; `a-z` is a range), and the pattern
/// after its `]`. `None` when no `]` closes it.
pub(crate) fn bracket_class(pattern: &[char], character: char) -> Option<(bool, &[char])> {
    let (negated, mut index) = match pattern.first() {
        Some('!' | '^') => (true, 1),
        _ => (false, 0),
    };
    let start = index;
    let mut found = false;
    while index < pattern.len() {
        let current = pattern[index];
        if current == ']' && index > start {
            return Some((found != negated, &pattern[index + 1..]));
        }
        if index + 2 < pattern.len() && pattern[index + 1] == '-' && pattern[index + 2] != ']' {
            found |= (current..=pattern[index + 2]).contains(&character);
            index += 3;
        } else {
            found |= current == character;
            index += 1;
        }
    }
    None
}

fn brace_end(pattern: &[char]) -> Option<usize> {
    let mut depth = 0;
    for (index, c) in pattern.iter().enumerate() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(index),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `a,b,c` (commas inside nested braces do not split) or a number range `1..9`.
fn alternatives(inside: &str) -> Vec<String> {
    if let Some((low, high)) = inside.split_once("..") {
        if let (Ok(low), Ok(high)) = (low.parse::<i64>(), high.parse::<i64>()) {
            let (low, high) = (low.min(high), low.max(high));
            if high - low <= 10_000 {
                return (low..=high).map(|number| number.to_string()).collect();
            }
        }
    }
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in inside.chars() {
        match c {
            '{' => {
                depth += 1;
                current.push(c);
            }
            '}' => {
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts
}

#[cfg(test)]
mod tests {
    use super::glob_matches;

    #[test]
    fn globs() {
        let cases = [
            ("*", "a/b/c.xml", true),
            ("*.xml", "force-app/x.eca-meta.xml", true),
            ("*.{xml,json}", "a.json", true),
            ("*.{cmp,page,component}", "a.xml", false),
            ("**/*.xml", "a.xml", true),
            ("**/*.xml", "a/b/c.xml", true),
            ("force-app/**/*.xml", "force-app/main/default/a.xml", true),
            ("force-app/**/*.xml", "other/a.xml", false),
            ("/force-app/*.xml", "force-app/a.xml", true),
            ("force-app/*.xml", "force-app/x/a.xml", false),
            ("**/lwc/**/*.html", "force-app/lwc/a/b.html", true),
            ("a?.xml", "ab.xml", true),
            ("[abc].xml", "b.xml", true),
            ("[!abc].xml", "b.xml", false),
            ("[!abc].xml", "d.xml", true),
            ("[a-c].xml", "b.xml", true),
            ("a[!x]b/c.xml", "a/b/c.xml", false),
            ("[a-c].xml", "d.xml", false),
            ("[ab.xml", "[ab.xml", true),
            // A `]` right after the negation is a member, as in POSIX and gitignore.
            ("[!]].xml", "].xml", false),
            ("[!]].xml", "a.xml", true),
            ("v{1..3}.xml", "v2.xml", true),
            ("v{1..3}.xml", "v4.xml", false),
            ("\\*.xml", "*.xml", true),
            ("\\*.xml", "a.xml", false),
        ];
        for (glob, path, expected) in cases {
            assert_eq!(glob_matches(glob, path), expected, "{glob} on {path}");
        }
    }
}
