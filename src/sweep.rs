//! The grid of θ and the log-likelihood along it.
//!
//! Point i is computed from its index, θᵢ = LO + i·(HI − LO)/(G − 1), never by adding a step
//! G times, so no rounding drift accumulates and the last point is exactly HI. The
//! log-likelihood comes from the sufficient statistics: G formula evaluations, whatever n.

use crate::family::{Family, SufficientStats};

/// An evenly spaced grid with both ends included.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub lo: f64,
    pub hi: f64,
    /// At least 2.
    pub points: usize,
}

impl Grid {
    /// θ at index `i`; the last index gives exactly `hi`.
    pub fn theta(&self, i: usize) -> f64 {
        if i + 1 == self.points {
            return self.hi;
        }
        self.lo + i as f64 * (self.hi - self.lo) / (self.points - 1) as f64
    }
}

/// LL over the grid. NLL is its negation and is not stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub grid: Grid,
    pub theta: Vec<f64>,
    pub ll: Vec<f64>,
}

impl Sweep {
    pub fn evaluate(family: &dyn Family, stats: &SufficientStats, grid: Grid) -> Sweep {
        let theta: Vec<f64> = (0..grid.points).map(|i| grid.theta(i)).collect();
        let ll = theta.iter().map(|&t| family.ll(stats, t)).collect();
        Sweep { grid, theta, ll }
    }

    /// Iterates (θ, LL, NLL).
    pub fn rows(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        self.theta
            .iter()
            .zip(&self.ll)
            .map(|(&t, &ll)| (t, ll, -ll))
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
        assert_eq!(grid.theta(0), 0.1);
        assert_eq!(grid.theta(6), 0.7);
        // 0.1 + 3·0.6/6 = 0.4 up to one rounding of each operation.
        assert!((grid.theta(3) - 0.4).abs() < 1e-16);
        let wide = Grid {
            lo: -3.0,
            hi: 2.0,
            points: 1_000_001,
        };
        assert_eq!(wide.theta(600_000), 0.0);
    }
}
