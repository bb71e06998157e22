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
    pub const POINTS_2D: usize = 161;
    pub const FRAMES: usize = 60;
    pub const FPS: f64 = 12.0;
    /// PNG pixels per inch: 96 makes a CSS pixel one PNG pixel.
    pub const DPI: f64 = 96.0;
    pub const SHAPE: f64 = 2.0;
    pub const MU: f64 = 0.0;
    pub const R: f64 = 5.0;
    pub const B: f64 = 2.0;
    pub const SCALE: f64 = 1.0;
    pub const NU: f64 = 3.0;
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
    /// Two parameters to sweep together, e.g. `["mu", "sigma"]`.
    pub sweep: Option<Vec<String>>,
    /// With `sweep`: draw only this parameter's profile likelihood.
    pub profile: Option<String>,
    /// With `sweep`: the range of the second parameter (`range` is the first's).
    pub range2: Option<RangeArg>,
    /// With `sweep`: the true value of the second parameter (`theta_true` is the first's).
    pub true2: Option<f64>,
    /// With `sweep`: grid points along each axis.
    pub points_2d: usize,
    /// Several sample sizes drawn as one curve each (nested samples of one stream); empty for
    /// one curve of `samples`.
    pub overlay: Vec<u64>,
    /// What an animated GIF varies from frame to frame.
    pub animate: Option<AnimateArg>,
    /// Frames of the animation.
    pub frames: usize,
    /// Frames per second of the animation.
    pub fps: f64,
}

/// `--animate n=10:1000` or `--animate true=0.1:0.9`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnimateArg {
    /// The sample size grows from the first to the second (nested samples).
    N(u64, u64),
    /// The true θ moves from the first to the second.
    True(f64, f64),
}

impl FromStr for AnimateArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not an animation: expected n=FROM:TO or true=FROM:TO");
        let (what, span) = s.split_once('=').ok_or_else(bad)?;
        let (a, b) = span.split_once(':').ok_or_else(bad)?;
        match what.trim() {
            "n" => {
                let parse = |t: &str| t.trim().parse::<u64>().map_err(|_| bad());
                Ok(AnimateArg::N(parse(a)?, parse(b)?))
            }
            "true" => {
                let parse = |t: &str| t.trim().parse::<f64>().map_err(|_| bad());
                Ok(AnimateArg::True(parse(a)?, parse(b)?))
            }
            _ => Err(bad()),
        }
    }
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
            sweep: None,
            profile: None,
            range2: None,
            true2: None,
            points_2d: defaults::POINTS_2D,
            overlay: Vec::new(),
            animate: None,
            frames: defaults::FRAMES,
            fps: defaults::FPS,
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

fn check_overlay(req: &Request, source: &Source) -> Result<Vec<u64>> {
    if req.overlay.len() < 2 {
        return Ok(Vec::new());
    }
    let Source::Sample { n, .. } = source else {
        return Err(Error::Usage(
            "a list of sample sizes (-n 10,100,1000) draws synthetic data and cannot be used with --data"
                .to_string(),
        ));
    };
    let mut sizes = req.overlay.clone();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes[0] == 0 {
        return Err(Error::Usage(
            "every sample size in -n must be at least 1".to_string(),
        ));
    }
    debug_assert_eq!(sizes.last(), Some(n));
    if sizes.len() > 8 {
        return Err(Error::Usage(format!(
            "-n lists {} sample sizes; at most 8 curves stay readable on one figure",
            sizes.len()
        )));
    }
    Ok(sizes)
}

fn check_animation(
    req: &Request,
    source: &Source,
    family: &dyn Family,
    outputs: &[Output],
) -> Result<Option<Animation>> {
    let usage = |m: String| Err(Error::Usage(m));
    let wants_gif = outputs.iter().any(|o| o.format == Format::Gif);
    let Some(what) = req.animate else {
        if wants_gif {
            return usage("a .gif output is an animation: say what moves with --animate n=FROM:TO or --animate true=FROM:TO".to_string());
        }
        return Ok(None);
    };
    if !wants_gif {
        return usage("--animate writes an animated GIF: add --out NAME.gif".to_string());
    }
    let Source::Sample { .. } = source else {
        return usage("--animate draws synthetic data and cannot be used with --data".to_string());
    };
    if !req.overlay.is_empty() && req.overlay.len() > 1 {
        return usage(
            "--animate and a list of sample sizes (-n A,B,…) cannot be combined".to_string(),
        );
    }
    match what {
        AnimateArg::N(a, b) => {
            if a == 0 || b <= a {
                return usage(format!(
                    "--animate n={a}:{b} must grow from at least 1 to a larger n"
                ));
            }
            if b > 100_000_000 {
                return usage(format!("--animate n=…:{b} is too large: at most 100000000"));
            }
        }
        AnimateArg::True(a, b) => {
            for t in [a, b] {
                family.check_true(t).map_err(|why| {
                    Error::Usage(format!(
                        "--animate true={a}:{b}: {t} is not a valid {}: {why}",
                        family.param().symbol
                    ))
                })?;
            }
            if a == b {
                return usage(format!("--animate true={a}:{b} does not move"));
            }
        }
    }
    if !(2..=600).contains(&req.frames) {
        return usage(format!(
            "--frames must be between 2 and 600, not {}",
            req.frames
        ));
    }
    if !(req.fps > 0.0 && req.fps <= 100.0) {
        return usage(format!("--fps must be in (0, 100], not {}", req.fps));
    }
    Ok(Some(Animation {
        what,
        frames: req.frames,
        fps: req.fps,
    }))
}

fn plan_surface(req: &Request, names: &[String], source: &Source) -> Result<SurfacePlan> {
    let usage = |m: String| Error::Usage(m);
    let model = crate::surface::build(req.dist.name(), names).map_err(usage)?;
    let source = match source {
        Source::Data(data) => PairSource::Data(data.clone()),
        &Source::Sample { n, seed, .. } => {
            let defaults = model.default_true();
            let truth = [
                req.theta_true.unwrap_or(defaults[0]),
                req.true2.unwrap_or(defaults[1]),
            ];
            model
                .check_true(truth)
                .map_err(|why| usage(format!("--true/--true2 {truth:?}: {why}")))?;
            PairSource::Sample { n, truth, seed }
        }
    };
    let space = model.space();
    let check = |r: Option<RangeArg>, k: usize, flag: &str| -> Result<Option<(f64, f64)>> {
        let Some(r) = r else { return Ok(None) };
        if !(r.lo.is_finite() && r.hi.is_finite() && r.lo < r.hi) {
            return Err(usage(format!("{flag}={r} must be finite with LO below HI")));
        }
        if !space[k].contains(r.lo) || !space[k].contains(r.hi) {
            return Err(usage(format!(
                "{flag}={r} leaves the parameter space of {}, {}",
                names[k],
                space[k].describe()
            )));
        }
        Ok(Some((r.lo, r.hi)))
    };
    let ranges = [
        check(req.range, 0, "--range")?,
        check(req.range2, 1, "--range2")?,
    ];
    if !(3..=1001).contains(&req.points_2d) {
        return Err(usage(format!(
            "--points-2d must be between 3 and 1001, not {}",
            req.points_2d
        )));
    }
    let profile_only = match &req.profile {
        None => None,
        Some(p) => Some(names.iter().position(|n| n == p).ok_or_else(|| {
            usage(format!(
                "--profile {p} is not one of the swept parameters ({})",
                names.join(", ")
            ))
        })?),
    };
    Ok(SurfacePlan {
        model,
        source,
        ranges,
        points: req.points_2d,
        profile_only,
    })
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
                "cannot tell the figure format of '{}': the extension must be .svg, .png, .pdf, .html or .gif",
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
