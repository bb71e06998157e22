//! The expression engine against independent references: scipy.stats' log-densities summed
//! (tools/expr_reference.py, scipy 1.17.1, numpy 2.4.6, mpmath 1.4.1, values printed with
//! repr), closed-form derivatives worked by hand, and the exact text of every error.

use super::*;
use std::f64::consts::PI;

const INF: f64 = f64::INFINITY;

// The data sets of tools/expr_reference.py.
const COUNTS: [f64; 12] = [0.0, 3.0, 1.0, 4.0, 2.0, 2.0, 7.0, 0.0, 1.0, 5.0, 3.0, 2.0];
const BINARY: [f64; 13] = [
    0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0,
];
const TRIALS10: [f64; 7] = [3.0, 5.0, 0.0, 10.0, 4.0, 6.0, 2.0];
const GEOM: [f64; 6] = [1.0, 4.0, 2.0, 1.0, 7.0, 3.0];
const WAITS: [f64; 8] = [0.31, 2.5, 0.07, 1.12, 0.83, 4.4, 0.25, 1.9];
const REALS: [f64; 9] = [1.3, -0.4, 2.9, 0.55, 1.71, -1.2, 3.05, 0.0, 2.2];
const UNIT: [f64; 7] = [0.12, 0.5, 0.93, 0.41, 0.77, 0.05, 0.66];
const FAR: [f64; 6] = [
    1e9 + 0.25,
    1e9 - 1.5,
    1e9 + 2.0,
    1e9 + 0.75,
    1e9 - 0.5,
    1e9 + 1.25,
];
const XS: [f64; 13] = [
    0.5, -1.2, 2.2, 0.1, -0.7, 1.9, -2.5, 0.0, 0.4, 1.1, 3.0, -0.3, 0.8,
];
const CENS_T: [f64; 6] = [1.2, 3.5, 0.4, 2.0, 5.0, 2.7];
const CENS_C: [f64; 6] = [0.0, 1.0, 0.0, 0.0, 1.0, 0.0];

/// Σ scipy.stats logpmf/logpdf (tools/expr_reference.py): (family, θ, LL).
const SCIPY: &[(&str, &[f64], f64)] = &[
    ("poisson", &[0.5], -48.94808283112971),
    ("poisson", &[2.75], -24.80564006397696),
    ("poisson", &[10.0], -73.07611462450998),
    ("bernoulli", &[0.2], -11.21863233380407),
    ("bernoulli", &[0.46], -8.972475712960698),
    ("bernoulli", &[0.9], -16.75025874490528),
    ("binomial", &[0.1], -48.474175034635685),
    ("binomial", &[0.45], -23.050912535259236),
    ("binomial", &[0.8], -46.25402465529158),
    ("geometric", &[0.15], -13.332947063288588),
    ("geometric", &[0.5], -12.476649250079015),
    ("exponential", &[0.3], -13.045782434607489),
    ("exponential", &[1.0], -11.38),
    ("exponential", &[4.0], -34.42964511104088),
    ("gamma", &[0.7, 0.4], -11.095169336707798),
    ("gamma", &[2.0, 1.5], -12.832547383738708),
    ("gamma", &[5.5, 3.0], -27.58852205016493),
    ("normal", &[0.0, 1.0], -22.80499679884205),
    ("normal", &[1.1, 1.7], -16.11134327293446),
    ("normal", &[-2.0, 0.3], -583.5963582265754),
    ("lognormal", &[0.0, 1.0], -12.031231557510754),
    ("lognormal", &[-0.5, 2.5], -13.520599862938571),
    ("beta", &[0.5, 0.5], -0.9841870672297383),
    ("beta", &[2.0, 3.0], -3.2711499758195233),
    ("beta", &[7.5, 1.25], -31.61874925725229),
    ("negbinom", &[0.3], -29.254883997128545),
    ("negbinom", &[0.65], -26.853602766922453),
    ("cauchy", &[0.0], -20.632047006508518),
    ("cauchy", &[1.5], -18.74818890158138),
    ("student_t", &[0.5, 1.0], -17.95458244548296),
    ("student_t", &[1.0, 0.25], -37.18810683975426),
    ("normal_far", &[1000000000.0, 1.0], -9.857381199228035),
    ("normal_far", &[1000000000.5, 1.4], -9.557337067934904),
    ("zip", &[2.5, 0.1], -24.21737063270782),
    ("zip", &[3.0, 0.4], -25.992089448641796),
    ("logistic", &[0.0, 1.0], -6.775842992886749),
    ("logistic", &[-0.4, 0.7], -6.65984114623131),
    ("censored", &[2.0, 1.0], -14.834424755152932),
    ("censored", &[3.0, 2.0], -10.58867626487887),
];

/// A family written as an expression: its text, column names, data and parameter bounds.
struct Case {
    text: &'static str,
    columns: &'static [&'static str],
    data: Vec<&'static [f64]>,
    bounds: Vec<(f64, f64)>,
    separable: bool,
}

fn case(family: &str) -> Case {
    let pos = (0.0, INF);
    let unit = (0.0, 1.0);
    let line = (-INF, INF);
    let x = &["x"][..];
    let (text, columns, data, bounds, separable): (_, _, Vec<&'static [f64]>, _, _) = match family {
        "poisson" => (
            "x*ln(lam) - lam - lgamma(x+1)",
            x,
            vec![&COUNTS],
            vec![pos],
            true,
        ),
        "bernoulli" => (
            "x*ln(p) + (1-x)*ln(1-p)",
            x,
            vec![&BINARY],
            vec![unit],
            true,
        ),
        "binomial" => (
            "lchoose(10, x) + x*ln(p) + (10-x)*ln(1-p)",
            x,
            vec![&TRIALS10],
            vec![unit],
            true,
        ),
        "geometric" => ("ln(p) + (x-1)*ln(1-p)", x, vec![&GEOM], vec![unit], true),
        "exponential" => ("ln(lam) - lam*x", x, vec![&WAITS], vec![pos], true),
        "gamma" => (
            "k*ln(b) - lgamma(k) + (k-1)*ln(x) - b*x",
            x,
            vec![&WAITS],
            vec![pos, pos],
            true,
        ),
        "normal" | "normal_far" => (
            "-0.5*((x - mu)/s)^2 - ln(s) - 0.5*ln(2*pi)",
            x,
            vec![if family == "normal" { &REALS } else { &FAR }],
            vec![line, pos],
            true,
        ),
        "lognormal" => (
            "-((ln(x) - mu)/s)^2/2 - ln(s) - ln(x) - ln(2*pi)/2",
            x,
            vec![&WAITS],
            vec![line, pos],
            true,
        ),
        "beta" => (
            "(a-1)*ln(x) + (b-1)*ln(1-x) - lbeta(a, b)",
            x,
            vec![&UNIT],
            vec![pos, pos],
            true,
        ),
        "negbinom" => (
            "lgamma(x + 2.5) - lgamma(2.5) - lgamma(x + 1) + 2.5*ln(p) + x*ln(1 - p)",
            x,
            vec![&COUNTS],
            vec![unit],
            true,
        ),
        "cauchy" => (
            "-ln(pi) - ln(0.8) - ln(1 + ((x - m)/0.8)^2)",
            x,
            vec![&REALS],
            vec![line],
            false,
        ),
        "student_t" => (
            "-2.5*log1p(((x - m)/s)^2/4) - ln(s) + lgamma(2.5) - lgamma(2) - 0.5*ln(4*pi)",
            x,
            vec![&REALS],
            vec![line, pos],
            false,
        ),
        "zip" => (
            "ln(exp(x*ln(lam) - lam - lgamma(x+1))*(1-w) + w*(x==0))",
            x,
            vec![&COUNTS],
            vec![pos, unit],
            false,
        ),
        "logistic" => (
            "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))",
            &["x", "y"][..],
            vec![&XS, &BINARY],
            vec![line, line],
            false,
        ),
        "censored" => (
            "if(c, lnormcdf(-(t - mu)/s), -0.5*((t - mu)/s)^2 - ln(s) - 0.5*ln(2*pi))",
            &["t", "c"][..],
            vec![&CENS_T, &CENS_C],
            vec![line, pos],
            false,
        ),
        other => panic!("no case {other}"),
    };
    Case {
        text,
        columns,
        data,
        bounds,
        separable,
    }
}

impl Case {
    fn logf(&self) -> Logf {
        Logf::new(self.text, self.columns).unwrap()
    }

    fn observe(&self, logf: &Logf) -> Observations {
        logf.observations(&self.data, &Probes::within(&self.bounds))
            .unwrap()
    }
}

fn rel(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    }
}

#[test]
fn families_written_as_expressions_equal_scipy() {
    for &(family, theta, want) in SCIPY {
        let c = case(family);
        let logf = c.logf();
        assert_eq!(logf.is_separable(), c.separable, "{family}");
        let obs = c.observe(&logf);
        assert_eq!(obs.is_reduced(), c.separable, "{family}");
        let got = logf.ll(&obs, theta).unwrap();
        assert!(
            rel(got, want) < 1e-12,
            "{family} at {theta:?}: {got}, scipy {want}"
        );
        // The same expression row by row.
        let direct = c.logf().without_separation();
        let kept = c.observe(&direct);
        assert!(!kept.is_reduced());
        let got = direct.ll(&kept, theta).unwrap();
        assert!(
            rel(got, want) < 1e-12,
            "{family} per row at {theta:?}: {got}, scipy {want}"
        );
        // And one row at a time.
        let rows: f64 = (0..c.data[0].len())
            .map(|i| {
                let row: Vec<f64> = c.data.iter().map(|col| col[i]).collect();
                logf.ln_f(&row, theta)
            })
            .sum();
        assert!(
            rel(rows, want) < 1e-12,
            "{family} ln_f at {theta:?}: {rows}, scipy {want}"
        );
    }
}

/// The parameters' closed-form derivatives, by hand, against the dual numbers; both ways of
/// keeping the data.
fn check_derivatives(family: &str, theta: &[f64], grad: &[f64], hess: &[f64]) {
    let c = case(family);
    for logf in [c.logf(), c.logf().without_separation()] {
        let obs = c.observe(&logf);
        let d = logf.ll_grad_hess(&obs, theta).unwrap();
        assert_eq!(
            d.ll.to_bits(),
            logf.ll(&obs, theta).unwrap().to_bits(),
            "{family}"
        );
        for (i, (&g, &want)) in d.gradient.iter().zip(grad).enumerate() {
            assert!(rel(g, want) < 1e-10, "{family} ∂{i}: {g}, by hand {want}");
        }
        for (i, (&h, &want)) in d.hessian.iter().zip(hess).enumerate() {
            assert!(rel(h, want) < 1e-10, "{family} H[{i}]: {h}, by hand {want}");
        }
        let (ll, g) = logf.ll_grad(&obs, theta).unwrap();
        assert_eq!(ll.to_bits(), d.ll.to_bits());
        for (a, b) in g.iter().zip(&d.gradient) {
            assert!(rel(*a, *b) < 1e-14, "{family}: gradient {a} against {b}");
        }
        for k in 0..theta.len() {
            let along = logf.ll_along(&obs, theta, k).unwrap();
            let p = theta.len();
            assert!(rel(along.d1, grad[k]) < 1e-10 && rel(along.d2, hess[k * p + k]) < 1e-10);
        }
    }
}

#[test]
fn poisson_derivatives_are_exact() {
    // LL′ = s/λ − n, LL″ = −s/λ², s = 30, n = 12.
    let lam = 2.75;
    check_derivatives(
        "poisson",
        &[lam],
        &[30.0 / lam - 12.0],
        &[-30.0 / (lam * lam)],
    );
}

#[test]
fn normal_derivatives_are_exact() {
    // ∂μ = Σd/σ², ∂σ = −n/σ + Σd²/σ³, ∂μμ = −n/σ², ∂μσ = −2Σd/σ³, ∂σσ = n/σ² − 3Σd²/σ⁴,
    // with d = x − μ.
    let (mu, s) = (1.1, 1.7);
    let n = REALS.len() as f64;
    let s1: f64 = REALS.iter().map(|x| x - mu).sum();
    let s2: f64 = REALS.iter().map(|x| (x - mu) * (x - mu)).sum();
    let grad = [s1 / (s * s), -n / s + s2 / (s * s * s)];
    let cross = -2.0 * s1 / (s * s * s);
    let hess = [
        -n / (s * s),
        cross,
        cross,
        n / (s * s) - 3.0 * s2 / (s * s * s * s),
    ];
    check_derivatives("normal", &[mu, s], &grad, &hess);
}

#[test]
fn gamma_derivatives_are_exact() {
    // LL = nk ln β − n lnΓ(k) + (k − 1)Σ ln x − βΣx: ∂k = n ln β − nψ(k) + Σ ln x,
    // ∂β = nk/β − Σx, ∂kk = −nψ′(k), ∂kβ = n/β, ∂ββ = −nk/β². scipy 1.17.1: ψ(0.7) =
    // -1.2200235536979347, ψ′(0.7) = 2.8340491566946113.
    let (k, b): (f64, f64) = (0.7, 0.4);
    let n = WAITS.len() as f64;
    let sum_ln: f64 = WAITS.iter().map(|x| x.ln()).sum();
    let sum: f64 = WAITS.iter().sum();
    let grad = [
        n * b.ln() - n * -1.2200235536979347 + sum_ln,
        n * k / b - sum,
    ];
    let hess = [-n * 2.8340491566946113, n / b, n / b, -n * k / (b * b)];
    check_derivatives("gamma", &[k, b], &grad, &hess);
}

#[test]
fn logistic_regression_derivatives_are_exact() {
    // ∂ = Σ (y − σ(η))·(1, x); H = −Σ σ(η)σ(−η)·(1, x)ᵀ(1, x), η = a + b·x.
    let (a, b) = (-0.4, 0.7);
    let sig = |t: f64| 1.0 / (1.0 + (-t).exp());
    let mut grad = [0.0; 2];
    let mut hess = [0.0; 4];
    for (&x, &y) in XS.iter().zip(&BINARY) {
        let eta = a + b * x;
        let r = y - sig(eta);
        let w = sig(eta) * sig(-eta);
        grad[0] += r;
        grad[1] += r * x;
        hess[0] -= w;
        hess[1] -= w * x;
        hess[2] -= w * x;
        hess[3] -= w * x * x;
    }
    check_derivatives("logistic", &[a, b], &grad, &hess);
}

#[test]
fn zero_inflated_poisson_derivatives_are_exact() {
    // f = w[x = 0] + (1 − w)p, p = e^(−λ)λ^x/x!, p_λ = p(x/λ − 1), p_λλ = p((x/λ − 1)² − x/λ²):
    // ∂w = Σ([x = 0] − p)/f, ∂λ = Σ(1 − w)p_λ/f, and the second derivatives of ln f.
    let (lam, w): (f64, f64) = (3.0, 0.4);
    let mut grad = [0.0; 2];
    let mut hess = [0.0; 4];
    for &x in &COUNTS {
        let ln_fact: f64 = (1..=x as u32).map(|k| f64::from(k).ln()).sum();
        let p = (x * lam.ln() - lam - ln_fact).exp();
        let z = if x == 0.0 { 1.0 } else { 0.0 };
        let f = w * z + (1.0 - w) * p;
        let pl = p * (x / lam - 1.0);
        let pll = p * ((x / lam - 1.0).powi(2) - x / (lam * lam));
        let (fl, fw) = ((1.0 - w) * pl, z - p);
        let (fll, flw, fww) = ((1.0 - w) * pll, -pl, 0.0);
        grad[0] += fl / f;
        grad[1] += fw / f;
        hess[0] += fll / f - fl * fl / (f * f);
        hess[1] += flw / f - fl * fw / (f * f);
        hess[3] += fww / f - fw * fw / (f * f);
    }
    hess[2] = hess[1];
    check_derivatives("zip", &[lam, w], &grad, &hess);
}

/// mpmath 1.4.1 at 60 digits (tools/expr_reference.py): Σ ln Φ(a·x) over x = −3, −7.5, −12
/// and its first two derivatives in a.
const FAR_TAIL: [(f64, f64, f64, f64); 3] = [
    (
        1.0,
        -113.09429012596915,
        -212.05311400112097,
        -206.74764753790308,
    ),
    (
        4.0,
        -1686.5224900598573,
        -837.7458734870704,
        -209.06553848979544,
    ),
    (
        90.0,
        -847484.3546833387,
        -18832.5333329607,
        -209.2496296420503,
    ),
];

#[test]
fn lnormcdf_far_in_the_tail_matches_mpmath_with_its_derivatives() {
    let logf = Logf::new("lnormcdf(a*x)", &["x"]).unwrap();
    let xs = [-3.0, -7.5, -12.0];
    let obs = logf
        .observations(&[&xs], &Probes::within(&[(-INF, INF)]))
        .unwrap();
    for (a, ll, d1, d2) in FAR_TAIL {
        let along = logf.ll_along(&obs, &[a], 0).unwrap();
        assert!(
            rel(along.ll, ll) < 1e-14,
            "ll at {a}: {}, mpmath {ll}",
            along.ll
        );
        assert!(
            rel(along.d1, d1) < 1e-13,
            "d1 at {a}: {}, mpmath {d1}",
            along.d1
        );
        assert!(
            rel(along.d2, d2) < 1e-11,
            "d2 at {a}: {}, mpmath {d2}",
            along.d2
        );
    }
}

/// scipy 1.17.1 over COUNTS: (a, Σ[lnΓ(x+a) − lnΓ(a)], Σ[ψ(x+a) − ψ(a)], the same with ψ′,
/// with ψ″).
const GAMMA_SUMS: [(f64, f64, f64, f64, f64); 2] = [
    (
        0.8,
        18.435970457739792,
        20.255771697668784,
        -19.077805506382663,
        42.423649149207364,
    ),
    (
        3.5,
        47.120559854248064,
        6.495126888934938,
        -1.508160150780772,
        0.7390793012172951,
    ),
];

#[test]
fn lgamma_and_digamma_carry_their_exact_derivatives() {
    let probes = Probes::within(&[(0.0, INF)]);
    let lg = Logf::new("lgamma(x + a) - lgamma(a)", &["x"]).unwrap();
    let dg = Logf::new("digamma(x + a) - digamma(a)", &["x"]).unwrap();
    let (olg, odg) = (
        lg.observations(&[&COUNTS], &probes).unwrap(),
        dg.observations(&[&COUNTS], &probes).unwrap(),
    );
    for (a, v, d1, d2, d3) in GAMMA_SUMS {
        let f = lg.ll_along(&olg, &[a], 0).unwrap();
        assert!(
            rel(f.ll, v) < 1e-13 && rel(f.d1, d1) < 1e-12 && rel(f.d2, d2) < 1e-11,
            "{f:?}"
        );
        let g = dg.ll_along(&odg, &[a], 0).unwrap();
        assert!(
            rel(g.ll, d1) < 1e-12 && rel(g.d1, d2) < 1e-11 && rel(g.d2, d3) < 1e-10,
            "{g:?}"
        );
    }
}

#[test]
fn which_expressions_separate() {
    let x = &["x"];
    for text in [
        "x*lam",
        "x/lam - lam",
        "lam/x",
        "-(x*lam) + lgamma(x + 1)",
        "(x - mu)^2/s",
        "(x + lam)^3",
        "x^2*lam + exp(lam)*ln(x)",
        "(x - mu)*(x + mu)/(2*s^2)",
        "x*ln(lam)/2 - lam*sqrt(x)",
    ] {
        assert!(Logf::new(text, x).unwrap().is_separable(), "{text}");
    }
    for text in [
        "ln(lam*x)",
        "exp(lam*x)",
        "x^lam",
        "(x/s)^k",
        "1/(x + lam)",
        "(x - mu)^5",
        "if(x > lam, 1, 0)",
        "abs(x - m)",
        "logsumexp(lam*x, 0)",
        "(x - lam)^0.5",
    ] {
        assert!(!Logf::new(text, x).unwrap().is_separable(), "{text}");
    }
}

#[test]
fn separated_sums_equal_the_direct_sum_over_a_grid() {
    for (text, data, lo, hi) in [
        ("(x - mu)^3*s - (x + s)^2/mu + x/s", &REALS[..], 0.3, 4.0),
        (
            "x*ln(lam) - lam - lgamma(x+1) + lam/(x+1)",
            &COUNTS[..],
            0.1,
            9.0,
        ),
        (
            "-0.5*((x - mu)/s)^2 - ln(s)",
            &FAR[..],
            1e9 - 2.0,
            1e9 + 2.0,
        ),
    ] {
        let sums = Logf::new(text, &["x"]).unwrap();
        assert!(sums.is_separable(), "{text}");
        let direct = sums.clone().without_separation();
        let probes = Probes::within(&vec![(-INF, INF); sums.params().len()]);
        let (os, od) = (
            sums.observations(&[data], &probes).unwrap(),
            direct.observations(&[data], &probes).unwrap(),
        );
        assert!(os.is_reduced() && !od.is_reduced());
        for i in 0..50 {
            let t = lo + (hi - lo) * i as f64 / 49.0;
            let theta: Vec<f64> = (0..sums.params().len())
                .map(|k| t + 0.25 * k as f64)
                .collect();
            let (a, b) = (
                sums.ll(&os, &theta).unwrap(),
                direct.ll(&od, &theta).unwrap(),
            );
            assert!(rel(a, b) < 1e-12, "{text} at {theta:?}: sums {a}, rows {b}");
            let (da, db) = (
                sums.ll_grad_hess(&os, &theta).unwrap(),
                direct.ll_grad_hess(&od, &theta).unwrap(),
            );
            for (x, y) in da
                .gradient
                .iter()
                .chain(&da.hessian)
                .zip(db.gradient.iter().chain(&db.hessian))
            {
                assert!(
                    rel(*x, *y) < 1e-9 || (x - y).abs() < 1e-9,
                    "{text}: {x} against {y}"
                );
            }
        }
    }
}

#[test]
fn parts_shifted_differently_merge_into_the_sums_of_the_whole() {
    let logf = Logf::new("-0.5*((x - mu)/s)^2 - ln(s) - 0.5*ln(2*pi)", &["x"]).unwrap();
    let probes = Probes::within(&[(-INF, INF), (0.0, INF)]);
    let whole = logf.observations(&[&FAR], &probes).unwrap();
    let mut merged = logf.observations(&[&FAR[..2]], &probes).unwrap();
    merged.merge(&logf.observations(&[&FAR[2..]], &probes).unwrap());
    merged.merge(&Observations::default());
    assert_eq!(merged.len(), 6);
    for (theta, want) in [
        ([1e9, 1.0], -9.857381199228035),
        ([1e9 + 0.5, 1.4], -9.557337067934904),
    ] {
        let (a, b) = (
            logf.ll(&whole, &theta).unwrap(),
            logf.ll(&merged, &theta).unwrap(),
        );
        assert!(
            rel(a, want) < 1e-12 && rel(b, want) < 1e-12,
            "{a} {b} scipy {want}"
        );
    }
    // Kept rows merge by appending.
    let direct = logf.clone().without_separation();
    let mut kept = direct.observations(&[&FAR[..4]], &probes).unwrap();
    kept.merge(&direct.observations(&[&FAR[4..]], &probes).unwrap());
    let all = direct.observations(&[&FAR], &probes).unwrap();
    assert_eq!(
        direct.ll(&kept, &[1e9, 1.0]).unwrap().to_bits(),
        direct.ll(&all, &[1e9, 1.0]).unwrap().to_bits()
    );
}

#[test]
fn memory_stays_flat_when_the_expression_separates() {
    let logf = Logf::new("x*ln(lam) - lam - lgamma(x+1)", &["x"]).unwrap();
    let probes = Probes::within(&[(0.0, INF)]);
    let mut obs = Observations::default();
    let batch: Vec<f64> = (0..10_000).map(|i| f64::from(i % 13)).collect();
    logf.observe(&mut obs, &[&batch], &probes).unwrap();
    let bytes = obs.heap_bytes();
    for _ in 0..20 {
        logf.observe(&mut obs, &[&batch], &probes).unwrap();
    }
    assert_eq!(obs.len(), 210_000);
    assert_eq!(obs.heap_bytes(), bytes);
    assert!(bytes < 1024, "{bytes}");
}

#[test]
fn undefined_values_are_reported_not_returned() {
    let probes = Probes::within(&[(-INF, INF)]);
    for logf in [
        Logf::new("sqrt(lam)*x", &["x"]).unwrap(),
        Logf::new("sqrt(lam)*x", &["x"])
            .unwrap()
            .without_separation(),
    ] {
        let obs = logf.observations(&[&[1.0, 2.0]], &probes).unwrap();
        assert_eq!(logf.ll(&obs, &[4.0]), Some(6.0));
        assert_eq!(logf.ll(&obs, &[-1.0]), None); // NaN
        assert!(logf.ll_grad_hess(&obs, &[-1.0]).is_none());
        // At 0 the value is 0 but the slope is infinite: no derivatives, the value stands.
        assert_eq!(logf.ll(&obs, &[0.0]), Some(0.0));
        assert!(logf.ll_grad_hess(&obs, &[0.0]).is_none());
    }
    // +∞ is undefined, −∞ is a value.
    let logf = Logf::new("-ln(lam)*x", &["x"]).unwrap();
    let obs = logf.observations(&[&[1.0]], &probes).unwrap();
    assert_eq!(logf.ll(&obs, &[0.0]), None);
    let logf = Logf::new("ln(lam)*x", &["x"]).unwrap();
    let obs = logf.observations(&[&[1.0]], &probes).unwrap();
    assert_eq!(logf.ll(&obs, &[0.0]), Some(f64::NEG_INFINITY));
    // A Poisson rate of 0 with positive counts has probability zero, from the sums too.
    let c = case("poisson");
    let logf = c.logf();
    assert_eq!(logf.ll(&c.observe(&logf), &[0.0]), Some(f64::NEG_INFINITY));
}

#[test]
fn a_row_undefined_everywhere_in_bounds_is_found() {
    let pos = [(0.0, INF)];
    for sums in [true, false] {
        let make = |text: &str| {
            let l = Logf::new(text, &["x"]).unwrap();
            if sums {
                l
            } else {
                l.without_separation()
            }
        };
        // ln of a negative observation is NaN whatever λ.
        let logf = make("x*ln(lam) + lam*ln(x)");
        let probes = Probes::within(&pos);
        assert_eq!(
            logf.observations(&[&[1.0, 2.0, -1.0, 3.0]], &probes).err(),
            Some(2)
        );
        // +∞ at every λ.
        let logf = make("lam - ln(x)");
        assert_eq!(logf.observations(&[&[1.0, 0.0]], &probes).err(), Some(1));
        // −∞ everywhere is a value (probability zero), not an error.
        let logf = make("x*ln(lam) - lam - lgamma(x+1)");
        let obs = logf.observations(&[&[1.0, -1.0]], &probes).unwrap();
        assert_eq!(logf.ll(&obs, &[2.0]), Some(f64::NEG_INFINITY));
        // In a later batch, the index is the batch's.
        let logf = make("x*ln(lam) + lam*ln(x)");
        let mut obs = Observations::default();
        logf.observe(&mut obs, &[&[1.0; 300]], &probes).unwrap();
        let mut batch = vec![2.0; 300];
        batch[270] = -5.0;
        assert_eq!(logf.observe(&mut obs, &[&batch], &probes), Err(270));
    }
    // Only defined where λ > x: refused when the bounds keep λ below the row, kept when they
    // let it above.
    let logf = Logf::new("sqrt(lam - x)", &["x"]).unwrap();
    assert!(!logf.is_separable());
    let row = [&[50.0][..]];
    assert_eq!(
        logf.observations(&row, &Probes::within(&[(0.0, 10.0)]))
            .err(),
        Some(0)
    );
    assert!(logf
        .observations(&row, &Probes::within(&[(0.0, INF)]))
        .is_ok());
}

/// A fixed pseudo-random stream (a 64-bit LCG, Knuth's constants) for data that the test
/// can regenerate without a dependency.
fn stream(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

#[test]
fn sums_have_the_same_bits_on_any_number_of_threads() {
    let n = 100_003;
    let xs: Vec<f64> = stream(n, 1).iter().map(|u| 6.0 * u - 3.0).collect();
    let ys: Vec<f64> = stream(n, 2)
        .iter()
        .zip(&xs)
        .map(|(u, x)| {
            if *u < 1.0 / (1.0 + (-0.5 - 1.2 * x).exp()) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let c = case("logistic");
    let logf = c.logf();
    let obs = logf
        .observations(&[&xs, &ys], &Probes::within(&c.bounds))
        .unwrap();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let ll = logf.ll(&obs, &[-0.4, 1.1]).unwrap();
            let d = logf.ll_grad_hess(&obs, &[-0.4, 1.1]).unwrap();
            let bits: Vec<u64> = std::iter::once(ll)
                .chain(d.gradient)
                .chain(d.hessian)
                .map(f64::to_bits)
                .collect();
            bits
        })
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}

#[test]
fn syntax_errors_name_the_column_and_the_token() {
    let err = |text: &str| Logf::new(text, &["x"]).unwrap_err().to_string();
    for (text, want) in [
        ("x*ln(lam", "column 9: expected ')' after 'lam'"),
        ("(x + lam", "column 9: expected ')' after 'lam'"),
        (
            "x*ln(lam x)",
            "column 10: expected ')' after 'lam', found 'x'",
        ),
        (
            "lbeta(x lam)",
            "column 9: expected ',' or ')' after 'x', found 'lam'",
        ),
        ("max(x, lam", "column 11: expected ',' or ')' after 'lam'"),
        (
            "lgama(x+1)*lam",
            "column 1: unknown function 'lgama'; did you mean 'lgamma'?",
        ),
        (
            "x*lam - lgmama(x)",
            "column 9: unknown function 'lgmama'; did you mean 'lgamma'?",
        ),
        (
            "x(lam)",
            "column 1: 'x' is a data column, not a function; to multiply, write x*(…)",
        ),
        ("lbeta(x)*lam", "column 1: lbeta takes 2 arguments, found 1"),
        (
            "logsumexp(x)*lam",
            "column 1: logsumexp takes at least 2 arguments, found 1",
        ),
        ("if(x, lam)", "column 1: if takes 3 arguments, found 2"),
        ("ln()*lam + x", "column 1: ln takes 1 argument, found 0"),
        ("exp*lam + x", "column 1: 'exp' is a function: write exp(…)"),
        (
            "x + * lam",
            "column 5: expected an operand after '+', found '*'",
        ),
        ("x*lam +", "column 8: expected an operand after '+'"),
        ("x lam", "column 3: missing operator between 'x' and 'lam'"),
        ("2lam*x", "column 2: missing operator between '2' and 'lam'"),
        ("x*lam)", "column 6: unexpected ')' after 'lam'"),
        (")x", "column 1: expected an operand, found ')'"),
        (
            "x ^^ lam",
            "column 4: expected an operand after '^', found '^'",
        ),
        ("x, lam", "column 2: unexpected ',' after 'x'"),
        ("", "the expression is empty"),
        ("   ", "the expression is empty"),
        ("x $ lam", "column 3: unexpected character '$'"),
    ] {
        assert_eq!(err(text), want, "{text}");
    }
    assert!(err("x < lam < 2").starts_with("column 9: comparisons do not chain"));
    assert!(err("lam*f(x)").starts_with(
        "column 5: unknown function 'f'; to multiply, write f*(…) (the functions: ln, log, exp"
    ));
    // The command line's one line.
    let e = Logf::new("x*ln(lam - 1", &["x"]).unwrap_err();
    assert_eq!(
        e.usage("--logf").to_string(),
        "--logf: column 13: expected ')' after '1'"
    );
    assert_eq!(e.column(), Some(13));
}

#[test]
fn names_are_classified_by_the_data_columns() {
    // A header dose,resp: x and y are not columns, so nothing uses the data.
    let e = Logf::new("y*ln(x) - x", &["dose", "resp"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the expression uses none of the data's columns (dose, resp); its names y, x would all be parameters"
    );
    let e = Logf::new("ln(x) + 2*pi", &["x"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the expression has no parameters: every name in it is a data column (x) or a constant"
    );
    let logf = Logf::new(
        "resp*ln(p) + (1 - resp)*ln(1 - p) + 0*dose*q",
        &["dose", "resp"],
    )
    .unwrap();
    assert_eq!(logf.params(), ["p", "q"]);
    // A column called e shadows Euler's number; pi stays a constant.
    let logf = Logf::new("e*lam*pi", &["e"]).unwrap();
    assert_eq!(logf.params(), ["lam"]);
    let obs = logf
        .observations(&[&[2.0]], &Probes::within(&[(-INF, INF)]))
        .unwrap();
    assert_eq!(logf.ll(&obs, &[3.0]), Some(2.0 * 3.0 * PI));
    // Unicode names are parameters too.
    assert_eq!(Logf::new("x*ln(λ) - λ", &["x"]).unwrap().params(), ["λ"]);
}

#[test]
fn a_name_that_is_not_a_parameter_gets_a_suggestion() {
    let logf = case("zip").logf();
    assert_eq!(logf.params(), ["lam", "w"]);
    assert_eq!(logf.param_index("w"), Ok(1));
    assert_eq!(
        logf.param_index("lamda").unwrap_err().to_string(),
        "'lamda' is not a parameter of the expression (its parameters: lam, w); did you mean 'lam'?"
    );
    assert_eq!(
        logf.param_index("sigma").unwrap_err().to_string(),
        "'sigma' is not a parameter of the expression (its parameters: lam, w)"
    );
}

#[test]
fn numbers_operators_and_precedence() {
    let probes = Probes::within(&[(-INF, INF)]);
    for (text, x, t, want) in [
        ("-x^2 + t", 3.0, 0.0, -9.0),
        ("2^-1*t + x", 0.0, 4.0, 2.0),
        ("x^t^2", 2.0, 3.0, 512.0),
        ("x - t - 1", 10.0, 3.0, 6.0),
        ("x / t / 2", 12.0, 3.0, 2.0),
        ("1.5e1*x + .5*t", 1.0, 2.0, 16.0),
        (
            "(x < t) + (x <= t)*2 + (x > t)*4 + (x >= t)*8 + (x == t)*16 + (x != t)*32",
            1.0,
            2.0,
            35.0,
        ),
        ("if(x - 1, t, -t)", 1.0, 5.0, -5.0),
        ("min(x, t, 0.5) + max(x, t)", 1.0, 2.0, 2.5),
        ("logsumexp(x, t, x)", 0.0, 0.0, 3f64.ln()),
        ("abs(x - t) + expm1(0)*t + log1p(0)*x", 1.0, 4.0, 3.0),
        (
            "sigmoid(x)*2 + softplus(t)",
            0.0,
            0.0,
            1.0 + std::f64::consts::LN_2,
        ),
        ("normcdf(x)*t", 0.0, 2.0, 1.0),
        ("log(e)*x + ln(exp(t))", 2.0, 3.0, 5.0),
    ] {
        let logf = Logf::new(text, &["x"]).unwrap();
        // Within an ulp (ln 3 and the like come from the engine's own logarithm).
        let close = |v: f64| (v - want).abs() <= 2.3e-16 * want.abs().max(1.0);
        assert!(
            close(logf.ln_f(&[x], &[t])),
            "{text}: {}",
            logf.ln_f(&[x], &[t])
        );
        let obs = logf.observations(&[&[x]], &probes).unwrap();
        assert!(close(logf.ll(&obs, &[t]).unwrap()), "{text}");
    }
}

#[test]
fn no_observations_give_an_empty_sum() {
    for logf in [case("poisson").logf(), case("logistic").logf()] {
        let obs = Observations::default();
        assert!(obs.is_empty());
        let theta = vec![0.5; logf.params().len()];
        assert_eq!(logf.ll(&obs, &theta), Some(0.0));
        let d = logf.ll_grad_hess(&obs, &theta).unwrap();
        assert!(d.gradient.iter().chain(&d.hessian).all(|&v| v == 0.0));
    }
}
