//! A seed means the same bytes: run to run, and whatever the number of threads.

use crate::common::Sandbox;

const FILES: [&str; 4] = ["f.svg", "f.png", "s.csv", "s.json"];

/// Runs `args` plus every output in a fresh sandbox and returns the bytes of each file.
fn outputs_of(args: &[&str], threads: Option<&str>) -> Vec<Vec<u8>> {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.args(args).args([
        "--out", "f.svg", "--out", "f.png", "--csv", "s.csv", "--json", "s.json",
    ]);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    cmd.assert().success();
    FILES.iter().map(|f| sb.read(f)).collect()
}

#[test]
fn the_same_seed_gives_identical_files() {
    let args = ["--dist", "poisson", "-n", "50", "--seed", "7"];
    let first = outputs_of(&args, None);
    let second = outputs_of(&args, None);
    for ((name, a), b) in FILES.iter().zip(&first).zip(&second) {
        assert!(a == b, "{name} differs between two runs with the same seed");
    }
}

#[test]
fn the_default_seed_is_42() {
    let implicit = outputs_of(&[], None);
    let explicit = outputs_of(&["--seed", "42"], None);
    assert!(implicit == explicit, "no --seed should mean --seed 42");
}

#[test]
fn a_different_seed_gives_a_different_sweep() {
    let a = outputs_of(&["--seed", "1"], None);
    let b = outputs_of(&["--seed", "2"], None);
    assert!(a[2] != b[2], "seeds 1 and 2 gave the same CSV");
    assert!(a[3] != b[3], "seeds 1 and 2 gave the same JSON");
}

/// Observed data give the same bytes run to run.
#[test]
fn the_same_data_give_identical_files() {
    let run = || {
        let sb = Sandbox::new();
        sb.write("d.txt", "0.5\n1.5\n2.25\n");
        sb.cmd()
            .args(["--dist", "exponential", "--data", "d.txt"])
            .args([
                "--out", "f.svg", "--out", "f.png", "--csv", "s.csv", "--json", "s.json",
            ])
            .assert()
            .success();
        FILES.iter().map(|f| sb.read(f)).collect::<Vec<_>>()
    };
    assert!(run() == run());
}

/// A million draws span many 65 536-draw chunks: one thread or two, the same statistics.
#[test]
fn the_thread_count_does_not_change_the_result() {
    let json_and_csv = |threads: &str, dist: &str, n: &str| {
        let sb = Sandbox::new();
        sb.cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args(["--dist", dist, "-n", n, "--points", "50"])
            .args(["--json", "s.json", "--csv", "s.csv"])
            .assert()
            .success();
        (sb.read("s.json"), sb.read("s.csv"))
    };
    for (dist, n) in [("bernoulli", "1000000"), ("normal", "300000")] {
        let one = json_and_csv("1", dist, n);
        let two = json_and_csv("2", dist, n);
        assert!(
            one.0 == two.0,
            "{dist}: JSON differs between 1 and 2 threads:\n{}\n{}",
            String::from_utf8_lossy(&one.0),
            String::from_utf8_lossy(&two.0)
        );
        assert!(
            one.1 == two.1,
            "{dist}: CSV differs between 1 and 2 threads"
        );
    }
}

/// PNG rasterisation and the GIF encoder run on the thread pool (frames in parallel batches
/// of eight): one thread, two or three, the same bytes. Twelve frames span two batches.
#[test]
fn the_thread_count_does_not_change_the_png_or_the_gif() {
    let files = |threads: &str| {
        let sb = Sandbox::new();
        sb.cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args(["--dist", "poisson", "--out", "f.png"])
            .assert()
            .success();
        sb.cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "--dist",
                "poisson",
                "--animate",
                "n=10:1000",
                "--frames",
                "12",
            ])
            .args(["--width", "400", "--height", "240", "--out", "a.gif"])
            .assert()
            .success();
        (sb.read("f.png"), sb.read("a.gif"))
    };
    let one = files("1");
    for threads in ["2", "3"] {
        let other = files(threads);
        assert!(
            one.0 == other.0,
            "the PNG differs between 1 and {threads} threads"
        );
        assert!(
            one.1 == other.1,
            "the GIF differs between 1 and {threads} threads"
        );
    }
}
