//! The three classical tests of H₀: θ = θ₀ read off one likelihood curve — likelihood ratio,
//! Wald and score — each with its χ²₁ p-value.
//!
//! They are the three ways a teacher measures "how far is θ₀ from θ̂" on the NLL figure:
//! the vertical drop of NLL (LR = 2·(NLL(θ₀) − NLL(θ̂))), the horizontal distance on the
//! quadratic approximation at θ̂ (Wald = (θ̂ − θ₀)²·J(θ̂)), and the slope at θ₀ (score =
//! U(θ₀)²/J(θ₀)). All three use the exact derivatives of the [`Curve`]; for a profile
//! likelihood that is the profile's score (∂LL/∂θ at the inner maximum, by the envelope
//! theorem) and its curvature (the Schur complement of the joint Hessian), so the Wald and
//! score statistics are those of the information matrix with the nuisance parameters
//! maximised out.
//!
//! The score statistic here uses the OBSERVED information J(θ₀) = −LL″(θ₀), not the expected
//! one: it is the curvature the figure shows. Where LL is not curved downward at θ₀ that
//! statistic does not exist, and the result says so instead of carrying a NaN.

use crate::model::Curve;
use statrs::function::erf::erfc;

/// One test's statistic and its p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Statistic {
    pub statistic: f64,
    /// P(χ²₁ ≥ statistic).
    pub p_value: f64,
}

impl Statistic {
    /// The statistic with its p-value, or why it is not a finite number.
    fn of(statistic: f64, why: &str) -> Result<Statistic, String> {
        if statistic.is_finite() && statistic >= 0.0 {
            Ok(Statistic {
                statistic,
                p_value: chi2_1_upper(statistic),
            })
        } else {
            Err(why.to_string())
        }
    }
}

/// The three tests at θ₀, each a statistic or the reason it does not exist.
#[derive(Debug, Clone, PartialEq)]
pub struct Tests {
    pub theta0: f64,
    /// NLL(θ₀) − NLL(θ̂), the drop the figure draws (half the LR statistic).
    pub drop: f64,
    pub lr: Result<Statistic, String>,
    pub wald: Result<Statistic, String>,
    pub score: Result<Statistic, String>,
    /// U(θ₀) = LL′(θ₀), the slope of the tangent drawn at θ₀.
    pub score_value: f64,
    /// J(θ₀) = −LL″(θ₀), the observed information at θ₀.
    pub information_theta0: f64,
}

/// P(χ²₁ ≥ x) = erfc(√(x/2)): exact in the far tail, where 1 − cdf would round to 0 early.
pub fn chi2_1_upper(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    erfc((0.5 * x).sqrt())
}

/// The three tests of θ = `theta0` on `curve`, whose maximum is `mle` with LL(θ̂) = `ll_max`
/// and observed information `information` (J(θ̂), or why it is undefined).
pub fn three_tests(
    curve: &dyn Curve,
    mle: f64,
    ll_max: f64,
    information: &Result<f64, String>,
    theta0: f64,
) -> Tests {
    let ll0 = curve.ll(theta0);
    // LL(θ̂) ≥ LL(θ₀) by definition of θ̂; a rounding-level negative drop is 0.
    let drop = (ll_max - ll0).max(0.0);
    let lr = Statistic::of(
        2.0 * drop,
        "LL(θ₀) is −∞: θ₀ is impossible for these data, and the likelihood ratio is infinite",
    );
    let wald = match information {
        Ok(j) => Statistic::of(
            (mle - theta0).powi(2) * j,
            "the Wald statistic is not a finite number",
        ),
        Err(why) => Err(format!("no observed information at the estimate: {why}")),
    };
    let u = curve.score(theta0);
    let j0 = -curve.curvature(theta0);
    let score = if curve.irregular().is_some() {
        Err(format!(
            "no observed information at θ₀: {}",
            curve.irregular().unwrap_or_default()
        ))
    } else if !(j0.is_finite() && j0 > 0.0 && u.is_finite()) {
        Err(
            "the observed information J(θ₀) = −LL″(θ₀) is not positive: LL is not curved downward at θ₀, so the score statistic U(θ₀)²/J(θ₀) is undefined"
                .to_string(),
        )
    } else {
        Statistic::of(u * u / j0, "the score statistic is not a finite number")
    };
    Tests {
        theta0,
        drop,
        lr,
        wald,
        score,
        score_value: u,
        information_theta0: j0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Bernoulli, Family, Poisson, SufficientStats};
    use crate::model::FamilyCurve;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs()
    }

    #[test]
    fn the_upper_tail_is_scipys_chi2_sf() {
        // scipy.stats.chi2.sf(x, 1) (scipy 1.17). statrs' erfc is good to about 5e-11
        // relative (0.04999999999775 at the 95 % point), far below what a p-value is read to.
        for (x, p) in [
            (3.841458820694124, 0.05),
            (1.25, 0.26355247728296954),
            (50.0, 1.537459794428033e-12),
            (700.0, 2.990226975124623e-154),
        ] {
            assert!(close(chi2_1_upper(x), p, 1e-9), "{x}: {}", chi2_1_upper(x));
        }
        assert_eq!(chi2_1_upper(0.0), 1.0);
    }

    fn tests_of(family: &dyn Family, xs: &[f64], theta0: f64) -> Tests {
        let mut stats = SufficientStats::default();
        family.observe(&mut stats, xs);
        let curve = FamilyCurve {
            family,
            stats: &stats,
        };
        let inf = crate::inference::infer(&curve, 0.95);
        three_tests(&curve, inf.mle, inf.ll_max, &inf.information, theta0)
    }

    #[test]
    fn poisson_statistics_are_the_hand_worked_ones() {
        // n = 5, s = 20, λ̂ = 4, λ₀ = 3: LR = 2·(20·ln(4/3) − 5); Wald = 1·20/16; score with
        // U(3) = 5/3, J(3) = 20/9: 25/20 = 1.25. The drop the figure draws is half the LR.
        let t = tests_of(&Poisson, &[2., 5., 3., 6., 4.], 3.0);
        let lr = 2.0 * (20.0 * (4.0f64 / 3.0).ln() - 5.0);
        assert!(close(t.lr.as_ref().unwrap().statistic, lr, 1e-12));
        assert!(close(t.drop, lr / 2.0, 1e-12));
        assert!(close(t.wald.as_ref().unwrap().statistic, 1.25, 1e-12));
        assert!(close(t.score.as_ref().unwrap().statistic, 1.25, 1e-12));
    }

    #[test]
    fn bernoulli_at_the_boundary_has_no_wald_statistic_but_a_finite_lr() {
        // All zeros: p̂ = 0 on the boundary, J(p̂) undefined; at p₀ = 0.2 with n = 4:
        // LR = 2·(0 − 4·ln 0.8) = −8·ln 0.8; U(0.2) = −4/0.8 = −5, J(0.2) = 4/0.64 = 6.25,
        // score = 25/6.25 = 4.
        let t = tests_of(&Bernoulli, &[0., 0., 0., 0.], 0.2);
        assert!(close(
            t.lr.as_ref().unwrap().statistic,
            -8.0 * 0.8f64.ln(),
            1e-12
        ));
        assert!(t.wald.is_err());
        assert!(close(t.score.as_ref().unwrap().statistic, 4.0, 1e-12));
    }
}
