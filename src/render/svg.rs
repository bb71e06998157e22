//! SVG output: the figure drawn by plotters at a larger internal scale.
//!
//! plotters rounds every coordinate to a whole unit. Drawing at `SCALE`× the nominal size and
//! declaring the nominal size in the `width`/`height` attributes (the `viewBox` keeps the
//! internal one) makes each unit a quarter pixel, so curves come out smooth in any viewer.

use super::{draw, Figure, SCALE};
use crate::error::{Error, Result};
use plotters::prelude::*;

/// The figure as an SVG document.
pub fn svg(figure: &Figure) -> Result<String> {
    svg_drawn_by(figure.width(), figure.height(), |root| draw(root, figure))
}

/// An SVG of nominal size `width` × `height` drawn by `paint` at the internal scale.
pub(crate) fn svg_drawn_by<F>(width: u32, height: u32, paint: F) -> Result<String>
where
    F: FnOnce(
        &DrawingArea<SVGBackend, plotters::coord::Shift>,
    ) -> Result<(), DrawingAreaErrorKind<std::io::Error>>,
{
    super::font::register().map_err(Error::Render)?;
    let (w, h) = (width * SCALE, height * SCALE);
    let mut out = String::with_capacity(256 * 1024);
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        paint(&root).map_err(|e| Error::Render(e.to_string()))?;
        root.present().map_err(|e| Error::Render(e.to_string()))?;
    }
    let internal = format!("<svg width=\"{w}\" height=\"{h}\" ");
    if !out.starts_with(&internal) {
        return Err(Error::Render(
            "unexpected SVG header from plotters".to_string(),
        ));
    }
    let nominal = format!("<svg width=\"{width}\" height=\"{height}\" ");
    let family = format!("font-family=\"{}\"", super::font::FAMILY);
    let fallback = format!("font-family=\"{}\"", super::font::SVG_FAMILY);
    Ok(nominal + &out[internal.len()..].replace(&family, &fallback))
}
