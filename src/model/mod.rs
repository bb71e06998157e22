//! Models: a distribution family with **all** its parameters, and the role each plays in a run.
//!
//! A [`Model`] knows every parameter of its family — name on the command line, symbol on the
//! figure, parameter space, default value — and its log-likelihood as a function of all of
//! them at once, with exact first and second derivatives (dual numbers, [`crate::numeric::dual`]). A run
//! gives each parameter one [`Role`]: **swept** over the grid (one parameter: a curve; two: a
//! surface), **fixed** at a value, or **profiled** (maximised at every grid point). The
//! [`Likelihood`] of a run is the model with those roles; everything downstream (sweeps,
//! estimates, intervals, surfaces) asks it for LL at a point of the swept parameters, and it
//! answers with the profiled ones maximised.
//!
//! Why the one-parameter [`Family`] stays beside it: with one parameter free and a hand-written
//! family for that slice (the classic figures: μ with σ known, p of a binomial), the family's
//! closed-form estimate, analytic score and carefully conditioned sums are used as they are —
//! the same numbers as before, checked against scipy one by one — and the model is only the
//! road to it ([`Model::slice`]). Every other combination of roles is evaluated from the
//! model's joint log-likelihood. A user's model (an expression) is one more [`Model`].

mod beta;
pub mod curve;
pub mod fit;
mod gamma;
mod laplace;
mod linalg;
mod linear;
mod location;
mod logistic;
mod lognormal;
mod negative_binomial;
mod normal;
pub mod profile;
mod regression;
mod single;
mod student_t;
pub mod user;
mod weibull;

pub use curve::{Curve, FamilyCurve};
pub use fit::{maximise, Fit};
pub use profile::ProfileCurve;
pub use user::UserModel;

use crate::family::{self, Dist, Family, Known, ParamName, ParamSpace, Rng, SufficientStats};
use crate::numeric::dual::derivatives;
use num_dual::HyperDual64;
use std::fmt;

/// One parameter of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the command line and in the JSON summary: `mu`, `sigma`, `lambda`.
    pub name: String,
    /// The symbol on the figure: `μ`; `hat` is the estimate's: `μ̂`.
    pub symbol: String,
    pub hat: String,
    /// In words, for messages: "standard deviation".
    pub words: String,
    /// Where the parameter may lie (a grid may touch a limit, never step outside).
    pub space: ParamSpace,
    /// The true value of synthetic data when the parameter is free and none is given.
    pub default: f64,
    /// The value of the parameter when it is fixed and no value is given (its option's
    /// default, e.g. `--sigma`'s).
    pub fixed: f64,
    /// The option that fixes this parameter besides `--fix` (`--sigma`), if any.
    pub flag: Option<&'static str>,
}

impl Param {
    /// A parameter whose default true value and default fixed value are both `default`.
    fn new(name: &str, symbol: ParamName, space: ParamSpace, default: f64) -> Param {
        Param {
            name: name.to_string(),
            symbol: symbol.symbol.to_string(),
            hat: symbol.hat.to_string(),
            words: symbol.words.to_string(),
            space,
            default,
            fixed: default,
            flag: None,
        }
    }

    /// The same, fixed by `flag` (whose value `fixed` is) unless given otherwise.
    fn flagged(mut self, flag: &'static str, fixed: f64) -> Param {
        self.flag = Some(flag);
        self.fixed = fixed;
        self
    }

    /// Whether `value` may be this parameter's value: inside its space and finite.
    pub fn check(&self, value: f64) -> Result<(), String> {
        if !value.is_finite() {
            return Err(format!("{} must be finite, not {value}", self.name));
        }
        let inside = value > self.space.lo && value < self.space.hi;
        if !inside {
            return Err(format!(
                "{} = {} is outside its parameter space {}",
                self.name,
                crate::digits::shortest(value),
                self.space.describe()
            ));
        }
        Ok(())
    }
}

/// A family with all its parameters. Built by a checked constructor ([`build`]); every method
/// after that is infallible.
///
/// `theta` arguments hold one value per parameter, in [`Model::params`] order. The
/// log-likelihood is the full one, constants included (the sum of scipy.stats'
/// `logpmf`/`logpdf`); infinities at a boundary of the space are legitimate values, NaN never
/// is.
pub trait Model: Send + Sync + fmt::Debug {
    /// The `--dist` name, used in file names and the summary.
    fn name(&self) -> &str;

    /// Every parameter, in the order of `theta`.
    fn params(&self) -> &[Param];

    /// Constants of the model that are never swept or profiled (the binomial's trials), for the
    /// summary.
    fn constants(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }

    /// The parameter the classic figure sweeps when no `--sweep` is given.
    fn default_sweep(&self) -> usize {
        0
    }

    /// How the figure's title names the model, with fixed parameters at their values
    /// (`Normal(μ, σ = 2)`); `None` marks a free parameter.
    fn label(&self, fixed: &[Option<f64>]) -> String;

    /// Whether one observation lies in the support; the reason says what it must be.
    fn check(&self, x: f64) -> Result<(), String>;

    /// Whether the observations are counts, held exactly only up to 2⁵³ (see
    /// [`Family::counts`](crate::family::Family::counts)).
    fn counts(&self) -> bool {
        false
    }

    /// Whether `theta` can generate data, with the reason when it cannot.
    fn check_true(&self, theta: &[f64]) -> Result<(), String> {
        for (p, &v) in self.params().iter().zip(theta) {
            p.check(v)?;
        }
        Ok(())
    }

    /// Whether `theta` (already a valid true value) can be sampled in reasonable time, with the
    /// reason and the smallest workable value when it cannot: a sampler that redraws
    /// overflowing values would loop for ever where nearly every draw overflows.
    fn check_sampling(&self, theta: &[f64]) -> Result<(), String> {
        let _ = theta;
        Ok(())
    }

    /// Fills `out` with independent draws at `theta`, advancing `rng`.
    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]);

    /// Adds checked observations to the running sums the joint log-likelihood needs.
    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]);

    /// LL(θ) of all observations.
    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64;

    /// LL at hyper-dual arguments: the value with exact first and mixed second derivatives
    /// along the two directions seeded in the arguments.
    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64;

    /// Maximises LL over the parameters marked `free` in closed form (or by a one-dimensional
    /// root where the model knows one), writing them into `theta`; `false` when the model has
    /// no such solution for this set, and the caller maximises numerically.
    fn maximise(&self, stats: &SufficientStats, free: &[bool], theta: &mut [f64]) -> bool {
        let _ = (stats, free, theta);
        false
    }

    /// Starting points for a numerical maximisation of the `free` parameters (the others are
    /// held at their values in `theta`): moment estimates, and for multimodal likelihoods a few
    /// more. The best local maximum reached from them wins.
    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        let _ = (stats, free);
        vec![theta.to_vec()]
    }

    /// The hand-written one-parameter family of parameter `swept` with every other parameter at
    /// its value in `theta`, where one exists. Its closed forms and sums replace the joint
    /// log-likelihood when only that parameter is free.
    fn slice(&self, swept: usize, theta: &[f64]) -> Result<Option<Box<dyn Family>>, String> {
        let _ = (swept, theta);
        Ok(None)
    }

    /// Why these observations leave LL without a finite maximum over the `free` parameters, if
    /// they do (normal data all equal with σ free: σ̂ = 0).
    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        let _ = (stats, free, theta);
        None
    }

    /// Why LL is not twice differentiable in parameter `i`, if it is not (the Laplace location):
    /// there is then no observed information for it.
    fn irregular(&self, i: usize) -> Option<&'static str> {
        let _ = i;
        None
    }

    /// LL with its gradient and Hessian (row-major) over the parameters `over`, the others
    /// held at their values in `theta`. The default seeds hyper-dual numbers pair by pair; a
    /// model that has all derivatives from one pass (a user's expression) says so here.
    fn ll_derivatives(
        &self,
        stats: &SufficientStats,
        theta: &[f64],
        over: &[usize],
    ) -> (f64, Vec<f64>, Vec<f64>) {
        let point: Vec<f64> = over.iter().map(|&i| theta[i]).collect();
        derivatives(&point, |d: &[HyperDual64]| {
            let mut full: Vec<HyperDual64> =
                theta.iter().map(|&t| HyperDual64::from_re(t)).collect();
            for (m, &i) in over.iter().enumerate() {
                full[i] = d[m];
            }
            self.ll_hd(stats, &full)
        })
    }

    /// The named data columns the model reads, one row per observation (a user's expression
    /// refers to them by name); `None` for one unnamed value per line, read by [`crate::data`].
    fn columns(&self) -> Option<&[String]> {
        None
    }

    /// Adds rows of the named [`Model::columns`] (one slice per column), checked as they
    /// arrive: `Err(i)` names the first row of the batch the model can make no likelihood of.
    fn observe_rows(&self, stats: &mut SufficientStats, batch: &[&[f64]]) -> Result<(), usize> {
        self.observe(stats, batch[0]);
        Ok(())
    }

    /// The expression of a user's model, as given (the summary's `model`).
    fn expression(&self) -> Option<&str> {
        None
    }

    /// The built-in family that draws the synthetic data of a model that cannot draw its own
    /// (a user's expression under `--draw`); `None` when the model draws itself.
    fn drawn(&self) -> Option<&dyn Model> {
        None
    }

    /// Whether a parameter no option names is profiled rather than fixed at its default: a
    /// user's model has no known values, and with several parameters it needs `--sweep`.
    fn free_by_default(&self) -> bool {
        false
    }

    /// The true value of parameter `i` in the true values `truth` of the data's generator,
    /// where it has one: the model's own draws have every parameter's; a user's model drawn
    /// from a family has those its parameters share a name with.
    fn true_value(&self, truth: &[f64], i: usize) -> Option<f64> {
        truth.get(i).copied()
    }

    /// Whether the model sweeps [`Model::default_sweep`] when no `--sweep` is given even
    /// though its other parameters are profiled by default (the regression models: b1).
    fn has_default_sweep(&self) -> bool {
        !self.free_by_default()
    }

    /// How many columns one observation has: one value, or a regression's row (x, y).
    fn row_width(&self) -> usize {
        1
    }

    /// Fills one slice per column (all of one length, [`Model::row_width`] of them) with
    /// independent rows at `theta`, advancing `rng`.
    fn draw_rows(&self, theta: &[f64], rng: &mut Rng, columns: &mut [&mut [f64]]) {
        self.draw(theta, rng, columns[0])
    }

    /// Why one row of [`Model::columns`] cannot be an observation, if the model has a rule
    /// for it (a logistic response must be 0 or 1): the reason a data file's line is refused.
    fn check_row(&self, row: &[f64]) -> Result<(), String> {
        let _ = row;
        Ok(())
    }

    /// The NLL axis' title when the model's NLL is a loss with a name of its own (the
    /// cross-entropy, least squares), for a total (`per_obs` false) or a per-observation y;
    /// `fixed` holds the fixed parameters' values.
    fn loss_title(&self, per_obs: bool, fixed: &[Option<f64>]) -> Option<String> {
        let _ = (per_obs, fixed);
        None
    }

    /// E[y | x] at `theta` for a regression model, the curve its data panel draws through
    /// the scatter; `None` for a model of one value per observation.
    fn fitted(&self, theta: &[f64], x: f64) -> Option<f64> {
        let _ = (theta, x);
        None
    }
}

/// `Name(a, b = 2)`: the title's name of a model, fixed parameters at their values.
pub(crate) fn label_of(name: &str, symbols: &[&str], fixed: &[Option<f64>]) -> String {
    let parts: Vec<String> = symbols
        .iter()
        .zip(fixed)
        .map(|(symbol, v)| match v {
            Some(v) => format!("{symbol} = {}", crate::digits::shortest(*v)),
            None => symbol.to_string(),
        })
        .collect();
    format!("{name}({})", parts.join(", "))
}

/// The support check of the models on (0, ∞).
pub(crate) fn check_positive(x: f64) -> Result<(), String> {
    if x > 0.0 && x.is_finite() {
        Ok(())
    } else {
        Err("must be positive (> 0) and finite".to_string())
    }
}

/// The median and the half interquartile range of kept observations: robust starting values
/// for a location and a scale.
pub(crate) fn median_and_spread(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 1.0);
    }
    let mut xs = values.to_vec();
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    let half_iqr = 0.5 * (q(0.75) - q(0.25));
    let spread = if half_iqr > 0.0 && half_iqr.is_finite() {
        half_iqr
    } else {
        1.0
    };
    (q(0.5), spread)
}

/// The role of one parameter in a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Role {
    /// On the grid: the first or second swept parameter.
    Swept,
    /// Held at a value.
    Fixed(f64),
    /// Maximised at every grid point.
    Profiled,
}

/// The model of a built-in family, with the values of its known-parameter options as the
/// defaults of its parameters.
pub fn build(dist: Dist, known: Known) -> Result<Box<dyn Model>, String> {
    Ok(match dist {
        Dist::Normal => Box::new(normal::NormalModel::new(known, false)),
        Dist::NormalSd => Box::new(normal::NormalModel::new(known, true)),
        Dist::LogNormal => Box::new(lognormal::LogNormalModel::new(known)),
        Dist::Gamma => Box::new(gamma::GammaModel::new(known)),
        Dist::Beta => Box::new(beta::BetaModel::new(known)),
        Dist::NegativeBinomial => Box::new(negative_binomial::NegativeBinomialModel::new(known)),
        Dist::Cauchy => Box::new(location::CauchyModel::new(known)),
        Dist::Laplace => Box::new(laplace::LaplaceModel::new(known)),
        Dist::StudentT => Box::new(student_t::StudentTModel::new(known)),
        Dist::Weibull => Box::new(weibull::WeibullModel::new(known)),
        Dist::Bernoulli
        | Dist::Binomial
        | Dist::Geometric
        | Dist::Poisson
        | Dist::Exponential
        | Dist::Uniform => Box::new(single::Single::new(family::build(dist, known)?)),
        Dist::Logistic => Box::new(logistic::LogisticModel::new()),
        Dist::Linear => Box::new(linear::LinearModel::new()),
    })
}

/// The likelihood of a run: the model, each parameter's role, and the one-parameter family
/// that evaluates it when a hand-written one covers the roles.
#[derive(Debug)]
pub struct Likelihood {
    pub model: Box<dyn Model>,
    pub roles: Vec<Role>,
    /// The swept parameters, in axis order (one or two).
    pub swept: Vec<usize>,
    /// The hand-written family of the one swept parameter, when nothing is profiled and one
    /// exists for the fixed values.
    pub family: Option<Box<dyn Family>>,
}

impl Likelihood {
    /// The likelihood with `roles` (one per parameter) and `swept` (indices, in axis order);
    /// the roles were checked by the caller. Fails only when the slice's family rejects the
    /// fixed values (the message names the parameter).
    pub fn new(
        model: Box<dyn Model>,
        roles: Vec<Role>,
        swept: Vec<usize>,
    ) -> Result<Likelihood, String> {
        let free = roles
            .iter()
            .filter(|r| !matches!(r, Role::Fixed(_)))
            .count();
        let family = if swept.len() == 1 && free == 1 {
            let theta = Self::values_of(&*model, &roles);
            model.slice(swept[0], &theta)?
        } else {
            None
        };
        Ok(Likelihood {
            model,
            roles,
            swept,
            family,
        })
    }

    fn values_of(model: &dyn Model, roles: &[Role]) -> Vec<f64> {
        model
            .params()
            .iter()
            .zip(roles)
            .map(|(p, r)| match r {
                Role::Fixed(v) => *v,
                _ => p.default,
            })
            .collect()
    }

    /// Every parameter's value where it is fixed, and its default elsewhere: the base point
    /// that swept and profiled values are written into.
    pub fn base(&self) -> Vec<f64> {
        Self::values_of(&*self.model, &self.roles)
    }

    /// Which parameters are free (swept or profiled).
    pub fn free(&self) -> Vec<bool> {
        self.roles
            .iter()
            .map(|r| !matches!(r, Role::Fixed(_)))
            .collect()
    }

    /// The profiled parameters, in model order.
    pub fn profiled(&self) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|&i| self.roles[i] == Role::Profiled)
            .collect()
    }

    pub fn params(&self) -> &[Param] {
        self.model.params()
    }

    /// The swept parameter `k` (0 or 1).
    pub fn swept_param(&self, k: usize) -> &Param {
        &self.model.params()[self.swept[k]]
    }

    /// The model that draws the synthetic data: the model itself, or the built-in family a
    /// user's expression draws from (`--draw`).
    pub fn generator(&self) -> &dyn Model {
        self.model.drawn().unwrap_or(&*self.model)
    }

    /// The generator's parameter that `--animate true=…` moves: the swept one for a model
    /// that draws its own data; for a user's expression drawn from a family, the family's
    /// parameter of the same name as the swept one, else the family's classic parameter (the
    /// one `--true VALUE` sets), so `--draw poisson` moves λ whatever the expression calls it.
    pub fn moved_by_truth(&self) -> usize {
        match self.model.drawn() {
            None => self.swept[0],
            Some(drawn) => {
                let name = &self.swept_param(0).name;
                drawn
                    .params()
                    .iter()
                    .position(|p| &p.name == name)
                    .unwrap_or_else(|| drawn.default_sweep())
            }
        }
    }

    /// Whether one observation lies in the support.
    pub fn check(&self, x: f64) -> Result<(), String> {
        match &self.family {
            Some(f) => f.check(x),
            None => self.model.check(x),
        }
    }

    /// Whether the observations are counts, held exactly only up to 2⁵³.
    pub fn counts(&self) -> bool {
        match &self.family {
            Some(f) => f.counts(),
            None => self.model.counts(),
        }
    }

    /// Adds checked observations to the statistics this likelihood is evaluated from.
    pub fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        match &self.family {
            Some(f) => f.observe(stats, xs),
            None => self.model.observe(stats, xs),
        }
    }

    /// Draws at the true parameters `truth` (every parameter, fixed ones included). The
    /// families' samplers are the models' own, so a seed gives the same data whatever the
    /// roles.
    pub fn draw(&self, truth: &[f64], rng: &mut Rng, out: &mut [f64]) {
        self.model.draw(truth, rng, out)
    }

    /// The title's name of the model: fixed parameters at their values (the hand-written
    /// family's own name where it is the one evaluated).
    pub fn label(&self) -> String {
        if let Some(family) = &self.family {
            return family.label();
        }
        let fixed: Vec<Option<f64>> = self
            .roles
            .iter()
            .map(|r| match r {
                Role::Fixed(v) => Some(*v),
                _ => None,
            })
            .collect();
        self.model.label(&fixed)
    }

    /// The one-parameter curve along swept parameter `k` with every other free parameter
    /// profiled (for a surface's profiles, the other swept one too).
    pub fn curve<'a>(&'a self, stats: &'a SufficientStats, k: usize) -> Box<dyn Curve + 'a> {
        if let (Some(family), 0, 1) = (&self.family, k, self.swept.len()) {
            return Box::new(FamilyCurve {
                family: family.as_ref(),
                stats,
            });
        }
        Box::new(ProfileCurve::new(self, stats, self.swept[k]))
    }
}

#[cfg(test)]
mod tests;
