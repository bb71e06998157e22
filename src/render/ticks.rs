//! Axis extents and tick labels: the y range that shows every finite value, and labels with
//! just the digits that tell neighbouring ticks apart (offsets from a round base for slivers
//! far from zero), plus the four-significant-digit numbers of the marks and footer.
//!
//! Kept apart from the drawing because it is pure arithmetic on numbers and strings, tested
//! on its own.

use super::FOOT_ROOM;
pub use crate::digits::number;

/// The tick values a range of about `count` ticks is likely to get: multiples of 1, 2 or 5
/// times a power of ten. Only their label widths are used, to size the label area.
pub(super) fn likely_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return vec![lo, hi];
    }
    let raw = span / count as f64;
    let base = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * base)
        .find(|s| span / s <= count as f64)
        .unwrap_or(10.0 * base);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last.max(first)).map(|k| k as f64 * step).collect()
}

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

/// How one axis writes its tick labels.
///
/// Labels get the digits that tell neighbouring ticks apart and no more. When the axis spans a
/// sliver far from zero (0.3 to 0.3 + 1e-12, or LL = −2 103 400 ± 6), a dozen leading digits
/// shared by every label would be unreadable and overlap, so the labels become offsets from a
/// round base and the axis title names the base ("μ − 0.3"), the way matplotlib does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ticks {
    /// Subtracted from every tick value; 0 for plain labels.
    base: f64,
    /// The power of ten of the last digit a label needs.
    last_digit: i32,
}

impl Ticks {
    /// Offsets are used once plain labels would need more than this many digits beyond the
    /// span's own (the ratio of the largest |value| to the span).
    const OFFSET_RATIO: f64 = 1e4;

    pub(crate) fn for_range(lo: f64, hi: f64) -> Ticks {
        let span = hi - lo;
        if !(span > 0.0 && span.is_finite()) {
            return Ticks {
                base: 0.0,
                last_digit: 0,
            };
        }
        // plotters steps by 1, 2 or 5 × 10^j with at most 6 labels, so a step is at least a
        // fifth of the span; a twelfth leaves a digit of room and trailing zeros are trimmed.
        let last_digit = (span / 12.0).log10().floor() as i32;
        let mag = lo.abs().max(hi.abs());
        if mag / span < Self::OFFSET_RATIO {
            return Ticks {
                base: 0.0,
                last_digit,
            };
        }
        // The middle rounded to the first power of ten above the span: it keeps every digit the
        // labels share. Division by an exact power of ten rounds once, so 0.3 stays 0.3.
        let e = span.log10().floor() as i32 + 1;
        let mid = lo + 0.5 * span;
        let base = if e < 0 && e > -23 {
            let unit = 10f64.powi(-e);
            (mid * unit).round() / unit
        } else {
            let unit = 10f64.powi(e);
            (mid / unit).round() * unit
        };
        Ticks { base, last_digit }
    }

    /// The axis title, naming the base when labels are offsets: "μ − 0.3", "LL(λ) + 2103400".
    pub(crate) fn describe(&self, name: &str) -> String {
        if self.base == 0.0 {
            return name.to_string();
        }
        let sign = if self.base > 0.0 { "−" } else { "+" };
        let digits = (-(self.last_digit.min(0)) as usize).min(17);
        let base = format!("{:.digits$}", self.base.abs());
        let base = if base.contains('.') {
            base.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            base
        };
        let base = if self.base.abs() >= 1e16 || self.base.abs() < 1e-4 {
            format!("{:e}", self.base.abs())
        } else {
            base
        };
        format!("{name} {sign} {}", base.replace('-', "−"))
    }

    pub(crate) fn label(&self, v: f64) -> String {
        let x = v - self.base;
        // powf: powi(−311) is the reciprocal of an overflowed 10³¹¹, 0, where 10⁻³¹¹ is meant.
        if x.abs() < 0.5 * 10f64.powf(f64::from(self.last_digit)) {
            return "0".to_string();
        }
        let s = if (-4..=0).contains(&self.last_digit.min(0)) && x.abs() < 1e6 {
            let digits = (-self.last_digit).max(0) as usize;
            trim_fraction(&format!("{x:.digits$}"))
        } else {
            let exp = x.abs().log10().floor() as i32;
            let digits = (exp - self.last_digit).max(0) as usize;
            let s = format!("{x:.digits$e}");
            match s.split_once('e') {
                Some((mantissa, exp)) => format!("{}e{exp}", trim_fraction(mantissa)),
                None => s,
            }
        };
        s.replace('-', "−")
    }
}

fn trim_fraction(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_have_the_digits_that_tell_neighbours_apart() {
        let plain = Ticks::for_range(0.05, 0.5);
        assert_eq!(plain.describe("p"), "p");
        let labels: Vec<_> = [0.1, 0.15000000000000002, 0.2, 0.45]
            .iter()
            .map(|&v| plain.label(v))
            .collect();
        assert_eq!(labels, ["0.1", "0.15", "0.2", "0.45"]);
        assert_eq!(Ticks::for_range(-160.0, -130.0).label(-150.0), "−150");
        let huge = Ticks::for_range(6e297, 6e300);
        assert_eq!(huge.label(1e300), "1e300");
        assert_eq!(huge.label(2.5e300), "2.5e300");
        assert_eq!(Ticks::for_range(0.0, 1e-5).label(2e-6), "2e−6");
    }

    #[test]
    fn a_sliver_far_from_zero_is_labelled_by_offsets() {
        // 0.3 to 0.3 + 1e-12: the plain labels were six times "0.3".
        let ticks = Ticks::for_range(0.3, 0.300000000001);
        assert_eq!(ticks.describe("μ"), "μ − 0.3");
        let labels: Vec<_> = [0.3, 0.3000000000002, 0.3000000000004, 0.300000000001]
            .iter()
            .map(|&v| ticks.label(v))
            .collect();
        assert_eq!(labels, ["0", "2e−13", "4e−13", "1e−12"]);
        // A large NLL over a narrow window: offsets from a round base named on the axis.
        let nll = Ticks::for_range(2086335.0, 2086351.0);
        assert_eq!(nll.describe("NLL(λ)"), "NLL(λ) − 2086300");
        assert_eq!(nll.label(2086340.0), "40");
        let ll = Ticks::for_range(-2086351.0, -2086335.0);
        assert_eq!(ll.describe("LL(λ)"), "LL(λ) + 2086300");
        assert_eq!(ll.label(-2086345.0), "−45");
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
