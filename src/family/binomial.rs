//! Binomial(M, p): the number of successes in M known trials.
//!
//! # Formula
//! With s = Σkᵢ over n observations,
//! LL(p) = Σ ln C(M, kᵢ) + s·ln p + (nM − s)·ln(1 − p), maximised at p̂ = s/(nM).
//! The binomial coefficients do not depend on p; they are summed once, from a table when M is
//! small enough that most observations share a value.

use super::bernoulli::proportion_spread;
use super::{
    check_count, xdivy, xln1m, xlny, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use crate::numeric::special::ln_choose;
use rand::distr::Distribution;

/// Largest M for which the ln C(M, k) are tabulated instead of computed per observation.
const TABLE_LIMIT: u64 = 1 << 16;

/// # Examples
/// ```
/// use nllplot::family::{Binomial, Family, SufficientStats};
/// let family = Binomial::new(2).unwrap();
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[1.0]);
/// // P(K = 1) = 2·p·(1 − p) = ½ at p = ½.
/// assert!((family.ll(&stats, 0.5) - 0.5f64.ln()).abs() < 1e-15);
/// ```
#[derive(Debug, Clone)]
pub struct Binomial {
    trials: u64,
    ln_choose: Vec<f64>,
}

impl Binomial {
    /// A binomial family with `trials` ≥ 1 known trials per observation.
    pub fn new(trials: u64) -> Result<Self, String> {
        if trials == 0 {
            return Err("--trials must be at least 1".to_string());
        }
        if trials > 1 << 53 {
            return Err("--trials must be at most 2^53 so that counts are exact".to_string());
        }
        let ln_choose = if trials <= TABLE_LIMIT {
            (0..=trials).map(|k| ln_choose(trials, k)).collect()
        } else {
            Vec::new()
        };
        Ok(Binomial { trials, ln_choose })
    }

    fn ln_choose(&self, k: f64) -> f64 {
        match self.ln_choose.get(k as usize) {
            Some(&v) => v,
            None => ln_choose(self.trials, k as u64),
        }
    }
}

impl Family for Binomial {
    fn dist(&self) -> Dist {
        Dist::Binomial
    }

    fn label(&self) -> String {
        format!("Binomial(M = {}, p)", self.trials)
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

    fn counts(&self) -> bool {
        true
    }

    fn check(&self, k: f64) -> Result<(), String> {
        check_count(k, 0.0)?;
        if k > self.trials as f64 {
            return Err(format!(
                "must be at most the number of trials M = {}",
                self.trials
            ));
        }
        Ok(())
    }

    fn ln_f(&self, k: f64, p: f64) -> f64 {
        self.ln_choose(k) + xlny(k, p) + xln1m(self.trials as f64 - k, p)
    }

    fn observe(&self, stats: &mut SufficientStats, ks: &[f64]) {
        stats.n += ks.len() as u64;
        for &k in ks {
            stats.sum.add(k);
            stats.base.add(self.ln_choose(k));
        }
    }

    fn ll(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        let trials = stats.n as f64 * self.trials as f64;
        stats.base.value() + xlny(s, p) + xln1m(trials - s, p)
    }

    fn score(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        xdivy(s, p) - xdivy(stats.n as f64 * self.trials as f64 - s, 1.0 - p)
    }

    fn curvature(&self, stats: &SufficientStats, p: f64) -> f64 {
        let s = stats.sum.value();
        let failures = stats.n as f64 * self.trials as f64 - s;
        -xdivy(s, p * p) - xdivy(failures, (1.0 - p) * (1.0 - p))
    }

    fn expected_information(&self, p: f64) -> Option<f64> {
        Some(self.trials as f64 / (p * (1.0 - p)))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.sum.value() / (stats.n as f64 * self.trials as f64))
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "logit p",
            map: NaturalMap::Logit,
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        proportion_spread(stats.sum.value(), stats.n as f64 * self.trials as f64)
    }

    fn draw(&self, p: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler =
            rand_distr::Binomial::new(self.trials, p).expect("p was checked to lie in [0, 1]");
        for x in out {
            *x = sampler.sample(rng) as f64;
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("trials", self.trials as f64)]
    }
}
