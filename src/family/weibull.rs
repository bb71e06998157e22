//! Weibull(k, λ) with the shape k known: the scale λ is swept (scipy.stats.weibull_min with
//! c = k, loc = 0 and scale = λ). Observations are positive reals: waiting times, lifetimes,
//! wind speeds.
//!
//! # Formula
//! With S = Σ xᵢᵏ over n observations,
//! LL(λ) = n·ln k − n·k·ln λ + (k − 1)·Σ ln xᵢ − S·λ⁻ᵏ, maximised at λ̂ = (S/n)^(1/k).
//! With k known, xᵏ is a sufficient statistic, so memory stays flat; with k unknown it is not,
//! and the two-parameter model keeps the observations (`model::weibull`).

use super::{
    check_known, positive_draw, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;

/// # Examples
/// ```
/// use nllplot::family::{Family, SufficientStats, Weibull};
/// let family = Weibull::new(2.0).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0, 2.0]);
/// // λ̂ = √((1 + 4)/2), and LL(1) = 2·ln 2 + ln 1 + ln 2 − 5, worked by hand.
/// assert!((family.mle(&stats).unwrap() - 2.5f64.sqrt()).abs() < 1e-15);
/// assert!((family.ll(&stats, 1.0) - (3.0 * 2f64.ln() - 5.0)).abs() < 1e-14);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Weibull {
    shape: f64,
}

impl Weibull {
    /// A Weibull family with known shape k = `shape` > 0.
    pub fn new(shape: f64) -> Result<Self, String> {
        Ok(Weibull {
            shape: check_known("--shape", shape)?,
        })
    }

    /// S·λ⁻ᵏ, which is 0 where S is (no data) and +∞ where λᵏ underflows.
    fn scaled(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        let s = stats.sum.value();
        if s == 0.0 {
            return 0.0;
        }
        (s.ln() - self.shape * lambda.ln()).exp()
    }
}

impl Family for Weibull {
    fn dist(&self) -> Dist {
        Dist::Weibull
    }

    fn label(&self) -> String {
        format!("Weibull(k = {}, λ)", shortest(self.shape))
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "λ",
            hat: "λ\u{302}",
            words: "scale",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace::POSITIVE
    }

    fn check_true(&self, lambda: f64) -> Result<(), String> {
        if lambda > 0.0 && lambda.is_finite() {
            Ok(())
        } else {
            Err("a Weibull scale must be positive and finite".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        1.0
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x > 0.0 && x.is_finite() {
            Ok(())
        } else {
            Err("must be positive (> 0) and finite".to_string())
        }
    }

    fn ln_f(&self, x: f64, lambda: f64) -> f64 {
        let k = self.shape;
        k.ln() - k * lambda.ln() + (k - 1.0) * x.ln() - (x / lambda).powf(k)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        let k = self.shape;
        let ln_k = k.ln();
        stats.n += xs.len() as u64;
        for &x in xs {
            stats.sum.add(x.powf(k));
            stats.base.add(ln_k + (k - 1.0) * x.ln());
        }
    }

    fn ll(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        if stats.n == 0 {
            return 0.0;
        }
        if lambda <= 0.0 {
            // S/λᵏ outgrows n·k·ln λ as λ → 0.
            return f64::NEG_INFINITY;
        }
        let n = stats.n as f64;
        stats.base.value() - n * self.shape * lambda.ln() - self.scaled(stats, lambda)
    }

    fn score(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        let n = stats.n as f64;
        self.shape / lambda * (self.scaled(stats, lambda) - n)
    }

    fn curvature(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        let n = stats.n as f64;
        let k = self.shape;
        k / (lambda * lambda) * (n - (k + 1.0) * self.scaled(stats, lambda))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some((stats.sum.value() / stats.n as f64).powf(1.0 / self.shape))
    }

    fn natural(&self) -> Option<Natural> {
        // LL = n·ln k + (k − 1)·Σ ln x + η·S + n·ln(−η) with η = −λ⁻ᵏ: an exponential family in η.
        Some(Natural {
            symbol: "−λ⁻ᵏ",
            map: NaturalMap::NegInvPower(self.shape),
        })
    }

    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64 {
        // J(λ̂) = n·k²/λ̂².
        mle / (self.shape * (stats.n as f64).sqrt())
    }

    fn draw(&self, lambda: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Weibull::new(lambda, self.shape).expect("λ and k were checked");
        for x in out {
            *x = positive_draw(sampler.sample(rng));
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("shape", self.shape)]
    }
}
