//! Integration tests of the `nllplot` command line, one module per feature.
//!
//! Every test runs the binary in its own temporary folder (its current folder), so no output,
//! including the default `output/`, ever lands in the repository.

mod bad_input;
mod common;
mod data;
mod defaults;
mod determinism;
mod exports;
mod families;
mod help;
mod teaching;
