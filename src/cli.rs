//! The command line's shape: clap derive types only.
//!
//! Parsing checks syntax (a number where a number belongs); every domain rule (a probability in
//! [0, 1], a range inside the parameter space …) lives in the library's `config` module, so the
//! library and the command line enforce the same rules.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::Parser;
use nllplot::config::{defaults, DataSource, RangeArg, Request};
use nllplot::family::Dist;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  nllplot                                          Bernoulli, n = 100, writes output/bernoulli.svg
  nllplot --dist bernoulli --out fig.svg           the canonical figure
  nllplot --dist poisson -n 30 --true 4 --out fig.png --out fig.svg
  nllplot --dist binomial --trials 20 --true 0.7 --range=0.4:0.95
  nllplot --dist normal --sigma 2 --true=-1.5 --range=-4:1
  nllplot --dist poisson --data counts.txt --out fig.png --csv sweep.csv --json summary.json
  seq 1 5 | nllplot --dist geometric --data - --out fig.svg

Data files hold one number per line; blank lines and lines starting with # are ignored.";

/// Plot the log-likelihood LL(θ) and the negative log-likelihood NLL(θ) = −LL(θ) of a
/// one-parameter family over a grid of θ, with the maximum-likelihood estimate θ̂ marked.
#[derive(Debug, Parser)]
#[command(name = "nllplot", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// The family; its swept parameter θ is named after the colon.
    #[arg(short, long, value_name = "NAME", default_value = "bernoulli", value_parser = dist_parser())]
    pub dist: Dist,

    /// Number of synthetic observations to draw.
    #[arg(short = 'n', long, value_name = "N", help_heading = "Synthetic data",
          conflicts_with = "data", allow_negative_numbers = true, long_help = format!("Number of synthetic observations to draw [default: {}]", defaults::SAMPLES))]
    pub samples: Option<u64>,

    /// The true θ the data are drawn from [default: per family: p = 0.3, λ = 4 …].
    #[arg(
        long = "true",
        value_name = "THETA",
        help_heading = "Synthetic data",
        conflicts_with = "data",
        allow_negative_numbers = true
    )]
    pub theta_true: Option<f64>,

    /// Seed of the portable generator (xoshiro256++): a seed gives the same data everywhere.
    #[arg(long, value_name = "S", help_heading = "Synthetic data", conflicts_with = "data",
          long_help = format!("Seed of the portable generator (xoshiro256++): a seed gives the same data on every machine [default: {}]", defaults::SEED))]
    pub seed: Option<u64>,

    /// Read observations from a file (one number per line; `-` for standard input) instead
    /// of drawing them.
    #[arg(long, value_name = "PATH", help_heading = "Observed data")]
    pub data: Option<PathBuf>,

    /// Binomial: the known number of trials M of each observation.
    #[arg(long, value_name = "M", default_value_t = defaults::TRIALS, help_heading = "Known parameters")]
    pub trials: u64,

    /// Normal: the known standard deviation σ.
    #[arg(long, value_name = "S", default_value_t = defaults::SIGMA, help_heading = "Known parameters")]
    pub sigma: f64,

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
          allow_negative_numbers = true)]
    pub points: usize,

    /// Write the figure here; the format follows the extension (.svg, .png). Repeatable.
    /// [default: output/<dist>.svg]
    #[arg(short, long, value_name = "PATH", help_heading = "Output")]
    pub out: Vec<PathBuf>,

    /// Write the sweep as CSV: theta,ll,nll.
    #[arg(long, value_name = "PATH", help_heading = "Output")]
    pub csv: Option<PathBuf>,

    /// Write a JSON summary: family, n, source, seed, true θ, θ̂, LL(θ̂), range, points.
    #[arg(long, value_name = "PATH", help_heading = "Output")]
    pub json: Option<PathBuf>,

    /// Figure width in pixels.
    #[arg(long, value_name = "PX", default_value_t = defaults::WIDTH, help_heading = "Output")]
    pub width: u32,

    /// Figure height in pixels.
    #[arg(long, value_name = "PX", default_value_t = defaults::HEIGHT, help_heading = "Output")]
    pub height: u32,

    /// Figure title [default: the family, n and θ̂].
    #[arg(long, value_name = "TEXT", help_heading = "Output")]
    pub title: Option<String>,
}

impl Cli {
    /// The library's request: the same fields, without clap.
    pub fn into_request(self) -> Request {
        Request {
            dist: self.dist,
            samples: self.samples,
            theta_true: self.theta_true,
            seed: self.seed,
            data: self.data.as_deref().map(DataSource::from_arg),
            range: self.range,
            points: self.points,
            trials: self.trials,
            sigma: self.sigma,
            out: self.out,
            csv: self.csv,
            json: self.json,
            width: self.width,
            height: self.height,
            title: self.title,
        }
    }
}

/// `--dist` accepts exactly the library's family names, each listed with its help line.
fn dist_parser() -> impl TypedValueParser<Value = Dist> {
    PossibleValuesParser::new(Dist::ALL.map(|d| PossibleValue::new(d.name()).help(d.help())))
        .try_map(|name| name.parse::<Dist>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_is_well_formed() {
        Cli::command().debug_assert();
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
