//! `--out fig.tex` and `--out fig.typ`: the pictures compile in a real document (pdflatex and
//! lualatex for the pgfplots picture, the Typst compiler for the Typst figure) and the
//! compiled PDF's text holds the figure's labels, for a curve, an overlay of sample sizes and
//! a surface.
//!
//! These tests need pdflatex, lualatex and pdftotext on the PATH and a Python with the `typst`
//! module named by `NLLPLOT_TYPST_PYTHON`; `.ci/run` installs all of them. They never skip:
//! a missing tool fails them with a message saying how to get it.

use crate::common::Sandbox;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The LaTeX document every picture is compiled in: the README's preamble.
const DOCUMENT: &str = "\\documentclass{article}\n\
\\usepackage{pgfplots}\n\
\\pgfplotsset{compat=1.18}\n\
\\usepgfplotslibrary{groupplots,fillbetween}\n\
\\begin{document}\n\
\\begin{figure}\n\\centering\n\\input{fig.tex}\n\\caption{The figure.}\n\\end{figure}\n\
\\end{document}\n";

/// The Typst document: the figure included as the README says.
const TYPST_DOCUMENT: &str =
    "#set page(width: 21cm, height: auto, margin: 1cm)\nSome text.\n#include \"fig.typ\"\n";

/// Runs `program args` in `dir`; panics with its output when it fails or is missing.
fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run {program} ({e}): the typeset tests need pdflatex, lualatex and pdftotext \
                 (Debian: texlive-latex-base texlive-pictures texlive-latex-extra texlive-luatex \
                 poppler-utils); bash .ci/run installs them"
            )
        });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}\n{}",
        stdout.lines().rev().take(40).collect::<Vec<_>>().join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The text of `pdf`, as pdftotext reads it.
fn pdf_text(dir: &Path, pdf: &str) -> String {
    run(dir, "pdftotext", &["-layout", pdf, "-"])
}

/// Compiles `fig.tex` (in `dir`) with `engine` and returns the PDF's text.
fn latex(dir: &Path, engine: &str) -> String {
    fs::write(dir.join("doc.tex"), DOCUMENT).unwrap();
    run(
        dir,
        engine,
        &["-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
    );
    let text = pdf_text(dir, "doc.pdf");
    fs::remove_file(dir.join("doc.pdf")).unwrap();
    text
}

/// Compiles `fig.typ` (in `dir`) with the Typst compiler and returns the PDF's text.
fn typst(dir: &Path) -> String {
    let python = std::env::var("NLLPLOT_TYPST_PYTHON").unwrap_or_else(|_| {
        panic!(
            "NLLPLOT_TYPST_PYTHON is not set: it names a Python with the typst module, which \
             compiles the .typ figures. bash .ci/run makes one in .venv-ci/; by hand: \
             python3 -m venv .venv-ci && .venv-ci/bin/pip install typst, then \
             NLLPLOT_TYPST_PYTHON=$PWD/.venv-ci/bin/python cargo test"
        )
    });
    fs::write(dir.join("doc.typ"), TYPST_DOCUMENT).unwrap();
    run(
        dir,
        &python,
        &[
            "-c",
            "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
            "doc.typ",
            "typst.pdf",
        ],
    );
    pdf_text(dir, "typst.pdf")
}

/// Every label in `text`, whitespace aside (pdftotext may break a line anywhere, TeX after a
/// hyphen) and with the code points pdftotext gives Computer Modern's μ and Δ (µ, ∆) read
/// as the figure's.
fn assert_holds(text: &str, labels: &[&str], what: &str) {
    let squeezed: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("- ", "-")
        .replace('µ', "μ")
        .replace('∆', "Δ");
    for label in labels {
        assert!(
            squeezed.contains(label),
            "the {what} PDF lacks {label:?}; its text:\n{text}"
        );
    }
}

/// Writes the figure as .tex and .typ and checks that neither holds a non-finite number.
fn draw(sandbox: &Sandbox, args: &[&str]) {
    let mut all = args.to_vec();
    all.extend(["--out", "fig.tex", "--out", "fig.typ", "--quiet"]);
    sandbox.run_ok(&all);
    for name in ["fig.tex", "fig.typ"] {
        let text = fs::read_to_string(sandbox.path().join(name)).unwrap();
        for bad in ["NaN", "nan", "inf "] {
            assert!(!text.contains(bad), "{name} holds {bad:?}");
        }
    }
}

#[test]
fn a_curve_compiles_in_pdflatex_lualatex_and_typst_with_its_labels() {
    let sandbox = Sandbox::new();
    draw(
        &sandbox,
        &[
            "--dist",
            "poisson",
            "-n",
            "30",
            "--true",
            "4",
            "--annotate",
            "all",
        ],
    );
    let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
    assert!(tex.contains("\\begin{groupplot}") && tex.contains("group size=2 by 1"));
    assert!(
        tex.contains("fill between[of="),
        "the interval is a fill between"
    );
    assert!(tex.contains("\\addplot[") && tex.contains("table[row sep=newline]"));
    assert!(
        tex.contains("\\pgfplotslegendfromname"),
        "pgfplots' own legend"
    );
    // pdflatex has no glyph for raw Greek: the text is math.
    assert!(tex.contains("$\\hat{\\lambda}$") && !tex.contains('λ'));
    let labels = [
        "Poisson(λ) likelihood",
        "Log-likelihood LL(λ)",
        "Negative log-likelihood",
        "λ̂ = 4.33",
        "true λ = 4",
        "95 % LR interval",
        "Wald (quadratic) approximation",
        "likelihood-ratio interval [3.63, 5.12]",
    ];
    for engine in ["pdflatex", "lualatex"] {
        let text = latex(sandbox.path(), engine);
        assert_holds(&text, &labels, engine);
        assert_holds(&text, &["The figure."], engine);
    }
    assert_holds(&typst(sandbox.path()), &labels, "typst");
}

#[test]
fn every_curve_layout_compiles_in_pdflatex_and_typst() {
    for (layout, marker, labels) in [
        (
            "stacked",
            "group size=1 by 2",
            &["Log-likelihood LL(p)", "NLL(p)"][..],
        ),
        (
            "overlay",
            "axis y line*=right",
            &["LL (left axis)", "NLL (right axis)"][..],
        ),
        ("ll", "group size=1 by 1", &["Log-likelihood LL(p)"][..]),
        ("nll", "group size=1 by 1", &["Negative log-likelihood"][..]),
    ] {
        let sandbox = Sandbox::new();
        draw(&sandbox, &["--dist", "bernoulli", "--layout", layout]);
        let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
        assert!(tex.contains(marker), "{layout}: no {marker:?}");
        // An axis background would paint over the other axes' layers: the overlay's second
        // axis hid the interval's fill under its own.
        assert!(tex.contains("fill between[of=") && !tex.contains("axis background"));
        assert_holds(&latex(sandbox.path(), "pdflatex"), labels, layout);
        assert_holds(&typst(sandbox.path()), labels, layout);
    }
}

#[test]
fn an_overlay_of_sample_sizes_is_one_curve_per_n() {
    let sandbox = Sandbox::new();
    draw(&sandbox, &["--dist", "bernoulli", "-n", "10,100,1000"]);
    let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
    for n in ["% n = 10\n", "% n = 100\n", "% n = 1000\n"] {
        assert_eq!(tex.matches(n).count(), 2, "one curve of {n:?} per panel");
    }
    let labels = ["n = 10", "n = 100", "n = 1000", "p̂ = 0.291"];
    for engine in ["pdflatex", "lualatex"] {
        assert_holds(&latex(sandbox.path(), engine), &labels, engine);
    }
    assert_holds(&typst(sandbox.path()), &labels, "typst");
}

#[test]
fn a_surface_is_a_matrix_plot_with_contours_and_profiles() {
    let sandbox = Sandbox::new();
    draw(
        &sandbox,
        &[
            "--dist",
            "normal",
            "--sweep",
            "mu,sigma",
            "-n",
            "50",
            "--points-2d",
            "61",
        ],
    );
    let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
    assert!(tex.contains("matrix plot*") && tex.contains("contour prepared"));
    let labels = [
        "Profile of μ",
        "Profile of σ",
        "joint 95 % region",
        "joint MLE",
        "true value",
    ];
    for engine in ["pdflatex", "lualatex"] {
        assert_holds(&latex(sandbox.path(), engine), &labels, engine);
    }
    assert_holds(&typst(sandbox.path()), &labels, "typst");
}

#[test]
fn a_curve_with_infinite_stretches_compiles_without_non_finite_numbers() {
    // Uniform(0, θ): LL is −∞ below the largest observation.
    let sandbox = Sandbox::new();
    draw(
        &sandbox,
        &["--dist", "uniform", "--true", "3", "--range=1:6"],
    );
    assert_holds(&latex(sandbox.path(), "pdflatex"), &["LL(θ)"], "pdflatex");
    assert_holds(&typst(sandbox.path()), &["LL(θ)"], "typst");
}

#[test]
fn tex_sizes_are_tex_lengths() {
    let sandbox = Sandbox::new();
    sandbox.run_ok(&[
        "--out",
        "fig.tex",
        "--tex-width",
        "0.48\\textwidth",
        "--tex-height",
        "5cm",
        "--quiet",
    ]);
    let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
    assert!(tex.contains("\\pgfmathsetlengthmacro\\nllplotwidth{0.48\\textwidth}"));
    assert!(tex.contains("\\pgfmathsetlengthmacro\\nllplotheight{5cm}"));
    assert!(latex(sandbox.path(), "pdflatex").contains("The figure."));
    for bad in ["12", "-3cm", "0.5\\foo", "5 parsecs", "cm"] {
        let sandbox = Sandbox::new();
        let before = sandbox.snapshot();
        let out = sandbox.run(&["--out", "fig.tex", &format!("--tex-width={bad}")]);
        assert_eq!(out.status.code(), Some(2), "--tex-width {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("is not a TeX length"), "{err}");
        assert_eq!(sandbox.snapshot(), before, "nothing written for {bad}");
    }
}

#[test]
fn typeset_outputs_are_deterministic() {
    let a = Sandbox::new();
    let b = Sandbox::new();
    for s in [&a, &b] {
        draw(s, &["--dist", "poisson", "-n", "10,100"]);
    }
    for name in ["fig.tex", "fig.typ"] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn labels_with_tex_specials_and_unicode_compile_as_text() {
    let sandbox = Sandbox::new();
    draw(
        &sandbox,
        &[
            "--dist",
            "poisson",
            "--label",
            "title=50% & $x_1$ #1 ~^\\ <b> “q” – é ß",
            "--label",
            "x=Rate λ̃ (per s²)",
        ],
    );
    let tex = fs::read_to_string(sandbox.path().join("fig.tex")).unwrap();
    assert!(
        tex.contains("50\\% \\& \\$x\\_1\\$ \\#1"),
        "TeX's specials escaped"
    );
    assert!(tex.contains("$\\tilde{\\lambda}$") && tex.contains("s$^{2}$"));
    let labels = ["50% &", "#1", "<b>", "“q”", "ß"];
    assert_holds(&latex(sandbox.path(), "pdflatex"), &labels, "pdflatex");
    assert_holds(&typst(sandbox.path()), &labels, "typst");
}
