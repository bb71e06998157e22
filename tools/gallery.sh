#!/usr/bin/env bash
# Regenerates the example figures under output/ that the README shows, from the release build.
# Usage: bash tools/gallery.sh   (from any folder)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --quiet
nllplot() { target/release/nllplot "$@" >/dev/null; }

# The canonical figure (also the default output file).
nllplot --dist bernoulli --out output/bernoulli.svg --out output/bernoulli.png
# The Wald (quadratic) approximation against the exact NLL, with θ̂ ± SE: a small sample and
# a small p make the difference obvious (the Wald interval even leaves [0, 1]).
nllplot --dist bernoulli -n 20 --true 0.1 --annotate all --out output/wald.png
# The same likelihood over the natural parameter logit p: concave, nearly quadratic.
nllplot --dist bernoulli -n 20 --true 0.1 --annotate all --param natural --out output/natural.png
# ΔNLL: curves of any n share a scale; the interval threshold is 1.92 on every figure.
nllplot --dist poisson -n 30 --true 4 --y delta --annotate mle,truth,interval,wald --out output/delta.png
# Per observation: LL/n settles as n grows.
nllplot --dist exponential -n 500 --y per-obs --out output/per-obs.png
# A boundary estimate: all-zero data put p̂ = 0 on the edge; no Fisher information, a
# one-sided interval.
printf '0\n0\n0\n0\n0\n0\n0\n0\n' | nllplot --dist bernoulli --data - --annotate all --out output/boundary.png
# Two parameters: the ΔNLL surface of a normal with its joint regions and both profiles.
nllplot --dist normal --sweep mu,sigma -n 50 --out output/surface.png
# One profile likelihood with its profile interval.
nllplot --dist normal --sweep mu,sigma -n 50 --profile sigma --out output/profile.png
# Sample-size overlay: the NLL sharpens as n grows (nested samples of one stream).
nllplot --dist bernoulli -n 10,100,1000 --out output/overlay.png
# The same as an animation, n from 10 to 1000.
nllplot --dist poisson --animate n=10:1000 --frames 40 --fps 10 --width 800 --height 340 --out output/sharpening.gif
# The interactive page (open it in a browser).
nllplot --dist poisson --out output/demo.html
