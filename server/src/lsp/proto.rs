//! Analysis results as LSP values: diagnostics (with their fixes carried in `data`), quick fixes,
//! workspace edits, completion items, hovers, symbols, folding and selection ranges, locations.
//! Positions go through `convert`; which URI and version a path has comes from the snapshot
//! the results were computed on.

use std::collections::HashMap;
use std::str::FromStr;

use eca_analysis::{CompletionKind, Diagnostic, DiagnosticTag, FileEdit, Fix, Project, Severity};
use eca_syntax::{LineIndex, PositionEncoding, TextRange};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DocumentChanges, Location,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit,
    Uri, WorkspaceEdit,
};

use super::state::Snapshot;
use super::{convert, snippet};

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

impl Snapshot {
    pub fn locator(&self) -> Locator<'_> {
        Locator {
            project: &self.project,
            encoding: self.encoding,
            open: &self.open,
        }
    }
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
        Some(convert::range(file.line_index(), range, self.encoding))
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
        .as_ref()
        .and_then(|data| DiagnosticData::deserialize(data).ok())
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

/// A completion proposal. Snippet syntax goes out only to clients that take snippets; the
/// others get the text the snippet would insert.
pub fn completion_item(
    index: &LineIndex,
    encoding: PositionEncoding,
    item: &eca_analysis::CompletionItem,
    snippets: bool,
) -> lsp::CompletionItem {
    let as_snippet = item.is_snippet && snippets;
    let new_text = if item.is_snippet && !snippets {
        snippet::to_plain_text(&item.edit.new_text)
    } else {
        item.edit.new_text.clone()
    };
    #[allow(deprecated)]
    lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(match item.kind {
            CompletionKind::Element => lsp::CompletionItemKind::PROPERTY,
            CompletionKind::ClosingTag => lsp::CompletionItemKind::KEYWORD,
            CompletionKind::Value => lsp::CompletionItemKind::VALUE,
            CompletionKind::Skeleton => lsp::CompletionItemKind::SNIPPET,
        }),
        detail: item.detail.clone(),
        documentation: item
            .documentation
            .as_ref()
            .map(|markdown| lsp::Documentation::MarkupContent(markdown_content(markdown))),
        deprecated: item.deprecated.then_some(true),
        tags: item
            .deprecated
            .then(|| vec![lsp::CompletionItemTag::DEPRECATED]),
        preselect: item.preselect.then_some(true),
        sort_text: Some(item.sort_text.clone()),
        filter_text: item.filter_text.clone(),
        insert_text_format: Some(if as_snippet {
            lsp::InsertTextFormat::SNIPPET
        } else {
            lsp::InsertTextFormat::PLAIN_TEXT
        }),
        // Multi-line texts carry their own indentation.
        insert_text_mode: Some(lsp::InsertTextMode::AS_IS),
        text_edit: Some(lsp::CompletionTextEdit::Edit(TextEdit::new(
            convert::range(index, item.edit.range, encoding),
            new_text,
        ))),
        ..lsp::CompletionItem::default()
    }
}

pub fn hover(
    index: &LineIndex,
    encoding: PositionEncoding,
    hover: &eca_analysis::Hover,
) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(markdown_content(&hover.markdown)),
        range: Some(convert::range(index, hover.range, encoding)),
    }
}

/// An analysis code action (sort, add required fields) with its edits as a workspace edit.
pub fn code_action(
    locator: &Locator,
    action: &eca_analysis::CodeAction,
    document_changes: bool,
) -> Option<lsp::CodeAction> {
    let edits = locator.document_edits(&action.edits)?;
    Some(lsp::CodeAction {
        title: action.title.clone(),
        kind: Some(code_action_kind(action.kind)),
        edit: Some(workspace_edit(edits, document_changes)),
        is_preferred: action.preferred.then_some(true),
        ..lsp::CodeAction::default()
    })
}

/// The code action kind of "Migrate to an External Client App".
pub const MIGRATE_KIND: &str = "refactor.rewrite.migrate";

/// *Migrate to an External Client App* for a Connected App file: the files `eca-ls migrate`
/// would write, as `CreateFile` operations, with the new components' entries in the project's
/// `package.xml` in Metadata API format (edited or created as the CLI does it). When no
/// manifest may be created, the action carries `eca-ls.showNotes` with the entries to add,
/// which the client runs after the edit, as `eca-ls migrate` prints them. Offered disabled,
/// with the reason, when the migration refuses the file or the client cannot create files
/// (left out for clients that cannot show a disabled action).
pub fn migrate_action(
    locator: &Locator,
    path: &str,
    flags: super::capabilities::ClientFlags,
) -> Option<lsp::CodeAction> {
    use eca_analysis::writers::migrate::{self, MigrationRequest};
    let file = locator.project.file(path)?;
    if !migrate::is_connected_app(file) {
        return None;
    }
    let title = "Migrate to an External Client App".to_string();
    let kind = Some(lsp::CodeActionKind::new(MIGRATE_KIND));
    let disabled = |reason: String| {
        flags.disabled_code_actions.then(|| lsp::CodeAction {
            title: title.clone(),
            kind: kind.clone(),
            disabled: Some(lsp::CodeActionDisabled { reason }),
            ..lsp::CodeAction::default()
        })
    };
    let request = MigrationRequest {
        path: path.to_string(),
        name: None,
        layout: None,
    };
    let mut migration = match migrate::plan_migration(locator.project, &request) {
        Ok(migration) => migration,
        Err(error) => return disabled(error.to_string()),
    };
    // Files created in Metadata API format join the project's manifest, as `eca-ls migrate`
    // adds them (only then is `package.xml` read).
    let manifests = match crate::workspace::add_manifest_entries(
        &mut migration.plan,
        locator.project.api_version.version,
    ) {
        Ok(manifests) => manifests,
        Err(reason) => return disabled(reason),
    };
    let notes = super::authoring::manifest_notes(locator.project, &manifests).collect();
    let document = |target: &str| Some((locator.uri(target)?, locator.version(target)));
    let converted = super::plan_edit::plan_edit(
        &migration.plan,
        flags.resources,
        locator.encoding,
        &document,
        &locator.project.root,
    );
    if !converted.not_expressed.is_empty() {
        return disabled(format!(
            "the editor cannot create files through a workspace edit; run `eca-ls migrate {}` in the project's folder instead",
            locator.project.relative_path(path)
        ));
    }
    Some(lsp::CodeAction {
        title,
        kind,
        edit: Some(converted.edit),
        command: super::commands::show_notes_command(notes),
        ..lsp::CodeAction::default()
    })
}

/// The LSP kind of an analysis code action; sorting is a `source` action.
pub fn code_action_kind(kind: eca_analysis::CodeActionKind) -> lsp::CodeActionKind {
    match kind {
        eca_analysis::CodeActionKind::QuickFix => lsp::CodeActionKind::QUICKFIX,
        eca_analysis::CodeActionKind::SourceSortFields => {
            lsp::CodeActionKind::new(SORT_FIELDS_KIND)
        }
        eca_analysis::CodeActionKind::Refactor => lsp::CodeActionKind::REFACTOR,
    }
}

/// The code action kind of "Sort fields into canonical order".
pub const SORT_FIELDS_KIND: &str = "source.sortFields";

/// The code action kind of "Fix all safe fixes": what `editor.codeActionsOnSave` runs with
/// `"source.fixAll.eca-ls": "explicit"`.
pub const FIX_ALL_KIND: &str = "source.fixAll.eca-ls";

pub fn document_symbol(
    index: &LineIndex,
    encoding: PositionEncoding,
    symbol: &eca_analysis::DocumentSymbol,
) -> lsp::DocumentSymbol {
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: symbol.deprecated.then(|| vec![lsp::SymbolTag::DEPRECATED]),
        deprecated: None,
        range: convert::range(index, symbol.range, encoding),
        selection_range: convert::range(index, symbol.selection_range, encoding),
        children: Some(
            symbol
                .children
                .iter()
                .map(|child| document_symbol(index, encoding, child))
                .collect(),
        ),
    }
}

/// The symbols as a flat list, for clients without hierarchical symbols: each names its
/// parent as container.
pub fn flat_symbols(
    index: &LineIndex,
    encoding: PositionEncoding,
    uri: &Uri,
    symbols: &[eca_analysis::DocumentSymbol],
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for symbol in symbols {
        #[allow(deprecated)]
        out.push(lsp::SymbolInformation {
            name: symbol.name.clone(),
            kind: symbol_kind(symbol.kind),
            tags: symbol.deprecated.then(|| vec![lsp::SymbolTag::DEPRECATED]),
            deprecated: None,
            location: Location::new(uri.clone(), convert::range(index, symbol.range, encoding)),
            container_name: container.map(str::to_string),
        });
        flat_symbols(
            index,
            encoding,
            uri,
            &symbol.children,
            Some(&symbol.name),
            out,
        );
    }
}

pub fn symbol_kind(kind: eca_analysis::SymbolKind) -> lsp::SymbolKind {
    match kind {
        eca_analysis::SymbolKind::Type => lsp::SymbolKind::CLASS,
        eca_analysis::SymbolKind::Field => lsp::SymbolKind::FIELD,
        eca_analysis::SymbolKind::Value => lsp::SymbolKind::CONSTANT,
    }
}

/// A folding range, or `None` when it does not span two lines (nothing to fold).
pub fn folding_range(
    index: &LineIndex,
    encoding: PositionEncoding,
    folding: &eca_analysis::FoldingRange,
) -> Option<lsp::FoldingRange> {
    let range = convert::range(index, folding.range, encoding);
    if range.end.line <= range.start.line {
        return None;
    }
    Some(lsp::FoldingRange {
        start_line: range.start.line,
        start_character: Some(range.start.character),
        end_line: range.end.line,
        end_character: Some(range.end.character),
        kind: Some(match folding.kind {
            eca_analysis::FoldingKind::Region => lsp::FoldingRangeKind::Region,
            eca_analysis::FoldingKind::Comment => lsp::FoldingRangeKind::Comment,
        }),
        collapsed_text: None,
    })
}

/// Nested selection ranges from the innermost outwards; an empty list gives the position
/// itself, since the answer must have one entry per position.
pub fn selection_range(
    index: &LineIndex,
    encoding: PositionEncoding,
    position: lsp::Position,
    ranges: &[TextRange],
) -> lsp::SelectionRange {
    let mut outer: Option<lsp::SelectionRange> = None;
    for range in ranges.iter().rev() {
        outer = Some(lsp::SelectionRange {
            range: convert::range(index, *range, encoding),
            parent: outer.map(Box::new),
        });
    }
    outer.unwrap_or(lsp::SelectionRange {
        range: lsp::Range::new(position, position),
        parent: None,
    })
}

/// A navigation target as a `Location` on its name (what an editor highlights).
pub fn target_location(
    locator: &Locator,
    target: &eca_analysis::NavigationTarget,
) -> Option<Location> {
    locator.location(&target.path, target.selection_range)
}

/// A navigation target as a `LocationLink`, for clients that take links; the client
/// highlights the word under the cursor itself (no `originSelectionRange`).
pub fn target_link(
    locator: &Locator,
    target: &eca_analysis::NavigationTarget,
) -> Option<lsp::LocationLink> {
    Some(lsp::LocationLink {
        origin_selection_range: None,
        target_uri: locator.uri(&target.path)?,
        target_range: locator.range(&target.path, target.range)?,
        target_selection_range: locator.range(&target.path, target.selection_range)?,
    })
}

fn markdown_content(markdown: &str) -> lsp::MarkupContent {
    lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value: markdown.to_string(),
    }
}
