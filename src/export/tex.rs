//! `--out fig.tex`: the figure as an editable pgfplots picture, for LaTeX documents.
//!
//! Every text of the figure (titles, axis labels, ticks, legend, mark labels, caption) is set
//! by LaTeX in the document's font and size, unlike a PDF figure whose text is in the bundled
//! font. The picture is one `tikzpicture`: a `groupplot` of the panels (side by side 2 × 1,
//! stacked 1 × 2, one panel alone 1 × 1), two overlaid `axis` environments for the overlay
//! layout's two y axes, the curves as `\addplot table` with inline data, the likelihood-ratio
//! interval as `fill between` the curve and its threshold line, marks as `\draw`, the legend
//! as pgfplots' own legend; a surface is a `matrix plot*` heat map with its joint regions as
//! `contour prepared`, beside the two profiles.
//!
//! The file needs `\usepackage{pgfplots}`, `\pgfplotsset{compat=1.18}` and
//! `\usepgfplotslibrary{groupplots,fillbetween}` in the preamble (written in its first lines);
//! it is `\input` where the figure goes. Its size is `--tex-width` (any TeX length,
//! `0.48\textwidth` say; default `\linewidth`) by `--tex-height` (default: the width times
//! the figure's aspect ratio). All texts go through [`latex`], so pdflatex accepts them.

use super::latex_text::latex;
use crate::config::TexSize;
use crate::render::scene::{
    heat_color, CurveScene, LegendSwatch, MapScene, PanelScene, ProfileScene, Role, Series,
    SurfaceScene, Vertical, HEAT_BAND, HEAT_BANDS,
};
use crate::theme::{Layout, Line};
use plotters::style::RGBColor;
use std::fmt::Write;

/// The most cells along each axis of the heat map: pdflatex's memory holds a `matrix plot*`
/// of this size, where the full 161 × 161 surface grid would exhaust it.
const MAP_CELLS: usize = 81;

/// Points per CSS pixel of the theme's line widths and dashes: a typeset figure is usually a
/// column wide, so lines are a little thinner than on the 96-dpi figure.
const PT_PER_PX: f64 = 0.6;

/// A number as pgfplots reads it: at most 7 significant digits, plain or with an exponent.
pub(super) fn num(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".to_string();
    }
    let rounded: f64 = format!("{x:.6e}").parse().unwrap_or(x);
    let a = rounded.abs();
    if (1e-4..1e9).contains(&a) {
        format!("{rounded}")
    } else {
        format!("{rounded:e}")
    }
}

/// The colours a picture uses, each defined once at its top.
#[derive(Default)]
struct Palette {
    colors: Vec<RGBColor>,
}

impl Palette {
    fn name(&mut self, c: RGBColor) -> String {
        let k = match self.colors.iter().position(|&d| d == c) {
            Some(k) => k,
            None => {
                self.colors.push(c);
                self.colors.len() - 1
            }
        };
        format!("nllplot{}", letters(k))
    }

    fn definitions(&self) -> String {
        let mut out = String::new();
        for (k, c) in self.colors.iter().enumerate() {
            let _ = writeln!(
                out,
                "\\definecolor{{nllplot{}}}{{RGB}}{{{},{},{}}}",
                letters(k),
                c.0,
                c.1,
                c.2
            );
        }
        out
    }

    /// A line's pgf style: colour, width and dash.
    fn line(&mut self, line: Line) -> String {
        let mut s = format!(
            "draw={}, line width={}pt",
            self.name(line.color),
            num(line.width * PT_PER_PX)
        );
        if let Some((on, off)) = line.dash {
            let _ = write!(
                s,
                ", dash pattern=on {}pt off {}pt",
                num(on * PT_PER_PX),
                num(off * PT_PER_PX)
            );
        }
        s
    }
}

/// Colour names are letters: TeX control sequences cannot hold digits.
fn letters(mut k: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (k % 26) as u8) as char);
        if k < 26 {
            return s;
        }
        k = k / 26 - 1;
    }
}

const PREAMBLE: &str = "% Needs in the preamble:\n\
%   \\usepackage{pgfplots}\n\
%   \\pgfplotsset{compat=1.18}\n\
%   \\usepgfplotslibrary{groupplots,fillbetween}\n\
% and goes where the figure goes: \\input{this file}.\n";

/// The size macros: the picture's width and height, set locally inside the picture.
fn size_macros(size: &TexSize, aspect: f64) -> String {
    let height = match &size.height {
        Some(h) => h.clone(),
        None => format!("{}*\\nllplotwidth", num(aspect)),
    };
    format!(
        "\\pgfmathsetlengthmacro\\nllplotwidth{{{}}}%\n\\pgfmathsetlengthmacro\\nllplotheight{{{}}}%\n",
        size.width, height
    )
}

/// The title and subtitle above the picture, and the caption below it.
fn header_footer(title: Option<&str>, subtitle: &[String], footer: &[String]) -> String {
    let mut out = String::new();
    let sub = subtitle.join(" · ");
    if !sub.is_empty() {
        let _ = writeln!(
            out,
            "\\node[anchor=south, align=center, text width=\\nllplotwidth, font=\\footnotesize] at ([yshift=0.3em]current bounding box.north) {{{}}};",
            latex(&sub)
        );
    }
    if let Some(t) = title {
        let _ = writeln!(
            out,
            "\\node[anchor=south, align=center, text width=\\nllplotwidth] at ([yshift=0.2em]current bounding box.north) {{{}}};",
            latex(t)
        );
    }
    let foot = footer.join(" · ");
    if !foot.is_empty() {
        let _ = writeln!(
            out,
            "\\node[anchor=north, align=center, text width=\\nllplotwidth, font=\\footnotesize] at ([yshift=-0.3em]current bounding box.south) {{{}}};",
            latex(&foot)
        );
    }
    out
}

/// The legend below the panels, from the entries the first panel collected.
fn legend_node() -> String {
    "\\node[anchor=north] at ([yshift=-0.3em]current bounding box.south) {\\pgfplotslegendfromname{nllplotlegend}};\n".to_string()
}

/// The legend options of the axis that holds the legend's entries.
const LEGEND_OPTIONS: &str = "legend to name=nllplotlegend, legend columns=3, legend cell align=left, legend style={draw=none, font=\\footnotesize, /tikz/every even column/.append style={column sep=0.8em}}";

/// The bytes of the `.tex` picture of a curve.
pub fn curve(scene: &CurveScene, size: &TexSize, aspect: f64) -> Vec<u8> {
    let mut pal = Palette::default();
    let mut body = String::new();
    let legend = !scene.legend.is_empty();
    let x_opts = format!(
        "xmin={}, xmax={}, enlarge x limits=false",
        num(scene.x_range.0),
        num(scene.x_range.1)
    );
    let common = "scale only axis=false, every axis title/.style={font=\\small, at={(0.5,1)}, above, yshift=0.2em, text width=\\nllplotpanelwidth, align=center}, tick label style={font=\\footnotesize}, label style={font=\\small}, clip mode=individual";
    let (cols, rows, w, h) = match scene.layout {
        Layout::SideBySide => (2, 1, "0.5*\\nllplotwidth", "0.8*\\nllplotheight"),
        Layout::Stacked => (1, 2, "\\nllplotwidth", "0.43*\\nllplotheight"),
        _ => (1, 1, "\\nllplotwidth", "0.8*\\nllplotheight"),
    };
    let _ = writeln!(
        body,
        "\\pgfmathsetlengthmacro\\nllplotpanelwidth{{{w}}}%\n\\pgfmathsetlengthmacro\\nllplotpanelheight{{{h}}}%"
    );
    match scene.layout {
        Layout::Overlay => {
            let panel = &scene.panels[0];
            let right = panel
                .right
                .as_ref()
                .expect("the overlay panel has a right axis");
            let _ = writeln!(
                body,
                "\\begin{{axis}}[{common}, width=\\nllplotpanelwidth, height=\\nllplotpanelheight, {x_opts}, axis y line*=left, title={{{}}}, xlabel={{{}}}, ylabel={{{}}}, ymin={}, ymax={}]",
                latex(&panel.title),
                latex(&scene.x_title),
                latex(&panel.left.title),
                num(panel.left.lo),
                num(panel.left.hi)
            );
            panel_body(
                &mut body,
                &mut pal,
                panel,
                false,
                (panel.left.lo, panel.left.hi),
            );
            body.push_str("\\end{axis}\n");
            let _ = writeln!(
                body,
                "\\begin{{axis}}[{common}, width=\\nllplotpanelwidth, height=\\nllplotpanelheight, {x_opts}, axis y line*=right, axis x line=none, ylabel={{{}}}, ymin={}, ymax={}{}]",
                latex(&right.title),
                num(right.lo),
                num(right.hi),
                if legend { format!(", {LEGEND_OPTIONS}") } else { String::new() }
            );
            panel_body(&mut body, &mut pal, panel, true, (right.lo, right.hi));
            legend_entries(&mut body, &mut pal, scene);
            body.push_str("\\end{axis}\n");
        }
        _ => {
            let _ = writeln!(
                body,
                "\\begin{{groupplot}}[group style={{group size={cols} by {rows}, horizontal sep=5em, vertical sep=3em, xlabels at=edge bottom, xticklabels at=edge bottom}}, {common}, width=\\nllplotpanelwidth, height=\\nllplotpanelheight, {x_opts}, xlabel={{{}}}]",
                latex(&scene.x_title)
            );
            for (i, panel) in scene.panels.iter().enumerate() {
                let _ = writeln!(
                    body,
                    "\\nextgroupplot[title={{{}}}, ylabel={{{}}}, ymin={}, ymax={}{}]",
                    latex(&panel.title),
                    latex(&panel.left.title),
                    num(panel.left.lo),
                    num(panel.left.hi),
                    if legend && i == 0 {
                        format!(", {LEGEND_OPTIONS}")
                    } else {
                        String::new()
                    }
                );
                panel_body(
                    &mut body,
                    &mut pal,
                    panel,
                    false,
                    (panel.left.lo, panel.left.hi),
                );
                if i == 0 {
                    legend_entries(&mut body, &mut pal, scene);
                }
            }
            body.push_str("\\end{groupplot}\n");
        }
    }
    if legend {
        body.push_str(&legend_node());
    }
    body.push_str(&header_footer(
        scene.title.as_deref(),
        &scene.subtitle,
        &scene.footer,
    ));
    picture(
        &pal,
        size,
        aspect,
        "a one-parameter likelihood figure",
        &body,
    )
}

/// The whole file: the preamble note, the size and colours, and the picture's body.
fn picture(pal: &Palette, size: &TexSize, aspect: f64, what: &str, body: &str) -> Vec<u8> {
    let mut out = format!(
        "% nllplot {}: {what}, as a pgfplots picture.\n{PREAMBLE}\\begin{{tikzpicture}}\n",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(&size_macros(size, aspect));
    out.push_str(&pal.definitions());
    out.push_str(body);
    out.push_str("\\end{tikzpicture}%\n");
    out.into_bytes()
}

/// A polyline's runs as `\addplot table` with inline data.
fn table(runs: &[Vec<(f64, f64)>]) -> String {
    let mut s = String::from("{x y\n");
    for (k, run) in runs.iter().enumerate() {
        if k > 0 {
            s.push('\n');
        }
        for &(x, y) in run {
            let _ = writeln!(s, "{} {}", num(x), num(y));
        }
    }
    s.push_str("};\n");
    s
}

/// What one panel draws on one of its axes (`right`: the overlay's NLL axis).
fn panel_body(out: &mut String, pal: &mut Palette, panel: &PanelScene, right: bool, y: (f64, f64)) {
    let mine = |s: &Series| s.right == right;
    // The interval's fill first, under the curves.
    if let Some(band) = panel.band.filter(|b| mine(&panel.series[b.curve])) {
        let curve = &panel.series[band.curve];
        let threshold = &panel.series[band.threshold];
        // The run the interval is on: fill between needs one path.
        let mid = 0.5 * (band.lo + band.hi);
        let run = curve
            .runs
            .iter()
            .find(|r| r.first().is_some_and(|p| p.0 <= mid) && r.last().is_some_and(|p| p.0 >= mid))
            .or_else(|| curve.runs.first());
        if let Some(run) = run {
            let _ = write!(
                out,
                "\\addplot[draw=none, forget plot, name path=nllplotcurve{}] table[row sep=newline] {}",
                side(right),
                table(std::slice::from_ref(run))
            );
            let _ = write!(
                out,
                "\\addplot[draw=none, forget plot, name path=nllplotthreshold{}] table[row sep=newline] {}",
                side(right),
                table(&threshold.runs)
            );
            let _ = writeln!(
                out,
                "\\addplot[fill={}, fill opacity={}, draw=none, forget plot] fill between[of=nllplotcurve{s} and nllplotthreshold{s}, soft clip={{domain={}:{}}}];",
                pal.name(band.color),
                num(band.opacity),
                num(band.lo),
                num(band.hi),
                s = side(right)
            );
        }
    }
    for series in panel.series.iter().filter(|s| mine(s) && s.visible) {
        if series.runs.is_empty() {
            continue;
        }
        let what = match series.role {
            Role::Curve => "the curve".to_string(),
            Role::Overlay(n) => format!("n = {n}"),
            Role::Threshold => "the likelihood-ratio threshold".to_string(),
            Role::Wald => "the Wald approximation".to_string(),
            Role::Posterior(what) => what.to_string(),
        };
        let _ = write!(
            out,
            "% {what}\n\\addplot[{}, forget plot, mark=none] table[row sep=newline] {}",
            pal.line(series.line),
            table(&series.runs)
        );
    }
    if !right {
        let sides = label_sides(&panel.verticals);
        for (k, v) in panel.verticals.iter().enumerate() {
            let _ = writeln!(
                out,
                "\\draw[{}] (axis cs:{x},{}) -- (axis cs:{x},{});",
                pal.line(v.line),
                num(y.0),
                num(y.1),
                x = num(v.x)
            );
            if !v.label.is_empty() {
                let anchor = if sides[k] { "north west" } else { "north east" };
                let _ = writeln!(
                    out,
                    "\\node[anchor={anchor}, font=\\footnotesize, inner sep=2pt] at (axis cs:{},{}) {{{}}};",
                    num(v.x),
                    num(y.1),
                    latex(&v.label)
                );
            }
        }
    }
    if let Some((a, b, yv, line, r)) = panel.se_bar {
        if r == right {
            let _ = writeln!(
                out,
                "\\draw[{}, |-|] (axis cs:{},{y}) -- (axis cs:{},{y});",
                pal.line(line),
                num(a),
                num(b),
                y = num(yv)
            );
        }
    }
    for &(x, yv, color, r) in &panel.dots {
        if r == right {
            let _ = writeln!(
                out,
                "\\fill[{}] (axis cs:{},{}) circle[radius=1.6pt];",
                pal.name(color),
                num(x),
                num(yv)
            );
        }
    }
}

/// Whether each vertical's label goes to the right of its line. Alone, a
/// label goes right of its line; with two lines (θ̂ and the true value), each label goes on
/// the side away from the other line, so that neither label crosses a line.
pub(super) fn label_sides(verticals: &[Vertical]) -> Vec<bool> {
    match verticals {
        [a, b] => vec![a.x >= b.x, b.x > a.x],
        _ => vec![true; verticals.len()],
    }
}

fn side(right: bool) -> &'static str {
    if right {
        "right"
    } else {
        "left"
    }
}

/// The legend's entries, as images and names.
fn legend_entries(out: &mut String, pal: &mut Palette, scene: &CurveScene) {
    for item in &scene.legend {
        let image = match item.swatch {
            LegendSwatch::Line(l) => pal.line(l),
            LegendSwatch::Bar(l) => format!("{}, |-|", pal.line(l)),
            LegendSwatch::Band {
                fill,
                opacity,
                line,
            } => format!(
                "area legend, fill={}, fill opacity={}, {}",
                pal.name(fill),
                num(opacity),
                pal.line(line)
            ),
        };
        let _ = writeln!(
            out,
            "\\addlegendimage{{{image}}}\n\\addlegendentry{{{}}}",
            latex(&item.name)
        );
    }
}

/// The bytes of the `.tex` picture of a surface: the heat map with its joint regions and the
/// two profiles.
pub fn surface(scene: &SurfaceScene, size: &TexSize, aspect: f64) -> Vec<u8> {
    let mut pal = Palette::default();
    let mut body = String::new();
    let (cols, rows, w, h) = match scene.layout {
        Layout::Stacked => (1, 3, "\\nllplotwidth", "0.28*\\nllplotheight"),
        _ => (3, 1, "0.333*\\nllplotwidth", "0.8*\\nllplotheight"),
    };
    let _ = writeln!(
        body,
        "\\pgfmathsetlengthmacro\\nllplotpanelwidth{{{w}}}%\n\\pgfmathsetlengthmacro\\nllplotpanelheight{{{h}}}%"
    );
    let colormap: Vec<String> = (0..=HEAT_BANDS)
        .map(|k| {
            let c = heat_color(&scene.theme, k);
            format!("rgb255({k}cm)=({},{},{})", c.0, c.1, c.2)
        })
        .collect();
    let _ = writeln!(
        body,
        "\\begin{{groupplot}}[group style={{group size={cols} by {rows}, horizontal sep=5em, vertical sep=4.5em}}, scale only axis=false, width=\\nllplotpanelwidth, height=\\nllplotpanelheight, every axis title/.style={{font=\\small, at={{(0.5,1)}}, above, yshift=0.2em, text width=\\nllplotpanelwidth, align=center}}, tick label style={{font=\\footnotesize}}, label style={{font=\\small}}, enlarge x limits=false, enlarge y limits=false, colormap={{nllplotheat}}{{{}}}]",
        colormap.join(" ")
    );
    map_body(&mut body, &mut pal, &scene.map);
    for p in &scene.profiles {
        profile_body(&mut body, &mut pal, scene, p);
    }
    body.push_str("\\end{groupplot}\n");
    body.push_str(&legend_node());
    let subtitle: Vec<String> = scene.subtitle.iter().cloned().collect();
    body.push_str(&header_footer(scene.title.as_deref(), &subtitle, &[]));
    picture(
        &pal,
        size,
        aspect,
        "a two-parameter likelihood figure",
        &body,
    )
}

/// The ΔNLL where the band of `d` starts.
fn band_start(d: f64) -> f64 {
    ((d / HEAT_BAND).floor().max(0.0) as usize).min(HEAT_BANDS) as f64 * HEAT_BAND
}

/// Every `step`-th index of `0..n`, and always the last.
fn thinned(n: usize, cells: usize) -> Vec<usize> {
    let step = n.div_ceil(cells).max(1);
    let mut idx: Vec<usize> = (0..n).step_by(step).collect();
    if idx.last() != Some(&(n - 1)) {
        idx.push(n - 1);
    }
    idx
}

fn map_body(out: &mut String, pal: &mut Palette, map: &MapScene) {
    let (na, nb) = (map.a.len(), map.b.len());
    let (ia, ib) = (thinned(na, MAP_CELLS), thinned(nb, MAP_CELLS));
    let _ = writeln!(
        out,
        "\\nextgroupplot[{LEGEND_OPTIONS}, title={{{}}}, xlabel={{{}}}, ylabel={{{}}}, xmin={}, xmax={}, ymin={}, ymax={}, point meta min=0, point meta max={}, colorbar horizontal, colorbar style={{xlabel={{{}}}, height=0.6em, tick label style={{font=\\scriptsize}}, label style={{font=\\scriptsize}}, at={{(0.5,-0.35)}}, anchor=north}}]",
        latex(&map.title),
        latex(&map.x_title),
        latex(&map.y_title),
        num(map.a[0]),
        num(map.a[na - 1]),
        num(map.b[0]),
        num(map.b[nb - 1]),
        num(map.cap),
        latex("ΔNLL")
    );
    // `matrix plot*`: x varies fastest, one row of the table per (a, b) point. Each value is
    // the start of its ΔNLL band, which the colour map gives exactly its band's colour
    // (pgfplots' piecewise-constant colour maps fail under lualatex).
    let _ = writeln!(
        out,
        "\\addplot[matrix plot*, mesh/cols={}, mesh/rows={}, point meta=explicit, forget plot] table[meta=d, row sep=newline] {{x y d",
        ia.len(),
        ib.len()
    );
    for &j in &ib {
        for &i in &ia {
            let _ = writeln!(
                out,
                "{} {} {}",
                num(map.a[i]),
                num(map.b[j]),
                num(band_start(map.d[i * nb + j]))
            );
        }
    }
    out.push_str("};\n");
    for c in &map.contours {
        if c.segments.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "% {}\n\\addplot[contour prepared={{labels=false, draw color={}}}, {}] table[row sep=newline] {{x y z",
            c.name,
            pal.name(c.line.color),
            pal.line(c.line)
        );
        for seg in &c.segments {
            for &(x, y) in seg {
                let _ = writeln!(out, "{} {} {}", num(x), num(y), num(c.level));
            }
            out.push('\n');
        }
        out.push_str("};\n");
        let _ = writeln!(out, "\\addlegendentry{{{}}}", latex(&c.name));
    }
    let (x, y) = map.mle;
    let _ = writeln!(
        out,
        "\\addplot[only marks, mark=*, mark size=1.8pt, color=black] coordinates {{({},{})}};\n\\addlegendentry{{{}}}",
        num(x),
        num(y),
        latex("joint MLE")
    );
    if let Some((x, y)) = map.truth {
        let _ = writeln!(
            out,
            "\\addplot[only marks, mark=x, mark size=3pt, color=black, thick] coordinates {{({},{})}};\n\\addlegendentry{{{}}}",
            num(x),
            num(y),
            latex("true value")
        );
    }
}

fn profile_body(out: &mut String, pal: &mut Palette, scene: &SurfaceScene, p: &ProfileScene) {
    let t = &scene.theme;
    let _ = writeln!(
        out,
        "\\nextgroupplot[title={{{}}}, xlabel={{{}}}, ylabel={{{}}}, xmin={}, xmax={}, ymin={}, ymax={}]",
        latex(&p.title),
        latex(&p.x_title),
        latex(&p.y_title),
        num(p.x_range.0),
        num(p.x_range.1),
        num(p.y_range.0),
        num(p.y_range.1)
    );
    let mid = p.interval.map(|(a, b)| 0.5 * (a + b));
    let run = mid.and_then(|m| {
        p.curve
            .iter()
            .find(|r| r.first().is_some_and(|q| q.0 <= m) && r.last().is_some_and(|q| q.0 >= m))
    });
    if let (Some((a, b)), Some(run), true) = (p.interval, run, p.threshold < p.y_range.1) {
        let _ = write!(
            out,
            "\\addplot[draw=none, forget plot, name path=nllplotprofile] table[row sep=newline] {}",
            table(std::slice::from_ref(run))
        );
        let _ = writeln!(
            out,
            "\\addplot[draw=none, forget plot, name path=nllplotlevel] coordinates {{({},{t}) ({},{t})}};",
            num(p.x_range.0),
            num(p.x_range.1),
            t = num(p.threshold)
        );
        let _ = writeln!(
            out,
            "\\addplot[fill={}, fill opacity={}, draw=none, forget plot] fill between[of=nllplotprofile and nllplotlevel, soft clip={{domain={}:{}}}];",
            pal.name(t.band),
            num((t.band_opacity * 2.2).min(1.0)),
            num(a),
            num(b)
        );
        let _ = writeln!(
            out,
            "\\draw[{}] (axis cs:{},{y}) -- (axis cs:{},{y});",
            pal.line(t.threshold),
            num(p.x_range.0),
            num(p.x_range.1),
            y = num(p.threshold)
        );
    }
    if !p.curve.is_empty() {
        let _ = write!(
            out,
            "\\addplot[{}, forget plot, mark=none] table[row sep=newline] {}",
            pal.line(t.nll),
            table(&p.curve)
        );
    }
    for (x, line) in [(p.mle, t.mle), (p.truth, t.truth)] {
        if let Some(x) = x {
            let _ = writeln!(
                out,
                "\\draw[{}] (axis cs:{x},{}) -- (axis cs:{x},{});",
                pal.line(line),
                num(p.y_range.0),
                num(p.y_range.1),
                x = num(x)
            );
        }
    }
}
