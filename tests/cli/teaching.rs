//! The teaching views: sample-size overlays, animations, two-parameter surfaces and profiles,
//! and the interactive page. Their numbers are checked against independent runs or closed
//! forms; the browser behaviour of the page is checked by tests/browser/html_slider.mjs.

use crate::common::*;

#[test]
fn overlaid_sample_sizes_are_nested_samples_of_one_stream() {
    let sb = Sandbox::new();
    sb.run_ok(&["-n", "10,100,1000", "--json", "all.json", "--out", "o.png"]);
    let all = sb.json("all.json");
    let overlay = all["overlay"].as_array().unwrap();
    assert_eq!(overlay.len(), 3);
    // Each curve is exactly the run of that size alone: the first n draws of the same stream.
    for (entry, n) in overlay.iter().zip(["10", "100", "1000"]) {
        sb.run_ok(&["-n", n, "--json", "one.json", "--out", "one.svg"]);
        let one = sb.json("one.json");
        assert_eq!(entry["n"], one["n"]);
        assert_eq!(entry["mle"], one["mle"]);
        assert_eq!(entry["ll_max"], one["ll_max"]);
        assert_eq!(entry["lr_interval"], one["lr_interval"]);
    }
    // Intervals shrink as n grows.
    let width =
        |e: &serde_json::Value| num(&e["lr_interval"], "upper") - num(&e["lr_interval"], "lower");
    assert!(width(&overlay[0]) > width(&overlay[1]) && width(&overlay[1]) > width(&overlay[2]));
}

#[test]
fn an_animation_has_one_frame_per_step() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--animate",
        "n=10:1000",
        "--frames",
        "5",
        "--fps",
        "5",
        "--width",
        "400",
        "--height",
        "240",
        "--out",
        "a.gif",
    ]);
    let bytes = sb.read("a.gif");
    let mut decoder = gif::DecodeOptions::new().read_info(&bytes[..]).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (400, 240));
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        delays.push(frame.delay);
    }
    // 5 fps → 20 hundredths of a second per frame.
    assert_eq!(delays, vec![20; 5]);
}

#[test]
fn animation_and_overlay_options_are_checked() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--animate", "n=10:100", "--out", "a.svg"],
            "--out NAME.gif",
        ),
        (&["--out", "a.gif"], "--animate"),
        (&["--animate", "n=100:10", "--out", "a.gif"], "must grow"),
        (
            &["--animate", "true=0.2:1.5", "--out", "a.gif"],
            "not a valid p",
        ),
        (
            &["--animate", "lambda=1:2", "--out", "a.gif"],
            "not an animation",
        ),
    ];
    for (args, says) in cases {
        let sb = Sandbox::new();
        let out = sb.run(args);
        assert_one_line_error(&out, 2, &[says]);
        assert!(sb.listing().is_empty(), "{args:?} wrote {:?}", sb.listing());
    }
    let sb = Sandbox::new();
    sb.write("d.txt", "1\n0\n");
    let out = sb.run(&["-n", "10,100", "--data", "d.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_two_parameter_sweep_exports_its_grid_and_profile_intervals() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "-n",
        "40",
        "--points-2d",
        "21",
        "--csv",
        "s.csv",
        "--json",
        "s.json",
        "--out",
        "s.svg",
    ]);
    let csv = sb.read_string("s.csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("theta1,theta2,ll,nll"));
    assert_eq!(lines.count(), 21 * 21);
    let json = sb.json("s.json");
    // Joint contour levels: −ln(1 − L), i.e. scipy.stats.chi2.ppf(L, 2) / 2.
    assert!((json["joint_contours"][0][0].as_f64().unwrap() - 1.147874464449318).abs() < 1e-12);
    assert!((json["joint_contours"][1][0].as_f64().unwrap() - 2.9957322735539895).abs() < 1e-12);
    let mle = json["mle"][0].as_f64().unwrap();
    let lo = json["profile_intervals"][0][0].as_f64().unwrap();
    let hi = json["profile_intervals"][0][1].as_f64().unwrap();
    assert!(lo < mle && mle < hi);
    assert!(sb.read_string("s.svg").starts_with("<svg"));
}

#[test]
fn a_two_parameter_sweep_reads_data_files() {
    let sb = Sandbox::new();
    sb.write("n.txt", "# lengths\n4.9\n5.6\n5.1\n6.3\n4.4\n5.8\n5.2\n");
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "mu,sigma",
        "--data",
        "n.txt",
        "--points-2d",
        "21",
        "--json",
        "n.json",
        "--out",
        "n.svg",
    ]);
    let json = sb.json("n.json");
    assert_eq!(json["source"], "data");
    assert_eq!(json["data"], "n.txt");
    assert!(json["seed"].is_null() && json["theta_true"].is_null());
    assert_eq!(json["n"], 7);
    // numpy: x.mean(), x.std() (ddof = 0) and scipy.stats.norm.logpdf(x, μ̂, σ̂).sum().
    let mle = |k: usize| json["mle"][k].as_f64().unwrap();
    assert_close(mle(0), 5.328571428571428, 1e-15, "μ̂");
    assert_close(mle(1), 0.5799366608624124, 1e-14, "σ̂");
    assert_close(num(&json, "ll_max"), -6.118715024730153, 1e-14, "LL(μ̂, σ̂)");
    // The profile interval of μ in closed form: ΔNLL(μ) = (n/2)·ln(1 + (μ − μ̂)²/σ̂²) = ½χ²₁(0.95)
    // gives μ̂ ± σ̂·√(e^{2c/n} − 1) = [4.832686771045784, 5.824456086097072] (Python, c from
    // scipy.stats.chi2.ppf(0.95, 1)/2).
    let interval = |k: usize| json["profile_intervals"][0][k].as_f64().unwrap();
    assert_close(
        interval(0),
        4.832686771045784,
        1e-11,
        "profile interval of μ, lower",
    );
    assert_close(
        interval(1),
        5.824456086097072,
        1e-11,
        "profile interval of μ, upper",
    );
    let svg = sb.read_string("n.svg");
    assert!(svg.contains("7 observations from n.txt"));
    assert!(
        !svg.contains("true value"),
        "data have no true value to mark"
    );

    // Gamma (shape, rate): scipy.stats.gamma.fit(x, floc=0) gives k̂ = 2.8517764738088074 and
    // rate 1/scale = 1.6203275419368226; the root of ln k − ψ(k) = ln x̄ − mean ln x by
    // scipy.optimize.brentq (xtol 1e-15) gives k̂ = 2.85177647380881, β̂ = k̂/x̄.
    sb.write(
        "g.txt",
        "0.8\n2.3\n1.1\n0.4\n3.9\n1.7\n2.8\n0.9\n1.5\n2.2\n",
    );
    sb.run_ok(&[
        "--dist",
        "gamma",
        "--sweep",
        "shape,rate",
        "--data",
        "g.txt",
        "--points-2d",
        "21",
        "--json",
        "g.json",
        "--out",
        "g.svg",
    ]);
    let json = sb.json("g.json");
    assert_close(
        json["mle"][0].as_f64().unwrap(),
        2.85177647380881,
        1e-12,
        "k̂",
    );
    assert_close(
        json["mle"][1].as_f64().unwrap(),
        1.6203275419368242,
        1e-12,
        "β̂",
    );
    assert_close(num(&json, "ll_max"), -13.328112691798507, 1e-14, "LL(k̂, β̂)");

    // Attosecond-scale data: every axis of the surface and profiles is ticked (plotters alone
    // gives one tick to a span below 2.2e-16), the ticks labelled as multiples of the power
    // of ten the axis title names. Numbers use the minus sign U+2212.
    let atto: String = [2.1, 1.4, 3.0, 2.6, 1.9, 2.2, 0.8, 2.4]
        .iter()
        .map(|v| format!("{v}e-17\n"))
        .collect();
    sb.write("a.txt", atto);
    sb.run_ok(&[
        "--dist", "normal", "--sweep", "mu,sigma", "--data", "a.txt", "--out", "a.svg",
    ]);
    let svg = sb.read_string("a.svg");
    let powers = svg.matches("(× 10⁻¹⁷)").count() + svg.matches("(× 10⁻¹⁸)").count();
    assert!(powers >= 4, "{powers} axis titles name the power of ten");
    let numbers = svg
        .split("<text")
        .filter_map(|t| t.split_once('>').and_then(|(_, r)| r.split_once("</text>")))
        .filter(|(body, _)| body.trim().replace('−', "-").parse::<f64>().is_ok())
        .count();
    assert!(
        numbers >= 4 * 4,
        "{numbers} tick labels on the four axes and the colour bar"
    );
    assert!(
        svg.contains("2.05e−17"),
        "the estimate keeps its power and the minus sign"
    );

    // Bad data name their line; synthetic-only options are refused with --data.
    sb.write("bad.txt", "0.8\n2.3\n-1\n");
    let out = sb.run(&[
        "--dist",
        "gamma",
        "--sweep",
        "shape,rate",
        "--data",
        "bad.txt",
    ]);
    assert_one_line_error(&out, 1, &["bad.txt:3", "-1", "gamma"]);
    let out = sb.run(&[
        "--dist", "normal", "--sweep", "mu,sigma", "--data", "n.txt", "--true2", "2",
    ]);
    assert_one_line_error(&out, 2, &["--true2", "--data"]);
    sb.write("one.txt", "5\n");
    let out = sb.run(&[
        "--dist", "normal", "--sweep", "mu,sigma", "--data", "one.txt",
    ]);
    assert_one_line_error(&out, 1, &["one.txt", "at least two observations"]);
}

#[test]
fn the_interactive_page_is_one_self_contained_file() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "poisson", "--out", "demo.html"]);
    let page = sb.read_string("demo.html");
    assert!(page.starts_with("<!doctype html>"));
    for forbidden in ["src=", "href=", "https://", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert_eq!(sb.listing(), vec!["demo.html".to_string()]);
}
