//! The layout engine: from what a figure wants to show around its plots (titles, axis labels,
//! legend, captions, a colour bar) to where everything goes, the way matplotlib's constrained
//! layout does it.
//!
//! Every text block is measured with the figure's own faces ([`Measure`]); the panels, a grid
//! of rows and columns, get what is left. When that is too little, optional elements give way
//! in a fixed order ([`GiveWay`]: the subtitle, the footer caption, the long legend names, the
//! panel titles) until each panel's plot area is at least [`MIN_PLOT_SHARE`] of its share of
//! the figure in each direction. [`minimum_size`] tells, before any work, whether a size can
//! hold a readable figure at all: the config refuses smaller ones.
//!
//! Type sizes follow the figure's size within the theme's bounds ([`type_sizes`]), so a
//! 3.5 in figure gets 7 pt type rather than a screen figure's, and `--font-size` overrides.
//!
//! The engine knows nothing of likelihoods: a panel is a plot box with optional axes on three
//! sides and a title, so the two-parameter figures (a heat map with a colour bar beside
//! profile panels) are laid out by the same code.

use super::font::Faces;
pub use super::rect::Rect;
use super::text::Measure;
use crate::theme::{FontSizes, Layout, Theme};

/// The smallest share of its cell (the figure's width divided by the columns, its height by
/// the rows) that a panel's plot area keeps in each direction.
pub const MIN_PLOT_SHARE: f64 = 0.35;

/// The smallest tick label type a figure gets when its theme's smallest does not fit it:
/// 7 pt.
pub const SMALLEST_TYPE: f64 = 7.0 * 96.0 / 72.0;

/// The type sizes (in CSS pixels) and outer padding of a figure of `width` × `height` px.
///
/// The theme's sizes are meant for its default size for the layout; other sizes scale them by
/// the square root of the area ratio (but never much beyond the narrower side's ratio, so a
/// tall narrow figure does not get large type), with the tick labels' size kept within the
/// theme's bounds. `font_pt` (`--font-size`) sets the tick labels' size in points instead; every other
/// size keeps its ratio to it.
///
/// When even the theme's smallest type leaves the plots too little room (a presentation
/// figure 8 cm wide), the type shrinks until it fits, down to [`SMALLEST_TYPE`].
pub fn type_sizes(
    theme: &Theme,
    shape: impl Into<Shape>,
    faces: Faces,
    width: f64,
    height: f64,
    font_pt: Option<f64>,
) -> (FontSizes, f64) {
    let shape = shape.into();
    let mut sized = rule_sizes(
        theme,
        shape,
        width,
        height,
        font_pt.map(|pt| pt * 96.0 / 72.0),
    );
    if font_pt.is_some() {
        return sized;
    }
    let mut tick = sized.0.tick;
    while tick > SMALLEST_TYPE && !readable_at(theme, shape, faces, width, height, sized) {
        tick = (tick * 0.93).max(SMALLEST_TYPE);
        sized = rule_sizes(theme, shape, width, height, Some(tick));
    }
    sized
}

/// What kind of figure is laid out: a one-parameter figure in one of its layouts, or a
/// two-parameter one (the surface beside or above its profiles). A [`Layout`] alone is the
/// one-parameter figure, so the curve figure's callers pass just that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub layout: Layout,
    pub surface: bool,
}

impl Shape {
    pub fn surface(layout: Layout) -> Shape {
        Shape {
            layout,
            surface: true,
        }
    }

    /// The size the theme's type sizes are meant for.
    fn reference_size(self, theme: &Theme) -> (f64, f64) {
        let (w, h) = if self.surface {
            theme.surface_size(self.layout)
        } else {
            theme.default_size(self.layout)
        };
        (w.to_px(), h.to_px())
    }
}

impl From<Layout> for Shape {
    fn from(layout: Layout) -> Shape {
        Shape {
            layout,
            surface: false,
        }
    }
}

/// How a figure's size scales its theme's sizes: the square root of the area ratio to the
/// theme's default size for the layout, but never much beyond the narrower side's ratio.
fn size_scale(theme: &Theme, shape: Shape, width: f64, height: f64) -> f64 {
    let (w0, h0) = shape.reference_size(theme);
    let (rw, rh) = (width / w0, height / h0);
    (rw * rh).sqrt().min(1.25 * rw.min(rh))
}

/// The factor on the theme's line widths, dashes and dots for a figure of this size: thin
/// lines on a small figure, within bounds.
pub fn line_scale(theme: &Theme, shape: impl Into<Shape>, width: f64, height: f64) -> f64 {
    size_scale(theme, shape.into(), width, height).clamp(0.45, 1.6)
}

/// The theme's rule alone, or with the tick labels' size `tick` given.
pub fn rule_sizes(
    theme: &Theme,
    shape: impl Into<Shape>,
    width: f64,
    height: f64,
    tick: Option<f64>,
) -> (FontSizes, f64) {
    let scale = size_scale(theme, shape.into(), width, height);
    let reference = theme.font.tick;
    let tick = match tick {
        Some(t) => t,
        None => (reference * scale).clamp(theme.type_range.0, theme.type_range.1),
    };
    let k = tick / reference;
    let f = theme.font;
    (
        FontSizes {
            title: f.title * k,
            subtitle: f.subtitle * k,
            caption: f.caption * k,
            axis: f.axis * k,
            tick,
            label: f.label * k,
            legend: f.legend * k,
            footer: f.footer * k,
        },
        theme.pad * scale.clamp(0.25, 1.5),
    )
}

/// The optional elements, in the order they give way when space is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GiveWay {
    Subtitle,
    Footer,
    LongLegendNames,
    PanelTitles,
}

impl GiveWay {
    pub const ORDER: [GiveWay; 4] = [
        GiveWay::Subtitle,
        GiveWay::Footer,
        GiveWay::LongLegendNames,
        GiveWay::PanelTitles,
    ];
}

/// One legend entry: its full name and the brief one for narrow figures.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub long: String,
    pub short: String,
}

/// An axis with labelled ticks: the widest label (for y axes; x labels are one line high),
/// the overhang of its end labels past the plot (half the widest x label), and its title.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AxisContent {
    pub label_width: f64,
    pub overhang: f64,
    pub title: String,
}

/// What one panel shows around its plot area.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PanelContent {
    /// The long and the short title.
    pub title: Option<[String; 2]>,
    pub left: Option<AxisContent>,
    pub right: Option<AxisContent>,
    /// `None`: the x axis is shared with the panel below and has no labels here.
    pub bottom: Option<AxisContent>,
}

/// A colour bar in the grid, right of column `column`, as tall as row `row`'s plots (or
/// the whole grid's): its tick labels' width and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct ColourBarContent {
    pub label_width: f64,
    pub title: String,
    pub column: usize,
    pub row: Option<usize>,
}

/// Everything a figure wants to show, measured by the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub title: Option<String>,
    /// Parts joined by " · ", wrapping between them; empty for none.
    pub subtitle: Vec<String>,
    /// The footer caption's parts, joined by "   ·   ".
    pub footer: Vec<String>,
    pub legend: Vec<LegendEntry>,
    pub rows: usize,
    pub columns: usize,
    /// Row by row.
    pub panels: Vec<PanelContent>,
    pub colour_bar: Option<ColourBarContent>,
}

/// A line of text: its anchor (centre or left edge, and the top anchor's y) and box.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub x: f64,
    pub top: f64,
    pub size: f64,
}

/// One legend entry's place: the swatch from `x` to `x + swatch`, the text from `text_x`.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendSlot {
    pub entry: usize,
    pub x: f64,
    pub text_x: f64,
    pub text: String,
    pub mid: f64,
}

/// Where one panel's parts go.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelPlan {
    pub plot: Rect,
    /// Centred over the plot.
    pub title: Option<TextLine>,
    /// The x of the edge of the left y tick labels nearest the plot (they end there).
    pub left_labels: f64,
    /// The x of the left edge of the rotated left axis title's box.
    pub left_title: f64,
    pub right_labels: f64,
    pub right_title: f64,
    /// The top of the x tick labels and of the x axis title (None without labels).
    pub bottom_labels: Option<f64>,
    pub bottom_title: Option<f64>,
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub sizes: FontSizes,
    pub spacing: Spacing,
    pub title: Vec<TextLine>,
    pub subtitle: Vec<TextLine>,
    pub footer: Vec<TextLine>,
    pub legend: Vec<LegendSlot>,
    pub short_legend: bool,
    pub panels: Vec<PanelPlan>,
    pub colour_bar: Option<Rect>,
    /// The colour bar's labels start here and its title's box here.
    pub colour_bar_labels: f64,
    pub colour_bar_title: f64,
    pub gave_way: Vec<GiveWay>,
}

/// The fixed distances of a figure, from its type sizes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    pub pad: f64,
    pub tick_len: f64,
    /// From a tick mark's end to its label.
    pub label_gap: f64,
    /// From the tick labels to the axis title.
    pub title_gap: f64,
    /// From a panel title to its plot.
    pub panel_title_gap: f64,
    pub column_gap: f64,
    pub row_gap: f64,
    pub legend_pitch: f64,
    pub swatch: f64,
    pub swatch_gap: f64,
    pub entry_gap: f64,
    pub colour_bar: f64,
}

impl Spacing {
    fn new(sizes: &FontSizes, pad: f64) -> Spacing {
        Spacing {
            pad,
            tick_len: 0.4 * sizes.tick,
            label_gap: 0.3 * sizes.tick,
            title_gap: 0.3 * sizes.axis,
            panel_title_gap: 0.35 * sizes.caption,
            column_gap: 1.2 * sizes.tick,
            row_gap: 0.8 * sizes.tick,
            legend_pitch: 1.55 * sizes.legend,
            swatch: 2.0 * sizes.legend,
            swatch_gap: 0.5 * sizes.legend,
            entry_gap: 1.4 * sizes.legend,
            colour_bar: 1.1 * sizes.tick,
        }
    }
}

/// The layout of `content` on a `width` × `height` px figure with these type sizes.
pub fn plan(
    m: &Measure,
    content: &Content,
    width: f64,
    height: f64,
    sizes: FontSizes,
    pad: f64,
) -> Plan {
    let mut gave_way = Vec::new();
    let mut plan = plan_with(m, content, width, height, sizes, pad, &gave_way);
    for step in GiveWay::ORDER {
        if fits(&plan, content, width, height) {
            break;
        }
        gave_way.push(step);
        plan = plan_with(m, content, width, height, sizes, pad, &gave_way);
    }
    plan
}

/// Whether every plot area keeps its share.
pub fn fits(plan: &Plan, content: &Content, width: f64, height: f64) -> bool {
    let cell_w = width / content.columns.max(1) as f64;
    let cell_h = height / content.rows.max(1) as f64;
    plan.panels
        .iter()
        .all(|p| p.plot.w() >= MIN_PLOT_SHARE * cell_w && p.plot.h() >= MIN_PLOT_SHARE * cell_h)
}

fn plan_with(
    m: &Measure,
    content: &Content,
    width: f64,
    height: f64,
    sizes: FontSizes,
    pad: f64,
    dropped: &[GiveWay],
) -> Plan {
    let sp = Spacing::new(&sizes, pad);
    let avail = width - 2.0 * pad;
    let centre = width / 2.0;

    // The header, top down.
    let mut y = pad;
    let mut title = Vec::new();
    if let Some(t) = &content.title {
        let parts: Vec<String> = vec![t.clone()];
        for line in m.wrap(&parts, " ", sizes.title, avail) {
            title.push(TextLine {
                text: line,
                x: centre,
                top: y + m.top_overhang(sizes.title),
                size: sizes.title,
            });
            y += m.pitch(sizes.title);
        }
    }
    let mut subtitle = Vec::new();
    if !dropped.contains(&GiveWay::Subtitle) && !content.subtitle.is_empty() {
        if !title.is_empty() {
            y += 0.15 * sizes.subtitle;
        }
        for line in m.wrap(&content.subtitle, " · ", sizes.subtitle, avail) {
            subtitle.push(TextLine {
                text: line,
                x: centre,
                top: y + m.top_overhang(sizes.subtitle),
                size: sizes.subtitle,
            });
            y += m.pitch(sizes.subtitle);
        }
    }
    let grid_top = if title.is_empty() && subtitle.is_empty() {
        y
    } else {
        y + 0.5 * sizes.tick
    };

    // The foot, bottom up: the legend rows, then the footer caption above them.
    let legend_rows = |short: bool| -> Vec<Vec<(usize, String, f64)>> {
        let mut rows: Vec<Vec<(usize, String, f64)>> = Vec::new();
        let mut used = 0.0;
        for (i, e) in content.legend.iter().enumerate() {
            let text = if short { &e.short } else { &e.long };
            let tw = m.width(text, sizes.legend);
            let need = sp.swatch + sp.swatch_gap + tw;
            match rows.last_mut() {
                Some(row) if used + sp.entry_gap + need <= avail => {
                    used += sp.entry_gap + need;
                    row.push((i, text.clone(), tw));
                }
                _ => {
                    used = need;
                    rows.push(vec![(i, text.clone(), tw)]);
                }
            }
        }
        rows
    };
    let mut short_legend = dropped.contains(&GiveWay::LongLegendNames);
    let mut rows = legend_rows(short_legend);
    if !short_legend && rows.len() > 2 {
        let brief = legend_rows(true);
        if brief.len() < rows.len() {
            rows = brief;
            short_legend = true;
        }
    }
    let footer_lines = if dropped.contains(&GiveWay::Footer) {
        Vec::new()
    } else {
        m.wrap(&content.footer, "   ·   ", sizes.footer, avail)
    };
    let mut bottom = height - pad;
    let mut legend = Vec::new();
    let legend_top = bottom - rows.len() as f64 * sp.legend_pitch;
    for (r, row) in rows.iter().enumerate() {
        let total: f64 = row
            .iter()
            .map(|(_, _, w)| sp.swatch + sp.swatch_gap + w)
            .sum::<f64>()
            + sp.entry_gap * (row.len() as f64 - 1.0).max(0.0);
        let mut x = centre - total / 2.0;
        let mid = legend_top + (r as f64 + 0.5) * sp.legend_pitch;
        for (entry, text, w) in row {
            legend.push(LegendSlot {
                entry: *entry,
                x,
                text_x: x + sp.swatch + sp.swatch_gap,
                text: text.clone(),
                mid,
            });
            x += sp.swatch + sp.swatch_gap + w + sp.entry_gap;
        }
    }
    bottom = legend_top;
    let footer_top = bottom - footer_lines.len() as f64 * m.pitch(sizes.footer);
    let footer = footer_lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            text,
            x: centre,
            top: footer_top + i as f64 * m.pitch(sizes.footer) + m.top_overhang(sizes.footer),
            size: sizes.footer,
        })
        .collect::<Vec<_>>();
    bottom = footer_top;
    let grid_bottom = if footer.is_empty() && legend.is_empty() {
        bottom
    } else {
        bottom - 0.5 * sizes.tick
    };

    // The colour bar takes a column at the right of the grid.
    let (mut colour_bar_w, mut bar_labels_w, mut bar_title_w) = (0.0, 0.0, 0.0);
    if let Some(bar) = &content.colour_bar {
        bar_labels_w = bar.label_width;
        bar_title_w = if bar.title.is_empty() {
            0.0
        } else {
            m.pitch(sizes.axis)
        };
        colour_bar_w = sp.column_gap
            + sp.colour_bar
            + sp.tick_len
            + sp.label_gap
            + bar_labels_w
            + sp.title_gap
            + bar_title_w;
    }

    // Blocks around each plot, shared along columns (left, right) and rows (top, bottom) so
    // that plots line up.
    let cols = content.columns.max(1);
    let rows_n = content.rows.max(1);
    let panel = |r: usize, c: usize| content.panels.get(r * cols + c);
    let y_block = |a: &Option<AxisContent>| match a {
        Some(a) => {
            sp.tick_len
                + sp.label_gap
                + a.label_width
                + if a.title.is_empty() {
                    0.0
                } else {
                    sp.title_gap + m.pitch(sizes.axis)
                }
        }
        None => 0.0,
    };
    let half_tick_line = 0.5 * m.line_height(sizes.tick);
    let x_overhang = |p: &PanelContent| p.bottom.as_ref().map_or(0.0, |a| a.overhang);
    let mut lefts = vec![0f64; cols];
    let mut rights = vec![0f64; cols];
    for (c, (left, right)) in lefts.iter_mut().zip(rights.iter_mut()).enumerate() {
        for r in 0..rows_n {
            if let Some(p) = panel(r, c) {
                *left = left.max(y_block(&p.left)).max(x_overhang(p));
                let right_need = if p.right.is_some() {
                    y_block(&p.right)
                } else {
                    x_overhang(p).max(0.3 * sizes.tick)
                };
                *right = right.max(right_need);
            }
        }
    }
    let show_titles = !dropped.contains(&GiveWay::PanelTitles);
    let mut tops = vec![0f64; rows_n];
    let mut bottoms = vec![0f64; rows_n];
    for r in 0..rows_n {
        for c in 0..cols {
            if let Some(p) = panel(r, c) {
                let title_h = match (&p.title, show_titles) {
                    (Some(_), true) => m.pitch(sizes.caption) + sp.panel_title_gap,
                    _ => 0.0,
                };
                let has_y = p.left.is_some() || p.right.is_some();
                let overhang = if has_y { half_tick_line } else { 0.0 };
                tops[r] = tops[r].max(title_h.max(overhang));
                let b = match &p.bottom {
                    Some(a) => {
                        sp.tick_len
                            + sp.label_gap
                            + m.line_height(sizes.tick)
                            + if a.title.is_empty() {
                                0.0
                            } else {
                                sp.title_gap + m.pitch(sizes.axis)
                            }
                    }
                    None => sp.tick_len.max(overhang),
                };
                bottoms[r] = bottoms[r].max(b);
            }
        }
    }
    let grid_w = avail - colour_bar_w;
    let plot_w = ((grid_w
        - lefts.iter().sum::<f64>()
        - rights.iter().sum::<f64>()
        - sp.column_gap * (cols as f64 - 1.0))
        / cols as f64)
        .max(1.0);
    let grid_h = grid_bottom - grid_top;
    let plot_h = ((grid_h
        - tops.iter().sum::<f64>()
        - bottoms.iter().sum::<f64>()
        - sp.row_gap * (rows_n as f64 - 1.0))
        / rows_n as f64)
        .max(1.0);

    let bar_column = content.colour_bar.as_ref().map(|b| b.column.min(cols - 1));
    let mut bar_x0 = width - pad - colour_bar_w + sp.column_gap;
    let mut panels = Vec::new();
    let mut y0 = grid_top;
    for r in 0..rows_n {
        let mut x0 = pad;
        let py0 = y0 + tops[r];
        for c in 0..cols {
            let px0 = x0 + lefts[c];
            let plot = Rect::new(px0, py0, px0 + plot_w, py0 + plot_h);
            if let Some(p) = panel(r, c) {
                let title = match (&p.title, show_titles) {
                    (Some([long, short]), true) => {
                        // Centred over the plot, within the panel's cell and the figure.
                        let (cx, _) = plot.centre();
                        let half = (cx - x0.max(pad))
                            .min((px0 + plot_w + rights[c]).min(width - pad) - cx);
                        let fits = |t: &String| m.width(t, sizes.caption) <= 2.0 * half;
                        [long, short]
                            .into_iter()
                            .find(|t| fits(t))
                            .map(|text| TextLine {
                                text: text.clone(),
                                x: plot.centre().0,
                                top: py0 - sp.panel_title_gap - m.pitch(sizes.caption)
                                    + m.top_overhang(sizes.caption),
                                size: sizes.caption,
                            })
                    }
                    _ => None,
                };
                let left_labels = plot.x0 - sp.tick_len - sp.label_gap;
                let left_title = left_labels
                    - p.left.as_ref().map_or(0.0, |a| a.label_width)
                    - sp.title_gap
                    - m.pitch(sizes.axis);
                let right_labels = plot.x1 + sp.tick_len + sp.label_gap;
                let right_title =
                    right_labels + p.right.as_ref().map_or(0.0, |a| a.label_width) + sp.title_gap;
                let bottom_labels = p
                    .bottom
                    .as_ref()
                    .map(|_| plot.y1 + sp.tick_len + sp.label_gap);
                let bottom_title = p.bottom.as_ref().and_then(|a| {
                    (!a.title.is_empty()).then(|| {
                        plot.y1
                            + sp.tick_len
                            + sp.label_gap
                            + m.line_height(sizes.tick)
                            + sp.title_gap
                    })
                });
                panels.push(PanelPlan {
                    plot,
                    title,
                    left_labels,
                    left_title,
                    right_labels,
                    right_title,
                    bottom_labels,
                    bottom_title,
                });
            }
            let end = px0 + plot_w + rights[c];
            x0 = end + sp.column_gap;
            if bar_column == Some(c) {
                bar_x0 = end + sp.column_gap;
                x0 += colour_bar_w;
            }
        }
        y0 = py0 + plot_h + bottoms[r] + sp.row_gap;
    }
    let (colour_bar, colour_bar_labels, colour_bar_title) = match &content.colour_bar {
        Some(b) => {
            let x0 = bar_x0;
            let (first, last) = match b.row {
                Some(r) => (
                    r.min(rows_n - 1) * cols,
                    r.min(rows_n - 1) * cols + cols - 1,
                ),
                None => (0, panels.len().saturating_sub(1)),
            };
            let top = panels.get(first).map_or(grid_top, |p| p.plot.y0);
            let bottom = panels.get(last).map_or(grid_bottom, |p| p.plot.y1);
            let bar = Rect::new(x0, top, x0 + sp.colour_bar, bottom);
            let labels = bar.x1 + sp.tick_len + sp.label_gap;
            (Some(bar), labels, labels + bar_labels_w + sp.title_gap)
        }
        None => (None, 0.0, 0.0),
    };
    let _ = bar_title_w;
    Plan {
        sizes,
        spacing: sp,
        title,
        subtitle,
        footer,
        legend,
        short_legend,
        panels,
        colour_bar,
        colour_bar_labels,
        colour_bar_title,
        gave_way: dropped.to_vec(),
    }
}

/// The grid of panels a one-parameter layout draws: rows, columns, whether panels have a
/// right axis (overlay) and whether the upper panel's x axis is shared (stacked).
pub fn curve_grid(layout: Layout) -> (usize, usize, bool, bool) {
    match layout {
        Layout::SideBySide => (1, 2, false, false),
        Layout::Stacked => (2, 1, false, true),
        Layout::Overlay => (1, 1, true, false),
        Layout::Ll | Layout::Nll => (1, 1, false, false),
    }
}

/// Content with the typical texts of a one-parameter figure, for judging a size before any
/// work is done: y tick labels like "−70", x tick labels like "0.5", a title of 40
/// characters, five legend entries.
pub fn nominal_content(theme: &Theme, layout: Layout, m: &Measure, sizes: &FontSizes) -> Content {
    let (rows, columns, right, shared) = curve_grid(layout);
    let y_labels = m.width(NOMINAL_Y_LABEL, sizes.tick);
    let x_over = 0.5 * m.width(NOMINAL_X_LABEL, sizes.tick);
    let axis = |title: &str| AxisContent {
        label_width: y_labels,
        overhang: x_over,
        title: title.to_string(),
    };
    let panels = (0..rows * columns)
        .map(|i| PanelContent {
            title: Some([
                "Negative log-likelihood NLL(θ)".to_string(),
                "NLL(θ)".to_string(),
            ]),
            left: Some(axis("NLL(θ)")),
            right: right.then(|| axis("NLL(θ)")),
            bottom: (!shared || i + 1 == rows * columns).then(|| axis("θ")),
        })
        .collect();
    Content {
        title: theme
            .default_title
            .then(|| "Bernoulli(p) likelihood: n = 100, p̂ = 0.300".to_string()),
        subtitle: Vec::new(),
        footer: Vec::new(),
        legend: ["LL", "NLL", "MLE θ̂", "true θ", "95 % LR interval"]
            .iter()
            .map(|s| LegendEntry {
                long: s.to_string(),
                short: s.to_string(),
            })
            .collect(),
        rows,
        columns,
        panels,
        colour_bar: None,
    }
}

/// Where the parts of a two-parameter figure sit in a 2 × 2 layout grid (panel indices, row
/// by row): the surface's map fills two cells (a column side by side, a row stacked), the
/// profiles one each, and the colour bar stands right of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurfaceGrid {
    /// The map's two cells: the one with its title and y axis first, the one with its x
    /// axis second (side by side) or the one to its right (stacked).
    pub map: [usize; 2],
    pub profiles: [usize; 2],
    pub bar_column: usize,
    pub bar_row: Option<usize>,
}

pub const SURFACE_ROWS: usize = 2;
pub const SURFACE_COLUMNS: usize = 2;

pub fn surface_grid(layout: Layout) -> SurfaceGrid {
    if layout == Layout::Stacked {
        SurfaceGrid {
            map: [0, 1],
            profiles: [2, 3],
            bar_column: 1,
            bar_row: Some(0),
        }
    } else {
        SurfaceGrid {
            map: [0, 2],
            profiles: [1, 3],
            bar_column: 0,
            bar_row: None,
        }
    }
}

/// The panels of a two-parameter figure from the map's parts and the profiles' panels: the
/// map's second cell carries its x axis when it lies below the first, nothing otherwise.
pub fn surface_panels(
    layout: Layout,
    map: PanelContent,
    profiles: [PanelContent; 2],
) -> Vec<PanelContent> {
    let grid = surface_grid(layout);
    let mut panels = vec![PanelContent::default(); SURFACE_ROWS * SURFACE_COLUMNS];
    let [first, second] = grid.map;
    if layout == Layout::Stacked {
        panels[first] = map;
    } else {
        panels[second] = PanelContent {
            title: None,
            left: map.left.clone(),
            right: None,
            bottom: map.bottom.clone(),
        };
        panels[first] = PanelContent {
            bottom: None,
            ..map
        };
    }
    for (k, p) in profiles.into_iter().enumerate() {
        panels[grid.profiles[k]] = p;
    }
    panels
}

/// Content with the typical texts of a two-parameter figure, for judging a size before any
/// work is done.
pub fn surface_nominal_content(
    theme: &Theme,
    layout: Layout,
    m: &Measure,
    sizes: &FontSizes,
) -> Content {
    let y_labels = m.width("0.75", sizes.tick);
    let x_over = 0.5 * m.width(NOMINAL_X_LABEL, sizes.tick);
    let axis = |title: &str, width: f64| AxisContent {
        label_width: width,
        overhang: x_over,
        title: title.to_string(),
    };
    let map = PanelContent {
        title: Some([
            "ΔNLL(μ, σ) and joint regions".to_string(),
            "ΔNLL(μ, σ)".to_string(),
        ]),
        left: Some(axis("σ", y_labels)),
        right: None,
        bottom: Some(axis("μ", 0.0)),
    };
    let profile = |s: &str| PanelContent {
        title: Some([format!("Profile of {s}"), s.to_string()]),
        left: Some(axis("ΔNLL (profile)", m.width("6", sizes.tick))),
        right: None,
        bottom: Some(axis(s, 0.0)),
    };
    let grid = surface_grid(layout);
    Content {
        title: theme
            .default_title
            .then(|| "Normal(μ, σ) likelihood surface: n = 100".to_string()),
        subtitle: Vec::new(),
        footer: Vec::new(),
        legend: ["MLE", "true", "68.27 %", "95 %", "95 % interval"]
            .iter()
            .map(|s| LegendEntry {
                long: s.to_string(),
                short: s.to_string(),
            })
            .collect(),
        rows: SURFACE_ROWS,
        columns: SURFACE_COLUMNS,
        panels: surface_panels(layout, map, [profile("μ"), profile("σ")]),
        colour_bar: Some(ColourBarContent {
            label_width: m.width("6", sizes.tick),
            title: "ΔNLL".to_string(),
            column: grid.bar_column,
            row: grid.bar_row,
        }),
    }
}

const NOMINAL_Y_LABEL: &str = "−70";
const NOMINAL_X_LABEL: &str = "0.5";

/// The least space between neighbouring x tick labels, in ems of their size.
pub const X_LABEL_GAP: f64 = 0.5;

/// The most lines a figure's title may wrap to: every further line is taken from the plots,
/// and a title of a paragraph is a caption in the wrong place.
pub const MAX_TITLE_LINES: usize = 3;

/// How many lines `title` wraps to across a `w` × `h` px figure, at the type size the figure
/// gets (as [`plan`] wraps it).
pub fn title_lines(
    theme: &Theme,
    layout: Layout,
    faces: Faces,
    font_pt: Option<f64>,
    (w, h): (f64, f64),
    title: &str,
) -> usize {
    let (sizes, pad) = type_sizes(theme, layout, faces, w, h, font_pt);
    Measure::new(faces)
        .wrap(&[title.to_string()], " ", sizes.title, w - 2.0 * pad)
        .len()
}

/// Whether a figure of this size holds the nominal content readably: every plot keeps its
/// share, and four x tick labels and four rows of y tick labels (three on a surface) fit
/// along each plot.
fn readable(
    theme: &Theme,
    shape: Shape,
    faces: Faces,
    font_pt: Option<f64>,
    w: f64,
    h: f64,
) -> bool {
    let sized = type_sizes(theme, shape, faces, w, h, font_pt);
    readable_at(theme, shape, faces, w, h, sized)
}

fn readable_at(
    theme: &Theme,
    shape: Shape,
    faces: Faces,
    w: f64,
    h: f64,
    (sizes, pad): (FontSizes, f64),
) -> bool {
    let m = Measure::new(faces);
    let content = if shape.surface {
        surface_nominal_content(theme, shape.layout, &m, &sizes)
    } else {
        nominal_content(theme, shape.layout, &m, &sizes)
    };
    let plan = plan(&m, &content, w, h, sizes, pad);
    let four_labels = 4.0 * m.width(NOMINAL_X_LABEL, sizes.tick) + 3.0 * X_LABEL_GAP * sizes.tick;
    // A surface's panels each get a quarter of the figure: three rows of tick labels are
    // what a profile's axis needs (0, 2.5, 5 …), four what a curve's does.
    let rows = if shape.surface { 3.0 } else { 4.0 };
    let rows_of_ticks = rows * m.pitch(sizes.tick);
    fits(&plan, &content, w, h)
        && plan
            .panels
            .iter()
            .all(|p| p.plot.w() >= four_labels && p.plot.h() >= rows_of_ticks)
}

/// The smallest readable figure near `width` × `height` px, or `None` if that size is
/// readable: taller at this width if height alone is short, wider at this height if width
/// alone is, else both scaled together. Pure: the config calls it before any work.
pub fn minimum_size(
    theme: &Theme,
    shape: impl Into<Shape>,
    faces: Faces,
    font_pt: Option<f64>,
    width: f64,
    height: f64,
) -> Option<(f64, f64)> {
    let shape = shape.into();
    let ok = |w: f64, h: f64| readable(theme, shape, faces, font_pt, w, h);
    if ok(width, height) {
        return None;
    }
    // The smallest t in (1, limit] with ok(size(t)), by bisection (ok is monotone in t for
    // all but pathological fonts; the result is checked).
    let search = |size: &dyn Fn(f64) -> (f64, f64), limit: f64| -> Option<(f64, f64)> {
        let (w, h) = size(limit);
        if !ok(w, h) {
            return None;
        }
        let (mut lo, mut hi) = (1.0, limit);
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            let (w, h) = size(mid);
            if ok(w, h) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let (w, h) = size(hi);
        Some((w.ceil(), h.ceil()))
    };
    let max = super::MAX_SIDE;
    search(&|t| (width, height * t), max / height)
        .or_else(|| search(&|t| (width * t, height), max / width))
        .or_else(|| search(&|t| (width * t, height * t), max / width.max(height)))
        .or(Some((max, max)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeName;

    fn measure() -> Measure<'static> {
        Measure::new(Faces::bundled())
    }

    #[test]
    fn type_follows_the_size_within_the_theme_bounds() {
        let t = ThemeName::Default.theme();
        let f = Faces::bundled();
        let (at_default, _) = type_sizes(&t, Layout::SideBySide, f, 1200.0, 500.0, None);
        assert_eq!(at_default.tick, t.font.tick);
        let (small, _) = type_sizes(&t, Layout::SideBySide, f, 302.0, 227.0, None);
        assert_eq!(small.tick, t.type_range.0);
        let (huge, _) = type_sizes(&t, Layout::SideBySide, f, 9000.0, 9000.0, None);
        assert_eq!(huge.tick, t.type_range.1);
        // A tall narrow figure keeps small type.
        let (narrow, _) = type_sizes(&t, Layout::SideBySide, f, 302.0, 5000.0, None);
        assert_eq!(narrow.tick, t.type_range.0);
        // A presentation figure 8 cm wide shrinks its type below the theme's smallest to fit.
        let p = ThemeName::Presentation.theme();
        let (shrunk, _) = type_sizes(&p, Layout::SideBySide, f, 260.0, 200.0, None);
        assert!(
            shrunk.tick < p.type_range.0 && shrunk.tick >= SMALLEST_TYPE,
            "{shrunk:?}"
        );
        // --font-size 9 (pt) is 12 px, whatever the size; titles keep their ratio.
        let (given, _) = type_sizes(&t, Layout::SideBySide, f, 302.0, 227.0, Some(9.0));
        assert_eq!(given.tick, 12.0);
        assert!((given.title / given.tick - t.font.title / t.font.tick).abs() < 1e-12);
    }

    #[test]
    fn optional_elements_give_way_in_order() {
        let m = measure();
        let t = ThemeName::Default.theme();
        let f = Faces::bundled();
        let (sizes, pad) = type_sizes(&t, Layout::Stacked, f, 302.0, 227.0, None);
        let mut content = nominal_content(&t, Layout::Stacked, &m, &sizes);
        content.subtitle = vec![
            "100 draws with true p = 0.3 (seed 42)".into(),
            "1000 grid points".into(),
        ];
        content.footer = vec![
            "p̂ = 0.300".into(),
            "95 % likelihood-ratio interval [0.216, 0.394]".into(),
        ];
        let small = plan(&m, &content, 302.0, 227.0, sizes, pad);
        assert!(fits(&small, &content, 302.0, 227.0), "{small:?}");
        assert!(
            small.gave_way.starts_with(&[GiveWay::Subtitle]),
            "{:?}",
            small.gave_way
        );
        let (sizes, pad) = type_sizes(&t, Layout::Stacked, f, 760.0, 860.0, None);
        let big = plan(&m, &content, 760.0, 860.0, sizes, pad);
        assert!(big.gave_way.is_empty() && !big.subtitle.is_empty() && !big.footer.is_empty());
        // Stacked panels share their plot's left edge and width.
        assert_eq!(big.panels[0].plot.x0, big.panels[1].plot.x0);
        assert_eq!(big.panels[0].plot.w(), big.panels[1].plot.w());
        assert!(big.panels[0].bottom_labels.is_none() && big.panels[1].bottom_labels.is_some());
    }

    #[test]
    fn the_issue_sizes_are_readable_and_tiny_ones_are_not() {
        let faces = Faces::bundled();
        for theme in ThemeName::ALL {
            let t = theme.theme();
            for layout in Layout::ALL {
                for (w, h) in [
                    (302.4, 226.8),
                    (453.5, 226.8),
                    (336.0, 230.4),
                    (800.0, 400.0),
                    (2400.0, 1000.0),
                ] {
                    assert_eq!(
                        minimum_size(&t, layout, faces, None, w, h),
                        None,
                        "{} {} at {w} x {h}",
                        theme.name(),
                        layout.name()
                    );
                }
                let (mw, mh) = minimum_size(&t, layout, faces, None, 100.0, 100.0).unwrap();
                assert!(mw >= 100.0 && mh >= 100.0 && (mw > 100.0 || mh > 100.0));
                assert_eq!(minimum_size(&t, layout, faces, None, mw, mh), None);
            }
        }
    }
}
