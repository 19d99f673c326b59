//! Renaming an External Client App: every use of its name in the project's files (each
//! component's `externalClientApplication`, the name part of `orgScopedExternalApp`) rewritten,
//! and the files whose names carry the app's name (`Portal.eca-meta.xml`,
//! `Portal_oauth.ecaOauth-meta.xml`, `Portal_oauth_defaultPolicy.ecaOauthPlcy-meta.xml`, …)
//! renamed, as one plan. A new name that is not a valid API name, or that another app already
//! has, is refused before anything is planned.
//!
//! The app's API name is its header's file name (Salesforce's metadata files carry no
//! `fullName`); the label Setup shows is left as it is.

use std::fmt;

use eca_syntax::TextRange;

use crate::model::app_names::{AppNameUseKind, app_name_use_at, app_name_uses};
use crate::model::file_kind;
use crate::model::project::{App, HEADER_TYPE, Project, app_key};
use crate::writers::app_config::{api_name_problem, file_name_problem};
use crate::writers::plan::{Plan, PlanError};

/// What a rename at a cursor renames: the app, and the range that shows its name there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameTarget {
    pub app: App,
    /// The name in a value, or the header's root element name.
    pub range: TextRange,
}

/// A planned rename of an app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRename {
    pub plan: Plan,
    /// The app's name before.
    pub old_name: String,
    pub new_name: String,
}

/// Why an app cannot be renamed as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// No app of the project has this name.
    NoApp { name: String },
    /// The new name breaks one of the API name rules.
    InvalidName { name: String, rule: &'static str },
    /// The new name is a valid API name, but no name for files everywhere (`CON`).
    UnportableName { name: String, rule: &'static str },
    /// Another app of the project already has the new name (letter case aside).
    NameTaken { name: String, path: String },
    /// A file the rename would move to already exists.
    PathTaken { path: String },
    /// The plan refused an operation (two files would get one path, say).
    Plan(PlanError),
}

impl fmt::Display for RenameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenameError::NoApp { name } => write!(
                f,
                "the project has no External Client App named `{name}`; `eca-ls flows` lists the apps"
            ),
            RenameError::InvalidName { name, rule } => write!(
                f,
                "`{name}` is not a valid API name for an External Client App: {rule}"
            ),
            RenameError::UnportableName { name, rule } => write!(
                f,
                "`{name}` is a valid API name, but not a name for the app's files: {rule}; choose another name"
            ),
            RenameError::NameTaken { name, path } => write!(
                f,
                "the project already has an app named `{name}` ({path}); choose another name"
            ),
            RenameError::PathTaken { path } => write!(
                f,
                "{path} already exists and would be overwritten; move it away or choose another name"
            ),
            RenameError::Plan(error) => write!(f, "the rename cannot be planned: {error}"),
        }
    }
}

impl std::error::Error for RenameError {}

/// The app whose name the cursor is on: a component's `externalClientApplication` value, the
/// name part of a header's `orgScopedExternalApp`, or a header's root element name.
pub fn rename_target(project: &Project, path: &str, offset: usize) -> Option<RenameTarget> {
    let file = project.file(path)?;
    let found = app_name_use_at(file, offset)?;
    let app = project.app_named(&found.key)?;
    Some(RenameTarget {
        app,
        range: found.range,
    })
}

/// Rename the app `app_name` to `new_name`: every use of the name in the project's files, and
/// the app's files whose names carry the name, in one plan (edits first, then the renames).
pub fn plan_app_rename(
    project: &Project,
    app_name: &str,
    new_name: &str,
) -> Result<AppRename, RenameError> {
    let app = project
        .app_named(app_name)
        .ok_or_else(|| RenameError::NoApp {
            name: app_name.to_string(),
        })?;
    check_new_name(project, &app, new_name)?;
    let mut plan = Plan::new();
    if new_name == app.name {
        return Ok(AppRename {
            plan,
            old_name: app.name,
            new_name: new_name.to_string(),
        });
    }
    add_reference_edits(project, &app, new_name, &mut plan)?;
    for (from, to) in file_renames(&app, project, new_name) {
        if project.file(&to).is_some() {
            return Err(RenameError::PathTaken {
                path: project.relative_path(&to).to_string(),
            });
        }
        let reason = format!("the file name carries the app's name `{}`", app.name);
        plan.rename(from, to, reason).map_err(RenameError::Plan)?;
    }
    Ok(AppRename {
        plan,
        old_name: app.name,
        new_name: new_name.to_string(),
    })
}

/// A header file renamed (in an editor's explorer, say) from `from` to `to`: the edits that make
/// every use of the app's name follow the new file name. `None` when `from` is no header of the
/// project or the file keeps its name; the other files are not renamed.
pub fn plan_header_file_rename(
    project: &Project,
    from: &str,
    to: &str,
) -> Option<Result<AppRename, RenameError>> {
    let header = project.file(from).filter(|file| file.is_header())?;
    let new_name = file_kind::full_name(to);
    let still_header =
        file_kind::detect(to, None).is_some_and(|kind| kind.type_def.name == HEADER_TYPE);
    if new_name == header.full_name || !still_header {
        return None;
    }
    let app = project.app_of(from)?;
    Some(check_new_name(project, &app, new_name).and_then(|()| {
        let mut plan = Plan::new();
        add_reference_edits(project, &app, new_name, &mut plan)?;
        Ok(AppRename {
            plan,
            old_name: app.name.clone(),
            new_name: new_name.to_string(),
        })
    }))
}

/// The files of `app` whose names carry its name, each with the path it gets: the name
/// itself (the header, and components named like it) or the name followed by `_` and a suffix
/// (`_oauth`, `_glbloauth`, `_oauthPlcy`, `_oauth_defaultPolicy`, `_plcy`, …). A component
/// named otherwise keeps its name.
pub fn file_renames(app: &App, project: &Project, new_name: &str) -> Vec<(String, String)> {
    let headers = project.headers_of(&app.name).map(|file| file.path.clone());
    let paths: Vec<String> = headers.chain(app.components.iter().cloned()).collect();
    let mut renames = Vec::new();
    for path in paths {
        let Some(file) = project.file(&path) else {
            continue;
        };
        let Some(rest) = file.full_name.strip_prefix(app.name.as_str()) else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with('_')) {
            continue;
        }
        let file_name = file_kind::file_name(&path);
        let folder = &path[..path.len() - file_name.len()];
        let after_full_name = &file_name[file.full_name.len()..];
        renames.push((
            path.clone(),
            format!("{folder}{new_name}{rest}{after_full_name}"),
        ));
    }
    renames
}

fn check_new_name(project: &Project, app: &App, new_name: &str) -> Result<(), RenameError> {
    // The rules `eca-ls new` and the migration apply to an app's name.
    if let Some(rule) = api_name_problem(new_name) {
        return Err(RenameError::InvalidName {
            name: new_name.to_string(),
            rule,
        });
    }
    if let Some(rule) = file_name_problem(new_name) {
        return Err(RenameError::UnportableName {
            name: new_name.to_string(),
            rule,
        });
    }
    let own_key = app_key(&app.name);
    let taken = project.apps().into_iter().find(|other| {
        app_key(&other.name) != own_key && app_key(&other.name).eq_ignore_ascii_case(new_name)
    });
    if let Some(other) = taken {
        let path = other
            .header
            .clone()
            .or_else(|| other.components.first().cloned())
            .unwrap_or_default();
        return Err(RenameError::NameTaken {
            name: other.name,
            path: project.relative_path(&path).to_string(),
        });
    }
    Ok(())
}

/// Rewrite every use of the app's name in every file of the project.
fn add_reference_edits(
    project: &Project,
    app: &App,
    new_name: &str,
    plan: &mut Plan,
) -> Result<(), RenameError> {
    let key = app_key(&app.name);
    for file in project.files() {
        let mut edits = Vec::new();
        let mut reasons: Vec<&str> = Vec::new();
        for found in app_name_uses(file) {
            let reason = match found.kind {
                AppNameUseKind::Reference => "externalClientApplication names the app",
                AppNameUseKind::OrgScoped => "orgScopedExternalApp names the app after the org id",
                AppNameUseKind::Header => continue,
            };
            let Some(rewrite) = found.rewrite.filter(|_| found.key == key) else {
                continue;
            };
            edits.push((found.range, rewrite.text_for(new_name)));
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        if edits.is_empty() {
            continue;
        }
        plan.replace(file.path.clone(), &file.text, edits, reasons.join("; "))
            .map_err(RenameError::Plan)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
