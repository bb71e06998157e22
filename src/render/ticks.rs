//! Axis extents and tick labels: the y range that shows every finite value, and labels with
//! just the digits that tell neighbouring ticks apart (offsets from a round base for slivers
//! far from zero), plus the four-significant-digit numbers of the marks and footer.
//!
//! [`TickSet`] chooses the ticks of the one-parameter figures' axes: "nice" steps (1, 2, 2.5 or
//! 5 × 10ᵏ) giving 4 to 7 labelled ticks, 0 among them when it is in range, every label with
//! the same number of decimals; large or tiny values are written as multiples of a power of
//! ten named in the axis title ("× 10⁻⁶"), and slivers far from zero as offsets from a round
//! base ("μ − 0.3").
//!
//! Kept apart from the drawing because it is pure arithmetic on numbers and strings, tested
//! on its own.

use super::FOOT_ROOM;
pub use crate::digits::number;

/// The y range that shows every finite value, with `top` of the height free above them (for
/// the labels of the marks) and `FOOT_ROOM` below.
pub fn y_extent(values: impl Iterator<Item = f64>, top: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        return (-1.0, 1.0);
    }
    let (lo, hi) = (lo.clamp(-Y_LIMIT, Y_LIMIT), hi.clamp(-Y_LIMIT, Y_LIMIT));
    // Differences below 1e-12 of the values are rounding noise (LL over a range 1e-12 wide):
    // such a curve is drawn flat in the middle of a readable axis, not magnified into a band
    // of noise with labels no one can tell apart.
    let flat = hi - lo <= 1e-12 * lo.abs().max(hi.abs());
    let span = if flat {
        lo.abs().max(1.0)
    } else {
        (hi - lo).min(f64::MAX)
    };
    let total = span / (1.0 - top - FOOT_ROOM);
    // plotters' tick arithmetic overflows on an axis that reaches within a step of ±f64::MAX
    // (and the margins themselves would reach ±∞): the axis stops at ±MAX/4, and the few
    // values beyond it (|LL| > 4.5e307, a spread near 1e154) are clipped to the frame.
    (
        (lo - FOOT_ROOM * total).max(-Y_LIMIT),
        (hi + top * total).min(Y_LIMIT),
    )
}

/// The largest |y| an axis shows; see [`y_extent`].
const Y_LIMIT: f64 = f64::MAX / 4.0;

/// The ticks of one axis: where they are, what they say, and what the axis title must add.
#[derive(Debug, Clone, PartialEq)]
pub struct TickSet {
    pub values: Vec<f64>,
    pub labels: Vec<String>,
    /// Appended to the axis title: " − 0.3" for offsets, " (× 10⁶)" for a common power.
    pub title_suffix: String,
}

/// The multiples of a power of ten a step may be: matplotlib's nice numbers. With 2.5 among
/// them, every span has a step giving 4 to 7 ticks.
const NICE: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

/// The fewest and most labelled ticks an axis gets when they fit.
pub const MIN_TICKS: usize = 4;
pub const MAX_TICKS: usize = 7;

impl TickSet {
    /// The ticks of [lo, hi]: among the nice steps giving `MIN_TICKS..=MAX_TICKS` ticks whose
    /// labels `fits`, the one nearest `preferred` ticks (1, 2 and 5 before 2.5); when none
    /// fits, the fitting step with the most ticks, down to 2.
    pub fn choose(lo: f64, hi: f64, preferred: usize, fits: &dyn Fn(&TickSet) -> bool) -> TickSet {
        let span = hi - lo;
        if !(span.is_finite() && span > 0.0) {
            let v = if lo.is_finite() { lo } else { 0.0 };
            return TickSet {
                values: vec![v],
                labels: vec![Precision0::label(v)],
                title_suffix: String::new(),
            };
        }
        let base = offset_base(lo, hi);
        let top = span.log10().floor() as i32;
        // Scored first, labelled only when tried: most candidates are never needed.
        let mut candidates: Vec<(f64, f64, usize, f64, i32)> = Vec::new();
        for k in (top - 3..=top + 1).rev() {
            for (mi, &m) in NICE.iter().enumerate().rev() {
                let step = m * pow10(k);
                if !(step > 0.0 && step.is_finite()) {
                    continue;
                }
                let first = ((lo - base) / step).ceil();
                let last = ((hi - base) / step).floor();
                if !(first.is_finite() && last.is_finite()) || last < first {
                    continue;
                }
                let count = (last - first) as usize + 1;
                if !(2..=3 * MAX_TICKS).contains(&count) {
                    continue;
                }
                let mut score = (count as f64 - preferred as f64).abs();
                if mi == 2 {
                    score += 0.6; // 2.5 costs a digit
                }
                if !(MIN_TICKS..=MAX_TICKS).contains(&count) {
                    score += 100.0 + (count as f64 - MIN_TICKS as f64).abs();
                }
                candidates.push((score, first, count, m, k));
            }
        }
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        for &(score, first, count, m, k) in &candidates {
            if score >= 100.0 {
                break;
            }
            let set = TickSet::build(base, first, count, m, k);
            if fits(&set) {
                return set;
            }
        }
        // Nothing in the 4..=7 range fits: the most ticks that do, down to two.
        let mut fallback = candidates.clone();
        fallback.sort_by_key(|c| std::cmp::Reverse(c.2));
        for &(_, first, count, m, k) in fallback.iter().filter(|c| c.2 <= MIN_TICKS) {
            let set = TickSet::build(base, first, count, m, k);
            if fits(&set) {
                return set;
            }
        }
        match fallback.iter().rev().find(|c| c.2 >= 2) {
            Some(&(_, first, count, m, k)) => TickSet::build(base, first, count, m, k),
            None => TickSet {
                values: vec![lo, hi],
                labels: vec![Precision0::label(lo), Precision0::label(hi)],
                title_suffix: String::new(),
            },
        }
    }

    /// Ticks `base + i·m·10ᵏ` for `count` values of i from `first`.
    fn build(base: f64, first: f64, count: usize, m: f64, k: i32) -> TickSet {
        let step = m * pow10(k);
        let offsets: Vec<f64> = (0..count).map(|j| (first + j as f64) * step).collect();
        let values: Vec<f64> = offsets.iter().map(|o| base + o).collect();
        let largest = offsets.iter().fold(0f64, |a, o| a.max(o.abs()));
        // A common power of ten for labels that would otherwise need six or more digits or
        // many leading zeros.
        let power = if largest >= 1e6 || (k < -4 && largest < 1e-3) || k <= -6 {
            if largest > 0.0 {
                largest.log10().floor() as i32
            } else {
                k
            }
        } else {
            0
        };
        let shifted = k - power;
        let decimals = ((-shifted).max(0) + i32::from(m == 2.5 && shifted <= 0)) as usize;
        let labels = offsets
            .iter()
            .map(|o| {
                let x = o / pow10(power);
                let s = format!("{x:.decimals$}");
                let s = if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
                    s[1..].to_string()
                } else {
                    s
                };
                s.replace('-', "−")
            })
            .collect();
        let mut title_suffix = String::new();
        if base != 0.0 {
            let sign = if base > 0.0 { "−" } else { "+" };
            title_suffix.push_str(&format!(" {sign} {}", base_text(base.abs(), k + 1)));
        }
        if power != 0 {
            title_suffix.push_str(&format!(" (× 10{})", superscript(power)));
        }
        TickSet {
            values,
            labels,
            title_suffix,
        }
    }
}

/// Plain labels for a degenerate axis.
struct Precision0;

impl Precision0 {
    fn label(v: f64) -> String {
        crate::digits::shortest(v).replace('-', "−")
    }
}

/// 10ᵏ, exact for the powers a double holds (powf reaches 10⁻³²³, where powi's reciprocal of
/// 10³²³ would be 0).
fn pow10(k: i32) -> f64 {
    if (0..=22).contains(&k) {
        [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ][k as usize]
    } else if (-22..0).contains(&k) {
        1.0 / pow10(-k)
    } else {
        10f64.powf(f64::from(k))
    }
}

/// Offsets are used once plain labels would need more than this many digits beyond the
/// span's own (the ratio of the largest |value| to the span).
const OFFSET_RATIO: f64 = 1e4;

/// The round base that slivers far from zero are labelled from (0 for ordinary spans): the
/// middle rounded to the first power of ten above the span.
fn offset_base(lo: f64, hi: f64) -> f64 {
    let span = hi - lo;
    let mag = lo.abs().max(hi.abs());
    if mag / span < OFFSET_RATIO {
        return 0.0;
    }
    let e = span.log10().floor() as i32 + 1;
    let mid = lo + 0.5 * span;
    if e < 0 && e > -23 {
        let unit = pow10(-e);
        (mid * unit).round() / unit
    } else {
        let unit = pow10(e);
        (mid / unit).round() * unit
    }
}

/// A base in the digits down to 10^`last` (and no trailing zeros), scientific far from 1.
fn base_text(v: f64, last: i32) -> String {
    if !(1e-4..1e16).contains(&v) {
        return format!("{v:e}").replace('-', "−");
    }
    let digits = (-last.min(0)).clamp(0, 17) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// An integer in Unicode superscript digits: −6 → ⁻⁶.
pub fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(lo: f64, hi: f64) -> TickSet {
        TickSet::choose(lo, hi, 6, &|_| true)
    }

    #[test]
    fn nice_ticks_number_four_to_seven_with_one_precision() {
        // The print theme's λ axis showed "4, 6" and the logit axis "−6, −2".
        let t = labels(2.437, 6.229);
        assert!((4..=7).contains(&t.values.len()), "{t:?}");
        let t = TickSet::choose(2.437, 6.229, 4, &|_| true);
        assert_eq!(t.labels, ["3", "4", "5", "6"]);
        let t = TickSet::choose(-7.1, -0.4, 6, &|_| true);
        assert_eq!(t.labels, ["−7", "−6", "−5", "−4", "−3", "−2", "−1"]);
        // An axis from 0 shows 0, and decimals agree along it.
        let t = TickSet::choose(0.0, 1.0, 6, &|_| true);
        assert_eq!(t.labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        let t = TickSet::choose(0.07, 0.53, 5, &|_| true);
        assert_eq!(t.labels, ["0.1", "0.2", "0.3", "0.4", "0.5"]);
        // 2.5 steps carry the digit they need.
        let t = TickSet::choose(0.5, 19.5, 7, &|_| true);
        assert!((4..=7).contains(&t.values.len()), "{t:?}");
    }

    #[test]
    fn every_span_gets_four_to_seven_ticks() {
        // A deterministic sweep of spans over a decade and offsets (1, 2, 5 alone leave gaps).
        for i in 0..2000 {
            let span = 10f64.powf(i as f64 / 2000.0);
            let lo = (i as f64 * 0.7371).sin() * 20.0;
            let t = TickSet::choose(lo, lo + span, 6, &|_| true);
            assert!((4..=7).contains(&t.values.len()), "{lo} {span}: {t:?}");
            assert!(t.values.iter().all(|v| (lo..=lo + span).contains(v)));
        }
    }

    #[test]
    fn labels_that_do_not_fit_mean_fewer_ticks() {
        let t = TickSet::choose(0.0, 1.0, 7, &|s| s.values.len() <= 5);
        assert!(t.values.len() <= 5 && t.values.len() >= 4, "{t:?}");
    }

    #[test]
    fn far_from_one_a_common_power_and_offsets_name_the_axis() {
        let t = TickSet::choose(0.0, 1e-5, 6, &|_| true);
        assert_eq!(t.title_suffix, " (× 10⁻⁵)");
        assert_eq!(t.labels.first().map(String::as_str), Some("0.0"));
        assert_eq!(t.labels.last().map(String::as_str), Some("1.0"));
        let t = TickSet::choose(6e297, 6e300, 6, &|_| true);
        assert!(t.title_suffix.starts_with(" (× 10³⁰⁰)"), "{t:?}");
        // 0.3 to 0.3 + 1e-12: offsets from 0.3, in units of 10⁻¹².
        let t = TickSet::choose(0.3, 0.300000000001, 6, &|_| true);
        assert_eq!(t.title_suffix, " − 0.3 (× 10⁻¹²)");
        assert_eq!(t.labels.first().map(String::as_str), Some("0.0"));
        // A large NLL over a narrow window.
        let t = TickSet::choose(2086335.0, 2086351.0, 5, &|_| true);
        assert_eq!(t.title_suffix, " − 2086300");
        assert!(t.labels.contains(&"40".to_string()), "{t:?}");
        let t = TickSet::choose(-2086351.0, -2086335.0, 5, &|_| true);
        assert_eq!(t.title_suffix, " + 2086300");
        assert!(t.labels.contains(&"−40".to_string()), "{t:?}");
    }

    #[test]
    fn y_extent_flattens_rounding_noise_and_stays_finite() {
        // Values equal to 1e-13 relative: drawn flat on an axis as wide as the value.
        let (lo, hi) = y_extent([-140.0, -140.0 + 1e-11].into_iter(), 0.12);
        assert!(hi - lo > 10.0, "{lo} {hi}");
        // Values near −f64::MAX: the margins neither overflow nor cross.
        let (lo, hi) = y_extent([-1.7e308, -0.9e308].into_iter(), 0.12);
        assert!(lo.is_finite() && hi.is_finite() && lo < hi);
        let (lo, hi) = y_extent([-1.7e308, -1.6e308].into_iter(), 0.12);
        assert!(lo.is_finite() && hi.is_finite() && lo < hi);
    }

    #[test]
    fn y_extent_ignores_infinities() {
        let (lo, hi) = y_extent([f64::NEG_INFINITY, -3.0, -1.0].into_iter(), 0.12);
        assert!(lo < -3.0 && hi > -1.0 && hi < 0.0);
        assert_eq!(y_extent([f64::INFINITY].into_iter(), 0.12), (-1.0, 1.0));
    }
}
