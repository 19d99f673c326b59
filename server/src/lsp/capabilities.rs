//! What the server offers and what it needs to know about the client: the advertised
//! capabilities, the client's relevant abilities, and the file watcher registered when the
//! client can watch files for us.

use eca_schema::Schema;
use eca_syntax::PositionEncoding;
use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CodeLensOptions, CompletionOptions, DiagnosticOptions, DiagnosticServerCapabilities,
    DidChangeWatchedFilesRegistrationOptions, ExecuteCommandOptions, FileOperationFilter,
    FileOperationPattern, FileOperationPatternKind, FileOperationRegistrationOptions,
    FileSystemWatcher, FoldingRangeProviderCapability, GlobPattern, HoverProviderCapability,
    LinkedEditingRangeServerCapabilities, OneOf, Registration, RelativePattern, RenameOptions,
    SelectionRangeProviderCapability, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri, WatchKind, WorkDoneProgressOptions,
    WorkspaceFileOperationsServerCapabilities, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities,
};

use super::plan_edit::ResourceSupport;
use super::{commands, convert, proto};

/// Characters that open completion: a tag, a closing tag, the next item of a scope list.
pub const COMPLETION_TRIGGERS: &[&str] = &["<", "/", ","];

/// The id of the dynamic file watcher registration.
pub const WATCHER_REGISTRATION_ID: &str = "eca-ls-file-watcher";

/// Matches folders too: created and deleted paths of any name, for folder events.
pub const FOLDER_EVENTS_GLOB: &str = "**/*";

/// The experimental client capability (under `experimental.ecaLs`) by which a client that pulls
/// diagnostics says, with `false`, that it never sends `workspace/diagnostic`. No standard
/// capability tells: `textDocument.diagnostic` covers document pulls, and
/// `workspace.diagnostics` only declares `refreshSupport`. Neovim 0.11 declares document pulls
/// and never pulls the workspace, so without this the files it has not open would get no
/// diagnostics at all; its plugin declares it.
pub const PULLS_WORKSPACE_DIAGNOSTICS: &str = "pullsWorkspaceDiagnostics";

/// What the server needs to know about the client, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClientFlags {
    pub snippets: bool,
    pub document_changes: bool,
    pub dynamic_file_watching: bool,
    /// The client's file watchers accept patterns relative to a base URI.
    pub relative_watch_patterns: bool,
    /// The client answers `workspace/configuration`.
    pub configuration_requests: bool,
    pub hierarchical_symbols: bool,
    /// Definitions may be answered with `LocationLink`s.
    pub definition_links: bool,
    /// What a `WorkspaceEdit` may hold: `documentChanges`, and files created or renamed.
    pub resources: ResourceSupport,
    /// Code actions may come `disabled`, with the reason shown.
    pub disabled_code_actions: bool,
    /// The client pulls diagnostics (`textDocument.diagnostic`, LSP 3.17): the server answers
    /// `textDocument/diagnostic` and `workspace/diagnostic` instead of pushing.
    pub pull_diagnostics: bool,
    /// The client pulls the diagnostics of its open documents only, never `workspace/diagnostic`
    /// ([`PULLS_WORKSPACE_DIAGNOSTICS`] `false`): the other files' diagnostics are pushed.
    pub open_documents_pull_only: bool,
    /// The client takes `workspace/diagnostic/refresh` (`workspace.diagnostics.refreshSupport`).
    pub diagnostic_refresh: bool,
    /// The client takes `workspace/codeLens/refresh` (`workspace.codeLens.refreshSupport`).
    pub code_lens_refresh: bool,
}

impl ClientFlags {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> ClientFlags {
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        ClientFlags {
            snippets: text_document
                .and_then(|text_document| text_document.completion.as_ref())
                .and_then(|completion| completion.completion_item.as_ref())
                .and_then(|item| item.snippet_support)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|workspace| workspace.workspace_edit.as_ref())
                .and_then(|edit| edit.document_changes)
                .unwrap_or(false),
            dynamic_file_watching: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watched| watched.dynamic_registration)
                .unwrap_or(false),
            relative_watch_patterns: workspace
                .and_then(|workspace| workspace.did_change_watched_files.as_ref())
                .and_then(|watched| watched.relative_pattern_support)
                .unwrap_or(false),
            configuration_requests: workspace
                .and_then(|workspace| workspace.configuration)
                .unwrap_or(false),
            hierarchical_symbols: text_document
                .and_then(|text_document| text_document.document_symbol.as_ref())
                .and_then(|symbols| symbols.hierarchical_document_symbol_support)
                .unwrap_or(false),
            definition_links: text_document
                .and_then(|text_document| text_document.definition.as_ref())
                .and_then(|definition| definition.link_support)
                .unwrap_or(false),
            resources: ResourceSupport::from_capabilities(capabilities),
            disabled_code_actions: text_document
                .and_then(|text_document| text_document.code_action.as_ref())
                .and_then(|code_action| code_action.disabled_support)
                .unwrap_or(false),
            pull_diagnostics: text_document
                .and_then(|text_document| text_document.diagnostic.as_ref())
                .is_some(),
            open_documents_pull_only: capabilities
                .experimental
                .as_ref()
                .and_then(|experimental| experimental.get(super::settings::SECTION))
                .and_then(|own| own.get(PULLS_WORKSPACE_DIAGNOSTICS))
                .and_then(|pulls| pulls.as_bool())
                == Some(false),
            diagnostic_refresh: workspace
                .and_then(|workspace| workspace.diagnostics.as_ref())
                .and_then(|diagnostics| diagnostics.refresh_support)
                .unwrap_or(false),
            code_lens_refresh: workspace
                .and_then(|workspace| workspace.code_lens.as_ref())
                .and_then(|code_lens| code_lens.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// The capabilities advertised in the `initialize` result: pull diagnostics only to a client
/// that pulls (the others get them pushed).
pub fn server_capabilities(encoding: PositionEncoding, flags: &ClientFlags) -> ServerCapabilities {
    ServerCapabilities {
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("eca-ls".to_string()),
                // A change in one file of an app changes the findings of its other files.
                inter_file_dependencies: true,
                workspace_diagnostics: true,
                work_done_progress_options: Default::default(),
            })
        }),
        position_encoding: Some(convert::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(
                COMPLETION_TRIGGERS
                    .iter()
                    .map(|trigger| trigger.to_string())
                    .collect(),
            ),
            resolve_provider: Some(false),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        linked_editing_range_provider: Some(LinkedEditingRangeServerCapabilities::Simple(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE,
                CodeActionKind::new(proto::SORT_FIELDS_KIND),
                CodeActionKind::new(proto::FIX_ALL_KIND),
                CodeActionKind::REFACTOR,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![
                commands::LIST_FLOWS.to_string(),
                commands::NEW_APP.to_string(),
                commands::SHOW_NOTES.to_string(),
            ],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(header_file_operations()),
                ..WorkspaceFileOperationsServerCapabilities::default()
            }),
        }),
        ..ServerCapabilities::default()
    }
}

/// The files whose renaming `workspace/willRenameFiles` answers: app headers, whose file name
/// is the app's name, in both formats.
pub fn header_file_operations() -> FileOperationRegistrationOptions {
    let filters = Schema::get()
        .types
        .iter()
        .filter(|type_def| type_def.name == eca_analysis::project::HEADER_TYPE)
        .filter_map(|type_def| type_def.suffix.as_deref())
        .flat_map(|suffix| [format!("**/*.{suffix}-meta.xml"), format!("**/*.{suffix}")])
        .map(|glob| FileOperationFilter {
            scheme: Some("file".to_string()),
            pattern: FileOperationPattern {
                glob,
                matches: Some(FileOperationPatternKind::File),
                options: None,
            },
        })
        .collect();
    FileOperationRegistrationOptions { filters }
}

/// The file watcher: every ECA file suffix (source and metadata API format), XML files that
/// may hold an ECA type by their root element, settings files, and the project's own files.
pub fn file_watcher_registration() -> Registration {
    watcher_registration(WATCHER_REGISTRATION_ID.to_string(), None)
}

/// The same watchers relative to a project root outside every workspace folder (an editor
/// opened at a subfolder of a project, or a file opened without a folder), whose other files
/// the plain globs, relative to the workspace folders, do not reach. For clients with
/// `relativePatternSupport`.
pub fn project_watcher_registration(root: Uri) -> Registration {
    let id = format!("{WATCHER_REGISTRATION_ID}:{}", root.as_str());
    watcher_registration(id, Some(root))
}

fn watcher_registration(id: String, base: Option<Uri>) -> Registration {
    let pattern = |glob: String| match &base {
        Some(base) => GlobPattern::Relative(RelativePattern {
            base_uri: OneOf::Right(base.clone()),
            pattern: glob,
        }),
        None => GlobPattern::String(glob),
    };
    let mut watchers: Vec<FileSystemWatcher> = watched_globs()
        .into_iter()
        .map(|glob| FileSystemWatcher {
            glob_pattern: pattern(glob),
            kind: None,
        })
        .collect();
    // Editors report a deleted, moved or renamed folder with one event for the folder alone,
    // which no file pattern matches (VS Code documents this for its watcher): without this
    // watcher the files under it would stay in the index, with their diagnostics.
    watchers.push(FileSystemWatcher {
        glob_pattern: pattern(FOLDER_EVENTS_GLOB.to_string()),
        kind: Some(WatchKind::Create | WatchKind::Delete),
    });
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    Registration {
        id,
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    }
}

/// `**/*.{xml,eca,ecaOauth,…,settings,cls,permissionset,…}`, `**/sfdx-project.json`, `**/eca-ls.toml`,
/// `**/.forceignore`.
pub fn watched_globs() -> Vec<String> {
    let mut extensions: Vec<String> = vec!["xml".to_string(), "settings".to_string()];
    for type_def in &Schema::get().types {
        if let Some(suffix) = &type_def.suffix {
            if !extensions.contains(suffix) {
                extensions.push(suffix.clone());
            }
        }
    }
    // The other components ECA fields name (`classes/Handler.cls`, the Metadata API format's
    // `permissionsets/Sales.permissionset`): their coming and going turns ECA-REF-012 on or off.
    for project_type in &Schema::get().project_types {
        if !extensions.contains(&project_type.suffix) {
            extensions.push(project_type.suffix.clone());
        }
    }
    vec![
        format!("**/*.{{{}}}", extensions.join(",")),
        format!("**/{}", eca_analysis::project_files::SFDX_PROJECT_FILE),
        format!("**/{}", eca_analysis::config::CONFIG_FILE_NAME),
        format!("**/{}", crate::workspace::FORCEIGNORE_FILE_NAME),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watches_every_eca_suffix_and_the_project_files() {
        let globs = watched_globs();
        assert!(globs[0].starts_with("**/*.{xml,settings,"), "{globs:?}");
        for suffix in ["eca", "ecaOauth", "ecaGlblOauth", "ecaOauthPlcy", "ecaPlcy"] {
            assert!(
                globs[0].contains(&format!(",{suffix},"))
                    || globs[0].contains(&format!(",{suffix}}}")),
                "{suffix} missing from {}",
                globs[0]
            );
        }
        // The other components ECA fields name: their Metadata API and `.cls` forms (the
        // source format's `-meta.xml` is an `.xml` file).
        for suffix in ["cls", "permissionset", "profile", "oauthcustomscope"] {
            assert!(
                globs[0].contains(&format!(",{suffix},"))
                    || globs[0].contains(&format!(",{suffix}}}")),
                "{suffix} missing from {}",
                globs[0]
            );
        }
        assert_eq!(globs[1], "**/sfdx-project.json");
        assert_eq!(globs[2], "**/eca-ls.toml");
        assert_eq!(globs[3], "**/.forceignore");
    }

    #[test]
    fn watches_created_and_deleted_folders() {
        let registration = file_watcher_registration();
        let options: DidChangeWatchedFilesRegistrationOptions =
            serde_json::from_value(registration.register_options.unwrap_or_default())
                .unwrap_or_else(|error| panic!("registration options: {error}"));
        let folder_watcher = options
            .watchers
            .iter()
            .find(|watcher| {
                watcher.glob_pattern == GlobPattern::String(FOLDER_EVENTS_GLOB.to_string())
            })
            .unwrap_or_else(|| panic!("no watcher for folders in {:?}", options.watchers));
        assert_eq!(
            folder_watcher.kind,
            Some(WatchKind::Create | WatchKind::Delete),
            "folder changes only: file changes come through the file patterns"
        );
    }
}
