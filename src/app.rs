//! What the `nllplot` command does with its arguments: the subcommands (`completions`, `man`),
//! one figure per `--spec` file or one for the command line alone, and the one-line message
//! and exit status of every failure.
//!
//! Kept apart from `main.rs` so that the entry point reads in a glance, and so that every
//! failure travels back as a value ([`Failure`]) instead of exiting from deep inside.

use crate::message::{one_line, printable};
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

    /// Prints the message (control characters escaped) and gives the exit status.
    pub fn report(self) -> ExitCode {
        ExitCode::from(self.report_status())
    }

    /// Prints the message and gives the exit status as a number (for the Python package's
    /// console script, which exits through Python).
    pub fn report_status(self) -> u8 {
        let _ = writeln!(std::io::stderr(), "{}", printable(&self.message));
        self.code
    }
}

/// Ctrl-C (SIGINT), SIGTERM (a `kill`, a service manager stopping us) or SIGHUP (the terminal
/// closed) mid-run: remove any staged temporary output, then exit as shells expect of a command
/// ended by that signal (128 + its number: 130, 143, 129). Outputs are renamed into place all
/// at once under the same lock, so the targets are either all old or all new.
///
/// The signals are taken by signal-hook's iterator on a thread of ours rather than in a raw
/// handler, because the clean-up locks and allocates; the iterator also says which signal
/// came, which the exit status needs.
///
/// That thread first starts the thread pool, which every figure uses (see `threads`): its
/// threads are then made while this one parses the arguments, rather than after (a tenth of
/// a millisecond of the default figure's eight).
pub fn clean_up_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        // Without the handlers a signal ends the run as it would any program; nothing else
        // depends on them.
        return;
    };
    std::thread::spawn(move || {
        crate::threads::start();
        if let Some(signal) = signals.forever().next() {
            let _staged = nllplot::export::writer::abandon();
            std::process::exit(128 + signal);
        }
    });
}

/// Runs the command line `args` (program name first).
pub fn run(args: &[OsString]) -> Result<(), Failure> {
    let mut cmd = cli::Cli::command();
    let matches = match cmd.try_get_matches_from_mut(args) {
        Ok(m) => m,
        Err(e) => return clap_failure(e),
    };
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return clap_failure(e),
    };
    match cli.command {
        Some(cli::Command::Completions { shell }) => {
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
    // Figures of a book are drawn at once: two of them on standard output would interleave.
    let to_stdout = runs.iter().filter(|(_, m)| names_stdout(m)).count();
    if to_stdout > 1 {
        return Err(Failure::new(
            format!("error: {to_stdout} spec files write to standard output (-), which can take one output: write the others to files"),
            2,
        ));
    }
    // A figure must not replace a spec file, its own or another's (they are drawn at once):
    // checked before any is drawn. `draw` checks again with the outputs the config chose.
    for (_, matches) in &runs {
        for path in ["out", "csv", "json"]
            .iter()
            .filter_map(|id| matches.get_many::<std::path::PathBuf>(id))
            .flatten()
        {
            let target = nllplot::config::Target::from_arg(path);
            if let Some(spec) = cli.spec.iter().find(|spec| target.overwrites(spec)) {
                return Err(Failure::new(
                    format!(
                        "error: refusing to overwrite the spec file '{}' with the output '{target}'",
                        spec.display()
                    ),
                    2,
                ));
            }
        }
    }
    // Started here if the signal thread has not started it yet (or has none).
    crate::threads::start();
    let reports: Vec<_> = runs
        .par_iter()
        .map(|(spec, matches)| draw(&cmd, spec.as_ref(), matches, quiet_bars, &cli.spec))
        .collect();
    for (warnings, report) in reports {
        for warning in warnings {
            let _ = writeln!(std::io::stderr(), "warning: {}", printable(&warning));
        }
        if let Some(summary) = report? {
            // A closed pipe (`nllplot | head -0`) is not a failure: the files are written.
            let line = printable(&summary.line);
            if summary.to_stderr {
                let _ = writeln!(std::io::stderr(), "{line}");
            } else {
                let _ = writeln!(std::io::stdout(), "{line}");
            }
        }
    }
    Ok(())
}

/// The line a figure reports on success, and where: standard error when an output went to
/// standard output, so that the output stays what it says it is.
struct Summary {
    line: String,
    to_stderr: bool,
}

/// Whether a run's `--out`, `--csv` or `--json` is `-`.
fn names_stdout(matches: &ArgMatches) -> bool {
    ["out", "csv", "json"].iter().any(|id| {
        matches
            .get_many::<std::path::PathBuf>(id)
            .is_some_and(|mut paths| paths.any(|p| p.as_os_str() == "-"))
    })
}

/// Refuses an output that would overwrite a spec file of this run (any of the book's files:
/// the figures are drawn at once, so one figure's output must not be another's spec).
fn protect_specs(config: &nllplot::Config, specs: &[std::path::PathBuf]) -> nllplot::Result<()> {
    for out in &config.outputs {
        if let Some(spec) = specs.iter().find(|spec| out.target.overwrites(spec)) {
            return Err(nllplot::Error::Usage(format!(
                "refusing to overwrite the spec file '{}' with the output '{}'",
                spec.display(),
                out.target
            )));
        }
    }
    Ok(())
}

/// Draws one figure; gives its warnings and the line to print, both unless `--quiet`.
/// Warnings travel back with the result rather than being printed here, so that a book of
/// figures drawn at once reports them in the order of its files. `specs` are every spec file
/// of the command, which no output may replace.
fn draw(
    cmd: &clap::Command,
    spec: Option<&spec::Spec>,
    matches: &ArgMatches,
    quiet_bar: bool,
    specs: &[std::path::PathBuf],
) -> (Vec<String>, Result<Option<Summary>, Failure>) {
    let mut warnings = Vec::new();
    let result = draw_warning(cmd, spec, matches, quiet_bar, specs, &mut warnings);
    (warnings, result)
}

/// [`draw`], collecting the config's warnings into `warnings` (none with `--quiet`).
fn draw_warning(
    cmd: &clap::Command,
    spec: Option<&spec::Spec>,
    matches: &ArgMatches,
    quiet_bar: bool,
    specs: &[std::path::PathBuf],
    warnings: &mut Vec<String>,
) -> Result<Option<Summary>, Failure> {
    let cli = cli::Cli::from_arg_matches(matches)
        .map_err(|e| Failure::new(format!("error: {}", one_line(&e.render().to_string())), 2))?;
    let quiet = cli.quiet;
    let request = cli
        .into_request()
        .map_err(|message| Failure::new(format!("error: {message}"), 2))?;
    let bar = bar::Bar::for_stderr(quiet || quiet_bar);
    let result = nllplot::Config::from_request(request)
        .and_then(|config| protect_specs(&config, specs).map(|()| config))
        .and_then(|config| {
            if !quiet {
                let place = spec.map_or(String::new(), |s| format!("{}: ", s.path().display()));
                warnings.extend(config.warnings.iter().map(|w| format!("{place}{w}")));
            }
            Ok((nllplot::run_with(&config, &bar)?, config))
        });
    match result {
        Ok((computed, config)) => Ok((!quiet).then(|| Summary {
            line: nllplot::report(&computed, &config),
            to_stderr: config.outputs.iter().any(|o| o.target.is_stdout()),
        })),
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
