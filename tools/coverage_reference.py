"""Independent references for the --test / --coverage tests (issue 16), run with numpy, scipy
and mpmath: python tools/coverage_reference.py.

1. The exact coverage of the 95 % LR interval for Poisson(4) data, n = 50
   (tests/cli/inference_tests.rs, EXACT_POISSON_COVERAGE).
2. The expected information of one observation per family, E[(d/dθ ln f)²], from scipy.stats
   (src/analysis/coverage.rs, expected_information_matches_scipy_integrals).
"""
from mpmath import mp, mpf, log, exp, loggamma
from scipy.stats import chi2
mp.dps = 40
n, lam = 50, mpf(4)
crit = mpf(chi2.ppf(0.95, 1))  # 3.841458820694124
def ll(s, l):
    return (s * log(l) if s > 0 else mpf(0)) - n * l
tot = mpf(0)
for s in range(0, 2000):
    stat = 2 * (ll(s, mpf(s) / n) - ll(s, lam))
    if stat <= crit:
        tot += exp(s * log(n * lam) - n * lam - loggamma(s + 1))
print("exact Poisson LR coverage", mp.nstr(tot, 20), "critical value", repr(float(crit)))
import numpy as np
from scipy import stats, integrate

# 2. The score by a central difference of scipy.stats logpdf/logpmf in θ, squared, summed or
# integrated against f.
h = 1e-6
def disc(dist, theta, support):
    ks = np.arange(*support)
    s = (dist(theta + h).logpmf(ks) - dist(theta - h).logpmf(ks)) / (2 * h)
    return float(np.sum(dist(theta).pmf(ks) * s * s))
def cont(dist, theta, lo, hi):
    f = lambda x: dist(theta).pdf(x) * ((dist(theta + h).logpdf(x) - dist(theta - h).logpdf(x)) / (2 * h)) ** 2
    return integrate.quad(f, lo, hi, limit=400, epsabs=1e-13, epsrel=1e-11)[0]
print("binomial M=10 p=0.3", disc(lambda p: stats.binom(10, p), 0.3, (0, 11)))
print("geometric p=0.25", disc(lambda p: stats.geom(p), 0.25, (1, 2000)))
print("negbin r=2.5 p=0.3", disc(lambda p: stats.nbinom(2.5, p), 0.3, (0, 5000)))
print("poisson 4", disc(lambda l: stats.poisson(l), 4.0, (0, 200)))
print("gamma k=3 rate=0.5", cont(lambda b: stats.gamma(3, scale=1 / b), 0.5, 0, np.inf))
print("normal-sd sigma=1.5", cont(lambda s: stats.norm(0, s), 1.5, -np.inf, np.inf))
print("beta a=2.5 b=2", cont(lambda a: stats.beta(a, 2), 2.5, 0, 1))
print("cauchy scale=2", cont(lambda m: stats.cauchy(m, 2), 0.0, -np.inf, np.inf))
print("student-t nu=4 s=0.5", cont(lambda m: stats.t(4, m, 0.5), 0.0, -np.inf, np.inf))
print("lognormal sigma=0.7", cont(lambda m: stats.lognorm(0.7, scale=np.exp(m)), 0.5, 0, np.inf))
