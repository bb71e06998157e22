//! The command line's shape: clap derive types only.
//!
//! Parsing checks syntax (a number where a number belongs); every domain rule (a probability in
//! [0, 1], a range inside the parameter space …) lives in the library's `config` module, so the
//! library and the command line enforce the same rules.
//!
//! This definition is also the schema of figure spec files (`src/spec.rs` maps TOML keys to
//! these arguments by long name), of the shell completions and of the man page, so a new
//! option needs no code beyond its field here and in [`Cli::into_request`]. An option that
//! takes a file should say so with `value_hint = ValueHint::FilePath`: spec files resolve such
//! values against their own folder, and shells complete them as paths.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{ArgAction, Parser, Subcommand, ValueHint};
use nllplot::axis::Parameterization;
use nllplot::config::{
    defaults, AnimateArg, Annotations, BoundArg, DataSource, Format, Limits, NamedValue, RangeArg,
    Request, TrueArg, YScale, DEFAULT_MEMORY_LIMIT,
};
use nllplot::family::Dist;
use nllplot::render::{Layout, ThemeName};
use nllplot::units::{Length, Size};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  nllplot                                          Bernoulli, n = 100, writes output/bernoulli.svg
  nllplot --dist bernoulli --out fig.svg           the canonical figure
  nllplot --dist poisson -n 30 --true 4 --out fig.png --out fig.svg
  nllplot --dist binomial --trials 20 --true 0.7 --range=0.4:0.95
  nllplot --dist normal --sigma 2 --true=-1.5 --range=-4:1
  nllplot --dist gamma --shape 3 --true 0.5        rate β with shape k = 3 known
  nllplot --dist normal-sd --mu 10 --true 2 -n 50  σ with mean μ = 10 known
  nllplot --dist cauchy -n 15 --scale 2            a location LL with several peaks
  nllplot --dist uniform --true 3                  θ of Uniform(0, θ): LL jumps at max x
  nllplot --dist poisson --data counts.txt --out fig.png --csv sweep.csv --json summary.json
  seq 1 5 | nllplot --dist geometric --data - --out fig.svg
  nllplot --out - --format png | display                       the figure to standard output
  nllplot --dist bernoulli -n 10,100,1000 --out sharpening.png
  nllplot --dist poisson --animate n=10:1000 --frames 60 --out sharpening.gif
  nllplot --dist bernoulli --out demo.html
  nllplot --dist normal --sweep mu,sigma -n 50 --out surface.png
  nllplot --dist normal --sweep mu,sigma --profile mu --out profile.svg
  nllplot --dist gamma --sweep shape,rate --data waits.txt --out surface.pdf
  nllplot --logf 'x*ln(lam) - lam - lgamma(x+1)' --bounds lam=0:inf --data counts.txt
  nllplot --logf 'y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))' --data xy.csv --sweep b
  nllplot --dist bernoulli -n 20 --prior p=beta(2,2) --posterior   MAP vs MLE, exact posterior
  nllplot --theme print --layout stacked --out fig.pdf         one journal column, vector PDF
  nllplot --size 12cm x 6cm --dpi 300 --out fig.png            print resolution
  nllplot --out fig.tex --tex-width '0.48\\textwidth'            pgfplots, set in LaTeX's font
  nllplot --out fig.typ                                        a Typst figure
  nllplot --spec examples/*.toml                               redraw every figure of a book
  nllplot --spec fig.toml --out draft.png                      a spec with one flag overridden
  nllplot --dist poisson --theme dark --print-spec > fig.toml  start a spec from flags
  nllplot completions bash > /etc/bash_completion.d/nllplot
  nllplot man > nllplot.1

Data files hold one number per line; blank lines and # comments are ignored.
A CSV/TSV with a header line is read from the column --column names (or its only one);
with --logf they may hold several columns under a header line naming them (x,y).
--decimal-comma reads 3,5 as 3.5 (columns then separated by ';', tabs or spaces).
A spec file is TOML whose keys are the long option names (samples = 30, out = [\"a.svg\"]);
relative paths in it are taken from the spec file's folder.";

/// Plot the log-likelihood LL(θ) and the negative log-likelihood NLL(θ) = −LL(θ) of a
/// one-parameter family over a grid of θ, with the maximum-likelihood estimate θ̂ marked.
#[derive(Debug, Parser)]
#[command(name = "nllplot", version, after_help = EXAMPLES, max_term_width = 100,
          args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The family; its swept parameter θ is named after the colon.
    #[arg(short, long, value_name = "NAME", default_value = "bernoulli", value_parser = dist_parser(),
          conflicts_with = "logf")]
    pub dist: Dist,

    /// Number of synthetic observations to draw.
    /// Number of synthetic observations to draw; a list (-n 10,100,1000) draws one curve per
    /// size from nested samples of one stream, in ΔNLL units [default: 100].
    #[arg(
        short = 'n',
        long,
        value_name = "N[,N…]",
        help_heading = "Synthetic data",
        conflicts_with = "data",
        allow_negative_numbers = true,
        value_delimiter = ',',
        value_parser = whole_parser::<u64>
    )]
    pub samples: Option<Vec<u64>>,

    /// The true value the data are drawn from: a bare θ is the swept parameter's, NAME=VALUE
    /// any free parameter's (repeatable) [default: per family: p = 0.3, λ = 4 …].
    #[arg(
        long = "true",
        value_name = "[NAME=]VALUE",
        help_heading = "Synthetic data",
        conflicts_with = "data",
        allow_negative_numbers = true
    )]
    pub theta_true: Vec<TrueArg>,

    /// Seed of the portable generator (xoshiro256++): a seed gives the same data everywhere.
    #[arg(long, value_name = "S", help_heading = "Synthetic data", conflicts_with = "data",
          allow_negative_numbers = true, value_parser = seed_parser,
          long_help = format!("Seed of the portable generator (xoshiro256++): a seed gives the same data on every machine [default: {}]", defaults::SEED))]
    pub seed: Option<u64>,

    /// Read observations from a file (one number per line; `-` for standard input) instead
    /// of drawing them.
    #[arg(long, value_name = "PATH", help_heading = "Observed data", value_hint = ValueHint::FilePath)]
    pub data: Option<PathBuf>,

    /// The column of a data file with a header line to read (columns separated by commas,
    /// semicolons, tabs or spaces); a header naming one column needs no --column.
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "Observed data",
        requires = "data"
    )]
    pub column: Option<String>,

    /// The data write decimal commas (3,5): columns are then separated by ';', tabs or spaces.
    #[arg(long, help_heading = "Observed data", requires = "data")]
    pub decimal_comma: bool,

    /// Binomial: the known number of trials M of each observation.
    #[arg(long, value_name = "M", default_value_t = defaults::TRIALS, help_heading = "Known parameters",
          allow_negative_numbers = true, value_parser = whole_parser::<u64>)]
    pub trials: u64,

    /// Normal: the known standard deviation σ; lognormal: the known σ of ln x.
    #[arg(long, value_name = "S", default_value_t = defaults::SIGMA, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub sigma: f64,

    /// Gamma: the known shape k.
    #[arg(long, value_name = "K", default_value_t = defaults::SHAPE, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub shape: f64,

    /// Normal-sd: the known mean μ.
    #[arg(long, value_name = "M", default_value_t = defaults::MU, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub mu: f64,

    /// Negative-binomial: the known number of successes r (any positive real).
    #[arg(long = "r", value_name = "R", default_value_t = defaults::R, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub r: f64,

    /// Beta: the known second shape b.
    #[arg(long = "b", value_name = "B", default_value_t = defaults::B, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub b: f64,

    /// Cauchy, laplace, student-t: the known scale.
    #[arg(long, value_name = "S", default_value_t = defaults::SCALE, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub scale: f64,

    /// Student-t: the known degrees of freedom ν.
    #[arg(long, value_name = "NU", default_value_t = defaults::NU, help_heading = "Known parameters",
          allow_negative_numbers = true)]
    pub nu: f64,

    /// The θ interval to sweep, e.g. --range=0.1:0.9 or --range=-3:2 [default: θ̂ ± 5 standard
    /// errors, inside the parameter space].
    #[arg(
        long,
        value_name = "LO:HI",
        allow_hyphen_values = true,
        help_heading = "Grid"
    )]
    pub range: Option<RangeArg>,

    /// Number of grid points, both ends included (at least 2).
    #[arg(long, value_name = "G", default_value_t = defaults::POINTS, help_heading = "Grid",
          allow_negative_numbers = true, value_parser = whole_parser::<usize>)]
    pub points: usize,

    /// Write the figure here; the format follows the extension (.svg, .png, .pdf, .html, .gif,
    /// .tex for a pgfplots picture, .typ for a Typst figure; both set in the document's font);
    /// `-` writes it to standard output (with --format). Repeatable.
    /// [default: output/<dist>.svg]
    #[arg(short, long, value_name = "PATH", help_heading = "Output", value_hint = ValueHint::FilePath,
          allow_hyphen_values = true)]
    pub out: Vec<PathBuf>,

    /// The figure's format when --out - writes it to standard output.
    #[arg(long, value_name = "FORMAT", value_parser = format_parser(), help_heading = "Output")]
    pub format: Option<Format>,

    /// Write the sweep as CSV: theta,ll,nll (`-` for standard output).
    #[arg(long, value_name = "PATH", help_heading = "Output", value_hint = ValueHint::FilePath)]
    pub csv: Option<PathBuf>,

    /// Write a JSON summary: family, n, source, seed, true θ, θ̂, LL(θ̂), range, points (`-` for
    /// standard output).
    #[arg(long, value_name = "PATH", help_heading = "Output", value_hint = ValueHint::FilePath)]
    pub json: Option<PathBuf>,

    /// Figure width: a number of px (1/96 in), or with a unit: 12cm, 90mm, 3.5in, 252pt
    /// [default: per theme and layout; 1200 px side by side].
    #[arg(
        long,
        value_name = "LENGTH",
        help_heading = "Size",
        allow_hyphen_values = true
    )]
    pub width: Option<Length>,

    /// Figure height, like --width [default: per theme and layout; 500 px side by side].
    #[arg(
        long,
        value_name = "LENGTH",
        help_heading = "Size",
        allow_hyphen_values = true
    )]
    pub height: Option<Length>,

    /// Width and height at once: --size 12cm x 6cm, --size 12cmx6cm or --size 1200x500.
    #[arg(long, value_name = "W x H", num_args = 1..=3, action = ArgAction::Set,
          conflicts_with_all = ["width", "height"], help_heading = "Size")]
    pub size: Vec<String>,

    /// Width of a .tex picture, a TeX length: 0.48\textwidth, \linewidth, 8cm
    /// [default: \linewidth].
    #[arg(long, value_name = "TEX LENGTH", help_heading = "Size")]
    pub tex_width: Option<String>,

    /// Height of a .tex picture, a TeX length [default: the width times the figure's aspect].
    #[arg(long, value_name = "TEX LENGTH", help_heading = "Size")]
    pub tex_height: Option<String>,

    /// PNG pixels per inch of figure (the figure's size stays the same).
    #[arg(long, value_name = "DPI", default_value_t = defaults::DPI, help_heading = "Size",
          allow_negative_numbers = true)]
    pub dpi: f64,

    /// Multiplies the PNG's pixel dimensions (and density), e.g. 2 for a high-DPI screen.
    #[arg(
        long,
        value_name = "F",
        default_value_t = 1.0,
        help_heading = "Size",
        allow_negative_numbers = true
    )]
    pub png_scale: f64,

    /// Figure title [default: the family, n and θ̂; none in the print theme].
    #[arg(
        long,
        value_name = "TEXT",
        help_heading = "Style",
        allow_hyphen_values = true
    )]
    pub title: Option<String>,

    /// The look of the figure.
    #[arg(long, value_name = "NAME", default_value = "default", value_parser = theme_parser(),
          help_heading = "Style")]
    pub theme: ThemeName,

    /// How the LL and NLL panels are arranged.
    #[arg(long, value_name = "LAYOUT", default_value = "side-by-side",
          value_parser = layout_parser(), help_heading = "Style")]
    pub layout: Layout,

    /// Write the SVG's text as outlines of the bundled font, so that it renders identically
    /// without the font (Inkscape, LaTeX); the text can then no longer be selected.
    #[arg(long, help_heading = "Style")]
    pub text_as_paths: bool,

    /// A font file for the figure's text (TTF, OTF, or FILE.ttc#N for face N of a collection),
    /// so that any script renders; DejaVu Sans fills in what it lacks. Embedded in PDF, used
    /// for PNG and --text-as-paths; the SVG names its family.
    #[arg(long, value_name = "PATH", help_heading = "Style", value_hint = ValueHint::FilePath)]
    pub font: Option<PathBuf>,

    /// The type size of tick and mark labels, in points; titles and captions keep their
    /// theme's proportions to it [default: follows the figure's size within the theme's range].
    #[arg(
        long,
        value_name = "PT",
        help_heading = "Style",
        allow_negative_numbers = true
    )]
    pub font_size: Option<f64>,

    /// Replace a piece of figure text: KEY=TEXT, repeatable, e.g. --label "x=Erfolgswahrscheinlichkeit p"
    /// or --label "title=似然函数 (n = {n})". Keys: title, subtitle, caption, ll-title, nll-title,
    /// overlay-title, x, ll-y, nll-y, legend-ll, legend-nll, legend-mle, legend-truth,
    /// legend-interval, legend-wald, legend-se, legend-n, mle-label, truth-label, equal-label,
    /// infinite, data-title, data-x, data-y; placeholders {n} {param} {hat} {mle} {true} {level}
    /// {threshold} {lo} {hi} {interval} {wald} {se} {j} {seed} {points}.
    #[arg(long = "label", value_name = "KEY=TEXT", help_heading = "Style")]
    pub labels: Vec<String>,

    /// Leave out the legend.
    #[arg(long, help_heading = "Style")]
    pub no_legend: bool,

    /// Leave out the footer caption (the numbers under the panels).
    #[arg(long, help_heading = "Style")]
    pub no_caption: bool,

    /// Sweep the family's usual parameter, or the natural parameter of an exponential family
    /// (logit p, ln λ, ln(1−p), −λ, μ/σ²): LL is concave in it; the likelihood-ratio interval
    /// maps across, the Wald interval does not.
    #[arg(long, value_name = "PARAM", default_value = "mean", value_parser = param_parser(),
          help_heading = "Inference")]
    pub param: Parameterization,

    /// Confidence level of the likelihood-ratio and Wald intervals: NLL rises by ½χ²₁(L) at
    /// the ends of the likelihood-ratio interval (1.92 at 0.95, 0.5 at 0.683).
    #[arg(long, value_name = "L", default_value_t = defaults::LEVEL, help_heading = "Inference",
          allow_negative_numbers = true)]
    pub level: f64,

    /// What to mark, comma-separated: mle, truth, interval (threshold line and shaded
    /// interval), wald (the quadratic approximation NLL(θ̂) + ½J(θ−θ̂)²), se (θ̂ ± SE), data (a
    /// regression model's rows and fitted curve, a panel of its own); or all, none [default:
    /// mle,truth,interval, and data for --dist logistic/linear].
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        help_heading = "Inference"
    )]
    pub annotate: Option<Vec<String>>,

    /// What the y axes show.
    #[arg(long, value_name = "SCALE", default_value = "absolute", value_parser = y_parser(),
          help_heading = "Inference")]
    pub y: YScale,

    /// The parameter(s) on the grid, by name: one draws the curve, two (`--sweep mu,sigma`)
    /// the ΔNLL surface with its joint 68.3 % and 95 % regions and both profile likelihoods
    /// [default: the family's usual parameter].
    #[arg(
        long,
        value_name = "A[,B]",
        value_delimiter = ',',
        help_heading = "Parameters"
    )]
    pub sweep: Option<Vec<String>>,

    /// Hold a parameter at a value (repeatable), besides the families' own options such as
    /// --sigma.
    #[arg(
        long,
        value_name = "NAME=VALUE",
        allow_negative_numbers = true,
        help_heading = "Parameters"
    )]
    pub fix: Vec<NamedValue>,

    /// Maximise a parameter at every grid point (repeatable): `--dist normal --sweep mu
    /// --profile sigma` is the profile likelihood of μ with σ unknown. With two swept
    /// parameters, naming one draws only its profile likelihood.
    #[arg(long, value_name = "NAME", help_heading = "Parameters")]
    pub profile: Vec<String>,

    /// With --sweep: the range of the second parameter (--range is the first's).
    #[arg(
        long,
        value_name = "LO:HI",
        allow_hyphen_values = true,
        requires = "sweep",
        help_heading = "Parameters"
    )]
    pub range2: Option<RangeArg>,

    /// With --sweep: the true value of the second parameter (--true is the first's).
    #[arg(
        long,
        value_name = "B",
        allow_negative_numbers = true,
        requires = "sweep",
        conflicts_with = "data",
        help_heading = "Parameters"
    )]
    pub true2: Option<f64>,

    /// Write an animated GIF (--out NAME.gif) whose frames grow the sample size
    /// (n=10:1000, nested samples), move the true value (true=0.1:0.9) or follow the
    /// --optimize path (steps); same axes throughout.
    #[arg(long, value_name = "n=A:B|true=A:B|steps", help_heading = "Animation")]
    pub animate: Option<AnimateArg>,

    /// Frames of the animation.
    #[arg(long, value_name = "K", default_value_t = defaults::FRAMES, help_heading = "Animation",
          allow_negative_numbers = true, value_parser = whole_parser::<usize>)]
    pub frames: usize,

    /// Frames per second of the animation.
    #[arg(long, value_name = "F", default_value_t = defaults::FPS, help_heading = "Animation",
          allow_negative_numbers = true)]
    pub fps: f64,

    /// With --sweep: grid points along each axis (3 to 1001).
    #[arg(long = "points-2d", value_name = "G", default_value_t = defaults::POINTS_2D,
          help_heading = "Parameters", allow_negative_numbers = true,
          value_parser = whole_parser::<usize>)]
    pub points_2d: usize,

    /// Your own model: ln f of one observation as an expression in the data's columns (`x`
    /// for one headerless column) and parameters, e.g. 'x*ln(lam) - lam - lgamma(x+1)'.
    #[arg(
        long,
        value_name = "EXPR",
        help_heading = "Your own model",
        allow_hyphen_values = true
    )]
    pub logf: Option<String>,

    /// A parameter's space for --logf (repeatable; inf and -inf allowed), e.g. lam=0:inf
    /// [default: the whole real line].
    #[arg(
        long,
        value_name = "NAME=LO:HI",
        help_heading = "Your own model",
        allow_hyphen_values = true,
        requires = "logf"
    )]
    pub bounds: Vec<BoundArg>,

    /// A starting value (repeatable), e.g. lam=2: of the search for --logf's estimate, and of
    /// the --optimize path.
    #[arg(
        long,
        value_name = "NAME=VALUE",
        help_heading = "Your own model",
        allow_negative_numbers = true
    )]
    pub start: Vec<NamedValue>,

    /// Draw --logf's observations from this built-in family (its options, --true, -n and
    /// --seed apply to it) instead of reading --data.
    #[arg(long, value_name = "DIST", value_parser = dist_parser(), help_heading = "Your own model",
          conflicts_with = "data", requires = "logf")]
    pub draw: Option<Dist>,

    /// Read options from TOML figure spec files, one figure each (keys are the long option
    /// names); options given here override the files'.
    #[arg(long, value_name = "FILE", num_args = 1.., help_heading = "Spec files",
          value_hint = ValueHint::FilePath)]
    pub spec: Vec<PathBuf>,

    /// Print the effective spec (every option, as TOML) for these options and exit without
    /// drawing.
    #[arg(long, help_heading = "Spec files")]
    pub print_spec: bool,

    /// The most memory the run may use, estimated before any work: bytes or K, M, G, T
    /// (powers of 1024), e.g. 512M or 8G [default: 4G].
    #[arg(long, value_name = "SIZE", value_parser = parse_memory_limit, help_heading = "Limits")]
    pub memory_limit: Option<u64>,

    /// Run plans estimated to take more than 10 minutes, and keep more than 10⁸ observations
    /// for the families without sufficient statistics (the memory budget still applies).
    #[arg(long, help_heading = "Limits")]
    pub no_limits: bool,

    /// Print nothing but errors (no summary line, no progress bar).
    #[arg(short, long)]
    pub quiet: bool,

    /// A prior on a parameter (repeatable, one per parameter): normal(m,s), laplace(m,b),
    /// beta(a,b), gamma(shape,rate) or uniform(lo,hi), e.g. p=beta(2,2); draws −ln π and
    /// NLL − ln π with the MAP estimate.
    #[arg(long, value_name = "NAME=DIST(ARGS)", help_heading = "Priors")]
    pub prior: Vec<String>,

    /// With a conjugate --prior: draw the exact posterior's −ln density and report its mean
    /// and central credible interval at --level.
    #[arg(long, help_heading = "Priors")]
    pub posterior: bool,
    /// Draw an optimiser's path on the NLL: gd, momentum, newton or adam (from --start, or
    /// θ̂ − 2 SE).
    #[arg(long, value_name = "METHOD", help_heading = "Optimiser path")]
    pub optimize: Option<nllplot::config::OptimizeMethod>,

    /// The optimiser's learning rate [default: gd 0.5/L, momentum 0.1/L (L the NLL's largest
    /// curvature at θ̂), adam 0.25 SE].
    #[arg(
        long,
        value_name = "RATE",
        help_heading = "Optimiser path",
        allow_negative_numbers = true
    )]
    pub lr: Option<f64>,

    /// The optimiser's number of steps (1 to 10⁶) [default: 20].
    #[arg(long, value_name = "K", help_heading = "Optimiser path", allow_negative_numbers = true,
          value_parser = whole_parser::<usize>)]
    pub steps: Option<usize>,

    /// β of --optimize momentum, in [0, 1) [default: 0.9].
    #[arg(
        long,
        value_name = "BETA",
        help_heading = "Optimiser path",
        allow_negative_numbers = true
    )]
    pub momentum: Option<f64>,
    /// Test θ = θ₀: mark θ₀ and draw the likelihood-ratio, Wald and score statistics (score
    /// with the observed information), each with its χ²₁ p-value.
    #[arg(
        long,
        value_name = "THETA0",
        allow_negative_numbers = true,
        help_heading = "Teaching"
    )]
    pub test: Option<f64>,

    /// The coverage lab: draw R data sets of size n at the true θ and show the coverage of
    /// the LR and Wald intervals, 2·ΔNLL(θ) against χ²₁ and θ̂ against its normal law.
    #[arg(long, value_name = "R", value_parser = whole_parser::<u64>, allow_negative_numbers = true,
          help_heading = "Teaching")]
    pub coverage: Option<u64>,
}

/// `--memory-limit`, parsed by the library's rule.
fn parse_memory_limit(text: &str) -> Result<u64, String> {
    nllplot::config::parse_size(text)
}

/// The optional subcommands; without one, nllplot draws a figure.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a completion script for a shell to standard output.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
}

impl Cli {
    /// The library's request: the same fields, without clap. Fails only on a malformed
    /// `--size`, whose pieces clap cannot check one by one.
    pub fn into_request(self) -> Result<Request, String> {
        let (width, height) = if self.size.is_empty() {
            (self.width, self.height)
        } else {
            let size: Size = self
                .size
                .join(" ")
                .parse()
                .map_err(|e| format!("invalid value for '--size <W x H>': {e}"))?;
            (Some(size.width), Some(size.height))
        };
        let mut bare_true = None;
        let mut true_values = Vec::new();
        for arg in self.theta_true {
            match arg {
                TrueArg::Bare(v) if bare_true.is_none() => bare_true = Some(v),
                TrueArg::Bare(_) => {
                    return Err(
                        "--true is given twice as a bare value; name the others: --true NAME=VALUE"
                            .to_string(),
                    )
                }
                TrueArg::Named(nv) => true_values.push(nv),
            }
        }
        Ok(Request {
            dist: self.dist,
            samples: self
                .samples
                .as_ref()
                .and_then(|ns| ns.iter().max().copied()),
            overlay: self.samples.filter(|ns| ns.len() > 1).unwrap_or_default(),
            theta_true: bare_true,
            true_values,
            seed: self.seed,
            data: self.data.as_deref().map(DataSource::from_arg),
            data_format: nllplot::data::DataFormat {
                column: self.column,
                decimal_comma: self.decimal_comma,
            },
            range: self.range,
            points: self.points,
            trials: self.trials,
            sigma: self.sigma,
            shape: self.shape,
            mu: self.mu,
            r: self.r,
            b: self.b,
            scale: self.scale,
            nu: self.nu,
            out: self.out,
            csv: self.csv,
            json: self.json,
            format: self.format,
            width,
            height,
            title: self.title,
            theme: self.theme,
            layout: self.layout,
            dpi: self.dpi,
            png_scale: self.png_scale,
            text_as_paths: self.text_as_paths,
            font: self.font,
            font_size: self.font_size,
            labels: self.labels,
            no_legend: self.no_legend,
            no_caption: self.no_caption,
            param: self.param,
            level: self.level,
            annotate: self.annotate,
            y: self.y,
            sweep: self.sweep,
            fix: self.fix,
            profile: self.profile,
            range2: self.range2,
            true2: self.true2,
            points_2d: self.points_2d,
            animate: self.animate,
            frames: self.frames,
            fps: self.fps,
            limits: Limits {
                memory: self.memory_limit.unwrap_or(DEFAULT_MEMORY_LIMIT),
                enforce: !self.no_limits,
            },
            logf: self.logf,
            bounds: self.bounds,
            start: self.start,
            draw: self.draw,
            tex_width: self.tex_width,
            tex_height: self.tex_height,
            prior: self.prior,
            posterior: self.posterior,
            optimize: self.optimize,
            lr: self.lr,
            steps: self.steps,
            momentum: self.momentum,
            test: self.test,
            coverage: self.coverage,
        })
    }
}

/// A seed is any u64; "-1" or "1e3" get a sentence saying so instead of Rust's "invalid digit
/// found in string".
fn seed_parser(s: &str) -> Result<u64, String> {
    s.trim()
        .parse()
        .map_err(|_| "a seed is a whole number from 0 to 2^64-1 = 18446744073709551615".to_string())
}

/// Counts (`-n`, `--points`, `--trials`, `--frames`) say what they take; their ranges are the
/// config's to check, in words that name the option.
fn whole_parser<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.trim()
        .parse()
        .map_err(|_| "expected a whole number, 0 or more, in digits".to_string())
}

/// `--dist` accepts exactly the library's family names, each listed with its help line.
fn dist_parser() -> impl TypedValueParser<Value = Dist> {
    PossibleValuesParser::new(Dist::NAMED.map(|d| PossibleValue::new(d.name()).help(d.help())))
        .try_map(|name| name.parse::<Dist>())
}

fn param_parser() -> impl TypedValueParser<Value = Parameterization> {
    PossibleValuesParser::new([
        PossibleValue::new("mean").help("the family's own parameter (p, λ, μ …)"),
        PossibleValue::new("natural").help("the natural parameter of the exponential family"),
    ])
    .map(|name| {
        if name == "natural" {
            Parameterization::Natural
        } else {
            Parameterization::Mean
        }
    })
}

/// `--format`: the figure formats (a CSV or JSON goes to standard output with `--csv -`).
fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(["svg", "png", "pdf", "html", "gif", "tex", "typ"]).map(|name| {
        match name.as_str() {
            "png" => Format::Png,
            "tex" => Format::Tex,
            "typ" => Format::Typ,
            "pdf" => Format::Pdf,
            "html" => Format::Html,
            "gif" => Format::Gif,
            _ => Format::Svg,
        }
    })
}

fn theme_parser() -> impl TypedValueParser<Value = ThemeName> {
    PossibleValuesParser::new(ThemeName::ALL.map(|t| PossibleValue::new(t.name()).help(t.help())))
        .try_map(|name| name.parse::<ThemeName>())
}

fn layout_parser() -> impl TypedValueParser<Value = Layout> {
    PossibleValuesParser::new(Layout::ALL.map(|l| PossibleValue::new(l.name()).help(l.help())))
        .try_map(|name| name.parse::<Layout>())
}

fn y_parser() -> impl TypedValueParser<Value = YScale> {
    PossibleValuesParser::new(YScale::ALL.map(|y| PossibleValue::new(y.name()).help(y.help())))
        .try_map(|name| name.parse::<YScale>())
}

/// Every annotation name is documented in `--annotate`'s help.
const _: () = assert!(Annotations::NAMES.len() == 6);

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn known_parameters_parse_and_reach_the_request() {
        let cli = Cli::try_parse_from([
            "nllplot",
            "--dist",
            "student-t",
            "--shape",
            "3.5",
            "--mu",
            "-2",
            "--r",
            "2.5",
            "--b",
            "0.5",
            "--scale",
            "4",
            "--nu",
            "7",
            "--sigma",
            "0.3",
        ])
        .unwrap();
        let req = cli.into_request().unwrap();
        assert_eq!(req.dist, Dist::StudentT);
        assert_eq!(
            (req.shape, req.mu, req.r, req.b, req.scale, req.nu, req.sigma),
            (3.5, -2.0, 2.5, 0.5, 4.0, 7.0, 0.3)
        );
        // A negative value reaches the library's check, which names the flag.
        let cli = Cli::try_parse_from(["nllplot", "--dist", "gamma", "--shape", "-1"]).unwrap();
        let err = nllplot::Config::from_request(cli.into_request().unwrap()).unwrap_err();
        assert!(err.to_string().contains("--shape"), "{err}");
    }

    #[test]
    fn every_family_is_a_possible_value() {
        for dist in Dist::ALL {
            let cli = Cli::try_parse_from(["nllplot", "--dist", dist.name()]).unwrap();
            assert_eq!(cli.dist, dist);
        }
    }

    #[test]
    fn negative_ranges_parse_in_both_forms() {
        for args in [
            &["nllplot", "--dist", "normal", "--range=-3:-1"][..],
            &["nllplot", "--dist", "normal", "--range", "-3:-1"][..],
        ] {
            let cli = Cli::try_parse_from(args).unwrap();
            assert_eq!(cli.range, Some(RangeArg { lo: -3.0, hi: -1.0 }));
        }
    }
}
