//! PNG output: the SVG rasterised by resvg, anti-aliased, at the requested pixel density.
//!
//! plotters' own bitmap backend neither anti-aliases lines nor places them between pixels;
//! rasterising the SVG gives the smooth curves a printed figure needs. resvg sees only the
//! bundled font, so the PNG is the same on every machine.
//!
//! The figure's size is physical (CSS pixels, 1/96 in); `--dpi` says how many PNG pixels an
//! inch becomes and `--png-scale` multiplies that, so `--dpi 300` gives a print-resolution
//! file of the same figure rather than a larger figure. The density is also written into
//! the file's pHYs chunk, so that a word processor places it at its intended size.

use super::{svg, Figure};
use crate::config::FigureOptions;
use crate::error::{Error, Result};
use crate::units::PX_PER_INCH;
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

/// The figure as PNG bytes.
pub fn png(figure: &Figure) -> Result<Vec<u8>> {
    png_of_svg(&svg::svg(figure)?, figure.options)
}

/// Any of our SVG documents as PNG bytes at the figure's size and density.
pub fn png_of_svg(svg: &str, options: &FigureOptions) -> Result<Vec<u8>> {
    let (w, h) = pixels_of(options);
    let bytes = pixmap(svg, w, h)?
        .encode_png()
        .map_err(|e| Error::Render(e.to_string()))?;
    let dpi = options.dpi * options.png_scale;
    with_density(bytes, (dpi / 0.0254).round() as u32)
}

/// An SVG document as straight (not premultiplied) RGBA pixels, for animation frames.
pub fn rasterise_rgba(svg: &str, width: u32, height: u32) -> Result<Vec<u8>> {
    let pixmap = pixmap(svg, width, height)?;
    Ok(pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect())
}

/// The SVG drawn onto `width` × `height` pixels, scaled to fill them.
fn pixmap(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap> {
    let tree = svg::tree(svg)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| Error::Render("the figure has no pixels".to_string()))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// Inserts a pHYs chunk (pixels per metre, both axes) right after the IHDR chunk, where the
/// PNG specification (§11.3.5.3) requires it to come before the image data.
fn with_density(png: Vec<u8>, per_metre: u32) -> Result<Vec<u8>> {
    // Signature (8 bytes), then IHDR: length (4), type (4), 13 data bytes, CRC (4).
    const IHDR_END: usize = 8 + 4 + 4 + 13 + 4;
    if png.len() < IHDR_END || &png[12..16] != b"IHDR" {
        return Err(Error::Render("unexpected PNG from the encoder".to_string()));
    }
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1); // the unit is the metre
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..IHDR_END]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[IHDR_END..]);
    Ok(out)
}

/// CRC-32 as the PNG specification defines it (ISO 3309, reflected, polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_specification_check_value() {
        // The standard check value of CRC-32 over the ASCII digits "123456789".
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        // The CRC of an IEND chunk, as every PNG file ends with it: AE 42 60 82.
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
    }
}
