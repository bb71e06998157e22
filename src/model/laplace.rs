//! Laplace(μ, b) with both parameters: the location μ and the scale b (scipy.stats.laplace).
//!
//! # Formula
//! LL(μ, b) = −n·ln(2b) − Σ|xᵢ − μ|/b. Both profiles are closed forms: μ̂ is a median whatever
//! b, and b̂(μ) = Σ|xᵢ − μ|/n. LL is piecewise linear in μ, so μ has no observed information
//! (the model says so), while b's is the ordinary n/b̂².

use super::location::{all_equal_with_free_scale, scale_param};
use super::{Model, Param};
use crate::family::{Family, Known, Laplace, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;

#[derive(Debug)]
pub struct LaplaceModel {
    params: [Param; 2],
}

impl LaplaceModel {
    pub fn new(known: Known) -> LaplaceModel {
        let location = ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "location",
        };
        LaplaceModel {
            params: [
                Param::new("mu", location, ParamSpace::REAL_LINE, 0.0),
                scale_param("b", "b\u{302}", known),
            ],
        }
    }

    fn eval<D: Scalar>(&self, stats: &SufficientStats, mu: D, b: D) -> D {
        let n = stats.n as f64;
        if n == 0.0 {
            return D::constant(0.0);
        }
        let mut deviation = D::constant(0.0);
        for &x in &stats.values {
            deviation += (-mu + x).abs();
        }
        if b.value() <= 0.0 {
            return D::constant(if deviation.value() == 0.0 {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            });
        }
        -(b * 2.0).ln() * n - deviation / b
    }
}

impl Model for LaplaceModel {
    fn name(&self) -> &str {
        "laplace"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Laplace", &["μ", "b"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        crate::family::check_finite(x)
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        Laplace::new(theta[1])
            .expect("the scale was checked")
            .draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.values.extend_from_slice(xs);
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        self.eval(stats, theta[0], theta[1])
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        if free[0] {
            // Any scale gives the same family's median.
            theta[0] = Laplace::new(1.0)
                .expect("1 is a scale")
                .mle(stats)
                .unwrap_or(0.0);
        }
        if free[1] {
            let n = stats.n as f64;
            theta[1] = stats
                .values
                .iter()
                .map(|x| (x - theta[0]).abs())
                .sum::<f64>()
                / n;
        }
        true
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            0 => Some(Box::new(Laplace::new(theta[1])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        all_equal_with_free_scale(stats, free)
    }

    fn irregular(&self, i: usize) -> Option<&'static str> {
        (i == 0).then_some(
            "LL is piecewise linear in the location, so −LL″ is zero almost everywhere and the observed information of μ is undefined",
        )
    }
}
