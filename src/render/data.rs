//! The data panel of a regression model (`--annotate data`): the scatter of the rows (x, y)
//! with the model's curve E[y | x] through them — the sigmoid of a logistic model, the line of
//! a linear one.
//!
//! The curve is drawn at a parameter point given to [`draw_data`], not at θ̂ by itself: a
//! figure passes θ̂, and a figure of an optimiser's progress can pass its current point.
//! Only the rows the statistics kept are shown (every row of a logistic fit; the first
//! [`SCATTER_KEPT`](crate::family::pairs::SCATTER_KEPT) of a linear one).

use super::paint::{DrawResult, Painter};
use super::Frame;
use crate::model::Model;
use crate::theme::{Line, Theme};
use plotters::prelude::*;

/// Points of the fitted curve across the panel.
const CURVE_POINTS: usize = 200;
/// The share of each axis' span left free beyond the data.
const MARGIN: f64 = 0.05;

/// What the data panel shows: the rows, and the model whose curve goes through them.
#[derive(Debug, Clone, Copy)]
pub struct DataView<'a> {
    pub rows: &'a [(f64, f64)],
    pub model: &'a dyn Model,
}

/// (lo, hi) of `values` widened by [`MARGIN`] each side (by 1 when they are all equal).
fn padded(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi || lo.is_nan() {
        return (0.0, 1.0);
    }
    if hi == lo {
        return (lo - 1.0, hi + 1.0);
    }
    let pad = MARGIN * (hi - lo);
    (lo - pad, hi + pad)
}

impl DataView<'_> {
    /// The x range of the panel: the rows' x.
    pub fn x_range(&self) -> (f64, f64) {
        padded(self.rows.iter().map(|r| r.0))
    }

    /// The model's curve at `theta` over `x`, as (x, E[y | x]) points.
    pub fn curve(&self, theta: &[f64], (lo, hi): (f64, f64)) -> Vec<(f64, f64)> {
        (0..CURVE_POINTS)
            .filter_map(|i| {
                let x = lo + (hi - lo) * i as f64 / (CURVE_POINTS - 1) as f64;
                let y = self.model.fitted(theta, x)?;
                y.is_finite().then_some((x, y))
            })
            .collect()
    }

    /// The y range of the panel: the rows' y and the curve at `theta` over the x range.
    pub fn y_range(&self, theta: &[f64]) -> (f64, f64) {
        let curve = self.curve(theta, self.x_range());
        padded(
            self.rows
                .iter()
                .map(|r| r.1)
                .chain(curve.iter().map(|p| p.1)),
        )
    }
}

/// Draws the scatter, then the model's curve at `theta` over it, clipped to the frame.
pub(super) fn draw_data<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    view: &DataView,
    theta: &[f64],
    theme: &Theme,
) -> DrawResult<(), DB> {
    // Smaller dots for more rows, so that a large sample reads as a cloud, not a blot.
    let radius = if view.rows.len() > 500 {
        0.35 * theme.dot
    } else {
        0.6 * theme.dot
    };
    for &(x, y) in view.rows {
        let (px, py) = frame.px((x, y));
        p.dot((px, py), radius, theme.muted)?;
    }
    let curve: Vec<(f64, f64)> = view
        .curve(theta, frame.x)
        .into_iter()
        .map(|pt| frame.px(pt))
        .collect();
    // In the text's ink rather than a curve's colour: the legend's colours name LL and NLL.
    let line = Line {
        color: theme.text,
        width: theme.nll.width,
        dash: None,
    };
    for run in super::paint::clip_polyline(&curve, &frame.plot) {
        if run.len() >= 2 {
            p.line(&run, line)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Dist, Known};

    #[test]
    fn the_curve_is_drawn_at_the_point_given() {
        let logistic = crate::model::build(Dist::Logistic, Known::default()).unwrap();
        let rows = [(-1.0, 0.0), (1.0, 1.0)];
        let view = DataView {
            rows: &rows,
            model: logistic.as_ref(),
        };
        // σ(b0 + b1·x) at b0 = 0: ½ at x = 0 whatever b1; at b1 = 2, x = 1: σ(2).
        let at = |theta: &[f64], x: f64| {
            let c = view.curve(theta, (x, x + 1.0));
            c[0].1
        };
        assert!((at(&[0.0, 2.0], 0.0) - 0.5).abs() < 1e-15);
        assert!((at(&[0.0, 2.0], 1.0) - 1.0 / (1.0 + (-2.0f64).exp())).abs() < 1e-15);
        assert!((at(&[1.0, -3.0], 1.0) - 1.0 / (1.0 + 2.0f64.exp())).abs() < 1e-15);
        let linear = crate::model::build(Dist::Linear, Known::default()).unwrap();
        let line = DataView {
            rows: &rows,
            model: linear.as_ref(),
        };
        assert_eq!(
            line.curve(&[1.0, 2.0, 1.0], (0.0, 1.0)).last(),
            Some(&(1.0, 3.0))
        );
        // The x range is the rows' widened by 5 % each side.
        assert_eq!(line.x_range(), (-1.1, 1.1));
    }
}
