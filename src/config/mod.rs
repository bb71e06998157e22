//! From what the user asked for ([`Request`]) to what will be done ([`Config`]).
//!
//! Every domain error is caught here, before any sampling, reading or drawing, so that a bad
//! invocation costs nothing and leaves nothing behind. The command line builds a `Request`
//! from its arguments; a library user builds one directly (it has sensible defaults).

mod budget;
mod lab;
mod optimize;
mod plans;
mod priors;
mod request;
mod roles;
mod user;

use crate::axis::Axis;
use crate::digits::shortest;
use crate::error::{Error, Result};
use crate::family::{Known, ParamSpace};
use crate::labels::Labels;
use crate::model::{self, Likelihood};
pub use crate::target::Target;
use crate::theme::{Layout, Theme};
use crate::typeset::font::{Faces, FontFile};
use crate::units::{Length, PX_PER_INCH};
pub use budget::{parse_size, Limits, DEFAULT_MEMORY_LIMIT, MAX_KEPT, MAX_SECONDS};
pub use lab::MAX_COVERAGE;
pub use optimize::{optimizer_defaults, OptimizeMethod, Optimizer, MAX_STEPS};
use plans::{
    check_animation, check_overlay, check_range, check_tex_size, check_text, plan_outputs,
};
pub use request::*;
use std::path::Path;
use std::sync::Arc;
pub use user::BoundArg;

/// Synthetic data or observations.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// `n` draws at the true value of every parameter (fixed ones at their values), from
    /// `seed`.
    Sample {
        n: u64,
        truth: Vec<f64>,
        seed: u64,
    },
    Data(DataSource),
}

impl Source {
    /// How errors about the observations name them: the data file, or "the sample of n = 10".
    pub fn name(&self) -> String {
        match self {
            // The size too: under -n 10,100,1000 or --animate n=… it says which sample.
            Source::Sample { n, .. } => format!("the sample of n = {n}"),
            Source::Data(source) => source.name(),
        }
    }
}

/// The kinds of file nllplot writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    Csv,
    Json,
    /// A self-contained interactive page with sliders for n and the true θ.
    Html,
    /// An animated figure (`--animate`).
    Gif,
    /// A pgfplots picture for LaTeX documents, its text set in the document's font.
    Tex,
    /// A self-contained Typst figure, its text set in the document's font.
    Typ,
}

impl Format {
    /// The figure format named by a path's extension, if it is one we draw.
    fn figure_from(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "html" | "htm" => Some(Format::Html),
            "gif" => Some(Format::Gif),
            "pdf" => Some(Format::Pdf),
            "tex" => Some(Format::Tex),
            "typ" => Some(Format::Typ),
            _ => None,
        }
    }
}

/// One output to write: a file (followed through links) or standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub target: Target,
    pub format: Format,
}

/// How the figure looks.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureOptions {
    /// The size, in the units it was given in (CSS pixels by default).
    pub width: Length,
    pub height: Length,
    pub title: Option<String>,
    pub theme: Theme,
    pub layout: Layout,
    /// PNG pixels per inch, before `png_scale`.
    pub dpi: f64,
    pub png_scale: f64,
    pub text_as_paths: bool,
    pub annotations: Annotations,
    pub y: YScale,
    /// A `--font` drawn before the bundled font.
    pub font: Option<Arc<FontFile>>,
    /// `--font-size`: tick and mark labels' size in points; `None` follows the figure's size.
    pub font_size: Option<f64>,
    /// `--label` templates replacing figure text.
    pub labels: Labels,
    /// Whether the legend is drawn (`--no-legend` clears it).
    pub legend: bool,
    /// Whether the footer caption is drawn (`--no-caption` clears it).
    pub caption: bool,
}

/// A checked plan: everything in it is known to be valid.
#[derive(Debug)]
pub struct Config {
    /// The model with each parameter's role.
    pub likelihood: Likelihood,
    pub source: Source,
    /// One range per swept parameter; `None`: the default window around the MLE, chosen once
    /// the data are known. A curve's range is in the plotted coordinate's units.
    pub ranges: Vec<Option<(f64, f64)>>,
    /// Grid points of a curve.
    pub points: usize,
    /// Grid points along each axis of a surface.
    pub points_2d: usize,
    /// The plotted coordinate of the first swept parameter.
    pub axis: Axis,
    /// Confidence level of the intervals, in (0, 1).
    pub level: f64,
    pub figure: FigureOptions,
    pub outputs: Vec<Output>,
    /// Sample sizes of a `-n` list, ascending, largest equal to the main sample (else empty).
    pub overlay: Vec<u64>,
    /// Set for `--animate`.
    pub animation: Option<Animation>,
    /// The memory budget and caps the plan was checked against (the data reader holds a file
    /// to them too).
    pub limits: Limits,
    /// Things asked for that the figure will not show as asked (a repeated size in a `-n`
    /// list), one sentence each: the command prints them as `warning: …` lines on stderr and
    /// draws the figure anyway.
    pub warnings: Vec<String>,
    /// The `.tex` picture's size, as TeX lengths.
    pub tex: TexSize,
    /// How a data file is laid out (`--column`, `--decimal-comma`).
    pub data_format: crate::data::DataFormat,
    /// One prior (or none) per model parameter (`--prior`), in the model's order.
    pub priors: Vec<Option<crate::prior::PriorDist>>,
    /// Draw the exact posterior of a conjugate prior (`--posterior`).
    pub posterior: bool,
    /// The optimiser whose path is drawn (`--optimize`).
    pub optimizer: Option<Optimizer>,
    /// `--test θ₀`: the three tests of θ = θ₀ drawn on the curve (in the parameter itself).
    pub test: Option<f64>,
    /// `--coverage R`: the coverage lab's number of synthetic data sets.
    pub coverage: Option<u64>,
}

/// The size of a `.tex` picture in TeX lengths (`0.48\textwidth`, `8cm`), which only LaTeX
/// can resolve: the document decides what a text width is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TexSize {
    pub width: String,
    /// `None`: the width times the figure's aspect ratio.
    pub height: Option<String>,
}

/// A checked animation: frame k varies the sample size or the true θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Animation {
    pub what: AnimateArg,
    pub frames: usize,
    pub fps: f64,
}

impl Config {
    /// Checks every option against the others and against the family.
    pub fn from_request(req: Request) -> Result<Config> {
        let usage = |msg: String| Error::Usage(msg);
        let mut warnings = Vec::new();
        let known = Known {
            trials: req.trials,
            sigma: req.sigma,
            shape: req.shape,
            mu: req.mu,
            r: req.r,
            b: req.b,
            scale: req.scale,
            nu: req.nu,
        };
        if req.draw.is_some() && req.logf.is_none() {
            return Err(usage(
                "--draw names the family that draws the data of a user's model: add --logf EXPR, or name the family with --dist".to_string(),
            ));
        }
        let (model, drawn_truth) = match &req.logf {
            Some(text) => user::build(&req, text)?,
            None => (model::build(req.dist, known).map_err(usage)?, None),
        };
        let roles::Roles { likelihood, ranges } = roles::plan_roles(&req, model)?;
        if let (None, Some(columns), Some(data)) =
            (&req.logf, likelihood.model.columns(), &req.data)
        {
            // A regression model's rows: the header is checked before any work.
            if req.data_format != crate::data::DataFormat::default() {
                return Err(usage(format!(
                    "--column and --decimal-comma describe a one-column data file; --dist {} reads the columns {} by name",
                    req.dist,
                    columns.join(",")
                )));
            }
            crate::table::check_columns(data, columns, likelihood.model.name())?;
        }

        if req.data_format != crate::data::DataFormat::default() {
            if req.data.is_none() {
                return Err(usage(
                    "--column and --decimal-comma describe a data file and need --data".to_string(),
                ));
            }
            if req.logf.is_some() {
                return Err(usage(
                    "--column and --decimal-comma apply to a built-in family's --data; a --logf model reads its columns by name".to_string(),
                ));
            }
        }
        let source = match req.data.clone() {
            Some(data) => {
                if req.samples.is_some()
                    || req.theta_true.is_some()
                    || !req.true_values.is_empty()
                    || req.true2.is_some()
                    || req.seed.is_some()
                {
                    return Err(usage(
                        "--samples, --true, --true2 and --seed describe synthetic data and cannot be used with --data"
                            .to_string(),
                    ));
                }
                Source::Data(data)
            }
            None => {
                let n = req.samples.unwrap_or(defaults::SAMPLES);
                if n == 0 {
                    return Err(usage("--samples must be at least 1".to_string()));
                }
                if n > 1 << 53 {
                    // n enters every formula as a double: above 2⁵³ it would be rounded.
                    return Err(usage(format!(
                        "--samples {n} is above 2^53 = 9007199254740992, the largest count a double holds exactly"
                    )));
                }
                Source::Sample {
                    n,
                    truth: match drawn_truth {
                        Some(truth) => truth,
                        None => roles::plan_truth(&req, &likelihood)?,
                    },
                    seed: req.seed.unwrap_or(defaults::SEED),
                }
            }
        };

        let axis = match (&likelihood.family, req.param) {
            (Some(family), parameterization) => Axis::new(family.as_ref(), parameterization)
                .ok_or_else(|| {
                    usage(format!(
                        "{} is not an exponential family: it has no natural parameter for --param natural",
                        req.dist
                    ))
                })?,
            (None, crate::axis::Parameterization::Mean) => {
                let p = likelihood.swept_param(0);
                Axis::plain(&p.symbol, &p.hat)
            }
            (None, crate::axis::Parameterization::Natural) => {
                return Err(usage(
                    "--param natural sweeps the natural parameter of a one-parameter exponential family: it cannot be combined with --profile, a second swept parameter or a sweep of another parameter"
                        .to_string(),
                ))
            }
        };
        let ranges = ranges
            .iter()
            .enumerate()
            .map(|(k, r)| {
                r.map(|r| {
                    check_range(
                        r,
                        &likelihood,
                        k,
                        &axis,
                        if k == 0 { "--range" } else { "--range2" },
                    )
                })
                .transpose()
            })
            .collect::<Result<Vec<_>>>()?;
        if !(req.level > 0.0 && req.level < 1.0) {
            return Err(usage(format!(
                "--level must lie strictly between 0 and 1, not {}",
                shortest(req.level)
            )));
        }
        let mut annotations = match &req.annotate {
            None => Annotations::DEFAULT,
            Some(names) => Annotations::parse(names).map_err(usage)?,
        };
        if likelihood.model.row_width() == 1 {
            // Only a regression model has rows to show; `data` named for another is an error,
            // `all` and the default just have no data panel.
            if req.annotate.iter().flatten().any(|a| a.trim() == "data") {
                return Err(usage(format!(
                    "--annotate data draws the (x, y) rows of a regression model (--dist logistic or linear); {} has one value per observation",
                    likelihood.model.name()
                )));
            }
            annotations.data = false;
        }

        if req.points < 2 {
            return Err(usage(format!(
                "--points must be at least 2 (the two ends of the range), not {}",
                req.points
            )));
        }
        if req.points > MAX_POINTS {
            return Err(usage(format!(
                "--points must be at most {MAX_POINTS}, not {}",
                req.points
            )));
        }
        let theme = req.theme.theme();
        let surface = likelihood.swept.len() == 2;
        if surface && !matches!(req.layout, Layout::SideBySide | Layout::Stacked) {
            return Err(usage(format!(
                "--layout {} has no meaning for a surface (--sweep A,B): it is drawn side-by-side with its profiles, or stacked above them",
                req.layout.name()
            )));
        }
        let (default_w, default_h) = if surface {
            theme.surface_size(req.layout)
        } else {
            theme.default_size(req.layout)
        };
        let (width, height) = (
            req.width.unwrap_or(default_w),
            req.height.unwrap_or(default_h),
        );
        if !(req.dpi.is_finite() && (10.0..=2400.0).contains(&req.dpi)) {
            return Err(usage(format!(
                "--dpi must be between 10 and 2400, not {}",
                shortest(req.dpi)
            )));
        }
        if !(req.png_scale.is_finite() && req.png_scale > 0.0 && req.png_scale <= 16.0) {
            return Err(usage(format!(
                "--png-scale must be above 0 and at most 16, not {}",
                shortest(req.png_scale)
            )));
        }
        for (name, v) in [("--width", width), ("--height", height)] {
            if v.value <= 0.0 {
                return Err(usage(format!("{name} must be positive, not {v}")));
            }
            if !(MIN_SIZE..=MAX_SIZE).contains(&v.to_px()) {
                return Err(usage(format!(
                    "{name} must be between {MIN_SIZE} and {MAX_SIZE} px ({:.3} to {:.0} in), not {v}",
                    MIN_SIZE / PX_PER_INCH,
                    MAX_SIZE / PX_PER_INCH
                )));
            }
            let pixels = v.to_px() / PX_PER_INCH * req.dpi * req.png_scale;
            if pixels > MAX_PIXELS {
                return Err(usage(format!(
                    "{name} {v} at --dpi {} and --png-scale {} would be {pixels:.0} PNG pixels; at most {MAX_PIXELS} are drawn",
                    shortest(req.dpi), shortest(req.png_scale)
                )));
            }
        }

        let (font, font_size, mut labels) = check_text(&req, &theme, width, height, surface)?;
        if !surface && req.y != YScale::Delta && labels.get("nll-y").is_none() {
            // A model whose NLL is a named loss says so on the NLL axis, unless told otherwise.
            let fixed: Vec<Option<f64>> = likelihood
                .roles
                .iter()
                .map(|r| match r {
                    model::Role::Fixed(v) => Some(*v),
                    _ => None,
                })
                .collect();
            if let Some(title) = likelihood.model.loss_title(req.y == YScale::PerObs, &fixed) {
                labels.insert("nll-y", &title).map_err(usage)?;
            }
        }
        let outputs = plan_outputs(&req, &source, font.as_deref().map(FontFile::path))?;
        if annotations.data && !surface {
            if let Some(out) = outputs
                .iter()
                .find(|o| matches!(o.format, Format::Tex | Format::Typ))
            {
                return Err(usage(format!(
                    "'{}': the .tex and .typ pictures draw the likelihood panels only, not a regression model's data panel; leave data out of --annotate (e.g. --annotate mle,truth,interval) or write .svg, .png or .pdf",
                    out.target
                )));
            }
        }
        if let Some(out) = outputs
            .iter()
            .find(|o| matches!(o.format, Format::Png | Format::Gif))
        {
            // The rounding of the raster backend (render::png::pixels_of).
            let factor = req.dpi / PX_PER_INCH * req.png_scale;
            for (name, v) in [("--width", width), ("--height", height)] {
                let pixels = (v.to_px() * factor).round();
                if pixels < MIN_PIXELS {
                    return Err(usage(format!(
                        "'{}' would be {pixels} pixels across its {}: {name} {v} at --dpi {} and --png-scale {} leaves nothing readable; a raster figure needs at least {MIN_PIXELS} pixels a side (raise --dpi or --png-scale)",
                        out.target,
                        if name == "--width" { "width" } else { "height" },
                        shortest(req.dpi),
                        shortest(req.png_scale)
                    )));
                }
            }
        }
        let tex = check_tex_size(&req)?;
        if !(3..=1001).contains(&req.points_2d) {
            return Err(usage(format!(
                "--points-2d must be between 3 and 1001, not {}",
                req.points_2d
            )));
        }
        if surface {
            if let Some(out) = outputs
                .iter()
                .find(|o| matches!(o.format, Format::Html | Format::Gif))
            {
                return Err(usage(format!(
                    "'{}': interactive pages and animations show one swept parameter; a surface (--sweep A,B) is drawn as .svg, .png or .pdf",
                    out.target
                )));
            }
        }
        let overlay = check_overlay(&req, &source, &mut warnings)?;
        if surface && !overlay.is_empty() {
            return Err(usage(
                "a list of sample sizes (-n 10,100,1000) overlays curves of one swept parameter; a surface takes one n"
                    .to_string(),
            ));
        }
        // Grids and marks a figure of the other kind would use: said, not silently dropped.
        if surface {
            let mut ignored = Vec::new();
            if req.points != defaults::POINTS {
                ignored.push("--points (its grid is --points-2d)");
            }
            if req.annotate.is_some() {
                ignored.push("--annotate");
            }
            if req.y != YScale::Absolute {
                ignored.push("--y (it shows ΔNLL)");
            }
            if !ignored.is_empty() {
                warnings.push(format!(
                    "a surface (--sweep A,B) ignores {}",
                    ignored.join(", ")
                ));
            }
        } else if req.points_2d != defaults::POINTS_2D {
            warnings.push(
                "--points-2d sets the grid of a surface (--sweep A,B); a curve's grid is --points"
                    .to_string(),
            );
        }
        let optimizer = optimize::check_optimizer(&req, &likelihood, &overlay, &outputs)?;
        let animation = check_animation(&req, &source, &likelihood, &outputs, optimizer.as_ref())?;
        let test = lab::check_test(&req, &likelihood, &axis, ranges[0], &outputs)?;
        let coverage =
            lab::check_coverage(&req, &likelihood, &source, &axis, &outputs, &mut warnings)?;
        // Curves of different n differ by orders of magnitude in LL: overlays and animations
        // over n are drawn as ΔNLL unless per-observation units were asked for.
        let grows_n = matches!(
            animation,
            Some(Animation {
                what: AnimateArg::N(..),
                ..
            })
        );
        let y = if (!overlay.is_empty() || grows_n) && req.y == YScale::Absolute {
            YScale::Delta
        } else {
            req.y
        };
        let priors = priors::check_priors(
            &req.prior,
            req.posterior,
            &likelihood,
            priors::Figure {
                surface,
                overlay: !overlay.is_empty(),
                animation: animation.is_some(),
                natural: axis.is_natural(),
                page: outputs
                    .iter()
                    .find(|o| o.format == Format::Html)
                    .map(|o| o.target.to_string()),
            },
        )?;
        let config = Config {
            likelihood,
            source,
            ranges,
            points: req.points,
            points_2d: req.points_2d,
            axis,
            level: req.level,
            figure: FigureOptions {
                width,
                height,
                title: req.title,
                theme,
                layout: req.layout,
                dpi: req.dpi,
                png_scale: req.png_scale,
                text_as_paths: req.text_as_paths,
                annotations,
                y,
                font,
                font_size,
                labels,
                legend: !req.no_legend,
                caption: !req.no_caption,
            },
            outputs,
            overlay,
            animation,
            limits: req.limits,
            warnings,
            tex,
            data_format: req.data_format,
            priors,
            posterior: req.posterior,
            optimizer,
            test,
            coverage,
        };
        budget::check_budget(&config, surface)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::Dist;

    fn check(req: Request) -> std::result::Result<Config, String> {
        Config::from_request(req).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_are_the_canonical_bernoulli_figure() {
        let config = check(Request::default()).unwrap();
        assert_eq!(config.likelihood.model.name(), "bernoulli");
        assert_eq!(
            config.source,
            Source::Sample {
                n: 100,
                truth: vec![0.3],
                seed: 42
            }
        );
        assert_eq!(
            config.outputs[0].target,
            Target::File("output/bernoulli.svg".into())
        );
        assert_eq!(config.points, 1000);
    }

    #[test]
    fn ranges_parse_with_negative_bounds() {
        assert_eq!(
            "-3.5:2e1".parse::<RangeArg>().unwrap(),
            RangeArg { lo: -3.5, hi: 20.0 }
        );
        assert!("0.1-0.9".parse::<RangeArg>().is_err());
        assert!("a:1".parse::<RangeArg>().is_err());
    }

    #[test]
    fn bad_ranges_are_usage_errors() {
        for (dist, lo, hi, says) in [
            (Dist::Bernoulli, 0.9, 0.1, "reversed"),
            (Dist::Bernoulli, 0.5, 0.5, "reversed"),
            (Dist::Bernoulli, -0.1, 0.5, "parameter space"),
            (Dist::Poisson, -1.0, 3.0, "parameter space"),
            (Dist::Normal, f64::NEG_INFINITY, 3.0, "finite"),
        ] {
            let err = Config::from_request(Request {
                dist,
                range: Some(RangeArg { lo, hi }),
                ..Request::default()
            })
            .unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains(says), "{err}");
        }
    }

    #[test]
    fn domain_errors_name_the_option() {
        let cases = [
            (
                Request {
                    samples: Some(0),
                    ..Request::default()
                },
                "--samples",
            ),
            (
                Request {
                    theta_true: Some(1.5),
                    ..Request::default()
                },
                "--true 1.5",
            ),
            (
                Request {
                    dist: Dist::Normal,
                    sigma: -1.0,
                    ..Request::default()
                },
                "--sigma",
            ),
            (
                Request {
                    dist: Dist::Gamma,
                    shape: 0.0,
                    ..Request::default()
                },
                "--shape must be positive and finite, not 0",
            ),
            (
                Request {
                    dist: Dist::NormalSd,
                    mu: f64::NAN,
                    ..Request::default()
                },
                "--mu must be finite",
            ),
            (
                Request {
                    dist: Dist::NegativeBinomial,
                    r: -2.0,
                    ..Request::default()
                },
                "--r must be positive",
            ),
            (
                Request {
                    dist: Dist::LogNormal,
                    sigma: f64::INFINITY,
                    ..Request::default()
                },
                "--sigma must be positive and finite",
            ),
            (
                Request {
                    dist: Dist::Beta,
                    b: 0.0,
                    ..Request::default()
                },
                "--b must be positive",
            ),
            (
                Request {
                    dist: Dist::Cauchy,
                    scale: -1.0,
                    ..Request::default()
                },
                "--scale must be positive",
            ),
            (
                Request {
                    dist: Dist::Laplace,
                    scale: 0.0,
                    ..Request::default()
                },
                "--scale must be positive",
            ),
            (
                Request {
                    dist: Dist::StudentT,
                    nu: 0.0,
                    ..Request::default()
                },
                "--nu must be positive",
            ),
            (
                Request {
                    dist: Dist::StudentT,
                    scale: f64::NAN,
                    ..Request::default()
                },
                "--scale must be positive",
            ),
            (
                Request {
                    dist: Dist::Uniform,
                    theta_true: Some(0.0),
                    ..Request::default()
                },
                "--true 0 is not a valid θ for uniform",
            ),
            (
                Request {
                    points: 1,
                    ..Request::default()
                },
                "--points",
            ),
            (
                Request {
                    out: vec!["fig.jpg".into()],
                    ..Request::default()
                },
                ".svg, .png, .pdf, .html, .gif, .tex or .typ",
            ),
            (
                Request {
                    data: Some(DataSource::File("d.txt".into())),
                    seed: Some(1),
                    ..Request::default()
                },
                "--data",
            ),
            (
                Request {
                    data: Some(DataSource::File("d.txt".into())),
                    csv: Some("./d.txt".into()),
                    ..Request::default()
                },
                "refusing to overwrite the data file",
            ),
        ];
        for (req, says) in cases {
            let err = check(req).unwrap_err();
            assert!(err.contains(says), "'{err}' does not mention '{says}'");
        }
    }
}
