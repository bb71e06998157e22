//! Normal(μ, σ²) with σ known: the mean μ is swept.
//!
//! # Formula
//! LL(μ) = −(n/2)·ln(2πσ²) − [Σ(xᵢ − x̄)² + n(x̄ − μ)²] / (2σ²), maximised at μ̂ = x̄.
//! The spread is accumulated about the first observation, so data far from zero (1e9 ± 1)
//! keep their digits.

use super::{Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng, SufficientStats};
use crate::digits::shortest;
use rand::distr::Distribution;
use std::f64::consts::PI;

/// # Examples
/// ```
/// use nllplot::family::{Family, Normal, SufficientStats};
/// let family = Normal::new(1.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[0.0]);
/// // The standard normal density at 0 is 1/√(2π).
/// let expected = -0.5 * (2.0 * std::f64::consts::PI).ln();
/// assert!((family.ll(&stats, 0.0) - expected).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Normal {
    sigma: f64,
}

impl Normal {
    /// A normal family with known standard deviation `sigma` > 0.
    pub fn new(sigma: f64) -> Result<Self, String> {
        if sigma > 0.0 && sigma.is_finite() {
            Ok(Normal { sigma })
        } else {
            Err(format!(
                "--sigma must be positive and finite, not {}",
                shortest(sigma)
            ))
        }
    }
}

impl Family for Normal {
    fn dist(&self) -> Dist {
        Dist::Normal
    }

    fn label(&self) -> String {
        format!("Normal(μ, σ = {})", shortest(self.sigma))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "mean",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, mu: f64) -> Result<(), String> {
        if mu.is_finite() {
            Ok(())
        } else {
            Err("a mean must be finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        1.0
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        Ok(())
    }

    fn ln_f(&self, x: f64, mu: f64) -> f64 {
        let z = (x - mu) / self.sigma;
        -0.5 * (2.0 * PI).ln() - self.sigma.ln() - 0.5 * z * z
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.push_moments(x);
        }
    }

    fn ll(&self, stats: &SufficientStats, mu: f64) -> f64 {
        gaussian_ll(stats, mu, self.sigma)
    }

    fn score(&self, stats: &SufficientStats, mu: f64) -> f64 {
        stats.n as f64 * (stats.mean() - mu) / (self.sigma * self.sigma)
    }

    fn curvature(&self, stats: &SufficientStats, _mu: f64) -> f64 {
        -(stats.n as f64) / (self.sigma * self.sigma)
    }

    fn expected_information(&self, _mu: f64) -> Option<f64> {
        Some(1.0 / (self.sigma * self.sigma))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.mean())
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "μ/σ²",
            map: NaturalMap::Scale(1.0 / (self.sigma * self.sigma)),
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        self.sigma / (stats.n as f64).sqrt()
    }

    fn draw(&self, mu: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Normal::new(mu, self.sigma).expect("μ and σ were checked");
        for x in out {
            *x = sampler.sample(rng);
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("sigma", self.sigma)]
    }
}

/// Σ ln φ((xᵢ − μ)/σ)/σ from the moments of the xᵢ: the normal's LL, and the lognormal's on
/// the logarithms of its data.
pub(super) fn gaussian_ll(stats: &SufficientStats, mu: f64, sigma: f64) -> f64 {
    let n = stats.n as f64;
    // Halved first and divided by σ twice rather than by 2σ²: σ² underflows to 0 for
    // σ = 1e-300, and then 0/0 at μ = x̄ would be NaN; this way the quotient is 0 there, and ∞
    // only when the result itself is past f64.
    -0.5 * n * ((2.0 * PI).ln() + 2.0 * sigma.ln()) - stats.sum_sq_about(mu) / 2.0 / sigma / sigma
}
