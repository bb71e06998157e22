//! The flat instruction list, and its evaluator over blocks of observations.
//!
//! A [`Program`] is a list of instructions in dependency order; instruction i writes slot i
//! and reads earlier slots, data columns, scalar inputs (parameters, or values computed once
//! per parameter point) and constants. Nothing is a tree and nothing is walked per term.
//!
//! An instruction is *vector* when it reads a column or a vector slot: it then computes a
//! whole block of observations (a few hundred) in one tight loop, so the cost of deciding what
//! to do is paid once per block rather than once per observation, and the arithmetic loops are
//! simple enough for the compiler to vectorise. Scalar instructions compute one value.
//!
//! The evaluator is generic over [`Scalar`]: the same instructions give LL in `f64` and its
//! derivatives in dual numbers.

use super::dag::{Dag, Node, NodeId};
use super::math;
use super::ops::{self, Op};
use crate::numeric::dual::Scalar;
use std::collections::HashMap;

/// Observations per block: large enough to amortise the dispatch, small enough that a
/// block of every slot stays in the L1/L2 cache (a hyper-dual is 32 bytes).
pub(crate) const BLOCK: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Arg {
    /// The value of an earlier instruction.
    Slot(u32),
    /// A data column (one value per observation).
    Column(u32),
    /// A scalar input: a parameter, or a value computed once per parameter point.
    Input(u32),
    Const(f64),
}

#[derive(Debug, Clone)]
struct Instr {
    op: Op,
    args: Box<[Arg]>,
    vector: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Program {
    instrs: Vec<Instr>,
    outputs: Vec<Arg>,
}

impl Program {
    /// Compiles the nodes `roots` need. `leaf` says which nodes are inputs of this program
    /// (a column, a scalar input) rather than computed by it; constants are folded in.
    pub(crate) fn compile(
        dag: &Dag,
        roots: &[NodeId],
        leaf: impl Fn(NodeId) -> Option<Arg>,
    ) -> Self {
        let stop = |id: NodeId| leaf(id).is_some() || dag.constant_value(id).is_some();
        let mut arg_of: HashMap<NodeId, Arg> = HashMap::new();
        let mut program = Program::default();
        for id in dag.postorder(roots, stop) {
            let arg = if let Some(a) = leaf(id) {
                a
            } else if let Some(c) = dag.constant_value(id) {
                Arg::Const(c)
            } else {
                let Node::Op(op, node_args) = dag.node(id) else {
                    unreachable!(
                        "node {id} ({:?}) is neither computed nor an input",
                        dag.node(id)
                    )
                };
                let args: Box<[Arg]> = node_args.iter().map(|a| arg_of[a]).collect();
                let vector = args.iter().any(|a| program.is_vector(*a));
                program.instrs.push(Instr {
                    op: *op,
                    args,
                    vector,
                });
                Arg::Slot(program.instrs.len() as u32 - 1)
            };
            arg_of.insert(id, arg);
        }
        program.outputs = roots.iter().map(|r| arg_of[r]).collect();
        program
    }

    fn is_vector(&self, a: Arg) -> bool {
        match a {
            Arg::Slot(s) => self.instrs[s as usize].vector,
            Arg::Column(_) => true,
            Arg::Input(_) | Arg::Const(_) => false,
        }
    }

    pub(crate) fn outputs(&self) -> &[Arg] {
        &self.outputs
    }

    /// Evaluates the first `len` (≤ the workspace's block) observations of `columns` with
    /// scalar inputs `inputs`. The outputs are then read with [`Workspace::output`].
    pub(crate) fn run<T: Scalar>(
        &self,
        ws: &mut Workspace<T>,
        columns: &[&[f64]],
        inputs: &[T],
        len: usize,
    ) {
        // Plain values on a processor with AVX2: the same code compiled for 4-wide vectors
        // (same IEEE operations, so the same bits; see `math::values`).
        #[cfg(target_arch = "x86_64")]
        if T::ORDER == 0 && std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor supports AVX2, as just checked.
            return unsafe { self.run_avx2(ws, columns, inputs, len) };
        }
        self.run_portable(ws, columns, inputs, len)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn run_avx2<T: Scalar>(
        &self,
        ws: &mut Workspace<T>,
        columns: &[&[f64]],
        inputs: &[T],
        len: usize,
    ) {
        self.run_portable(ws, columns, inputs, len)
    }

    #[inline(always)]
    fn run_portable<T: Scalar>(
        &self,
        ws: &mut Workspace<T>,
        columns: &[&[f64]],
        inputs: &[T],
        len: usize,
    ) {
        debug_assert!(len <= ws.block);
        ws.len = len;
        for (i, ins) in self.instrs.iter().enumerate() {
            let (before, rest) = ws.values.split_at_mut(ws.offsets[i]);
            let view = |a: &Arg| -> View<'_, T> {
                match *a {
                    Arg::Slot(s) => {
                        let off = ws.offsets[s as usize];
                        if self.instrs[s as usize].vector {
                            View::Many(&before[off..off + len])
                        } else {
                            View::One(before[off])
                        }
                    }
                    Arg::Column(c) => View::Data(&columns[c as usize][..len]),
                    Arg::Input(k) => View::One(inputs[k as usize]),
                    Arg::Const(c) => View::One(T::constant(c)),
                }
            };
            if !ins.vector {
                let args: Vec<T> = ins.args.iter().map(|a| view(a).at(0)).collect();
                rest[0] = ops::apply(ins.op, &args);
                continue;
            }
            let out = &mut rest[..len];
            match (ins.op, &ins.args[..]) {
                (Op::Add, [a, b]) => zip(out, view(a), view(b), |x, y| x + y),
                (Op::Sub, [a, b]) => zip(out, view(a), view(b), |x, y| x - y),
                (Op::Mul, [a, b]) => zip(out, view(a), view(b), |x, y| x * y),
                (Op::Div, [a, b]) => zip(out, view(a), view(b), |x, y| x / y),
                (Op::Neg, [a]) => map(out, view(a), |x| -x),
                (Op::Max, [a, b]) => zip(out, view(a), view(b), |x, y| ops::extreme(&[x, y], true)),
                (Op::Min, [a, b]) => {
                    zip(out, view(a), view(b), |x, y| ops::extreme(&[x, y], false))
                }
                (Op::PowConst(bits), [a]) => {
                    let c = f64::from_bits(bits);
                    map(out, view(a), |x| ops::pow_const(x, c))
                }
                (Op::F1(f), [a]) => {
                    let a = view(a);
                    match (T::ORDER, a.plain()) {
                        (0, Some(xs)) => {
                            let out = T::as_plain_mut(out).expect("values are plain f64");
                            math::values(f, out, xs)
                        }
                        _ => map(out, a, |x| ops::unary(f, x)),
                    }
                }
                (op, args) => {
                    let views: Vec<View<'_, T>> = args.iter().map(view).collect();
                    let mut scratch = Vec::with_capacity(views.len());
                    for (e, o) in out.iter_mut().enumerate() {
                        scratch.clear();
                        scratch.extend(views.iter().map(|v| v.at(e)));
                        *o = ops::apply(op, &scratch);
                    }
                }
            }
        }
    }
}

/// Where an operand's values are: a block of them, a data column, or one value for all.
#[derive(Clone, Copy)]
pub(crate) enum View<'a, T> {
    Many(&'a [T]),
    Data(&'a [f64]),
    One(T),
}

impl<'a, T: Scalar> View<'a, T> {
    /// A block of plain f64 values, if that is what this is.
    pub(crate) fn plain(&self) -> Option<&'a [f64]> {
        match self {
            View::Many(v) => T::as_plain(v),
            View::Data(d) => Some(d),
            View::One(_) => None,
        }
    }

    #[inline(always)]
    pub(crate) fn at(&self, i: usize) -> T {
        match self {
            View::Many(v) => v[i],
            View::Data(d) => T::constant(d[i]),
            View::One(t) => *t,
        }
    }
}

#[inline(always)]
fn map<T: Scalar>(out: &mut [T], a: View<'_, T>, f: impl Fn(T) -> T) {
    match a {
        View::Many(a) => {
            for (o, &x) in out.iter_mut().zip(a) {
                *o = f(x);
            }
        }
        View::Data(a) => {
            for (o, &x) in out.iter_mut().zip(a) {
                *o = f(T::constant(x));
            }
        }
        View::One(x) => out.fill(f(x)),
    }
}

/// Each combination of operand kinds gets its own loop, so that no loop decides per element
/// where its operands are.
#[inline(always)]
fn zip<T: Scalar>(out: &mut [T], a: View<'_, T>, b: View<'_, T>, f: impl Fn(T, T) -> T) {
    use View::{Data, Many, One};
    match (a, b) {
        (Many(a), Many(b)) => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = f(x, y);
            }
        }
        (Many(a), One(y)) => {
            for (o, &x) in out.iter_mut().zip(a) {
                *o = f(x, y);
            }
        }
        (One(x), Many(b)) => {
            for (o, &y) in out.iter_mut().zip(b) {
                *o = f(x, y);
            }
        }
        (Data(a), One(y)) => {
            for (o, &x) in out.iter_mut().zip(a) {
                *o = f(T::constant(x), y);
            }
        }
        (One(x), Data(b)) => {
            for (o, &y) in out.iter_mut().zip(b) {
                *o = f(x, T::constant(y));
            }
        }
        (Many(a), Data(b)) => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = f(x, T::constant(y));
            }
        }
        (Data(a), Many(b)) => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = f(T::constant(x), y);
            }
        }
        (Data(a), Data(b)) => {
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                *o = f(T::constant(x), T::constant(y));
            }
        }
        (One(x), One(y)) => out.fill(f(x, y)),
    }
}

/// The values of one program's slots for one block, reused from block to block.
pub(crate) struct Workspace<T> {
    values: Vec<T>,
    offsets: Vec<usize>,
    block: usize,
    len: usize,
}

impl<T: Scalar> Workspace<T> {
    pub(crate) fn new(program: &Program, block: usize) -> Self {
        let mut offsets = Vec::with_capacity(program.instrs.len());
        let mut size = 0;
        for ins in &program.instrs {
            offsets.push(size);
            size += if ins.vector { block } else { 1 };
        }
        Workspace {
            values: vec![T::constant(0.0); size.max(1)],
            offsets,
            block,
            len: 0,
        }
    }

    /// Output `k` of the last run, as a view over the block.
    pub(crate) fn output<'a>(
        &'a self,
        program: &Program,
        k: usize,
        columns: &[&'a [f64]],
        inputs: &[T],
    ) -> View<'a, T> {
        let len = self.len;
        match program.outputs[k] {
            Arg::Slot(s) => {
                let off = self.offsets[s as usize];
                if program.instrs[s as usize].vector {
                    View::Many(&self.values[off..off + len])
                } else {
                    View::One(self.values[off])
                }
            }
            Arg::Column(c) => View::Data(&columns[c as usize][..len]),
            Arg::Input(i) => View::One(inputs[i as usize]),
            Arg::Const(c) => View::One(T::constant(c)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::functions::Func1;

    /// ln(θ·x) + θ over three observations, against the same arithmetic by hand.
    #[test]
    fn a_program_evaluates_a_block_in_dependency_order() {
        let mut dag = Dag::default();
        let x = dag.column(0);
        let t = dag.param(0);
        let tx = dag.op(Op::Mul, &[t, x]);
        let l = dag.op(Op::F1(Func1::Ln), &[tx]);
        let root = dag.op(Op::Add, &[l, t]);
        let program = Program::compile(&dag, &[root], |id| match dag.node(id) {
            Node::Column(j) => Some(Arg::Column(*j)),
            Node::Param(k) => Some(Arg::Input(*k)),
            _ => None,
        });
        assert_eq!(program.instrs.len(), 3);
        let xs = [1.0, 2.0, 4.0];
        let mut ws = Workspace::<f64>::new(&program, BLOCK);
        program.run(&mut ws, &[&xs], &[0.5], 3);
        let View::Many(out) = ws.output(&program, 0, &[&xs], &[0.5]) else {
            panic!("a vector output")
        };
        let want: Vec<f64> = xs.iter().map(|x| (0.5 * x).ln() + 0.5).collect();
        assert_eq!(out, &want[..]);
    }
}
