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
    /// With `-n` given a list: each sample size's estimate and interval, smallest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlay: Vec<OverlaySummary>,
}

/// One sample size of a `-n 10,100,1000` overlay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverlaySummary {
    pub n: u64,
    pub mle: f64,
    pub ll_max: f64,
    pub lr_interval: IntervalSummary,
}

/// Another sample size's curve on the main curve's grid.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub n: u64,
    pub ll: Vec<f64>,
    pub inference: Inference,
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
    /// One curve per sample size of a `-n` list (empty for a single curve).
    pub overlays: Vec<Overlay>,
    /// Fixed y ranges of the two panels (animation frames share them).
    pub y_fixed: Option<[(f64, f64); 2]>,
    axis: Axis,
    pub(crate) title: String,
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
            overlays: &self.overlays,
            y_fixed: self.y_fixed,
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            options: &self.figure,
        }
    }
}

/// Samples or reads the observations, infers and sweeps the likelihood; writes nothing.
/// With `-n` given a list, one curve per sample size is swept on a common grid (the smallest
/// sample's window, the widest); the largest sample is the main curve.
pub fn analyse(config: &Config) -> Result<Outcome> {
    analyse_with(config, &Silent)
}

/// [`analyse`], reporting the progress of sampling or reading to `progress`.
pub fn analyse_with(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    let family = config.family.as_ref();
    let stats = observe(config, &config.source, progress)?;
    if config.overlay.is_empty() {
        return analyse_stats(config, &config.source, stats, config.range);
    }
    let Source::Sample { theta, seed, .. } = config.source else {
        unreachable!("the config allows a list of sample sizes only for synthetic data");
    };
    let parts: Vec<(u64, SufficientStats)> = config
        .overlay
        .iter()
        .map(|&n| (n, sample::sample_stats(family, theta, n, seed)))
        .collect();
    let range = match config.range {
        Some(range) => Some(range),
        None => {
            let (n, smallest) = &parts[0];
            let source = Source::Sample { n: *n, theta, seed };
            let mle = estimate_or_refuse(family, &source, smallest)?;
            Some(default_range(family, smallest, mle, &config.axis))
        }
    };
    let mut outcome = analyse_stats(config, &config.source, stats, range)?;
    for (n, part) in parts {
        let source = Source::Sample { n, theta, seed };
        let one = analyse_stats(config, &source, part, range)?;
        outcome.overlays.push(Overlay {
            n,
            ll: one.sweep.ll,
            inference: one.inference,
        });
    }
    outcome.summary.overlay = outcome
        .overlays
        .iter()
        .map(|o| OverlaySummary {
            n: o.n,
            mle: o.inference.mle,
            ll_max: o.inference.ll_max,
            lr_interval: o.inference.lr.into(),
        })
        .collect();
    Ok(outcome)
}

/// Samples or reads the observations of `source`, reporting progress.
pub(crate) fn observe(
    config: &Config,
    source: &Source,
    progress: &dyn Progress,
) -> Result<SufficientStats> {
    let family = config.family.as_ref();
    Ok(match source {
        Source::Sample { n, theta, seed } => {
            sample::sample_stats_with(family, *theta, *n, *seed, progress)
        }
        Source::Data(data_source) => data::read_stats_with(family, data_source, progress)?,
    })
}

/// Infers and sweeps from given statistics, on `range` or the family's default window.
pub(crate) fn analyse_stats(
    config: &Config,
    source: &Source,
    stats: SufficientStats,
    range: Option<(f64, f64)>,
) -> Result<Outcome> {
    let family = config.family.as_ref();
    let mle = estimate_or_refuse(family, source, &stats)?;
    let axis = &config.axis;
    let (lo, hi) = match range {
        Some(range) => range,
        None => default_range(family, &stats, mle, axis),
    };
    if lo.partial_cmp(&hi) != Some(std::cmp::Ordering::Less) {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: format!(
                "the observations are too concentrated (θ̂ = {}) for a default range; give one with --range=LO:HI",
                number(mle)
            ),
        });
    }
    let grid = Grid {
        lo,
        hi,
        points: config.points,
    };
    let theta_inference = inference::infer(family, &stats, config.level);
    let inference = theta_inference.on_axis(axis);
    let sweep = Sweep::evaluate(family, &stats, grid, axis);
    let summary = summarise(
        config,
        source,
        family,
        &stats,
        &theta_inference,
        &inference,
        &sweep,
    );
    Ok(Outcome {
        title: config
            .figure
            .title
            .clone()
            .unwrap_or_else(|| default_title(family, axis, stats.n, inference.mle)),
        subtitle: subtitle(config, source, family, stats.n, &summary),
        axis: axis.clone(),
        figure: config.figure.clone(),
        summary,
        inference,
        sweep,
        overlays: Vec::new(),
        y_fixed: None,
    })
}

/// What a run computed: one curve, or a two-parameter surface.
#[derive(Debug)]
pub enum Computed {
    Curve(Box<Outcome>),
    Surface(Box<crate::surface::report::SurfaceOutcome>),
}

impl Computed {
    /// The one line the command prints on success: the estimate and the files written.
    pub fn report(&self, config: &Config) -> String {
        let paths: Vec<_> = config
            .outputs
            .iter()
            .map(|o| o.path.display().to_string())
            .collect();
        let estimate = match self {
            Computed::Curve(outcome) => {
                let s = &outcome.summary;
                format!(
                    "{}: n = {}, {}̂ = {}, LL = {}",
                    s.dist,
                    s.n,
                    s.param,
                    crate::digits::shortest(s.mle),
                    crate::digits::shortest(s.ll_max)
                )
            }
            Computed::Surface(outcome) => {
                let s = &outcome.summary;
                format!(
                    "{}: n = {}, ({}, {}) = ({}, {}), LL = {}",
                    s.dist,
                    s.n,
                    s.params[0],
                    s.params[1],
                    crate::digits::shortest(s.mle[0]),
                    crate::digits::shortest(s.mle[1]),
                    crate::digits::shortest(s.ll_max)
                )
            }
        };
        format!("{estimate}; wrote {}", paths.join(", "))
    }
}

/// Analyses, then writes every output atomically; dispatches `--sweep` runs to the surface.
pub fn run_any(config: &Config, progress: &dyn Progress) -> Result<Computed> {
    let Some(plan) = &config.surface else {
        return run_with(config, progress).map(|o| Computed::Curve(Box::new(o)));
    };
    let outcome = crate::surface::report::analyse(plan, config.level, progress)?;
    let files = config
        .outputs
        .iter()
        .map(|out| {
            Ok((
                out.path.clone(),
                crate::surface::report::bytes(out.format, &outcome, config)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    export::writer::write_all(&files)?;
    Ok(Computed::Surface(Box::new(outcome)))
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
        .map(|out| {
            Ok((
                out.path.clone(),
                export::bytes(out.format, &outcome, config)?,
            ))
        })
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

/// θ̂, or the error for data whose LL has no finite maximum: the family says why where it
/// knows (all-zero waiting times, normal data all at the known mean …).
fn estimate_or_refuse(
    family: &dyn Family,
    source: &Source,
    stats: &SufficientStats,
) -> Result<f64> {
    let source_name = || source.name();
    if stats.sum.value().is_infinite() {
        // Each value was finite, but their running sum is not: every LL would be ±∞ or NaN.
        return Err(Error::Dataset {
            source_name: source_name(),
            message: "the observations sum to more than 1.8e308, the largest double; rescale them (divide every value by a power of ten)".to_string(),
        });
    }
    if let Some(why) = family.unbounded(stats) {
        return Err(Error::Dataset {
            source_name: source_name(),
            message: why,
        });
    }
    let (mle, _) = inference::estimate(family, stats);
    if !mle.is_finite() {
        return Err(Error::Dataset {
            source_name: source_name(),
            message: format!(
                "the maximum-likelihood estimate of {} is {mle}, so there is no curve to draw",
                family.param().symbol
            ),
        });
    }
    Ok(mle)
}

fn summarise(
    config: &Config,
    source: &Source,
    family: &dyn Family,
    stats: &SufficientStats,
    theta_inference: &Inference,
    inference: &Inference,
    sweep: &Sweep,
) -> Summary {
    let (source, data, seed, theta_true) = match source {
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
        // 0 − LL rather than −LL: all-zero data have LL(θ̂) = 0, and the JSON should not say −0.
        nll_min: 0.0 - inference.ll_max,
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
        overlay: Vec::new(),
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

fn subtitle(
    config: &Config,
    source: &Source,
    family: &dyn Family,
    n: u64,
    summary: &Summary,
) -> String {
    let sym = family.param().symbol;
    let source = match source {
        Source::Sample { theta, seed, .. } => {
            format!(
                "{n} {} with true {sym} = {} (seed {seed})",
                if n == 1 { "draw" } else { "draws" },
                number(*theta)
            )
        }
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
