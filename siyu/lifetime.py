"""Buy-till-you-die models: BG/NBD for repeat purchases, Gamma-Gamma for spend (SPEC §4).

Pure numbers: arrays of per-person summaries in, parameters and predictions out; no SQL and
no Streamlit (the metric layer, `siyu.metrics.clv`, reads the summaries from the paid orders).

A person's summary, from their purchase days up to the end of calibration:
- `x`  frequency: repeat purchase days (days with a paid order after the first such day);
- `tx` recency: time from the first purchase day to the last, in the chosen unit;
- `T`  age: time from the first purchase day to the end of calibration, in the same unit;
- `m`  mean spend per repeat purchase day (a day's paid orders summed), for x >= 1.

BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
person buys at rate λ ~ Gamma(r, α); after each purchase they drop out with probability
p ~ Beta(a, b). Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
value"): spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ), independent of the purchases.

Both are fitted by maximum likelihood with the closed-form log-likelihoods and their
gradients over log-parameters (L-BFGS-B, `scipy.optimize`). The BG/NBD likelihood is summed
over distinct (x, tx, T) with their counts as weights, and every Γ-term is evaluated once per
distinct x, so a million people cost a few hundred thousand logarithms per step. On the
CDNOW sample (2,357 customers, 39 weeks) this reproduces the published r = 0.243,
α = 4.414, a = 0.793, b = 2.426 and p = 6.25, q = 3.74, γ = 15.44 (tests/unit/test_lifetime.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# scipy is imported where it is used: every page and metric process loads this module, few
# of them fit a model (its import takes longer than most metrics).

# Days in a month for the monthly discount (a year of 365.25 days in 12 months).
MONTH_DAYS = 365.25 / 12
# log-parameters are kept within e^-LOG_BOUND … e^LOG_BOUND while fitting
LOG_BOUND = 30.0


@dataclass(frozen=True)
class BgNbd:
    """Fitted BG/NBD parameters (α in the unit of the summaries), log-likelihood, people."""

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    customers: int


@dataclass(frozen=True)
class GammaGamma:
    """Fitted Gamma-Gamma parameters, log-likelihood and the repeat buyers fitted."""

    p: float
    q: float
    gamma: float
    log_likelihood: float
    customers: int

    @property
    def mean_spend(self) -> float | None:
        """The population mean spend per purchase day, pγ/(q − 1); None when q <= 1."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else None


def _arrays(*values) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in values]


def unique_rows(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """The distinct rows of equally long columns: (their columns, the index of each input
    row's distinct row, how many input rows each holds). A sort of the rows, not a hash of
    each: a million rows in a fraction of a second."""
    n = len(columns[0])
    if n == 0:
        return [c[:0] for c in columns], np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    order = np.lexsort(columns[::-1])
    new = np.zeros(n, dtype=bool)
    new[0] = True
    for c in columns:
        s = c[order]
        new[1:] |= s[1:] != s[:-1]
    group = np.cumsum(new) - 1
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = group
    firsts = order[new]
    counts = np.bincount(group)
    return [c[firsts] for c in columns], inverse, counts


def aggregate(x, tx, T) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (x, tx, T) rows and how many people share each: (x, tx, T, weights)."""
    x, tx, T = _arrays(x, tx, T)
    (ux, utx, uT), _, counts = unique_rows(x, tx, T)
    return ux, utx, uT, counts.astype(float)


# -- BG/NBD ----------------------------------------------------------------------------------


def _dot(u: np.ndarray, v: np.ndarray) -> float:
    """Σ u·v without BLAS: a threaded BLAS dot spins for tens of milliseconds on a busy
    two-core machine, the plain product and sum take well under one."""
    return float(np.multiply(u, v).sum())


class _BgNbdLikelihood:
    """−log-likelihood of log(r, α, a, b) and its gradient, over weighted distinct rows."""

    def __init__(self, x, tx, T, w) -> None:
        # the Γ-terms and r·ln α depend on x alone: summed once per distinct x
        self.ux, ix = np.unique(x, return_inverse=True)
        self.wx = np.bincount(ix, weights=w, minlength=len(self.ux))
        self.n = float(w.sum())
        # people without a repeat day: only −(r + 0)·ln(α + T) remains of A3, and no A4
        once = x == 0
        self.T0, self.w0 = T[once], w[once]
        rep = ~once
        self.x, self.tx, self.T, self.w = x[rep], tx[rep], T[rep], w[rep]

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        from scipy import special

        r, alpha, a, b = (float(v) for v in np.exp(theta))
        ux, wx, n = self.ux, self.wx, self.n
        # A1 + A2 = ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) − ln B(a, b)
        ll = _dot(
            wx,
            special.gammaln(r + ux)
            - special.gammaln(r)
            + special.gammaln(a + b)
            + special.gammaln(b + ux)
            - special.gammaln(b)
            - special.gammaln(a + b + ux),
        ) + n * r * math.log(alpha)
        d_ab = special.digamma(a + b) - special.digamma(a + b + ux)
        g_r = _dot(wx, special.digamma(r + ux) - special.digamma(r)) + n * math.log(alpha)
        g_alpha = n * r / alpha
        g_a = _dot(wx, d_ab)
        g_b = _dot(wx, d_ab + special.digamma(b + ux) - special.digamma(b))
        # x = 0: A3 = −r ln(α + T)
        aT0 = alpha + self.T0
        log_aT0 = np.log(aT0)
        ll -= r * _dot(self.w0, log_aT0)
        g_r -= _dot(self.w0, log_aT0)
        g_alpha -= r * _dot(self.w0, 1.0 / aT0)
        # x > 0: ln(e^A3 + e^A4), A3 = −(r + x) ln(α + T),
        # A4 = ln a − ln(b + x − 1) − (r + x) ln(α + tx)
        x, w = self.x, self.w
        aT, atx = alpha + self.T, alpha + self.tx
        log_aT, log_atx = np.log(aT), np.log(atx)
        rx = r + x
        bx = b + x - 1
        a3 = -rx * log_aT
        d = math.log(a) - np.log(bx) - rx * log_atx - a3  # A4 − A3
        ll += _dot(w, a3 + np.maximum(d, 0) + np.log1p(np.exp(-np.abs(d))))
        s4 = special.expit(d)  # the share of e^A4 in e^A3 + e^A4
        ws3, ws4 = w * (1.0 - s4), w * s4
        g_r -= _dot(ws3, log_aT) + _dot(ws4, log_atx)
        g_alpha -= _dot(ws3, rx / aT) + _dot(ws4, rx / atx)
        g_a += float(ws4.sum()) / a
        g_b -= _dot(ws4, 1.0 / bx)
        grad = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
        return -ll, -grad


def fit_bgnbd(x, tx, T, weights=None) -> BgNbd | None:
    """Maximum-likelihood BG/NBD on per-person (or aggregated, with `weights`) summaries.

    None when the data cannot identify the model: fewer than two people, or nobody with a
    repeat purchase day.
    """
    from scipy import optimize

    x, tx, T = _arrays(x, tx, T)
    if weights is None:
        x, tx, T, w = aggregate(x, tx, T)
    else:
        w = np.asarray(weights, dtype=float)
    if w.sum() < 2 or not (w[x > 0].sum() > 0) or not (T > 0).any():
        return None
    f = _BgNbdLikelihood(x, tx, T, w)
    scale = float(np.average(T, weights=w)) or 1.0
    start = np.log([1.0, scale, 1.0, 1.0])
    res = optimize.minimize(
        f,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * 4,
        options={"maxiter": 1000, "ftol": 1e-13, "gtol": 1e-8},
    )
    r, alpha, a, b = (float(v) for v in np.exp(res.x))
    return BgNbd(r, alpha, a, b, -float(res.fun), round(float(w.sum())))


def p_alive(model: BgNbd, x, tx, T) -> np.ndarray:
    """P(alive | x, tx, T): 1 / (1 + [x > 0] · a/(b + x − 1) · ((α + T)/(α + tx))^(r + x))."""
    from scipy import special

    x, tx, T = _arrays(x, tx, T)
    r, alpha, a, b = model.r, model.alpha, model.a, model.b
    out = np.ones_like(x)
    rep = x > 0
    xr = x[rep]
    log_odds = (
        math.log(a)
        - np.log(b + xr - 1)
        + (r + xr) * (np.log(alpha + T[rep]) - np.log(alpha + tx[rep]))
    )
    out[rep] = special.expit(-log_odds)
    return out


def _a(model: BgNbd) -> float:
    """a, moved off 1 by a millionth where it sits on it: the expectations' closed forms
    divide by a − 1 there (a removable 0/0 the formula cannot evaluate)."""
    return model.a if abs(model.a - 1) > 1e-6 else 1 + 1e-6


def _tail(model: BgNbd, t: float, x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """1 − ((α + T)/(α + T + t))^(r + x) · ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t)),
    evaluated once per distinct (x, T): the hypergeometric function is the dear part, and a
    million people hold a few thousand such pairs."""
    from scipy import special

    (ux, uT), inverse, _ = unique_rows(x, T)
    r, alpha, a, b = model.r, model.alpha, _a(model), model.b
    z = t / (alpha + uT + t)
    power = np.exp((r + ux) * np.log((alpha + uT) / (alpha + uT + t)))
    out = 1.0 - power * special.hyp2f1(r + ux, b + ux, a + b + ux - 1, z)
    return out[inverse]


def expected_purchases(model: BgNbd, t: float, x, tx, T, alive=None) -> np.ndarray:
    """E[Y(t) | x, tx, T]: expected purchase days in the `t` units after the end of
    calibration, of a person with summary (x, tx, T) (FHL 2005, equation 10). `alive`: their
    `p_alive`, when the caller has it already."""
    x, tx, T = _arrays(x, tx, T)
    head = (_a(model) + model.b + x - 1) / (_a(model) - 1)
    alive = p_alive(model, x, tx, T) if alive is None else alive
    return head * _tail(model, float(t), x, T) * alive


def expected_new(model: BgNbd, t) -> np.ndarray:
    """E[X(t)]: expected repeat purchase days in the `t` units after a person's first
    purchase day, for someone drawn from the population (FHL 2005, equation 9)."""
    from scipy import special

    t = np.asarray(t, dtype=float)
    r, alpha, a, b = model.r, model.alpha, _a(model), model.b
    z = t / (alpha + t)
    out = (
        (a + b - 1)
        / (a - 1)
        * (1.0 - np.power(alpha / (alpha + t), r) * special.hyp2f1(r, b, a + b - 1, z))
    )
    return np.where(t > 0, out, 0.0)


# -- Gamma-Gamma -----------------------------------------------------------------------------


class _GammaGammaLikelihood:
    """−log-likelihood of log(p, q, γ) and its gradient, over people with x >= 1."""

    def __init__(self, x, m) -> None:
        # the Γ-terms depend on x alone: once per distinct x
        self.ux, ix = np.unique(x, return_inverse=True)
        self.nx = np.bincount(ix, minlength=len(self.ux)).astype(float)
        self.x, self.m = x, m
        self.mx = m * x
        self.n = float(len(x))
        log_m, log_x = np.log(m), np.log(x)
        self.sum_x_logmx = _dot(x, log_m + log_x)
        self.sum_logm = float(log_m.sum())

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        from scipy import special

        p, q, g = (float(v) for v in np.exp(theta))
        ux, nx, n, x = self.ux, self.nx, self.n, self.x
        gmx = g + self.mx
        log_gmx = np.log(gmx)
        pxq = p * x + q
        # ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln m + px ln x
        #   − (px + q) ln(γ + m·x)
        ll = (
            _dot(nx, special.gammaln(p * ux + q) - special.gammaln(p * ux))
            - n * special.gammaln(q)
            + n * q * math.log(g)
            + p * self.sum_x_logmx
            - self.sum_logm
            - _dot(pxq, log_gmx)
        )
        d_pxq = special.digamma(p * ux + q)
        g_p = _dot(nx, ux * (d_pxq - special.digamma(p * ux))) + self.sum_x_logmx - _dot(x, log_gmx)
        g_q = _dot(nx, d_pxq) - n * special.digamma(q) + n * math.log(g) - float(log_gmx.sum())
        g_g = n * q / g - float((pxq / gmx).sum())
        grad = np.array([g_p * p, g_q * q, g_g * g])
        return -float(ll), -grad


def fit_gamma_gamma(x, m) -> GammaGamma | None:
    """Maximum-likelihood Gamma-Gamma on the people with x >= 1 and a mean spend m > 0.

    None with fewer than two such people or when their mean spends are all equal (the
    spread that identifies the model is missing).
    """
    from scipy import optimize

    x, m = _arrays(x, m)
    keep = (x > 0) & (m > 0) & np.isfinite(m)
    x, m = x[keep], m[keep]
    if len(x) < 2 or np.ptp(m) == 0:
        return None
    f = _GammaGammaLikelihood(x, m)
    start = np.log([1.0, 1.0, float(np.mean(m))])
    res = optimize.minimize(
        f,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * 3,
        options={"maxiter": 1000, "ftol": 1e-13, "gtol": 1e-8},
    )
    p, q, g = (float(v) for v in np.exp(res.x))
    return GammaGamma(p, q, g, -float(res.fun), len(x))


def expected_spend(model: GammaGamma, x, m) -> np.ndarray:
    """E[spend per purchase day | x, m] = p(γ + x·m)/(p·x + q − 1); the population mean
    pγ/(q − 1) for a person without repeat purchase days (NaN when q <= 1)."""
    x, m = _arrays(x, m)
    p, q, g = model.p, model.q, model.gamma
    mean = model.mean_spend if model.mean_spend is not None else np.nan
    m = np.where(x > 0, np.nan_to_num(m), 0.0)
    out = p * (g + x * m) / (p * x + q - 1)
    return np.where(x > 0, out, mean)


# -- value -----------------------------------------------------------------------------------


def discounted_purchases(
    model: BgNbd, horizon: float, unit_days: float, discount: float, x, tx, T, alive=None
) -> np.ndarray:
    """Expected purchase days over the next `horizon` units, each month's purchases
    discounted by (1 + discount)^k for the k-th month (k = 1, 2, …; the last month may be
    short). With discount 0 this is `expected_purchases(model, horizon, …)`."""
    x, tx, T = _arrays(x, tx, T)
    if horizon <= 0 or not len(x):
        return np.zeros_like(x)
    month = MONTH_DAYS / unit_days
    steps = max(math.ceil(horizon / month - 1e-9), 1)
    (ux, uT), inverse, _ = unique_rows(x, T)
    total = np.zeros_like(ux)
    before = np.zeros_like(ux)
    for k in range(1, steps + 1):
        now = _tail(model, min(k * month, horizon), ux, uT)
        total += (now - before) / (1.0 + discount) ** k
        before = now
    head = (_a(model) + model.b + x - 1) / (_a(model) - 1)
    alive = p_alive(model, x, tx, T) if alive is None else alive
    return head * total[inverse] * alive
