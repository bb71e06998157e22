//! The coordinate on the x axis: the family's own parameter θ, or its natural parameter η.
//!
//! Everything is computed in θ (where the families' formulas live) and carried to the axis at
//! the end: a point maps through η(θ), an interval maps end to end (swapped where the map
//! decreases), and the Fisher information picks up the factor (dθ/dη)². That is exactly the
//! lesson of the natural-parameter view: the likelihood-ratio interval is the same set of
//! models in either coordinate, while the Wald interval is not.

use crate::family::{Family, NaturalMap};

/// Which parameterisation the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Parameterization {
    /// The family's usual parameter (p, λ, μ …).
    #[default]
    Mean,
    /// The natural parameter of an exponential family (logit p, ln λ …).
    Natural,
}

impl Parameterization {
    pub fn name(self) -> &'static str {
        match self {
            Parameterization::Mean => "mean",
            Parameterization::Natural => "natural",
        }
    }
}

/// The plotted coordinate x and its relation to θ.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    /// How the axis is labelled: "p", "logit p".
    pub symbol: String,
    /// The estimate's symbol: "p̂", "logit p̂".
    pub hat: String,
    /// `None` when x is θ itself.
    map: Option<NaturalMap>,
}

impl Axis {
    /// The parameter itself, named `symbol` (its estimate `hat`): the axis of any curve that is
    /// not a hand-written family's.
    pub fn plain(symbol: &str, hat: &str) -> Axis {
        Axis {
            symbol: symbol.to_string(),
            hat: hat.to_string(),
            map: None,
        }
    }

    /// The axis for a family in the given parameterisation; `None` if the family has no
    /// natural parameter and one was asked for.
    pub fn new(family: &dyn Family, parameterization: Parameterization) -> Option<Axis> {
        let param = family.param();
        match parameterization {
            Parameterization::Mean => Some(Axis {
                symbol: param.symbol.to_string(),
                hat: param.hat.to_string(),
                map: None,
            }),
            Parameterization::Natural => {
                let natural = family.natural()?;
                Some(Axis {
                    symbol: natural.symbol.to_string(),
                    hat: natural.symbol.replace(param.symbol, param.hat),
                    map: Some(natural.map),
                })
            }
        }
    }

    pub fn is_natural(&self) -> bool {
        self.map.is_some()
    }

    /// θ at axis coordinate x.
    pub fn theta(&self, x: f64) -> f64 {
        self.map.map_or(x, |m| m.theta(x))
    }

    /// The axis coordinate of θ.
    pub fn x(&self, theta: f64) -> f64 {
        self.map.map_or(theta, |m| m.eta(theta))
    }

    /// dθ/dx at x.
    pub fn dtheta_dx(&self, x: f64) -> f64 {
        self.map.map_or(1.0, |m| m.dtheta_deta(x))
    }
}
