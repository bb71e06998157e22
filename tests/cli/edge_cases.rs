//! Numerical edge cases (issue #7): tiny and degenerate samples, values at the limits of f64,
//! a billion trials at p = 1e-9, grids on the boundary of the parameter space and ranges 1e-12
//! wide. Each case checks the numbers against a value worked by hand or computed with scipy
//! 1.17.1 / mpmath 1.3.0 (named beside it), and that the figure renders with readable axes.

use crate::common::{assert_close, num, Sandbox};
use assert_cmd::Command;
use nllplot::config::DataSource;
use nllplot::data::read_from;
use nllplot::family::{
    Bernoulli, Binomial, Exponential, Family, Geometric, Normal, Poisson, SufficientStats,
};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

fn assert_rel(actual: f64, expected: f64, tol: f64) {
    let rel = ((actual - expected) / expected.abs().max(1e-300)).abs();
    assert!(
        rel <= tol,
        "{actual:?} differs from {expected:?} by {rel:e} relative (allowed {tol:e})"
    );
}

fn stats_of(family: &dyn Family, xs: &[f64]) -> SufficientStats {
    let mut stats = SufficientStats::default();
    for &x in xs {
        family.check(x).unwrap();
    }
    family.observe(&mut stats, xs);
    stats
}

/// What one run of the command left behind.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    dir: tempfile::TempDir,
}

impl Run {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap()
    }
    /// (θ, LL, NLL) of every CSV row.
    fn csv(&self) -> Vec<(f64, f64, f64)> {
        self.read("f.csv")
            .lines()
            .skip(1)
            .map(|row| {
                let c: Vec<f64> = row.split(',').map(|v| v.parse().unwrap()).collect();
                (c[0], c[1], c[2])
            })
            .collect()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("f.json")).unwrap()
    }
}

/// Runs `nllplot ARGS --out f.svg --csv f.csv --json f.json` in a fresh folder, with `data`
/// (if any) in `d.txt` there, plus `f.png` when `png` is set (rasterising costs ~1 s in a
/// debug build, so only some cases do it).
fn run(args: &[&str], data: Option<&str>, png: bool) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("nllplot").unwrap();
    cmd.current_dir(dir.path()).args(args);
    if let Some(text) = data {
        fs::write(dir.path().join("d.txt"), text).unwrap();
        cmd.args(["--data", "d.txt"]);
    }
    cmd.args(["--out", "f.svg", "--csv", "f.csv", "--json", "f.json"]);
    if png {
        cmd.args(["--out", "f.png"]);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        dir,
    }
}

/// The text of every `<text>` element with its x and y attributes.
fn svg_texts(svg: &str) -> Vec<(String, String, String, String)> {
    let attr = |tag: &str, name: &str| {
        let key = format!(" {name}=\"");
        tag.split_once(&key)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(v, _)| v.to_string())
            .unwrap_or_default()
    };
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let (tag, rest) = chunk.split_once('>')?;
            let (body, _) = rest.split_once("</text>")?;
            Some((
                attr(tag, "x"),
                attr(tag, "y"),
                attr(tag, "font-size"),
                body.trim().to_string(),
            ))
        })
        .collect()
}

/// The tick labels of each axis of each panel: labels in the tick font that share a row
/// (x axis; split at the middle into the two panels) or a column (y axis).
fn tick_groups(svg: &str) -> Vec<Vec<String>> {
    let texts = svg_texts(svg);
    let mut by_size: BTreeMap<&str, usize> = BTreeMap::new();
    texts
        .iter()
        .for_each(|t| *by_size.entry(&t.2).or_default() += 1);
    let tick_size = by_size
        .iter()
        .max_by_key(|(_, &n)| n)
        .unwrap()
        .0
        .to_string();
    let width: f64 = svg
        .split_once("viewBox=\"0 0 ")
        .and_then(|(_, r)| r.split_once(' '))
        .map(|(w, _)| w.parse().unwrap())
        .unwrap();
    let mut groups: BTreeMap<(bool, String, bool), Vec<String>> = BTreeMap::new();
    for (x, y, size, label) in &texts {
        if *size != tick_size || label.contains('=') || label.contains('∞') {
            continue; // titles, marker labels and the ±∞ marks
        }
        let left = x.parse::<f64>().unwrap() < width / 2.0;
        groups
            .entry((true, y.clone(), left))
            .or_default()
            .push(label.clone());
        groups
            .entry((false, x.clone(), left))
            .or_default()
            .push(label.clone());
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

/// The figure rendered, holds no NaN, and every axis has at least two tick labels, all of them
/// different and short enough to read (at most 12 characters).
fn assert_readable_figure(run: &Run) {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let svg = run.read("f.svg");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(
        !svg.contains("NaN") && !svg.contains("inf\""),
        "non-finite coordinates"
    );
    let groups = tick_groups(&svg);
    assert_eq!(groups.len(), 4, "two axes per panel: {groups:?}");
    for labels in groups {
        assert!(labels.len() >= 2, "an axis with one label: {labels:?}");
        let mut distinct = labels.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            labels.len(),
            "repeated tick labels: {labels:?}"
        );
        assert!(
            labels.iter().all(|l| l.chars().count() <= 12),
            "unreadable tick labels: {labels:?}"
        );
    }
    if run.path("f.png").exists() {
        let png = fs::read(run.path("f.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    for (theta, ll, nll) in run.csv() {
        assert!(!theta.is_nan() && !ll.is_nan(), "NaN in the CSV");
        assert_eq!(nll.to_bits(), (-ll).to_bits());
    }
}

// ---- n = 1 and all observations equal ---------------------------------------------------

#[test]
fn a_single_observation_gives_the_closed_form_in_every_family() {
    // (args, the one observation, θ̂ by hand, LL(θ̂) from scipy.stats logpmf/logpdf at θ̂)
    let cases: [(&[&str], &str, f64, f64); 6] = [
        // bernoulli.logpmf(1, 1) = 0: p̂ = 1 lies on the boundary.
        (&["--dist", "bernoulli"], "1", 1.0, 0.0),
        (&["--dist", "binomial"], "3", 0.3, -1.321151277766889),
        (&["--dist", "geometric"], "4", 0.25, -2.249340578475233),
        (&["--dist", "poisson"], "3", 3.0, -1.4959226032237258),
        (&["--dist", "exponential"], "2", 0.5, -1.6931471805599454),
        (&["--dist", "normal"], "2.5", 2.5, -0.9189385332046727),
    ];
    for (args, x, mle, ll) in cases {
        let run = run(args, Some(x), false);
        assert_readable_figure(&run);
        let json = run.json();
        assert_eq!(json["n"], 1);
        assert_rel(json["mle"].as_f64().unwrap(), mle, 1e-15);
        let got = json["ll_max"].as_f64().unwrap();
        if ll == 0.0 {
            assert_eq!(got, 0.0);
        } else {
            assert_rel(got, ll, 1e-14);
        }
    }
}

#[test]
fn all_equal_observations_are_estimated_and_drawn() {
    // numpy.sum(scipy.stats.<dist>.logpdf/logpmf(data, θ̂)).
    let cases: [(&[&str], &str, f64, f64); 3] = [
        (
            &["--dist", "normal"],
            "7\n7\n7\n7\n",
            7.0,
            -3.6757541328186907,
        ),
        (
            &["--dist", "exponential"],
            "2\n2\n2\n",
            0.5,
            -5.079441541679836,
        ),
        (
            &["--dist", "poisson"],
            "5\n5\n5\n",
            5.0,
            -5.2209065418346325,
        ),
    ];
    for (args, data, mle, ll) in cases {
        let run = run(args, Some(data), false);
        assert_readable_figure(&run);
        assert_eq!(run.json()["mle"].as_f64().unwrap(), mle);
        assert_rel(run.json()["ll_max"].as_f64().unwrap(), ll, 1e-14);
    }
    // Estimates on the boundary: geometric all ones (p̂ = 1), binomial all M (p̂ = 1). LL(1)
    // is 0 there by hand (1ⁿ, with 0·ln 0 = 0), and the window ends at the estimate.
    for (args, data) in [
        (&["--dist", "geometric"][..], "1\n1\n1\n"),
        (&["--dist", "binomial", "--trials", "4"][..], "4\n4\n"),
    ] {
        let run = run(args, Some(data), false);
        assert_readable_figure(&run);
        assert_eq!(run.json()["mle"], 1.0);
        assert_eq!(run.json()["ll_max"], 0.0);
        let rows = run.csv();
        assert_eq!(rows.last().unwrap().0, 1.0);
        assert_eq!(rows.last().unwrap().1, 0.0);
    }
}

#[test]
fn all_zero_and_all_one_bernoulli_put_the_estimate_on_the_boundary() {
    for (data, mle, boundary_row) in [("0\n".repeat(25), 0.0, 0), ("1\n".repeat(25), 1.0, 999)] {
        let run = run(&["--dist", "bernoulli"], Some(&data), true);
        assert_readable_figure(&run);
        assert_eq!(run.json()["mle"], mle);
        assert_eq!(run.json()["ll_max"], 0.0);
        let rows = run.csv();
        // The window starts (ends) at the estimate, where LL = 25·ln 1 = 0; elsewhere it is
        // 25·ln(1 − p) (25·ln p), checked by hand at the far end.
        assert_eq!(rows[boundary_row].0, mle);
        assert_eq!(rows[boundary_row].1, 0.0);
        let (far_theta, far_ll, _) = rows[999 - boundary_row];
        let q = if mle == 0.0 {
            1.0 - far_theta
        } else {
            far_theta
        };
        assert_rel(far_ll, 25.0 * q.ln(), 1e-14);
        assert!(rows.iter().all(|r| r.1.is_finite()));
    }
}

#[test]
fn poisson_all_zeros_has_lambda_hat_zero_and_ll_minus_n_lambda() {
    let run = run(&["--dist", "poisson"], Some("0\n0\n0\n0\n0\n0\n"), false);
    assert_readable_figure(&run);
    assert_eq!(run.json()["mle"], 0.0);
    assert_eq!(run.json()["ll_max"], 0.0);
    for (lambda, ll, _) in run.csv() {
        // LL(λ) = −6λ: every count is 0 (0·ln λ = 0, ln 0! = 0).
        assert_rel(ll, -6.0 * lambda, 1e-15);
    }
    // scipy: numpy.sum(poisson.logpmf([0]*6, 0.7)) = -4.2
    let stats = stats_of(&Poisson, &[0.0; 6]);
    assert_rel(Poisson.ll(&stats, 0.7), -4.2, 1e-15);
}

// ---- the limits of f64 --------------------------------------------------------------------

#[test]
fn values_near_the_limits_of_f64_give_finite_or_infinite_ll_never_nan() {
    // Normal data at 1e300: the spread is kept about the first value, so LL(x̄) is the
    // −(3/2)·ln 2π of three equal points (mpmath), not an overflow.
    let normal = Normal::new(1.0).unwrap();
    let stats = stats_of(&normal, &[1e300; 3]);
    assert_eq!(normal.mle(&stats), Some(1e300));
    assert_rel(normal.ll(&stats, 1e300), -2.756815599614018, 1e-15);
    // ±1e300 with σ = 1: Σ(x − μ)² ≈ 2e600 is past f64, so LL is −∞, at every μ (it was a
    // finite, wrong value before: ∞ − ∞ = NaN was clamped to a spread of 0).
    let stats = stats_of(&normal, &[1e300, -1e300]);
    for mu in [-1e300, 0.0, 1e300] {
        assert_eq!(normal.ll(&stats, mu), f64::NEG_INFINITY);
    }
    // The largest double next to zeros: the centre − first value overflows (was NaN).
    let stats = stats_of(&normal, &[f64::MAX, 0.0, 0.0]);
    for mu in [-1e300, 0.0, 1e300] {
        assert_eq!(normal.ll(&stats, mu), f64::NEG_INFINITY);
    }
    // σ = 1e-300: σ² underflows to 0, and LL(x̄) was 0/0 = NaN. By hand (mpmath):
    // −½·ln 2π − ln 1e-300 = 689.8565893650091.
    let tiny = Normal::new(1e-300).unwrap();
    let stats = stats_of(&tiny, &[0.0]);
    assert_rel(tiny.ll(&stats, 0.0), 689.8565893650091, 1e-15);
    assert_eq!(tiny.ll(&stats, 1e-10), f64::NEG_INFINITY);

    // Exponential waiting times of 1e-300: λ̂ = 2/3e-300; LL(λ̂) = 2·ln λ̂ − 2 (mpmath, and
    // numpy.sum(expon.logpdf([1e-300, 2e-300], scale=1.5e-300)) agrees).
    let stats = stats_of(&Exponential, &[1e-300, 2e-300]);
    let mle = Exponential.mle(&stats).unwrap();
    assert_rel(mle, 2.0 / 3e-300, 1e-15);
    assert_rel(Exponential.ll(&stats, mle), 1378.740125580211, 1e-15);
    // Two waiting times of 1e308 overflow the sum: LL(0) was 0·∞ = NaN; it is −∞ (n·ln 0).
    let stats = stats_of(&Exponential, &[1e308, 1e308]);
    assert_eq!(Exponential.ll(&stats, 0.0), f64::NEG_INFINITY);
    assert_eq!(Exponential.ll(&stats, 1.0), f64::NEG_INFINITY);

    // Counts above 2⁵³ are refused: every double there is "whole", ln k! would be taken of a
    // saturated integer, and a geometric sum of two 1e308 made LL(0) = NaN.
    for family in [&Poisson as &dyn Family, &Geometric] {
        assert!(family.check(9_007_199_254_740_992.0).is_ok());
        let err = read_from(
            family,
            "3\n1e300\n".as_bytes(),
            &DataSource::File("d.txt".into()),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("d.txt:2: 1e300 is not a possible"), "{err}");
        assert!(err.contains("2^53"), "{err}");
    }
}

#[test]
fn a_subnormal_known_scale_gives_finite_values_and_a_readable_report() {
    // 1/γ overflows to ∞ for γ = 1e-310, so z = (x − x₀)/γ must not be formed as 0·∞ = NaN.
    // One observation at 3e-310: x̂₀ is that observation and LL(x̂₀) = −ln(πγ); Python's
    // math.log(math.pi * 1e-310) = −712.6566489423047 (the same subnormal γ).
    for dist in ["cauchy", "student-t"] {
        let run = run(
            &["--dist", dist, "--scale", "1e-310"],
            Some("3e-310\n"),
            false,
        );
        assert_readable_figure(&run);
        let json = run.json();
        assert_eq!(json["mle"].as_f64().unwrap(), 3e-310);
        if dist == "cauchy" {
            assert_rel(json["ll_max"].as_f64().unwrap(), 712.6566489423047, 1e-13);
        }
        // The one-line report and the title print 1e-310 in scientific notation, not as 310
        // zeros, and the θ axis (a span of 10⁻³⁰⁹, below plotters' own tick finder) is
        // labelled (checked by assert_readable_figure above).
        assert!(run.stdout.contains("̂ = 3.0e−310,"), "{}", run.stdout);
        let svg = run.read("f.svg");
        assert!(svg.contains("scale = 1e-310)"), "title");
        assert!(svg.contains("1 observation from"), "subtitle");
    }
    // Three observations: the estimate is a root of the score, which must not be NaN at
    // x = x₀. scipy.stats.cauchy(scale=1e-310) with optimize.minimize_scalar (bounded) gives
    // x̂₀ = 4.10131538227e-312, LL = 2137.350885203879 (its bounded search stops at about
    // 6 digits in x̂₀; the LL there agrees to all 16).
    let run = run(
        &["--dist", "cauchy", "--scale", "1e-310"],
        Some("-5e-311\n0\n7e-311\n"),
        false,
    );
    assert_readable_figure(&run);
    let json = run.json();
    assert_rel(json["mle"].as_f64().unwrap(), 4.10131538227e-312, 1e-5);
    assert_rel(json["ll_max"].as_f64().unwrap(), 2137.350885203879, 1e-15);
}

#[test]
fn extreme_data_still_render_with_readable_axes() {
    // λ̂ ≈ 6.7e299: tick labels in scientific notation.
    let run_small = run(&["--dist", "exponential"], Some("1e-300\n2e-300\n"), false);
    assert_readable_figure(&run_small);
    // A spread past 1e154: LL is −∞ on the whole grid; the panels say so instead of drawing
    // nothing, and the axes keep their default labels.
    let run_wide = run(
        &["--dist", "normal", "--range=-1:1"],
        Some("1e300\n-1e300\n"),
        true,
    );
    assert_readable_figure(&run_wide);
    assert!(run_wide.csv().iter().all(|r| r.1 == f64::NEG_INFINITY));
    assert!(run_wide.read("f.svg").contains("−∞ at every grid point"));
    // LL from −1.77e308 to −0.88e308 (Σ(x − μ)²/2σ² with x up to 9.4e153, σ = ½): the
    // axis margins, 10 % of the span beyond the values, would overflow to −∞.
    let run_huge = run(
        &["--dist", "normal", "--sigma", "0.5", "--range=0:9.4e153"],
        Some("0\n9.4e153\n"),
        false,
    );
    assert_readable_figure(&run_huge);
}

#[test]
fn data_that_leave_no_window_are_one_line_errors() {
    // 1e300 three times: θ̂ ± 5·σ/√3 rounds to θ̂ itself, so there is no default range.
    let run = run(&["--dist", "normal"], Some("1e300\n1e300\n1e300\n"), false);
    assert_eq!(run.code, 1, "{}", run.stderr); // the data, not the options, are at fault
    assert!(run.stderr.contains("--range"), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1);
    assert!(!run.path("f.svg").exists() && !run.path("f.csv").exists());
    // Waiting times near f64::MAX: each is finite, their sum overflows. The error says so
    // (it used to blame a window "too concentrated (θ̂ = 0)").
    for dist in ["exponential", "gamma"] {
        let out = self::run(&["--dist", dist], Some("1.7e308\n1.7e308\n"), false);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("sum to more than 1.8e308"),
            "{}",
            out.stderr
        );
        assert_eq!(out.stderr.trim_end().lines().count(), 1);
        assert!(!out.path("f.svg").exists());
    }
}

// ---- a billion trials at p = 1e-9 --------------------------------------------------------

/// Reference values computed with mpmath 1.3.0 at 50 digits, p being the double nearest 1e-9
/// (exactly `mpf(1e-9)`):
/// * Bernoulli, n = 1e9, one success: ln p + (n − 1)·ln(1 − p) = −21.723265836446412.
/// * Binomial, M = 1e9, one observation k = 1: ln C(M, 1) + ln p + (M − 1)·ln(1 − p)
///   = −0.9999999995. (scipy.stats.binom.logpmf(1, 1e9, 1e-9) gives −0.99999923: scipy's
///   gammaln differences lose the digits this test is about.)
/// * Geometric, one observation k = 1e9: ln p + (k − 1)·ln(1 − p) = −21.723265836446412
///   (scipy.stats.geom.logpmf agrees).
#[test]
fn a_billion_trials_at_p_1e_9_lose_no_digits() {
    let p = 1e-9;
    let mut stats = SufficientStats::default();
    stats.n = 1_000_000_000;
    stats.sum.add(1.0);
    assert_rel(Bernoulli.ll(&stats, p), -21.723265836446412, 1e-14);
    let one_trial = Binomial::new(1).unwrap();
    assert_rel(one_trial.ll(&stats, p), -21.723265836446412, 1e-14);
    assert_eq!(Bernoulli.mle(&stats), Some(1e-9));

    let billion = Binomial::new(1_000_000_000).unwrap();
    let stats = stats_of(&billion, &[1.0]);
    assert_rel(billion.ll(&stats, p), -0.9999999995, 1e-14);
    assert_rel(billion.ln_f(1.0, p), -0.9999999995, 1e-14);

    let mut stats = SufficientStats::default();
    stats.n = 1;
    stats.sum.add(1e9);
    assert_rel(Geometric.ll(&stats, p), -21.723265836446412, 1e-14);
    assert_rel(Geometric.ln_f(1e9, p), -21.723265836446412, 1e-14);
    assert_eq!(Geometric.mle(&stats), Some(1e-9));
}

#[test]
fn the_log_factorial_of_a_trillion_is_exact_to_the_last_digits() {
    // Poisson k = 1e12 at λ = 1: −1 − ln(10¹²!) = −26631021115944.28 (mpmath loggamma).
    let stats = stats_of(&Poisson, &[1e12]);
    assert_rel(Poisson.ll(&stats, 1.0), -26631021115944.28, 1e-15);
}

// ---- grids on the boundary and slivers ------------------------------------------------------

#[test]
fn grids_that_touch_the_support_boundary_mark_the_infinite_ends() {
    // (args, data, whether LL is −∞ at the first and at the last grid point)
    let cases: [(&[&str], &str, bool, bool); 4] = [
        (
            &["--dist", "bernoulli", "--range=0:1"],
            "1\n0\n0\n",
            true,
            true,
        ),
        (
            &["--dist", "geometric", "--range=0:1"],
            "1\n3\n",
            true,
            true,
        ),
        (
            &["--dist", "poisson", "--range=0:10"],
            "2\n5\n",
            true,
            false,
        ),
        (
            &["--dist", "exponential", "--range=0:3"],
            "0.5\n2\n",
            true,
            false,
        ),
    ];
    for (args, data, first, last) in cases {
        let run = run(args, Some(data), false);
        assert_readable_figure(&run);
        let rows = run.csv();
        assert_eq!(rows[0].1 == f64::NEG_INFINITY, first, "{args:?}");
        assert_eq!(rows[999].1 == f64::NEG_INFINITY, last, "{args:?}");
        assert!(rows[1..999].iter().all(|r| r.1.is_finite()), "{args:?}");
        // The CSV writes the infinities so that numpy/pandas read them back.
        assert!(run.read("f.csv").contains(",-inf,inf\n"));
        // Each panel marks where its curve leaves for ∞: "−∞" on LL, "+∞" on NLL.
        let svg = run.read("f.svg");
        assert!(
            svg.contains(">\n−∞\n</text>") || svg.contains(">−∞</text>"),
            "{args:?}"
        );
        assert!(
            svg.contains(">\n+∞\n</text>") || svg.contains(">+∞</text>"),
            "{args:?}"
        );
    }
}

#[test]
fn a_range_1e_12_wide_has_distinct_readable_ticks() {
    let run = run(
        &["--dist", "normal", "--range=0.3:0.300000000001"],
        None,
        true,
    );
    assert_readable_figure(&run);
    let svg = run.read("f.svg");
    // The ticks are offsets from 0.3 in units of 10⁻¹², which the axis title names (before:
    // six labels "0.3").
    let texts: Vec<String> = svg_texts(&svg).into_iter().map(|t| t.3).collect();
    assert!(texts.iter().any(|t| t == "μ − 0.3 (× 10⁻¹²)"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "0.2"), "{texts:?}");
    let rows = run.csv();
    assert_eq!(rows[0].0, 0.3);
    assert_eq!(rows[999].0, 0.300000000001);
    assert!(rows.windows(2).all(|w| w[0].0 <= w[1].0));
    // The same sliver around the estimate itself, where LL is flat to 1e-22: it is drawn
    // as a flat line on a readable axis, not as magnified rounding noise.
    let centred = run_at_estimate();
    assert_readable_figure(&centred);
}

fn run_at_estimate() -> Run {
    // x̄ = 0.1 + 0.4/2 = 0.30000000000000004, inside the sliver.
    run(
        &["--dist", "normal", "--range=0.3:0.300000000001"],
        Some("0.1\n0.5\n"),
        false,
    )
}

#[test]
fn the_command_reports_on_one_line_for_every_edge_case_error() {
    for (args, data) in [
        (&["--dist", "poisson"][..], "1e300\n"),
        (&["--dist", "exponential"][..], "0\n0\n"),
        (&["--dist", "geometric"][..], "0\n"),
        (&["--dist", "bernoulli", "--range=0.3:0.3"][..], "1\n"),
    ] {
        let run = run(args, Some(data), false);
        assert!(run.code == 1 || run.code == 2, "{args:?}: {}", run.code);
        assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(!run.path("f.svg").exists());
    }
}

#[test]
fn poisson_ll_of_a_count_of_2_to_the_53_does_not_cancel_to_zero() {
    // ln P(K = k; λ = k) for k = 2⁵³, from mpmath at 50 digits:
    //   k·ln k − k − loggamma(k + 1) = −19.28733881804322345058883949359…
    // (python3 -c "from mpmath import *; mp.dps=50; k=mpf(2)**53;
    //  print(k*log(k)-k-loggamma(k+1))"); the old formula gave 0.
    let sb = Sandbox::new();
    sb.write("top.txt", "9007199254740992\n");
    sb.run_ok(&[
        "-q", "--dist", "poisson", "--data", "top.txt", "--json", "s.json",
    ]);
    let json = sb.json("s.json");
    assert_close(num(&json, "ll_max"), -19.287338818043223, 1e-13, "LL(λ̂)");
    // Small counts keep their digits: 3, 5, 4, 2 at λ̂ = 3.5, mpmath:
    // Σ k·ln 3.5 − 3.5 − loggamma(k + 1) = −6.91177066398283998449…
    sb.write("small.txt", "3\n5\n4\n2\n");
    sb.run_ok(&[
        "-q",
        "--dist",
        "poisson",
        "--data",
        "small.txt",
        "--json",
        "t.json",
    ]);
    assert_close(
        num(&sb.json("t.json"), "ll_max"),
        -6.91177066398284,
        1e-14,
        "LL(λ̂)",
    );
}

#[test]
fn student_t_ll_of_data_at_plus_minus_1e308_is_finite() {
    // t(ν = 3) log-density summed over 1e308, −1e308 and 0 at μ = 0, from mpmath at 50 digits
    // (scipy.stats.t.logpdf's formula, lgamma(2) − lgamma(1.5) − ½·ln(3π) − 2·ln(1 + x²/3)):
    // −5672.17788653152665578602141693965…; the old evaluation squared 1e308 into ∞.
    let sb = Sandbox::new();
    sb.write("far.txt", "1e308\n-1e308\n0\n");
    sb.run_ok(&[
        "-q",
        "--dist",
        "student-t",
        "--data",
        "far.txt",
        "--json",
        "s.json",
        "--csv",
        "s.csv",
    ]);
    let json = sb.json("s.json");
    assert_close(num(&json, "ll_max"), -5672.177886531527, 1e-13, "LL(μ̂)");
    assert!(sb.csv("s.csv").rows.iter().all(|r| r.ll.is_finite()));
    // Two points ±1e308 and a range between them as wide as a double allows (a range from
    // −1e308 to 1e308 is refused: its width overflows): every grid point finite, no NaN.
    sb.write("two.txt", "1e308\n-1e308\n");
    sb.run_ok(&[
        "-q",
        "--dist",
        "student-t",
        "--data",
        "two.txt",
        "--range=-8e307:8e307",
        "--points",
        "5",
        "--csv",
        "t.csv",
        "--out",
        "t.svg",
    ]);
    let csv = sb.csv("t.csv");
    assert!(
        csv.rows
            .iter()
            .all(|r| r.theta.is_finite() && r.ll.is_finite()),
        "{csv:?}"
    );
    // mpmath at 50 digits, the formula above at μ = 8e307 (x − μ = 2e307 and −1.8e308):
    // −5667.09039269177522060995…
    assert_close(csv.rows[4].ll, -5667.090392691775, 1e-13, "LL(8e307)");
}
