//! Parameter points spread over the bounds, at which a data row is tried.
//!
//! A row whose ln f is NaN or +∞ for every parameter value in bounds can never contribute
//! to a likelihood: the data reader refuses it, naming its line. "Every value" cannot be
//! checked, so the row is tried at a fixed set of points: the middle of the bounds first
//! (where nearly every row is fine, so one evaluation decides), then a low-discrepancy
//! (Halton) set over the whole box, on a log scale towards infinite ends. The points depend
//! only on the bounds, so the verdict is the same on every run.

/// How many points a row is tried at before it is declared undefined everywhere.
const POINTS: usize = 24;

/// The points, each a full parameter vector inside the bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Probes {
    points: Vec<Vec<f64>>,
}

impl Probes {
    /// Points inside `bounds` (one (lo, hi) per parameter, in the expression's parameter
    /// order; ±∞ allowed). Bounds with lo = hi give that value.
    pub fn within(bounds: &[(f64, f64)]) -> Probes {
        let primes = first_primes(bounds.len());
        let mut points = Vec::with_capacity(POINTS);
        points.push(bounds.iter().map(|&(lo, hi)| centre(lo, hi)).collect());
        for i in 1..POINTS {
            points.push(
                bounds
                    .iter()
                    .zip(&primes)
                    .map(|(&(lo, hi), &p)| spread(lo, hi, radical_inverse(i as u64, p)))
                    .collect(),
            );
        }
        Probes { points }
    }

    pub(crate) fn points(&self) -> &[Vec<f64>] {
        &self.points
    }

    /// How many parameters each point has.
    pub fn dimension(&self) -> usize {
        self.points[0].len()
    }
}

/// A typical interior point: the midpoint, or 1 away from a single finite end, or 0.
fn centre(lo: f64, hi: f64) -> f64 {
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => lo + 0.5 * (hi - lo),
        (true, false) => lo + 1.0,
        (false, true) => hi - 1.0,
        (false, false) => 0.0,
    }
}

/// The point at u ∈ (0, 1): uniform on a finite interval, e^(40u − 20) (2e-9 … 5e8) from
/// a single finite end (a scale parameter may need to be of the data's size, whatever that
/// is), tan(π(u − ½)) on the whole line.
fn spread(lo: f64, hi: f64, u: f64) -> f64 {
    if lo == hi {
        return lo;
    }
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => lo + u * (hi - lo),
        (true, false) => lo + (40.0 * u - 20.0).exp(),
        (false, true) => hi - (40.0 * u - 20.0).exp(),
        (false, false) => (std::f64::consts::PI * (u - 0.5)).tan(),
    }
}

/// The base-b digits of i mirrored behind the point: the Halton sequence's coordinate.
fn radical_inverse(mut i: u64, base: u64) -> f64 {
    let mut x = 0.0;
    let mut scale = 1.0 / base as f64;
    while i > 0 {
        x += (i % base) as f64 * scale;
        i /= base;
        scale /= base as f64;
    }
    x
}

fn first_primes(n: usize) -> Vec<u64> {
    let mut primes = Vec::with_capacity(n);
    let mut candidate = 2;
    while primes.len() < n {
        if primes.iter().all(|p| candidate % p != 0) {
            primes.push(candidate);
        }
        candidate += 1;
    }
    primes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_lies_strictly_inside_its_bounds() {
        let inf = f64::INFINITY;
        let bounds = [
            (0.0, inf),
            (0.0, 1.0),
            (-inf, inf),
            (-inf, -2.0),
            (3.0, 3.0),
        ];
        let probes = Probes::within(&bounds);
        assert_eq!(probes.points().len(), POINTS);
        assert_eq!(probes.points()[0], vec![1.0, 0.5, 0.0, -3.0, 3.0]);
        for p in probes.points() {
            assert!(p[0] > 0.0 && p[0].is_finite());
            assert!(p[1] > 0.0 && p[1] < 1.0);
            assert!(p[2].is_finite());
            assert!(p[3] < -2.0 && p[3].is_finite());
            assert_eq!(p[4], 3.0);
        }
        // Both signs of the whole line are tried, and small and large scales.
        assert!(probes.points().iter().any(|p| p[2] < -1.0));
        assert!(probes.points().iter().any(|p| p[2] > 1.0));
        assert!(probes.points().iter().any(|p| p[0] < 1e-3));
        assert!(probes.points().iter().any(|p| p[0] > 1e3));
    }

    #[test]
    fn halton_coordinates_by_hand() {
        assert_eq!(radical_inverse(1, 2), 0.5);
        assert_eq!(radical_inverse(3, 2), 0.75);
        assert!((radical_inverse(5, 3) - (2.0 / 3.0 + 1.0 / 9.0)).abs() < 1e-16);
        assert_eq!(first_primes(5), vec![2, 3, 5, 7, 11]);
    }
}
