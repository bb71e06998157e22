//! Which parameter plays which role: `--sweep`, `--fix` (and the families' own options such as
//! `--sigma`), `--profile`, and the true values of synthetic data (`--true`, `--true2`).
//!
//! Every role that makes no sense is refused here, before any work, with the family's
//! parameters listed: an unknown name, the binomial's trials (a fixed integer), a parameter
//! both fixed and profiled, three swept, a fixed value outside its space.

use super::*;
use crate::model::{Likelihood, Model, Param, Role};

/// The roles of a run, with the ranges of the swept parameters in axis order.
pub(super) struct Roles {
    pub likelihood: Likelihood,
    /// `--range` and `--range2`, moved with their parameters.
    pub ranges: Vec<Option<RangeArg>>,
}

/// The parameters of `model`, for messages: "mu, sigma".
fn names(model: &dyn Model) -> String {
    model
        .params()
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The index of the parameter called `name`, or the usage error for `what` (`--sweep`, …).
fn find(model: &dyn Model, name: &str, what: &str) -> Result<usize> {
    if let Some(i) = model.params().iter().position(|p| p.name == name) {
        return Ok(i);
    }
    if let Some((_, m)) = model.constants().into_iter().find(|(c, _)| *c == name) {
        return Err(Error::Usage(format!(
            "{what} {name}: the number of trials of a {} is a fixed integer (--trials {m}), not a parameter; its parameters: {}",
            model.name(),
            names(model)
        )));
    }
    let near = crate::expr::did_you_mean(name, model.params().iter().map(|p| p.name.as_str()))
        .map(|near| format!("; did you mean '{near}'?"))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "{what} {name}: {} has no parameter '{name}'; its parameters: {}{near}",
        model.name(),
        names(model)
    )))
}

/// Why `value` cannot be `param`'s fixed value, in the words of the option that gave it.
fn check_fixed(param: &Param, value: f64, from_flag: bool) -> Result<()> {
    let space = param.space;
    let inside = value.is_finite() && value > space.lo && value < space.hi;
    if inside {
        return Ok(());
    }
    let what = if space == ParamSpace::POSITIVE {
        "positive and finite".to_string()
    } else if space == ParamSpace::REAL_LINE {
        "finite".to_string()
    } else {
        format!("inside {}", space.describe())
    };
    let value = crate::digits::shortest(value);
    Err(Error::Usage(match (from_flag, param.flag) {
        (true, Some(flag)) => format!("{flag} must be {what}, not {value}"),
        _ => format!(
            "--fix {}={value}: {} must be {what}",
            param.name, param.symbol
        ),
    }))
}

/// The value `--sigma` and its kin give a parameter, when they name it.
fn flag_value(req: &Request, param: &Param) -> Option<f64> {
    Some(match param.flag? {
        "--sigma" => req.sigma,
        "--mu" => req.mu,
        "--shape" => req.shape,
        "--r" => req.r,
        "--b" => req.b,
        "--scale" => req.scale,
        "--nu" => req.nu,
        _ => return None,
    })
}

pub(super) fn plan_roles(req: &Request, model: Box<dyn Model>) -> Result<Roles> {
    let usage = |m: String| Err(Error::Usage(m));
    let params = model.params();
    let mut swept: Vec<usize> = match &req.sweep {
        None if !model.has_default_sweep() && params.len() > 1 => {
            return usage(format!(
                "the model has {} parameters ({}): name the one to sweep with --sweep NAME (or two, for a surface, with --sweep A,B); the others are profiled",
                params.len(),
                names(&*model)
            ))
        }
        None => vec![model.default_sweep()],
        Some(list) => list
            .iter()
            .map(|n| find(&*model, n.trim(), "--sweep"))
            .collect::<Result<_>>()?,
    };
    if swept.is_empty() {
        return usage(format!(
            "--sweep names no parameter; {} has: {}",
            model.name(),
            names(&*model)
        ));
    }
    if swept.len() > 2 {
        return usage(format!(
            "--sweep {}: at most two parameters can be swept (a curve or a surface); profile the others with --profile",
            req.sweep.as_deref().unwrap_or_default().join(",")
        ));
    }
    if swept.len() == 2 && swept[0] == swept[1] {
        return usage(format!("--sweep names {} twice", params[swept[0]].name));
    }
    let mut ranges = vec![req.range, req.range2];
    let mut profiled: Vec<usize> = req
        .profile
        .iter()
        .map(|n| find(&*model, n.trim(), "--profile"))
        .collect::<Result<_>>()?;
    // `--sweep a,b --profile a` keeps its older meaning: the profile likelihood of a alone,
    // with b maximised — the one-parameter curve of a with b profiled.
    if swept.len() == 2 && profiled.len() == 1 && swept.contains(&profiled[0]) {
        let k = swept
            .iter()
            .position(|&i| i == profiled[0])
            .expect("present");
        profiled = vec![swept[1 - k]];
        swept = vec![swept[k]];
        ranges = vec![ranges[k]];
    } else {
        if ranges[1].is_some() && swept.len() < 2 {
            return usage(
                "--range2 is the range of a second swept parameter: add --sweep A,B".to_string(),
            );
        }
        ranges.truncate(swept.len());
    }
    let mut fixed: Vec<Option<f64>> = vec![None; params.len()];
    for nv in &req.fix {
        let i = find(&*model, nv.name.trim(), "--fix")?;
        if fixed[i].is_some() {
            return usage(format!("--fix {} is given twice", params[i].name));
        }
        fixed[i] = Some(nv.value);
    }
    let mut roles = Vec::with_capacity(params.len());
    for (i, param) in params.iter().enumerate() {
        let is_swept = swept.contains(&i);
        let is_profiled = profiled.contains(&i);
        let role = match (is_swept, is_profiled, fixed[i]) {
            (true, true, _) => {
                return usage(format!(
                "--profile {}: {} is swept; a parameter is swept, fixed or profiled, one of them",
                param.name, param.name
            ))
            }
            (true, _, Some(_)) => {
                return usage(format!(
                    "--fix {}: {} is swept; a parameter is swept, fixed or profiled, one of them",
                    param.name, param.name
                ))
            }
            (_, true, Some(_)) => {
                return usage(format!(
                    "--fix {} and --profile {}: a parameter is either fixed or profiled",
                    param.name, param.name
                ))
            }
            (true, false, None) => Role::Swept,
            (false, true, None) => Role::Profiled,
            (false, false, Some(v)) => {
                check_fixed(param, v, false)?;
                Role::Fixed(v)
            }
            (false, false, None) if model.free_by_default() => Role::Profiled,
            (false, false, None) => {
                let (v, from_flag) = match flag_value(req, param) {
                    Some(v) => (v, true),
                    None => (param.fixed, false),
                };
                check_fixed(param, v, from_flag)?;
                Role::Fixed(v)
            }
        };
        roles.push(role);
    }
    let likelihood = Likelihood::new(model, roles, swept).map_err(Error::Usage)?;
    Ok(Roles { likelihood, ranges })
}

/// The true value of every parameter for synthetic data: fixed ones at their value, free ones
/// from `--true NAME=V`, a bare `--true` (the first swept parameter), `--true2` (the second),
/// or their defaults; checked against the sampler's domain.
pub(super) fn plan_truth(req: &Request, likelihood: &Likelihood) -> Result<Vec<f64>> {
    let model = likelihood.model.as_ref();
    let params = model.params();
    let mut truth = likelihood.base();
    let mut given: Vec<Option<String>> = vec![None; params.len()];
    let mut set = |i: usize, v: f64, spelled: String| -> Result<()> {
        if let Role::Fixed(at) = likelihood.roles[i] {
            return Err(Error::Usage(format!(
                "{spelled}: {} is fixed at {}; --true sets swept and profiled parameters (profile it with --profile {}, or give its value with --fix {}=VALUE)",
                params[i].name,
                crate::digits::shortest(at),
                params[i].name,
                params[i].name
            )));
        }
        if given[i].is_some() {
            return Err(Error::Usage(format!(
                "{spelled}: the true {} is given twice",
                params[i].name
            )));
        }
        truth[i] = v;
        given[i] = Some(spelled);
        Ok(())
    };
    if let Some(v) = req.theta_true {
        set(
            likelihood.swept[0],
            v,
            format!("--true {}", crate::digits::shortest(v)),
        )?;
    }
    if let Some(v) = req.true2 {
        // The older spelling of a single profile: --true2 is the second parameter of the
        // pair, now profiled.
        let second = likelihood
            .swept
            .get(1)
            .copied()
            .or_else(|| likelihood.profiled().first().copied());
        let Some(i) = second else {
            return Err(Error::Usage(
                "--true2 is the true value of a second swept parameter: add --sweep A,B"
                    .to_string(),
            ));
        };
        set(i, v, format!("--true2 {}", crate::digits::shortest(v)))?;
    }
    for nv in &req.true_values {
        let i = find(model, nv.name.trim(), "--true")?;
        set(
            i,
            nv.value,
            format!("--true {}={}", params[i].name, nv.value),
        )?;
    }
    if let Err(why) = model.check_true(&truth) {
        let spelled = given
            .iter()
            .flatten()
            .next()
            .cloned()
            .unwrap_or_else(|| "the default true values".to_string());
        let first = &params[likelihood.swept[0]];
        return Err(Error::Usage(
            match (req.theta_true, given.iter().flatten().count()) {
                (Some(v), 1) => format!(
                    "--true {} is not a valid {} for {}: {why}",
                    crate::digits::shortest(v),
                    first.symbol,
                    req.dist
                ),
                _ => format!("{spelled} is not valid for {}: {why}", req.dist),
            },
        ));
    }
    model.check_sampling(&truth).map_err(Error::Usage)?;
    Ok(truth)
}
