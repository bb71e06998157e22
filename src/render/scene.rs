//! The figure as data rather than as a drawing: every text, curve, band, mark and legend
//! entry the figure shows, with the y ranges of its panels, for the exporters that hand the
//! typesetting to another program (pgfplots in LaTeX, Typst).
//!
//! Those exporters let the document's own font set every text, so nothing here is measured:
//! this module only says *what* the figure shows, from the same texts ([`words`](super::words)),
//! legend and y ranges as the drawn figure, so a typeset figure and the SVG one never disagree
//! about a label or an interval. Every polyline is already cut at its panel's frame and at
//! non-finite values, so no exporter ever writes an infinite or NaN coordinate.

use super::extras::legend;
use super::legend::Swatch;
use super::paint::clip_polyline;
pub use super::scene_parts::{Role, Series, Vertical};
use super::words;
use super::{overlay_color, panels, CurveView, Figure, Panel, SurfaceFigure, View};
use crate::analysis::surface::contour;
use crate::theme::{Layout, Line, Theme, ThemeName};
use crate::typeset::layout::Rect;
use plotters::style::RGBColor;

/// The share of a panel's height kept free above the curves for the labels of the marks.
const HEADROOM: f64 = 0.2;

/// A one-parameter figure, ready to be typeset.
#[derive(Debug, Clone)]
pub struct CurveScene {
    pub layout: Layout,
    pub theme: Theme,
    pub title: Option<String>,
    pub subtitle: Vec<String>,
    pub footer: Vec<String>,
    pub x_title: String,
    pub x_range: (f64, f64),
    pub panels: Vec<PanelScene>,
    pub legend: Vec<LegendItem>,
}

/// One panel: its axes, and what is drawn in it.
#[derive(Debug, Clone)]
pub struct PanelScene {
    pub title: String,
    pub left: YAxis,
    /// The overlay layout's second axis, for NLL.
    pub right: Option<YAxis>,
    /// Whether this panel's x axis carries labels (the upper stacked panel shares them).
    pub x_labels: bool,
    pub series: Vec<Series>,
    /// The likelihood-ratio interval: filled between `series[curve]` and `series[threshold]`
    /// from `lo` to `hi`.
    pub band: Option<Band>,
    pub verticals: Vec<Vertical>,
    /// The maximum of each curve: (x, y, colour, on the right axis).
    pub dots: Vec<(f64, f64, RGBColor, bool)>,
    /// θ̂ ± SE at the height of the maximum: (from, to, y, line, on the right axis).
    pub se_bar: Option<(f64, f64, f64, Line, bool)>,
}

/// A y axis: its title and range.
#[derive(Debug, Clone)]
pub struct YAxis {
    pub title: String,
    pub lo: f64,
    pub hi: f64,
}

/// The filled likelihood-ratio interval.
#[derive(Debug, Clone, Copy)]
pub struct Band {
    pub curve: usize,
    pub threshold: usize,
    pub lo: f64,
    pub hi: f64,
    pub color: RGBColor,
    pub opacity: f64,
}

/// One legend entry.
#[derive(Debug, Clone)]
pub struct LegendItem {
    pub name: String,
    pub swatch: LegendSwatch,
}

/// How a legend entry's sample is drawn.
#[derive(Debug, Clone, Copy)]
pub enum LegendSwatch {
    Line(Line),
    /// The interval's fill with the threshold line across it.
    Band {
        fill: RGBColor,
        opacity: f64,
        line: Line,
    },
    /// An error bar.
    Bar(Line),
}

impl CurveScene {
    /// The scene of a one-parameter figure.
    pub fn of(figure: &Figure) -> CurveScene {
        let kinds = panels(figure.options.layout);
        let shared = figure.options.layout == Layout::Stacked;
        let grid = figure.sweep.grid;
        let panels = kinds
            .iter()
            .enumerate()
            .map(|(i, &panel)| {
                let mut scene = panel_scene(figure, panel);
                scene.x_labels = !shared || i + 1 == kinds.len();
                scene
            })
            .collect();
        let legend = legend(figure)
            .into_iter()
            .map(|(swatch, entry)| LegendItem {
                name: entry.long,
                swatch: match swatch {
                    Swatch::Line(l) => LegendSwatch::Line(l),
                    Swatch::Band(fill, opacity, line) => LegendSwatch::Band {
                        fill,
                        opacity,
                        line,
                    },
                    Swatch::Bar(l) => LegendSwatch::Bar(l),
                },
            })
            .collect();
        CurveScene {
            layout: figure.options.layout,
            theme: figure.theme().clone(),
            title: words::title(figure),
            subtitle: words::subtitle(figure),
            footer: super::extras::footer(figure),
            x_title: words::x_title(figure),
            x_range: (grid.lo, grid.hi),
            panels,
            legend,
        }
    }
}

/// The runs of `points` inside the frame [x] × [y].
fn cut(points: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    clip_polyline(points, &Rect::new(x.0, y.0, x.1, y.1))
        .into_iter()
        .filter(|run| run.len() >= 2)
        .collect()
}

fn panel_scene(figure: &Figure, panel: Panel) -> PanelScene {
    let t = figure.theme();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let grid = figure.sweep.grid;
    let xr = (grid.lo, grid.hi);
    let views: Vec<CurveView> = match panel {
        Panel::Both => vec![
            CurveView::new(figure, Panel::LogLikelihood, HEADROOM),
            CurveView::new(figure, Panel::Negative, HEADROOM),
        ],
        p => vec![CurveView::new(figure, p, HEADROOM)],
    };
    let axis = |cv: &CurveView, title: String| YAxis {
        title,
        lo: cv.y_lo,
        hi: cv.y_hi,
    };
    let (left, right) = match panel {
        Panel::Both => (
            axis(&views[0], words::y_title(figure, Panel::LogLikelihood)),
            Some(axis(&views[1], words::y_title(figure, Panel::Negative))),
        ),
        p => (axis(&views[0], words::y_title(figure, p)), None),
    };
    let mut scene = PanelScene {
        title: words::panel_title(figure, panel)[0].clone(),
        left,
        right,
        x_labels: true,
        series: Vec::new(),
        band: None,
        verticals: Vec::new(),
        dots: Vec::new(),
        se_bar: None,
    };
    for (k, cv) in views.iter().enumerate() {
        // The threshold, Wald parabola and SE bar once per panel: on the NLL in the overlay.
        let extras = k + 1 == views.len();
        let on_right = panel == Panel::Both && k == 1;
        let yr = (cv.y_lo, cv.y_hi);
        let line = cv.panel.line(t);
        for (i, overlay) in figure.overlays.iter().enumerate() {
            let v = View::new(
                cv.panel,
                figure.options.y,
                overlay.inference.ll_max,
                overlay.n,
            );
            let pts: Vec<(f64, f64)> = figure
                .sweep
                .x
                .iter()
                .zip(&overlay.sweep.ll)
                .map(|(&x, &ll)| (x, v.y(ll)))
                .collect();
            let color = overlay_color(t, i, figure.overlays.len());
            scene.series.push(Series {
                role: Role::Overlay(overlay.n),
                runs: cut(&pts, xr, yr),
                line: Line { color, ..line },
                right: on_right,
                visible: true,
            });
            let (at, top) = (overlay.inference.mle, v.y(overlay.inference.ll_max));
            if notes.mle && in_range(at, xr) && in_range(top, yr) {
                scene.dots.push((at, top, color, on_right));
            }
        }
        let pts: Vec<(f64, f64)> = figure
            .sweep
            .x
            .iter()
            .zip(&figure.sweep.ll)
            .map(|(&x, &ll)| (x, cv.view.y(ll)))
            .collect();
        let curve = scene.series.len();
        scene.series.push(Series {
            role: Role::Curve,
            runs: cut(&pts, xr, yr),
            line,
            right: on_right,
            visible: figure.overlays.is_empty(),
        });
        scene
            .series
            .extend(super::prior::scene_series(figure, cv, xr, yr, on_right));
        if extras && notes.interval {
            let y = cv.view.y(inf.ll_max - inf.threshold);
            if in_range(y, yr) {
                let threshold = scene.series.len();
                scene.series.push(Series {
                    role: Role::Threshold,
                    runs: vec![vec![(grid.lo, y), (grid.hi, y)]],
                    line: t.threshold,
                    right: on_right,
                    visible: true,
                });
                let (lo, hi) = (inf.lr.0.value.max(grid.lo), inf.lr.1.value.min(grid.hi));
                if lo < hi {
                    scene.band = Some(Band {
                        curve,
                        threshold,
                        lo,
                        hi,
                        color: t.band,
                        opacity: (t.band_opacity * 2.2).min(1.0),
                    });
                }
            }
        }
        if extras && notes.wald {
            if let Ok(j) = inf.information {
                let pts: Vec<(f64, f64)> = figure
                    .sweep
                    .x
                    .iter()
                    .map(|&x| (x, cv.view.y(inf.ll_max - 0.5 * j * (x - inf.mle).powi(2))))
                    .collect();
                scene.series.push(Series {
                    role: Role::Wald,
                    runs: cut(&pts, xr, yr),
                    line: t.wald,
                    right: on_right,
                    visible: true,
                });
            }
        }
        let y_max = cv.view.y(inf.ll_max);
        if extras && notes.se && in_range(y_max, yr) {
            if let Some(se) = inf.se() {
                let (a, b) = (inf.mle - se, inf.mle + se);
                let bar = Line {
                    dash: None,
                    ..t.mle
                };
                scene.se_bar = Some((a.max(grid.lo), b.min(grid.hi), y_max, bar, on_right));
            }
        }
        if notes.mle && figure.overlays.is_empty() && in_range(inf.mle, xr) && y_max.is_finite() {
            scene
                .dots
                .push((inf.mle, y_max.clamp(yr.0, yr.1), line.color, on_right));
        }
    }
    let texts = words::mark_texts(figure);
    let truth = figure.x_true.filter(|&x| notes.truth && in_range(x, xr));
    let mle = (notes.mle && in_range(inf.mle, xr)).then_some(inf.mle);
    let both = truth.is_some() && mle.is_some() && texts.equal;
    if let Some(x) = mle {
        let label = if both {
            texts.both.clone()
        } else {
            texts.mle.clone()
        };
        scene.verticals.push(Vertical {
            x,
            line: t.mle,
            label,
        });
    }
    if let Some(x) = truth {
        let label = if both {
            String::new()
        } else {
            texts.truth.clone()
        };
        scene.verticals.push(Vertical {
            x,
            line: t.truth,
            label,
        });
    }
    scene.verticals.extend(super::prior::scene_vertical(figure));
    scene
}

fn in_range(v: f64, (lo, hi): (f64, f64)) -> bool {
    (lo..=hi).contains(&v)
}

/// ΔNLL per colour band of the heat map, and the number of bands before the last, open one.
pub const HEAT_BAND: f64 = 0.5;
pub const HEAT_BANDS: usize = 24;

/// The heat map's colour of band `k` of `HEAT_BANDS + 1` (0 = the estimate's neighbourhood):
/// viridis-like, or gray levels in the print theme, as the drawn surface figure.
pub fn heat_color(theme: &Theme, k: usize) -> RGBColor {
    let t = k as f64 / HEAT_BANDS as f64;
    if theme.name == ThemeName::Print {
        let v = (250.0 - 170.0 * t).round() as u8;
        return RGBColor(v, v, v);
    }
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [253.0, 231.0, 37.0]),
        (0.25, [94.0, 201.0, 98.0]),
        (0.5, [33.0, 145.0, 140.0]),
        (0.75, [59.0, 82.0, 139.0]),
        (1.0, [68.0, 1.0, 84.0]),
    ];
    let i = STOPS.iter().rposition(|(s, _)| *s <= t).unwrap_or(0).min(3);
    let (t0, c0) = STOPS[i];
    let (t1, c1) = STOPS[i + 1];
    let f = ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
    let c = |k: usize| (c0[k] + f * (c1[k] - c0[k])).round() as u8;
    RGBColor(c(0), c(1), c(2))
}

/// A two-parameter figure, ready to be typeset.
#[derive(Debug, Clone)]
pub struct SurfaceScene {
    pub layout: Layout,
    pub theme: Theme,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub map: MapScene,
    pub profiles: [ProfileScene; 2],
}

/// The ΔNLL heat map with its joint regions.
#[derive(Debug, Clone)]
pub struct MapScene {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    /// ΔNLL of each cell of the (a, b) grid, `d[i * b.len() + j]`, capped at the last band's
    /// start (a non-finite LL is in the last band).
    pub d: Vec<f64>,
    /// The ΔNLL where the open last band starts.
    pub cap: f64,
    /// Each joint region's ΔNLL level, its name, its line, and its contour's segments.
    pub contours: Vec<Contour>,
    pub mle: (f64, f64),
    pub truth: Option<(f64, f64)>,
}

/// One joint likelihood-ratio region's boundary.
#[derive(Debug, Clone)]
pub struct Contour {
    pub level: f64,
    pub name: String,
    pub line: Line,
    pub segments: Vec<[(f64, f64); 2]>,
}

/// One profile likelihood, as ΔNLL.
#[derive(Debug, Clone)]
pub struct ProfileScene {
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub curve: Vec<Vec<(f64, f64)>>,
    pub threshold: f64,
    /// The profile interval, where the threshold meets the curve.
    pub interval: Option<(f64, f64)>,
    pub mle: Option<f64>,
    pub truth: Option<f64>,
}

/// How far up a profile's axis reaches, in thresholds.
const PROFILE_CAP: f64 = 8.0;

impl SurfaceScene {
    /// The scene of a two-parameter figure.
    pub fn of(figure: &SurfaceFigure) -> SurfaceScene {
        let t = &figure.options.theme;
        let s = figure.surface;
        let [pa, pb] = &figure.params;
        let cap = HEAT_BAND * HEAT_BANDS as f64;
        let d =
            s.ll.iter()
                .map(|&ll| {
                    let d = s.ll_max - ll;
                    if d.is_finite() {
                        d.clamp(0.0, cap)
                    } else {
                        cap
                    }
                })
                .collect();
        let contours = figure
            .contours
            .iter()
            .enumerate()
            .map(|(k, (level, confidence))| Contour {
                level: *level,
                name: format!(
                    "joint {} region",
                    super::surface::region_percent(*confidence)
                ),
                line: if k == 0 {
                    Line {
                        dash: None,
                        ..t.threshold
                    }
                } else {
                    t.threshold
                },
                segments: contour(s, *level)
                    .into_iter()
                    .filter(|seg| seg.iter().all(|p| p.0.is_finite() && p.1.is_finite()))
                    .collect(),
            })
            .collect();
        let map = MapScene {
            title: format!(
                "ΔNLL({}, {}) with joint likelihood-ratio regions",
                pa.symbol, pb.symbol
            ),
            x_title: pa.symbol.clone(),
            y_title: pb.symbol.clone(),
            a: s.a.clone(),
            b: s.b.clone(),
            d,
            cap,
            contours,
            mle: (s.mle[0], s.mle[1]),
            truth: figure.truth.map(|[a, b]| (a, b)),
        };
        let profiles = [0, 1].map(|k| profile_scene(figure, k));
        SurfaceScene {
            layout: figure.options.layout,
            theme: t.clone(),
            title: (t.default_title || figure.options.title.is_some())
                .then(|| figure.title.clone()),
            subtitle: t.notes.then(|| figure.subtitle.clone()),
            map,
            profiles,
        }
    }
}

fn profile_scene(figure: &SurfaceFigure, k: usize) -> ProfileScene {
    let profile = figure.profiles[k];
    let me = &figure.params[k];
    let other = &figure.params[1 - k];
    let ll_max = profile.inference.ll_max;
    let threshold = figure.threshold;
    let d: Vec<(f64, f64)> = profile
        .sweep
        .x
        .iter()
        .zip(&profile.sweep.ll)
        .map(|(&x, &ll)| (x, ll_max - ll))
        .collect();
    let highest = d
        .iter()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(threshold, f64::max);
    let top = highest.min(PROFILE_CAP * threshold) * 1.1;
    let x = &profile.sweep.x;
    let (lo, hi) = (x[0], *x.last().unwrap_or(&x[0]));
    let y_range = (-0.04 * top, top);
    let inf = &profile.inference;
    let (a, b) = (inf.lr.0.value.max(lo), inf.lr.1.value.min(hi));
    ProfileScene {
        title: format!(
            "Profile of {}: {} maximised at each {}",
            me.symbol, other.symbol, me.symbol
        ),
        x_title: me.symbol.clone(),
        y_title: format!("ΔNLL({})", me.symbol),
        x_range: (lo, hi),
        y_range,
        curve: cut(&d, (lo, hi), y_range),
        threshold,
        interval: (a < b).then_some((a, b)),
        mle: Some(inf.mle).filter(|&m| in_range(m, (lo, hi))),
        truth: figure
            .truth
            .map(|t| t[k])
            .filter(|&v| in_range(v, (lo, hi))),
    }
}
