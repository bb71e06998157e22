//! Each of the six families: the default run, known parameters, a data run against an MLE and
//! LL(θ̂) worked by hand, and negative bounds for the normal mean.

use crate::common::{assert_close, num, Sandbox};
use std::f64::consts::PI;

/// Every family with its default true θ.
const FAMILIES: [(&str, f64); 6] = [
    ("bernoulli", 0.3),
    ("binomial", 0.3),
    ("geometric", 0.25),
    ("poisson", 4.0),
    ("exponential", 1.5),
    ("normal", 1.0),
];

#[test]
fn every_family_runs_with_its_defaults() {
    for (name, theta_true) in FAMILIES {
        let sb = Sandbox::new();
        sb.run_ok(&["--dist", name, "--json", "s.json"]);
        let figure = format!("output/{name}.svg");
        assert!(
            sb.read_string(&figure).starts_with("<svg"),
            "{name}: {figure} is not an SVG"
        );
        let json = sb.json("s.json");
        assert_eq!(json["dist"], name);
        assert_eq!(json["n"], 100, "{name}");
        assert_eq!(json["source"], "sample", "{name}");
        assert_eq!(num(&json, "theta_true"), theta_true, "{name}");
        let mle = num(&json, "mle");
        let (lo, hi) = (
            json["range"][0].as_f64().unwrap(),
            json["range"][1].as_f64().unwrap(),
        );
        assert!(mle.is_finite(), "{name}: θ̂ = {mle}");
        assert!(lo < hi, "{name}: range {lo}..{hi}");
        assert!(
            lo <= mle && mle <= hi,
            "{name}: θ̂ = {mle} outside {lo}..{hi}"
        );
        assert!(num(&json, "ll_max").is_finite(), "{name}");
    }
}

#[test]
fn every_family_accepts_a_true_theta_and_writes_a_png() {
    for (name, theta) in [
        ("bernoulli", "0.7"),
        ("binomial", "0.35"),
        ("geometric", "0.2"),
        ("poisson", "2.5"),
        ("exponential", "0.5"),
        ("normal", "-1.5"),
    ] {
        let sb = Sandbox::new();
        let set_true = format!("--true={theta}");
        sb.run_ok(&[
            "--dist", name, "-n", "30", &set_true, "--seed", "3", "--json", "s.json", "--out",
            "f.png",
        ]);
        let json = sb.json("s.json");
        assert_eq!(
            num(&json, "theta_true"),
            theta.parse::<f64>().unwrap(),
            "{name}"
        );
        assert_eq!(json["seed"], 3, "{name}");
        assert_eq!(json["n"], 30, "{name}");
        assert_eq!(crate::common::png_size(&sb.read("f.png")), (1200, 500));
    }
}

#[test]
fn binomial_records_its_trials() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "binomial", "--trials", "20", "--json", "s.json"]);
    let json = sb.json("s.json");
    assert_eq!(json["known"]["trials"].as_f64(), Some(20.0), "{json}");
}

#[test]
fn normal_records_its_sigma() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "normal", "--sigma", "2.5", "--json", "s.json"]);
    let json = sb.json("s.json");
    assert_eq!(json["known"]["sigma"].as_f64(), Some(2.5), "{json}");
}

/// Runs `dist` on `data` (one value per line) with `extra` options; returns the summary.
fn data_run(dist: &str, data: &str, extra: &[&str]) -> serde_json::Value {
    let sb = Sandbox::new();
    sb.write("d.txt", data);
    let mut args = vec!["--dist", dist, "--data", "d.txt", "--json", "s.json"];
    args.extend_from_slice(extra);
    sb.run_ok(&args);
    sb.json("s.json")
}

#[test]
fn bernoulli_data_run() {
    let json = data_run("bernoulli", "1\n0\n0\n1\n", &[]);
    // p̂ = 2/4; LL = 4 ln ½.
    assert_eq!(num(&json, "mle"), 0.5);
    assert_close(num(&json, "ll_max"), 4.0 * 0.5f64.ln(), 1e-12, "ll_max");
}

#[test]
fn binomial_data_run() {
    let json = data_run("binomial", "3\n7\n", &["--trials", "10"]);
    // p̂ = Σk / (n·M) = 10 / 20 = 0.5;
    // LL = ln C(10,3) + ln C(10,7) + 10 ln ½ + 10 ln ½ = 2 ln 120 + 20 ln ½.
    assert_eq!(num(&json, "mle"), 0.5);
    let expected = 2.0 * 120f64.ln() + 20.0 * 0.5f64.ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
    assert_eq!(json["known"]["trials"].as_f64(), Some(10.0));
}

#[test]
fn geometric_data_run() {
    let json = data_run("geometric", "1\n3\n", &[]);
    // f(k) = (1 − p)^(k−1)·p: p̂ = n / Σk = 2 / 4 = 0.5;
    // LL = n ln p + (Σk − n) ln(1 − p) = 2 ln ½ + 2 ln ½ = 4 ln ½.
    assert_eq!(num(&json, "mle"), 0.5);
    assert_close(num(&json, "ll_max"), 4.0 * 0.5f64.ln(), 1e-12, "ll_max");
}

#[test]
fn poisson_data_run() {
    let json = data_run("poisson", "2\n3\n4\n", &[]);
    // λ̂ = 3; LL = 9 ln 3 − 9 − ln 288 (288 = 2!·3!·4!).
    assert_eq!(num(&json, "mle"), 3.0);
    let expected = 9.0 * 3f64.ln() - 9.0 - 288f64.ln();
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
}

#[test]
fn exponential_data_run() {
    let json = data_run("exponential", "0.5\n1.5\n", &[]);
    // λ̂ = n / Σx = 2 / 2 = 1; LL = n ln λ − λ Σx = 0 − 2.
    assert_eq!(num(&json, "mle"), 1.0);
    assert_close(num(&json, "ll_max"), -2.0, 1e-12, "ll_max");
}

#[test]
fn normal_data_run() {
    let json = data_run("normal", "1\n2\n6\n", &[]);
    // μ̂ = 9 / 3 = 3; with σ = 1, LL = −(3/2) ln 2π − ½ Σ(x − 3)² = −1.5 ln 2π − ½(4 + 1 + 9).
    assert_eq!(num(&json, "mle"), 3.0);
    let expected = -1.5 * (2.0 * PI).ln() - 7.0;
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
}

#[test]
fn normal_data_run_with_a_known_sigma() {
    let json = data_run("normal", "1\n2\n6\n", &["--sigma", "2"]);
    // σ = 2: LL = −(3/2) ln(2π·4) − 14 / (2·4).
    assert_eq!(num(&json, "mle"), 3.0);
    let expected = -1.5 * (8.0 * PI).ln() - 14.0 / 8.0;
    assert_close(num(&json, "ll_max"), expected, 1e-12, "ll_max");
    assert_eq!(json["known"]["sigma"].as_f64(), Some(2.0));
}

#[test]
fn normal_range_with_negative_bounds_in_equals_form() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--range=-3:-1",
        "--points",
        "21",
        "--csv",
        "s.csv",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    let csv = sb.csv("s.csv");
    assert_eq!(csv.rows.len(), 21);
    assert_eq!(csv.rows[0].theta, -3.0);
    assert_eq!(csv.rows[20].theta, -1.0);
    let json = sb.json("s.json");
    assert_eq!(json["range"][0].as_f64(), Some(-3.0));
    assert_eq!(json["range"][1].as_f64(), Some(-1.0));
}

#[test]
fn normal_range_with_negative_bounds_in_space_form() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist", "normal", "--range", "-3:-1", "--points", "3", "--csv", "s.csv",
    ]);
    assert_eq!(sb.csv("s.csv").thetas(), [-3.0, -2.0, -1.0]);
}

#[test]
fn normal_negative_true_mean() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "normal", "--true", "-1.5", "--json", "s.json"]);
    assert_eq!(num(&sb.json("s.json"), "theta_true"), -1.5);
}
