//! The one error of the expression language: a sentence, and the column it is about.
//!
//! The engine does not know which option or spec-file key the text came from, so it leaves
//! that prefix to the caller ([`ExprError::usage`] adds it): the command line prints
//! `--logf: column 12: expected ')' after 'lam'`, a spec file could print `logf: …`.

use std::fmt;

/// Why an expression was refused. Renders as one line: `column N: …` when the problem is at
/// a place in the text, the bare sentence when it is about the whole expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    column: Option<usize>,
    message: String,
}

impl ExprError {
    pub(crate) fn at(column: usize, message: impl Into<String>) -> Self {
        ExprError {
            column: Some(column),
            message: message.into(),
        }
    }

    pub(crate) fn whole(message: impl Into<String>) -> Self {
        ExprError {
            column: None,
            message: message.into(),
        }
    }

    /// The 1-based column (in characters) the problem is at, if it is at one.
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// The sentence without the column.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The usage error the command line reports, prefixed with where the text came from
    /// (`"--logf"`): exit status 2.
    pub fn usage(&self, origin: &str) -> crate::Error {
        crate::Error::Usage(format!("{origin}: {self}"))
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(f, "column {c}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ExprError {}

/// The closest of `candidates` to `word` by edit distance, when it is close enough to be what
/// was meant: at most two edits, and fewer than the letters of either word (so that `x` is
/// never "near" `w`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let letters = word.chars().count();
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| d <= 2 && d < letters && d < c.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, with a swap of two neighbours counting as one edit ("lgmama").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names_are_suggested_and_far_ones_are_not() {
        let names = ["lgamma", "digamma", "ln", "log", "exp"];
        assert_eq!(did_you_mean("lgama", names), Some("lgamma"));
        assert_eq!(did_you_mean("lgmama", names), Some("lgamma"));
        assert_eq!(did_you_mean("digama", names), Some("digamma"));
        assert_eq!(did_you_mean("lm", names), Some("ln"));
        assert_eq!(did_you_mean("gamma", names), Some("lgamma"));
        assert_eq!(did_you_mean("sinh", names), None);
        assert_eq!(did_you_mean("lamda", ["lam", "w"]), Some("lam"));
        assert_eq!(did_you_mean("x", ["lam", "w"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn errors_render_as_one_line_with_their_column() {
        let e = ExprError::at(12, "expected ')' after 'lam'");
        assert_eq!(e.to_string(), "column 12: expected ')' after 'lam'");
        assert_eq!(
            e.usage("--logf").to_string(),
            "--logf: column 12: expected ')' after 'lam'"
        );
        assert_eq!(e.usage("--logf").exit_code(), 2);
        assert_eq!(
            ExprError::whole("no parameters").to_string(),
            "no parameters"
        );
    }
}
