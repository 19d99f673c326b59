//! Comma-separated list fields (`commaSeparatedOauthScopes`, `commaSeparatedPermissionSet`,
//! `commaSeparatedCustomScopes`): their items, trimmed, each with its own range so that a rule
//! can point at and replace one item.

use eca_syntax::TextRange;

use crate::checks::rules::{FieldValue, Location};
use crate::checks::structural::template_placeholder;
use crate::model::diagnostic::FileEdit;

/// One item of a comma-separated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Trimmed.
    pub text: String,
    /// The item's own range when the file spells the value plainly; the whole value's range
    /// when it uses entities or CDATA (the offsets of decoded text are then unknown).
    pub range: TextRange,
    /// Whether `range` covers exactly this item, so that it can be replaced on its own.
    pub exact: bool,
}

/// The non-empty items of a list field, in order. A value holding a template placeholder
/// (`{{SCOPES}}`) has no items to check: `invalid-value` reports it.
pub fn list_items(field: &FieldValue) -> Vec<ListItem> {
    if field.nil || field.value.is_empty() || template_placeholder(&field.value).is_some() {
        return Vec::new();
    }
    let raw = field
        .file
        .text
        .get(field.range.start..field.range.end)
        .unwrap_or_default();
    if raw != field.value {
        return item_texts(&field.value)
            .map(|item| ListItem {
                text: item.to_string(),
                range: field.range,
                exact: false,
            })
            .collect();
    }
    crate::model::text_util::split_list(&field.file.text, field.range, ",")
        .into_iter()
        .map(|range| ListItem {
            text: range.slice(&field.file.text).to_string(),
            range,
            exact: true,
        })
        .collect()
}

/// The items of a comma-separated list as text, trimmed, empty ones left out.
pub fn item_texts(list: &str) -> impl Iterator<Item = &str> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// The list's value without the items `drop` picks, every other item and the separator written
/// after it kept as the file spells them (`Api, Full, Web` without `Full` is `Api, Web`).
/// `None` when nothing would be left, or when the items' exact ranges are unknown.
pub fn value_without(
    field: &FieldValue,
    items: &[ListItem],
    drop: impl Fn(&ListItem) -> bool,
) -> Option<String> {
    if items.is_empty() || items.iter().any(|item| !item.exact) {
        return None;
    }
    let text = &field.file.text;
    let kept: Vec<usize> = (0..items.len()).filter(|&at| !drop(&items[at])).collect();
    let last = *kept.last()?;
    let mut value = text[field.range.start..items[0].range.start].to_string();
    for &at in &kept {
        value.push_str(items[at].range.slice(text));
        if at != last {
            value.push_str(&text[items[at].range.end..items[at + 1].range.start]);
        }
    }
    value.push_str(&text[items[items.len() - 1].range.end..field.range.end]);
    Some(value)
}

impl ListItem {
    pub fn location(&self, field: &FieldValue) -> Location {
        Location {
            path: field.file.path.clone(),
            range: self.range,
        }
    }

    /// An edit that replaces this item alone; `None` when its exact range is unknown.
    pub fn replace(&self, field: &FieldValue, new_text: &str) -> Option<FileEdit> {
        self.exact
            .then(|| FileEdit::replace(&field.file.path, self.range, new_text))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::rules::View;
    use crate::checks::test_support::project;

    fn items(value_xml: &str) -> Vec<(String, String, bool)> {
        let project = project(&format!(
            "//- /a/X.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><commaSeparatedOauthScopes>{value_xml}</commaSeparatedOauthScopes></ExtlClntAppOauthSettings>\n"
        ));
        let file = project.file("/a/X.ecaOauth-meta.xml").unwrap();
        let view = View::root(file).unwrap();
        let field = view.field("commaSeparatedOauthScopes").unwrap();
        super::list_items(&field)
            .into_iter()
            .map(|item| {
                (
                    item.text.clone(),
                    item.range.slice(&file.text).to_string(),
                    item.exact,
                )
            })
            .collect()
    }

    #[test]
    fn splits_on_commas_and_trims_with_exact_ranges() {
        assert_eq!(
            items(" Api,  Web ,OpenID,, "),
            [
                ("Api".to_string(), "Api".to_string(), true),
                ("Web".to_string(), "Web".to_string(), true),
                ("OpenID".to_string(), "OpenID".to_string(), true),
            ]
        );
    }

    #[test]
    fn entities_keep_the_whole_range() {
        let found = items("Api, W&#101;b");
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].0, "Web");
        assert!(!found[1].2);
    }

    fn without_full(value_xml: &str) -> Option<String> {
        let project = project(&format!(
            "//- /a/X.ecaOauth-meta.xml\n<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\"><commaSeparatedOauthScopes>{value_xml}</commaSeparatedOauthScopes></ExtlClntAppOauthSettings>\n"
        ));
        let file = project.file("/a/X.ecaOauth-meta.xml").unwrap();
        let view = View::root(file).unwrap();
        let field = view.field("commaSeparatedOauthScopes").unwrap();
        super::value_without(&field, &super::list_items(&field), |item| {
            item.text == "Full"
        })
    }

    #[test]
    fn a_value_without_some_items_keeps_the_others_as_written() {
        let cases = [
            "Api, Full, RefreshToken",
            "Full,Api",
            "Api ,Full",
            " Api,\n    Full,\n    Web ",
            "Full, Api, Full",
            "Full",
            "Full, Full",
            "Api, F&#117;ll",
        ];
        let rendered: Vec<String> = cases
            .iter()
            .map(|case| format!("{case:?} -> {:?}", without_full(case)))
            .collect();
        expect_test::expect![[r#"
            "Api, Full, RefreshToken" -> Some("Api, RefreshToken")
            "Full,Api" -> Some("Api")
            "Api ,Full" -> Some("Api")
            " Api,\n    Full,\n    Web " -> Some("Api,\n    Web")
            "Full, Api, Full" -> Some("Api")
            "Full" -> None
            "Full, Full" -> None
            "Api, F&#117;ll" -> None"#]]
        .assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn empty_value_has_no_items() {
        assert!(items("").is_empty());
    }
}
