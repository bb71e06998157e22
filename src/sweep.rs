//! The grid of the plotted coordinate and the log-likelihood along it.
//!
//! Point i is computed from its index, xᵢ = LO + i·(HI − LO)/(G − 1), never by adding a step
//! G times, so no rounding drift accumulates and the last point is exactly HI. The
//! log-likelihood comes from the sufficient statistics (G formula evaluations whatever n);
//! families that must visit every observation are evaluated in parallel over grid points,
//! each point's sum computed by one thread in a fixed order, so the result does not depend on
//! the thread count.

use crate::axis::Axis;
use crate::family::{Family, SufficientStats};
use rayon::prelude::*;

/// An evenly spaced grid with both ends included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub lo: f64,
    pub hi: f64,
    /// At least 2.
    pub points: usize,
}

impl Grid {
    /// The coordinate at index `i`; the last index gives exactly `hi`.
    pub fn at(&self, i: usize) -> f64 {
        if i + 1 == self.points {
            return self.hi;
        }
        let width = self.hi - self.lo;
        let step = i as f64 * width;
        if step.is_finite() {
            return self.lo + step / (self.points - 1) as f64;
        }
        // A range so wide that i·(HI − LO) overflows (−8e307 to 8e307), or wider than the
        // largest double itself: in halves, which cannot overflow, rather than ∞ or NaN.
        let t = i as f64 / (self.points - 1) as f64;
        2.0 * (0.5 * self.lo + t * (0.5 * self.hi - 0.5 * self.lo))
    }
}

/// LL over the grid. NLL is its negation and is not stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub grid: Grid,
    /// The plotted coordinate (θ, or η in the natural parameterisation).
    pub x: Vec<f64>,
    /// θ at each point (equal to `x` unless the axis is natural).
    pub theta: Vec<f64>,
    pub ll: Vec<f64>,
}

impl Sweep {
    pub fn evaluate(
        family: &dyn Family,
        stats: &SufficientStats,
        grid: Grid,
        axis: &Axis,
    ) -> Sweep {
        let x: Vec<f64> = (0..grid.points).map(|i| grid.at(i)).collect();
        let theta: Vec<f64> = x.iter().map(|&x| axis.theta(x)).collect();
        let ll = if stats.values.is_empty() {
            theta.iter().map(|&t| family.ll(stats, t)).collect()
        } else {
            theta.par_iter().map(|&t| family.ll(stats, t)).collect()
        };
        Sweep { grid, x, theta, ll }
    }

    /// Iterates (x, LL, NLL).
    pub fn rows(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        self.x.iter().zip(&self.ll).map(|(&x, &ll)| (x, ll, -ll))
    }

    /// The largest second difference LL[i−1] − 2·LL[i] + LL[i+1] over finite triples, and
    /// whether LL is concave on the grid: no second difference above rounding noise.
    pub fn concavity(&self) -> (f64, bool) {
        let mut worst = f64::NEG_INFINITY;
        let mut concave = true;
        for w in self.ll.windows(3) {
            if !(w[0].is_finite() && w[1].is_finite() && w[2].is_finite()) {
                continue;
            }
            let d2 = w[0] - 2.0 * w[1] + w[2];
            worst = worst.max(d2);
            let noise = 64.0 * f64::EPSILON * (w[0].abs() + 2.0 * w[1].abs() + w[2].abs());
            if d2 > noise {
                concave = false;
            }
        }
        (worst, concave)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_ends_are_exact_and_points_come_from_the_index() {
        let grid = Grid {
            lo: 0.1,
            hi: 0.7,
            points: 7,
        };
        assert_eq!(grid.at(0), 0.1);
        assert_eq!(grid.at(6), 0.7);
        // 0.1 + 3·0.6/6 = 0.4 up to one rounding of each operation.
        assert!((grid.at(3) - 0.4).abs() < 1e-16);
        let wide = Grid {
            lo: -3.0,
            hi: 2.0,
            points: 1_000_001,
        };
        assert_eq!(wide.at(600_000), 0.0);
        let widest = Grid {
            lo: -f64::MAX,
            hi: f64::MAX,
            points: 5,
        };
        let xs: Vec<f64> = (0..5).map(|i| widest.at(i)).collect();
        for (x, t) in xs.iter().zip([-1.0, -0.5, 0.0, 0.5, 1.0]) {
            assert!((x - t * f64::MAX).abs() <= 1e-15 * f64::MAX, "{xs:?}");
        }
        assert_eq!((xs[0], xs[2], xs[4]), (-f64::MAX, 0.0, f64::MAX));
    }

    #[test]
    fn concavity_is_read_from_second_differences() {
        let sweep = |ll: Vec<f64>| Sweep {
            grid: Grid {
                lo: 0.0,
                hi: 1.0,
                points: ll.len(),
            },
            x: vec![0.0; ll.len()],
            theta: vec![0.0; ll.len()],
            ll,
        };
        // −x² at x = 0, 1, 2, 3: second differences −2.
        let (d2, concave) = sweep(vec![0.0, -1.0, -4.0, -9.0]).concavity();
        assert_eq!(d2, -2.0);
        assert!(concave);
        // A bump: 0, −1, 0 has second difference +2.
        let (d2, concave) = sweep(vec![f64::NEG_INFINITY, 0.0, -1.0, 0.0]).concavity();
        assert_eq!(d2, 2.0);
        assert!(!concave);
    }
}
