//! Reference values for the models: `tools/model_reference.py` (scipy 1.17.1, numpy 2.4.6)
//! prints, for each model and the data set written beside it here,
//! - LL at one point, as numpy.sum(scipy.stats.<dist>.logpdf/logpmf(x, ...));
//! - the joint MLE: scipy.stats.<dist>.fit where scipy solves it exactly (gamma; weibull_min
//!   with floc=0), closed forms (normal, lognormal, laplace), otherwise the root of the score
//!   equations written with scipy.special, found by scipy.optimize.root (xtol 1e-14);
//! - one parameter's 95 % profile likelihood-ratio interval: the nuisance maximised by scipy,
//!   each end by scipy.optimize.brentq;
//! - its standard error √((J⁻¹)ᵢᵢ) from the observed information matrix written out by hand.

use super::*;
use crate::inference;

const NORMAL: [f64; 7] = [1.0, 2.0, 6.0, -1.0, 3.5, 0.25, 2.75];
const POSITIVE: [f64; 10] = [0.8, 2.3, 1.1, 4.0, 0.35, 1.9, 2.7, 0.6, 3.3, 1.2];
const UNIT: [f64; 10] = [0.12, 0.55, 0.31, 0.78, 0.43, 0.66, 0.21, 0.39, 0.59, 0.47];
const COUNTS: [f64; 14] = [
    0.0, 3.0, 1.0, 7.0, 2.0, 0.0, 12.0, 4.0, 1.0, 5.0, 0.0, 9.0, 2.0, 3.0,
];
const LOCATION: [f64; 10] = [-1.3, 0.25, 2.75, 0.001, 3.5, -0.4, 1.9, 0.6, 8.0, -4.2];
const STUDENT: [f64; 12] = [
    -1.3, 0.25, 2.75, 0.001, 3.5, -0.4, 1.9, 0.6, 8.0, -4.2, 0.9, 1.4,
];

/// One model's reference values.
struct Case {
    dist: Dist,
    data: &'static [f64],
    /// (θ, Σ log f) at one point of every parameter.
    ll_at: (&'static [f64], f64),
    mle: &'static [f64],
    /// The parameter whose profile is checked (every other one profiled, but those in
    /// `fixed`), its 95 % interval and standard error.
    profiled: usize,
    fixed: &'static [(usize, f64)],
    interval: (f64, f64),
    se: Option<f64>,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            dist: Dist::Normal,
            data: &NORMAL,
            ll_at: (&[0.5, 1.5], -20.18749215585653),
            mle: &[2.0714285714285716, 2.1327140895476595],
            profiled: 0,
            fixed: &[],
            interval: (0.2478152921391594, 3.895041850717985),
            se: Some(0.806090156935235),
        },
        Case {
            dist: Dist::LogNormal,
            data: &POSITIVE,
            ll_at: (&[0.2, 0.9], -15.30617613511005),
            mle: &[0.3542072048729508, 0.7510050675814567],
            profiled: 1,
            fixed: &[],
            interval: (0.5122672580376866, 1.25411425236467),
            se: Some(0.16792983825589605),
        },
        Case {
            dist: Dist::Gamma,
            data: &POSITIVE,
            ll_at: (&[1.5, 0.8], -14.96829486899594),
            mle: &[2.1732444352646807, 1.1908188686381813],
            profiled: 1,
            fixed: &[],
            interval: (0.3907318707501246, 2.6275191430961904),
            se: Some(0.5589005529116717),
        },
        Case {
            dist: Dist::Weibull,
            data: &POSITIVE,
            ll_at: (&[1.7, 2.1], -14.597283897127445),
            mle: &[1.6111663472116442, 2.0424371868535296],
            profiled: 0,
            fixed: &[],
            interval: (0.9205916475435886, 2.529556812036907),
            se: Some(0.40843135738644604),
        },
        Case {
            dist: Dist::Beta,
            data: &UNIT,
            ll_at: (&[2.0, 3.0], 2.2490122747244574),
            mle: &[2.5918294935472503, 3.1882804315891033],
            profiled: 0,
            fixed: &[],
            interval: (0.9997280058156985, 5.434296496668235),
            se: Some(1.107022573047471),
        },
        Case {
            dist: Dist::NegativeBinomial,
            data: &COUNTS,
            ll_at: (&[2.0, 0.3], -34.48402973963063),
            mle: &[1.165516316059189, 0.24981507663950536],
            profiled: 1,
            fixed: &[],
            interval: (0.07866837401675458, 0.542540558772633),
            se: Some(0.11761856296316946),
        },
        Case {
            dist: Dist::Cauchy,
            data: &LOCATION,
            ll_at: (&[0.5, 2.0], -26.217638559105307),
            mle: &[0.4245237457635005, 1.3698678517551899],
            profiled: 0,
            fixed: &[],
            interval: (-0.7981703344435631, 2.176886348488219),
            se: Some(0.6372952123645771),
        },
        Case {
            dist: Dist::Laplace,
            data: &LOCATION,
            ll_at: (&[0.5, 2.0], -25.06244361119891),
            mle: &[0.425, 2.2399],
            profiled: 1,
            fixed: &[],
            interval: (1.2770716503523218, 4.470175228692583),
            se: Some(0.7083185731011152),
        },
        Case {
            dist: Dist::StudentT,
            data: &STUDENT,
            ll_at: (&[0.5, 1.5, 4.0], -29.360304088531738),
            mle: &[0.8176838584781543, 1.5645319791723171, 2.1104355075523937],
            profiled: 0,
            fixed: &[(2, 3.0)],
            interval: (-0.4401917622444581, 2.2213711630050432),
            se: Some(0.612642243224827),
        },
    ]
}

fn model_of(dist: Dist) -> Box<dyn Model> {
    build(dist, Known::default()).unwrap()
}

fn stats_of(model: &dyn Model, xs: &[f64]) -> SufficientStats {
    let mut stats = SufficientStats::default();
    for &x in xs {
        model.check(x).unwrap();
    }
    model.observe(&mut stats, xs);
    stats
}

fn assert_rel(actual: f64, expected: f64, rel: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= rel * expected.abs().max(1e-300),
        "{what}: {actual} against {expected}"
    );
}

/// The likelihood with parameter `swept` on the grid, those in `fixed` at their values and
/// every other parameter profiled.
fn profile_likelihood(dist: Dist, swept: usize, fixed: &[(usize, f64)]) -> Likelihood {
    let model = model_of(dist);
    let roles = (0..model.params().len())
        .map(|i| match fixed.iter().find(|(j, _)| *j == i) {
            Some(&(_, v)) => Role::Fixed(v),
            None if i == swept => Role::Swept,
            None => Role::Profiled,
        })
        .collect();
    Likelihood::new(model, roles, vec![swept]).unwrap()
}

#[test]
fn joint_log_likelihoods_equal_scipy_sums() {
    for case in cases() {
        let model = model_of(case.dist);
        let stats = stats_of(model.as_ref(), case.data);
        let (theta, expected) = case.ll_at;
        assert_rel(model.ll(&stats, theta), expected, 1e-12, case.dist.name());
        // The hyper-dual evaluation carries the same value.
        let duals: Vec<HyperDual64> = theta.iter().map(|&t| HyperDual64::from_re(t)).collect();
        assert_rel(
            model.ll_hd(&stats, &duals).re,
            expected,
            1e-12,
            case.dist.name(),
        );
    }
}

#[test]
fn joint_estimates_equal_scipy_fits() {
    for case in cases() {
        let model = model_of(case.dist);
        let stats = stats_of(model.as_ref(), case.data);
        let free = vec![true; model.params().len()];
        let start: Vec<f64> = model.params().iter().map(|p| p.default).collect();
        let fit = maximise(model.as_ref(), &stats, &free, &start);
        for (i, (&got, &want)) in fit.theta.iter().zip(case.mle).enumerate() {
            assert_rel(
                got,
                want,
                1e-9,
                &format!("{} {}", case.dist.name(), model.params()[i].name),
            );
        }
    }
}

#[test]
fn profile_intervals_and_standard_errors_match_independent_solutions() {
    for case in cases() {
        let likelihood = profile_likelihood(case.dist, case.profiled, case.fixed);
        let stats = stats_of(likelihood.model.as_ref(), case.data);
        let curve = likelihood.curve(&stats, 0);
        let inf = inference::infer(curve.as_ref(), 0.95);
        let what = format!(
            "{} {}",
            case.dist.name(),
            likelihood.params()[case.profiled].name
        );
        assert_rel(inf.lr.0.value, case.interval.0, 1e-9, &what);
        assert_rel(inf.lr.1.value, case.interval.1, 1e-9, &what);
        if let Some(se) = case.se {
            assert_rel(inf.se().unwrap(), se, 1e-9, &what);
        }
    }
}

#[test]
fn the_normal_profile_of_mu_has_the_textbook_standard_error() {
    // With σ unknown, the information of μ at the joint maximum is n/σ̂², σ̂² = S/n: the SE is
    // σ̂/√n, worked by hand for NORMAL (x̄ = 14.5/7, S = Σ(x − x̄)² = 31.839285714…).
    let likelihood = profile_likelihood(Dist::Normal, 0, &[]);
    let stats = stats_of(likelihood.model.as_ref(), &NORMAL);
    let curve = likelihood.curve(&stats, 0);
    let inf = inference::infer(curve.as_ref(), 0.95);
    let mean = 14.5 / 7.0;
    let s: f64 = NORMAL.iter().map(|x| (x - mean) * (x - mean)).sum();
    let sigma_hat = (s / 7.0).sqrt();
    assert_rel(inf.se().unwrap(), sigma_hat / 7f64.sqrt(), 1e-12, "se");
}

#[test]
fn hyper_dual_derivatives_of_the_normal_are_the_closed_forms() {
    // ∂μ LL = n(x̄ − μ)/σ², ∂σ LL = −n/σ + S(μ)/σ³, ∂²μμ = −n/σ², ∂²μσ = −2n(x̄ − μ)/σ³,
    // ∂²σσ = n/σ² − 3S(μ)/σ⁴, with S(μ) = Σ(xᵢ − μ)².
    let model = model_of(Dist::Normal);
    let stats = stats_of(model.as_ref(), &NORMAL);
    let (mu, sigma) = (0.7, 1.9);
    let n = NORMAL.len() as f64;
    let mean = NORMAL.iter().sum::<f64>() / n;
    let s: f64 = NORMAL.iter().map(|x| (x - mu) * (x - mu)).sum();
    let (_, g, h) = crate::numeric::dual::derivatives(&[mu, sigma], |t| model.ll_hd(&stats, t));
    let expected_g = [
        n * (mean - mu) / sigma.powi(2),
        -n / sigma + s / sigma.powi(3),
    ];
    let expected_h = [
        -n / sigma.powi(2),
        -2.0 * n * (mean - mu) / sigma.powi(3),
        -2.0 * n * (mean - mu) / sigma.powi(3),
        n / sigma.powi(2) - 3.0 * s / sigma.powi(4),
    ];
    for (a, b) in g.iter().zip(expected_g) {
        assert_rel(*a, b, 1e-12, "gradient");
    }
    for (a, b) in h.iter().zip(expected_h) {
        assert_rel(*a, b, 1e-12, "hessian");
    }
}

#[test]
fn the_joint_model_agrees_with_its_one_parameter_slices() {
    // Where a hand-written family covers a slice, the joint LL with the other parameters at
    // the same values is the same function (the two are written independently).
    let checks: [(Dist, &[f64], usize, &[f64]); 7] = [
        (Dist::Normal, &NORMAL, 0, &[0.3, 1.7]),
        (Dist::Normal, &NORMAL, 1, &[0.3, 1.7]),
        (Dist::Gamma, &POSITIVE, 1, &[1.4, 0.9]),
        (Dist::Beta, &UNIT, 0, &[2.2, 3.1]),
        (Dist::NegativeBinomial, &COUNTS, 1, &[1.7, 0.35]),
        (Dist::Cauchy, &LOCATION, 0, &[0.2, 1.4]),
        (Dist::Weibull, &POSITIVE, 1, &[1.3, 1.8]),
    ];
    for (dist, data, swept, theta) in checks {
        let model = model_of(dist);
        let family = model.slice(swept, theta).unwrap().unwrap();
        let joint = stats_of(model.as_ref(), data);
        let mut sliced = SufficientStats::default();
        family.observe(&mut sliced, data);
        assert_rel(
            model.ll(&joint, theta),
            family.ll(&sliced, theta[swept]),
            1e-12,
            dist.name(),
        );
    }
}

#[test]
fn the_weibull_estimate_is_at_least_as_good_as_scipys_fit() {
    // scipy.stats.weibull_min.fit(POSITIVE, floc=0) = (1.611192780357757, 0, 2.0424385602719624):
    // within 2e-5 of the exact root above, and lower in LL (its optimiser stops early).
    let model = model_of(Dist::Weibull);
    let stats = stats_of(model.as_ref(), &POSITIVE);
    let fit = maximise(model.as_ref(), &stats, &[true, true], &[2.0, 1.0]);
    assert_rel(fit.theta[0], 1.611192780357757, 2e-5, "shape");
    assert_rel(fit.theta[1], 2.0424385602719624, 2e-5, "scale");
    assert!(fit.ll >= model.ll(&stats, &[1.611192780357757, 2.0424385602719624]));
}

#[test]
fn weibull_scale_slice_matches_scipy() {
    // numpy.sum(scipy.stats.weibull_min.logpdf(POSITIVE, 1.7, scale=2.1)) (as above), from the
    // one-parameter family with k = 1.7 known; and its closed-form λ̂ = (Σxᵏ/n)^(1/k).
    let family = crate::family::Weibull::new(1.7).unwrap();
    let mut stats = SufficientStats::default();
    family.observe(&mut stats, &POSITIVE);
    assert_rel(family.ll(&stats, 2.1), -14.597283897127445, 1e-12, "ll");
    let s: f64 = POSITIVE.iter().map(|x| x.powf(1.7)).sum();
    assert_rel(
        family.mle(&stats).unwrap(),
        (s / 10.0).powf(1.0 / 1.7),
        1e-14,
        "mle",
    );
}

#[test]
fn multimodal_cauchy_data_reach_the_global_joint_maximum() {
    // Two clusters, 0 ± 0.1 and 10 ± 0.1, the second larger: the joint maximum sits on it.
    let data = [-0.1, 0.0, 0.1, 9.9, 9.95, 10.0, 10.05, 10.1];
    let model = model_of(Dist::Cauchy);
    let stats = stats_of(model.as_ref(), &data);
    let fit = maximise(model.as_ref(), &stats, &[true, true], &[0.0, 1.0]);
    // Brute force over a fine grid of (x₀, γ): no grid point beats the maximum found.
    let mut best = f64::NEG_INFINITY;
    for i in 0..=400 {
        for j in 1..=200 {
            let theta = [-2.0 + 14.0 * i as f64 / 400.0, 4.0 * j as f64 / 200.0];
            best = best.max(model.ll(&stats, &theta));
        }
    }
    assert!(fit.ll >= best, "{} < {best}", fit.ll);
    assert!((fit.theta[0] - 10.0).abs() < 0.2, "{:?}", fit.theta);
}
