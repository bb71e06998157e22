//! [`Request`]: what the user asked for, unchecked, with the types its fields are parsed
//! into (`--range=LO:HI`, `--animate n=A:B`, `--y`, `--annotate`) and the defaults shared with
//! the command line's `--help`.
//!
//! A library user builds a `Request` directly; the command line builds one from its
//! arguments. Nothing here judges a value against another: that is [`Config`](super::Config)'s
//! job.

use crate::axis::Parameterization;
pub use crate::data::{DataFormat, DataSource};
use crate::digits::shortest;
use crate::error::Result;
use crate::family::Dist;
use crate::theme::{Layout, ThemeName};
use crate::units::Length;
use std::fmt;
use std::path::PathBuf;
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
/// The smallest PNG or GIF side in pixels: below it the smallest type of a figure is a few
/// pixels tall and nothing on it can be read (`--png-scale 1e-9` made a 1 × 1 PNG).
pub const MIN_PIXELS: f64 = 64.0;
/// The slowest animation: a GIF frame's delay is at most 655.35 s, and a frame every
/// 100 s is already a slide show.
pub const MIN_FPS: f64 = 0.01;

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
        // In the short form of every number in a message: 1e-300, not 300 zeros.
        write!(f, "{}:{}", shortest(self.lo), shortest(self.hi))
    }
}

/// `NAME=VALUE`, as typed after `--fix` and `--true`.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedValue {
    pub name: String,
    pub value: f64,
}

impl FromStr for NamedValue {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, value) = s
            .split_once('=')
            .ok_or_else(|| format!("'{s}' is not NAME=VALUE, e.g. sigma=2"))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(format!(
                "'{s}' names no parameter: expected NAME=VALUE, e.g. sigma=2"
            ));
        }
        let value = value
            .trim()
            .parse::<f64>()
            .map_err(|_| format!("'{}' in '{s}' is not a number", value.trim()))?;
        Ok(NamedValue {
            name: name.to_string(),
            value,
        })
    }
}

impl fmt::Display for NamedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.name, shortest(self.value))
    }
}

/// `--true`: a bare value (the first swept parameter's) or `NAME=VALUE`.
#[derive(Debug, Clone, PartialEq)]
pub enum TrueArg {
    Bare(f64),
    Named(NamedValue),
}

impl FromStr for TrueArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.contains('=') {
            return s.parse().map(TrueArg::Named);
        }
        s.trim().parse::<f64>().map(TrueArg::Bare).map_err(|_| {
            format!("'{s}' is not a true value: expected a number or NAME=VALUE, e.g. sigma=2")
        })
    }
}

/// The user's wishes, unchecked. `Request::default()` is the canonical Bernoulli figure.
#[derive(Debug, Clone)]
pub struct Request {
    pub dist: Dist,
    pub samples: Option<u64>,
    /// The true value of the first swept parameter (a bare `--true θ`).
    pub theta_true: Option<f64>,
    /// True values by name (`--true sigma=2`), for any parameter that is not fixed.
    pub true_values: Vec<NamedValue>,
    pub seed: Option<u64>,
    pub data: Option<DataSource>,
    /// How the data file is laid out (`--column`, `--decimal-comma`).
    pub data_format: DataFormat,
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
    /// Figures; the format follows the extension. Empty means `output/<dist>.svg`. Here and
    /// in `csv` and `json`, `-` is standard output.
    pub out: Vec<PathBuf>,
    pub csv: Option<PathBuf>,
    pub json: Option<PathBuf>,
    /// The format of a figure written to standard output (`out` holds `-`), which has no
    /// extension to tell it: one of the figure formats.
    pub format: Option<super::Format>,
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
    /// A font file (TTF, OTF, or `FILE.ttc#N` for a face of a collection) drawn before the
    /// bundled DejaVu Sans, for scripts it lacks.
    pub font: Option<PathBuf>,
    /// The type size of tick and mark labels in points (others keep their theme ratio);
    /// `None` follows the figure's size.
    pub font_size: Option<f64>,
    /// `KEY=TEXT` templates replacing figure text (see [`crate::labels::KEYS`]).
    pub labels: Vec<String>,
    /// Leave out the legend.
    pub no_legend: bool,
    /// Leave out the footer caption.
    pub no_caption: bool,
    /// Sweep θ itself or the natural parameter η.
    pub param: Parameterization,
    /// Confidence level of the likelihood-ratio and Wald intervals.
    pub level: f64,
    /// What to mark on the figure: names from [`Annotations::NAMES`], `all` or `none`;
    /// `None` for the default set.
    pub annotate: Option<Vec<String>>,
    /// What the y axes show.
    pub y: YScale,
    /// The parameters on the grid, by name: one (a curve) or two (a surface); `None` sweeps
    /// the family's usual parameter.
    pub sweep: Option<Vec<String>>,
    /// Parameters held at a value (`--fix sigma=2`), beside the families' own options.
    pub fix: Vec<NamedValue>,
    /// Parameters maximised at every grid point (`--profile sigma`). With two swept
    /// parameters, naming one of them keeps its older meaning: draw only that parameter's
    /// profile likelihood, the other maximised.
    pub profile: Vec<String>,
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
    /// The memory budget and whether the work caps apply (`--memory-limit`, `--no-limits`).
    pub limits: super::Limits,
    /// The user's own model: ln f of one observation as an expression (`--logf`); `dist` is
    /// then unused (except as `draw`'s family).
    pub logf: Option<String>,
    /// The parameter spaces of a user's model (`--bounds lam=0:inf`); the real line otherwise.
    pub bounds: Vec<super::BoundArg>,
    /// Starting values of a user's model's search (`--start lam=2`).
    pub start: Vec<NamedValue>,
    /// The family that draws the synthetic data of a user's model (`--draw poisson`).
    pub draw: Option<Dist>,
    /// The `.tex` picture's width, a TeX length (`0.48\textwidth`); `None`: `\linewidth`.
    pub tex_width: Option<String>,
    /// The `.tex` picture's height, a TeX length; `None`: the width times the aspect ratio.
    pub tex_height: Option<String>,
    /// Priors, `NAME=DIST(ARGS)` as typed (`p=beta(2,2)`), at most one per parameter.
    pub prior: Vec<String>,
    /// Draw the exact posterior of a conjugate prior, with its mean and credible interval.
    pub posterior: bool,
    /// The optimiser whose path is drawn on the NLL (`--optimize gd`).
    pub optimize: Option<super::OptimizeMethod>,
    /// Its learning rate; `None`: the default for the method and the curvature.
    pub lr: Option<f64>,
    /// Its number of steps; `None`: 20.
    pub steps: Option<usize>,
    /// β of the momentum method; `None`: 0.9.
    pub momentum: Option<f64>,
    /// `--test θ₀`: mark the likelihood-ratio, Wald and score tests of θ = θ₀ on the curve.
    pub test: Option<f64>,
    /// `--coverage R`: draw R synthetic data sets at the true θ and report the intervals'
    /// coverage.
    pub coverage: Option<u64>,
}

/// `--animate n=10:1000` or `--animate true=0.1:0.9`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnimateArg {
    /// The sample size grows from the first to the second (nested samples).
    N(u64, u64),
    /// The true θ moves from the first to the second.
    True(f64, f64),
    /// One frame per step of the optimiser's path (`--optimize`).
    Steps,
}

impl FromStr for AnimateArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad =
            || format!("'{s}' is not an animation: expected n=FROM:TO, true=FROM:TO or steps");
        if s.trim() == "steps" {
            return Ok(AnimateArg::Steps);
        }
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
            true_values: Vec::new(),
            seed: None,
            data: None,
            data_format: DataFormat::default(),
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
            format: None,
            width: None,
            height: None,
            title: None,
            theme: ThemeName::Default,
            layout: Layout::SideBySide,
            dpi: defaults::DPI,
            png_scale: 1.0,
            text_as_paths: false,
            font: None,
            font_size: None,
            labels: Vec::new(),
            no_legend: false,
            no_caption: false,
            param: Parameterization::Mean,
            level: defaults::LEVEL,
            annotate: None,
            y: YScale::Absolute,
            sweep: None,
            fix: Vec::new(),
            profile: Vec::new(),
            range2: None,
            true2: None,
            points_2d: defaults::POINTS_2D,
            overlay: Vec::new(),
            animate: None,
            frames: defaults::FRAMES,
            fps: defaults::FPS,
            limits: super::Limits::default(),
            logf: None,
            bounds: Vec::new(),
            start: Vec::new(),
            draw: None,
            tex_width: None,
            tex_height: None,
            prior: Vec::new(),
            posterior: false,
            optimize: None,
            lr: None,
            steps: None,
            momentum: None,
            test: None,
            coverage: None,
        }
    }
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
    /// A regression model's data panel: the rows (x, y) and the fitted curve at θ̂.
    pub data: bool,
}

impl Annotations {
    pub const NAMES: [&'static str; 6] = ["mle", "truth", "interval", "wald", "se", "data"];

    /// What a figure shows when nothing is asked: the estimate, the truth and the interval,
    /// and a regression model's data panel (no other model has one).
    pub const DEFAULT: Annotations = Annotations {
        mle: true,
        truth: true,
        interval: true,
        wald: false,
        se: false,
        data: true,
    };

    const NONE: Annotations = Annotations {
        mle: false,
        truth: false,
        interval: false,
        wald: false,
        se: false,
        data: false,
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
                        data: true,
                    }
                }
                "none" => set = Annotations::NONE,
                "mle" => set.mle = true,
                "truth" => set.truth = true,
                "interval" => set.interval = true,
                "wald" => set.wald = true,
                "se" => set.se = true,
                "data" => set.data = true,
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
