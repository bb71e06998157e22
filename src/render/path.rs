//! An optimiser's path (`--optimize`) over a plot: numbered points joined by arrows, the point
//! where a step was cut at the boundary of the parameter space drawn as a ring, everything cut
//! at the frame (a diverging path leaves it, and the caption says where).
//!
//! The same drawing serves the curve panels (the point at (θ, NLL(θ)) or (θ, LL(θ))) and the
//! surface's map (the point at (a, b)); the caller maps the path to pixels. Step numbers are
//! labels like any other mark's ([`LabelSpace`]): they go where no line passes, and a number
//! whose point crowds the previous point or a numbered one (a converging path piles its last
//! points up) is left out rather than drawn over it.

use super::marks::{LabelSpace, LabelTarget};
use super::paint::{clip_polyline, DrawResult, Painter};
use crate::analysis::optimizer::{OptimizerPath, PathPoint, Stop};
use crate::digits::number;
use crate::theme::{Line, Theme};
use crate::typeset::layout::Rect;
use plotters::prelude::*;

/// The priority of the step numbers among the labels: after every other mark's.
const PRIORITY: u8 = 6;

/// How the path looks in a theme: ink-coloured, thinner than the curves.
pub(super) fn path_line(theme: &Theme) -> Line {
    Line {
        color: theme.text,
        width: (0.55 * theme.nll.width).max(0.6),
        dash: None,
    }
}

/// Draws the path through `points` (pixels; the last one `boundary` when a step was cut
/// there), cut at `clip`, and queues the step numbers in `space` when `numbers`. `label`
/// is the label type size, for spacing the numbers.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_path<DB: DrawingBackend>(
    p: &Painter<DB>,
    theme: &Theme,
    clip: &Rect,
    points: &[(f64, f64)],
    boundary: bool,
    space: &mut LabelSpace,
    numbers: bool,
    label: f64,
) -> DrawResult<(), DB> {
    let line = path_line(theme);
    // Over a heat map the ink runs on a rim of the background colour, to read on any band.
    let halo = space.is_boxed().then_some(Line {
        color: theme.background,
        width: 2.6 * line.width,
        dash: None,
    });
    let radius = 0.62 * theme.dot;
    let head = (3.2 * line.width).max(1.5 * radius);
    let inside = |(x, y): (f64, f64)| x >= clip.x0 && x <= clip.x1 && y >= clip.y0 && y <= clip.y1;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if !(len.is_finite() && len > 2.0 * radius + head) {
            continue;
        }
        let u = (dx / len, dy / len);
        let from = (a.0 + radius * u.0, a.1 + radius * u.1);
        let tip = (b.0 - radius * u.0, b.1 - radius * u.1);
        let base = (tip.0 - head * u.0, tip.1 - head * u.1);
        for run in clip_polyline(&[from, base], clip) {
            if let Some(halo) = halo {
                p.line(&run, halo)?;
            }
            p.line(&run, line)?;
            space.obstacle(&run);
        }
        if inside(tip) && inside(base) {
            let half = 0.45 * head;
            let (nx, ny) = (-u.1 * half, u.0 * half);
            let arrow = [tip, (base.0 + nx, base.1 + ny), (base.0 - nx, base.1 - ny)];
            if let Some(halo) = halo {
                p.line(&[arrow[0], arrow[1], arrow[2], arrow[0]], halo)?;
            }
            p.polygon(&arrow, line.color)?;
            space.obstacle(&[arrow[0], arrow[1], arrow[2], arrow[0]]);
        }
    }
    let last = points.len().saturating_sub(1);
    let mut numbered: Vec<(f64, f64)> = Vec::new();
    let mut drawn: Option<(f64, f64)> = None;
    for (k, &pt) in points.iter().enumerate() {
        if !inside(pt) {
            continue;
        }
        // A dot on the last one drawn adds nothing to see, only bytes (a million steps).
        let on_last = drawn.is_some_and(|q| (q.0 - pt.0).hypot(q.1 - pt.1) < 0.25 * radius);
        if on_last && !(boundary && k == last) {
            continue;
        }
        drawn = Some(pt);
        if let Some(halo) = halo {
            p.dot(pt, radius + 0.5 * halo.width - 0.5 * line.width, halo.color)?;
        }
        if boundary && k == last {
            let ring = Line {
                width: 1.5 * line.width,
                ..line
            };
            p.ring(pt, 1.5 * radius, ring)?;
            space.dot(pt, 1.5 * radius + ring.width);
        } else {
            p.dot(pt, radius, line.color)?;
            space.dot(pt, radius);
        }
        // Numbered only away from the previous point and every numbered one: numbers where
        // the path piles up would read as each other's. (Few points are ever numbered, so
        // this stays linear in a path of a million steps.)
        let near = |q: &(f64, f64)| (q.0 - pt.0).hypot(q.1 - pt.1) < 1.6 * label;
        let crowded =
            numbered.iter().any(near) || k.checked_sub(1).is_some_and(|j| near(&points[j]));
        if numbers && !crowded {
            numbered.push(pt);
            space.label(
                k.to_string(),
                line.color,
                LabelTarget::Point { x: pt.0, y: pt.1 },
                PRIORITY,
            );
        }
    }
    Ok(())
}

/// The caption's sentence on the path: method and rate, where it ended and why, and the first
/// step outside the axes when it left them. `symbols` name the swept parameters, `inside`
/// tells whether a point is on the axes.
pub(super) fn caption(
    path: &OptimizerPath,
    shown: &[PathPoint],
    symbols: &[&str],
    inside: &dyn Fn(&PathPoint) -> bool,
) -> String {
    let Some(last) = shown.last() else {
        return String::new();
    };
    let rate = match path.lr {
        Some(lr) => format!(" (lr = {})", number(lr)),
        None => String::new(),
    };
    let at = if symbols.len() == 1 {
        format!("{} = {}", symbols[0], number(last.theta[0]))
    } else {
        format!(
            "({}) = ({})",
            symbols.join(", "),
            last.theta
                .iter()
                .map(|&v| number(v))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let whole = shown.len() == path.points.len();
    let why = match path.stop {
        _ if !whole => "",
        Stop::Converged => ", converged",
        // The loss higher at the end than at the start: the rate is too large.
        Stop::Steps
            if matches!(
                (shown.first().and_then(|p| p.nll), last.nll),
                (Some(a), Some(b)) if b > a
            ) =>
        {
            ", diverging"
        }
        Stop::Steps => ", not converged",
        Stop::Boundary => ", stopped at the boundary",
        Stop::Diverged => ", diverged",
    };
    let left = shown
        .iter()
        .find(|p| !inside(p))
        .map(|p| format!(", off the axes from step {}", p.step))
        .unwrap_or_default();
    format!(
        "{}{rate}: step {} at {at}{why}{left}",
        path.method.words(),
        last.step
    )
}
