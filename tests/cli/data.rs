//! Observed data: the reader's tolerance for messy files, standard input, and boundary data
//! that are legitimate (all-zero Bernoulli data).

use crate::common::{assert_close, num, Sandbox};

#[test]
fn a_messy_file_is_read() {
    let sb = Sandbox::new();
    // Comments (also indented), blank lines (also CRLF and white space only), surrounding
    // spaces and tabs, CRLF line ends, scientific notation, an explicit plus sign, a decimal
    // zero and a last line without a line end.
    let text = "# calls per hour\r\n\r\n  1e0  \r\n\t+2\t\n3.0E0\r\n   # indented comment\n \t \n 4 \n0.0\n5";
    sb.write("counts.txt", text);
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--data",
        "counts.txt",
        "--json",
        "s.json",
        "--out",
        "fig.svg",
    ]);
    let json = sb.json("s.json");
    // Observations 1, 2, 3, 4, 0, 5: n = 6, Σk = 15, λ̂ = 15 / 6 = 2.5.
    assert_eq!(json["n"], 6);
    assert_eq!(num(&json, "mle"), 2.5);
    // LL(λ̂) = Σk·ln λ̂ − n·λ̂ − Σ ln k! = 15 ln 2.5 − 15 − ln(1!·2!·3!·4!·0!·5!)
    //       = 15 ln 2.5 − 15 − ln 34560.
    let expected = 15.0 * 2.5f64.ln() - 15.0 - 34560f64.ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
    assert_eq!(json["source"], "data");
    assert_eq!(json["data"], "counts.txt");
}

#[test]
fn signed_and_scientific_reals_are_read() {
    let sb = Sandbox::new();
    sb.write("x.txt", "  -2.5e0\t\r\n+0.5E1\n-1.5E-1\n1.5e-1\n2\n");
    sb.run_ok(&["--dist", "normal", "--data", "x.txt", "--json", "s.json"]);
    let json = sb.json("s.json");
    // −2.5 + 5 − 0.15 + 0.15 + 2 = 4.5 over n = 5: μ̂ = 0.9.
    assert_eq!(json["n"], 5);
    assert_close(num(&json, "mle"), 0.9, 1e-15, "mle");
}

#[test]
fn data_from_stdin() {
    let sb = Sandbox::new();
    sb.cmd()
        .args(["--data", "-", "--json", "s.json", "--out", "fig.svg"])
        .write_stdin("1\n0\n1\n1\n")
        .assert()
        .success();
    let json = sb.json("s.json");
    // 3 successes in 4 trials: p̂ = 0.75.
    assert_eq!(json["n"], 4);
    assert_eq!(num(&json, "mle"), 0.75);
    assert_eq!(json["source"], "data");
    assert_eq!(json["data"], "-");
    assert!(sb.read_string("fig.svg").starts_with("<svg"));
}

#[test]
fn stdin_for_another_family() {
    let sb = Sandbox::new();
    sb.cmd()
        .args(["--dist", "geometric", "--data", "-", "--json", "s.json"])
        .write_stdin("1\n2\n3\n4\n5\n6\n")
        .assert()
        .success();
    // Geometric: p̂ = n / Σk = 6 / 21.
    let json = sb.json("s.json");
    assert_close(num(&json, "mle"), 6.0 / 21.0, 1e-15, "mle");
}

#[test]
fn all_zero_bernoulli_data_are_plotted() {
    let sb = Sandbox::new();
    sb.write("zeros.txt", "0\n0\n0\n0\n");
    sb.run_ok(&[
        "--data",
        "zeros.txt",
        "--out",
        "fig.svg",
        "--json",
        "s.json",
        "--csv",
        "s.csv",
    ]);
    assert!(sb.read_string("fig.svg").starts_with("<svg"));
    let json = sb.json("s.json");
    // p̂ = 0 / 4 = 0, on the boundary, where LL = 4 ln 1 = 0.
    assert_eq!(num(&json, "mle"), 0.0);
    assert_eq!(num(&json, "ll_max"), 0.0);
    // The default range starts at the estimate, so it is marked, and every point is finite.
    assert_eq!(json["range"][0].as_f64(), Some(0.0));
    let csv = sb.csv("s.csv");
    assert_eq!(csv.rows[0].theta, 0.0);
    assert_eq!(csv.rows[0].ll, 0.0);
    assert!(csv.rows.iter().all(|r| r.ll.is_finite() && r.ll <= 0.0));
}

#[test]
fn all_one_bernoulli_data_are_plotted() {
    let sb = Sandbox::new();
    sb.write("ones.txt", "1\n1\n1\n");
    sb.run_ok(&["--data", "ones.txt", "--out", "fig.svg", "--json", "s.json"]);
    let json = sb.json("s.json");
    assert_eq!(num(&json, "mle"), 1.0);
    assert_eq!(num(&json, "ll_max"), 0.0);
    assert_eq!(json["range"][1].as_f64(), Some(1.0));
}

#[test]
fn a_long_file_is_read_past_the_batch_size() {
    let sb = Sandbox::new();
    // 5000 lines of 1, 0, 0, 0: 1250 successes in 5000 trials, p̂ = 0.25 exactly.
    let text: String = (0..5000)
        .map(|i| if i % 4 == 0 { "1\n" } else { "0\n" })
        .collect();
    sb.write("long.txt", text);
    sb.run_ok(&["--data", "long.txt", "--json", "s.json", "--points", "10"]);
    let json = sb.json("s.json");
    assert_eq!(json["n"], 5000);
    assert_eq!(num(&json, "mle"), 0.25);
}

#[test]
fn an_error_on_the_last_of_many_lines_names_that_line() {
    let sb = Sandbox::new();
    let mut text: String = "1\n0\n".repeat(1500);
    text.push_str("7\n");
    sb.write("d.txt", text);
    let out = sb.run(&["--data", "d.txt", "--json", "s.json"]);
    crate::common::assert_one_line_error(&out, 1, &["d.txt:3001"]);
    assert!(!sb.exists("s.json"));
}

/// Two normal observations ±1e200 are finite numbers, but their squares overflow. Their mean is
/// exactly 0 and LL(0) = −ln 2π − (1e400)/2, which no double can hold: the run must either
/// refuse the data or report an LL that is at most −1e300 (or −∞, null in JSON). A finite
/// ll_max near −ln 2π (what a sample with no spread at all would give) is a wrong answer.
#[test]
fn normal_data_whose_squares_overflow_do_not_give_a_wrong_likelihood() {
    let sb = Sandbox::new();
    sb.write("x.txt", "1e200\n-1e200\n");
    let out = sb.run(&["--dist", "normal", "--data", "x.txt", "--json", "s.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    if !out.status.success() {
        crate::common::assert_one_line_error(&out, 1, &["x.txt"]);
        return;
    }
    let json = sb.json("s.json");
    match json["ll_max"].as_f64() {
        None => {} // −∞ serialised as null
        Some(ll) => assert!(
            ll <= -1e300,
            "ll_max = {ll} for two observations ±1e200 away from μ̂ = {}",
            json["mle"]
        ),
    }
}
