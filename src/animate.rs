//! `--animate`: the figure as an animated GIF whose frames grow n or move the true θ.
//!
//! Every frame is the ordinary figure with the same axes throughout: the grid is the widest
//! frame's window (the smallest n, or the union over the true values) unless `--range` fixes
//! it, and the y ranges are the union over all frames. Growing n reuses the nested samples of
//! one seeded stream, so each frame only adds draws to the one before. The frames are drawn
//! and encoded by the GIF exporter (`export::gif`).

use crate::config::{AnimateArg, Config, Source, YScale};
use crate::error::{Error, Result};
use crate::render::{self, y_extent};
use crate::run::{analyse_stats, observe, Outcome};

/// The share of each frame's height kept free above the curves for the mark labels.
const FRAME_HEADROOM: f64 = 0.2;

/// The source of frame `k` of `frames`.
fn frame_source(config: &Config, what: AnimateArg, k: usize, frames: usize) -> Source {
    let Source::Sample { n, theta, seed } = config.source else {
        unreachable!("the config allows --animate only for synthetic data");
    };
    let t = k as f64 / (frames - 1) as f64;
    match what {
        // Geometric steps: n grows by the same factor each frame, as the curve sharpens.
        AnimateArg::N(a, b) => {
            let n = ((a as f64).ln() + t * ((b as f64).ln() - (a as f64).ln())).exp();
            Source::Sample {
                n: (n.round() as u64).clamp(a, b),
                theta,
                seed,
            }
        }
        AnimateArg::True(a, b) => {
            let _ = n;
            Source::Sample {
                n,
                theta: a + t * (b - a),
                seed,
            }
        }
    }
}

/// Every frame's outcome, on common axes.
pub fn frames(config: &Config) -> Result<Vec<Outcome>> {
    let animation = config
        .animation
        .ok_or_else(|| Error::Usage("no --animate was given".to_string()))?;
    let sources: Vec<Source> = (0..animation.frames)
        .map(|k| frame_source(config, animation.what, k, animation.frames))
        .collect();
    let stats = sources
        .iter()
        .map(|s| observe(config, s, &crate::progress::Silent))
        .collect::<Result<Vec<_>>>()?;
    // First pass at each frame's own window, to find the common one.
    let range = match config.range {
        Some(r) => r,
        None => {
            let own = sources
                .iter()
                .zip(&stats)
                .map(|(s, st)| analyse_stats(config, s, st.clone(), None))
                .collect::<Result<Vec<_>>>()?;
            own.iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), o| {
                    (lo.min(o.sweep.grid.lo), hi.max(o.sweep.grid.hi))
                })
        }
    };
    let mut outcomes = sources
        .iter()
        .zip(stats)
        .map(|(s, st)| analyse_stats(config, s, st, Some(range)))
        .collect::<Result<Vec<_>>>()?;
    let fixed: [(f64, f64); 2] = [0, 1].map(|panel| {
        let values = outcomes.iter().flat_map(|o| {
            let f = o.figure();
            render::panel_values(&f, panel)
        });
        if config.figure.y == YScale::Delta {
            // As for overlays: where the intervals live, up to eight thresholds from the top.
            let cap = 8.0 * outcomes[0].inference.threshold;
            y_extent(values.map(|v| v.clamp(-cap, cap)), FRAME_HEADROOM)
        } else {
            y_extent(values, FRAME_HEADROOM)
        }
    });
    for o in &mut outcomes {
        o.y_fixed = Some(fixed);
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Request;

    fn config(animate: AnimateArg, frames: usize) -> Config {
        Config::from_request(Request {
            out: vec!["a.gif".into()],
            animate: Some(animate),
            frames,
            width: Some(crate::units::Length::px(300.0)),
            height: Some(crate::units::Length::px(200.0)),
            ..Request::default()
        })
        .unwrap()
    }

    #[test]
    fn frames_share_their_axes_and_grow_n_geometrically() {
        let c = config(AnimateArg::N(10, 1000), 3);
        let f = frames(&c).unwrap();
        let ns: Vec<u64> = f.iter().map(|o| o.summary.n).collect();
        assert_eq!(ns, vec![10, 100, 1000]);
        assert!(f.windows(2).all(|w| w[0].sweep.grid == w[1].sweep.grid));
        assert!(f
            .windows(2)
            .all(|w| w[0].y_fixed == w[1].y_fixed && w[0].y_fixed.is_some()));
    }
}
