//! Every output file as bytes, and the one writer that puts them on disk.
//!
//! Each format is a pure function from the computed [`Analysis`] (and the run's options) to
//! bytes: nothing here samples, reads or solves, so tests can compare exports without
//! touching the file system, and [`writer`] then commits all of them at once.

pub mod csv;
pub mod gif;
pub mod html;
pub mod json;
mod latex_text;
mod prior_csv;
pub mod tex;
pub mod typ;
pub mod writer;

use crate::analysis::{Analysis, View};
use crate::config::{Config, Format};
use crate::error::{Error, Result};
use crate::render::scene::{CurveScene, SurfaceScene};
use crate::render::{self, Figure, SurfaceFigure};

/// The bytes of one output in the given format.
pub fn bytes(format: Format, analysis: &Analysis, config: &Config) -> Result<Vec<u8>> {
    let options = &config.figure;
    match format {
        Format::Svg | Format::Png | Format::Pdf if analysis.coverage.is_some() => {
            let summary = analysis.coverage.as_ref().expect("checked above");
            let figure = render::coverage::CoverageFigure {
                summary,
                symbol: config.axis.symbol.clone(),
                hat: config.axis.hat.clone(),
                family: config.likelihood.label(),
                options,
            };
            match format {
                Format::Png => render::coverage::coverage_png(&figure),
                Format::Svg => Ok(render::coverage::coverage_svg(&figure)?.into_bytes()),
                _ => render::pdf_of_svg(&render::coverage::coverage_svg(&figure)?),
            }
        }
        Format::Svg | Format::Png | Format::Pdf => {
            let svg = match &analysis.view {
                View::Curve { main, overlays } => {
                    let figure = Figure::of(config, main, overlays, None);
                    if format == Format::Png {
                        return render::png(&figure);
                    }
                    render::svg(&figure)?
                }
                View::Surface(surface) => {
                    let figure = SurfaceFigure::of(config, surface);
                    if format == Format::Png {
                        return render::surface_png(&figure);
                    }
                    render::surface_svg(&figure)?
                }
            };
            match format {
                Format::Svg if options.text_as_paths => {
                    Ok(render::outlined(&svg, options)?.into_bytes())
                }
                Format::Svg => Ok(svg.into_bytes()),
                _ => render::pdf_of_svg(&svg),
            }
        }
        Format::Csv => match &analysis.view {
            View::Curve { main, .. } => csv::curve(main, config.axis.is_natural()),
            View::Surface(surface) => csv::surface(surface),
        },
        Format::Json => json::to_bytes(&analysis.summary),
        Format::Html => {
            let page = analysis.page.as_ref().ok_or_else(|| {
                Error::Render("the interactive page's curves were not computed".to_string())
            })?;
            Ok(html::to_bytes(page))
        }
        Format::Gif => {
            let frames = analysis.frames.as_ref().ok_or_else(|| {
                Error::Render("the animation's frames were not computed".to_string())
            })?;
            gif::to_bytes(frames, config)
        }
        Format::Tex | Format::Typ => {
            let aspect = options.height.to_px() / options.width.to_px();
            Ok(match (&analysis.view, format) {
                (View::Curve { main, overlays }, Format::Tex) => tex::curve(
                    &CurveScene::of(&Figure::of(config, main, overlays, None)),
                    &config.tex,
                    aspect,
                ),
                (View::Curve { main, overlays }, _) => typ::curve(
                    &CurveScene::of(&Figure::of(config, main, overlays, None)),
                    aspect,
                ),
                (View::Surface(surface), Format::Tex) => tex::surface(
                    &SurfaceScene::of(&SurfaceFigure::of(config, surface)),
                    &config.tex,
                    aspect,
                ),
                (View::Surface(surface), _) => typ::surface(
                    &SurfaceScene::of(&SurfaceFigure::of(config, surface)),
                    aspect,
                ),
            })
        }
    }
}
