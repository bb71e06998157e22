//! `--optimize`: the optimiser whose path is drawn on the NLL, checked before any work.
//!
//! The method, its learning rate, step budget and momentum, and where it starts: one line of
//! error per bad value, and the options that only make sense with an optimiser refused
//! without one, so that `--lr 0.1` alone never silently draws nothing.

use super::*;
use crate::model::Likelihood;

/// The most steps a path may take: a figure cannot show more, and each step costs a
/// profile maximisation.
pub const MAX_STEPS: usize = 1_000_000;
/// The most steps an animated path may take: one frame each, as many as `--frames` allows.
pub const MAX_ANIMATED_STEPS: usize = 599;

/// Defaults of the optimiser's options.
pub mod optimizer_defaults {
    pub const STEPS: usize = 20;
    pub const MOMENTUM: f64 = 0.9;
}

/// An update rule of `--optimize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizeMethod {
    /// θ ← θ − lr·g.
    Gd,
    /// v ← β·v + g, θ ← θ − lr·v.
    Momentum,
    /// θ ← θ − H⁻¹g.
    Newton,
    /// Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected.
    Adam,
}

impl OptimizeMethod {
    pub const ALL: [OptimizeMethod; 4] = [
        OptimizeMethod::Gd,
        OptimizeMethod::Momentum,
        OptimizeMethod::Newton,
        OptimizeMethod::Adam,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OptimizeMethod::Gd => "gd",
            OptimizeMethod::Momentum => "momentum",
            OptimizeMethod::Newton => "newton",
            OptimizeMethod::Adam => "adam",
        }
    }

    /// How the figure names the method.
    pub fn words(self) -> &'static str {
        match self {
            OptimizeMethod::Gd => "gradient descent",
            OptimizeMethod::Momentum => "momentum",
            OptimizeMethod::Newton => "Newton",
            OptimizeMethod::Adam => "Adam",
        }
    }
}

impl std::fmt::Display for OptimizeMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for OptimizeMethod {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        OptimizeMethod::ALL
            .into_iter()
            .find(|m| m.name() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown optimiser '{s}' (expected one of {})",
                    OptimizeMethod::ALL.map(|m| m.name()).join(", ")
                )
            })
    }
}

/// A checked optimiser.
#[derive(Debug, Clone, PartialEq)]
pub struct Optimizer {
    pub method: OptimizeMethod,
    /// `None`: the default rate, chosen from the curvature at θ̂ once the data are known (see
    /// [`crate::analysis::optimizer`]); Newton has none.
    pub lr: Option<f64>,
    pub steps: usize,
    /// β of the momentum method.
    pub momentum: f64,
    /// A start per swept parameter, in axis order; `None`: the default start.
    pub start: Vec<Option<f64>>,
}

/// The optimiser `req` asks for, or the error of the first bad option.
pub(super) fn check_optimizer(
    req: &Request,
    likelihood: &Likelihood,
    overlay: &[u64],
    outputs: &[Output],
) -> Result<Option<Optimizer>> {
    let usage = |m: String| Err(Error::Usage(m));
    let Some(method) = req.optimize else {
        let given: Vec<&str> = [
            ("--lr", req.lr.is_some()),
            ("--steps", req.steps.is_some()),
            ("--momentum", req.momentum.is_some()),
        ]
        .into_iter()
        .filter(|(_, g)| *g)
        .map(|(n, _)| n)
        .collect();
        if !given.is_empty() {
            return usage(format!(
                "{} set(s) the optimiser's path: add --optimize METHOD ({})",
                given.join(", "),
                OptimizeMethod::ALL.map(|m| m.name()).join(", ")
            ));
        }
        if req.logf.is_none() {
            if let Some(s) = req.start.first() {
                return usage(format!(
                    "--start {s} is where an optimiser starts: add --optimize METHOD ({})",
                    OptimizeMethod::ALL.map(|m| m.name()).join(", ")
                ));
            }
        }
        if req.animate == Some(AnimateArg::Steps) {
            return usage(
                "--animate steps animates an optimiser's path: add --optimize METHOD".to_string(),
            );
        }
        return Ok(None);
    };
    if req.param == crate::axis::Parameterization::Natural {
        return usage(
            "--optimize moves the parameter itself; it cannot be combined with --param natural"
                .to_string(),
        );
    }
    if !overlay.is_empty() {
        return usage(
            "--optimize draws one path on one curve; it cannot be combined with a list of sample sizes (-n A,B,…)"
                .to_string(),
        );
    }
    if let Some(out) = outputs.iter().find(|o| o.format == Format::Html) {
        return usage(format!(
            "'{}': the interactive page moves n and the true value; an --optimize path is drawn as .svg, .png, .pdf or an animated .gif (--animate steps)",
            out.target
        ));
    }
    if let Some(out) = outputs
        .iter()
        .find(|o| matches!(o.format, Format::Tex | Format::Typ))
    {
        return usage(format!(
            "'{}': the .tex and .typ pictures do not draw an --optimize path yet; write the figure as .svg, .png or .pdf",
            out.target
        ));
    }
    if let Some(AnimateArg::N(..) | AnimateArg::True(..)) = req.animate {
        return usage(
            "with --optimize the animation follows the path: --animate steps".to_string(),
        );
    }
    let lr = match (method, req.lr) {
        (OptimizeMethod::Newton, Some(lr)) => {
            return usage(format!(
                "--lr {}: Newton's step is H⁻¹g and takes no learning rate",
                shortest(lr)
            ))
        }
        (_, Some(lr)) if !(lr.is_finite() && lr > 0.0) => {
            return usage(format!(
                "--lr must be a positive finite number, not {}",
                shortest(lr)
            ))
        }
        (_, lr) => lr,
    };
    let steps = req.steps.unwrap_or(optimizer_defaults::STEPS);
    if steps == 0 || steps > MAX_STEPS {
        return usage(format!(
            "--steps must be between 1 and {MAX_STEPS}, not {steps}"
        ));
    }
    if req.animate == Some(AnimateArg::Steps) && steps > MAX_ANIMATED_STEPS {
        return usage(format!(
            "--steps {steps} with --animate steps would be {} frames; an animation has at most {} (one frame per step and the start)",
            steps + 1,
            MAX_ANIMATED_STEPS + 1
        ));
    }
    let momentum = match (method, req.momentum) {
        (OptimizeMethod::Momentum, Some(b)) if !(0.0..1.0).contains(&b) => {
            return usage(format!(
                "--momentum must lie in [0, 1), not {}",
                shortest(b)
            ))
        }
        (OptimizeMethod::Momentum, b) => b.unwrap_or(optimizer_defaults::MOMENTUM),
        (other, Some(b)) => {
            return usage(format!(
                "--momentum {} is the β of --optimize momentum, not of {other}",
                shortest(b)
            ))
        }
        (_, None) => optimizer_defaults::MOMENTUM,
    };
    let params = likelihood.params();
    let mut start = vec![None; likelihood.swept.len()];
    for s in &req.start {
        let name = s.name.trim();
        let Some(i) = params.iter().position(|p| p.name == name) else {
            let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            return usage(format!(
                "--start {s}: {name} is not a parameter of {}; its parameters: {}",
                likelihood.model.name(),
                names.join(", ")
            ));
        };
        let Some(k) = likelihood.swept.iter().position(|&j| j == i) else {
            // A user's model keeps --start's older meaning for the other parameters: where
            // the search for the maximum begins.
            if req.logf.is_some() {
                continue;
            }
            let swept: Vec<&str> = likelihood
                .swept
                .iter()
                .map(|&j| params[j].name.as_str())
                .collect();
            return usage(format!(
                "--start {s}: the optimiser moves the swept parameter(s) ({}), not {name}",
                swept.join(", ")
            ));
        };
        if start[k].is_some() {
            return usage(format!("--start {s}: {name} is started twice"));
        }
        params[i].check(s.value).map_err(|why| {
            Error::Usage(format!(
                "--start {s}: the start must lie inside the space: {why}"
            ))
        })?;
        start[k] = Some(s.value);
    }
    Ok(Some(Optimizer {
        method,
        lr,
        steps,
        momentum,
        start,
    }))
}
