//! A plan: what a writer would do to the files of a project, as data. An ordered list of file
//! operations — create a file with its content, replace ranges of an existing file's text,
//! rename a file — each with the reason a person reads in `--dry-run`. There is no operation
//! that deletes a file: eca-ls never removes a user's file.
//!
//! A plan is checked as it is built: the edits of one file never overlap and fall on character
//! boundaries of the text they were computed on, no path is created twice, nothing is written
//! over a file the plan renames away. A failed addition leaves the plan as it was, so a writer
//! that applies many fixes can skip one that conflicts and keep the others. Applying a plan is
//! the fronts' business (the CLI writes it atomically, the language server sends one
//! `WorkspaceEdit`); [`Plan::applied_to`] applies it to a `Project` in memory, for tests and for
//! checking what a writer would produce.

use std::collections::BTreeMap;
use std::fmt;

use eca_syntax::TextRange;

use crate::model::diagnostic::FileEdit;
use crate::model::project::Project;

/// An ordered list of file operations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    operations: Vec<Operation>,
}

/// One file operation of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    /// Create a file that does not exist yet (with the folders it needs).
    Create {
        path: String,
        content: String,
        reason: String,
    },
    /// Replace ranges of an existing file's text; every byte outside them stays as it is.
    Replace {
        path: String,
        /// The text the edits were computed on: a front end applies them only to exactly this
        /// text (a file changed since it was read is refused, not merged).
        original: String,
        /// Sorted by position, not overlapping; insertions at one offset in the order added.
        edits: Vec<Replacement>,
    },
    /// Rename (move) a file to a path that does not exist yet.
    Rename {
        from: String,
        to: String,
        reason: String,
    },
}

/// One replaced range of a file, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// A byte range of the operation's `original` text.
    pub range: TextRange,
    pub new_text: String,
    pub reason: String,
}

/// Why an operation could not be added to a plan. The plan is unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// Two edits of one file overlap.
    Overlap {
        path: String,
        first: TextRange,
        second: TextRange,
    },
    /// An edit outside the file's text, or inside a character.
    BadRange { path: String, range: TextRange },
    /// Edits of a file computed on another text than the plan's earlier edits of it.
    DifferentOriginal { path: String },
    /// The path is already created, renamed or renamed to by the plan.
    PathTaken { path: String },
    /// Edits for a file whose text was not given.
    UnknownFile { path: String },
}

impl fmt::Display for PlanError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::Overlap {
                path,
                first,
                second,
            } => write!(
                formatter,
                "edits of {path} overlap (bytes {}..{} and {}..{})",
                first.start, first.end, second.start, second.end
            ),
            PlanError::BadRange { path, range } => write!(
                formatter,
                "an edit of {path} at bytes {}..{} is outside its text or inside a character",
                range.start, range.end
            ),
            PlanError::DifferentOriginal { path } => write!(
                formatter,
                "edits of {path} were computed on different versions of its text"
            ),
            PlanError::PathTaken { path } => write!(
                formatter,
                "{path} is already created, renamed or renamed to by this plan"
            ),
            PlanError::UnknownFile { path } => {
                write!(formatter, "{path} is not a file of the project")
            }
        }
    }
}

impl std::error::Error for PlanError {}

impl Operation {
    /// The path the operation writes (for a rename, the new path).
    pub fn target(&self) -> &str {
        match self {
            Operation::Create { path, .. } | Operation::Replace { path, .. } => path,
            Operation::Rename { to, .. } => to,
        }
    }

    /// The file's text after the operation: the content of a created file, the edited text of
    /// a replaced one; `None` for a rename (its text does not change).
    pub fn new_text(&self) -> Option<String> {
        match self {
            Operation::Create { content, .. } => Some(content.clone()),
            Operation::Replace {
                original, edits, ..
            } => Some(apply_replacements(original, edits)),
            Operation::Rename { .. } => None,
        }
    }
}

impl Plan {
    pub fn new() -> Plan {
        Plan::default()
    }

    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    /// Create `path` with `content`. Refused when the plan already creates, renames or renames
    /// to `path`, or edits it (a file to create does not exist, so it has nothing to edit).
    pub fn create(
        &mut self,
        path: impl Into<String>,
        content: impl Into<String>,
        reason: impl Into<String>,
    ) -> Result<(), PlanError> {
        let path = path.into();
        if self.touches(&path) {
            return Err(PlanError::PathTaken { path });
        }
        self.operations.push(Operation::Create {
            path,
            content: content.into(),
            reason: reason.into(),
        });
        Ok(())
    }

    /// Rename `from` to `to`. Refused when the plan already creates, renames or renames to
    /// either path; edits of `from` added before the rename are applied before it.
    pub fn rename(
        &mut self,
        from: impl Into<String>,
        to: impl Into<String>,
        reason: impl Into<String>,
    ) -> Result<(), PlanError> {
        let (from, to) = (from.into(), to.into());
        for path in [&from, &to] {
            if self.creates_or_renames(path) {
                return Err(PlanError::PathTaken { path: path.clone() });
            }
        }
        if self.touches(&to) {
            return Err(PlanError::PathTaken { path: to });
        }
        self.operations.push(Operation::Rename {
            from,
            to,
            reason: reason.into(),
        });
        Ok(())
    }

    /// Replace ranges of `path`, whose text is `original`, all for one reason. Joins the
    /// plan's earlier edits of the file (which must have been computed on the same text).
    pub fn replace(
        &mut self,
        path: impl Into<String>,
        original: &str,
        edits: impl IntoIterator<Item = (TextRange, String)>,
        reason: impl Into<String>,
    ) -> Result<(), PlanError> {
        let path = path.into();
        let reason = reason.into();
        let replacements: Vec<Replacement> = edits
            .into_iter()
            .map(|(range, new_text)| Replacement {
                range,
                new_text,
                reason: reason.clone(),
            })
            .collect();
        let mut candidate = self.clone();
        candidate.add_replacements(&path, original, replacements)?;
        *self = candidate;
        Ok(())
    }

    /// Add edits in any files of `project` (a fix's edits, say), all or none: when one of them
    /// cannot be added, none is and the plan stays as it was.
    pub fn add_file_edits(
        &mut self,
        project: &Project,
        edits: &[FileEdit],
        reason: &str,
    ) -> Result<(), PlanError> {
        let mut by_path: BTreeMap<&str, Vec<Replacement>> = BTreeMap::new();
        for edit in edits {
            by_path
                .entry(edit.path.as_str())
                .or_default()
                .push(Replacement {
                    range: edit.range,
                    new_text: edit.new_text.clone(),
                    reason: reason.to_string(),
                });
        }
        let mut candidate = self.clone();
        for (path, replacements) in by_path {
            let Some(file) = project.file(path) else {
                return Err(PlanError::UnknownFile {
                    path: path.to_string(),
                });
            };
            candidate.add_replacements(path, &file.text, replacements)?;
        }
        *self = candidate;
        Ok(())
    }

    /// The project as it would be after the plan: created files added, replaced files edited,
    /// renamed files moved. What a writer's tests check, and what `check` would then find.
    pub fn applied_to(&self, project: &Project) -> Project {
        let mut after = project.clone();
        for operation in &self.operations {
            match operation {
                Operation::Create { path, content, .. } => {
                    after.set_file(path.clone(), content.clone());
                }
                Operation::Replace { path, .. } => {
                    if let Some(text) = operation.new_text() {
                        after.set_file(path.clone(), text);
                    }
                }
                Operation::Rename { from, to, .. } => {
                    if let Some(text) = after.file(from).map(|file| file.text.clone()) {
                        after.remove_file(from);
                        after.set_file(to.clone(), text);
                    }
                }
            }
        }
        after
    }

    fn add_replacements(
        &mut self,
        path: &str,
        original: &str,
        replacements: Vec<Replacement>,
    ) -> Result<(), PlanError> {
        if self.creates_or_renames(path) {
            return Err(PlanError::PathTaken {
                path: path.to_string(),
            });
        }
        for replacement in &replacements {
            let range = replacement.range;
            if range.start > range.end
                || !original.is_char_boundary(range.start)
                || !original.is_char_boundary(range.end)
            {
                return Err(PlanError::BadRange {
                    path: path.to_string(),
                    range,
                });
            }
        }
        let existing = self
            .operations
            .iter_mut()
            .find_map(|operation| match operation {
                Operation::Replace {
                    path: edited,
                    original: edited_original,
                    edits,
                } if edited == path => Some((edited_original, edits)),
                _ => None,
            });
        match existing {
            Some((edited_original, edits)) => {
                if edited_original != original {
                    return Err(PlanError::DifferentOriginal {
                        path: path.to_string(),
                    });
                }
                edits.extend(replacements);
                sort_and_check(path, edits)
            }
            None => {
                let mut edits = replacements;
                sort_and_check(path, &mut edits)?;
                self.operations.push(Operation::Replace {
                    path: path.to_string(),
                    original: original.to_string(),
                    edits,
                });
                Ok(())
            }
        }
    }

    /// Whether an operation creates, renames or renames to `path`.
    fn creates_or_renames(&self, path: &str) -> bool {
        self.operations.iter().any(|operation| match operation {
            Operation::Create { path: created, .. } => created == path,
            Operation::Rename { from, to, .. } => from == path || to == path,
            Operation::Replace { .. } => false,
        })
    }

    /// Whether any operation names `path`.
    fn touches(&self, path: &str) -> bool {
        self.creates_or_renames(path)
            || self.operations.iter().any(
                |operation| matches!(operation, Operation::Replace { path: edited, .. } if edited == path),
            )
    }
}

/// Sort a file's edits by position (a stable sort: insertions at one offset stay in the order
/// they were added, as LSP applies them) and refuse overlapping ones.
fn sort_and_check(path: &str, edits: &mut [Replacement]) -> Result<(), PlanError> {
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
    for pair in edits.windows(2) {
        let (first, second) = (pair[0].range, pair[1].range);
        // Touching ranges and insertions at one offset do not overlap.
        if second.start < first.end {
            return Err(PlanError::Overlap {
                path: path.to_string(),
                first,
                second,
            });
        }
    }
    Ok(())
}

/// The text with sorted, non-overlapping replacements applied.
fn apply_replacements(original: &str, edits: &[Replacement]) -> String {
    let mut text = String::with_capacity(original.len());
    let mut copied_to = 0;
    for edit in edits {
        text.push_str(&original[copied_to..edit.range.start]);
        text.push_str(&edit.new_text);
        copied_to = edit.range.end;
    }
    text.push_str(&original[copied_to..]);
    text
}

#[cfg(test)]
mod tests;
