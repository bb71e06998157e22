//! Poisson(λ): counts of events at rate λ.
//!
//! # Formula
//! With s = Σkᵢ over n observations,
//! LL(λ) = s·ln λ − nλ − Σ ln kᵢ!, maximised at λ̂ = s/n.
//!
//! # Evaluation
//! For large counts the three terms are huge and nearly cancel (at one count k = λ = 2⁵³ they
//! are 3.2e17 each and LL is −19.3), so LL is evaluated as
//! LL(λ) = −Σ ρ(kᵢ) − Σ kᵢ·ln(kᵢ/λ) − (nλ − s), with ρ(k) = ln k! − (k·ln k − k) (the
//! algebra of Stirling's formula): every term is small where LL is, and Σ kᵢ·ln(kᵢ/λ) is kept
//! about a shift by the statistics, so no term of it is large either.

use super::{
    check_count, xdivy, Dist, Family, Natural, NaturalMap, ParamName, ParamSpace, Rng,
    SufficientStats,
};
use crate::numeric::special::{ln_factorial_rest, ln_ratio};
use rand::distr::Distribution;

/// # Examples
/// ```
/// use nllplot::family::{Family, Poisson, SufficientStats};
/// let mut stats = SufficientStats::default();
/// Poisson.observe(&mut stats, &[2.0]);
/// // e^{-1}·1²/2! at λ = 1.
/// assert!((Poisson.ll(&stats, 1.0) - (-1.0 - 2f64.ln())).abs() < 1e-15);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Poisson;

/// Counts below this have their terms remembered within a batch (see `observe`).
const REMEMBERED: usize = 256;

impl Family for Poisson {
    fn dist(&self) -> Dist {
        Dist::Poisson
    }

    fn label(&self) -> String {
        "Poisson(λ)".to_string()
    }

    fn param(&self) -> ParamName {
        ParamName {
            symbol: "λ",
            hat: "λ\u{302}",
            words: "rate",
        }
    }

    fn space(&self) -> ParamSpace {
        ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        }
    }

    fn check_true(&self, lambda: f64) -> Result<(), String> {
        // rand_distr's sampler is exact up to this rate; beyond it counts stop being integers.
        if lambda > 0.0 && lambda < 1e15 {
            Ok(())
        } else {
            Err("a Poisson rate must lie in (0, 1e15)".to_string())
        }
    }

    fn default_true(&self) -> f64 {
        4.0
    }

    fn counts(&self) -> bool {
        true
    }

    fn check(&self, k: f64) -> Result<(), String> {
        check_count(k, 0.0)
    }

    fn ln_f(&self, k: f64, lambda: f64) -> f64 {
        if lambda.is_infinite() {
            return f64::NEG_INFINITY;
        }
        let divergence = if k == 0.0 {
            0.0
        } else {
            k * ln_ratio(k, lambda)
        };
        -ln_factorial_rest(k as u64) - divergence - (lambda - k)
    }

    fn observe(&self, stats: &mut SufficientStats, ks: &[f64]) {
        stats.n += ks.len() as u64;
        // A batch of counts repeats a few small values: each one's two logarithmic terms
        // are worked out once a batch and reused (the same numbers added in the same order,
        // so the same sums), where working them out took two thirds of a draw's time.
        let mut known: [Option<(f64, f64)>; REMEMBERED] = [None; REMEMBERED];
        let terms = |stats: &mut SufficientStats, k: f64| {
            (-ln_factorial_rest(k as u64), stats.xlnx_term(k))
        };
        for &k in ks {
            stats.sum.add(k);
            let (base, xlnx) = match known.get_mut(k as usize) {
                Some(slot) => *slot.get_or_insert_with(|| terms(stats, k)),
                None => terms(stats, k),
            };
            stats.base.add(base);
            stats.push_xlnx_term(k, xlnx);
        }
    }

    fn ll(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        if lambda.is_infinite() {
            return f64::NEG_INFINITY;
        }
        let n = stats.n as f64;
        stats.base.value() - stats.xlnx_over(lambda) - (n * lambda - stats.sum.value())
    }

    fn score(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        xdivy(stats.sum.value(), lambda) - stats.n as f64
    }

    fn curvature(&self, stats: &SufficientStats, lambda: f64) -> f64 {
        -xdivy(stats.sum.value(), lambda * lambda)
    }

    fn expected_information(&self, lambda: f64) -> Option<f64> {
        Some(1.0 / lambda)
    }

    fn mle(&self, stats: &SufficientStats) -> Option<f64> {
        Some(stats.sum.value() / stats.n as f64)
    }

    fn natural(&self) -> Option<Natural> {
        Some(Natural {
            symbol: "ln λ",
            map: NaturalMap::Log,
        })
    }

    fn spread(&self, stats: &SufficientStats, _mle: f64) -> f64 {
        // J(λ) = n/λ, at λ shrunk away from 0 so that all-zero counts still spread.
        let n = stats.n as f64;
        ((stats.sum.value() + 0.5) / n / n).sqrt()
    }

    fn draw(&self, lambda: f64, rng: &mut Rng, out: &mut [f64]) {
        let sampler = rand_distr::Poisson::new(lambda).expect("λ was checked to be positive");
        for x in out {
            *x = sampler.sample(rng);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembering each count's terms within a batch gives the sums of adding every count's
    /// terms afresh, bit for bit: the same LL everywhere, small counts (remembered), large
    /// ones (not) and zeros, the first of them fixing the shift.
    #[test]
    fn remembered_terms_give_the_same_sums_as_fresh_ones() {
        let ks: Vec<f64> = (0..5000u64)
            .map(|i| match i % 7 {
                0 => 0.0,
                1 => (i % 300) as f64,
                2 => 1e6 + (i % 5) as f64,
                _ => (i % 13) as f64,
            })
            .collect();
        let mut remembered = SufficientStats::default();
        for batch in ks.chunks(777) {
            Poisson.observe(&mut remembered, batch);
        }
        let mut fresh = SufficientStats::default();
        fresh.n = ks.len() as u64;
        for &k in &ks {
            fresh.sum.add(k);
            fresh.base.add(-ln_factorial_rest(k as u64));
            fresh.push_xlnx(k);
        }
        for lambda in [1e-3, 0.7, 6.0, 250.0, 1e6, 1e12] {
            let (a, b) = (Poisson.ll(&remembered, lambda), Poisson.ll(&fresh, lambda));
            assert_eq!(a.to_bits(), b.to_bits(), "λ = {lambda}: {a} vs {b}");
        }
    }
}
