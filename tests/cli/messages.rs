//! What the messages say and how they look: control characters from paths and data escaped,
//! numbers in the short form of the report, hyphen-leading values taken as values, and
//! nonsense refused or warned about (one `warning:` line, exit status unaffected).

use crate::common::{assert_one_line_error, Sandbox};

const USAGE: i32 = 2;
const FAILURE: i32 = 1;

/// stderr as text, checked to hold no raw control character but the line ends.
fn printable_stderr(out: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    let body = text.trim_end_matches('\n');
    assert!(
        !body.chars().any(char::is_control),
        "stderr holds a raw control character: {text:?}"
    );
    text
}

#[test]
fn control_characters_in_paths_are_escaped() {
    let sb = Sandbox::new();
    let name = "bad\nname\u{1b}[2J\r.txt";
    sb.write(name, "1\nx\n");
    let out = sb.run(&["--dist", "poisson", "--data", name, "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        FAILURE,
        &["bad\\nname\\u{1b}[2J\\r.txt:2: 'x' is not a number"],
    );
    printable_stderr(&out);
    // A file that does not exist: the read error names it the same way.
    let out = sb.run(&["--data", "no\nsuch\u{7}.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, FAILURE, &["cannot read no\\nsuch"]);
    printable_stderr(&out);
    // And so does a clap error quoting an argument.
    let out = sb.run(&["--dist", "bern\roulli"]);
    assert_one_line_error(&out, USAGE, &["bern\\roulli"]);
    printable_stderr(&out);
}

#[test]
fn control_characters_in_data_lines_are_escaped() {
    let sb = Sandbox::new();
    sb.write("esc.txt", "1\n2\n\u{1b}[31mred\t\n");
    let out = sb.run(&["--dist", "poisson", "--data", "esc.txt", "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        FAILURE,
        &["esc.txt:3: '\\u{1b}[31mred' is not a number"],
    );
    printable_stderr(&out);
    // A count with a carriage return in the middle: still one line.
    sb.write("cr.txt", "1\n4\r5\n");
    let out = sb.run(&["--dist", "poisson", "--data", "cr.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, FAILURE, &["cr.txt:2: '4\\r5'"]);
    printable_stderr(&out);
}

#[test]
fn the_summary_line_escapes_output_names_too() {
    let sb = Sandbox::new();
    let out = sb.run_ok(&["-n", "10", "--out", "a\u{1b}b.svg"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("wrote a\\u{1b}b.svg"), "{stdout}");
    assert!(sb.exists("a\u{1b}b.svg"));
}

#[test]
fn numbers_in_messages_are_short() {
    let sb = Sandbox::new();
    for (args, says) in [
        (&["--width", "1e308"][..], "not 1e308px"),
        (&["--dpi", "1e308"][..], "not 1e308"),
        (&["--level", "1e300"][..], "not 1e300"),
        (&["--font-size", "1e300"][..], "not 1e300"),
        (&["--dist", "normal", "--sigma=-1e-320"][..], "not -1e-320"),
        (
            &["--animate", "n=10:20", "--fps", "1e300", "--out", "a.gif"][..],
            "not 1e300",
        ),
        (
            &[
                "--dist",
                "poisson",
                "--animate",
                "true=1e-300:1e300",
                "--out",
                "a.gif",
            ][..],
            "true=1e-300:1e300: 1e300 is not a valid λ",
        ),
        (&["--range=1e-300:1e300"][..], "--range=1e-300:1e300"),
    ] {
        let out = sb.run(args);
        assert_one_line_error(&out, USAGE, &[says]);
        let err = printable_stderr(&out);
        assert!(err.len() < 400, "a message of {} bytes: {err}", err.len());
        assert!(!err.contains("0000000000"), "{err}");
    }
}

#[test]
fn an_estimate_past_the_range_of_doubles_is_explained() {
    let sb = Sandbox::new();
    let out = sb.run(&["--dist", "normal", "--sigma", "1e308", "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        FAILURE,
        &[
            "no finite maximum-likelihood estimate of μ",
            "range of a double",
        ],
    );
    assert!(!printable_stderr(&out).contains("NaN"));
}

#[test]
fn values_that_begin_with_a_hyphen_are_values() {
    let sb = Sandbox::new();
    let out = sb.run(&["--width", "-5", "--out", "f.svg"]);
    assert_one_line_error(&out, USAGE, &["--width must be positive, not -5px"]);
    let out = sb.run(&["--height=-2cm", "--out", "f.svg"]);
    assert_one_line_error(&out, USAGE, &["--height must be positive, not -2cm"]);
    let out = sb.run(&["--seed", "-1", "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        USAGE,
        &["--seed", "a seed is a whole number from 0 to 2^64-1"],
    );
    for args in [
        &["--frames", "-3", "--animate", "n=1:10", "--out", "a.gif"][..],
        &["--points", "-3"][..],
        &["-n", "-5"][..],
        &["--size=12cm x -1cm"][..],
    ] {
        let out = sb.run(args);
        assert_one_line_error(&out, USAGE, &[]);
        let err = printable_stderr(&out);
        assert!(!err.contains("<COMMAND>"), "{args:?}: {err}");
        assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
    }
    // A file name that begins with '-' is a file name.
    sb.run_ok(&["-n", "10", "--out", "-.svg"]);
    assert!(sb.exists("-.svg"));
}

#[test]
fn empty_input_says_it_is_empty() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args(["--data", "-", "--out", "f.svg"])
        .write_stdin(Vec::new())
        .output()
        .unwrap();
    assert_one_line_error(&out, FAILURE, &["<stdin>: standard input is empty"]);
    sb.write("empty.txt", "");
    let out = sb.run(&["--data", "empty.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, FAILURE, &["empty.txt: the file is empty"]);
    sb.write("comments.txt", "# nothing yet\n\n");
    let out = sb.run(&["--data", "comments.txt", "--out", "f.svg"]);
    assert_one_line_error(&out, FAILURE, &["comments.txt: no observations"]);
    assert!(!sb.exists("f.svg"));
}

#[test]
fn unreadably_small_rasters_and_frozen_animations_are_refused() {
    let sb = Sandbox::new();
    let out = sb.run(&["--png-scale", "1e-9", "--out", "f.png"]);
    assert_one_line_error(
        &out,
        USAGE,
        &["'f.png' would be 0 pixels", "at least 64 pixels"],
    );
    let out = sb.run(&["--dpi", "10", "--width", "300", "--out", "f.png"]);
    assert_one_line_error(&out, USAGE, &["f.png", "at least 64 pixels"]);
    let out = sb.run(&["--animate", "n=10:20", "--fps", "1e-9", "--out", "a.gif"]);
    assert_one_line_error(&out, USAGE, &["--fps must be between 0.01 and 100"]);
    assert!(sb.listing().is_empty(), "{:?}", sb.listing());
    // The same scale is harmless for a vector figure, and a readable PNG is drawn.
    sb.run_ok(&[
        "-n",
        "10",
        "--png-scale",
        "0.5",
        "--out",
        "f.png",
        "--out",
        "f.svg",
    ]);
}

#[test]
fn repeated_sample_sizes_warn_and_draw_each_once() {
    let sb = Sandbox::new();
    let out = sb.run(&["-n", "10,10,10,40", "--json", "s.json", "--out", "f.svg"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = printable_stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        ["warning: -n repeats 10 (given 3 times); one curve is drawn per distinct size"],
        "{err}"
    );
    let overlay = sb.json("s.json")["overlay"].as_array().unwrap().len();
    assert_eq!(overlay, 2);
    // --quiet prints nothing but errors.
    let out = sb.run(&["-q", "-n", "10,10,40", "--out", "g.svg"]);
    assert!(out.status.success() && out.stderr.is_empty());
}

#[test]
fn options_the_figure_ignores_are_warned_about() {
    let sb = Sandbox::new();
    let warning = |args: &[&str]| {
        let out = sb.run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        printable_stderr(&out)
    };
    let err = warning(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "-n",
        "20",
        "--points-2d",
        "11",
        "--points",
        "50",
        "--annotate",
        "wald",
        "--y",
        "delta",
        "--out",
        "s.svg",
    ]);
    assert_eq!(
        err.trim_end(),
        "warning: a surface (--sweep A,B) ignores --points (its grid is --points-2d), --annotate, --y (it shows ΔNLL)"
    );
    let err = warning(&["-n", "20", "--points-2d", "11", "--out", "c.svg"]);
    assert!(
        err.starts_with("warning: --points-2d sets the grid of a surface"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_title_longer_than_the_figure_can_hold_is_refused() {
    let sb = Sandbox::new();
    let long = "a very long title ".repeat(40);
    let out = sb.run(&["--title", &long, "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        USAGE,
        &["--title is too long for a figure 1200px wide"],
    );
    let out = sb.run(&["--label", &format!("title={long}"), "--out", "f.svg"]);
    assert_one_line_error(&out, USAGE, &["--label title is too long"]);
    // A title of two lines' worth is drawn.
    sb.run_ok(&[
        "-n",
        "10",
        "--title",
        &"a long title ".repeat(12),
        "--out",
        "f.svg",
    ]);
}

#[test]
fn counts_above_2_to_the_53_are_refused_even_when_they_round() {
    let sb = Sandbox::new();
    sb.write("big.txt", "3\n9007199254740993\n");
    let out = sb.run(&["--dist", "poisson", "--data", "big.txt", "--out", "f.svg"]);
    assert_one_line_error(
        &out,
        FAILURE,
        &[
            "big.txt:2: 9007199254740993 is not a possible poisson observation",
            "2^53",
        ],
    );
    sb.write("near.txt", "2.0000000000000001\n");
    let out = sb.run(&[
        "--dist",
        "geometric",
        "--data",
        "near.txt",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, FAILURE, &["near.txt:1: 2.0000000000000001"]);
    let out = sb.run(&[
        "--dist",
        "poisson",
        "-n",
        "9007199254740993",
        "--out",
        "f.svg",
    ]);
    assert_one_line_error(&out, USAGE, &["--samples 9007199254740993 is above 2^53"]);
    // 2⁵³ itself is a count a double holds.
    sb.write("top.txt", "9007199254740992\n");
    sb.run_ok(&[
        "-q", "--dist", "poisson", "--data", "top.txt", "--out", "f.svg",
    ]);
}
