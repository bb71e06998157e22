//! The two-parameter figure: the ΔNLL surface as a banded heat map with its joint
//! likelihood-ratio regions, beside (or above) the profile likelihood of each swept parameter.
//!
//! It is drawn with the same theme, size, units, PNG density and text handling as the curve
//! figure: every colour, width and font size comes from the [`Theme`]; the print theme maps
//! ΔNLL to gray levels and tells the two contours apart by dash pattern, and draws no title
//! unless one is given. `--layout side-by-side` puts the profiles to the right of the map,
//! `--layout stacked` below it.

use super::fine_axis::FineAxis;
use super::{number, px, text_style, Ticks};
use crate::analysis::surface::{contour, Surface};
use crate::analysis::CurveAnalysis;
use crate::config::FigureOptions;
use crate::theme::{Layout, Line, Theme, ThemeName};
use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::prelude::*;
use plotters::series::{DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// ΔNLL per colour band, and the number of bands before the last, open one.
const BAND_WIDTH: f64 = 0.5;
const BANDS: usize = 24;

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
    /// (ΔNLL level, label) of each joint contour.
    pub contours: Vec<(f64, String)>,
    /// The profile intervals' ΔNLL threshold, ½χ²₁(L).
    pub threshold: f64,
    pub title: String,
    pub subtitle: String,
    pub options: &'a FigureOptions,
}

impl SurfaceFigure<'_> {
    fn theme(&self) -> &Theme {
        &self.options.theme
    }

    fn title(&self) -> Option<&str> {
        (self.theme().default_title || self.options.title.is_some()).then_some(&self.title)
    }

    fn subtitle(&self) -> Option<&str> {
        self.theme().notes.then_some(&self.subtitle)
    }
}

/// A viridis-like colour for band `k` of `BANDS + 1` (0 = the estimate's neighbourhood), or a
/// gray level in the print theme (light near the estimate, darker outward).
fn band_color(theme: &Theme, k: usize) -> RGBColor {
    let t = k as f64 / BANDS as f64;
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
    let mix = |j: usize| (c0[j] + f * (c1[j] - c0[j])).round() as u8;
    RGBColor(mix(0), mix(1), mix(2))
}

/// The heights of the title and subtitle lines, in pixels (0 where not drawn).
fn header_height(figure: &SurfaceFigure) -> f64 {
    let f = &figure.theme().font;
    let pad = figure.theme().pad;
    let title = figure.title().map_or(0.0, |_| f.title * 1.35);
    let subtitle = figure.subtitle().map_or(0.0, |_| f.subtitle * 1.35);
    pad + title + subtitle
}

pub(super) fn draw_surface<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = figure.theme();
    root.fill(&theme.background)?;
    let (w, h) = root.dim_in_pixel();
    let mut y = theme.pad;
    if let Some(title) = figure.title() {
        root.draw(&Text::new(
            title.to_string(),
            (w as i32 / 2, px(y)),
            text_style(theme.font.title, theme.text).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        y += theme.font.title * 1.35;
    }
    if let Some(subtitle) = figure.subtitle() {
        root.draw(&Text::new(
            subtitle.to_string(),
            (w as i32 / 2, px(y)),
            text_style(theme.font.subtitle, theme.muted).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    let legend = theme.font.legend * 1.8;
    let body = root.margin(
        px(header_height(figure)),
        px(legend + theme.pad),
        px(theme.pad),
        px(theme.pad),
    );
    let (bw, bh) = body.dim_in_pixel();
    let (map, profiles) = if figure.options.layout == Layout::Stacked {
        body.split_vertically((bh as f64 * 0.58) as u32)
    } else {
        body.split_horizontally((bw as f64 * 0.56) as u32)
    };
    draw_map(&map, figure)?;
    draw_legend(root, figure, h)?;
    let (first, second) = if figure.options.layout == Layout::Stacked {
        let (pw, _) = profiles.dim_in_pixel();
        profiles.split_horizontally(pw / 2)
    } else {
        let (_, ph) = profiles.dim_in_pixel();
        profiles.split_vertically(ph / 2)
    };
    for (k, area) in [(0, &first), (1, &second)] {
        draw_profile(area, figure, k)?;
    }
    Ok(())
}

fn stroke(line: Line) -> ShapeStyle {
    line.color.stroke_width(px(line.width).max(1) as u32)
}

fn draw_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = figure.theme();
    let f = &theme.font;
    let s = figure.surface;
    let [pa, pb] = &figure.params;
    let (a_lo, a_hi) = (s.a[0], *s.a.last().unwrap_or(&s.a[0]));
    let (b_lo, b_hi) = (s.b[0], *s.b.last().unwrap_or(&s.b[0]));
    let (a_ticks, b_ticks) = (Ticks::for_range(a_lo, a_hi), Ticks::for_range(b_lo, b_hi));
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!(
                "ΔNLL({}, {}) with joint likelihood-ratio regions",
                pa.symbol, pb.symbol
            ),
            text_style(f.caption, theme.text),
        )
        .margin(px(theme.pad * 0.7))
        .margin_right(px(theme.pad * 1.3))
        .x_label_area_size(px(f.tick * 1.6 + f.axis * 1.6))
        .y_label_area_size(px(f.tick * 3.6 + f.axis * 1.6))
        .build_cartesian_2d(FineAxis::new(a_lo, a_hi), FineAxis::new(b_lo, b_hi))?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(a_ticks.describe(&pa.symbol))
        .y_desc(b_ticks.describe(&pb.symbol))
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| a_ticks.label(*v))
        .y_label_formatter(&|v| b_ticks.label(*v))
        .label_style(text_style(f.tick, theme.text))
        .axis_desc_style(text_style(f.axis, theme.text))
        .axis_style(theme.muted.stroke_width(px(theme.axis_width).max(1) as u32))
        .draw()?;

    // Banded heat map, one rectangle per run of equal band along b.
    let band = |i: usize, j: usize| {
        let corners = [
            s.at(i, j),
            s.at(i + 1, j),
            s.at(i, j + 1),
            s.at(i + 1, j + 1),
        ];
        let ll = corners.iter().sum::<f64>() / 4.0;
        let d = s.ll_max - ll;
        if d.is_finite() {
            ((d / BAND_WIDTH) as usize).min(BANDS)
        } else {
            BANDS
        }
    };
    let mut cells = Vec::new();
    for i in 0..s.a.len().saturating_sub(1) {
        let mut j = 0;
        while j + 1 < s.b.len() {
            let k = band(i, j);
            let mut end = j + 1;
            while end + 1 < s.b.len() && band(i, end) == k {
                end += 1;
            }
            // Each cell reaches half a cell into its right and upper neighbours, which are
            // drawn over it: no anti-aliasing seam shows between cells.
            let a_end = s.a[(i + 2).min(s.a.len() - 1)];
            let b_end = s.b[(end + 1).min(s.b.len() - 1)];
            cells.push(Rectangle::new(
                [
                    (s.a[i], s.b[j]),
                    (0.5 * (s.a[i + 1] + a_end), 0.5 * (s.b[end] + b_end)),
                ],
                band_color(theme, k).filled(),
            ));
            j = end;
        }
    }
    chart.draw_series(cells)?;

    let contour_color = if theme.name == ThemeName::Print {
        theme.text
    } else {
        WHITE
    };
    for (index, (level, _)) in figure.contours.iter().enumerate() {
        let width = theme.ll.width * if index == 0 { 0.9 } else { 0.7 };
        let style = contour_color.stroke_width(px(width).max(1) as u32);
        let segments = contour(s, *level);
        if index == 0 {
            chart.draw_series(
                segments
                    .into_iter()
                    .map(|[p, q]| PathElement::new(vec![p, q], style)),
            )?;
        } else {
            // Dashed: every other short segment of the level set is left out.
            chart.draw_series(
                segments
                    .into_iter()
                    .enumerate()
                    .filter(|(k, _)| k % 3 != 2)
                    .map(|(_, [p, q])| PathElement::new(vec![p, q], style)),
            )?;
        }
    }
    if let Some([ta, tb]) = figure.truth {
        if (a_lo..=a_hi).contains(&ta) && (b_lo..=b_hi).contains(&tb) {
            chart.draw_series([Circle::new(
                (ta, tb),
                px(theme.dot * 1.25),
                stroke(theme.truth),
            )])?;
        }
    }
    chart.draw_series([Circle::new(
        (s.mle[0], s.mle[1]),
        px(theme.dot * 1.1),
        theme.mle.color.filled(),
    )])?;
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
    height: u32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = figure.theme();
    let s = figure.surface;
    let [pa, pb] = &figure.params;
    let legend: Vec<String> = std::iter::once(format!(
        "● MLE ({}, {}) = ({}, {})",
        pa.hat,
        pb.hat,
        number(s.mle[0]),
        number(s.mle[1])
    ))
    .chain(figure.truth.map(|_| "○ true value".to_string()))
    .chain(
        figure
            .contours
            .iter()
            .enumerate()
            .map(|(i, (_, label))| format!("{} {label}", if i == 0 { "━" } else { "╍" })),
    )
    .collect();
    let (rw, _) = root.dim_in_pixel();
    root.draw(&Text::new(
        legend.join("    "),
        (rw as i32 / 2, height as i32 - px(theme.pad)),
        text_style(theme.font.legend, theme.text).pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))
}

fn draw_profile<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
    k: usize,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = figure.theme();
    let f = &theme.font;
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
    // The y axis stops at PROFILE_CAP thresholds: near σ → 0 (or k → 0) a profile climbs to
    // ΔNLL in the thousands, which would flatten the part around the interval to a line.
    let highest = d
        .iter()
        .map(|p| p.1)
        .filter(|v| v.is_finite())
        .fold(threshold, f64::max);
    let top = highest.min(PROFILE_CAP * threshold) * 1.1;
    let x = &profile.sweep.x;
    let (lo, hi) = (x[0], *x.last().unwrap_or(&x[0]));
    let (x_ticks, y_ticks) = (Ticks::for_range(lo, hi), Ticks::for_range(-0.04 * top, top));
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!(
                "Profile of {}: {} maximised at each {}",
                me.symbol, other.symbol, me.symbol
            ),
            text_style(f.caption * 0.9, theme.text),
        )
        .margin(px(theme.pad * 0.5))
        .margin_right(px(theme.pad * 1.6))
        .x_label_area_size(px(f.tick * 1.5 + f.axis * 1.4))
        .y_label_area_size(px(f.tick * 3.0 + f.axis * 1.5))
        .build_cartesian_2d(FineAxis::new(lo, hi), FineAxis::new(-0.04 * top, top))?;
    chart
        .configure_mesh()
        .x_desc(x_ticks.describe(&me.symbol))
        .y_desc(y_ticks.describe("ΔNLL (profile)"))
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| x_ticks.label(*v))
        .y_label_formatter(&|v| y_ticks.label(*v))
        .label_style(text_style(f.tick, theme.text))
        .axis_desc_style(text_style(f.axis, theme.text))
        .bold_line_style(stroke(theme.grid))
        .light_line_style(theme.background.mix(0.0))
        .axis_style(theme.muted.stroke_width(px(theme.axis_width).max(1) as u32))
        .draw()?;
    let (i0, i1) = (profile.inference.lr.0.value, profile.inference.lr.1.value);
    let (a, b) = (i0.max(lo), i1.min(hi));
    if a < b {
        chart.draw_series([Rectangle::new(
            [(a, -0.04 * top), (b, top)],
            theme.band.mix(theme.band_opacity).filled(),
        )])?;
    }
    dashed(
        &mut chart,
        [(lo, threshold), (hi, threshold)],
        theme.threshold,
    )?;
    for run in runs_below(&d, top) {
        let curve = stroke(theme.nll);
        match theme.nll.dash {
            None => {
                chart.draw_series(LineSeries::new(run, curve))?;
            }
            Some(_) => dashed(&mut chart, run, theme.nll)?,
        }
    }
    let m = profile.inference.mle;
    dashed(&mut chart, [(m, -0.04 * top), (m, top)], theme.mle)?;
    if let Some(t) = profile.x_true {
        if (lo..=hi).contains(&t) {
            dashed(&mut chart, [(t, -0.04 * top), (t, top)], theme.truth)?;
        }
    }
    chart.draw_series([plotters::element::EmptyElement::at((lo, top))
        + Text::new(
            format!(
                "{} = {}; interval [{}, {}]",
                me.hat,
                number(m),
                number(i0),
                number(i1)
            ),
            (px(theme.pad * 0.5), px(theme.pad * 0.35)),
            text_style(f.label, theme.text).pos(Pos::new(HPos::Left, VPos::Top)),
        )])?;
    Ok(())
}

/// A line in the theme's dash pattern (solid where it has none).
fn dashed<DB: DrawingBackend, I: IntoIterator<Item = (f64, f64)>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<FineAxis, FineAxis>>,
    points: I,
    line: Line,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    I::IntoIter: Clone,
{
    match line.dash {
        Some((on, off)) => {
            chart.draw_series(DashedLineSeries::new(points, px(on), px(off), stroke(line)))?;
        }
        None => {
            chart.draw_series(LineSeries::new(points, stroke(line)))?;
        }
    }
    Ok(())
}

/// The profile's y axis ends at this many times the interval's threshold (or at the highest
/// value, if lower): 4 × 1.92 ≈ 7.7 at 95 %, well above the interval and its surroundings.
const PROFILE_CAP: f64 = 4.0;

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

#[cfg(test)]
mod tests {
    use super::runs_below;

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
}
