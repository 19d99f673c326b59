//! Diagnostics as plain data: what is wrong, where, how bad, and how to fix it.
//!
//! Ranges are byte ranges into the file the diagnostic belongs to; fixes carry concrete edits
//! (also byte ranges, possibly in other files of the project), so that a front end can turn
//! them into quick fixes without asking the analysis again.

use std::fmt;

use eca_syntax::TextRange;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Extra meaning an editor can show (strike-through, faded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticTag {
    Deprecated,
    /// The element has no effect (an ignored setting).
    Unnecessary,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the finding is reported in.
    pub path: String,
    pub range: TextRange,
    pub severity: Severity,
    /// Stable code users suppress and configure by name (`unknown-element`, `ECA-JWT-001`).
    pub code: String,
    pub message: String,
    /// Places in this or other files that explain the finding.
    pub related: Vec<RelatedLocation>,
    /// Ways to fix it, the preferred first.
    pub fixes: Vec<Fix>,
    pub tags: Vec<DiagnosticTag>,
    /// The page that explains the rule behind the code.
    pub source_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedLocation {
    pub path: String,
    pub range: TextRange,
    pub message: String,
}

/// A named set of edits that fixes a diagnostic, possibly across files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<FileEdit>,
    /// The one an editor shows first, and the one `--unsafe-fixes` may apply.
    pub preferred: bool,
    /// Whether bulk fixing (`eca-ls check --fix`, the editor's fix-all) may apply it unasked.
    pub safety: FixSafety,
}

/// Whether a fix can change what the app does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// Cannot change who can log in, which tokens are issued or what they grant: sorting
    /// fields, removing an element Salesforce ignores, fixing a letter-case slip in a name or
    /// value, removing an exact duplicate, tidying a comment. Bulk fixing applies it.
    Safe,
    /// Everything else: applied in bulk only when the user says so.
    Unsafe,
}

/// Replace `range` of the file at `path` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEdit {
    pub path: String,
    pub range: TextRange,
    pub new_text: String,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<String>,
        range: TextRange,
        severity: Severity,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            range,
            severity,
            code: code.into(),
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            tags: Vec::new(),
            source_url: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(mut self, related: RelatedLocation) -> Diagnostic {
        self.related.push(related);
        self
    }

    pub fn with_tag(mut self, tag: DiagnosticTag) -> Diagnostic {
        self.tags.push(tag);
        self
    }

    pub fn with_source_url(mut self, url: impl Into<String>) -> Diagnostic {
        self.source_url = Some(url.into());
        self
    }
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<FileEdit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
            preferred: false,
            safety: FixSafety::Unsafe,
        }
    }

    pub fn preferred(mut self) -> Fix {
        self.preferred = true;
        self
    }

    /// Mark the fix safe: it cannot change who can log in, which tokens are issued or what
    /// they grant (see [`FixSafety::Safe`]).
    pub fn safe(mut self) -> Fix {
        self.safety = FixSafety::Safe;
        self
    }
}

impl FileEdit {
    pub fn replace(
        path: impl Into<String>,
        range: TextRange,
        new_text: impl Into<String>,
    ) -> FileEdit {
        FileEdit {
            path: path.into(),
            range,
            new_text: new_text.into(),
        }
    }

    pub fn insert(path: impl Into<String>, offset: usize, new_text: impl Into<String>) -> FileEdit {
        FileEdit::replace(path, TextRange::empty(offset), new_text)
    }

    pub fn delete(path: impl Into<String>, range: TextRange) -> FileEdit {
        FileEdit::replace(path, range, "")
    }
}
