//! NegativeBinomial(r, p) with r known: the number of failures k ≥ 0 before the r-th success
//! in trials that succeed with probability p (scipy.stats.nbinom with n = r). r may be any
//! positive real; for whole r it counts trials literally.
//!
//! # Formula
//! With s = Σkᵢ over n observations,
//! LL(p) = Σ[ln Γ(kᵢ + r) − ln Γ(r) − ln kᵢ!] + n·r·ln p + s·ln(1 − p), with 0·ln 0 = 0,
//! maximised at p̂ = n·r/(n·r + s). All-zero counts put p̂ = 1 on the boundary, where LL is
//! finite. The bracketed sum does not depend on p; it is summed once, from a table for small
//! counts. The natural parameter is ln(1 − p), the coefficient of k in ln f.

use super::{
    check_count, check_known, xdivy, xln1m, xlny, Dist, Family, Natural, NaturalMap, ParamName,
    ParamSpace, Rng, SufficientStats,
};
use crate::digits::shortest;
use rand::distr::Distribution;
use statrs::function::factorial::ln_factorial;
use statrs::function::gamma::ln_gamma;

/// Counts below this have their θ-free term tabulated.
const TABLE: usize = 256;
/// The largest mean count r(1 − p)/p a sampler is asked for: the Poisson draws stay exact
/// integers well below 2⁵³.
const MAX_MEAN: f64 = 1e12;

/// # Examples
/// ```
/// use nllplot::family::{Family, NegativeBinomial, SufficientStats};
/// let family = NegativeBinomial::new(1.0).unwrap(); // r = 1: failures before one success
/// let mut stats = SufficientStats::default();
/// family.observe(&mut stats, &[2.0]);
/// // Two failures then a success: (1 − p)²·p = 1/8 at p = ½.
/// assert!((family.ll(&stats, 0.5) - 0.125f64.ln()).abs() < 1e-14);
/// assert!((family.mle(&stats).unwrap() - 1.0 / 3.0).abs() < 1e-15);
/// ```
#[derive(Debug, Clone)]
pub struct NegativeBinomial {
    r: f64,
    /// ln Γ(k + r) − ln Γ(r) − ln k! for k < TABLE (exactly 0 at k = 0).
    table: Vec<f64>,
}

impl NegativeBinomial {
    /// A negative binomial family with a known number r > 0 of successes.
    pub fn new(r: f64) -> Result<Self, String> {
        let r = check_known("--r", r)?;
        let ln_gamma_r = ln_gamma(r);
        let table = (0..TABLE)
            .map(|k| ln_gamma(k as f64 + r) - ln_gamma_r - ln_factorial(k as u64))
            .collect();
        Ok(NegativeBinomial { r, table })
    }

    /// ln Γ(k + r) − ln Γ(r) − ln k!, the θ-free part of ln f(k).
    fn base(&self, k: f64) -> f64 {
        match self.table.get(k as usize) {
            Some(&v) => v,
            None => ln_gamma(k + self.r) - ln_gamma(self.r) - ln_factorial(k as u64),
        }
    }
}

impl Family for NegativeBinomial {
    fn dist(&self) -> Dist {
        Dist::NegativeBinomial
    }

    fn label(&self) -> String {
        format!("NegativeBinomial(r = {}, p)", shortest(self.r))
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
        if !(p > 0.0 && p <= 1.0) {
            return Err("a negative binomial success probability must lie in (0, 1]".to_string());
        }
        let mean = self.r * (1.0 - p) / p;
        if mean > MAX_MEAN {
            return Err(format!(
                "the mean count r(1 − p)/p = {mean:e} would exceed {MAX_MEAN:e}, beyond which counts are not drawn exactly"
            ));
        }
        Ok(())
    }

    fn default_true(&self) -> f64 {
        0.4
    }

    fn counts(&self) -> bool {
        true
    }

    fn check(&self, k: f64) -> Result<(), String> {
        check_count(k, 0.0)
    }

    fn ln_f(&self, k: f64, p: f64) -> f64 {
        self.base(k) + xlny(self.r, p) + xln1m(k, p)
    }

    fn observe(&self, stats: &mut SufficientStats, ks: &[f64]) {
        stats.n += ks.len() as u64;
        for &k in ks {
            stats.sum.add(k);
            stats.base.add(self.base(k));
        }
    }

    fn ll(&self, stats: &SufficientStats, p: f64) -> f64 {
        let nr = stats.n as f64 * self.r;
        stats.base.value() + xlny(nr, p) + xln1m(stats.sum.value(), p)
    }

    fn score(&self, stats: &SufficientStats, p: f64) -> f64 {
        let nr = stats.n as f64 * self.r;
        xdivy(nr, p) - xdivy(stats.sum.value(), 1.0 - p)
    }

    fn curvature(&self, stats: &SufficientStats, p: f64) -> f64 {
        let nr = stats.n as f64 * self.r;
        -xdivy(nr, p * p) - xdivy(stats.sum.value(), (1.0 - p) * (1.0 - p))
    }

    fn expected_information(&self, p: f64) -> Option<f64> {
        Some(self.r / (p * p * (1.0 - p)))
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        let nr = stats.n as f64 * self.r;
        Some(nr / (nr + stats.sum.value()))
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "ln(1−p)",
            map: NaturalMap::Log1m,
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // J(p) = n·r / (p²(1 − p)), at a p shrunk away from 1 so that all-zero counts spread.
        let nr = stats.n as f64 * self.r;
        let p = nr / (nr + stats.sum.value() + 0.5);
        p * ((1.0 - p) / nr).sqrt()
    }

    fn draw(&self, p: f64, rng: &mut Rng, out: &mut [f64]) {
        if p == 1.0 {
            out.fill(0.0);
            return;
        }
        // A Poisson count whose rate is Gamma(r, scale (1 − p)/p) is NegativeBinomial(r, p).
        let rate = rand_distr::Gamma::new(self.r, (1.0 - p) / p).expect("r and p were checked");
        for x in out {
            // The rate can underflow to 0 for tiny r, and is capped far in its tail, where
            // check_true's bound on the mean makes it never reached in practice.
            let lambda = rate.sample(rng).min(1e15);
            *x = if lambda > 0.0 {
                rand_distr::Poisson::new(lambda)
                    .expect("0 < λ ≤ 1e15")
                    .sample(rng)
            } else {
                0.0
            };
        }
    }

    fn known(&self) -> Vec<(&'static str, f64)> {
        vec![("r", self.r)]
    }
}
