//! NegativeBinomial(r, p) with both parameters: failures before the r-th success (scipy.stats.
//! nbinom with n = r), r any positive real.
//!
//! # Formula
//! LL(r, p) = Σ ln Γ(kᵢ + r) − n·ln Γ(r) − Σ ln kᵢ! + n·r·ln p + Σkᵢ·ln(1 − p).
//! p̂(r) = n·r/(n·r + Σk) in closed form. The first sum is not a function of a fixed number of
//! statistics, so with r free the counts are kept. r̂ exists only for overdispersed counts
//! (variance above the mean); otherwise LL rises toward the Poisson limit r → ∞.

use super::{Model, Param};
use crate::family::{
    check_count, Family, Known, NegativeBinomial, ParamName, ParamSpace, Rng, SufficientStats,
};
use crate::numeric::dual::{ln_gamma_of, xlny, Scalar};
use num_dual::HyperDual64;
use statrs::function::factorial::ln_factorial;

#[derive(Debug)]
pub struct NegativeBinomialModel {
    params: [Param; 2],
}

impl NegativeBinomialModel {
    pub fn new(known: Known) -> NegativeBinomialModel {
        let r = ParamName {
            symbol: "r",
            hat: "r\u{302}",
            words: "number of successes",
        };
        let p = ParamName {
            symbol: "p",
            hat: "p\u{302}",
            words: "success probability",
        };
        NegativeBinomialModel {
            params: [
                Param::new("r", r, ParamSpace::POSITIVE, known.r).flagged("--r", known.r),
                Param::new("p", p, ParamSpace::UNIT, 0.4),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, r: D, p: D) -> D {
        let n = stats.n as f64;
        if n == 0.0 {
            return D::constant(0.0);
        }
        let total = stats.sum.value();
        let mut sum = D::constant(0.0);
        for &k in &stats.values {
            sum += ln_gamma_of(r + k);
        }
        let ln_p = if p.value() == 0.0 {
            D::constant(f64::NEG_INFINITY)
        } else {
            p.ln()
        };
        let failures = if total == 0.0 {
            D::constant(0.0)
        } else {
            xlny(total, -p + 1.0)
        };
        sum - ln_gamma_of(r) * n + stats.base.value() + r * ln_p * n + failures
    }

    /// The moments of the counts: mean and variance (divided by n).
    fn moments(stats: &SufficientStats) -> (f64, f64) {
        let n = stats.n as f64;
        let m = stats.sum.value() / n;
        (m, stats.sum_sq_about(m) / n)
    }
}

impl Model for NegativeBinomialModel {
    fn name(&self) -> &str {
        "negative-binomial"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        1
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("NegativeBinomial", &["r", "p"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        check_count(x, 0.0)
    }

    fn counts(&self) -> bool {
        true
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        NegativeBinomial::new(theta[0])
            .expect("r was checked")
            .draw(theta[1], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, ks: &[f64]) {
        stats.values.extend_from_slice(ks);
        for &k in ks {
            stats.n += 1;
            stats.sum.add(k);
            stats.base.add(-ln_factorial(k as u64));
            stats.push_moments(k);
        }
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        if free[0] {
            return false;
        }
        if free[1] {
            let nr = stats.n as f64 * theta[0];
            theta[1] = nr / (nr + stats.sum.value());
        }
        true
    }

    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        let (m, v) = Self::moments(stats);
        let mut start = theta.to_vec();
        if free[0] && v > m && m > 0.0 {
            start[0] = m * m / (v - m);
        }
        if free[1] {
            start[1] = (start[0] / (start[0] + m)).clamp(1e-6, 1.0 - 1e-6);
        }
        vec![start]
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            1 => Some(Box::new(NegativeBinomial::new(theta[0])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        if !free[0] || stats.n == 0 {
            return None;
        }
        let (m, v) = Self::moments(stats);
        (v <= m).then(|| {
            format!(
                "the counts are not overdispersed (variance {} ≤ mean {}), so LL rises toward the Poisson limit r → ∞ and r̂ does not exist; fix r with --r or --fix r=VALUE",
                crate::digits::shortest(v),
                crate::digits::shortest(m)
            )
        })
    }
}
