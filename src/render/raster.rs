//! A plotters drawing backend that paints straight into a tiny-skia pixmap, anti-aliased.
//!
//! The PNG and the animation frames used to be the SVG rasterised by resvg: the figure was
//! drawn into SVG text, serialised, parsed back by usvg, its text laid out, and only then
//! painted. This backend skips the round trip: every primitive plotters asks for is painted
//! at once, with the meaning the SVG backend gives it (its stroke widths, its `opacity`, its
//! text anchors and `dy` offsets, its font size of `size / 1.24`), so the picture is the one
//! resvg made of the SVG. plotters' own bitmap backend is no substitute: it neither
//! anti-aliases nor places lines between pixels.
//!
//! The backend is generic: whatever is drawn on a plotters drawing area of it is rasterised,
//! at `internal` drawing units mapped onto the pixmap's pixels.

use super::glyphs::{self, Anchor};
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::prelude::{DrawingBackend, IntoDrawingArea};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use rayon::prelude::*;
use resvg::tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, Pixmap, PixmapMut, Rect, Stroke,
    Transform,
};
use std::convert::Infallible;

/// Draws with plotters onto a borrowed pixmap, the drawing being `internal` units large.
pub struct RasterBackend<'a> {
    pixmap: PixmapMut<'a>,
    internal: (u32, u32),
    /// Drawing units → pixels.
    scale: Transform,
}

impl<'a> RasterBackend<'a> {
    /// A backend painting rows `top..top + band.height()` of a `full`-pixel picture onto
    /// `band`: a drawing of `internal` units shown as an SVG viewer shows our SVG, its
    /// `viewBox` of `internal` units fitted ("meet", centred) into its declared size of
    /// `declared` CSS pixels, which fills the picture. The internal size is the declared one
    /// rounded to whole units, so the two aspects differ by a hair.
    fn band(
        internal: (u32, u32),
        declared: (f64, f64),
        full: (u32, u32),
        band: PixmapMut<'a>,
        top: u32,
    ) -> RasterBackend<'a> {
        let (iw, ih) = (internal.0.max(1) as f64, internal.1.max(1) as f64);
        let (dw, dh) = (declared.0.max(1e-9), declared.1.max(1e-9));
        let fit = (dw / iw).min(dh / ih);
        let (sx, sy) = (full.0 as f64 / dw, full.1 as f64 / dh);
        let scale = Transform::from_row(
            (fit * sx) as f32,
            0.0,
            0.0,
            (fit * sy) as f32,
            ((dw - iw * fit) / 2.0 * sx) as f32,
            ((dh - ih * fit) / 2.0 * sy - top as f64) as f32,
        );
        RasterBackend {
            pixmap: band,
            internal,
            scale,
        }
    }

    fn paint(color: BackendColor) -> Paint<'static> {
        let (r, g, b) = color.rgb;
        let mut paint = Paint::default();
        paint.set_color(Color::from_rgba8(r, g, b, 255));
        paint
            .shader
            .apply_opacity(color.alpha.clamp(0.0, 1.0) as f32);
        paint.anti_alias = true;
        paint
    }

    fn fill(&mut self, path: &Path, color: BackendColor) {
        self.pixmap.fill_path(
            path,
            &Self::paint(color),
            FillRule::Winding,
            self.scale,
            None,
        );
    }

    /// `r` in pixels, if its edges fall on pixel edges.
    fn whole_pixels(&self, r: Rect) -> Option<Rect> {
        let t = self.scale;
        let edges = [
            r.left() * t.sx + t.tx,
            r.top() * t.sy + t.ty,
            r.right() * t.sx + t.tx,
            r.bottom() * t.sy + t.ty,
        ];
        if edges.iter().all(|e| (e - e.round()).abs() < 1e-4) {
            let [l, t, r, b] = edges.map(f32::round);
            Rect::from_ltrb(l, t, r, b)
        } else {
            None
        }
    }

    /// Whether drawing units `top..bottom` (top above bottom) reach this band's rows.
    fn rows_hold(&self, top: f32, bottom: f32) -> bool {
        let t = self.scale;
        let (a, b) = (top * t.sy + t.ty, bottom * t.sy + t.ty);
        a.min(b) < self.pixmap.height() as f32 && a.max(b) > 0.0
    }

    /// Strokes as SVG does by default: butt caps, miter joins with a limit of 4.
    fn stroke(&mut self, path: &Path, color: BackendColor, width: u32) {
        if width == 0 {
            return; // SVG draws nothing for a zero stroke width (tiny-skia would draw a hairline)
        }
        let stroke = Stroke {
            width: width as f32,
            miter_limit: 4.0,
            line_cap: LineCap::Butt,
            line_join: LineJoin::Miter,
            dash: None,
        };
        self.pixmap
            .stroke_path(path, &Self::paint(color), &stroke, self.scale, None);
    }
}

/// How far, in drawing units (a quarter of a CSS pixel, [`super::SCALE`]), a stroked
/// polyline's kept points may pass from a point left out between them: a little more than
/// the half unit by which plotters' whole units already round every point. A length on the
/// figure, not in pixels, so that at `--dpi 300`, where a unit is most of a pixel, the
/// rounding's zigzag is left out too instead of drawn as a rough edge.
const SIMPLIFY_UNITS: f32 = 0.6;

/// The points of a long polyline that its stroke needs: a point further than `tolerance`
/// (drawing units) from the chord between the points kept on either side of it is kept, the
/// others are left out (Ramer–Douglas–Peucker, exact distances, so the same points on every
/// machine). A curve of a thousand points half a pixel apart bends so little between
/// neighbours that a few hundred outline it as closely as the quarter-unit grid allows,
/// and every point left out is two outline edges fewer to build, sort and scan: the
/// default figure's PNG takes a quarter less processor time. Short polylines are kept
/// whole; the SVG keeps every point.
fn simplified(points: Vec<BackendCoord>, tolerance: f32) -> Vec<BackendCoord> {
    const SHORT: usize = 32;
    if points.len() <= SHORT {
        return points;
    }
    let tolerance = f64::from(tolerance);
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut spans = vec![(0, points.len() - 1)];
    while let Some((a, b)) = spans.pop() {
        if b <= a + 1 {
            continue;
        }
        let (ax, ay) = (f64::from(points[a].0), f64::from(points[a].1));
        let (dx, dy) = (f64::from(points[b].0) - ax, f64::from(points[b].1) - ay);
        let length = dx.hypot(dy);
        let distance = |p: BackendCoord| {
            let (px, py) = (f64::from(p.0) - ax, f64::from(p.1) - ay);
            if length == 0.0 {
                px.hypot(py)
            } else {
                (px * dy - py * dx).abs() / length
            }
        };
        let (far, most) = (a + 1..b)
            .map(|i| (i, distance(points[i])))
            .fold((a, -1.0), |best, c| if c.1 > best.1 { c } else { best });
        if most > tolerance {
            keep[far] = true;
            spans.push((a, far));
            spans.push((far, b));
        }
    }
    points
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

fn polyline(points: impl IntoIterator<Item = BackendCoord>, close: bool) -> Option<Path> {
    let mut builder = PathBuilder::new();
    for (i, (x, y)) in points.into_iter().enumerate() {
        if i == 0 {
            builder.move_to(x as f32, y as f32);
        } else {
            builder.line_to(x as f32, y as f32);
        }
    }
    if close {
        builder.close();
    }
    // A lone point is not drawn, as an SVG polyline of one point is not.
    if builder.len() < 2 {
        return None;
    }
    builder.finish()
}

fn rect(upper_left: BackendCoord, bottom_right: BackendCoord) -> Option<Rect> {
    let (w, h) = (bottom_right.0 - upper_left.0, bottom_right.1 - upper_left.1);
    // SVG draws no rectangle with a width or height that is not positive.
    if w <= 0 || h <= 0 {
        return None;
    }
    Rect::from_xywh(upper_left.0 as f32, upper_left.1 as f32, w as f32, h as f32)
}

impl DrawingBackend for RasterBackend<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.internal
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.draw_rect(point, (point.0 + 1, point.1 + 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut builder = PathBuilder::new();
        builder.move_to(from.0 as f32, from.1 as f32);
        builder.line_to(to.0 as f32, to.1 as f32);
        if let Some(path) = builder.finish() {
            self.stroke(&path, style.color(), style.stroke_width());
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if let Some(r) = rect(upper_left, bottom_right) {
            if fill {
                let (w, h) = (self.pixmap.width() as f32, self.pixmap.height() as f32);
                let color = style.color();
                match self.whole_pixels(r) {
                    Some(p)
                        if color.alpha >= 1.0
                            && p.left() <= 0.0
                            && p.top() <= 0.0
                            && p.right() >= w
                            && p.bottom() >= h =>
                    {
                        // An opaque rectangle over the whole band (the background) is its
                        // colour in every pixel: stored directly, not blended pixel by pixel.
                        let (r, g, b) = color.rgb;
                        self.pixmap.fill(Color::from_rgba8(r, g, b, 255));
                    }
                    Some(pixels) => {
                        // A rectangle on pixel edges covers whole pixels: no edge to anti-alias,
                        // and tiny-skia fills it row by row instead of scan-converting a path.
                        let mut paint = Self::paint(color);
                        paint.anti_alias = false;
                        self.pixmap
                            .fill_rect(pixels, &paint, Transform::identity(), None);
                    }
                    None => self.fill(&PathBuilder::from_rect(r), color),
                }
            } else {
                // The SVG backend gives an outlined rectangle no stroke width: SVG's 1.
                self.stroke(&PathBuilder::from_rect(r), style.color(), 1);
            }
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let points = simplified(path.into_iter().collect(), SIMPLIFY_UNITS);
        if let Some(path) = polyline(points, false) {
            self.stroke(&path, style.color(), style.stroke_width());
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if let Some(path) = polyline(vertices, true) {
            self.fill(&path, style.color());
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if style.color().alpha == 0.0 || radius == 0 {
            return Ok(());
        }
        if let Some(path) =
            PathBuilder::from_circle(center.0 as f32, center.1 as f32, radius as f32)
        {
            if fill {
                self.fill(&path, style.color());
            } else {
                self.stroke(&path, style.color(), style.stroke_width());
            }
        }
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // The SVG backend's font size, anchor and baseline offset (usvg: 1 ex = ½ em).
        let size = (style.size() / 1.24) as f32;
        let anchor = match style.anchor().h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.76 * size,
            VPos::Center => 0.25 * size,
            VPos::Bottom => -0.25 * size,
        };
        let (x, y) = (pos.0 as f32, pos.1 as f32);
        let turn = match style.transform() {
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
            _ => 0.0,
        };
        if turn == 0.0 && !self.rows_hold(y + dy - 2.0 * size, y + dy + size) {
            // Level text wholly above or below this band (2 em above its baseline, 1 below,
            // room for accents and descenders) paints nothing here: its outlines are not
            // built at all.
            return Ok(());
        }
        let placed = Transform::from_rotate_at(turn, x, y);
        if let Some(path) = glyphs::text_path(text, size, anchor, (x, y + dy), placed) {
            self.fill(&path, color);
        }
        Ok(())
    }
}

/// The drawing area of a raster backend.
pub type RasterArea<'a> = DrawingArea<RasterBackend<'a>, Shift>;

/// Paints with `paint` onto a drawing area of `internal` units declared `declared` CSS
/// pixels large (see [`RasterBackend::band`]), rasterised onto `pixels`; `None` when either
/// size has no area.
///
/// The picture is painted as `bands` bands of rows at once (for two, the top 4/9 and the
/// rest; see [`band_edges`]), each by its own call of `paint` clipped to its rows: scan
/// conversion and blending, most of a figure's time, are shared out between the cores, while
/// only the cheaper part (laying out, stroking outlines, building edges) is done in every
/// band. A figure on its own takes two; the frames of an animation, already painted side by
/// side, one each. The bands are fixed by `bands` alone, whatever the number of threads, so the
/// pixels do not depend on it. (A band's rows are shifted by its first row before scan
/// conversion; the coordinates, rounded once more, can move an anti-aliased edge pixel by a
/// level against painting in one piece, never between runs.)
///
/// Each band, once painted, is handed (its premultiplied RGBA bytes) to `then` on the same
/// thread, while the other bands may still be painting: a PNG counts its colours there. The
/// results come in the order of the bands, with the pixmap.
pub fn drawn<F, G, T>(
    internal: (u32, u32),
    declared: (f64, f64),
    pixels: (u32, u32),
    bands: u32,
    paint: F,
    then: G,
) -> Option<(Pixmap, Vec<T>)>
where
    F: Fn(&RasterArea<'_>) -> Result<(), DrawingAreaErrorKind<Infallible>> + Sync,
    G: Fn(&[u8]) -> T + Sync,
    T: Send,
{
    if internal.0 == 0 || internal.1 == 0 {
        return None;
    }
    let mut pixmap = Pixmap::new(pixels.0, pixels.1)?;
    let (w, h) = pixels;
    let edges = band_edges(h, bands);
    let parts: Vec<(&mut [u8], u32, u32)> = band_rows(pixmap.data_mut(), &edges, w as usize * 4)
        .into_iter()
        .zip(edges.windows(2))
        .map(|(data, edge)| (data, edge[0], edge[1] - edge[0]))
        .collect();
    let painted: Option<Vec<T>> = parts
        .into_par_iter()
        .map(|(data, top, rows)| {
            let target = PixmapMut::from_bytes(data, w, rows)?;
            let root =
                RasterBackend::band(internal, declared, pixels, target, top).into_drawing_area();
            // Nothing can fail in this backend; a failure of plotters' own is no picture.
            let painted = paint(&root).is_ok();
            drop(root);
            painted.then(|| then(data))
        })
        .collect();
    Some((pixmap, painted?))
}

/// The first row of each of `bands` bands of a picture `rows` high, and the end of the last.
///
/// The first band is four fifths as high as each of the others (of two, it holds 4/9 of the
/// rows): the title block sits at the top of every figure we draw, and its text makes those
/// rows the costliest to paint. Measured side by side with halves, the default PNG took 0.4 ms
/// less (median), and the Poisson, normal, logistic, dark-theme and 8 cm figures 0.3 to 1.0 ms
/// less (README, Speed).
pub fn band_edges(rows: u32, bands: u32) -> Vec<u32> {
    if rows == 0 {
        return vec![0, 0];
    }
    let bands = bands.clamp(1, rows) as u64;
    let (rows, share) = (rows as u64, 5 * bands - 1);
    let mut edges = vec![0];
    // At least a row in each band, however few rows there are.
    edges.extend(
        (1..=bands).map(|i| (rows * (5 * i - 1) / share).clamp(i, rows - bands + i) as u32),
    );
    edges
}

/// `data`, rows of `row` bytes each, cut into the bands between `edges` (as [`band_edges`]
/// gives them); rows past the last edge are left out.
pub fn band_rows<'a>(data: &'a mut [u8], edges: &[u32], row: usize) -> Vec<&'a mut [u8]> {
    let mut rest = data;
    let mut bands = Vec::with_capacity(edges.len().saturating_sub(1));
    for edge in edges.windows(2) {
        let length = (edge[1] - edge[0]) as usize * row;
        let (here, after) = std::mem::take(&mut rest).split_at_mut(length);
        bands.push(here);
        rest = after;
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance of `p` from the segment's line through `a` and `b`, worked independently of
    /// `simplified` (cross product over length).
    fn off_chord(p: BackendCoord, a: BackendCoord, b: BackendCoord) -> f64 {
        let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
        let (px, py) = ((p.0 - a.0) as f64, (p.1 - a.1) as f64);
        (px * dy - py * dx).abs() / dx.hypot(dy)
    }

    #[test]
    fn the_bands_cover_every_row_once_the_first_four_fifths_as_high() {
        assert_eq!(band_edges(0, 2), vec![0, 0]);
        assert_eq!(band_edges(500, 1), vec![0, 500]);
        // 500·4/9 = 222.2; the other band 277.8 rows: 4/5 as high.
        assert_eq!(band_edges(500, 2), vec![0, 222, 500]);
        // 14 shares: 4, then 5, 5.
        assert_eq!(band_edges(140, 3), vec![0, 40, 90, 140]);
        // Never more bands than rows, and no empty band.
        for rows in 1..60 {
            for bands in 1..9 {
                let edges = band_edges(rows, bands);
                assert_eq!(edges.len() as u32, bands.min(rows) + 1);
                assert_eq!((edges[0], *edges.last().unwrap()), (0, rows));
                assert!(edges.windows(2).all(|e| e[0] < e[1]), "{edges:?}");
            }
        }
    }

    #[test]
    fn a_straight_run_keeps_its_ends_and_a_short_line_keeps_everything() {
        let straight: Vec<BackendCoord> = (0..100).map(|i| (3 * i, 2 * i + 7)).collect();
        assert_eq!(simplified(straight, 0.6), vec![(0, 7), (297, 205)]);
        let short: Vec<BackendCoord> = (0..20).map(|i| (i, (i * i) % 7)).collect();
        assert_eq!(simplified(short.clone(), 100.0), short);
    }

    /// A parabola sampled on the integer grid, as plotters hands it over: every point left
    /// out lies within the tolerance of the chord between the kept points around it, the
    /// ends stay, and far fewer points remain.
    #[test]
    fn every_point_left_out_is_within_the_tolerance_of_its_chord() {
        let points: Vec<BackendCoord> = (-500..=500)
            .map(|i| (2 * i, ((i * i) as f64 / 700.0).round() as i32))
            .collect();
        let tolerance = 0.6;
        let kept = simplified(points.clone(), tolerance);
        assert_eq!(kept.first(), points.first());
        assert_eq!(kept.last(), points.last());
        assert!(kept.len() < points.len() / 4, "{} kept", kept.len());
        for pair in kept.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let inside = points.iter().filter(|p| p.0 > a.0 && p.0 < b.0);
            for &p in inside {
                assert!(
                    off_chord(p, a, b) <= tolerance as f64,
                    "{p:?} off {a:?}-{b:?}"
                );
            }
        }
    }
}
