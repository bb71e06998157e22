//! Atomic output: every file appears whole, or not at all — also when the run is interrupted.
//!
//! All outputs are first written to temporary files beside their targets (same folder, so the
//! final rename cannot cross file systems). Only when every one of them is complete are they
//! renamed into place; on any failure the temporary files are removed and every existing file
//! is left exactly as it was. (Renames within one folder do not fail in practice once the
//! temporary file exists; what can be foreseen is refused before the first byte is written.)
//!
//! What a target already is decides how it is written:
//! - nothing, or a regular file: a temporary file in its folder, renamed over it. An existing
//!   file keeps its permission bits (and, where the process may give it away, its owner and
//!   group): a private 0600 file does not come back world-readable.
//! - a symbolic link: followed, through every link and also when the last one dangles, and the
//!   file it names is replaced as above, in that file's folder; the link stays a link.
//! - a character device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a named pipe) is not
//!   ours to replace: it is written directly, after every file is staged and before the first
//!   rename, so that a failure there still leaves every file as it was. (What went into a
//!   device or pipe cannot be taken back.) Standard output (`-`) is written the same way.
//!
//! Refused with a one-line error before anything is written: a folder; a block device (a
//! disk is never a figure's place); a read-only file, one without any write bit (the bits are
//! checked here, because root's writes ignore them and a rename would replace the file
//! anyway); and a file with more than one hard link. Renaming a new file over one of its names
//! would silently split that name from the others, and writing through the shared inode would
//! give up the all-or-nothing guarantee, so the choice is left to the user: remove the other
//! links (or copy the file), or write elsewhere.
//!
//! Temporary names are `.NAME.PID-SEQ.nllplot-tmp`, with NAME cut to its first
//! [`NAME_BYTES`] bytes so that any name the file system takes (up to 255 bytes) still has
//! room for the suffix; the process id and a process-wide sequence number keep every one
//! unique, also across the figures of a book, which are written at once.
//!
//! A signal (Ctrl-C, SIGTERM, SIGHUP) must not leave temporary files behind either, so every
//! staged file is registered until it is renamed or removed, and [`abandon`] — what the
//! command's signal handler calls — removes the registered ones. The registry's lock is held
//! while a file is created and written and across all the renames, so a signal lands either
//! before any target is replaced (and removes every temporary file) or after all of them are.

use crate::error::{Error, Result};
pub use crate::target::Target;
use std::fs::{self, Metadata, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Temporary files that exist and have not been renamed into place yet.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Numbers the temporary files of this process.
static SEQUENCE: AtomicUsize = AtomicUsize::new(0);

/// How much of the target's name a temporary name keeps: enough to tell whose it is, and
/// short enough that a 255-byte name plus the suffix still fits the file system's limit.
pub const NAME_BYTES: usize = 100;

fn staged() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves the list itself intact.
    STAGED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every staged temporary file and returns with the registry still locked, so that no
/// new one can be staged or renamed before the caller exits the process. For the command's
/// signal handler: `abandon(); std::process::exit(130)`.
pub fn abandon() -> MutexGuard<'static, Vec<PathBuf>> {
    let mut list = staged();
    for temp in list.drain(..) {
        let _ = fs::remove_file(temp);
    }
    list
}

/// Writes each `(target, bytes)`; either all succeed or none of the files is touched.
pub fn write_all(files: &[(Target, Vec<u8>)]) -> Result<()> {
    write_all_with(files, |temp| {
        OpenOptions::new().write(true).create_new(true).open(temp)
    })
}

/// How one target is written.
enum Plan {
    /// A temporary file beside `path` (the target with its links followed), renamed over it;
    /// `keep` is the file it replaces, whose mode and owner the new one takes.
    Replace {
        path: PathBuf,
        keep: Option<Metadata>,
    },
    /// A device or pipe, written directly.
    Stream(PathBuf),
    Stdout,
}

/// A temporary file waiting for its rename.
struct Staged<'a> {
    temp: PathBuf,
    /// Where it goes (links followed).
    target: PathBuf,
    /// The path as the caller gave it, for messages.
    shown: &'a Path,
}

/// Decides how `target` is written, or why it must not be.
fn plan(target: &Target) -> Result<Plan> {
    let path = match target {
        Target::Stdout => return Ok(Plan::Stdout),
        Target::File(path) => path,
    };
    let fail = |source| Error::Write {
        path: path.clone(),
        source,
    };
    let refuse = |kind, why: String| fail(io::Error::new(kind, why));
    let (m, real) = match fs::metadata(path) {
        Ok(m) => (m, path.clone()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A dangling link, or a name through folders still to be made (`new/../a.csv`
            // may well name a file that exists).
            let real = crate::target::resolve(path);
            match fs::metadata(&real) {
                Ok(m) => (m, real),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok(Plan::Replace {
                        path: real,
                        keep: None,
                    })
                }
                Err(e) => return Err(fail(e)),
            }
        }
        Err(e) => return Err(fail(e)),
    };
    let kind = m.file_type();
    if kind.is_dir() {
        return Err(refuse(io::ErrorKind::IsADirectory, "it is a folder".into()));
    }
    if kind.is_block_device() {
        return Err(refuse(
            io::ErrorKind::Unsupported,
            "it is a block device (a disk), which nllplot does not write onto".into(),
        ));
    }
    if !kind.is_file() {
        return Ok(Plan::Stream(real));
    }
    if m.permissions().mode() & 0o222 == 0 {
        return Err(refuse(
            io::ErrorKind::PermissionDenied,
            "it is read-only, and nllplot does not replace read-only files (make it writable to allow it)"
                .into(),
        ));
    }
    if m.nlink() > 1 {
        return Err(refuse(
            io::ErrorKind::Other,
            format!(
                "it has {} hard links, and replacing it would split this name from the others; remove the other links or write elsewhere",
                m.nlink()
            ),
        ));
    }
    // A link to a regular file: the file is replaced in its own folder, and the link stays.
    // (Only now: a link to a pipe, as /dev/stdout may be, has no real path to find.)
    let real = match fs::symlink_metadata(&real) {
        Ok(l) if l.is_symlink() => fs::canonicalize(&real).map_err(fail)?,
        _ => real,
    };
    Ok(Plan::Replace {
        path: real,
        keep: Some(m),
    })
}

/// [`write_all`] with the creation of each temporary file supplied by the caller: the seam
/// where tests put a writer that fails as a full disk or a read-only folder would.
pub(crate) fn write_all_with<W: Write>(
    files: &[(Target, Vec<u8>)],
    mut create: impl FnMut(&Path) -> io::Result<W>,
) -> Result<()> {
    let plans = files
        .iter()
        .map(|(target, _)| plan(target))
        .collect::<Result<Vec<_>>>()?;
    let mut temps: Vec<Staged> = Vec::with_capacity(files.len());
    // Folders this run created, outermost first, so that a failure can take them back.
    let mut created: Vec<PathBuf> = Vec::new();
    let give_back = |created: &[PathBuf]| {
        for dir in created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    };
    for ((target, bytes), plan) in files.iter().zip(&plans) {
        let (Plan::Replace { path, keep }, Target::File(shown)) = (plan, target) else {
            continue;
        };
        match stage(path, shown, bytes, keep.as_ref(), &mut create, &mut created) {
            Ok(temp) => temps.push(Staged {
                temp,
                target: path.clone(),
                shown,
            }),
            Err(e) => {
                discard(&temps);
                give_back(&created);
                return Err(e);
            }
        }
    }
    // Devices, pipes and standard output: written once every file is staged, so that
    // everything that can fail has been tried before the first file is replaced.
    for ((_, bytes), plan) in files.iter().zip(&plans) {
        let written = match plan {
            Plan::Stream(path) => write_stream(path, bytes),
            Plan::Stdout => write_stdout(bytes),
            Plan::Replace { .. } => continue,
        };
        if let Err(e) = written {
            discard(&temps);
            give_back(&created);
            return Err(e);
        }
    }
    let mut list = staged();
    for (done, staged) in temps.iter().enumerate() {
        if let Err(source) = fs::rename(&staged.temp, &staged.target) {
            forget(&mut list, &temps[..done]);
            drop(list);
            discard(&temps[done..]);
            return Err(Error::Write {
                path: staged.shown.to_path_buf(),
                source,
            });
        }
    }
    forget(&mut list, &temps);
    Ok(())
}

/// A temporary name for `target`, unique in this process.
fn temp_name(target: &Path) -> String {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let mut cut = name.len().min(NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        ".{}.{}-{}.nllplot-tmp",
        &name[..cut],
        std::process::id(),
        SEQUENCE.fetch_add(1, Ordering::Relaxed)
    )
}

/// Writes `bytes` to a fresh, registered temporary file in `target`'s folder; returns its
/// name. `keep` is the file it will replace, whose mode (and owner) it takes before the first
/// byte is in it. Folders it had to create are appended to `created`; errors name `shown`.
fn stage<W: Write>(
    target: &Path,
    shown: &Path,
    bytes: &[u8],
    keep: Option<&Metadata>,
    create: &mut impl FnMut(&Path) -> io::Result<W>,
    created: &mut Vec<PathBuf>,
) -> Result<PathBuf> {
    let fail = |source| Error::Write {
        path: shown.to_path_buf(),
        source,
    };
    let dir = match target.parent() {
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
    let temp = dir.join(temp_name(target));
    let mut list = staged();
    let mut file = create(&temp).map_err(fail)?;
    list.push(temp.clone());
    let written = keep
        .map_or(Ok(()), |old| take_over(&temp, old))
        .and_then(|()| file.write_all(bytes))
        .and_then(|()| file.flush());
    if let Err(e) = written {
        drop(file);
        list.retain(|t| *t != temp);
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(temp)
}

/// Gives the new file the replaced one's permission bits and, where allowed, its owner.
fn take_over(temp: &Path, old: &Metadata) -> io::Result<()> {
    // Only root may give a file away; anyone else keeps it as theirs, as an editor would.
    let _ = std::os::unix::fs::chown(temp, Some(old.uid()), Some(old.gid()));
    fs::set_permissions(temp, fs::Permissions::from_mode(old.mode() & 0o777))
}

/// Writes into a device or pipe that exists (never creating a file in its place).
fn write_stream(path: &Path, bytes: &[u8]) -> Result<()> {
    OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })
}

/// Writes to standard output; a reader that stopped early (`| head`) is not a failure.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: PathBuf::from("standard output"),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Takes renamed or removed files off the registry.
fn forget(list: &mut Vec<PathBuf>, done: &[Staged]) {
    list.retain(|temp| !done.iter().any(|s| s.temp == *temp));
}

fn discard(temps: &[Staged]) {
    let mut list = staged();
    forget(&mut list, temps);
    for staged in temps {
        let _ = fs::remove_file(&staged.temp);
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

    fn file(path: &Path) -> Target {
        Target::File(path.to_path_buf())
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
        let err = write_all(&[
            (file(&good), b"new".to_vec()),
            (file(&blocked), b"x".to_vec()),
        ]);
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
        assert!(write_all(&[
            (file(&nested), b"x".to_vec()),
            (file(&blocked), b"x".to_vec())
        ])
        .is_err());
        assert!(!dir.path().join("new").exists());
    }

    #[test]
    fn outputs_appear_with_their_folders() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/fig.svg");
        write_all(&[(file(&target), b"<svg/>".to_vec())]).unwrap();
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
                (file(&small), vec![b'x'; 100]),
                (file(&large), vec![b'y'; 1000]),
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
        let result = write_all_with::<File>(&[(file(&target), b"<svg/>".to_vec())], |_| {
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
        let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.png"));
        let a = stage(&a, &a, b"a", None, &mut create, &mut Vec::new()).unwrap();
        let b = stage(&b, &b, b"b", None, &mut create, &mut Vec::new()).unwrap();
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
        write_all(&[(file(&dir.path().join("c.csv")), b"c".to_vec())]).unwrap();
        assert_eq!(names(dir.path()), ["c.csv"]);
    }

    #[test]
    fn a_link_is_written_through_and_a_replaced_file_keeps_its_mode() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("real")).unwrap();
        fs::write(d.join("real/private.csv"), "old").unwrap();
        fs::set_permissions(
            d.join("real/private.csv"),
            fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        std::os::unix::fs::symlink("real/private.csv", d.join("link.csv")).unwrap();
        std::os::unix::fs::symlink("real/later.json", d.join("dangling.json")).unwrap();
        write_all(&[
            (file(&d.join("link.csv")), b"new".to_vec()),
            (file(&d.join("dangling.json")), b"{}".to_vec()),
        ])
        .unwrap();
        assert!(fs::symlink_metadata(d.join("link.csv"))
            .unwrap()
            .is_symlink());
        assert_eq!(
            fs::read_to_string(d.join("real/private.csv")).unwrap(),
            "new"
        );
        let mode = fs::metadata(d.join("real/private.csv")).unwrap().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(fs::symlink_metadata(d.join("dangling.json"))
            .unwrap()
            .is_symlink());
        assert_eq!(fs::read_to_string(d.join("real/later.json")).unwrap(), "{}");
        assert_eq!(names(&d.join("real")), ["later.json", "private.csv"]);
    }

    #[test]
    fn read_only_files_and_hard_links_are_refused_before_anything_is_written() {
        let _turn = serial();
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("ro.csv"), "old").unwrap();
        fs::set_permissions(d.join("ro.csv"), fs::Permissions::from_mode(0o444)).unwrap();
        fs::write(d.join("a.csv"), "shared").unwrap();
        fs::hard_link(d.join("a.csv"), d.join("b.csv")).unwrap();
        for (name, says) in [("ro.csv", "read-only"), ("a.csv", "2 hard links")] {
            let err = write_all(&[
                (file(&d.join("fig.svg")), b"<svg/>".to_vec()),
                (file(&d.join(name)), b"new".to_vec()),
            ])
            .unwrap_err()
            .to_string();
            assert!(err.contains(says) && err.contains(name), "{err}");
        }
        assert_eq!(fs::read_to_string(d.join("ro.csv")).unwrap(), "old");
        assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "shared");
        assert_eq!(names(d), ["a.csv", "b.csv", "ro.csv"]);
    }

    #[test]
    fn temporary_names_fit_beside_the_longest_file_name() {
        let long = "x".repeat(251) + ".csv";
        let temp = temp_name(Path::new(&long));
        assert!(
            temp.starts_with('.') && temp.ends_with(".nllplot-tmp"),
            "{temp}"
        );
        assert!(temp.len() <= 255, "{} bytes", temp.len());
        assert_ne!(
            temp,
            temp_name(Path::new(&long)),
            "two stagings share a name"
        );
        // A cut never splits a character.
        let wide = "é".repeat(120);
        assert!(temp_name(Path::new(&wide)).starts_with(&format!(".{}.", "é".repeat(50))));
    }
}
