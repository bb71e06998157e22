//! The `nllplot` command: parse, run, report. Exit status 0 on success, 1 on failure, 2 on a
//! usage error, 130 when interrupted; every error is one line on stderr.

mod cli;

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Ctrl-C mid-run: remove any staged temporary output, then exit as shells expect of an
    // interrupted command (128 + SIGINT). Outputs are renamed into place all at once under the
    // same lock, so the targets are either all old or all new.
    let _ = ctrlc::set_handler(|| {
        let _staged = nllplot::export::writer::abandon();
        std::process::exit(130);
    });
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print(); // --help, --version
            return ExitCode::SUCCESS;
        }
        Err(e) => return fail(&one_line(&e.render().to_string()), 2),
    };
    let result = nllplot::Config::from_request(cli.into_request())
        .and_then(|config| Ok((nllplot::run_any(&config)?, config)));
    match result {
        Ok((computed, config)) => {
            let paths: Vec<_> = config
                .outputs
                .iter()
                .map(|o| o.path.display().to_string())
                .collect();
            let line = match computed {
                nllplot::Computed::Curve(outcome) => {
                    let s = &outcome.summary;
                    format!(
                        "{}: n = {}, {}̂ = {}, LL = {}",
                        s.dist, s.n, s.param, s.mle, s.ll_max
                    )
                }
                nllplot::Computed::Surface(outcome) => {
                    let s = &outcome.summary;
                    format!(
                        "{}: n = {}, ({}, {}) = ({}, {}), LL = {}",
                        s.dist, s.n, s.params[0], s.params[1], s.mle[0], s.mle[1], s.ll_max
                    )
                }
            };
            // A closed pipe (`nllplot | head -0`) is not a failure: the files are written.
            let _ = writeln!(std::io::stdout(), "{line}; wrote {}", paths.join(", "));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("error: {e}"), e.exit_code()),
    }
}

/// clap's multi-line report folded into one line, without the usage block.
fn one_line(rendered: &str) -> String {
    rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn fail(message: &str, code: u8) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{message}");
    ExitCode::from(code)
}
