//! Beta(a, b) with the second shape b known: the first shape a is swept
//! (scipy.stats.beta(a, b)). Observations lie strictly between 0 and 1.
//!
//! # Formula
//! With L = Σ ln xᵢ over n observations,
//! LL(a) = a·L + Σ[(b − 1)·ln(1 − xᵢ) − ln xᵢ] − n·ln B(a, b),
//! whose bracketed sum does not depend on a and is accumulated once. The score
//! LL′(a) = L − n·(ψ(a) − ψ(a + b)) and LL″(a) = −n·(ψ′(a) − ψ′(a + b)) use the digamma ψ
//! (statrs) and the trigamma ψ′ ([`crate::numeric::special::trigamma`]).
//!
//! # Estimate
//! There is no closed form: θ̂ is the root of the score, which is strictly decreasing (ψ′ is
//! decreasing, so ψ(a + b) − ψ(a) = ∫₀ᵇ ψ′(a + t) dt decreases in a) from +∞ at a → 0 to
//! L < 0 as a → ∞, so exactly one root exists and LL is concave in a. With m = −L/n > 0 and
//! the bounds 1/x < ψ′(x) < 1/x + 1/x², g(a) = ψ(a + b) − ψ(a) satisfies
//! ln(1 + b/a) < g(a) < ln(1 + b/a) + b/(a(a + b)) < (b + 1)/a, and the score n·(g(a) − m) is
//! therefore positive at a = b/(eᵐ − 1) and negative at a = (b + 1)/m. [`Family::mle_search`]
//! widens that bracket by a factor 2 on each side, so that the signs survive rounding.
//!
//! # Natural parameter
//! ln f(x) = (a − 1)·ln x + (b − 1)·ln(1 − x) − ln B(a, b): with b fixed this is an exponential
//! family in η = a − 1, the coefficient of the statistic ln x. The map is a shift, so LL over η
//! is LL over a moved by one: it was concave already (ln B(a, b) is convex in a).
//!
//! Observations of exactly 0 or 1 are refused: there the density is 0 or infinite depending on
//! a and b, so LL would be ±∞ at every θ.

use super::{
    check_known, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng, SufficientStats,
};
use crate::digits::shortest;
use crate::numeric::special::trigamma;
use rand::distr::Distribution;
use statrs::function::beta::ln_beta;
use statrs::function::gamma::digamma;

/// # Examples
/// ```
/// use nllplot::family::{Beta, Family, SufficientStats};
/// let family = Beta::new(1.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[0.5]);
/// // Beta(2, 1) has density 2x: ln(2·½) = 0.
/// assert!(family.ll(&stats, 2.0).abs() < 1e-14);
/// // No closed form, but a bracket on which the score changes sign.
/// assert_eq!(family.mle(&stats), None);
/// let (lo, hi) = family.mle_search(&stats);
/// assert!(family.score(&stats, lo) > 0.0 && family.score(&stats, hi) < 0.0);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Beta {
    b: f64,
}

impl Beta {
    /// A beta family with known second shape b > 0.
    pub fn new(b: f64) -> Result<Self, String> {
        Ok(Beta {
            b: check_known("--b", b)?,
        })
    }
}

impl Family for Beta {
    fn dist(&self) -> Dist {
        Dist::Beta
    }

    fn label(&self) -> String {
        format!("Beta(a, b = {})", shortest(self.b))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "a",
            hat: "a\u{302}",
            words: "first shape",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, a: f64) -> Result<(), String> {
        if a > 0.0 && a.is_finite() {
            Ok(())
        } else {
            Err("a beta shape must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        2.5
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 && x < 1.0 {
            Ok(())
        } else {
            Err(
                "must lie strictly between 0 and 1 (at 0 or 1 the beta density is 0 or infinite)"
                    .to_string(),
            )
        }
    }

    fn ln_f(&self, x: f64, a: f64) -> f64 {
        if a == 0.0 {
            return f64::NEG_INFINITY;
        }
        (a - 1.0) * x.ln() + (self.b - 1.0) * (-x).ln_1p() - ln_beta(a, self.b)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        for &x in xs {
            let ln_x = x.ln();
            stats.sum.add(ln_x);
            stats.base.add((self.b - 1.0) * (-x).ln_1p() - ln_x);
        }
    }

    fn ll(&self, stats: &SufficientStats, a: f64) -> f64 {
        if stats.n == 0 {
            return 0.0;
        }
        if a == 0.0 {
            // B(a, b) → ∞ as a → 0.
            return f64::NEG_INFINITY;
        }
        a * stats.sum.value() + stats.base.value() - stats.n as f64 * ln_beta(a, self.b)
    }

    fn score(&self, stats: &SufficientStats, a: f64) -> f64 {
        let n = stats.n as f64;
        if a == 0.0 {
            return if n > 0.0 { f64::INFINITY } else { 0.0 };
        }
        stats.sum.value() - n * (digamma(a) - digamma(a + self.b))
    }

    fn curvature(&self, stats: &SufficientStats, a: f64) -> f64 {
        let n = stats.n as f64;
        if a == 0.0 {
            return if n > 0.0 { f64::NEG_INFINITY } else { 0.0 };
        }
        -n * (trigamma(a) - trigamma(a + self.b))
    }

    fn expected_information(&self, a: f64) -> Option<f64> {
        Some(trigamma(a) - trigamma(a + self.b))
    }

    fn mle(&self, _stats: &SufficientStats) -> Option<f64> {
        None
    }

    fn mle_search(&self, stats: &SufficientStats) -> (f64, f64) {
        // m = −mean ln x > 0; the bracket is derived in the module documentation.
        let m = -stats.sum.value() / stats.n as f64;
        let lo = 0.5 * self.b / m.exp_m1();
        let hi = 2.0 * (self.b + 1.0) / m;
        (lo.max(f64::MIN_POSITIVE), hi)
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "a−1",
            map: NaturalMap::Shift(-1.0),
        })
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // J(a) = n·(ψ′(a) − ψ′(a + b)).
        let j = stats.n as f64 * (trigamma(mle) - trigamma(mle + self.b));
        1.0 / j.sqrt()
    }

    fn draw(&self, a: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Beta::new(a, self.b).expect("a and b were checked");
        for x in out {
            // Extreme shapes can round a draw onto 0 or 1, outside the support: keep it inside.
            *x = sampler
                .sample(rng)
                .clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON / 2.0);
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("b", self.b)]
    }
}
