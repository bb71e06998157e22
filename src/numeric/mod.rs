//! Numerical building blocks shared by the expression language and the families.
//!
//! Both [`crate::expr`] (layer 2) and [`crate::family`] and [`crate::model`] (layers 3 and 4)
//! need the same special functions, compensated sums, dual numbers and root finding; they
//! live here, below all of them, so that none has to reach into another. Nothing here imports
//! another module of the project.

pub mod dual;
pub mod solve;
pub mod special;
mod sum;

pub use sum::CompensatedSum;
