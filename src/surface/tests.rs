//! Reference values: closed forms worked by hand, and scipy 1.17.1 (`scipy.stats.gamma.fit(x,
//! floc=0)` for the gamma estimate, `scipy.stats.gamma.logpdf(...).sum()` for its LL).

use super::*;

fn stats_of(model: &dyn Pair, xs: &[f64]) -> PairStats {
    let mut stats = PairStats::default();
    model.observe(&mut stats, xs);
    stats
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300)
}

const GAMMA_DATA: [f64; 10] = [0.8, 2.3, 1.1, 4.0, 0.35, 1.9, 2.7, 0.6, 3.3, 1.2];

#[test]
fn joint_thresholds_are_half_the_two_degree_chi_square_quantiles() {
    // scipy.stats.chi2.ppf(L, 2) / 2
    assert!(close(
        joint_threshold(0.6826894921370859),
        1.147874464449318,
        1e-12
    ));
    assert!(close(joint_threshold(0.95), 2.9957322735539895, 1e-12));
}

#[test]
fn normal_estimates_and_the_mean_profile_match_the_closed_forms() {
    let model = NormalMeanSd;
    let xs = [1.0, 2.0, 6.0, -1.0];
    let stats = stats_of(&model, &xs);
    // x̄ = 2, S = 1 + 0 + 16 + 9 = 26, σ̂ = √(26/4).
    let [mu, sigma] = model.mle(&stats);
    assert_eq!(mu, 2.0);
    assert!(close(sigma, (26.0f64 / 4.0).sqrt(), 1e-15));
    // ΔNLL_profile(μ) = (n/2)·ln(1 + n(x̄ − μ)²/S) = c  ⇒  μ = x̄ ± √(S/n·(e^{2c/n} − 1)).
    let c = crate::inference::threshold(0.95);
    let half = (26.0 / 4.0 * ((2.0 * c / 4.0).exp() - 1.0)).sqrt();
    let p = profile(&model, &stats, 0, grid(-5.0, 9.0, 11), c);
    assert!(close(p.interval.0, 2.0 - half, 1e-10), "{:?}", p.interval);
    assert!(close(p.interval.1, 2.0 + half, 1e-10), "{:?}", p.interval);
}

#[test]
fn profiles_equal_a_brute_force_maximum_over_the_nuisance() {
    for model in [&NormalMeanSd as &dyn Pair, &GammaShapeRate] {
        let stats = stats_of(model, &GAMMA_DATA);
        let mle = model.mle(&stats);
        let [(a_lo, a_hi), (b_lo, b_hi)] = default_ranges(model, &stats);
        let bs = grid(b_lo, b_hi, 20001);
        let as_ = grid(a_lo, a_hi, 20001);
        for frac in [0.2, 0.5, 0.8] {
            let a = a_lo + frac * (a_hi - a_lo);
            let brute = bs
                .iter()
                .map(|&b| model.ll(&stats, a, b))
                .fold(f64::MIN, f64::max);
            let prof = profile_ll(model, &stats, 0, a);
            assert!(
                prof >= brute - 1e-12 && prof - brute < 1e-5,
                "{model:?} a={a}"
            );
            let b = b_lo + frac * (b_hi - b_lo);
            let brute = as_
                .iter()
                .map(|&a| model.ll(&stats, a, b))
                .fold(f64::MIN, f64::max);
            let prof = profile_ll(model, &stats, 1, b);
            assert!(
                prof >= brute - 1e-12 && prof - brute < 1e-5,
                "{model:?} b={b}"
            );
        }
        // The profiles peak at the joint estimate.
        let top = model.ll(&stats, mle[0], mle[1]);
        assert!(close(profile_ll(model, &stats, 0, mle[0]), top, 1e-13));
        assert!(close(profile_ll(model, &stats, 1, mle[1]), top, 1e-13));
    }
}

#[test]
fn gamma_estimate_and_ll_match_scipy() {
    let model = GammaShapeRate;
    let stats = stats_of(&model, &GAMMA_DATA);
    let [k, beta] = model.mle(&stats);
    assert!(close(k, 2.1732444352646807, 1e-7), "{k}");
    assert!(close(beta, 1.1908188686381813, 1e-7), "{beta}");
    assert!(close(
        model.ll(&stats, 2.5, 1.5),
        -14.772092928930817,
        1e-12
    ));
}

#[test]
fn contours_of_a_quadratic_bowl_are_circles() {
    // LL = −(a² + b²)/2 on a grid: the level set ΔNLL = 2 is the circle of radius 2.
    let xs = grid(-3.0, 3.0, 121);
    let ll = xs
        .iter()
        .flat_map(|&a| xs.iter().map(move |&b| -(a * a + b * b) / 2.0))
        .collect();
    let surface = Surface {
        a: xs.clone(),
        b: xs,
        ll,
        mle: [0.0, 0.0],
        ll_max: 0.0,
    };
    let segments = contour(&surface, 2.0);
    assert!(segments.len() > 100);
    for [p, q] in segments {
        for (a, b) in [p, q] {
            let r = (a * a + b * b).sqrt();
            assert!((r - 2.0).abs() < 2e-3, "{r}");
        }
    }
}

#[test]
fn two_parameter_models_are_found_by_name() {
    assert!(build("normal", &["mu".into(), "sigma".into()]).is_ok());
    assert!(build("gamma", &["shape".into(), "rate".into()]).is_ok());
    let err = build("poisson", &["a".into(), "b".into()]).unwrap_err();
    assert!(err.contains("--dist normal --sweep mu,sigma"), "{err}");
}

#[test]
fn a_surface_run_exports_every_grid_point_and_nested_samples() {
    use crate::config::{Config, Format, Request};
    use crate::family::Dist;
    let config = Config::from_request(Request {
        dist: Dist::Normal,
        sweep: Some(vec!["mu".into(), "sigma".into()]),
        points_2d: 11,
        samples: Some(40),
        ..Request::default()
    })
    .unwrap();
    let plan = config.surface.as_ref().unwrap();
    let outcome = report::analyse(plan, 0.95, &crate::progress::Silent).unwrap();
    let csv = String::from_utf8(report::bytes(Format::Csv, &outcome, &config).unwrap()).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("theta1,theta2,ll,nll"));
    assert_eq!(lines.count(), 11 * 11);
    // The profile interval of μ contains μ̂, and the joint 95 % contour lies inside the grid.
    let [lo, hi] = outcome.summary.profile_intervals[0];
    assert!(lo < outcome.summary.mle[0] && outcome.summary.mle[0] < hi);
    // The first 40 draws are the same whatever n: a 40-sample's estimate equals the one
    // computed from the first 40 of 400 draws.
    let mut stats = PairStats::default();
    let first = crate::sample::draws(&crate::family::Normal::new(2.0).unwrap(), 1.0, 400, 42);
    NormalMeanSd.observe(&mut stats, &first[..40]);
    assert_eq!(NormalMeanSd.mle(&stats), outcome.summary.mle);
}

#[test]
fn profile_and_sweep_options_are_checked() {
    use crate::config::{Config, Request};
    use crate::family::Dist;
    let err = |req: Request| Config::from_request(req).unwrap_err().to_string();
    let sweep = Some(vec!["mu".to_string(), "sigma".to_string()]);
    assert!(err(Request {
        dist: Dist::Poisson,
        sweep: sweep.clone(),
        ..Request::default()
    })
    .contains("no two-parameter model"));
    assert!(err(Request {
        dist: Dist::Normal,
        sweep: sweep.clone(),
        profile: Some("tau".into()),
        ..Request::default()
    })
    .contains("--profile tau"));
    assert!(err(Request {
        dist: Dist::Normal,
        sweep: sweep.clone(),
        true2: Some(-1.0),
        ..Request::default()
    })
    .contains("σ must be positive"));
    assert!(err(Request {
        dist: Dist::Normal,
        profile: Some("mu".into()),
        ..Request::default()
    })
    .contains("--sweep"));
}
