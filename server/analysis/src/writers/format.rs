//! Formatting an ECA file: fields in canonical (WSDL) order, nested types too, one element per
//! line, indented as asked — or, for a project that runs Prettier with `@prettier/plugin-xml`,
//! that same layout printed the way the plugin prints it, so that the two never undo each other.
//!
//! Text and its parse in, text out. What a file says is never changed: values (whitespace
//! included), comments, CDATA, attributes and processing instructions are copied as written;
//! only the whitespace between elements, the order of fields, the XML declaration and the
//! spelling of tags (`<a >`, `</a >`) change. A file with syntax errors is refused, since its tree
//! may not say where its elements really end.

pub mod settings;
mod width;

use eca_schema::{Schema, TypeDef};
use eca_syntax::{Attribute, Document, ElementId, Node, Parse, SyntaxError, TextRange};

use crate::model::project::{Project, SourceFile};
use crate::writers::plan::Plan;

pub use width::prettier_width;

/// How to format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatOptions {
    /// One level of indentation.
    pub indent: Indent,
    /// End the file with a line break when it has none.
    pub insert_final_newline: bool,
    /// Keep one line break at the end of the file when it has several.
    pub trim_final_newlines: bool,
    pub style: FormatStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indent {
    Spaces(u8),
    Tab,
}

/// Whose conventions the output follows where eca-ls's own layout leaves a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatStyle {
    /// As Salesforce writes files it retrieves: `<?xml version="1.0" encoding="UTF-8"?>`,
    /// `<a/>`, every start tag on one line, the file's own line endings.
    Salesforce,
    /// As Prettier's XML plugin prints eca-ls's layout (its default `strict` whitespace
    /// sensitivity keeps the indentation): `<?xml … ?>`, `<a />`, a start tag longer than the
    /// print width broken before its `>` and between its attributes, Prettier's line endings.
    Prettier(PrettierOptions),
}

/// The Prettier options that change how `@prettier/plugin-xml` prints an ECA file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrettierOptions {
    pub print_width: usize,
    pub tab_width: usize,
    pub use_tabs: bool,
    pub bracket_same_line: bool,
    /// `xmlSelfClosingSpace`: `<a />` rather than `<a/>`.
    pub self_closing_space: bool,
    pub single_attribute_per_line: bool,
    pub end_of_line: EndOfLine,
    /// `xmlQuoteAttributes`.
    pub quote_attributes: QuoteAttributes,
    /// `xmlSortAttributesByKey`.
    pub sort_attributes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteAttributes {
    Preserve,
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndOfLine {
    Lf,
    Crlf,
    Cr,
    /// The file's own: the first line break in it.
    Auto,
}

/// Why a file was not formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The file is not well-formed XML.
    SyntaxErrors { count: usize, first: SyntaxError },
}

impl FormatOptions {
    /// What eca-ls does when nothing says otherwise: four spaces and one final line break, as
    /// Salesforce retrieves files.
    pub const SALESFORCE: FormatOptions = FormatOptions {
        indent: Indent::Spaces(4),
        insert_final_newline: true,
        trim_final_newlines: true,
        style: FormatStyle::Salesforce,
    };
}

impl PrettierOptions {
    /// `@prettier/plugin-xml`'s defaults, which the `.prettierrc` that `sf project generate`
    /// writes keeps.
    pub const DEFAULT: PrettierOptions = PrettierOptions {
        print_width: 80,
        tab_width: 2,
        use_tabs: false,
        bracket_same_line: false,
        self_closing_space: true,
        single_attribute_per_line: false,
        end_of_line: EndOfLine::Lf,
        quote_attributes: QuoteAttributes::Preserve,
        sort_attributes: false,
    };
}

impl FormatError {
    /// A sentence for a person, with the line of the first problem.
    pub fn message(&self, text: &str) -> String {
        match self {
            FormatError::SyntaxErrors { count, first } => {
                let line = text[..first.range.start.min(text.len())]
                    .matches('\n')
                    .count()
                    + 1;
                let errors = if *count == 1 {
                    "a syntax error".to_string()
                } else {
                    format!("{count} syntax errors")
                };
                format!(
                    "not formatted: the file has {errors} (line {line}: {}); fix the XML first",
                    first.message
                )
            }
        }
    }
}

/// The formatted text of a project file.
pub fn format_file(file: &SourceFile, options: &FormatOptions) -> Result<String, FormatError> {
    format_text(&file.text, &file.parse, options)
}

/// What formatting the files of a project would write: a plan with one replacement per file
/// that changes, and the files that cannot be formatted with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatPlan {
    pub plan: Plan,
    /// Path and why it was not formatted.
    pub refused: Vec<(String, String)>,
}

/// The plan that formats each of `requests` (a project file's path and its options). A path
/// the project does not hold is refused.
pub fn format_plan(project: &Project, requests: &[(String, FormatOptions)]) -> FormatPlan {
    let mut result = FormatPlan::default();
    for (path, options) in requests {
        let Some(file) = project.file(path) else {
            result
                .refused
                .push((path.clone(), "not a file of the project".to_string()));
            continue;
        };
        let formatted = match format_file(file, options) {
            Ok(formatted) => formatted,
            Err(error) => {
                result
                    .refused
                    .push((path.clone(), error.message(&file.text)));
                continue;
            }
        };
        let Some(edit) = changed_range(&file.text, &formatted) else {
            continue;
        };
        let reason = describe_changes(file, &formatted, options);
        if let Err(error) = result.plan.replace(path, &file.text, [edit], reason) {
            result.refused.push((path.clone(), error.to_string()));
        }
    }
    result
}

/// What formatting changes in a file, for a person reading the plan: the order of fields, the
/// declaration, the final line break, the layout.
fn describe_changes(file: &SourceFile, formatted: &str, options: &FormatOptions) -> String {
    let old_document = &file.parse.document;
    let new_parse = eca_syntax::parse(formatted);
    let new_document = &new_parse.document;
    let mut changes = Vec::new();
    let names = |document: &Document| -> Vec<String> {
        document
            .element_ids()
            .map(|id| document.element(id).name().to_string())
            .collect()
    };
    if names(old_document) != names(new_document) {
        changes.push("sorts fields into canonical (WSDL) order".to_string());
    }
    let declaration = |text: &str, document: &Document| {
        document
            .declaration()
            .as_ref()
            .map(|declaration| declaration.range().slice(text).to_string())
    };
    if declaration(&file.text, old_document) != declaration(formatted, new_document) {
        changes.push(match options.style {
            FormatStyle::Salesforce => "writes the XML declaration as Salesforce does".to_string(),
            FormatStyle::Prettier(_) => {
                "writes the XML declaration as Prettier's XML plugin does".to_string()
            }
        });
    }
    let trailing = |text: &str| text.len() - text.trim_end_matches(['\n', '\r']).len();
    let (old_end, new_end) = (trailing(&file.text), trailing(formatted));
    if old_end != new_end {
        changes.push(if old_end == 0 {
            "adds the final line break".to_string()
        } else if new_end == 0 {
            "removes the final line break".to_string()
        } else {
            "keeps one final line break".to_string()
        });
    }
    // Moving fields moves whole lines; anything else that changed is layout.
    let lines = |text: &str, document: &Document| -> Vec<String> {
        let body_start = document
            .declaration()
            .as_ref()
            .map_or(0, |declaration| declaration.range().end);
        let mut lines: Vec<String> = text[body_start..]
            .trim_end_matches(['\n', '\r'])
            .lines()
            .map(|line| line.trim_end_matches('\r').to_string())
            .filter(|line| !line.is_empty())
            .collect();
        lines.sort();
        lines
    };
    if changes.is_empty() || lines(&file.text, old_document) != lines(formatted, new_document) {
        changes.push(match options.style {
            FormatStyle::Salesforce => "lays out one element per line, indented".to_string(),
            FormatStyle::Prettier(_) => {
                "lays out one element per line, indented, tags as Prettier's XML plugin prints them"
                    .to_string()
            }
        });
    }
    format!("formatting {}", changes.join("; "))
}

/// The one replacement that turns `old` into `new`: what lies between their common start and
/// their common end. `None` when they are equal. An editor keeps its cursor and marks outside
/// the replaced range.
pub fn changed_range(old: &str, new: &str) -> Option<(TextRange, String)> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(left, right)| left == right)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let longest_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(longest_suffix)
        .take_while(|(left, right)| left == right)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some((
        TextRange::new(prefix, old.len() - suffix),
        new[prefix..new.len() - suffix].to_string(),
    ))
}

/// The formatted text of a file.
pub fn format_text(
    text: &str,
    parse: &Parse,
    options: &FormatOptions,
) -> Result<String, FormatError> {
    if let Some(first) = parse.errors.first() {
        return Err(FormatError::SyntaxErrors {
            count: parse.errors.len(),
            first: first.clone(),
        });
    }
    let printer = Printer::new(text, &parse.document, options);
    Ok(printer.document())
}

/// The edit that formats what `selection` touches: the children of the innermost element around
/// it that the selection overlaps, each with its comments, in their order; the whole file when
/// the selection reaches outside the root's content. `None` when that is already formatted.
pub fn format_range(
    text: &str,
    parse: &Parse,
    selection: TextRange,
    options: &FormatOptions,
) -> Result<Option<(TextRange, String)>, FormatError> {
    if let Some(first) = parse.errors.first() {
        return Err(FormatError::SyntaxErrors {
            count: parse.errors.len(),
            first: first.clone(),
        });
    }
    let printer = Printer::new(text, &parse.document, options);
    let inside_root = parse
        .document
        .root_element()
        .is_some_and(|root| root.end_tag().is_some() && root.content().contains_range(selection));
    let (range, new_text) = if inside_root {
        match printer.selected_children(selection) {
            Some(edit) => edit,
            None => return Ok(None),
        }
    } else {
        (TextRange::new(0, text.len()), printer.document())
    };
    Ok((range.slice(text) != new_text).then_some((range, new_text)))
}

/// The indentation unit as text.
fn indent_unit(indent: Indent) -> String {
    match indent {
        Indent::Spaces(count) => " ".repeat(usize::from(count)),
        Indent::Tab => "\t".to_string(),
    }
}

/// The first line break of `text`: `\r\n`, `\r` or `\n` (`\n` when there is none).
fn first_line_break(text: &str) -> &'static str {
    match text.find(['\r', '\n']) {
        Some(index) if text[index..].starts_with("\r\n") => "\r\n",
        Some(index) if text[index..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// A child element of a container with what travels with it when fields are sorted.
struct Block {
    /// Comments and processing instructions on the lines above it.
    leading: Vec<Item>,
    element: ElementId,
    /// A blank line above the element (below its leading comments).
    blank_before: bool,
    /// Comments on the same line after it.
    trailing: Vec<TextRange>,
    /// From its first leading comment to its last trailing one, in the text.
    extent: TextRange,
    /// Where canonical order puts it; unknown elements share the place of the known element
    /// before them, so they keep their neighbour.
    place: Option<usize>,
}

/// A comment or processing instruction on its own line, and whether a blank line is above it.
#[derive(Debug, Clone, Copy)]
struct Item {
    range: TextRange,
    blank_before: bool,
}

/// The children of a container, grouped for printing.
struct Children {
    /// Comments on the same line after the start tag.
    after_start_tag: Vec<TextRange>,
    blocks: Vec<Block>,
    /// Comments after the last element.
    before_end_tag: Vec<Item>,
}

/// How an element is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `<a/>`.
    SelfClosing,
    /// `<a></a>`.
    Empty,
    /// A value, printed as written between its tags: text, CDATA, comments, or child elements
    /// mixed with text.
    Leaf,
    /// Child elements (with comments) only: one per line, sorted when the type is known.
    Container,
}

struct Printer<'a> {
    text: &'a str,
    document: &'a Document,
    options: &'a FormatOptions,
    prettier: Option<&'a PrettierOptions>,
    /// The line break between elements while printing; Prettier style prints `\n` and turns
    /// every line break into the configured one at the end, as Prettier does.
    newline: &'static str,
    unit: String,
    out: String,
}

impl<'a> Printer<'a> {
    fn new(text: &'a str, document: &'a Document, options: &'a FormatOptions) -> Printer<'a> {
        let prettier = match &options.style {
            FormatStyle::Prettier(prettier) => Some(prettier),
            FormatStyle::Salesforce => None,
        };
        Printer {
            text,
            document,
            options,
            prettier,
            newline: if prettier.is_some() {
                "\n"
            } else {
                first_line_break(text)
            },
            unit: indent_unit(options.indent),
            out: String::with_capacity(text.len() + text.len() / 8),
        }
    }

    fn document(mut self) -> String {
        let document = self.document;
        let mut first = true;
        let mut last_end = 0;
        if document.declaration().is_some() || document.root().is_some() {
            let range = document
                .declaration()
                .as_ref()
                .map(|declaration| declaration.range());
            self.declaration(range);
            first = false;
            last_end = range.map_or(0, |range| range.end);
        }
        for node in document.top_level() {
            let range = match node {
                Node::Text(_) => continue,
                Node::Element(id) => document.element(*id).range(),
                Node::Comment(comment) => comment.range(),
                Node::CData(cdata) => cdata.range(),
                Node::ProcessingInstruction(instruction) => instruction.range(),
            };
            if !first {
                self.out.push_str(self.newline);
            }
            first = false;
            match node {
                Node::Element(id) => {
                    let root_type =
                        Schema::get().type_for_root_element(document.element(*id).local_name());
                    self.element(*id, 0, root_type, &[]);
                }
                _ => self.raw(range),
            }
            last_end = range.end;
        }
        let final_breaks = match (self.prettier, line_breaks(&self.text[last_end..])) {
            (Some(_), _) => 1,
            (None, 0) => usize::from(self.options.insert_final_newline),
            (None, _) if self.options.trim_final_newlines => 1,
            (None, count) => count,
        };
        for _ in 0..final_breaks {
            self.out.push_str(self.newline);
        }
        let mut out = self.out;
        if let Some(prettier) = self.prettier {
            let target = match prettier.end_of_line {
                EndOfLine::Lf => "\n",
                EndOfLine::Crlf => "\r\n",
                EndOfLine::Cr => "\r",
                EndOfLine::Auto => first_line_break(self.text),
            };
            if target != "\n" {
                out = out.replace('\n', target);
            }
        }
        if self.text.starts_with('\u{feff}') {
            out.insert(0, '\u{feff}');
        }
        out
    }

    /// The range and new text of the children of the innermost container around `selection`
    /// that it overlaps.
    fn selected_children(mut self, selection: TextRange) -> Option<(TextRange, String)> {
        let document = self.document;
        let root = document.root()?;
        let mut container = root;
        let mut depth = 0;
        let mut type_def = Schema::get().type_for_root_element(document.element(root).local_name());
        loop {
            if self.shape(container, type_def.is_some()) != Shape::Container {
                return None;
            }
            let children = self.children(container, type_def, false);
            let overlaps = |block: &Block| {
                block.extent.start <= selection.end && selection.start <= block.extent.end
            };
            let selected: Vec<usize> = (0..children.blocks.len())
                .filter(|index| overlaps(&children.blocks[*index]))
                .collect();
            let (first, last) = (*selected.first()?, *selected.last()?);
            // Inside one child's content: look in there.
            let only = &children.blocks[first];
            let child = document.element(only.element);
            let child_type =
                type_def.and_then(|type_def| nested_type_of(type_def, child.local_name()));
            if first == last
                && child.end_tag().is_some()
                && child.content().contains_range(selection)
                && self.shape(only.element, child_type.is_some()) == Shape::Container
            {
                container = only.element;
                depth += 1;
                type_def = child_type;
                continue;
            }
            let start = match first {
                0 => children
                    .after_start_tag
                    .last()
                    .map_or(document.element(container).start_tag().end, |comment| {
                        comment.end
                    }),
                _ => children.blocks[first - 1].extent.end,
            };
            let end = children.blocks[last].extent.end;
            for (index, block) in children.blocks[first..=last].iter().enumerate() {
                self.block(block, depth + 1, type_def, first + index == 0);
            }
            let mut out = std::mem::take(&mut self.out);
            let file_line_break = first_line_break(self.text);
            if self.newline != file_line_break {
                out = out.replace(self.newline, file_line_break);
            }
            return Some((TextRange::new(start, end), out));
        }
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>` when the file declares XML 1.0 in UTF-8 (any
    /// spelling) or nothing else; any other declaration is kept as written.
    fn declaration(&mut self, range: Option<TextRange>) {
        let written = range.map(|range| range.slice(self.text));
        let pseudo_attributes = match written {
            Some(written) => declaration_attributes(written),
            None => Some(Vec::new()),
        };
        let salesforce = pseudo_attributes.as_ref().is_some_and(|attributes| {
            attributes.iter().enumerate().all(|(index, (name, value))| {
                match (index, name.as_str()) {
                    (0, "version") => value == "\"1.0\"" || value == "'1.0'",
                    (1, "encoding") => value[1..value.len() - 1].eq_ignore_ascii_case("utf-8"),
                    _ => false,
                }
            })
        });
        let attributes: Vec<String> = match pseudo_attributes {
            _ if salesforce => vec![
                "version=\"1.0\"".to_string(),
                "encoding=\"UTF-8\"".to_string(),
            ],
            Some(attributes) if self.prettier.is_some() => attributes
                .into_iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect(),
            _ => {
                if let Some(range) = range {
                    self.raw(range);
                }
                return;
            }
        };
        let Some(prettier) = self.prettier else {
            self.out.push_str("<?xml ");
            self.out.push_str(&attributes.join(" "));
            self.out.push_str("?>");
            return;
        };
        let close = if prettier.self_closing_space {
            " ?>"
        } else {
            "?>"
        };
        let flat = format!("<?xml {}{close}", attributes.join(" "));
        if prettier_width(&flat) <= prettier.print_width {
            self.out.push_str(&flat);
            return;
        }
        // Prettier prints its `<?xml ` token and then breaks the line; its next run reads the
        // line break into that token and prints a blank line. That second output is the one
        // Prettier leaves alone, so it is the one to print.
        self.out.push_str("<?xml\n");
        for attribute in &attributes {
            self.out.push('\n');
            self.out.push_str(&prettier_indent(prettier, 1));
            self.out.push_str(attribute);
        }
        self.out.push_str("\n?>");
    }

    /// Text copied as written (in Prettier style with its line breaks made `\n`, which the end
    /// turns into Prettier's).
    fn raw(&mut self, range: TextRange) {
        let slice = range.slice(self.text);
        if self.prettier.is_some() && slice.contains('\r') {
            self.out
                .push_str(&slice.replace("\r\n", "\n").replace('\r', "\n"));
        } else {
            self.out.push_str(slice);
        }
    }

    /// A line break (two for a blank line) and the indentation of `depth`.
    fn own_line(&mut self, depth: usize, blank_before: bool) {
        if blank_before {
            self.out.push_str(self.newline);
        }
        self.out.push_str(self.newline);
        self.indentation(depth);
    }

    fn indentation(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(&self.unit);
        }
    }

    fn element(
        &mut self,
        id: ElementId,
        depth: usize,
        type_def: Option<&'static TypeDef>,
        trailing: &[TextRange],
    ) {
        let element = self.document.element(id);
        match self.shape(id, type_def.is_some()) {
            Shape::SelfClosing | Shape::Empty
                if self.prettier.is_some() || element.self_closing() =>
            {
                let rest = self.trailing_width(trailing);
                self.start_tag(id, depth, true, rest);
            }
            Shape::SelfClosing | Shape::Empty | Shape::Leaf => {
                let rest = self.leaf_rest_width(id, trailing);
                self.start_tag(id, depth, false, rest);
                self.raw(element.content());
                self.end_tag(id);
            }
            Shape::Container => {
                let children = self.children(id, type_def, true);
                let rest = self.trailing_width(&children.after_start_tag);
                self.start_tag(id, depth, false, rest);
                self.trailing(&children.after_start_tag);
                // No blank line right after the start tag.
                let mut first = true;
                for block in &children.blocks {
                    self.block(block, depth + 1, type_def, first);
                    first = false;
                }
                for comment in &children.before_end_tag {
                    self.own_line(depth + 1, comment.blank_before && !first);
                    self.raw(comment.range);
                    first = false;
                }
                self.out.push_str(self.newline);
                self.indentation(depth);
                self.end_tag(id);
            }
        }
        self.trailing(trailing);
    }

    /// A child on its own line with its comments; `first` in its container, it gets no blank
    /// line above it.
    fn block(
        &mut self,
        block: &Block,
        depth: usize,
        parent_type: Option<&'static TypeDef>,
        first: bool,
    ) {
        let mut first = first;
        for leading in &block.leading {
            self.own_line(depth, leading.blank_before && !first);
            self.raw(leading.range);
            first = false;
        }
        self.own_line(depth, block.blank_before && !first);
        let child_type = parent_type.and_then(|parent_type| {
            nested_type_of(
                parent_type,
                self.document.element(block.element).local_name(),
            )
        });
        self.element(block.element, depth, child_type, &block.trailing);
    }

    fn trailing(&mut self, comments: &[TextRange]) {
        for comment in comments {
            self.out.push(' ');
            self.raw(*comment);
        }
    }

    fn end_tag(&mut self, id: ElementId) {
        self.out.push_str("</");
        self.out.push_str(self.document.element(id).name());
        self.out.push('>');
    }

    /// `complex`: the element holds a type of the schema (the root, a nested field), so that the
    /// whitespace in it is layout, not a value.
    fn shape(&self, id: ElementId, complex: bool) -> Shape {
        let element = self.document.element(id);
        if element.self_closing() {
            return Shape::SelfClosing;
        }
        if element.children().is_empty() {
            return Shape::Empty;
        }
        let mut has_elements = false;
        for node in element.children() {
            match node {
                Node::Element(_) => has_elements = true,
                // Raw: a space written as a reference (`&#32;`) is a value.
                Node::Text(text)
                    if !text
                        .range()
                        .slice(self.text)
                        .trim_matches(is_xml_whitespace)
                        .is_empty() =>
                {
                    return Shape::Leaf;
                }
                Node::CData(_) => return Shape::Leaf,
                Node::Text(_) | Node::Comment(_) | Node::ProcessingInstruction(_) => {}
            }
        }
        if has_elements || complex {
            Shape::Container
        } else {
            Shape::Leaf
        }
    }

    /// A container's children in printing order: grouped with their comments, sorted into
    /// canonical order when the type's fields are known.
    fn children(&self, id: ElementId, type_def: Option<&'static TypeDef>, sort: bool) -> Children {
        let element = self.document.element(id);
        let order = type_def.filter(|type_def| type_def.fields_known);
        let mut children = Children {
            after_start_tag: Vec::new(),
            blocks: Vec::new(),
            before_end_tag: Vec::new(),
        };
        let mut pending: Vec<Item> = Vec::new();
        // Whether a line break separates the node at hand from the tag or element before it,
        // and whether a blank line does.
        let mut on_new_line = false;
        let mut blank_line = false;
        let mut place: Option<usize> = None;
        for node in element.children() {
            match node {
                Node::Text(text) => {
                    let breaks = line_breaks(text.range().slice(self.text));
                    on_new_line |= breaks > 0;
                    blank_line |= breaks > 1;
                }
                Node::Comment(_) | Node::ProcessingInstruction(_) => {
                    let range = match node {
                        Node::Comment(comment) => comment.range(),
                        Node::ProcessingInstruction(instruction) => instruction.range(),
                        _ => continue,
                    };
                    if on_new_line || !pending.is_empty() {
                        pending.push(Item {
                            range,
                            blank_before: blank_line,
                        });
                    } else if let Some(block) = children.blocks.last_mut() {
                        block.trailing.push(range);
                        block.extent = block.extent.cover(range);
                    } else {
                        children.after_start_tag.push(range);
                    }
                    blank_line = false;
                }
                Node::Element(child) => {
                    let name = self.document.element(*child).local_name();
                    if let Some(position) = order.and_then(|order| order.field_position(name)) {
                        place = Some(position);
                    }
                    let leading = std::mem::take(&mut pending);
                    let element_range = self.document.element(*child).range();
                    let extent = leading
                        .first()
                        .map_or(element_range, |first| first.range.cover(element_range));
                    children.blocks.push(Block {
                        leading,
                        element: *child,
                        blank_before: blank_line,
                        trailing: Vec::new(),
                        extent,
                        place,
                    });
                    on_new_line = false;
                    blank_line = false;
                }
                // A container holds no CDATA (see `shape`).
                Node::CData(_) => {}
            }
        }
        children.before_end_tag = pending;
        let in_order = children
            .blocks
            .windows(2)
            .all(|pair| pair[0].place <= pair[1].place);
        if sort && order.is_some() && !in_order {
            // Stable: repeated fields and the unknown elements after a field keep their order.
            children.blocks.sort_by_key(|block| block.place);
            // Blank lines grouped fields in their old order; in the new one they would group
            // nothing.
            for block in &mut children.blocks {
                block.blank_before = false;
                for leading in &mut block.leading {
                    leading.blank_before = false;
                }
            }
        }
        children
    }

    /// `<name attributes>` or `<name attributes/>`, broken as Prettier breaks it when the line
    /// would be longer than the print width. `rest` is the width of what follows the tag on its
    /// line.
    fn start_tag(&mut self, id: ElementId, depth: usize, self_closing: bool, rest: usize) {
        let element = self.document.element(id);
        let mut attributes: Vec<(&str, String)> = element
            .attributes()
            .map(|attribute| (attribute.name(), self.attribute_text(attribute)))
            .collect();
        if self
            .prettier
            .is_some_and(|prettier| prettier.sort_attributes)
        {
            attributes.sort_by(|left, right| prettier_attribute_order(left.0, right.0));
        }
        let attributes: Vec<String> = attributes.into_iter().map(|(_, text)| text).collect();
        let Some(prettier) = self.prettier else {
            self.out.push('<');
            self.out.push_str(element.name());
            for attribute in &attributes {
                self.out.push(' ');
                self.out.push_str(attribute);
            }
            self.out.push_str(if self_closing { "/>" } else { ">" });
            return;
        };
        let close = match (self_closing, prettier.self_closing_space) {
            (true, true) => " />",
            (true, false) => "/>",
            (false, _) => ">",
        };
        let mut flat = format!("<{}", element.name());
        for attribute in &attributes {
            flat.push(' ');
            flat.push_str(attribute);
        }
        flat.push_str(close);
        let column = prettier_width(&self.out[self.out.rfind('\n').map_or(0, |index| index + 1)..]);
        let forced = prettier.single_attribute_per_line && attributes.len() > 1;
        let fits = column + prettier_width(&flat) + rest <= prettier.print_width;
        if fits && !forced {
            self.out.push_str(&flat);
            return;
        }
        self.out.push('<');
        self.out.push_str(element.name());
        for attribute in &attributes {
            self.out.push('\n');
            self.out.push_str(&prettier_indent(prettier, depth + 1));
            self.out.push_str(attribute);
        }
        if prettier.bracket_same_line {
            self.out.push_str(close);
        } else {
            self.out.push('\n');
            self.out.push_str(&prettier_indent(prettier, depth));
            self.out.push_str(close.trim_start());
        }
    }

    /// `name="value"` as written: the quotes and the value's text kept, the space around `=`
    /// dropped.
    fn attribute_text(&self, attribute: Attribute<'_>) -> String {
        let value_range = attribute.value_range();
        let quoted = TextRange::new(
            value_range.start.saturating_sub(1),
            (value_range.end + 1).min(attribute.range().end),
        )
        .slice(self.text);
        let name = attribute.name();
        let Some(prettier) = self.prettier else {
            return format!("{name}={quoted}");
        };
        let content = value_range.slice(self.text);
        let mut written = match prettier.quote_attributes {
            QuoteAttributes::Preserve => format!("{name}={quoted}"),
            QuoteAttributes::Double => format!("{name}=\"{}\"", content.replace('"', "&quot;")),
            QuoteAttributes::Single => format!("{name}='{}'", content.replace('\'', "&apos;")),
        };
        if written.contains('\r') {
            written = written.replace("\r\n", "\n").replace('\r', "\n");
        }
        written
    }

    /// The width Prettier measures after the start tag of a value: the value up to its first
    /// line break, then, on one line, the end tag and the comments after it.
    fn leaf_rest_width(&self, id: ElementId, trailing: &[TextRange]) -> usize {
        if self.prettier.is_none() {
            return 0;
        }
        let element = self.document.element(id);
        let mut width = 0;
        for node in element.children() {
            match node {
                Node::Text(text) => {
                    let raw = text.range().slice(self.text);
                    if let Some(line_end) = raw.find(['\n', '\r']) {
                        return width + prettier_width(&raw[..line_end]);
                    }
                    width += prettier_width(raw);
                }
                // Prettier measures these as one string, line breaks and all.
                Node::Comment(comment) => width += prettier_width(comment.range().slice(self.text)),
                Node::CData(cdata) => width += prettier_width(cdata.range().slice(self.text)),
                Node::ProcessingInstruction(instruction) => {
                    width += prettier_width(instruction.range().slice(self.text));
                }
                Node::Element(child) => {
                    // Mixed content: printed as written.
                    let raw = self.document.element(*child).range().slice(self.text);
                    if let Some(line_end) = raw.find(['\n', '\r']) {
                        return width + prettier_width(&raw[..line_end]);
                    }
                    width += prettier_width(raw);
                }
            }
        }
        width + element.name().len() + 3 + self.trailing_width(trailing)
    }

    fn trailing_width(&self, comments: &[TextRange]) -> usize {
        if self.prettier.is_none() {
            return 0;
        }
        comments
            .iter()
            .map(|comment| 1 + prettier_width(comment.slice(self.text)))
            .sum()
    }
}

/// The order `xmlSortAttributesByKey` gives attributes: `xmlns` first, then other namespace
/// declarations, prefixed names, and the rest, each by name.
fn prettier_attribute_order(left: &str, right: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let by_name = |left: &str, right: &str| {
        left.to_lowercase()
            .cmp(&right.to_lowercase())
            .then_with(|| right.cmp(left))
    };
    match (left, right) {
        ("xmlns", _) => return Ordering::Less,
        (_, "xmlns") => return Ordering::Greater,
        _ => {}
    }
    match (left.split_once(':'), right.split_once(':')) {
        (Some((left_prefix, left_key)), Some((right_prefix, right_key))) => {
            if left_prefix == right_prefix {
                by_name(left_key, right_key)
            } else if left_prefix == "xmlns" {
                Ordering::Less
            } else if right_prefix == "xmlns" {
                Ordering::Greater
            } else {
                by_name(left_prefix, right_prefix)
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => by_name(left, right),
    }
}

/// Prettier's own indentation: `levels` of its `indent`, one per enclosing element.
fn prettier_indent(prettier: &PrettierOptions, levels: usize) -> String {
    if prettier.use_tabs {
        "\t".repeat(levels)
    } else {
        " ".repeat(levels * prettier.tab_width)
    }
}

/// The nested type of a field, when the field holds one.
fn nested_type_of(parent: &TypeDef, field_name: &str) -> Option<&'static TypeDef> {
    Schema::get().nested_type_of(parent.field(field_name)?)
}

/// How many line breaks `text` holds (`\r\n` is one).
fn line_breaks(text: &str) -> usize {
    text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()
}

fn is_xml_whitespace(character: char) -> bool {
    matches!(character, ' ' | '\t' | '\r' | '\n')
}

/// The pseudo-attributes of an XML declaration (`version`, `encoding`, `standalone`) in order,
/// each name with its value in its quotes as written; `None` when it is not made of them alone.
fn declaration_attributes(declaration: &str) -> Option<Vec<(String, String)>> {
    let inner = declaration.strip_prefix("<?xml")?.strip_suffix("?>")?;
    let mut attributes = Vec::new();
    let mut rest = inner.trim_start_matches(is_xml_whitespace);
    while !rest.is_empty() {
        let (name, after_name) = rest.split_once('=')?;
        let name = name.trim_end_matches(is_xml_whitespace);
        let after_equals = after_name.trim_start_matches(is_xml_whitespace);
        let quote = after_equals
            .chars()
            .next()
            .filter(|quote| matches!(quote, '"' | '\''))?;
        let value_end = after_equals[1..].find(quote)? + 2;
        attributes.push((name.to_string(), after_equals[..value_end].to_string()));
        rest = after_equals[value_end..].trim_start_matches(is_xml_whitespace);
    }
    Some(attributes)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
