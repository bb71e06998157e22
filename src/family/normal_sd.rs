//! Normal(μ, σ²) with the mean μ known: the standard deviation σ is swept
//! (scipy.stats.norm with loc = μ and scale = σ).
//!
//! # Formula
//! With S = Σ(xᵢ − μ)² over n observations,
//! LL(σ) = −(n/2)·ln(2π) − n·ln σ − S/(2σ²), maximised at σ̂ = √(S/n).
//! S is computed from moments about the first observation, so data far from zero keep their
//! digits. When every observation equals μ, S = 0 and LL grows without bound as σ → 0: there
//! is no estimate, and such data are refused ([`Family::unbounded`]).
//!
//! # Shape
//! LL is not concave everywhere, in σ or in the variance: LL″(σ) = n/σ² − 3S/σ⁴ turns positive
//! above σ = √3·σ̂, and in v = σ² (LL = −(n/2)·ln v − S/(2v) + const) the curvature
//! n/(2v²) − S/v³ turns positive above v = 2σ̂². In the natural parameter η = −1/(2σ²) the
//! family is LL = η·S + (n/2)·ln(−2η) − (n/2)·ln(2π), which is concave for any data.

use super::{Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng, SufficientStats};
use crate::digits::shortest;
use rand::distr::Distribution;
use std::f64::consts::PI;

/// # Examples
/// ```
/// use nllplot::family::{Family, NormalSd, SufficientStats};
/// let family = NormalSd::new(0.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[-2.0, 2.0]);
/// assert_eq!(family.mle(&stats), Some(2.0));
/// // Two points at z = ±1 when σ = 2: 2·(−½ ln 2π − ln 2 − ½).
/// let expected = 2.0 * (-0.5 * (2.0 * std::f64::consts::PI).ln() - 2f64.ln() - 0.5);
/// assert!((family.ll(&stats, 2.0) - expected).abs() < 1e-14);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct NormalSd {
    mu: f64,
}

impl NormalSd {
    /// A normal family with known mean `mu` (any finite number).
    pub fn new(mu: f64) -> Result<Self, String> {
        if mu.is_finite() {
            Ok(NormalSd { mu })
        } else {
            Err(format!("--mu must be finite, not {mu}"))
        }
    }

    /// S = Σ(xᵢ − μ)².
    fn spread_about_mu(&self, stats: &SufficientStats) -> f64 {
        stats.sum_sq_about(self.mu)
    }
}

impl Family for NormalSd {
    fn dist(&self) -> Dist {
        Dist::NormalSd
    }

    fn label(&self) -> String {
        format!("Normal(μ = {}, σ)", shortest(self.mu))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "σ",
            hat: "σ\u{302}",
            words: "standard deviation",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, sigma: f64) -> Result<(), String> {
        if sigma > 0.0 && sigma.is_finite() {
            Ok(())
        } else {
            Err("a standard deviation must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        1.5
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        Ok(())
    }

    fn ln_f(&self, x: f64, sigma: f64) -> f64 {
        let z = (x - self.mu) / sigma;
        -0.5 * (2.0 * PI).ln() - sigma.ln() - 0.5 * z * z
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.push_moments(x);
        }
    }

    fn ll(&self, stats: &SufficientStats, sigma: f64) -> f64 {
        let n = stats.n as f64;
        let s = self.spread_about_mu(stats);
        if sigma == 0.0 {
            // −n·ln 0 − S/0: +∞ only when nothing deviates from μ, otherwise −∞.
            return if s == 0.0 && n > 0.0 {
                f64::INFINITY
            } else if n > 0.0 {
                f64::NEG_INFINITY
            } else {
                0.0
            };
        }
        // Halved and divided by σ twice: σ² underflows to 0 for σ ≈ 1e-300, and S/0 with S = 0
        // would be NaN (found by the data_reader fuzzer); 0·(1/σ²) is 0 as it should be.
        -0.5 * n * (2.0 * PI).ln() - n * sigma.ln() - s / 2.0 / sigma / sigma
    }

    fn score(&self, stats: &SufficientStats, sigma: f64) -> f64 {
        let n = stats.n as f64;
        -n / sigma + self.spread_about_mu(stats) / (sigma * sigma * sigma)
    }

    fn curvature(&self, stats: &SufficientStats, sigma: f64) -> f64 {
        let n = stats.n as f64;
        let s2 = sigma * sigma;
        n / s2 - 3.0 * self.spread_about_mu(stats) / (s2 * s2)
    }

    fn expected_information(&self, sigma: f64) -> Option<f64> {
        Some(2.0 / (sigma * sigma))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some((self.spread_about_mu(stats) / stats.n as f64).sqrt())
    }

    fn unbounded(&self, stats: &SufficientStats) -> Option<String> {
        (stats.n > 0 && self.spread_about_mu(stats) == 0.0).then(|| {
            format!(
                "every observation equals the known mean μ = {}, so LL grows without bound as σ → 0",
                self.mu
            )
        })
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "−1/(2σ²)",
            map: NaturalMap::NegHalfInvSquare,
        })
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // J(σ̂) = 2n/σ̂².
        mle / (2.0 * stats.n as f64).sqrt()
    }

    fn draw(&self, sigma: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Normal::new(self.mu, sigma).expect("μ and σ were checked");
        for x in out {
            *x = sampler.sample(rng);
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("mu", self.mu)]
    }
}
