//! Where an output goes, and what a path names on disk: standard output or a file, a file
//! followed through its symbolic links (dangling ones too) to the name that is really written,
//! and the identity that tells whether two spellings name one file.
//!
//! The config refuses an output that is an input (the data, the font, a spec file) or another
//! output; the writer replaces a link's target instead of the link. Both must agree on what
//! "the same file" and "the file a link names" are, hence one module that depends on nothing
//! else of the crate.

use std::fmt;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// Where one output is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The process's standard output (`-` on the command line).
    Stdout,
    File(PathBuf),
}

impl Target {
    /// `-` means standard output, anything else a file (as for `--data`).
    pub fn from_arg(arg: &Path) -> Target {
        if arg == Path::new("-") {
            Target::Stdout
        } else {
            Target::File(arg.to_path_buf())
        }
    }

    /// Whether this output reaches the process's standard output: `-`, or a path that names
    /// the very file or pipe standard output is (`/dev/stdout`, `/proc/self/fd/1`). The
    /// command's summary line must then go elsewhere.
    pub fn is_stdout(&self) -> bool {
        match self {
            Target::Stdout => true,
            Target::File(path) => match (Identity::of_stdout(), fs::metadata(path)) {
                (Some(Identity::Existing { dev, ino, .. }), Ok(m)) => {
                    m.dev() == dev && m.ino() == ino
                }
                _ => false,
            },
        }
    }

    fn identity(&self) -> Option<Identity> {
        match self {
            Target::Stdout => Identity::of_stdout(),
            Target::File(path) => Some(Identity::of(path)),
        }
    }

    /// Whether writing this output could overwrite the file at `input` (however spelt,
    /// through links, or as another hard link of it). A device or pipe is never overwritten,
    /// only written to, so only regular files and names that do not exist yet count.
    pub fn overwrites(&self, input: &Path) -> bool {
        let input = Identity::of(input);
        input.is_file_like() && self.identity() == Some(input)
    }

    /// Whether two outputs would replace one file (see [`Target::overwrites`]).
    pub fn same_file(&self, other: &Target) -> bool {
        match (self.identity(), other.identity()) {
            (Some(a), Some(b)) => a.is_file_like() && a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("standard output"),
            Target::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Link chains longer than this are loops (Linux gives up at 40 too).
const MAX_LINKS: usize = 40;

/// The name a write to `path` lands on, for a path where nothing exists yet: symbolic links in
/// its last component followed, also when the last one points at nothing (a dangling link is
/// a promise of a file there), then made absolute through the folders that exist, with `.`
/// and `..` after them taken by their letter (a folder that does not exist is no link).
pub fn resolve(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let Ok(target) = fs::read_link(&path) else {
            break;
        };
        path = match path.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    absolute(&path)
}

/// What makes two paths one file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    /// Something that exists: its device and inode (so hard links and every spelling agree).
    Existing { dev: u64, ino: u64, regular: bool },
    /// A name nothing is at yet: absolute, with links and the folders that exist resolved.
    Absent(PathBuf),
}

impl Identity {
    fn of(path: &Path) -> Identity {
        let existing = |m: fs::Metadata| Identity::Existing {
            dev: m.dev(),
            ino: m.ino(),
            regular: m.is_file(),
        };
        if let Ok(m) = fs::metadata(path) {
            return existing(m);
        }
        // `new/../d.txt` names d.txt once `new` is made: the writer would create it.
        let name = resolve(path);
        match fs::metadata(&name) {
            Ok(m) => existing(m),
            Err(_) => Identity::Absent(name),
        }
    }

    /// What standard output is (a file it was redirected to, a pipe, a terminal).
    fn of_stdout() -> Option<Identity> {
        use std::os::fd::AsFd;
        let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
        let m = fs::File::from(fd).metadata().ok()?;
        Some(Identity::Existing {
            dev: m.dev(),
            ino: m.ino(),
            regular: m.is_file(),
        })
    }

    /// Regular files and names yet to be created are replaced by a write; devices, pipes and
    /// terminals are only written to, so two outputs (or an input and an output) may share one.
    fn is_file_like(&self) -> bool {
        matches!(
            self,
            Identity::Absent(_) | Identity::Existing { regular: true, .. }
        )
    }
}

/// `path` made absolute through its longest beginning that exists, so that `new/a.csv`,
/// `./new/a.csv` and `new/../new/a.csv` are one name before `new` is created.
fn absolute(path: &Path) -> PathBuf {
    let full = match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    let parts: Vec<Component> = full.components().collect();
    for cut in (1..=parts.len()).rev() {
        let head: PathBuf = parts[..cut].iter().collect();
        if let Ok(mut real) = head.canonicalize() {
            for part in &parts[cut..] {
                match part {
                    Component::ParentDir => {
                        real.pop();
                    }
                    Component::CurDir => {}
                    other => real.push(other),
                }
            }
            return real;
        }
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn a_chain_of_links_resolves_to_its_last_name_even_when_it_dangles() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        symlink("sub/b", d.join("a")).unwrap();
        symlink("../c.csv", d.join("sub/b")).unwrap();
        let real = d.canonicalize().unwrap();
        assert_eq!(resolve(&d.join("a")), real.join("c.csv"));
        assert_eq!(resolve(&d.join("plain")), real.join("plain"));
        assert_eq!(resolve(&d.join("new/./x/../y.csv")), real.join("new/y.csv"));
        // A loop ends instead of spinning.
        symlink("loop2", d.join("loop1")).unwrap();
        symlink("loop1", d.join("loop2")).unwrap();
        let _ = resolve(&d.join("loop1"));
    }

    #[test]
    fn spellings_links_and_hard_links_of_one_file_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("d.txt"), "1\n").unwrap();
        fs::hard_link(d.join("d.txt"), d.join("hard.txt")).unwrap();
        symlink("d.txt", d.join("soft")).unwrap();
        symlink("later.csv", d.join("dangling")).unwrap();
        let file = |p: &str| Target::File(d.join(p));
        for name in ["d.txt", "./d.txt", "hard.txt", "soft"] {
            assert!(file(name).overwrites(&d.join("d.txt")), "{name}");
        }
        assert!(file("dangling").same_file(&file("later.csv")));
        assert!(file("new/x.csv").same_file(&file("new/./x.csv")));
        assert!(!file("a.csv").same_file(&file("b.csv")));
        // Devices are written to, never replaced: two outputs may share /dev/null.
        assert!(!Target::File("/dev/null".into()).same_file(&Target::File("/dev/null".into())));
    }
}
