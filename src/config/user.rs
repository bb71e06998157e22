//! `--logf`: the user's own model, checked — the expression against the data's columns,
//! `--bounds` and `--start` against its parameters, and `--draw`'s family with its true values
//! when the observations are synthetic.
//!
//! What comes out is one more [`Model`]: roles, ranges, outputs and everything downstream
//! treat it as they treat a built-in family.

use super::*;
use crate::expr::Logf;
use crate::model::{Model, UserModel};

/// `NAME=LO:HI`, as typed after `--bounds` (`inf` and `-inf` allowed).
#[derive(Debug, Clone, PartialEq)]
pub struct BoundArg {
    pub name: String,
    pub lo: f64,
    pub hi: f64,
}

impl std::str::FromStr for BoundArg {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let (name, range) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}' is not NAME=LO:HI, e.g. lam=0:inf"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!(
                "'{s}' names no parameter: expected NAME=LO:HI, e.g. lam=0:inf"
            ));
        }
        let range: RangeArg = range.parse()?;
        Ok(BoundArg {
            name: name.to_string(),
            lo: range.lo,
            hi: range.hi,
        })
    }
}

impl std::fmt::Display for BoundArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = |x: f64| crate::digits::shortest(x);
        write!(f, "{}={}:{}", self.name, end(self.lo), end(self.hi))
    }
}

/// A user's model, with the true values of `--draw`'s family when its data are drawn.
pub(super) type Built = (Box<dyn Model>, Option<Vec<f64>>);

/// The user's model of `req` (whose `logf` is `text`), and the true values of `--draw`'s
/// family when the observations are drawn.
pub(super) fn build(req: &Request, text: &str) -> Result<Built> {
    let usage = |m: String| Err(Error::Usage(m));
    let columns = match (&req.data, req.draw) {
        (Some(_), Some(dist)) => {
            return usage(format!(
                "--draw {dist} draws synthetic data and cannot be used with --data"
            ))
        }
        (Some(source), None) => crate::table::read_header(source)?,
        (None, Some(_)) => vec!["x".to_string()],
        (None, None) => {
            return usage(
                "--logf needs observations: --data FILE, or --draw DIST to draw them from a built-in family (e.g. --draw poisson --true 3)"
                    .to_string(),
            )
        }
    };
    let logf = Logf::new(text, &columns).map_err(|e| e.usage("--logf"))?;
    let p = logf.params().len();
    let mut bounds = vec![(f64::NEG_INFINITY, f64::INFINITY); p];
    let mut bounded = vec![false; p];
    for b in &req.bounds {
        let i = logf
            .param_index(b.name.trim())
            .map_err(|e| e.usage(&format!("--bounds {b}")))?;
        if bounded[i] {
            return usage(format!(
                "--bounds {}: {} is bounded twice",
                b,
                b.name.trim()
            ));
        }
        if b.lo.partial_cmp(&b.hi) != Some(std::cmp::Ordering::Less) {
            return usage(format!(
                "--bounds {b}: the lower bound must be below the upper one"
            ));
        }
        bounds[i] = (b.lo, b.hi);
        bounded[i] = true;
    }
    let mut starts: Vec<f64> = bounds
        .iter()
        .map(|&(lo, hi)| UserModel::centre(lo, hi))
        .collect();
    let mut started = vec![false; p];
    for s in &req.start {
        let i = logf
            .param_index(s.name.trim())
            .map_err(|e| e.usage(&format!("--start {s}")))?;
        if started[i] {
            return usage(format!("--start {s}: {} is started twice", s.name.trim()));
        }
        let (lo, hi) = bounds[i];
        if !(s.value.is_finite() && s.value > lo && s.value < hi) {
            return usage(format!(
                "--start {s}: the start must lie inside the bounds of {} ({})",
                s.name.trim(),
                ParamSpace { lo, hi }.describe()
            ));
        }
        starts[i] = s.value;
        started[i] = true;
    }
    let (drawn, truth) = match req.draw {
        Some(dist) => {
            let sub = Request {
                dist,
                logf: None,
                draw: None,
                sweep: None,
                fix: Vec::new(),
                profile: Vec::new(),
                range: None,
                range2: None,
                bounds: Vec::new(),
                start: Vec::new(),
                param: crate::axis::Parameterization::Mean,
                ..req.clone()
            };
            let known = Known {
                trials: req.trials,
                sigma: req.sigma,
                shape: req.shape,
                mu: req.mu,
                r: req.r,
                b: req.b,
                scale: req.scale,
                nu: req.nu,
            };
            let model = model::build(dist, known).map_err(Error::Usage)?;
            if model.row_width() > 1 {
                return usage(format!(
                    "--draw {dist}: a regression model draws rows (x, y), not the one value per observation a --logf expression reads; use --dist {dist} itself"
                ));
            }
            let roles = roles::plan_roles(&sub, model)?;
            let truth = roles::plan_truth(&sub, &roles.likelihood)?;
            (Some(roles.likelihood.model), Some(truth))
        }
        None => (None, None),
    };
    let model = UserModel::new(logf, &bounds, &starts, drawn);
    Ok((Box::new(model), truth))
}
