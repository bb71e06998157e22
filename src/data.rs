//! Observed data: one number per line, read as a stream.
//!
//! Blank lines and lines starting with `#` are skipped; surrounding spaces, CRLF line ends and
//! scientific notation are accepted. Each value is checked against the family's support as it
//! is read and folded into the sufficient statistics, so a file of any size is read in
//! constant memory and an error names the exact line.

use crate::config::DataSource;
use crate::error::{Error, Result};
use crate::family::{Family, SufficientStats};
use crate::progress::{CountingReader, Progress, Silent, Task};
use std::fs::File;
use std::io::{self, BufRead, BufReader};

const BATCH: usize = 1024;

/// Reads the source to the end and returns the statistics of its observations.
pub fn read_stats(family: &dyn Family, source: &DataSource) -> Result<SufficientStats> {
    read_stats_with(family, source, &Silent)
}

/// [`read_stats`], reporting the bytes read from a file to `progress` (standard input has
/// no size to measure against, so it reports nothing).
pub fn read_stats_with(
    family: &dyn Family,
    source: &DataSource,
    progress: &dyn Progress,
) -> Result<SufficientStats> {
    match source {
        DataSource::Stdin => read_from(family, io::stdin().lock(), source),
        DataSource::File(path) => {
            let file = File::open(path).map_err(|e| Error::Read {
                path: path.clone(),
                source: e,
            })?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            progress.start(Task::Reading, size);
            let reader = CountingReader::new(BufReader::with_capacity(1 << 16, file), progress);
            let result = read_from(family, reader, source);
            progress.finish();
            result
        }
    }
}

/// Reads observations from any buffered reader; `source` names it in messages.
pub fn read_from<R: BufRead>(
    family: &dyn Family,
    mut reader: R,
    source: &DataSource,
) -> Result<SufficientStats> {
    let mut stats = SufficientStats::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut line = Vec::new();
    let mut number = 0u64;
    let data_error = |line: u64, message: String| Error::Data {
        source_name: source.name(),
        line,
        message,
    };
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| match source {
                DataSource::File(path) => Error::Read {
                    path: path.clone(),
                    source: e,
                },
                DataSource::Stdin => Error::Read {
                    path: "<stdin>".into(),
                    source: e,
                },
            })?;
        if read == 0 {
            break;
        }
        number += 1;
        let text = std::str::from_utf8(&line)
            .map_err(|_| data_error(number, "the line is not valid UTF-8 text".to_string()))?
            .trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let x = parse_value(text).map_err(|m| data_error(number, m))?;
        family.check(x).map_err(|why| {
            data_error(
                number,
                format!(
                    "{text} is not a possible {} observation: it {why}",
                    family.dist()
                ),
            )
        })?;
        batch.push(x);
        if batch.len() == BATCH {
            family.observe(&mut stats, &batch);
            batch.clear();
        }
    }
    family.observe(&mut stats, &batch);
    if stats.n == 0 {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: "no observations (the input is empty or holds only blank and comment lines)"
                .to_string(),
        });
    }
    Ok(stats)
}

/// One finite number, or the reason the text is not one.
fn parse_value(text: &str) -> std::result::Result<f64, String> {
    let shown = shorten(text);
    let x: f64 = text
        .parse()
        .map_err(|_| format!("'{shown}' is not a number"))?;
    if x.is_nan() {
        return Err(format!("'{shown}' is not a number (NaN)"));
    }
    if x.is_infinite() {
        let literal = text.trim_start_matches(['+', '-']).to_ascii_lowercase();
        return Err(if literal == "inf" || literal == "infinity" {
            format!("'{shown}' is infinite; observations must be finite")
        } else {
            format!("'{shown}' is too large for a 64-bit float")
        });
    }
    Ok(x)
}

/// Long garbage lines are cut so the error stays on one readable line.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::{Bernoulli, Normal, Poisson};

    fn read(family: &dyn Family, text: &str) -> Result<SufficientStats> {
        read_from(family, text.as_bytes(), &DataSource::File("d.txt".into()))
    }

    #[test]
    fn messy_files_are_read() {
        let text = "# counts of calls\r\n\r\n  3  \r\n# a comment\n4e0\n\t+2\n0.0\n1E1\n";
        let stats = read(&Poisson, text).unwrap();
        assert_eq!(stats.n, 5);
        assert_eq!(stats.sum.value(), 19.0);
        let stats = read(&Normal::new(1.0).unwrap(), "-1.5e-3\n2.5").unwrap();
        assert_eq!(stats.n, 2);
        assert_eq!(stats.mean(), (2.5 - 1.5e-3) / 2.0);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            ("1\n0\nabc\n", "d.txt:3: 'abc' is not a number"),
            (
                "1\n\n2\n",
                "d.txt:3: 2 is not a possible bernoulli observation",
            ),
            ("nan\n", "d.txt:1: 'nan' is not a number (NaN)"),
            ("1\n-inf\n", "d.txt:2: '-inf' is infinite"),
            ("1e999\n", "d.txt:1: '1e999' is too large"),
            ("# nothing\n\n", "d.txt: no observations"),
            ("", "d.txt: no observations"),
        ];
        for (text, says) in cases {
            let err = read(&Bernoulli, text).unwrap_err().to_string();
            assert!(err.starts_with(says), "'{err}' should start with '{says}'");
            assert!(!err.contains('\n'));
        }
        let err = read(&Poisson, "3\n2.5\n").unwrap_err().to_string();
        assert!(
            err.contains("d.txt:2") && err.contains("whole number"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let err = read_from(&Bernoulli, &b"1\n\xff\xfe\n"[..], &DataSource::Stdin)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "<stdin>:2: the line is not valid UTF-8 text");
    }
}
