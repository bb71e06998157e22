//! The marks over the curves: the likelihood-ratio band, the vertical lines at θ̂ and the
//! true θ, and the labels of all marks, which go where no curve or line passes through them
//! ([`place`](crate::typeset::place)), with a leader line when no spot beside their mark is free.
//!
//! When θ̂ and the true θ read the same, the dotted truth line is drawn over the dashed θ̂
//! line (so both patterns show) and one label names both.

use super::paint::{clip_polyline, Align, DrawResult, Painter};
use super::{words, Figure, Frame};
use crate::theme::Line;
use crate::typeset::layout::{Plan, Rect};
use crate::typeset::place::{place, Obstacles, Target};
use plotters::prelude::*;

/// Where a pending label belongs.
#[derive(Debug, Clone, Copy)]
pub(super) enum LabelTarget {
    /// The vertical line with obstacle id `line` at x (px); `prefer_left` puts it on the side
    /// away from the other vertical line.
    VLine {
        x: f64,
        line: usize,
        prefer_left: bool,
    },
    Point {
        x: f64,
        y: f64,
    },
}

struct Pending {
    text: String,
    color: RGBColor,
    target: LabelTarget,
    /// Lower first.
    priority: u8,
}

/// A panel's plot area as the labels see it: the lines drawn so far, and the labels waiting
/// for a place.
pub(super) struct LabelSpace {
    area: Rect,
    obstacles: Obstacles,
    pending: Vec<Pending>,
    /// Labels sit on a box of the background colour (over a heat map, where no one text
    /// colour reads on every band).
    boxed: Option<RGBColor>,
}

impl LabelSpace {
    pub fn new(area: Rect) -> LabelSpace {
        LabelSpace {
            area,
            obstacles: Obstacles::default(),
            pending: Vec::new(),
            boxed: None,
        }
    }

    /// A space whose labels sit on boxes of `background`.
    pub fn boxed(area: Rect, background: RGBColor) -> LabelSpace {
        LabelSpace {
            boxed: Some(background),
            ..LabelSpace::new(area)
        }
    }

    /// Whether labels here sit on boxes (see [`LabelSpace::boxed`]).
    pub fn is_boxed(&self) -> bool {
        self.boxed.is_some()
    }

    /// Records a drawn line; returns its id.
    pub fn obstacle(&mut self, points: &[(f64, f64)]) -> usize {
        self.obstacles.polyline(points)
    }

    pub fn dot(&mut self, (x, y): (f64, f64), r: f64) {
        self.obstacles.rect(Rect::new(x - r, y - r, x + r, y + r));
    }

    pub fn label(&mut self, text: String, color: RGBColor, target: LabelTarget, priority: u8) {
        self.pending.push(Pending {
            text,
            color,
            target,
            priority,
        });
    }

    /// Places and draws every pending label, most important first.
    pub fn draw_labels<DB: DrawingBackend>(
        self,
        p: &Painter<DB>,
        figure: &Figure,
        plan: &Plan,
    ) -> DrawResult<(), DB> {
        self.draw_labels_with(p, figure.theme(), plan.sizes.label)
    }

    /// [`LabelSpace::draw_labels`] for any figure: its theme and label type size.
    pub fn draw_labels_with<DB: DrawingBackend>(
        mut self,
        p: &Painter<DB>,
        theme: &crate::theme::Theme,
        full: f64,
    ) -> DrawResult<(), DB> {
        let m = p.measure();
        let margin = 0.1 * full;
        let area = self.area.grown(-margin);
        self.pending.sort_by_key(|l| l.priority);
        let mut taken: Vec<Rect> = Vec::new();
        let leader = Line {
            color: theme.muted,
            width: (0.6 * theme.axis_width).max(0.5),
            dash: None,
        };
        for label in &self.pending {
            let target = match label.target {
                LabelTarget::VLine {
                    x,
                    line,
                    prefer_left,
                } => Target::VLine {
                    x,
                    line,
                    prefer_left,
                },
                LabelTarget::Point { x, y } => Target::Point { x, y },
            };
            // One line, or two when one does not fit anywhere free (narrow panels), at the
            // label size or a little smaller; a label that still finds no free spot is left
            // out rather than drawn under a line (the caption keeps its number).
            let mut best: Option<(f64, Vec<String>, crate::typeset::place::Placed, f64)> = None;
            let candidates = [full, 0.85 * full]
                .into_iter()
                .flat_map(|size| {
                    shapes(&label.text, &m, size)
                        .into_iter()
                        .enumerate()
                        .map(move |(k, lines)| (size, k, lines))
                })
                .collect::<Vec<_>>();
            for (size, k, lines) in candidates {
                let gap = 0.3 * size;
                let w = lines.iter().map(|l| m.width(l, size)).fold(0.0, f64::max) + 2.0 * margin;
                let h =
                    m.line_height(size) + (lines.len() - 1) as f64 * m.pitch(size) + 2.0 * margin;
                let placed = place(area, &self.obstacles, &taken, (w, h), target, gap);
                let cost = self.obstacles.hits(&placed.rect) as f64 * 1000.0
                    + taken.iter().filter(|t| t.overlaps(&placed.rect)).count() as f64 * 1e7
                    + if placed.leader.is_some() { 10.0 } else { 0.0 }
                    + 20.0 * k as f64
                    + if size < full { 30.0 } else { 0.0 };
                if best.as_ref().is_none_or(|(c, _, _, _)| cost < *c) {
                    best = Some((cost, lines, placed, size));
                }
                // A free spot beside the mark in one line at full size is as good as it gets.
                if best.as_ref().is_some_and(|(c, _, _, _)| *c < 1.0) {
                    break;
                }
            }
            let Some((cost, lines, placed, size)) = best else {
                continue;
            };
            if cost >= 1000.0 {
                continue;
            }
            if let Some([a, b]) = placed.leader {
                p.line(&[a, b], leader)?;
                self.obstacles.polyline(&[a, b]);
            }
            let r = placed.rect;
            if let Some(background) = self.boxed {
                p.fill(&r, background, 0.85)?;
            }
            // Lines of a label left of its mark end at the mark's side.
            let right = match label.target {
                LabelTarget::VLine { x, .. } => r.x1 <= x,
                LabelTarget::Point { x, .. } => r.x1 <= x,
            };
            for (i, line) in lines.iter().enumerate() {
                let top = r.y0 + margin + i as f64 * m.pitch(size) + m.top_overhang(size);
                if right {
                    p.text(line, r.x1 - margin, top, size, label.color, Align::Right)?;
                } else {
                    p.text(line, r.x0 + margin, top, size, label.color, Align::Left)?;
                }
            }
            taken.push(r);
            self.obstacles.rect(r);
        }
        Ok(())
    }
}

/// The shapes a label may take: its one line, and its best break into two (at a space, never
/// beside an "=", so that "λ = 4" stays together).
fn shapes(text: &str, m: &crate::typeset::text::Measure, size: f64) -> Vec<Vec<String>> {
    let mut out = vec![vec![text.to_string()]];
    let words: Vec<&str> = text.split(' ').collect();
    let mut best: Option<(f64, Vec<String>)> = None;
    for i in 1..words.len() {
        if words[i - 1] == "=" || words[i] == "=" {
            continue;
        }
        let (a, b) = (words[..i].join(" "), words[i..].join(" "));
        let w = m.width(&a, size).max(m.width(&b, size));
        if best.as_ref().is_none_or(|(bw, _)| w < *bw) {
            best = Some((w, vec![a, b]));
        }
    }
    if let Some((_, two)) = best {
        out.push(two);
    }
    out
}

/// The likelihood-ratio interval as a band across the whole height, under everything.
pub(super) fn draw_band<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    frame: &Frame,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let grid = figure.sweep.grid;
    if figure.options.annotations.interval {
        let (lo, hi) = (inf.lr.0.value.max(grid.lo), inf.lr.1.value.min(grid.hi));
        if lo < hi {
            let r = Rect::new(frame.x_px(lo), frame.plot.y0, frame.x_px(hi), frame.plot.y1);
            p.fill(&r, t.band, t.band_opacity)?;
        }
    }
    Ok(())
}

/// The true θ and θ̂ as vertical lines across the whole height, and their labels (placed
/// once every line of the panel is drawn).
pub(super) fn draw_verticals<DB: DrawingBackend>(
    p: &Painter<DB>,
    figure: &Figure,
    frame: &Frame,
    space: &mut LabelSpace,
) -> DrawResult<(), DB> {
    let t = figure.theme();
    let inf = figure.inference;
    let notes = figure.options.annotations;
    let grid = figure.sweep.grid;
    let in_range = |x: f64| (grid.lo..=grid.hi).contains(&x);
    let truth = figure.x_true.filter(|&x| notes.truth && in_range(x));
    let mle = (notes.mle && in_range(inf.mle)).then_some(inf.mle);
    let texts = words::mark_texts(figure);
    let (y_lo, y_hi) = frame.y;
    let mut mle_line = None;
    if let Some(mle) = mle {
        mle_line = traced(p, frame, space, &[(mle, y_lo), (mle, y_hi)], t.mle)?;
    }
    // Over the θ̂ line, so that a truth line on top of it still shows its dots.
    let mut truth_line = None;
    if let Some(truth) = truth {
        truth_line = traced(p, frame, space, &[(truth, y_lo), (truth, y_hi)], t.truth)?;
    }
    match (mle.zip(mle_line), truth.zip(truth_line)) {
        (Some((m, ml)), Some(_)) if texts.equal => {
            space.label(
                texts.both,
                t.mle.color,
                LabelTarget::VLine {
                    x: frame.x_px(m),
                    line: ml,
                    prefer_left: false,
                },
                0,
            );
        }
        (m, tr) => {
            if let Some((m, ml)) = m {
                space.label(
                    texts.mle,
                    t.mle.color,
                    LabelTarget::VLine {
                        x: frame.x_px(m),
                        line: ml,
                        prefer_left: tr.is_some_and(|(x, _)| x > m),
                    },
                    0,
                );
            }
            if let Some((x, tl)) = tr {
                space.label(
                    texts.truth,
                    t.truth.color,
                    LabelTarget::VLine {
                        x: frame.x_px(x),
                        line: tl,
                        prefer_left: m.is_some_and(|(mx, _)| mx > x),
                    },
                    1,
                );
            }
        }
    }
    Ok(())
}

/// Draws a polyline clipped to the plot and records it as an obstacle; returns its id.
pub(super) fn traced<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &Frame,
    space: &mut LabelSpace,
    points: &[(f64, f64)],
    line: Line,
) -> DrawResult<Option<usize>, DB> {
    let px: Vec<(f64, f64)> = points.iter().map(|&pt| frame.px(pt)).collect();
    let mut id = None;
    for run in clip_polyline(&px, &frame.plot) {
        p.line(&run, line)?;
        id = Some(space.obstacle(&run));
    }
    Ok(id)
}
