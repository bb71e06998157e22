//! Output safety (issue #7): whatever goes wrong — a folder in a target's place, the data file
//! named as an output, a read-only folder, a full disk, Ctrl-C mid-run — every existing file
//! is left as it was, no temporary file is left behind, and the error is one line.
//!
//! And files that are not ours are never replaced: a device, a FIFO or `/dev/stdout` is written
//! through; a symbolic link is followed and stays a link; a file keeps its mode; a read-only
//! file or one with several hard links is refused; no output may be an input (the data, the
//! font, a spec file) or another output, however spelt. SIGTERM and SIGHUP clean up as Ctrl-C
//! does. The tests that touch the machine's `/dev/null` and `/dev/stdout` first check the same
//! case on a copy inside the sandbox (a private device node, a private link), so that a
//! regression replaces the copy, not the machine's device.
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

fn mkfifo(path: &Path) {
    let made = Process::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}

/// Runs `--out fig.svg --csv pipe.csv` with nobody reading the FIFO: the figure is staged as
/// a temporary file, then the write into the FIFO waits for a reader, which never comes. That
/// is a signal mid-write, every time: `signal` is sent once the temporary file is seen.
fn signalled_while_staged(signal: &str) -> (Option<i32>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("fig.svg"), "old").unwrap();
    mkfifo(&dir.path().join("pipe.csv"));
    let mut child = Process::new(env!("CARGO_BIN_EXE_nllplot"))
        .current_dir(dir.path())
        .args(["--out", "fig.svg", "--csv", "pipe.csv"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if names(dir.path())
            .iter()
            .any(|n| n.ends_with(".nllplot-tmp"))
        {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("nllplot finished ({status}) without waiting for a reader of the FIFO");
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no temporary file appeared in 60 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
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
fn a_signal_mid_write_removes_the_staged_files() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let (got, dir) = signalled_while_staged(signal);
        assert_eq!(got, Some(code), "SIG{signal}");
        assert_eq!(
            names(dir.path()),
            ["fig.svg", "pipe.csv"],
            "SIG{signal} left a temporary file"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("fig.svg")).unwrap(),
            "old"
        );
        assert!(is_fifo(&dir.path().join("pipe.csv")));
    }
}

#[test]
fn a_fifo_output_is_written_into_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    mkfifo(&fifo);
    // The reader is a process, so that the test can end it whatever happens: a thread
    // blocked opening a FIFO could not be stopped.
    let got = elsewhere.path().join("got.csv");
    let mut reader = Process::new("cat")
        .arg(&fifo)
        .stdout(fs::File::create(&got).unwrap())
        .spawn()
        .unwrap();
    let out = nllplot(dir.path())
        .args(["--out", "fig.svg", "--csv", "pipe.csv"])
        .output()
        .unwrap();
    let start = Instant::now();
    while reader.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = reader.kill();
            let _ = reader.wait();
            panic!("nothing closed the FIFO: {:?}", out.status);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    let csv = crate::common::Csv::parse(&fs::read_to_string(&got).unwrap());
    assert_eq!(csv.header, "theta,ll,nll");
    assert_eq!(csv.rows.len(), 1000);
    assert_eq!(names(dir.path()), ["fig.svg", "pipe.csv"]);
}

fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(path).unwrap().file_type().is_char_device()
}

#[test]
fn dev_null_and_links_to_it_are_written_through_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // First a private null device (root may make one): if this regresses, only the sandbox's
    // node is lost. Without the right to make one, the process cannot replace /dev/null
    // either, so the rest is safe to run.
    let private = dir.path().join("null.json");
    let made = Process::new("mknod")
        .arg(&private)
        .args(["c", "1", "3"])
        .output()
        .unwrap();
    if made.status.success() {
        let out = nllplot(dir.path())
            .args(["--out", "fig.svg", "--json", "null.json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(is_char_device(&private), "the device node was replaced");
        assert!(!fs::symlink_metadata(&private).unwrap().is_file());
    } else {
        eprintln!(
            "no private device node: {}",
            String::from_utf8_lossy(&made.stderr)
        );
    }
    std::os::unix::fs::symlink("/dev/null", dir.path().join("sink.csv")).unwrap();
    let out = nllplot(dir.path())
        .args([
            "--out",
            "fig.svg",
            "--csv",
            "sink.csv",
            "--json",
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = fs::symlink_metadata(dir.path().join("sink.csv")).unwrap();
    assert!(link.is_symlink(), "the link to /dev/null was replaced");
    assert!(
        is_char_device(Path::new("/dev/null")),
        "/dev/null was replaced"
    );
    assert_eq!(fs::metadata("/dev/null").unwrap().len(), 0);
}

#[test]
fn dev_stdout_is_written_through_and_the_summary_moves_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // A private link to standard output first (a regression replaces the link, not /dev's).
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.path().join("fd1.csv")).unwrap();
    for target in ["fd1.csv", "/dev/stdout"] {
        let out = nllplot(dir.path())
            .args(["--out", "fig.svg", "--csv", target])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let csv = crate::common::Csv::parse(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(
            (csv.header.as_str(), csv.rows.len()),
            ("theta,ll,nll", 1000)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("; wrote fig.svg"), "{target}: {stderr}");
        assert!(
            fs::symlink_metadata(dir.path().join("fd1.csv"))
                .unwrap()
                .is_symlink(),
            "{target}"
        );
    }
    assert!(fs::symlink_metadata("/dev/stdout").unwrap().is_symlink());
    assert_eq!(names(dir.path()), ["fd1.csv", "fig.svg"]);
}

#[test]
fn a_link_is_followed_and_a_replaced_file_keeps_its_mode() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    fs::write(d.join("real/private.csv"), "old").unwrap();
    fs::set_permissions(
        d.join("real/private.csv"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    fs::write(d.join("fig.svg"), "old").unwrap();
    fs::set_permissions(d.join("fig.svg"), fs::Permissions::from_mode(0o640)).unwrap();
    symlink("real/private.csv", d.join("link.csv")).unwrap();
    symlink("real/later.json", d.join("dangling.json")).unwrap();
    let out = nllplot(d)
        .args([
            "--out",
            "fig.svg",
            "--csv",
            "link.csv",
            "--json",
            "dangling.json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for link in ["link.csv", "dangling.json"] {
        assert!(
            fs::symlink_metadata(d.join(link)).unwrap().is_symlink(),
            "{link}"
        );
    }
    let csv = crate::common::Csv::parse(&fs::read_to_string(d.join("real/private.csv")).unwrap());
    assert_eq!(csv.rows.len(), 1000);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(d.join("real/later.json")).unwrap()).unwrap();
    assert!(json.is_object());
    let mode = |name: &str| fs::metadata(d.join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode("real/private.csv"),
        0o600,
        "a private file became readable"
    );
    assert_eq!(mode("fig.svg"), 0o640);
    assert_eq!(names(d), ["dangling.json", "fig.svg", "link.csv", "real"]);
    assert_eq!(names(&d.join("real")), ["later.json", "private.csv"]);
}

#[test]
fn read_only_files_and_hard_links_are_refused_and_left_alone() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("fig.svg"), "old").unwrap();
    // Root ignores the bits, so the writer reads them itself.
    fs::write(d.join("ro.csv"), "keep").unwrap();
    fs::set_permissions(d.join("ro.csv"), fs::Permissions::from_mode(0o444)).unwrap();
    fs::write(d.join("a.csv"), "shared").unwrap();
    fs::hard_link(d.join("a.csv"), d.join("b.csv")).unwrap();
    for (target, says) in [("ro.csv", "read-only"), ("b.csv", "2 hard links")] {
        let out = nllplot(d)
            .args(["--out", "fig.svg", "--csv", target])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{target}");
        let message = one_line(&out.stderr);
        assert!(
            message.starts_with(&format!("error: cannot write {target}: "))
                && message.contains(says),
            "{message}"
        );
    }
    assert_eq!(fs::read_to_string(d.join("fig.svg")).unwrap(), "old");
    assert_eq!(fs::read_to_string(d.join("ro.csv")).unwrap(), "keep");
    assert_eq!(
        fs::metadata(d.join("ro.csv")).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert_eq!(fs::metadata(d.join("a.csv")).unwrap().nlink(), 2);
    assert_eq!(fs::read_to_string(d.join("b.csv")).unwrap(), "shared");
    assert_eq!(names(d), ["a.csv", "b.csv", "fig.svg", "ro.csv"]);
}

#[test]
fn no_output_is_an_input_or_another_output_however_spelt() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("fig.toml"), "samples = 30\n").unwrap();
    fs::write(d.join("self.toml"), "samples = 30\njson = \"self.toml\"\n").unwrap();
    fs::write(d.join("a.toml"), "samples = 30\ncsv = \"b.toml\"\n").unwrap();
    fs::write(d.join("b.toml"), "samples = 40\n").unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/DejaVuSans.ttf"),
        d.join("font.ttf"),
    )
    .unwrap();
    symlink("font.ttf", d.join("font-link.csv")).unwrap();
    fs::write(d.join("d.txt"), "1\n0\n").unwrap();
    fs::hard_link(d.join("d.txt"), d.join("hard.csv")).unwrap();
    symlink("b.csv", d.join("to-b.json")).unwrap();
    let before: Vec<(String, Vec<u8>)> = names(d)
        .into_iter()
        .map(|n| (n.clone(), fs::read(d.join(&n)).unwrap_or_default()))
        .collect();
    for (args, says) in [
        (
            &["--spec", "fig.toml", "--csv", "fig.toml"][..],
            "refusing to overwrite the spec file 'fig.toml'",
        ),
        (
            &["--spec", "fig.toml", "--csv", "./sub/../fig.toml"],
            "refusing to overwrite the spec file",
        ),
        (
            &["--spec", "self.toml"],
            "refusing to overwrite the spec file",
        ),
        (
            &["--spec", "a.toml", "b.toml"],
            "refusing to overwrite the spec file 'b.toml'",
        ),
        (
            &["--font", "font.ttf", "--csv", "nosub/../font.ttf"],
            "refusing to overwrite the font file",
        ),
        (
            &["--font", "font.ttf", "--csv", "./font.ttf"],
            "refusing to overwrite the font file",
        ),
        (
            &["--font", "font.ttf", "--csv", "font-link.csv"],
            "refusing to overwrite the font file 'font.ttf'",
        ),
        (
            &["--data", "d.txt", "--csv", "hard.csv"],
            "refusing to overwrite the data file 'd.txt'",
        ),
        (
            &["--csv", "b.csv", "--json", "to-b.json"],
            "'b.csv' and 'to-b.json' are one file",
        ),
    ] {
        let out = nllplot(d)
            .args(["--out", "fig.svg"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let message = one_line(&out.stderr);
        assert!(message.contains(says), "{args:?}: {message}");
    }
    let after: Vec<(String, Vec<u8>)> = names(d)
        .into_iter()
        .map(|n| (n.clone(), fs::read(d.join(&n)).unwrap_or_default()))
        .collect();
    assert!(before == after, "a refused run changed the folder");
}

#[test]
fn a_dash_writes_to_standard_output_and_the_summary_to_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = nllplot(dir.path())
        .args(["--out", "-", "--format", "svg"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.starts_with(b"<svg "),
        "{}",
        String::from_utf8_lossy(&out.stdout[..40])
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrote standard output"));
    assert!(names(dir.path()).is_empty(), "a file was written");

    let out = nllplot(dir.path())
        .args(["--out", "-", "--format", "png", "--csv", "s.csv", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    assert_eq!(crate::common::png_size(&out.stdout), (1200, 500));

    let out = nllplot(dir.path())
        .args(["--out", "fig.svg", "--json", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.is_object());
    assert_eq!(names(dir.path()), ["fig.svg", "s.csv"]);
}

#[test]
fn standard_output_takes_one_output_and_a_format() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), "csv = \"-\"\n").unwrap();
    fs::write(dir.path().join("b.toml"), "out = \"-\"\nformat = \"svg\"\n").unwrap();
    for (args, says) in [
        (
            &["--out", "-"][..],
            "--format svg, png, pdf, html, gif, tex or typ",
        ),
        (
            &["--out", "fig.svg", "--format", "svg"],
            "--format gives the format of the figure written to standard output",
        ),
        (
            &["--out", "fig.svg", "--csv", "-", "--json", "-"],
            "--csv - and --json - both ask for standard output",
        ),
        (
            &["--out", "-", "--format", "svg", "--json", "-"],
            "--out - and --json - both",
        ),
        (
            &["--out", "-", "--out", "-", "--format", "svg", "--csv", "-"],
            "all ask for standard output",
        ),
        (&["--out", "-", "--format", "jpeg"], "jpeg"),
        (
            &["--spec", "a.toml", "b.toml"],
            "2 spec files write to standard output",
        ),
    ] {
        let out = nllplot(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let message = one_line(&out.stderr);
        assert!(message.contains(says), "{args:?}: {message}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(names(dir.path()), ["a.toml", "b.toml"]);
}

#[test]
fn a_255_byte_file_name_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.svg", "f".repeat(251));
    assert_eq!(name.len(), 255);
    let out = nllplot(dir.path())
        .args(["--out", &name, "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fs::read(dir.path().join(&name))
        .unwrap()
        .starts_with(b"<svg "));
    assert_eq!(names(dir.path()), [name]);
}
