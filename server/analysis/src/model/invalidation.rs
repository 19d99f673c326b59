//! What a change invalidates: the files whose findings may differ after one file of a project
//! changes (is added, edited or removed). The one place that answers it; a front end re-checks
//! exactly these files, and the app findings remembered by `Project` follow the same reasoning
//! (an app's rules read only the app's files and the org settings).

use std::collections::BTreeSet;

use eca_schema::TypeDef;

use crate::model::components::component_of_path;
use crate::model::project::{Project, SourceFile};

/// Add to `affected` the path of a changed file and every file whose findings it may change:
/// the other files of its app (and every header of the app, since `duplicate-app-header` in
/// each names the others), the org settings files (they hold findings of every app's rules),
/// for a header the files of every app without a header (their references are compared with
/// every header's name and label, ECA-REF-001: the project's first header turns those findings
/// on, its last one off), and for an org settings file every file of the project. Call it with
/// the project both before and after the change, so that the app a file leaves is covered as
/// well as the one it joins. A change of settings (configuration, API version) or of the
/// files that form projects affects every file: the front end re-checks them all.
///
/// A file of another component the ECA files name (an Apex class, a permission set, a profile,
/// a custom scope: see `model::components`) affects every ECA file whose type has a field
/// naming that type (ECA-REF-012 says when a named component has no file), and not itself: it
/// is no ECA file and has no findings.
pub fn mark_affected(project: &Project, path: &str, affected: &mut BTreeSet<String>) {
    if let Some(component) = component_of_path(path) {
        affected.extend(
            project
                .files()
                .filter(|file| names_components_of(file, component.type_name))
                .map(|file| file.path.clone()),
        );
        return;
    }
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

/// Whether a file's type (as its name or its root element says) has a field, at any depth,
/// that names components of `type_name`.
fn names_components_of(file: &SourceFile, type_name: &str) -> bool {
    let by_name = file.kind.map(|kind| kind.type_def);
    [by_name, file.effective_type()]
        .into_iter()
        .flatten()
        .any(|type_def| type_names_components_of(type_def, type_name, 0))
}

fn type_names_components_of(type_def: &TypeDef, type_name: &str, depth: usize) -> bool {
    // Nested types are a few levels deep; the bound only guards against a cycle in the data.
    if depth > 8 {
        return false;
    }
    type_def.fields.iter().any(|field| {
        field
            .reference
            .as_ref()
            .is_some_and(|reference| reference.kind == "metadata" && reference.target == type_name)
            || eca_schema::Schema::get()
                .nested_type_of(field)
                .is_some_and(|nested| type_names_components_of(nested, type_name, depth + 1))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::mark_affected;
    use crate::model::fixture::Fixture;

    const FILES: &str = "//- /force-app/main/default/extlClntAppOauthPolicies/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthConfigurablePolicies xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthConfigurablePolicies>
//- /force-app/main/default/extlClntAppCanvasSettings/Portal_canvas.ecaCanvas-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppCanvasSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppCanvasSettings>
//- /force-app/main/default/extlClntAppOauthSettings/Portal_oauth.ecaOauth-meta.xml
<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<ExtlClntAppOauthSettings xmlns=\"http://soap.sforce.com/2006/04/metadata\">
    <externalClientApplication>Portal</externalClientApplication>
    <label>Portal</label>
</ExtlClntAppOauthSettings>
//- /force-app/main/default/permissionsets/Sales.permissionset-meta.xml
<PermissionSet/>
";

    fn affected_by(path: &str) -> Vec<String> {
        let project = Fixture::parse(FILES)
            .and_then(|fixture| fixture.project(&[]))
            .expect("a valid fixture");
        let mut affected = BTreeSet::new();
        mark_affected(&project, path, &mut affected);
        affected
            .into_iter()
            .map(|path| path.rsplit('/').next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn a_component_file_affects_the_files_whose_types_name_its_type_and_not_itself() {
        // Permission sets are named by the OAuth policies alone.
        assert_eq!(
            affected_by("/force-app/main/default/permissionsets/Other.permissionset-meta.xml"),
            ["Portal_oauthPlcy.ecaOauthPlcy-meta.xml"]
        );
        // Apex classes by the policies (`apexHandler`) and the canvas settings
        // (`lifeCycleHandler`).
        assert_eq!(
            affected_by("/force-app/main/default/classes/Handler.cls"),
            [
                "Portal_canvas.ecaCanvas-meta.xml",
                "Portal_oauthPlcy.ecaOauthPlcy-meta.xml"
            ]
        );
        // A file of no component type outside the project's ECA files: itself only.
        assert_eq!(
            affected_by("/force-app/main/default/misc/Sales.permissionset-meta.xml"),
            ["Sales.permissionset-meta.xml"]
        );
    }
}
