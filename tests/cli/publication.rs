//! The publication and workflow features, through the binary: PDF, PNG density, themes and
//! layouts, text as paths, spec files, completions, the man page and --quiet.
//!
//! Reference facts come from the formats' specifications, not from this code: a PDF's xref
//! table gives each object's byte offset (ISO 32000-1 §7.5.4), an embedded font subset is
//! named `ABCDEF+Name` (§9.6.4), PNG's IHDR holds the size and pHYs the density in pixels per
//! metre (PNG §11.2.2, §11.3.5.3).

use assert_cmd::Command;
use std::path::Path;

fn nllplot(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("nllplot").unwrap();
    cmd.current_dir(dir);
    cmd
}

fn run_ok(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = nllplot(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "nllplot {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every in-use object of a PDF's cross-reference table, checked against its offset.
fn check_xref(pdf: &[u8]) -> usize {
    let at = pdf
        .windows(9)
        .rposition(|w| w == b"startxref")
        .expect("startxref");
    let tail = String::from_utf8_lossy(&pdf[at + 9..]);
    let start: usize = tail
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("startxref offset");
    assert!(
        pdf[start..].starts_with(b"xref"),
        "startxref does not point at xref"
    );
    // The table itself is ASCII.
    let text = String::from_utf8_lossy(&pdf[start..]);
    let mut lines = text.lines().skip(1);
    let header: Vec<usize> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let (first, count) = (header[0], header[1]);
    let mut in_use = 0;
    for (i, line) in lines.take(count).enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields[2] == "n" {
            let offset: usize = fields[0].parse().unwrap();
            let object = format!("{} 0 obj", first + i);
            assert!(
                pdf[offset..].starts_with(object.as_bytes()),
                "object {} is not at offset {offset}",
                first + i
            );
            in_use += 1;
        }
    }
    in_use
}

#[test]
fn pdf_parses_embeds_a_font_subset_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["--out", "a.pdf", "--annotate", "all"]);
    run_ok(dir.path(), &["--out", "b.pdf", "--annotate", "all"]);
    let a = std::fs::read(dir.path().join("a.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b.pdf")).unwrap();
    assert_eq!(a, b, "two runs gave different PDFs");
    assert!(a.starts_with(b"%PDF-1."));
    assert!(a.trim_ascii_end().ends_with(b"%%EOF"));
    assert!(check_xref(&a) > 5);
    let text = String::from_utf8_lossy(&a);
    assert!(text.contains("/FontFile2"), "no embedded TrueType font");
    let subset = text
        .split("/BaseFont/")
        .skip(1)
        .map(|rest| rest.split(['/', ' ', '>']).next().unwrap())
        .find(|name| name.ends_with("+DejaVuSans"))
        .expect("a DejaVu Sans subset");
    let tag = &subset[..subset.len() - "+DejaVuSans".len()];
    assert!(
        tag.len() == 6 && tag.bytes().all(|c| c.is_ascii_uppercase()),
        "{subset}"
    );
    // One page, 1200 × 500 px = 900 × 375 pt.
    let pages = text.matches("/Type/Page").count() - text.matches("/Type/Pages").count();
    assert_eq!(pages, 1);
    assert!(text.contains("/MediaBox[0 0 900 375]"), "page size");
}

/// (width, height, pixels per metre) of a PNG.
fn png_facts(png: &[u8]) -> (u32, u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    let phys = png
        .windows(4)
        .position(|w| w == b"pHYs")
        .expect("a pHYs chunk");
    assert_eq!(png[phys + 12], 1, "unit: the metre");
    (be(16), be(20), be(phys + 4))
}

#[test]
fn png_size_follows_dpi_and_scale() {
    let dir = tempfile::tempdir().unwrap();
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    run_ok(dir.path(), &["--out", "plain.png"]);
    // 96 dpi: a CSS pixel is a pixel. 96 / 0.0254 = 3779.5 px/m.
    assert_eq!(png_facts(&read("plain.png")), (1200, 500, 3780));
    run_ok(
        dir.path(),
        &[
            "--size", "4in", "x", "2in", "--dpi", "150", "--out", "dpi.png",
        ],
    );
    // 4 in × 150 = 600 px; 150 / 0.0254 = 5905.5 px/m.
    assert_eq!(png_facts(&read("dpi.png")), (600, 300, 5906));
    run_ok(
        dir.path(),
        &[
            "--size",
            "10cm x 5cm",
            "--dpi",
            "254",
            "--png-scale",
            "2",
            "--out",
            "s.png",
        ],
    );
    // 10 cm = 100 mm at 254 dpi = 10 px/mm → 1000 px, doubled; 508 dpi = 20000 px/m.
    assert_eq!(png_facts(&read("s.png")), (2000, 1000, 20000));
}

#[test]
fn svg_declares_its_size_in_the_unit_given() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["--size", "12cm x 6cm", "--out", "a.svg"]);
    let svg = std::fs::read_to_string(dir.path().join("a.svg")).unwrap();
    assert!(
        svg.starts_with("<svg width=\"12cm\" height=\"6cm\" "),
        "{}",
        &svg[..80]
    );
}

#[test]
fn text_as_paths_leaves_no_text_elements() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(dir.path(), &["--out", "text.svg"]);
    run_ok(
        dir.path(),
        &["--text-as-paths", "--width", "3.5in", "--out", "paths.svg"],
    );
    let text = std::fs::read_to_string(dir.path().join("text.svg")).unwrap();
    let paths = std::fs::read_to_string(dir.path().join("paths.svg")).unwrap();
    assert!(text.contains("<text"));
    assert!(!paths.contains("<text") && !paths.contains("font-family"));
    // The unit stays, and the viewBox maps usvg's pixel coordinates onto it (3.5 in = 336 px).
    assert!(
        paths.contains("width=\"3.5in\" height=\"500\" viewBox=\"0 0 336 500\""),
        "{}",
        &paths[..200]
    );
    assert!(paths.matches("<path").count() > text.matches("<path").count() + 50);
}

/// The `#RRGGBB` colours an SVG uses.
fn colours(svg: &str) -> Vec<(u8, u8, u8)> {
    svg.match_indices('#')
        .filter_map(|(i, _)| svg.get(i + 1..i + 7))
        .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
        .map(|h| {
            let c = |k: usize| u8::from_str_radix(&h[k..k + 2], 16).unwrap();
            (c(0), c(2), c(4))
        })
        .collect()
}

#[test]
fn every_theme_and_layout_draws_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for theme in ["default", "print", "dark", "presentation"] {
        for layout in ["side-by-side", "stacked", "overlay", "ll", "nll"] {
            let stem = format!("{theme}-{layout}");
            run_ok(
                dir.path(),
                &[
                    "--dist",
                    "poisson",
                    "-n",
                    "30",
                    "--annotate",
                    "all",
                    "--theme",
                    theme,
                    "--layout",
                    layout,
                    "--out",
                    &format!("{stem}.svg"),
                ],
            );
            let svg = std::fs::read_to_string(dir.path().join(format!("{stem}.svg"))).unwrap();
            let used = colours(&svg);
            match theme {
                // Grayscale-safe: no hue anywhere.
                "print" => assert!(used.iter().all(|&(r, g, b)| r == g && g == b), "{stem}"),
                // The dark ground fills the figure first.
                "dark" => assert_eq!(used.first(), Some(&(0x1b, 0x1d, 0x23)), "{stem}"),
                _ => assert_eq!(used.first(), Some(&(0xff, 0xff, 0xff)), "{stem}"),
            }
            // Overlay has a secondary axis: NLL's description is drawn as well as LL's.
            if layout == "overlay" {
                assert!(
                    svg.contains("\nLL(λ)\n") && svg.contains("\nNLL(λ)\n"),
                    "{stem}"
                );
            }
            if layout == "ll" {
                assert!(!svg.contains("NLL(λ)"), "{stem}");
            }
        }
    }
    // PNG and PDF of one of each, to be sure the other backends take every theme.
    for theme in ["print", "dark", "presentation"] {
        run_ok(
            dir.path(),
            &["--theme", theme, "--out", "t.png", "--out", "t.pdf"],
        );
    }
}

#[test]
fn a_one_column_figure_names_its_legend_entries_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let all = ["--annotate", "mle,truth,interval,wald", "--dist", "poisson"];
    // 3.5 in wide (the print theme): the full names would need three legend rows.
    run_ok(
        dir.path(),
        &[&all[..], &["--theme", "print", "--out", "narrow.svg"]].concat(),
    );
    let narrow = std::fs::read_to_string(dir.path().join("narrow.svg")).unwrap();
    assert!(narrow.contains("Wald approx.") && narrow.contains("LR interval\n"));
    assert!(!narrow.contains("Wald (quadratic) approximation"));
    // Labels never cover a line, so none needs a patch of background (the geometry test checks
    // that no line crosses them).
    assert!(!narrow.contains("opacity=\"0.85\""));
    // 1200 px wide: room for the full names.
    run_ok(dir.path(), &[&all[..], &["--out", "wide.svg"]].concat());
    let wide = std::fs::read_to_string(dir.path().join("wide.svg")).unwrap();
    assert!(wide.contains("Wald (quadratic) approximation") && wide.contains("ΔNLL ≤ 1.921"));
    assert!(!wide.contains("opacity=\"0.85\""));
}

#[test]
fn unicode_labels_come_from_the_bundled_font() {
    let dir = tempfile::tempdir().unwrap();
    run_ok(
        dir.path(),
        &["--dist", "normal", "--sigma", "2", "--out", "n.pdf"],
    );
    let pdf = std::fs::read(dir.path().join("n.pdf")).unwrap();
    // A font missing a glyph would need a fallback font; there is only the one.
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(text.matches("/FontFile").count(), 1);
}

#[test]
fn spec_round_trips_through_print_spec() {
    let dir = tempfile::tempdir().unwrap();
    let first = run_ok(
        dir.path(),
        &[
            "--dist",
            "poisson",
            "-n",
            "30",
            "--true",
            "4.0",
            "--range=2:7",
            "--out",
            "f.svg",
            "--out",
            "f.png",
            "--annotate",
            "mle,wald",
            "--theme",
            "dark",
            "--size",
            "12cm",
            "x",
            "6cm",
            "--title",
            "A \"quoted\" title",
            "--print-spec",
        ],
    )
    .stdout;
    std::fs::write(dir.path().join("fig.toml"), &first).unwrap();
    let second = run_ok(dir.path(), &["--spec", "fig.toml", "--print-spec"]).stdout;
    assert_eq!(
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
    // Printing draws nothing …
    assert!(!dir.path().join("f.svg").exists());
    // … and the spec draws what the flags would have drawn.
    run_ok(dir.path(), &["--spec", "fig.toml"]);
    let from_spec = std::fs::read(dir.path().join("f.svg")).unwrap();
    run_ok(
        dir.path(),
        &[
            "--dist",
            "poisson",
            "-n",
            "30",
            "--true",
            "4",
            "--range=2:7",
            "--out",
            "g.svg",
            "--annotate",
            "mle,wald",
            "--theme",
            "dark",
            "--size",
            "12cmx6cm",
            "--title",
            "A \"quoted\" title",
        ],
    );
    assert_eq!(from_spec, std::fs::read(dir.path().join("g.svg")).unwrap());
}

#[test]
fn spec_paths_are_relative_to_the_spec_and_flags_override() {
    let dir = tempfile::tempdir().unwrap();
    let figs = dir.path().join("figs");
    std::fs::create_dir(&figs).unwrap();
    std::fs::write(figs.join("counts.txt"), "3\n5\n4\n").unwrap();
    std::fs::write(
        figs.join("a.toml"),
        "dist = \"poisson\"\ndata = \"counts.txt\"\nout = [\"a.svg\"]\njson = \"a.json\"\n",
    )
    .unwrap();
    std::fs::write(
        figs.join("b.toml"),
        "dist = \"geometric\"\nout = [\"b.svg\"]\n",
    )
    .unwrap();
    // Two specs, one run each, from the parent folder.
    run_ok(
        dir.path(),
        &["--spec", "figs/a.toml", "figs/b.toml", "--quiet"],
    );
    assert!(figs.join("a.svg").exists() && figs.join("b.svg").exists());
    let json = std::fs::read_to_string(figs.join("a.json")).unwrap();
    assert!(json.contains("\"n\": 3"), "{json}");
    // A flag overrides the spec's value, and conflicting spec keys give way.
    run_ok(
        dir.path(),
        &["--spec", "figs/a.toml", "-n", "7", "--json", "c.json"],
    );
    let json = std::fs::read_to_string(dir.path().join("c.json")).unwrap();
    assert!(
        json.contains("\"n\": 7") && json.contains("\"source\": \"sample\""),
        "{json}"
    );
}

#[test]
fn spec_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("figure.toml"),
        "dist = \"poisson\"\n# the sample\nsmaples = 30\n",
    )
    .unwrap();
    let out = nllplot(dir.path())
        .args(["--spec", "figure.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "error: figure.toml:3: unknown key 'smaples' (did you mean 'samples'?)\n"
    );
    std::fs::write(
        dir.path().join("bad.toml"),
        "dist = \"bernoulli\"\n\ntrue = 1.5\n",
    )
    .unwrap();
    let out = nllplot(dir.path())
        .args(["--spec", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: bad.toml:3: --true 1.5"), "{err}");
    assert_eq!(err.lines().count(), 1);
    std::fs::write(
        dir.path().join("broken.toml"),
        "dist = \"poisson\"\nout = [\n",
    )
    .unwrap();
    let out = nllplot(dir.path())
        .args(["--spec", "broken.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: broken.toml:"), "{err}");
    assert_eq!(err.lines().count(), 1);
    // --print-spec prints one spec.
    let out = nllplot(dir.path())
        .args(["--spec", "figure.toml", "bad.toml", "--print-spec"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--print-spec prints one spec"));
    let out = nllplot(dir.path())
        .args(["--spec", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read missing.toml"));
}

#[test]
fn completions_generate_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run_ok(dir.path(), &["completions", shell]);
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("nllplot"), "{shell}");
        // The options come from the same definition.
        assert!(script.contains("text-as-paths"), "{shell}");
    }
    let out = nllplot(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff() {
    let dir = tempfile::tempdir().unwrap();
    let page = String::from_utf8(run_ok(dir.path(), &["man"]).stdout).unwrap();
    assert!(page.contains(".TH nllplot 1"));
    assert!(page.contains("\\-\\-theme"));
}

#[test]
fn quiet_prints_nothing_and_help_shows_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_ok(dir.path(), &["--quiet", "--out", "a.svg"]);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let loud = run_ok(dir.path(), &["--out", "a.svg"]);
    assert!(String::from_utf8_lossy(&loud.stdout).contains("wrote a.svg"));
    // Not a terminal: no progress bar, even for a long run.
    assert!(loud.stderr.is_empty());
    let help = String::from_utf8(run_ok(dir.path(), &["--help"]).stdout).unwrap();
    assert!(help.contains("Examples:") && help.contains("--spec"));
    let version = String::from_utf8(run_ok(dir.path(), &["--version"]).stdout).unwrap();
    assert_eq!(version, format!("nllplot {}\n", env!("CARGO_PKG_VERSION")));
    // Flags alone still draw; a subcommand after flags is refused.
    let out = nllplot(dir.path())
        .args(["--dist", "poisson", "man"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_sizes_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (&["--size", "12cm"][..], "--size"),
        (&["--width", "12furlongs"][..], "--width"),
        (&["--width", "1cm"][..], "--width must be between"),
        (&["--dpi", "0"][..], "--dpi"),
        (&["--png-scale", "-1"][..], "--png-scale"),
        (&["--width", "100in", "--dpi", "600"][..], "PNG pixels"),
        (
            &["--width", "1200", "--size", "1x1"][..],
            "cannot be used with",
        ),
    ] {
        let out = nllplot(dir.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(says) && err.lines().count() == 1,
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
