//! From what the user asked for ([`Request`]) to what will be done ([`Config`]).
//!
//! Every domain error is caught here, before any sampling, reading or drawing, so that a bad
//! invocation costs nothing and leaves nothing behind. The command line builds a `Request`
//! from its arguments; a library user builds one directly (it has sensible defaults).

mod plans;
mod request;

use crate::axis::Axis;
use crate::error::{Error, Result};
use crate::family::{self, Family, Known};
use crate::render::{Layout, Theme};
use crate::units::{Length, PX_PER_INCH};
use plans::{check_animation, check_overlay, check_range, plan_outputs, plan_surface};
pub use request::*;
use std::path::{Path, PathBuf};

/// Synthetic data or observations.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Sample { n: u64, theta: f64, seed: u64 },
    Data(DataSource),
}

impl Source {
    /// How errors about the observations name them: the data file, or "the sample".
    pub fn name(&self) -> String {
        match self {
            Source::Sample { .. } => "the sample".to_string(),
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
            _ => None,
        }
    }
}

/// One file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: PathBuf,
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
}

/// A checked plan: everything in it is known to be valid.
#[derive(Debug)]
pub struct Config {
    pub family: Box<dyn Family>,
    pub source: Source,
    /// `None`: the family's default window around the MLE, chosen once the data are known.
    pub range: Option<(f64, f64)>,
    pub points: usize,
    /// The plotted coordinate; `range` is in its units.
    pub axis: Axis,
    /// Confidence level of the intervals, in (0, 1).
    pub level: f64,
    pub figure: FigureOptions,
    pub outputs: Vec<Output>,
    /// Set when two parameters are swept together (`--sweep`).
    pub surface: Option<SurfacePlan>,
    /// Sample sizes of a `-n` list, ascending, largest equal to the main sample (else empty).
    pub overlay: Vec<u64>,
    /// Set for `--animate`.
    pub animation: Option<Animation>,
}

/// A checked animation: frame k varies the sample size or the true θ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Animation {
    pub what: AnimateArg,
    pub frames: usize,
    pub fps: f64,
}

/// Where a two-parameter sweep's observations come from.
#[derive(Debug, Clone, PartialEq)]
pub enum PairSource {
    /// n draws at the true (a, b), from `seed`.
    Sample { n: u64, truth: [f64; 2], seed: u64 },
    /// Observations read from a file or standard input.
    Data(DataSource),
}

impl PairSource {
    /// How errors about the observations name them: the data file, or "the sample".
    pub fn name(&self) -> String {
        match self {
            PairSource::Sample { .. } => "the sample".to_string(),
            PairSource::Data(source) => source.name(),
        }
    }
}

/// A checked two-parameter sweep.
#[derive(Debug)]
pub struct SurfacePlan {
    pub model: Box<dyn crate::surface::Pair>,
    pub source: PairSource,
    /// `None`: each parameter's default window.
    pub ranges: [Option<(f64, f64)>; 2],
    pub points: usize,
    /// Draw only the profile of parameter 0 or 1.
    pub profile_only: Option<usize>,
}

impl Config {
    /// Checks every option against the others and against the family.
    pub fn from_request(req: Request) -> Result<Config> {
        let usage = |msg: String| Error::Usage(msg);
        let family = family::build(
            req.dist,
            Known {
                trials: req.trials,
                sigma: req.sigma,
                shape: req.shape,
                mu: req.mu,
                r: req.r,
                b: req.b,
                scale: req.scale,
                nu: req.nu,
            },
        )
        .map_err(usage)?;
        let param = family.param().symbol;

        let source = match req.data.clone() {
            Some(data) => {
                if req.samples.is_some()
                    || req.theta_true.is_some()
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
                let theta = req.theta_true.unwrap_or_else(|| family.default_true());
                family.check_true(theta).map_err(|why| {
                    usage(format!(
                        "--true {theta} is not a valid {param} for {}: {why}",
                        req.dist
                    ))
                })?;
                Source::Sample {
                    n,
                    theta,
                    seed: req.seed.unwrap_or(defaults::SEED),
                }
            }
        };

        let axis = Axis::new(family.as_ref(), req.param).ok_or_else(|| {
            usage(format!(
                "{} is not an exponential family: it has no natural parameter for --param natural",
                req.dist
            ))
        })?;
        let range = match req.range {
            None => None,
            Some(r) => Some(check_range(r, family.as_ref(), &axis)?),
        };
        if !(req.level > 0.0 && req.level < 1.0) {
            return Err(usage(format!(
                "--level must lie strictly between 0 and 1, not {}",
                req.level
            )));
        }
        let annotations = match &req.annotate {
            None => Annotations::DEFAULT,
            Some(names) => Annotations::parse(names).map_err(usage)?,
        };

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
        let (default_w, default_h) = theme.default_size(req.layout);
        let (width, height) = (
            req.width.unwrap_or(default_w),
            req.height.unwrap_or(default_h),
        );
        if !(req.dpi.is_finite() && (10.0..=2400.0).contains(&req.dpi)) {
            return Err(usage(format!(
                "--dpi must be between 10 and 2400, not {}",
                req.dpi
            )));
        }
        if !(req.png_scale.is_finite() && req.png_scale > 0.0 && req.png_scale <= 16.0) {
            return Err(usage(format!(
                "--png-scale must be above 0 and at most 16, not {}",
                req.png_scale
            )));
        }
        for (name, v) in [("--width", width), ("--height", height)] {
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
                    req.dpi, req.png_scale
                )));
            }
        }

        let outputs = plan_outputs(&req, &source)?;
        let surface = match &req.sweep {
            None => {
                if req.profile.is_some() || req.range2.is_some() || req.true2.is_some() {
                    return Err(usage(
                        "--profile, --range2 and --true2 need two parameters: add --sweep A,B"
                            .to_string(),
                    ));
                }
                None
            }
            Some(names) => Some(plan_surface(&req, names, &source)?),
        };
        let overlay = check_overlay(&req, &source)?;
        let animation = check_animation(&req, &source, family.as_ref(), &outputs)?;
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
        Ok(Config {
            family,
            source,
            range,
            points: req.points,
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
            },
            outputs,
            surface,
            overlay,
            animation,
        })
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
        assert_eq!(config.family.dist(), Dist::Bernoulli);
        assert_eq!(
            config.source,
            Source::Sample {
                n: 100,
                theta: 0.3,
                seed: 42
            }
        );
        assert_eq!(config.outputs[0].path, Path::new("output/bernoulli.svg"));
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
                ".svg, .png, .pdf, .html or .gif",
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
