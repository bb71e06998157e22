//! Numerical building blocks shared by the expression language and the families.
//!
//! Both [`crate::expr`] (layer 2) and [`crate::family`] (layer 3) need the same special
//! functions and the same compensated sums; they live here, below both, so that neither has
//! to reach into the other. Nothing here imports another module of the project.

pub mod special;
mod sum;

pub use sum::CompensatedSum;
