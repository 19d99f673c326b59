//! In-process benchmarks (divan): parsing, the full analysis of each file of the example
//! project, completion and hover at a cursor, synthetic 1 MiB and 5 MiB files, and the work a
//! keystroke causes. `cargo bench -p eca-bench` prints the table; `scripts/bench.sh` puts the
//! medians into BENCHMARKS.md. Nothing here asserts a time.

use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;
use eca_bench::scenarios::{self, Workbench};
use eca_bench::synthetic;
use eca_syntax::TextRange;

fn main() {
    divan::main();
}

/// The example project's files by name, the typical file first.
static EXAMPLE_FILES: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    scenarios::example_files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".xml"))
        .collect()
});

const EXAMPLE_NAMES: &[&str] = &[
    "Headless_Portal.eca-meta.xml",
    "Headless_Portal_oauth.ecaOauth-meta.xml",
    "Headless_Portal_glbloauth.ecaGlblOauth-meta.xml",
    "Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
    "Headless_Portal_plcy.ecaPlcy-meta.xml",
    "OauthOidc.settings-meta.xml",
];

const MIB: usize = 1024 * 1024;

/// The app `Big_Policies` of about 1 MiB and of just under 5 MiB (the largest file eca-ls
/// parses), each in a project of 200 synthetic apps.
static LARGE_1_MIB: LazyLock<Workbench> = LazyLock::new(|| large(MIB));
static LARGE_5_MIB: LazyLock<Workbench> = LazyLock::new(|| large(5 * MIB - 4096));

fn large(size: usize) -> Workbench {
    let (project, path) = scenarios::synthetic_project(200, Some(size));
    Workbench::new(project, path.unwrap_or_default())
}

fn example_path(name: &str) -> String {
    EXAMPLE_FILES
        .iter()
        .map(|(path, _)| path.clone())
        .find(|path| path.ends_with(&format!("/{name}")))
        .unwrap_or_default()
}

fn example_text(name: &str) -> &'static str {
    EXAMPLE_FILES
        .iter()
        .find(|(path, _)| path.ends_with(&format!("/{name}")))
        .map_or("", |(_, text)| text.as_str())
}

fn typical() -> Workbench {
    Workbench::new(scenarios::example_project(), scenarios::TYPICAL_FILE)
}

mod parse {
    use super::*;

    /// `eca_syntax::parse` of each file of the example project.
    #[divan::bench(args = EXAMPLE_NAMES)]
    fn example(bencher: Bencher, name: &str) {
        let text = example_text(name);
        bencher.bench(|| eca_syntax::parse(black_box(text)));
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_1_mib(bencher: Bencher) {
        let text = &LARGE_1_MIB.text().to_string();
        bencher.bench(|| eca_syntax::parse(black_box(text)));
    }

    #[divan::bench(sample_count = 10)]
    fn synthetic_5_mib(bencher: Bencher) {
        let text = &LARGE_5_MIB.text().to_string();
        bencher.bench(|| eca_syntax::parse(black_box(text)));
    }
}

mod analysis {
    use super::*;

    /// Every finding of one parsed file, as an editor shows them: structural checks, file and
    /// app rules, suppressions and configured severities (`eca_analysis::file_diagnostics`).
    #[divan::bench(args = EXAMPLE_NAMES)]
    fn example(bencher: Bencher, name: &str) {
        let project = scenarios::example_project();
        let path = example_path(name);
        bencher.bench(|| eca_analysis::file_diagnostics(&project, black_box(&path)));
    }

    /// The same, parsing first: the whole cost of a file whose text is new.
    #[divan::bench]
    fn typical_with_parse(bencher: Bencher) {
        let bench = typical();
        let text = bench.text().to_string();
        bencher.bench(|| {
            let file = eca_analysis::SourceFile::new(bench.path.clone(), black_box(text.clone()));
            let mut project = bench.project.clone();
            project.insert(file);
            eca_analysis::file_diagnostics(&project, &bench.path)
        });
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_1_mib(bencher: Bencher) {
        let bench = &*LARGE_1_MIB;
        bencher.bench(|| bench.file_diagnostics());
    }

    #[divan::bench(sample_count = 10)]
    fn synthetic_5_mib(bencher: Bencher) {
        let bench = &*LARGE_5_MIB;
        bencher.bench(|| bench.file_diagnostics());
    }
}

mod cursor {
    use super::*;

    /// Completion of the values of `ipRelaxationPolicyType`.
    #[divan::bench]
    fn completion_typical(bencher: Bencher) {
        let bench = typical();
        let offset = bench.offset_after("<ipRelaxationPolicyType>");
        bencher.bench(|| eca_analysis::completions(&bench.project, &bench.path, black_box(offset)));
    }

    /// Completion of field names on a new line inside the root element.
    #[divan::bench]
    fn completion_typical_field_names(bencher: Bencher) {
        let mut bench = typical();
        let text = bench.text().replace("    <label>", "    \n    <label>");
        bench.project.set_file(bench.path.clone(), text);
        let offset = bench.offset_after("</isTokenExchangeFlowEnabled>\n    ");
        bencher.bench(|| eca_analysis::completions(&bench.project, &bench.path, black_box(offset)));
    }

    /// Hover on the name of `refreshTokenPolicyType`.
    #[divan::bench]
    fn hover_typical(bencher: Bencher) {
        let bench = typical();
        let offset = bench.offset_after("<refreshTokenPolicyType") - 3;
        bencher.bench(|| eca_analysis::hover(&bench.project, &bench.path, black_box(offset)));
    }

    /// Hover on the root element: the type, the app's files and the readiness of its flows.
    #[divan::bench]
    fn hover_typical_root(bencher: Bencher) {
        let bench = typical();
        let offset = bench.offset_after("<ExtlClntAppOauthConfigurablePolicies") - 3;
        bencher.bench(|| eca_analysis::hover(&bench.project, &bench.path, black_box(offset)));
    }

    #[divan::bench]
    fn completion_1_mib(bencher: Bencher) {
        let bench = &*LARGE_1_MIB;
        let offset = bench.offset_after("<ipRelaxationPolicyType>");
        bencher.bench(|| eca_analysis::completions(&bench.project, &bench.path, black_box(offset)));
    }

    #[divan::bench]
    fn hover_1_mib(bencher: Bencher) {
        let bench = &*LARGE_1_MIB;
        let offset = bench.offset_after("<refreshTokenPolicyType") - 3;
        bencher.bench(|| eca_analysis::hover(&bench.project, &bench.path, black_box(offset)));
    }
}

mod keystroke {
    use super::*;

    /// What the language server does after one character typed into (or deleted from) a
    /// file: apply the edit (the tree moved, not parsed again), re-check its app's files and
    /// the org settings (in the 1 MiB file, only the edited top-level element and its
    /// neighbours are checked again on their own).
    fn bench_keystrokes(bencher: Bencher, mut bench: Workbench) {
        let keystroke = bench.keystroke();
        let mut typed = false;
        bencher.bench_local(move || {
            typed = !typed;
            bench.type_edit(if typed {
                keystroke.typed
            } else {
                keystroke.deleted
            })
        });
    }

    #[divan::bench]
    fn example_project(bencher: Bencher) {
        bench_keystrokes(bencher, typical());
    }

    /// In a project of 200 apps (1,001 files).
    #[divan::bench]
    fn project_of_1000_files(bencher: Bencher) {
        let (project, _) = scenarios::synthetic_project(200, None);
        bench_keystrokes(
            bencher,
            Workbench::new(project, synthetic::policies_path(0)),
        );
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_1_mib(bencher: Bencher) {
        let (project, path) = scenarios::synthetic_project(200, Some(MIB));
        bench_keystrokes(bencher, Workbench::new(project, path.unwrap_or_default()));
    }

    /// One field of the 1 MiB file deleted whole, with its line, and pasted back, in turn:
    /// the root is parsed again (the smallest element that holds the edit), and the other
    /// top-level elements' findings are reused one place earlier or later.
    #[divan::bench(sample_count = 20)]
    fn synthetic_1_mib_field_deleted_and_pasted(bencher: Bencher) {
        let (project, path) = scenarios::synthetic_project(200, Some(MIB));
        let mut bench = Workbench::new(project, path.unwrap_or_default());
        let (field, pasted) = bench.field_to_cut();
        let mut deleted = false;
        bencher.bench_local(move || {
            deleted = !deleted;
            bench.type_edit(if deleted {
                (field, "")
            } else {
                (TextRange::empty(field.start), pasted.as_str())
            })
        });
    }
}
