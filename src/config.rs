//! From what the user asked for ([`Request`]) to what will be done ([`Config`]).
//!
//! Every domain error is caught here, before any sampling, reading or drawing, so that a bad
//! invocation costs nothing and leaves nothing behind. The command line builds a `Request`
//! from its arguments; a library user builds one directly (it has sensible defaults).

use crate::axis::{Axis, Parameterization};
use crate::error::{Error, Result};
use crate::family::{self, Dist, Family, Known};
use crate::render::{Layout, Theme, ThemeName};
use crate::units::{Length, PX_PER_INCH};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Defaults shared by the library and the command line's `--help`.
pub mod defaults {
    pub const SAMPLES: u64 = 100;
    pub const SEED: u64 = 42;
    pub const POINTS: usize = 1000;
    pub const TRIALS: u64 = 10;
    pub const SIGMA: f64 = 1.0;
    pub const LEVEL: f64 = 0.95;
    /// PNG pixels per inch: 96 makes a CSS pixel one PNG pixel.
    pub const DPI: f64 = 96.0;
    /// The folder of the default figure, `output/<dist>.svg`.
    pub const OUTPUT_DIR: &str = "output";
}

/// Grids above this many points would only burn memory: a figure has ~10⁴ pixels across.
pub const MAX_POINTS: usize = 10_000_000;
/// Figures outside these sizes (CSS pixels, 1/96 in) are either unreadable or unreasonably
/// large.
pub const MIN_SIZE: f64 = 100.0;
pub const MAX_SIZE: f64 = 10_000.0;
/// The largest PNG side in pixels, whatever `--dpi` and `--png-scale` ask for.
pub const MAX_PIXELS: f64 = 30_000.0;

/// `LO:HI` as typed after `--range=`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeArg {
    pub lo: f64,
    pub hi: f64,
}

impl FromStr for RangeArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (lo, hi) = s
            .split_once(':')
            .ok_or_else(|| format!("'{s}' is not a range: expected LO:HI, e.g. 0.1:0.9"))?;
        let parse = |t: &str| {
            t.trim()
                .parse::<f64>()
                .map_err(|_| format!("'{t}' in range '{s}' is not a number"))
        };
        Ok(RangeArg {
            lo: parse(lo)?,
            hi: parse(hi)?,
        })
    }
}

impl fmt::Display for RangeArg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.lo, self.hi)
    }
}

/// Where observed data come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Stdin,
    File(PathBuf),
}

impl DataSource {
    /// `-` means standard input, anything else a file.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            DataSource::Stdin
        } else {
            DataSource::File(arg.to_path_buf())
        }
    }

    /// How messages and the summary name this source.
    pub fn name(&self) -> String {
        match self {
            DataSource::Stdin => "<stdin>".to_string(),
            DataSource::File(p) => p.display().to_string(),
        }
    }
}

/// The user's wishes, unchecked. `Request::default()` is the canonical Bernoulli figure.
#[derive(Debug, Clone)]
pub struct Request {
    pub dist: Dist,
    pub samples: Option<u64>,
    pub theta_true: Option<f64>,
    pub seed: Option<u64>,
    pub data: Option<DataSource>,
    pub range: Option<RangeArg>,
    pub points: usize,
    pub trials: u64,
    pub sigma: f64,
    /// Figures; the format follows the extension. Empty means `output/<dist>.svg`.
    pub out: Vec<PathBuf>,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
    /// Figure size; `None` takes the theme's size for the layout.
    pub width: Option<Length>,
    pub height: Option<Length>,
    pub title: Option<String>,
    pub theme: ThemeName,
    pub layout: Layout,
    /// PNG pixels per inch.
    pub dpi: f64,
    /// A factor on the PNG's pixel dimensions (and density).
    pub png_scale: f64,
    /// Write the SVG's text as outlines of the bundled font.
    pub text_as_paths: bool,
    /// Sweep θ itself or the natural parameter η.
    pub param: Parameterization,
    /// Confidence level of the likelihood-ratio and Wald intervals.
    pub level: f64,
    /// What to mark on the figure: names from [`Annotations::NAMES`], `all` or `none`;
    /// `None` for the default set.
    pub annotate: Option<Vec<String>>,
    /// What the y axes show.
    pub y: YScale,
}

impl Default for Request {
    fn default() -> Self {
        Request {
            dist: Dist::Bernoulli,
            samples: None,
            theta_true: None,
            seed: None,
            data: None,
            range: None,
            points: defaults::POINTS,
            trials: defaults::TRIALS,
            sigma: defaults::SIGMA,
            out: Vec::new(),
            csv: None,
            json: None,
            width: None,
            height: None,
            title: None,
            theme: ThemeName::Default,
            layout: Layout::SideBySide,
            dpi: defaults::DPI,
            png_scale: 1.0,
            text_as_paths: false,
            param: Parameterization::Mean,
            level: defaults::LEVEL,
            annotate: None,
            y: YScale::Absolute,
        }
    }
}

/// Synthetic data or observations.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Sample { n: u64, theta: f64, seed: u64 },
    Data(DataSource),
}

/// The kinds of file nllplot writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
    Pdf,
    Csv,
    Json,
}

impl Format {
    /// The figure format named by a path's extension, if it is one we draw.
    fn figure_from(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
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

/// What the y axes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YScale {
    /// LL and NLL themselves.
    #[default]
    Absolute,
    /// LL − LL(θ̂) and NLL − NLL(θ̂): curves of any n share a scale, and the interval
    /// threshold is the same number (1.92 at 95 %) on every figure.
    Delta,
    /// LL/n and NLL/n: the average per observation, which settles as n grows.
    PerObs,
}

impl YScale {
    pub const ALL: [YScale; 3] = [YScale::Absolute, YScale::Delta, YScale::PerObs];

    pub fn name(self) -> &'static str {
        match self {
            YScale::Absolute => "absolute",
            YScale::Delta => "delta",
            YScale::PerObs => "per-obs",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            YScale::Absolute => "LL(θ) and NLL(θ)",
            YScale::Delta => "LL(θ) − LL(θ̂) and ΔNLL(θ) = NLL(θ) − NLL(θ̂): one scale for any n",
            YScale::PerObs => "LL(θ)/n and NLL(θ)/n",
        }
    }
}

impl FromStr for YScale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        YScale::ALL
            .into_iter()
            .find(|y| y.name() == s)
            .ok_or_else(|| format!("unknown y scale '{s}' (expected absolute, delta or per-obs)"))
    }
}

/// The marks drawn over the curves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Annotations {
    /// θ̂: dashed vertical line and its value.
    pub mle: bool,
    /// The true θ of synthetic data: dotted vertical line.
    pub truth: bool,
    /// The likelihood-ratio interval: threshold line and shaded band.
    pub interval: bool,
    /// The quadratic (Wald) approximation NLL(θ̂) + ½J(θ − θ̂)², dashed.
    pub wald: bool,
    /// θ̂ ± SE as an error bar, with the value.
    pub se: bool,
}

impl Annotations {
    pub const NAMES: [&'static str; 5] = ["mle", "truth", "interval", "wald", "se"];

    /// What a figure shows when nothing is asked: the estimate, the truth and the interval.
    pub const DEFAULT: Annotations = Annotations {
        mle: true,
        truth: true,
        interval: true,
        wald: false,
        se: false,
    };

    const NONE: Annotations = Annotations {
        mle: false,
        truth: false,
        interval: false,
        wald: false,
        se: false,
    };

    /// Parses names (`all`, `none` and [`Annotations::NAMES`]).
    pub fn parse(names: &[String]) -> Result<Annotations, String> {
        let mut set = Annotations::NONE;
        for name in names {
            match name.trim() {
                "all" => {
                    set = Annotations {
                        mle: true,
                        truth: true,
                        interval: true,
                        wald: true,
                        se: true,
                    }
                }
                "none" => set = Annotations::NONE,
                "mle" => set.mle = true,
                "truth" => set.truth = true,
                "interval" => set.interval = true,
                "wald" => set.wald = true,
                "se" => set.se = true,
                other => {
                    return Err(format!(
                        "unknown annotation '{other}' for --annotate (expected {}, all or none)",
                        Annotations::NAMES.join(", ")
                    ))
                }
            }
        }
        Ok(set)
    }
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
            },
        )
        .map_err(usage)?;
        let param = family.param().symbol;

        let source = match req.data.clone() {
            Some(data) => {
                if req.samples.is_some() || req.theta_true.is_some() || req.seed.is_some() {
                    return Err(usage(
                        "--samples, --true and --seed describe synthetic data and cannot be used with --data"
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
                y: req.y,
            },
            outputs,
        })
    }
}

fn check_range(r: RangeArg, family: &dyn Family, axis: &Axis) -> Result<(f64, f64)> {
    let param = axis.symbol.as_str();
    if !r.lo.is_finite() || !r.hi.is_finite() {
        return Err(Error::Usage(format!("--range={r} must have finite bounds")));
    }
    if r.lo >= r.hi {
        return Err(Error::Usage(format!(
            "--range={r} is empty or reversed: LO must be below HI"
        )));
    }
    let space = family.space();
    if axis.is_natural() {
        let inside = |x: f64| {
            let theta = axis.theta(x);
            theta.is_finite() && space.contains(theta)
        };
        if !inside(r.lo) || !inside(r.hi) {
            return Err(Error::Usage(format!(
                "--range={r} leaves the natural parameter space of {param} for {}",
                family.dist()
            )));
        }
    } else if !space.contains(r.lo) || !space.contains(r.hi) {
        return Err(Error::Usage(format!(
            "--range={r} leaves the parameter space of {param} for {}, {}",
            family.dist(),
            space.describe()
        )));
    }
    Ok((r.lo, r.hi))
}

fn plan_outputs(req: &Request, source: &Source) -> Result<Vec<Output>> {
    let mut outputs = Vec::new();
    if req.out.is_empty() {
        outputs.push(Output {
            path: Path::new(defaults::OUTPUT_DIR).join(format!("{}.svg", req.dist)),
            format: Format::Svg,
        });
    }
    for path in &req.out {
        let format = Format::figure_from(path).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the figure format of '{}': the extension must be .svg, .png or .pdf",
                path.display()
            ))
        })?;
        outputs.push(Output {
            path: path.clone(),
            format,
        });
    }
    if let Some(path) = &req.csv {
        outputs.push(Output {
            path: path.clone(),
            format: Format::Csv,
        });
    }
    if let Some(path) = &req.json {
        outputs.push(Output {
            path: path.clone(),
            format: Format::Json,
        });
    }

    let data_path = match source {
        Source::Data(DataSource::File(p)) => Some(identity(p)),
        _ => None,
    };
    let mut seen: Vec<PathBuf> = Vec::new();
    for out in &outputs {
        if out.path.as_os_str().is_empty() || out.path.file_name().is_none() {
            return Err(Error::Usage(format!(
                "'{}' is not a file name to write to",
                out.path.display()
            )));
        }
        let id = identity(&out.path);
        if data_path.as_ref() == Some(&id) {
            return Err(Error::Usage(format!(
                "refusing to overwrite the data file '{}' with an output",
                out.path.display()
            )));
        }
        if seen.contains(&id) {
            return Err(Error::Usage(format!(
                "'{}' is named as an output twice",
                out.path.display()
            )));
        }
        seen.push(id);
    }
    Ok(outputs)
}

/// A path's identity for comparing outputs with each other and with the data: the canonical
/// folder (links resolved) joined with the file name, so `./a.txt` and `a.txt` are one file.
fn identity(path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default();
    parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf())
        .join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                ".svg, .png or .pdf",
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
