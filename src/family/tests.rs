//! Reference values and properties shared by every family.
//!
//! The LL reference values were computed with scipy 1.17.1 / numpy 2.4.6 as
//! `numpy.sum(scipy.stats.<dist>.logpmf(x, ...))` (or `logpdf`), printed with `repr`, on the
//! data written beside them: an independent implementation of the same densities. Those of the
//! families added for issue #3 (gamma onwards) are printed by `tools/family_reference.py`,
//! which also finds the estimates of beta, cauchy and student-t with scipy.optimize.

use super::*;
use proptest::prelude::*;

/// θ̂ as the pipeline finds it: the closed form, or the root of the score.
fn estimate(family: &dyn Family, stats: &SufficientStats) -> f64 {
    crate::inference::estimate(&crate::model::FamilyCurve { family, stats }).0
}

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
    /// θ̂ worked by hand from the data; for the families without a closed form, the root of
    /// the score found by scipy.optimize.brentq (tools/family_reference.py).
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
        Case {
            // scipy.stats.gamma.logpdf(x, a=2.5, scale=1/β)
            family: Box::new(Gamma::new(2.5).unwrap()),
            data: &[0.42, 1.7, 0.05, 3.3, 0.9, 2.25, 0.61],
            reference: &[
                (0.05, -57.77070799497585),
                (1.0, -14.113893207781011),
                (2.5, -11.923805399983298),
                (30.0, -222.26293902869327),
            ],
            // k·n/Σx = 2.5·7/9.23
            mle: 17.5 / 9.23,
        },
        Case {
            // scipy.stats.norm.logpdf(x, loc=0.5, scale=σ)
            family: Box::new(NormalSd::new(0.5).unwrap()),
            data: &[-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9],
            reference: &[
                (0.1, -1009.5145240814744),
                (1.0, -16.62457023243271),
                (1.7, -13.673611261494198),
                (25.0, -28.981007707310113),
            ],
            // √(Σ(x − ½)²/7): deviations −1.8, −0.25, 2.25, −0.499, 3, −0.9, 1.4, squares
            // summing to 3.24 + 0.0625 + 5.0625 + 0.249001 + 9 + 0.81 + 1.96 = 20.384001.
            mle: (20.384001f64 / 7.0).sqrt(),
        },
        Case {
            // scipy.stats.nbinom.logpmf(k, 2.5, p)
            family: Box::new(NegativeBinomial::new(2.5).unwrap()),
            data: &[0., 3., 7., 1., 12., 4., 0., 2.],
            reference: &[
                (0.01, -79.45111155606239),
                (0.2, -25.716169333343117),
                (0.45, -20.36367504281745),
                (0.99, -120.80719020727369),
            ],
            // n·r/(n·r + Σk) = 20/(20 + 29)
            mle: 20.0 / 49.0,
        },
        Case {
            // scipy.stats.lognorm.logpdf(x, s=0.8, scale=exp(μ))
            family: Box::new(LogNormal::new(0.8).unwrap()),
            data: &[0.42, 1.7, 0.05, 3.3, 0.9, 2.25, 61.0],
            reference: &[
                (-3.0, -91.97687907432794),
                (0.0, -30.206122310229336),
                (0.6, -29.664470957409613),
                (5.0, -146.0048610367316),
            ],
            // The mean of ln x, numpy.mean(numpy.log(x)).
            mle: 0.38253734900110065,
        },
        Case {
            // scipy.stats.beta.logpdf(x, a, 1.5)
            family: Box::new(Beta::new(1.5).unwrap()),
            data: &[0.12, 0.5, 0.93, 0.31, 0.77, 0.05, 0.66],
            reference: &[
                (0.1, -11.980397671202853),
                (1.0, -0.38728584134878047),
                (2.2, -2.3379241628334313),
                (15.0, -81.99120882701462),
            ],
            // brentq on Σ ln x − n(ψ(a) − ψ(a + b)) (scipy.special.digamma).
            mle: 1.1779157094554853,
        },
        Case {
            // scipy.stats.cauchy.logpdf(x, loc=x₀, scale=0.7)
            family: Box::new(Cauchy::new(0.7).unwrap()),
            data: &[-1.3, 0.25, 2.75, 1e-3, 13.5, -0.4, 1.9, -40.0],
            reference: &[
                (-50.0, -71.99186386201359),
                (0.0, -27.136229971207023),
                (0.4, -27.598698509162126),
                (10.0, -49.25378026912243),
            ],
            // brentq on the score next to the best of a 20001-point grid on [min x, max x].
            mle: 0.02632817186606473,
        },
        Case {
            // scipy.stats.laplace.logpdf(x, loc=μ, scale=1.3)
            family: Box::new(Laplace::new(1.3).unwrap()),
            data: &[-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9, 0.6],
            reference: &[
                (-5.0, -44.02947617560411),
                (0.0, -15.875630021757953),
                (0.425, -15.489476175604104),
                (8.0, -51.25870694483488),
            ],
            // n = 8: the midpoint of the middle observations 0.25 and 0.6.
            mle: 0.425,
        },
        Case {
            // scipy.stats.t.logpdf(x, df=4.5, loc=μ, scale=0.6)
            family: Box::new(StudentT::new(4.5, 0.6).unwrap()),
            data: &[-1.3, 0.25, 2.75, 1e-3, 13.5, -0.4, 1.9],
            reference: &[
                (-10.0, -89.0026234165585),
                (0.0, -26.577016466425594),
                (0.3, -26.48353127524903),
                (6.0, -61.063398933587905),
            ],
            // brentq on the score next to the best of a 20001-point grid on [min x, max x].
            mle: 0.18923638169982465,
        },
        Case {
            // scipy.stats.uniform.logpdf(x, loc=0, scale=θ); θ = 2.9 is max x itself.
            family: Box::new(Uniform),
            data: &[0.3, 2.9, 1.25, 0.0, 2.05, 0.71],
            reference: &[
                (2.9, -6.388264421954569),
                (3.0, -6.591673732008659),
                (5.0, -9.656627474604601),
                (100.0, -27.631021115928554),
            ],
            mle: 2.9,
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
fn mle_matches_the_closed_form_or_scipy() {
    for case in cases() {
        let family = case.family.as_ref();
        let stats = stats_of(family, case.data);
        match family.mle(&stats) {
            Some(mle) => assert_rel(mle, case.mle, 1e-14),
            None => {
                // The search interval holds scipy's estimate, and the score changes sign across
                // it (positive below, negative above), so a root-finder started there finds it.
                let (lo, hi) = family.mle_search(&stats);
                assert!(
                    lo < case.mle && case.mle < hi,
                    "{:?}: {} outside [{lo}, {hi}]",
                    family.dist(),
                    case.mle
                );
                assert!(family.score(&stats, lo) > 0.0, "{:?}", family.dist());
                assert!(family.score(&stats, hi) < 0.0, "{:?}", family.dist());
                let below = case.mle * (1.0 - 1e-9) - 1e-12;
                let above = case.mle * (1.0 + 1e-9) + 1e-12;
                assert!(family.score(&stats, below.min(above)) > 0.0);
                assert!(family.score(&stats, below.max(above)) < 0.0);
            }
        }
        // Closed form or numerical, the estimate agrees with the reference; the numerical one
        // to the accuracy of the two special-function implementations.
        assert_rel(estimate(family, &stats), case.mle, 1e-12);
    }
}

#[test]
fn default_range_holds_the_mle_strictly_inside_the_space() {
    for case in cases() {
        let family = case.family.as_ref();
        let stats = stats_of(family, case.data);
        let mle = estimate(family, &stats);
        let (lo, hi) = family.default_range(&stats, mle);
        let space = family.space();
        assert!(
            space.lo < lo && lo < mle && mle < hi && hi < space.hi,
            "{:?}: {lo} {mle} {hi}",
            family.dist()
        );
        if family.dist() == Dist::Uniform {
            // Deliberately: the window starts below max x to show the jump to −∞.
            assert_eq!(family.ll(&stats, lo), f64::NEG_INFINITY);
        } else {
            assert!(family.ll(&stats, lo).is_finite());
        }
        assert!(family.ll(&stats, hi).is_finite());
    }
}

#[test]
fn families_without_a_closed_form_say_so_and_regular_ones_stay_silent() {
    let none: Vec<Dist> = Dist::ALL
        .into_iter()
        .filter(|&d| {
            build(d, Known::default())
                .unwrap()
                .mle(&SufficientStats::default())
                .is_none()
        })
        .collect();
    assert_eq!(none, [Dist::Beta, Dist::Cauchy, Dist::StudentT]);
    let irregular: Vec<Dist> = Dist::ALL
        .into_iter()
        .filter(|&d| build(d, Known::default()).unwrap().irregular().is_some())
        .collect();
    assert_eq!(irregular, [Dist::Laplace, Dist::Uniform]);
    let not_exponential: Vec<Dist> = Dist::ALL
        .into_iter()
        .filter(|&d| build(d, Known::default()).unwrap().natural().is_none())
        .collect();
    assert_eq!(
        not_exponential,
        [Dist::Cauchy, Dist::Laplace, Dist::StudentT, Dist::Uniform]
    );
}

#[test]
fn laplace_likelihood_is_flat_between_the_middle_observations() {
    let family = Laplace::new(1.3).unwrap();
    let stats = stats_of(&family, &[-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9, 0.6]);
    let top = family.ll(&stats, 0.425);
    // Four observations on each side of any μ in [0.25, 0.6]: the slope is 0 there.
    for mu in [0.25, 0.3, 0.5, 0.6] {
        assert_rel(family.ll(&stats, mu), top, 1e-14);
    }
    assert_eq!(family.score(&stats, 0.425), 0.0);
    // At an observation the score counts it as neither side: 4 above, 3 below at 0.25.
    assert_rel(family.score(&stats, 0.25), 1.0 / 1.3, 1e-15);
    assert!(family.ll(&stats, 0.2) < top && family.ll(&stats, 0.7) < top);
    // Odd n: the median itself.
    let stats = stats_of(&family, &[5.0, -2.0, 0.5]);
    assert_eq!(family.mle(&stats), Some(0.5));
}

#[test]
fn uniform_likelihood_jumps_at_the_largest_observation() {
    let stats = stats_of(&Uniform, &[0.3, 2.9, 1.25, 0.0, 2.05, 0.71]);
    // scipy.stats.uniform.logpdf(x, 0, 2.0) sums to -inf: 2.9 lies outside [0, 2].
    assert_eq!(Uniform.ll(&stats, 2.0), f64::NEG_INFINITY);
    assert_eq!(Uniform.ll(&stats, 2.9 - 1e-12), f64::NEG_INFINITY);
    assert_rel(Uniform.ll(&stats, 2.9), -6.0 * 2.9f64.ln(), 1e-15);
    // The score changes sign at θ̂ without passing through 0.
    assert_eq!(Uniform.score(&stats, 2.8), f64::INFINITY);
    assert_rel(Uniform.score(&stats, 2.9), -6.0 / 2.9, 1e-15);
    assert_eq!(Uniform.ll(&stats, 0.0), f64::NEG_INFINITY);
    // A third of the window below θ̂ (n = 6: 2.5/6 of θ̂ below, 5/6 above).
    let (lo, hi) = Uniform.default_range(&stats, 2.9);
    assert_rel(lo, 2.9 - 2.5 * 2.9 / 6.0, 1e-15);
    assert_rel(hi, 2.9 + 5.0 * 2.9 / 6.0, 1e-15);
    // With n < 5 it starts at θ̂/2, inside the space.
    let stats = stats_of(&Uniform, &[2.0]);
    assert_eq!(Uniform.default_range(&stats, 2.0), (1.0, 12.0));
}

#[test]
fn data_without_a_finite_maximum_are_named() {
    let sd = NormalSd::new(1.5).unwrap();
    let unbounded: [(&dyn Family, &[f64], &str); 3] = [
        (&Exponential, &[0.0, 0.0], "every observation is 0"),
        (
            &sd,
            &[1.5, 1.5, 1.5],
            "every observation equals the known mean μ = 1.5",
        ),
        (&Uniform, &[0.0], "every observation is 0"),
    ];
    for (family, xs, says) in unbounded {
        let stats = stats_of(family, xs);
        let why = family.unbounded(&stats).expect("LL is unbounded");
        assert!(why.contains(says), "{why}");
        // LL at the would-be estimate is +∞ (or the estimate itself is infinite).
        let mle = family.mle(&stats).unwrap();
        assert!(!mle.is_finite() || family.ll(&stats, mle) == f64::INFINITY);
    }
    // One observation off μ, or above 0, is enough for a maximum.
    assert_eq!(sd.unbounded(&stats_of(&sd, &[1.5, 1.6])), None);
    assert_eq!(Uniform.unbounded(&stats_of(&Uniform, &[0.0, 1e-300])), None);
    assert_eq!(sd.ll(&stats_of(&sd, &[1.5, 1.6]), 0.0), f64::NEG_INFINITY);
    for dist in Dist::ALL {
        let family = build(dist, Known::default()).unwrap();
        let mut xs = vec![0.0; 10];
        use rand::SeedableRng;
        family.draw(
            family.default_true(),
            &mut super::Rng::seed_from_u64(1),
            &mut xs,
        );
        assert_eq!(
            family.unbounded(&stats_of(family.as_ref(), &xs)),
            None,
            "{dist}"
        );
    }
}

#[test]
fn unbounded_data_are_refused_by_the_pipeline_with_the_reason() {
    use crate::config::{Config, DataSource, Request};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.txt");
    std::fs::write(&path, "2\n2\n2\n").unwrap();
    let config = Config::from_request(Request {
        dist: Dist::NormalSd,
        mu: 2.0,
        data: Some(DataSource::File(path.clone())),
        out: vec![dir.path().join("fig.svg")],
        ..Request::default()
    })
    .unwrap();
    let err = crate::analyse(&config).unwrap_err();
    assert_eq!(err.exit_code(), 1);
    let message = err.to_string();
    assert!(
        message.contains("d.txt: every observation equals the known mean μ = 2"),
        "{message}"
    );
    assert!(message.contains("σ → 0"), "{message}");
}

#[test]
fn negative_binomial_all_zero_counts_put_the_estimate_on_the_boundary() {
    let family = NegativeBinomial::new(2.5).unwrap();
    let stats = stats_of(&family, &[0.0; 6]);
    assert_eq!(family.mle(&stats), Some(1.0));
    // P(K = 0) = p^r = 1 at p = 1.
    assert_eq!(family.ll(&stats, 1.0), 0.0);
    let (lo, hi) = family.default_range(&stats, 1.0);
    assert!(0.0 < lo && lo < hi && hi == 1.0);
}

#[test]
fn beta_likelihood_is_minus_infinity_at_a_zero_and_its_search_brackets_extreme_data() {
    let family = Beta::new(2.0).unwrap();
    let stats = stats_of(&family, &[0.3, 0.6]);
    assert_eq!(family.ll(&stats, 0.0), f64::NEG_INFINITY);
    assert_eq!(family.score(&stats, 0.0), f64::INFINITY);
    // Data crowded at 0 (small a) and at 1 (large a): the bracket still holds a sign change.
    for xs in [
        &[1e-300, 1e-200, 1e-250][..],
        &[1.0 - 1e-15, 1.0 - 1e-12][..],
        &[0.5][..],
    ] {
        let stats = stats_of(&family, xs);
        let (lo, hi) = family.mle_search(&stats);
        assert!(
            0.0 < lo && lo < hi && hi.is_finite(),
            "{xs:?}: [{lo}, {hi}]"
        );
        assert!(family.score(&stats, lo) > 0.0, "{xs:?}");
        assert!(family.score(&stats, hi) < 0.0, "{xs:?}");
        let mle = estimate(&family, &stats);
        assert!(lo < mle && mle < hi, "{xs:?}");
    }
    // Where the score is computed accurately (a not huge), the estimate is its root. One
    // observation x = ½ with b = 2: ψ(a + 2) − ψ(a) = 1/a + 1/(a + 1) = ln 2, whose positive
    // root is a = (2 − ln 2 + √(ln²2 + 4)) / (2 ln 2).
    let stats = stats_of(&family, &[0.5]);
    let l2 = 2f64.ln();
    let exact = (2.0 - l2 + (l2 * l2 + 4.0).sqrt()) / (2.0 * l2);
    assert_rel(estimate(&family, &stats), exact, 1e-13);
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
    let gamma = Gamma::new(2.0).unwrap();
    assert_eq!(gamma.ll(&stats_of(&gamma, &[1.0]), 0.0), f64::NEG_INFINITY);
    let sd = NormalSd::new(0.0).unwrap();
    assert_eq!(sd.ll(&stats_of(&sd, &[1.0]), 0.0), f64::NEG_INFINITY);
    let nbinom = NegativeBinomial::new(2.0).unwrap();
    let stats = stats_of(&nbinom, &[0.0, 3.0]);
    assert_eq!(nbinom.ll(&stats, 0.0), f64::NEG_INFINITY);
    assert_eq!(nbinom.ll(&stats, 1.0), f64::NEG_INFINITY);
}

#[test]
fn support_checks_reject_what_the_family_cannot_produce() {
    let binomial = Binomial::new(10).unwrap();
    let gamma = Gamma::new(2.0).unwrap();
    let nbinom = NegativeBinomial::new(5.0).unwrap();
    let lognormal = LogNormal::new(1.0).unwrap();
    let beta = Beta::new(2.0).unwrap();
    let cauchy = Cauchy::new(1.0).unwrap();
    let laplace = Laplace::new(1.0).unwrap();
    let t = StudentT::new(3.0, 1.0).unwrap();
    let rejected: &[(&dyn Family, f64)] = &[
        (&Bernoulli, 2.0),
        (&Bernoulli, 0.5),
        (&binomial, 11.0),
        (&binomial, -1.0),
        (&Geometric, 0.0),
        (&Geometric, 1.5),
        (&Poisson, -1.0),
        (&Poisson, 2.5),
        (&Exponential, -0.1),
        (&gamma, 0.0),
        (&gamma, -1.0),
        (&nbinom, -1.0),
        (&nbinom, 0.5),
        (&lognormal, 0.0),
        (&lognormal, f64::INFINITY),
        (&beta, 0.0),
        (&beta, 1.0),
        (&beta, 1.5),
        (&cauchy, f64::INFINITY),
        (&laplace, f64::NEG_INFINITY),
        (&t, f64::NAN),
        (&Uniform, -0.5),
        (&Uniform, f64::INFINITY),
    ];
    for &(family, x) in rejected {
        assert!(family.check(x).is_err(), "{:?} accepted {x}", family.dist());
    }
    let accepted: &[(&dyn Family, f64)] = &[
        (&gamma, 1e-300),
        (&nbinom, 0.0),
        (&beta, 1e-300),
        (&beta, 1.0 - f64::EPSILON / 2.0),
        (&Uniform, 0.0),
        (&NormalSd::new(0.0).unwrap(), -1e300),
    ];
    for &(family, x) in accepted {
        assert!(family.check(x).is_ok(), "{:?} refused {x}", family.dist());
    }
    assert!(Binomial::new(0).is_err());
    assert!(Normal::new(0.0).is_err());
    assert!(Normal::new(f64::NAN).is_err());
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(Gamma::new(bad).unwrap_err().contains("--shape"));
        assert!(NegativeBinomial::new(bad).unwrap_err().contains("--r"));
        assert!(LogNormal::new(bad).unwrap_err().contains("--sigma"));
        assert!(Beta::new(bad).unwrap_err().contains("--b"));
        assert!(Cauchy::new(bad).unwrap_err().contains("--scale"));
        assert!(Laplace::new(bad).unwrap_err().contains("--scale"));
        assert!(StudentT::new(bad, 1.0).unwrap_err().contains("--nu"));
        assert!(StudentT::new(1.0, bad).unwrap_err().contains("--scale"));
    }
    // The known mean of normal-sd may be any finite number, 0 and negatives included.
    assert!(NormalSd::new(-3.0).is_ok() && NormalSd::new(0.0).is_ok());
    assert!(NormalSd::new(f64::NAN).unwrap_err().contains("--mu"));
}

#[test]
fn dist_names_round_trip() {
    for dist in Dist::ALL {
        assert_eq!(dist.name().parse::<Dist>().unwrap(), dist);
    }
    assert!("gaussian".parse::<Dist>().is_err());
}

/// Every family with its default known parameters, and again with other ones (shapes below 1,
/// a non-integer r, heavier tails) so that the properties do not hold only at the defaults.
fn all_families() -> Vec<Box<dyn Family>> {
    let other = Known {
        trials: 7,
        sigma: 2.0,
        shape: 0.7,
        mu: -3.0,
        r: 0.8,
        b: 0.6,
        scale: 2.5,
        nu: 1.5,
    };
    [Known::default(), other]
        .into_iter()
        .flat_map(|known| Dist::ALL.into_iter().map(move |d| build(d, known).unwrap()))
        .collect()
}

proptest! {
    /// The sufficient-statistics LL equals the per-observation sum for data drawn by the
    /// family itself, at any θ inside the space; and the estimate (closed form, or searched
    /// for) beats every θ tried.
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
            for &x in &xs {
                prop_assert!(family.check(x).is_ok(), "{:?} drew {x}", family.dist());
            }
            let stats = stats_of(family.as_ref(), &xs);
            if family.unbounded(&stats).is_some() {
                continue; // e.g. one exponential draw that is exactly 0: nothing to estimate
            }
            let mle = estimate(family.as_ref(), &stats);
            let (lo, hi) = family.default_range(&stats, mle);
            let theta = lo + (0.01 + 0.98 * u) * (hi - lo);
            let direct: f64 = xs.iter().map(|&x| family.ln_f(x, theta)).sum();
            let fast = family.ll(&stats, theta);
            // Equal infinities (Uniform below max x) agree; finite values to rounding.
            prop_assert!(fast == direct || ((fast - direct) / direct.abs().max(1.0)).abs() < 1e-10,
                "{:?}: {fast} vs {direct}", family.dist());
            // The analytic score and curvature agree with central differences of LL, where LL
            // is smooth around θ: finite on both sides, and, for an irregular family, no kink
            // (a kept observation, or max x) within the differencing step.
            let h = 1e-5 * (hi - lo);
            let kink = family.irregular().is_some()
                && (stats.values.iter().any(|&x| (x - theta).abs() <= 2.0 * h)
                    || (stats.max - theta).abs() <= 2.0 * h);
            let finite = family.ll(&stats, theta - h).is_finite()
                && family.ll(&stats, theta + h).is_finite();
            if finite && !kink {
                let numeric_score = (family.ll(&stats, theta + h) - family.ll(&stats, theta - h)) / (2.0 * h);
                let score = family.score(&stats, theta);
                // The central difference is off by h²·LL‴/6 (estimated from the analytic
                // curvature at θ ± h): wide windows of a flat LL, one beta observation, make
                // that larger than the score itself.
                let truncation = (family.curvature(&stats, theta + h)
                    - family.curvature(&stats, theta - h))
                    .abs()
                    * h
                    / 12.0;
                // And by the rounding of LL at θ ± h over 2h: LL's terms may cancel far more
                // than |LL| shows (a beta's ln Γ(a + b) − ln Γ(a) at a ≈ 10⁷ from one
                // observation), so their size is bounded by n·θ·ln θ, ln Γ's growth.
                let terms = n as f64 * theta.abs().max(1.0) * theta.abs().max(2.0).ln();
                let rounding = 16.0 * f64::EPSILON * terms.max(fast.abs()) / h;
                prop_assert!((score - numeric_score).abs()
                    <= 1e-5 * score.abs().max(fast.abs() / (hi - lo)) + 2.0 * truncation + rounding,
                    "{:?} score {score} vs {numeric_score}", family.dist());
                let numeric_curv = (family.score(&stats, theta + h) - family.score(&stats, theta - h)) / (2.0 * h);
                let curv = family.curvature(&stats, theta);
                prop_assert!((curv - numeric_curv).abs() <= 1e-5 * curv.abs().max(1.0),
                    "{:?} curvature {curv} vs {numeric_curv}", family.dist());
            }
            let at_mle = family.ll(&stats, mle);
            prop_assert!(at_mle >= fast - 1e-9 * fast.abs().max(1.0),
                "{:?}: LL({mle}) = {at_mle} < LL({theta}) = {fast}", family.dist());
        }
    }
}

#[test]
fn lognormal_with_a_tiny_known_sigma_has_a_finite_peak() {
    // Found by the data_reader fuzzer: σ = 1e-300 made σ² underflow to 0, and LL at
    // μ = ln 11 was 0/0. By hand: LL(ln 11) = −ln 11 − ln σ − ½ ln 2π for one observation.
    let family = LogNormal::new(1e-300).unwrap();
    let stats = stats_of(&family, &[11.0]);
    let expected = -(11f64.ln()) - 1e-300f64.ln() - 0.5 * (2.0 * std::f64::consts::PI).ln();
    assert_rel(family.ll(&stats, 11f64.ln()), expected, 1e-14);
}

#[test]
fn normal_sd_at_a_tiny_sigma_is_finite_when_nothing_deviates() {
    // Found by the data_reader fuzzer: one observation equal to the known mean, σ = 1e-300:
    // S/(2σ²) was 0/0. By hand: LL = −½ ln 2π − ln σ (the spread term is 0).
    let family = NormalSd::new(0.0).unwrap();
    let stats = stats_of(&family, &[0.0]);
    let expected = -0.5 * (2.0 * std::f64::consts::PI).ln() - 1e-300f64.ln();
    assert_rel(family.ll(&stats, 1e-300), expected, 1e-14);
}
