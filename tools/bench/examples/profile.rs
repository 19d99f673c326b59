//! Runs one in-process scenario many times, for a profiler: `cargo build --release -p
//! eca-bench --examples`, then `valgrind --tool=callgrind target/release/examples/profile
//! keystroke-1k 20` counts instructions repeatably even on a busy machine (run it with 0 rounds
//! too, and subtract, to leave out building the project). Scenarios: keystroke-example,
//! keystroke-1k, keystroke-large, project-10k, completion, hover, completion-large,
//! hover-large, parse-typical, check-typical, analysis-large, reopen-large, parse-large, line-index-large,
//! paste-large.

use std::hint::black_box;

use eca_bench::scenarios::{self, Workbench};
use eca_bench::synthetic;

fn main() {
    let mut args = std::env::args().skip(1);
    let scenario = args.next().unwrap_or_else(|| "keystroke-1k".to_string());
    let rounds: usize = args
        .next()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(10);
    match scenario.as_str() {
        "keystroke-example" => keystrokes(
            Workbench::new(scenarios::example_project(), scenarios::TYPICAL_FILE),
            rounds,
        ),
        "keystroke-1k" => {
            let (project, _) = scenarios::synthetic_project(200, None);
            keystrokes(Workbench::new(project, synthetic::policies_path(0)), rounds);
        }
        "paste-large" => {
            // A field of the 1 MiB file deleted whole and pasted back, in turn.
            let (project, large) = scenarios::synthetic_project(200, Some(1 << 20));
            let mut bench = Workbench::new(project, large.unwrap_or_default());
            let (field, pasted) = bench.field_to_cut();
            for round in 0..rounds {
                let edit = if round % 2 == 0 {
                    (field, "")
                } else {
                    (eca_syntax::TextRange::empty(field.start), pasted.as_str())
                };
                black_box(bench.type_edit(edit));
            }
        }
        "keystroke-large" => {
            let (project, large) = scenarios::synthetic_project(200, Some(1 << 20));
            keystrokes(Workbench::new(project, large.unwrap_or_default()), rounds);
        }
        "project-10k" => {
            let (project, _) = scenarios::synthetic_project(2000, None);
            for _ in 0..rounds {
                black_box(eca_analysis::project_diagnostics(&project));
            }
        }
        "completion" | "hover" | "completion-large" | "hover-large" => {
            let bench = if scenario.ends_with("-large") {
                let (project, large) = scenarios::synthetic_project(200, Some(1 << 20));
                Workbench::new(project, large.unwrap_or_default())
            } else {
                Workbench::new(scenarios::example_project(), scenarios::TYPICAL_FILE)
            };
            let offset = bench.offset_after("<ipRelaxationPolicyType>");
            let hover_offset = bench.offset_after("<refreshTokenPolicyType") - 3;
            for _ in 0..rounds {
                if scenario.starts_with("completion") {
                    black_box(eca_analysis::completions(
                        &bench.project,
                        &bench.path,
                        offset,
                    ));
                } else {
                    black_box(eca_analysis::hover(
                        &bench.project,
                        &bench.path,
                        hover_offset,
                    ));
                }
            }
        }
        "parse-typical" => {
            let text = scenarios::example_files()
                .into_iter()
                .find(|(path, _)| path.ends_with(scenarios::TYPICAL_FILE))
                .map(|(_, text)| text)
                .unwrap_or_default();
            for _ in 0..rounds {
                black_box(eca_syntax::parse(&text));
            }
        }
        "check-typical" => {
            let bench = Workbench::new(scenarios::example_project(), scenarios::TYPICAL_FILE);
            for _ in 0..rounds {
                black_box(bench.file_diagnostics());
            }
        }
        "analysis-large" => {
            let (project, large) = scenarios::synthetic_project(200, Some(1 << 20));
            let bench = Workbench::new(project, large.unwrap_or_default());
            for _ in 0..rounds {
                black_box(bench.file_diagnostics());
            }
        }
        "reopen-large" => {
            // The findings of a large file checked before, as when a document is opened with
            // the text the server already checked: every element's findings are reused.
            let (project, large) = scenarios::synthetic_project(200, Some(1 << 20));
            let path = large.unwrap_or_default();
            black_box(eca_analysis::file_diagnostics(&project, &path));
            for _ in 0..rounds {
                black_box(eca_analysis::file_diagnostics(&project, &path));
            }
        }
        "line-index-large" => {
            let text = synthetic::large_policies(1 << 20);
            for _ in 0..rounds {
                black_box(eca_syntax::LineIndex::new(&text));
            }
        }
        "parse-large" => {
            let text = synthetic::large_policies(1 << 20);
            for _ in 0..rounds {
                black_box(eca_syntax::parse(&text));
            }
        }
        other => eprintln!("unknown scenario {other}"),
    }
}

fn keystrokes(mut bench: Workbench, rounds: usize) {
    let keystroke = bench.keystroke();
    for round in 0..rounds {
        let edit = if round % 2 == 0 {
            keystroke.typed
        } else {
            keystroke.deleted
        };
        black_box(bench.type_edit(edit));
    }
}
