//! Text as outlines of the bundled font, laid out exactly as usvg lays out our SVG's text.
//!
//! The raster backend draws text itself instead of handing an SVG to usvg, and the PNG must
//! show the same words in the same places as the SVG does. So this module does what usvg
//! does with one `<text>` element: collapse white space as SVG's `xml:space="default"` asks,
//! shape the string with harfrust (kerning, combining marks such as the hat of p̂), place
//! the glyphs from the anchor, and take each glyph's outline from the font with skrifa.
//! Outlines are kept once per glyph for the whole process, so animation frames and a book of
//! figures read each glyph from the font only once.

use crate::typeset::font;
use resvg::tiny_skia::{Path, PathBuilder, Transform};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::prelude::{LocationRef, Size};
use skrifa::MetadataProvider;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Where a string's anchor point lies horizontally: its start, middle or end (SVG's
/// `text-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The bundled font, parsed once.
struct Face {
    font: harfrust::FontRef<'static>,
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    outlines: skrifa::outline::OutlineGlyphCollection<'static>,
    /// Each glyph's outline in font units (y up), or `None` for glyphs without one (space).
    cache: Mutex<HashMap<u32, Option<Arc<Path>>>>,
}

static FACE: LazyLock<Option<Face>> = LazyLock::new(|| {
    let font = harfrust::FontRef::new(font::BYTES).ok()?;
    let skrifa_font = skrifa::FontRef::new(font::BYTES).ok()?;
    let units_per_em = skrifa_font
        .metrics(Size::unscaled(), LocationRef::default())
        .units_per_em;
    Some(Face {
        shaper: harfrust::ShaperData::new(&font),
        font,
        units_per_em: f32::from(units_per_em.max(1)),
        outlines: skrifa_font.outline_glyphs(),
        cache: Mutex::new(HashMap::new()),
    })
});

/// SVG's default white-space handling: newlines removed, tabs become spaces, leading and
/// trailing spaces dropped and runs of spaces collapsed to one (SVG 1.1, §10.15).
pub fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => {}
            ' ' | '\t' => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The outline of `text` at `size` (the em size, in the caller's units), with its baseline
/// starting at `(x, y)` shifted by the anchor, then mapped through `transform`. `None` when
/// nothing of it has an outline (an empty or all-space string).
pub fn text_path(
    text: &str,
    size: f32,
    anchor: Anchor,
    (x, y): (f32, f32),
    transform: Transform,
) -> Option<Path> {
    let face = FACE.as_ref()?;
    let text = collapse_white_space(text);
    if text.is_empty() {
        return None;
    }
    let mut buffer = harfrust::UnicodeBuffer::new();
    buffer.push_str(&text);
    buffer.guess_segment_properties();
    let shaper = face.shaper.shaper(&face.font).build();
    let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
    let scale = size / face.units_per_em;
    let width: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
    let start = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width as f32 * scale / 2.0,
        Anchor::End => x - width as f32 * scale,
    };
    let mut builder = PathBuilder::new();
    let mut pen = 0i32;
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        if let Some(outline) = face.outline(info.glyph_id) {
            let at = Transform::from_row(
                scale,
                0.0,
                0.0,
                -scale,
                start + (pen + pos.x_offset) as f32 * scale,
                y - pos.y_offset as f32 * scale,
            );
            if let Some(placed) = (*outline).clone().transform(transform.pre_concat(at)) {
                builder.push_path(&placed);
            }
        }
        pen += pos.x_advance;
    }
    builder.finish()
}

impl Face {
    fn outline(&self, glyph: u32) -> Option<Arc<Path>> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(glyph)
            .or_insert_with(|| {
                let outline = self.outlines.get(skrifa::GlyphId::new(glyph))?;
                let mut pen = Pen(PathBuilder::new());
                let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
                outline.draw(settings, &mut pen).ok()?;
                pen.0.finish().map(Arc::new)
            })
            .clone()
    }
}

/// Collects skrifa's outline commands into a tiny-skia path.
struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_as_svg_does() {
        // SVG 1.1 §10.15, xml:space="default": newlines go, spaces collapse and are trimmed.
        assert_eq!(collapse_white_space("\na   ·   b\n"), "a · b");
        assert_eq!(collapse_white_space("  x\ty  "), "x y");
        assert_eq!(collapse_white_space("\n\n"), "");
    }

    #[test]
    fn anchors_place_the_text_at_its_start_middle_and_end() {
        let at = |anchor| {
            text_path("LL", 40.0, anchor, (100.0, 50.0), Transform::identity())
                .unwrap()
                .bounds()
        };
        let (start, middle, end) = (at(Anchor::Start), at(Anchor::Middle), at(Anchor::End));
        // "LL" is two advances wide; each anchor shifts the same outline by half of it.
        let shift = start.left() - middle.left();
        assert!(shift > 10.0, "{shift}");
        assert!((middle.left() - end.left() - shift).abs() < 1e-3);
        // Glyphs stand on the baseline: the bottom of an L is at y = 50.
        assert!((start.bottom() - 50.0).abs() < 0.5, "{}", start.bottom());
        assert!(text_path(
            "   ",
            40.0,
            Anchor::Start,
            (0.0, 0.0),
            Transform::identity()
        )
        .is_none());
    }
}
