"""Independent reference values for the families added by issue #3 (src/family/tests.rs).

For each family and the small data set written here (and again in the Rust tests), prints
  * LL(θ) = numpy.sum(scipy.stats.<dist>.logpdf/logpmf(x, ...)) at four θ, with repr();
  * the maximum-likelihood estimate: a closed form evaluated by numpy where there is one, or,
    for beta, cauchy and student-t, the root of the analytic score found by scipy.optimize.brentq
    (xtol=1e-15, rtol=4 * np.finfo(float).eps) in a bracket around the best of a fine grid, checked against
    scipy.optimize.minimize_scalar on the NLL;
  * trigamma ψ′(x) = scipy.special.polygamma(1, x) at the points the trigamma test uses.

Run: python3 tools/family_reference.py   (recorded with scipy 1.17.1, numpy 2.4.6)
"""

import numpy as np
import scipy
import scipy.optimize as opt
import scipy.special as sp
import scipy.stats as st


def ll_table(name, logpdf, thetas):
    print(f"{name}:")
    for t in thetas:
        print(f"    ({t!r}, {float(np.sum(logpdf(t)))!r}),")


def numeric_mle(score, nll, lo, hi):
    grid = np.linspace(lo, hi, 20001)
    best = grid[np.argmin([nll(t) for t in grid])]
    step = grid[1] - grid[0]
    a, b = max(lo, best - step), min(hi, best + step)
    root = opt.brentq(score, a, b, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=500)
    check = opt.minimize_scalar(nll, bracket=(a, root, b), tol=1e-12).x
    assert abs(check - root) < 1e-6 * max(1.0, abs(root)), (root, check)
    return root


print(f"scipy {scipy.__version__}, numpy {np.__version__}")

# gamma: shape k = 2.5 known, rate β swept (scale = 1/β).
x = np.array([0.42, 1.7, 0.05, 3.3, 0.9, 2.25, 0.61])
k = 2.5
ll_table("gamma", lambda b: st.gamma.logpdf(x, a=k, scale=1 / b), [0.05, 1.0, 2.5, 30.0])
print("  mle k*n/sum", repr(float(k * len(x) / np.sum(x))))

# normal-sd: μ = 0.5 known, σ swept.
x = np.array([-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9])
mu = 0.5
ll_table("normal-sd", lambda s: st.norm.logpdf(x, loc=mu, scale=s), [0.1, 1.0, 1.7, 25.0])
print("  mle sqrt(mean((x-mu)^2))", repr(float(np.sqrt(np.mean((x - mu) ** 2)))))

# negative-binomial: r = 2.5 known, p swept; k failures before the r-th success.
x = np.array([0, 3, 7, 1, 12, 4, 0, 2])
r = 2.5
ll_table("negative-binomial", lambda p: st.nbinom.logpmf(x, r, p), [0.01, 0.2, 0.45, 0.99])
print("  mle n*r/(n*r+sum)", repr(float(len(x) * r / (len(x) * r + np.sum(x)))))

# lognormal: σ = 0.8 known, μ (of ln x) swept.
x = np.array([0.42, 1.7, 0.05, 3.3, 0.9, 2.25, 61.0])
s = 0.8
ll_table("lognormal", lambda m: st.lognorm.logpdf(x, s=s, scale=np.exp(m)), [-3.0, 0.0, 0.6, 5.0])
print("  mle mean(ln x)", repr(float(np.mean(np.log(x)))))

# beta: b = 1.5 known, a swept.
x = np.array([0.12, 0.5, 0.93, 0.31, 0.77, 0.05, 0.66])
b = 1.5
ll_table("beta", lambda a: st.beta.logpdf(x, a, b), [0.1, 1.0, 2.2, 15.0])
n, slx = len(x), np.sum(np.log(x))
a_hat = numeric_mle(
    lambda a: slx - n * (sp.digamma(a) - sp.digamma(a + b)),
    lambda a: -np.sum(st.beta.logpdf(x, a, b)),
    1e-3,
    50.0,
)
print("  mle (brentq on the score)", repr(float(a_hat)))

# cauchy: scale γ = 0.7 known, location swept.
x = np.array([-1.3, 0.25, 2.75, 1e-3, 13.5, -0.4, 1.9, -40.0])
g = 0.7
ll_table("cauchy", lambda m: st.cauchy.logpdf(x, loc=m, scale=g), [-50.0, 0.0, 0.4, 10.0])
m_hat = numeric_mle(
    lambda m: np.sum(2 * (x - m) / (g**2 + (x - m) ** 2)),
    lambda m: -np.sum(st.cauchy.logpdf(x, loc=m, scale=g)),
    x.min(),
    x.max(),
)
print("  mle (brentq on the score)", repr(float(m_hat)))

# laplace: scale 1.3 known, location swept; n = 8 is even.
x = np.array([-1.3, 0.25, 2.75, 1e-3, 3.5, -0.4, 1.9, 0.6])
ll_table("laplace", lambda m: st.laplace.logpdf(x, loc=m, scale=1.3), [-5.0, 0.0, 0.425, 8.0])
print("  mle median", repr(float(np.median(x))))

# student-t: ν = 4.5 and scale 0.6 known, location swept.
x = np.array([-1.3, 0.25, 2.75, 1e-3, 13.5, -0.4, 1.9])
nu, sc = 4.5, 0.6
ll_table("student-t", lambda m: st.t.logpdf(x, df=nu, loc=m, scale=sc), [-10.0, 0.0, 0.3, 6.0])
t_hat = numeric_mle(
    lambda m: np.sum((nu + 1) * (x - m) / (nu * sc**2 + (x - m) ** 2)),
    lambda m: -np.sum(st.t.logpdf(x, df=nu, loc=m, scale=sc)),
    x.min(),
    x.max(),
)
print("  mle (brentq on the score)", repr(float(t_hat)))

# uniform: Uniform(0, θ), θ swept.
x = np.array([0.3, 2.9, 1.25, 0.0, 2.05, 0.71])
ll_table("uniform", lambda t: st.uniform.logpdf(x, loc=0, scale=t), [2.9, 3.0, 5.0, 100.0])
print("  below max(x):", float(np.sum(st.uniform.logpdf(x, loc=0, scale=2.0))))

print("trigamma (scipy.special.polygamma(1, x)):")
for v in [1e-8, 0.1, 0.5, 1.0, 2.5, 7.25, 10.0, 123.456, 1e6]:
    print(f"    ({v!r}, {float(sp.polygamma(1, v))!r}),")
