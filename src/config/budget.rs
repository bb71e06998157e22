//! What a run will cost, estimated from its plan before any sampling, reading or drawing:
//! observations kept in memory, peak memory, and wall time. A plan over a limit is refused in
//! one line that says what to shrink and which option lifts the limit, instead of running for
//! hours or dying when an allocation fails.
//!
//! The limits (README, "Limits"):
//! - families without sufficient statistics keep at most [`MAX_KEPT`] observations
//!   (`--no-limits` lifts the cap; the memory budget still applies);
//! - the estimated peak memory must stay within `--memory-limit` ([`DEFAULT_MEMORY_LIMIT`]);
//! - the estimated time must stay within [`MAX_SECONDS`] (`--no-limits` lifts it).
//!
//! The estimates are deliberately simple sums of measured unit costs; they are upper bounds
//! for the usual shapes of run, good to a factor of two or so, which is all a refusal at ten
//! minutes or at gigabytes needs.

use super::*;

/// The memory budget when `--memory-limit` is not given: 4 GiB.
pub const DEFAULT_MEMORY_LIMIT: u64 = 4 << 30;

/// The most observations a family without sufficient statistics keeps (8 bytes each: 800 MB),
/// unless `--no-limits`.
pub const MAX_KEPT: u64 = 100_000_000;

/// The longest run nllplot starts without `--no-limits`: ten minutes.
pub const MAX_SECONDS: f64 = 600.0;

/// The limits a run is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes the run may use at its peak (estimated).
    pub memory: u64,
    /// Whether the work cap and the kept-observation cap apply (`--no-limits` clears it).
    pub enforce: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory: DEFAULT_MEMORY_LIMIT,
            enforce: true,
        }
    }
}

impl Limits {
    /// The most observations a data file may bring to a family that keeps them: the cap, and
    /// never more than the memory budget holds.
    pub fn max_kept(&self) -> u64 {
        let by_memory = self.memory.saturating_sub(BASE_BYTES as u64) / 8;
        if self.enforce {
            by_memory.min(MAX_KEPT)
        } else {
            by_memory
        }
    }
}

/// `--memory-limit`: bytes, or a number with a unit K, M, G or T (powers of 1024, an optional
/// `B` or `iB` after it): `512M`, `8G`, `1.5GiB`.
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let t = text.trim();
    let bad = || {
        format!("'{text}' is not a memory size: expected a number of bytes or one with a unit, e.g. 512M or 8G")
    };
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let value: f64 = number.parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_uppercase();
    let unit = unit
        .strip_suffix("IB")
        .or_else(|| unit.strip_suffix('B'))
        .unwrap_or(&unit);
    let scale: f64 = match unit {
        "" => 1.0,
        "K" => 1024.0,
        "M" => 1024f64.powi(2),
        "G" => 1024f64.powi(3),
        "T" => 1024f64.powi(4),
        _ => return Err(bad()),
    };
    let bytes = value * scale;
    if !(bytes.is_finite() && bytes >= 1.0 && bytes < 2f64.powi(63)) {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// Memory of a run before any plan-dependent part: the binary, its fonts, the thread pool,
/// the reader's two 4 MiB buffers (peak RSS of a default run is 6–7 MB; measured with
/// `/usr/bin/time -f %M`).
const BASE_BYTES: f64 = 16e6;
/// Memory per grid point per curve: the sweep, the figure's paths and text, the exports.
/// Measured: 10⁶ points take 167 MB with one SVG, PNG or PDF and 204 MB with all of them and
/// CSV and JSON (`/usr/bin/time -f %M nllplot --points 1000000 …`).
const BYTES_PER_POINT: f64 = 170.0;
const BYTES_PER_POINT_OUTPUT: f64 = 12.0;
/// Memory per PNG pixel: the RGBA pixmap, palette indices and the encoder's rows (a 4000²
/// PNG peaks at 88 MB: 5.5 bytes a pixel).
const BYTES_PER_PNG_PIXEL: f64 = 8.0;
/// GIF frames are rendered and coded in batches of eight (src/export/gif.rs), each frame's
/// raw pixels and palette indices held until coded; the coded animation itself is held until
/// it is written, at most about a byte a pixel per frame.
const GIF_BATCH: f64 = 8.0;
const BYTES_PER_GIF_PIXEL: f64 = 5.0;
const BYTES_PER_CODED_PIXEL: f64 = 1.0;
/// One chunk's statistics while the sampler merges a round of chunks (src/sample.rs).
const BYTES_PER_CHUNK: f64 = 160.0;
/// One point of an optimiser's path: its vectors, and its entry in the JSON.
const PATH_POINT_BYTES: f64 = 600.0;

/// Wall time per draw on the two-core development machine (AMD EPYC), both threads drawing:
/// `nllplot --dist D -n 100000000 --points 2` end to end, divided by n (10⁷ for the families
/// that keep their observations), measured 2026-12-05 while another build shared the
/// machine. Families not listed take the slowest listed rate.
fn draw_ns(dist: &str) -> f64 {
    match dist {
        "bernoulli" => 0.9,
        "binomial" => 11.5,
        "geometric" => 15.3,
        "poisson" => 12.7,
        "exponential" => 2.4,
        "normal" => 3.1,
        "gamma" => 8.2,
        "normal-sd" => 4.0,
        "negative-binomial" => 31.0,
        "lognormal" => 7.7,
        "beta" => 42.5,
        "uniform" => 2.1,
        "weibull" => 46.0,
        "cauchy" | "laplace" | "student-t" => 20.0,
        _ => 50.0,
    }
}

/// Wall time per term (one kept observation at one evaluation of LL): Cauchy and Student t
/// at n = 10⁶ took 0.75 s at 2 grid points and 4.8 s at 4000 (1.0 ns a term on two threads;
/// the rest is finding θ̂ and the interval, some 750 evaluations). 1.2 ns leaves room.
const TERM_NS: f64 = 1.2;
/// Evaluations of LL over the kept observations besides the grid: θ̂ (a fine scan and Brent),
/// the interval's ends, the concavity check. Grows slowly with n (1500 at n = 10⁷).
const EXTRA_EVALUATIONS: f64 = 2000.0;
/// Evaluations per grid point where other parameters are maximised (Newton steps).
const PROFILE_EVALUATIONS: f64 = 20.0;
/// The coverage lab's cost per data set besides its draws: θ̂, both intervals by root
/// finding and 2·ΔNLL on the sufficient statistics (about 5 µs for Poisson on one core,
/// `bench/coverage.sh`; 50 µs leaves room for the families without a closed-form θ̂), the
/// bytes of its result, and the data sets held at once by a family that keeps observations.
const LAB_NS: f64 = 50_000.0;
const LAB_BYTES: f64 = 48.0;
const LAB_THREADS: f64 = 8.0;
/// Wall time per pixel of a raster figure or animation frame: drawing, palette mapping and
/// coding (a 4000² PNG in 0.18 s, 60 GIF frames of 1200 × 500 in 0.50 s, 16 of 2000² in
/// 0.80 s: 11–14 ns).
const PIXEL_NS: f64 = 15.0;
/// Wall time per grid point per curve per output (10⁶ points: 0.73 s for an SVG, 3.1 s for
/// SVG, PNG, PDF and CSV together).
const POINT_NS: f64 = 1000.0;

/// The plan's costs, each named for the message that refuses it.
#[derive(Debug, Default)]
struct Estimate {
    /// Observations held at once by a family that keeps them.
    kept: f64,
    /// Bytes at the peak, by cause.
    memory: Vec<(f64, &'static str)>,
    /// Seconds, by cause.
    time: Vec<(f64, &'static str)>,
}

/// Whether the run's likelihood keeps every observation (no finite sufficient statistics):
/// asked of the likelihood itself by observing one value it accepts, so the answer follows
/// the code (the Weibull and negative binomial models keep theirs only for some roles).
fn keeps_observations(likelihood: &Likelihood) -> bool {
    if let Some(columns) = likelihood.model.columns() {
        // A user's model: rows of its named columns, kept unless the expression reduces to
        // sums.
        return [1.0, 0.5, 0.0, 2.0, 3.0].into_iter().any(|x| {
            let value = [x];
            let row: Vec<&[f64]> = columns.iter().map(|_| &value[..]).collect();
            let mut stats = crate::family::SufficientStats::default();
            let observed = likelihood.model.observe_rows(&mut stats, &row).is_ok();
            // A regression model keeps its rows or not by itself; an expression by its shape.
            let kept = match likelihood.model.expression() {
                Some(_) => !stats.expr.is_reduced(),
                None => stats.pairs.all,
            };
            observed && kept
        });
    }
    [1.0, 0.5, 0.0, 2.0, 3.0]
        .into_iter()
        .find(|&x| likelihood.check(x).is_ok())
        .is_some_and(|x| {
            let mut stats = crate::family::SufficientStats::default();
            likelihood.observe(&mut stats, &[x]);
            !stats.values.is_empty()
        })
}

/// The sample sizes of a frame of `--animate n=A:B` (the rule of `analysis::frames`).
fn frame_sizes(a: u64, b: u64, frames: usize) -> Vec<f64> {
    (0..frames)
        .map(|k| {
            let t = k as f64 / (frames - 1).max(1) as f64;
            let n = ((a as f64).ln() + t * ((b as f64).ln() - (a as f64).ln())).exp();
            n.round().clamp(a as f64, b as f64)
        })
        .collect()
}

/// Estimates the plan of a checked config.
fn estimate(config: &Config, surface: bool) -> Estimate {
    let mut e = Estimate::default();
    let likelihood = &config.likelihood;
    let keeps = keeps_observations(likelihood);
    let figures = config
        .outputs
        .iter()
        .filter(|o| matches!(o.format, Format::Svg | Format::Png | Format::Pdf))
        .count() as f64;
    let outputs = config.outputs.len() as f64;
    let points = config.points as f64;
    let profiled = !likelihood.profiled().is_empty() || likelihood.family.is_none();

    // The samples drawn (each held at once for a family that keeps its observations) and
    // the curves drawn from each.
    let mut samples: Vec<(f64, f64)> = Vec::new(); // (n, evaluations of LL over it)
    let per_curve = if surface {
        let g = config.points_2d as f64;
        g * g + 2.0 * g * PROFILE_EVALUATIONS + EXTRA_EVALUATIONS
    } else if profiled {
        points * PROFILE_EVALUATIONS + EXTRA_EVALUATIONS
    } else {
        points + EXTRA_EVALUATIONS
    };
    let mut curves = 1.0;
    if let Source::Sample { n, .. } = &config.source {
        let n = *n as f64;
        samples.push((n, per_curve));
        for &size in &config.overlay {
            samples.push((size as f64, per_curve));
        }
        curves += config.overlay.len() as f64;
        if let Some(animation) = &config.animation {
            // Each frame is analysed twice: at its own window, then at the common one.
            let sizes = match animation.what {
                AnimateArg::N(a, b) => frame_sizes(a, b, animation.frames),
                AnimateArg::True(..) => vec![n; animation.frames],
                // The same curve in every frame, computed once.
                AnimateArg::Steps => Vec::new(),
            };
            samples.extend(sizes.into_iter().map(|s| (s, 2.0 * per_curve)));
            curves += animation.frames as f64;
        }
        if config.outputs.iter().any(|o| o.format == Format::Html) {
            // 13 true values × sizes by thirds of a decade up to min(n, 10⁵) (about 1.5·n
            // draws), and the largest sample drawn once more for the histogram.
            let page = 13.0 * 2.5 * n.min(1e5);
            e.time.push((
                page * draw_ns(likelihood.model.name()) * 1e-9,
                "the page's samples",
            ));
        }
    }
    if let (Some(r), Source::Sample { n, .. }) = (config.coverage, &config.source) {
        // The coverage lab: R·n draws, θ̂ and both intervals per data set; the data sets are
        // analysed one at a time per thread, so memory holds a few of them and R results.
        let (r, n) = (r as f64, *n as f64);
        let mut seconds = r * n * draw_ns(likelihood.model.name()) * 1e-9 + r * LAB_NS * 1e-9;
        if keeps {
            seconds += r * n * EXTRA_EVALUATIONS * TERM_NS * 1e-9;
            e.memory
                .push((LAB_THREADS * n * 8.0, "the coverage lab's data sets"));
        }
        e.time.push((seconds, "the coverage lab's data sets"));
        e.memory
            .push((r * LAB_BYTES, "the coverage lab's data sets"));
    }
    let draws: f64 = samples.iter().map(|s| s.0).sum();
    e.time.push((
        draws * draw_ns(likelihood.model.name()) * 1e-9,
        "drawing the sample",
    ));
    if keeps {
        e.kept = draws;
        e.memory.push((draws * 8.0, "kept observations"));
        let terms: f64 = samples.iter().map(|(n, evals)| n * evals).sum();
        e.time.push((
            terms * TERM_NS * 1e-9,
            "evaluating LL at every kept observation",
        ));
    }
    if let Some(optimizer) = &config.optimizer {
        // Each step evaluates LL with its derivatives (a profile maximisation's worth when
        // parameters are profiled): over every kept observation, or from the sums. A point of
        // the path is kept with every parameter and written to the JSON.
        let steps = optimizer.steps as f64 + 1.0;
        let evals = if profiled { PROFILE_EVALUATIONS } else { 4.0 };
        let per_eval = if keeps {
            draws.max(1.0) * TERM_NS
        } else {
            POINT_NS
        };
        e.time
            .push((steps * evals * per_eval * 1e-9, "the optimiser's steps"));
        e.memory
            .push((steps * PATH_POINT_BYTES, "the optimiser's path"));
    }
    // At most a round of chunks at once, the rounds of a model that keeps nothing the larger.
    let round = crate::sample::ROUND_CHUNKS.max(crate::sample::ROUND_CHUNKS_FLAT);
    let chunks = (draws / crate::sample::CHUNK as f64).min(round as f64);
    e.memory
        .push((chunks * BYTES_PER_CHUNK, "sampler bookkeeping"));
    e.memory.push((BASE_BYTES, "the program"));
    let grid = if surface {
        (config.points_2d as f64).powi(2) + 2.0 * config.points_2d as f64
    } else {
        points * curves
    };
    e.memory.push((
        grid * (BYTES_PER_POINT + BYTES_PER_POINT_OUTPUT * outputs),
        "grid points of the curves and their outputs",
    ));
    e.time.push((
        grid * (figures + 1.0) * POINT_NS * 1e-9,
        "drawing the curves",
    ));

    let f = &config.figure;
    let pixels = (f.width.to_px() / PX_PER_INCH * f.dpi * f.png_scale).ceil()
        * (f.height.to_px() / PX_PER_INCH * f.dpi * f.png_scale).ceil();
    for out in &config.outputs {
        match out.format {
            Format::Png => {
                e.memory.push((pixels * BYTES_PER_PNG_PIXEL, "PNG pixels"));
                e.time.push((pixels * PIXEL_NS * 1e-9, "PNG pixels"));
            }
            Format::Gif => {
                let frames = config.animation.map_or(1, |a| a.frames) as f64;
                let batch = frames.min(GIF_BATCH);
                e.memory.push((
                    pixels * (batch * BYTES_PER_GIF_PIXEL + frames * BYTES_PER_CODED_PIXEL),
                    "animation frames",
                ));
                e.time
                    .push((pixels * frames * PIXEL_NS * 1e-9, "animation frames"));
            }
            _ => {}
        }
    }
    e
}

/// Refuses a plan beyond the limits, before any work.
pub(super) fn check_budget(config: &Config, surface: bool) -> Result<()> {
    let limits = config.limits;
    let e = estimate(config, surface);
    let dist = config.likelihood.model.name();
    if limits.enforce && e.kept > MAX_KEPT as f64 {
        return Err(Error::Usage(format!(
            "{dist} keeps every observation (it has no sufficient statistics), and this run would keep {} of them, above the cap of {MAX_KEPT} ({}); use a smaller -n (or fewer frames or sample sizes), or lift the cap with --no-limits (memory permitting, see --memory-limit)",
            count(e.kept),
            bytes(MAX_KEPT as f64 * 8.0)
        )));
    }
    let memory: f64 = e.memory.iter().map(|m| m.0).sum();
    if memory > limits.memory as f64 {
        let (_, cause) = e
            .memory
            .iter()
            .copied()
            .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a });
        let shrink = match cause {
            "kept observations" => "a smaller -n, fewer frames or sample sizes",
            "grid points of the curves and their outputs" => {
                "fewer --points, sample sizes, frames or outputs"
            }
            "PNG pixels" => "a smaller --size, --dpi or --png-scale",
            "animation frames" => "a smaller --size or fewer --frames",
            "sampler bookkeeping" => "a smaller -n",
            _ => "a smaller plan",
        };
        return Err(Error::Usage(format!(
            "this run would need about {} of memory (mostly {cause}), above the budget of {}; use {shrink}, or raise the budget with --memory-limit (e.g. --memory-limit {})",
            bytes(memory),
            bytes(limits.memory as f64),
            suggest(memory)
        )));
    }
    let seconds: f64 = e.time.iter().map(|t| t.0).sum();
    if limits.enforce && seconds > MAX_SECONDS {
        let (_, cause) = e
            .time
            .iter()
            .copied()
            .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a });
        return Err(Error::Usage(format!(
            "this run would take about {} on two cores (mostly {cause}), more than the {} nllplot starts without asking; shrink {}, or run it anyway with --no-limits",
            duration(seconds),
            duration(MAX_SECONDS),
            if cause == "the optimiser's steps" {
                "--steps or -n"
            } else {
                "-n, --points, --frames or --size"
            }
        )));
    }
    Ok(())
}

/// A count as a power of ten where it is round, else in full: 100000000, 1e15.
fn count(x: f64) -> String {
    if x >= 1e10 {
        format!("{x:.1e}")
    } else {
        format!("{x:.0}")
    }
}

/// Bytes in the largest binary unit that keeps the number at or above 1: the units of
/// `--memory-limit`, so that "4.0 GiB" reads as the default `4G`.
fn bytes(x: f64) -> String {
    let units = [("TiB", 4), ("GiB", 3), ("MiB", 2), ("KiB", 1)];
    for (unit, power) in units {
        let size = 1024f64.powi(power);
        if x >= size {
            return format!("{:.1} {unit}", x / size);
        }
    }
    format!("{x:.0} bytes")
}

/// A `--memory-limit` value that would hold `x` bytes: the next whole number of GiB (or
/// MiB below one GiB).
fn suggest(x: f64) -> String {
    let gib = 1024f64.powi(3);
    if x >= gib {
        format!("{}G", (x / gib).ceil())
    } else {
        format!("{}M", (x / 1024f64.powi(2)).ceil())
    }
}

/// A duration in the unit a person would say it in.
fn duration(seconds: f64) -> String {
    if seconds >= 2.0 * 86400.0 {
        format!("{:.0} days", seconds / 86400.0)
    } else if seconds >= 2.0 * 3600.0 {
        format!("{:.0} hours", seconds / 3600.0)
    } else if seconds >= 120.0 {
        format!("{:.0} minutes", seconds / 60.0)
    } else {
        format!("{seconds:.0} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::Dist;

    fn plan(req: Request) -> std::result::Result<Config, String> {
        Config::from_request(req).map_err(|e| e.to_string())
    }

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("8G"), Ok(8 << 30));
        assert_eq!(parse_size("8GiB"), Ok(8 << 30));
        assert_eq!(parse_size("1.5g"), Ok(3 << 29));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("2kB"), Ok(2048));
        for bad in ["", "G", "-1G", "8X", "1e3", "0", "nan"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_benches_and_gallery_runs_stay_allowed() {
        for (dist, n) in [
            (Dist::Bernoulli, 1_000_000_000),
            (Dist::Normal, 1_000_000_000),
            (Dist::Binomial, 1_000_000_000),
            (Dist::Geometric, 1_000_000_000),
            (Dist::Poisson, 1_000_000_000),
            (Dist::Exponential, 1_000_000_000),
            (Dist::Cauchy, 100_000),
            (Dist::StudentT, 1_000_000),
        ] {
            plan(Request {
                dist,
                samples: Some(n),
                ..Request::default()
            })
            .unwrap_or_else(|e| panic!("{dist} n = {n}: {e}"));
        }
        plan(Request {
            points: 1_000_000,
            out: vec!["a.svg".into(), "a.png".into(), "a.pdf".into()],
            csv: Some("a.csv".into()),
            ..Request::default()
        })
        .unwrap();
    }

    #[test]
    fn no_limits_lifts_the_work_and_kept_caps_but_not_the_memory_budget() {
        let huge = |no_limits: bool, memory: u64| Request {
            samples: Some(1_000_000_000_000),
            limits: Limits {
                memory,
                enforce: !no_limits,
            },
            ..Request::default()
        };
        let err = plan(huge(false, DEFAULT_MEMORY_LIMIT)).unwrap_err();
        assert!(
            err.contains("--no-limits") && err.contains("minutes"),
            "{err}"
        );
        plan(huge(true, DEFAULT_MEMORY_LIMIT)).unwrap();
        let err = plan(huge(true, 1 << 20)).unwrap_err();
        assert!(err.contains("--memory-limit"), "{err}");
        let cauchy = |enforce| Request {
            dist: Dist::Cauchy,
            samples: Some(200_000_000),
            points: 2,
            limits: Limits {
                memory: 64 << 30,
                enforce,
            },
            ..Request::default()
        };
        assert!(plan(cauchy(true)).unwrap_err().contains("100000000"));
        plan(cauchy(false)).unwrap();
    }

    #[test]
    fn kept_observations_follow_the_roles() {
        let kept = |dist, sweep: Option<&[&str]>| {
            let config = plan(Request {
                dist,
                sweep: sweep.map(|s| s.iter().map(|x| x.to_string()).collect()),
                ..Request::default()
            })
            .unwrap();
            keeps_observations(&config.likelihood)
        };
        assert!(kept(Dist::Cauchy, None));
        assert!(kept(Dist::Laplace, None));
        assert!(kept(Dist::StudentT, None));
        assert!(!kept(Dist::Normal, None));
        assert!(!kept(Dist::Bernoulli, None));
        assert!(kept(Dist::NegativeBinomial, Some(&["r", "p"])));
    }

    #[test]
    fn the_data_cap_is_the_smaller_of_the_cap_and_the_budget() {
        assert_eq!(Limits::default().max_kept(), MAX_KEPT);
        let small = Limits {
            memory: 16_000_000 + 800,
            enforce: true,
        };
        assert_eq!(small.max_kept(), 100);
        let lifted = Limits {
            memory: 64 << 30,
            enforce: false,
        };
        assert!(lifted.max_kept() > MAX_KEPT);
    }
}
