//! Timing whole commands: `eca-ls check` over synthetic projects with a given number of
//! threads, and the peers (xmllint with eca-ls's XSD, a Node script on `@xml-tools/parser`) on
//! the same files; peak memory of a run through GNU time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::stats::Samples;

/// xmllint gets its files on the command line; keep each invocation well under `ARG_MAX`.
const ARGUMENT_BYTES_PER_RUN: usize = 512 * 1024;

/// A command to time: program, arguments, and the exit codes that mean it ran (a checker that
/// finds the seeded problems exits non-zero).
#[derive(Debug, Clone)]
pub struct Run {
    pub program: PathBuf,
    pub args: Vec<String>,
    pub accepted_codes: Vec<i32>,
}

/// Wall-clock times of `runs` runs of `run`, after one unmeasured run that warms the file cache.
pub fn time_runs(run: &Run, runs: usize) -> anyhow::Result<Samples> {
    execute(run)?;
    let mut samples = Samples::new();
    for _ in 0..runs {
        let started = Instant::now();
        execute(run)?;
        samples.push(started.elapsed());
    }
    Ok(samples)
}

/// Several commands that together make one run (xmllint over batches of files), timed as one.
pub fn time_batches(batches: &[Run], runs: usize) -> anyhow::Result<Samples> {
    for batch in batches {
        execute(batch)?;
    }
    let mut samples = Samples::new();
    for _ in 0..runs {
        let started = Instant::now();
        for batch in batches {
            execute(batch)?;
        }
        samples.push(started.elapsed());
    }
    Ok(samples)
}

/// Peak resident memory of one run in KiB, as GNU time reports it (`None` without GNU time).
pub fn peak_rss_kib(run: &Run) -> anyhow::Result<Option<u64>> {
    let gnu_time = Path::new("/usr/bin/time");
    if !gnu_time.is_file() {
        return Ok(None);
    }
    let report = std::env::temp_dir().join(format!("eca-bench-rss-{}", std::process::id()));
    let status = Command::new(gnu_time)
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(&run.program)
        .args(&run.args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", gnu_time.display()))?;
    check_status(run, status.code())?;
    let text = fs::read_to_string(&report)?;
    let _ = fs::remove_file(&report);
    Ok(text
        .trim()
        .lines()
        .last()
        .and_then(|line| line.trim().parse().ok()))
}

/// `eca-ls check` over `folder` with `jobs` threads.
pub fn eca_ls_check(binary: &Path, folder: &Path, jobs: usize) -> Run {
    Run {
        program: binary.to_path_buf(),
        args: vec![
            "check".to_string(),
            "-j".to_string(),
            jobs.to_string(),
            folder.display().to_string(),
        ],
        accepted_codes: vec![0, 1],
    }
}

/// `xmllint --noout --schema xsd` over `files`, in as many invocations as the command line
/// needs (each one reads the schema again, as it would in a script).
pub fn xmllint_batches(xsd: &Path, files: &[PathBuf]) -> Vec<Run> {
    let mut batches = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut bytes = 0;
    for file in files {
        let argument = file.display().to_string();
        if bytes + argument.len() > ARGUMENT_BYTES_PER_RUN && !current.is_empty() {
            batches.push(xmllint_run(xsd, std::mem::take(&mut current)));
            bytes = 0;
        }
        bytes += argument.len() + 1;
        current.push(argument);
    }
    if !current.is_empty() {
        batches.push(xmllint_run(xsd, current));
    }
    batches
}

/// The Node script that parses every file of a list with `@xml-tools/parser`.
pub fn xml_tools_parse(script: &Path, file_list: &Path) -> Run {
    Run {
        program: PathBuf::from("node"),
        args: vec![
            script.display().to_string(),
            file_list.display().to_string(),
        ],
        accepted_codes: vec![0],
    }
}

/// The ECA files under `folder` (the synthetic projects hold nothing else), sorted.
pub fn xml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(folder, &mut files);
    files.sort();
    files
}

/// Whether a program can be started at all (`program --version`).
pub fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The time it takes just to read `files` (open, read, close each; one thread): the floor under
/// any checker that reads the files one by one. `runs` repetitions after a warm-up pass.
pub fn time_reading(files: &[PathBuf], runs: usize) -> anyhow::Result<Samples> {
    let read_all = || -> anyhow::Result<usize> {
        let mut bytes = 0;
        for file in files {
            bytes += fs::read(file)
                .with_context(|| format!("cannot read {}", file.display()))?
                .len();
        }
        Ok(bytes)
    };
    read_all()?;
    let mut samples = Samples::new();
    for _ in 0..runs {
        let started = Instant::now();
        std::hint::black_box(read_all()?);
        samples.push(started.elapsed());
    }
    Ok(samples)
}

/// Per-file time of a run over `files` files.
pub fn per_file(duration: Duration, files: usize) -> Duration {
    duration
        .checked_div(files.max(1) as u32)
        .unwrap_or_default()
}

fn xmllint_run(xsd: &Path, files: Vec<String>) -> Run {
    let mut args = vec![
        "--noout".to_string(),
        "--schema".to_string(),
        xsd.display().to_string(),
    ];
    args.extend(files);
    // 0: valid; 3: some file does not validate (the seeded problems).
    Run {
        program: PathBuf::from("xmllint"),
        args,
        accepted_codes: vec![0, 3],
    }
}

fn execute(run: &Run) -> anyhow::Result<()> {
    let status = Command::new(&run.program)
        .args(&run.args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", run.program.display()))?;
    check_status(run, status.code())
}

fn check_status(run: &Run, code: Option<i32>) -> anyhow::Result<()> {
    match code {
        Some(code) if run.accepted_codes.contains(&code) => Ok(()),
        other => bail!(
            "{} {} ended with {other:?}",
            run.program.display(),
            run.args.first().map(String::as_str).unwrap_or_default()
        ),
    }
}

fn collect(folder: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "xml") {
            files.push(path);
        }
    }
}
