//! Bulk fixing over every code's examples and every project of the shared corpus: it removes
//! every finding that has a safe fix, brings no new finding, loses no element, value or
//! comment it did not mean to change (the trees before and after are compared), never applies
//! an unsafe fix unasked, and a second run changes nothing.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eca_analysis::writers::fix_all::{FixAllOptions, chosen_fix, fix_all};
use eca_analysis::{ApiVersionChoice, Config, FixSafety, Project, codes, fixture::Fixture};
use eca_syntax::{Document, Node};

#[test]
fn bulk_fixing_every_code_example_keeps_its_promises() {
    let mut fixed_files = 0;
    for info in codes::all_codes() {
        for fixture in [info.example, info.fixed_example] {
            let project = Fixture::parse(fixture)
                .and_then(|fixture| fixture.project(&codes::all_code_names()))
                .unwrap_or_else(|error| panic!("{}: bad fixture: {error}", info.code));
            fixed_files += check_bulk_fixing(&project, info.code);
        }
    }
    assert!(fixed_files >= 10, "only {fixed_files} example files fixed");
}

#[test]
fn bulk_fixing_the_corpus_keeps_its_promises() {
    let corpus = support::corpus_directory();
    let mut projects = 0;
    let mut fixed_files = 0;
    for entry in read_directory(&corpus) {
        if entry.is_dir() {
            fixed_files += check_bulk_fixing(&load_project(&entry), &entry.display().to_string());
            projects += 1;
        }
    }
    assert!(fixed_files >= 10, "only {fixed_files} corpus files fixed");
    assert!(projects >= 20, "only {projects} corpus projects");
}

/// Bulk-fix the whole project with safe fixes only; check every promise; return how many files
/// changed.
fn check_bulk_fixing(project: &Project, what: &str) -> usize {
    let before = eca_analysis::project_diagnostics(project);
    let (result, fixed) = fix_all(project, |_| true, FixAllOptions::default());
    let after = eca_analysis::project_diagnostics(&fixed);
    // The plan's operations give the very texts bulk fixing computed.
    let planned = result.plan.applied_to(project);
    for file in &result.files {
        assert_eq!(
            planned
                .file(&file.path)
                .map(|planned| planned.text.as_str()),
            Some(file.text.as_str()),
            "{what}: {}",
            file.path
        );
    }
    for file in &result.files {
        for applied in &file.applied {
            assert_eq!(
                applied.safety,
                FixSafety::Safe,
                "{what}: unsafe fix applied unasked: {} {}",
                applied.code,
                applied.title
            );
        }
        assert!(
            !result.not_rewritten.contains(&file.path),
            "{what}: {} has syntax errors and was rewritten",
            file.path
        );
        compare_trees(what, &file.path, &file.original, &file.text, &file.applied);
    }
    // Every finding with a safe fix is gone (unless its file could not be rewritten).
    for (path, diagnostics) in &after {
        if result.not_rewritten.contains(path) {
            continue;
        }
        for diagnostic in diagnostics {
            let fix = chosen_fix(diagnostic, FixAllOptions::default());
            assert!(
                fix.is_none(),
                "{what}: {path}: a finding with a safe fix is left: {}[{}] {} ({:?})",
                diagnostic.severity,
                diagnostic.code,
                diagnostic.message,
                fix.map(|fix| &fix.title)
            );
        }
    }
    // No new finding: each code is found at most as often as before, in each file.
    for (path, diagnostics) in &after {
        let count = |list: &[eca_analysis::Diagnostic]| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for diagnostic in list {
                *counts.entry(diagnostic.code.clone()).or_default() += 1;
            }
            counts
        };
        let was = count(before.get(path).map_or(&[][..], Vec::as_slice));
        for (code, now) in count(diagnostics) {
            let then = was.get(&code).copied().unwrap_or_default();
            assert!(
                now <= then,
                "{what}: {path}: bulk fixing brought {code} ({then} before, {now} after)"
            );
        }
    }
    let (again, _) = fix_all(&fixed, |_| true, FixAllOptions::default());
    assert!(
        again.files.is_empty(),
        "{what}: a second run changes {:?}",
        again
            .files
            .iter()
            .map(|file| &file.path)
            .collect::<Vec<_>>()
    );
    result.files.len()
}

/// What a file says, as a multiset: each element without child elements with the names of its
/// ancestors and its text, and each comment.
fn said(text: &str) -> BTreeMap<String, usize> {
    let parse = eca_syntax::parse(text);
    let document = &parse.document;
    let mut items: BTreeMap<String, usize> = BTreeMap::new();
    for node in document.top_level() {
        collect(document, text, node, "", &mut items);
    }
    items
}

fn collect(
    document: &Document,
    text: &str,
    node: &Node,
    path: &str,
    items: &mut BTreeMap<String, usize>,
) {
    match node {
        Node::Comment(comment) => {
            *items
                .entry(format!("comment {}", comment.range().slice(text).trim()))
                .or_default() += 1;
        }
        Node::Element(id) => {
            let element = document.element(*id);
            let path = format!("{path}/{}", element.name());
            if element.has_child_elements() {
                for child in element.children() {
                    collect(document, text, child, &path, items);
                }
            } else {
                let value = element.text_value().value;
                *items.entry(format!("{path} = {value}")).or_default() += 1;
                for child in element.children() {
                    if let Node::Comment(_) = child {
                        collect(document, text, child, &path, items);
                    }
                }
            }
        }
        Node::Text(_) | Node::CData(_) | Node::ProcessingInstruction(_) => {}
    }
}

/// The trees before and after agree but for what the applied fixes mean to change: a removal
/// removes elements and adds none; a sort moves without losing; any other fix replaces no more
/// than it adds. Only an unused suppression's fix may drop a comment.
fn compare_trees(
    what: &str,
    path: &str,
    original: &str,
    text: &str,
    applied: &[eca_analysis::writers::fix_all::AppliedFix],
) {
    let before = said(original);
    let after = said(text);
    let lost: Vec<&String> = before
        .iter()
        .filter(|(item, count)| after.get(*item).copied().unwrap_or_default() < **count)
        .map(|(item, _)| item)
        .collect();
    let gained: Vec<&String> = after
        .iter()
        .filter(|(item, count)| before.get(*item).copied().unwrap_or_default() < **count)
        .map(|(item, _)| item)
        .collect();
    let removes = applied.iter().any(|fix| fix.title.starts_with("Remove"));
    let comment_fixes = applied
        .iter()
        .any(|fix| fix.code == codes::UNUSED_SUPPRESSION);
    for item in &lost {
        if item.starts_with("comment ") {
            assert!(
                comment_fixes,
                "{what}: {path}: lost the comment {item} ({applied:?})"
            );
        } else {
            assert!(
                removes || !gained.is_empty(),
                "{what}: {path}: lost {item} ({applied:?})"
            );
        }
    }
    let only_sorts = applied.iter().all(|fix| fix.code == codes::ELEMENT_ORDER);
    if only_sorts {
        assert!(
            lost.is_empty() && gained.is_empty(),
            "{what}: {path}: sorting changed {lost:?} into {gained:?}"
        );
    }
    if !removes {
        let elements_lost = lost
            .iter()
            .filter(|item| !item.starts_with("comment "))
            .count();
        assert!(
            elements_lost <= gained.len(),
            "{what}: {path}: lost {lost:?}, gained only {gained:?} ({applied:?})"
        );
    }
}

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
            project.set_file(
                entry.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            );
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
