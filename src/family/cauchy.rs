//! Cauchy(x₀, γ) with the scale γ known: the location x₀ is swept
//! (scipy.stats.cauchy with loc = x₀ and scale = γ).
//!
//! # Formula
//! With zᵢ = (xᵢ − x₀)/γ over n observations,
//! LL(x₀) = −n·ln(πγ) − Σ ln(1 + zᵢ²).
//! The family has no finite sufficient statistics (it is not an exponential family, so there
//! is no natural parameter either): the observations are kept and every evaluation visits all
//! of them, with the constants hoisted out of a branch-free loop.
//!
//! # Estimate
//! LL can have several local maxima (one near each well-separated cluster of data), so there is
//! no closed form and the estimate is searched for numerically. Every term of the score
//! LL′(x₀) = (2/γ)·Σ zᵢ/(1 + zᵢ²) has the sign of xᵢ − x₀, so the score is positive below the
//! smallest observation and negative above the largest: the global maximum lies in
//! [min x, max x], which is [`Family::mle_search`].

use super::ln_1p_sum::{curvature_term, ln_1p_square, score_term, sum_ln_1p_square};
use super::{
    check_finite, check_known, check_location, sum_standardised, Dist, Family, ParamName,
    ParamSpace, Rng, SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;
use std::f64::consts::PI;

/// # Examples
/// ```
/// use nllplot::family::{Cauchy, Family, SufficientStats};
/// let family = Cauchy::new(1.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0]);
/// // The standard Cauchy density at z = 1 is 1/(2π).
/// assert!((family.ll(&stats, 0.0) + (2.0 * std::f64::consts::PI).ln()).abs() < 1e-15);
/// assert_eq!(family.mle(&stats), None);
/// assert_eq!(family.mle_search(&stats), (1.0, 1.0));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Cauchy {
    scale: f64,
    /// ln(πγ), per observation.
    ln_pi_scale: f64,
}

impl Cauchy {
    /// A Cauchy family with known scale γ > 0.
    pub fn new(scale: f64) -> Result<Self, String> {
        let scale = check_known("--scale", scale)?;
        Ok(Cauchy {
            scale,
            ln_pi_scale: (PI * scale).ln(),
        })
    }
}

impl Family for Cauchy {
    fn dist(&self) -> Dist {
        Dist::Cauchy
    }

    fn label(&self) -> String {
        format!("Cauchy(x₀, scale = {})", shortest(self.scale))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "x₀",
            hat: "x\u{302}₀",
            words: "location",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace::REAL_LINE
    }

    fn check_true(&self, x0: f64) -> Result<(), String> {
        check_location(x0)
    }

    fn default_true(&self) -> f64 {
        0.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        check_finite(x)
    }

    fn ln_f(&self, x: f64, x0: f64) -> f64 {
        -self.ln_pi_scale - ln_1p_square(x, x0, self.scale, 1.0)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.values.extend_from_slice(xs);
    }

    fn ll(&self, stats: &SufficientStats, x0: f64) -> f64 {
        let sum = sum_ln_1p_square(&stats.values, x0, self.scale, 1.0);
        -(stats.n as f64) * self.ln_pi_scale - sum
    }

    fn score(&self, stats: &SufficientStats, x0: f64) -> f64 {
        let sum = sum_standardised(&stats.values, x0, self.scale, |z| score_term(z, 1.0));
        // Divided, not multiplied by 1/γ: that is ∞ for a subnormal γ, and ∞·0 = NaN.
        2.0 * sum / self.scale
    }

    fn curvature(&self, stats: &SufficientStats, x0: f64) -> f64 {
        let sum = sum_standardised(&stats.values, x0, self.scale, |z| curvature_term(z, 1.0));
        2.0 * sum / self.scale / self.scale
    }

    fn expected_information(&self, _x0: f64) -> Option<f64> {
        Some(0.5 / (self.scale * self.scale))
    }

    fn mle(&self, _stats: &SufficientStats) -> Option<f64> {
        None
    }

    fn mle_search(&self, stats: &SufficientStats) -> (f64, f64) {
        data_range(&stats.values)
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // The Fisher information of one observation about a Cauchy location is 1/(2γ²).
        self.scale * (2.0 / stats.n as f64).sqrt()
    }

    fn draw(&self, x0: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Cauchy::new(x0, self.scale).expect("x₀ and γ were checked");
        for x in out {
            *x = sampler.sample(rng);
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("scale", self.scale)]
    }
}

/// [min x, max x] of kept observations, the search interval of a location family whose score
/// terms each have the sign of xᵢ − θ.
pub(super) fn data_range(values: &[f64]) -> (f64, f64) {
    values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}
