//! A model with priors on some of its parameters: LL(θ) + Σ ln πᵢ(θᵢ), the log posterior up
//! to the evidence, as one more [`Model`].
//!
//! Why a model rather than a sum taken afterwards: a prior on a profiled parameter must enter
//! the maximisation at every grid point (the profile of the posterior, not the posterior of
//! the profile), and the model's maximiser and profile already do that for anything that is a
//! [`Model`]. The wrapper borrows the run's model and adds the priors' exact derivatives to
//! its own, so Newton's method keeps its exact Hessian.

use super::PriorDist;
use crate::family::{Rng, SufficientStats};
use crate::model::{Model, Param};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;

/// `inner` with a prior on each parameter `i` where `priors[i]` is set.
#[derive(Debug)]
pub struct Penalised<'a> {
    pub inner: &'a dyn Model,
    pub priors: Vec<Option<PriorDist>>,
}

/// LL + ln π where the two meet as −∞ + ∞ (a beta prior's pole where the likelihood is 0):
/// the likelihood's zero wins — it is of order at least 1 in θ, a beta pole of order below 1.
pub fn add(ll: f64, ln_prior: f64) -> f64 {
    let sum = ll + ln_prior;
    if sum.is_nan() && !ll.is_nan() && !ln_prior.is_nan() {
        f64::NEG_INFINITY
    } else {
        sum
    }
}

impl Penalised<'_> {
    fn ln_prior(&self, theta: &[f64]) -> f64 {
        self.priors
            .iter()
            .zip(theta)
            .filter_map(|(p, &t)| p.as_ref().map(|p| p.ln_pdf(t)))
            .fold(0.0, add)
    }
}

impl Model for Penalised<'_> {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn params(&self) -> &[Param] {
        self.inner.params()
    }
    fn label(&self, fixed: &[Option<f64>]) -> String {
        self.inner.label(fixed)
    }
    fn check(&self, x: f64) -> Result<(), String> {
        self.inner.check(x)
    }
    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        self.inner.draw(theta, rng, out)
    }
    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        self.inner.observe(stats, xs)
    }
    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        add(self.inner.ll(stats, theta), self.ln_prior(theta))
    }
    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        let mut total = self.inner.ll_hd(stats, theta);
        for (p, t) in self.priors.iter().zip(theta) {
            if let Some(p) = p {
                let (v, d1, d2) = p.ln_pdf_d(t.re);
                let term = t.chain(v, d1, d2);
                let re = add(total.re, term.re);
                total += term;
                total.re = re;
            }
        }
        total
    }
    fn ll_derivatives(
        &self,
        stats: &SufficientStats,
        theta: &[f64],
        over: &[usize],
    ) -> (f64, Vec<f64>, Vec<f64>) {
        let (mut v, mut g, mut h) = self.inner.ll_derivatives(stats, theta, over);
        let k = over.len();
        for (m, &i) in over.iter().enumerate() {
            if let Some(p) = &self.priors[i] {
                let (_, d1, d2) = p.ln_pdf_d(theta[i]);
                g[m] += d1;
                h[m * k + m] += d2;
            }
        }
        v = add(v, self.ln_prior(theta));
        (v, g, h)
    }
    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        // A start outside a prior's support has ln π = −∞ and nowhere to climb: pull it
        // inside, to the prior's mode or the middle of its support.
        self.inner
            .starts(stats, free, theta)
            .into_iter()
            .map(|mut start| {
                for (i, p) in self.priors.iter().enumerate() {
                    let Some(p) = p else { continue };
                    if free[i] && p.ln_pdf(start[i]) == f64::NEG_INFINITY {
                        let (lo, hi) = p.support();
                        let space = self.inner.params()[i].space;
                        let (lo, hi) = (lo.max(space.lo), hi.min(space.hi));
                        start[i] = p.mode().filter(|m| *m > lo && *m < hi).unwrap_or(
                            if lo.is_finite() && hi.is_finite() {
                                0.5 * (lo + hi)
                            } else if lo.is_finite() {
                                lo + 1.0
                            } else {
                                hi - 1.0
                            },
                        );
                    }
                }
                start
            })
            .collect()
    }
    fn irregular(&self, i: usize) -> Option<&'static str> {
        self.inner.irregular(i)
    }
    fn columns(&self) -> Option<&[String]> {
        self.inner.columns()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Dist, Known};

    /// A normal model (μ, σ) on five values, with a prior on each parameter.
    fn fixture() -> (Box<dyn Model>, SufficientStats) {
        let known = Known::default();
        let model = crate::model::build(Dist::Normal, known).unwrap();
        let mut stats = SufficientStats::default();
        model.observe(&mut stats, &[0.3, 1.9, -0.4, 1.1, 0.8]);
        (model, stats)
    }

    #[test]
    fn derivatives_are_the_models_plus_the_priors() {
        let (model, stats) = fixture();
        let p = Penalised {
            inner: model.as_ref(),
            priors: vec![
                Some(PriorDist::Laplace { m: 0.5, b: 2.0 }),
                Some(PriorDist::Gamma {
                    shape: 3.0,
                    rate: 2.0,
                }),
            ],
        };
        let theta = [0.9, 1.3];
        let (v, g, h) = p.ll_derivatives(&stats, &theta, &[0, 1]);
        let f = |t: [f64; 2]| p.ll(&stats, &t);
        assert!((v - f(theta)).abs() < 1e-12);
        let e = 1e-5;
        for i in 0..2 {
            let mut up = theta;
            let mut down = theta;
            up[i] += e;
            down[i] -= e;
            let num = (f(up) - f(down)) / (2.0 * e);
            assert!((g[i] - num).abs() < 1e-6, "gradient {i}: {} vs {num}", g[i]);
            let dd = (f(up) - 2.0 * f(theta) + f(down)) / (e * e);
            assert!(
                (h[i * 2 + i] - dd).abs() < 1e-3,
                "Hessian {i}: {} vs {dd}",
                h[i * 2 + i]
            );
        }
        // The hyper-dual path agrees with the summed derivatives.
        let (_, g_model, _) = model.ll_derivatives(&stats, &theta, &[0, 1]);
        let (_, d1, _) = PriorDist::Laplace { m: 0.5, b: 2.0 }.ln_pdf_d(0.9);
        assert!((g[0] - (g_model[0] + d1)).abs() < 1e-14);
    }

    #[test]
    fn minus_infinity_meets_a_pole_as_minus_infinity() {
        assert_eq!(add(f64::NEG_INFINITY, f64::INFINITY), f64::NEG_INFINITY);
        assert_eq!(add(-3.0, 1.0), -2.0);
        assert!(add(f64::NAN, 0.0).is_nan());
    }
}
