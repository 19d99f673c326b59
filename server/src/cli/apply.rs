//! Writing a plan to disk, all of it or none of it.
//!
//! 1. **Check** every operation before touching anything: a file to create or rename to must
//!    not exist; a file to edit must be UTF-8 and hold exactly the text the plan was computed
//!    on (else it changed since it was read); a file to rename must exist.
//! 2. **Stage**: write every new content to a hidden temporary file in its target's folder
//!    (creating missing folders). This is also the writability check — the only honest one,
//!    since permission bits lie to root and to ACLs. A failure here removes the temporary files
//!    and folders, and nothing the user can see has changed.
//! 3. **Commit**: rename each temporary file into place, and each renamed file to its new path,
//!    in the plan's order. A failure undoes every step already done, in reverse: created files
//!    removed, edited files given back their exact bytes, renamed files moved back.
//!
//! An edited file keeps every byte outside the edited ranges: its byte-order mark, line
//! endings, encoding declaration, and its permissions. A symbolic link to an edited file stays
//! a link (the file it points to is edited). Nothing here deletes a file the user had.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use eca_analysis::writers::{Operation, Plan};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What an applied plan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: usize,
    pub edited: usize,
    pub renamed: usize,
}

/// Why a plan was not applied. Unless `undo_failures` lists something, nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyError {
    pub message: String,
    /// What could not be put back after a failure half-way (each with the file it concerns).
    pub undo_failures: Vec<String>,
}

impl fmt::Display for ApplyError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.undo_failures.is_empty() {
            write!(formatter, "{}; nothing was changed", self.message)
        } else {
            write!(
                formatter,
                "{}; undoing the changes already made failed too, check these files: {}",
                self.message,
                self.undo_failures.join("; ")
            )
        }
    }
}

impl std::error::Error for ApplyError {}

/// Apply a plan to the file system, all or nothing.
pub fn apply(plan: &Plan) -> Result<Applied, ApplyError> {
    apply_with(plan, &|_| Ok(()))
}

/// A point of the application at which a test can make it fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Before the temporary file of the operation with this index is written.
    Stage(usize),
    /// Before the operation with this index is put in place.
    Commit(usize),
}

/// [`apply`], asking `fault` before each step whether to fail there (tests only fail).
pub(crate) fn apply_with(
    plan: &Plan,
    fault: &dyn Fn(Step) -> io::Result<()>,
) -> Result<Applied, ApplyError> {
    let prepared = check(plan)?;
    let mut scratch = Scratch::default();
    if let Err(message) = stage(&prepared, &mut scratch, fault) {
        let undo_failures = scratch.clean_up();
        return Err(ApplyError {
            message,
            undo_failures,
        });
    }
    let mut done: Vec<Done> = Vec::new();
    let mut applied = Applied::default();
    for (index, step) in prepared.iter().enumerate() {
        if let Err(message) = commit(index, step, &scratch, fault, &mut done, &mut applied) {
            let mut undo_failures = undo(done);
            undo_failures.extend(scratch.clean_up());
            return Err(ApplyError {
                message,
                undo_failures,
            });
        }
    }
    scratch.clean_up();
    Ok(applied)
}

/// One operation, checked and ready to stage.
#[derive(Debug)]
enum Prepared {
    Create {
        target: PathBuf,
        bytes: Vec<u8>,
    },
    Edit {
        /// The file itself (a link to it resolved).
        target: PathBuf,
        bytes: Vec<u8>,
        /// The exact bytes on disk when checked, given back if the plan has to be undone.
        original: Vec<u8>,
        permissions: Permissions,
    },
    Rename {
        from: PathBuf,
        to: PathBuf,
    },
}

/// A step already committed, and how to take it back.
enum Done {
    Created(PathBuf),
    Edited {
        target: PathBuf,
        original: Vec<u8>,
        permissions: Permissions,
    },
    Renamed {
        from: PathBuf,
        to: PathBuf,
    },
}

/// Temporary files and folders made while staging, by operation index.
#[derive(Default)]
struct Scratch {
    temporary: Vec<Option<PathBuf>>,
    folders: Vec<PathBuf>,
}

impl Scratch {
    /// Remove what is left of the temporary files, then the folders made (innermost first,
    /// and only while empty). Returns what could not be removed.
    fn clean_up(&mut self) -> Vec<String> {
        let mut failures = Vec::new();
        for path in self.temporary.iter_mut().filter_map(Option::take) {
            if let Err(error) = fs::remove_file(&path) {
                if error.kind() != io::ErrorKind::NotFound {
                    failures.push(format!("remove {}: {error}", path.display()));
                }
            }
        }
        for folder in self.folders.drain(..).rev() {
            // A folder someone else filled meanwhile stays.
            let _ = fs::remove_dir(&folder);
        }
        failures
    }
}

fn check(plan: &Plan) -> Result<Vec<Prepared>, ApplyError> {
    let fail = |message: String| ApplyError {
        message,
        undo_failures: Vec::new(),
    };
    // Paths the plan's earlier operations make appear or disappear.
    let mut appearing: HashSet<PathBuf> = HashSet::new();
    let mut prepared = Vec::new();
    for operation in plan.operations() {
        match operation {
            Operation::Create { path, content, .. } => {
                let target = PathBuf::from(path);
                must_be_free(&target, &appearing).map_err(fail)?;
                appearing.insert(target.clone());
                prepared.push(Prepared::Create {
                    target,
                    bytes: content.as_bytes().to_vec(),
                });
            }
            Operation::Replace { path, original, .. } => {
                let new_text = operation.new_text().unwrap_or_default();
                prepared.push(check_edit(Path::new(path), original, &new_text).map_err(fail)?);
            }
            Operation::Rename { from, to, .. } => {
                let (from, to) = (PathBuf::from(from), PathBuf::from(to));
                match fs::symlink_metadata(&from) {
                    Ok(metadata) if metadata.is_file() || metadata.is_symlink() => {}
                    Ok(_) => return Err(fail(format!("{} is not a file", from.display()))),
                    Err(error) => {
                        return Err(fail(format!("cannot rename {}: {error}", from.display())));
                    }
                }
                must_be_free(&to, &appearing).map_err(fail)?;
                appearing.insert(to.clone());
                prepared.push(Prepared::Rename { from, to });
            }
        }
    }
    Ok(prepared)
}

/// A path a file will be written to must not exist, and the nearest existing folder above it
/// must be a folder.
fn must_be_free(target: &Path, appearing: &HashSet<PathBuf>) -> Result<(), String> {
    if appearing.contains(target) {
        return Err(format!(
            "{} is written twice by this plan",
            target.display()
        ));
    }
    match fs::symlink_metadata(target) {
        Ok(_) => {
            return Err(format!(
                "{} already exists; eca-ls does not overwrite it",
                target.display()
            ));
        }
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(format!("cannot write {}: {error}", target.display())),
    }
    let mut folder = parent_folder(target);
    loop {
        match fs::metadata(&folder) {
            Ok(metadata) if metadata.is_dir() => return Ok(()),
            Ok(_) => {
                return Err(format!(
                    "cannot write {}: {} is not a folder",
                    target.display(),
                    folder.display()
                ));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                folder = parent_folder(&folder);
            }
            Err(error) => return Err(format!("cannot write {}: {error}", target.display())),
        }
    }
}

fn check_edit(path: &Path, original: &str, new_text: &str) -> Result<Prepared, String> {
    let target = fs::canonicalize(path)
        .map_err(|error| format!("cannot edit {}: {error}", path.display()))?;
    let on_disk =
        fs::read(&target).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let permissions = fs::metadata(&target)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?
        .permissions();
    let (bom, body) = match on_disk.strip_prefix(UTF8_BOM) {
        Some(body) => (UTF8_BOM, body),
        None => (&[][..], &on_disk[..]),
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(format!(
            "{} is not UTF-8; eca-ls edits only UTF-8 files",
            path.display()
        ));
    };
    if text != original {
        return Err(format!(
            "{} changed since eca-ls read it; run the command again",
            path.display()
        ));
    }
    let mut bytes = bom.to_vec();
    bytes.extend_from_slice(new_text.as_bytes());
    Ok(Prepared::Edit {
        target,
        bytes,
        original: on_disk,
        permissions,
    })
}

fn stage(
    prepared: &[Prepared],
    scratch: &mut Scratch,
    fault: &dyn Fn(Step) -> io::Result<()>,
) -> Result<(), String> {
    for (index, step) in prepared.iter().enumerate() {
        let (target, bytes, permissions) = match step {
            Prepared::Create { target, bytes } => (target, bytes, None),
            Prepared::Edit {
                target,
                bytes,
                permissions,
                ..
            } => (target, bytes, Some(permissions)),
            Prepared::Rename { to, .. } => {
                make_folders(&parent_folder(to), &mut scratch.folders)
                    .map_err(|error| format!("cannot write {}: {error}", to.display()))?;
                scratch.temporary.push(None);
                continue;
            }
        };
        let mut write = || -> io::Result<()> {
            fault(Step::Stage(index))?;
            make_folders(&parent_folder(target), &mut scratch.folders)?;
            let temporary = temporary_path(target, index);
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            scratch.temporary.push(Some(temporary));
            file.write_all(bytes)?;
            if let Some(permissions) = permissions {
                file.set_permissions(permissions.clone())?;
            }
            file.sync_all()
        };
        write().map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    }
    Ok(())
}

fn commit(
    index: usize,
    step: &Prepared,
    scratch: &Scratch,
    fault: &dyn Fn(Step) -> io::Result<()>,
    done: &mut Vec<Done>,
    applied: &mut Applied,
) -> Result<(), String> {
    let temporary = scratch.temporary.get(index).cloned().flatten();
    match step {
        Prepared::Create { target, .. } => {
            let temporary =
                temporary.ok_or_else(|| format!("{} was not staged", target.display()))?;
            fault(Step::Commit(index))
                .and_then(|()| still_free(target))
                .and_then(|()| fs::rename(&temporary, target))
                .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
            done.push(Done::Created(target.clone()));
            applied.created += 1;
        }
        Prepared::Edit {
            target,
            original,
            permissions,
            ..
        } => {
            let temporary =
                temporary.ok_or_else(|| format!("{} was not staged", target.display()))?;
            fault(Step::Commit(index))
                .and_then(|()| unchanged(target, original))
                .and_then(|()| fs::rename(&temporary, target))
                .map_err(|error| format!("cannot edit {}: {error}", target.display()))?;
            done.push(Done::Edited {
                target: target.clone(),
                original: original.clone(),
                permissions: permissions.clone(),
            });
            applied.edited += 1;
        }
        Prepared::Rename { from, to } => {
            fault(Step::Commit(index))
                .and_then(|()| still_free(to))
                .and_then(|()| fs::rename(from, to))
                .map_err(|error| {
                    format!(
                        "cannot rename {} to {}: {error}",
                        from.display(),
                        to.display()
                    )
                })?;
            done.push(Done::Renamed {
                from: from.clone(),
                to: to.clone(),
            });
            applied.renamed += 1;
        }
    }
    Ok(())
}

/// Take back committed steps, last first; returns what could not be taken back.
fn undo(done: Vec<Done>) -> Vec<String> {
    let mut failures = Vec::new();
    for step in done.into_iter().rev() {
        match step {
            Done::Created(target) => {
                if let Err(error) = fs::remove_file(&target) {
                    failures.push(format!("remove {}: {error}", target.display()));
                }
            }
            Done::Edited {
                target,
                original,
                permissions,
            } => {
                if let Err(error) = restore(&target, &original, permissions) {
                    failures.push(format!("restore {}: {error}", target.display()));
                }
            }
            Done::Renamed { from, to } => {
                if let Err(error) = fs::rename(&to, &from) {
                    failures.push(format!(
                        "move {} back to {}: {error}",
                        to.display(),
                        from.display()
                    ));
                }
            }
        }
    }
    failures
}

/// Give a file back its bytes: through a temporary file, so that it is never half-written.
fn restore(target: &Path, original: &[u8], permissions: Permissions) -> io::Result<()> {
    let temporary = temporary_path(target, usize::MAX);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(original)?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        fs::rename(&temporary, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Fails when something appeared at `target` since the plan was checked.
fn still_free(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it appeared while eca-ls was writing",
        )),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
    }
}

/// Fails when the file changed since the plan was checked.
fn unchanged(target: &Path, original: &[u8]) -> io::Result<()> {
    if fs::read(target)? == original {
        Ok(())
    } else {
        Err(io::Error::other("it changed while eca-ls was writing"))
    }
}

/// Create the missing folders down to `folder`, recording each one made.
fn make_folders(folder: &Path, made: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut missing = Vec::new();
    let mut current = folder.to_path_buf();
    while fs::metadata(&current).is_err() {
        missing.push(current.clone());
        let parent = parent_folder(&current);
        if parent == current {
            break;
        }
        current = parent;
    }
    for folder in missing.into_iter().rev() {
        fs::create_dir(&folder)?;
        made.push(folder);
    }
    Ok(())
}

/// The folder a path is in (`.` for a bare file name).
fn parent_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden file next to `target`, unique to this process and operation.
fn temporary_path(target: &Path, index: usize) -> PathBuf {
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent_folder(target).join(format!(".{name}.eca-ls-{}-{index}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests;
