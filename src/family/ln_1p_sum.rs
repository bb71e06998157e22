//! Σ ln(1 + k·zᵢ²) over kept observations, the heavy-tailed location families' inner loop.
//!
//! The Cauchy and Student t log-likelihoods spend all their time in this sum: a 1000-point
//! sweep of 10⁵ observations is 10⁸ logarithms, and a libm logarithm costs about 20 ns of
//! serial work that the compiler cannot vectorise. A sum of logarithms is the logarithm of a
//! product, and a multiplication is one vectorisable instruction, so the sum is taken as
//!
//! Σ ln(1 + tᵢ) = E·ln 2 + Σ_lanes ln mₗ,
//!
//! where eight independent lanes multiply their factors 1 + tᵢ together and every eight rounds
//! move each lane's binary exponent into an integer E, leaving a mantissa mₗ in [1, 2). Nothing
//! can overflow or underflow (every factor is at least 1 and at most 2⁶⁴ between
//! renormalisations), so this is log-space in all but name: nine logarithms per evaluation
//! instead of n.
//!
//! # Accuracy
//! Each factor and each product is rounded once, a relative error of at most 2⁻⁵³ each, which
//! is an absolute error of at most 2⁻⁵³ in the sum per observation; rounding errors of opposite
//! signs cancel, so the total is about √n·2⁻⁵³ (3·10⁻¹⁴ for n = 10⁵), far below the last digit
//! of an LL of that many observations. Terms with tᵢ < 2⁻¹² would lose relative accuracy in
//! 1 + tᵢ, so they are summed apart from their series ln(1 + t) = t − t²/2 + t³/3 − t⁴/4 + t⁵/5
//! (truncation error below t⁶/6, a relative 2⁻⁶⁰). A block of 64 observations with some
//! tᵢ > 2⁶⁴ (or where z overflowed) is summed term by term with [`ln_1p_square`] instead,
//! which takes the logarithm apart where k·z² overflows, so the sum stays finite (and right)
//! for data as far apart as ±1e308. The order of every operation is fixed by the
//! observations' order, so the result is the same on every machine and for any thread count.

const LANES: usize = 8;
/// Multiplications per lane between renormalisations: (2·(2⁶⁴)⁸ = 2⁵¹³) stays finite.
const ROUNDS: usize = 8;
const BLOCK: usize = LANES * ROUNDS;
/// Below this, t enters through its series rather than through the product.
const SMALL: f64 = 1.0 / 4096.0;
/// Above this, a block falls back to `ln_1p` term by term.
const LARGE: f64 = 18_446_744_073_709_551_616.0; // 2⁶⁴
const MANTISSA: u64 = (1 << 52) - 1;
const ONE: u64 = 1023 << 52;
/// ln 2 split so that E·LN2_HI is exact for |E| < 2²¹ (fdlibm's split).
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000); // 6.93147180369123816490e-01
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76); // 1.90821492927058770002e-10

/// ln(1 + k·z²) with z = (x − location)/scale, for finite x and location and positive finite
/// `scale` and `k`: one term of the sum, finite for every such input. Where k·z² overflows
/// (data at ±1e308: x − location, z or z² past the largest double), the logarithm is taken
/// apart instead, ln(k·z²) = 2·ln|z| + ln k with ln|z| = ln|x/2 − location/2| + ln 2 − ln scale,
/// so the term is its true value (about 1420 at z = 1e308), not +∞.
pub(crate) fn ln_1p_square(x: f64, location: f64, scale: f64, k: f64) -> f64 {
    let z = (x - location) / scale;
    let t = k * (z * z);
    if t.is_finite() {
        return t.ln_1p();
    }
    let ln_z = (0.5 * x - 0.5 * location).abs().ln() + std::f64::consts::LN_2 - scale.ln();
    let ln_t = 2.0 * ln_z + k.ln();
    // ln(1 + t) = ln t + ln(1 + 1/t); the second part is below 1e-300 once t overflows, but
    // is kept for the k < 1 cases where ln t is smaller.
    ln_t + (-ln_t).exp().ln_1p()
}

/// Σᵢ ln(1 + k·((xᵢ − location)/scale)²) for finite observations xᵢ, a finite location and
/// positive finite `scale` and `k`.
pub(crate) fn sum_ln_1p_square(values: &[f64], location: f64, scale: f64, k: f64) -> f64 {
    let inv_scale = 1.0 / scale;
    if !inv_scale.is_finite() {
        // A subnormal scale: 1/scale overflows; the plain pass divides instead.
        return values
            .iter()
            .map(|&x| ln_1p_square(x, location, scale, k))
            .sum();
    }
    let t_of = |x: f64| {
        let z = (x - location) * inv_scale;
        k * (z * z)
    };
    let mut mantissa = [1.0f64; LANES];
    let mut exponent = [0i64; LANES];
    let mut series = [0.0f64; LANES];
    let mut fallback = 0.0;
    let blocks = values.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    for block in blocks {
        let mut product = mantissa;
        let mut small = [0.0f64; LANES];
        let mut largest = [0.0f64; LANES];
        for round in block.chunks_exact(LANES) {
            for l in 0..LANES {
                let t = t_of(round[l]);
                let is_small = t < SMALL;
                product[l] *= if is_small { 1.0 } else { 1.0 + t };
                small[l] += if is_small { ln_1p_series(t) } else { 0.0 };
                largest[l] = largest[l].max(t);
            }
        }
        let in_range = (0..LANES).all(|l| largest[l] <= LARGE && product[l].is_finite());
        if in_range {
            for l in 0..LANES {
                let bits = product[l].to_bits();
                exponent[l] += (bits >> 52) as i64 - 1023;
                mantissa[l] = f64::from_bits((bits & MANTISSA) | ONE);
                series[l] += small[l];
            }
        } else {
            fallback += block
                .iter()
                .map(|&x| ln_1p_square(x, location, scale, k))
                .sum::<f64>();
        }
    }
    let e = exponent.iter().sum::<i64>() as f64;
    let logs: f64 = mantissa.iter().map(|m| m.ln()).sum();
    let tail: f64 = tail
        .iter()
        .map(|&x| ln_1p_square(x, location, scale, k))
        .sum();
    let series: f64 = series.iter().sum();
    (e * LN2_HI + (logs + series + tail + fallback)) + e * LN2_LO
}

/// ln(1 + t) for 0 ≤ t < 2⁻¹², to a relative 2⁻⁶⁰ before rounding.
#[inline(always)]
fn ln_1p_series(t: f64) -> f64 {
    t * (1.0 - t * (0.5 - t * (1.0 / 3.0 - t * (0.25 - t * 0.2))))
}

/// Far out in the tails z²/(ν + z²)·(1/z) is 1/z to the last bit (and z may be ±∞ when
/// x − μ overflows, where z/(ν + z²) would be ∞/∞ = NaN): one observation's score term
/// z/(ν + z²), shared by the Student t and Cauchy (ν = 1) families.
#[inline(always)]
pub(crate) fn score_term(z: f64, nu: f64) -> f64 {
    if z.abs() > 1e150 {
        1.0 / z
    } else {
        z / (nu + z * z)
    }
}

/// One observation's curvature term (z² − ν)/(ν + z²)², 1/z² far out (see [`score_term`]).
#[inline(always)]
pub(crate) fn curvature_term(z: f64, nu: f64) -> f64 {
    if z.abs() > 1e150 {
        1.0 / (z * z)
    } else {
        let d = nu + z * z;
        (z * z - nu) / (d * d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain sum of `ln_1p` terms, with the error of each addition carried (Neumaier), as
    /// the oracle.
    fn reference(values: &[f64], location: f64, scale: f64, k: f64) -> f64 {
        let (mut sum, mut carry) = (0.0f64, 0.0f64);
        for &x in values {
            let z = (x - location) / scale;
            let term = (k * (z * z)).ln_1p();
            let next = sum + term;
            carry += if sum.abs() >= term.abs() {
                (sum - next) + term
            } else {
                (term - next) + sum
            };
            sum = next;
        }
        sum + carry
    }

    /// A reproducible heavy-tailed sample: tan of an evenly spread angle is standard Cauchy.
    fn cauchy_like(n: usize) -> Vec<f64> {
        (0..n)
            .map(|i| {
                let u = (i as f64 * 0.618_033_988_749_895).fract();
                (std::f64::consts::PI * (u - 0.5)).tan()
            })
            .collect()
    }

    #[test]
    fn the_product_form_matches_a_compensated_sum_of_logs() {
        for n in [0, 1, 63, 64, 65, 1000, 100_003] {
            let xs = cauchy_like(n);
            for (location, scale, k) in [(0.0, 1.0, 1.0), (3.5, 0.25, 1.0), (-1.0, 2.0, 0.2)] {
                let fast = sum_ln_1p_square(&xs, location, scale, k);
                let exact = reference(&xs, location, scale, k);
                let tolerance = 4e-16 * exact.abs().max(1.0);
                assert!(
                    (fast - exact).abs() <= tolerance,
                    "n = {n}: {fast} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn small_terms_keep_their_relative_accuracy() {
        // Every t below 2⁻¹²: the sum is tiny, and must still be right to the last digits.
        let xs: Vec<f64> = (0..1000).map(|i| 1e-6 * (i as f64 - 500.0)).collect();
        let fast = sum_ln_1p_square(&xs, 0.0, 1.0, 1.0);
        let exact = reference(&xs, 0.0, 1.0, 1.0);
        assert!((fast - exact).abs() <= 1e-15 * exact, "{fast} vs {exact}");
        // By hand, with S₂ = Σ j², S₄ = Σ j⁴, S₆ = Σ j⁶ over j = −500..499 (83 333 500,
        // 12 500 083 333 300 and 2 232 174 107 101 190 500, exact integer sums):
        // Σ ln(1 + t) = 10⁻¹²·S₂ − 10⁻²⁴·S₄/2 + 10⁻³⁶·S₆/3 − …, the next term below 10⁻³⁰.
        let by_hand =
            83_333_500e-12 - 12_500_083_333_300e-24 / 2.0 + 2.232_174_107_101_190_6e-18 / 3.0;
        assert!((fast - by_hand).abs() < 1e-19, "{fast} vs {by_hand}");
    }

    #[test]
    fn huge_terms_fall_back_and_stay_finite() {
        let mut xs = cauchy_like(200);
        xs[70] = 1e30; // t = 10⁶⁰ > 2⁶⁴: that block is summed term by term
        let fast = sum_ln_1p_square(&xs, 0.0, 1.0, 1.0);
        let exact = reference(&xs, 0.0, 1.0, 1.0);
        assert!((fast - exact).abs() <= 4e-16 * exact, "{fast} vs {exact}");
        // z² overflows: the term is ln(1 + 10⁶⁰⁰) = 600·ln 10 to the last bit, not ∞.
        xs[5] = 1e300;
        let mut rest = xs.clone();
        rest[5] = 0.0;
        let expected = reference(&rest, 0.0, 1.0, 1.0) + 600.0 * 10f64.ln();
        let fast = sum_ln_1p_square(&xs, 0.0, 1.0, 1.0);
        assert!(
            (fast - expected).abs() <= 1e-15 * expected,
            "{fast} vs {expected}"
        );
        // x − location itself overflows: |z| = 2·MAX, the term 2·ln(2·MAX).
        let far = [f64::MAX, f64::MAX];
        let got = sum_ln_1p_square(&far, -f64::MAX, 1.0, 1.0);
        let expected = 4.0 * (f64::MAX.ln() + std::f64::consts::LN_2);
        assert!(
            (got - expected).abs() <= 1e-15 * expected,
            "{got} vs {expected}"
        );
        // A small k (a large ν): ln(1 + k·z²) with k·z² past the largest double.
        let got = ln_1p_square(1e200, 0.0, 1.0, 1e-10);
        let expected = 400.0 * 10f64.ln() - 10.0 * 10f64.ln();
        assert!(
            (got - expected).abs() <= 1e-15 * expected,
            "{got} vs {expected}"
        );
    }

    #[test]
    fn a_subnormal_scale_divides_instead_of_multiplying_by_infinity() {
        let s = 1e-310;
        let xs = [0.0, s, -2.0 * s];
        let value = sum_ln_1p_square(&xs, 0.0, s, 1.0);
        // z = 0, 1, −2: ln 1 + ln 2 + ln 5 = ln 10.
        assert!((value - 10f64.ln()).abs() < 1e-15, "{value}");
    }
}
