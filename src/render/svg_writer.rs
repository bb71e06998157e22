//! The SVG drawing backend: writes exactly the bytes plotters' `SVGBackend` (plotters-svg
//! 0.3.7) writes for the same drawing calls, without its per-attribute allocations.
//!
//! plotters' backend formats every number into a fresh `String`, collects each text's
//! attributes into vectors, and passes every attribute value, numbers and colours included,
//! through its XML escaping one character at a time; for the default figure that was about a
//! third of the SVG render. Here numbers and colours are written straight into the document
//! (they never hold a character that needs escaping), and only text and font names are
//! escaped, with plotters' escapes. The unit tests draw the same calls through both backends
//! and compare the bytes, so an upgrade of plotters that changes its format shows up there.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::fmt::Write as _;

/// Draws into a caller's string, as `SVGBackend::with_string` does.
pub struct SvgWriter<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The closing `</svg>` has been written (plotters' `saved`).
    closed: bool,
    /// A `font-family` value and what to write in its place (see [`SvgWriter::declared`]).
    family: Option<(&'a str, &'a str)>,
}

impl<'a> SvgWriter<'a> {
    /// Opens the document at `size` (the internal units, also the `viewBox`), exactly as
    /// `SVGBackend::with_string` does: the plain document the tests compare with plotters'.
    #[cfg(test)]
    pub fn with_string(out: &'a mut String, size: (u32, u32)) -> Self {
        let (w, h) = (size.0.to_string(), size.1.to_string());
        Self::opened(out, size, (&w, &h), None)
    }

    /// The document plotters would write at `size`, then edited as our SVGs were: the
    /// `width` and `height` attributes replaced by `declared` (a size with its unit), and
    /// every `font-family="{family.0}"` replaced by `font-family="{family.1}"` (the font's
    /// look-alike fallbacks). Written so at once, the document needs no second pass over
    /// its text; the values are written as given, unescaped, as the replacement did.
    pub fn declared(
        out: &'a mut String,
        size: (u32, u32),
        declared: (&str, &str),
        family: (&'a str, &'a str),
    ) -> Self {
        Self::opened(out, size, declared, Some(family))
    }

    fn opened(
        out: &'a mut String,
        size: (u32, u32),
        declared: (&str, &str),
        family: Option<(&'a str, &'a str)>,
    ) -> Self {
        out.push_str("<svg width=\"");
        out.push_str(declared.0);
        out.push_str("\" height=\"");
        out.push_str(declared.1);
        out.push_str("\" viewBox=\"0 0 ");
        push_num(out, size.0);
        out.push(' ');
        push_num(out, size.1);
        out.push_str("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        SvgWriter {
            out,
            size,
            closed: false,
            family,
        }
    }

    /// ` name="` — the start of an attribute whose value the caller writes.
    fn attr(&mut self, name: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
    }

    /// An attribute holding a number.
    fn num<T: std::fmt::Display>(&mut self, name: &str, value: T) {
        self.attr(name);
        push_num(self.out, value);
        self.out.push('"');
    }

    /// An attribute holding a literal without characters to escape.
    fn lit(&mut self, name: &str, value: &str) {
        self.attr(name);
        self.out.push_str(value);
        self.out.push('"');
    }

    /// `opacity` as plotters writes it: the alpha's shortest round-trip decimal.
    fn opacity(&mut self, color: BackendColor) {
        self.num("opacity", color.alpha);
    }

    /// A colour as plotters writes it: `#RRGGBB` in capitals.
    fn colour(&mut self, name: &str, color: BackendColor) {
        self.attr(name);
        push_colour(self.out, color);
        self.out.push('"');
    }

    /// `points="x,y x,y "`, with plotters' trailing space.
    fn points<I: IntoIterator<Item = BackendCoord>>(&mut self, path: I) {
        self.attr("points");
        for (x, y) in path {
            push_num(self.out, x);
            self.out.push(',');
            push_num(self.out, y);
            self.out.push(' ');
        }
        self.out.push('"');
    }

    fn end_empty(&mut self) {
        self.out.push_str("/>\n");
    }
}

/// A number in its `Display` form, written in place (integers and plotters' `f64`s alike).
fn push_num<T: std::fmt::Display>(out: &mut String, value: T) {
    // Writing to a String cannot fail.
    let _ = write!(out, "{value}");
}

fn push_colour(out: &mut String, color: BackendColor) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let (r, g, b) = color.rgb;
    out.push('#');
    for v in [r, g, b] {
        out.push(HEX[usize::from(v >> 4)] as char);
        out.push(HEX[usize::from(v & 15)] as char);
    }
}

/// plotters' escaping of attribute values and text.
fn push_escaped(out: &mut String, value: &str) {
    let mut rest = value;
    while let Some(at) = rest.find(['<', '>', '&', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if !self.closed {
            self.out.push_str("</svg>\n");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        self.num("x", point.0);
        self.num("y", point.1);
        self.lit("width", "1");
        self.lit("height", "1");
        self.lit("stroke", "none");
        self.opacity(color);
        self.colour("fill", color);
        self.end_empty();
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<line");
        self.opacity(color);
        self.colour("stroke", color);
        self.num("stroke-width", style.stroke_width());
        self.num("x1", from.0);
        self.num("y1", from.1);
        self.num("x2", to.0);
        self.num("y2", to.1);
        self.end_empty();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<rect");
        self.num("x", upper_left.0);
        self.num("y", upper_left.1);
        self.num("width", bottom_right.0 - upper_left.0);
        self.num("height", bottom_right.1 - upper_left.1);
        self.opacity(color);
        if fill {
            self.colour("fill", color);
            self.lit("stroke", "none");
        } else {
            self.lit("fill", "none");
            self.colour("stroke", color);
        }
        self.end_empty();
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polyline");
        self.lit("fill", "none");
        self.opacity(color);
        self.colour("stroke", color);
        self.num("stroke-width", style.stroke_width());
        self.points(path);
        self.end_empty();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<polygon");
        self.opacity(color);
        self.colour("fill", color);
        self.points(path);
        self.end_empty();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        self.out.push_str("<circle");
        self.num("cx", center.0);
        self.num("cy", center.1);
        self.num("r", radius);
        self.opacity(color);
        if fill {
            self.colour("fill", color);
            self.lit("stroke", "none");
        } else {
            self.lit("fill", "none");
            self.colour("stroke", color);
        }
        self.num("stroke-width", style.stroke_width());
        self.end_empty();
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x0, y0) = pos;
        let anchor = style.anchor();
        self.out.push_str("<text");
        self.num("x", x0);
        self.num("y", y0);
        self.lit(
            "dy",
            match anchor.v_pos {
                VPos::Top => "0.76em",
                VPos::Center => "0.5ex",
                VPos::Bottom => "-0.5ex",
            },
        );
        self.lit(
            "text-anchor",
            match anchor.h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "middle",
            },
        );
        self.attr("font-family");
        let start = self.out.len();
        push_escaped(self.out, style.family().as_str());
        if let Some((family, replacement)) = self.family {
            // Compared as written, escaped, as the replacement compared the document.
            if &self.out[start..] == family {
                self.out.truncate(start);
                self.out.push_str(replacement);
            }
        }
        self.out.push('"');
        self.num("font-size", style.size() / 1.24);
        self.opacity(color);
        self.colour("fill", color);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.lit("font-weight", "bold"),
            other => self.lit("font-style", other.as_str()),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(degrees) = degrees {
            self.attr("transform");
            let _ = write!(self.out, "rotate({degrees}, {x0}, {y0})");
            self.out.push('"');
        }
        self.out.push_str(">\n");
        push_escaped(self.out, text);
        self.out.push_str("\n</text>\n");
        Ok(())
    }
}

impl Drop for SvgWriter<'_> {
    /// plotters' backend closes its document when dropped unpresented; so does this one.
    fn drop(&mut self) {
        let _ = self.present();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;
    use plotters::style::text_anchor::Pos;

    /// Every kind of call our figures make (and the ones they might), through `draw`.
    fn scene<DB: DrawingBackend>(mut backend: DB) {
        let b = &mut backend;
        let styles = [
            ShapeStyle::from(&RED).stroke_width(3),
            ShapeStyle::from(&BLUE.mix(0.35)).filled(),
            ShapeStyle::from(&RGBColor(1, 171, 254).mix(0.1234567)),
            ShapeStyle::from(&RGBAColor(9, 9, 9, 0.0)),
        ];
        for (i, style) in styles.iter().enumerate() {
            let k = i as i32;
            b.draw_pixel((k, -k), style.color.to_backend_color())
                .unwrap();
            b.draw_line((-3, k), (1200, 77 * k), style).unwrap();
            b.draw_rect((k, 2), (400, -7 * k), style, true).unwrap();
            b.draw_rect((k, 2), (400, 9 * k), style, false).unwrap();
            b.draw_path([(0, 0), (-12, 3 * k), (99_999, -40_000)], style)
                .unwrap();
            b.draw_path(std::iter::empty(), style).unwrap();
            b.fill_polygon([(1, 2), (3, 4), (5, -6 - k)], style)
                .unwrap();
            b.draw_circle((k, 8), 5 + i as u32, style, true).unwrap();
            b.draw_circle((k, 8), 5, style, false).unwrap();
        }
        let texts = ["p̂ = 0.300", "a<b & c>'d' \"e\"", "", "–2 LL ≥ χ²₁"];
        let faces = [
            FontFamily::Name("DejaVu Sans"),
            FontFamily::SansSerif,
            FontFamily::Name("A&B \"Sans\""),
        ];
        let transforms = [
            FontTransform::None,
            FontTransform::Rotate90,
            FontTransform::Rotate180,
            FontTransform::Rotate270,
        ];
        let styles = [
            FontStyle::Normal,
            FontStyle::Bold,
            FontStyle::Italic,
            FontStyle::Oblique,
        ];
        let anchors = [
            Pos::new(HPos::Left, VPos::Top),
            Pos::new(HPos::Center, VPos::Center),
            Pos::new(HPos::Right, VPos::Bottom),
        ];
        for (i, text) in texts.iter().enumerate() {
            for (j, face) in faces.iter().enumerate() {
                let k = i * 4 + j;
                let font = (*face, 13.0 + k as f64 * 1.7, styles[k % 4])
                    .into_font()
                    .transform(transforms[k % 4].clone())
                    .color(&RGBColor((k * 15) as u8, 3, 250).mix(0.5 + k as f64 / 100.0))
                    .pos(anchors[k % 3]);
                b.draw_text(text, &font, (k as i32 * 11, -(k as i32)))
                    .unwrap();
            }
        }
        b.present().unwrap();
    }

    #[test]
    fn writes_the_bytes_plotters_writes() {
        let mut theirs = String::new();
        scene(SVGBackend::with_string(&mut theirs, (1234, 567)));
        let mut ours = String::new();
        scene(SvgWriter::with_string(&mut ours, (1234, 567)));
        assert!(theirs.len() > 4000, "{} bytes", theirs.len());
        assert!(theirs.contains("&quot;Sans&quot;"), "{theirs}");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn writes_the_edited_document_at_once() {
        for family in [
            "DejaVu Sans",
            "A&amp;B &quot;Sans&quot;",
            "sans-serif",
            "Nothing",
        ] {
            let mut theirs = String::new();
            scene(SVGBackend::with_string(&mut theirs, (1234, 567)));
            let head = "<svg width=\"1234\" height=\"567\" ";
            assert!(theirs.starts_with(head));
            let fallback = "&Fallback\", \"serif";
            let theirs = format!(
                "<svg width=\"12cm\" height=\"5.5in\" {}",
                &theirs[head.len()..]
            )
            .replace(
                &format!("font-family=\"{family}\""),
                &format!("font-family=\"{fallback}\""),
            );
            let mut ours = String::new();
            scene(SvgWriter::declared(
                &mut ours,
                (1234, 567),
                ("12cm", "5.5in"),
                (family, fallback),
            ));
            assert_eq!(ours, theirs);
            assert_eq!(family != "Nothing", ours.contains(fallback));
        }
    }

    #[test]
    fn a_document_dropped_unpresented_is_closed_as_plotters_closes_it() {
        let mut theirs = String::new();
        drop(SVGBackend::with_string(&mut theirs, (10, 20)));
        let mut ours = String::new();
        drop(SvgWriter::with_string(&mut ours, (10, 20)));
        assert_eq!(ours, theirs);
    }
}
