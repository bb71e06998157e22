//! The two-parameter figure: the ΔNLL surface as a banded heat map with its joint
//! likelihood-ratio regions and a colour bar, beside (or above) the profile likelihood of each
//! swept parameter.
//!
//! It is planned by the same layout engine as the curve figure: every text block is measured,
//! the panels get what is left, optional elements give way in the engine's order, the type
//! follows the figure's size within the theme's bounds (or `--font-size`), and `--layout
//! side-by-side` puts the profiles right of the map, `--layout stacked` below it. The map
//! fills two cells of the engine's 2 × 2 grid ([`layout::surface_grid`]).
//!
//! The colours cover ΔNLL from 0 to the 99.9 % joint region's level, where the map stops
//! (unless `--range` gives the window), so no band is wasted on the far outside; the print
//! theme maps ΔNLL to gray levels, tells the two contours apart by dash pattern, and draws
//! no title unless one is given. The mark labels of the profile panels go where no curve or
//! line passes through them ([`place`]), or are left out (the caption keeps the numbers).

use super::axes::{choose_x_ticks, choose_y_ticks};
use super::paint::{clip_polyline, Align, DrawResult, Painter};
use super::{number, percent, Frame, TickSet};
use crate::analysis::optimizer::OptimizerPath;
use crate::analysis::surface::{contour, joint_threshold, Surface};
use crate::analysis::CurveAnalysis;
use crate::config::FigureOptions;
use crate::digits::Precision;
use crate::labels;
use crate::theme::{FontSizes, Layout, Line, Theme, ThemeName};
use crate::typeset::font::Faces;
use crate::typeset::layout::{
    self, AxisContent, ColourBarContent, Content, GiveWay, LegendEntry, PanelContent, Plan, Rect,
    Shape,
};
use crate::typeset::place::{place, Obstacles, Target};
use crate::typeset::text::Measure;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::collections::HashMap;

/// The joint region whose level caps the colour scale and bounds the map's default window.
const CAP_LEVEL: f64 = 0.999;

/// The number of colour bands between ΔNLL 0 and the cap (one more colour lies beyond).
const BANDS: usize = 14;

/// The map's default window reaches this share of the capped region's extent beyond it.
const WINDOW_MARGIN: f64 = 0.12;

/// One swept parameter as the figure names it.
#[derive(Debug, Clone)]
pub struct Axis2 {
    pub symbol: String,
    pub hat: String,
}

/// Everything the surface figure shows.
pub struct SurfaceFigure<'a> {
    pub params: [Axis2; 2],
    pub surface: &'a Surface,
    pub profiles: [&'a CurveAnalysis; 2],
    pub truth: Option<[f64; 2]>,
    /// (ΔNLL level, confidence level) of each joint contour.
    pub contours: Vec<(f64, f64)>,
    /// The profile intervals' level and ΔNLL threshold, ½χ²₁(L).
    pub level: f64,
    pub threshold: f64,
    /// Whether `--range` gave each axis's window (the map then shows all of it).
    pub ranges_given: [bool; 2],
    pub n: u64,
    pub seed: Option<u64>,
    pub title: String,
    pub subtitle: String,
    pub options: &'a FigureOptions,
    /// The `--optimize` path over (a, b).
    pub optimizer: Option<&'a OptimizerPath>,
}

impl SurfaceFigure<'_> {
    fn theme(&self) -> &Theme {
        &self.options.theme
    }

    fn faces(&self) -> Faces<'_> {
        Faces::new(self.options.font.as_deref())
    }

    fn width(&self) -> f64 {
        self.options.width.to_px()
    }

    fn height(&self) -> f64 {
        self.options.height.to_px()
    }

    fn given(&self, key: &str) -> bool {
        self.options.labels.get(key).is_some()
    }

    fn placeholder(&self, name: &str) -> Option<String> {
        Some(match name {
            "n" => self.n.to_string(),
            "level" => percent(self.level),
            "threshold" => number(self.threshold),
            "seed" => self.seed?.to_string(),
            "param" => format!("{}, {}", self.params[0].symbol, self.params[1].symbol),
            _ => return None,
        })
    }

    /// The figure's text for `key`: its label template expanded, or `default`.
    fn text(&self, key: &str, default: impl FnOnce() -> String) -> String {
        match self.options.labels.get(key) {
            Some(template) => labels::expand(template, &|name| self.placeholder(name)),
            None => default(),
        }
    }

    fn title(&self) -> Option<String> {
        let wanted =
            self.theme().default_title || self.options.title.is_some() || self.given("title");
        wanted.then(|| {
            self.text("title", || {
                labels::expand(&self.title, &|name| self.placeholder(name))
            })
        })
    }

    /// The title's forms, longest first, for figures too small for it: the default title
    /// without its numbers ("Weibull(k, λ) likelihood surface"), then none. A title that was
    /// given is kept as it is.
    fn title_forms(&self) -> Vec<Option<String>> {
        let Some(full) = self.title() else {
            return vec![None];
        };
        if self.options.title.is_some() || self.given("title") {
            return vec![Some(full)];
        }
        let mut forms = vec![Some(full.clone())];
        if let Some((head, _)) = full.split_once(": ") {
            forms.push(Some(head.to_string()));
        }
        forms.push(None);
        forms
    }

    fn subtitle(&self) -> Vec<String> {
        if self.given("subtitle") {
            return vec![self.text("subtitle", String::new)];
        }
        if !self.theme().notes {
            return Vec::new();
        }
        self.subtitle.split(" · ").map(str::to_string).collect()
    }

    /// The decimals of parameter `k`'s estimate and interval.
    fn precision(&self, k: usize) -> Precision {
        let inf = &self.profiles[k].inference;
        Precision::of_estimate(inf.mle, inf.se(), (inf.lr.0.value, inf.lr.1.value))
    }

    /// The footer caption: the joint estimate, the profile intervals, the joint regions.
    fn footer(&self) -> Vec<String> {
        if !self.options.caption {
            return Vec::new();
        }
        if self.given("caption") {
            return vec![self.text("caption", String::new)];
        }
        if !self.theme().notes {
            return Vec::new();
        }
        let [pa, pb] = &self.params;
        let (p, q) = (self.precision(0), self.precision(1));
        let mle = self.surface.mle;
        let interval = |k: usize, p: &Precision| {
            let lr = self.profiles[k].inference.lr;
            format!(
                "{} ∈ {}",
                self.params[k].symbol,
                p.interval(lr.0.value, lr.1.value)
            )
        };
        let mut parts = vec![
            format!(
                "({}, {}) = ({}, {})",
                pa.hat,
                pb.hat,
                p.format(mle[0]),
                q.format(mle[1])
            ),
            format!(
                "{} profile intervals: {}, {}",
                percent(self.level),
                interval(0, &p),
                interval(1, &q)
            ),
        ];
        if !self.contours.is_empty() {
            let levels: Vec<String> = self
                .contours
                .iter()
                .map(|(d, l)| format!("{} ({})", number(*d), region_percent(*l)))
                .collect();
            parts.push(format!("joint regions: ΔNLL ≤ {}", levels.join(", ")));
        }
        if let Some(path) = self.optimizer {
            let s = self.surface;
            let span = |v: &[f64], x: f64| {
                v.first().is_some_and(|&lo| x >= lo) && v.last().is_some_and(|&hi| x <= hi)
            };
            let inside = |p: &crate::analysis::optimizer::PathPoint| {
                span(&s.a, p.theta[0]) && span(&s.b, p.theta[1])
            };
            parts.push(super::path::caption(
                path,
                &path.points,
                &[pa.symbol.as_str(), pb.symbol.as_str()],
                &inside,
            ));
        }
        parts
    }
}

/// How a legend entry's swatch is drawn.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    /// The estimate: its dashed line with the map's dot on it.
    Mle,
    /// The true value: its dotted line with the map's ring on it.
    Truth,
    /// Contour `k` over a patch of the map's colour at its level.
    Contour(usize),
    /// The profile interval's band with its threshold line.
    Interval,
}

fn legend(figure: &SurfaceFigure) -> Vec<(Swatch, LegendEntry)> {
    if !figure.options.legend {
        return Vec::new();
    }
    let entry = |key: &str, long: String, short: String| {
        if figure.given(key) {
            let s = figure.text(key, String::new);
            LegendEntry {
                long: s.clone(),
                short: s,
            }
        } else {
            LegendEntry { long, short }
        }
    };
    let [pa, pb] = &figure.params;
    let mut items = vec![(
        Swatch::Mle,
        entry(
            "legend-mle",
            format!("MLE ({}, {})", pa.hat, pb.hat),
            "MLE".to_string(),
        ),
    )];
    if figure.truth.is_some() {
        items.push((
            Swatch::Truth,
            entry("legend-truth", "true value".to_string(), "true".to_string()),
        ));
    }
    for (k, (_, level)) in figure.contours.iter().enumerate() {
        items.push((
            Swatch::Contour(k),
            LegendEntry {
                long: format!("joint {} region", region_percent(*level)),
                short: region_percent(*level),
            },
        ));
    }
    let pct = percent(figure.level);
    items.push((
        Swatch::Interval,
        entry(
            "legend-interval",
            format!(
                "{pct} profile interval: ΔNLL ≤ {}",
                number(figure.threshold)
            ),
            format!("{pct} interval"),
        ),
    ));
    items
}

/// The colour of band `k` of `BANDS + 1` (0 = the estimate's neighbourhood, `BANDS` = beyond
/// the cap): viridis, or a gray level in the print theme (light near the estimate, dark
/// beyond). Beyond the cap a colour theme shows a quiet gray a little off its background,
/// not a saturated colour: the far outside of a correlated surface is most of the map, and
/// it only says "ruled out".
fn band_color(theme: &Theme, k: usize) -> RGBColor {
    let t = k.min(BANDS) as f64 / BANDS as f64;
    if theme.name == ThemeName::Print {
        let v = (250.0 - 165.0 * t).round() as u8;
        return RGBColor(v, v, v);
    }
    if k >= BANDS {
        let (b, f) = (theme.background, theme.text);
        let mix = |x: u8, y: u8| (0.86 * f64::from(x) + 0.14 * f64::from(y)).round() as u8;
        return RGBColor(mix(b.0, f.0), mix(b.1, f.1), mix(b.2, f.2));
    }
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [253.0, 231.0, 37.0]),
        (0.25, [94.0, 201.0, 98.0]),
        (0.5, [33.0, 145.0, 140.0]),
        (0.75, [59.0, 82.0, 139.0]),
        (1.0, [68.0, 1.0, 84.0]),
    ];
    // The colours run the whole scale over the bands below the cap.
    let t = k as f64 / (BANDS - 1) as f64;
    let i = STOPS.iter().rposition(|(s, _)| *s <= t).unwrap_or(0).min(3);
    let (t0, c0) = STOPS[i];
    let (t1, c1) = STOPS[i + 1];
    let f = ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
    let mix = |j: usize| (c0[j] + f * (c1[j] - c0[j])).round() as u8;
    RGBColor(mix(0), mix(1), mix(2))
}

/// The band of a ΔNLL value.
fn band_of(d: f64, cap: f64) -> usize {
    if d.is_finite() && d >= 0.0 {
        ((d / cap * BANDS as f64) as usize).min(BANDS)
    } else if d.is_finite() {
        0
    } else {
        BANDS
    }
}

/// A joint region's level as text, to two decimals: "68.27 %", "95 %".
pub(super) fn region_percent(level: f64) -> String {
    let s = format!("{:.2}", level * 100.0);
    format!("{} %", s.trim_end_matches('0').trim_end_matches('.'))
}

/// The contours' line: solid for the first, dashed for the others; white over the colours,
/// the ink colour over the print theme's grays.
fn contour_line(theme: &Theme, k: usize) -> Line {
    let color = if theme.name == ThemeName::Print {
        theme.text
    } else {
        WHITE
    };
    let width = theme.ll.width * if k == 0 { 0.9 } else { 0.75 };
    Line {
        color,
        width,
        dash: (k > 0).then_some((3.2 * width.max(0.6), 2.2 * width.max(0.6))),
    }
}

/// The map's window on each axis: the grid's, or (where `--range` did not give it) the box
/// of the region below the cap with a margin, holding the estimate and the truth.
fn map_window(figure: &SurfaceFigure, cap: f64) -> [(f64, f64); 2] {
    let s = figure.surface;
    let full = [
        (s.a[0], *s.a.last().unwrap_or(&s.a[0])),
        (s.b[0], *s.b.last().unwrap_or(&s.b[0])),
    ];
    let mut lo = [s.mle[0], s.mle[1]];
    let mut hi = lo;
    for (i, &a) in s.a.iter().enumerate() {
        for (j, &b) in s.b.iter().enumerate() {
            let d = s.ll_max - s.at(i, j);
            if d.is_finite() && d <= cap {
                lo = [lo[0].min(a), lo[1].min(b)];
                hi = [hi[0].max(a), hi[1].max(b)];
            }
        }
    }
    // The optimiser's path is shown whole, as far as the grid reaches.
    for point in figure.optimizer.map_or(&[][..], |p| &p.points) {
        for k in 0..2 {
            let v = point.theta[k];
            if (full[k].0..=full[k].1).contains(&v) {
                lo[k] = lo[k].min(v);
                hi[k] = hi[k].max(v);
            }
        }
    }
    if let Some(t) = figure.truth {
        for k in 0..2 {
            if (full[k].0..=full[k].1).contains(&t[k]) {
                lo[k] = lo[k].min(t[k]);
                hi[k] = hi[k].max(t[k]);
            }
        }
    }
    [0, 1].map(|k| {
        let (glo, ghi) = full[k];
        let span = hi[k] - lo[k];
        let usable = span > 0.0 && ghi > glo;
        if figure.ranges_given[k] || !usable {
            return full[k];
        }
        let m = WINDOW_MARGIN * span;
        let (a, b) = ((lo[k] - m).max(glo), (hi[k] + m).min(ghi));
        // A window of less than a tenth of the grid is a sliver of a few grid cells.
        if b - a < 0.1 * (ghi - glo) {
            full[k]
        } else {
            (a, b)
        }
    })
}

/// The profile's y axis ends at this many times the interval's threshold (or at the highest
/// value, if lower): 4 × 1.92 ≈ 7.7 at 95 %, well above the interval and its surroundings.
const PROFILE_CAP: f64 = 4.0;

/// A profile as its panel plots it: ΔNLL on the map's window of its parameter.
struct ProfileView {
    points: Vec<(f64, f64)>,
    x: (f64, f64),
    top: f64,
}

impl ProfileView {
    fn new(profile: &CurveAnalysis, window: (f64, f64), threshold: f64) -> ProfileView {
        let ll_max = profile.inference.ll_max;
        let points: Vec<(f64, f64)> = profile
            .sweep
            .x
            .iter()
            .zip(&profile.sweep.ll)
            .map(|(&x, &ll)| (x, ll_max - ll))
            .collect();
        let highest = points
            .iter()
            .filter(|p| p.0 >= window.0 && p.0 <= window.1 && p.1.is_finite())
            .map(|p| p.1)
            .fold(threshold, f64::max);
        let top = highest.min(PROFILE_CAP * threshold) * 1.08;
        ProfileView {
            points,
            x: window,
            top,
        }
    }

    fn y(&self) -> (f64, f64) {
        (-0.04 * self.top, self.top)
    }
}

/// The ticks of each part, for plots of the given sizes.
struct Ticks3 {
    map: [TickSet; 2],
    profiles: [[TickSet; 2]; 2],
    bar: TickSet,
}

fn widest(m: &Measure, t: &TickSet, size: f64) -> f64 {
    t.labels
        .iter()
        .map(|l| m.width(l, size))
        .fold(0.0, f64::max)
}

fn x_axis(m: &Measure, t: &TickSet, size: f64, title: String) -> AxisContent {
    let end = |l: Option<&String>| l.map_or(0.0, |l| m.width(l, size));
    AxisContent {
        label_width: widest(m, t, size),
        overhang: 0.5 * end(t.labels.first()).max(end(t.labels.last())),
        title: title + &t.title_suffix,
    }
}

fn y_axis(m: &Measure, t: &TickSet, size: f64, title: String) -> AxisContent {
    AxisContent {
        label_width: widest(m, t, size),
        overhang: 0.0,
        title: title + &t.title_suffix,
    }
}

fn map_titles(figure: &SurfaceFigure) -> [String; 2] {
    let [pa, pb] = &figure.params;
    [
        format!(
            "ΔNLL({}, {}) with joint likelihood-ratio regions",
            pa.symbol, pb.symbol
        ),
        format!("ΔNLL({}, {})", pa.symbol, pb.symbol),
    ]
}

fn profile_titles(figure: &SurfaceFigure, k: usize) -> [String; 2] {
    let (me, other) = (&figure.params[k].symbol, &figure.params[1 - k].symbol);
    [
        format!("Profile of {me}: {other} maximised"),
        format!("Profile of {me}"),
    ]
}

const PROFILE_Y_TITLE: &str = "ΔNLL (profile)";
/// The profile panels' axis title where the long one is taller than the plot.
const PROFILE_Y_SHORT: &str = "ΔNLL";
const BAR_TITLE: &str = "ΔNLL";

/// Plans the figure: type sizes, ticks and layout, refined until the ticks chosen for the
/// plots' sizes are the ticks the layout made room for.
fn plan_surface(
    figure: &SurfaceFigure,
    m: &Measure,
    windows: &[(f64, f64); 2],
    views: &[ProfileView; 2],
    cap: f64,
) -> (Plan, Ticks3, Vec<Swatch>) {
    let theme = figure.theme();
    let (w, h) = (figure.width(), figure.height());
    let layout_kind = figure.options.layout;
    let shape = Shape::surface(layout_kind);
    let (mut sizes, mut pad) =
        layout::type_sizes(theme, shape, m.faces, w, h, figure.options.font_size);
    let grid = layout::surface_grid(layout_kind);
    let (swatches, entries): (Vec<Swatch>, Vec<LegendEntry>) = legend(figure).into_iter().unzip();
    let [pa, pb] = &figure.params;
    // First guesses: most of each cell.
    let mut map_size = (0.4 * w, 0.35 * h);
    let mut profile_size = [(0.35 * w, 0.25 * h); 2];
    let titles = figure.title_forms();
    let mut title = 0;
    let mut previous: Option<Vec<PanelContent>> = None;
    let mut result = None;
    for _ in 0..40 {
        let choose = |sizes: &FontSizes, (lo, hi): (f64, f64), (pw, ph): (f64, f64)| {
            [
                choose_x_ticks(m, sizes, lo, hi, pw),
                choose_y_ticks(m, sizes, lo, hi, ph),
            ]
        };
        let [map_x, _] = choose(&sizes, windows[0], map_size);
        let [_, map_y] = choose(&sizes, windows[1], map_size);
        let profiles = [0, 1].map(|k| {
            let v = &views[k];
            let (lo, hi) = v.y();
            [
                choose_x_ticks(m, &sizes, v.x.0, v.x.1, profile_size[k].0),
                choose_y_ticks(m, &sizes, lo, hi, profile_size[k].1),
            ]
        });
        let bar = choose_y_ticks(m, &sizes, 0.0, cap, map_size.1);
        let map = PanelContent {
            title: Some(map_titles(figure)),
            left: Some(y_axis(m, &map_y, sizes.tick, pb.symbol.clone())),
            right: None,
            bottom: Some(x_axis(m, &map_x, sizes.tick, pa.symbol.clone())),
        };
        let profile_panels = [0, 1].map(|k| PanelContent {
            title: Some(profile_titles(figure, k)),
            left: Some(y_axis(
                m,
                &profiles[k][1],
                sizes.tick,
                PROFILE_Y_TITLE.to_string(),
            )),
            right: None,
            bottom: Some(x_axis(
                m,
                &profiles[k][0],
                sizes.tick,
                figure.params[k].symbol.clone(),
            )),
        });
        let panels = layout::surface_panels(layout_kind, map, profile_panels);
        let content = Content {
            title: titles[title].clone(),
            subtitle: figure.subtitle(),
            footer: figure.footer(),
            legend: entries.clone(),
            rows: layout::SURFACE_ROWS,
            columns: layout::SURFACE_COLUMNS,
            panels: panels.clone(),
            colour_bar: Some(ColourBarContent {
                label_width: widest(m, &bar, sizes.tick),
                title: BAR_TITLE.to_string(),
                column: grid.bar_column,
                row: grid.bar_row,
            }),
        };
        let plan = layout::plan(m, &content, w, h, sizes, pad);
        // Drawn edges fall on a quarter pixel: half a pixel to spare keeps the share.
        let fits = plan.panels.iter().all(|p| {
            p.plot.w() >= layout::MIN_PLOT_SHARE * w / layout::SURFACE_COLUMNS as f64 + 0.5
                && p.plot.h() >= layout::MIN_PLOT_SHARE * h / layout::SURFACE_ROWS as f64 + 0.5
        });
        let map_rect = map_plot(&plan, layout_kind);
        map_size = (map_rect.w(), map_rect.h());
        profile_size = [0, 1].map(|k| {
            let p = plan.panels[grid.profiles[k]].plot;
            (p.w(), p.h())
        });
        result = Some((
            plan,
            Ticks3 {
                map: [map_x, map_y],
                profiles,
                bar,
            },
        ));
        if !fits && figure.options.font_size.is_none() && sizes.tick > layout::SMALLEST_TYPE {
            let tick = (sizes.tick * 0.93).max(layout::SMALLEST_TYPE);
            (sizes, pad) = layout::rule_sizes(theme, shape, w, h, Some(tick));
            previous = None;
            continue;
        }
        // At the smallest type, the title gives way: its numbers, then itself; then the
        // padding around the figure, down to half a tick label's size.
        if !fits && title + 1 < titles.len() {
            title += 1;
            previous = None;
            continue;
        }
        if !fits && pad > 0.5 * sizes.tick {
            pad = (0.8 * pad).max(0.5 * sizes.tick);
            previous = None;
            continue;
        }
        let stable = previous.as_ref() == Some(&panels);
        previous = Some(panels);
        if stable {
            break;
        }
    }
    let (plan, ticks) = result.expect("at least one pass");
    (plan, ticks, swatches)
}

/// The map's plot area: its two cells and what lies between them.
fn map_plot(plan: &Plan, layout_kind: Layout) -> Rect {
    let [a, b] = layout::surface_grid(layout_kind)
        .map
        .map(|i| plan.panels[i].plot);
    Rect::new(
        a.x0.min(b.x0),
        a.y0.min(b.y0),
        a.x1.max(b.x1),
        a.y1.max(b.y1),
    )
}

/// Draws the whole figure onto `root`.
pub(super) fn draw_surface<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
) -> DrawResult<(), DB> {
    // Lines as thick as the figure is large.
    let shape = Shape::surface(figure.options.layout);
    let k = layout::line_scale(figure.theme(), shape, figure.width(), figure.height());
    let options = FigureOptions {
        theme: figure.theme().scaled(k),
        ..figure.options.clone()
    };
    let figure = &SurfaceFigure {
        options: &options,
        params: figure.params.clone(),
        contours: figure.contours.clone(),
        title: figure.title.clone(),
        subtitle: figure.subtitle.clone(),
        ..*figure
    };
    let theme = figure.theme();
    let painter = Painter {
        root,
        faces: figure.faces(),
    };
    let m = painter.measure();
    root.fill(&theme.background)?;
    let cap = joint_threshold(CAP_LEVEL);
    let windows = map_window(figure, cap);
    let views = [0, 1].map(|k| ProfileView::new(figure.profiles[k], windows[k], figure.threshold));
    let (plan, ticks, swatches) = plan_surface(figure, &m, &windows, &views, cap);
    for (lines, color) in [
        (&plan.title, theme.text),
        (&plan.subtitle, theme.muted),
        (&plan.footer, theme.text),
    ] {
        for line in lines {
            painter.centred(line, color)?;
        }
    }
    draw_legend(&painter, figure, &plan, &swatches, cap)?;
    let layout_kind = figure.options.layout;
    let grid = layout::surface_grid(layout_kind);
    let map = Frame {
        plot: map_plot(&plan, layout_kind),
        x: windows[0],
        y: windows[1],
    };
    draw_map(&painter, figure, &map, cap)?;
    if let Some(path) = figure.optimizer {
        let mut space = super::marks::LabelSpace::boxed(map.plot, theme.background);
        // The step numbers keep off the contours, the estimate's dot and the truth's ring.
        for (level, _) in &figure.contours {
            for [a, b] in contour(figure.surface, *level) {
                space.obstacle(&[map.px(a), map.px(b)]);
            }
        }
        let s = figure.surface;
        space.dot(map.px((s.mle[0], s.mle[1])), theme.dot * 1.1);
        if let Some([ta, tb]) = figure.truth {
            space.dot(map.px((ta, tb)), theme.dot * 1.3 + truth_ring(theme).width);
        }
        let px: Vec<(f64, f64)> = path
            .points
            .iter()
            .map(|p| map.px((p.theta[0], p.theta[1])))
            .collect();
        let boundary = path.points.last().is_some_and(|p| p.boundary);
        super::path::draw_path(
            &painter,
            theme,
            &map.plot,
            &px,
            boundary,
            &mut space,
            true,
            plan.sizes.label,
        )?;
        // The estimate stays on top of a path that ends on it.
        painter.dot(
            map.px((s.mle[0], s.mle[1])),
            theme.dot * 1.1,
            theme.mle.color,
        )?;
        space.draw_labels_with(&painter, theme, plan.sizes.label)?;
    }
    // The map's axes: y labels from its first cell, x labels from the cell that has them.
    let [first, second] = grid.map.map(|i| &plan.panels[i]);
    let bottom = if first.bottom_labels.is_some() {
        first
    } else {
        second
    };
    let [pa, pb] = &figure.params;
    draw_axes(
        &painter,
        theme,
        &plan,
        &map,
        &ticks.map,
        (&pa.symbol, &[pb.symbol.as_str()]),
        AxesAt {
            left_labels: first.left_labels,
            left_title: first.left_title,
            bottom_labels: bottom.bottom_labels,
            bottom_title: bottom.bottom_title,
        },
        false,
    )?;
    if !plan.gave_way.contains(&GiveWay::PanelTitles) {
        let [long, short] = map_titles(figure);
        let size = plan.sizes.caption;
        let (cx, _) = map.plot.centre();
        let half = (cx - plan.spacing.pad).min(figure.width() - plan.spacing.pad - cx);
        let top = map.plot.y0 - plan.spacing.panel_title_gap - m.pitch(size) + m.top_overhang(size);
        if let Some(text) = [long, short]
            .into_iter()
            .find(|t| m.width(t, size) <= 2.0 * half)
        {
            painter.text(&text, cx, top, size, theme.text, Align::Centre)?;
        }
    }
    if let Some(bar) = plan.colour_bar {
        draw_colour_bar(&painter, figure, &plan, bar, &ticks.bar, cap)?;
    }
    for (k, view) in views.iter().enumerate() {
        let pp = &plan.panels[grid.profiles[k]];
        draw_profile(&painter, figure, &plan, pp, view, &ticks.profiles[k], k)?;
    }
    Ok(())
}

/// Where a panel's axis labels and titles go.
pub(super) struct AxesAt {
    pub left_labels: f64,
    pub left_title: f64,
    pub bottom_labels: Option<f64>,
    pub bottom_title: Option<f64>,
}

/// The spines (one L-shaped stroke), tick marks, tick labels and titles of a plot.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_axes<DB: DrawingBackend>(
    p: &Painter<DB>,
    theme: &Theme,
    plan: &Plan,
    frame: &Frame,
    ticks: &[TickSet; 2],
    titles: (&str, &[&str]),
    at: AxesAt,
    grid: bool,
) -> DrawResult<(), DB> {
    let m = p.measure();
    let sp = &plan.spacing;
    let tick = plan.sizes.tick;
    let axis = plan.sizes.axis;
    let r = frame.plot;
    let spine = Line {
        color: theme.muted,
        width: theme.axis_width,
        dash: None,
    };
    if grid {
        for &v in &ticks[0].values {
            let x = frame.x_px(v);
            p.line(&[(x, r.y0), (x, r.y1)], theme.grid)?;
        }
        for &v in &ticks[1].values {
            let y = frame.y_px(v);
            p.line(&[(r.x0, y), (r.x1, y)], theme.grid)?;
        }
    }
    p.line(&[(r.x0, r.y0), (r.x0, r.y1), (r.x1, r.y1)], spine)?;
    let mut x_boxes = Vec::new();
    for (&v, label) in ticks[0].values.iter().zip(&ticks[0].labels) {
        let x = frame.x_px(v);
        p.line(&[(x, r.y1), (x, r.y1 + sp.tick_len)], spine)?;
        if let Some(top) = at.bottom_labels {
            x_boxes.push(p.text(
                label,
                x,
                top + m.top_overhang(tick),
                tick,
                theme.text,
                Align::Centre,
            )?);
        }
    }
    if let Some(top) = at.bottom_title {
        p.text(
            &(titles.0.to_string() + &ticks[0].title_suffix),
            r.centre().0,
            top + m.top_overhang(axis),
            axis,
            theme.text,
            Align::Centre,
        )?;
    }
    let line_h = m.line_height(tick);
    for (&v, label) in ticks[1].values.iter().zip(&ticks[1].labels) {
        let y = frame.y_px(v);
        p.line(&[(r.x0, y), (r.x0 - sp.tick_len, y)], spine)?;
        let top = y - 0.5 * line_h + m.top_overhang(tick);
        let w = m.width(label, tick);
        let b = m.line_box(label, tick, at.left_labels - w, top);
        // The lowest label can meet the first x label in the corner: the x label wins.
        if x_boxes.iter().any(|x| x.overlaps(&b)) {
            continue;
        }
        p.text(label, at.left_labels, top, tick, theme.text, Align::Right)?;
    }
    // The longest title that its plot's height holds, turned up beside it.
    let fitting = titles
        .1
        .iter()
        .map(|t| t.to_string() + &ticks[1].title_suffix)
        .find(|t| m.width(t, axis) <= r.h())
        .or_else(|| {
            titles
                .1
                .last()
                .map(|t| t.to_string() + &ticks[1].title_suffix)
        })
        .unwrap_or_default();
    p.text_up(&fitting, at.left_title, r.centre().1, axis, theme.text)
}

/// The banded heat map, its contours, the truth's ring and the estimate's dot.
fn draw_map<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &SurfaceFigure,
    frame: &Frame,
    cap: f64,
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let s = figure.surface;
    let (xw, yw) = (frame.x, frame.y);
    let inside = |lo: f64, hi: f64, (a, b): (f64, f64)| hi >= a && lo <= b;
    let band = |i: usize, j: usize| {
        let ll = (s.at(i, j) + s.at(i + 1, j) + s.at(i, j + 1) + s.at(i + 1, j + 1)) / 4.0;
        band_of(s.ll_max - ll, cap)
    };
    // The colour beyond the cap everywhere, then one rectangle per run of equal band below
    // it along b, in pixels, cut at the window. Each cell reaches a pixel into its right and
    // upper neighbours, drawn over it, so no seam shows.
    let clip = frame.plot;
    p.fill(&clip, band_color(theme, BANDS), 1.0)?;
    for i in 0..s.a.len().saturating_sub(1) {
        if !inside(s.a[i], s.a[i + 1], xw) {
            continue;
        }
        let (x0, x1) = (
            frame.x_px(s.a[i]).max(clip.x0),
            (frame.x_px(s.a[i + 1]) + 1.0).min(clip.x1),
        );
        let mut j = 0;
        while j + 1 < s.b.len() {
            let k = band(i, j);
            let mut end = j + 1;
            while end + 1 < s.b.len() && band(i, end) == k {
                end += 1;
            }
            if k < BANDS && inside(s.b[j], s.b[end], yw) {
                let (y0, y1) = (
                    (frame.y_px(s.b[end]) - 1.0).max(clip.y0),
                    frame.y_px(s.b[j]).min(clip.y1),
                );
                if x1 > x0 && y1 > y0 {
                    p.fill(&Rect::new(x0, y0, x1, y1), band_color(theme, k), 1.0)?;
                }
            }
            j = end;
        }
    }
    for (k, (level, _)) in figure.contours.iter().enumerate() {
        let segments: Vec<[(f64, f64); 2]> = contour(s, *level)
            .into_iter()
            .map(|[a, b]| [frame.px(a), frame.px(b)])
            .collect();
        for chain in chains(&segments) {
            for run in clip_polyline(&chain, &clip) {
                p.line(&run, contour_line(theme, k))?;
            }
        }
    }
    if let Some([ta, tb]) = figure.truth {
        if (xw.0..=xw.1).contains(&ta) && (yw.0..=yw.1).contains(&tb) {
            p.ring(frame.px((ta, tb)), theme.dot * 1.3, truth_ring(theme))?;
        }
    }
    p.dot(
        frame.px((s.mle[0], s.mle[1])),
        theme.dot * 1.1,
        theme.mle.color,
    )?;
    Ok(())
}

fn truth_ring(theme: &Theme) -> Line {
    Line {
        dash: None,
        width: theme.truth.width.max(1.2),
        ..theme.truth
    }
}

/// Joins the segments of a contour into polylines (so that a dash pattern runs along it),
/// matching ends that agree to a hundredth of a pixel.
fn chains(segments: &[[(f64, f64); 2]]) -> Vec<Vec<(f64, f64)>> {
    let key = |p: (f64, f64)| ((p.0 * 100.0).round() as i64, (p.1 * 100.0).round() as i64);
    let mut at: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, s) in segments.iter().enumerate() {
        for &p in s {
            at.entry(key(p)).or_default().push(i);
        }
    }
    let mut used = vec![false; segments.len()];
    let mut out = Vec::new();
    // Extends `chain` from its last point with unused segments meeting it.
    let extend = |chain: &mut Vec<(f64, f64)>, used: &mut Vec<bool>| loop {
        let end = *chain.last().expect("a chain has points");
        let next = at
            .get(&key(end))
            .and_then(|ids| ids.iter().copied().find(|&i| !used[i]));
        let Some(i) = next else { break };
        used[i] = true;
        let [a, b] = segments[i];
        chain.push(if key(a) == key(end) { b } else { a });
    };
    for i in 0..segments.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        let mut chain = segments[i].to_vec();
        extend(&mut chain, &mut used);
        chain.reverse();
        extend(&mut chain, &mut used);
        out.push(chain);
    }
    out
}

/// The colour bar: the bands from ΔNLL 0 up to the cap, a triangle for the colour beyond
/// it, the contours' levels as lines across it, its ticks and title.
fn draw_colour_bar<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &SurfaceFigure,
    plan: &Plan,
    bar: Rect,
    ticks: &TickSet,
    cap: f64,
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let m = p.measure();
    let sp = &plan.spacing;
    let tick = plan.sizes.tick;
    // The triangle takes the top of the bar; the bands the rest.
    let tri = (0.9 * bar.w()).min(0.2 * bar.h());
    let scale = Frame {
        plot: Rect::new(bar.x0, bar.y0 + tri, bar.x1, bar.y1),
        x: (0.0, 1.0),
        y: (0.0, cap),
    };
    for k in 0..BANDS {
        let (lo, hi) = (
            cap * k as f64 / BANDS as f64,
            cap * (k + 1) as f64 / BANDS as f64,
        );
        let r = Rect::new(
            bar.x0,
            scale.y_px(hi) - if k + 1 < BANDS { 0.5 } else { 0.0 },
            bar.x1,
            scale.y_px(lo),
        );
        p.fill(&r, band_color(theme, k), 1.0)?;
    }
    let beyond = band_color(theme, BANDS);
    let apex = (0.5 * (bar.x0 + bar.x1), bar.y0);
    p.polygon(
        &[(bar.x0, scale.plot.y0), apex, (bar.x1, scale.plot.y0)],
        beyond,
    )?;
    for (k, (level, _)) in figure.contours.iter().enumerate() {
        if *level < cap {
            let y = scale.y_px(*level);
            p.line(&[(bar.x0, y), (bar.x1, y)], contour_line(theme, k))?;
        }
    }
    let edge = Line {
        color: theme.muted,
        width: theme.axis_width,
        dash: None,
    };
    p.line(
        &[
            (bar.x0, scale.plot.y0),
            apex,
            (bar.x1, scale.plot.y0),
            (bar.x1, bar.y1),
            (bar.x0, bar.y1),
            (bar.x0, scale.plot.y0),
        ],
        edge,
    )?;
    let line_h = m.line_height(tick);
    for (&v, label) in ticks.values.iter().zip(&ticks.labels) {
        if !(0.0..=cap).contains(&v) {
            continue;
        }
        let y = scale.y_px(v);
        p.line(&[(bar.x1, y), (bar.x1 + sp.tick_len, y)], edge)?;
        let top = y - 0.5 * line_h + m.top_overhang(tick);
        p.text(
            label,
            plan.colour_bar_labels,
            top,
            tick,
            theme.text,
            Align::Left,
        )?;
    }
    p.text_up(
        &(BAR_TITLE.to_string() + &ticks.title_suffix),
        plan.colour_bar_title,
        bar.centre().1,
        plan.sizes.axis,
        theme.text,
    )
}

/// The legend's entries where the layout put them, each with its swatch.
fn draw_legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &SurfaceFigure,
    plan: &Plan,
    swatches: &[Swatch],
    cap: f64,
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let m = p.measure();
    let size = plan.sizes.legend;
    let sp = &plan.spacing;
    let half = 0.42 * size;
    for slot in &plan.legend {
        let (x0, x1, mid) = (slot.x, slot.x + sp.swatch, slot.mid);
        let centre = (0.5 * (x0 + x1), mid);
        match swatches[slot.entry] {
            Swatch::Mle => {
                p.line(&[(x0, mid), (x1, mid)], theme.mle)?;
                p.dot(centre, theme.dot * 1.1, theme.mle.color)?;
            }
            Swatch::Truth => {
                p.line(&[(x0, mid), (x1, mid)], theme.truth)?;
                p.ring(centre, theme.dot * 1.3, truth_ring(theme))?;
            }
            Swatch::Contour(k) => {
                let level = figure.contours[k].0;
                let patch = Rect::new(x0, mid - half, x1, mid + half);
                p.fill(&patch, band_color(theme, band_of(level, cap)), 1.0)?;
                p.line(&[(x0, mid), (x1, mid)], contour_line(theme, k))?;
            }
            Swatch::Interval => {
                p.fill(
                    &Rect::new(x0, mid - half, x1, mid + half),
                    theme.band,
                    (theme.band_opacity * 2.2).min(1.0),
                )?;
                p.line(&[(x0, mid), (x1, mid)], theme.threshold)?;
            }
        }
        let top = mid - 0.5 * m.line_height(size) + m.top_overhang(size);
        p.text(&slot.text, slot.text_x, top, size, theme.text, Align::Left)?;
    }
    Ok(())
}

/// The stretches of a curve that are finite and at most `top`, each ended where it crosses
/// `top` (by linear interpolation), so that a capped axis shows where the curve leaves it.
fn runs_below(points: &[(f64, f64)], top: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    let crossing =
        |(x0, y0): (f64, f64), (x1, y1): (f64, f64)| (x0 + (x1 - x0) * (top - y0) / (y1 - y0), top);
    for (i, &p) in points.iter().enumerate() {
        let inside = p.1.is_finite() && p.1 <= top;
        let prev = i.checked_sub(1).map(|j| points[j]);
        match (inside, prev) {
            (true, Some(q)) if run.is_empty() && q.1.is_finite() && q.1 > top => {
                run.push(crossing(q, p));
                run.push(p);
            }
            (true, _) => run.push(p),
            (false, _) => {
                if let Some(&last) = run.last() {
                    if p.1.is_finite() {
                        run.push(crossing(last, p));
                    }
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// One profile panel: grid, interval band, threshold, curve, the estimate's and the truth's
/// lines with their labels, and the axes.
fn draw_profile<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &SurfaceFigure,
    plan: &Plan,
    pp: &layout::PanelPlan,
    view: &ProfileView,
    ticks: &[TickSet; 2],
    k: usize,
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let m = p.measure();
    let profile = figure.profiles[k];
    let me = &figure.params[k];
    let frame = Frame {
        plot: pp.plot,
        x: view.x,
        y: view.y(),
    };
    let r = frame.plot;
    for &v in &ticks[0].values {
        let x = frame.x_px(v);
        p.line(&[(x, r.y0), (x, r.y1)], theme.grid)?;
    }
    for &v in &ticks[1].values {
        let y = frame.y_px(v);
        p.line(&[(r.x0, y), (r.x1, y)], theme.grid)?;
    }
    let inf = &profile.inference;
    let (i0, i1) = (inf.lr.0.value, inf.lr.1.value);
    let (a, b) = (i0.max(view.x.0), i1.min(view.x.1));
    if a < b {
        p.fill(
            &Rect::new(frame.x_px(a), r.y0, frame.x_px(b), r.y1),
            theme.band,
            theme.band_opacity,
        )?;
    }
    let mut obstacles = Obstacles::default();
    let threshold = [
        (r.x0, frame.y_px(figure.threshold)),
        (r.x1, frame.y_px(figure.threshold)),
    ];
    p.line(&threshold, theme.threshold)?;
    obstacles.polyline(&threshold);
    for run in runs_below(&view.points, view.top) {
        let px: Vec<(f64, f64)> = run.iter().map(|&q| frame.px(q)).collect();
        for part in clip_polyline(&px, &r) {
            p.line(&part, theme.nll)?;
            obstacles.polyline(&part);
        }
    }
    let vertical = |x: f64| [(frame.x_px(x), r.y0), (frame.x_px(x), r.y1)];
    let mut labels = Vec::new();
    let precision = figure.precision(k);
    let mle = inf.mle;
    let mle_x = frame.x_px(mle);
    let in_window = |x: f64| x >= view.x.0 && x <= view.x.1;
    if in_window(mle) {
        let line = vertical(mle);
        p.line(&line, theme.mle)?;
        let id = obstacles.polyline(&line);
        labels.push((
            format!("{} = {}", me.hat, precision.format(mle)),
            theme.text,
            mle_x,
            id,
        ));
    }
    if let Some(t) = profile.x_true.filter(|&t| in_window(t)) {
        let line = vertical(t);
        p.line(&line, theme.truth)?;
        let id = obstacles.polyline(&line);
        labels.push((
            format!("true {} = {}", me.symbol, crate::digits::shortest(t)),
            theme.truth.color,
            frame.x_px(t),
            id,
        ));
    }
    if in_window(mle) {
        let y = frame.y_px(0.0);
        if y >= r.y0 && y <= r.y1 {
            p.dot((mle_x, y), theme.dot, theme.nll.color)?;
            obstacles.rect(Rect::new(
                mle_x - theme.dot,
                y - theme.dot,
                mle_x + theme.dot,
                y + theme.dot,
            ));
        }
    }
    // The labels go where nothing passes through them, or are left out (the caption keeps
    // the numbers); the estimate's first, on the side away from the truth.
    let size = plan.sizes.label;
    let area = r.grown(-0.15 * size);
    let mut taken: Vec<Rect> = Vec::new();
    let xs: Vec<f64> = labels.iter().map(|l| l.2).collect();
    for (i, (text, color, x, id)) in labels.iter().enumerate() {
        let other = xs.get(1 - i.min(1)).copied().filter(|_| xs.len() == 2);
        let prefer_left = other.is_some_and(|o| o > *x) || (other.is_none() && *x > r.centre().0);
        let (w, h) = (m.width(text, size), m.line_height(size));
        let placed = place(
            area,
            &obstacles,
            &taken,
            (w, h),
            Target::VLine {
                x: *x,
                line: *id,
                prefer_left,
            },
            0.3 * size,
        );
        let free = area.contains(&placed.rect)
            && obstacles.hits(&placed.rect) == 0
            && !taken.iter().any(|t| t.overlaps(&placed.rect));
        if !free || placed.leader.is_some() {
            continue;
        }
        let top = placed.rect.y0 + m.top_overhang(size);
        let b = p.text(text, placed.rect.x0, top, size, *color, Align::Left)?;
        obstacles.rect(b);
        taken.push(b);
    }
    draw_axes(
        p,
        theme,
        plan,
        &frame,
        ticks,
        (&me.symbol, &[PROFILE_Y_TITLE, PROFILE_Y_SHORT]),
        AxesAt {
            left_labels: pp.left_labels,
            left_title: pp.left_title,
            bottom_labels: pp.bottom_labels,
            bottom_title: pp.bottom_title,
        },
        false,
    )?;
    if let Some(title) = &pp.title {
        p.centred(title, theme.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{band_of, chains, runs_below, BANDS};

    #[test]
    fn a_capped_curve_ends_where_it_crosses_the_top() {
        // y = 10, 2, 1, 6, ∞, 1 against top 4: from (0.75, 4) down to 1 and up to (2.6, 4),
        // then the lone last point (the infinite value breaks the curve).
        let points = [
            (0.0, 10.0),
            (1.0, 2.0),
            (2.0, 1.0),
            (3.0, 6.0),
            (4.0, f64::INFINITY),
            (5.0, 1.0),
        ];
        let runs = runs_below(&points, 4.0);
        assert_eq!(
            runs,
            vec![
                vec![(0.75, 4.0), (1.0, 2.0), (2.0, 1.0), (2.6, 4.0)],
                vec![(5.0, 1.0)]
            ]
        );
        // A curve entirely below the top is one run, unchanged.
        assert_eq!(runs_below(&points[1..3], 4.0), vec![points[1..3].to_vec()]);
    }

    #[test]
    fn contour_segments_join_into_one_line() {
        // A square's four sides, out of order and some reversed, with rounding noise.
        let segments = [
            [(0.0, 0.0), (1.0, 0.0)],
            [(1.0, 1.0), (0.0, 1.0)],
            [(1.0, 0.0), (1.0, 1.0 + 1e-9)],
            [(0.0, 0.0), (0.0, 1.0)],
        ];
        let c = chains(&segments);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].len(), 5);
    }

    #[test]
    fn the_colours_stop_at_the_cap() {
        assert_eq!(band_of(0.0, 6.9), 0);
        assert_eq!(band_of(6.8, 6.9), BANDS - 1);
        assert_eq!(band_of(7.0, 6.9), BANDS);
        assert_eq!(band_of(f64::INFINITY, 6.9), BANDS);
        assert_eq!(band_of(f64::NAN, 6.9), BANDS);
    }
}
