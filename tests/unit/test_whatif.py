"""What-if: the pure model (siyu.whatif) on hand-computed cases, and its SQL-backed baseline.

Every expected number is worked out by hand in the comments from the formulas of the
`siyu.whatif` docstring.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from siyu import fmt
from siyu import whatif as model
from siyu.db import Source
from siyu.i18n import t
from siyu.metrics import default_period
from siyu.metrics.funnels import member_funnel
from siyu.metrics.leaderboards import fission_summary
from siyu.metrics.overview import kpis
from siyu.metrics.retention import newcombe_interval, seven_day_compare
from siyu.metrics.whatif import (
    assumptions_for,
    baseline_from_frame,
    like_for_like,
    mean_interval,
    poisson_interval,
    whatif,
    whatif_baseline,
    whatif_discount_fit,
    whatif_seven_day,
)

ROOT = Path(__file__).resolve().parents[2]

# A baseline of one week: N = 100 members, c = 20/100 = 0.2, r = 5/20 = 0.25, A = 50,
# s = 10/100 = 0.1, k = 10 / (1000 · 1) = 0.01, D₀ = 500.
ONE_WEEK = model.Baseline(
    weeks=1.0,
    members=100,
    converted=20,
    repurchased=5,
    aov=50.0,
    paid_orders=40,
    aov_sd=20.0,
    invited=10,
    base_members=1000,
    domain_members=500,
)
ASSUME = model.Assumptions(
    weeks=1,
    gross_margin=0.3,
    lift_per_10pct=0.1,
    invite_effect=0.1,
    current_pushes=1.0,
    push_lift=0.03,
    push_fatigue=0.05,
    seven_day_effect=0.2,
    seven_day_share=0.25,
    flash_takeup=0.01,
)


def week(projection, key, w=0):
    return float(projection[key][..., w])


# -- the model -----------------------------------------------------------------------------


def test_hand_computed_one_week_case():
    lev = model.Levers(coupon=0.2, flash_price=40.0, flash_stock=10, invite_reward=10.0)
    p = model.project(ONE_WEEK, lev, ASSUME)
    # M_inv = 1 + 0.1·10/10 = 1.1; invited = 1.1·(100·0.1 + 0.01·0) = 11
    assert week(p, "invited") == pytest.approx(11.0)
    # members = 100·(1 - 0.1) + 11 = 101
    assert week(p, "members") == pytest.approx(101.0)
    # M_disc = 1 + 0.1·0.2/0.1 = 1.2; c' = 0.2·1.2 = 0.24; first orders = 101·0.24 = 24.24
    assert week(p, "first_orders") == pytest.approx(24.24)
    # repurchases = 24.24·0.25 = 6.06
    assert week(p, "repurchases") == pytest.approx(6.06)
    # d_f = 1 - 40/50 = 0.2; take-up 0.01·(1 + 0.1·2) = 0.012; 0.012·500 = 6 < stock 10
    assert week(p, "flash_items") == pytest.approx(6.0)
    # list = 50·(24.24 + 6.06 + 6) = 1815; discount = 0.2·50·24.24 + (50-40)·6 = 302.4
    assert week(p, "discount_cost") == pytest.approx(302.4)
    assert week(p, "reward_cost") == pytest.approx(110.0)  # 10 yuan · 11 invited
    assert week(p, "gmv") == pytest.approx(1512.6)  # 1815 - 302.4
    assert week(p, "cost") == pytest.approx(412.4)
    assert week(p, "gross_profit") == pytest.approx(132.1)  # 0.3·1815 - 412.4
    # baseline: members 100, first orders 20, repurchases 5, GMV 50·25 = 1250, profit 375
    s = model.summary(ONE_WEEK, lev, ASSUME)
    assert s["gmv"] == pytest.approx((1250.0, 1512.6))
    assert s["gross_profit"] == pytest.approx((375.0, 132.1))
    assert s["roi"][0] is None
    assert s["roi"][1] == pytest.approx((132.1 - 375.0) / 412.4)  # -0.58899…


def test_second_week_grows_by_fission_of_the_members_added_beyond_the_baseline():
    lev = model.Levers(invite_reward=10.0)
    p = model.project(ONE_WEEK, lev, replace(ASSUME, weeks=2))
    # week 2: G₂ = 101 members added, the baseline's N = 100 of them already in N·s:
    # X₂ = 101 - 100 = 1; invited = 1.1·(10 + 0.01·1) = 11.011
    assert week(p, "invited", 1) == pytest.approx(11.011)
    assert week(p, "members", 1) == pytest.approx(101.011)


def test_neutral_levers_are_the_baseline_carried_forward():
    assume = replace(ASSUME, weeks=6)
    neutral = model.Levers(
        coupon=0.0,
        flash_price=30.0,  # any price: no stock, no flash sale
        flash_stock=0,
        invite_reward=0.0,
        pushes_per_day=assume.current_pushes,
        seven_day=False,
    )
    p = model.project(ONE_WEEK, neutral, assume)
    b = model.project(ONE_WEEK, model.Levers(), assume)
    for key in model.OUTPUTS:
        np.testing.assert_allclose(p[key], b[key])
    # week 1 is exactly the measured baseline: N, N·c, N·c·r, A·N·c·(1 + r), no cost
    assert week(b, "members") == pytest.approx(100.0)
    assert week(b, "first_orders") == pytest.approx(20.0)
    assert week(b, "repurchases") == pytest.approx(5.0)
    assert week(b, "gmv") == pytest.approx(1250.0)
    assert float(b["cost"].sum()) == 0.0
    # every week repeats week 1, fission (k = 0.01) included: the period carried forward
    np.testing.assert_allclose(b["members"], [100.0] * 6)
    np.testing.assert_allclose(b["gmv"], [1250.0] * 6)
    np.testing.assert_allclose(b["gross_profit"], [375.0] * 6)


def test_more_discount_means_more_first_orders_and_less_margin():
    coupons = np.linspace(0.0, 0.6, 13)
    p = model.totals(model.project(ONE_WEEK, model.Levers(coupon=coupons), ASSUME))
    assert np.all(np.diff(p["first_orders"]) > 0)
    margin = p["gross_profit"] / p["gmv"]
    assert np.all(np.diff(margin) < 0)
    # a deeper flash price sells more items (below the stock) and earns less per item
    prices = np.array([50.0, 45.0, 40.0, 35.0])
    f = model.project(ONE_WEEK, model.Levers(flash_price=prices, flash_stock=1000), ASSUME)
    assert np.all(np.diff(f["flash_items"][:, 0]) > 0)


def test_rewards_pushes_and_the_seven_day_programme_move_the_right_way():
    rewards = model.totals(
        model.project(ONE_WEEK, model.Levers(invite_reward=np.array([0.0, 5.0, 20.0])), ASSUME)
    )
    assert np.all(np.diff(rewards["members"]) > 0)
    assert np.all(np.diff(rewards["reward_cost"]) > 0)
    # pushes lift conversion up to 3 a day, then fatigue takes it back
    pushes = np.arange(0, 9, dtype=float)
    fo = model.totals(model.project(ONE_WEEK, model.Levers(pushes_per_day=pushes), ASSUME))
    fo = fo["first_orders"]
    assert np.all(np.diff(fo[:4]) > 0) and np.all(np.diff(fo[3:]) < 0)
    # f(3)/f(1) = 1.09/1.03: first orders 20·1.09/1.03
    assert fo[3] == pytest.approx(20 * 1.09 / 1.03)
    # 7-day on: r' = 0.25 + (1 - 0.25)·0.2 = 0.40; repurchases = 20·0.40 = 8
    on = model.project(ONE_WEEK, model.Levers(seven_day=True), ASSUME)
    assert week(on, "repurchases") == pytest.approx(8.0)


def test_break_even_coupon_makes_profit_equal_to_the_baseline():
    assume = replace(ASSUME, lift_per_10pct=0.8, weeks=4)
    depth = model.break_even_coupon(ONE_WEEK, model.Levers(), assume)
    # other levers neutral: C* = m·(1 + r) - 1/(10·L) = 0.3·1.25 - 1/8 = 0.25
    assert depth == pytest.approx(0.25, abs=1e-9)
    base = model.totals(model.project(ONE_WEEK, model.Levers(), assume))["gross_profit"]
    at = model.totals(model.project(ONE_WEEK, model.Levers(coupon=depth), assume))
    assert float(at["gross_profit"]) == pytest.approx(float(base), rel=1e-9)
    # with a reward the scenario's other levers stay as set, and profit still meets baseline
    lev = model.Levers(invite_reward=2.0, pushes_per_day=2.0)
    depth = model.break_even_coupon(ONE_WEEK, lev, assume)
    assert depth is not None and 0 < depth < 1
    at = model.totals(model.project(ONE_WEEK, replace(lev, coupon=depth), assume))
    assert float(at["gross_profit"]) == pytest.approx(float(base), rel=1e-9)
    # a weak lift never pays for the coupon: 0.3·1.25 - 1/(10·0.1) < 0
    assert model.break_even_coupon(ONE_WEEK, model.Levers(), ASSUME) is None


def test_seeded_monte_carlo_is_reproducible_and_brackets_the_projection():
    scenarios = {"baseline": model.Levers(), "a": model.Levers(coupon=0.2)}
    assume = replace(ASSUME, weeks=4)
    one = model.uncertainty(ONE_WEEK, scenarios, assume, draws=300, seed=11)
    two = model.uncertainty(ONE_WEEK, scenarios, assume, draws=300, seed=11)
    pd.testing.assert_frame_equal(one, two)
    other = model.uncertainty(ONE_WEEK, scenarios, assume, draws=300, seed=12)
    assert not np.allclose(one["gmv_high"], other["gmv_high"])
    point = model.weekly_frame(ONE_WEEK, scenarios, assume)
    assert (one["gmv_low"] < point["cum_gmv"]).all() and (point["cum_gmv"] < one["gmv_high"]).all()
    draws = model.draw_rates(ONE_WEEK, draws=5000, seed=3)
    # Beta(20.5, 80.5) has mean 20.5/101 ≈ 0.203
    assert float(draws.c.mean()) == pytest.approx(20.5 / 101, abs=0.01)


def test_sensitivity_moves_each_lever_twenty_percent():
    lev = model.Levers(coupon=0.2, invite_reward=10.0)
    t = model.sensitivity(ONE_WEEK, lev, ASSUME).set_index("lever")
    row = t.loc["coupon"]
    assert (row["low_value"], row["high_value"]) == pytest.approx((0.16, 0.24))
    low = model.totals(model.project(ONE_WEEK, replace(lev, coupon=0.16), ASSUME))
    assert row["low_profit"] == pytest.approx(float(low["gross_profit"]))
    # margin ±20%: profit changes by ±0.2·0.3·list value
    here = model.totals(model.project(ONE_WEEK, lev, ASSUME))
    margin = t.loc["gross_margin"]
    assert margin["high_profit"] - margin["profit"] == pytest.approx(
        0.06 * float(here["gmv"] + here["discount_cost"])
    )
    assert t.loc["flash_stock", "swing"] == 0  # no stock: ±20% of 0 moves nothing
    assert list(t["swing"]) == sorted(t["swing"], reverse=True)


def test_weekly_frame_has_cumulative_columns_and_roi_against_the_baseline():
    scenarios = {"baseline": model.Levers(), "a": model.Levers(coupon=0.2)}
    df = model.weekly_frame(ONE_WEEK, scenarios, replace(ASSUME, weeks=3))
    assert list(df["scenario"]) == ["baseline"] * 3 + ["a"] * 3
    a = df[df["scenario"] == "a"]
    assert list(a["cum_gmv"]) == pytest.approx(list(a["gmv"].cumsum()))
    assert df.loc[0, "roi"] is None  # baseline: no cost
    b0, a0 = df.iloc[0], a.iloc[0]
    assert a0["roi"] == pytest.approx((a0["gross_profit"] - b0["gross_profit"]) / a0["cost"])


def test_levers_round_trip_and_bad_levers_are_refused():
    lev = model.Levers(
        coupon=0.15, flash_price=30.0, flash_stock=50, invite_reward=5, seven_day=True
    )
    assert model.levers_from(model.levers_dict(lev)) == replace(
        lev, flash_stock=50.0, invite_reward=5.0
    )
    assert model.levers_from({"seven_day": "off"}).seven_day is False
    with pytest.raises(ValueError, match="coupon"):
        model.levers_from({"coupon": 1.5})
    with pytest.raises(ValueError, match="unknown levers"):
        model.levers_from({"discount": 0.1})


def test_discount_fit_is_the_least_squares_line_over_the_orders():
    # depth 0: 10 orders, 8 paid; depth 0.2: 10 orders, 10 paid. Two x values: the line goes
    # through both means: slope = (1.0 - 0.8) / 0.2 = 1.0, intercept 0.8; lift = 0.1·1/0.8.
    buckets = pd.DataFrame(
        {
            "depth": [0.0, 0.2],
            "orders": [10, 10],
            "converted": [8, 10],
            "sum_depth": [0.0, 2.0],
            "sum_depth_sq": [0.0, 0.4],
            "sum_depth_converted": [0.0, 2.0],
        }
    )
    fit = model.fit_discount_lift(buckets)
    assert fit.slope == pytest.approx(1.0) and fit.intercept == pytest.approx(0.8)
    assert fit.lift == pytest.approx(0.125)
    # RSS: depth 0 residuals 0.2 (8×) and -0.8 (2×): 0.32 + 1.28 = 1.6; depth 0.2 fits exactly.
    # Σ(x - x̄)² = 20·0.1² = 0.2, so se = √(1.6 / 18 / 0.2)
    assert fit.slope_se == pytest.approx(math.sqrt(1.6 / 18 / 0.2))
    assert not fit.usable  # fewer than 30 orders on each side
    big = buckets.assign(
        orders=[30, 30],
        converted=[24, 30],
        sum_depth=[0.0, 6.0],
        sum_depth_sq=[0.0, 1.2],
        sum_depth_converted=[0.0, 6.0],
    )
    assert model.fit_discount_lift(big).usable
    assert not model.fit_discount_lift(buckets.iloc[:1]).usable  # one depth: no line


def test_seven_day_effect_takes_the_like_for_like_rows_and_keeps_the_raw_ones():
    compare = pd.DataFrame(
        {
            "group": [
                *("7day", "other", "difference"),
                *("7day_matched", "other_matched", "difference_matched"),
            ],
            "members": [10, 30, None, 8, 12, None],
            "repurchased": [6, 9, None, 5, 5, None],
            "rate": [0.6, 0.3, 0.3, 0.62, 0.45, 0.17],
            "ci_low": [0.3, 0.17, 0.0, 0.3, 0.2, -0.1],
            "ci_high": [0.8, 0.48, 0.55, 0.8, 0.7, 0.4],
            "buyers": [None, None, None, 10, 15, None],
            "strata": [None, None, None, None, None, 3],
        }
    )
    e = model.seven_day_effect(compare)
    assert e.usable and e.effect == pytest.approx(0.17) and e.strata == 3
    assert (e.effect_low, e.effect_high) == (-0.1, 0.4)
    assert (e.members_7day, e.members_other) == (8, 12)
    # s₇ = programme people among the first-week buyers: 10 / (10 + 15)
    assert e.share == pytest.approx(0.4)
    assert (e.raw_effect, e.raw_low, e.raw_high) == (0.3, 0.0, 0.55)
    assert e.raw_members_other == 30
    # no stratum holds both groups: no like-for-like effect, the raw one is never used
    none = compare.assign(
        members=[10, 30, None, 0, 0, None], rate=[0.6, 0.3, 0.3, None, None, None]
    )
    assert not model.seven_day_effect(none).usable
    assert model.seven_day_effect(none).raw_effect == 0.3
    fit = model.fit_discount_lift(pd.DataFrame(columns=["depth", "orders"]))
    assert assumptions_for(fit, model.seven_day_effect(none)).seven_day_effect == (
        model.DEFAULT_SEVEN_DAY_EFFECT
    )


# -- the SQL-backed baseline ----------------------------------------------------------------

T = pd.Timestamp
MEMBERS = pd.DataFrame(
    {
        "user_id": ["M0", "M1", "M2", "M3", "M4", "M5"],
        "joined_at": [
            T("2024-02-01 10:00"),
            T("2024-03-04 09:00"),
            T("2024-03-06 09:00"),
            T("2024-03-10 09:00"),
            T("2024-03-15 09:00"),
            T("2024-02-10 09:00"),
        ],
        "inviter_id": [None, None, "M0", "M0", None, None],
        "left_at": [None, None, None, None, T("2024-03-16 12:00"), T("2024-02-20 12:00")],
    }
)
ORDERS = pd.DataFrame(
    {
        "order_id": ["O1", "O2", "O3", "O4", "O5", "O6"],
        "user_id": ["M1", "M1", "M2", "M3", "M3", "M0"],
        "ordered_at": [
            T("2024-03-05 12:00"),  # M1 first order, day 1: converted
            T("2024-03-08 12:00"),  # M1 again 3 days later: repurchase
            T("2024-03-12 12:00"),  # M2 first order on day 6 > X = 3: not converted
            T("2024-03-10 12:00"),  # M3 first order on day 0: converted
            T("2024-03-11 12:00"),  # M3 cancelled: no repurchase
            T("2024-02-15 12:00"),  # M0, before the period
        ],
        "amount": [100.0, 50.0, 80.0, 30.0, 40.0, 20.0],
        "status": ["paid", "paid", "paid", "paid", "cancelled", "paid"],
        "discount": [0.0, 0.0, 20.0, 0.0, 0.0, 0.0],
    }
)
START, END = dt.date(2024, 3, 4), dt.date(2024, 3, 17)  # 14 days: W = 2 weeks


@pytest.fixture
def tiny() -> Source:
    return Source({"members": MEMBERS, "orders": ORDERS})


def test_baseline_items_on_a_hand_made_dataset(tiny):
    frame = whatif_baseline(tiny, START, END).set_index("item")
    v = frame["value"]
    # joined in the period: M1, M2, M3, M4 = 4 → N = 4 / 2 weeks = 2
    assert v["new_members_per_week"] == 2.0
    assert frame.at["new_members_per_week", "n"] == 4
    # converted on day 0 … 3: M1 (day 1), M3 (day 0) → 2 / 4
    assert v["first_order_conversion"] == 0.5
    # AOV: paid orders in the period O1 100, O2 50, O3 80, O4 30 → 260 / 4 = 65
    assert v["aov"] == 65.0 and frame.at["aov", "n"] == 4
    # sd: deviations ±35, ±15 → √((2·1225 + 2·225) / 3) = √966.67
    assert v["aov_sd"] == pytest.approx(math.sqrt(2900 / 3))
    # of the 2 converted, M1 repurchased within 7 days (M3's second order was cancelled)
    assert v["repurchase_rate"] == 0.5 and frame.at["repurchase_rate", "n"] == 2
    # invited: M2, M3; base at the start: M0 only (M5 left before) → k = 2 / (1·2) = 1.0
    assert v["invites_per_member"] == 1.0 and frame.at["invites_per_member", "n"] == 1
    assert v["invite_to_join_rate"] == 0.5  # 2 of the 4 who joined
    # in the domain on 03-17: M0, M1, M2, M3 (M4 left on 03-16, M5 long gone)
    assert v["domain_members"] == 4 and v["weeks"] == 2.0
    # intervals: Wilson for 2/4 is 0.5 ± 0.34996; Poisson score for 4 over 2 weeks:
    # (4 + 1.9207 ± 1.96·√(4 + 0.9604)) / 2 = (0.7778, 5.1430); AOV 65 ± 1.96·31.091/2
    assert frame.at["first_order_conversion", "ci_low"] == pytest.approx(0.15004, abs=1e-4)
    assert frame.at["first_order_conversion", "ci_high"] == pytest.approx(0.84996, abs=1e-4)
    assert frame.at["new_members_per_week", "ci_low"] == pytest.approx(0.7778, abs=1e-4)
    assert frame.at["new_members_per_week", "ci_high"] == pytest.approx(5.1430, abs=1e-4)
    assert frame.at["aov", "ci_low"] == pytest.approx(65 - 1.959964 * math.sqrt(2900 / 3) / 2)
    assert frame.at["aov", "method"] == "normal_mean"


def test_baseline_equals_the_funnel_kpis_and_fission_of_the_same_period(tiny):
    frame = whatif_baseline(tiny, START, END).set_index("item")["value"]
    funnel = member_funnel(tiny, START, END).set_index("step")
    assert frame["first_order_conversion"] == funnel.at["first_order", "conversion_overall"]
    assert frame["repurchase_rate"] == funnel.at["repurchase", "conversion_from_previous"]
    assert frame["aov"] == kpis(tiny, START, END).set_index("metric").at["aov", "value"]
    k = fission_summary(tiny, START, END).set_index("metric").at["k_factor", "value"]
    assert frame["invites_per_member"] * 2 == k


def test_baseline_of_a_period_without_joins_is_undefined_not_zero(tiny):
    frame = whatif_baseline(tiny, dt.date(2024, 1, 1), dt.date(2024, 1, 7)).set_index("item")
    assert frame.at["first_order_conversion", "value"] is None
    assert frame.at["aov", "value"] is None
    base = baseline_from_frame(frame.reset_index())
    assert base.members == 0 and base.aov == 0.0  # the model runs on zeros


def test_baseline_frame_round_trips_into_the_model(tiny):
    base = baseline_from_frame(whatif_baseline(tiny, START, END))
    assert (base.members, base.converted, base.repurchased) == (4, 2, 1)
    assert (base.invited, base.base_members, base.domain_members) == (2, 1, 4)
    assert base.new_members_per_week == 2.0 and base.invites_per_member == 1.0


def test_discount_fit_query_buckets_depth_and_counts_cancelled_orders_as_lost(tiny):
    df = whatif_discount_fit(tiny, START, END)
    # 6 placed orders, all up to 03-17: O3 has depth 20 / (80 + 20) = 0.2; O5 is cancelled
    assert list(df["depth"]) == [0.0, 0.2]
    assert list(df["orders"]) == [5, 1]
    assert list(df["converted"]) == [4, 1]
    assert df["sum_depth_sq"].iloc[1] == pytest.approx(0.04)


def test_interval_helpers():
    lo, hi = poisson_interval(0, 2.0)
    assert lo == 0.0 and hi == pytest.approx(1.959964**2 / 2)
    assert poisson_interval(3, 0) is None
    assert mean_interval(10.0, None, 5) is None
    assert mean_interval(10.0, 2.0, 4) == pytest.approx((10 - 1.959964, 10 + 1.959964))


# -- on the demo dataset, and the CLI ---------------------------------------------------------


def test_demo_baseline_equals_the_funnels_and_retention_pages(demo_root):
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = default_period(source)
    frame = whatif_baseline(source, start, end).set_index("item")["value"]
    funnel = member_funnel(source, start, end).set_index("step")
    assert frame["first_order_conversion"] == funnel.at["first_order", "conversion_overall"]
    assert frame["repurchase_rate"] == funnel.at["repurchase", "conversion_from_previous"]
    assert frame["aov"] == kpis(source, start, end).set_index("metric").at["aov", "value"]
    seven = whatif_seven_day(source, start, end)
    w0, w1 = seven["window_start"].iloc[0], seven["window_end"].iloc[0]
    retention = seven_day_compare(source, w0, w1)
    assert list(seven["rate"].iloc[:3]) == list(retention["rate"])  # the raw rows
    effect = model.seven_day_effect(seven)
    assert effect.usable and effect.effect > 0  # the demo's 7day members repurchase more
    fit = model.fit_discount_lift(whatif_discount_fit(source, start, end))
    assert fit.usable and fit.lift > 0  # deeper discounts are cancelled less in the demo


def test_cli_prints_baseline_and_scenario_rows(demo_root):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "metric",
            "whatif",
            "--dataset",
            "demo",
            "--workspace",
            str(demo_root),
            "--set",
            "coupon=0.2",
            "--set",
            "weeks=8",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "metric,baseline,scenario"
    rows = {r.split(",")[0]: r.split(",")[1:] for r in lines[1:]}
    assert list(rows) == [
        "members",
        "first_orders",
        "repurchases",
        "gmv_new",
        "gmv_existing",
        "gmv",
        "cost",
        "gross_profit",
        "roi",
    ]
    assert rows["members"][0] == rows["members"][1]  # a coupon brings no members
    assert float(rows["first_orders"][1]) > float(rows["first_orders"][0])
    assert rows["roi"][0] == "" and rows["cost"][0] == "0"
    # the same numbers as the function, and the coupon cost = 0.2 · AOV · first orders
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = default_period(source)
    frame = whatif(source, start, end, coupon=0.2, weeks=8).set_index("metric")
    assert float(rows["gmv"][1]) == frame.at["gmv", "scenario"]
    base = baseline_from_frame(whatif_baseline(source, start, end))
    fit = model.fit_discount_lift(whatif_discount_fit(source, start, end))
    seven = model.seven_day_effect(whatif_seven_day(source, start, end))
    assume = assumptions_for(fit, seven, weeks=8)
    first = model.totals(model.project(base, model.Levers(coupon=0.2), assume))["first_orders"]
    assert frame.at["cost", "scenario"] == pytest.approx(0.2 * base.aov * float(first), abs=0.01)


def test_cli_refuses_an_unknown_option(tiny):
    from siyu import metrics

    with pytest.raises(ValueError, match="unknown options"):
        metrics.get("whatif")(tiny, START, END, coupons=0.2)


# -- issue 11: the baseline no longer calls `kpis`, and `whatif_seven_day` skips a comparison
# it would throw away; both must give what they gave before, on random small datasets --------


def _random_source(seed: int) -> Source:
    rng = np.random.default_rng(seed)
    n_members, n_orders = int(rng.integers(0, 30)), int(rng.integers(0, 80))
    day0 = pd.Timestamp("2024-01-01")
    members = pd.DataFrame(
        {
            "user_id": [f"M{i}" for i in range(n_members)],
            "joined_at": [
                day0 + pd.Timedelta(hours=int(h)) for h in rng.integers(0, 24 * 120, n_members)
            ],
            "channel": ["qr"] * n_members,
        }
    )
    users = rng.integers(0, max(n_members, 1) + 5, n_orders)
    orders = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(n_orders)],
            "user_id": [f"M{u}" for u in users],
            "ordered_at": [
                day0 + pd.Timedelta(minutes=int(m))
                for m in rng.integers(0, 60 * 24 * 120, n_orders)
            ],
            "amount": rng.choice([0.0, 9.99, 10.005, 33.33, 100.0, 0.01], n_orders),
            "status": rng.choice(["paid", "paid", "refunded", "cancelled"], n_orders),
            "campaign": rng.choice(["7day", "", "spring"], n_orders),
        }
    )
    return Source({"members": members, "orders": orders})


def _seven_day_before_issue_11(source: Source, start: dt.date, end: dt.date) -> pd.DataFrame:
    from siyu.metrics.base import count, day, last_data_day

    compare = seven_day_compare(source, start, end)
    window = (start, end)
    members = [count(v) for v in compare["members"].iloc[:2]]
    last = last_data_day(source)
    if min(members) == 0 and last is not None:
        latest = last - dt.timedelta(days=36)
        first = day(source.query("data_range").iloc[0]["first_day"])
        if first is not None and first <= latest:
            window = (first, latest)
            compare = seven_day_compare(source, first, latest)
    compare = compare.copy()
    compare["window_start"], compare["window_end"] = window
    return compare


@pytest.mark.parametrize("seed", range(12))
def test_baseline_aov_and_seven_day_window_equal_the_pages_on_random_data(seed):
    source = _random_source(seed)
    rng = np.random.default_rng(seed + 100)
    for _ in range(3):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=int(rng.integers(0, 130)))
        end = start + dt.timedelta(days=int(rng.integers(0, 60)))
        frame = whatif_baseline(source, start, end).set_index("item")["value"]
        assert frame["aov"] == kpis(source, start, end).set_index("metric").at["aov", "value"]
        got = whatif_seven_day(source, start, end)
        want = _seven_day_before_issue_11(source, start, end)
        # its raw rows (issue 18 added the like-for-like rows and the buyers, strata columns)
        pd.testing.assert_frame_equal(got.iloc[:3][list(want.columns)], want)


# -- issue 18: GMV that equals the overview's, doing nothing by default, the 7-day effect like
# for like, people shown whole -----------------------------------------------------------------

# Two weeks (03-04 … 03-17). P0 joined before the period, N1 and N2 in it; X is no member.
GMV_MEMBERS = pd.DataFrame(
    {
        "user_id": ["P0", "N1", "N2"],
        "joined_at": [T("2024-01-10 09:00"), T("2024-03-04 09:00"), T("2024-03-11 09:00")],
    }
)
GMV_ORDERS = pd.DataFrame(
    {
        "order_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "user_id": ["N1", "N1", "P0", "X", "N2", "P0"],
        "ordered_at": [
            T("2024-03-05 10:00"),  # N1 first order on day 1: converted (X = 3)
            T("2024-03-08 10:00"),  # N1 again on day 3 after it: repurchased (Y = 7)
            T("2024-03-12 10:00"),  # P0, an existing member
            T("2024-03-15 10:00"),  # X, a buyer who is no member: counted with the existing
            T("2024-03-12 10:00"),  # N2 cancelled: no purchase
            T("2024-02-20 10:00"),  # P0 before the period
        ],
        "amount": [100.0, 50.0, 40.0, 10.0, 30.0, 20.0],
        "status": ["paid", "paid", "paid", "paid", "cancelled", "paid"],
    }
)


def test_baseline_gmv_is_split_and_adds_up_to_the_overviews_gmv():
    source = Source({"members": GMV_MEMBERS, "orders": GMV_ORDERS})
    frame = whatif_baseline(source, START, END).set_index("item")["value"]
    # paid in the period: 100 + 50 (N1, new) + 40 (P0) + 10 (X) = 200 = kpis' gmv
    assert frame["gmv"] == 200.0
    assert frame["gmv"] == kpis(source, START, END).set_index("metric").at["gmv", "value"]
    assert (frame["gmv_new"], frame["gmv_existing"]) == (150.0, 50.0)
    assert (frame["gmv_new_per_week"], frame["gmv_existing_per_week"]) == (75.0, 25.0)
    # A = 200 / 4 = 50, c = 1/2, r = 1/1: V = 150 / 2 - 50 · 0.5 · 2 = 25 per new member
    assert frame["other_spend_per_member"] == pytest.approx(25.0)
    base = baseline_from_frame(whatif_baseline(source, START, END))
    assert base.existing_gmv_per_week == 25.0
    assert base.other_spend_per_member == pytest.approx(25.0)
    # the baseline projection over the period's 2 weeks: week = 50·(0.5 + 0.5) + 25·1 + 25
    p = model.project(base, model.Levers(), replace(ASSUME, weeks=2))
    np.testing.assert_allclose(p["gmv_new"], [75.0, 75.0])
    np.testing.assert_allclose(p["gmv_existing"], [25.0, 25.0])
    out = whatif(source, START, END, weeks=2).set_index("metric")
    assert out.at["gmv", "baseline"] == 200.0
    assert (out.at["gmv_new", "baseline"], out.at["gmv_existing", "baseline"]) == (150.0, 50.0)


def test_demo_baseline_over_the_periods_weeks_is_the_overviews_gmv(demo_root):
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = default_period(source)
    weeks = ((end - start).days + 1) // 7
    assert (end - start).days + 1 == 7 * weeks
    gmv = kpis(source, start, end).set_index("metric").at["gmv", "value"]
    out = whatif(source, start, end, weeks=weeks).set_index("metric")
    assert out.at["gmv", "baseline"] == gmv  # fission included (k > 0 in the demo)
    assert out.at["gmv_new", "baseline"] + out.at["gmv_existing", "baseline"] == pytest.approx(gmv)
    base = baseline_from_frame(whatif_baseline(source, start, end))
    assert base.invites_per_member > 0 and base.existing_gmv_per_week > 0


def test_flash_sale_items_are_split_between_existing_and_new_members():
    lev = model.Levers(flash_price=40.0, flash_stock=1000.0)
    base = replace(ONE_WEEK, gmv_new=3000.0, gmv_existing=500.0)
    p = model.project(base, lev, replace(ASSUME, weeks=2))
    # week 2: D₂ = 500 + 100 (no reward: X = 0); take-up 0.012 · 600 = 7.2 items, 500/600 of
    # them by existing members: existing GMV = 500 + 40 · 6 = 740
    assert week(p, "flash_items", 1) == pytest.approx(7.2)
    assert week(p, "gmv_existing", 1) == pytest.approx(740.0)
    np.testing.assert_allclose(p["gmv"], p["gmv_new"] + p["gmv_existing"])
    # GMV = list value - discount, whatever the split
    list_value = 50 * (p["first_orders"] + p["repurchases"] + p["flash_items"])
    list_value = list_value + base.other_spend_per_member * p["members"] + 500.0
    np.testing.assert_allclose(p["gmv"], list_value - p["discount_cost"])


def test_doing_nothing_has_no_roi_and_every_scenario_starts_there():
    base = replace(ONE_WEEK, gmv_new=3000.0, gmv_existing=500.0)
    assume = replace(ASSUME, weeks=4, current_pushes=2.0)
    neutral = model.neutral_levers(assume)
    assert neutral.pushes_per_day == 2.0 and neutral.coupon == 0 and not neutral.seven_day
    s = model.summary(base, neutral, assume)
    assert s["roi"] == (None, None)
    assert s["gmv"][0] == s["gmv"][1] and s["cost"] == (0.0, 0.0)
    weekly = model.weekly_frame(base, {"baseline": model.Levers(), "a": neutral}, assume)
    shown = model.cards(weekly)
    assert [c["value"] for c in shown if c["metric"] == "roi"] == ["—", "—"]
    assert all(c["delta"] is None for c in shown)
    # a 20% coupon that loses money says so, against the baseline
    weekly = model.weekly_frame(
        base, {"baseline": model.Levers(), "a": replace(neutral, coupon=0.2)}, assume
    )
    card = {(c["scenario"], c["metric"]): c for c in model.cards(weekly)}
    totals = model.scenario_totals(weekly)
    assert card[("a", "roi")]["value"] == fmt.show("rate", totals.at["a", "roi"])
    assert totals.at["a", "roi"] < 0 and card[("a", "cost")]["inverse"]
    assert card[("a", "gmv_existing")]["delta"] is None  # a coupon leaves existing members


def test_people_are_shown_whole_and_downloaded_as_expected_values():
    weekly = model.weekly_frame(ONE_WEEK, {"baseline": model.Levers(invite_reward=5.0)}, ASSUME)
    assert weekly["members"].iloc[0] == pytest.approx(100.5)  # 90 + 1.05 · 10
    names = {"baseline": "基线"}
    shown = model.weekly_table(weekly, names, lambda k: t(k, "zh-Hans"))
    assert shown["新会员"].iloc[0] == fmt.show("count", 100.5)
    assert "." not in shown["新会员"].iloc[0] and "." not in shown["其中受邀"].iloc[0]
    assert shown["GMV"].iloc[0] == fmt.show("money", weekly["gmv"].iloc[0])
    raw = model.weekly_table(weekly, names, lambda k: t(k, "zh-Hans"), shown=False)
    assert raw["新会员"].iloc[0] == pytest.approx(100.5)
    assert raw["方案"].iloc[0] == "基线"


def _wilson(p: float, n: float, z: float = 1.959963984540054) -> tuple[float, float]:
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return centre - half, centre + half


def test_like_for_like_is_a_stratified_difference_with_a_stratified_newcombe_interval():
    strata = pd.DataFrame(
        {
            "start_week": [dt.date(2024, 3, 4)] * 4 + [dt.date(2024, 3, 11)],
            "channel": ["a", "a", "b", "b", "a"],
            "in_campaign": [True, False, True, False, True],
            "members": [10, 10, 5, 20, 3],
            "repurchased": [6, 4, 1, 2, 3],
        }
    )
    out = like_for_like(strata).set_index("group")
    # weights ∝ 10·10/20 = 5 and 5·20/25 = 4 (the 03-11 stratum has no other group: 0)
    p7 = (5 * 0.6 + 4 * 0.2) / 9  # 0.42222
    po = (5 * 0.4 + 4 * 0.1) / 9  # 0.26667
    assert out.at["7day_matched", "rate"] == pytest.approx(p7)
    assert out.at["other_matched", "rate"] == pytest.approx(po)
    d = out.at["difference_matched", "rate"]
    assert d == pytest.approx(1.4 / 9)  # 0.156; pooled it would be 7/15 - 6/30 = 0.267
    # effective sizes 1 / Σ w²/n: 1 / ((5/9)²/10 + (4/9)²/5) and 1 / ((5/9)²/10 + (4/9)²/20)
    l7, u7 = _wilson(p7, 1 / ((5 / 9) ** 2 / 10 + (4 / 9) ** 2 / 5))
    lo, uo = _wilson(po, 1 / ((5 / 9) ** 2 / 10 + (4 / 9) ** 2 / 20))
    low = d - math.sqrt((p7 - l7) ** 2 + (uo - po) ** 2)
    high = d + math.sqrt((u7 - p7) ** 2 + (po - lo) ** 2)
    assert out.at["difference_matched", "ci_low"] == pytest.approx(low)
    assert out.at["difference_matched", "ci_high"] == pytest.approx(high)
    assert out.at["difference_matched", "strata"] == 2
    assert (out.at["7day_matched", "members"], out.at["other_matched", "members"]) == (15, 30)
    assert (out.at["7day_matched", "buyers"], out.at["other_matched", "buyers"]) == (18, 30)
    # one stratum: exactly Newcombe's interval of the two plain rates
    one = like_for_like(strata.iloc[:2]).set_index("group")
    assert one.at["difference_matched", "rate"] == pytest.approx(0.2)
    ci = newcombe_interval(6, 10, 4, 10)
    assert one.at["difference_matched", "ci_low"] == pytest.approx(ci[0])
    assert one.at["difference_matched", "ci_high"] == pytest.approx(ci[1])
    # no stratum with both groups: undefined
    assert (
        like_for_like(strata.iloc[4:]).set_index("group").at["difference_matched", "rate"] is None
    )


def test_seven_day_strata_keep_first_week_buyers_only():
    # all join Monday 03-04 except M7 (03-11); day 36 of 03-11 is 04-16, the last day 04-20
    ids = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8"]
    members = pd.DataFrame(
        {
            "user_id": ids,
            "joined_at": [T("2024-03-04 09:00")] * 6
            + [T("2024-03-11 09:00")] * 1
            + [T("2024-03-04 09:00")],
            "channel": ["a"] * 7 + ["b"],
        }
    )
    rows = [
        ("M1", "2024-03-05", "7day"),  # programme, repurchases on day 16
        ("M1", "2024-03-20", None),
        ("M2", "2024-03-06", "7day"),  # programme, repurchases on day 16
        ("M2", "2024-03-20", None),
        ("M3", "2024-03-04", None),  # first-week buyer, repurchases on day 21
        ("M3", "2024-03-25", None),
        ("M4", "2024-03-07", None),  # first-week buyer, no repurchase
        ("M5", "2024-03-15", None),  # first order on day 11: not a first-week buyer
        # M6 never buys
        ("M7", "2024-03-12", "7day"),  # programme, alone in its week: no stratum to match
        ("M7", "2024-04-01", None),
        ("M8", "2024-03-05", None),  # channel b: no programme member to match
        ("M3", "2024-04-20", None),  # after day 36: the last day of data
    ]
    orders = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(len(rows))],
            "user_id": [r[0] for r in rows],
            "ordered_at": [T(f"{r[1]} 12:00") for r in rows],
            "amount": [10.0] * len(rows),
            "campaign": [r[2] for r in rows],
        }
    )
    source = Source({"members": members, "orders": orders})
    out = whatif_seven_day(source, dt.date(2024, 3, 4), dt.date(2024, 3, 17))
    g = out.set_index("group")
    # raw (the retention page): programme 3/3 against everyone else M3 M4 M5 M6 M8: 2/5
    assert g.at["difference", "rate"] == pytest.approx(1 - 0.4)
    # like for like: week of 03-04, channel a: M1 M2 (2/2) against M3 M4 (1/2)
    assert (g.at["7day_matched", "members"], g.at["7day_matched", "repurchased"]) == (2, 2)
    assert (g.at["other_matched", "members"], g.at["other_matched", "repurchased"]) == (2, 1)
    assert g.at["difference_matched", "rate"] == pytest.approx(0.5)
    ci = newcombe_interval(2, 2, 1, 2)
    assert g.at["difference_matched", "ci_low"] == pytest.approx(ci[0])
    assert g.at["difference_matched", "strata"] == 1
    # first-week buyers: programme M1 M2 M7, others M3 M4 M8: s₇ = 3 / 6
    assert (g.at["7day_matched", "buyers"], g.at["other_matched", "buyers"]) == (3, 3)
    effect = model.seven_day_effect(out)
    assert effect.effect == pytest.approx(0.5) and effect.raw_effect == pytest.approx(0.6)
    assert effect.share == pytest.approx(0.5)


def test_demo_seven_day_effect_like_for_like_is_well_below_the_raw_difference(demo_root):
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = default_period(source)
    effect = model.seven_day_effect(whatif_seven_day(source, start, end))
    # the demo's programme members buy on more first-week days and repurchase more, but the
    # raw comparison (+44 points) also sets them against members who never bought
    assert effect.usable and 0 < effect.effect < effect.raw_effect - 0.1
    assert effect.effect_low < effect.effect < effect.effect_high
    assert effect.strata > 1
    assume = assumptions_for(
        model.fit_discount_lift(whatif_discount_fit(source, start, end)), effect
    )
    assert assume.seven_day_effect == effect.effect
