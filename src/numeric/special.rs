//! Special functions to full double precision, where statrs falls short (used by the families
//! and the expression language).
//!
//! - ln C(n, k), for the binomial's θ-free term. statrs computes ln n! − ln k! − ln (n − k)!:
//!   three numbers near n·ln n whose difference is far smaller, so the rounding of the large
//!   ones swamps it. Against mpmath, that leaves 12 correct digits at n = 65 536, 8 at
//!   n = 10⁹ and 5 at n = 10¹² (k = 1), and the binomial LL inherits the error whole. Here the
//!   large parts cancel algebraically before anything is rounded: a short exact product for
//!   small k, and for larger k Stirling's formula written as a sum of positive terms plus a
//!   small series. (statrs' `ln_factorial` itself is accurate to 2e-16 relative up to 2⁵³ and
//!   stays in use for the Poisson.)
//! - The trigamma function ψ′, for the beta family's curvature; statrs has none.
//! - The tetragamma function ψ″, the second derivative of the expression language's
//!   `digamma` (its Hessians are exact, so they need it).

use std::f64::consts::PI;

/// Below this k the coefficient is an exact-enough product of k ratios; from it on, the
/// Stirling series below is already accurate to 3e-17.
const PRODUCT_LIMIT: u64 = 10;

/// ln C(n, k) for 0 ≤ k ≤ n ≤ 2⁵³, with a relative error of a few units in the last place;
/// −∞ when k > n (no way to choose).
pub(crate) fn ln_choose(n: u64, k: u64) -> f64 {
    if k > n {
        return f64::NEG_INFINITY;
    }
    let k = k.min(n - k);
    if k == 0 {
        return 0.0;
    }
    if k < PRODUCT_LIMIT {
        // C(n, k) = Π (n − k + i)/i for i = 1..k: every partial product is itself a binomial
        // coefficient, at most (2⁵³)⁹ < 2¹⁰²⁴, so nothing overflows and each step rounds once.
        let m = (n - k) as f64;
        let c = (1..=k).fold(1.0, |c, i| c * ((m + i as f64) / i as f64));
        return c.ln();
    }
    // Stirling's formula for n!, k! and m! with m = n − k. The n·ln n parts cancel exactly
    // into k·ln(n/k) − m·ln(1 − k/n), both positive (k ≤ n/2), so nothing large is subtracted.
    let (n, k, m) = (n as f64, k as f64, (n - k) as f64);
    k * (n / k).ln() - m * (-k / n).ln_1p()
        + 0.5 * (n / (2.0 * PI * k * m)).ln()
        + stirling_error(n)
        - stirling_error(k)
        - stirling_error(m)
}

/// ln k! − (k·ln k − k): what is left of ln k! once its large part is taken out, which the
/// Poisson log-likelihood cancels algebraically against s·ln λ − nλ (at k = 2⁵³, ln k! is
/// 3.2e17 and its rounding alone, 64, is three times the whole log-likelihood, −19.3).
/// Stirling's ½·ln(2πk) + δ(k) from k = 10 on, exact below.
pub(crate) fn ln_factorial_rest(k: u64) -> f64 {
    if k < PRODUCT_LIMIT {
        let x = k as f64;
        let xlnx = if k == 0 { 0.0 } else { x * x.ln() };
        return statrs::function::factorial::ln_factorial(k) - (xlnx - x);
    }
    let x = k as f64;
    0.5 * (2.0 * PI * x).ln() + stirling_error(x)
}

/// ln(a/b) for positive a and b without the rounding of a/b where it matters: near 1, where
/// a − b is exact (Sterbenz), through ln_1p; elsewhere as a difference of logarithms, which
/// also keeps a/b from overflowing or underflowing (ln(2⁵³/10⁻³⁰⁰) is finite).
pub(crate) fn ln_ratio(a: f64, b: f64) -> f64 {
    if a > 0.5 * b && a < 2.0 * b {
        ((a - b) / b).ln_1p()
    } else {
        a.ln() - b.ln()
    }
}

/// δ(x) = ln x! − [x·ln x − x + ½·ln(2πx)] for x ≥ 10, by its asymptotic series; the first
/// omitted term is below 3e-17 at x = 10 and shrinks as x⁻¹⁵.
fn stirling_error(x: f64) -> f64 {
    let r = 1.0 / x;
    let r2 = r * r;
    const C: [f64; 7] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
    ];
    r * C.iter().rev().fold(0.0, |acc, &c| acc * r2 + c)
}

/// The trigamma function ψ′(x) = d²/dx² ln Γ(x), for x > 0 (+∞ at 0, NaN below or for NaN).
///
/// The recurrence ψ′(x) = ψ′(x + 1) + 1/x² carries x up to z ≥ 12, where the asymptotic series
/// ψ′(z) ~ 1/z + 1/(2z²) + Σₖ B₂ₖ/z²ᵏ⁺¹ = 1/z + 1/(2z²) + 1/(6z³) − 1/(30z⁵) + 1/(42z⁷)
/// − 1/(30z⁹) + 5/(66z¹¹) − 691/(2730z¹³) + 7/(6z¹⁵) − … is cut after the z⁻¹⁵ term: the
/// first omitted term, 3617/(510z¹⁷), is below 4e-18 at z = 12, far under the rounding of the
/// result (about 0.087 there). The recurrence terms are added from the smallest x, whose 1/x²
/// dominates, so small arguments keep their relative accuracy too.
pub fn trigamma(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::INFINITY;
    }
    let mut z = x;
    let mut recurrence = 0.0;
    while z < 12.0 {
        recurrence += 1.0 / (z * z);
        z += 1.0;
    }
    let r = 1.0 / z;
    let r2 = r * r;
    let tail = r2
        * r
        * (1.0 / 6.0
            - r2 * (1.0 / 30.0
                - r2 * (1.0 / 42.0
                    - r2 * (1.0 / 30.0
                        - r2 * (5.0 / 66.0 - r2 * (691.0 / 2730.0 - r2 * 7.0 / 6.0))))));
    recurrence + (r + 0.5 * r2 + tail)
}

/// The tetragamma function ψ″(x) = d³/dx³ ln Γ(x), for x > 0 (−∞ at 0, NaN below or for NaN).
///
/// As for [`trigamma`]: the recurrence ψ″(x) = ψ″(x + 1) − 2/x³ carries x up to z ≥ 14, where
/// the asymptotic series ψ″(z) ~ −1/z² − 1/z³ − Σₖ (2k+1)·B₂ₖ/z²ᵏ⁺², that is
/// −1/z² − 1/z³ − 1/(2z⁴) + 1/(6z⁶) − 1/(6z⁸) + 3/(10z¹⁰) − 5/(6z¹²) + 691/(210z¹⁴)
/// − 35/(2z¹⁶) + …, is cut after the z⁻¹⁶ term: the first omitted one, 3617/(30z¹⁸), is below
/// 3e-19 at z = 14, against a result of about −0.0055 there.
pub fn tetragamma(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    let mut z = x;
    let mut recurrence = 0.0;
    while z < 14.0 {
        recurrence -= 2.0 / (z * z * z);
        z += 1.0;
    }
    let r = 1.0 / z;
    let r2 = r * r;
    let tail = -r2
        * r2
        * (0.5
            - r2 * (1.0 / 6.0
                - r2 * (1.0 / 6.0
                    - r2 * (3.0 / 10.0
                        - r2 * (5.0 / 6.0 - r2 * (691.0 / 210.0 - r2 * 35.0 / 2.0))))));
    recurrence + (-r2 - r2 * r + tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (n, k, ln C(n, k)) computed with mpmath 1.3.0 at 60 digits as
    /// `loggamma(n+1) - loggamma(k+1) - loggamma(n-k+1)`, then rounded to the nearest double.
    const MPMATH: [(u64, u64, f64); 21] = [
        (1, 1, 0.0),
        (5, 2, std::f64::consts::LN_10), // C(5, 2) = 10
        (20, 10, 12.126791314602455),
        (170, 1, 5.135798437050262),
        (170, 85, 115.0398595442661),
        (171, 9, 33.25904091110262),
        (171, 10, 36.044052153340964),
        (300, 150, 204.8656382462206),
        (65536, 1, 11.090354888959125),
        (65536, 2, 21.487547338452824),
        (65536, 9, 87.01081718039414),
        (65536, 10, 95.79844963782716),
        (65536, 32768, 45420.322652564755),
        (1_000_000_000, 1, 20.72326583694641),
        (1_000_000_000, 12, 228.69197548169504),
        (1_000_000_000, 500_000_000, 693147169.9725211),
        (1_000_000_000_000, 1, 27.631021115928547),
        (1_000_000_000_000, 12345, 237142.0021214949),
        (1 << 53, 3, 108.41864223980325),
        (1 << 53, 1 << 52, 6243314768165341.0),
        (1 << 53, (1 << 53) - 1, 36.7368005696771),
    ];

    #[test]
    fn ln_choose_matches_mpmath_to_the_last_digits() {
        for (n, k, expected) in MPMATH {
            let got = ln_choose(n, k);
            let rel = if expected == 0.0 {
                got.abs()
            } else {
                ((got - expected) / expected).abs()
            };
            assert!(
                rel <= 4.0 * f64::EPSILON,
                "ln C({n}, {k}) = {got}, mpmath {expected}, rel {rel:e}"
            );
            // Symmetric in k ↔ n − k by construction, and so by value.
            assert_eq!(ln_choose(n, n - k), got);
        }
    }

    #[test]
    fn impossible_choices_have_zero_probability() {
        assert_eq!(ln_choose(3, 4), f64::NEG_INFINITY);
        assert_eq!(ln_choose(0, 0), 0.0);
    }

    /// scipy.special.polygamma(1, x), scipy 1.17.1, printed with repr (tools/family_reference.py).
    const SCIPY: [(f64, f64); 9] = [
        (1e-08, 1e+16),
        (0.1, 101.43329915079275),
        (0.5, 4.93480220054468),
        (1.0, 1.6449340668482266),
        (2.5, 0.4903577561002349),
        (7.25, 0.1478792331589322),
        (10.0, 0.10516633568168576),
        (123.456, 0.008132945834278194),
        (1000000.0, 1.0000005000001667e-06),
    ];

    #[test]
    fn trigamma_matches_scipy() {
        for (x, expected) in SCIPY {
            let got = trigamma(x);
            assert!(
                ((got - expected) / expected).abs() < 1e-14,
                "ψ′({x}) = {got}, scipy {expected}"
            );
        }
    }

    #[test]
    fn trigamma_has_its_exact_values_and_edges() {
        // ψ′(1) = π²/6 and ψ′(½) = π²/2.
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!((trigamma(1.0) - pi2 / 6.0).abs() < 4e-16);
        assert!((trigamma(0.5) - pi2 / 2.0).abs() < 2e-15);
        assert_eq!(trigamma(0.0), f64::INFINITY);
        assert!(trigamma(-1.0).is_nan());
        assert_eq!(trigamma(f64::INFINITY), 0.0);
        // The recurrence holds across the switch to the series at 12.
        for x in [11.5, 11.999, 12.0, 12.5] {
            let lhs = trigamma(x);
            let rhs = trigamma(x + 1.0) + 1.0 / (x * x);
            assert!(((lhs - rhs) / lhs).abs() < 1e-15, "{x}");
        }
    }

    /// scipy.special.polygamma(2, x), scipy 1.17.1, printed with repr.
    const SCIPY_TETRAGAMMA: [(f64, f64); 8] = [
        (1e-08, -2e+24),
        (0.1, -2001.8614573783439),
        (0.5, -16.828796644234316),
        (1.0, -2.404113806319188),
        (2.5, -0.23620405164172736),
        (13.5, -0.005908436585788241),
        (123.456, -6.614444336394039e-05),
        (1000000.0, -1.0000010000005002e-12),
    ];

    #[test]
    fn tetragamma_matches_scipy_and_its_exact_values() {
        for (x, expected) in SCIPY_TETRAGAMMA {
            let got = tetragamma(x);
            assert!(
                ((got - expected) / expected).abs() < 1e-14,
                "ψ″({x}) = {got}, scipy {expected}"
            );
        }
        // ψ″(1) = −2ζ(3), ζ(3) = 1.2020569031595942 (Apéry's constant).
        assert!((tetragamma(1.0) + 2.0 * 1.2020569031595942).abs() < 1e-15);
        assert_eq!(tetragamma(0.0), f64::NEG_INFINITY);
        assert!(tetragamma(-0.5).is_nan());
        for x in [13.5, 13.999, 14.0, 14.5] {
            let lhs = tetragamma(x);
            let rhs = tetragamma(x + 1.0) - 2.0 / (x * x * x);
            assert!(((lhs - rhs) / lhs).abs() < 1e-15, "{x}");
        }
    }
}
