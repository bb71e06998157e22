//! Golden snapshots (issue #7): the SVG and CSV bytes of a few family/seed combinations,
//! compared byte for byte with the files in `tests/golden/`, so that any change to what a
//! figure or a sweep looks like is a reviewed change, and a seed keeps meaning the same bytes.
//!
//! When a change is intended (a new tick style, a family's formula fixed), regenerate the
//! files and review the diff like code:
//!
//! ```sh
//! NLLPLOT_BLESS=1 cargo test --test cli golden
//! git diff --stat tests/golden/
//! ```

use assert_cmd::Command;
use std::fs;
use std::path::PathBuf;

/// (snapshot name, arguments): defaults, a sample at another seed, data on a support boundary
/// (infinite ends in the CSV and the figure), a negative range with a known σ.
const CASES: [(&str, &[&str]); 4] = [
    ("bernoulli-seed42", &["--dist", "bernoulli"]),
    (
        "poisson-seed7",
        &[
            "--dist", "poisson", "-n", "30", "--true", "4", "--seed", "7", "--points", "200",
        ],
    ),
    (
        "geometric-seed11-boundary",
        &[
            "--dist",
            "geometric",
            "--seed",
            "11",
            "-n",
            "12",
            "--range=0:1",
            "--points",
            "101",
        ],
    ),
    (
        "normal-seed3-sigma2",
        &[
            "--dist",
            "normal",
            "--sigma",
            "2",
            "--true=-1.5",
            "--range=-4:1",
            "--seed",
            "3",
            "--points",
            "200",
        ],
    ),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The first line where two texts differ, for a message that says what changed.
fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1);
        }
    }
    format!(
        "{} lines expected, {} written",
        expected.lines().count(),
        actual.lines().count()
    )
}

#[test]
fn figures_and_sweeps_match_their_reviewed_snapshots() {
    let bless = std::env::var_os("NLLPLOT_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, args) in CASES {
        let dir = tempfile::tempdir().unwrap();
        Command::cargo_bin("nllplot")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .args(["--out", "fig.svg", "--csv", "sweep.csv"])
            .assert()
            .success();
        for (written, ext) in [("fig.svg", "svg"), ("sweep.csv", "csv")] {
            let actual = fs::read_to_string(dir.path().join(written)).unwrap();
            let snapshot = golden_dir().join(format!("{name}.{ext}"));
            if bless {
                fs::create_dir_all(golden_dir()).unwrap();
                fs::write(&snapshot, &actual).unwrap();
                continue;
            }
            match fs::read_to_string(&snapshot) {
                Ok(expected) if expected == actual => {}
                Ok(expected) => failures.push(format!(
                    "{} changed at {}",
                    snapshot.display(),
                    first_difference(&expected, &actual)
                )),
                Err(e) => failures.push(format!("{}: {e}", snapshot.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nIf the change is intended, run `NLLPLOT_BLESS=1 cargo test --test cli golden` \
         and review `git diff tests/golden/`.",
        failures.join("\n")
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes_twice() {
    // Independent of the snapshots: two runs in two folders, PNG included.
    let run = || {
        let dir = tempfile::tempdir().unwrap();
        Command::cargo_bin("nllplot")
            .unwrap()
            .current_dir(dir.path())
            .args(["--dist", "exponential", "--seed", "9", "-n", "70000"])
            .args([
                "--out", "f.svg", "--out", "f.png", "--csv", "f.csv", "--json", "f.json",
            ])
            .assert()
            .success();
        ["f.svg", "f.png", "f.csv", "f.json"].map(|f| fs::read(dir.path().join(f)).unwrap())
    };
    assert!(run() == run(), "two runs with seed 9 wrote different bytes");
}
