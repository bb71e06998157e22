//! `--test θ₀` in the analysis: the plotting window that shows θ₀, and the JSON `tests`
//! object.
//!
//! The statistics themselves are computed by [`crate::inference::hypothesis`]; here they get
//! the window a teacher needs (θ₀ on the figure even when it lies far from θ̂) and the shape
//! the summary promises: a statistic that does not exist is `null` with its reason beside it,
//! never a NaN.

use crate::family::ParamSpace;
use crate::inference::hypothesis::{Statistic, Tests};
use serde::Serialize;

/// The share of the window kept beyond θ₀ when the window is widened to show it.
const MARGIN: f64 = 0.08;

/// The default window, widened (never narrowed) so that θ₀ lies inside it with a margin,
/// and kept strictly inside the parameter space.
pub fn widened((lo, hi): (f64, f64), theta0: f64, space: ParamSpace) -> (f64, f64) {
    let width = hi.max(theta0) - lo.min(theta0);
    let margin = MARGIN * width;
    let mut a = lo;
    let mut b = hi;
    if theta0 - margin < a {
        a = theta0 - margin;
        if a <= space.lo {
            // Half-way to the edge: LL may be infinite on the edge itself.
            a = theta0 - 0.5 * (theta0 - space.lo);
        }
    }
    if theta0 + margin > b {
        b = theta0 + margin;
        if b >= space.hi {
            b = theta0 + 0.5 * (space.hi - theta0);
        }
    }
    (a.min(lo), b.max(hi))
}

/// One test in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatisticSummary {
    pub statistic: f64,
    /// P(χ²₁ ≥ statistic), the upper tail.
    pub p_value: f64,
}

/// The JSON `tests` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TestsSummary {
    pub theta0: f64,
    /// 2·(NLL(θ₀) − NLL(θ̂)), or null (with `lr_note`) when NLL(θ₀) is infinite.
    pub lr: Option<StatisticSummary>,
    /// (θ̂ − θ₀)²·J(θ̂), or null (with `wald_note`) without observed information at θ̂.
    pub wald: Option<StatisticSummary>,
    /// U(θ₀)²/J(θ₀) with the observed information J(θ₀) = −LL″(θ₀), or null (with
    /// `score_note`) where J(θ₀) ≤ 0.
    pub score: Option<StatisticSummary>,
    /// Which information the Wald and score statistics use: "observed".
    pub information: &'static str,
    /// U(θ₀) = LL′(θ₀) and J(θ₀), the slope and curvature at θ₀ (null when not finite).
    pub score_at_theta0: Option<f64>,
    pub information_at_theta0: Option<f64>,
    pub lr_note: Option<String>,
    pub wald_note: Option<String>,
    pub score_note: Option<String>,
}

fn split(stat: &Result<Statistic, String>) -> (Option<StatisticSummary>, Option<String>) {
    match stat {
        Ok(s) => (
            Some(StatisticSummary {
                statistic: s.statistic,
                p_value: s.p_value,
            }),
            None,
        ),
        Err(why) => (None, Some(why.clone())),
    }
}

/// The summary of the three tests.
pub fn summary(tests: &Tests) -> TestsSummary {
    let (lr, lr_note) = split(&tests.lr);
    let (wald, wald_note) = split(&tests.wald);
    let (score, score_note) = split(&tests.score);
    let finite = |x: f64| x.is_finite().then_some(x);
    TestsSummary {
        theta0: tests.theta0,
        lr,
        wald,
        score,
        information: "observed",
        score_at_theta0: finite(tests.score_value),
        information_at_theta0: finite(tests.information_theta0),
        lr_note,
        wald_note,
        score_note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_widens_to_show_theta0_and_stays_inside_the_space() {
        let space = ParamSpace { lo: 0.0, hi: 1.0 };
        // θ₀ inside: unchanged.
        assert_eq!(widened((0.2, 0.4), 0.3, space), (0.2, 0.4));
        // θ₀ above: the upper end moves past it by the margin.
        let (a, b) = widened((0.2, 0.4), 0.6, space);
        assert_eq!(a, 0.2);
        assert!((b - (0.6 + MARGIN * 0.4)).abs() < 1e-12, "{b}");
        // θ₀ near the edge: half-way to it, never on it.
        let (a, _) = widened((0.2, 0.4), 0.01, space);
        assert!(a > 0.0 && a < 0.01, "{a}");
    }
}
