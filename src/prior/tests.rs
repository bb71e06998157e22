//! The priors' densities against scipy.stats and their parser's messages.

use super::*;

/// ln π values from scipy.stats `logpdf`, run in /work/venv:
/// `stats.norm(0,1).logpdf(0.7)`, `stats.norm(1,2).logpdf(-0.5)`,
/// `stats.laplace(0.5,2).logpdf(-1.25)`, `stats.beta(2,3).logpdf(0.3)`,
/// `stats.beta(0.5,0.5).logpdf(0.1)`, `stats.gamma(3,scale=0.5).logpdf(1.7)`,
/// `stats.gamma(0.5,scale=1/1.5).logpdf(0.2)`, `stats.uniform(-1,4).logpdf(2.0)`.
const SCIPY: [(&str, f64, f64); 8] = [
    ("x=normal(0,1)", 0.7, -1.1639385332046726),
    ("x=normal(1,2)", -0.5, -1.893335713764618),
    ("x=laplace(0.5,2)", -1.25, -2.261294361119891),
    ("x=beta(2,3)", 0.3, 0.5675839575845993),
    ("x=beta(0.5,0.5)", 0.1, 0.059242918476535955),
    ("x=gamma(3,2)", 1.7, -0.9524491367557687),
    ("x=gamma(0.5,1.5)", 0.2, 0.13508656734643237),
    ("x=uniform(-1,3)", 2.0, -1.3862943611198906),
];

#[test]
fn log_densities_match_scipy_logpdf() {
    for (text, x, want) in SCIPY {
        let got = parse(text).unwrap().dist.ln_pdf(x);
        assert!(
            (got - want).abs() <= 1e-13 * want.abs().max(1.0),
            "{text} at {x}: {got} vs {want}"
        );
    }
}

#[test]
fn derivatives_are_exact() {
    // Central differences of ln π against the analytic first and second derivatives.
    for (text, x, _) in SCIPY {
        let d = parse(text).unwrap().dist;
        let h = 1e-5;
        let (_, d1, d2) = d.ln_pdf_d(x);
        let num1 = (d.ln_pdf(x + h) - d.ln_pdf(x - h)) / (2.0 * h);
        let num2 = (d.ln_pdf(x + h) - 2.0 * d.ln_pdf(x) + d.ln_pdf(x - h)) / (h * h);
        assert!(
            (d1 - num1).abs() < 1e-6 * d1.abs().max(1.0),
            "{text}: {d1} {num1}"
        );
        assert!(
            (d2 - num2).abs() < 1e-3 * d2.abs().max(1.0),
            "{text}: {d2} {num2}"
        );
    }
}

#[test]
fn outside_the_support_is_minus_infinity_never_nan() {
    let beta = parse("p=beta(2,2)").unwrap().dist;
    assert_eq!(beta.ln_pdf(-0.1), f64::NEG_INFINITY);
    assert_eq!(beta.ln_pdf(1.5), f64::NEG_INFINITY);
    assert_eq!(beta.ln_pdf(0.0), f64::NEG_INFINITY);
    let pole = parse("p=beta(0.5,1)").unwrap().dist;
    assert_eq!(pole.ln_pdf(0.0), f64::INFINITY);
    // a = 1: finite at 0 (ln 1 − ln B(1, 1) = 0), not 0·(−∞).
    assert!(parse("p=beta(1,1)").unwrap().dist.ln_pdf(0.0).abs() < 1e-15);
    let gamma = parse("l=gamma(1,2)").unwrap().dist;
    assert!((gamma.ln_pdf(0.0) - 2f64.ln()).abs() < 1e-15);
    assert_eq!(gamma.ln_pdf(-1.0), f64::NEG_INFINITY);
    let uniform = parse("t=uniform(1,2)").unwrap().dist;
    assert_eq!(uniform.ln_pdf(0.5), f64::NEG_INFINITY);
    assert_eq!(uniform.ln_pdf(1.0), 0.0);
    for d in [beta, pole, gamma, uniform] {
        for x in [-1e300, -1.0, 0.0, 0.5, 1.0, 2.0, 1e300, f64::INFINITY] {
            assert!(!d.ln_pdf(x).is_nan(), "{d} at {x}");
            let (_, a, b) = d.ln_pdf_d(x);
            assert!(!a.is_nan() && !b.is_nan(), "{d} at {x}");
        }
    }
}

#[test]
fn l2_penalty_identity() {
    // −ln N(θ; 0, s) = θ²/(2s²) + ln(s√(2π)), worked by hand from the density.
    for (s, theta) in [(1.0, 0.3), (2.5, -1.7), (0.1, 0.05)] {
        let d = PriorDist::Normal { m: 0.0, s };
        let want = theta * theta / (2.0 * s * s) + (s * (2.0 * PI).sqrt()).ln();
        assert!((-d.ln_pdf(theta) - want).abs() < 1e-14 * want.abs().max(1.0));
    }
    let d = PriorDist::Normal { m: 0.0, s: 1.0 };
    assert_eq!(d.penalty("θ").as_deref(), Some("L2 penalty ½θ²"));
    let l = PriorDist::Laplace { m: 0.0, b: 2.0 };
    assert_eq!(l.penalty("θ").as_deref(), Some("L1 penalty |θ|/2"));
    assert_eq!(PriorDist::Normal { m: 1.0, s: 1.0 }.penalty("θ"), None);
}

#[test]
fn parses_names_spaces_and_case() {
    let p = parse(" b1 = Normal( 0 , 1.5 ) ").unwrap();
    assert_eq!(p.name, "b1");
    assert_eq!(p.dist, PriorDist::Normal { m: 0.0, s: 1.5 });
    assert_eq!(p.dist.to_string(), "normal(0, 1.5)");
}

#[test]
fn malformed_text_names_the_column() {
    let err = |t: &str| parse(t).unwrap_err();
    assert!(
        err("p=beta(2,)").contains("column 10: expected a number"),
        "{}",
        err("p=beta(2,)")
    );
    assert!(err("p=beta(2,x)").contains("column 10: 'x' is not a finite number"));
    assert!(err("p=beta(2,2").contains("expected ')'"));
    assert!(err("p=beta(2,2)x").contains("column 12: unexpected text"));
    assert!(err("p=betta(2,2)").contains("did you mean 'beta'?"));
    assert!(err("p=beta 2,2").contains("unknown distribution"));
    assert!(err("beta(2,2)").contains("NAME=DIST(ARGS)"));
    assert!(err("p=beta(2)").contains("takes 2 arguments (a, b), not 1"));
    assert!(err("p=normal(0,0)")
        .contains("standard deviation s of a normal prior must be positive, not 0"));
    assert!(err("p=gamma(-1,1)").contains("shape of a gamma prior must be positive"));
    assert!(err("p=uniform(2,1)").contains("lo < hi"));
    assert!(err("p=normal(0,inf)").contains("not a finite number"));
    for text in ["p=beta(2,)", "p=betta(2,2)", "p=uniform(2,1)"] {
        assert!(!err(text).contains('\n'));
    }
}
