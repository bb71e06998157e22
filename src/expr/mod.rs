//! The expression language of user models (`--logf`): ln f of one observation, parsed once,
//! compiled to a flat instruction list, and evaluated with exact derivatives.
//!
//! A [`Logf`] is built from the text and the data's column names. Its parameters are the
//! names that are neither columns, functions nor the constants `pi` and `e`, in the order
//! they first appear. The data are streamed into [`Observations`] ([`Logf::observe`]):
//! when the expression separates as Σₖ gₖ(θ)·hₖ(x) + c(x) (every exponential family
//! written by hand does) only the sums Σᵢ hₖ(xᵢ) are kept, so memory is flat and LL costs
//! nothing per observation; otherwise the data-only parts of each row are kept and LL is
//! summed over them in parallel, in a fixed order. [`Logf::ll`], [`Logf::ll_grad`],
//! [`Logf::ll_grad_hess`] and [`Logf::ll_along`] evaluate LL and its exact derivatives
//! (dual numbers through the same instructions, never finite differences). An undefined
//! value (NaN, +∞) comes back as `None`; −∞ is a value.
//!
//! # Grammar
//! ```text
//! expression = comparison
//! comparison = additive [ ( "<" | "<=" | ">" | ">=" | "==" | "!=" ) additive ]   (1 or 0)
//! additive   = term { ( "+" | "-" ) term }
//! term       = unary { ( "*" | "/" ) unary }
//! unary      = ( "-" | "+" ) unary | power
//! power      = primary [ "^" unary ]                  (right-associative; -x^2 = -(x^2))
//! primary    = number | name | name "(" expression { "," expression } ")"
//!            | "(" expression ")"
//! number     = digits [ "." [ digits ] ] [ exponent ] | "." digits [ exponent ]
//! exponent   = ( "e" | "E" ) [ "+" | "-" ] digits
//! name       = letter { letter | digit | "_" }        (letters include "_" and Unicode)
//! ```
//! Functions: `ln(x)` (also `log`), `exp`, `sqrt`, `abs`, `log1p`, `expm1`, `lgamma`
//! (ln |Γ|), `digamma`, `lbeta(a, b)`, `lchoose(n, k)`, `sigmoid`, `log_sigmoid`,
//! `softplus`, `logsumexp(a, b, …)`, `min(a, b, …)`, `max(a, b, …)`, `normcdf`, `lnormcdf`
//! (ln Φ, accurate far into the lower tail), `if(c, a, b)` (a where c ≠ 0, else b).
//! Constants `pi` and `e`, unless a data column has that name. Comparisons give 1 or 0 and
//! do not chain.
//!
//! # Example
//! ```
//! use nllplot::expr::{Logf, Observations, Probes};
//!
//! let logf = Logf::new("x*ln(lam) - lam - lgamma(x+1)", &["x"])?;
//! assert_eq!(logf.params(), ["lam"]);
//! assert!(logf.is_separable());
//!
//! let probes = Probes::within(&[(0.0, f64::INFINITY)]);
//! let mut obs = Observations::default();
//! logf.observe(&mut obs, &[&[2.0, 0.0, 3.0]], &probes).expect("every row is defined");
//! // Σ ln f at λ = 2: 5·ln 2 − 3·2 − ln 2! − ln 0! − ln 3!.
//! let ll = logf.ll(&obs, &[2.0]).unwrap();
//! assert!((ll - (5.0 * 2f64.ln() - 6.0 - 2f64.ln() - 6f64.ln())).abs() < 1e-13);
//! let d = logf.ll_grad_hess(&obs, &[2.0]).unwrap();
//! assert!((d.gradient[0] - (5.0 / 2.0 - 3.0)).abs() < 1e-14); // s/λ − n
//! assert!((d.hessian[0] + 5.0 / 4.0).abs() < 1e-14); // −s/λ²
//! # Ok::<(), nllplot::expr::ExprError>(())
//! ```

mod dag;
mod error;
mod functions;
mod kernels;
mod lexer;
mod likelihood;
mod math;
mod observations;
mod ops;
mod parser;
mod probes;
mod program;

mod separable;
#[cfg(test)]
mod tests;

pub use error::{did_you_mean, ExprError};
pub use likelihood::{Along, Derivatives};
pub use observations::Observations;
pub use probes::Probes;

use dag::{Deps, Node, NodeId};
use program::{Arg, Program, Workspace};
use separable::SumPlan;
use std::collections::HashMap;

/// A compiled `--logf` expression.
#[derive(Debug, Clone)]
pub struct Logf {
    text: String,
    columns: Vec<String>,
    params: Vec<String>,
    /// ln f of one row, from the raw columns and θ: for single rows and the row checks.
    full: Program,
    direct: Direct,
    sums: Option<SumPlan>,
    /// Whether [`Logf::observe`] reduces to sums when it can.
    separate: bool,
}

/// The per-row program split by what each part depends on.
#[derive(Debug, Clone)]
struct Direct {
    /// Raw columns → the data-only operands the mixed part reads (kept per row).
    leaves: Program,
    /// θ → the parameter-only operands the mixed part reads (once per parameter point).
    params: Program,
    /// Kept leaves (columns) and parameter operands (inputs) → ln f.
    mixed: Program,
    /// The same for values alone, from [`dag::value_form`]: the f64 evaluations run this.
    values: Program,
}

impl Logf {
    /// Parses and compiles `text` for data with these column names (`["x"]` for a single
    /// column without a header).
    pub fn new<S: AsRef<str>>(text: &str, columns: &[S]) -> Result<Logf, ExprError> {
        let columns: Vec<String> = columns.iter().map(|c| c.as_ref().to_string()).collect();
        let tokens = lexer::tokenize(text)?;
        let ast = parser::parse(&tokens, &columns)?;
        let dag::Lowered {
            mut dag,
            root,
            params,
            uses_column,
        } = dag::lower(&ast, &columns)?;
        let used: Vec<&str> = columns
            .iter()
            .zip(&uses_column)
            .filter(|(_, u)| **u)
            .map(|(c, _)| c.as_str())
            .collect();
        if used.is_empty() {
            let names = if params.is_empty() {
                String::new()
            } else {
                format!("; its names {} would all be parameters", params.join(", "))
            };
            return Err(ExprError::whole(format!(
                "the expression uses none of the data's columns ({}){names}",
                columns.join(", ")
            )));
        }
        if params.is_empty() {
            return Err(ExprError::whole(format!(
                "the expression has no parameters: every name in it is a data column ({}) or a constant",
                used.join(", ")
            )));
        }
        let full = Program::compile(&dag, &[root], |id| match dag.node(id) {
            Node::Column(j) => Some(Arg::Column(*j)),
            Node::Param(k) => Some(Arg::Input(*k)),
            _ => None,
        });
        let direct = split(&mut dag, root);
        let sums = separable::analyse(&mut dag, root, params.len());
        Ok(Logf {
            text: text.to_string(),
            columns,
            params,
            full,
            direct,
            sums,
            separate: true,
        })
    }

    /// The expression as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The data's column names, as given to [`Logf::new`].
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The parameters, in the order they first appear; θ vectors follow this order.
    pub fn params(&self) -> &[String] {
        &self.params
    }

    /// The index of parameter `name`, or why there is none (for `--fix`, `--bounds`,
    /// `--sweep`, `--start`): the message lists the parameters and suggests a near one.
    pub fn param_index(&self, name: &str) -> Result<usize, ExprError> {
        if let Some(k) = self.params.iter().position(|p| p == name) {
            return Ok(k);
        }
        let list = self.params.join(", ");
        let message = match error::did_you_mean(name, self.params.iter().map(String::as_str)) {
            Some(near) => format!(
                "'{name}' is not a parameter of the expression (its parameters: {list}); did you mean '{near}'?"
            ),
            None => format!("'{name}' is not a parameter of the expression (its parameters: {list})"),
        };
        Err(ExprError::whole(message))
    }

    /// Whether the expression separates as Σₖ gₖ(θ)·hₖ(x) + c(x), so that the data are kept as
    /// sums (see [`Observations::is_reduced`]).
    pub fn is_separable(&self) -> bool {
        self.sums.is_some()
    }

    /// The same expression evaluated per observation even if it separates: for checks of
    /// the sums against the direct evaluation, and benchmarks.
    pub fn without_separation(mut self) -> Logf {
        self.separate = false;
        self
    }

    /// ln f of one observation (`row` holds one value per data column): the raw value, NaN
    /// and +∞ included.
    pub fn ln_f(&self, row: &[f64], theta: &[f64]) -> f64 {
        assert_eq!(row.len(), self.columns.len(), "one value per data column");
        assert_eq!(theta.len(), self.params.len(), "one value per parameter");
        let columns: Vec<&[f64]> = row.iter().map(std::slice::from_ref).collect();
        let mut ws = Workspace::<f64>::new(&self.full, 1);
        self.full.run(&mut ws, &columns, theta, 1);
        ws.output(&self.full, 0, &columns, theta).at(0)
    }

    /// Observations from whole columns at once (one batch).
    pub fn observations(&self, columns: &[&[f64]], probes: &Probes) -> Result<Observations, usize> {
        let mut obs = Observations::default();
        self.observe(&mut obs, columns, probes)?;
        Ok(obs)
    }
}

/// Splits the per-row program at the edges between what depends on the data only, on the
/// parameters only, and on both.
fn split(dag: &mut dag::Dag, root: NodeId) -> Direct {
    let mixed = |id: NodeId| {
        let Deps { data, param } = dag.deps(id);
        data && param
    };
    let mut data_leaves = Vec::new();
    let mut param_leaves = Vec::new();
    for id in dag.postorder(&[root], |id| !mixed(id)) {
        if mixed(id) || dag.constant_value(id).is_some() {
            continue;
        }
        if dag.deps(id).data {
            data_leaves.push(id);
        } else {
            param_leaves.push(id);
        }
    }
    let leaves = Program::compile(dag, &data_leaves, |id| match dag.node(id) {
        Node::Column(j) => Some(Arg::Column(*j)),
        _ => None,
    });
    let params = Program::compile(dag, &param_leaves, |id| match dag.node(id) {
        Node::Param(k) => Some(Arg::Input(*k)),
        _ => None,
    });
    let leaf_index: HashMap<NodeId, Arg> = data_leaves
        .iter()
        .enumerate()
        .map(|(j, &id)| (id, Arg::Column(j as u32)))
        .chain(
            param_leaves
                .iter()
                .enumerate()
                .map(|(k, &id)| (id, Arg::Input(k as u32))),
        )
        .collect();
    let mixed = Program::compile(dag, &[root], |id| leaf_index.get(&id).copied());
    let value_root = dag::value_form(dag, root);
    let values = Program::compile(dag, &[value_root], |id| leaf_index.get(&id).copied());
    Direct {
        leaves,
        params,
        mixed,
        values,
    }
}
