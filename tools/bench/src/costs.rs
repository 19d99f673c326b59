//! What parsing costs in memory and where `eca-ls check` spends its instructions: allocations
//! per parse and bytes of tree per byte of file (counted by the `eca-bench` binary's counting
//! allocator, handed in as a probe), and a callgrind profile of `check` by phase. Counts, not
//! times: they do not depend on how busy the machine is.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

/// What parsing one text cost, as the binary's counting allocator saw it.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseCost {
    /// Allocations and reallocations (a vector growing) during the parse.
    pub allocations: u64,
    pub bytes_allocated: u64,
    /// Heap bytes the finished tree holds (allocated minus freed during the parse; the text is
    /// not counted, it was allocated before).
    pub retained_bytes: u64,
    pub elements: usize,
}

/// Parses a text (taking it, as `SourceFile` does) and says what that cost.
pub type ParseProbe = fn(String) -> ParseCost;

/// The cost of parsing one file.
#[derive(Debug, Clone)]
pub struct AllocationRow {
    pub label: String,
    pub bytes: usize,
    pub cost: ParseCost,
}

/// Measures each file with `probe` (twice, keeping the second: the first may pay for lazy
/// statics).
pub fn allocation_rows(
    probe: ParseProbe,
    files: &[(String, PathBuf)],
) -> anyhow::Result<Vec<AllocationRow>> {
    let mut rows = Vec::new();
    for (label, path) in files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        probe(text.clone());
        rows.push(AllocationRow {
            label: label.clone(),
            bytes: text.len(),
            cost: probe(text),
        });
    }
    Ok(rows)
}

/// Instructions of `eca-ls check -j 1` over one project, by phase, from callgrind.
#[derive(Debug, Clone)]
pub struct Profile {
    pub files: usize,
    pub total: u64,
    /// (phase, instructions inclusive of what the phase calls), or `None` when none of the
    /// phase's functions is in the profile: the optimiser inlined it into its caller, whose
    /// row then holds its cost.
    pub phases: Vec<(&'static str, Option<u64>)>,
}

/// The phases of `check` and the functions each is the inclusive cost of, the current name
/// first. The release profile's link-time optimisation inlines small functions, so a phase is
/// looked up by every name it has had and reported as inlined rather than as zero.
const PHASES: [(&str, &[&str]); 7] = [
    (
        "parsing (`eca_syntax::parse`)",
        &["eca_syntax::parser::parse"],
    ),
    (
        "checks of each file (structural, rules, suppressions)",
        &["eca_analysis::checks::file_own_findings"],
    ),
    (
        "structural checks (part of the checks of each file)",
        &[
            "eca_analysis::checks::structural::check_file_reusing",
            "eca_analysis::checks::structural::check_file",
        ],
    ),
    (
        "rules of the file (part of the checks of each file)",
        &["eca_analysis::checks::rules::check_file"],
    ),
    (
        "rules of each app",
        &["eca_analysis::checks::app_rule_findings"],
    ),
    (
        "finding and classifying the files",
        &["eca_ls::workspace::discover_with_context"],
    ),
    ("reading the files", &["eca_ls::workspace::read_text"]),
];

/// Runs `check -j 1` under callgrind on `project` and reads the inclusive cost of each phase;
/// `Err` says why it could not (valgrind missing, say).
pub fn profile(binary: &Path, project: &Path, files: usize, out: &Path) -> anyhow::Result<Profile> {
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(binary)
        .args(["check", "-j", "1"])
        .arg(project)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .context("cannot run valgrind (Debian: `apt-get install valgrind`)")?;
    // `check` exits 1 for the seeded findings; anything else is a failure.
    anyhow::ensure!(
        status.code().is_some_and(|code| code <= 1),
        "valgrind --tool=callgrind failed: {status}"
    );
    let annotated = Command::new("callgrind_annotate")
        .arg("--inclusive=yes")
        .arg(out)
        .output()
        .context("cannot run callgrind_annotate")?;
    let listing = String::from_utf8_lossy(&annotated.stdout);
    let total = listing
        .lines()
        .find(|line| line.contains("PROGRAM TOTALS"))
        .and_then(leading_count)
        .context("callgrind_annotate printed no total")?;
    let phases = PHASES
        .iter()
        .map(|(phase, functions)| {
            let count = functions.iter().find_map(|function| {
                listing
                    .lines()
                    .filter(|line| line.contains(&format!(":{function} [")))
                    .filter_map(leading_count)
                    .max()
            });
            (*phase, count)
        })
        .collect();
    Ok(Profile {
        files,
        total,
        phases,
    })
}

/// The instruction count a `callgrind_annotate` line starts with (`12,345,678 (…)`).
fn leading_count(line: &str) -> Option<u64> {
    let digits: String = line
        .trim_start()
        .chars()
        .take_while(|character| character.is_ascii_digit() || *character == ',')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_counts_from_annotate_lines() {
        assert_eq!(
            leading_count(
                " 57,816,315 (40.46%)  /x/parser.rs:eca_syntax::parser::parse [/x/eca-ls]"
            ),
            Some(57_816_315)
        );
        assert_eq!(
            leading_count("142,903,312 (100.0%)  PROGRAM TOTALS"),
            Some(142_903_312)
        );
        assert_eq!(leading_count("--------"), None);
    }
}
