//! The animated GIF of `--animate`: a sequence of rendered frames → GIF bytes.
//!
//! Three things keep it fast and small. The palette is fixed for the whole animation and
//! built from the theme: its colours and the ramps that anti-aliasing blends them into over
//! the background and over the likelihood band, so no frame runs a quantiser, every frame
//! shares the one global colour table, and the same colour gets the same index in every
//! frame. Each frame after the first stores only the rectangle that changed since the one
//! before, with its unchanged pixels transparent, which the LZW coder turns into long runs.
//! And frames are rendered, mapped to the palette and LZW-coded in parallel in batches of a
//! fixed size, then written in order: the output does not depend on the number of threads,
//! and memory holds one batch of raw pixels, never the whole animation's.

use crate::analysis::Frames;
use crate::config::{Config, YScale};
use crate::error::{Error, Result};
use crate::render::colour_table::ColourTable;
use crate::render::{self, y_extent, Figure, Theme};
use plotters::style::RGBColor;
use rayon::prelude::*;

/// Frames rendered and encoded together; bounds the raw pixels held at once.
const BATCH: usize = 8;

/// The animation's shape: its size in pixels, its frame count and each frame's delay.
#[derive(Debug, Clone, Copy)]
pub struct Animation {
    pub width: u16,
    pub height: u16,
    pub frames: usize,
    /// Hundredths of a second.
    pub delay: u16,
}

/// At most 127 colours; the index after the last is transparency. Keeping every index below
/// 128 lets the LZW coder start from 8-bit codes instead of 9-bit ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    colours: Vec<[u8; 3]>,
}

/// Steps of the ramp from the background to each colour, and from the band to each colour.
/// Eight levels of edge blend are as many as the eye tells apart on a 2–3 px line, and fewer
/// distinct edge colours make longer repeats for the LZW coder.
const BACKGROUND_STEPS: usize = 8;
const BAND_STEPS: usize = 4;
/// The most colours a palette holds.
const MAX_COLOURS: usize = 127;

impl Palette {
    /// The theme's colours, the band as drawn over the background (at its opacity and at the
    /// legend's stronger one), and the blends between them that anti-aliased edges produce:
    /// a ramp from the background to every colour, and from the band to every ink that is
    /// drawn over it.
    pub fn for_theme(theme: &Theme) -> Palette {
        let rgb = |c: RGBColor| [c.0, c.1, c.2];
        let background = rgb(theme.background);
        let band = mix(background, rgb(theme.band), theme.band_opacity);
        let swatch = mix(
            background,
            rgb(theme.band),
            (theme.band_opacity * 2.2).min(1.0),
        );
        let inks: Vec<[u8; 3]> = [
            theme.text,
            theme.muted,
            theme.ll.color,
            theme.nll.color,
            theme.mle.color,
            theme.truth.color,
            theme.wald.color,
            theme.threshold.color,
            theme.grid.color,
        ]
        .into_iter()
        .map(rgb)
        .collect();
        let mut colours = vec![background, band, swatch];
        colours.extend(&inks);
        for &ink in inks.iter().chain([&swatch]) {
            for k in 1..BACKGROUND_STEPS {
                colours.push(mix(background, ink, k as f64 / BACKGROUND_STEPS as f64));
            }
        }
        for &ink in &inks {
            for k in 1..BAND_STEPS {
                colours.push(mix(band, ink, k as f64 / BAND_STEPS as f64));
            }
        }
        let mut seen = std::collections::HashSet::new();
        colours.retain(|c| seen.insert(*c));
        colours.truncate(MAX_COLOURS);
        Palette { colours }
    }

    /// The index of pixels that show the frame before.
    fn transparent(&self) -> u8 {
        self.colours.len() as u8
    }

    /// The global colour table: a power of two of entries, the unused ones black.
    fn table(&self) -> Vec<u8> {
        let mut table: Vec<u8> = self.colours.iter().flatten().copied().collect();
        table.resize((self.colours.len() + 1).next_power_of_two().max(2) * 3, 0);
        table
    }

    /// The index of the palette colour nearest to `c` (squared RGB distance; the first of
    /// equals).
    fn nearest(&self, c: [u8; 3]) -> u8 {
        let mut best = (u32::MAX, 0u8);
        for (i, p) in self.colours.iter().enumerate() {
            let d: u32 = (0..3)
                .map(|k| (p[k] as i32 - c[k] as i32).pow(2) as u32)
                .sum();
            if d < best.0 {
                best = (d, i as u8);
            }
        }
        best.1
    }

    /// Straight RGBA pixels as palette indices (alpha is ignored: figures are opaque). Each
    /// colour's nearest entry is found once a frame, and looked up at each change of colour.
    fn map(&self, rgba: &[u8]) -> Vec<u8> {
        // The index + 1 of each colour seen, 0 for one not yet seen.
        let mut known = ColourTable::new();
        let pixels = rgba.as_chunks::<4>().0;
        let mut out = vec![0u8; pixels.len()];
        let mut last = (u32::MAX, 0u8);
        for (p, o) in pixels.iter().zip(out.iter_mut()) {
            let key = u32::from_le_bytes(*p) & 0x00ff_ffff;
            if key != last.0 {
                let rgb = [p[0], p[1], p[2]];
                let index = match known.slot(key) {
                    Some(slot) => {
                        if *slot == 0 {
                            *slot = self.nearest(rgb) as u32 + 1;
                        }
                        (*slot - 1) as u8
                    }
                    // More colours than the table holds: no memory, only the search.
                    None => self.nearest(rgb),
                };
                last = (key, index);
            }
            *o = last.1;
        }
        out
    }
}

/// `a` blended towards `b` by `t` (0 = a, 1 = b), as a rasteriser blends an edge.
fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
    [0, 1, 2].map(|k| (a[k] as f64 + (b[k] as f64 - a[k] as f64) * t).round() as u8)
}

/// The share of each frame's height kept free above the curves for the mark labels.
const FRAME_HEADROOM: f64 = 0.2;

/// The y ranges of the LL and NLL panels that hold every frame, so the axes stay still and
/// the curve is seen to sharpen.
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

/// Every frame's figure, on the axes they share.
pub fn figures<'a>(frames: &'a Frames, config: &'a Config) -> Vec<Figure<'a>> {
    let fixed = common_extents(frames, config);
    frames
        .frames
        .iter()
        .enumerate()
        .map(|(k, curve)| {
            let figure = Figure::of(config, curve, &[], Some(fixed));
            // `--animate steps`: frame k draws the optimiser's path up to step k, and a
            // regression's data panel the fitted curve at the optimiser's current point.
            let data = match (figure.data, frames.point(k)) {
                (Some((view, _)), Some(point)) => Some((view, point)),
                (data, _) => data,
            };
            Figure {
                path_upto: frames.steps.get(k).copied(),
                data,
                ..figure
            }
        })
        .collect()
}

/// `--animate`: every frame of the analysis on common axes, as GIF bytes.
pub fn to_bytes(frames: &Frames, config: &Config) -> Result<Vec<u8>> {
    let figures = figures(frames, config);
    let first = &figures[0];
    let (w, h) = render::pixel_size(first);
    if w > u16::MAX as u32 || h > u16::MAX as u32 {
        return Err(Error::Usage(format!(
            "an animated GIF is at most 65535 pixels a side, not {w} × {h}"
        )));
    }
    let animation = Animation {
        width: w as u16,
        height: h as u16,
        frames: figures.len(),
        delay: (100.0 / frames.fps).round().max(1.0) as u16,
    };
    let palette = Palette::for_theme(&first.options.theme);
    encode(&animation, &palette, |k| render::figure_rgba(&figures[k]))
}

/// The animation as GIF bytes; `render(k)` gives frame `k` as straight RGBA pixels.
pub fn encode<F>(animation: &Animation, palette: &Palette, render: F) -> Result<Vec<u8>>
where
    F: Fn(usize) -> Result<Vec<u8>> + Sync,
{
    let fail = |e: gif::EncodingError| Error::Render(format!("GIF encoding failed: {e}"));
    let (w, h) = (animation.width, animation.height);
    let pixels = w as usize * h as usize;
    let mut encoder = gif::Encoder::new(Vec::new(), w, h, &palette.table()).map_err(fail)?;
    encoder.set_repeat(gif::Repeat::Infinite).map_err(fail)?;
    let mut previous: Option<Vec<u8>> = None;
    let all: Vec<usize> = (0..animation.frames).collect();
    for batch in all.chunks(BATCH) {
        let indexed: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|&k| {
                let rgba = render(k)?;
                if rgba.len() != pixels * 4 {
                    return Err(Error::Render(format!(
                        "frame {k} has {} bytes, not {w} × {h} pixels",
                        rgba.len()
                    )));
                }
                Ok(palette.map(&rgba))
            })
            .collect::<Result<_>>()?;
        let frames: Vec<gif::Frame<'static>> = (0..indexed.len())
            .into_par_iter()
            .map(|i| {
                let before = match i {
                    0 => previous.as_deref(),
                    _ => Some(indexed[i - 1].as_slice()),
                };
                let mut frame = changes(before, &indexed[i], w, h, palette.transparent());
                frame.delay = animation.delay;
                frame.make_lzw_pre_encoded();
                frame
            })
            .collect();
        for frame in &frames {
            encoder.write_lzw_pre_encoded_frame(frame).map_err(fail)?;
        }
        previous = indexed.into_iter().last();
    }
    encoder.into_inner().map_err(fail)
}

/// The frame `now` as drawn over `before`: the whole frame first, then only the rectangle
/// of pixels that changed, its unchanged pixels transparent (a frame that changes nothing is
/// one transparent pixel, so that it still takes its time).
fn changes(
    before: Option<&[u8]>,
    now: &[u8],
    w: u16,
    h: u16,
    transparent: u8,
) -> gif::Frame<'static> {
    let Some(before) = before else {
        return gif::Frame::from_indexed_pixels(w, h, now.to_vec(), None);
    };
    let width = w as usize;
    let rows = now.chunks_exact(width).zip(before.chunks_exact(width));
    let mut bounds: Option<(usize, usize, usize, usize)> = None; // left, top, right, bottom
    for (y, (a, b)) in rows.enumerate() {
        if a == b {
            continue;
        }
        let Some(first) = a.iter().zip(b).position(|(p, q)| p != q) else {
            continue;
        };
        let last = width
            - 1
            - a.iter()
                .rev()
                .zip(b.iter().rev())
                .position(|(p, q)| p != q)
                .unwrap_or(0);
        bounds = Some(match bounds {
            None => (first, y, last, y),
            Some((l, t, r, _)) => (l.min(first), t, r.max(last), y),
        });
    }
    let Some((left, top, right, bottom)) = bounds else {
        let mut frame = gif::Frame::from_indexed_pixels(1, 1, vec![transparent], Some(transparent));
        frame.dispose = gif::DisposalMethod::Keep;
        return frame;
    };
    let mut pixels = Vec::with_capacity((right - left + 1) * (bottom - top + 1));
    for y in top..=bottom {
        let span = y * width + left..=y * width + right;
        let (a, b) = (&now[span.clone()], &before[span]);
        pixels.extend(
            a.iter()
                .zip(b)
                .map(|(&p, &q)| if p == q { transparent } else { p }),
        );
    }
    let mut frame = gif::Frame::from_indexed_pixels(
        (right - left + 1) as u16,
        (bottom - top + 1) as u16,
        pixels,
        Some(transparent),
    );
    frame.left = left as u16;
    frame.top = top as u16;
    frame.dispose = gif::DisposalMethod::Keep;
    frame
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{AnimateArg, Request};

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
    fn the_gif_has_one_image_per_frame() {
        let c = config(AnimateArg::True(0.2, 0.8), 4);
        let analysis = crate::analyse(&c).unwrap();
        let bytes = to_bytes(analysis.frames.as_ref().unwrap(), &c).unwrap();
        assert_eq!(&bytes[..6], b"GIF89a");
        // Each frame starts with an image descriptor (0x2C) after its graphic control block.
        let mut decoder = gif::DecodeOptions::new().read_info(&bytes[..]).unwrap();
        let mut count = 0;
        while decoder.read_next_frame().unwrap().is_some() {
            count += 1;
        }
        assert_eq!(count, 4);
    }

    /// A `w` × `h` RGBA picture of colour `c` with one `ink` square at `(x, y)`.
    fn picture(w: usize, h: usize, c: [u8; 3], ink: [u8; 3], at: (usize, usize)) -> Vec<u8> {
        let mut out = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let p = if (x, y) >= at && x < at.0 + 2 && y >= at.1 && y < at.1 + 2 {
                    ink
                } else {
                    c
                };
                out.extend([p[0], p[1], p[2], 255]);
            }
        }
        out
    }

    fn decode(bytes: &[u8]) -> Vec<Vec<u8>> {
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::RGBA);
        let mut decoder = options.read_info(bytes).unwrap();
        let mut screens = Vec::new();
        let (w, h) = (decoder.width() as usize, decoder.height() as usize);
        let mut screen = vec![0u8; w * h * 4];
        while let Some(frame) = decoder.read_next_frame().unwrap() {
            // Composite as a viewer does: opaque pixels of the frame over the screen.
            for y in 0..frame.height as usize {
                for x in 0..frame.width as usize {
                    let s = (y * frame.width as usize + x) * 4;
                    if frame.buffer[s + 3] != 0 {
                        let d = ((y + frame.top as usize) * w + x + frame.left as usize) * 4;
                        screen[d..d + 4].copy_from_slice(&frame.buffer[s..s + 4]);
                    }
                }
            }
            screens.push(screen.clone());
        }
        screens
    }

    #[test]
    fn frames_store_only_what_changed_and_decode_to_the_pictures() {
        let theme = crate::render::ThemeName::Default.theme();
        let palette = Palette::for_theme(&theme);
        let white = [255, 255, 255];
        let ink = [theme.ll.color.0, theme.ll.color.1, theme.ll.color.2];
        let frames = [
            picture(20, 10, white, ink, (1, 1)),
            picture(20, 10, white, ink, (5, 3)),
            picture(20, 10, white, ink, (5, 3)),
        ];
        let animation = Animation {
            width: 20,
            height: 10,
            frames: 3,
            delay: 7,
        };
        let bytes = encode(&animation, &palette, |k| Ok(frames[k].clone())).unwrap();
        // Both colours are in the palette exactly, so the pictures come back exactly.
        let screens = decode(&bytes);
        assert_eq!(screens.len(), 3);
        for (screen, frame) in screens.iter().zip(&frames) {
            assert_eq!(screen, frame);
        }
        let mut decoder = gif::DecodeOptions::new().read_info(&bytes[..]).unwrap();
        let sizes: Vec<(u16, u16, u16, u16, u16)> = std::iter::from_fn(|| {
            decoder
                .read_next_frame()
                .unwrap()
                .map(|f| (f.left, f.top, f.width, f.height, f.delay))
        })
        .collect();
        // The second frame covers the two squares' union (x 1..=6, y 1..=4); the third, no
        // change, is one transparent pixel.
        assert_eq!(
            sizes,
            vec![(0, 0, 20, 10, 7), (1, 1, 6, 4, 7), (0, 0, 1, 1, 7)]
        );
    }

    #[test]
    fn the_palette_holds_the_themes_colours_and_their_blends() {
        for name in crate::render::ThemeName::ALL {
            let theme = name.theme();
            let palette = Palette::for_theme(&theme);
            assert!(
                palette.colours.len() <= MAX_COLOURS,
                "{}",
                palette.colours.len()
            );
            let bg = theme.background;
            let ll = theme.ll.color;
            for c in [[bg.0, bg.1, bg.2], [ll.0, ll.1, ll.2]] {
                assert_eq!(palette.colours[palette.nearest(c) as usize], c);
            }
            // Halfway between background and the LL colour is one of the ramp's steps.
            let half = mix([bg.0, bg.1, bg.2], [ll.0, ll.1, ll.2], 0.5);
            assert_eq!(palette.colours[palette.nearest(half) as usize], half);
        }
    }

    #[test]
    fn a_frame_of_the_wrong_size_is_an_error() {
        let palette = Palette::for_theme(&crate::render::ThemeName::Default.theme());
        let animation = Animation {
            width: 4,
            height: 4,
            frames: 1,
            delay: 1,
        };
        let e = encode(&animation, &palette, |_| Ok(vec![0; 3])).unwrap_err();
        assert!(e.to_string().contains("frame 0 has 3 bytes"), "{e}");
    }
}
