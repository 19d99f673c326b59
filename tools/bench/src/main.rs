//! `eca-bench`: generate synthetic projects, drive eca-ls over the protocol, write BENCHMARKS.md.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use eca_bench::stats::show;
use eca_bench::synthetic;

#[derive(Debug, Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
        #[arg(long)]
        binary: PathBuf,
        workspace: PathBuf,
        /// Documents to measure (absolute paths)
        #[arg(long = "file")]
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 100)]
        iterations: usize,
    },
    /// Measure the server's memory on a workspace, opening every ECA file of it
    Memory {
        #[arg(long)]
        binary: PathBuf,
        workspace: PathBuf,
    },
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
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
            let cold = eca_bench::protocol::cold_start(&binary, &workspace, 20)?;
            println!(
                "cold start: median {} p99 {}",
                show(cold.median()),
                show(cold.p99())
            );
            let documents = files
                .iter()
                .map(|path| {
                    eca_bench::protocol::DocumentScenario::new(&path.display().to_string(), path)
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let timings =
                eca_bench::protocol::session(&binary, &workspace, &documents, iterations)?;
            for document in &timings.documents {
                println!(
                    "{} ({} bytes, {} completion items)",
                    document.label, document.bytes, document.completion_items
                );
                for (name, samples) in [
                    ("floor", &document.floor),
                    ("open", &document.open_to_diagnostics),
                    ("keystroke", &document.keystroke_to_diagnostics),
                    ("completion", &document.completion),
                    ("hover", &document.hover),
                ] {
                    println!(
                        "  {name}: median {} p99 {}",
                        show(samples.median()),
                        show(samples.p99())
                    );
                }
            }
        }
        Command::Memory { binary, workspace } => {
            let mut files = Vec::new();
            collect_xml(&workspace, &mut files);
            files.sort();
            let memory = eca_bench::protocol::memory(&binary, &workspace, &files)?;
            println!("{memory:?}");
        }
    }
    Ok(())
}

fn collect_xml(folder: &std::path::Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_xml(&path, files);
        } else if path.extension().is_some_and(|extension| extension == "xml") {
            files.push(path);
        }
    }
}
