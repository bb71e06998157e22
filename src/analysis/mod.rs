//! Everything a run computes, before any byte of output is produced.
//!
//! [`analyse`] samples or reads the observations once, then computes the one result every
//! exporter reads: the main view (a curve with its `-n` overlays, or a surface with its
//! profiles), the animation's frames when a `.gif` is asked for, the interactive page's curves
//! when a `.html` is, and the JSON summary. The exporters are pure functions from this
//! [`Analysis`] to bytes; none of them samples, reads or solves anything of its own.

pub mod coverage;
pub mod curve;
pub mod frames;
pub mod optimizer;
pub mod page;
pub mod page_panel;
pub mod posterior;
pub mod posterior_curves;
pub mod summary;
pub mod surface;
pub mod three_tests;

pub use curve::CurveAnalysis;
pub use frames::Frames;
pub use page::Page;
pub use summary::Summary;
pub use surface::SurfaceAnalysis;

use crate::config::{AnimateArg, Animation, Config, Format, Source};
use crate::data;
use crate::error::Result;
use crate::family::SufficientStats;
use crate::progress::{Progress, Silent};
use crate::sample::sample_likelihood;

/// What a run computed, complete.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub view: View,
    pub summary: Summary,
    /// The animation's frames, when a `.gif` output was asked for.
    pub frames: Option<Frames>,
    /// The interactive page's curves, when a `.html` output was asked for.
    pub page: Option<Page>,
    /// The coverage lab's results (`--coverage R`); its figure replaces the curves'.
    pub coverage: Option<coverage::CoverageSummary>,
}

/// The main figure's content.
#[derive(Debug, Clone)]
pub enum View {
    /// One swept parameter: the main curve and, with `-n` given a list, one curve per further
    /// sample size on the same grid, smallest n first.
    Curve {
        main: Box<CurveAnalysis>,
        overlays: Vec<CurveAnalysis>,
    },
    /// Two swept parameters.
    Surface(Box<SurfaceAnalysis>),
}

impl Analysis {
    /// The main curve, when the view is one.
    pub fn curve(&self) -> Option<&CurveAnalysis> {
        match &self.view {
            View::Curve { main, .. } => Some(main),
            View::Surface(_) => None,
        }
    }
}

/// Samples or reads the observations and computes everything; writes nothing.
pub fn analyse(config: &Config) -> Result<Analysis> {
    analyse_with(config, &Silent)
}

/// [`analyse`], reporting the progress of sampling or reading to `progress`.
pub fn analyse_with(config: &Config, progress: &dyn Progress) -> Result<Analysis> {
    let stats = observe(config, &config.source, progress)?;
    let (view, mut summary) = if config.likelihood.swept.len() == 2 {
        let analysis = surface::analyse_surface(config, &config.source, &stats)?;
        let summary = Summary::Surface(Box::new(surface::summarise(config, &analysis)));
        (View::Surface(Box::new(analysis)), summary)
    } else {
        let (main, overlays) = curves(config, &stats)?;
        let main = posterior::with_prior(config, &stats, main)?;
        let mut summary = curve::summarise(config, &main, &overlays);
        posterior::summarise_into(&main, &mut summary);
        let summary = Summary::Curve(Box::new(summary));
        (
            View::Curve {
                main: Box::new(main),
                overlays,
            },
            summary,
        )
    };
    let wants = |format: Format| config.outputs.iter().any(|o| o.format == format);
    let frames = match (config.animation, &view) {
        (
            Some(Animation {
                what: AnimateArg::Steps,
                fps,
                ..
            }),
            View::Curve { main, .. },
        ) if wants(Format::Gif) => Some(Frames::of_path(main, fps)),
        (Some(animation), _) if wants(Format::Gif) => {
            Some(frames::analyse_frames(config, animation)?)
        }
        _ => None,
    };
    let page = if wants(Format::Html) {
        Some(page::analyse_page(config)?)
    } else {
        None
    };
    let coverage = match config.coverage {
        Some(r) => Some(coverage::analyse_coverage(config, r)?),
        None => None,
    };
    if let (Summary::Curve(s), Some(c)) = (&mut summary, &coverage) {
        s.coverage = Some(c.clone());
    }
    Ok(Analysis {
        view,
        summary,
        frames,
        page,
        coverage,
    })
}

/// The main curve and the overlays of a `-n` list: one curve per sample size on a common grid
/// (the smallest sample's window, the widest); the largest sample is the main curve.
fn curves(config: &Config, stats: &SufficientStats) -> Result<(CurveAnalysis, Vec<CurveAnalysis>)> {
    if config.overlay.is_empty() {
        let main = curve::analyse_curve(config, &config.source, stats, config.ranges[0])?;
        return Ok((main, Vec::new()));
    }
    let Source::Sample { truth, seed, .. } = &config.source else {
        unreachable!("the config allows a list of sample sizes only for synthetic data");
    };
    let parts: Vec<(Source, SufficientStats)> = config
        .overlay
        .iter()
        .map(|&n| {
            let source = Source::Sample {
                n,
                truth: truth.clone(),
                seed: *seed,
            };
            let stats = sample_likelihood(&config.likelihood, truth, n, *seed, &Silent)?;
            Ok((source, stats))
        })
        .collect::<Result<_>>()?;
    let range = match config.ranges[0] {
        Some(range) => Some(range),
        None => {
            let (source, smallest) = &parts[0];
            let first = curve::analyse_curve(config, source, smallest, None)?;
            Some((first.sweep.grid.lo, first.sweep.grid.hi))
        }
    };
    let main = curve::analyse_curve(config, &config.source, stats, range)?;
    let overlays = parts
        .iter()
        .map(|(source, part)| curve::analyse_curve(config, source, part, range))
        .collect::<Result<Vec<_>>>()?;
    Ok((main, overlays))
}

/// Samples or reads the observations of `source`, as the run's likelihood keeps them.
pub(crate) fn observe(
    config: &Config,
    source: &Source,
    progress: &dyn Progress,
) -> Result<SufficientStats> {
    let likelihood = &config.likelihood;
    Ok(match source {
        Source::Sample { n, truth, seed } => {
            sample_likelihood(likelihood, truth, *n, *seed, progress)?
        }
        Source::Data(data_source) if likelihood.model.columns().is_some() => {
            crate::table::read_rows(likelihood.model.as_ref(), data_source)?
        }
        Source::Data(data_source) => data::read_stats_formatted(
            likelihood,
            data_source,
            progress,
            config.limits.max_kept(),
            &config.data_format,
        )?,
    })
}
