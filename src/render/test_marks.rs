//! The three tests of `--test θ₀` drawn on the curve, the way a lecture draws them:
//!
//! - θ₀ as a thin vertical line across every panel;
//! - the likelihood ratio as the vertical drop from NLL(θ̂) to NLL(θ₀) (a reference line at
//!   the minimum runs from θ̂ to θ₀), labelled with the statistic, which is TWICE the drop;
//! - the Wald statistic on the quadratic approximation NLL(θ̂) + ½J(θ̂)(θ − θ̂)², marked where
//!   it passes θ₀;
//! - the score statistic as the tangent to the curve at θ₀, whose slope is −U(θ₀).
//!
//! Every mark is written in LL units and shown through the panel's own view (LL or NLL,
//! absolute, relative or per observation), so one drawing serves every layout and `--y`.
//! The marks go on the panel that shows NLL (or on the LL panel when it is alone); their
//! labels join the panel's label placer, so they never collide with each other or a line.

use super::marks::{traced, LabelSpace, LabelTarget};
use super::paint::{DrawResult, Painter};
use super::{CurveView, Figure, Frame};
use crate::inference::hypothesis::{Statistic, Tests};
use crate::theme::{Line, Theme};
use plotters::prelude::*;

/// θ₀'s line: thin and solid, in the muted text colour.
fn theta0_line(t: &Theme) -> Line {
    Line {
        color: t.muted,
        width: t.mle.width,
        dash: None,
    }
}

/// The likelihood ratio's drop: solid, in the threshold's colour (it is measured against it).
fn drop_line(t: &Theme) -> Line {
    Line {
        color: t.threshold.color,
        width: 1.3 * t.nll.width,
        dash: None,
    }
}

/// The score's tangent: solid, in the colour of the truth line (θ₀ is a hypothesised truth).
fn tangent_line(t: &Theme) -> Line {
    Line {
        color: t.truth.color,
        width: t.truth.width.max(0.7 * t.nll.width),
        dash: None,
    }
}

/// The legend's entries for the tests: (line, long name, short name).
pub(super) fn legend_entries(figure: &Figure) -> Vec<(Line, String, String)> {
    if figure.tests.is_none() {
        return Vec::new();
    }
    let t = figure.theme();
    let sym = &figure.axis.symbol;
    let mut out = vec![
        (theta0_line(t), format!("{sym}₀ tested"), format!("{sym}₀")),
        (
            drop_line(t),
            "LR: drop NLL(θ₀) − NLL(θ̂)".to_string(),
            "LR drop".to_string(),
        ),
    ];
    if figure.inference.information.is_ok() && !figure.options.annotations.wald {
        out.push((
            t.wald,
            "Wald: quadratic at θ̂".to_string(),
            "Wald".to_string(),
        ));
    }
    out.push((
        tangent_line(t),
        "score: tangent at θ₀".to_string(),
        "score".to_string(),
    ));
    out
}

/// A statistic in three significant digits, the way a table prints it.
pub(super) fn stat_text(x: f64) -> String {
    if x >= 1000.0 {
        format!("{x:.0}")
    } else if x >= 100.0 {
        format!("{x:.1}")
    } else if x >= 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

/// A p-value: three decimals, or two significant digits in scientific form below 0.001.
pub(super) fn p_text(p: f64) -> String {
    if p >= 0.001 {
        format!("p = {p:.3}")
    } else if p > 0.0 {
        format!("p = {p:.1e}")
    } else {
        "p < 1e-300".to_string()
    }
}

/// Plots narrower than this (CSS px) get the compact labels: "LR 4.61", the p-values left to
/// the caption and the JSON, so that a one-column figure (8 cm) still shows every statistic.
const COMPACT_BELOW: f64 = 330.0;

/// The label of one test on the plot: full, or compact on a narrow one.
fn mark_text(
    frame: &Frame,
    name: &str,
    short: &str,
    stat: &Result<Statistic, String>,
    missing: &str,
) -> String {
    if frame.plot.w() >= COMPACT_BELOW {
        return test_text(name, stat, missing);
    }
    match stat {
        Ok(s) => format!("{short} {}", stat_text(s.statistic)),
        Err(_) => format!("{short} –"),
    }
}

/// "LR = 4.61, p = 0.032", or the reason the statistic does not exist.
pub(super) fn test_text(name: &str, stat: &Result<Statistic, String>, missing: &str) -> String {
    match stat {
        Ok(s) => format!("{name} = {}, {}", stat_text(s.statistic), p_text(s.p_value)),
        Err(_) => format!("{name}: {missing}"),
    }
}

/// The caption's parts for the tests (the labels may give way on a crowded panel; the
/// caption keeps every number).
pub(super) fn caption_parts(figure: &Figure, tests: &Tests) -> Vec<String> {
    vec![
        format!(
            "test of {} = {}",
            figure.axis.symbol,
            super::number(tests.theta0)
        ),
        test_text("LR = 2·ΔNLL", &tests.lr, "infinite"),
        test_text("Wald", &tests.wald, "undefined (no J(θ̂))"),
        test_text("score (observed J)", &tests.score, "undefined, J(θ₀) ≤ 0"),
    ]
}

/// θ₀'s vertical line, on every panel; its label only where the tests are drawn.
pub(super) fn draw_theta0<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    frame: &Frame,
    space: &mut LabelSpace,
    labelled: bool,
) -> DrawResult<(), DB> {
    let Some(tests) = figure.tests else {
        return Ok(());
    };
    let t = figure.theme();
    let line = theta0_line(t);
    let (y_lo, y_hi) = frame.y;
    let x0 = tests.theta0;
    let id = traced(p, frame, space, &[(x0, y_lo), (x0, y_hi)], line)?;
    if let (Some(id), true) = (id, labelled) {
        let mle = figure.inference.mle;
        space.label(
            format!("{}₀ = {}", figure.axis.symbol, super::number(x0)),
            t.muted,
            LabelTarget::VLine {
                x: frame.x_px(x0),
                line: id,
                prefer_left: x0 < mle,
            },
            1,
        );
    }
    Ok(())
}

/// The drop, the quadratic and the tangent, with their labels, on the curve `cv`.
pub(super) fn draw_tests<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    cv: &CurveView,
    frame: &Frame,
    to_chart: &dyn Fn(f64) -> f64,
    space: &mut LabelSpace,
) -> DrawResult<(), DB> {
    let Some(tests) = figure.tests else {
        return Ok(());
    };
    let t = figure.theme();
    let inf = figure.inference;
    let grid = figure.sweep.grid;
    let y = |ll: f64| to_chart(cv.view.y(ll));
    let (x0, xh) = (tests.theta0, inf.mle);
    let ll0 = inf.ll_max - tests.drop;

    // The likelihood ratio: the drop from the minimum to NLL(θ₀), at θ₀.
    let reference = Line {
        width: 0.8 * t.threshold.width,
        ..t.threshold
    };
    traced(
        p,
        frame,
        space,
        &[(xh, y(inf.ll_max)), (x0, y(inf.ll_max))],
        reference,
    )?;
    let drop = drop_line(t);
    if ll0.is_finite() {
        traced(p, frame, space, &[(x0, y(inf.ll_max)), (x0, y(ll0))], drop)?;
        let mid = frame.px((x0, y(0.5 * (inf.ll_max + ll0))));
        if mid.1.is_finite() {
            space.label(
                mark_text(frame, "LR = 2·ΔNLL", "LR", &tests.lr, "infinite"),
                t.threshold.color,
                LabelTarget::Point { x: mid.0, y: mid.1 },
                2,
            );
        }
    }

    // Wald: the quadratic approximation at θ̂, and the point where it passes θ₀.
    if let Ok(j) = inf.information {
        let q = |x: f64| inf.ll_max - 0.5 * j * (x - xh).powi(2);
        let parabola: Vec<(f64, f64)> = figure.sweep.x.iter().map(|&x| (x, y(q(x)))).collect();
        traced(p, frame, space, &parabola, t.wald)?;
        let at = frame.px((x0, y(q(x0))));
        if inside(frame, at) {
            p.dot(at, t.dot, t.wald.color)?;
            space.dot(at, t.dot);
            space.label(
                mark_text(frame, "Wald", "Wald", &tests.wald, "undefined"),
                t.wald.color,
                LabelTarget::Point { x: at.0, y: at.1 },
                3,
            );
        }
    }

    // Score: the tangent to LL at θ₀, over a third of the window on either side.
    let score_line = tangent_line(t);
    let at0 = frame.px((x0, y(ll0)));
    if ll0.is_finite() && tests.score_value.is_finite() {
        let half = (grid.hi - grid.lo) / 6.0;
        let (a, b) = (x0 - half, x0 + half);
        let tangent = |x: f64| ll0 + tests.score_value * (x - x0);
        traced(
            p,
            frame,
            space,
            &[(a, y(tangent(a))), (b, y(tangent(b)))],
            score_line,
        )?;
        p.dot(at0, t.dot, t.truth.color)?;
        space.dot(at0, t.dot);
    }
    if inside(frame, at0) {
        space.label(
            mark_text(
                frame,
                "score",
                "score",
                &tests.score,
                "undefined, J(θ₀) ≤ 0",
            ),
            t.truth.color,
            LabelTarget::Point { x: at0.0, y: at0.1 },
            4,
        );
    }
    Ok(())
}

/// Whether a point (px) lies in the plot area.
fn inside(frame: &Frame, (x, y): (f64, f64)) -> bool {
    let r = frame.plot;
    x.is_finite() && y.is_finite() && (r.x0..=r.x1).contains(&x) && (r.y0..=r.y1).contains(&y)
}
