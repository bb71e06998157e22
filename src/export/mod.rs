//! Every output file as bytes, and the one writer that puts them on disk.
//!
//! Each format is a function from the computed [`Outcome`] to bytes, so tests can compare
//! exports without touching the file system; [`writer`] then commits all of them at once.

pub mod csv;
pub mod gif;
pub mod html;
pub mod json;
pub mod writer;

use crate::config::{Config, Format};
use crate::error::Result;
use crate::render;
use crate::run::Outcome;

/// The bytes of one output in the given format.
pub fn bytes(format: Format, outcome: &Outcome, config: &Config) -> Result<Vec<u8>> {
    match format {
        Format::Svg if outcome.figure().options.text_as_paths => {
            Ok(render::svg_text_as_paths(&outcome.figure())?.into_bytes())
        }
        Format::Svg => Ok(render::svg(&outcome.figure())?.into_bytes()),
        Format::Png => render::png(&outcome.figure()),
        Format::Pdf => render::pdf(&outcome.figure()),
        Format::Csv => csv::to_bytes(
            &outcome.sweep,
            outcome.summary.parameterization == "natural",
        ),
        Format::Json => json::to_bytes(&outcome.summary),
        Format::Html => html::to_bytes(outcome, config),
        Format::Gif => gif::animation(config),
    }
}
