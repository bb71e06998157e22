//! `--optimize`: the path of an optimiser minimising the NLL as plotted, for the figure, the
//! animation and the JSON summary.
//!
//! The loss is the NLL the figure plots — the total, or NLL/n under `--y per-obs` (ΔNLL
//! differs from the total by a constant, so its path is the total's) — as a function of the
//! swept parameter(s) alone: profiled parameters are maximised at every point, so the gradient
//! is the profile's (by the envelope theorem the partial derivative at the inner maximum) and
//! the Hessian is its Schur complement H_ss − H_sp·H_pp⁻¹·H_ps. Every derivative is exact
//! ([`Model::ll_derivatives`](crate::model::Model::ll_derivatives), dual numbers; where a
//! hand-written one-parameter family evaluates the run, its own analytic score and curvature
//! on the statistics it keeps), never a finite difference, and the code knows nothing of any
//! model in particular.
//!
//! The path ends early in three ways, each reported: it **converged** (the Newton decrement
//! ½·gᵀH⁻¹g of the total NLL, with H positive definite, is below [`CONVERGED`]: the point
//! is within about 1.4·10⁻⁹ standard errors of a local minimum), it reached the **boundary** (a
//! step that would leave the parameter space is cut where it meets the boundary, and the path
//! stops there), or it **diverged** (a value stopped being finite: the path ends at the last
//! finite point). A path is never NaN.

use crate::config::{OptimizeMethod, Optimizer, YScale};
use crate::family::{ParamSpace, SufficientStats};
use crate::model::fit::refine;
use crate::model::Likelihood;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

/// The Newton decrement ½·gᵀH⁻¹g (total NLL units) below which a point counts as converged:
/// the NLL is within 10⁻¹⁸ of its local minimum, about 1.4·10⁻⁹ standard errors away (½δ²/SE²
/// = 10⁻¹⁸) — still far above the rounding of the gradient's sum, even for 10⁸ observations.
pub const CONVERGED: f64 = 1e-18;
/// How far a figure's axes widen to show a diverging path: at most this many times the
/// default window's width (a path beyond is cut at the frame, and the caption says so).
pub const WIDEN_CAP: f64 = 10.0;
/// Adam's constants, the standard ones.
const BETA1: f64 = 0.9;
const BETA2: f64 = 0.999;
const EPSILON: f64 = 1e-8;

/// Why a path ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// It took every step asked for.
    Steps,
    /// It reached a local minimum (see [`CONVERGED`]).
    Converged,
    /// A step would have left the parameter space; the last point is on its boundary.
    Boundary,
    /// A value stopped being finite; the last point is the last finite one.
    Diverged,
}

impl Stop {
    pub fn name(self) -> &'static str {
        match self {
            Stop::Steps => "steps",
            Stop::Converged => "converged",
            Stop::Boundary => "boundary",
            Stop::Diverged => "diverged",
        }
    }
}

/// One point of a path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPoint {
    pub step: usize,
    /// The swept parameters, in axis order.
    pub theta: Vec<f64>,
    /// Every parameter of the model there, profiled ones at their maximum: what a frame of an
    /// animation (and a data panel's fitted curve) needs.
    pub full: Vec<f64>,
    /// The total LL there (for drawing under any y scale); −∞ on a boundary where the model
    /// has no likelihood.
    pub ll: f64,
    /// The NLL as plotted (total, or per observation); `None` where it is not finite.
    pub nll: Option<f64>,
    /// Its gradient over the swept parameters; `None` on the boundary.
    pub grad: Option<Vec<f64>>,
    /// Whether this point is where a step was cut at the boundary of the space.
    pub boundary: bool,
}

/// The path of one optimiser from its start.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerPath {
    pub method: OptimizeMethod,
    /// The learning rate used (given or default); `None` for Newton.
    pub lr: Option<f64>,
    /// β of the momentum method.
    pub momentum: Option<f64>,
    /// The steps asked for (the path may be shorter, see [`Stop`]).
    pub steps: usize,
    /// The swept parameters' names, in axis order.
    pub names: Vec<String>,
    /// Step 0 is the start.
    pub points: Vec<PathPoint>,
    pub stop: Stop,
    /// Whether the last point is a local minimum (see [`CONVERGED`]).
    pub converged: bool,
    /// Whether the start was the default one (θ̂ − 2 SE, see [`default_start`]).
    pub default_start: bool,
}

/// A number in one dimension, an object by parameter name in two.
struct ByName<'a>(&'a [String], &'a [f64]);

impl Serialize for ByName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.1.len() == 1 {
            return serializer.serialize_f64(self.1[0]);
        }
        let mut map = serializer.serialize_map(Some(self.1.len()))?;
        for (name, v) in self.0.iter().zip(self.1) {
            map.serialize_entry(name, v)?;
        }
        map.end()
    }
}

/// One point as the JSON holds it.
struct PointJson<'a>(&'a [String], &'a PathPoint);

impl Serialize for PointJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (names, p) = (self.0, self.1);
        let mut st = serializer.serialize_struct("point", 5)?;
        st.serialize_field("step", &p.step)?;
        st.serialize_field("theta", &ByName(names, &p.theta))?;
        st.serialize_field("nll", &p.nll)?;
        st.serialize_field("grad", &p.grad.as_deref().map(|g| ByName(names, g)))?;
        st.serialize_field("boundary", &p.boundary)?;
        st.end()
    }
}

/// The JSON summary's `optimizer`: method, rate, steps, whether and why it stopped, and the
/// path (step 0 the start).
impl Serialize for OptimizerPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut st = serializer.serialize_struct("optimizer", 8)?;
        st.serialize_field("method", self.method.name())?;
        st.serialize_field("lr", &self.lr)?;
        st.serialize_field("momentum", &self.momentum)?;
        st.serialize_field("steps", &self.steps)?;
        st.serialize_field("converged", &self.converged)?;
        st.serialize_field("stop", self.stop.name())?;
        st.serialize_field(
            "start",
            if self.default_start {
                "default"
            } else {
                "given"
            },
        )?;
        let points: Vec<PointJson> = self
            .points
            .iter()
            .map(|p| PointJson(&self.names, p))
            .collect();
        st.serialize_field("path", &points)?;
        st.end()
    }
}

/// The NLL's gradient and Hessian over the swept parameters at a point, profiled parameters
/// maximised, in the plotted units.
struct Local {
    full: Vec<f64>,
    ll: f64,
    /// Of the plotted NLL.
    grad: Vec<f64>,
    hess: Vec<f64>,
}

impl Local {
    fn finite(&self) -> bool {
        self.ll.is_finite()
            && self.grad.iter().all(|g| g.is_finite())
            && self.hess.iter().all(|h| h.is_finite())
    }
}

/// The run's loss: the likelihood on its observations, scaled as plotted.
struct Loss<'a> {
    likelihood: &'a Likelihood,
    stats: &'a SufficientStats,
    /// 1, or 1/n under `--y per-obs`.
    factor: f64,
}

impl Loss<'_> {
    /// LL at every parameter `full`: the hand-written family's where it evaluates the run
    /// (its statistics are the family's, not the joint model's), else the model's.
    fn ll(&self, full: &[f64]) -> f64 {
        let lik = self.likelihood;
        match &lik.family {
            Some(family) => family.ll(self.stats, full[lik.swept[0]]),
            None => lik.model.ll(self.stats, full),
        }
    }

    fn at(&self, x: &[f64], warm: &[f64]) -> Local {
        let lik = self.likelihood;
        let model = lik.model.as_ref();
        let mut theta = warm.to_vec();
        for (k, &i) in lik.swept.iter().enumerate() {
            theta[i] = x[k];
        }
        let f = self.factor;
        if let Some(family) = &lik.family {
            // One swept parameter and nothing profiled: the family's own exact score and
            // curvature, on the statistics it keeps.
            return Local {
                ll: family.ll(self.stats, x[0]),
                grad: vec![-family.score(self.stats, x[0]) * f],
                hess: vec![-family.curvature(self.stats, x[0]) * f],
                full: theta,
            };
        }
        let profiled = lik.profiled();
        let theta = if profiled.is_empty() {
            theta
        } else {
            let inner: Vec<bool> = (0..theta.len()).map(|i| profiled.contains(&i)).collect();
            refine(model, self.stats, &inner, &theta).theta
        };
        let ll = model.ll(self.stats, &theta);
        let d = lik.swept.len();
        let mut order = lik.swept.clone();
        order.extend(
            profiled
                .iter()
                .copied()
                .filter(|&i| model.irregular(i).is_none()),
        );
        let (_, g, h) = model.ll_derivatives(self.stats, &theta, &order);
        let k = order.len();
        // The profile's Hessian: H_ss − H_sp·H_pp⁻¹·H_ps (its gradient is g_s at the inner
        // maximum, where g_p = 0).
        let mut hs: Vec<f64> = (0..d)
            .flat_map(|a| (0..d).map(move |b| (a, b)))
            .map(|(a, b)| h[a * k + b])
            .collect();
        let m = k - d;
        if m > 0 {
            let hpp: Vec<f64> = (d..k)
                .flat_map(|a| (d..k).map(move |b| (a, b)))
                .map(|(a, b)| h[a * k + b])
                .collect();
            for a in 0..d {
                let col: Vec<f64> = (d..k).map(|p| h[p * k + a]).collect();
                let Some(solved) = solve(&hpp, &col, m) else {
                    hs.iter_mut().for_each(|v| *v = f64::NAN);
                    break;
                };
                for b in 0..d {
                    let row: f64 = (d..k).zip(&solved).map(|(p, s)| h[b * k + p] * s).sum();
                    hs[b * d + a] -= row;
                }
            }
        }
        Local {
            full: theta,
            ll,
            grad: g[..d].iter().map(|v| -v * f).collect(),
            hess: hs.iter().map(|v| -v * f).collect(),
        }
    }

    /// ½·gᵀH⁻¹g of the total NLL, or `None` where H is not positive definite.
    fn decrement(&self, local: &Local) -> Option<f64> {
        let d = local.grad.len();
        if !positive_definite(&local.hess, d) {
            return None;
        }
        let step = solve(&local.hess, &local.grad, d)?;
        let half: f64 = 0.5
            * local
                .grad
                .iter()
                .zip(&step)
                .map(|(g, s)| g * s)
                .sum::<f64>();
        // Both g and H carry the plotted factor: gᵀH⁻¹g carries it once.
        Some(half / self.factor)
    }
}

/// The path of `optimizer` on `likelihood` over `stats`, from its start; `estimate` is every
/// parameter at the joint maximum, `spreads` a standard-error-like width of each swept
/// parameter there (for the default start and rate).
pub fn optimize(
    optimizer: &Optimizer,
    likelihood: &Likelihood,
    stats: &SufficientStats,
    y: YScale,
    estimate: &[f64],
    spreads: &[f64],
) -> OptimizerPath {
    let factor = if y == YScale::PerObs && stats.n > 0 {
        1.0 / stats.n as f64
    } else {
        1.0
    };
    let loss = Loss {
        likelihood,
        stats,
        factor,
    };
    let d = likelihood.swept.len();
    let spaces: Vec<ParamSpace> = (0..d).map(|k| likelihood.swept_param(k).space).collect();
    let mle: Vec<f64> = likelihood.swept.iter().map(|&i| estimate[i]).collect();
    let default_start = optimizer.start.iter().any(|s| s.is_none());
    let start: Vec<f64> = (0..d)
        .map(|k| optimizer.start[k].unwrap_or_else(|| start_of(mle[k], spreads[k], spaces[k])))
        .collect();
    let lr =
        match optimizer.method {
            OptimizeMethod::Newton => None,
            method => Some(optimizer.lr.unwrap_or_else(|| {
                default_rate(method, &loss.at(&mle, estimate), spreads, factor)
            })),
        };
    let momentum = (optimizer.method == OptimizeMethod::Momentum).then_some(optimizer.momentum);
    let names = likelihood
        .swept
        .iter()
        .map(|&i| likelihood.params()[i].name.clone())
        .collect();
    let mut path = OptimizerPath {
        method: optimizer.method,
        lr,
        momentum,
        steps: optimizer.steps,
        names,
        points: Vec::new(),
        stop: Stop::Steps,
        converged: false,
        default_start,
    };
    let point = |step: usize, x: &[f64], local: &Local| PathPoint {
        step,
        theta: x.to_vec(),
        full: local.full.clone(),
        ll: local.ll,
        nll: Some(-local.ll * factor),
        grad: Some(local.grad.clone()),
        boundary: false,
    };
    let mut x = start;
    let mut local = loss.at(&x, estimate);
    if !local.finite() && optimizer.start.iter().all(|s| s.is_none()) {
        // Below θ̂ the likelihood can vanish (the uniform's θ below the largest observation):
        // the default start is then as far above it.
        let above: Vec<f64> = (0..d)
            .map(|k| start_above(mle[k], spreads[k], spaces[k]))
            .collect();
        let there = loss.at(&above, estimate);
        if there.finite() {
            (x, local) = (above, there);
        }
    }
    if !local.finite() {
        path.points.push(PathPoint {
            step: 0,
            theta: x.clone(),
            full: local.full.clone(),
            ll: if local.ll.is_nan() {
                f64::NEG_INFINITY
            } else {
                local.ll
            },
            nll: None,
            grad: None,
            boundary: false,
        });
        path.stop = Stop::Diverged;
        return path;
    }
    path.points.push(point(0, &x, &local));
    let mut velocity = vec![0.0; d];
    let mut first = vec![0.0; d];
    let mut second = vec![0.0; d];
    for step in 1..=optimizer.steps {
        if loss.decrement(&local).is_some_and(|dec| dec < CONVERGED) {
            path.stop = Stop::Converged;
            break;
        }
        let g = &local.grad;
        let delta: Vec<f64> = match optimizer.method {
            OptimizeMethod::Gd => g.iter().map(|g| lr.unwrap_or(0.0) * g).collect(),
            OptimizeMethod::Momentum => {
                for (v, g) in velocity.iter_mut().zip(g) {
                    *v = optimizer.momentum * *v + g;
                }
                velocity.iter().map(|v| lr.unwrap_or(0.0) * v).collect()
            }
            OptimizeMethod::Newton => match solve(&local.hess, g, d) {
                Some(s) => s,
                None => vec![f64::NAN; d],
            },
            OptimizeMethod::Adam => {
                let t = step as i32;
                (0..d)
                    .map(|k| {
                        first[k] = BETA1 * first[k] + (1.0 - BETA1) * g[k];
                        second[k] = BETA2 * second[k] + (1.0 - BETA2) * g[k] * g[k];
                        let m = first[k] / (1.0 - BETA1.powi(t));
                        let v = second[k] / (1.0 - BETA2.powi(t));
                        lr.unwrap_or(0.0) * m / (v.sqrt() + EPSILON)
                    })
                    .collect()
            }
        };
        let next: Vec<f64> = x.iter().zip(&delta).map(|(x, s)| x - s).collect();
        if next.iter().any(|v| !v.is_finite()) {
            path.stop = Stop::Diverged;
            break;
        }
        // The share of the step that stays inside the space, and which end it meets.
        let mut share = 1.0;
        let mut hit: Option<(usize, f64)> = None;
        for k in 0..d {
            let s = spaces[k];
            for bound in [s.lo, s.hi] {
                let outside = if bound == s.lo {
                    next[k] <= bound
                } else {
                    next[k] >= bound
                };
                if outside && bound.is_finite() && delta[k] != 0.0 {
                    let t = (x[k] - bound) / delta[k];
                    if t < share {
                        share = t;
                        hit = Some((k, bound));
                    }
                }
            }
        }
        if let Some((k, bound)) = hit {
            let mut edge: Vec<f64> = x.iter().zip(&delta).map(|(x, s)| x - share * s).collect();
            edge[k] = bound;
            for (j, e) in edge.iter_mut().enumerate() {
                *e = e.clamp(spaces[j].lo, spaces[j].hi);
            }
            let mut full = local.full.clone();
            for (j, &i) in likelihood.swept.iter().enumerate() {
                full[i] = edge[j];
            }
            // On the boundary the likelihood may not exist (σ = 0): then it is −∞ to the
            // figure and null to the JSON, never NaN.
            let ll = loss.ll(&full);
            let ll = if ll.is_nan() { f64::NEG_INFINITY } else { ll };
            path.points.push(PathPoint {
                step,
                theta: edge,
                full,
                ll,
                nll: (ll.is_finite() && likelihood.profiled().is_empty()).then_some(-ll * factor),
                grad: None,
                boundary: true,
            });
            path.stop = Stop::Boundary;
            return path;
        }
        let moved = loss.at(&next, &local.full);
        if !moved.finite() {
            path.stop = Stop::Diverged;
            break;
        }
        x = next;
        local = moved;
        path.points.push(point(step, &x, &local));
    }
    path.converged = loss.decrement(&local).is_some_and(|dec| dec < CONVERGED);
    if path.converged {
        path.stop = Stop::Converged;
    }
    path
}

/// The default start of one swept parameter: θ̂ − 2 SE, or halfway from θ̂ to the lower end
/// of the space when that is nearer; above θ̂ (θ̂ + 2 SE, or halfway to the upper end) when θ̂
/// is on the lower boundary, and (see [`optimize`]) where the likelihood vanishes below θ̂.
pub fn start_of(mle: f64, spread: f64, space: ParamSpace) -> f64 {
    if mle > space.lo {
        let below = mle - 2.0 * spread;
        if below > space.lo + 0.5 * (mle - space.lo) || space.lo == f64::NEG_INFINITY {
            below
        } else {
            space.lo + 0.5 * (mle - space.lo)
        }
    } else {
        start_above(mle, spread, space)
    }
}

/// θ̂ + 2 SE, or halfway from θ̂ to the upper end of the space when that is nearer.
fn start_above(mle: f64, spread: f64, space: ParamSpace) -> f64 {
    let above = mle + 2.0 * spread;
    if space.hi.is_finite() && above >= mle + 0.5 * (space.hi - mle) {
        mle + 0.5 * (space.hi - mle)
    } else {
        above
    }
}

/// The default learning rate: 0.5/L for gradient descent and 0.1/L with momentum (L the
/// largest curvature of the plotted NLL at θ̂, so both converge; momentum's rate is smaller
/// since β = 0.9 multiplies its steps by up to 1/(1 − β)), and a quarter of the smallest
/// standard error for Adam, whose steps are about lr long whatever the gradient.
fn default_rate(method: OptimizeMethod, at_mle: &Local, spreads: &[f64], factor: f64) -> f64 {
    let fallback = spreads.iter().map(|s| factor / (s * s)).fold(0.0, f64::max);
    let largest = largest_eigenvalue(&at_mle.hess, spreads.len())
        .filter(|l| l.is_finite() && *l > 0.0)
        .unwrap_or(fallback);
    match method {
        OptimizeMethod::Gd => 0.5 / largest,
        OptimizeMethod::Momentum => 0.1 / largest,
        OptimizeMethod::Adam => 0.25 * spreads.iter().copied().fold(f64::INFINITY, f64::min),
        OptimizeMethod::Newton => 1.0,
    }
}

/// The largest eigenvalue of a symmetric 1 × 1 or 2 × 2 matrix.
fn largest_eigenvalue(h: &[f64], d: usize) -> Option<f64> {
    match d {
        1 => Some(h[0]),
        2 => {
            let (a, b, c) = (h[0], 0.5 * (h[1] + h[2]), h[3]);
            let mean = 0.5 * (a + c);
            let r = (0.25 * (a - c) * (a - c) + b * b).sqrt();
            Some(mean + r)
        }
        _ => None,
    }
}

fn positive_definite(h: &[f64], d: usize) -> bool {
    match d {
        1 => h[0] > 0.0,
        2 => h[0] > 0.0 && h[0] * h[3] - h[1] * h[2] > 0.0,
        _ => false,
    }
}

/// Solves the `m × m` system `a·x = b` (row-major) by Gaussian elimination with partial
/// pivoting; `None` when it is singular.
fn solve(a: &[f64], b: &[f64], m: usize) -> Option<Vec<f64>> {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    for col in 0..m {
        let pivot =
            (col..m).max_by(|&i, &j| a[i * m + col].abs().total_cmp(&a[j * m + col].abs()))?;
        if a[pivot * m + col] == 0.0 || !a[pivot * m + col].is_finite() {
            return None;
        }
        for k in 0..m {
            a.swap(col * m + k, pivot * m + k);
        }
        b.swap(col, pivot);
        for row in col + 1..m {
            let f = a[row * m + col] / a[col * m + col];
            for k in col..m {
                a[row * m + k] -= f * a[col * m + k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; m];
    for row in (0..m).rev() {
        let s: f64 = (row + 1..m).map(|k| a[row * m + k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row * m + row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// The window of one axis widened to show the path's values `xs`, inside `space`, at most
/// [`WIDEN_CAP`] times the width of `window` (centred on it).
pub fn widen(window: (f64, f64), xs: &[f64], space: ParamSpace) -> (f64, f64) {
    let (lo, hi) = window;
    let width = hi - lo;
    let centre = 0.5 * (lo + hi);
    let (cap_lo, cap_hi) = (
        (centre - 0.5 * WIDEN_CAP * width).max(space.lo),
        (centre + 0.5 * WIDEN_CAP * width).min(space.hi),
    );
    let (min, max) = xs
        .iter()
        .filter(|v| v.is_finite())
        .fold((lo, hi), |(a, b), &v| (a.min(v), b.max(v)));
    let pad = 0.04 * (max - min);
    let new_lo = if min < lo { min - pad } else { lo };
    let new_hi = if max > hi { max + pad } else { hi };
    (new_lo.max(cap_lo), new_hi.min(cap_hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solve_inverts_a_small_system() {
        // [[2, 1], [1, 3]]·x = [3, 5] has x = (0.8, 1.4) (by hand: det 5, adjugate).
        let x = solve(&[2.0, 1.0, 1.0, 3.0], &[3.0, 5.0], 2).unwrap();
        assert!(
            (x[0] - 0.8).abs() < 1e-15 && (x[1] - 1.4).abs() < 1e-15,
            "{x:?}"
        );
        assert!(solve(&[1.0, 2.0, 2.0, 4.0], &[1.0, 1.0], 2).is_none());
    }

    #[test]
    fn the_default_start_stays_inside_the_space() {
        let unit = ParamSpace { lo: 0.0, hi: 1.0 };
        assert_eq!(start_of(0.5, 0.1, unit), 0.3);
        // θ̂ − 2 SE would be below 0: halfway to 0 instead.
        assert_eq!(start_of(0.1, 0.2, unit), 0.05);
        // θ̂ on the lower boundary: above it.
        assert_eq!(start_of(0.0, 0.1, unit), 0.2);
        assert_eq!(start_of(0.0, 0.4, unit), 0.5);
    }

    #[test]
    fn widening_shows_the_path_up_to_the_cap() {
        let real = ParamSpace {
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        };
        assert_eq!(widen((0.0, 1.0), &[0.5, 0.2], real), (0.0, 1.0));
        let (lo, hi) = widen((0.0, 1.0), &[0.5, -1.0], real);
        assert!(lo < -1.0 && hi == 1.0);
        assert_eq!(widen((0.0, 1.0), &[1e9], real), (0.0, 5.5));
        let positive = ParamSpace {
            lo: 0.0,
            hi: f64::INFINITY,
        };
        assert_eq!(widen((1.0, 2.0), &[0.0], positive).0, 0.0);
    }

    #[test]
    fn the_largest_eigenvalue_of_a_symmetric_matrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        assert_eq!(largest_eigenvalue(&[2.0, 1.0, 1.0, 2.0], 2), Some(3.0));
    }
}
