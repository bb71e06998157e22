//! The pipeline: checked config → [`analyse`](crate::analysis::analyse) → bytes of every
//! output → the atomic writer.
//!
//! Everything is computed before the first byte of output is produced, and every output is
//! rendered before the first file is touched, so a run that fails at any point has written
//! nothing.

use crate::analysis::{analyse_with, Analysis, Summary};
use crate::config::Config;
use crate::digits::{shortest, Precision};
use crate::error::Result;
use crate::export;
use crate::progress::{Progress, Silent};

/// Analyses, then writes every output atomically. Returns what was computed.
///
/// # Examples
/// A profile likelihood: the mean of a normal with σ unknown, σ maximised at every μ.
/// ```
/// use nllplot::{analyse, Config, Request};
/// use nllplot::family::Dist;
///
/// let config = Config::from_request(Request {
///     dist: Dist::Normal,
///     samples: Some(50),
///     profile: vec!["sigma".to_string()],
///     ..Request::default()
/// })?;
/// let analysis = analyse(&config)?;
/// let curve = analysis.curve().unwrap();
/// // With σ profiled, the standard error of μ̂ is σ̂/√n, σ̂ the maximum-likelihood estimate.
/// let sigma_hat = curve.estimate[1];
/// let se = curve.inference.se().unwrap();
/// assert!((se - sigma_hat / 50f64.sqrt()).abs() < 1e-9 * se);
/// # Ok::<(), nllplot::Error>(())
/// ```
pub fn run(config: &Config) -> Result<Analysis> {
    run_with(config, &Silent)
}

/// [`run`], reporting the progress of sampling or reading to `progress`.
pub fn run_with(config: &Config, progress: &dyn Progress) -> Result<Analysis> {
    let analysis = analyse_with(config, progress)?;
    let files = config
        .outputs
        .iter()
        .map(|out| {
            Ok((
                out.target.clone(),
                export::bytes(out.format, &analysis, config)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    export::writer::write_all(&files)?;
    Ok(analysis)
}

/// The one line the command prints on success: the estimate and the files written.
pub fn report(analysis: &Analysis, config: &Config) -> String {
    let paths: Vec<_> = config
        .outputs
        .iter()
        .map(|o| o.target.to_string())
        .collect();
    let estimate = match &analysis.summary {
        Summary::Curve(s) => {
            let (lo, hi) = (s.lr_interval.lower, s.lr_interval.upper);
            let p = Precision::of_estimate(s.mle, s.se, (lo, hi));
            format!(
                "{}: n = {}, {}̂ = {}, {} LR interval {}, LL = {}",
                s.dist,
                s.n,
                s.param,
                p.format(s.mle),
                crate::render::percent(s.level),
                p.interval(lo, hi),
                shortest(s.ll_max)
            )
        }
        Summary::Surface(s) => {
            // Each estimate with the decimals its profile interval calls for, as on the figure.
            let [a, b] = [0, 1].map(|i| {
                let [lo, hi] = s.profile_intervals[i];
                Precision::of_estimate(s.mle[i], None, (lo, hi)).format(s.mle[i])
            });
            format!(
                "{}: n = {}, ({}, {}) = ({a}, {b}), LL = {}",
                s.dist,
                s.n,
                s.swept[0],
                s.swept[1],
                shortest(s.ll_max)
            )
        }
    };
    let undefined = match &analysis.summary {
        Summary::Curve(s) => s.undefined_points,
        Summary::Surface(s) => s.undefined_points,
    };
    let gaps = match undefined {
        Some(k) if k > 0 => format!(
            "; the expression is undefined at {k} grid point{} (left out)",
            if k == 1 { "" } else { "s" }
        ),
        _ => String::new(),
    };
    format!("{estimate}{gaps}; wrote {}", paths.join(", "))
}
