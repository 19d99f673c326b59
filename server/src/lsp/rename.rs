//! Renaming an app through the protocol: `textDocument/prepareRename` and `textDocument/rename`
//! on an app's name, and `workspace/willRenameFiles` for a header renamed in the editor. The
//! rename writer plans; `plan_edit` turns the plan into one `WorkspaceEdit`; what the client
//! cannot take (renaming files, without `RenameFile` support) comes back as the list of files to
//! rename by hand, for a `window/showMessage`.

use eca_analysis::SourceFile;
use eca_analysis::writers::rename::{
    AppRename, plan_app_rename, plan_header_file_rename, rename_target,
};
use tower_lsp_server::ls_types::{DocumentChanges, Position, PrepareRenameResponse, WorkspaceEdit};

use super::convert;
use super::plan_edit::{ResourceSupport, plan_edit};
use super::state::Snapshot;

/// Said when a rename starts anywhere but on an app's name.
pub const NOT_AN_APP_NAME: &str = "eca-ls renames External Client Apps: put the cursor on an externalClientApplication value, on the app name after the colon of orgScopedExternalApp, or on a header's root element";

/// A rename as the client gets it.
#[derive(Debug, Clone)]
pub struct RenameEdit {
    pub edit: WorkspaceEdit,
    /// One line per file the client could not be asked to rename (`Portal_oauth.ecaOauth-meta.xml
    /// → Web_oauth.ecaOauth-meta.xml`), for the user to rename by hand.
    pub by_hand: Vec<String>,
    pub old_name: String,
    pub new_name: String,
}

/// The range of the app name at `position` and the name to offer: the app's name (a header's
/// root element shows the type, not the name).
pub fn prepare(
    snapshot: &Snapshot,
    file: &SourceFile,
    position: Position,
) -> Result<PrepareRenameResponse, String> {
    let index = file.line_index();
    let offset = convert::offset(index, position, snapshot.encoding);
    let target = rename_target(&snapshot.project, &snapshot.path, offset).ok_or(NOT_AN_APP_NAME)?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(index, target.range, snapshot.encoding),
        placeholder: target.app.name,
    })
}

/// The edit that renames the app whose name is at `position` to `new_name`; `Err` says why
/// nothing is renamed (not on an app's name, an invalid or taken name).
pub fn rename(
    snapshot: &Snapshot,
    file: &SourceFile,
    position: Position,
    new_name: &str,
    support: ResourceSupport,
) -> Result<RenameEdit, String> {
    let offset = convert::offset(file.line_index(), position, snapshot.encoding);
    let target = rename_target(&snapshot.project, &snapshot.path, offset).ok_or(NOT_AN_APP_NAME)?;
    let planned = plan_app_rename(&snapshot.project, &target.app.name, new_name.trim())
        .map_err(|error| error.to_string())?;
    Ok(as_edit(snapshot, &planned, support))
}

/// The reference updates for a header file renamed from `old_path` to `new_path` (its name is
/// the app's name); `None` when the file is no header or keeps its name, `Err` when the new
/// file name is no valid or free app name (the file is renamed anyway, by the editor).
pub fn will_rename(
    snapshot: &Snapshot,
    old_path: &str,
    new_path: &str,
    support: ResourceSupport,
) -> Option<Result<RenameEdit, String>> {
    let planned = plan_header_file_rename(&snapshot.project, old_path, new_path)?;
    Some(
        planned
            .map(|planned| as_edit(snapshot, &planned, support))
            .map_err(|error| error.to_string()),
    )
}

fn as_edit(snapshot: &Snapshot, planned: &AppRename, support: ResourceSupport) -> RenameEdit {
    let locator = snapshot.locator();
    let document = |path: &str| Some((locator.uri(path)?, locator.version(path)));
    let converted = plan_edit(
        &planned.plan,
        support,
        snapshot.encoding,
        &document,
        &snapshot.project.root,
    );
    let prefix = format!("{}/", snapshot.project.root.trim_end_matches('/'));
    let by_hand = planned
        .plan
        .operations()
        .iter()
        .filter_map(|operation| match operation {
            eca_analysis::writers::Operation::Rename { from, to, .. } if !support.rename => {
                let from = from.strip_prefix(&prefix).unwrap_or(from);
                let to = to.strip_prefix(&prefix).unwrap_or(to);
                Some(format!("{from} → {to}"))
            }
            _ => None,
        })
        .collect();
    RenameEdit {
        edit: converted.edit,
        by_hand,
        old_name: planned.old_name.clone(),
        new_name: planned.new_name.clone(),
    }
}

/// The `window/showMessage` text for files left to rename by hand.
pub fn by_hand_message(renamed: &RenameEdit) -> Option<String> {
    if renamed.by_hand.is_empty() {
        return None;
    }
    Some(format!(
        "Renamed the app `{}` to `{}` inside its files; this editor cannot rename files for a language server, so rename these by hand to keep the names Salesforce expects: {}",
        renamed.old_name,
        renamed.new_name,
        renamed.by_hand.join(", ")
    ))
}

/// What linked editing lets a tag name become while its pair follows: an XML name (a typed
/// space or `>` ends the linked edit).
pub const TAG_NAME_PATTERN: &str = r"[A-Za-z_][-A-Za-z0-9_.:]*";

/// Several headers renamed at once: their edits as one. `None` when there is nothing to edit.
pub fn merge_edits(edits: Vec<WorkspaceEdit>) -> Option<WorkspaceEdit> {
    let mut merged: Option<WorkspaceEdit> = None;
    for edit in edits {
        let Some(into) = merged.as_mut() else {
            merged = Some(edit);
            continue;
        };
        if let Some(changes) = edit.changes {
            let target = into.changes.get_or_insert_with(Default::default);
            for (uri, text_edits) in changes {
                target.entry(uri).or_default().extend(text_edits);
            }
        }
        if let Some(DocumentChanges::Operations(operations)) = edit.document_changes {
            match into
                .document_changes
                .get_or_insert_with(|| DocumentChanges::Operations(Vec::new()))
            {
                DocumentChanges::Operations(target) => target.extend(operations),
                DocumentChanges::Edits(_) => {}
            }
        }
    }
    merged
}
