//! One curve: LL along the first swept parameter, with every other free parameter profiled,
//! its estimate, information and intervals, and the texts that name it.
//!
//! The same function computes the main curve, each curve of a `-n` overlay, each animation
//! frame and each curve of the interactive page: only the observations and the grid differ.

use super::summary::{CurveSummary, IntervalSummary, OverlaySummary, ParamSummary, Params};
use crate::axis::Axis;
use crate::config::{Config, DataSource, Source};
use crate::digits::{number, Precision};
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::inference::{self, Inference};
use crate::model::{Curve, FamilyCurve, Likelihood, ProfileCurve, Role};
use crate::sweep::{Grid, Sweep};

/// Everything computed for one curve.
#[derive(Debug, Clone)]
pub struct CurveAnalysis {
    /// The observations it was computed from.
    pub source: Source,
    pub n: u64,
    pub sweep: Sweep,
    /// Each profiled parameter's maximising value at every grid point, by name (the CSV's
    /// extra columns).
    pub nuisance: Vec<(String, Vec<f64>)>,
    /// Estimate, information and intervals in the plotted coordinate.
    pub inference: Inference,
    /// The same in the parameter itself.
    pub theta_inference: Inference,
    /// Every parameter at the maximum: the estimates of the free ones, the fixed values.
    pub estimate: Vec<f64>,
    /// The true value of the swept parameter (synthetic data), in the plotted coordinate.
    pub x_true: Option<f64>,
    /// The default title and subtitle.
    pub title: String,
    pub subtitle: String,
    /// Whether LL is concave on the grid, and its largest second difference.
    pub concave: bool,
    pub max_second_difference: f64,
    /// The posterior beside the curve (`--prior`), on the main curve only.
    pub prior: Option<Box<super::posterior_curves::PriorAnalysis>>,
    /// The (x, y) rows of a regression model for its data panel (at most
    /// [`SCATTER_KEPT`](crate::family::pairs::SCATTER_KEPT)); empty for one value per
    /// observation.
    pub rows: Vec<(f64, f64)>,
    /// The `--optimize` path on this curve (the main curve only).
    pub optimizer: Option<super::optimizer::OptimizerPath>,
    /// `--test θ₀`: the three tests of θ = θ₀ (in the parameter itself).
    pub tests: Option<crate::inference::hypothesis::Tests>,
}

/// The curve of `likelihood`'s first swept parameter from the statistics of `source`, on
/// `range` (plotted coordinate) or the default window around the estimate.
pub fn analyse_curve(
    config: &Config,
    source: &Source,
    stats: &SufficientStats,
    range: Option<(f64, f64)>,
) -> Result<CurveAnalysis> {
    let likelihood = &config.likelihood;
    let axis = &config.axis;
    refuse_unbounded(likelihood, source, stats)?;
    let profile = match &likelihood.family {
        Some(_) => None,
        None => Some(ProfileCurve::new(likelihood, stats, likelihood.swept[0])),
    };
    let family_curve = likelihood.family.as_ref().map(|family| FamilyCurve {
        family: family.as_ref(),
        stats,
    });
    let curve: &dyn Curve = match (&profile, &family_curve) {
        (Some(p), _) => p,
        (None, Some(f)) => f,
        (None, None) => unreachable!("a likelihood has a family or a profile"),
    };
    let (mle, _) = inference::estimate(curve);
    let swept = likelihood.swept_param(0);
    if !mle.is_finite() {
        // Accepted values are finite, so what failed is their range: a sum or a spread past
        // the largest double (a NaN here is ∞ − ∞). Saying "the estimate is NaN" helps no one.
        let advice = match source {
            Source::Sample { .. } => {
                "the draws (or their sums) reach past the range of a double, ±1.8e308; draw them with a smaller spread or true value"
            }
            Source::Data(_) => {
                "the observations (or their sums) reach past the range of a double, ±1.8e308"
            }
        };
        return Err(Error::Dataset {
            source_name: source.name(),
            message: format!(
                "there is no finite maximum-likelihood estimate of {}: {advice}",
                swept.symbol
            ),
        });
    }
    // The optimiser's path does not depend on the grid; the grid widens to show it.
    let optimizer = config.optimizer.as_ref().map(|o| {
        let estimate = match &profile {
            Some(p) => p.joint().theta.clone(),
            None => {
                let mut e = likelihood.base();
                e[likelihood.swept[0]] = mle;
                e
            }
        };
        // The standard error 1/√J where the curvature gives one, else the family's spread.
        let j = -curve.curvature(mle);
        let spread = if j.is_finite() && j > 0.0 {
            1.0 / j.sqrt()
        } else {
            curve.spread(mle)
        };
        super::optimizer::optimize(o, likelihood, stats, config.figure.y, &estimate, &[spread])
    });
    let (lo, hi) = match range {
        Some(range) => range,
        None => {
            let window = default_range(curve, mle, axis);
            let window = match &optimizer {
                Some(path) => {
                    let xs: Vec<f64> = path.points.iter().map(|p| p.theta[0]).collect();
                    super::optimizer::widen(window, &xs, swept.space)
                }
                None => window,
            };
            match config.test {
                Some(theta0) => super::three_tests::widened(window, theta0, curve.space()),
                None => window,
            }
        }
    };
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: format!(
                "the observations are too concentrated ({} = {}) for a default range; give one with --range=LO:HI",
                swept.hat,
                number(mle)
            ),
        });
    }
    if !(hi - lo).is_finite() {
        // Data near the largest double: the window's width (and the grid's step) overflow.
        return Err(Error::Dataset {
            source_name: source.name(),
            message: format!(
                "the default range around {} = {} is wider than the largest double; give one with --range=LO:HI",
                swept.hat,
                number(mle)
            ),
        });
    }
    let grid = Grid {
        lo,
        hi,
        points: config.points,
    };
    let theta_inference = inference::infer(curve, config.level);
    let inference = theta_inference.on_axis(axis);
    let (sweep, nuisance, estimate) = match (&likelihood.family, &profile) {
        (Some(family), _) => {
            let mut estimate = likelihood.base();
            estimate[likelihood.swept[0]] = theta_inference.mle;
            (
                Sweep::evaluate(family.as_ref(), stats, grid, axis),
                Vec::new(),
                estimate,
            )
        }
        (None, Some(profile)) => {
            let x: Vec<f64> = (0..grid.points).map(|i| grid.at(i)).collect();
            let fits = profile.sweep(&x);
            let nuisance = likelihood
                .profiled()
                .into_iter()
                .map(|i| {
                    (
                        likelihood.params()[i].name.clone(),
                        fits.iter().map(|f| f.theta[i]).collect(),
                    )
                })
                .collect();
            let ll = fits.iter().map(|f| f.ll).collect();
            let sweep = Sweep {
                grid,
                theta: x.clone(),
                x,
                ll,
            };
            (sweep, nuisance, profile.joint().theta.clone())
        }
        (None, None) => unreachable!("a likelihood has a family or a profile"),
    };
    let (max_second_difference, concave) = sweep.concavity();
    let tests = config.test.map(|theta0| {
        crate::inference::hypothesis::three_tests(
            curve,
            theta_inference.mle,
            theta_inference.ll_max,
            &theta_inference.information,
            theta0,
        )
    });
    let n = stats.n;
    let x_true = match source {
        Source::Sample { truth, .. } => likelihood
            .model
            .true_value(truth, likelihood.swept[0])
            .map(|t| axis.x(t)),
        Source::Data(_) => None,
    };
    let title = config.figure.title.clone().unwrap_or_else(|| {
        let kind = if likelihood.profiled().is_empty() {
            "likelihood"
        } else {
            "profile likelihood"
        };
        let (lo, hi) = (inference.lr.0.value, inference.lr.1.value);
        let precision = Precision::of_estimate(inference.mle, inference.se(), (lo, hi));
        format!(
            "{} {kind}: n = {n}, {} = {}",
            likelihood.label(),
            axis.hat,
            precision.format(inference.mle)
        )
    });
    let subtitle = subtitle(config, source, n, concave, max_second_difference);
    Ok(CurveAnalysis {
        source: source.clone(),
        n,
        sweep,
        nuisance,
        inference,
        theta_inference,
        estimate,
        x_true,
        title,
        subtitle,
        concave,
        max_second_difference,
        prior: None,
        rows: stats
            .pairs
            .rows
            .iter()
            .take(crate::family::pairs::SCATTER_KEPT)
            .copied()
            .collect(),
        optimizer,
        tests,
    })
}

/// The window around θ̂ for the curve, carried to the axis. An end that maps to an infinite
/// natural parameter (θ̂ on the boundary) is pulled just inside.
pub(crate) fn default_range(curve: &dyn Curve, mle: f64, axis: &Axis) -> (f64, f64) {
    let (lo, hi) = curve.default_range(mle);
    if !axis.is_natural() {
        return (lo, hi);
    }
    let inside = |t: f64, toward: f64| {
        let x = axis.x(t);
        if x.is_finite() {
            x
        } else {
            axis.x(t + (toward - t) * 1e-3)
        }
    };
    let (a, b) = (inside(lo, hi), inside(hi, lo));
    (a.min(b), a.max(b))
}

/// The error for data whose LL has no finite maximum: the model says why where it knows
/// (all-zero waiting times, normal data all equal with σ free …).
pub(crate) fn refuse_unbounded(
    likelihood: &Likelihood,
    source: &Source,
    stats: &SufficientStats,
) -> Result<()> {
    let refuse = |message: String| {
        Err(Error::Dataset {
            source_name: source.name(),
            message,
        })
    };
    if let Some(i) = stats.undefined {
        return refuse(format!(
            "draw {} is a value at which the expression is NaN or +∞ for every parameter value in the bounds; draw from a family whose values the model can take",
            i + 1
        ));
    }
    if stats.sum.value().is_infinite() {
        // Each value was finite, but their running sum is not: every LL would be ±∞ or NaN.
        return refuse("the observations sum to more than 1.8e308, the largest double; rescale them (divide every value by a power of ten)".to_string());
    }
    let why = match &likelihood.family {
        Some(family) => family.unbounded(stats),
        None => likelihood
            .model
            .unbounded(stats, &likelihood.free(), &likelihood.base()),
    };
    match why {
        Some(why) => refuse(why),
        None => Ok(()),
    }
}

fn subtitle(config: &Config, source: &Source, n: u64, concave: bool, max_d2: f64) -> String {
    let likelihood = &config.likelihood;
    let swept = likelihood.swept_param(0);
    let observations = match source {
        Source::Sample { truth, seed, .. } if likelihood.model.drawn().is_some() => {
            draws_from(likelihood, truth, n, *seed)
        }
        Source::Sample { truth, seed, .. } => format!(
            "{n} {} with true {} = {} (seed {seed})",
            if n == 1 { "draw" } else { "draws" },
            swept.symbol,
            number(truth[likelihood.swept[0]])
        ),
        Source::Data(source) => format!(
            "{n} {} from {}",
            if n == 1 {
                "observation"
            } else {
                "observations"
            },
            source.name()
        ),
    };
    let shape = if concave {
        "LL concave on the grid".to_string()
    } else {
        format!(
            "LL not concave on the grid (max second difference {})",
            number(max_d2)
        )
    };
    let profiled: Vec<&str> = likelihood
        .profiled()
        .into_iter()
        .map(|i| likelihood.params()[i].symbol.as_str())
        .collect();
    let maximised = if profiled.is_empty() {
        String::new()
    } else {
        format!(
            " · {} maximised at each {}",
            profiled.join(", "),
            swept.symbol
        )
    };
    format!(
        "{observations} · {} grid points{maximised} · {shape}",
        config.points
    )
}

/// "100 draws from Poisson(λ = 3) (seed 42)": synthetic data of a user's model, drawn from a
/// built-in family at its true values.
pub(crate) fn draws_from(likelihood: &Likelihood, truth: &[f64], n: u64, seed: u64) -> String {
    let label = match likelihood.model.drawn() {
        Some(drawn) => {
            let values: Vec<String> = drawn
                .params()
                .iter()
                .zip(truth)
                .map(|(p, &t)| format!("{} = {}", p.symbol, number(t)))
                .collect();
            format!("{} with {}", drawn.name(), values.join(", "))
        }
        None => likelihood.model.name().to_string(),
    };
    format!(
        "{n} {} from {label} (seed {seed})",
        if n == 1 { "draw" } else { "draws" }
    )
}

/// The parameters of the run with their roles and values at `estimate`.
pub(crate) fn params_of(likelihood: &Likelihood, estimate: &[f64]) -> Params {
    Params(
        likelihood
            .params()
            .iter()
            .zip(&likelihood.roles)
            .zip(estimate)
            .map(|((p, role), &value)| {
                let role = match role {
                    Role::Swept => "swept",
                    Role::Fixed(_) => "fixed",
                    Role::Profiled => "profiled",
                };
                (p.name.clone(), ParamSummary { role, value })
            })
            .collect(),
    )
}

/// `(source, data, seed)` of the summary.
pub(crate) fn source_fields(source: &Source) -> (&'static str, Option<String>, Option<u64>) {
    match source {
        Source::Sample { seed, .. } => ("sample", None, Some(*seed)),
        Source::Data(data) => {
            let name = match data {
                DataSource::Stdin => "-".to_string(),
                DataSource::File(p) => p.display().to_string(),
                DataSource::Memory { name, .. } => name.clone(),
            };
            ("data", Some(name), None)
        }
    }
}

/// The `--json` summary of a curve and its overlays.
pub fn summarise(
    config: &Config,
    curve: &CurveAnalysis,
    overlays: &[CurveAnalysis],
) -> CurveSummary {
    let likelihood = &config.likelihood;
    let inference = &curve.inference;
    let (source, data, seed) = source_fields(&curve.source);
    let theta_true = match &curve.source {
        Source::Sample { truth, .. } => likelihood.model.true_value(truth, likelihood.swept[0]),
        Source::Data(_) => None,
    };
    let mut known: std::collections::BTreeMap<String, f64> = likelihood
        .model
        .constants()
        .into_iter()
        .map(|(name, v)| (name.to_string(), v))
        .collect();
    for (p, role) in likelihood.params().iter().zip(&likelihood.roles) {
        if let Role::Fixed(v) = role {
            known.insert(p.name.clone(), *v);
        }
    }
    CurveSummary {
        dist: likelihood.model.name().to_string(),
        model: likelihood.model.expression().map(str::to_string),
        param: config.axis.symbol.clone(),
        parameterization: if config.axis.is_natural() {
            "natural"
        } else {
            "mean"
        },
        n: curve.n,
        source,
        data,
        seed,
        theta_true,
        known,
        params: params_of(likelihood, &curve.estimate),
        mle: inference.mle,
        mle_theta: curve.theta_inference.mle,
        mle_method: inference.method.name(),
        mle_on_boundary: inference.on_boundary,
        ll_max: inference.ll_max,
        // 0 − LL rather than −LL: all-zero data have LL(θ̂) = 0, and the JSON should not say −0.
        nll_min: 0.0 - inference.ll_max,
        fisher_information: inference.information.as_ref().ok().copied(),
        fisher_information_note: inference.information.as_ref().err().cloned(),
        se: inference.se(),
        level: inference.level,
        threshold: inference.threshold,
        lr_interval: inference.lr.into(),
        wald_interval: inference.wald.map(|(a, b)| [a, b]),
        concave_on_grid: curve.concave,
        max_second_difference: curve
            .max_second_difference
            .is_finite()
            .then_some(curve.max_second_difference),
        range: [curve.sweep.grid.lo, curve.sweep.grid.hi],
        points: curve.sweep.grid.points,
        undefined_points: likelihood
            .model
            .expression()
            .map(|_| curve.sweep.ll.iter().filter(|v| v.is_nan()).count()),
        tests: curve.tests.as_ref().map(super::three_tests::summary),
        coverage: None,
        overlay: overlays
            .iter()
            .map(|o| OverlaySummary {
                n: o.n,
                mle: o.inference.mle,
                ll_max: o.inference.ll_max,
                lr_interval: IntervalSummary::from(o.inference.lr),
            })
            .collect(),
        map: None,
        map_method: None,
        map_params: None,
        neg_log_posterior_min: None,
        prior: None,
        posterior: None,
        optimizer: curve.optimizer.clone(),
    }
}
