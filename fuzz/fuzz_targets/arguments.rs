//! Fuzz target: the command line, everything that parses user text outside data files.
//!
//! The input is split at newlines into arguments and parsed by the command's own clap
//! definition (src/cli.rs, included as is), then checked by `Config::from_request`: both
//! must answer with a value or an error, never panic. Accepted synthetic runs small enough to
//! be quick (n, points ≤ 20 000) are analysed and drawn as SVG too, since --range, --true,
//! --sigma, --trials, --width, --height and --title all reach the sweep and the renderer.
//! Runs that name files (data, outputs) are only parsed, never executed: a fuzzer must not
//! read /dev/zero or write where it pleases.

#![no_main]

#[path = "../../src/cli.rs"]
#[allow(dead_code)]
mod cli;

use clap::Parser;
use libfuzzer_sys::fuzz_target;
use nllplot::config::{Format, Source};
use nllplot::{analyse, export, Config, View};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let args = std::iter::once("nllplot").chain(text.split('\n'));
    let Ok(cli) = cli::Cli::try_parse_from(args) else {
        return;
    };
    let Ok(request) = cli.into_request() else {
        return;
    };
    let names_files = request.data.is_some()
        || !request.out.is_empty()
        || request.csv.is_some()
        || request.json.is_some();
    let Ok(config) = Config::from_request(request) else {
        return;
    };
    let small = matches!(config.source, Source::Sample { n, .. } if n <= 20_000);
    if names_files || !small || config.points > 20_000 {
        return;
    }
    let Ok(analysis) = analyse(&config) else {
        return;
    };
    match &analysis.view {
        View::Curve { main, overlays } => {
            let curves = std::iter::once(main.as_ref()).chain(overlays);
            for curve in curves {
                assert!(
                    curve.sweep.ll.iter().all(|ll| !ll.is_nan()),
                    "NaN in the sweep"
                );
                assert!(!curve.inference.ll_max.is_nan());
            }
        }
        View::Surface(s) => {
            assert!(
                s.surface.ll.iter().all(|ll| !ll.is_nan()),
                "NaN in the surface"
            );
        }
    }
    let svg =
        export::bytes(Format::Svg, &analysis, &config).expect("a checked config always renders");
    assert!(!svg.is_empty());
});
