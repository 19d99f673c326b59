//! `eca-ls migrate`: turn Connected App files into External Client App files and say, setting
//! by setting, what became of each. Reads like `check`; the migration itself is
//! `eca_analysis::writers::migrate`, and the files are written by `cli::apply`: every app named
//! (and so each app) whole, or nothing.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use eca_analysis::writers::Plan;
use eca_analysis::writers::component_files::{FileFormat, Layout};
use eca_analysis::writers::migrate::{
    self, Migration, MigrationError, MigrationRequest, SettingOutcome,
};
use serde_json::{Value, json};

use super::plan::WriteFormat;
use super::{EXIT_FINDINGS, EXIT_USAGE, MigrateArgs, apply, plan, projects, usage_error};
use crate::workspace;

pub fn run(args: &MigrateArgs) -> ExitCode {
    if args.mapping {
        print!("{}", super::migration_doc::markdown());
        return ExitCode::SUCCESS;
    }
    let searched = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // A file named on the command line is migrated or refused; in a folder, only the
    // Connected Apps are taken.
    let named_files: Vec<String> = args
        .paths
        .iter()
        .filter(|path| !path.is_dir())
        .map(|path| workspace::display(path))
        .collect();
    let planned = match projects::each_requested_project(
        &searched,
        &crate::workspace::Overrides::default(),
        // Connected Apps are migrated from wherever they are named.
        true,
        |loaded| {
            let mut results = Vec::new();
            let sources: Vec<&String> = loaded
                .requested
                .paths(&loaded.project)
                .into_iter()
                .filter(|path| {
                    named_files.contains(path)
                        || loaded
                            .project
                            .file(path)
                            .is_some_and(migrate::is_connected_app)
                })
                .collect();
            for path in sources {
                let layout = args.dir.as_ref().map(|dir| Layout {
                    base: workspace::display(dir),
                    format: Layout::of_existing(path)
                        .map_or(FileFormat::Source, |layout| layout.format),
                });
                let request = MigrationRequest {
                    path: path.clone(),
                    name: args.name.clone(),
                    layout,
                };
                results.push((
                    path.clone(),
                    migrate::plan_migration(&loaded.project, &request),
                    loaded.project.api_version.version,
                ));
            }
            results
        },
    ) {
        Ok(results) => results.into_iter().flatten().collect::<Vec<_>>(),
        Err(error) => return usage_error(&error.to_string()),
    };
    // A new package manifest is written for the version of the project its app comes from.
    let manifest_version = planned
        .iter()
        .map(|(_, _, version)| *version)
        .max()
        .unwrap_or_else(|| eca_schema::Schema::get().newest_api_version());
    // A named file that was not even read as metadata (a `.txt`, a pipe) is no Connected App
    // either. Whether a file was read is told by the path it was requested under: an error
    // names the file relative to its project, or (an app name taken) not at all.
    let read: Vec<String> = planned.iter().map(|(path, _, _)| path.clone()).collect();
    // One Connected App named twice (`App.connectedApp-meta.xml` and its absolute path, or a
    // file and its folder) is migrated once.
    let mut seen_files = std::collections::HashSet::new();
    let mut planned: Vec<Result<Migration, MigrationError>> = planned
        .into_iter()
        .filter(|(path, _, _)| {
            seen_files.insert(std::fs::canonicalize(path).unwrap_or_else(|_| PathBuf::from(path)))
        })
        .map(|(_, result, _)| result)
        .collect();
    for named in &named_files {
        if !read.contains(named) {
            planned.push(Err(MigrationError::NotConnectedApp {
                path: named.clone(),
                found: None,
            }));
        }
    }
    if planned.is_empty() {
        let places = searched
            .iter()
            .map(|path| path.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return usage_error(&format!(
            "no Connected App file (`*.connectedApp-meta.xml`, `connectedApps/*.connectedApp`) in {places}"
        ));
    }
    if args.name.is_some() && planned.len() > 1 {
        return usage_error(&format!(
            "--name names one app, but {} Connected Apps were found: migrate them one at a time",
            planned.len()
        ));
    }
    let (migrations, errors): (Vec<_>, Vec<_>) = planned.into_iter().partition(Result::is_ok);
    let migrations: Vec<Migration> = migrations.into_iter().filter_map(Result::ok).collect();
    let errors: Vec<MigrationError> = errors.into_iter().filter_map(Result::err).collect();
    if !errors.is_empty() {
        for error in &errors {
            eprintln!("eca-ls: {error}");
        }
        eprintln!("eca-ls: nothing was written");
        return ExitCode::from(EXIT_USAGE);
    }
    // One plan for every app: written all together or not at all.
    let mut whole = Plan::new();
    for migration in &migrations {
        for operation in migration.plan.operations() {
            let (path, text) = (operation.target(), operation.new_text().unwrap_or_default());
            let reason = match operation {
                eca_analysis::writers::Operation::Create { reason, .. } => reason.clone(),
                _ => String::new(),
            };
            if let Err(error) = whole.create(path, text, reason) {
                return usage_error(&format!("{error}; nothing was written"));
            }
        }
    }
    match plan::add_manifest_entries(&mut whole, manifest_version) {
        Ok(notes) => {
            for note in notes {
                eprintln!("eca-ls: note: {note}");
            }
        }
        Err(message) => return usage_error(&format!("{message}; nothing was written")),
    }
    let showing = args.write.dry_run || args.write.diff;
    let written = !showing;
    if written {
        if let Err(error) = apply::apply(&whole) {
            eprintln!("eca-ls: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let output = if args.write.diff {
        plan::diff(&whole)
    } else {
        match args.write.format {
            WriteFormat::Human => human(&migrations, &whole, args.write.dry_run, written),
            WriteFormat::Json => json_document(&migrations, &whole, written),
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    if migrations.iter().any(Migration::loses_flow_setting) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// The operations of the whole plan that no single migration holds: the package manifests.
fn manifest_operations<'p>(
    migrations: &[Migration],
    whole: &'p Plan,
) -> impl Iterator<Item = &'p eca_analysis::writers::Operation> {
    let own: Vec<&str> = migrations
        .iter()
        .flat_map(|migration| migration.plan.operations())
        .map(|operation| operation.target())
        .collect();
    whole
        .operations()
        .iter()
        .filter(move |operation| !own.contains(&operation.target()))
}

fn manifest_reason(operation: &eca_analysis::writers::Operation) -> &str {
    use eca_analysis::writers::Operation;
    match operation {
        Operation::Create { reason, .. } | Operation::Rename { reason, .. } => reason,
        Operation::Replace { edits, .. } => edits
            .first()
            .map(|edit| edit.reason.as_str())
            .unwrap_or_default(),
    }
}

fn human(migrations: &[Migration], whole: &Plan, dry_run: bool, written: bool) -> String {
    let mut out = String::new();
    for migration in migrations {
        let _ = writeln!(
            out,
            "{} ({}) → External Client App {}",
            migration.connected_app, migration.source, migration.app
        );
        let flows = if migration.flows.is_empty() {
            "none".to_string()
        } else {
            migration.flows.join(", ")
        };
        let after = migration.flow_ids_after();
        let same = if after == migration.flows {
            "the new app switches on the same".to_string()
        } else {
            format!("the new app switches on: {}", after.join(", "))
        };
        let _ = writeln!(out, "  OAuth flows switched on: {flows} ({same})");
        let state = if written { "wrote" } else { "would write" };
        let _ = writeln!(out, "  files ({state}):");
        for operation in migration.plan.operations() {
            let _ = writeln!(out, "    + {}", operation.target());
            if dry_run {
                for line in operation.new_text().unwrap_or_default().lines() {
                    let _ = writeln!(out, "      | {line}");
                }
            }
        }
        let _ = writeln!(out, "  settings:");
        for setting in &migration.settings {
            let value = setting.value.as_deref().unwrap_or("(secret, not shown)");
            let default = if setting.default_used {
                " (the Connected App's default)"
            } else {
                ""
            };
            let _ = write!(
                out,
                "    {:<15} {} = {value}{default}",
                setting.outcome.as_str(),
                setting.setting
            );
            for written in &setting.written {
                let _ = write!(
                    out,
                    "\n                    → {}.{} = {}",
                    written.type_name, written.field, written.value
                );
            }
            if let Some(reason) = &setting.reason {
                let _ = write!(out, "\n                    {reason}");
                if setting.affects_flow {
                    out.push_str(" (affects a flow)");
                }
                for source in &setting.sources {
                    let _ = write!(out, "\n                    source: {source}");
                }
            }
            out.push('\n');
        }
        if !migration.added.is_empty() {
            let _ = writeln!(out, "  added by eca-ls:");
            for added in &migration.added {
                let _ = writeln!(
                    out,
                    "    {}.{} = {} — {}",
                    added.type_name,
                    added.field,
                    added.value,
                    added.why.as_deref().unwrap_or_default()
                );
            }
        }
        if !migration.notes.is_empty() {
            let _ = writeln!(out, "  notes:");
            for note in &migration.notes {
                let _ = writeln!(out, "    - {}", note.text);
                for source in &note.sources {
                    let _ = writeln!(out, "      source: {source}");
                }
            }
        }
        let lost = migration
            .settings
            .iter()
            .filter(|setting| {
                setting.affects_flow
                    && matches!(
                        setting.outcome,
                        SettingOutcome::NotMigratable | SettingOutcome::Partly
                    )
            })
            .map(|setting| setting.setting.as_str())
            .collect::<Vec<_>>();
        if !lost.is_empty() {
            let _ = writeln!(
                out,
                "  not carried over, and it changes what a flow does: {}",
                lost.join(", ")
            );
        }
        out.push('\n');
    }
    for operation in manifest_operations(migrations, whole) {
        let verb = match (operation, written) {
            (eca_analysis::writers::Operation::Create { .. }, true) => "created",
            (eca_analysis::writers::Operation::Create { .. }, false) => "would create",
            (_, true) => "edited",
            (_, false) => "would edit",
        };
        let _ = writeln!(
            out,
            "package manifest {}: {verb} ({})",
            operation.target(),
            manifest_reason(operation)
        );
        if dry_run {
            for line in operation.new_text().unwrap_or_default().lines() {
                let _ = writeln!(out, "      | {line}");
            }
        }
    }
    if dry_run {
        out.push_str("dry run: nothing was written\n");
    }
    out
}

fn json_document(migrations: &[Migration], whole: &Plan, written: bool) -> String {
    let manifests: Vec<Value> = manifest_operations(migrations, whole)
        .map(|operation| {
            json!({
                "path": operation.target(),
                "created": matches!(operation, eca_analysis::writers::Operation::Create { .. }),
                "reason": manifest_reason(operation),
                "text": operation.new_text(),
            })
        })
        .collect();
    let migrations: Vec<Value> = migrations
        .iter()
        .map(|migration| {
            json!({
                "connectedApp": migration.connected_app,
                "source": migration.source,
                "app": migration.app,
                "written": written,
                "flows": migration.flows,
                "flowsAfter": migration.flows_after.iter().map(|(flow, state)| json!({
                    "flow": flow,
                    "state": state.as_str(),
                })).collect::<Vec<_>>(),
                "losesFlowSetting": migration.loses_flow_setting(),
                "files": migration.files.iter().zip(migration.plan.operations()).map(|(file, operation)| json!({
                    "path": file.path,
                    "type": file.type_name,
                    "text": operation.new_text(),
                })).collect::<Vec<_>>(),
                "settings": migration.settings.iter().map(|setting| json!({
                    "setting": setting.setting,
                    "value": setting.value,
                    "defaultUsed": setting.default_used,
                    "outcome": match setting.outcome {
                        SettingOutcome::Mapped => "mapped",
                        SettingOutcome::Partly => "partly",
                        SettingOutcome::NotNeeded => "notNeeded",
                        SettingOutcome::NotMigratable => "notMigratable",
                    },
                    "written": setting.written.iter().map(|written| json!({
                        "path": written.path,
                        "type": written.type_name,
                        "field": written.field,
                        "value": written.value,
                    })).collect::<Vec<_>>(),
                    "reason": setting.reason,
                    "affectsFlow": setting.affects_flow,
                    "sources": setting.sources,
                })).collect::<Vec<_>>(),
                "added": migration.added.iter().map(|added| json!({
                    "path": added.path,
                    "type": added.type_name,
                    "field": added.field,
                    "value": added.value,
                    "why": added.why,
                })).collect::<Vec<_>>(),
                "notes": migration.notes.iter().map(|note| json!({
                    "id": note.id,
                    "text": note.text,
                    "sources": note.sources,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&json!({ "migrations": migrations, "manifests": manifests }))
            .unwrap_or_default();
    text.push('\n');
    text
}
