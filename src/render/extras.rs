//! The texts the optional marks add to a curve figure: the caption parts and legend entries of
//! `--prior`, `--optimize` and `--test`, appended to the figure's own.
//!
//! They are composed here rather than in `words.rs` and `legend.rs` because every mark's file
//! uses those two: were they to call the marks back, the files would import each other in a
//! circle.

use super::legend::{self, Swatch};
use super::{path, prior, test_marks, words, Figure};
use crate::typeset::layout::LegendEntry;

/// The footer caption's parts, the optional marks' included.
pub(super) fn footer(figure: &Figure) -> Vec<String> {
    words::footer(figure, &|| {
        let mut parts = prior::footer_parts(figure);
        if let Some(optimizer) = figure.optimizer {
            let grid = figure.sweep.grid;
            let inside = |p: &crate::analysis::optimizer::PathPoint| {
                (grid.lo..=grid.hi).contains(&p.theta[0])
            };
            parts.push(path::caption(
                optimizer,
                figure.path_points(),
                &[figure.axis.symbol.as_str()],
                &inside,
            ));
        }
        if let Some(tests) = figure.tests {
            parts.extend(test_marks::caption_parts(figure, tests));
        }
        parts
    })
}

/// The legend's entries, the optional marks' included.
pub(super) fn legend(figure: &Figure) -> Vec<(Swatch, LegendEntry)> {
    let mut extra = prior::legend_items(figure);
    for (line, long, short) in test_marks::legend_entries(figure) {
        extra.push((Swatch::Line(line), LegendEntry { long, short }));
    }
    legend::legend(figure, extra)
}
