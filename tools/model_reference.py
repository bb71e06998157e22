"""Independent reference values for the two- and three-parameter models (src/model/tests.rs).

For each model and the small data set written here (and again in the Rust tests), prints
  * LL at one point of every parameter: numpy.sum(scipy.stats.<dist>.logpdf/logpmf(x, ...));
  * the joint maximum-likelihood estimate: scipy.stats.<dist>.fit where scipy solves it exactly
    (gamma, weibull_min with floc=0; normal, lognormal and laplace in closed form), otherwise
    the root of the analytic score equations (written here with scipy.special) found by
    scipy.optimize.root (hybr, xtol=1e-14) from scipy's fit, checked to be a maximum;
  * the profile likelihood-ratio interval of one parameter at 95 %: the profile computed by
    maximising the nuisance parameter with scipy (brentq on its score; for the Student t with
    ν fixed at 3), each end solved by scipy.optimize.brentq (xtol=1e-14) on
    pl(θ̂) − pl(θ) − chi2.ppf(0.95, 1)/2;
  * the standard error of that parameter, sqrt((J⁻¹)ᵢᵢ), from the observed information matrix
    J written out by hand (second derivatives in closed form with scipy.special.polygamma).

Run: python3 tools/model_reference.py   (recorded with scipy 1.17.1, numpy 2.4.6)
"""

import numpy as np
import scipy
import scipy.optimize as opt
import scipy.special as sp
import scipy.stats as st

C = st.chi2.ppf(0.95, 1) / 2
print(f"scipy {scipy.__version__}, numpy {np.__version__}, threshold {C!r}")


def interval(pl, mle, lo, hi):
    top = pl(mle)
    f = lambda t: top - pl(t) - C
    a = opt.brentq(f, lo, mle, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=500)
    b = opt.brentq(f, mle, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=500)
    return a, b


def se_of(J, i):
    return float(np.sqrt(np.linalg.inv(J)[i, i]))


def show(name, **values):
    print(f"{name}:")
    for k, v in values.items():
        print(f"    {k} = {v!r}")


# normal (mu, sigma)
x = np.array([1.0, 2.0, 6.0, -1.0, 3.5, 0.25, 2.75])
n = len(x)
mu, s = x.mean(), np.sqrt(np.mean((x - x.mean()) ** 2))
pl = lambda m: np.sum(st.norm.logpdf(x, m, np.sqrt(np.mean((x - m) ** 2))))
J = np.array([[n / s**2, 0.0], [0.0, 2 * n / s**2]])
show("normal", ll_at_0_5_1_5=float(np.sum(st.norm.logpdf(x, 0.5, 1.5))), mle=(mu, s),
     mu_interval=interval(pl, mu, mu - 10, mu + 10), mu_se=se_of(J, 0))

# lognormal (mu, sigma)
y = np.array([0.8, 2.3, 1.1, 4.0, 0.35, 1.9, 2.7, 0.6, 3.3, 1.2])
ly = np.log(y)
n = len(y)
mu, s = ly.mean(), np.sqrt(np.mean((ly - ly.mean()) ** 2))
pl = lambda sg: np.sum(st.lognorm.logpdf(y, sg, scale=np.exp(ly.mean())))
J = np.array([[n / s**2, 0.0], [0.0, 2 * n / s**2]])
show("lognormal", ll_at_0_2_0_9=float(np.sum(st.lognorm.logpdf(y, 0.9, scale=np.exp(0.2)))),
     mle=(mu, s), sigma_interval=interval(pl, s, 1e-3, 10.0), sigma_se=se_of(J, 1))

# gamma (shape k, rate beta)
a, loc, scale = st.gamma.fit(y, floc=0)
k, b = a, 1 / scale
n, lbar = len(y), np.log(y).mean()
def k_at(beta):  # k̂(β): ψ(k) = ln β + mean ln x
    return opt.brentq(lambda kk: sp.digamma(kk) - np.log(beta) - lbar, 1e-8, 1e8, xtol=1e-15)
pl = lambda beta: np.sum(st.gamma.logpdf(y, k_at(beta), scale=1 / beta))
J = n * np.array([[sp.polygamma(1, k), -1 / b], [-1 / b, k / b**2]])
show("gamma", ll_at_1_5_0_8=float(np.sum(st.gamma.logpdf(y, 1.5, scale=1 / 0.8))), mle=(k, b),
     rate_interval=interval(pl, b, 1e-3, 20.0), rate_se=se_of(J, 1))

# weibull (shape k, scale lambda): scipy's weibull_min.fit(floc=0) stops about 2e-5 short of
# the maximum (its LL is 2e-9 lower), so the estimate is also solved exactly, as the root of
# the profile equation 1/k + mean(ln x) − Σ xᵏ ln x / Σ xᵏ = 0 by brentq.
c_fit, _, lam_fit = st.weibull_min.fit(y, floc=0)
n, lx = len(y), np.log(y)
def lam_at(kk):
    return np.mean(y**kk) ** (1 / kk)
c = opt.brentq(lambda kk: 1 / kk + lx.mean() - np.sum(y**kk * lx) / np.sum(y**kk), 0.1, 10.0,
               xtol=1e-15, rtol=8.9e-16)
lam = lam_at(c)
show("weibull fit", scipy_fit=(c_fit, lam_fit))
pl = lambda kk: np.sum(st.weibull_min.logpdf(y, kk, scale=lam_at(kk)))
# ∂²LL: kk = −n/k² − Σ (x/λ)^k ln²(x/λ); kλ = −n/λ + Σ (x/λ)^k (1 + k ln(x/λ))/λ;
# λλ = n k/λ² − k(k + 1) Σ (x/λ)^k / λ².
z = y / lam
J = -np.array([
    [-n / c**2 - np.sum(z**c * np.log(z) ** 2), -n / lam + np.sum(z**c * (1 + c * np.log(z))) / lam],
    [-n / lam + np.sum(z**c * (1 + c * np.log(z))) / lam, n * c / lam**2 - c * (c + 1) * np.sum(z**c) / lam**2],
])
show("weibull", ll_at_1_7_2_1=float(np.sum(st.weibull_min.logpdf(y, 1.7, scale=2.1))),
     mle=(c, lam), shape_interval=interval(pl, c, 0.2, 10.0), shape_se=se_of(J, 0))

# beta (a, b)
u = np.array([0.12, 0.55, 0.31, 0.78, 0.43, 0.66, 0.21, 0.39, 0.59, 0.47])
n, s1, s2 = len(u), np.log(u).sum(), np.log1p(-u).sum()
def score(p):
    aa, bb = p
    return [s1 - n * (sp.digamma(aa) - sp.digamma(aa + bb)), s2 - n * (sp.digamma(bb) - sp.digamma(aa + bb))]
a0, b0, _, _ = st.beta.fit(u, floc=0, fscale=1)
sol = opt.root(score, [a0, b0], method="hybr", options={"xtol": 1e-14})
aa, bb = sol.x
def b_at(a_):
    return opt.brentq(lambda b_: s2 - n * (sp.digamma(b_) - sp.digamma(a_ + b_)), 1e-6, 1e6, xtol=1e-15)
pl = lambda a_: np.sum(st.beta.logpdf(u, a_, b_at(a_)))
t = sp.polygamma(1, aa + bb)
J = n * np.array([[sp.polygamma(1, aa) - t, -t], [-t, sp.polygamma(1, bb) - t]])
show("beta", ll_at_2_3=float(np.sum(st.beta.logpdf(u, 2.0, 3.0))), mle=tuple(sol.x),
     a_interval=interval(pl, aa, 0.1, 50.0), a_se=se_of(J, 0))

# negative binomial (r, p)
kk = np.array([0, 3, 1, 7, 2, 0, 12, 4, 1, 5, 0, 9, 2, 3], dtype=float)
n, m = len(kk), kk.mean()
def r_score(r):  # with p̂(r) = r/(r + x̄) substituted
    return np.sum(sp.digamma(kk + r)) - n * sp.digamma(r) + n * np.log(r / (r + m))
r = opt.brentq(r_score, 1e-3, 1e3, xtol=1e-15, rtol=4 * np.finfo(float).eps)
p = r / (r + m)
pl = lambda pp: np.sum(st.nbinom.logpmf(kk, opt.brentq(lambda rr: np.sum(sp.digamma(kk + rr)) - n * sp.digamma(rr) + n * np.log(pp), 1e-6, 1e6, xtol=1e-15), pp))
# ∂²LL: rr = Σψ′(k + r) − nψ′(r); rp = n/p; pp = −n r/p² − Σk/(1 − p)².
J = -np.array([[np.sum(sp.polygamma(1, kk + r)) - n * sp.polygamma(1, r), n / p],
               [n / p, -n * r / p**2 - kk.sum() / (1 - p) ** 2]])
show("negative_binomial", ll_at_2_0_3=float(np.sum(st.nbinom.logpmf(kk, 2.0, 0.3))), mle=(r, p),
     p_interval=interval(pl, p, 0.05, 0.9), p_se=se_of(J, 1))

# cauchy (x0, gamma)
v = np.array([-1.3, 0.25, 2.75, 0.001, 3.5, -0.4, 1.9, 0.6, 8.0, -4.2])
n = len(v)
def cscore(q):
    x0, g = q
    d = v - x0
    return [np.sum(2 * d / (g**2 + d**2)), n / g - np.sum(2 * g / (g**2 + d**2))]
x0f, gf = st.cauchy.fit(v)
sol = opt.root(cscore, [x0f, gf], method="hybr", options={"xtol": 1e-14})
x0, g = sol.x
nll = lambda q: -np.sum(st.cauchy.logpdf(v, q[0], q[1]))
best = min((opt.minimize(nll, [q0, 1.0], method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 20000}) for q0 in np.quantile(v, [0.1, 0.3, 0.5, 0.7, 0.9])), key=lambda r_: r_.fun)
assert np.allclose(best.x, sol.x, rtol=1e-6), (best.x, sol.x)
def g_at(x0_):
    d = v - x0_
    return opt.brentq(lambda gg: n / gg - np.sum(2 * gg / (gg**2 + d**2)), 1e-6, 1e6, xtol=1e-15)
pl = lambda x0_: np.sum(st.cauchy.logpdf(v, x0_, g_at(x0_)))
d = v - x0
q = g**2 + d**2
# LL = n ln γ − n ln π − Σ ln(γ² + d²), d = x − x₀: ∂²x₀x₀ = Σ 2(d² − γ²)/q²,
# ∂²x₀γ = −Σ 4γd/q², ∂²γγ = −n/γ² − Σ 2(d² − γ²)/q², q = γ² + d².
J = -np.array([[np.sum(2 * (d**2 - g**2) / q**2), np.sum(-4 * g * d / q**2)],
               [np.sum(-4 * g * d / q**2), -n / g**2 - np.sum(2 * (d**2 - g**2) / q**2)]])
show("cauchy", ll_at_0_5_2=float(np.sum(st.cauchy.logpdf(v, 0.5, 2.0))), mle=(x0, g),
     x0_interval=interval(pl, x0, x0 - 10, x0 + 10), x0_se=se_of(J, 0))

# laplace (mu, b): the median and the mean absolute deviation
mu = np.median(v)
b = np.mean(np.abs(v - mu))
pl = lambda b_: np.sum(st.laplace.logpdf(v, mu, b_))
show("laplace", ll_at_0_5_2=float(np.sum(st.laplace.logpdf(v, 0.5, 2.0))), mle=(mu, b),
     scale_interval=interval(pl, b, 0.1, 50.0), scale_se=float(b / np.sqrt(len(v))))

# student t (mu, s, nu)
w = np.array([-1.3, 0.25, 2.75, 0.001, 3.5, -0.4, 1.9, 0.6, 8.0, -4.2, 0.9, 1.4])
n = len(w)
tnll = lambda q: -np.sum(st.t.logpdf(w, q[2], q[0], q[1]))
fits = [opt.minimize(tnll, [np.median(w), 1.5, nu0], method="Nelder-Mead",
                     options={"xatol": 1e-13, "fatol": 1e-15, "maxiter": 40000}) for nu0 in (1.0, 3.0, 30.0)]
best = min(fits, key=lambda r_: r_.fun)
def tscore(q):
    m_, s_, nu = q
    z = (w - m_) / s_
    r_ = 1 + z**2 / nu
    dm = np.sum((nu + 1) * z / (nu * s_ * r_))
    ds = -n / s_ + np.sum((nu + 1) * z**2 / (nu * s_ * r_))
    dn = n * 0.5 * (sp.digamma((nu + 1) / 2) - sp.digamma(nu / 2) - 1 / nu) - 0.5 * np.sum(np.log(r_)) + 0.5 * (nu + 1) * np.sum(z**2 / (nu**2 * r_))
    return [dm, ds, dn]
sol = opt.root(tscore, best.x, method="hybr", options={"xtol": 1e-14})
assert np.allclose(sol.x, best.x, rtol=1e-5), (sol.x, best.x)
m_, s_, nu = sol.x
show("student_t", ll_at_0_5_1_5_4=float(np.sum(st.t.logpdf(w, 4.0, 0.5, 1.5))), mle=tuple(sol.x))

# student t with ν fixed at 3: the profile of μ with the scale maximised (the profile of μ with
# ν free too runs toward ν → ∞ at its upper end, where LL is too flat in ν to pin the end down
# beyond 1e-6).
nu = 3.0
def s_at(m0):  # ŝ(μ): ∂LL/∂s = −n/s + ((ν + 1)/ν) Σ z²/(s·r) = 0
    f = lambda s_: -n / s_ + np.sum((nu + 1) * ((w - m0) / s_) ** 2 / (nu * s_ * (1 + ((w - m0) / s_) ** 2 / nu)))
    return opt.brentq(f, 1e-3, 1e3, xtol=1e-15, rtol=8.9e-16)
def score_mu(m0):
    s_ = s_at(m0)
    z = (w - m0) / s_
    return np.sum((nu + 1) * z / (nu * s_ * (1 + z**2 / nu)))
grid = np.linspace(-2, 4, 601)
vals = [np.sum(st.t.logpdf(w, nu, g, s_at(g))) for g in grid]
i = int(np.argmax(vals))
m3 = opt.brentq(score_mu, grid[i - 1], grid[i + 1], xtol=1e-15, rtol=8.9e-16)
s3 = s_at(m3)
pl = lambda m0: np.sum(st.t.logpdf(w, nu, m0, s_at(m0)))
a = (nu + 1) / nu
z = (w - m3) / s3
r = 1 + z**2 / nu
H = np.array([
    [-(a / s3**2) * np.sum((1 - z**2 / nu) / r**2),
     -(a / s3**2) * np.sum(z / r) - (a / s3**2) * np.sum(z * (1 - z**2 / nu) / r**2)],
    [0.0, n / s3**2 - (a / s3**2) * np.sum(z**2 / r) - (2 * a / s3**2) * np.sum(z**2 / r**2)],
])
H[1, 0] = H[0, 1]
show("student_t nu=3", mle=(m3, s3), mu_interval=interval(pl, m3, m3 - 6, m3 + 6), mu_se=se_of(-H, 0))
