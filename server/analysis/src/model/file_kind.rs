//! Which ECA type a file holds: by its name first (suffix, settings file name), by its root
//! element for any other `.xml` file.

use eca_schema::{Schema, TypeDef};

/// How a file's type was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detection {
    /// Source format: `<name>.<suffix>-meta.xml`.
    SourceSuffix,
    /// Metadata API format: `<folder>/<name>.<suffix>`.
    MdapiSuffix,
    /// `settings/<Name>.settings-meta.xml` or `settings/<Name>.settings`.
    SettingsFile,
    /// Any other `.xml` file whose root element names a known type.
    RootElement,
}

/// The type of a file and where that knowledge came from.
#[derive(Debug, Clone, Copy)]
pub struct FileKind {
    pub type_def: &'static TypeDef,
    pub detection: Detection,
}

/// What the file name alone says.
#[derive(Debug, Clone, Copy)]
pub enum PathClass {
    /// The name says which type the file holds.
    Named(FileKind),
    /// An `.xml` file that may hold a known type: look at its root element.
    MaybeByRootElement,
    /// Not an ECA file.
    Unrelated,
}

impl PartialEq for FileKind {
    fn eq(&self, other: &FileKind) -> bool {
        self.type_def.name == other.type_def.name && self.detection == other.detection
    }
}

impl Eq for FileKind {}

/// Classify a path by its file name. Works on `/` and `\` separated paths.
pub fn classify_path(path: &str) -> PathClass {
    let schema = Schema::get();
    let file_name = file_name(path);
    if let Some(stem) = file_name.strip_suffix("-meta.xml") {
        if let Some((_, suffix)) = stem.rsplit_once('.') {
            if let Some(type_def) = schema.type_for_suffix(suffix) {
                return PathClass::Named(FileKind {
                    type_def,
                    detection: Detection::SourceSuffix,
                });
            }
            if suffix == "settings" {
                if let Some(type_def) = settings_type(stem) {
                    return PathClass::Named(FileKind {
                        type_def,
                        detection: Detection::SettingsFile,
                    });
                }
            }
        }
        return PathClass::MaybeByRootElement;
    }
    if let Some((stem, suffix)) = file_name.rsplit_once('.') {
        if !stem.is_empty() {
            if let Some(type_def) = schema.type_for_suffix(suffix) {
                return PathClass::Named(FileKind {
                    type_def,
                    detection: Detection::MdapiSuffix,
                });
            }
            if suffix == "settings" {
                if let Some(type_def) = settings_type(file_name) {
                    return PathClass::Named(FileKind {
                        type_def,
                        detection: Detection::SettingsFile,
                    });
                }
            }
        }
        if suffix.eq_ignore_ascii_case("xml") {
            return PathClass::MaybeByRootElement;
        }
    }
    PathClass::Unrelated
}

/// The file's type: by name when the name says, else by `root_element` when that names a
/// metadata or settings type.
pub fn detect(path: &str, root_element: Option<&str>) -> Option<FileKind> {
    match classify_path(path) {
        PathClass::Named(kind) => Some(kind),
        PathClass::MaybeByRootElement => {
            let type_def = Schema::get().type_for_root_element(root_element?)?;
            Some(FileKind {
                type_def,
                detection: Detection::RootElement,
            })
        }
        PathClass::Unrelated => None,
    }
}

/// The component name a file stands for: `Portal_Auto_Login` for
/// `externalClientApps/Portal_Auto_Login.eca-meta.xml` and for `.../Portal_Auto_Login.eca`.
pub fn full_name(path: &str) -> &str {
    let file_name = file_name(path);
    let stem = file_name.strip_suffix("-meta.xml").unwrap_or(file_name);
    match stem.rsplit_once('.') {
        Some((name, _)) if !name.is_empty() => name,
        _ => stem,
    }
}

/// The last component of a path.
pub fn file_name(path: &str) -> &str {
    // A byte search: `rsplit` with a set of characters decodes the path character by character.
    match path.bytes().rposition(|byte| byte == b'/' || byte == b'\\') {
        Some(separator) => &path[separator + 1..],
        None => path,
    }
}

/// A cheap look at the first element name of a file, without parsing it all: used to decide
/// whether an arbitrary `.xml` file is worth parsing. Skips the declaration, comments,
/// processing instructions and a DOCTYPE.
pub fn sniff_root_element(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        let start = rest.find('<')?;
        rest = &rest[start..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            let name_start = &rest[1..];
            let name_end = name_start
                .find(|ch: char| ch.is_whitespace() || ch == '>' || ch == '/')
                .unwrap_or(name_start.len());
            let name = &name_start[..name_end];
            return (!name.is_empty()).then_some(name);
        }
    }
}

/// `OauthOidc.settings` → the OauthOidcSettings type.
fn settings_type(file_stem_with_suffix: &str) -> Option<&'static TypeDef> {
    let settings_name = file_stem_with_suffix.strip_suffix(".settings")?;
    Schema::get().type_for_settings_name(settings_name)
}
