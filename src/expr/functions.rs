//! The functions an expression may call: their names, how many arguments each takes, and
//! the operation each becomes.
//!
//! One table, so that the parser's messages ("did you mean", the argument counts), the
//! grammar in the documentation and the evaluator cannot disagree about what exists.

/// A function of one argument. Each has exact first and second derivatives
/// ([`super::math::unary`]), so every expression built from them is twice differentiable
/// wherever they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Func1 {
    Ln,
    Exp,
    Sqrt,
    Abs,
    Log1p,
    Expm1,
    Lgamma,
    Digamma,
    Sigmoid,
    LogSigmoid,
    Softplus,
    NormCdf,
    LnNormCdf,
    /// ln(1 + e^(−|x|)): not a function of the language, but the part softplus and
    /// log_sigmoid of x and of −x have in common, which the value-only program shares
    /// (see `value_form` in the module root).
    Log1pExpNegAbs,
}

/// What a call becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Callee {
    Unary(Func1),
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    Lbeta,
    /// ln C(n, k) = ln Γ(n + 1) − ln Γ(k + 1) − ln Γ(n − k + 1).
    Lchoose,
    /// ln Σ exp(aᵢ), without overflow.
    LogSumExp,
    Min,
    Max,
    /// if(c, a, b): a where c ≠ 0, b where c = 0.
    If,
}

/// How many arguments a function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

impl Arity {
    pub(crate) fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exactly(k) => n == k,
            Arity::AtLeast(k) => n >= k,
        }
    }

    /// "takes 2 arguments", "takes at least 2 arguments".
    pub(crate) fn describe(self) -> String {
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        match self {
            Arity::Exactly(k) => format!("takes {k} {}", plural(k)),
            Arity::AtLeast(k) => format!("takes at least {k} {}", plural(k)),
        }
    }
}

/// Every function by name, in the order the documentation lists them.
pub(crate) const FUNCTIONS: &[(&str, Callee, Arity)] = &[
    ("ln", Callee::Unary(Func1::Ln), Arity::Exactly(1)),
    ("log", Callee::Unary(Func1::Ln), Arity::Exactly(1)),
    ("exp", Callee::Unary(Func1::Exp), Arity::Exactly(1)),
    ("sqrt", Callee::Unary(Func1::Sqrt), Arity::Exactly(1)),
    ("abs", Callee::Unary(Func1::Abs), Arity::Exactly(1)),
    ("log1p", Callee::Unary(Func1::Log1p), Arity::Exactly(1)),
    ("expm1", Callee::Unary(Func1::Expm1), Arity::Exactly(1)),
    ("lgamma", Callee::Unary(Func1::Lgamma), Arity::Exactly(1)),
    ("digamma", Callee::Unary(Func1::Digamma), Arity::Exactly(1)),
    ("lbeta", Callee::Lbeta, Arity::Exactly(2)),
    ("lchoose", Callee::Lchoose, Arity::Exactly(2)),
    ("sigmoid", Callee::Unary(Func1::Sigmoid), Arity::Exactly(1)),
    (
        "log_sigmoid",
        Callee::Unary(Func1::LogSigmoid),
        Arity::Exactly(1),
    ),
    (
        "softplus",
        Callee::Unary(Func1::Softplus),
        Arity::Exactly(1),
    ),
    ("logsumexp", Callee::LogSumExp, Arity::AtLeast(2)),
    ("min", Callee::Min, Arity::AtLeast(2)),
    ("max", Callee::Max, Arity::AtLeast(2)),
    ("normcdf", Callee::Unary(Func1::NormCdf), Arity::Exactly(1)),
    (
        "lnormcdf",
        Callee::Unary(Func1::LnNormCdf),
        Arity::Exactly(1),
    ),
    ("if", Callee::If, Arity::Exactly(3)),
];

/// The named constants; a data column of the same name takes precedence.
pub(crate) const CONSTANTS: &[(&str, f64)] =
    &[("pi", std::f64::consts::PI), ("e", std::f64::consts::E)];

pub(crate) fn lookup(name: &str) -> Option<(Callee, Arity)> {
    FUNCTIONS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|&(_, callee, arity)| (callee, arity))
}

pub(crate) fn is_function(name: &str) -> bool {
    lookup(name).is_some()
}

pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|(n, _, _)| *n)
}
