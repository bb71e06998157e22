//! Output safety (issue #7): whatever goes wrong — a folder in a target's place, the data file
//! named as an output, a read-only folder, a full disk, Ctrl-C mid-run — every existing file
//! is left as it was, no temporary file is left behind, and the error is one line. SIGTERM
//! and SIGHUP clean up as Ctrl-C does.
//!
//! The read-only folder and the full disk are real here: small tmpfs mounts (read-only, or
//! 64 KiB), which needs root with CAP_SYS_ADMIN, as on the development and CI machines. Where
//! `mount` is refused these two tests print why and return; the same failures are then still
//! covered at the writer boundary by the test doubles in `src/export/writer.rs` (a writer that
//! fails with ENOSPC mid-file, an open that fails with EROFS), which run everywhere.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

fn nllplot(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("nllplot").unwrap();
    cmd.current_dir(dir).timeout(Duration::from_secs(120));
    cmd
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn one_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).into_owned();
    assert_eq!(text.trim_end().lines().count(), 1, "not one line: {text}");
    text
}

#[test]
fn one_unwritable_output_means_no_output_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fig.svg"), "old").unwrap();
    fs::create_dir(dir.path().join("sweep.csv")).unwrap(); // a folder in the CSV's place
    let out = nllplot(dir.path())
        .args(["--out", "fig.svg", "--csv", "sweep.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(one_line(&out.stderr).contains("sweep.csv"));
    assert_eq!(
        fs::read_to_string(dir.path().join("fig.svg")).unwrap(),
        "old"
    );
    assert_eq!(names(dir.path()), ["fig.svg", "sweep.csv"]);
}

#[test]
fn the_data_file_is_never_overwritten_whatever_its_spelling() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("d.txt"), "1\n0\n").unwrap();
    std::os::unix::fs::symlink("d.txt", dir.path().join("link.csv")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    for target in [
        &["--csv", "d.txt"][..],
        &["--json", "./d.txt"],
        &["--csv", "sub/../d.txt"],
        &["--csv", "link.csv"], // a link to the data file is the data file
    ] {
        let out = nllplot(dir.path())
            .args(["--data", "d.txt"])
            .args(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        assert!(
            one_line(&out.stderr).contains("refusing to overwrite the data file"),
            "{target:?}"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("d.txt")).unwrap(),
            "1\n0\n"
        );
    }
    assert_eq!(names(dir.path()), ["d.txt", "link.csv", "sub"]);
}

/// A tmpfs mounted on a fresh folder for the length of a test, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts, or says why it cannot (not root, no CAP_SYS_ADMIN, no tmpfs).
    fn mount(options: &str) -> Result<Tmpfs, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Process::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs -o {options} was refused: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, options: &str) {
        let status = Process::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "remount {options} failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_read_only_target_folder_is_a_one_line_error_and_is_left_untouched() {
    // Root ignores permission bits, so chmod cannot make a folder read-only here: a real
    // read-only mount does (the writer's EROFS double covers machines without mount).
    let fs_ro = match Tmpfs::mount("size=1m") {
        Ok(m) => m,
        Err(why) => return eprintln!("skipped (the writer test double still runs): {why}"),
    };
    fs::write(fs_ro.path().join("fig.svg"), "old").unwrap();
    fs_ro.remount("ro");
    let target = fs_ro.path().join("fig.svg");
    let scratch = tempfile::tempdir().unwrap();
    let out = nllplot(scratch.path())
        .arg("--out")
        .arg(&target)
        .arg("--csv")
        .arg(fs_ro.path().join("new.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = one_line(&out.stderr);
    assert!(
        message.starts_with("error: cannot write") && message.contains("Read-only file system"),
        "{message}"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "old");
    assert_eq!(names(fs_ro.path()), ["fig.svg"]);
}

#[test]
fn a_full_disk_is_a_one_line_error_and_leaves_no_partial_file() {
    let disk = match Tmpfs::mount("size=64k") {
        Ok(m) => m,
        Err(why) => return eprintln!("skipped (the writer test double still runs): {why}"),
    };
    fs::write(disk.path().join("fig.svg"), "old").unwrap();
    // The default figure's SVG is ~48 KiB and its PNG ~37 KiB: together they cannot fit in
    // 64 KiB, so the disk fills while the second one is staged.
    let out = nllplot(disk.path())
        .args(["--out", "fig.svg", "--out", "fig.png", "--csv", "sweep.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = one_line(&out.stderr);
    assert!(message.contains("No space left on device"), "{message}");
    assert_eq!(
        fs::read_to_string(disk.path().join("fig.svg")).unwrap(),
        "old"
    );
    assert_eq!(
        names(disk.path()),
        ["fig.svg"],
        "partial or temporary files left"
    );
    // With the space back, the same command succeeds: nothing stale was left in the way.
    disk.remount("size=1m");
    let out = nllplot(disk.path())
        .args(["--out", "fig.svg", "--out", "fig.png", "--csv", "sweep.csv"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(names(disk.path()), ["fig.png", "fig.svg", "sweep.csv"]);
}

/// Starts a long run (2·10¹⁰ draws take minutes in a debug build), sends it `signal` (`INT`,
/// `TERM`, `HUP`) after `delay`, and returns its exit code and the folder it ran in.
fn interrupted_run(signal: &str, delay: Duration) -> (Option<i32>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fig.svg"), "old").unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_nllplot"));
    let mut child = Process::new(bin)
        .current_dir(dir.path())
        .args(["-n", "20000000000", "--out", "fig.svg", "--out", "fig.png"])
        .args(["--csv", "sweep.csv", "--json", "summary.json"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    send(signal, child.id());
    let start = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nllplot ignored SIG{signal} for 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (code, dir)
}

#[test]
fn ctrl_c_mid_run_exits_130_and_leaves_no_temporary_file() {
    // Early (during start-up or sampling) and later: every time, the target is untouched and
    // the folder holds nothing new. (The interrupt landing between staging and renaming is
    // tested deterministically by `abandon_removes_staged_files…` in src/export/writer.rs.)
    for delay in [150, 500, 1200] {
        let (code, dir) = interrupted_run("INT", Duration::from_millis(delay));
        assert_eq!(code, Some(130), "after {delay} ms");
        assert_eq!(
            fs::read_to_string(dir.path().join("fig.svg")).unwrap(),
            "old"
        );
        assert_eq!(names(dir.path()), ["fig.svg"], "after {delay} ms");
    }
}

fn send(signal: &str, pid: u32) {
    let sent = Process::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{signal} failed");
}

#[test]
fn sigterm_and_sighup_mid_run_exit_143_and_129_and_leave_no_temporary_file() {
    for (signal, code) in [("TERM", 143), ("HUP", 129)] {
        let (got, dir) = interrupted_run(signal, Duration::from_millis(400));
        assert_eq!(got, Some(code), "SIG{signal}");
        assert_eq!(
            fs::read_to_string(dir.path().join("fig.svg")).unwrap(),
            "old"
        );
        assert_eq!(names(dir.path()), ["fig.svg"], "SIG{signal}");
    }
}
