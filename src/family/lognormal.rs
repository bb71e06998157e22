//! LogNormal(μ, σ²) with σ known: the mean μ of ln x is swept (scipy.stats.lognorm with
//! s = σ and scale = e^μ). Observations are positive reals.
//!
//! # Formula
//! With yᵢ = ln xᵢ and ȳ their mean over n observations,
//! LL(μ) = −Σyᵢ − n·ln σ − (n/2)·ln(2π) − [Σ(yᵢ − ȳ)² + n(ȳ − μ)²] / (2σ²), maximised at μ̂ = ȳ.
//! It is the normal likelihood of the yᵢ plus the Jacobian −Σ ln xᵢ, which does not depend on
//! μ and is accumulated once. The moments of the yᵢ are taken about the first of them, so
//! they keep their digits however far from zero ln x lies.

use super::{
    check_known, positive_draw, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;
use std::f64::consts::PI;

/// # Examples
/// ```
/// use nllplot::family::{Family, LogNormal, SufficientStats};
/// let family = LogNormal::new(1.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0]);
/// assert_eq!(family.mle(&stats), Some(0.0));
/// // At x = 1 and μ = 0 the density is the standard normal one at 0: 1/√(2π).
/// let expected = -0.5 * (2.0 * std::f64::consts::PI).ln();
/// assert!((family.ll(&stats, 0.0) - expected).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct LogNormal {
    sigma: f64,
}

impl LogNormal {
    /// A log-normal family with known σ > 0 (the standard deviation of ln x).
    pub fn new(sigma: f64) -> Result<Self, String> {
        Ok(LogNormal {
            sigma: check_known("--sigma", sigma)?,
        })
    }
}

impl Family for LogNormal {
    fn dist(&self) -> Dist {
        Dist::LogNormal
    }

    fn label(&self) -> String {
        format!("LogNormal(μ, σ = {})", shortest(self.sigma))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "mean of ln x",
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
            Err("the mean of ln x must be finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        0.5
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 && x.is_finite() {
            Ok(())
        } else {
            Err("must be positive (> 0) and finite".to_string())
        }
    }

    fn ln_f(&self, x: f64, mu: f64) -> f64 {
        let y = x.ln();
        let z = (y - mu) / self.sigma;
        -y - self.sigma.ln() - 0.5 * (2.0 * PI).ln() - 0.5 * z * z
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            let y = x.ln();
            stats.n += 1;
            stats.push_moments(y);
            stats.base.add(-y);
        }
    }

    fn ll(&self, stats: &SufficientStats, mu: f64) -> f64 {
        // The normal LL of the ln xᵢ, plus the Jacobian −Σ ln xᵢ kept in `base`.
        stats.base.value() + super::normal::gaussian_ll(stats, mu, self.sigma)
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
        let sampler = rand_distr::LogNormal::new(mu, self.sigma).expect("μ and σ were checked");
        for x in out {
            *x = positive_draw(sampler.sample(rng));
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("sigma", self.sigma)]
    }
}
