//! The CSV sweep and the JSON summary: their shape, their grid, and their numbers against
//! values worked by hand.

use crate::common::{assert_close, num, Sandbox};

/// The default sample (100 Bernoulli draws, true p = 0.3, seed 42) holds 30 successes (counted
/// independently with tools/xoshiro_reference.py's generator), so LL(p) = 30 ln p + 70 ln(1 − p).
fn default_sample_ll(p: f64) -> f64 {
    30.0 * p.ln() + 70.0 * (1.0 - p).ln()
}

#[test]
fn csv_has_the_header_and_one_row_per_point_with_exact_ends() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--range=0.2:0.6",
        "--points",
        "5",
        "--csv",
        "s.csv",
        "--out",
        "f.svg",
    ]);
    let text = sb.read_string("s.csv");
    assert!(
        text.starts_with("theta,ll,nll\n"),
        "header: {:?}",
        text.lines().next()
    );
    let csv = sb.csv("s.csv");
    assert_eq!(csv.header, "theta,ll,nll");
    assert_eq!(csv.rows.len(), 5, "exactly --points data rows");
    let thetas = csv.thetas();
    assert_eq!(thetas[0], 0.2, "the first θ is LO exactly");
    assert_eq!(thetas[4], 0.6, "the last θ is HI exactly");
    for (got, want) in thetas.iter().zip([0.2, 0.3, 0.4, 0.5, 0.6]) {
        assert!((got - want).abs() <= 1e-15, "θ {got} should be {want}");
    }
    for row in &csv.rows {
        assert_eq!(row.nll, -row.ll, "nll must be −ll at θ = {}", row.theta);
        assert_close(row.ll, default_sample_ll(row.theta), 1e-12, "LL(θ)");
    }
    // At p = ½: LL = 100 ln ½.
    assert_close(csv.rows[3].ll, 100.0 * 0.5f64.ln(), 1e-12, "LL(0.5)");
}

#[test]
fn csv_has_points_rows_by_default_and_matches_the_json_range() {
    let sb = Sandbox::new();
    sb.run_ok(&["--csv", "s.csv", "--json", "s.json", "--out", "f.svg"]);
    let csv = sb.csv("s.csv");
    let json = sb.json("s.json");
    assert_eq!(csv.rows.len(), 1000);
    assert_eq!(json["points"], 1000);
    let range = &json["range"];
    assert_eq!(csv.rows[0].theta, range[0].as_f64().unwrap());
    assert_eq!(csv.rows[999].theta, range[1].as_f64().unwrap());
    // Strictly increasing, every value finite (the default range stays inside (0, 1)).
    assert!(csv.rows.windows(2).all(|w| w[0].theta < w[1].theta));
    assert!(csv.rows.iter().all(|r| r.ll.is_finite() && r.nll == -r.ll));
    // The closed-form MLE is at least as likely as every grid point.
    let ll_max = num(&json, "ll_max");
    assert!(csv.rows.iter().all(|r| r.ll <= ll_max));
}

#[test]
fn csv_at_the_support_boundary_writes_infinities() {
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n1\n0\n0\n0\n");
    sb.run_ok(&[
        "--data",
        "d.txt",
        "--range=0:1",
        "--points",
        "5",
        "--csv",
        "s.csv",
        "--out",
        "f.svg",
    ]);
    let text = sb.read_string("s.csv");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6);
    for line in [lines[1], lines[5]] {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[1..], ["-inf", "inf"], "row {line}");
    }
    let csv = sb.csv("s.csv");
    assert_eq!(csv.rows[0].theta, 0.0);
    assert_eq!(csv.rows[4].theta, 1.0);
    assert_eq!(csv.rows[0].ll, f64::NEG_INFINITY);
    assert_eq!(csv.rows[4].nll, f64::INFINITY);
    // Inside: LL(p) = 2 ln p + 3 ln(1 − p), finite.
    for row in &csv.rows[1..4] {
        let want = 2.0 * row.theta.ln() + 3.0 * (1.0 - row.theta).ln();
        assert_close(row.ll, want, 1e-12, "LL inside the boundary");
    }
}

#[test]
fn json_of_a_sample_run_has_every_key() {
    let sb = Sandbox::new();
    sb.run_ok(&["--json", "s.json", "--out", "f.svg"]);
    let json = sb.json("s.json");
    for key in [
        "dist",
        "n",
        "source",
        "seed",
        "theta_true",
        "mle",
        "ll_max",
        "range",
        "points",
    ] {
        assert!(json.get(key).is_some(), "the summary lacks '{key}': {json}");
    }
    assert_eq!(json["dist"], "bernoulli");
    assert_eq!(json["n"], 100);
    assert_eq!(json["source"], "sample");
    assert_eq!(json["seed"], 42);
    assert_eq!(num(&json, "theta_true"), 0.3);
    // 28 successes in 100 draws.
    assert_eq!(num(&json, "mle"), 0.3);
    assert_close(
        num(&json, "ll_max"),
        default_sample_ll(0.3),
        1e-12,
        "ll_max",
    );
    assert_eq!(num(&json, "nll_min"), -num(&json, "ll_max"));
    let range = json["range"].as_array().expect("range is an array");
    assert_eq!(range.len(), 2);
    let (lo, hi) = (range[0].as_f64().unwrap(), range[1].as_f64().unwrap());
    assert!(
        0.0 < lo && lo < 0.3 && 0.3 < hi && hi < 1.0,
        "range {lo}..{hi}"
    );
    assert_eq!(json["points"], 1000);
}

#[test]
fn json_of_a_bernoulli_data_run_matches_the_hand_worked_value() {
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n1\n0\n0\n0\n");
    sb.run_ok(&["--data", "d.txt", "--json", "s.json", "--out", "f.svg"]);
    let json = sb.json("s.json");
    assert_eq!(json["dist"], "bernoulli");
    assert_eq!(json["n"], 5);
    assert_eq!(json["source"], "data");
    assert!(json["seed"].is_null(), "seed must be null for data");
    assert!(
        json["theta_true"].is_null(),
        "theta_true must be null for data"
    );
    // 2 successes in 5: p̂ = 0.4, LL(p̂) = 2 ln 0.4 + 3 ln 0.6.
    assert_eq!(num(&json, "mle"), 0.4);
    let expected = 2.0 * 0.4f64.ln() + 3.0 * 0.6f64.ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
    assert_close(num(&json, "nll_min"), -expected, 1e-12, "nll_min");
    assert_eq!(json["points"], 1000);
}

#[test]
fn json_of_a_poisson_data_run_matches_the_hand_worked_value() {
    let sb = Sandbox::new();
    sb.write("d.txt", "2\n3\n4\n");
    sb.run_ok(&["--dist", "poisson", "--data", "d.txt", "--json", "s.json"]);
    let json = sb.json("s.json");
    // λ̂ = 9 / 3 = 3; LL(3) = 9 ln 3 − 3·3 − ln(2!·3!·4!) = 9 ln 3 − 9 − ln 288.
    assert_eq!(num(&json, "mle"), 3.0);
    let expected = 9.0 * 3f64.ln() - 9.0 - 288f64.ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
    assert_eq!(json["n"], 3);
    assert_eq!(json["dist"], "poisson");
}

#[test]
fn json_records_an_explicit_range_and_points() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--range=0.1:0.9",
        "--points",
        "7",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    let json = sb.json("s.json");
    assert_eq!(json["range"][0].as_f64(), Some(0.1));
    assert_eq!(json["range"][1].as_f64(), Some(0.9));
    assert_eq!(json["points"], 7);
}

#[test]
fn only_the_asked_exports_are_written() {
    let sb = Sandbox::new();
    sb.run_ok(&["--csv", "s.csv", "--json", "sub/s.json", "--out", "f.png"]);
    assert_eq!(sb.listing(), ["f.png", "s.csv", "sub", "sub/s.json"]);
}
