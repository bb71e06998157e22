//! Criterion benchmarks of the stages of the default figure: sampling, the sweep, and
//! rendering the 1000-point two-panel figure as SVG and as PNG.
//!
//! Run with `cargo bench --bench pipeline`; whole-process timings against the numpy + scipy +
//! matplotlib peer are in `bench/compare.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use nllplot::config::Format;
use nllplot::family::{build, Dist, Known};
use nllplot::{analyse, export, sample, Config, Request};
use std::hint::black_box;

fn stages(c: &mut Criterion) {
    let bernoulli = build(Dist::Bernoulli, Known::default()).unwrap();
    c.bench_function("sample bernoulli n=1e6", |b| {
        b.iter(|| sample::sample_stats(bernoulli.as_ref(), 0.3, black_box(1_000_000), 42))
    });

    let config = Config::from_request(Request::default()).unwrap();
    c.bench_function("analyse default (n=100, 1000 points)", |b| {
        b.iter(|| analyse(black_box(&config)).unwrap())
    });

    let outcome = analyse(&config).unwrap();
    c.bench_function("render svg 1000 points", |b| {
        b.iter(|| export::bytes(Format::Svg, black_box(&outcome), &config).unwrap())
    });
    c.bench_function("render png 1000 points", |b| {
        b.iter(|| export::bytes(Format::Png, black_box(&outcome), &config).unwrap())
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
