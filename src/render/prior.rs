//! The posterior on the likelihood's panels (`--prior`): −ln π(θ) and NLL − ln π on the NLL
//! panel (ln π and LL + ln π on the LL panel), the exact posterior's −ln p(θ | x) with
//! `--posterior`, and the MAP estimate as a vertical line with a dot on the posterior — for
//! the drawn figure, its legend and caption, and the typeset scene.
//!
//! Units: the posterior shares the curve's view (shifted by NLL(θ̂) under `--y delta`,
//! divided by n under `--y per-obs`), so on every axis posterior = likelihood curve + prior
//! curve, point by point. The densities π(θ) and p(θ | x) do not depend on the sample and are
//! never shifted, only divided by n under `--y per-obs`. Values outside the prior's support
//! are +∞ on the NLL panel: the curves break there (the frame cuts them), never NaN.
//!
//! The colours are derived here from the theme's name rather than added to every theme: a
//! teal prior and a purple posterior beside the blue LL and red NLL, grays in print.

use super::legend::Swatch;
use super::marks::{traced, LabelSpace, LabelTarget};
use super::paint::{clip_polyline, DrawResult, Painter};
use super::scene_parts::{Role, Series, Vertical};
use super::{CurveView, Figure, Frame, View};
use crate::analysis::posterior::PriorAnalysis;
use crate::digits::Precision;
use crate::theme::{Line, Theme, ThemeName};
use crate::typeset::layout::{LegendEntry, Rect};
use plotters::prelude::*;

/// How the posterior's lines look in a theme.
struct Styles {
    prior: Line,
    posterior: Line,
    exact: Line,
    map: Line,
}

fn styles(t: &Theme) -> Styles {
    let w = t.nll.width;
    let (prior, posterior) = match t.name {
        ThemeName::Print => (RGBColor(0x66, 0x66, 0x66), RGBColor(0x8c, 0x8c, 0x8c)),
        ThemeName::Dark => (RGBColor(0x4f, 0xd1, 0xc5), RGBColor(0xd9, 0x8c, 0xff)),
        _ => (RGBColor(0x12, 0x8c, 0x7e), RGBColor(0x8e, 0x24, 0xaa)),
    };
    let print = t.name == ThemeName::Print;
    Styles {
        prior: Line {
            color: prior,
            width: 0.8 * w,
            dash: Some((2.4 * w, 1.2 * w)),
        },
        // In print, a wide light-gray solid line: black solid and dashed are LL's and NLL's.
        posterior: Line {
            color: posterior,
            width: if print { 1.8 * w } else { w },
            dash: None,
        },
        exact: Line {
            color: if print {
                RGBColor(0x22, 0x22, 0x22)
            } else {
                posterior
            },
            width: 0.6 * w,
            dash: Some((0.8 * w, 1.6 * w)),
        },
        map: Line {
            color: posterior,
            width: t.mle.width,
            dash: Some((4.0 * t.mle.width, 2.0 * t.mle.width)),
        },
    }
}

/// The view of a density (π, p(θ | x)): the panel's sign and per-observation divisor,
/// without the shift of `--y delta`.
fn density_view(view: View) -> View {
    View { shift: 0.0, ..view }
}

/// The posterior's curves in `view`'s units: (what, values, style), the prior only when the
/// swept parameter has one.
fn curves(prior: &PriorAnalysis, view: View, s: &Styles) -> Vec<(&'static str, Vec<f64>, Line)> {
    let dv = density_view(view);
    let mut out = Vec::new();
    if prior.swept.is_some() {
        out.push((
            "the prior",
            prior.ln_prior.iter().map(|&v| dv.y(v)).collect(),
            s.prior,
        ));
    }
    out.push((
        "the posterior",
        prior.ln_posterior.iter().map(|&v| view.y(v)).collect(),
        s.posterior,
    ));
    if let Some(exact) = &prior.exact {
        out.push((
            "the exact posterior",
            exact.ln_density.iter().map(|&v| dv.y(v)).collect(),
            s.exact,
        ));
    }
    out
}

/// Every value the posterior's curves plot in a panel, for its y extent. Infinite values
/// (outside the support) are left to the extent's own filter; values that would dwarf the
/// likelihood (a prior's tail thousands of units up) are kept, since hiding them would hide
/// what the prior does.
pub(super) fn extent_values(figure: &Figure, view: View) -> Vec<f64> {
    let Some(prior) = figure.prior else {
        return Vec::new();
    };
    let s = styles(figure.theme());
    let mut values: Vec<f64> = curves(prior, view, &s)
        .into_iter()
        .flat_map(|(_, v, _)| v)
        .collect();
    values.push(view.y(prior.ln_posterior_max));
    values
}

/// Draws the posterior's curves and the MAP mark on one curve's panel; `line` draws the MAP's
/// vertical line and label (once per panel: the overlay layout draws two curves on one).
pub(super) fn draw_prior<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    cv: &CurveView,
    frame: &Frame,
    to_chart: &dyn Fn(f64) -> f64,
    space: &mut LabelSpace,
    line: bool,
) -> DrawResult<(), DB> {
    let Some(prior) = figure.prior else {
        return Ok(());
    };
    let t = figure.theme();
    let s = styles(t);
    let x = &figure.sweep.x;
    for (_, values, line) in curves(prior, cv.view, &s) {
        let pts: Vec<(f64, f64)> = x
            .iter()
            .zip(&values)
            .map(|(&x, &y)| (x, to_chart(y)))
            .collect();
        traced(p, frame, space, &pts, line)?;
    }
    let grid = figure.sweep.grid;
    if !(grid.lo..=grid.hi).contains(&prior.map) {
        return Ok(());
    }
    let (y_lo, y_hi) = frame.y;
    if !line {
        // The other curve of the panel drew the line; the dot on this one.
    } else if let Some(id) = traced(
        p,
        frame,
        space,
        &[(prior.map, y_lo), (prior.map, y_hi)],
        s.map,
    )? {
        space.label(
            map_text(figure, prior),
            s.map.color,
            LabelTarget::VLine {
                x: frame.x_px(prior.map),
                line: id,
                prefer_left: prior.map < figure.inference.mle,
            },
            1,
        );
    }
    let y = to_chart(cv.view.y(prior.ln_posterior_max));
    if y.is_finite() && (cv.y_lo..=cv.y_hi).contains(&cv.view.y(prior.ln_posterior_max)) {
        let centre = frame.px((prior.map, y));
        p.dot(centre, t.dot, s.posterior.color)?;
        space.dot(centre, t.dot);
    }
    Ok(())
}

/// The precision the figure writes θ̂ with, for the MAP and the posterior's numbers.
fn precision(figure: &Figure) -> Precision {
    super::words::precision(figure)
}

/// "MAP = 0.273": the label of the MAP line.
fn map_text(figure: &Figure, prior: &PriorAnalysis) -> String {
    format!("MAP = {}", precision(figure).format(prior.map))
}

/// The legend entries of the posterior, after the curves'.
pub(super) fn legend_items(figure: &Figure) -> Vec<(Swatch, LegendEntry)> {
    let Some(prior) = figure.prior else {
        return Vec::new();
    };
    let s = styles(figure.theme());
    let entry = |long: String, short: &str| LegendEntry {
        long,
        short: short.to_string(),
    };
    let layout = figure.options.layout;
    let nll = layout.shows_nll();
    let mut items = Vec::new();
    if let Some(d) = prior.swept {
        let what = if nll { "−ln π" } else { "ln π" };
        items.push((
            Swatch::Line(s.prior),
            entry(format!("{what}, prior {d}"), what),
        ));
    }
    let (long, short) = if nll {
        ("posterior NLL − ln π", "NLL − ln π")
    } else {
        ("posterior LL + ln π", "LL + ln π")
    };
    items.push((Swatch::Line(s.posterior), entry(long.to_string(), short)));
    if let Some(exact) = &prior.exact {
        let what = if nll { "−ln p" } else { "ln p" };
        items.push((
            Swatch::Line(s.exact),
            entry(
                format!(
                    "{what}({} | x), exact posterior {}",
                    figure.axis.symbol, exact.dist
                ),
                "exact posterior",
            ),
        ));
    }
    items.push((
        Swatch::Line(s.map),
        entry("MAP estimate".to_string(), "MAP"),
    ));
    items
}

/// The caption's sentences about the posterior: the MAP, the penalty reading of the prior,
/// and the exact posterior's mean and credible interval.
pub(super) fn footer_parts(figure: &Figure) -> Vec<String> {
    let Some(prior) = figure.prior else {
        return Vec::new();
    };
    let p = precision(figure);
    let symbol = &figure.axis.symbol;
    let mut parts = vec![format!("MAP {symbol} = {}", p.format(prior.map))];
    if let Some(d) = prior.swept {
        match d.penalty(symbol) {
            Some(penalty) => parts.push(format!("{d} prior = {penalty}")),
            None => parts.push(format!("{d} prior")),
        }
    }
    if let Some(exact) = &prior.exact {
        parts.push(format!(
            "posterior {}: mean {}, {} credible interval {}",
            exact.dist,
            p.format(exact.mean),
            super::percent(exact.level),
            p.interval(exact.interval.0, exact.interval.1)
        ));
    }
    parts
}

/// The posterior's series and MAP line for the typeset scene of one panel's curve.
pub(super) fn scene_series(
    figure: &Figure,
    cv: &CurveView,
    xr: (f64, f64),
    yr: (f64, f64),
    right: bool,
) -> Vec<Series> {
    let Some(prior) = figure.prior else {
        return Vec::new();
    };
    let s = styles(figure.theme());
    curves(prior, cv.view, &s)
        .into_iter()
        .map(|(what, values, line)| {
            let pts: Vec<(f64, f64)> = figure.sweep.x.iter().copied().zip(values).collect();
            Series {
                role: Role::Posterior(what),
                runs: clip_polyline(&pts, &Rect::new(xr.0, yr.0, xr.1, yr.1)),
                line,
                right,
                visible: true,
            }
        })
        .collect()
}

/// The MAP's vertical line for the typeset scene, when it lies in the window.
pub(super) fn scene_vertical(figure: &Figure) -> Option<Vertical> {
    let prior = figure.prior?;
    let grid = figure.sweep.grid;
    (grid.lo..=grid.hi).contains(&prior.map).then(|| Vertical {
        x: prior.map,
        line: styles(figure.theme()).map,
        label: map_text(figure, prior),
    })
}
