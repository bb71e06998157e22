//! What the two regression models (`logistic.rs`, `linear.rs`) share: their coefficients, their
//! data columns, and how a synthetic row's x is drawn.
//!
//! A regression observation is a row (x, y), not one value: the models read the headed
//! columns `x,y` of a data file through [`crate::table`], and draw rows two columns at a time
//! ([`Model::draw_rows`](super::Model::draw_rows)). Their data panel draws the scatter of the
//! kept rows with the model's curve E[y | x] at a parameter point
//! ([`Model::fitted`](super::Model::fitted)).

use super::Param;
use crate::family::{Family, Normal, ParamName, ParamSpace, Rng};

pub(super) const B0: ParamName = ParamName {
    symbol: "b₀",
    hat: "b̂₀",
    words: "intercept",
};

pub(super) const B1: ParamName = ParamName {
    symbol: "b₁",
    hat: "b̂₁",
    words: "slope",
};

/// The intercept and slope, with their default true values.
pub(super) fn coefficients(b0: f64, b1: f64) -> [Param; 2] {
    [
        Param::new("b0", B0, ParamSpace::REAL_LINE, b0),
        Param::new("b1", B1, ParamSpace::REAL_LINE, b1),
    ]
}

/// The column names a regression model reads, in order.
pub(super) fn columns() -> Vec<String> {
    vec!["x".to_string(), "y".to_string()]
}

/// Fills `xs` with standard normal covariates: the synthetic design of both models.
pub(super) fn draw_covariates(rng: &mut Rng, xs: &mut [f64]) {
    Normal::new(1.0).expect("σ = 1 is valid").draw(0.0, rng, xs);
}

/// `out` filled with drawn (x, y) pairs in order, from `draw_rows` filling an x and a y
/// column: one value per observation cannot hold a row, so `Model::draw` gets the pairs.
pub(super) fn draw_pairs(
    draw_rows: impl FnOnce(&mut Rng, &mut [&mut [f64]]),
    rng: &mut Rng,
    out: &mut [f64],
) {
    let half = out.len() / 2;
    let (mut xs, mut ys) = (vec![0.0; half], vec![0.0; half]);
    draw_rows(rng, &mut [&mut xs, &mut ys]);
    for (pair, (x, y)) in out.chunks_exact_mut(2).zip(xs.into_iter().zip(ys)) {
        pair[0] = x;
        pair[1] = y;
    }
}
