//! PNG output: the SVG rasterised by resvg, anti-aliased.
//!
//! plotters' own bitmap backend neither anti-aliases lines nor places them between pixels;
//! rasterising the SVG gives the smooth curves a printed figure needs. resvg sees only the
//! bundled font, so the PNG is the same on every machine.

use super::{font, svg, Figure};
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// The figure as PNG bytes, `width` × `height` pixels.
pub fn png(figure: &Figure) -> Result<Vec<u8>> {
    rasterise(&svg(figure)?, figure.width(), figure.height())
}

/// An SVG document as PNG bytes of `width` × `height` pixels.
pub fn rasterise(svg: &str, width: u32, height: u32) -> Result<Vec<u8>> {
    pixmap(svg, width, height)?
        .encode_png()
        .map_err(|e| Error::Render(e.to_string()))
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

fn pixmap(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::Render(e.to_string()))?;
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

/// A font database holding the bundled font and nothing else, built once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(font::BYTES.to_vec());
        db.set_sans_serif_family(font::FAMILY);
        Arc::new(db)
    })
    .clone()
}
