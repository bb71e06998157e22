//! The `nllplot` command: parse, run, report. Exit status 0 on success, 1 on failure, 2 on a
//! usage error, 130, 143 or 129 when ended by SIGINT, SIGTERM or SIGHUP; every error is one
//! line on stderr. What the command does with its arguments is in `app.rs`.

mod app;
mod bar;
mod cli;
mod message;
mod spec;
mod threads;

use std::process::ExitCode;

fn main() -> ExitCode {
    app::clean_up_on_signals();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    match app::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}
