//! `textDocument/formatting` and `textDocument/rangeFormatting`: the editor's
//! `FormattingOptions`, the `.editorconfig` files and the Prettier configuration on disk decide
//! the options; the formatting writer computes the text; the answer is the one edit between the
//! buffer and that text.

use std::path::Path;

use eca_analysis::SourceFile;
use eca_analysis::writers::format::settings::EditorOptions;
use eca_analysis::writers::format::{changed_range, format_file, format_range};
use eca_syntax::TextRange;
use tower_lsp_server::ls_types::{FormattingOptions, Range, TextEdit};

use super::convert;
use super::state::Snapshot;
use crate::format_sources::FormatSources;

/// The edits that format the document (or the part of it `range` selects), with the notes
/// about settings that could not be read or followed. `Err` says why the document was not
/// formatted.
pub fn format_document(
    snapshot: &Snapshot,
    file: &SourceFile,
    options: &FormattingOptions,
    range: Option<Range>,
) -> Result<(Vec<TextEdit>, Vec<String>), String> {
    let editor = EditorOptions {
        tab_size: options.tab_size,
        insert_spaces: options.insert_spaces,
        insert_final_newline: options.insert_final_newline,
        trim_final_newlines: options.trim_final_newlines,
    };
    let path = Path::new(&snapshot.path);
    let sources = if path.is_absolute() {
        FormatSources::for_file(path)
    } else {
        // An unsaved buffer has no folder to look in.
        FormatSources::default()
    };
    let style = snapshot.project.config.format_style.unwrap_or_default();
    let resolved = sources.resolve(path, style, Some(editor));
    let index = file.line_index();
    let edit = match range {
        None => format_file(file, &resolved.options)
            .map(|formatted| changed_range(&file.text, &formatted)),
        Some(range) => {
            let selection = convert::text_range(index, range, snapshot.encoding);
            format_range(&file.text, &file.parse, selection, &resolved.options).map(|edit| {
                edit.and_then(|(range, new_text)| narrowed(&file.text, range, new_text))
            })
        }
    }
    .map_err(|error| error.message(&file.text))?;
    let edits = edit
        .map(|(range, new_text)| TextEdit {
            range: convert::range(index, range, snapshot.encoding),
            new_text,
        })
        .into_iter()
        .collect();
    Ok((edits, resolved.notes))
}

/// A replacement of `range` narrowed to what actually changes in it.
fn narrowed(text: &str, range: TextRange, new_text: String) -> Option<(TextRange, String)> {
    let (inner, inner_text) = changed_range(range.slice(text), &new_text)?;
    Some((
        TextRange::new(range.start + inner.start, range.start + inner.end),
        inner_text,
    ))
}
