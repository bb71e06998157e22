//! The operations of the instruction list and what each does to its operands, for any
//! [`Scalar`]: the one definition of the language's arithmetic, shared by constant folding,
//! the per-row evaluator and the block evaluator.

use super::functions::Func1;
use super::math;
use super::parser::Cmp;
use crate::numeric::dual::Scalar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Op {
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    /// a^b with b depending on the parameters or the data.
    Pow,
    /// a^c with a constant exponent (the bits of c, so that the op can be hashed).
    PowConst(u64),
    Cmp(Cmp),
    If,
    F1(Func1),
    Lbeta,
    Lchoose,
    LogSumExp,
    Min,
    Max,
}

/// a^c for a constant c: x·x for c = 2 (exact to the last bit, as numpy's `x**2`), powf
/// otherwise, with c·a^(c−1) and c(c−1)·a^(c−2) as derivatives.
#[inline]
pub(crate) fn pow_const<T: Scalar>(a: T, c: f64) -> T {
    let x = a.value();
    let f0 = if c == 2.0 { x * x } else { x.powf(c) };
    if T::ORDER == 0 {
        return T::constant(f0);
    }
    let f1 = if c == 2.0 {
        2.0 * x
    } else {
        c * x.powf(c - 1.0)
    };
    let cc = c * (c - 1.0);
    let f2 = if T::ORDER < 2 || cc == 0.0 {
        0.0
    } else {
        cc * x.powf(c - 2.0)
    };
    a.chain(f0, f1, f2)
}

/// a^b with both operands possibly moving. For a > 0 the partial derivatives of e^(b·ln a);
/// at a = 0 the exponent's derivative is 0 (0^b is 0 for every b > 0), and below 0 it is
/// undefined (NaN) unless the exponent does not move.
pub(crate) fn pow<T: Scalar>(a: T, b: T) -> T {
    let (x, y) = (a.value(), b.value());
    let f0 = x.powf(y);
    if T::ORDER == 0 {
        return T::constant(f0);
    }
    let xm1 = x.powf(y - 1.0);
    let fa = y * xm1;
    let faa = if y * (y - 1.0) == 0.0 {
        0.0
    } else {
        y * (y - 1.0) * x.powf(y - 2.0)
    };
    let (fb, fab, fbb) = if x > 0.0 {
        let l = x.ln();
        (f0 * l, xm1 * (1.0 + y * l), f0 * l * l)
    } else if x == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (f64::NAN, f64::NAN, f64::NAN)
    };
    T::chain2(a, b, f0, fa, fb, faa, fab, fbb)
}

#[inline]
pub(crate) fn compare<T: Scalar>(cmp: Cmp, a: T, b: T) -> T {
    let (x, y) = (a.value(), b.value());
    if x.is_nan() || y.is_nan() {
        return T::constant(f64::NAN);
    }
    let truth = match cmp {
        Cmp::Lt => x < y,
        Cmp::Le => x <= y,
        Cmp::Gt => x > y,
        Cmp::Ge => x >= y,
        Cmp::Eq => x == y,
        Cmp::Ne => x != y,
    };
    T::constant(if truth { 1.0 } else { 0.0 })
}

/// if(c, a, b): the branch chosen whole, derivatives included; an undefined condition makes
/// the result undefined rather than picking a branch.
#[inline]
pub(crate) fn select<T: Scalar>(c: T, a: T, b: T) -> T {
    let c = c.value();
    if c.is_nan() {
        T::constant(f64::NAN)
    } else if c != 0.0 {
        a
    } else {
        b
    }
}

#[inline]
pub(crate) fn unary<T: Scalar>(f: Func1, a: T) -> T {
    let (f0, f1, f2) = math::unary(f, a.value(), T::ORDER);
    if T::ORDER == 0 {
        T::constant(f0)
    } else {
        a.chain(f0, f1, f2)
    }
}

/// ln B(a, b) with ∂a = ψ(a) − ψ(a+b), ∂b = ψ(b) − ψ(a+b) and the ψ′ terms.
pub(crate) fn lbeta<T: Scalar>(a: T, b: T) -> T {
    let (x, y) = (a.value(), b.value());
    let f0 = math::lbeta(x, y);
    if T::ORDER == 0 {
        return T::constant(f0);
    }
    let psi_s = math::digamma(x + y);
    let (fa, fb) = (math::digamma(x) - psi_s, math::digamma(y) - psi_s);
    let (faa, fab, fbb) = if T::ORDER >= 2 {
        let t = math::trigamma(x + y);
        (math::trigamma(x) - t, -t, math::trigamma(y) - t)
    } else {
        (0.0, 0.0, 0.0)
    };
    T::chain2(a, b, f0, fa, fb, faa, fab, fbb)
}

/// ln C(n, k) with ∂n = ψ(n+1) − ψ(n−k+1), ∂k = ψ(n−k+1) − ψ(k+1) and the ψ′ terms.
pub(crate) fn lchoose<T: Scalar>(n: T, k: T) -> T {
    let (x, y) = (n.value(), k.value());
    let f0 = math::lchoose(x, y);
    if T::ORDER == 0 {
        return T::constant(f0);
    }
    let psi_r = math::digamma(x - y + 1.0);
    let (fa, fb) = (
        math::digamma(x + 1.0) - psi_r,
        psi_r - math::digamma(y + 1.0),
    );
    let (faa, fab, fbb) = if T::ORDER >= 2 {
        let t = math::trigamma(x - y + 1.0);
        (math::trigamma(x + 1.0) - t, t, -math::trigamma(y + 1.0) - t)
    } else {
        (0.0, 0.0, 0.0)
    };
    T::chain2(n, k, f0, fa, fb, faa, fab, fbb)
}

/// ln Σ exp(aᵢ) as m + ln Σ exp(aᵢ − m) with m the largest aᵢ: no overflow, and the dual
/// arithmetic gives the exact derivatives (softmax weights) on its own.
pub(crate) fn log_sum_exp<T: Scalar>(args: &[T]) -> T {
    let mut m = f64::NEG_INFINITY;
    for a in args {
        let v = a.value();
        if v.is_nan() {
            return T::constant(f64::NAN);
        }
        m = m.max(v);
    }
    if m.is_infinite() {
        // All −∞ (probability zero), or a +∞ that no other term can outweigh.
        return T::constant(m);
    }
    let mut total = T::constant(0.0);
    for &a in args {
        total += unary(Func1::Exp, a - m);
    }
    unary(Func1::Ln, total) + m
}

/// The operand with the least (or greatest) value, the first on ties; NaN if any is NaN.
pub(crate) fn extreme<T: Scalar>(args: &[T], greatest: bool) -> T {
    let mut best = args[0];
    for &a in args {
        if a.value().is_nan() {
            return a;
        }
        let better = if greatest {
            a.value() > best.value()
        } else {
            a.value() < best.value()
        };
        if better {
            best = a;
        }
    }
    best
}

/// Applies `op` to its operands: the general path (the block evaluator has faster loops for
/// the common binary operations, with the same results).
pub(crate) fn apply<T: Scalar>(op: Op, args: &[T]) -> T {
    match op {
        Op::Neg => -args[0],
        Op::Add => args[0] + args[1],
        Op::Sub => args[0] - args[1],
        Op::Mul => args[0] * args[1],
        Op::Div => args[0] / args[1],
        Op::Pow => pow(args[0], args[1]),
        Op::PowConst(bits) => pow_const(args[0], f64::from_bits(bits)),
        Op::Cmp(c) => compare(c, args[0], args[1]),
        Op::If => select(args[0], args[1], args[2]),
        Op::F1(f) => unary(f, args[0]),
        Op::Lbeta => lbeta(args[0], args[1]),
        Op::Lchoose => lchoose(args[0], args[1]),
        Op::LogSumExp => log_sum_exp(args),
        Op::Min => extreme(args, false),
        Op::Max => extreme(args, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_dual::{Dual2_64, HyperDual64};

    fn d2(x: f64) -> Dual2_64 {
        Dual2_64::new(x, 1.0, 0.0)
    }

    /// x^y at (x, y) = (2, 3), by hand: f = 8; ∂x = yx^(y−1) = 12, ∂y = x^y ln x = 8 ln 2;
    /// ∂x∂y = x^(y−1)(1 + y ln x) = 4(1 + 3 ln 2).
    #[test]
    fn power_has_all_partial_derivatives() {
        let x = HyperDual64::new(2.0, 1.0, 0.0, 0.0);
        let y = HyperDual64::new(3.0, 0.0, 1.0, 0.0);
        let f = pow(x, y);
        let ln2 = std::f64::consts::LN_2;
        assert_eq!(f.re, 8.0);
        assert_eq!(f.eps1, 12.0);
        assert!((f.eps2 - 8.0 * ln2).abs() < 1e-15);
        assert!((f.eps1eps2 - 4.0 * (1.0 + 3.0 * ln2)).abs() < 1e-14);
        // A negative base with a fixed exponent is fine: (−2)³ = −8, slope 3·4 = 12.
        let g = pow(d2(-2.0), Dual2_64::constant(3.0));
        assert_eq!((g.re, g.v1, g.v2), (-8.0, 12.0, -12.0));
        // A constant exponent: x² at 3 is 9, 6, 2; x^0.5 at 4 is 2, 1/4, −1/32.
        let h = pow_const(d2(3.0), 2.0);
        assert_eq!((h.re, h.v1, h.v2), (9.0, 6.0, 2.0));
        let r = pow_const(d2(4.0), 0.5);
        assert_eq!((r.re, r.v1, r.v2), (2.0, 0.25, -1.0 / 32.0));
        // x¹ has no curvature even where x^(−1) is infinite.
        let one = pow_const(d2(0.0), 1.0);
        assert_eq!((one.re, one.v1, one.v2), (0.0, 1.0, 0.0));
    }

    /// logsumexp(θ, 2θ) at θ = 0: ln 2; slope (1 + 2)/2 = 1.5; curvature Var of (1, 2) under
    /// equal weights = 0.25.
    #[test]
    fn log_sum_exp_is_stable_and_exact() {
        let t = d2(0.0);
        let f = log_sum_exp(&[t, t + t]);
        assert!((f.re - std::f64::consts::LN_2).abs() < 1e-16);
        assert!((f.v1 - 1.5).abs() < 1e-15);
        assert!((f.v2 - 0.25).abs() < 1e-15);
        assert_eq!(
            log_sum_exp(&[1000.0, 1000.0]),
            1000.0 + std::f64::consts::LN_2
        );
        assert_eq!(
            log_sum_exp(&[f64::NEG_INFINITY, f64::NEG_INFINITY]),
            f64::NEG_INFINITY
        );
        assert_eq!(log_sum_exp(&[f64::NEG_INFINITY, 0.0]), 0.0);
        assert!(log_sum_exp(&[f64::NAN, 0.0]).is_nan());
    }

    #[test]
    fn comparisons_and_if_propagate_undefined_values() {
        assert_eq!(compare(Cmp::Le, 1.0, 1.0), 1.0);
        assert_eq!(compare(Cmp::Ne, 1.0, 1.0), 0.0);
        assert!(compare(Cmp::Eq, f64::NAN, 0.0).is_nan());
        assert_eq!(select(0.0, f64::NAN, 2.0), 2.0);
        assert!(select(f64::NAN, 1.0, 2.0).is_nan());
        assert_eq!(extreme(&[3.0, 1.0, 2.0], false), 1.0);
        assert_eq!(extreme(&[3.0, 1.0, 2.0], true), 3.0);
        assert!(extreme(&[3.0, f64::NAN], true).is_nan());
    }

    /// ∂/∂a ln B(a, b) = ψ(a) − ψ(a + b); at (1, 1): ψ(1) − ψ(2) = −1. ∂²/∂a² = ψ′(1) − ψ′(2)
    /// = 1 (ψ′(2) = ψ′(1) − 1).
    #[test]
    fn lbeta_and_lchoose_derivatives_by_hand() {
        let f = lbeta(d2(1.0), Dual2_64::constant(1.0));
        assert_eq!(f.re, 0.0);
        assert!((f.v1 + 1.0).abs() < 1e-15);
        assert!((f.v2 - 1.0).abs() < 1e-14);
        // ln C(n, 2) = ln(n(n−1)/2): at n = 4, slope 1/4 + 1/3, curvature −1/16 − 1/9.
        let g = lchoose(d2(4.0), Dual2_64::constant(2.0));
        assert!((g.re - 6f64.ln()).abs() < 1e-15);
        assert!((g.v1 - (0.25 + 1.0 / 3.0)).abs() < 1e-14);
        assert!((g.v2 + (1.0 / 16.0 + 1.0 / 9.0)).abs() < 1e-14);
    }
}
