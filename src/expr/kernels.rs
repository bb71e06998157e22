//! e^x and ln x in plain arithmetic, for the evaluator's inner loops.
//!
//! Why not `f64::exp` and `f64::ln`: those call the platform's libm one value at a time, and
//! in a user expression such as a logistic regression they were 60–90% of the time. These
//! are written without calls and without branches that depend on data (only selects), so a
//! loop over a block of observations compiles to SIMD code; and since they use only IEEE
//! additions, multiplications and divisions (no fused multiply-add, which Rust never
//! introduces by itself), they give the same bits on every machine, which a platform libm
//! does not promise.
//!
//! Accuracy (tests below, against std's glibc functions on 10⁵ points each): within 1 ulp.
//! - exp: Cody–Waite reduction x = k·ln 2 + r, |r| ≤ ln2/2, with ln 2 split so that k·ln2_hi
//!   is exact; e^r by its Taylor polynomial to r¹³ (the first omitted term is below 4e-18);
//!   2^k applied as two factors so that subnormal results need no special case.
//! - ln: x = 2^e·m with m in [√½, √2); ln m = ln(1 + f) by fdlibm's e_log.c: s = f/(2 + f),
//!   a minimax polynomial in s² (its coefficients Lg1…Lg7), and the same final assembly.
//! - ln(1 + t) for t in [0, 1], the same kernel without forming 1 + t.

const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// ln 2 in two parts, bit for bit fdlibm's ln2_hi and ln2_lo: the high part has 32 trailing zero bits, so k·LN2_HI is exact
/// for every |k| < 2¹¹.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// 1.5·2⁵²: adding it rounds to an integer, which then sits in the low bits.
const SHIFTER: f64 = 6_755_399_441_055_744.0;
/// Above this e^x overflows, below the other end it is 0 even as a subnormal.
const EXP_HI: f64 = 709.8;
const EXP_LO: f64 = -746.0;

/// 1/k! for k = 2…13, for Horner's scheme from the top.
const INV_FACT: [f64; 12] = [
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// 2^k for −1022 ≤ k ≤ 1023, from its bits.
#[inline(always)]
fn pow2(k: i64) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// e^x.
#[inline(always)]
pub(crate) fn exp(x: f64) -> f64 {
    // Clamped so that the integer below stays small; a NaN stays NaN.
    let x = x.clamp(EXP_LO, EXP_HI);
    let t = x * LOG2_E + SHIFTER;
    let k = t - SHIFTER;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let mut p = INV_FACT[11];
    for &c in INV_FACT[..11].iter().rev() {
        p = p * r + c;
    }
    let p = 1.0 + r * (1.0 + r * p);
    // k as an integer: t's bits minus the shifter's, exact while |k| < 2⁵¹.
    let ki = (t.to_bits() as i64).wrapping_sub(SHIFTER.to_bits() as i64);
    let k1 = ki >> 1;
    p * pow2(k1) * pow2(ki - k1)
}

const SQRT_2: f64 = std::f64::consts::SQRT_2;
/// 2⁵⁴, to bring subnormal arguments into the normal range.
const TWO54: f64 = 18_014_398_509_481_984.0;
/// fdlibm e_log.c's Lg1…Lg7, bit for bit (their hex values there).
const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);

/// ln(1 + f) for f in [√½ − 1, √2 − 1], fdlibm's kernel: s = f/(2 + f), R a minimax
/// polynomial in s², ln(1 + f) = f − (f²/2 − s·(f²/2 + R)). `dk` multiples of ln 2 are added
/// in fdlibm's order, so that ln and ln_1p_unit share the rounding of its final assembly.
#[inline(always)]
fn log_kernel(f: f64, dk: f64) -> f64 {
    let hfsq = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG2 + w * (LG4 + w * LG6));
    let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    let r = t2 + t1;
    dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
}

/// ln(1 + t) for 0 ≤ t ≤ 1 (the e^(−|x|) of softplus and log-sigmoid), without forming
/// 1 + t: t itself is the kernel's f up to √2 − 1, and above that 1 + t = 2·(1 + (t − 1)/2)
/// with t − 1 exact or nearly (Sterbenz). One division, where ln(1 + t) by Kahan's formula
/// takes two. NaN stays NaN.
#[inline(always)]
pub(crate) fn ln_1p_unit(t: f64) -> f64 {
    let big = t > SQRT_2 - 1.0;
    let f = if big { 0.5 * (t - 1.0) } else { t };
    log_kernel(f, if big { 1.0 } else { 0.0 })
}

/// ln x for a positive, normal, finite x: [`ln`] without its subnormal scaling and its
/// special cases, the same bits where both apply. A block whose arguments are all in range
/// (checked in one pass, see `math::values`) skips a sixth of `ln`'s instructions.
#[inline(always)]
pub(crate) fn ln_normal(x: f64) -> f64 {
    ln_scaled(x, 0)
}

/// ln(x·2^-`scaled`) for a positive, normal, finite x (`ln` scales subnormal arguments by
/// 2⁵⁴ first): x = 2^e·m with m in [√½, √2), then the kernel.
#[inline(always)]
fn ln_scaled(x: f64, scaled: i64) -> f64 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64 - scaled;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let big = m > SQRT_2;
    let m = if big { 0.5 * m } else { m };
    let e = biased - 1023 + i64::from(big);
    // e as a double without an int-to-float conversion (which has no SIMD form before
    // AVX-512): the integer in the low bits of 2⁵², minus 2⁵².
    let dk = f64::from_bits(0x4330_0000_0000_0000 | (e + 2048) as u64)
        - (4_503_599_627_370_496.0 + 2048.0);
    log_kernel(m - 1.0, dk)
}

/// Whether every one of `xs` is positive, normal and finite, the domain of [`ln_normal`]
/// (NaN is not). One branch-free pass that compiles to SIMD comparisons.
#[inline(always)]
pub(crate) fn all_normal_positive(xs: &[f64]) -> bool {
    xs.iter().fold(true, |ok, &x| {
        ok & (f64::MIN_POSITIVE..f64::INFINITY).contains(&x)
    })
}

/// ln x (−∞ at 0, NaN below 0 and for NaN, +∞ at +∞).
#[inline(always)]
pub(crate) fn ln(x: f64) -> f64 {
    let subnormal = x < f64::MIN_POSITIVE;
    let xs = if subnormal { x * TWO54 } else { x };
    let v = ln_scaled(xs, if subnormal { 54 } else { 0 });
    if x > 0.0 && x < f64::INFINITY {
        v
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x == f64::INFINITY {
        x
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance in units in the last place (of the reference).
    fn ulps(got: f64, want: f64) -> f64 {
        if got == want {
            return 0.0;
        }
        let ulp = f64::from_bits(want.abs().to_bits() + 1) - want.abs();
        ((got - want) / ulp).abs()
    }

    fn points(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> {
        (0..n).map(move |i| lo + (hi - lo) * (i as f64 + 0.37) / n as f64)
    }

    #[test]
    fn exp_is_within_an_ulp_of_libm() {
        let mut worst: f64 = 0.0;
        for x in points(-745.0, 709.7, 100_000).chain(points(-1.0, 1.0, 100_000)) {
            let (got, want) = (exp(x), x.exp());
            if want >= f64::MIN_POSITIVE {
                worst = worst.max(ulps(got, want));
            } else {
                // Subnormal results: within one subnormal step.
                assert!(
                    (got - want).abs() <= 5e-324,
                    "exp({x}) = {got}, libm {want}"
                );
            }
        }
        assert!(worst <= 1.0, "worst {worst} ulp");
        assert_eq!(exp(0.0), 1.0);
        assert!(ulps(exp(1.0), std::f64::consts::E) <= 1.0);
        assert_eq!(exp(709.79), f64::INFINITY);
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(-746.0), 0.0);
        assert_eq!(exp(-745.0), (-745f64).exp());
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn ln_1p_unit_is_within_an_ulp_of_libm() {
        let mut worst: f64 = 0.0;
        for t in points(0.0, 1.0, 100_000).chain(points(0.0, 1e-6, 10_000)) {
            worst = worst.max(ulps(ln_1p_unit(t), t.ln_1p()));
        }
        assert!(worst <= 1.0, "worst {worst} ulp");
        assert_eq!(ln_1p_unit(0.0), 0.0);
        assert!(ulps(ln_1p_unit(1.0), std::f64::consts::LN_2) <= 1.0);
        assert_eq!(ln_1p_unit(5e-324), 5e-324);
        assert!(ln_1p_unit(f64::NAN).is_nan());
    }

    /// The fast path gives `ln`'s bits on every normal positive finite input, including the
    /// ends of the range and both sides of √2 in the mantissa.
    #[test]
    fn ln_normal_is_ln_bit_for_bit() {
        let edges = [
            f64::MIN_POSITIVE,
            f64::MAX,
            1.0,
            std::f64::consts::SQRT_2,
            f64::from_bits(std::f64::consts::SQRT_2.to_bits() + 1),
            f64::from_bits(std::f64::consts::SQRT_2.to_bits() - 1),
            0.5,
            2.0,
        ];
        let wide = points(-708.0, 709.0, 100_000).map(f64::exp);
        for x in wide.chain(points(0.5, 2.0, 100_000)).chain(edges) {
            assert_eq!(ln_normal(x).to_bits(), ln(x).to_bits(), "ln({x})");
        }
        assert!(all_normal_positive(&[1.0, f64::MIN_POSITIVE, f64::MAX]));
        for bad in [0.0, -1.0, 1e-310, f64::INFINITY, f64::NAN] {
            assert!(!all_normal_positive(&[1.0, bad, 2.0]), "{bad}");
        }
    }

    #[test]
    fn ln_is_within_an_ulp_of_libm() {
        let mut worst: f64 = 0.0;
        let wide = points(-700.0, 700.0, 100_000).map(f64::exp);
        for x in wide
            .chain(points(0.5, 2.0, 100_000))
            .chain(points(1e-310, 1e-305, 1000))
        {
            worst = worst.max(ulps(ln(x), x.ln()));
        }
        assert!(worst <= 1.0, "worst {worst} ulp");
        assert_eq!(ln(1.0), 0.0);
        assert!(ulps(ln(std::f64::consts::E), 1.0) <= 1.0);
        assert!(ulps(ln(2.0), std::f64::consts::LN_2) <= 1.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert_eq!(ln(-0.0), f64::NEG_INFINITY);
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan() && ln(f64::NEG_INFINITY).is_nan());
        assert_eq!(ln(5e-324), (5e-324f64).ln());
        assert_eq!(ln(f64::MAX), f64::MAX.ln());
    }
}
