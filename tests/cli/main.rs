//! The integration tests of nllplot, as one test binary (one link step instead of one per
//! file, which matters on a 2-core machine): each module covers one feature or concern.

mod edge_cases;
mod golden;
mod output_safety;
mod properties;
