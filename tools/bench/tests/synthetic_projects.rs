//! The synthetic projects of the benchmarks check clean except for their seeded problems:
//! otherwise the benchmarks would time error reporting instead of the common case.

use std::collections::BTreeSet;

use eca_bench::scenarios;
use eca_bench::synthetic;

#[test]
fn synthetic_projects_report_exactly_their_seeded_problems() {
    let mut generated = synthetic::project(300);
    let large = generated.add_large_app(256 * 1024);
    let seeded: BTreeSet<(String, String)> = generated
        .seeded
        .iter()
        .map(|problem| (problem.path.clone(), problem.code.to_string()))
        .collect();
    // Every kind of seeded problem occurs, so the comparison below means something.
    let codes: BTreeSet<&str> = seeded.iter().map(|(_, code)| code.as_str()).collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "ECA-CC-001",
            "duplicate-element",
            "invalid-value",
            "unknown-element"
        ])
    );
    assert!(seeded.iter().any(|(path, _)| *path == large));
    let (project, _) = scenarios::synthetic_project(300, Some(256 * 1024));
    let reported: BTreeSet<(String, String)> = eca_analysis::project_diagnostics(&project)
        .into_iter()
        .flat_map(|(path, diagnostics)| {
            diagnostics
                .into_iter()
                .map(move |diagnostic| (path.clone(), diagnostic.code))
        })
        .collect();
    assert_eq!(reported, seeded);
}

#[test]
fn the_large_file_is_as_large_as_asked_and_no_larger() {
    for size in [64 * 1024, 1024 * 1024] {
        let text = synthetic::large_policies(size);
        assert!(text.len() <= size, "{} > {size}", text.len());
        assert!(
            text.len() > size - 1024,
            "{} is far below {size}",
            text.len()
        );
        assert!(text.matches("<customAttributes>").count() > size / 400);
    }
}

#[test]
fn written_projects_have_their_files_and_sfdx_project() {
    let folder = std::env::temp_dir().join(format!("eca-bench-written-{}", std::process::id()));
    let generated = synthetic::project(3);
    synthetic::write_project(&folder, &generated).expect("write the project");
    assert!(folder.join("sfdx-project.json").is_file());
    for file in &generated.files {
        assert_eq!(
            std::fs::read_to_string(folder.join(&file.path))
                .ok()
                .as_deref(),
            Some(file.text.as_str())
        );
    }
    std::fs::remove_dir_all(&folder).expect("clean up");
}
