//! A compensated sum: the one way the project adds up many floating-point terms.
//!
//! Likelihoods are sums over up to billions of observations. A plain running sum loses about
//! one digit per factor of ten in the number of terms; Neumaier's compensation keeps the
//! low-order bits each addition drops, so a billion terms lose no more accuracy than a
//! hundred. Two partial sums merge the same way whatever the thread that computed them, which
//! keeps parallel work deterministic when the parts are merged in a fixed order.

/// A Neumaier-compensated sum: the running total plus the low-order bits it could not hold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CompensatedSum {
    sum: f64,
    compensation: f64,
}

impl CompensatedSum {
    pub fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    pub fn merge(&mut self, other: &CompensatedSum) {
        self.add(other.sum);
        // A part whose sum overflowed holds a non-finite compensation (∞ − ∞ = NaN); its sum
        // already says ±∞, and adding the compensation too would turn the total into NaN.
        if other.compensation.is_finite() {
            self.add(other.compensation);
        }
    }

    pub fn value(&self) -> f64 {
        // An infinite term makes the compensation NaN; the sum itself is then the answer.
        if self.sum.is_finite() {
            self.sum + self.compensation
        } else {
            self.sum
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_an_overflowed_part_stays_infinite() {
        // Found by the no-NaN property once the data reader merged groups: exponential waiting
        // times 1.7976931348623157e308 and 1e300 in one group overflow its sum to +∞.
        let mut part = CompensatedSum::default();
        part.add(f64::MAX);
        part.add(1e300);
        assert_eq!(part.value(), f64::INFINITY);
        let mut total = CompensatedSum::default();
        total.add(11.0);
        total.merge(&part);
        assert_eq!(total.value(), f64::INFINITY);
    }

    #[test]
    fn compensated_sum_keeps_small_terms() {
        let mut s = CompensatedSum::default();
        s.add(1e16);
        for _ in 0..10 {
            s.add(1.0);
        }
        s.add(-1e16);
        assert_eq!(s.value(), 10.0);
    }
}
