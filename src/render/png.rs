//! PNG output: the figure painted by the raster backend (anti-aliased, straight into a
//! tiny-skia pixmap, with the bundled font's outlines), at the requested pixel density.
//!
//! plotters' own bitmap backend neither anti-aliases lines nor places them between pixels;
//! [`super::raster`] does, and skips the SVG text a rasteriser would otherwise parse again.
//! It sees only the bundled font, so the PNG is the same on every machine. A figure with a
//! `--font` needs that font's outlines, which only usvg's font database holds: it is
//! rasterised from its SVG by resvg instead (slower, the same picture).
//!
//! The figure's size is physical (CSS pixels, 1/96 in); `--dpi` says how many PNG pixels an
//! inch becomes and `--png-scale` multiplies that, so `--dpi 300` gives a print-resolution
//! file of the same figure rather than a larger figure. The density is also written into
//! the file's pHYs chunk, so that a word processor places it at its intended size.

use super::colour_table::ColourTable;
use super::surface::{draw_surface, SurfaceFigure};
use super::zlib;
use super::{draw, font, raster, Figure, SCALE};
use crate::config::FigureOptions;
use crate::error::{Error, Result};
use crate::units::PX_PER_INCH;
use rayon::prelude::*;
use resvg::tiny_skia;

/// The figure's size in PNG pixels.
pub fn pixel_size(figure: &Figure) -> (u32, u32) {
    pixels_of(figure.options)
}

/// The size in PNG pixels of a figure with these options.
pub fn pixels_of(options: &FigureOptions) -> (u32, u32) {
    let factor = options.dpi / PX_PER_INCH * options.png_scale;
    let pixels = |v: f64| (v * factor).round().max(1.0) as u32;
    (
        pixels(options.width.to_px()),
        pixels(options.height.to_px()),
    )
}

/// The PNG density of these options in pixels per metre.
pub(super) fn per_metre(options: &FigureOptions) -> u32 {
    (options.dpi * options.png_scale / 0.0254).round() as u32
}

/// How many bands of rows a figure on its own is painted in at once (see [`raster::drawn`]):
/// one for each core of the machine it is measured on. The number fixes the pixels and the
/// bytes, whatever the number of threads.
const BANDS: u32 = 2;

/// The figure as PNG bytes.
pub fn png(figure: &Figure) -> Result<Vec<u8>> {
    font::register().map_err(Error::Render)?;
    let per_metre = Some(per_metre(figure.options));
    if figure.options.font.is_some() {
        return encode(
            rasterised_svg(&super::svg::svg(figure)?, figure.options)?,
            per_metre,
        );
    }
    let (pixmap, runs) = painted(figure, BANDS, Runs::of_bytes)?;
    encode_counted(pixmap, runs, per_metre, ENCODING)
}

/// The two-parameter figure as PNG bytes, painted by the same backend.
pub fn surface_png(figure: &SurfaceFigure) -> Result<Vec<u8>> {
    font::register().map_err(Error::Render)?;
    let options = figure.options;
    let per_metre = Some(per_metre(options));
    if options.font.is_some() {
        return encode(
            rasterised_svg(&super::svg::surface_svg(figure)?, options)?,
            per_metre,
        );
    }
    let (w, h) = (options.width.to_px(), options.height.to_px());
    let internal = |v: f64| (v * SCALE as f64).round() as u32;
    let (pixmap, runs) = raster::drawn(
        (internal(w), internal(h)),
        (w, h),
        pixels_of(options),
        BANDS,
        |root| draw_surface(root, figure),
        Runs::of_bytes,
    )
    .ok_or_else(no_pixels)?;
    encode_counted(pixmap, runs, per_metre, ENCODING)
}

/// The error of a figure too small to have a pixel.
fn no_pixels() -> Error {
    Error::Render("the figure has no pixels".to_string())
}

/// The figure painted by the raster backend at its PNG size, in `bands` bands of rows at
/// once (see [`raster::drawn`]).
pub(crate) fn figure_pixmap(figure: &Figure, bands: u32) -> Result<tiny_skia::Pixmap> {
    // plotters measures text with the registered font while it lays the figure out.
    font::register().map_err(Error::Render)?;
    if figure.options.font.is_some() {
        return rasterised_svg(&super::svg::svg(figure)?, figure.options);
    }
    Ok(painted(figure, bands, |_| ())?.0)
}

/// The one-parameter figure painted by the raster backend in `bands` bands, each handed to
/// `then` once painted (see [`raster::drawn`]); the font must be registered.
fn painted<T: Send>(
    figure: &Figure,
    bands: u32,
    then: impl Fn(&[u8]) -> T + Sync,
) -> Result<(tiny_skia::Pixmap, Vec<T>)> {
    raster::drawn(
        figure.internal_size(),
        (figure.width(), figure.height()),
        pixel_size(figure),
        bands,
        |root| draw(root, figure),
        then,
    )
    .ok_or_else(no_pixels)
}

/// An SVG of ours rasterised by resvg at the PNG size of `options`, its text laid out with the
/// `--font` file and the bundled font.
pub(super) fn rasterised_svg(svg: &str, options: &FigureOptions) -> Result<tiny_skia::Pixmap> {
    let tree = super::svg::svg_tree(svg)?;
    let (w, h) = pixels_of(options);
    let mut pixmap = tiny_skia::Pixmap::new(w, h)
        .ok_or_else(|| Error::Render("the figure has no pixels".to_string()))?;
    let size = tree.size();
    let transform =
        tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// The figure as straight (not premultiplied) RGBA pixels at its PNG size, for animation
/// frames: in one band, since the frames themselves are painted side by side.
pub fn figure_rgba(figure: &Figure) -> Result<Vec<u8>> {
    Ok(straight_rgba(figure_pixmap(figure, 1)?))
}

/// The pixmap's pixels as straight RGBA (tiny-skia keeps them premultiplied).
fn straight_rgba(pixmap: tiny_skia::Pixmap) -> Vec<u8> {
    let mut data = pixmap.take();
    for p in data.chunks_exact_mut(4) {
        let a = p[3];
        if a != 255 {
            for c in &mut p[..3] {
                *c = if a == 0 {
                    0
                } else {
                    ((*c as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8
                };
            }
        }
    }
    data
}

/// How the pixels are stored and compressed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Encoding {
    /// Palette indices where the picture allows (see [`indexed`]).
    pub palette: bool,
    /// The row filter of a palette image, and of an RGB(A) one.
    pub indexed_filter: ::png::Filter,
    pub truecolour_filter: ::png::Filter,
    pub deflate: ::png::DeflateCompression,
}

/// The choice measured on the default figure (`cargo test --release --lib png::measure --
/// --ignored --nocapture`, README's Speed section): palette indices, unfiltered (a filter
/// only breaks up the runs of equal indices), deflated by zlib's level 1, give 29 KB in about
/// 1.5 ms; the RGB image with the adaptive filter at level 6, as before, 42 KB in 14 ms.
pub(crate) const ENCODING: Encoding = Encoding {
    palette: true,
    indexed_filter: ::png::Filter::NoFilter,
    truecolour_filter: ::png::Filter::Adaptive,
    deflate: ::png::DeflateCompression::Level(1),
};

/// The pixmap as PNG bytes, with its density in pixels per metre when given (pHYs).
pub(super) fn encode(pixmap: tiny_skia::Pixmap, per_metre: Option<u32>) -> Result<Vec<u8>> {
    let runs = counted(&pixmap, BANDS);
    encode_counted(pixmap, runs, per_metre, ENCODING)
}

/// Each of the pixmap's `bands` bands of rows as [`Runs`], counted at once.
fn counted(pixmap: &tiny_skia::Pixmap, bands: u32) -> Vec<Option<Runs>> {
    let row = pixmap.width() as usize * 4;
    let data = pixmap.data();
    raster::band_edges(pixmap.height(), bands)
        .par_windows(2)
        .map(|edge| Runs::of_bytes(&data[edge[0] as usize * row..edge[1] as usize * row]))
        .collect()
}

/// The pixmap as PNG bytes, stored and compressed `how`, given the [`Runs`] of each band
/// of its rows (cut as [`raster::band_edges`] cuts them).
///
/// A palette picture's rows are written over the pixmap's own bytes (the runs hold all the
/// pixels by then), and each band's rows deflated by the thread that wrote them, as a part
/// of one zlib stream (see [`zlib`]).
fn encode_counted(
    pixmap: tiny_skia::Pixmap,
    runs: Vec<Option<Runs>>,
    per_metre: Option<u32>,
    how: Encoding,
) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let edges = raster::band_edges(h, runs.len() as u32);
    let indexed = match how.palette {
        true => runs
            .into_iter()
            .collect::<Option<Vec<Runs>>>()
            .and_then(indexed),
        false => None,
    };
    let mut out = Vec::with_capacity(64 * 1024);
    let fail = |e: ::png::EncodingError| Error::Render(format!("PNG encoding failed: {e}"));
    let mut encoder = ::png::Encoder::new(&mut out, w, h);
    encoder.set_depth(::png::BitDepth::Eight);
    // Setting a compression level also sets its filter: the filter comes after.
    encoder.set_deflate_compression(how.deflate);
    if let Some(per_metre) = per_metre {
        encoder.set_pixel_dims(Some(::png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: ::png::Unit::Meter,
        }));
    }
    let data = pixmap.data();
    match indexed {
        Some(picture) => {
            encoder.set_color(::png::ColorType::Indexed);
            encoder.set_filter(how.indexed_filter);
            encoder.set_palette(picture.palette.clone());
            if let Some(trns) = &picture.trns {
                encoder.set_trns(trns.clone());
            }
            // Unfiltered rows at a zlib level are compressed here; anything else by the
            // png crate.
            let ours = match (how.indexed_filter, how.deflate) {
                (::png::Filter::NoFilter, ::png::DeflateCompression::Level(level)) => Some(level),
                _ => None,
            };
            let width = w as usize;
            let mut scanlines = pixmap.take();
            scanlines.truncate(h as usize * (width + 1));
            let parts = picture.write(&mut scanlines, &edges, width, ours);
            let mut writer = encoder.write_header().map_err(fail)?;
            match parts {
                Some(parts) => {
                    // Handing 3 MB back to the system takes a tenth of a millisecond: a
                    // worker does it while this thread goes on to write the file.
                    rayon::spawn(move || drop((scanlines, picture)));
                    writer.write_chunk(::png::chunk::IDAT, &zlib::stream(&parts))
                }
                None => writer.write_image_data(&indices(&scanlines, width)),
            }
            .map_err(fail)?;
            writer.finish().map_err(fail)?;
        }
        None if data.chunks_exact(4).all(|p| p[3] == 255) => {
            encoder.set_color(::png::ColorType::Rgb);
            encoder.set_filter(how.truecolour_filter);
            let rgb: Vec<u8> = data
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            let mut writer = encoder.write_header().map_err(fail)?;
            writer.write_image_data(&rgb).map_err(fail)?;
            writer.finish().map_err(fail)?;
        }
        None => {
            encoder.set_color(::png::ColorType::Rgba);
            encoder.set_filter(how.truecolour_filter);
            let mut writer = encoder.write_header().map_err(fail)?;
            writer
                .write_image_data(&straight_rgba(pixmap))
                .map_err(fail)?;
            writer.finish().map_err(fail)?;
        }
    }
    Ok(out)
}

/// A palette picture: the palette (RGB), its alpha (tRNS) if anything is translucent, and
/// each band's runs with the index of each of its colours.
struct Indexed {
    palette: Vec<u8>,
    trns: Option<Vec<u8>>,
    /// Each band's runs, and the palette index of each of its table's positions.
    bands: Vec<(Runs, Vec<u8>)>,
}

impl Indexed {
    /// Writes the rows into `scanlines` as PNG scanlines (each its filter byte, 0 for none,
    /// then its pixels' indices), every band of rows (cut at `edges`) by one thread, and
    /// with a zlib `level`, deflates each band there as the part of a stream.
    fn write(
        &self,
        scanlines: &mut [u8],
        edges: &[u32],
        width: usize,
        level: Option<u8>,
    ) -> Option<Vec<zlib::Part>> {
        let bands = raster::band_rows(scanlines, edges, width + 1);
        let last = bands.len().saturating_sub(1);
        let parts: Vec<Option<zlib::Part>> = bands
            .into_par_iter()
            .zip(&self.bands)
            .enumerate()
            .map(|(i, (scanlines, (runs, index)))| {
                runs.write(index, scanlines, width);
                level.map(|level| zlib::Part::of(scanlines, level, i == last))
            })
            .collect();
        parts.into_iter().collect()
    }
}

/// The pixels' indices alone, without the rows' filter bytes.
fn indices(scanlines: &[u8], width: usize) -> Vec<u8> {
    scanlines
        .chunks_exact(width + 1)
        .flat_map(|row| &row[1..])
        .copied()
        .collect()
}

/// The picture whose bands of rows are `bands` as palette indices (see [`Indexed`]);
/// `None` when the bands have too many colours between them.
///
/// A picture of at most 256 colours keeps them all. An anti-aliased figure has a few hundred
/// (the solid colours of the theme and the blends at their edges); then the 256 most frequent
/// are kept and every other colour, each a handful of edge pixels, takes the nearest of them.
/// Colours are numbered by frequency (ties by value), so the file depends only on the picture,
/// not on how it was cut in bands.
fn indexed(mut bands: Vec<Runs>) -> Option<Indexed> {
    let (first, others) = bands.split_first_mut()?;
    // The first band's table takes every band's counts, and then the colours' indices.
    let table = &mut first.table;
    for other in others.iter() {
        for (_, colour, n) in other.table.positions() {
            *table.slot(colour)? += n;
        }
    }
    let mut colours: Vec<(u32, u32)> = table.entries().collect();
    colours.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<[u8; 4]> = colours
        .iter()
        .take(256)
        .map(|c| c.0.to_le_bytes())
        .collect();
    let near = Nearest::new(&kept);
    for (i, &(c, _)) in colours.iter().enumerate() {
        let index = if i < 256 {
            i as u8
        } else {
            near.of(c.to_le_bytes())
        };
        *table.slot(c)? = index as u32;
    }
    // Each band's table positions' indices, looked up in the first band's table.
    let numbered = &bands[0].table;
    let maps: Vec<Vec<u8>> = bands
        .iter()
        .map(|band| {
            let mut index = vec![0u8; ColourTable::SLOTS];
            for (at, colour, _) in band.table.positions() {
                index[at] = numbered.get(colour).unwrap_or(0) as u8;
            }
            index
        })
        .collect();
    let straight: Vec<[u8; 4]> = kept
        .iter()
        .map(|&[r, g, b, a]| {
            tiny_skia::PremultipliedColorU8::from_rgba(r, g, b, a)
                .map(|p| p.demultiply())
                .map_or([0; 4], |c| [c.red(), c.green(), c.blue(), c.alpha()])
        })
        .collect();
    let palette = straight.iter().flat_map(|c| [c[0], c[1], c[2]]).collect();
    let trns = straight
        .iter()
        .any(|c| c[3] != 255)
        .then(|| straight.iter().map(|c| c[3]).collect());
    Some(Indexed {
        palette,
        trns,
        bands: bands.into_iter().zip(maps).collect(),
    })
}

/// A stretch of pixels as runs of equal colours: how many pixels have each colour, and each
/// run's length and the table position of its colour. A figure is mostly long runs (the
/// default one has 600 000 pixels in 31 000 runs), so the table is consulted once a run and
/// the indices are written a run at a time.
struct Runs {
    table: ColourTable,
    /// (table position, length) of each run, in order.
    runs: Vec<(u16, u32)>,
}

impl Runs {
    /// The runs of premultiplied RGBA bytes; `None` past the table's size.
    fn of_bytes(bytes: &[u8]) -> Option<Runs> {
        Runs::of(bytemuck_pixels(bytes))
    }

    /// The runs of `pixels`; `None` past the table's size.
    fn of(pixels: &[[u8; 4]]) -> Option<Runs> {
        let mut table = ColourTable::new();
        let mut runs = Vec::with_capacity(pixels.len() / 16);
        let mut rest = pixels;
        while let Some(&colour) = rest.first() {
            let run = run_length(rest, colour);
            let at = table.position(u32::from_le_bytes(colour))?;
            *table.value(at) += run as u32;
            runs.push((at as u16, run as u32));
            rest = &rest[run..];
        }
        Some(Runs { table, runs })
    }

    /// Each pixel's index, given each table position's, into `scanlines` of `width` pixels
    /// (each row after its filter byte, 0 for none). A run may span rows.
    fn write(&self, index: &[u8], scanlines: &mut [u8], width: usize) {
        for row in scanlines.chunks_exact_mut(width + 1) {
            row[0] = 0;
        }
        let mut rows = scanlines.chunks_exact_mut(width + 1);
        let mut row: &mut [u8] = &mut [];
        for &(at, run) in &self.runs {
            let (value, mut run) = (index[at as usize], run as usize);
            while run > 0 {
                if row.is_empty() {
                    let Some(next) = rows.next() else { return };
                    row = &mut next[1..];
                }
                let take = run.min(row.len());
                let (here, after) = std::mem::take(&mut row).split_at_mut(take);
                here.fill(value);
                row = after;
                run -= take;
            }
        }
    }
}

/// How many pixels from the first are `colour`: eight at a time while all eight are (the
/// comparison of eight is branch-free, so the compiler makes it a vector compare), then one
/// at a time.
fn run_length(pixels: &[[u8; 4]], colour: [u8; 4]) -> usize {
    let c = u32::from_ne_bytes(colour);
    let mut n = 0;
    for eight in pixels.chunks_exact(8) {
        let differs = eight
            .iter()
            .fold(0, |acc, p| acc | (u32::from_ne_bytes(*p) ^ c));
        if differs != 0 {
            break;
        }
        n += 8;
    }
    n + pixels[n..]
        .iter()
        .position(|p| *p != colour)
        .unwrap_or(pixels.len() - n)
}

/// A palette of up to 256 colours laid out channel by channel, so that the distances from
/// a colour to all of them are one loop the compiler makes vector code of (an anti-aliased
/// figure has a thousand or so rare colours, each matched against the whole palette).
struct Nearest {
    /// Channel k of entry i at `channels[k][i]`; entries past the palette are so far from
    /// every colour that they are never the nearest.
    channels: [[i32; 256]; 4],
}

impl Nearest {
    fn new(palette: &[[u8; 4]]) -> Nearest {
        let mut channels = [[4096; 256]; 4];
        for (i, p) in palette.iter().take(256).enumerate() {
            for k in 0..4 {
                channels[k][i] = i32::from(p[k]);
            }
        }
        Nearest { channels }
    }

    /// The index of the entry nearest to `c` (squared distance over the four premultiplied
    /// channels; the first of equals).
    fn of(&self, c: [u8; 4]) -> u8 {
        let mut distance = [0u32; 256];
        for (k, channel) in self.channels.iter().enumerate() {
            let v = i32::from(c[k]);
            for (d, &p) in distance.iter_mut().zip(channel) {
                *d += ((p - v) * (p - v)) as u32;
            }
        }
        let least = distance.iter().copied().min().unwrap_or(0);
        distance.iter().position(|&d| d == least).unwrap_or(0) as u8
    }
}

/// RGBA bytes as pixels.
fn bytemuck_pixels(bytes: &[u8]) -> &[[u8; 4]] {
    let (pixels, rest) = bytes.as_chunks::<4>();
    debug_assert!(rest.is_empty());
    pixels
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pixmap as a palette picture counted in `bands` bands: its palette, its alpha and
    /// its scanlines.
    fn numbered(pixmap: &tiny_skia::Pixmap, bands: u32) -> (Vec<u8>, Option<Vec<u8>>, Vec<u8>) {
        let runs = counted(pixmap, bands)
            .into_iter()
            .collect::<Option<Vec<_>>>();
        let picture = indexed(runs.unwrap()).unwrap();
        let width = pixmap.width() as usize;
        // Written over a copy of the pixels, as `encode_counted` does.
        let mut scanlines = pixmap.data().to_vec();
        scanlines.truncate(pixmap.height() as usize * (width + 1));
        let edges = raster::band_edges(pixmap.height(), bands);
        assert!(picture.write(&mut scanlines, &edges, width, None).is_none());
        (picture.palette, picture.trns, scanlines)
    }

    /// The nearest colour by a plain search, entry by entry (the reference for `Nearest`).
    fn nearest_by_search(palette: &[[u8; 4]], c: [u8; 4]) -> u8 {
        let distance = |p: &[u8; 4]| -> u32 {
            (0..4)
                .map(|k| (p[k] as i32 - c[k] as i32).pow(2) as u32)
                .sum()
        };
        let mut best = (u32::MAX, 0u8);
        for (i, p) in palette.iter().enumerate() {
            let d = distance(p);
            if d < best.0 {
                best = (d, i as u8);
            }
        }
        best.1
    }

    #[test]
    fn the_channel_by_channel_search_finds_the_plain_searchs_colour() {
        let mut state = 7u32;
        let mut next = || {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        };
        for size in [1, 2, 17, 255, 256] {
            let palette: Vec<[u8; 4]> = (0..size).map(|_| [next(), next(), next(), 255]).collect();
            let near = Nearest::new(&palette);
            for _ in 0..500 {
                let c = [next(), next(), next(), next()];
                assert_eq!(
                    near.of(c),
                    nearest_by_search(&palette, c),
                    "{c:?} in {size}"
                );
            }
            // Ties go to the first: a colour equal to two entries.
            let twice = [palette[0], palette[0]];
            assert_eq!(Nearest::new(&twice).of(palette[0]), 0);
        }
    }

    #[test]
    fn few_colours_make_a_palette_in_order_of_appearance() {
        let mut pixmap = tiny_skia::Pixmap::new(3, 2).unwrap();
        pixmap.fill(tiny_skia::Color::from_rgba8(255, 255, 255, 255));
        pixmap.pixels_mut()[4] =
            tiny_skia::PremultipliedColorU8::from_rgba(10, 20, 30, 255).unwrap();
        for bands in [1, 2] {
            let (palette, trns, scanlines) = numbered(&pixmap, bands);
            assert_eq!(scanlines, vec![0, 0, 0, 0, 0, 0, 1, 0]);
            // White is the more frequent: it comes first.
            assert_eq!(palette, vec![255, 255, 255, 10, 20, 30]);
            assert_eq!(trns, None);
            assert_eq!(indices(&scanlines, 3), vec![0, 0, 0, 0, 1, 0]);
        }
        // The PNG decodes back to the same pixels, with its density.
        let bytes = encode(pixmap, Some(3780)).unwrap();
        let mut decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(::png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let dims = reader.info().pixel_dims.unwrap();
        assert_eq!((dims.xppu, dims.yppu), (3780, 3780));
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        assert_eq!(&buf[12..15], &[10, 20, 30]);
        assert_eq!(&buf[..3], &[255, 255, 255]);
    }

    #[test]
    fn the_bands_number_the_picture_as_one_pass_over_it_would() {
        // 60 × 15 pixels of 300 colours in runs of three, some of them across the edges of
        // the bands the picture is cut in: more than 256 colours, so the rarest take the
        // nearest kept one.
        let mut pixmap = tiny_skia::Pixmap::new(60, 15).unwrap();
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            let v = ((i + 1) / 3 * 37) % 300;
            let (r, g) = ((v % 256) as u8, (v / 256 * 90) as u8);
            *p = tiny_skia::PremultipliedColorU8::from_rgba(r, g, 7, 255).unwrap();
        }
        let (palette, _, scanlines) = numbered(&pixmap, 2);
        // The reference: one count over all the pixels, numbered by frequency then value.
        let pixels: Vec<u32> = bytemuck_pixels(pixmap.data())
            .iter()
            .map(|p| u32::from_le_bytes(*p))
            .collect();
        let mut counts = std::collections::BTreeMap::new();
        for &p in &pixels {
            *counts.entry(p).or_insert(0u32) += 1;
        }
        let mut order: Vec<(u32, u32)> = counts.into_iter().collect();
        assert!(order.len() > 256);
        order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let kept: Vec<[u8; 4]> = order[..256].iter().map(|c| c.0.to_le_bytes()).collect();
        let expected: Vec<u8> = pixels
            .iter()
            .map(|&p| match order[..256].iter().position(|c| c.0 == p) {
                Some(i) => i as u8,
                None => nearest_by_search(&kept, p.to_le_bytes()),
            })
            .collect();
        assert_eq!(indices(&scanlines, 60), expected);
        let rgb: Vec<u8> = kept.iter().flat_map(|c| [c[0], c[1], c[2]]).collect();
        assert_eq!(palette, rgb);
        // The same picture whatever the bands.
        for bands in [1, 3, 4, 15] {
            assert_eq!(
                numbered(&pixmap, bands),
                numbered(&pixmap, 2),
                "{bands} bands"
            );
        }
    }

    /// The palette picture decodes to the same pixels whoever compresses it: the rows
    /// deflated here band by band, or handed to the png crate with a filter.
    #[test]
    fn our_deflate_and_the_png_crates_decode_alike() {
        let mut pixmap = tiny_skia::Pixmap::new(50, 9).unwrap();
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            let v = (i / 7 % 5) as u8 * 40;
            *p = tiny_skia::PremultipliedColorU8::from_rgba(v, 255 - v, 9, 255).unwrap();
        }
        let decoded = |bytes: Vec<u8>| {
            let mut reader = ::png::Decoder::new(std::io::Cursor::new(bytes))
                .read_info()
                .unwrap();
            assert_eq!(reader.info().color_type, ::png::ColorType::Indexed);
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            reader.next_frame(&mut buf).unwrap();
            buf
        };
        let ours = decoded(encode(pixmap.clone(), None).unwrap());
        for bands in [1, 2, 3] {
            let how = Encoding {
                indexed_filter: ::png::Filter::Sub,
                ..ENCODING
            };
            let theirs = encode_counted(pixmap.clone(), counted(&pixmap, bands), None, how);
            assert_eq!(decoded(theirs.unwrap()), ours, "{bands} bands");
        }
        // Index i is the i-th most frequent colour: 0 at the first pixel, 40 at the eighth.
        assert_eq!(ours[0], ours[7 * 5]);
        assert_ne!(ours[0], ours[7]);
    }

    #[test]
    fn rare_colours_take_the_nearest_frequent_one() {
        // 256 colours twice each, then one pixel of a colour one step from colour 7.
        let mut pixmap = tiny_skia::Pixmap::new(513, 1).unwrap();
        for (i, p) in pixmap.pixels_mut().iter_mut().enumerate() {
            let v = (i % 256) as u8;
            *p = tiny_skia::PremultipliedColorU8::from_rgba(v, 0, 0, 255).unwrap();
        }
        pixmap.pixels_mut()[512] =
            tiny_skia::PremultipliedColorU8::from_rgba(7, 1, 0, 255).unwrap();
        let (palette, _, scanlines) = numbered(&pixmap, 1);
        let indices = indices(&scanlines, 513);
        assert_eq!(palette.len(), 256 * 3);
        let red = |i: u8| palette[i as usize * 3];
        assert_eq!(red(indices[512]), 7);
        assert_eq!(palette[indices[512] as usize * 3 + 1], 0);
        assert!(indices[..512]
            .iter()
            .enumerate()
            .all(|(i, &k)| red(k) == (i % 256) as u8));
    }
}

#[cfg(test)]
mod measure {
    use super::*;

    /// `cargo test --release --lib png::measure -- --ignored --nocapture`: size and time of
    /// each encoding of the default figure.
    #[test]
    #[ignore]
    fn encodings_of_the_default_figure() {
        let config = crate::Config::from_request(crate::Request::default()).unwrap();
        let analysis = crate::analyse(&config).unwrap();
        let figure = Figure::of(&config, analysis.curve().unwrap(), &[], None);
        let t = std::time::Instant::now();
        let pixmap = figure_pixmap(&figure, 2).unwrap();
        for _ in 0..9 {
            figure_pixmap(&figure, 2).unwrap();
        }
        eprintln!("raster: {:?}", t.elapsed() / 10);
        use ::png::{DeflateCompression as D, Filter as F};
        let cpu = || -> u64 {
            let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
            stat.split_whitespace().next().unwrap().parse().unwrap()
        };
        let c0 = cpu();
        for _ in 0..10 {
            figure_pixmap(&figure, 2).unwrap();
        }
        eprintln!("raster cpu: {:.2} ms", (cpu() - c0) as f64 / 1e7);
        let c0 = cpu();
        for _ in 0..10 {
            crate::render::svg(&figure).unwrap();
        }
        eprintln!("svg cpu: {:.2} ms", (cpu() - c0) as f64 / 1e7);
        let c0 = cpu();
        for _ in 0..10 {
            let runs = counted(&pixmap, BANDS)
                .into_iter()
                .collect::<Option<Vec<_>>>();
            indexed(runs.unwrap()).unwrap();
        }
        eprintln!("palette cpu: {:.2} ms", (cpu() - c0) as f64 / 1e7);
        for palette in [true, false] {
            for filter in [F::NoFilter, F::Sub, F::Up, F::Paeth, F::Adaptive] {
                for deflate in [D::FdeflateUltraFast, D::Level(1), D::Level(3), D::Level(6)] {
                    let how = Encoding {
                        palette,
                        indexed_filter: filter,
                        truecolour_filter: filter,
                        deflate,
                    };
                    let c0 = cpu();
                    let mut n = 0;
                    for _ in 0..5 {
                        let runs = counted(&pixmap, BANDS);
                        n = encode_counted(pixmap.clone(), runs, None, how)
                            .unwrap()
                            .len();
                    }
                    let ms = (cpu() - c0) as f64 / 5e6;
                    eprintln!("{palette} {filter:?} {deflate:?}: {n} B {ms:.2} ms");
                }
            }
        }
    }
}
