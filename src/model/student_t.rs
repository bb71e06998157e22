//! Student t(ν, μ, s) with all three parameters: the location μ, the scale s and the degrees
//! of freedom ν (scipy.stats.t with df = ν, loc = μ, scale = s).
//!
//! # Formula
//! LL = n·[ln Γ((ν + 1)/2) − ln Γ(ν/2) − ½·ln(νπ) − ln s] − ((ν + 1)/2)·Σ ln(1 + zᵢ²/ν),
//! zᵢ = (xᵢ − μ)/s. No finite sufficient statistics: the observations are kept. For data that
//! look normal, LL keeps rising in ν toward the normal limit; the estimate of ν is then large
//! and its interval open above, which the figure shows as it is.

use super::location::{all_equal_with_free_scale, location_starts, scale_param};
use super::{Model, Param};
use crate::family::{Family, Known, ParamName, ParamSpace, Rng, StudentT, SufficientStats};
use crate::numeric::dual::{ln_gamma_of, Scalar};
use num_dual::{DualNum, HyperDual64};
use std::f64::consts::PI;

/// The smallest degrees of freedom a sample is drawn at (see `check_sampling`).
const MIN_SAMPLED_NU: f64 = 1e-3;

#[derive(Debug)]
pub struct StudentTModel {
    params: [Param; 3],
}

impl StudentTModel {
    pub fn new(known: Known) -> StudentTModel {
        let location = ParamName {
            symbol: "μ",
            hat: "μ\u{302}",
            words: "location",
        };
        let nu = ParamName {
            symbol: "ν",
            hat: "ν\u{302}",
            words: "degrees of freedom",
        };
        StudentTModel {
            params: [
                Param::new("mu", location, ParamSpace::REAL_LINE, 0.0),
                scale_param("s", "s\u{302}", known),
                Param::new("nu", nu, ParamSpace::POSITIVE, known.nu).flagged("--nu", known.nu),
            ],
        }
    }
}

impl Model for StudentTModel {
    fn name(&self) -> &str {
        "student-t"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        super::label_of("Student t", &["μ", "s", "ν"], fixed)
    }

    fn check(&self, x: f64) -> Result<(), String> {
        crate::family::check_finite(x)
    }

    fn check_sampling(&self, theta: &[f64]) -> Result<(), String> {
        // A draw is μ + s·Z/√(V/ν) with V ~ χ²_ν, and P(V < 1e-300) ≈ (1e-300)^(ν/2): 29 % of
        // draws overflow and are drawn again at ν = 0.001, all but one in 3·10⁷ at ν = 1e-10.
        let nu = theta[2];
        if nu < MIN_SAMPLED_NU {
            return Err(format!(
                "Student t draws with ν = {} nearly all overflow a double, so a sample cannot be drawn; synthetic data need ν (--nu, or --true nu=…) of at least {MIN_SAMPLED_NU}; observations from --data may have any ν > 0",
                crate::digits::shortest(nu)
            ));
        }
        Ok(())
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        StudentT::new(theta[2], theta[1])
            .expect("ν and the scale were checked")
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
        match StudentT::new(theta[2], theta[1]) {
            Ok(family) => family.ll(stats, theta[0]),
            // s → 0 or ν → 0: the density leaves (almost) every observation.
            Err(_) => f64::NEG_INFINITY,
        }
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        let (mu, s, nu) = (theta[0], theta[1], theta[2]);
        let n = stats.n as f64;
        // ln(1 + (x − μ)²·c) with c = 1/(s²ν) formed once: one product per observation.
        let c = (s * s * nu).recip();
        let mut sum = HyperDual64::constant(0.0);
        for &x in &stats.values {
            let d = -mu + x;
            sum += (d * d * c).ln_1p();
        }
        let half = (nu + 1.0) * 0.5;
        (ln_gamma_of(half) - ln_gamma_of(nu * 0.5) - (nu * PI).ln() * 0.5 - s.ln()) * n - half * sum
    }

    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        let mut starts = location_starts(stats, free, theta, false);
        if free[2] {
            // Heavy and light tails: the better maximum of the two wins.
            let light: Vec<Vec<f64>> = starts
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    s[2] = 30.0;
                    s
                })
                .collect();
            for s in &mut starts {
                s[2] = 3.0;
            }
            starts.extend(light);
        }
        starts
    }

    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        Ok(match swept {
            0 => Some(Box::new(StudentT::new(theta[2], theta[1])?)),
            _ => None,
        })
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], _theta: &[f64]) -> Option<String> {
        all_equal_with_free_scale(stats, free)
    }
}
