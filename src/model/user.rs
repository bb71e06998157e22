//! The user's own model: ln f of one observation written as an expression (`--logf`), one
//! more [`Model`] beside the built-in families.
//!
//! Its parameters are the expression's free names, each in the space its `--bounds` give
//! (the whole real line by default). Observations are kept by the expression engine
//! ([`crate::expr::Observations`], inside the run's [`SufficientStats`]): as sums when the
//! expression separates, as the data-only parts of each row when it does not. LL and its
//! exact derivatives come from the engine; NaN or +∞ (a point where the expression is
//! undefined) comes back as NaN, which every maximisation steps around and every exporter
//! shows as a gap.
//!
//! Nothing is known in closed form, so the estimate is searched for: LL at a
//! low-discrepancy set of points over the bounds, scaled to the data where a bound is
//! infinite, and Newton's method from the best of them ([`Model::starts`]).
//!
//! A user's model cannot draw data of its own: synthetic observations come from a built-in
//! family (`--draw`), whose parameters `--true` sets.

use super::{label_of, Model, Param};
use crate::expr::{Logf, Probes};
use crate::family::{ParamSpace, Rng, SufficientStats};
use num_dual::HyperDual64;

/// Points at which LL is tried per free parameter before the Newton searches.
const SCAN_PER_PARAM: usize = 64;
/// The most points tried, however many parameters are free.
const SCAN_MAX: usize = 512;
/// Newton searches started from the best points of the scan (besides the given start).
const NEWTON_STARTS: usize = 6;

/// A compiled `--logf` expression with its parameters' spaces.
#[derive(Debug)]
pub struct UserModel {
    logf: Logf,
    params: Vec<Param>,
    probes: Probes,
    /// The built-in family synthetic data are drawn from (`--draw`), if any.
    drawn: Option<Box<dyn Model>>,
}

impl UserModel {
    /// The model of `logf` with one (lo, hi) per parameter (in the expression's order), the
    /// starting value of each (inside its bounds), and the family that draws synthetic data.
    pub fn new(
        logf: Logf,
        bounds: &[(f64, f64)],
        starts: &[f64],
        drawn: Option<Box<dyn Model>>,
    ) -> UserModel {
        assert_eq!(bounds.len(), logf.params().len(), "bounds per parameter");
        let params = logf
            .params()
            .iter()
            .zip(bounds)
            .zip(starts)
            .map(|((name, &(lo, hi)), &start)| Param {
                name: name.clone(),
                symbol: symbol_of(name, false),
                hat: symbol_of(name, true),
                words: format!("parameter {name}"),
                space: ParamSpace { lo, hi },
                default: start,
                fixed: start,
                flag: None,
            })
            .collect();
        UserModel {
            probes: Probes::within(bounds),
            logf,
            params,
            drawn,
        }
    }

    /// A typical point inside (lo, hi): the start of a search when none is given.
    pub fn centre(lo: f64, hi: f64) -> f64 {
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => lo + 0.5 * (hi - lo),
            (true, false) => lo + 1.0,
            (false, true) => hi - 1.0,
            (false, false) => 0.0,
        }
    }

    /// The location and spread of the first data column: the scale of the starting points
    /// along an infinite bound.
    fn data_scale(stats: &SufficientStats) -> (f64, f64) {
        if stats.n == 0 {
            return (0.0, 1.0);
        }
        let mean = stats.mean();
        let sd = (stats.sum_sq_about(mean) / stats.n as f64).sqrt();
        let mean = if mean.is_finite() { mean } else { 0.0 };
        let sd = if sd.is_finite() && sd > 0.0 { sd } else { 1.0 };
        (mean, sd)
    }
}

/// The Halton coordinate of point `i` in base `base`.
fn radical_inverse(mut i: u64, base: u64) -> f64 {
    let mut x = 0.0;
    let mut scale = 1.0 / base as f64;
    while i > 0 {
        x += (i % base) as f64 * scale;
        i /= base;
        scale /= base as f64;
    }
    x
}

const PRIMES: [u64; 16] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];

/// The point at u ∈ (0, 1) of a parameter with `space`, spread over the data's scale where
/// the space is unbounded: log-uniform over four decades either side of the scale from a
/// finite end, uniform over the data's range widened fourfold on the whole line.
fn spread(space: ParamSpace, u: f64, (mean, sd): (f64, f64)) -> f64 {
    let (lo, hi) = (space.lo, space.hi);
    let s = mean.abs().max(sd);
    let (small, large) = (
        s.min(1.0 / s).min(1.0) * 1e-2,
        s.max(1.0 / s).max(1.0) * 1e2,
    );
    let log_scale = (small.ln() + u * (large.ln() - small.ln())).exp();
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => lo + u * (hi - lo),
        (true, false) => lo + log_scale,
        (false, true) => hi - log_scale,
        (false, false) => {
            let half = mean.abs() + 4.0 * sd + 1.0;
            (2.0 * u - 1.0) * half
        }
    }
}

/// LL that grows without limit toward an end of a free parameter's space has no maximum:
/// the search would stop wherever the numbers give out (λ̂ = 4.5e24 for `x*lam`). Each
/// free parameter is followed toward each end of its space, the others at `theta`, at
/// distances 10⁴⁰, 10⁸⁰ and 10¹⁶⁰ (from a finite end: 10⁻⁴⁰… of the way back): LL rising
/// at least as fast as ln of the distance (by more than 1 at the last doubling of the
/// exponent) is unbounded. LL that rises toward a finite ceiling (a logistic regression on
/// separated data) is not refused: its curve is the honest figure.
fn grows_without_limit(
    model: &UserModel,
    stats: &SufficientStats,
    free: &[bool],
    theta: &[f64],
) -> Option<String> {
    const EXPONENTS: [i32; 3] = [40, 80, 160];
    for (i, p) in model.params.iter().enumerate() {
        if !free[i] {
            continue;
        }
        let (lo, hi) = (p.space.lo, p.space.hi);
        let at = |end: f64, k: i32| -> f64 {
            let scale = 10f64.powi(k);
            match (end.is_finite(), end > 0.0) {
                (false, true) => scale,
                (false, false) => -scale,
                (true, _) => end + (theta[i] - end) / scale,
            }
        };
        for (end, towards) in [(lo, "↓"), (hi, "↑")] {
            let values: Vec<f64> = EXPONENTS
                .iter()
                .map(|&k| {
                    let mut point = theta.to_vec();
                    point[i] = at(end, k);
                    model.ll(stats, &point)
                })
                .collect();
            let [a, b, c] = [values[0], values[1], values[2]];
            let grows = [a, b, c].iter().all(|v| v.is_finite())
                && a < b
                && b < c
                && c - b > 1.0
                && c - b >= b - a;
            if grows {
                let limit = if end.is_finite() {
                    format!("{} {towards} {}", p.name, crate::digits::shortest(end))
                } else {
                    format!("{} → {}∞", p.name, if end > 0.0 { "" } else { "−" })
                };
                let _ = towards;
                return Some(format!(
                    "LL has no maximum: it grows without limit as {limit} (the other parameters at their starts); bound {} with --bounds, or check the expression",
                    p.name
                ));
            }
        }
    }
    None
}

impl Model for UserModel {
    fn name(&self) -> &str {
        "model"
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn label(&self, fixed: &[Option<f64>]) -> String {
        let symbols: Vec<&str> = self.params.iter().map(|p| p.symbol.as_str()).collect();
        label_of("Model", &symbols, fixed)
    }

    fn check(&self, _x: f64) -> Result<(), String> {
        // Rows are checked against the expression as they are observed (`observe_rows`).
        Ok(())
    }

    fn check_true(&self, theta: &[f64]) -> Result<(), String> {
        match &self.drawn {
            Some(drawn) => drawn.check_true(theta),
            None => Err("a user's model draws no data; name a family with --draw".to_string()),
        }
    }

    fn draw(&self, theta: &[f64], rng: &mut Rng, out: &mut [f64]) {
        self.drawn
            .as_ref()
            .expect("the config allows synthetic data for a user's model only with --draw")
            .draw(theta, rng, out)
    }

    fn observe(&self, stats: &mut SufficientStats, xs: &[f64]) {
        if stats.undefined.is_some() {
            return;
        }
        if let Err(i) = self.observe_rows(stats, &[xs]) {
            stats.undefined = Some(stats.n + i as u64);
        }
    }

    fn observe_rows(&self, stats: &mut SufficientStats, batch: &[&[f64]]) -> Result<(), usize> {
        self.logf.observe(&mut stats.expr, batch, &self.probes)?;
        for &x in batch.first().copied().unwrap_or_default() {
            stats.push_moments(x);
        }
        stats.n += batch.first().map_or(0, |c| c.len()) as u64;
        Ok(())
    }

    fn columns(&self) -> Option<&[String]> {
        Some(self.logf.columns())
    }

    fn expression(&self) -> Option<&str> {
        Some(self.logf.text())
    }

    fn drawn(&self) -> Option<&dyn Model> {
        self.drawn.as_deref()
    }

    fn free_by_default(&self) -> bool {
        true
    }

    fn true_value(&self, truth: &[f64], i: usize) -> Option<f64> {
        let drawn = self.drawn.as_ref()?;
        let j = drawn
            .params()
            .iter()
            .position(|p| p.name == self.params[i].name)?;
        truth.get(j).copied()
    }

    fn ll(&self, stats: &SufficientStats, theta: &[f64]) -> f64 {
        self.logf.ll(&stats.expr, theta).unwrap_or(f64::NAN)
    }

    fn ll_hd(&self, stats: &SufficientStats, theta: &[HyperDual64]) -> HyperDual64 {
        // f(θ + ε₁a + ε₂b + ε₁ε₂c) = f + ε₁ g·a + ε₂ g·b + ε₁ε₂ (aᵀHb + g·c), exactly.
        let p = theta.len();
        let point: Vec<f64> = theta.iter().map(|t| t.re).collect();
        let Some(d) = self.logf.ll_grad_hess(&stats.expr, &point) else {
            return HyperDual64::new(f64::NAN, f64::NAN, f64::NAN, f64::NAN);
        };
        let dot = |v: &dyn Fn(&HyperDual64) -> f64| -> f64 {
            theta.iter().zip(&d.gradient).map(|(t, g)| g * v(t)).sum()
        };
        let mut cross = 0.0;
        for i in 0..p {
            for j in 0..p {
                cross += theta[i].eps1 * d.hessian[i * p + j] * theta[j].eps2;
            }
        }
        HyperDual64::new(
            d.ll,
            dot(&|t| t.eps1),
            dot(&|t| t.eps2),
            cross + dot(&|t| t.eps1eps2),
        )
    }

    fn ll_derivatives(
        &self,
        stats: &SufficientStats,
        theta: &[f64],
        over: &[usize],
    ) -> (f64, Vec<f64>, Vec<f64>) {
        let k = over.len();
        let p = theta.len();
        if let [i] = over {
            // One parameter (a profile's inner search, a curve): one pass in second-order
            // duals along it instead of the whole Hessian.
            return match self.logf.ll_along(&stats.expr, theta, *i) {
                Some(a) => (a.ll, vec![a.d1], vec![a.d2]),
                None => (f64::NAN, vec![f64::NAN], vec![f64::NAN]),
            };
        }
        match self.logf.ll_grad_hess(&stats.expr, theta) {
            Some(d) => {
                let g = over.iter().map(|&i| d.gradient[i]).collect();
                let h = over
                    .iter()
                    .flat_map(|&i| over.iter().map(move |&j| (i, j)))
                    .map(|(i, j)| d.hessian[i * p + j])
                    .collect();
                (d.ll, g, h)
            }
            None => (f64::NAN, vec![f64::NAN; k], vec![f64::NAN; k * k]),
        }
    }

    fn unbounded(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Option<String> {
        // The starts hold the given point and every defined point of the scan: none defined
        // means no likelihood to maximise, rather than a maximum of NaN.
        let defined = self
            .starts(stats, free, theta)
            .iter()
            .any(|point| !self.ll(stats, point).is_nan());
        if !defined {
            return Some("the expression is NaN or +∞ at every parameter point tried inside the bounds, so there is no likelihood to maximise".to_string());
        }
        grows_without_limit(self, stats, free, theta)
    }

    fn starts(&self, stats: &SufficientStats, free: &[bool], theta: &[f64]) -> Vec<Vec<f64>> {
        let index: Vec<usize> = (0..free.len()).filter(|&i| free[i]).collect();
        let mut starts = vec![theta.to_vec()];
        if index.is_empty() {
            return starts;
        }
        let scale = Self::data_scale(stats);
        let count = (SCAN_PER_PARAM * index.len()).min(SCAN_MAX);
        let mut scanned: Vec<(f64, usize, Vec<f64>)> = (1..=count)
            .filter_map(|i| {
                let mut point = theta.to_vec();
                for (m, &k) in index.iter().enumerate() {
                    let u = radical_inverse(i as u64, PRIMES[m % PRIMES.len()]);
                    let u = u.clamp(1e-6, 1.0 - 1e-6);
                    point[k] = spread(self.params[k].space, u, scale);
                }
                let ll = self.ll(stats, &point);
                (!ll.is_nan() && ll > f64::NEG_INFINITY).then_some((ll, i, point))
            })
            .collect();
        // Best first; ties keep the scan's order, so the starts are the same on every run.
        scanned.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        starts.extend(
            scanned
                .into_iter()
                .take(NEWTON_STARTS)
                .map(|(_, _, point)| point),
        );
        starts
    }
}

/// How the figure writes a user's parameter: a Greek letter's English name as the letter
/// (`sigma` → σ, as a textbook would set it), trailing digits as subscripts (`b0` → b₀), and
/// the estimate's hat over the letter where the name is one letter (`b̂₀`, `σ̂`), else after
/// the name (`lam̂`). The name itself stays what the user typed everywhere else (options,
/// CSV, JSON).
fn symbol_of(name: &str, hat: bool) -> String {
    const GREEK: [(&str, char); 23] = [
        ("alpha", 'α'),
        ("beta", 'β'),
        ("gamma", 'γ'),
        ("delta", 'δ'),
        ("epsilon", 'ε'),
        ("zeta", 'ζ'),
        ("eta", 'η'),
        ("theta", 'θ'),
        ("iota", 'ι'),
        ("kappa", 'κ'),
        ("lambda", 'λ'),
        ("mu", 'μ'),
        ("nu", 'ν'),
        ("xi", 'ξ'),
        ("omicron", 'ο'),
        ("rho", 'ρ'),
        ("sigma", 'σ'),
        ("tau", 'τ'),
        ("upsilon", 'υ'),
        ("phi", 'φ'),
        ("chi", 'χ'),
        ("psi", 'ψ'),
        ("omega", 'ω'),
    ];
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &name[stem.len()..];
    let stem = if stem.is_empty() { name } else { stem };
    let digits = if stem.len() == name.len() { "" } else { digits };
    let letters = match GREEK.iter().find(|(word, _)| *word == stem) {
        Some((_, letter)) => letter.to_string(),
        None => stem.to_string(),
    };
    let subscript: String = digits
        .chars()
        .map(|d| char::from_u32('₀' as u32 + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
        .collect();
    let hat = if hat { "\u{302}" } else { "" };
    format!("{letters}{hat}{subscript}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numeric::dual::derivatives;

    fn model(text: &str, bounds: &[(f64, f64)]) -> UserModel {
        let logf = Logf::new(text, &["x"]).unwrap();
        let starts: Vec<f64> = bounds
            .iter()
            .map(|&(l, h)| UserModel::centre(l, h))
            .collect();
        UserModel::new(logf, bounds, &starts, None)
    }

    #[test]
    fn parameters_are_set_as_a_textbook_would() {
        let cases = [
            ("sigma", "σ", "σ\u{302}"),
            ("b0", "b₀", "b\u{302}₀"),
            ("beta12", "β₁₂", "β\u{302}₁₂"),
            ("lam", "lam", "lam\u{302}"),
            ("w", "w", "w\u{302}"),
            ("sigmas", "sigmas", "sigmas\u{302}"),
        ];
        for (name, symbol, hat) in cases {
            assert_eq!(symbol_of(name, false), symbol, "{name}");
            assert_eq!(symbol_of(name, true), hat, "{name}");
        }
    }

    #[test]
    fn hyper_dual_evaluation_agrees_with_the_engines_derivatives() {
        let m = model(
            "-ln(s) - (x-mu)^2/(2*s^2) + ln(s)*mu",
            &[(-9.0, 9.0), (0.0, 9.0)],
        );
        let mut stats = SufficientStats::default();
        m.observe(&mut stats, &[0.5, 1.5, -0.25, 2.0]);
        let theta = [0.7, 1.3];
        let (v, g, h) = derivatives(&theta, |t| m.ll_hd(&stats, t));
        let (v2, g2, h2) = m.ll_derivatives(&stats, &theta, &[0, 1]);
        assert!((v - v2).abs() < 1e-12);
        for (a, b) in g.iter().zip(&g2).chain(h.iter().zip(&h2)) {
            assert!((a - b).abs() < 1e-12 * b.abs().max(1.0), "{a} vs {b}");
        }
    }

    #[test]
    fn an_undefined_draw_is_recorded_with_its_index() {
        let m = model("ln(x - lam)", &[(5.0, 6.0)]);
        let mut stats = SufficientStats::default();
        m.observe(&mut stats, &[7.0, 8.0]);
        m.observe(&mut stats, &[9.0, 1.0, 7.5]);
        assert_eq!(stats.undefined, Some(3));
    }
}
