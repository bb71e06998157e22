//! What the likelihood curve says: the estimate, its information, and intervals.
//!
//! - θ̂ in closed form where the family has one, otherwise the root of the score LL′(θ) found
//!   by Brent's method next to the best local maxima of a fine scan (a multimodal Cauchy
//!   likelihood has several; the global one wins), never just the best grid point.
//! - The observed Fisher information J = −LL″(θ̂) and the standard error 1/√J, or the reason
//!   they do not exist (θ̂ on the boundary, an irregular family).
//! - The likelihood-ratio interval {θ : NLL(θ) − NLL(θ̂) ≤ ½χ²₁(L)}: each end is a root solved
//!   by Brent's method on the exact LL, or the edge of the parameter space when NLL never
//!   rises that far (an open, one-sided interval); and the Wald interval θ̂ ± z·SE beside it.
//!
//! Everything is computed in θ; [`Inference::on_axis`] carries it to the plotted coordinate.

pub mod hypothesis;

use crate::axis::Axis;
pub use crate::model::curve::Method;
use crate::model::Curve;
use crate::numeric::solve;
use rayon::prelude::*;
use statrs::function::erf::erf_inv;

/// Points of the scan that locates the global maximum before it is refined.
const SCAN_POINTS: usize = 4001;
/// Observation visits the coarse scan may spend for families that keep their observations.
const SCAN_BUDGET: usize = 20_000_000;
/// The fewest points of a coarse scan, however large n.
const MIN_SCAN_POINTS: usize = 201;
/// Points of the second look between a coarse peak's neighbours.
const FINE_POINTS: usize = 65;

/// Why an interval ends where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// NLL − NLL(θ̂) reaches the threshold here (a root, solved to 1e-10 relative or better).
    Crossing,
    /// NLL stays below the threshold up to the edge of the parameter space: the interval is
    /// open (one-sided) on this side.
    Open,
    /// θ̂ itself lies on the edge of the parameter space on this side.
    AtEstimate,
}

impl End {
    pub fn name(self) -> &'static str {
        match self {
            End::Crossing => "crossing",
            End::Open => "open: no crossing inside the parameter space",
            End::AtEstimate => "the estimate lies on the boundary",
        }
    }
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub end: End,
}

/// Everything inferred from the likelihood, in one coordinate.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    pub mle: f64,
    pub method: Method,
    /// θ̂ lies on the boundary of the parameter space.
    pub on_boundary: bool,
    pub ll_max: f64,
    /// J = −LL″(θ̂), or why it is undefined.
    pub information: Result<f64, String>,
    /// Confidence level L of both intervals.
    pub level: f64,
    /// ½·χ²₁(L): how far NLL rises at the ends of the likelihood-ratio interval.
    pub threshold: f64,
    pub lr: (Bound, Bound),
    /// θ̂ ± z·SE, when J is defined.
    pub wald: Option<(f64, f64)>,
}

impl Inference {
    /// The standard error 1/√J.
    pub fn se(&self) -> Option<f64> {
        self.information.as_ref().ok().map(|j| 1.0 / j.sqrt())
    }

    /// z of the two-sided level: √(2·threshold).
    pub fn z(&self) -> f64 {
        (2.0 * self.threshold).sqrt()
    }

    /// The same inference in the axis coordinate: the estimate and the likelihood-ratio ends
    /// map through x(θ); J picks up (dθ/dx)²; the Wald interval is recomputed there (it is not
    /// invariant, which is the point of showing it).
    pub fn on_axis(&self, axis: &Axis) -> Inference {
        if !axis.is_natural() {
            return self.clone();
        }
        let mle = axis.x(self.mle);
        let map = |b: Bound| Bound {
            value: axis.x(b.value),
            end: b.end,
        };
        let (a, b) = (map(self.lr.0), map(self.lr.1));
        let lr = if a.value <= b.value { (a, b) } else { (b, a) };
        let information = self.information.clone().and_then(|j| {
            let d = axis.dtheta_dx(mle);
            let jx = j * d * d;
            if jx.is_finite() && jx > 0.0 {
                Ok(jx)
            } else {
                Err("the natural parameter is infinite at the estimate".to_string())
            }
        });
        let z = self.z();
        let wald = information
            .as_ref()
            .ok()
            .map(|j| (mle - z / j.sqrt(), mle + z / j.sqrt()));
        Inference {
            mle,
            information,
            lr,
            wald,
            ..self.clone()
        }
    }
}

/// ½·χ²₁(L) = ½·z², with z the two-sided normal quantile of level L.
pub fn threshold(level: f64) -> f64 {
    let z = std::f64::consts::SQRT_2 * erf_inv(level);
    0.5 * z * z
}

/// The estimate: known to the curve (a closed form, or the joint maximum of a profile), or
/// the best refined root of the score.
pub fn estimate(curve: &dyn Curve) -> (f64, Method) {
    if let Some(known) = curve.mle() {
        return known;
    }
    (numerical_mle(curve), Method::Numerical)
}

fn numerical_mle(curve: &dyn Curve) -> f64 {
    let (a, b) = curve.mle_search();
    if a >= b || !(a.is_finite() && b.is_finite()) {
        return a;
    }
    // Each LL evaluation of a family that keeps its observations visits all n of them, so
    // the coarse scan shrinks as n grows (to about 2·10⁷ observation visits) and the few best
    // peaks are scanned again finely; families with sufficient statistics scan densely.
    let kept = curve.kept().len();
    let coarse = SCAN_BUDGET
        .checked_div(kept)
        .map_or(SCAN_POINTS, |fit| fit.clamp(MIN_SCAN_POINTS, SCAN_POINTS));
    // The scan: an even grid, plus every kept observation when there are no more of them than
    // grid points — a multimodal location likelihood peaks near the data however scattered they
    // are, so no peak falls between two grid points.
    let observations = (kept <= coarse)
        .then_some(curve.kept().iter().copied())
        .into_iter()
        .flatten()
        .filter(|x| (a..=b).contains(x));
    let (points, ll) = scan(curve, even(a, b, coarse).chain(observations));
    let last = points.len() - 1;
    // Local maxima of the scan, best first; the few best are refined and compared exactly.
    let mut peaks: Vec<usize> = (0..=last)
        .filter(|&i| (i == 0 || ll[i] >= ll[i - 1]) && (i == last || ll[i] >= ll[i + 1]))
        .collect();
    peaks.sort_by(|&i, &j| ll[j].total_cmp(&ll[i]).then(i.cmp(&j)));
    let mut best = (
        points[peaks.first().copied().unwrap_or(0)],
        f64::NEG_INFINITY,
    );
    for &i in peaks.iter().take(5) {
        let (mut lo, mut hi) = (points[i.saturating_sub(1)], points[(i + 1).min(last)]);
        let mut at = points[i];
        if coarse < SCAN_POINTS && lo < hi {
            // A coarse scan: look again between the peak's neighbours before refining.
            let (fine, fine_ll) = scan(curve, even(lo, hi, FINE_POINTS));
            let k = (0..fine.len())
                .max_by(|&p, &q| fine_ll[p].total_cmp(&fine_ll[q]).then(q.cmp(&p)))
                .unwrap_or(0);
            at = fine[k];
            lo = fine[k.saturating_sub(1)];
            hi = fine[(k + 1).min(fine.len() - 1)];
        }
        let (s_lo, s_hi) = (curve.score(lo), curve.score(hi));
        let theta = if s_lo > 0.0 && s_hi < 0.0 {
            let tol = 1e-13 * lo.abs().max(hi.abs()).max(f64::MIN_POSITIVE);
            solve::brent(|t| curve.score(t), lo, hi, tol)
        } else {
            at
        };
        // The refined root competes with the scanned point it came from: a root of the score
        // between two scan points could in principle be a local minimum.
        for candidate in [theta, at] {
            let value = curve.ll(candidate);
            if value > best.1 {
                best = (candidate, value);
            }
        }
    }
    best.0
}

/// `count` evenly spaced points from `a` to exactly `b`, each from its index.
fn even(a: f64, b: f64, count: usize) -> impl Iterator<Item = f64> {
    let step = (b - a) / (count - 1) as f64;
    (0..count).map(move |i| {
        if i + 1 == count {
            b
        } else {
            a + i as f64 * step
        }
    })
}

/// LL at the given points, sorted and without repeats, evaluated in parallel.
fn scan(curve: &dyn Curve, points: impl Iterator<Item = f64>) -> (Vec<f64>, Vec<f64>) {
    let mut points: Vec<f64> = points.collect();
    points.sort_by(f64::total_cmp);
    points.dedup();
    let ll = points.par_iter().map(|&t| curve.ll(t)).collect();
    (points, ll)
}

/// Estimate, information and both intervals, in θ.
pub fn infer(curve: &dyn Curve, level: f64) -> Inference {
    let (mle, method) = estimate(curve);
    let ll_max = curve.ll(mle);
    let space = curve.space();
    let on_boundary = mle <= space.lo || mle >= space.hi;
    let information = if let Some(why) = curve.irregular() {
        Err(why.to_string())
    } else if on_boundary {
        Err(
            "the estimate lies on the boundary of the parameter space, where LL′(θ̂) ≠ 0"
                .to_string(),
        )
    } else {
        let j = -curve.curvature(mle);
        if j.is_finite() && j > 0.0 {
            Ok(j)
        } else {
            Err("LL is not curved downward at the estimate".to_string())
        }
    };
    let threshold = threshold(level);
    let lr = (
        lr_end(curve, mle, ll_max, threshold, -1.0),
        lr_end(curve, mle, ll_max, threshold, 1.0),
    );
    let z = (2.0 * threshold).sqrt();
    let wald = information
        .as_ref()
        .ok()
        .map(|j| (mle - z / j.sqrt(), mle + z / j.sqrt()));
    Inference {
        mle,
        method,
        on_boundary,
        ll_max,
        information,
        level,
        threshold,
        lr,
        wald,
    }
}

/// The end of the likelihood-ratio interval on one side (`direction` −1 or +1) of θ̂.
fn lr_end(curve: &dyn Curve, mle: f64, ll_max: f64, threshold: f64, direction: f64) -> Bound {
    let space = curve.space();
    let edge = if direction < 0.0 { space.lo } else { space.hi };
    if mle == edge {
        return Bound {
            value: mle,
            end: End::AtEstimate,
        };
    }
    // Positive outside the interval; +∞ where LL is −∞.
    let excess = |theta: f64| ll_max - curve.ll(theta) - threshold;
    let mut step = curve.spread(mle);
    if !(step.is_finite() && step > 0.0) {
        step = mle.abs().max(1.0) * 1e-3;
    }
    let mut inner = mle;
    for _ in 0..1100 {
        let mut outer = mle + direction * step;
        if !outer.is_finite() {
            break;
        }
        let reached_edge = (direction < 0.0 && outer <= edge) || (direction > 0.0 && outer >= edge);
        if reached_edge {
            outer = edge;
        }
        let g = excess(outer);
        if g >= 0.0 || g.is_nan() {
            let tol = 1e-13 * inner.abs().max(outer.abs()).max(f64::MIN_POSITIVE);
            let root = solve::brent(excess, inner, outer, tol);
            return Bound {
                value: root,
                end: End::Crossing,
            };
        }
        if reached_edge {
            return Bound {
                value: edge,
                end: End::Open,
            };
        }
        inner = outer;
        step *= 2.0;
    }
    Bound {
        value: edge,
        end: End::Open,
    }
}

#[cfg(test)]
mod tests;
