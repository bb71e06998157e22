//! A log-likelihood along one parameter: what estimates, intervals and sweeps are computed on.
//!
//! Inference does not care whether the curve is a hand-written family with every other
//! parameter known ([`FamilyCurve`]) or the profile of a joint model with the other parameters
//! maximised at every point ([`ProfileCurve`](super::ProfileCurve)): it needs LL, its first
//! two derivatives (exact), the parameter's space and a few hints. This trait is that
//! contract, so one estimator, one interval solver and one sweep serve every figure.

use crate::family::{Family, ParamSpace, SufficientStats};

/// How an estimate was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A formula (possibly one-dimensional root finding the family does itself).
    ClosedForm,
    /// Brent's method on the score, after a scan for the global maximum.
    Numerical,
    /// Newton's method on the joint likelihood of the swept and profiled parameters.
    Joint,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::ClosedForm => "closed form",
            Method::Numerical => "numerical (Brent on the score)",
            Method::Joint => "numerical (Newton on the joint likelihood)",
        }
    }
}

/// LL along one parameter θ, every other parameter known or maximised out.
pub trait Curve: Sync {
    /// LL(θ) (the profile log-likelihood when other parameters are maximised).
    fn ll(&self, theta: f64) -> f64;

    /// dLL/dθ, exact.
    fn score(&self, theta: f64) -> f64;

    /// d²LL/dθ², exact; −LL″(θ̂) is the observed information (of the profile: 1/(J⁻¹)ᵢᵢ).
    fn curvature(&self, theta: f64) -> f64;

    /// Where θ may lie.
    fn space(&self) -> ParamSpace;

    /// The estimate, where it is known without a search of this curve.
    fn mle(&self) -> Option<(f64, Method)>;

    /// An interval sure to hold the global maximum, when [`Curve::mle`] gives none.
    fn mle_search(&self) -> (f64, f64) {
        let space = self.space();
        (space.lo, space.hi)
    }

    /// Observations worth scanning at (a location likelihood peaks near the data), and the
    /// number of observations each evaluation visits (0 with sufficient statistics).
    fn kept(&self) -> &[f64] {
        &[]
    }

    /// Why the usual asymptotics do not apply, if they do not.
    fn irregular(&self) -> Option<&'static str> {
        None
    }

    /// A positive standard-error-like width at the estimate, for default windows and steps.
    fn spread(&self, mle: f64) -> f64;

    /// The family's default plotting window around θ̂.
    fn default_range(&self, mle: f64) -> (f64, f64) {
        default_range(self.space(), mle, self.spread(mle))
    }
}

/// θ̂ ± 5 spreads, kept inside the space (see [`Family::default_range`], which this mirrors for
/// curves without a family).
pub fn default_range(space: ParamSpace, mle: f64, spread: f64) -> (f64, f64) {
    let half = 5.0 * spread;
    let mut lo = mle - half;
    let mut hi = mle + half;
    if mle <= space.lo {
        lo = space.lo;
    } else if lo <= space.lo {
        lo = space.lo + (hi.min(space.hi) - space.lo) * 1e-3;
    }
    if mle >= space.hi {
        hi = space.hi;
    } else if hi >= space.hi {
        hi = space.hi - (space.hi - lo) * 1e-3;
    }
    (lo, hi)
}

/// A hand-written one-parameter family on its statistics.
#[derive(Debug, Clone, Copy)]
pub struct FamilyCurve<'a> {
    pub family: &'a dyn Family,
    pub stats: &'a SufficientStats,
}

impl Curve for FamilyCurve<'_> {
    fn ll(&self, theta: f64) -> f64 {
        self.family.ll(self.stats, theta)
    }
    fn score(&self, theta: f64) -> f64 {
        self.family.score(self.stats, theta)
    }
    fn curvature(&self, theta: f64) -> f64 {
        self.family.curvature(self.stats, theta)
    }
    fn space(&self) -> ParamSpace {
        self.family.space()
    }
    fn mle(&self) -> Option<(f64, Method)> {
        self.family
            .mle(self.stats)
            .map(|mle| (mle, Method::ClosedForm))
    }
    fn mle_search(&self) -> (f64, f64) {
        self.family.mle_search(self.stats)
    }
    fn kept(&self) -> &[f64] {
        &self.stats.values
    }
    fn irregular(&self) -> Option<&'static str> {
        self.family.irregular()
    }
    fn spread(&self, mle: f64) -> f64 {
        self.family.spread(self.stats, mle)
    }
    fn default_range(&self, mle: f64) -> (f64, f64) {
        self.family.default_range(self.stats, mle)
    }
}
