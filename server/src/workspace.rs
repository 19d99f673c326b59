//! Projects on disk: finding the ECA files under a folder, grouping them into sfdx projects,
//! and reading each project's API version and `eca-ls.toml`. Shared by the CLI and the
//! language server; the only module besides them that touches the file system.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use eca_analysis::config::CONFIG_FILE_NAME;
use eca_analysis::file_kind::{self, PathClass};
use eca_analysis::forceignore::{ForceIgnore, IgnoredBy};
use eca_analysis::project_files::{
    self, PACKAGE_XML_FILE, SFDX_PROJECT_FILE, SettingFiles, SettingsError,
};
use eca_analysis::writers::component_files::Layout;
use eca_analysis::{
    ApiVersionChoice, ApiVersionSource, Config, Diagnostic, Project, Severity, codes,
};
use eca_schema::{ApiVersion, Schema};
use eca_syntax::TextRange;

/// Folders never searched: version control, dependencies, Salesforce CLI state.
pub const SKIPPED_FOLDERS: &[&str] = &[".git", "node_modules", ".sfdx", ".sf", ".hg", ".svn"];

/// How much of an arbitrary `.xml` file is read to see whether its root is an ECA type.
const SNIFF_BYTES: usize = 4096;

/// A problem that stops loading: unreadable input or a malformed configuration.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

/// Settings given on the command line or by an editor, which win over the project's files.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub api_version: Option<(ApiVersion, ApiVersionSource)>,
    /// Severities and API version from an editor's settings.
    pub config: Config,
}

/// The ECA files found under some paths, grouped by project root.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Project root → its ECA files, in path order.
    pub projects: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Project root → the project's other ECA files, outside the paths asked for (see
    /// [`discover_with_context`]): read so that an app's rules see every file of the app and
    /// the org settings, but not reported on.
    pub context: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Project root → the files of the other components ECA fields name (Apex classes,
    /// permission sets, profiles, custom scopes; see `eca_analysis::components`) found by the
    /// same walks, in path order: only their names are used, they are never read.
    pub components: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// The paths asked for under which no ECA file was found, in the order given.
    pub nothing_to_check: Vec<NothingToCheck>,
    /// Folders met while searching (not named by the caller) that could not be read: passed
    /// by, so that one unreadable folder does not stop the rest from being checked.
    pub skipped: Vec<Skipped>,
}

/// A folder or file passed by because it could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// A path asked for that holds no ECA file, and why, in words for the person who named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NothingToCheck {
    pub path: PathBuf,
    pub reason: String,
}

/// A file's text, or why it could not be read as text.
#[derive(Debug)]
pub struct FileText {
    pub text: String,
    /// Set when the file is not in UTF-8 and was decoded another way: the front ends report it.
    pub encoding_problem: Option<EncodingProblem>,
}

/// How a file read from disk was not plain UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingProblem {
    /// Not valid UTF-8: decoded with replacement characters.
    NotUtf8,
    /// UTF-16 with a byte-order mark: decoded as such.
    Utf16,
}

/// Find the ECA files under `paths` (files or folders) and group them into projects: a file
/// belongs to the project [`project_root_for`] names, else to the path it was found under.
pub fn discover(paths: &[PathBuf]) -> Result<Discovery, LoadError> {
    discover_remembering_roots(paths, &mut ProjectRoots::default())
}

fn discover_remembering_roots(
    paths: &[PathBuf],
    roots: &mut ProjectRoots,
) -> Result<Discovery, LoadError> {
    let mut discovery = Discovery::default();
    for given in paths {
        let metadata = fs::metadata(given).map_err(|error| LoadError {
            path: given.clone(),
            message: format!("cannot read: {error}"),
        })?;
        let mut files = Vec::new();
        let mut components = Vec::new();
        if metadata.is_dir() {
            // A folder named by the caller must be readable; the folders below it are passed by
            // when they are not.
            fs::read_dir(given).map_err(|error| LoadError {
                path: given.clone(),
                message: format!("cannot read folder: {error}"),
            })?;
            let mut visited = HashSet::new();
            let mut found = Found {
                eca_files: &mut files,
                components: &mut components,
            };
            walk(given, &mut visited, &mut found, &mut discovery.skipped);
            if files.is_empty() {
                discovery.nothing_to_check.push(NothingToCheck {
                    path: given.clone(),
                    reason: "no ECA metadata files found under this folder".to_string(),
                });
            }
        } else if !metadata.is_file() {
            // A FIFO would block the read for ever, a device (`/dev/zero`) never ends.
            discovery.nothing_to_check.push(NothingToCheck {
                path: given.clone(),
                reason: "it is not a regular file (a pipe, socket or device), so it is not read"
                    .to_string(),
            });
        } else if let Some(reason) = not_an_eca_file(given) {
            discovery.nothing_to_check.push(NothingToCheck {
                path: given.clone(),
                reason: reason.to_string(),
            });
        } else {
            // A file named by the caller must be readable.
            fs::File::open(given).map_err(|error| LoadError {
                path: given.clone(),
                message: format!("cannot read: {error}"),
            })?;
            files.push(given.clone());
        }
        let fallback_root = if metadata.is_dir() {
            given.clone()
        } else {
            given.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        for file in files {
            let root = roots.of(&file).unwrap_or_else(|| fallback_root.clone());
            discovery.projects.entry(root).or_default().push(file);
        }
        for file in components {
            let root = roots.of(&file).unwrap_or_else(|| fallback_root.clone());
            discovery.components.entry(root).or_default().push(file);
        }
    }
    for files in discovery
        .projects
        .values_mut()
        .chain(discovery.components.values_mut())
    {
        files.sort();
        files.dedup();
    }
    Ok(discovery)
}

/// [`discover`], plus the rest of each sfdx project or Metadata API package that a path lies
/// inside: checking one file or folder of a project must not act as if the app's other files
/// or the org settings were missing.
pub fn discover_with_context(paths: &[PathBuf]) -> Result<Discovery, LoadError> {
    let mut roots = ProjectRoots::default();
    let mut discovery = discover_remembering_roots(paths, &mut roots)?;
    // `discover` searched the folders asked for already, and every file in them that belongs
    // to a project is one of its requested files: the walk of the project passes them by
    // instead of listing and sniffing their files a second time.
    let searched: HashSet<PathBuf> = paths
        .iter()
        .filter(|given| given.is_dir())
        .filter_map(|given| fs::canonicalize(given).ok())
        .collect();
    let mut skipped = Vec::new();
    for (root, files) in &discovery.projects {
        let is_project_root = files
            .first()
            .and_then(|file| roots.of(file))
            .is_some_and(|found| &found == root);
        let covered = paths.iter().any(|given| root.starts_with(given));
        if !is_project_root || covered {
            continue;
        }
        let requested: HashSet<PathBuf> = files
            .iter()
            .map(|file| fs::canonicalize(file).unwrap_or_else(|_| file.clone()))
            .collect();
        // A nested project below this root keeps its own files.
        let (eca_files, components) = project_files_under(root, &searched, &mut skipped);
        let context: Vec<PathBuf> = eca_files
            .into_iter()
            .filter(|file| {
                let canonical = fs::canonicalize(file).unwrap_or_else(|_| file.clone());
                !requested.contains(&canonical) && roots.of(file).as_ref() == Some(root)
            })
            .collect();
        if !context.is_empty() {
            discovery.context.insert(root.clone(), context);
        }
        let known = discovery.components.entry(root.clone()).or_default();
        known.extend(
            components
                .into_iter()
                .filter(|file| roots.of(file).as_ref() == Some(root)),
        );
        known.sort();
        known.dedup();
    }
    discovery.components.retain(|_, files| !files.is_empty());
    for folder in skipped {
        if !discovery.skipped.contains(&folder) {
            discovery.skipped.push(folder);
        }
    }
    Ok(discovery)
}

/// The project roots of the folders looked at so far. Files of one folder share their
/// project, and finding it reads the folders above: it is looked up once per folder.
#[derive(Default)]
struct ProjectRoots {
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    /// The folder looked up last and its root: files come folder by folder, so most lookups
    /// need neither a copy of the folder's path nor a hash of it.
    last: Option<(PathBuf, Option<PathBuf>)>,
}

impl ProjectRoots {
    /// [`project_root_for`] `file`, remembered for its folder.
    fn of(&mut self, file: &Path) -> Option<PathBuf> {
        let folder = file.parent().unwrap_or(Path::new(""));
        if let Some((last_folder, root)) = &self.last
            && last_folder.as_os_str() == folder.as_os_str()
        {
            return root.clone();
        }
        let root = self
            .by_folder
            .entry(folder.to_path_buf())
            .or_insert_with(|| project_root_for(file))
            .clone();
        self.last = Some((folder.to_path_buf(), root.clone()));
        root
    }
}

/// The name of the file the Salesforce CLI reads to leave files out of deploys.
pub const FORCEIGNORE_FILE_NAME: &str = ".forceignore";

/// The `.forceignore` at a project's root, parsed (`None` when there is none). The Salesforce
/// CLI reads it from the project's root for its project commands ("Add the .forceignore file to
/// the root of your project"); paths in it are relative to that folder.
pub fn forceignore_of(root: &Path) -> Result<Option<ForceIgnore>, LoadError> {
    let path = root.join(FORCEIGNORE_FILE_NAME);
    match fs::read(&path) {
        Ok(bytes) => Ok(Some(ForceIgnore::parse(&String::from_utf8_lossy(&bytes)))),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(LoadError {
            path,
            message: format!("cannot read: {error}"),
        }),
    }
}

/// Whether the project's `.forceignore` leaves `file` out, and which line does.
pub fn forceignored_by(root: &Path, forceignore: &ForceIgnore, file: &Path) -> Option<IgnoredBy> {
    let relative = file.strip_prefix(root).map(Path::to_path_buf).or_else(|_| {
        let root = fs::canonicalize(root)?;
        let file = fs::canonicalize(file)?;
        file.strip_prefix(&root)
            .map(Path::to_path_buf)
            .map_err(|_| std::io::Error::other("outside the project"))
    });
    let relative = relative.ok()?;
    let relative: Vec<String> = relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect();
    forceignore.ignored_by(&relative.join("/"))
}

/// The root of the project `file` belongs to: the nearest folder at or above `file`'s folder
/// that holds `sfdx-project.json`; else, for Metadata API format, the nearest one that holds a
/// package manifest (`package.xml` with a `Package` root), since each such folder is deployed
/// on its own, possibly to another org and with another API version.
pub fn project_root_for(file: &Path) -> Option<PathBuf> {
    project_root_containing(file.parent()?)
}

/// The root of the project a folder lies in (the folder itself or one above it), found as
/// [`project_root_for`] finds a file's: an editor opened at `force-app/` still works on the
/// whole project.
pub fn project_root_containing(folder: &Path) -> Option<PathBuf> {
    let folders = folders_above(folder);
    let sfdx_root = folders
        .iter()
        .find(|folder| folder.join(SFDX_PROJECT_FILE).is_file());
    sfdx_root
        .or_else(|| {
            folders.iter().find(|folder| {
                read_text(&folder.join(PACKAGE_XML_FILE))
                    .is_ok_and(|file| project_files::is_package_manifest(&file.text))
            })
        })
        .cloned()
}

/// `start` and the folders above it, nearest first. A relative path goes on above the current
/// folder as `..`, `../..`, …, so that a check run from inside a project (`cd force-app &&
/// eca-ls check`) still finds the project's root.
fn folders_above(start: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = start.ancestors().map(Path::to_path_buf).collect();
    if start.is_relative() {
        let depth = std::env::current_dir().map_or(0, |cwd| cwd.components().count());
        let mut up = PathBuf::new();
        for _ in 1..depth {
            up.push("..");
            folders.push(up.clone());
        }
    }
    folders
}

/// Whether a file is an ECA file: by name, or for other `.xml` files by a look at the root
/// element.
pub fn is_eca_file(path: &Path) -> bool {
    not_an_eca_file(path).is_none()
}

/// Why a file is not an ECA file: what [`is_eca_file`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NotAnEcaFile {
    /// Neither an ECA file name nor an `.xml` file.
    Name,
    /// An `.xml` file whose root element is not a known type.
    RootElement(String),
    /// An `.xml` file in which no root element was found (empty, or not XML).
    NoRootElement,
}

impl fmt::Display for NotAnEcaFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NOT_NAMED: &str =
            "its name is not that of an ECA metadata file (such as `App.ecaOauth-meta.xml`)";
        match self {
            NotAnEcaFile::Name => write!(f, "{NOT_NAMED} and it is not an `.xml` file"),
            NotAnEcaFile::RootElement(root) => {
                write!(
                    f,
                    "{NOT_NAMED} and its root element `{root}` is not a known type"
                )
            }
            NotAnEcaFile::NoRootElement => {
                write!(f, "{NOT_NAMED} and no root element was found in it")
            }
        }
    }
}

/// `None` for an ECA file, else why it is not one.
fn not_an_eca_file(path: &Path) -> Option<NotAnEcaFile> {
    match file_kind::classify_path(&path_text(path)) {
        PathClass::Named(_) => None,
        PathClass::MaybeByRootElement => match sniff(path) {
            Some(root) if Schema::get().type_for_root_element(&root).is_some() => None,
            Some(root) => Some(NotAnEcaFile::RootElement(root)),
            None => Some(NotAnEcaFile::NoRootElement),
        },
        PathClass::Unrelated => Some(NotAnEcaFile::Name),
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The finding at the start of a file [`read_text`] found not to be in UTF-8, for the front
/// ends to report before the file's own.
pub fn encoding_diagnostic(path: impl Into<String>, problem: EncodingProblem) -> Diagnostic {
    let message = match problem {
        EncodingProblem::NotUtf8 => {
            "the file is not valid UTF-8; it was read with replacement characters, so save it as UTF-8"
        }
        EncodingProblem::Utf16 => {
            "the file is saved as UTF-16; Salesforce metadata files are UTF-8, so save it as UTF-8 (eca-ls checked it as decoded from UTF-16)"
        }
    };
    Diagnostic::new(
        path,
        TextRange::empty(0),
        Severity::Error,
        codes::XML_SYNTAX,
        message,
    )
}

/// Read a file as text. Only regular files are read (a FIFO would block, a device never
/// ends), and of a file over [`eca_syntax::MAX_FILE_SIZE`] only one byte more than that (the
/// parser says it is too large without reading the rest). Invalid UTF-8 is decoded lossily
/// and UTF-16 with a byte-order mark decoded as such, and flagged, so the caller can say so
/// instead of losing the file.
pub fn read_text(path: &Path) -> Result<FileText, LoadError> {
    let cannot_read = |error: std::io::Error| LoadError {
        path: path.to_path_buf(),
        message: format!("cannot read: {error}"),
    };
    let not_regular = || LoadError {
        path: path.to_path_buf(),
        message: "cannot read: not a regular file (a pipe, socket or device)".to_string(),
    };
    // A socket cannot be opened at all: only then is the path asked what it is.
    let mut file = open_without_waiting(path).map_err(|error| match fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => not_regular(),
        _ => cannot_read(error),
    })?;
    // Asked of the open file, not of the path: the path is looked up once, not twice.
    let metadata = file.metadata().map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_regular());
    }
    let limit = eca_syntax::MAX_FILE_SIZE + 1 + UTF8_BOM.len();
    let size = usize::try_from(metadata.len()).unwrap_or(limit).min(limit);
    let bytes = read_regular_file(&mut file, size, limit).map_err(cannot_read)?;
    Ok(decode(bytes))
}

/// Open a file for reading without waiting: opening a FIFO for reading waits for a writer,
/// which may never come, while with `O_NONBLOCK` it returns at once and the caller sees from
/// the handle that it is no regular file. Reading a regular file is the same either way.
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The bytes of a regular file said to hold `size` bytes, at most `limit` of them. The buffer
/// has one byte of room more than `size`: when a read leaves that room empty with exactly
/// `size` bytes in, the file ended where it said, and the second read that would only find its
/// end (which `read_to_end` always makes) is spared — one system call per file of a project.
/// A file that grew, or a read that stopped short (some network or FUSE file systems), is read
/// on to its end as usual.
fn read_regular_file(file: &mut fs::File, size: usize, limit: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = vec![0; (size + 1).min(limit)];
    let mut filled = 0;
    loop {
        if filled == bytes.len() {
            if filled >= limit {
                break;
            }
            let grown = (filled * 2).clamp(filled + 1, limit);
            bytes.resize(grown, 0);
        }
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(read) => {
                filled += read;
                if filled == size && filled < bytes.len() {
                    break;
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// The text of a file's bytes; see [`read_text`].
fn decode(mut bytes: Vec<u8>) -> FileText {
    // Editors drop a UTF-8 byte-order mark from the text they show and send, so positions in
    // a file read from disk must be counted without it too.
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    if let Some(text) = utf16_text(&bytes) {
        return FileText {
            text,
            encoding_problem: Some(EncodingProblem::Utf16),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => FileText {
            text,
            encoding_problem: None,
        },
        Err(error) => FileText {
            text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
            encoding_problem: Some(EncodingProblem::NotUtf8),
        },
    }
}

/// The text of UTF-16 bytes that start with a byte-order mark (either byte order), without
/// the mark; `None` for anything else.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let from_pair: fn([u8; 2]) -> u16 = match bytes {
        [0xFF, 0xFE, ..] => u16::from_le_bytes,
        [0xFE, 0xFF, ..] => u16::from_be_bytes,
        _ => return None,
    };
    let units = bytes[2..]
        .chunks_exact(2)
        .map(|pair| from_pair([pair[0], pair[1]]));
    Some(
        char::decode_utf16(units)
            .map(|unit| unit.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// The API version and configuration of the project rooted at `root`. Precedence: the
/// overrides, then `eca-ls.toml`, then `sfdx-project.json`, then a `package.xml`, then the
/// newest version the schema knows (the files' part is `project_files::project_settings`, which
/// test fixtures share).
pub fn project_settings(
    root: &Path,
    overrides: &Overrides,
) -> Result<(ApiVersionChoice, Config), LoadError> {
    let package_xml =
        package_xml_version(root).map(|(version, path)| (version, shown_setting_file(root, &path)));
    let sfdx_project_path = root.join(SFDX_PROJECT_FILE);
    let sfdx_project_text = if sfdx_project_path.is_file() {
        Some(read_text(&sfdx_project_path)?.text)
    } else {
        None
    };
    let config_path = root.join(CONFIG_FILE_NAME);
    let config_text = if config_path.is_file() {
        Some(read_text(&config_path)?.text)
    } else {
        None
    };
    let (sfdx_project_shown, config_shown) = (
        shown_setting_file(root, &sfdx_project_path),
        shown_setting_file(root, &config_path),
    );
    let settings = project_files::project_settings(
        SettingFiles {
            package_xml: package_xml
                .as_ref()
                .map(|(version, path)| (*version, path.as_str())),
            sfdx_project: sfdx_project_text
                .as_deref()
                .map(|text| (text, sfdx_project_shown.as_str())),
            config: config_text
                .as_deref()
                .map(|text| (text, config_shown.as_str())),
        },
        &codes::all_code_names(),
    );
    let (mut api_version, mut config) = settings.map_err(|error| match error {
        SettingsError::SfdxProject(message) => LoadError {
            path: sfdx_project_path,
            message,
        },
        SettingsError::Config(error) => LoadError {
            path: config_path,
            message: format!("malformed configuration: {error}"),
        },
    })?;
    config = config.overlay(&overrides.config);
    if let Some(version) = overrides.config.api_version {
        api_version = ApiVersionChoice {
            version,
            source: ApiVersionSource::EditorSetting,
        };
    }
    if let Some((version, source)) = &overrides.api_version {
        api_version = ApiVersionChoice {
            version: *version,
            source: source.clone(),
        };
    }
    Ok((api_version, config))
}

/// How a project's settings file is named where eca-ls says where a setting came from (the API
/// version in a hover, the status view, a finding's message): as given for a relative root (the
/// command line's `./sfdx-project.json`, `../sfdx-project.json`), relative to the root for an
/// absolute one (`sfdx-project.json`, `manifest/package.xml`), never the absolute path of
/// someone's machine.
fn shown_setting_file(root: &Path, file: &Path) -> String {
    if !root.is_absolute() {
        return display(file);
    }
    file.strip_prefix(root)
        .map(display)
        .unwrap_or_else(|_| display(file))
}

/// A project read from disk: the [`Project`], the files that were not in UTF-8 (decoded
/// another way, by path), and the files that could not be read and were left out.
#[derive(Debug)]
pub struct LoadedProject {
    pub project: Project,
    pub encoding_problems: Vec<(String, EncodingProblem)>,
    pub skipped: Vec<Skipped>,
}

/// Read and parse every file of a discovered project into a [`Project`], which learns the names
/// of its component files (`components`, not read). A file that cannot
/// be read (any more) is left out and listed; only the project's settings files stop loading.
pub fn load_project(
    root: &Path,
    files: &[PathBuf],
    components: &[PathBuf],
    overrides: &Overrides,
) -> Result<LoadedProject, LoadError> {
    use rayon::prelude::*;
    let (api_version, config) = project_settings(root, overrides)?;
    type Read = Result<(Arc<eca_analysis::SourceFile>, Option<EncodingProblem>), LoadError>;
    let read: Vec<Read> = files
        .par_iter()
        .map(|path| {
            let text = read_text(path)?;
            Ok((
                Arc::new(eca_analysis::SourceFile::new(display(path), text.text)),
                text.encoding_problem,
            ))
        })
        .collect();
    let mut loaded = LoadedProject {
        project: Project::new(display(root), api_version, config),
        encoding_problems: Vec::new(),
        skipped: Vec::new(),
    };
    let mut parsed = Vec::with_capacity(read.len());
    for file in read {
        match file {
            Ok((file, problem)) => {
                if let Some(problem) = problem {
                    loaded.encoding_problems.push((file.path.clone(), problem));
                }
                parsed.push(file);
            }
            Err(error) => loaded.skipped.push(Skipped {
                path: error.path,
                reason: error.message,
            }),
        }
    }
    loaded.project.insert_all(parsed);
    for component in components {
        loaded.project.add_component_file(&display(component));
    }
    Ok(loaded)
}

/// A path as shown to people and used as the project's key for the file.
pub fn display(path: &Path) -> String {
    path_text(path).into_owned()
}

/// A path as text, borrowed when it is UTF-8. `to_str` first: a UTF-8 path (nearly every one)
/// is checked by the fast validation, not walked chunk by chunk as `to_string_lossy` does, and
/// every file found goes through here several times.
fn path_text(path: &Path) -> std::borrow::Cow<'_, str> {
    match path.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => path.to_string_lossy(),
    }
}

/// The files under `root` that hold a component of the project which is not an ECA file (an
/// Apex class, a permission set; see [`eca_analysis::ProjectReference`]), best match first: a
/// file named as the component in a folder named as its type's, anywhere under the root but in
/// the folders never searched. The walk stops after [`COMPONENT_SEARCH_LIMIT`] entries, so that
/// a project holding a huge tree never stalls a request.
pub fn find_component_files(
    root: &Path,
    reference: &eca_analysis::ProjectReference,
) -> Vec<PathBuf> {
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    let mut visited = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    let mut seen_entries = 0usize;
    'walk: while let Some(folder) = pending.pop() {
        let Ok(canonical) = fs::canonicalize(&folder) else {
            continue;
        };
        if !visited.insert(canonical) {
            continue;
        }
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            seen_entries += 1;
            if seen_entries > COMPONENT_SEARCH_LIMIT {
                break 'walk;
            }
            let path = entry.path();
            let name = entry.file_name();
            let is_dir = match entry.file_type() {
                Ok(file_type) if file_type.is_symlink() => path.is_dir(),
                Ok(file_type) => file_type.is_dir(),
                Err(_) => continue,
            };
            if is_dir {
                if !SKIPPED_FOLDERS.iter().any(|skipped| name == *skipped) {
                    pending.push(path);
                }
            } else if let Some(rank) = reference.rank_of(&display(&path)) {
                found.push((rank, path));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, path)| path).collect()
}

/// How many folder entries [`find_component_files`] looks at before giving up.
pub const COMPONENT_SEARCH_LIMIT: usize = 200_000;

/// What a walk collects: the ECA files, and the files of the other components ECA fields name.
struct Found<'a> {
    eca_files: &'a mut Vec<PathBuf>,
    components: &'a mut Vec<PathBuf>,
}

/// Every ECA file under `folder`, in name order, following symbolic links to folders once
/// each, and every component file (see [`Discovery::components`]), known by its name alone. A
/// folder that cannot be read is passed by and listed in `skipped`.
fn walk(
    folder: &Path,
    visited: &mut HashSet<PathBuf>,
    found: &mut Found,
    skipped: &mut Vec<Skipped>,
) {
    // Symlinked folders are followed, but each real folder is entered once, so a link loop
    // ends here instead of recursing forever.
    let Ok(canonical) = fs::canonicalize(folder) else {
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            skipped.push(Skipped {
                path: folder.to_path_buf(),
                reason: format!("cannot read folder: {error}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| (entry.file_name(), entry))
        .collect();
    entries.sort_by(|(left, _), (right, _)| left.cmp(right));
    for (name, entry) in entries {
        let path = entry.path();
        // The folder listing already says what an entry is; only a symbolic link needs a look
        // at what it points to.
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let (is_dir, is_file) = if file_type.is_symlink() {
            match fs::metadata(&path) {
                Ok(metadata) => (metadata.is_dir(), metadata.is_file()),
                Err(_) => continue,
            }
        } else {
            (file_type.is_dir(), file_type.is_file())
        };
        if is_dir {
            if SKIPPED_FOLDERS.iter().any(|skipped| name == *skipped) {
                continue;
            }
            walk(&path, visited, found, skipped);
        } else if is_file && is_component_file(&path) {
            // Named as a component in its type's folder: no ECA file, and never opened.
            found.components.push(path);
        } else if is_file && is_eca_file(&path) {
            found.eca_files.push(path);
        }
    }
}

/// Every ECA file under a project root but outside the `passed_by` folders (canonical paths),
/// spelled the way files found from that root are: a root given as the empty path (the
/// current folder) yields `force-app/…`, not `./force-app/…`.
fn project_files_under(
    root: &Path,
    passed_by: &HashSet<PathBuf>,
    skipped: &mut Vec<Skipped>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut components = Vec::new();
    // A folder already visited is not entered again: the folders to pass by start out so.
    let mut visited = passed_by.clone();
    let mut found = Found {
        eca_files: &mut files,
        components: &mut components,
    };
    if root.as_os_str().is_empty() {
        walk(Path::new("."), &mut visited, &mut found, skipped);
        let strip = |files: Vec<PathBuf>| -> Vec<PathBuf> {
            files
                .into_iter()
                .map(|file| {
                    file.strip_prefix(".")
                        .map(Path::to_path_buf)
                        .unwrap_or(file)
                })
                .collect()
        };
        return (strip(files), strip(components));
    }
    walk(root, &mut visited, &mut found, skipped);
    (files, components)
}

/// Whether a file is one of the other components ECA fields name, by its name and folder
/// (`permissionsets/Sales.permissionset-meta.xml`; see `eca_analysis::components`).
pub fn is_component_file(path: &Path) -> bool {
    eca_analysis::components::component_of_path(&path_text(path)).is_some()
}

/// The root element of an `.xml` file, from its first bytes. Only regular files are read;
/// a FIFO is opened without waiting for a writer (see [`open_without_waiting`]).
fn sniff(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut file = open_without_waiting(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut buffer = vec![0; SNIFF_BYTES];
    let read = file.read(&mut buffer).ok()?;
    buffer.truncate(read);
    let text = String::from_utf8_lossy(&buffer);
    file_kind::sniff_root_element(&text).map(str::to_string)
}

/// The version a project's `package.xml` names: the one at its root (a Metadata API project's
/// manifest), else `manifest/package.xml` (an sfdx project's). The CLI and the language server
/// read the same one whatever files they were asked about.
fn package_xml_version(root: &Path) -> Option<(ApiVersion, PathBuf)> {
    [
        root.join(PACKAGE_XML_FILE),
        root.join("manifest").join(PACKAGE_XML_FILE),
    ]
    .into_iter()
    .find_map(|candidate| {
        let text = read_text(&candidate).ok()?.text;
        Some((project_files::package_xml_version(&text)?, candidate))
    })
}

/// Where new ECA files of a project go (`eca-ls new`, `configure`, the editor's new-app
/// command), and the folder whose files form that project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFilesTarget {
    pub root: PathBuf,
    pub layout: Layout,
}

/// The sfdx project at or above `folder` (new files go to its default package directory, in
/// source format), else the Metadata API project at or above it (the folder of its
/// `package.xml`), else Metadata API format right in `folder`.
pub fn new_files_target(folder: &Path) -> Result<NewFilesTarget, LoadError> {
    // `force-app/x` searched upward ends at `` instead of `.`: anchor relative paths.
    let anchored;
    let folder = if folder.is_relative() && !folder.starts_with(".") {
        anchored = Path::new(".").join(folder);
        anchored.as_path()
    } else {
        folder
    };
    let Some(root) = project_root_containing(folder) else {
        return Ok(NewFilesTarget {
            root: folder.to_path_buf(),
            layout: Layout::metadata_api(&display(folder)),
        });
    };
    if !root.join(SFDX_PROJECT_FILE).is_file() {
        // A Metadata API project: its type folders sit next to its `package.xml`, wherever
        // inside it the folder given is.
        return Ok(NewFilesTarget {
            layout: Layout::metadata_api(&display(&root)),
            root,
        });
    }
    let path = root.join(SFDX_PROJECT_FILE);
    let text = read_text(&path)?.text;
    let sfdx = project_files::read_sfdx_project(&text).map_err(|message| LoadError {
        path: path.clone(),
        message,
    })?;
    let Some(package_directory) = sfdx.default_package_directory() else {
        return Err(LoadError {
            path,
            message: "no package directory to write to (add one to packageDirectories)".to_string(),
        });
    };
    let base = display(&root.join(package_directory));
    Ok(NewFilesTarget {
        layout: Layout::source(&base),
        root,
    })
}

/// Add to `plan` the package manifest entries of the Metadata API format files it creates:
/// each `package.xml` next to their type folders is read from disk and gets the missing
/// entries. Where there is none, one is created for `version` when the folder is empty or new
/// (a new project); in a folder of other files without a manifest, a manifest listing only the new components would deploy only them, so none is
/// created and the returned note says which entries to add to the manifest you deploy with
/// (each front shows it: the CLI on standard error, the editor in a message).
/// Shared by the CLI's writers and the language server's *New External Client App…*,
/// *Configure this app for …* and *Migrate to an External Client App*.
pub fn add_manifest_entries(
    plan: &mut eca_analysis::writers::Plan,
    version: eca_schema::ApiVersion,
) -> Result<Vec<eca_analysis::writers::package_manifest::ManifestNotCreated>, String> {
    use eca_analysis::writers::package_manifest::{self, ManifestNotCreated};
    let mut notes = Vec::new();
    for (path, entries) in package_manifest::manifests_for_created(plan) {
        // Read as every project file is (a byte-order mark left out, as the plan's application
        // compares and keeps it; no pipe or device waited on), so the edit applies to it.
        let existing = match fs::symlink_metadata(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            _ => {
                let read = read_text(Path::new(&path)).map_err(|error| error.to_string())?;
                if read.encoding_problem.is_some() {
                    return Err(format!(
                        "{path}: not UTF-8 text, so the new components cannot be added to it"
                    ));
                }
                Some(read.text)
            }
        };
        if existing.is_none() {
            if let Some(other) = other_content_of_manifest_folder(&path) {
                notes.push(ManifestNotCreated {
                    path,
                    other,
                    entries,
                });
                continue;
            }
        }
        package_manifest::add_entries(plan, &path, existing.as_deref(), &entries, version)
            .map_err(|error| error.to_string())?;
    }
    Ok(notes)
}

/// Something already in the folder of the manifest `manifest_path` (hidden entries such as
/// `.git` aside): a folder with content has metadata a new manifest would not list. `None`
/// for an empty or missing folder.
fn other_content_of_manifest_folder(manifest_path: &str) -> Option<String> {
    let folder = Path::new(manifest_path).parent()?;
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::read_dir(folder).ok()?.flatten().find_map(|entry| {
        let name = entry.file_name().to_string_lossy().into_owned();
        (!name.starts_with('.')).then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch::Scratch;

    fn read_with_size(path: &str, size: usize, limit: usize) -> Vec<u8> {
        let mut file = open_without_waiting(Path::new(path)).expect("open");
        read_regular_file(&mut file, size, limit).expect("read")
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_it_was_said_to_have() {
        let bytes: Vec<u8> = (0..10_000u32).map(|index| (index % 251) as u8).collect();
        let scratch = Scratch::new("read-sizes");
        let path = scratch.write("sizes.xml", &bytes);
        // The size the file system gave; smaller (the file grew since), larger (it shrank),
        // nothing, and one byte more or less than the truth.
        for size in [10_000, 9_999, 10_001, 5, 50_000, 0] {
            assert_eq!(read_with_size(&path, size, 1 << 20), bytes, "size {size}");
        }
        assert!(read_with_size(&scratch.write("empty.xml", b""), 0, 16).is_empty());
    }

    #[test]
    fn a_file_is_read_only_to_the_limit() {
        let scratch = Scratch::new("read-limit");
        let path = scratch.write("limit.xml", &[b'a'; 100]);
        for size in [100, 10, 0] {
            assert_eq!(
                read_with_size(&path, size, 40),
                vec![b'a'; 40],
                "size {size}"
            );
        }
        assert_eq!(read_with_size(&path, 100, 100), vec![b'a'; 100]);
    }

    #[test]
    fn read_text_decodes_and_flags_what_it_read() {
        let scratch = Scratch::new("read-decoding");
        let path = scratch.write("bom.xml", b"\xEF\xBB\xBF<a/>");
        let read = read_text(Path::new(&path)).expect("read");
        assert_eq!(read.text, "<a/>");
        assert_eq!(read.encoding_problem, None);
        let path = scratch.write("latin1.xml", b"<a>\xE9</a>");
        let read = read_text(Path::new(&path)).expect("read");
        assert_eq!(read.text, "<a>\u{FFFD}</a>");
        assert_eq!(read.encoding_problem, Some(EncodingProblem::NotUtf8));
    }

    /// Opening a FIFO for reading waits for a writer; `read_text` must say at once that it is
    /// no regular file. The test fails rather than hang should it ever wait again.
    #[cfg(unix)]
    #[test]
    fn read_text_refuses_a_fifo_without_waiting_for_a_writer() {
        let scratch = Scratch::new("read-fifo");
        let fifo = PathBuf::from(scratch.path("pipe.eca-meta.xml"));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let (sender, receiver) = std::sync::mpsc::channel();
        let reading = fifo.clone();
        std::thread::spawn(move || {
            let _ = sender.send(
                read_text(&reading)
                    .map(|_| ())
                    .map_err(|error| error.message),
            );
        });
        let result = receiver
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("read_text waited on the FIFO");
        let message = result.expect_err("a FIFO is no regular file");
        assert!(message.contains("not a regular file"), "{message}");
    }

    /// A socket cannot be opened for reading at all; it is still said to be no regular file,
    /// as before the file was opened first.
    #[cfg(unix)]
    #[test]
    fn read_text_says_a_socket_is_no_regular_file() {
        let scratch = Scratch::new("read-socket");
        let socket = PathBuf::from(scratch.path("socket.eca-meta.xml"));
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("a socket");
        let message = read_text(&socket)
            .map(|_| ())
            .expect_err("no regular file")
            .message;
        assert!(message.contains("not a regular file"), "{message}");
    }
}
