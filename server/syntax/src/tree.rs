//! The syntax tree: one arena per file of elements in document order, their children and their
//! attributes, holding 32-bit offsets into the file's text and nothing else.
//!
//! Read it through its methods: [`Document::element`] gives an [`Element`], whose name,
//! attributes and text come out as slices of the file's text (`&str`, or a `Cow` where a
//! reference had to be expanded or a line end normalised, which is decided when parsing).
//! Nothing is allocated per element: a document is four vectors and the shared text.

use std::borrow::Cow;
use std::fmt;

use crate::parser::references::{decode, normalize_line_ends};
use crate::parser::scan::{name_end, trim_xml_whitespace};
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
/// Elements are numbered in document (pre-)order, so an element's descendants follow it
/// directly and element 0 is the first element of the file. [`Document::top_level`] holds, in
/// order, everything outside any element: the root, comments, processing instructions, stray
/// text and any further (erroneous) top-level elements.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The text the tree was parsed from.
    text: SourceText,
    /// Merge-conflict marker lines, which the parser read as spaces: values read across them
    /// see spaces too.
    pub(crate) blanked: Vec<TextRange>,
    declaration: Option<Declaration>,
    pub(crate) elements: Vec<ElementData>,
    /// The children of every element, each element's in one run, and the top-level nodes.
    pub(crate) nodes: Vec<Node>,
    /// The attributes of every element, each element's in one run.
    pub(crate) attributes: Vec<AttributeData>,
    pub(crate) top_level: Run,
    /// The first top-level element, if there is one.
    pub(crate) root: Option<ElementId>,
}

/// One element of a [`Document`]: a small copyable handle from which its name, ranges,
/// attributes, children and text value are read.
#[derive(Clone, Copy)]
pub struct Element<'d> {
    document: &'d Document,
    id: ElementId,
}

/// A child of an element, or a top-level item of the document: 12 bytes, copyable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Element(ElementId),
    Text(Text),
    Comment(Comment),
    CData(CData),
    ProcessingInstruction(ProcessingInstruction),
}

/// Offsets `start..end` into the text, 32 bits each (files are capped far below 4 GiB).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// A run of entries in one of the document's arenas: `start..start + length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Run {
    pub(crate) start: u32,
    pub(crate) length: u32,
}

/// `NO_PARENT` in [`ElementData::parent`]: a top-level element.
const NO_PARENT: u32 = u32::MAX;

/// How one element is stored: offsets and runs only. The name starts right after the `<`, the
/// content right after the start tag, and an end tag's name right after its `</`, so those are
/// not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ElementData {
    /// The `<` of the start tag.
    pub(crate) start: u32,
    pub(crate) name_end: u32,
    pub(crate) start_tag_end: u32,
    /// Where the content ends: at the end tag's `<` when there is one.
    pub(crate) content_end: u32,
    /// The end tag's end and its name's end (both 0 without an end tag).
    pub(crate) end_tag_end: u32,
    pub(crate) end_tag_name_end: u32,
    /// [`NO_PARENT`] for top-level elements.
    pub(crate) parent: u32,
    pub(crate) children: Run,
    pub(crate) attributes: Run,
    pub(crate) depth: u16,
    pub(crate) flags: u8,
}

/// [`ElementData::flags`].
pub(crate) const START_TAG_CLOSED: u8 = 1;
pub(crate) const SELF_CLOSING: u8 = 2;
pub(crate) const HAS_END_TAG: u8 = 4;
pub(crate) const END_TAG_CLOSED: u8 = 8;
/// The name holds a `:`: asked for every element by the checks, so noted while parsing.
pub(crate) const PREFIXED: u8 = 16;

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

/// How one attribute is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttributeData {
    pub(crate) name: Span,
    /// The raw value between the quotes.
    pub(crate) value: Span,
    /// Where the whole attribute ends (it starts with its name).
    pub(crate) end: u32,
    /// Whether the value holds a reference, a carriage return or a blanked line.
    pub(crate) decode: bool,
}

/// The high bit of a node's end offset: a flag (offsets stay far below 2³¹).
const FLAG: u32 = 1 << 31;

/// Character data between tags.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Text {
    start: u32,
    /// The end, with [`FLAG`] set when the value needs decoding.
    end_and_decode: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    start: u32,
    /// The end, with [`FLAG`] set when the comment has its `-->`.
    end_and_closed: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CData {
    start: u32,
    /// The end, with [`FLAG`] set when the section has its `]]>`.
    end_and_closed: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ProcessingInstruction {
    span: Span,
}

/// `<?xml version="1.0" encoding="UTF-8"?>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    span: Span,
    version: Option<Span>,
    encoding: Option<Span>,
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

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end && end < FLAG as usize);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub(crate) fn range(self) -> TextRange {
        TextRange::new(self.start as usize, self.end as usize)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<TextRange> for Span {
    fn from(range: TextRange) -> Span {
        Span::new(range.start, range.end)
    }
}

impl Run {
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.length) as usize
    }
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

    pub(crate) fn set_declaration(&mut self, declaration: Declaration) {
        self.declaration = Some(declaration);
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
        &self.nodes[self.top_level.range()]
    }

    /// How many elements the document holds.
    pub fn element_count(&self) -> usize {
        self.elements.len()
    }

    /// The element `id` of this document (panics for an id of another, larger document).
    pub fn element(&self, id: ElementId) -> Element<'_> {
        assert!(
            id.index() < self.elements.len(),
            "{id:?} is not in this document"
        );
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
        let prefix = self.element(id).prefix();
        let declares = |attribute: &Attribute<'_>| {
            let attribute_name = attribute.name();
            match prefix {
                Some(prefix) => attribute_name
                    .strip_prefix("xmlns:")
                    .is_some_and(|declared| declared == prefix),
                None => attribute_name == "xmlns",
            }
        };
        let mut current = Some(id);
        while let Some(at) = current {
            let element = self.element(at);
            if let Some(attribute) = element.attributes().find(declares) {
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
        let mut candidates: &[Node] = self.top_level();
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

    /// How many bytes the tree takes besides the text: the arenas as allocated.
    pub fn heap_size(&self) -> usize {
        self.elements.capacity() * size_of::<ElementData>()
            + self.nodes.capacity() * size_of::<Node>()
            + self.attributes.capacity() * size_of::<AttributeData>()
            + self.blanked.capacity() * size_of::<TextRange>()
    }

    fn slice(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
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
            .field("top_level", &self.top_level())
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

    fn has(self, flag: u8) -> bool {
        self.data().flags & flag != 0
    }

    /// The name exactly as written, prefix included (`xsi:nil` style names keep their prefix).
    /// Empty for a bare `<` that was never given a name.
    pub fn name(self) -> &'d str {
        self.document.slice(self.data().name())
    }

    /// The part of the name after any `prefix:`.
    pub fn local_name(self) -> &'d str {
        let name = self.name();
        if !self.has(PREFIXED) {
            return name;
        }
        match name.bytes().rposition(|byte| byte == b':') {
            Some(colon) => &name[colon + 1..],
            None => name,
        }
    }

    /// The part of the name before its first `:`, when it has one.
    pub fn prefix(self) -> Option<&'d str> {
        if !self.has(PREFIXED) {
            return None;
        }
        let name = self.name();
        name.bytes()
            .position(|byte| byte == b':')
            .map(|colon| &name[..colon])
    }

    pub fn name_range(self) -> TextRange {
        self.data().name().range()
    }

    /// From `<` to the `>` (or `/>`) of the start tag; for a start tag missing its `>`, up to
    /// where the tag stops (the end of its name or last attribute).
    pub fn start_tag(self) -> TextRange {
        let data = self.data();
        TextRange::new(data.start as usize, data.start_tag_end as usize)
    }

    /// Whether the start tag has its closing `>`.
    pub fn start_tag_closed(self) -> bool {
        self.has(START_TAG_CLOSED)
    }

    /// `<name/>`.
    pub fn self_closing(self) -> bool {
        self.has(SELF_CLOSING)
    }

    /// Between the end of the start tag and the start of the end tag. For a self-closing
    /// element, an empty range at the end of the start tag; for an unclosed element, up to
    /// where the parser closed it implicitly.
    pub fn content(self) -> TextRange {
        let data = self.data();
        TextRange::new(data.start_tag_end as usize, data.content_end as usize)
    }

    /// `None` for self-closing and for unclosed elements.
    pub fn end_tag(self) -> Option<EndTag> {
        let data = self.data();
        self.has(HAS_END_TAG).then(|| EndTag {
            range: TextRange::new(data.content_end as usize, data.end_tag_end as usize),
            name_range: TextRange::new(
                data.content_end as usize + 2,
                data.end_tag_name_end as usize,
            ),
            closed: self.has(END_TAG_CLOSED),
        })
    }

    pub fn parent(self) -> Option<ElementId> {
        let parent = self.data().parent;
        (parent != NO_PARENT).then_some(ElementId(parent))
    }

    /// 0 for top-level elements.
    pub fn depth(self) -> u32 {
        u32::from(self.data().depth)
    }

    /// From `<` of the start tag to the end of the end tag (or of the content when unclosed).
    pub fn range(self) -> TextRange {
        let data = self.data();
        let end = if self.has(HAS_END_TAG) {
            data.end_tag_end
        } else if self.has(SELF_CLOSING) {
            data.start_tag_end
        } else {
            data.content_end.max(data.start_tag_end)
        };
        TextRange::new(data.start as usize, end as usize)
    }

    /// Whether the element is complete: its start tag has its `>`, and it is self-closing or
    /// has an end tag with its `>`.
    pub fn is_finished(self) -> bool {
        self.has(START_TAG_CLOSED) && (self.has(SELF_CLOSING) || self.has(END_TAG_CLOSED))
    }

    /// Whether the element has element children (as opposed to only text).
    pub fn has_child_elements(self) -> bool {
        self.children()
            .iter()
            .any(|node| matches!(node, Node::Element(_)))
    }

    /// Its children, in order: elements, text, comments, CDATA sections, processing
    /// instructions.
    pub fn children(self) -> &'d [Node] {
        &self.document.nodes[self.data().children.range()]
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
        let wanted = name.as_bytes();
        let text = document.text.as_bytes();
        // As bytes, lengths first: most children's names differ in length from the one
        // asked for, and neither test slices the text as a `str` (which checks that both ends
        // fall on character boundaries). The rules ask for fields by name thousands of times.
        self.child_elements().find(|child| {
            let span = document.elements[child.index()].name();
            (span.end - span.start) as usize == wanted.len()
                && &text[span.start as usize..span.end as usize] == wanted
        })
    }

    /// Its attributes, in order.
    pub fn attributes(self) -> impl ExactSizeIterator<Item = Attribute<'d>> + 'd {
        let document = self.document;
        document.attributes[self.data().attributes.range()]
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
            let blank = trim_xml_whitespace(&piece).is_empty();
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
            let trimmed = trim_xml_whitespace(raw);
            let leading = trimmed.as_ptr() as usize - raw.as_ptr() as usize;
            raw_start.get_or_insert(range.start + leading);
            raw_end = Some(range.start + leading + trimmed.len());
        }
        let range = match (raw_start, raw_end) {
            (Some(start), Some(end)) if start <= end => TextRange::new(start, end),
            _ => TextRange::empty(self.content().start),
        };
        let value = match (joined, single) {
            (Some(joined), _) => Cow::Owned(trim_owned(joined)),
            (None, Some(Cow::Borrowed(piece))) => Cow::Borrowed(trim_xml_whitespace(piece)),
            (None, Some(Cow::Owned(piece))) => Cow::Owned(trim_owned(piece)),
            (None, None) => Cow::Borrowed(""),
        };
        TextValue { value, range }
    }
}

/// `text` with outer XML whitespace removed, in place.
fn trim_owned(mut text: String) -> String {
    let trimmed = trim_xml_whitespace(&text);
    let leading = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    let end = leading + trimmed.len();
    text.truncate(end);
    text.drain(..leading);
    text
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
    pub(crate) fn name(&self) -> Span {
        Span {
            start: self.start + 1,
            end: self.name_end,
        }
    }

    pub(crate) fn parent(&self) -> Option<ElementId> {
        (self.parent != NO_PARENT).then_some(ElementId(self.parent))
    }

    pub(crate) fn set_parent(&mut self, parent: Option<ElementId>) {
        self.parent = parent.map_or(NO_PARENT, |id| id.0);
    }

    /// This element with every offset into the text passed through `shift` (an absent end tag's
    /// zeros stay zero); its parent and runs unchanged.
    pub(crate) fn shifted(&self, shift: &impl Fn(u32) -> u32) -> ElementData {
        let mut data = self.clone();
        data.start = shift(data.start);
        data.name_end = shift(data.name_end);
        data.start_tag_end = shift(data.start_tag_end);
        data.content_end = shift(data.content_end);
        if data.end_tag_end != 0 {
            data.end_tag_end = shift(data.end_tag_end);
            data.end_tag_name_end = shift(data.end_tag_name_end);
        }
        data
    }
}

impl AttributeData {
    /// This attribute with every offset into the text passed through `shift`.
    pub(crate) fn shifted(&self, shift: &impl Fn(u32) -> u32) -> AttributeData {
        AttributeData {
            name: Span {
                start: shift(self.name.start),
                end: shift(self.name.end),
            },
            value: Span {
                start: shift(self.value.start),
                end: shift(self.value.end),
            },
            end: shift(self.end),
            decode: self.decode,
        }
    }
}

impl<'d> Attribute<'d> {
    /// The qualified name as written, e.g. `xmlns`, `xmlns:xsi`, `xsi:nil`.
    pub fn name(self) -> &'d str {
        self.document.slice(self.data.name)
    }

    pub fn name_range(self) -> TextRange {
        self.data.name.range()
    }

    /// The value with references expanded and line ends normalised to `\n`.
    pub fn value(self) -> Cow<'d, str> {
        if self.data.decode {
            return self.document.decoded(self.data.value.range());
        }
        Cow::Borrowed(self.document.slice(self.data.value))
    }

    /// The raw value between the quotes (an empty range after `=` when the value is missing).
    pub fn value_range(self) -> TextRange {
        self.data.value.range()
    }

    /// The whole attribute, name to closing quote.
    pub fn range(self) -> TextRange {
        TextRange::new(self.data.name.start as usize, self.data.end as usize)
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

impl AttributeData {
    pub(crate) fn new(name: TextRange, value: TextRange, end: usize, decode: bool) -> Self {
        AttributeData {
            name: name.into(),
            value: value.into(),
            end: end as u32,
            decode,
        }
    }
}

impl Node {
    /// The same node with every offset passed through `shift` (flags kept).
    pub(crate) fn shifted(&self, shift: &impl Fn(u32) -> u32) -> Node {
        let flagged = |end_and_flag: u32| shift(end_and_flag & !FLAG) | (end_and_flag & FLAG);
        match *self {
            Node::Element(id) => Node::Element(id),
            Node::Text(text) => Node::Text(Text {
                start: shift(text.start),
                end_and_decode: flagged(text.end_and_decode),
            }),
            Node::Comment(comment) => Node::Comment(Comment {
                start: shift(comment.start),
                end_and_closed: flagged(comment.end_and_closed),
            }),
            Node::CData(cdata) => Node::CData(CData {
                start: shift(cdata.start),
                end_and_closed: flagged(cdata.end_and_closed),
            }),
            Node::ProcessingInstruction(instruction) => {
                Node::ProcessingInstruction(ProcessingInstruction {
                    span: Span {
                        start: shift(instruction.span.start),
                        end: shift(instruction.span.end),
                    },
                })
            }
        }
    }
}

/// A span whose end carries a flag in its high bit.
fn flagged_end(end: usize, flag: bool) -> u32 {
    debug_assert!(end < FLAG as usize);
    end as u32 | if flag { FLAG } else { 0 }
}

fn end_of(flagged: u32) -> usize {
    (flagged & !FLAG) as usize
}

impl Text {
    pub(crate) fn new(range: TextRange, decode: bool) -> Text {
        Text {
            start: range.start as u32,
            end_and_decode: flagged_end(range.end, decode),
        }
    }

    /// The raw text.
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start as usize, end_of(self.end_and_decode))
    }

    /// The text with references expanded and line ends normalised to `\n` (as an XML
    /// processor does).
    pub fn value<'d>(&self, document: &'d Document) -> Cow<'d, str> {
        if self.end_and_decode & FLAG != 0 {
            return document.decoded(self.range());
        }
        Cow::Borrowed(self.range().slice(&document.text))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Text({:?})", self.range())
    }
}

impl Comment {
    pub(crate) fn new(range: TextRange, closed: bool) -> Comment {
        Comment {
            start: range.start as u32,
            end_and_closed: flagged_end(range.end, closed),
        }
    }

    /// From `<!--` to `-->` (or to where an unterminated comment stops).
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start as usize, end_of(self.end_and_closed))
    }

    /// The text between the delimiters.
    pub fn content(&self) -> TextRange {
        delimited(self.range(), 4, self.end_and_closed & FLAG != 0, 3)
    }
}

impl fmt::Debug for Comment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Comment({:?})", self.range())
    }
}

impl CData {
    pub(crate) fn new(range: TextRange, closed: bool) -> CData {
        CData {
            start: range.start as u32,
            end_and_closed: flagged_end(range.end, closed),
        }
    }

    /// From `<![CDATA[` to `]]>`.
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start as usize, end_of(self.end_and_closed))
    }

    /// The text between the delimiters, taken literally.
    pub fn content(&self) -> TextRange {
        delimited(self.range(), 9, self.end_and_closed & FLAG != 0, 3)
    }

    /// The content with line ends normalised to `\n`, nothing else changed.
    pub fn value<'d>(&self, document: &'d Document) -> Cow<'d, str> {
        normalize_line_ends(self.content().slice(&document.text))
    }
}

impl fmt::Debug for CData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CData({:?})", self.range())
    }
}

/// What lies between an opening delimiter of `open` bytes and, when `closed`, a closing one of
/// `close` bytes.
fn delimited(range: TextRange, open: usize, closed: bool, close: usize) -> TextRange {
    let end = if closed { range.end - close } else { range.end };
    TextRange::new((range.start + open).min(end), end)
}

impl ProcessingInstruction {
    pub(crate) fn new(range: TextRange) -> ProcessingInstruction {
        ProcessingInstruction { span: range.into() }
    }

    pub fn range(&self) -> TextRange {
        self.span.range()
    }

    /// The name after `<?`.
    pub fn target<'d>(&self, document: &'d Document) -> &'d str {
        let range = self.range();
        let start = (range.start + 2).min(range.end);
        let end = name_end(document.text.as_bytes(), start, range.end);
        TextRange::new(start, end).slice(&document.text)
    }
}

impl fmt::Debug for ProcessingInstruction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProcessingInstruction({:?})", self.range())
    }
}

impl Declaration {
    /// The same declaration with every offset passed through `shift`.
    pub(crate) fn shifted(&self, shift: &impl Fn(u32) -> u32) -> Declaration {
        let shift_span = |span: Span| Span {
            start: shift(span.start),
            end: shift(span.end),
        };
        Declaration {
            span: shift_span(self.span),
            version: self.version.map(shift_span),
            encoding: self.encoding.map(shift_span),
        }
    }

    pub(crate) fn new(
        range: TextRange,
        version: Option<TextRange>,
        encoding: Option<TextRange>,
    ) -> Declaration {
        Declaration {
            span: range.into(),
            version: version.map(Span::from),
            encoding: encoding.map(Span::from),
        }
    }

    pub fn range(&self) -> TextRange {
        self.span.range()
    }

    /// The `version` value.
    pub fn version<'d>(&self, document: &'d Document) -> Option<Cow<'d, str>> {
        self.version.map(|span| document.decoded(span.range()))
    }

    /// The `encoding` value.
    pub fn encoding<'d>(&self, document: &'d Document) -> Option<Cow<'d, str>> {
        self.encoding.map(|span| document.decoded(span.range()))
    }
}
