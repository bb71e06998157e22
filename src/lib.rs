//! nllplot: the likelihood figure of a one-parameter family, as a library.
//!
//! Data flow one way: a [`Request`] (what the user asked for) is checked into a [`Config`];
//! [`run`] samples or reads the observations, sweeps LL(θ) over a grid from sufficient
//! statistics, and writes the figure (SVG, PNG, PDF) and the numbers (CSV, JSON) atomically.
//! The command-line tool is a thin layer over this crate; the crate itself knows no clap.
//!
//! # Examples
//! ```
//! use nllplot::{analyse, Config, Request};
//! use nllplot::family::Dist;
//!
//! let config = Config::from_request(Request { dist: Dist::Poisson, ..Request::default() })?;
//! let outcome = analyse(&config)?; // computes, writes nothing
//! assert_eq!(outcome.summary.n, 100);
//! assert_eq!(outcome.sweep.theta.len(), 1000);
//! // The closed-form MLE is at least as likely as every grid point.
//! assert!(outcome.sweep.ll.iter().all(|&ll| ll <= outcome.summary.ll_max));
//! # Ok::<(), nllplot::Error>(())
//! ```

pub mod animate;
pub mod axis;
pub mod config;
pub mod data;
pub mod digits;
pub mod error;
pub mod export;
pub mod expr;
pub mod family;
pub mod inference;
pub mod numeric;
pub mod progress;
pub mod render;
pub mod run;
pub mod sample;
pub mod surface;
pub mod sweep;
pub mod units;

pub use config::{Config, Request};
pub use error::{Error, Result};
pub use run::{analyse, analyse_with, run, run_any, run_with, Computed, Outcome, Summary};
