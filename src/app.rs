//! What the `nllplot` command does with its arguments: the subcommands (`completions`, `man`),
//! one figure per `--spec` file or one for the command line alone, and the one-line message
//! and exit status of every failure.
//!
//! Kept apart from `main.rs` so that the entry point reads in a glance, and so that every
//! failure travels back as a value ([`Failure`]) instead of exiting from deep inside.

use crate::message::one_line;
use crate::{bar, cli, spec};
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use rayon::prelude::*;
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

/// A failed run: the one line to print on stderr and the exit status (1 failure, 2 usage).
pub struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn new(message: impl Into<String>, code: u8) -> Failure {
        Failure {
            message: message.into(),
            code,
        }
    }

    /// Prints the message and gives the exit status.
    pub fn report(self) -> ExitCode {
        ExitCode::from(self.report_status())
    }

    /// Prints the message and gives the exit status as a number (for the Python package's
    /// console script, which exits through Python).
    pub fn report_status(self) -> u8 {
        let _ = writeln!(std::io::stderr(), "{}", self.message);
        self.code
    }
}

/// Ctrl-C mid-run: remove any staged temporary output, then exit as shells expect of an
/// interrupted command (128 + SIGINT). Outputs are renamed into place all at once under the
/// same lock, so the targets are either all old or all new.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let _staged = nllplot::export::writer::abandon();
        std::process::exit(130);
    });
}

/// Runs the command line `args` (program name first).
pub fn run(args: &[OsString]) -> Result<(), Failure> {
    let cmd = cli::Cli::command();
    let matches = match cmd.clone().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return clap_failure(e),
    };
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(e),
    };
    match cli.command {
        Some(cli::Command::Completions { shell }) => {
            let mut cmd = cmd;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "nllplot", &mut script);
            return print_bytes(&script);
        }
        Some(cli::Command::Man) => {
            let mut page = Vec::new();
            if let Err(e) = clap_mangen::Man::new(cmd).render(&mut page) {
                return Err(Failure::new(
                    format!("error: cannot write the man page: {e}"),
                    1,
                ));
            }
            return print_bytes(&page);
        }
        None => {}
    }

    // One run per spec file, or one for the command line alone.
    let mut runs: Vec<(Option<spec::Spec>, ArgMatches)> = Vec::new();
    if cli.spec.is_empty() {
        runs.push((None, matches.clone()));
    } else {
        if cli.print_spec && cli.spec.len() > 1 {
            return Err(Failure::new(
                "error: --print-spec prints one spec: give one --spec file",
                2,
            ));
        }
        for path in &cli.spec {
            let loaded = spec::Spec::load(&cmd, path)
                .and_then(|s| s.merge(&cmd, args, &matches).map(|m| (s, m)));
            match loaded {
                Ok((s, m)) => runs.push((Some(s), m)),
                Err(message) => return Err(Failure::new(format!("error: {message}"), 2)),
            }
        }
    }
    if cli.print_spec {
        return print_bytes(spec::print(&cmd, &runs[0].1).as_bytes());
    }
    // A book of figures: every figure is drawn at once on the thread pool (each is written
    // atomically on its own, as when alone), then the lines and the first error are reported
    // in the order of the files. Progress bars would overwrite each other: several figures
    // show none.
    let quiet_bars = runs.len() > 1;
    let reports: Vec<Result<Option<String>, Failure>> = runs
        .par_iter()
        .map(|(spec, matches)| draw(&cmd, spec.as_ref(), matches, quiet_bars))
        .collect();
    for report in reports {
        if let Some(line) = report? {
            // A closed pipe (`nllplot | head -0`) is not a failure: the files are written.
            let _ = writeln!(std::io::stdout(), "{line}");
        }
    }
    Ok(())
}

/// Draws one figure; gives the line to print unless `--quiet`.
fn draw(
    cmd: &clap::Command,
    spec: Option<&spec::Spec>,
    matches: &ArgMatches,
    quiet_bar: bool,
) -> Result<Option<String>, Failure> {
    let cli = cli::Cli::from_arg_matches(matches)
        .map_err(|e| Failure::new(format!("error: {}", one_line(&e.render().to_string())), 2))?;
    let quiet = cli.quiet;
    let request = cli
        .into_request()
        .map_err(|message| Failure::new(format!("error: {message}"), 2))?;
    let bar = bar::Bar::for_stderr(quiet || quiet_bar);
    let result = nllplot::Config::from_request(request)
        .and_then(|config| Ok((nllplot::run_with(&config, &bar)?, config)));
    match result {
        Ok((computed, config)) => Ok((!quiet).then(|| nllplot::report(&computed, &config))),
        Err(e) => {
            let message = e.to_string();
            Err(Failure::new(
                format!("error: {}{message}", spec_location(cmd, spec, &message)),
                e.exit_code(),
            ))
        }
    }
}

/// `figure.toml:3: ` when an error names an option (`--true 1.5 is not …`) that the spec set.
fn spec_location(cmd: &clap::Command, spec: Option<&spec::Spec>, message: &str) -> String {
    let Some(spec) = spec else {
        return String::new();
    };
    let named = message.split("--").skip(1).find_map(|rest| {
        let long: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        spec.line_of_option(cmd, &long)
    });
    match named {
        Some(line) => format!("{}:{line}: ", spec.path().display()),
        None => format!("{}: ", spec.path().display()),
    }
}

/// Writes to stdout; a closed pipe (`nllplot man | head`) is not a failure.
fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::new(
            format!("error: cannot write to standard output: {e}"),
            1,
        )),
        _ => Ok(()),
    }
}

/// `--help` and `--version` print and succeed; every other clap error is a usage failure.
fn clap_failure(e: clap::Error) -> Result<(), Failure> {
    if !e.use_stderr() {
        let _ = e.print();
        return Ok(());
    }
    Err(Failure::new(one_line(&e.render().to_string()), 2))
}
