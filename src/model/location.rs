//! Cauchy(x₀, γ) with both parameters: the location x₀ and the scale γ (scipy.stats.cauchy).
//!
//! # Formula
//! LL(x₀, γ) = −n·ln π − n·ln γ − Σ ln(1 + ((xᵢ − x₀)/γ)²). There are no finite sufficient
//! statistics: the observations are kept and every evaluation visits them. LL in x₀ can have
//! several peaks (one near each cluster of data), so the joint search starts from several
//! quantiles of the data and keeps the best maximum.

use super::{median_and_spread, Model, Param};
use crate::family::{Cauchy, Family, Known, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::{DualNum, HyperDual64};
use std::f64::consts::PI;

#[derive(Debug)]
pub struct CauchyModel {
    params: [Param; 2],
}

/// The scale of the location families, with its symbol.
pub(super) fn scale_param(symbol: &'static str, hat: &'static str, known: Known) -> Param {
    let name = ParamName {
        symbol,
        hat,
        words: "scale",
    };
    Param::new("scale", name, ParamSpace::POSITIVE, known.scale).flagged("--scale", known.scale)
}

/// Starting points for a location and scale: the median with the half interquartile range,
/// and for a possibly multimodal location the other deciles too.
pub(super) fn location_starts(
    stats: &SufficientStats,
    free: &[bool],
    theta: &[f64],
    multimodal: bool,
) -> Vec<Vec<f64>> {
    let (median, spread) = median_and_spread(&stats.values);
    let mut base = theta.to_vec();
    if free[1] {
        base[1] = spread;
    }
    if !free[0] {
        return vec![base];
    }
    let mut xs = stats.values.clone();
    xs.sort_by(f64::total_cmp);
    let mut locations = vec![median];
    if multimodal && !xs.is_empty() {
        for p in [0.1, 0.3, 0.7, 0.9] {
            locations.push(xs[((xs.len() - 1) as f64 * p).round() as usize]);
        }
    }
    locations
        .into_iter()
        .map(|x| {
            let mut s = base.clone();
            s[0] = x;
            s
        })
        .collect()
}

impl CauchyModel {
    pub fn new(known: Known) -> CauchyModel {
        let location = ParamName {
            symbol: "x₀",
            hat: "x\u{302}₀",
            words: "location",
        };
        CauchyModel {
            params: [
                Param::new("x0", location, ParamSpace::REAL_LINE, 0.0),
                scale_param("γ", "γ\u{302}", known),
            ],
        }
    }
}

impl Model for CauchyModel {
    fn name(&self) -> &str {
        "cauchy"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Cauchy", &["x₀", "γ"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        crate::family::check_finite(x)
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Cauchy::new(theta[1])
            .expect("the scale was checked")
            .draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.values.extend_from_slice(xs);
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        if stats.n == 0 {
            return 0.0;
        }
        match Cauchy::new(theta[1]) {
            // The one-parameter family's fast, exponent-tracked sum of logarithms.
            Ok(family) => family.ll(stats, theta[0]),
            // γ → 0 concentrates the density on x₀, away from (almost) every observation.
            Err(_) => f64::NEG_INFINITY,
        }
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        let (x0, gamma) = (theta[0], theta[1]);
        let n = stats.n as f64;
        // ln(1 + (x − x₀)²·c) with c = 1/γ² formed once: one product per observation.
        let c = (gamma * gamma).recip();
        let mut sum = HyperDual64::constant(0.0);
        for &x in &stats.values {
            let d = -x0 + x;
            sum += (d * d * c).ln_1p();
        }
        -(gamma.ln() + PI.ln()) * n - sum
    }

    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        location_starts(stats, free, theta, true)
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            0 => Some(Box::new(Cauchy::new(theta[1])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        all_equal_with_free_scale(stats, free)
    }
}

/// Location-scale data that are all one value leave LL unbounded as the scale → 0.
pub(super) fn all_equal_with_free_scale(stats: &SufficientStats, free: &[bool]) -> Option<String> {
    let first = stats.values.first()?;
    (free[1] && stats.values.iter().all(|x| x == first)).then(|| {
        "every observation is the same value, so LL grows without bound as the scale → 0; an unknown scale needs two different values".to_string()
    })
}
