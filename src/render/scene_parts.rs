//! The pieces of a figure's scene that the optional marks build too (a posterior's curves and
//! its MAP line): polylines with their role, and labelled verticals. They live apart from
//! `scene.rs`, which assembles the whole scene and asks the marks for theirs, so that the
//! marks need not import the assembler that imports them.

use crate::theme::Line;

/// What a polyline is, for exporters that name or order their paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Curve,
    /// The curve of a `-n` list's sample size.
    Overlay(u64),
    Threshold,
    Wald,
    /// A curve of the posterior (`--prior`): the prior, the posterior, the exact posterior.
    Posterior(&'static str),
}

/// A polyline in one axis' units, already cut into the runs inside the frame.
#[derive(Debug, Clone)]
pub struct Series {
    pub role: Role,
    pub runs: Vec<Vec<(f64, f64)>>,
    pub line: Line,
    /// Plotted against the right axis (the overlay layout's NLL).
    pub right: bool,
    /// Drawn (false: only there to bound the interval's fill, as the main curve under a `-n`
    /// list, whose overlays are the curves shown).
    pub visible: bool,
}

/// A vertical line across a panel (θ̂, the true value) and its label.
#[derive(Debug, Clone)]
pub struct Vertical {
    pub x: f64,
    pub line: Line,
    /// Empty when another vertical's label names both.
    pub label: String,
}
