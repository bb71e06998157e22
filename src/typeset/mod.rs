//! Typesetting: the fonts a figure is drawn with, text measured with them, and the layout
//! engine that plans a figure's space before anything is drawn.
//!
//! It sits below the configuration (not inside the renderer) because the configuration needs
//! it first: a `--font` is loaded and checked, a label's characters are looked up in it, and a
//! figure too small to hold readable text is refused, all before any work. The renderer then
//! draws what these modules planned.

pub mod font;
pub mod layout;
pub mod place;
pub mod rect;
pub mod text;

/// The largest figure side in CSS pixels (the config refuses larger ones).
pub const MAX_SIDE: f64 = 10_000.0;
