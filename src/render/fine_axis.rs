//! A numeric axis that still gets ticks when its span is below 2.2·10⁻¹⁶.
//!
//! plotters' `f64` axis returns a single key point whenever `hi − lo < f64::EPSILON`, an
//! absolute test: a figure of data measured in femtoseconds or of a known scale of 10⁻¹⁷ got
//! one tick label on its θ axis. [`FineAxis`] is that axis with its own tick finder for such
//! spans (multiples of 1, 2 or 5 × 10ᵏ, at most as many as plotters was asked for); every other
//! span is left to plotters, so ordinary figures are drawn exactly as before.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use std::ops::Range;

/// Spans below this get [`nice_ticks`]; plotters itself gives up below `f64::EPSILON`.
const PLOTTERS_LIMIT: f64 = 16.0 * f64::EPSILON;

/// An `f64` axis from `lo` to `hi`, ticked at any span.
pub(crate) struct FineAxis(RangedCoordf64);

impl From<Range<f64>> for FineAxis {
    fn from(range: Range<f64>) -> Self {
        FineAxis(range.into())
    }
}

impl Ranged for FineAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.0.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let Range { start, end } = self.0.range();
        if !(end - start).is_finite() {
            // plotters' search for a step never ends once HI − LO overflows; the config
            // refuses such ranges, and this keeps any that slip through from hanging.
            return [start, end].into_iter().filter(|v| v.is_finite()).collect();
        }
        if (end - start).abs() >= PLOTTERS_LIMIT {
            return self.0.key_points(hint);
        }
        nice_ticks(start.min(end), start.max(end), hint.max_num_points())
    }

    fn range(&self) -> Range<f64> {
        self.0.range()
    }
}

impl FineAxis {
    pub(crate) fn new(lo: f64, hi: f64) -> FineAxis {
        FineAxis::from(lo..hi)
    }
}

/// Multiples of the smallest step of 1, 2 or 5 × 10ᵏ that puts at most `max` ticks in
/// [lo, hi]. The power of ten comes from `powf`, which reaches 10⁻³²³, where `powi`'s
/// reciprocal of 10³²³ would overflow to a zero step.
pub(crate) fn nice_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
    let span = hi - lo;
    if max == 0 || !(span.is_finite() && span > 0.0) {
        return vec![lo];
    }
    let base = 10f64.powf((span / max as f64).log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0, 20.0, 50.0].map(|m| m * base) {
        let first = (lo / step).ceil();
        let last = (hi / step).floor();
        if step > 0.0 && last >= first && last - first < max as f64 {
            return (first as i64..=last as i64)
                .map(|k| k as f64 * step)
                .collect();
        }
    }
    vec![lo, hi]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_ticks(lo: f64, hi: f64, max: usize) -> Vec<f64> {
        let ticks = nice_ticks(lo, hi, max);
        assert!(
            ticks.len() >= 2 && ticks.len() <= max,
            "{lo}..{hi}: {ticks:?}"
        );
        assert!(ticks.iter().all(|t| (lo..=hi).contains(t)), "{ticks:?}");
        assert!(ticks.windows(2).all(|w| w[0] < w[1]), "{ticks:?}");
        ticks
    }

    #[test]
    fn tiny_spans_get_round_ticks() {
        // 2.3e-17 .. 3.7e-17 with at most 6 ticks: step 5e-18 (1e-18 and 2e-18 give too many).
        let ticks = assert_ticks(2.3e-17, 3.7e-17, 6);
        assert_eq!(ticks.len(), 3);
        for (t, k) in ticks.iter().zip([5.0, 6.0, 7.0]) {
            assert!((t - k * 5e-18).abs() < 1e-32, "{ticks:?}");
        }
        // Subnormal spans, where 10f64.powi(-311) would be 0.
        assert_ticks(-4.07e-310, 1.0e-309, 5);
    }

    #[test]
    fn a_span_past_the_largest_double_gets_its_ends() {
        let axis = FineAxis::new(-1e308, 1e308);
        assert_eq!(axis.key_points(6usize), vec![-1e308, 1e308]);
    }

    #[test]
    fn ordinary_spans_are_plotters_own() {
        let axis = FineAxis::new(0.1, 0.7);
        let plotters: RangedCoordf64 = (0.1..0.7).into();
        assert_eq!(axis.key_points(6usize), plotters.key_points(6usize));
        // Below f64::EPSILON plotters returns one point; FineAxis returns several.
        let tiny = FineAxis::new(1e-17, 9e-17);
        assert_eq!(
            Ranged::key_points(&RangedCoordf64::from(1e-17..9e-17), 6usize),
            [1e-17]
        );
        assert!(tiny.key_points(6usize).len() >= 3);
    }
}
