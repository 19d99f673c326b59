//! The layers of `eca-analysis` are folders of `src/`, lowest first: `model`, `checks`,
//! `writers`, `ide`. A file may import its own layer and the layers below it, never one above.
//! This test reads every `.rs` file under `src/`, finds its layer by its folder, and fails on:
//!
//! - a `crate::<layer>` path (in `use`, in an expression, in a macro's `$crate::`) naming a
//!   higher layer;
//! - a `crate::<name>` path whose `<name>` is not a layer: the crate root's re-exports exist for
//!   the front ends, and reaching a module through them would hide which layer it is in;
//! - a `super::` path that climbs out of the file's layer folder (write `crate::<layer>::...`).
//!
//! Tests obey the same rule as the code around them (`#[cfg(test)]` is not exempt): a test of
//! a lower layer that needs a higher one belongs in the higher layer or in `tests/`. Comment
//! lines are skipped, so a layer's docs may name the layers it must not use. `lib.rs` is the
//! root: it declares the layers and re-exports for the front ends, and is not checked.
//!
//! One piece of knowledge the layers share is checked here too: which type is inside an element
//! is `Schema::nested_type_of`'s answer alone; no file reads a field's `nested_type` itself.

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first.
const LAYERS: &[&str] = &["model", "checks", "writers", "ide"];

#[test]
fn no_layer_imports_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect_rust_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut imports_per_layer = vec![0usize; LAYERS.len()];
    let mut files_per_layer = vec![0usize; LAYERS.len()];
    for path in &files {
        let relative = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).expect("readable source");
        let Some(layer) = layer_of(&relative) else {
            assert_eq!(relative, "lib.rs", "a file outside every layer folder");
            continue;
        };
        files_per_layer[layer] += 1;
        let report = check_file(&relative, &text);
        imports_per_layer[layer] += report.imports;
        violations.extend(report.violations);
    }
    assert!(
        violations.is_empty(),
        "imports that break the layering (model < checks < writers < ide):\n{}",
        violations.join("\n")
    );
    // The scan must have seen the crate: many files and many imports in the populated layers.
    assert!(files.len() >= 40, "only {} files under src/", files.len());
    for (layer, minimum) in [("model", 15), ("checks", 100), ("writers", 3), ("ide", 25)] {
        let index = layer_index(layer).expect("a layer");
        assert!(
            imports_per_layer[index] >= minimum,
            "only {} crate paths seen in {layer}/ ({} files)",
            imports_per_layer[index],
            files_per_layer[index]
        );
    }
    for (index, layer) in LAYERS.iter().enumerate() {
        assert!(files_per_layer[index] >= 1, "no files in {layer}/");
    }
}

/// "Which type is inside this element" is answered in one place, `Schema::nested_type_of` in
/// the schema crate: no file of the analysis reads a field's `nested_type` name itself.
#[test]
fn the_nested_type_lookup_is_the_schemas_alone() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect_rust_files(&src, &mut files);
    let mut violations = Vec::new();
    let mut lookups = 0;
    for path in &files {
        let relative = path
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(path).expect("readable source");
        lookups += text.matches("nested_type_of(").count();
        violations.extend(raw_nested_type_reads(&relative, &text));
    }
    assert!(
        violations.is_empty(),
        "the nested type of a field read without `Schema::nested_type_of`:\n{}",
        violations.join("\n")
    );
    assert!(lookups >= 5, "only {lookups} calls of nested_type_of seen");
}

#[test]
fn reading_a_fields_nested_type_name_is_reported() {
    let text = "// field.nested_type in a comment\nlet a = schema.nested_type_of(field);\nlet b = field.nested_type.as_deref();\n";
    assert_eq!(
        raw_nested_type_reads("writers/component_files.rs", text),
        ["writers/component_files.rs:3: reads `.nested_type` itself; ask `Schema::nested_type_of`"]
    );
}

#[test]
fn a_higher_layer_named_from_a_lower_one_is_reported_with_file_and_line() {
    let text = "//! model docs may name crate::ide freely\nuse crate::model::project::Project;\n\nfn f() {\n    crate::ide::hover::hover(offset);\n}\n";
    let report = check_file("model/project.rs", text);
    assert_eq!(report.imports, 2);
    assert_eq!(
        report.violations,
        ["model/project.rs:5: `crate::ide` is in the ide layer, above model"]
    );
}

#[test]
fn grouped_and_macro_paths_are_read_item_by_item() {
    let text = "use crate::{\n    model::diagnostic::Diagnostic,\n    writers::plan::Plan,\n};\nmacro_rules! m { () => { $crate::checks::rules::all_rules() } }\n";
    let report = check_file("checks/rules/mod.rs", text);
    assert_eq!(report.imports, 3);
    assert_eq!(
        report.violations,
        ["checks/rules/mod.rs:3: `crate::writers` is in the writers layer, above checks"]
    );
    assert!(check_file("ide/hover.rs", text).violations.is_empty());
}

#[test]
fn the_roots_re_exports_are_not_a_way_around() {
    let report = check_file(
        "checks/structural.rs",
        "use crate::Severity;\nuse crate::codes;\n",
    );
    assert_eq!(
        report.violations,
        [
            "checks/structural.rs:1: `crate::Severity` goes through the crate root; name its layer (`crate::<layer>::...`)",
            "checks/structural.rs:2: `crate::codes` goes through the crate root; name its layer (`crate::<layer>::...`)",
        ]
    );
}

#[test]
fn super_may_not_climb_out_of_the_layer() {
    let inside = check_file(
        "ide/completion/tests.rs",
        "use super::*;\nuse super::super::markdown;\n",
    );
    assert!(inside.violations.is_empty(), "{:?}", inside.violations);
    let out = check_file("model/cursor.rs", "use super::super::ide::hover;\n");
    assert_eq!(
        out.violations,
        [
            "model/cursor.rs:1: `super::super::` climbs out of the model folder; write `crate::<layer>::...`"
        ]
    );
}

#[test]
fn an_inline_module_may_climb_to_its_file() {
    let text = "pub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n    fn g() { let _ = '{'; }\n}\nuse super::x;\n";
    let report = check_file("checks/mod.rs", text);
    assert_eq!(
        report.violations,
        ["checks/mod.rs:8: `super::` climbs out of the checks folder; write `crate::<layer>::...`"]
    );
}

#[test]
fn strings_and_comments_are_not_imports() {
    let text = "/* crate::ide */\nconst A: &str = \"crate::ide::hover\";\nconst B: &str = r#\"crate::writers\"#;\nfn f<'a>(x: &'a str) -> &'a str { x } // crate::ide\nuse crate::model::text_util;\n";
    let report = check_file("model/fixture.rs", text);
    assert_eq!(report.imports, 1);
    assert!(report.violations.is_empty(), "{:?}", report.violations);
}

/// What one file imports: how many crate paths, and which break the layering.
struct Report {
    imports: usize,
    violations: Vec<String>,
}

fn check_file(relative: &str, text: &str) -> Report {
    let layer = layer_of(relative).expect("a file in a layer");
    let code = blank_comments_and_literals(text);
    let inline_modules = inline_modules(&code);
    let mut report = Report {
        imports: 0,
        violations: Vec::new(),
    };
    for (offset, target) in crate_paths(&code) {
        report.imports += 1;
        let line = line_of(&code, offset);
        match layer_index(target) {
            Some(index) if index > layer => report.violations.push(format!(
                "{relative}:{line}: `crate::{target}` is in the {target} layer, above {}",
                LAYERS[layer]
            )),
            Some(_) => {}
            None => report.violations.push(format!(
                "{relative}:{line}: `crate::{target}` goes through the crate root; name its layer (`crate::<layer>::...`)"
            )),
        }
    }
    let file_depth = module_depth(relative);
    for (offset, climbs) in super_paths(&code) {
        let depth = file_depth
            + inline_modules
                .iter()
                .filter(|(start, end)| (*start..*end).contains(&offset))
                .count();
        if climbs >= depth {
            report.violations.push(format!(
                "{}:{}: `{}` climbs out of the {} folder; write `crate::<layer>::...`",
                relative,
                line_of(&code, offset),
                "super::".repeat(climbs),
                LAYERS[layer]
            ));
        }
    }
    report
}

/// Where `text` reads a field's `nested_type` (outside comments and strings) instead of asking
/// `Schema::nested_type_of`.
fn raw_nested_type_reads(relative: &str, text: &str) -> Vec<String> {
    let code = blank_comments_and_literals(text);
    code.match_indices(".nested_type")
        .filter(|(offset, found)| !code[offset + found.len()..].starts_with(is_identifier_char))
        .map(|(offset, _)| {
            format!(
                "{relative}:{}: reads `.nested_type` itself; ask `Schema::nested_type_of`",
                line_of(&code, offset)
            )
        })
        .collect()
}

/// The text with comments and the contents of string and character literals replaced by
/// spaces (line breaks kept, so lines and offsets stay): docs may name any layer, and a string
/// is not an import.
fn blank_comments_and_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut index = 0;
    while index < chars.len() {
        let ch = chars[index];
        let next = chars.get(index + 1).copied();
        let after_identifier = index > 0 && is_identifier_char(chars[index - 1]);
        if ch == '/' && next == Some('/') {
            while index < chars.len() && chars[index] != '\n' {
                blank(&mut out, chars[index]);
                index += 1;
            }
        } else if ch == '/' && next == Some('*') {
            let mut depth = 0;
            while index < chars.len() {
                if chars[index] == '/' && chars.get(index + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    index += 2;
                } else if chars[index] == '*' && chars.get(index + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    index += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[index]);
                    index += 1;
                }
            }
        } else if ch == 'r' && !after_identifier && matches!(next, Some('"' | '#')) {
            let hashes = chars[index + 1..]
                .iter()
                .take_while(|ch| **ch == '#')
                .count();
            if chars.get(index + 1 + hashes) != Some(&'"') {
                out.push(ch);
                index += 1;
                continue;
            }
            out.push('r');
            index += 1 + hashes + 1;
            out.push_str(&"#".repeat(hashes));
            out.push('"');
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while index < chars.len() {
                if chars[index..].starts_with(&closing.chars().collect::<Vec<_>>()) {
                    out.push_str(&closing);
                    index += closing.chars().count();
                    break;
                }
                blank(&mut out, chars[index]);
                index += 1;
            }
        } else if ch == '"' {
            out.push('"');
            index += 1;
            while index < chars.len() && chars[index] != '"' {
                if chars[index] == '\\' {
                    blank(&mut out, chars[index]);
                    index += 1;
                }
                if let Some(escaped) = chars.get(index) {
                    blank(&mut out, *escaped);
                }
                index += 1;
            }
            if index < chars.len() {
                out.push('"');
                index += 1;
            }
        } else if ch == '\'' && !after_identifier {
            // A character literal (`'{'`, `'\''`), not a lifetime (`'a`).
            let length = match (next, chars.get(index + 2)) {
                (Some('\\'), _) => chars[index + 2..]
                    .iter()
                    .position(|ch| *ch == '\'')
                    .map(|end| end + 3),
                (Some(_), Some('\'')) => Some(3),
                _ => None,
            };
            match length {
                Some(length) => {
                    out.push_str(&" ".repeat(length));
                    index += length;
                }
                None => {
                    out.push(ch);
                    index += 1;
                }
            }
        } else {
            out.push(ch);
            index += 1;
        }
    }
    out
}

/// The spans of the inline modules (`mod tests { ... }`) of blanked code: a `super::` inside
/// one climbs out of it first.
fn inline_modules(code: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    for (offset, ch) in code.char_indices() {
        match ch {
            '{' => {
                depth += 1;
                if opens_inline_module(&code[..offset]) {
                    open.push((offset, depth));
                }
            }
            '}' => {
                if open.last().is_some_and(|(_, at)| *at == depth) {
                    let (start, _) = open.pop().expect("an open module");
                    spans.push((start, offset));
                }
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    spans
}

/// Whether the code before a `{` ends with `mod <name>`.
fn opens_inline_module(before: &str) -> bool {
    let before = before.trim_end();
    let name_start = before
        .rfind(|ch: char| !is_identifier_char(ch))
        .map_or(0, |at| at + 1);
    let keyword = before[..name_start].trim_end();
    name_start < before.len()
        && keyword.ends_with("mod")
        && !keyword[..keyword.len() - 3]
            .chars()
            .next_back()
            .is_some_and(is_identifier_char)
}

fn is_identifier_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// Each `crate::` path's first segment, with the offset it is at; a group `crate::{a, b::c}`
/// gives one entry per item.
fn crate_paths(code: &str) -> Vec<(usize, &str)> {
    let mut paths = Vec::new();
    for (start, _) in code.match_indices("crate::") {
        let before = code[..start].chars().next_back();
        if before.is_some_and(is_identifier_char) {
            continue;
        }
        let rest = start + "crate::".len();
        if code[rest..].starts_with('{') {
            let mut depth = 0usize;
            let mut item_start = Some(rest + 1);
            for (index, ch) in code[rest..].char_indices() {
                let at = rest + index;
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = Some(at + 1),
                    _ => {}
                }
                if let Some(from) = item_start {
                    if at >= from && !ch.is_whitespace() && ch != '{' && ch != ',' {
                        paths.push((at, identifier_at(code, at)));
                        item_start = None;
                    }
                }
            }
        } else {
            paths.push((rest, identifier_at(code, rest)));
        }
    }
    paths.retain(|(_, name)| !name.is_empty() && *name != "self");
    paths
}

/// Each path that starts with `super::`, with how many times it climbs.
fn super_paths(code: &str) -> Vec<(usize, usize)> {
    let mut paths = Vec::new();
    for (start, _) in code.match_indices("super::") {
        let before = code[..start].chars().next_back();
        if before.is_some_and(|ch| is_identifier_char(ch) || ch == ':') {
            continue;
        }
        let mut climbs = 0;
        while code[start + climbs * "super::".len()..].starts_with("super::") {
            climbs += 1;
        }
        paths.push((start, climbs));
    }
    paths
}

fn identifier_at(code: &str, at: usize) -> &str {
    let end = code[at..]
        .find(|ch: char| !is_identifier_char(ch))
        .map_or(code.len(), |length| at + length);
    &code[at..end]
}

fn line_of(code: &str, offset: usize) -> usize {
    code[..offset].matches('\n').count() + 1
}

/// The layer of a file, by its first folder; `None` for the crate root.
fn layer_of(relative: &str) -> Option<usize> {
    let (folder, _) = relative.split_once('/')?;
    Some(layer_index(folder).unwrap_or_else(|| panic!("{relative} is in no layer folder")))
}

fn layer_index(name: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == name)
}

/// How deep the file's module is: `model/mod.rs` 1, `model/project.rs` 2,
/// `checks/rules/jwt.rs` 3. A `super::` path climbing this many times leaves the layer.
fn module_depth(relative: &str) -> usize {
    let segments = relative.split('/').count();
    if relative.ends_with("/mod.rs") {
        segments - 1
    } else {
        segments
    }
}

fn collect_rust_files(folder: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(folder)
        .expect("readable folder")
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_rust_files(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
}
