//! Maximising a model's log-likelihood over some of its parameters.
//!
//! Closed forms first: a model that can maximise the requested parameters by a formula (σ̂(μ)
//! of a normal, the median of a Laplace) does ([`Model::maximise`]). Otherwise Newton's method
//! with the exact Hessian (hyper-dual numbers), in unconstrained coordinates: a parameter on
//! (0, ∞) is moved as ln θ, one on (lo, hi) as the logit of its position, so no step can leave
//! the space and the boundary itself is approached but never evaluated. Where the Hessian is
//! not negative definite (far from the maximum), the step is shortened toward gradient ascent
//! (Levenberg–Marquardt), and every step is accepted only if it raises LL (backtracking), so
//! the iteration climbs from any start. From several starts ([`Model::starts`]) the best
//! maximum wins, in the order the starts are given, so the result is deterministic.

use super::linalg::{cholesky, solve};
use super::Model;
use crate::family::{ParamSpace, SufficientStats};

/// Newton iterations before giving up on a start.
const MAX_ITERATIONS: usize = 200;
/// Step halvings of the line search.
const MAX_HALVINGS: usize = 60;
/// Full Newton steps taken once LL no longer tells better from worse (see [`newton`]).
const POLISH_STEPS: usize = 4;

/// A maximum of LL over the free parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// Every parameter: the maximising values where free, the held values elsewhere.
    pub theta: Vec<f64>,
    pub ll: f64,
    /// Obtained by formula rather than by iteration.
    pub closed_form: bool,
}

/// The global maximum of LL over the `free` parameters, holding the others at their values in
/// `theta`: a closed form where the model has one, else the best Newton maximum from the
/// model's starting points.
pub fn maximise(model: &dyn Model, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Fit {
    if let Some(fit) = closed_form(model, stats, free, theta) {
        return fit;
    }
    let mut best: Option<Fit> = None;
    for start in model.starts(stats, free, theta) {
        let fit = newton(model, stats, free, &start);
        // A start where LL is undefined (NaN) loses to any defined one.
        if best
            .as_ref()
            .is_none_or(|b| fit.ll > b.ll || (b.ll.is_nan() && !fit.ll.is_nan()))
        {
            best = Some(fit);
        }
    }
    best.expect("a model gives at least one start")
}

/// The maximum nearest `start` (no multi-start): for warm-started profiles, where the previous
/// grid point's maximum is the best guess for the next.
pub fn refine(model: &dyn Model, stats: &SufficientStats, free: &[bool], start: &[f64]) -> Fit {
    closed_form(model, stats, free, start).unwrap_or_else(|| newton(model, stats, free, start))
}

fn closed_form(
    model: &dyn Model,
    stats: &SufficientStats,
    free: &[bool],
    theta: &[f64],
) -> Option<Fit> {
    let mut theta = theta.to_vec();
    if free.iter().any(|&f| f) && !model.maximise(stats, free, &mut theta) {
        return None;
    }
    Some(Fit {
        ll: model.ll(stats, &theta),
        theta,
        closed_form: true,
    })
}

/// How a coordinate with space [lo, hi] is moved without leaving it: θ = g(u) for real u.
#[derive(Debug, Clone, Copy)]
enum Warp {
    Identity,
    /// θ = lo + eᵘ
    Above(f64),
    /// θ = hi − eᵘ
    Below(f64),
    /// θ = lo + (hi − lo)·σ(u)
    Between(f64, f64),
}

impl Warp {
    fn of(space: ParamSpace) -> Warp {
        match (space.lo.is_finite(), space.hi.is_finite()) {
            (false, false) => Warp::Identity,
            (true, false) => Warp::Above(space.lo),
            (false, true) => Warp::Below(space.hi),
            (true, true) => Warp::Between(space.lo, space.hi),
        }
    }

    /// θ, dθ/du and d²θ/du² at u.
    fn at(self, u: f64) -> (f64, f64, f64) {
        match self {
            Warp::Identity => (u, 1.0, 0.0),
            Warp::Above(lo) => {
                let e = u.exp();
                (lo + e, e, e)
            }
            Warp::Below(hi) => {
                let e = u.exp();
                (hi - e, -e, -e)
            }
            Warp::Between(lo, hi) => {
                let s = 1.0 / (1.0 + (-u).exp());
                let w = hi - lo;
                let d1 = w * s * (1.0 - s);
                (lo + w * s, d1, d1 * (1.0 - 2.0 * s))
            }
        }
    }

    /// u of a θ strictly inside the space (a θ on a limit is pulled just inside).
    fn inverse(self, theta: f64) -> f64 {
        match self {
            Warp::Identity => theta,
            Warp::Above(lo) => (theta - lo).max(f64::MIN_POSITIVE).ln(),
            Warp::Below(hi) => (hi - theta).max(f64::MIN_POSITIVE).ln(),
            Warp::Between(lo, hi) => {
                let s = ((theta - lo) / (hi - lo)).clamp(1e-300, 1.0 - 1e-16);
                (s / (1.0 - s)).ln()
            }
        }
    }
}

/// Newton's method with backtracking from `start` over the free coordinates.
fn newton(model: &dyn Model, stats: &SufficientStats, free: &[bool], start: &[f64]) -> Fit {
    let params = model.params();
    let index: Vec<usize> = (0..free.len()).filter(|&i| free[i]).collect();
    let k = index.len();
    let warps: Vec<Warp> = index.iter().map(|&i| Warp::of(params[i].space)).collect();
    let mut u: Vec<f64> = index
        .iter()
        .zip(&warps)
        .map(|(&i, w)| w.inverse(start[i]))
        .collect();
    let mut theta = start.to_vec();
    let place = |theta: &mut Vec<f64>, u: &[f64]| {
        for (m, &i) in index.iter().enumerate() {
            theta[i] = warps[m].at(u[m]).0;
        }
    };
    place(&mut theta, &u);
    let mut value = model.ll(stats, &theta);
    let mut polish = 0;
    for _ in 0..MAX_ITERATIONS {
        let (_, g, h) = model.ll_derivatives(stats, &theta, &index);
        // The gradient and the negated Hessian in u: chain rule through θ = g(u).
        let mut gu = vec![0.0; k];
        let mut nh = vec![0.0; k * k];
        let jac: Vec<(f64, f64)> = (0..k)
            .map(|m| {
                let (_, d1, d2) = warps[m].at(u[m]);
                (d1, d2)
            })
            .collect();
        for a in 0..k {
            gu[a] = g[a] * jac[a].0;
            for b in 0..k {
                nh[a * k + b] = -(h[a * k + b] * jac[a].0 * jac[b].0);
            }
            nh[a * k + a] -= g[a] * jac[a].1;
        }
        if !gu.iter().all(|x| x.is_finite()) || !nh.iter().all(|x| x.is_finite()) {
            break;
        }
        let Some(step) = ascent_direction(&nh, &gu, k) else {
            break;
        };
        let slope: f64 = gu.iter().zip(&step).map(|(a, b)| a * b).sum();
        // Near the maximum the predicted rise of LL (half the slope) falls below LL's own
        // rounding, and a comparison of LL values can no longer tell a better point from a
        // worse one. There the full Newton step is taken whenever LL does not fall beyond
        // rounding, a few times, which brings the gradient itself to rounding level
        // (quadratic convergence); far from it, steps must raise LL (backtracking).
        let rounding = 64.0 * f64::EPSILON * value.abs().max(1.0);
        if slope <= 0.0 {
            break;
        }
        if 0.5 * slope < rounding {
            polish += 1;
            let next: Vec<f64> = u.iter().zip(&step).map(|(a, s)| a + s).collect();
            let mut trial = theta.clone();
            place(&mut trial, &next);
            let v = model.ll(stats, &trial);
            if !(v.is_finite() && v >= value - rounding) || polish > POLISH_STEPS {
                break;
            }
            u = next;
            theta = trial;
            value = value.max(v);
            if converged(&step, &u) {
                break;
            }
            continue;
        }
        let mut t = 1.0;
        let mut accepted = false;
        let mut trial = theta.clone();
        for _ in 0..MAX_HALVINGS {
            let next: Vec<f64> = u.iter().zip(&step).map(|(a, s)| a + t * s).collect();
            place(&mut trial, &next);
            let v = model.ll(stats, &trial);
            if v.is_finite() && v >= value + 1e-4 * t * slope {
                u = next;
                accepted = v > value || t == 1.0;
                theta.clone_from(&trial);
                value = v;
                break;
            }
            t *= 0.5;
        }
        if !accepted || (t == 1.0 && converged(&step, &u)) {
            break;
        }
    }
    Fit {
        ll: value,
        theta,
        closed_form: false,
    }
}

/// Whether a full Newton step this small ends the iteration: convergence is quadratic, so
/// after a step of relative size δ the distance left is of order δ², below rounding once δ is
/// below 1e-8 — one derivative evaluation saved at every warm-started grid point.
fn converged(step: &[f64], u: &[f64]) -> bool {
    step.iter()
        .zip(u)
        .all(|(s, u)| s.abs() <= 1e-8 * u.abs().max(1.0))
}

/// The Newton step for the negated Hessian `nh` and gradient `g`, damped toward the gradient
/// (nh + λ·I) until the system is positive definite.
fn ascent_direction(nh: &[f64], g: &[f64], k: usize) -> Option<Vec<f64>> {
    let scale = (0..k)
        .map(|i| nh[i * k + i].abs())
        .fold(0.0, f64::max)
        .max(1e-12);
    let mut lambda = 0.0;
    for _ in 0..60 {
        let mut m = nh.to_vec();
        for i in 0..k {
            m[i * k + i] += lambda;
        }
        if let Some(l) = cholesky(&m, k) {
            return Some(solve(&l, k, g));
        }
        lambda = if lambda == 0.0 {
            1e-8 * scale
        } else {
            lambda * 10.0
        };
    }
    None
}
