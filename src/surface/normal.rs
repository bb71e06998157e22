//! Normal(μ, σ) with both parameters unknown.
//!
//! # Formula
//! LL(μ, σ) = −n ln σ − (n/2) ln 2π − S(μ)/(2σ²), with S(μ) = Σ(xᵢ − μ)² = S(x̄) + n(x̄ − μ)².
//! Both profiles are closed forms: σ̂(μ) = √(S(μ)/n) and μ̂(σ) = x̄.

use super::{Pair, PairStats};
use crate::family::{ParamName, ParamSpace, Rng};
use rand::distr::Distribution;
use std::f64::consts::PI;

#[derive(Debug, Clone, Copy)]
pub struct NormalMeanSd;

impl Pair for NormalMeanSd {
    fn dist(&self) -> &'static str {
        "normal"
    }

    fn label(&self) -> &'static str {
        "Normal(μ, σ)"
    }

    fn names(&self) -> [(&'static str, ParamName); 2] {
        [
            (
                "mu",
                ParamName {
                    symbol: "μ",
                    hat: "μ\u{302}",
                    words: "mean",
                },
            ),
            (
                "sigma",
                ParamName {
                    symbol: "σ",
                    hat: "σ\u{302}",
                    words: "standard deviation",
                },
            ),
        ]
    }

    fn space(&self) -> [ParamSpace; 2] {
        [
            ParamSpace {
                lo: f64::NEG_INFINITY,
                hi: f64::INFINITY,
            },
            ParamSpace {
                lo: 0.0,
                hi: f64::INFINITY,
            },
        ]
    }

    fn default_true(&self) -> [f64; 2] {
        [1.0, 2.0]
    }

    fn check_true(&self, [mu, sigma]: [f64; 2]) -> Result<(), String> {
        if !mu.is_finite() {
            return Err("the mean must be finite".to_string());
        }
        if !(sigma > 0.0 && sigma.is_finite()) {
            return Err("σ must be positive and finite".to_string());
        }
        Ok(())
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        Ok(())
    }

    fn draw(&self, [mu, sigma]: [f64; 2], rng: &mut Rng, out: &mut [f64]) {
        let normal = rand_distr::Normal::new(mu, sigma).expect("μ and σ were checked");
        for x in out {
            *x = normal.sample(rng);
        }
    }

    fn observe(&self, stats: &mut PairStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.moments.n += 1;
            stats.moments.push_moments(x);
        }
    }

    fn ll(&self, stats: &PairStats, mu: f64, sigma: f64) -> f64 {
        let n = stats.n as f64;
        -n * sigma.ln()
            - 0.5 * n * (2.0 * PI).ln()
            - stats.moments.sum_sq_about(mu) / (2.0 * sigma * sigma)
    }

    fn mle(&self, stats: &PairStats) -> [f64; 2] {
        let mean = stats.moments.mean();
        [mean, self.best_b(stats, mean)]
    }

    fn best_b(&self, stats: &PairStats, mu: f64) -> f64 {
        (stats.moments.sum_sq_about(mu) / stats.n as f64).sqrt()
    }

    fn best_a(&self, stats: &PairStats, _sigma: f64) -> f64 {
        stats.moments.mean()
    }

    fn spread(&self, stats: &PairStats, [_, sigma]: [f64; 2]) -> [f64; 2] {
        // Observed information at the MLE: diag(n/σ², 2n/σ²).
        let n = stats.n as f64;
        [sigma / n.sqrt(), sigma / (2.0 * n).sqrt()]
    }
}
