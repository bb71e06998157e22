//! The rows of a text data file with columns: its lines (numbered, blank and comment lines
//! skipped), their fields, the header that names them and the numbers in them.
//!
//! Both readers of columns use it: [`crate::table`] for a user's model (`--logf`) and
//! [`crate::data`] for `--column` of a built-in family, so that a file is split, commented
//! and refused the same way whichever reads it. It knows nothing of where the bytes come
//! from: each reader opens its source and hands the lines here.

use crate::error::{Error, Result};
use std::io::{self, BufRead, Read};

/// The longest line read, in bytes: a longer one is not data a person wrote.
pub const MAX_LINE: usize = 4096;

/// The lines of a source, numbered from 1; blank and comment lines skipped, a trailing
/// `# comment` cut off.
pub struct Lines<R> {
    reader: R,
    pub name: String,
    line: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    /// `name` is how errors name the source.
    pub fn new(reader: R, name: String) -> Lines<R> {
        Lines {
            reader,
            name,
            line: 0,
            buf: Vec::new(),
        }
    }

    /// The next line with content, without its end, its comment and surrounding spaces.
    pub fn next_content(&mut self) -> Result<Option<(u64, String)>> {
        loop {
            self.buf.clear();
            // One byte past the limit tells a line that is too long from one that fits.
            let read = (&mut self.reader)
                .take(MAX_LINE as u64 + 2)
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| Error::Read {
                    path: self.name.clone().into(),
                    source: e,
                })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            let mut bytes = &self.buf[..];
            if self.line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let ended = bytes.last() == Some(&b'\n');
            let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            let body = body.strip_suffix(b"\r").unwrap_or(body);
            if body.len() > MAX_LINE || (!ended && read > MAX_LINE) {
                return Err(Error::Data {
                    source_name: self.name.clone(),
                    line: self.line,
                    message: format!("the line is longer than {MAX_LINE} bytes"),
                });
            }
            let text = std::str::from_utf8(body).map_err(|_| Error::Data {
                source_name: self.name.clone(),
                line: self.line,
                message: "the line is not UTF-8 text".to_string(),
            })?;
            let text = content(text);
            if text.is_empty() {
                continue;
            }
            return Ok(Some((self.line, text.to_string())));
        }
    }
}

/// A line without its `# comment` and surrounding spaces (empty for a comment line).
pub fn content(text: &str) -> &str {
    text.split('#').next().unwrap_or("").trim()
}

/// The fields of a line: split at `;` when it has one, else at commas when it has one (and
/// commas are not decimal commas), else at tabs and spaces. A separator inside double quotes
/// does not split, and the quotes around a field are dropped.
pub fn fields(text: &str, decimal_comma: bool) -> Vec<&str> {
    let separator = if text.contains(';') {
        Some(b';')
    } else if !decimal_comma && text.contains(',') {
        Some(b',')
    } else {
        None
    };
    let Some(separator) = separator else {
        return text.split_whitespace().map(unquote).collect();
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == separator && !quoted {
            parts.push(unquote(&text[start..i]));
            start = i + 1;
        }
    }
    parts.push(unquote(&text[start..]));
    parts
}

fn unquote(field: &str) -> &str {
    let field = field.trim();
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => inner.trim(),
        None => field,
    }
}

/// The column names from the first line with content, and whether it was a header: a line
/// of numbers is a headerless single column `x`.
pub fn header_of(
    name: &str,
    line: u64,
    text: &str,
    decimal_comma: bool,
) -> Result<(Vec<String>, bool)> {
    let bad = |message: String| Error::Data {
        source_name: name.to_string(),
        line,
        message,
    };
    let parts = fields(text, decimal_comma);
    if parts
        .iter()
        .all(|f| number(f, decimal_comma).is_ok() || decimal_comma_in(f))
    {
        if parts.len() == 1 {
            return Ok((vec!["x".to_string()], false));
        }
        return Err(bad(format!(
            "{} values on a line but no header line naming the columns; start the file with one (e.g. {})",
            parts.len(),
            (0..parts.len())
                .map(|k| ["x", "y", "z"].get(k).map_or(format!("c{k}"), |s| s.to_string()))
                .collect::<Vec<_>>()
                .join(",")
        )));
    }
    let mut names: Vec<String> = Vec::with_capacity(parts.len());
    for (k, part) in parts.iter().enumerate() {
        let ok = part
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && part.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !ok {
            return Err(bad(format!(
                "column {}: '{part}' is not a column name (a header names each column with letters, digits and _, starting with a letter)",
                k + 1
            )));
        }
        if names.iter().any(|n| n == part) {
            return Err(bad(format!(
                "column {}: the header names '{part}' twice",
                k + 1
            )));
        }
        names.push(part.to_string());
    }
    Ok((names, true))
}

/// Whether `text` is a number written with a decimal comma (`3,5`, `-0,25e3`).
pub fn decimal_comma_in(text: &str) -> bool {
    text.bytes().filter(|&b| b == b',').count() == 1
        && !text.contains('.')
        && text.replace(',', ".").parse::<f64>().is_ok()
}

/// The hint for a number written with a decimal comma that was not asked for.
pub fn decimal_comma_hint(shown: &str) -> String {
    format!(
        "'{shown}' has a decimal comma; pass --decimal-comma to read it as {} (columns are then separated by ';', tabs or spaces)",
        shown.replace(',', ".")
    )
}

/// One finite number of a field, read with a decimal comma when `decimal_comma` is set; the
/// error is the reason it is not one, without the column.
pub fn number(text: &str, decimal_comma: bool) -> std::result::Result<f64, String> {
    let shown: String = text.chars().take(40).collect();
    let parsed = if decimal_comma && text.contains(',') && !text.contains('.') {
        text.replacen(',', ".", 1).parse::<f64>()
    } else {
        text.parse::<f64>()
    };
    match parsed {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("'{shown}' is not a finite number")),
        Err(_) if !decimal_comma && decimal_comma_in(text) => Err(decimal_comma_hint(&shown)),
        Err(_) => Err(format!("'{shown}' is not a number")),
    }
}

/// Unused bytes first, then the rest of a reader: what was read to look at the first lines
/// is read again by whoever reads the whole input.
pub fn replay<R: Read>(prefix: Vec<u8>, rest: R) -> io::Chain<io::Cursor<Vec<u8>>, R> {
    io::Cursor::new(prefix).chain(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_at_semicolons_commas_or_blanks() {
        assert_eq!(fields("1, 2,3", false), ["1", "2", "3"]);
        assert_eq!(fields("1\t2  3", false), ["1", "2", "3"]);
        assert_eq!(fields("1,,2", false), ["1", "", "2"]);
        assert_eq!(fields("\"3,5\",2", false), ["3,5", "2"]);
        assert_eq!(fields("3,5;2", true), ["3,5", "2"]);
        assert_eq!(fields("3,5\t2", true), ["3,5", "2"]);
    }

    #[test]
    fn decimal_commas_are_refused_with_a_hint_unless_asked_for() {
        assert!(number("3,5", false)
            .unwrap_err()
            .contains("--decimal-comma"));
        assert_eq!(number("3,5", true), Ok(3.5));
        assert_eq!(number("3.5", true), Ok(3.5));
        assert!(!number("abc", false)
            .unwrap_err()
            .contains("--decimal-comma"));
    }

    #[test]
    fn a_trailing_comment_is_not_content() {
        assert_eq!(content("  3.5  # first trial"), "3.5");
        assert_eq!(content("# all comment"), "");
    }

    #[test]
    fn a_line_of_numbers_is_one_headerless_column() {
        assert_eq!(
            header_of("f", 1, "3.5", false).unwrap(),
            (vec!["x".to_string()], false)
        );
        assert!(header_of("f", 1, "1,2", false)
            .unwrap_err()
            .to_string()
            .contains("no header line"));
        assert_eq!(
            header_of("f", 1, "dose,resp", false).unwrap(),
            (vec!["dose".to_string(), "resp".to_string()], true)
        );
        assert!(header_of("f", 1, "x,x", false)
            .unwrap_err()
            .to_string()
            .contains("twice"));
    }
}
