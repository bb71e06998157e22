//! Figure spec files: every command-line option as a TOML key, so a book keeps one small file
//! per figure (`nllplot --spec figure.toml`), and `--print-spec` to write one.
//!
//! Part of the binary, not the library: a spec is a way of giving command-line arguments. The
//! mapping is built from clap's own definition of the command, never from a list of keys: a
//! key is an option's long name (`samples = 30`, `true = 0.3`, `text-as-paths = true`), and its
//! value is handed to clap as `--key=value`, so the same parsers and checks apply as on the
//! command line, and an option added to `cli.rs` is a spec key at once.
//!
//! - A list (`out = ["a.svg", "a.png"]`) gives a repeatable option once per element.
//! - `true`/`false` switch a flag on or leave it off.
//! - Values of options that take a file (their `value_hint` says so) are taken relative to the
//!   spec file's folder, so a spec works from wherever it is called; `-` stays standard
//!   input (`data`) or output (`out`, `csv`, `json`).
//! - Options on the command line override the spec: a key the command line also sets, or one
//!   that conflicts with an option it sets (`data` against `--samples`), is ignored.
//! - Errors name the file and line: `figure.toml:3: unknown key 'smaples' (did you mean
//!   'samples'?)`.

use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command, ValueHint};
use nllplot::config::TrueArg;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// Options that steer the command itself rather than describe a figure.
const NOT_IN_SPECS: [&str; 2] = ["spec", "print-spec"];

/// One key of a spec file, turned into command-line arguments.
#[derive(Debug)]
struct Entry {
    /// The clap id of the option.
    id: String,
    line: usize,
    args: Vec<OsString>,
}

/// A parsed spec file whose every key is a known option with a value clap accepts.
#[derive(Debug)]
pub struct Spec {
    path: PathBuf,
    entries: Vec<Entry>,
}

/// The options a spec file may set: everything with a long name except help, version and the
/// spec options themselves.
fn spec_args(cmd: &Command) -> impl Iterator<Item = &Arg> {
    cmd.get_arguments().filter(|a| {
        let steering = matches!(
            a.get_action(),
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong | ArgAction::Version
        );
        !steering && a.get_long().is_some_and(|l| !NOT_IN_SPECS.contains(&l))
    })
}

fn takes_path(arg: &Arg) -> bool {
    matches!(
        arg.get_value_hint(),
        ValueHint::FilePath | ValueHint::AnyPath | ValueHint::DirPath
    )
}

fn is_flag(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse)
}

/// Whether the option takes several values in one occurrence (`--size 12cm x 6cm`).
fn is_multi_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.max_values() > 1)
}

/// The largest spec file read: a figure's options take a few hundred bytes, and a larger
/// file (`--spec /dev/zero`, a data file named by mistake) is refused before it fills memory.
const MAX_SPEC_BYTES: u64 = 1 << 20;

/// A spec file's text, at most [`MAX_SPEC_BYTES`], without the byte-order mark some editors
/// write at its start.
fn read_text(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind, Read};
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidData,
            "it is larger than 1 MiB, far larger than any figure's options (is it a spec file?)",
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::InvalidData, "stream did not contain valid UTF-8"))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Spec {
    /// Reads and checks a spec file against the command's options.
    pub fn load(cmd: &Command, path: &Path) -> Result<Spec, String> {
        let name = path.display();
        let text = read_text(path).map_err(|e| format!("cannot read {name}: {e}"))?;
        let table = DeTable::parse(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start)).unwrap_or(1);
            format!("{name}:{line}: {}", e.message().trim().replace('\n', " "))
        })?;
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && *p != Path::new("."));
        let mut entries = Vec::new();
        for (key, value) in table.get_ref().iter() {
            let line = line_of(&text, key.span().start);
            let key = key.get_ref().as_ref();
            let at = |message: String| format!("{name}:{line}: {message}");
            // A `[labels]` table holds the figure's text: each entry is a `--label KEY=TEXT`.
            let labels = match (key, value.get_ref()) {
                (LABELS_TABLE, DeValue::Table(table)) => Some(labels_table(table).map_err(at)?),
                _ => None,
            };
            let key = if labels.is_some() { "label" } else { key };
            let arg = spec_args(cmd)
                .find(|a| a.get_long() == Some(key))
                .ok_or_else(|| at(unknown_key(cmd, key)))?;
            let mut values = Vec::new();
            match labels {
                Some(entries) => values = entries,
                None => flatten(value.get_ref(), &mut values)
                    .map_err(|why| at(format!("'{key}' {why}")))?,
            }
            let args = arguments(arg, key, &values, folder).map_err(at)?;
            // The value goes through clap alone first, so an error can name this line. An
            // option that requires another (`profile` needs `sweep`) is judged with the whole
            // spec, in `merge`.
            let mut check = vec![OsString::from(cmd.get_name())];
            check.extend(args.iter().cloned());
            if let Err(e) = cmd.clone().try_get_matches_from(check) {
                if e.kind() != clap::error::ErrorKind::MissingRequiredArgument {
                    return Err(at(clap_message(&e)));
                }
            }
            entries.push(Entry {
                id: arg.get_id().to_string(),
                line,
                args,
            });
        }
        entries.sort_by_key(|e| e.line);
        // Two keys that cannot go together, reported at the later one.
        for (i, later) in entries.iter().enumerate() {
            for earlier in &entries[..i] {
                if conflict(cmd, &later.id, &earlier.id) {
                    return Err(format!(
                        "{name}:{}: '{}' cannot be used with '{}' (line {})",
                        later.line,
                        long_of(cmd, &later.id),
                        long_of(cmd, &earlier.id),
                        earlier.line
                    ));
                }
            }
        }
        Ok(Spec {
            path: path.to_path_buf(),
            entries,
        })
    }

    /// The spec under the command line's arguments, parsed by clap as one command line.
    /// `cli_args` is the whole command line (program name first) and `cli` its matches.
    pub fn merge(
        &self,
        cmd: &Command,
        cli_args: &[OsString],
        cli: &ArgMatches,
    ) -> Result<ArgMatches, String> {
        let given: Vec<&str> = cmd
            .get_arguments()
            .map(|a| a.get_id().as_str())
            .filter(|id| cli.value_source(id) == Some(ValueSource::CommandLine))
            .collect();
        let mut args = vec![cli_args
            .first()
            .cloned()
            .unwrap_or_else(|| cmd.get_name().into())];
        for entry in &self.entries {
            let overridden = given
                .iter()
                .any(|id| *id == entry.id || conflict(cmd, id, &entry.id));
            if !overridden {
                args.extend(entry.args.iter().cloned());
            }
        }
        args.extend(cli_args.iter().skip(1).cloned());
        cmd.clone()
            .try_get_matches_from(args)
            .map_err(|e| format!("{}: {}", self.path.display(), clap_message(&e)))
    }

    /// The line of the key that set option `long` (`--true` → the line of `true = …`).
    pub fn line_of_option(&self, cmd: &Command, long: &str) -> Option<usize> {
        self.entries
            .iter()
            .find(|e| long_of(cmd, &e.id) == long)
            .map(|e| e.line)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn long_of<'a>(cmd: &'a Command, id: &str) -> &'a str {
    cmd.get_arguments()
        .find(|a| a.get_id() == id)
        .and_then(Arg::get_long)
        .unwrap_or_default()
}

/// Whether two options exclude each other, declared on either side.
fn conflict(cmd: &Command, a: &str, b: &str) -> bool {
    let find = |id: &str| cmd.get_arguments().find(|x| x.get_id() == id);
    let (Some(x), Some(y)) = (find(a), find(b)) else {
        return false;
    };
    cmd.get_arg_conflicts_with(x)
        .iter()
        .any(|c| c.get_id() == y.get_id())
        || cmd
            .get_arg_conflicts_with(y)
            .iter()
            .any(|c| c.get_id() == x.get_id())
}

/// clap's report of a bad value as one line, without its `error:` prefix and usage block.
fn clap_message(e: &clap::Error) -> String {
    crate::message::one_line(&e.render().to_string())
        .trim_start_matches("error: ")
        .to_string()
}

/// "unknown key 'smaples'", with the closest option when it is close.
fn unknown_key(cmd: &Command, key: &str) -> String {
    let near = spec_args(cmd)
        .filter_map(Arg::get_long)
        .chain(NOT_IN_SPECS)
        .map(|l| (edit_distance(key, l), l))
        .min();
    if NOT_IN_SPECS.contains(&key) {
        return format!("'{key}' cannot be set in a spec file");
    }
    match near {
        Some((d, l)) if d <= 2 || (d <= 3 && key.len() > 6) => {
            format!("unknown key '{key}' (did you mean '{l}'?)")
        }
        _ => format!("unknown key '{key}'"),
    }
}

/// Levenshtein distance, for suggesting the option a misspelt key meant.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + (ca != cb) as usize);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A TOML value as the strings it stands for; a list gives one per element.
fn flatten(value: &DeValue, out: &mut Vec<Scalar>) -> Result<(), String> {
    match value {
        DeValue::String(s) => out.push(Scalar::Text(s.to_string())),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let v = i64::from_str_radix(&digits, i.radix())
                .map_err(|_| format!("has an integer out of range: {digits}"))?;
            out.push(Scalar::Text(v.to_string()));
        }
        DeValue::Float(f) => out.push(Scalar::Text(f.as_str().replace('_', ""))),
        DeValue::Boolean(b) => out.push(Scalar::Bool(*b)),
        DeValue::Array(items) => {
            if !out.is_empty() {
                return Err("cannot hold nested lists".to_string());
            }
            for item in items.iter() {
                if matches!(item.get_ref(), DeValue::Array(_)) {
                    return Err("cannot hold nested lists".to_string());
                }
                flatten(item.get_ref(), out)?;
            }
        }
        DeValue::Datetime(_) | DeValue::Table(_) => {
            return Err("takes a string, a number, true/false or a list".to_string())
        }
    }
    Ok(())
}

/// The table of figure text: `[labels]` with `title = "…"`, `x = "…"` …
const LABELS_TABLE: &str = "labels";

/// A `[labels]` table's entries as `--label` values, `KEY=TEXT` each.
fn labels_table(table: &DeTable) -> Result<Vec<Scalar>, String> {
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let key = key.get_ref().as_ref();
        match value.get_ref() {
            DeValue::String(text) => out.push(Scalar::Text(format!("{key}={text}"))),
            _ => {
                return Err(format!(
                    "[labels] entry '{key}' takes text in quotes, e.g. {key} = \"…\""
                ))
            }
        }
    }
    if out.is_empty() {
        return Err("[labels] is empty".to_string());
    }
    Ok(out)
}

/// One value of a spec key.
#[derive(Debug)]
enum Scalar {
    Text(String),
    Bool(bool),
}

/// The command-line arguments a key stands for.
fn arguments(
    arg: &Arg,
    key: &str,
    values: &[Scalar],
    folder: Option<&Path>,
) -> Result<Vec<OsString>, String> {
    if is_flag(arg) {
        return match values {
            [Scalar::Bool(true)] => Ok(vec![format!("--{key}").into()]),
            [Scalar::Bool(false)] => Ok(Vec::new()),
            _ => Err(format!("'{key}' is a switch: write {key} = true or false")),
        };
    }
    let mut texts = Vec::with_capacity(values.len());
    for v in values {
        match v {
            Scalar::Text(t) => texts.push(t.clone()),
            Scalar::Bool(_) => return Err(format!("'{key}' takes a value, not true/false")),
        }
    }
    if texts.is_empty() {
        return Err(format!("'{key}' has an empty list"));
    }
    let repeatable = matches!(arg.get_action(), ArgAction::Append);
    if texts.len() > 1 && !repeatable {
        if is_multi_value(arg) {
            texts = vec![texts.join(" ")];
        } else {
            return Err(format!("'{key}' takes one value, not a list"));
        }
    }
    Ok(texts
        .into_iter()
        .map(|t| {
            let value: OsString = match folder {
                Some(dir) if takes_path(arg) && t != "-" && Path::new(&t).is_relative() => {
                    dir.join(&t).into_os_string()
                }
                _ => t.into(),
            };
            let mut a = OsString::from(format!("--{key}="));
            a.push(value);
            a
        })
        .collect())
}

/// The effective spec of a command line: every option, as TOML, each under its help line;
/// an option that is not set (no value and no default) is shown commented out.
pub fn print(cmd: &Command, matches: &ArgMatches) -> String {
    let mut out = String::from(
        "# nllplot figure spec: draw it with `nllplot --spec FILE`; options given on the command\n\
         # line override it. Keys are the long option names (`nllplot --help`). Relative paths are\n\
         # taken from this file's folder; these are as seen from where --print-spec ran.\n",
    );
    for arg in spec_args(cmd) {
        let id = arg.get_id().as_str();
        let long = arg.get_long().unwrap_or(id);
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let _ = writeln!(out, "\n# {}", help.lines().next().unwrap_or_default());
        let raw: Vec<String> = matches
            .get_raw(id)
            .map(|vs| vs.map(|v| v.to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        if matches.value_source(id).is_none() || raw.is_empty() {
            let name = arg
                .get_value_names()
                .map(|n| n.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
                .unwrap_or_else(|| "VALUE".to_string());
            let _ = writeln!(out, "# {long} = {name}");
            continue;
        }
        let value = if is_flag(arg) {
            (raw.first().map(String::as_str) == Some("true")).to_string()
        } else if let Some(v) = bare_true(matches, id) {
            // A bare true value stays the number it was before --true also took names.
            v
        } else if matches!(arg.get_action(), ArgAction::Append) {
            let items: Vec<String> = raw.iter().map(|r| quote(r)).collect();
            format!("[{}]", items.join(", "))
        } else if is_multi_value(arg) {
            quote(&raw.join(" "))
        } else {
            number(matches, id).unwrap_or_else(|| quote(&raw[0]))
        };
        let _ = writeln!(out, "{long} = {value}");
    }
    out
}

/// `--true θ` given once as a bare number, as a TOML number.
fn bare_true(matches: &ArgMatches, id: &str) -> Option<String> {
    let values: Vec<&TrueArg> = matches.try_get_many::<TrueArg>(id).ok()??.collect();
    match values.as_slice() {
        [TrueArg::Bare(v)] if v.is_finite() => Some(format!("{v:?}")),
        _ => None,
    }
}

/// A numeric option's value as a TOML number; `None` for any other type.
fn number(matches: &ArgMatches, id: &str) -> Option<String> {
    macro_rules! integer {
        ($($t:ty),*) => {$(
            if let Ok(Some(v)) = matches.try_get_one::<$t>(id) {
                return Some(v.to_string());
            }
        )*};
    }
    integer!(u64, usize, u32, i64, i32);
    if let Ok(Some(v)) = matches.try_get_one::<f64>(id) {
        return Some(if v.is_nan() {
            "nan".to_string()
        } else if v.is_infinite() {
            if *v > 0.0 { "inf" } else { "-inf" }.to_string()
        } else {
            // Debug keeps a decimal point or exponent (1.0, 1e-7): a TOML float, read back
            // to the same double.
            format!("{v:?}")
        });
    }
    None
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    fn spec_file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("figure.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn load(text: &str) -> Result<Spec, String> {
        let (_dir, path) = spec_file(text);
        Spec::load(&Cli::command(), &path)
    }

    #[test]
    fn every_option_of_the_command_line_is_a_key() {
        let cmd = Cli::command();
        let keys: Vec<_> = spec_args(&cmd).filter_map(Arg::get_long).collect();
        for key in [
            "dist", "samples", "true", "range", "out", "annotate", "theme", "size",
        ] {
            assert!(keys.contains(&key), "{key}");
        }
        for steering in ["help", "version", "spec", "print-spec"] {
            assert!(!keys.contains(&steering), "{steering}");
        }
    }

    #[test]
    fn unknown_keys_name_their_line_and_a_near_option() {
        let err = load("dist = \"poisson\"\n\n# a comment\nsmaples = 30\n").unwrap_err();
        assert!(
            err.ends_with("figure.toml:4: unknown key 'smaples' (did you mean 'samples'?)"),
            "{err}"
        );
        let err = load("colour = \"red\"\n").unwrap_err();
        assert!(
            err.ends_with("figure.toml:1: unknown key 'colour'"),
            "{err}"
        );
        let err = load("spec = \"other.toml\"\n").unwrap_err();
        assert!(err.contains(":1: 'spec' cannot be set"), "{err}");
    }

    #[test]
    fn bad_values_are_reported_by_clap_at_their_line() {
        let err = load("dist = \"poisson\"\nsamples = \"many\"\n").unwrap_err();
        assert!(err.contains("figure.toml:2: invalid value 'many'"), "{err}");
        let err = load("dist = \"gaussian\"\n").unwrap_err();
        assert!(
            err.contains("figure.toml:1: invalid value 'gaussian'"),
            "{err}"
        );
        let err = load("text-as-paths = \"yes\"\n").unwrap_err();
        assert!(err.contains(":1: 'text-as-paths' is a switch"), "{err}");
        let err = load("seed = [1, 2]\n").unwrap_err();
        assert!(err.contains(":1: 'seed' takes one value"), "{err}");
        let err = load("samples = 3\ndata = \"x.txt\"\n").unwrap_err();
        assert!(
            err.contains(":2: 'data' cannot be used with 'samples' (line 1)"),
            "{err}"
        );
        let err = load("samples = \n").unwrap_err();
        assert!(err.contains("figure.toml:1:"), "{err}");
    }

    #[test]
    fn values_become_arguments() {
        let (dir, path) = spec_file(
            "out = [\"fig.svg\", \"/abs/fig.png\"]\ndata = \"-\"\nannotate = [\"mle\", \"wald\"]\n\
             size = \"12cm x 6cm\"\ntext-as-paths = true\nlevel = 0.9\npoints = 1_000\n",
        );
        let spec = Spec::load(&Cli::command(), &path).unwrap();
        let args: Vec<String> = spec
            .entries
            .iter()
            .flat_map(|e| e.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect();
        let folder = dir.path().display();
        assert_eq!(
            args,
            [
                format!("--out={folder}/fig.svg"),
                "--out=/abs/fig.png".to_string(),
                "--data=-".to_string(),
                "--annotate=mle".to_string(),
                "--annotate=wald".to_string(),
                "--size=12cm x 6cm".to_string(),
                "--text-as-paths".to_string(),
                "--level=0.9".to_string(),
                "--points=1000".to_string(),
            ]
        );
    }

    #[test]
    fn a_labels_table_gives_one_label_per_entry() {
        let (_dir, path) = spec_file(
            "dist = \"poisson\"\n\n[labels]\ntitle = \"Likelihood, n = {n}\"\nx = \"Rate λ\"\n",
        );
        let spec = Spec::load(&Cli::command(), &path).unwrap();
        let args: Vec<String> = spec
            .entries
            .iter()
            .flat_map(|e| e.args.iter().map(|a| a.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            args,
            [
                "--dist=poisson",
                "--label=title=Likelihood, n = {n}",
                "--label=x=Rate λ"
            ]
        );
        let err = load("[labels]\ntitle = 3\n").unwrap_err();
        assert!(
            err.contains(":1: [labels] entry 'title' takes text"),
            "{err}"
        );
    }

    #[test]
    fn the_command_line_overrides_the_spec() {
        let (_dir, path) = spec_file("samples = 30\nseed = 7\nout = [\"a.svg\"]\n");
        let cmd = Cli::command();
        let spec = Spec::load(&cmd, &path).unwrap();
        let merged = |argv: &[&str]| {
            let argv: Vec<OsString> = argv.iter().map(OsString::from).collect();
            let cli = cmd.clone().try_get_matches_from(&argv).unwrap();
            spec.merge(&cmd, &argv, &cli).unwrap()
        };
        let m = merged(&["nllplot", "--seed", "9"]);
        assert_eq!(m.get_one::<u64>("seed"), Some(&9));
        assert_eq!(m.get_one::<u64>("samples"), Some(&30));
        let out: Vec<_> = m.get_many::<PathBuf>("out").unwrap().collect();
        assert!(out.len() == 1 && out[0].ends_with("a.svg"));
        // --data on the command line drops the spec's samples and seed (they conflict).
        let m = merged(&["nllplot", "--data", "d.txt", "--out", "b.svg"]);
        assert_eq!(m.get_one::<u64>("samples"), None);
        assert_eq!(m.get_one::<u64>("seed"), None);
        let out: Vec<_> = m.get_many::<PathBuf>("out").unwrap().collect();
        assert_eq!(out, [&PathBuf::from("b.svg")]);
    }

    #[test]
    fn printed_values_are_typed_toml() {
        let cmd = Cli::command();
        let m = cmd
            .clone()
            .try_get_matches_from([
                "nllplot",
                "--true",
                "0.30",
                "--title",
                "1e5",
                "--out",
                "a \"b\".svg",
                "--size",
                "12cm",
                "x",
                "6cm",
            ])
            .unwrap();
        let text = print(&cmd, &m);
        for line in [
            "true = 0.3\n",
            "title = \"1e5\"\n",
            "out = [\"a \\\"b\\\".svg\"]\n",
            "size = \"12cm x 6cm\"\n",
            "points = 1000\n",
            "dist = \"bernoulli\"\n",
            "text-as-paths = false\n",
            "# seed = S\n",
        ] {
            assert!(text.contains(line), "{line} not in\n{text}");
        }
        // What is printed parses as TOML.
        DeTable::parse(&text).unwrap();
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("smaples", "samples"), 2);
        assert_eq!(edit_distance("seed", "seed"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
