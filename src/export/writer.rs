//! Atomic output: every file appears whole, or not at all.
//!
//! All outputs are first written to temporary files beside their targets (same folder, so the
//! final rename cannot cross file systems). Only when every one of them is complete are they
//! renamed into place; on any failure the temporary files are removed and every existing file
//! is left exactly as it was. (Renames within one folder do not fail in practice once the
//! temporary file exists; a folder in the target's place is checked before the first rename.)

use crate::error::{Error, Result};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes each `(path, bytes)`; either all succeed or none of the targets is touched.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    // Folders this run created, outermost first, so that a failure can take them back.
    let mut created: Vec<PathBuf> = Vec::new();
    let fail = |staged: &[(PathBuf, &Path)], created: &[PathBuf], e: Error| {
        discard(staged);
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        Err(e)
    };
    for (index, (path, bytes)) in files.iter().enumerate() {
        match stage(path, bytes, index, &mut created) {
            Ok(temp) => staged.push((temp, path)),
            Err(e) => return fail(&staged, &created, e),
        }
    }
    // A folder standing where a file should go is the one rename failure that can be foreseen;
    // catch it before the first rename so that no target is replaced unless all can be.
    if let Some((_, path)) = staged.iter().find(|(_, path)| path.is_dir()) {
        let e = Error::Write {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a folder"),
        };
        return fail(&staged, &created, e);
    }
    for (done, (temp, path)) in staged.iter().enumerate() {
        if let Err(source) = fs::rename(temp, path) {
            discard(&staged[done..]);
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    Ok(())
}

/// Writes `bytes` to a fresh temporary file in `path`'s folder and returns its name; folders
/// it had to create are appended to `created`.
fn stage(path: &Path, bytes: &[u8], index: usize, created: &mut Vec<PathBuf>) -> Result<PathBuf> {
    let fail = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut missing = Vec::new();
    let mut probe = Some(dir);
    while let Some(d) = probe.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d.to_path_buf());
        probe = d.parent();
    }
    fs::create_dir_all(dir).map_err(fail)?;
    created.extend(missing.into_iter().rev());
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(
        ".{name}.{}-{index}.nllplot-tmp",
        std::process::id()
    ));
    let result = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| file.write_all(bytes));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(temp)
}

fn discard(staged: &[(PathBuf, &Path)]) {
    for (temp, _) in staged {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_output_leaves_the_others_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        fs::write(&good, "old").unwrap();
        // A folder where a file should go makes the rename fail after staging.
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("inside"), "x").unwrap();
        let err = write_all(&[(good.clone(), b"new".to_vec()), (blocked, b"x".to_vec())]);
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&good).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "temporary files were left behind");
    }

    #[test]
    fn a_failing_output_takes_back_the_folders_it_created() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        let nested = dir.path().join("new/deep/fig.svg");
        assert!(write_all(&[(nested, b"x".to_vec()), (blocked, b"x".to_vec())]).is_err());
        assert!(!dir.path().join("new").exists());
    }

    #[test]
    fn outputs_appear_with_their_folders() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/fig.svg");
        write_all(&[(target.clone(), b"<svg/>".to_vec())]).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"<svg/>");
    }
}
