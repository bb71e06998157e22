//! Bad input: one line on stderr that names the problem, exit status 2 for a usage error and 1
//! for bad data or an unwritable output, no panic, and nothing written.
//!
//! Every case runs in a folder that already holds a `fig.svg` with known contents and asks for
//! every kind of output (`--out fig.svg --csv s.csv --json s.json`); afterwards the folder must
//! be exactly as before: `fig.svg` unchanged, no new file, no temporary file, no `output/`.

use crate::common::{assert_one_line_error, Sandbox, ALL_OUTPUTS, KNOWN_FIGURE};

const USAGE: i32 = 2;
const FAILURE: i32 = 1;

/// Runs `args` (taken as they are) in a sandbox holding `fig.svg` and `files`, with `stdin`,
/// and checks the error and that the sandbox did not change.
fn rejected_with_stdin(
    args: &[&str],
    files: &[(&str, &[u8])],
    stdin: Option<&[u8]>,
    code: i32,
    needles: &[&str],
) {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    for (name, contents) in files {
        sb.write(name, contents);
    }
    let before = sb.snapshot();
    let mut cmd = sb.cmd();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().expect("run nllplot");
    assert_one_line_error(&out, code, needles);
    assert_eq!(
        sb.read_string("fig.svg"),
        KNOWN_FIGURE,
        "nllplot {args:?} changed the existing fig.svg"
    );
    let after = sb.snapshot();
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "nllplot {args:?} failed but added or removed files"
    );
    assert!(
        after == before,
        "nllplot {args:?} failed but changed a file"
    );
}

/// `args` plus every output option.
fn rejected(args: &[&str], files: &[(&str, &[u8])], code: i32, needles: &[&str]) {
    let all: Vec<&str> = args.iter().copied().chain(ALL_OUTPUTS).collect();
    rejected_with_stdin(&all, files, None, code, needles);
}

/// A usage error: `args` plus every output, no extra file.
fn usage(args: &[&str], needles: &[&str]) {
    rejected(args, &[], USAGE, needles);
}

/// A data error: `d.txt` holds `text`, read as `dist`; the message names `d.txt:<line>`.
fn bad_data(dist: &str, text: &str, line: u32, needles: &[&str]) {
    let at = format!("d.txt:{line}");
    let all: Vec<&str> = [at.as_str()]
        .into_iter()
        .chain(needles.iter().copied())
        .collect();
    rejected(
        &["--dist", dist, "--data", "d.txt"],
        &[("d.txt", text.as_bytes())],
        FAILURE,
        &all,
    );
}

// ---- Usage errors: exit 2 -------------------------------------------------------------------

#[test]
fn unknown_family() {
    usage(&["--dist", "gaussian"], &["gaussian", "--dist"]);
}

#[test]
fn unknown_option() {
    usage(&["--colour", "red"], &["--colour"]);
}

#[test]
fn reversed_range() {
    usage(&["--range=0.9:0.1"], &["--range", "reversed"]);
}

#[test]
fn empty_range() {
    usage(&["--range=0.5:0.5"], &["--range"]);
}

#[test]
fn range_that_is_not_lo_colon_hi() {
    usage(&["--range=0.1-0.9"], &["range", "0.1-0.9"]);
}

#[test]
fn range_with_an_infinite_bound() {
    usage(
        &["--dist", "poisson", "--range=1:inf"],
        &["--range", "finite"],
    );
}

#[test]
fn bernoulli_range_below_zero() {
    usage(&["--range=-0.1:0.5"], &["--range", "-0.1"]);
}

#[test]
fn bernoulli_range_above_one() {
    usage(&["--range=0.5:1.1"], &["--range", "1.1"]);
}

#[test]
fn poisson_range_below_zero() {
    usage(&["--dist", "poisson", "--range=-1:3"], &["--range", "-1"]);
}

#[test]
fn one_grid_point() {
    usage(&["--points", "1"], &["--points"]);
}

#[test]
fn zero_grid_points() {
    usage(&["--points", "0"], &["--points"]);
}

#[test]
fn zero_samples() {
    usage(&["-n", "0"], &["samples"]);
}

#[test]
fn negative_samples() {
    usage(&["-n", "-5"], &["samples", "-5"]);
}

#[test]
fn bernoulli_true_above_one() {
    usage(&["--true", "1.5"], &["--true", "1.5"]);
}

#[test]
fn poisson_negative_true() {
    usage(&["--dist", "poisson", "--true", "-2"], &["--true", "-2"]);
}

#[test]
fn normal_zero_sigma() {
    usage(&["--dist", "normal", "--sigma", "0"], &["--sigma", "0"]);
}

#[test]
fn normal_negative_sigma_in_equals_form() {
    usage(&["--dist", "normal", "--sigma=-1"], &["--sigma", "-1"]);
}

/// `--sigma -1` is typed the same way as `--true -2` and `-n -5`, which are parsed and then
/// rejected by name; the message must name `--sigma` too.
#[test]
fn normal_negative_sigma() {
    usage(&["--dist", "normal", "--sigma", "-1"], &["--sigma", "-1"]);
}

#[test]
fn binomial_zero_trials() {
    usage(&["--dist", "binomial", "--trials", "0"], &["--trials"]);
}

#[test]
fn figure_too_narrow() {
    usage(&["--width", "50"], &["--width"]);
}

#[test]
fn unknown_output_extension() {
    usage(&["--out", "fig.jpg"], &["fig.jpg", ".svg"]);
}

#[test]
fn output_without_extension() {
    usage(&["--out", "figure"], &["figure"]);
}

#[test]
fn the_same_output_twice() {
    rejected_with_stdin(
        &["--out", "fig.svg", "--csv", "s.csv", "--json", "./s.csv"],
        &[],
        None,
        USAGE,
        &["s.csv"],
    );
}

#[test]
fn output_equal_to_the_data_file() {
    let args = [
        "--data", "d.txt", "--out", "fig.svg", "--json", "s.json", "--csv", "d.txt",
    ];
    rejected_with_stdin(&args, &[("d.txt", b"1\n0\n")], None, USAGE, &["d.txt"]);
}

#[test]
fn output_equal_to_the_data_file_through_dot_slash() {
    let args = [
        "--data", "d.txt", "--out", "fig.svg", "--json", "s.json", "--csv", "./d.txt",
    ];
    rejected_with_stdin(&args, &[("d.txt", b"1\n0\n")], None, USAGE, &["d.txt"]);
}

#[test]
fn figure_equal_to_the_data_file_in_a_subfolder() {
    // The data file happens to be named like a figure.
    let args = ["--data", "sub/d.svg", "--out", "./sub/../sub/d.svg"];
    rejected_with_stdin(&args, &[("sub/d.svg", b"1\n0\n")], None, USAGE, &["d.svg"]);
}

#[test]
fn seed_with_data() {
    rejected(
        &["--data", "d.txt", "--seed", "7"],
        &[("d.txt", b"1\n0\n")],
        USAGE,
        &["--seed", "--data"],
    );
}

#[test]
fn true_theta_with_data() {
    rejected(
        &["--data", "d.txt", "--true", "0.5"],
        &[("d.txt", b"1\n0\n")],
        USAGE,
        &["--true", "--data"],
    );
}

#[test]
fn samples_with_data() {
    rejected(
        &["--data", "d.txt", "-n", "10"],
        &[("d.txt", b"1\n0\n")],
        USAGE,
        &["--samples", "--data"],
    );
}

// ---- Data errors: exit 1, the file and line named -------------------------------------------

#[test]
fn missing_data_file() {
    rejected(&["--data", "missing.txt"], &[], FAILURE, &["missing.txt"]);
}

#[test]
fn data_path_is_a_folder() {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    sb.mkdir("dd");
    let before = sb.snapshot();
    let args: Vec<&str> = ["--data", "dd"].into_iter().chain(ALL_OUTPUTS).collect();
    let out = sb.run(&args);
    assert_one_line_error(&out, FAILURE, &["dd"]);
    assert!(sb.snapshot() == before, "a failing run changed the folder");
}

#[test]
fn non_number_names_file_and_line() {
    rejected(
        &["--data", "counts.txt"],
        &[("counts.txt", b"1\n0\nabc\n1\n")],
        FAILURE,
        &["counts.txt:3", "abc", "number"],
    );
}

#[test]
fn line_numbers_count_comments_and_blank_lines() {
    bad_data(
        "poisson",
        "# header\n\n3\r\n\n  # note\nfour\n",
        6,
        &["four"],
    );
}

#[test]
fn bernoulli_two() {
    bad_data("bernoulli", "0\n1\n2\n", 3, &["2", "bernoulli"]);
}

#[test]
fn bernoulli_one_half() {
    bad_data("bernoulli", "0\n1\n0.5\n", 3, &["0.5"]);
}

#[test]
fn poisson_negative_count() {
    bad_data("poisson", "0\n1\n-1\n", 3, &["-1", "poisson"]);
}

#[test]
fn poisson_fractional_count() {
    bad_data("poisson", "0\n1\n2.5\n", 3, &["2.5", "whole"]);
}

#[test]
fn geometric_zero() {
    bad_data("geometric", "1\n2\n0\n", 3, &["0", "geometric"]);
}

#[test]
fn binomial_above_the_default_trials() {
    bad_data("binomial", "3\n10\n11\n", 3, &["11", "10"]);
}

#[test]
fn binomial_above_given_trials() {
    rejected(
        &["--dist", "binomial", "--trials", "5", "--data", "d.txt"],
        &[("d.txt", b"5\n6\n")],
        FAILURE,
        &["d.txt:2", "6"],
    );
}

#[test]
fn exponential_negative_time() {
    bad_data("exponential", "1\n2\n-0.1\n", 3, &["-0.1", "exponential"]);
}

#[test]
fn nan() {
    bad_data("normal", "1\n2\nNaN\n", 3, &["NaN"]);
}

#[test]
fn infinity() {
    bad_data("normal", "1\n2\ninf\n", 3, &["inf"]);
}

#[test]
fn negative_infinity() {
    bad_data("normal", "1\n2\n-inf\n", 3, &["-inf"]);
}

#[test]
fn overflowing_number() {
    bad_data("normal", "1\n2\n1e999\n", 3, &["1e999"]);
}

#[test]
fn invalid_utf8() {
    rejected(
        &["--data", "d.txt"],
        &[("d.txt", b"1\n\xff\xfe\n0\n")],
        FAILURE,
        &["d.txt:2", "UTF-8"],
    );
}

#[test]
fn empty_file() {
    rejected(
        &["--data", "d.txt"],
        &[("d.txt", b"")],
        FAILURE,
        &["d.txt", "observations"],
    );
}

#[test]
fn comment_only_file() {
    rejected(
        &["--data", "d.txt"],
        &[("d.txt", b"# nothing yet\n\n   \n# still nothing\r\n")],
        FAILURE,
        &["d.txt", "observations"],
    );
}

#[test]
fn bad_stdin_names_stdin_and_the_line() {
    let args: Vec<&str> = ["--data", "-"].into_iter().chain(ALL_OUTPUTS).collect();
    rejected_with_stdin(&args, &[], Some(b"1\nx\n"), FAILURE, &["stdin", ":2"]);
}

#[test]
fn empty_stdin() {
    let args: Vec<&str> = ["--data", "-"].into_iter().chain(ALL_OUTPUTS).collect();
    rejected_with_stdin(&args, &[], Some(b""), FAILURE, &["stdin"]);
}

#[test]
fn all_zero_exponential_data_has_no_finite_mle() {
    rejected(
        &["--dist", "exponential", "--data", "d.txt"],
        &[("d.txt", b"0\n0\n")],
        FAILURE,
        &["d.txt"],
    );
}

/// Without `--out`, a failing run must not create the default `output/` folder either.
#[test]
fn bad_data_without_outputs_creates_no_output_folder() {
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n7\n");
    let out = sb.run(&["--data", "d.txt"]);
    assert_one_line_error(&out, FAILURE, &["d.txt:2"]);
    assert_eq!(sb.listing(), ["d.txt"]);
}

// ---- Unwritable outputs: exit 1, nothing replaced, nothing left behind ----------------------

#[test]
fn output_blocked_by_a_folder() {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    sb.mkdir("blocked");
    let before = sb.snapshot();
    let out = sb.run(&["--out", "fig.svg", "--csv", "s.csv", "--json", "blocked"]);
    assert_one_line_error(&out, FAILURE, &["blocked"]);
    assert_eq!(sb.read_string("fig.svg"), KNOWN_FIGURE);
    assert_eq!(
        sb.listing(),
        ["blocked", "fig.svg"],
        "temporary files left behind"
    );
    assert!(sb.snapshot() == before);
}

#[test]
fn output_folder_blocked_by_a_file() {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    sb.write("notadir", "x");
    let before = sb.snapshot();
    let out = sb.run(&[
        "--out",
        "fig.svg",
        "--csv",
        "notadir/s.csv",
        "--json",
        "s.json",
    ]);
    assert_one_line_error(&out, FAILURE, &["notadir/s.csv"]);
    assert_eq!(sb.read_string("fig.svg"), KNOWN_FIGURE);
    assert!(sb.snapshot() == before, "got {:?}", sb.listing());
}

/// A run that fails while writing must leave no trace: not even the folders it created for
/// outputs that were never put in place.
#[test]
fn failed_write_leaves_no_new_folder_behind() {
    let sb = Sandbox::new();
    sb.mkdir("blocked");
    let out = sb.run(&["--out", "new/deep/fig.svg", "--json", "blocked"]);
    assert_one_line_error(&out, FAILURE, &["blocked"]);
    assert_eq!(
        sb.listing(),
        ["blocked"],
        "the failing run left folders behind"
    );
}

/// The same with the default figure: a failing run must not leave an empty `output/`.
#[test]
fn failed_write_leaves_no_default_output_folder() {
    let sb = Sandbox::new();
    sb.mkdir("blocked");
    let out = sb.run(&["--json", "blocked"]);
    assert_one_line_error(&out, FAILURE, &["blocked"]);
    assert_eq!(
        sb.listing(),
        ["blocked"],
        "the failing run left output/ behind"
    );
}
