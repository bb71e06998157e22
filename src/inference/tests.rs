//! Reference values: closed forms worked by hand, and interval ends solved independently with
//! scipy 1.17.1 (`scipy.optimize.brentq` with xtol = rtol = 1e-15 on the same equation, the
//! threshold from `scipy.stats.chi2.ppf(L, 1) / 2`).

use super::*;
use crate::axis::{Axis, Parameterization};
use crate::family::{Bernoulli, Exponential, Family, Normal, Poisson, SufficientStats};
use crate::model::FamilyCurve;

fn stats_of(family: &dyn Family, xs: &[f64]) -> SufficientStats {
    let mut stats = SufficientStats::default();
    family.observe(&mut stats, xs);
    stats
}

fn infer_of(family: &dyn Family, stats: &SufficientStats, level: f64) -> Inference {
    infer(&FamilyCurve { family, stats }, level)
}

fn close(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs()
}

#[test]
fn thresholds_are_half_the_chi_square_quantiles() {
    // scipy.stats.chi2.ppf(0.95, 1) / 2 and the 1-σ level 0.6826894921370859 → exactly ½.
    assert!(close(threshold(0.95), 1.920729410347062, 1e-12));
    assert!(close(threshold(0.6826894921370859), 0.5, 1e-12));
    assert!(close(threshold(0.90), 1.352771727047702, 1e-12));
}

#[test]
fn bernoulli_information_is_n_over_p_q() {
    let xs: Vec<f64> = (0..100).map(|i| if i < 30 { 1.0 } else { 0.0 }).collect();
    let inf = infer_of(&Bernoulli, &stats_of(&Bernoulli, &xs), 0.95);
    assert_eq!(inf.method, Method::ClosedForm);
    assert!(close(inf.mle, 0.3, 1e-15));
    // J = n / (p̂(1 − p̂)) = 100 / 0.21.
    assert!(close(
        *inf.information.as_ref().unwrap(),
        100.0 / 0.21,
        1e-12
    ));
    let (lo, hi) = inf.wald.unwrap();
    let z = 1.959963984540054; // scipy.stats.norm.ppf(0.975)
    assert!(close(hi - lo, 2.0 * z * (0.21f64 / 100.0).sqrt(), 1e-12));
}

#[test]
fn poisson_lr_interval_matches_an_independent_solve() {
    // Solves k·ln(λ/λ̂) − n(λ − λ̂) = −1.92… with k = 58, n = 10, λ̂ = 5.8.
    let data = [0., 3., 7., 2., 12., 4., 4., 1., 0., 25.];
    let inf = infer_of(&Poisson, &stats_of(&Poisson, &data), 0.95);
    assert_eq!(inf.lr.0.end, End::Crossing);
    assert!(
        close(inf.lr.0.value, 4.432542717418291, 1e-10),
        "{}",
        inf.lr.0.value
    );
    assert!(
        close(inf.lr.1.value, 7.42336627156546, 1e-10),
        "{}",
        inf.lr.1.value
    );
}

#[test]
fn exponential_lr_interval_matches_an_independent_solve() {
    let data = [0.12, 2.5, 0.003, 1.75, 0.9, 4.2, 0.0];
    let inf = infer_of(&Exponential, &stats_of(&Exponential, &data), 0.95);
    assert!(
        close(inf.lr.0.value, 0.3175112797038461, 1e-10),
        "{}",
        inf.lr.0.value
    );
    assert!(
        close(inf.lr.1.value, 1.4290842011716294, 1e-10),
        "{}",
        inf.lr.1.value
    );
}

#[test]
fn normal_lr_and_wald_intervals_coincide_with_the_closed_form() {
    // LL is exactly quadratic in μ: both intervals are x̄ ± z·σ/√n.
    let family = Normal::new(2.0).unwrap();
    let data = [1.0, 2.0, 6.0, -1.0];
    let inf = infer_of(&family, &stats_of(&family, &data), 0.95);
    let half = 1.959963984540054 * 2.0 / 2.0;
    assert!(close(inf.lr.0.value, 2.0 - half, 1e-10));
    assert!(close(inf.lr.1.value, 2.0 + half, 1e-10));
    let (lo, hi) = inf.wald.unwrap();
    assert!(close(lo, 2.0 - half, 1e-12) && close(hi, 2.0 + half, 1e-12));
}

#[test]
fn a_boundary_estimate_has_no_information_and_a_one_sided_interval() {
    let inf = infer_of(&Bernoulli, &stats_of(&Bernoulli, &[0.0; 20]), 0.95);
    assert!(inf.on_boundary);
    assert!(inf.information.is_err() && inf.wald.is_none());
    assert_eq!(
        inf.lr.0,
        Bound {
            value: 0.0,
            end: End::AtEstimate
        }
    );
    // 20·ln(1 − p) = −1.92… ⇒ p = 1 − exp(−c/20), by hand.
    let expected = -(-threshold(0.95) / 20.0).exp_m1();
    assert!(close(inf.lr.1.value, expected, 1e-10));
}

#[test]
fn estimates_on_either_boundary_close_the_interval_there() {
    // Poisson, one zero count: λ̂ = 0 and NLL(λ) = λ, so the upper end is λ = c exactly.
    let inf = infer_of(&Poisson, &stats_of(&Poisson, &[0.0]), 0.95);
    assert_eq!(inf.lr.0.end, End::AtEstimate);
    assert!(close(inf.lr.1.value, threshold(0.95), 1e-12));
    // Bernoulli, one success: p̂ = 1 and NLL(p) = −ln p, so the lower end is e^(−c).
    let inf = infer_of(&Bernoulli, &stats_of(&Bernoulli, &[1.0]), 0.95);
    assert_eq!(inf.lr.1.end, End::AtEstimate);
    assert!(close(inf.lr.0.value, (-threshold(0.95)).exp(), 1e-12));
}

#[test]
fn unbounded_spaces_still_find_both_crossings() {
    // μ ∈ (−∞, ∞): the outward search doubles its step until NLL rises past the threshold.
    let family = Normal::new(1.0).unwrap();
    let inf = infer_of(&family, &stats_of(&family, &[0.0]), 0.95);
    assert_eq!(inf.lr.0.end, End::Crossing);
    assert_eq!(inf.lr.1.end, End::Crossing);
    assert!(close(inf.lr.1.value, 1.959963984540054, 1e-10));
}

#[test]
fn the_lr_interval_is_invariant_and_the_wald_interval_is_not() {
    let xs: Vec<f64> = (0..40).map(|i| if i < 6 { 1.0 } else { 0.0 }).collect();
    let inf = infer_of(&Bernoulli, &stats_of(&Bernoulli, &xs), 0.95);
    let axis = Axis::new(&Bernoulli, Parameterization::Natural).unwrap();
    let natural = inf.on_axis(&axis);
    let logit = |p: f64| (p / (1.0 - p)).ln();
    assert!(close(natural.mle, logit(0.15), 1e-14));
    assert!(close(natural.lr.0.value, logit(inf.lr.0.value), 1e-14));
    assert!(close(natural.lr.1.value, logit(inf.lr.1.value), 1e-14));
    // J in logit units: n·p̂(1 − p̂) = 40·0.15·0.85, by hand.
    assert!(close(
        *natural.information.as_ref().unwrap(),
        40.0 * 0.15 * 0.85,
        1e-12
    ));
    let (wl, wh) = natural.wald.unwrap();
    let (ml, mh) = inf.wald.unwrap();
    assert!((logit(ml) - wl).abs() > 1e-3 && (logit(mh) - wh).abs() > 1e-3);
}

#[test]
fn a_large_sample_without_sufficient_statistics_takes_the_coarse_scan_to_the_global_maximum() {
    // 20 000 Cauchy draws: above the dense-scan budget, so the estimate comes from the coarse
    // scan and the fine second look. It must beat every point of an independent fine grid
    // around the sample median and be a root of the score.
    use crate::family::{Cauchy, Family, Rng};
    use rand::SeedableRng;
    let family = Cauchy::new(1.0).unwrap();
    let mut xs = vec![0.0; 20_000];
    family.draw(0.5, &mut Rng::seed_from_u64(3), &mut xs);
    let stats = stats_of(&family, &xs);
    let (mle, method) = estimate(&FamilyCurve {
        family: &family,
        stats: &stats,
    });
    assert_eq!(method, Method::Numerical);
    let mut sorted = xs.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let best = family.ll(&stats, mle);
    for i in 0..=2000 {
        let t = median - 1.0 + 2.0 * i as f64 / 2000.0;
        assert!(family.ll(&stats, t) <= best, "LL({t}) beats LL(θ̂ = {mle})");
    }
    let curvature = family.curvature(&stats, mle).abs();
    assert!(
        family.score(&stats, mle).abs() <= 1e-9 * curvature,
        "score at θ̂"
    );
}
