//! The machine a run happened on, for the report: CPU, cores, memory, OS, compiler, load.

use std::fs;
use std::process::Command;

/// What the report says about the machine.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub os: String,
    pub rustc: String,
    pub node: Option<String>,
    pub xmllint: Option<String>,
}

impl Machine {
    pub fn describe() -> Machine {
        let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|line| line.strip_prefix("model name"))
            .and_then(|rest| rest.split_once(':'))
            .map_or_else(
                || "unknown".to_string(),
                |(_, name)| name.trim().to_string(),
            );
        let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_kib: f64 = meminfo
            .lines()
            .find_map(|line| line.strip_prefix("MemTotal:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_default();
        let os_release = fs::read_to_string("/etc/os-release").unwrap_or_default();
        let distribution = os_release
            .lines()
            .find_map(|line| line.strip_prefix("PRETTY_NAME="))
            .map_or_else(
                || std::env::consts::OS.to_string(),
                |name| name.trim_matches('"').to_string(),
            );
        let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            memory_gib: memory_kib / (1024.0 * 1024.0),
            os: format!("{distribution}, Linux {}", kernel.trim()),
            rustc: first_line("rustc", &["--version"]).unwrap_or_else(|| "unknown".to_string()),
            node: first_line("node", &["--version"]),
            xmllint: first_line("xmllint", &["--version"]),
        }
    }
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// The 1 minute load average as a number.
pub fn load_one_minute() -> f64 {
    load_average()
        .split_whitespace()
        .next()
        .and_then(|value| value.parse().ok())
        .unwrap_or_default()
}

/// The commit the binary was built from, with `+changes` when code differs from it (the README,
/// docs/ and the report itself do not count: they do not change what is measured).
pub fn git_commit(folder: &std::path::Path) -> String {
    let commit = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let dirty = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args([
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            ".",
            ":!README.md",
            ":!docs",
            ":!BENCHMARKS.md",
        ])
        .output()
        .is_ok_and(|output| !output.stdout.is_empty());
    if dirty {
        format!("{commit}+changes")
    } else {
        commit
    }
}

fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    let text = if output.stdout.is_empty() {
        output.stderr
    } else {
        output.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .map(|line| line.trim().to_string())
}
