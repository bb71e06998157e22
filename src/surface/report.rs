//! A two-parameter run from its plan to its bytes: sample, sweep the surface and both
//! profiles, and render the figure, CSV (`theta1,theta2,ll,nll`) and JSON summary.

use super::{default_ranges, grid, joint_threshold, profile, Pair, PairStats, Profile, Surface};
use crate::config::{Config, Format, PairSource, SurfacePlan};
use crate::data;
use crate::error::{Error, Result};
use crate::export::csv::float;
use crate::inference::threshold;
use crate::progress::Progress;
use crate::render::{self, number, ProfileFigure, SurfaceFigure};
use crate::sample::{chunk_rng, CHUNK};
use serde::Serialize;

/// Levels of the joint regions drawn as contours.
pub const JOINT_LEVELS: [f64; 2] = [0.6826894921370859, 0.95];

/// What a two-parameter run computed.
#[derive(Debug)]
pub struct SurfaceOutcome {
    pub surface: Surface,
    pub profiles: [Profile; 2],
    pub summary: SurfaceSummary,
}

/// The `--json` summary of a two-parameter run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurfaceSummary {
    pub dist: &'static str,
    pub params: [&'static str; 2],
    pub n: u64,
    /// `"sample"` or `"data"`.
    pub source: &'static str,
    /// The data file (`"-"` for standard input), or null for synthetic data.
    pub data: Option<String>,
    /// The seed and true (a, b) of synthetic data; null for data read from a file.
    pub seed: Option<u64>,
    pub theta_true: Option<[f64; 2]>,
    pub mle: [f64; 2],
    pub ll_max: f64,
    /// ΔNLL of each joint contour, with its level: −ln(1 − L).
    pub joint_contours: Vec<[f64; 2]>,
    pub level: f64,
    /// ½χ²₁(level), the profile intervals' threshold.
    pub threshold: f64,
    /// The profile likelihood-ratio interval of each parameter.
    pub profile_intervals: [[f64; 2]; 2],
    pub ranges: [[f64; 2]; 2],
    pub points: usize,
}

/// The sufficient statistics of n draws at the true parameters, chunked like the 1-D sampler
/// so that a seed gives the same data for any n prefix.
fn sample(model: &dyn Pair, truth: [f64; 2], n: u64, seed: u64) -> PairStats {
    let mut stats = PairStats::default();
    let mut buf = vec![0.0; CHUNK as usize];
    for c in 0..n.div_ceil(CHUNK) {
        let len = CHUNK.min(n - c * CHUNK) as usize;
        model.draw(truth, &mut chunk_rng(seed, c), &mut buf[..len]);
        model.observe(&mut stats, &buf[..len]);
    }
    stats
}

/// Samples or reads the observations, then sweeps the surface and both profiles.
pub fn analyse(plan: &SurfacePlan, level: f64, progress: &dyn Progress) -> Result<SurfaceOutcome> {
    let model = plan.model.as_ref();
    let stats = match &plan.source {
        &PairSource::Sample { n, truth, seed } => sample(model, truth, n, seed),
        PairSource::Data(source) => data::read_stats_with(model, source, progress)?,
    };
    let source_name = plan.source.name();
    if stats.n < 2 {
        return Err(Error::Dataset {
            source_name,
            message: "two parameters need at least two observations".to_string(),
        });
    }
    let mle = model.mle(&stats);
    if !(mle[0].is_finite() && mle[1].is_finite() && mle[1] > 0.0) {
        return Err(Error::Dataset {
            source_name,
            message: "the estimates are not finite (are all observations equal?)".to_string(),
        });
    }
    let defaults = default_ranges(model, &stats);
    let ranges = [
        plan.ranges[0].unwrap_or(defaults[0]),
        plan.ranges[1].unwrap_or(defaults[1]),
    ];
    let axes = ranges.map(|(lo, hi)| grid(lo, hi, plan.points));
    let surface = Surface::evaluate(model, &stats, axes[0].clone(), axes[1].clone());
    let c = threshold(level);
    let profiles = [0, 1].map(|k| {
        let (lo, hi) = ranges[k];
        profile(model, &stats, k, grid(lo, hi, 4 * plan.points), c)
    });
    let [(a, _), (b, _)] = model.names();
    let (source, data, seed, theta_true) = match &plan.source {
        &PairSource::Sample { truth, seed, .. } => ("sample", None, Some(seed), Some(truth)),
        PairSource::Data(source) => ("data", Some(source.name()), None, None),
    };
    let summary = SurfaceSummary {
        dist: model.dist(),
        params: [a, b],
        n: stats.n,
        source,
        data,
        seed,
        theta_true,
        mle,
        ll_max: surface.ll_max,
        joint_contours: JOINT_LEVELS
            .iter()
            .map(|&l| [joint_threshold(l), l])
            .collect(),
        level,
        threshold: c,
        profile_intervals: [0, 1].map(|k| [profiles[k].interval.0, profiles[k].interval.1]),
        ranges: ranges.map(|(lo, hi)| [lo, hi]),
        points: plan.points,
    };
    Ok(SurfaceOutcome {
        surface,
        profiles,
        summary,
    })
}

/// The bytes of one output of a two-parameter run.
pub fn bytes(format: Format, outcome: &SurfaceOutcome, config: &Config) -> Result<Vec<u8>> {
    let plan = config
        .surface
        .as_ref()
        .expect("a surface run has a surface plan");
    let model = plan.model.as_ref();
    let s = &outcome.surface;
    let [(_, pa), (_, pb)] = model.names();
    let n = outcome.summary.n;
    let observations = match &plan.source {
        PairSource::Sample { truth, seed, .. } => format!(
            "{n} draws with true ({}, {}) = ({}, {}) (seed {seed})",
            pa.symbol,
            pb.symbol,
            number(truth[0]),
            number(truth[1]),
        ),
        PairSource::Data(source) => format!("{n} observations from {}", source.name()),
    };
    let subtitle = format!("{observations} · {}×{} grid", s.a.len(), s.b.len());
    let title = config.figure.title.clone();
    match format {
        Format::Html | Format::Gif => Err(Error::Usage(
            "interactive pages and animations show one parameter: drop --sweep for .html or .gif"
                .to_string(),
        )),
        Format::Csv => {
            let mut out = String::from("theta1,theta2,ll,nll\n");
            for (i, &a) in s.a.iter().enumerate() {
                for (j, &b) in s.b.iter().enumerate() {
                    let ll = s.at(i, j);
                    out.push_str(&format!(
                        "{},{},{},{}\n",
                        float(a),
                        float(b),
                        float(ll),
                        float(-ll)
                    ));
                }
            }
            Ok(out.into_bytes())
        }
        Format::Json => {
            let mut out = serde_json::to_vec_pretty(&outcome.summary)
                .map_err(|e| Error::Render(format!("JSON export failed: {e}")))?;
            out.push(b'\n');
            Ok(out)
        }
        Format::Svg | Format::Png | Format::Pdf => {
            let svg = if let Some(k) = plan.profile_only {
                let me = model.names()[k].1;
                render::profile_svg(&ProfileFigure {
                    model,
                    profile: &outcome.profiles[k],
                    mle: s.mle,
                    ll_max: s.ll_max,
                    threshold: outcome.summary.threshold,
                    title: title.unwrap_or_else(|| {
                        format!(
                            "{} profile likelihood of {}: n = {}, {} = {}",
                            model.label(),
                            me.symbol,
                            outcome.summary.n,
                            me.hat,
                            number(s.mle[k])
                        )
                    }),
                    subtitle,
                    width: config.figure.width.to_px().round() as u32,
                    height: config.figure.height.to_px().round() as u32,
                })?
            } else {
                let contours = JOINT_LEVELS
                    .iter()
                    .map(|&l| {
                        (
                            joint_threshold(l),
                            format!(
                                "joint {} % region (ΔNLL = {})",
                                number(l * 100.0),
                                number(joint_threshold(l))
                            ),
                        )
                    })
                    .collect();
                render::surface_svg(&SurfaceFigure {
                    model,
                    surface: s,
                    profiles: [&outcome.profiles[0], &outcome.profiles[1]],
                    truth: outcome.summary.theta_true,
                    contours,
                    threshold: outcome.summary.threshold,
                    title: title.unwrap_or_else(|| {
                        format!(
                            "{} likelihood surface: n = {}, ({}, {}) = ({}, {})",
                            model.label(),
                            outcome.summary.n,
                            pa.hat,
                            pb.hat,
                            number(s.mle[0]),
                            number(s.mle[1])
                        )
                    }),
                    subtitle,
                    width: config.figure.width.to_px().round() as u32,
                    height: config.figure.height.to_px().round() as u32,
                })?
            };
            if format == Format::Svg {
                Ok(svg.into_bytes())
            } else if format == Format::Pdf {
                render::pdf_of_svg(&svg)
            } else {
                render::rasterise(
                    &svg,
                    config.figure.width.to_px().round() as u32,
                    config.figure.height.to_px().round() as u32,
                )
            }
        }
    }
}
