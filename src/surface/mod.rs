//! Two parameters at once: the likelihood surface, its joint confidence regions and the
//! profile likelihood of each parameter.
//!
//! With both parameters of a normal (μ, σ) or a gamma (shape, rate) unknown, the NLL becomes
//! a surface over a 2-D grid. Its ΔNLL contours at −ln(1 − L) (1.15 for 68.3 %, 3.00 for 95 %)
//! bound the joint likelihood-ratio regions; maximising out one parameter at every value of the
//! other gives the profile likelihood, whose own ½χ²₁ crossings (1.92 at 95 %) are the profile
//! intervals. Nuisance parameters are maximised in closed form where one exists (σ̂(μ), μ̂(σ),
//! β̂(k)) and numerically otherwise (k̂(β), a root of ψ(k) = ln β + mean ln x).

mod gamma;
mod normal;
pub mod report;

pub use gamma::GammaShapeRate;
pub use normal::NormalMeanSd;

use crate::family::{CompensatedSum, ParamName, ParamSpace, Rng, SufficientStats};
use crate::inference::solve::brent;
use rayon::prelude::*;

/// The running sums a two-parameter model needs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PairStats {
    pub n: u64,
    /// Shifted moments of x (count included), for the normal.
    pub moments: SufficientStats,
    /// Σ x
    pub sum: CompensatedSum,
    /// Σ ln x, for the gamma.
    pub sum_log: CompensatedSum,
}

impl PairStats {
    /// Folds in the statistics of a later part of the same observations (the data reader's
    /// groups), in the same order every time.
    pub fn merge(&mut self, later: &PairStats) {
        self.n += later.n;
        self.moments.merge(&later.moments);
        self.sum.merge(&later.sum);
        self.sum_log.merge(&later.sum_log);
    }
}

impl crate::data::Observer for dyn Pair + '_ {
    type Stats = PairStats;
    fn model_name(&self) -> String {
        self.dist().to_string()
    }
    fn check_value(&self, x: f64) -> Result<(), String> {
        self.check(x)
    }
    fn observe_values(&self, stats: &mut PairStats, xs: &[f64]) {
        self.observe(stats, xs)
    }
    fn merge(total: &mut PairStats, part: &PairStats) {
        total.merge(part)
    }
    fn count(stats: &PairStats) -> u64 {
        stats.n
    }
}

/// A model with two unknown parameters (a, b).
pub trait Pair: Send + Sync + std::fmt::Debug {
    /// The `--dist` name.
    fn dist(&self) -> &'static str;
    /// The title's name of the model, e.g. "Normal(μ, σ)".
    fn label(&self) -> &'static str;
    /// The two parameters as named on the command line (`--sweep mu,sigma`) and on the axes.
    fn names(&self) -> [(&'static str, ParamName); 2];
    fn space(&self) -> [ParamSpace; 2];
    fn default_true(&self) -> [f64; 2];
    fn check_true(&self, truth: [f64; 2]) -> Result<(), String>;
    /// Whether one observation lies in the support; the reason says what it must be.
    fn check(&self, x: f64) -> Result<(), String>;
    fn draw(&self, truth: [f64; 2], rng: &mut Rng, out: &mut [f64]);
    fn observe(&self, stats: &mut PairStats, xs: &[f64]);
    fn ll(&self, stats: &PairStats, a: f64, b: f64) -> f64;
    fn mle(&self, stats: &PairStats) -> [f64; 2];
    /// b̂(a): the b that maximises LL with a held fixed.
    fn best_b(&self, stats: &PairStats, a: f64) -> f64;
    /// â(b): the a that maximises LL with b held fixed.
    fn best_a(&self, stats: &PairStats, b: f64) -> f64;
    /// Standard errors of (â, b̂) from the observed information, for the default window.
    fn spread(&self, stats: &PairStats, mle: [f64; 2]) -> [f64; 2];
}

/// The two-parameter models, by `--dist` name and `--sweep` pair.
pub fn build(dist: &str, sweep: &[String]) -> Result<Box<dyn Pair>, String> {
    let models: [Box<dyn Pair>; 2] = [Box::new(NormalMeanSd), Box::new(GammaShapeRate)];
    let names: Vec<String> = models
        .iter()
        .map(|m| {
            let [(a, _), (b, _)] = m.names();
            format!("--dist {} --sweep {a},{b}", m.dist())
        })
        .collect();
    for model in models {
        let [(a, _), (b, _)] = model.names();
        if model.dist() == dist && sweep.len() == 2 && sweep[0] == a && sweep[1] == b {
            return Ok(model);
        }
    }
    Err(format!(
        "no two-parameter model for --dist {dist} --sweep {} (available: {})",
        sweep.join(","),
        names.join("; ")
    ))
}

/// ΔNLL of the joint likelihood-ratio region at level L: −ln(1 − L) = ½χ²₂(L).
pub fn joint_threshold(level: f64) -> f64 {
    -(-level).ln_1p()
}

/// The sweep of a surface: LL on an `a × b` grid, row-major in a.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    pub a: Vec<f64>,
    pub b: Vec<f64>,
    /// `ll[i * b.len() + j]` = LL(a[i], b[j]).
    pub ll: Vec<f64>,
    pub mle: [f64; 2],
    pub ll_max: f64,
}

impl Surface {
    pub fn evaluate(model: &dyn Pair, stats: &PairStats, a: Vec<f64>, b: Vec<f64>) -> Surface {
        let ll: Vec<f64> = a
            .par_iter()
            .flat_map_iter(|&x| b.iter().map(move |&y| (x, y)))
            .map(|(x, y)| model.ll(stats, x, y))
            .collect();
        let mle = model.mle(stats);
        let ll_max = model.ll(stats, mle[0], mle[1]);
        Surface {
            a,
            b,
            ll,
            mle,
            ll_max,
        }
    }

    pub fn at(&self, i: usize, j: usize) -> f64 {
        self.ll[i * self.b.len() + j]
    }
}

/// A profile likelihood: LL maximised over the nuisance parameter at each value of the other.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Which parameter (0 = a, 1 = b) is profiled.
    pub which: usize,
    pub x: Vec<f64>,
    /// Profile LL at each x.
    pub ll: Vec<f64>,
    /// The profile likelihood-ratio interval at the level's ½χ²₁ threshold.
    pub interval: (f64, f64),
}

/// The profile log-likelihood of parameter `which` at value `x`.
pub fn profile_ll(model: &dyn Pair, stats: &PairStats, which: usize, x: f64) -> f64 {
    if which == 0 {
        model.ll(stats, x, model.best_b(stats, x))
    } else {
        model.ll(stats, model.best_a(stats, x), x)
    }
}

/// The profile of `which` over `xs`, with its interval solved by root finding.
pub fn profile(
    model: &dyn Pair,
    stats: &PairStats,
    which: usize,
    xs: Vec<f64>,
    threshold: f64,
) -> Profile {
    let ll: Vec<f64> = xs
        .par_iter()
        .map(|&x| profile_ll(model, stats, which, x))
        .collect();
    let mle = model.mle(stats);
    let ll_max = model.ll(stats, mle[0], mle[1]);
    let centre = mle[which];
    let space = model.space()[which];
    let spread = model.spread(stats, mle)[which];
    let excess = |x: f64| ll_max - profile_ll(model, stats, which, x) - threshold;
    let end = |direction: f64| {
        let edge = if direction < 0.0 { space.lo } else { space.hi };
        let mut step = spread;
        let mut inner = centre;
        for _ in 0..200 {
            let mut outer = centre + direction * step;
            if (direction < 0.0 && outer <= edge) || (direction > 0.0 && outer >= edge) {
                // Stop just inside an open edge (σ > 0, rates > 0).
                outer = edge - direction * (edge - inner).abs() * 1e-9;
                if excess(outer) < 0.0 {
                    return edge;
                }
            }
            if excess(outer) >= 0.0 {
                let tol = 1e-12 * inner.abs().max(outer.abs());
                return brent(excess, inner, outer, tol);
            }
            inner = outer;
            step *= 2.0;
        }
        edge
    };
    Profile {
        which,
        x: xs,
        ll,
        interval: (end(-1.0), end(1.0)),
    }
}

/// An evenly spaced grid from its index, both ends included.
pub fn grid(lo: f64, hi: f64, points: usize) -> Vec<f64> {
    (0..points)
        .map(|i| {
            if i + 1 == points {
                hi
            } else {
                lo + i as f64 * (hi - lo) / (points - 1) as f64
            }
        })
        .collect()
}

/// The default window of each parameter: the estimate ± 4 standard errors, inside the space.
pub fn default_ranges(model: &dyn Pair, stats: &PairStats) -> [(f64, f64); 2] {
    let mle = model.mle(stats);
    let se = model.spread(stats, mle);
    let space = model.space();
    std::array::from_fn(|k| {
        let (mut lo, mut hi) = (mle[k] - 4.0 * se[k], mle[k] + 4.0 * se[k]);
        if lo <= space[k].lo {
            lo = space[k].lo + (mle[k] - space[k].lo) * 0.05;
        }
        if hi >= space[k].hi {
            hi = space[k].hi - (space[k].hi - mle[k]) * 0.05;
        }
        (lo, hi)
    })
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

#[cfg(test)]
mod tests;
