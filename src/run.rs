//! The pipeline: checked config → observations → inference and sweep → figure and exports.
//!
//! [`analyse`] does all the computing and touches no output; [`run`] then turns the result into
//! bytes for every requested file and hands them to the atomic writer, so a run that fails at
//! any point has written nothing.

use crate::axis::Axis;
use crate::config::{Config, DataSource, FigureOptions, Source};
use crate::data;
use crate::error::{Error, Result};
use crate::export;
use crate::family::{Family, SufficientStats};
use crate::inference::{self, Bound, Inference};
use crate::progress::{Progress, Silent};
use crate::render::{number, Figure};
use crate::sample;
use crate::sweep::{Grid, Sweep};
use serde::Serialize;
use std::collections::BTreeMap;

/// The numbers of a run, as written to `--json`. Values of the parameter (`mle`, intervals,
/// `range`) are in the plotted coordinate named by `param`; `mle_theta` and `theta_true` are
/// always in the family's own parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub dist: &'static str,
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
    pub theta_true: Option<f64>,
    /// The family's known parameters, e.g. `{"trials": 10}`.
    pub known: BTreeMap<&'static str, f64>,
    /// The maximum-likelihood estimate, in the plotted coordinate.
    pub mle: f64,
    /// The same estimate in the family's own parameter.
    pub mle_theta: f64,
    /// "closed form" or "numerical (…)".
    pub mle_method: &'static str,
    pub mle_on_boundary: bool,
    /// LL(θ̂).
    pub ll_max: f64,
    /// NLL(θ̂) = −LL(θ̂).
    pub nll_min: f64,
    /// Observed Fisher information J = −LL″(θ̂) in the plotted coordinate, or null.
    pub fisher_information: Option<f64>,
    /// Why `fisher_information` is null.
    pub fisher_information_note: Option<String>,
    /// 1/√J, or null.
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

/// Everything a run computed.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Summary,
    pub sweep: Sweep,
    /// The inference in the plotted coordinate.
    pub inference: Inference,
    axis: Axis,
    title: String,
    subtitle: String,
    figure: FigureOptions,
}

impl Outcome {
    /// The figure's view of the outcome.
    pub fn figure(&self) -> Figure<'_> {
        Figure {
            axis: &self.axis,
            sweep: &self.sweep,
            inference: &self.inference,
            n: self.summary.n,
            x_true: self.summary.theta_true.map(|t| self.axis.x(t)),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            options: &self.figure,
        }
    }
}

/// Samples or reads the observations, infers and sweeps the likelihood; writes nothing.
pub fn analyse(config: &Config) -> Result<Outcome> {
    analyse_with(config, &Silent)
}

/// [`analyse`], reporting the progress of sampling or reading to `progress`.
pub fn analyse_with(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    let family = config.family.as_ref();
    let stats = match &config.source {
        Source::Sample { n, theta, seed } => {
            sample::sample_stats_with(family, *theta, *n, *seed, progress)
        }
        Source::Data(source) => data::read_stats_with(family, source, progress)?,
    };
    let (mle, _) = inference::estimate(family, &stats);
    if !mle.is_finite() {
        return Err(degenerate(config, family));
    }
    let axis = &config.axis;
    let (lo, hi) = match config.range {
        Some(range) => range,
        None => default_range(family, &stats, mle, axis),
    };
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return Err(Error::Usage(format!(
            "the data are too concentrated (θ̂ = {mle}) for a default range; give one with --range=LO:HI"
        )));
    }
    let grid = Grid {
        lo,
        hi,
        points: config.points,
    };
    let theta_inference = inference::infer(family, &stats, config.level);
    let inference = theta_inference.on_axis(axis);
    let sweep = Sweep::evaluate(family, &stats, grid, axis);
    let summary = summarise(config, family, &stats, &theta_inference, &inference, &sweep);
    Ok(Outcome {
        title: config
            .figure
            .title
            .clone()
            .unwrap_or_else(|| default_title(family, axis, stats.n, inference.mle)),
        subtitle: subtitle(config, family, stats.n, &summary),
        axis: axis.clone(),
        figure: config.figure.clone(),
        summary,
        inference,
        sweep,
    })
}

/// Analyses, then writes every output atomically. Returns what was computed.
pub fn run(config: &Config) -> Result<Outcome> {
    run_with(config, &Silent)
}

/// [`run`], reporting the progress of sampling or reading to `progress`.
pub fn run_with(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    let outcome = analyse_with(config, progress)?;
    let files = config
        .outputs
        .iter()
        .map(|out| Ok((out.path.clone(), export::bytes(out.format, &outcome)?)))
        .collect::<Result<Vec<_>>>()?;
    export::writer::write_all(&files)?;
    Ok(outcome)
}

/// The family's default window, carried to the axis. An end that maps to an infinite natural
/// parameter (θ̂ on the boundary) is pulled just inside.
fn default_range(
    family: &dyn Family,
    stats: &SufficientStats,
    mle: f64,
    axis: &Axis,
) -> (f64, f64) {
    let (lo, hi) = family.default_range(stats, mle);
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

fn degenerate(config: &Config, family: &dyn Family) -> Error {
    let source_name = match &config.source {
        Source::Data(source) => source.name(),
        Source::Sample { .. } => "the sample".to_string(),
    };
    Error::Dataset {
        source_name,
        message: format!(
            "the maximum-likelihood estimate of {} is infinite (every observation is 0), so there is no curve to draw",
            family.param().symbol
        ),
    }
}

fn summarise(
    config: &Config,
    family: &dyn Family,
    stats: &SufficientStats,
    theta_inference: &Inference,
    inference: &Inference,
    sweep: &Sweep,
) -> Summary {
    let (source, data, seed, theta_true) = match &config.source {
        Source::Sample { theta, seed, .. } => ("sample", None, Some(*seed), Some(*theta)),
        Source::Data(source) => {
            let name = match source {
                DataSource::Stdin => "-".to_string(),
                DataSource::File(p) => p.display().to_string(),
            };
            ("data", Some(name), None, None)
        }
    };
    let (max_d2, concave) = sweep.concavity();
    Summary {
        dist: family.dist().name(),
        param: config.axis.symbol.clone(),
        parameterization: if config.axis.is_natural() {
            "natural"
        } else {
            "mean"
        },
        n: stats.n,
        source,
        data,
        seed,
        theta_true,
        known: family.known().into_iter().collect(),
        mle: inference.mle,
        mle_theta: theta_inference.mle,
        mle_method: inference.method.name(),
        mle_on_boundary: inference.on_boundary,
        ll_max: inference.ll_max,
        nll_min: -inference.ll_max,
        fisher_information: inference.information.as_ref().ok().copied(),
        fisher_information_note: inference.information.as_ref().err().cloned(),
        se: inference.se(),
        level: inference.level,
        threshold: inference.threshold,
        lr_interval: inference.lr.into(),
        wald_interval: inference.wald.map(|(a, b)| [a, b]),
        concave_on_grid: concave,
        max_second_difference: max_d2.is_finite().then_some(max_d2),
        range: [sweep.grid.lo, sweep.grid.hi],
        points: sweep.grid.points,
    }
}

fn default_title(family: &dyn Family, axis: &Axis, n: u64, mle: f64) -> String {
    format!(
        "{} likelihood: n = {n}, {} = {}",
        family.label(),
        axis.hat,
        number(mle)
    )
}

fn subtitle(config: &Config, family: &dyn Family, n: u64, summary: &Summary) -> String {
    let sym = family.param().symbol;
    let source = match &config.source {
        Source::Sample { theta, seed, .. } => {
            format!(
                "{n} draws with true {sym} = {} (seed {seed})",
                number(*theta)
            )
        }
        Source::Data(source) => format!("{n} observations from {}", source.name()),
    };
    let shape = if summary.concave_on_grid {
        "LL concave on the grid".to_string()
    } else {
        format!(
            "LL NOT concave on the grid (max second difference {})",
            number(summary.max_second_difference.unwrap_or(f64::NAN))
        )
    };
    format!("{source} · {} grid points · {shape}", config.points)
}
