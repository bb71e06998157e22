#!/usr/bin/env python3
"""Benchmark peer for `nllplot --data`: numpy.loadtxt, then the same sweep, written as CSV.

Why: the data-ingestion target compares nllplot reading a large file (10^7 values) against
the way a numpy user would do the same job. This script is that user: it reads the file with
numpy.loadtxt (comments '#', blank lines skipped, as nllplot does), computes the family's
sufficient statistics with numpy, sweeps LL(theta) over a grid of G points in the default
window theta_hat +- 5 standard errors (clipped to the parameter space), and writes
theta,ll,nll as CSV. The sweep is the closed form from the sufficient statistics -- the
cheapest honest sweep; broadcasting logpdf over n x G points would not fit in memory at
n = 10^7. No figure is drawn, so the peer does strictly less than nllplot does.

Usage: python3 bench/peer_ingest.py DIST DATA OUT.csv [--points G] [--sigma S] [--trials M]
  DIST: bernoulli | binomial | geometric | poisson | exponential | normal
"""
import argparse
import math
import sys

import numpy as np


def sweep(dist, x, grid, sigma, trials):
    n = x.size
    s = x.sum()
    if dist == "bernoulli":
        with np.errstate(divide="ignore"):
            return s * np.log(grid) + (n - s) * np.log1p(-grid)
    if dist == "binomial":
        from scipy.special import gammaln  # only this family and poisson need scipy

        base = np.sum(gammaln(trials + 1) - gammaln(x + 1) - gammaln(trials - x + 1))
        with np.errstate(divide="ignore"):
            return base + s * np.log(grid) + (n * trials - s) * np.log1p(-grid)
    if dist == "geometric":
        with np.errstate(divide="ignore"):
            return n * np.log(grid) + (s - n) * np.log1p(-grid)
    if dist == "poisson":
        from scipy.special import gammaln

        base = -np.sum(gammaln(x + 1))
        with np.errstate(divide="ignore"):
            return base + s * np.log(grid) - n * grid
    if dist == "exponential":
        return n * np.log(grid) - grid * s
    if dist == "normal":
        mean = s / n
        m2 = np.sum((x - mean) ** 2)
        return -0.5 * n * math.log(2 * math.pi * sigma**2) - (m2 + n * (mean - grid) ** 2) / (
            2 * sigma**2
        )
    raise SystemExit(f"unknown family {dist!r}")


def window(dist, x, sigma, trials):
    n = x.size
    mean = x.mean()
    if dist in ("bernoulli", "binomial"):
        m = 1 if dist == "bernoulli" else trials
        mle = mean / m
        se = math.sqrt(max(mle * (1 - mle), 1e-12) / (n * m))
        lo, hi = 0.0, 1.0
    elif dist == "geometric":
        mle = 1 / mean
        se = mle * math.sqrt(max(1 - mle, 1e-12) / n)
        lo, hi = 0.0, 1.0
    elif dist == "poisson":
        mle, se, lo, hi = mean, math.sqrt(max(mean, 1e-12) / n), 0.0, math.inf
    elif dist == "exponential":
        mle = 1 / mean
        mle, se, lo, hi = mle, mle / math.sqrt(n), 0.0, math.inf
    else:
        mle, se, lo, hi = mean, sigma / math.sqrt(n), -math.inf, math.inf
    a, b = mle - 5 * se, mle + 5 * se
    eps = 1e-9
    return max(a, lo + eps), min(b, hi - eps)


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("dist")
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--points", type=int, default=1000)
    ap.add_argument("--sigma", type=float, default=1.0)
    ap.add_argument("--trials", type=int, default=10)
    args = ap.parse_args(argv[1:])

    x = np.loadtxt(args.data, dtype=np.float64, comments="#", ndmin=1)
    lo, hi = window(args.dist, x, args.sigma, args.trials)
    grid = np.linspace(lo, hi, args.points)
    ll = sweep(args.dist, x, grid, args.sigma, args.trials)
    np.savetxt(args.out, np.column_stack([grid, ll, -ll]), delimiter=",", header="theta,ll,nll",
               comments="", fmt="%.17g")
    i = int(np.argmax(ll))
    print(f"{args.dist}: n = {x.size}, grid argmax = {grid[i]!r}, LL = {ll[i]!r}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
