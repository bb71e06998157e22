//! One-dimensional root finding for estimates and interval ends.
//!
//! Brent's method (inverse quadratic interpolation and secant steps, safeguarded by bisection):
//! it converges superlinearly on smooth functions and never leaves its bracket, which matters
//! here because log-likelihoods are −∞ beyond a support boundary. Any step whose function value
//! is not finite falls back to bisection.

/// A root of `f` in `[a, b]`, where `f(a)` and `f(b)` have opposite signs (either may be
/// infinite), to within `tol` in x.
pub fn brent(f: impl Fn(f64) -> f64, mut a: f64, mut b: f64, tol: f64) -> f64 {
    let mut fa = f(a);
    let mut fb = f(b);
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    debug_assert!(fa.signum() != fb.signum(), "no sign change in [{a}, {b}]");
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let m = 0.5 * (c - b);
        if m.abs() <= tol1 || fb == 0.0 {
            return b;
        }
        let interpolate =
            e.abs() >= tol1 && fa.abs() > fb.abs() && fa.is_finite() && fc.is_finite();
        if interpolate {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * m * s;
                q = 1.0 - s;
            } else {
                let qa = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * m * qa * (qa - r) - (b - a) * (r - 1.0));
                q = (qa - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            if p.is_finite()
                && q.is_finite()
                && 2.0 * p < (3.0 * m * q - (tol1 * q).abs()).min((e * q).abs())
            {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        } else {
            d = m;
            e = m;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(m) };
        fb = f(b);
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_roots_to_the_tolerance() {
        let root = brent(|x| x * x - 2.0, 0.0, 2.0, 1e-15);
        assert!((root - std::f64::consts::SQRT_2).abs() < 1e-15);
        let root = brent(|x| x.ln() + 1.0, 0.01, 5.0, 1e-15);
        assert!((root - (-1.0f64).exp()).abs() < 1e-15);
    }

    #[test]
    fn survives_infinite_values_at_the_bracket_end() {
        // Like a log-likelihood beyond a support boundary: +∞ left of 1, smooth right of it.
        let f = |x: f64| if x < 1.0 { f64::INFINITY } else { 3.0 - x };
        let root = brent(f, 0.0, 10.0, 1e-14);
        assert!((root - 3.0).abs() < 1e-13);
        // A jump from +∞ to a negative value: the root is the jump itself.
        let g = |x: f64| if x < 1.0 { f64::INFINITY } else { -1.0 };
        assert!((brent(g, 0.5, 2.0, 1e-14) - 1.0).abs() < 1e-13);
    }
}
