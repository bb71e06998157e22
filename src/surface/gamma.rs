//! Gamma(shape k, rate β) with both parameters unknown (scipy.stats.gamma(a=k, scale=1/β)).
//!
//! # Formula
//! LL(k, β) = n·k·ln β − n·lnΓ(k) + (k − 1)·Σ ln xᵢ − β·Σxᵢ.
//! β̂(k) = k·n/Σx in closed form; k̂(β) solves ψ(k) = ln β + mean(ln x), and the joint estimate
//! solves ln k − ψ(k) = ln x̄ − mean(ln x) (positive unless all x are equal): both are found
//! by Brent's method, since ψ is increasing and ln k − ψ(k) decreasing.

use super::{Pair, PairStats};
use crate::family::{ParamName, ParamSpace, Rng};
use crate::inference::solve::brent;
use rand::distr::Distribution;
use statrs::function::gamma::{digamma, ln_gamma};

#[derive(Debug, Clone, Copy)]
pub struct GammaShapeRate;

/// Where the shape is searched: far beyond any estimate a real sample gives.
const SHAPE_LO: f64 = 1e-8;
const SHAPE_HI: f64 = 1e12;

impl GammaShapeRate {
    fn mean_log(stats: &PairStats) -> f64 {
        stats.sum_log.value() / stats.n as f64
    }
}

impl Pair for GammaShapeRate {
    fn dist(&self) -> &'static str {
        "gamma"
    }

    fn label(&self) -> &'static str {
        "Gamma(k, β)"
    }

    fn names(&self) -> [(&'static str, ParamName); 2] {
        [
            (
                "shape",
                ParamName {
                    symbol: "k",
                    hat: "k\u{302}",
                    words: "shape",
                },
            ),
            (
                "rate",
                ParamName {
                    symbol: "β",
                    hat: "β\u{302}",
                    words: "rate",
                },
            ),
        ]
    }

    fn space(&self) -> [ParamSpace; 2] {
        let positive = ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        };
        [positive, positive]
    }

    fn default_true(&self) -> [f64; 2] {
        [3.0, 2.0]
    }

    fn check_true(&self, [k, beta]: [f64; 2]) -> Result<(), String> {
        if k > 0.0 && k.is_finite() && beta > 0.0 && beta.is_finite() {
            Ok(())
        } else {
            Err("shape and rate must be positive and finite".to_string())
        }
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 {
            Ok(())
        } else {
            Err("must be > 0".to_string())
        }
    }

    fn draw(&self, [k, beta]: [f64; 2], rng: &mut Rng, out: &mut [f64]) {
        let gamma = rand_distr::Gamma::new(k, 1.0 / beta).expect("shape and rate were checked");
        for x in out {
            *x = gamma.sample(rng);
        }
    }

    fn observe(&self, stats: &mut PairStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.sum.add(x);
            stats.sum_log.add(x.ln());
        }
    }

    fn ll(&self, stats: &PairStats, k: f64, beta: f64) -> f64 {
        let n = stats.n as f64;
        n * k * beta.ln() - n * ln_gamma(k) + (k - 1.0) * stats.sum_log.value()
            - beta * stats.sum.value()
    }

    fn mle(&self, stats: &PairStats) -> [f64; 2] {
        let n = stats.n as f64;
        let s = (stats.sum.value() / n).ln() - Self::mean_log(stats);
        let k = if s > 0.0 {
            let f = |k: f64| k.ln() - digamma(k) - s;
            if f(SHAPE_HI) > 0.0 {
                SHAPE_HI
            } else {
                brent(f, SHAPE_LO, SHAPE_HI, 1e-14 * SHAPE_LO)
            }
        } else {
            SHAPE_HI
        };
        [k, self.best_b(stats, k)]
    }

    fn best_b(&self, stats: &PairStats, k: f64) -> f64 {
        k * stats.n as f64 / stats.sum.value()
    }

    fn best_a(&self, stats: &PairStats, beta: f64) -> f64 {
        let target = beta.ln() + Self::mean_log(stats);
        let f = |k: f64| digamma(k) - target;
        if f(SHAPE_LO) >= 0.0 {
            SHAPE_LO
        } else if f(SHAPE_HI) <= 0.0 {
            SHAPE_HI
        } else {
            brent(f, SHAPE_LO, SHAPE_HI, 1e-14 * SHAPE_LO)
        }
    }

    fn spread(&self, stats: &PairStats, [k, beta]: [f64; 2]) -> [f64; 2] {
        // Observed information [[nψ′(k), −n/β], [−n/β, nk/β²]], inverted; ψ′ by a central
        // difference of ψ, which is ample for choosing a window.
        let n = stats.n as f64;
        let h = 1e-5 * k;
        let trigamma = (digamma(k + h) - digamma(k - h)) / (2.0 * h);
        let (jkk, jkb, jbb) = (n * trigamma, -n / beta, n * k / (beta * beta));
        let det = jkk * jbb - jkb * jkb;
        [(jbb / det).sqrt(), (jkk / det).sqrt()]
    }
}
