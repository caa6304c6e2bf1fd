//! Where `export -o FILE` writes: a new or replaced regular file through a
//! temporary name (an interrupted run never leaves half a file), with the
//! permissions a file the user creates gets; anything else refused or
//! written through, never silently replaced.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// What `-o` names.
pub enum Target {
    /// Standard output (no `-o`, or `-o -`).
    Stdout,
    /// A regular file, new or to replace (`--force`), written atomically.
    File(PathBuf),
    /// Something that is not a regular file (a FIFO, a device such as
    /// /dev/null): written into as it is, never replaced.
    Stream(PathBuf),
}

impl Target {
    /// Decides where to write, refusing to overwrite a file without `force`.
    pub fn of(output: Option<&Path>, force: bool) -> Result<Target> {
        let Some(path) = output.filter(|p| p.as_os_str() != "-") else {
            return Ok(Target::Stdout);
        };
        let link = match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::File(path.to_path_buf())),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
            Ok(meta) => meta,
        };
        // Follow a symbolic link: its target is what the user means to write.
        let (resolved, meta) = if link.file_type().is_symlink() {
            let target = std::fs::canonicalize(path)
                .with_context(|| format!("{} is a symbolic link to nothing", path.display()))?;
            let meta = std::fs::metadata(&target).with_context(|| format!("cannot read {}", target.display()))?;
            (target, meta)
        } else {
            (path.to_path_buf(), link)
        };
        if !meta.is_file() {
            if meta.is_dir() {
                bail!("{} is a folder; name a file", path.display());
            }
            return Ok(Target::Stream(resolved));
        }
        if !force {
            bail!("{} exists; add --force to overwrite it", path.display());
        }
        Ok(Target::File(resolved))
    }

    /// Runs `write` into the target, and names it for messages.
    pub fn write<T>(&self, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
        match self {
            Target::Stdout => {
                let stdout = std::io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                let value = write(&mut out)?;
                out.flush().context("cannot write to standard output")?;
                Ok(value)
            }
            Target::Stream(path) => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .with_context(|| format!("cannot open {}", path.display()))?;
                let mut out = BufWriter::new(file);
                let value = write(&mut out)?;
                out.flush()
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(value)
            }
            Target::File(path) => write_atomically(path, write),
        }
    }

    /// "standard output" or the path.
    pub fn name(&self) -> String {
        match self {
            Target::Stdout => "standard output".to_string(),
            Target::File(path) | Target::Stream(path) => path.display().to_string(),
        }
    }
}

/// Writes a file through a temporary name in the same folder and renames it
/// at the end. The file gets the permissions of the one it replaces, or
/// those a new file gets (0666 less the umask), not the temporary file's 0600.
fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => new_file_permissions(folder)?,
    };
    let temp = tempfile::Builder::new()
        .prefix(".tracuu-export-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in {}", folder.display()))?;
    let mut out = BufWriter::new(temp);
    let value = write(&mut out)?;
    let temp = out.into_inner().map_err(|e| e.into_error())?;
    temp.as_file()
        .set_permissions(permissions)
        .with_context(|| format!("cannot set the permissions of {}", path.display()))?;
    temp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(value)
}

/// The permissions the system gives a file created in `folder` now: made
/// and removed once, so the umask (and any default ACL) decides.
fn new_file_permissions(folder: &Path) -> Result<std::fs::Permissions> {
    let probe = folder.join(format!(".tracuu-probe-{}", std::process::id()));
    let file = File::create(&probe).with_context(|| format!("cannot write in {}", folder.display()))?;
    let permissions = file.metadata()?.permissions();
    drop(file);
    let _ = std::fs::remove_file(&probe);
    Ok(permissions)
}
