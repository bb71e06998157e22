//! The checks and plans that involve several options at once: the sweep range against the
//! family and axis, `-n` lists, animations, two-parameter sweeps and the output files.
//!
//! Split from `mod.rs` so that [`Config::from_request`](super::Config::from_request) reads
//! as the list of checks it makes, each one here with its reasons.

use super::*;

/// The range of swept parameter `k` (`flag` is `--range` or `--range2`): finite, increasing,
/// inside the parameter's space (the first one's in the plotted coordinate).
pub(super) fn check_range(
    r: RangeArg,
    likelihood: &Likelihood,
    k: usize,
    axis: &Axis,
    flag: &str,
) -> Result<(f64, f64)> {
    let dist = likelihood.model.name();
    let param = likelihood.swept_param(k);
    let symbol = if k == 0 {
        axis.symbol.as_str()
    } else {
        param.symbol.as_str()
    };
    if !r.lo.is_finite() || !r.hi.is_finite() {
        return Err(Error::Usage(format!("{flag}={r} must have finite bounds")));
    }
    if r.lo >= r.hi {
        return Err(Error::Usage(format!(
            "{flag}={r} is empty or reversed: LO must be below HI"
        )));
    }
    if !(r.hi - r.lo).is_finite() {
        // The grid's step and every axis's ticks are computed from HI − LO.
        return Err(Error::Usage(format!(
            "{flag}={r} is wider than the largest double (HI − LO overflows): give a narrower range"
        )));
    }
    let space = param.space;
    if k == 0 && axis.is_natural() {
        let inside = |x: f64| {
            let theta = axis.theta(x);
            theta.is_finite() && space.contains(theta)
        };
        if !inside(r.lo) || !inside(r.hi) {
            return Err(Error::Usage(format!(
                "{flag}={r} leaves the natural parameter space of {symbol} for {dist}"
            )));
        }
    } else if !space.contains(r.lo) || !space.contains(r.hi) {
        return Err(Error::Usage(format!(
            "{flag}={r} leaves the parameter space of {symbol} for {dist}, {}",
            space.describe()
        )));
    }
    Ok((r.lo, r.hi))
}

/// The figure's text: the `--font` file, the type size, the `--label` templates (with
/// `--title` as the title's), every character of them in the font, and a size that holds a
/// readable figure at that type.
pub(super) fn check_text(
    req: &Request,
    theme: &Theme,
    width: Length,
    height: Length,
    surface: bool,
) -> Result<(Option<Arc<FontFile>>, Option<f64>, Labels)> {
    let usage = |m: String| Error::Usage(m);
    let font = match &req.font {
        Some(path) => Some(crate::typeset::font::load(path)?),
        None => None,
    };
    if let Some(pt) = req.font_size {
        if !(pt.is_finite() && (4.0..=72.0).contains(&pt)) {
            return Err(usage(format!(
                "--font-size must be between 4 and 72 points, not {}",
                shortest(pt)
            )));
        }
    }
    let mut labels = Labels::parse(&req.labels).map_err(usage)?;
    if let Some(title) = &req.title {
        if labels.get("title").is_some() {
            return Err(usage(
                "--title and --label title=… both set the title: give one".to_string(),
            ));
        }
        labels.insert("title", title).map_err(usage)?;
    }
    let faces = Faces::new(font.as_deref());
    for (key, template) in labels.iter() {
        let literal = crate::labels::literal_text(template);
        if let Some(c) = faces.missing(&literal) {
            let option = if key == "title" && req.title.is_some() {
                "--title".to_string()
            } else {
                format!("--label {key}")
            };
            let fonts = match &font {
                Some(f) => format!("neither {} nor DejaVu Sans has", f.family()),
                None => "the bundled font (DejaVu Sans) has".to_string(),
            };
            return Err(usage(format!(
                "{option}: {fonts} no glyph for '{c}' (U+{:04X}); give a font that has it with --font PATH (TTF, OTF or TTC, e.g. Noto Sans CJK for Chinese)",
                c as u32
            )));
        }
    }
    // A title of a paragraph would take the plots' room line by line, unnoticed.
    if let Some(template) = labels.get("title") {
        let title = crate::labels::literal_text(template);
        let lines = crate::typeset::layout::title_lines(
            theme,
            req.layout,
            faces,
            req.font_size,
            (width.to_px(), height.to_px()),
            &title,
        );
        let most = crate::typeset::layout::MAX_TITLE_LINES;
        if lines > most {
            let option = if req.title.is_some() {
                "--title"
            } else {
                "--label title"
            };
            return Err(usage(format!(
                "{option} is too long for a figure {width} wide: it wraps to {lines} lines, and a title may take at most {most}; shorten it, or give a wider --width or a smaller --font-size"
            )));
        }
    }
    // The subtitle names the data file.
    if let Some(DataSource::File(path)) = &req.data {
        let name = path.display().to_string();
        if theme.notes && labels.get("subtitle").is_none() {
            if let Some(c) = faces.missing(&name) {
                return Err(usage(format!(
                    "--data {name}: the subtitle shows the file's name, and no font of the figure has '{c}' (U+{:04X}); give one with --font PATH, or replace the subtitle with --label subtitle=TEXT",
                    c as u32
                )));
            }
        }
    }
    {
        use crate::typeset::layout::{minimum_size, Shape};
        let (w, h) = (width.to_px(), height.to_px());
        let shape = Shape {
            layout: req.layout,
            surface,
        };
        if let Some((mw, mh)) = minimum_size(theme, shape, faces, req.font_size, w, h) {
            let in_unit = |px: f64, like: Length| {
                let per = like.to_px() / like.value;
                let v = (px / per * 10.0).ceil() / 10.0;
                Length {
                    value: v,
                    unit: like.unit,
                }
            };
            let type_size = match req.font_size {
                Some(pt) => format!("{pt} pt type"),
                None => "the smallest type of the theme".to_string(),
            };
            return Err(usage(format!(
                "a {} {}figure in the {} theme is not readable at {width} x {height}: it needs at least {} x {} at {type_size}; give a larger --size{}",
                req.layout.name(),
                if surface { "surface " } else { "" },
                theme.name.name(),
                in_unit(mw, width),
                in_unit(mh, height),
                if req.font_size.is_some() { " or a smaller --font-size" } else { "" }
            )));
        }
    }
    Ok((font, req.font_size, labels))
}

/// The sizes of a `-n` list, ascending; a size given more than once is drawn once, with a
/// warning (three curves were asked for, one is drawn).
pub(super) fn check_overlay(
    req: &Request,
    source: &Source,
    warnings: &mut Vec<String>,
) -> Result<Vec<u64>> {
    if req.overlay.len() < 2 {
        return Ok(Vec::new());
    }
    let Source::Sample { n, .. } = source else {
        return Err(Error::Usage(
            "a list of sample sizes (-n 10,100,1000) draws synthetic data and cannot be used with --data"
                .to_string(),
        ));
    };
    let mut sizes = req.overlay.clone();
    sizes.sort_unstable();
    let repeated: Vec<String> = sizes
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .map(|run| format!("{} (given {} times)", run[0], run.len()))
        .collect();
    if !repeated.is_empty() {
        warnings.push(format!(
            "-n repeats {}; one curve is drawn per distinct size",
            repeated.join(", ")
        ));
    }
    sizes.dedup();
    if sizes[0] == 0 {
        return Err(Error::Usage(
            "every sample size in -n must be at least 1".to_string(),
        ));
    }
    debug_assert_eq!(sizes.last(), Some(n));
    if sizes.len() > 8 {
        return Err(Error::Usage(format!(
            "-n lists {} sample sizes; at most 8 curves stay readable on one figure",
            sizes.len()
        )));
    }
    Ok(sizes)
}

pub(super) fn check_animation(
    req: &Request,
    source: &Source,
    likelihood: &Likelihood,
    outputs: &[Output],
    optimizer: Option<&super::Optimizer>,
) -> Result<Option<Animation>> {
    let usage = |m: String| Err(Error::Usage(m));
    let wants_gif = outputs.iter().any(|o| o.format == Format::Gif);
    let Some(what) = req.animate else {
        if wants_gif {
            return usage("a .gif output is an animation: say what moves with --animate n=FROM:TO, --animate true=FROM:TO or (with --optimize) --animate steps".to_string());
        }
        return Ok(None);
    };
    if !wants_gif {
        return usage("--animate writes an animated GIF: add --out NAME.gif".to_string());
    }
    if let (AnimateArg::Steps, Some(optimizer)) = (what, optimizer) {
        // One frame per point of the path, at most: the path may stop early.
        if !(req.fps >= MIN_FPS && req.fps <= 100.0) {
            return usage(format!(
                "--fps must be between {MIN_FPS} and 100 frames a second, not {}",
                shortest(req.fps)
            ));
        }
        return Ok(Some(Animation {
            what,
            frames: optimizer.steps + 1,
            fps: req.fps,
        }));
    }
    let Source::Sample { truth, .. } = source else {
        return usage("--animate draws synthetic data and cannot be used with --data".to_string());
    };
    if !req.overlay.is_empty() && req.overlay.len() > 1 {
        return usage(
            "--animate and a list of sample sizes (-n A,B,…) cannot be combined".to_string(),
        );
    }
    match what {
        AnimateArg::N(a, b) => {
            if a == 0 || b <= a {
                return usage(format!(
                    "--animate n={a}:{b} must grow from at least 1 to a larger n"
                ));
            }
            if b > 100_000_000 {
                return usage(format!("--animate n=…:{b} is too large: at most 100000000"));
            }
        }
        AnimateArg::True(a, b) => {
            let generator = likelihood.generator();
            let moved_index = likelihood.moved_by_truth();
            for t in [a, b] {
                let mut moved = truth.clone();
                moved[moved_index] = t;
                generator.check_true(&moved).map_err(|why| {
                    Error::Usage(format!(
                        "--animate true={}:{}: {} is not a valid {}: {why}",
                        shortest(a),
                        shortest(b),
                        shortest(t),
                        generator.params()[moved_index].symbol
                    ))
                })?;
                generator
                    .check_sampling(&moved)
                    .map_err(|why| Error::Usage(format!("--animate true={a}:{b}: {why}")))?;
            }
            if a == b {
                return usage(format!(
                    "--animate true={}:{} does not move",
                    shortest(a),
                    shortest(b)
                ));
            }
        }
        AnimateArg::Steps => {
            return usage(
                "--animate steps animates an optimiser's path: add --optimize METHOD".to_string(),
            )
        }
    }
    if !(2..=600).contains(&req.frames) {
        return usage(format!(
            "--frames must be between 2 and 600, not {}",
            req.frames
        ));
    }
    if !(req.fps >= MIN_FPS && req.fps <= 100.0) {
        return usage(format!(
            "--fps must be between {MIN_FPS} and 100 frames a second, not {}",
            shortest(req.fps)
        ));
    }
    Ok(Some(Animation {
        what,
        frames: req.frames,
        fps: req.fps,
    }))
}

/// The outputs, each a file or standard output (`-`), with their formats; refused are a name
/// that is no file, a figure of unknown format, two outputs that are one file, more than one
/// output to standard output, and an output that would overwrite an input (the data file or
/// the `--font` file), however either is spelt: through links, `..` or another hard link.
pub(super) fn plan_outputs(
    req: &Request,
    source: &Source,
    font: Option<&Path>,
) -> Result<Vec<Output>> {
    let usage = |m: String| Error::Usage(m);
    let mut outputs = Vec::new();
    if req.out.is_empty() {
        outputs.push(Output {
            target: Target::File(Path::new(defaults::OUTPUT_DIR).join(match req.logf {
                Some(_) => "model.svg".to_string(),
                None => format!("{}.svg", req.dist),
            })),
            format: Format::Svg,
        });
    }
    for path in &req.out {
        let target = Target::from_arg(path);
        let format = match (&target, req.format) {
            (Target::Stdout, Some(format)) => format,
            (Target::Stdout, None) => {
                return Err(usage(
                    "--out - writes the figure to standard output, which has no extension to tell its format: add --format svg, png, pdf, html, gif, tex or typ"
                        .to_string(),
                ))
            }
            (Target::File(path), _) => Format::figure_from(path).ok_or_else(|| {
                usage(format!(
                    "cannot tell the figure format of '{}': the extension must be .svg, .png, .pdf, .html, .gif, .tex or .typ",
                    path.display()
                ))
            })?,
        };
        outputs.push(Output { target, format });
    }
    if let Some(format) = req.format {
        if !matches!(
            format,
            Format::Svg
                | Format::Png
                | Format::Pdf
                | Format::Html
                | Format::Gif
                | Format::Tex
                | Format::Typ
        ) {
            return Err(usage(
                "--format names a figure format: svg, png, pdf, html, gif, tex or typ".to_string(),
            ));
        }
        if !outputs.iter().any(|o| o.target == Target::Stdout) {
            return Err(usage(
                "--format gives the format of the figure written to standard output (--out -); a file's format follows its extension"
                    .to_string(),
            ));
        }
    }
    for (path, format) in [(&req.csv, Format::Csv), (&req.json, Format::Json)] {
        if let Some(path) = path {
            outputs.push(Output {
                target: Target::from_arg(path),
                format,
            });
        }
    }
    let to_stdout: Vec<&str> = outputs
        .iter()
        .filter(|o| o.target == Target::Stdout)
        .map(|o| match o.format {
            Format::Csv => "--csv -",
            Format::Json => "--json -",
            _ => "--out -",
        })
        .collect();
    if to_stdout.len() > 1 {
        let (each, rest) = match to_stdout.len() {
            2 => ("both", "the other"),
            _ => ("all", "the others"),
        };
        return Err(usage(format!(
            "{} {each} ask for standard output, which takes one output: write {rest} to files",
            to_stdout.join(" and ")
        )));
    }

    let mut inputs: Vec<(&str, &Path)> = Vec::new();
    if let Source::Data(DataSource::File(path)) = source {
        inputs.push(("data file", path));
    }
    if let Some(path) = font {
        inputs.push(("font file", path));
    }
    for (k, out) in outputs.iter().enumerate() {
        if let Target::File(path) = &out.target {
            if path.as_os_str().is_empty() || path.file_name().is_none() {
                return Err(usage(format!(
                    "'{}' is not a file name to write to",
                    path.display()
                )));
            }
        }
        if let Some((what, input)) = inputs
            .iter()
            .find(|(_, input)| out.target.overwrites(input))
        {
            return Err(usage(match &out.target {
                Target::Stdout => format!(
                    "refusing to overwrite the {what} '{}': standard output is that file",
                    input.display()
                ),
                Target::File(path) if path == input => format!(
                    "refusing to overwrite the {what} '{}' with an output",
                    path.display()
                ),
                Target::File(path) => format!(
                    "refusing to overwrite the {what} '{}' with the output '{}', which is the same file",
                    input.display(),
                    path.display()
                ),
            }));
        }
        if let Some(earlier) = outputs[..k]
            .iter()
            .find(|o| o.target.same_file(&out.target))
        {
            return Err(usage(if earlier.target == out.target {
                format!("'{}' is named as an output twice", out.target)
            } else {
                format!(
                    "'{}' and '{}' are one file: give each output its own",
                    earlier.target, out.target
                )
            }));
        }
    }
    Ok(outputs)
}

/// The `.tex` picture's size: each given length must be one LaTeX reads as a length, since a
/// wrong one would only fail later, inside the user's document.
pub(super) fn check_tex_size(req: &Request) -> Result<super::TexSize> {
    for (name, value) in [
        ("--tex-width", &req.tex_width),
        ("--tex-height", &req.tex_height),
    ] {
        if let Some(v) = value {
            if !is_tex_length(v) {
                return Err(Error::Usage(format!(
                    "{name} '{v}' is not a TeX length: give a positive number with a unit (8cm, 240pt, 3in) or a share of a document width (0.48\\textwidth, \\linewidth)"
                )));
            }
        }
    }
    Ok(super::TexSize {
        width: req
            .tex_width
            .clone()
            .unwrap_or_else(|| "\\linewidth".to_string()),
        height: req.tex_height.clone(),
    })
}

/// A positive TeX length: a number and a unit, or a (possibly scaled) length command of the
/// document's page layout.
fn is_tex_length(s: &str) -> bool {
    const UNITS: [&str; 11] = [
        "pt", "mm", "cm", "in", "bp", "pc", "dd", "cc", "sp", "em", "ex",
    ];
    const WIDTHS: [&str; 7] = [
        "\\textwidth",
        "\\linewidth",
        "\\columnwidth",
        "\\textheight",
        "\\paperwidth",
        "\\paperheight",
        "\\hsize",
    ];
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let positive = |n: &str| n.parse::<f64>().is_ok_and(|v| v > 0.0 && v.is_finite());
    if WIDTHS.contains(&unit) {
        return number.is_empty() || positive(number);
    }
    UNITS.contains(&unit) && positive(number)
}
