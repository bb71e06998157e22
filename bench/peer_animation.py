#!/usr/bin/env python3
"""Benchmark peer for `nllplot --dist poisson --animate n=10:1000 --frames 60 --out a.gif`.

The same animation in numpy + scipy + matplotlib, the way a user would write it: Poisson(4)
draws from one seeded stream, n growing geometrically from 10 to 1000 over 60 frames; each
frame evaluates LL(lambda) on a 1000-point grid (scipy.stats.poisson.logpmf summed over the
draws) and redraws a two-panel figure as nllplot's animation shows it: LL - LL(MLE) left,
NLL - NLL(MLE) right, the MLE dashed with its value, the true lambda dotted, the 95 %
likelihood-ratio interval shaded and its threshold dashed, axes fixed over all frames (y down
to eight thresholds, as nllplot caps them); FuncAnimation + PillowWriter write
a 1200 x 500 px GIF (12 x 5 in at 100 dpi) at 10 frames per second.

Usage: python3 bench/peer_animation.py OUT.gif
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from scipy import stats  # noqa: E402

TRUE_LAMBDA = 4.0
SEED = 42
FRAMES = 60
N_FIRST, N_LAST = 10, 1000
GRID_POINTS = 1000


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].endswith(".gif"):
        print(f"usage: {argv[0]} OUT.gif", file=sys.stderr)
        return 2
    rng = np.random.default_rng(SEED)
    draws = rng.poisson(TRUE_LAMBDA, size=N_LAST)  # nested samples: frame k uses the first n_k
    ns = np.round(np.geomspace(N_FIRST, N_LAST, FRAMES)).astype(int)

    # The widest window (the smallest n) for every frame, as nllplot does.
    first = draws[:N_FIRST]
    m, se = first.mean(), np.sqrt(max(first.mean(), 0.5) / N_FIRST)
    grid = np.linspace(max(1e-3, m - 5 * se), m + 5 * se, GRID_POINTS)

    curves = []
    for n in ns:
        x = draws[:n]
        ll = stats.poisson.logpmf(x[None, :], grid[:, None]).sum(axis=1)
        curves.append(ll)
    threshold = stats.chi2.ppf(0.95, 1) / 2
    curves = [c - c.max() for c in curves]
    lo, hi = -8 * threshold, 0.0
    pad = 0.2 * (hi - lo)

    fig, (ax_ll, ax_nll) = plt.subplots(1, 2, figsize=(12, 5), dpi=100)
    artists = []
    for ax, sign, name, color in (
        (ax_ll, 1, "LL(λ) − LL(λ̂)", "tab:blue"),
        (ax_nll, -1, "NLL(λ) − NLL(λ̂)", "tab:red"),
    ):
        (line,) = ax.plot(grid, sign * curves[0], color=color, lw=2, label=name)
        mle = ax.axvline(grid[0], color="black", ls="--", lw=1.2, label="MLE")
        band = ax.axvspan(grid[0], grid[1], color="orange", alpha=0.16, label="95 % LR interval")
        ax.axhline(sign * -threshold, color="orange", ls="--", lw=1.2)
        ax.axvline(TRUE_LAMBDA, color="tab:green", ls=":", lw=1.5, label=f"true λ = {TRUE_LAMBDA}")
        text = ax.text(0.02, 0.95, "", transform=ax.transAxes)
        ax.set_xlim(grid[0], grid[-1])
        ax.set_ylim(*sorted((sign * (lo - pad), sign * (hi + pad))))
        ax.set_xlabel("λ")
        ax.set_ylabel(name)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower right")
        artists.append((line, mle, band, text, sign))
    title = fig.suptitle("")
    fig.tight_layout()

    def update(k):
        ll = curves[k]
        i = int(np.argmax(ll))
        inside = grid[ll >= -threshold]
        for line, mle, band, text, sign in artists:
            line.set_ydata(sign * ll)
            mle.set_xdata([grid[i], grid[i]])
            band.set_x(inside[0])
            band.set_width(inside[-1] - inside[0])
            text.set_text(f"λ̂ = {grid[i]:.4g}")
        title.set_text(f"Poisson likelihood, n = {ns[k]}, true λ = {TRUE_LAMBDA}, seed {SEED}")
        return []

    anim = FuncAnimation(fig, update, frames=FRAMES)
    anim.save(argv[1], writer=PillowWriter(fps=10), dpi=100)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
