//! `--out demo.html`: a self-contained interactive page for teaching.
//!
//! The page holds precomputed likelihood curves for a grid of true θ values and a ladder of
//! nested sample sizes (the first n draws of one seeded stream, so growing n only adds data),
//! and two sliders pick which curve is shown: moving one redraws instantly, with no server and
//! no network — no external script, style sheet or font. nllplot computes every number (in
//! [`crate::analysis::page`]); the page's script only draws SVG paths from them.

use crate::analysis::page::{Page, CLIP};
use std::fmt::Write;

/// Shortest decimal with 6 significant digits: enough for a 600-pixel plot, and small.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    let s = format!("{x:.5e}");
    s.parse::<f64>().map(|v| format!("{v}")).unwrap_or(s)
}

/// The page, its precomputed curves written into its data block.
pub fn to_bytes(page: &Page) -> Vec<u8> {
    let join = |v: Vec<String>| v.join(",");
    let mut data = String::from("{\"x\":[");
    data.push_str(&join(page.x.iter().map(|&x| num(x)).collect()));
    let _ = write!(
        data,
        "],\"truths\":[{}],\"start\":{},\"ns\":[{}],\"clip\":{CLIP},\"threshold\":{},\"curves\":[",
        join(page.truths.iter().map(|&t| num(t)).collect()),
        page.start,
        join(page.ns.iter().map(|n| n.to_string()).collect()),
        num(page.threshold)
    );
    for (ti, row) in page.curves.iter().enumerate() {
        data.push_str(if ti == 0 { "[" } else { ",[" });
        for (ki, curve) in row.iter().enumerate() {
            let d: Vec<String> = curve
                .delta
                .iter()
                .map(|v| v.map_or_else(|| "null".to_string(), num))
                .collect();
            let _ = write!(
                data,
                "{}{{\"d\":[{}],\"mle\":{},\"lo\":{},\"hi\":{}}}",
                if ki == 0 { "" } else { "," },
                d.join(","),
                num(curve.mle),
                num(curve.lr.0),
                num(curve.lr.1)
            );
        }
        data.push(']');
    }
    data.push_str("]}");
    PAGE.replace("__TITLE__", &escape(&page.title))
        .replace("__SYM__", &escape(&page.symbol))
        .replace("__PCT__", &num(page.level * 100.0))
        .replace("__DATA__", &data)
        .into_bytes()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>__TITLE__</title>
<style>
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 20px; font-weight: normal; }
.controls { display: grid; grid-template-columns: 9em 24em 14em; gap: 8px 12px; align-items: center; }
#readout { margin: 12px 0; font-size: 15px; }
svg text { font-size: 13px; fill: #222; }
</style>
</head>
<body>
<h1>__TITLE__</h1>
<div class="controls">
  <label for="n">sample size n</label><input id="n" type="range" min="0" step="1"><span id="n-value"></span>
  <label for="truth">true __SYM__</label><input id="truth" type="range" min="0" step="1"><span id="truth-value"></span>
</div>
<div id="readout"></div>
<svg id="plot" width="900" height="420" viewBox="0 0 900 420" role="img" aria-label="negative log-likelihood curve"></svg>
<script id="data" type="application/json">__DATA__</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const svg = document.getElementById("plot");
const NS = "http://www.w3.org/2000/svg";
const W = 900, H = 420, L = 70, R = 20, T = 20, B = 50;
const x0 = D.x[0], x1 = D.x[D.x.length - 1];
const sx = x => L + (x - x0) / (x1 - x0) * (W - L - R);
const sy = y => H - B - y / D.clip * (H - T - B);
const nSlider = document.getElementById("n"), tSlider = document.getElementById("truth");
nSlider.max = D.ns.length - 1; nSlider.value = D.ns.length - 1;
tSlider.max = D.truths.length - 1; tSlider.value = D.start;
const fmt = v => Number(v.toPrecision(4)).toString();
function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  svg.appendChild(e);
  return e;
}
function draw() {
  const k = +nSlider.value, t = +tSlider.value;
  const c = D.curves[t][k], truth = D.truths[t], n = D.ns[k];
  document.getElementById("n-value").textContent = "n = " + n;
  document.getElementById("truth-value").textContent = "__SYM__ = " + fmt(truth);
  document.getElementById("readout").textContent =
    "MLE " + fmt(c.mle) + " · __PCT__ % likelihood-ratio interval [" + fmt(c.lo) + ", " + fmt(c.hi) + "]";
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  el("rect", { x: sx(Math.max(c.lo, x0)), y: T, width: Math.max(0, sx(Math.min(c.hi, x1)) - sx(Math.max(c.lo, x0))), height: H - T - B, fill: "#e8a317", "fill-opacity": 0.16 });
  for (let i = 0; i <= 6; i++) {
    const v = D.clip * i / 6;
    el("line", { x1: L, x2: W - R, y1: sy(v), y2: sy(v), stroke: "#e4e4e4" });
    el("text", { x: L - 8, y: sy(v) + 4, "text-anchor": "end" }, fmt(v));
  }
  const raw = (x1 - x0) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
  for (let v = Math.ceil(x0 / step) * step; v <= x1 + 1e-9 * step; v += step) {
    el("line", { x1: sx(v), x2: sx(v), y1: H - B, y2: H - B + 5, stroke: "#555" });
    el("text", { x: sx(v), y: H - B + 18, "text-anchor": "middle" }, fmt(Math.round(v / step) * step));
  }
  el("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle" }, "__SYM__");
  el("text", { x: 16, y: (T + H - B) / 2, transform: "rotate(-90 16 " + (T + H - B) / 2 + ")", "text-anchor": "middle" }, "ΔNLL(__SYM__)");
  el("line", { x1: L, x2: W - R, y1: sy(D.threshold), y2: sy(D.threshold), stroke: "#e8a317", "stroke-dasharray": "6 4", "stroke-width": 1.5 });
  let d = "", pen = false;
  for (let i = 0; i < D.x.length; i++) {
    const y = c.d[i];
    if (y === null) { pen = false; continue; }
    d += (pen ? "L" : "M") + sx(D.x[i]).toFixed(2) + " " + sy(y).toFixed(2);
    pen = true;
  }
  el("path", { id: "curve", d: d, fill: "none", stroke: "#c0392b", "stroke-width": 2.5 });
  el("line", { x1: sx(truth), x2: sx(truth), y1: T, y2: H - B, stroke: "#1e8449", "stroke-dasharray": "2 4", "stroke-width": 1.5 });
  el("line", { x1: sx(c.mle), x2: sx(c.mle), y1: T, y2: H - B, stroke: "#222", "stroke-dasharray": "8 5", "stroke-width": 1.5 });
  el("line", { x1: L, x2: L, y1: T, y2: H - B, stroke: "#555" });
  el("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#555" });
}
nSlider.addEventListener("input", draw);
tSlider.addEventListener("input", draw);
draw();
</script>
</body>
</html>
"##;

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
        let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(data["truths"].as_array().unwrap().len(), 25);
        assert_eq!(data["ns"], serde_json::json!([5, 11, 23, 50, 100]));
        let curve = &data["curves"][3][4];
        assert_eq!(curve["d"].as_array().unwrap().len(), 241);
        // Every curve's minimum is 0 at its grid point nearest the MLE, up to the grid step.
        let min = curve["d"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_f64())
            .fold(f64::INFINITY, f64::min);
        assert!((0.0..0.05).contains(&min), "{min}");
    }
}
