//! Priors on a model's parameters (`--prior p=beta(2,2)`): the five distributions a course
//! draws beside a likelihood, parsed from their text, with their full log-densities and exact
//! first and second derivatives.
//!
//! Why a module of its own, below the models and the analysis: the prior is the one piece of a
//! posterior that knows nothing about the data or the family, so the config checks its text
//! and arguments before any work, and the analysis adds ln π(θ) to any curve — a built-in
//! family, a profile, a user's expression — without either knowing of the other. The
//! log-density is the whole one, constants included (scipy.stats' `logpdf`), so
//! NLL − ln π is the negative log posterior up to the evidence alone.

pub mod conjugate;
pub mod penalised;

use crate::digits::shortest;
use statrs::function::gamma::ln_gamma;
use std::f64::consts::PI;
use std::fmt;

/// The distributions `--prior` knows, with their argument names in order.
pub const DISTRIBUTIONS: [(&str, [&str; 2]); 5] = [
    ("normal", ["m", "s"]),
    ("laplace", ["m", "b"]),
    ("beta", ["a", "b"]),
    ("gamma", ["shape", "rate"]),
    ("uniform", ["lo", "hi"]),
];

/// A prior distribution of one parameter, with checked arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PriorDist {
    /// Normal with mean m and standard deviation s.
    Normal { m: f64, s: f64 },
    /// Laplace with location m and scale b.
    Laplace { m: f64, b: f64 },
    /// Beta with shapes a and b, on [0, 1].
    Beta { a: f64, b: f64 },
    /// Gamma with shape and rate (mean shape/rate), on [0, ∞).
    Gamma { shape: f64, rate: f64 },
    /// Uniform on [lo, hi].
    Uniform { lo: f64, hi: f64 },
}

/// One `--prior`: the parameter's name and its distribution.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorArg {
    pub name: String,
    pub dist: PriorDist,
}

impl PriorDist {
    /// The name on the command line and in the JSON.
    pub fn name(&self) -> &'static str {
        match self {
            PriorDist::Normal { .. } => "normal",
            PriorDist::Laplace { .. } => "laplace",
            PriorDist::Beta { .. } => "beta",
            PriorDist::Gamma { .. } => "gamma",
            PriorDist::Uniform { .. } => "uniform",
        }
    }

    /// The arguments by name, in the order they are written.
    pub fn args(&self) -> [(&'static str, f64); 2] {
        let [x, y] = self.values();
        let names = DISTRIBUTIONS
            .iter()
            .find(|(n, _)| *n == self.name())
            .map(|(_, a)| *a)
            .expect("every distribution is listed");
        [(names[0], x), (names[1], y)]
    }

    fn values(&self) -> [f64; 2] {
        match *self {
            PriorDist::Normal { m, s } => [m, s],
            PriorDist::Laplace { m, b } => [m, b],
            PriorDist::Beta { a, b } => [a, b],
            PriorDist::Gamma { shape, rate } => [shape, rate],
            PriorDist::Uniform { lo, hi } => [lo, hi],
        }
    }

    /// The closed support [lo, hi] where the density is positive (or has a pole).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            PriorDist::Normal { .. } | PriorDist::Laplace { .. } => {
                (f64::NEG_INFINITY, f64::INFINITY)
            }
            PriorDist::Beta { .. } => (0.0, 1.0),
            PriorDist::Gamma { .. } => (0.0, f64::INFINITY),
            PriorDist::Uniform { lo, hi } => (lo, hi),
        }
    }

    /// ln π(x), constants included: −∞ outside the support, +∞ at a pole of the density
    /// (a beta shape or gamma shape below 1 at 0), never NaN.
    pub fn ln_pdf(&self, x: f64) -> f64 {
        self.ln_pdf_d(x).0
    }

    /// ln π(x) with its first and second derivatives, exact. Outside the support the value
    /// is −∞ and the derivatives 0 (nothing to climb); at the Laplace kink x = m the
    /// derivative is taken as 0, its subgradient's middle.
    pub fn ln_pdf_d(&self, x: f64) -> (f64, f64, f64) {
        let (lo, hi) = self.support();
        if x.is_nan() || x < lo || x > hi {
            return (f64::NEG_INFINITY, 0.0, 0.0);
        }
        match *self {
            PriorDist::Normal { m, s } => {
                let z = (x - m) / s;
                (
                    -0.5 * z * z - s.ln() - 0.5 * (2.0 * PI).ln(),
                    -z / s,
                    -1.0 / (s * s),
                )
            }
            PriorDist::Laplace { m, b } => {
                let sign = if x > m {
                    1.0
                } else if x < m {
                    -1.0
                } else {
                    0.0
                };
                (-(x - m).abs() / b - (2.0 * b).ln(), -sign / b, 0.0)
            }
            PriorDist::Beta { a, b } => {
                let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
                let (t0, t1, t2) = power_term(a - 1.0, x);
                let (u0, u1, u2) = power_term(b - 1.0, 1.0 - x);
                (t0 + u0 - ln_beta, t1 - u1, t2 + u2)
            }
            PriorDist::Gamma { shape, rate } => {
                let (t0, t1, t2) = power_term(shape - 1.0, x);
                (
                    shape * rate.ln() - ln_gamma(shape) + t0 - rate * x,
                    t1 - rate,
                    t2,
                )
            }
            PriorDist::Uniform { lo, hi } => (-(hi - lo).ln(), 0.0, 0.0),
        }
    }

    /// The mode, where the density has one inside its support (a search for the posterior
    /// mode brackets it between this and θ̂).
    pub fn mode(&self) -> Option<f64> {
        match *self {
            PriorDist::Normal { m, .. } | PriorDist::Laplace { m, .. } => Some(m),
            PriorDist::Beta { a, b } if a > 1.0 && b > 1.0 => Some((a - 1.0) / (a + b - 2.0)),
            PriorDist::Gamma { shape, rate } if shape >= 1.0 => Some((shape - 1.0) / rate),
            _ => None,
        }
    }

    /// The reading of −ln π as a penalty of machine learning, where it holds: a centred
    /// normal is the L2 penalty, a centred Laplace the L1 penalty (each plus a constant).
    pub fn penalty(&self, symbol: &str) -> Option<String> {
        match *self {
            PriorDist::Normal { m: 0.0, s } => Some(if s == 1.0 {
                format!("L2 penalty ½{symbol}²")
            } else {
                format!("L2 penalty {symbol}²/(2·{}²)", shortest(s))
            }),
            PriorDist::Laplace { m: 0.0, b } => Some(if b == 1.0 {
                format!("L1 penalty |{symbol}|")
            } else {
                format!("L1 penalty |{symbol}|/{}", shortest(b))
            }),
            _ => None,
        }
    }
}

/// c·ln y with its derivatives in y, where c = 0 contributes nothing even at y = 0 (a
/// uniform-like beta or exponential-like gamma is finite at its edge, not 0·(−∞)).
fn power_term(c: f64, y: f64) -> (f64, f64, f64) {
    if c == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    if y == 0.0 {
        // A zero (c > 0) or a pole (c < 0) of the density.
        let v = if c > 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
        return (v, 0.0, 0.0);
    }
    (c * y.ln(), c / y, -c / (y * y))
}

impl fmt::Display for PriorDist {
    /// `beta(2, 2)`: how the figure and messages write the prior.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [x, y] = self.values();
        write!(f, "{}({}, {})", self.name(), shortest(x), shortest(y))
    }
}

/// Parses `NAME=DIST(A,B)`. The error says what is wrong and, for a malformed text, at which
/// column (counted in characters from 1); the caller adds the option's name.
pub fn parse(text: &str) -> Result<PriorArg, String> {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize, what: String| format!("'{text}': column {}: {what}", i + 1);
    let Some(eq) = chars.iter().position(|&c| c == '=') else {
        return Err(format!(
            "'{text}' is not NAME=DIST(ARGS), e.g. p=beta(2,2) or b1=normal(0,1)"
        ));
    };
    let name: String = chars[..eq].iter().collect::<String>().trim().to_string();
    if name.is_empty() {
        return Err(at(0, "expected a parameter's name before '='".to_string()));
    }
    let open = chars[eq + 1..]
        .iter()
        .position(|&c| c == '(')
        .map(|i| i + eq + 1);
    let dist_end = open.unwrap_or(chars.len());
    let dist: String = chars[eq + 1..dist_end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string();
    let first = eq
        + 1
        + chars[eq + 1..dist_end]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
    let Some(&(known, arg_names)) = DISTRIBUTIONS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(&dist))
    else {
        let names: Vec<&str> = DISTRIBUTIONS.iter().map(|(n, _)| *n).collect();
        let near = crate::expr::did_you_mean(&dist.to_lowercase(), names.iter().copied())
            .map(|n| format!("; did you mean '{n}'?"))
            .unwrap_or_default();
        let what = if dist.is_empty() {
            "expected a distribution after '='".to_string()
        } else {
            format!("unknown distribution '{dist}'")
        };
        return Err(at(
            first,
            format!("{what}; the priors are {}{near}", names.join(", ")),
        ));
    };
    let Some(open) = open else {
        return Err(at(
            chars.len(),
            format!(
                "expected '(' and the arguments of {known}({})",
                arg_names.join(", ")
            ),
        ));
    };
    // The arguments: numbers separated by commas up to the closing parenthesis.
    let mut values = Vec::new();
    let mut start = open + 1;
    let close = loop {
        let end = chars[start..]
            .iter()
            .position(|&c| c == ',' || c == ')')
            .map(|i| i + start);
        let Some(end) = end else {
            return Err(at(
                chars.len(),
                "expected ')' after the arguments".to_string(),
            ));
        };
        let piece: String = chars[start..end].iter().collect();
        let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
        let word = piece.trim();
        if word.is_empty() {
            return Err(at(end, "expected a number".to_string()));
        }
        match word.parse::<f64>() {
            Ok(v) if v.is_finite() => values.push(v),
            _ => return Err(at(start + lead, format!("'{word}' is not a finite number"))),
        }
        if chars[end] == ')' {
            break end;
        }
        start = end + 1;
    };
    if let Some(extra) = (close + 1..chars.len()).find(|&i| !chars[i].is_whitespace()) {
        return Err(at(
            extra,
            "unexpected text after the closing ')'".to_string(),
        ));
    }
    if values.len() != 2 {
        return Err(format!(
            "'{text}': {known} takes 2 arguments ({}), not {}",
            arg_names.join(", "),
            values.len()
        ));
    }
    let (x, y) = (values[0], values[1]);
    let positive = |name: &str, v: f64| {
        if v > 0.0 {
            Ok(())
        } else {
            Err(format!(
                "'{text}': the {name} of a {known} prior must be positive, not {}",
                shortest(v)
            ))
        }
    };
    let dist = match known {
        "normal" => {
            positive("standard deviation s", y)?;
            PriorDist::Normal { m: x, s: y }
        }
        "laplace" => {
            positive("scale b", y)?;
            PriorDist::Laplace { m: x, b: y }
        }
        "beta" => {
            positive("shape a", x)?;
            positive("shape b", y)?;
            PriorDist::Beta { a: x, b: y }
        }
        "gamma" => {
            positive("shape", x)?;
            positive("rate", y)?;
            PriorDist::Gamma { shape: x, rate: y }
        }
        _ => {
            if x >= y || !(y - x).is_finite() {
                return Err(format!(
                    "'{text}': a uniform prior needs lo < hi (and a finite width), not lo = {} and hi = {}",
                    shortest(x),
                    shortest(y)
                ));
            }
            PriorDist::Uniform { lo: x, hi: y }
        }
    };
    Ok(PriorArg { name, dist })
}

#[cfg(test)]
mod tests;
