//! From what the user asked for ([`Request`]) to what will be done ([`Config`]).
//!
//! Every domain error is caught here, before any sampling, reading or drawing, so that a bad
//! invocation costs nothing and leaves nothing behind. The command line builds a `Request`
//! from its arguments; a library user builds one directly (it has sensible defaults).

use crate::error::{Error, Result};
use crate::family::{self, Dist, Family, Known};
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
    pub const SHAPE: f64 = 2.0;
    pub const MU: f64 = 0.0;
    pub const R: f64 = 5.0;
    pub const B: f64 = 2.0;
    pub const SCALE: f64 = 1.0;
    pub const NU: f64 = 3.0;
    pub const WIDTH: u32 = 1200;
    pub const HEIGHT: u32 = 500;
    /// The folder of the default figure, `output/<dist>.svg`.
    pub const OUTPUT_DIR: &str = "output";
}

/// Grids above this many points would only burn memory: a figure has ~10⁴ pixels across.
pub const MAX_POINTS: usize = 10_000_000;
/// Figures outside these pixel sizes are either unreadable or unreasonably large.
pub const MIN_SIZE: u32 = 200;
pub const MAX_SIZE: u32 = 10_000;

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
    /// Normal: σ; lognormal: σ of ln x.
    pub sigma: f64,
    /// Gamma: the shape k.
    pub shape: f64,
    /// Normal-sd: the mean μ.
    pub mu: f64,
    /// Negative binomial: the number of successes r.
    pub r: f64,
    /// Beta: the second shape b.
    pub b: f64,
    /// Cauchy, Laplace, Student t: the scale.
    pub scale: f64,
    /// Student t: the degrees of freedom ν.
    pub nu: f64,
    /// Figures; the format follows the extension. Empty means `output/<dist>.svg`.
    pub out: Vec<PathBuf>,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
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
            shape: defaults::SHAPE,
            mu: defaults::MU,
            r: defaults::R,
            b: defaults::B,
            scale: defaults::SCALE,
            nu: defaults::NU,
            out: Vec::new(),
            csv: None,
            json: None,
            width: defaults::WIDTH,
            height: defaults::HEIGHT,
            title: None,
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
    pub width: u32,
    pub height: u32,
    pub title: Option<String>,
}

/// A checked plan: everything in it is known to be valid.
#[derive(Debug)]
pub struct Config {
    pub family: Box<dyn Family>,
    pub source: Source,
    /// `None`: the family's default window around the MLE, chosen once the data are known.
    pub range: Option<(f64, f64)>,
    pub points: usize,
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

        let range = match req.range {
            None => None,
            Some(r) => Some(check_range(r, family.as_ref())?),
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
        for (name, v) in [("--width", req.width), ("--height", req.height)] {
            if !(MIN_SIZE..=MAX_SIZE).contains(&v) {
                return Err(usage(format!(
                    "{name} must be between {MIN_SIZE} and {MAX_SIZE} pixels, not {v}"
                )));
            }
        }

        let outputs = plan_outputs(&req, &source)?;
        Ok(Config {
            family,
            source,
            range,
            points: req.points,
            figure: FigureOptions {
                width: req.width,
                height: req.height,
                title: req.title,
            },
            outputs,
        })
    }
}

fn check_range(r: RangeArg, family: &dyn Family) -> Result<(f64, f64)> {
    let param = family.param().symbol;
    if !r.lo.is_finite() || !r.hi.is_finite() {
        return Err(Error::Usage(format!("--range={r} must have finite bounds")));
    }
    if r.lo >= r.hi {
        return Err(Error::Usage(format!(
            "--range={r} is empty or reversed: LO must be below HI"
        )));
    }
    let space = family.space();
    if !space.contains(r.lo) || !space.contains(r.hi) {
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
                "cannot tell the figure format of '{}': the extension must be .svg or .png",
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
                ".svg or .png",
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
