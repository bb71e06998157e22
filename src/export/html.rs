//! `--out demo.html`: a self-contained interactive page for teaching.
//!
//! The page holds the curves of [`crate::analysis::page`] — for each true value on its slider
//! and each nested sample size, the run's own CSV values at up to 201 grid points, with the
//! score and observed information there — and draws the LL and NLL panels of the static
//! figure in its theme, the data panel, and the three tests at a cursor θ₀ that a slider or a
//! drag on the curve moves. Nothing is fetched: no external script, style sheet or font; the
//! script ([`PAGE`], in `page.html`) only reads the numbers written into its data block.
//!
//! Curve values are written in full (shortest round-trip form) so the page's readout is the
//! CSV's number; the score, information and data-panel values only label or draw, and are
//! written to six significant digits to keep the file small.

use crate::analysis::page::{Page, PageCurve, PageTruth};
use crate::analysis::page_panel::Panel;
use crate::theme::{Line, Theme};
use plotters::style::RGBColor;
use serde_json::{json, Value};

/// The page's markup, style and script; `__TITLE__` and `__DATA__` are filled in.
const PAGE: &str = include_str!("page.html");

/// Six significant digits: enough to label, and small.
fn short(x: f64) -> Value {
    digits(x, 6)
}

/// Four significant digits: enough to draw.
fn drawn(x: f64) -> Value {
    digits(x, 4)
}

fn digits(x: f64, significant: usize) -> Value {
    if !x.is_finite() {
        return Value::Null;
    }
    let p = significant - 1;
    json!(format!("{x:.p$e}").parse::<f64>().unwrap_or(x))
}

/// Every digit (JSON's shortest round-trip form); `null` for an infinite or undefined value.
fn exact(x: f64) -> Value {
    if x.is_finite() {
        json!(x)
    } else {
        Value::Null
    }
}

fn colour(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn line(l: Line) -> Value {
    json!({
        "color": colour(l.color),
        "width": l.width,
        "dash": l.dash.map(|(on, off)| format!("{on} {off}")),
    })
}

fn theme(t: &Theme) -> Value {
    json!({
        "background": colour(t.background),
        "text": colour(t.text),
        "muted": colour(t.muted),
        "grid": line(t.grid),
        "axisWidth": t.axis_width,
        "ll": line(t.ll),
        "nll": line(t.nll),
        "mle": line(t.mle),
        "truth": line(t.truth),
        "wald": line(t.wald),
        "threshold": line(t.threshold),
        "band": colour(t.band),
        "bandOpacity": t.band_opacity,
        "dot": t.dot,
        "font": {
            "title": t.font.title,
            "subtitle": t.font.subtitle,
            "caption": t.font.caption,
            "axis": t.font.axis,
            "tick": t.font.tick,
            "label": t.font.label,
            "legend": t.font.legend,
            "footer": t.font.footer,
        },
    })
}

fn panel(p: &Panel) -> Value {
    let shorts = |v: &[f64]| Value::Array(v.iter().map(|&x| drawn(x)).collect());
    match p {
        Panel::Histogram {
            lo,
            width,
            bins,
            counts,
            xs,
        } => json!({
            "kind": "histogram",
            "lo": exact(*lo),
            "width": exact(*width),
            "bins": bins,
            "counts": counts,
            "xs": shorts(xs),
        }),
        Panel::Scatter {
            x_name,
            y_name,
            x,
            y,
            xs,
        } => json!({
            "kind": "scatter",
            "xName": x_name,
            "yName": y_name,
            "x": shorts(x),
            "y": shorts(y),
            "xs": shorts(xs),
        }),
    }
}

fn curve(c: &PageCurve) -> Value {
    let all = |v: &[f64], f: fn(f64) -> Value| Value::Array(v.iter().map(|&x| f(x)).collect());
    json!({
        "n": c.n,
        "lo": exact(c.lo),
        "hi": exact(c.hi),
        "nll": all(&c.nll, exact),
        "u": all(&c.score, short),
        "j": all(&c.information, short),
        "llMax": exact(c.ll_max),
        "mle": exact(c.mle),
        "lr": [exact(c.lr.0), exact(c.lr.1)],
        "jHat": c.mle_information.map_or(Value::Null, exact),
        "hist": c.hist,
        "model": c.model.iter().map(|row| {
            Value::Array(row.iter().map(|v| v.map_or(Value::Null, drawn)).collect())
        }).collect::<Vec<_>>(),
    })
}

fn truth(t: &PageTruth) -> Value {
    json!({
        "value": t.value.map_or(Value::Null, exact),
        "swept": t.swept_value.map_or(Value::Null, exact),
        "generator": t.generator,
        "panel": panel(&t.panel),
        "curves": t.curves.iter().map(curve).collect::<Vec<_>>(),
    })
}

/// The page's data block, as JSON.
pub fn data(page: &Page) -> String {
    let value = json!({
        "title": page.title,
        "family": page.family,
        "symbol": page.symbol,
        "hat": page.hat,
        "truthSymbol": page.truth_symbol,
        "seed": page.seed,
        "dataName": page.data_name,
        "dataRows": page.data_rows,
        "profiled": page.profiled,
        "irregular": page.irregular,
        "skipped": page.skipped,
        "level": page.level,
        "threshold": exact(page.threshold),
        "ns": page.ns,
        "start": page.start,
        "points": page.points,
        "kept": page.kept,
        "cursors": page.cursors,
        "theme": theme(&page.theme),
        "truths": page.truths.iter().map(truth).collect::<Vec<_>>(),
    });
    // Inside a <script> element, "</" would end it early: written as the escape JSON allows.
    value.to_string().replace("</", "<\\/")
}

/// The page, its numbers written into its data block.
pub fn to_bytes(page: &Page) -> Vec<u8> {
    PAGE.replace("__TITLE__", &escape(&page.title))
        .replace("__DATA__", &data(page))
        .into_bytes()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_page_is_self_contained_and_holds_every_curve() {
        let config = Config::from_request(crate::Request {
            out: vec!["demo.html".into()],
            ..crate::Request::default()
        })
        .unwrap();
        let analysis = crate::analyse(&config).unwrap();
        let page = String::from_utf8(to_bytes(analysis.page.as_ref().unwrap())).unwrap();
        for forbidden in ["src=", "href=", "@import", "url(", "https://", "fetch("] {
            assert!(!page.contains(forbidden), "the page references {forbidden}");
        }
        let start = page.find("application/json\">").unwrap() + "application/json\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        let data: Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(data["ns"], json!([5, 11, 23, 50, 100]));
        let truths = data["truths"].as_array().unwrap();
        assert_eq!(truths.len(), 13);
        // The page opens at the run's own truth, the default Bernoulli p = 0.3.
        let start = data["start"].as_u64().unwrap() as usize;
        assert_eq!(truths[start]["value"], json!(0.3));
        let curve = &truths[start]["curves"][4];
        assert_eq!(curve["nll"].as_array().unwrap().len(), 201);
        assert_eq!(curve["n"], json!(100));
    }
}
