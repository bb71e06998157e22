//! `--optimize`: the optimiser's path on the NLL, against references worked independently of
//! nllplot (closed-form gradients by hand and with numpy/scipy, /tmp/ref.py as pasted in each
//! test's comment), its drawing, its animation, determinism, and every error.

use crate::common::{assert_close, assert_one_line_error, Sandbox, ALL_OUTPUTS, KNOWN_FIGURE};
use serde_json::Value;

/// Ten Bernoulli observations, s = 3 successes: NLL(p) = −3 ln p − 7 ln(1 − p), whose
/// gradient −3/p + 7/(1 − p) is 8 at p = 0.5.
const BERNOULLI: &str = "1\n1\n1\n0\n0\n0\n0\n0\n0\n0\n";

/// The path of a run whose JSON goes to `s.json`.
fn path_of(sb: &Sandbox, args: &[&str]) -> Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", "fig.svg", "--json", "s.json", "--quiet"]);
    sb.run_ok(&all);
    sb.json("s.json")["optimizer"].clone()
}

fn thetas(optimizer: &Value) -> Vec<f64> {
    optimizer["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["theta"].as_f64().unwrap())
        .collect()
}

#[test]
fn gradient_descent_takes_the_hand_computed_steps() {
    // By hand: p₁ = 0.5 − 0.01·8 = 0.42; g(0.42) = −3/0.42 + 7/0.58 = 4.926108…, so
    // p₂ = 0.370738916…; numpy (ref.py: p ← p − lr·(−s/p + (n−s)/(1−p))) gives the digits.
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    let o = path_of(
        &sb,
        &["--dist", "bernoulli", "--data", "d.txt", "--optimize", "gd"]
            .into_iter()
            .chain(["--lr", "0.01", "--start", "p=0.5", "--steps", "3"])
            .collect::<Vec<_>>(),
    );
    let expected = [0.5, 0.42, 0.3707389162561576, 0.34041681092669096];
    let got = thetas(&o);
    assert_eq!(got.len(), 4, "{o}");
    for (k, (g, e)) in got.iter().zip(expected).enumerate() {
        assert_close(*g, e, 1e-13, &format!("gd step {k}"));
    }
    assert_eq!(o["method"], "gd");
    assert_eq!(o["lr"], 0.01);
    assert_eq!(o["steps"], 3);
    assert_eq!(o["converged"], false);
    assert_eq!(o["stop"], "steps");
    assert_eq!(o["start"], "given");
    // Step 0 is the start, with NLL(0.5) = 10 ln 2 and the gradient 8.
    let first = &o["path"][0];
    assert_eq!(first["step"], 0);
    assert_close(
        first["nll"].as_f64().unwrap(),
        10.0 * std::f64::consts::LN_2,
        1e-14,
        "NLL(0.5)",
    );
    assert_close(first["grad"].as_f64().unwrap(), 8.0, 1e-14, "g(0.5)");
}

#[test]
fn momentum_takes_the_hand_computed_steps() {
    // v₁ = 8, p₁ = 0.42; v₂ = 0.9·8 + 4.926108… = 12.126108…, p₂ = 0.298738916…; numpy
    // (ref.py: v ← β·v + g, p ← p − lr·v, v₀ = 0) gives the digits.
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    let o = path_of(
        &sb,
        &[
            "--dist",
            "bernoulli",
            "--data",
            "d.txt",
            "--optimize",
            "momentum",
            "--lr",
            "0.01",
            "--start",
            "p=0.5",
            "--steps",
            "3",
        ],
    );
    let expected = [0.5, 0.42, 0.29873891625615767, 0.1902059074763343];
    for (k, (g, e)) in thetas(&o).iter().zip(expected).enumerate() {
        assert_close(*g, e, 1e-13, &format!("momentum step {k}"));
    }
    assert_eq!(o["momentum"], 0.9);
}

#[test]
fn per_observation_units_divide_the_gradient_by_n() {
    // NLL/n has the gradient g/n: with lr = 0.1 and n = 10 the steps are gd's with lr = 0.01
    // (ref.py, "per-obs lr 0.1").
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    let o = path_of(
        &sb,
        &[
            "--dist",
            "bernoulli",
            "--data",
            "d.txt",
            "--optimize",
            "gd",
            "--lr",
            "0.1",
            "--start",
            "p=0.5",
            "--steps",
            "3",
            "--y",
            "per-obs",
        ],
    );
    let expected = [0.5, 0.42, 0.3707389162561576, 0.34041681092669096];
    for (k, (g, e)) in thetas(&o).iter().zip(expected).enumerate() {
        assert_close(*g, e, 1e-13, &format!("per-obs step {k}"));
    }
    assert_close(o["path"][0]["grad"].as_f64().unwrap(), 0.8, 1e-14, "g/n");
}

#[test]
fn newton_reaches_the_poisson_estimate_from_the_default_start() {
    // λ̂ = x̄ = 30/10 = 3 (by hand). The default start is λ̂ − 2 SE = 3 − 2·√(3/10).
    let sb = Sandbox::new();
    sb.write("c.txt", "2\n3\n4\n1\n0\n5\n3\n2\n4\n6\n");
    let o = path_of(
        &sb,
        &[
            "--dist",
            "poisson",
            "--data",
            "c.txt",
            "--optimize",
            "newton",
        ],
    );
    let got = thetas(&o);
    assert_close(
        got[0],
        3.0 - 2.0 * (0.3f64).sqrt(),
        1e-12,
        "the default start",
    );
    assert_eq!(o["start"], "default");
    assert_eq!(o["lr"], Value::Null);
    let reached = got
        .iter()
        .position(|&l| (l - 3.0).abs() <= 1e-12 * 3.0)
        .expect("Newton reaches λ̂");
    assert!(reached <= 8, "Newton took {reached} steps: {got:?}");
    assert_eq!(o["converged"], true);
    assert_eq!(o["stop"], "converged");
}

#[test]
fn adams_first_step_is_the_learning_rate_against_the_gradient() {
    // Bias correction makes Adam's first step lr·g/(|g| + 1e-8) = lr·sign(g): here g(0.5) = 8
    // > 0, so p₁ = 0.5 − 0.05.
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    let o = path_of(
        &sb,
        &[
            "--dist",
            "bernoulli",
            "--data",
            "d.txt",
            "--optimize",
            "adam",
            "--lr",
            "0.05",
            "--start",
            "p=0.5",
        ],
    );
    let got = thetas(&o);
    assert_close(got[1], 0.45, 1e-9, "adam's first step");
    // And downhill from below: at p = 0.1, g = −30 + 7/0.9 < 0, so p₁ = 0.1 + 0.05.
    let o = path_of(
        &sb,
        &[
            "--dist",
            "bernoulli",
            "--data",
            "d.txt",
            "--optimize",
            "adam",
            "--lr",
            "0.05",
            "--start",
            "p=0.1",
        ],
    );
    assert_close(thetas(&o)[1], 0.15, 1e-9, "adam's first step up");
}

#[test]
fn a_step_out_of_the_space_stops_at_the_boundary_and_says_so() {
    // p₁ = 0.5 − 0.1·8 = −0.3 < 0: cut at p = 0, where NLL = +∞ (three successes), so the
    // JSON's nll is null, never NaN or a number.
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    let o = path_of(
        &sb,
        &[
            "--dist",
            "bernoulli",
            "--data",
            "d.txt",
            "--optimize",
            "gd",
            "--lr",
            "0.1",
            "--start",
            "p=0.5",
        ],
    );
    let path = o["path"].as_array().unwrap();
    assert_eq!(path.len(), 2, "{o}");
    assert_eq!(path[1]["theta"], 0.0);
    assert_eq!(path[1]["boundary"], true);
    assert_eq!(path[1]["nll"], Value::Null);
    assert_eq!(path[1]["grad"], Value::Null);
    assert_eq!(o["stop"], "boundary");
    assert_eq!(o["converged"], false);
    let svg = sb.read_string("fig.svg");
    assert!(
        svg.contains("stopped at the boundary"),
        "the caption says so"
    );
    assert!(!svg.contains("NaN"));
}

#[test]
fn a_diverging_path_widens_the_axes_up_to_the_cap() {
    // Normal μ with σ = 1, n = 4: NLL″ = n = 4, so gd with lr = 0.6 multiplies the error by
    // 1 − 0.6·4 = −1.4 each step (by hand): it diverges, finite for 20 steps.
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n2\n3\n4\n");
    let out = sb.run_ok(&[
        "--dist",
        "normal",
        "--data",
        "d.txt",
        "--optimize",
        "gd",
        "--lr",
        "0.6",
        "--out",
        "fig.svg",
        "--json",
        "s.json",
        "--quiet",
    ]);
    assert!(out.status.success());
    let json = sb.json("s.json");
    let o = &json["optimizer"];
    let got = thetas(o);
    assert_eq!(got.len(), 21);
    // x̄ = 2.5, SE = 1/2: the error at step k is (−1.4)^k times the start's, −2·SE = −1.
    for (k, x) in got.iter().enumerate() {
        assert_close(*x - 2.5, -(-1.4f64).powi(k as i32), 1e-9, "the error");
    }
    // The default window is x̄ ± 5 SE = [0, 5] (width 5); widened, at most ten times as wide.
    let range = &json["range"];
    let (lo, hi) = (range[0].as_f64().unwrap(), range[1].as_f64().unwrap());
    assert!(hi - lo > 5.0, "the axes widen: [{lo}, {hi}]");
    assert!(hi - lo <= 50.0 + 1e-9, "up to the cap: [{lo}, {hi}]");
    assert_eq!(o["converged"], false);
    let svg = sb.read_string("fig.svg");
    assert!(
        svg.contains("off the axes from step"),
        "the caption says so"
    );
    assert!(svg.contains("diverging"), "and that the loss grew");
}

#[test]
fn the_profile_gradient_is_the_partial_derivative_at_the_inner_maximum() {
    // The logistic regression of examples/xy.csv, slope b swept from b = 0.5, intercept a
    // profiled. scipy (ref.py): â(0.5) = 0.14383805195386629 by brentq on ∂NLL/∂a, and
    // ∂NLL/∂b there = Σ (σ(â + 0.5x) − y)·x = −24.64484600444925.
    let sb = Sandbox::new();
    sb.write("xy.csv", include_str!("../../examples/xy.csv"));
    let o = path_of(
        &sb,
        &[
            "--logf",
            "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))",
            "--data",
            "xy.csv",
            "--sweep",
            "b",
            "--optimize",
            "gd",
            "--start",
            "b=0.5",
            "--steps",
            "2",
        ],
    );
    assert_close(
        o["path"][0]["grad"].as_f64().unwrap(),
        -24.64484600444925,
        1e-9,
        "the profile gradient",
    );
}

#[test]
fn a_two_parameter_path_runs_on_the_surface() {
    // Normal (μ, σ) of eight observations: numpy gives μ̂ = 1.375, σ̂ = 0.8362864341838865
    // (ddof = 0). Newton from the default start reaches them; theta and grad are objects by
    // name.
    let sb = Sandbox::new();
    sb.write("d.txt", "1.2\n0.4\n2.9\n1.7\n0.8\n2.2\n1.5\n0.3\n");
    let o = path_of(
        &sb,
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu,sigma",
            "--data",
            "d.txt",
            "--optimize",
            "newton",
        ],
    );
    let path = o["path"].as_array().unwrap();
    let last = path.last().unwrap();
    assert_close(last["theta"]["mu"].as_f64().unwrap(), 1.375, 1e-9, "μ̂");
    assert_close(
        last["theta"]["sigma"].as_f64().unwrap(),
        0.8362864341838865,
        1e-9,
        "σ̂",
    );
    assert!(path[0]["grad"]["mu"].is_number() && path[0]["grad"]["sigma"].is_number());
    assert_eq!(o["converged"], true);
    // Gradient descent on the same surface goes downhill at every step.
    let o = path_of(
        &sb,
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu,sigma",
            "--data",
            "d.txt",
            "--optimize",
            "gd",
        ],
    );
    let nll: Vec<f64> = o["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["nll"].as_f64().unwrap())
        .collect();
    assert!(nll.windows(2).all(|w| w[1] <= w[0]), "{nll:?}");
    assert!(sb.read_string("fig.svg").contains("gradient descent"));
}

#[test]
fn paths_and_their_figures_are_deterministic() {
    let run = |dir: &Sandbox| {
        dir.run_ok(&[
            "--dist",
            "normal",
            "--sweep",
            "mu,sigma",
            "-n",
            "40",
            "--optimize",
            "momentum",
            "--out",
            "fig.svg",
            "--json",
            "s.json",
            "--quiet",
        ]);
        (dir.read("fig.svg"), dir.read("s.json"))
    };
    let (a, b) = (Sandbox::new(), Sandbox::new());
    assert_eq!(run(&a), run(&b));
}

#[test]
fn the_animation_has_one_frame_per_point_of_the_path() {
    let sb = Sandbox::new();
    sb.write("d.txt", BERNOULLI);
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "--data",
        "d.txt",
        "--optimize",
        "gd",
        "--lr",
        "0.01",
        "--start",
        "p=0.5",
        "--steps",
        "4",
        "--animate",
        "steps",
        "--out",
        "a.gif",
        "--quiet",
    ]);
    let bytes = sb.read("a.gif");
    let decoder = gif::DecodeOptions::new();
    let mut reader = decoder.read_info(bytes.as_slice()).unwrap();
    let mut frames = 0;
    while reader.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    // Frames store only what changed, so each of the five (start and four steps) is one.
    assert_eq!(frames, 5);
}

/// A usage error: one line naming the problem, exit 2, nothing written.
fn refused(args: &[&str], needles: &[&str]) {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    sb.write("d.txt", BERNOULLI);
    let before = sb.snapshot();
    let all: Vec<&str> = args.iter().copied().chain(ALL_OUTPUTS).collect();
    let out = sb.run(&all);
    assert_one_line_error(&out, 2, needles);
    assert!(
        sb.snapshot() == before,
        "nllplot {args:?} changed the folder"
    );
}

#[test]
fn bad_optimiser_options_are_refused_before_any_work() {
    refused(
        &["--optimize", "sgd"],
        &["unknown optimiser 'sgd'", "gd, momentum, newton, adam"],
    );
    refused(
        &["--optimize", "gd", "--lr", "0"],
        &["--lr must be a positive"],
    );
    refused(
        &["--optimize", "gd", "--lr", "-1"],
        &["--lr must be a positive"],
    );
    refused(
        &["--optimize", "gd", "--lr", "inf"],
        &["--lr must be a positive"],
    );
    refused(
        &["--optimize", "gd", "--steps", "0"],
        &["--steps must be between 1 and 1000000, not 0"],
    );
    refused(
        &["--optimize", "gd", "--steps", "1000001"],
        &["--steps must be between 1 and 1000000"],
    );
    refused(
        &["--optimize", "gd", "--start", "p=1.5"],
        &["--start p=1.5", "outside"],
    );
    refused(
        &["--optimize", "gd", "--start", "p=0"],
        &["--start p=0", "outside"],
    );
    refused(
        &["--optimize", "gd", "--start", "q=0.2"],
        &["--start q=0.2", "not a parameter", "p"],
    );
    refused(
        &["--dist", "normal", "--optimize", "gd", "--start", "sigma=2"],
        &["--start sigma=2", "swept", "mu"],
    );
    refused(&["--lr", "0.1"], &["--lr", "--optimize"]);
    refused(&["--steps", "5"], &["--steps", "--optimize"]);
    refused(&["--momentum", "0.5"], &["--momentum", "--optimize"]);
    refused(&["--start", "p=0.2"], &["--start p=0.2", "--optimize"]);
    refused(
        &["--optimize", "momentum", "--momentum", "1"],
        &["--momentum must lie in [0, 1), not 1"],
    );
    refused(
        &["--optimize", "momentum", "--momentum", "-0.1"],
        &["--momentum must lie in [0, 1)"],
    );
    refused(
        &["--optimize", "gd", "--momentum", "0.5"],
        &["--momentum 0.5", "not of gd"],
    );
    refused(
        &["--optimize", "newton", "--lr", "0.1"],
        &["Newton", "no learning rate"],
    );
    refused(
        &["--optimize", "gd", "--param", "natural"],
        &["--param natural"],
    );
    refused(
        &["--optimize", "gd", "-n", "10,100"],
        &["list of sample sizes"],
    );
    refused(&["--animate", "steps", "--out", "a.gif"], &["--optimize"]);
    refused(
        &["--optimize", "gd", "--out", "fig.tex"],
        &["fig.tex", ".svg, .png or .pdf"],
    );
    refused(
        &["--optimize", "gd", "--out", "p.html"],
        &["p.html", "interactive page"],
    );
    // Each step visits every kept observation: a million steps over a million Cauchy draws
    // is refused by the plan's budget, naming the steps.
    refused(
        &[
            "--dist",
            "cauchy",
            "-n",
            "1000000",
            "--optimize",
            "gd",
            "--steps",
            "1000000",
        ],
        &["the optimiser's steps", "--steps"],
    );
}

#[test]
fn newton_on_a_profile_uses_the_schur_complement() {
    // Normal μ with σ profiled, data 1, 2, 3, 4 (x̄ = 2.5, s² = 1.25, n = 4). By hand: σ̂²(μ) =
    // s² + d² with d = μ − x̄, so the profile NLL is (n/2)·ln(s² + d²) + const, with gradient
    // n·d/(s² + d²) and curvature n·(s² − d²)/(s² + d²)². From μ = 2 (d = −0.5): g = −4/3,
    // H = 4·1/1.5² = 16/9, and Newton's step lands on 2 + (4/3)/(16/9) = 2.75.
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n2\n3\n4\n");
    let o = path_of(
        &sb,
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu",
            "--profile",
            "sigma",
            "--data",
            "d.txt",
            "--optimize",
            "newton",
            "--start",
            "mu=2",
            "--steps",
            "1",
        ],
    );
    assert_close(
        o["path"][0]["grad"].as_f64().unwrap(),
        -4.0 / 3.0,
        1e-12,
        "g",
    );
    assert_close(thetas(&o)[1], 2.75, 1e-12, "Newton's step");
}

#[test]
fn a_user_models_start_of_a_profiled_parameter_keeps_seeding_the_search() {
    // With --logf, --start of a parameter the optimiser does not move (here the profiled
    // intercept a) is where the search for the maximum begins, as without --optimize; the
    // optimiser then starts at its default for b.
    let sb = Sandbox::new();
    sb.write("xy.csv", include_str!("../../examples/xy.csv"));
    let o = path_of(
        &sb,
        &[
            "--logf",
            "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))",
            "--data",
            "xy.csv",
            "--sweep",
            "b",
            "--optimize",
            "newton",
            "--start",
            "a=0.3",
        ],
    );
    assert_eq!(o["start"], "default");
    // statsmodels: Logit(y, add_constant(x)).fit(method='newton', tol=1e-14) on
    // examples/xy.csv gives b̂ = 1.1573154505289889.
    let last = *thetas(&o).last().unwrap();
    assert_close(last, 1.1573154505289889, 1e-9, "b̂");
}

#[test]
fn newton_on_a_family_with_its_own_statistics_reaches_its_estimate() {
    // The beta's first shape a with b = 2 known is evaluated by the hand-written family on its
    // own sufficient statistics (a defect: the path once asked the joint model, which reads
    // other statistics, and Newton ran away). scipy: brentq on the score
    // Σ ln x − n·(ψ(a) − ψ(a + 2)) of 0.2, 0.5, 0.7, 0.9, 0.4, 0.6 gives â = 2.4475901372232354
    // (stats.beta.fit with fb=2 agrees).
    let sb = Sandbox::new();
    sb.write("d.txt", "0.2\n0.5\n0.7\n0.9\n0.4\n0.6\n");
    let o = path_of(
        &sb,
        &[
            "--dist",
            "beta",
            "--b",
            "2",
            "--data",
            "d.txt",
            "--optimize",
            "newton",
        ],
    );
    assert_eq!(o["stop"], "converged", "{o}");
    let last = *thetas(&o).last().unwrap();
    assert_close(last, 2.4475901372232354, 1e-10, "â");
}

#[test]
fn where_the_likelihood_vanishes_below_the_estimate_the_default_start_is_above_it() {
    // Uniform(0, θ) of 1, 2, 3: LL = −3 ln θ for θ ≥ 3 = θ̂ and −∞ below (by hand). The start
    // must lie above 3 (below it the path would have no first point); gradient descent then
    // walks down to 3 and stops where the likelihood vanishes, at its last finite point.
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n2\n3\n");
    let o = path_of(
        &sb,
        &["--dist", "uniform", "--data", "d.txt", "--optimize", "gd"],
    );
    let got = thetas(&o);
    assert!(got[0] > 3.0, "{o}");
    assert_close(
        o["path"][0]["nll"].as_f64().unwrap(),
        3.0 * got[0].ln(),
        1e-12,
        "NLL at the start",
    );
    assert!(got.iter().all(|&t| t >= 3.0), "{got:?}");
    assert_eq!(o["stop"], "diverged");
}
