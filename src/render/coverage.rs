//! The coverage lab's figure (`--coverage R`), which replaces the curves' figure: what a
//! teacher projects after "the interval covers the truth 95 % of the time".
//!
//! Two histogram panels, side by side (whatever `--layout` says):
//! - 2·ΔNLL(θ_true) over the R data sets as a density, with the χ²₁ density over it (Wilks'
//!   theorem) and the critical value χ²₁(L) marked: the share of bars beyond it is the LR
//!   interval's miss rate;
//! - θ̂ over the R data sets as a density, with N(θ, 1/(n·I₁(θ))) over it (the expected
//!   information in closed form) and the true θ marked.
//!
//! The readout — each interval's empirical coverage with its binomial standard error against
//! the nominal level — is written inside the first panel, where the χ²₁ tail leaves room, so
//! that it survives at any size (the caption, which repeats it, may give way).
//!
//! It is planned by the same layout engine as the other figures (type sizes, legend,
//! give-way order) and drawn with the same axes as the surface's panels.

use super::axes::{choose_x_ticks, choose_y_ticks};
use super::legend::{draw_legend, Swatch};
use super::paint::{clip_polyline, Align, DrawResult, Painter};
use super::surface::{draw_axes, AxesAt};
use super::{percent, Frame, TickSet};
use crate::analysis::coverage::{CoverageSummary, Histogram};
use crate::config::FigureOptions;
use crate::error::{Error, Result};
use crate::theme::{Layout, Line, Theme};
use crate::typeset::font::Faces;
use crate::typeset::layout::{self, AxisContent, Content, LegendEntry, PanelContent, Rect};
use crate::typeset::place::{place, Obstacles, Target};
use crate::typeset::text::Measure;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::f64::consts::PI;

/// Everything the coverage figure shows.
#[derive(Debug, Clone)]
pub struct CoverageFigure<'a> {
    pub summary: &'a CoverageSummary,
    /// The swept parameter's symbol and the family's name, e.g. "λ" and "Poisson(λ)".
    pub symbol: String,
    pub hat: String,
    pub family: String,
    pub options: &'a FigureOptions,
}

/// The χ²₁ density.
fn chi2_1_density(x: f64) -> f64 {
    (-0.5 * x).exp() / (2.0 * PI * x).sqrt()
}

/// The normal density.
fn normal_density(x: f64, mean: f64, sd: f64) -> f64 {
    let z = (x - mean) / sd;
    (-0.5 * z * z).exp() / (sd * (2.0 * PI).sqrt())
}

/// The bar heights of a histogram as a density (count / (R · width)).
fn densities(h: &Histogram, r: u64) -> Vec<f64> {
    h.counts
        .iter()
        .zip(h.edges.windows(2))
        .map(|(&c, e)| c as f64 / (r as f64 * (e[1] - e[0])))
        .collect()
}

/// A share as a percentage with two decimals: "94.76 %".
fn pct2(x: f64) -> String {
    format!("{:.2} %", 100.0 * x)
}

impl CoverageFigure<'_> {
    fn theme(&self) -> &Theme {
        &self.options.theme
    }

    fn width(&self) -> f64 {
        self.options.width.to_px()
    }

    fn height(&self) -> f64 {
        self.options.height.to_px()
    }

    /// Always side by side: stacked, the two histograms' separate x axes leave too little
    /// height for either at one column's size (the config warns about another `--layout`).
    fn layout(&self) -> Layout {
        Layout::SideBySide
    }

    fn title(&self) -> Option<String> {
        let s = self.summary;
        match &self.options.title {
            Some(t) => Some(t.clone()),
            None if self.theme().default_title => Some(format!(
                "Coverage lab: {}, n = {}, true {} = {}, {} data sets",
                self.family,
                s.n,
                self.symbol,
                super::number(s.theta_true),
                s.replicates
            )),
            None => None,
        }
    }

    /// The readout: one line per interval, and the nominal level.
    fn readout(&self) -> Vec<String> {
        let s = self.summary;
        vec![
            format!(
                "LR interval covers: {} (SE {})",
                pct2(s.lr.coverage),
                pct2(s.lr.se)
            ),
            format!(
                "Wald interval covers: {} (SE {})",
                pct2(s.wald.coverage),
                pct2(s.wald.se)
            ),
            format!("nominal level: {}", percent(s.level)),
        ]
    }

    fn panel_titles(&self) -> [[String; 2]; 2] {
        let sym = &self.symbol;
        [
            [
                format!("2·ΔNLL({sym}) at the true {sym}, against χ²₁"),
                "2·ΔNLL vs χ²₁".to_string(),
            ],
            [
                format!("{} of each data set, against its normal law", self.hat),
                format!("{} vs normal", self.hat),
            ],
        ]
    }
}

/// The figure as an SVG document.
pub fn coverage_svg(figure: &CoverageFigure) -> Result<String> {
    super::svg::drawn_at(figure.options, |root| draw_coverage(root, figure))
}

/// The figure as PNG bytes (its SVG, rasterised with the figure's fonts).
pub fn coverage_png(figure: &CoverageFigure) -> Result<Vec<u8>> {
    super::font::register().map_err(Error::Render)?;
    let svg = coverage_svg(figure)?;
    let pixmap = super::png::rasterised_svg(&svg, figure.options)?;
    super::png::encode(pixmap, Some(super::png::per_metre(figure.options)))
}

/// One panel's data: x window, bars, the reference density and the vertical mark.
struct PanelData {
    x: (f64, f64),
    y: (f64, f64),
    edges: Vec<f64>,
    bars: Vec<f64>,
    /// The reference density's points, or none.
    curve: Vec<(f64, f64)>,
    /// A vertical mark: x, its label and its line.
    mark: Option<(f64, String, Line)>,
}

fn panel_data(figure: &CoverageFigure) -> [PanelData; 2] {
    let s = figure.summary;
    let h = &s.lr_statistic_histogram;
    let bars = densities(h, s.replicates);
    let x = (h.edges[0], *h.edges.last().unwrap_or(&12.0));
    let samples = 400;
    let chi: Vec<(f64, f64)> = (1..=samples)
        .map(|i| {
            let t = x.0 + (x.1 - x.0) * i as f64 / samples as f64;
            (t, chi2_1_density(t))
        })
        .collect();
    let critical = 2.0 * crate::inference::threshold(s.level);
    let top = bars
        .iter()
        .copied()
        .fold(0.0, f64::max)
        .max(chi2_1_density(0.25));
    let first = PanelData {
        x,
        y: (0.0, 1.25 * top),
        edges: h.edges.clone(),
        bars,
        curve: chi,
        mark: Some((
            critical,
            format!("χ²₁({}) = {}", percent(s.level), super::number(critical)),
            figure.theme().threshold,
        )),
    };
    let h = &s.mle_histogram;
    let bars = densities(h, s.replicates);
    let x = (h.edges[0], *h.edges.last().unwrap_or(&1.0));
    let normal: Vec<(f64, f64)> = match s.asymptotic_sd {
        Some(sd) => (0..=samples)
            .map(|i| {
                let t = x.0 + (x.1 - x.0) * i as f64 / samples as f64;
                (t, normal_density(t, s.theta_true, sd))
            })
            .collect(),
        None => Vec::new(),
    };
    let top = bars
        .iter()
        .copied()
        .chain(normal.iter().map(|p| p.1))
        .fold(0.0, f64::max);
    let second = PanelData {
        x,
        y: (0.0, 1.3 * top.max(f64::MIN_POSITIVE)),
        edges: h.edges.clone(),
        bars,
        curve: normal,
        mark: Some((
            s.theta_true,
            format!("true {} = {}", figure.symbol, super::number(s.theta_true)),
            figure.theme().truth,
        )),
    };
    [first, second]
}

/// The legend: the bars, the two reference densities, the critical value and the truth.
fn legend(figure: &CoverageFigure) -> Vec<(Swatch, LegendEntry)> {
    if !figure.options.legend {
        return Vec::new();
    }
    let t = figure.theme();
    let s = figure.summary;
    let entry = |long: String, short: &str| LegendEntry {
        long,
        short: short.to_string(),
    };
    let mut items = vec![
        (
            Swatch::Band(t.ll.color, 0.45, Line { width: 0.0, ..t.ll }),
            entry(
                format!("{} data sets of n = {}", s.replicates, s.n),
                "data sets",
            ),
        ),
        (
            Swatch::Line(t.nll),
            entry("χ²₁ density; normal law".to_string(), "theory"),
        ),
        (
            Swatch::Line(t.threshold),
            entry(
                format!("critical value χ²₁({})", percent(s.level)),
                "critical value",
            ),
        ),
        (
            Swatch::Line(t.truth),
            entry(format!("true {}", figure.symbol), "truth"),
        ),
    ];
    if s.asymptotic_sd.is_some() {
        items[1].1.long = format!(
            "χ²₁ density; N({}, 1/(n·I({})))",
            figure.symbol, figure.symbol
        );
    }
    items
}

/// Draws the whole figure onto `root`.
pub(super) fn draw_coverage<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &CoverageFigure,
) -> DrawResult<(), DB> {
    let layout_kind = figure.layout();
    let k = layout::line_scale(figure.theme(), layout_kind, figure.width(), figure.height());
    let options = FigureOptions {
        theme: figure.theme().scaled(k),
        layout: layout_kind,
        ..figure.options.clone()
    };
    let figure = &CoverageFigure {
        options: &options,
        ..figure.clone()
    };
    let theme = figure.theme();
    let painter = Painter {
        root,
        faces: Faces::new(options.font.as_deref()),
    };
    let m = painter.measure();
    root.fill(&theme.background)?;
    let (w, h) = (figure.width(), figure.height());
    let (sizes, pad) = layout::type_sizes(theme, layout_kind, m.faces, w, h, options.font_size);
    let (rows, columns) = (1, 2);
    let data = panel_data(figure);
    let (swatches, entries): (Vec<Swatch>, Vec<LegendEntry>) = legend(figure).into_iter().unzip();
    let titles = figure.panel_titles();
    let x_titles = [
        format!("2·(NLL({}) − NLL({}))", figure.symbol, figure.hat),
        figure.hat.clone(),
    ];
    let mut plot_sizes = vec![(0.7 * w / columns as f64, 0.6 * h / rows as f64); 2];
    let (mut sizes, mut pad) = (sizes, pad);
    let mut result = None;
    for _ in 0..30 {
        let ticks: Vec<[TickSet; 2]> = data
            .iter()
            .zip(&plot_sizes)
            .map(|(d, &(pw, ph))| {
                [
                    choose_x_ticks(&m, &sizes, d.x.0, d.x.1, pw),
                    choose_y_ticks(&m, &sizes, d.y.0, d.y.1, ph),
                ]
            })
            .collect();
        let widest = |t: &TickSet| {
            t.labels
                .iter()
                .map(|l| m.width(l, sizes.tick))
                .fold(0.0, f64::max)
        };
        let panels: Vec<PanelContent> = ticks
            .iter()
            .enumerate()
            .map(|(i, [x, y])| PanelContent {
                title: Some(titles[i].clone()),
                left: Some(AxisContent {
                    label_width: widest(y),
                    overhang: 0.0,
                    title: "density".to_string() + &y.title_suffix,
                }),
                right: None,
                bottom: Some(AxisContent {
                    label_width: widest(x),
                    overhang: 0.5
                        * x.labels
                            .iter()
                            .map(|l| m.width(l, sizes.tick))
                            .fold(0.0, f64::max),
                    title: x_titles[i].clone() + &x.title_suffix,
                }),
            })
            .collect();
        let content = Content {
            title: figure.title(),
            subtitle: vec![format!(
                "each data set drawn from its own seed derived from seed {}; intervals at {} by root finding on the exact LL",
                figure.summary.seed,
                percent(figure.summary.level)
            )],
            footer: figure.readout(),
            legend: entries.clone(),
            rows,
            columns,
            panels,
            colour_bar: None,
        };
        let plan = layout::plan(&m, &content, w, h, sizes, pad);
        let fits = layout::fits(&plan, &content, w, h);
        let planned: Vec<(f64, f64)> = plan
            .panels
            .iter()
            .map(|p| (p.plot.w(), p.plot.h()))
            .collect();
        let stable = planned == plot_sizes;
        plot_sizes = planned;
        result = Some((plan, ticks));
        // Too little room for the plots at this type size: smaller type, down to 7 pt, as the
        // curves' figure does.
        if !fits && options.font_size.is_none() && sizes.tick > layout::SMALLEST_TYPE {
            let tick = (sizes.tick * 0.93).max(layout::SMALLEST_TYPE);
            (sizes, pad) = layout::rule_sizes(theme, layout_kind, w, h, Some(tick));
            continue;
        }
        if stable {
            break;
        }
    }
    let (plan, ticks) = result.expect("at least one pass");
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
    for (i, ((d, panel), ticks)) in data.iter().zip(&plan.panels).zip(&ticks).enumerate() {
        let frame = Frame {
            plot: panel.plot,
            x: d.x,
            y: d.y,
        };
        draw_axes(
            &painter,
            theme,
            &plan,
            &frame,
            ticks,
            (&x_titles[i], &["density"]),
            AxesAt {
                left_labels: panel.left_labels,
                left_title: panel.left_title,
                bottom_labels: panel.bottom_labels,
                bottom_title: panel.bottom_title,
            },
            true,
        )?;
        if let Some(title) = &panel.title {
            painter.centred(title, theme.text)?;
        }
        let mut labels = Labels::new(frame.plot.grown(-0.1 * plan.sizes.label));
        draw_panel(&painter, figure, &frame, d, &mut labels)?;
        let size = plan.sizes.label;
        if let Some((x, text, style)) = &d.mark {
            if let Some(id) = labels.mark {
                labels.put(
                    &painter,
                    &m,
                    &[vec![text.clone()]],
                    Target::VLine {
                        x: frame.x_px(*x),
                        line: id,
                        prefer_left: false,
                    },
                    (style.color, theme.muted),
                    size,
                )?;
            }
        }
        if i == 0 {
            let s = figure.summary;
            let short = vec![
                format!("LR {}", pct2(s.lr.coverage)),
                format!("Wald {}", pct2(s.wald.coverage)),
            ];
            labels.put(
                &painter,
                &m,
                &[figure.readout(), short],
                Target::Point {
                    x: frame.plot.x1,
                    y: frame.plot.y0,
                },
                (theme.text, theme.muted),
                size,
            )?;
        }
    }
    Ok(())
}

/// A panel's labels, placed where no bar, curve or line lies ([`place`]), or left out (the
/// caption keeps the numbers).
struct Labels {
    area: Rect,
    obstacles: Obstacles,
    taken: Vec<Rect>,
    /// The obstacle id of the panel's vertical mark.
    mark: Option<usize>,
}

impl Labels {
    fn new(area: Rect) -> Labels {
        Labels {
            area,
            obstacles: Obstacles::default(),
            taken: Vec::new(),
            mark: None,
        }
    }

    /// Places the first of `shapes` (each a block of lines) that finds a free spot, and draws
    /// it with its leader line.
    #[allow(clippy::too_many_arguments)]
    fn put<DB: DrawingBackend>(
        &mut self,
        p: &Painter<DB>,
        m: &Measure,
        shapes: &[Vec<String>],
        target: Target,
        (color, muted): (RGBColor, RGBColor),
        size: f64,
    ) -> DrawResult<(), DB> {
        let margin = 0.1 * size;
        for lines in shapes {
            let w = lines.iter().map(|l| m.width(l, size)).fold(0.0, f64::max) + 2.0 * margin;
            let h = m.line_height(size) + (lines.len() - 1) as f64 * m.pitch(size) + 2.0 * margin;
            let placed = place(
                self.area,
                &self.obstacles,
                &self.taken,
                (w, h),
                target,
                0.3 * size,
            );
            let r = placed.rect;
            let free = self.obstacles.hits(&r) == 0
                && !self.taken.iter().any(|t| t.overlaps(&r))
                && self.area.contains(&r);
            if !free {
                continue;
            }
            if let Some([a, b]) = placed.leader {
                let leader = Line {
                    color: muted,
                    width: 0.6,
                    dash: None,
                };
                p.line(&[a, b], leader)?;
                self.obstacles.polyline(&[a, b]);
            }
            for (i, line) in lines.iter().enumerate() {
                let top = r.y0 + margin + i as f64 * m.pitch(size) + m.top_overhang(size);
                p.text(line, r.x0 + margin, top, size, color, Align::Left)?;
            }
            self.taken.push(r);
            self.obstacles.rect(r);
            return Ok(());
        }
        Ok(())
    }
}

/// The bars, the reference density and the vertical mark of one panel, each recorded as an
/// obstacle for the labels.
fn draw_panel<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &CoverageFigure,
    frame: &Frame,
    d: &PanelData,
    labels: &mut Labels,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    for (e, &height) in d.edges.windows(2).zip(&d.bars) {
        if height <= 0.0 {
            continue;
        }
        let top = height.min(d.y.1);
        let (x0, y0) = frame.px((e[0], top));
        let (x1, y1) = frame.px((e[1], d.y.0));
        let bar = Rect::new(x0, y0, x1, y1);
        p.fill(&bar, t.ll.color, 0.45)?;
        labels.obstacles.rect(bar);
    }
    let points: Vec<(f64, f64)> = d.curve.iter().map(|&pt| frame.px(pt)).collect();
    for run in clip_polyline(&points, &frame.plot) {
        p.line(&run, t.nll)?;
        labels.obstacles.polyline(&run);
    }
    if let Some((x, _, style)) = &d.mark {
        if (d.x.0..=d.x.1).contains(x) {
            let px = frame.x_px(*x);
            let line = [(px, frame.plot.y0), (px, frame.plot.y1)];
            p.line(&line, *style)?;
            labels.mark = Some(labels.obstacles.polyline(&line));
        }
    }
    Ok(())
}
