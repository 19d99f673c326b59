//! Builds the tree from tokens and decides how to recover when tags do not pair up: which
//! element an end tag closes, what counts as unclosed, what lies outside the root.
//!
//! The children of the elements still open wait on one stack, each element's in a run above
//! its parent's; when an element closes, its run moves to the document's node arena in one
//! piece. So every element's children end up contiguous without a list of their own.

use crate::parser::references::decode;
use crate::parser::scan::{skip_whitespace, snippet, trim_whitespace_back};
use crate::parser::{MAX_DEPTH, MAX_ELEMENTS};
use crate::tree::{
    END_TAG_CLOSED, ElementData, HAS_END_TAG, PREFIXED, Run, SELF_CLOSING, START_TAG_CLOSED, Span,
};
use crate::{Document, ElementId, Node, SyntaxError, SyntaxErrorKind, Text, TextRange};

/// A start tag as the tokenizer found it; its attributes are already the last
/// `attribute_count` entries of the document's attribute arena.
pub(crate) struct StartTagToken {
    /// Where the name ends (it starts right after the `<`).
    pub(crate) name_end: usize,
    pub(crate) range: TextRange,
    pub(crate) closed: bool,
    pub(crate) self_closing: bool,
    pub(crate) attribute_count: usize,
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
    /// The children of the open elements, innermost last, above the top-level nodes.
    waiting: Vec<Node>,
    /// Top-level elements whose start tag has no `>` (see [`OpenElement::half_typed_children`]).
    top_level_half_typed: Vec<ElementId>,
    pending_text: Option<PendingText>,
    second_root_reported: bool,
}

/// Character data collected so far, to become one text node.
struct PendingText {
    start: usize,
    end: usize,
    /// A reference or a carriage return was seen: the value differs from the raw text.
    decode: bool,
}

struct OpenElement {
    id: ElementId,
    /// Where its children start in [`TreeBuilder::waiting`].
    children_start: usize,
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
            waiting: Vec::new(),
            top_level_half_typed: Vec::new(),
            pending_text: None,
            second_root_reported: false,
        }
    }

    /// Makes room for a file with `less_thans` `<` characters: about one element per two (its
    /// start and end tags), and three nodes per two — the element itself, and a text node
    /// before each of its tags (the indentation before the start tag, the value or the
    /// indentation before the end tag) — so that the arenas are not regrown and copied. A
    /// typical metadata file of 13 elements has 40 nodes for its 27 `<`.
    pub(crate) fn reserve(&mut self, less_thans: usize) {
        // The arenas are empty here: allocated at their size at once, which costs less than
        // growing empty vectors.
        debug_assert!(self.document.elements.is_empty() && self.document.attributes.is_empty());
        self.document.elements = Vec::with_capacity(less_thans / 2 + 1);
        self.document.nodes = Vec::with_capacity(less_thans + less_thans / 2 + 2);
        // The XML declaration's pseudo-attributes pass through the attribute arena, and the
        // root's `xmlns` stays: few files have more.
        self.document.attributes = Vec::with_capacity(4);
        self.waiting = Vec::with_capacity(64);
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

    pub(crate) fn element_count(&self) -> usize {
        self.document.elements.len()
    }

    /// The name of element `id`.
    fn name(&self, id: ElementId) -> &'t str {
        let span = self.document.elements[id.index()].name();
        &self.text[span.start as usize..span.end as usize]
    }

    /// The innermost open element's name, for messages.
    pub(crate) fn open_element_name(&self) -> Option<&'t str> {
        self.stack.last().map(|open| self.name(open.id))
    }

    /// Records that a problem inside the innermost open element was reported (a nameless
    /// `</` there), so that its being unclosed is not reported again: completing the `</`
    /// fixes both.
    pub(crate) fn note_problem_in_open_element(&mut self) {
        if let Some(open) = self.stack.last_mut() {
            open.problem_reported_inside = true;
        }
    }

    /// Adds raw character data `text[start..end]` to the text being collected; `decode` says
    /// that its value is not the raw text (a reference).
    pub(crate) fn extend_text(&mut self, start: usize, end: usize, decode: bool) {
        match &mut self.pending_text {
            Some(pending) => {
                pending.end = end;
                pending.decode |= decode;
            }
            None => {
                self.pending_text = Some(PendingText { start, end, decode });
            }
        }
    }

    /// Adds `text[start..end]` verbatim to the collected text (line ends still normalised).
    pub(crate) fn extend_text_verbatim(&mut self, start: usize, end: usize) {
        let carriage_return = self.text.as_bytes()[start..end].contains(&b'\r');
        self.extend_text(start, end, carriage_return);
    }

    /// Ends the text being collected, so that the next node comes after it.
    pub(crate) fn flush_text(&mut self) {
        let Some(text) = self.pending_text.take() else {
            return;
        };
        let range = TextRange::new(text.start, text.end);
        if self.stack.is_empty() {
            let bytes = self.text.as_bytes();
            let start = skip_whitespace(bytes, range.start, range.end);
            let end = trim_whitespace_back(bytes, start, range.end);
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
        let decode = text.decode || self.crosses_blanked_line(range);
        self.waiting.push(Node::Text(Text::new(range, decode)));
    }

    /// Whether `range` takes in part of a merge-conflict marker line, which its value must
    /// read as spaces.
    pub(crate) fn crosses_blanked_line(&self, range: TextRange) -> bool {
        self.document
            .blanked
            .iter()
            .any(|blanked| blanked.start < range.end && range.start < blanked.end)
    }

    /// Adds a comment, CDATA section or processing instruction where the parser is, after
    /// the text collected so far.
    pub(crate) fn add_node(&mut self, node: Node) {
        self.flush_text();
        self.waiting.push(node);
    }

    /// Adds an element for `tag`; it stays open (takes the following nodes as children) when
    /// its start tag is complete, it has a name and it is not self-closing. On a limit, its
    /// attributes are taken back.
    pub(crate) fn open_element(&mut self, tag: StartTagToken) -> Result<(), LimitReached> {
        self.flush_text();
        let depth = self.stack.len();
        let limit = if depth >= MAX_DEPTH {
            Some(LimitReached::Depth)
        } else if self.document.elements.len() >= MAX_ELEMENTS {
            Some(LimitReached::Elements)
        } else {
            None
        };
        let attributes_start = self.document.attributes.len() - tag.attribute_count;
        if let Some(limit) = limit {
            self.document.attributes.truncate(attributes_start);
            return Err(limit);
        }
        let id = ElementId(self.document.elements.len() as u32);
        let name_start = tag.range.start + 1;
        let has_name = tag.name_end > name_start;
        let parent = self.stack.last().map(|open| open.id);
        if parent.is_none() {
            match self.document.root {
                None => self.document.root = Some(id),
                Some(root) if !self.second_root_reported => {
                    self.second_root_reported = true;
                    let message = format!(
                        "a second root element `<{}>`: a document has exactly one root \
                         element, here `<{}>`",
                        &self.text[name_start..tag.name_end],
                        self.name(root)
                    );
                    self.error(tag.range, SyntaxErrorKind::SecondRoot, message);
                }
                Some(_) => {}
            }
        }
        let stays_open = tag.closed && !tag.self_closing && has_name;
        let half_typed = !tag.closed && !tag.self_closing && has_name;
        let mut flags = 0;
        if tag.closed {
            flags |= START_TAG_CLOSED;
        }
        if tag.self_closing {
            flags |= SELF_CLOSING;
        }
        if memchr::memchr(b':', &self.text.as_bytes()[name_start..tag.name_end]).is_some() {
            flags |= PREFIXED;
        }
        let mut element = ElementData {
            start: tag.range.start as u32,
            name_end: tag.name_end as u32,
            start_tag_end: tag.range.end as u32,
            content_end: tag.range.end as u32,
            end_tag_end: 0,
            end_tag_name_end: 0,
            parent: 0,
            children: Run::default(),
            attributes: Run {
                start: attributes_start as u32,
                length: tag.attribute_count as u32,
            },
            depth: depth as u16,
            flags,
        };
        element.set_parent(parent);
        self.document.elements.push(element);
        self.waiting.push(Node::Element(id));
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
                children_start: self.waiting.len(),
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
            .rposition(|open| self.name(open.id) == name);
        if let Some(position) = matching {
            while self.stack.len() > position + 1 {
                self.close_implicitly(end_tag.range.start, Some(name));
            }
            if let Some(open) = self.stack.pop() {
                self.close(&open, end_tag.range.start);
                self.set_end_tag(open.id, end_tag);
            }
            return;
        }
        let text = self.text;
        let elements = &self.document.elements;
        let half_typed = match self.stack.last_mut() {
            Some(open) => &mut open.half_typed_children,
            None => &mut self.top_level_half_typed,
        };
        if let Some(index) = half_typed.iter().position(|id| {
            let span = elements[id.index()].name();
            &text[span.start as usize..span.end as usize] == name
        }) {
            half_typed.remove(index);
            return;
        }
        let Some((open_id, has_element_children)) = self
            .stack
            .last()
            .map(|open| (open.id, open.has_element_children))
        else {
            self.error(
                end_tag.range,
                SyntaxErrorKind::UnexpectedEndTag,
                format!("`</{name}>` has no matching start tag"),
            );
            return;
        };
        let open_name = self.name(open_id);
        if has_element_children {
            self.note_problem_in_open_element();
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
        if let Some(open) = self.stack.pop() {
            self.close(&open, end_tag.range.start);
            self.set_end_tag(open_id, end_tag);
        }
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
                self.close(&open, end);
            }
        }
        self.document.top_level = self.move_children(0);
        // The tree lives as long as the file is open: give back what growing the arenas
        // reserved beyond a quarter more than they hold.
        shrink_if_loose(&mut self.document.elements);
        shrink_if_loose(&mut self.document.nodes);
        shrink_if_loose(&mut self.document.attributes);
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

    /// Ends `open`'s content at `content_end` and moves its children, which are the top of
    /// the waiting stack, into the document.
    fn close(&mut self, open: &OpenElement, content_end: usize) {
        let children = self.move_children(open.children_start);
        let element = &mut self.document.elements[open.id.index()];
        element.content_end = content_end as u32;
        element.children = children;
    }

    /// Moves the waiting nodes from `start` on into the node arena, as one run.
    fn move_children(&mut self, start: usize) -> Run {
        let run = Run {
            start: self.document.nodes.len() as u32,
            length: (self.waiting.len() - start) as u32,
        };
        self.document.nodes.extend(self.waiting.drain(start..));
        run
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
        let split = parent.and(self.first_child_after_text(&open));
        let mut content_end = at;
        let mut kept = self.waiting.len();
        if let (Some(parent), Some(split)) = (parent, split) {
            content_end = self.hand_children_to_parent(&open, split, parent);
            kept = split;
        }
        // The children from `kept` on stay waiting, now the parent's (after this element).
        let moved: Vec<Node> = self.waiting.drain(kept..).collect();
        self.close(&open, content_end);
        self.waiting.extend(moved);
        if open.problem_reported_inside {
            return;
        }
        let name = self.name(open.id);
        let message = match before {
            Some(outer) => {
                format!("`<{name}>` is never closed: expected `</{name}>` before `</{outer}>`")
            }
            None => format!(
                "`<{name}>` is never closed: expected `</{name}>` before the end of the file"
            ),
        };
        let element = &self.document.elements[open.id.index()];
        let range = TextRange::new(element.start as usize, element.start_tag_end as usize);
        self.error(range, SyntaxErrorKind::UnclosedElement, message);
    }

    /// The position in the waiting stack of `open`'s first child element, when text that is
    /// not blank comes before it.
    fn first_child_after_text(&self, open: &OpenElement) -> Option<usize> {
        let children = &self.waiting[open.children_start..];
        let first_element = children
            .iter()
            .position(|node| matches!(node, Node::Element(_)))?;
        children[..first_element]
            .iter()
            .any(|node| match node {
                Node::Text(text) => !self.text_value(text).trim().is_empty(),
                _ => false,
            })
            .then_some(open.children_start + first_element)
    }

    /// The value of a text node, as read from the text the parser saw.
    fn text_value(&self, text: &Text) -> std::borrow::Cow<'t, str> {
        decode(text.range().slice(self.text))
    }

    /// Gives the children of `open` from `split` (a position in the waiting stack) on to
    /// `parent` (the next open element out), one level shallower; returns where the moved
    /// part starts.
    fn hand_children_to_parent(
        &mut self,
        open: &OpenElement,
        split: usize,
        parent: ElementId,
    ) -> usize {
        let start = match self.waiting.get(split) {
            Some(Node::Element(first)) => self.document.elements[first.index()].start as usize,
            _ => self.document.elements[open.id.index()].content_end as usize,
        };
        let mut pending: Vec<ElementId> = Vec::new();
        for node in &self.waiting[split..] {
            if let Node::Element(child) = node {
                self.document.elements[child.index()].set_parent(Some(parent));
                pending.push(*child);
            }
        }
        while let Some(id) = pending.pop() {
            let element = &mut self.document.elements[id.index()];
            element.depth = element.depth.saturating_sub(1);
            let children = element.children;
            pending.extend(self.document.nodes[children.range()].iter().filter_map(
                |node| match node {
                    Node::Element(child) => Some(*child),
                    _ => None,
                },
            ));
        }
        let elements = &self.document.elements;
        let moved_half_typed: Vec<ElementId> = open
            .half_typed_children
            .iter()
            .copied()
            .filter(|id| elements[id.index()].parent() == Some(parent))
            .collect();
        if let Some(outer) = self.stack.last_mut() {
            outer.has_element_children = true;
            outer.half_typed_children.extend(moved_half_typed);
        }
        start
    }

    fn set_end_tag(&mut self, id: ElementId, end_tag: EndTagToken<'_>) {
        let element = &mut self.document.elements[id.index()];
        element.content_end = end_tag.range.start as u32;
        element.end_tag_end = end_tag.range.end as u32;
        element.end_tag_name_end = Span::from(end_tag.name_range).end;
        element.flags |= HAS_END_TAG;
        if end_tag.closed {
            element.flags |= END_TAG_CLOSED;
        }
    }
}

/// Gives back the spare capacity of `arena` when it is more than a quarter of what it holds:
/// a little slack costs less than copying the arena once more.
fn shrink_if_loose<T>(arena: &mut Vec<T>) {
    if arena.capacity() - arena.len() > arena.len() / 4 + 4 {
        arena.shrink_to_fit();
    }
}
