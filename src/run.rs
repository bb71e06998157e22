//! The pipeline: checked config → observations → sweep → figure and exports.
//!
//! [`analyse`] does all the computing and touches no output; [`run`] then turns the result into
//! bytes for every requested file and hands them to the atomic writer, so a run that fails at
//! any point has written nothing.

use crate::config::{Config, Source};
use crate::data;
use crate::error::{Error, Result};
use crate::export;
use crate::family::{Family, SufficientStats};
use crate::render::{number, Figure};
use crate::sample;
use crate::sweep::{Grid, Sweep};
use serde::Serialize;
use std::collections::BTreeMap;

/// The numbers of a run, as written to `--json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub dist: &'static str,
    /// The swept parameter's symbol.
    pub param: &'static str,
    pub n: u64,
    /// `"sample"` or `"data"`.
    pub source: &'static str,
    /// The data file (`"-"` for standard input), or null for synthetic data.
    pub data: Option<String>,
    pub seed: Option<u64>,
    pub theta_true: Option<f64>,
    /// The family's known parameters, e.g. `{"trials": 10}`.
    pub known: BTreeMap<&'static str, f64>,
    /// The closed-form maximum-likelihood estimate θ̂.
    pub mle: f64,
    /// LL(θ̂).
    pub ll_max: f64,
    /// NLL(θ̂) = −LL(θ̂).
    pub nll_min: f64,
    pub range: [f64; 2],
    pub points: usize,
}

/// Everything a run computed.
#[derive(Debug)]
pub struct Outcome {
    pub summary: Summary,
    pub sweep: Sweep,
    title: String,
    subtitle: String,
    param: crate::family::ParamName,
    width: u32,
    height: u32,
}

impl Outcome {
    /// The figure's view of the outcome.
    pub fn figure(&self) -> Figure<'_> {
        Figure {
            param: self.param,
            sweep: &self.sweep,
            mle: self.summary.mle,
            ll_max: self.summary.ll_max,
            theta_true: self.summary.theta_true,
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            width: self.width,
            height: self.height,
        }
    }
}

/// Samples or reads the observations and sweeps the likelihood; writes nothing.
pub fn analyse(config: &Config) -> Result<Outcome> {
    let family = config.family.as_ref();
    let stats = match &config.source {
        Source::Sample { n, theta, seed } => sample::sample_stats(family, *theta, *n, *seed),
        Source::Data(source) => data::read_stats(family, source)?,
    };
    if let Some(why) = family.unbounded(&stats) {
        return Err(degenerate(config, why));
    }
    let mle = crate::family::estimate(family, &stats);
    if !mle.is_finite() {
        let why = format!(
            "the maximum-likelihood estimate of {} is {mle}",
            family.param().symbol
        );
        return Err(degenerate(config, why));
    }
    let (lo, hi) = match config.range {
        Some(range) => range,
        None => family.default_range(&stats, mle),
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
    let sweep = Sweep::evaluate(family, &stats, grid);
    let ll_max = family.ll(&stats, mle);
    Ok(Outcome {
        summary: summarise(config, family, &stats, mle, ll_max, grid),
        title: config
            .figure
            .title
            .clone()
            .unwrap_or_else(|| default_title(family, stats.n, mle)),
        subtitle: subtitle(config, family, stats.n),
        param: family.param(),
        width: config.figure.width,
        height: config.figure.height,
        sweep,
    })
}

/// Analyses, then writes every output atomically. Returns what was computed.
pub fn run(config: &Config) -> Result<Outcome> {
    let outcome = analyse(config)?;
    let files = config
        .outputs
        .iter()
        .map(|out| Ok((out.path.clone(), export::bytes(out.format, &outcome)?)))
        .collect::<Result<Vec<_>>>()?;
    export::writer::write_all(&files)?;
    Ok(outcome)
}

/// Data that leave LL without a finite maximum, `why` saying how.
fn degenerate(config: &Config, why: String) -> Error {
    let source_name = match &config.source {
        Source::Data(source) => source.name(),
        Source::Sample { .. } => "the sample".to_string(),
    };
    Error::Dataset {
        source_name,
        message: format!("{why}: there is no maximum-likelihood estimate and no curve to draw"),
    }
}

fn summarise(
    config: &Config,
    family: &dyn Family,
    stats: &SufficientStats,
    mle: f64,
    ll_max: f64,
    grid: Grid,
) -> Summary {
    let (source, data, seed, theta_true) = match &config.source {
        Source::Sample { theta, seed, .. } => ("sample", None, Some(*seed), Some(*theta)),
        Source::Data(source) => {
            let name = match source {
                crate::config::DataSource::Stdin => "-".to_string(),
                crate::config::DataSource::File(p) => p.display().to_string(),
            };
            ("data", Some(name), None, None)
        }
    };
    Summary {
        dist: family.dist().name(),
        param: family.param().symbol,
        n: stats.n,
        source,
        data,
        seed,
        theta_true,
        known: family.known().into_iter().collect(),
        mle,
        ll_max,
        nll_min: -ll_max,
        range: [grid.lo, grid.hi],
        points: grid.points,
    }
}

fn default_title(family: &dyn Family, n: u64, mle: f64) -> String {
    format!(
        "{} likelihood: n = {n}, {} = {}",
        family.label(),
        family.param().hat,
        number(mle)
    )
}

fn subtitle(config: &Config, family: &dyn Family, n: u64) -> String {
    let sym = family.param().symbol;
    let grid = format!("{} grid points", config.points);
    match &config.source {
        Source::Sample { theta, seed, .. } => format!(
            "{n} draws with true {sym} = {} (seed {seed}) · {grid}",
            number(*theta)
        ),
        Source::Data(source) => format!("{n} observations from {} · {grid}", source.name()),
    }
}
