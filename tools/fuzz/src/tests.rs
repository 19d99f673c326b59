//! Every target on the real files of the corpus (`../shared/corpus`), on every file of every
//! code's examples, and on every input a fuzzer found failing (`tools/fuzz/regressions/<target>/`,
//! one file each, kept after the bug was fixed).

use std::path::{Path, PathBuf};

use super::Target;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(folder: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn every_regression_input_passes_its_target() {
    let mut ran = 0;
    for target in Target::ALL {
        let mut inputs = Vec::new();
        files_under(
            &repository()
                .join("tools/fuzz/regressions")
                .join(target.name()),
            &mut inputs,
        );
        for input in inputs {
            let data = std::fs::read(&input).expect("read a regression input");
            target.run(&data);
            ran += 1;
        }
    }
    // The regressions of the parser's first fuzzing runs are there (see docs/reliability.md).
    assert!(
        ran > 0,
        "no regression input found under tools/fuzz/regressions"
    );
}

#[test]
fn every_target_passes_on_the_corpus() {
    let corpus = repository().join("../shared/corpus/repos");
    let mut files = Vec::new();
    files_under(&corpus, &mut files);
    files.retain(|file| file.extension().is_some_and(|extension| extension == "xml"));
    assert!(
        files.len() > 100,
        "the corpus is missing: {} files under {}",
        files.len(),
        corpus.display()
    );
    for file in &files {
        let data = std::fs::read(file).expect("read a corpus file");
        for target in Target::ALL {
            target.run(&data);
        }
    }
}

#[test]
fn every_target_passes_on_every_codes_examples() {
    let mut ran = 0;
    for info in eca_analysis::codes::all_codes() {
        for fixture in [info.example, info.fixed_example] {
            let fixture = eca_analysis::fixture::Fixture::parse(fixture).expect("a fixture");
            for (_, text) in &fixture.files {
                for target in Target::ALL {
                    target.run(text.as_bytes());
                }
                ran += 1;
            }
        }
    }
    assert!(ran > 100, "only {ran} example files");
}

/// Issue 11: a fix only moves forward. Every fix of every finding of every code's examples (in
/// the example's own project) and of every corpus file, applied alone, adds no error.
#[test]
fn no_fix_of_the_examples_or_the_corpus_adds_an_error() {
    let known = eca_analysis::codes::all_code_names();
    let mut applied = 0;
    let mut failures = Vec::new();
    for info in eca_analysis::codes::all_codes() {
        for fixture in [info.example, info.fixed_example] {
            let project = eca_analysis::fixture::Fixture::parse(fixture)
                .expect("a fixture")
                .project(&known)
                .expect("the example's project");
            match super::fixes_add_no_error(&project) {
                Ok(count) => applied += count,
                Err(failure) => failures.push(format!("{} example: {failure}", info.code)),
            }
        }
    }
    let mut files = Vec::new();
    files_under(&repository().join("../shared/corpus/repos"), &mut files);
    files.retain(|file| file.extension().is_some_and(|extension| extension == "xml"));
    for file in &files {
        let data = std::fs::read(file).expect("read a corpus file");
        let (project, _) = super::project_with(&data);
        match super::fixes_add_no_error(&project) {
            Ok(count) => applied += count,
            Err(failure) => failures.push(format!("{}: {failure}", file.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixes add errors:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(applied > 200, "only {applied} fixes applied");
}
