//! Conjugate updates: where a prior and a likelihood are a textbook pair, the posterior is a
//! distribution of the prior's kind with updated arguments, known exactly.
//!
//! The pairs are the ones a course derives by hand: a beta prior on the p of Bernoulli,
//! binomial and geometric data, a gamma prior on the rate of Poisson and exponential data,
//! and a normal prior on the mean of normal data with σ known. The data enter only through
//! their sufficient statistics, which the caller passes in ([`Data`]), so this module knows no
//! family. Quantiles are solved from the regularised incomplete beta and gamma functions by
//! Brent's method, so the credible interval is exact to the last few digits.

use super::PriorDist;
use crate::family::SufficientStats;
use crate::model::{Likelihood, Role};
use crate::numeric::solve::brent;
use statrs::function::beta::checked_beta_reg;
use statrs::function::erf::erf_inv;
use statrs::function::gamma::checked_gamma_lr;

/// The regularised incomplete beta I_x(a, b), 0 below the support and 1 above it.
fn beta_cdf(a: f64, b: f64, x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        0.0
    } else if x >= 1.0 {
        1.0
    } else {
        checked_beta_reg(a, b, x).unwrap_or(0.0)
    }
}

/// The regularised lower incomplete gamma P(a, x), 0 below the support and 1 at +∞.
fn gamma_cdf(a: f64, x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        0.0
    } else if x == f64::INFINITY {
        1.0
    } else {
        checked_gamma_lr(a, x).unwrap_or(1.0)
    }
}

/// The sufficient statistics of the data a conjugate prior updates on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Data {
    /// n trials with `successes` ones.
    Bernoulli { n: f64, successes: f64 },
    /// n counts of successes out of `trials` each, summing to `sum`.
    Binomial { n: f64, trials: f64, sum: f64 },
    /// n numbers of trials up to and including the first success, summing to `sum`.
    Geometric { n: f64, sum: f64 },
    /// n counts summing to `sum`.
    Poisson { n: f64, sum: f64 },
    /// n waiting times summing to `sum`.
    Exponential { n: f64, sum: f64 },
    /// n values summing to `sum`, from a normal with known standard deviation `sigma`.
    Normal { n: f64, sum: f64, sigma: f64 },
}

/// The statistics of a run's data when its likelihood is one of the conjugate pairs' (one
/// swept parameter of a hand-written family, nothing profiled): `None` for any other.
pub fn data_of(likelihood: &Likelihood, stats: &SufficientStats) -> Option<Data> {
    if likelihood.swept.len() != 1 || !likelihood.profiled().is_empty() {
        return None;
    }
    likelihood.family.as_ref()?;
    let model = &likelihood.model;
    let n = stats.n as f64;
    let sum = stats.sum.value();
    let swept = likelihood.swept_param(0).name.as_str();
    Some(match (model.name(), swept) {
        ("bernoulli", "p") => Data::Bernoulli { n, successes: sum },
        ("binomial", "p") => Data::Binomial {
            n,
            trials: model
                .constants()
                .into_iter()
                .find(|(c, _)| *c == "trials")
                .map(|(_, v)| v)?,
            sum,
        },
        ("geometric", "p") => Data::Geometric { n, sum },
        ("poisson", "lambda") => Data::Poisson { n, sum },
        ("exponential", "rate") => Data::Exponential { n, sum },
        ("normal", "mu") => {
            let sigma =
                model
                    .params()
                    .iter()
                    .zip(&likelihood.roles)
                    .find_map(|(p, r)| match r {
                        Role::Fixed(v) if p.name == "sigma" => Some(*v),
                        _ => None,
                    })?;
            Data::Normal {
                n,
                sum: n * stats.mean(),
                sigma,
            }
        }
        _ => return None,
    })
}

/// What `--posterior` needs for this likelihood, in words (for its error).
pub fn pairs_text() -> &'static str {
    "beta for the p of bernoulli, binomial or geometric data, gamma for the rate of poisson or exponential data, normal for the mean of normal data with sigma fixed"
}

/// The exact posterior of `prior` given `data`, when the two are a conjugate pair.
pub fn update(prior: &PriorDist, data: Data) -> Option<PriorDist> {
    match (*prior, data) {
        (PriorDist::Beta { a, b }, Data::Bernoulli { n, successes }) => Some(PriorDist::Beta {
            a: a + successes,
            b: b + n - successes,
        }),
        (PriorDist::Beta { a, b }, Data::Binomial { n, trials, sum }) => Some(PriorDist::Beta {
            a: a + sum,
            b: b + n * trials - sum,
        }),
        (PriorDist::Beta { a, b }, Data::Geometric { n, sum }) => Some(PriorDist::Beta {
            a: a + n,
            b: b + sum - n,
        }),
        (PriorDist::Gamma { shape, rate }, Data::Poisson { n, sum }) => Some(PriorDist::Gamma {
            shape: shape + sum,
            rate: rate + n,
        }),
        (PriorDist::Gamma { shape, rate }, Data::Exponential { n, sum }) => {
            Some(PriorDist::Gamma {
                shape: shape + n,
                rate: rate + sum,
            })
        }
        (PriorDist::Normal { m, s }, Data::Normal { n, sum, sigma }) => {
            // Precisions add; the mean is the precision-weighted average of m and x̄.
            let precision = 1.0 / (s * s) + n / (sigma * sigma);
            let mean = (m / (s * s) + sum / (sigma * sigma)) / precision;
            Some(PriorDist::Normal {
                m: mean,
                s: precision.sqrt().recip(),
            })
        }
        _ => None,
    }
}

/// Whether `prior` has a conjugate update on data of kind `data` (for the error that names
/// the pair a `--posterior` needs).
pub fn is_conjugate(prior: &PriorDist, data: Data) -> bool {
    update(prior, data).is_some()
}

/// The mean of a posterior (one of the distributions [`update`] returns).
pub fn mean(dist: &PriorDist) -> f64 {
    match *dist {
        PriorDist::Beta { a, b } => a / (a + b),
        PriorDist::Gamma { shape, rate } => shape / rate,
        PriorDist::Normal { m, .. } | PriorDist::Laplace { m, .. } => m,
        PriorDist::Uniform { lo, hi } => 0.5 * (lo + hi),
    }
}

/// The mode, where it is a single point inside the support: the exact MAP.
pub fn mode(dist: &PriorDist) -> Option<f64> {
    match *dist {
        PriorDist::Beta { a, b } if a > 1.0 && b > 1.0 => Some((a - 1.0) / (a + b - 2.0)),
        PriorDist::Gamma { shape, rate } if shape > 1.0 => Some((shape - 1.0) / rate),
        PriorDist::Normal { m, .. } => Some(m),
        _ => None,
    }
}

/// The q-quantile (0 < q < 1).
pub fn quantile(dist: &PriorDist, q: f64) -> f64 {
    match *dist {
        PriorDist::Normal { m, s } => m + s * std::f64::consts::SQRT_2 * erf_inv(2.0 * q - 1.0),
        PriorDist::Beta { a, b } => solve_cdf(|x| beta_cdf(a, b, x), q, 0.0, 1.0),
        PriorDist::Gamma { shape, rate } => {
            let mut hi = (shape / rate).max(f64::MIN_POSITIVE);
            while gamma_cdf(shape, hi * rate) < q && hi < f64::MAX / 4.0 {
                hi *= 2.0;
            }
            solve_cdf(|x| gamma_cdf(shape, x * rate), q, 0.0, hi)
        }
        PriorDist::Laplace { m, b } => {
            if q < 0.5 {
                m + b * (2.0 * q).ln()
            } else {
                m - b * (2.0 - 2.0 * q).ln()
            }
        }
        PriorDist::Uniform { lo, hi } => lo + q * (hi - lo),
    }
}

/// The central interval holding `level` of the distribution.
pub fn central_interval(dist: &PriorDist, level: f64) -> (f64, f64) {
    let tail = 0.5 * (1.0 - level);
    (quantile(dist, tail), quantile(dist, 1.0 - tail))
}

/// x in [lo, hi] with cdf(x) = q, cdf increasing from 0 to 1 there.
fn solve_cdf(cdf: impl Fn(f64) -> f64, q: f64, lo: f64, hi: f64) -> f64 {
    let tol = 1e-15 * hi.abs().max(f64::MIN_POSITIVE);
    brent(|x| cdf(x) - q, lo, hi, tol)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta_bernoulli_update_counts_successes_and_failures() {
        let post = update(
            &PriorDist::Beta { a: 2.0, b: 3.0 },
            Data::Bernoulli {
                n: 10.0,
                successes: 4.0,
            },
        );
        assert_eq!(post, Some(PriorDist::Beta { a: 6.0, b: 9.0 }));
        // Hand-worked: mode (6 − 1)/(6 + 9 − 2) = 5/13.
        assert_eq!(mode(&post.unwrap()), Some(5.0 / 13.0));
    }

    #[test]
    fn non_conjugate_pairs_have_no_update() {
        let data = Data::Poisson { n: 3.0, sum: 7.0 };
        assert!(!is_conjugate(&PriorDist::Normal { m: 0.0, s: 1.0 }, data));
        assert!(is_conjugate(
            &PriorDist::Gamma {
                shape: 1.0,
                rate: 1.0
            },
            data
        ));
    }

    #[test]
    fn quantiles_match_scipy() {
        let (lo, hi) = central_interval(&PriorDist::Beta { a: 6.0, b: 9.0 }, 0.95);
        assert!((lo - BETA_6_9.0).abs() < 1e-12, "{lo}");
        assert!((hi - BETA_6_9.1).abs() < 1e-12, "{hi}");
        // scipy.stats.norm.ppf(0.975, loc=1, scale=2)
        let (_, hi) = central_interval(&PriorDist::Normal { m: 1.0, s: 2.0 }, 0.95);
        assert!((hi - 4.919927969080108).abs() < 1e-12, "{hi}");
    }

    /// scipy.stats.beta.ppf([0.025, 0.975], 6, 9), run in /work/venv (scipy).
    const BETA_6_9: (f64, f64) = (0.1766110899821179, 0.6486198893840083);
}
