//! Properties that must hold for any input, checked on random inputs by proptest.
//!
//! They are the in-suite half of the fuzzing of issue #7 (the other half is `fuzz/`, run on
//! demand): the data reader never panics, whatever the bytes; every file it accepts gives a
//! log-likelihood that is finite or ±∞ but never NaN; the sufficient statistics reproduce the
//! per-observation sum; the CSV's NLL is exactly −LL; the closed-form MLE beats every grid
//! point; and in each family's natural parameter LL is concave on any grid.

use nllplot::axis::{Axis, Parameterization};
use nllplot::config::DataSource;
use nllplot::data::read_from;
use nllplot::family::{build, Dist, Family, Known, SufficientStats};
use nllplot::sweep::{Grid, Sweep};
use proptest::prelude::*;

fn family(dist: Dist, trials: u64, sigma: f64) -> Box<dyn Family> {
    build(
        dist,
        Known {
            trials,
            sigma,
            ..Known::default()
        },
    )
    .unwrap()
}

fn source() -> DataSource {
    DataSource::File("prop.txt".into())
}

/// The six families these properties were written for, with generators of their data below.
/// The nine added with issue #3 have their own shared properties (sufficient statistics
/// against the per-observation sum, score and curvature) in src/family/tests.rs.
const CORE: [Dist; 6] = [
    Dist::Bernoulli,
    Dist::Binomial,
    Dist::Geometric,
    Dist::Poisson,
    Dist::Exponential,
    Dist::Normal,
];

fn dist() -> impl Strategy<Value = Dist> {
    proptest::sample::select(CORE.to_vec())
}

/// Known parameters across their whole range, extremes included.
fn known() -> impl Strategy<Value = (u64, f64)> {
    (
        prop_oneof![1u64..20, 1u64..100_000, Just(1u64 << 53)],
        prop_oneof![Just(1.0), 1e-3f64..1e3, Just(1e-300), Just(1e300)],
    )
}

/// Text that is mostly numbers, often in a family's support, sometimes at the limits of f64,
/// sometimes garbage: it reaches deeper into the reader than uniformly random bytes do.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..30).prop_map(|k| k.to_string()),
        any::<u64>().prop_map(|k| k.to_string()),
        any::<f64>().prop_map(|x| format!("{x:?}")),
        any::<f64>().prop_map(|x| format!("{x:e}")),
        proptest::sample::select(vec![
            "0",
            "1",
            "-0",
            "1e300",
            "-1e300",
            "1e-300",
            "4.9e-324",
            "1.7976931348623157e308",
            "-1.7976931348623157e308",
            "9007199254740993",
            "1e19",
            "inf",
            "NaN",
            "",
            "#",
            " 2 ",
            "1e400",
            "0x10",
            "½",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
    ]
}

/// Every θ worth trying for accepted data: the estimate, the default window, the boundary of
/// the space and points at the limits of f64 inside it.
fn thetas(family: &dyn Family, stats: &SufficientStats) -> Vec<f64> {
    let space = family.space();
    let mle = family.mle(stats).expect("closed form");
    let (lo, hi) = family.default_range(stats, mle);
    let mut out = vec![mle, lo, hi, 0.5 * (lo + hi)];
    out.extend([space.lo, space.hi].into_iter().filter(|t| t.is_finite()));
    out.extend([
        -1e300,
        -1.0,
        0.0,
        1e-300,
        1e-9,
        0.3,
        0.5,
        1.0 - 1e-9,
        1.0,
        4.0,
        1e9,
        1e300,
    ]);
    out.retain(|&t| t.is_finite() && space.contains(t));
    out
}

fn assert_no_nan(family: &dyn Family, stats: &SufficientStats, text: &str) {
    for theta in thetas(family, stats) {
        let ll = family.ll(stats, theta);
        assert!(
            !ll.is_nan(),
            "{}: LL({theta}) is NaN for the accepted data {text:?}",
            family.dist()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any bytes at all: an error or statistics, never a panic; accepted data never give NaN.
    #[test]
    fn the_reader_never_panics_on_any_bytes(
        dist in dist(),
        (trials, sigma) in known(),
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let family = family(dist, trials, sigma);
        if let Ok(stats) = read_from(family.as_ref(), &bytes[..], &source()) {
            prop_assert!(stats.n > 0);
            assert_no_nan(family.as_ref(), &stats, &String::from_utf8_lossy(&bytes));
        }
    }

    /// Lines of numbers, extremes included: accepted data never give NaN, and errors are one
    /// line that names the line of the file.
    #[test]
    fn accepted_data_never_give_nan(
        dist in dist(),
        (trials, sigma) in known(),
        lines in proptest::collection::vec(line(), 1..12),
    ) {
        let family = family(dist, trials, sigma);
        let text = lines.join("\n");
        match read_from(family.as_ref(), text.as_bytes(), &source()) {
            Ok(stats) => assert_no_nan(family.as_ref(), &stats, &text),
            Err(e) => {
                let message = e.to_string();
                prop_assert!(message.starts_with("prop.txt"), "{message}");
                prop_assert!(!message.contains('\n'), "{message}");
            }
        }
    }
}

/// Observations in a family's support, spread over many magnitudes but short of the f64
/// limits, where the per-observation sum itself is exact enough to be a reference.
fn observations(dist: Dist, trials: u64) -> BoxedStrategy<Vec<f64>> {
    let count = 1..40usize;
    match dist {
        Dist::Bernoulli => proptest::collection::vec(0u8..2, count)
            .prop_map(|v| v.into_iter().map(f64::from).collect())
            .boxed(),
        Dist::Binomial => proptest::collection::vec(0..=trials, count)
            .prop_map(|v| v.into_iter().map(|k| k as f64).collect())
            .boxed(),
        Dist::Geometric => proptest::collection::vec(prop_oneof![1u64..10, 1u64..100_000], count)
            .prop_map(|v| v.into_iter().map(|k| k as f64).collect())
            .boxed(),
        Dist::Poisson => proptest::collection::vec(prop_oneof![0u64..10, 0u64..1_000_000], count)
            .prop_map(|v| v.into_iter().map(|k| k as f64).collect())
            .boxed(),
        Dist::Exponential => {
            proptest::collection::vec(prop_oneof![0.0f64..10.0, 1e-6f64..1e6], count).boxed()
        }
        Dist::Normal => {
            proptest::collection::vec(prop_oneof![-10.0f64..10.0, -1e6f64..1e6], count).boxed()
        }
        other => unreachable!("{other} is not among the CORE families drawn here"),
    }
}

fn case() -> impl Strategy<Value = (Dist, u64, f64, Vec<f64>)> {
    (dist(), 1u64..200, prop_oneof![Just(1.0), 0.01f64..100.0]).prop_flat_map(
        |(dist, trials, sigma)| {
            observations(dist, trials).prop_map(move |xs| (dist, trials, sigma, xs))
        },
    )
}

fn stats_of(family: &dyn Family, xs: &[f64]) -> SufficientStats {
    let mut stats = SufficientStats::default();
    for &x in xs {
        family.check(x).unwrap();
    }
    family.observe(&mut stats, xs);
    stats
}

/// A compensated sum, written here rather than borrowed from the crate so that the reference
/// does not share the code it checks.
fn neumaier(terms: impl Iterator<Item = f64>) -> f64 {
    let (mut sum, mut low) = (0.0f64, 0.0f64);
    for x in terms {
        let t = sum + x;
        low += if sum.abs() >= x.abs() {
            (sum - t) + x
        } else {
            (x - t) + sum
        };
        sum = t;
    }
    if sum.is_finite() {
        sum + low
    } else {
        sum
    }
}

/// The default window, or None when the data leave no curve to draw (all-zero waiting times).
fn window(family: &dyn Family, stats: &SufficientStats) -> Option<(f64, f64)> {
    let mle = family.mle(stats).expect("closed form");
    let (lo, hi) = family.default_range(stats, mle);
    (mle.is_finite() && lo < hi).then_some((lo, hi))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// LL from the sufficient statistics equals the compensated per-observation sum of ln f to
    /// 1e-12 relative (absolute below 1), anywhere in the default window.
    #[test]
    fn sufficient_statistics_equal_the_per_observation_sum(
        (dist, trials, sigma, xs) in case(),
        u in 0.0f64..=1.0,
    ) {
        let family = family(dist, trials, sigma);
        let stats = stats_of(family.as_ref(), &xs);
        let Some((lo, hi)) = window(family.as_ref(), &stats) else { return Ok(()) };
        for theta in [lo, lo + u * (hi - lo), hi, family.mle(&stats).expect("closed form")] {
            let direct = neumaier(xs.iter().map(|&x| family.ln_f(x, theta)));
            let fast = family.ll(&stats, theta);
            // Relative to the operands of LL's last addition, θ-free part + θ-dependent part:
            // Poisson counts near λ make LL a small difference of two large numbers (10⁵ and
            // −10⁵ + 8 at k = 22 602), where no double arithmetic is 1e-12 relative to the
            // result, neither this path nor the direct sum (both ~1e-12 off mpmath there).
            let base = stats.base.value();
            let scale = direct.abs().max(base.abs() + (direct - base).abs()).max(1.0);
            prop_assert!(
                (fast - direct).abs() <= 1e-12 * scale,
                "{dist}: LL({theta}) = {fast} from the statistics, {direct} summed, xs = {xs:?}"
            );
        }
    }

    /// The CSV's nll column is exactly −ll on every row, infinities included, and the MLE's
    /// LL is at least every grid point's (up to rounding, 1e-12 relative).
    #[test]
    fn nll_is_minus_ll_and_the_mle_maximises_ll_over_the_grid(
        (dist, trials, sigma, xs) in case(),
        points in 2usize..300,
        widen in 0.5f64..3.0,
    ) {
        let family = family(dist, trials, sigma);
        let stats = stats_of(family.as_ref(), &xs);
        let Some((lo, hi)) = window(family.as_ref(), &stats) else { return Ok(()) };
        // A window widened around its middle, clipped to the space: grids that touch the
        // boundary are part of the property.
        let (mid, half) = (0.5 * (lo + hi), 0.5 * (hi - lo) * widen);
        let space = family.space();
        let grid = Grid { lo: (mid - half).max(space.lo), hi: (mid + half).min(space.hi), points };
        let axis = Axis::new(family.as_ref(), Parameterization::Mean).unwrap();
        let sweep = Sweep::evaluate(family.as_ref(), &stats, grid, &axis);
        let csv = String::from_utf8(nllplot::export::csv::to_bytes(&sweep, false).unwrap()).unwrap();
        let mut rows = csv.lines();
        prop_assert_eq!(rows.next(), Some("theta,ll,nll"));
        let mut count = 0;
        for (row, &ll) in rows.zip(&sweep.ll) {
            let cells: Vec<f64> = row.split(',').map(|c| c.parse().unwrap()).collect();
            prop_assert_eq!(cells[1].to_bits(), ll.to_bits(), "{}", row);
            prop_assert_eq!(cells[2].to_bits(), (-ll).to_bits(), "{}", row);
            prop_assert!(!ll.is_nan());
            count += 1;
        }
        prop_assert_eq!(count, points);
        let best = family.ll(&stats, family.mle(&stats).expect("closed form"));
        for (&theta, &ll) in sweep.theta.iter().zip(&sweep.ll) {
            prop_assert!(
                ll <= best + 1e-12 * best.abs().max(1.0),
                "{dist}: LL({theta}) = {ll} beats LL(θ̂ = {:?}) = {best}", family.mle(&stats)
            );
        }
    }
}

/// A change of parameter, given the normal's known σ (the others ignore it).
type Map = fn(f64, f64) -> f64;

/// θ(η) and η(θ) for each family's natural parameter: ln f(x; θ) = η·T(x) − A(η) + ln h(x).
fn natural(dist: Dist) -> (Map, Map) {
    match dist {
        // f = p^x (1 − p)^(1 − x) (times C(M, x)): η = logit p.
        Dist::Bernoulli | Dist::Binomial => (
            |eta, _| 1.0 / (1.0 + (-eta).exp()),
            |p, _| (p / (1.0 - p)).ln(),
        ),
        // f = p (1 − p)^(k − 1): T = k − 1, η = ln(1 − p), so p = 1 − e^η.
        Dist::Geometric => (|eta, _| -eta.exp_m1(), |p, _| (-p).ln_1p()),
        // f = λ^k e^(−λ) / k!: η = ln λ.
        Dist::Poisson => (|eta, _| eta.exp(), |l, _| l.ln()),
        // f = λ e^(−λx): T = x, η = −λ.
        Dist::Exponential => (|eta, _| -eta, |l, _| -l),
        // f ∝ exp(μx/σ² − μ²/2σ²): η = μ/σ².
        Dist::Normal => (|eta, s| eta * s * s, |mu, s| mu / (s * s)),
        other => unreachable!("{other} is not among the CORE families checked here"),
    }
}

/// The natural parameter's range that keeps θ(η) well inside the space and well conditioned.
fn eta_range(dist: Dist) -> (f64, f64) {
    match dist {
        Dist::Bernoulli | Dist::Binomial => (-12.0, 12.0),
        Dist::Geometric => (-12.0, -1e-5),
        Dist::Poisson => (-12.0, 12.0),
        Dist::Exponential => (-1e4, -1e-4),
        Dist::Normal => (-1e4, 1e4),
        other => unreachable!("{other} is not among the CORE families checked here"),
    }
}

/// Whether the values at increasing abscissae have non-increasing slopes (concavity on an
/// uneven grid), up to `tol` times the size of the values compared.
fn concave_on(eta: &[f64], ll: &[f64], tol: f64) -> Result<(), String> {
    for i in 1..eta.len() - 1 {
        let left = (ll[i] - ll[i - 1]) / (eta[i] - eta[i - 1]);
        let right = (ll[i + 1] - ll[i]) / (eta[i + 1] - eta[i]);
        let scale = (ll[i - 1].abs() + 2.0 * ll[i].abs() + ll[i + 1].abs())
            / (eta[i + 1] - eta[i - 1])
                .min(eta[i] - eta[i - 1])
                .min(eta[i + 1] - eta[i]);
        if right - left > tol * scale {
            return Err(format!(
                "slope rises from {left} to {right} at η = {} (LL = {:?})",
                eta[i],
                &ll[i - 1..=i + 1]
            ));
        }
    }
    Ok(())
}

#[test]
fn the_concavity_check_rejects_a_convex_curve() {
    // NLL is convex: the same check must refuse it, or it proves nothing.
    let eta: Vec<f64> = (0..50).map(|i| -3.0 + 0.1 * i as f64).collect();
    let nll: Vec<f64> = eta.iter().map(|e| e * e).collect();
    assert!(concave_on(&eta, &nll, 1e-12).is_err());
    let ll: Vec<f64> = nll.iter().map(|v| -v).collect();
    assert!(concave_on(&eta, &ll, 1e-12).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Exponential families are log-concave in their natural parameter: on any grid of η, LL's
    /// slopes never rise (second differences ≤ 0 up to rounding).
    #[test]
    fn ll_is_concave_in_the_natural_parameter(
        (dist, trials, sigma, xs) in case(),
        cuts in proptest::collection::vec(0.0f64..1.0, 3..80),
        (a, b) in (0.0f64..1.0, 0.0f64..1.0),
    ) {
        let family = family(dist, trials, sigma);
        let stats = stats_of(family.as_ref(), &xs);
        let (to_theta, to_eta) = natural(dist);
        let (lo, hi) = eta_range(dist);
        let (a, b) = (lo + a.min(b) * (hi - lo), lo + a.max(b) * (hi - lo));
        prop_assume!(b - a > 1e-3 * (hi - lo));
        // Random abscissae in [a, b]; each is replaced by the η of the θ actually evaluated,
        // so the rounding of θ(η) moves the point instead of bending the curve.
        let mut pts: Vec<(f64, f64)> = cuts
            .iter()
            .map(|c| {
                let theta = to_theta(a + c * (b - a), sigma);
                (to_eta(theta, sigma), family.ll(&stats, theta))
            })
            .filter(|(e, ll)| e.is_finite() && ll.is_finite())
            .collect();
        pts.sort_by(|x, y| x.0.total_cmp(&y.0));
        pts.dedup_by(|x, y| x.0 - y.0 < 1e-6 * (b - a));
        prop_assume!(pts.len() >= 3);
        let (eta, ll): (Vec<f64>, Vec<f64>) = pts.into_iter().unzip();
        let verdict = concave_on(&eta, &ll, 1e-12);
        prop_assert!(verdict.is_ok(), "{dist} (M = {trials}, σ = {sigma}): {}", verdict.unwrap_err());
    }
}
