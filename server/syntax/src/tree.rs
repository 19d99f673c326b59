//! The syntax tree: an arena of elements in document order, with ranges on everything.

use crate::TextRange;
use crate::parser::references::push_normalized_line_ends;
use crate::parser::scan::is_xml_whitespace;

/// Index of an element in [`Document::elements`].
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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub declaration: Option<Declaration>,
    pub top_level: Vec<Node>,
    pub elements: Vec<Element>,
    /// The first top-level element, if there is one.
    pub root: Option<ElementId>,
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

/// One element, however incomplete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
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
    pub attributes: Vec<Attribute>,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndTag {
    pub range: TextRange,
    pub name_range: TextRange,
    /// Whether the end tag has its closing `>`.
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
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
pub struct TextValue {
    /// Text and CDATA children concatenated, references expanded, line ends normalised to
    /// `\n`, outer XML whitespace trimmed.
    pub value: String,
    /// The raw range the trimmed value came from; an empty range at the start of the content
    /// when the element has no text.
    pub range: TextRange,
}

impl Document {
    pub fn element(&self, id: ElementId) -> &Element {
        &self.elements[id.index()]
    }

    pub fn root_element(&self) -> Option<&Element> {
        self.root.map(|id| self.element(id))
    }

    /// Ids of the element children of `id`, in order.
    pub fn child_elements(&self, id: ElementId) -> impl Iterator<Item = ElementId> + '_ {
        self.element(id)
            .children
            .iter()
            .filter_map(|node| match node {
                Node::Element(child) => Some(*child),
                _ => None,
            })
    }

    /// The first child element of `id` named `name`.
    pub fn child_named(&self, id: ElementId, name: &str) -> Option<ElementId> {
        self.child_elements(id)
            .find(|child| self.element(*child).name == name)
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
                        candidates = &element.children;
                        continue 'descend;
                    }
                }
            }
            return found;
        }
    }

    /// The text value of an element: its text and CDATA children, with XML whitespace
    /// (space, tab, CR, LF) trimmed from both ends. Child elements are ignored; use this on
    /// simple (leaf) fields.
    pub fn text_value(&self, id: ElementId, text: &str) -> TextValue {
        let element = self.element(id);
        let mut value = String::new();
        let mut raw_start = None;
        let mut raw_end = None;
        for node in &element.children {
            let (piece_start, range) = match node {
                Node::Text(text_node) => {
                    let start = value.len();
                    value.push_str(&text_node.value);
                    (start, text_node.range)
                }
                Node::CData(cdata) => {
                    let start = value.len();
                    push_normalized_line_ends(&mut value, cdata.content.slice(text));
                    (start, cdata.content)
                }
                _ => continue,
            };
            if value[piece_start..]
                .trim_matches(is_xml_whitespace)
                .is_empty()
            {
                continue;
            }
            // Whitespace in the raw text is literal, so trimming it there finds where the
            // trimmed value starts and ends.
            let raw = range.slice(text);
            let leading = raw.len() - raw.trim_start_matches(is_xml_whitespace).len();
            let trailing = raw.len() - raw.trim_end_matches(is_xml_whitespace).len();
            raw_start.get_or_insert(range.start + leading);
            raw_end = Some(range.end - trailing);
        }
        let range = match (raw_start, raw_end) {
            (Some(start), Some(end)) if start <= end => TextRange::new(start, end),
            _ => TextRange::empty(element.content.start),
        };
        // Trimmed in place: this runs for every field the checks read, and a second
        // allocation per call showed in profiles of `eca-ls check`.
        value.truncate(value.trim_end_matches(is_xml_whitespace).len());
        let leading = value.len() - value.trim_start_matches(is_xml_whitespace).len();
        value.drain(..leading);
        TextValue { value, range }
    }
}

impl Element {
    /// From `<` of the start tag to the end of the end tag (or of the content when unclosed).
    pub fn range(&self) -> TextRange {
        let end = match &self.end_tag {
            Some(end_tag) => end_tag.range.end,
            None if self.self_closing => self.start_tag.end,
            None => self.content.end.max(self.start_tag.end),
        };
        TextRange::new(self.start_tag.start, end)
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
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
