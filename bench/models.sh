#!/usr/bin/env bash
# The models issue's speed targets, end to end (hyperfine), with one thread beside two so that
# a loaded machine shows in the ratio:
#   1. a 161 x 161 surface of a family with sufficient statistics (normal mu, sigma; n = 100)
#      to SVG and to PNG: target <= 100 ms;
#   2. a 1-D profile over 1000 points with one numerically profiled parameter, n = 10^4, on
#      2 cores: Student t's location with its scale profiled (no sufficient statistics: every
#      inner Newton step is a pass over the 10^4 observations), and a gamma's rate with its
#      shape profiled (k-hat(beta) solved numerically from the sufficient statistics):
#      target <= 300 ms.
# The load average before and after is printed: only what was measured in one quiet run is a
# figure to quote.
#
# Usage: bash bench/models.sh      (from any directory; about a minute)
# Env:   RUNS (20) runs of each command; NO_BUILD=1 uses the built binary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
runs=${RUNS:-20}
bin="${CARGO_TARGET_DIR:-target}/release/nllplot"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac
command -v hyperfine >/dev/null 2>&1 || { echo "error: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
[[ ${NO_BUILD:-0} == 1 ]] || cargo build --release --locked >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/nllplot-models.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "date: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# 10^4 gamma observations (shape 2, rate 2), drawn by Python so the data file is fixed.
python3 - "$work/g.txt" <<'PY'
import random, sys
random.seed(1)
open(sys.argv[1], "w").write("\n".join(repr(random.gammavariate(2.0, 0.5)) for _ in range(10000)))
PY

hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/models.json" \
    --command-name "surface 161x161 svg" "$bin --quiet --dist normal --sweep mu,sigma --out $work/s.svg" \
    --command-name "surface 161x161 png" "$bin --quiet --dist normal --sweep mu,sigma --out $work/s.png" \
    --command-name "profile student-t mu|scale n=1e4 x 1000" "$bin --quiet --dist student-t --sweep mu --profile scale -n 10000 --points 1000 --out $work/t.svg" \
    --command-name "profile student-t, 1 thread" "env RAYON_NUM_THREADS=1 $bin --quiet --dist student-t --sweep mu --profile scale -n 10000 --points 1000 --out $work/t1.svg" \
    --command-name "profile gamma rate|shape data n=1e4 x 1000" "$bin --quiet --dist gamma --sweep rate --profile shape --data $work/g.txt --points 1000 --out $work/p.svg" >&2

python3 - "$work/models.json" <<'PY'
import json, sys
targets = {"surface": 0.100, "profile": 0.300}
for r in json.load(open(sys.argv[1]))["results"]:
    name = r["command"]
    target = next((t for k, t in targets.items() if name.startswith(k)), None)
    verdict = ""
    if target is not None and "1 thread" not in name:
        verdict = f"  target <= {target*1e3:.0f} ms: {'met' if r['mean'] <= target else 'MISSED'}"
    cpu = r["user"] + r["system"]
    print(f"{name}: mean {r['mean']*1e3:.1f} ms (median {r['median']*1e3:.1f}, min {r['min']*1e3:.1f}), CPU {cpu*1e3:.1f} ms{verdict}")
PY
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
