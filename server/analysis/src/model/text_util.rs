//! Small text helpers: "did you mean" suggestions, XML escaping, the items of a separated list.

use eca_syntax::TextRange;

/// Where `text` first holds the ASCII byte `byte` twice in a row (`{{`, `__`): what
/// `text.find("{{")` gives, by a search for one byte, where `find` would set up a substring
/// searcher on every call (and these run for every value and every file).
pub fn find_doubled(text: &str, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes[from..]
        .iter()
        .position(|candidate| *candidate == byte)
    {
        let at = from + found;
        if bytes.get(at + 1) == Some(&byte) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The ranges of the items of a separated list inside `range` of `text`, trimmed, empty ones
/// left out.
pub fn split_list(text: &str, range: TextRange, separator: &str) -> Vec<TextRange> {
    let slice = range.slice(text);
    let mut items = Vec::new();
    let mut start = 0;
    for piece in slice.split(separator) {
        let leading = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let item_start = range.start + start + leading;
            items.push(TextRange::new(item_start, item_start + trimmed.len()));
        }
        start += piece.len() + separator.len();
    }
    items
}

/// The candidate closest to `input`: a case-insensitive match first, then the smallest edit
/// distance within a bound that grows with the word's length. `None` when nothing is close.
pub fn closest_match<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lowered = input.to_lowercase();
    let max_distance = (input.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let candidate_lowered = candidate.to_lowercase();
        if candidate_lowered == lowered {
            return Some(candidate);
        }
        let distance = edit_distance(&lowered, &candidate_lowered);
        let is_prefix = candidate_lowered.starts_with(&lowered) && lowered.len() >= 4;
        let score = if is_prefix { distance.min(1) } else { distance };
        if score <= max_distance && best.is_none_or(|(best_score, _)| score < best_score) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Whether two words differ only in letter case.
pub fn differs_only_in_case(left: &str, right: &str) -> bool {
    left != right && left.eq_ignore_ascii_case(right)
}

/// Levenshtein distance over chars.
pub fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    let mut current = vec![0; right.len() + 1];
    for (i, left_char) in left.chars().enumerate() {
        current[0] = i + 1;
        for (j, right_char) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_char != *right_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[right.len()]
}

/// Escape text for use between XML tags.
pub fn escape_xml_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            _ => escaped.push(ch),
        }
    }
    escaped
}

/// A list of names as prose: "`a`", "`a` or `b`", "`a`, `b` or `c`".
pub fn quoted_list(items: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// `find_doubled` is `str::find` of the doubled byte, on text full of the byte, of
        /// other ASCII and of characters of several bytes.
        #[test]
        fn find_doubled_is_find_of_the_pair(text in "[_{}a\\x{e9}\\x{1F600}]{0,12}") {
            prop_assert_eq!(find_doubled(&text, b'_'), text.find("__"));
            prop_assert_eq!(find_doubled(&text, b'{'), text.find("{{"));
        }
    }

    #[test]
    fn list_items_are_trimmed_and_empty_ones_dropped() {
        let text = "<a> Api,, RefreshToken ,OpenID,</a>";
        let items: Vec<&str> = split_list(text, TextRange::new(3, 31), ",")
            .into_iter()
            .map(|range| range.slice(text))
            .collect();
        assert_eq!(items, ["Api", "RefreshToken", "OpenID"]);
        let spaced = "a; b";
        let items: Vec<&str> = split_list(spaced, TextRange::new(0, 4), "; ")
            .into_iter()
            .map(|range| range.slice(spaced))
            .collect();
        assert_eq!(items, ["a", "b"]);
    }

    #[test]
    fn suggests_near_misses_and_case_slips() {
        let fields = ["guestJwtSessionTimeoutType", "guestJwtTimeout", "label"];
        assert_eq!(
            closest_match("guestJwtSesionTimeoutType", fields),
            Some("guestJwtSessionTimeoutType")
        );
        assert_eq!(closest_match("Label", fields), Some("label"));
        assert_eq!(
            closest_match("guestJwtTimeOut", fields),
            Some("guestJwtTimeout")
        );
        assert_eq!(closest_match("scopes", fields), None);
    }

    #[test]
    fn measures_edit_distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("日本", "日本語"), 1);
    }

    #[test]
    fn lists_names_as_prose() {
        assert_eq!(quoted_list(&["a"], "or"), "`a`");
        assert_eq!(quoted_list(&["a", "b", "c"], "or"), "`a`, `b` or `c`");
    }
}
