//! Dual numbers: exact derivatives of a log-likelihood written once.
//!
//! A model's log-likelihood is written as one generic function over [`Real`]; evaluated at
//! `f64` it is the value, at num-dual's hyper-dual numbers it is the value together with two
//! first partial derivatives and their mixed second derivative, exact to rounding. That gives
//! the score, the observed information matrix and Newton steps without a hand-derived
//! derivative per family and parameter, and without finite differences (whose error would
//! swamp the curvature of a flat likelihood).
//!
//! num-dual's chain rule is private, so [`Real::lift`] re-states it from the public fields:
//! that is what lets a special function whose derivatives we know (ln Γ with ψ and ψ′) act on
//! any of the types.

use num_dual::{Dual2_64, Dual64, DualNum, HyperDual64};
use statrs::function::gamma::{digamma, ln_gamma};

/// A number that carries its derivatives along: `f64` itself, or one of num-dual's scalar
/// dual types.
pub trait Real: DualNum<Primitive = f64> + Copy + Send + Sync {
    /// f(x) from f(re), f′(re) and f″(re), by the chain rule.
    fn lift(self, f0: f64, f1: f64, f2: f64) -> Self;

    /// The value, without derivatives.
    fn value(self) -> f64;

    /// A constant (all derivatives zero).
    fn constant(x: f64) -> Self;
}

impl Real for f64 {
    fn lift(self, f0: f64, _f1: f64, _f2: f64) -> f64 {
        f0
    }
    fn value(self) -> f64 {
        self
    }
    fn constant(x: f64) -> f64 {
        x
    }
}

impl Real for Dual64 {
    fn lift(self, f0: f64, f1: f64, _f2: f64) -> Self {
        Dual64::new(f0, self.eps * f1)
    }
    fn value(self) -> f64 {
        self.re
    }
    fn constant(x: f64) -> Self {
        Dual64::from_re(x)
    }
}

impl Real for Dual2_64 {
    fn lift(self, f0: f64, f1: f64, f2: f64) -> Self {
        Dual2_64::new(f0, self.v1 * f1, self.v2 * f1 + self.v1 * self.v1 * f2)
    }
    fn value(self) -> f64 {
        self.re
    }
    fn constant(x: f64) -> Self {
        Dual2_64::from_re(x)
    }
}

impl Real for HyperDual64 {
    fn lift(self, f0: f64, f1: f64, f2: f64) -> Self {
        HyperDual64::new(
            f0,
            self.eps1 * f1,
            self.eps2 * f1,
            self.eps1eps2 * f1 + self.eps1 * self.eps2 * f2,
        )
    }
    fn value(self) -> f64 {
        self.re
    }
    fn constant(x: f64) -> Self {
        HyperDual64::from_re(x)
    }
}

/// ln Γ(x), with ψ(x) and ψ′(x) as its derivatives.
pub fn ln_gamma_of<D: Real>(x: D) -> D {
    let re = x.value();
    x.lift(ln_gamma(re), digamma(re), crate::special::trigamma(re))
}

/// x·ln y with 0·ln 0 = 0 (a boundary value with no opposing evidence stays finite); the
/// derivatives are those of x·ln y wherever y > 0.
pub fn xlny<D: Real>(x: f64, y: D) -> D {
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
