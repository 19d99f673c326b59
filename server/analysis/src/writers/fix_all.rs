//! Fixes in bulk: every safe fix of the findings of some files (and, when asked, each unsafe
//! fix that is the single preferred fix of its finding), applied round after round until
//! nothing changes. The engine behind `eca-ls check --fix` and the editor's fix-all action.
//!
//! Files with syntax errors are never rewritten: their trees may not say where an element
//! really ends. A fix that edits a file outside the ones asked for, or overlaps another fix
//! of the same round, waits (or is left). Pure: a project in, new texts out.

use std::collections::{BTreeMap, BTreeSet};

use eca_syntax::TextRange;

use crate::model::diagnostic::{Diagnostic, FileEdit, Fix, FixSafety};
use crate::model::project::Project;
use crate::writers::Plan;
use crate::writers::changed_ranges::changed_ranges;

/// Which fixes bulk fixing may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixAllOptions {
    /// Also apply an unsafe fix when it is the single preferred fix of its finding.
    pub unsafe_fixes: bool,
}

/// What bulk fixing did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FixAllResult {
    /// The files it changed, in path order.
    pub files: Vec<FixedFile>,
    /// The files asked for that have syntax errors, left untouched.
    pub not_rewritten: Vec<String>,
    /// How many rounds changed something.
    pub rounds: usize,
    /// The changed files as file operations: what the CLI applies (or shows with `--diff`) and
    /// the language server sends as one workspace edit.
    pub plan: Plan,
}

/// One file bulk fixing changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub path: String,
    pub original: String,
    pub text: String,
    /// The fixes applied to findings of this file, in the order applied.
    pub applied: Vec<AppliedFix>,
}

/// One fix bulk fixing applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    /// The finding's code.
    pub code: String,
    pub title: String,
    pub safety: FixSafety,
    /// The finding's 0-based line in the file as it was before the round that fixed it.
    pub line: usize,
}

/// Rounds of fixing at most: each round applies the fixes that do not overlap, and a fix can
/// bring a finding with a fix of its own; a bound keeps two fixes that undo each other from
/// looping.
pub const MAX_ROUNDS: usize = 10;

/// Apply the fixes bulk fixing may apply to the findings of the files `wanted` accepts, round
/// after round until nothing changes. Returns the changed files and the updated project.
pub fn fix_all(
    project: &Project,
    wanted: impl Fn(&str) -> bool + Sync,
    options: FixAllOptions,
) -> (FixAllResult, Project) {
    let mut project = project.clone();
    let mut result = FixAllResult::default();
    let mut originals: BTreeMap<String, String> = BTreeMap::new();
    let mut applied: BTreeMap<String, Vec<AppliedFix>> = BTreeMap::new();
    let broken: BTreeSet<String> = project
        .files()
        .filter(|file| file.kind.is_some() && wanted(&file.path))
        .filter(|file| !file.parse.errors.is_empty())
        .map(|file| file.path.clone())
        .collect();
    result.not_rewritten = broken.iter().cloned().collect();
    let writable = |path: &str| wanted(path) && !broken.contains(path);
    for _ in 0..MAX_ROUNDS {
        let diagnostics = crate::checks::project_diagnostics_of(&project, writable);
        let mut taken: BTreeMap<String, Vec<TextRange>> = BTreeMap::new();
        let mut edits: Vec<FileEdit> = Vec::new();
        for (path, findings) in &diagnostics {
            for diagnostic in findings {
                let Some(fix) = chosen_fix(diagnostic, options) else {
                    continue;
                };
                if !fix.edits.iter().all(|edit| writable(&edit.path)) {
                    continue;
                }
                if overlaps(&taken, &fix.edits) {
                    continue;
                }
                for edit in &fix.edits {
                    taken.entry(edit.path.clone()).or_default().push(edit.range);
                }
                edits.extend(fix.edits.iter().cloned());
                let line = project
                    .file(path)
                    .map(|file| line_of(&file.text, diagnostic.range.start))
                    .unwrap_or_default();
                applied.entry(path.clone()).or_default().push(AppliedFix {
                    code: diagnostic.code.clone(),
                    title: fix.title.clone(),
                    safety: fix.safety,
                    line,
                });
            }
        }
        if edits.is_empty() {
            break;
        }
        result.rounds += 1;
        for (path, text) in apply(&project, &edits) {
            if let Some(file) = project.file(&path) {
                originals
                    .entry(path.clone())
                    .or_insert_with(|| file.text.to_string());
            }
            project.set_file(path, text);
        }
    }
    for (path, original) in originals {
        let Some(file) = project.file(&path) else {
            continue;
        };
        if file.text == original {
            continue;
        }
        let applied = applied.remove(&path).unwrap_or_default();
        let reason = applied
            .iter()
            .map(|fix| format!("{}: {}", fix.code, fix.title))
            .collect::<Vec<_>>()
            .join("; ");
        let edits = changed_ranges(&original, &file.text)
            .into_iter()
            .map(|changed| (changed.range, changed.new_text));
        // Ranges from one diff of one text never overlap: the plan takes them.
        let _ = result.plan.replace(path.clone(), &original, edits, reason);
        result.files.push(FixedFile {
            applied,
            path,
            original,
            text: file.text.to_string(),
        });
    }
    (result, project)
}

/// The fix bulk fixing applies to a finding: its preferred fix when safe, else its first safe
/// fix; with `unsafe_fixes`, an unsafe fix when it is the finding's single preferred fix.
pub fn chosen_fix(diagnostic: &Diagnostic, options: FixAllOptions) -> Option<&Fix> {
    let safe = |fix: &&Fix| fix.safety == FixSafety::Safe;
    let preferred: Vec<&Fix> = diagnostic
        .fixes
        .iter()
        .filter(|fix| fix.preferred)
        .collect();
    if let Some(fix) = preferred.iter().copied().find(safe) {
        return Some(fix);
    }
    if let Some(fix) = diagnostic.fixes.iter().find(safe) {
        return Some(fix);
    }
    match preferred.as_slice() {
        [only] if options.unsafe_fixes => Some(only),
        _ => None,
    }
}

/// Whether an edit touches a range already taken in this round. Two insertions at one offset
/// count as overlapping: their order would be a guess.
fn overlaps(taken: &BTreeMap<String, Vec<TextRange>>, edits: &[FileEdit]) -> bool {
    edits.iter().any(|edit| {
        taken.get(&edit.path).is_some_and(|ranges| {
            ranges.iter().any(|range| {
                // Overlapping, or touching at a point where one of them inserts.
                (edit.range.start < range.end && range.start < edit.range.end)
                    || edit.range.start == range.start
                    || (edit.range.is_empty() && range.touches(edit.range.start))
                    || (range.is_empty() && edit.range.touches(range.start))
            })
        })
    })
}

/// The new texts of the files the (non-overlapping) edits change.
fn apply(project: &Project, edits: &[FileEdit]) -> BTreeMap<String, String> {
    let mut by_path: BTreeMap<&str, Vec<&FileEdit>> = BTreeMap::new();
    for edit in edits {
        by_path.entry(edit.path.as_str()).or_default().push(edit);
    }
    let mut texts = BTreeMap::new();
    for (path, mut file_edits) in by_path {
        let Some(file) = project.file(path) else {
            continue;
        };
        file_edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        let mut text = String::with_capacity(file.text.len());
        let mut at = 0;
        for edit in file_edits {
            text.push_str(&file.text[at..edit.range.start]);
            text.push_str(&edit.new_text);
            at = edit.range.end;
        }
        text.push_str(&file.text[at..]);
        texts.insert(path.to_string(), text);
    }
    texts
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count())
}
