//! LL(θ) = Σᵢ ln f(xᵢ; θ) and its exact derivatives, from [`Observations`].
//!
//! From sums, LL is Σₖ gₖ(θ)·Sₖ: the coefficient program once, a dot product, nothing per
//! observation. From kept rows, the per-row program runs over fixed chunks of rows in
//! parallel: chunk c is always rows [c·CHUNK, (c+1)·CHUNK), summed in blocks (pairwise within
//! a block, compensated across blocks), and the chunks' sums are merged in index order, so
//! the result has the same bits for any number of threads.
//!
//! Derivatives come from the same instructions in dual numbers: ∂ᵢ and ∂ᵢ² from one pass in
//! [`Dual2_64`] per parameter, ∂ᵢ∂ⱼ from one in [`HyperDual64`] per pair, all in the same walk
//! over the data so that each chunk is read from memory once.

use super::observations::{is_undefined, Observations, Store, Sums};
use super::program::{Program, View, Workspace, BLOCK};
use super::Logf;
use crate::numeric::dual::Scalar;
use crate::numeric::CompensatedSum;
use num_dual::{Dual2_64, Dual64, HyperDual64};
use rayon::prelude::*;

/// Rows per parallel task: the unit of the fixed summation order.
const CHUNK: usize = 16 * BLOCK;

/// LL and its first and second derivatives at one parameter point.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivatives {
    pub ll: f64,
    /// ∂LL/∂θᵢ, in the expression's parameter order.
    pub gradient: Vec<f64>,
    /// ∂²LL/∂θᵢ∂θⱼ, row-major, p × p, symmetric.
    pub hessian: Vec<f64>,
}

/// LL and its first two derivatives along one parameter, the others held fixed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Along {
    pub ll: f64,
    pub d1: f64,
    pub d2: f64,
}

/// One evaluation in a number type: the parameters as that type (some seeded).
type Seeds<T> = Vec<T>;

/// Per chunk, per evaluation, one compensated sum per part of the number type.
type ChunkSums = Vec<Vec<CompensatedSum>>;

impl Logf {
    /// LL(θ), or `None` where it is undefined (NaN or +∞ anywhere); −∞ is a value.
    pub fn ll(&self, obs: &Observations, theta: &[f64]) -> Option<f64> {
        self.check_point(theta);
        let v = self.total::<f64>(obs, &[theta.to_vec()])[0];
        (!is_undefined(v)).then_some(v)
    }

    /// LL and its gradient, or `None` unless all are finite: one pass in [`Dual64`] per
    /// parameter.
    pub fn ll_grad(&self, obs: &Observations, theta: &[f64]) -> Option<(f64, Vec<f64>)> {
        self.check_point(theta);
        let seeds: Vec<Seeds<Dual64>> = (0..theta.len())
            .map(|i| {
                let unit = |k: usize| f64::from(u8::from(k == i));
                theta
                    .iter()
                    .enumerate()
                    .map(|(k, &t)| Dual64::new(t, unit(k)))
                    .collect()
            })
            .collect();
        let totals = self.total::<Dual64>(obs, &seeds);
        let ll = totals[0].re;
        let gradient: Vec<f64> = totals.iter().map(|t| t.eps).collect();
        (ll.is_finite() && gradient.iter().all(|g| g.is_finite())).then_some((ll, gradient))
    }

    /// LL, its gradient and its Hessian, or `None` unless all are finite.
    pub fn ll_grad_hess(&self, obs: &Observations, theta: &[f64]) -> Option<Derivatives> {
        self.check_point(theta);
        let p = theta.len();
        let diagonal: Vec<Seeds<Dual2_64>> = (0..p).map(|i| self.seeds_along(theta, i)).collect();
        let pairs: Vec<(usize, usize)> = (0..p)
            .flat_map(|i| (i + 1..p).map(move |j| (i, j)))
            .collect();
        let cross: Vec<Seeds<HyperDual64>> = pairs
            .iter()
            .map(|&(i, j)| {
                theta
                    .iter()
                    .enumerate()
                    .map(|(k, &t)| {
                        HyperDual64::new(
                            t,
                            f64::from(u8::from(k == i)),
                            f64::from(u8::from(k == j)),
                            0.0,
                        )
                    })
                    .collect()
            })
            .collect();
        let (along, mixed) = self.total_pair(obs, &diagonal, &cross);
        let ll = along[0].re;
        let gradient: Vec<f64> = along.iter().map(|d| d.v1).collect();
        let mut hessian = vec![0.0; p * p];
        for (i, d) in along.iter().enumerate() {
            hessian[i * p + i] = d.v2;
        }
        for (&(i, j), h) in pairs.iter().zip(&mixed) {
            hessian[i * p + j] = h.eps1eps2;
            hessian[j * p + i] = h.eps1eps2;
        }
        let finite = ll.is_finite()
            && gradient.iter().all(|g| g.is_finite())
            && hessian.iter().all(|h| h.is_finite());
        finite.then_some(Derivatives {
            ll,
            gradient,
            hessian,
        })
    }

    /// LL and its first two derivatives along parameter `k` (the others fixed), for Newton
    /// steps of a profile; `None` unless all three are finite.
    pub fn ll_along(&self, obs: &Observations, theta: &[f64], k: usize) -> Option<Along> {
        let t = self.total::<Dual2_64>(obs, &[self.seeds_along(theta, k)])[0];
        let along = Along {
            ll: t.re,
            d1: t.v1,
            d2: t.v2,
        };
        (along.ll.is_finite() && along.d1.is_finite() && along.d2.is_finite()).then_some(along)
    }

    fn check_point(&self, theta: &[f64]) {
        assert_eq!(theta.len(), self.params.len(), "one value per parameter");
    }

    fn seeds_along(&self, theta: &[f64], i: usize) -> Seeds<Dual2_64> {
        self.check_point(theta);
        theta
            .iter()
            .enumerate()
            .map(|(k, &t)| Dual2_64::new(t, if k == i { 1.0 } else { 0.0 }, 0.0))
            .collect()
    }

    /// Σᵢ ln f for each set of seeds.
    fn total<T: Scalar>(&self, obs: &Observations, seeds: &[Seeds<T>]) -> Vec<T> {
        self.total_pair::<T, f64>(obs, seeds, &[]).0
    }

    /// Σᵢ ln f for each set of seeds of two number types, in one walk over the data.
    fn total_pair<A: Scalar, B: Scalar>(
        &self,
        obs: &Observations,
        a: &[Seeds<A>],
        b: &[Seeds<B>],
    ) -> (Vec<A>, Vec<B>) {
        match obs.store() {
            Store::Empty => (
                vec![A::constant(0.0); a.len()],
                vec![B::constant(0.0); b.len()],
            ),
            Store::Sums(sums) => (
                a.iter()
                    .map(|s| self.total_from_sums(sums, obs.len(), s))
                    .collect(),
                b.iter()
                    .map(|s| self.total_from_sums(sums, obs.len(), s))
                    .collect(),
            ),
            Store::Kept(columns) => self.total_from_rows(columns, obs.len() as usize, a, b),
        }
    }

    /// Σₖ gₖ(θ)·Sₖ, with the unshifted polynomial where a shifted coefficient is not finite.
    fn total_from_sums<T: Scalar>(&self, sums: &Sums, rows: u64, seeds: &[T]) -> T {
        let plan = self.sums.as_ref().expect("a separable plan");
        let m = plan.layout.monomials.len();
        let mut inputs = seeds.to_vec();
        inputs.extend(sums.shift.iter().map(|&k| T::constant(k)));
        let g = run_scalar(&plan.coefficients, &inputs);
        let s = sums.values(rows);
        let (coefficients, totals): (Vec<T>, Vec<f64>) =
            if g[..m].iter().all(|c| c.value().is_finite()) {
                (g[..m].to_vec(), s)
            } else {
                let unshifted = plan
                    .layout
                    .reshift(&s, &sums.shift, &vec![0.0; sums.shift.len()]);
                plan.unshifted
                    .iter()
                    .zip(g[m..].iter().zip(unshifted))
                    .filter(|(present, _)| **present)
                    .map(|(_, (&c, t))| (c, t))
                    .unzip()
            };
        let mut value = CompensatedSum::default();
        let mut total = T::constant(0.0);
        for (&c, &t) in coefficients.iter().zip(&totals) {
            if t == 0.0 && c.value().is_finite() {
                continue; // no observation carries this term
            }
            value.add(c.value() * t);
            total += c * t;
        }
        total.with_value(value.value())
    }

    /// Σ over kept rows, chunk by chunk in parallel, merged in chunk order.
    fn total_from_rows<A: Scalar, B: Scalar>(
        &self,
        columns: &[Vec<f64>],
        rows: usize,
        a: &[Seeds<A>],
        b: &[Seeds<B>],
    ) -> (Vec<A>, Vec<B>) {
        let d = &self.direct;
        let inputs_a: Vec<Vec<A>> = a.iter().map(|s| run_scalar(&d.params, s)).collect();
        let inputs_b: Vec<Vec<B>> = b.iter().map(|s| run_scalar(&d.params, s)).collect();
        let chunks = rows.div_ceil(CHUNK);
        // Values alone run the shared rewrite; dual numbers the original graph.
        let program_a = if A::ORDER == 0 { &d.values } else { &d.mixed };
        let program_b = if B::ORDER == 0 { &d.values } else { &d.mixed };
        let parts: Vec<(ChunkSums, ChunkSums)> = (0..chunks)
            .into_par_iter()
            .map_init(
                || {
                    (
                        Workspace::<A>::new(program_a, BLOCK),
                        Workspace::<B>::new(program_b, BLOCK),
                    )
                },
                |(wa, wb), c| {
                    let range = c * CHUNK..rows.min((c + 1) * CHUNK);
                    let sa = inputs_a
                        .iter()
                        .map(|inputs| chunk_sum(program_a, wa, columns, inputs, range.clone()))
                        .collect();
                    let sb = inputs_b
                        .iter()
                        .map(|inputs| chunk_sum(program_b, wb, columns, inputs, range.clone()))
                        .collect();
                    (sa, sb)
                },
            )
            .collect();
        let merge = |n: usize, parts: &mut dyn Iterator<Item = &ChunkSums>, k: usize| {
            let mut total = vec![CompensatedSum::default(); n];
            for part in parts {
                for (t, p) in total.iter_mut().zip(&part[k]) {
                    t.merge(p);
                }
            }
            total
                .iter()
                .map(CompensatedSum::value)
                .collect::<Vec<f64>>()
        };
        let ta = (0..a.len())
            .map(|k| A::from_parts(&merge(A::PARTS, &mut parts.iter().map(|p| &p.0), k)))
            .collect();
        let tb = (0..b.len())
            .map(|k| B::from_parts(&merge(B::PARTS, &mut parts.iter().map(|p| &p.1), k)))
            .collect();
        (ta, tb)
    }
}

/// The outputs of a program without vector inputs.
fn run_scalar<T: Scalar>(program: &Program, inputs: &[T]) -> Vec<T> {
    let mut ws = Workspace::<T>::new(program, 1);
    program.run(&mut ws, &[], inputs, 1);
    (0..program.outputs().len())
        .map(|k| ws.output(program, k, &[], inputs).at(0))
        .collect()
}

/// Σ ln f over rows `range`, one compensated sum per part of T.
fn chunk_sum<T: Scalar>(
    program: &Program,
    ws: &mut Workspace<T>,
    columns: &[Vec<f64>],
    inputs: &[T],
    range: std::ops::Range<usize>,
) -> Vec<CompensatedSum> {
    let mut sums = vec![CompensatedSum::default(); T::PARTS];
    let mut buffer = [0.0; BLOCK];
    for start in range.clone().step_by(BLOCK) {
        let len = BLOCK.min(range.end - start);
        let cols: Vec<&[f64]> = columns.iter().map(|c| &c[start..start + len]).collect();
        program.run(ws, &cols, inputs, len);
        let out = ws.output(program, 0, &cols, inputs);
        if let (1, Some(values)) = (T::PARTS, out.plain()) {
            sums[0].add(pairwise(values));
            continue;
        }
        for (k, sum) in sums.iter_mut().enumerate() {
            match out {
                View::One(t) => sum.add(t.part(k) * len as f64),
                _ => {
                    for (i, b) in buffer[..len].iter_mut().enumerate() {
                        *b = out.at(i).part(k);
                    }
                    sum.add(pairwise(&buffer[..len]));
                }
            }
        }
    }
    sums
}

/// A pairwise sum: rounding error grows with log₂ n, and the order is fixed by the length.
/// Leaves of up to 32 terms are summed in four interleaved lanes (independent additions the
/// processor can overlap), then the lanes pairwise.
fn pairwise(xs: &[f64]) -> f64 {
    if xs.len() > 32 {
        let (a, b) = xs.split_at(xs.len() / 2);
        return pairwise(a) + pairwise(b);
    }
    let mut lanes = [0.0; 4];
    let mut quads = xs.chunks_exact(4);
    for q in &mut quads {
        for (l, x) in lanes.iter_mut().zip(q) {
            *l += x;
        }
    }
    for (l, x) in lanes.iter_mut().zip(quads.remainder()) {
        *l += x;
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}
