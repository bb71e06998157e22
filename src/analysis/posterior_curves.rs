//! The posterior's numbers on the curve's grid (`--prior`): the result that
//! [`posterior`](super::posterior) computes and the curve carries, kept apart from the
//! computation so that the curve's own file need not import it.

use crate::prior::PriorDist;

/// The posterior on the curve's grid, and its summaries.
#[derive(Debug, Clone)]
pub struct PriorAnalysis {
    /// Every prior, by parameter name, in the model's order.
    pub priors: Vec<(String, PriorDist)>,
    /// The swept parameter's prior, if it has one (the −ln π curve is drawn only then).
    pub swept: Option<PriorDist>,
    /// ln π(θᵢ) of the swept parameter at each grid point (0 without a prior on it).
    pub ln_prior: Vec<f64>,
    /// LL(θᵢ) + ln π(θᵢ), with priors on profiled parameters inside the maximisation.
    pub ln_posterior: Vec<f64>,
    /// The posterior mode of the swept parameter, and the posterior there.
    pub map: f64,
    pub ln_posterior_max: f64,
    /// "closed form (conjugate)" or how it was solved.
    pub map_method: &'static str,
    /// Every free parameter at the posterior mode, by name.
    pub map_params: Vec<(String, f64)>,
    /// The exact posterior of a conjugate pair, when `--posterior` asked for it.
    pub exact: Option<Exact>,
}

/// An exact (conjugate) posterior.
#[derive(Debug, Clone)]
pub struct Exact {
    pub dist: PriorDist,
    pub mean: f64,
    pub interval: (f64, f64),
    pub level: f64,
    /// ln p(θᵢ | x), the normalised density, at each grid point.
    pub ln_density: Vec<f64>,
}
