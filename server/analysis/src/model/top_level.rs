//! Findings remembered per top-level element of a large file (the root's child elements), so
//! that after an edit inside one of them, or one pasted or deleted whole, only that element and
//! its neighbours are checked again; the other elements' findings are reused, moved by the
//! edit's length. This is what
//! keeps a keystroke in a 1 MiB file from re-checking thousands of elements.
//!
//! Sound only for what one top-level element's findings depend on: its own text and tree, the
//! whitespace around it, the file's path, API version, line ending and indentation step. The
//! checks that read across elements (counts, duplicates, order, rules over several fields,
//! app rules) run in full every time; a check opts in for its per-element part only. An edit
//! can only be taken this way when it kept the tree (`eca_syntax::reparse_in_place`: moved, for
//! an edit inside one element's text or attribute value, or with the one element that holds the
//! edit parsed again), which guarantees every element outside the edit is unchanged, and when it
//! is inside the root's content (not in its tags).
//! Knows nothing of which checks use it: each names its slot.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use eca_syntax::{ElementId, TextRange};

use crate::model::diagnostic::Diagnostic;
use crate::model::edits::{indent_step, line_ending};
use crate::model::project::{ApiVersionChoice, EditOrigin, SourceFile};

/// Files with fewer top-level elements are checked in full: the memo would cost more than it
/// saves, and the memory stays bounded by the large files open.
pub const REMEMBERED_FROM_TOP_LEVEL_ELEMENTS: usize = 32;

/// The remembered findings, shared by every clone of a project (keyed by the file version they
/// were computed for, so valid for any clone that holds that version).
#[derive(Debug, Default)]
pub(crate) struct TopLevelMemo {
    by_file: Mutex<HashMap<(String, &'static str), Remembered>>,
    /// How many top-level elements had their findings reused, for tests that prove the memo is
    /// used (a count, not a time).
    reused: AtomicUsize,
}

#[derive(Debug)]
struct Remembered {
    /// The version of the file (`SourceFile::stamp`) the findings were computed for.
    stamp: u64,
    api_version: ApiVersionChoice,
    line_ending: &'static str,
    indent_step: &'static str,
    /// By top-level element, in document order.
    findings: Arc<Vec<Vec<Diagnostic>>>,
}

/// What a check may reuse for the file it checks: the findings of each top-level element as
/// computed for the version the file was edited from, moved to where the element is now;
/// `None` for the elements the edit touched (or stands next to), which are checked again.
#[derive(Debug)]
pub struct Reuse {
    findings: Arc<Vec<Vec<Diagnostic>>>,
    path: String,
    /// Top-level elements `recheck.0..recheck.1` are checked again.
    recheck: (usize, usize),
    /// How many more top-level elements the file has than the remembered version: those
    /// after the edit were remembered that many places earlier.
    added: isize,
    /// Offsets at or after this one (in the text before the edit) move by `delta`.
    moved_from: usize,
    delta: i64,
}

impl Reuse {
    /// The findings of top-level element `index` when they can be reused, moved into place.
    pub fn element(&self, index: usize) -> Option<Vec<Diagnostic>> {
        if (self.recheck.0..self.recheck.1).contains(&index) {
            return None;
        }
        let remembered = if index >= self.recheck.1 {
            index.checked_add_signed(-self.added)?
        } else {
            index
        };
        let findings = self.findings.get(remembered)?;
        Some(
            findings
                .iter()
                .map(|diagnostic| self.moved(diagnostic.clone()))
                .collect(),
        )
    }

    fn moved(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        if self.delta == 0 {
            return diagnostic;
        }
        let shift = |range: &mut TextRange| {
            let move_offset = |offset: usize| {
                if offset >= self.moved_from {
                    (offset as i64 + self.delta) as usize
                } else {
                    offset
                }
            };
            *range = TextRange::new(move_offset(range.start), move_offset(range.end));
        };
        if diagnostic.path == self.path {
            shift(&mut diagnostic.range);
        }
        for related in &mut diagnostic.related {
            if related.path == self.path {
                shift(&mut related.range);
            }
        }
        for fix in &mut diagnostic.fixes {
            for edit in &mut fix.edits {
                if edit.path == self.path {
                    shift(&mut edit.range);
                }
            }
        }
        diagnostic
    }
}

impl TopLevelMemo {
    /// Run `check` on `file` with what it may reuse, remember the findings it reports per
    /// top-level element, and return its result. `check` returns its result and the findings
    /// of each top-level element (empty when it has none to remember).
    pub(crate) fn check<T>(
        &self,
        file: &SourceFile,
        slot: &'static str,
        api_version: &ApiVersionChoice,
        check: impl FnOnce(Option<&Reuse>) -> (T, Vec<Vec<Diagnostic>>),
    ) -> T {
        let Some(top_level) = top_level_elements(file) else {
            return check(None).0;
        };
        let key = (file.path.clone(), slot);
        let line_ending = line_ending(&file.text);
        let indent_step = indent_step(&file.text);
        let reuse = {
            let memo = self.lock();
            memo.get(&key).and_then(|remembered| {
                let same_file = remembered.api_version == *api_version
                    && remembered.line_ending == line_ending
                    && remembered.indent_step == indent_step;
                if !same_file {
                    return None;
                }
                if remembered.stamp == file.stamp {
                    return (remembered.findings.len() == top_level.len()).then(|| Reuse {
                        findings: Arc::clone(&remembered.findings),
                        path: file.path.clone(),
                        recheck: (0, 0),
                        added: 0,
                        moved_from: 0,
                        delta: 0,
                    });
                }
                let origin = *file
                    .origins
                    .iter()
                    .find(|origin| origin.previous == remembered.stamp)?;
                reuse_after(file, &top_level, origin, &remembered.findings)
            })
        };
        if let Some(reuse) = &reuse {
            let rechecked = reuse.recheck.1 - reuse.recheck.0;
            self.reused
                .fetch_add(top_level.len() - rechecked, Ordering::Relaxed);
        }
        let (result, findings) = check(reuse.as_ref());
        if findings.len() == top_level.len() {
            self.lock().insert(
                key,
                Remembered {
                    stamp: file.stamp,
                    api_version: api_version.clone(),
                    line_ending,
                    indent_step,
                    findings: Arc::new(findings),
                },
            );
        }
        result
    }

    /// How many top-level elements had their findings reused so far.
    pub(crate) fn reused_count(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Forget the files `keep` no longer accepts (files removed from the project).
    pub(crate) fn retain(&self, keep: impl Fn(&str) -> bool) {
        self.lock().retain(|(path, _), _| keep(path));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, &'static str), Remembered>> {
        self.by_file.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The root's child elements, when there are enough of them to remember.
fn top_level_elements(file: &SourceFile) -> Option<Vec<ElementId>> {
    let document = &file.parse.document;
    let root = document.root()?;
    // Counted before they are collected: nearly every file has fewer, and asks twice per check
    // (once per slot).
    document
        .child_elements(root)
        .nth(REMEMBERED_FROM_TOP_LEVEL_ELEMENTS - 1)?;
    Some(document.child_elements(root).collect())
}

/// What `file`, edited from the remembered version by `origin` (which kept the tree), may
/// reuse: everything but the top-level elements the edit overlaps and the one on each side
/// (whose findings may read the whitespace between them, as removing an element does); nothing
/// when the edit is in the root's own tags (an `xmlns` there holds for every element). An edit
/// that adds or removes top-level elements (one pasted or deleted whole) leaves those before it
/// at their places and those after it as many places further on or back.
fn reuse_after(
    file: &SourceFile,
    top_level: &[ElementId],
    origin: EditOrigin,
    findings: &Arc<Vec<Vec<Diagnostic>>>,
) -> Option<Reuse> {
    let document = &file.parse.document;
    let range = |id: ElementId| document.element(id).range();
    // The edited text, where it stands now.
    let start = origin.replaced.start;
    let end = start + origin.inserted_len;
    let root_content = document.root_element()?.content();
    if start < root_content.start || root_content.end < end {
        return None;
    }
    // Elements before `first` end before the edit; those from `last` on start after it.
    let first = top_level.partition_point(|id| range(*id).end < start);
    let last = top_level.partition_point(|id| range(*id).start <= end);
    let added = top_level.len() as isize - findings.len() as isize;
    let recheck = (first.saturating_sub(1), (last + 1).min(top_level.len()));
    // The elements kept on either side were each remembered: as many before the edit, and
    // after it, as there are now.
    if recheck.0 > findings.len() || (top_level.len() - recheck.1) > findings.len() {
        return None;
    }
    Some(Reuse {
        findings: Arc::clone(findings),
        path: file.path.clone(),
        recheck,
        added,
        moved_from: origin.replaced.end,
        delta: origin.inserted_len as i64 - origin.replaced.len() as i64,
    })
}
