//! `eca-bench`: the benchmarks of eca-ls outside `cargo bench`. `run` does everything
//! `scripts/bench.sh` needs after the build and writes BENCHMARKS.md; the other commands run
//! one part, for a quick look while working on performance.

use std::alloc::System;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use eca_bench::costs::ParseCost;
use eca_bench::stats::show;
use eca_bench::{protocol, report, runs, suite, synthetic};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

/// Counts allocations, for what a parse costs in memory. The harness's own timings are of
/// other processes (the release `eca-ls`), which this does not touch.
#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

#[derive(Debug, Parser)]
#[command(name = "eca-bench", about = "Benchmarks of eca-ls")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run every benchmark outside `cargo bench` and write the report
    Run {
        /// The release eca-ls to measure
        #[arg(long, default_value = "target/release/eca-ls")]
        binary: PathBuf,
        /// Where to write the synthetic projects
        #[arg(long, default_value = "target/bench-data")]
        work: PathBuf,
        /// What `cargo bench -p eca-bench --bench in_process` printed
        #[arg(long)]
        divan_output: Option<PathBuf>,
        /// The Node script that parses files with @xml-tools/parser (installed next to it)
        #[arg(long)]
        xml_tools_script: Option<PathBuf>,
        /// Why @xml-tools/parser cannot be measured, when it cannot
        #[arg(long, conflicts_with = "xml_tools_script")]
        xml_tools_missing: Option<String>,
        /// Few repetitions: to try the pipeline, not to publish
        #[arg(long)]
        quick: bool,
        /// The load average when the whole run began, to record in the report
        #[arg(long, value_name = "LOAD")]
        load_at_start: Option<String>,
        /// The report to write
        #[arg(long, default_value = "BENCHMARKS.md")]
        out: PathBuf,
    },
    /// Write a synthetic sfdx project of APPS apps (five files each) plus the org settings
    Generate {
        folder: PathBuf,
        #[arg(long)]
        apps: usize,
        /// Also add the app `Big_Policies` whose OAuth policies have about this many bytes
        #[arg(long, value_name = "BYTES")]
        large_policies: Option<usize>,
    },
    /// Time the server over the protocol on one workspace and print the numbers
    Protocol {
        #[arg(long, default_value = "target/release/eca-ls")]
        binary: PathBuf,
        workspace: PathBuf,
        /// Documents to measure (absolute paths)
        #[arg(long = "file")]
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 100)]
        iterations: usize,
    },
    /// Measure the server's memory on a workspace, opening every ECA file of it (or the first
    /// `--open` of them)
    Memory {
        #[arg(long, default_value = "target/release/eca-ls")]
        binary: PathBuf,
        workspace: PathBuf,
        /// How many of the workspace's files to open as documents after indexing it (all when
        /// not given)
        #[arg(long)]
        open: Option<usize>,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Run {
            binary,
            work,
            divan_output,
            xml_tools_script,
            xml_tools_missing,
            quick,
            load_at_start,
            out,
        } => {
            let repository = std::env::current_dir()?;
            let config = suite::SuiteConfig {
                binary: absolute(&binary)?,
                work: absolute(&work)?,
                repository,
                divan_output,
                xml_tools: match xml_tools_script {
                    Some(script) => Ok(absolute(&script)?),
                    None => Err(xml_tools_missing.unwrap_or_else(|| {
                        "no @xml-tools/parser script was given (--xml-tools-script)".to_string()
                    })),
                },
                quick,
                load_at_start,
                parse_probe: Some(parse_cost),
            };
            let results = suite::run(&config)?;
            std::fs::write(&out, report::markdown(&results))
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("==> wrote {}", out.display());
        }
        Command::Generate {
            folder,
            apps,
            large_policies,
        } => {
            let mut project = synthetic::project(apps);
            if let Some(size) = large_policies {
                project.add_large_app(size);
            }
            synthetic::write_project(&folder, &project)?;
        }
        Command::Protocol {
            binary,
            workspace,
            files,
            iterations,
        } => {
            let cold = protocol::cold_start(&binary, &workspace, 20)?;
            println!(
                "cold start: median {} p99 {}",
                show(cold.median()),
                show(cold.p99())
            );
            let documents = files
                .iter()
                .map(|path| protocol::DocumentScenario::new(&path.display().to_string(), path))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let rounds = protocol::Rounds {
                edits: iterations,
                requests: iterations,
            };
            let timings = protocol::session(&binary, &workspace, &documents, rounds)?;
            for document in &timings.documents {
                println!("{} ({} bytes)", document.label, document.bytes);
                for (name, samples) in [
                    ("floor", &document.floor),
                    ("completion", &document.completion),
                    ("hover", &document.hover),
                    ("open", &document.open_to_diagnostics),
                    ("keystroke", &document.keystroke_to_diagnostics),
                ] {
                    println!(
                        "  {name}: median {} p99 {}",
                        show(samples.median()),
                        show(samples.p99())
                    );
                }
            }
        }
        Command::Memory {
            binary,
            workspace,
            open,
        } => {
            let mut files = runs::xml_files(&workspace);
            files.truncate(open.unwrap_or(files.len()));
            let memory = protocol::memory(&binary, &workspace, &files)?;
            println!("{memory:?}");
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    Ok(if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    })
}

/// Parses `text` as the project model does (taking the `String`, so the text is not copied)
/// and counts what the parse allocated and what the finished tree keeps.
fn parse_cost(text: String) -> ParseCost {
    let region = Region::new(ALLOCATOR);
    let parse = eca_syntax::parse(text);
    let change = region.change();
    let elements = parse.document.element_count();
    drop(parse);
    let retained = change.bytes_allocated as i64 - change.bytes_deallocated as i64
        + change.bytes_reallocated as i64;
    ParseCost {
        allocations: (change.allocations + change.reallocations) as u64,
        bytes_allocated: change.bytes_allocated as u64,
        retained_bytes: retained.max(0) as u64,
        elements,
    }
}
