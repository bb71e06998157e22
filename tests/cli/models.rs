//! Models: every parameter swept, fixed or profiled through one pipeline — the roles on the
//! command line, their errors before any work, the JSON `params` and the CSV's profiled
//! columns, and two-parameter figures that obey the theme and the output options.

use crate::common::*;

/// Every role error is a usage error (exit 2) of one line, before anything is read or drawn:
/// the data file named here does not exist, so an error about it would mean work was done.
#[test]
fn roles_that_make_no_sense_are_refused_before_any_work() {
    let sb = Sandbox::new();
    let cases: [(&[&str], &[&str]); 10] = [
        (
            &["--dist", "binomial", "--sweep", "trials"],
            &["trials", "fixed integer", "parameters: p"],
        ),
        (
            &["--dist", "normal", "--sweep", "mean"],
            &["--sweep mean", "no parameter 'mean'", "mu, sigma"],
        ),
        (
            &["--dist", "normal", "--fix", "sigma=2", "--profile", "sigma"],
            &["--fix sigma", "--profile sigma", "fixed or profiled"],
        ),
        (
            &["--dist", "student-t", "--sweep", "mu,scale,nu"],
            &["at most two parameters"],
        ),
        (
            &["--dist", "normal", "--fix", "sigma=-1"],
            &["--fix sigma=-1", "positive"],
        ),
        (
            &["--dist", "normal", "--sweep", "mu", "--fix", "mu=1"],
            &["--fix mu", "swept"],
        ),
        (
            &["--dist", "gamma", "--profile", "rate"],
            &["--profile rate", "swept"],
        ),
        (
            &[
                "--dist",
                "normal",
                "--sweep",
                "mu,sigma",
                "--out",
                "a.gif",
                "--animate",
                "n=10:100",
            ],
            &["a.gif", "surface"],
        ),
        (
            &[
                "--dist", "normal", "--sweep", "mu,sigma", "--layout", "overlay",
            ],
            &["--layout overlay", "surface"],
        ),
        (
            &["--dist", "normal", "--true", "sigma=2"],
            &["--true sigma=2", "fixed at 1", "--profile sigma"],
        ),
    ];
    for (args, needles) in cases {
        let out = sb.run(args);
        assert_one_line_error(&out, 2, needles);
    }
    assert!(sb.listing().is_empty(), "{:?}", sb.listing());
    // A role error wins over the data: the file is never opened.
    let out = sb.run(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "--out",
        "s.html",
        "--data",
        "missing.txt",
    ]);
    assert_one_line_error(&out, 2, &["s.html"]);
}

#[test]
fn a_profile_likelihood_reports_every_parameter_and_its_nuisance_column() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "mu",
        "--profile",
        "sigma",
        "-n",
        "40",
        "--points",
        "51",
        "--json",
        "s.json",
        "--csv",
        "s.csv",
        "--out",
        "f.svg",
    ]);
    let json = sb.json("s.json");
    let params = &json["params"];
    assert_eq!(params["mu"]["role"], "swept");
    assert_eq!(params["sigma"]["role"], "profiled");
    let (mu, sigma) = (num(&params["mu"], "value"), num(&params["sigma"], "value"));
    assert_eq!(num(&json, "mle"), mu);
    // The standard error of μ̂ with σ unknown is σ̂/√n (the information matrix is
    // diag(n/σ̂², 2n/σ̂²) at the joint maximum).
    assert_close(num(&json, "se"), sigma / 40f64.sqrt(), 1e-9, "se");
    assert_close(
        num(&json, "fisher_information"),
        40.0 / (sigma * sigma),
        1e-9,
        "J",
    );
    assert!(json["mle_method"]
        .as_str()
        .unwrap()
        .starts_with("closed form"));
    // The CSV gains the profiled σ̂(μ) = √(S(μ)/n): it is smallest at μ̂ and grows both ways.
    let text = sb.read_string("s.csv");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("theta,ll,nll,sigma"));
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 51);
    let best = rows.iter().min_by(|a, b| a[3].total_cmp(&b[3])).unwrap();
    assert!(
        (best[0] - mu).abs() <= (rows[1][0] - rows[0][0]),
        "{best:?}"
    );
    assert!(rows.iter().all(|r| r[3] >= sigma * (1.0 - 1e-12)));
    // σ̂(μ)² = σ̂² + (μ − μ̂)², the closed form, at every grid point.
    for r in &rows {
        assert_close(
            r[3] * r[3],
            sigma * sigma + (r[0] - mu).powi(2),
            1e-10,
            "σ̂(μ)",
        );
    }
}

#[test]
fn fixed_parameters_are_named_by_their_role_and_the_old_options_still_fix_them() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "student-t",
        "--sweep",
        "mu",
        "--fix",
        "nu=4",
        "--profile",
        "scale",
        "--json",
        "a.json",
        "--out",
        "a.svg",
    ]);
    let a = sb.json("a.json");
    assert_eq!(a["params"]["nu"]["role"], "fixed");
    assert_eq!(num(&a["params"]["nu"], "value"), 4.0);
    assert_eq!(num(&a["known"], "nu"), 4.0);
    assert_eq!(a["params"]["scale"]["role"], "profiled");
    // --nu 4 fixes it the same way, and the same seed draws the same data whatever the roles:
    // LL at the joint maximum is the same number.
    sb.run_ok(&[
        "--dist",
        "student-t",
        "--sweep",
        "mu",
        "--nu",
        "4",
        "--profile",
        "scale",
        "--json",
        "b.json",
        "--out",
        "b.svg",
    ]);
    let b = sb.json("b.json");
    assert_eq!(a["ll_max"], b["ll_max"]);
    // Without any role options every family draws what it drew before: μ with σ known.
    sb.run_ok(&["--dist", "normal", "--json", "c.json", "--out", "c.svg"]);
    let c = sb.json("c.json");
    assert_eq!(c["params"]["mu"]["role"], "swept");
    assert_eq!(c["params"]["sigma"]["role"], "fixed");
    assert_eq!(c["mle_method"], "closed form");
}

#[test]
fn the_old_single_profile_spelling_keeps_its_meaning() {
    // `--sweep mu,sigma --profile sigma` is σ's profile likelihood, μ maximised: the same
    // curve as `--sweep sigma --profile mu`.
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "--profile",
        "sigma",
        "-n",
        "50",
        "--json",
        "old.json",
        "--out",
        "old.svg",
    ]);
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "sigma",
        "--profile",
        "mu",
        "-n",
        "50",
        "--json",
        "new.json",
        "--out",
        "new.svg",
    ]);
    let (old, new) = (sb.json("old.json"), sb.json("new.json"));
    assert_eq!(old["lr_interval"], new["lr_interval"]);
    assert_eq!(old["param"], "σ");
    assert_eq!(old["params"]["mu"]["role"], "profiled");
}

#[test]
fn a_surface_reports_its_params_and_its_profiles_match_the_one_parameter_runs() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "gamma",
        "--sweep",
        "shape,rate",
        "--points-2d",
        "41",
        "--json",
        "s.json",
        "--csv",
        "s.csv",
        "--out",
        "s.svg",
    ]);
    let s = sb.json("s.json");
    assert_eq!(s["swept"], serde_json::json!(["shape", "rate"]));
    assert_eq!(s["params"]["shape"]["role"], "swept");
    assert_eq!(
        num(&s["params"]["rate"], "value"),
        s["mle"][1].as_f64().unwrap()
    );
    assert_eq!(sb.read_string("s.csv").lines().count(), 1 + 41 * 41);
    // The profile of the rate on the surface is the one-parameter profile run's.
    sb.run_ok(&[
        "--dist",
        "gamma",
        "--sweep",
        "rate",
        "--profile",
        "shape",
        "--json",
        "p.json",
        "--out",
        "p.svg",
    ]);
    let p = sb.json("p.json");
    let surface_interval = s["profile_intervals"][1].as_array().unwrap();
    assert_close(
        surface_interval[0].as_f64().unwrap(),
        num(&p["lr_interval"], "lower"),
        1e-12,
        "lower",
    );
    assert_close(
        surface_interval[1].as_f64().unwrap(),
        num(&p["lr_interval"], "upper"),
        1e-12,
        "upper",
    );
}

/// Every theme draws the surface in every format; the print theme in gray only, without a
/// title unless one is given; PNG density and text outlines as for any figure.
#[test]
fn surfaces_obey_the_theme_and_the_output_options() {
    let sb = Sandbox::new();
    for theme in ["default", "dark", "presentation", "print"] {
        sb.run_ok(&[
            "--dist",
            "beta",
            "--sweep",
            "a,b",
            "--points-2d",
            "31",
            "--theme",
            theme,
            "--out",
            &format!("{theme}.svg"),
            "--out",
            &format!("{theme}.png"),
            "--out",
            &format!("{theme}.pdf"),
        ]);
        assert!(sb.read(&format!("{theme}.pdf")).starts_with(b"%PDF-"));
    }
    let print = sb.read_string("print.svg");
    assert!(
        !print.contains("likelihood surface:"),
        "print draws no title"
    );
    assert!(
        print.starts_with("<svg width=\"7in\" height=\"3in\""),
        "{}",
        &print[..60]
    );
    let png = sb.read("print.png");
    let image = png_pixels(&png);
    assert!(
        image.chunks(4).all(|p| p[0] == p[1] && p[1] == p[2]),
        "the print theme's surface is gray"
    );
    let colour = png_pixels(&sb.read("default.png"));
    assert!(
        colour.chunks(4).any(|p| p[0] != p[2]),
        "the default theme's is not"
    );
    sb.run_ok(&[
        "--dist",
        "beta",
        "--sweep",
        "a,b",
        "--points-2d",
        "31",
        "--theme",
        "print",
        "--title",
        "Beta shapes",
        "--text-as-paths",
        "--dpi",
        "300",
        "--out",
        "t.svg",
        "--out",
        "t.png",
    ]);
    let outlined = sb.read_string("t.svg");
    assert!(!outlined.contains("<text"), "text as paths");
    assert_eq!(png_size(&sb.read("t.png")), (2100, 900));
    sb.run_ok(&[
        "--dist",
        "beta",
        "--sweep",
        "a,b",
        "--points-2d",
        "31",
        "--theme",
        "print",
        "--title",
        "Beta shapes",
        "--out",
        "titled.svg",
        "--layout",
        "stacked",
    ]);
    assert!(sb.read_string("titled.svg").contains("Beta shapes"));
}

/// The RGBA pixels of a PNG.
fn png_pixels(bytes: &[u8]) -> Vec<u8> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palette images (the encoder's choice for figures of few colours) expand to RGB(A).
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bytes = &buf[..info.buffer_size()];
    match info.color_type {
        png::ColorType::Rgba => bytes.to_vec(),
        png::ColorType::Rgb => bytes
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("unexpected colour type {other:?}"),
    }
}
