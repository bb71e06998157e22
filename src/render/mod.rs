//! The likelihood figure: LL(θ) and NLL(θ) = −LL(θ), side by side, stacked, overlaid on one
//! axes, or one of them alone.
//!
//! One drawing function, generic over the plotters backend, produces the figure; the formats
//! are thin wrappers around it ([`svg()`]; [`png()`] paints it with the raster backend of
//! raster.rs, which gives the picture resvg makes of the SVG, and [`pdf()`] turns the SVG
//! into vector PDF). Lengths are in CSS pixels (1/96 in) and multiplied by [`SCALE`] when
//! drawn; every colour, width, dash and font size comes from the [`Theme`], so the drawing
//! code holds no visual constants of its own.
//!
//! Marks over the curves follow `--annotate`: θ̂ (dashed line, dot, value), the true θ
//! (dotted line), the likelihood-ratio interval (shaded band and the threshold line at
//! NLL(θ̂) + ½χ²₁(L)), the Wald approximation (the parabola NLL(θ̂) + ½J(θ − θ̂)², dashed) and
//! θ̂ ± SE (an error bar). The numbers themselves are written in a footer, where they cannot
//! collide with the curves. Title, subtitle, footer and legend wrap onto more lines when the
//! figure is too narrow for them, and the panels get whatever height is left.

pub(crate) mod colour_table;
mod curve;
mod fine_axis;
mod font;
mod glyphs;
mod legend;
mod marks;
mod pdf;
mod png;
mod raster;
mod surface;
mod svg;
mod ticks;

pub use crate::theme::{self, Layout, Theme, ThemeName};
pub use pdf::{pdf, pdf_of_svg};
pub use png::{figure_rgba, pixel_size, pixels_of, png, surface_png};
pub use surface::{Axis2, SurfaceFigure};
pub use svg::{outlined, surface_svg, svg, svg_text_as_paths};
pub(crate) use ticks::Ticks;
pub use ticks::{number, y_extent};

use crate::analysis::{CurveAnalysis, SurfaceAnalysis};
use crate::axis::Axis;
use crate::config::{Config, FigureOptions, YScale};
use crate::inference::{End, Inference};
use crate::sweep::Sweep;
use crate::theme::Line;
use curve::{draw_curve, overlay_color};
use fine_axis::FineAxis;
use legend::{draw_legend_row, legend, legend_rows};
use marks::{draw_band, draw_verticals};
use plotters::coord::Shift;
use plotters::element::{Circle, EmptyElement, PathElement, Rectangle, Text};
use plotters::prelude::*;
use plotters::series::{DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use ticks::likely_ticks;

/// Internal drawing units per CSS pixel (see [`svg()`] for why).
pub const SCALE: u32 = 4;

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
    pub overlays: &'a [crate::analysis::CurveAnalysis],
    /// Fixed y ranges of the LL and NLL curves (shared by animation frames).
    pub y_fixed: Option<[(f64, f64); 2]>,
}

impl<'a> Figure<'a> {
    /// The figure of a curve and its overlays, as the run's options ask.
    pub fn of(
        config: &'a Config,
        curve: &'a CurveAnalysis,
        overlays: &'a [CurveAnalysis],
        y_fixed: Option<[(f64, f64); 2]>,
    ) -> Figure<'a> {
        Figure {
            axis: &config.axis,
            sweep: &curve.sweep,
            inference: &curve.inference,
            n: curve.n,
            x_true: curve.x_true,
            title: curve.title.clone(),
            subtitle: curve.subtitle.clone(),
            options: &config.figure,
            overlays,
            y_fixed,
        }
    }
}

impl<'a> SurfaceFigure<'a> {
    /// The figure of a surface, as the run's options ask.
    pub fn of(config: &'a Config, analysis: &'a SurfaceAnalysis) -> SurfaceFigure<'a> {
        use crate::analysis::surface::{joint_threshold, JOINT_LEVELS};
        let likelihood = &config.likelihood;
        let params = [0, 1].map(|k| {
            let p = likelihood.swept_param(k);
            Axis2 {
                symbol: p.symbol.clone(),
                hat: p.hat.clone(),
            }
        });
        let contours = JOINT_LEVELS
            .iter()
            .map(|&l| {
                (
                    joint_threshold(l),
                    format!(
                        "joint {} % region (ΔNLL = {})",
                        number(l * 100.0),
                        number(joint_threshold(l))
                    ),
                )
            })
            .collect();
        SurfaceFigure {
            params,
            surface: &analysis.surface,
            profiles: [&analysis.profiles[0], &analysis.profiles[1]],
            truth: analysis.truth,
            contours,
            threshold: crate::inference::threshold(config.level),
            title: analysis.title.clone(),
            subtitle: analysis.subtitle.clone(),
            options: &config.figure,
        }
    }
}

impl Figure<'_> {
    /// Width in CSS pixels.
    pub fn width(&self) -> f64 {
        self.options.width.to_px()
    }

    /// Height in CSS pixels.
    pub fn height(&self) -> f64 {
        self.options.height.to_px()
    }

    /// The drawing's size in internal units.
    pub fn internal_size(&self) -> (u32, u32) {
        let scale = |v: f64| (v * SCALE as f64).round() as u32;
        (scale(self.width()), scale(self.height()))
    }

    fn theme(&self) -> &Theme {
        &self.options.theme
    }

    /// The footer as separate parts, so that it can wrap between them.
    fn footer_parts(&self) -> Vec<String> {
        self.footer().split("   ·   ").map(str::to_string).collect()
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

/// Which of the two curves is being drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    LogLikelihood,
    Negative,
}

impl Panel {
    /// 0 for LL, 1 for NLL: the order of [`Figure::y_fixed`].
    fn index(self) -> usize {
        match self {
            Panel::LogLikelihood => 0,
            Panel::Negative => 1,
        }
    }

    fn line(self, theme: &Theme) -> Line {
        match self {
            Panel::LogLikelihood => theme.ll,
            Panel::Negative => theme.nll,
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

/// A length in CSS pixels, in drawing units.
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

/// Line height as a multiple of the font size.
const LEADING: f64 = 1.3;
/// Height of a row of mark labels at the top of a panel, as a multiple of their font size.
const LABEL_ROW: f64 = 1.35;
/// The share of a panel's height kept free below the lowest value.
const FOOT_ROOM: f64 = 0.08;

/// The chart type of every panel: θ across, a log-likelihood quantity up.
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<FineAxis, FineAxis>>;
type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The values curve `index` (0 = LL, 1 = NLL) plots, in its y units: the curve and its
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
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let font = theme.font;
    root.fill(&theme.background)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let pad = px(theme.pad);
    let avail = w - 2 * pad;

    // The header, top down.
    let mut top = pad;
    if figure.options.title.is_some() || theme.default_title {
        let style = text_style(font.title, theme.text);
        let words: Vec<String> = figure.title.split(' ').map(str::to_string).collect();
        let lines = wrap(root, &words, " ", &style, avail)?;
        top = draw_lines(root, &lines, top, &style, font.title)?;
    }
    if theme.notes {
        let style = text_style(font.subtitle, theme.muted);
        let parts: Vec<String> = figure.subtitle.split(" · ").map(str::to_string).collect();
        let lines = wrap(root, &parts, " · ", &style, avail)?;
        top = draw_lines(
            root,
            &lines,
            top + px(font.subtitle * 0.2),
            &style,
            font.subtitle,
        )?;
    }

    // The footer, measured first so that the panels get the height that is left.
    let legend_style = text_style(font.legend, theme.text);
    let mut rows = legend_rows(root, legend(figure, false), &legend_style, avail)?;
    if rows.len() > 2 {
        // A narrow figure (one journal column): brief names, if that saves a row.
        let brief = legend_rows(root, legend(figure, true), &legend_style, avail)?;
        if brief.len() < rows.len() {
            rows = brief;
        }
    }
    let row_h = px(font.legend * 1.8);
    let footer_style = text_style(font.footer, theme.text);
    let footer = if theme.notes {
        wrap(
            root,
            &figure.footer_parts(),
            "   ·   ",
            &footer_style,
            avail,
        )?
    } else {
        Vec::new()
    };
    let bottom = pad + rows.len() as i32 * row_h + footer.len() as i32 * px(font.footer * LEADING);
    let y = draw_lines(root, &footer, h - bottom, &footer_style, font.footer)?;
    for (i, row) in rows.iter().enumerate() {
        draw_legend_row(root, row, y + i as i32 * row_h + row_h / 2, theme)?;
    }

    let body = root.margin(top + pad, bottom + pad, pad, pad);
    let (bw, bh) = body.dim_in_pixel();
    match figure.options.layout {
        Layout::SideBySide => {
            let (left, right) = body.split_horizontally(bw / 2);
            draw_panel(&left, figure, Panel::LogLikelihood, 0)?;
            draw_panel(&right, figure, Panel::Negative, 0)?;
        }
        Layout::Stacked => {
            let (upper, lower) = body.split_vertically(bh / 2);
            // One y label width for both, so that the two θ axes line up.
            let room = headroom(&upper, figure);
            let mut widest = 0;
            for panel in [Panel::LogLikelihood, Panel::Negative] {
                let cv = CurveView::new(figure, panel, room);
                widest = widest.max(y_label_area(&upper, cv.y_lo, cv.y_hi, theme)?);
            }
            draw_panel(&upper, figure, Panel::LogLikelihood, widest)?;
            draw_panel(&lower, figure, Panel::Negative, widest)?;
        }
        Layout::Ll => draw_panel(&body, figure, Panel::LogLikelihood, 0)?,
        Layout::Nll => draw_panel(&body, figure, Panel::Negative, 0)?,
        Layout::Overlay => draw_overlay(&body, figure)?,
    }
    Ok(())
}

/// Centred lines from `top` down; returns the y below the last one.
fn draw_lines<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    lines: &[String],
    top: i32,
    style: &TextStyle,
    size: f64,
) -> DrawResult<i32, DB> {
    let (w, _) = root.dim_in_pixel();
    let mut y = top;
    for line in lines {
        root.draw(&Text::new(
            line.clone(),
            (w as i32 / 2, y),
            style.pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        y += px(size * LEADING);
    }
    Ok(y)
}

fn text_width<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> DrawResult<i32, DB> {
    Ok(root.estimate_text_size(text, style)?.0 as i32)
}

/// Joins `parts` with `sep` into as few lines no wider than `max` as it can (a part wider
/// than `max` gets a line of its own).
fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    parts: &[String],
    sep: &str,
    style: &TextStyle,
    max: i32,
) -> DrawResult<Vec<String>, DB> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if current.is_empty() {
            current = part.clone();
            continue;
        }
        let candidate = format!("{current}{sep}{part}");
        if text_width(root, &candidate, style)? <= max {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, part.clone()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    Ok(lines)
}

fn stroke(line: Line) -> ShapeStyle {
    line.color.stroke_width(px(line.width).max(1) as u32)
}

/// Draws a polyline in the line's colour, width and dash pattern.
fn draw_line<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    points: Vec<(f64, f64)>,
    line: Line,
) -> DrawResult<(), DB> {
    match line.dash {
        None => chart.draw_series(LineSeries::new(points, stroke(line)))?,
        Some((on, off)) => chart.draw_series(DashedLineSeries::new(
            points,
            px(on).max(1),
            px(off).max(1),
            stroke(line),
        ))?,
    };
    Ok(())
}

/// One curve as a panel shows it: the y quantity, its extent and its names.
struct CurveView {
    panel: Panel,
    view: View,
    y_lo: f64,
    y_hi: f64,
    caption: String,
    /// The caption for a narrow panel.
    short: String,
    y_desc: String,
}

impl CurveView {
    /// `headroom`: the share of the height kept free above the highest value, for the labels
    /// of the marks.
    fn new(figure: &Figure, panel: Panel, headroom: f64) -> CurveView {
        let sym = figure.axis.symbol.as_str();
        let hat = figure.axis.hat.as_str();
        let inf = figure.inference;
        let view = View::new(panel, figure.options.y, inf.ll_max, figure.n);
        let (y_lo, y_hi) = match (figure.y_fixed, figure.overlays.first()) {
            (Some(fixed), _) => fixed[panel.index()],
            // Overlays take their extent from the smallest sample, the widest curve; steeper
            // curves of larger samples are clipped at the frame rather than squashing it.
            (None, Some(first)) => {
                let v = View::new(panel, figure.options.y, first.inference.ll_max, first.n);
                let values = first.sweep.ll.iter().map(|&ll| v.y(ll));
                if figure.options.y == YScale::Delta {
                    // Where the intervals live: up to eight times the threshold.
                    let cap = 8.0 * inf.threshold;
                    y_extent(values.map(|y| y.clamp(-cap, cap)), headroom)
                } else {
                    y_extent(values, headroom)
                }
            }
            (None, None) => {
                let values = figure.sweep.ll.iter().map(|&ll| view.y(ll));
                y_extent(values.chain([view.y(inf.ll_max)]), headroom)
            }
        };
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
        let short = match (panel, figure.options.y) {
            (Panel::Negative, YScale::Absolute) => format!("NLL({sym}) = −LL({sym})"),
            _ => y_desc.clone(),
        };
        CurveView {
            panel,
            view,
            y_lo,
            y_hi,
            caption,
            short,
            y_desc,
        }
    }
}

/// The share of a panel's height that the mark labels at its top need, so that no curve runs
/// through them: one row for θ̂, one for the true θ.
fn headroom<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, figure: &Figure) -> f64 {
    let t = figure.theme();
    let notes = figure.options.annotations;
    let rows = notes.mle as i32 + (notes.truth && figure.x_true.is_some()) as i32;
    let need = rows * px(t.font.label * LABEL_ROW) + px(t.font.label * 0.6 + t.dot);
    let (_, h) = area.dim_in_pixel();
    let plot = h as i32 - px(t.font.caption * 1.6) - x_label_area(t) - 2 * chart_margin(t);
    (need as f64 / plot.max(1) as f64).clamp(0.12, 0.45)
}

/// The first caption that fits the panel's width.
fn fit_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    captions: [&str; 2],
    theme: &Theme,
) -> DrawResult<String, DB> {
    let style = text_style(theme.font.caption, theme.text);
    let (w, _) = area.dim_in_pixel();
    if text_width(area, captions[0], &style)? <= w as i32 - 2 * chart_margin(theme) {
        Ok(captions[0].to_string())
    } else {
        Ok(captions[1].to_string())
    }
}

fn chart_margin(theme: &Theme) -> i32 {
    px(theme.font.tick * 0.6)
}

/// Room for the tick labels and description of a y axis.
fn y_label_area<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lo: f64,
    hi: f64,
    theme: &Theme,
) -> DrawResult<i32, DB> {
    let style = text_style(theme.font.tick, theme.text);
    let ticks = Ticks::for_range(lo, hi);
    let mut widest = 0;
    for v in likely_ticks(lo, hi, 6) {
        widest = widest.max(text_width(area, &ticks.label(v), &style)?);
    }
    Ok(widest + px(theme.font.axis * LEADING + theme.font.tick * 0.9))
}

/// Room for the tick labels and description of the x axis.
fn x_label_area(theme: &Theme) -> i32 {
    px(theme.font.tick * LEADING + theme.font.axis * LEADING + theme.font.tick * 0.5)
}

/// How many labels fit along `length` drawing units for this theme's tick font.
fn label_count(length: u32, theme: &Theme, per_label: f64) -> usize {
    ((length as f64 / px(theme.font.tick * per_label) as f64) as usize).clamp(3, 6)
}

fn configure_mesh<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    figure: &Figure,
    y_desc: &str,
    (y_lo, y_hi): (f64, f64),
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let (pw, ph) = chart.plotting_area().dim_in_pixel();
    let grid = figure.sweep.grid;
    let (x_ticks, y_ticks) = (
        Ticks::for_range(grid.lo, grid.hi),
        Ticks::for_range(y_lo, y_hi),
    );
    chart
        .configure_mesh()
        .x_desc(x_ticks.describe(&figure.axis.symbol))
        .y_desc(y_ticks.describe(y_desc))
        .x_labels(label_count(pw, t, 4.5))
        .y_labels(label_count(ph, t, 2.8))
        .x_label_formatter(&|v| x_ticks.label(*v))
        .y_label_formatter(&|v| y_ticks.label(*v))
        .label_style(text_style(t.font.tick, t.text))
        .axis_desc_style(text_style(t.font.axis, t.text))
        .bold_line_style(stroke(t.grid))
        .light_line_style(t.background.mix(0.0))
        .axis_style(t.muted.stroke_width(px(t.axis_width).max(1) as u32))
        .draw()?;
    Ok(())
}

fn chart_builder<'a, 'b, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    caption: &str,
    theme: &Theme,
    y_area: i32,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(caption, text_style(theme.font.caption, theme.text))
        .margin(chart_margin(theme))
        .margin_right(px(theme.font.tick * 2.0))
        .x_label_area_size(x_label_area(theme))
        .y_label_area_size(y_area);
    builder
}

/// One curve on its own axes; the y label area is at least `min_y_area` wide, so that stacked
/// panels line up.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    panel: Panel,
    min_y_area: i32,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let cv = CurveView::new(figure, panel, headroom(area, figure));
    let grid = figure.sweep.grid;
    let y_area = y_label_area(area, cv.y_lo, cv.y_hi, t)?.max(min_y_area);
    let caption = fit_caption(area, [&cv.caption, &cv.short], t)?;
    let mut chart = chart_builder(area, &caption, t, y_area).build_cartesian_2d(
        FineAxis::new(grid.lo, grid.hi),
        FineAxis::new(cv.y_lo, cv.y_hi),
    )?;
    configure_mesh(&mut chart, figure, &cv.y_desc, (cv.y_lo, cv.y_hi))?;
    let frame = (cv.y_lo, cv.y_hi);
    draw_band(&mut chart, figure, frame)?;
    draw_curve(&mut chart, figure, &cv, &|y| y, true)?;
    draw_verticals(&mut chart, figure, frame)?;
    Ok(())
}

/// Both curves on one axes: LL against the left y axis, NLL against a secondary right one.
/// NLL is drawn in the left axis' coordinates through the linear map between the two, so
/// every mark is drawn by the same code as in a single panel.
fn draw_overlay<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let room = headroom(area, figure);
    let ll = CurveView::new(figure, Panel::LogLikelihood, room);
    let nll = CurveView::new(figure, Panel::Negative, room);
    let grid = figure.sweep.grid;
    let caption = match figure.options.y {
        YScale::Absolute => "Log-likelihood and negative log-likelihood",
        YScale::Delta => "Log-likelihood and negative log-likelihood, relative to θ̂",
        YScale::PerObs => "Log-likelihood and negative log-likelihood per observation",
    }
    .replace('θ', &figure.axis.symbol);
    let caption = fit_caption(area, [&caption, "LL and NLL"], t)?;
    let y_area = y_label_area(area, ll.y_lo, ll.y_hi, t)?;
    let right_area = y_label_area(area, nll.y_lo, nll.y_hi, t)?;
    let mut chart = chart_builder(area, &caption, t, y_area)
        .right_y_label_area_size(right_area)
        .build_cartesian_2d(
            FineAxis::new(grid.lo, grid.hi),
            FineAxis::new(ll.y_lo, ll.y_hi),
        )?
        .set_secondary_coord(
            FineAxis::new(grid.lo, grid.hi),
            FineAxis::new(nll.y_lo, nll.y_hi),
        );
    configure_mesh(&mut chart, figure, &ll.y_desc, (ll.y_lo, ll.y_hi))?;
    let (_, ph) = chart.plotting_area().dim_in_pixel();
    let right_ticks = Ticks::for_range(nll.y_lo, nll.y_hi);
    chart
        .configure_secondary_axes()
        .y_desc(right_ticks.describe(&nll.y_desc))
        .y_labels(label_count(ph, t, 2.8))
        .y_label_formatter(&|v| right_ticks.label(*v))
        .label_style(text_style(t.font.tick, t.text))
        .axis_desc_style(text_style(t.font.axis, t.text))
        .axis_style(t.muted.stroke_width(px(t.axis_width).max(1) as u32))
        .draw()?;
    let frame = (ll.y_lo, ll.y_hi);
    let to_left = |y: f64| ll.y_lo + (y - nll.y_lo) * (ll.y_hi - ll.y_lo) / (nll.y_hi - nll.y_lo);
    draw_band(&mut chart, figure, frame)?;
    draw_curve(&mut chart, figure, &ll, &|y| y, false)?;
    draw_curve(&mut chart, figure, &nll, &to_left, true)?;
    draw_verticals(&mut chart, figure, frame)?;
    Ok(())
}
