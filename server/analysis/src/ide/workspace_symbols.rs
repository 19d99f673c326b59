//! Symbols across a project, for an editor's "go to symbol in workspace": every app (at its
//! header), every other file of each app and the org settings files, matched against a query by a fuzzy (subsequence)
//! match that prefers word starts and runs, the way editors' pickers rank.

use eca_syntax::TextRange;

use crate::ide::navigation::{NavigationTarget, reference_target, root_target};
use crate::model::project::{Project, SourceFile};

/// One symbol of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    /// The app's name, or the file's component name (`Portal_oauthPlcy`).
    pub name: String,
    pub kind: WorkspaceSymbolKind,
    /// For a file of an app: the app's name.
    pub container: Option<String>,
    /// The type the file holds (`ExtlClntAppOauthConfigurablePolicies`); for an app, the
    /// header's type.
    pub type_name: Option<String>,
    pub path: String,
    /// The whole root element (an app: its header's; an app without a header: the first
    /// reference to it).
    pub range: TextRange,
    /// The root element's name, or the referenced app name.
    pub selection_range: TextRange,
    /// How well the query matched; higher is better. Symbols come sorted by it.
    pub score: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WorkspaceSymbolKind {
    App,
    File,
}

/// The project's apps and files whose names match `query` (every one for an empty query),
/// best match first, then by name and path.
pub fn workspace_symbols(project: &Project, query: &str) -> Vec<WorkspaceSymbol> {
    let query = Query::new(query);
    let mut symbols = Vec::new();
    for app in project.apps() {
        let app_target = match app.header.as_deref().and_then(|path| project.file(path)) {
            Some(header) => root_target(header),
            None => app
                .components
                .iter()
                .filter_map(|path| project.file(path))
                .find_map(reference_target),
        };
        if let (Some(score), Some(target)) = (query.score(&app.name), app_target) {
            symbols.push(WorkspaceSymbol {
                name: app.name.clone(),
                kind: WorkspaceSymbolKind::App,
                container: None,
                type_name: app
                    .header
                    .as_deref()
                    .and_then(|path| project.file(path))
                    .and_then(SourceFile::type_name)
                    .map(str::to_string),
                path: target.path,
                range: target.range,
                selection_range: target.selection_range,
                score,
            });
        }
        // The header is the app's symbol: no second one at the same place.
        for path in &app.components {
            if let Some(file) = project.file(path) {
                symbols.extend(file_symbol(&query, file, Some(&app.name)));
            }
        }
    }
    for file in project.org_settings_files() {
        symbols.extend(file_symbol(&query, file, None));
    }
    symbols.sort_by(|left, right| {
        right
            .score
            .cmp(&left.score)
            .then_with(|| left.name.cmp(&right.name))
            .then_with(|| left.path.cmp(&right.path))
    });
    symbols
}

fn file_symbol(query: &Query, file: &SourceFile, app: Option<&str>) -> Option<WorkspaceSymbol> {
    let score = query.score(&file.full_name)?;
    let NavigationTarget {
        path,
        range,
        selection_range,
    } = root_target(file)?;
    Some(WorkspaceSymbol {
        name: file.full_name.clone(),
        kind: WorkspaceSymbolKind::File,
        container: app.map(str::to_string),
        type_name: file.effective_type().map(|type_def| type_def.name.clone()),
        path,
        range,
        selection_range,
        score,
    })
}

/// A query as typed, for fuzzy matching: its characters in order, case folded, without
/// whitespace.
struct Query {
    chars: Vec<char>,
}

/// Points for each matched character, and extra for what makes a match look intended.
const MATCHED: u32 = 1;
const AT_WORD_START: u32 = 6;
const IN_A_RUN: u32 = 8;
const AT_NAME_START: u32 = 4;
const WHOLE_NAME: u32 = 20;

impl Query {
    fn new(text: &str) -> Query {
        Query {
            chars: text
                .chars()
                .filter(|ch| !ch.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect(),
        }
    }

    /// How well `name` matches: `None` when the query's characters do not all appear in it,
    /// in order (case aside). Each character is taken at its best place: a word start (after
    /// `_`, at a lower-to-upper case change, at a digit after a letter) beats the middle of a
    /// word, and a character right after the previous match adds to a run.
    fn score(&self, name: &str) -> Option<u32> {
        if self.chars.is_empty() {
            return Some(0);
        }
        let name_chars: Vec<char> = name.chars().collect();
        let folded: Vec<char> = name_chars
            .iter()
            .map(|ch| ch.to_lowercase().next().unwrap_or(*ch))
            .collect();
        // best[i][j]: the best score with the first i query characters matched and the i-th at
        // name position j (dynamic programming over a query and a name, both short).
        let width = folded.len();
        let mut previous: Vec<Option<u32>> = vec![None; width];
        for (query_index, wanted) in self.chars.iter().enumerate() {
            let mut current: Vec<Option<u32>> = vec![None; width];
            let mut best_before: Option<u32> = None;
            for position in 0..width {
                if position > 0 {
                    best_before = best_before.max(previous[position - 1]);
                }
                if folded[position] != *wanted {
                    continue;
                }
                let bonus = MATCHED
                    + if is_word_start(&name_chars, position) {
                        AT_WORD_START
                    } else {
                        0
                    };
                let score = if query_index == 0 {
                    Some(bonus + if position == 0 { AT_NAME_START } else { 0 })
                } else {
                    let run = (position > 0)
                        .then(|| previous[position - 1])
                        .flatten()
                        .map(|score| score + bonus + IN_A_RUN);
                    let gap = best_before.map(|score| score + bonus);
                    run.max(gap)
                };
                current[position] = score;
            }
            previous = current;
        }
        let best = previous.into_iter().flatten().max()?;
        let whole = (self.chars.len() == folded.len()).then_some(WHOLE_NAME);
        Some(best + whole.unwrap_or(0))
    }
}

fn is_word_start(name: &[char], position: usize) -> bool {
    let Some(current) = name.get(position) else {
        return false;
    };
    let Some(before) = position.checked_sub(1).and_then(|index| name.get(index)) else {
        return true;
    };
    !before.is_alphanumeric()
        || (before.is_lowercase() && current.is_uppercase())
        || (before.is_alphabetic() && current.is_ascii_digit())
}

#[cfg(test)]
mod tests;
