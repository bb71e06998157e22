//! The interactive page's data panel: the observations behind its curves (the draws of one
//! seeded stream, or the first rows of the data file), their histogram with the model's
//! expected counts at the cursor θ, or — for data of (x, y) rows — their scatter with the
//! model's mean response where the model knows it ([`Model::fitted`]).
//!
//! The model's side is computed here from ln f of one observation (the model's own
//! log-likelihood of a one-row sample), so every family and every user's expression gets it
//! without a density function of its own.
//!
//! [`Model::fitted`]: crate::model::Model::fitted

use crate::config::Config;
use crate::data::{DataSource, Observer};
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::model::Likelihood;
use crate::progress::Silent;

/// Histogram bins of continuous data.
const BINS: usize = 30;
/// At most this many bins of counts; wider ranges group several values per bin.
const COUNT_BINS: usize = 40;
/// Points of a scatter the page holds.
pub const MAX_SCATTER: usize = 2000;
/// Points along x where a continuous density or a mean response is evaluated.
const CURVE_POINTS: usize = 41;
/// Values of a count summed per bin at most; beyond, a bin's centre stands for it.
const MAX_SUMMED: usize = 4000;

/// How the page draws the observations and the model beside them.
#[derive(Debug, Clone, PartialEq)]
pub enum Panel {
    /// Bins `lo + k·width`, `bins` of them. Counts: each bin holds `width` whole values
    /// (`lo` is the first minus ½) and the model is the bin's probability; continuous data:
    /// the model is the density at `xs`.
    Histogram {
        lo: f64,
        width: f64,
        bins: usize,
        counts: bool,
        xs: Vec<f64>,
    },
    /// (x, y) rows, the first [`MAX_SCATTER`]; the model is the mean response at `xs`.
    Scatter {
        x_name: String,
        y_name: String,
        x: Vec<f64>,
        y: Vec<f64>,
        xs: Vec<f64>,
    },
}

/// The observations of one true value, or of the data file.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed {
    /// One value per observation; `rows` counts them all, `values` holds the first ones.
    Values { values: Vec<f64>, rows: u64 },
    /// Named columns of a user's model, the first rows of each.
    Columns {
        names: Vec<String>,
        columns: Vec<Vec<f64>>,
        rows: u64,
    },
}

/// A data reader's observer that keeps the first values it is given, for the page's nested
/// prefixes of a built-in family's data (the statistics of the whole file are the run's).
struct Recorder<'a> {
    likelihood: &'a Likelihood,
    cap: usize,
}

#[derive(Debug, Default)]
struct Recorded {
    n: u64,
    values: Vec<f64>,
    cap: usize,
}

impl Observer for Recorder<'_> {
    type Stats = Recorded;
    fn model_name(&self) -> String {
        self.likelihood.model.name().to_string()
    }
    fn check_value(&self, x: f64) -> std::result::Result<(), String> {
        self.likelihood.check(x)
    }
    fn counts(&self) -> bool {
        self.likelihood.counts()
    }
    fn observe_values(&self, stats: &mut Recorded, xs: &[f64]) {
        stats.n += xs.len() as u64;
        stats.cap = self.cap;
        let room = self.cap.saturating_sub(stats.values.len());
        stats.values.extend(xs.iter().take(room));
    }
    fn merge(total: &mut Recorded, part: &Recorded) {
        total.n += part.n;
        total.cap = total.cap.max(part.cap);
        let room = total.cap.saturating_sub(total.values.len());
        total.values.extend(part.values.iter().take(room));
    }
    fn count(stats: &Recorded) -> u64 {
        stats.n
    }
}

impl Observed {
    /// The first `n` draws at `truth` for `seed`: the sample of size n for every n up to it.
    /// A regression's draws are (x, y) rows, which only the sampler's statistics hold (its
    /// single-value draws are no observation): their first rows are the scatter's points.
    pub fn drawn(likelihood: &Likelihood, truth: &[f64], n: u64, seed: u64) -> Result<Observed> {
        if likelihood.model.row_width() == 2 {
            let stats = crate::sample::sample_likelihood(likelihood, truth, n, seed, &Silent)?;
            let (x, y) = stats.pairs.rows.iter().copied().unzip();
            let names = likelihood.model.columns().map_or_else(
                || vec!["x".to_string(), "y".to_string()],
                <[String]>::to_vec,
            );
            return Ok(Observed::Columns {
                names,
                columns: vec![x, y],
                rows: n,
            });
        }
        Ok(Observed::Values {
            values: crate::sample::likelihood_draws(likelihood, truth, n as usize, seed),
            rows: n,
        })
    }

    /// The first `cap` observations of the data file (already read and checked by the run).
    pub fn read(config: &Config, data: &DataSource, cap: usize) -> Result<Observed> {
        let likelihood = &config.likelihood;
        if likelihood.model.columns().is_some() {
            let (names, columns, rows) = crate::table::read_columns(data, cap)?;
            if names.len() == 1 {
                let values = columns.into_iter().next().unwrap_or_default();
                return Ok(Observed::Values { values, rows });
            }
            return Ok(Observed::Columns {
                names,
                columns,
                rows,
            });
        }
        if matches!(data, DataSource::Stdin) {
            return Err(Error::Usage(
                "--data -: the interactive page reads the observations a second time for its nested samples, and standard input can be read only once; save them to a file"
                    .to_string(),
            ));
        }
        let recorder = Recorder { likelihood, cap };
        let recorded = crate::data::read_stats_formatted(
            &recorder,
            data,
            &Silent,
            u64::MAX,
            &config.data_format,
        )?;
        Ok(Observed::Values {
            values: recorded.values,
            rows: recorded.n,
        })
    }

    /// Every observation, counting those not held.
    pub fn rows(&self) -> u64 {
        match self {
            Observed::Values { rows, .. } | Observed::Columns { rows, .. } => *rows,
        }
    }

    /// The statistics of the first `n` observations (n at most the number held). Rows of a
    /// user's model go in the batches of the run's own reader, so the sums are the same.
    pub fn stats(&self, likelihood: &Likelihood, n: usize) -> SufficientStats {
        let mut stats = SufficientStats::default();
        match self {
            Observed::Values { values, .. } => likelihood.observe(&mut stats, &values[..n]),
            Observed::Columns { columns, .. } => {
                let mut at = 0;
                while at < n {
                    let end = n.min(at + crate::table::BATCH);
                    let batch: Vec<&[f64]> = columns.iter().map(|c| &c[at..end]).collect();
                    // The run read these rows already and refused any it could not use.
                    let _ = likelihood.model.observe_rows(&mut stats, &batch);
                    at = end;
                }
            }
        }
        stats
    }

    /// The data panel's layout for these observations.
    pub fn panel(&self, likelihood: &Likelihood) -> Panel {
        match self {
            Observed::Values { values, .. } => {
                // A user's expression does not say whether it is a probability of counts:
                // the family that draws its data does, and whole-number data suggest it.
                let counts = likelihood.counts()
                    || likelihood.model.drawn().is_some_and(|d| d.counts())
                    || (likelihood.model.expression().is_some()
                        && values.iter().all(|v| v.fract() == 0.0));
                histogram_panel(values, counts)
            }
            Observed::Columns { names, columns, .. } => {
                // A column named x and one named y if there are, else the first two.
                let find = |name: &str, default: usize| {
                    names.iter().position(|n| n == name).unwrap_or(default)
                };
                let (i, j) = (find("x", 0), find("y", 1));
                let (i, j) = if i == j { (0, 1) } else { (i, j) };
                let x: Vec<f64> = columns[i].iter().take(MAX_SCATTER).copied().collect();
                let y: Vec<f64> = columns[j].iter().take(MAX_SCATTER).copied().collect();
                let (lo, hi) = range(&x);
                Panel::Scatter {
                    x_name: names[i].clone(),
                    y_name: names[j].clone(),
                    xs: spread(lo, hi, CURVE_POINTS),
                    x,
                    y,
                }
            }
        }
    }

    /// The histogram counts of the first `n` observations (empty for a scatter).
    pub fn histogram(&self, panel: &Panel, n: usize) -> Vec<u64> {
        let (
            Observed::Values { values, .. },
            Panel::Histogram {
                lo, width, bins, ..
            },
        ) = (self, panel)
        else {
            return Vec::new();
        };
        let mut counts = vec![0u64; *bins];
        for &x in &values[..n.min(values.len())] {
            let k = ((x - lo) / width).floor();
            let k = if k.is_finite() {
                k.max(0.0) as usize
            } else {
                0
            };
            counts[k.min(bins - 1)] += 1;
        }
        counts
    }
}

fn range(values: &[f64]) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    }
}

/// `points` evenly spaced values from `lo` to `hi`.
fn spread(lo: f64, hi: f64, points: usize) -> Vec<f64> {
    (0..points)
        .map(|i| lo + (hi - lo) * i as f64 / (points - 1) as f64)
        .collect()
}

fn histogram_panel(values: &[f64], counts: bool) -> Panel {
    let (min, max) = range(values);
    if counts {
        let span = (max - min + 1.0).max(1.0);
        let width = (span / COUNT_BINS as f64).ceil().max(1.0);
        let bins = (span / width).ceil() as usize;
        let lo = min - 0.5;
        let xs = (0..bins).map(|k| min + k as f64 * width).collect();
        return Panel::Histogram {
            lo,
            width,
            bins,
            counts,
            xs,
        };
    }
    let (lo, width) = if max > min {
        (min, (max - min) / BINS as f64)
    } else {
        (min - 0.5, 1.0 / BINS as f64)
    };
    Panel::Histogram {
        lo,
        width,
        bins: BINS,
        counts,
        xs: spread(lo, lo + width * BINS as f64, CURVE_POINTS),
    }
}

/// f(x; θ) of one observation, 0 outside the support; `None` where it is undefined.
fn density(likelihood: &Likelihood, theta: &[f64], x: f64) -> Option<f64> {
    if likelihood.check(x).is_err() {
        return Some(0.0);
    }
    let mut one = SufficientStats::default();
    likelihood.observe(&mut one, &[x]);
    let ln_f = match &likelihood.family {
        Some(family) => family.ll(&one, theta[likelihood.swept[0]]),
        None => likelihood.model.ll(&one, theta),
    };
    (!ln_f.is_nan() && ln_f < f64::INFINITY).then(|| ln_f.exp())
}

/// The panel's model at the parameters `theta` (every parameter of the model): each count
/// bin's probability, the density at each x, or the mean response at each x (none when the
/// model has no mean function).
pub fn model_at(likelihood: &Likelihood, panel: &Panel, theta: &[f64]) -> Vec<Option<f64>> {
    match panel {
        Panel::Histogram {
            counts: true,
            xs,
            width,
            ..
        } => {
            let w = *width as usize;
            xs.iter()
                .map(|&first| {
                    if w * xs.len() > MAX_SUMMED {
                        return density(likelihood, theta, first + (w / 2) as f64)
                            .map(|p| p * *width);
                    }
                    (0..w)
                        .map(|k| density(likelihood, theta, first + k as f64))
                        .sum::<Option<f64>>()
                })
                .collect()
        }
        Panel::Histogram { xs, .. } => xs.iter().map(|&x| density(likelihood, theta, x)).collect(),
        Panel::Scatter { xs, .. } => {
            let mean: Option<Vec<f64>> = xs
                .iter()
                .map(|&x| likelihood.model.fitted(theta, x))
                .collect();
            mean.map_or_else(Vec::new, |m| m.into_iter().map(Some).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Source};

    fn config(args: crate::Request) -> Config {
        Config::from_request(args).unwrap()
    }

    #[test]
    fn the_histogram_holds_the_draws_behind_the_curves() {
        // The draws the panel bins are the ones the sampler folded into the statistics of
        // every nested n: their sum and their count agree exactly (sums in the same order).
        let c = config(crate::Request {
            dist: crate::family::Dist::Normal,
            out: vec!["p.html".into()],
            ..crate::Request::default()
        });
        let Source::Sample { truth, seed, .. } = &c.source else {
            unreachable!()
        };
        let observed = Observed::drawn(&c.likelihood, truth, 100, *seed).unwrap();
        for n in [5, 23, 100] {
            let sampled =
                crate::sample::sample_likelihood(&c.likelihood, truth, n, *seed, &Silent).unwrap();
            let ours = observed.stats(&c.likelihood, n as usize);
            assert_eq!(ours.n, sampled.n);
            let ll = |s: &SufficientStats| c.likelihood.model.ll(s, &[0.7, 1.3]);
            assert_eq!(ll(&ours), ll(&sampled), "n = {n}");
        }
        let panel = observed.panel(&c.likelihood);
        let hist = observed.histogram(&panel, 100);
        assert_eq!(hist.iter().sum::<u64>(), 100);
    }

    #[test]
    fn count_bins_hold_whole_values_and_their_probabilities_sum_to_one() {
        let panel = histogram_panel(&[0.0, 2.0, 2.0, 7.0], true);
        let Panel::Histogram {
            lo, width, bins, ..
        } = panel
        else {
            unreachable!()
        };
        assert_eq!((lo, width, bins), (-0.5, 1.0, 8));
        let wide = histogram_panel(&[0.0, 100.0], true);
        let Panel::Histogram { width, bins, .. } = wide else {
            unreachable!()
        };
        assert_eq!((width, bins), (3.0, 34));
        // A Poisson(4) model over 0..=60 in bins of 3: the bins' probabilities sum to 1.
        let c = config(crate::Request {
            dist: crate::family::Dist::Poisson,
            out: vec!["p.html".into()],
            ..crate::Request::default()
        });
        let panel = histogram_panel(&[0.0, 60.0], true);
        let p: f64 = model_at(&c.likelihood, &panel, &[4.0])
            .into_iter()
            .map(|v| v.unwrap())
            .sum();
        assert!((p - 1.0).abs() < 1e-12, "{p}");
    }
}
