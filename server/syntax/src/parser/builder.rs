//! Builds the tree from tokens and decides how to recover when tags do not pair up: which
//! element an end tag closes, what counts as unclosed, what lies outside the root.

use crate::parser::references::push_normalized_line_ends;
use crate::parser::scan::{skip_whitespace, snippet, trim_whitespace_back};
use crate::parser::{MAX_DEPTH, MAX_ELEMENTS};
use crate::{
    AttributeData, Document, ElementData, ElementId, EndTag, Node, SyntaxError, SyntaxErrorKind,
    Text, TextRange,
};

/// A start tag as the tokenizer found it.
pub(crate) struct StartTagToken {
    pub(crate) name: String,
    pub(crate) name_range: TextRange,
    pub(crate) range: TextRange,
    pub(crate) closed: bool,
    pub(crate) self_closing: bool,
    pub(crate) attributes: Vec<AttributeData>,
}

/// An end tag with a name as the tokenizer found it.
pub(crate) struct EndTagToken<'t> {
    pub(crate) name: &'t str,
    pub(crate) name_range: TextRange,
    pub(crate) range: TextRange,
    pub(crate) closed: bool,
}

/// Returned when an element would pass a limit; the element is not added.
pub(crate) enum LimitReached {
    /// It would nest deeper than [`MAX_DEPTH`].
    Depth,
    /// The document already holds [`MAX_ELEMENTS`] elements.
    Elements,
}

pub(crate) struct TreeBuilder<'t> {
    text: &'t str,
    pub(crate) document: Document,
    pub(crate) errors: Vec<SyntaxError>,
    stack: Vec<OpenElement>,
    /// Top-level elements whose start tag has no `>` (see [`OpenElement::half_typed_children`]).
    top_level_half_typed: Vec<ElementId>,
    pending_text: Option<Text>,
    second_root_reported: bool,
}

struct OpenElement {
    id: ElementId,
    /// Children whose start tag has no `>`. Such an element is never opened (a half-typed
    /// `<guestJwt` is a sibling of what follows, not its parent), but if its end tag does
    /// come, that end tag is accepted silently: its only mistake, the missing `>`, was
    /// already reported.
    half_typed_children: Vec<ElementId>,
    /// An end-tag problem inside this element was already reported, so its being unclosed
    /// is a consequence, not another mistake.
    problem_reported_inside: bool,
    /// Kept here rather than searched for, so that many stray end tags after many comments
    /// stay linear.
    has_element_children: bool,
}

impl<'t> TreeBuilder<'t> {
    pub(crate) fn new(
        text: &'t str,
        document: Document,
        errors: Vec<SyntaxError>,
    ) -> TreeBuilder<'t> {
        TreeBuilder {
            text,
            document,
            errors,
            stack: Vec::new(),
            top_level_half_typed: Vec::new(),
            pending_text: None,
            second_root_reported: false,
        }
    }

    pub(crate) fn error(&mut self, range: TextRange, kind: SyntaxErrorKind, message: String) {
        self.errors.push(SyntaxError {
            range,
            kind,
            message,
        });
    }

    pub(crate) fn is_at_top_level(&self) -> bool {
        self.stack.is_empty()
    }

    /// The innermost open element's name, for messages.
    pub(crate) fn open_element_name(&self) -> Option<&str> {
        self.stack
            .last()
            .map(|open| self.document.elements[open.id.index()].name.as_str())
    }

    /// Records that a problem inside the innermost open element was reported (a nameless
    /// `</` there), so that its being unclosed is not reported again: completing the `</`
    /// fixes both.
    pub(crate) fn note_problem_in_open_element(&mut self) {
        if let Some(open) = self.stack.last_mut() {
            open.problem_reported_inside = true;
        }
    }

    /// Adds raw character data `text[start..end]` to the text being collected; `expand`
    /// appends its value.
    pub(crate) fn extend_text(
        &mut self,
        start: usize,
        end: usize,
        expand: impl FnOnce(&mut String),
    ) {
        let pending = self.pending_text.get_or_insert_with(|| Text {
            range: TextRange::empty(start),
            // Most text is one piece whose value is no longer than its raw form, so this is
            // the only allocation it needs.
            value: String::with_capacity(end - start),
        });
        pending.range = TextRange::new(pending.range.start, end);
        expand(&mut pending.value);
    }

    /// Adds `text[start..end]` verbatim (line ends normalised) to the collected text.
    pub(crate) fn extend_text_verbatim(&mut self, start: usize, end: usize) {
        let raw = &self.text[start..end];
        self.extend_text(start, end, |value| push_normalized_line_ends(value, raw));
    }

    /// Ends the text being collected, so that the next node comes after it.
    pub(crate) fn flush_text(&mut self) {
        let Some(text) = self.pending_text.take() else {
            return;
        };
        if self.stack.is_empty() {
            let bytes = self.text.as_bytes();
            let start = skip_whitespace(bytes, text.range.start, text.range.end);
            let end = trim_whitespace_back(bytes, start, text.range.end);
            if start < end {
                self.error(
                    TextRange::new(start, end),
                    SyntaxErrorKind::TextOutsideRoot,
                    format!(
                        "text `{}` outside the root element: only comments and processing \
                         instructions may stand there",
                        snippet(&self.text[start..end], 40)
                    ),
                );
            }
        }
        self.push_node(Node::Text(text));
    }

    /// Adds a comment, CDATA section or processing instruction where the parser is, after
    /// the text collected so far.
    pub(crate) fn add_node(&mut self, node: Node) {
        self.flush_text();
        self.push_node(node);
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last() {
            Some(open) => {
                let id = open.id;
                self.document.elements[id.index()].children.push(node);
            }
            None => self.document.top_level.push(node),
        }
    }

    /// Adds an element for `tag`; it stays open (takes the following nodes as children) when
    /// its start tag is complete, it has a name and it is not self-closing.
    pub(crate) fn open_element(&mut self, tag: StartTagToken) -> Result<(), LimitReached> {
        self.flush_text();
        let depth = self.stack.len();
        if depth >= MAX_DEPTH {
            return Err(LimitReached::Depth);
        }
        if self.document.elements.len() >= MAX_ELEMENTS {
            return Err(LimitReached::Elements);
        }
        let id = ElementId(self.document.elements.len() as u32);
        let parent = self.stack.last().map(|open| open.id);
        if parent.is_none() {
            match self.document.root {
                None => self.document.root = Some(id),
                Some(root) if !self.second_root_reported => {
                    self.second_root_reported = true;
                    let root_name = &self.document.elements[root.index()].name;
                    let message = format!(
                        "a second root element `<{}>`: a document has exactly one root \
                         element, here `<{root_name}>`",
                        tag.name
                    );
                    self.error(tag.range, SyntaxErrorKind::SecondRoot, message);
                }
                Some(_) => {}
            }
        }
        let stays_open = tag.closed && !tag.self_closing && !tag.name.is_empty();
        let half_typed = !tag.closed && !tag.self_closing && !tag.name.is_empty();
        self.document.elements.push(ElementData {
            name: tag.name,
            name_range: tag.name_range,
            start_tag: tag.range,
            start_tag_closed: tag.closed,
            self_closing: tag.self_closing,
            attributes: tag.attributes,
            content: TextRange::empty(tag.range.end),
            end_tag: None,
            children: Vec::new(),
            parent,
            depth: depth as u32,
        });
        self.push_node(Node::Element(id));
        if let Some(open) = self.stack.last_mut() {
            open.has_element_children = true;
        }
        if half_typed {
            match self.stack.last_mut() {
                Some(open) => open.half_typed_children.push(id),
                None => self.top_level_half_typed.push(id),
            }
        }
        if stays_open {
            self.stack.push(OpenElement {
                id,
                half_typed_children: Vec::new(),
                problem_reported_inside: false,
                has_element_children: false,
            });
        }
        Ok(())
    }

    /// Closes the element `end_tag` belongs to, recovering when it does not match.
    ///
    /// - It matches the innermost open element: close it.
    /// - It matches an outer open element: the ones in between were never closed; each is
    ///   reported and closed where this end tag starts.
    /// - It matches a half-typed sibling (start tag without `>`): already reported, ignore.
    /// - It matches nothing and the innermost open element has no child elements: most likely
    ///   a misspelt end tag (`<a>1</b>`), so it closes that element with one error.
    /// - Otherwise it is a stray end tag: reported and ignored.
    pub(crate) fn close_element(&mut self, end_tag: EndTagToken<'_>) {
        self.flush_text();
        let name = end_tag.name;
        let matching = self
            .stack
            .iter()
            .rposition(|open| self.document.elements[open.id.index()].name == name);
        if let Some(position) = matching {
            while self.stack.len() > position + 1 {
                self.close_implicitly(end_tag.range.start, Some(name));
            }
            if let Some(open) = self.stack.pop() {
                self.set_end_tag(open.id, end_tag);
            }
            return;
        }
        let half_typed = match self.stack.last_mut() {
            Some(open) => &mut open.half_typed_children,
            None => &mut self.top_level_half_typed,
        };
        let elements = &self.document.elements;
        if let Some(index) = half_typed
            .iter()
            .position(|id| elements[id.index()].name == name)
        {
            half_typed.remove(index);
            return;
        }
        let Some(open) = self.stack.last_mut() else {
            self.error(
                end_tag.range,
                SyntaxErrorKind::UnexpectedEndTag,
                format!("`</{name}>` has no matching start tag"),
            );
            return;
        };
        let open_id = open.id;
        let open_name = self.document.elements[open_id.index()].name.clone();
        if open.has_element_children {
            open.problem_reported_inside = true;
            self.error(
                end_tag.range,
                SyntaxErrorKind::UnexpectedEndTag,
                format!("`</{name}>` has no matching start tag: expected `</{open_name}>`"),
            );
            return;
        }
        self.error(
            end_tag.range,
            SyntaxErrorKind::MismatchedEndTag,
            format!("`</{name}>` does not match the open element `<{open_name}>`"),
        );
        self.stack.pop();
        self.set_end_tag(open_id, end_tag);
    }

    /// Closes every open element at `end` (the end of the text, or where parsing stopped);
    /// `report_unclosed` is false when the reason was already reported.
    pub(crate) fn finish(
        mut self,
        end: usize,
        report_unclosed: bool,
    ) -> (Document, Vec<SyntaxError>) {
        self.flush_text();
        while !self.stack.is_empty() {
            if report_unclosed {
                self.close_implicitly(end, None);
            } else if let Some(open) = self.stack.pop() {
                self.document.elements[open.id.index()].content.end = end;
            }
        }
        // The tree lives as long as the file is open: give back what growing the lists
        // reserved (a field's one text child would otherwise hold room for four).
        for element in &mut self.document.elements {
            element.children.shrink_to_fit();
        }
        self.document.elements.shrink_to_fit();
        self.document.top_level.shrink_to_fit();
        if self.document.root.is_none() {
            let start = if self.text.starts_with('\u{FEFF}') {
                3
            } else {
                0
            };
            self.error(
                TextRange::empty(start),
                SyntaxErrorKind::MissingRoot,
                "the file has no root element".to_string(),
            );
        }
        (self.document, self.errors)
    }

    /// Pops the innermost open element, ending its content at `at`, and reports it unclosed.
    /// `before` names the end tag that closed it, `None` for the end of the file.
    ///
    /// An element that holds text before its first child element (`<label>Portal` and then
    /// the next field, its end tag never typed) ends where that child starts: metadata never
    /// mixes text and elements, so the child and what follows are its siblings, and stay
    /// checked as such.
    fn close_implicitly(&mut self, at: usize, before: Option<&str>) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let parent = self.stack.last().map(|outer| outer.id);
        let split = parent.and(self.first_child_after_text(open.id));
        let mut content_end = at;
        if let (Some(parent), Some(split)) = (parent, split) {
            content_end = self.hand_children_to_parent(&open, split, parent);
        }
        let element = &mut self.document.elements[open.id.index()];
        element.content.end = content_end;
        if open.problem_reported_inside {
            return;
        }
        let name = &element.name;
        let message = match before {
            Some(outer) => {
                format!("`<{name}>` is never closed: expected `</{name}>` before `</{outer}>`")
            }
            None => format!(
                "`<{name}>` is never closed: expected `</{name}>` before the end of the file"
            ),
        };
        let range = element.start_tag;
        self.error(range, SyntaxErrorKind::UnclosedElement, message);
    }

    /// The index among `id`'s children of its first child element, when text that is not
    /// blank comes before it.
    fn first_child_after_text(&self, id: ElementId) -> Option<usize> {
        let children = &self.document.elements[id.index()].children;
        let first_element = children
            .iter()
            .position(|node| matches!(node, Node::Element(_)))?;
        children[..first_element]
            .iter()
            .any(|node| matches!(node, Node::Text(text) if !text.value.trim().is_empty()))
            .then_some(first_element)
    }

    /// Moves the children of `open` from index `split` on to `parent` (the next open element
    /// out), one level shallower; returns where the moved part starts.
    fn hand_children_to_parent(
        &mut self,
        open: &OpenElement,
        split: usize,
        parent: ElementId,
    ) -> usize {
        let moved = self.document.elements[open.id.index()]
            .children
            .split_off(split);
        let start = match moved.first() {
            Some(Node::Element(first)) => self.document.elements[first.index()].start_tag.start,
            _ => self.document.elements[open.id.index()].content.end,
        };
        let mut pending: Vec<ElementId> = Vec::new();
        for node in &moved {
            if let Node::Element(child) = node {
                self.document.elements[child.index()].parent = Some(parent);
                pending.push(*child);
            }
        }
        while let Some(id) = pending.pop() {
            let element = &mut self.document.elements[id.index()];
            element.depth = element.depth.saturating_sub(1);
            pending.extend(element.children.iter().filter_map(|node| match node {
                Node::Element(child) => Some(*child),
                _ => None,
            }));
        }
        let moved_half_typed: Vec<ElementId> = open
            .half_typed_children
            .iter()
            .copied()
            .filter(|id| self.document.elements[id.index()].parent == Some(parent))
            .collect();
        if let Some(outer) = self.stack.last_mut() {
            outer.has_element_children = true;
            outer.half_typed_children.extend(moved_half_typed);
        }
        self.document.elements[parent.index()]
            .children
            .extend(moved);
        start
    }

    fn set_end_tag(&mut self, id: ElementId, end_tag: EndTagToken<'_>) {
        let element = &mut self.document.elements[id.index()];
        element.content.end = end_tag.range.start;
        element.end_tag = Some(EndTag {
            range: end_tag.range,
            name_range: end_tag.name_range,
            closed: end_tag.closed,
        });
    }
}
