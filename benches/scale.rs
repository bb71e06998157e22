//! Criterion benchmarks of nllplot at scale: the raw generators, sampling every family against
//! rand_distr's own per-draw cost, thread scaling, and the data reader's throughput.
//!
//! Why: the performance targets of the project are ratios ("Bernoulli at ≥ 2.5× the raw ChaCha8
//! rate", "within 2× of rand_distr", "2 threads ≥ 1.8× one", "≥ 300 MB/s per core"), and a
//! ratio is only meaningful when both sides are measured in the same run on the same machine.
//! Each pair below is measured back to back; `bench/scale.sh` runs this bench and prints the
//! ratios from criterion's estimates. Run alone with `cargo bench --bench scale`.
//!
//! Benchmark ids (read by bench/scale.sh, keep them stable):
//! - `rng/chacha8`, `rng/nllplot` — raw `next_u64` words of ChaCha8 and of the sampling generator;
//! - `draw/<family>/rand_distr` — one rand_distr (rand for Bernoulli) sample per draw, summed;
//! - `draw/<family>/threads1`, `draw/<family>/threads2` — `sample_stats` on a 1- or 2-thread pool;
//! - `ingest/<family>/threads1`, `ingest/<family>/threads2` — `data::read_from` on generated text;
//! - `sweep/<family>/per_term_ln_f`, `sweep/<family>/threads/{1,2}` — a 1000-point sweep of
//!   10⁵ kept observations (cauchy, student-t, laplace), term by term and as nllplot does it.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nllplot::axis::{Axis, Parameterization};
use nllplot::config::DataSource;
use nllplot::family::{build, Dist, Family, Known, SufficientStats};
use nllplot::sweep::{Grid, Sweep};
use nllplot::{data, sample};
use rand::distr::Distribution;
use rand::{Rng as _, SeedableRng};
use std::hint::black_box;
use std::time::Duration;

/// Draws per sampling iteration: 64 chunks, enough for two threads to share evenly.
const DRAWS: u64 = 1 << 22;
/// Words per raw-generator iteration.
const WORDS: u64 = 1 << 22;
/// Lines of generated data per ingestion iteration (~19 bytes each for the normal family).
const LINES: usize = 1 << 20;

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

fn generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("rng");
    group.throughput(Throughput::Elements(WORDS));
    group.sample_size(20);
    group.bench_function("chacha8", |b| {
        b.iter(|| {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(black_box(42));
            let mut acc = 0u64;
            for _ in 0..WORDS {
                acc ^= rng.next_u64();
            }
            acc
        })
    });
    group.bench_function("nllplot", |b| {
        b.iter(|| {
            let mut rng = sample::chunk_rng(black_box(42), 0);
            let mut acc = 0u64;
            for _ in 0..WORDS {
                acc ^= rng.next_u64();
            }
            acc
        })
    });
    group.finish();
}

/// rand_distr's own cost: one `sample` per draw from the family's sampler, on the same
/// generator nllplot uses, summed so that nothing is optimised away. No statistics, no batch.
fn rand_distr_sum(dist: Dist, theta: f64, n: u64) -> f64 {
    let mut rng = sample::chunk_rng(42, 0);
    let mut acc = 0.0;
    macro_rules! run {
        ($sampler:expr, $to_f64:expr) => {{
            let sampler = $sampler;
            for _ in 0..n {
                acc += $to_f64(sampler.sample(&mut rng));
            }
        }};
    }
    match dist {
        Dist::Bernoulli => run!(rand::distr::Bernoulli::new(theta).unwrap(), |x: bool| {
            f64::from(u8::from(x))
        }),
        Dist::Binomial => run!(rand_distr::Binomial::new(10, theta).unwrap(), |x: u64| {
            x as f64
        }),
        Dist::Geometric => run!(rand_distr::Geometric::new(theta).unwrap(), |x: u64| {
            x as f64
        }),
        Dist::Poisson => run!(rand_distr::Poisson::new(theta).unwrap(), |x: f64| x),
        Dist::Exponential => run!(rand_distr::Exp::new(theta).unwrap(), |x: f64| x),
        Dist::Normal => run!(rand_distr::Normal::new(theta, 1.0).unwrap(), |x: f64| x),
        other => unreachable!("{other} is not among the families benchmarked against rand_distr"),
    }
    acc
}

fn sampling(c: &mut Criterion) {
    let pools = [(1, pool(1)), (2, pool(2))];
    // The six families of the sampling targets, each against rand_distr's own cost.
    for dist in Dist::ALL.into_iter().take(6) {
        let family = build(dist, Known::default()).unwrap();
        let theta = family.default_true();
        let mut group = c.benchmark_group(format!("draw/{dist}"));
        group.throughput(Throughput::Elements(DRAWS));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.bench_function("rand_distr", |b| {
            b.iter(|| rand_distr_sum(dist, black_box(theta), DRAWS))
        });
        for (threads, pool) in &pools {
            group.bench_function(BenchmarkId::new("threads", threads), |b| {
                b.iter(|| {
                    pool.install(|| {
                        sample::sample_stats(family.as_ref(), black_box(theta), DRAWS, 42)
                    })
                })
            });
        }
        group.finish();
    }
}

/// `lines` observations of the family at its default θ, one per line, in the shortest
/// round-trip form that numpy's `repr` also writes (~19 bytes per normal value).
fn generated_text(family: &dyn Family, lines: usize) -> Vec<u8> {
    let xs = sample::draws(family, family.default_true(), lines, 7);
    let mut text = Vec::with_capacity(lines * 20);
    for x in xs {
        text.extend_from_slice(format!("{x}\n").as_bytes());
    }
    text
}

fn ingestion(c: &mut Criterion) {
    let pools = [(1, pool(1)), (2, pool(2))];
    let source = DataSource::File("generated.txt".into());
    for dist in [Dist::Normal, Dist::Poisson, Dist::Bernoulli] {
        let family = build(dist, Known::default()).unwrap();
        let text = generated_text(family.as_ref(), LINES);
        let mut group = c.benchmark_group(format!("ingest/{dist}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        for (threads, pool) in &pools {
            group.bench_function(BenchmarkId::new("threads", threads), |b| {
                b.iter(|| {
                    pool.install(|| data::read_from(family.as_ref(), black_box(&text[..]), &source))
                        .unwrap()
                })
            });
        }
        group.finish();
    }
}

/// Observations kept by the families without sufficient statistics, and grid points swept.
const KEPT: usize = 100_000;
const SWEEP_POINTS: usize = 1000;

/// The sweep of a family that keeps its observations (10⁵ × 1000 terms), on 1 and 2 threads,
/// against the same sum taken term by term with the family's own `ln_f` (one thread): the
/// cost of one libm logarithm per term, which the product form of `sum_ln_1p_square` avoids.
fn kept_sweeps(c: &mut Criterion) {
    let pools = [(1, pool(1)), (2, pool(2))];
    for dist in [Dist::Cauchy, Dist::StudentT, Dist::Laplace] {
        let family = build(dist, Known::default()).unwrap();
        let xs = sample::draws(family.as_ref(), family.default_true(), KEPT, 7);
        let mut stats = SufficientStats::default();
        family.observe(&mut stats, &xs);
        let axis = Axis::new(family.as_ref(), Parameterization::Mean).expect("θ itself");
        let grid = Grid {
            lo: -0.05,
            hi: 0.05,
            points: SWEEP_POINTS,
        };
        let mut group = c.benchmark_group(format!("sweep/{dist}"));
        group.throughput(Throughput::Elements((KEPT * SWEEP_POINTS) as u64));
        group.sample_size(10);
        group.bench_function("per_term_ln_f", |b| {
            b.iter(|| {
                (0..SWEEP_POINTS)
                    .map(|i| {
                        let theta = grid.at(i);
                        xs.iter().map(|&x| family.ln_f(x, theta)).sum::<f64>()
                    })
                    .sum::<f64>()
            })
        });
        for (threads, pool) in &pools {
            group.bench_function(BenchmarkId::new("threads", threads), |b| {
                b.iter(|| {
                    pool.install(|| {
                        Sweep::evaluate(family.as_ref(), black_box(&stats), grid, &axis)
                    })
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, generators, sampling, ingestion, kept_sweeps);
criterion_main!(benches);
