//! `--animate`: one curve per frame, on common axes, as the sample size grows or the true
//! value moves.
//!
//! Every frame is the ordinary curve computed from its own observations: the grid is the widest
//! frame's window (the smallest n, or the union over the true values) unless `--range` fixes
//! it. Growing n reuses the nested samples of one seeded stream, so each frame's data are the
//! previous frame's plus new draws. The common y ranges are the figure's business (they depend
//! on what the y axis shows) and are taken by the exporter from these frames.

use super::curve::{analyse_curve, CurveAnalysis};
use super::observe;
use crate::config::{AnimateArg, Animation, Config, Source};
use crate::error::Result;
use crate::progress::Silent;

/// The frames of an animation, in order.
#[derive(Debug, Clone)]
pub struct Frames {
    pub frames: Vec<CurveAnalysis>,
    pub fps: f64,
    /// `--animate steps`: the last step of the optimiser's path each frame shows (frame k
    /// shows steps 0..=k); empty for the other animations.
    pub steps: Vec<usize>,
}

impl Frames {
    /// `--animate steps`: one frame per point of the main curve's optimiser path, each the
    /// same curve with the path drawn up to that point.
    pub fn of_path(main: &CurveAnalysis, fps: f64) -> Frames {
        let points = main.optimizer.as_ref().map_or(1, |p| p.points.len());
        Frames {
            frames: vec![main.clone(); points],
            fps,
            steps: (0..points).collect(),
        }
    }

    /// Every parameter of the model at the optimiser's current point in frame `k` (profiled
    /// ones at their maximum): what a frame draws beside the curve, e.g. a fitted curve over
    /// the data. `None` for the animations that do not follow a path.
    pub fn point(&self, k: usize) -> Option<&[f64]> {
        let step = *self.steps.get(k)?;
        let path = self.frames.get(k)?.optimizer.as_ref()?;
        path.points.get(step).map(|p| p.full.as_slice())
    }
}

/// The source of frame `k` of `frames`.
fn frame_source(config: &Config, what: AnimateArg, k: usize, frames: usize) -> Source {
    let Source::Sample { n, truth, seed } = &config.source else {
        unreachable!("the config allows --animate only for synthetic data");
    };
    let t = k as f64 / (frames - 1) as f64;
    match what {
        // Geometric steps: n grows by the same factor each frame, as the curve sharpens.
        AnimateArg::N(a, b) => {
            let n = ((a as f64).ln() + t * ((b as f64).ln() - (a as f64).ln())).exp();
            Source::Sample {
                n: (n.round() as u64).clamp(a, b),
                truth: truth.clone(),
                seed: *seed,
            }
        }
        AnimateArg::Steps => unreachable!("a path's frames are made by Frames::of_path"),
        AnimateArg::True(a, b) => {
            let mut truth = truth.clone();
            truth[config.likelihood.moved_by_truth()] = a + t * (b - a);
            Source::Sample {
                n: *n,
                truth,
                seed: *seed,
            }
        }
    }
}

/// Every frame of `animation`, on a common grid.
pub fn analyse_frames(config: &Config, animation: Animation) -> Result<Frames> {
    let sources: Vec<Source> = (0..animation.frames)
        .map(|k| frame_source(config, animation.what, k, animation.frames))
        .collect();
    let stats = sources
        .iter()
        .map(|s| observe(config, s, &Silent))
        .collect::<Result<Vec<_>>>()?;
    // First pass at each frame's own window, to find the common one.
    let range = match config.ranges[0] {
        Some(r) => r,
        None => {
            let own = sources
                .iter()
                .zip(&stats)
                .map(|(s, st)| analyse_curve(config, s, st, None))
                .collect::<Result<Vec<_>>>()?;
            own.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), o| {
                    (lo.min(o.sweep.grid.lo), hi.max(o.sweep.grid.hi))
                })
        }
    };
    let frames = sources
        .iter()
        .zip(&stats)
        .map(|(s, st)| analyse_curve(config, s, st, Some(range)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Frames {
        frames,
        fps: animation.fps,
        steps: Vec::new(),
    })
}
