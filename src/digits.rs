//! Numbers in text for people, at full precision: the shortest digits that read back as the
//! same `f64`.
//!
//! Rust's `{}` never switches to scientific notation, so a known scale of 1e-17 printed as
//! "0.00000000000000001" in a figure's title and an estimate of 3e-310 as 310 zeros on the
//! terminal. Far from 1 these switch to `{:e}`; near 1 they are the plain shortest digits
//! ("0.25", "3", "1500"). Four-significant-digit labels are [`number`]'s job.
//!
//! Estimates and intervals in text are another matter: "[0.216, 0.3941]" reads as if one end
//! were known better than the other. [`Precision`] picks one number of decimals for an
//! estimate and its interval from the uncertainty (the standard error, or a quarter of the
//! interval's width: a 95 % interval is about four SE wide), two significant digits of it, and
//! writes every number of the group with exactly those decimals: "[0.216, 0.394]".

/// `x` in the shortest digits that round-trip, in scientific notation below 10⁻⁵ and from 10¹⁶.
pub fn shortest(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-5..1e16).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A value in a figure's label: four significant digits, scientific far from 1, and the
/// typographic minus.
pub fn number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mag = v.abs();
    if !(1e-3..1e6).contains(&mag) {
        return format!("{v:.3e}");
    }
    let digits = (3 - mag.log10().floor() as i32).max(0) as usize;
    let s = format!("{v:.digits$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    s.replace('-', "−")
}

/// How many decimals the numbers of one estimate and its interval get.
///
/// ```
/// use nllplot::digits::Precision;
///
/// // SE 0.0458: two significant digits of it are 0.046, so three decimals.
/// let p = Precision::from_uncertainty(0.0458);
/// assert_eq!(p.interval(0.21602792, 0.39409541), "[0.216, 0.394]");
/// assert_eq!(p.format(0.3), "0.300");
/// // No SE: a quarter of the interval's width stands for it.
/// assert_eq!(Precision::of_interval(3.6301, 5.1223).interval(3.6301, 5.1223), "[3.63, 5.12]");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Precision {
    /// Decimals in fixed notation; `None` where the numbers are written in scientific notation
    /// (magnitudes from 10⁶, or uncertainties below 10⁻⁵).
    decimals: Option<usize>,
    /// Mantissa decimals in scientific notation.
    mantissa: usize,
}

impl Precision {
    /// Two significant digits of the uncertainty `u` (a standard error).
    pub fn from_uncertainty(u: f64) -> Precision {
        Precision::for_values(u, &[])
    }

    /// The precision of an estimate and its interval: from the standard error where there is
    /// one, else from the interval's width, else four significant digits.
    pub fn of_estimate(estimate: f64, se: Option<f64>, (lo, hi): (f64, f64)) -> Precision {
        let values = [estimate, lo, hi];
        match se {
            Some(se) if se.is_finite() && se > 0.0 => Precision::for_values(se, &values),
            _ if (hi - lo).is_finite() && hi > lo => {
                Precision::for_values((hi - lo) / 4.0, &values)
            }
            _ => Precision::for_values(f64::NAN, &values),
        }
    }

    /// The precision of an interval from its width alone.
    pub fn of_interval(lo: f64, hi: f64) -> Precision {
        Precision::for_values(((hi - lo) / 4.0).abs(), &[lo, hi])
    }

    /// The precision for uncertainty `u` of numbers as large as `values`.
    pub fn for_values(u: f64, values: &[f64]) -> Precision {
        let magnitude = values
            .iter()
            .filter(|v| v.is_finite())
            .fold(0f64, |m, v| m.max(v.abs()));
        if !(u.is_finite() && u > 0.0) {
            // No uncertainty to go by: four significant digits of the largest number.
            let mag = if magnitude > 0.0 { magnitude } else { 1.0 };
            return Precision::for_values(mag * 1e-2, values);
        }
        let u_exp = u.log10().floor() as i32;
        if magnitude >= 1e6 || u < 1e-5 {
            let mag = if magnitude > 0.0 { magnitude } else { u };
            let v_exp = mag.log10().floor() as i32;
            return Precision {
                decimals: None,
                mantissa: (v_exp - u_exp + 1).clamp(0, 16) as usize,
            };
        }
        Precision {
            decimals: Some((1 - u_exp).clamp(0, 17) as usize),
            mantissa: 0,
        }
    }

    /// One number with this precision; `−` for minus, `∞` for infinities.
    pub fn format(&self, v: f64) -> String {
        let s = if !v.is_finite() {
            if v.is_nan() {
                "NaN".to_string()
            } else if v > 0.0 {
                "∞".to_string()
            } else {
                "−∞".to_string()
            }
        } else {
            match self.decimals {
                Some(d) => format!("{v:.d$}"),
                None => {
                    let m = self.mantissa;
                    format!("{v:.m$e}")
                }
            }
        };
        // "-0.000" says nothing "0.000" does not.
        let s = if s.starts_with('-') && s[1..].bytes().all(|b| matches!(b, b'0' | b'.')) {
            s[1..].to_string()
        } else {
            s
        };
        s.replace('-', "−")
    }

    /// "[lo, hi]" with both ends in this precision.
    pub fn interval(&self, lo: f64, hi: f64) -> String {
        format!("[{}, {}]", self.format(lo), self.format(hi))
    }
}

#[cfg(test)]
mod tests {
    use super::{number, shortest, Precision};

    #[test]
    fn numbers_keep_four_significant_digits() {
        assert_eq!(number(0.31), "0.31");
        assert_eq!(number(4.123456), "4.123");
        assert_eq!(number(-61.08765), "−61.09");
        assert_eq!(number(1234.5), "1234");
        assert_eq!(number(0.0001234), "1.234e-4");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn intervals_share_their_decimals() {
        // The issue's examples: "[0.216, 0.3941]" and "[3.63, 5.122]".
        let p = Precision::from_uncertainty(0.04582575694955839);
        assert_eq!(
            p.interval(0.21602792003379928, 0.394095410964197),
            "[0.216, 0.394]"
        );
        let p = Precision::from_uncertainty(0.3801);
        assert_eq!(p.interval(3.6301, 5.1223), "[3.63, 5.12]");
        assert_eq!(p.format(4.3333), "4.33");
        // Wide intervals: no decimals; negative values with a real minus sign.
        let p = Precision::from_uncertainty(38.0);
        assert_eq!(p.interval(-1234.56, 987.6), "[−1235, 988]");
        // Tiny uncertainties near a value far from zero keep the digits that differ.
        let p = Precision::for_values(2e-7, &[0.3, 0.3000008]);
        assert_eq!(p.interval(0.3, 0.3000008), "[3.0000000e−1, 3.0000080e−1]");
        let p = Precision::from_uncertainty(0.002);
        assert_eq!(p.format(-0.00001), "0.0000");
        // Huge values: scientific, with the mantissa digits the uncertainty allows.
        let p = Precision::for_values(2.0e5, &[2.1e7]);
        assert_eq!(p.format(2.1e7), "2.100e7");
        // No uncertainty: four significant digits of the largest value.
        assert_eq!(
            Precision::for_values(f64::NAN, &[4.333333]).format(4.333333),
            "4.333"
        );
        assert_eq!(
            Precision::of_interval(0.0, f64::INFINITY).format(f64::INFINITY),
            "∞"
        );
    }

    #[test]
    fn plain_near_one_and_scientific_far_from_it() {
        assert_eq!(shortest(0.25), "0.25");
        assert_eq!(shortest(3.0), "3");
        assert_eq!(shortest(-1500.0), "-1500");
        assert_eq!(shortest(0.0), "0");
        assert_eq!(shortest(1e-17), "1e-17");
        assert_eq!(shortest(3e-310), "3e-310");
        assert_eq!(shortest(-2.5e20), "-2.5e20");
        assert_eq!(shortest(f64::INFINITY), "inf");
        // Round trip at full precision.
        let x = -0.011804457510688286;
        assert_eq!(shortest(x).parse::<f64>().unwrap(), x);
    }
}
