//! Finding Σₖ gₖ(θ)·hₖ(x) + c(x) in an expression, so that LL needs only sums over the data.
//!
//! Every exponential family written by hand has this form: `x*ln(lam) - lam - lgamma(x+1)` is
//! ln λ · x − λ · 1 − 1 · lgamma(x+1). One pass over the data then gives the sums
//! Sₖ = Σᵢ hₖ(xᵢ), and LL(θ) = Σₖ gₖ(θ)·Sₖ costs nothing per observation: memory is flat in n
//! and a sweep of any length is as cheap as a built-in family's.
//!
//! # The analysis
//! The expression is rewritten as a polynomial in *atoms*, the largest subexpressions that
//! depend on the data only (`x`, `lgamma(x+1)`, `ln(1-x)`, `x^2`), whose coefficients are
//! expressions in the parameters. Sums and differences merge like terms; a product multiplies
//! out (so the normal's `(x - mu)^2` becomes x² − 2μx + μ²); division by a parameter
//! expression scales the coefficients and division by a data expression multiplies by a new
//! atom, its reciprocal; small whole powers (up to the fourth) multiply out. Anything else
//! that mixes data and parameters — a function of `a + b*x`, a power with a parameter in the
//! exponent, a comparison or `if` — is not separable, and the expression is evaluated per
//! observation instead.
//!
//! # Shifts, against cancellation
//! Multiplied out naïvely, (x − μ)² is x² − 2μx + μ², whose three sums are each n·μ² when the
//! data sit far from zero (1e9 ± 1) and cancel down to n: every digit is lost. So each atom a
//! is written a = (a − Kₐ) + Kₐ, with the shift Kₐ the atom's value at the first observation
//! (as the built-in families' moments do): the sums are of products of (a − Kₐ), which are
//! small, and the coefficients hold Kₐ − μ, which is small near the estimate.
//!
//! Shifts make LL a sum of terms of either sign. Where a coefficient is infinite (at a
//! boundary: ln λ at λ = 0) that would turn −∞ · (a positive sum) into the sign of a shifted
//! sum, so there the unshifted polynomial is used instead: its sums are recovered exactly
//! from the shifted ones (the binomial expansion below), its coefficients are compiled beside
//! the shifted ones.
//!
//! # Expansion and merging
//! The set of monomials of the shifted polynomial is closed under taking sub-products
//! (every atom brings its constant term Kₐ along), so Σ Π(a − Lₐ) for any other shifts L is a
//! fixed combination of the sums already kept: Π(a − Lₐ) = Π((a − Kₐ) + (Kₐ − Lₐ)) expands
//! over the subsets of the monomial's atoms. That one expansion merges the sums of two parts
//! of the data that were shifted differently (the data reader's groups) and recovers the
//! unshifted sums.

use super::dag::{Dag, NodeId};
use super::ops::Op;
use super::program::{Arg, Program};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// More terms than this and the sums would cost more than they save.
const MAX_TERMS: usize = 64;
/// The highest degree of a monomial (the expansion has 2^degree terms).
const MAX_DEGREE: usize = 6;
/// The highest whole power multiplied out.
const MAX_POWER: f64 = 4.0;

/// A monomial: the atoms multiplied, sorted, with repetition; empty for the constant term.
type Monomial = Vec<u32>;

/// The monomials of a separable expression and how their sums expand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SumLayout {
    /// Monomial 0 is the empty one, whose sum is the number of observations.
    pub monomials: Vec<Monomial>,
    /// For each monomial, every (sub-monomial, the atoms outside it) over the subsets of its
    /// atoms' positions: Σ Π(a − L) = Σ over these of Π (K − L) over the outside atoms ·
    /// S(sub-monomial).
    pub expansion: Vec<Vec<(usize, Vec<u32>)>>,
    pub atoms: usize,
}

impl SumLayout {
    /// The sums with shifts `to` from the sums `sums` (with shifts `from`); `sums[0]` is
    /// the count.
    pub(crate) fn reshift(&self, sums: &[f64], from: &[f64], to: &[f64]) -> Vec<f64> {
        let delta: Vec<f64> = from.iter().zip(to).map(|(f, t)| f - t).collect();
        self.expansion
            .iter()
            .map(|terms| {
                terms
                    .iter()
                    .map(|(sub, outside)| {
                        let factor: f64 = outside.iter().map(|&a| delta[a as usize]).product();
                        if factor == 0.0 {
                            // Skip rather than multiply: an infinite or NaN sum of a part
                            // that does not contribute must not poison the others.
                            0.0
                        } else {
                            factor * sums[*sub]
                        }
                    })
                    .sum()
            })
            .collect()
    }
}

/// What a separable expression is compiled into.
#[derive(Debug, Clone)]
pub(crate) struct SumPlan {
    pub layout: Arc<SumLayout>,
    /// From the raw columns, the atoms' values (one output per atom).
    pub atoms: Program,
    /// From the parameters (inputs 0..p) and the shifts (inputs p..p + atoms): the shifted
    /// coefficient of each monomial, then the unshifted one (`None` where the unshifted
    /// polynomial has no such monomial).
    pub coefficients: Program,
    pub unshifted: Vec<bool>,
}

/// The polynomial of a subexpression: monomial → coefficient node.
type Form = BTreeMap<Monomial, NodeId>;

struct Builder<'a> {
    dag: &'a mut Dag,
    atom_of: HashMap<NodeId, u32>,
    atoms: Vec<NodeId>,
    shifted: bool,
}

/// The separable plan of the expression at `root`, if it has one. New nodes (coefficients,
/// reciprocals) are added to `dag`.
pub(crate) fn analyse(dag: &mut Dag, root: NodeId, params: usize) -> Option<SumPlan> {
    let mut b = Builder {
        dag,
        atom_of: HashMap::new(),
        atoms: Vec::new(),
        shifted: true,
    };
    let shifted = b.form(root)?;
    b.shifted = false;
    let unshifted = b.form(root)?;
    let Builder { dag, atoms, .. } = b;
    if unshifted.keys().any(|m| !shifted.contains_key(m)) {
        return None;
    }
    let monomials: Vec<Monomial> = shifted.keys().cloned().collect();
    debug_assert!(monomials[0].is_empty(), "every atom brings a constant term");
    let index: HashMap<&Monomial, usize> =
        monomials.iter().enumerate().map(|(i, m)| (m, i)).collect();
    let mut expansion = Vec::with_capacity(monomials.len());
    for m in &monomials {
        let mut terms = Vec::with_capacity(1 << m.len());
        for subset in 0u32..(1 << m.len()) {
            let mut sub: Monomial = Vec::with_capacity(m.len());
            let mut outside: Vec<u32> = Vec::with_capacity(m.len());
            for (pos, &a) in m.iter().enumerate() {
                if subset & (1 << pos) != 0 {
                    sub.push(a);
                } else {
                    outside.push(a);
                }
            }
            // Closed under sub-products by construction; refuse rather than guess if not.
            let &sub_index = index.get(&sub)?;
            terms.push((sub_index, outside));
        }
        expansion.push(terms);
    }

    let atom_program = Program::compile(dag, &atoms, |id| match dag.node(id) {
        super::dag::Node::Column(j) => Some(Arg::Column(*j)),
        _ => None,
    });
    let zero = dag.constant(0.0);
    let mut roots: Vec<NodeId> = monomials.iter().map(|m| shifted[m]).collect();
    let has_unshifted: Vec<bool> = monomials
        .iter()
        .map(|m| unshifted.contains_key(m))
        .collect();
    roots.extend(monomials.iter().map(|m| *unshifted.get(m).unwrap_or(&zero)));
    let coefficients = Program::compile(dag, &roots, |id| match dag.node(id) {
        super::dag::Node::Param(k) => Some(Arg::Input(*k)),
        super::dag::Node::Shift(a) => Some(Arg::Input(params as u32 + *a)),
        _ => None,
    });
    Some(SumPlan {
        layout: Arc::new(SumLayout {
            monomials,
            expansion,
            atoms: atoms.len(),
        }),
        atoms: atom_program,
        coefficients,
        unshifted: has_unshifted,
    })
}

impl Builder<'_> {
    fn one(&mut self) -> NodeId {
        self.dag.constant(1.0)
    }

    fn is_const(&self, g: NodeId, c: f64) -> bool {
        self.dag.constant_value(g) == Some(c)
    }

    fn g_mul(&mut self, a: NodeId, b: NodeId) -> NodeId {
        if self.is_const(a, 1.0) {
            b
        } else if self.is_const(b, 1.0) {
            a
        } else {
            self.dag.op(Op::Mul, &[a, b])
        }
    }

    fn g_add(&mut self, a: NodeId, b: NodeId) -> NodeId {
        if self.is_const(a, 0.0) {
            b
        } else if self.is_const(b, 0.0) {
            a
        } else {
            self.dag.op(Op::Add, &[a, b])
        }
    }

    fn form(&mut self, id: NodeId) -> Option<Form> {
        let deps = self.dag.deps(id);
        if !deps.data {
            return Some(Form::from([(Vec::new(), id)]));
        }
        if !deps.param {
            return Some(self.atom(id));
        }
        let super::dag::Node::Op(op, args) = self.dag.node(id).clone() else {
            return None;
        };
        let form = match (op, &args[..]) {
            (Op::Neg, [a]) => {
                let f = self.form(*a)?;
                self.negate(f)
            }
            (Op::Add, [a, b]) => {
                let (f, g) = (self.form(*a)?, self.form(*b)?);
                self.add(f, g)
            }
            (Op::Sub, [a, b]) => {
                let (f, g) = (self.form(*a)?, self.form(*b)?);
                let g = self.negate(g);
                self.add(f, g)
            }
            (Op::Mul, [a, b]) => {
                let (f, g) = (self.form(*a)?, self.form(*b)?);
                self.mul(&f, &g)?
            }
            (Op::Div, [a, b]) => {
                let f = self.form(*a)?;
                let d = self.dag.deps(*b);
                if !d.data {
                    f.into_iter()
                        .map(|(m, g)| (m, self.dag.op(Op::Div, &[g, *b])))
                        .collect()
                } else if !d.param {
                    let one = self.one();
                    let reciprocal = self.dag.op(Op::Div, &[one, *b]);
                    let r = self.atom(reciprocal);
                    self.mul(&f, &r)?
                } else {
                    return None;
                }
            }
            (Op::PowConst(bits), [a]) => {
                let c = f64::from_bits(bits);
                if !((0.0..=MAX_POWER).contains(&c) && c == c.trunc()) {
                    return None;
                }
                let f = self.form(*a)?;
                let one = self.one();
                let mut p = Form::from([(Vec::new(), one)]);
                for _ in 0..c as usize {
                    p = self.mul(&p, &f)?;
                }
                p
            }
            _ => return None,
        };
        (form.len() <= MAX_TERMS).then_some(form)
    }

    /// A data-only subexpression: (a − K) + K when shifted, a alone otherwise.
    fn atom(&mut self, id: NodeId) -> Form {
        let k = *self.atom_of.entry(id).or_insert_with(|| {
            self.atoms.push(id);
            self.atoms.len() as u32 - 1
        });
        let one = self.one();
        let mut f = Form::from([(vec![k], one)]);
        if self.shifted {
            let shift = self.dag.shift(k as usize);
            f.insert(Vec::new(), shift);
        }
        f
    }

    fn negate(&mut self, f: Form) -> Form {
        f.into_iter()
            .map(|(m, g)| (m, self.dag.op(Op::Neg, &[g])))
            .collect()
    }

    fn add(&mut self, mut f: Form, g: Form) -> Form {
        for (m, c) in g {
            let merged = match f.get(&m) {
                Some(&d) => self.g_add(d, c),
                None => c,
            };
            f.insert(m, merged);
        }
        f
    }

    fn mul(&mut self, f: &Form, g: &Form) -> Option<Form> {
        let mut out = Form::new();
        for (m1, &c1) in f {
            for (m2, &c2) in g {
                let mut m: Monomial = m1.iter().chain(m2).copied().collect();
                if m.len() > MAX_DEGREE {
                    return None;
                }
                m.sort_unstable();
                let c = self.g_mul(c1, c2);
                let merged = match out.get(&m) {
                    Some(&d) => self.g_add(d, c),
                    None => c,
                };
                out.insert(m, merged);
                if out.len() > MAX_TERMS {
                    return None;
                }
            }
        }
        Some(out)
    }
}
