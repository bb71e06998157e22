//! Text as the layout sees it: measured lines, boxes, and wrapping into lines of a width.
//!
//! Every string is measured with the faces it will be drawn with ([`Faces`]), so the boxes the
//! layout reserves are the boxes the text fills. A line's box runs from the font's ascent above
//! the baseline to its descent below, which holds accents (θ̂) and descenders; the width is the
//! sum of the glyph advances, which a shaper's kerning only ever shortens in these fonts.

use super::font::Faces;
use super::rect::Rect;

/// Line pitch as a multiple of the font size, for lines of one block.
pub const LEADING: f64 = 1.2;

/// Where SVG text with plotters' top anchor (`dy="0.76em"`) has its baseline, below its y.
pub const TOP_TO_BASELINE: f64 = 0.76;

/// The measuring context of one figure: its faces.
#[derive(Clone, Copy)]
pub struct Measure<'a> {
    pub faces: Faces<'a>,
}

impl<'a> Measure<'a> {
    pub fn new(faces: Faces<'a>) -> Measure<'a> {
        Measure { faces }
    }

    pub fn width(&self, text: &str, size: f64) -> f64 {
        self.faces.width(text, size)
    }

    /// The height of one line's box.
    pub fn line_height(&self, size: f64) -> f64 {
        let m = self.faces.line();
        (m.ascent + m.descent) * size
    }

    /// The distance between the baselines of two lines of a block: at least the box height.
    pub fn pitch(&self, size: f64) -> f64 {
        self.line_height(size).max(LEADING * size)
    }

    /// The box of a line drawn with its top anchor at `top` (plotters' `VPos::Top`, whose
    /// baseline is [`TOP_TO_BASELINE`] em below), horizontally from `x0` to `x0 + width`.
    pub fn line_box(&self, text: &str, size: f64, x0: f64, top: f64) -> Rect {
        let m = self.faces.line();
        let baseline = top + TOP_TO_BASELINE * size;
        Rect::new(
            x0,
            baseline - m.ascent * size,
            x0 + self.width(text, size),
            baseline + m.descent * size,
        )
    }

    /// How far above the anchor's y the box of a top-anchored line starts.
    pub fn top_overhang(&self, size: f64) -> f64 {
        (self.faces.line().ascent - TOP_TO_BASELINE) * size
    }

    /// Joins `parts` with `sep` into as few lines no wider than `max` as it can; a part wider
    /// than `max` is broken between words, and a word wider than `max` between characters
    /// (the way CJK text breaks), so no line is wider than `max` unless one character is.
    pub fn wrap(&self, parts: &[String], sep: &str, size: f64, max: f64) -> Vec<String> {
        let mut pieces: Vec<String> = Vec::new();
        for part in parts.iter().filter(|p| !p.trim().is_empty()) {
            // "p̂ = 0.291" is one thing: never broken around its "=".
            let part = &part.replace(" = ", "\u{a0}=\u{a0}");
            if self.width(part, size) <= max {
                pieces.push(part.clone());
                continue;
            }
            // Too wide on its own: its words, themselves broken if need be.
            let mut line = String::new();
            for word in part.split(' ').filter(|w| !w.is_empty()) {
                for chunk in self.break_word(word, size, max) {
                    let candidate = if line.is_empty() {
                        chunk.clone()
                    } else {
                        format!("{line} {chunk}")
                    };
                    if line.is_empty() || self.width(&candidate, size) <= max {
                        line = candidate;
                    } else {
                        pieces.push(std::mem::replace(&mut line, chunk));
                    }
                }
            }
            if !line.is_empty() {
                pieces.push(line);
            }
        }
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for piece in pieces {
            if current.is_empty() {
                current = piece;
                continue;
            }
            let candidate = format!("{current}{sep}{piece}");
            if self.width(&candidate, size) <= max {
                current = candidate;
            } else {
                lines.push(std::mem::replace(&mut current, piece));
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
            .into_iter()
            .map(|l| l.replace("\u{a0}=\u{a0}", " = "))
            .collect()
    }

    /// A word in chunks no wider than `max` (the word itself when it fits).
    fn break_word(&self, word: &str, size: f64, max: f64) -> Vec<String> {
        if self.width(word, size) <= max {
            return vec![word.to_string()];
        }
        let mut out = Vec::new();
        let mut chunk = String::new();
        for c in word.chars() {
            let mut candidate = chunk.clone();
            candidate.push(c);
            // A combining mark stays with its base character.
            let combining = ('\u{300}'..='\u{36f}').contains(&c);
            if chunk.is_empty() || combining || self.width(&candidate, size) <= max {
                chunk = candidate;
            } else {
                out.push(std::mem::replace(&mut chunk, c.to_string()));
            }
        }
        if !chunk.is_empty() {
            out.push(chunk);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> Measure<'static> {
        Measure::new(Faces::bundled())
    }

    #[test]
    fn wrapping_fills_lines_and_never_exceeds_the_width() {
        let m = measure();
        let parts: Vec<String> = ["30 draws with true λ = 4 (seed 42)", "1000 grid points"]
            .map(String::from)
            .to_vec();
        let one = m.wrap(&parts, " · ", 10.0, 1000.0);
        assert_eq!(
            one,
            ["30 draws with true λ = 4 (seed 42) · 1000 grid points"]
        );
        let narrow = m.wrap(&parts, " · ", 10.0, 120.0);
        assert!(narrow.len() >= 3, "{narrow:?}");
        for line in &narrow {
            assert!(m.width(line, 10.0) <= 120.0, "{line}");
        }
        // Text without spaces (Chinese) breaks between characters.
        let cjk = m.wrap(&["ΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔΔ".to_string()], " ", 10.0, 50.0);
        assert!(cjk.len() >= 3 && cjk.iter().all(|l| m.width(l, 10.0) <= 50.0));
    }

    #[test]
    fn a_line_box_holds_the_ascent_and_descent() {
        let m = measure();
        let b = m.line_box("p̂ = 0.3", 10.0, 5.0, 100.0);
        assert!(b.y0 < 100.0 && b.y1 > 100.0 + 7.6 + 2.0, "{b:?}");
        assert!((b.x1 - 5.0 - m.width("p̂ = 0.3", 10.0)).abs() < 1e-12);
    }
}
