//! Helpers shared by every module: a sandbox folder per test, the command under test, and the
//! checks that recur (a one-line error, a folder left as it was, the CSV and JSON exports).

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;
use tempfile::TempDir;

/// Every option that names an output, for error cases that must write nothing.
pub const ALL_OUTPUTS: [&str; 6] = ["--out", "fig.svg", "--csv", "s.csv", "--json", "s.json"];

/// The contents of the `fig.svg` planted before an error case.
pub const KNOWN_FIGURE: &str = "<svg>known contents, must survive a failing run</svg>\n";

/// `nllplot` with a clean environment for what matters here (no inherited thread count) and a
/// time limit, so that a hang fails the test instead of stalling the suite.
pub fn nllplot() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("nllplot");
    cmd.env_remove("RAYON_NUM_THREADS")
        .timeout(Duration::from_secs(120));
    cmd
}

/// A fresh temporary folder that is the current folder of every command run in it, so that no
/// output (in particular the default `output/`) ever lands in the repository.
pub struct Sandbox {
    dir: TempDir,
}

/// What a folder holds: every path below it, with the bytes of files (`None` for folders).
pub type Snapshot = BTreeMap<PathBuf, Option<Vec<u8>>>;

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `nllplot` run in this folder.
    pub fn cmd(&self) -> Command {
        let mut cmd = nllplot();
        cmd.current_dir(self.path());
        cmd
    }

    /// Runs `nllplot args` here and returns its output, whatever the status.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run nllplot")
    }

    /// Runs `nllplot args` here and checks that it succeeded quietly on stderr.
    pub fn run_ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "nllplot {args:?} failed with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "nllplot {args:?} succeeded but wrote to stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, contents).unwrap();
    }

    pub fn mkdir(&self, name: &str) {
        fs::create_dir_all(self.path().join(name)).unwrap();
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path().join(name).exists()
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        fs::read(self.path().join(name))
            .unwrap_or_else(|e| panic!("cannot read {name} in the sandbox: {e}"))
    }

    pub fn read_string(&self, name: &str) -> String {
        String::from_utf8(self.read(name)).unwrap_or_else(|_| panic!("{name} is not UTF-8"))
    }

    pub fn json(&self, name: &str) -> serde_json::Value {
        serde_json::from_slice(&self.read(name))
            .unwrap_or_else(|e| panic!("{name} is not valid JSON: {e}"))
    }

    pub fn csv(&self, name: &str) -> Csv {
        Csv::parse(&self.read_string(name))
    }

    /// Every path below the folder (relative), with file contents.
    pub fn snapshot(&self) -> Snapshot {
        let mut out = Snapshot::new();
        walk(self.path(), self.path(), &mut out);
        out
    }

    /// The relative names of everything below the folder, sorted.
    pub fn listing(&self) -> Vec<String> {
        self.snapshot()
            .keys()
            .map(|p| p.display().to_string())
            .collect()
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Snapshot) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path.strip_prefix(root).unwrap().to_path_buf();
        if path.is_dir() {
            out.insert(rel, None);
            walk(root, &path, out);
        } else {
            out.insert(rel, Some(fs::read(&path).unwrap()));
        }
    }
}

/// The lines of a stream that hold anything but white space.
pub fn non_empty_lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Checks the shape of every failure: exit `code`, nothing on stdout, exactly one non-empty line
/// on stderr that starts with `error:` and mentions every one of `needles`, and no panic.
pub fn assert_one_line_error(out: &Output, code: i32, needles: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "nllplot panicked instead of reporting an error: {stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit status {code}; stderr: {stderr}"
    );
    let lines = non_empty_lines(&out.stderr);
    assert_eq!(
        lines.len(),
        1,
        "the error must be one line on stderr, got {}: {stderr:?}",
        lines.len()
    );
    let line = &lines[0];
    assert!(
        line.starts_with("error:"),
        "the error line must start with 'error:': {line}"
    );
    for needle in needles {
        assert!(
            line.contains(needle),
            "the error line must mention '{needle}': {line}"
        );
    }
    assert!(
        out.stdout.is_empty(),
        "a failing run printed on stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The `theta,ll,nll` export, parsed.
#[derive(Debug)]
pub struct Csv {
    pub header: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub theta: f64,
    pub ll: f64,
    pub nll: f64,
}

impl Csv {
    pub fn parse(text: &str) -> Csv {
        let mut lines = text.lines();
        let header = lines.next().expect("the CSV is empty").to_string();
        let rows = lines
            .map(|line| {
                let fields: Vec<f64> = line
                    .split(',')
                    .map(|f| {
                        f.parse::<f64>()
                            .unwrap_or_else(|_| panic!("'{f}' in CSV row '{line}' is not a number"))
                    })
                    .collect();
                assert_eq!(fields.len(), 3, "CSV row '{line}' must have 3 fields");
                Row {
                    theta: fields[0],
                    ll: fields[1],
                    nll: fields[2],
                }
            })
            .collect();
        Csv { header, rows }
    }

    pub fn thetas(&self) -> Vec<f64> {
        self.rows.iter().map(|r| r.theta).collect()
    }
}

/// A number field of a JSON summary.
pub fn num(json: &serde_json::Value, key: &str) -> f64 {
    json[key]
        .as_f64()
        .unwrap_or_else(|| panic!("JSON '{key}' is not a number: {}", json[key]))
}

/// `|actual − expected| ≤ rel·|expected|` (or ≤ rel when expected is 0).
pub fn assert_close(actual: f64, expected: f64, rel: f64, what: &str) {
    let tolerance = rel * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected} (tolerance {tolerance})"
    );
}

/// Width and height from a PNG's IHDR chunk, after checking the signature.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    const MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
    assert!(bytes.len() > 24, "the PNG is only {} bytes", bytes.len());
    assert_eq!(bytes[..8], MAGIC, "not a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "the first PNG chunk is not IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}
