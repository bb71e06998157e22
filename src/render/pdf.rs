//! PDF output: the figure's SVG, parsed by usvg, redrawn into a vector PDF by krilla.
//!
//! Going through the same SVG as the PNG means the PDF shows exactly what the PNG shows,
//! laid out by the same text engine. Text stays text: every glyph is drawn from the font usvg
//! chose for it (the bundled font, or a `--font` file), which krilla embeds as a subset, so
//! the PDF needs no font on the reader's machine and its words can be searched and copied. krilla writes no dates or random identifiers, so the
//! same figure gives the same bytes.
//!
//! krilla-svg would do this walk for any SVG, but it is built on an older usvg than our
//! resvg; a figure only ever holds groups, filled and stroked paths and text in solid colours,
//! which is all this module handles (anything else would be a bug in the drawing, reported as
//! an error rather than dropped silently).

use super::Figure;
use crate::error::{Error, Result};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Paint, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};
use resvg::tiny_skia::PathSegment;
use resvg::usvg;
use std::collections::HashMap;

/// PostScript points per CSS pixel: 72 pt and 96 px are both one inch.
const PT_PER_PX: f32 = 72.0 / 96.0;

/// The figure as PDF bytes: one page the size of the figure.
///
/// ```
/// use nllplot::{analyse, render, Config, Request};
/// use nllplot::render::{Figure, Layout, ThemeName};
///
/// let config = Config::from_request(Request {
///     theme: ThemeName::Print,
///     layout: Layout::Stacked,
///     ..Request::default()
/// })?;
/// let analysis = analyse(&config)?;
/// let figure = Figure::of(&config, analysis.curve().unwrap(), &[], None);
/// let pdf = render::pdf(&figure)?;
/// assert!(pdf.starts_with(b"%PDF-"));
/// assert_eq!(pdf, render::pdf(&figure)?); // the same bytes every time
/// # Ok::<(), nllplot::Error>(())
/// ```
pub fn pdf(figure: &Figure) -> Result<Vec<u8>> {
    pdf_of_svg(&super::svg(figure)?)
}

/// Any of our SVG documents as a PDF page of the same size (the two-parameter figures too).
pub fn pdf_of_svg(svg: &str) -> Result<Vec<u8>> {
    let tree = super::svg::tree(svg)?;
    let size = tree.size();
    let settings = SerializeSettings {
        // XMP would only repeat what the document catalogue says.
        xmp_metadata: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let page_settings = PageSettings::from_wh(size.width() * PT_PER_PX, size.height() * PT_PER_PX)
        .ok_or_else(|| Error::Render("the figure has no area".to_string()))?;
    {
        let mut page = document.start_page_with(page_settings);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_scale(PT_PER_PX, PT_PER_PX));
        let mut fonts = Fonts {
            db: tree.fontdb(),
            loaded: HashMap::new(),
        };
        let result = group(tree.root(), &mut surface, &mut fonts);
        surface.pop();
        surface.finish();
        page.finish();
        result?;
    }
    document
        .finish()
        .map_err(|e| Error::Render(format!("PDF export failed: {e:?}")))
}

/// The faces of the tree's font database as krilla sees them, each loaded once per document
/// (sharing the database's bytes).
struct Fonts<'a> {
    db: &'a usvg::fontdb::Database,
    loaded: HashMap<usvg::fontdb::ID, Font>,
}

impl Fonts<'_> {
    fn get(&mut self, id: usvg::fontdb::ID) -> Result<Font> {
        if let Some(f) = self.loaded.get(&id) {
            return Ok(f.clone());
        }
        let face = self
            .db
            .face(id)
            .ok_or_else(|| Error::Render("a glyph's font is not in the database".to_string()))?;
        let data: krilla::Data = match &face.source {
            usvg::fontdb::Source::Binary(bytes) => bytes.clone().into(),
            #[allow(unreachable_patterns)]
            _ => self
                .db
                .with_face_data(id, |bytes, _| bytes.to_vec())
                .ok_or_else(|| Error::Render("a font could not be read for PDF".to_string()))?
                .into(),
        };
        let font = Font::new(data, face.index)
            .ok_or_else(|| Error::Render("a font could not be read for PDF".to_string()))?;
        self.loaded.insert(id, font.clone());
        Ok(font)
    }
}

fn unsupported(what: &str) -> Error {
    Error::Render(format!(
        "the figure's SVG holds {what}, which the PDF writer does not draw"
    ))
}

fn group(g: &usvg::Group, surface: &mut Surface, fonts: &mut Fonts) -> Result<()> {
    if g.clip_path().is_some() || g.mask().is_some() || !g.filters().is_empty() {
        return Err(unsupported("a clip path, mask or filter"));
    }
    surface.push_transform(&convert_transform(g.transform()));
    let opacity = g.opacity().get();
    if opacity < 1.0 {
        surface.push_opacity(NormalizedF32::new(opacity).unwrap_or(NormalizedF32::ONE));
    }
    let mut result = Ok(());
    for node in g.children() {
        result = match node {
            usvg::Node::Group(child) => group(child, surface, fonts),
            usvg::Node::Path(p) => {
                path(p, surface);
                Ok(())
            }
            usvg::Node::Text(t) => text(t, surface, fonts),
            usvg::Node::Image(_) => Err(unsupported("an image")),
        };
        if result.is_err() {
            break;
        }
    }
    if opacity < 1.0 {
        surface.pop();
    }
    surface.pop();
    result
}

fn path(p: &usvg::Path, surface: &mut Surface) {
    if !p.is_visible() {
        return;
    }
    let mut builder = PathBuilder::new();
    for segment in p.data().segments() {
        match segment {
            PathSegment::MoveTo(a) => builder.move_to(a.x, a.y),
            PathSegment::LineTo(a) => builder.line_to(a.x, a.y),
            PathSegment::QuadTo(a, b) => builder.quad_to(a.x, a.y, b.x, b.y),
            PathSegment::CubicTo(a, b, c) => builder.cubic_to(a.x, a.y, b.x, b.y, c.x, c.y),
            PathSegment::Close => builder.close(),
        }
    }
    let Some(shape) = builder.finish() else {
        return;
    };
    let fill = p.fill().map(convert_fill);
    let stroke = p.stroke().map(convert_stroke);
    // krilla fills with black when given neither.
    if fill.is_some() || stroke.is_some() {
        surface.set_fill(fill);
        surface.set_stroke(stroke);
        surface.draw_path(&shape);
    }
}

/// Each glyph where usvg's layout put it, from the embedded font, with the text it stands
/// for (so the PDF's text can be extracted).
fn text(t: &usvg::Text, surface: &mut Surface, fonts: &mut Fonts) -> Result<()> {
    for span in t.layouted() {
        if !span.visible {
            continue;
        }
        if span.stroke.is_some() || span.underline.is_some() || span.line_through.is_some() {
            return Err(unsupported("stroked or decorated text"));
        }
        let size = span.font_size.get();
        surface.set_fill(span.fill.as_ref().map(convert_fill));
        surface.set_stroke(None);
        for glyph in &span.positioned_glyphs {
            let font = fonts.get(glyph.font)?;
            let upem = font.units_per_em();
            // The glyph's transform scales font units to the font size; krilla applies the
            // font size itself, so only the placement is kept.
            let placement = glyph
                .transform()
                .pre_concat(usvg::Transform::from_scale(upem / size, upem / size));
            surface.push_transform(&convert_transform(placement));
            surface.draw_glyphs(
                Point::from_xy(0.0, 0.0),
                &[KrillaGlyph::new(
                    GlyphId::new(glyph.id.0),
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0..glyph.text.len(),
                    None,
                )],
                font.clone(),
                &glyph.text,
                size,
                false,
            );
            surface.pop();
        }
    }
    Ok(())
}

fn convert_transform(t: usvg::Transform) -> Transform {
    Transform::from_row(t.sx, t.ky, t.kx, t.sy, t.tx, t.ty)
}

fn convert_paint(paint: &usvg::Paint) -> Paint {
    match paint {
        usvg::Paint::Color(c) => rgb::Color::new(c.red, c.green, c.blue).into(),
        // The drawing uses solid colours only; a gradient would be a bug there, and black
        // keeps it visible.
        _ => rgb::Color::new(0, 0, 0).into(),
    }
}

fn opacity(o: usvg::Opacity) -> NormalizedF32 {
    NormalizedF32::new(o.get()).unwrap_or(NormalizedF32::ONE)
}

fn convert_fill(f: &usvg::Fill) -> Fill {
    Fill {
        paint: convert_paint(f.paint()),
        opacity: opacity(f.opacity()),
        rule: match f.rule() {
            usvg::FillRule::NonZero => FillRule::NonZero,
            usvg::FillRule::EvenOdd => FillRule::EvenOdd,
        },
    }
}

fn convert_stroke(s: &usvg::Stroke) -> Stroke {
    Stroke {
        paint: convert_paint(s.paint()),
        width: s.width().get(),
        miter_limit: s.miterlimit().get(),
        line_cap: match s.linecap() {
            usvg::LineCap::Butt => LineCap::Butt,
            usvg::LineCap::Round => LineCap::Round,
            usvg::LineCap::Square => LineCap::Square,
        },
        line_join: match s.linejoin() {
            usvg::LineJoin::Miter | usvg::LineJoin::MiterClip => LineJoin::Miter,
            usvg::LineJoin::Round => LineJoin::Round,
            usvg::LineJoin::Bevel => LineJoin::Bevel,
        },
        opacity: opacity(s.opacity()),
        dash: s.dasharray().map(|array| StrokeDash {
            array: array.to_vec(),
            offset: s.dashoffset(),
        }),
    }
}
