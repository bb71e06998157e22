//! Laplace(μ, b) with the scale b known: the location μ is swept
//! (scipy.stats.laplace with loc = μ and scale = b).
//!
//! # Formula
//! LL(μ) = −n·ln(2b) − Σ|xᵢ − μ| / b.
//! There are no finite sufficient statistics beyond the data themselves (it is not an
//! exponential family in μ), so the observations are kept; each evaluation is one
//! branch-free pass over them.
//!
//! # Estimate
//! LL is piecewise linear with a kink at every observation; its slope Σ sign(xᵢ − μ)/b counts
//! the observations above μ minus those below. LL is maximised where that count changes sign:
//! at the median for odd n, and anywhere between the two middle observations for even n (LL is
//! flat there); θ̂ is then taken as their midpoint. Being not twice differentiable, LL has no
//! Fisher information, which [`Family::irregular`] says; the curvature is 0 between kinks.

use super::{
    check_finite, check_known, check_location, Dist, Family, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use crate::digits::shortest;
use rand::distr::{Distribution, Open01};

/// # Examples
/// ```
/// use nllplot::family::{Family, Laplace, SufficientStats};
/// let family = Laplace::new(1.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[3.0, -1.0, 0.0, 10.0]);
/// // Any μ in [0, 3] maximises LL; the midpoint is reported.
/// assert_eq!(family.mle(&stats), Some(1.5));
/// // −4·ln 2 − (1.5 + 2.5 + 1.5 + 8.5) at μ = 1.5.
/// assert!((family.ll(&stats, 1.5) - (-4.0 * 2f64.ln() - 14.0)).abs() < 1e-14);
/// assert!(family.irregular().is_some());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Laplace {
    scale: f64,
}

impl Laplace {
    /// A Laplace family with known scale b > 0.
    pub fn new(scale: f64) -> Result<Self, String> {
        Ok(Laplace {
            scale: check_known("--scale", scale)?,
        })
    }
}

impl Family for Laplace {
    fn dist(&self) -> Dist {
        Dist::Laplace
    }

    fn label(&self) -> String {
        format!("Laplace(μ, scale = {})", shortest(self.scale))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "location",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace::REAL_LINE
    }

    fn check_true(&self, mu: f64) -> Result<(), String> {
        check_location(mu)
    }

    fn default_true(&self) -> f64 {
        0.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        check_finite(x)
    }

    fn ln_f(&self, x: f64, mu: f64) -> f64 {
        -(2.0 * self.scale).ln() - (x - mu).abs() / self.scale
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.values.extend_from_slice(xs);
    }

    fn ll(&self, stats: &SufficientStats, mu: f64) -> f64 {
        let deviation: f64 = stats.values.iter().map(|&x| (x - mu).abs()).sum();
        -(stats.n as f64) * (2.0 * self.scale).ln() - deviation / self.scale
    }

    fn score(&self, stats: &SufficientStats, mu: f64) -> f64 {
        // sign(x − μ), with 0 at a tie: LL has no derivative there, and 0 is the average of
        // the slopes on either side of that observation's kink.
        let balance: f64 = stats
            .values
            .iter()
            .map(|&x| f64::from(u8::from(x > mu)) - f64::from(u8::from(x < mu)))
            .sum();
        balance / self.scale
    }

    fn curvature(&self, _stats: &SufficientStats, _mu: f64) -> f64 {
        0.0
    }

    fn expected_information(&self, _mu: f64) -> Option<f64> {
        Some(1.0 / (self.scale * self.scale))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        let n = stats.values.len();
        if n == 0 {
            return Some(f64::NAN); // no data, no estimate (like 0/0 for the sums above)
        }
        let mut xs = stats.values.clone();
        let (below, &mut upper, _) = xs.select_nth_unstable_by(n / 2, f64::total_cmp);
        if n % 2 == 1 {
            return Some(upper);
        }
        // Even n: the largest of the lower half is the other middle observation.
        let lower = below.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some(lower + 0.5 * (upper - lower))
    }

    fn irregular(&self) -> Option<&'static str> {
        Some(
            "LL is piecewise linear in the location, so −LL″ is 0 or undefined (the expected information is 1/b², but the curve has no curvature to read it from)",
        )
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // The sample median's asymptotic standard error for a Laplace location: b/√n.
        self.scale / (stats.n as f64).sqrt()
    }

    fn draw(&self, mu: f64, rng: &mut Rng, out: &mut [f64]) {
        // The inverse CDF at u ∈ (0, 1): μ + b·ln(2u) below the median, μ − b·ln(2 − 2u)
        // above it; u never reaches 0 or 1, so draws are finite.
        let b = self.scale;
        for x in out {
            let u: f64 = Open01.sample(rng);
            *x = if u < 0.5 {
                mu + b * (2.0 * u).ln()
            } else {
                mu - b * (2.0 - 2.0 * u).ln()
            };
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("scale", self.scale)]
    }
}
