//! Paired observations (x, y) of the regression models (`--dist logistic`, `--dist linear`).
//!
//! The linear model's likelihood is a function of six sums (n, Σx, Σy, Σx², Σxy, Σy²), kept
//! here about a shift (the first row) so that data far from zero keep their digits, as the
//! one-column moments do. The logistic model has no such sums: it keeps every row and visits
//! them in order at each evaluation. Either way the rows a scatter plot needs are here: all of
//! them when the model keeps them, else the first [`SCATTER_KEPT`], which bounds the memory of
//! a large sample. Parts merge in a fixed order, so the sums and the rows are the same bits
//! whatever the thread that observed each part.

use crate::numeric::CompensatedSum;

/// Rows kept for the data panel when the model does not need them all.
pub const SCATTER_KEPT: usize = 5000;

/// The sums and rows of paired observations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pairs {
    pub n: u64,
    /// (Kx, Ky): the first row, about which the sums are taken.
    shift: Option<(f64, f64)>,
    dx: CompensatedSum,
    dy: CompensatedSum,
    dxx: CompensatedSum,
    dxy: CompensatedSum,
    dyy: CompensatedSum,
    /// Every row when `all`, else the first [`SCATTER_KEPT`], in the order observed.
    pub rows: Vec<(f64, f64)>,
    /// Whether every row is kept (a model whose LL visits each one).
    pub all: bool,
}

/// The centred sums of a set of pairs: the means and the sums of squares and products about
/// them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centred {
    pub n: f64,
    pub mean_x: f64,
    pub mean_y: f64,
    /// Σ(x − x̄)²
    pub sxx: f64,
    /// Σ(x − x̄)(y − ȳ)
    pub sxy: f64,
    /// Σ(y − ȳ)²
    pub syy: f64,
}

impl Pairs {
    /// Adds one row; `all` says whether the model needs every row kept.
    pub fn push(&mut self, x: f64, y: f64, all: bool) {
        self.all = all;
        let (kx, ky) = *self.shift.get_or_insert((x, y));
        let (dx, dy) = (x - kx, y - ky);
        self.dx.add(dx);
        self.dy.add(dy);
        self.dxx.add(dx * dx);
        self.dxy.add(dx * dy);
        self.dyy.add(dy * dy);
        if all || self.rows.len() < SCATTER_KEPT {
            self.rows.push((x, y));
        }
        self.n += 1;
    }

    /// Combines two disjoint sets of rows, `other` after `self`.
    pub fn merge(&mut self, other: &Pairs) {
        self.all |= other.all;
        let keep = if self.all {
            other.rows.len()
        } else {
            SCATTER_KEPT.saturating_sub(self.rows.len())
        };
        self.rows
            .extend_from_slice(&other.rows[..keep.min(other.rows.len())]);
        match (self.shift, other.shift) {
            (_, None) => {}
            (None, Some(_)) => {
                let rows = std::mem::take(&mut self.rows);
                *self = Pairs {
                    rows,
                    all: self.all,
                    ..other.clone()
                };
                return;
            }
            (Some((ax, ay)), Some((bx, by))) => {
                // Re-centre the other part's sums on this shift: with δ = Kb − Ka,
                // Σ(x − Ka) = Σ(x − Kb) + nb·δx, and likewise for the squares and products.
                let nb = other.n as f64;
                let (tx, ty) = (bx - ax, by - ay);
                let (sx, sy) = (other.dx.value(), other.dy.value());
                self.dx.merge(&other.dx);
                self.dx.add(nb * tx);
                self.dy.merge(&other.dy);
                self.dy.add(nb * ty);
                self.dxx.merge(&other.dxx);
                self.dxx.add(2.0 * tx * sx);
                self.dxx.add(nb * tx * tx);
                self.dyy.merge(&other.dyy);
                self.dyy.add(2.0 * ty * sy);
                self.dyy.add(nb * ty * ty);
                self.dxy.merge(&other.dxy);
                self.dxy.add(tx * sy);
                self.dxy.add(ty * sx);
                self.dxy.add(nb * tx * ty);
            }
        }
        self.n += other.n;
    }

    /// The means and centred sums (all zero for no rows).
    pub fn centred(&self) -> Centred {
        let n = self.n as f64;
        let Some((kx, ky)) = self.shift.filter(|_| n > 0.0) else {
            return Centred {
                n: 0.0,
                mean_x: 0.0,
                mean_y: 0.0,
                sxx: 0.0,
                sxy: 0.0,
                syy: 0.0,
            };
        };
        let (sx, sy) = (self.dx.value(), self.dy.value());
        Centred {
            n,
            mean_x: kx + sx / n,
            mean_y: ky + sy / n,
            sxx: (self.dxx.value() - sx / n * sx).max(0.0),
            sxy: self.dxy.value() - sx / n * sy,
            syy: (self.dyy.value() - sy / n * sy).max(0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_parts_give_the_sums_of_the_whole() {
        let rows = [
            (1e6 + 1.0, 3.0),
            (1e6 + 2.0, 5.0),
            (1e6 + 4.0, 4.0),
            (1e6 + 7.0, 9.0),
        ];
        let mut whole = Pairs::default();
        rows.iter().for_each(|&(x, y)| whole.push(x, y, false));
        let mut left = Pairs::default();
        let mut right = Pairs::default();
        rows[..1].iter().for_each(|&(x, y)| left.push(x, y, false));
        rows[1..].iter().for_each(|&(x, y)| right.push(x, y, false));
        left.merge(&right);
        // By hand: x̄ = 1e6 + 3.5, ȳ = 5.25; deviations x: -2.5, -1.5, 0.5, 3.5;
        // y: -2.25, -0.25, -1.25, 3.75. Sxx = 6.25+2.25+0.25+12.25 = 21,
        // Sxy = 5.625+0.375−0.625+13.125 = 18.5, Syy = 5.0625+0.0625+1.5625+14.0625 = 20.75.
        for c in [whole.centred(), left.centred()] {
            assert_eq!(c.n, 4.0);
            assert_eq!(c.mean_x, 1e6 + 3.5);
            assert_eq!(c.mean_y, 5.25);
            assert!((c.sxx - 21.0).abs() < 1e-9, "{}", c.sxx);
            assert!((c.sxy - 18.5).abs() < 1e-9, "{}", c.sxy);
            assert!((c.syy - 20.75).abs() < 1e-9, "{}", c.syy);
        }
        assert_eq!(left.rows, rows.to_vec());
    }

    #[test]
    fn only_the_first_rows_are_kept_for_the_scatter_unless_all_are_needed() {
        let mut a = Pairs::default();
        let mut b = Pairs::default();
        for i in 0..SCATTER_KEPT {
            a.push(i as f64, 0.0, false);
            b.push(-(i as f64), 1.0, false);
        }
        a.merge(&b);
        assert_eq!(a.n, 2 * SCATTER_KEPT as u64);
        assert_eq!(a.rows.len(), SCATTER_KEPT);
        assert_eq!(a.rows[SCATTER_KEPT - 1], ((SCATTER_KEPT - 1) as f64, 0.0));
        let mut c = Pairs::default();
        let mut d = Pairs::default();
        c.push(1.0, 1.0, true);
        d.push(2.0, 0.0, true);
        c.merge(&d);
        assert_eq!(c.rows, vec![(1.0, 1.0), (2.0, 0.0)]);
    }
}
