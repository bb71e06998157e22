//! A panel's axes: the ticks chosen to fit the plot's length, the grid lines behind the
//! curves, the spines with their tick marks, the tick labels and the axis titles, each drawn
//! in the place the layout gave it.

use super::paint::{Align, DrawResult, Painter};
use super::{words, Figure, Frame, Panel, Setup, TickSet};
use crate::theme::{FontSizes, Line, Theme};
use crate::typeset::layout::{PanelPlan, Plan};
use crate::typeset::text::Measure;
use plotters::prelude::*;

/// Ticks of an x axis `length` px long whose labels keep a gap of an em between them.
pub(super) fn choose_x_ticks(
    m: &Measure,
    sizes: &FontSizes,
    lo: f64,
    hi: f64,
    length: f64,
) -> TickSet {
    let gap = crate::typeset::layout::X_LABEL_GAP * sizes.tick;
    let typical = m.width("0.00", sizes.tick) + 2.0 * sizes.tick;
    let preferred = ((length / (1.4 * typical)) as usize).clamp(4, 7);
    let fits = |t: &TickSet| {
        let per_unit = length / (hi - lo);
        t.values.windows(2).zip(t.labels.windows(2)).all(|(v, l)| {
            let need = 0.5 * (m.width(&l[0], sizes.tick) + m.width(&l[1], sizes.tick)) + gap;
            (v[1] - v[0]) * per_unit >= need
        })
    };
    TickSet::choose(lo, hi, preferred, &fits)
}

/// Ticks of a y axis `length` px tall whose labels keep a line's gap between them.
pub(super) fn choose_y_ticks(
    m: &Measure,
    sizes: &FontSizes,
    lo: f64,
    hi: f64,
    length: f64,
) -> TickSet {
    let pitch = m.line_height(sizes.tick) + 0.35 * sizes.tick;
    let preferred = ((length / (2.6 * pitch)) as usize).clamp(4, 6);
    let fits = |t: &TickSet| {
        let per_unit = length / (hi - lo);
        t.values
            .windows(2)
            .all(|v| (v[1] - v[0]) * per_unit >= pitch)
    };
    TickSet::choose(lo, hi, preferred, &fits)
}

/// Grid lines at the ticks, behind everything else.
pub(super) fn draw_grid<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    setup: &Setup,
    theme: &Theme,
) -> DrawResult<(), DB> {
    let r = frame.plot;
    for &v in &setup.x_ticks.values {
        let x = frame.x_px(v);
        p.line(&[(x, r.y0), (x, r.y1)], theme.grid)?;
    }
    for &v in &setup.left.values {
        let y = frame.y_px(v);
        p.line(&[(r.x0, y), (r.x1, y)], theme.grid)?;
    }
    Ok(())
}

/// The spines, tick marks, tick labels and titles of a panel.
pub(super) fn draw_axes<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    setup: &Setup,
    frame: &Frame,
    pp: &PanelPlan,
    plan: &Plan,
) -> DrawResult<(), DB> {
    let theme = figure.theme();
    let m = p.measure();
    let sizes = &plan.sizes;
    let sp = &plan.spacing;
    let r = frame.plot;
    let spine = Line {
        color: theme.muted,
        width: theme.axis_width,
        dash: None,
    };
    let tick = sizes.tick;
    let line_h = m.line_height(tick);
    p.line(&[(r.x0, r.y0), (r.x0, r.y1), (r.x1, r.y1)], spine)?;
    if setup.right.is_some() {
        p.line(&[(r.x1, r.y0), (r.x1, r.y1)], spine)?;
    }

    // x: marks on every panel, labels and title where the layout put them.
    let mut x_boxes = Vec::new();
    for (&v, label) in setup.x_ticks.values.iter().zip(&setup.x_ticks.labels) {
        let x = frame.x_px(v);
        p.line(&[(x, r.y1), (x, r.y1 + sp.tick_len)], spine)?;
        if let Some(top) = pp.bottom_labels {
            let b = p.text(
                label,
                x,
                top + m.top_overhang(tick),
                tick,
                theme.text,
                Align::Centre,
            )?;
            x_boxes.push(b);
        }
    }
    if let Some(top) = pp.bottom_title {
        let title = match setup.panel {
            Panel::Data => words::data_x_title(figure),
            _ => words::x_title(figure),
        } + &setup.x_ticks.title_suffix;
        p.text(
            &title,
            r.centre().0,
            top + m.top_overhang(sizes.axis),
            sizes.axis,
            theme.text,
            Align::Centre,
        )?;
    }

    // y: the left axis, and the right one of the overlay (NLL in its own units).
    let left_title = match setup.panel {
        Panel::Both => words::y_title(figure, Panel::LogLikelihood),
        p => words::y_title(figure, p),
    };
    let y_axis =
        |ticks: &TickSet, to_frame: &dyn Fn(f64) -> f64, left: bool| -> DrawResult<(), DB> {
            for (&v, label) in ticks.values.iter().zip(&ticks.labels) {
                let y = frame.y_px(to_frame(v));
                let (x_edge, x_tick, align) = if left {
                    (pp.left_labels, r.x0 - sp.tick_len, Align::Right)
                } else {
                    (pp.right_labels, r.x1 + sp.tick_len, Align::Left)
                };
                p.line(&[(if left { r.x0 } else { r.x1 }, y), (x_tick, y)], spine)?;
                let top = y - 0.5 * line_h + m.top_overhang(tick);
                let w = m.width(label, tick);
                let x0 = if left { x_edge - w } else { x_edge };
                let b = m.line_box(label, tick, x0, top);
                // The lowest label can meet the first x label in the corner: the x label wins.
                if x_boxes.iter().any(|x| x.overlaps(&b)) {
                    continue;
                }
                p.text(label, x_edge, top, tick, theme.text, align)?;
            }
            Ok(())
        };
    y_axis(&setup.left, &|v| v, true)?;
    p.text_up(
        &(left_title + &setup.left.title_suffix),
        pp.left_title,
        r.centre().1,
        sizes.axis,
        theme.text,
    )?;
    if let Some(right) = &setup.right {
        let (ll, nll) = (&setup.curves[0], &setup.curves[1]);
        let to_left =
            |y: f64| ll.y_lo + (y - nll.y_lo) * (ll.y_hi - ll.y_lo) / (nll.y_hi - nll.y_lo);
        y_axis(right, &to_left, false)?;
        p.text_up(
            &(words::y_title(figure, Panel::Negative) + &right.title_suffix),
            pp.right_title,
            r.centre().1,
            sizes.axis,
            theme.text,
        )?;
    }
    if let Some(title) = &pp.title {
        p.centred(title, theme.text)?;
    }
    Ok(())
}
