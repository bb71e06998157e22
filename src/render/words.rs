//! Every piece of text a one-parameter figure shows, in English by default and replaced by
//! the figure's `--label` templates where it has them.
//!
//! The numbers are formatted here, once: the estimate and both ends of each interval share
//! the decimals [`Precision`] picks from the standard error (or the interval's width), in the
//! caption, the mark labels and every template's `{placeholders}`.

use super::{percent, Figure, Panel};
use crate::config::YScale;
use crate::digits::Precision;
use crate::inference::End;
use crate::labels;

/// The value of a placeholder, formatted.
pub(super) fn placeholder(figure: &Figure, name: &str) -> Option<String> {
    let inf = figure.inference;
    let p = precision(figure);
    let (lo, hi) = inf.lr;
    Some(match name {
        "n" => figure.n.to_string(),
        "param" => figure.axis.symbol.clone(),
        "hat" => figure.axis.hat.clone(),
        "mle" => p.format(inf.mle),
        "true" => true_value(figure.x_true?),
        "level" => percent(inf.level),
        "threshold" => super::number(inf.threshold),
        "lo" => p.format(lo.value),
        "hi" => p.format(hi.value),
        "interval" => {
            let open = |b: crate::inference::Bound, left: bool| match (b.end, left) {
                (End::Open, true) => "(",
                (End::Open, false) => ")",
                (_, true) => "[",
                (_, false) => "]",
            };
            format!(
                "{}{}, {}{}",
                open(lo, true),
                p.format(lo.value),
                p.format(hi.value),
                open(hi, false)
            )
        }
        "wald" => {
            let (a, b) = inf.wald?;
            p.interval(a, b)
        }
        "se" => p.format(inf.se()?),
        "j" => super::number(*inf.information.as_ref().ok()?),
        "seed" => figure.seed?.to_string(),
        "points" => figure.sweep.grid.points.to_string(),
        _ => return None,
    })
}

/// The decimals of the estimate and its intervals: from the SE where there is one, else from
/// the likelihood-ratio interval's width.
pub(super) fn precision(figure: &Figure) -> Precision {
    let inf = figure.inference;
    Precision::of_estimate(inf.mle, inf.se(), (inf.lr.0.value, inf.lr.1.value))
}

/// A true value as given: its shortest digits, or four significant ones if those are long.
fn true_value(x: f64) -> String {
    let short = crate::digits::shortest(x);
    if short.len() <= 7 {
        short.replace('-', "−")
    } else {
        super::number(x)
    }
}

/// The figure's text for `key`: its label template expanded, or `default`.
pub(super) fn text(figure: &Figure, key: &str, default: impl FnOnce() -> String) -> String {
    match figure.options.labels.get(key) {
        Some(template) => labels::expand(template, &|name| placeholder(figure, name)),
        None => default(),
    }
}

/// Whether the figure's label for `key` was given.
pub(super) fn given(figure: &Figure, key: &str) -> bool {
    figure.options.labels.get(key).is_some()
}

/// The title, if the figure has one.
pub(super) fn title(figure: &Figure) -> Option<String> {
    let t = figure.theme();
    let wanted = figure.options.title.is_some() || t.default_title || given(figure, "title");
    wanted.then(|| {
        text(figure, "title", || {
            labels::expand(&figure.title, &|name| placeholder(figure, name))
        })
    })
}

/// The subtitle's parts (empty when the theme has none and none was given).
pub(super) fn subtitle(figure: &Figure) -> Vec<String> {
    if given(figure, "subtitle") {
        return vec![text(figure, "subtitle", String::new)];
    }
    if !figure.theme().notes {
        return Vec::new();
    }
    figure.subtitle.split(" · ").map(str::to_string).collect()
}

/// The footer caption's parts: the estimate and whichever intervals are annotated, then
/// `extra`'s (the optional marks', composed in [`super::extras`] so that this file, which
/// every mark uses, imports none of them).
pub(super) fn footer(figure: &Figure, extra: &dyn Fn() -> Vec<String>) -> Vec<String> {
    if !figure.options.caption {
        return Vec::new();
    }
    if given(figure, "caption") {
        return vec![text(figure, "caption", String::new)];
    }
    if !figure.theme().notes {
        return Vec::new();
    }
    let inf = figure.inference;
    let notes = &figure.options.annotations;
    let value = |name: &str| placeholder(figure, name).unwrap_or_default();
    let mut parts = vec![format!("{} = {}", figure.axis.hat, value("mle"))];
    if notes.se || notes.wald {
        match (&inf.information, inf.se()) {
            (Ok(_), Some(_)) => parts.push(format!("SE = {} (J = {})", value("se"), value("j"))),
            (Err(why), _) => parts.push(format!(
                "no observed information −LL″({}): {why}",
                figure.axis.hat
            )),
            _ => {}
        }
    }
    let pct = percent(inf.level);
    if notes.interval {
        parts.push(format!(
            "{pct} likelihood-ratio interval {}",
            value("interval")
        ));
    }
    if notes.wald && inf.wald.is_some() {
        parts.push(format!("{pct} Wald interval {}", value("wald")));
    }
    parts.extend(extra());
    parts
}

/// A panel's long and short titles.
pub(super) fn panel_title(figure: &Figure, panel: Panel) -> [String; 2] {
    let sym = figure.axis.symbol.as_str();
    let hat = figure.axis.hat.as_str();
    let (key, long, short) = match (panel, figure.options.y) {
        (Panel::Data | Panel::Empty, _) => (
            "data-title",
            "Data and the fitted curve".to_string(),
            "Data".to_string(),
        ),
        (Panel::LogLikelihood, YScale::Absolute) => (
            "ll-title",
            format!("Log-likelihood LL({sym})"),
            format!("LL({sym})"),
        ),
        (Panel::LogLikelihood, YScale::Delta) => (
            "ll-title",
            "Log-likelihood relative to its maximum".to_string(),
            format!("LL({sym}) − LL({hat})"),
        ),
        (Panel::LogLikelihood, YScale::PerObs) => (
            "ll-title",
            "Log-likelihood per observation".to_string(),
            format!("LL({sym}) / n"),
        ),
        (Panel::Negative, YScale::Absolute) => (
            "nll-title",
            format!("Negative log-likelihood NLL({sym}) = −LL({sym})"),
            format!("NLL({sym}) = −LL({sym})"),
        ),
        (Panel::Negative, YScale::Delta) => (
            "nll-title",
            format!("ΔNLL({sym}) = NLL({sym}) − NLL({hat})"),
            format!("ΔNLL({sym})"),
        ),
        (Panel::Negative, YScale::PerObs) => (
            "nll-title",
            "Negative log-likelihood per observation".to_string(),
            format!("NLL({sym}) / n"),
        ),
        (Panel::Both, y) => (
            "overlay-title",
            match y {
                YScale::Absolute => "Log-likelihood and negative log-likelihood".to_string(),
                YScale::Delta => {
                    format!("Log-likelihood and negative log-likelihood, relative to {hat}")
                }
                YScale::PerObs => {
                    "Log-likelihood and negative log-likelihood per observation".to_string()
                }
            },
            "LL and NLL".to_string(),
        ),
    };
    if given(figure, key) {
        let t = text(figure, key, String::new);
        return [t.clone(), t];
    }
    [long, short]
}

/// A y axis' title.
pub(super) fn y_title(figure: &Figure, panel: Panel) -> String {
    let sym = figure.axis.symbol.as_str();
    let hat = figure.axis.hat.as_str();
    let (key, default) = match (panel, figure.options.y) {
        (Panel::Data | Panel::Empty, _) => ("data-y", "y".to_string()),
        (Panel::Negative, YScale::Absolute) => ("nll-y", format!("NLL({sym})")),
        (Panel::Negative, YScale::Delta) => ("nll-y", format!("ΔNLL({sym})")),
        (Panel::Negative, YScale::PerObs) => ("nll-y", format!("NLL({sym}) / n")),
        (_, YScale::Absolute) => ("ll-y", format!("LL({sym})")),
        (_, YScale::Delta) => ("ll-y", format!("LL({sym}) − LL({hat})")),
        (_, YScale::PerObs) => ("ll-y", format!("LL({sym}) / n")),
    };
    text(figure, key, || default)
}

/// The data panel's x axis title.
pub(super) fn data_x_title(figure: &Figure) -> String {
    text(figure, "data-x", || "x".to_string())
}

/// The x axis' title.
pub(super) fn x_title(figure: &Figure) -> String {
    text(figure, "x", || figure.axis.symbol.clone())
}

/// The labels at the estimate's and the true value's lines, and the one label for both when
/// they are equal at the caption's precision.
pub(super) struct MarkTexts {
    pub mle: String,
    pub truth: String,
    pub both: String,
    /// The two values read the same.
    pub equal: bool,
}

pub(super) fn mark_texts(figure: &Figure) -> MarkTexts {
    let p = precision(figure);
    let sym = &figure.axis.symbol;
    let hat = &figure.axis.hat;
    let mle = p.format(figure.inference.mle);
    let truth = figure.x_true.map(true_value).unwrap_or_default();
    let equal = figure.x_true.is_some_and(|t| p.format(t) == mle);
    MarkTexts {
        mle: text(figure, "mle-label", || format!("{hat} = {mle}")),
        truth: text(figure, "truth-label", || format!("true {sym} = {truth}")),
        both: text(figure, "equal-label", || {
            format!("{hat} = true {sym} = {mle}")
        }),
        equal,
    }
}
