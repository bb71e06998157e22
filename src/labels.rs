//! Every piece of figure text as a named, replaceable template: `--label KEY=TEXT` and the
//! `[labels]` table of a spec file.
//!
//! A French or Chinese textbook needs every word of the figure in its language, and the
//! numbers still filled in by nllplot: so a label is a template whose `{placeholders}` (the
//! estimate, the interval, n …) are expanded when the figure is drawn, with the same number
//! formatting as the default text. Keys and placeholders are checked when the options are,
//! before any work; `{{` and `}}` stand for literal braces.
//!
//! This module is pure data and string handling, so that the config (which checks labels)
//! and the renderer (which expands them) can both use it.

use std::collections::BTreeMap;

/// The keys of the one-parameter figures, each with what it names (listed in the README).
pub const KEYS: [(&str, &str); 24] = [
    ("title", "the figure's title"),
    (
        "subtitle",
        "the line under the title (data source, grid, concavity)",
    ),
    ("caption", "the footer caption with the numbers"),
    ("ll-title", "the title of the LL panel"),
    ("nll-title", "the title of the NLL panel"),
    (
        "overlay-title",
        "the title of the overlay layout's one panel",
    ),
    ("x", "the x axis title"),
    ("ll-y", "the LL axis title"),
    ("nll-y", "the NLL axis title"),
    ("legend-ll", "the legend entry of the LL curve"),
    ("legend-nll", "the legend entry of the NLL curve"),
    ("legend-mle", "the legend entry of the estimate's line"),
    ("legend-truth", "the legend entry of the true value's line"),
    (
        "legend-interval",
        "the legend entry of the likelihood-ratio interval and its threshold",
    ),
    ("legend-wald", "the legend entry of the Wald parabola"),
    ("legend-se", "the legend entry of the ±SE bar"),
    (
        "legend-n",
        "the legend entry of each overlaid sample size ({n} is its n)",
    ),
    ("mle-label", "the label at the estimate's line"),
    ("truth-label", "the label at the true value's line"),
    (
        "equal-label",
        "the one label when the estimate equals the true value",
    ),
    (
        "infinite",
        "the note in a panel whose curve is infinite at every grid point",
    ),
    ("data-title", "the title of a regression model's data panel"),
    ("data-x", "the data panel's x axis title"),
    ("data-y", "the data panel's y axis title"),
];

/// The placeholders a template may use, each with what it stands for.
pub const PLACEHOLDERS: [(&str, &str); 15] = [
    ("n", "the sample size"),
    ("param", "the parameter's symbol (p, λ, logit p)"),
    ("hat", "the estimate's symbol (p̂)"),
    ("mle", "the estimate, with the interval's decimals"),
    ("true", "the true value of synthetic data"),
    ("level", "the confidence level (95 %)"),
    (
        "threshold",
        "the rise of NLL at the interval's ends (1.921)",
    ),
    ("lo", "the interval's lower end"),
    ("hi", "the interval's upper end"),
    ("interval", "the likelihood-ratio interval, [lo, hi]"),
    ("wald", "the Wald interval"),
    ("se", "the standard error"),
    ("j", "the observed Fisher information"),
    ("seed", "the seed of synthetic data"),
    ("points", "the number of grid points"),
];

/// The labels a figure was given: key → template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels(BTreeMap<String, String>);

impl Labels {
    /// Checked labels from `KEY=TEXT` arguments; a later one for the same key replaces an
    /// earlier one (a command-line `--label` overrides a spec's).
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Labels, String> {
        let mut map = BTreeMap::new();
        for arg in args {
            let arg = arg.as_ref();
            let (key, text) = arg.split_once('=').ok_or_else(|| {
                format!("--label takes KEY=TEXT (e.g. --label title=Likelihood), not '{arg}'")
            })?;
            let key = key.trim();
            check_key(key)?;
            check_template(key, text)?;
            map.insert(key.to_string(), text.to_string());
        }
        Ok(Labels(map))
    }

    /// Sets one label, checked.
    pub fn insert(&mut self, key: &str, text: &str) -> Result<(), String> {
        check_key(key)?;
        check_template(key, text)?;
        self.0.insert(key.to_string(), text.to_string());
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn check_key(key: &str) -> Result<(), String> {
    if KEYS.iter().any(|(k, _)| *k == key) {
        return Ok(());
    }
    let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
    Err(format!(
        "--label: unknown key '{key}' (keys: {})",
        keys.join(", ")
    ))
}

/// A template's pieces: literal text and placeholder names.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'a> {
    Text(String),
    Placeholder(&'a str),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if let Some(stripped) = tail.strip_prefix('{') {
            let end = stripped
                .find('}')
                .ok_or_else(|| "has a '{' without its '}' (write {{ for a brace)".to_string())?;
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(Piece::Placeholder(stripped[..end].trim()));
            rest = &stripped[end + 1..];
        } else {
            return Err("has a '}' without its '{' (write }} for a brace)".to_string());
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
}

fn check_template(key: &str, text: &str) -> Result<(), String> {
    let bad = |why: String| format!("--label {key}={text}: {why}");
    for piece in pieces(text).map_err(bad)? {
        if let Piece::Placeholder(name) = piece {
            if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
                let names: Vec<String> = PLACEHOLDERS
                    .iter()
                    .map(|(p, _)| format!("{{{p}}}"))
                    .collect();
                return Err(bad(format!(
                    "unknown placeholder {{{name}}} (placeholders: {})",
                    names.join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// The literal text of a template (its placeholders left out), for checking that the font
/// has every character before anything is drawn.
pub fn literal_text(template: &str) -> String {
    pieces(template)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t),
            Piece::Placeholder(_) => None,
        })
        .collect()
}

/// A checked template with its placeholders replaced by `value` (a placeholder with no value,
/// such as {true} for observed data, becomes "–").
pub fn expand(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    match pieces(template) {
        Ok(ps) => ps
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => t,
                Piece::Placeholder(name) => value(name).unwrap_or_else(|| "–".to_string()),
            })
            .collect(),
        Err(_) => template.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_parse_and_expand() {
        let labels = Labels::parse(&[
            "title=似然函数 n = {n}",
            "x=Erfolgswahrscheinlichkeit {param}",
        ])
        .unwrap();
        let value = |name: &str| match name {
            "n" => Some("100".to_string()),
            "param" => Some("p".to_string()),
            _ => None,
        };
        assert_eq!(
            expand(labels.get("title").unwrap(), &value),
            "似然函数 n = 100"
        );
        assert_eq!(
            expand(labels.get("x").unwrap(), &value),
            "Erfolgswahrscheinlichkeit p"
        );
        assert_eq!(expand("{{braces}} {true}", &value), "{braces} –");
        assert_eq!(literal_text("a {n} b"), "a  b");
    }

    #[test]
    fn bad_labels_say_what_is_wrong() {
        let err = Labels::parse(&["titel=x"]).unwrap_err();
        assert!(
            err.contains("unknown key 'titel'") && err.contains("title, subtitle"),
            "{err}"
        );
        let err = Labels::parse(&["title"]).unwrap_err();
        assert!(err.contains("KEY=TEXT"), "{err}");
        let err = Labels::parse(&["title=n = {m}"]).unwrap_err();
        assert!(
            err.contains("unknown placeholder {m}") && err.contains("{mle}"),
            "{err}"
        );
        let err = Labels::parse(&["title=a { b"]).unwrap_err();
        assert!(err.contains("without its '}'"), "{err}");
        let err = Labels::parse(&["title=a } b"]).unwrap_err();
        assert!(err.contains("without its '{'"), "{err}");
    }

    #[test]
    fn a_later_label_replaces_an_earlier_one() {
        let labels = Labels::parse(&["x=a", "x=b"]).unwrap();
        assert_eq!(labels.get("x"), Some("b"));
    }
}
