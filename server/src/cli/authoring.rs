//! `eca-ls new` and `eca-ls configure`: read the project, ask the analysis for the plan that
//! creates or configures the app for its flows, and show it (`--dry-run`, `--diff`) or write
//! it, all files or none (`apply`). Decides nothing about flows itself
//! (`eca_analysis::writers::app_config` does).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eca_analysis::writers::Operation;
use eca_analysis::writers::app_config::{
    self, AppPlan, ClientKind, Distribution, FlowRequest, NewApp, shown_value,
};
use eca_analysis::writers::component_files::Layout;
use eca_analysis::writers::package_manifest::ManifestNotCreated;
use eca_analysis::{ApiVersionSource, Project};
use eca_schema::{Schema, TypeKind};
use serde_json::{Value, json};

use super::plan::WriteFormat;
use super::{ClientArg, ConfigureArgs, DistributionArg, FlowOptions, NewArgs, usage_error};
use crate::workspace::{self, Overrides};

pub fn run_new(args: &NewArgs) -> ExitCode {
    let folder = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if !folder.is_dir() {
        return usage_error(&format!(
            "--dir {}: not a folder (create it first)",
            folder.display()
        ));
    }
    let target = match Target::of_folder(&folder) {
        Ok(target) => target,
        Err(message) => return usage_error(&message),
    };
    let project = match target.load(&args.options) {
        Ok(project) => project,
        Err(message) => return usage_error(&message),
    };
    let request = match flow_request(&args.options, false) {
        Ok(request) => request,
        Err(message) => return usage_error(&message),
    };
    let new_app = NewApp {
        name: args.name.clone(),
        label: args.label.clone(),
        distribution: match args.distribution {
            DistributionArg::Local => Distribution::Local,
            DistributionArg::Packaged => Distribution::Packaged,
        },
        request,
    };
    let mut plan = match app_config::plan_new_app(&project, &target.layout, &new_app) {
        Ok(plan) => plan,
        Err(error) => return usage_error(&error.to_string()),
    };
    match super::plan::add_manifest_entries(&mut plan.plan, project.api_version.version) {
        Ok(notes) => print_notes(&notes),
        Err(message) => return usage_error(&message),
    }
    finish(&plan, &args.options, "created")
}

pub fn run_configure(args: &ConfigureArgs) -> ExitCode {
    let given = Path::new(&args.app);
    let (folder, file) = if given.is_file() {
        // The folder that holds the file's type folder: in Metadata API format without a
        // `package.xml` that is the whole project, not the type folder alone.
        let base = Layout::of_existing(&workspace::display(given))
            .map(|layout| PathBuf::from(layout.base))
            .filter(|base| !base.as_os_str().is_empty());
        let folder = base
            .or_else(|| given.parent().map(Path::to_path_buf))
            .filter(|folder| !folder.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        (folder, Some(given))
    } else if given.exists() && !given.is_dir() {
        return usage_error(&format!(
            "{}: not a regular file (a pipe, socket or device); name an app or one of its files",
            given.display()
        ));
    } else {
        (args.dir.clone().unwrap_or_else(|| PathBuf::from(".")), None)
    };
    let target = match Target::of_folder(&folder) {
        Ok(target) => target,
        Err(message) => return usage_error(&message),
    };
    let project = match target.load(&args.options) {
        Ok(project) => project,
        Err(message) => return usage_error(&message),
    };
    let app_name = match file {
        Some(file) => {
            let key = workspace::display(file);
            let found = project
                .files()
                .find(|candidate| same_file(Path::new(&candidate.path), file))
                .and_then(|candidate| project.app_of(&candidate.path));
            match found {
                Some(app) => app.name,
                None => {
                    return usage_error(&format!(
                        "{key} is not a file of an External Client App (no header and no `externalClientApplication` in it)"
                    ));
                }
            }
        }
        None => args.app.clone(),
    };
    let mut request = match flow_request(&args.options, args.allow_access_change) {
        Ok(request) => request,
        Err(message) => return usage_error(&message),
    };
    request.allow_access_change = args.allow_access_change;
    let mut plan = match app_config::plan_configure(&project, &target.layout, &app_name, &request) {
        Ok(plan) => plan,
        Err(error) => return usage_error(&error.to_string()),
    };
    match super::plan::add_manifest_entries(&mut plan.plan, project.api_version.version) {
        Ok(notes) => print_notes(&notes),
        Err(message) => return usage_error(&message),
    }
    finish(&plan, &args.options, "configured")
}

/// Where new files go, and the project they join.
struct Target {
    /// The folder whose ECA files form the project (the sfdx root, or the folder given).
    root: PathBuf,
    layout: Layout,
}

impl Target {
    fn of_folder(folder: &Path) -> Result<Target, String> {
        let target = workspace::new_files_target(folder).map_err(|error| error.to_string())?;
        Ok(Target {
            root: target.root,
            layout: target.layout,
        })
    }

    /// The project's ECA files, read with its API version (or `--api-version`).
    fn load(&self, options: &FlowOptions) -> Result<Project, String> {
        let overrides = Overrides {
            api_version: options
                .api_version
                .map(|version| (version, ApiVersionSource::CommandLine)),
            ..Overrides::default()
        };
        let mut discovery = workspace::discover(std::slice::from_ref(&self.root))
            .map_err(|error| error.to_string())?;
        // Only the project's own files: an sfdx project nested in the folder is another
        // project, with its own apps and org settings.
        let files: Vec<PathBuf> = discovery.projects.remove(&self.root).unwrap_or_default();
        let components = discovery.components.remove(&self.root).unwrap_or_default();
        let loaded = workspace::load_project(&self.root, &files, &components, &overrides)
            .map_err(|error| error.to_string())?;
        Ok(loaded.project)
    }
}

fn same_file(left: &Path, right: &Path) -> bool {
    match (std::fs::canonicalize(left), std::fs::canonicalize(right)) {
        (Ok(left), Ok(right)) => left == right,
        _ => left == right,
    }
}

/// The request the options describe; certificate files read here.
fn flow_request(options: &FlowOptions, allow_access_change: bool) -> Result<FlowRequest, String> {
    let read_certificate = |path: &Option<PathBuf>,
                            option: &str|
     -> Result<Option<String>, String> {
        let Some(path) = path else {
            return Ok(None);
        };
        let text = read_certificate_file(path)
            .map_err(|problem| format!("{option} {}: {problem}", path.display()))?;
        let text = text.trim().to_string();
        if text.contains("PRIVATE KEY-----") {
            return Err(format!(
                "{option} {}: the file holds a private key, which must never go into metadata; give a file with the certificate alone (from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----)",
                path.display()
            ));
        }
        if !text.starts_with("-----BEGIN CERTIFICATE-----") {
            return Err(format!(
                "{option} {}: not a PEM certificate (it should start with `-----BEGIN CERTIFICATE-----`); never give a private key",
                path.display()
            ));
        }
        Ok(Some(text))
    };
    Ok(FlowRequest {
        flows: options.flows.clone(),
        client: options.client.map(|client| match client {
            ClientArg::Public => ClientKind::Public,
            ClientArg::Private => ClientKind::Private,
        }),
        callback_urls: options.callback_urls.clone(),
        scopes: options.scopes.clone(),
        permission_sets: options.permission_sets.clone(),
        run_as: options.run_as.clone(),
        token_exchange_handler: options.token_exchange_handler.clone(),
        apex_execution_user: options.apex_execution_user.clone(),
        token_types: options.token_types.clone(),
        certificate: read_certificate(&options.certificate, "--certificate")?,
        assertion_certificate: read_certificate(
            &options.assertion_certificate,
            "--assertion-certificate",
        )?,
        allow_access_change,
    })
}

/// The most a certificate file may hold: a PEM certificate chain is a few kilobytes.
const MAX_CERTIFICATE_BYTES: u64 = 256 * 1024;

/// The text of a certificate file: a regular file (a pipe would block the read for ever, a
/// device never end), of a certificate's size, in UTF-8.
fn read_certificate_file(path: &Path) -> Result<String, String> {
    use std::io::Read as _;
    let metadata = std::fs::metadata(path).map_err(|error| format!("cannot read: {error}"))?;
    if !metadata.is_file() {
        return Err("not a regular file (a pipe, socket, device or folder)".to_string());
    }
    if metadata.len() > MAX_CERTIFICATE_BYTES {
        return Err(format!(
            "{} bytes is more than a certificate takes (at most {MAX_CERTIFICATE_BYTES})",
            metadata.len()
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_CERTIFICATE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|error| format!("cannot read: {error}"))?;
    String::from_utf8(bytes).map_err(|_| "not a text file (a PEM certificate is ASCII)".to_string())
}

/// Show the plan (`--dry-run`, `--diff`) or write it, then say what was done and how the
/// requested flows stand.
fn finish(plan: &AppPlan, options: &FlowOptions, done: &str) -> ExitCode {
    let write = &options.write;
    if write.diff {
        print!("{}", super::plan::diff(&plan.plan));
        return ExitCode::SUCCESS;
    }
    let written = !write.dry_run;
    if written {
        if let Err(error) = super::apply::apply(&plan.plan) {
            return usage_error(&error.to_string());
        }
    }
    let output = match write.format {
        WriteFormat::Human => human(plan, written, done),
        WriteFormat::Json => json_document(plan, written),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    ExitCode::SUCCESS
}

/// Each file created or edited with the settings it gets and why (the content of each new
/// file too when nothing was written), what was held back, and how each requested flow stands.
fn human(plan: &AppPlan, written: bool, done: &str) -> String {
    let mut out = String::new();
    if plan.plan.is_empty() {
        let _ = writeln!(
            out,
            "`{}` needs no change for the flows asked for",
            plan.app
        );
    }
    for operation in plan.plan.operations() {
        let (verb, path) = match (operation, written) {
            (Operation::Create { path, .. }, false) => ("create", path),
            (Operation::Create { path, .. }, true) => ("created", path),
            (Operation::Replace { path, .. }, false) => ("edit", path),
            (Operation::Replace { path, .. }, true) => ("edited", path),
            (Operation::Rename { to, .. }, _) => ("rename to", to),
        };
        let _ = writeln!(out, "{verb} {path}");
        if Schema::get()
            .type_named(&type_of(path))
            .is_some_and(|type_def| type_def.kind == TypeKind::Settings)
        {
            let _ = writeln!(out, "  (org settings: they apply to every app of the org)");
        }
        if !plan.changes.iter().any(|change| change.path == *path) {
            for reason in operation_reasons(operation) {
                let _ = writeln!(out, "  {reason}");
            }
        }
        for change in plan.changes.iter().filter(|change| change.path == *path) {
            let before = change
                .before
                .as_deref()
                .map(|before| format!(" (was {})", shown_value(before)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} = {}{before}: {}",
                change.field,
                shown_value(&change.after),
                change.why
            );
            if let Some(effect) = &change.access_change {
                let _ = writeln!(out, "    takes access away: {effect}");
            }
        }
        if let (Operation::Create { content, .. }, false) = (operation, written) {
            for line in content.lines() {
                let _ = writeln!(out, "    | {line}");
            }
        }
    }
    for held in &plan.held_back {
        let advice = if held.takes_access_away {
            "; rerun with --allow-access-change to make it"
        } else {
            ""
        };
        let _ = writeln!(out, "{held}{advice}");
    }
    let states: Vec<String> = plan
        .flows
        .iter()
        .map(|(flow, state)| format!("{flow} {state}"))
        .collect();
    let verb = if written {
        done
    } else {
        "would be (nothing was written)"
    };
    let _ = writeln!(out, "`{}` {verb}: {}", plan.app, states.join(", "));
    out
}

/// Notes about what was left to the user (a manifest not created), on standard error.
fn print_notes(notes: &[ManifestNotCreated]) {
    for note in notes {
        eprintln!("eca-ls: note: {note}");
    }
}

/// The distinct reasons of an operation, in order.
fn operation_reasons(operation: &Operation) -> Vec<&str> {
    let mut reasons: Vec<&str> = match operation {
        Operation::Create { reason, .. } | Operation::Rename { reason, .. } => vec![reason],
        Operation::Replace { edits, .. } => edits.iter().map(|edit| edit.reason.as_str()).collect(),
    };
    reasons.dedup();
    reasons
}

/// The type a path's file holds, by its name.
fn type_of(path: &str) -> String {
    eca_analysis::file_kind::detect(path, None)
        .map(|kind| kind.type_def.name.clone())
        .unwrap_or_default()
}

/// `{"app", "header", "written", "flows": [{"id", "state"}], "heldBack": [...], "plan": {...}}`
/// with the plan as every writing command prints it.
fn json_document(plan: &AppPlan, written: bool) -> String {
    let held_back: Vec<Value> = plan
        .held_back
        .iter()
        .map(|held| {
            json!({
                "path": held.path,
                "type": held.type_name,
                "field": held.field,
                "wanted": held.wanted,
                "flow": held.flow,
                "reason": held.reason,
                "required": held.required,
            })
        })
        .collect();
    let flows: Vec<Value> = plan
        .flows
        .iter()
        .map(|(flow, state)| json!({ "id": flow, "state": state.as_str() }))
        .collect();
    let document = json!({
        "app": plan.app,
        "header": plan.header,
        "written": written,
        "flows": flows,
        "heldBack": held_back,
        "plan": super::plan::json(&plan.plan, written),
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
