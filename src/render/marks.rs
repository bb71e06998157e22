//! The marks over the curves: the likelihood-ratio band, the vertical lines at θ̂ and the
//! true θ, and their value labels, placed beside their line on the side away from the other
//! one when there is room (and on a patch of background when they must cover a line).

use super::*;

/// A label at a point of a chart (`$at`, chart coordinates), placed horizontally by
/// `$anchor` (an alignment and an offset, see [`beside`]), below the point when `$top` is
/// true and above it otherwise, `$row` label lines further in. A macro because plotters does
/// not export the type of an anchored text element.
macro_rules! mark_label {
    ($at:expr, $text:expr, $style:expr, $anchor:expr, $top:expr $(,)?) => {
        mark_label!($at, $text, $style, $anchor, $top, 0)
    };
    ($at:expr, $text:expr, $style:expr, $anchor:expr, $top:expr, $row:expr) => {{
        let style: TextStyle<'static> = $style;
        let size = style.font.get_size() / SCALE as f64;
        let gap = label_gap(size, $row);
        let (h, dx): (HPos, i32) = $anchor;
        let (v, dy) = if $top {
            (VPos::Top, gap)
        } else {
            (VPos::Bottom, -gap)
        };
        EmptyElement::at($at) + Text::new($text, (dx, dy), style.pos(Pos::new(h, v)))
    }};
}
pub(super) use mark_label;

/// How far below its point (or above) [`mark_label!`] puts a label of font `size` in `row`.
pub(super) fn label_gap(size: f64, row: i32) -> i32 {
    px(size * 0.45) + row * px(size * LABEL_ROW)
}

/// The left edge, relative to its point, of text `width` wide aligned by `(h, dx)`.
fn text_left(h: HPos, dx: i32, width: i32) -> i32 {
    match h {
        HPos::Right => dx - width,
        HPos::Center => dx - width / 2,
        HPos::Left => dx,
    }
}

/// The anchor of a label just to the left (`left`) or right of its point.
pub(super) fn beside(left: bool, style: &TextStyle) -> (HPos, i32) {
    let gap = px(style.font.get_size() / SCALE as f64 * 0.45);
    if left {
        (HPos::Right, -gap)
    } else {
        (HPos::Left, gap)
    }
}

/// Where the label of the vertical line at `x` goes: on the side away from the `other`
/// line (so that it does not cross it) if it fits inside the frame there, else on the side
/// where it fits, else across the line, shifted to stay inside the frame; and whether the
/// text then covers either line (it gets a [`label_halo`]).
fn label_anchor<DB: DrawingBackend>(
    chart: &Chart<'_, DB>,
    x: f64,
    text: &str,
    style: &TextStyle,
    other: Option<f64>,
) -> DrawResult<((HPos, i32), bool), DB> {
    let area = chart.plotting_area();
    let (across, _) = area.get_pixel_range();
    let at = chart.backend_coord(&(x, 0.0)).0;
    let text_w = area.estimate_text_size(text, style)?.0 as i32;
    let width = text_w + px(style.font.get_size() / SCALE as f64 * 0.6);
    let (room_left, room_right) = (at - across.start, across.end - at);
    let prefer_left = other.is_some_and(|o| o > x);
    let anchor = match (room_left >= width, room_right >= width) {
        (true, true) => beside(prefer_left, style),
        (true, false) => beside(true, style),
        (false, true) => beside(false, style),
        (false, false) => {
            let left_edge =
                (at - text_w / 2).clamp(across.start, (across.end - text_w).max(across.start));
            (HPos::Left, left_edge - at)
        }
    };
    // Does the text cover its own line or the other one?
    let (h, dx) = anchor;
    let left = at + text_left(h, dx, text_w);
    let covers = |x: i32| left < x && x < left + text_w;
    let crosses = covers(at) || other.is_some_and(|o| covers(chart.backend_coord(&(o, 0.0)).0));
    Ok((anchor, crosses))
}

/// A patch of the background under a label that covers a vertical line (the box of
/// [`mark_label!`]'s text in `row`, with a little margin), drawn after the lines; slightly
/// transparent, so the lines and band stay faintly visible through it.
fn label_halo<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    at: (f64, f64),
    text: &str,
    style: &TextStyle,
    (h, dx): (HPos, i32),
    row: i32,
    theme: &Theme,
) -> DrawResult<(), DB> {
    let (w, height) = chart.plotting_area().estimate_text_size(text, style)?;
    let (w, height) = (w as i32, height as i32);
    let size = style.font.get_size() / SCALE as f64;
    let top = label_gap(size, row);
    let left = text_left(h, dx, w);
    let pad = px(size * 0.2);
    chart.draw_series([EmptyElement::at(at)
        + Rectangle::new(
            [
                (left - pad, top - pad),
                (left + w + pad, top + height + pad),
            ],
            theme.background.mix(0.85).filled(),
        )])?;
    Ok(())
}

/// The likelihood-ratio interval as a band across the whole height, under everything.
pub(super) fn draw_band<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    figure: &Figure,
    (y_lo, y_hi): (f64, f64),
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let grid = figure.sweep.grid;
    if figure.options.annotations.interval {
        let (lo, hi) = (inf.lr.0.value.max(grid.lo), inf.lr.1.value.min(grid.hi));
        if lo < hi {
            chart.draw_series([Rectangle::new(
                [(lo, y_lo), (hi, y_hi)],
                t.band.mix(t.band_opacity).filled(),
            )])?;
        }
    }
    Ok(())
}

/// The true θ and θ̂ as vertical lines across the whole height, with their values.
pub(super) fn draw_verticals<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    figure: &Figure,
    (y_lo, y_hi): (f64, f64),
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let grid = figure.sweep.grid;
    let in_range = |x: f64| (grid.lo..=grid.hi).contains(&x);
    let truth = figure.x_true.filter(|&x| notes.truth && in_range(x));
    let sym = figure.axis.symbol.as_str();
    let mle = (notes.mle && in_range(inf.mle)).then_some(inf.mle);
    let truth_text = format!("true {sym} = {}", truth.map(number).unwrap_or_default());
    let mle_text = format!("{} = {}", figure.axis.hat, number(inf.mle));
    // Both lines first, then both labels: a label that has to cover a line (no room beside
    // it in a narrow panel, or the other mark close by) gets a patch of background that
    // keeps it legible.
    if let Some(truth) = truth {
        draw_line(chart, vec![(truth, y_lo), (truth, y_hi)], t.truth)?;
    }
    if let Some(mle) = mle {
        draw_line(chart, vec![(mle, y_lo), (mle, y_hi)], t.mle)?;
    }
    if let Some(truth) = truth {
        // Under θ̂'s label, so that the two never collide however close they are.
        let row = notes.mle as i32;
        let style = text_style(t.font.label, t.truth.color);
        let (anchor, crosses) = label_anchor(chart, truth, &truth_text, &style, mle)?;
        if crosses {
            label_halo(chart, (truth, y_hi), &truth_text, &style, anchor, row, t)?;
        }
        chart.draw_series([mark_label!(
            (truth, y_hi),
            truth_text,
            style,
            anchor,
            true,
            row
        )])?;
    }
    if let Some(mle) = mle {
        let style = text_style(t.font.label, t.mle.color);
        let (anchor, crosses) = label_anchor(chart, mle, &mle_text, &style, truth)?;
        if crosses {
            label_halo(chart, (mle, y_hi), &mle_text, &style, anchor, 0, t)?;
        }
        chart.draw_series([mark_label!((mle, y_hi), mle_text, style, anchor, true)])?;
    }
    Ok(())
}
