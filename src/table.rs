//! Data of several named columns, for a user's model (`--logf`): one number per line without
//! a header (the column is then `x`), or columns separated by commas, tabs or spaces under a
//! header line that names them (`dose,resp`).
//!
//! The single-column reader of the built-in families ([`crate::data`]) is parallel and
//! streams into sufficient statistics; this one streams rows in batches into the model's
//! observations ([`Model::observe_rows`]), so that a row the expression can make no likelihood
//! of is named by its line. The same conventions hold: blank lines and lines starting with
//! `#` are skipped, a byte-order mark before the first line is ignored, CRLF is fine, and a
//! line longer than [`MAX_LINE`] bytes is refused rather than buffered. Every error names the
//! file and the line, and the column where one is at fault. Standard input (`--data -`) is
//! read into memory once, since its header and its rows are read at two different times.
//! Lines, fields and headers are those of [`crate::rows`], which `--column` shares.

use crate::data::DataSource;
use crate::error::{Error, Result};
use crate::family::SufficientStats;
use crate::model::Model;
use crate::rows::{fields, header_of, Lines};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::OnceLock;

pub use crate::rows::MAX_LINE;
/// Rows handed to the model at once.
pub(crate) const BATCH: usize = 1 << 14;

/// Standard input, read once and kept: the header is needed before the expression is
/// compiled and the rows after it, and a pipe cannot be read twice.
static STDIN: OnceLock<std::result::Result<Vec<u8>, (io::ErrorKind, String)>> = OnceLock::new();

fn stdin_bytes() -> Result<&'static [u8]> {
    let kept = STDIN.get_or_init(|| {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| (e.kind(), e.to_string()))
    });
    match kept {
        Ok(bytes) => Ok(bytes),
        Err((kind, message)) => Err(Error::Read {
            path: "<stdin>".into(),
            source: io::Error::new(*kind, message.clone()),
        }),
    }
}

/// The column names of a file's data: its header's, or `x` for one headerless column. The
/// configuration needs them before the expression can be compiled (its parameters are the
/// names that are not columns).
pub fn read_header(source: &DataSource) -> Result<Vec<String>> {
    let mut lines = open_lines(source)?;
    match lines.next_content()? {
        Some((line, text)) => Ok(header_of(&lines.name, line, &text, false)?.0),
        None => Err(no_observations(source)),
    }
}

/// Whether the header of `source` names exactly `expected`, the columns of a built-in
/// model of rows (`model`, for the message): checked before any work, with the line named.
pub fn check_columns(source: &DataSource, expected: &[String], model: &str) -> Result<()> {
    let mut lines = open_lines(source)?;
    let Some((line, text)) = lines.next_content()? else {
        return Err(no_observations(source));
    };
    let (names, header) = header_of(&lines.name, line, &text, false)?;
    if header && names == expected {
        return Ok(());
    }
    let wanted = expected.join(",");
    Err(Error::Data {
        source_name: lines.name.clone(),
        line,
        message: if header {
            format!(
                "the header names the columns {}, but a {model} model reads the columns {wanted} (a header line '{wanted}')",
                names.join(", ")
            )
        } else {
            format!("no header line: a {model} model reads rows under a header line '{wanted}'")
        },
    })
}

/// Reads every row of `source` into the observations of `model` (whose [`Model::columns`]
/// must be the file's).
pub fn read_rows(model: &dyn Model, source: &DataSource) -> Result<SufficientStats> {
    let mut lines = open_lines(source)?;
    let Some((first, text)) = lines.next_content()? else {
        return Err(no_observations(source));
    };
    let (names, header) = header_of(&lines.name, first, &text, false)?;
    let expected = model.columns().unwrap_or_default();
    if names != expected {
        return Err(Error::Data {
            source_name: lines.name.clone(),
            line: first,
            message: format!(
                "the columns changed while the file was read: {} instead of {}",
                names.join(", "),
                expected.join(", ")
            ),
        });
    }
    let mut stats = SufficientStats::default();
    let mut columns: Vec<Vec<f64>> = vec![Vec::with_capacity(BATCH); names.len()];
    let mut at: Vec<u64> = Vec::with_capacity(BATCH);
    let mut flush = |columns: &mut Vec<Vec<f64>>, at: &mut Vec<u64>, name: &str| -> Result<()> {
        let batch: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        if let Err(i) = model.observe_rows(&mut stats, &batch) {
            let row: Vec<f64> = batch.iter().map(|c| c[i]).collect();
            if let Err(why) = model.check_row(&row) {
                return Err(Error::Data {
                    source_name: name.to_string(),
                    line: at[i],
                    message: why,
                });
            }
            let values: Vec<String> = names
                .iter()
                .zip(&batch)
                .map(|(n, c)| format!("{n} = {}", crate::digits::shortest(c[i])))
                .collect();
            return Err(Error::Data {
                source_name: name.to_string(),
                line: at[i],
                message: format!(
                    "the expression is NaN or +∞ at this row ({}) for every parameter value in the bounds",
                    values.join(", ")
                ),
            });
        }
        columns.iter_mut().for_each(Vec::clear);
        at.clear();
        Ok(())
    };
    if !header {
        push_row(&lines.name, first, &text, &names, &mut columns)?;
        at.push(first);
    }
    while let Some((line, text)) = lines.next_content()? {
        push_row(&lines.name, line, &text, &names, &mut columns)?;
        at.push(line);
        if at.len() == BATCH {
            flush(&mut columns, &mut at, &lines.name)?;
        }
    }
    if !at.is_empty() {
        flush(&mut columns, &mut at, &lines.name)?;
    }
    if stats.n == 0 {
        return Err(no_observations(source));
    }
    Ok(stats)
}

/// The header's names, the first `cap` rows of `source` as columns, and the number of rows:
/// the interactive page's data panel and its nested prefixes of the data. The file was read
/// and checked by [`read_rows`] before; the same errors hold here.
pub type Columns = (Vec<String>, Vec<Vec<f64>>, u64);

/// Reads [`Columns`].
pub fn read_columns(source: &DataSource, cap: usize) -> Result<Columns> {
    let mut lines = open_lines(source)?;
    let Some((first, text)) = lines.next_content()? else {
        return Err(no_observations(source));
    };
    let (names, header) = header_of(&lines.name, first, &text, false)?;
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
    let mut rows = 0u64;
    let mut row = |line: u64, text: &str, columns: &mut Vec<Vec<f64>>| -> Result<()> {
        if (rows as usize) < cap {
            push_row(&lines_name(source), line, text, &names, columns)?;
        }
        rows += 1;
        Ok(())
    };
    if !header {
        row(first, &text, &mut columns)?;
    }
    while let Some((line, text)) = lines.next_content()? {
        row(line, &text, &mut columns)?;
    }
    Ok((names.clone(), columns, rows))
}

fn lines_name(source: &DataSource) -> String {
    source.name()
}

fn no_observations(source: &DataSource) -> Error {
    Error::Dataset {
        source_name: source.name(),
        message: "no observations (the input is empty or holds only blank and comment lines)"
            .to_string(),
    }
}

/// Parses one data row into the columns.
fn push_row(
    name: &str,
    line: u64,
    text: &str,
    names: &[String],
    columns: &mut [Vec<f64>],
) -> Result<()> {
    let bad = |message: String| Error::Data {
        source_name: name.to_string(),
        line,
        message,
    };
    let parts = fields(text, false);
    if parts.len() != names.len() {
        return Err(bad(format!(
            "{} value{} on the line, but the header names {} column{} ({})",
            parts.len(),
            if parts.len() == 1 { "" } else { "s" },
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        )));
    }
    for (k, part) in parts.iter().enumerate() {
        let shown: String = part.chars().take(40).collect();
        let value = match part.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            Ok(_) => {
                return Err(bad(format!(
                    "column {} ({}): '{shown}' is not a finite number",
                    k + 1,
                    names[k]
                )))
            }
            Err(_) => {
                return Err(bad(format!(
                    "column {} ({}): '{shown}' is not a number",
                    k + 1,
                    names[k]
                )))
            }
        };
        columns[k].push(value);
    }
    Ok(())
}

/// The lines of a source, blank and comment lines skipped.
fn open_lines(source: &DataSource) -> Result<Lines<Box<dyn BufRead>>> {
    let reader: Box<dyn BufRead> = match source {
        DataSource::Stdin => Box::new(io::Cursor::new(stdin_bytes()?)),
        DataSource::Memory { text, .. } => Box::new(io::Cursor::new(text.clone())),
        DataSource::File(path) => Box::new(BufReader::with_capacity(
            1 << 16,
            File::open(path).map_err(|e| Error::Read {
                path: path.clone(),
                source: e,
            })?,
        )),
    };
    Ok(Lines::new(reader, source.name()))
}
