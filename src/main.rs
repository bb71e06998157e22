//! The `nllplot` command: parse, run, report. Exit status 0 on success, 1 on failure, 2 on a
//! usage error, 130 when interrupted; every error is one line on stderr.
//!
//! Without a subcommand nllplot draws one figure, or one per `--spec` file; `completions` and
//! `man` print what a package or a user installs beside the binary.

mod bar;
mod cli;
mod spec;

use clap::{ArgMatches, CommandFactory, FromArgMatches};
use std::ffi::OsString;
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
    let args: Vec<OsString> = std::env::args_os().collect();
    let cmd = cli::Cli::command();
    let matches = match cmd.clone().try_get_matches_from(&args) {
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
                return fail(&format!("error: cannot write the man page: {e}"), 1);
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
            return fail(
                "error: --print-spec prints one spec: give one --spec file",
                2,
            );
        }
        for path in &cli.spec {
            let loaded = spec::Spec::load(&cmd, path)
                .and_then(|s| s.merge(&cmd, &args, &matches).map(|m| (s, m)));
            match loaded {
                Ok((s, m)) => runs.push((Some(s), m)),
                Err(message) => return fail(&format!("error: {message}"), 2),
            }
        }
    }
    if cli.print_spec {
        return print_bytes(spec::print(&cmd, &runs[0].1).as_bytes());
    }
    for (spec, matches) in &runs {
        if let Err((message, code)) = draw(&cmd, spec.as_ref(), matches) {
            return fail(&message, code);
        }
    }
    ExitCode::SUCCESS
}

/// Draws one figure; on failure, the message to print and the exit status.
fn draw(
    cmd: &clap::Command,
    spec: Option<&spec::Spec>,
    matches: &ArgMatches,
) -> Result<(), (String, u8)> {
    let cli = cli::Cli::from_arg_matches(matches)
        .map_err(|e| (format!("error: {}", one_line(&e.render().to_string())), 2))?;
    let quiet = cli.quiet;
    let request = cli
        .into_request()
        .map_err(|message| (format!("error: {message}"), 2))?;
    let bar = bar::Bar::for_stderr(quiet);
    let result = nllplot::Config::from_request(request)
        .and_then(|config| Ok((nllplot::run_any(&config, &bar)?, config)));
    match result {
        Ok((computed, config)) => {
            if !quiet {
                // A closed pipe (`nllplot | head -0`) is not a failure: the files are written.
                let _ = writeln!(std::io::stdout(), "{}", computed.report(&config));
            }
            Ok(())
        }
        Err(e) => {
            let message = e.to_string();
            Err((
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
fn print_bytes(bytes: &[u8]) -> ExitCode {
    match std::io::stdout().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            fail(&format!("error: cannot write to standard output: {e}"), 1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn clap_failure(e: clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print(); // --help, --version
        return ExitCode::SUCCESS;
    }
    fail(&one_line(&e.render().to_string()), 2)
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
