"""Windows that have not closed are never read as a drop (issue 18.1, SPEC §4 "Windows and
comparisons").

A figure that follows people over a window (first-order conversion within X days, repurchase
within Y days or ever) says how many people of its base are still inside their window
(`pending`), and its change against the previous period compares both sides at the same age:
the previous period is read as it stood n days ago (n = the period's length), up to the last
day of data minus n.

Two kinds of check: small datasets computed by hand, and a stationary generated business
(every day the same number of members join and buy with the same probabilities and delays)
on which no window KPI may show a change beyond sampling noise, while the naive comparison
(plain previous period against the plain current one) shows a drop.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source
from siyu.metrics.funnels import member_funnel
from tests.helpers import read_sql

D = dt.date
WINDOW_KPIS = ("first_order_conversion", "repurchase_rate", "repurchase_rate_7d")


def _frame(columns: str, *rows: tuple) -> pd.DataFrame:
    names = columns.split()
    df = pd.DataFrame([dict(zip(names, r, strict=True)) for r in rows], columns=names)
    stamps = ("ordered_at", "joined_at", "at")
    for col in stamps:
        if col in df:
            df[col] = pd.to_datetime(df[col])
    return df.astype({c: object for c in names if c not in stamps})


def cards(source: Source, start: D, end: D, **kw) -> pd.DataFrame:
    return metrics.kpi_cards(source, start, end, **kw).set_index("metric")


def plain(source: Source, start: D, end: D, **kw) -> dict:
    df = metrics.kpis(source, start, end, **kw)
    return dict(zip(df["metric"], df["value"], strict=True))


# -- by hand ------------------------------------------------------------------------------
# P = Mon 03-04 … Sun 03-10 (7 days), prev = 02-26 … 03-03. The latest order is on 03-10:
# the last day of data L = 03-10, so the previous period is read up to 03-10 - 7 = 03-03.
P = (D(2024, 3, 4), D(2024, 3, 10))
SMALL = Source(
    {
        "members": _frame(
            "user_id joined_at",
            ("m1", "2024-02-26 09:00"),  # prev; first order 02-27 (day 1)
            ("m2", "2024-03-01 09:00"),  # prev; first order 03-05 (day 4: too late for X = 3)
            ("m3", "2024-03-02 09:00"),  # prev; first order 03-04 (day 2), after 03-03
            ("m4", "2024-03-05 09:00"),  # P; first order 03-06 (day 1)
            ("m5", "2024-03-08 09:00"),  # P; first order 03-10 (day 2); window to 03-11
            ("m6", "2024-03-09 09:00"),  # P; no order; window to 03-12
            ("m7", "2024-03-10 09:00"),  # P; no order; window to 03-13
        ),
        "orders": _frame(
            "order_id user_id ordered_at amount status",
            ("o1", "m1", "2024-02-27 10:00", "10", "paid"),
            ("o2", "m1", "2024-03-02 10:00", "10", "paid"),  # m1 back on day 3
            ("o3", "b1", "2024-02-28 10:00", "10", "paid"),
            ("o4", "b1", "2024-03-06 10:00", "10", "paid"),  # b1 back on day 7
            ("o5", "b2", "2024-03-02 10:00", "10", "paid"),
            ("o6", "b2", "2024-03-09 10:00", "10", "paid"),  # b2 back on day 7
            ("o7", "m3", "2024-03-04 10:00", "10", "paid"),
            ("o8", "m3", "2024-03-07 10:00", "10", "paid"),  # m3 back on day 3
            ("o9", "m2", "2024-03-05 10:00", "10", "paid"),
            ("o10", "m4", "2024-03-06 10:00", "10", "paid"),
            ("o11", "m5", "2024-03-10 10:00", "10", "paid"),  # the latest order: L = 03-10
        ),
    }
)


def test_pending_counts_the_people_whose_window_is_still_open():
    c = cards(SMALL, *P)
    # first-order conversion, X = 3: members of P whose day 3 is after 03-10, i.e. who joined
    # after 03-07: m5 m6 m7 = 3 (m4's window closed on 03-08)
    assert c.loc["first_order_conversion", "pending"] == 3
    # repurchase within 7 days: first buyers of P (m3 03-04, m2 03-05, m4 03-06, m5 03-10)
    # whose day 7 is after 03-10 (first order after 03-03): all 4
    assert c.loc["repurchase_rate_7d", "pending"] == 4
    # repurchase ever: the first buyers who have not come back yet: m2 m4 m5 = 3
    assert c.loc["repurchase_rate", "pending"] == 3
    # no window, no pending
    assert c.loc[["members", "buyers", "orders", "gmv", "aov"], "pending"].isna().all()
    assert c.loc[["daily_active_rate", "conversion_rate"], "pending"].isna().all()


def test_pending_with_other_windows():
    c = cards(SMALL, *P, x_days=0, y_days=1)
    # X = 0: joined after 03-10: none; Y = 1: first order after 03-09: m5
    assert c.loc["first_order_conversion", "pending"] == 0
    assert c.loc["repurchase_rate_7d", "pending"] == 1


def test_change_compares_the_previous_period_as_it_stood_n_days_ago():
    c = cards(SMALL, *P)
    # current (plain): members m4..m7 = 4, converted m4 m5 = 2 -> 1/2
    assert c.loc["first_order_conversion", "value"] == pytest.approx(0.5)
    # previous read up to 03-03: m1 m2 m3 joined; only m1 had bought by then (m3's first
    # order on 03-04 came later) -> 1/3; plain previous would be m1 m3 -> 2/3
    assert c.loc["first_order_conversion", "previous"] == pytest.approx(1 / 3)
    assert c.loc["first_order_conversion", "change"] == pytest.approx(0.5 - 1 / 3)
    assert plain(SMALL, D(2024, 2, 26), D(2024, 3, 3))["first_order_conversion"] == (
        pytest.approx(2 / 3)
    )
    # repurchase: current first buyers m3 m2 m4 m5, back: m3 -> 1/4 (ever and 7 days)
    assert c.loc["repurchase_rate", "value"] == pytest.approx(0.25)
    assert c.loc["repurchase_rate_7d", "value"] == pytest.approx(0.25)
    # previous first buyers m1 (02-27) b1 (02-28) b2 (03-02): all came back within 7 days,
    # but by 03-03 only m1 had (on 03-02) -> 1/3 for both; the naive change would be -75 pp
    for metric in ("repurchase_rate", "repurchase_rate_7d"):
        assert c.loc[metric, "previous"] == pytest.approx(1 / 3)
        assert c.loc[metric, "change"] == pytest.approx(0.25 - 1 / 3)
        assert c.loc[metric, "delta_abs"] == pytest.approx(0.25 - 1 / 3)
        assert plain(SMALL, D(2024, 2, 26), D(2024, 3, 3))[metric] == pytest.approx(1.0)
    # counts of a period inside the data are read whole on both sides
    # (prev 02-26 … 03-03 holds o1 o2 o3 o5, all on or before 03-03)
    assert c.loc["orders", "previous"] == 4
    assert c.loc["gmv", "previous"] == 40.0
    assert c.loc["members", "previous"] == 3


def test_plain_kpis_stay_the_spec_definitions():
    # `metric kpis` and the cards' `value` are the plain SPEC §4 numbers, pending included
    c = cards(SMALL, *P)
    v = plain(SMALL, *P)
    assert c["value"].index.tolist() == list(v)
    for metric, value in v.items():  # daily means may differ in the last bit (summing order)
        assert c.loc[metric, "value"] == (value if value is None else pytest.approx(value))


def test_a_period_past_the_data_compares_the_same_days_or_nothing():
    # 03-04 … 03-17 (14 days) runs 7 days past L = 03-10; the previous period 02-19 … 03-03
    # is read up to 03-10 - 14 = 02-25: no data yet, so no change is shown at all (the naive
    # card would have compared 7 days of orders with 14)
    c = cards(SMALL, D(2024, 3, 4), D(2024, 3, 17))
    assert c.loc["orders", "previous"] == 0 and c.loc["orders", "change"] is None
    assert c.loc["gmv", "change"] is None
    for metric in WINDOW_KPIS:
        assert c.loc[metric, "previous"] is None and c.loc[metric, "change"] is None
    # 03-05 … 03-11 runs one day past L: against 02-27 … 03-04 read up to 03-03, orders o1
    # o2 o3 o5 = 4 (o7 on 03-04 is after the read day), against o9 o10 o4 o8 o6 o11 = 6
    c = cards(SMALL, D(2024, 3, 5), D(2024, 3, 11))
    assert c.loc["orders", "previous"] == 4
    assert c.loc["orders", "value"] == 6
    assert c.loc["orders", "change"] == pytest.approx(0.5)  # (6 - 4) / 4


def test_members_joined_after_the_last_order_day_are_pending_not_a_drop():
    # a members file one day newer than the orders: m8 joined on 03-11, after L = 03-10
    tables = dict(SMALL.tables)
    tables["members"] = pd.concat(
        [tables["members"], _frame("user_id joined_at", ("m8", "2024-03-11 09:00"))],
        ignore_index=True,
    )
    src = Source(tables)
    c = cards(src, D(2024, 3, 5), D(2024, 3, 11))
    # plain value: m4 .. m8 joined 03-05 … 03-11, converted m4 m5 -> 2/5, pending m5..m8 = 4
    assert c.loc["first_order_conversion", "value"] == pytest.approx(2 / 5)
    assert c.loc["first_order_conversion", "pending"] == 4
    # compared up to 03-10 (m4..m7: 2/4) with 02-27 … 03-04 up to 03-03 (m2 m3: none had
    # bought by 03-03): change 0.5 - 0 = +50 pp; the members card compares 4 with 2
    assert c.loc["first_order_conversion", "previous"] == 0.0
    assert c.loc["first_order_conversion", "change"] == pytest.approx(0.5)
    assert c.loc["members", "value"] == 5 and c.loc["members", "previous"] == 2
    assert c.loc["members", "change"] == pytest.approx(1.0)  # (4 - 2) / 2


# -- a stationary business ----------------------------------------------------------------
DAYS = 90
JOINS_PER_DAY = 300
FIRST_ORDER_P = 0.6  # a member buys at all …
FIRST_DELAY = range(0, 7)  # … on one of days 0–6 after joining, uniformly
AGAIN_P = 0.5  # after each order, another one follows …
AGAIN_DELAY = range(1, 15)  # … 1–14 days later, uniformly


def stationary_source(seed: int = 18) -> tuple[Source, D]:
    """Members and orders of a business that behaves the same every day, observed up to its
    last day L (a real export: whatever happens after L is not in it). Returns (source, L)."""
    rng = random.Random(seed)
    day0 = dt.datetime(2024, 1, 1)
    last = day0.date() + dt.timedelta(days=DAYS - 1)
    members, orders = [], []
    for d in range(DAYS):
        for i in range(JOINS_PER_DAY):
            uid = f"u{d:03d}{i:03d}"
            joined = day0 + dt.timedelta(days=d, hours=8 + rng.random() * 12)
            members.append((uid, joined))
            if rng.random() >= FIRST_ORDER_P:
                continue
            at = joined + dt.timedelta(days=rng.choice(FIRST_DELAY), minutes=30)
            n = 0
            while at.date() <= last:
                orders.append((f"{uid}-{n}", uid, at, "20.00", "paid"))
                n += 1
                if rng.random() >= AGAIN_P:
                    break
                at += dt.timedelta(days=rng.choice(AGAIN_DELAY))
    # the export's last day holds an order (a cancelled one: as_of counts every status)
    orders.append(("last", "x", dt.datetime.combine(last, dt.time(21)), "5.00", "cancelled"))
    source = Source(
        {
            "members": pd.DataFrame(members, columns=["user_id", "joined_at"]).astype(
                {"user_id": object}
            ),
            "orders": pd.DataFrame(
                orders, columns=["order_id", "user_id", "ordered_at", "amount", "status"]
            ).astype({"order_id": object, "user_id": object, "amount": object}),
        }
    )
    return source, last


def _noise(p1: float, n1: int, p2: float, n2: int) -> float:
    """Standard error of the difference of two independent proportions."""
    p = (p1 * n1 + p2 * n2) / (n1 + n2)
    return math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


@pytest.fixture(scope="module")
def steady() -> tuple[Source, D]:
    return stationary_source()


@pytest.mark.parametrize("days", [28, 7])
def test_a_steady_business_shows_no_change_in_window_kpis(steady, days):
    source, last = steady
    assert metrics.last_data_day(source) == last
    start, end = last - dt.timedelta(days=days - 1), last
    prev = metrics.previous_period(start, end)
    c = cards(source, start, end)
    now, before = plain(source, start, end), plain(source, *prev)
    bases = {
        "first_order_conversion": (now["members"], before["members"]),
        "repurchase_rate": None,
        "repurchase_rate_7d": None,
    }
    first_buyers = _first_buyers(source, start, end), _first_buyers(source, *prev)
    bases["repurchase_rate"] = bases["repurchase_rate_7d"] = first_buyers
    for metric in WINDOW_KPIS:
        n1, n2 = bases[metric]
        value, previous = c.loc[metric, "value"], c.loc[metric, "previous"]
        noise = _noise(value, n1, previous, n2)
        # like for like: within three standard errors of zero …
        assert abs(c.loc[metric, "change"]) < 3 * noise, (metric, c.loc[metric].to_dict())
        # … where the naive comparison of the plain numbers reads as a drop (over 28 days
        # only 3 days of joiners lack their 3 days: too few to stand far out of the noise)
        if metric != "first_order_conversion" or days == 7:
            assert now[metric] - before[metric] < -3 * noise, (metric, now, before)
        # and people of the current period are still inside their window
        assert c.loc[metric, "pending"] > 0
    # counts of a steady business do not move either (a period inside the data is whole)
    assert abs(c.loc["members", "change"]) < 0.01


def _first_buyers(source: Source, start: D, end: D) -> int:
    df = read_sql(
        source,
        "select count(*) as n from person_facts where first_day between $start and $end",
        {"start": start, "end": end},
    )
    return int(df["n"].iloc[0])


def test_pending_on_the_steady_business_is_the_open_windows(steady):
    source, last = steady
    c = cards(source, last - dt.timedelta(days=27), last)
    # X = 3: the members who joined in the last 3 days (day 3 after L - 2 is L + 1)
    assert c.loc["first_order_conversion", "pending"] == 3 * JOINS_PER_DAY
    # Y = 7: the first buyers of the last 7 days
    assert c.loc["repurchase_rate_7d", "pending"] == _first_buyers(
        source, last - dt.timedelta(days=6), last
    )


# -- funnels ------------------------------------------------------------------------------
def test_member_funnel_says_who_is_still_inside_each_window():
    f = metrics.lookup("member_funnel")(SMALL, *P).set_index("step")
    # joined m4..m7; first order on day 0–3: m4 m5; nobody back within 7 days
    assert f["count"].tolist() == [4, 2, 0]
    # first_order: joined after 03-07 (day 3 after L): m5 m6 m7; repurchase: of m4 m5, the
    # first order after 03-03 (day 7 after L): both
    assert f["pending"].tolist() == [None, 3, 2]


def test_member_funnel_by_join_week_marks_the_weeks_with_open_windows():
    from siyu.metrics.funnels import open_windows

    f = metrics.lookup("member_funnel")(SMALL, D(2024, 2, 26), P[1], breakdown="join_week")
    # week of 02-26: m1 m2 m3 joined, m1 m3 converted (m2 on day 4), both came back; m3's
    # first order 03-04 has its day 7 on 03-11, after L: 1 pending at the repurchase step
    week1 = f[f["breakdown"] == "2024-02-26"].set_index("step")
    assert week1["count"].tolist() == [3, 2, 2]
    assert week1["pending"].tolist() == [None, 0, 1]
    week2 = f[f["breakdown"] == "2024-03-04"].set_index("step")
    assert week2["pending"].tolist() == [None, 3, 2]
    # a bar may still grow when its step or an earlier one has pending people
    keys = zip(f["breakdown"], f["step"], strict=True)
    flags = dict(zip(keys, open_windows(f), strict=True))
    assert not flags[("2024-02-26", "first_order")]
    assert flags[("2024-02-26", "repurchase")]
    assert flags[("2024-03-04", "first_order")] and flags[("2024-03-04", "repurchase")]


def test_aarrr_says_who_is_still_inside_the_activation_and_retention_windows():
    tables = dict(SMALL.tables)
    tables["activity"] = _frame(
        "user_id at kind",
        ("m4", "2024-03-05 10:00", "message"),  # day 0: activated
        ("m6", "2024-03-09 10:00", "message"),  # day 0: activated
    )
    a = metrics.lookup("aarrr")(Source(tables), *P).set_index("step")
    assert a.loc["activation", "count"] == 2
    # activation (X = 3): joined after 03-07: m5 m6 m7; retention (day 7): of m4 m6, both
    # joined after 03-03
    assert a.loc["activation", "pending"] == 3
    assert a.loc["retention", "pending"] == 2
    assert a.loc[["acquisition", "revenue", "referral"], "pending"].isna().all()


# -- retention ----------------------------------------------------------------------------
def test_retention_says_how_many_people_sit_in_cohorts_not_fully_observed():
    from siyu.metrics.retention import pending_people, seven_day_pending

    table = metrics.lookup("cohort_retention")(SMALL, D(2024, 2, 26), P[1], periods=8)
    # day cohorts 02-26 m1, 03-01 m2, 03-02 m3, 03-05 m4, 03-08 m5, 03-09 m6, 03-10 m7; day 7
    # is observed (on or before L = 03-10) for the cohorts up to 03-03: m4..m7 are not
    assert pending_people(table) == 4
    weeks = metrics.lookup("cohort_retention")(
        SMALL, D(2024, 2, 26), P[1], periods=8, grain="week", unit="day"
    )
    # week of 02-26 (latest start 03-02, day 7 = 03-09) is observed; week of 03-04 is not
    assert pending_people(weeks) == 4
    # the 7-day method needs day 36: nobody of this period has it by 03-10 (7 people)
    starts = metrics.lookup("cohort_retention")(SMALL, D(2024, 2, 26), P[1], periods=1)
    assert seven_day_pending(starts, D(2024, 3, 10)) == 7
    # … by 04-06 every start up to 03-01 has it (03-01 + 36 = 04-06): m3..m7 are left out
    assert seven_day_pending(starts, D(2024, 4, 6)) == 5
    assert seven_day_pending(starts, None) == 0


# -- leaderboards -------------------------------------------------------------------------
# P against prev again (L = 03-10: the previous period is read up to 03-03).
BOARDS = Source(
    {
        "members": _frame(
            "user_id joined_at inviter_id",
            ("a1", "2024-03-01 09:00", "I1"),  # first order 03-04: effective, after 03-03
            ("a2", "2024-03-01 10:00", "I1"),  # first order 03-05: effective, after 03-03
            ("a3", "2024-02-27 09:00", "I2"),  # first order 02-28: effective by 03-03
            ("c1", "2024-03-05 09:00", "I1"),  # first order 03-06
            ("c2", "2024-03-06 09:00", "I1"),  # first order 03-07
            ("c3", "2024-03-06 10:00", "I2"),  # first order 03-08
        ),
        "orders": _frame(
            "order_id user_id ordered_at amount status group_id",
            ("1", "a1", "2024-03-04 10:00", "10", "paid", "G1"),
            ("2", "a2", "2024-03-05 10:00", "10", "paid", "G1"),
            ("3", "a3", "2024-02-28 10:00", "10", "paid", "G2"),
            ("4", "c1", "2024-03-06 10:00", "10", "paid", "G1"),
            ("5", "c2", "2024-03-07 10:00", "10", "paid", "G1"),
            ("6", "c3", "2024-03-08 10:00", "10", "paid", "G2"),
            # group repurchase: p1 in G1 (first 02-27, back 03-05, after the read day), p2 in
            # G2 (first 02-28, back 03-01); q1 in G1 and q2 in G2 first buy in P and come back
            ("7", "p1", "2024-02-27 10:00", "10", "paid", "G1"),
            ("8", "p1", "2024-03-05 10:00", "10", "paid", "G1"),
            ("9", "p2", "2024-02-28 11:00", "10", "paid", "G2"),
            ("10", "p2", "2024-03-01 10:00", "10", "paid", "G2"),
            ("11", "q1", "2024-03-04 11:00", "10", "paid", "G1"),
            ("12", "q1", "2024-03-06 11:00", "10", "paid", "G1"),
            ("13", "q2", "2024-03-05 11:00", "10", "paid", "G2"),
            ("14", "q2", "2024-03-08 11:00", "10", "paid", "G2"),
            ("15", "x", "2024-03-10 20:00", "10", "cancelled", None),  # L = 03-10
        ),
    }
)


def test_inviter_rank_change_by_effective_invites_is_like_for_like():
    board = metrics.lookup("leaderboard_inviters")(BOARDS, *P, rank_by="effective_invites")
    b = board.set_index("user_id")
    # current: I1 c1 c2 = 2 effective (rank 1), I2 c3 = 1 (rank 2)
    assert b["effective_invites"].to_dict() == {"I1": 2, "I2": 1}
    # previous read up to 03-03: I1's a1 a2 had not bought yet (0), I2's a3 had (1): I2 was
    # first, I1 second; the plain previous period (I1 2, I2 1) would say nobody moved
    assert b["previous_rank"].to_dict() == {"I1": 2, "I2": 1}
    assert b["rank_change"].to_dict() == {"I1": "+1", "I2": "-1"}
    # ranked by invites (no window) the previous period is the plain one: I1 2, I2 1 both times
    plain_board = metrics.lookup("leaderboard_inviters")(BOARDS, *P).set_index("user_id")
    assert plain_board["rank_change"].to_dict() == {"I1": "0", "I2": "0"}


def test_group_rank_change_by_repurchase_rate_is_like_for_like():
    board = metrics.lookup("leaderboard_groups")(BOARDS, *P, rank_by="repurchase_rate", top="all")
    b = board.set_index("group_id")
    # current first buyers: G1 a1 a2 c1 c2 q1 (q1 back) = 1/5, G2 c3 q2 (q2 back) = 1/2
    assert b["repurchase_rate"].to_dict() == {"G1": pytest.approx(0.2), "G2": 0.5}
    # previous first buyers: G1 p1, G2 a3 p2; by 03-03 only p2 had come back: G1 0, G2 1/2
    # -> G2 was first then and is first now; the plain previous period (G1 1/1 first, G2
    # 1/2) would read as G2 +1, G1 -1
    assert b["previous_rank"].to_dict() == {"G2": 1, "G1": 2}
    assert b["rank_change"].to_dict() == {"G2": "0", "G1": "0"}


# -- incomplete periods in charts ---------------------------------------------------------
def test_periods_not_wholly_in_the_data_are_marked_incomplete():
    from siyu.metrics.overview import incomplete_periods

    # weeks of 02-26 … 03-17 with L = 03-10 (a Sunday): the week of 03-11 has no day of data
    weeks = metrics.timeseries(SMALL, D(2024, 2, 26), D(2024, 3, 17), grain="week")
    marked = incomplete_periods(weeks, "week", D(2024, 2, 26), D(2024, 3, 17), D(2024, 3, 10))
    assert marked["incomplete"].tolist() == [False, False, True]
    # a period starting on a Wednesday cuts its first week; L = 03-08 cuts the last one
    weeks = metrics.timeseries(SMALL, D(2024, 2, 28), D(2024, 3, 10), grain="week")
    marked = incomplete_periods(weeks, "week", D(2024, 2, 28), D(2024, 3, 10), D(2024, 3, 8))
    assert marked["incomplete"].tolist() == [True, True]
    days = metrics.timeseries(SMALL, D(2024, 3, 9), D(2024, 3, 11))
    marked = incomplete_periods(days, "day", D(2024, 3, 9), D(2024, 3, 11), D(2024, 3, 10))
    assert marked["incomplete"].tolist() == [False, False, True]


def test_event_funnel_weeks_stay_open_while_their_window_runs():
    from siyu.metrics.funnels import open_trend_weeks

    trend = pd.DataFrame({"week": [D(2024, 2, 19), D(2024, 2, 26), D(2024, 3, 4)]})
    # L = 03-10, window 7 days: the week of 02-26 (latest start 03-03, window to the end of
    # 03-10) is closed; the week of 03-04 (latest start 03-10) is open
    flags = open_trend_weeks(trend, D(2024, 3, 10), "7d", D(2024, 3, 10))
    assert flags.tolist() == [False, False, True]
    # an 8-day window keeps the week of 02-26 open one more day
    assert open_trend_weeks(trend, D(2024, 3, 10), "8d", D(2024, 3, 10)).tolist() == [
        False,
        True,
        True,
    ]
    # a 1-hour window of a period that ended on 03-08 has closed by the end of 03-10
    assert open_trend_weeks(trend, D(2024, 3, 8), "1h", D(2024, 3, 10)).tolist() == [
        False,
        False,
        False,
    ]


def test_charts_draw_incomplete_periods_hatched_and_dashed():
    from siyu.charts.funnels import funnel_breakdown
    from siyu.charts.series import bars_over_time, line_over_time

    frame = pd.DataFrame(
        {
            "period": [D(2024, 3, 4), D(2024, 3, 11), D(2024, 3, 18)],
            "gmv": [100.0, 120.0, 40.0],
            "new_members": [10, 12, 3],
            "incomplete": [False, False, True],
        }
    )
    bars = bars_over_time(
        frame,
        x="period",
        y="gmv",
        title="GMV",
        money=True,
        incomplete="incomplete",
        incomplete_label="未完",
    )
    bar = bars.data[0]
    assert list(bar.marker.pattern.shape) == ["", "", "/"]
    assert bar.marker.color[2] != bar.marker.color[0]  # lighter
    assert any(t.name == "未完" and t.showlegend for t in bars.data)  # a legend says why
    line = line_over_time(
        frame,
        x="period",
        y="new_members",
        title="新增",
        incomplete="incomplete",
        incomplete_label="未完",
    )
    solid = [t for t in line.data if t.mode == "lines" and t.line.dash is None]
    dashed = [
        t for t in line.data if t.mode == "lines" and t.line.dash == "dash" and t.name != "未完"
    ]
    # solid between complete weeks, dashed from the last complete one into the incomplete one
    assert list(solid[0].y) == [10, 12, None]
    assert list(dashed[0].y) == [None, 12, 3]
    markers = next(t for t in line.data if t.mode == "markers")
    assert list(markers.marker.symbol) == ["circle", "circle", "circle-open"]
    # without the column, the charts are as before: one trace
    assert len(bars_over_time(frame, x="period", y="gmv", title="GMV").data) == 1
    assert len(line_over_time(frame, x="period", y="new_members", title="新增").data) == 1
    split = pd.DataFrame(
        {
            "week": ["02-26", "03-04", "02-26", "03-04"],
            "rate": [0.5, 0.4, 0.2, 0.1],
            "step": ["a", "a", "b", "b"],
            "open": [False, True, True, True],
        }
    )
    fig = funnel_breakdown(
        split,
        x="week",
        y="rate",
        series="step",
        title="T",
        incomplete="open",
        incomplete_label="仍在观察期",
    )
    assert list(fig.data[0].marker.pattern.shape) == ["", "/"]
    assert list(fig.data[1].marker.pattern.shape) == ["/", "/"]


# -- the member funnel read like for like (the weekly report's "last week" column) ----------


def test_member_funnel_reads_the_previous_week_as_it_stood_n_days_ago():
    prev = (D(2024, 2, 26), D(2024, 3, 3))
    # all data: m1 (first 02-27 day 1, back 03-02), m3 (first 03-04 day 2, back 03-07) convert;
    # m2's first order on day 4 is too late for X = 3
    full = member_funnel(SMALL, *prev).set_index("step")
    assert full["count"].tolist() == [3, 2, 2]
    # as it stood on 03-03 (L - 7): m3's first order had not happened yet; pending against 03-03:
    # m2 (window to 03-04) and m3 (to 03-05) may still buy, m1 (first 02-27) may still come back
    read = member_funnel(SMALL, *prev, read_until=D(2024, 3, 3)).set_index("step")
    assert read["count"].tolist() == [3, 1, 1]
    assert read.loc["first_order", "pending"] == 2
    assert read.loc["repurchase", "pending"] == 1


def test_the_weekly_report_funnel_compares_last_week_at_the_same_age():
    from siyu import report

    text = report.build(SMALL, D(2024, 3, 6), "en")
    funnel = text.split('<section id="funnel">')[1].split("</section>")[0]
    last_week = re.findall(r'<td data-label="Last week"[^>]*>([^<]*)</td>', funnel)
    # last week's joined / first order / repurchase as they stood on 03-03, not 3 / 2 / 2
    assert last_week == ["3", "1", "1"]
    assert "2 first buyers are still inside their 7 days" in funnel
