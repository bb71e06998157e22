//! Atomic output: every file appears whole, or not at all — also when the run is interrupted.
//!
//! All outputs are first written to temporary files beside their targets (same folder, so the
//! final rename cannot cross file systems). Only when every one of them is complete are they
//! renamed into place; on any failure the temporary files are removed and every existing file
//! is left exactly as it was. (Renames within one folder do not fail in practice once the
//! temporary file exists; a folder in the target's place is checked before the first rename.)
//!
//! An interrupt (Ctrl-C) must not leave temporary files behind either, so every staged file is
//! registered until it is renamed or removed, and [`abandon`] — what the command's SIGINT
//! handler calls — removes the registered ones. The registry's lock is held while a file is
//! created and written and across all the renames, so an interrupt lands either before any
//! target is replaced (and removes every temporary file) or after all of them are.

use crate::error::{Error, Result};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Temporary files that exist and have not been renamed into place yet.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn staged() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves the list itself intact.
    STAGED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every staged temporary file and returns with the registry still locked, so that no
/// new one can be staged or renamed before the caller exits the process. For the command's
/// SIGINT handler: `abandon(); std::process::exit(130)`.
pub fn abandon() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut list = staged();
    for temp in list.drain(..) {
        let _ = fs::remove_file(temp);
    }
    list
}

/// Writes each `(path, bytes)`; either all succeed or none of the targets is touched.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    write_all_with(files, |temp| {
        OpenOptions::new().write(true).create_new(true).open(temp)
    })
}

/// [`write_all`] with the creation of each temporary file supplied by the caller: the seam
/// where tests put a writer that fails as a full disk or a read-only folder would.
pub(crate) fn write_all_with<W: Write>(
    files: &[(PathBuf, Vec<u8>)],
    mut create: impl FnMut(&Path) -> io::Result<W>,
) -> Result<()> {
    let mut temps: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    // Folders this run created, outermost first, so that a failure can take them back.
    let mut created: Vec<PathBuf> = Vec::new();
    let give_back = |created: &[PathBuf]| {
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    };
    for (index, (path, bytes)) in files.iter().enumerate() {
        match stage(path, bytes, index, &mut create, &mut created) {
            Ok(temp) => temps.push((temp, path)),
            Err(e) => {
                discard(&temps);
                give_back(&created);
                return Err(e);
            }
        }
    }
    // A folder standing where a file should go is the one rename failure that can be foreseen;
    // catch it before the first rename so that no target is replaced unless all can be.
    if let Some((_, path)) = temps.iter().find(|(_, path)| path.is_dir()) {
        let path = path.to_path_buf();
        discard(&temps);
        give_back(&created);
        return Err(Error::Write {
            path,
            source: io::Error::new(io::ErrorKind::IsADirectory, "it is a folder"),
        });
    }
    let mut list = staged();
    for (done, (temp, path)) in temps.iter().enumerate() {
        if let Err(source) = fs::rename(temp, path) {
            forget(&mut list, &temps[..done]);
            drop(list);
            discard(&temps[done..]);
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    forget(&mut list, &temps);
    Ok(())
}

/// Writes `bytes` to a fresh, registered temporary file in `path`'s folder; returns its name.
/// Folders it had to create are appended to `created`.
fn stage<W: Write>(
    path: &Path,
    bytes: &[u8],
    index: usize,
    create: &mut impl FnMut(&Path) -> io::Result<W>,
    created: &mut Vec<PathBuf>,
) -> Result<PathBuf> {
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
    let mut list = staged();
    let mut file = create(&temp).map_err(fail)?;
    list.push(temp.clone());
    if let Err(e) = file.write_all(bytes).and_then(|()| file.flush()) {
        drop(file);
        forget(&mut list, &[(temp.clone(), path)]);
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(temp)
}

/// Takes renamed or removed files off the registry.
fn forget(list: &mut Vec<PathBuf>, done: &[(PathBuf, &Path)]) {
    list.retain(|temp| !done.iter().any(|(t, _)| t == temp));
}

fn discard(temps: &[(PathBuf, &Path)]) {
    let mut list = staged();
    forget(&mut list, temps);
    for (temp, _) in temps {
        let _ = fs::remove_file(temp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;

    /// The registry is global: tests that stage files take turns, so that one test's
    /// [`abandon`] cannot remove another's temporary files.
    static SERIAL: Mutex<()> = Mutex::new(());

    fn serial() -> MutexGuard<'static, ()> {
        SERIAL.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failing_output_leaves_the_others_untouched() {
        let _turn = serial();
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
        assert_eq!(
            names(dir.path()),
            ["blocked", "good.txt"],
            "temporary files left"
        );
        assert!(staged().is_empty());
    }

    #[test]
    fn a_failing_output_takes_back_the_folders_it_created() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        let nested = dir.path().join("new/deep/fig.svg");
        assert!(write_all(&[(nested, b"x".to_vec()), (blocked, b"x".to_vec())]).is_err());
        assert!(!dir.path().join("new").exists());
    }

    #[test]
    fn outputs_appear_with_their_folders() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/fig.svg");
        write_all(&[(target.clone(), b"<svg/>".to_vec())]).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"<svg/>");
        assert!(staged().is_empty());
    }

    /// A test double for a full disk: a real file that takes `room` bytes, then fails the way
    /// write(2) does on a full file system (ENOSPC).
    struct FillsUp {
        file: File,
        room: usize,
    }

    impl Write for FillsUp {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from_raw_os_error(28)); // ENOSPC on Linux
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            self.file.write(&buf[..n])
        }
        fn flush(&mut self) -> io::Result<()> {
            self.file.flush()
        }
    }

    #[test]
    fn a_full_disk_mid_write_leaves_no_partial_file_behind() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let (small, large) = (dir.path().join("a.csv"), dir.path().join("b.svg"));
        fs::write(&large, "old").unwrap();
        let mut room = 120; // shared by all files: the disk fills during the second one
        let result = write_all_with(
            &[
                (small.clone(), vec![b'x'; 100]),
                (large.clone(), vec![b'y'; 1000]),
            ],
            |temp| {
                let file = OpenOptions::new().write(true).create_new(true).open(temp)?;
                let double = FillsUp { file, room };
                room = room.saturating_sub(100);
                Ok(double)
            },
        );
        let message = result.unwrap_err().to_string();
        assert!(
            message.starts_with(&format!("cannot write {}", large.display()))
                && message.contains("No space left on device"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&large).unwrap(), "old");
        assert!(
            !small.exists(),
            "the first output appeared although the second failed"
        );
        assert_eq!(names(dir.path()), ["b.svg"], "temporary files left");
        assert!(staged().is_empty());
    }

    #[test]
    fn a_read_only_folder_is_a_one_line_error_and_nothing_is_written() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("fig.svg");
        // The double refuses to create the file as open(2) does in a read-only mount (EROFS).
        let result = write_all_with::<File>(&[(target.clone(), b"<svg/>".to_vec())], |_| {
            Err(io::Error::from_raw_os_error(30))
        });
        let message = result.unwrap_err().to_string();
        assert!(message.contains("Read-only file system"), "{message}");
        assert!(!message.contains('\n'));
        assert!(names(dir.path()).is_empty());
        assert!(staged().is_empty());
    }

    #[test]
    fn abandon_removes_staged_files_and_blocks_further_writes() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let mut create = |temp: &Path| OpenOptions::new().write(true).create_new(true).open(temp);
        let a = stage(
            &dir.path().join("a.svg"),
            b"a",
            0,
            &mut create,
            &mut Vec::new(),
        )
        .unwrap();
        let b = stage(
            &dir.path().join("b.png"),
            b"b",
            1,
            &mut create,
            &mut Vec::new(),
        )
        .unwrap();
        assert!(a.exists() && b.exists());
        assert_eq!(staged().len(), 2);
        let guard = abandon();
        assert!(guard.is_empty());
        assert!(
            names(dir.path()).is_empty(),
            "staged files survived abandon"
        );
        // While the guard lives nothing can be staged (the handler exits holding it).
        assert!(STAGED.try_lock().is_err());
        drop(guard);
        write_all(&[(dir.path().join("c.csv"), b"c".to_vec())]).unwrap();
        assert_eq!(names(dir.path()), ["c.csv"]);
    }
}
