//! The legend under the panels: one entry per thing the figure shows (curves, marks, band,
//! Wald parabola, overlaid sample sizes), laid out in as many centred rows as the width needs.
//!
//! Drawn by hand rather than by plotters' series labels so that a swatch shows exactly the
//! line, dash or band of the theme, and so that the rows wrap instead of overflowing.

use super::*;

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy)]
pub(super) enum Swatch {
    Line(Line),
    Band(RGBColor, f64),
    Bar(Line),
}

/// The legend entries for what this figure shows. `short` names the long entries briefly
/// (the interval without its threshold, "Wald approx."), for figures whose legend would
/// otherwise take more than two rows.
pub(super) fn legend(figure: &Figure, short: bool) -> Vec<(Swatch, String)> {
    let t = figure.theme();
    let notes = figure.options.annotations;
    let inf = figure.inference;
    let layout = figure.options.layout;
    let mut items = Vec::new();
    let overlay = layout == Layout::Overlay;
    // Overlaid sample sizes: one entry per n, in the colours of their curves.
    for (k, o) in figure.overlays.iter().enumerate() {
        let line = Line {
            color: overlay_color(t, k, figure.overlays.len()),
            ..t.nll
        };
        items.push((Swatch::Line(line), format!("n = {}", o.n)));
    }
    // With overlays the curves are named by their n; LL and NLL by the panels.
    let single = figure.overlays.is_empty();
    if single && layout.shows_ll() {
        let name = if overlay { "LL (left axis)" } else { "LL" };
        items.push((Swatch::Line(t.ll), name.to_string()));
    }
    if single && layout.shows_nll() {
        let name = if overlay { "NLL (right axis)" } else { "NLL" };
        items.push((Swatch::Line(t.nll), name.to_string()));
    }
    if notes.mle {
        items.push((Swatch::Line(t.mle), format!("MLE {}", figure.axis.hat)));
    }
    if notes.truth && figure.x_true.is_some() {
        items.push((Swatch::Line(t.truth), "true value".to_string()));
    }
    if notes.interval {
        items.push((
            Swatch::Band(t.band, (t.band_opacity * 2.2).min(1.0)),
            if short {
                format!("{} LR interval", percent(inf.level))
            } else {
                format!(
                    "{} LR interval: ΔNLL ≤ {}",
                    percent(inf.level),
                    number(inf.threshold)
                )
            },
        ));
    }
    if notes.wald && inf.information.is_ok() {
        items.push((
            Swatch::Line(t.wald),
            if short {
                "Wald approx."
            } else {
                "Wald (quadratic) approximation"
            }
            .to_string(),
        ));
    }
    if notes.se && inf.se().is_some() {
        items.push((
            Swatch::Bar(Line {
                dash: None,
                ..t.mle
            }),
            "± 1 SE".to_string(),
        ));
    }
    items
}

/// One legend entry with the width its text takes.
pub(super) type LegendItem = (Swatch, String, i32);

/// Legend entries packed into centred rows no wider than `max`.
pub(super) fn legend_rows<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    items: Vec<(Swatch, String)>,
    style: &TextStyle,
    max: i32,
) -> DrawResult<Vec<Vec<LegendItem>>, DB> {
    let size = style.font.get_size() / SCALE as f64;
    let (swatch, gap, spacing) = legend_metrics(size);
    let mut rows: Vec<Vec<LegendItem>> = Vec::new();
    let mut used = 0;
    for (kind, text) in items {
        let width = text_width(root, &text, style)?;
        let need = swatch + gap + width;
        match rows.last_mut() {
            Some(row) if used + spacing + need <= max => {
                used += spacing + need;
                row.push((kind, text, width));
            }
            _ => {
                used = need;
                rows.push(vec![(kind, text, width)]);
            }
        }
    }
    Ok(rows)
}

/// Swatch length, swatch-to-text gap and entry spacing for a legend font size.
fn legend_metrics(size: f64) -> (i32, i32, i32) {
    (px(size * 2.0), px(size * 0.6), px(size * 1.7))
}

/// One centred row of legend entries around the height `mid`.
pub(super) fn draw_legend_row<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    row: &[LegendItem],
    mid: i32,
    theme: &Theme,
) -> DrawResult<(), DB> {
    let size = theme.font.legend;
    let style = text_style(size, theme.text);
    let (swatch, gap, spacing) = legend_metrics(size);
    let total: i32 = row.iter().map(|(_, _, w)| swatch + gap + w).sum::<i32>()
        + spacing * (row.len() as i32 - 1).max(0);
    let (w, _) = root.dim_in_pixel();
    let mut x = (w as i32 - total) / 2;
    let half = px(size * 0.45);
    for (kind, text, width) in row {
        match *kind {
            Swatch::Line(line) => {
                for (a, b) in dash_segments(x, x + swatch, line.dash) {
                    root.draw(&PathElement::new(vec![(a, mid), (b, mid)], stroke(line)))?;
                }
            }
            Swatch::Band(color, opacity) => root.draw(&Rectangle::new(
                [(x, mid - half), (x + swatch, mid + half)],
                color.mix(opacity).filled(),
            ))?,
            Swatch::Bar(line) => {
                root.draw(&PathElement::new(
                    vec![(x, mid), (x + swatch, mid)],
                    stroke(line),
                ))?;
                for end in [x, x + swatch] {
                    root.draw(&PathElement::new(
                        vec![(end, mid - half), (end, mid + half)],
                        stroke(line),
                    ))?;
                }
            }
        }
        root.draw(&Text::new(
            text.clone(),
            (x + swatch + gap, mid),
            style.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += swatch + gap + width + spacing;
    }
    Ok(())
}

/// The dashes of a horizontal swatch from `a` to `b`, in drawing units.
fn dash_segments(a: i32, b: i32, dash: Option<(f64, f64)>) -> Vec<(i32, i32)> {
    let Some((on, off)) = dash else {
        return vec![(a, b)];
    };
    let (on, off) = (px(on).max(1), px(off).max(1));
    let mut out = Vec::new();
    let mut s = a;
    while s < b {
        out.push((s, (s + on).min(b)));
        s += on + off;
    }
    out
}
