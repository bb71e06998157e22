//! Numbers in text for people, at full precision: the shortest digits that read back as the
//! same `f64`.
//!
//! Rust's `{}` never switches to scientific notation, so a known scale of 1e-17 printed as
//! "0.00000000000000001" in a figure's title and an estimate of 3e-310 as 310 zeros on the
//! terminal. Far from 1 these switch to `{:e}`; near 1 they are the plain shortest digits
//! ("0.25", "3", "1500"). Four-significant-digit labels are `render::number`'s job.

/// `x` in the shortest digits that round-trip, in scientific notation below 10⁻⁵ and from 10¹⁶.
pub fn shortest(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-5..1e16).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::shortest;

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
