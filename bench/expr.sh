#!/usr/bin/env bash
# Issue 14's speed targets for the expression engine, measured side by side in one session:
#   1. criterion (benches/expr.rs): three non-separable --logf expressions on 10^5
#      observations at 1000 parameter points, on 1 and 2 threads; and 10^7 Poisson counts
#      reduced and swept as the built-in family and as `x*ln(lam) - lam - lgamma(x+1)`;
#   2. bench/peer_expr.py: numpy (+ scipy.special) evaluating the same expressions on the
#      same data, vectorised over the observations;
#   3. the ratios, from criterion's median estimates (target/criterion/**/new/estimates.json).
# Targets: >= 3x numpy; the Poisson expression within 2x of the built-in.
#
# Usage: bash bench/expr.sh [criterion filter]     (about 10 minutes on 2 cores)
# Env:   PYTHON   the interpreter with numpy and scipy (default python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python=${PYTHON:-python3}
criterion_dir="${CARGO_TARGET_DIR:-target}/criterion"

cargo bench --bench expr -- "$@"
peer=$(mktemp "${TMPDIR:-/tmp}/nllplot-peer-expr.XXXXXX")
trap 'rm -f "$peer"' EXIT
"$python" bench/peer_expr.py --repeat 3 | tee "$peer"

"$python" - "$peer" "$criterion_dir" <<'PY'
import json
import sys
from pathlib import Path

peer_file, root = sys.argv[1], Path(sys.argv[2])
median = {}
for bench in root.glob("**/new/benchmark.json"):
    meta = json.loads(bench.read_text())
    est = json.loads((bench.parent / "estimates.json").read_text())
    median[meta["full_id"]] = est["median"]["point_estimate"] / 1e9  # seconds
peer = {}
for line in Path(peer_file).read_text().split("\n"):
    if line.strip():
        name, seconds, _ = line.split()
        peer[name] = float(seconds)

print("\n| expression (10^5 obs x 1000 points) | numpy | nllplot 1 thread | 2 threads | ratio 1 thread | ratio 2 threads |")
print("|---|---|---|---|---|---|")
for name in ("logistic", "cauchy", "zip"):
    one = median.get(f"expr/{name}/threads/1")
    two = median.get(f"expr/{name}/threads/2")
    if one is None or name not in peer:
        continue
    p = peer[name]
    two_s = f"{two:.3f} s" if two else "-"
    ratio2 = f"{p / two:.1f}x" if two else "-"
    print(f"| {name} | {p:.3f} s | {one:.3f} s | {two_s} | {p / one:.1f}x | {ratio2} |")

print("\n| 10^7 Poisson counts, reduce + 1000-point sweep | built-in | expression | expression / built-in |")
print("|---|---|---|---|")
for t in (1, 2):
    b = median.get(f"poisson_1e7/builtin/threads/{t}")
    e = median.get(f"poisson_1e7/expression/threads/{t}")
    if b and e:
        print(f"| {t} thread{'s' if t > 1 else ''} | {b:.3f} s | {e:.3f} s | {e / b:.2f} |")
PY
