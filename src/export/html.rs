//! `--out demo.html`: a self-contained interactive page for teaching.
//!
//! The page holds precomputed likelihood curves for a grid of true θ values and a ladder of
//! nested sample sizes (the first n draws of one seeded stream, so growing n only adds data),
//! and two sliders pick which curve is shown: moving one redraws instantly, with no server and
//! no network — no external script, style sheet or font. nllplot computes every number; the
//! page's script only draws SVG paths from them.

use crate::config::{Config, Source};
use crate::error::{Error, Result};
use crate::family::{Family, ParamSpace};
use crate::inference;
use crate::run::Outcome;
use crate::sample::sample_stats;
use std::fmt::Write;

/// True θ values on the slider.
const TRUTHS: usize = 25;
/// Grid points of each curve.
const POINTS: usize = 241;
/// ΔNLL above which curves are cut off on the page.
const CLIP: f64 = 12.0;

/// The slider's range of true θ for a family: well inside the parameter space.
fn truth_range(family: &dyn Family) -> (f64, f64) {
    let t = family.default_true();
    let ParamSpace { lo, hi } = family.space();
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (lo + 0.05 * (hi - lo), hi - 0.05 * (hi - lo)),
        (true, false) => (lo + 0.25 * (t - lo), lo + 2.5 * (t - lo)),
        _ => (t - 3.0, t + 3.0),
    }
}

/// Sample sizes on the n slider: about three per decade from 5 up to the run's n.
fn ladder(n_max: u64) -> Vec<u64> {
    let mut ns = Vec::new();
    let mut k = 0;
    loop {
        let n = (5.0 * 10f64.powf(k as f64 / 3.0)).round() as u64;
        if n >= n_max {
            break;
        }
        if ns.last() != Some(&n) {
            ns.push(n);
        }
        k += 1;
    }
    ns.push(n_max.max(1));
    ns
}

/// Shortest decimal with 6 significant digits: enough for a 600-pixel plot, and small.
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "null".to_string();
    }
    let s = format!("{x:.5e}");
    s.parse::<f64>().map(|v| format!("{v}")).unwrap_or(s)
}

pub fn to_bytes(outcome: &Outcome, config: &Config) -> Result<Vec<u8>> {
    let family = config.family.as_ref();
    let Source::Sample { n, seed, theta } = config.source else {
        return Err(Error::Usage(
            "an interactive page draws synthetic data: drop --data for --out *.html".to_string(),
        ));
    };
    let ns = ladder(n.min(100_000));
    let (t_lo, t_hi) = truth_range(family);
    let truths: Vec<f64> = (0..TRUTHS)
        .map(|i| t_lo + (t_hi - t_lo) * i as f64 / (TRUTHS - 1) as f64)
        .collect();
    let space = family.space();
    let pad = 0.5 * (t_hi - t_lo);
    let x_lo = (t_lo - pad).max(space.lo + 1e-3 * (t_hi - t_lo));
    let x_hi = (t_hi + pad).min(space.hi - 1e-3 * (t_hi - t_lo));
    let xs: Vec<f64> = (0..POINTS)
        .map(|i| x_lo + (x_hi - x_lo) * i as f64 / (POINTS - 1) as f64)
        .collect();
    let threshold = inference::threshold(config.level);

    // curves[t][k] = (ΔNLL at each x, θ̂, interval)
    let mut data = String::from("{\"x\":[");
    data.push_str(&xs.iter().map(|&x| num(x)).collect::<Vec<_>>().join(","));
    let _ = write!(
        data,
        "],\"truths\":[{}],\"start\":{},\"ns\":[{}],\"clip\":{CLIP},\"threshold\":{},\"curves\":[",
        truths.iter().map(|&t| num(t)).collect::<Vec<_>>().join(","),
        nearest(&truths, theta),
        ns.iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(","),
        num(threshold)
    );
    for (ti, &truth) in truths.iter().enumerate() {
        data.push_str(if ti == 0 { "[" } else { ",[" });
        for (ki, &n) in ns.iter().enumerate() {
            let stats = sample_stats(family, truth, n, seed);
            let inf = inference::infer(family, &stats, config.level);
            let d: Vec<String> = xs
                .iter()
                .map(|&x| {
                    let v = inf.ll_max - family.ll(&stats, x);
                    if v.is_finite() && v <= CLIP {
                        num(v)
                    } else {
                        "null".to_string()
                    }
                })
                .collect();
            let _ = write!(
                data,
                "{}{{\"d\":[{}],\"mle\":{},\"lo\":{},\"hi\":{}}}",
                if ki == 0 { "" } else { "," },
                d.join(","),
                num(inf.mle),
                num(inf.lr.0.value),
                num(inf.lr.1.value)
            );
        }
        data.push(']');
    }
    data.push_str("]}");

    let sym = &outcome.figure().axis.symbol;
    let title = format!("{} likelihood: move the sliders", family.label());
    let page = PAGE
        .replace("__TITLE__", &escape(&title))
        .replace("__SYM__", &escape(sym))
        .replace("__PCT__", &num(config.level * 100.0))
        .replace("__DATA__", &data);
    Ok(page.into_bytes())
}

/// The index of the slider value closest to the run's true θ, where the page starts.
fn nearest(values: &[f64], target: f64) -> usize {
    (0..values.len())
        .min_by(|&i, &j| {
            (values[i] - target)
                .abs()
                .total_cmp(&(values[j] - target).abs())
        })
        .unwrap_or(0)
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

    #[test]
    fn the_ladder_climbs_by_thirds_of_a_decade_to_n() {
        assert_eq!(ladder(100), vec![5, 11, 23, 50, 100]);
        assert_eq!(ladder(3), vec![3]);
    }

    #[test]
    fn the_page_is_self_contained_and_holds_every_curve() {
        let config = Config::from_request(crate::Request {
            out: vec!["demo.html".into()],
            ..crate::Request::default()
        })
        .unwrap();
        let outcome = crate::analyse(&config).unwrap();
        let page = String::from_utf8(to_bytes(&outcome, &config).unwrap()).unwrap();
        for forbidden in ["src=", "href=", "@import", "url(", "https://", "fetch("] {
            assert!(!page.contains(forbidden), "the page references {forbidden}");
        }
        let json = &page[page.find("__DATA__").map_or(0, |_| 0)..];
        let start = json.find("application/json\">").unwrap() + "application/json\">".len();
        let end = start + json[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&json[start..end]).unwrap();
        assert_eq!(data["truths"].as_array().unwrap().len(), TRUTHS);
        assert_eq!(data["ns"], serde_json::json!([5, 11, 23, 50, 100]));
        let curve = &data["curves"][3][4];
        assert_eq!(curve["d"].as_array().unwrap().len(), POINTS);
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
