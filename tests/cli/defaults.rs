//! The default run and the figure files: where they go, that they are SVG / PNG of the asked
//! size, and the report on stdout.

use crate::common::{png_size, Sandbox};
use std::io::Read;
use std::process::Stdio;

/// The label of the MLE on the default figure: p̂ (p + combining circumflex) = 0.3, which is
/// θ̂ of the default sample (100 Bernoulli draws, true p = 0.3, seed 42; 30 successes, counted
/// independently by tools/xoshiro_reference.py's generator).
const DEFAULT_MLE_LABEL: &str = "p\u{302} = 0.3";

/// Checks the parts of an SVG document every figure must have.
fn assert_svg(svg: &str, width: u32, height: u32) {
    assert!(svg.starts_with("<svg"), "not an SVG document: {:.80}", svg);
    let head = &svg[..svg.find('>').expect("the <svg> tag is not closed")];
    assert!(
        head.contains(&format!("width=\"{width}\"")),
        "the <svg> tag lacks width=\"{width}\": {head}"
    );
    assert!(
        head.contains(&format!("height=\"{height}\"")),
        "the <svg> tag lacks height=\"{height}\": {head}"
    );
    assert!(
        head.contains("viewBox=\""),
        "the <svg> tag lacks a viewBox: {head}"
    );
    assert!(svg.trim_end().ends_with("</svg>"), "the SVG is not closed");
}

#[test]
fn no_arguments_writes_output_bernoulli_svg_creating_the_folder() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&[]);
    assert!(sb.exists("output/bernoulli.svg"));
    assert_svg(&sb.read_string("output/bernoulli.svg"), 1200, 500);
    // Nothing but the figure and its folder: no temporary file is left behind.
    assert_eq!(sb.listing(), ["output", "output/bernoulli.svg"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("output/bernoulli.svg"),
        "the report should name the file written: {stdout}"
    );
}

#[test]
fn the_canonical_call_writes_a_valid_svg_with_the_mle_label() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "bernoulli", "--out", "fig.svg"]);
    let svg = sb.read_string("fig.svg");
    assert_svg(&svg, 1200, 500);
    assert!(
        svg.contains(DEFAULT_MLE_LABEL),
        "the figure does not show the MLE label '{DEFAULT_MLE_LABEL}'"
    );
    assert_eq!(sb.listing(), ["fig.svg"], "only the asked file is written");
}

#[test]
fn two_outputs_write_an_svg_and_a_png_of_the_default_size() {
    let sb = Sandbox::new();
    sb.run_ok(&["--out", "a.svg", "--out", "b.png"]);
    assert_svg(&sb.read_string("a.svg"), 1200, 500);
    assert_eq!(png_size(&sb.read("b.png")), (1200, 500));
    assert_eq!(sb.listing(), ["a.svg", "b.png"]);
}

#[test]
fn custom_width_and_height_are_respected_by_both_formats() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--width", "640", "--height", "360", "--out", "a.svg", "--out", "b.png",
    ]);
    assert_svg(&sb.read_string("a.svg"), 640, 360);
    assert_eq!(png_size(&sb.read("b.png")), (640, 360));
}

#[test]
fn outputs_in_new_nested_folders_are_created() {
    let sb = Sandbox::new();
    sb.run_ok(&["--out", "a/b/fig.svg", "--csv", "c/s.csv"]);
    assert!(sb.read_string("a/b/fig.svg").starts_with("<svg"));
    assert!(sb.read_string("c/s.csv").starts_with("theta,ll,nll"));
}

#[test]
fn an_existing_output_is_replaced() {
    let sb = Sandbox::new();
    sb.write("fig.svg", "old");
    sb.run_ok(&["--out", "fig.svg"]);
    assert!(sb.read_string("fig.svg").starts_with("<svg"));
    assert_eq!(sb.listing(), ["fig.svg"]);
}

#[test]
fn a_title_is_drawn_and_escaped() {
    let sb = Sandbox::new();
    sb.run_ok(&["--title", "Coin <flips> & more", "--out", "fig.svg"]);
    let svg = sb.read_string("fig.svg");
    assert!(
        svg.contains("Coin &lt;flips&gt; &amp; more"),
        "the title is missing or not escaped as XML text"
    );
    assert!(!svg.contains("<flips>"), "raw markup from the title");
}

#[test]
fn stdout_reports_the_estimate_on_one_line() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["--out", "fig.svg"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("bernoulli: n = 100"), "{stdout}");
    assert!(
        // The estimate with the decimals of its interval, as on the figure.
        stdout.contains("p̂ = 0.300, 95 % LR interval [0.216, 0.394]") && stdout.contains("fig.svg"),
        "{stdout}"
    );
}

/// `nllplot | head -c0`: stdout closed before the report is printed. The files are written and
/// the run is not a failure.
#[test]
fn a_closed_stdout_is_not_a_failure() {
    let sb = Sandbox::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("nllplot"))
        .args(["--out", "fig.svg", "--out", "fig.png"])
        .current_dir(sb.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nllplot");
    // Close the read end at once: the PNG takes far longer than this to render.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "status {status:?}, stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(sb.read_string("fig.svg").starts_with("<svg"));
    assert_eq!(png_size(&sb.read("fig.png")), (1200, 500));
}
