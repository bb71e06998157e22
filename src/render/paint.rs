//! Drawing primitives in CSS pixels onto any plotters backend: text with its box known,
//! polylines (solid or dashed) clipped to a rectangle, filled rectangles and dots.
//!
//! The layout works in CSS pixels (f64); plotters draws in whole internal units, [`SCALE`] to
//! a pixel. Everything is converted here, in one place, so the rest of the drawing never
//! rounds. Text is always anchored at its top (plotters writes `dy="0.76em"`), so the layout
//! knows where its baseline and box are.

use super::SCALE;
use crate::theme::Line;
use crate::typeset::font::Faces;
use crate::typeset::layout::{Rect, TextLine};
use crate::typeset::text::Measure;
use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

pub(super) type DrawResult<T, DB> =
    Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// plotters writes a font size `s` as `font-size = s / 1.24` in the SVG; this is that 1.24.
const PLOTTERS_FONT_RATIO: f64 = 1.24;

/// A length in CSS pixels as internal units.
pub(super) fn units(v: f64) -> i32 {
    (v * SCALE as f64).round() as i32
}

/// How text is aligned horizontally on its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Centre,
    Right,
}

/// The drawing surface of one figure, with its faces.
pub(super) struct Painter<'a, 'b, DB: DrawingBackend> {
    pub root: &'a DrawingArea<DB, Shift>,
    pub faces: Faces<'b>,
}

impl<DB: DrawingBackend> Painter<'_, '_, DB> {
    pub fn measure(&self) -> Measure<'_> {
        Measure::new(self.faces)
    }

    fn style(&self, size: f64, color: RGBColor) -> TextStyle<'static> {
        let family: &'static str = leak_family(self.faces.family());
        TextStyle {
            color: color.to_backend_color(),
            ..TextStyle::from((family, size * PLOTTERS_FONT_RATIO * SCALE as f64).into_font())
        }
    }

    /// One line of text with its top anchor at `top`, aligned on `x`; returns its box.
    /// A line the layout engine placed, centred on its anchor (titles, subtitles, captions).
    pub fn centred(&self, line: &TextLine, color: RGBColor) -> DrawResult<Rect, DB> {
        self.text(
            &line.text,
            line.x,
            line.top,
            line.size,
            color,
            Align::Centre,
        )
    }

    pub fn text(
        &self,
        text: &str,
        x: f64,
        top: f64,
        size: f64,
        color: RGBColor,
        align: Align,
    ) -> DrawResult<Rect, DB> {
        let m = self.measure();
        let w = m.width(text, size);
        let x0 = match align {
            Align::Left => x,
            Align::Centre => x - w / 2.0,
            Align::Right => x - w,
        };
        let h = match align {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        };
        self.root.draw(&Text::new(
            text.to_string(),
            (units(x), units(top)),
            self.style(size, color).pos(Pos::new(h, VPos::Top)),
        ))?;
        Ok(m.line_box(text, size, x0, top))
    }

    /// A line of text turned to read upwards, its box's left edge at `left`, centred on `y`.
    pub fn text_up(
        &self,
        text: &str,
        left: f64,
        y: f64,
        size: f64,
        color: RGBColor,
    ) -> DrawResult<(), DB> {
        let m = self.measure();
        let x = left + m.top_overhang(size);
        let style = self
            .style(size, color)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top));
        self.root
            .draw(&Text::new(text.to_string(), (units(x), units(y)), style))?;
        Ok(())
    }

    /// A polyline in the line's colour, width and dash pattern.
    pub fn line(&self, points: &[(f64, f64)], line: Line) -> DrawResult<(), DB> {
        if points.len() < 2 {
            return Ok(());
        }
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (units(x), units(y))).collect();
        let style = stroke(line);
        match line.dash {
            None => self.root.draw(&PathElement::new(pts, style))?,
            Some((on, off)) => self.root.draw(&DashedPathElement::new(
                pts,
                units(on).max(1),
                units(off).max(1),
                style,
            ))?,
        }
        Ok(())
    }

    pub fn fill(&self, r: &Rect, color: RGBColor, opacity: f64) -> DrawResult<(), DB> {
        self.root.draw(&Rectangle::new(
            [(units(r.x0), units(r.y0)), (units(r.x1), units(r.y1))],
            color.mix(opacity).filled(),
        ))?;
        Ok(())
    }

    pub fn dot(&self, (x, y): (f64, f64), radius: f64, color: RGBColor) -> DrawResult<(), DB> {
        self.root.draw(&Circle::new(
            (units(x), units(y)),
            units(radius).max(1),
            color.filled(),
        ))?;
        Ok(())
    }
}

impl<DB: DrawingBackend> Painter<'_, '_, DB> {
    /// A circle outlined in the line's colour and width (the true value on a surface).
    pub fn ring(&self, (x, y): (f64, f64), radius: f64, line: Line) -> DrawResult<(), DB> {
        self.root.draw(&Circle::new(
            (units(x), units(y)),
            units(radius).max(1),
            stroke(line),
        ))?;
        Ok(())
    }

    /// A filled polygon (the colour bar's end).
    pub fn polygon(&self, points: &[(f64, f64)], color: RGBColor) -> DrawResult<(), DB> {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (units(x), units(y))).collect();
        self.root.draw(&Polygon::new(pts, color.filled()))?;
        Ok(())
    }
}

pub(super) fn stroke(line: Line) -> ShapeStyle {
    line.color.stroke_width(units(line.width).max(1) as u32)
}

/// plotters wants a `&'static str` family; the few names a process uses are kept once each.
fn leak_family(name: &str) -> &'static str {
    use std::sync::Mutex;
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(n) = names.iter().find(|n| **n == name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.push(leaked);
    leaked
}

/// The parts of a polyline inside `clip`, cut exactly at its edges (so a curve that leaves
/// the frame reaches the frame instead of stopping at its last point inside); a point with a
/// non-finite coordinate breaks the line there.
pub fn clip_polyline(points: &[(f64, f64)], clip: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let finite = |p: &(f64, f64)| p.0.is_finite() && p.1.is_finite();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !(finite(&a) && finite(&b)) {
            if current.len() > 1 {
                runs.push(std::mem::take(&mut current));
            }
            current.clear();
            continue;
        }
        match clip_segment(a, b, clip) {
            Some((p, q)) => {
                if current.last() != Some(&p) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(p);
                }
                current.push(q);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// The part of segment a–b inside `r` (Liang–Barsky).
fn clip_segment(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (t0, t1) = crate::typeset::rect::clip_span(a, b, r)?;
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let at = |t: f64| {
        if t == 0.0 {
            a
        } else if t == 1.0 {
            b
        } else {
            (a.0 + t * dx, a.1 + t * dy)
        }
    };
    Some((at(t0), at(t1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polylines_are_cut_at_the_frame() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        // Leaves through the top at x = 5 and comes back at x = 15 … outside, then in again.
        let runs = clip_polyline(&[(0.0, 5.0), (5.0, -5.0), (8.0, 5.0), (9.0, 5.0)], &r);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(runs[0], vec![(0.0, 5.0), (2.5, 0.0)]);
        assert_eq!(runs[1][0], (6.5, 0.0));
        assert_eq!(*runs[1].last().unwrap(), (9.0, 5.0));
        // A non-finite point breaks the line.
        let runs = clip_polyline(
            &[
                (1.0, 1.0),
                (2.0, 2.0),
                (3.0, f64::INFINITY),
                (4.0, 4.0),
                (5.0, 5.0),
            ],
            &r,
        );
        assert_eq!(
            runs,
            vec![vec![(1.0, 1.0), (2.0, 2.0)], vec![(4.0, 4.0), (5.0, 5.0)]]
        );
    }
}
