//! The distribution families whose likelihood nllplot draws.
//!
//! Every family here is a one-parameter model with the other parameters known. Most have
//! sufficient statistics: the log-likelihood of any number of observations is a function of a
//! few running sums ([`SufficientStats`]). That is what keeps memory flat for any sample size
//! and makes a 1000-point sweep cost 1000 formula evaluations instead of 1000·n. The location
//! families Cauchy, Laplace and Student t have none: they keep their observations, and each
//! evaluation visits all of them.
//!
//! A family is built once by a checked constructor (the known parameters are validated there);
//! after that every method is infallible. Observations are validated one at a time by
//! [`Family::check`], so the data reader can name the offending line.

mod bernoulli;
mod beta;
mod binomial;
mod cauchy;
mod exponential;
mod gamma;
mod geometric;
mod laplace;
pub(crate) mod ln_1p_sum;
mod lognormal;
mod natural;
mod negative_binomial;
mod normal;
mod normal_sd;
pub mod pairs;
mod poisson;
mod stats;
mod student_t;
mod uniform;
mod weibull;

pub use bernoulli::Bernoulli;
pub use beta::Beta;
pub use binomial::Binomial;
pub use cauchy::Cauchy;
pub use exponential::Exponential;
pub use gamma::Gamma;
pub use geometric::Geometric;
pub use laplace::Laplace;
pub use lognormal::LogNormal;
pub use natural::{Natural, NaturalMap};
pub use negative_binomial::NegativeBinomial;
pub use normal::Normal;
pub use normal_sd::NormalSd;
pub use poisson::Poisson;
pub use stats::{CompensatedSum, SufficientStats};
pub use student_t::StudentT;
pub use uniform::Uniform;
pub use weibull::Weibull;

use std::fmt;
use std::str::FromStr;

/// The portable, seedable generator every sampler draws from. xoshiro256++'s output is fixed by
/// its definition (64-bit integer arithmetic only), so a seed means the same data on every
/// machine and in every future version; `sample::chunk_rng` says how a seed becomes its state.
pub type Rng = rand_xoshiro::Xoshiro256PlusPlus;

/// The families a user can name on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dist {
    Bernoulli,
    Binomial,
    Geometric,
    Poisson,
    Exponential,
    Normal,
    Gamma,
    NormalSd,
    NegativeBinomial,
    LogNormal,
    Beta,
    Cauchy,
    Laplace,
    StudentT,
    Uniform,
    Weibull,
    /// Logistic regression of y ∈ {0, 1} on x (a model of rows, not a one-parameter family).
    Logistic,
    /// Linear regression of y on x with normal errors (a model of rows).
    Linear,
}

impl Dist {
    /// Every family, in the order `--help` lists them.
    pub const ALL: [Dist; 16] = [
        Dist::Bernoulli,
        Dist::Binomial,
        Dist::Geometric,
        Dist::Poisson,
        Dist::Exponential,
        Dist::Normal,
        Dist::Gamma,
        Dist::NormalSd,
        Dist::NegativeBinomial,
        Dist::LogNormal,
        Dist::Beta,
        Dist::Cauchy,
        Dist::Laplace,
        Dist::StudentT,
        Dist::Uniform,
        Dist::Weibull,
    ];

    /// Every name `--dist` accepts: the one-parameter families of [`Dist::ALL`], then the
    /// regression models, whose observations are rows (x, y) and which no
    /// one-parameter [`Family`] covers.
    pub const NAMED: [Dist; 18] = [
        Dist::Bernoulli,
        Dist::Binomial,
        Dist::Geometric,
        Dist::Poisson,
        Dist::Exponential,
        Dist::Normal,
        Dist::Gamma,
        Dist::NormalSd,
        Dist::NegativeBinomial,
        Dist::LogNormal,
        Dist::Beta,
        Dist::Cauchy,
        Dist::Laplace,
        Dist::StudentT,
        Dist::Uniform,
        Dist::Weibull,
        Dist::Logistic,
        Dist::Linear,
    ];

    /// The command-line spelling, also used in file names and the JSON summary.
    pub fn name(self) -> &'static str {
        match self {
            Dist::Bernoulli => "bernoulli",
            Dist::Binomial => "binomial",
            Dist::Geometric => "geometric",
            Dist::Poisson => "poisson",
            Dist::Exponential => "exponential",
            Dist::Normal => "normal",
            Dist::Gamma => "gamma",
            Dist::NormalSd => "normal-sd",
            Dist::NegativeBinomial => "negative-binomial",
            Dist::LogNormal => "lognormal",
            Dist::Beta => "beta",
            Dist::Cauchy => "cauchy",
            Dist::Laplace => "laplace",
            Dist::StudentT => "student-t",
            Dist::Uniform => "uniform",
            Dist::Weibull => "weibull",
            Dist::Logistic => "logistic",
            Dist::Linear => "linear",
        }
    }

    /// One line for `--help`: which parameter is swept and what the observations are.
    pub fn help(self) -> &'static str {
        match self {
            Dist::Bernoulli => "success probability p; observations 0 or 1",
            Dist::Binomial => "success probability p with M = --trials known; counts 0..=M",
            Dist::Geometric => "success probability p; trials until the first success, k >= 1",
            Dist::Poisson => "rate λ; counts k >= 0",
            Dist::Exponential => "rate λ; waiting times x >= 0",
            Dist::Normal => "mean μ with σ = --sigma known; any real x",
            Dist::Gamma => "rate β with shape k = --shape known; x > 0",
            Dist::NormalSd => "standard deviation σ with mean μ = --mu known; any real x",
            Dist::NegativeBinomial => {
                "success probability p with r = --r known; failures before the r-th success, k >= 0"
            }
            Dist::LogNormal => "mean μ of ln x with σ = --sigma known; x > 0",
            Dist::Beta => "first shape a with b = --b known; 0 < x < 1",
            Dist::Cauchy => "location x₀ with --scale known; any real x",
            Dist::Laplace => "location μ with --scale known; any real x",
            Dist::StudentT => "location μ with ν = --nu and --scale known; any real x",
            Dist::Uniform => "upper bound θ of Uniform(0, θ); x >= 0",
            Dist::Weibull => "scale λ with shape k = --shape known; x > 0",
            Dist::Logistic => "regression P(y = 1) = σ(b0 + b1·x): slope b1, b0 profiled; rows x,y",
            Dist::Linear => "regression y = b0 + b1·x + ε, ε ~ N(0, σ²): slope b1; rows x,y",
        }
    }
}

impl fmt::Display for Dist {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dist {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Dist::NAMED
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Dist::NAMED.iter().map(|d| d.name()).collect();
                format!(
                    "unknown family '{s}' (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// The closed interval of θ on which the log-likelihood is defined, limits included: a grid may
/// touch a boundary (where LL may be −∞), but never step outside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpace {
    pub lo: f64,
    pub hi: f64,
}

impl ParamSpace {
    /// The whole real line: locations and means.
    pub const REAL_LINE: ParamSpace = ParamSpace {
        lo: f64::NEG_INFINITY,
        hi: f64::INFINITY,
    };

    /// (0, ∞): scales, rates, shapes.
    pub const POSITIVE: ParamSpace = ParamSpace {
        lo: 0.0,
        hi: f64::INFINITY,
    };

    /// [0, 1]: probabilities.
    pub const UNIT: ParamSpace = ParamSpace { lo: 0.0, hi: 1.0 };

    pub fn contains(&self, theta: f64) -> bool {
        theta >= self.lo && theta <= self.hi
    }

    /// `[lo, hi]` written the way a user would type it in an error message.
    pub fn describe(&self) -> String {
        let bound = |x: f64| {
            if x.is_infinite() {
                if x > 0.0 { "∞" } else { "−∞" }.to_string()
            } else {
                format!("{x}")
            }
        };
        let open_lo = if self.lo.is_infinite() { "(" } else { "[" };
        let open_hi = if self.hi.is_infinite() { ")" } else { "]" };
        format!("{open_lo}{}, {}{open_hi}", bound(self.lo), bound(self.hi))
    }
}

/// How the swept parameter is written on the figure and in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamName {
    /// The symbol on the axis: "p", "λ", "μ".
    pub symbol: &'static str,
    /// The same symbol with a hat, for the estimate: "p̂".
    pub hat: &'static str,
    /// In words, for `--help` and the figure's subtitle.
    pub words: &'static str,
}

/// One distribution family with its known parameters fixed.
///
/// Implementations are checked when built, so none of these methods fails. The log-likelihood
/// is the full one, constants included: it equals the sum of scipy.stats' `logpmf`/`logpdf`.
pub trait Family: Send + Sync + fmt::Debug {
    fn dist(&self) -> Dist;

    /// The swept parameter's name and symbols.
    fn param(&self) -> ParamName;

    /// Where θ may lie on the swept grid (the closure of the parameter space).
    fn space(&self) -> ParamSpace;

    /// Whether θ can generate data (the sampler's domain), with the reason when it cannot.
    fn check_true(&self, theta: f64) -> Result<(), String>;

    /// A teaching-friendly default for the true θ of synthetic data.
    fn default_true(&self) -> f64;

    /// Whether one observation lies in the family's support; the reason says what an
    /// observation must be ("must be 0 or 1") and follows the offending value in messages.
    fn check(&self, x: f64) -> Result<(), String>;

    /// ln f(x; θ) of one observation, for checks against the sufficient-statistics path.
    fn ln_f(&self, x: f64, theta: f64) -> f64;

    /// Adds checked observations to the running sums.
    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]);

    /// LL(θ) of all observed data, from the sufficient statistics alone.
    fn ll(&self, stats: &SufficientStats, theta: f64) -> f64;

    /// The score LL′(θ), analytic: numerical estimates and intervals are solved on it.
    fn score(&self, stats: &SufficientStats, theta: f64) -> f64;

    /// LL″(θ), analytic; −LL″(θ̂) is the observed Fisher information.
    fn curvature(&self, stats: &SufficientStats, theta: f64) -> f64;

    /// The expected (Fisher) information of ONE observation, I₁(θ) = E[−ln f″(X; θ)], in
    /// closed form: the coverage lab draws θ̂ against N(θ, 1/(n·I₁(θ))), the normal law the
    /// estimate tends to, so the curve must not come from the data it is compared with.
    /// `None` where the family is irregular (the uniform's support moves with θ).
    fn expected_information(&self, theta: f64) -> Option<f64> {
        let _ = theta;
        None
    }

    /// The maximum-likelihood estimate in closed form, where the family has one (it may lie
    /// on the boundary of the space). `None` makes the caller solve LL′(θ) = 0 numerically
    /// inside [`Family::mle_search`].
    fn mle(&self, stats: &SufficientStats) -> Option<f64>;

    /// An interval sure to hold the global maximum of LL, for families without a closed-form
    /// estimate (e.g. the range of the data for a location parameter).
    fn mle_search(&self, stats: &SufficientStats) -> (f64, f64) {
        let _ = stats;
        (self.space().lo, self.space().hi)
    }

    /// Whether the observations are counts. A double holds counts exactly only up to 2⁵³,
    /// and parsing rounds: "9007199254740993" becomes 2⁵³ and "2.0000000000000001" becomes 2,
    /// both "whole" to [`Family::check`]. For counts the data reader also refuses a line
    /// whose text does not name the double it became.
    fn counts(&self) -> bool {
        false
    }

    /// Why the usual asymptotics (Fisher information, Wald interval) do not apply to this
    /// family, if they do not: LL not twice differentiable, or a support that depends on θ.
    fn irregular(&self) -> Option<&'static str> {
        None
    }

    /// Why these data leave LL without a finite maximum, if they do: LL then grows without
    /// bound towards the boundary (exponential waiting times that are all 0, normal-sd data all
    /// equal to μ), there is no estimate and no curve to draw, and the caller refuses the data
    /// with this reason.
    fn unbounded(&self, stats: &SufficientStats) -> Option<String> {
        let _ = stats;
        None
    }

    /// The natural parameter of an exponential family, if this is one.
    fn natural(&self) -> Option<Natural> {
        None
    }

    /// A standard error of θ̂ that stays positive even when θ̂ lies on the boundary, used only
    /// to choose the default plotting window.
    fn spread(&self, stats: &SufficientStats, mle: f64) -> f64;

    /// Fills `out` with independent draws from f(·; θ), advancing `rng`.
    fn draw(&self, theta: f64, rng: &mut Rng, out: &mut [f64]);

    /// How the figure's title names the model, e.g. "Binomial(M = 10, p)".
    fn label(&self) -> String;

    /// Known parameters worth recording in the summary, e.g. `("trials", 10.0)`.
    fn known(&self) -> Vec<(&'static str, f64)> {
        Vec::new()
    }

    /// The default sweep: θ̂ ± 5 standard errors, kept strictly inside the parameter space so
    /// that the whole curve is finite. At ±5 SE the NLL has risen by about 12.5 above its
    /// minimum, which comfortably covers any usual likelihood interval. When θ̂ itself lies on
    /// the boundary (all-zero Bernoulli data) the grid starts there, where LL is finite, so the
    /// estimate can be marked.
    fn default_range(&self, stats: &SufficientStats, mle: f64) -> (f64, f64) {
        let half = 5.0 * self.spread(stats, mle);
        let space = self.space();
        let mut lo = mle - half;
        let mut hi = mle + half;
        if mle <= space.lo {
            lo = space.lo;
        } else if lo <= space.lo {
            lo = space.lo + (hi.min(space.hi) - space.lo) * 1e-3;
        }
        if mle >= space.hi {
            hi = space.hi;
        } else if hi >= space.hi {
            hi = space.hi - (space.hi - lo) * 1e-3;
        }
        (lo, hi)
    }
}

/// The options a family may need besides its swept parameter. Each family reads only its own
/// and checks them when built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Known {
    /// Binomial: the number of trials M of each observation.
    pub trials: u64,
    /// Normal: the known standard deviation σ; LogNormal: the standard deviation of ln x.
    pub sigma: f64,
    /// Gamma: the shape k.
    pub shape: f64,
    /// NormalSd: the known mean μ.
    pub mu: f64,
    /// NegativeBinomial: the number of successes r (any positive real).
    pub r: f64,
    /// Beta: the second shape b.
    pub b: f64,
    /// Cauchy, Laplace, Student t: the scale.
    pub scale: f64,
    /// Student t: the degrees of freedom ν.
    pub nu: f64,
}

impl Default for Known {
    fn default() -> Self {
        Known {
            trials: 10,
            sigma: 1.0,
            shape: 2.0,
            mu: 0.0,
            r: 5.0,
            b: 2.0,
            scale: 1.0,
            nu: 3.0,
        }
    }
}

/// Builds the named family with its known parameters, checking them once.
pub fn build(dist: Dist, known: Known) -> Result<Box<dyn Family>, String> {
    Ok(match dist {
        Dist::Bernoulli => Box::new(Bernoulli),
        Dist::Binomial => Box::new(Binomial::new(known.trials)?),
        Dist::Geometric => Box::new(Geometric),
        Dist::Poisson => Box::new(Poisson),
        Dist::Exponential => Box::new(Exponential),
        Dist::Normal => Box::new(Normal::new(known.sigma)?),
        Dist::Gamma => Box::new(Gamma::new(known.shape)?),
        Dist::NormalSd => Box::new(NormalSd::new(known.mu)?),
        Dist::NegativeBinomial => Box::new(NegativeBinomial::new(known.r)?),
        Dist::LogNormal => Box::new(LogNormal::new(known.sigma)?),
        Dist::Beta => Box::new(Beta::new(known.b)?),
        Dist::Cauchy => Box::new(Cauchy::new(known.scale)?),
        Dist::Laplace => Box::new(Laplace::new(known.scale)?),
        Dist::StudentT => Box::new(StudentT::new(known.nu, known.scale)?),
        Dist::Uniform => Box::new(Uniform),
        Dist::Weibull => Box::new(Weibull::new(known.shape)?),
        Dist::Logistic | Dist::Linear => {
            return Err(format!(
                "{dist} is a regression model of rows (x, y), not a one-parameter family"
            ))
        }
    })
}

/// A known parameter given on the command line, checked to be positive and finite; the error
/// names the flag.
pub(crate) fn check_known(flag: &str, value: f64) -> Result<f64, String> {
    if value > 0.0 && value.is_finite() {
        Ok(value)
    } else {
        Err(format!(
            "{flag} must be positive and finite, not {}",
            crate::digits::shortest(value)
        ))
    }
}

/// A draw of a positive continuous variable kept inside (0, ∞): extreme parameters can round
/// a draw to 0 or overflow it to ∞, where ln x is infinite and every LL would be too.
pub(crate) fn positive_draw(x: f64) -> f64 {
    x.clamp(f64::MIN_POSITIVE, f64::MAX)
}

/// x·ln y with the convention 0·ln 0 = 0, so a boundary θ with no opposing evidence is finite.
pub(crate) fn xlny(x: f64, y: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x * y.ln()
    }
}

/// x / y with 0 / 0 = 0: a count of zero contributes nothing to the score at a boundary.
pub(crate) fn xdivy(x: f64, y: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x / y
    }
}

/// x·ln(1 − y), accurate for small y, with 0·ln 0 = 0.
pub(crate) fn xln1m(x: f64, y: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x * (-y).ln_1p()
    }
}

/// The largest count a double holds exactly (2⁵³). Above it every double is "whole", ln k!
/// would be taken of a saturated integer and sums of counts could overflow to ∞ (making
/// 0·∞ = NaN at a boundary θ), so larger counts are refused like any impossible value.
pub(crate) const MAX_COUNT: f64 = 9_007_199_254_740_992.0;

/// Σ term(zᵢ) over kept observations, zᵢ = (xᵢ − location)/scale: the one pass over the
/// data that every score or curvature of a location family makes (and their LL, where it is
/// not the faster product of `ln_1p_sum`). Generic, so each call compiles to its own tight
/// loop.
pub(crate) fn sum_standardised(
    values: &[f64],
    location: f64,
    scale: f64,
    term: impl Fn(f64) -> f64,
) -> f64 {
    let inv_scale = 1.0 / scale;
    if !inv_scale.is_finite() {
        // A subnormal scale: 1/scale overflows, and (x − location)·∞ would be NaN at x = θ.
        return values.iter().map(|&x| term((x - location) / scale)).sum();
    }
    values
        .iter()
        .map(|&x| term((x - location) * inv_scale))
        .sum()
}

/// A true location must be a finite number (the location families' `check_true`).
pub(crate) fn check_location(theta: f64) -> Result<(), String> {
    if theta.is_finite() {
        Ok(())
    } else {
        Err("a location must be finite".to_string())
    }
}

/// Any finite observation (the location families' `check`).
pub(crate) fn check_finite(x: f64) -> Result<(), String> {
    if x.is_finite() {
        Ok(())
    } else {
        Err("must be finite".to_string())
    }
}

/// The reason an observation that must be a count is not one, if any.
pub(crate) fn check_count(x: f64, min: f64) -> Result<(), String> {
    if x.fract() != 0.0 {
        Err(format!("must be a whole number >= {min}"))
    } else if x < min {
        Err(format!("must be >= {min}"))
    } else if x > MAX_COUNT {
        Err("must be at most 2^53 = 9007199254740992, the largest count held exactly".to_string())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
