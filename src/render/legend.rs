//! The legend under the panels: one entry per thing the figure shows (curves, marks, the
//! interval with its threshold line, the Wald parabola, overlaid sample sizes), each with a
//! swatch that draws exactly the line, dash or band of the theme.
//!
//! The layout engine packs the entries into centred rows and gives long names way to brief
//! ones when space is short; this module says what the entries are and draws them where the
//! layout put them.

use super::paint::{DrawResult, Painter};
use super::words::{given, text};
use super::{number, overlay_color, percent, Figure};
use crate::render::Layout;
use crate::theme::{Line, Theme};
use crate::typeset::layout::{LegendEntry, LegendSlot, Spacing};
use plotters::prelude::*;

/// How a legend entry's swatch is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) enum Swatch {
    Line(Line),
    /// The interval's band with its threshold line across it.
    Band(RGBColor, f64, Line),
    Bar(Line),
}

/// The legend entries for what this figure shows, with their swatches, `extra` (the optional
/// marks' entries, composed in [`super::extras`]) last.
pub(super) fn legend(
    figure: &Figure,
    extra: Vec<(Swatch, LegendEntry)>,
) -> Vec<(Swatch, LegendEntry)> {
    if !figure.options.legend {
        return Vec::new();
    }
    let t = figure.theme();
    let notes = figure.options.annotations;
    let inf = figure.inference;
    let layout = figure.options.layout;
    let mut items = Vec::new();
    let overlay = layout == Layout::Overlay;
    let entry = |key: &str, long: String, short: String| {
        if given(figure, key) {
            let s = text(figure, key, String::new);
            LegendEntry {
                long: s.clone(),
                short: s,
            }
        } else {
            LegendEntry { long, short }
        }
    };
    // Overlaid sample sizes: one entry per n, in the colours of their curves.
    for (k, o) in figure.overlays.iter().enumerate() {
        let line = Line {
            color: overlay_color(t, k, figure.overlays.len()),
            ..t.nll
        };
        let name = match figure.options.labels.get("legend-n") {
            Some(template) => crate::labels::expand(template, &|p| {
                if p == "n" {
                    Some(o.n.to_string())
                } else {
                    super::words::placeholder(figure, p)
                }
            }),
            None => format!("n = {}", o.n),
        };
        items.push((
            Swatch::Line(line),
            LegendEntry {
                long: name.clone(),
                short: name,
            },
        ));
    }
    // With overlays the curves are named by their n; LL and NLL by the panels.
    let single = figure.overlays.is_empty();
    if single && layout.shows_ll() {
        let name = if overlay { "LL (left axis)" } else { "LL" };
        items.push((
            Swatch::Line(t.ll),
            entry("legend-ll", name.to_string(), "LL".to_string()),
        ));
    }
    if single && layout.shows_nll() {
        let name = if overlay { "NLL (right axis)" } else { "NLL" };
        items.push((
            Swatch::Line(t.nll),
            entry("legend-nll", name.to_string(), "NLL".to_string()),
        ));
    }
    let hat = &figure.axis.hat;
    if notes.mle {
        items.push((
            Swatch::Line(t.mle),
            entry("legend-mle", format!("MLE {hat}"), hat.to_string()),
        ));
    }
    if notes.truth && figure.x_true.is_some() {
        let sym = &figure.axis.symbol;
        items.push((
            Swatch::Line(t.truth),
            entry(
                "legend-truth",
                "true value".to_string(),
                format!("true {sym}"),
            ),
        ));
    }
    if notes.interval {
        let pct = percent(inf.level);
        items.push((
            Swatch::Band(t.band, (t.band_opacity * 2.2).min(1.0), t.threshold),
            entry(
                "legend-interval",
                format!("{pct} LR interval: ΔNLL ≤ {}", number(inf.threshold)),
                format!("{pct} LR interval"),
            ),
        ));
    }
    if notes.wald && inf.information.is_ok() {
        items.push((
            Swatch::Line(t.wald),
            entry(
                "legend-wald",
                "Wald (quadratic) approximation".to_string(),
                "Wald approx.".to_string(),
            ),
        ));
    }
    if notes.se && inf.se().is_some() {
        items.push((
            Swatch::Bar(Line {
                dash: None,
                ..t.mle
            }),
            entry("legend-se", "± 1 SE".to_string(), "± 1 SE".to_string()),
        ));
    }
    items.extend(extra);
    items
}

/// Draws the legend's entries where the layout put them.
pub(super) fn draw_legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    slots: &[LegendSlot],
    swatches: &[Swatch],
    sp: &Spacing,
    size: f64,
    theme: &Theme,
) -> DrawResult<(), DB> {
    let m = p.measure();
    let line_h = m.line_height(size);
    let half = 0.38 * size;
    for slot in slots {
        let (x0, x1, mid) = (slot.x, slot.x + sp.swatch, slot.mid);
        match swatches[slot.entry] {
            Swatch::Line(line) => p.line(&[(x0, mid), (x1, mid)], line)?,
            Swatch::Band(color, opacity, threshold) => {
                p.fill(
                    &crate::typeset::layout::Rect::new(x0, mid - half, x1, mid + half),
                    color,
                    opacity,
                )?;
                p.line(&[(x0, mid), (x1, mid)], threshold)?;
            }
            Swatch::Bar(line) => {
                p.line(&[(x0, mid), (x1, mid)], line)?;
                for end in [x0, x1] {
                    p.line(&[(end, mid - half), (end, mid + half)], line)?;
                }
            }
        }
        // The text's box centred on the row's middle.
        let top = mid - 0.5 * line_h + m.top_overhang(size);
        p.text(
            &slot.text,
            slot.text_x,
            top,
            size,
            theme.text,
            super::paint::Align::Left,
        )?;
    }
    Ok(())
}
