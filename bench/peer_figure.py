#!/usr/bin/env python3
"""Benchmark peer for nllplot: the same job, end to end, in numpy + scipy + matplotlib.

Draws n=100 Bernoulli(p=0.3) samples with a seeded numpy generator, evaluates the
log-likelihood LL(p) on a 1000-point grid, finds the MLE on the grid, and draws a
two-panel figure (LL left, NLL = -LL right) with the MLE (dashed, value printed)
and the true p (dotted) marked. Output format follows the extension of argv[1]
(.svg or .png). The figure is 12x5 in at 100 dpi: the PNG is 1200x500 px; the SVG
is declared as 864x360 pt, since matplotlib always writes SVG sizes in points.

Usage: python3 bench/peer_figure.py OUT.{svg,png}
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402

N = 100
TRUE_P = 0.3
SEED = 42
GRID_POINTS = 1000


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} OUT.svg|OUT.png", file=sys.stderr)
        return 2
    out = Path(argv[1])
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        print(f"error: unsupported output extension {out.suffix!r} (use .svg or .png)", file=sys.stderr)
        return 2

    rng = np.random.default_rng(SEED)
    data = rng.binomial(1, TRUE_P, size=N)  # n Bernoulli(p) draws

    # Open interval: logpmf is -inf at p=0 and p=1 whenever both outcomes occur.
    grid = np.linspace(0.0, 1.0, GRID_POINTS + 2)[1:-1]
    # LL(p) = sum_i log f(x_i; p), one row per grid point, vectorised by broadcasting.
    ll = stats.bernoulli.logpmf(data[None, :], grid[:, None]).sum(axis=1)
    nll = -ll

    i_mle = int(np.argmax(ll))
    p_mle = grid[i_mle]

    fig, (ax_ll, ax_nll) = plt.subplots(1, 2, figsize=(12, 5), dpi=100)
    fig.suptitle(f"Bernoulli likelihood, n={N}, true p={TRUE_P}, seed={SEED}")

    for ax, y, name, color in (
        (ax_ll, ll, "LL(p)", "tab:blue"),
        (ax_nll, nll, "NLL(p) = −LL(p)", "tab:red"),
    ):
        ax.plot(grid, y, color=color, lw=1.5, label=name)
        ax.axvline(p_mle, color="black", ls="--", lw=1.2, label=f"MLE p̂ = {p_mle:.4f}")
        ax.axvline(TRUE_P, color="tab:green", ls=":", lw=1.5, label=f"true p = {TRUE_P}")
        ax.set_xlabel("p")
        ax.set_ylabel(name)
        ax.set_xlim(0.0, 1.0)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best")

    ax_ll.set_title("Log-likelihood")
    ax_nll.set_title("Negative log-likelihood")

    fig.tight_layout()
    fig.savefig(out, format=fmt, dpi=100)
    plt.close(fig)
    print(f"MLE p̂ = {p_mle:.6f} (sample mean {data.mean():.6f}); wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
