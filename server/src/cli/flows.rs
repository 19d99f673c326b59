//! `eca-ls flows`: for every app with a file under the given paths, the OAuth flows it
//! switches on and what each still needs — as a table for people or as JSON for tools. Reads
//! like `check`; decides nothing itself (`eca_analysis::flows` does).

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use eca_analysis::writers::component_files::{FileFormat, Layout};
use eca_analysis::{App, AppFlows, FileEdit, FlowNeed, FlowReadiness, Project};
use eca_schema::Schema;
use serde_json::{Value, json};

use super::projects::{self, RequestedProject};
use super::report::lsp_range;
use super::{FlowsArgs, FlowsFormat, usage_error};

pub fn run(args: &FlowsArgs) -> ExitCode {
    let projects = match projects::each_requested_project(
        &args.paths,
        &projects::command_line_overrides(args.api_version, None, None),
        args.include_ignored,
        |loaded| loaded,
    ) {
        Ok(projects) => projects,
        Err(error) => return usage_error(&error.to_string()),
    };
    let output = match args.format {
        FlowsFormat::Human => human(&projects),
        FlowsFormat::Json => json_document(&projects),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`eca-ls flows | head`) is not an error worth a panic.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

/// The apps of a project with a file under the paths asked for, with their flows: judged on
/// all of each app's files, asked for or not.
fn requested_apps(loaded: &RequestedProject) -> Vec<(App, AppFlows)> {
    loaded
        .project
        .apps()
        .into_iter()
        .filter(|app| {
            app.header
                .iter()
                .chain(&app.components)
                .any(|path| loaded.requested.contains(path))
        })
        .map(|app| {
            let flows = eca_analysis::app_flows(&loaded.project, &app);
            (app, flows)
        })
        .collect()
}

/// Per app: a line with its name and header, then one row per flow (name, state, and what is
/// missing, one need per line). A variation lists only what its base flow's row does not.
fn human(projects: &[RequestedProject]) -> String {
    let mut out = String::new();
    let mut apps = 0;
    for loaded in projects {
        let project = &loaded.project;
        for (app, flows) in requested_apps(loaded) {
            apps += 1;
            let header = app
                .header
                .as_deref()
                .map_or_else(|| "no header in the project".to_string(), str::to_string);
            let _ = writeln!(out, "{} ({header})", flows.app);
            render_app(&mut out, project, &flows, file_format_of(&app));
            out.push('\n');
        }
    }
    if apps == 0 {
        out.push_str("no External Client App found\n");
    }
    out
}

const NAME_WIDTH: usize = 42;
const STATE_WIDTH: usize = 11;

fn render_app(out: &mut String, project: &Project, flows: &AppFlows, format: FileFormat) {
    if flows.flows.is_empty() {
        let _ = writeln!(out, "  no OAuth flow is switched on in the project's files");
        return;
    }
    let _ = writeln!(
        out,
        "  {:<NAME_WIDTH$}{:<STATE_WIDTH$}WHAT IS MISSING",
        "FLOW", "STATE"
    );
    for flow in &flows.flows {
        let base = Schema::get()
            .flow(&flow.flow_id)
            .and_then(|doc| doc.variation_of.as_deref())
            .and_then(|base_id| flows.flows.iter().find(|other| other.flow_id == base_id));
        let lines = need_lines(project, flow, base, format);
        let mut lines = lines.into_iter();
        let first = lines.next().unwrap_or_else(|| "-".to_string());
        let _ = writeln!(
            out,
            "  {:<NAME_WIDTH$}{:<STATE_WIDTH$}{first}",
            flow.name,
            flow.state.as_str()
        );
        for line in lines {
            let _ = writeln!(out, "  {:<NAME_WIDTH$}{:<STATE_WIDTH$}{line}", "", "");
        }
    }
}

/// One line per need: `[recommended] file:line → field = value — why`, or `? <what is
/// missing> → …` when the file is not in the project.
fn need_lines(
    project: &Project,
    flow: &FlowReadiness,
    base: Option<&FlowReadiness>,
    format: FileFormat,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inherited = false;
    for need in &flow.needs {
        if base.is_some_and(|base| base.needs.contains(need)) {
            inherited = true;
            continue;
        }
        let place = match (&need.path, need.range) {
            (Some(path), Some(range)) => match project.file(path) {
                Some(file) => {
                    let line = file
                        .line_index()
                        .line_col(range.start, eca_syntax::PositionEncoding::Utf16)
                        .line
                        + 1;
                    format!("{path}:{line}")
                }
                None => path.clone(),
            },
            _ => format!("? {}", missing_file(&need.type_name, format)),
        };
        let value = need
            .value
            .as_deref()
            .map(|value| format!(" = {value}"))
            .unwrap_or_default();
        let kind = if need.required { "" } else { "(recommended) " };
        lines.push(format!(
            "{kind}{place} → {}{value} — {}",
            need.field, need.why
        ));
    }
    if let (true, Some(base)) = (inherited, base) {
        if lines.is_empty() {
            lines.push(format!("what {} still needs", base.name));
        } else {
            lines.push(format!("+ what {} still needs", base.name));
        }
    }
    lines
}

/// What the project lacks, in words: `no *.ecaPlcy-meta.xml for the app`.
fn missing_file(type_name: &str, format: FileFormat) -> String {
    let Some(type_def) = Schema::get().type_named(type_name) else {
        return format!("{type_name} (eca-ls does not read these files)");
    };
    let meta = match format {
        FileFormat::Source => "-meta.xml",
        FileFormat::MetadataApi => "",
    };
    if let Some(settings_name) = &type_def.settings_name {
        return format!("no settings/{settings_name}.settings{meta} in the project");
    }
    match &type_def.suffix {
        Some(suffix) => format!("no *.{suffix}{meta} for the app ({type_name})"),
        None => format!("no {type_name} in the project"),
    }
}

/// Whether the app's files are in source or Metadata API format, read from their names (the
/// format the files it lacks will have); source format when no name says.
fn file_format_of(app: &App) -> FileFormat {
    app.header
        .iter()
        .chain(&app.components)
        .find_map(|path| Layout::of_existing(path))
        .map_or(FileFormat::Source, |layout| layout.format)
}

/// `{"apps": [{"project", "app", "header", "flows": [{"id", "name", "state", "needs": [...]}]}]}`
/// with LSP positions (0-based lines, UTF-16 columns).
fn json_document(projects: &[RequestedProject]) -> String {
    let mut apps = Vec::new();
    for loaded in projects {
        let project = &loaded.project;
        for (app, flows) in requested_apps(loaded) {
            let flows: Vec<Value> = flows
                .flows
                .iter()
                .map(|flow| {
                    json!({
                        "id": flow.flow_id,
                        "name": flow.name,
                        "state": flow.state.as_str(),
                        "needs": flow.needs.iter().map(|need| need_json(project, need)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            apps.push(json!({
                "project": project.root,
                "app": app.name,
                "header": app.header,
                "flows": flows,
            }));
        }
    }
    let document = json!({ "apps": apps });
    format!("{document:#}\n")
}

fn need_json(project: &Project, need: &FlowNeed) -> Value {
    let range = match (&need.path, need.range) {
        (Some(path), Some(range)) => project.file(path).map(|file| lsp_range(file, range)),
        _ => None,
    };
    let fix = need.fix.as_ref().map(|fix| {
        json!({
            "title": fix.title,
            "edits": fix.edits.iter().map(|edit| edit_json(project, edit)).collect::<Vec<_>>(),
        })
    });
    json!({
        "type": need.type_name,
        "field": need.field,
        "value": need.value,
        "path": need.path,
        "range": range,
        "why": need.why,
        "required": need.required,
        "known": need.path.is_some(),
        "fix": fix,
    })
}

fn edit_json(project: &Project, edit: &FileEdit) -> Value {
    json!({
        "path": edit.path,
        "range": project.file(&edit.path).map(|file| lsp_range(file, edit.range)),
        "newText": edit.new_text,
    })
}
