//! The interactive page's content: for each true value on its slider (synthetic data) or for
//! the data file, and for each sample size of a ladder of nested samples (the first n draws of
//! one seeded stream, or the first n rows of the file), the very curve a CSV of the same run
//! holds — computed by [`analyse_curve`] with the run's options, so the page and
//! `--out curve.csv` agree to the last bit at every grid point the page keeps — with the score
//! and observed information the three tests at a cursor θ₀ need, and the data panel's
//! histogram or scatter (see [`super::page_panel`]).
//!
//! The page's script computes nothing the likelihood needs (no lgamma, no sums): it reads
//! these numbers and draws them.

use super::curve::{analyse_curve, refuse_unbounded};
use super::page_panel::{self, Observed, Panel};
use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::model::{Curve, FamilyCurve, Fit, ProfileCurve};
use crate::progress::Silent;
use crate::sample::sample_likelihood;
use crate::theme::Theme;

/// True values on the slider besides the run's own.
const TRUTHS: usize = 12;
/// Grid points a curve keeps at most: every k-th point of the run's grid, and its last.
const SHOWN: usize = 201;
/// Cursor positions (spread over the kept points) at which the data panel's model is
/// computed; the page interpolates between neighbours.
const CURSORS: usize = 13;
/// The largest sample size on the page's n slider.
pub const MAX_N: u64 = 100_000;

/// One precomputed curve: one sample size at one true value.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCurve {
    pub n: u64,
    /// The run's grid ends: point i is [`crate::sweep::Grid::at`]`(i)`, which the page's
    /// script repeats with the same floating-point operations.
    pub lo: f64,
    pub hi: f64,
    /// NLL at the kept grid points, exactly the CSV's values.
    pub nll: Vec<f64>,
    /// U(θ) = LL′(θ) and J(θ) = −LL″(θ) (of the profile, when parameters are maximised) at
    /// the kept points: the score statistic at a cursor.
    pub score: Vec<f64>,
    pub information: Vec<f64>,
    pub ll_max: f64,
    pub mle: f64,
    /// The likelihood-ratio interval.
    pub lr: (f64, f64),
    /// J(θ̂), for the Wald statistic; `None` where the model is irregular.
    pub mle_information: Option<f64>,
    /// The data panel's histogram counts (empty for a scatter).
    pub hist: Vec<u64>,
    /// The data panel's model at each cursor position (see [`Panel`]): `None` where it is
    /// undefined.
    pub model: Vec<Vec<Option<f64>>>,
}

/// One true value (or the data file) with its curves, smallest n first.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTruth {
    /// The value of the true-value slider; `None` for observed data.
    pub value: Option<f64>,
    /// The true value of the swept parameter, where the data's generator has one (a mark).
    pub swept_value: Option<f64>,
    /// The generator with its values, "Poisson(λ = 3)", for the data source line.
    pub generator: String,
    pub panel: Panel,
    pub curves: Vec<PageCurve>,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: String,
    /// The model, "Poisson(λ)".
    pub family: String,
    pub symbol: String,
    pub hat: String,
    /// The true-value slider's parameter symbol (the drawing family's, under `--draw`).
    pub truth_symbol: String,
    /// Synthetic data's seed; `None` for a data file, whose name is `data_name`.
    pub seed: Option<u64>,
    pub data_name: Option<String>,
    /// Rows in the data file (the page's n stops at [`MAX_N`]).
    pub data_rows: u64,
    /// Symbols of the parameters maximised at each point.
    pub profiled: Vec<String>,
    /// Why the χ²₁ reference of the three tests does not hold, for a model that is not
    /// regular (the uniform's support moves with θ): said beside the p-values.
    pub irregular: Option<String>,
    /// Why the n slider starts above the ladder's first sizes or the true-value slider lacks
    /// some values: small nested samples of a logistic regression are often separated and
    /// have no finite estimate, which is no reason to refuse the page, but is said on it.
    pub skipped: Option<String>,
    pub level: f64,
    pub threshold: f64,
    pub ns: Vec<u64>,
    /// The truth the page opens at (the run's own).
    pub start: usize,
    /// Points of the run's grid.
    pub points: usize,
    /// The grid indices the page keeps.
    pub kept: Vec<usize>,
    /// Positions in `kept` where the data panel's model is computed.
    pub cursors: Vec<usize>,
    pub truths: Vec<PageTruth>,
    pub theme: Theme,
}

/// Sample sizes on the n slider: about three per decade from 5 up to the run's n.
fn ladder(n_max: u64) -> Vec<u64> {
    let mut ns = Vec::new();
    let mut k = 0;
    loop {
        let n = (5.0 * 10f64.powf(k as f64 / 3.0)).round() as u64;
        if n >= n_max {
            break;
        }
        if ns.last() != Some(&n) {
            ns.push(n);
        }
        k += 1;
    }
    ns.push(n_max.max(1));
    ns
}

/// Every `k`-th index of a grid of `points` and its last: at most [`SHOWN`].
fn kept_indices(points: usize) -> Vec<usize> {
    let stride = (points - 1).div_ceil(SHOWN - 1).max(1);
    let mut kept: Vec<usize> = (0..points - 1).step_by(stride).collect();
    kept.push(points - 1);
    kept
}

/// [`CURSORS`] positions spread evenly over `len` kept points, both ends included.
fn cursor_positions(len: usize) -> Vec<usize> {
    let k = CURSORS.min(len);
    let mut at: Vec<usize> = (0..k)
        .map(|i| ((i * (len - 1)) as f64 / (k - 1).max(1) as f64).round() as usize)
        .collect();
    at.dedup();
    at
}

/// The true values on the slider: the run's own `t` among [`TRUTHS`] spread over a range
/// the parameter space allows.
fn truth_grid(t: f64, lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo)),
        (true, false) => (lo + 0.25 * (t - lo), lo + 2.5 * (t - lo)),
        (false, true) => (hi - 2.5 * (hi - t), hi - 0.25 * (hi - t)),
        (false, false) => (t - 3.0, t + 3.0),
    };
    let mut truths: Vec<f64> = (0..TRUTHS)
        .map(|i| a + (b - a) * i as f64 / (TRUTHS - 1) as f64)
        .filter(|&v| v > lo && v < hi)
        .collect();
    truths.push(t);
    truths.sort_by(f64::total_cmp);
    // A grid value within a hundredth of a step of t would be a second stop at the same place.
    let close = 0.01 * (b - a) / (TRUTHS - 1) as f64;
    truths.retain(|&v| v == t || (v - t).abs() > close);
    truths.dedup();
    truths
}

/// The page's content for the run's model, options and observations.
pub fn analyse_page(config: &Config) -> Result<Page> {
    let likelihood = &config.likelihood;
    if config.axis.is_natural() {
        return Err(Error::Usage(
            "--param natural: the interactive page sweeps the parameter itself; drop --param natural for --out *.html"
                .to_string(),
        ));
    }
    let param = likelihood.swept_param(0);
    let kept = kept_indices(config.points);
    let cursors = cursor_positions(kept.len());
    let mut page =
        Page {
            title: config.figure.title.clone().unwrap_or_else(|| {
                match likelihood.model.expression() {
                    Some(_) => format!("Likelihood of {}", param.symbol),
                    None => format!("{} likelihood", likelihood.label()),
                }
            }),
            // A user's model is its expression: "Model(lam)" would say nothing.
            family: match likelihood.model.expression() {
                Some(expression) => format!("ln f = {expression}"),
                None => likelihood.label(),
            },
            symbol: param.symbol.clone(),
            hat: param.hat.clone(),
            truth_symbol: param.symbol.clone(),
            seed: None,
            data_name: None,
            data_rows: 0,
            profiled: likelihood
                .profiled()
                .into_iter()
                .map(|i| likelihood.params()[i].symbol.clone())
                .collect(),
            irregular: None,
            skipped: None,
            level: config.level,
            threshold: crate::inference::threshold(config.level),
            ns: Vec::new(),
            start: 0,
            points: config.points,
            kept,
            cursors,
            truths: Vec::new(),
            theme: config.figure.theme.clone(),
        };
    match &config.source {
        Source::Sample { n, truth, seed } => {
            page.seed = Some(*seed);
            page.ns = ladder((*n).min(MAX_N));
            let generator = likelihood.generator();
            let j = likelihood.moved_by_truth();
            let p = &generator.params()[j];
            page.truth_symbol = p.symbol.clone();
            let values = truth_grid(truth[j], p.space.lo, p.space.hi);
            let mut partial = Vec::new();
            page.start = values.iter().position(|&v| v == truth[j]).unwrap_or(0);
            for &value in &values {
                let mut moved = truth.clone();
                moved[j] = value;
                if generator.check_true(&moved).is_err()
                    || generator.check_sampling(&moved).is_err()
                {
                    continue;
                }
                let largest = *page.ns.last().unwrap_or(&1);
                let observed = Observed::drawn(likelihood, &moved, largest, *seed)?;
                let stats = |size: u64| sample_likelihood(likelihood, &moved, size, *seed, &Silent);
                let source = |size: u64| Source::Sample {
                    n: size,
                    truth: moved.clone(),
                    seed: *seed,
                };
                let fixed = generator_label(generator, &moved);
                let mut irregular = None;
                let truth = page_truth(
                    config,
                    &page,
                    Some(value),
                    likelihood.model.true_value(&moved, likelihood.swept[0]),
                    fixed,
                    observed,
                    &stats,
                    &source,
                    &mut irregular,
                )?;
                page.irregular = page.irregular.take().or(irregular);
                partial.push(truth);
            }
            let run = values.get(page.start).copied();
            let (truths, start) = drop_unbounded(&mut page, partial, run)?;
            page.truths = truths;
            page.start = start;
        }
        Source::Data(data) => {
            let observed = Observed::read(config, data, MAX_N as usize)?;
            page.data_name = Some(data.name());
            page.data_rows = observed.rows();
            page.ns = ladder(observed.rows().min(MAX_N));
            let stats = |size: u64| Ok(observed.stats(likelihood, size as usize));
            let source = |_: u64| Source::Data(data.clone());
            let mut irregular = None;
            let truth = page_truth(
                config,
                &page,
                None,
                None,
                String::new(),
                observed.clone(),
                &stats,
                &source,
                &mut irregular,
            )?;
            page.irregular = irregular;
            let (truths, _) = drop_unbounded(&mut page, vec![truth], None)?;
            page.truths = truths;
        }
    }
    if page.truths.is_empty() {
        return Err(Error::Usage(
            "the interactive page found no true value its model can draw from; give another --true"
                .to_string(),
        ));
    }
    Ok(page)
}

/// "Poisson(λ = 3)": the generator at its true values.
fn generator_label(generator: &dyn crate::model::Model, truth: &[f64]) -> String {
    let free = vec![None; truth.len()];
    let label = generator.label(&free);
    let name = label.split('(').next().unwrap_or(&label);
    let values: Vec<String> = generator
        .params()
        .iter()
        .zip(truth)
        .map(|(p, &v)| format!("{} = {}", p.symbol, crate::digits::shortest(v)))
        .collect();
    format!("{name}({})", values.join(", "))
}

/// One true value's curves over the page's sample sizes, before the sizes whose sample has no
/// finite estimate are dropped: there `curves` holds the run's error for that sample.
struct Partial {
    truth: PageTruth,
    curves: Vec<Result<PageCurve>>,
}

/// The truths and sizes the page keeps. The n slider starts no earlier than the first size
/// whose sample has a finite estimate at the run's own true value (`run`; the data file's when `None`):
/// nested samples, so a prefix of separated classes is separated too and the gaps are at the
/// start; it starts later if that keeps all but a quarter of the slider's true values. Other
/// true values whose sample has none at that size are left out rather than letting an
/// extreme one (a steep slope separates the classes longer) empty the ladder. The
/// run's own data without a finite estimate even at its largest n is the run's error.
/// Returns the kept truths and the position of the run's among them.
fn drop_unbounded(
    page: &mut Page,
    partial: Vec<Partial>,
    run: Option<f64>,
) -> Result<(Vec<PageTruth>, usize)> {
    let symbol = page.truth_symbol.clone();
    // The first size from which each truth's samples all have a finite estimate.
    let need = |p: &Partial| {
        p.curves
            .iter()
            .rposition(Result::is_err)
            .map_or(0, |i| i + 1)
    };
    let own = partial
        .iter()
        .position(|p| p.truth.value == run)
        .unwrap_or(0);
    let mut partial = partial;
    let own_need = partial.get(own).map_or(0, need);
    // The n slider starts later where that keeps all but a quarter of the true values.
    let first = (own_need..page.ns.len())
        .find(|&k| 4 * partial.iter().filter(|p| need(p) > k).count() <= partial.len())
        .unwrap_or(own_need);
    if first > 0 && first == page.ns.len() {
        let mut own = partial.swap_remove(own);
        if let Some(Err(e)) = own.curves.pop() {
            return Err(e);
        }
    }
    let mut dropped = Vec::new();
    let mut kept = Vec::new();
    for p in partial {
        if need(&p) > first {
            dropped.push(crate::digits::number(p.truth.value.unwrap_or(f64::NAN)));
        } else {
            kept.push(p);
        }
    }
    let mut notes = Vec::new();
    if first > 0 {
        // The reason of the largest size left out, of the first truth that had one.
        let why = kept
            .iter()
            .find_map(|p| match &p.curves[first - 1] {
                Err(Error::Dataset { message, .. }) => Some((p.truth.value, brief(message))),
                _ => None,
            })
            .map(|(value, message)| match value {
                Some(v) => format!(
                    "at n = {}, true {symbol} = {}, {message}",
                    page.ns[first - 1],
                    crate::digits::number(v)
                ),
                None => format!("at n = {}, {message}", page.ns[first - 1]),
            })
            .unwrap_or_default();
        notes.push(format!(
            "The n slider starts at {} because a smaller nested sample has no finite estimate ({why}).",
            page.ns[first]
        ));
    }
    if !dropped.is_empty() {
        notes.push(format!(
            "True {symbol} = {} left out: the sample of n = {} has no finite estimate there.",
            dropped.join(", "),
            page.ns[first]
        ));
    }
    page.skipped = (!notes.is_empty()).then(|| notes.join(" "));
    page.ns.drain(..first);
    let mut start = 0;
    let mut truths = Vec::with_capacity(kept.len());
    for (k, p) in kept.into_iter().enumerate() {
        if p.truth.value.is_some() && p.truth.value == run {
            start = k;
        }
        let mut truth = p.truth;
        truth.curves = p.curves.into_iter().skip(first).collect::<Result<_>>()?;
        truths.push(truth);
    }
    Ok((truths, start))
}

/// A reason without its parenthesised detail (the x values that separate one sample's
/// classes), which would fill the page's note.
fn brief(message: &str) -> String {
    match (message.find(" ("), message.find("), ")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &message[..a], &message[b + 1..]),
        _ => message.to_string(),
    }
}

/// One true value's curves over the page's sample sizes.
#[allow(clippy::too_many_arguments)]
fn page_truth(
    config: &Config,
    page: &Page,
    value: Option<f64>,
    swept_value: Option<f64>,
    generator: String,
    observed: Observed,
    stats_of: &dyn Fn(u64) -> Result<SufficientStats>,
    source_of: &dyn Fn(u64) -> Source,
    irregular: &mut Option<String>,
) -> Result<Partial> {
    let likelihood = &config.likelihood;
    let panel = observed.panel(likelihood);
    let mut curves = Vec::with_capacity(page.ns.len());
    for &size in &page.ns {
        let stats = stats_of(size)?;
        let source = source_of(size);
        if let Err(e) = refuse_unbounded(likelihood, &source, &stats) {
            curves.push(Err(e));
            continue;
        }
        let analysis = analyse_curve(config, &source, &stats, config.ranges[0])?;
        let sweep = &analysis.sweep;
        // Every parameter at grid point i: the swept one there, the profiled ones at their
        // maximum there (the CSV's columns), the fixed ones at their values.
        let theta_at = |i: usize| {
            let mut theta = analysis.estimate.clone();
            theta[likelihood.swept[0]] = sweep.theta[i];
            for (p, (_, values)) in likelihood.profiled().into_iter().zip(&analysis.nuisance) {
                theta[p] = values[i];
            }
            theta
        };
        let (score, curvature): (Vec<f64>, Vec<f64>) = match &likelihood.family {
            Some(family) => {
                let curve = FamilyCurve {
                    family: family.as_ref(),
                    stats: &stats,
                };
                if let Some(why) = curve.irregular() {
                    *irregular = Some(why.to_string());
                }
                page.kept
                    .iter()
                    .map(|&i| (curve.score(sweep.theta[i]), curve.curvature(sweep.theta[i])))
                    .unzip()
            }
            None => {
                // The profile's derivatives where the sweep already maximised the nuisance
                // parameters: no fit repeated.
                let joint = Fit {
                    ll: analysis.theta_inference.ll_max,
                    theta: analysis.estimate.clone(),
                    closed_form: false,
                };
                let profile = ProfileCurve::with_joint(
                    likelihood.model.as_ref(),
                    &stats,
                    &likelihood.free(),
                    likelihood.swept[0],
                    joint,
                );
                if let Some(why) = profile.irregular() {
                    *irregular = Some(why.to_string());
                }
                page.kept
                    .iter()
                    .map(|&i| profile.derivatives_at(&theta_at(i)))
                    .unzip()
            }
        };
        let finite = |v: f64| if v.is_finite() { v } else { f64::NAN };
        let nll: Vec<f64> = page.kept.iter().map(|&i| -sweep.ll[i]).collect();
        let score = score.into_iter().map(finite).collect();
        let information = curvature.into_iter().map(|c| finite(-c)).collect();
        let inference = &analysis.theta_inference;
        let model = page
            .cursors
            .iter()
            .map(|&k| page_panel::model_at(likelihood, &panel, &theta_at(page.kept[k])))
            .collect();
        curves.push(Ok(PageCurve {
            n: stats.n,
            lo: sweep.grid.lo,
            hi: sweep.grid.hi,
            nll,
            score,
            information,
            ll_max: inference.ll_max,
            mle: inference.mle,
            lr: (inference.lr.0.value, inference.lr.1.value),
            mle_information: inference.information.as_ref().ok().copied(),
            hist: observed.histogram(&panel, size as usize),
            model,
        }));
    }
    Ok(Partial {
        truth: PageTruth {
            value,
            swept_value,
            generator,
            panel,
            curves: Vec::new(),
        },
        curves,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_climbs_by_thirds_of_a_decade_to_n() {
        assert_eq!(ladder(100), vec![5, 11, 23, 50, 100]);
        assert_eq!(ladder(3), vec![3]);
    }

    #[test]
    fn kept_points_are_every_kth_and_the_last() {
        assert_eq!(kept_indices(5), vec![0, 1, 2, 3, 4]);
        let k = kept_indices(1000);
        assert_eq!(k.len(), 201);
        assert_eq!((k[1], k[199], k[200]), (5, 995, 999));
        assert_eq!(cursor_positions(201).len(), CURSORS);
        assert_eq!(cursor_positions(3), vec![0, 1, 2]);
    }

    #[test]
    fn the_run_s_truth_is_one_of_the_slider_s_values() {
        let t = truth_grid(3.0, 0.0, f64::INFINITY);
        assert!(t.contains(&3.0));
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        assert!(t.iter().all(|&v| v > 0.0));
        let p = truth_grid(0.37, 0.0, 1.0);
        assert!(p.contains(&0.37) && p.iter().all(|&v| v > 0.0 && v < 1.0));
    }
}
