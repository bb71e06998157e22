"""Reference values for src/expr/tests.rs: sums of scipy.stats' logpmf/logpdf (and mpmath) for
the families written as --logf expressions. Run with the project venv:
    /work/notes/venv/bin/python tools/expr_reference.py
and paste the printed constants. Every number is printed with repr (shortest round trip)."""
import numpy as np
import scipy
import mpmath as mp
from scipy import stats, special

COUNTS = [0, 3, 1, 4, 2, 2, 7, 0, 1, 5, 3, 2]
BINARY = [0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1]
TRIALS10 = [3, 5, 0, 10, 4, 6, 2]
GEOM = [1, 4, 2, 1, 7, 3]
WAITS = [0.31, 2.5, 0.07, 1.12, 0.83, 4.4, 0.25, 1.9]
REALS = [1.3, -0.4, 2.9, 0.55, 1.71, -1.2, 3.05, 0.0, 2.2]
UNIT = [0.12, 0.5, 0.93, 0.41, 0.77, 0.05, 0.66]
FAR = [1e9 + d for d in (0.25, -1.5, 2.0, 0.75, -0.5, 1.25)]

def total(a):
    return float(np.sum(np.asarray(a, dtype=float)))

def row(name, theta, value):
    print(f"    ({name!r}, &{list(map(float, theta))!r}, {value!r}),")

print(f"// scipy {scipy.__version__}, numpy {np.__version__}, mpmath {mp.__version__}")
print("FAMILIES")
for lam in (0.5, 2.75, 10.0):
    row("poisson", [lam], total(stats.poisson.logpmf(COUNTS, lam)))
for p in (0.2, 0.46, 0.9):
    row("bernoulli", [p], total(stats.bernoulli.logpmf(BINARY, p)))
for p in (0.1, 0.45, 0.8):
    row("binomial", [p], total(stats.binom.logpmf(TRIALS10, 10, p)))
for p in (0.15, 0.5):
    row("geometric", [p], total(stats.geom.logpmf(GEOM, p)))
for lam in (0.3, 1.0, 4.0):
    row("exponential", [lam], total(stats.expon.logpdf(WAITS, scale=1 / lam)))
for k, b in ((0.7, 0.4), (2.0, 1.5), (5.5, 3.0)):
    row("gamma", [k, b], total(stats.gamma.logpdf(WAITS, k, scale=1 / b)))
for mu, s in ((0.0, 1.0), (1.1, 1.7), (-2.0, 0.3)):
    row("normal", [mu, s], total(stats.norm.logpdf(REALS, mu, s)))
for mu, s in ((0.0, 1.0), (-0.5, 2.5)):
    row("lognormal", [mu, s], total(stats.lognorm.logpdf(WAITS, s, scale=np.exp(mu))))
for a, b in ((0.5, 0.5), (2.0, 3.0), (7.5, 1.25)):
    row("beta", [a, b], total(stats.beta.logpdf(UNIT, a, b)))
for p in (0.3, 0.65):
    row("negbinom", [p], total(stats.nbinom.logpmf(COUNTS, 2.5, p)))
for m in (0.0, 1.5):
    row("cauchy", [m], total(stats.cauchy.logpdf(REALS, m, 0.8)))
for m, s in ((0.5, 1.0), (1.0, 0.25)):
    row("student_t", [m, s], total(stats.t.logpdf(REALS, 4.0, m, s)))
for mu, s in ((1e9, 1.0), (1e9 + 0.5, 1.4)):
    row("normal_far", [mu, s], total(stats.norm.logpdf(FAR, mu, s)))

# Zero-inflated Poisson: w·[x = 0] + (1 − w)·Poisson(x; λ).
def zip_ll(lam, w):
    c = np.asarray(COUNTS)
    return total(np.log(w * (c == 0) + (1 - w) * stats.poisson.pmf(c, lam)))
for lam, w in ((2.5, 0.1), (3.0, 0.4)):
    row("zip", [lam, w], zip_ll(lam, w))

# Logistic regression of BINARY on REALS[:] (13 y against the first 13 of XS).
XS = [0.5, -1.2, 2.2, 0.1, -0.7, 1.9, -2.5, 0.0, 0.4, 1.1, 3.0, -0.3, 0.8]
for a, b in ((0.0, 1.0), (-0.4, 0.7)):
    eta = a + b * np.asarray(XS)
    y = np.asarray(BINARY)
    row("logistic", [a, b], total(y * special.log_expit(eta) + (1 - y) * special.log_expit(-eta)))

# Right-censored normal: c = 1 marks a censored time (ln(1 − Φ)), else the density.
CENS_T = [1.2, 3.5, 0.4, 2.0, 5.0, 2.7]
CENS_C = [0, 1, 0, 0, 1, 0]
for mu, s in ((2.0, 1.0), (3.0, 2.0)):
    t, c = np.asarray(CENS_T), np.asarray(CENS_C)
    v = np.where(c == 1, stats.norm.logsf(t, mu, s), stats.norm.logpdf(t, mu, s))
    row("censored", [mu, s], total(v))

print("FAR TAIL: sum of ln Phi(a*x) over x in (-3, -7.5, -12), mpmath 60 digits")
mp.mp.dps = 60
for a in (1.0, 4.0, 90.0):
    xs = [mp.mpf(-3), mp.mpf(-7.5), mp.mpf(-12)]
    s = sum(mp.log(mp.ncdf(a * x)) for x in xs)
    d1 = sum(x * mp.npdf(a * x) / mp.ncdf(a * x) for x in xs)
    d2 = 0
    for x in xs:
        lam = mp.npdf(a * x) / mp.ncdf(a * x)
        d2 += -x * x * lam * (lam + a * x)
    print(f"    ({a!r}, {float(s)!r}, {float(d1)!r}, {float(d2)!r}),")

print("DIGAMMA: Σ [lgamma(x + a) − lgamma(a)] over COUNTS: d/da = Σψ(x+a) − nψ(a), d² with ψ′")
for a in (0.8, 3.5):
    c = np.asarray(COUNTS, dtype=float)
    v = total(special.gammaln(c + a) - special.gammaln(a))
    d1 = total(special.psi(c + a) - special.psi(a))
    d2 = total(special.polygamma(1, c + a) - special.polygamma(1, a))
    d3 = total(special.polygamma(2, c + a) - special.polygamma(2, a))
    print(f"    ({a!r}, {v!r}, {d1!r}, {d2!r}, {d3!r}),")
