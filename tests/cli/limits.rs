//! Limits (the safety issue's aborts, unbounded memory, hangs and unbounded work): plans
//! that would take hours or gigabytes are refused before any work in one line that names the
//! option to shrink or to lift; inputs that would fill memory (endless lines, huge spec
//! files) are refused at once; samplers and ranges at the extremes finish.
//!
//! Every run here has a short time limit, so that a regression shows as a failed test rather
//! than a stalled suite, and none of them allocates more than a few megabytes.

use crate::common::{assert_one_line_error, non_empty_lines, Sandbox, ALL_OUTPUTS, KNOWN_FIGURE};
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

/// A time limit well above what a refusal or a small run takes on a loaded machine, and far
/// below what the refused work would take.
const QUICK: Duration = Duration::from_secs(30);

/// Runs `args` in a sandbox holding a known `fig.svg`, expects a one-line usage error
/// mentioning `needles`, and checks that nothing was written.
fn refused(args: &[&str], needles: &[&str]) {
    let sandbox = Sandbox::new();
    sandbox.write("fig.svg", KNOWN_FIGURE);
    let before = sandbox.snapshot();
    let mut all = args.to_vec();
    all.extend(ALL_OUTPUTS);
    let started = Instant::now();
    let out = sandbox.cmd().args(&all).timeout(QUICK).output().unwrap();
    assert_one_line_error(&out, 2, needles);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "nllplot {args:?} took {:?} to refuse",
        started.elapsed()
    );
    assert_eq!(sandbox.snapshot(), before, "nllplot {args:?} touched files");
}

#[test]
fn a_sample_that_would_take_days_is_refused_before_drawing() {
    // Asked 1.8 TB for the sampler's chunk statistics up front, then aborted.
    refused(&["-n", "1000000000000000"], &["days", "--no-limits", "-n"]);
    // Ran for minutes without a word.
    refused(&["-n", "1000000000000"], &["minutes", "--no-limits"]);
}

#[test]
fn kept_observations_are_capped_before_sampling() {
    // Stored the observations until allocation failed at 7.9 GB.
    refused(
        &["--dist", "cauchy", "-n", "1000000000"],
        &["cauchy keeps every observation", "100000000", "--no-limits"],
    );
    refused(&["--dist", "student-t", "-n", "200000000"], &["100000000"]);
    // 60 frames of nested samples up to 10⁸: aborted at 5.6 GB.
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .args([
            "--dist",
            "cauchy",
            "--animate",
            "n=10:100000000",
            "--out",
            "a.gif",
        ])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(&out, 2, &["100000000", "frames"]);
    assert!(!sandbox.exists("a.gif"));
}

#[test]
fn no_limits_lifts_the_cap_but_not_the_memory_budget() {
    refused(
        &[
            "--dist",
            "laplace",
            "-n",
            "200000000",
            "--no-limits",
            "--memory-limit",
            "1G",
        ],
        &["memory", "--memory-limit", "1.0 GiB"],
    );
}

#[test]
fn plans_over_the_memory_budget_are_refused() {
    // Eight curves of 10⁷ points in four outputs: aborted at 5.4 GB.
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .args([
            "-n",
            "10,20,30,40,50,60,70,80",
            "--points",
            "10000000",
            "--out",
            "a.svg",
            "--out",
            "a.pdf",
            "--out",
            "a.png",
            "--csv",
            "a.csv",
        ])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(
        &out,
        2,
        &["memory", "--points", "--memory-limit", "4.0 GiB"],
    );
    assert!(sandbox.listing().is_empty(), "{:?}", sandbox.listing());
    // A 30000² PNG needs about 7 GB.
    refused(
        &[
            "--size",
            "10000x10000",
            "--png-scale",
            "3",
            "--out",
            "big.png",
        ],
        &["PNG pixels", "--size", "--memory-limit"],
    );
    // Raising the budget lets the same plan through the check (it is then drawn: so only
    // the check is run here, by a budget too small for even the default figure).
    refused(&["--memory-limit", "1M"], &["--memory-limit", "1.0 MiB"]);
}

#[test]
fn the_memory_limit_takes_sizes_and_refuses_nonsense() {
    let sandbox = Sandbox::new();
    for size in ["512M", "8G", "1.5GiB", "4294967296"] {
        sandbox.run_ok(&["--memory-limit", size, "-n", "20", "--points", "50", "-q"]);
    }
    for bad in ["8X", "0", "lots"] {
        let out = sandbox.run(&["--memory-limit", bad]);
        assert_one_line_error(&out, 2, &["--memory-limit"]);
    }
    // And as spec keys.
    sandbox.write(
        "fig.toml",
        "memory-limit = \"1M\"\nno-limits = true\nsamples = 20\n",
    );
    let out = sandbox.run(&["--spec", "fig.toml"]);
    assert_one_line_error(&out, 2, &["--memory-limit", "1.0 MiB"]);
}

#[test]
fn hours_of_work_are_refused_with_an_estimate() {
    // n × points = 10¹⁴ likelihood terms: hours.
    refused(
        &["--dist", "cauchy", "-n", "10000000", "--points", "10000000"],
        &["hours", "--points", "--no-limits"],
    );
    // 600 frames of 10000² pixels: hours, and ~1 byte a pixel a frame held.
    refused(
        &[
            "--animate",
            "n=10:1000",
            "--size",
            "10000x10000",
            "--frames",
            "600",
            "--out",
            "a.gif",
        ],
        &["--frames", "--size"],
    );
}

/// Runs `args` with `stdin` under a time limit, for inputs that once grew a buffer without
/// bound: the child is killed if it runs past the limit, and its peak memory is bounded by
/// what it reads in that time.
fn with_stdin(sandbox: &Sandbox, args: &[&str], stdin: &[u8]) -> std::process::Output {
    sandbox
        .cmd()
        .args(args)
        .write_stdin(stdin.to_vec())
        .timeout(QUICK)
        .output()
        .unwrap()
}

#[test]
fn an_endless_line_of_data_is_refused_at_its_line() {
    let sandbox = Sandbox::new();
    // /dev/zero: one line that never ends (it grew the line buffer to 4.2 GB).
    if std::path::Path::new("/dev/zero").exists() {
        let started = Instant::now();
        let out = sandbox.run(&["--data", "/dev/zero", "--out", "fig.svg"]);
        assert_one_line_error(&out, 1, &["/dev/zero:1:", "longer than 4096 bytes"]);
        assert!(started.elapsed() < Duration::from_secs(10));
        assert!(!sandbox.exists("fig.svg"));
    }
    // A 10 MB line after two good ones, on standard input: refused at line 3.
    let mut text = b"1\n0\n".to_vec();
    text.extend(std::iter::repeat_n(b'1', 10 << 20));
    text.extend(b"\n1\n");
    let out = with_stdin(&sandbox, &["--data", "-"], &text);
    assert_one_line_error(&out, 1, &["<stdin>:3:", "longer than 4096 bytes"]);
    // A bad line before it is still the one reported.
    let mut text = b"1\n7\n".to_vec();
    text.extend(std::iter::repeat_n(b' ', 10 << 20));
    let out = with_stdin(&sandbox, &["--data", "-"], &text);
    assert_one_line_error(&out, 1, &["<stdin>:2:", "7 is not a possible bernoulli"]);
    // A line of 5000 spaces in a file.
    sandbox.write("d.txt", format!("1\n0\n{}\n1\n", " ".repeat(5000)));
    let out = sandbox.run(&["--data", "d.txt"]);
    assert_one_line_error(&out, 1, &["d.txt:3:", "longer than 4096 bytes"]);
}

#[test]
fn a_byte_order_mark_starts_a_data_file_or_a_spec_file() {
    let sandbox = Sandbox::new();
    sandbox.write("d.txt", "\u{feff}1\n0\n1\n");
    sandbox.run_ok(&["--data", "d.txt", "--json", "s.json", "-q"]);
    assert_eq!(sandbox.json("s.json")["n"], 3);
    sandbox.write("fig.toml", "\u{feff}dist = \"poisson\"\nsamples = 20\n");
    sandbox.run_ok(&["--spec", "fig.toml", "--json", "p.json", "-q"]);
    assert_eq!(sandbox.json("p.json")["dist"], "poisson");
}

#[test]
fn spec_files_over_a_mebibyte_are_refused() {
    let sandbox = Sandbox::new();
    let mut text = "samples = 20\n".to_string();
    text.push_str(&"# padding\n".repeat(110_000));
    sandbox.write("big.toml", &text);
    let out = sandbox.run(&["--spec", "big.toml"]);
    assert_one_line_error(&out, 2, &["big.toml", "1 MiB"]);
    if std::path::Path::new("/dev/zero").exists() {
        let started = Instant::now();
        let out = sandbox.run(&["--spec", "/dev/zero"]);
        assert_one_line_error(&out, 2, &["/dev/zero", "1 MiB"]);
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn ranges_wider_than_a_double_are_refused() {
    // HI − LO overflows: plotters' tick search looped for ever on it (and the CSV got NaN).
    for dist in ["normal", "cauchy", "student-t", "laplace"] {
        refused(
            &["--dist", dist, "--range=-1e308:1e308"],
            &["--range", "wider than the largest double"],
        );
    }
}

#[test]
fn data_near_the_largest_double_do_not_hang_or_give_nan() {
    let sandbox = Sandbox::new();
    sandbox.write("u.txt", "1\n1.7e308\n");
    let out = sandbox
        .cmd()
        .args(["--dist", "uniform", "--data", "u.txt", "--csv", "u.csv"])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["u.txt", "--range"]);
    assert!(!sandbox.exists("u.csv"));
    // Synthetic data there too.
    let out = sandbox
        .cmd()
        .args(["--dist", "uniform", "--true", "1.79e308", "--csv", "v.csv"])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["--range"]);
    // With a range, the figure is drawn.
    sandbox.run_ok(&[
        "--dist",
        "uniform",
        "--data",
        "u.txt",
        "--range=1e308:1.75e308",
        "--csv",
        "w.csv",
        "-q",
    ]);
    assert!(!sandbox.read_string("w.csv").to_lowercase().contains("nan"));
}

#[test]
fn student_t_draws_need_a_workable_nu() {
    // ν = 1e-10: nearly every draw overflowed and was drawn again, for ever.
    refused(
        &["--dist", "student-t", "--nu", "1e-10"],
        &["--nu", "0.001"],
    );
    refused(
        &[
            "--dist",
            "student-t",
            "--sweep",
            "nu",
            "--animate",
            "true=1e-9:1",
            "--out",
            "a.gif",
        ],
        &["--animate", "0.001"],
    );
    // Observed data may have any ν.
    let sandbox = Sandbox::new();
    sandbox.write("d.txt", "1\n2\n3.5\n");
    sandbox.run_ok(&[
        "--dist",
        "student-t",
        "--nu",
        "1e-10",
        "--data",
        "d.txt",
        "-q",
    ]);
}

/// Every family's sampler at the extremes of what the config accepts: tiny and huge true
/// values and known parameters. Each run must finish within its time limit, with success
/// (and no NaN in its CSV) or a one-line error: never a hang, a panic or an abort.
#[test]
fn every_sampler_finishes_at_the_extremes_of_its_parameters() {
    const ONE: &str = "0.9999999999999999";
    let cases: &[&[&str]] = &[
        &["--dist", "bernoulli", "--true", "1e-300"],
        &["--dist", "bernoulli", "--true", ONE],
        &["--dist", "binomial", "--trials", "1", "--true", "1e-300"],
        &[
            "--dist",
            "binomial",
            "--trials",
            "9007199254740992",
            "--true",
            ONE,
        ],
        &[
            "--dist",
            "binomial",
            "--trials",
            "9007199254740992",
            "--true",
            "1e-300",
        ],
        &["--dist", "geometric", "--true", "1e-300"],
        &["--dist", "geometric", "--true", ONE],
        &["--dist", "poisson", "--true", "1e-300"],
        &["--dist", "poisson", "--true", "9.99e14"],
        &["--dist", "exponential", "--true", "1e-300"],
        &["--dist", "exponential", "--true", "1e300"],
        &["--dist", "normal", "--true", "1e300", "--sigma", "1e-300"],
        &["--dist", "normal", "--true=-1e300", "--sigma", "1e300"],
        &["--dist", "gamma", "--shape", "1e-300", "--true", "1e-300"],
        &["--dist", "gamma", "--shape", "1e300", "--true", "1e300"],
        &["--dist", "gamma", "--shape", "1e-300", "--true", "1e300"],
        &["--dist", "gamma", "--shape", "1e300", "--true", "1e-300"],
        &["--dist", "normal-sd", "--mu", "1e300", "--true", "1e-300"],
        &["--dist", "normal-sd", "--mu=-1e300", "--true", "1e300"],
        &[
            "--dist",
            "negative-binomial",
            "--r",
            "1e-300",
            "--true",
            "1e-300",
        ],
        &["--dist", "negative-binomial", "--r", "1e300", "--true", ONE],
        &[
            "--dist",
            "negative-binomial",
            "--r",
            "1e300",
            "--true",
            "1e-300",
        ],
        &[
            "--dist",
            "negative-binomial",
            "--r",
            "1e-300",
            "--true",
            ONE,
        ],
        &[
            "--dist",
            "lognormal",
            "--sigma",
            "1e-300",
            "--true",
            "1e300",
        ],
        &["--dist", "lognormal", "--sigma", "1e300", "--true=-1e300"],
        &["--dist", "beta", "--b", "1e-300", "--true", "1e-300"],
        &["--dist", "beta", "--b", "1e300", "--true", "1e300"],
        &["--dist", "beta", "--b", "1e-300", "--true", "1e300"],
        &["--dist", "beta", "--b", "1e300", "--true", "1e-300"],
        &["--dist", "cauchy", "--scale", "1e-300", "--true", "1e300"],
        &["--dist", "cauchy", "--scale", "1e300", "--true=-1e300"],
        &["--dist", "laplace", "--scale", "1e-300", "--true", "1e300"],
        &["--dist", "laplace", "--scale", "1e300", "--true=-1e300"],
        &["--dist", "student-t", "--nu", "0.001"],
        &["--dist", "student-t", "--nu", "1e-10"],
        &["--dist", "student-t", "--nu", "1e300", "--scale", "1e300"],
        &[
            "--dist",
            "student-t",
            "--nu",
            "1e300",
            "--scale",
            "1e-300",
            "--true",
            "1e300",
        ],
        &["--dist", "uniform", "--true", "1e-300"],
        &["--dist", "uniform", "--true", "1.7e308"],
        &["--dist", "weibull", "--true", "1e-300"],
        &["--dist", "weibull", "--true", "1e300"],
        &["--dist", "weibull", "--shape", "1e-300"],
        &["--dist", "weibull", "--shape", "1e300"],
    ];
    let bin = env!("CARGO_BIN_EXE_nllplot");
    let sandbox = Sandbox::new();
    // Two at a time: the machine has two cores.
    for (pair, chunk) in cases.chunks(2).enumerate() {
        let children: Vec<_> = chunk
            .iter()
            .enumerate()
            .map(|(i, args)| {
                let csv = format!("c{pair}-{i}.csv");
                let child = Std::new(bin)
                    .current_dir(sandbox.path())
                    .env_remove("RAYON_NUM_THREADS")
                    .args(*args)
                    .args([
                        "-n", "200", "--points", "50", "--out", "f.svg", "--csv", &csv,
                    ])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (args, csv, child, Instant::now())
            })
            .collect();
        for (args, csv, mut child, started) in children {
            loop {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                if started.elapsed() > QUICK {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("nllplot {args:?} did not finish within {QUICK:?}");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "nllplot {args:?}: {stderr}");
            match out.status.code() {
                Some(0) => {
                    let text = sandbox.read_string(&csv).to_lowercase();
                    assert!(!text.contains("nan"), "nllplot {args:?} wrote NaN");
                }
                Some(1 | 2) => {
                    assert_eq!(
                        non_empty_lines(&out.stderr).len(),
                        1,
                        "nllplot {args:?}: {stderr}"
                    );
                }
                other => panic!("nllplot {args:?} ended with {other:?}: {stderr}"),
            }
        }
    }
}

#[test]
fn a_sample_too_large_for_the_machine_is_one_error_not_an_abort() {
    // Past every limit on purpose: 7·10¹⁶ bytes of kept observations (n just below 2⁵³, the
    // largest -n) exceed any address space, so the sampler's one reservation fails, and says
    // so in a line.
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .args([
            "--dist",
            "cauchy",
            "-n",
            "9000000000000000",
            "--no-limits",
            "--memory-limit",
            "8000000T",
            "--out",
            "fig.svg",
        ])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["the sample", "cannot hold", "smaller -n"]);
    assert!(!sandbox.exists("fig.svg"));
}

#[test]
fn a_data_file_past_the_kept_cap_is_refused_while_read() {
    // 17 MiB leaves about 228 000 observations past the program's own 16 MB.
    let sandbox = Sandbox::new();
    sandbox.write("d.txt", "1\n".repeat(400_000));
    let args = ["--dist", "cauchy", "--data", "d.txt", "--out", "fig.svg"];
    let out = sandbox
        .cmd()
        .args(args)
        .args(["--memory-limit", "17M"])
        .timeout(QUICK)
        .output()
        .unwrap();
    assert_one_line_error(&out, 1, &["d.txt:", "observations", "--memory-limit"]);
    assert!(!sandbox.exists("fig.svg"));
    // Families with sufficient statistics read any number.
    sandbox.run_ok(&[
        "--dist",
        "normal",
        "--data",
        "d.txt",
        "--memory-limit",
        "17M",
        "-q",
    ]);
}
