//! The whole benchmark run behind `scripts/bench.sh`: synthetic projects, the protocol
//! sessions, memory, `check` at three sizes with one and all cores, and the peers, all in one
//! run on one machine. Its results go to `report`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;

use crate::costs::{self, AllocationRow, ParseProbe, Profile};
use crate::divan_table::{self, DivanRow};
use crate::machine::{self, Machine};
use crate::protocol::{self, DocumentScenario, ServerMemory, SessionTimings};
use crate::runs;
use crate::stats::Samples;
use crate::synthetic;

/// Synthetic project sizes for `check`, in apps (five files each, plus the org settings).
pub const SCALE_APPS: [usize; 3] = [200, 2_000, 10_000];

/// The size of the large file of the protocol sessions.
pub const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// What to run and where.
#[derive(Debug, Clone)]
pub struct SuiteConfig {
    /// The release `eca-ls`.
    pub binary: PathBuf,
    /// Where the synthetic projects are written.
    pub work: PathBuf,
    /// The repository, for the example project and the commit.
    pub repository: PathBuf,
    /// What `cargo bench -p eca-bench` printed.
    pub divan_output: Option<PathBuf>,
    /// The Node script for `@xml-tools/parser`, or why it cannot run.
    pub xml_tools: Result<PathBuf, String>,
    /// Fewer repetitions, to try the pipeline (the report says so).
    pub quick: bool,
    /// The load average when the whole run began (before building), if the caller noted it.
    pub load_at_start: Option<String>,
    /// Parses a text under the binary's counting allocator (`None`: not measured).
    pub parse_probe: Option<ParseProbe>,
}

/// Everything measured.
#[derive(Debug, Clone)]
pub struct SuiteResults {
    pub machine: Machine,
    pub commit: String,
    pub load_at_start: Option<String>,
    pub load_before: String,
    pub load_after: String,
    pub quick: bool,
    pub in_process: Vec<DivanRow>,
    pub cold_start_example: Samples,
    pub cold_start_1k: Samples,
    pub example_session: SessionTimings,
    pub workspace_session: SessionTimings,
    pub server_memory: ServerMemory,
    pub check_rss_10k_kib: Option<u64>,
    pub scale: Vec<ScaleRow>,
    pub peers: Vec<PeerRow>,
    pub xml_tools_missing: Option<String>,
    pub xmllint_missing: Option<String>,
    /// What parsing each example file and the 1 MiB file costs in memory.
    pub allocations: Vec<AllocationRow>,
    /// `check -j 1` over 1,001 files under callgrind, or why it was not profiled.
    pub profile: Result<Profile, String>,
}

/// `eca-ls check` over one synthetic project.
#[derive(Debug, Clone)]
pub struct ScaleRow {
    pub files: usize,
    pub one_core: Samples,
    pub all_cores: Samples,
    pub cores: usize,
}

/// The peers over the same files as one scale row.
#[derive(Debug, Clone)]
pub struct PeerRow {
    pub files: usize,
    /// Reading the files, nothing else (one thread, in the harness).
    pub reading: Samples,
    pub xmllint: Option<Samples>,
    pub xmllint_invocations: usize,
    pub xml_tools: Option<Samples>,
}

/// Run everything, printing progress on stderr.
pub fn run(config: &SuiteConfig) -> anyhow::Result<SuiteResults> {
    let machine = Machine::describe();
    let load_before = machine::load_average();
    let repetitions = if config.quick { 1 } else { 5 };
    let rounds = if config.quick {
        protocol::Rounds {
            edits: 20,
            requests: 50,
        }
    } else {
        protocol::Rounds {
            edits: 200,
            requests: 1000,
        }
    };
    let cold_runs = if config.quick { 5 } else { 40 };
    fs::create_dir_all(&config.work)?;
    let xsd = config.work.join("eca.xsd");
    write_xsd(&config.binary, &xsd)?;

    progress("synthetic projects");
    let mut scale_projects = Vec::new();
    for apps in SCALE_APPS {
        let folder = config.work.join(format!("apps-{apps}"));
        regenerate(&folder, synthetic::project(apps))?;
        scale_projects.push(folder);
    }
    let workspace = config.work.join("workspace-1k-and-1mib");
    let mut workspace_project = synthetic::project(SCALE_APPS[0]);
    let large_path = workspace_project.add_large_app(LARGE_FILE_BYTES);
    regenerate(&workspace, workspace_project)?;
    let example = config.repository.join("examples/headless-identity");

    progress("cold starts");
    let cold_start_example = protocol::cold_start(&config.binary, &example, cold_runs)?;
    let cold_start_1k = protocol::cold_start(&config.binary, &scale_projects[0], cold_runs)?;

    progress("protocol sessions");
    let example_typical = DocumentScenario::new(
        "typical file",
        &example.join(
            "force-app/main/default/extlClntAppOauthPolicies/Headless_Portal_oauthPlcy.ecaOauthPlcy-meta.xml",
        ),
    )?;
    let example_session = protocol::session(&config.binary, &example, &[example_typical], rounds)?;
    let workspace_documents = [
        DocumentScenario::new("typical file", &workspace.join(synthetic::policies_path(0)))?,
        DocumentScenario::new("1 MiB file", &workspace.join(&large_path))?,
    ];
    let workspace_session =
        protocol::session(&config.binary, &workspace, &workspace_documents, rounds)?;

    progress("memory");
    let open: Vec<PathBuf> = runs::xml_files(&scale_projects[0]);
    let server_memory = protocol::memory(&config.binary, &scale_projects[0], &open)?;
    let check_rss_10k_kib = runs::peak_rss_kib(&runs::eca_ls_check(
        &config.binary,
        &scale_projects[1],
        machine.cores,
    ))?;

    progress("check at scale");
    let mut scale = Vec::new();
    for folder in &scale_projects {
        let files = runs::xml_files(folder).len();
        let runs_here = if files > 20_000 {
            repetitions.min(3)
        } else {
            repetitions
        };
        let one_core = runs::time_runs(&runs::eca_ls_check(&config.binary, folder, 1), runs_here)?;
        let all_cores = runs::time_runs(
            &runs::eca_ls_check(&config.binary, folder, machine.cores),
            runs_here,
        )?;
        scale.push(ScaleRow {
            files,
            one_core,
            all_cores,
            cores: machine.cores,
        });
    }

    progress("peers");
    let xmllint_missing = (!runs::available("xmllint"))
        .then(|| "xmllint is not installed (Debian: `apt-get install libxml2-utils`)".to_string());
    let xml_tools_missing = match &config.xml_tools {
        Ok(_) if !runs::available("node") => Some("Node.js is not installed".to_string()),
        Ok(_) => None,
        Err(reason) => Some(reason.clone()),
    };
    let mut peers = Vec::new();
    for folder in &scale_projects {
        let files = runs::xml_files(folder);
        let runs_here = if files.len() > 20_000 {
            repetitions.min(3)
        } else {
            repetitions
        };
        let batches = runs::xmllint_batches(&xsd, &files);
        let xmllint = match xmllint_missing {
            None => Some(runs::time_batches(&batches, runs_here)?),
            Some(_) => None,
        };
        let xml_tools = match (&config.xml_tools, &xml_tools_missing) {
            (Ok(script), None) => {
                let list = config.work.join(format!("files-{}.txt", files.len()));
                let listing: Vec<String> = files
                    .iter()
                    .map(|file| file.display().to_string())
                    .collect();
                fs::write(&list, listing.join("\n"))?;
                Some(runs::time_runs(
                    &runs::xml_tools_parse(script, &list),
                    runs_here,
                )?)
            }
            _ => None,
        };
        let reading = runs::time_reading(&files, runs_here)?;
        peers.push(PeerRow {
            files: files.len(),
            reading,
            xmllint,
            xmllint_invocations: batches.len(),
            xml_tools,
        });
    }

    progress("allocations per parse and bytes of tree");
    let mut parsed_files: Vec<(String, PathBuf)> = runs::xml_files(&example)
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map_or(String::new(), |name| name.to_string_lossy().into_owned());
            (format!("`{name}`"), path)
        })
        .collect();
    parsed_files.push((
        "1 MiB file (OAuth policies)".to_string(),
        workspace.join(&large_path),
    ));
    let allocations = match config.parse_probe {
        Some(probe) => costs::allocation_rows(probe, &parsed_files)?,
        None => Vec::new(),
    };

    progress("callgrind profile of check");
    let profiled = &scale_projects[0];
    let profile = costs::profile(
        &config.binary,
        profiled,
        runs::xml_files(profiled).len(),
        &config.work.join("check.callgrind"),
    )
    .map_err(|error| format!("{error:#}"));

    let in_process = match &config.divan_output {
        Some(path) => divan_table::parse(
            &fs::read_to_string(path)
                .with_context(|| format!("cannot read the bench output {}", path.display()))?,
        ),
        None => Vec::new(),
    };
    Ok(SuiteResults {
        machine,
        commit: machine::git_commit(&config.repository),
        load_at_start: config.load_at_start.clone(),
        load_before,
        load_after: machine::load_average(),
        quick: config.quick,
        in_process,
        cold_start_example,
        cold_start_1k,
        example_session,
        workspace_session,
        server_memory,
        check_rss_10k_kib,
        scale,
        peers,
        xml_tools_missing,
        xmllint_missing,
        allocations,
        profile,
    })
}

/// The median of `samples` per file.
pub fn per_file(samples: &Samples, files: usize) -> Duration {
    runs::per_file(samples.median(), files)
}

fn regenerate(folder: &Path, project: synthetic::SyntheticProject) -> anyhow::Result<()> {
    if folder.exists() {
        fs::remove_dir_all(folder)?;
    }
    synthetic::write_project(folder, &project)
        .with_context(|| format!("cannot write {}", folder.display()))
}

fn write_xsd(binary: &Path, xsd: &Path) -> anyhow::Result<()> {
    let output = std::process::Command::new(binary)
        .args(["schema", "--xsd"])
        .output()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    fs::write(xsd, output.stdout)?;
    Ok(())
}

fn progress(step: &str) {
    eprintln!("==> {step} (load average {})", machine::load_average());
}
