//! Messages of the command: clap's multi-line reports folded into the one line every error
//! is, shared by the command line (app.rs) and the spec files (spec.rs), and the escaping of
//! whatever the user typed or a file held before it reaches the terminal.

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

/// `text` with every control character written as a Rust-style escape: `\n`, `\r`, `\t`,
/// `\0`, and `\u{1b}` for ESC and any other.
///
/// Messages quote paths and data lines as they are, and both may hold anything: a newline in
/// a file name would split the one line an error is, a carriage return would overwrite it,
/// and an ESC would send the rest as a command to the terminal. The bidirectional overrides
/// (U+202A–U+202E, U+2066–U+2069) are escaped too: they reorder what follows them on screen.
/// Every line the command prints goes through here, so no message can forget it.
pub(crate) fn printable(text: &str) -> String {
    let risky =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.contains(risky) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if risky(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_and_nothing_else_is() {
        assert_eq!(printable("a\nb\r\t\0c"), "a\\nb\\r\\t\\0c");
        assert_eq!(printable("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(printable("\u{7f}\u{9b}\u{202e}"), "\\u{7f}\\u{9b}\\u{202e}");
        assert_eq!(printable("λ̂ = 0.3 · données.txt"), "λ̂ = 0.3 · données.txt");
        assert_eq!(printable("C:\\data"), "C:\\data");
    }
}
