//! Normal(μ, σ) with both parameters: the mean μ and the standard deviation σ.
//!
//! # Formula
//! LL(μ, σ) = −(n/2)·ln 2π − n·ln σ − S(μ)/(2σ²), with S(μ) = Σ(xᵢ − μ)² = S(x̄) + n(x̄ − μ)².
//! Every profile is a closed form: μ̂ = x̄ whatever σ, and σ̂(μ) = √(S(μ)/n). The statistics are
//! the shifted moments the one-parameter normal families keep, so the same data give the
//! same sums. `normal-sd` is this model with σ swept by default and μ fixed at `--mu`.

use super::{Model, Param};
use crate::digits::shortest;
use crate::family::{Family, Known, Normal, NormalSd, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;
use std::f64::consts::PI;

#[derive(Debug)]
pub struct NormalModel {
    params: [Param; 2],
    /// Named `normal-sd`, sweeping σ by default.
    sd: bool,
}

pub(super) const MU: ParamName = ParamName {
    symbol: "μ",
    hat: "μ\u{302}",
    words: "mean",
};
pub(super) const SIGMA: ParamName = ParamName {
    symbol: "σ",
    hat: "σ\u{302}",
    words: "standard deviation",
};

impl NormalModel {
    pub fn new(known: Known, sd: bool) -> NormalModel {
        // The one-parameter families' default true values: μ = 1 (σ known), σ = 1.5 (μ known).
        let mu_true = if sd { known.mu } else { 1.0 };
        let sigma_true = if sd { 1.5 } else { known.sigma };
        NormalModel {
            params: [
                Param::new("mu", MU, ParamSpace::REAL_LINE, mu_true).flagged("--mu", known.mu),
                Param::new("sigma", SIGMA, ParamSpace::POSITIVE, sigma_true)
                    .flagged("--sigma", known.sigma),
            ],
            sd,
        }
    }
}

/// The normal LL at (μ, σ) from the moments: −(n/2)·ln 2π − n·ln σ − S(μ)/(2σ²), generic so
/// that it also gives exact derivatives. σ = 0 is the boundary: −∞ unless no observation
/// deviates from μ.
pub(super) fn gaussian<D: Scalar>(stats: &SufficientStats, mu: D, sigma: D) -> D {
    let n = stats.n as f64;
    if n == 0.0 {
        return D::constant(0.0);
    }
    let mean = stats.mean();
    let spread = stats.sum_sq_about(mean);
    let d = mu - mean;
    let s = d * d * n + spread;
    if sigma.value() <= 0.0 {
        let infinite = if s.value() == 0.0 {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        };
        return D::constant(infinite);
    }
    // Halved and divided by σ twice, as in the one-parameter families: σ² can underflow.
    -(sigma.ln() * 2.0 + (2.0 * PI).ln()) * (0.5 * n) - s * 0.5 / sigma / sigma
}

/// σ̂(μ) = √(S(μ)/n).
pub(super) fn sigma_hat(stats: &SufficientStats, mu: f64) -> f64 {
    (stats.sum_sq_about(mu) / stats.n as f64).sqrt()
}

/// Closed-form maximisation shared with the lognormal: μ̂ = x̄, σ̂(μ) = √(S(μ)/n).
pub(super) fn maximise_gaussian(stats: &SufficientStats, free: &[bool], theta: &mut [f64]) {
    if free[0] {
        theta[0] = stats.mean();
    }
    if free[1] {
        theta[1] = sigma_hat(stats, theta[0]);
    }
}

/// No finite maximum when σ is free and nothing deviates from the mean the fit uses.
pub(super) fn gaussian_unbounded(
    stats: &SufficientStats,
    free: &[bool],
    theta: &[f64],
    what: &str,
) -> Option<String> {
    if !free[1] || stats.n == 0 {
        return None;
    }
    let centre = if free[0] { stats.mean() } else { theta[0] };
    (stats.sum_sq_about(centre) == 0.0).then(|| {
        if free[0] {
            format!("every {what} is the same value, so σ̂ = 0 and LL grows without bound as σ → 0; a normal with unknown σ needs two different values")
        } else {
            format!(
                "every {what} equals the fixed mean μ = {}, so LL grows without bound as σ → 0",
                shortest(centre)
            )
        }
    })
}

impl Model for NormalModel {
    fn name(&self) -> &str {
        if self.sd {
            "normal-sd"
        } else {
            "normal"
        }
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        usize::from(self.sd)
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Normal", &["μ", "σ"], fixed)
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        Ok(())
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Normal::new(theta[1])
            .expect("σ was checked")
            .draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.push_moments(x);
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        gaussian(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        gaussian(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        maximise_gaussian(stats, free, theta);
        true
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(Some(if swept == 0 {
            Box::new(Normal::new(theta[1])?)
        } else {
            Box::new(NormalSd::new(theta[0])?)
        }))
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        gaussian_unbounded(stats, free, theta, "observation")
    }
}
