//! Running sums from which every family's log-likelihood is computed.
//!
//! One struct serves all families: each family's `observe` fills the fields it needs and leaves
//! the others at their defaults. Sums are compensated (Neumaier) so that a billion observations lose no
//! more accuracy than a hundred, and two partial sums merge exactly the same way whatever the
//! thread that computed them, which keeps parallel sampling deterministic.

use crate::numeric::special::ln_ratio;
pub use crate::numeric::CompensatedSum;

/// What a family keeps of its observations.
#[derive(Debug, Clone, PartialEq)]
pub struct SufficientStats {
    /// Number of observations.
    pub n: u64,
    /// Σ t(xᵢ): the sum of the observations (counts, successes, waiting times).
    pub sum: CompensatedSum,
    /// Σ ln h(xᵢ): the θ-free part of the log-likelihood (ln C(M, k), −ln k!).
    pub base: CompensatedSum,
    /// Σ ln xᵢ, for two-parameter models whose shape multiplies it (gamma, beta, Weibull).
    pub sum_ln: CompensatedSum,
    /// Σ ln(1 − xᵢ), for the beta's second shape.
    pub sum_ln1m: CompensatedSum,
    /// Moments about a shift K (the first value seen), for families that need the spread:
    /// data far from zero (1e9 ± 1) then keep all their digits, which Welford's running mean
    /// does not.
    moments: Option<ShiftedMoments>,
    /// Σ xᵢ·ln(xᵢ/K) about a shift K (the first positive value seen), for the Poisson: its
    /// LL is Σ ln kᵢ! away from cancelling 3.2e17 against 3.2e17 for counts near 2⁵³.
    xlnx: Option<ShiftedXlnx>,
    /// The observations themselves, kept only by families without finite sufficient
    /// statistics (Cauchy, Laplace, Student t): their LL needs every value at every θ.
    pub values: Vec<f64>,
    /// The largest observation, for families whose support depends on θ (Uniform(0, θ));
    /// −∞ until a family records one.
    pub max: f64,
    /// What a user's model (`--logf`) keeps: its expression's sums, or the data-only parts of
    /// each row when the expression does not separate.
    pub expr: crate::expr::Observations,
    /// The first observation (counted from 0) whose ln f under a user's model is NaN or +∞
    /// for every parameter value in bounds: such data make no likelihood, and the run refuses
    /// them, naming it.
    pub undefined: Option<u64>,
    /// The (x, y) rows of a regression model: its sums, and the rows it keeps.
    pub pairs: super::pairs::Pairs,
}

impl Default for SufficientStats {
    fn default() -> Self {
        SufficientStats {
            n: 0,
            sum: CompensatedSum::default(),
            base: CompensatedSum::default(),
            sum_ln: CompensatedSum::default(),
            sum_ln1m: CompensatedSum::default(),
            moments: None,
            xlnx: None,
            values: Vec::new(),
            max: f64::NEG_INFINITY,
            expr: crate::expr::Observations::default(),
            undefined: None,
            pairs: super::pairs::Pairs::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct ShiftedMoments {
    shift: f64,
    /// Σ (xᵢ − K)
    s1: CompensatedSum,
    /// Σ (xᵢ − K)²
    s2: CompensatedSum,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct ShiftedXlnx {
    shift: f64,
    /// Σ xᵢ over the positive values
    total: CompensatedSum,
    /// Σ xᵢ·ln(xᵢ/K)
    sum: CompensatedSum,
}

impl SufficientStats {
    /// Adds one value x ≥ 0 to Σ x·ln x (the caller counts it in `n`); each term is taken
    /// about the shift, x·ln(x/K), so values near K add small, exact-ish terms.
    pub fn push_xlnx(&mut self, x: f64) {
        let term = self.xlnx_term(x);
        self.push_xlnx_term(x, term);
    }

    /// The term x·ln(x/K) that [`Self::push_xlnx`] adds for x (0 for x = 0), the shift K
    /// becoming x if no positive value came before. A caller that meets the same x again may
    /// keep the term and add it with [`Self::push_xlnx_term`]: the same sums, bit for bit.
    pub fn xlnx_term(&mut self, x: f64) -> f64 {
        if x == 0.0 {
            return 0.0; // 0·ln 0 = 0
        }
        let m = self.xlnx.get_or_insert(ShiftedXlnx {
            shift: x,
            total: CompensatedSum::default(),
            sum: CompensatedSum::default(),
        });
        x * ln_ratio(x, m.shift)
    }

    /// Adds x ≥ 0 to Σ x·ln x with its term as [`Self::xlnx_term`] gave it.
    pub fn push_xlnx_term(&mut self, x: f64, term: f64) {
        if let Some(m) = self.xlnx.as_mut().filter(|_| x != 0.0) {
            m.total.add(x);
            m.sum.add(term);
        }
    }

    /// Σ xᵢ·ln(xᵢ/c) for c ≥ 0, the values' divergence from a constant c, without forming
    /// Σ xᵢ·ln xᵢ and c·Σ xᵢ: about the shift, Σ xᵢ·ln(xᵢ/K) + (Σ xᵢ)·ln(K/c). (+∞ at c = 0
    /// unless every value is 0.)
    pub fn xlnx_over(&self, c: f64) -> f64 {
        match &self.xlnx {
            None => 0.0,
            Some(m) => m.sum.value() + m.total.value() * ln_ratio(m.shift, c),
        }
    }

    /// Adds a batch of (x, y) rows of a regression model: each to the row sums (every row kept
    /// when `all`), its x to the moments, and all of them to `n`.
    pub fn push_rows(&mut self, xs: &[f64], ys: &[f64], all: bool) {
        for (&x, &y) in xs.iter().zip(ys) {
            self.pairs.push(x, y, all);
            self.push_moments(x);
        }
        self.n += xs.len() as u64;
    }

    /// Adds one observation to the moments (the caller counts it in `n`).
    pub fn push_moments(&mut self, x: f64) {
        let m = self.moments.get_or_insert(ShiftedMoments {
            shift: x,
            s1: CompensatedSum::default(),
            s2: CompensatedSum::default(),
        });
        let d = x - m.shift;
        m.s1.add(d);
        m.s2.add(d * d);
    }

    /// The sample mean x̄ (0 when no moments were kept).
    pub fn mean(&self) -> f64 {
        match &self.moments {
            Some(m) => m.shift + m.s1.value() / self.n as f64,
            None => 0.0,
        }
    }

    /// Σ (xᵢ − c)², the spread about any centre c, computed about the shift so that it does
    /// not cancel when the data sit far from zero.
    pub fn sum_sq_about(&self, c: f64) -> f64 {
        let Some(m) = &self.moments else { return 0.0 };
        let n = self.n as f64;
        let (s1, s2) = (m.s1.value(), m.s2.value());
        // Σ(x − K)² past f64's range (|x − K| ≳ 1e154) means a spread, and so a Σ(x − c)² for
        // every c, that no double holds: say so with ∞ rather than let ∞ − ∞ make a NaN.
        if !s2.is_finite() || !s1.is_finite() {
            return f64::INFINITY;
        }
        // (s1/n)·s1 ≤ s2 by Cauchy–Schwarz, so unlike s1² it cannot overflow.
        let m2 = (s2 - s1 / n * s1).max(0.0);
        let d = s1 / n - (c - m.shift);
        m2 + n * d * d
    }

    /// Combines the statistics of two disjoint sets of observations. Merging in a fixed order
    /// gives the same bits whatever the thread that computed each part.
    pub fn merge(&mut self, other: &SufficientStats) {
        if self.undefined.is_none() {
            self.undefined = other.undefined.map(|i| self.n + i);
        }
        self.expr.merge(&other.expr);
        self.pairs.merge(&other.pairs);
        self.values.extend_from_slice(&other.values);
        self.max = self.max.max(other.max);
        self.n += other.n;
        self.sum.merge(&other.sum);
        self.base.merge(&other.base);
        self.sum_ln.merge(&other.sum_ln);
        self.sum_ln1m.merge(&other.sum_ln1m);
        match (&mut self.xlnx, &other.xlnx) {
            (_, None) => {}
            (None, Some(b)) => self.xlnx = Some(*b),
            (Some(a), Some(b)) => {
                // Re-centre b on a's shift: Σ x·ln(x/Ka) = Σ x·ln(x/Kb) + (Σ x)·ln(Kb/Ka).
                a.sum.merge(&b.sum);
                a.sum.add(b.total.value() * ln_ratio(b.shift, a.shift));
                a.total.merge(&b.total);
            }
        }
        match (&mut self.moments, &other.moments) {
            (_, None) => {}
            (None, Some(b)) => self.moments = Some(*b),
            (Some(a), Some(b)) => {
                // Re-centre b's sums on a's shift: Σ(x − Ka) = Σ(x − Kb) + nb·δ, δ = Kb − Ka.
                let nb = other.n as f64;
                let delta = b.shift - a.shift;
                let b1 = b.s1.value();
                a.s1.merge(&b.s1);
                a.s1.add(nb * delta);
                a.s2.merge(&b.s2);
                a.s2.add(2.0 * delta * b1);
                a.s2.add(nb * delta * delta);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_moments_equal_sequential_ones() {
        let xs = [1e9 + 1.0, 1e9 + 2.0, 1e9 + 4.0, 1e9 + 7.0, 1e9 + 11.0];
        let push = |stats: &mut SufficientStats, x: f64| {
            stats.n += 1;
            stats.push_moments(x);
        };
        let m2 = |stats: &SufficientStats| stats.sum_sq_about(stats.mean());
        let mut whole = SufficientStats::default();
        xs.iter().for_each(|&x| push(&mut whole, x));
        let mut left = SufficientStats::default();
        let mut right = SufficientStats::default();
        xs[..2].iter().for_each(|&x| push(&mut left, x));
        xs[2..].iter().for_each(|&x| push(&mut right, x));
        left.merge(&right);
        // Deviations from the mean 1e9 + 5: -4, -3, -1, 2, 6 → Σ² = 16+9+1+4+36 = 66.
        assert_eq!(m2(&whole), 66.0);
        assert_eq!(m2(&left), 66.0);
        assert_eq!(left.n, 5);
        assert_eq!(left.mean(), 1e9 + 5.0);
        // About another centre: Σ(x − (1e9 + 3))² = 66 + 5·2² = 86.
        assert_eq!(left.sum_sq_about(1e9 + 3.0), 86.0);
    }

    #[test]
    fn merged_maximum_is_the_larger_and_empty_parts_do_not_count() {
        assert_eq!(SufficientStats::default().max, f64::NEG_INFINITY);
        let with_max = |max| SufficientStats {
            max,
            ..SufficientStats::default()
        };
        let mut a = with_max(2.5);
        a.merge(&SufficientStats::default());
        assert_eq!(a.max, 2.5);
        a.merge(&with_max(7.0));
        assert_eq!(a.max, 7.0);
        a.merge(&with_max(1.0));
        assert_eq!(a.max, 7.0);
    }
}
