//! What a user model keeps of its data: running sums when the expression separates, the
//! data-only parts of each row when it does not.
//!
//! The data reader streams batches of rows into [`Observations`] with [`Logf::observe`],
//! possibly into several parts in parallel that it merges in file order
//! ([`Observations::merge`]); a part depends only on its own rows, never on the thread that
//! filled it. Each row is checked as it arrives: one whose ln f is NaN or +∞ at every probe
//! point inside the bounds is reported by its index in the batch.

use super::program::{View, Workspace, BLOCK};
use super::separable::SumLayout;
use super::{Logf, Probes};
use crate::numeric::CompensatedSum;
use std::sync::Arc;

/// The observations of one expression, reduced as far as the expression allows.
///
/// Built empty ([`Default`]) and filled by [`Logf::observe`] of the expression that will
/// evaluate it; merging or evaluating observations of another expression is a bug, and
/// panics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observations {
    rows: u64,
    store: Store,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) enum Store {
    #[default]
    Empty,
    Sums(Sums),
    /// One column per data-only operand of the per-row program, in its order.
    Kept(Vec<Vec<f64>>),
}

/// Σᵢ Π (aᵢ − Kₐ) for each monomial of a separable expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sums {
    pub layout: Arc<SumLayout>,
    /// Kₐ: each atom's value at the first observation (0 if that was not finite).
    pub shift: Vec<f64>,
    /// Index 0 (the empty monomial) is unused: its sum is the count.
    pub sums: Vec<CompensatedSum>,
}

impl Sums {
    /// The sums as numbers, the count first.
    pub(crate) fn values(&self, rows: u64) -> Vec<f64> {
        let mut v: Vec<f64> = self.sums.iter().map(CompensatedSum::value).collect();
        v[0] = rows as f64;
        v
    }
}

impl Observations {
    /// The number of observations.
    pub fn len(&self) -> u64 {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Whether the data were reduced to sums (memory flat in n) rather than kept.
    pub fn is_reduced(&self) -> bool {
        matches!(self.store, Store::Sums(_))
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Bytes held, for the record (the sums are a few hundred bytes whatever n).
    pub fn heap_bytes(&self) -> usize {
        match &self.store {
            Store::Empty => 0,
            Store::Sums(s) => s.sums.len() * std::mem::size_of::<CompensatedSum>(),
            Store::Kept(cols) => cols.iter().map(|c| c.capacity() * 8).sum(),
        }
    }

    /// Adds the observations of a later part of the data (`other` follows `self`).
    pub fn merge(&mut self, other: &Observations) {
        match (&mut self.store, &other.store) {
            (_, Store::Empty) => return,
            (Store::Empty, _) => {
                *self = other.clone();
                return;
            }
            (Store::Kept(mine), Store::Kept(theirs)) => {
                assert_eq!(
                    mine.len(),
                    theirs.len(),
                    "observations of another expression"
                );
                for (m, t) in mine.iter_mut().zip(theirs) {
                    m.extend_from_slice(t);
                }
            }
            (Store::Sums(mine), Store::Sums(theirs)) => {
                assert_eq!(
                    mine.layout, theirs.layout,
                    "observations of another expression"
                );
                if mine.shift == theirs.shift {
                    for (m, t) in mine.sums.iter_mut().zip(&theirs.sums).skip(1) {
                        m.merge(t);
                    }
                } else {
                    let moved =
                        mine.layout
                            .reshift(&theirs.values(other.rows), &theirs.shift, &mine.shift);
                    for (m, t) in mine.sums.iter_mut().zip(moved).skip(1) {
                        m.add(t);
                    }
                }
            }
            _ => panic!("observations kept in two different ways"),
        }
        self.rows += other.rows;
    }
}

impl Logf {
    /// Folds a batch of rows into `obs`. `batch` holds one slice per data column (in the
    /// order of [`Logf::columns`]), all of the same length.
    ///
    /// Returns the index in the batch of the first row whose ln f is NaN or +∞ at every
    /// point of `probes` (the reader names its line and stops); `obs` is then incomplete.
    pub fn observe(
        &self,
        obs: &mut Observations,
        batch: &[&[f64]],
        probes: &Probes,
    ) -> Result<(), usize> {
        assert_eq!(batch.len(), self.columns.len(), "one slice per data column");
        let n = batch.first().map_or(0, |c| c.len());
        assert!(batch.iter().all(|c| c.len() == n), "columns of one length");
        assert_eq!(
            probes.dimension(),
            self.params.len(),
            "a probe per parameter"
        );
        if n == 0 {
            return Ok(());
        }
        match (&self.sums, self.separate) {
            (Some(_), true) => self.observe_sums(obs, batch, probes)?,
            _ => self.observe_kept(obs, batch, probes)?,
        }
        obs.rows += n as u64;
        Ok(())
    }

    /// Whether the row is NaN or +∞ at every probe point.
    fn undefined_everywhere(&self, batch: &[&[f64]], row: usize, probes: &Probes) -> bool {
        let values: Vec<f64> = batch.iter().map(|c| c[row]).collect();
        probes
            .points()
            .iter()
            .all(|theta| is_undefined(self.ln_f(&values, theta)))
    }

    fn observe_sums(
        &self,
        obs: &mut Observations,
        batch: &[&[f64]],
        probes: &Probes,
    ) -> Result<(), usize> {
        let plan = self.sums.as_ref().expect("a separable plan");
        let layout = &plan.layout;
        let n = batch[0].len();
        let mut ws = Workspace::<f64>::new(&plan.atoms, BLOCK);
        let mut shifted = vec![[0.0; BLOCK]; layout.atoms];
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            let cols: Vec<&[f64]> = batch.iter().map(|c| &c[start..start + len]).collect();
            plan.atoms.run(&mut ws, &cols, &[], len);
            if matches!(obs.store, Store::Empty) {
                let shift = (0..layout.atoms)
                    .map(|a| {
                        let v = ws.output(&plan.atoms, a, &cols, &[]).at(0);
                        if v.is_finite() {
                            v
                        } else {
                            0.0
                        }
                    })
                    .collect();
                obs.store = Store::Sums(Sums {
                    layout: layout.clone(),
                    shift,
                    sums: vec![CompensatedSum::default(); layout.monomials.len()],
                });
            }
            let Store::Sums(sums) = &mut obs.store else {
                panic!("observations kept in two different ways")
            };
            for (a, out) in shifted.iter_mut().enumerate() {
                let k = sums.shift[a];
                match ws.output(&plan.atoms, a, &cols, &[]) {
                    View::Many(v) => out[..len].iter_mut().zip(v).for_each(|(o, x)| *o = x - k),
                    View::Data(v) => out[..len].iter_mut().zip(v).for_each(|(o, x)| *o = x - k),
                    View::One(x) => out[..len].fill(x - k),
                }
            }
            // A row with a non-finite atom may be NaN everywhere: only those are tried at the
            // probes, the others are finite wherever the coefficients are.
            for i in 0..len {
                if shifted.iter().any(|d| !d[i].is_finite())
                    && self.undefined_everywhere(batch, start + i, probes)
                {
                    return Err(start + i);
                }
            }
            for (m, monomial) in layout.monomials.iter().enumerate().skip(1) {
                let sum = &mut sums.sums[m];
                match monomial[..] {
                    [a] => shifted[a as usize][..len].iter().for_each(|&v| sum.add(v)),
                    [a, b] => {
                        let (da, db) = (&shifted[a as usize], &shifted[b as usize]);
                        (0..len).for_each(|i| sum.add(da[i] * db[i]))
                    }
                    _ => (0..len).for_each(|i| {
                        sum.add(monomial.iter().map(|&a| shifted[a as usize][i]).product())
                    }),
                }
            }
        }
        Ok(())
    }

    fn observe_kept(
        &self,
        obs: &mut Observations,
        batch: &[&[f64]],
        probes: &Probes,
    ) -> Result<(), usize> {
        let leaves = &self.direct.leaves;
        let n = batch[0].len();
        if matches!(obs.store, Store::Empty) {
            obs.store = Store::Kept(vec![Vec::new(); leaves.outputs().len()]);
        }
        let Store::Kept(kept) = &mut obs.store else {
            panic!("observations kept in two different ways")
        };
        let mut leaf_ws = Workspace::<f64>::new(leaves, BLOCK);
        let mut row_ws = Workspace::<f64>::new(&self.full, BLOCK);
        let first = &probes.points()[0];
        for start in (0..n).step_by(BLOCK) {
            let len = BLOCK.min(n - start);
            let cols: Vec<&[f64]> = batch.iter().map(|c| &c[start..start + len]).collect();
            self.full.run(&mut row_ws, &cols, first, len);
            let at_first = row_ws.output(&self.full, 0, &cols, first);
            for i in 0..len {
                if is_undefined(at_first.at(i))
                    && self.undefined_everywhere(batch, start + i, probes)
                {
                    return Err(start + i);
                }
            }
            leaves.run(&mut leaf_ws, &cols, &[], len);
            for (k, column) in kept.iter_mut().enumerate() {
                match leaf_ws.output(leaves, k, &cols, &[]) {
                    View::Many(v) | View::Data(v) => column.extend_from_slice(v),
                    View::One(x) => column.extend(std::iter::repeat_n(x, len)),
                }
            }
        }
        Ok(())
    }
}

/// NaN or +∞: a value no likelihood can take (−∞, probability zero, is a value).
pub(crate) fn is_undefined(v: f64) -> bool {
    v.is_nan() || v == f64::INFINITY
}
