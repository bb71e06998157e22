//! One curve on its panel, with what belongs to it: the overlaid sample sizes' curves, the
//! curve itself broken where it is infinite, a dotted stub labelled ±∞ where it leaves for a
//! support boundary, the point at θ̂, the threshold line, the Wald parabola and the ±SE bar.
//!
//! Kept apart from the panel layout: much of it is about drawing values that are not finite
//! honestly (breaks, stubs, clipping) rather than about where things go. Every line drawn is
//! also recorded as an obstacle for the labels ([`LabelSpace`]).

use super::marks::{traced, LabelSpace, LabelTarget};
use super::paint::{clip_polyline, DrawResult, Painter};
use super::{CurveView, Figure, Frame, View};
use crate::theme::{Line, Theme};
use plotters::prelude::*;

/// One curve and the marks that belong to it. `to_chart` maps the curve's own y to the
/// frame's; `extras` adds the threshold line, the Wald parabola and the ±SE bar (drawn once
/// per figure in the overlay, on the NLL).
pub(super) fn draw_curve<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    cv: &CurveView,
    frame: &Frame,
    to_chart: &dyn Fn(f64) -> f64,
    extras: bool,
    space: &mut LabelSpace,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let grid = figure.sweep.grid;
    let line = cv.panel.line(t);
    let (y_lo, y_hi) = (cv.y_lo, cv.y_hi);

    if extras && notes.interval {
        let y = cv.view.y(inf.ll_max - inf.threshold);
        if (y_lo..=y_hi).contains(&y) {
            let y = to_chart(y);
            traced(p, frame, space, &[(grid.lo, y), (grid.hi, y)], t.threshold)?;
        }
    }

    // One curve per overlaid sample size, each in its own units, clipped to the frame.
    for (k, overlay) in figure.overlays.iter().enumerate() {
        let v = View::new(
            cv.panel,
            figure.options.y,
            overlay.inference.ll_max,
            overlay.n,
        );
        let style = Line {
            color: overlay_color(t, k, figure.overlays.len()),
            ..line
        };
        let pts: Vec<(f64, f64)> = figure
            .sweep
            .x
            .iter()
            .zip(&overlay.sweep.ll)
            .map(|(&x, &ll)| (x, to_chart(v.y(ll))))
            .collect();
        traced(p, frame, space, &pts, style)?;
        let at = overlay.inference.mle;
        let top = v.y(overlay.inference.ll_max);
        if notes.mle && (grid.lo..=grid.hi).contains(&at) && (y_lo..=y_hi).contains(&top) {
            let centre = frame.px((at, to_chart(top)));
            p.dot(centre, t.dot * 0.85, style.color)?;
            space.dot(centre, t.dot * 0.85);
        }
    }

    // The curve, broken wherever it is infinite (a support boundary) rather than drawn there,
    // and cut at the frame (animation frames fix it). With overlays, the overlaid curves are
    // the curves.
    let points: Vec<(f64, f64)> = figure
        .sweep
        .x
        .iter()
        .zip(&figure.sweep.ll)
        .map(|(&x, &ll)| (x, cv.view.y(ll)))
        .collect();
    if figure.overlays.is_empty() {
        let on_chart: Vec<(f64, f64)> = points.iter().map(|&(x, y)| (x, to_chart(y))).collect();
        traced(p, frame, space, &on_chart, line)?;
    }
    // With no finite point there is no curve and no end to mark: say so in the panel rather
    // than leave it empty (a spread past 1e154 makes a normal LL −∞ at every grid point).
    if let Some(&(_, v)) = points
        .first()
        .filter(|_| points.iter().all(|p| !p.1.is_finite()))
    {
        let everywhere = super::words::text(figure, "infinite", || {
            if points.iter().all(|p| p.1 == v) {
                format!("{} at every grid point", if v > 0.0 { "+∞" } else { "−∞" })
            } else {
                "±∞ at every grid point".to_string()
            }
        });
        let (cx, cy) = frame.plot.centre();
        space.label(
            everywhere,
            line.color,
            LabelTarget::Point { x: cx, y: cy },
            3,
        );
    }
    // Where the curve leaves for ±∞ (a support boundary), a dotted stub runs from the last
    // finite point to the frame, labelled with the infinity it heads for.
    let stub = Line {
        width: line.width * 0.65,
        dash: Some((line.width * 0.8, line.width * 1.2)),
        ..line
    };
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
            let edge = to_chart(if v > 0.0 { y_hi } else { y_lo });
            traced(
                p,
                frame,
                space,
                &[(from_theta, to_chart(from_v)), (theta, edge)],
                stub,
            )?;
            let text = if v > 0.0 { "+∞" } else { "−∞" };
            let (x, y) = frame.px((theta, edge));
            space.label(text.to_string(), line.color, LabelTarget::Point { x, y }, 2);
        }
    }

    // The Wald (quadratic) approximation, clipped to the panel.
    if extras && notes.wald {
        if let Ok(j) = inf.information {
            let parabola: Vec<(f64, f64)> = figure
                .sweep
                .x
                .iter()
                .map(|&x| {
                    (
                        x,
                        to_chart(cv.view.y(inf.ll_max - 0.5 * j * (x - inf.mle).powi(2))),
                    )
                })
                .collect();
            traced(p, frame, space, &parabola, t.wald)?;
        }
    }

    let y_max = cv.view.y(inf.ll_max);
    if extras && notes.se {
        if let Some(se) = inf.se() {
            let (a, b) = (inf.mle - se, inf.mle + se);
            let bar = Line {
                dash: None,
                ..t.mle
            };
            let (_, y) = frame.px((a, to_chart(y_max)));
            let cap = 0.35 * figure.theme().dot.max(3.0) + 2.0;
            let (xa, xb) = (frame.x_px(a), frame.x_px(b));
            if y.is_finite() && (frame.plot.y0..=frame.plot.y1).contains(&y) {
                for seg in [
                    [(xa, y), (xb, y)],
                    [(xa, y - cap), (xa, y + cap)],
                    [(xb, y - cap), (xb, y + cap)],
                ] {
                    for run in clip_polyline(&seg, &frame.plot) {
                        p.line(&run, bar)?;
                        space.obstacle(&run);
                    }
                }
            }
        }
    }

    if notes.mle && figure.overlays.is_empty() && (grid.lo..=grid.hi).contains(&inf.mle) {
        let y = to_chart(y_max.clamp(y_lo, y_hi));
        if y.is_finite() {
            let centre = frame.px((inf.mle, y));
            p.dot(centre, t.dot, line.color)?;
            space.dot(centre, t.dot);
        }
    }
    Ok(())
}

/// The colour of overlaid sample size `k` of `count`: light (small n) to dark (large n); in a
/// grayscale theme, grays.
pub(super) fn overlay_color(theme: &Theme, k: usize, count: usize) -> RGBColor {
    const WARM: [RGBColor; 8] = [
        RGBColor(0xf4, 0xa5, 0x82),
        RGBColor(0xe3, 0x7b, 0x5a),
        RGBColor(0xd6, 0x60, 0x4d),
        RGBColor(0xb4, 0x3c, 0x3c),
        RGBColor(0x8e, 0x2a, 0x4a),
        RGBColor(0x67, 0x1e, 0x50),
        RGBColor(0x45, 0x15, 0x4a),
        RGBColor(0x24, 0x0c, 0x3a),
    ];
    let i = k * (WARM.len() - 1) / (count.max(2) - 1);
    let RGBColor(r, g, b) = theme.nll.color;
    if r == g && g == b {
        let level = (200 - (i as u32 * 170 / 7)) as u8;
        RGBColor(level, level, level)
    } else {
        WARM[i]
    }
}
