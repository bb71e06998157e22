//! One curve on its chart, with what belongs to it: the overlaid sample sizes' curves, the
//! curve itself broken where it is infinite, a dotted stub labelled ±∞ where it leaves for a
//! support boundary, the point at θ̂, the threshold line, the Wald parabola and the ±SE bar.
//!
//! Kept apart from the panel layout: much of it is about drawing values that are not finite
//! honestly (breaks, stubs, clipping) rather than about where things go.

use super::marks::{beside, label_gap, mark_label};
use super::*;

/// One curve and the marks that belong to it. `to_chart` maps the curve's own y to the
/// chart's; `extras` adds the threshold line, the Wald parabola and the ±SE bar (drawn once
/// per figure in the overlay, on the NLL).
pub(super) fn draw_curve<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    figure: &Figure,
    cv: &CurveView,
    to_chart: &dyn Fn(f64) -> f64,
    extras: bool,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let grid = figure.sweep.grid;
    let line = cv.panel.line(t);
    let (y_lo, y_hi) = (cv.y_lo, cv.y_hi);
    let near_right = |x: f64| x > grid.lo + 0.72 * (grid.hi - grid.lo);

    if extras && notes.interval {
        let y = cv.view.y(inf.ll_max - inf.threshold);
        if (y_lo..=y_hi).contains(&y) {
            let y = to_chart(y);
            draw_line(chart, vec![(grid.lo, y), (grid.hi, y)], t.threshold)?;
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
            .map(|(&x, &ll)| (x, v.y(ll)))
            .collect();
        for run in pts.split(|(_, y)| !(y_lo..=y_hi).contains(y)) {
            if run.len() > 1 {
                let run = run.iter().map(|&(x, y)| (x, to_chart(y))).collect();
                draw_line(chart, run, style)?;
            }
        }
        let at = overlay.inference.mle;
        let top = v.y(overlay.inference.ll_max);
        if notes.mle && (grid.lo..=grid.hi).contains(&at) && (y_lo..=y_hi).contains(&top) {
            chart.draw_series([Circle::new(
                (at, to_chart(top)),
                px(t.dot * 0.85),
                style.color.filled(),
            )])?;
        }
    }

    // The curve, broken wherever it is infinite (a support boundary) rather than drawn there,
    // and cut (not flattened onto the edge) beyond a fixed frame (animation frames). With
    // overlays, the overlaid curves are the curves.
    let points: Vec<(f64, f64)> = figure
        .sweep
        .x
        .iter()
        .zip(&figure.sweep.ll)
        .map(|(&x, &ll)| (x, cv.view.y(ll)))
        .collect();
    let main_curve = if figure.overlays.is_empty() {
        points.as_slice()
    } else {
        &[]
    };
    for run in main_curve.split(|(_, v)| !(y_lo..=y_hi).contains(v)) {
        if run.len() > 1 {
            let run = run.iter().map(|&(x, y)| (x, to_chart(y))).collect();
            draw_line(chart, run, line)?;
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
            (0.5 * (grid.lo + grid.hi), to_chart(0.5 * (y_lo + y_hi))),
            text_style(t.font.caption, line.color).pos(Pos::new(HPos::Center, VPos::Center)),
        )])?;
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
            draw_line(
                chart,
                vec![(from_theta, to_chart(from_v)), (theta, edge)],
                stub,
            )?;
            let text = if v > 0.0 { "+∞" } else { "−∞" };
            let style = text_style(t.font.label, line.color);
            let anchor = beside(near_right(theta), &style);
            chart.draw_series([mark_label!(
                (theta, edge),
                text.to_string(),
                style,
                anchor,
                v > 0.0,
            )])?;
        }
    }

    // The Wald (quadratic) approximation, clipped to the panel.
    if extras && notes.wald {
        if let Ok(j) = inf.information {
            let parabola: Vec<(f64, f64)> = figure
                .sweep
                .x
                .iter()
                .map(|&x| (x, cv.view.y(inf.ll_max - 0.5 * j * (x - inf.mle).powi(2))))
                .collect();
            for run in parabola.split(|(_, y)| !(y_lo..=y_hi).contains(y)) {
                if run.len() > 1 {
                    let run = run.iter().map(|&(x, y)| (x, to_chart(y))).collect();
                    draw_line(chart, run, t.wald)?;
                }
            }
        }
    }

    let y_max = cv.view.y(inf.ll_max);
    if extras && notes.se {
        if let Some(se) = inf.se() {
            let (a, b) = (inf.mle - se, inf.mle + se);
            let cap = (y_hi - y_lo) * 0.015;
            let bar = stroke(Line {
                dash: None,
                ..t.mle
            });
            let at = |y: f64| to_chart(y);
            chart.draw_series([
                PathElement::new(vec![(a, at(y_max)), (b, at(y_max))], bar),
                PathElement::new(vec![(a, at(y_max - cap)), (a, at(y_max + cap))], bar),
                PathElement::new(vec![(b, at(y_max - cap)), (b, at(y_max + cap))], bar),
            ])?;
        }
    }

    if notes.mle && figure.overlays.is_empty() && (grid.lo..=grid.hi).contains(&inf.mle) {
        let y = y_max.clamp(y_lo, y_hi);
        if y.is_finite() {
            chart.draw_series([Circle::new(
                (inf.mle, to_chart(y)),
                px(t.dot),
                line.color.filled(),
            )])?;
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
