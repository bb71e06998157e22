//! The numbers of a run as the `--json` summary writes them.
//!
//! One summary per view: a curve (one swept parameter, with overlays) or a surface (two). Both
//! carry `params`, every parameter of the model with its role and value, in the model's order.
//! Values of the swept parameter in a curve summary (`mle`, intervals, `range`) are in the
//! plotted coordinate named by `param`; `mle_theta` and `theta_true` are always in the
//! parameter itself.

use crate::inference::Bound;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// What a run's `--json` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Summary {
    Curve(Box<CurveSummary>),
    Surface(Box<SurfaceSummary>),
}

/// One parameter's role in the run and its value: the fixed value, or the estimate at the
/// joint maximum for swept and profiled parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParamSummary {
    pub role: &'static str,
    pub value: f64,
}

/// Every parameter by name, in the model's order (a JSON object keeps the order it is
/// written in).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params(pub Vec<(String, ParamSummary)>);

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, param) in &self.0 {
            map.serialize_entry(name, param)?;
        }
        map.end()
    }
}

/// The summary of a curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurveSummary {
    pub dist: String,
    /// A user's model (`--logf`): the expression as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The plotted coordinate: "p", or "logit p" in the natural parameterisation.
    pub param: String,
    /// "mean" or "natural".
    pub parameterization: &'static str,
    pub n: u64,
    /// `"sample"` or `"data"`.
    pub source: &'static str,
    /// The data file (`"-"` for standard input), or null for synthetic data.
    pub data: Option<String>,
    pub seed: Option<u64>,
    /// The swept parameter's true value for synthetic data.
    pub theta_true: Option<f64>,
    /// The fixed parameters and the model's constants, e.g. `{"trials": 10}`.
    pub known: BTreeMap<String, f64>,
    /// Every parameter with its role and value.
    pub params: Params,
    /// The maximum-likelihood estimate, in the plotted coordinate (of the profile likelihood
    /// when other parameters are profiled).
    pub mle: f64,
    /// The same estimate in the parameter itself.
    pub mle_theta: f64,
    /// "closed form" or "numerical (…)".
    pub mle_method: &'static str,
    pub mle_on_boundary: bool,
    /// LL(θ̂).
    pub ll_max: f64,
    /// NLL(θ̂) = −LL(θ̂).
    pub nll_min: f64,
    /// Observed Fisher information in the plotted coordinate (with profiled parameters the
    /// profile's curvature 1/(J⁻¹)ᵢᵢ), or null.
    pub fisher_information: Option<f64>,
    /// Why `fisher_information` is null.
    pub fisher_information_note: Option<String>,
    /// 1/√J (with profiled parameters √((J⁻¹)ᵢᵢ) of the full information matrix), or null.
    pub se: Option<f64>,
    pub level: f64,
    /// ½·χ²₁(level): the rise of NLL at the ends of the likelihood-ratio interval.
    pub threshold: f64,
    pub lr_interval: IntervalSummary,
    /// θ̂ ± z·SE, or null when J is undefined.
    pub wald_interval: Option<[f64; 2]>,
    /// No second difference of LL on the grid is positive (beyond rounding).
    pub concave_on_grid: bool,
    /// The largest second difference of LL over the grid (null with fewer than 3 finite points).
    pub max_second_difference: Option<f64>,
    pub range: [f64; 2],
    pub points: usize,
    /// A user's model: the grid points where the expression is undefined (NaN or +∞), left
    /// out of the curve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined_points: Option<usize>,
    /// `--test θ₀`: the likelihood-ratio, Wald and score statistics with their p-values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tests: Option<super::three_tests::TestsSummary>,
    /// `--coverage R`: the coverage lab's results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverage: Option<super::coverage::CoverageSummary>,
    /// With `-n` given a list: each sample size's estimate and interval, smallest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlay: Vec<OverlaySummary>,
    /// With `--prior`: the posterior mode of the swept parameter, how it was found, every
    /// free parameter there, and min(NLL − ln π).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map_method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map_params: Option<Numbers>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neg_log_posterior_min: Option<f64>,
    /// With `--prior`: each prior by parameter name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prior: Option<Priors>,
    /// With `--posterior`: the exact posterior of the conjugate pair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub posterior: Option<PosteriorSummary>,
    /// The `--optimize` path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<super::optimizer::OptimizerPath>,
}

/// Numbers by name, in the order given (a prior's arguments in the order they are written).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Numbers(pub Vec<(String, f64)>);

impl Serialize for Numbers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, v) in &self.0 {
            map.serialize_entry(name, v)?;
        }
        map.end()
    }
}

/// A distribution: its name and arguments (`{"dist": "beta", "args": {"a": 2, "b": 2}}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DistSummary {
    pub dist: &'static str,
    pub args: Numbers,
}

/// The priors by parameter name, in the model's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Priors(pub Vec<(String, DistSummary)>);

impl Serialize for Priors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, d) in &self.0 {
            map.serialize_entry(name, d)?;
        }
        map.end()
    }
}

/// An exact posterior: its distribution, mean and central credible interval at `level`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PosteriorSummary {
    pub dist: &'static str,
    pub args: Numbers,
    pub mean: f64,
    pub interval: [f64; 2],
    pub level: f64,
}

/// One sample size of a `-n 10,100,1000` overlay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlaySummary {
    pub n: u64,
    pub mle: f64,
    pub ll_max: f64,
    pub lr_interval: IntervalSummary,
}

/// The likelihood-ratio interval with how each end was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntervalSummary {
    pub lower: f64,
    pub upper: f64,
    /// "crossing", "open: …" or "the estimate lies on the boundary".
    pub lower_end: &'static str,
    pub upper_end: &'static str,
}

impl From<(Bound, Bound)> for IntervalSummary {
    fn from((lower, upper): (Bound, Bound)) -> Self {
        IntervalSummary {
            lower: lower.value,
            upper: upper.value,
            lower_end: lower.end.name(),
            upper_end: upper.end.name(),
        }
    }
}

/// The summary of a two-parameter surface.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurfaceSummary {
    pub dist: String,
    /// A user's model (`--logf`): the expression as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The swept parameters, in axis order.
    pub swept: [String; 2],
    /// Every parameter with its role and value.
    pub params: Params,
    pub n: u64,
    /// `"sample"` or `"data"`.
    pub source: &'static str,
    /// The data file (`"-"` for standard input), or null for synthetic data.
    pub data: Option<String>,
    /// The seed and true values of the swept parameters for synthetic data.
    pub seed: Option<u64>,
    pub theta_true: Option<[f64; 2]>,
    pub mle: [f64; 2],
    pub ll_max: f64,
    /// ΔNLL of each joint contour, with its level: −ln(1 − L).
    pub joint_contours: Vec<[f64; 2]>,
    pub level: f64,
    /// ½χ²₁(level), the profile intervals' threshold.
    pub threshold: f64,
    /// The profile likelihood-ratio interval of each swept parameter.
    pub profile_intervals: [[f64; 2]; 2],
    pub ranges: [[f64; 2]; 2],
    pub points: usize,
    /// A user's model: the grid points where the expression is undefined, left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined_points: Option<usize>,
    /// The `--optimize` path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<super::optimizer::OptimizerPath>,
}
