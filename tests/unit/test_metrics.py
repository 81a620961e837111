"""KPIs, KPI cards, time series and dates of `siyu.metrics`, pinned to hand-computed values.

Fixtures are tiny DataFrames built here (datasette `tests/fixtures.py` style); each expected
value carries its arithmetic in a comment. Periods used below (2024 is a leap year):
    P    = Mon 2024-03-04 … Sun 2024-03-10 (7 days)
    prev = Mon 2024-02-26 … Sun 2024-03-03 (the previous period of equal length)
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source

D = dt.date
P = (D(2024, 3, 4), D(2024, 3, 10))


def frame(columns: str, *rows: tuple) -> pd.DataFrame:
    """A DataFrame from a column list and rows; timestamps given as 'YYYY-MM-DD HH:MM'."""
    names = columns.split()
    df = pd.DataFrame(
        [dict(zip(names, row, strict=True)) for row in rows], columns=names, dtype=object
    )
    for col in ("ordered_at", "joined_at", "left_at", "at"):
        if col in df:
            df[col] = pd.to_datetime(df[col])
    return df


def orders(*rows: tuple) -> pd.DataFrame:
    return frame("order_id user_id ordered_at amount status", *rows)


def members(*rows: tuple) -> pd.DataFrame:
    return frame("user_id joined_at left_at", *rows)


def activity(*rows: tuple) -> pd.DataFrame:
    return frame("user_id at kind", *rows)


def kpi(source: Source, start: D, end: D, **kw) -> dict:
    df = metrics.kpis(source, start, end, **kw)
    return dict(zip(df["metric"], df["value"], strict=True))


# -- fixture A: orders only --------------------------------------------------------------
ORDERS_A = orders(
    ("o01", "001", "2024-03-04 10:00", "100.00", "paid"),  # first order of 001
    ("o02", "001", "2024-03-04 18:00", "50.00", None),  # NULL status = paid; same-day repeat
    ("o03", "002", "2024-03-05 09:00", "0.00", "paid"),  # 0-yuan welfare claim: no purchase
    ("o04", "002", "2024-03-06 09:00", "80.00", "refunded"),  # not paid
    ("o05", "002", "2024-03-06 10:00", "70.00", "cancelled"),  # not paid
    ("o06", "003", "2024-03-07 12:00", "30.00", "paid"),  # first order of 003
    ("o07", "003", "2024-03-14 23:59", "30.00", "paid"),  # day 7 after 03-07: within 7 days
    ("o08", "004", "2024-03-08 08:00", "40.00", "paid"),  # first order of 004
    ("o09", "004", "2024-03-16 00:01", "40.00", "paid"),  # day 8 after 03-08: too late
    ("o10", "1", "2024-03-09 10:00", "25.00", "paid"),  # "1" is not "001"
    ("o11", "005", "2024-03-01 10:00", "60.00", "paid"),  # first order of 005, in prev
    ("o12", "005", "2024-03-10 10:00", "60.00", "paid"),  # buyer in P, not a first buyer
    ("o14", "006", "2024-03-09 11:00", "15.00", "paid"),  # same time as o13: o13 is first
    ("o13", "006", "2024-03-09 11:00", "20.00", "paid"),  # (tie broken by order_id)
    ("o15", "002", "2024-03-18 09:00", "10.00", "cancelled"),  # latest order, any status
)


def source_a() -> Source:
    return Source({"orders": ORDERS_A})


def test_order_kpis_count_only_paid_orders_above_zero():
    v = kpi(source_a(), *P)
    # paid orders in P: o01 o02 o06 o08 o10 o12 o13 o14 = 8
    # (o03 is 0 yuan, o04 refunded, o05 cancelled; o02 has a NULL status = paid)
    assert v["orders"] == 8
    # buyers: 001 003 004 1 005 006 = 6 (002 never paid; "001" and "1" are two people)
    assert v["buyers"] == 6
    # GMV: 100 + 50 + 30 + 40 + 25 + 60 + 20 + 15 = 340.00
    assert v["gmv"] == 340.00
    # AOV: 340 / 8 = 42.50
    assert v["aov"] == 42.50


def test_amounts_are_floats_rounded_to_two_places_and_counts_ints():
    v = kpi(source_a(), *P)
    assert type(v["gmv"]) is float and type(v["aov"]) is float
    assert type(v["orders"]) is int and type(v["buyers"]) is int
    four = Source(
        {
            "orders": orders(
                ("a", "u", "2024-03-04 10:00", "50.00", "paid"),
                ("b", "u", "2024-03-04 11:00", "30.00", "paid"),
                ("c", "u", "2024-03-04 12:00", "20.00", "paid"),
                ("d", "v", "2024-03-05 12:00", "0.01", None),
            )
        }
    )
    # GMV 50 + 30 + 20 + 0.01 = 100.01 over 4 orders = 25.0025 -> 25.0 (2 places)
    assert kpi(four, *P)["aov"] == 25.0
    assert kpi(four, *P)["gmv"] == 100.01
    dimes = Source(
        {
            "orders": orders(
                ("a", "u", "2024-03-04 10:00", "0.10", "paid"),
                ("b", "u", "2024-03-04 11:00", "0.10", "paid"),
                ("c", "u", "2024-03-04 12:00", "0.05", "paid"),
                ("d", "u", "2024-03-04 13:00", "0.05", "paid"),
            )
        }
    )
    # 0.30 / 4 = 0.075 -> 0.08, rounded half up (float rounding would give 0.07)
    assert kpi(dimes, *P)["aov"] == 0.08


def test_repurchase_rates_of_first_buyers_in_period():
    v = kpi(source_a(), *P)
    # first buyers in P (first paid order over all data in P): 001 003 004 1 006 = 5
    # (005 first bought on 03-01; 002 never paid, its 0-yuan claim is no first order)
    # with >= 2 paid orders over all data: 001 003 004 006 = 4 -> 4/5
    assert v["repurchase_rate"] == pytest.approx(0.8)
    # another paid order on or before day 7 after the first order's day:
    # 001 same day (o02) yes; 003 day 7 at 23:59 (o07) yes; 004 day 8 at 00:01 (o09) no;
    # 1 no; 006 o14 at the same minute as its first order o13 yes -> 3/5
    assert v["repurchase_rate_7d"] == pytest.approx(0.6)


def test_repurchase_window_follows_y_days():
    # Y = 8 lets 004's order on day 8 in: 4/5; Y = 0 keeps only same-day repeats: 001 006 -> 2/5
    assert kpi(source_a(), *P, y_days=8)["repurchase_rate_7d"] == pytest.approx(0.8)
    assert kpi(source_a(), *P, y_days=0)["repurchase_rate_7d"] == pytest.approx(0.4)


def test_tied_first_orders_count_one_first_order_and_one_repeat():
    one_user = Source(
        {
            "orders": orders(
                ("b", "u", "2024-03-05 11:00", "15.00", "paid"),
                ("a", "u", "2024-03-05 11:00", "20.00", "paid"),
            )
        }
    )
    v = kpi(one_user, *P)
    # 1 first buyer, whose other order (b, tied, after a by order_id) repeats on day 0: 1/1
    assert (v["buyers"], v["orders"], v["repurchase_rate_7d"]) == (1, 2, 1.0)


def test_orders_only_dataset_leaves_member_kpis_empty():
    v = kpi(source_a(), *P)
    for metric in (
        "members",
        "first_order_conversion",
        "daily_active_rate",
        "interaction_rate",
        "conversion_rate",
    ):
        assert v[metric] is None, metric


def test_kpis_rows_and_keys_in_order():
    df = metrics.kpis(source_a(), *P)
    assert list(df.columns) == ["metric", "value"]
    assert list(df["metric"]) == [
        "members",
        "buyers",
        "orders",
        "gmv",
        "aov",
        "first_order_conversion",
        "repurchase_rate",
        "repurchase_rate_7d",
        "daily_active_rate",
        "interaction_rate",
        "conversion_rate",
    ]


def test_period_without_orders_has_zero_gmv_and_no_aov():
    v = kpi(source_a(), D(2024, 1, 1), D(2024, 1, 31))
    assert (v["buyers"], v["orders"], v["gmv"]) == (0, 0, 0.0)
    # zero denominators: AOV (0 orders), repurchase rates (0 first buyers)
    assert v["aov"] is None and v["repurchase_rate"] is None and v["repurchase_rate_7d"] is None


# -- fixture B: first-order conversion ------------------------------------------------------
MEMBERS_B = members(
    ("001", "2024-03-04 09:00", None),  # first order 03-04 10:00: day 0 -> converts
    ("010", "2024-03-05 20:00", None),  # first order 03-08 23:59: day 3 -> converts (X = 3)
    ("011", "2024-03-05 08:00", None),  # first order 03-09 00:01: day 4 -> does not
    ("012", "2024-03-06 12:00", None),  # first order 03-06 08:00: same calendar day -> converts
    ("013", "2024-03-07 10:00", None),  # first order 03-02, before joining -> never converts
    ("014", "2024-03-08 10:00", None),  # no order
    ("015", "2024-03-08 10:00", None),  # only a refunded and a 0-yuan order in the window
    ("017", "2024-03-10 10:00", "2024-03-10 18:00"),  # joined and left in P: still joined
    ("016", "2024-03-02 10:00", None),  # joined in prev; first order 03-04 = day 2
)
ORDERS_B = orders(
    ("b01", "001", "2024-03-04 10:00", "10.00", "paid"),
    ("b02", "010", "2024-03-08 23:59", "10.00", "paid"),
    ("b03", "011", "2024-03-09 00:01", "10.00", "paid"),
    ("b04", "012", "2024-03-06 08:00", "10.00", "paid"),
    ("b05", "013", "2024-03-02 10:00", "10.00", "paid"),
    ("b06", "013", "2024-03-08 10:00", "10.00", "paid"),  # second order: not a first order
    ("b07", "015", "2024-03-09 10:00", "10.00", "refunded"),
    ("b08", "015", "2024-03-09 11:00", "0.00", "paid"),
    ("b09", "016", "2024-03-04 10:00", "10.00", "paid"),
)


def source_b() -> Source:
    return Source({"orders": ORDERS_B, "members": MEMBERS_B})


def test_members_are_those_who_joined_in_the_period():
    # 001 010 011 012 013 014 015 017 = 8 (017 left again, still a new member; 016 joined in prev)
    assert kpi(source_b(), *P)["members"] == 8
    assert kpi(source_b(), D(2024, 2, 26), D(2024, 3, 3))["members"] == 1  # 016


def test_first_order_conversion_counts_calendar_days_zero_to_x():
    v = kpi(source_b(), *P)
    # converted: 001 (day 0), 010 (day 3 at 23:59), 012 (same day, earlier hour) = 3 of 8;
    # not: 011 (day 4 at 00:01), 013 (first order before joining), 014, 015, 017
    assert v["first_order_conversion"] == pytest.approx(3 / 8)
    # X = 4 lets 011 in: 4/8
    assert kpi(source_b(), *P, x_days=4)["first_order_conversion"] == pytest.approx(4 / 8)
    # X = 0: only day 0 -> 001 012 = 2/8
    assert kpi(source_b(), *P, x_days=0)["first_order_conversion"] == pytest.approx(2 / 8)


def test_first_order_conversion_with_no_new_members_is_undefined():
    assert kpi(source_b(), D(2024, 1, 1), D(2024, 1, 7))["first_order_conversion"] is None


def test_leading_zero_user_ids_stay_distinct_people():
    src = Source(
        {
            "members": members(("007", "2024-03-04 09:00", None)),
            "orders": orders(
                ("x1", "7", "2024-03-04 10:00", "10.00", "paid"),
                ("x2", "007", "2024-03-20 10:00", "10.00", "paid"),
            ),
        }
    )
    v = kpi(src, D(2024, 3, 4), D(2024, 3, 20))
    # "7" bought on day 0 but is not member "007", whose own first order is on day 16: 0/1
    assert v["first_order_conversion"] == 0.0
    assert v["buyers"] == 2


# -- fixture C: daily rates ---------------------------------------------------------------
MEMBERS_C = members(
    ("A", "2024-03-01 09:00", None),
    ("B", "2024-03-01 09:00", "2024-03-05 12:00"),  # in the domain on 03-04, gone from 03-05
    ("C", "2024-03-05 10:00", None),  # joins on 03-05
    ("D", "2024-03-01 09:00", None),
)
ACTIVITY_C = activity(
    ("A", "2024-03-04 08:00", "message"),
    ("B", "2024-03-04 08:00", "view"),  # active, not interactive
    ("C", "2024-03-04 08:00", "message"),  # not joined yet: not counted
    ("N", "2024-03-04 08:00", "message"),  # not a member: not counted
    ("A", "2024-03-05 08:00", "view"),
    ("C", "2024-03-05 11:00", ""),  # empty kind: interactive
    ("B", "2024-03-05 13:00", "message"),  # left that day: not counted
    ("D", "2024-03-06 08:00", None),  # null kind: interactive
)
ORDERS_C = orders(
    ("c1", "D", "2024-03-04 10:00", "10.00", "paid"),
    ("c2", "D", "2024-03-05 10:00", "0.00", "paid"),  # 0-yuan claim: D not active on 03-05
    ("c3", "C", "2024-03-06 10:00", "20.00", None),
    ("c4", "N", "2024-03-06 10:00", "5.00", "paid"),  # not a member; last day of data 03-06
)
# day   in domain   active             interactive  converting  DAR   IR    CR
# 03-04 A B D = 3   A B D = 3          A = 1        D = 1       3/3   1/3   1/3
# 03-05 A C D = 3   A C = 2            C = 1        0           2/3   1/2   0
# 03-06 A C D = 3   D C = 2            D = 1        C = 1       2/3   1/2   1/2
DAR = (1 + 2 / 3 + 2 / 3) / 3  # 7/9
IR = (1 / 3 + 1 / 2 + 1 / 2) / 3  # 4/9
CR = (1 / 3 + 0 + 1 / 2) / 3  # 5/18


def source_c(**drop: bool) -> Source:
    tables = {"members": MEMBERS_C, "activity": ACTIVITY_C, "orders": ORDERS_C}
    return Source({k: v for k, v in tables.items() if not drop.get(k)})


def test_daily_rates_are_means_of_daily_member_rates():
    v = kpi(source_c(), D(2024, 3, 4), D(2024, 3, 6))
    assert v["daily_active_rate"] == pytest.approx(7 / 9) == pytest.approx(DAR)
    assert v["interaction_rate"] == pytest.approx(4 / 9) == pytest.approx(IR)
    assert v["conversion_rate"] == pytest.approx(5 / 18) == pytest.approx(CR)


def test_daily_rates_stop_at_the_last_day_of_data():
    # 03-07 and 03-08 lie after the last order (03-06): not counted, so the same means
    # (counting them would give DAR (1 + 2/3 + 2/3 + 0 + 0) / 5 = 7/15)
    v = kpi(source_c(), D(2024, 3, 4), D(2024, 3, 8))
    assert v["daily_active_rate"] == pytest.approx(7 / 9)
    assert v["interaction_rate"] == pytest.approx(4 / 9)
    assert v["conversion_rate"] == pytest.approx(5 / 18)


def test_days_without_members_are_skipped_and_days_without_actives_undefined():
    v = kpi(source_c(), D(2024, 2, 28), D(2024, 3, 4))
    # 02-28 and 02-29: nobody in the domain -> undefined, skipped;
    # 03-01 … 03-03: A B D in the domain, nobody active -> DAR 0, IR and CR undefined;
    # 03-04: DAR 1, IR 1/3, CR 1/3
    assert v["daily_active_rate"] == pytest.approx((0 + 0 + 0 + 1) / 4)
    assert v["interaction_rate"] == pytest.approx(1 / 3)
    assert v["conversion_rate"] == pytest.approx(1 / 3)
    before = kpi(source_c(), D(2024, 2, 1), D(2024, 2, 7))
    assert before["daily_active_rate"] is None
    assert before["interaction_rate"] is None
    assert before["conversion_rate"] is None


def test_members_who_leave_on_their_join_day_are_never_in_the_domain():
    extra = members(
        ("E", "2024-03-04 09:00", "2024-03-04 18:00"),  # left the day it joined
        ("F", "2024-03-05 09:00", "2024-03-03 09:00"),  # left before joining (bad export)
    )
    src = Source(
        {
            "members": pd.concat([MEMBERS_C, extra], ignore_index=True),
            "activity": ACTIVITY_C,
            "orders": ORDERS_C,
        }
    )
    # E and F are active on 03-04 (F not even joined) yet in the domain on no day: same means
    more = activity(("E", "2024-03-04 12:00", "message"), ("F", "2024-03-06 12:00", "message"))
    src.tables["activity"] = pd.concat([ACTIVITY_C, more], ignore_index=True)
    v = kpi(src, D(2024, 3, 4), D(2024, 3, 6))
    assert v["daily_active_rate"] == pytest.approx(DAR)
    assert v["interaction_rate"] == pytest.approx(IR)
    assert v["members"] == 3  # C E F joined in the period


def test_daily_active_rate_without_activity_uses_paid_orders():
    v = kpi(source_c(activity=True), D(2024, 3, 4), D(2024, 3, 6))
    # active by paid order only: 03-04 D (1/3), 03-05 nobody (0), 03-06 C (1/3) -> 2/9
    assert v["daily_active_rate"] == pytest.approx(2 / 9)
    # CR: 03-04 1/1, 03-05 undefined, 03-06 1/1 -> 1
    assert v["conversion_rate"] == pytest.approx(1.0)
    assert v["interaction_rate"] is None  # needs activity


def test_daily_rates_without_orders():
    v = kpi(source_c(orders=True), D(2024, 3, 4), D(2024, 3, 6))
    # no orders: the last day of data is the last day of joins and activity (03-06);
    # active by activity only: 03-04 A B (2/3), 03-05 A C (2/3), 03-06 D (1/3) -> 5/9
    assert v["daily_active_rate"] == pytest.approx(5 / 9)
    # IR: 1/2, 1/2, 1/1 -> 2/3
    assert v["interaction_rate"] == pytest.approx(2 / 3)
    assert v["conversion_rate"] is None  # needs orders
    assert v["buyers"] is None and v["gmv"] is None and v["repurchase_rate"] is None


# -- KPI cards ----------------------------------------------------------------------------
def cards(source: Source, start: D, end: D, **kw) -> pd.DataFrame:
    return metrics.kpi_cards(source, start, end, **kw).set_index("metric")


def test_kpi_cards_compare_with_the_previous_period():
    c = cards(source_a(), *P)
    assert list(c.columns) == [
        "kind",
        "value",
        "previous",
        "delta_abs",
        "delta_rel",
        "change",
        "target",
        "needs",
        "pending",
    ]
    # prev (02-26 … 03-03) holds o11 only: 1 buyer, 1 order, GMV 60, AOV 60;
    # first buyer 005 has 2 orders (ever: 1/1) but its second is on day 9 (7 days: 0/1)
    assert c.loc["buyers", ["value", "previous", "delta_abs", "delta_rel"]].tolist() == [
        6,
        1,
        5,
        5.0,
    ]
    assert c.loc["orders", "change"] == 7.0  # (8 - 1) / 1
    assert c.loc["gmv", "delta_abs"] == 280.0  # 340 - 60
    assert c.loc["gmv", "change"] == pytest.approx(280 / 60)
    assert c.loc["aov", "delta_abs"] == -17.5  # 42.50 - 60.00
    assert c.loc["aov", "change"] == pytest.approx(-17.5 / 60)
    # rates change in absolute points, no relative change
    assert c.loc["repurchase_rate", "previous"] == 1.0
    assert c.loc["repurchase_rate", "change"] == pytest.approx(-0.2)  # 0.8 - 1.0
    assert c.loc["repurchase_rate", "delta_rel"] is None
    assert c.loc["repurchase_rate_7d", "change"] == pytest.approx(0.6)  # 0.6 - 0.0


def test_kpi_cards_change_is_undefined_against_zero_or_missing():
    # prev of 02-26 … 03-03 is 02-19 … 02-25: no orders
    c = cards(source_a(), D(2024, 2, 26), D(2024, 3, 3))
    assert c.loc["buyers", "delta_abs"] == 1 and c.loc["buyers", "delta_rel"] is None
    assert c.loc["aov", "previous"] is None and c.loc["aov", "change"] is None


def test_kpi_cards_targets_and_needs():
    c = cards(source_a(), *P)
    assert c["target"].to_dict() == {
        "members": None,
        "buyers": None,
        "orders": None,
        "gmv": None,
        "aov": None,
        "first_order_conversion": None,
        "repurchase_rate": 0.40,
        "repurchase_rate_7d": None,
        "daily_active_rate": 0.30,
        "interaction_rate": 0.20,
        "conversion_rate": 0.05,
    }
    # orders only: every member KPI names the members file
    assert c["needs"].to_dict() == {
        "members": "members",
        "buyers": None,
        "orders": None,
        "gmv": None,
        "aov": None,
        "first_order_conversion": "members",
        "repurchase_rate": None,
        "repurchase_rate_7d": None,
        "daily_active_rate": "members",
        "interaction_rate": "members",
        "conversion_rate": "members",
    }
    assert c.loc["members", "value"] is None and c.loc["members", "change"] is None
    no_activity = cards(source_c(activity=True), D(2024, 3, 4), D(2024, 3, 6))
    assert no_activity.loc["interaction_rate", "needs"] == "activity"
    assert no_activity.loc["interaction_rate", "value"] is None
    assert no_activity["needs"].drop("interaction_rate").isna().all()


def test_kpi_cards_daily_rates_against_previous_period():
    # 03-04 … 03-06 against 03-01 … 03-03 (A B D in the domain, nobody active: DAR 0)
    c = cards(source_c(), D(2024, 3, 4), D(2024, 3, 6))
    assert c.loc["daily_active_rate", "previous"] == 0.0
    assert c.loc["daily_active_rate", "change"] == pytest.approx(7 / 9)
    assert c.loc["interaction_rate", "previous"] is None  # no active member in prev
    assert c.loc["members", "value"] == 1  # C
    assert c.loc["members", "previous"] == 3  # A B D


def test_empty_dataset_gives_no_values():
    c = cards(Source({}), *P)
    assert c["value"].isna().all() and c["previous"].isna().all()
    assert c.loc["gmv", "needs"] == "orders" and c.loc["interaction_rate", "needs"] == "members"


def test_bad_period_or_window_is_refused():
    with pytest.raises(ValueError):
        metrics.kpis(source_a(), D(2024, 3, 10), D(2024, 3, 4))
    with pytest.raises(ValueError):
        metrics.kpis(source_a(), *P, x_days=-1)


# -- dates --------------------------------------------------------------------------------
def test_as_of_is_the_day_after_the_latest_order_of_any_status():
    # latest order: o15 (cancelled) on 03-18
    assert metrics.as_of(source_a()) == D(2024, 3, 19)
    assert metrics.as_of(Source({"members": MEMBERS_C})) is None
    assert metrics.as_of(Source({})) is None


def test_data_range_spans_orders_members_and_activity():
    assert metrics.data_range(source_a()) == (D(2024, 3, 1), D(2024, 3, 18))
    # members from 03-01, orders and activity up to 03-06
    assert metrics.data_range(source_c()) == (D(2024, 3, 1), D(2024, 3, 6))
    assert metrics.data_range(Source({})) == (None, None)


def test_default_period_is_the_last_28_days_of_data_never_longer_than_the_data():
    # last day of data = as_of - 1 = 03-18; 03-18 - 27 days = 02-20 lies before the first
    # order (03-01): the period starts on the data's first day, not on 10 empty days
    assert metrics.default_period(source_a()) == (D(2024, 3, 1), D(2024, 3, 18))
    assert metrics.previous_period(*P) == (D(2024, 2, 26), D(2024, 3, 3))


def test_a_three_week_file_opens_on_exactly_its_21_days():
    # issue 18.4: orders on every day 2024-04-01 … 04-21 (3 weeks)
    three_weeks = orders(
        *(
            (f"o{i:02d}", f"u{i % 5}", f"2024-04-{i:02d} 10:00", "10.00", "paid")
            for i in range(1, 22)
        )
    )
    start, end = metrics.default_period(Source({"orders": three_weeks}))
    assert (start, end) == (D(2024, 4, 1), D(2024, 4, 21))
    assert (end - start).days + 1 == 21
    # members who joined earlier widen the data's range: the period reaches back to them,
    # and never further than 28 days
    early = members(("u1", "2024-03-30 09:00", None))
    src = Source({"orders": three_weeks, "members": early})
    assert metrics.default_period(src) == (D(2024, 3, 30), D(2024, 4, 21))
    long_ago = members(("u1", "2023-01-01 09:00", None))
    src = Source({"orders": three_weeks, "members": long_ago})
    assert metrics.default_period(src) == (D(2024, 3, 25), D(2024, 4, 21))
    # shorter periods asked for stay as asked
    assert metrics.default_period(Source({"orders": three_weeks}), days=7) == (
        D(2024, 4, 15),
        D(2024, 4, 21),
    )


# -- time series --------------------------------------------------------------------------
MEMBERS_T = members(
    ("m1", "2024-03-05 10:00", None),  # before the range
    ("m2", "2024-03-11 10:00", None),
    ("m3", "2024-03-17 23:00", None),  # Sunday: week of Monday 03-11
    ("m4", "2024-03-20 10:00", None),
)


def test_timeseries_weeks_start_on_monday_and_gaps_are_zero():
    src = Source({"orders": ORDERS_A, "members": MEMBERS_T})
    df = metrics.timeseries(src, D(2024, 3, 6), D(2024, 3, 27), "week")
    assert list(df.columns) == ["period", "gmv", "paid_orders", "buyers", "new_members"]
    assert df.to_dict("records") == [
        # from Wed 03-06 only: o06 30 + o08 40 + o10 25 + o13 20 + o14 15 + o12 60 (Sunday
        # 03-10) = 190, 6 orders, buyers 003 004 1 006 005; o01 o02 (03-04) lie before the range
        {"period": D(2024, 3, 4), "gmv": 190.0, "paid_orders": 6, "buyers": 5, "new_members": 0},
        # o07 (Thu 03-14) 30 + o09 (Sat 03-16) 40; m2 m3
        {"period": D(2024, 3, 11), "gmv": 70.0, "paid_orders": 2, "buyers": 2, "new_members": 2},
        # o15 is cancelled; m4
        {"period": D(2024, 3, 18), "gmv": 0.0, "paid_orders": 0, "buyers": 0, "new_members": 1},
        {"period": D(2024, 3, 25), "gmv": 0.0, "paid_orders": 0, "buyers": 0, "new_members": 0},
    ]


def test_timeseries_days_cover_every_day_of_the_range():
    src = Source({"orders": ORDERS_A, "members": MEMBERS_T})
    df = metrics.timeseries(src, D(2024, 3, 13), D(2024, 3, 17), "day")
    assert df["period"].tolist() == [D(2024, 3, d) for d in range(13, 18)]
    assert df["gmv"].tolist() == [0.0, 30.0, 0.0, 40.0, 0.0]  # o07 on 03-14, o09 on 03-16
    assert df["paid_orders"].tolist() == [0, 1, 0, 1, 0]
    assert df["new_members"].tolist() == [0, 0, 0, 0, 1]  # m3
    assert not df.isna().any().any()
    assert str(df["paid_orders"].dtype) == "int64"


def test_timeseries_gmv_agrees_with_kpis():
    src = source_a()
    df = metrics.timeseries(src, *P, "day")
    v = kpi(src, *P)
    assert df["gmv"].sum() == v["gmv"] and df["paid_orders"].sum() == v["orders"]


def test_timeseries_on_empty_dataset_is_zero_filled():
    df = metrics.timeseries(Source({}), D(2024, 3, 4), D(2024, 3, 6), "day")
    assert len(df) == 3 and (df[["gmv", "paid_orders", "buyers", "new_members"]] == 0).all().all()
    with pytest.raises(ValueError):
        metrics.timeseries(Source({}), *P, "month")


def test_overview_metrics_run_on_orders_with_the_period_alone():
    src = source_a()
    for m in metrics.REGISTRY.values():
        if m.area != "overview":
            continue
        out = m(src, *P)
        assert isinstance(out, pd.DataFrame) and len(out) > 0, m.name
        assert m.requires == ("orders",), m.name


def test_every_registered_metric_takes_source_start_end_and_names_known_tables():
    import inspect

    from siyu.schema import TABLES

    assert len(metrics.METRICS) > 20
    for name, fn in metrics.METRICS.items():
        params = list(inspect.signature(fn).parameters.values())
        # the first is `data` where `source` names an option (members: where tiers come from)
        assert params[0].name in ("source", "data"), name
        assert [p.name for p in params[1:3]] == ["start", "end"], name
        assert set(metrics.get(name).requires) <= set(TABLES), name
        assert set(metrics.get(name).requires_any) <= set(TABLES), name
        assert metrics.lookup(name.replace("_", "-")) is fn
