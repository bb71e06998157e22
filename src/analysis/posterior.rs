//! The posterior beside the likelihood (`--prior`): ln π(θ) and LL(θ) + ln π(θ) on the
//! curve's grid, the posterior mode (MAP), and, for a conjugate pair with `--posterior`, the
//! exact posterior density with its mean and central credible interval.
//!
//! The posterior is a [`Curve`] like any other — the run's curve plus the swept parameter's
//! ln π, with exact derivatives — so the MAP is found by the same estimator as θ̂ (a scan,
//! then Brent's method on the exact score, to 1e-13 relative), or taken from the conjugate
//! posterior's mode where one is known. A prior on a profiled parameter enters the
//! maximisation at every grid point ([`Penalised`]): the curve is the profile of the
//! posterior.

use super::curve::{analyse_curve, CurveAnalysis};
use super::summary::{CurveSummary, DistSummary, Numbers, PosteriorSummary, Priors};
use crate::config::Config;
use crate::error::Result;
use crate::family::{ParamSpace, SufficientStats};
use crate::inference::{self, Method};
use crate::model::{maximise, Curve, FamilyCurve, ProfileCurve};
use crate::prior::conjugate;
use crate::prior::penalised::{add, Penalised};
use crate::prior::PriorDist;

pub use super::posterior_curves::{Exact, PriorAnalysis};

/// The run's curve plus the swept parameter's ln π: the (profile) log posterior up to the
/// evidence.
struct PosteriorCurve<'a> {
    base: &'a dyn Curve,
    prior: Option<PriorDist>,
    exact_map: Option<f64>,
    search: (f64, f64),
}

impl PosteriorCurve<'_> {
    fn prior_d(&self, theta: f64) -> (f64, f64, f64) {
        self.prior.map_or((0.0, 0.0, 0.0), |p| p.ln_pdf_d(theta))
    }
}

impl Curve for PosteriorCurve<'_> {
    fn ll(&self, theta: f64) -> f64 {
        add(self.base.ll(theta), self.prior_d(theta).0)
    }
    fn score(&self, theta: f64) -> f64 {
        self.base.score(theta) + self.prior_d(theta).1
    }
    fn curvature(&self, theta: f64) -> f64 {
        self.base.curvature(theta) + self.prior_d(theta).2
    }
    fn space(&self) -> ParamSpace {
        self.base.space()
    }
    fn mle(&self) -> Option<(f64, Method)> {
        self.exact_map.map(|m| (m, Method::ClosedForm))
    }
    fn mle_search(&self) -> (f64, f64) {
        self.search
    }
    fn kept(&self) -> &[f64] {
        self.base.kept()
    }
    fn spread(&self, mle: f64) -> f64 {
        self.base.spread(mle)
    }
}

/// The main curve with its posterior attached, when `--prior` was given. A posterior mode
/// outside the default window widens it (a strong prior pulls the MAP far from θ̂); a
/// window given with `--range` is kept as it is.
pub fn with_prior(
    config: &Config,
    stats: &SufficientStats,
    mut main: CurveAnalysis,
) -> Result<CurveAnalysis> {
    let Some(mut prior) = analyse_prior(config, stats, &main) else {
        return Ok(main);
    };
    let grid = main.sweep.grid;
    if config.ranges[0].is_none() && !(grid.lo..=grid.hi).contains(&prior.map) {
        let space = config.likelihood.swept_param(0).space;
        let margin = 0.1
            * (grid.hi - grid.lo).max((prior.map - grid.lo).abs().min((prior.map - grid.hi).abs()));
        let lo = grid.lo.min(prior.map - margin).max(space.lo);
        let hi = grid.hi.max(prior.map + margin).min(space.hi);
        main = analyse_curve(config, &main.source.clone(), stats, Some((lo, hi)))?;
        prior = analyse_prior(config, stats, &main).expect("the priors are still there");
    }
    main.prior = Some(Box::new(prior));
    Ok(main)
}

/// The posterior of the run's main curve, when `--prior` was given.
pub fn analyse_prior(
    config: &Config,
    stats: &SufficientStats,
    curve: &CurveAnalysis,
) -> Option<PriorAnalysis> {
    if config.priors.iter().all(Option::is_none) {
        return None;
    }
    let likelihood = &config.likelihood;
    let swept = likelihood.swept[0];
    let model = likelihood.model.as_ref();
    let free = likelihood.free();
    let swept_prior = config.priors[swept];
    // The curve the swept prior is added to: the run's own, or the profile of the posterior
    // when a profiled parameter has a prior.
    let inner_priors: Vec<Option<PriorDist>> = config
        .priors
        .iter()
        .enumerate()
        .map(|(i, p)| if i == swept { None } else { *p })
        .collect();
    let penalised = Penalised {
        inner: model,
        priors: inner_priors.clone(),
    };
    let profile = match &likelihood.family {
        Some(_) => None,
        None if inner_priors.iter().any(Option::is_some) => {
            let joint = maximise(&penalised, stats, &free, &likelihood.base());
            Some(ProfileCurve::with_joint(
                &penalised, stats, &free, swept, joint,
            ))
        }
        None => Some(ProfileCurve::new(likelihood, stats, swept)),
    };
    let family_curve = likelihood.family.as_ref().map(|family| FamilyCurve {
        family: family.as_ref(),
        stats,
    });
    let base: &dyn Curve = match (&profile, &family_curve) {
        (Some(p), _) => p,
        (None, Some(f)) => f,
        (None, None) => unreachable!("a likelihood has a family or a profile"),
    };

    let conjugate_post = swept_prior.and_then(|prior| {
        conjugate::data_of(likelihood, stats).and_then(|data| conjugate::update(&prior, data))
    });
    let exact_map = conjugate_post.as_ref().and_then(conjugate::mode);
    let mle = curve.theta_inference.mle;
    let posterior = PosteriorCurve {
        base,
        prior: swept_prior,
        exact_map,
        search: search_interval(base, swept_prior, mle),
    };
    let (map, method) = inference::estimate(&posterior);
    let map_method = match method {
        Method::ClosedForm => "closed form (mode of the conjugate posterior)",
        _ => "numerical (Brent on the exact posterior score)",
    };
    let ln_posterior_max = posterior.ll(map);

    let theta = &curve.sweep.theta;
    let ln_prior: Vec<f64> = theta
        .iter()
        .map(|&t| swept_prior.map_or(0.0, |p| p.ln_pdf(t)))
        .collect();
    let ll: Vec<f64> = match &profile {
        Some(p) if inner_priors.iter().any(Option::is_some) => {
            p.sweep(theta).iter().map(|f| f.ll).collect()
        }
        _ => curve.sweep.ll.clone(),
    };
    let ln_posterior = ll.iter().zip(&ln_prior).map(|(&l, &p)| add(l, p)).collect();

    let mut at_map = curve.estimate.clone();
    match &profile {
        Some(p) => at_map = p.at(map).theta,
        None => at_map[swept] = map,
    }
    let map_params = likelihood
        .params()
        .iter()
        .zip(&free)
        .zip(&at_map)
        .filter(|((_, &f), _)| f)
        .map(|((p, _), &v)| (p.name.clone(), v))
        .collect();

    let exact = match (config.posterior, conjugate_post) {
        (true, Some(dist)) => Some(Exact {
            dist,
            mean: conjugate::mean(&dist),
            interval: conjugate::central_interval(&dist, config.level),
            level: config.level,
            ln_density: theta.iter().map(|&t| dist.ln_pdf(t)).collect(),
        }),
        _ => None,
    };
    let priors = likelihood
        .params()
        .iter()
        .zip(&config.priors)
        .filter_map(|(p, d)| d.map(|d| (p.name.clone(), d)))
        .collect();
    Some(PriorAnalysis {
        priors,
        swept: swept_prior,
        ln_prior,
        ln_posterior,
        map,
        ln_posterior_max,
        map_method,
        map_params,
        exact,
    })
}

/// Where the posterior mode is sought: between θ̂ and the prior's mode (a log-concave prior
/// and likelihood have their sum's maximum between theirs), widened by two spreads on each
/// side, within the parameter space and the prior's support.
fn search_interval(base: &dyn Curve, prior: Option<PriorDist>, mle: f64) -> (f64, f64) {
    let space = base.space();
    let (s_lo, s_hi) = prior.map_or((f64::NEG_INFINITY, f64::INFINITY), |p| p.support());
    let (lo, hi) = (space.lo.max(s_lo), space.hi.min(s_hi));
    let spread = base.spread(mle);
    let spread = if spread.is_finite() && spread > 0.0 {
        spread
    } else {
        mle.abs().max(1.0) * 0.1
    };
    let anchor = prior
        .and_then(|p| p.mode())
        .unwrap_or(mle)
        .clamp(lo.min(hi), hi.max(lo));
    let near = mle.clamp(lo.min(hi), hi.max(lo));
    let a = (near.min(anchor) - 2.0 * spread).max(lo);
    let b = (near.max(anchor) + 2.0 * spread).min(hi);
    (a, b)
}

/// A distribution as the summary writes it.
fn dist_summary(d: &PriorDist) -> DistSummary {
    DistSummary {
        dist: d.name(),
        args: Numbers(d.args().iter().map(|(n, v)| (n.to_string(), *v)).collect()),
    }
}

/// Adds the posterior's numbers to the summary of the curve they belong to.
pub fn summarise_into(curve: &CurveAnalysis, summary: &mut CurveSummary) {
    let Some(prior) = &curve.prior else {
        return;
    };
    summary.map = Some(prior.map);
    summary.map_method = Some(prior.map_method);
    summary.map_params = Some(Numbers(prior.map_params.clone()));
    summary.neg_log_posterior_min = Some(0.0 - prior.ln_posterior_max);
    summary.prior = Some(Priors(
        prior
            .priors
            .iter()
            .map(|(name, d)| (name.clone(), dist_summary(d)))
            .collect(),
    ));
    summary.posterior = prior.exact.as_ref().map(|e| {
        let DistSummary { dist, args } = dist_summary(&e.dist);
        PosteriorSummary {
            dist,
            args,
            mean: e.mean,
            interval: [e.interval.0, e.interval.1],
            level: e.level,
        }
    });
}
