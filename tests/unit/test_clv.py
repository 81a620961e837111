"""Lifetime value metrics (siyu.metrics.clv): summaries by hand, CDNOW through the importer.

Calendar below (2024): calibration to Wed 01-31; the last order of any status is on 02-20.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from siyu import lifetime
from siyu.db import Source
from siyu.importer import FileRequest, import_files
from siyu.metrics import NeedsTable, get
from siyu.metrics import clv as C
from siyu.workspace import Workspace
from tests.unit.test_lifetime import closed_expected, closed_p_alive

ROOT = Path(__file__).resolve().parents[2]
CDNOW = ROOT / "tests" / "data" / "cdnow" / "cdnow_orders.csv"
D = dt.date
CAL = D(2024, 1, 31)

MEMBERS = pd.DataFrame(
    {
        "user_id": ["M1", "M2", "M3"],
        "joined_at": pd.to_datetime(["2024-01-01 09:00", "2024-01-15 09:00", "2024-02-03 09:00"]),
        "channel": ["ads", "store", "ads"],
        "tier": ["金卡", None, None],
    }
)
# (order_id, user_id, ordered_at, amount, status)
ORDERS = [
    ("o1", "M1", "2024-01-02 10:00", 100, "paid"),  # M1 day 1: 150 on one purchase day
    ("o2", "M1", "2024-01-02 18:00", 50, "paid"),
    ("o3", "M1", "2024-01-12 10:00", 40, "paid"),  # repeat day 1
    ("o4", "M1", "2024-01-20 10:00", 60, "paid"),  # repeat day 2
    ("o5", "M2", "2024-01-16 10:00", 30, "paid"),
    ("o6", "M2", "2024-01-20 10:00", 20, "refunded"),  # no purchase
    ("o7", "M2", "2024-01-26 10:00", 0, "paid"),  # a 0-yuan claim: no purchase
    ("o8", "X", "2024-01-05 10:00", 600, "paid"),  # a buyer who is no member
    ("o9", "X", "2024-02-20 10:00", 10, "paid"),  # after calibration: holdout
    ("o10", "M3", "2024-02-05 10:00", 25, "paid"),  # first purchase after calibration
    ("o11", "Y", "2024-01-10 10:00", 20, "paid"),
    ("o12", "Y", "2024-01-20 10:00", 30, "paid"),  # 10 days later: 1.4286 weeks
]


def small() -> Source:
    orders = pd.DataFrame(ORDERS, columns=["order_id", "user_id", "ordered_at", "amount", "status"])
    orders["ordered_at"] = pd.to_datetime(orders["ordered_at"])
    return Source({"orders": orders, "members": MEMBERS})


def test_summaries_count_purchase_days_and_measure_time_in_the_unit():
    people = C.summaries(small(), CAL, "week").set_index("user_id")
    assert list(people.index) == ["M1", "M2", "X", "Y"]  # M3 first bought after calibration
    m1 = people.loc["M1"]
    assert m1["frequency"] == 2  # 01-12 and 01-20 after the first day 01-02
    assert m1["recency"] == pytest.approx(18 / 7) and m1["age"] == pytest.approx(29 / 7)
    assert m1["mean_spend"] == pytest.approx((40 + 60) / 2)  # the first day's 150 left out
    assert float(m1["paid_amount"]) == 250.0 and m1["tier"] == "金卡"  # exported
    m2 = people.loc["M2"]  # refunded and 0-yuan orders are no purchase days
    assert m2["frequency"] == 0 and m2["recency"] == 0 and pd.isna(m2["mean_spend"])
    assert m2["age"] == pytest.approx(15 / 7) and m2["tier"] == "普通会员"
    assert people.loc["X", "tier"] == "银卡"  # 600 in the 365 days: the rule, member or not
    assert people.loc["Y", "recency"] == pytest.approx(1.4285714, abs=1e-7)  # 10 days
    in_days = C.summaries(small(), CAL, "day").set_index("user_id")
    assert in_days.loc["M1", "recency"] == 18 and in_days.loc["M1", "age"] == 29
    holdout = C.summaries(small(), CAL, "week", D(2024, 2, 29)).set_index("user_id")
    assert holdout.loc["X", "holdout_days"] == 1 and float(holdout.loc["X", "holdout_amount"]) == 10
    assert C.summaries(small(), CAL, "week")["holdout_days"].sum() == 0  # no holdout asked


def test_cohort_value_is_the_cumulative_paid_amount_per_person_with_open_cells_empty():
    src = small()
    # join cohorts by month; the last day of data is 02-20
    table = C.cohort_value(src, D(2024, 1, 1), D(2024, 2, 29), periods=2)
    assert list(table.columns) == ["cohort", "cohort_size", "period", "value", "cumulative"]
    jan = table[table["cohort"] == D(2024, 1, 1)]
    assert jan["cohort_size"].tolist() == [2, 2]  # M1, M2
    # period 0 of M2 (joined 01-15) ends 02-14: observed; M1 250 + M2 30 over 2 members
    assert jan["value"].tolist() == [140.0, None]  # period 1 ends 03-14: not yet
    assert jan["cumulative"].tolist() == [280.0, None]
    feb = table[table["cohort"] == D(2024, 2, 1)]
    assert feb["value"].tolist() == [None, None]  # M3's month 0 ends 03-02
    # first-order cohorts: M1 01-02, X 01-05, Y 01-10, M2 01-16; X's 02-20 is in month 1
    first = C.cohort_value(src, D(2024, 1, 1), D(2024, 1, 31), cohort_by="first_order")
    assert first["value"].iloc[0] == (250 + 600 + 50 + 30) / 4
    # weeks, by channel: ads joined M1 (Mon 01-01), store M2 (Mon 01-15)
    weeks = C.cohort_value(
        src, D(2024, 1, 1), D(2024, 1, 31), grain="week", periods=3, breakdown="channel"
    )
    ads = weeks[(weeks["segment"] == "ads") & (weeks["cohort"] == D(2024, 1, 1))]
    assert ads["value"].tolist() == [150.0, 190.0, 250.0]  # days 0–6, 7–13, 14–20
    store = weeks[weeks["segment"] == "store"]
    assert store["value"].tolist() == [30.0, 30.0, 30.0]  # M2's week 2 ends 02-04: seen
    with pytest.raises(NeedsTable):
        C.cohort_value(Source({"orders": small().tables["orders"]}), CAL, CAL, cohort_by="join")


def test_without_a_repeat_buyer_the_model_columns_are_empty_and_the_page_is_warned():
    orders = pd.DataFrame(
        {
            "order_id": ["a", "b"],
            "user_id": ["U1", "U2"],
            "ordered_at": pd.to_datetime(["2024-01-02", "2024-01-03"]),
            "amount": [10, 20],
        }
    )
    src = Source({"orders": orders})
    model = C.clv_model(src, CAL, CAL)
    values = dict(zip(model["parameter"], model["value"], strict=True))
    assert values["r"] is None and values["customers"] == 2 and values["repeat_customers"] == 0
    assert set(C.history_warnings(model)) == {"no_fit", "few_repeat_buyers", "short_history"}
    table = C.clv(src, CAL, CAL)
    assert table["p_alive"].isna().all() and table["clv"].isna().all()
    assert table["segment"].notna().all()
    with pytest.raises(NeedsTable):
        C.clv_model(Source({}), CAL, CAL)


def test_bad_options_say_what_is_wrong():
    src = small()
    with pytest.raises(ValueError, match="unit"):
        C.clv_model(src, CAL, CAL, unit="month")
    with pytest.raises(ValueError, match="margin"):
        C.clv(src, CAL, CAL, margin=2)
    with pytest.raises(ValueError, match="horizon"):
        C.clv(src, CAL, CAL, horizon=0)
    with pytest.raises(ValueError, match="calibration_end"):
        C.clv(src, CAL, CAL, calibration_end="31/01/2024")
    with pytest.raises(ValueError, match="after calibration_end"):
        C.clv_holdout(src, CAL, CAL, calibration_end=CAL)


# -- CDNOW through Siyu's importer ---------------------------------------------------------------

CDNOW_CAL = D(1997, 9, 30)
CDNOW_END = D(1998, 6, 30)


@pytest.fixture(scope="module")
def cdnow_ws(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("cdnow") / "ws")
    import_files(ws, "cdnow", [FileRequest(data=CDNOW, filename=CDNOW.name, kind="orders")])
    return ws


def cdnow_days() -> pd.DataFrame:
    """The fixture's purchase days (amount > 0, a day's orders summed), read with csv alone."""
    with CDNOW.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if float(r["amount"]) > 0]
    frame = pd.DataFrame(
        {
            "user_id": [r["user_id"] for r in rows],
            "day": [D.fromisoformat(r["ordered_at"]) for r in rows],
            "amount": [float(r["amount"]) for r in rows],
        }
    )
    return frame.groupby(["user_id", "day"], as_index=False)["amount"].sum()


def test_the_cdnow_fit_reproduces_the_published_parameters(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    model = C.clv_model(src, CDNOW_END, CDNOW_END, calibration_end=CDNOW_CAL, unit="week")
    values = dict(zip(model["parameter"], model["value"], strict=True))
    published = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    published |= {"p": 6.25, "q": 3.74, "gamma": 15.44}
    for name, want in published.items():
        assert abs(values[name] - want) <= 0.01 * want, (name, values[name])
    # 2,357 customers less the 8 whose only purchase was $0.00 (no paid order)
    assert values["customers"] == 2349 and values["repeat_customers"] == 946
    assert values["history_days"] == 273  # 1997-01-01 … 09-30
    assert C.history_warnings(model) == []
    # counting days instead of weeks changes α alone (by 7)
    days = C.clv_model(src, CDNOW_END, CDNOW_END, calibration_end=CDNOW_CAL, unit="day")
    in_days = dict(zip(days["parameter"], days["value"], strict=True))
    assert in_days["alpha"] == pytest.approx(values["alpha"] * 7, rel=1e-3)
    assert in_days["r"] == pytest.approx(values["r"], rel=1e-3)


def test_per_person_values_are_the_closed_forms_with_the_fitted_parameters(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    opts = dict(calibration_end=CDNOW_CAL, unit="week", horizon=39, margin=0.3, discount=0.01)
    table = get("clv")(src, CDNOW_END, CDNOW_END, **opts).set_index("user_id")
    assert len(table) == 2349
    fit = C.fit(src, CDNOW_CAL, "week")
    bg, gg = fit.bgnbd, fit.spend
    one = table.loc["1"]  # 1997-01-01 first; 01-18 and 08-02 again
    assert one["frequency"] == 2
    assert one["recency"] == pytest.approx(213 / 7) and one["T"] == pytest.approx(272 / 7)
    assert one["p_alive"] == pytest.approx(closed_p_alive(bg, 2, 213 / 7, 272 / 7), rel=1e-12)
    want = closed_expected(bg, 39, 2, 213 / 7, 272 / 7)
    assert one["expected_purchases"] == pytest.approx(want, rel=1e-9)
    spend = gg.p * (gg.gamma + 2 * (29.73 + 14.96) / 2) / (gg.p * 2 + gg.q - 1)
    assert one["expected_spend"] == pytest.approx(round(want * spend, 2), abs=0.006)
    discounted = lifetime.discounted_purchases(bg, 39, 7, 0.01, [2], [213 / 7], [272 / 7])[0]
    assert one["clv"] == pytest.approx(round(discounted * spend * 0.3, 2), abs=0.006)
    assert one["paid_amount"] == pytest.approx(29.33 + 29.73 + 14.96)
    # a customer without repeat purchase days is alive by the model, worth the mean spend
    once = table[table["frequency"] == 0].iloc[0]
    assert once["p_alive"] == 1.0 and once["recency"] == 0
    assert set(table["tier"]) <= {"普通会员", "银卡", "金卡", "钻石卡"}
    assert table["segment"].notna().all()
    summary = get("clv_summary")(src, CDNOW_END, CDNOW_END, **opts).iloc[0]
    assert summary["buyers"] == 2349
    assert summary["alive"] == pytest.approx(table["p_alive"].sum())
    assert summary["clv"] == pytest.approx(table["clv"].sum(), abs=0.01)
    assert C.horizon_units(12, "week") == pytest.approx(365.25 / 7)


def test_the_holdout_view_counts_each_groups_actual_purchase_days(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    view = C.clv_holdout(src, CDNOW_END, CDNOW_END, calibration_end=CDNOW_CAL, unit="week")
    assert view["frequency"].tolist() == list(range(8))
    assert view["customers"].sum() == 2349
    days = cdnow_days()
    first = days.groupby("user_id")["day"].min()
    cal = days[days["day"] <= CDNOW_CAL]
    freq = (cal.groupby("user_id").size() - 1).clip(upper=7)
    hold = days[(days["day"] > CDNOW_CAL) & (days["day"] <= CDNOW_END)].groupby("user_id").size()
    hold = hold.reindex(first.index, fill_value=0)
    for g in range(8):
        people = freq[freq == g].index
        row = view.iloc[g]
        assert row["customers"] == len(people)
        assert row["actual"] == pytest.approx(hold.loc[people].mean())
    error = C.holdout_error(view)
    assert error["actual"] == hold.sum()
    # the model predicts 12% fewer holdout purchase days than were made (mostly among the
    # people with 1–2 calibration repeat days, as in FHL 2005, figure 5), 0.1–0.4 a person
    assert -0.15 < error["relative"] < -0.08 and error["mae"] < 0.5


def test_the_tracking_view_adds_up_to_every_repeat_purchase_day(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    track = C.clv_tracking(src, CDNOW_END, CDNOW_END, calibration_end=CDNOW_CAL, unit="week")
    assert track["period_start"].iloc[0] == D(1997, 1, 1)
    assert track["period_end"].iloc[-1] == CDNOW_END and len(track) == 78
    assert track["calibration"].sum() == 39  # weeks 1–39 end on or before 09-30
    days = cdnow_days()
    first = days.groupby("user_id")["day"].transform("min")
    repeats = days[days["day"] > first]
    assert track["cumulative_actual"].iloc[-1] == len(repeats)
    assert track["actual"].sum() == len(repeats)
    predicted = np.array(track["cumulative_predicted"], dtype=float)
    assert (np.diff(predicted) > 0).all()
    assert abs(predicted[-1] / len(repeats) - 1) < 0.05


def test_at_risk_lists_valuable_buyers_whose_p_alive_fell_below_the_threshold(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    opts = dict(calibration_end=CDNOW_CAL, unit="week")
    every = C.clv(src, CDNOW_END, CDNOW_END, **opts)
    risky = C.clv_at_risk(src, CDNOW_END, CDNOW_END, threshold=0.3, **opts)
    assert len(risky) and (risky["p_alive"] < 0.3).all()
    paid_cut = np.quantile(every["paid_amount"], 0.8, method="lower")
    clv_cut = np.quantile(every["clv"].astype(float), 0.8, method="lower")
    want = every[
        (every["p_alive"].astype(float) < 0.3)
        & ((every["paid_amount"] >= paid_cut) | (every["clv"].astype(float) >= clv_cut))
    ]
    assert sorted(risky["user_id"]) == sorted(want["user_id"])
    assert list(risky["paid_amount"]) == sorted(risky["paid_amount"], reverse=True)
    for row in risky.itertuples(index=False):
        high = row.tier in ("金卡", "钻石卡") or row.segment == "important_value"
        assert row.layer == ("high_value" if high else "dormant")


def test_the_command_line_prints_the_fit_and_the_people(cdnow_ws):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    base = [sys.executable, "-m", "siyu", "--lang", "en", "metric"]
    where = ["--dataset", "cdnow", "--workspace", str(cdnow_ws.root)]
    sets = ["--set", "calibration_end=1997-09-30", "--set", "unit=week"]
    proc = subprocess.run(
        [*base, "clv_model", *where, *sets], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "parameter,value"
    values = dict(line.split(",") for line in lines[1:])
    assert list(values)[:7] == ["r", "alpha", "a", "b", "p", "q", "gamma"]
    assert abs(float(values["r"]) - 0.243) < 0.0243 and values["customers"] == "2349"
    proc = subprocess.run(
        [*base, "clv", *where, *sets, "--set", "horizon=39"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == (
        "user_id,frequency,recency,T,p_alive,expected_purchases,expected_spend,clv,"
        "paid_amount,tier,segment"
    )
    assert len(lines) == 1 + 2349
    assert any(line.startswith("1,2,30.428571,38.857143,") for line in lines)
    clv = [float(line.split(",")[7]) for line in lines[1:]]
    assert clv == sorted(clv, reverse=True)  # the most valuable first


def test_member_lists_get_each_persons_p_alive_and_value(cdnow_ws):
    src = cdnow_ws.source("cdnow")
    values = C.clv_values(src, CDNOW_CAL, CDNOW_CAL)
    table = C.clv(src, CDNOW_CAL, CDNOW_CAL).set_index("user_id")
    listed = pd.DataFrame({"user_id": ["1", "nobody", "2"], "other": [1, 2, 3]})
    out = C.add_values(listed, values)
    assert list(out.columns) == ["user_id", "other", "p_alive", "clv"]
    assert list(out["user_id"]) == ["1", "nobody", "2"]  # the list's order kept
    assert out["p_alive"].iloc[0] == table.loc["1", "p_alive"]
    assert out["clv"].iloc[2] == table.loc["2", "clv"]
    assert out["p_alive"].iloc[1] is None and out["clv"].iloc[1] is None
