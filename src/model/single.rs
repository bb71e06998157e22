//! The one-parameter families as models: Bernoulli, binomial (trials a constant), geometric,
//! Poisson, exponential and uniform have no other parameter to fix or profile, so their model
//! is the family itself, its exact score and curvature carried into dual numbers by the chain
//! rule.

use super::{Model, Param};
use crate::family::{Dist, Family, Rng, SufficientStats};
use crate::numeric::dual::Scalar;
use num_dual::HyperDual64;

#[derive(Debug)]
pub struct Single {
    family: Box<dyn Family>,
    params: [Param; 1],
}

impl Single {
    pub fn new(family: Box<dyn Family>) -> Single {
        let name = match family.dist() {
            Dist::Poisson => "lambda",
            Dist::Exponential => "rate",
            Dist::Uniform => "theta",
            _ => "p",
        };
        let params = [Param::new(
            name,
            family.param(),
            family.space(),
            family.default_true(),
        )];
        Single { family, params }
    }
}

impl Model for Single {
    fn name(&self) -> &str {
        self.family.dist().name()
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn constants(&self) -> Vec<(&'static str, f64)> {
        self.family.known()
    }

    fn label(&self, _fixed: &[Option<f64>]) -> String {
        self.family.label()
    }

    fn check(&self, x: f64) -> Result<(), String> {
        self.family.check(x)
    }

    fn counts(&self) -> bool {
        self.family.counts()
    }

    fn check_true(&self, theta: &[f64]) -> Result<(), String> {
        self.family.check_true(theta[0])
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        self.family.draw(theta[0], rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        self.family.observe(stats, xs)
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.family.ll(stats, theta[0])
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        let t = theta[0].re;
        theta[0].chain(
            self.family.ll(stats, t),
            self.family.score(stats, t),
            self.family.curvature(stats, t),
        )
    }

    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        match (free[0], self.family.mle(stats)) {
            (true, Some(mle)) => {
                theta[0] = mle;
                true
            }
            _ => false,
        }
    }

    fn slice(&self, _swept: usize, _theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        crate::family::build(self.family.dist(), self.family_known()).map(Some)
    }

    fn unbounded(&self, stats: &SufficientStats, _free: &[bool], _theta: &[f64]) -> Option<String> {
        self.family.unbounded(stats)
    }

    fn irregular(&self, _i: usize) -> Option<&'static str> {
        self.family.irregular()
    }
}

impl Single {
    /// The known options that rebuild the same family (only the binomial has one).
    fn family_known(&self) -> crate::family::Known {
        let mut known = crate::family::Known::default();
        for (name, value) in self.family.known() {
            if name == "trials" {
                known.trials = value as u64;
            }
        }
        known
    }
}
