//! `nllplot._nllplot`, the native half of the Python package: the `nllplot` command and its
//! figures, called in the Python process.
//!
//! The command's own modules (`src/app.rs`, `cli.rs`, `spec.rs`, `bar.rs`, `message.rs`,
//! `threads.rs`) are compiled here by path rather than copied, so that a keyword argument of
//! `nllplot.figure(...)` is parsed, checked and refused by exactly the code that parses a
//! command line: the same option names, the same defaults, the same one-line errors. The
//! Python side (`python/nllplot/__init__.py`) turns keyword arguments into that command line
//! and observations into text; this side answers with bytes and never writes a file unless
//! asked to save one, and then through the library's atomic writer.

#![allow(dead_code)] // the command's modules carry what only its `main` uses

#[path = "../../src/app.rs"]
mod app;
#[path = "../../src/bar.rs"]
mod bar;
#[path = "../../src/cli.rs"]
mod cli;
#[path = "../../src/message.rs"]
mod message;
#[path = "../../src/spec.rs"]
mod spec;
#[path = "../../src/threads.rs"]
mod threads;

use clap::Parser;
use nllplot::config::Format;
use nllplot::data::DataSource;
use nllplot::{Config, Request};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Arc;

create_exception!(
    _nllplot,
    Error,
    PyValueError,
    "A refused option, bad data or an output that could not be written: the command's one-line message."
);

/// A failure as the Python exception, with the command's message (less its `error: `).
fn error(message: impl AsRef<str>) -> PyErr {
    let message = message.as_ref();
    Error::new_err(
        message
            .strip_prefix("error: ")
            .unwrap_or(message)
            .to_string(),
    )
}

/// The command line `args` (without the program name) as the library's request, with the
/// observations `data` (a name for messages and the text of a data file) if given.
fn request(args: &[String], data: Option<(String, Vec<u8>)>) -> PyResult<Request> {
    let given = args
        .iter()
        .any(|a| a == "--data" || a.starts_with("--data="));
    if data.is_some() && given {
        return Err(error(
            "give the observations once: data= as values or as a path",
        ));
    }
    // Values in memory stand where a data file would: the parser sees `--data -` (so that
    // options which need observed data, such as --column, are accepted), and the request then
    // takes the text in memory instead of standard input.
    let placeholder = data
        .as_ref()
        .map(|_| ["--data".to_string(), "-".to_string()]);
    let argv = std::iter::once("nllplot".to_string())
        .chain(args.iter().cloned())
        .chain(placeholder.into_iter().flatten());
    let cli = cli::Cli::try_parse_from(argv)
        .map_err(|e| error(message::one_line(&e.render().to_string())))?;
    if cli.command.is_some() || !cli.spec.is_empty() || cli.print_spec {
        return Err(error(
            "nllplot.figure takes figure options; subcommands, spec and print_spec are for the command line",
        ));
    }
    let mut request = cli.into_request().map_err(error)?;
    if let Some((name, text)) = data {
        request.data = Some(DataSource::Memory {
            name,
            text: Arc::from(text),
        });
    }
    Ok(request)
}

/// The format named by `name` (an output's extension, or csv/json).
fn format_of(name: &str) -> PyResult<Format> {
    Ok(match name {
        "svg" => Format::Svg,
        "png" => Format::Png,
        "pdf" => Format::Pdf,
        "html" => Format::Html,
        "gif" => Format::Gif,
        "csv" => Format::Csv,
        "json" => Format::Json,
        "tex" => Format::Tex,
        "typ" => Format::Typ,
        other => {
            return Err(error(format!(
                "unknown format '{other}': svg, png, pdf, html, gif, tex, typ, csv or json"
            )))
        }
    })
}

/// The figure of `args` and `data` in each of `formats`, as bytes; nothing is written.
///
/// The figure formats are requested as outputs (under names never written) so that the
/// analysis computes what they need: the page's curves for html, the frames for gif.
#[pyfunction]
#[pyo3(signature = (args, data, formats))]
fn render(
    py: Python<'_>,
    args: Vec<String>,
    data: Option<(String, Vec<u8>)>,
    formats: Vec<String>,
) -> PyResult<Vec<Py<PyBytes>>> {
    let formats = formats
        .iter()
        .map(|f| format_of(f))
        .collect::<PyResult<Vec<_>>>()?;
    let mut request = request(&args, data)?;
    request.out = formats
        .iter()
        .filter(|f| !matches!(f, Format::Csv | Format::Json))
        .map(|&f| PathBuf::from(format!("figure.{}", extension(f))))
        .collect();
    let bytes = py.detach(move || -> Result<Vec<Vec<u8>>, String> {
        let config = Config::from_request(request).map_err(|e| e.to_string())?;
        let analysis = nllplot::analyse(&config).map_err(|e| e.to_string())?;
        formats
            .iter()
            .map(|&f| nllplot::export::bytes(f, &analysis, &config).map_err(|e| e.to_string()))
            .collect()
    });
    let bytes = bytes.map_err(error)?;
    Ok(bytes.iter().map(|b| PyBytes::new(py, b).unbind()).collect())
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Svg => "svg",
        Format::Png => "png",
        Format::Pdf => "pdf",
        Format::Html => "html",
        Format::Gif => "gif",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Tex => "tex",
        Format::Typ => "typ",
    }
}

/// Runs the figure of `args` and `data` as the command does, writing its outputs (named in
/// `args`) atomically; returns the command's summary line.
#[pyfunction]
#[pyo3(signature = (args, data))]
fn save(py: Python<'_>, args: Vec<String>, data: Option<(String, Vec<u8>)>) -> PyResult<String> {
    let request = request(&args, data)?;
    py.detach(move || {
        let config = Config::from_request(request).map_err(|e| e.to_string())?;
        let analysis = nllplot::run(&config).map_err(|e| e.to_string())?;
        Ok::<_, String>(nllplot::report(&analysis, &config))
    })
    .map_err(error)
}

/// The `nllplot` command itself, for the console script the wheel installs: `argv` as
/// `sys.argv`; returns the exit status.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<String>) -> u8 {
    let args: Vec<OsString> = argv.into_iter().map(OsString::from).collect();
    py.detach(move || {
        app::clean_up_on_signals();
        match app::run(&args) {
            Ok(()) => 0,
            Err(failure) => failure.report_status(),
        }
    })
}

#[pymodule]
fn _nllplot(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(save, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    Ok(())
}
