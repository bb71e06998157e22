//! nllplot: the likelihood figure of any parameter of a model, as a library.
//!
//! Data flow one way: a [`Request`] (what the user asked for) is checked into a [`Config`]
//! (the model, each parameter's role — swept, fixed or profiled — and every option, all
//! checked before any work); [`analyse`] samples or reads the observations and computes the
//! one [`Analysis`] every view and exporter reads (a curve with its overlays, or a surface with
//! its profiles; animation frames; the interactive page's curves; the JSON summary); [`run`]
//! turns it into the bytes of every requested file (SVG, PNG, PDF, CSV, JSON, HTML, GIF) and
//! writes them atomically. The command-line tool is a thin layer over this crate; the crate
//! itself knows no clap.
//!
//! # Layers
//! Each module imports only those listed before it (the module graph has no cycles):
//!
//! 1. [`error`], [`digits`], [`units`], [`progress`], [`special`], [`solve`], [`dual`]: the
//!    base — errors, numbers in text, lengths, progress reports, special functions, root
//!    finding, dual numbers for exact derivatives.
//! 2. [`family`]: one file per one-parameter distribution, with its sufficient statistics.
//! 3. [`model`]: a family with all its parameters, their roles, the joint maximisation and the
//!    profile likelihood.
//! 4. [`axis`]: the plotted coordinate (θ or the natural parameter).
//! 5. [`data`], [`sample`]: observations, read as a stream or drawn from a seed.
//! 6. [`inference`], [`sweep`]: estimates, information and intervals on a curve; the grid.
//!    [`theme`]: how figures look (colours, lines, fonts, layouts), as plain data.
//! 7. [`config`]: `Request` → `Config`.
//! 8. [`analysis`]: everything computed.
//! 9. [`render`]: the figures drawn from the analysis.
//! 10. [`export`]: one pure function per format, and the atomic writer.
//! 11. [`run`]: analyse, export, write.
//!
//! # Examples
//! The canonical figure's numbers:
//! ```
//! use nllplot::{analyse, Config, Request};
//! use nllplot::family::Dist;
//!
//! let config = Config::from_request(Request { dist: Dist::Poisson, ..Request::default() })?;
//! let analysis = analyse(&config)?; // computes, writes nothing
//! let curve = analysis.curve().unwrap();
//! assert_eq!(curve.n, 100);
//! assert_eq!(curve.sweep.theta.len(), 1000);
//! // The closed-form MLE is at least as likely as every grid point.
//! assert!(curve.sweep.ll.iter().all(|&ll| ll <= curve.inference.ll_max));
//! # Ok::<(), nllplot::Error>(())
//! ```
//!
//! The profile likelihood of a gamma's rate with its shape unknown, and the surface of both:
//! ```
//! use nllplot::{analyse, Config, Request, View};
//! use nllplot::family::Dist;
//!
//! let profile = Config::from_request(Request {
//!     dist: Dist::Gamma,
//!     profile: vec!["shape".to_string()],
//!     ..Request::default()
//! })?;
//! let curve = analyse(&profile)?.curve().unwrap().clone();
//! // The CSV's extra column: the shape that maximises LL at each rate on the grid.
//! assert_eq!(curve.nuisance[0].0, "shape");
//!
//! let surface = Config::from_request(Request {
//!     dist: Dist::Gamma,
//!     sweep: Some(vec!["shape".to_string(), "rate".to_string()]),
//!     ..Request::default()
//! })?;
//! let View::Surface(s) = analyse(&surface)?.view else { unreachable!() };
//! // The surface's maximum is the joint estimate, the same as the profile's.
//! assert!((s.surface.mle[1] - curve.inference.mle).abs() < 1e-9 * curve.inference.mle);
//! assert_eq!(s.surface.a.len() * s.surface.b.len(), s.surface.ll.len());
//! # Ok::<(), nllplot::Error>(())
//! ```

pub mod analysis;
pub mod axis;
pub mod config;
pub mod data;
pub mod digits;
pub mod error;
pub mod export;
pub mod expr;
pub mod family;
pub mod inference;
pub mod labels;
pub mod model;
pub mod numeric;
pub mod prior;
pub mod progress;
pub mod render;
pub mod rows;
pub mod run;
pub mod sample;
pub mod sweep;
pub mod table;
pub mod target;
pub mod theme;
pub mod typeset;
pub mod units;

pub use analysis::{analyse, analyse_with, Analysis, Summary, View};
pub use config::{Config, Request};
pub use error::{Error, Result};
pub use run::{report, run, run_with};
