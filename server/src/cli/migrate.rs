//! `eca-ls migrate`: turn Connected App files into External Client App files and say, setting
//! by setting, what became of each. Reads like `check`; the migration itself is
//! `eca_analysis::writers::migrate`. Every app is written whole or not at all.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use eca_analysis::writers::component_files::{FileFormat, Layout};
use eca_analysis::writers::migrate::{
    self, Migration, MigrationError, MigrationRequest, NewFile, SettingOutcome,
};
use serde_json::{Value, json};

use super::projects;
use super::{EXIT_FINDINGS, EXIT_USAGE, MigrateArgs, MigrateFormat, usage_error};
use crate::workspace;

pub fn run(args: &MigrateArgs) -> ExitCode {
    let searched = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let planned = match projects::each_requested_project(&searched, None, |loaded| {
        let mut results = Vec::new();
        let mut sources: Vec<&String> = loaded
            .requested
            .iter()
            .filter(|path| {
                loaded
                    .project
                    .file(path)
                    .is_some_and(migrate::is_connected_app)
            })
            .collect();
        sources.sort();
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
            results.push(migrate::plan_migration(&loaded.project, &request));
        }
        results
    }) {
        Ok(results) => results.into_iter().flatten().collect::<Vec<_>>(),
        Err(error) => return usage_error(&error.to_string()),
    };
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
    let mut written = Vec::new();
    let mut failure = None;
    if !args.dry_run {
        for migration in &migrations {
            match write_app(&migration.files) {
                Ok(()) => written.push(migration.app.clone()),
                Err(error) => {
                    failure = Some(format!(
                        "{}: {error}; none of its files was written",
                        migration.app
                    ));
                    break;
                }
            }
        }
    }
    let output = match args.format {
        MigrateFormat::Human => human(&migrations, args.dry_run, &written),
        MigrateFormat::Json => json_document(&migrations, &written),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    if let Some(failure) = failure {
        eprintln!("eca-ls: {failure}");
        return ExitCode::from(EXIT_USAGE);
    }
    if migrations.iter().any(Migration::loses_flow_setting) {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Write the files of one app, all or none: each to a temporary file next to its place, then
/// every temporary file renamed into place; on any failure what was written is removed again.
/// A file already there is never replaced.
fn write_app(files: &[NewFile]) -> Result<(), String> {
    for file in files {
        if Path::new(&file.path).exists() {
            return Err(format!("{} already exists", file.path));
        }
    }
    let mut created_folders: Vec<PathBuf> = Vec::new();
    let mut temporaries: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for file in files {
            let target = PathBuf::from(&file.path);
            if let Some(folder) = target
                .parent()
                .filter(|folder| !folder.as_os_str().is_empty())
            {
                create_folders(folder, &mut created_folders)?;
            }
            let temporary = temporary_path(&target);
            let mut handle = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)
                .map_err(|error| format!("cannot write {}: {error}", temporary.display()))?;
            temporaries.push((temporary.clone(), target));
            handle
                .write_all(file.text.as_bytes())
                .and_then(|()| handle.sync_all())
                .map_err(|error| format!("cannot write {}: {error}", temporary.display()))?;
        }
        Ok(())
    })();
    let mut renamed: Vec<&PathBuf> = Vec::new();
    let result = result.and_then(|()| {
        for (temporary, target) in &temporaries {
            if target.exists() {
                return Err(format!("{} appeared while writing", target.display()));
            }
            fs::rename(temporary, target)
                .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
            renamed.push(target);
        }
        Ok(())
    });
    if result.is_err() {
        for target in renamed {
            let _ = fs::remove_file(target);
        }
        for (temporary, _) in &temporaries {
            let _ = fs::remove_file(temporary);
        }
        for folder in created_folders.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
    result
}

/// Create `folder` and its missing parents, remembering which ones were created.
fn create_folders(folder: &Path, created: &mut Vec<PathBuf>) -> Result<(), String> {
    if folder.is_dir() {
        return Ok(());
    }
    if let Some(parent) = folder
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        create_folders(parent, created)?;
    }
    fs::create_dir(folder)
        .map_err(|error| format!("cannot create the folder {}: {error}", folder.display()))?;
    created.push(folder.to_path_buf());
    Ok(())
}

fn temporary_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.eca-ls-{}.tmp", std::process::id()))
}

fn human(migrations: &[Migration], dry_run: bool, written: &[String]) -> String {
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
        let state = if dry_run {
            "would write"
        } else if written.contains(&migration.app) {
            "wrote"
        } else {
            "did not write"
        };
        let _ = writeln!(out, "  files ({state}):");
        for file in &migration.files {
            let _ = writeln!(out, "    + {}", file.path);
            if dry_run {
                for line in file.text.lines() {
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
    if dry_run {
        out.push_str("dry run: nothing was written\n");
    }
    out
}

fn json_document(migrations: &[Migration], written: &[String]) -> String {
    let migrations: Vec<Value> = migrations
        .iter()
        .map(|migration| {
            json!({
                "connectedApp": migration.connected_app,
                "source": migration.source,
                "app": migration.app,
                "written": written.contains(&migration.app),
                "flows": migration.flows,
                "flowsAfter": migration.flows_after.iter().map(|(flow, state)| json!({
                    "flow": flow,
                    "state": state.as_str(),
                })).collect::<Vec<_>>(),
                "losesFlowSetting": migration.loses_flow_setting(),
                "files": migration.files.iter().map(|file| json!({
                    "path": file.path,
                    "type": file.type_name,
                    "text": file.text,
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
        serde_json::to_string_pretty(&json!({ "migrations": migrations })).unwrap_or_default();
    text.push('\n');
    text
}
