//! The CSV columns of a posterior (`--prior`): `neg_log_prior` (−ln π of the swept
//! parameter, 0 where it has no prior), `neg_log_posterior` (NLL − ln π, the profile of the
//! posterior when a profiled parameter has a prior) and, with `--posterior`,
//! `neg_log_posterior_density` (−ln p(θ | x), the exact normalised posterior).
//!
//! Outside a prior's support −ln π is +∞, written `inf` like every infinity of the CSV: a
//! number that reads back as what it is, where an empty cell would read as missing. No cell
//! is ever NaN (the posterior sums avoid ∞ − ∞, see [`crate::prior::penalised::add`]).

use crate::analysis::posterior::PriorAnalysis;

/// The extra columns, each with its name, one value per grid point.
pub(super) fn columns(prior: &PriorAnalysis) -> Vec<(&'static str, Vec<f64>)> {
    let negate = |v: &[f64]| v.iter().map(|&x| 0.0 - x).collect::<Vec<f64>>();
    let mut out = vec![
        ("neg_log_prior", negate(&prior.ln_prior)),
        ("neg_log_posterior", negate(&prior.ln_posterior)),
    ];
    if let Some(exact) = &prior.exact {
        out.push(("neg_log_posterior_density", negate(&exact.ln_density)));
    }
    out
}
