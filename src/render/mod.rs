//! The likelihood figure: LL(θ) and NLL(θ) = −LL(θ), side by side, stacked, overlaid on one
//! axes, or one of them alone.
//!
//! One drawing function, generic over the plotters backend, produces the figure; the formats
//! are thin wrappers around it ([`svg()`]; [`png()`] rasterises that SVG and [`pdf()`] turns it
//! into vector PDF). Every colour, width, dash and type size comes from the [`Theme`], so the
//! drawing code holds no visual constants of its own.
//!
//! The drawing is planned before anything is drawn: every text block is measured with the
//! figure's font ([`font`], [`text`]), the layout engine ([`layout`]) gives the panels what is
//! left after titles, axis labels, legend and caption, the axes get "nice" ticks that fit them
//! ([`ticks`]), and the labels of the marks go where no curve or line passes through them
//! ([`place`]). Marks over the curves follow `--annotate`: θ̂ (dashed line, dot, value), the
//! true θ (dotted line), the likelihood-ratio interval (shaded band and the threshold line at
//! NLL(θ̂) + ½χ²₁(L)), the Wald approximation (the parabola NLL(θ̂) + ½J(θ − θ̂)², dashed) and
//! θ̂ ± SE (an error bar). The numbers themselves are written in a footer caption.

mod axes;
pub(crate) mod colour_table;
pub mod coverage;
mod curve;
pub mod data;
mod extras;
mod glyphs;
mod legend;
mod marks;
mod paint;
mod path;
mod pdf;
mod png;
mod prior;
mod raster;
pub mod scene;
mod scene_parts;
mod surface;
mod svg;
mod svg_writer;
mod test_marks;
mod ticks;
mod words;
mod zlib;

pub use crate::theme::{self, Layout, Theme, ThemeName};
use crate::typeset::text;
pub use crate::typeset::{font, layout, place};
pub use pdf::{pdf, pdf_of_svg};
pub use png::{figure_rgba, pixel_size, pixels_of, png, surface_png};
pub use surface::{Axis2, SurfaceFigure};
pub use svg::{outlined, surface_svg, svg, svg_text_as_paths, svg_tree};
pub use ticks::{number, y_extent, TickSet};

use crate::analysis::optimizer::{OptimizerPath, PathPoint};
use crate::analysis::{CurveAnalysis, SurfaceAnalysis};
use crate::axis::Axis;
use crate::config::{Config, FigureOptions, Source, YScale};
use crate::inference::Inference;
use crate::sweep::Sweep;
use crate::theme::Line;
use axes::{choose_x_ticks, choose_y_ticks, draw_axes, draw_grid};
use curve::{draw_curve, overlay_color};
use layout::{AxisContent, Content, PanelContent, Plan, Rect};
use legend::{draw_legend, Swatch};
use marks::{draw_band, draw_verticals, LabelSpace};
use paint::{DrawResult, Painter};
use plotters::coord::Shift;
use plotters::prelude::*;

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
    /// The seed of synthetic data (for the `{seed}` placeholder of labels).
    pub seed: Option<u64>,
    /// The default title (a template: `--title` may hold placeholders).
    pub title: String,
    pub subtitle: String,
    pub options: &'a FigureOptions,
    /// Further sample sizes' curves on the same grid, smallest n first.
    pub overlays: &'a [CurveAnalysis],
    /// Fixed y ranges of the LL and NLL curves (shared by animation frames).
    pub y_fixed: Option<[(f64, f64); 2]>,
    /// The posterior drawn beside the curve (`--prior`).
    pub prior: Option<&'a crate::analysis::posterior::PriorAnalysis>,
    /// The data panel of a regression model and the parameter point (every parameter) its
    /// curve is drawn at: θ̂ for a figure of the likelihood.
    pub data: Option<(data::DataView<'a>, &'a [f64])>,
    /// The `--optimize` path, drawn on the curves.
    pub optimizer: Option<&'a OptimizerPath>,
    /// The last step of the path drawn (an animation's frame); `None`: all of it.
    pub path_upto: Option<usize>,
    /// `--test θ₀`: the three tests, drawn on the curve.
    pub tests: Option<&'a crate::inference::hypothesis::Tests>,
}

impl<'a> Figure<'a> {
    /// The figure of a curve and its overlays, as the run's options ask.
    pub fn of(
        config: &'a Config,
        curve: &'a CurveAnalysis,
        overlays: &'a [CurveAnalysis],
        y_fixed: Option<[(f64, f64); 2]>,
    ) -> Figure<'a> {
        let seed = match &curve.source {
            Source::Sample { seed, .. } => Some(*seed),
            Source::Data(_) => None,
        };
        Figure {
            axis: &config.axis,
            sweep: &curve.sweep,
            inference: &curve.inference,
            n: curve.n,
            x_true: curve.x_true,
            seed,
            title: curve.title.clone(),
            subtitle: curve.subtitle.clone(),
            options: &config.figure,
            overlays,
            y_fixed,
            prior: curve.prior.as_deref(),
            data: (config.figure.annotations.data && !curve.rows.is_empty()).then(|| {
                (
                    data::DataView {
                        rows: &curve.rows,
                        model: config.likelihood.model.as_ref(),
                    },
                    curve.estimate.as_slice(),
                )
            }),
            optimizer: curve.optimizer.as_ref(),
            path_upto: None,
            tests: curve.tests.as_ref(),
        }
    }

    /// The points of the optimiser's path this figure draws.
    pub fn path_points(&self) -> &'a [PathPoint] {
        match self.optimizer {
            Some(path) => {
                let upto = self
                    .path_upto
                    .map_or(path.points.len(), |k| (k + 1).min(path.points.len()));
                &path.points[..upto]
            }
            None => &[],
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
            .map(|&l| (joint_threshold(l), l))
            .collect();
        let seed = match &analysis.source {
            Source::Sample { seed, .. } => Some(*seed),
            Source::Data(_) => None,
        };
        SurfaceFigure {
            params,
            surface: &analysis.surface,
            profiles: [&analysis.profiles[0], &analysis.profiles[1]],
            truth: analysis.truth,
            contours,
            level: config.level,
            threshold: crate::inference::threshold(config.level),
            ranges_given: [0, 1].map(|k| config.ranges.get(k).is_some_and(|r| r.is_some())),
            n: analysis.n,
            seed,
            title: analysis.title.clone(),
            subtitle: analysis.subtitle.clone(),
            options: &config.figure,
            optimizer: analysis.optimizer.as_ref(),
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

    /// The faces the figure is drawn with: its `--font`, then the bundled font.
    pub fn faces(&self) -> font::Faces<'_> {
        font::Faces::new(self.options.font.as_deref())
    }
}

/// Which of the curves a panel shows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Panel {
    LogLikelihood,
    Negative,
    /// Both on one axes (the overlay layout).
    Both,
    /// The (x, y) rows of a regression model with its fitted curve ([`data`]).
    Data,
    /// An empty cell of the grid (beside the LL panel of a wide stack with a data panel).
    Empty,
}

impl Panel {
    /// 0 for LL, 1 for NLL: the order of [`Figure::y_fixed`].
    fn index(self) -> usize {
        match self {
            Panel::Negative => 1,
            _ => 0,
        }
    }

    fn line(self, theme: &Theme) -> Line {
        match self {
            Panel::Negative => theme.nll,
            _ => theme.ll,
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
            Panel::Negative => -1.0,
            _ => 1.0,
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

/// A confidence level as text: "95 %", "68.27 %".
pub fn percent(level: f64) -> String {
    let p = level * 100.0;
    let s = format!("{p:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} %")
}

/// The share of a panel's height kept free below the lowest value.
const FOOT_ROOM: f64 = 0.08;

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

/// One curve as a panel shows it: the y quantity and its extent.
struct CurveView {
    panel: Panel,
    view: View,
    y_lo: f64,
    y_hi: f64,
}

impl CurveView {
    /// `headroom`: the share of the height kept free above the highest value, for the labels
    /// of the marks.
    fn new(figure: &Figure, panel: Panel, headroom: f64) -> CurveView {
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
                let posterior = prior::extent_values(figure, view);
                y_extent(
                    values.chain([view.y(inf.ll_max)]).chain(posterior),
                    headroom,
                )
            }
        };
        CurveView {
            panel,
            view,
            y_lo,
            y_hi,
        }
    }
}

/// The map from a panel's data coordinates to CSS pixels.
#[derive(Clone, Copy, Debug)]
struct Frame {
    plot: Rect,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            self.plot.x0 + fx * self.plot.w(),
            self.plot.y1 - fy * self.plot.h(),
        )
    }

    fn x_px(&self, x: f64) -> f64 {
        self.px((x, self.y.0)).0
    }

    fn y_px(&self, y: f64) -> f64 {
        self.px((self.x.0, y)).1
    }
}

/// What one panel of the layout shows.
struct Setup {
    panel: Panel,
    /// The curve(s) plotted: LL and/or NLL; for `Both`, LL first (left axis).
    curves: Vec<CurveView>,
    x_ticks: TickSet,
    /// Ticks of the left axis, and of the right one (`Both`: NLL's, in its own units).
    left: TickSet,
    right: Option<TickSet>,
    /// Whether this panel's x axis has labels (the upper stacked panel shares them).
    x_labels: bool,
}

/// Whether a stacked figure puts its data panel beside the NLL panel rather than below it:
/// when it is wider than tall, where three rows would leave each too short. The cell beside
/// the LL panel stays empty, so that the upper row keeps the stack's shared x axis (no
/// labels under it) and its height.
fn data_beside_stack(figure: &Figure) -> bool {
    figure.options.layout == Layout::Stacked && figure.width() > figure.height()
}

/// The panels of the figure's layout, in the order of the layout grid (row by row): the
/// likelihood's, with the data panel where there is one.
fn figure_panels(figure: &Figure) -> Vec<Panel> {
    let mut kinds = panels(figure.options.layout);
    if figure.data.is_some() {
        if data_beside_stack(figure) {
            kinds.insert(1, Panel::Empty);
        }
        kinds.push(Panel::Data);
    }
    kinds
}

/// The grid of the figure's panels: [`layout::curve_grid`] with the data panel added along the
/// layout's direction (below a tall stacked figure, in a second column beside a wide one's
/// NLL panel, to the right of the others).
fn figure_grid(figure: &Figure) -> (usize, usize, bool) {
    let (rows, columns, _, shared) = layout::curve_grid(figure.options.layout);
    match (figure.data.is_some(), figure.options.layout) {
        (false, _) => (rows, columns, shared),
        (true, Layout::Stacked) if data_beside_stack(figure) => (rows, columns + 1, shared),
        (true, Layout::Stacked) => (rows + 1, columns, shared),
        (true, _) => (rows, columns + 1, shared),
    }
}

/// The panels of the likelihood layout, in the order of the layout grid.
fn panels(layout: Layout) -> Vec<Panel> {
    match layout {
        Layout::SideBySide | Layout::Stacked => vec![Panel::LogLikelihood, Panel::Negative],
        Layout::Overlay => vec![Panel::Both],
        Layout::Ll => vec![Panel::LogLikelihood],
        Layout::Nll => vec![Panel::Negative],
    }
}

/// The share of a plot's height the mark labels at its top need.
fn headroom(figure: &Figure, plot_h: f64, label: f64, m: &text::Measure) -> f64 {
    let notes = figure.options.annotations;
    let marks = words::mark_texts(figure);
    let truth = notes.truth && figure.x_true.is_some();
    let rows = if notes.mle && truth && !marks.equal {
        2.0
    } else if notes.mle || truth {
        1.0
    } else {
        0.0
    };
    let need = rows * (m.line_height(label) + 0.2 * label) + 0.6 * label;
    (need / plot_h.max(1.0)).clamp(0.1, 0.45)
}

/// Plans the figure: type sizes, ticks and layout, refined until the ticks chosen for the
/// plots' sizes are the ticks the layout made room for.
fn plan_figure(figure: &Figure, m: &text::Measure) -> (Plan, Vec<Setup>, Vec<Swatch>) {
    let theme = figure.theme();
    let (w, h) = (figure.width(), figure.height());
    let layout_kind = figure.options.layout;
    let (mut sizes, mut pad) =
        layout::type_sizes(theme, layout_kind, m.faces, w, h, figure.options.font_size);
    let (rows, columns, shared) = figure_grid(figure);
    let kinds = figure_panels(figure);
    let last_curve = kinds
        .iter()
        .rposition(|&k| !matches!(k, Panel::Data | Panel::Empty));
    let (swatches, entries): (Vec<Swatch>, Vec<layout::LegendEntry>) =
        extras::legend(figure).into_iter().unzip();
    let grid = figure.sweep.grid;
    let x_title = words::x_title(figure);
    // A first guess at each plot's size: most of its cell.
    let mut plot_sizes: Vec<(f64, f64)> =
        vec![(0.7 * w / columns as f64, 0.6 * h / rows as f64); kinds.len()];
    let mut previous: Option<Vec<PanelContent>> = None;
    let mut result = None;
    for _ in 0..30 {
        let mut setups = Vec::new();
        for (i, &panel) in kinds.iter().enumerate() {
            let (pw, ph) = plot_sizes[i];
            if matches!(panel, Panel::Data | Panel::Empty) {
                setups.push(data_setup(figure, panel, m, &sizes, (pw, ph)));
                continue;
            }
            let room = headroom(figure, ph, sizes.label, m);
            let curves = match panel {
                Panel::Both => vec![
                    CurveView::new(figure, Panel::LogLikelihood, room),
                    CurveView::new(figure, Panel::Negative, room),
                ],
                p => vec![CurveView::new(figure, p, room)],
            };
            let x_ticks = choose_x_ticks(m, &sizes, grid.lo, grid.hi, pw);
            let left = choose_y_ticks(m, &sizes, curves[0].y_lo, curves[0].y_hi, ph);
            let right = (panel == Panel::Both)
                .then(|| choose_y_ticks(m, &sizes, curves[1].y_lo, curves[1].y_hi, ph));
            let x_labels = !shared || Some(i) == last_curve;
            setups.push(Setup {
                panel,
                curves,
                x_ticks,
                left,
                right,
                x_labels,
            });
        }
        let widest = |t: &TickSet| {
            t.labels
                .iter()
                .map(|l| m.width(l, sizes.tick))
                .fold(0.0, f64::max)
        };
        let panel_contents: Vec<PanelContent> = setups
            .iter()
            .map(|s| {
                let (left_title, right_title) = match s.panel {
                    Panel::Both => (
                        words::y_title(figure, Panel::LogLikelihood),
                        Some(words::y_title(figure, Panel::Negative)),
                    ),
                    p => (words::y_title(figure, p), None),
                };
                if s.panel == Panel::Empty {
                    return PanelContent {
                        title: None,
                        left: None,
                        right: None,
                        bottom: None,
                    };
                }
                PanelContent {
                    title: Some(words::panel_title(figure, s.panel)),
                    left: Some(AxisContent {
                        label_width: widest(&s.left),
                        overhang: 0.0,
                        title: left_title + &s.left.title_suffix,
                    }),
                    right: s.right.as_ref().map(|t| AxisContent {
                        label_width: widest(t),
                        overhang: 0.0,
                        title: right_title.unwrap_or_default() + &t.title_suffix,
                    }),
                    bottom: s.x_labels.then(|| AxisContent {
                        label_width: widest(&s.x_ticks),
                        overhang: 0.5
                            * s.x_ticks
                                .labels
                                .last()
                                .map_or(0.0, |l| m.width(l, sizes.tick))
                                .max(
                                    s.x_ticks
                                        .labels
                                        .first()
                                        .map_or(0.0, |l| m.width(l, sizes.tick)),
                                ),
                        title: match s.panel {
                            Panel::Data => words::data_x_title(figure),
                            _ => x_title.clone(),
                        } + &s.x_ticks.title_suffix,
                    }),
                }
            })
            .collect();
        let content = Content {
            title: words::title(figure),
            subtitle: words::subtitle(figure),
            footer: extras::footer(figure),
            legend: entries.clone(),
            rows,
            columns,
            panels: panel_contents.clone(),
            colour_bar: None,
        };
        let plan = layout::plan(m, &content, w, h, sizes, pad);
        let fits = layout::fits(&plan, &content, w, h);
        plot_sizes = plan
            .panels
            .iter()
            .map(|p| (p.plot.w(), p.plot.h()))
            .collect();
        result = Some((plan, setups));
        // Content richer than the nominal one the type was chosen for (every mark on, long
        // tick labels) can still leave a plot short: smaller type then, down to 7 pt.
        if !fits && figure.options.font_size.is_none() && sizes.tick > layout::SMALLEST_TYPE {
            let tick = (sizes.tick * 0.93).max(layout::SMALLEST_TYPE);
            (sizes, pad) = layout::rule_sizes(theme, layout_kind, w, h, Some(tick));
            previous = None;
            continue;
        }
        let stable = previous.as_ref() == Some(&panel_contents);
        previous = Some(panel_contents);
        if stable {
            break;
        }
    }
    let (plan, setups) = result.expect("at least one pass");
    (plan, setups, swatches)
}

/// The setup of the data panel (`panel` is [`Panel::Data`]): ticks over the rows and the
/// curve at the figure's point; or of the empty cell beside it ([`Panel::Empty`]), which
/// draws nothing.
fn data_setup(
    figure: &Figure,
    panel: Panel,
    m: &text::Measure,
    sizes: &crate::theme::FontSizes,
    (pw, ph): (f64, f64),
) -> Setup {
    let (view, theta) = figure.data.expect("a data panel has data");
    let (x_lo, x_hi) = view.x_range();
    let (y_lo, y_hi) = view.y_range(theta);
    Setup {
        panel,
        curves: vec![CurveView {
            panel,
            view: View {
                sign: 1.0,
                shift: 0.0,
                divide: 1.0,
            },
            y_lo,
            y_hi,
        }],
        x_ticks: choose_x_ticks(m, sizes, x_lo, x_hi, pw),
        left: choose_y_ticks(m, sizes, y_lo, y_hi, ph),
        right: None,
        x_labels: panel == Panel::Data,
    }
}

/// Draws the whole figure onto `root`.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &Figure,
) -> DrawResult<(), DB> {
    // Lines as thick as the figure is large.
    let k = layout::line_scale(
        figure.theme(),
        figure.options.layout,
        figure.width(),
        figure.height(),
    );
    let options = FigureOptions {
        theme: figure.theme().scaled(k),
        ..figure.options.clone()
    };
    let figure = &Figure {
        options: &options,
        ..figure.clone()
    };
    let theme = figure.theme();
    let painter = Painter {
        root,
        faces: figure.faces(),
    };
    let m = painter.measure();
    root.fill(&theme.background)?;
    let (plan, setups, swatches) = plan_figure(figure, &m);
    for (lines, color) in [
        (&plan.title, theme.text),
        (&plan.subtitle, theme.muted),
        (&plan.footer, theme.text),
    ] {
        for line in lines {
            painter.centred(line, color)?;
        }
    }
    draw_legend(
        &painter,
        &plan.legend,
        &swatches,
        &plan.spacing,
        plan.sizes.legend,
        theme,
    )?;
    for (setup, panel_plan) in setups.iter().zip(&plan.panels) {
        draw_panel(&painter, figure, setup, panel_plan, &plan)?;
    }
    Ok(())
}

/// One panel: its grid, band, curves, marks, axes and labels.
fn draw_panel<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    setup: &Setup,
    panel_plan: &layout::PanelPlan,
    plan: &Plan,
) -> DrawResult<(), DB> {
    if setup.panel == Panel::Empty {
        return Ok(());
    }
    if setup.panel == Panel::Data {
        let (view, theta) = figure.data.expect("a data panel has data");
        let frame = Frame {
            plot: panel_plan.plot,
            x: view.x_range(),
            y: (setup.curves[0].y_lo, setup.curves[0].y_hi),
        };
        draw_grid(p, &frame, setup, figure.theme())?;
        data::draw_data(p, &frame, &view, theta, figure.theme())?;
        return draw_axes(p, figure, setup, &frame, panel_plan, plan);
    }
    let grid = figure.sweep.grid;
    let main = &setup.curves[0];
    let frame = Frame {
        plot: panel_plan.plot,
        x: (grid.lo, grid.hi),
        y: (main.y_lo, main.y_hi),
    };
    draw_grid(p, &frame, setup, figure.theme())?;
    let mut space = LabelSpace::new(frame.plot);
    draw_band(p, figure, &frame)?;
    match setup.panel {
        Panel::Both => {
            let (ll, nll) = (&setup.curves[0], &setup.curves[1]);
            let to_left =
                |y: f64| ll.y_lo + (y - nll.y_lo) * (ll.y_hi - ll.y_lo) / (nll.y_hi - nll.y_lo);
            draw_curve(p, figure, ll, &frame, &|y| y, false, &mut space)?;
            draw_curve(p, figure, nll, &frame, &to_left, true, &mut space)?;
            prior::draw_prior(p, figure, ll, &frame, &|y| y, &mut space, true)?;
            prior::draw_prior(p, figure, nll, &frame, &to_left, &mut space, false)?;
        }
        _ => {
            draw_curve(p, figure, main, &frame, &|y| y, true, &mut space)?;
            prior::draw_prior(p, figure, main, &frame, &|y| y, &mut space, true)?;
        }
    }
    draw_curve_path(p, figure, setup, &frame, plan, &mut space)?;
    // The tests go where NLL is shown (or on LL when it is alone).
    let tested = setup.panel != Panel::LogLikelihood || figure.options.layout == Layout::Ll;
    test_marks::draw_theta0(p, figure, &frame, &mut space, tested)?;
    if tested {
        let (cv, to_left): (&CurveView, Box<dyn Fn(f64) -> f64>) = match setup.panel {
            Panel::Both => {
                let (ll, nll) = (&setup.curves[0], &setup.curves[1]);
                let (l0, l1, n0, n1) = (ll.y_lo, ll.y_hi, nll.y_lo, nll.y_hi);
                (
                    nll,
                    Box::new(move |y| l0 + (y - n0) * (l1 - l0) / (n1 - n0)),
                )
            }
            _ => (main, Box::new(|y| y)),
        };
        test_marks::draw_tests(p, figure, cv, &frame, &*to_left, &mut space)?;
    }
    draw_verticals(p, figure, &frame, &mut space)?;
    draw_axes(p, figure, setup, &frame, panel_plan, plan)?;
    space.draw_labels(p, figure, plan)?;
    Ok(())
}

/// The optimiser's path on a panel: each point at its θ and the panel's value of LL there (on
/// the NLL in the overlay layout); a point where the value is infinite (cut at a boundary
/// where the model has no likelihood) sits at the panel's edge that way.
fn draw_curve_path<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    setup: &Setup,
    frame: &Frame,
    plan: &Plan,
    space: &mut LabelSpace,
) -> DrawResult<(), DB> {
    let points = figure.path_points();
    if points.is_empty() {
        return Ok(());
    }
    let cv = match setup.panel {
        Panel::Both => &setup.curves[1],
        _ => &setup.curves[0],
    };
    let main = &setup.curves[0];
    let to_chart = |y: f64| {
        if setup.panel == Panel::Both {
            main.y_lo + (y - cv.y_lo) * (main.y_hi - main.y_lo) / (cv.y_hi - cv.y_lo)
        } else {
            y
        }
    };
    let px: Vec<(f64, f64)> = points
        .iter()
        .map(|pt| {
            let y = cv.view.y(pt.ll);
            let y = if y.is_finite() {
                y
            } else if y > 0.0 {
                cv.y_hi
            } else {
                cv.y_lo
            };
            frame.px((pt.theta[0], to_chart(y)))
        })
        .collect();
    let boundary = points.last().is_some_and(|pt| pt.boundary);
    path::draw_path(
        p,
        figure.theme(),
        &frame.plot,
        &px,
        boundary,
        space,
        true,
        plan.sizes.label,
    )
}
