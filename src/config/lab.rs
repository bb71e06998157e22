//! The teaching options checked against the rest of the plan: `--test θ₀` (the three tests
//! drawn on the curve) and `--coverage R` (the coverage lab).
//!
//! Each refuses in one sentence what it cannot do as asked — a θ₀ outside the parameter
//! space or outside a given `--range`, a surface, an overlay, an exporter that does not draw
//! the marks — so a run never draws a figure that silently leaves the test out.

use super::*;

/// The largest `--coverage R`: a million data sets is far beyond what a histogram or a
/// coverage estimate (binomial SE 0.0002 at 10⁶) needs.
pub const MAX_COVERAGE: u64 = 1_000_000;

/// Checks `--test θ₀`: one curve of one swept parameter, θ₀ strictly inside the parameter
/// space (and inside `--range` when one is given; the default range widens to show θ₀), in
/// the parameter itself, on an exporter that draws the marks.
pub(super) fn check_test(
    req: &Request,
    likelihood: &Likelihood,
    axis: &Axis,
    range: Option<(f64, f64)>,
    outputs: &[Output],
) -> Result<Option<f64>> {
    let Some(theta0) = req.test else {
        return Ok(None);
    };
    let usage = |m: String| Err(Error::Usage(m));
    if likelihood.swept.len() != 1 {
        return usage(
            "--test tests one parameter on its likelihood curve; a surface (--sweep A,B) has two: sweep one and --profile the other".to_string(),
        );
    }
    if req.overlay.len() > 1 || req.animate.is_some() {
        return usage(
            "--test marks the tests on one curve: give one sample size (-n N) and no --animate"
                .to_string(),
        );
    }
    if axis.is_natural() {
        return usage(
            "--test draws the tests in the parameter itself (the Wald and score statistics depend on the coordinate): leave out --param natural".to_string(),
        );
    }
    let param = likelihood.swept_param(0);
    let space = param.space;
    if !theta0.is_finite() || theta0 <= space.lo || theta0 >= space.hi {
        return usage(format!(
            "--test {} must lie inside the parameter space of {} ({}), not on or beyond its edge",
            shortest(theta0),
            param.symbol,
            space.describe()
        ));
    }
    if let Some((lo, hi)) = range {
        if !(lo..=hi).contains(&theta0) {
            return usage(format!(
                "--test {} lies outside --range={}:{}; widen the range, or leave it out (the default range widens to show θ₀)",
                shortest(theta0),
                shortest(lo),
                shortest(hi)
            ));
        }
    }
    if let Some(out) = outputs.iter().find(|o| {
        !matches!(
            o.format,
            Format::Svg | Format::Png | Format::Pdf | Format::Csv | Format::Json
        )
    }) {
        return usage(format!(
            "'{}': the --test marks are drawn on .svg, .png and .pdf figures only (the .tex, .typ, .html and .gif exporters do not draw them)",
            out.target
        ));
    }
    Ok(Some(theta0))
}

/// Checks `--coverage R`: synthetic data of a built-in family with its one parameter swept
/// (the lab draws R data sets at the true θ and needs the family's closed-form expected
/// information), 1 ≤ R ≤ [`MAX_COVERAGE`], and only the outputs the lab writes.
pub(super) fn check_coverage(
    req: &Request,
    likelihood: &Likelihood,
    source: &Source,
    axis: &Axis,
    outputs: &[Output],
    warnings: &mut Vec<String>,
) -> Result<Option<u64>> {
    let Some(r) = req.coverage else {
        return Ok(None);
    };
    let usage = |m: String| Err(Error::Usage(m));
    if !matches!(source, Source::Sample { .. }) {
        return usage(
            "--coverage draws synthetic data sets at the true θ and cannot be used with --data"
                .to_string(),
        );
    }
    if !(1..=MAX_COVERAGE).contains(&r) {
        return usage(format!(
            "--coverage must be between 1 and {MAX_COVERAGE} data sets, not {r}"
        ));
    }
    if likelihood.family.is_none() || likelihood.swept.len() != 1 {
        return usage(
            "--coverage runs on a built-in family with its one parameter swept: no --profile, --logf or second swept parameter".to_string(),
        );
    }
    if axis.is_natural() {
        return usage(
            "--coverage works in the parameter itself: leave out --param natural".to_string(),
        );
    }
    if req.overlay.len() > 1 || req.animate.is_some() || req.test.is_some() {
        return usage(
            "--coverage draws its own figure: it cannot be combined with a list of sample sizes, --animate or --test".to_string(),
        );
    }
    if req.layout != Layout::SideBySide {
        warnings.push(format!(
            "the coverage lab draws its two histograms side by side; --layout {} is ignored",
            req.layout.name()
        ));
    }
    if let Some(out) = outputs.iter().find(|o| {
        !matches!(
            o.format,
            Format::Svg | Format::Png | Format::Pdf | Format::Json
        )
    }) {
        return usage(format!(
            "'{}': the coverage lab writes its figure as .svg, .png or .pdf and its numbers as --json (no .tex, .typ, .html, .gif or --csv)",
            out.target
        ));
    }
    Ok(Some(r))
}
