//! Messages of the command: clap's multi-line reports folded into the one line every error
//! is, shared by the command line (app.rs) and the spec files (spec.rs).

/// clap's multi-line report folded into one line, without the usage block.
pub(crate) fn one_line(rendered: &str) -> String {
    rendered
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect::<Vec<_>>()
        .join(" ")
}
