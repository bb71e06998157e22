//! LogNormal(μ, σ) with both parameters: μ and σ of ln x (scipy.stats.lognorm with s = σ and
//! scale = e^μ).
//!
//! # Formula
//! The normal log-likelihood of yᵢ = ln xᵢ plus the Jacobian −Σ ln xᵢ, which depends on neither
//! parameter; so every profile is the normal's closed form on the yᵢ.

use super::normal::{gaussian, gaussian_unbounded, maximise_gaussian, MU, SIGMA};
use super::{Model, Param};
use crate::family::{Family, Known, LogNormal, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;

#[derive(Debug)]
pub struct LogNormalModel {
    params: [Param; 2],
}

impl LogNormalModel {
    pub fn new(known: Known) -> LogNormalModel {
        LogNormalModel {
            params: [
                Param::new("mu", MU, ParamSpace::REAL_LINE, 0.5),
                Param::new("sigma", SIGMA, ParamSpace::POSITIVE, known.sigma)
                    .flagged("--sigma", known.sigma),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, mu: D, sigma: D) -> D {
        gaussian(stats, mu, sigma) + stats.base.value()
    }
}

impl Model for LogNormalModel {
    fn name(&self) -> &str {
        "lognormal"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("LogNormal", &["μ", "σ"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        super::check_positive(x)
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        LogNormal::new(theta[1])
            .expect("σ was checked")
            .draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            let y = x.ln();
            stats.n += 1;
            stats.push_moments(y);
            stats.base.add(-y);
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        maximise_gaussian(stats, free, theta);
        true
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            0 => Some(Box::new(LogNormal::new(theta[1])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        gaussian_unbounded(stats, free, theta, "logarithm of an observation")
    }
}
