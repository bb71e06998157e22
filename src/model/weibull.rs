//! Weibull(k, λ) with both parameters: the shape k and the scale λ (scipy.stats.weibull_min
//! with c = k, loc = 0, scale = λ).
//!
//! # Formula
//! LL(k, λ) = n·ln k − n·k·ln λ + (k − 1)·Σ ln xᵢ − Σ (xᵢ/λ)ᵏ.
//! λ̂(k) = (Σ xᵢᵏ/n)^(1/k) in closed form. The joint estimate solves the profile equation
//! 1/k + mean(ln x) − Σ xᵢᵏ ln xᵢ / Σ xᵢᵏ = 0, whose left side falls in k, by Brent's method
//! (the powers are taken relative to the largest observation so that none overflows). With k
//! unknown Σ xᵏ is no fixed statistic, so the observations are kept.

use super::{check_positive, Model, Param};
use crate::family::{Family, Known, ParamName, ParamSpace, Rng, SufficientStats, Weibull};
use crate::numeric::dual::Scalar;
use crate::numeric::solve::brent;
use num_dual::HyperDual64;

/// Where the shape is searched.
const SHAPE_LO: f64 = 1e-6;
const SHAPE_HI: f64 = 1e6;

#[derive(Debug)]
pub struct WeibullModel {
    params: [Param; 2],
}

impl WeibullModel {
    pub fn new(known: Known) -> WeibullModel {
        let shape = ParamName {
            symbol: "k",
            hat: "k\u{302}",
            words: "shape",
        };
        let scale = ParamName {
            symbol: "λ",
            hat: "λ\u{302}",
            words: "scale",
        };
        WeibullModel {
            params: [
                Param::new("shape", shape, ParamSpace::POSITIVE, known.shape)
                    .flagged("--shape", known.shape),
                Param::new("scale", scale, ParamSpace::POSITIVE, known.scale)
                    .flagged("--scale", known.scale),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, k: D, lambda: D) -> D {
        let n = stats.n as f64;
        if n == 0.0 {
            return D::constant(0.0);
        }
        if lambda.value() <= 0.0 || k.value() <= 0.0 {
            return D::constant(f64::NEG_INFINITY);
        }
        let ln_lambda = lambda.ln();
        // (x/λ)ᵏ = exp(k·ln x − k·ln λ), with k·ln λ formed once; the kept values are ln x.
        let k_ln_lambda = k * ln_lambda;
        let mut powers = D::constant(0.0);
        for &ln_x in &stats.values {
            powers += (k * ln_x - k_ln_lambda).exp();
        }
        k.ln() * n - k * ln_lambda * n + (k - 1.0) * stats.sum_ln.value() - powers
    }

    /// λ̂(k) = (Σ xᵢᵏ/n)^(1/k), as exp of a log-sum-exp so that no power overflows.
    fn scale_hat(stats: &SufficientStats, k: f64) -> f64 {
        let top = stats
            .values
            .iter()
            .fold(f64::NEG_INFINITY, |m, &l| m.max(l));
        let sum: f64 = stats.values.iter().map(|l| (k * (l - top)).exp()).sum();
        (top + (sum / stats.n as f64).ln() / k).exp()
    }
}

impl Model for WeibullModel {
    fn name(&self) -> &str {
        "weibull"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        1
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Weibull", &["k", "λ"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        check_positive(x)
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Weibull::new(theta[0])
            .expect("k was checked")
            .draw(theta[1], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        // Only ln x enters LL, so the logarithms are what is kept: no evaluation takes one.
        stats.n += xs.len() as u64;
        for &x in xs {
            let ln_x = x.ln();
            stats.values.push(ln_x);
            stats.sum_ln.add(ln_x);
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        match (free[0], free[1]) {
            (true, false) => return false,
            (false, true) => theta[1] = Self::scale_hat(stats, theta[0]),
            (true, true) => {
                let n = stats.n as f64;
                let mean_ln = stats.sum_ln.value() / n;
                let top = stats
                    .values
                    .iter()
                    .fold(f64::NEG_INFINITY, |m, &l| m.max(l));
                // 1/k + mean(ln x) − Σ wᵢ ln xᵢ / Σ wᵢ with wᵢ = (xᵢ/max x)ᵏ.
                let g = |k: f64| {
                    let (mut w, mut wl) = (0.0, 0.0);
                    for &l in &stats.values {
                        let e = (k * (l - top)).exp();
                        w += e;
                        wl += e * l;
                    }
                    1.0 / k + mean_ln - wl / w
                };
                theta[0] = if g(SHAPE_HI) >= 0.0 {
                    SHAPE_HI
                } else if g(SHAPE_LO) <= 0.0 {
                    SHAPE_LO
                } else {
                    brent(g, SHAPE_LO, SHAPE_HI, 1e-15 * SHAPE_LO)
                };
                theta[1] = Self::scale_hat(stats, theta[0]);
            }
            (false, false) => {}
        }
        true
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            1 => Some(Box::new(Weibull::new(theta[0])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        // The kept values are logarithms: equal logarithms are equal observations.
        let first = stats.values.first()?;
        (free[0] && stats.values.iter().all(|x| x == first)).then(|| {
            "every observation is the same value, so the shape estimate grows without bound; a Weibull with unknown shape needs two different values".to_string()
        })
    }
}
