//! Where the labels of marks go: candidate positions around each mark, scored against the
//! curves, the other marks and the labels already placed; a leader line when no spot beside
//! the mark is free.
//!
//! Placement is greedy in the order the caller asks (the estimate's label first): each label
//! takes its cheapest candidate. A candidate that a curve or line passes through costs far
//! more than one that is merely far from the preferred spot, and overlapping a placed label
//! is never allowed while any other candidate exists, so two labels of marks that are close
//! or equal stay readable.

use super::rect::Rect;

/// A segment of an obstacle: the object's id and its two ends.
type Segment = (usize, (f64, f64), (f64, f64));

/// Lines and shapes a label must not cover, each segment tagged with the object it belongs to.
///
/// Segments are filed by the columns of a coarse grid they cross, so that testing a candidate
/// box looks only at the segments near it: a panel holds thousands of curve segments and a
/// label tries hundreds of places.
#[derive(Debug, Default, Clone)]
pub struct Obstacles {
    segments: Vec<Segment>,
    boxes: Vec<(usize, Rect)>,
    next: usize,
    /// Segment indices per column of width [`COLUMN`] px, from x = 0.
    columns: Vec<Vec<usize>>,
}

/// The width of the index's columns, in px.
const COLUMN: f64 = 8.0;

fn column_of(x: f64) -> usize {
    if x.is_finite() && x > 0.0 {
        ((x / COLUMN) as usize).min(100_000)
    } else {
        0
    }
}

impl Obstacles {
    /// Adds a polyline (a curve, a mark's line); returns its id.
    pub fn polyline(&mut self, points: &[(f64, f64)]) -> usize {
        let id = self.next;
        self.next += 1;
        for w in points.windows(2) {
            let index = self.segments.len();
            self.segments.push((id, w[0], w[1]));
            let (a, b) = (column_of(w[0].0.min(w[1].0)), column_of(w[0].0.max(w[1].0)));
            if self.columns.len() <= b {
                self.columns.resize(b + 1, Vec::new());
            }
            for c in a..=b {
                self.columns[c].push(index);
            }
        }
        id
    }

    /// The segments filed in the columns `r` spans.
    fn near(&self, r: &Rect) -> impl Iterator<Item = &Segment> {
        let (a, b) = (column_of(r.x0), column_of(r.x1));
        let last = self.columns.len().saturating_sub(1);
        let cols = if a > last {
            &self.columns[0..0]
        } else {
            &self.columns[a..=b.min(last)]
        };
        cols.iter().flatten().map(move |&i| &self.segments[i])
    }

    /// Adds a filled shape by its box (a dot, a label already drawn); returns its id.
    pub fn rect(&mut self, r: Rect) -> usize {
        let id = self.next;
        self.next += 1;
        self.boxes.push((id, r));
        id
    }

    /// How many distinct objects pass through `r`.
    pub fn hits(&self, r: &Rect) -> usize {
        let mut ids: Vec<usize> = self
            .near(r)
            .filter(|(_, a, b)| segment_meets_rect(*a, *b, r))
            .map(|(id, _, _)| *id)
            .chain(
                self.boxes
                    .iter()
                    .filter(|(_, b)| b.overlaps(r))
                    .map(|(id, _)| *id),
            )
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// How many distinct objects other than `except` a segment crosses.
    fn crossings(&self, a: (f64, f64), b: (f64, f64), except: Option<usize>) -> usize {
        let span = Rect::new(a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
        let mut ids: Vec<usize> = self
            .near(&span)
            .filter(|(id, p, q)| Some(*id) != except && segments_cross(a, b, *p, *q))
            .map(|(id, _, _)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Whether the segment a–b meets the rectangle (Liang–Barsky clipping).
pub fn segment_meets_rect(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    super::rect::clip_span(a, b, r).is_some()
}

fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let cross = |o: (f64, f64), p: (f64, f64), q: (f64, f64)| {
        (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0)
    };
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    (d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0)
}

/// What a label belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    /// A vertical line at x across the area, its obstacle id; labels go beside it, preferably
    /// on the left (`prefer_left`) or right, as high as they can.
    VLine {
        x: f64,
        line: usize,
        prefer_left: bool,
    },
    /// A point (the end of a curve at the frame); labels go around it.
    Point { x: f64, y: f64 },
}

/// A placed label: its box, and a leader line from the box to its mark when it could not sit
/// beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub rect: Rect,
    pub leader: Option<[(f64, f64); 2]>,
}

/// Cost of one object passing through a candidate.
const HIT: f64 = 1000.0;
/// Cost of a leader line crossing an object: less than a label covering one, since the text
/// stays legible.
const LEADER_CROSSING: f64 = 300.0;
/// Cost of overlapping a placed label (never chosen while anything else is possible).
const OVERLAP: f64 = 1e7;

/// The best place inside `area` for a `w` × `h` label of `target`, `gap` away from it, not
/// overlapping `taken`.
pub fn place(
    area: Rect,
    obstacles: &Obstacles,
    taken: &[Rect],
    (w, h): (f64, f64),
    target: Target,
    gap: f64,
) -> Placed {
    let inside = |r: &Rect| area.contains(r);
    let cost_of = |r: &Rect| {
        let overlap = taken.iter().filter(|t| t.overlaps(r)).count() as f64;
        obstacles.hits(r) as f64 * HIT + overlap * OVERLAP
    };
    let mut best: Option<(f64, Placed)> = None;
    fn consider(best: &mut Option<(f64, Placed)>, cost: f64, placed: Placed) {
        if beats(best, cost) {
            *best = Some((cost, placed));
        }
    }
    fn beats(best: &Option<(f64, Placed)>, cost: f64) -> bool {
        best.as_ref().is_none_or(|(c, _)| cost < *c)
    }
    let step = (h / 3.0).max(1.0);
    let rows = ((area.h() - h) / step).floor().max(0.0) as usize;
    match target {
        Target::VLine {
            x,
            line,
            prefer_left,
        } => {
            // Beside the line, from the top down.
            for i in 0..=rows {
                let y0 = area.y0 + i as f64 * step;
                for left in [true, false] {
                    let x0 = if left { x - gap - w } else { x + gap };
                    let r = Rect::new(x0, y0, x0 + w, y0 + h);
                    if !inside(&r) {
                        continue;
                    }
                    let height = (y0 - area.y0) / area.h().max(1.0);
                    let side = if left == prefer_left { 0.0 } else { 0.6 };
                    // Obstacles only add to a cost: a spot whose height and side alone cost as
                    // much as the best so far cannot win (`consider` keeps the first of equals),
                    // so it is not scored. Same choice, far fewer scorings.
                    if !beats(&best, 3.0 * height + side) {
                        continue;
                    }
                    consider(
                        &mut best,
                        cost_of(&r) + 3.0 * height + side,
                        Placed {
                            rect: r,
                            leader: None,
                        },
                    );
                }
            }
            // Anywhere else in the area, with a horizontal leader to the line.
            if best.as_ref().is_none_or(|(c, _)| *c >= HIT) {
                let cols = ((area.w() - w) / (w / 3.0).max(1.0)).floor().max(0.0) as usize;
                for i in 0..=rows {
                    let y0 = area.y0 + i as f64 * step;
                    for j in 0..=cols {
                        let x0 = area.x0 + j as f64 * (area.w() - w) / cols.max(1) as f64;
                        let r = Rect::new(x0, y0, x0 + w, y0 + h);
                        if r.x0 - gap < x && x < r.x1 + gap {
                            continue;
                        }
                        let mid = 0.5 * (r.y0 + r.y1);
                        let from = if r.x1 < x { (r.x1, mid) } else { (r.x0, mid) };
                        let leader = [from, (x, mid)];
                        let length = (from.0 - x).abs() / area.w().max(1.0);
                        let height = (y0 - area.y0) / area.h().max(1.0);
                        if !beats(&best, 2.0 + 4.0 * length + height) {
                            continue;
                        }
                        let crossing = obstacles.crossings(from, (x, mid), Some(line));
                        consider(
                            &mut best,
                            cost_of(&r)
                                + crossing as f64 * LEADER_CROSSING
                                + 2.0
                                + 4.0 * length
                                + height,
                            Placed {
                                rect: r,
                                leader: Some(leader),
                            },
                        );
                    }
                }
            }
        }
        Target::Point { x, y } => {
            let around = [
                (x + gap, y - h / 2.0),
                (x - gap - w, y - h / 2.0),
                (x + gap, y + gap),
                (x - gap - w, y + gap),
                (x + gap, y - gap - h),
                (x - gap - w, y - gap - h),
                (x - w / 2.0, y + gap),
                (x - w / 2.0, y - gap - h),
            ];
            for (k, (x0, y0)) in around.into_iter().enumerate() {
                // Pulled inside the area if it pokes out a little.
                let x0 = x0.clamp(area.x0, (area.x1 - w).max(area.x0));
                let y0 = y0.clamp(area.y0, (area.y1 - h).max(area.y0));
                let r = Rect::new(x0, y0, x0 + w, y0 + h);
                if !inside(&r) {
                    continue;
                }
                consider(
                    &mut best,
                    cost_of(&r) + 0.1 * k as f64,
                    Placed {
                        rect: r,
                        leader: None,
                    },
                );
            }
            if best.as_ref().is_none_or(|(c, _)| *c >= HIT) {
                for ring in 1..=4 {
                    let d = gap + ring as f64 * h;
                    for k in 0..16 {
                        let a = k as f64 * std::f64::consts::TAU / 16.0;
                        let (cx, cy) = (x + d * a.cos(), y + d * a.sin());
                        let r = Rect::new(cx - w / 2.0, cy - h / 2.0, cx + w / 2.0, cy + h / 2.0);
                        if !inside(&r) {
                            continue;
                        }
                        let from = nearest_edge_point(&r, (x, y));
                        let crossing = obstacles.crossings(from, (x, y), None);
                        consider(
                            &mut best,
                            cost_of(&r) + crossing as f64 * LEADER_CROSSING + 2.0 + ring as f64,
                            Placed {
                                rect: r,
                                leader: Some([from, (x, y)]),
                            },
                        );
                    }
                }
            }
        }
    }
    best.map(|(_, p)| p).unwrap_or(Placed {
        rect: Rect::new(area.x0, area.y0, area.x0 + w, area.y0 + h),
        leader: None,
    })
}

/// The point of `r`'s outline nearest `p`.
fn nearest_edge_point(r: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(r.x0, r.x1), p.1.clamp(r.y0, r.y1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_rectangles_they_cross() {
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(segment_meets_rect((-5.0, 5.0), (15.0, 5.0), &r));
        assert!(segment_meets_rect((2.0, 2.0), (3.0, 3.0), &r));
        assert!(!segment_meets_rect((-5.0, -5.0), (-1.0, 20.0), &r));
        assert!(!segment_meets_rect((11.0, 0.0), (20.0, 10.0), &r));
    }

    #[test]
    fn a_label_goes_beside_its_line_and_off_the_curve() {
        let area = Rect::new(0.0, 0.0, 200.0, 100.0);
        let mut obs = Obstacles::default();
        let line = obs.polyline(&[(100.0, 0.0), (100.0, 100.0)]);
        // A curve across the upper right.
        obs.polyline(&[(100.0, 10.0), (200.0, 10.0)]);
        let p = place(
            area,
            &obs,
            &[],
            (40.0, 12.0),
            Target::VLine {
                x: 100.0,
                line,
                prefer_left: false,
            },
            3.0,
        );
        assert_eq!(obs.hits(&p.rect), 0, "{p:?}");
        assert!(p.leader.is_none());
        // The second label of a line nearby does not overlap the first.
        let q = place(
            area,
            &obs,
            &[p.rect],
            (40.0, 12.0),
            Target::VLine {
                x: 101.0,
                line,
                prefer_left: false,
            },
            3.0,
        );
        assert!(!q.rect.overlaps(&p.rect) && obs.hits(&q.rect) == 0, "{q:?}");
    }

    #[test]
    fn with_no_free_spot_beside_it_a_label_gets_a_leader() {
        let area = Rect::new(0.0, 0.0, 200.0, 100.0);
        let mut obs = Obstacles::default();
        let line = obs.polyline(&[(100.0, 0.0), (100.0, 100.0)]);
        // Lines beside the mark on both sides, all the way down.
        obs.polyline(&[(90.0, 0.0), (90.0, 100.0)]);
        obs.polyline(&[(110.0, 0.0), (110.0, 100.0)]);
        let p = place(
            area,
            &obs,
            &[],
            (40.0, 12.0),
            Target::VLine {
                x: 100.0,
                line,
                prefer_left: true,
            },
            3.0,
        );
        assert_eq!(obs.hits(&p.rect), 0, "{p:?}");
        assert!(p.leader.is_some());
    }
}
