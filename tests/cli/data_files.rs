//! Real data files for the built-in families: a comment after the number, a CSV or TSV with
//! a header read by `--column`, and numbers written with a decimal comma.

use crate::common::{assert_close, assert_one_line_error, num, Sandbox};

/// Runs nllplot in `sb` expecting a one-line error mentioning `needles`, and checks that
/// nothing in the folder was written or changed.
fn refused(sb: &Sandbox, args: &[&str], needles: &[&str]) {
    let before = sb.snapshot();
    let out = sb.run(args);
    assert_one_line_error(&out, 1, needles);
    assert!(
        sb.snapshot() == before,
        "a refused run wrote or changed a file"
    );
}

#[test]
fn a_comment_may_follow_the_number() {
    let sb = Sandbox::new();
    sb.write(
        "c.txt",
        "3   # first trial\n5\t# second\n# a whole line\n4#third\r\n0 #\n",
    );
    sb.run_ok(&["--dist", "poisson", "--data", "c.txt", "--json", "s.json"]);
    let json = sb.json("s.json");
    // Counts 3, 5, 4, 0: λ̂ = 12 / 4 = 3.
    assert_eq!(json["n"], 4);
    assert_eq!(num(&json, "mle"), 3.0);
}

#[test]
fn a_headed_csv_is_read_by_column() {
    let sb = Sandbox::new();
    sb.write(
        "trials.csv",
        "# site survey\nid,count,weight\n1,3,0.5\n2,5,0.25  # late\n\n3,\"10\",1\n4,2,0\n",
    );
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--data",
        "trials.csv",
        "--column",
        "count",
        "--json",
        "s.json",
    ]);
    let json = sb.json("s.json");
    // Counts 3, 5, 10, 2: λ̂ = 20 / 4 = 5; LL(λ̂) = 20 ln 5 − 20 − ln(3!·5!·10!·2!).
    assert_eq!(json["n"], 4);
    assert_eq!(num(&json, "mle"), 5.0);
    let expected = 20.0 * 5f64.ln() - 20.0 - (6.0f64 * 120.0 * 3_628_800.0 * 2.0).ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
}

#[test]
fn a_headed_tsv_is_read_by_column() {
    let sb = Sandbox::new();
    sb.write("w.tsv", "site\twait\nA\t0.5\nB\t1.5\nC\t4\n");
    sb.run_ok(&[
        "--dist",
        "exponential",
        "--data",
        "w.tsv",
        "--column",
        "wait",
        "--json",
        "s.json",
    ]);
    let json = sb.json("s.json");
    // Waits 0.5, 1.5, 4: rate λ̂ = n / Σx = 3 / 6 = 0.5.
    assert_eq!(json["n"], 3);
    assert_close(num(&json, "mle"), 0.5, 1e-15, "mle");
}

#[test]
fn a_header_over_one_column_needs_no_column_option() {
    let sb = Sandbox::new();
    sb.write("k.csv", "\u{feff}count\n1\n2\n6\n");
    sb.run_ok(&["--dist", "poisson", "--data", "k.csv", "--json", "s.json"]);
    // λ̂ = 9 / 3 = 3.
    assert_eq!(num(&sb.json("s.json"), "mle"), 3.0);
    sb.cmd()
        .args(["--dist", "poisson", "--data", "-", "--json", "t.json"])
        .write_stdin("count\n1\n2\n6\n")
        .assert()
        .success();
    assert_eq!(num(&sb.json("t.json"), "mle"), 3.0);
}

#[test]
fn several_columns_without_column_option_are_refused() {
    let sb = Sandbox::new();
    sb.write("h.csv", "id,count\n1,3\n");
    refused(
        &sb,
        &["--dist", "poisson", "--data", "h.csv", "--out", "fig.svg"],
        &["h.csv:1", "id, count", "--column"],
    );
}

#[test]
fn a_missing_column_is_refused_with_the_columns() {
    let sb = Sandbox::new();
    sb.write("h.csv", "id,count\n1,3\n");
    refused(
        &sb,
        &[
            "--dist", "poisson", "--data", "h.csv", "--column", "cuont", "--out", "fig.svg",
        ],
        &["h.csv:1", "'cuont'", "id, count", "did you mean 'count'"],
    );
    sb.write("plain.txt", "1\n2\n");
    refused(
        &sb,
        &[
            "--dist",
            "poisson",
            "--data",
            "plain.txt",
            "--column",
            "count",
            "--out",
            "fig.svg",
        ],
        &["plain.txt:1", "--column count", "header"],
    );
}

#[test]
fn a_bad_cell_names_its_line_and_column() {
    let sb = Sandbox::new();
    sb.write("h.csv", "id,count\n1,3\n2,-1\n");
    refused(
        &sb,
        &[
            "--dist", "poisson", "--data", "h.csv", "--column", "count", "--out", "fig.svg",
        ],
        &["h.csv:3", "column 2 (count)", "-1"],
    );
}

#[test]
fn a_decimal_comma_is_refused_with_a_hint() {
    let sb = Sandbox::new();
    sb.write("x.txt", "1.5\n3,5\n");
    refused(
        &sb,
        &["--dist", "normal", "--data", "x.txt", "--out", "fig.svg"],
        &["x.txt:2", "'3,5'", "--decimal-comma"],
    );
    sb.write("q.csv", "id,x\n1,\"3,5\"\n");
    refused(
        &sb,
        &[
            "--dist", "normal", "--data", "q.csv", "--column", "x", "--out", "fig.svg",
        ],
        &["q.csv:2", "column 2 (x)", "--decimal-comma"],
    );
}

#[test]
fn a_decimal_comma_is_read_when_asked_for() {
    let sb = Sandbox::new();
    sb.write("x.txt", "1,5\n3,5 # second\n4\n");
    sb.run_ok(&[
        "--dist",
        "normal",
        "--data",
        "x.txt",
        "--decimal-comma",
        "--json",
        "s.json",
    ]);
    // (1.5 + 3.5 + 4) / 3 = 3.
    assert_close(num(&sb.json("s.json"), "mle"), 3.0, 1e-15, "mle");
    sb.write("x.csv", "id;x\n1;\"1,5\"\n2;3,5\n3;4\n");
    sb.run_ok(&[
        "--dist",
        "normal",
        "--data",
        "x.csv",
        "--column",
        "x",
        "--decimal-comma",
        "--json",
        "t.json",
    ]);
    assert_close(num(&sb.json("t.json"), "mle"), 3.0, 1e-15, "mle");
}
