//! The expression as a graph of shared nodes, with names resolved and constants folded.
//!
//! Lowering the syntax tree here does three things once, before anything is evaluated:
//! - names become data columns, parameters (numbered in the order they first appear) or
//!   constants;
//! - equal subexpressions become one node (hash-consing), so `a + b*x` written twice is
//!   computed once per observation;
//! - every node knows whether it depends on the data, on the parameters, on both or on
//!   neither. That is what lets an evaluation compute data-only parts once per observation,
//!   parameter-only parts once per parameter point, and lets the separability analysis
//!   ([`super::separable`]) find Σₖ gₖ(θ)·hₖ(x).
//!
//! Folding uses the evaluator's own arithmetic ([`super::ops::apply`]), so a folded constant
//! has the bits the instruction would have produced.

use super::error::ExprError;
use super::functions::{self, Callee, Func1};
use super::ops::{self, Op};
use super::parser::{Ast, BinOp};
use std::collections::HashMap;

pub(crate) type NodeId = u32;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Node {
    /// The bits of an f64.
    Const(u64),
    Column(u32),
    Param(u32),
    /// The shift of atom k of a separable expression (see [`super::separable`]): a number
    /// known once the first observation is seen, constant afterwards.
    Shift(u32),
    Op(Op, Box<[NodeId]>),
}

/// What a node's value depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Deps {
    pub data: bool,
    /// Parameters, or shifts (which are evaluated alongside the parameters).
    pub param: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Dag {
    nodes: Vec<Node>,
    deps: Vec<Deps>,
    index: HashMap<Node, NodeId>,
}

impl Dag {
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub(crate) fn deps(&self, id: NodeId) -> Deps {
        self.deps[id as usize]
    }

    pub(crate) fn constant_value(&self, id: NodeId) -> Option<f64> {
        match self.node(id) {
            Node::Const(bits) => Some(f64::from_bits(*bits)),
            _ => None,
        }
    }

    fn intern(&mut self, node: Node, deps: Deps) -> NodeId {
        if let Some(&id) = self.index.get(&node) {
            return id;
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(node.clone());
        self.deps.push(deps);
        self.index.insert(node, id);
        id
    }

    pub(crate) fn constant(&mut self, x: f64) -> NodeId {
        self.intern(Node::Const(x.to_bits()), Deps::default())
    }

    pub(crate) fn column(&mut self, j: usize) -> NodeId {
        let deps = Deps {
            data: true,
            param: false,
        };
        self.intern(Node::Column(j as u32), deps)
    }

    pub(crate) fn param(&mut self, k: usize) -> NodeId {
        let deps = Deps {
            data: false,
            param: true,
        };
        self.intern(Node::Param(k as u32), deps)
    }

    pub(crate) fn shift(&mut self, atom: usize) -> NodeId {
        let deps = Deps {
            data: false,
            param: true,
        };
        self.intern(Node::Shift(atom as u32), deps)
    }

    /// The node for `op` on `args`: folded when every operand is a constant, shared when an
    /// equal node exists.
    pub(crate) fn op(&mut self, op: Op, args: &[NodeId]) -> NodeId {
        if let Some(values) = args
            .iter()
            .map(|&a| self.constant_value(a))
            .collect::<Option<Vec<f64>>>()
        {
            return self.constant(ops::apply(op, &values));
        }
        if op == Op::Neg {
            if let Node::Op(Op::Neg, inner) = self.node(args[0]) {
                return inner[0];
            }
        }
        // Even functions ignore a sign change (exactly, derivatives included).
        if matches!(op, Op::F1(Func1::Abs | Func1::Log1pExpNegAbs)) {
            if let Node::Op(Op::Neg, inner) = self.node(args[0]) {
                let inner = inner[0];
                return self.op(op, &[inner]);
            }
        }
        if op == Op::Pow {
            if let Some(c) = self.constant_value(args[1]) {
                return self.op(Op::PowConst(c.to_bits()), &args[..1]);
            }
        }
        let deps = args.iter().fold(Deps::default(), |d, &a| {
            let e = self.deps(a);
            Deps {
                data: d.data || e.data,
                param: d.param || e.param,
            }
        });
        self.intern(Node::Op(op, args.into()), deps)
    }

    /// Every node `roots` need, each after the nodes it reads (a topological order).
    pub(crate) fn postorder(&self, roots: &[NodeId], stop: impl Fn(NodeId) -> bool) -> Vec<NodeId> {
        let mut seen = vec![false; self.nodes.len()];
        let mut order = Vec::new();
        // An explicit stack: expressions may nest deeper than the thread's stack would like.
        let mut stack: Vec<(NodeId, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((id, expanded)) = stack.pop() {
            if expanded {
                order.push(id);
                continue;
            }
            if seen[id as usize] {
                continue;
            }
            seen[id as usize] = true;
            stack.push((id, true));
            if stop(id) {
                continue;
            }
            if let Node::Op(_, args) = self.node(id) {
                for &a in args.iter().rev() {
                    if !seen[a as usize] {
                        stack.push((a, false));
                    }
                }
            }
        }
        order
    }
}

/// The same expression for values only (no derivatives), rewritten so that more of it is
/// shared: softplus(u) = max(u, 0) + K(u) and log_sigmoid(u) = −(max(−u, 0) + K(u)) with
/// K(u) = ln(1 + e^(−|u|)) even in u, so that a logistic regression's log_sigmoid(η) and
/// log_sigmoid(−η) compute their exponential and logarithm once. The rewritten forms are the
/// very operations `softplus` performs, so the values keep their bits (up to the sign of a
/// zero); they have kinks at 0 the originals do not, which is why derivatives keep the
/// original graph. Only nodes that depend on both data and parameters are rewritten, so the
/// data-only and parameter-only operands stay the same nodes.
pub(crate) fn value_form(dag: &mut Dag, root: NodeId) -> NodeId {
    let mut memo: HashMap<NodeId, NodeId> = HashMap::new();
    for id in dag.postorder(&[root], |id| {
        let d = dag.deps(id);
        !(d.data && d.param)
    }) {
        let d = dag.deps(id);
        let Node::Op(op, args) = dag.node(id).clone() else {
            memo.insert(id, id);
            continue;
        };
        if !(d.data && d.param) {
            memo.insert(id, id);
            continue;
        }
        let args: Vec<NodeId> = args.iter().map(|a| memo[a]).collect();
        let zero = dag.constant(0.0);
        let new = match op {
            Op::F1(Func1::Softplus) => {
                let m = dag.op(Op::Max, &[args[0], zero]);
                let k = dag.op(Op::F1(Func1::Log1pExpNegAbs), &[args[0]]);
                dag.op(Op::Add, &[m, k])
            }
            Op::F1(Func1::LogSigmoid) => {
                let n = dag.op(Op::Neg, &[args[0]]);
                let m = dag.op(Op::Max, &[n, zero]);
                let k = dag.op(Op::F1(Func1::Log1pExpNegAbs), &[args[0]]);
                let sum = dag.op(Op::Add, &[m, k]);
                dag.op(Op::Neg, &[sum])
            }
            _ => dag.op(op, &args),
        };
        memo.insert(id, new);
    }
    memo[&root]
}

/// The expression lowered: its graph, its root, and what its names turned out to be.
#[derive(Debug, Clone)]
pub(crate) struct Lowered {
    pub dag: Dag,
    pub root: NodeId,
    /// Parameter names in the order they first appear in the text.
    pub params: Vec<String>,
    /// Whether each data column is used.
    pub uses_column: Vec<bool>,
}

/// Lowers a parsed expression given the data's column names.
pub(crate) fn lower(ast: &Ast, columns: &[String]) -> Result<Lowered, ExprError> {
    let mut l = Lowering {
        dag: Dag::default(),
        columns,
        params: Vec::new(),
        uses_column: vec![false; columns.len()],
    };
    let root = l.lower(ast)?;
    Ok(Lowered {
        dag: l.dag,
        root,
        params: l.params,
        uses_column: l.uses_column,
    })
}

struct Lowering<'a> {
    dag: Dag,
    columns: &'a [String],
    params: Vec<String>,
    uses_column: Vec<bool>,
}

impl Lowering<'_> {
    fn lower(&mut self, ast: &Ast) -> Result<NodeId, ExprError> {
        Ok(match ast {
            Ast::Num(v) => self.dag.constant(*v),
            Ast::Name { name, col } => self.name(name, *col)?,
            Ast::Neg(inner) => {
                let a = self.lower(inner)?;
                self.dag.op(Op::Neg, &[a])
            }
            Ast::Bin(op, left, right) => {
                let a = self.lower(left)?;
                let b = self.lower(right)?;
                let op = match op {
                    BinOp::Add => Op::Add,
                    BinOp::Sub => Op::Sub,
                    BinOp::Mul => Op::Mul,
                    BinOp::Div => Op::Div,
                    BinOp::Pow => Op::Pow,
                    BinOp::Cmp(c) => Op::Cmp(*c),
                };
                self.dag.op(op, &[a, b])
            }
            Ast::Call { callee, args } => {
                let args = args
                    .iter()
                    .map(|a| self.lower(a))
                    .collect::<Result<Vec<_>, _>>()?;
                let op = match callee {
                    Callee::Unary(f) => Op::F1(*f),
                    Callee::Lbeta => Op::Lbeta,
                    Callee::Lchoose => Op::Lchoose,
                    Callee::LogSumExp => Op::LogSumExp,
                    Callee::Min => Op::Min,
                    Callee::Max => Op::Max,
                    Callee::If => Op::If,
                };
                self.dag.op(op, &args)
            }
        })
    }

    /// A column if the data has one of that name, else a constant, else a parameter. A
    /// function's name alone is refused: it is almost surely a call without its parentheses.
    fn name(&mut self, name: &str, col: usize) -> Result<NodeId, ExprError> {
        if let Some(j) = self.columns.iter().position(|c| c == name) {
            self.uses_column[j] = true;
            return Ok(self.dag.column(j));
        }
        if let Some(&(_, v)) = functions::CONSTANTS.iter().find(|(n, _)| *n == name) {
            return Ok(self.dag.constant(v));
        }
        if functions::is_function(name) {
            return Err(ExprError::at(
                col,
                format!("'{name}' is a function: write {name}(…)"),
            ));
        }
        let k = match self.params.iter().position(|p| p == name) {
            Some(k) => k,
            None => {
                self.params.push(name.to_string());
                self.params.len() - 1
            }
        };
        Ok(self.dag.param(k))
    }
}
