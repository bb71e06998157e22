//! The figure looked at for you (issue 13): over sizes × themes × layouts × figure kinds,
//! each drawn SVG is parsed by usvg, its text laid out and turned into outlines, and the
//! geometry of what was drawn is checked:
//!
//! - no two text blocks overlap;
//! - no text leaves the canvas;
//! - no curve or mark line passes through a text's box (the axes' own lines, grid lines and
//!   leader lines, in the theme's axis and grid colours, may);
//! - each panel's plot area (found from its L of spines) is at least `MIN_SHARE` of its cell:
//!   the figure's width over the columns, its height over the rows.
//!
//! A failing case prints the figure and the offending pair. The checks know nothing of the
//! layout engine: they read only the SVG, with the bundled font from `assets/`, so they judge
//! any renderer. Figure kinds are a list (`Kind`): the one-parameter figure, its overlay of
//! sample sizes and its animation frames, the two-parameter surface with its profiles (in the
//! two layouts it has), and the single profile likelihood of a two-parameter family.

use nllplot::config::{AnimateArg, OptimizeMethod, Request};
use nllplot::family::Dist;
use nllplot::render::{Layout, ThemeName};
use nllplot::units::Length;
use nllplot::Config;
use resvg::usvg;
use std::sync::Arc;

/// The share of its cell a plot area keeps in each direction (the README states it).
const MIN_SHARE: f64 = 0.35;

/// The sizes of the issue, and two more it names.
const SIZES: [(&str, Length, Length); 6] = [
    ("8cm x 6cm", Length::cm(8.0), Length::cm(6.0)),
    ("12cm x 6cm", Length::cm(12.0), Length::cm(6.0)),
    ("3.5in x 2.4in", Length::inches(3.5), Length::inches(2.4)),
    ("800 x 400", Length::px(800.0), Length::px(400.0)),
    ("2400 x 1000", Length::px(2400.0), Length::px(1000.0)),
    ("16cm x 7cm", Length::cm(16.0), Length::cm(7.0)),
];

/// The kinds of figure the check covers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// The one-parameter figure, every mark on.
    Curve,
    /// `-n 10,100,1000`.
    Overlay,
    /// The first and last frames of `--animate n=10:1000`.
    Animation,
    /// `--dist weibull --sweep shape,scale`: the map, its colour bar and two profiles.
    Surface,
    /// `--dist normal --sweep mu,sigma --profile sigma`: the profile likelihood of σ alone.
    Profile,
    /// `--dist logistic`: the likelihood panels and the data panel beside (or below) them.
    Regression,
    /// `--optimize gd` with a rate that makes the path swing out: numbered points and arrows.
    Path,
    /// `--optimize gd` on the normal (μ, σ) surface.
    SurfacePath,
    /// `--dist poisson -n 30 --test 5.5 --annotate all`: the three tests on the curve.
    Test,
    /// `--dist poisson --coverage 300`: the coverage lab's two histograms and readout.
    Coverage,
}

const KINDS: [Kind; 10] = [
    Kind::Curve,
    Kind::Overlay,
    Kind::Animation,
    Kind::Surface,
    Kind::Profile,
    Kind::Regression,
    Kind::Path,
    Kind::SurfacePath,
    Kind::Test,
    Kind::Coverage,
];

impl Kind {
    /// Whether the kind is drawn in this layout (a surface has two).
    fn has(self, layout: Layout) -> bool {
        match self {
            Kind::Surface | Kind::SurfacePath => {
                matches!(layout, Layout::SideBySide | Layout::Stacked)
            }
            Kind::Coverage => layout == Layout::SideBySide,
            _ => true,
        }
    }
}

fn request(kind: Kind, theme: ThemeName, layout: Layout, size: (Length, Length)) -> Request {
    let base = Request {
        theme,
        layout,
        width: Some(size.0),
        height: Some(size.1),
        ..Request::default()
    };
    match kind {
        Kind::Curve => Request {
            dist: Dist::Poisson,
            samples: Some(30),
            annotate: Some(vec!["all".to_string()]),
            ..base
        },
        Kind::Overlay => Request {
            samples: Some(1000),
            overlay: vec![10, 100, 1000],
            ..base
        },
        Kind::Animation => Request {
            dist: Dist::Poisson,
            animate: Some(AnimateArg::N(10, 1000)),
            frames: 4,
            out: vec!["a.gif".into()],
            ..base
        },
        Kind::Surface => Request {
            dist: Dist::Weibull,
            sweep: Some(vec!["shape".to_string(), "scale".to_string()]),
            ..base
        },
        Kind::Profile => Request {
            dist: Dist::Normal,
            sweep: Some(vec!["mu".to_string(), "sigma".to_string()]),
            profile: vec!["sigma".to_string()],
            ..base
        },
        Kind::Regression => Request {
            dist: Dist::Logistic,
            samples: Some(100),
            points: 200,
            annotate: Some(vec!["all".to_string()]),
            ..base
        },
        Kind::Path => Request {
            dist: Dist::Normal,
            samples: Some(30),
            optimize: Some(OptimizeMethod::Gd),
            lr: Some(0.06),
            steps: Some(12),
            ..base
        },
        Kind::SurfacePath => Request {
            dist: Dist::Normal,
            samples: Some(50),
            sweep: Some(vec!["mu".to_string(), "sigma".to_string()]),
            optimize: Some(OptimizeMethod::Gd),
            ..base
        },
        Kind::Test => Request {
            dist: Dist::Poisson,
            samples: Some(30),
            test: Some(5.5),
            annotate: Some(vec!["all".to_string()]),
            ..base
        },
        Kind::Coverage => Request {
            dist: Dist::Poisson,
            coverage: Some(300),
            ..base
        },
    }
}

/// The SVGs of a case: one, or an animation's first and last frames.
fn svgs(req: Request) -> Vec<String> {
    let animated = req.animate.is_some();
    let config = Config::from_request(req).expect("a valid request");
    let analysis = nllplot::analyse(&config).unwrap();
    if animated {
        let frames = analysis.frames.as_ref().unwrap();
        let figures = nllplot::export::gif::figures(frames, &config);
        [&figures[0], figures.last().unwrap()]
            .iter()
            .map(|f| nllplot::render::svg(f).unwrap())
            .collect()
    } else if let Some(summary) = &analysis.coverage {
        let figure = nllplot::render::coverage::CoverageFigure {
            summary,
            symbol: config.axis.symbol.clone(),
            hat: config.axis.hat.clone(),
            family: config.likelihood.label(),
            options: &config.figure,
        };
        vec![nllplot::render::coverage::coverage_svg(&figure).unwrap()]
    } else {
        match &analysis.view {
            nllplot::View::Curve { main, overlays } => {
                let figure = nllplot::render::Figure::of(&config, main, overlays, None);
                vec![nllplot::render::svg(&figure).unwrap()]
            }
            nllplot::View::Surface(s) => {
                let figure = nllplot::render::SurfaceFigure::of(&config, s);
                vec![nllplot::render::surface_svg(&figure).unwrap()]
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Box2 {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box2 {
    fn overlaps(&self, o: &Box2) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    fn grown(&self, d: f64) -> Box2 {
        Box2 {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }
}

/// A stroked polyline: its colour, half its width and its points.
type Stroke = ((u8, u8, u8), f64, Vec<(f64, f64)>);

/// What the SVG draws: text boxes (ink, in canvas pixels) and stroked polylines.
struct Drawn {
    width: f64,
    height: f64,
    texts: Vec<(String, Box2)>,
    /// Colour, half width, points.
    strokes: Vec<Stroke>,
}

fn fonts() -> Arc<usvg::fontdb::Database> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(include_bytes!("../../assets/DejaVuSans.ttf").to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
}

fn drawn(svg: &str, db: &Arc<usvg::fontdb::Database>) -> Drawn {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_string(),
        fontdb: db.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).expect("the SVG parses");
    let mut out = Drawn {
        width: tree.size().width() as f64,
        height: tree.size().height() as f64,
        texts: Vec::new(),
        strokes: Vec::new(),
    };
    walk(tree.root(), &mut out);
    out
}

fn walk(g: &usvg::Group, out: &mut Drawn) {
    for node in g.children() {
        match node {
            usvg::Node::Group(child) => walk(child, out),
            usvg::Node::Text(t) => {
                let text: String = t.chunks().iter().map(|c| c.text()).collect();
                let b = t.flattened().abs_bounding_box();
                out.texts.push((
                    text,
                    Box2 {
                        x0: b.left() as f64,
                        y0: b.top() as f64,
                        x1: b.right() as f64,
                        y1: b.bottom() as f64,
                    },
                ));
            }
            usvg::Node::Path(p) => {
                let Some(stroke) = p.stroke() else { continue };
                let usvg::Paint::Color(c) = stroke.paint() else {
                    continue;
                };
                let ts = p.abs_transform();
                let mut points = Vec::new();
                for seg in p.data().segments() {
                    use resvg::tiny_skia::PathSegment::*;
                    let pt = match seg {
                        MoveTo(a) | LineTo(a) => a,
                        QuadTo(_, a) => a,
                        CubicTo(_, _, a) => a,
                        Close => continue,
                    };
                    let mut q = [pt];
                    ts.map_points(&mut q);
                    points.push((q[0].x as f64, q[0].y as f64));
                }
                let half = stroke.width().get() as f64 * 0.5 * ts.get_scale().0 as f64;
                out.strokes.push(((c.red, c.green, c.blue), half, points));
            }
            usvg::Node::Image(_) => {}
        }
    }
}

/// Whether the segment a–b meets the box (Liang–Barsky).
fn meets(a: (f64, f64), b: (f64, f64), r: &Box2) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

fn rgb(c: plotters::style::RGBColor) -> (u8, u8, u8) {
    (c.0, c.1, c.2)
}

/// The panels' plot areas: the L-shaped spines (left and bottom in one stroke) in the axis
/// colour.
fn plot_areas(d: &Drawn, axis: (u8, u8, u8)) -> Vec<Box2> {
    d.strokes
        .iter()
        .filter(|(c, _, pts)| *c == axis && pts.len() == 3)
        .filter_map(|(_, _, p)| {
            let (top, corner, right) = (p[0], p[1], p[2]);
            let l_shaped = (top.0 - corner.0).abs() < 0.01
                && (corner.1 - right.1).abs() < 0.01
                && top.1 < corner.1
                && right.0 > corner.0;
            l_shaped.then_some(Box2 {
                x0: corner.0,
                y0: top.1,
                x1: right.0,
                y1: corner.1,
            })
        })
        .collect()
}

/// The rows and columns of a figure's grid of cells, and how many plot areas it has: a
/// surface's map fills two of its four cells.
fn grid_of(kind: Kind, layout: Layout, wide: bool) -> (usize, usize, usize) {
    match (kind, layout) {
        (Kind::Surface | Kind::SurfacePath, _) => (2, 2, 3),
        (Kind::Regression, Layout::SideBySide) => (1, 3, 3),
        // The data panel goes beside a wide stack's LL panel: a 2 × 2 grid with one cell empty.
        (Kind::Regression, Layout::Stacked) if wide => (2, 2, 3),
        (Kind::Regression, Layout::Stacked) => (3, 1, 3),
        (Kind::Regression, _) => (1, 2, 2),
        (_, Layout::SideBySide) => (1, 2, 2),
        (_, Layout::Stacked) => (2, 1, 2),
        _ => (1, 1, 1),
    }
}

/// Every problem with one drawn figure, as sentences.
fn problems(d: &Drawn, theme: ThemeName, kind: Kind, layout: Layout) -> Vec<String> {
    let t = theme.theme();
    let mut out = Vec::new();
    // Ink closer than this is antialiasing noise, not an overlap.
    let tolerance = 0.25;
    for (i, (a, ba)) in d.texts.iter().enumerate() {
        for (b, bb) in &d.texts[i + 1..] {
            if ba.grown(-tolerance).overlaps(&bb.grown(-tolerance)) {
                out.push(format!("text '{a}' {ba:?} overlaps text '{b}' {bb:?}"));
            }
        }
        if ba.x0 < -tolerance
            || ba.y0 < -tolerance
            || ba.x1 > d.width + tolerance
            || ba.y1 > d.height + tolerance
        {
            out.push(format!(
                "text '{a}' {ba:?} leaves the {} x {} canvas",
                d.width, d.height
            ));
        }
    }
    let allowed = [rgb(t.muted), rgb(t.grid.color)];
    for (colour, half, points) in &d.strokes {
        if allowed.contains(colour) {
            continue;
        }
        for (text, b) in &d.texts {
            let hit = b.grown(half - tolerance);
            if let Some(w) = points.windows(2).find(|w| meets(w[0], w[1], &hit)) {
                out.push(format!(
                    "a line in #{:02x}{:02x}{:02x} from {:?} to {:?} passes through text '{text}' {b:?}",
                    colour.0, colour.1, colour.2, w[0], w[1]
                ));
                break;
            }
        }
    }
    let (rows, cols, count) = grid_of(kind, layout, d.width > d.height);
    let areas = plot_areas(d, rgb(t.muted));
    if areas.len() != count {
        out.push(format!(
            "found {} plot areas, expected {count}",
            areas.len()
        ));
    }
    let (cell_w, cell_h) = (d.width / cols as f64, d.height / rows as f64);
    for a in &areas {
        let (w, h) = (a.x1 - a.x0, a.y1 - a.y0);
        if w < MIN_SHARE * cell_w || h < MIN_SHARE * cell_h {
            out.push(format!(
                "a plot area of {w:.1} x {h:.1} is below {MIN_SHARE} of its {cell_w:.1} x {cell_h:.1} cell"
            ));
        }
    }
    out
}

/// Checks every case of one theme; returns the failures.
fn check_theme(theme: ThemeName) -> Vec<String> {
    let db = fonts();
    let mut failures = Vec::new();
    for kind in KINDS {
        for layout in Layout::ALL.into_iter().filter(|&l| kind.has(l)) {
            for (name, w, h) in SIZES {
                for (k, svg) in svgs(request(kind, theme, layout, (w, h)))
                    .iter()
                    .enumerate()
                {
                    let d = drawn(svg, &db);
                    for p in problems(&d, theme, kind, layout) {
                        failures.push(format!(
                            "{kind:?} #{k}, {} theme, {} layout, {name}: {p}",
                            theme.name(),
                            layout.name()
                        ));
                    }
                }
            }
        }
    }
    failures
}

fn assert_clean(theme: ThemeName) {
    let failures = check_theme(theme);
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn default_theme_figures_hold_at_every_size() {
    assert_clean(ThemeName::Default);
}

#[test]
fn print_theme_figures_hold_at_every_size() {
    assert_clean(ThemeName::Print);
}

#[test]
fn dark_theme_figures_hold_at_every_size() {
    assert_clean(ThemeName::Dark);
}

#[test]
fn presentation_theme_figures_hold_at_every_size() {
    assert_clean(ThemeName::Presentation);
}

#[test]
fn the_checks_catch_an_overlap_a_crossing_and_a_small_plot() {
    // A hand-made SVG with every fault: two overlapping texts, one leaving the canvas, a
    // coloured line through a text, and a plot area far below its share.
    let svg = r##"<svg width="200" height="100" viewBox="0 0 200 100" xmlns="http://www.w3.org/2000/svg">
<text x="10" y="20" font-family="DejaVu Sans" font-size="10">first</text>
<text x="15" y="22" font-family="DejaVu Sans" font-size="10">second</text>
<text x="190" y="50" font-family="DejaVu Sans" font-size="10">outside</text>
<polyline fill="none" stroke="#C0392B" stroke-width="1" points="0,60 200,60"/>
<text x="50" y="64" font-family="DejaVu Sans" font-size="10">crossed</text>
<polyline fill="none" stroke="#555555" stroke-width="1" points="100,80 100,90 110,90"/>
</svg>"##;
    let d = drawn(svg, &fonts());
    let found = problems(&d, ThemeName::Default, Kind::Curve, Layout::Ll);
    let says = |needle: &str| found.iter().any(|p| p.contains(needle));
    assert!(
        says("text 'first'") && says("overlaps text 'second'"),
        "{found:#?}"
    );
    assert!(says("'outside'") && says("leaves the"), "{found:#?}");
    assert!(says("passes through text 'crossed'"), "{found:#?}");
    assert!(says("is below 0.35"), "{found:#?}");
}

/// The texts of an SVG, in drawing order.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let (_, rest) = chunk.split_once('>')?;
            let (body, _) = rest.split_once("</text>")?;
            Some(body.trim().to_string())
        })
        .collect()
}

#[test]
fn a_surface_too_small_to_read_is_refused_naming_the_minimum() {
    let sb = crate::common::Sandbox::new();
    let out = sb.run(&[
        "--dist",
        "weibull",
        "--sweep",
        "shape,scale",
        "--size",
        "5cm x 4cm",
        "--out",
        "s.svg",
    ]);
    crate::common::assert_one_line_error(
        &out,
        2,
        &[
            "surface figure",
            "not readable at 5cm x 4cm",
            "needs at least",
        ],
    );
    // A single profile of a two-parameter family is a curve figure, refused the same way.
    let out = sb.run(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "--profile",
        "sigma",
        "--size",
        "4cm x 3cm",
        "--out",
        "p.svg",
    ]);
    crate::common::assert_one_line_error(&out, 2, &["not readable at 4cm x 3cm"]);
    assert!(sb.listing().is_empty());
}

#[test]
fn a_surface_has_a_colour_bar_drawn_legend_symbols_and_profile_axes() {
    let sb = crate::common::Sandbox::new();
    sb.run_ok(&[
        "--dist", "beta", "--sweep", "a,b", "--out", "s.svg", "--quiet",
    ]);
    let svg = sb.read_string("s.svg");
    let texts = svg_texts(&svg);
    let has = |t: &str| texts.iter().any(|x| x == t);
    // The colour bar's title and its labels from 0; each profile's axis title.
    assert!(has("ΔNLL") && has("0"), "{texts:?}");
    assert_eq!(texts.iter().filter(|t| *t == "ΔNLL (profile)").count(), 2);
    // Legend entries are texts of their own beside drawn swatches, not glyphs run together.
    assert!(
        has("joint 68.27 % region") && has("joint 95 % region"),
        "{texts:?}"
    );
    assert!(!texts
        .iter()
        .any(|t| t.contains('━') || t.contains('○') || t.contains('●')));
    // The estimates and the true values are labelled in the profile panels.
    assert!(
        has("a\u{302} = 2.68") && has("true a = 2.5") && has("true b = 2"),
        "{texts:?}"
    );
    // The print theme: no title, no colour.
    sb.run_ok(&[
        "--dist", "beta", "--sweep", "a,b", "--theme", "print", "--out", "p.svg", "--quiet",
    ]);
    let print = sb.read_string("p.svg");
    assert!(!svg_texts(&print)
        .iter()
        .any(|t| t.contains("likelihood surface")));
    for fill in print.split("fill=\"#").skip(1) {
        let hex = &fill[..6];
        assert!(
            hex[0..2] == hex[2..4] && hex[2..4] == hex[4..6],
            "a colour in the print theme: #{hex}"
        );
    }
}
