//! The regression models `--dist logistic` and `--dist linear`: estimates and standard errors
//! against independent references (statsmodels' Logit, the OLS closed forms, scipy's
//! log-densities), the roles of their parameters, the loss named on the NLL axis, synthetic
//! rows that do not depend on the thread count, and bad data refused by line.

use crate::common::*;

/// 16 rows, classes overlapping (not separated).
const LOGIT_DATA: &str = "x,y\n-2.1,0\n-1.6,0\n-1.2,1\n-0.9,0\n-0.5,0\n-0.3,1\n-0.1,0\n0.0,0\n\
0.2,1\n0.4,0\n0.6,1\n0.8,1\n1.0,0\n1.3,1\n1.7,1\n2.2,1\n";

/// statsmodels 0.14 `sm.Logit(y, sm.add_constant(x)).fit(tol=1e-14)` on LOGIT_DATA, run with
/// /work/venv/bin/python: `params` and `bse`, and `llf` (which equals
/// `scipy.stats.bernoulli.logpmf(y, expit(b0 + b1*x)).sum()` at those params).
const LOGIT_B0: f64 = -0.11561414029852565;
const LOGIT_B1: f64 = 1.101455228566062;
const LOGIT_SE_B0: f64 = 0.5820356094806001;
const LOGIT_SE_B1: f64 = 0.626877634233617;
const LOGIT_LLF: f64 = -8.886462168133828;

/// x = 0..4, y = 1, 3, 2, 5, 4. By hand: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = 8, so b̂1 = Sxy/Sxx = 0.8,
/// b̂0 = ȳ − b̂1·x̄ = 1.4; residuals −0.4, 0.8, −1, 1.2, −0.6 give RSS = 3.6 and σ̂² = RSS/n =
/// 0.72. LL at the fit: scipy.stats.norm.logpdf(y, 1.4 + 0.8x, √0.72).sum() =
/// −6.273432498593273 (/work/venv/bin/python).
const LINE_DATA: &str = "x,y\n0,1\n1,3\n2,2\n3,5\n4,4\n";
const LINE_LL: f64 = -6.273432498593273;

fn role(json: &serde_json::Value, name: &str) -> (String, f64) {
    let p = &json["params"][name];
    (
        p["role"].as_str().unwrap().to_string(),
        p["value"].as_f64().unwrap(),
    )
}

#[test]
fn logistic_estimates_and_standard_errors_match_statsmodels_logit() {
    let sb = Sandbox::new();
    sb.write("d.csv", LOGIT_DATA);
    sb.run_ok(&["--dist", "logistic", "--data", "d.csv", "--json", "b1.json"]);
    let j = sb.json("b1.json");
    assert_eq!(j["param"], "b₁", "b1 is the default sweep");
    assert_close(num(&j, "mle"), LOGIT_B1, 1e-9, "b̂1");
    assert_close(num(&j, "se"), LOGIT_SE_B1, 1e-7, "SE(b̂1)");
    assert_close(num(&j, "ll_max"), LOGIT_LLF, 1e-12, "LL(θ̂)");
    let (r, b0) = role(&j, "b0");
    assert_eq!(r, "profiled");
    assert_close(b0, LOGIT_B0, 1e-8, "b̂0 profiled");

    sb.run_ok(&[
        "--dist", "logistic", "--data", "d.csv", "--sweep", "b0", "--json", "b0.json",
    ]);
    let j = sb.json("b0.json");
    assert_close(num(&j, "mle"), LOGIT_B0, 1e-8, "b̂0");
    assert_close(num(&j, "se"), LOGIT_SE_B0, 1e-7, "SE(b̂0)");
}

#[test]
fn linear_estimates_are_the_ols_closed_forms() {
    let sb = Sandbox::new();
    sb.write("d.csv", LINE_DATA);
    sb.run_ok(&[
        "--dist", "linear", "--data", "d.csv", "--json", "s.json", "--csv", "s.csv",
    ]);
    let j = sb.json("s.json");
    assert_close(num(&j, "mle"), 0.8, 1e-12, "b̂1 = Sxy/Sxx");
    assert_close(role(&j, "b0").1, 1.4, 1e-12, "b̂0 = ȳ − b̂1·x̄");
    assert_close(role(&j, "sigma").1, 0.72f64.sqrt(), 1e-12, "σ̂ = √(RSS/n)");
    assert_eq!(role(&j, "sigma").0, "profiled");
    assert_close(num(&j, "ll_max"), LINE_LL, 1e-12, "LL(θ̂)");
    // The profiled parameters are columns of the CSV.
    let csv = sb.read_string("s.csv");
    assert!(csv.starts_with("theta,ll,nll,b0,sigma\n"), "{csv}");
}

#[test]
fn a_fixed_parameter_is_fixed_and_the_others_profiled() {
    let sb = Sandbox::new();
    sb.write("d.csv", LINE_DATA);
    sb.run_ok(&[
        "--dist", "linear", "--data", "d.csv", "--fix", "b0=0", "--json", "s.json",
    ]);
    let j = sb.json("s.json");
    assert_eq!(role(&j, "b0"), ("fixed".to_string(), 0.0));
    // Least squares through the origin: Σxy/Σx² = (0+3+4+15+16)/30 = 38/30.
    assert_close(num(&j, "mle"), 38.0 / 30.0, 1e-12, "b̂1 with b0 = 0");
    assert_eq!(role(&j, "sigma").0, "profiled");
}

#[test]
fn the_nll_axis_names_the_loss() {
    let sb = Sandbox::new();
    sb.write("d.csv", LOGIT_DATA);
    sb.run_ok(&["--dist", "logistic", "--data", "d.csv", "--out", "a.svg"]);
    let a = sb.read_string("a.svg");
    assert!(a.contains("cross-entropy") && !a.contains("mean cross-entropy"));
    sb.run_ok(&[
        "--dist", "logistic", "--data", "d.csv", "--y", "per-obs", "--out", "b.svg",
    ]);
    assert!(sb.read_string("b.svg").contains("mean cross-entropy"));
    sb.run_ok(&[
        "--dist", "linear", "-n", "30", "--fix", "sigma=1", "--out", "c.svg",
    ]);
    assert!(sb.read_string("c.svg").contains("SSE/2σ² + const"));
    // σ profiled: the NLL is not a least-squares loss plus a constant.
    sb.run_ok(&["--dist", "linear", "-n", "30", "--out", "d.svg"]);
    assert!(!sb.read_string("d.svg").contains("SSE"));
    // A label given wins.
    sb.run_ok(&[
        "--dist",
        "logistic",
        "-n",
        "30",
        "--label",
        "nll-y=loss",
        "--out",
        "e.svg",
    ]);
    assert!(!sb.read_string("e.svg").contains("cross-entropy"));
}

#[test]
fn synthetic_rows_do_not_depend_on_the_thread_count() {
    // More than one chunk of 65 536 rows, so that the parts are drawn in parallel.
    for dist in ["logistic", "linear"] {
        let outputs: Vec<Vec<Vec<u8>>> = ["1", "2"]
            .iter()
            .map(|threads| {
                let sb = Sandbox::new();
                let out = sb
                    .cmd()
                    .env("RAYON_NUM_THREADS", threads)
                    .args([
                        "--dist", dist, "-n", "140000", "--points", "50", "--json", "s.json",
                        "--csv", "s.csv", "--out", "f.svg",
                    ])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                ["s.json", "s.csv", "f.svg"].map(|f| sb.read(f)).to_vec()
            })
            .collect();
        assert!(
            outputs[0] == outputs[1],
            "{dist}: outputs differ by thread count"
        );
    }
}

#[test]
fn synthetic_data_recover_the_documented_default_truth() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "logistic", "-n", "20000", "--json", "l.json"]);
    let j = sb.json("l.json");
    assert_eq!(num(&j, "theta_true"), 1.5, "the default true b1");
    // SE ≈ 0.025 at this n: 5 SE either side.
    assert!((num(&j, "mle") - 1.5).abs() < 5.0 * num(&j, "se"));
    assert!(
        (role(&j, "b0").1 + 0.5).abs() < 0.1,
        "the default true b0 = −0.5"
    );
    sb.run_ok(&[
        "--dist",
        "linear",
        "-n",
        "20000",
        "--true",
        "b1=-3",
        "--true",
        "sigma=0.5",
        "--json",
        "s.json",
    ]);
    let j = sb.json("s.json");
    assert!((num(&j, "mle") + 3.0).abs() < 0.02, "{}", num(&j, "mle"));
    assert!((role(&j, "sigma").1 - 0.5).abs() < 0.02);
    assert!(
        (role(&j, "b0").1 - 1.0).abs() < 0.02,
        "the default true b0 = 1"
    );
}

#[test]
fn the_loss_surface_of_both_coefficients_is_drawn() {
    let sb = Sandbox::new();
    sb.write("d.csv", LOGIT_DATA);
    sb.run_ok(&[
        "--dist",
        "logistic",
        "--data",
        "d.csv",
        "--sweep",
        "b0,b1",
        "--points-2d",
        "41",
        "--json",
        "s.json",
        "--out",
        "s.svg",
    ]);
    let j = sb.json("s.json");
    let text = j.to_string();
    assert!(
        text.contains("-0.1156141"),
        "b̂0 in the surface summary: {text}"
    );
    assert!(text.contains("1.101455"), "b̂1 in the surface summary");
}

#[test]
fn bad_rows_and_headers_are_refused_by_line_and_nothing_is_written() {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    sb.write("y.csv", "x,y\n1,0\n# a comment\n2,1\n3,0.5\n");
    sb.write("cols.csv", "x,label\n1,0\n2,1\n");
    sb.write("one.csv", "x\n1\n2\n");
    sb.write("bare.csv", "1,0\n2,1\n");
    sb.write("single.csv", "1\n0\n");
    sb.write("sep.csv", "x,y\n1,0\n2,0\n3,1\n4,1\n");
    sb.write("same.csv", "x,y\n1,0\n1,1\n1,4\n");
    let cases: [(&str, &str, &[&str]); 7] = [
        ("logistic", "y.csv", &["y.csv:5", "y = 0.5", "0 or 1"]),
        ("logistic", "cols.csv", &["cols.csv:1", "x, label", "x,y"]),
        ("linear", "one.csv", &["one.csv:1", "x,y"]),
        ("linear", "bare.csv", &["bare.csv:1", "header"]),
        (
            "logistic",
            "single.csv",
            &["single.csv:1", "no header", "x,y"],
        ),
        (
            "logistic",
            "sep.csv",
            &["sep.csv", "separated", "no finite estimate"],
        ),
        (
            "linear",
            "same.csv",
            &["same.csv", "every x is the same value"],
        ),
    ];
    for (dist, file, needles) in cases {
        let before = sb.snapshot();
        let out = sb.run(&[
            "--dist", dist, "--data", file, "--out", "fig.svg", "--json", "s.json",
        ]);
        assert_one_line_error(&out, 1, needles);
        assert_eq!(
            sb.snapshot(),
            before,
            "{file}: a failing run changed the folder"
        );
    }
}

#[test]
fn regression_options_that_make_no_sense_are_usage_errors() {
    let sb = Sandbox::new();
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["--dist", "logistic", "--sweep", "sigma"],
            &["no parameter 'sigma'", "b0, b1"],
        ),
        (
            &["--dist", "linear", "--fix", "sigma=0"],
            &["--fix sigma=0", "positive"],
        ),
        (
            &["--logf", "-lam + x*ln(lam)", "--draw", "logistic"],
            &["--draw logistic", "rows"],
        ),
        (
            &["--dist", "linear", "--data", "d.csv", "--column", "2"],
            &["--column", "x,y"],
        ),
    ];
    sb.write("d.csv", LINE_DATA);
    for (args, needles) in cases {
        let before = sb.snapshot();
        let out = sb.run(args);
        assert_one_line_error(&out, 2, needles);
        assert_eq!(sb.snapshot(), before);
    }
}

#[test]
fn the_data_panel_is_drawn_by_default_and_only_for_regression_models() {
    let sb = Sandbox::new();
    sb.write("d.csv", LOGIT_DATA);
    sb.run_ok(&["--dist", "logistic", "--data", "d.csv", "--out", "a.svg"]);
    assert!(sb
        .read_string("a.svg")
        .contains("Data and the fitted curve"));
    sb.run_ok(&[
        "--dist",
        "logistic",
        "--data",
        "d.csv",
        "--annotate",
        "mle,interval",
        "--out",
        "b.svg",
    ]);
    assert!(!sb
        .read_string("b.svg")
        .contains("Data and the fitted curve"));
    // The default and `all` have no data panel where there are no rows.
    sb.run_ok(&["--dist", "poisson", "--annotate", "all", "--out", "c.svg"]);
    assert!(!sb
        .read_string("c.svg")
        .contains("Data and the fitted curve"));
    let out = sb.run(&[
        "--dist",
        "poisson",
        "--annotate",
        "mle,data",
        "--out",
        "d.svg",
    ]);
    assert_one_line_error(&out, 2, &["--annotate data", "regression", "poisson"]);
    assert!(!sb.exists("d.svg"));
}

#[test]
fn typeset_pictures_refuse_the_data_panel_and_draw_without_it() {
    let sb = Sandbox::new();
    sb.write("d.csv", LINE_DATA);
    for out_file in ["f.tex", "f.typ"] {
        let before = sb.snapshot();
        let out = sb.run(&["--dist", "linear", "--data", "d.csv", "--out", out_file]);
        assert_one_line_error(&out, 2, &[out_file, "data panel", "--annotate"]);
        assert_eq!(sb.snapshot(), before);
    }
    sb.run_ok(&[
        "--dist",
        "linear",
        "--data",
        "d.csv",
        "--annotate",
        "mle,truth,interval",
        "--out",
        "f.tex",
    ]);
    assert!(sb.read_string("f.tex").contains("tikzpicture"));
}
