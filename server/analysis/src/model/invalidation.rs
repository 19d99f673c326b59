//! What a change invalidates: the files whose findings may differ after one file of a project
//! changes (is added, edited or removed). The one place that answers it; a front end re-checks
//! exactly these files, and the app findings remembered by `Project` follow the same reasoning
//! (an app's rules read only the app's files and the org settings).

use std::collections::BTreeSet;

use crate::model::project::Project;

/// Add to `affected` the path of a changed file and every file whose findings it may change:
/// the other files of its app (and every header of the app, since `duplicate-app-header` in
/// each names the others), the org settings files (they hold findings of every app's rules),
/// for a header the files of every app without a header (their references are compared with
/// every header's name and label, ECA-REF-001: the project's first header turns those findings
/// on, its last one off), and for an org settings file every file of the project. Call it with
/// the project both before and after the change, so that the app a file leaves is covered as
/// well as the one it joins. A change of settings (configuration, API version) or of the
/// files that form projects affects every file: the front end re-checks them all.
pub fn mark_affected(project: &Project, path: &str, affected: &mut BTreeSet<String>) {
    affected.insert(path.to_string());
    let Some(file) = project.file(path) else {
        return;
    };
    if file.is_org_settings() {
        affected.extend(project.files().map(|file| file.path.clone()));
        return;
    }
    if file.is_header() {
        affected.extend(
            project
                .headers_of(&file.full_name)
                .map(|header| header.path.clone()),
        );
        for app in project.apps_without_header() {
            affected.extend(app.components);
        }
    }
    if let Some(app) = project.app_of(path) {
        affected.extend(app.header);
        affected.extend(app.components);
        affected.extend(project.org_settings_files().map(|file| file.path.clone()));
    }
}
