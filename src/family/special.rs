//! Special functions the families need and statrs does not provide.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
