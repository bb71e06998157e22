//! `--animate … --out NAME.gif`: the frames of the analysis as an animated GIF.
//!
//! Every frame is the ordinary curve figure, all with the same y ranges (the union over the
//! frames, so the curve is seen to sharpen rather than the axes to rescale). Frames are
//! rendered in parallel and quantised to a 256-colour palette each.

use crate::analysis::Frames;
use crate::config::{Config, YScale};
use crate::error::{Error, Result};
use crate::render::{self, y_extent, Figure};
use rayon::prelude::*;

/// The share of each frame's height kept free above the curves for the mark labels.
const FRAME_HEADROOM: f64 = 0.2;

/// The y ranges of the LL and NLL panels that hold every frame.
fn common_extents(frames: &Frames, config: &Config) -> [(f64, f64); 2] {
    [0, 1].map(|panel| {
        let values = frames
            .frames
            .iter()
            .flat_map(|curve| render::panel_values(&Figure::of(config, curve, &[], None), panel));
        if config.figure.y == YScale::Delta {
            // As for overlays: where the intervals live, up to eight thresholds from the top.
            let cap = 8.0 * frames.frames[0].inference.threshold;
            y_extent(values.map(|v| v.clamp(-cap, cap)), FRAME_HEADROOM)
        } else {
            y_extent(values, FRAME_HEADROOM)
        }
    })
}

/// The animation as GIF bytes.
pub fn to_bytes(frames: &Frames, config: &Config) -> Result<Vec<u8>> {
    let fixed = common_extents(frames, config);
    let (w, h) = render::pixels_of(&config.figure);
    if w > u16::MAX as u32 || h > u16::MAX as u32 {
        return Err(Error::Usage(format!(
            "an animated GIF is at most 65535 pixels a side, not {w} × {h}"
        )));
    }
    let fail = |e: gif::EncodingError| Error::Render(format!("GIF encoding failed: {e}"));
    let delay = (100.0 / frames.fps).round().max(1.0) as u16;
    let encoded: Vec<gif::Frame<'static>> = frames
        .frames
        .par_iter()
        .map(|curve| {
            let svg = render::svg(&Figure::of(config, curve, &[], Some(fixed)))?;
            let mut rgba = render::rasterise_rgba(&svg, w, h)?;
            let mut frame = gif::Frame::from_rgba_speed(w as u16, h as u16, &mut rgba, 10);
            frame.delay = delay;
            Ok(frame)
        })
        .collect::<Result<_>>()?;
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, w as u16, h as u16, &[]).map_err(fail)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(fail)?;
        for frame in &encoded {
            encoder.write_frame(frame).map_err(fail)?;
        }
    }
    Ok(out)
}
