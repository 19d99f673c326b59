//! A writer's plan as one `WorkspaceEdit`, in the form the client understands. The server
//! never writes files; the client applies (and can preview) the edit.
//!
//! - A client with `workspace.workspaceEdit.documentChanges` gets `documentChanges` in the
//!   plan's order: versioned `TextDocumentEdit`s, and `CreateFile` (followed by an edit that
//!   fills the new file) / `RenameFile` where it declares those `resourceOperations`; neither
//!   ever overwrites an existing file.
//! - Any other client gets a plain `changes` map of text edits.
//!
//! What the client cannot be sent (a file to create or rename, a path with no URI) is listed in
//! [`PlanEdit::not_expressed`], so that the handler can tell the user instead of dropping it
//! quietly. Positions go through `convert`, on the text each edit was computed on.

use std::collections::HashMap;

use eca_analysis::project::relative_to;
use eca_analysis::writers::{Operation, Plan};
use eca_syntax::{LineIndex, PositionEncoding};
use tower_lsp_server::ls_types::{
    ClientCapabilities, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, Range, RenameFile, RenameFileOptions,
    ResourceOp, ResourceOperationKind, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;

/// What the client can take in a `WorkspaceEdit`, from its capabilities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResourceSupport {
    /// `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `create` among `workspace.workspaceEdit.resourceOperations`.
    pub create: bool,
    /// `rename` among `workspace.workspaceEdit.resourceOperations`.
    pub rename: bool,
}

impl ResourceSupport {
    pub fn from_capabilities(capabilities: &ClientCapabilities) -> ResourceSupport {
        let edit = capabilities
            .workspace
            .as_ref()
            .and_then(|workspace| workspace.workspace_edit.as_ref());
        let document_changes = edit.and_then(|edit| edit.document_changes).unwrap_or(false);
        let operations = edit
            .and_then(|edit| edit.resource_operations.as_deref())
            .unwrap_or_default();
        // Resource operations only travel inside `documentChanges`.
        ResourceSupport {
            document_changes,
            create: document_changes && operations.contains(&ResourceOperationKind::Create),
            rename: document_changes && operations.contains(&ResourceOperationKind::Rename),
        }
    }
}

/// A plan as a workspace edit, and what of it could not be expressed for this client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEdit {
    pub edit: WorkspaceEdit,
    /// One line per operation left out, in the plan's order: what and why it was planned
    /// (`create force-app/…/Web.eca-meta.xml: the header the app lacks`).
    pub not_expressed: Vec<String>,
}

/// Where a path is for the client: its URI, and the version of its open document.
pub type DocumentOf<'a> = &'a dyn Fn(&str) -> Option<(Uri, Option<i32>)>;

/// Convert a plan. `document` gives the URI of a path and, for an open document, the version
/// the plan was computed on (`None` for files that are not open or do not exist yet). What
/// cannot be sent names its files relative to `root`, the project's root.
pub fn plan_edit(
    plan: &Plan,
    support: ResourceSupport,
    encoding: PositionEncoding,
    document: DocumentOf,
    root: &str,
) -> PlanEdit {
    let shown = |path: &str| relative_to(root, path).to_string();
    let mut operations: Vec<DocumentChangeOperation> = Vec::new();
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let mut not_expressed = Vec::new();
    for operation in plan.operations() {
        match operation {
            Operation::Create {
                path,
                content,
                reason,
            } => {
                let uri = document(path).map(|(uri, _)| uri);
                let Some(uri) = uri.filter(|_| support.create) else {
                    not_expressed.push(format!("create {}: {reason}", shown(path)));
                    continue;
                };
                operations.push(DocumentChangeOperation::Op(ResourceOp::Create(
                    CreateFile {
                        uri: uri.clone(),
                        options: Some(CreateFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(false),
                        }),
                        annotation_id: None,
                    },
                )));
                if !content.is_empty() {
                    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri,
                            version: None,
                        },
                        edits: vec![OneOf::Left(TextEdit::new(
                            Range::default(),
                            content.clone(),
                        ))],
                    }));
                }
            }
            Operation::Replace {
                path,
                original,
                edits,
            } => {
                let Some((uri, version)) = document(path) else {
                    let mut reasons: Vec<&str> = Vec::new();
                    for edit in edits {
                        if !reasons.contains(&edit.reason.as_str()) {
                            reasons.push(&edit.reason);
                        }
                    }
                    not_expressed.push(format!("edit {}: {}", shown(path), reasons.join("; ")));
                    continue;
                };
                let index = LineIndex::new(original);
                let text_edits: Vec<TextEdit> = edits
                    .iter()
                    .map(|edit| {
                        TextEdit::new(
                            convert::range(&index, edit.range, encoding),
                            edit.new_text.clone(),
                        )
                    })
                    .collect();
                if support.document_changes {
                    operations.push(DocumentChangeOperation::Edit(TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier { uri, version },
                        edits: text_edits.into_iter().map(OneOf::Left).collect(),
                    }));
                } else {
                    changes.entry(uri).or_default().extend(text_edits);
                }
            }
            Operation::Rename { from, to, reason } => {
                let uris = document(from).zip(document(to)).filter(|_| support.rename);
                let Some(((old_uri, _), (new_uri, _))) = uris else {
                    not_expressed.push(format!(
                        "rename {} to {}: {reason}",
                        shown(from),
                        shown(to)
                    ));
                    continue;
                };
                operations.push(DocumentChangeOperation::Op(ResourceOp::Rename(
                    RenameFile {
                        old_uri,
                        new_uri,
                        options: Some(RenameFileOptions {
                            overwrite: Some(false),
                            ignore_if_exists: Some(false),
                        }),
                        annotation_id: None,
                    },
                )));
            }
        }
    }
    let edit = if support.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(operations)),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }
    };
    PlanEdit {
        edit,
        not_expressed,
    }
}

#[cfg(test)]
mod tests {
    use eca_syntax::TextRange;
    use expect_test::{Expect, expect};
    use serde_json::json;

    use super::*;

    /// An edit in an open file with an emoji before it (2 UTF-16 units, 4 UTF-8 bytes), a
    /// file to create, a rename of a closed file.
    fn plan() -> Plan {
        let text = "<a>😀<b>x</b></a>\n";
        let x = text.find('x').expect("an x");
        let mut plan = Plan::new();
        plan.replace(
            "/p/open.xml",
            text,
            [(TextRange::new(x, x + 1), "y".to_string())],
            "set b",
        )
        .expect("valid");
        plan.create(
            "/p/new/Web.eca-meta.xml",
            "<new/>\n",
            "the header the app lacks",
        )
        .expect("free");
        plan.rename("/p/old.xml", "/p/renamed.xml", "the name Setup gives it")
            .expect("free");
        plan
    }

    fn document(path: &str) -> Option<(Uri, Option<i32>)> {
        let version = (path == "/p/open.xml").then_some(7);
        Some((convert::uri_for_path(path)?, version))
    }

    fn check(support: ResourceSupport, encoding: PositionEncoding, expected: Expect) {
        let converted = plan_edit(&plan(), support, encoding, &document, "/p");
        let rendered = json!({
            "edit": converted.edit,
            "notExpressed": converted.not_expressed,
        });
        expected.assert_eq(&serde_json::to_string_pretty(&rendered).expect("JSON"));
    }

    #[test]
    fn with_resource_operations_the_plan_is_one_ordered_document_changes_list() {
        let support = ResourceSupport {
            document_changes: true,
            create: true,
            rename: true,
        };
        check(
            support,
            PositionEncoding::Utf16,
            expect![[r#"
            {
              "edit": {
                "documentChanges": [
                  {
                    "edits": [
                      {
                        "newText": "y",
                        "range": {
                          "end": {
                            "character": 9,
                            "line": 0
                          },
                          "start": {
                            "character": 8,
                            "line": 0
                          }
                        }
                      }
                    ],
                    "textDocument": {
                      "uri": "file:///p/open.xml",
                      "version": 7
                    }
                  },
                  {
                    "kind": "create",
                    "options": {
                      "ignoreIfExists": false,
                      "overwrite": false
                    },
                    "uri": "file:///p/new/Web.eca-meta.xml"
                  },
                  {
                    "edits": [
                      {
                        "newText": "<new/>\n",
                        "range": {
                          "end": {
                            "character": 0,
                            "line": 0
                          },
                          "start": {
                            "character": 0,
                            "line": 0
                          }
                        }
                      }
                    ],
                    "textDocument": {
                      "uri": "file:///p/new/Web.eca-meta.xml",
                      "version": null
                    }
                  },
                  {
                    "kind": "rename",
                    "newUri": "file:///p/renamed.xml",
                    "oldUri": "file:///p/old.xml",
                    "options": {
                      "ignoreIfExists": false,
                      "overwrite": false
                    }
                  }
                ]
              },
              "notExpressed": []
            }"#]],
        );
    }

    #[test]
    fn without_resource_operations_the_text_edits_go_and_the_rest_is_reported() {
        let versioned_only = ResourceSupport {
            document_changes: true,
            create: false,
            rename: false,
        };
        check(
            versioned_only,
            PositionEncoding::Utf8,
            expect![[r#"
                {
                  "edit": {
                    "documentChanges": [
                      {
                        "edits": [
                          {
                            "newText": "y",
                            "range": {
                              "end": {
                                "character": 11,
                                "line": 0
                              },
                              "start": {
                                "character": 10,
                                "line": 0
                              }
                            }
                          }
                        ],
                        "textDocument": {
                          "uri": "file:///p/open.xml",
                          "version": 7
                        }
                      }
                    ]
                  },
                  "notExpressed": [
                    "create new/Web.eca-meta.xml: the header the app lacks",
                    "rename old.xml to renamed.xml: the name Setup gives it"
                  ]
                }"#]],
        );
        check(
            ResourceSupport::default(),
            PositionEncoding::Utf16,
            expect![[r#"
                {
                  "edit": {
                    "changes": {
                      "file:///p/open.xml": [
                        {
                          "newText": "y",
                          "range": {
                            "end": {
                              "character": 9,
                              "line": 0
                            },
                            "start": {
                              "character": 8,
                              "line": 0
                            }
                          }
                        }
                      ]
                    }
                  },
                  "notExpressed": [
                    "create new/Web.eca-meta.xml: the header the app lacks",
                    "rename old.xml to renamed.xml: the name Setup gives it"
                  ]
                }"#]],
        );
    }

    #[test]
    fn support_is_read_from_the_client_capabilities() {
        let capabilities = |value: serde_json::Value| -> ClientCapabilities {
            serde_json::from_value(value).expect("capabilities")
        };
        let found = [
            json!({}),
            json!({ "workspace": { "workspaceEdit": { "documentChanges": true } } }),
            json!({ "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] } } }),
            json!({ "workspace": { "workspaceEdit": { "documentChanges": true, "resourceOperations": ["rename"] } } }),
            json!({ "workspace": { "workspaceEdit": { "resourceOperations": ["create", "rename"] } } }),
        ]
        .map(|value| {
            let support = ResourceSupport::from_capabilities(&capabilities(value));
            format!(
                "documentChanges {} create {} rename {}",
                support.document_changes, support.create, support.rename
            )
        });
        expect![[r#"
            documentChanges false create false rename false
            documentChanges true create false rename false
            documentChanges true create true rename true
            documentChanges true create false rename true
            documentChanges false create false rename false"#]]
        .assert_eq(&found.join("\n"));
    }
}
