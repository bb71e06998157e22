//! Natural parameters of exponential families.
//!
//! In its natural parameter η an exponential family's log-likelihood is concave for any data
//! (LL = η·T − n·A(η) with A convex), whereas in the mean parameter it need not be. Drawing the
//! same likelihood over η instead of θ shows that, and shows that the likelihood-ratio interval
//! maps across while the Wald interval does not. Each map is a smooth monotone function, kept
//! as data (not a closure) so it can be compared, printed and tested.

/// The natural parameter of a family: its name and its map from the mean parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Natural {
    /// How the axis names η, e.g. "logit p".
    pub symbol: &'static str,
    pub map: NaturalMap,
}

/// η as a function of θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NaturalMap {
    /// η = ln(θ / (1 − θ))
    Logit,
    /// η = ln θ
    Log,
    /// η = ln(1 − θ)
    Log1m,
    /// η = −θ
    Negate,
    /// η = c·θ
    Scale(f64),
    /// η = −1 / (2θ²), for a standard deviation θ
    NegHalfInvSquare,
    /// η = θ + c
    Shift(f64),
    /// η = −θ⁻ᵏ, for a Weibull scale θ with shape k
    NegInvPower(f64),
}

impl NaturalMap {
    /// η(θ)
    pub fn eta(self, theta: f64) -> f64 {
        match self {
            NaturalMap::Logit => (theta / (1.0 - theta)).ln(),
            NaturalMap::Log => theta.ln(),
            NaturalMap::Log1m => (-theta).ln_1p(),
            NaturalMap::Negate => -theta,
            NaturalMap::Scale(c) => c * theta,
            NaturalMap::NegHalfInvSquare => -0.5 / (theta * theta),
            NaturalMap::Shift(c) => theta + c,
            NaturalMap::NegInvPower(k) => -theta.powf(-k),
        }
    }

    /// θ(η), the inverse of [`NaturalMap::eta`].
    pub fn theta(self, eta: f64) -> f64 {
        match self {
            NaturalMap::Logit => 1.0 / (1.0 + (-eta).exp()),
            NaturalMap::Log => eta.exp(),
            NaturalMap::Log1m => -eta.exp_m1(),
            NaturalMap::Negate => -eta,
            NaturalMap::Scale(c) => eta / c,
            NaturalMap::NegHalfInvSquare => (-0.5 / eta).sqrt(),
            NaturalMap::Shift(c) => eta - c,
            NaturalMap::NegInvPower(k) => (-eta).powf(-1.0 / k),
        }
    }

    /// dθ/dη at η, which carries the Fisher information across: J_η = J_θ·(dθ/dη)².
    pub fn dtheta_deta(self, eta: f64) -> f64 {
        match self {
            NaturalMap::Logit => {
                let t = self.theta(eta);
                t * (1.0 - t)
            }
            NaturalMap::Log => eta.exp(),
            NaturalMap::Log1m => -eta.exp(),
            NaturalMap::Negate => -1.0,
            NaturalMap::Scale(c) => 1.0 / c,
            NaturalMap::NegHalfInvSquare => (-2.0 * eta).powf(-1.5),
            NaturalMap::Shift(_) => 1.0,
            NaturalMap::NegInvPower(k) => (-eta).powf(-1.0 / k - 1.0) / k,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_invert_and_their_derivatives_match_finite_differences() {
        let cases = [
            (NaturalMap::Logit, 0.3),
            (NaturalMap::Log, 4.0),
            (NaturalMap::Log1m, 0.25),
            (NaturalMap::Negate, 1.5),
            (NaturalMap::Scale(0.25), -2.0),
            (NaturalMap::NegHalfInvSquare, 1.7),
            (NaturalMap::Shift(-1.0), 2.5),
            (NaturalMap::NegInvPower(2.0), 1.3),
        ];
        for (map, theta) in cases {
            let eta = map.eta(theta);
            assert!((map.theta(eta) - theta).abs() < 1e-14 * theta.abs().max(1.0));
            let h = 1e-6;
            let numeric = (map.theta(eta + h) - map.theta(eta - h)) / (2.0 * h);
            let exact = map.dtheta_deta(eta);
            assert!((numeric - exact).abs() < 1e-7 * exact.abs(), "{map:?}");
        }
        // logit 0.5 = 0 and ln(1 − ½) = −ln 2, by hand.
        assert_eq!(NaturalMap::Logit.eta(0.5), 0.0);
        assert_eq!(NaturalMap::Log1m.eta(0.5), -(2f64.ln()));
    }
}
