//! Numbers in text for people, at full precision: the shortest digits that read back as the
//! same `f64`.
//!
//! Rust's `{}` never switches to scientific notation, so a known scale of 1e-17 printed as
//! "0.00000000000000001" in a figure's title and an estimate of 3e-310 as 310 zeros on the
//! terminal. Far from 1 these switch to `{:e}`; near 1 they are the plain shortest digits
//! ("0.25", "3", "1500"). Four-significant-digit labels are [`number`]'s job.

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

#[cfg(test)]
mod tests {
    use super::{number, shortest};

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
