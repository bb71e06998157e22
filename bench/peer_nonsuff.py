#!/usr/bin/env python3
"""Benchmark peer for the families without sufficient statistics: the scipy way.

Why: a Cauchy, Student t or Laplace location likelihood has no shortcut through running sums,
so every grid point visits every observation (n x G log-density terms). The target compares
nllplot with what a scipy user would write: read the file with numpy.loadtxt, evaluate
scipy.stats' logpdf for all n observations at each of G grid points (broadcast in blocks of
grid rows, so memory stays near 100 MB instead of n*G*8 bytes), sum each row, find the
maximum-likelihood estimate with scipy.optimize.minimize_scalar (bounded, started from the
grid's best point), and write theta,ll,nll as CSV. No figure is drawn and no interval is
solved for, so the peer does strictly less than nllplot does.

The grid is the window nllplot uses by default for these families: the median +- 5 standard
errors from the Fisher information (Cauchy 2/scale^2, Student t (nu+1)/((nu+3) scale^2),
Laplace 1/scale^2 per observation).

Usage: python3 bench/peer_nonsuff.py DIST DATA OUT.csv [--points G] [--scale S] [--nu NU]
  DIST: cauchy | student-t | laplace
"""
import argparse
import math
import sys

import numpy as np
from scipy import optimize, stats


def family(dist, scale, nu):
    if dist == "cauchy":
        return stats.cauchy(scale=scale), 1.0 / (2.0 / scale**2)
    if dist == "student-t":
        return stats.t(df=nu, scale=scale), 1.0 / ((nu + 1) / ((nu + 3) * scale**2))
    if dist == "laplace":
        return stats.laplace(scale=scale), scale**2
    raise SystemExit(f"unknown family {dist!r}")


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("dist")
    ap.add_argument("data")
    ap.add_argument("out")
    ap.add_argument("--points", type=int, default=1000)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--nu", type=float, default=3.0)
    args = ap.parse_args(argv[1:])

    x = np.loadtxt(args.data, dtype=np.float64, comments="#", ndmin=1)
    dist, variance = family(args.dist, args.scale, args.nu)
    kind = dist.dist
    kwds = dist.kwds
    se = math.sqrt(variance / x.size)
    centre = float(np.median(x))
    grid = np.linspace(centre - 5 * se, centre + 5 * se, args.points)

    ll = np.empty(args.points)
    rows = max(1, 12_000_000 // x.size)  # about 100 MB of logpdf values per block
    for start in range(0, args.points, rows):
        block = grid[start : start + rows, None]
        ll[start : start + rows] = kind.logpdf(x[None, :], loc=block, **kwds).sum(axis=1)

    i = int(np.argmax(ll))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, args.points - 1)]
    fit = optimize.minimize_scalar(
        lambda t: -kind.logpdf(x, loc=t, **kwds).sum(), bounds=(lo, hi), method="bounded",
        options={"xatol": 1e-12 * max(abs(lo), abs(hi), 1.0)},
    )
    np.savetxt(args.out, np.column_stack([grid, ll, -ll]), delimiter=",", header="theta,ll,nll",
               comments="", fmt="%.17g")
    print(f"{args.dist}: n = {x.size}, MLE = {fit.x!r}, LL = {-fit.fun!r}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
