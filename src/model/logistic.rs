//! Logistic regression: y ∈ {0, 1} with P(y = 1 | x) = σ(b₀ + b₁·x).
//!
//! # Formula
//! LL(b₀, b₁) = Σ [yᵢ·ηᵢ − ln(1 + e^ηᵢ)], ηᵢ = b₀ + b₁·xᵢ: minus the summed binary
//! cross-entropy, the loss a classifier is trained on. Each term is −softplus(∓η), computed
//! without overflow for any η, and its exact derivatives come from the chain rule
//! (dℓ/dη = y − σ(η), d²ℓ/dη² = −σ(η)(1 − σ(η))), so no finite difference is ever taken.
//!
//! There are no sufficient statistics: every row is kept ([`Pairs`](crate::family::pairs::Pairs))
//! and visited in the order it was observed, so a sum is the same bits on every run. There is
//! no closed-form estimate either; LL is concave in (b₀, b₁), so Newton's method
//! ([`crate::model::fit`]) climbs to the maximum from any start — when there is one. Separated
//! classes (every y = 1 to one side of every y = 0) have none: LL rises toward 0 as |b₁| → ∞,
//! and the run says so ([`Model::unbounded`]).

use super::regression::{coefficients, columns, draw_covariates, draw_pairs};
use super::{label_of, Model, Param};
use crate::family::{Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use crate::numeric::CompensatedSum;
use num_dual::HyperDual64;
use rand::Rng as _;

/// The default true values of synthetic data: a moderate slope and an offset intercept,
/// so that both classes are common and the classes overlap.
pub const DEFAULT_B0: f64 = -0.5;
pub const DEFAULT_B1: f64 = 1.5;

#[derive(Debug)]
pub struct LogisticModel {
    params: [Param; 2],
    columns: Vec<String>,
}

impl LogisticModel {
    pub fn new() -> LogisticModel {
        LogisticModel {
            params: coefficients(DEFAULT_B0, DEFAULT_B1),
            columns: columns(),
        }
    }
}

/// ln(1 + eᵗ), without overflow for large t or loss of digits for very negative t.
fn softplus(t: f64) -> f64 {
    if t > 0.0 {
        t + (-t).exp().ln_1p()
    } else {
        t.exp().ln_1p()
    }
}

/// σ(t) = 1/(1 + e⁻ᵗ) and σ(t)(1 − σ(t)), both without overflow.
fn sigmoid(t: f64) -> (f64, f64) {
    let e = (-t.abs()).exp();
    let s = if t >= 0.0 {
        1.0 / (1.0 + e)
    } else {
        e / (1.0 + e)
    };
    (s, e / ((1.0 + e) * (1.0 + e)))
}

/// The probability of y = 1 at x.
pub fn probability(b0: f64, b1: f64, x: f64) -> f64 {
    sigmoid(b0 + b1 * x).0
}

/// LL at (b₀, b₁) in any scalar type: the value summed with compensation, the derivatives
/// carried through each row's η by the chain rule.
fn ll_of<D: Scalar>(rows: &[(f64, f64)], b0: D, b1: D) -> D {
    let mut value = CompensatedSum::default();
    let mut total = D::constant(0.0);
    for &(x, y) in rows {
        let eta = b0 + b1 * x;
        let t = eta.value();
        // y·η − softplus(η) is −softplus(−η) for y = 1 and −softplus(η) for y = 0.
        let f0 = if y == 1.0 {
            -softplus(-t)
        } else {
            -softplus(t)
        };
        value.add(f0);
        if D::ORDER > 0 {
            let (s, w) = sigmoid(t);
            total += eta.chain(f0, y - s, -w);
        }
    }
    if D::ORDER > 0 {
        total.with_value(value.value())
    } else {
        D::constant(value.value())
    }
}

/// LL with its gradient and Hessian over (b₀, b₁) in one pass of plain arithmetic: one
/// exponential and one logarithm a row, where hyper-dual numbers pair by pair would walk the
/// rows three times with four parts each (a profile at n = 10⁶ took minutes).
fn ll_gradient_hessian(rows: &[(f64, f64)], b0: f64, b1: f64) -> (f64, [f64; 2], [f64; 3]) {
    let mut value = CompensatedSum::default();
    let (mut g0, mut g1, mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y) in rows {
        let t = b0 + b1 * x;
        let e = (-t.abs()).exp();
        let log1p = e.ln_1p();
        // −softplus(∓t) = −(max(∓t, 0) + ln(1 + e^−|t|)).
        let f0 = if y == 1.0 {
            -((-t).max(0.0) + log1p)
        } else {
            -(t.max(0.0) + log1p)
        };
        value.add(f0);
        let s = if t >= 0.0 {
            1.0 / (1.0 + e)
        } else {
            e / (1.0 + e)
        };
        let w = e / ((1.0 + e) * (1.0 + e));
        let r = y - s;
        g0 += r;
        g1 += r * x;
        h00 -= w;
        h01 -= w * x;
        h11 -= w * x * x;
    }
    (value.value(), [g0, g1], [h00, h01, h11])
}

impl Default for LogisticModel {
    fn default() -> Self {
        LogisticModel::new()
    }
}

impl Model for LogisticModel {
    fn name(&self) -> &str {
        "logistic"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn default_sweep(&self) -> usize {
        1
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        label_of("Logistic", &["b₀", "b₁"], fixed)
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        // Rows are checked as they are observed (`check_row`).
        Ok(())
    }

    fn check_row(&self, row: &[f64]) -> Result<(), String> {
        match row {
            [_, y] if *y == 0.0 || *y == 1.0 => Ok(()),
            [_, y] => Err(format!(
                "y = {} is not 0 or 1: a logistic model's response is a class, 0 or 1",
                crate::digits::shortest(*y)
            )),
            _ => Err("a logistic model reads rows of two columns, x and y".to_string()),
        }
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
        for (x, y) in xs.iter().zip(ys.iter_mut()) {
            let p = probability(theta[0], theta[1], *x);
            // A uniform on [0, 1) from the top 53 bits of the next word.
            let u = (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
            *y = f64::from(u8::from(u < p));
        }
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        let (x, y): (Vec<f64>, Vec<f64>) = xs.chunks_exact(2).map(|r| (r[0], r[1])).unzip();
        if let Err(i) = self.observe_rows(stats, &[&x, &y]) {
            stats.undefined.get_or_insert(stats.n + i as u64);
        }
    }

    fn observe_rows(&self, stats: &mut SufficientStats, batch: &[&[f64]]) -> Result<(), usize> {
        let [xs, ys] = batch else {
            return Err(0);
        };
        if let Some(i) = ys.iter().position(|&y| y != 0.0 && y != 1.0) {
            return Err(i);
        }
        stats.push_rows(xs, ys, true);
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
        ll_of(&stats.pairs.rows, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        ll_of(&stats.pairs.rows, theta[0], theta[1])
    }

    fn ll_derivatives(
        &self,
        stats: &SufficientStats,
        theta: &[f64],
        over: &[usize],
    ) -> (f64, Vec<f64>, Vec<f64>) {
        let (ll, g, h) = ll_gradient_hessian(&stats.pairs.rows, theta[0], theta[1]);
        let hessian = |i: usize, j: usize| match (i, j) {
            (0, 0) => h[0],
            (1, 1) => h[2],
            _ => h[1],
        };
        (
            ll,
            over.iter().map(|&i| g[i]).collect(),
            over.iter()
                .flat_map(|&i| over.iter().map(move |&j| hessian(i, j)))
                .collect(),
        )
    }

    fn starts(&self, _stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        // LL is concave: any start reaches the maximum. The given point (a profile's previous
        // maximum) and the null model's b = 0 cover a far-off given point.
        let zero: Vec<f64> = theta
            .iter()
            .zip(free)
            .map(|(&t, &f)| if f { 0.0 } else { t })
            .collect();
        vec![theta.to_vec(), zero]
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        let rows = &stats.pairs.rows;
        if rows.is_empty() || !free.iter().any(|&f| f) {
            return None;
        }
        let ones = rows.iter().filter(|r| r.1 == 1.0).count();
        if free[0] && (ones == 0 || ones == rows.len()) {
            let y = if ones == 0 { 0 } else { 1 };
            return Some(format!(
                "every y is {y}, so LL keeps rising as b0 → {}∞: a logistic fit needs both classes, 0 and 1",
                if ones == 0 { "−" } else { "+" }
            ));
        }
        let class = |c: f64| rows.iter().filter(move |r| r.1 == c).map(|r| r.0);
        let range = |c: f64| {
            class(c).fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            })
        };
        let (lo0, hi0) = range(0.0);
        let (lo1, hi1) = range(1.0);
        let separated = |x0: f64, x1: f64| {
            format!(
                "the classes are separated (every y = 0 has x {} {} and every y = 1 has x {} {}), so LL keeps rising toward 0 as |b1| → ∞ and there is no finite estimate",
                if x0 <= x1 { "≤" } else { "≥" },
                crate::digits::shortest(x0),
                if x0 <= x1 { "≥" } else { "≤" },
                crate::digits::shortest(x1)
            )
        };
        if free[0] && free[1] {
            if ones > 0 && ones < rows.len() {
                if hi0 <= lo1 {
                    return Some(separated(hi0, lo1));
                }
                if hi1 <= lo0 {
                    return Some(separated(lo0, hi1));
                }
            }
            return None;
        }
        if free[1] {
            // b0 fixed: LL is monotone in b1 when every (2y − 1)·x has one sign.
            if rows.iter().all(|r| r.0 == 0.0) {
                return Some(
                    "every x is 0, so LL does not depend on b1 and b1 has no estimate".to_string(),
                );
            }
            let up = rows.iter().all(|r| (2.0 * r.1 - 1.0) * r.0 >= 0.0);
            let down = rows.iter().all(|r| (2.0 * r.1 - 1.0) * r.0 <= 0.0);
            if up || down {
                return Some(format!(
                    "with b0 fixed at {}, every y = 1 has x {} 0 and every y = 0 has x {} 0, so LL keeps rising as b1 → {}∞ and there is no finite estimate",
                    crate::digits::shortest(theta[0]),
                    if up { "≥" } else { "≤" },
                    if up { "≤" } else { "≥" },
                    if up { "+" } else { "−" }
                ));
            }
        }
        None
    }

    fn loss_title(&self, per_obs: bool, _fixed: &[Option<f64>]) -> Option<String> {
        Some(if per_obs {
            "mean cross-entropy".to_string()
        } else {
            "cross-entropy".to_string()
        })
    }

    fn fitted(&self, theta: &[f64], x: f64) -> Option<f64> {
        Some(probability(theta[0], theta[1], x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::dual::derivatives;

    fn stats_of(rows: &[(f64, f64)]) -> SufficientStats {
        let (x, y): (Vec<f64>, Vec<f64>) = rows.iter().copied().unzip();
        let mut stats = SufficientStats::default();
        LogisticModel::new()
            .observe_rows(&mut stats, &[&x, &y])
            .unwrap();
        stats
    }

    #[test]
    fn ll_is_the_sum_of_bernoulli_log_probabilities() {
        // scipy.stats.bernoulli.logpmf(y, expit(b0 + b1*x)).sum() at b0 = 0.3, b1 = -1.2 for
        // these rows, /work/venv/bin/python: -3.727056568082314.
        let rows = [(0.5, 1.0), (-1.0, 1.0), (2.0, 0.0), (0.0, 0.0), (1.5, 1.0)];
        let stats = stats_of(&rows);
        let ll = LogisticModel::new().ll(&stats, &[0.3, -1.2]);
        assert!((ll - -3.727056568082314).abs() < 1e-13, "{ll}");
    }

    #[test]
    fn exact_derivatives_match_the_closed_forms() {
        // Score Σ(y − p)(1, x) and information Σ p(1 − p)(1, x)(1, x)ᵀ, written out per row.
        let rows = [(0.5, 1.0), (-1.0, 1.0), (2.0, 0.0), (0.0, 0.0), (1.5, 1.0)];
        let stats = stats_of(&rows);
        let m = LogisticModel::new();
        let theta = [0.3, -1.2];
        let (_, g, h) = derivatives(&theta, |t| m.ll_hd(&stats, t));
        let (mut g0, mut g1, mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &(x, y) in &rows {
            let p: f64 = 1.0 / (1.0 + (1.2 * x - 0.3).exp());
            g0 += y - p;
            g1 += (y - p) * x;
            h00 -= p * (1.0 - p);
            h01 -= p * (1.0 - p) * x;
            h11 -= p * (1.0 - p) * x * x;
        }
        for (a, b) in g
            .iter()
            .zip([g0, g1])
            .chain(h.iter().zip([h00, h01, h01, h11]))
        {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
    }

    #[test]
    fn the_one_pass_derivatives_equal_the_hyper_dual_ones() {
        let rows = [
            (0.5, 1.0),
            (-1.0, 1.0),
            (2.0, 0.0),
            (0.0, 0.0),
            (1.5, 1.0),
            (-40.0, 0.0),
        ];
        let stats = stats_of(&rows);
        let m = LogisticModel::new();
        for theta in [[0.3, -1.2], [-2.0, 0.7], [5.0, 30.0]] {
            let (v, g, h) = derivatives(&theta, |t| m.ll_hd(&stats, t));
            let (v2, g2, h2) = m.ll_derivatives(&stats, &theta, &[0, 1]);
            assert!((v - v2).abs() < 1e-12 * v.abs().max(1.0), "{v} vs {v2}");
            for (a, b) in g.iter().zip(&g2).chain(h.iter().zip(&h2)) {
                assert!((a - b).abs() < 1e-12 * a.abs().max(1.0), "{a} vs {b}");
            }
            let (_, g1, h1) = m.ll_derivatives(&stats, &theta, &[1]);
            assert_eq!((g1[0], h1[0]), (g2[1], h2[3]));
        }
    }

    #[test]
    fn extreme_linear_predictors_give_finite_terms() {
        let stats = stats_of(&[(1.0, 1.0), (1.0, 0.0)]);
        let ll = LogisticModel::new().ll(&stats, &[0.0, 800.0]);
        // y = 1: ln σ(800) ≈ 0; y = 0: ln(1 − σ(800)) = −800.
        assert!((ll + 800.0).abs() < 1e-9, "{ll}");
    }

    #[test]
    fn separated_classes_have_no_estimate() {
        let m = LogisticModel::new();
        let stats = stats_of(&[(-1.0, 0.0), (0.5, 0.0), (0.5, 1.0), (2.0, 1.0)]);
        let why = m.unbounded(&stats, &[true, true], &[0.0, 0.0]).unwrap();
        assert!(why.contains("separated"), "{why}");
        let mixed = stats_of(&[(-1.0, 0.0), (0.7, 0.0), (0.5, 1.0), (2.0, 1.0)]);
        assert_eq!(m.unbounded(&mixed, &[true, true], &[0.0, 0.0]), None);
        let one_class = stats_of(&[(-1.0, 1.0), (2.0, 1.0)]);
        assert!(m
            .unbounded(&one_class, &[true, false], &[0.0, 1.0])
            .unwrap()
            .contains("every y is 1"));
    }
}
