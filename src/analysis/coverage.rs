//! The coverage lab (`--coverage R`): R synthetic data sets of size n at the true θ, and
//! what the asymptotic theory says about them checked by counting.
//!
//! For each data set: θ̂, both intervals at `--level` (the likelihood-ratio one by root
//! finding on the exact LL of the sufficient statistics, as for the figure — never a grid
//! sweep), and the statistic 2·ΔNLL(θ_true) = 2·(LL(θ̂) − LL(θ_true)). The lab reports the
//! share of intervals that cover θ_true (with its binomial standard error), the histogram of
//! 2·ΔNLL(θ_true) to set against the χ²₁ density (Wilks), and the histogram of θ̂ to set
//! against N(θ, 1/(n·I₁(θ))) with the family's closed-form expected information.
//!
//! Data set r is the sample of size n drawn from its own seed s_r, derived from `--seed` and
//! r alone ([`replicate_seed`]): the R data sets are the first R of one endless sequence (a
//! larger R adds data sets and changes none), and each is drawn and analysed on its own, so
//! the result is the same for any number of threads.

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::family::Family;
use crate::inference::{self, hypothesis::chi2_1_upper};
use crate::model::FamilyCurve;
use crate::progress::Silent;
use crate::sample::{chunk_rng, sample_likelihood};
use rand::Rng as _;
use rayon::prelude::*;
use serde::Serialize;

/// Bins of the 2·ΔNLL histogram: width 0.25 from 0; the last one also holds everything
/// beyond (χ²₁ puts 0.05 % of its mass past 12).
pub const STAT_BINS: usize = 48;
pub const STAT_WIDTH: f64 = 0.25;
/// Bins of the θ̂ histogram over θ ± 4 asymptotic SDs (within the parameter space; whole
/// lattice steps for discrete data, see [`estimate_bins`]); the end bins also hold what lies
/// beyond.
pub const ESTIMATE_BINS: usize = 40;
const ESTIMATE_SDS: f64 = 4.0;
/// Replicates analysed per parallel task: enough to amortise the scheduling, small enough to
/// spread over the threads.
const BATCH: usize = 64;
/// Mixed into each data set's seed, so that data set r is not the main sample's chunk r.
const LAB_SALT: u64 = 0x636f_7665_7261_6765; // "coverage"

/// What one data set gave.
#[derive(Debug, Clone, Copy)]
struct Replicate {
    mle: f64,
    /// 2·(LL(θ̂) − LL(θ_true)).
    statistic: f64,
    lr_covers: bool,
    /// `None`: no Wald interval (no observed information at θ̂, e.g. θ̂ on the boundary).
    wald_covers: Option<bool>,
}

/// One interval's empirical coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    /// Data sets whose interval holds θ_true.
    pub covered: u64,
    /// covered / R.
    pub coverage: f64,
    /// The binomial standard error √(c(1 − c)/R) of that share.
    pub se: f64,
}

impl Rate {
    fn of(covered: u64, r: u64) -> Rate {
        let c = covered as f64 / r as f64;
        Rate {
            covered,
            coverage: c,
            se: (c * (1.0 - c) / r as f64).sqrt(),
        }
    }
}

/// A histogram: `counts[i]` between `edges[i]` and `edges[i + 1]`; the first and last bins
/// are open outward where `open` says so, so the counts sum to the number of data sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<u64>,
    /// Whether the first bin also holds values below its edge, and the last values above.
    pub open: [bool; 2],
}

impl Histogram {
    fn new(
        lo: f64,
        hi: f64,
        bins: usize,
        open: [bool; 2],
        values: impl Iterator<Item = f64>,
    ) -> Self {
        let width = (hi - lo) / bins as f64;
        let edges = (0..=bins)
            .map(|i| if i == bins { hi } else { lo + i as f64 * width })
            .collect();
        let mut counts = vec![0; bins];
        for v in values {
            let i = ((v - lo) / width).floor();
            let i = if i.is_nan() {
                0.0
            } else {
                i.clamp(0.0, (bins - 1) as f64)
            };
            counts[i as usize] += 1;
        }
        Histogram {
            edges,
            counts,
            open,
        }
    }
}

/// The lab's results: the `coverage` object of the JSON, and what its figure draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageSummary {
    /// R, the number of data sets.
    pub replicates: u64,
    pub n: u64,
    pub theta_true: f64,
    pub seed: u64,
    pub level: f64,
    pub lr: Rate,
    pub wald: Rate,
    /// Data sets without a Wald interval (counted as not covering).
    pub wald_undefined: u64,
    /// The expected information of the whole sample, n·I₁(θ_true), or null where the family
    /// has none (irregular).
    pub expected_information: Option<f64>,
    /// 1/√(n·I₁(θ_true)): the SD of the normal law θ̂ tends to.
    pub asymptotic_sd: Option<f64>,
    /// Mean and SD of the R estimates.
    pub mle_mean: f64,
    pub mle_sd: f64,
    /// The share of data sets with 2·ΔNLL(θ_true) above χ²₁(level), which is 1 − LR coverage
    /// up to root-finding ties, and the level's tail 1 − L it should approach.
    pub lr_statistic_mean: f64,
    pub lr_statistic_histogram: Histogram,
    pub mle_histogram: Histogram,
    /// P(χ²₁ ≥ 2·threshold) = 1 − level, for the figure's readout.
    pub nominal_tail: f64,
}

/// The seed of data set `r`: the first word of the generator of chunk `r` of the salted seed
/// (SplitMix64 jumps, so data set 10⁶ costs what data set 0 does).
pub fn replicate_seed(seed: u64, r: u64) -> u64 {
    chunk_rng(seed ^ LAB_SALT, r).next_u64()
}

/// Runs the lab for the config's family at its true value.
pub fn analyse_coverage(config: &Config, replicates: u64) -> Result<CoverageSummary> {
    let Source::Sample { n, truth, seed } = &config.source else {
        return Err(Error::Usage(
            "--coverage draws synthetic data sets and cannot be used with --data".to_string(),
        ));
    };
    let likelihood = &config.likelihood;
    let Some(family) = likelihood.family.as_deref() else {
        return Err(Error::Usage(
            "--coverage runs on a built-in family with its one parameter swept".to_string(),
        ));
    };
    let k = likelihood.swept[0];
    let theta = truth[k];
    let level = config.level;
    let (n, seed) = (*n, *seed);
    let starts: Vec<u64> = (0..replicates).step_by(BATCH).collect();
    let batches: Vec<Vec<Replicate>> = starts
        .par_iter()
        .map(|&first| {
            (first..(first + BATCH as u64).min(replicates))
                .map(|r| {
                    let stats =
                        sample_likelihood(likelihood, truth, n, replicate_seed(seed, r), &Silent)?;
                    Ok(replicate(family, &stats, theta, level))
                })
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<_>>()?;
    let all: Vec<Replicate> = batches.into_iter().flatten().collect();
    Ok(summarise(family, &all, n, theta, seed, level))
}

/// θ̂, the intervals and the statistic of one data set.
fn replicate(
    family: &dyn Family,
    stats: &crate::family::SufficientStats,
    theta: f64,
    level: f64,
) -> Replicate {
    let curve = FamilyCurve { family, stats };
    let inf = inference::infer(&curve, level);
    let ll_true = family.ll(stats, theta);
    let statistic = (2.0 * (inf.ll_max - ll_true)).max(0.0);
    let lr_covers = inf.lr.0.value <= theta && theta <= inf.lr.1.value;
    let wald_covers = inf.wald.map(|(a, b)| a <= theta && theta <= b);
    Replicate {
        mle: inf.mle,
        statistic,
        lr_covers,
        wald_covers,
    }
}

fn summarise(
    family: &dyn Family,
    all: &[Replicate],
    n: u64,
    theta: f64,
    seed: u64,
    level: f64,
) -> CoverageSummary {
    let r = all.len() as u64;
    let count = |f: &dyn Fn(&Replicate) -> bool| all.iter().filter(|x| f(x)).count() as u64;
    let lr = count(&|x| x.lr_covers);
    let wald = count(&|x| x.wald_covers == Some(true));
    let wald_undefined = count(&|x| x.wald_covers.is_none());
    let expected = family
        .expected_information(theta)
        .map(|i| i * n as f64)
        .filter(|i| i.is_finite() && *i > 0.0);
    let asymptotic_sd = expected.map(|i| 1.0 / i.sqrt());
    // Estimates that are not finite (none for the families with closed forms) are left out of
    // the moments but kept in the histogram's end bins.
    let finite: Vec<f64> = all
        .iter()
        .map(|x| x.mle)
        .filter(|m| m.is_finite())
        .collect();
    let mean = finite.iter().sum::<f64>() / finite.len().max(1) as f64;
    let var =
        finite.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / (finite.len().max(2) - 1) as f64;
    let sd = var.sqrt();
    let (lo, hi) = match asymptotic_sd {
        Some(s) => (theta - ESTIMATE_SDS * s, theta + ESTIMATE_SDS * s),
        None => {
            let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo < hi {
                (lo, hi)
            } else {
                (theta - 1.0, theta + 1.0)
            }
        }
    };
    let space = family.space();
    let (lo, hi) = (lo.max(space.lo), hi.min(space.hi));
    let (lo, hi, bins) = estimate_bins(&finite, lo, hi);
    let statistic_mean = all.iter().map(|x| x.statistic).sum::<f64>() / r.max(1) as f64;
    CoverageSummary {
        replicates: r,
        n,
        theta_true: theta,
        seed,
        level,
        lr: Rate::of(lr, r),
        wald: Rate::of(wald, r),
        wald_undefined,
        expected_information: expected,
        asymptotic_sd,
        mle_mean: mean,
        mle_sd: if finite.len() > 1 { sd } else { 0.0 },
        lr_statistic_mean: statistic_mean,
        lr_statistic_histogram: Histogram::new(
            0.0,
            STAT_BINS as f64 * STAT_WIDTH,
            STAT_BINS,
            [false, true],
            all.iter().map(|x| x.statistic),
        ),
        mle_histogram: Histogram::new(lo, hi, bins, [true, true], all.iter().map(|x| x.mle)),
        nominal_tail: chi2_1_upper(2.0 * inference::threshold(level)),
    }
}

/// The θ̂ histogram's window and bins. Estimates of discrete data sit on a lattice (k/n for a
/// Bernoulli p̂): there the bins are whole multiples of the lattice step with their edges
/// half-way between lattice points, so every bar holds the same number of possible values and
/// its height is a density comparable with the normal curve (bins narrower than the step
/// would show empty gaps and bars several times too tall). Otherwise, even bins over the
/// window.
fn estimate_bins(values: &[f64], lo: f64, hi: f64) -> (f64, f64, usize) {
    let plain = (lo, hi, ESTIMATE_BINS);
    let mut distinct: Vec<f64> = values
        .iter()
        .copied()
        .filter(|v| (lo..=hi).contains(v))
        .collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * b.abs().max(1e-300));
    if distinct.len() < 2 || distinct.len() > 4 * ESTIMATE_BINS {
        return plain;
    }
    let gaps: Vec<f64> = distinct.windows(2).map(|w| w[1] - w[0]).collect();
    let step = gaps.iter().copied().fold(f64::INFINITY, f64::min);
    let on_lattice = gaps
        .iter()
        .all(|g| ((g / step) - (g / step).round()).abs() < 1e-6);
    if !(on_lattice && step > 0.0 && step.is_finite()) {
        return plain;
    }
    let width = step * ((hi - lo) / ESTIMATE_BINS as f64 / step).ceil().max(1.0);
    let origin = distinct[0] - 0.5 * step;
    let start = origin + width * ((lo - origin) / width).floor();
    let bins = (((hi - start) / width).ceil() as usize).clamp(1, 4 * ESTIMATE_BINS);
    (start, start + bins as f64 * width, bins)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{build, Dist, Known};

    #[test]
    fn expected_information_matches_scipy_integrals() {
        // E[(∂θ ln f)²] by scipy 1.17: the score by a central difference of scipy.stats'
        // logpmf/logpdf in θ, summed or integrated (quad) against f:
        // tools/coverage_reference.py.
        let known = |f: fn(&mut Known)| {
            let mut k = Known::default();
            f(&mut k);
            k
        };
        let cases: [(Dist, Known, f64, f64); 10] = [
            (
                Dist::Binomial,
                known(|k| k.trials = 10),
                0.3,
                47.619047615670766,
            ),
            (Dist::Geometric, Known::default(), 0.25, 21.333333332467085),
            (
                Dist::NegativeBinomial,
                known(|k| k.r = 2.5),
                0.3,
                39.68253967929417,
            ),
            (Dist::Poisson, Known::default(), 4.0, 0.2500000000817508),
            (
                Dist::Gamma,
                known(|k| k.shape = 3.0),
                0.5,
                12.000000000006246,
            ),
            (Dist::NormalSd, Known::default(), 1.5, 0.8888888886980769),
            (Dist::Beta, known(|k| k.b = 2.0), 2.5, 0.24163265310013052),
            (
                Dist::Cauchy,
                known(|k| k.scale = 2.0),
                0.0,
                0.1250000000219409,
            ),
            (
                Dist::StudentT,
                known(|k| {
                    k.nu = 4.0;
                    k.scale = 0.5
                }),
                0.0,
                2.8571428571387782,
            ),
            (
                Dist::LogNormal,
                known(|k| k.sigma = 0.7),
                0.5,
                2.0408163265741135,
            ),
        ];
        for (dist, known, theta, reference) in cases {
            let family = build(dist, known).unwrap();
            let i = family.expected_information(theta).unwrap();
            assert!(
                (i - reference).abs() <= 1e-7 * reference,
                "{dist}: {i} against {reference}"
            );
        }
        assert!(build(Dist::Uniform, Known::default())
            .unwrap()
            .expected_information(3.0)
            .is_none());
    }

    #[test]
    fn lattice_estimates_get_bins_of_whole_steps_centred_on_the_lattice() {
        // k/30 for k = 0..=12 in the window [0, 0.41]: one step per bin, edges at (k ± ½)/30.
        let values: Vec<f64> = (0..=12).map(|k| k as f64 / 30.0).collect();
        let (lo, hi, bins) = estimate_bins(&values, 0.0, 0.41);
        let step = 1.0 / 30.0;
        assert!((lo + 0.5 * step).abs() < 1e-12, "{lo}");
        assert!(((hi - lo) / bins as f64 - step).abs() < 1e-12);
        assert!(hi >= 0.41);
        // Scattered values: the plain window.
        assert_eq!(
            estimate_bins(&[0.1, 0.13, 0.2718], 0.0, 1.0),
            (0.0, 1.0, ESTIMATE_BINS)
        );
    }

    #[test]
    fn replicate_seeds_depend_on_the_seed_and_index_alone() {
        assert_eq!(replicate_seed(42, 7), replicate_seed(42, 7));
        assert_ne!(replicate_seed(42, 7), replicate_seed(42, 8));
        assert_ne!(replicate_seed(42, 7), replicate_seed(43, 7));
    }

    #[test]
    fn histograms_keep_every_value_in_their_end_bins() {
        let h = Histogram::new(
            0.0,
            1.0,
            4,
            [true, true],
            [-5.0, 0.1, 0.3, 0.99, 1.0, 7.0, f64::NAN].into_iter(),
        );
        assert_eq!(h.counts, vec![3, 1, 0, 3]);
        assert_eq!(h.edges, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    }
}
