//! Exponential(λ): waiting times with rate λ (scipy.stats.expon with scale = 1/λ).
//!
//! # Formula
//! With s = Σxᵢ over n observations,
//! LL(λ) = n·ln λ − λ·s, maximised at λ̂ = n/s. When every waiting time is 0 the likelihood
//! grows without bound; such data are refused before any sweep ([`Family::unbounded`]).

use super::{xlny, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng, SufficientStats};
use rand::distr::Distribution;

/// # Examples
/// ```
/// use nllplot::family::{Exponential, Family, SufficientStats};
/// let mut stats = SufficientStats::default();
/// Exponential.observe(&mut stats, &[0.5, 1.5]);
/// assert_eq!(Exponential.mle(&stats), Some(1.0));
/// // 2·ln 2 − 2·2 at λ = 2, worked by hand.
/// assert!((Exponential.ll(&stats, 2.0) - (2.0 * 2f64.ln() - 4.0)).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Exponential;

impl Family for Exponential {
    fn dist(&self) -> Dist {
        Dist::Exponential
    }

    fn label(&self) -> String {
        "Exponential(λ)".to_string()
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "λ",
            hat: "λ\u{302}",
            words: "rate",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, lambda: f64) -> Result<(), String> {
        if lambda > 0.0 && lambda.is_finite() {
            Ok(())
        } else {
            Err("an exponential rate must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        1.5
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x >= 0.0 {
            Ok(())
        } else {
            Err("must be >= 0 (a waiting time)".to_string())
        }
    }

    fn ln_f(&self, x: f64, lambda: f64) -> f64 {
        lambda.ln() - lambda * x
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        for &x in xs {
            stats.sum.add(x);
        }
    }

    fn ll(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        // At λ = 0 the waiting-time term is 0 whatever s, even an s that overflowed to ∞
        // (two waiting times of 1e308), where 0·∞ would make LL(0) NaN instead of −∞.
        let rate_term = if lambda == 0.0 {
            0.0
        } else {
            lambda * stats.sum.value()
        };
        xlny(stats.n as f64, lambda) - rate_term
    }

    fn score(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        stats.n as f64 / lambda - stats.sum.value()
    }

    fn curvature(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        -(stats.n as f64) / (lambda * lambda)
    }

    fn expected_information(&self, lambda: f64) -> Option<f64> {
        Some(1.0 / (lambda * lambda))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.n as f64 / stats.sum.value())
    }

    fn unbounded(&self, stats: &SufficientStats) -> Option<String> {
        (stats.n > 0 && stats.sum.value() == 0.0).then(|| {
            "every observation is 0, so LL = n·ln λ grows without bound as λ → ∞".to_string()
        })
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "−λ",
            map: NaturalMap::Negate,
        })
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // J(λ) = n/λ².
        mle / (stats.n as f64).sqrt()
    }

    fn draw(&self, lambda: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Exp::new(lambda).expect("λ was checked to be positive");
        for x in out {
            *x = sampler.sample(rng);
        }
    }
}
