//! The other components of an sfdx project that ECA fields name (Apex classes, permission sets,
//! profiles, custom scopes; `project_types.json` says which): which of them the project holds a
//! file for, by type and name. Names only, from file paths: the files are never read, so a
//! project with thousands of classes costs a few strings each.
//!
//! The front ends find the files (the same walk, `.forceignore` included, that finds the ECA
//! files) and hand their paths to the project; rules and navigation ask here.

use std::collections::{BTreeMap, HashMap};

use eca_schema::{ProjectType, Schema};

/// A file that holds a component of a project type: `permissionsets/Sales.permissionset-meta.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentFile {
    /// The metadata type (`PermissionSet`), as `reference.target` names it.
    pub type_name: &'static str,
    /// The component's full name, as its file name carries it, percent-decoded
    /// (`Custom%3A Sales.profile-meta.xml` holds `Custom: Sales`).
    pub name: String,
}

/// The component files of one project, by path, and the names they hold by type.
#[derive(Debug, Clone, Default)]
pub struct ProjectComponents {
    by_path: BTreeMap<String, ComponentFile>,
    /// Type → name in lower case → how many files hold it (a class has its `.cls` and its
    /// `.cls-meta.xml`; a name in two package directories has two files).
    names: HashMap<&'static str, HashMap<String, usize>>,
}

/// The component a path holds, when it names a file of a project type in that type's folder
/// (`…/permissionsets/<Name>.permissionset-meta.xml`, `…/classes/<Name>.cls`, and the Metadata
/// API format's `<Name>.<suffix>`). `/`- and `\`-separated paths alike.
pub fn component_of_path(path: &str) -> Option<ComponentFile> {
    // By bytes: every file of a walk comes here, and a search for either of two characters
    // decodes the path backwards character by character.
    let is_separator = |byte: &u8| matches!(byte, b'/' | b'\\');
    let bytes = path.as_bytes();
    let name_start = bytes.iter().rposition(is_separator)? + 1;
    let folder_start = bytes[..name_start - 1]
        .iter()
        .rposition(is_separator)
        .map_or(0, |separator| separator + 1);
    let file_name = &path[name_start..];
    let folder = &path[folder_start..name_start - 1];
    let schema = Schema::get();
    let project_type = schema
        .project_types
        .iter()
        .find(|project_type| project_type.folder == folder)?;
    let stem = file_stem(file_name, project_type)?;
    if stem.is_empty() {
        return None;
    }
    Some(ComponentFile {
        type_name: project_type.name.as_str(),
        name: percent_decoded(stem),
    })
}

impl ProjectComponents {
    /// Record a file; `false` when the path holds no component (nothing changes then).
    pub fn insert(&mut self, path: &str) -> bool {
        let Some(component) = component_of_path(path) else {
            return false;
        };
        if self.by_path.contains_key(path) {
            return true;
        }
        *self
            .names
            .entry(component.type_name)
            .or_default()
            .entry(component.name.to_lowercase())
            .or_default() += 1;
        self.by_path.insert(path.to_string(), component);
        true
    }

    /// Forget a file; `false` when it was not recorded.
    pub fn remove(&mut self, path: &str) -> bool {
        let Some(component) = self.by_path.remove(path) else {
            return false;
        };
        if let Some(names) = self.names.get_mut(component.type_name) {
            let key = component.name.to_lowercase();
            if let Some(count) = names.get_mut(&key) {
                *count -= 1;
                if *count == 0 {
                    names.remove(&key);
                }
            }
            if names.is_empty() {
                self.names.remove(component.type_name);
            }
        }
        true
    }

    /// Whether the project holds at least one file of this type: only then does the absence
    /// of one name say something.
    pub fn holds_type(&self, type_name: &str) -> bool {
        self.names
            .get(type_name)
            .is_some_and(|names| !names.is_empty())
    }

    /// Whether the project holds a file for the component `name` of this type, the way a field
    /// writes it: by full name (letter case aside), or, for a standard component named
    /// otherwise than its file (`System Administrator`), by that file's name.
    pub fn holds(&self, type_name: &str, name: &str) -> bool {
        let Some(names) = self.names.get(type_name) else {
            return false;
        };
        let name = name.trim();
        if names.contains_key(&name.to_lowercase()) {
            return true;
        }
        Schema::get()
            .project_type(type_name)
            .and_then(|project_type| project_type.standard_full_name(name))
            .is_some_and(|full_name| names.contains_key(&full_name.to_lowercase()))
    }

    /// Whether this path is recorded.
    pub fn contains(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    /// The paths recorded, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.by_path.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

/// How the Salesforce CLI names the file of a component: characters a file name cannot hold
/// everywhere percent-encoded (a custom profile `Custom: Sales` is retrieved as
/// `Custom%3A Sales.profile-meta.xml`); [`component_of_path`] decodes it back.
pub fn file_stem_for(name: &str) -> String {
    let mut stem = String::with_capacity(name.len());
    for ch in name.chars() {
        match ch {
            '"' | '*' | '/' | ':' | '<' | '>' | '?' | '\\' | '|' | '%' => {
                let mut buffer = [0u8; 4];
                for byte in ch.encode_utf8(&mut buffer).bytes() {
                    stem.push_str(&format!("%{byte:02X}"));
                }
            }
            other => stem.push(other),
        }
    }
    stem
}

/// The file stem (`Name`) of `<Name>.<suffix>-meta.xml` or `<Name>.<suffix>`.
fn file_stem<'a>(file_name: &'a str, project_type: &ProjectType) -> Option<&'a str> {
    let suffix = &project_type.suffix;
    if let Some(stem) = file_name
        .strip_suffix("-meta.xml")
        .and_then(|rest| rest.strip_suffix(suffix.as_str()))
        .and_then(|rest| rest.strip_suffix('.'))
    {
        return Some(stem);
    }
    file_name
        .strip_suffix(suffix.as_str())
        .and_then(|rest| rest.strip_suffix('.'))
}

/// `%XX` sequences decoded (the Salesforce CLI encodes characters a file name cannot hold
/// everywhere); anything that does not decode to UTF-8 stays as written.
fn percent_decoded(stem: &str) -> String {
    if !stem.contains('%') {
        return stem.to_string();
    }
    let bytes = stem.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(byte) = stem
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            decoded.push(byte);
            index += 3;
            continue;
        }
        decoded.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(decoded).unwrap_or_else(|_| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(path: &str) -> Option<(&'static str, String)> {
        component_of_path(path).map(|component| (component.type_name, component.name))
    }

    #[test]
    fn paths_of_component_files_name_their_type_and_component() {
        let cases: [(&str, Option<(&str, &str)>); 15] = [
            (
                "/p/force-app/main/default/permissionsets/Sales.permissionset-meta.xml",
                Some(("PermissionSet", "Sales")),
            ),
            ("src\\classes\\Handler.cls", Some(("ApexClass", "Handler"))),
            (
                "classes/Handler.cls-meta.xml",
                Some(("ApexClass", "Handler")),
            ),
            (
                "profiles/Custom%3A Sales.profile-meta.xml",
                Some(("Profile", "Custom: Sales")),
            ),
            ("src/profiles/Admin.profile", Some(("Profile", "Admin"))),
            ("classes/Handler.trigger", None),
            ("other/Sales.permissionset-meta.xml", None),
            ("permissionsets/.permissionset-meta.xml", None),
            ("Sales.permissionset-meta.xml", None),
            ("permissionsets/", None),
            (
                "/permissionsets/Sales.permissionset-meta.xml",
                Some(("PermissionSet", "Sales")),
            ),
            // Either separator, mixed; an empty folder name is no type's folder.
            (
                "src/main\\classes/Handler.cls",
                Some(("ApexClass", "Handler")),
            ),
            ("classes\\/Handler.cls", None),
            ("ü/classes/Hándler.cls", Some(("ApexClass", "Hándler"))),
            ("", None),
        ];
        for (path, expected) in cases {
            assert_eq!(
                component(path),
                expected.map(|(type_name, name)| (type_name, name.to_string())),
                "{path}"
            );
        }
    }

    #[test]
    fn names_are_held_while_a_file_holds_them() {
        let mut components = ProjectComponents::default();
        assert!(!components.holds_type("ApexClass"));
        assert!(components.insert("classes/Handler.cls"));
        assert!(components.insert("classes/Handler.cls-meta.xml"));
        assert!(!components.insert("classes/README.md"));
        assert!(components.holds("ApexClass", "handler"));
        assert!(components.remove("classes/Handler.cls"));
        assert!(components.holds("ApexClass", "Handler"));
        assert!(components.remove("classes/Handler.cls-meta.xml"));
        assert!(!components.holds("ApexClass", "Handler"));
        assert!(!components.holds_type("ApexClass"));
        assert!(!components.remove("classes/Handler.cls"));
    }

    #[test]
    fn a_standard_profile_is_held_by_its_file_name() {
        let mut components = ProjectComponents::default();
        components.insert("profiles/Admin.profile-meta.xml");
        assert!(components.holds("Profile", "System Administrator"));
        assert!(components.holds("Profile", "Admin"));
        assert!(!components.holds("Profile", "Standard User"));
    }
}
