//! Analysis results as LSP values: diagnostics (with their fixes carried in `data`), quick fixes
//! and workspace edits. Positions go through `convert`; which URI and version a path has comes
//! from the snapshot the results were computed on.

use std::collections::HashMap;
use std::str::FromStr;

use eca_analysis::{Diagnostic, DiagnosticTag, FileEdit, Fix, Project, Severity};
use eca_syntax::{PositionEncoding, TextRange};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DocumentChanges, Location,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use super::convert;

/// The `source` of every diagnostic we publish.
pub const SOURCE: &str = "eca-ls";

/// Where the paths of one project are, for the client: URIs, versions and line indexes.
#[derive(Debug, Clone, Copy)]
pub struct Locator<'a> {
    pub project: &'a Project,
    pub encoding: PositionEncoding,
    /// Open documents by path key: the client's URI and the version the project holds.
    pub open: &'a HashMap<String, (Uri, i32)>,
}

/// What a diagnostic carries in `data`: its fixes as ready-made edits, so that a code action
/// needs nothing from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticData {
    pub fixes: Vec<FixData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<DocumentEdits>,
}

/// The edits of a fix in one document, with the version they were computed for (`null` for
/// files that were not open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEdits {
    pub uri: Uri,
    pub version: Option<i32>,
    pub edits: Vec<TextEdit>,
}

impl Locator<'_> {
    pub fn uri(&self, path: &str) -> Option<Uri> {
        match self.open.get(path) {
            Some((uri, _)) => Some(uri.clone()),
            None => convert::uri_for_path(path),
        }
    }

    pub fn version(&self, path: &str) -> Option<i32> {
        self.open.get(path).map(|(_, version)| *version)
    }

    pub fn range(&self, path: &str, range: TextRange) -> Option<lsp::Range> {
        let file = self.project.file(path)?;
        Some(convert::range(&file.line_index, range, self.encoding))
    }

    pub fn location(&self, path: &str, range: TextRange) -> Option<Location> {
        Some(Location::new(self.uri(path)?, self.range(path, range)?))
    }

    /// Edits grouped by document in first-seen order; edits in files the project lacks are
    /// dropped together with the whole group (`None`), since half a fix is worse than none.
    pub fn document_edits(&self, edits: &[FileEdit]) -> Option<Vec<DocumentEdits>> {
        let mut grouped: Vec<DocumentEdits> = Vec::new();
        for edit in edits {
            let text_edit =
                TextEdit::new(self.range(&edit.path, edit.range)?, edit.new_text.clone());
            let uri = self.uri(&edit.path)?;
            match grouped.iter_mut().find(|group| group.uri == uri) {
                Some(group) => group.edits.push(text_edit),
                None => grouped.push(DocumentEdits {
                    uri,
                    version: self.version(&edit.path),
                    edits: vec![text_edit],
                }),
            }
        }
        Some(grouped)
    }
}

/// A diagnostic of the file at `diagnostic.path`, as published.
pub fn diagnostic(locator: &Locator, diagnostic: &Diagnostic) -> Option<lsp::Diagnostic> {
    let range = locator.range(&diagnostic.path, diagnostic.range)?;
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            Some(DiagnosticRelatedInformation {
                location: locator.location(&related.path, related.range)?,
                message: related.message.clone(),
            })
        })
        .collect();
    let tags: Vec<lsp::DiagnosticTag> = diagnostic
        .tags
        .iter()
        .map(|tag| match tag {
            DiagnosticTag::Deprecated => lsp::DiagnosticTag::DEPRECATED,
            DiagnosticTag::Unnecessary => lsp::DiagnosticTag::UNNECESSARY,
        })
        .collect();
    let fixes: Vec<FixData> = diagnostic
        .fixes
        .iter()
        .filter_map(|fix| fix_data(locator, fix))
        .collect();
    let data = (!fixes.is_empty())
        .then(|| serde_json::to_value(DiagnosticData { fixes }).ok())
        .flatten();
    Some(lsp::Diagnostic {
        range,
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.code.clone())),
        code_description: diagnostic
            .source_url
            .as_deref()
            .and_then(|url| Uri::from_str(url).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: (!tags.is_empty()).then_some(tags),
        data,
    })
}

pub fn fix_data(locator: &Locator, fix: &Fix) -> Option<FixData> {
    Some(FixData {
        title: fix.title.clone(),
        preferred: fix.preferred,
        edits: locator.document_edits(&fix.edits)?,
    })
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The fixes a published diagnostic carries, read back from its `data`.
pub fn fixes_of(diagnostic: &lsp::Diagnostic) -> Vec<FixData> {
    if diagnostic.source.as_deref() != Some(SOURCE) {
        return Vec::new();
    }
    diagnostic
        .data
        .clone()
        .and_then(|data| serde_json::from_value::<DiagnosticData>(data).ok())
        .map(|data| data.fixes)
        .unwrap_or_default()
}

/// A workspace edit in the form the client understands: versioned `documentChanges` when it
/// supports them, else a plain `changes` map.
pub fn workspace_edit(edits: Vec<DocumentEdits>, document_changes: bool) -> WorkspaceEdit {
    if document_changes {
        let changes = edits
            .into_iter()
            .map(|group| TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: group.uri,
                    version: group.version,
                },
                edits: group.edits.into_iter().map(OneOf::Left).collect(),
            })
            .collect();
        return WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(changes)),
            ..WorkspaceEdit::default()
        };
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for group in edits {
        changes.entry(group.uri).or_default().extend(group.edits);
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}
