//! Geometric(p): the number of trials up to and including the first success, k ≥ 1
//! (scipy.stats.geom's convention).
//!
//! # Formula
//! With s = Σkᵢ over n observations,
//! LL(p) = n·ln p + (s − n)·ln(1 − p), maximised at p̂ = n/s.

use super::{
    check_count, xdivy, xln1m, xlny, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use rand::distr::Distribution;

/// # Examples
/// ```
/// use nllplot::family::{Family, Geometric, SufficientStats};
/// let mut stats = SufficientStats::default();
/// Geometric.observe(&mut stats, &[3.0]);
/// // Two failures then a success: (1 − p)²·p = 1/8 at p = ½.
/// assert!((Geometric.ll(&stats, 0.5) - (0.125f64).ln()).abs() < 1e-15);
/// assert!((Geometric.mle(&stats).unwrap() - 1.0 / 3.0).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Geometric;

impl Family for Geometric {
    fn dist(&self) -> Dist {
        Dist::Geometric
    }

    fn label(&self) -> String {
        "Geometric(p)".to_string()
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "p",
            hat: "p\u{302}",
            words: "success probability",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace { lo: 0.0, hi: 1.0 }
    }

    fn check_true(&self, p: f64) -> Result<(), String> {
        if p > 0.0 && p <= 1.0 {
            Ok(())
        } else {
            Err("a geometric success probability must lie in (0, 1]".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        0.25
    }

    fn counts(&self) -> bool {
        true
    }

    fn check(&self, k: f64) -> Result<(), String> {
        check_count(k, 1.0)
    }

    fn ln_f(&self, k: f64, p: f64) -> f64 {
        p.ln() + xln1m(k - 1.0, p)
    }

    fn observe(&self, stats: &mut SufficientStats, ks: &[f64]) {
        stats.n += ks.len() as u64;
        stats.sum.add(ks.iter().sum());
    }

    fn ll(&self, stats: &SufficientStats, p: f64) -> f64 {
        let n = stats.n as f64;
        xlny(n, p) + xln1m(stats.sum.value() - n, p)
    }

    fn score(&self, stats: &SufficientStats, p: f64) -> f64 {
        let n = stats.n as f64;
        n / p - xdivy(stats.sum.value() - n, 1.0 - p)
    }

    fn curvature(&self, stats: &SufficientStats, p: f64) -> f64 {
        let n = stats.n as f64;
        -n / (p * p) - xdivy(stats.sum.value() - n, (1.0 - p) * (1.0 - p))
    }

    fn expected_information(&self, p: f64) -> Option<f64> {
        Some(1.0 / (p * p * (1.0 - p)))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.n as f64 / stats.sum.value())
    }

    fn natural(&self) -> Option<Natural> {
        // f(k; p) = p·(1 − p)^(k − 1) = exp(k·ln(1 − p) + ln(p / (1 − p))).
        Some(Natural {
            symbol: "ln(1−p)",
            map: NaturalMap::Log1m,
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // J(p) = n / (p²(1 − p)), at a p shrunk away from 1 so that all-ones data still spread.
        let n = stats.n as f64;
        let p = n / (stats.sum.value() + 0.5);
        p * ((1.0 - p) / n).sqrt()
    }

    fn draw(&self, p: f64, rng: &mut Rng, out: &mut [f64]) {
        // rand_distr counts the failures before the first success; we count trials.
        let sampler = rand_distr::Geometric::new(p).expect("p was checked to lie in (0, 1]");
        for x in out {
            *x = sampler.sample(rng) as f64 + 1.0;
        }
    }
}
