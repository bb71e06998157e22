//! Your own model (`--logf`): ln f of one observation as an expression is one more model.
//!
//! Every number here is checked against an independent reference computed outside this
//! repository, pasted with the call that produced it: numpy 2.4.6, scipy 1.17.1 and
//! statsmodels 0.15.0 (Python 3, a throwaway venv). The data sets were drawn there too and are
//! written out below, so the references are sums over exactly these values.

use crate::common::{assert_close, assert_one_line_error, num, Sandbox, ALL_OUTPUTS, KNOWN_FIGURE};

/// 40 Poisson counts (numpy default_rng(20261205).poisson(3.2, 40)).
const POISSON: &str =
    "3,2,1,3,5,3,3,3,2,2,4,2,4,4,4,4,5,2,5,5,6,2,4,5,4,2,1,2,1,7,3,6,5,5,6,6,4,2,2,6";
/// 50 Bernoulli draws (the same generator, binomial(1, 0.35, 50)).
const BERNOULLI: &str = "0,1,1,1,0,1,0,0,1,0,0,1,1,1,1,0,0,1,0,1,0,1,1,1,0,1,0,0,0,0,0,0,0,0,0,0,1,0,0,1,0,1,1,0,0,0,0,0,1,0";
/// 40 exponential waiting times (exponential(1/1.7, 40), rounded to 4 decimals).
const EXPONENTIAL: &str = "0.2742,0.2954,0.1252,0.7726,1.2012,0.7195,0.6177,2.3073,0.7769,0.1807,0.0074,1.1178,0.1466,0.5636,0.4809,0.5819,0.7072,0.1944,1.2493,1.7351,1.8335,0.9624,1.4061,0.2872,0.4162,0.0939,1.0607,0.7229,0.2035,0.1254,0.016,0.4706,1.661,0.6148,0.1311,0.0729,1.0434,0.0665,0.552,0.6829";
/// 40 normal values (normal(1.3, 2.0, 40), rounded to 4 decimals).
const NORMAL: &str = "-0.0362,-0.838,2.6878,1.2991,-0.6724,0.894,4.0888,4.4213,-0.9123,2.2298,1.6604,1.6882,5.2793,3.3815,3.1237,-1.0242,-0.1288,1.9799,2.2114,3.7156,-0.163,-1.4871,0.7424,1.6727,2.8534,1.7285,0.735,0.5642,0.592,2.8987,-0.8847,-1.9134,3.5516,1.6555,1.4236,1.0356,-1.1256,-1.9346,2.6855,3.0743";
/// 120 zero-inflated counts (default_rng(777): zero with probability 0.3, else poisson(3.0)).
const ZIP: &str = "3,3,3,2,0,2,5,2,3,4,0,0,3,5,4,0,0,3,4,0,0,2,2,0,2,0,0,0,2,5,3,0,0,0,3,0,0,0,3,0,0,6,0,1,3,5,5,7,1,3,2,0,2,1,0,2,1,2,3,5,4,2,3,0,1,2,2,0,0,0,0,4,0,0,4,0,1,5,2,0,3,6,0,2,0,0,0,2,3,0,1,0,2,1,0,5,3,1,3,2,3,0,0,0,0,4,4,2,2,0,3,1,6,2,3,3,1,4,0,4";
/// Logistic regression data (the same generator after ZIP's: x uniform on (−3, 3) rounded to
/// 3 decimals, y Bernoulli with logit 0.4 + 1.1·x).
const LOGIT_X: &str = "-1.673,2.059,-1.899,0.56,2.421,-2.872,-0.897,-2.565,-0.291,-0.755,0.246,2.905,0.776,2.118,2.66,1.997,1.126,-0.079,-2.745,0.557,0.866,0.112,0.991,-1.819,0.985,2.606,-2.214,-1.874,2.198,-1.594,-0.73,-0.274,-0.464,-2.717,-2.533,-2.038,2.458,2.085,0.587,0.585,0.657,-1.452,1.169,2.956,-2.666,0.964,-1.24,-2.9,0.753,-0.574,-1.236,-1.42,-0.829,1.365,-0.755,-0.941,2.479,0.516,1.61,2.805,1.906,0.304,1.461,2.437,0.983,1.889,0.196,1.368,-1.596,2.913,-0.364,-0.522,-1.197,-0.714,1.378,2.54,2.521,-0.611,-1.53,1.558,2.737,2.221,1.4,-2.652,-0.082,1.952,-1.672,-0.813,-2.277,1.48,-1.424,-1.983,1.732,-2.299,-1.897,-2.107,-2.592,2.76,-0.78,-1.621";
const LOGIT_Y: &str = "0,1,0,1,1,0,0,0,0,0,1,1,1,1,1,1,0,0,0,1,1,1,1,0,1,1,0,0,1,0,0,1,0,0,0,1,0,1,0,1,1,0,1,1,0,0,0,0,1,0,0,0,0,1,0,0,1,0,1,1,1,1,1,1,1,1,1,0,0,1,1,1,1,0,1,1,1,0,0,1,1,1,1,0,1,1,0,0,1,1,0,0,1,0,1,1,0,1,0,0";
/// 60 Weibull waiting times (weibull_min.rvs(1.8, scale=2.5), rounded to 4 decimals).
const WEIBULL: &str = "1.614,3.4285,3.5291,4.6932,0.7043,3.3434,1.4216,4.211,2.4647,0.4312,0.9146,1.7383,3.0376,1.1018,3.4838,3.162,1.1479,1.7404,3.8284,0.5679,2.85,2.2652,1.4054,1.7614,2.1995,2.845,1.0543,1.3443,2.9261,2.207,2.0289,1.5816,1.0322,1.3979,2.1072,1.0056,5.7599,4.4845,1.8967,3.8946,1.0149,1.9159,3.6145,4.6189,0.6565,5.4119,1.4327,0.5154,0.7088,1.6502,1.7735,2.4031,1.3148,0.9928,3.6853,1.8281,1.0057,3.3428,1.8154,1.349";
/// 100 values of a normal mixture: 30 % N(0, 1), 70 % N(4, 1), rounded to 4 decimals.
const MIXTURE: &str = "4.4351,2.0664,3.5491,3.0076,4.4947,5.2132,4.6015,3.6723,5.7337,4.7158,4.5854,4.608,2.8647,5.1959,4.8588,5.3165,0.6352,-0.3609,3.3386,3.0567,-0.861,4.6246,2.1877,0.915,3.7707,0.7218,-0.116,4.0407,3.7127,2.6069,-0.2744,5.0995,4.3285,1.9949,5.6784,3.9376,0.2795,0.3108,7.0539,3.6435,3,2.0917,-1.2634,4.2945,4.5188,-1.626,4.7649,4.1539,4.0892,3.2587,4.7813,4.8613,-0.1353,-1.9817,2.6865,2.9209,4.2132,3.4031,4.7593,4.7415,4.6326,3.9788,5.3621,4.801,-0.877,1.3134,4.9049,4.2726,5.2569,5.9044,4.2261,3.2756,4.2474,4.3827,4.4506,4.457,3.5538,-0.8215,0.2155,4.9058,4.511,4.216,3.0941,2.5437,3.5806,5.0899,3.9746,5.3336,4.0695,-0.0192,-0.6633,2.1776,0.2257,4.2209,3.3715,3.6816,3.3783,1.1611,3.8738,-0.5974";

/// One value per line, for `--data`.
fn lines(values: &str) -> String {
    values.split(',').map(|v| format!("{v}\n")).collect()
}

/// The (theta, ll) columns of a CSV, empty ll cells as `None`.
fn ll_column(text: &str) -> Vec<(f64, Option<f64>)> {
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let ll = (!cells[1].is_empty()).then(|| cells[1].parse().unwrap());
            (cells[0].parse().unwrap(), ll)
        })
        .collect()
}

/// Runs the expression and the built-in family on the same data and grid; every LL must
/// agree, and the scipy reference at each (θ, LL) given must hold to 1e-9 relative.
fn same_as_builtin(
    data: &str,
    logf: &[&str],
    builtin: &[&str],
    range: &str,
    references: &[(f64, f64)],
) -> serde_json::Value {
    let sb = Sandbox::new();
    sb.write("d.txt", lines(data));
    let grid = [range, "--points", "5", "--data", "d.txt"];
    let mut a: Vec<&str> = logf.to_vec();
    a.extend(grid);
    a.extend([
        "--csv",
        "mine.csv",
        "--json",
        "mine.json",
        "--out",
        "mine.svg",
    ]);
    sb.run_ok(&a);
    let mut b: Vec<&str> = builtin.to_vec();
    b.extend(grid);
    b.extend(["--csv", "theirs.csv", "--out", "theirs.svg"]);
    sb.run_ok(&b);
    let mine = ll_column(&sb.read_string("mine.csv"));
    let theirs = ll_column(&sb.read_string("theirs.csv"));
    assert_eq!(mine.len(), 5);
    for ((t1, l1), (t2, l2)) in mine.iter().zip(&theirs) {
        assert_eq!(t1, t2, "the same grid");
        assert_close(l1.unwrap(), l2.unwrap(), 1e-9, &format!("LL at {t1}"));
    }
    for &(theta, ll) in references {
        let row = mine
            .iter()
            .find(|(t, _)| (t - theta).abs() < 1e-12)
            .unwrap_or_else(|| panic!("{theta} is on the grid"));
        assert_close(
            row.1.unwrap(),
            ll,
            1e-9,
            &format!("LL at {theta} against scipy"),
        );
    }
    sb.json("mine.json")
}

#[test]
fn poisson_as_an_expression_matches_the_builtin_and_scipy() {
    // scipy.stats.poisson.logpmf(x, λ).sum() at λ = 2.5 and at the MLE x̄ = 3.625.
    let json = same_as_builtin(
        POISSON,
        &[
            "--logf",
            "x*ln(lam) - lam - lgamma(x+1)",
            "--bounds",
            "lam=0:inf",
        ],
        &["--dist", "poisson"],
        "--range=2.5:4.5",
        &[(2.5, -85.1781627625891)],
    );
    assert_close(num(&json, "mle"), 3.625, 1e-9, "λ̂");
    assert_close(num(&json, "ll_max"), -76.30144707987907, 1e-9, "LL(λ̂)");
    // Observed information n/λ̂ = x̄·n/λ̂² with x̄ = λ̂: 40/3.625.
    assert_close(num(&json, "fisher_information"), 40.0 / 3.625, 1e-7, "J");
    assert_eq!(json["model"], "x*ln(lam) - lam - lgamma(x+1)");
    assert_eq!(json["params"]["lam"]["role"], "swept");
    assert_eq!(json["undefined_points"], 0);
}

#[test]
fn bernoulli_as_an_expression_matches_the_builtin_and_scipy() {
    // scipy.stats.bernoulli.logpmf(x, p).sum() at p = 0.5 and at p̂ = 0.4.
    let json = same_as_builtin(
        BERNOULLI,
        &["--logf", "x*ln(p) + (1-x)*ln(1-p)", "--bounds", "p=0:1"],
        &["--dist", "bernoulli"],
        "--range=0.3:0.5",
        &[(0.5, -34.657359027997266)],
    );
    assert_close(num(&json, "mle"), 0.4, 1e-9, "p̂");
    assert_close(num(&json, "ll_max"), -33.65058335046282, 1e-9, "LL(p̂)");
}

#[test]
fn exponential_as_an_expression_matches_the_builtin_and_scipy() {
    // scipy.stats.expon.logpdf(x, scale=1/λ).sum() at λ = 1 and at λ̂ = 1/x̄.
    let json = same_as_builtin(
        EXPONENTIAL,
        &["--logf", "ln(lam) - lam*x", "--bounds", "lam=0:inf"],
        &["--dist", "exponential"],
        "--range=1:2",
        &[(1.0, -26.477899999999998)],
    );
    assert_close(num(&json, "mle"), 1.5106938239059746, 1e-9, "λ̂");
    assert_close(num(&json, "ll_max"), -23.497238746964037, 1e-9, "LL(λ̂)");
}

#[test]
fn normal_as_an_expression_matches_the_builtin_and_scipy() {
    // scipy.stats.norm.logpdf(x, 1.0, 1.5).sum(); σ fixed at 1.5 as the built-in's --sigma.
    let logf = "-0.5*ln(2*pi) - ln(s) - (x-mu)^2/(2*s^2)";
    let json = same_as_builtin(
        NORMAL,
        &[
            "--logf", logf, "--bounds", "s=0:inf", "--sweep", "mu", "--fix", "s=1.5",
        ],
        &["--dist", "normal", "--sigma", "1.5"],
        "--range=0:2",
        &[(1.0, -83.34956591695793)],
    );
    assert_eq!(json["params"]["s"]["role"], "fixed");
    // With σ profiled instead: scipy.stats.norm.fit(x) = (μ̂, σ̂) and its LL; the profile's
    // standard error of μ is √((J⁻¹)_μμ) = σ̂/√n (numpy).
    let sb = Sandbox::new();
    sb.write("d.txt", lines(NORMAL));
    sb.run_ok(&[
        "--logf", logf, "--bounds", "s=0:inf", "--sweep", "mu", "--data", "d.txt", "--json",
        "p.json", "--csv", "p.csv", "--out", "p.svg",
    ]);
    let json = sb.json("p.json");
    assert_close(num(&json, "mle"), 1.3188374999999999, 1e-9, "μ̂");
    assert_close(
        json["params"]["s"]["value"].as_f64().unwrap(),
        1.8208109260282217,
        1e-8,
        "σ̂",
    );
    assert_close(num(&json, "ll_max"), -80.72881995244376, 1e-9, "LL(μ̂, σ̂)");
    assert_close(num(&json, "se"), 0.28789548573847723, 1e-7, "se(μ̂)");
    let fisher = num(&json, "fisher_information");
    assert_close(1.0 / fisher.sqrt(), num(&json, "se"), 1e-12, "se = 1/√J");
    assert_eq!(json["params"]["s"]["role"], "profiled");
    let csv = sb.read_string("p.csv");
    assert!(csv.starts_with("theta,ll,nll,s\n"), "{csv:.40}");
}

#[test]
fn a_zero_inflated_poisson_profiles_lambda() {
    // statsmodels ZeroInflatedPoisson(x, ones, exog_infl=ones, inflation='logit')
    //   .fit(method='newton', tol=1e-14): λ̂ = exp(params[1]), ŵ = expit(params[0]);
    //   llf = -208.47052813882817 (equal to the sum of scipy's poisson.logpmf terms).
    // se(λ̂) = λ̂·√(C₁₁) with C the inverse of −statsmodels.tools.numdiff.approx_hess(params,
    // model.loglike) (the delta method; the model's own `hessian` is an approximation that
    // gives 0.200, a central-difference Hessian in (w, λ) gives 0.204100 as well).
    let sb = Sandbox::new();
    sb.write("zip.txt", lines(ZIP));
    sb.run_ok(&[
        "--logf",
        "ln(w*(x==0) + (1-w)*exp(x*ln(lam) - lam - lgamma(x+1)))",
        "--bounds",
        "lam=0:inf",
        "--bounds",
        "w=0:1",
        "--sweep",
        "lam",
        "--data",
        "zip.txt",
        "--json",
        "z.json",
        "--csv",
        "z.csv",
        "--out",
        "z.svg",
    ]);
    let json = sb.json("z.json");
    assert_close(num(&json, "mle"), 2.7458532743956368, 1e-8, "λ̂");
    assert_close(
        json["params"]["w"]["value"].as_f64().unwrap(),
        0.32322191041240067,
        1e-8,
        "ŵ",
    );
    assert_eq!(json["params"]["w"]["role"], "profiled");
    assert_close(num(&json, "ll_max"), -208.47052813882817, 1e-9, "LL");
    assert_close(num(&json, "se"), 0.20409973307964088, 1e-6, "se(λ̂)");
    assert!(sb.read_string("z.csv").starts_with("theta,ll,nll,w\n"));
}

#[test]
fn a_logistic_regression_matches_statsmodels_logit() {
    // statsmodels Logit(y, add_constant(x)).fit(method='newton', tol=1e-14): params
    // (0.1941322053467387, 1.1573154505289889), bse (0.27696633254705266,
    // 0.21218394297031642), llf -41.61379266234629.
    let sb = Sandbox::new();
    let rows: String = LOGIT_X
        .split(',')
        .zip(LOGIT_Y.split(','))
        .map(|(x, y)| format!("{x},{y}\n"))
        .collect();
    sb.write("xy.csv", format!("x,y\n{rows}"));
    let logf = "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))";
    for (swept, mle, se) in [
        ("b", 1.1573154505289889, 0.21218394297031642),
        ("a", 0.1941322053467387, 0.27696633254705266),
    ] {
        sb.run_ok(&[
            "--logf", logf, "--data", "xy.csv", "--sweep", swept, "--json", "l.json", "--out",
            "l.svg",
        ]);
        let json = sb.json("l.json");
        assert_close(num(&json, "mle"), mle, 1e-8, swept);
        assert_close(num(&json, "se"), se, 1e-7, "se");
        assert_close(num(&json, "ll_max"), -41.61379266234629, 1e-9, "LL");
    }
}

#[test]
fn a_weibull_surface_has_its_maximum_at_scipys_fit() {
    // scipy.stats.weibull_min.fit(x, floc=0) = (1.8390488815378392, 0, 2.5199104748169145),
    // found by a simplex to about 1e-4; the shape's score equation
    // Σxᵏ ln x / Σxᵏ − 1/k − mean(ln x) = 0 solved by scipy.optimize.brentq(xtol=1e-15) gives
    // k̂ = 1.8390181175164664, ŝ = mean(xᵏ)^(1/k) = 2.5199187844130164, and
    // weibull_min.logpdf(x, k̂, 0, ŝ).sum() = -94.00352373084016.
    let sb = Sandbox::new();
    sb.write("waits.txt", lines(WEIBULL));
    sb.run_ok(&[
        "--logf",
        "ln(k) - ln(s) + (k-1)*(ln(x) - ln(s)) - (x/s)^k",
        "--bounds",
        "k=0:inf",
        "--bounds",
        "s=0:inf",
        "--sweep",
        "k,s",
        "--points-2d",
        "21",
        "--data",
        "waits.txt",
        "--json",
        "w.json",
        "--csv",
        "w.csv",
        "--out",
        "w.svg",
    ]);
    let json = sb.json("w.json");
    let mle = &json["mle"];
    assert_close(
        mle[0].as_f64().unwrap(),
        1.8390488815378392,
        1e-4,
        "k̂ (fit)",
    );
    assert_close(
        mle[1].as_f64().unwrap(),
        2.5199104748169145,
        1e-4,
        "ŝ (fit)",
    );
    assert_close(mle[0].as_f64().unwrap(), 1.8390181175164664, 1e-9, "k̂");
    assert_close(mle[1].as_f64().unwrap(), 2.5199187844130164, 1e-9, "ŝ");
    assert_close(num(&json, "ll_max"), -94.00352373084016, 1e-9, "LL");
    assert_eq!(
        json["model"],
        "ln(k) - ln(s) + (k-1)*(ln(x) - ln(s)) - (x/s)^k"
    );
    let csv = sb.read_string("w.csv");
    assert!(csv.starts_with("theta1,theta2,ll,nll\n"));
    assert_eq!(csv.lines().count(), 1 + 21 * 21);
}

#[test]
fn a_normal_mixtures_global_maximum_is_found_from_the_wrong_basin() {
    // LL(m1, m2) = Σ ln(0.3·φ(x − m1) + 0.7·φ(x − m2)) has two maxima. scipy.optimize.minimize
    // (BFGS, gtol=1e-12) of −Σ np.logaddexp(ln 0.3 + norm.logpdf(x, m1, 1), ln 0.7 +
    // norm.logpdf(x, m2, 1)) from a 21 × 21 grid of starts over [−3, 7]²: the global maximum
    // (−0.033566201586468364, 4.136040178379205) with LL -189.62339897210617; from (4, 0) it
    // stops at the other one, (4.2878, 0.5104) with LL -230.484.
    let sb = Sandbox::new();
    sb.write("mix.txt", lines(MIXTURE));
    sb.run_ok(&[
        "--logf",
        "logsumexp(ln(w) - 0.5*(x-m1)^2, ln(1-w) - 0.5*(x-m2)^2) - 0.5*ln(2*pi)",
        "--bounds",
        "w=0:1",
        "--fix",
        "w=0.3",
        "--sweep",
        "m1",
        "--start",
        "m1=4",
        "--start",
        "m2=0",
        "--range=-2:6",
        "--data",
        "mix.txt",
        "--json",
        "m.json",
        "--csv",
        "m.csv",
        "--out",
        "m.svg",
    ]);
    let json = sb.json("m.json");
    assert!(
        (num(&json, "mle") - -0.033566201586468364).abs() < 1e-6,
        "{}",
        json["mle"]
    );
    assert!((json["params"]["m2"]["value"].as_f64().unwrap() - 4.136040178379205).abs() < 1e-6);
    assert_close(num(&json, "ll_max"), -189.62339897210617, 1e-9, "LL");
    // The profile over m1 has both peaks: it is not concave on the grid.
    assert_eq!(json["concave_on_grid"], false);
}

#[test]
fn synthetic_data_come_from_draw_and_true_sets_its_family() {
    let sb = Sandbox::new();
    let zip = "ln(w*(x==0) + (1-w)*exp(x*ln(lam) - lam - lgamma(x+1)))";
    let args = [
        "--logf",
        zip,
        "--bounds",
        "lam=0:inf",
        "--bounds",
        "w=0:1",
        "--sweep",
        "lam",
        "--draw",
        "poisson",
        "--true",
        "3",
        "-n",
        "200",
        "--seed",
        "7",
    ];
    let mut a = args.to_vec();
    a.extend(["--json", "a.json", "--csv", "a.csv", "--out", "a.svg"]);
    sb.run_ok(&a);
    // The same draws as the built-in family's: its LL at λ with w = 0 is the Poisson's.
    sb.run_ok(&[
        "--dist", "poisson", "--true", "3", "-n", "200", "--seed", "7", "--json", "p.json",
        "--out", "p.svg",
    ]);
    let mine = sb.json("a.json");
    let poisson = sb.json("p.json");
    assert_eq!(mine["source"], "sample");
    assert_eq!(mine["seed"], 7);
    assert!(num(&mine, "ll_max") >= num(&poisson, "ll_max") - 1e-9);
    // The same command gives the same bytes.
    let first = sb.read("a.csv");
    sb.run_ok(&a);
    assert_eq!(first, sb.read("a.csv"));
}

#[test]
fn points_where_the_expression_is_undefined_are_gaps_never_nan() {
    // ln(lam − 2) is NaN for lam < 2: those grid points are left out.
    let sb = Sandbox::new();
    sb.write("d.txt", lines(POISSON));
    let out = sb.run_ok(&[
        "--logf",
        "x*ln(lam) - lam - lgamma(x+1) + ln(lam-2)",
        "--data",
        "d.txt",
        "--range=1:5",
        "--points",
        "41",
        "--csv",
        "g.csv",
        "--json",
        "g.json",
        "--out",
        "g.svg",
    ]);
    let json = sb.json("g.json");
    assert_eq!(json["undefined_points"], 10);
    let csv = sb.read_string("g.csv");
    assert!(csv.contains("\n1.0,,\n"), "{csv:.80}");
    assert!(!csv.to_lowercase().contains("nan"));
    assert!(!sb.read_string("g.json").to_lowercase().contains("nan"));
    assert!(!sb.read_string("g.svg").contains("NaN"));
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("undefined at 10 grid points"), "{line}");
}

#[test]
fn a_spec_file_keeps_a_model() {
    let sb = Sandbox::new();
    sb.write("counts.txt", lines(POISSON));
    sb.write(
        "model.toml",
        "logf = \"x*ln(lam) - lam - lgamma(x+1)\"\nbounds = [\"lam=0:inf\"]\ndata = \"counts.txt\"\njson = \"s.json\"\nout = [\"s.svg\"]\n",
    );
    sb.run_ok(&["--spec", "model.toml"]);
    assert_close(num(&sb.json("s.json"), "mle"), 3.625, 1e-12, "λ̂");
}

#[test]
fn columns_are_named_by_a_header_and_separated_by_commas_tabs_or_spaces() {
    let sb = Sandbox::new();
    let logf = "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))";
    let rows = "-1,0\n0.5,1\n2,1\n-0.3,0\n1,0\n-2,1\n";
    sb.write("c.csv", format!("\u{feff}x,y\n{rows}"));
    sb.write(
        "t.tsv",
        format!("# a comment\nx\ty\r\n{}", rows.replace(',', "\t")),
    );
    sb.write("s.txt", format!("x y\n\n{}", rows.replace(',', "  ")));
    let mut lls = Vec::new();
    for file in ["c.csv", "t.tsv", "s.txt"] {
        sb.run_ok(&[
            "--logf", logf, "--data", file, "--sweep", "b", "--json", "j.json", "--out", "j.svg",
        ]);
        lls.push(num(&sb.json("j.json"), "ll_max"));
    }
    assert_eq!(lls[0], lls[1]);
    assert_eq!(lls[0], lls[2]);
}

#[test]
fn standard_input_holds_a_table_too() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "--logf",
            "x*ln(lam) - lam - lgamma(x+1)",
            "--bounds",
            "lam=0:inf",
            "--data",
            "-",
            "--json",
            "s.json",
            "--out",
            "s.svg",
        ])
        .write_stdin(format!("x\n{}", lines(POISSON)))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_close(num(&sb.json("s.json"), "mle"), 3.625, 1e-12, "λ̂");
    assert_eq!(sb.json("s.json")["data"], "-");
}

/// A run that must fail with one line, write nothing and leave `fig.svg` as it was.
fn refused(args: &[&str], files: &[(&str, &str)], code: i32, needles: &[&str]) {
    let sb = Sandbox::new();
    sb.write("fig.svg", KNOWN_FIGURE);
    for (name, contents) in files {
        sb.write(name, contents);
    }
    let before = sb.snapshot();
    let mut all = args.to_vec();
    all.extend(ALL_OUTPUTS);
    let out = sb.run(&all);
    assert_one_line_error(&out, code, needles);
    assert!(
        sb.snapshot() == before,
        "nllplot {args:?} failed but changed the folder"
    );
}

#[test]
fn bad_models_are_refused_with_one_line_and_nothing_written() {
    let counts = ("c.txt", "1\n2\n0\n3\n");
    let poisson = "x*ln(lam) - lam - lgamma(x+1)";
    let d = ["--data", "c.txt"];
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (
            vec!["--logf", "x*ln(lam - lam"],
            vec!["--logf: column 15", "expected ')'"],
        ),
        (
            vec!["--logf", "x*lnn(lam)"],
            vec!["unknown function 'lnn'", "did you mean 'ln'"],
        ),
        (
            vec!["--logf", "lbeta(x) + lam"],
            vec!["lbeta takes 2 arguments, found 1"],
        ),
        (vec!["--logf", "2*x"], vec!["no parameters"]),
        (
            vec!["--logf", poisson, "--bounds", "mu=0:1"],
            vec!["--bounds mu=0:1", "'mu' is not a parameter", "lam"],
        ),
        (
            vec!["--logf", poisson, "--bounds", "lam=3:1"],
            vec!["--bounds lam=3:1", "lower bound"],
        ),
        (
            vec!["--logf", poisson, "--fix", "mu=1"],
            vec!["--fix mu", "lam"],
        ),
        (
            vec!["--logf", poisson, "--sweep", "lamb"],
            vec!["--sweep lamb", "did you mean 'lam'?"],
        ),
        (
            vec!["--logf", poisson, "--sweep", "mu"],
            vec!["--sweep mu", "lam"],
        ),
        (
            vec!["--logf", poisson, "--start", "mu=1"],
            vec!["--start mu=1", "not a parameter"],
        ),
        (
            vec![
                "--logf",
                poisson,
                "--bounds",
                "lam=0:inf",
                "--start",
                "lam=-1",
            ],
            vec!["--start lam=-1", "inside the bounds"],
        ),
        (
            vec!["--logf", "ln(w) + x*ln(lam) - lam"],
            vec!["--sweep", "w, lam"],
        ),
    ];
    for (args, needles) in cases {
        let mut all = args.clone();
        all.extend(d);
        refused(&all, &[counts], 2, &needles);
    }
    // No observations at all; --draw without --logf; --data - (read twice).
    refused(
        &["--logf", poisson],
        &[],
        2,
        &["--logf needs observations", "--draw"],
    );
    refused(&["--draw", "poisson"], &[], 2, &["--logf"]);
    // An expression in x and y against a header dose,resp names the columns.
    refused(
        &["--logf", "y*ln(p) + x", "--data", "dr.csv"],
        &[("dr.csv", "dose,resp\n1,0\n")],
        2,
        &["none of the data's columns", "dose, resp"],
    );
    // A row where the expression is NaN or +∞ for every λ in bounds names its line.
    refused(
        &[
            "--logf",
            "ln(x - lam)",
            "--bounds",
            "lam=5:6",
            "--data",
            "c.txt",
        ],
        &[("c.txt", "# counts\n7\n3\n")],
        1,
        &["c.txt:3", "x = 3", "every parameter value in the bounds"],
    );
    // A draw the expression cannot take (a count below 5 under ln(x − λ), λ in [5, 6]).
    refused(
        &[
            "--logf",
            "ln(x - lam)",
            "--bounds",
            "lam=5:6",
            "--draw",
            "poisson",
            "--true",
            "1",
        ],
        &[],
        1,
        &[
            "the sample",
            "draw 1",
            "every parameter value in the bounds",
        ],
    );
    // Rows each defined somewhere, LL nowhere: ln(lam − 1) + ln(1 − lam) is NaN for every lam.
    refused(
        &["--logf", "ln(lam-1) + ln(1-lam) + 0*x", "--data", "c.txt"],
        &[("c.txt", "1\n2\n")],
        1,
        &["c.txt", "NaN or +∞ at every parameter point"],
    );
    // --draw's family checks its own --true.
    refused(
        &["--logf", poisson, "--draw", "poisson", "--true", "-1"],
        &[],
        2,
        &["--true -1", "poisson"],
    );
    // Table errors name file, line and column.
    refused(
        &["--logf", "y*b + x", "--data", "t.csv"],
        &[("t.csv", "x,y\n1,2\n3,abc\n")],
        1,
        &["t.csv:3", "column 2 (y)", "'abc' is not a number"],
    );
    refused(
        &["--logf", "y*b + x", "--data", "t.csv"],
        &[("t.csv", "x,y\n1,2\n3\n")],
        1,
        &["t.csv:3", "1 value", "2 columns (x, y)"],
    );
    refused(
        &["--logf", "y*b + x", "--data", "t.csv"],
        &[("t.csv", "1,2\n3,4\n")],
        1,
        &["t.csv:1", "no header line"],
    );
    let long = format!("x\n{}\n", "1".repeat(5000));
    refused(
        &["--logf", "x*b", "--data", "t.csv"],
        &[("t.csv", long.as_str())],
        1,
        &["t.csv:2", "longer than 4096 bytes"],
    );
}

/// `--animate true=…` with `--logf … --draw poisson` moves the drawn family's λ, whatever the
/// expression calls its parameter, and evaluates the user's model on each frame's data: the
/// Poisson written as an expression has, frame by frame, the estimate of the built-in family
/// on the same draws (Poisson θ̂ = x̄, so equal draws give equal estimates).
#[test]
fn animating_the_true_value_moves_the_drawn_family() {
    use nllplot::analyse;
    use nllplot::config::{AnimateArg, Config, Request};
    use nllplot::family::Dist;
    let request = |logf: Option<&str>| Request {
        dist: Dist::Poisson,
        logf: logf.map(str::to_string),
        draw: logf.map(|_| Dist::Poisson),
        bounds: Vec::new(),
        out: vec!["a.gif".into()],
        animate: Some(AnimateArg::True(1.0, 6.0)),
        frames: 6,
        samples: Some(80),
        ..Request::default()
    };
    let mut user = request(Some("x*ln(lam) - lam - lgamma(x+1)"));
    user.bounds = vec!["lam=0:inf".parse().unwrap()];
    let estimates = |req: Request| -> Vec<f64> {
        let config = Config::from_request(req).unwrap();
        let analysis = analyse(&config).unwrap();
        let frames = analysis.frames.expect("an animation's frames");
        frames.frames.iter().map(|f| f.inference.mle).collect()
    };
    let built_in = estimates(request(None));
    let own = estimates(user);
    assert_eq!(built_in.len(), 6);
    // The true λ moves from 1 to 6: the estimates must follow it, not stay at one value.
    assert!(built_in[5] > built_in[0] + 3.0, "{built_in:?}");
    for (a, b) in built_in.iter().zip(&own) {
        assert_close(
            *b,
            *a,
            1e-7,
            "the user's Poisson θ̂ against the built-in's, per frame",
        );
    }
}

/// A user's model draws a GIF with the true value moving, end to end.
#[test]
fn a_user_model_animates_its_true_value_into_a_gif() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--logf",
        "ln(w*(x==0) + (1-w)*exp(x*ln(lam) - lam - lgamma(x+1)))",
        "--bounds",
        "lam=0:inf",
        "--bounds",
        "w=0:1",
        "--sweep",
        "lam",
        "--draw",
        "poisson",
        "--true",
        "3",
        "--animate",
        "true=1:6",
        "--frames",
        "4",
        "--out",
        "zip.gif",
    ]);
    let gif = sb.read("zip.gif");
    assert!(gif.starts_with(b"GIF89a"));
}

/// `--dist` names a built-in family; with `--logf` it would be silently ignored, so it is
/// refused (`--draw` is the option that names the family drawing the data).
#[test]
fn dist_with_logf_is_refused() {
    let sb = Sandbox::new();
    let before = sb.snapshot();
    let out = sb.run(&[
        "--logf",
        "x*ln(lam) - lam - lgamma(x+1)",
        "--dist",
        "poisson",
        "--draw",
        "poisson",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, 2, &["--dist", "--logf"]);
    assert_eq!(sb.snapshot(), before);
}

/// LL that grows without limit has no estimate: `x*lam` rises for ever with λ, and `-ln(s)`
/// as s ↓ 0. Both were "estimated" where the numbers gave out (λ̂ = 4.5e24); now refused in
/// one line naming the parameter and the end, nothing written. The Poisson written in full
/// on the same data still has its estimate, x̄.
#[test]
fn a_likelihood_without_a_maximum_is_refused() {
    let sb = Sandbox::new();
    sb.write("counts.txt", lines(POISSON));
    let before = sb.snapshot();
    let out = sb.run(&["--logf", "x*lam", "--data", "counts.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, 1, &["counts.txt", "no maximum", "lam → ∞"]);
    let out = sb.run(&[
        "--logf",
        "-ln(s) + 0*x",
        "--bounds",
        "s=0:inf",
        "--data",
        "counts.txt",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, 1, &["no maximum", "s ↓ 0"]);
    assert_eq!(sb.snapshot(), before);
    sb.run_ok(&[
        "--logf",
        "x*ln(lam) - lam - lgamma(x+1)",
        "--bounds",
        "lam=0:inf",
        "--data",
        "counts.txt",
        "--json",
        "s.json",
        "--out",
        "f.svg",
    ]);
    // x̄ of the 40 counts above: 145/40.
    assert_close(
        num(&sb.json("s.json"), "mle"),
        145.0 / 40.0,
        1e-9,
        "Poisson λ̂",
    );
}
