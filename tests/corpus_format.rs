//! The real-world corpus and `eca-ls fmt`: how many ECA files it accepts as they are (a file
//! as Salesforce retrieves it is already formatted), and why it changes each of the others —
//! each change classified from the line diff, so that a change nobody explained fails the test.
//! The measurement is printed and kept in `tests/snapshots/corpus_format.txt`. Every formatted
//! file formats to itself, parses without errors and checks with the same findings.

mod support;

use std::collections::BTreeMap;

use eca_analysis::writers::format::{FormatOptions, format_file, format_text};
use expect_test::expect_file;
use support::corpus::{corpus_projects, relative_to_repos, repos_dir};
use support::{eca_ls, stdout};

#[test]
fn corpus_formatting_measurement_with_every_change_explained() {
    let mut total = 0;
    let mut unchanged = 0;
    let mut refused = Vec::new();
    let mut explained: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (_, project) in corpus_projects() {
        for file in project.files().filter(|file| file.kind.is_some()) {
            total += 1;
            let relative = relative_to_repos(&file.path);
            let formatted = match format_file(file, &FormatOptions::SALESFORCE) {
                Ok(formatted) => formatted,
                Err(error) => {
                    refused.push(format!("{relative}: {}", error.message(&file.text)));
                    continue;
                }
            };
            check_formatted(&project, &file.path, &formatted);
            if *formatted == *file.text {
                unchanged += 1;
                continue;
            }
            explained.insert(relative, explain(&file.text, &formatted));
        }
    }
    let mut report = format!(
        "{unchanged} of {total} corpus ECA files are formatted as they are; {} would change, {} cannot be formatted\n",
        explained.len(),
        refused.len()
    );
    for (path, reasons) in &explained {
        report.push_str(&format!("\n{path}\n"));
        for reason in reasons {
            report.push_str(&format!("    {reason}\n"));
        }
    }
    for line in &refused {
        report.push_str(&format!("\nrefused: {line}\n"));
    }
    println!("{report}");
    assert!(total > 140, "only {total} corpus ECA files");
    let unexplained: Vec<&String> = explained
        .iter()
        .filter(|(_, reasons)| {
            reasons
                .iter()
                .any(|reason| reason.starts_with("unexplained"))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        unexplained.is_empty(),
        "changes nobody explained in {unexplained:?}"
    );
    expect_file!["snapshots/corpus_format.txt"].assert_eq(&report);

    // The binary agrees: `fmt --check` lists exactly these files, and exits 2 for the file it
    // cannot format.
    let output = eca_ls(&repos_dir(), &["fmt", "--check", "."]);
    assert_eq!(output.status.code(), Some(2));
    let listed: Vec<String> = stdout(&output)
        .lines()
        .filter_map(|line| line.strip_prefix("would reformat "))
        .map(|path| path.trim_start_matches("./").to_string())
        .collect();
    let expected: Vec<&String> = explained.keys().collect();
    let mut listed_sorted: Vec<&String> = listed.iter().collect();
    listed_sorted.sort();
    assert_eq!(listed_sorted, expected);
}

/// A formatted file parses, formats to itself, keeps its findings (but for the order hint) and
/// puts its fields in canonical order.
fn check_formatted(project: &eca_analysis::Project, path: &str, formatted: &str) {
    let parse = eca_syntax::parse(formatted);
    assert!(parse.errors.is_empty(), "{path}: {:?}", parse.errors);
    let again = format_text(formatted, &parse, &FormatOptions::SALESFORCE).expect("formats");
    assert_eq!(again, formatted, "{path}: not idempotent");
    let codes = |project: &eca_analysis::Project| -> Vec<String> {
        let mut codes: Vec<String> = eca_analysis::file_diagnostics(project, path)
            .into_iter()
            .map(|diagnostic| diagnostic.code)
            .filter(|code| code != "element-order")
            .collect();
        codes.sort();
        codes
    };
    let mut after = project.clone();
    after.set_file(path, formatted);
    assert_eq!(codes(project), codes(&after), "{path}: findings changed");
    assert!(
        !eca_analysis::file_diagnostics(&after, path)
            .iter()
            .any(|diagnostic| diagnostic.code == "element-order"),
        "{path}: still out of order after formatting"
    );
}

/// Why `old` became `new`, one reason per kind of change, from their line diff.
fn explain(old: &str, new: &str) -> Vec<String> {
    let mut reasons: Vec<String> = Vec::new();
    let mut add = |reason: String| {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    };
    if !old.ends_with('\n') && new.ends_with('\n') {
        add("adds the final line break the file lacks".to_string());
    }
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let hunks = diff_hunks(&old_lines, &new_lines);
    // A line removed in one place and added in another moved: fields sorted.
    let removed: Vec<&str> = hunks.iter().flat_map(|(gone, _)| gone.clone()).collect();
    let added: Vec<&str> = hunks.iter().flat_map(|(_, came)| came.clone()).collect();
    for (gone, came) in &hunks {
        let (mut gone, mut came) = (gone.as_slice(), came.as_slice());
        if let (Some(old_declaration), Some(new_declaration)) = (gone.first(), came.first()) {
            if old_declaration.starts_with("<?xml") && new_declaration.starts_with("<?xml") {
                add(format!(
                    "writes the XML declaration `{old_declaration}` as Salesforce does: `{new_declaration}`"
                ));
                gone = &gone[1..];
                came = &came[1..];
            }
        }
        if gone.is_empty() && came.is_empty() {
            continue;
        }
        if came.len() < gone.len()
            && !came.is_empty()
            && collapse(&gone.join("\n")) == collapse(&came.join("\n"))
        {
            add("joins start tags Prettier wrapped (`<name` / `>value`) onto one line".to_string());
        } else if gone.len() == came.len()
            && gone
                .iter()
                .zip(came.iter())
                .all(|(gone, came)| gone.replace(" />", "/>") == **came)
        {
            add("writes `<name … />` as Salesforce does: `<name …/>`".to_string());
        } else if gone.len() == came.len()
            && gone
                .iter()
                .zip(came.iter())
                .all(|(gone, came)| gone.trim() == came.trim())
        {
            add("re-indents".to_string());
        } else {
            // Line by line: a line that left one place and came to another moved.
            for line in gone {
                if added.contains(line) {
                    add("sorts fields into canonical (WSDL) order".to_string());
                } else if line.trim().is_empty() {
                    add("removes blank lines".to_string());
                } else {
                    add(format!("unexplained: -{line:?}"));
                }
            }
            for line in came {
                if removed.contains(line) {
                    add("sorts fields into canonical (WSDL) order".to_string());
                } else {
                    add(format!("unexplained: +{line:?}"));
                }
            }
        }
    }
    reasons
}

/// Whitespace between tags removed, runs of whitespace made one space.
fn collapse(text: &str) -> String {
    let joined: Vec<&str> = text.split_whitespace().collect();
    joined.join(" ").replace(" >", ">")
}

/// The changed runs of a line diff (longest common subsequence): lines removed, lines added.
fn diff_hunks<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(Vec<&'a str>, Vec<&'a str>)> {
    let (rows, columns) = (old.len(), new.len());
    let mut common = vec![vec![0usize; columns + 1]; rows + 1];
    for row in (0..rows).rev() {
        for column in (0..columns).rev() {
            common[row][column] = if old[row] == new[column] {
                common[row + 1][column + 1] + 1
            } else {
                common[row + 1][column].max(common[row][column + 1])
            };
        }
    }
    let mut hunks = Vec::new();
    let (mut row, mut column) = (0, 0);
    let mut current: (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    while row < rows || column < columns {
        if row < rows && column < columns && old[row] == new[column] {
            if !current.0.is_empty() || !current.1.is_empty() {
                hunks.push(std::mem::take(&mut current));
            }
            row += 1;
            column += 1;
        } else if column < columns
            && (row == rows || common[row][column + 1] >= common[row + 1][column])
        {
            current.1.push(new[column]);
            column += 1;
        } else {
            current.0.push(old[row]);
            row += 1;
        }
    }
    if !current.0.is_empty() || !current.1.is_empty() {
        hunks.push(current);
    }
    hunks
}
