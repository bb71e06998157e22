#!/usr/bin/env bash
# The coverage lab's speed target (issue 16): R = 10⁴ data sets of n = 100 for a family with
# sufficient statistics in under 1 s on 2 cores. Times whole runs of the release binary (the
# lab, its figure and the JSON), median of 5, on 1 and 2 threads. Not a test: the machine's
# load decides the numbers. Usage: bash bench/coverage.sh   (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for dist in poisson bernoulli exponential normal; do
    for threads in 1 2; do
        times=$(for _ in 1 2 3 4 5; do
            start=$(date +%s.%N)
            RAYON_NUM_THREADS=$threads target/release/nllplot --quiet --dist "$dist" -n 100 \
                --coverage 10000 --json "$out/c.json" --out "$out/c.svg"
            end=$(date +%s.%N)
            echo "$end - $start" | bc
        done | median)
        printf '%-12s R = 10000, n = 100, %s thread(s): %.3f s (median of 5)\n' \
            "$dist" "$threads" "$times"
    done
done
