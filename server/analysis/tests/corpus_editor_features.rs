//! The editor features on real files: completion, hover, symbols, folding, selection ranges,
//! code actions and navigation at every element name and value of every file in the shared
//! corpus (`shared/corpus/repos` beside the repository). Nothing may panic, every known field
//! must have a hover, and no action may lose text.

mod support;

use std::path::{Path, PathBuf};

use eca_analysis::{
    ApiVersionChoice, CodeActionKind, Config, Project, code_actions, completions, definition,
    document_symbols, file_status, folding_ranges, hover, references, selection_ranges,
};
use eca_syntax::TextRange;

#[test]
fn every_corpus_file_supports_the_editor_features() {
    let corpus = support::corpus_directory();
    let mut projects = 0;
    let mut known_fields = 0;
    for entry in read_directory(&corpus) {
        if !entry.is_dir() {
            continue;
        }
        let project = load_project(&entry);
        projects += 1;
        for path in project
            .files()
            .map(|file| file.path.clone())
            .collect::<Vec<_>>()
        {
            known_fields += check_file(&project, &path);
        }
    }
    assert!(
        projects >= 20,
        "only {projects} corpus projects under {}",
        corpus.display()
    );
    assert!(
        known_fields >= 1000,
        "only {known_fields} known fields hovered"
    );
}

/// Runs every feature on one file; returns how many known fields it hovered.
fn check_file(project: &Project, path: &str) -> usize {
    let file = project.file(path).expect("a file of the project");
    if file.kind.is_none() {
        return 0;
    }
    let text = file.text.clone();
    let document = &file.parse.document;
    let mut offsets: Vec<usize> = Vec::new();
    let mut known_fields = 0;
    for id in document.element_ids() {
        let element = document.element(id);
        let mut name_ranges = vec![element.name_range()];
        name_ranges.extend(element.end_tag().map(|end_tag| end_tag.name_range));
        for name in name_ranges {
            if name.is_empty() {
                continue;
            }
            let hovered = hover(project, path, name.start + name.len() / 2);
            let is_root = document.root() == Some(id);
            if is_root || is_known_field(project, path, id) {
                let hovered =
                    hovered.unwrap_or_else(|| panic!("{path}: no hover on `{}`", element.name()));
                assert!(
                    !hovered.markdown.trim().is_empty(),
                    "{path}: empty hover on `{}`",
                    element.name()
                );
                known_fields += 1;
            }
            offsets.extend(positions(name));
        }
        if !element.has_child_elements() {
            let value = document.element(id).text_value();
            offsets.extend(positions(value.range));
        }
    }
    for &offset in &offsets {
        for item in completions(project, path, offset) {
            assert!(
                item.edit.range.touches(offset),
                "{path}@{offset}: `{}` does not replace around the cursor",
                item.label
            );
            assert!(
                !item.edit.range.slice(&text).contains('\n'),
                "{path}@{offset}: `{}` spans lines",
                item.label
            );
        }
        if let Some(found) = hover(project, path, offset) {
            assert!(found.range.touches(offset), "{path}@{offset}: hover range");
        }
        definition(project, path, offset);
        references(project, path, offset, true);
        let actions = code_actions(project, path, TextRange::empty(offset));
        for action in actions {
            if action.kind == CodeActionKind::SourceSortFields {
                let after = apply(&text, &action.edits);
                assert_eq!(
                    sorted_chars(&text),
                    sorted_chars(&after),
                    "{path}: the sort lost text"
                );
            }
        }
    }
    let chains = selection_ranges(project, path, &offsets);
    for chain in chains {
        for pair in chain.windows(2) {
            assert!(
                pair[1].contains_range(pair[0]),
                "{path}: selection ranges must grow"
            );
        }
    }
    document_symbols(project, path);
    folding_ranges(project, path);
    let status = file_status(project, path);
    assert!(status.type_name.is_some(), "{path}: no type in the status");
    known_fields
}

fn is_known_field(project: &Project, path: &str, id: eca_syntax::ElementId) -> bool {
    // A known field is one whose parent is typed and whose type lists it; the hover of such a
    // field comes from the schema and must exist.
    let file = project.file(path).expect("a file of the project");
    let document = &file.parse.document;
    let element = document.element(id);
    let Some(parent) = element.parent() else {
        return false;
    };
    let mut chain = vec![parent];
    let mut current = document.element(parent).parent();
    while let Some(ancestor) = current {
        chain.push(ancestor);
        current = document.element(ancestor).parent();
    }
    let schema = eca_schema::Schema::get();
    let Some(root_type) = document
        .root_element()
        .and_then(|root| schema.type_for_root_element(root.local_name()))
        .or_else(|| file.kind.map(|kind| kind.type_def))
    else {
        return false;
    };
    let mut type_def = root_type;
    for ancestor in chain.iter().rev().skip(1) {
        let Some(nested) = type_def
            .field(document.element(*ancestor).local_name())
            .and_then(|field| schema.nested_type_of(field))
        else {
            return false;
        };
        type_def = nested;
    }
    type_def.field(element.local_name()).is_some()
}

/// The start, middle and end of a range.
fn positions(range: TextRange) -> Vec<usize> {
    vec![range.start, range.start + range.len() / 2, range.end]
}

fn apply(text: &str, edits: &[eca_analysis::FileEdit]) -> String {
    // From the end, same-offset insertions in list order (see test_support::apply_edits).
    let mut edits: Vec<&eca_analysis::FileEdit> = edits.iter().rev().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let mut result = text.to_string();
    for edit in edits {
        result.replace_range(edit.range.start..edit.range.end, &edit.new_text);
    }
    result
}

fn sorted_chars(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

/// One corpus repository as one project: every file under it, with the newest API version.
fn load_project(root: &Path) -> Project {
    let mut project = Project::new(
        root.display().to_string(),
        ApiVersionChoice::schema_default(),
        Config::default(),
    );
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in read_directory(&directory) {
            if entry.is_dir() {
                pending.push(entry);
                continue;
            }
            let bytes = std::fs::read(&entry)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", entry.display()));
            let text = String::from_utf8_lossy(&bytes).into_owned();
            project.set_file(entry.display().to_string(), text);
        }
    }
    project
}

fn read_directory(directory: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    entries
}
