//! The three tests at θ₀ (`--test`) and the coverage lab (`--coverage`), against references
//! computed independently of the code: statistics worked by hand from the closed forms (the
//! working is in each comment; p-values from scipy 1.17 `scipy.stats.chi2.sf(x, 1)`), and
//! the exact coverage of the Poisson LR interval summed in mpmath.

use crate::common::*;

fn close(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs().max(1e-300)
}

/// The `tests` object of a run on `data` with `args`.
fn tests_of(data: &str, args: &[&str]) -> serde_json::Value {
    let sb = Sandbox::new();
    sb.write("d.txt", data);
    let mut all = vec!["--data", "d.txt", "--json", "s.json", "--out", "f.svg"];
    all.extend_from_slice(args);
    sb.run_ok(&all);
    let json = sb.json("s.json");
    assert_eq!(json["tests"]["information"], "observed");
    json["tests"].clone()
}

fn check_stat(tests: &serde_json::Value, name: &str, statistic: f64, p_value: f64) {
    let t = &tests[name];
    assert!(
        close(num(t, "statistic"), statistic, 1e-10),
        "{name}: {} against {statistic}",
        t["statistic"]
    );
    assert!(
        close(num(t, "p_value"), p_value, 1e-9),
        "{name}: p {} against {p_value}",
        t["p_value"]
    );
}

#[test]
fn poisson_tests_match_the_hand_computation() {
    // Counts 2, 5, 3, 6, 4: n = 5, s = 20, λ̂ = 4; H₀: λ = 3.
    // LR = 2·[s·ln(λ̂/λ₀) − n(λ̂ − λ₀)] = 2·[20·ln(4/3) − 5] = 1.5072828980712334.
    // Wald = (λ̂ − λ₀)²·J(λ̂), J(λ̂) = s/λ̂² = 20/16: 1.25.
    // Score: U(3) = s/3 − n = 5/3, J(3) = s/9 = 20/9 (observed), U²/J = (25/9)/(20/9) = 1.25.
    let t = tests_of("2\n5\n3\n6\n4\n", &["--dist", "poisson", "--test", "3"]);
    assert_eq!(t["theta0"], 3.0);
    check_stat(&t, "lr", 1.5072828980712334, 0.2195541606038128);
    check_stat(&t, "wald", 1.25, 0.26355247728296954);
    check_stat(&t, "score", 1.25, 0.26355247728296954);
    assert!(close(num(&t, "score_at_theta0"), 5.0 / 3.0, 1e-12));
    assert!(close(num(&t, "information_at_theta0"), 20.0 / 9.0, 1e-12));
}

#[test]
fn bernoulli_tests_match_the_hand_computation() {
    // Three successes in ten: p̂ = 0.3; H₀: p = 0.5.
    // LR = 2·[3·ln(0.3/0.5) + 7·ln(0.7/0.5)] = 1.645657570101036.
    // Wald = (0.3 − 0.5)²·n/(p̂q̂) = 0.04·10/0.21 = 1.9047619047619049.
    // Score: U(0.5) = 3/0.5 − 7/0.5 = −8; J(0.5) = 3/0.25 + 7/0.25 = 40; U²/J = 1.6.
    let t = tests_of(
        "1\n1\n1\n0\n0\n0\n0\n0\n0\n0\n",
        &["--dist", "bernoulli", "--test", "0.5"],
    );
    check_stat(&t, "lr", 1.645657570101036, 0.1995509909936569);
    check_stat(&t, "wald", 1.9047619047619049, 0.16754627748861328);
    check_stat(&t, "score", 1.6, 0.20590321073206466);
}

#[test]
fn profile_tests_use_the_profile_score_and_curvature() {
    // Normal data 1..5 with σ profiled: x̄ = 3, S = Σ(x − x̄)² = 10, σ̂² = 2; H₀: μ = 2.
    // The profile pℓ(μ) = −n/2·ln(S/n + (x̄ − μ)²) + const, so with v = S/n + (x̄ − μ₀)² = 3:
    // LR = n·ln(v/σ̂²) = 5·ln(1.5) = 2.027325540540822;
    // Wald = (μ̂ − μ₀)²·n/σ̂² = 1·5/2 = 2.5;
    // pℓ′(μ₀) = n(x̄ − μ₀)/v = 5/3, pℓ″(μ₀) = −n/v + 2n(x̄ − μ₀)²/v² = −5/3 + 10/9 = −5/9,
    // so score = (25/9)/(5/9) = 5 (the Schur complement of the joint Hessian in (μ, σ)).
    let t = tests_of(
        "1\n2\n3\n4\n5\n",
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu",
            "--profile",
            "sigma",
            "--test",
            "2",
        ],
    );
    check_stat(&t, "lr", 2.027325540540822, 0.15449226546553924);
    check_stat(&t, "wald", 2.5, 0.11384629800665763);
    check_stat(&t, "score", 5.0, 0.025347318677468325);
}

#[test]
fn the_score_test_is_null_where_the_observed_information_is_not_positive() {
    // Normal with μ = 0 known, data ±1: σ̂ = 1, and LL″(σ) = n/σ² − 3S/σ⁴ with S = 4, n = 4
    // is +0.25 at σ = 2: J(2) = −0.25, so U²/J is undefined there.
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n-1\n1\n-1\n");
    sb.run_ok(&[
        "--dist",
        "normal-sd",
        "--mu",
        "0",
        "--data",
        "d.txt",
        "--test",
        "2",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    let t = &sb.json("s.json")["tests"];
    assert!(t["score"].is_null(), "{t}");
    assert!(t["score_note"].as_str().unwrap().contains("J(θ₀)"), "{t}");
    assert!(close(num(t, "information_at_theta0"), -0.25, 1e-12));
    assert!(t["lr"].is_object() && t["wald"].is_object());
    // The figure says so instead of drawing a NaN.
    let svg = sb.read_string("f.svg");
    assert!(
        svg.contains("undefined"),
        "the figure does not say the score is undefined"
    );
    assert!(!svg.contains("NaN"));
}

#[test]
fn the_default_window_widens_to_show_theta0() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist", "poisson", "--test", "8", "--json", "s.json", "--out", "f.svg",
    ]);
    let json = sb.json("s.json");
    let range = json["range"].as_array().unwrap();
    assert!(range[0].as_f64().unwrap() < 8.0 && range[1].as_f64().unwrap() > 8.0);
    // And the figure marks θ₀ with its label.
    assert!(sb.read_string("f.svg").contains("λ₀ = 8"));
}

#[test]
fn test_and_coverage_errors_are_one_line_and_write_nothing() {
    let sb = Sandbox::new();
    for (args, needles) in [
        (
            vec!["--dist", "poisson", "--test", "0"],
            vec!["--test 0", "parameter space"],
        ),
        (vec!["--test", "1.5"], vec!["--test 1.5"]),
        (
            vec!["--dist", "poisson", "--test", "40", "--range=1:10"],
            vec!["outside --range"],
        ),
        (
            vec!["--test", "0.5", "--out", "f.tex"],
            vec!["f.tex", ".svg, .png and .pdf"],
        ),
        (vec!["--test", "0.5", "--out", "f.typ"], vec!["f.typ"]),
        (
            vec!["--test", "0.5", "--param", "natural"],
            vec!["--param natural"],
        ),
        (
            vec!["--test", "0.5", "-n", "10,100"],
            vec!["one sample size"],
        ),
        (
            vec!["--dist", "normal", "--sweep", "mu,sigma", "--test", "1"],
            vec!["surface"],
        ),
        (
            vec!["--coverage", "0"],
            vec!["--coverage", "between 1 and 1000000"],
        ),
        (vec!["--coverage", "1000001"], vec!["--coverage"]),
        (vec!["--coverage", "-3"], vec!["--coverage"]),
        (
            vec!["--coverage", "10", "--data", "d.txt"],
            vec!["--coverage", "--data"],
        ),
        (vec!["--coverage", "10", "--out", "f.html"], vec!["f.html"]),
        (vec!["--coverage", "10", "--csv", "c.csv"], vec!["--csv"]),
        (vec!["--coverage", "10", "--test", "0.5"], vec!["--test"]),
        (
            vec!["--dist", "normal", "--profile", "sigma", "--coverage", "10"],
            vec!["--profile"],
        ),
        (
            vec!["--dist", "beta", "-n", "100000", "--coverage", "1000000"],
            vec!["coverage lab", "--no-limits"],
        ),
    ] {
        sb.write("d.txt", "1\n0\n");
        let before = sb.snapshot();
        let mut all = args.clone();
        all.extend(["--json", "s.json"]);
        let out = sb.run(&all);
        assert_one_line_error(&out, 2, &needles);
        assert_eq!(sb.snapshot(), before, "{args:?} wrote something");
    }
}

#[test]
fn test_and_coverage_work_in_spec_files_and_help() {
    let sb = Sandbox::new();
    sb.write(
        "t.toml",
        "dist = \"bernoulli\"\ntest = 0.5\njson = \"t.json\"\nout = [\"t.svg\"]\n",
    );
    sb.run_ok(&["--spec", "t.toml"]);
    assert_eq!(sb.json("t.json")["tests"]["theta0"], 0.5);
    sb.write(
        "c.toml",
        "dist = \"poisson\"\ncoverage = 50\njson = \"c.json\"\nout = [\"c.svg\"]\n",
    );
    sb.run_ok(&["--spec", "c.toml"]);
    assert_eq!(sb.json("c.json")["coverage"]["replicates"], 50);
    let help = String::from_utf8(sb.run_ok(&["--help"]).stdout).unwrap();
    assert!(help.contains("--test <THETA0>") && help.contains("--coverage <R>"));
    assert!(help.contains("observed information"));
}

/// The exact coverage of the 95 % LR interval for Poisson(4) data with n = 50, from
/// tools/coverage_reference.py (mpmath, 40 digits): S = Σx ~ Poisson(200), and 4 lies in the interval
/// of a data set with sum s iff 2·(LL(s/n) − LL(4)) ≤ χ²₁,0.95 = 3.841458820694124 with
/// LL(λ) = s·ln λ − nλ; summing P(S = s) over those s gives 0.95237198946981971151.
const EXACT_POISSON_COVERAGE: f64 = 0.952_371_989_469_819_7;

#[test]
fn poisson_lr_coverage_is_within_three_binomial_ses_of_the_exact_value() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--true",
        "4",
        "-n",
        "50",
        "--coverage",
        "2000",
        "--json",
        "c.json",
        "--out",
        "c.svg",
    ]);
    let c = &sb.json("c.json")["coverage"];
    assert_eq!(c["replicates"], 2000);
    let covered = num(&c["lr"], "coverage");
    let se = (EXACT_POISSON_COVERAGE * (1.0 - EXACT_POISSON_COVERAGE) / 2000.0).sqrt();
    assert!(
        (covered - EXACT_POISSON_COVERAGE).abs() <= 3.0 * se,
        "LR coverage {covered} is more than 3 SE ({se}) from {EXACT_POISSON_COVERAGE}"
    );
    // The reported SE is the binomial one of the observed share.
    assert!(close(
        num(&c["lr"], "se"),
        (covered * (1.0 - covered) / 2000.0).sqrt(),
        1e-12
    ));
    // The expected information of Poisson is n/λ (closed form): 50/4.
    assert!(close(num(c, "expected_information"), 12.5, 1e-15));
    assert!(close(
        num(c, "asymptotic_sd"),
        (4.0f64 / 50.0).sqrt(),
        1e-15
    ));
}

#[test]
fn coverage_histograms_count_every_data_set() {
    let sb = Sandbox::new();
    for dist in ["poisson", "bernoulli", "exponential", "normal"] {
        sb.run_ok(&[
            "--dist",
            dist,
            "-n",
            "30",
            "--coverage",
            "777",
            "--json",
            "c.json",
            "--out",
            "c.svg",
        ]);
        let c = &sb.json("c.json")["coverage"];
        for h in ["lr_statistic_histogram", "mle_histogram"] {
            let counts = c[h]["counts"].as_array().unwrap();
            let total: u64 = counts.iter().map(|v| v.as_u64().unwrap()).sum();
            assert_eq!(total, 777, "{dist} {h}");
            assert_eq!(c[h]["edges"].as_array().unwrap().len(), counts.len() + 1);
        }
        let covered = c["lr"]["covered"].as_u64().unwrap();
        assert!(covered <= 777 && covered > 600, "{dist}: {covered}");
        assert!(!sb.read_string("c.svg").contains("NaN"));
    }
}

#[test]
fn coverage_is_the_same_for_any_thread_count_and_nested_in_r() {
    let sb = Sandbox::new();
    let args = |json: &'static str, svg: &'static str, r: &'static str| {
        vec![
            "--dist",
            "poisson",
            "-n",
            "40",
            "--coverage",
            r,
            "--json",
            json,
            "--out",
            svg,
        ]
    };
    let one = sb
        .cmd()
        .env("RAYON_NUM_THREADS", "1")
        .args(args("a.json", "a.svg", "3000"))
        .output()
        .unwrap();
    assert!(one.status.success());
    let two = sb
        .cmd()
        .env("RAYON_NUM_THREADS", "2")
        .args(args("b.json", "b.svg", "3000"))
        .output()
        .unwrap();
    assert!(two.status.success());
    assert_eq!(sb.read("a.json"), sb.read("b.json"));
    assert_eq!(sb.read("a.svg"), sb.read("b.svg"));
    // The data sets of R = 1000 are the first 1000 of R = 3000, so no bin of the smaller run
    // holds more than the same bin of the larger one.
    sb.run_ok(&args("c.json", "c.svg", "1000"));
    let small = &sb.json("c.json")["coverage"]["lr_statistic_histogram"]["counts"];
    let large = &sb.json("a.json")["coverage"]["lr_statistic_histogram"]["counts"];
    for (s, l) in small
        .as_array()
        .unwrap()
        .iter()
        .zip(large.as_array().unwrap())
    {
        assert!(s.as_u64() <= l.as_u64());
    }
}

#[test]
fn the_test_figure_is_the_same_for_any_thread_count() {
    let sb = Sandbox::new();
    for (threads, name) in [("1", "a"), ("2", "b")] {
        let out = sb
            .cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "--dist",
                "poisson",
                "--test",
                "5",
                "--json",
                &format!("{name}.json"),
                "--out",
                &format!("{name}.svg"),
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    assert_eq!(sb.read("a.json"), sb.read("b.json"));
    assert_eq!(sb.read("a.svg"), sb.read("b.svg"));
}

#[test]
fn the_coverage_figure_is_side_by_side_and_says_so() {
    let sb = Sandbox::new();
    let out = sb.run(&["--coverage", "20", "--layout", "stacked", "--out", "c.svg"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning:") && stderr.contains("side by side"),
        "{stderr}"
    );
    let svg = sb.read_string("c.svg");
    assert!(svg.contains("Coverage lab") && svg.contains("LR interval covers"));
}
