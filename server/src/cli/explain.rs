//! `eca-ls explain CODE`: everything about one diagnostic code — title, severity, why, an
//! example that fires with the findings eca-ls gives on it, the fixed example, the sources.
//! Also the example rendering that `eca-ls rules --format markdown` reuses.

use std::fmt::Write;
use std::process::ExitCode;

use eca_analysis::codes::{self, CodeInfo};
use eca_analysis::fixture::Fixture;
use eca_analysis::rules::{self, Check};
use eca_analysis::{Diagnostic, Fix, FixSafety, Project};
use eca_syntax::PositionEncoding;

use super::{ExplainArgs, usage_error};

/// Lines of an example longer than this are shortened when shown.
const LONGEST_SHOWN_LINE: usize = 160;

pub fn run(args: &ExplainArgs) -> ExitCode {
    let info = match find_code(&args.code) {
        Ok(info) => info,
        Err(message) => return usage_error(&message),
    };
    print!("{}", explain(info));
    ExitCode::SUCCESS
}

/// The code named `code` (any letter case), or a message with the closest known code.
pub(super) fn find_code(code: &str) -> Result<&'static CodeInfo, String> {
    if let Some(info) = codes::code_info(code.trim()) {
        return Ok(info);
    }
    let names = codes::all_code_names();
    let suggestion = eca_analysis::text_util::closest_match(code.trim(), names.iter().copied())
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default();
    Err(format!(
        "unknown code `{}`{suggestion}: `eca-ls rules` lists every code",
        code.trim()
    ))
}

/// The text `eca-ls explain` prints for one code.
pub(super) fn explain(info: &'static CodeInfo) -> String {
    let mut out = String::new();
    // Only the strict codes say their profile: every other code runs in every project.
    let profile = match codes::profile_of(info.code) {
        eca_analysis::Profile::Strict => ", strict profile",
        eca_analysis::Profile::Baseline => "",
    };
    let _ = writeln!(
        out,
        "{} ({}{profile}): {}",
        info.code, info.default_severity, info.title
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", info.explanation);
    let _ = writeln!(out);
    if let Some(how) = how_reported(info) {
        let _ = writeln!(out, "{how}");
        let _ = writeln!(out);
    }
    if let Some(lines) = control_lines(info) {
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }
    let shown_code = reported_code(info);
    let _ = writeln!(out, "Example that fires:");
    let _ = writeln!(out);
    out.push_str(&indent(&elide_long_lines(info.example), "    "));
    let _ = writeln!(out);
    if let Some(code) = shown_code {
        match ExampleFindings::of(info.example, code).map(|example| example.rendered()) {
            Ok(rendered) if rendered.is_empty() => {
                let _ = writeln!(out, "eca-ls reports no `{code}` finding on it.");
            }
            Ok(rendered) => {
                let _ = writeln!(out, "What eca-ls reports on it:");
                let _ = writeln!(out);
                out.push_str(&indent(&rendered, "    "));
            }
            Err(error) => {
                let _ = writeln!(out, "(the example could not be read: {error})");
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "Fixed:");
    let _ = writeln!(out);
    out.push_str(&indent(&elide_long_lines(info.fixed_example), "    "));
    if !info.sources.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Sources:");
        for source in info.sources {
            let _ = writeln!(out, "  - {source}");
        }
    }
    out
}

/// For a posture code: the security control it follows, what the control recommends and the
/// risk it gives, one Markdown line each.
pub(super) fn control_lines(info: &CodeInfo) -> Option<Vec<String>> {
    let control = codes::control(info.code)?;
    Some(vec![
        format!("Control: {} ({})", control.control, control.page),
        format!("Recommended: {}", control.recommended),
        format!(
            "Risk if not configured: {}",
            control.risk.unwrap_or("not rated by the page")
        ),
    ])
}

/// For rules that are not diagnostics of their own: which code reports them, or that they
/// are shown on hover only.
pub(super) fn how_reported(info: &CodeInfo) -> Option<String> {
    match rules::rule(info.code).map(|rule| &rule.check) {
        Some(Check::Structural(code)) => Some(format!(
            "Reported as the structural code `{code}` (configure and silence it by that name)."
        )),
        Some(Check::HoverOnly) => Some(
            "Shown on hover of the fields it involves; never reported as a diagnostic.".to_string(),
        ),
        _ => None,
    }
}

/// The code findings of this code carry: a structural code for rules it reports, none for
/// hover-only rules.
pub(super) fn reported_code(info: &'static CodeInfo) -> Option<&'static str> {
    match rules::rule(info.code).map(|rule| &rule.check) {
        Some(Check::Structural(code)) => Some(code),
        Some(Check::HoverOnly) => None,
        _ => Some(info.code),
    }
}

/// The findings with one code that eca-ls gives on a fixture, found once for both what
/// `explain` and the rules reference show of them: the findings and the fixes they offer.
pub(super) struct ExampleFindings {
    project: Project,
    /// Each finding with the path of its file, files in path order.
    findings: Vec<(String, Diagnostic)>,
}

impl ExampleFindings {
    pub(super) fn of(fixture: &str, code: &str) -> Result<ExampleFindings, String> {
        let project = Fixture::parse(fixture)?.project(&codes::all_code_names())?;
        let findings = eca_analysis::project_diagnostics(&project)
            .into_iter()
            .flat_map(|(path, diagnostics)| {
                diagnostics
                    .into_iter()
                    .filter(|finding| finding.code == code)
                    .map(move |finding| (path.clone(), finding))
            })
            .collect();
        Ok(ExampleFindings { project, findings })
    }

    /// One finding per line (`file:line:col severity[code] message`) with related places and
    /// fixes below.
    pub(super) fn rendered(&self) -> String {
        let mut out = String::new();
        for (path, diagnostic) in &self.findings {
            render_finding(&mut out, &self.project, path, diagnostic);
        }
        out
    }

    /// The fixes the findings offer, each title once: `“title” (safe)`, `“title” (unsafe,
    /// preferred)`.
    pub(super) fn fix_summaries(&self) -> Vec<String> {
        let mut titles: Vec<&str> = Vec::new();
        let mut summaries = Vec::new();
        for fix in self.findings.iter().flat_map(|(_, finding)| &finding.fixes) {
            if titles.contains(&fix.title.as_str()) {
                continue;
            }
            titles.push(&fix.title);
            summaries.push(format!("“{}” ({})", fix.title, fix_class(fix)));
        }
        summaries
    }
}

/// Lines longer than [`LONGEST_SHOWN_LINE`] characters cut, saying how long they were.
pub(super) fn elide_long_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let length = content.chars().count();
        if length <= LONGEST_SHOWN_LINE {
            out.push_str(line);
            continue;
        }
        let kept: String = content.chars().take(LONGEST_SHOWN_LINE / 2).collect();
        let _ = writeln!(out, "{kept}… (line of {length} characters, shortened)");
    }
    out
}

fn render_finding(out: &mut String, project: &Project, path: &str, diagnostic: &Diagnostic) {
    let _ = writeln!(
        out,
        "{} {}[{}] {}",
        location(project, path, diagnostic.range.start),
        diagnostic.severity,
        diagnostic.code,
        diagnostic.message
    );
    for related in &diagnostic.related {
        let _ = writeln!(
            out,
            "  related {}: {}",
            location(project, &related.path, related.range.start),
            related.message
        );
    }
    for fix in &diagnostic.fixes {
        let _ = writeln!(out, "  fix: {} ({})", fix.title, fix_class(fix));
    }
}

/// `safe` or `unsafe`, and `preferred` for the fix an editor shows first.
fn fix_class(fix: &Fix) -> String {
    let safety = match fix.safety {
        FixSafety::Safe => "safe",
        FixSafety::Unsafe => "unsafe",
    };
    if fix.preferred {
        format!("{safety}, preferred")
    } else {
        safety.to_string()
    }
}

/// `file.ext:line:col`, 1-based, columns in UTF-16 units like editors count them; the path
/// from the fixture's root instead where another file of the example has the same name.
fn location(project: &Project, path: &str, offset: usize) -> String {
    let file_name = eca_analysis::file_kind::file_name(path);
    let name_is_shared = project.files().any(|other| {
        other.path != path && eca_analysis::file_kind::file_name(&other.path) == file_name
    });
    let name = if name_is_shared {
        path.trim_start_matches('/')
    } else {
        file_name
    };
    match project.file(path) {
        Some(file) => {
            let position = file.line_index().line_col(offset, PositionEncoding::Utf16);
            format!("{name}:{}:{}", position.line + 1, position.col + 1)
        }
        None => name.to_string(),
    }
}

fn indent(text: &str, prefix: &str) -> String {
    text.lines()
        .map(|line| {
            if line.is_empty() {
                "\n".to_string()
            } else {
                format!("{prefix}{line}\n")
            }
        })
        .collect()
}
