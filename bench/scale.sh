#!/usr/bin/env bash
# The performance targets of nllplot at scale, measured in one command, printed as tables and
# ratios (Markdown, also written to target/bench-scale.md).
#
# Why one script: every target is a ratio or a growth curve, and on a shared, noisy machine a
# ratio only means something when both sides run in the same session, side by side. This
# script runs, in order:
#   1. criterion (benches/scale.rs, benches/pipeline.rs): raw generators, each family against
#      rand_distr's own per-draw cost, 1 vs 2 threads, the data reader's MB/s, rendering;
#   2. cost growth: wall time, peak RSS and CPU use (bench/measure.py around /usr/bin/time)
#      for n = 1e2 .. 1e9 (bernoulli and normal), n = 1e9 for every family, and grids of 1e2,
#      1e4, 1e6 points;
#   3. thread scaling end to end (RAYON_NUM_THREADS=1 vs 2, runs alternating);
#   4. peers (hyperfine): `--data` on 10^7 values against numpy.loadtxt + the same sweep
#      (bench/peer_ingest.py), the default figure against bench/peer_figure.py, and the
#      families without sufficient statistics (10^5 observations x 1000 grid points) against
#      scipy.stats' logpdf over the same grid (bench/peer_nonsuff.py);
#   5. a summary: every target with its measured figure.
#
# Usage: bash bench/scale.sh                (from any directory; ~10 minutes on 2 cores)
# Env:   RUNS (3)      repetitions of each process measurement (the median is reported)
#        QUICK=1       shorter criterion runs and no n = 1e9 row for the slow families
#        ALL_N=1       the n-growth table for all six families instead of two
#
# Adding a peer row: call `peer_row NAME "PEER COMMAND" "OUR COMMAND"` in section 4; the
# summary picks it up.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
runs=${RUNS:-3}
quick=${QUICK:-0}
all_n=${ALL_N:-0}
bin="${CARGO_TARGET_DIR:-target}/release/nllplot"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac
criterion_dir="$(dirname "$(dirname "$bin")")/criterion"
report="$(dirname "$(dirname "$bin")")/bench-scale.md"

work=$(mktemp -d "${TMPDIR:-/tmp}/nllplot-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results"
mkdir -p "$results"

say() { printf '\n==> %s\n' "$*" >&2; }

# ---- 0. tools --------------------------------------------------------------------------------
say "tools"
need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]})); then
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y "${need_apt[@]}"
fi
if ! python3 -c 'import numpy, scipy, matplotlib' 2>/dev/null; then
    python3 -m pip install -r bench/requirements.txt ||
        python3 -m pip install --user --break-system-packages -r bench/requirements.txt
fi
# OPENBLAS_* may be set here and slow numpy down; they are unset for the peers only.
py=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3)

say "cargo build --release"
cargo build --release --locked >&2

{
    echo "date: $(date -u +%Y-%m-%d)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
    echo "rustc: $(rustc --version)"
    echo "python: $("${py[@]}" -c 'import sys, numpy, scipy, matplotlib; print(sys.version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__, "matplotlib", matplotlib.__version__)')"
    echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$results/machine.txt"
cat "$results/machine.txt" >&2

# ---- 1. criterion ----------------------------------------------------------------------------
criterion_args=(--noplot)
((quick)) && criterion_args+=(--warm-up-time 1 --measurement-time 2)
say "criterion: benches/scale.rs"
cargo bench --locked --bench scale -- "${criterion_args[@]}" >&2
say "criterion: benches/pipeline.rs"
cargo bench --locked --bench pipeline -- "${criterion_args[@]}" >&2

# ---- 2. cost growth --------------------------------------------------------------------------
# measure LABEL CMD...: RUNS runs of CMD; appends "LABEL wall_s peak_rss_kb cpu_s" per run
# (bench/measure.py: peak RSS and CPU from /usr/bin/time, wall from a monotonic clock).
measure() {
    local label=$1
    shift
    python3 bench/measure.py "$results/growth.txt" "$runs" "$label" -- "$@"
}

families_n=(bernoulli normal)
((all_n)) && families_n=(bernoulli binomial geometric poisson exponential normal)
for dist in "${families_n[@]}"; do
    for n in 100 10000 1000000 100000000 1000000000; do
        say "growth in n: $dist n=$n"
        measure "n $dist $n" "$bin" --dist "$dist" -n "$n" --out "$work/f.svg"
    done
done
for dist in binomial geometric poisson exponential; do
    ((all_n)) && break
    ((quick)) && [[ $dist != exponential ]] && continue
    say "n = 1e9: $dist"
    runs_saved=$runs
    runs=1
    measure "n $dist 1000000000" "$bin" --dist "$dist" -n 1000000000 --out "$work/f.svg"
    runs=$runs_saved
done
for points in 100 10000 1000000; do
    say "growth in grid: $points points"
    measure "grid svg $points" "$bin" --points "$points" --out "$work/g.svg" --csv "$work/g.csv"
    measure "grid png $points" "$bin" --points "$points" --out "$work/g.png" --csv "$work/g.csv"
done

# ---- 3 and 4. side by side (hyperfine) -------------------------------------------------------
# side NAME BASELINE OTHER: hyperfine both in one session, JSON kept for the summary, which
# reports BASELINE's mean / OTHER's mean (the speed-up of OTHER).
side() {
    local name=$1
    say "side by side: $name"
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$results/side-$name.json" \
        --command-name "$2" "$2" --command-name "$3" "$3" >&2
}
# peer_row NAME PEER OURS: a row of the peer table; the ratio is our speed-up over the peer.
peer_row() { side "peer-$1" "$2" "$3"; }

# threads NAME CMD...: CMD with RAYON_NUM_THREADS=1 and =2, alternating run by run (2·RUNS
# runs in all), so that a burst of load from other processes hits both sides alike.
threads() {
    local name=$1
    shift
    say "threads 1 vs 2: $name"
    for ((r = 0; r < runs; r++)); do
        for t in 1 2; do
            python3 bench/measure.py "$results/growth.txt" 1 "threads $name $t" -- \
                env RAYON_NUM_THREADS=$t "$@"
        done
    done
}

threads bernoulli-1e9 "$bin" --dist bernoulli -n 1000000000 --out "$work/t.svg"
threads normal-1e8 "$bin" --dist normal -n 100000000 --out "$work/t.svg"
threads binomial-1e8 "$bin" --dist binomial -n 100000000 --out "$work/t.svg"

say "generating 10^7 normal values (numpy repr, one per line)"
data="$work/normal-1e7.txt"
"${py[@]}" - "$data" <<'PY'
import sys
import numpy as np
x = np.random.default_rng(2026).normal(1.0, 1.0, 10_000_000)
with open(sys.argv[1], "w") as fh:
    fh.write("\n".join(map(repr, x.tolist())))
    fh.write("\n")
PY
stat -c '%s' "$data" >"$results/data-bytes.txt"
cat "$data" >/dev/null # into the page cache for both sides
measure "data normal 10000000" "$bin" --dist normal --data "$data" --out "$work/d.svg" --csv "$work/d.csv"
threads data-1e7 "$bin" --dist normal --data "$data" --out "$work/d.svg" --csv "$work/d.csv"

peer_row data-normal-1e7 \
    "${py[*]} bench/peer_ingest.py normal $data $work/p.csv" \
    "$bin --dist normal --data $data --out $work/d.svg --csv $work/d.csv"
peer_row figure-svg "${py[*]} bench/peer_figure.py $work/peer.svg" \
    "$bin --dist bernoulli --out $work/fig.svg"
peer_row figure-png "${py[*]} bench/peer_figure.py $work/peer.png" \
    "$bin --dist bernoulli --out $work/fig.png"
# Families without sufficient statistics: every grid point visits every observation (10^5
# observations x 1000 grid points), against scipy.stats' logpdf broadcast over the same grid
# (bench/peer_nonsuff.py). Both sides read the same file; nllplot also draws the figure.
say "generating 10^5 observations for each family without sufficient statistics"
"${py[@]}" - "$work" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(2026)
draws = {
    "cauchy": rng.standard_cauchy(100_000),
    "student-t": rng.standard_t(3.0, 100_000),  # nllplot's and the peer's default nu = 3
    "laplace": rng.laplace(0.0, 1.0, 100_000),
}
for name, x in draws.items():
    with open(f"{sys.argv[1]}/{name}-1e5.txt", "w") as fh:
        fh.write("\n".join(map(repr, x.tolist())))
        fh.write("\n")
PY
for dist in cauchy student-t laplace; do
    kept="$work/$dist-1e5.txt"
    measure "kept $dist 100000" "$bin" --dist "$dist" --data "$kept" --out "$work/k.svg" --csv "$work/k.csv"
    threads "kept-$dist" "$bin" --dist "$dist" --data "$kept" --out "$work/k.svg" --csv "$work/k.csv"
    peer_row "$dist-1e5x1000" \
        "${py[*]} bench/peer_nonsuff.py $dist $kept $work/pk.csv" \
        "$bin --dist $dist --data $kept --out $work/k.svg --csv $work/k.csv"
done

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"

# ---- 5. summary ------------------------------------------------------------------------------
say "summary"
python3 bench/scale_summary.py "$results" "$criterion_dir" | tee "$report"
echo >&2
echo "(written to $report)" >&2
