//! The two-panel likelihood figure: LL(θ) on the left, NLL(θ) = −LL(θ) on the right.
//!
//! One drawing function, generic over the plotters backend, produces the figure; the formats
//! are thin wrappers around it ([`svg()`], and [`png()`] which rasterises the SVG). Sizes below
//! are in nominal pixels and multiplied by [`SCALE`] when drawn.
//!
//! Marks over the curves follow `--annotate`: θ̂ (dashed line, dot, value), the true θ
//! (dotted line), the likelihood-ratio interval (shaded band and the threshold line at
//! NLL(θ̂) + ½χ²₁(L)), the Wald approximation (the parabola NLL(θ̂) + ½J(θ − θ̂)², dashed) and
//! θ̂ ± SE (an error bar). The numbers themselves are written in a footer line, where they
//! cannot collide with the curves.

mod font;
mod png;
mod surface;
mod svg;

pub use png::{png, rasterise, rasterise_rgba};
pub use surface::{
    profile_png, profile_svg, surface_png, surface_svg, ProfileFigure, SurfaceFigure,
};
pub use svg::svg;

use crate::axis::Axis;
use crate::config::{FigureOptions, YScale};
use crate::inference::{End, Inference};
use crate::sweep::Sweep;

/// Colours of overlaid sample sizes, light (small n) to dark (large n).
const OVERLAY_COLORS: [RGBColor; 8] = [
    RGBColor(0xf4, 0xa5, 0x82),
    RGBColor(0xe3, 0x7b, 0x5a),
    RGBColor(0xd6, 0x60, 0x4d),
    RGBColor(0xb4, 0x3c, 0x3c),
    RGBColor(0x8e, 0x2a, 0x4a),
    RGBColor(0x67, 0x1e, 0x50),
    RGBColor(0x45, 0x15, 0x4a),
    RGBColor(0x24, 0x0c, 0x3a),
];
use plotters::coord::Shift;
use plotters::element::{Circle, EmptyElement, PathElement, Rectangle, Text};
use plotters::prelude::*;
use plotters::series::{DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Internal drawing units per nominal pixel (see [`svg()`] for why).
pub const SCALE: u32 = 4;

const LL_COLOR: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
const NLL_COLOR: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const MLE_COLOR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TRUE_COLOR: RGBColor = RGBColor(0x1e, 0x84, 0x49);
const WALD_COLOR: RGBColor = RGBColor(0x6a, 0x3d, 0x9a);
const BAND_COLOR: RGBColor = RGBColor(0xe8, 0xa3, 0x17);
const TEXT_COLOR: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED_COLOR: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID_COLOR: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);

/// Everything the figure shows, already computed.
#[derive(Debug, Clone)]
pub struct Figure<'a> {
    pub axis: &'a Axis,
    pub sweep: &'a Sweep,
    /// Estimate, information and intervals, in the axis coordinate.
    pub inference: &'a Inference,
    pub n: u64,
    /// The true parameter of synthetic data, in the axis coordinate.
    pub x_true: Option<f64>,
    pub title: String,
    pub subtitle: String,
    pub options: &'a FigureOptions,
    /// Further sample sizes' curves on the same grid, smallest n first.
    pub overlays: &'a [crate::run::Overlay],
    /// Fixed y ranges of the LL and NLL panels (shared by animation frames).
    pub y_fixed: Option<[(f64, f64); 2]>,
}

impl Figure<'_> {
    pub fn width(&self) -> u32 {
        self.options.width
    }

    pub fn height(&self) -> u32 {
        self.options.height
    }

    /// The footer: the estimate and whichever intervals are annotated, in numbers.
    fn footer(&self) -> String {
        let inf = self.inference;
        let notes = &self.options.annotations;
        let mut parts = vec![format!("{} = {}", self.axis.hat, number(inf.mle))];
        if notes.se || notes.wald {
            match (&inf.information, inf.se()) {
                (Ok(j), Some(se)) => {
                    parts.push(format!("SE = {} (J = {})", number(se), number(*j)))
                }
                (Err(why), _) => parts.push(format!("no Fisher information: {why}")),
                _ => {}
            }
        }
        let pct = percent(inf.level);
        if notes.interval {
            let (lo, hi) = inf.lr;
            let open = |b: crate::inference::Bound, left: bool| match b.end {
                End::Open => {
                    if left {
                        "("
                    } else {
                        ")"
                    }
                }
                _ => {
                    if left {
                        "["
                    } else {
                        "]"
                    }
                }
            };
            parts.push(format!(
                "{pct} likelihood-ratio interval {}{}, {}{}",
                open(lo, true),
                number(lo.value),
                number(hi.value),
                open(hi, false)
            ));
        }
        if notes.wald {
            if let Some((a, b)) = inf.wald {
                parts.push(format!(
                    "{pct} Wald interval [{}, {}]",
                    number(a),
                    number(b)
                ));
            }
        }
        parts.join("   ·   ")
    }
}

/// Which of the two panels is being drawn.
#[derive(Clone, Copy)]
enum Panel {
    LogLikelihood,
    Negative,
}

impl Panel {
    fn color(self) -> RGBColor {
        match self {
            Panel::LogLikelihood => LL_COLOR,
            Panel::Negative => NLL_COLOR,
        }
    }
}

/// How a log-likelihood value is shown in a panel under the chosen y scale.
#[derive(Clone, Copy)]
struct View {
    sign: f64,
    shift: f64,
    divide: f64,
}

impl View {
    fn new(panel: Panel, y: YScale, ll_max: f64, n: u64) -> View {
        let sign = match panel {
            Panel::LogLikelihood => 1.0,
            Panel::Negative => -1.0,
        };
        let (shift, divide) = match y {
            YScale::Absolute => (0.0, 1.0),
            YScale::Delta => (ll_max, 1.0),
            YScale::PerObs => (0.0, n as f64),
        };
        View {
            sign,
            shift,
            divide,
        }
    }

    fn y(self, ll: f64) -> f64 {
        self.sign * (ll - self.shift) / self.divide
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

fn percent(level: f64) -> String {
    let p = level * 100.0;
    let s = format!("{p:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} %")
}

/// The values panel `index` (0 = LL, 1 = NLL) plots, in its y units: the curve and its
/// maximum, for animations that fix one y range across frames.
pub fn panel_values(figure: &Figure, index: usize) -> Vec<f64> {
    let panel = if index == 0 {
        Panel::LogLikelihood
    } else {
        Panel::Negative
    };
    let inf = figure.inference;
    let view = View::new(panel, figure.options.y, inf.ll_max, figure.n);
    figure
        .sweep
        .ll
        .iter()
        .chain([&inf.ll_max])
        .map(|&ll| view.y(ll))
        .collect()
}

/// Draws the whole figure onto `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &Figure,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, h) = root.dim_in_pixel();
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
    root.draw(&Text::new(
        figure.footer(),
        (w as i32 / 2, h as i32 - px(34.0)),
        text_style(14.0, TEXT_COLOR).pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))?;
    draw_legend(root, &legend(figure), h as i32 - px(12.0))?;
    let body = root.margin(px(66.0), px(58.0), px(10.0), px(18.0));
    let (left, right) = body.split_horizontally(body.dim_in_pixel().0 / 2);
    draw_panel(&left, figure, Panel::LogLikelihood)?;
    draw_panel(&right, figure, Panel::Negative)?;
    Ok(())
}

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Dotted(RGBColor),
    Band(RGBColor),
    Bar(RGBColor),
}

/// The legend entries for what this figure shows.
fn legend(figure: &Figure) -> Vec<(Swatch, String)> {
    let notes = figure.options.annotations;
    let inf = figure.inference;
    let mut items = if figure.overlays.is_empty() {
        vec![
            (Swatch::Line(LL_COLOR), "LL".to_string()),
            (Swatch::Line(NLL_COLOR), "NLL".to_string()),
        ]
    } else {
        let last = (figure.overlays.len() - 1).max(1);
        figure
            .overlays
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let color = OVERLAY_COLORS[k * (OVERLAY_COLORS.len() - 1) / last];
                (Swatch::Line(color), format!("n = {}", o.n))
            })
            .collect()
    };
    if notes.mle {
        items.push((
            Swatch::Dashed(MLE_COLOR),
            format!("MLE {}", figure.axis.hat),
        ));
    }
    if notes.truth && figure.x_true.is_some() {
        items.push((Swatch::Dotted(TRUE_COLOR), "true value".to_string()));
    }
    if notes.interval {
        items.push((
            Swatch::Band(BAND_COLOR),
            format!(
                "{} LR interval: ΔNLL ≤ {}",
                percent(inf.level),
                number(inf.threshold)
            ),
        ));
    }
    if notes.wald && inf.information.is_ok() {
        items.push((
            Swatch::Dashed(WALD_COLOR),
            "Wald (quadratic) approximation".to_string(),
        ));
    }
    if notes.se && inf.se().is_some() {
        items.push((Swatch::Bar(MLE_COLOR), "± 1 SE".to_string()));
    }
    items
}

/// One centred row of legend entries with its baseline at `y`.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: &[(Swatch, String)],
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = text_style(12.5, TEXT_COLOR);
    let swatch = px(26.0);
    let gap = px(8.0);
    let spacing = px(22.0);
    let widths: Vec<i32> = items
        .iter()
        .map(|(_, text)| root.estimate_text_size(text, &style).map(|(w, _)| w as i32))
        .collect::<Result<_, _>>()?;
    let total: i32 = widths.iter().map(|w| swatch + gap + w).sum::<i32>()
        + spacing * (items.len() as i32 - 1).max(0);
    let (w, _) = root.dim_in_pixel();
    let mut x = (w as i32 - total) / 2;
    let mid = y - px(6.0);
    for ((kind, text), width) in items.iter().zip(widths) {
        let (a, b) = ((x, mid), (x + swatch, mid));
        let stroke = |c: RGBColor| c.stroke_width(px(2.4) as u32);
        match *kind {
            Swatch::Line(c) => root.draw(&PathElement::new(vec![a, b], stroke(c)))?,
            Swatch::Dashed(c) => {
                for k in 0..3 {
                    let s = x + k * px(10.0);
                    root.draw(&PathElement::new(
                        vec![(s, mid), (s + px(6.0), mid)],
                        stroke(c),
                    ))?;
                }
            }
            Swatch::Dotted(c) => {
                for k in 0..5 {
                    let s = x + k * px(6.0);
                    root.draw(&PathElement::new(
                        vec![(s, mid), (s + px(2.0), mid)],
                        stroke(c),
                    ))?;
                }
            }
            Swatch::Band(c) => root.draw(&Rectangle::new(
                [(x, mid - px(6.0)), (x + swatch, mid + px(6.0))],
                c.mix(0.35).filled(),
            ))?,
            Swatch::Bar(c) => {
                root.draw(&PathElement::new(vec![a, b], stroke(c)))?;
                for end in [x, x + swatch] {
                    root.draw(&PathElement::new(
                        vec![(end, mid - px(5.0)), (end, mid + px(5.0))],
                        stroke(c),
                    ))?;
                }
            }
        }
        root.draw(&Text::new(
            text.clone(),
            (x + swatch + gap, mid),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += swatch + gap + width + spacing;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    panel: Panel,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let sym = figure.axis.symbol.as_str();
    let hat = figure.axis.hat.as_str();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let view = View::new(panel, figure.options.y, inf.ll_max, figure.n);
    let values = figure.sweep.ll.iter().map(|&ll| view.y(ll));
    let panel_index = match panel {
        Panel::LogLikelihood => 0,
        Panel::Negative => 1,
    };
    // Overlays take their extent from the smallest sample, the widest curve; the steeper
    // curves of larger samples are clipped at the frame rather than squashing it.
    let (y_lo, y_hi) = match (figure.y_fixed, figure.overlays.first()) {
        (Some(fixed), _) => fixed[panel_index],
        (None, Some(first)) => {
            let v = View::new(panel, figure.options.y, first.inference.ll_max, first.n);
            let values = first.ll.iter().map(|&ll| v.y(ll));
            if figure.options.y == YScale::Delta {
                // Where the intervals live: up to eight times the threshold from the optimum.
                let cap = 8.0 * inf.threshold;
                y_extent(values.map(|y| y.clamp(-cap, cap)))
            } else {
                y_extent(values)
            }
        }
        (None, None) => y_extent(values.clone().chain([view.y(inf.ll_max)])),
    };
    let grid = figure.sweep.grid;
    let (caption, y_desc) = match (panel, figure.options.y) {
        (Panel::LogLikelihood, YScale::Absolute) => {
            (format!("Log-likelihood LL({sym})"), format!("LL({sym})"))
        }
        (Panel::LogLikelihood, YScale::Delta) => (
            "Log-likelihood relative to its maximum".to_string(),
            format!("LL({sym}) − LL({hat})"),
        ),
        (Panel::LogLikelihood, YScale::PerObs) => (
            "Log-likelihood per observation".to_string(),
            format!("LL({sym}) / n"),
        ),
        (Panel::Negative, YScale::Absolute) => (
            format!("Negative log-likelihood NLL({sym}) = −LL({sym})"),
            format!("NLL({sym})"),
        ),
        (Panel::Negative, YScale::Delta) => (
            format!("ΔNLL({sym}) = NLL({sym}) − NLL({hat})"),
            format!("ΔNLL({sym})"),
        ),
        (Panel::Negative, YScale::PerObs) => (
            "Negative log-likelihood per observation".to_string(),
            format!("NLL({sym}) / n"),
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
    let in_range = |x: f64| (grid.lo..=grid.hi).contains(&x);

    // The likelihood-ratio interval: a band under everything, and the threshold line.
    if notes.interval {
        let (lo, hi) = (inf.lr.0.value.max(grid.lo), inf.lr.1.value.min(grid.hi));
        if lo < hi {
            chart.draw_series([Rectangle::new(
                [(lo, y_lo), (hi, y_hi)],
                BAND_COLOR.mix(0.16).filled(),
            )])?;
        }
        let level_ll = inf.ll_max - inf.threshold;
        let y = view.y(level_ll);
        if (y_lo..=y_hi).contains(&y) {
            chart.draw_series(DashedLineSeries::new(
                [(grid.lo, y), (grid.hi, y)],
                px(6.0),
                px(4.0),
                BAND_COLOR.stroke_width(px(1.6) as u32),
            ))?;
        }
    }

    // One curve per overlaid sample size, each in its own units, clipped to the frame.
    for (k, overlay) in figure.overlays.iter().enumerate() {
        let v = View::new(panel, figure.options.y, overlay.inference.ll_max, overlay.n);
        let color =
            OVERLAY_COLORS[k * (OVERLAY_COLORS.len() - 1) / (figure.overlays.len() - 1).max(1)];
        let pts: Vec<(f64, f64)> = figure
            .sweep
            .x
            .iter()
            .zip(&overlay.ll)
            .map(|(&x, &ll)| (x, v.y(ll)))
            .collect();
        for run in pts.split(|(_, y)| !(y_lo..=y_hi).contains(y)) {
            if run.len() > 1 {
                chart.draw_series(LineSeries::new(
                    run.iter().copied(),
                    color.stroke_width(px(2.2) as u32),
                ))?;
            }
        }
        if notes.mle && in_range(overlay.inference.mle) {
            chart.draw_series([Circle::new(
                (overlay.inference.mle, v.y(overlay.inference.ll_max)),
                px(3.5),
                color.filled(),
            )])?;
        }
    }

    // The curve, broken wherever it is infinite (a support boundary) rather than drawn there.
    let style = panel.color().stroke_width(px(2.5) as u32);
    let points: Vec<(f64, f64)> = figure
        .sweep
        .x
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
    let main_curve = if figure.overlays.is_empty() {
        points.as_slice()
    } else {
        &[]
    };
    // Values beyond a fixed frame (animation frames) are cut, not flattened onto its edge.
    for run in main_curve.split(|(_, v)| !(y_lo..=y_hi).contains(v)) {
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

    // The Wald (quadratic) approximation, clipped to the panel.
    if notes.wald {
        if let Ok(j) = inf.information {
            let parabola: Vec<(f64, f64)> = figure
                .sweep
                .x
                .iter()
                .map(|&x| (x, view.y(inf.ll_max - 0.5 * j * (x - inf.mle).powi(2))))
                .collect();
            for run in parabola.split(|(_, y)| !(y_lo..=y_hi).contains(y)) {
                if run.len() > 1 {
                    chart.draw_series(DashedLineSeries::new(
                        run.iter().copied(),
                        px(7.0),
                        px(4.0),
                        WALD_COLOR.stroke_width(px(1.8) as u32),
                    ))?;
                }
            }
        }
    }

    if notes.truth {
        if let Some(truth) = figure.x_true.filter(|&t| in_range(t)) {
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
    }

    let y_max = view.y(inf.ll_max);
    if notes.se {
        if let Some(se) = inf.se() {
            let (a, b) = (inf.mle - se, inf.mle + se);
            let cap = (y_hi - y_lo) * 0.015;
            let bar = MLE_COLOR.stroke_width(px(1.6) as u32);
            chart.draw_series([
                PathElement::new(vec![(a, y_max), (b, y_max)], bar),
                PathElement::new(vec![(a, y_max - cap), (a, y_max + cap)], bar),
                PathElement::new(vec![(b, y_max - cap), (b, y_max + cap)], bar),
            ])?;
        }
    }

    if notes.mle && in_range(inf.mle) {
        chart.draw_series(DashedLineSeries::new(
            [(inf.mle, y_lo), (inf.mle, y_hi)],
            px(8.0),
            px(5.0),
            MLE_COLOR.stroke_width(px(1.6) as u32),
        ))?;
        let y = y_max.clamp(y_lo, y_hi);
        if y.is_finite() {
            chart.draw_series([Circle::new((inf.mle, y), px(4.0), panel.color().filled())])?;
        }
        chart.draw_series([label_at(
            inf.mle,
            y_hi,
            format!("{hat} = {}", number(inf.mle)),
            MLE_COLOR,
            true,
        )])?;
    }
    Ok(())
}

/// The y range that shows every finite value with a margin, and room at the top and bottom
/// for the labels of the marker lines.
pub fn y_extent(values: impl Iterator<Item = f64>) -> (f64, f64) {
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
