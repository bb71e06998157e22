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
use rand::Rng as _;

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

    fn counts(&self) -> bool {
        true
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
        stats.sum.add(exact_sum(xs));
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

    fn expected_information(&self, p: f64) -> Option<f64> {
        Some(1.0 / (p * (1.0 - p)))
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
        // Exactly rand's `distr::Bernoulli` (a test below compares them draw for draw): a draw
        // is 1 iff the next u64 word is below ⌊p·2⁶⁴⌋, and p = 1 gives 1 without consuming a
        // word. Written out because going through `sample` and `f64::from(u8::from(bool))`
        // compiles to an unpredictable branch: ~2.8 ns a draw against ~1 ns for this mask.
        if p == 1.0 {
            out.fill(1.0);
            return;
        }
        debug_assert!((0.0..1.0).contains(&p), "p was checked to lie in [0, 1]");
        let threshold = (p * TWO_POW_64) as u64;
        let one = 1f64.to_bits();
        for x in out {
            let success = u64::from(rng.next_u64() < threshold);
            *x = f64::from_bits(one & success.wrapping_neg());
        }
    }
}

/// 2⁶⁴, the scale of rand's Bernoulli threshold.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// The sum of 0/1 observations, in four interleaved partial sums so that the additions do
/// not wait on each other. Every partial sum is an integer below 2⁵³, so the result is exact
/// and does not depend on the order.
fn exact_sum(xs: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let mut quads = xs.chunks_exact(4);
    for quad in &mut quads {
        for (lane, &x) in lanes.iter_mut().zip(quad) {
            *lane += x;
        }
    }
    let tail: f64 = quads.remainder().iter().sum();
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + tail
}

/// The standard error of a proportion of `s` successes in `trials`, computed at the shrunk
/// estimate (s + ½)/(trials + 1) so that it stays positive when s is 0 or all trials.
pub(super) fn proportion_spread(s: f64, trials: f64) -> f64 {
    let p = (s + 0.5) / (trials + 1.0);
    (p * (1.0 - p) / trials).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::chunk_rng;
    use rand::distr::{Bernoulli as Reference, Distribution};

    #[test]
    fn draws_equal_rands_bernoulli_draw_for_draw() {
        // p = 1 must not consume words: the draw after it must still match.
        for p in [
            0.0,
            1e-300,
            2f64.powi(-70),
            0.3,
            0.5,
            1.0 - 2f64.powi(-53),
            1.0,
        ] {
            let reference = Reference::new(p).unwrap();
            let mut ours = chunk_rng(11, 3);
            let mut theirs = chunk_rng(11, 3);
            let mut out = [0.0; 1000];
            Bernoulli.draw(p, &mut ours, &mut out);
            let expected: Vec<f64> = (0..1000)
                .map(|_| f64::from(u8::from(reference.sample(&mut theirs))))
                .collect();
            assert_eq!(out[..], expected[..], "p = {p}");
            assert_eq!(ours, theirs, "p = {p}: both consumed the same words");
        }
    }

    #[test]
    fn the_sum_is_exact_for_any_length() {
        for len in [0, 1, 3, 4, 5, 1023, 1024] {
            let xs: Vec<f64> = (0..len).map(|i| f64::from(u8::from(i % 3 == 0))).collect();
            let ones = (0..len).filter(|i| i % 3 == 0).count();
            assert_eq!(exact_sum(&xs), ones as f64, "len {len}");
        }
    }
}
