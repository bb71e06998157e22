"""The numpy peer of benches/expr.rs: the same --logf expressions on the same data (the same
LCG, bit for bit), evaluated with numpy vectorised over the 10^5 observations at each of 1000
parameter points. numpy has no log-sigmoid or lgamma: scipy.special's log_expit and gammaln
stand in. Parts that depend on the data only (gammaln(x + 1), x == 0) are computed once,
outside the loop over parameter points, as a careful numpy user would.

Prints one line per model: `<model> <seconds for 1000 points> <LL at point 500>`, the time the
best of --repeat runs. Run: /work/notes/venv/bin/python bench/peer_expr.py [--repeat 3]
"""
import argparse
import time

import numpy as np
from scipy.special import gammaln, log_expit

N = 100_000
POINTS = 1000
MASK = (1 << 64) - 1


def uniforms(n, seed):
    s = seed
    out = np.empty(n)
    for i in range(n):
        s = (s * 6364136223846793005 + 1442695040888963407) & MASK
        out[i] = (s >> 11) / float(1 << 53)
    return out


def at(lo, hi, i):
    return lo + (hi - lo) * i / (POINTS - 1)


def data():
    u1, u2 = uniforms(N, 1), uniforms(N, 2)
    x = 6.0 * u1 - 3.0
    y = (u2 < 1.0 / (1.0 + np.exp(0.5 - 1.2 * x))).astype(float)
    cauchy = np.tan(np.pi * (u1 - 0.5))
    zip_counts = np.empty(N)
    for i, (a, b) in enumerate(zip(u1, u2)):
        if a < 0.3:
            zip_counts[i] = 0.0
            continue
        k, p = 0.0, np.exp(-3.0)
        cdf = p
        while b > cdf and k < 100.0:
            k += 1.0
            p *= 3.0 / k
            cdf += p
        zip_counts[i] = k
    return x, y, cauchy, zip_counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    x, y, cauchy, counts = data()

    def logistic(i):
        eta = -0.5 + at(0.8, 1.6, i) * x
        return np.sum(y * log_expit(eta) + (1 - y) * log_expit(-eta))

    def cauchy_ll(i):
        m = at(-0.05, 0.05, i)
        return np.sum(-np.log(np.pi) - np.log(1 + (cauchy - m) ** 2))

    lg = gammaln(counts + 1)
    zero = (counts == 0).astype(float)

    def zip_ll(i):
        w, lam = 0.3, at(2.5, 3.5, i)
        return np.sum(np.log(w * zero + (1 - w) * np.exp(counts * np.log(lam) - lam - lg)))

    for name, f in (("logistic", logistic), ("cauchy", cauchy_ll), ("zip", zip_ll)):
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            total = 0.0
            for i in range(POINTS):
                total += f(i)
            best = min(best, time.perf_counter() - t0)
        print(f"{name} {best:.4f} {f(POINTS // 2):.12e}", flush=True)


if __name__ == "__main__":
    main()
