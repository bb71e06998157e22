//! The interactive page (`--out *.html`): one self-contained file whose every input has a
//! label, whose curves are the CSV's numbers for the same options, n and true value, whose
//! score and information follow the closed forms, and which works for a user's model
//! (`--logf`) and for a data file as well as for a built-in family's draws. What stays refused
//! is refused in one line, with nothing written.

use crate::common::*;
use serde_json::Value;

/// The page's data block.
fn data_of(page: &str) -> Value {
    let open = "<script id=\"data\" type=\"application/json\">";
    let start = page.find(open).expect("the page has its data block") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

fn floats(v: &Value) -> Vec<Option<f64>> {
    v.as_array().unwrap().iter().map(Value::as_f64).collect()
}

/// Every NLL the page keeps for `curve` equals the CSV's at the same grid index, to 1e-9, and
/// the grid's ends are the CSV's first and last θ.
fn assert_curve_is_csv(data: &Value, curve: &Value, csv: &Csv) {
    let kept: Vec<usize> = data["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    assert_eq!(data["points"].as_u64().unwrap() as usize, csv.rows.len());
    assert_eq!(curve["lo"].as_f64().unwrap(), csv.rows[0].theta);
    assert_eq!(
        curve["hi"].as_f64().unwrap(),
        csv.rows.last().unwrap().theta
    );
    let nll = floats(&curve["nll"]);
    assert_eq!(nll.len(), kept.len());
    for (k, &i) in kept.iter().enumerate() {
        let page = nll[k].expect("a finite NLL");
        assert!(
            (page - csv.rows[i].nll).abs() <= 1e-9,
            "row {i}: the page's NLL {page} is not the CSV's {}",
            csv.rows[i].nll
        );
    }
}

#[test]
fn the_page_is_self_contained_and_labels_every_input() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "poisson", "--out", "demo.html"]);
    let page = sb.read_string("demo.html");
    let lower = page.to_ascii_lowercase();
    for forbidden in [
        "http://",
        "https://",
        "<script src",
        "@import",
        "url(",
        "<link",
        "<img",
        "<iframe",
    ] {
        assert!(!lower.contains(forbidden), "the page holds {forbidden}");
    }
    // Every input has a <label for> naming it (the page's only inputs: sliders and a box).
    let mut inputs = 0;
    for part in page.split("<input id=\"").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            page.contains(&format!("<label for=\"{id}\"")),
            "input {id} has no label"
        );
        inputs += 1;
    }
    assert_eq!(inputs, 4, "n, true value, cursor, freeze");
}

#[test]
fn the_page_s_curves_are_the_csv_s_for_the_same_n_and_true_value() {
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist", "poisson", "-n", "100", "--out", "p.html", "--csv", "p.csv",
    ]);
    let data = data_of(&sb.read_string("p.html"));
    assert_eq!(data["ns"], serde_json::json!([5, 11, 23, 50, 100]));
    let start = data["start"].as_u64().unwrap() as usize;
    let truth = &data["truths"][start];
    assert_eq!(
        truth["value"].as_f64(),
        Some(4.0),
        "the run's own λ, the default"
    );
    assert_curve_is_csv(&data, &truth["curves"][4], &sb.csv("p.csv"));

    // Another true value and a smaller n: the CSV of that run.
    let other = &data["truths"][1];
    let value = other["value"].as_f64().unwrap();
    sb.run_ok(&[
        "--dist",
        "poisson",
        "-n",
        "23",
        "--true",
        &format!("{value:?}"),
        "--csv",
        "q.csv",
        "--out",
        "q.svg",
    ]);
    assert_curve_is_csv(&data, &other["curves"][2], &sb.csv("q.csv"));
}

#[test]
fn the_score_and_information_on_the_page_are_the_poisson_closed_forms() {
    // Poisson: U(λ) = S/λ − n and J(λ) = S/λ², with S = n·λ̂ (worked by hand from
    // LL = S·ln λ − n·λ − Σ ln xᵢ!); the page writes them to six significant digits.
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "poisson", "-n", "50", "--out", "p.html"]);
    let data = data_of(&sb.read_string("p.html"));
    let start = data["start"].as_u64().unwrap() as usize;
    let curve = &data["truths"][start]["curves"][3];
    let n = curve["n"].as_f64().unwrap();
    assert_eq!(n, 50.0);
    let s = n * curve["mle"].as_f64().unwrap();
    let (lo, hi) = (curve["lo"].as_f64().unwrap(), curve["hi"].as_f64().unwrap());
    let points = data["points"].as_f64().unwrap();
    let (u, j) = (floats(&curve["u"]), floats(&curve["j"]));
    for (k, i) in data["kept"].as_array().unwrap().iter().enumerate() {
        let i = i.as_f64().unwrap();
        let lambda = if i + 1.0 == points {
            hi
        } else {
            lo + i * (hi - lo) / (points - 1.0)
        };
        assert_close(u[k].unwrap(), s / lambda - n, 1e-5, "U(λ)");
        assert_close(j[k].unwrap(), s / (lambda * lambda), 1e-5, "J(λ)");
    }
    assert_close(
        curve["jHat"].as_f64().unwrap(),
        n * n / s,
        1e-9,
        "J(λ̂) = n/λ̂",
    );
}

#[test]
fn a_user_model_s_page_is_accepted_and_matches_its_csv() {
    let sb = Sandbox::new();
    let model = [
        "--logf",
        "x*ln(lam) - lam - lgamma(x+1)",
        "--bounds",
        "lam=0:inf",
        "--draw",
        "poisson",
        "--true",
        "3",
        "-n",
        "50",
    ];
    let mut args = model.to_vec();
    args.extend(["--out", "m.html", "--csv", "m.csv"]);
    sb.run_ok(&args);
    let page = sb.read_string("m.html");
    let data = data_of(&page);
    assert!(data["family"]
        .as_str()
        .unwrap()
        .contains("x*ln(lam) - lam - lgamma(x+1)"));
    let start = data["start"].as_u64().unwrap() as usize;
    let truth = &data["truths"][start];
    assert_eq!(truth["generator"], "Poisson(λ = 3)");
    assert_eq!(truth["panel"]["counts"], true, "Poisson draws are counts");
    let last = truth["curves"].as_array().unwrap().len() - 1;
    assert_curve_is_csv(&data, &truth["curves"][last], &sb.csv("m.csv"));
}

#[test]
fn a_data_page_steps_n_over_the_first_rows_of_the_file() {
    let sb = Sandbox::new();
    let counts = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    let text: String = counts.iter().map(|c| format!("{c}\n")).collect();
    sb.write("counts.txt", &text);
    let five: String = counts[..5].iter().map(|c| format!("{c}\n")).collect();
    sb.write("five.txt", &five);
    sb.run_ok(&[
        "--dist",
        "poisson",
        "--data",
        "counts.txt",
        "--out",
        "d.html",
        "--csv",
        "d.csv",
    ]);
    sb.run_ok(&[
        "--dist", "poisson", "--data", "five.txt", "--csv", "e.csv", "--out", "e.svg",
    ]);
    let page = sb.read_string("d.html");
    assert!(
        !page.contains("id=\"truth\"") || data_of(&page)["dataName"] == "counts.txt",
        "the true-value slider is removed for observed data"
    );
    let data = data_of(&page);
    assert_eq!(data["dataName"], "counts.txt");
    assert_eq!(data["ns"], serde_json::json!([5, 11, 20]));
    let truths = data["truths"].as_array().unwrap();
    assert_eq!(truths.len(), 1);
    assert!(truths[0]["value"].is_null());
    assert_curve_is_csv(&data, &truths[0]["curves"][2], &sb.csv("d.csv"));
    assert_curve_is_csv(&data, &truths[0]["curves"][0], &sb.csv("e.csv"));
    // The histogram of the first 5 rows: counts 1, 1, 1 (3, 4, 5) and 2 (the two 1s).
    let hist: Vec<u64> = truths[0]["curves"][0]["hist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(hist.iter().sum::<u64>(), 5);
    assert_eq!(hist[0], 2, "the value 1, the data's minimum, twice");
}

#[test]
fn a_regression_page_shows_the_scatter_of_its_columns() {
    let sb = Sandbox::new();
    sb.write(
        "xy.csv",
        "x,y\n-2,0\n-1.5,0\n-1,1\n-0.5,0\n0,1\n0.5,0\n1,1\n1.5,1\n2,1\n-0.2,0\n",
    );
    sb.run_ok(&[
        "--logf",
        "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))",
        "--data",
        "xy.csv",
        "--sweep",
        "b",
        "--out",
        "r.html",
    ]);
    let data = data_of(&sb.read_string("r.html"));
    let panel = &data["truths"][0]["panel"];
    assert_eq!(panel["kind"], "scatter");
    assert_eq!(
        (&panel["xName"], &panel["yName"]),
        (&"x".into(), &"y".into())
    );
    assert_eq!(panel["x"].as_array().unwrap().len(), 10);
    assert_eq!(data["profiled"], serde_json::json!(["a"]));
}

#[test]
fn what_the_page_cannot_show_is_refused_in_one_line_and_nothing_is_written() {
    let sb = Sandbox::new();
    sb.write("p.html", KNOWN_FIGURE);
    let cases: [(&[&str], &[&str]); 2] = [
        (
            &["--dist", "normal", "--sweep", "mu,sigma", "--out", "p.html"],
            &["p.html", "one swept parameter"],
        ),
        (
            &["--dist", "poisson", "--param", "natural", "--out", "p.html"],
            &["--param natural", "drop"],
        ),
    ];
    for (args, needles) in cases {
        let out = sb.run(args);
        assert_one_line_error(&out, 2, needles);
    }
    // A built-in family's data on standard input cannot be read a second time for the
    // nested samples.
    let out = sb
        .cmd()
        .args(["--dist", "poisson", "--data", "-", "--out", "p.html"])
        .write_stdin("1\n2\n3\n")
        .output()
        .unwrap();
    assert_one_line_error(&out, 2, &["--data -", "standard input"]);
    assert_eq!(sb.read_string("p.html"), KNOWN_FIGURE);
    assert_eq!(sb.listing(), vec!["p.html".to_string()]);
}

#[test]
fn an_irregular_model_s_page_says_the_chi_square_p_values_do_not_apply() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "uniform", "-n", "20", "--out", "u.html"]);
    sb.run_ok(&["--dist", "poisson", "-n", "20", "--out", "p.html"]);
    let uniform = data_of(&sb.read_string("u.html"));
    assert!(uniform["irregular"]
        .as_str()
        .is_some_and(|why| why.contains("support")));
    assert!(data_of(&sb.read_string("p.html"))["irregular"].is_null());
}

#[test]
fn a_profile_page_has_the_profile_score_and_information_of_the_normal_mean() {
    // Normal μ with σ maximised: LLp(μ) = −n/2·ln(2π·σ̂²(μ)) − n/2, so (by hand)
    // U(μ) = n·d/σ̂², J(μ) = n·(σ̂² − 2d²)/σ̂⁴ with d = μ̂ − μ and σ̂(μ) the CSV's sigma column.
    let sb = Sandbox::new();
    sb.run_ok(&[
        "--dist",
        "normal",
        "--sweep",
        "mu",
        "--profile",
        "sigma",
        "-n",
        "60",
        "--out",
        "p.html",
        "--csv",
        "p.csv",
    ]);
    let data = data_of(&sb.read_string("p.html"));
    assert_eq!(data["profiled"], serde_json::json!(["σ"]));
    let start = data["start"].as_u64().unwrap() as usize;
    let curves = data["truths"][start]["curves"].as_array().unwrap();
    let curve = curves.last().unwrap();
    let n = curve["n"].as_f64().unwrap();
    let mle = curve["mle"].as_f64().unwrap();
    let text = sb.read_string("p.csv");
    let rows: Vec<Vec<f64>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|f| f.parse().unwrap()).collect())
        .collect();
    let (u, j) = (floats(&curve["u"]), floats(&curve["j"]));
    for (k, i) in data["kept"].as_array().unwrap().iter().enumerate() {
        let row = &rows[i.as_u64().unwrap() as usize];
        let (mu, s2) = (row[0], row[3] * row[3]);
        let d = mle - mu;
        assert_close(u[k].unwrap(), n * d / s2, 1e-5, "profile U(μ)");
        assert_close(
            j[k].unwrap(),
            n * (s2 - 2.0 * d * d) / (s2 * s2),
            1e-5,
            "profile J(μ)",
        );
    }
}

#[test]
fn the_page_is_the_same_bytes_for_any_thread_count() {
    let sb = Sandbox::new();
    for threads in ["1", "2", "3"] {
        let out = sb
            .cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args(["--dist", "cauchy", "-n", "300", "--out"])
            .arg(format!("t{threads}.html"))
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let one = sb.read("t1.html");
    assert_eq!(one, sb.read("t2.html"));
    assert_eq!(one, sb.read("t3.html"));
}

/// The rows of a CSV with extra columns (a profile's b0 beside theta, ll, nll), by name.
fn columns_of(text: &str) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut lines = text.lines();
    let names = lines.next().unwrap().split(',').map(String::from).collect();
    let rows = lines
        .map(|l| l.split(',').map(|f| f.parse().unwrap()).collect())
        .collect();
    (names, rows)
}

#[test]
fn a_logistic_page_starts_n_where_the_samples_have_an_estimate_and_draws_the_fitted_curve() {
    // The ladder's small nested samples of a logistic regression are separated (no finite
    // b₁̂): the page used to refuse the whole run. It now starts its n slider at a size whose
    // samples have an estimate, says so, and keeps the curves equal to the CSV's.
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "logistic", "--out", "l.html"]);
    let data = data_of(&sb.read_string("l.html"));
    let ns: Vec<u64> = data["ns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(*ns.last().unwrap(), 100);
    assert!(
        ns[0] > 5,
        "the n slider starts above the separated sizes: {ns:?}"
    );
    let note = data["skipped"]
        .as_str()
        .expect("the page says why n starts late");
    assert!(
        note.contains(&format!("starts at {}", ns[0])) && note.contains("separated"),
        "{note}"
    );
    // The size before the start, at the true value the note names, is refused by a run of
    // its own: the note tells the truth.
    let before = [5, 11, 23, 50][[5, 11, 23, 50].iter().position(|&n| n == ns[0]).unwrap() - 1];
    assert!(
        note.contains(&format!("at n = {before}, true b₁ = ")),
        "{note}"
    );
    let named = note.split("true b₁ = ").nth(1).unwrap();
    let named = &named[..named.find(',').unwrap()];
    let truths = data["truths"].as_array().unwrap();
    let t = truths
        .iter()
        .find(|t| {
            let v = t["value"].as_f64().unwrap();
            (v - named.parse::<f64>().unwrap()).abs() < 1e-3 * v.abs().max(1.0)
        })
        .expect("the named true value is on the slider");
    let value = format!("{:?}", t["value"].as_f64().unwrap());
    let refused = sb.run(&[
        "--dist",
        "logistic",
        "-n",
        &before.to_string(),
        "--true",
        &value,
        "--out",
        "x.svg",
    ]);
    assert_one_line_error(&refused, 1, &["separated"]);

    // The true-value slider sweeps b₁ with b₀ profiled: its values differ, and another
    // value's curve at the first n is the CSV of that run (b₀ maximised at each b₁).
    assert!(truths.len() >= 10, "{} true values", truths.len());
    let start = data["start"].as_u64().unwrap() as usize;
    assert_eq!(truths[start]["value"].as_f64(), Some(1.5), "the default b₁");
    let other = &truths[1];
    let other_value = format!("{:?}", other["value"].as_f64().unwrap());
    let first = ns[0].to_string();
    sb.run_ok(&[
        "--dist",
        "logistic",
        "-n",
        &first,
        "--true",
        &other_value,
        "--csv",
        "o.csv",
        "--out",
        "o.svg",
    ]);
    let (names, rows) = columns_of(&sb.read_string("o.csv"));
    assert_eq!(names, ["theta", "ll", "nll", "b0"]);
    let curve = &other["curves"][0];
    assert_eq!(curve["n"].as_u64(), Some(ns[0]));
    let kept: Vec<usize> = data["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let nll = floats(&curve["nll"]);
    for (k, &i) in kept.iter().enumerate() {
        assert!((nll[k].unwrap() - rows[i][2]).abs() <= 1e-9, "row {i}");
    }
    assert_ne!(curve["nll"], truths[start]["curves"][0]["nll"]);

    // The data panel: the scatter of the drawn (x, y) rows, y ∈ {0, 1}, and at each cursor
    // the mean response σ(b₀ + b₁x) with b₁ the cursor's and b₀ the CSV's profiled one there
    // (hand-worked logistic function; the page keeps four significant digits).
    let panel = &other["panel"];
    assert_eq!(panel["kind"], "scatter");
    let y = floats(&panel["y"]);
    assert_eq!(y.len(), 100);
    assert!(y
        .iter()
        .all(|v| matches!(v, Some(a) if *a == 0.0 || *a == 1.0)));
    let xs = floats(&panel["xs"]);
    let cursors = data["cursors"].as_array().unwrap();
    assert!(cursors.len() > 2);
    for (c, at) in cursors.iter().enumerate() {
        let i = kept[at.as_u64().unwrap() as usize];
        let (b1, b0) = (rows[i][0], rows[i][3]);
        let model = floats(&curve["model"][c]);
        assert_eq!(model.len(), xs.len());
        for (x, m) in xs.iter().zip(&model) {
            let want = 1.0 / (1.0 + (-(b0 + b1 * x.unwrap())).exp());
            let got = m.expect("a mean at every x");
            // x and the mean are written with four significant digits each.
            assert!((got - want).abs() <= 1e-4 + 5e-3 * want, "{got} vs {want}");
        }
    }
}

#[test]
fn a_linear_page_draws_the_scatter_and_its_fitted_line() {
    let sb = Sandbox::new();
    sb.run_ok(&["--dist", "linear", "--out", "l.html"]);
    let data = data_of(&sb.read_string("l.html"));
    assert_eq!(data["ns"], serde_json::json!([5, 11, 23, 50, 100]));
    assert_eq!(data["skipped"], Value::Null);
    let truth = &data["truths"][data["start"].as_u64().unwrap() as usize];
    assert_eq!(truth["panel"]["kind"], "scatter");
    assert_eq!(truth["panel"]["x"].as_array().unwrap().len(), 100);
    // A straight line: equal steps in x, equal steps in the mean.
    let model = floats(&truth["curves"][4]["model"][0]);
    let d: Vec<f64> = model
        .windows(2)
        .map(|w| w[1].unwrap() - w[0].unwrap())
        .collect();
    assert!(d
        .iter()
        .all(|s| (s - d[0]).abs() <= 1e-3 * d[0].abs().max(1.0)));
}

#[test]
fn a_logistic_page_whose_own_sample_is_separated_is_refused_in_one_line() {
    // At n = 10 the run's own sample (seed 42) is separated even at its largest size: no
    // size of the ladder can stand in, so the run's error stands and nothing is written.
    let sb = Sandbox::new();
    sb.write("p.html", KNOWN_FIGURE);
    let out = sb.run(&["--dist", "logistic", "-n", "10", "--out", "p.html"]);
    assert_one_line_error(&out, 1, &["separated", "no finite estimate"]);
    sb.write("sep.csv", "x,y\n0,0\n1,1\n2,1\n");
    let out = sb.run(&["--dist", "logistic", "--data", "sep.csv", "--out", "p.html"]);
    assert_one_line_error(&out, 1, &["sep.csv", "separated"]);
    assert_eq!(sb.read_string("p.html"), KNOWN_FIGURE);
}

#[test]
fn a_separated_sample_among_several_sizes_is_named_by_its_size() {
    // A static figure of several sizes or an animation over n draws every size's θ̂, interval
    // and ΔNLL, which a separated sample does not have: the run is refused, and the error
    // says which size (it used to say only "the sample").
    let sb = Sandbox::new();
    for args in [
        &["--dist", "logistic", "-n", "10,100,1000", "--out", "f.svg"][..],
        &[
            "--dist",
            "logistic",
            "--animate",
            "n=10:1000",
            "--out",
            "a.gif",
        ][..],
    ] {
        let out = sb.run(args);
        assert_one_line_error(&out, 1, &["the sample of n = 10:", "separated"]);
    }
    assert!(sb.listing().is_empty());
}
