//! Reference values and properties shared by every family.
//!
//! The LL reference values were computed with scipy 1.17.1 / numpy 2.4.6 as
//! `numpy.sum(scipy.stats.<dist>.logpmf(x, ...))` (or `logpdf`), printed with `repr`, on the
//! data written beside them: an independent implementation of the same densities.

use super::*;
use proptest::prelude::*;

fn stats_of(family: &dyn Family, xs: &[f64]) -> SufficientStats {
    let mut stats = SufficientStats::default();
    for &x in xs {
        family.check(x).unwrap();
    }
    family.observe(&mut stats, xs);
    stats
}

fn assert_rel(actual: f64, expected: f64, tol: f64) {
    let scale = expected.abs().max(1e-300);
    assert!(
        ((actual - expected) / scale).abs() <= tol,
        "{actual} differs from {expected} by more than {tol} relative"
    );
}

struct Case {
    family: Box<dyn Family>,
    data: &'static [f64],
    /// (θ, Σ scipy logpmf/logpdf)
    reference: &'static [(f64, f64)],
    /// θ̂ worked by hand from the data.
    mle: f64,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            // scipy.stats.bernoulli.logpmf
            family: Box::new(Bernoulli),
            data: &[1., 0., 0., 1., 1., 0., 1., 0., 0., 0., 1., 0.],
            reference: &[
                (0.05, -15.337714428482807),
                (0.3, -8.516588629200808),
                (0.5, -8.317766166719343),
                (0.9, -16.644898229247453),
            ],
            mle: 5.0 / 12.0,
        },
        Case {
            // scipy.stats.binom.logpmf(x, 10, p)
            family: Box::new(Binomial::new(10).unwrap()),
            data: &[3., 7., 10., 0., 5., 6., 2., 4.],
            reference: &[
                (0.02, -116.00827749121396),
                (0.3, -30.278726225144354),
                (0.5, -25.846484320514847),
                (0.97, -122.30369013741262),
            ],
            mle: 37.0 / 80.0,
        },
        Case {
            // scipy.stats.geom.logpmf (k = trials, k >= 1)
            family: Box::new(Geometric),
            data: &[1., 4., 2., 9., 1., 3., 7.],
            reference: &[
                (0.01, -32.43719801898666),
                (0.25, -15.457701976874851),
                (0.6, -21.901594003845034),
                (0.99, -92.17375607073633),
            ],
            mle: 7.0 / 27.0,
        },
        Case {
            // scipy.stats.poisson.logpmf
            family: Box::new(Poisson),
            data: &[0., 3., 7., 2., 12., 4., 4., 1., 0., 25.],
            reference: &[
                (0.1, -229.90693078384635),
                (2.5, -67.21213294149071),
                (5.8, -51.401236172154036),
                (40.0, -281.4019870515834),
            ],
            mle: 5.8,
        },
        Case {
            // scipy.stats.expon.logpdf(x, scale=1/λ)
            family: Box::new(Exponential),
            data: &[0.12, 2.5, 0.003, 1.75, 0.9, 4.2, 0.0],
            reference: &[
                (0.01, -32.33092130191664),
                (0.5, -9.588530263919617),
                (1.3, -10.478350148727563),
                (20.0, -168.4898740851221),
            ],
            mle: 7.0 / 9.473,
        },
        Case {
            // scipy.stats.norm.logpdf(x, loc=μ, scale=2.5)
            family: Box::new(Normal::new(2.5).unwrap()),
            data: &[-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9],
            reference: &[
                (-10.0, -81.59500493555178),
                (0.0, -14.873404935551797),
                (0.8, -14.374076935551795),
                (7.5, -38.3322049355518),
            ],
            mle: 6.701 / 7.0,
        },
    ]
}

#[test]
fn ll_from_sufficient_statistics_matches_scipy() {
    for case in cases() {
        let stats = stats_of(case.family.as_ref(), case.data);
        for &(theta, expected) in case.reference {
            let ll = case.family.ll(&stats, theta);
            assert_rel(ll, expected, 1e-12);
        }
    }
}

#[test]
fn per_observation_ln_f_matches_scipy() {
    for case in cases() {
        for &(theta, expected) in case.reference {
            let ll: f64 = case.data.iter().map(|&x| case.family.ln_f(x, theta)).sum();
            assert_rel(ll, expected, 1e-12);
        }
    }
}

#[test]
fn mle_is_the_closed_form() {
    for case in cases() {
        let stats = stats_of(case.family.as_ref(), case.data);
        assert_rel(case.family.mle(&stats).unwrap(), case.mle, 1e-14);
    }
}

#[test]
fn default_range_holds_the_mle_strictly_inside_the_space() {
    for case in cases() {
        let stats = stats_of(case.family.as_ref(), case.data);
        let mle = case.family.mle(&stats).unwrap();
        let (lo, hi) = case.family.default_range(&stats, mle);
        let space = case.family.space();
        assert!(
            space.lo < lo && lo < mle && mle < hi && hi < space.hi,
            "{lo} {mle} {hi}"
        );
        assert!(case.family.ll(&stats, lo).is_finite());
        assert!(case.family.ll(&stats, hi).is_finite());
    }
}

#[test]
fn all_zero_bernoulli_has_its_mle_on_the_boundary_and_a_finite_curve() {
    let stats = stats_of(&Bernoulli, &[0.0; 20]);
    assert_eq!(Bernoulli.mle(&stats).unwrap(), 0.0);
    // LL(0) = 20·ln 1 = 0 by 0·ln 0 = 0; LL(0.1) = 20·ln 0.9.
    assert_eq!(Bernoulli.ll(&stats, 0.0), 0.0);
    assert_rel(Bernoulli.ll(&stats, 0.1), 20.0 * 0.9f64.ln(), 1e-15);
    // The window starts at the estimate itself, where LL is finite, so it can be marked.
    let (lo, hi) = Bernoulli.default_range(&stats, 0.0);
    assert!(lo == 0.0 && hi < 1.0 && lo < hi);
    let stats = stats_of(&Geometric, &[1.0; 5]);
    assert_eq!(Geometric.mle(&stats).unwrap(), 1.0);
    let (lo, hi) = Geometric.default_range(&stats, 1.0);
    assert!(0.0 < lo && lo < hi && hi == 1.0);
    assert_eq!(Geometric.ll(&stats, hi), 0.0);
}

#[test]
fn boundary_theta_gives_minus_infinity_only_against_evidence() {
    let stats = stats_of(&Bernoulli, &[1.0, 0.0]);
    assert_eq!(Bernoulli.ll(&stats, 0.0), f64::NEG_INFINITY);
    assert_eq!(Bernoulli.ll(&stats, 1.0), f64::NEG_INFINITY);
    let stats = stats_of(&Poisson, &[0.0, 0.0]);
    assert_eq!(Poisson.ll(&stats, 0.0), 0.0);
    let stats = stats_of(&Exponential, &[1.0]);
    assert_eq!(Exponential.ll(&stats, 0.0), f64::NEG_INFINITY);
}

#[test]
fn support_checks_reject_what_the_family_cannot_produce() {
    let binomial = Binomial::new(10).unwrap();
    let rejected: [(&dyn Family, f64); 9] = [
        (&Bernoulli, 2.0),
        (&Bernoulli, 0.5),
        (&binomial, 11.0),
        (&binomial, -1.0),
        (&Geometric, 0.0),
        (&Geometric, 1.5),
        (&Poisson, -1.0),
        (&Poisson, 2.5),
        (&Exponential, -0.1),
    ];
    for (family, x) in rejected {
        assert!(family.check(x).is_err(), "{:?} accepted {x}", family.dist());
    }
    assert!(Binomial::new(0).is_err());
    assert!(Normal::new(0.0).is_err());
    assert!(Normal::new(f64::NAN).is_err());
}

#[test]
fn dist_names_round_trip() {
    for dist in Dist::ALL {
        assert_eq!(dist.name().parse::<Dist>().unwrap(), dist);
    }
    assert!("gaussian".parse::<Dist>().is_err());
}

fn all_families() -> Vec<Box<dyn Family>> {
    Dist::ALL
        .into_iter()
        .map(|d| build(d, Known::default()).unwrap())
        .collect()
}

proptest! {
    /// The sufficient-statistics LL equals the per-observation sum for data drawn by the
    /// family itself, at any θ inside the space; and the closed-form MLE beats every θ tried.
    #[test]
    fn sufficient_statistics_agree_with_the_direct_sum(
        seed in any::<u64>(),
        n in 1usize..60,
        u in 0.0f64..1.0,
    ) {
        use rand::SeedableRng;
        for family in all_families() {
            let truth = family.default_true();
            let mut xs = vec![0.0; n];
            family.draw(truth, &mut super::Rng::seed_from_u64(seed), &mut xs);
            let stats = stats_of(family.as_ref(), &xs);
            let mle = family.mle(&stats).unwrap();
            let (lo, hi) = family.default_range(&stats, mle);
            let theta = lo + (0.01 + 0.98 * u) * (hi - lo);
            let direct: f64 = xs.iter().map(|&x| family.ln_f(x, theta)).sum();
            let fast = family.ll(&stats, theta);
            prop_assert!(((fast - direct) / direct.abs().max(1.0)).abs() < 1e-10,
                "{:?}: {fast} vs {direct}", family.dist());
            // The analytic score and curvature agree with central differences of LL.
            let h = 1e-5 * (hi - lo);
            let numeric_score = (family.ll(&stats, theta + h) - family.ll(&stats, theta - h)) / (2.0 * h);
            let score = family.score(&stats, theta);
            prop_assert!((score - numeric_score).abs() <= 1e-5 * score.abs().max(fast.abs() / (hi - lo)),
                "{:?} score {score} vs {numeric_score}", family.dist());
            let numeric_curv = (family.score(&stats, theta + h) - family.score(&stats, theta - h)) / (2.0 * h);
            let curv = family.curvature(&stats, theta);
            prop_assert!((curv - numeric_curv).abs() <= 1e-5 * curv.abs().max(1.0),
                "{:?} curvature {curv} vs {numeric_curv}", family.dist());
            let at_mle = family.ll(&stats, mle);
            prop_assert!(at_mle >= fast - 1e-9 * fast.abs().max(1.0));
        }
    }
}
