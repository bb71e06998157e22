//! Two parameters at once: the likelihood surface, its joint confidence regions and the
//! profile likelihood of each swept parameter.
//!
//! The NLL over a 2-D grid of the two swept parameters, any profiled parameter maximised at
//! every grid point. Its ΔNLL contours at −ln(1 − L) (1.15 for 68.3 %, 3.00 for 95 %) bound the
//! joint likelihood-ratio regions; maximising out the other swept parameter (and the profiled
//! ones) at every value of one gives that parameter's profile likelihood, a curve analysed
//! exactly like a one-parameter run (estimate, interval, information), on a finer grid.

use super::curve::{draws_from, params_of, refuse_unbounded, source_fields, CurveAnalysis};
use super::summary::SurfaceSummary;
use crate::config::{Config, Source};
use crate::digits::number;
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::inference::{self, Inference};
use crate::model::fit::refine;
use crate::model::{maximise, Curve, Fit, ProfileCurve};
use crate::sweep::{Grid, Sweep};
use rayon::prelude::*;

/// Levels of the joint regions drawn as contours.
pub const JOINT_LEVELS: [f64; 2] = [0.6826894921370859, 0.95];

/// ΔNLL of the joint likelihood-ratio region at level L: −ln(1 − L) = ½χ²₂(L).
pub fn joint_threshold(level: f64) -> f64 {
    -(-level).ln_1p()
}

/// LL on an `a × b` grid, row-major in a.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    /// `ll[i * b.len() + j]` = LL(a[i], b[j]) (profiled parameters maximised).
    pub ll: Vec<f64>,
    pub mle: [f64; 2],
    pub ll_max: f64,
}

impl Surface {
    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.ll[i * self.b.len() + j]
    }
}

/// Everything computed for a surface.
#[derive(Debug, Clone)]
pub struct SurfaceAnalysis {
    pub source: Source,
    pub n: u64,
    pub surface: Surface,
    /// Each profiled parameter's maximising value at every grid point (row-major), by name.
    pub nuisance: Vec<(String, Vec<f64>)>,
    /// The profile likelihood of each swept parameter, the other maximised.
    pub profiles: [CurveAnalysis; 2],
    /// The true values of the two swept parameters (synthetic data).
    pub truth: Option<[f64; 2]>,
    /// Every parameter at the joint maximum.
    pub estimate: Vec<f64>,
    pub title: String,
    pub subtitle: String,
    /// The `--optimize` path over the two swept parameters.
    pub optimizer: Option<super::optimizer::OptimizerPath>,
}

/// The surface of `config`'s two swept parameters from the statistics of `source`.
pub fn analyse_surface(
    config: &Config,
    source: &Source,
    stats: &SufficientStats,
) -> Result<SurfaceAnalysis> {
    let likelihood = &config.likelihood;
    let model = likelihood.model.as_ref();
    if stats.n < 2 {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: "two parameters need at least two observations".to_string(),
        });
    }
    refuse_unbounded(likelihood, source, stats)?;
    let free = likelihood.free();
    let joint = maximise(model, stats, &free, &likelihood.base());
    let [ia, ib] = [likelihood.swept[0], likelihood.swept[1]];
    if !(joint.ll.is_finite() && joint.theta.iter().all(|t| t.is_finite())) {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: "the joint maximum-likelihood estimate is not finite, so there is no surface to draw".to_string(),
        });
    }
    let curves = [ia, ib].map(|i| ProfileCurve::with_joint(model, stats, &free, i, joint.clone()));
    // Each axis: the given range, or the estimate ± 4 profile standard errors, inside the space.
    let ranges: Vec<(f64, f64)> = (0..2)
        .map(|k| {
            config.ranges[k].unwrap_or_else(|| {
                let mle = joint.theta[likelihood.swept[k]];
                let spread = curves[k].spread(mle);
                let space = likelihood.swept_param(k).space;
                let (mut lo, mut hi) = (mle - 4.0 * spread, mle + 4.0 * spread);
                if lo <= space.lo {
                    lo = space.lo + (mle - space.lo) * 0.05;
                }
                if hi >= space.hi {
                    hi = space.hi - (space.hi - mle) * 0.05;
                }
                (lo, hi)
            })
        })
        .collect();
    // The optimiser's path does not depend on the grid; a default window widens to show it.
    let optimizer = config.optimizer.as_ref().map(|o| {
        let spreads: Vec<f64> = (0..2)
            .map(|k| curves[k].spread(joint.theta[likelihood.swept[k]]))
            .collect();
        super::optimizer::optimize(
            o,
            likelihood,
            stats,
            config.figure.y,
            &joint.theta,
            &spreads,
        )
    });
    let ranges: Vec<(f64, f64)> = match &optimizer {
        Some(path) => (0..2)
            .map(|k| {
                if config.ranges[k].is_some() {
                    return ranges[k];
                }
                let xs: Vec<f64> = path.points.iter().map(|p| p.theta[k]).collect();
                super::optimizer::widen(ranges[k], &xs, likelihood.swept_param(k).space)
            })
            .collect(),
        None => ranges,
    };
    let axes: Vec<Vec<f64>> = ranges
        .iter()
        .map(|&(lo, hi)| grid_points(lo, hi, config.points_2d))
        .collect();
    let fits = evaluate(model, stats, &free, &joint, [ia, ib], &axes[0], &axes[1]);
    let surface = Surface {
        ll: fits.iter().map(|f| f.ll).collect(),
        a: axes[0].clone(),
        b: axes[1].clone(),
        mle: [joint.theta[ia], joint.theta[ib]],
        ll_max: joint.ll,
    };
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
    let truth = match source {
        Source::Sample { truth, .. } => {
            let value = |i: usize| likelihood.model.true_value(truth, i);
            value(ia).zip(value(ib)).map(|(a, b)| [a, b])
        }
        Source::Data(_) => None,
    };
    let profiles = [0, 1].map(|k| {
        profile_analysis(
            config,
            source,
            stats.n,
            &curves[k],
            ranges[k],
            4 * config.points_2d,
            truth.map(|t| t[k]),
        )
    });
    let [pa, pb] = [likelihood.swept_param(0), likelihood.swept_param(1)];
    let n = stats.n;
    let title = config.figure.title.clone().unwrap_or_else(|| {
        format!(
            "{} likelihood surface: n = {n}, ({}, {}) = ({}, {})",
            likelihood.label(),
            pa.hat,
            pb.hat,
            number(surface.mle[0]),
            number(surface.mle[1])
        )
    });
    let observations = match source {
        Source::Sample { truth, seed, .. } if likelihood.model.drawn().is_some() => {
            draws_from(likelihood, truth, n, *seed)
        }
        Source::Sample { truth, seed, .. } => format!(
            "{n} draws with true ({}, {}) = ({}, {}) (seed {seed})",
            pa.symbol,
            pb.symbol,
            number(truth[ia]),
            number(truth[ib]),
        ),
        Source::Data(data) => format!("{n} observations from {}", data.name()),
    };
    let subtitle = format!(
        "{observations} · {}×{} grid",
        surface.a.len(),
        surface.b.len()
    );
    Ok(SurfaceAnalysis {
        source: source.clone(),
        n,
        surface,
        nuisance,
        profiles,
        truth,
        estimate: joint.theta,
        title,
        subtitle,
        optimizer,
    })
}

/// The surface at every grid point: rows in parallel, each row warm-started along b from the
/// maximum at its first point (itself started from the joint estimate).
fn evaluate(
    model: &dyn crate::model::Model,
    stats: &SufficientStats,
    free: &[bool],
    joint: &Fit,
    [ia, ib]: [usize; 2],
    a: &[f64],
    b: &[f64],
) -> Vec<Fit> {
    let mut inner = free.to_vec();
    inner[ia] = false;
    inner[ib] = false;
    let profiled = inner.iter().any(|&f| f);
    a.par_iter()
        .flat_map_iter(|&x| {
            let mut previous = joint.theta.clone();
            b.iter()
                .map(|&y| {
                    let mut theta = previous.clone();
                    theta[ia] = x;
                    theta[ib] = y;
                    let fit = if profiled {
                        refine(model, stats, &inner, &theta)
                    } else {
                        Fit {
                            ll: model.ll(stats, &theta),
                            theta,
                            closed_form: true,
                        }
                    };
                    previous.clone_from(&fit.theta);
                    fit
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A surface's profile of one swept parameter as a curve: its sweep on a fine grid, its
/// inference, no texts of its own.
fn profile_analysis(
    config: &Config,
    source: &Source,
    n: u64,
    curve: &ProfileCurve,
    (lo, hi): (f64, f64),
    points: usize,
    truth: Option<f64>,
) -> CurveAnalysis {
    let grid = Grid { lo, hi, points };
    let x: Vec<f64> = (0..points).map(|i| grid.at(i)).collect();
    let fits = curve.sweep(&x);
    let sweep = Sweep {
        grid,
        theta: x.clone(),
        ll: fits.iter().map(|f| f.ll).collect(),
        x,
    };
    let inference: Inference = inference::infer(curve, config.level);
    let (max_second_difference, concave) = sweep.concavity();
    CurveAnalysis {
        source: source.clone(),
        n,
        sweep,
        nuisance: Vec::new(),
        theta_inference: inference.clone(),
        inference,
        estimate: curve.joint().theta.clone(),
        x_true: truth,
        title: String::new(),
        subtitle: String::new(),
        concave,
        max_second_difference,
        prior: None,
        rows: Vec::new(),
        optimizer: None,
        tests: None,
    }
}

/// An evenly spaced grid from its index, both ends included.
pub fn grid_points(lo: f64, hi: f64, points: usize) -> Vec<f64> {
    let grid = Grid { lo, hi, points };
    (0..points).map(|i| grid.at(i)).collect()
}

/// Segments of the level set {LL_max − LL = level} by marching squares, in (a, b) coordinates.
pub fn contour(surface: &Surface, level: f64) -> Vec<[(f64, f64); 2]> {
    let (na, nb) = (surface.a.len(), surface.b.len());
    let d = |i: usize, j: usize| surface.ll_max - surface.at(i, j) - level;
    let mut segments = Vec::new();
    for i in 0..na.saturating_sub(1) {
        for j in 0..nb.saturating_sub(1) {
            // Corners counter-clockwise from (i, j).
            let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            let v: Vec<f64> = corners.iter().map(|&(p, q)| d(p, q)).collect();
            if v.iter().any(|x| !x.is_finite()) {
                continue;
            }
            let point = |k: usize| (surface.a[corners[k].0], surface.b[corners[k].1]);
            let mut crossings = Vec::with_capacity(4);
            for k in 0..4 {
                let (v0, v1) = (v[k], v[(k + 1) % 4]);
                if (v0 < 0.0) != (v1 < 0.0) {
                    let t = v0 / (v0 - v1);
                    let (p0, p1) = (point(k), point((k + 1) % 4));
                    crossings.push((p0.0 + t * (p1.0 - p0.0), p0.1 + t * (p1.1 - p0.1)));
                }
            }
            match crossings.len() {
                2 => segments.push([crossings[0], crossings[1]]),
                4 => {
                    // A saddle: pair the crossings by the centre's side.
                    let centre = v.iter().sum::<f64>() / 4.0;
                    if (centre < 0.0) == (v[0] < 0.0) {
                        segments.push([crossings[0], crossings[3]]);
                        segments.push([crossings[1], crossings[2]]);
                    } else {
                        segments.push([crossings[0], crossings[1]]);
                        segments.push([crossings[2], crossings[3]]);
                    }
                }
                _ => {}
            }
        }
    }
    segments
}

/// The `--json` summary of a surface.
pub fn summarise(config: &Config, analysis: &SurfaceAnalysis) -> SurfaceSummary {
    let likelihood = &config.likelihood;
    let (source, data, seed) = source_fields(&analysis.source);
    let s = &analysis.surface;
    let interval = |k: usize| {
        let lr = analysis.profiles[k].inference.lr;
        [lr.0.value, lr.1.value]
    };
    SurfaceSummary {
        dist: likelihood.model.name().to_string(),
        model: likelihood.model.expression().map(str::to_string),
        swept: [0, 1].map(|k| likelihood.swept_param(k).name.clone()),
        params: params_of(likelihood, &analysis.estimate),
        n: analysis.n,
        source,
        data,
        seed,
        theta_true: analysis.truth,
        mle: s.mle,
        ll_max: s.ll_max,
        joint_contours: JOINT_LEVELS
            .iter()
            .map(|&l| [joint_threshold(l), l])
            .collect(),
        level: config.level,
        threshold: inference::threshold(config.level),
        profile_intervals: [interval(0), interval(1)],
        ranges: [
            [s.a[0], *s.a.last().unwrap_or(&s.a[0])],
            [s.b[0], *s.b.last().unwrap_or(&s.b[0])],
        ],
        points: config.points_2d,
        undefined_points: likelihood
            .model
            .expression()
            .map(|_| s.ll.iter().filter(|v| v.is_nan()).count()),
        optimizer: analysis.optimizer.clone(),
    }
}
