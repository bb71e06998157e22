//! The integration tests of nllplot, as one test binary (one link step instead of one per
//! file, which matters on a 2-core machine): each module covers one feature or concern. Every
//! test runs the binary in its own temporary folder (its current folder), so no output,
//! including the default `output/`, ever lands in the repository.

mod bad_input;
mod common;
mod data;
mod data_files;
mod defaults;
mod determinism;
mod edge_cases;
mod exports;
mod families;
mod gallery;
mod geometry;
mod golden;
mod help;
mod inference_tests;
mod limits;
mod messages;
mod models;
mod optimizer;
mod output_safety;
mod page;
mod prior;
mod properties;
mod publication;
mod regression;
mod teaching;
mod text;
mod typeset_outputs;
mod user_model;
