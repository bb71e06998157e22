//! Uniform(0, θ): the upper bound θ is swept (scipy.stats.uniform with loc = 0 and scale = θ,
//! density 1/θ on [0, θ]). Observations are reals x ≥ 0.
//!
//! # Formula
//! With M = max xᵢ over n observations,
//! LL(θ) = −n·ln θ for θ ≥ M, and −∞ for θ < M (an observation would lie outside [0, θ]).
//! M is the sufficient statistic, and θ̂ = M: LL jumps from −∞ to its maximum there and falls
//! as θ grows. That makes the family irregular: θ̂ is not a root of the score (−n/θ < 0
//! wherever LL is finite) and the Fisher information says nothing about its spread, which is of
//! order θ/n rather than θ/√n. When every observation is 0, M = 0 and LL grows without bound
//! as θ → 0; such data are refused ([`Family::unbounded`]).
//!
//! The default window starts below M, so that the figure shows the jump.

use super::{Dist, Family, ParamName, ParamSpace, Rng, SufficientStats};
use rand::distr::Distribution;

/// # Examples
/// ```
/// use nllplot::family::{Family, SufficientStats, Uniform};
/// let mut stats = SufficientStats::default();
/// Uniform.observe(&mut stats, &[0.5, 2.0, 1.25]);
/// assert_eq!(Uniform.mle(&stats), Some(2.0));
/// // Three densities of ¼ at θ = 4; below the largest observation LL is −∞.
/// assert!((Uniform.ll(&stats, 4.0) - 3.0 * 0.25f64.ln()).abs() < 1e-15);
/// assert_eq!(Uniform.ll(&stats, 1.9), f64::NEG_INFINITY);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Uniform;

impl Family for Uniform {
    fn dist(&self) -> Dist {
        Dist::Uniform
    }

    fn label(&self) -> String {
        "Uniform(0, θ)".to_string()
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "θ",
            hat: "θ\u{302}",
            words: "upper bound",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, theta: f64) -> Result<(), String> {
        if theta > 0.0 && theta.is_finite() {
            Ok(())
        } else {
            Err("an upper bound must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        3.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x >= 0.0 && x.is_finite() {
            Ok(())
        } else {
            Err("must be >= 0 and finite (Uniform(0, θ) draws lie in [0, θ])".to_string())
        }
    }

    fn ln_f(&self, x: f64, theta: f64) -> f64 {
        if x <= theta {
            -theta.ln()
        } else {
            f64::NEG_INFINITY
        }
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.max = xs.iter().copied().fold(stats.max, f64::max);
    }

    fn ll(&self, stats: &SufficientStats, theta: f64) -> f64 {
        if stats.n == 0 {
            0.0
        } else if theta >= stats.max {
            -(stats.n as f64) * theta.ln()
        } else {
            f64::NEG_INFINITY
        }
    }

    /// −n/θ where LL is finite (θ ≥ max x). Below max x, where LL is −∞, the score is +∞: LL
    /// only rises towards the jump, so the score changes sign at θ̂ without a root.
    fn score(&self, stats: &SufficientStats, theta: f64) -> f64 {
        if theta >= stats.max {
            -(stats.n as f64) / theta
        } else {
            f64::INFINITY
        }
    }

    /// n/θ² where LL is finite (θ ≥ max x): LL is convex there. NaN below max x, where LL is
    /// −∞ and has no curvature.
    fn curvature(&self, stats: &SufficientStats, theta: f64) -> f64 {
        if theta >= stats.max {
            stats.n as f64 / (theta * theta)
        } else {
            f64::NAN
        }
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.max)
    }

    fn unbounded(&self, stats: &SufficientStats) -> Option<String> {
        (stats.n > 0 && stats.max == 0.0).then(|| {
            "every observation is 0, so LL = −n·ln θ grows without bound as θ → 0".to_string()
        })
    }

    fn irregular(&self) -> Option<&'static str> {
        Some(
            "the support depends on θ: LL jumps to −∞ below max(x), so θ̂ is not a root of the score and the Fisher information does not apply",
        )
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // The maximum of n uniform draws lies about θ/n below θ.
        mle / stats.n as f64
    }

    /// From max x − 2.5·max x/n, where LL is −∞, to max x + 5·max x/n: the jump at θ̂ and
    /// the fall beyond it (over which NLL rises by n·ln(1 + 5/n), about 5 for large n), with
    /// a third of the window below θ̂. For n < 5 the window starts at max x/2.
    fn default_range(&self, stats: &SufficientStats, mle: f64) -> (f64, f64) {
        let step = self.spread(stats, mle);
        ((mle - 2.5 * step).max(0.5 * mle), mle + 5.0 * step)
    }

    fn draw(&self, theta: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Uniform::new(0.0, theta).expect("θ was checked to be positive");
        for x in out {
            *x = sampler.sample(rng);
        }
    }
}
