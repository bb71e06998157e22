//! SVG output: the figure drawn by plotters at a larger internal scale, and the same figure
//! with its text turned into outlines.
//!
//! plotters rounds every coordinate to a whole unit. Drawing at `SCALE`× the nominal size and
//! declaring the nominal size in the `width`/`height` attributes (the `viewBox` keeps the
//! internal one) makes each unit a quarter pixel, so curves come out smooth in any viewer.
//! The declared size keeps the unit it was given in (`12cm`), which LaTeX and Inkscape honour.
//!
//! The plain SVG names the figure's font (DejaVu Sans, or the family of `--font`) with
//! look-alike fallbacks; a viewer without the font lays the text out with another one.
//! `--text-as-paths` removes that dependence: usvg lays the text out with the figure's fonts
//! (as for the PNG) and writes each glyph as a path, so the file renders identically
//! everywhere, at the price of text that cannot be selected.

use super::surface::{draw_surface, SurfaceFigure};
use super::svg_writer::SvgWriter;
use super::{draw, font, Figure, SCALE};
use crate::config::FigureOptions;
use crate::error::{Error, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use resvg::usvg;

/// The figure as an SVG document.
pub fn svg(figure: &Figure) -> Result<String> {
    drawn_at(figure.options, |root| draw(root, figure))
}

/// The two-parameter figure as an SVG document.
pub fn surface_svg(figure: &SurfaceFigure) -> Result<String> {
    drawn_at(figure.options, |root| draw_surface(root, figure))
}

/// Drawn by `paint` at the internal scale of the figure's size, declared in its unit.
pub(super) fn drawn_at<F>(options: &FigureOptions, paint: F) -> Result<String>
where
    F: FnOnce(&DrawingArea<SvgWriter, Shift>) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
{
    let scale = |v: f64| (v * SCALE as f64).round() as u32;
    let faces = font::Faces::new(options.font.as_deref());
    drawn(
        (scale(options.width.to_px()), scale(options.height.to_px())),
        (
            &options.width.svg_attribute(),
            &options.height.svg_attribute(),
        ),
        (faces.family(), &faces.svg_family()),
        paint,
    )
}

/// Draws at `internal` size and declares the `declared` size (with its unit) in the header;
/// text drawn in `family` asks the viewer for `fallbacks`.
fn drawn<F>(
    internal: (u32, u32),
    declared: (&str, &str),
    (family, fallbacks): (&str, &str),
    paint: F,
) -> Result<String>
where
    F: FnOnce(&DrawingArea<SvgWriter, Shift>) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
{
    font::register().map_err(Error::Render)?;
    let mut out = String::with_capacity(256 * 1024);
    {
        let root = SvgWriter::declared(&mut out, internal, declared, (family, fallbacks))
            .into_drawing_area();
        paint(&root).map_err(|e| Error::Render(e.to_string()))?;
        root.present().map_err(|e| Error::Render(e.to_string()))?;
    }
    Ok(out)
}

/// The figure as an SVG document whose text is drawn as outlines of the bundled font.
pub fn svg_text_as_paths(figure: &Figure) -> Result<String> {
    outlined(&svg(figure)?, figure.options)
}

/// Any of our SVG documents with its text drawn as outlines, declared at the figure's size.
pub fn outlined(svg: &str, options: &FigureOptions) -> Result<String> {
    let tree = tree(svg)?;
    let out = tree.to_string(&usvg::WriteOptions::default());
    // usvg declares the size in pixels, without a viewBox; put back the unit the figure was
    // given in, with the viewBox that maps the pixel coordinates onto it.
    let size = tree.size();
    let written = format!("width=\"{}\" height=\"{}\"", size.width(), size.height());
    let declared = format!(
        "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\"",
        options.width.svg_attribute(),
        options.height.svg_attribute(),
        size.width(),
        size.height()
    );
    match out.find(&written) {
        Some(at) if at < 200 => Ok(format!(
            "{}{declared}{}",
            &out[..at],
            &out[at + written.len()..]
        )),
        _ => Err(Error::Render("unexpected SVG header from usvg".to_string())),
    }
}

/// Our SVG parsed by usvg, its text laid out with the bundled font and the `--font` files
/// loaded (never a system font).
pub(super) fn tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_string(),
        fontdb: font::database(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| Error::Render(e.to_string()))
}

/// An SVG document of ours parsed as the PNG and PDF writers parse it, for checks that
/// measure what was drawn (the geometry test).
pub fn svg_tree(svg: &str) -> Result<usvg::Tree> {
    tree(svg)
}
