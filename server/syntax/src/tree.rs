//! The syntax tree: an arena of elements in document order, with ranges on everything.
//!
//! Read it through its methods: [`Document::element`] gives an [`Element`], whose name,
//! attributes and text come out as slices of the file's text (`&str`, or a `Cow` where a
//! reference had to be expanded or a line end normalised).

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use crate::parser::references::{decode, normalize_line_ends};
use crate::parser::scan::{is_xml_whitespace, name_end};
use crate::{SourceText, TextRange};

/// Identifies an element of one [`Document`]: its index in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementId(pub u32);

impl ElementId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A parsed file.
///
/// `elements` holds every element in document (pre-)order, so an element's descendants follow
/// it directly and `elements[0]` is the first element of the file. `top_level` holds, in order,
/// everything outside any element: the root, comments, processing instructions, stray text and
/// any further (erroneous) top-level elements.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The text the tree was parsed from.
    text: SourceText,
    /// Merge-conflict marker lines, which the parser read as spaces: values read across them
    /// see spaces too.
    blanked: Vec<TextRange>,
    pub declaration: Option<Declaration>,
    pub top_level: Vec<Node>,
    pub elements: Vec<ElementData>,
    /// The first top-level element, if there is one.
    pub root: Option<ElementId>,
}

/// One element of a [`Document`]: a small copyable handle from which its name, ranges,
/// attributes, children and text value are read.
#[derive(Clone, Copy)]
pub struct Element<'d> {
    document: &'d Document,
    id: ElementId,
}

/// A child of an element, or a top-level item of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(ElementId),
    Text(Text),
    Comment(Comment),
    CData(CData),
    ProcessingInstruction(ProcessingInstruction),
}

/// How one element is stored, however incomplete. Read it through [`Element`]'s methods: its
/// fields are going away for ranges into the text.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementData {
    /// The name exactly as written, prefix included (`xsi:nil` style names keep their prefix).
    /// Empty for a bare `<` that was never given a name.
    pub name: String,
    pub name_range: TextRange,
    /// From `<` to the `>` (or `/>`) of the start tag; for a start tag missing its `>`, up to
    /// where the tag stops (the end of its name or last attribute).
    pub start_tag: TextRange,
    /// Whether the start tag has its closing `>`.
    pub start_tag_closed: bool,
    /// `<name/>`.
    pub self_closing: bool,
    pub attributes: Vec<AttributeData>,
    /// Between the end of the start tag and the start of the end tag. For a self-closing
    /// element, an empty range at the end of the start tag; for an unclosed element, up to where
    /// the parser closed it implicitly.
    pub content: TextRange,
    /// `None` for self-closing and for unclosed elements.
    pub end_tag: Option<EndTag>,
    pub children: Vec<Node>,
    pub parent: Option<ElementId>,
    /// 0 for top-level elements.
    pub depth: u32,
}

/// The `</name>` that closes an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndTag {
    pub range: TextRange,
    pub name_range: TextRange,
    /// Whether the end tag has its closing `>`.
    pub closed: bool,
}

/// One attribute of an element, read through its methods.
#[derive(Clone, Copy)]
pub struct Attribute<'d> {
    document: &'d Document,
    data: &'d AttributeData,
}

/// How one attribute is stored. Read it through [`Attribute`]'s methods: its fields are going
/// away for ranges into the text.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeData {
    /// Qualified name as written, e.g. `xmlns`, `xmlns:xsi`, `xsi:nil`.
    pub name: String,
    pub name_range: TextRange,
    /// The value with references expanded (and line ends normalised to `\n`).
    pub value: String,
    /// The raw value between the quotes (empty range after `=` when the value is missing).
    pub value_range: TextRange,
    /// The whole attribute, name to closing quote.
    pub range: TextRange,
}

/// Character data between tags; `value` has references expanded and line ends normalised to
/// `\n` (as an XML processor does), `range` is the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub range: TextRange,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// From `<!--` to `-->` (or to where an unterminated comment stops).
    pub range: TextRange,
    /// The text between the delimiters.
    pub content: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CData {
    /// From `<![CDATA[` to `]]>`.
    pub range: TextRange,
    /// The text between the delimiters, taken literally.
    pub content: TextRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessingInstruction {
    pub range: TextRange,
    pub target: String,
}

/// `<?xml version="1.0" encoding="UTF-8"?>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub range: TextRange,
    pub version: Option<String>,
    pub encoding: Option<String>,
}

/// The text value of a simple element: what a field like `<isPkceRequired>` holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextValue<'d> {
    /// Text and CDATA children concatenated, references expanded, line ends normalised to
    /// `\n`, outer XML whitespace trimmed. Borrowed from the file's text unless something had
    /// to be expanded, normalised or joined.
    pub value: Cow<'d, str>,
    /// The raw range the trimmed value came from; an empty range at the start of the content
    /// when the element has no text.
    pub range: TextRange,
}

impl Document {
    /// An empty document of `text`, for the parser to fill.
    pub(crate) fn new(text: SourceText, blanked: Vec<TextRange>) -> Document {
        Document {
            text,
            blanked,
            ..Document::default()
        }
    }

    /// The text the tree was parsed from.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text the tree was parsed from, shared.
    pub fn source_text(&self) -> &SourceText {
        &self.text
    }

    /// The first top-level element, if there is one.
    pub fn root(&self) -> Option<ElementId> {
        self.root
    }

    pub fn root_element(&self) -> Option<Element<'_>> {
        self.root.map(|id| self.element(id))
    }

    /// `<?xml ...?>` at the start of the file, if it is there.
    pub fn declaration(&self) -> Option<&Declaration> {
        self.declaration.as_ref()
    }

    /// Everything outside any element, in order: the root, comments, processing instructions,
    /// stray text and any further (erroneous) top-level elements.
    pub fn top_level(&self) -> &[Node] {
        &self.top_level
    }

    /// How many elements the document holds.
    pub fn element_count(&self) -> usize {
        self.elements.len()
    }

    /// The element `id` of this document (panics for an id of another, larger document).
    pub fn element(&self, id: ElementId) -> Element<'_> {
        Element { document: self, id }
    }

    /// The element `id`, or `None` when this document has no such element.
    pub fn get_element(&self, id: ElementId) -> Option<Element<'_>> {
        (id.index() < self.elements.len()).then_some(Element { document: self, id })
    }

    /// Ids of the element children of `id`, in order.
    pub fn child_elements(&self, id: ElementId) -> impl Iterator<Item = ElementId> + '_ {
        self.element(id).child_elements()
    }

    /// The namespace URI of an element's name, from the `xmlns` (or `xmlns:prefix`)
    /// declarations on it and its ancestors; `None` when none is in scope (an undeclared prefix,
    /// or no default namespace).
    pub fn namespace_of(&self, id: ElementId) -> Option<Cow<'_, str>> {
        let declaration = match self.element(id).name().split_once(':') {
            Some((prefix, _)) => format!("xmlns:{prefix}"),
            None => "xmlns".to_string(),
        };
        let mut current = Some(id);
        while let Some(at) = current {
            let element = self.element(at);
            if let Some(attribute) = element.attribute(&declaration) {
                return Some(attribute.value());
            }
            current = element.parent();
        }
        None
    }

    /// The first child element of `id` named `name`.
    pub fn child_named(&self, id: ElementId, name: &str) -> Option<ElementId> {
        self.element(id).child_named(name)
    }

    /// The element ids in document order.
    pub fn element_ids(&self) -> impl Iterator<Item = ElementId> + '_ {
        (0..self.elements.len()).map(|index| ElementId(index as u32))
    }

    /// The innermost element the cursor at `offset` is in: after the `<` of its start tag and
    /// before the end of its end tag. Right at the end of an element that is not finished (a
    /// half-typed `<guestJwt`, a tag missing its `>`, an element never closed) counts as in
    /// it too, since that is where someone is typing it; right after a finished element
    /// (`<a/>|`, `</a>|`) is in its parent.
    pub fn element_at(&self, offset: usize) -> Option<ElementId> {
        let mut found = None;
        let mut candidates: &[Node] = &self.top_level;
        'descend: loop {
            for node in candidates {
                if let Node::Element(id) = node {
                    let element = self.element(*id);
                    let range = element.range();
                    let inside = range.start < offset
                        && (offset < range.end || (offset == range.end && !element.is_finished()));
                    if inside {
                        found = Some(*id);
                        candidates = element.children();
                        continue 'descend;
                    }
                }
            }
            return found;
        }
    }

    /// The text value of an element; see [`Element::text_value`]. `text` is the text the
    /// tree was parsed from, which the document now keeps itself.
    pub fn text_value(&self, id: ElementId, text: &str) -> TextValue<'_> {
        debug_assert_eq!(text.len(), self.text.len(), "text_value of another text");
        self.element(id).text_value()
    }

    /// Raw character data or an attribute value at `range`, decoded: references expanded,
    /// line ends normalised, and merge-conflict marker lines read as the spaces the parser
    /// saw.
    fn decoded(&self, range: TextRange) -> Cow<'_, str> {
        let raw = range.slice(&self.text);
        let overlapping =
            |blanked: &&TextRange| blanked.start < range.end && range.start < blanked.end;
        if !self.blanked.iter().any(|blanked| overlapping(&blanked)) {
            return decode(raw);
        }
        let mut bytes = raw.as_bytes().to_vec();
        for blanked in self.blanked.iter().filter(overlapping) {
            let start = blanked.start.max(range.start) - range.start;
            let end = blanked.end.min(range.end) - range.start;
            bytes[start..end].fill(b' ');
        }
        // Whole lines between ASCII line breaks became ASCII spaces, so the bytes stay UTF-8.
        let spaced = String::from_utf8(bytes).unwrap_or_else(|_| raw.to_string());
        Cow::Owned(decode(&spaced).into_owned())
    }
}

/// The text is left out: it can be megabytes, and every range says what it points at.
impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("text_length", &self.text.len())
            .field("blanked", &self.blanked)
            .field("declaration", &self.declaration)
            .field("top_level", &self.top_level)
            .field("elements", &self.elements)
            .field("root", &self.root)
            .finish()
    }
}

impl<'d> Element<'d> {
    pub fn id(self) -> ElementId {
        self.id
    }

    pub fn document(self) -> &'d Document {
        self.document
    }

    fn data(self) -> &'d ElementData {
        &self.document.elements[self.id.index()]
    }

    /// The name exactly as written, prefix included (`xsi:nil` style names keep their prefix).
    /// Empty for a bare `<` that was never given a name.
    pub fn name(self) -> &'d str {
        self.data().name_range.slice(&self.document.text)
    }

    /// The part of the name after any `prefix:`.
    pub fn local_name(self) -> &'d str {
        let name = self.name();
        name.rsplit(':').next().unwrap_or(name)
    }

    pub fn name_range(self) -> TextRange {
        self.data().name_range
    }

    /// From `<` to the `>` (or `/>`) of the start tag; for a start tag missing its `>`, up to
    /// where the tag stops (the end of its name or last attribute).
    pub fn start_tag(self) -> TextRange {
        self.data().start_tag
    }

    /// Whether the start tag has its closing `>`.
    pub fn start_tag_closed(self) -> bool {
        self.data().start_tag_closed
    }

    /// `<name/>`.
    pub fn self_closing(self) -> bool {
        self.data().self_closing
    }

    /// Between the end of the start tag and the start of the end tag. For a self-closing
    /// element, an empty range at the end of the start tag; for an unclosed element, up to
    /// where the parser closed it implicitly.
    pub fn content(self) -> TextRange {
        self.data().content
    }

    /// `None` for self-closing and for unclosed elements.
    pub fn end_tag(self) -> Option<EndTag> {
        self.data().end_tag
    }

    pub fn parent(self) -> Option<ElementId> {
        self.data().parent
    }

    /// 0 for top-level elements.
    pub fn depth(self) -> u32 {
        self.data().depth
    }

    /// From `<` of the start tag to the end of the end tag (or of the content when unclosed).
    pub fn range(self) -> TextRange {
        self.data().range()
    }

    /// Whether the element is complete: its start tag has its `>`, and it is self-closing or
    /// has an end tag with its `>`.
    pub fn is_finished(self) -> bool {
        self.data().is_finished()
    }

    /// Whether the element has element children (as opposed to only text).
    pub fn has_child_elements(self) -> bool {
        self.data().has_child_elements()
    }

    /// Its children, in order: elements, text, comments, CDATA sections, processing
    /// instructions.
    pub fn children(self) -> &'d [Node] {
        &self.data().children
    }

    /// Ids of its element children, in order.
    pub fn child_elements(self) -> impl Iterator<Item = ElementId> + 'd {
        self.children().iter().filter_map(|node| match node {
            Node::Element(child) => Some(*child),
            _ => None,
        })
    }

    /// Its first child element named `name`.
    pub fn child_named(self, name: &str) -> Option<ElementId> {
        let document = self.document;
        self.child_elements()
            .find(|child| document.element(*child).name() == name)
    }

    /// Its attributes, in order.
    pub fn attributes(self) -> impl ExactSizeIterator<Item = Attribute<'d>> + 'd {
        let document = self.document;
        self.data()
            .attributes
            .iter()
            .map(move |data| Attribute { document, data })
    }

    /// Its attribute named `name` (qualified, as written: `xsi:nil`).
    pub fn attribute(self, name: &str) -> Option<Attribute<'d>> {
        self.attributes().find(|attribute| attribute.name() == name)
    }

    /// Its text value: its text and CDATA children, with XML whitespace (space, tab, CR, LF)
    /// trimmed from both ends. Child elements are ignored; use this on simple (leaf) fields.
    pub fn text_value(self) -> TextValue<'d> {
        let document = self.document;
        let pieces = self.children().iter().filter_map(|node| match node {
            Node::Text(text) => Some((text.value(document), text.range())),
            Node::CData(cdata) => Some((cdata.value(document), cdata.content())),
            _ => None,
        });
        let mut single: Option<Cow<'d, str>> = None;
        let mut joined: Option<String> = None;
        let mut raw_start = None;
        let mut raw_end = None;
        for (piece, range) in pieces {
            let blank = piece.trim_matches(is_xml_whitespace).is_empty();
            // Blank pieces still count between others ("x <!-- c --> y" is `x  y`), so once
            // there are two pieces, every piece is joined.
            match (&mut joined, single.take()) {
                (Some(joined), _) => joined.push_str(&piece),
                (None, Some(first)) => {
                    let mut text = first.into_owned();
                    text.push_str(&piece);
                    joined = Some(text);
                }
                (None, None) => single = Some(piece),
            }
            if blank {
                continue;
            }
            // Whitespace in the raw text is literal, so trimming it there finds where the
            // trimmed value starts and ends.
            let raw = range.slice(&document.text);
            let leading = raw.len() - raw.trim_start_matches(is_xml_whitespace).len();
            let trailing = raw.len() - raw.trim_end_matches(is_xml_whitespace).len();
            raw_start.get_or_insert(range.start + leading);
            raw_end = Some(range.end - trailing);
        }
        let range = match (raw_start, raw_end) {
            (Some(start), Some(end)) if start <= end => TextRange::new(start, end),
            _ => TextRange::empty(self.content().start),
        };
        let value = match (joined, single) {
            (Some(joined), _) => Cow::Owned(trim_owned(joined)),
            (None, Some(Cow::Borrowed(piece))) => {
                Cow::Borrowed(piece.trim_matches(is_xml_whitespace))
            }
            (None, Some(Cow::Owned(piece))) => Cow::Owned(trim_owned(piece)),
            (None, None) => Cow::Borrowed(""),
        };
        TextValue { value, range }
    }
}

/// `text` with outer XML whitespace removed, in place.
fn trim_owned(mut text: String) -> String {
    text.truncate(text.trim_end_matches(is_xml_whitespace).len());
    let leading = text.len() - text.trim_start_matches(is_xml_whitespace).len();
    text.drain(..leading);
    text
}

impl Deref for Element<'_> {
    type Target = ElementData;

    fn deref(&self) -> &ElementData {
        self.data()
    }
}

impl fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Element")
            .field("id", &self.id)
            .field("name", &self.name())
            .field("range", &self.range())
            .finish()
    }
}

impl ElementData {
    /// From `<` of the start tag to the end of the end tag (or of the content when unclosed).
    pub fn range(&self) -> TextRange {
        let end = match &self.end_tag {
            Some(end_tag) => end_tag.range.end,
            None if self.self_closing => self.start_tag.end,
            None => self.content.end.max(self.start_tag.end),
        };
        TextRange::new(self.start_tag.start, end)
    }

    pub fn attribute(&self, name: &str) -> Option<&AttributeData> {
        self.attributes
            .iter()
            .find(|attribute| attribute.name == name)
    }

    /// The part of the name after any `prefix:`.
    pub fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// Whether the element is complete: its start tag has its `>`, and it is self-closing or
    /// has an end tag with its `>`.
    pub fn is_finished(&self) -> bool {
        self.start_tag_closed
            && (self.self_closing || self.end_tag.as_ref().is_some_and(|end_tag| end_tag.closed))
    }

    /// Whether the element has element children (as opposed to only text).
    pub fn has_child_elements(&self) -> bool {
        self.children
            .iter()
            .any(|node| matches!(node, Node::Element(_)))
    }
}

impl EndTag {
    pub fn range(self) -> TextRange {
        self.range
    }

    pub fn name_range(self) -> TextRange {
        self.name_range
    }

    /// Whether the end tag has its closing `>`.
    pub fn closed(self) -> bool {
        self.closed
    }
}

impl<'d> Attribute<'d> {
    /// The qualified name as written, e.g. `xmlns`, `xmlns:xsi`, `xsi:nil`.
    pub fn name(self) -> &'d str {
        self.data.name_range.slice(&self.document.text)
    }

    pub fn name_range(self) -> TextRange {
        self.data.name_range
    }

    /// The value with references expanded and line ends normalised to `\n`.
    pub fn value(self) -> Cow<'d, str> {
        self.document.decoded(self.data.value_range)
    }

    /// The raw value between the quotes (an empty range after `=` when the value is missing).
    pub fn value_range(self) -> TextRange {
        self.data.value_range
    }

    /// The whole attribute, name to closing quote.
    pub fn range(self) -> TextRange {
        self.data.range
    }
}

impl Deref for Attribute<'_> {
    type Target = AttributeData;

    fn deref(&self) -> &AttributeData {
        self.data
    }
}

impl fmt::Debug for Attribute<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attribute")
            .field("name", &self.name())
            .field("value", &self.value())
            .field("range", &self.range())
            .finish()
    }
}

impl Text {
    /// The raw text.
    pub fn range(&self) -> TextRange {
        self.range
    }

    /// The text with references expanded and line ends normalised to `\n` (as an XML
    /// processor does).
    pub fn value<'d>(&self, document: &'d Document) -> Cow<'d, str> {
        document.decoded(self.range)
    }
}

impl Comment {
    /// From `<!--` to `-->` (or to where an unterminated comment stops).
    pub fn range(&self) -> TextRange {
        self.range
    }

    /// The text between the delimiters.
    pub fn content(&self) -> TextRange {
        self.content
    }
}

impl CData {
    /// From `<![CDATA[` to `]]>`.
    pub fn range(&self) -> TextRange {
        self.range
    }

    /// The text between the delimiters, taken literally.
    pub fn content(&self) -> TextRange {
        self.content
    }

    /// The content with line ends normalised to `\n`, nothing else changed.
    pub fn value<'d>(&self, document: &'d Document) -> Cow<'d, str> {
        normalize_line_ends(self.content.slice(&document.text))
    }
}

impl ProcessingInstruction {
    pub fn range(&self) -> TextRange {
        self.range
    }

    /// The name after `<?`.
    pub fn target<'d>(&self, document: &'d Document) -> &'d str {
        let bytes = document.text.as_bytes();
        let start = (self.range.start + 2).min(self.range.end);
        TextRange::new(start, name_end(bytes, start, self.range.end)).slice(&document.text)
    }
}

impl Declaration {
    pub fn range(&self) -> TextRange {
        self.range
    }
}
