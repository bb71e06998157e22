//! Student's t(ν, μ, s) with the degrees of freedom ν and the scale s known: the location μ is
//! swept (scipy.stats.t with df = ν, loc = μ and scale = s).
//!
//! # Formula
//! With zᵢ = (xᵢ − μ)/s over n observations,
//! LL(μ) = n·[ln Γ((ν + 1)/2) − ln Γ(ν/2) − ½·ln(νπ) − ln s] − ((ν + 1)/2)·Σ ln(1 + zᵢ²/ν),
//! LL′(μ) = ((ν + 1)/s)·Σ zᵢ/(ν + zᵢ²) and LL″(μ) = ((ν + 1)/s²)·Σ (zᵢ² − ν)/(ν + zᵢ²)².
//! As for the Cauchy distribution (ν = 1), there are no finite sufficient statistics: the
//! observations are kept and each evaluation is one branch-free pass over them.
//!
//! # Estimate
//! LL can be multimodal for heavy tails and scattered data, so there is no closed form. Each
//! score term has the sign of xᵢ − μ, so the global maximum lies in [min x, max x], which is
//! [`Family::mle_search`].

use super::cauchy::data_range;
use super::ln_1p_sum::{curvature_term, ln_1p_square, score_term, sum_ln_1p_square};
use super::{
    check_finite, check_known, check_location, sum_standardised, Dist, Family, ParamName,
    ParamSpace, Rng, SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;
use statrs::function::gamma::ln_gamma;
use std::f64::consts::PI;

/// # Examples
/// ```
/// use nllplot::family::{Family, StudentT, SufficientStats};
/// let family = StudentT::new(1.0, 1.0).unwrap(); // ν = 1 is the Cauchy distribution
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0]);
/// // The standard Cauchy density at z = 1 is 1/(2π).
/// assert!((family.ll(&stats, 0.0) + (2.0 * std::f64::consts::PI).ln()).abs() < 1e-14);
/// assert_eq!(family.mle(&stats), None);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct StudentT {
    nu: f64,
    scale: f64,
    /// ln Γ((ν + 1)/2) − ln Γ(ν/2) − ½·ln(νπ) − ln s: ln f at z = 0.
    ln_peak: f64,
}

impl StudentT {
    /// A Student t family with known degrees of freedom ν > 0 and scale s > 0.
    pub fn new(nu: f64, scale: f64) -> Result<Self, String> {
        let nu = check_known("--nu", nu)?;
        let scale = check_known("--scale", scale)?;
        let ln_peak =
            ln_gamma(0.5 * (nu + 1.0)) - ln_gamma(0.5 * nu) - 0.5 * (nu * PI).ln() - scale.ln();
        Ok(StudentT { nu, scale, ln_peak })
    }
}

impl Family for StudentT {
    fn dist(&self) -> Dist {
        Dist::StudentT
    }

    fn label(&self) -> String {
        format!(
            "Student t(ν = {}, μ, scale = {})",
            shortest(self.nu),
            shortest(self.scale)
        )
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "location",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace::REAL_LINE
    }

    fn check_true(&self, mu: f64) -> Result<(), String> {
        check_location(mu)
    }

    fn default_true(&self) -> f64 {
        0.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        check_finite(x)
    }

    fn ln_f(&self, x: f64, mu: f64) -> f64 {
        self.ln_peak - 0.5 * (self.nu + 1.0) * ln_1p_square(x, mu, self.scale, 1.0 / self.nu)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.values.extend_from_slice(xs);
    }

    fn ll(&self, stats: &SufficientStats, mu: f64) -> f64 {
        let nu = self.nu;
        let sum = sum_ln_1p_square(&stats.values, mu, self.scale, 1.0 / nu);
        stats.n as f64 * self.ln_peak - 0.5 * (nu + 1.0) * sum
    }

    fn score(&self, stats: &SufficientStats, mu: f64) -> f64 {
        let nu = self.nu;
        let sum = sum_standardised(&stats.values, mu, self.scale, |z| score_term(z, nu));
        // Divided, not multiplied by 1/s: that is ∞ for a subnormal s, and ∞·0 = NaN.
        (nu + 1.0) * (sum / self.scale)
    }

    fn curvature(&self, stats: &SufficientStats, mu: f64) -> f64 {
        let nu = self.nu;
        let sum = sum_standardised(&stats.values, mu, self.scale, |z| curvature_term(z, nu));
        (nu + 1.0) * (sum / self.scale / self.scale)
    }

    fn expected_information(&self, _mu: f64) -> Option<f64> {
        Some((self.nu + 1.0) / ((self.nu + 3.0) * self.scale * self.scale))
    }

    fn mle(&self, _stats: &SufficientStats) -> Option<f64> {
        None
    }

    fn mle_search(&self, stats: &SufficientStats) -> (f64, f64) {
        data_range(&stats.values)
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // The Fisher information of one observation about the location: (ν + 1)/((ν + 3)s²).
        self.scale * ((self.nu + 3.0) / ((self.nu + 1.0) * stats.n as f64)).sqrt()
    }

    fn draw(&self, mu: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::StudentT::new(self.nu).expect("ν was checked");
        for x in out {
            // For tiny ν a draw can overflow (a χ² draw of 0); such a draw is drawn again.
            *x = loop {
                let t = mu + self.scale * sampler.sample(rng);
                if t.is_finite() {
                    break t;
                }
            };
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("nu", self.nu), ("scale", self.scale)]
    }
}
