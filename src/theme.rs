//! How a figure looks: colours, line widths, dash patterns and font sizes ([`Theme`]), and how
//! its panels are arranged ([`Layout`]).
//!
//! Every visual constant of the drawing lives in a theme, so a new look is a new value here
//! and never a branch in the drawing code. Lengths are in CSS pixels (1/96 in); the drawing
//! multiplies them by its internal scale. The print theme is meant to survive a grayscale
//! printer: its curves differ by dash pattern, not by hue alone.

use crate::units::Length;
use plotters::style::RGBColor;
use std::str::FromStr;

/// The named themes of `--theme`.
///
/// ```
/// use nllplot::theme::{Layout, ThemeName};
///
/// let print = ThemeName::Print.theme();
/// // One journal column wide, gray ink, and the LL and NLL curves dashed differently.
/// assert_eq!(print.default_size(Layout::SideBySide).0.to_string(), "3.5in");
/// assert_ne!(print.ll.dash, print.nll.dash);
/// assert_eq!("dark".parse::<ThemeName>(), Ok(ThemeName::Dark));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    Print,
    Dark,
    Presentation,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Default,
        ThemeName::Print,
        ThemeName::Dark,
        ThemeName::Presentation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Default => "default",
            ThemeName::Print => "print",
            ThemeName::Dark => "dark",
            ThemeName::Presentation => "presentation",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            ThemeName::Default => "colour on white, for screens and the web",
            ThemeName::Print => {
                "grayscale-safe (dashes tell curves apart), one journal column wide, no title unless --title"
            }
            ThemeName::Dark => "light on a dark background, for slides and dark pages",
            ThemeName::Presentation => "large type and thick lines, for projection",
        }
    }

    /// The theme's values.
    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Default => Theme::default_theme(),
            ThemeName::Print => Theme::print(),
            ThemeName::Dark => Theme::dark(),
            ThemeName::Presentation => Theme::presentation(),
        }
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.name() == s)
            .ok_or_else(|| {
                format!("unknown theme '{s}' (expected default, print, dark or presentation)")
            })
    }
}

/// The arrangements of `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// LL on the left, NLL on the right.
    #[default]
    SideBySide,
    /// LL above NLL, sharing the θ scale.
    Stacked,
    /// One axes: LL against the left y axis, NLL against a secondary right one.
    Overlay,
    /// The LL panel alone.
    Ll,
    /// The NLL panel alone.
    Nll,
}

impl Layout {
    pub const ALL: [Layout; 5] = [
        Layout::SideBySide,
        Layout::Stacked,
        Layout::Overlay,
        Layout::Ll,
        Layout::Nll,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layout::SideBySide => "side-by-side",
            Layout::Stacked => "stacked",
            Layout::Overlay => "overlay",
            Layout::Ll => "ll",
            Layout::Nll => "nll",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Layout::SideBySide => "LL on the left, NLL on the right",
            Layout::Stacked => "LL above NLL",
            Layout::Overlay => "LL and NLL on one axes, NLL against a secondary right y axis",
            Layout::Ll => "the LL panel only",
            Layout::Nll => "the NLL panel only",
        }
    }

    /// Whether the LL curve is drawn.
    pub fn shows_ll(self) -> bool {
        self != Layout::Nll
    }

    /// Whether the NLL curve is drawn.
    pub fn shows_nll(self) -> bool {
        self != Layout::Ll
    }
}

impl FromStr for Layout {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Layout::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| {
                format!("unknown layout '{s}' (expected side-by-side, stacked, overlay, ll or nll)")
            })
    }
}

/// A stroke: colour, width in pixels, and a dash pattern (`None` for a solid line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    pub color: RGBColor,
    pub width: f64,
    /// Dash length and gap, in pixels.
    pub dash: Option<(f64, f64)>,
}

impl Line {
    const fn solid(color: RGBColor, width: f64) -> Line {
        Line {
            color,
            width,
            dash: None,
        }
    }

    const fn dashed(color: RGBColor, width: f64, on: f64, off: f64) -> Line {
        Line {
            color,
            width,
            dash: Some((on, off)),
        }
    }
}

/// Font sizes (the em) in CSS pixels, at the theme's default size for a layout; other sizes
/// scale them (see `typeset::layout::type_sizes`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FontSizes {
    pub title: f64,
    pub subtitle: f64,
    /// A panel's caption above its axes.
    pub caption: f64,
    /// Axis descriptions (θ, LL(θ)).
    pub axis: f64,
    pub tick: f64,
    /// Labels next to marks (θ̂ = …, true θ = …, ±∞).
    pub label: f64,
    pub legend: f64,
    pub footer: f64,
}

/// Everything the drawing needs to know about appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub background: RGBColor,
    pub text: RGBColor,
    /// Subtitle and axis lines.
    pub muted: RGBColor,
    pub grid: Line,
    pub axis_width: f64,
    pub ll: Line,
    pub nll: Line,
    /// The vertical line at θ̂ and the ±SE bar.
    pub mle: Line,
    pub truth: Line,
    pub wald: Line,
    /// The likelihood-ratio threshold line.
    pub threshold: Line,
    /// The shaded likelihood-ratio interval and its opacity.
    pub band: RGBColor,
    pub band_opacity: f64,
    /// Radius of the dot at the maximum.
    pub dot: f64,
    pub font: FontSizes,
    /// The smallest and largest size of tick labels, in CSS pixels, as the figure's size
    /// scales the type.
    pub type_range: (f64, f64),
    /// Whether the title is drawn when none was given with `--title` (a printed figure gets
    /// its caption from the document).
    pub default_title: bool,
    /// Whether the subtitle (data source, grid) and the footer (the numbers) are drawn.
    pub notes: bool,
    /// Space around the figure, in pixels.
    pub pad: f64,
    /// Default sizes per layout: side-by-side, stacked, overlay, single panel.
    sizes: [(Length, Length); 4],
}

const WHITE: RGBColor = RGBColor(0xff, 0xff, 0xff);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

impl Theme {
    /// The same look with every line width, dash and dot scaled by `k` (small figures get
    /// thin lines).
    pub fn scaled(&self, k: f64) -> Theme {
        let line = |l: Line| Line {
            width: l.width * k,
            dash: l.dash.map(|(on, off)| (on * k, off * k)),
            ..l
        };
        Theme {
            grid: line(self.grid),
            axis_width: self.axis_width * k,
            ll: line(self.ll),
            nll: line(self.nll),
            mle: line(self.mle),
            truth: line(self.truth),
            wald: line(self.wald),
            threshold: line(self.threshold),
            dot: self.dot * k,
            ..self.clone()
        }
    }

    /// The figure size when none is given.
    pub fn default_size(&self, layout: Layout) -> (Length, Length) {
        match layout {
            Layout::SideBySide => self.sizes[0],
            Layout::Stacked => self.sizes[1],
            Layout::Overlay => self.sizes[2],
            Layout::Ll | Layout::Nll => self.sizes[3],
        }
    }

    /// The size of a two-parameter figure (the surface beside or above its two profiles)
    /// when none is given: two journal columns wide in print.
    pub fn surface_size(&self, layout: Layout) -> (Length, Length) {
        match (self.name, layout) {
            (ThemeName::Print, Layout::Stacked) => (Length::inches(3.5), Length::inches(5.2)),
            (ThemeName::Print, _) => (Length::inches(7.0), Length::inches(3.0)),
            (_, Layout::Stacked) => {
                let (w, _) = self.default_size(Layout::Stacked);
                (w, Length::px(w.to_px() * 1.3))
            }
            _ => self.default_size(Layout::SideBySide),
        }
    }

    fn default_theme() -> Theme {
        let px = Length::px;
        Theme {
            name: ThemeName::Default,
            background: WHITE,
            text: INK,
            muted: RGBColor(0x55, 0x55, 0x55),
            grid: Line::solid(RGBColor(0xe4, 0xe4, 0xe4), 1.0),
            axis_width: 1.2,
            ll: Line::solid(RGBColor(0x1f, 0x5f, 0xa8), 2.5),
            nll: Line::solid(RGBColor(0xc0, 0x39, 0x2b), 2.5),
            mle: Line::dashed(INK, 1.6, 8.0, 5.0),
            truth: Line::dashed(RGBColor(0x1e, 0x84, 0x49), 1.6, 2.0, 4.0),
            wald: Line::dashed(RGBColor(0x6a, 0x3d, 0x9a), 1.8, 7.0, 4.0),
            threshold: Line::dashed(RGBColor(0xe8, 0xa3, 0x17), 1.6, 6.0, 4.0),
            band: RGBColor(0xe8, 0xa3, 0x17),
            band_opacity: 0.16,
            dot: 4.0,
            font: FontSizes {
                title: 16.0,
                subtitle: 11.5,
                caption: 13.0,
                axis: 12.0,
                tick: 10.5,
                label: 10.5,
                legend: 10.0,
                footer: 11.0,
            },
            // 7 pt to 13.5 pt.
            type_range: (9.33, 18.0),
            default_title: true,
            notes: true,
            pad: 12.0,
            sizes: [
                (px(1200.0), px(500.0)),
                (px(760.0), px(860.0)),
                (px(900.0), px(560.0)),
                (px(720.0), px(520.0)),
            ],
        }
    }

    /// Black and grays only; every curve and mark has its own dash pattern, so the figure
    /// reads the same photocopied. One journal column (3.5 in) wide, 7 pt tick labels and 8 pt
    /// panel titles.
    fn print() -> Theme {
        let black = RGBColor(0, 0, 0);
        let gray = RGBColor(0x55, 0x55, 0x55);
        let inch = Length::inches;
        Theme {
            name: ThemeName::Print,
            background: WHITE,
            text: black,
            muted: RGBColor(0x33, 0x33, 0x33),
            grid: Line::solid(RGBColor(0xe6, 0xe6, 0xe6), 0.5),
            axis_width: 0.75,
            ll: Line::solid(black, 1.3),
            nll: Line::dashed(black, 1.3, 5.0, 2.5),
            mle: Line::dashed(gray, 0.8, 3.0, 2.0),
            truth: Line::dashed(gray, 0.9, 0.9, 2.0),
            wald: Line::dashed(RGBColor(0x44, 0x44, 0x44), 1.1, 2.5, 1.2),
            threshold: Line::dashed(RGBColor(0x77, 0x77, 0x77), 0.8, 6.0, 2.0),
            band: RGBColor(0x80, 0x80, 0x80),
            band_opacity: 0.18,
            dot: 2.0,
            font: FontSizes {
                title: 12.0,
                subtitle: 9.33,
                caption: 10.67,
                axis: 10.0,
                tick: 9.33,
                label: 9.33,
                legend: 9.33,
                footer: 9.33,
            },
            // 7 pt to 10 pt.
            type_range: (9.33, 13.33),
            default_title: false,
            notes: false,
            pad: 4.0,
            sizes: [
                (inch(3.5), inch(2.4)),
                (inch(3.5), inch(4.4)),
                (inch(3.5), inch(2.8)),
                (inch(3.5), inch(2.6)),
            ],
        }
    }

    fn dark() -> Theme {
        let light = RGBColor(0xe8, 0xe8, 0xec);
        Theme {
            name: ThemeName::Dark,
            background: RGBColor(0x1b, 0x1d, 0x23),
            text: light,
            muted: RGBColor(0xa6, 0xa9, 0xb3),
            grid: Line::solid(RGBColor(0x33, 0x36, 0x40), 1.0),
            ll: Line::solid(RGBColor(0x6c, 0xb4, 0xff), 2.5),
            nll: Line::solid(RGBColor(0xff, 0x7b, 0x6b), 2.5),
            mle: Line::dashed(light, 1.6, 8.0, 5.0),
            truth: Line::dashed(RGBColor(0x5e, 0xd6, 0x8f), 1.6, 2.0, 4.0),
            wald: Line::dashed(RGBColor(0xc9, 0xa2, 0xff), 1.8, 7.0, 4.0),
            threshold: Line::dashed(RGBColor(0xf5, 0xb9, 0x3b), 1.6, 6.0, 4.0),
            band: RGBColor(0xf5, 0xb9, 0x3b),
            band_opacity: 0.14,
            ..Theme::default_theme()
        }
    }

    fn presentation() -> Theme {
        let base = Theme::default_theme();
        let thick = |l: Line, w: f64| Line {
            width: w,
            dash: l.dash.map(|(on, off)| (on * 1.6, off * 1.6)),
            ..l
        };
        let px = Length::px;
        Theme {
            name: ThemeName::Presentation,
            grid: Line::solid(RGBColor(0xe4, 0xe4, 0xe4), 1.5),
            axis_width: 2.0,
            ll: thick(base.ll, 5.0),
            nll: thick(base.nll, 5.0),
            mle: thick(base.mle, 2.8),
            truth: thick(base.truth, 2.8),
            wald: thick(base.wald, 3.2),
            threshold: thick(base.threshold, 2.8),
            dot: 7.0,
            font: FontSizes {
                title: 27.0,
                subtitle: 18.0,
                caption: 21.0,
                axis: 19.5,
                tick: 18.0,
                label: 18.0,
                legend: 17.5,
                footer: 17.5,
            },
            // 8 pt to 24 pt: a small figure still gets the largest type that fits it.
            type_range: (10.67, 32.0),
            pad: 18.0,
            sizes: [
                (px(1600.0), px(800.0)),
                (px(1000.0), px(1240.0)),
                (px(1280.0), px(800.0)),
                (px(1280.0), px(800.0)),
            ],
            ..base
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The luma (ITU-R BT.601) of a colour, as a grayscale printer would render it.
    fn luma(c: RGBColor) -> f64 {
        0.299 * c.0 as f64 + 0.587 * c.1 as f64 + 0.114 * c.2 as f64
    }

    #[test]
    fn names_parse_back() {
        for t in ThemeName::ALL {
            assert_eq!(t.name().parse::<ThemeName>(), Ok(t));
            assert_eq!(t.theme().name, t);
        }
        for l in Layout::ALL {
            assert_eq!(l.name().parse::<Layout>(), Ok(l));
        }
        assert!("sepia".parse::<ThemeName>().is_err());
    }

    #[test]
    fn print_is_gray_and_tells_curves_apart_by_dashes() {
        let t = ThemeName::Print.theme();
        let lines = [t.ll, t.nll, t.mle, t.truth, t.wald, t.threshold];
        for l in lines {
            assert!(l.color.0 == l.color.1 && l.color.1 == l.color.2, "{l:?}");
        }
        // Every pair of lines differs in its dash pattern (solid counts as one pattern).
        for (i, a) in lines.iter().enumerate() {
            for b in &lines[i + 1..] {
                assert_ne!(a.dash, b.dash, "{a:?} and {b:?}");
            }
        }
        // One column: 3.5 in wide.
        assert_eq!(t.default_size(Layout::SideBySide).0.to_px(), 336.0);
    }

    #[test]
    fn dark_puts_light_ink_on_a_dark_ground() {
        let t = ThemeName::Dark.theme();
        assert!(luma(t.background) < 60.0);
        for c in [t.text, t.ll.color, t.nll.color, t.mle.color] {
            assert!(luma(c) - luma(t.background) > 90.0, "{c:?}");
        }
    }

    #[test]
    fn presentation_is_larger_than_default() {
        let (d, p) = (ThemeName::Default.theme(), ThemeName::Presentation.theme());
        assert!(p.font.tick > 1.5 * d.font.tick);
        assert!(p.ll.width >= 2.0 * d.ll.width);
    }
}
