//! Criterion benchmarks of the expression engine (issue 14's speed targets).
//!
//! - `expr/<model>/threads/{1,2}`: LL of a non-separable `--logf` expression on 10⁵
//!   observations at 1000 parameter points (logistic regression, Cauchy location,
//!   zero-inflated Poisson). `bench/peer_expr.py` evaluates the same expressions on the same
//!   data with numpy (and scipy.special where numpy has no such function), vectorised over
//!   the observations; `bench/expr.sh` runs both and prints the ratios (target ≥ 3×).
//! - `poisson_1e7/{builtin,expression}/threads/{1,2}`: 10⁷ Poisson counts reduced to
//!   statistics (batches of 1024 rows, groups of 2¹⁶ merged in order, as the data reader
//!   does) and then a 1000-point sweep: the built-in family against the Poisson written as
//!   `x*ln(lam) - lam - lgamma(x+1)` (target: within 2×).
//!
//! The data come from a 64-bit LCG that bench/peer_expr.py repeats bit for bit.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nllplot::expr::{Logf, Observations, Probes};
use nllplot::family::{build, Dist, Known, SufficientStats};
use nllplot::sample;
use rayon::prelude::*;
use std::hint::black_box;

const N: usize = 100_000;
const POINTS: usize = 1000;
const N_POISSON: usize = 10_000_000;
const GROUP: usize = 1 << 16;
const BATCH: usize = 1024;

fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
}

/// Uniforms in [0, 1) from Knuth's MMIX LCG, the top 53 bits of each state.
fn uniforms(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

/// The grid point i of [lo, hi] (both ends included), as nllplot's grid.
fn at(lo: f64, hi: f64, i: usize) -> f64 {
    lo + (hi - lo) * i as f64 / (POINTS - 1) as f64
}

struct Model {
    name: &'static str,
    text: &'static str,
    columns: Vec<&'static str>,
    data: Vec<Vec<f64>>,
    bounds: Vec<(f64, f64)>,
    /// θ at grid point i.
    theta: fn(usize) -> Vec<f64>,
}

fn models() -> Vec<Model> {
    let inf = f64::INFINITY;
    let (u1, u2) = (uniforms(N, 1), uniforms(N, 2));
    let xs: Vec<f64> = u1.iter().map(|u| 6.0 * u - 3.0).collect();
    let ys: Vec<f64> = u2
        .iter()
        .zip(&xs)
        .map(|(u, x)| {
            if *u < 1.0 / (1.0 + (0.5 - 1.2 * x).exp()) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let cauchy: Vec<f64> = u1
        .iter()
        .map(|u| (std::f64::consts::PI * (u - 0.5)).tan())
        .collect();
    // Zero-inflated Poisson(3) with w = 0.3: a zero when u1 < 0.3, else inversion of u2.
    let zip: Vec<f64> = u1
        .iter()
        .zip(&u2)
        .map(|(&a, &b)| {
            if a < 0.3 {
                return 0.0;
            }
            let (mut k, mut p) = (0.0, (-3.0f64).exp());
            let mut cdf = p;
            while b > cdf && k < 100.0 {
                k += 1.0;
                p *= 3.0 / k;
                cdf += p;
            }
            k
        })
        .collect();
    vec![
        Model {
            name: "logistic",
            text: "y*log_sigmoid(a + b*x) + (1-y)*log_sigmoid(-(a + b*x))",
            columns: vec!["x", "y"],
            data: vec![xs, ys],
            bounds: vec![(-inf, inf), (-inf, inf)],
            theta: |i| vec![-0.5, at(0.8, 1.6, i)],
        },
        Model {
            name: "cauchy",
            text: "-ln(pi) - ln(1 + (x - m)^2)",
            columns: vec!["x"],
            data: vec![cauchy],
            bounds: vec![(-inf, inf)],
            theta: |i| vec![at(-0.05, 0.05, i)],
        },
        Model {
            name: "zip",
            text: "ln(w*(x==0) + (1-w)*exp(x*ln(lam) - lam - lgamma(x+1)))",
            columns: vec!["x"],
            data: vec![zip],
            bounds: vec![(0.0, 1.0), (0.0, inf)],
            theta: |i| vec![0.3, at(2.5, 3.5, i)],
        },
    ]
}

fn non_separable(c: &mut Criterion) {
    let pools = [(1, pool(1)), (2, pool(2))];
    for m in models() {
        let logf = Logf::new(m.text, &m.columns).expect("a valid expression");
        assert!(!logf.is_separable());
        let columns: Vec<&[f64]> = m.data.iter().map(Vec::as_slice).collect();
        let obs = logf
            .observations(&columns, &Probes::within(&m.bounds))
            .expect("defined rows");
        // The sum at the middle of the grid, to compare with the peer's (printed once).
        let mid = logf.ll(&obs, &(m.theta)(POINTS / 2)).unwrap();
        eprintln!(
            "expr/{}: LL at grid point {} = {mid:.12e}",
            m.name,
            POINTS / 2
        );
        let mut group = c.benchmark_group(format!("expr/{}", m.name));
        group.throughput(Throughput::Elements((N * POINTS) as u64));
        group.sample_size(10);
        for (threads, pool) in &pools {
            group.bench_function(BenchmarkId::new("threads", threads), |b| {
                b.iter(|| {
                    pool.install(|| {
                        (0..POINTS)
                            .map(|i| logf.ll(black_box(&obs), &(m.theta)(i)).unwrap_or(0.0))
                            .sum::<f64>()
                    })
                })
            });
        }
        group.finish();
    }
}

/// Reduces rows in groups of 2¹⁶ (in parallel), each fed in batches of 1024, merged in order.
fn grouped<S: Send, F>(
    xs: &[f64],
    fresh: impl Fn() -> S + Sync,
    feed: F,
    merge: impl Fn(&mut S, &S),
) -> S
where
    F: Fn(&mut S, &[f64]) + Sync,
{
    let parts: Vec<S> = xs
        .par_chunks(GROUP)
        .map(|group| {
            let mut s = fresh();
            for batch in group.chunks(BATCH) {
                feed(&mut s, batch);
            }
            s
        })
        .collect();
    let mut total = fresh();
    for p in &parts {
        merge(&mut total, p);
    }
    total
}

fn poisson_at_scale(c: &mut Criterion) {
    let family = build(Dist::Poisson, Known::default()).unwrap();
    let counts = sample::draws(family.as_ref(), 4.0, N_POISSON, 42);
    let logf = Logf::new("x*ln(lam) - lam - lgamma(x+1)", &["x"]).unwrap();
    assert!(logf.is_separable());
    let probes = Probes::within(&[(0.0, f64::INFINITY)]);
    let lam = |i: usize| at(3.9, 4.1, i);
    let mut group = c.benchmark_group("poisson_1e7");
    group.throughput(Throughput::Elements(N_POISSON as u64));
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = pool(threads);
        group.bench_function(BenchmarkId::new("builtin/threads", threads), |b| {
            b.iter(|| {
                pool.install(|| {
                    let stats = grouped(
                        black_box(&counts),
                        SufficientStats::default,
                        |s, xs| family.observe(s, xs),
                        |t, p| t.merge(p),
                    );
                    (0..POINTS).map(|i| family.ll(&stats, lam(i))).sum::<f64>()
                })
            })
        });
        group.bench_function(BenchmarkId::new("expression/threads", threads), |b| {
            b.iter(|| {
                pool.install(|| {
                    let obs = grouped(
                        black_box(&counts),
                        Observations::default,
                        |s, xs| logf.observe(s, &[xs], &probes).expect("counts"),
                        |t, p| t.merge(p),
                    );
                    (0..POINTS)
                        .map(|i| logf.ll(&obs, &[lam(i)]).unwrap())
                        .sum::<f64>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, non_separable, poisson_at_scale);
criterion_main!(benches);
