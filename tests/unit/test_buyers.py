"""New and returning buyers' GMV per week (siyu.metrics.buyers), computed by hand."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source
from siyu.metrics.buyers import new_returning_gmv

D = dt.date
# Two whole weeks: W1 Monday 03-04 … Sunday 03-10, W2 Monday 03-11 … Sunday 03-17.
START, END = D(2024, 3, 4), D(2024, 3, 17)


def orders(*rows: tuple) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["order_id", "user_id", "ordered_at", "amount", "status"])
    df["ordered_at"] = pd.to_datetime(df["ordered_at"])
    df["amount"] = df["amount"].map(Decimal)
    return df


SHOP = Source(
    {
        "orders": orders(
            # A bought in February: returning all along
            ("a1", "A", "2024-02-28 10:00", "100.00", "paid"),
            ("a2", "A", "2024-03-05 09:00", "50.00", "paid"),
            ("a3", "A", "2024-03-06 09:00", "20.00", "paid"),
            # B first buys on Tuesday of W1 (new there, with the second order of that week),
            # then comes back in W2
            ("b1", "B", "2024-03-05 12:00", "30.00", "paid"),
            ("b2", "B", "2024-03-07 12:00", "40.00", None),  # no status: paid
            ("b3", "B", "2024-03-12 12:00", "10.00", "paid"),
            # C: a refund and a 0-yuan claim are no purchase; the first paid order is 03-15
            ("c1", "C", "2024-03-13 08:00", "99.00", "refunded"),
            ("c2", "C", "2024-03-14 08:00", "0.00", "paid"),
            ("c3", "C", "2024-03-15 08:00", "25.00", "paid"),
            # E first bought on the Sunday before the range: returning in W1
            ("e1", "E", "2024-03-03 20:00", "60.00", "paid"),
            ("e2", "E", "2024-03-04 08:00", "15.00", "paid"),
            # F first buys late on the last day; the order after the range does not count
            ("f1", "F", "2024-03-17 23:00", "12.50", "paid"),
            ("f2", "F", "2024-03-18 09:00", "99.00", "paid"),
        )
    }
)


def test_each_week_splits_its_gmv_between_first_time_and_returning_buyers():
    out = new_returning_gmv(SHOP, START, END)
    assert list(out.columns) == list(metrics.get("new_returning_gmv").columns)
    w1, w2 = out.to_dict("records")
    # W1: new B 30 + 40 = 70; returning A 50 + 20 and E 15 = 85
    assert w1 == {
        "week": D(2024, 3, 4),
        "new_buyers": 1,
        "new_gmv": 70.0,
        "returning_buyers": 2,
        "returning_gmv": 85.0,
        "gmv": 155.0,
        "new_share": pytest.approx(70 / 155),
    }
    # W2: new C 25 and F 12.50 = 37.50; returning B 10
    assert w2 == {
        "week": D(2024, 3, 11),
        "new_buyers": 2,
        "new_gmv": 37.5,
        "returning_buyers": 1,
        "returning_gmv": 10.0,
        "gmv": 47.5,
        "new_share": pytest.approx(37.5 / 47.5),
    }
    assert type(w1["new_buyers"]) is int and type(w1["new_gmv"]) is float


def test_a_week_cut_by_the_period_counts_only_its_days_inside():
    # Wednesday 03-06 … Tuesday 03-12: W1 keeps A's 20 and B's 40 (B's first order, on the
    # Tuesday before the range, still falls in W1: B is new there); W2 keeps B's 10
    w1, w2 = new_returning_gmv(SHOP, D(2024, 3, 6), D(2024, 3, 12)).to_dict("records")
    assert (w1["new_buyers"], w1["new_gmv"], w1["returning_buyers"], w1["returning_gmv"]) == (
        1,
        40.0,
        1,
        20.0,
    )
    assert (w2["new_buyers"], w2["returning_buyers"], w2["returning_gmv"]) == (0, 1, 10.0)


def test_weeks_without_sales_are_zero_and_have_no_share():
    out = new_returning_gmv(SHOP, D(2024, 3, 25), D(2024, 4, 7))
    assert list(out["week"]) == [D(2024, 3, 25), D(2024, 4, 1)]
    assert out["gmv"].tolist() == [0.0, 0.0] and out["new_share"].tolist() == [None, None]
    empty = new_returning_gmv(Source({}), START, END)
    assert empty["new_buyers"].tolist() == [0, 0]


def test_new_and_returning_add_up_to_the_weekly_gmv_and_buyers_of_the_demo(demo_root):
    from siyu.workspace import Workspace

    source = Workspace(demo_root).source("demo")
    start, end = metrics.default_period(source)
    split = new_returning_gmv(source, start, end)
    weekly = metrics.get("timeseries")(source, start, end, grain="week")
    assert list(split["week"]) == list(weekly["period"])
    assert split["gmv"].tolist() == weekly["gmv"].tolist()
    buyers = split["new_buyers"] + split["returning_buyers"]
    assert buyers.tolist() == weekly["buyers"].tolist()


def test_the_command_line_prints_the_split(demo_root):
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "metric", "new-returning-gmv", "--dataset", "demo"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SIYU_WORKSPACE": str(demo_root)},
    )
    header = proc.stdout.splitlines()[0]
    assert header == "week,new_buyers,new_gmv,returning_buyers,returning_gmv,gmv,new_share"
