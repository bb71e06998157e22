//! Bernoulli(p): one trial that succeeds (1) with probability p or fails (0).
//!
//! # Formula
//! With s = Σxᵢ successes in n trials,
//! LL(p) = s·ln p + (n − s)·ln(1 − p), with 0·ln 0 = 0,
//! maximised at p̂ = s/n. All-zero (or all-one) data put p̂ on the boundary, where LL is 0:
//! that is a legitimate estimate and the figure shows it.

use super::{
    xdivy, xln1m, xlny, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use rand::distr::{Bernoulli as BernoulliSampler, Distribution};

/// # Examples
/// ```
/// use nllplot::family::{Bernoulli, Family, SufficientStats};
/// let family = Bernoulli;
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0, 0.0, 0.0, 1.0]);
/// assert_eq!(family.mle(&stats), Some(0.5));
/// // 4 ln ½, worked by hand.
/// assert!((family.ll(&stats, 0.5) - 4.0 * 0.5f64.ln()).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Bernoulli;

impl Family for Bernoulli {
    fn dist(&self) -> Dist {
        Dist::Bernoulli
    }

    fn label(&self) -> String {
        "Bernoulli(p)".to_string()
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "p",
            hat: "p\u{302}",
            words: "success probability",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace { lo: 0.0, hi: 1.0 }
    }

    fn check_true(&self, p: f64) -> Result<(), String> {
        if (0.0..=1.0).contains(&p) {
            Ok(())
        } else {
            Err("a probability must lie in [0, 1]".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        0.3
    }

    fn check(&self, x: f64) -> Result<(), String> {
        if x == 0.0 || x == 1.0 {
            Ok(())
        } else {
            Err("must be 0 or 1".to_string())
        }
    }

    fn ln_f(&self, x: f64, p: f64) -> f64 {
        xlny(x, p) + xln1m(1.0 - x, p)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.sum.add(xs.iter().sum());
    }

    fn ll(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        xlny(s, p) + xln1m(stats.n as f64 - s, p)
    }

    fn score(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        xdivy(s, p) - xdivy(stats.n as f64 - s, 1.0 - p)
    }

    fn curvature(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        -xdivy(s, p * p) - xdivy(stats.n as f64 - s, (1.0 - p) * (1.0 - p))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.sum.value() / stats.n as f64)
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "logit p",
            map: NaturalMap::Logit,
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        proportion_spread(stats.sum.value(), stats.n as f64)
    }

    fn draw(&self, p: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = BernoulliSampler::new(p).expect("p was checked to lie in [0, 1]");
        for x in out {
            *x = f64::from(u8::from(sampler.sample(rng)));
        }
    }
}

/// The standard error of a proportion of `s` successes in `trials`, computed at the shrunk
/// estimate (s + ½)/(trials + 1) so that it stays positive when s is 0 or all trials.
pub(super) fn proportion_spread(s: f64, trials: f64) -> f64 {
    let p = (s + 0.5) / (trials + 1.0);
    (p * (1.0 - p) / trials).sqrt()
}
