//! The one font every figure uses, compiled into the binary.
//!
//! Bundling DejaVu Sans (free licence, in `assets/`) means the layout plotters computes, the PNG
//! resvg rasterises and the SVG a reader opens all agree, on any machine, with no fontconfig or
//! freetype to link or configure.

use std::sync::OnceLock;

/// The family name the figures ask for; it is the bundled font's own name.
pub const FAMILY: &str = "DejaVu Sans";
/// What the SVG asks a viewer for: the bundled font first, then look-alikes.
pub const SVG_FAMILY: &str = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";
/// DejaVu Sans 2.37 (Debian's fonts-dejavu-core); licence in assets/DejaVuSans-LICENSE.txt.
pub const BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Makes the font known to plotters' text measurement; safe to call any number of times.
pub fn register() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, BYTES)
                .map_err(|_| "the bundled font could not be loaded".to_string())
        })
        .clone()
}
