#!/usr/bin/env bash
# Side-by-side wall-clock comparison: nllplot (release) vs bench/peer_figure.py
# (numpy + scipy + matplotlib), same job end to end, one hyperfine run per format.
#
# Usage: bench/compare.sh            (from any directory)
# Env:   WARMUP (default 3), MIN_RUNS (default 10) passed to hyperfine.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)

warmup=${WARMUP:-3}
min_runs=${MIN_RUNS:-10}
bin="${CARGO_TARGET_DIR:-target}/release/nllplot"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac
peer="$repo_root/bench/peer_figure.py"

# (a) Build nllplot in release.
echo "==> cargo build --release"
cargo build --release
[[ -x "$bin" ]] || { echo "error: $bin not found after build" >&2; exit 1; }

# (b) Python peer dependencies.
if ! python3 -c 'import numpy, scipy, matplotlib' 2>/dev/null; then
    echo "==> installing peer requirements (numpy, scipy, matplotlib)"
    if ! python3 -m pip install -r bench/requirements.txt; then
        # PEP 668 "externally managed" interpreters refuse a plain install.
        python3 -m pip install --user --break-system-packages -r bench/requirements.txt
    fi
    python3 -c 'import numpy, scipy, matplotlib'
fi

# (c) hyperfine.
if ! command -v hyperfine >/dev/null 2>&1; then
    echo "==> installing hyperfine (apt-get)"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y hyperfine
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nllplot-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "==> versions"
echo "nllplot: $bin"
python3 -c 'import sys, numpy, scipy, matplotlib; print(f"python {sys.version.split()[0]}, numpy {numpy.__version__}, scipy {scipy.__version__}, matplotlib {matplotlib.__version__}")'
hyperfine --version

for fmt in svg png; do
    echo
    echo "==> $fmt: nllplot vs peer (hyperfine -N --warmup $warmup --min-runs $min_runs)"
    # OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set in this environment and slow numpy
    # down; they are unset for the peer only (nllplot does not use OpenBLAS).
    # -N (--shell=none): no intermediate shell, so millisecond-scale runs are measured
    # without shell start-up noise (both commands are plain executables).
    hyperfine -N --warmup "$warmup" --min-runs "$min_runs" \
        --export-json "$tmp/$fmt.json" \
        --command-name "nllplot $fmt" \
        "$(printf '%q' "$bin") --dist bernoulli --out $(printf '%q' "$tmp/fig.$fmt")" \
        --command-name "peer $fmt" \
        "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 $(printf '%q' "$peer") $(printf '%q' "$tmp/peer.$fmt")"
    for f in "$tmp/fig.$fmt" "$tmp/peer.$fmt"; do
        [[ -s "$f" ]] || { echo "error: $f was not written" >&2; exit 1; }
    done
done

echo
echo "==> summary (mean wall time; ratio = peer / nllplot, >1 means nllplot is faster)"
python3 - "$tmp/svg.json" "$tmp/png.json" <<'PY'
import json
import sys

rows = []
for path in sys.argv[1:]:
    with open(path) as fh:
        results = json.load(fh)["results"]
    ours, peer = results[0], results[1]  # order of the commands given to hyperfine
    fmt = path.rsplit("/", 1)[-1].split(".")[0]  # <tmp>/svg.json -> svg
    rows.append((fmt, ours["mean"] * 1e3, ours["stddev"] * 1e3, peer["mean"] * 1e3, peer["stddev"] * 1e3))

header = f"{'format':<7} {'nllplot mean ms':>18} {'peer mean ms':>18} {'ratio peer/nllplot':>19}"
print(header)
print("-" * len(header))
for fmt, m_ours, s_ours, m_peer, s_peer in rows:
    print(f"{fmt:<7} {m_ours:>10.1f} ± {s_ours:>5.1f} {m_peer:>10.1f} ± {s_peer:>5.1f} {m_peer / m_ours:>18.2f}x")
PY
