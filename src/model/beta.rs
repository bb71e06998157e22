//! Beta(a, b) with both shapes (scipy.stats.beta).
//!
//! # Formula
//! LL(a, b) = (a − 1)·Σ ln xᵢ + (b − 1)·Σ ln(1 − xᵢ) − n·[ln Γ(a) + ln Γ(b) − ln Γ(a + b)],
//! from n, Σ ln x and Σ ln(1 − x): sufficient statistics, so memory stays flat. It is an
//! exponential family in (a − 1, b − 1), so LL is concave and Newton's method from the
//! method-of-moments start reaches the one maximum.

use super::{Model, Param};
use crate::family::{Beta, Family, Known, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::{ln_gamma_of, Scalar};
use num_dual::HyperDual64;

#[derive(Debug)]
pub struct BetaModel {
    params: [Param; 2],
}

impl BetaModel {
    pub fn new(known: Known) -> BetaModel {
        let a = ParamName {
            symbol: "a",
            hat: "a\u{302}",
            words: "first shape",
        };
        let b = ParamName {
            symbol: "b",
            hat: "b\u{302}",
            words: "second shape",
        };
        BetaModel {
            params: [
                Param::new("a", a, ParamSpace::POSITIVE, 2.5),
                Param::new("b", b, ParamSpace::POSITIVE, known.b).flagged("--b", known.b),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, a: D, b: D) -> D {
        let n = stats.n as f64;
        if n == 0.0 {
            return D::constant(0.0);
        }
        let ln_beta = ln_gamma_of(a) + ln_gamma_of(b) - ln_gamma_of(a + b);
        (a - 1.0) * stats.sum_ln.value() + (b - 1.0) * stats.sum_ln1m.value() - ln_beta * n
    }
}

impl Model for BetaModel {
    fn name(&self) -> &str {
        "beta"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Beta", &["a", "b"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 && x < 1.0 {
            Ok(())
        } else {
            Err("must lie strictly between 0 and 1".to_string())
        }
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Beta::new(theta[1])
            .expect("b was checked")
            .draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        for &x in xs {
            stats.n += 1;
            stats.sum_ln.add(x.ln());
            stats.sum_ln1m.add((-x).ln_1p());
            stats.push_moments(x);
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        // Method of moments: a + b = m(1 − m)/v − 1 with mean m and variance v.
        let n = stats.n as f64;
        let m = stats.mean();
        let v = stats.sum_sq_about(m) / n;
        let total = m * (1.0 - m) / v - 1.0;
        let mut start = theta.to_vec();
        if total.is_finite() && total > 0.0 {
            if free[0] {
                start[0] = m * total;
            }
            if free[1] {
                start[1] = (1.0 - m) * total;
            }
        }
        vec![start]
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            0 => Some(Box::new(Beta::new(theta[1])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        (free[0] && free[1] && stats.n > 0 && stats.sum_sq_about(stats.mean()) == 0.0).then(|| {
            "every observation is the same value, so both shapes grow without bound; a beta with both shapes unknown needs two different values".to_string()
        })
    }
}
