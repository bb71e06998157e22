//! Dual numbers: exact derivatives of a log-likelihood written once.
//!
//! A log-likelihood — a model's, written as one generic function, or a user's expression,
//! compiled to one instruction list — is evaluated in a [`Scalar`]: at `f64` it is the value;
//! at num-dual's dual numbers it is the value together with exact first and second partial
//! derivatives. That gives the score, the observed information matrix and Newton steps without
//! a hand-derived derivative per family and parameter, and without finite differences (whose
//! error would swamp the curvature of a flat likelihood).
//!
//! - `f64`: LL itself.
//! - [`Dual64`]: LL and one first derivative (a gradient is one pass per parameter).
//! - [`Dual2_64`]: LL, ∂ᵢLL and ∂ᵢ²LL along one parameter (Newton steps of a profile, and
//!   the diagonal of the Hessian).
//! - [`HyperDual64`]: LL, ∂ᵢLL, ∂ⱼLL and ∂ᵢ∂ⱼLL (the Hessian's off-diagonal entries).
//!
//! num-dual's arithmetic (+ − × ÷) is used as it is. Every function, though, is applied here
//! through [`Scalar::chain`] with first and second derivatives worked out by hand: num-dual's
//! own `chain_rule` is private, it has no lgamma, normcdf and the like, and its products
//! `0 · ∞` would put a NaN into the derivative of a term that does not depend on the parameter
//! at all (`ln(x)` of a data column that is 0, differentiated with respect to θ). Here a
//! derivative part that is exactly zero stays zero whatever the function's slope, which is
//! what the mathematics says.

use num_dual::{Dual2_64, Dual64, DualNum, HyperDual64};
use statrs::function::gamma::{digamma, ln_gamma};

/// `a · f`, but 0 when `a` is 0 even if `f` is infinite or NaN: the derivative of a function
/// of something that does not move is zero.
#[inline(always)]
fn scaled(a: f64, f: f64) -> f64 {
    if a == 0.0 {
        0.0
    } else {
        a * f
    }
}

/// A number the instruction list can be evaluated in.
pub trait Scalar: DualNum<Primitive = f64> + Copy + Send + Sync + 'static {
    /// The highest derivative carried (0, 1 or 2), so that second derivatives of special
    /// functions (ψ″, …) are only computed when something will use them.
    const ORDER: u8;
    /// How many f64 parts the number has (value first).
    const PARTS: usize;

    fn value(&self) -> f64;

    /// A number that does not depend on the parameters.
    fn constant(x: f64) -> Self;

    /// f(self) from f(v), f′(v), f″(v) at v = self.value().
    fn chain(self, f0: f64, f1: f64, f2: f64) -> Self;

    /// f(a, b) from its value and first and second partial derivatives at the values of a, b.
    #[allow(clippy::too_many_arguments)]
    fn chain2(a: Self, b: Self, f0: f64, fa: f64, fb: f64, faa: f64, fab: f64, fbb: f64) -> Self;

    /// The same derivatives with another value: used where a value is computed more
    /// accurately than the composition that gives its derivatives.
    fn with_value(self, v: f64) -> Self;

    /// Part k (0 = the value).
    fn part(&self, k: usize) -> f64;

    /// Builds a number from its parts, in the order of [`Scalar::part`].
    fn from_parts(parts: &[f64]) -> Self;

    /// The numbers as plain f64 values, when that is what they are (so that sums of values
    /// need no copy).
    fn as_plain(values: &[Self]) -> Option<&[f64]> {
        let _ = values;
        None
    }

    /// The same for a block being written.
    fn as_plain_mut(values: &mut [Self]) -> Option<&mut [f64]> {
        let _ = values;
        None
    }
}

impl Scalar for f64 {
    const ORDER: u8 = 0;
    const PARTS: usize = 1;

    #[inline(always)]
    fn value(&self) -> f64 {
        *self
    }
    #[inline(always)]
    fn constant(x: f64) -> Self {
        x
    }
    #[inline(always)]
    fn chain(self, f0: f64, _: f64, _: f64) -> Self {
        f0
    }
    #[inline(always)]
    fn chain2(_: Self, _: Self, f0: f64, _: f64, _: f64, _: f64, _: f64, _: f64) -> Self {
        f0
    }
    #[inline(always)]
    fn with_value(self, v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn part(&self, _: usize) -> f64 {
        *self
    }
    fn from_parts(parts: &[f64]) -> Self {
        parts[0]
    }
    fn as_plain(values: &[f64]) -> Option<&[f64]> {
        Some(values)
    }
    fn as_plain_mut(values: &mut [f64]) -> Option<&mut [f64]> {
        Some(values)
    }
}

impl Scalar for Dual64 {
    const ORDER: u8 = 1;
    const PARTS: usize = 2;

    #[inline(always)]
    fn value(&self) -> f64 {
        self.re
    }
    #[inline(always)]
    fn constant(x: f64) -> Self {
        Dual64::new(x, 0.0)
    }
    #[inline(always)]
    fn chain(self, f0: f64, f1: f64, _: f64) -> Self {
        Dual64::new(f0, scaled(self.eps, f1))
    }
    #[inline(always)]
    fn chain2(a: Self, b: Self, f0: f64, fa: f64, fb: f64, _: f64, _: f64, _: f64) -> Self {
        Dual64::new(f0, scaled(a.eps, fa) + scaled(b.eps, fb))
    }
    #[inline(always)]
    fn with_value(self, v: f64) -> Self {
        Dual64::new(v, self.eps)
    }
    #[inline(always)]
    fn part(&self, k: usize) -> f64 {
        [self.re, self.eps][k]
    }
    fn from_parts(p: &[f64]) -> Self {
        Dual64::new(p[0], p[1])
    }
}

impl Scalar for Dual2_64 {
    const ORDER: u8 = 2;
    const PARTS: usize = 3;

    #[inline(always)]
    fn value(&self) -> f64 {
        self.re
    }
    #[inline(always)]
    fn constant(x: f64) -> Self {
        Dual2_64::new(x, 0.0, 0.0)
    }
    #[inline(always)]
    fn chain(self, f0: f64, f1: f64, f2: f64) -> Self {
        Dual2_64::new(
            f0,
            scaled(self.v1, f1),
            scaled(self.v2, f1) + scaled(self.v1 * self.v1, f2),
        )
    }
    #[inline(always)]
    fn chain2(a: Self, b: Self, f0: f64, fa: f64, fb: f64, faa: f64, fab: f64, fbb: f64) -> Self {
        Dual2_64::new(
            f0,
            scaled(a.v1, fa) + scaled(b.v1, fb),
            scaled(a.v2, fa)
                + scaled(b.v2, fb)
                + scaled(a.v1 * a.v1, faa)
                + scaled(2.0 * a.v1 * b.v1, fab)
                + scaled(b.v1 * b.v1, fbb),
        )
    }
    #[inline(always)]
    fn with_value(self, v: f64) -> Self {
        Dual2_64::new(v, self.v1, self.v2)
    }
    #[inline(always)]
    fn part(&self, k: usize) -> f64 {
        [self.re, self.v1, self.v2][k]
    }
    fn from_parts(p: &[f64]) -> Self {
        Dual2_64::new(p[0], p[1], p[2])
    }
}

impl Scalar for HyperDual64 {
    const ORDER: u8 = 2;
    const PARTS: usize = 4;

    #[inline(always)]
    fn value(&self) -> f64 {
        self.re
    }
    #[inline(always)]
    fn constant(x: f64) -> Self {
        HyperDual64::new(x, 0.0, 0.0, 0.0)
    }
    #[inline(always)]
    fn chain(self, f0: f64, f1: f64, f2: f64) -> Self {
        HyperDual64::new(
            f0,
            scaled(self.eps1, f1),
            scaled(self.eps2, f1),
            scaled(self.eps1eps2, f1) + scaled(self.eps1 * self.eps2, f2),
        )
    }
    #[inline(always)]
    fn chain2(a: Self, b: Self, f0: f64, fa: f64, fb: f64, faa: f64, fab: f64, fbb: f64) -> Self {
        HyperDual64::new(
            f0,
            scaled(a.eps1, fa) + scaled(b.eps1, fb),
            scaled(a.eps2, fa) + scaled(b.eps2, fb),
            scaled(a.eps1eps2, fa)
                + scaled(b.eps1eps2, fb)
                + scaled(a.eps1 * a.eps2, faa)
                + scaled(a.eps1 * b.eps2 + a.eps2 * b.eps1, fab)
                + scaled(b.eps1 * b.eps2, fbb),
        )
    }
    #[inline(always)]
    fn with_value(self, v: f64) -> Self {
        HyperDual64::new(v, self.eps1, self.eps2, self.eps1eps2)
    }
    #[inline(always)]
    fn part(&self, k: usize) -> f64 {
        [self.re, self.eps1, self.eps2, self.eps1eps2][k]
    }
    fn from_parts(p: &[f64]) -> Self {
        HyperDual64::new(p[0], p[1], p[2], p[3])
    }
}

/// ln Γ(x), with ψ(x) and ψ′(x) as its derivatives.
pub fn ln_gamma_of<D: Scalar>(x: D) -> D {
    let re = x.value();
    x.chain(ln_gamma(re), digamma(re), super::special::trigamma(re))
}

/// x·ln y with 0·ln 0 = 0 (a boundary value with no opposing evidence stays finite); the
/// derivatives are those of x·ln y wherever y > 0.
pub fn xlny<D: Scalar>(x: f64, y: D) -> D {
    if x == 0.0 {
        D::constant(0.0)
    } else {
        y.ln() * x
    }
}

/// The value, gradient and Hessian of `f` at `theta`, from one hyper-dual evaluation per pair
/// of coordinates (i ≤ j): k(k + 1)/2 evaluations for k coordinates, each exact.
pub fn derivatives(
    theta: &[f64],
    f: impl Fn(&[HyperDual64]) -> HyperDual64,
) -> (f64, Vec<f64>, Vec<f64>) {
    let k = theta.len();
    let mut grad = vec![0.0; k];
    let mut hess = vec![0.0; k * k];
    let mut value = f64::NAN;
    let mut args: Vec<HyperDual64> = theta.iter().map(|&t| HyperDual64::from_re(t)).collect();
    if k == 0 {
        let v = f(&args);
        return (v.re, grad, hess);
    }
    for i in 0..k {
        for j in i..k {
            for (m, a) in args.iter_mut().enumerate() {
                *a = HyperDual64::new(
                    theta[m],
                    if m == i { 1.0 } else { 0.0 },
                    if m == j { 1.0 } else { 0.0 },
                    0.0,
                );
            }
            let v = f(&args);
            value = v.re;
            if j == i {
                grad[i] = v.eps1;
            }
            hess[i * k + j] = v.eps1eps2;
            hess[j * k + i] = v.eps1eps2;
        }
    }
    (value, grad, hess)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain rule against a composition worked by hand: f(g(θ)) with g = θ² and
    /// f = ln, at θ = 3: f = ln 9, df/dθ = 2/θ, d²f/dθ² = −2/θ².
    #[test]
    fn chain_rule_composes_exactly() {
        let theta = 3.0;
        let g = Dual2_64::new(theta, 1.0, 0.0) * Dual2_64::new(theta, 1.0, 0.0);
        let v = g.value();
        let f = g.chain(v.ln(), 1.0 / v, -1.0 / (v * v));
        assert_eq!(f.re, 9f64.ln());
        assert!((f.v1 - 2.0 / theta).abs() < 1e-15);
        assert!((f.v2 + 2.0 / (theta * theta)).abs() < 1e-15);
        let h = HyperDual64::new(theta, 1.0, 1.0, 0.0);
        let h = h * h;
        let f = h.chain(v.ln(), 1.0 / v, -1.0 / (v * v));
        assert!((f.eps1eps2 + 2.0 / (theta * theta)).abs() < 1e-15);
    }

    #[test]
    fn a_part_that_does_not_move_stays_zero_through_an_infinite_slope() {
        // ln at 0 has slope +∞; a constant has no derivative to scale.
        let c = Dual2_64::constant(0.0).chain(f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        assert_eq!((c.v1, c.v2), (0.0, 0.0));
        let c = HyperDual64::constant(0.0).chain(0.0, f64::NAN, f64::NAN);
        assert_eq!((c.eps1, c.eps2, c.eps1eps2), (0.0, 0.0, 0.0));
    }

    /// f(a, b) = a·b² with a = θ, b = θ: f = θ³, f′ = 3θ², f″ = 6θ.
    #[test]
    fn binary_chain_rule_has_the_cross_term() {
        let t = 2.0;
        let a = Dual2_64::new(t, 1.0, 0.0);
        let f = Dual2_64::chain2(a, a, t * t * t, t * t, 2.0 * t * t, 0.0, 2.0 * t, 2.0 * t);
        assert_eq!((f.re, f.v1, f.v2), (8.0, 12.0, 12.0));
        let h = HyperDual64::new(t, 1.0, 1.0, 0.0);
        let f = HyperDual64::chain2(h, h, t * t * t, t * t, 2.0 * t * t, 0.0, 2.0 * t, 2.0 * t);
        assert_eq!((f.eps1, f.eps2, f.eps1eps2), (12.0, 12.0, 12.0));
    }

    #[test]
    fn hyper_duals_give_the_mixed_partials_of_a_closed_form() {
        // f(a, b) = a²·b + ln b: ∂a = 2ab, ∂b = a² + 1/b, ∂aa = 2b, ∂ab = 2a, ∂bb = −1/b².
        let (v, g, h) = derivatives(&[3.0, 2.0], |t| t[0] * t[0] * t[1] + t[1].ln());
        assert_eq!(v, 18.0 + 2f64.ln());
        assert_eq!(g, vec![12.0, 9.5]);
        assert_eq!(h, vec![4.0, 6.0, 6.0, -0.25]);
    }

    #[test]
    fn ln_gamma_carries_digamma_and_trigamma() {
        // At x = 1: ln Γ = 0, ψ(1) = −γ, ψ′(1) = π²/6 (closed forms).
        let (v, g, h) = derivatives(&[1.0], |t| ln_gamma_of(t[0]));
        assert!(v.abs() < 1e-15);
        assert!((g[0] + 0.577_215_664_901_532_9).abs() < 1e-14, "{}", g[0]);
        let pi2_6 = std::f64::consts::PI.powi(2) / 6.0;
        assert!((h[0] - pi2_6).abs() < 1e-14, "{}", h[0]);
    }

    #[test]
    fn the_second_order_dual_agrees_with_the_hyper_dual() {
        let x = Dual2_64::new(2.5, 1.0, 0.0);
        let y = ln_gamma_of(x);
        let (_, g, h) = derivatives(&[2.5], |t| ln_gamma_of(t[0]));
        assert_eq!((y.v1, y.v2), (g[0], h[0]));
    }
}
