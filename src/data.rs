//! Observed data: one number per line, read as a stream.
//!
//! Blank lines and lines starting with `#` are skipped, and a `# comment` may follow the
//! number; surrounding spaces, CRLF line ends and scientific notation are accepted. A number
//! written with a decimal comma (`3,5`) is refused with a hint unless
//! [`DataFormat::decimal_comma`] asks for it. A file whose first line is a header naming
//! columns (a CSV or TSV) is read row by row from one column instead ([`read_column`], on the
//! field splitting of [`crate::rows`]), still streamed into the statistics. Each value is checked against the family's support as it
//! is read and folded into the sufficient statistics, so a file of any size is read in
//! constant memory and an error names the exact line.
//!
//! How, and why (10⁷ values are ~190 MB of text, and reading them must not take longer than
//! sampling them):
//! - The input is read in rounds of 4 MiB straight into a buffer, not line by line;
//!   the next round is read while the pool parses the current one.
//! - The text is cut into groups by byte position: the lines that *start* in
//!   [g·[`GROUP`], (g+1)·[`GROUP`]) form group g. The groups of a round are parsed in parallel,
//!   each into statistics of its own, and merged in file order. A group depends only on the
//!   bytes of the input, never on how `read` happened to split them nor on the thread count,
//!   so the same input gives the same bits every time. The first bad line in file order is
//!   the one reported; each group counts its lines, so its number is exact.
//! - A line that is exactly one finite number is parsed by `fast_float2::parse_partial`, which
//!   also says where the number ends: finding the line end costs nothing more. Any other line
//!   (spaces, a comment, `inf`, garbage, …) takes the general path, which is the original one:
//!   UTF-8 check, trim, `str::parse`, the same messages. The fast path accepts only what std
//!   accepts, with the same bits (a test compares them on generated and random text).
//!   Measured on 10⁷ normal values: std's `parse` behind a `memchr` line split ≈ 700 MB/s a
//!   core, `fast_float2` alone the same, the fused `parse_partial` ≈ 1.3 GB/s.

use crate::error::{Error, Result};
use crate::family::{Family, SufficientStats};
use crate::progress::{CountingReader, Progress, Silent, Task};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Values handed to the family at a time, small enough to stay in the L1 cache.
const BATCH: usize = 1024;
/// Bytes of input per group: the unit of parallel parsing and of merging statistics.
pub const GROUP: usize = 1 << 19;
/// Bytes read per round (two buffers of it are held): 8 groups, 4 per core.
const ROUND: usize = 8 * GROUP;
/// Longest number the fast path takes; longer ones (hundreds of digits) go to std.
const FAST_MAX_LEN: usize = 64;
/// The longest line accepted, in bytes without its line end. No number is longer (the
/// longest exact decimal form of a double has 767 significant digits), so a longer line is
/// not data: `/dev/zero` or a binary file is refused at its first line instead of growing
/// the buffer until memory runs out. Lines are only measured on the general path, which the
/// plain numbers of a large file never take.
pub const MAX_LINE: usize = 4096;
/// The UTF-8 byte-order mark some editors put at the start of a text file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where observed data come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Stdin,
    File(PathBuf),
    /// Text already in memory, read exactly as a file would be: what the Python package
    /// passes for a list, an array or a data frame, so that no temporary file is needed and
    /// its errors name `name` and the line as for a file.
    Memory {
        name: String,
        text: Arc<[u8]>,
    },
}

impl DataSource {
    /// `-` means standard input, anything else a file.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            DataSource::Stdin
        } else {
            DataSource::File(arg.to_path_buf())
        }
    }

    /// How messages and the summary name this source.
    pub fn name(&self) -> String {
        match self {
            DataSource::Stdin => "<stdin>".to_string(),
            DataSource::File(p) => p.display().to_string(),
            DataSource::Memory { name, .. } => name.clone(),
        }
    }
}

/// What the reader needs of a model: which values it may hold, and how it keeps them. A
/// one-parameter [`Family`] keeps [`SufficientStats`]; a two-parameter
/// [`Pair`](crate::surface::Pair) keeps [`PairStats`](crate::surface::PairStats). The reader
/// is generic over it, so both take the same fast, deterministic path with the same messages.
pub trait Observer: Sync {
    type Stats: Default + Send;
    /// The model's name in "x is not a possible NAME observation".
    fn model_name(&self) -> String;
    /// Why `x` cannot be an observation, if it cannot.
    fn check_value(&self, x: f64) -> std::result::Result<(), String>;
    /// Whether observations are counts: a line must then name its value exactly, not one a
    /// double rounds to a whole number (see [`Family::counts`]).
    fn counts(&self) -> bool;
    fn observe_values(&self, stats: &mut Self::Stats, xs: &[f64]);
    /// Folds the statistics of a later part of the input into `total`.
    fn merge(total: &mut Self::Stats, part: &Self::Stats);
    fn count(stats: &Self::Stats) -> u64;
    /// Observations held in memory (by models without finite sufficient statistics).
    fn kept(stats: &Self::Stats) -> u64 {
        let _ = stats;
        0
    }
}

impl<F: Family + ?Sized> Observer for F {
    type Stats = SufficientStats;
    fn model_name(&self) -> String {
        self.dist().to_string()
    }
    fn check_value(&self, x: f64) -> std::result::Result<(), String> {
        self.check(x)
    }
    fn counts(&self) -> bool {
        Family::counts(self)
    }
    fn observe_values(&self, stats: &mut SufficientStats, xs: &[f64]) {
        self.observe(stats, xs)
    }
    fn merge(total: &mut SufficientStats, part: &SufficientStats) {
        total.merge(part)
    }
    fn count(stats: &SufficientStats) -> u64 {
        stats.n
    }
    fn kept(stats: &SufficientStats) -> u64 {
        stats.values.len() as u64
    }
}

impl Observer for crate::model::Likelihood {
    type Stats = SufficientStats;
    fn model_name(&self) -> String {
        self.model.name().to_string()
    }
    fn check_value(&self, x: f64) -> std::result::Result<(), String> {
        self.check(x)
    }
    fn counts(&self) -> bool {
        crate::model::Likelihood::counts(self)
    }
    fn observe_values(&self, stats: &mut SufficientStats, xs: &[f64]) {
        self.observe(stats, xs)
    }
    fn merge(total: &mut SufficientStats, part: &SufficientStats) {
        total.merge(part)
    }
    fn count(stats: &SufficientStats) -> u64 {
        stats.n
    }
    fn kept(stats: &SufficientStats) -> u64 {
        stats.values.len() as u64
    }
}

/// Reads the source to the end and returns the statistics of its observations.
pub fn read_stats<O: Observer + ?Sized>(observer: &O, source: &DataSource) -> Result<O::Stats> {
    read_stats_with(observer, source, &Silent)
}

/// [`read_stats`], reporting the bytes read from a file to `progress` (standard input has
/// no size to measure against, so it reports nothing).
pub fn read_stats_with<O: Observer + ?Sized>(
    family: &O,
    source: &DataSource,
    progress: &dyn Progress,
) -> Result<O::Stats> {
    read_stats_limited(family, source, progress, u64::MAX)
}

/// [`read_stats_with`], refusing an input that brings a model without sufficient statistics
/// more than `max_kept` observations to keep (the run's cap and memory budget,
/// [`Limits::max_kept`](crate::config::Limits::max_kept)).
pub fn read_stats_limited<O: Observer + ?Sized>(
    family: &O,
    source: &DataSource,
    progress: &dyn Progress,
    max_kept: u64,
) -> Result<O::Stats> {
    read_stats_formatted(family, source, progress, max_kept, &DataFormat::default())
}

/// How the text of a data file is laid out, beyond one plain number per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataFormat {
    /// The column of a file with a header to read (`--column`); without it, a file whose
    /// header names one column is read from that column.
    pub column: Option<String>,
    /// Numbers are written `3,5` (`--decimal-comma`); columns are then separated by `;`,
    /// tabs or spaces.
    pub decimal_comma: bool,
}

/// [`read_stats_limited`] for a file laid out as `format` says. The first line with content
/// decides the path: a number sends the whole input to the fast single-column reader; a
/// header line sends it to the row reader of [`read_column`]. Either way the lines looked
/// at first are read again, so nothing is held but them.
pub fn read_stats_formatted<O: Observer + ?Sized>(
    family: &O,
    source: &DataSource,
    progress: &dyn Progress,
    max_kept: u64,
    format: &DataFormat,
) -> Result<O::Stats> {
    let dc = format.decimal_comma;
    match source {
        DataSource::Stdin => {
            let mut reader = io::stdin().lock();
            let (prefix, first) = peek_first(&mut reader, source)?;
            let reader = crate::rows::replay(prefix, reader);
            match layout(source, first, format)? {
                None => read_grouped_as(family, reader, source, GROUP, ROUND, max_kept, dc),
                Some(index) => read_column(family, reader, source, index, format, max_kept),
            }
        }
        DataSource::Memory { text, .. } => {
            let mut reader = &text[..];
            let (prefix, first) = peek_first(&mut reader, source)?;
            let reader = crate::rows::replay(prefix, reader);
            match layout(source, first, format)? {
                None => read_grouped_as(family, reader, source, GROUP, ROUND, max_kept, dc),
                Some(index) => read_column(family, reader, source, index, format, max_kept),
            }
        }
        DataSource::File(path) => {
            let file = File::open(path).map_err(|e| Error::Read {
                path: path.clone(),
                source: e,
            })?;
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            let mut reader = BufReader::with_capacity(1 << 16, file);
            let (prefix, first) = peek_first(&mut reader, source)?;
            let index = layout(source, first, format)?;
            progress.start(Task::Reading, size);
            // Reads of a whole round bypass BufReader's own buffer.
            let reader = CountingReader::new(crate::rows::replay(prefix, reader), progress);
            let result = match index {
                None => read_grouped_as(family, reader, source, GROUP, ROUND, max_kept, dc),
                Some(index) => read_column(
                    family,
                    BufReader::new(reader),
                    source,
                    index,
                    format,
                    max_kept,
                ),
            };
            progress.finish();
            result
        }
    }
}

/// A line's number and its content.
type FirstLine = (u64, String);

/// The lines up to and including the first one with content, as read, and that line's
/// number and content; `None` when there is none or it cannot be content (too long, not
/// text), which the reader of the whole input then reports.
fn peek_first<R: io::BufRead>(
    reader: &mut R,
    source: &DataSource,
) -> Result<(Vec<u8>, Option<FirstLine>)> {
    let mut prefix = Vec::new();
    let mut line = 0u64;
    loop {
        let start = prefix.len();
        let read = (&mut *reader)
            .take(MAX_LINE as u64 + 2)
            .read_until(b'\n', &mut prefix)
            .map_err(|e| Error::Read {
                path: source.name().into(),
                source: e,
            })?;
        if read == 0 {
            return Ok((prefix, None));
        }
        line += 1;
        let mut bytes = &prefix[start..];
        if line == 1 {
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        }
        if read > MAX_LINE {
            return Ok((prefix, None));
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Ok((prefix, None));
        };
        let text = crate::rows::content(text);
        if !text.is_empty() {
            let first = Some((line, text.to_string()));
            return Ok((prefix, first));
        }
    }
}

/// Which column to read: `None` for a file of plain numbers (the fast path), else the index
/// of the chosen column under the header.
fn layout(
    source: &DataSource,
    first: Option<(u64, String)>,
    format: &DataFormat,
) -> Result<Option<usize>> {
    let Some((line, text)) = first else {
        return Ok(None);
    };
    let bad = |message: String| Error::Data {
        source_name: source.name(),
        line,
        message,
    };
    let plain = crate::rows::number(&text, format.decimal_comma).is_ok()
        || crate::rows::decimal_comma_in(&text);
    let header = if plain {
        None
    } else {
        crate::rows::header_of(&source.name(), line, &text, format.decimal_comma)
            .ok()
            .filter(|(_, header)| *header)
            .map(|(names, _)| names)
    };
    let Some(names) = header else {
        return match &format.column {
            // The fast path reports a line that is neither a number nor a header.
            None => Ok(None),
            Some(column) => Err(bad(format!(
                "--column {column} needs a header line naming the columns, but the first line is '{}'",
                shorten(&text)
            ))),
        };
    };
    let listed = names.join(", ");
    match &format.column {
        None if names.len() == 1 => Ok(Some(0)),
        None => Err(bad(format!(
            "the header names {} columns ({listed}); pick one with --column NAME",
            names.len()
        ))),
        Some(column) => match names.iter().position(|n| n == column) {
            Some(index) => Ok(Some(index)),
            None => {
                let near = names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(column))
                    .or_else(|| {
                        names
                            .iter()
                            .min_by_key(|n| edit_distance(n, column))
                            .filter(|n| edit_distance(n, column) <= 2)
                    });
                let hint = near.map_or(String::new(), |n| format!("; did you mean '{n}'?"));
                Err(bad(format!(
                    "no column '{column}' in the header (columns: {listed}){hint}"
                )))
            }
        },
    }
}

/// Levenshtein distance, for "did you mean".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Reads column `index` of a file with a header, row by row, into the statistics: slower than
/// the fast path (one thread, each row split into fields) but just as flat in memory.
fn read_column<O: Observer + ?Sized, R: io::BufRead>(
    family: &O,
    reader: R,
    source: &DataSource,
    index: usize,
    format: &DataFormat,
    max_kept: u64,
) -> Result<O::Stats> {
    let mut lines = crate::rows::Lines::new(reader, source.name());
    let Some((header_line, header)) = lines.next_content()? else {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: "no observations".to_string(),
        });
    };
    let names: Vec<String> = crate::rows::fields(&header, format.decimal_comma)
        .into_iter()
        .map(str::to_string)
        .collect();
    let column = &names[index];
    let mut total = O::Stats::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut last = header_line;
    let counts = family.counts();
    while let Some((line, text)) = lines.next_content()? {
        last = line;
        let bad = |message: String| Error::Data {
            source_name: source.name(),
            line,
            message,
        };
        let parts = crate::rows::fields(&text, format.decimal_comma);
        if parts.len() != names.len() {
            let hint = if !format.decimal_comma
                && text.contains(',')
                && crate::rows::fields(&text, true).len() == names.len()
            {
                " (if ',' is a decimal comma here, pass --decimal-comma and separate the columns with ';', tabs or spaces)"
            } else {
                ""
            };
            return Err(bad(format!(
                "{} value{} on the line, but the header names {} column{} ({}){hint}",
                parts.len(),
                if parts.len() == 1 { "" } else { "s" },
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                names.join(", ")
            )));
        }
        let part = parts[index];
        let at = || format!("column {} ({column})", index + 1);
        let x = crate::rows::number(part, format.decimal_comma)
            .map_err(|why| bad(format!("{}: {why}", at())))?;
        let shown = shorten(part);
        if let Err(why) = family.check_value(x) {
            return Err(bad(format!(
                "{}: {shown} is not a possible {} observation: it {why}",
                at(),
                family.model_name()
            )));
        }
        if counts && !names_exactly(part.as_bytes(), x) {
            return Err(bad(format!(
                "{}: {shown} is not a possible {} observation: it {}",
                at(),
                family.model_name(),
                inexact_count(x)
            )));
        }
        batch.push(x);
        if batch.len() == BATCH {
            family.observe_values(&mut total, &batch);
            batch.clear();
            if O::kept(&total) > max_kept {
                return Err(bad(format!(
                    "more than {max_kept} observations by this line, the most {} keeps in memory (it has no sufficient statistics: every value is kept, 8 bytes each); use fewer observations, or raise the cap with --no-limits and --memory-limit",
                    family.model_name()
                )));
            }
        }
    }
    family.observe_values(&mut total, &batch);
    if O::kept(&total) > max_kept {
        return Err(Error::Data {
            source_name: source.name(),
            line: last,
            message: format!(
                "more than {max_kept} observations, the most {} keeps in memory; use fewer observations, or raise the cap with --no-limits and --memory-limit",
                family.model_name()
            ),
        });
    }
    if O::count(&total) == 0 {
        return Err(Error::Dataset {
            source_name: source.name(),
            message: format!("no observations under the header in column '{column}'"),
        });
    }
    Ok(total)
}

/// Reads observations from any buffered reader; `source` names it in messages.
pub fn read_from<O: Observer + ?Sized, R: io::BufRead>(
    family: &O,
    reader: R,
    source: &DataSource,
) -> Result<O::Stats> {
    read_grouped(family, reader, source, GROUP, ROUND, u64::MAX)
}

/// What one group of lines gave: its statistics and line count, or its first bad line.
struct Group<S> {
    stats: S,
    lines: u64,
    /// (line number within the group, message)
    error: Option<(u64, String)>,
}

/// [`read_from`] with the group and round sizes as parameters, so that tests can use tiny
/// groups; `round` is only the initial buffer size (it grows while a group of lines no
/// longer than [`MAX_LINE`] does not fit). A byte-order mark at the start is skipped.
///
/// Two buffers alternate: while the pool parses the complete groups of one, this thread reads
/// the next round into the other (after copying over the incomplete tail). The reader never
/// leaves this thread, so it need not be `Send` (standard input's lock is not).
fn read_grouped<O: Observer + ?Sized, R: Read>(
    family: &O,
    reader: R,
    source: &DataSource,
    group: usize,
    round: usize,
    max_kept: u64,
) -> Result<O::Stats> {
    read_grouped_as(family, reader, source, group, round, max_kept, false)
}

/// [`read_grouped`], reading `3,5` as 3.5 when `decimal_comma` is set.
fn read_grouped_as<O: Observer + ?Sized, R: Read>(
    family: &O,
    mut reader: R,
    source: &DataSource,
    group: usize,
    round: usize,
    max_kept: u64,
    decimal_comma: bool,
) -> Result<O::Stats> {
    let group = group as u64;
    // Zeroed pages are mapped lazily, so a short input touches only what it fills. (Room
    // for the byte-order mark at least.)
    let mut current = vec![0u8; round.max(BOM.len())];
    let mut next = Vec::new();
    let mut input = Input {
        len: 0,
        eof: false,
        error: None,
    };
    input.fill(&mut reader, &mut current);
    if current[..input.len].starts_with(BOM) {
        current.copy_within(BOM.len()..input.len, 0);
        input.len -= BOM.len();
        input.fill(&mut reader, &mut current);
    }
    // Offset in the input of current[0], always the start of a line (and of a group).
    let mut base = 0u64;
    let mut lines_before = 0u64;
    let mut total = O::Stats::default();
    loop {
        let (groups, consumed) = complete_groups(&current[..input.len], base, group, input.eof);
        if groups.is_empty() {
            if input.eof {
                break;
            }
            // One group is longer than the buffer. A line too long to be a number is refused
            // here, before more of it is read (the lines before it are checked first);
            // otherwise the buffer was only smaller than a group: make room.
            let text = &current[..input.len];
            let tail = memchr::memrchr(b'\n', text).map_or(0, |i| i + 1);
            if text.len() - tail > MAX_LINE {
                let head = parse_group(family, &text[..tail], decimal_comma);
                let (line, message) = head.error.unwrap_or((head.lines + 1, too_long_message()));
                return Err(Error::Data {
                    source_name: source.name(),
                    line: lines_before + line,
                    message,
                });
            }
            current.resize(current.len() * 2, 0);
            input.fill(&mut reader, &mut current);
            continue;
        }
        let parse = || -> Vec<Group<O::Stats>> {
            groups
                .par_iter()
                .map(|range| parse_group(family, &current[range.clone()], decimal_comma))
                .collect()
        };
        let mut ahead = Input {
            len: input.len - consumed,
            eof: input.eof,
            error: input.error.take(),
        };
        let mut parsed = Vec::new();
        if input.eof {
            // The last round: nothing to read ahead (and no second buffer for small inputs).
            parsed = parse();
        } else {
            if next.len() < current.len() {
                next = vec![0u8; current.len()];
            }
            next[..ahead.len].copy_from_slice(&current[consumed..input.len]);
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| parsed = parse());
                ahead.fill(&mut reader, &mut next);
            });
        }
        for part in parsed {
            if let Some((line, message)) = part.error {
                return Err(Error::Data {
                    source_name: source.name(),
                    line: lines_before + line,
                    message,
                });
            }
            O::merge(&mut total, &part.stats);
            lines_before += part.lines;
            if O::kept(&total) > max_kept {
                return Err(Error::Data {
                    source_name: source.name(),
                    line: lines_before,
                    message: format!(
                        "more than {max_kept} observations by this line, the most {} keeps in memory (it has no sufficient statistics: every value is kept, 8 bytes each); use fewer observations, or raise the cap with --no-limits and --memory-limit",
                        family.model_name()
                    ),
                });
            }
        }
        std::mem::swap(&mut current, &mut next);
        input = ahead;
        base += consumed as u64;
        if input.eof && input.len == 0 {
            break;
        }
    }
    if let Some(e) = input.error {
        let path = match source {
            DataSource::File(path) => path.clone(),
            DataSource::Stdin => "<stdin>".into(),
            DataSource::Memory { name, .. } => name.into(),
        };
        return Err(Error::Read { path, source: e });
    }
    if O::count(&total) == 0 {
        // Not one byte: for a pipe, most likely the command before it failed or wrote
        // elsewhere, which "no observations" would hide.
        let message = match (source, lines_before) {
            (DataSource::Stdin, 0) => "standard input is empty: nothing was piped or typed in",
            (DataSource::File(_), 0) => "the file is empty: no observations",
            _ => "no observations (the input holds only blank and comment lines)",
        };
        return Err(Error::Dataset {
            source_name: source.name(),
            message: message.to_string(),
        });
    }
    Ok(total)
}

/// The state of a buffer being filled from the reader.
struct Input {
    /// Bytes of the buffer that hold input.
    len: usize,
    /// The reader has nothing more (or failed).
    eof: bool,
    /// The failure, reported once the lines before it have been checked.
    error: Option<io::Error>,
}

impl Input {
    /// Reads until `buf` is full or the input ends.
    fn fill<R: Read>(&mut self, reader: &mut R, buf: &mut [u8]) {
        while !self.eof && self.len < buf.len() {
            match reader.read(&mut buf[self.len..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.len += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The lines before the failure are still checked first, as a reader
                    // going line by line would have done; the partial last line is dropped.
                    self.len = memchr::memrchr(b'\n', &buf[..self.len]).map_or(0, |i| i + 1);
                    self.error = Some(e);
                    self.eof = true;
                }
            }
        }
    }
}

/// The byte ranges of the complete groups at the start of `text` (which begins at input
/// offset `base`, a line start), and how many bytes they cover. A group is complete once the
/// first line starting at or after its end boundary is in view; at the end of the input the
/// rest is the last group.
fn complete_groups(text: &[u8], base: u64, group: u64, eof: bool) -> (Vec<Range<usize>>, usize) {
    let mut groups = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let index = (base + start as u64) / group;
        // > start, since the line at `start` begins inside group `index`.
        let boundary = ((index + 1) * group - base) as usize;
        let end = if boundary <= text.len() {
            memchr::memchr(b'\n', &text[boundary - 1..]).map(|i| boundary + i)
        } else {
            None
        };
        match end {
            Some(end) => {
                groups.push(start..end);
                start = end;
            }
            None if eof => {
                groups.push(start..text.len());
                start = text.len();
            }
            None => break,
        }
    }
    (groups, start)
}

/// Parses one group of whole lines in order, stopping at its first bad line.
fn parse_group<O: Observer + ?Sized>(
    observer: &O,
    text: &[u8],
    decimal_comma: bool,
) -> Group<O::Stats> {
    let mut stats = O::Stats::default();
    let counts = observer.counts();
    let outcome = parse_lines(
        text,
        counts,
        decimal_comma,
        &|x| observer.check_value(x),
        &mut |xs| observer.observe_values(&mut stats, xs),
    );
    match outcome {
        Ok(lines) => Group {
            stats,
            lines,
            error: None,
        },
        Err((line, Bad::Syntax(message))) => Group {
            stats: O::Stats::default(),
            lines: line,
            error: Some((line, message)),
        },
        Err((line, Bad::Value { shown, why })) => Group {
            stats: O::Stats::default(),
            lines: line,
            error: Some((
                line,
                format!(
                    "{shown} is not a possible {} observation: it {why}",
                    observer.model_name()
                ),
            )),
        },
    }
}

/// Why a line was refused.
enum Bad {
    /// Not a number (the message says why).
    Syntax(String),
    /// A number outside the model's support: its text and the reason.
    Value { shown: String, why: String },
}

/// The hot loop of the reader: every line of a group, in order, values handed to `observe` in
/// batches. Not generic on purpose: one copy, compiled with the number parser inlined into
/// it (a generic copy per model was compiled with the parser out of line, 13 % more work).
/// Returns the number of lines, or the first bad line and what is wrong with it.
fn parse_lines(
    text: &[u8],
    counts: bool,
    decimal_comma: bool,
    check: &dyn Fn(f64) -> std::result::Result<(), String>,
    observe: &mut dyn FnMut(&[f64]),
) -> std::result::Result<u64, (u64, Bad)> {
    let mut batch = [0.0; BATCH];
    let mut held = 0;
    let mut line = 0u64;
    let mut pos = 0;
    while pos < text.len() {
        line += 1;
        let rest = &text[pos..];
        let (x, shown, next) = match plain_number(rest) {
            Some((x, len, next)) => (x, &rest[..len], next),
            None => {
                let body = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
                if body > MAX_LINE {
                    return Err((line, Bad::Syntax(too_long_message())));
                }
                let next = (body + 1).min(rest.len());
                match general_line(&rest[..next], decimal_comma) {
                    Ok(Some((x, shown))) => (x, shown.as_bytes(), next),
                    Ok(None) => {
                        pos += next;
                        continue;
                    }
                    Err(message) => return Err((line, Bad::Syntax(message))),
                }
            }
        };
        pos += next;
        if let Err(why) = check(x) {
            let shown = String::from_utf8_lossy(shown).into_owned();
            return Err((line, Bad::Value { shown, why }));
        }
        if counts && !names_exactly(shown, x) {
            let shown = String::from_utf8_lossy(shown).into_owned();
            return Err((
                line,
                Bad::Value {
                    shown,
                    why: inexact_count(x),
                },
            ));
        }
        batch[held] = x;
        held += 1;
        if held == BATCH {
            observe(&batch);
            held = 0;
        }
    }
    observe(&batch[..held]);
    Ok(line)
}

/// The fast path: `rest` starts with a finite number that runs exactly to the end of its line
/// (`\n`, `\r\n` or the end of the input). Returns the value, the number's length and the
/// length of the whole line with its end; `None` sends the line to [`general_line`].
fn plain_number(rest: &[u8]) -> Option<(f64, usize, usize)> {
    let (x, len) = fast_float2::parse_partial::<f64, _>(rest).ok()?;
    if !x.is_finite() || len > FAST_MAX_LEN {
        return None;
    }
    let next = match rest[len..] {
        [] => len,
        [b'\n', ..] => len + 1,
        [b'\r', b'\n', ..] => len + 2,
        _ => return None,
    };
    Some((x, len, next))
}

/// The general path for one line (with its `\n`, if any): `Ok(None)` for a blank or comment
/// line, the value and its trimmed text, or the message naming what is wrong.
fn general_line(
    line: &[u8],
    decimal_comma: bool,
) -> std::result::Result<Option<(f64, &str)>, String> {
    let text =
        std::str::from_utf8(line).map_err(|_| "the line is not valid UTF-8 text".to_string())?;
    // What follows a `#` is a comment, on a line of its own or after the number.
    let text = crate::rows::content(text);
    if text.is_empty() {
        return Ok(None);
    }
    if text.contains(',') && crate::rows::decimal_comma_in(text) {
        if !decimal_comma {
            return Err(crate::rows::decimal_comma_hint(&shorten(text)));
        }
        return Ok(Some((parse_value(&text.replacen(',', ".", 1))?, text)));
    }
    Ok(Some((parse_value(text)?, text)))
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

/// Why a line longer than [`MAX_LINE`] is refused.
fn too_long_message() -> String {
    format!("the line is longer than {MAX_LINE} bytes, far longer than any number: expected one number per line")
}

/// Whether the number written in `text` is exactly `x`, a whole double from 0 to 2⁵³ (a count
/// the family accepted). Short digit strings are; otherwise the decimal is compared digit by
/// digit with `x`'s, so "9007199254740993" (which a double holds as 2⁵³) and
/// "2.0000000000000001" (held as 2) are not. Text that is not a plain decimal (which std
/// accepted) is left alone.
fn names_exactly(text: &[u8], x: f64) -> bool {
    if text.len() <= 15 && text.iter().all(u8::is_ascii_digit) {
        return true;
    }
    let (mantissa, exponent) = match text.iter().position(|&b| b == b'e' || b == b'E') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, &b""[..]),
    };
    let (negative, mantissa) = match mantissa.first() {
        Some(b'-') => (true, &mantissa[1..]),
        Some(b'+') => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    // value = 0.d₁d₂…dₙ × 10^(point + exponent), with the digits as written.
    let mut digits: Vec<u8> = Vec::with_capacity(mantissa.len());
    let mut point = None;
    for &b in mantissa {
        match b {
            b'0'..=b'9' => digits.push(b),
            b'.' if point.is_none() => point = Some(digits.len()),
            _ => return true,
        }
    }
    let mut point = point.unwrap_or(digits.len()) as i64;
    let leading = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..leading);
    point -= leading as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return x == 0.0;
    }
    if negative {
        return false;
    }
    let exponent: i64 = match std::str::from_utf8(exponent) {
        Ok("") => 0,
        Ok(e) => match e.parse() {
            Ok(e) => e,
            // An exponent past i64 with nonzero digits is nowhere near a count.
            Err(_) => return false,
        },
        Err(_) => return true,
    };
    // x = D × 10^z with D free of trailing zeros; the text names D' × 10^(point + exponent − n).
    let whole = (x as u64).to_string().into_bytes();
    let trailing = whole.iter().rev().take_while(|&&d| d == b'0').count();
    let significant = &whole[..whole.len() - trailing];
    digits == significant
        && point
            .saturating_add(exponent)
            .saturating_sub(digits.len() as i64)
            == trailing as i64
}

/// Why a count's text was refused by [`names_exactly`]: the double it would become.
fn inexact_count(x: f64) -> String {
    format!(
        "is not held exactly by a double, which would make it {}; a count must be a whole number of at most 2^53 = 9007199254740992, written exactly",
        x as u64
    )
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
    use proptest::prelude::*;
    use std::io::Cursor;

    fn read(family: &dyn Family, text: &str) -> Result<SufficientStats> {
        read_from(family, text.as_bytes(), &DataSource::File("d.txt".into()))
    }

    #[test]
    fn text_in_memory_is_read_as_a_file_and_named_in_errors() {
        let memory = |text: &str| DataSource::Memory {
            name: "<data>".to_string(),
            text: Arc::from(text.as_bytes()),
        };
        let stats = read_stats(&Poisson, &memory("3\n1\n4\n")).unwrap();
        assert_eq!(stats, read(&Poisson, "3\n1\n4\n").unwrap());
        let err = read_stats(&Bernoulli, &memory("0\n1\n2\n")).unwrap_err();
        assert!(err.to_string().starts_with("<data>:3:"), "{err}");
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
            ("", "d.txt: the file is empty"),
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
    fn counts_a_double_would_round_are_refused() {
        // 2⁵³ + 1 parses as 2⁵³, and 2 + 10⁻¹⁶ as 2: both "whole" once parsed.
        for (text, says) in [
            ("3\n9007199254740993\n", "d.txt:2: 9007199254740993 is not a possible poisson observation: it is not held exactly by a double, which would make it 9007199254740992"),
            ("2.0000000000000001\n", "d.txt:1: 2.0000000000000001 is not a possible poisson"),
            ("4503599627370496.5\n", "d.txt:1: 4503599627370496.5 is not a possible poisson"),
            ("9.007199254740993e15\n", "d.txt:1: 9.007199254740993e15 is not a possible poisson"),
        ] {
            let err = read(&Poisson, text).unwrap_err().to_string();
            assert!(err.starts_with(says), "'{err}' should start with '{says}'");
        }
        // Every exact spelling of a count is still one, 2⁵³ included.
        let text = "9007199254740992\n9.007199254740992e15\n+12\n0012.000\n1.2e1\n120e-1\n-0\n0e99999999999999999999\n";
        let stats = read(&Poisson, text).unwrap();
        assert_eq!(stats.n, 8);
        // Continuous families round as any parser does.
        assert_eq!(
            read(&Normal::new(1.0).unwrap(), "9007199254740993\n")
                .unwrap()
                .n,
            1
        );
    }

    #[test]
    fn invalid_utf8_is_an_error_not_a_panic() {
        let err = read_from(&Bernoulli, &b"1\n\xff\xfe\n"[..], &DataSource::Stdin)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "<stdin>:2: the line is not valid UTF-8 text");
    }

    /// The reader as it was before the block reader (line by line, `read_until`, std's
    /// `parse`), kept as the oracle: the new reader must accept, reject and report exactly as
    /// it did. On an input within one group the statistics are bit-identical too.
    fn line_by_line(family: &dyn Family, text: &[u8]) -> Result<SufficientStats> {
        use std::io::BufRead;
        let source = DataSource::File("d.txt".into());
        let mut reader = text;
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
            if reader.read_until(b'\n', &mut line).unwrap() == 0 {
                break;
            }
            number += 1;
            let text = std::str::from_utf8(&line)
                .map_err(|_| data_error(number, "the line is not valid UTF-8 text".into()))?;
            let text = crate::rows::content(text);
            if text.is_empty() {
                continue;
            }
            if crate::rows::decimal_comma_in(text) {
                return Err(data_error(
                    number,
                    crate::rows::decimal_comma_hint(&shorten(text)),
                ));
            }
            let x = parse_value(text).map_err(|m| data_error(number, m))?;
            family.check(x).map_err(|why| {
                let dist = family.dist();
                data_error(
                    number,
                    format!("{text} is not a possible {dist} observation: it {why}"),
                )
            })?;
            if family.counts() && !names_exactly(text.as_bytes(), x) {
                let dist = family.dist();
                return Err(data_error(
                    number,
                    format!(
                        "{text} is not a possible {dist} observation: it {}",
                        inexact_count(x)
                    ),
                ));
            }
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
                message: if number == 0 {
                    "the file is empty: no observations"
                } else {
                    "no observations (the input holds only blank and comment lines)"
                }
                .to_string(),
            });
        }
        Ok(stats)
    }

    /// A reader that hands out its bytes in pieces of the given sizes (cycled), then fails
    /// with `fail` if set: how pipes and slow disks behave.
    struct Pieces<'a> {
        rest: &'a [u8],
        sizes: Vec<usize>,
        next: usize,
        fail: bool,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.rest.is_empty() {
                return if self.fail {
                    Err(io::Error::other("the disk went away"))
                } else {
                    Ok(0)
                };
            }
            let size = self.sizes[self.next % self.sizes.len()].max(1);
            self.next += 1;
            let k = size.min(buf.len()).min(self.rest.len());
            buf[..k].copy_from_slice(&self.rest[..k]);
            self.rest = &self.rest[k..];
            Ok(k)
        }
    }

    fn pieces(text: &[u8], sizes: Vec<usize>) -> Pieces<'_> {
        Pieces {
            rest: text,
            sizes,
            next: 0,
            fail: false,
        }
    }

    fn same(a: &Result<SufficientStats>, b: &Result<SufficientStats>) -> bool {
        // The block reader merges each group's compensated sums into the total, so the pair
        // (sum, compensation) can differ from one sequential sum by the merge's rounding while
        // the value they stand for agrees to the last bits: compare the values, NaN equal to
        // NaN (an overflowing sum holds a NaN compensation on both sides).
        let close = |x: f64, y: f64| {
            (x.is_nan() && y.is_nan())
                || x == y
                || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs())
        };
        match (a, b) {
            (Ok(a), Ok(b)) => {
                a.n == b.n
                    && close(a.sum.value(), b.sum.value())
                    && close(a.base.value(), b.base.value())
                    && close(a.mean(), b.mean())
                    && close(a.sum_sq_about(0.0), b.sum_sq_about(0.0))
            }
            (Err(a), Err(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }

    /// One line of plausible or hostile data.
    fn any_line() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<f64>().prop_map(|x| format!("{x}")),
            any::<f64>().prop_map(|x| format!("{x:e}")),
            (0u32..12).prop_map(|k| k.to_string()),
            (0u32..12).prop_map(|k| format!("{k}.0")),
            "[-+]?[0-9]{0,22}[.]?[0-9]{0,22}([eE][-+]?[0-9]{0,4})?",
            "[0-9.eE+ia#ntyINF\\- \t\r]{0,10}",
            Just(String::new()),
            Just("# a comment".to_string()),
            Just("nan".to_string()),
            Just("-Infinity".to_string()),
            Just("1e999".to_string()),
            Just("2.5e-400".to_string()),
            Just("  7  ".to_string()),
            Just("\u{a0}3".to_string()),
        ]
    }

    fn any_text() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(any_line(), 0..40),
            prop::bool::ANY,
            prop::bool::ANY,
        )
            .prop_map(|(lines, crlf, last_newline)| {
                let end = if crlf { "\r\n" } else { "\n" };
                let mut text = lines.join(end);
                if last_newline && !lines.is_empty() {
                    text.push_str(end);
                }
                text.into_bytes()
            })
    }

    proptest! {
        #[test]
        fn the_fast_path_accepts_only_what_std_accepts_with_the_same_bits(line in any_line()) {
            for end in ["", "\n", "\r\n"] {
                let text = format!("{line}{end}");
                // A line ending in \r followed by \n is a CRLF line without it.
                let body = match end {
                    "\n" => line.strip_suffix('\r').unwrap_or(&line),
                    _ => line.as_str(),
                };
                if let Some((x, len, next)) = plain_number(text.as_bytes()) {
                    prop_assert_eq!(len, body.len());
                    prop_assert_eq!(next, text.len());
                    let std: f64 = body.parse().unwrap();
                    prop_assert_eq!(x.to_bits(), std.to_bits(), "{}", body);
                }
            }
        }

        #[test]
        fn the_fast_path_takes_rusts_and_numpys_number_forms(x in any::<f64>()) {
            prop_assume!(x.is_finite());
            // (`{x}` writes 1e300 with 301 digits: that one goes to std, which is fine.)
            for text in [format!("{x:e}\n"), format!("{x:?}\n")] {
                let (got, _, _) = plain_number(text.as_bytes()).expect("fast path");
                prop_assert_eq!(got.to_bits(), x.to_bits());
            }
        }

        #[test]
        fn the_reader_answers_as_the_line_by_line_reader_did(text in any_text()) {
            let normal = Normal::new(1.0).unwrap();
            for family in [&Bernoulli as &dyn Family, &Poisson, &normal] {
                let source = DataSource::File("d.txt".into());
                let got = read_from(family, &text[..], &source);
                let expected = line_by_line(family, &text);
                prop_assert!(same(&got, &expected), "{:?} vs {:?}", got, expected);
            }
        }

        #[test]
        fn tiny_groups_and_ragged_reads_change_nothing_but_rounding(
            text in any_text(),
            group in 1usize..40,
            round in 1usize..100,
            sizes in prop::collection::vec(1usize..50, 1..5),
        ) {
            let source = DataSource::File("d.txt".into());
            let got = read_grouped(&Poisson, pieces(&text, sizes), &source, group, round, u64::MAX);
            let expected = line_by_line(&Poisson, &text);
            match (&got, &expected) {
                (Ok(a), Ok(b)) => {
                    // Counts are exact whatever the grouping; Σ ln k! only up to rounding.
                    prop_assert_eq!(a.n, b.n);
                    prop_assert_eq!(a.sum.value(), b.sum.value());
                    let (x, y) = (a.base.value(), b.base.value());
                    prop_assert!((x - y).abs() <= 1e-12 * y.abs().max(1.0), "{} vs {}", x, y);
                }
                _ => prop_assert!(same(&got, &expected), "{:?} vs {:?}", got, expected),
            }
        }
    }

    /// ~3 MB of normal values in numpy's `repr` form: several groups and rounds.
    fn big_text(lines: usize) -> Vec<u8> {
        let family = Normal::new(1.0).unwrap();
        let xs = crate::sample::draws(&family, 1.0, lines, 5);
        xs.iter()
            .flat_map(|x| format!("{x:?}\n").into_bytes())
            .collect()
    }

    #[test]
    fn the_statistics_do_not_depend_on_threads_or_read_sizes() {
        let text = big_text(150_000);
        assert!(text.len() > 4 * GROUP);
        let family = Normal::new(1.0).unwrap();
        let source = DataSource::Stdin;
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| read_from(&family, &text[..], &source).unwrap())
        };
        let one = on(1);
        assert_eq!(one.n, 150_000);
        assert_eq!(one, on(2));
        assert_eq!(one, on(3));
        let ragged = read_grouped(
            &family,
            pieces(&text, vec![4093, 17, 65536]),
            &source,
            GROUP,
            ROUND,
            u64::MAX,
        );
        assert_eq!(one, ragged.unwrap());
        // And the sums agree with a plain sequential pass to rounding.
        let mut plain = SufficientStats::default();
        family.observe(&mut plain, &crate::sample::draws(&family, 1.0, 150_000, 5));
        assert!((one.mean() - plain.mean()).abs() < 1e-15);
    }

    #[test]
    fn a_bad_line_far_into_the_input_is_named_exactly() {
        let mut text = "1\n0\n".repeat(1_500_000);
        let bad = 2_345_678; // in the fifth group of 512 KiB (2 bytes a line)
        text.replace_range((bad - 1) * 2..(bad - 1) * 2 + 1, "7");
        let err = read(&Bernoulli, &text).unwrap_err().to_string();
        assert_eq!(
            err,
            format!("d.txt:{bad}: 7 is not a possible bernoulli observation: it must be 0 or 1")
        );
    }

    #[test]
    fn lines_before_a_read_failure_are_checked_first() {
        let source = DataSource::File("d.txt".into());
        let failing = |text: &'static [u8]| Pieces {
            rest: text,
            sizes: vec![3],
            next: 0,
            fail: true,
        };
        let err = read_from_reader(&Bernoulli, failing(b"1\n0\n5\n1"), &source);
        assert!(err.starts_with("d.txt:3: 5 is not"), "{err}");
        let err = read_from_reader(&Bernoulli, failing(b"1\n0\n1\n1"), &source);
        assert_eq!(err, "cannot read d.txt: the disk went away");
    }

    fn read_from_reader<R: Read>(family: &dyn Family, reader: R, source: &DataSource) -> String {
        read_grouped(family, reader, source, GROUP, ROUND, u64::MAX)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn a_line_longer_than_the_buffer_is_read() {
        let long = format!("{}1\n0\n", "0".repeat(300)); // 0…01: 301 digits
        let source = DataSource::Stdin;
        let stats = read_grouped(&Bernoulli, long.as_bytes(), &source, 8, 16, u64::MAX).unwrap();
        assert_eq!((stats.n, stats.sum.value()), (2, 1.0));
    }

    #[test]
    fn a_line_longer_than_the_limit_is_refused_without_reading_it_all() {
        // An endless line: the reader must stop once it has seen MAX_LINE + 1 bytes of it
        // (in production, one round), naming the line.
        struct Endless(u64);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                self.0 += buf.len() as u64;
                assert!(self.0 < 64 << 20, "the reader kept reading an endless line");
                buf.fill(b'7');
                Ok(buf.len())
            }
        }
        let source = DataSource::Stdin;
        let head = Cursor::new(&b"1\n0\n"[..]).chain(Endless(0));
        let err = read_grouped(&Bernoulli, head, &source, GROUP, ROUND, u64::MAX)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("<stdin>:3: the line is longer than 4096"),
            "{err}"
        );
        // With tiny groups and rounds too, and a bad line before the long one wins.
        let head = Cursor::new(&b"1\n5\n"[..]).chain(Endless(0));
        let err = read_grouped(&Bernoulli, head, &source, 8, 16, u64::MAX)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("<stdin>:2: 5 is not"), "{err}");
        // A long line that fits in the buffer is refused by the parser.
        let text = format!("1\n{}\n0\n", " ".repeat(MAX_LINE + 1));
        let err = read(&Bernoulli, &text).unwrap_err().to_string();
        assert!(err.starts_with("d.txt:2: the line is longer"), "{err}");
        // And a line of exactly MAX_LINE bytes is still read.
        let text = format!("1\n{}0\n", " ".repeat(MAX_LINE - 1));
        assert_eq!(read(&Bernoulli, &text).unwrap().n, 2);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let stats = read(&Poisson, "\u{feff}3\n4\n").unwrap();
        assert_eq!((stats.n, stats.sum.value()), (2, 7.0));
        let source = DataSource::Stdin;
        let stats = read_grouped(
            &Poisson,
            pieces("\u{feff}3\n4".as_bytes(), vec![1]),
            &source,
            1,
            1,
            u64::MAX,
        )
        .unwrap();
        assert_eq!((stats.n, stats.sum.value()), (2, 7.0));
        // Only at the start: elsewhere it is not a number.
        let err = read(&Poisson, "3\n\u{feff}4\n").unwrap_err().to_string();
        assert!(err.starts_with("d.txt:2:"), "{err}");
    }

    #[test]
    fn kept_observations_are_capped() {
        let cauchy = crate::family::Cauchy::new(1.0).unwrap();
        let text = "1\n".repeat(300_000);
        let source = DataSource::Stdin;
        let err = read_grouped(&cauchy, text.as_bytes(), &source, GROUP, ROUND, 1000)
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than 1000 observations"), "{err}");
        let ok = read_grouped(&cauchy, text.as_bytes(), &source, GROUP, ROUND, 300_000).unwrap();
        assert_eq!(ok.values.len(), 300_000);
    }
}
