//! `--out fig.typ`: the figure as self-contained Typst drawing code, for Typst documents.
//!
//! Typst's package registry (where plotting packages live) may not be reachable where a book
//! is built, so the file imports nothing: it draws with Typst's own `place`, `line`, `curve`,
//! `polygon` and `rect`, from coordinates nllplot computed (as shares of each panel, so the
//! figure takes any size), and sets every text with the document's font and size. The file
//! defines `nllplot-figure(width: 100%, height: auto)` and then shows it once, so
//! `#include "fig.typ"` places the figure at its container's width, and
//! `#import "fig.typ": nllplot-figure` gives the function for `#figure(nllplot-figure(width:
//! 12cm), caption: [...])`. The layout (title, legend and caption heights) is measured by
//! Typst when the document is compiled.

use crate::render::scene::{
    heat_color, CurveScene, LegendSwatch, MapScene, PanelScene, ProfileScene, SurfaceScene, YAxis,
    HEAT_BAND, HEAT_BANDS,
};
use crate::render::TickSet;
use crate::theme::{Layout, Line};
use plotters::style::RGBColor;
use std::fmt::Write;

/// Points per CSS pixel of the theme's line widths and dashes (as in the `.tex` picture).
const PT_PER_PX: f64 = 0.6;

/// A share of a panel, with 5 decimals: a thousandth of a point on a 20 cm figure.
fn share(v: f64) -> String {
    let s = format!("{:.5}", if v.is_finite() { v } else { 0.0 });
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "" | "-" | "-0" => "0".to_string(),
        s => s.to_string(),
    }
}

/// A Typst string literal.
fn string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn color(c: RGBColor) -> String {
    format!("rgb({}, {}, {})", c.0, c.1, c.2)
}

fn fill(c: RGBColor, opacity: f64) -> String {
    format!(
        "rgb({}, {}, {}, {})",
        c.0,
        c.1,
        c.2,
        (opacity.clamp(0.0, 1.0) * 255.0).round() as u8
    )
}

fn pt(v: f64) -> String {
    format!("{}pt", share(v * PT_PER_PX))
}

/// A line's Typst stroke.
fn stroke(line: Line) -> String {
    let dash = match line.dash {
        Some((on, off)) => format!(", dash: ({}, {})", pt(on), pt(off)),
        None => String::new(),
    };
    format!(
        "(paint: {}, thickness: {}{dash}, cap: \"round\", join: \"round\")",
        color(line.color),
        pt(line.width)
    )
}

/// Points as an array of shares of the frame.
fn points(pts: &[(f64, f64)], x: (f64, f64), y: (f64, f64)) -> String {
    let fx = |v: f64| (v - x.0) / (x.1 - x.0);
    let fy = |v: f64| (v - y.0) / (y.1 - y.0);
    let inner: Vec<String> = pts
        .iter()
        .map(|&(a, b)| format!("({}, {})", share(fx(a)), share(fy(b))))
        .collect();
    format!("({},)", inner.join(", "))
}

/// The helpers every figure uses, defined inside `nllplot-figure` so that nothing leaks into
/// the document.
const HELPERS: &str = r#"  // A text with its anchor (shares ax, ay of its own box) at (x, y).
  let at(x, y, ax, ay, body) = {
    let m = measure(body)
    place(dx: x - m.width * ax, dy: y - m.height * ay, body)
  }
  // A polyline of shares of the frame P maps to lengths.
  let poly(P, pts, s) = place(curve(stroke: s, curve.move(P(pts.first())), ..pts.slice(1).map(p => curve.line(P(p)))))
  let vert(P, x, s) = place(line(start: P((x, 0)), end: P((x, 1)), stroke: s))
  let dot(P, p, c) = { let (x, y) = P(p); place(dx: x - 2pt, dy: y - 2pt, circle(radius: 2pt, fill: c, stroke: none)) }
  // A frame with its ticks: xt and yt are (share, label) pairs; rt the right axis' ticks.
  let frame(P, w, h, xt, yt, rt, xlabels) = {
    place(dx: P((0, 1)).at(0), dy: P((0, 1)).at(1), rect(width: w, height: h, stroke: 0.5pt + luma(40%)))
    for (f, l) in xt {
      place(line(start: P((f, 0)), end: (P((f, 0)).at(0), P((f, 0)).at(1) + 3pt), stroke: 0.5pt + luma(40%)))
      if xlabels { at(P((f, 0)).at(0), P((f, 0)).at(1) + 4pt, 0.5, 0, text(size: 0.8em, l)) }
    }
    for (f, l) in yt {
      place(line(start: P((0, f)), end: (P((0, f)).at(0) - 3pt, P((0, f)).at(1)), stroke: 0.5pt + luma(40%)))
      at(P((0, f)).at(0) - 4pt, P((0, f)).at(1), 1, 0.5, text(size: 0.8em, l))
    }
    for (f, l) in rt {
      place(line(start: P((1, f)), end: (P((1, f)).at(0) + 3pt, P((1, f)).at(1)), stroke: 0.5pt + luma(40%)))
      at(P((1, f)).at(0) + 4pt, P((1, f)).at(1), 0, 0.5, text(size: 0.8em, l))
    }
  }
  let swatch(body) = box(width: 1.8em, height: 0.8em, baseline: 0.1em, body)
  let entry(sw, name) = box(swatch(sw) + h(0.35em) + text(size: 0.85em, name))
"#;

/// Ticks of [lo, hi] as (share, label) pairs, and what the axis title adds.
fn ticks(lo: f64, hi: f64) -> (String, String) {
    let set = TickSet::choose(lo, hi, 5, &|_| true);
    let pairs: Vec<String> = set
        .values
        .iter()
        .zip(&set.labels)
        .filter(|(&v, _)| v >= lo && v <= hi && hi > lo)
        .map(|(&v, l)| format!("({}, {})", share((v - lo) / (hi - lo)), string(l)))
        .collect();
    (format!("({})", with_comma(pairs)), set.title_suffix)
}

/// An array literal's items: a trailing comma so that one item is still an array.
fn with_comma(items: Vec<String>) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!("{},", items.join(", "))
    }
}

/// The opening of the file and of `nllplot-figure`: size, helpers, and the measured header
/// (`title`), legend and caption.
fn open(
    what: &str,
    aspect: f64,
    title: &[String],
    subtitle: &str,
    legend: &str,
    footer: &str,
) -> String {
    let mut out = format!(
        "// nllplot {}: {what}, as Typst drawing code (no imports).\n\
         // Use: #include \"this file\" places the figure at its container's width; or\n\
         // #import \"this file\": nllplot-figure, then #nllplot-figure(width: 12cm, height: auto).\n\
         // Every text is set in the document's font and size.\n\
         #let nllplot-figure(width: 100%, height: auto) = layout(size => {{\n",
        env!("CARGO_PKG_VERSION")
    );
    let _ = write!(
        out,
        "  let W = if type(width) == ratio {{ width * size.width }} else if type(width) == relative {{ width.ratio * size.width + width.length }} else {{ width }}\n  let H = if height == auto {{ W * {} }} else {{ height }}\n",
        share(aspect)
    );
    out.push_str(HELPERS);
    let titles: Vec<String> = title.iter().map(|t| string(t)).collect();
    let _ = writeln!(
        out,
        "  let head = block(width: W, align(center, {{ {} }}))",
        if titles.is_empty() && subtitle.is_empty() {
            "none".to_string()
        } else {
            let mut parts: Vec<String> = titles
                .iter()
                .map(|t| format!("text(weight: \"bold\", {t})"))
                .collect();
            if !subtitle.is_empty() {
                parts.push(format!("text(size: 0.8em, {})", string(subtitle)));
            }
            parts.join(" + linebreak() + ")
        }
    );
    let _ = writeln!(
        out,
        "  let legend = block(width: W, align(center, {legend}))"
    );
    let _ = writeln!(
        out,
        "  let foot = block(width: W, align(center, {}))",
        if footer.is_empty() {
            "none".to_string()
        } else {
            format!("text(size: 0.8em, {})", string(footer))
        }
    );
    out.push_str(
        "  let (hh, lh, fh) = (head, legend, foot).map(b => measure(b).height)\n  // The panels' area, between the header and the legend and caption.\n  let area-top = hh + 0.4em\n  let area-bottom = H - lh - fh - 1.2em\n  block(width: W, height: H, {\n    place(top + left, head)\n    place(dx: 0pt, dy: area-bottom + 0.2em, legend)\n    place(dx: 0pt, dy: area-bottom + 0.7em + lh, foot)\n",
    );
    out
}

fn close() -> &'static str {
    "  })\n})\n#nllplot-figure()\n"
}

/// A legend entry's swatch as Typst content.
fn swatch(s: LegendSwatch) -> String {
    match s {
        LegendSwatch::Line(l) => format!(
            "place(horizon, line(length: 100%, stroke: {}))",
            stroke(l)
        ),
        LegendSwatch::Bar(l) => format!(
            "place(horizon, line(length: 100%, stroke: {s})) + place(left, line(angle: 90deg, length: 100%, stroke: {s})) + place(right, line(angle: 90deg, length: 100%, stroke: {s}))",
            s = stroke(l)
        ),
        LegendSwatch::Band {
            fill: f,
            opacity,
            line,
        } => format!(
            "place(rect(width: 100%, height: 100%, fill: {}, stroke: none)) + place(horizon, line(length: 100%, stroke: {}))",
            fill(f, opacity),
            stroke(line)
        ),
    }
}

/// The grid of panel cells: (columns, rows).
fn grid(layout: Layout, count: usize) -> (usize, usize) {
    match layout {
        Layout::SideBySide => (count, 1),
        Layout::Stacked => (1, count),
        _ => (1, 1),
    }
}

/// The opening of panel `i`'s block: its cell, plot frame (margins in em for the document's
/// text) and the map `P` from shares of the frame to lengths.
fn cell(
    out: &mut String,
    i: usize,
    (cols, rows): (usize, usize),
    right_axis: bool,
    x_labels: bool,
    title_lines: f64,
) {
    let (c, r) = (i % cols, i / cols);
    let _ = write!(
        out,
        "    {{\n      let cw = W / {cols}\n      let ch = (area-bottom - area-top) / {rows}\n      let (cx, cy) = (cw * {c}, area-top + ch * {r})\n      let (L, R, T, B) = (4.8em, {}, {}em, {})\n      let (pw, ph) = (cw - L - R, ch - T - B)\n      let P(p) = (cx + L + pw * p.at(0), cy + T + ph * (1 - p.at(1)))\n",
        if right_axis { "4.8em" } else { "1.2em" },
        share(0.5 + 1.2 * title_lines),
        if x_labels { "3.4em" } else { "1em" }
    );
}

/// A panel's texts: title, axis titles.
fn titles(out: &mut String, title: &str, x_title: Option<&str>, left: &str, right: Option<&str>) {
    let _ = writeln!(
        out,
        "      at(cx + cw / 2, cy + T - 0.3em, 0.5, 1, block(width: cw - 0.6em, align(center, text(size: 0.9em, {}))))",
        string(title)
    );
    if let Some(x) = x_title {
        let _ = writeln!(
            out,
            "      at(cx + L + pw / 2, cy + T + ph + 1.5em, 0.5, 0, text(size: 0.85em, {}))",
            string(x)
        );
    }
    let _ = writeln!(
        out,
        "      at(cx + 0.2em, cy + T + ph / 2, 0, 0.5, rotate(-90deg, reflow: true, text(size: 0.85em, {})))",
        string(left)
    );
    if let Some(r) = right {
        let _ = writeln!(
            out,
            "      at(cx + cw - 0.2em, cy + T + ph / 2, 1, 0.5, rotate(-90deg, reflow: true, text(size: 0.85em, {})))",
            string(r)
        );
    }
}

/// The bytes of the `.typ` figure of a curve.
pub fn curve(scene: &CurveScene, aspect: f64) -> Vec<u8> {
    let entries: Vec<String> = scene
        .legend
        .iter()
        .map(|item| format!("entry({}, {})", swatch(item.swatch), string(&item.name)))
        .collect();
    let legend = if entries.is_empty() {
        "none".to_string()
    } else {
        entries.join(" + h(1em) + ")
    };
    let mut out = open(
        "a one-parameter likelihood figure",
        aspect,
        &scene.title.iter().cloned().collect::<Vec<_>>(),
        &scene.subtitle.join(" · "),
        &legend,
        &scene.footer.join(" · "),
    );
    let shape = grid(scene.layout, scene.panels.len());
    let (xt, x_suffix) = ticks(scene.x_range.0, scene.x_range.1);
    for (i, panel) in scene.panels.iter().enumerate() {
        cell(
            &mut out,
            i,
            shape,
            panel.right.is_some(),
            panel.x_labels,
            1.0,
        );
        curve_panel(
            &mut out,
            scene,
            panel,
            &xt,
            &format!("{}{x_suffix}", scene.x_title),
        );
        out.push_str("    }\n");
    }
    out.push_str(close());
    out.into_bytes()
}

fn curve_panel(out: &mut String, scene: &CurveScene, panel: &PanelScene, xt: &str, x_title: &str) {
    let xr = scene.x_range;
    let axis_ticks = |a: &YAxis| {
        let (t, suffix) = ticks(a.lo, a.hi);
        (t, format!("{}{suffix}", a.title))
    };
    let (lt, left_title) = axis_ticks(&panel.left);
    let right = panel.right.as_ref().map(axis_ticks);
    let range = |right: bool| {
        let a = if right {
            panel.right.as_ref().unwrap_or(&panel.left)
        } else {
            &panel.left
        };
        (a.lo, a.hi)
    };
    if let Some(band) = panel.band {
        let curve = &panel.series[band.curve];
        let y = range(curve.right);
        let thr = panel.series[band.threshold].runs[0][0].1;
        let mut pts = vec![(band.lo, thr)];
        for run in &curve.runs {
            pts.extend(run.iter().filter(|p| p.0 > band.lo && p.0 < band.hi));
        }
        pts.push((band.hi, thr));
        let _ = writeln!(
            out,
            "      place(polygon(fill: {}, stroke: none, ..{}.map(P)))",
            fill(band.color, band.opacity),
            points(&pts, xr, y)
        );
    }
    let _ = writeln!(
        out,
        "      frame(P, pw, ph, {xt}, {lt}, {}, {})",
        right.as_ref().map_or("()".to_string(), |r| r.0.clone()),
        panel.x_labels
    );
    for series in panel.series.iter().filter(|s| s.visible) {
        let y = range(series.right);
        for run in &series.runs {
            let _ = writeln!(
                out,
                "      poly(P, {}, {})",
                points(run, xr, y),
                stroke(series.line)
            );
        }
    }
    let fx = |x: f64| share((x - xr.0) / (xr.1 - xr.0));
    let sides = super::tex::label_sides(&panel.verticals);
    for (k, v) in panel.verticals.iter().enumerate() {
        let _ = writeln!(out, "      vert(P, {}, {})", fx(v.x), stroke(v.line));
        if !v.label.is_empty() {
            let (ax, dx) = if sides[k] { (0, "3pt") } else { (1, "-3pt") };
            let _ = writeln!(
                out,
                "      at(P(({}, 1)).at(0) + {dx}, P((0, 1)).at(1) + 0.3em, {ax}, 0, text(size: 0.8em, {}))",
                fx(v.x),
                string(&v.label)
            );
        }
    }
    if let Some((a, b, yv, line, r)) = panel.se_bar {
        let y = range(r);
        let _ = writeln!(
            out,
            "      poly(P, {}, {})",
            points(&[(a, yv), (b, yv)], xr, y),
            stroke(line)
        );
    }
    for &(x, yv, c, r) in &panel.dots {
        let y = range(r);
        let fy = (yv - y.0) / (y.1 - y.0);
        let _ = writeln!(
            out,
            "      dot(P, ({}, {}), {})",
            fx(x),
            share(fy),
            color(c)
        );
    }
    titles(
        out,
        &panel.title,
        panel.x_labels.then_some(x_title),
        &left_title,
        right.as_ref().map(|r| r.1.as_str()),
    );
}

/// The bytes of the `.typ` figure of a surface: the heat map with its joint regions and the
/// two profiles.
pub fn surface(scene: &SurfaceScene, aspect: f64) -> Vec<u8> {
    let map = &scene.map;
    let mut entries: Vec<String> = map
        .contours
        .iter()
        .map(|c| {
            format!(
                "entry({}, {})",
                swatch(LegendSwatch::Line(c.line)),
                string(&c.name)
            )
        })
        .collect();
    entries.push(format!(
        "entry(place(center + horizon, circle(radius: 2pt, fill: black)), {})",
        string("joint MLE")
    ));
    if map.truth.is_some() {
        entries.push(format!(
            "entry(place(center + horizon, text(size: 0.8em, \"×\")), {})",
            string("true value")
        ));
    }
    // The colour scale: one swatch per band.
    let scale: Vec<String> = (0..=HEAT_BANDS)
        .map(|k| {
            format!(
                "box(width: 0.5em, height: 0.8em, fill: {})",
                color(heat_color(&scene.theme, k))
            )
        })
        .collect();
    entries.push(format!(
        "box(text(size: 0.85em, {}) + h(0.3em) + {} + h(0.3em) + text(size: 0.85em, {}))",
        string("ΔNLL 0"),
        scale.join(" + "),
        string(&format!("{}+", map.cap))
    ));
    let mut out = open(
        "a two-parameter likelihood figure",
        aspect,
        &scene.title.iter().cloned().collect::<Vec<_>>(),
        scene.subtitle.as_deref().unwrap_or(""),
        &entries.join(" + h(1em) + "),
        "",
    );
    let shape = match scene.layout {
        Layout::Stacked => (1, 3),
        _ => (3, 1),
    };
    cell(&mut out, 0, shape, false, true, 2.0);
    map_panel(&mut out, scene, map);
    out.push_str("    }\n");
    for (k, p) in scene.profiles.iter().enumerate() {
        cell(&mut out, k + 1, shape, false, true, 2.0);
        profile_panel(&mut out, scene, p);
        out.push_str("    }\n");
    }
    out.push_str(close());
    out.into_bytes()
}

fn map_panel(out: &mut String, scene: &SurfaceScene, map: &MapScene) {
    let (na, nb) = (map.a.len(), map.b.len());
    let xr = (map.a[0], map.a[na - 1]);
    let yr = (map.b[0], map.b[nb - 1]);
    let fx = |x: f64| (x - xr.0) / (xr.1 - xr.0);
    let fy = |y: f64| (y - yr.0) / (yr.1 - yr.0);
    // Cells between grid points, coloured by the band of their corners' mean ΔNLL, merged
    // along b into runs of one band: (x0, x1, y0, y1, band).
    let band = |i: usize, j: usize| {
        let d = (map.d[i * nb + j]
            + map.d[(i + 1) * nb + j]
            + map.d[i * nb + j + 1]
            + map.d[(i + 1) * nb + j + 1])
            / 4.0;
        ((d / HEAT_BAND) as usize).min(HEAT_BANDS)
    };
    let mut cells = Vec::new();
    for i in 0..na.saturating_sub(1) {
        let mut j = 0;
        while j + 1 < nb {
            let k = band(i, j);
            let start = j;
            while j + 1 < nb && band(i, j) == k {
                j += 1;
            }
            cells.push(format!(
                "({}, {}, {}, {}, {k})",
                share(fx(map.a[i])),
                share(fx(map.a[i + 1])),
                share(fy(map.b[start])),
                share(fy(map.b[j]))
            ));
        }
    }
    let colors: Vec<String> = (0..=HEAT_BANDS)
        .map(|k| color(heat_color(&scene.theme, k)))
        .collect();
    let _ = writeln!(
        out,
        "      let heat = ({},)\n      for (x0, x1, y0, y1, k) in ({}) {{\n        let (a, b) = (P((x0, y1)), P((x1, y0)))\n        place(dx: a.at(0), dy: a.at(1), rect(width: b.at(0) - a.at(0) + 0.3pt, height: b.at(1) - a.at(1) + 0.3pt, fill: heat.at(k), stroke: none))\n      }}",
        colors.join(", "),
        with_comma(cells)
    );
    for c in &map.contours {
        let segs: Vec<String> = c
            .segments
            .iter()
            .map(|s| {
                format!(
                    "(({}, {}), ({}, {}))",
                    share(fx(s[0].0)),
                    share(fy(s[0].1)),
                    share(fx(s[1].0)),
                    share(fy(s[1].1))
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "      for (p, q) in ({}) {{ place(line(start: P(p), end: P(q), stroke: {})) }}",
            with_comma(segs),
            stroke(Line {
                dash: None,
                ..c.line
            })
        );
    }
    let _ = writeln!(
        out,
        "      dot(P, ({}, {}), black)",
        share(fx(map.mle.0)),
        share(fy(map.mle.1))
    );
    if let Some((x, y)) = map.truth {
        let _ = writeln!(
            out,
            "      at(P(({}, {})).at(0), P(({}, {})).at(1), 0.5, 0.5, text(size: 0.9em, \"×\"))",
            share(fx(x)),
            share(fy(y)),
            share(fx(x)),
            share(fy(y))
        );
    }
    let (xt, xs) = ticks(xr.0, xr.1);
    let (yt, ys) = ticks(yr.0, yr.1);
    let _ = writeln!(out, "      frame(P, pw, ph, {xt}, {yt}, (), true)");
    titles(
        out,
        &map.title,
        Some(&format!("{}{xs}", map.x_title)),
        &format!("{}{ys}", map.y_title),
        None,
    );
}

fn profile_panel(out: &mut String, scene: &SurfaceScene, p: &ProfileScene) {
    let t = &scene.theme;
    let (xr, yr) = (p.x_range, p.y_range);
    if let (Some((a, b)), true) = (p.interval, p.threshold < yr.1) {
        let mut pts = vec![(a, p.threshold)];
        for run in &p.curve {
            pts.extend(run.iter().filter(|q| q.0 > a && q.0 < b));
        }
        pts.push((b, p.threshold));
        let _ = writeln!(
            out,
            "      place(polygon(fill: {}, stroke: none, ..{}.map(P)))",
            fill(t.band, (t.band_opacity * 2.2).min(1.0)),
            points(&pts, xr, yr)
        );
        let _ = writeln!(
            out,
            "      poly(P, {}, {})",
            points(&[(xr.0, p.threshold), (xr.1, p.threshold)], xr, yr),
            stroke(t.threshold)
        );
    }
    let (xt, xs) = ticks(xr.0, xr.1);
    let (yt, ys) = ticks(yr.0, yr.1);
    let _ = writeln!(out, "      frame(P, pw, ph, {xt}, {yt}, (), true)");
    for run in &p.curve {
        let _ = writeln!(
            out,
            "      poly(P, {}, {})",
            points(run, xr, yr),
            stroke(t.nll)
        );
    }
    let fx = |x: f64| share((x - xr.0) / (xr.1 - xr.0));
    for (x, line) in [(p.mle, t.mle), (p.truth, t.truth)] {
        if let Some(x) = x {
            let _ = writeln!(out, "      vert(P, {}, {})", fx(x), stroke(line));
        }
    }
    titles(
        out,
        &p.title,
        Some(&format!("{}{xs}", p.x_title)),
        &format!("{}{ys}", p.y_title),
        None,
    );
}
