//! Gamma(k, β) with the shape k known: the rate β is swept (scipy.stats.gamma with a = k and
//! scale = 1/β). Observations are positive reals.
//!
//! # Formula
//! With s = Σxᵢ over n observations,
//! LL(β) = n·k·ln β − β·s + Σ[(k − 1)·ln xᵢ − ln Γ(k)], maximised at β̂ = n·k/s.
//! The bracketed sum does not depend on β; it is accumulated once. In the natural parameter
//! −β the family is LL = −β·s + n·k·ln β + const, concave as every exponential family is.

use super::{
    check_known, positive_draw, xlny, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace,
    Rng, SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;
use statrs::function::gamma::ln_gamma;

/// # Examples
/// ```
/// use nllplot::family::{Family, Gamma, SufficientStats};
/// let family = Gamma::new(1.0).unwrap(); // shape 1: the exponential distribution
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[0.5, 1.5]);
/// assert_eq!(family.mle(&stats), Some(1.0));
/// // 2·ln 2 − 2·2 at β = 2, as for Exponential(λ = 2).
/// assert!((family.ll(&stats, 2.0) - (2.0 * 2f64.ln() - 4.0)).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Gamma {
    shape: f64,
    /// ln Γ(k), computed once.
    ln_gamma_shape: f64,
}

impl Gamma {
    /// A gamma family with known shape k = `shape` > 0.
    pub fn new(shape: f64) -> Result<Self, String> {
        let shape = check_known("--shape", shape)?;
        Ok(Gamma {
            shape,
            ln_gamma_shape: ln_gamma(shape),
        })
    }
}

impl Family for Gamma {
    fn dist(&self) -> Dist {
        Dist::Gamma
    }

    fn label(&self) -> String {
        format!("Gamma(k = {}, β)", shortest(self.shape))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "β",
            hat: "β\u{302}",
            words: "rate",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, beta: f64) -> Result<(), String> {
        if beta > 0.0 && beta.is_finite() {
            Ok(())
        } else {
            Err("a gamma rate must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        2.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 && x.is_finite() {
            Ok(())
        } else {
            Err("must be positive (> 0) and finite".to_string())
        }
    }

    fn ln_f(&self, x: f64, beta: f64) -> f64 {
        self.shape * beta.ln() + (self.shape - 1.0) * x.ln() - beta * x - self.ln_gamma_shape
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        for &x in xs {
            stats.sum.add(x);
            stats
                .base
                .add((self.shape - 1.0) * x.ln() - self.ln_gamma_shape);
        }
    }

    fn ll(&self, stats: &SufficientStats, beta: f64) -> f64 {
        let nk = stats.n as f64 * self.shape;
        stats.base.value() + xlny(nk, beta) - beta * stats.sum.value()
    }

    fn score(&self, stats: &SufficientStats, beta: f64) -> f64 {
        stats.n as f64 * self.shape / beta - stats.sum.value()
    }

    fn curvature(&self, stats: &SufficientStats, beta: f64) -> f64 {
        -(stats.n as f64) * self.shape / (beta * beta)
    }

    fn expected_information(&self, beta: f64) -> Option<f64> {
        Some(self.shape / (beta * beta))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.n as f64 * self.shape / stats.sum.value())
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "−β",
            map: NaturalMap::Negate,
        })
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // J(β) = n·k/β².
        mle / (stats.n as f64 * self.shape).sqrt()
    }

    fn draw(&self, beta: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Gamma::new(self.shape, 1.0 / beta).expect("k and β were checked");
        for x in out {
            *x = positive_draw(sampler.sample(rng));
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("shape", self.shape)]
    }
}
