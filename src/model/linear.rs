//! Linear regression with normal errors: y = b₀ + b₁·x + ε, ε ~ N(0, σ²).
//!
//! # Formula
//! LL(b₀, b₁, σ) = −n·ln σ − (n/2)·ln 2π − SSE(b₀, b₁)/(2σ²), with the sum of squared errors
//! written from the six sums of the rows ([`Pairs`](crate::family::pairs::Pairs)) as
//! SSE = RSS + Sxx·(b₁ − b̂₁)² + n·(ȳ − b₀ − b₁·x̄)², b̂₁ = Sxy/Sxx, RSS = Syy − Sxy²/Sxx: a sum
//! of squares that does not cancel near the fit, and memory that stays flat for any n (only
//! the first rows are kept, for the scatter). With σ fixed the NLL is SSE/(2σ²) plus a
//! constant, the least-squares loss, and the axis says so.
//!
//! Every maximisation is a closed form: the OLS line b̂₁ = Sxy/Sxx, b̂₀ = ȳ − b̂₁·x̄ (or the
//! one coefficient given the other), and σ̂² = SSE/n, the maximum-likelihood (not the unbiased)
//! variance.

use super::normal::SIGMA;
use super::regression::{coefficients, columns, draw_covariates, draw_pairs};
use super::{label_of, Model, Param};
use crate::family::pairs::Centred;
use crate::family::{Family, Normal, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;
use std::f64::consts::PI;

/// The default true values of synthetic data.
pub const DEFAULT_B0: f64 = 1.0;
pub const DEFAULT_B1: f64 = 2.0;
pub const DEFAULT_SIGMA: f64 = 1.0;

#[derive(Debug)]
pub struct LinearModel {
    params: [Param; 3],
    columns: Vec<String>,
}

impl LinearModel {
    pub fn new() -> LinearModel {
        let [b0, b1] = coefficients(DEFAULT_B0, DEFAULT_B1);
        LinearModel {
            params: [
                b0,
                b1,
                Param::new("sigma", SIGMA, ParamSpace::POSITIVE, DEFAULT_SIGMA),
            ],
            columns: columns(),
        }
    }
}

impl Default for LinearModel {
    fn default() -> Self {
        LinearModel::new()
    }
}

/// SSE(b₀, b₁) from the centred sums.
fn sse<D: Scalar>(c: &Centred, b0: D, b1: D) -> D {
    let off = -(b0 + b1 * c.mean_x) + c.mean_y;
    let level = off * off * c.n;
    if c.sxx > 0.0 {
        let slope = c.sxy / c.sxx;
        let rss = (c.syy - c.sxy * slope).max(0.0);
        let d = b1 - slope;
        d * d * c.sxx + rss + level
    } else {
        // Every x the same: the slope only moves the level.
        b1 * (b1 * c.sxx - 2.0 * c.sxy) + c.syy + level
    }
}

fn ll_of<D: Scalar>(c: &Centred, b0: D, b1: D, sigma: D) -> D {
    if c.n == 0.0 {
        return D::constant(0.0);
    }
    let s = sse(c, b0, b1);
    if sigma.value() <= 0.0 {
        return D::constant(if s.value() == 0.0 {
            f64::INFINITY
        } else {
            f64::NEG_INFINITY
        });
    }
    -(sigma.ln() * 2.0 + (2.0 * PI).ln()) * (0.5 * c.n) - s * 0.5 / sigma / sigma
}

impl Model for LinearModel {
    fn name(&self) -> &str {
        "linear"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        1
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        label_of("Linear", &["b₀", "b₁", "σ"], fixed)
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        Ok(())
    }

    fn row_width(&self) -> usize {
        2
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        draw_pairs(|rng, columns| self.draw_rows(theta, rng, columns), rng, out);
    }

    fn draw_rows(&self, theta: &[f64], rng: &mut Rng, columns: &mut [&mut [f64]]) {
        let [xs, ys] = columns else {
            unreachable!("row_width is 2");
        };
        draw_covariates(rng, xs);
        Normal::new(theta[2])
            .expect("σ was checked")
            .draw(0.0, rng, ys);
        for (x, y) in xs.iter().zip(ys.iter_mut()) {
            *y += theta[0] + theta[1] * x;
        }
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        let (x, y): (Vec<f64>, Vec<f64>) = xs.chunks_exact(2).map(|r| (r[0], r[1])).unzip();
        // Any finite row is an observation of this model.
        let _ = self.observe_rows(stats, &[&x, &y]);
    }

    fn observe_rows(&self, stats: &mut SufficientStats, batch: &[&[f64]]) -> Result<(), usize> {
        let [xs, ys] = batch else {
            return Err(0);
        };
        stats.push_rows(xs, ys, false);
        Ok(())
    }

    fn columns(&self) -> Option<&[String]> {
        Some(&self.columns)
    }

    fn free_by_default(&self) -> bool {
        true
    }

    fn has_default_sweep(&self) -> bool {
        true
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        ll_of(&stats.pairs.centred(), theta[0], theta[1], theta[2])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        ll_of(&stats.pairs.centred(), theta[0], theta[1], theta[2])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        let c = stats.pairs.centred();
        match (free[0], free[1]) {
            (true, true) => {
                if c.sxx <= 0.0 {
                    return false;
                }
                theta[1] = c.sxy / c.sxx;
                theta[0] = c.mean_y - theta[1] * c.mean_x;
            }
            (true, false) => theta[0] = c.mean_y - theta[1] * c.mean_x,
            (false, true) => {
                // Least squares through a fixed intercept: b₁ = Σx(y − b₀) / Σx².
                let sum_x2 = c.sxx + c.n * c.mean_x * c.mean_x;
                if sum_x2 <= 0.0 {
                    return false;
                }
                theta[1] = (c.sxy + c.n * c.mean_x * (c.mean_y - theta[0])) / sum_x2;
            }
            (false, false) => {}
        }
        if free[2] {
            theta[2] = (sse(&c, theta[0], theta[1]) / c.n).sqrt();
        }
        true
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        let c = stats.pairs.centred();
        if c.n == 0.0 {
            return None;
        }
        if free[0] && free[1] && c.sxx <= 0.0 {
            return Some(
                "every x is the same value, so the slope b1 has no estimate: a line needs two different x"
                    .to_string(),
            );
        }
        if !free[0] && free[1] && c.sxx + c.n * c.mean_x * c.mean_x <= 0.0 {
            return Some(
                "every x is 0, so LL does not depend on b1 and b1 has no estimate".to_string(),
            );
        }
        if free[2] {
            let mut fit = theta.to_vec();
            self.maximise(stats, &[free[0], free[1], false], &mut fit);
            if sse(&c, fit[0], fit[1]) == 0.0 {
                return Some("the line passes through every row exactly, so σ̂ = 0 and LL grows without bound as σ → 0".to_string());
            }
        }
        None
    }

    fn loss_title(&self, per_obs: bool, fixed: &[Option<f64>]) -> Option<String> {
        fixed.get(2).copied().flatten().map(|_| {
            if per_obs {
                "MSE/2σ² + const".to_string()
            } else {
                "SSE/2σ² + const".to_string()
            }
        })
    }

    fn fitted(&self, theta: &[f64], x: f64) -> Option<f64> {
        Some(theta[0] + theta[1] * x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::dual::derivatives;

    /// x = 0, 1, 2, 3, 4; y = 1, 3, 2, 5, 4.
    fn stats() -> SufficientStats {
        let mut stats = SufficientStats::default();
        LinearModel::new()
            .observe_rows(
                &mut stats,
                &[&[0.0, 1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 5.0, 4.0]],
            )
            .unwrap();
        stats
    }

    #[test]
    fn the_estimates_are_the_ols_closed_forms() {
        // By hand: x̄ = 2, ȳ = 3, Sxx = 10, Sxy = (−2)(−2)+(−1)(0)+0+(1)(2)+(2)(1) = 8,
        // b̂1 = 0.8, b̂0 = 3 − 1.6 = 1.4; residuals −0.4, 0.8, −1, 1.2, −0.6: RSS = 3.6,
        // σ̂² = RSS/n = 0.72.
        let m = LinearModel::new();
        let mut theta = [0.0, 0.0, 1.0];
        assert!(m.maximise(&stats(), &[true, true, true], &mut theta));
        assert!((theta[0] - 1.4).abs() < 1e-12);
        assert!((theta[1] - 0.8).abs() < 1e-12);
        assert!((theta[2] - 0.72f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn ll_is_the_sum_of_normal_log_densities() {
        // scipy.stats.norm.logpdf(y, 0.5 + 1.1*x, 1.3).sum(), /work/venv/bin/python:
        // -7.371011029780937.
        let ll = LinearModel::new().ll(&stats(), &[0.5, 1.1, 1.3]);
        assert!((ll - -7.371011029780937).abs() < 1e-12, "{ll}");
    }

    #[test]
    fn exact_derivatives_match_the_closed_forms() {
        // ∂LL/∂b0 = Σr/σ², ∂LL/∂b1 = Σxr/σ², ∂LL/∂σ = −n/σ + Σr²/σ³ with r = y − b0 − b1·x.
        let (x, y) = ([0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 5.0, 4.0]);
        let t = [0.5, 1.1, 1.3];
        let r: Vec<f64> = x.iter().zip(y).map(|(x, y)| y - t[0] - t[1] * x).collect();
        let s2 = t[2] * t[2];
        let g = [
            r.iter().sum::<f64>() / s2,
            r.iter().zip(x).map(|(r, x)| r * x).sum::<f64>() / s2,
            -5.0 / t[2] + r.iter().map(|r| r * r).sum::<f64>() / (s2 * t[2]),
        ];
        let stats = stats();
        let m = LinearModel::new();
        let (_, grad, hess) = derivatives(&t, |d| m.ll_hd(&stats, d));
        for (a, b) in grad.iter().zip(g) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        // ∂²LL/∂b1² = −Σx²/σ² = −30/1.69.
        assert!((hess[4] + 30.0 / s2).abs() < 1e-12);
    }
}
