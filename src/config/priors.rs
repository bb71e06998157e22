//! `--prior NAME=DIST(ARGS)` and `--posterior` checked against the model and the rest of the
//! plan, before any sampling or reading: each prior names a free parameter of the model once,
//! its support meets the parameter's space, and the figure asked for is one that draws a
//! posterior (one curve, in θ itself); `--posterior` needs a conjugate pair.

use crate::digits::shortest;
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::model::{Likelihood, Role};
use crate::prior::{self, conjugate, PriorDist};

/// What the rest of the plan says about the figure, for the checks that depend on it.
pub(super) struct Figure {
    pub surface: bool,
    pub overlay: bool,
    pub animation: bool,
    pub natural: bool,
    /// An output that cannot show a posterior (`.html`), by name.
    pub page: Option<String>,
}

/// One prior (or none) per model parameter, in the model's order.
pub(super) fn check_priors(
    texts: &[String],
    posterior: bool,
    likelihood: &Likelihood,
    figure: Figure,
) -> Result<Vec<Option<PriorDist>>> {
    let usage = |m: String| Err(Error::Usage(m));
    let params = likelihood.params();
    let mut priors: Vec<Option<PriorDist>> = vec![None; params.len()];
    if texts.is_empty() {
        if posterior {
            return usage(
                "--posterior draws the exact posterior of a conjugate prior: add one with --prior, e.g. --prior p=beta(2,2)"
                    .to_string(),
            );
        }
        return Ok(priors);
    }
    for text in texts {
        let arg = prior::parse(text).map_err(|m| Error::Usage(format!("--prior {m}")))?;
        let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
        let Some(i) = names.iter().position(|&n| n == arg.name) else {
            let near = crate::expr::did_you_mean(&arg.name, names.iter().copied())
                .map(|n| format!("; did you mean '{n}'?"))
                .unwrap_or_default();
            return usage(format!(
                "--prior {text}: {} has no parameter '{}'; its parameters: {}{near}",
                likelihood.model.name(),
                arg.name,
                names.join(", ")
            ));
        };
        if let Some(before) = priors[i] {
            return usage(format!(
                "--prior is given twice for {} ({before} and {}); give one prior per parameter",
                arg.name, arg.dist
            ));
        }
        if let Role::Fixed(v) = likelihood.roles[i] {
            return usage(format!(
                "--prior {text}: {} is fixed at {}, so a prior on it changes nothing; sweep it or profile it (--profile {})",
                arg.name,
                shortest(v),
                arg.name
            ));
        }
        let space = params[i].space;
        let (lo, hi) = arg.dist.support();
        if hi <= space.lo || lo >= space.hi {
            return usage(format!(
                "--prior {text}: the support [{}, {}] of {} misses the parameter space {} of {} entirely",
                shortest(lo),
                shortest(hi),
                arg.dist,
                space.describe(),
                arg.name
            ));
        }
        priors[i] = Some(arg.dist);
    }
    let refuse = |what: &str| {
        usage(format!(
            "--prior draws the posterior beside one likelihood curve; {what} is not drawn with a prior"
        ))
    };
    if figure.surface {
        return refuse("a surface (--sweep A,B)");
    }
    if figure.overlay {
        return refuse("a list of sample sizes (-n 10,100,1000)");
    }
    if figure.animation {
        return refuse("an animation (--animate)");
    }
    if let Some(page) = figure.page {
        return refuse(&format!("the interactive page '{page}'"));
    }
    if figure.natural {
        return refuse("the natural parameter (--param natural; a prior on θ is not one on η)");
    }
    if posterior {
        let swept = likelihood.swept[0];
        let conjugate = conjugate::data_of(likelihood, &SufficientStats::default())
            .zip(priors[swept])
            .is_some_and(|(data, p)| conjugate::is_conjugate(&p, data));
        if !conjugate {
            let what = match priors[swept] {
                Some(p) => format!(
                    "{p} on {} of {} is not one",
                    params[swept].name,
                    likelihood.model.name()
                ),
                None => format!("{} has no prior", params[swept].name),
            };
            return usage(format!(
                "--posterior draws an exact posterior, which needs a conjugate prior on the swept parameter ({}); {what}",
                conjugate::pairs_text()
            ));
        }
    }
    Ok(priors)
}
