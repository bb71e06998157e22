//! The two-panel likelihood figure: LL(θ) on the left, NLL(θ) = −LL(θ) on the right.
//!
//! One drawing function, generic over the plotters backend, produces the figure; the formats
//! are thin wrappers around it ([`svg()`], and [`png()`] which rasterises the SVG). Sizes below
//! are in nominal pixels and multiplied by [`SCALE`] when drawn.

mod font;
mod png;
mod svg;

pub use png::png;
pub use svg::svg;

use crate::family::ParamName;
use crate::sweep::Sweep;
use plotters::coord::Shift;
use plotters::element::{Circle, EmptyElement, Text};
use plotters::prelude::*;
use plotters::series::{DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Internal drawing units per nominal pixel (see [`svg()`] for why).
pub const SCALE: u32 = 4;

const LL_COLOR: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const NLL_COLOR: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const MLE_COLOR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TRUE_COLOR: RGBColor = RGBColor(0x1e, 0x84, 0x49);
const TEXT_COLOR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED_COLOR: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID_COLOR: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);

/// Everything the figure shows, already computed.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub param: ParamName,
    pub sweep: &'a Sweep,
    pub mle: f64,
    /// LL(θ̂).
    pub ll_max: f64,
    /// The θ that generated synthetic data.
    pub theta_true: Option<f64>,
    pub title: String,
    pub subtitle: String,
    pub width: u32,
    pub height: u32,
}

/// Which of the two panels is being drawn.
#[derive(Clone, Copy)]
enum Panel {
    LogLikelihood,
    Negative,
}

impl Panel {
    fn sign(self) -> f64 {
        match self {
            Panel::LogLikelihood => 1.0,
            Panel::Negative => -1.0,
        }
    }

    fn color(self) -> RGBColor {
        match self {
            Panel::LogLikelihood => LL_COLOR,
            Panel::Negative => NLL_COLOR,
        }
    }
}

/// A length in nominal pixels, in drawing units.
fn px(v: f64) -> i32 {
    (v * SCALE as f64).round() as i32
}

fn text_style(size: f64, color: RGBColor) -> TextStyle<'static> {
    TextStyle {
        color: color.to_backend_color(),
        ..TextStyle::from((font::FAMILY, size * SCALE as f64).into_font())
    }
}

/// Draws the whole figure onto `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &Figure,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    root.draw(&Text::new(
        figure.title.clone(),
        (w as i32 / 2, px(12.0)),
        text_style(20.0, TEXT_COLOR).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        figure.subtitle.clone(),
        (w as i32 / 2, px(40.0)),
        text_style(14.0, MUTED_COLOR).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    let body = root.margin(px(66.0), px(8.0), px(10.0), px(18.0));
    let (left, right) = body.split_horizontally(body.dim_in_pixel().0 / 2);
    draw_panel(&left, figure, Panel::LogLikelihood)?;
    draw_panel(&right, figure, Panel::Negative)?;
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    panel: Panel,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let sym = figure.param.symbol;
    let sign = panel.sign();
    let values = figure.sweep.ll.iter().map(|&ll| sign * ll);
    let (y_lo, y_hi) = y_extent(values.clone().chain([sign * figure.ll_max]));
    let grid = figure.sweep.grid;
    let (caption, y_desc) = match panel {
        Panel::LogLikelihood => (
            format!("Log-likelihood LL({sym}) — concave"),
            format!("LL({sym})"),
        ),
        Panel::Negative => (
            format!("Negative log-likelihood NLL({sym}) = −LL({sym}) — convex"),
            format!("NLL({sym})"),
        ),
    };

    let x_ticks = Ticks::for_range(grid.lo, grid.hi);
    let y_ticks = Ticks::for_range(y_lo, y_hi);
    let mut chart = ChartBuilder::on(area)
        .caption(caption, text_style(16.0, TEXT_COLOR))
        .margin(px(8.0))
        .margin_right(px(20.0))
        .x_label_area_size(px(42.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(grid.lo..grid.hi, y_lo..y_hi)?;

    chart
        .configure_mesh()
        .x_desc(x_ticks.describe(sym))
        .y_desc(y_ticks.describe(&y_desc))
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| x_ticks.label(*v))
        .y_label_formatter(&|v| y_ticks.label(*v))
        .label_style(text_style(13.0, TEXT_COLOR))
        .axis_desc_style(text_style(15.0, TEXT_COLOR))
        .bold_line_style(GRID_COLOR.stroke_width(px(1.0) as u32))
        .light_line_style(WHITE.mix(0.0))
        .axis_style(MUTED_COLOR.stroke_width(px(1.2) as u32))
        .draw()?;

    let x_span = grid.hi - grid.lo;
    let near_right = |x: f64| x > grid.lo + 0.72 * x_span;
    let label_at = |x: f64, y: f64, text: String, color: RGBColor, top: bool| {
        let (h, dx) = if near_right(x) {
            (HPos::Right, -px(6.0))
        } else {
            (HPos::Left, px(6.0))
        };
        let (v, dy) = if top {
            (VPos::Top, px(6.0))
        } else {
            (VPos::Bottom, -px(6.0))
        };
        EmptyElement::at((x, y))
            + Text::new(text, (dx, dy), text_style(13.0, color).pos(Pos::new(h, v)))
    };

    // The curve, broken wherever it is infinite (a support boundary) rather than drawn there.
    let style = panel.color().stroke_width(px(2.5) as u32);
    let points: Vec<(f64, f64)> = figure
        .sweep
        .theta
        .iter()
        .zip(values)
        .map(|(&t, v)| {
            (
                t,
                if v.is_finite() {
                    v.clamp(y_lo, y_hi)
                } else {
                    v
                },
            )
        })
        .collect();
    for run in points.split(|(_, v)| !v.is_finite()) {
        if !run.is_empty() {
            chart.draw_series(LineSeries::new(run.iter().copied(), style))?;
        }
    }
    // With no finite point there is no curve and no end to mark: say so in the panel rather
    // than leave it empty (a spread past 1e154 makes a normal LL −∞ at every grid point).
    if let Some(&(_, v)) = points
        .first()
        .filter(|_| points.iter().all(|p| !p.1.is_finite()))
    {
        let everywhere = if points.iter().all(|p| p.1 == v) {
            format!("{} at every grid point", if v > 0.0 { "+∞" } else { "−∞" })
        } else {
            "±∞ at every grid point".to_string()
        };
        chart.draw_series([Text::new(
            everywhere,
            (grid.lo + 0.5 * x_span, 0.5 * (y_lo + y_hi)),
            text_style(15.0, panel.color()).pos(Pos::new(HPos::Center, VPos::Center)),
        )])?;
    }
    // Where the curve leaves for ±∞ (a support boundary), a dotted stub runs from the last
    // finite point to the frame, labelled with the infinity it heads for.
    for (i, &(theta, v)) in points.iter().enumerate() {
        if v.is_finite() {
            continue;
        }
        let finite = |j: Option<usize>| {
            j.and_then(|j| points.get(j).copied())
                .filter(|p| p.1.is_finite())
        };
        for (from_theta, from_v) in [finite(i.checked_sub(1)), finite(Some(i + 1))]
            .into_iter()
            .flatten()
        {
            let edge = if v > 0.0 { y_hi } else { y_lo };
            chart.draw_series(DashedLineSeries::new(
                [(from_theta, from_v), (theta, edge)],
                px(2.0),
                px(3.0),
                panel.color().stroke_width(px(1.6) as u32),
            ))?;
            let text = if v > 0.0 { "+∞" } else { "−∞" };
            chart.draw_series([label_at(
                theta,
                edge,
                text.to_string(),
                panel.color(),
                v > 0.0,
            )])?;
        }
    }

    if let Some(truth) = figure
        .theta_true
        .filter(|t| (grid.lo..=grid.hi).contains(t))
    {
        chart.draw_series(DashedLineSeries::new(
            [(truth, y_lo), (truth, y_hi)],
            px(2.0),
            px(4.0),
            TRUE_COLOR.stroke_width(px(1.6) as u32),
        ))?;
        chart.draw_series([label_at(
            truth,
            y_lo,
            format!("true {sym} = {}", number(truth)),
            TRUE_COLOR,
            false,
        )])?;
    }

    if (grid.lo..=grid.hi).contains(&figure.mle) {
        chart.draw_series(DashedLineSeries::new(
            [(figure.mle, y_lo), (figure.mle, y_hi)],
            px(8.0),
            px(5.0),
            MLE_COLOR.stroke_width(px(1.6) as u32),
        ))?;
        let y = (sign * figure.ll_max).clamp(y_lo, y_hi);
        if y.is_finite() {
            chart.draw_series([Circle::new(
                (figure.mle, y),
                px(4.0),
                panel.color().filled(),
            )])?;
        }
        chart.draw_series([label_at(
            figure.mle,
            y_hi,
            format!("{} = {}", figure.param.hat, number(figure.mle)),
            MLE_COLOR,
            true,
        )])?;
    }
    Ok(())
}

/// The y range that shows every finite value with a margin, and room at the top and bottom
/// for the labels of the marker lines.
fn y_extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
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
    // plotters' tick arithmetic overflows on an axis that reaches within a step of ±f64::MAX
    // (and the margins themselves would reach ±∞): the axis stops at ±MAX/4, and the few
    // values beyond it (|LL| > 4.5e307, a spread near 1e154) are clipped to the frame.
    (
        (lo - 0.1 * span).max(-Y_LIMIT),
        (hi + 0.12 * span).min(Y_LIMIT),
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
struct Ticks {
    /// Subtracted from every tick value; 0 for plain labels.
    base: f64,
    /// The power of ten of the last digit a label needs.
    last_digit: i32,
}

impl Ticks {
    /// Offsets are used once plain labels would need more than this many digits beyond the
    /// span's own (the ratio of the largest |value| to the span).
    const OFFSET_RATIO: f64 = 1e4;

    fn for_range(lo: f64, hi: f64) -> Ticks {
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
    fn describe(&self, name: &str) -> String {
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

    fn label(&self, v: f64) -> String {
        let x = v - self.base;
        if x.abs() < 0.5 * 10f64.powi(self.last_digit) {
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

/// "2.500" → "2.5", "3.0" → "3"; whole numbers are left alone.
fn trim_fraction(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// A value in a label: four significant digits.
pub fn number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mag = v.abs();
    if !(1e-3..1e6).contains(&mag) {
        return format!("{v:.3e}");
    }
    let digits = (3 - mag.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('-', "−")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_four_significant_digits() {
        assert_eq!(number(0.31), "0.31");
        assert_eq!(number(4.123456), "4.123");
        assert_eq!(number(-61.08765), "−61.09");
        assert_eq!(number(1234.5), "1234");
        assert_eq!(number(0.0001234), "1.234e-4");
        assert_eq!(number(0.0), "0");
    }

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
        let (lo, hi) = y_extent([-140.0, -140.0 + 1e-11].into_iter());
        assert!(hi - lo > 10.0, "{lo} {hi}");
        // Values near −f64::MAX: the margins neither overflow nor cross.
        let (lo, hi) = y_extent([-1.7e308, -0.9e308].into_iter());
        assert!(lo.is_finite() && hi.is_finite() && lo < hi);
        let (lo, hi) = y_extent([-1.7e308, -1.6e308].into_iter());
        assert!(lo.is_finite() && hi.is_finite() && lo < hi);
    }

    #[test]
    fn y_extent_ignores_infinities() {
        let (lo, hi) = y_extent([f64::NEG_INFINITY, -3.0, -1.0].into_iter());
        assert!(lo < -3.0 && hi > -1.0 && hi < 0.0);
        assert_eq!(y_extent([f64::INFINITY].into_iter()), (-1.0, 1.0));
    }
}
