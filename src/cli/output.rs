//! Where commands write, and the promise that they never write over what they read.
//!
//! Every command that writes files (`-o FILE`, `--out DIR`) first names its inputs in
//! an [`Inputs`] and checks each output path against them, before anything is written:
//! an output that is one of the inputs (the same canonical path, or on Unix the same
//! device and inode, which also catches hard links and symbolic links) is refused with
//! exit code 2 and a message naming the file. Outputs are then written by [`write`](fn@write):
//! missing parent folders are created (the same for every command), the bytes go to a
//! temporary file beside the target, reach the disk, and are renamed over it, so an
//! interrupted run leaves the old file or the new one, never half of one.

use anyhow::Context as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// An output path that would replace one of the inputs.
#[derive(Debug, thiserror::Error)]
#[error(
    "refusing to write {}: it is the input {}; choose another output path",
    output.display(),
    input.display()
)]
pub struct OutputIsInput {
    /// The output asked for.
    pub output: PathBuf,
    /// The input it would replace, as named on the command line.
    pub input: PathBuf,
}

/// What identifies a file whatever path names it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    canonical: Option<PathBuf>,
    #[cfg(unix)]
    device_inode: Option<(u64, u64)>,
}

impl Identity {
    /// The identity of an existing file; `None` when nothing is there.
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(not(unix))]
        let _ = meta;
        Some(Identity {
            canonical: std::fs::canonicalize(path).ok(),
            #[cfg(unix)]
            device_inode: {
                use std::os::unix::fs::MetadataExt as _;
                Some((meta.dev(), meta.ino()))
            },
        })
    }

    fn same_file(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.device_inode, other.device_inode) {
            return a == b;
        }
        matches!((&self.canonical, &other.canonical), (Some(a), Some(b)) if a == b)
    }
}

/// The files a command reads, to check its outputs against.
#[derive(Debug, Default)]
pub struct Inputs {
    files: Vec<(PathBuf, Identity)>,
}

impl Inputs {
    /// The inputs named by `paths` (`-`, standard input, is no file and is skipped).
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Self {
        let files = paths
            .into_iter()
            .filter(|p| p.as_os_str() != "-")
            .filter_map(|p| Identity::of(p).map(|id| (p.to_path_buf(), id)))
            .collect();
        Inputs { files }
    }

    /// Refuses `output` when it is one of the inputs.
    pub fn check(&self, output: &Path) -> Result<(), OutputIsInput> {
        let Some(id) = Identity::of(output) else {
            return Ok(()); // nothing there yet: no input can be replaced
        };
        match self.files.iter().find(|(_, input)| input.same_file(&id)) {
            Some((input, _)) => Err(OutputIsInput {
                output: output.to_path_buf(),
                input: input.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Checks every output before any is written.
    pub fn check_all<P: AsRef<Path>>(
        &self,
        outputs: impl IntoIterator<Item = P>,
    ) -> Result<(), OutputIsInput> {
        outputs
            .into_iter()
            .try_for_each(|out| self.check(out.as_ref()))
    }

    /// Checks `output`, then writes it with [`write`](fn@write).
    pub fn write(&self, output: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        self.check(output)?;
        write(output, bytes)
    }
}

/// Writes `bytes` to `path` atomically, creating missing parent folders: a temporary
/// file in the same folder is written, flushed to disk and renamed over `path`. An
/// existing file keeps its permissions; a new one gets the usual `rw-r--r--`. On error
/// the temporary file is removed, `path` is untouched, and the message names `path`.
pub fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".reftrace-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::fs::metadata(path).map_or_else(
        |_| std::os::unix::fs::PermissionsExt::from_mode(0o644),
        |m| m.permissions(),
    ));
    let fail = || format!("cannot write {}", path.display());
    let mut tmp = builder.tempfile_in(dir).with_context(fail)?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(fail)?;
    tmp.persist(path).map_err(|e| e.error).with_context(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_itself_is_refused_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "text").unwrap();
        let inputs = Inputs::new([article.as_path()]);
        assert!(inputs.check(&article).is_err());
        let dotted = dir.path().join(".").join("a.txt");
        assert!(inputs.check(&dotted).is_err());
        assert!(inputs.check(&dir.path().join("b.txt")).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("hard.txt");
            std::fs::hard_link(&article, &link).unwrap();
            let err = inputs.check(&link).unwrap_err();
            assert_eq!(err.input, article);
            let sym = dir.path().join("sym.txt");
            std::os::unix::fs::symlink(&article, &sym).unwrap();
            assert!(inputs.check(&sym).is_err());
        }
        assert!(inputs.write(&article, b"report").is_err());
        assert_eq!(std::fs::read_to_string(&article).unwrap(), "text");
    }

    #[test]
    fn writes_whole_files_into_new_folders_with_usual_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/out.json");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary files left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn a_folder_is_not_overwritten_and_the_error_names_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        assert!(!err.contains(".reftrace-"), "{err}");
    }
}
