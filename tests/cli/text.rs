//! Figure text in any language (issue 13): `--font` with a CJK font renders 似然函数 in SVG,
//! PNG and PDF; a character no font has is a one-line error naming it; `--label` and a spec's
//! `[labels]` table replace every piece of figure text; `--no-legend` and `--no-caption`.
//!
//! The CJK font is a subset of Debian's Noto Sans CJK committed under `tests/fonts/` with its
//! licence (faces 0, JP, and 2, SC, of the collection, as a two-face TTC), so the test needs
//! no system font and never skips.

use crate::common::*;
use std::path::PathBuf;

fn cjk_font() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fonts/NotoSansCJK-subset.ttc")
        .display()
        .to_string()
}

/// The text of each `<text>` element of an SVG.
fn texts(svg: &str) -> Vec<String> {
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
fn a_cjk_font_renders_chinese_in_svg_png_and_pdf() {
    let sb = Sandbox::new();
    let font = format!("{}#1", cjk_font());
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--font",
        &font,
        "--title",
        "似然函数",
        "--out",
        "f.svg",
        "--out",
        "f.png",
        "--out",
        "f.pdf",
        "--quiet",
    ]);
    // SVG: the text itself, asking for the font's family first.
    let svg = sb.read_string("f.svg");
    assert!(texts(&svg).iter().any(|t| t == "似然函数"), "no title text");
    assert!(
        svg.contains("font-family=\"Noto Sans CJK SC, DejaVu Sans,"),
        "the SVG does not name the font's family"
    );
    // The layout PNG and PDF are drawn from: every glyph of the title from the CJK face
    // (the font loaded here as the command loaded it).
    nllplot::typeset::font::load(std::path::Path::new(&font)).unwrap();
    let tree = nllplot::render::svg_tree(&svg).unwrap();
    let mut title_glyphs = Vec::new();
    collect_glyphs(tree.root(), &tree, &mut title_glyphs);
    assert_eq!(title_glyphs.len(), 4, "{title_glyphs:?}");
    for (id, family) in &title_glyphs {
        assert!(*id != 0, "a .notdef glyph in the title");
        assert_eq!(family, "Noto Sans CJK SC");
    }
    // PNG: the title is ink at the top of the figure (the title band holds nothing else).
    let png = sb.read("f.png");
    let ink = dark_pixels_in_top_band(&png, 0.06);
    assert!(ink > 150, "the PNG's title band has only {ink} dark pixels");
    // PDF: the CJK face is embedded (as a subset), beside DejaVu Sans for the rest.
    let pdf = String::from_utf8_lossy(&sb.read("f.pdf")).into_owned();
    let embedded: Vec<&str> = pdf
        .split("/BaseFont/")
        .skip(1)
        .map(|rest| rest.split(['/', ' ', '>']).next().unwrap())
        .collect();
    assert!(
        embedded
            .iter()
            .any(|n| n.ends_with("+NotoSansCJKsc-Regular")),
        "{embedded:?}"
    );
    assert!(
        embedded.iter().any(|n| n.ends_with("+DejaVuSans")),
        "{embedded:?}"
    );
}

fn collect_glyphs(g: &resvg::usvg::Group, tree: &resvg::usvg::Tree, out: &mut Vec<(u32, String)>) {
    for node in g.children() {
        match node {
            resvg::usvg::Node::Group(child) => collect_glyphs(child, tree, out),
            resvg::usvg::Node::Text(t) => {
                let text: String = t.chunks().iter().map(|c| c.text()).collect();
                if text != "似然函数" {
                    continue;
                }
                for span in t.layouted() {
                    for glyph in &span.positioned_glyphs {
                        let family = tree
                            .fontdb()
                            .face(glyph.font)
                            .map(|f| f.families[0].0.clone())
                            .unwrap_or_default();
                        out.push((glyph.id.0, family));
                    }
                }
            }
            _ => {}
        }
    }
}

/// Pixels darker than mid-gray in the top `share` of a PNG's height.
fn dark_pixels_in_top_band(png: &[u8], share: f64) -> usize {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    let rows = (pixmap.height() as f64 * share) as usize;
    pixmap
        .pixels()
        .iter()
        .take(rows * pixmap.width() as usize)
        .filter(|p| {
            let c = p.demultiply();
            (c.red() as u32 + c.green() as u32 + c.blue() as u32) < 3 * 128
        })
        .count()
}

#[test]
fn a_character_no_font_has_is_an_error_that_suggests_a_font() {
    let sb = Sandbox::new();
    let out = sb.run(&["--title", "似然函数", "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["--title", "'似'", "U+4F3C", "--font"]);
    assert!(sb.listing().is_empty());
    let out = sb.run(&["--label", "x=参数 θ", "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["--label x", "'参'", "--font"]);
    // A font without the character (DejaVu itself, given as a file) does not help.
    let dejavu = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/DejaVuSans.ttf");
    let out = sb.run(&[
        "--font",
        &dejavu.display().to_string(),
        "--title",
        "かな",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, 2, &["neither DejaVu Sans nor DejaVu Sans", "'か'"]);
    // A data file whose name the subtitle cannot show.
    sb.write("数据.txt", "3\n4\n");
    let out = sb.run(&["--dist", "poisson", "--data", "数据.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["--data 数据.txt", "'数'", "--font"]);
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--data",
        "数据.txt",
        "--label",
        "subtitle=counts",
        "--out",
        "f.svg",
        "--quiet",
    ]);
    std::fs::remove_file(sb.path().join("数据.txt")).unwrap();
    std::fs::remove_file(sb.path().join("f.svg")).unwrap();
    // The CJK subset has 似 but not Hangul.
    let out = sb.run(&["--font", &cjk_font(), "--title", "우도", "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["Noto Sans CJK JP", "'우'"]);
    assert!(sb.listing().is_empty());
}

#[test]
fn bad_font_files_are_refused() {
    let sb = Sandbox::new();
    sb.write("not.ttf", "hello");
    let out = sb.run(&["--font", "not.ttf", "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["--font not.ttf is not a font file"]);
    let out = sb.run(&["--font", "missing.ttf", "--out", "f.svg"]);
    assert_one_line_error(&out, 1, &["cannot read missing.ttf"]);
    let font = format!("{}#7", cjk_font());
    let out = sb.run(&["--font", &font, "--out", "f.svg"]);
    assert_one_line_error(&out, 2, &["the collection has 2 faces"]);
    assert_eq!(sb.listing(), ["not.ttf"]);
}

/// Every label key, each set to a marker that appears nowhere else.
const MARKED: [(&str, &str); 20] = [
    ("title", "TITLE-{n}"),
    ("subtitle", "SUBTITLE"),
    ("caption", "CAPTION {interval}"),
    ("ll-title", "LLTITLE"),
    ("nll-title", "NLLTITLE"),
    ("x", "XAXIS"),
    ("ll-y", "LLY"),
    ("nll-y", "NLLY"),
    ("legend-ll", "LEG-LL"),
    ("legend-nll", "LEG-NLL"),
    ("legend-mle", "LEG-EST"),
    ("legend-truth", "LEG-TRUTH"),
    ("legend-interval", "LEG-INTERVAL"),
    ("legend-wald", "LEG-WALD"),
    ("legend-se", "LEG-ERR"),
    ("mle-label", "AT-EST {mle}"),
    ("truth-label", "AT-TRUTH {true}"),
    ("equal-label", "AT-BOTH"),
    ("overlay-title", "OVERLAYTITLE"),
    ("legend-n", "SIZE {n}"),
];

#[test]
fn labels_replace_every_piece_of_figure_text() {
    let sb = Sandbox::new();
    let mut args: Vec<String> = [
        "--dist",
        "poisson",
        "-n",
        "30",
        "--annotate",
        "all",
        "--size",
        "1400x600",
        "--out",
        "f.svg",
    ]
    .map(String::from)
    .to_vec();
    for (key, text) in MARKED {
        args.push("--label".into());
        args.push(format!("{key}={text}"));
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    sb.run_ok(&argv);
    let all = texts(&sb.read_string("f.svg"));
    // Every text element is a marker, a number (ticks) or a symbol (±∞).
    let english = [
        "likelihood",
        "Log",
        "true",
        "MLE",
        "interval",
        "Wald",
        "SE",
        "value",
    ];
    for t in &all {
        assert!(
            !english.iter().any(|w| t.contains(w)),
            "English text left: '{t}' in {all:?}"
        );
    }
    for marker in [
        "TITLE-30",
        "SUBTITLE",
        "LLTITLE",
        "NLLTITLE",
        "XAXIS",
        "LLY",
        "NLLY",
        "LEG-LL",
        "LEG-NLL",
        "LEG-EST",
        "LEG-TRUTH",
        "LEG-INTERVAL",
        "LEG-WALD",
        "LEG-ERR",
        "AT-TRUTH 4",
    ] {
        assert!(all.iter().any(|t| t == marker), "{marker} not in {all:?}");
    }
    assert!(all.iter().any(|t| t.starts_with("CAPTION [3.")), "{all:?}");
    assert!(all.iter().any(|t| t.starts_with("AT-EST 4.")), "{all:?}");
    // The overlay layout's title and an overlay's legend entries.
    sb.run_ok(&[
        "-n",
        "10,100",
        "--layout",
        "overlay",
        "--label",
        "overlay-title=OVERLAYTITLE",
        "--label",
        "legend-n=SIZE {n}",
        "--out",
        "o.svg",
    ]);
    let all = texts(&sb.read_string("o.svg"));
    for marker in ["OVERLAYTITLE", "SIZE 10", "SIZE 100"] {
        assert!(all.iter().any(|t| t == marker), "{marker} not in {all:?}");
    }
    // Equal estimate and truth (100 Bernoulli draws at p = 0.3, seed 42, give p̂ = 0.3):
    // one label names both, in each panel.
    sb.run_ok(&["--out", "e.svg", "--quiet"]);
    let all = texts(&sb.read_string("e.svg"));
    assert_eq!(
        all.iter()
            .filter(|t| *t == "p\u{302} = true p = 0.300")
            .count(),
        2,
        "{all:?}"
    );
    assert!(!all.iter().any(|t| t.starts_with("true p")), "{all:?}");
    sb.run_ok(&[
        "--label",
        "equal-label=AT-BOTH",
        "--out",
        "e.svg",
        "--quiet",
    ]);
    assert!(texts(&sb.read_string("e.svg"))
        .iter()
        .any(|t| t == "AT-BOTH"));
}

#[test]
fn a_spec_labels_table_gives_a_german_figure() {
    let sb = Sandbox::new();
    sb.write(
        "de.toml",
        "dist = \"bernoulli\"\ntrue = 0.4\nout = [\"de.svg\"]\n\n[labels]\nx = \"Erfolgswahrscheinlichkeit {param}\"\nll-title = \"Log-Likelihood\"\nlegend-truth = \"wahrer Wert\"\ntruth-label = \"wahres {param} = {true}\"\n",
    );
    sb.run_ok(&["--spec", "de.toml", "--quiet"]);
    let all = texts(&sb.read_string("de.svg"));
    for marker in [
        "Erfolgswahrscheinlichkeit p",
        "Log-Likelihood",
        "wahrer Wert",
        "wahres p = 0.4",
    ] {
        assert!(all.iter().any(|t| t == marker), "{marker} not in {all:?}");
    }
    // The command line's label overrides the spec's.
    sb.run_ok(&["--spec", "de.toml", "--label", "x=p", "--quiet"]);
    let all = texts(&sb.read_string("de.svg"));
    assert!(!all.iter().any(|t| t.starts_with("Erfolgs")), "{all:?}");
}

#[test]
fn bad_labels_are_usage_errors() {
    for (args, says) in [
        (&["--label", "titel=x"][..], "unknown key 'titel'"),
        (&["--label", "title"][..], "KEY=TEXT"),
        (&["--label", "title={m}"][..], "unknown placeholder {m}"),
        (
            &["--title", "a", "--label", "title=b"][..],
            "both set the title",
        ),
        (&["--font-size", "100"][..], "--font-size must be between"),
    ] {
        let sb = Sandbox::new();
        let out = sb.run(args);
        assert_one_line_error(&out, 2, &[says]);
        assert!(sb.listing().is_empty());
    }
}

#[test]
fn no_legend_and_no_caption_leave_them_out() {
    let sb = Sandbox::new();
    sb.run_ok(&["--out", "a.svg", "--quiet"]);
    sb.run_ok(&["--no-legend", "--no-caption", "--out", "b.svg", "--quiet"]);
    let (a, b) = (
        texts(&sb.read_string("a.svg")),
        texts(&sb.read_string("b.svg")),
    );
    assert!(
        a.iter().any(|t| t == "true value")
            && a.iter().any(|t| t.contains("likelihood-ratio interval ["))
    );
    assert!(
        !b.iter()
            .any(|t| t == "true value" || t.contains("likelihood-ratio interval [")),
        "{b:?}"
    );
}

#[test]
fn a_figure_too_small_to_read_is_refused_naming_the_minimum() {
    let sb = Sandbox::new();
    let out = sb.run(&["--size", "4cm x 3cm", "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        2,
        &["not readable at 4cm x 3cm", "needs at least", "cm x"],
    );
    let out = sb.run(&[
        "--size",
        "12cm x 6cm",
        "--font-size",
        "30",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, 2, &["at 30 pt type", "smaller --font-size"]);
    assert!(sb.listing().is_empty());
    // The sizes of the issue are all drawn.
    for size in [
        "8cm x 6cm",
        "12cm x 6cm",
        "3.5in x 2.4in",
        "800x400",
        "2400x1000",
    ] {
        sb.run_ok(&["--size", size, "--out", "ok.svg", "--quiet"]);
    }
}
