//! Gamma(k, β) with both parameters: the shape k and the rate β (scipy.stats.gamma with a = k
//! and scale = 1/β).
//!
//! # Formula
//! LL(k, β) = n·k·ln β − n·ln Γ(k) + (k − 1)·Σ ln xᵢ − β·Σxᵢ, from n, Σx and Σ ln x.
//! β̂(k) = n·k/Σx in closed form; k̂(β) solves ψ(k) = ln β + mean(ln x), and the joint estimate
//! solves ln k − ψ(k) = ln x̄ − mean(ln x) (positive unless all x are equal). Both are
//! one-dimensional roots of monotone functions (ψ increases, ln k − ψ(k) decreases), found by
//! Brent's method, so the model maximises every set of its parameters itself.

use super::{Model, Param};
use crate::family::{Family, Gamma, Known, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::{ln_gamma_of, xlny, Scalar};
use crate::numeric::solve::brent;
use num_dual::HyperDual64;
use statrs::function::gamma::digamma;

/// Where the shape is searched: far beyond any estimate a real sample gives.
const SHAPE_LO: f64 = 1e-8;
const SHAPE_HI: f64 = 1e12;

#[derive(Debug)]
pub struct GammaModel {
    params: [Param; 2],
}

impl GammaModel {
    pub fn new(known: Known) -> GammaModel {
        let shape = ParamName {
            symbol: "k",
            hat: "k\u{302}",
            words: "shape",
        };
        let rate = ParamName {
            symbol: "β",
            hat: "β\u{302}",
            words: "rate",
        };
        GammaModel {
            params: [
                Param::new("shape", shape, ParamSpace::POSITIVE, known.shape)
                    .flagged("--shape", known.shape),
                Param::new("rate", rate, ParamSpace::POSITIVE, 2.0),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, k: D, beta: D) -> D {
        let n = stats.n as f64;
        if n == 0.0 {
            return D::constant(0.0);
        }
        // n·k·ln β with 0·ln 0 handled as the one-parameter family does.
        let k_ln_beta = if beta.value() == 0.0 {
            D::constant(f64::NEG_INFINITY)
        } else {
            k * xlny(1.0, beta)
        };
        k_ln_beta * n - ln_gamma_of(k) * n + (k - 1.0) * stats.sum_ln.value()
            - beta * stats.sum.value()
    }

    fn mean_log(stats: &SufficientStats) -> f64 {
        stats.sum_ln.value() / stats.n as f64
    }
}

impl Model for GammaModel {
    fn name(&self) -> &str {
        "gamma"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        1
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Gamma", &["k", "β"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        super::check_positive(x)
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Gamma::new(theta[0])
            .expect("k was checked")
            .draw(theta[1], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        for &x in xs {
            stats.sum.add(x);
            stats.sum_ln.add(x.ln());
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        let n = stats.n as f64;
        match (free[0], free[1]) {
            (false, false) => {}
            (false, true) => theta[1] = theta[0] * n / stats.sum.value(),
            (true, false) => {
                let target = theta[1].ln() + Self::mean_log(stats);
                let f = |k: f64| digamma(k) - target;
                theta[0] = if f(SHAPE_LO) >= 0.0 {
                    SHAPE_LO
                } else if f(SHAPE_HI) <= 0.0 {
                    SHAPE_HI
                } else {
                    brent(f, SHAPE_LO, SHAPE_HI, 1e-14 * SHAPE_LO)
                };
            }
            (true, true) => {
                let s = (stats.sum.value() / n).ln() - Self::mean_log(stats);
                let f = |k: f64| k.ln() - digamma(k) - s;
                let k = if s > 0.0 && f(SHAPE_HI) < 0.0 {
                    brent(f, SHAPE_LO, SHAPE_HI, 1e-14 * SHAPE_LO)
                } else {
                    SHAPE_HI
                };
                theta[0] = k;
                theta[1] = k * n / stats.sum.value();
            }
        }
        true
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            1 => Some(Box::new(Gamma::new(theta[0])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        let n = stats.n as f64;
        let s = (stats.sum.value() / n).ln() - Self::mean_log(stats);
        (free[0] && free[1] && stats.n > 0 && s <= 0.0).then(|| {
            "every observation is the same value, so the shape estimate grows without bound; a gamma with unknown shape and rate needs two different values".to_string()
        })
    }
}
