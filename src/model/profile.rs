//! The profile log-likelihood: LL along one parameter with the other free parameters
//! maximised at every point, pℓ(θ) = max_ψ LL(θ, ψ).
//!
//! Its derivatives are exact without differentiating the maximisation: at the inner maximum
//! ∂LL/∂ψ = 0, so pℓ′(θ) = ∂LL/∂θ (the envelope theorem), and pℓ″(θ) is the Schur complement
//! H_θθ − H_θψ·H_ψψ⁻¹·H_ψθ of the joint Hessian there. At the joint estimate −pℓ″ is
//! 1/(J⁻¹)_θθ, the information of θ with the nuisance parameters unknown, so the profile's
//! standard error is √((J⁻¹)_θθ) of the full observed information matrix J.
//!
//! A sweep maximises the nuisance parameters warm-started from the neighbouring grid point:
//! anchors every [`ANCHOR`] points are solved one after another outward from the estimate,
//! then the points between anchors in parallel from their anchor. The chunks depend only on
//! the grid, never on the thread count, so the result is the same on any machine.

use super::curve::{Curve, Method};
use super::fit::{maximise, refine, Fit};
use super::linalg::inverse;
use super::{Likelihood, Model};
use crate::family::{ParamSpace, SufficientStats};
use rayon::prelude::*;

/// Grid points between two anchors of a profile sweep.
const ANCHOR: usize = 32;

/// The profile likelihood of one parameter of a [`Likelihood`].
#[derive(Debug)]
pub struct ProfileCurve<'a> {
    model: &'a dyn Model,
    stats: &'a SufficientStats,
    /// The parameter along the curve.
    swept: usize,
    /// The parameters maximised at each point: every free one but `swept`.
    inner: Vec<bool>,
    /// The joint maximum over every free parameter.
    joint: Fit,
}

impl<'a> ProfileCurve<'a> {
    /// The profile of parameter `swept` (an index into the model's parameters).
    pub fn new(likelihood: &'a Likelihood, stats: &'a SufficientStats, swept: usize) -> Self {
        let model = likelihood.model.as_ref();
        let free = likelihood.free();
        let joint = maximise(model, stats, &free, &likelihood.base());
        Self::with_joint(model, stats, &free, swept, joint)
    }

    /// The profile when the joint maximum is already known.
    pub fn with_joint(
        model: &'a dyn Model,
        stats: &'a SufficientStats,
        free: &[bool],
        swept: usize,
        joint: Fit,
    ) -> Self {
        let mut inner = free.to_vec();
        inner[swept] = false;
        ProfileCurve {
            model,
            stats,
            swept,
            inner,
            joint,
        }
    }

    /// The joint maximum.
    pub fn joint(&self) -> &Fit {
        &self.joint
    }

    /// Which parameters are maximised at each point.
    pub fn inner(&self) -> &[bool] {
        &self.inner
    }

    /// The maximum over the nuisance parameters with the swept one at `x`, searched from
    /// `start` (every parameter).
    pub fn at_from(&self, x: f64, start: &[f64]) -> Fit {
        let mut theta = start.to_vec();
        theta[self.swept] = x;
        if !self.inner.iter().any(|&f| f) {
            return Fit {
                ll: self.model.ll(self.stats, &theta),
                theta,
                closed_form: true,
            };
        }
        refine(self.model, self.stats, &self.inner, &theta)
    }

    /// The nuisance maximum at `x`, searched from the joint estimate.
    pub fn at(&self, x: f64) -> Fit {
        self.at_from(x, &self.joint.theta)
    }

    /// The profile at every grid point, each with every parameter's maximising value.
    pub fn sweep(&self, xs: &[f64]) -> Vec<Fit> {
        if xs.is_empty() {
            return Vec::new();
        }
        let centre = self.joint.theta[self.swept];
        let nearest = (0..xs.len())
            .min_by(|&i, &j| (xs[i] - centre).abs().total_cmp(&(xs[j] - centre).abs()))
            .unwrap_or(0);
        // Anchors: every ANCHOR-th point, solved outward from the one nearest the estimate.
        let anchor_index: Vec<usize> = (0..xs.len()).step_by(ANCHOR).collect();
        let mut anchors: Vec<Option<Fit>> = vec![None; anchor_index.len()];
        let first = nearest / ANCHOR;
        anchors[first] = Some(self.at(xs[anchor_index[first]]));
        for a in (first + 1)..anchor_index.len() {
            let prev = anchors[a - 1].as_ref().expect("solved").theta.clone();
            anchors[a] = Some(self.at_from(xs[anchor_index[a]], &prev));
        }
        for a in (0..first).rev() {
            let next = anchors[a + 1].as_ref().expect("solved").theta.clone();
            anchors[a] = Some(self.at_from(xs[anchor_index[a]], &next));
        }
        let anchors: Vec<Fit> = anchors.into_iter().map(|a| a.expect("solved")).collect();
        anchors
            .par_iter()
            .enumerate()
            .flat_map_iter(|(a, anchor)| {
                let start = a * ANCHOR;
                let end = (start + ANCHOR).min(xs.len());
                let mut out: Vec<Fit> = Vec::with_capacity(end - start);
                out.push(anchor.clone());
                for &x in &xs[start + 1..end] {
                    let guess = self.extrapolate(&out);
                    let fit = self.at_from(x, &guess);
                    out.push(fit);
                }
                out
            })
            .collect()
    }

    /// The start for the next grid point: the nuisance maxima of the last two points carried
    /// on linearly (the profile path is smooth), or the last one's alone.
    fn extrapolate(&self, done: &[Fit]) -> Vec<f64> {
        let last = &done[done.len() - 1].theta;
        let Some(before) = done.len().checked_sub(2).map(|i| &done[i].theta) else {
            return last.clone();
        };
        last.iter()
            .zip(before)
            .enumerate()
            .map(|(i, (&l, &b))| {
                let next = 2.0 * l - b;
                let space = self.model.params()[i].space;
                if self.inner[i] && next.is_finite() && next > space.lo && next < space.hi {
                    next
                } else {
                    l
                }
            })
            .collect()
    }

    /// The joint gradient and Hessian at θ over the swept and inner parameters, in model
    /// order; `order` lists their indices.
    fn local(&self, theta: &[f64]) -> (Vec<usize>, Vec<f64>, Vec<f64>) {
        let order: Vec<usize> = (0..theta.len())
            .filter(|&i| i == self.swept || (self.inner[i] && self.model.irregular(i).is_none()))
            .collect();
        let (_, g, h) = self.model.ll_derivatives(self.stats, theta, &order);
        (order, g, h)
    }

    /// The profile's score and curvature at a point `theta` (every parameter) where the
    /// nuisance parameters are already maximised — a grid point of [`ProfileCurve::sweep`]:
    /// the same numbers as [`Curve::score`] and [`Curve::curvature`] there, from one pass of
    /// derivatives instead of two fits (the interactive page needs them at 201 points of
    /// every curve).
    pub fn derivatives_at(&self, theta: &[f64]) -> (f64, f64) {
        let local = self.local(theta);
        let s = local
            .0
            .iter()
            .position(|&i| i == self.swept)
            .expect("swept");
        (local.1[s], schur(&local, self.swept))
    }

    /// The observed information matrix J = −H of every regular free parameter at the joint
    /// estimate, with the order of its rows.
    pub fn information_matrix(&self) -> (Vec<usize>, Vec<f64>) {
        let (order, _, h) = self.local(&self.joint.theta);
        (order, h.iter().map(|v| -v).collect())
    }
}

impl Curve for ProfileCurve<'_> {
    fn ll(&self, x: f64) -> f64 {
        self.at(x).ll
    }

    fn score(&self, x: f64) -> f64 {
        let fit = self.at(x);
        let (order, g, _) = self.local(&fit.theta);
        let s = order.iter().position(|&i| i == self.swept).expect("swept");
        g[s]
    }

    fn curvature(&self, x: f64) -> f64 {
        let fit = self.at(x);
        schur(&self.local(&fit.theta), self.swept)
    }

    fn space(&self) -> ParamSpace {
        self.model.params()[self.swept].space
    }

    fn mle(&self) -> Option<(f64, Method)> {
        let method = if self.joint.closed_form {
            Method::ClosedForm
        } else {
            Method::Joint
        };
        Some((self.joint.theta[self.swept], method))
    }

    fn irregular(&self) -> Option<&'static str> {
        self.model.irregular(self.swept)
    }

    fn spread(&self, mle: f64) -> f64 {
        let c = -self.curvature(mle);
        if c.is_finite() && c > 0.0 {
            1.0 / c.sqrt()
        } else {
            let space = self.space();
            let width = if space.lo.is_finite() && space.hi.is_finite() {
                space.hi - space.lo
            } else {
                mle.abs().max(1.0)
            };
            0.1 * width
        }
    }
}

/// −pℓ″ from the joint Hessian: H_ss − H_sψ·H_ψψ⁻¹·H_ψs, with `s` the swept parameter.
fn schur((order, _, h): &(Vec<usize>, Vec<f64>, Vec<f64>), swept: usize) -> f64 {
    let k = order.len();
    let s = order.iter().position(|&i| i == swept).expect("swept");
    if k == 1 {
        return h[0];
    }
    let others: Vec<usize> = (0..k).filter(|&m| m != s).collect();
    let m = others.len();
    // −H_ψψ is positive definite at an inner maximum.
    let neg: Vec<f64> = others
        .iter()
        .flat_map(|&a| others.iter().map(move |&b| -h[a * k + b]))
        .collect();
    let Some(inv) = inverse(&neg, m) else {
        return f64::NAN;
    };
    let mut correction = 0.0;
    for (p, &a) in others.iter().enumerate() {
        for (q, &b) in others.iter().enumerate() {
            correction += h[s * k + a] * inv[p * m + q] * h[b * k + s];
        }
    }
    // H_ss − H_sψ·H_ψψ⁻¹·H_ψs = H_ss + H_sψ·(−H_ψψ)⁻¹·H_ψs.
    h[s * k + s] + correction
}
