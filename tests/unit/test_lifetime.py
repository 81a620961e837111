"""BG/NBD and Gamma-Gamma (siyu.lifetime): the published CDNOW fits and the closed forms.

The fits run on the CDNOW summary that the `lifetimes` package ships (tests/data/cdnow/README.md):
Fader, Hardie & Lee (2005) report r = 0.243, α = 4.414, a = 0.793, b = 2.426 (log-likelihood
−9582.4); Fader & Hardie (2013) p = 6.25, q = 3.74, γ = 15.44. The predictions are checked
against the closed forms written out here again in plain Python, with the hypergeometric
function as its power series.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from siyu import lifetime

SUMMARY = Path(__file__).resolve().parents[1] / "data" / "cdnow" / "cdnow_summary.csv"
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}
PUBLISHED = lifetime.BgNbd(0.243, 4.414, 0.793, 2.426, float("nan"), 2357)


def cdnow() -> dict[str, np.ndarray]:
    with SUMMARY.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) for r in rows]) for k in ("x", "t_x", "T", "zbar")}


def within(value: float, published: float, share: float = 0.01) -> bool:
    return abs(value - published) <= share * abs(published)


def test_the_bgnbd_fit_on_cdnow_reproduces_the_published_parameters():
    d = cdnow()
    assert len(d["x"]) == 2357
    fit = lifetime.fit_bgnbd(d["x"], d["t_x"], d["T"])
    assert fit is not None and fit.customers == 2357
    for name, published in PUBLISHED_BGNBD.items():
        assert within(getattr(fit, name), published), (name, getattr(fit, name))
    assert fit.log_likelihood == pytest.approx(-9582.4, abs=0.1)


def test_the_gamma_gamma_fit_on_cdnow_reproduces_the_published_parameters():
    d = cdnow()
    fit = lifetime.fit_gamma_gamma(d["x"], d["zbar"])
    assert fit is not None and fit.customers == 946  # repeat buyers
    for name, published in PUBLISHED_SPEND.items():
        assert within(getattr(fit, name), published), (name, getattr(fit, name))
    # population mean spend per purchase day pγ/(q − 1)
    assert fit.mean_spend == pytest.approx(fit.p * fit.gamma / (fit.q - 1))


def test_a_fit_over_distinct_rows_with_counts_is_the_fit_over_people():
    d = cdnow()
    x, tx, T, w = lifetime.aggregate(d["x"], d["t_x"], d["T"])
    assert w.sum() == 2357 and len(x) < 2357
    # every distinct row once, with its count
    assert len({(a, b, c) for a, b, c in zip(x, tx, T, strict=True)}) == len(x)
    one = lifetime.fit_bgnbd(d["x"], d["t_x"], d["T"])
    many = lifetime.fit_bgnbd(x, tx, T, w)
    assert (one.r, one.alpha, one.a, one.b) == pytest.approx(
        (many.r, many.alpha, many.a, many.b), rel=1e-6
    )
    assert one.log_likelihood == pytest.approx(many.log_likelihood, rel=1e-12)


def test_unique_rows_finds_each_distinct_row_and_where_every_input_row_went():
    a = np.array([2.0, 1.0, 2.0, 1.0, 2.0])
    b = np.array([0.5, 0.5, 0.5, 0.7, 0.5])
    (ua, ub), inverse, counts = lifetime.unique_rows(a, b)
    assert list(zip(ua, ub, strict=True)) == [(1.0, 0.5), (1.0, 0.7), (2.0, 0.5)]
    assert list(counts) == [1, 1, 3]
    assert list(ua[inverse]) == list(a) and list(ub[inverse]) == list(b)


# -- the closed forms, written out again -----------------------------------------------------


def hyp2f1(a: float, b: float, c: float, z: float) -> float:
    """₂F₁ by its power series Σ (a)ₙ(b)ₙ/(c)ₙ zⁿ/n! (|z| < 1)."""
    total, term, n = 1.0, 1.0, 0
    while abs(term) > 1e-16 * abs(total):
        term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
        total += term
        n += 1
    return total


def closed_p_alive(m, x, tx, T) -> float:
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + m.a / (m.b + x - 1) * ((m.alpha + T) / (m.alpha + tx)) ** (m.r + x))


def closed_expected(m, t, x, tx, T) -> float:
    """FHL 2005 equation (10)."""
    head = (m.a + m.b + x - 1) / (m.a - 1)
    z = t / (m.alpha + T + t)
    tail = 1 - ((m.alpha + T) / (m.alpha + T + t)) ** (m.r + x) * hyp2f1(
        m.r + x, m.b + x, m.a + m.b + x - 1, z
    )
    return head * tail * closed_p_alive(m, x, tx, T)


PEOPLE = [  # (x, t_x, T) of CDNOW customers 1, 2, 3 and a few others
    (2, 30.43, 38.86),
    (1, 1.71, 38.86),
    (0, 0.0, 38.86),
    (7, 29.43, 32.71),
    (14, 31.57, 32.0),
    (1, 35.86, 36.0),
]


@pytest.mark.parametrize("x, tx, T", PEOPLE)
def test_p_alive_and_expected_purchases_match_the_closed_forms(x, tx, T):
    m = PUBLISHED
    assert lifetime.p_alive(m, [x], [tx], [T])[0] == pytest.approx(
        closed_p_alive(m, x, tx, T), rel=1e-12
    )
    for t in (1.0, 10.0, 39.0):
        got = lifetime.expected_purchases(m, t, [x], [tx], [T])[0]
        assert got == pytest.approx(closed_expected(m, t, x, tx, T), rel=1e-9), t


def test_a_hand_computed_p_alive():
    # customer 1 of CDNOW, x = 2, t_x = 30.43, T = 38.86, with the published parameters:
    # 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243)
    odds = 0.793 / 3.426 * (43.274 / 34.844) ** 2.243
    assert lifetime.p_alive(PUBLISHED, [2], [30.43], [38.86])[0] == pytest.approx(
        1 / (1 + odds), rel=1e-12
    )
    # nobody without a repeat purchase day is counted dead
    assert lifetime.p_alive(PUBLISHED, [0, 0], [0, 0], [1.0, 50.0]).tolist() == [1.0, 1.0]


def test_population_expected_purchases_match_equation_9():
    m = PUBLISHED
    for t in (0.5, 39.0, 78.0):
        want = (
            (m.a + m.b - 1)
            / (m.a - 1)
            * (
                1
                - (m.alpha / (m.alpha + t)) ** m.r
                * hyp2f1(m.r, m.b, m.a + m.b - 1, t / (m.alpha + t))
            )
        )
        assert lifetime.expected_new(m, [t])[0] == pytest.approx(want, rel=1e-10)
    assert lifetime.expected_new(m, [0.0])[0] == 0.0
    # a new customer's purchases keep growing, ever more slowly
    grid = lifetime.expected_new(m, [13.0, 26.0, 39.0])
    assert grid[0] < grid[1] < grid[2] and grid[1] - grid[0] > grid[2] - grid[1]


def test_expected_spend_is_the_gamma_gamma_conditional_mean():
    gg = lifetime.GammaGamma(6.25, 3.74, 15.44, float("nan"), 946)
    got = lifetime.expected_spend(gg, [2, 1, 0], [22.35, 11.77, np.nan])
    assert got[0] == pytest.approx(6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1))
    assert got[1] == pytest.approx(6.25 * (15.44 + 11.77) / (6.25 + 3.74 - 1))
    assert got[2] == pytest.approx(6.25 * 15.44 / 2.74)  # no repeat purchase: the mean


def test_discounted_purchases_split_the_horizon_into_months():
    m = PUBLISHED
    x, tx, T = [2, 0, 7], [30.43, 0.0, 29.43], [38.86, 38.86, 32.71]
    plain = lifetime.expected_purchases(m, 52.0, x, tx, T)
    undiscounted = lifetime.discounted_purchases(m, 52.0, 7.0, 0.0, x, tx, T)
    assert undiscounted == pytest.approx(plain, rel=1e-12)
    # by hand: month k of 30.4375 days = 4.348 weeks, discounted by 1.01^k
    month = 365.25 / 12 / 7
    edges = [min(k * month, 52.0) for k in range(0, 13)]
    assert edges[-1] == 52.0 and edges[-2] < 52.0
    want = sum(
        (
            lifetime.expected_purchases(m, edges[k], x, tx, T)
            - (lifetime.expected_purchases(m, edges[k - 1], x, tx, T) if k > 1 else 0.0)
        )
        / 1.01**k
        for k in range(1, 13)
    )
    got = lifetime.discounted_purchases(m, 52.0, 7.0, 0.01, x, tx, T)
    assert got == pytest.approx(want, rel=1e-12)
    assert (got < plain).all()


def test_no_fit_without_repeat_buyers_or_people():
    assert lifetime.fit_bgnbd([0, 0, 0], [0, 0, 0], [3.0, 4.0, 5.0]) is None
    assert lifetime.fit_bgnbd([1], [1.0], [2.0]) is None  # one person
    assert lifetime.fit_bgnbd([], [], []) is None
    assert lifetime.fit_gamma_gamma([1, 2], [10.0, 10.0]) is None  # no spread
    assert lifetime.fit_gamma_gamma([0, 1], [np.nan, 10.0]) is None  # one repeat buyer


def test_weeks_and_days_give_one_model():
    # α scales with the unit (a rate per week is 7 × the rate per day); r, a, b do not
    d = cdnow()
    weeks = lifetime.fit_bgnbd(d["x"], d["t_x"], d["T"])
    days = lifetime.fit_bgnbd(d["x"], d["t_x"] * 7, d["T"] * 7)
    assert days.alpha == pytest.approx(weeks.alpha * 7, rel=1e-4)
    assert (days.r, days.a, days.b) == pytest.approx((weeks.r, weeks.a, weeks.b), rel=1e-4)
    # the log-likelihood differs by Σx·ln 7 (a density per day instead of per week)
    assert days.log_likelihood == pytest.approx(
        weeks.log_likelihood - d["x"].sum() * math.log(7), rel=1e-8
    )
