//! Priors and penalties (`--prior`, `--posterior`): the MAP, the prior's and the posterior's
//! columns and the conjugate posterior against independent references (hand-worked closed
//! forms, scipy.stats values pasted with the call that gave them), and every error as one
//! line before any work.

use crate::common::{assert_close, assert_one_line_error, num, Sandbox, ALL_OUTPUTS, KNOWN_FIGURE};

/// 20 Bernoulli observations, 7 of them ones.
const BERNOULLI: &str = "1\n0\n0\n1\n0\n0\n0\n1\n0\n1\n0\n0\n1\n0\n0\n0\n1\n0\n1\n0\n";

/// Eight Poisson counts: n = 8, Σx = 28.
const COUNTS: &str = "3\n5\n2\n4\n6\n1\n3\n4\n";

const LOGISTIC: &str = "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))";

/// The CSV as a header and rows of numbers (`inf` read as infinity), refusing NaN and empty
/// cells.
fn table(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("a header")
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|line| {
            line.split(',')
                .map(|f| {
                    assert!(
                        !f.is_empty() && !f.contains("NaN"),
                        "cell '{f}' in '{line}'"
                    );
                    f.parse::<f64>()
                        .unwrap_or_else(|_| panic!("'{f}' in '{line}'"))
                })
                .collect::<Vec<f64>>()
        })
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn beta_map_of_bernoulli_data_is_the_closed_form() {
    let sb = Sandbox::new();
    sb.write("b.txt", BERNOULLI);
    // (s + a − 1)/(n + a + b − 2) with s = 7, n = 20, a = 2, b = 3: 8/23, worked by hand.
    let want = 8.0 / 23.0;
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "--data",
        "b.txt",
        "--prior",
        "p=beta(2,3)",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    let json = sb.json("s.json");
    assert_close(num(&json, "map"), want, 1e-15, "conjugate MAP");
    assert_close(num(&json, "mle"), 7.0 / 20.0, 1e-15, "MLE");
    assert_eq!(json["prior"]["p"]["dist"], "beta");
    assert_eq!(json["prior"]["p"]["args"]["a"], 2.0);
    assert_eq!(json["prior"]["p"]["args"]["b"], 3.0);
    // The same likelihood as a user's expression has no conjugate shortcut: the MAP is solved
    // numerically, and must agree to 1e-10.
    sb.run_ok(&[
        "--logf",
        "x*ln(p) + (1-x)*ln(1-p)",
        "--bounds",
        "p=0:1",
        "--data",
        "b.txt",
        "--prior",
        "p=beta(2,3)",
        "--json",
        "u.json",
        "--out",
        "u.svg",
    ]);
    let json = sb.json("u.json");
    assert_close(num(&json, "map"), want, 1e-10, "numerical MAP");
    assert!(json["map_method"]
        .as_str()
        .unwrap()
        .starts_with("numerical"));
}

#[test]
fn l2_penalty_identity_holds_on_the_csv_columns() {
    let sb = Sandbox::new();
    sb.write(
        "xy.csv",
        "x,y\n-1.2,0\n-0.4,0\n0.3,1\n0.8,0\n1.5,1\n-2.0,0\n0.1,1\n2.2,1\n-0.7,1\n0.5,0\n",
    );
    let s = 2.0_f64;
    sb.run_ok(&[
        "--logf",
        LOGISTIC,
        "--data",
        "xy.csv",
        "--sweep",
        "b",
        "--fix",
        "a=0",
        "--prior",
        "b=normal(0,2)",
        "--csv",
        "c.csv",
        "--out",
        "f.svg",
        "--points",
        "41",
    ]);
    let (header, rows) = table(&sb.read_string("c.csv"));
    let (t, nll, prior, post) = (
        column(&header, "theta"),
        column(&header, "nll"),
        column(&header, "neg_log_prior"),
        column(&header, "neg_log_posterior"),
    );
    assert_eq!(rows.len(), 41);
    for row in &rows {
        // −ln N(θ; 0, s) = θ²/(2s²) + ln(s√(2π)): the L2 penalty plus a constant.
        let theta = row[t];
        let want = theta * theta / (2.0 * s * s) + (s * (2.0 * std::f64::consts::PI).sqrt()).ln();
        assert_close(row[prior], want, 1e-14, "−ln π");
        assert_close(row[post], row[nll] + row[prior], 1e-14, "NLL − ln π");
    }
}

#[test]
fn neg_log_prior_matches_scipy_logpdf() {
    let sb = Sandbox::new();
    sb.write("b.txt", BERNOULLI);
    sb.write("k.txt", COUNTS);
    // −stats.beta(2, 5).logpdf([0.1, 0.2, 0.3, 0.4, 0.5]) (scipy, /work/venv).
    let beta = [
        -0.6771702260368047,
        -0.8991852639712161,
        -0.7705248015812898,
        -0.44160415472403747,
        0.06453852113757108,
    ];
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "--data",
        "b.txt",
        "--prior",
        "p=beta(2,5)",
        "--range=0.1:0.5",
        "--points",
        "5",
        "--csv",
        "b.csv",
        "--out",
        "b.svg",
    ]);
    let (header, rows) = table(&sb.read_string("b.csv"));
    let c = column(&header, "neg_log_prior");
    for (row, want) in rows.iter().zip(beta) {
        assert_close(row[c], want, 1e-12, "beta(2,5)");
    }
    // −stats.gamma(3, scale=0.5).logpdf([2, 3, 4, 5, 6]).
    let gamma = [
        1.2274112777602189,
        2.41648106154389,
        3.8411169166403285,
        5.394829814011908,
        7.030186700423999,
    ];
    // −stats.uniform(3, 2).logpdf([2, 3, 4, 5, 6]) = [inf, ln 2, ln 2, ln 2, inf].
    let uniform = [
        f64::INFINITY,
        2f64.ln(),
        2f64.ln(),
        2f64.ln(),
        f64::INFINITY,
    ];
    for (prior, want) in [
        ("lambda=gamma(3,2)", gamma),
        ("lambda=uniform(3,5)", uniform),
    ] {
        sb.run_ok(&[
            "--dist",
            "poisson",
            "--data",
            "k.txt",
            "--prior",
            prior,
            "--range=2:6",
            "--points",
            "5",
            "--csv",
            "k.csv",
            "--out",
            "k.svg",
        ]);
        let text = sb.read_string("k.csv");
        let (header, rows) = table(&text);
        let (c, p, nll) = (
            column(&header, "neg_log_prior"),
            column(&header, "neg_log_posterior"),
            column(&header, "nll"),
        );
        for (row, want) in rows.iter().zip(want) {
            if want.is_infinite() {
                assert_eq!(row[c], f64::INFINITY, "{prior}");
                assert_eq!(row[p], f64::INFINITY, "{prior}");
            } else {
                assert_close(row[c], want, 1e-12, prior);
                assert_close(row[p], row[nll] + want, 1e-12, prior);
            }
        }
        // Outside the support the figure still renders, without a NaN anywhere.
        let svg = sb.read_string("k.svg");
        assert!(!svg.contains("NaN"), "{prior}: NaN in the SVG");
    }
}

#[test]
fn gamma_poisson_posterior_mean_and_interval_match_scipy() {
    let sb = Sandbox::new();
    sb.write("k.txt", COUNTS);
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--data",
        "k.txt",
        "--prior",
        "lambda=gamma(2,1)",
        "--posterior",
        "--level",
        "0.9",
        "--json",
        "s.json",
        "--csv",
        "s.csv",
        "--out",
        "f.svg",
    ]);
    let json = sb.json("s.json");
    let post = &json["posterior"];
    assert_eq!(post["dist"], "gamma");
    // Gamma(a + Σx, b + n) = Gamma(30, 9), worked by hand; mean (a + Σx)/(b + n) = 30/9.
    assert_eq!(post["args"]["shape"], 30.0);
    assert_eq!(post["args"]["rate"], 9.0);
    assert_close(num(post, "mean"), 30.0 / 9.0, 1e-15, "posterior mean");
    // stats.gamma.ppf([0.05, 0.95], 30, scale=1/9) (scipy, /work/venv).
    let interval = post["interval"].as_array().unwrap();
    assert_close(
        interval[0].as_f64().unwrap(),
        2.3993310252216533,
        1e-12,
        "lower",
    );
    assert_close(
        interval[1].as_f64().unwrap(),
        4.393441360436041,
        1e-12,
        "upper",
    );
    assert_eq!(num(post, "level"), 0.9);
    // The MAP is the posterior's mode (30 − 1)/9.
    assert_close(num(&json, "map"), 29.0 / 9.0, 1e-15, "MAP");
    let (header, rows) = table(&sb.read_string("s.csv"));
    let c = column(&header, "neg_log_posterior_density");
    let t = column(&header, "theta");
    for row in rows.iter().step_by(97) {
        // −ln of the Gamma(30, rate 9) density, from its formula.
        let x = row[t];
        let want = -(30.0 * 9f64.ln() - ln_gamma_30() + 29.0 * x.ln() - 9.0 * x);
        assert_close(row[c], want, 1e-12, "−ln p(λ | x)");
    }
}

/// ln Γ(30) = ln 29! (math.lgamma(30) in Python).
fn ln_gamma_30() -> f64 {
    71.257038967168
}

#[test]
fn beta_bernoulli_posterior_density_matches_scipy() {
    let sb = Sandbox::new();
    sb.write("b.txt", BERNOULLI);
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "--data",
        "b.txt",
        "--prior",
        "p=beta(2,3)",
        "--posterior",
        "--range=0.1:0.5",
        "--points",
        "5",
        "--csv",
        "s.csv",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    // −stats.beta(9, 16).logpdf([0.1, 0.2, 0.3, 0.4, 0.5]) (scipy, /work/venv).
    let want = [
        3.7202333672935843,
        -0.058198542340225146,
        -1.298948517837701,
        -1.2881449000430756,
        -0.33846995864743334,
    ];
    let (header, rows) = table(&sb.read_string("s.csv"));
    let c = column(&header, "neg_log_posterior_density");
    for (row, want) in rows.iter().zip(want) {
        assert_close(row[c], want, 1e-12, "beta(9, 16)");
    }
    let json = sb.json("s.json");
    assert_eq!(json["posterior"]["args"]["a"], 9.0);
    assert_eq!(json["posterior"]["args"]["b"], 16.0);
}

#[test]
fn a_prior_on_a_profiled_parameter_enters_the_profile() {
    let sb = Sandbox::new();
    let xy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xy.csv"),
    )
    .unwrap();
    sb.write("xy.csv", xy);
    sb.run_ok(&[
        "--logf",
        LOGISTIC,
        "--data",
        "xy.csv",
        "--sweep",
        "b",
        "--prior",
        "b=normal(0,1)",
        "--prior",
        "a=normal(0,1)",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    let json = sb.json("s.json");
    // scipy.optimize.minimize(NLL(a, b) − norm.logpdf(a) − norm.logpdf(b), BFGS, gtol 1e-12)
    // on examples/xy.csv: [0.17540241317586142, 1.1084138564684236].
    assert_close(num(&json, "map"), 1.1084138564684236, 1e-7, "MAP of b");
    assert_close(
        num(&json["map_params"], "a"),
        0.17540241317586142,
        1e-7,
        "a at the MAP",
    );
    // Without the prior on a, a different posterior: [0.18837005869359555, 1.1092034144792893].
    sb.run_ok(&[
        "--logf",
        LOGISTIC,
        "--data",
        "xy.csv",
        "--sweep",
        "b",
        "--prior",
        "b=normal(0,1)",
        "--json",
        "t.json",
        "--out",
        "t.svg",
    ]);
    let json = sb.json("t.json");
    assert_close(
        num(&json, "map"),
        1.1092034144792893,
        1e-7,
        "MAP of b, a flat",
    );
}

#[test]
fn caption_names_the_penalty_and_the_figure_marks_the_map() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--prior",
        "mu=normal(0,1)",
        "--out",
        "f.svg",
        "--json",
        "s.json",
    ]);
    let svg = sb.read_string("f.svg");
    assert!(
        svg.contains("normal(0, 1) prior = L2 penalty ½μ²"),
        "caption"
    );
    assert!(svg.contains("MAP estimate"), "legend");
    assert!(svg.contains("MLE"), "legend");
    // σ fixed: normal–normal is conjugate, the MAP is the posterior mean
    // (0/1 + Σx/σ²)/(1 + n/σ²) = n·x̄/(1 + n).
    let json = sb.json("s.json");
    let n = num(&json, "n");
    let xbar = num(&json, "mle");
    assert_close(num(&json, "map"), n * xbar / (1.0 + n), 1e-14, "normal MAP");
    sb.run_ok(&[
        "--dist",
        "normal",
        "--prior",
        "mu=laplace(0,0.5)",
        "--out",
        "l.svg",
    ]);
    assert!(sb
        .read_string("l.svg")
        .contains("laplace(0, 0.5) prior = L1 penalty |μ|/0.5"));
}

#[test]
fn spec_files_take_priors() {
    let sb = Sandbox::new();
    sb.write(
        "fig.toml",
        "dist = \"bernoulli\"\nsamples = 30\nprior = [\"p=beta(2,2)\"]\nposterior = true\njson = \"s.json\"\nout = [\"f.svg\"]\n",
    );
    sb.run_ok(&["--spec", "fig.toml"]);
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "-n",
        "30",
        "--prior",
        "p=beta(2,2)",
        "--posterior",
        "--json",
        "c.json",
        "--out",
        "c.svg",
    ]);
    assert_eq!(sb.read("s.json"), sb.read("c.json"));
    assert_eq!(sb.read("f.svg"), sb.read("c.svg"));
}

#[test]
fn help_lists_the_prior_options() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--prior <NAME=DIST(ARGS)>"), "{text}");
    assert!(text.contains("--posterior"));
}

/// A usage error (status 2), one line naming the problem, and nothing written.
fn refused(args: &[&str], needles: &[&str]) {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
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
fn prior_errors_are_one_line_before_any_work() {
    // -n 10⁹ would take a while: each error comes before any sampling.
    let big = ["--dist", "bernoulli", "-n", "1000000000"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        big.iter().copied().chain(extra.iter().copied()).collect()
    };
    refused(
        &with(&["--prior", "q=beta(2,2)"]),
        &[
            "--prior q=beta(2,2)",
            "no parameter 'q'",
            "its parameters: p",
        ],
    );
    refused(
        &[
            "--dist",
            "normal",
            "--prior",
            "sigmaa=gamma(2,2)",
            "--profile",
            "sigma",
        ],
        &["its parameters: mu, sigma", "did you mean 'sigma'?"],
    );
    refused(
        &with(&["--prior", "p=betta(2,2)"]),
        &["unknown distribution 'betta'", "did you mean 'beta'?"],
    );
    refused(
        &with(&["--prior", "p=beta(2,)"]),
        &["column 10", "expected a number"],
    );
    refused(&with(&["--prior", "p=beta(2,2"]), &["expected ')'"]);
    refused(
        &with(&["--prior", "p=beta(2)"]),
        &["takes 2 arguments (a, b), not 1"],
    );
    refused(
        &["--dist", "normal", "--prior", "mu=normal(0,0)"],
        &["standard deviation s of a normal prior must be positive, not 0"],
    );
    refused(
        &with(&["--prior", "p=beta(0,2)"]),
        &["shape a of a beta prior must be positive"],
    );
    refused(
        &with(&["--prior", "p=laplace(0,-1)"]),
        &["scale b of a laplace prior"],
    );
    refused(
        &with(&["--prior", "p=uniform(0.5,0.5)"]),
        &["needs lo < hi"],
    );
    refused(
        &["--dist", "poisson", "--prior", "lambda=uniform(-2,-1)"],
        &["misses the parameter space", "lambda"],
    );
    refused(
        &with(&["--prior", "p=uniform(1,2)"]),
        &["misses the parameter space"],
    );
    refused(
        &with(&["--prior", "p=beta(2,2)", "--prior", "p=normal(0,1)"]),
        &["given twice for p", "one prior per parameter"],
    );
    refused(
        &["--dist", "normal", "--prior", "sigma=gamma(2,2)"],
        &["sigma is fixed at 1", "--profile sigma"],
    );
    refused(
        &with(&["--prior", "p=normal(0.3,0.1)", "--posterior"]),
        &[
            "--posterior",
            "conjugate",
            "normal(0.3, 0.1) on p of bernoulli is not one",
        ],
    );
    refused(
        &with(&["--posterior"]),
        &["--posterior", "add one with --prior"],
    );
    refused(
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu,sigma",
            "--prior",
            "mu=normal(0,1)",
        ],
        &["a surface (--sweep A,B) is not drawn with a prior"],
    );
    refused(
        &[
            "--dist",
            "bernoulli",
            "-n",
            "10,100",
            "--prior",
            "p=beta(2,2)",
        ],
        &["a list of sample sizes"],
    );
    refused(
        &with(&["--param", "natural", "--prior", "p=beta(2,2)"]),
        &["--param natural"],
    );
}

#[test]
fn priors_are_deterministic() {
    let sb = Sandbox::new();
    for name in ["a", "b"] {
        sb.run_ok(&[
            "--dist",
            "gamma",
            "--sweep",
            "rate",
            "--profile",
            "shape",
            "--prior",
            "shape=gamma(2,1)",
            "--prior",
            "rate=laplace(2,1)",
            "--out",
            &format!("{name}.svg"),
            "--csv",
            &format!("{name}.csv"),
            "--json",
            &format!("{name}.json"),
        ]);
    }
    assert_eq!(sb.read("a.svg"), sb.read("b.svg"));
    assert_eq!(sb.read("a.csv"), sb.read("b.csv"));
    assert_eq!(sb.read("a.json"), sb.read("b.json"));
    let (header, rows) = table(&sb.read_string("a.csv"));
    assert!(header.contains(&"shape".to_string()));
    assert_eq!(rows.len(), 1000);
}

#[test]
fn the_overlay_layout_labels_the_map_once() {
    // One axes holds both curves: one MAP line and label, not one per curve.
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "-n",
        "20",
        "--prior",
        "p=beta(2,2)",
        "--layout",
        "overlay",
        "--out",
        "o.svg",
    ]);
    assert_eq!(sb.read_string("o.svg").matches("MAP = ").count(), 1);
    sb.run_ok(&[
        "--dist",
        "bernoulli",
        "-n",
        "20",
        "--prior",
        "p=beta(2,2)",
        "--out",
        "s.svg",
    ]);
    assert_eq!(sb.read_string("s.svg").matches("MAP = ").count(), 2);
}

#[test]
fn every_conjugate_pair_updates_as_worked_by_hand() {
    let sb = Sandbox::new();
    sb.write("bi.txt", "3\n4\n2\n");
    sb.write("ge.txt", "2\n1\n4\n");
    sb.write("ex.txt", "0.5\n1.5\n1.0\n");
    sb.write("no.txt", "1.2\n0.4\n2.0\n");
    let run = |args: &[&str]| {
        let all: Vec<&str> = args
            .iter()
            .copied()
            .chain(["--posterior", "--json", "s.json", "--out", "f.svg"])
            .collect();
        sb.run_ok(&all);
        sb.json("s.json")
    };
    // Binomial, M = 10, Σk = 9 of 30 trials, beta(2, 2): Beta(11, 23), mode 10/32.
    let j = run(&[
        "--dist",
        "binomial",
        "--trials",
        "10",
        "--data",
        "bi.txt",
        "--prior",
        "p=beta(2,2)",
    ]);
    assert_eq!(j["posterior"]["args"]["a"], 11.0);
    assert_eq!(j["posterior"]["args"]["b"], 23.0);
    assert_close(num(&j, "map"), 10.0 / 32.0, 1e-15, "binomial MAP");
    // Geometric, n = 3 successes after Σk = 7 trials, beta(2, 2): Beta(5, 6), mode 4/9.
    let j = run(&[
        "--dist",
        "geometric",
        "--data",
        "ge.txt",
        "--prior",
        "p=beta(2,2)",
    ]);
    assert_eq!(j["posterior"]["args"]["a"], 5.0);
    assert_eq!(j["posterior"]["args"]["b"], 6.0);
    assert_close(num(&j, "map"), 4.0 / 9.0, 1e-15, "geometric MAP");
    // Exponential, n = 3, Σx = 3, gamma(2, 1): Gamma(5, 4), mode 1, mean 5/4.
    let j = run(&[
        "--dist",
        "exponential",
        "--data",
        "ex.txt",
        "--prior",
        "rate=gamma(2,1)",
    ]);
    assert_eq!(j["posterior"]["args"]["shape"], 5.0);
    assert_eq!(j["posterior"]["args"]["rate"], 4.0);
    assert_close(num(&j, "map"), 1.0, 1e-15, "exponential MAP");
    assert_close(
        num(&j["posterior"], "mean"),
        1.25,
        1e-15,
        "exponential mean",
    );
    // Normal, σ = 2, n = 3, Σx = 3.6, normal(1, 0.5): precision 1/0.25 + 3/4 = 4.75, mean
    // (1/0.25 + 3.6/4)/4.75 = 4.9/4.75.
    let j = run(&[
        "--dist",
        "normal",
        "--sigma",
        "2",
        "--data",
        "no.txt",
        "--prior",
        "mu=normal(1,0.5)",
    ]);
    assert_close(num(&j, "map"), 4.9 / 4.75, 1e-14, "normal MAP");
    assert_close(
        num(&j["posterior"]["args"], "s"),
        4.75f64.sqrt().recip(),
        1e-14,
        "normal sd",
    );
}
