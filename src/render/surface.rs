//! The two-parameter figure: the ΔNLL surface as a banded heat map with the joint
//! likelihood-ratio contours, the estimate and the truth, beside the profile likelihood of each
//! parameter; and the single profile curve of `--profile`.
//!
//! The heat map is drawn as rectangles merged along runs of equal colour band, which keeps the
//! SVG small (a few thousand elements for a 161 × 161 grid) and exact at any zoom.

use super::fine_axis::FineAxis;
use super::{number, px, svg::svg_drawn_by, text_style, Ticks};
use crate::error::Result;
use crate::surface::{Pair, Profile, Surface};
use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Rectangle, Text};
use plotters::prelude::*;
use plotters::series::{DashedLineSeries, LineSeries};
use plotters::style::text_anchor::{HPos, Pos, VPos};

const CURVE: RGBColor = RGBColor(0xc0, 0x39, 0x2b);
const BAND: RGBColor = RGBColor(0xe8, 0xa3, 0x17);
const MARK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const TRUE_COLOR: RGBColor = RGBColor(0x1e, 0x84, 0x49);
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);

/// ΔNLL per colour band, and the number of bands before the last, open one.
const BAND_WIDTH: f64 = 0.5;
const BANDS: usize = 24;

/// Everything the surface figure shows.
pub struct SurfaceFigure<'a> {
    pub model: &'a dyn Pair,
    pub surface: &'a Surface,
    pub profiles: [&'a Profile; 2],
    pub truth: Option<[f64; 2]>,
    /// (ΔNLL level, label) of each joint contour.
    pub contours: Vec<(f64, String)>,
    /// The profile intervals' ΔNLL threshold, ½χ²₁(L).
    pub threshold: f64,
    pub title: String,
    pub subtitle: String,
    pub width: u32,
    pub height: u32,
}

/// One profile curve as a figure of its own.
pub struct ProfileFigure<'a> {
    pub model: &'a dyn Pair,
    pub profile: &'a Profile,
    pub mle: [f64; 2],
    pub ll_max: f64,
    pub threshold: f64,
    pub title: String,
    pub subtitle: String,
    pub width: u32,
    pub height: u32,
}

pub fn surface_svg(figure: &SurfaceFigure) -> Result<String> {
    svg_drawn_by(figure.width, figure.height, |root| {
        draw_surface(root, figure)
    })
}

pub fn surface_png(figure: &SurfaceFigure) -> Result<Vec<u8>> {
    super::png::rasterise(&surface_svg(figure)?, figure.width, figure.height)
}

pub fn profile_svg(figure: &ProfileFigure) -> Result<String> {
    svg_drawn_by(figure.width, figure.height, |root| {
        header(root, &figure.title, &figure.subtitle)?;
        let body = root.margin(px(66.0), px(10.0), px(10.0), px(18.0));
        draw_profile(
            &body,
            figure.model,
            figure.profile,
            figure.mle,
            figure.ll_max,
            figure.threshold,
        )
    })
}

pub fn profile_png(figure: &ProfileFigure) -> Result<Vec<u8>> {
    super::png::rasterise(&profile_svg(figure)?, figure.width, figure.height)
}

fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, px(12.0)),
        text_style(20.0, TEXT).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        subtitle.to_string(),
        (w as i32 / 2, px(40.0)),
        text_style(14.0, MUTED).pos(Pos::new(HPos::Center, VPos::Top)),
    ))
}

/// A viridis-like colour for band `k` of `BANDS + 1` (0 = the estimate's neighbourhood).
fn band_color(k: usize) -> RGBColor {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [253.0, 231.0, 37.0]),
        (0.25, [94.0, 201.0, 98.0]),
        (0.5, [33.0, 145.0, 140.0]),
        (0.75, [59.0, 82.0, 139.0]),
        (1.0, [68.0, 1.0, 84.0]),
    ];
    let t = k as f64 / BANDS as f64;
    let i = STOPS.iter().rposition(|(s, _)| *s <= t).unwrap_or(0).min(3);
    let (t0, c0) = STOPS[i];
    let (t1, c1) = STOPS[i + 1];
    let f = ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
    let mix = |j: usize| (c0[j] + f * (c1[j] - c0[j])).round() as u8;
    RGBColor(mix(0), mix(1), mix(2))
}

fn draw_surface<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &SurfaceFigure,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    header(root, &figure.title, &figure.subtitle)?;
    let body = root.margin(px(66.0), px(30.0), px(10.0), px(18.0));
    let (w, _) = body.dim_in_pixel();
    let (left, right) = body.split_horizontally((w as f64 * 0.56) as u32);
    let s = figure.surface;
    let [(_, pa), (_, pb)] = figure.model.names();
    let (a_lo, a_hi) = (s.a[0], *s.a.last().unwrap_or(&s.a[0]));
    let (b_lo, b_hi) = (s.b[0], *s.b.last().unwrap_or(&s.b[0]));

    let (a_ticks, b_ticks) = (Ticks::for_range(a_lo, a_hi), Ticks::for_range(b_lo, b_hi));
    let mut chart = ChartBuilder::on(&left)
        .caption(
            format!(
                "ΔNLL({}, {}) with joint likelihood-ratio regions",
                pa.symbol, pb.symbol
            ),
            text_style(16.0, TEXT),
        )
        .margin(px(8.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(42.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(FineAxis::new(a_lo, a_hi), FineAxis::new(b_lo, b_hi))?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(a_ticks.describe(pa.symbol))
        .y_desc(b_ticks.describe(pb.symbol))
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| a_ticks.label(*v))
        .y_label_formatter(&|v| b_ticks.label(*v))
        .label_style(text_style(13.0, TEXT))
        .axis_desc_style(text_style(15.0, TEXT))
        .axis_style(MUTED.stroke_width(px(1.2) as u32))
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
                band_color(k).filled(),
            ));
            j = end;
        }
    }
    chart.draw_series(cells)?;

    for (index, (level, _)) in figure.contours.iter().enumerate() {
        let style = WHITE.stroke_width(px(if index == 0 { 2.2 } else { 1.6 }) as u32);
        let segments = crate::surface::contour(s, *level);
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
                px(5.0),
                TRUE_COLOR.stroke_width(px(2.0) as u32),
            )])?;
        }
    }
    chart.draw_series([Circle::new((s.mle[0], s.mle[1]), px(4.5), MARK.filled())])?;

    // Legend under the map.
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
    let (rw, rh) = root.dim_in_pixel();
    root.draw(&Text::new(
        legend.join("    "),
        (rw as i32 / 2, rh as i32 - px(10.0)),
        text_style(13.0, TEXT).pos(Pos::new(HPos::Center, VPos::Bottom)),
    ))?;

    let (top, bottom) = right.split_vertically(right.dim_in_pixel().1 / 2);
    for (area, profile) in [(&top, figure.profiles[0]), (&bottom, figure.profiles[1])] {
        draw_profile(
            area,
            figure.model,
            profile,
            s.mle,
            s.ll_max,
            figure.threshold,
        )?;
    }
    Ok(())
}

fn draw_profile<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    model: &dyn Pair,
    profile: &Profile,
    mle: [f64; 2],
    ll_max: f64,
    threshold: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let names = model.names();
    let (_, me) = names[profile.which];
    let (_, other) = names[1 - profile.which];
    let d: Vec<(f64, f64)> = profile
        .x
        .iter()
        .zip(&profile.ll)
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
    let (lo, hi) = (profile.x[0], *profile.x.last().unwrap_or(&profile.x[0]));
    let (x_ticks, y_ticks) = (Ticks::for_range(lo, hi), Ticks::for_range(-0.04 * top, top));
    let mut chart = ChartBuilder::on(area)
        .caption(
            format!(
                "Profile of {}: {} maximised at each {}",
                me.symbol, other.symbol, me.symbol
            ),
            text_style(14.0, TEXT),
        )
        .margin(px(6.0))
        .margin_right(px(20.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(FineAxis::new(lo, hi), FineAxis::new(-0.04 * top, top))?;
    chart
        .configure_mesh()
        .x_desc(x_ticks.describe(me.symbol))
        .y_desc(y_ticks.describe(&format!("ΔNLL profile({})", me.symbol)))
        .x_labels(5)
        .y_labels(5)
        .x_label_formatter(&|v| x_ticks.label(*v))
        .y_label_formatter(&|v| y_ticks.label(*v))
        .label_style(text_style(12.0, TEXT))
        .axis_desc_style(text_style(13.0, TEXT))
        .bold_line_style(GRID.stroke_width(px(1.0) as u32))
        .light_line_style(WHITE.mix(0.0))
        .axis_style(MUTED.stroke_width(px(1.2) as u32))
        .draw()?;
    let (a, b) = (profile.interval.0.max(lo), profile.interval.1.min(hi));
    if a < b {
        chart.draw_series([Rectangle::new(
            [(a, -0.04 * top), (b, top)],
            BAND.mix(0.16).filled(),
        )])?;
    }
    chart.draw_series(DashedLineSeries::new(
        [(lo, threshold), (hi, threshold)],
        px(6.0),
        px(4.0),
        BAND.stroke_width(px(1.6) as u32),
    ))?;
    for run in runs_below(&d, top) {
        chart.draw_series(LineSeries::new(run, CURVE.stroke_width(px(2.2) as u32)))?;
    }
    let m = mle[profile.which];
    chart.draw_series(DashedLineSeries::new(
        [(m, -0.04 * top), (m, top)],
        px(8.0),
        px(5.0),
        MARK.stroke_width(px(1.4) as u32),
    ))?;
    chart.draw_series([plotters::element::EmptyElement::at((lo, top))
        + Text::new(
            format!(
                "{} = {}; interval [{}, {}]",
                me.hat,
                number(m),
                number(profile.interval.0),
                number(profile.interval.1)
            ),
            (px(6.0), px(4.0)),
            text_style(12.0, TEXT).pos(Pos::new(HPos::Left, VPos::Top)),
        )])?;
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
