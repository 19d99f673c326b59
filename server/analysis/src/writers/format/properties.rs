//! Property test: for random well-formed ECA files (fields of the schema in any order, nested
//! types, unknown elements, comments above and after elements, blank lines, values with spaces,
//! references, CDATA, line breaks and wide characters, `xsi:nil`, CRLF), formatting in either
//! style with any options gives a well-formed file that formatting leaves alone, holding the
//! same elements with the same values, the same attributes and the same comments.

use proptest::prelude::*;

use eca_schema::{Schema, TypeDef, TypeKind};
use eca_syntax::{Document, ElementId, Node};

use super::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn formatting_is_idempotent_and_keeps_every_element_value_attribute_and_comment(
        seed in any::<u64>(),
        options in format_options(),
    ) {
        let input = random_file(seed);
        let parse = eca_syntax::parse(&input);
        prop_assert!(parse.errors.is_empty(), "the generator wrote broken XML: {:?}\n{input}", parse.errors);
        let output = format_text(&input, &parse, &options).map_err(|error| {
            TestCaseError::fail(format!("{}\n{input}", error.message(&input)))
        })?;
        let reparsed = eca_syntax::parse(&output);
        prop_assert!(reparsed.errors.is_empty(), "broken output {:?}\n{output}", reparsed.errors);
        let again = format_text(&output, &reparsed, &options).map_err(|error| {
            TestCaseError::fail(error.message(&output))
        })?;
        prop_assert_eq!(&again, &output, "not idempotent; input:\n{}", input);
        let normalize = matches!(options.style, FormatStyle::Prettier(_));
        prop_assert_eq!(
            contents(&input, &parse.document, normalize),
            contents(&output, &reparsed.document, normalize),
            "input:\n{}\noutput:\n{}", input, output
        );
    }
}

fn format_options() -> impl Strategy<Value = FormatOptions> {
    let indent = prop_oneof![(1u8..=8).prop_map(Indent::Spaces), Just(Indent::Tab),];
    let end_of_line = prop_oneof![
        Just(EndOfLine::Lf),
        Just(EndOfLine::Crlf),
        Just(EndOfLine::Cr),
        Just(EndOfLine::Auto),
    ];
    let prettier = (
        20usize..=120,
        1usize..=8,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        end_of_line,
        prop_oneof![
            Just(QuoteAttributes::Preserve),
            Just(QuoteAttributes::Double),
            Just(QuoteAttributes::Single),
        ],
        any::<bool>(),
    )
        .prop_map(
            |(
                print_width,
                tab_width,
                use_tabs,
                bracket_same_line,
                self_closing_space,
                single,
                end_of_line,
                quote_attributes,
                sort_attributes,
            )| {
                PrettierOptions {
                    print_width,
                    tab_width,
                    use_tabs,
                    bracket_same_line,
                    self_closing_space,
                    single_attribute_per_line: single,
                    end_of_line,
                    quote_attributes,
                    sort_attributes,
                }
            },
        );
    let style = prop_oneof![
        Just(FormatStyle::Salesforce),
        prettier.prop_map(FormatStyle::Prettier),
    ];
    (indent, any::<bool>(), any::<bool>(), style).prop_map(
        |(indent, insert_final_newline, trim_final_newlines, style)| FormatOptions {
            indent,
            insert_final_newline,
            trim_final_newlines,
            style,
        },
    )
}

/// What a file holds, in a canonical order: each element's name with its value (or `{}` for a
/// container), each attribute, each comment and processing instruction.
fn contents(text: &str, document: &Document, normalize_line_breaks: bool) -> Vec<String> {
    let raw = |slice: &str| {
        if normalize_line_breaks {
            slice.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            slice.to_string()
        }
    };
    let mut found = Vec::new();
    // Each element with its schema type, when it holds one: whitespace in it is layout.
    let mut stack: Vec<(ElementId, Option<&'static TypeDef>)> = document
        .root()
        .map(|root| {
            let root_type =
                Schema::get().type_for_root_element(document.element(root).local_name());
            (root, root_type)
        })
        .into_iter()
        .collect();
    while let Some((id, type_def)) = stack.pop() {
        let element = document.element(id);
        for child in document.child_elements(id) {
            let child_type = type_def.and_then(|type_def| {
                nested_type_of(type_def, document.element(child).local_name())
            });
            stack.push((child, child_type));
        }
        let content = raw(element.content().slice(text));
        let layout_only = element.children().iter().all(|node| match node {
            Node::Text(text) => text
                .value(document)
                .trim_matches(is_xml_whitespace)
                .is_empty(),
            Node::CData(_) => false,
            _ => true,
        });
        let value = if layout_only && (element.has_child_elements() || type_def.is_some()) {
            "{}".to_string()
        } else if element.self_closing() {
            String::new()
        } else {
            content
        };
        found.push(format!("element {} = {value:?}", element.name()));
        for attribute in element.attributes() {
            found.push(format!(
                "attribute {}/{} = {:?}",
                element.name(),
                attribute.name(),
                raw(attribute.value_range().slice(text))
            ));
        }
        for node in element.children() {
            match node {
                Node::Comment(comment) if value == "{}" => {
                    found.push(format!("comment {:?}", raw(comment.range().slice(text))));
                }
                Node::ProcessingInstruction(instruction) if value == "{}" => {
                    found.push(format!(
                        "instruction {:?}",
                        raw(instruction.range().slice(text))
                    ));
                }
                _ => {}
            }
        }
    }
    for node in document.top_level() {
        if let Node::Comment(comment) = node {
            found.push(format!("comment {:?}", raw(comment.range().slice(text))));
        }
    }
    found.sort();
    found
}

/// A small deterministic generator, so that one `u64` describes one file.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const VALUES: &[&str] = &[
    "true",
    "false",
    "Portal",
    "  spaced  value ",
    "a &amp; b &lt; c",
    "ポータルのアプリ",
    "😀 emoji",
    "https://a.example.com/cb\nhttps://b.example.com/cb",
    "line one\r\n    line two",
    "<![CDATA[x < y && z]]>",
    "",
    " ",
    "&#x41;pi",
    "A value long enough to push its element past eighty columns when it is printed inline",
];

const WHITESPACE: &[&str] = &[
    "",
    " ",
    "\n",
    "\n  ",
    "\n\t\t",
    "\n\n    ",
    "\n        ",
    "  \n",
];

const COMMENTS: &[&str] = &[
    "<!-- a comment -->",
    "<!--x-->",
    "<!-- a comment\n     on two lines -->",
    "<!-- <consumerKey>commented out</consumerKey> -->",
    "<!-- コメント -->",
];

fn random_file(seed: u64) -> String {
    let mut random = Random(seed | 1);
    let schema = Schema::get();
    let roots: Vec<&TypeDef> = schema
        .types
        .iter()
        .filter(|type_def| type_def.kind != TypeKind::Nested && type_def.root_element.is_some())
        .collect();
    let root = roots[random.below(roots.len())];
    let mut text = String::new();
    if random.chance(3) {
        text.push('\u{feff}');
    }
    if random.chance(90) {
        text.push_str(random.pick(&[
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
            "<?xml version='1.0' encoding='utf-8'?>",
            "<?xml version=\"1.0\"?>",
        ]));
        text.push_str(random.pick(&["\n", "\r\n", "", "\n\n"]));
    }
    if random.chance(20) {
        text.push_str(random.pick(COMMENTS));
        text.push('\n');
    }
    let root_name = root.root_element.as_deref().unwrap_or(&root.name);
    text.push('<');
    text.push_str(root_name);
    text.push_str(random.pick(&[" ", "\n    ", "  "]));
    text.push_str("xmlns=\"http://soap.sforce.com/2006/04/metadata\"");
    if random.chance(30) {
        text.push_str(random.pick(&[" ", "\n    "]));
        text.push_str("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"");
    }
    text.push_str(random.pick(&[">", "\n>", " >"]));
    children(&mut random, root, &mut text, 0);
    text.push_str(random.pick(WHITESPACE));
    text.push_str("</");
    text.push_str(root_name);
    text.push('>');
    if random.chance(20) {
        text.push_str(random.pick(&["\n", " "]));
        text.push_str(random.pick(COMMENTS));
    }
    text.push_str(random.pick(&["", "\n", "\n\n", "\r\n"]));
    if random.chance(15) {
        text = text.replace('\n', "\r\n").replace("\r\r\n", "\r\n");
    }
    text
}

fn children(random: &mut Random, type_def: &TypeDef, text: &mut String, depth: usize) {
    let count = random.below(type_def.fields.len().min(12) + 2);
    for _ in 0..count {
        text.push_str(random.pick(WHITESPACE));
        if random.chance(15) {
            text.push_str(random.pick(COMMENTS));
            text.push_str(random.pick(&["\n    ", " ", "\n\n    "]));
        }
        if random.chance(10) {
            let name = random.pick(&["unknownField", "isAdminApproved", "scopes"]);
            text.push_str(&format!("<{name}>{}</{name}>", random.pick(VALUES)));
        } else if let Some(field) = type_def
            .fields
            .get(random.below(type_def.fields.len().max(1)))
        {
            let nested = Schema::get().nested_type_of(field);
            match nested {
                Some(nested) if depth < 3 && !nested.fields.is_empty() => {
                    text.push_str(&format!("<{}>", field.name));
                    children(random, nested, text, depth + 1);
                    // A nested element needs an element child to be one.
                    text.push_str(random.pick(WHITESPACE));
                    let first = &nested.fields[0].name;
                    text.push_str(&format!("<{first}>{}</{first}>", random.pick(VALUES)));
                    text.push_str(random.pick(WHITESPACE));
                    text.push_str(&format!("</{}>", field.name));
                }
                _ => match random.below(10) {
                    0 => text.push_str(&format!("<{} xsi:nil=\"true\"/>", field.name)),
                    1 => text.push_str(&format!("<{}   />", field.name)),
                    2 => text.push_str(&format!("<{}></{}>", field.name, field.name)),
                    _ => text.push_str(&format!(
                        "<{}>{}</{} >",
                        field.name,
                        random.pick(VALUES),
                        field.name
                    )),
                },
            }
        }
        if random.chance(10) {
            text.push_str(random.pick(&[" ", ""]));
            text.push_str(random.pick(COMMENTS));
        }
    }
}
