#!/usr/bin/env bash
# Issue 18's targets where users wait, each measured side by side with its peer in one run
# (hyperfine), with the files' sizes:
#   1. the default PNG figure against bench/peer_figure.py (numpy + scipy + matplotlib);
#   2. the 60-frame 1200 x 500 animation against bench/peer_animation.py (matplotlib
#      FuncAnimation + PillowWriter);
#   3. the book of figures, `nllplot --spec examples/*.toml`, on two threads against one
#      (RAYON_NUM_THREADS=1: one figure after another) and against one process per spec file;
#   4. byte-identical PNG and GIF for 1 and 2 threads.
# The load average before and after is printed: the machine is shared, and only ratios
# measured in the same run mean anything on it.
#
# Usage: bash bench/speed.sh            (from any directory; a few minutes)
# Env:   RUNS (10) runs of each fast command, SLOW_RUNS (3) of the animation pair; PYTHON
#        (python3) with numpy, scipy, matplotlib and pillow; NO_BUILD=1 uses the built binary.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo_root=$(pwd)
runs=${RUNS:-10}
slow_runs=${SLOW_RUNS:-3}
bin="${CARGO_TARGET_DIR:-target}/release/nllplot"
case "$bin" in /*) ;; *) bin="$repo_root/$bin" ;; esac
python=${PYTHON:-python3}
py=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python")

command -v hyperfine >/dev/null 2>&1 || { echo "error: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
"$python" -c 'import numpy, scipy, matplotlib, PIL' 2>/dev/null ||
    { echo "error: $python lacks numpy, scipy, matplotlib or pillow (bench/requirements.txt)" >&2; exit 1; }
[[ ${NO_BUILD:-0} == 1 ]] || cargo build --release --locked >&2

work=$(mktemp -d "${TMPDIR:-/tmp}/nllplot-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { printf '\n==> %s\n' "$*" >&2; }
size() { stat -c %s "$1"; }

echo "date: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# side NAME OURS PEER [RUNS]: both in one hyperfine session; prints our mean, the peer's, the ratio.
side() {
    local name=$1 ours=$2 peer=$3 n=${4:-$runs}
    say "$name"
    hyperfine -N --warmup 1 --runs "$n" --export-json "$work/$name.json" \
        --command-name ours "$ours" --command-name peer "$peer" >&2
    "$python" - "$work/$name.json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ours, peer = r[0], r[1]
cpu = lambda x: x["user"] + x["system"]
print(f"{sys.argv[2]}: nllplot {ours['mean']*1e3:.1f} ms (median {ours['median']*1e3:.1f}, min {ours['min']*1e3:.1f}), "
      f"peer {peer['mean']*1e3:.0f} ms (median {peer['median']*1e3:.0f}); "
      f"ratio of means {peer['mean']/ours['mean']:.0f}x, of medians {peer['median']/ours['median']:.0f}x, "
      f"of minima {peer['min']/ours['min']:.0f}x; CPU time nllplot {cpu(ours)*1e3:.1f} ms, peer "
      f"{cpu(peer)*1e3:.0f} ms ({cpu(peer)/cpu(ours):.0f}x)")
PY
}

# 1. The default PNG.
side png "$bin --dist bernoulli --out $work/fig.png" \
    "${py[*]} bench/peer_figure.py $work/peer.png"
echo "png sizes: nllplot $(size "$work/fig.png") B, peer $(size "$work/peer.png") B"

# 2. The animation.
side animation "$bin --dist poisson --animate n=10:1000 --frames 60 --out $work/a.gif" \
    "${py[*]} bench/peer_animation.py $work/peer.gif" "$slow_runs"
echo "gif sizes: nllplot $(size "$work/a.gif") B, peer $(size "$work/peer.gif") B"

# 3. The book of figures, on a copy of examples/ beside an empty output/ (as tests/cli/gallery.rs).
mkdir -p "$work/book/output"
cp -r examples "$work/book/"
# The Chinese example's --font is tests/fonts/…, relative to the repository (as in gallery.rs).
mkdir -p "$work/book/tests" && cp -r tests/fonts "$work/book/tests/"
specs=$(cd "$work/book" && ls examples/*.toml | tr '\n' ' ')
count=$(echo "$specs" | wc -w)
say "book of $count spec files"
(cd "$work/book" && hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/book.json" \
    --command-name "two threads" "$bin --quiet --spec $specs" \
    --command-name "one after another" "env RAYON_NUM_THREADS=1 $bin --quiet --spec $specs" \
    --command-name "one process per file" "bash -c 'for f in $specs; do $bin --quiet --spec \$f; done'" >&2)
"$python" - "$work/book.json" "$count" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
two, one, each = r["two threads"], r["one after another"], r["one process per file"]
cpu = lambda x: x["user"] + x["system"]
print(f"book ({sys.argv[2]} spec files): two threads {two['mean']*1e3:.0f} ms (min {two['min']*1e3:.0f}, "
      f"CPU {cpu(two)*1e3:.0f} ms), one after another {one['mean']*1e3:.0f} ms (min {one['min']*1e3:.0f}, "
      f"CPU {cpu(one)*1e3:.0f} ms): {one['mean']/two['mean']:.2f}x (minima {one['min']/two['min']:.2f}x); "
      f"one process per file {each['mean']*1e3:.0f} ms ({each['mean']/two['mean']:.2f}x)")
PY

# 4. Thread count does not change a byte.
say "1 vs 2 threads"
for t in 1 2; do
    RAYON_NUM_THREADS=$t "$bin" --quiet --dist bernoulli --out "$work/t$t.png"
    RAYON_NUM_THREADS=$t "$bin" --quiet --dist poisson --animate n=10:1000 --frames 60 --out "$work/t$t.gif"
done
cmp "$work/t1.png" "$work/t2.png" && cmp "$work/t1.gif" "$work/t2.gif" &&
    echo "threads: PNG and GIF byte-identical for 1 and 2 threads"

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
