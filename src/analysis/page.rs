//! The interactive page's curves: ΔNLL for a grid of true values and a ladder of nested sample
//! sizes (the first n draws of one seeded stream, so growing n only adds data), each with its
//! estimate and likelihood-ratio interval. The page's script only draws them.

use super::curve::refuse_unbounded;
use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::inference;
use crate::progress::Silent;
use crate::sample::sample_likelihood;

/// True values on the slider.
const TRUTHS: usize = 25;
/// Grid points of each curve.
const POINTS: usize = 241;
/// ΔNLL above which curves are cut off on the page.
pub const CLIP: f64 = 12.0;
/// The largest sample size on the page's n slider.
const MAX_N: u64 = 100_000;

/// One precomputed curve.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCurve {
    /// ΔNLL at each x, `None` where it is above [`CLIP`] or infinite.
    pub delta: Vec<Option<f64>>,
    pub mle: f64,
    pub lr: (f64, f64),
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub x: Vec<f64>,
    pub truths: Vec<f64>,
    /// The index of the truth closest to the run's, where the page starts.
    pub start: usize,
    pub ns: Vec<u64>,
    pub threshold: f64,
    /// `curves[t][k]`: truth t, sample size k.
    pub curves: Vec<Vec<PageCurve>>,
    pub title: String,
    /// The swept parameter's symbol.
    pub symbol: String,
    pub level: f64,
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

/// The page's curves for the run's model and seed.
pub fn analyse_page(config: &Config) -> Result<Page> {
    let likelihood = &config.likelihood;
    let Source::Sample { n, truth, seed } = &config.source else {
        return Err(Error::Usage(
            "an interactive page draws synthetic data: drop --data for --out *.html".to_string(),
        ));
    };
    let swept = likelihood.swept[0];
    let param = likelihood.swept_param(0);
    let ns = ladder((*n).min(MAX_N));
    let t = param.default;
    let space = param.space;
    let (t_lo, t_hi) = match (space.lo.is_finite(), space.hi.is_finite()) {
        (true, true) => (
            space.lo + 0.05 * (space.hi - space.lo),
            space.hi - 0.05 * (space.hi - space.lo),
        ),
        (true, false) => (
            space.lo + 0.25 * (t - space.lo),
            space.lo + 2.5 * (t - space.lo),
        ),
        _ => (t - 3.0, t + 3.0),
    };
    let truths: Vec<f64> = (0..TRUTHS)
        .map(|i| t_lo + (t_hi - t_lo) * i as f64 / (TRUTHS - 1) as f64)
        .collect();
    let pad = 0.5 * (t_hi - t_lo);
    let x_lo = (t_lo - pad).max(space.lo + 1e-3 * (t_hi - t_lo));
    let x_hi = (t_hi + pad).min(space.hi - 1e-3 * (t_hi - t_lo));
    let x: Vec<f64> = (0..POINTS)
        .map(|i| x_lo + (x_hi - x_lo) * i as f64 / (POINTS - 1) as f64)
        .collect();
    let mut curves = Vec::with_capacity(truths.len());
    for &value in &truths {
        let mut moved = truth.clone();
        moved[swept] = value;
        let mut row = Vec::with_capacity(ns.len());
        for &size in &ns {
            let stats = sample_likelihood(likelihood, &moved, size, *seed, &Silent)?;
            let source = Source::Sample {
                n: size,
                truth: moved.clone(),
                seed: *seed,
            };
            refuse_unbounded(likelihood, &source, &stats)?;
            let curve = likelihood.curve(&stats, 0);
            let inf = inference::infer(curve.as_ref(), config.level);
            let delta = x
                .iter()
                .map(|&at| {
                    let v = inf.ll_max - curve.ll(at);
                    (v.is_finite() && v <= CLIP).then_some(v)
                })
                .collect();
            row.push(PageCurve {
                delta,
                mle: inf.mle,
                lr: (inf.lr.0.value, inf.lr.1.value),
            });
        }
        curves.push(row);
    }
    let start = (0..truths.len())
        .min_by(|&i, &j| {
            (truths[i] - truth[swept])
                .abs()
                .total_cmp(&(truths[j] - truth[swept]).abs())
        })
        .unwrap_or(0);
    Ok(Page {
        x,
        truths,
        start,
        ns,
        threshold: inference::threshold(config.level),
        curves,
        title: format!("{} likelihood: move the sliders", likelihood.label()),
        symbol: param.symbol.clone(),
        level: config.level,
    })
}

#[cfg(test)]
mod tests {
    use super::ladder;

    #[test]
    fn the_ladder_climbs_by_thirds_of_a_decade_to_n() {
        assert_eq!(ladder(100), vec![5, 11, 23, 50, 100]);
        assert_eq!(ladder(3), vec![3]);
    }
}
