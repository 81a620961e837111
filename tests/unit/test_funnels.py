"""Funnels (SPEC §4): member funnel, AARRR and the custom event funnel, pinned on tiny data.

Every expected number is worked out by hand in the comments next to the data.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from siyu.db import Source
from siyu.metrics import funnels, lookup
from siyu.metrics.funnels import FunnelOptionError

ROOT = Path(__file__).resolve().parents[2]
D = dt.date
ts = pd.Timestamp


def members(*rows) -> pd.DataFrame:
    """rows: (user_id, joined_at, channel, group_id, inviter_id, nickname, phone)."""
    cols = ["user_id", "joined_at", "channel", "group_id", "inviter_id", "nickname", "phone"]
    full = [tuple(r) + (None,) * (len(cols) - len(r)) for r in rows]
    df = pd.DataFrame(full, columns=cols)
    df["joined_at"] = pd.to_datetime(df["joined_at"])
    return df


def orders(*rows) -> pd.DataFrame:
    """rows: (order_id, user_id, ordered_at, amount, status, campaign)."""
    cols = ["order_id", "user_id", "ordered_at", "amount", "status", "campaign"]
    full = [tuple(r) + (None,) * (len(cols) - len(r)) for r in rows]
    df = pd.DataFrame(full, columns=cols)
    df["ordered_at"] = pd.to_datetime(df["ordered_at"])
    df["status"] = df["status"].fillna("paid")
    return df


def activity(*rows) -> pd.DataFrame:
    """rows: (user_id, at, kind)."""
    df = pd.DataFrame(rows, columns=["user_id", "at", "kind"])
    df["at"] = pd.to_datetime(df["at"])
    return df


# -- member funnel ---------------------------------------------------------------------------

# Period 2024-03-01 … 2024-03-07 (Friday to Thursday), X = 3, Y = 7.
MEMBERS = members(
    ("A", "2024-03-01 23:00", "ads", "G1", None, "张三丰", "13812345678"),
    ("B", "2024-03-01 08:00", "ads", "G1", None, "李四", "13900001111"),
    ("C", "2024-03-02 10:00", "store", "G2"),
    ("D", "2024-03-03 10:00", "store", "G2"),
    ("E", "2024-03-03 11:00", None, "G2"),
    ("F", "2024-02-20 10:00", "store", "G1"),  # joined before the period
    ("G", "2024-03-04 10:00", "store", "G1"),
)
ORDERS = orders(
    # A: first order on day 3 at 23:59 (the last minute of the window): converts after
    # 72 h 59 min = 72.983333 h; second order on 03-11 = day 7 after 03-04: repurchase after
    # 6 d 10 h 1 min = 154.016667 h
    ("a1", "A", "2024-03-04 23:59", 50, "paid", "7day"),
    ("a2", "A", "2024-03-11 10:00", 30, "paid", "flash_sale"),
    # B: first order at 00:00 on day 4: just outside the window
    ("b1", "B", "2024-03-05 00:00", 20),
    # C: first order the day before joining, so no conversion; the order after joining
    # does not replace it
    ("c1", "C", "2024-03-01 09:00", 10, "paid", "fission"),
    ("c2", "C", "2024-03-02 12:00", 10),
    # D: first order earlier on the join day (day 0, -1 h); second on day 8: no repurchase
    ("d1", "D", "2024-03-03 09:00", 10, "paid", "7day"),
    ("d2", "D", "2024-03-11 09:00", 10),
    # E: only a refund, a cancelled order and a 0-yuan claim: never a buyer
    ("e1", "E", "2024-03-03 12:00", 10, "refunded"),
    ("e2", "E", "2024-03-03 13:00", 10, "cancelled"),
    ("e3", "E", "2024-03-03 14:00", 0, "paid", "welfare"),
    # F: outside the period
    ("f1", "F", "2024-03-02 10:00", 10),
    # G: two orders at the same instant: g1 is first (order_id), g2 a repurchase after 0 h;
    # first order 2 h after joining
    ("g1", "G", "2024-03-04 12:00", 10, "paid", "7day"),
    ("g2", "G", "2024-03-04 12:00", 10),
)
PERIOD = (D(2024, 3, 1), D(2024, 3, 7))


def member_source() -> Source:
    return Source({"members": MEMBERS, "orders": ORDERS})


def as_dict(frame: pd.DataFrame, key: str = "step") -> dict:
    return {r[key]: r for r in frame.to_dict("records")}


def test_member_funnel_counts_conversions_and_median_hours():
    f = funnels.member_funnel(member_source(), *PERIOD)
    assert list(f.columns) == [
        "step",
        "count",
        "conversion_from_previous",
        "conversion_overall",
        "median_hours_to_convert",
        "pending",
    ]
    assert list(f["step"]) == ["joined", "first_order", "repurchase"]
    # joined A B C D E G = 6; first order A (day 3) D (day 0) G (day 0) = 3; repurchase A G = 2
    assert list(f["count"]) == [6, 3, 2]
    rows = as_dict(f)
    assert rows["joined"]["conversion_from_previous"] is None
    assert rows["joined"]["conversion_overall"] == 1.0
    assert rows["first_order"]["conversion_from_previous"] == pytest.approx(3 / 6)
    assert rows["repurchase"]["conversion_from_previous"] == pytest.approx(2 / 3)
    assert rows["repurchase"]["conversion_overall"] == pytest.approx(2 / 6)
    # median of 72.983333, -1, 2 hours = 2; of 154.016667 and 0 hours = 77.008333
    assert rows["joined"]["median_hours_to_convert"] is None
    assert rows["first_order"]["median_hours_to_convert"] == pytest.approx(2.0)
    assert rows["repurchase"]["median_hours_to_convert"] == pytest.approx(154.016667 / 2)


def test_member_funnel_windows_are_calendar_days_inclusive():
    # X = 4 lets B's order at 00:00 on day 4 in (B has no second order)
    f = funnels.member_funnel(member_source(), *PERIOD, x_days=4)
    assert list(f["count"]) == [6, 4, 2]
    # X = 2 drops A (first order on day 3)
    f = funnels.member_funnel(member_source(), *PERIOD, x_days=2)
    assert list(f["count"]) == [6, 2, 1]
    # Y = 6 drops A's repurchase on day 7; G's same-instant second order stays
    f = funnels.member_funnel(member_source(), *PERIOD, y_days=6)
    assert list(f["count"]) == [6, 3, 1]


def test_member_funnel_agrees_with_the_overview_first_order_conversion():
    k = lookup("kpis")(member_source(), *PERIOD)
    value = dict(zip(k["metric"], k["value"], strict=True))["first_order_conversion"]
    f = funnels.member_funnel(member_source(), *PERIOD)
    assert as_dict(f)["first_order"]["conversion_overall"] == pytest.approx(value)


def test_member_funnel_by_channel_puts_the_largest_first_and_unknown_last():
    f = funnels.member_funnel(member_source(), *PERIOD, breakdown="channel")
    assert list(f.columns)[:2] == ["breakdown", "step"]
    # store: C D G → first D G → repurchase G; ads: A B → A → A; unknown: E → 0 → 0
    assert list(f["breakdown"]) == ["store"] * 3 + ["ads"] * 3 + [None] * 3
    assert list(f["count"]) == [3, 2, 1, 2, 1, 1, 1, 0, 0]
    unknown = f[f["breakdown"].isna()]
    assert list(unknown["conversion_from_previous"]) == [None, 0.0, None]  # 0 / 0 undefined


def test_member_funnel_by_join_week_and_first_order_campaign():
    f = funnels.member_funnel(member_source(), *PERIOD, breakdown="join_week")
    # 03-01 (Fri) … 03-03 (Sun) are in the week of Monday 02-26; G joined Monday 03-04
    assert list(f["breakdown"]) == ["2024-02-26"] * 3 + ["2024-03-04"] * 3
    assert list(f["count"]) == [5, 2, 1, 1, 1, 1]
    f = funnels.member_funnel(member_source(), *PERIOD, breakdown="campaign")
    # campaign of the first paid order: A 7day, D 7day, G 7day, C fission (before joining),
    # B none (b1 has no campaign), E none (no paid order)
    by = {(r["breakdown"], r["step"]): r["count"] for r in f.to_dict("records")}
    assert by[("7day", "joined")] == 3 and by[("7day", "first_order")] == 3
    assert by[("7day", "repurchase")] == 2
    assert by[("fission", "joined")] == 1 and by[("fission", "first_order")] == 0
    assert by[(None, "joined")] == 2 and by[(None, "first_order")] == 0


def test_member_funnel_without_new_members_is_zeros_not_an_error():
    f = funnels.member_funnel(member_source(), D(2025, 1, 1), D(2025, 1, 31))
    assert list(f["count"]) == [0, 0, 0]
    assert f["conversion_overall"].isna().all()


def test_member_funnel_dropped_lists_who_missed_each_step_with_masked_contacts():
    d = funnels.member_funnel_dropped(member_source(), *PERIOD)
    # missed the first order: B C E (by join time); missed the repurchase: D
    assert list(zip(d["step"], d["user_id"], strict=True)) == [
        ("first_order", "B"),
        ("first_order", "C"),
        ("first_order", "E"),
        ("repurchase", "D"),
    ]
    b = d.iloc[0]
    assert (b["nickname"], b["phone"]) == ("李*", "139****1111")
    assert d.iloc[1]["first_order_at"] == ts("2024-03-01 09:00")
    only = funnels.member_funnel_dropped(member_source(), *PERIOD, step="repurchase")
    assert list(only["user_id"]) == ["D"]
    # with Y = 6, A (repurchase on day 7) drops out too
    wider = funnels.member_funnel_dropped(member_source(), *PERIOD, y_days=6, step="repurchase")
    assert list(wider["user_id"]) == ["A", "D"]


# -- AARRR -----------------------------------------------------------------------------------

# Five members join on Monday 2024-03-04 (day 0); period 03-04 … 03-10.
AARRR_MEMBERS = members(
    ("M1", "2024-03-04 09:00"),
    ("M2", "2024-03-04 09:00"),
    ("M3", "2024-03-04 09:00"),
    ("M4", "2024-03-04 09:00"),
    ("M5", "2024-03-04 09:00"),
    ("N1", "2024-03-20 09:00", None, None, "M1"),  # invited by M1 (after the period: counts)
    ("N2", "2024-03-05 09:00", None, None, "M5"),  # invited by M5
)
AARRR_ACTIVITY = activity(
    ("M1", "2024-03-06 10:00", "message"),  # day 2: activated
    ("M1", "2024-03-09 10:00", "like"),  # day 5: retained
    ("M2", "2024-03-04 10:00", "view"),  # day 0: activated, never retained
    ("M3", "2024-03-08 10:00", "message"),  # day 4: activated only with X >= 4
    ("M4", "2024-03-07 23:00", "checkin"),  # day 3: activated (window edge)
)
AARRR_ORDERS = orders(
    ("o1", "M1", "2024-03-10 10:00", 20),  # day 6: revenue
    ("o2", "M2", "2024-03-04 12:00", 20),  # day 0: revenue, but not retention (day 1–7)
    ("o4", "M4", "2024-03-11 20:00", 20),  # day 7: retention and revenue
    ("o5", "M5", "2024-03-06 20:00", 20),  # M5 never active
)


def aarrr_source() -> Source:
    return Source({"members": AARRR_MEMBERS, "orders": AARRR_ORDERS, "activity": AARRR_ACTIVITY})


def test_aarrr_is_nested_step_by_step():
    a = funnels.aarrr(aarrr_source(), D(2024, 3, 4), D(2024, 3, 10))
    assert list(a.columns) == ["step", "count", "pending"]
    assert list(a["step"]) == ["acquisition", "activation", "retention", "revenue", "referral"]
    # acquisition M1–M5 (N2 also joined in the period) = 6; activation M1 M2 M4 = 3;
    # retention M1 (day 5) M4 (order day 7) = 2; revenue M1 M4 = 2; referral M1 = 1
    # (M5 invited N2 but was never activated, so the nesting drops them)
    assert list(a["count"]) == [6, 3, 2, 2, 1]


def test_aarrr_activation_window_follows_x_days():
    a = funnels.aarrr(aarrr_source(), D(2024, 3, 4), D(2024, 3, 10), x_days=4)
    # M3's day-4 message activates them and also retains them (day 1–7); no order, no more
    assert list(a["count"]) == [6, 4, 3, 2, 1]


# -- custom event funnel ---------------------------------------------------------------------

WEEK = (D(2024, 3, 4), D(2024, 3, 10))


def event_source(acts=(), ords=(), mems=()) -> Source:
    tables = {}
    if acts:
        tables["activity"] = activity(*acts)
    if ords:
        tables["orders"] = orders(*ords)
    if mems:
        tables["members"] = members(*mems)
    return Source(tables)


def counts(frame: pd.DataFrame) -> list[int]:
    return list(frame["count"])


def test_event_funnel_output_columns_and_step_numbers():
    src = event_source(acts=[("u", "2024-03-04 10:00", "view"), ("u", "2024-03-04 11:00", "like")])
    f = funnels.event_funnel(src, *WEEK, steps="view,like")
    assert list(f.columns) == [
        "step",
        "event",
        "count",
        "mean_seconds_to_convert",
        "median_seconds_to_convert",
    ]
    assert list(f["step"]) == [1, 2]
    assert list(f["event"]) == ["view", "like"]
    assert counts(f) == [1, 1]
    assert f.loc[0, "mean_seconds_to_convert"] is None  # step 1 has no time
    assert f.loc[1, "median_seconds_to_convert"] == 3600.0


def test_a_repeated_event_needs_a_later_occurrence():
    src = event_source(
        ords=[
            ("p1", "P", "2024-03-04 10:00", 10),  # P: one order, stays at step 1
            ("q1", "Q", "2024-03-04 10:00", 10),  # Q: a second order 1 day later
            ("q2", "Q", "2024-03-05 10:00", 10),
            ("r1", "R", "2024-03-04 10:00", 10),  # R: the second one 8 days later (W = 7 d)
            ("r2", "R", "2024-03-12 10:00", 10),
        ]
    )
    f = funnels.event_funnel(src, *WEEK, steps="order,order", window="7d")
    assert counts(f) == [3, 1]
    assert f.loc[1, "mean_seconds_to_convert"] == 86400.0
    # R's order on 03-12 starts no attempt (after the period) but would fill step 2 if near
    f = funnels.event_funnel(src, *WEEK, steps="order,order", window="8d")
    assert counts(f) == [3, 2]


def test_the_window_is_inclusive_in_every_unit():
    src = event_source(
        acts=[
            ("S", "2024-03-04 10:00:00", "view"),
            ("S", "2024-03-04 12:00:00", "message"),  # exactly 2 h after: in
            ("T", "2024-03-04 10:00:00", "view"),
            ("T", "2024-03-04 12:00:01", "message"),  # 2 h 1 s after: out
        ]
    )
    for window in ("2h", "120m"):
        assert counts(funnels.event_funnel(src, *WEEK, steps="view,message", window=window)) == [
            2,
            1,
        ]
    assert counts(funnels.event_funnel(src, *WEEK, steps="view,message", window="1d")) == [2, 2]


def test_strict_order_is_broken_by_any_other_event():
    src = event_source(
        acts=[
            ("U", "2024-03-04 10:00", "view"),
            ("U", "2024-03-04 10:05", "like"),  # breaks U's strict attempt before step 2
            ("U", "2024-03-04 10:10", "message"),
            ("V", "2024-03-04 10:00", "view"),
            ("V", "2024-03-04 10:10", "message"),
            ("W", "2024-03-04 10:00", "view"),
            ("W", "2024-03-04 10:10", "message"),
            ("W", "2024-03-04 10:15", "like"),  # breaks W before step 3
        ],
        ords=[
            ("u1", "U", "2024-03-04 11:00", 10),
            ("v1", "V", "2024-03-04 11:00", 10),
            ("w1", "W", "2024-03-04 11:00", 10),
        ],
    )
    steps = "view,message,order"
    assert counts(funnels.event_funnel(src, *WEEK, steps=steps, order="ordered")) == [3, 3, 3]
    strict = funnels.event_funnel(src, *WEEK, steps=steps, order="strict")
    assert counts(strict) == [3, 2, 1]
    # step 2 (10 min for V and W), step 3 (V: 50 min)
    assert strict.loc[1, "mean_seconds_to_convert"] == 600.0
    assert strict.loc[2, "median_seconds_to_convert"] == 3000.0


def test_any_order_counts_the_steps_done_in_the_window_whatever_their_order():
    src = event_source(
        acts=[
            ("O", "2024-03-04 11:00", "message"),
            ("O", "2024-03-04 12:00", "view"),
        ],
        ords=[("o1", "O", "2024-03-04 10:00", 10)],
    )
    ordered = funnels.event_funnel(src, *WEEK, steps="view,message,order")
    assert counts(ordered) == [1, 0, 0]  # the view comes last
    anyorder = funnels.event_funnel(src, *WEEK, steps="view,message,order", order="unordered")
    assert counts(anyorder) == [1, 1, 1]
    # order 10:00 → message 11:00 → view 12:00: 1 h and 1 h
    assert list(anyorder["mean_seconds_to_convert"]) == [None, 3600.0, 3600.0]
    # the same kind twice needs two occurrences: O has one order
    twice = funnels.event_funnel(src, *WEEK, steps="order,view,order", order="any")
    assert counts(twice) == [1, 1, 0]


def test_an_exclusion_between_steps_drops_the_attempt_and_the_person():
    src = event_source(
        acts=[
            ("X", "2024-03-04 10:00", "view"),
            ("X", "2024-03-04 10:30", "like"),  # between step 1 and 2: X is dropped
            ("Y", "2024-03-04 10:00", "view"),
            ("Y", "2024-03-04 12:00", "like"),  # after step 2: no effect
            ("Z", "2024-03-04 09:00", "view"),
            ("Z", "2024-03-04 09:30", "like"),  # excludes Z's first attempt only
            ("Z", "2024-03-04 10:00", "view"),  # a clean attempt reaching step 2 as well
        ],
        ords=[
            ("x1", "X", "2024-03-04 11:00", 10),
            ("y1", "Y", "2024-03-04 11:00", 10),
            ("z1", "Z", "2024-03-04 11:00", 10),
        ],
    )
    plain = funnels.event_funnel(src, *WEEK, steps="view,order")
    assert counts(plain) == [3, 3]
    f = funnels.event_funnel(src, *WEEK, steps="view,order", exclude="like:1-2")
    assert counts(f) == [2, 2]  # X is gone from step 1 too
    assert f.loc[1, "mean_seconds_to_convert"] == 3600.0  # Y 1 h, Z (10:00 → 11:00) 1 h
    dropped = funnels.event_funnel_dropped(src, *WEEK, steps="view,order", exclude="like:1-2")
    assert dropped.empty  # dropped by the exclusion means out of the funnel, not "dropped off"


def test_furthest_step_over_attempts_takes_times_from_the_attempt_that_reached_it_first():
    src = event_source(
        acts=[
            # K: the first attempt stops at step 2, the second goes to step 3
            ("K", "2024-03-04 10:00", "view"),
            ("K", "2024-03-04 11:00", "message"),
            ("K", "2024-03-06 10:00", "view"),
            ("K", "2024-03-06 12:00", "message"),
            # L: two views, one message: both attempts reach step 2 with the same message;
            # the later-started one gives the time (1 h), as in PostHog
            ("L", "2024-03-04 09:00", "view"),
            ("L", "2024-03-04 10:00", "view"),
            ("L", "2024-03-04 11:00", "message"),
            # M: attempt 1 reaches step 2 at 09:00 (1 h), attempt 2 at 10:30 (30 min): the
            # first to reach it gives the time
            ("M", "2024-03-04 08:00", "view"),
            ("M", "2024-03-04 09:00", "message"),
            ("M", "2024-03-04 10:00", "view"),
            ("M", "2024-03-04 10:30", "message"),
        ],
        ords=[
            ("k1", "K", "2024-03-05 12:00", 10),  # 26 h after K's first view: out of 1 d
            ("k2", "K", "2024-03-06 15:00", 10),
        ],
    )
    f = funnels.event_funnel(src, *WEEK, steps="view,message,order", window="1d")
    assert counts(f) == [3, 3, 1]
    # step 2: K 2 h (second attempt), L 1 h, M 1 h → mean 4800 s, median 3600 s
    assert f.loc[1, "mean_seconds_to_convert"] == 4800.0
    assert f.loc[1, "median_seconds_to_convert"] == 3600.0
    # step 3: K 12:00 → 15:00
    assert f.loc[2, "mean_seconds_to_convert"] == 10800.0
    dropped = funnels.event_funnel_dropped(src, *WEEK, steps="view,message,order", window="1d")
    assert list(zip(dropped["user_id"], dropped["step"], strict=True)) == [("M", 3), ("L", 3)]
    assert list(dropped["reached"]) == [2, 2]


def test_a_new_step_one_restarts_the_attempt_and_its_clock():
    src = event_source(
        acts=[
            ("N", "2024-03-04 10:00", "view"),
            ("N", "2024-03-05 09:00", "view"),
        ],
        ords=[
            ("n1", "N", "2024-03-05 20:00", 10)
        ],  # 34 h after the first view, 11 h after the second
    )
    f = funnels.event_funnel(src, *WEEK, steps="view,order", window="1d")
    assert counts(f) == [1, 1]
    assert f.loc[1, "mean_seconds_to_convert"] == 11 * 3600.0


def test_counting_conversions_counts_every_attempt():
    src = event_source(
        acts=[
            ("P", "2024-03-04 10:00", "view"),
            ("P", "2024-03-04 11:00", "view"),
        ],
        ords=[("p1", "P", "2024-03-04 12:00", 10)],
    )
    people = funnels.event_funnel(src, *WEEK, steps="view,order")
    assert counts(people) == [1, 1]
    conversions = funnels.event_funnel(src, *WEEK, steps="view,order", count="conversions")
    assert counts(conversions) == [2, 2]
    assert conversions.loc[1, "mean_seconds_to_convert"] == 5400.0  # 2 h and 1 h


def test_join_and_order_events_and_the_period_bounds_step_one_only():
    src = event_source(
        mems=[
            ("J1", "2024-03-03 23:00"),  # joined the day before the period: no attempt
            ("J2", "2024-03-10 23:00"),  # last day of the period; orders after it count
            ("J3", "2024-03-05 10:00"),
        ],
        ords=[
            ("j1", "J1", "2024-03-04 10:00", 10),
            ("j2", "J2", "2024-03-11 08:00", 10),
            ("j3", "J3", "2024-03-05 11:00", 0),  # 0 yuan is not an order
            ("j4", "J3", "2024-03-06 11:00", 10, "refunded"),  # nor is a refund
        ],
    )
    f = funnels.event_funnel(src, *WEEK, steps="join,order")
    assert counts(f) == [2, 1]
    assert f.loc[1, "mean_seconds_to_convert"] == 9 * 3600.0


def test_trend_by_week_of_step_one():
    src = event_source(
        acts=[
            ("A", "2024-03-04 10:00", "view"),  # week of 03-04: converts
            ("B", "2024-03-05 10:00", "view"),  # week of 03-04: does not
            ("A", "2024-03-11 10:00", "view"),  # week of 03-11: A again, converts
        ],
        ords=[("a1", "A", "2024-03-04 12:00", 10), ("a2", "A", "2024-03-11 12:00", 10)],
    )
    trend = funnels.event_funnel_trend(src, D(2024, 3, 4), D(2024, 3, 17), steps="view,order")
    assert list(trend.columns) == ["week", "entered", "converted", "conversion"]
    assert list(trend["week"]) == [D(2024, 3, 4), D(2024, 3, 11)]
    assert list(trend["entered"]) == [2, 1]
    assert list(trend["converted"]) == [1, 1]
    assert list(trend["conversion"]) == [0.5, 1.0]


def test_event_funnel_dropped_people_are_masked():
    src = event_source(
        acts=[("U1", "2024-03-04 10:00", "view"), ("U2", "2024-03-04 11:00", "message")],
        mems=[("U1", "2024-03-01 10:00", None, None, None, "王小明", "13712345678")],
    )
    d = funnels.event_funnel_dropped(src, *WEEK, steps="view,message")
    assert list(d.columns) == [
        "step",
        "user_id",
        "reached",
        "started_at",
        "reached_at",
        "nickname",
        "phone",
    ]
    assert d.iloc[0][["user_id", "step", "nickname", "phone"]].tolist() == [
        "U1",
        2,
        "王**",
        "137****5678",
    ]


@pytest.mark.parametrize(
    ("options", "key"),
    [
        ({"steps": "view,bogus"}, "funnels.error.unknown_event"),
        ({"steps": ""}, "funnels.error.no_steps"),
        ({"steps": None}, "funnels.error.no_steps"),
        ({"steps": "view"}, "funnels.error.too_few_steps"),
        ({"steps": "view,,view"}, "funnels.error.empty_step"),
        ({"steps": ",".join(["view"] * 11)}, "funnels.error.too_many_steps"),
        ({"steps": "view,view", "window": 0}, "funnels.error.zero_window"),
        ({"steps": "view,view", "window": "0h"}, "funnels.error.zero_window"),
        ({"steps": "view,view", "window": "7w"}, "funnels.error.bad_window"),
        ({"steps": "view,view", "order": "random"}, "funnels.error.bad_order"),
        ({"steps": "view,view", "count": "events"}, "funnels.error.bad_count"),
        ({"steps": "view,view", "exclude": "like:2-1"}, "funnels.error.bad_exclude_steps"),
        ({"steps": "view,view", "exclude": "like:1-3"}, "funnels.error.bad_exclude_steps"),
        ({"steps": "view,view", "exclude": "like"}, "funnels.error.bad_exclude"),
        ({"steps": "view,view", "exclude": "bogus:1-2"}, "funnels.error.unknown_event"),
    ],
)
def test_bad_event_funnel_options_get_a_clear_message(options, key):
    src = event_source(acts=[("u", "2024-03-04 10:00", "view")])
    with pytest.raises(FunnelOptionError) as err:
        funnels.event_funnel(src, *WEEK, **options)
    assert err.value.key == key
    assert "funnels.error" not in err.value.message("zh-Hans")  # a real sentence
    assert str(err.value) == err.value.message("en")


def test_join_needs_members_and_says_which_events_exist():
    src = event_source(acts=[("u", "2024-03-04 10:00", "view")])
    with pytest.raises(FunnelOptionError, match="join") as err:
        funnels.event_funnel(src, *WEEK, steps="join,view")
    assert err.value.params["known"] == "view"


def test_window_and_exclusion_syntax():
    assert funnels.parse_window("30m") == 1800
    assert funnels.parse_window("12h") == 43200
    assert funnels.parse_window("7d") == 604800
    assert funnels.parse_window(7) == 604800  # a bare number means days
    assert funnels.parse_exclusions("view:1-2, share : 2-3", 3) == [
        ("view", 1, 2),
        ("share", 2, 3),
    ]
    assert funnels.parse_order("any order") == "unordered"


def test_event_log_csv_replaces_the_dataset(tmp_path):
    log = tmp_path / "events.csv"
    log.write_text(
        "user_id,event,at\n"
        "007,signup,2024-03-04 10:00:00\n"
        "007,purchase,2024-03-04 10:30:00\n"
        "008,signup,2024-03-04 11:00:00\n",
        encoding="utf-8",
    )
    src = event_source(acts=[("u", "2024-03-04 10:00", "view")])  # ignored
    f = funnels.event_funnel(src, *WEEK, steps="signup,purchase", events=str(log))
    assert counts(f) == [2, 1]
    assert f.loc[1, "mean_seconds_to_convert"] == 1800.0
    d = funnels.event_funnel_dropped(src, *WEEK, steps="signup,purchase", events=str(log))
    assert list(d["user_id"]) == ["008"]  # leading zeros kept


# -- CLI -------------------------------------------------------------------------------------


def siyu(*args: str, ws: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "--lang", "en", *args, "--workspace", str(ws)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def rows(out: str) -> list[list[str]]:
    return [line.split(",") for line in out.strip().splitlines()]


def test_cli_member_funnel_aarrr_and_event_funnel_on_the_demo(demo_root):
    ws = demo_root
    from siyu.workspace import Workspace

    source = Workspace(ws).source("demo")
    period = ("--start", "2026-10-01", "--end", "2026-10-28")
    start, end = D(2026, 10, 1), D(2026, 10, 28)

    out = rows(siyu("metric", "funnel", "--dataset", "demo", *period, ws=ws).stdout)
    assert out[0] == [
        "step",
        "count",
        "conversion_from_previous",
        "conversion_overall",
        "median_hours_to_convert",
        "pending",
    ]
    assert [r[0] for r in out[1:]] == ["joined", "first_order", "repurchase"]
    expected = funnels.member_funnel(source, start, end)
    assert [int(r[1]) for r in out[1:]] == list(expected["count"])
    assert out[1][2] == "" and out[1][4] == ""  # undefined on the first step

    out = rows(
        siyu(
            "metric",
            "member_funnel",
            "--dataset",
            "demo",
            *period,
            "--set",
            "x_days=1",
            "--set",
            "breakdown=channel",
            ws=ws,
        ).stdout
    )
    assert out[0][:2] == ["breakdown", "step"]
    by_channel = funnels.member_funnel(source, start, end, x_days=1, breakdown="channel")
    assert [int(r[2]) for r in out[1:]] == list(by_channel["count"])

    out = rows(siyu("metric", "aarrr", "--dataset", "demo", *period, ws=ws).stdout)
    assert out[0] == ["step", "count", "pending"]
    assert [r[0] for r in out[1:]] == list(funnels.AARRR_STEPS)
    assert [int(r[1]) for r in out[1:]] == list(funnels.aarrr(source, start, end)["count"])

    args = ["--set", "steps=join,message,order", "--set", "window=3d", "--set", "order=strict"]
    out = rows(siyu("metric", "event-funnel", "--dataset", "demo", *period, *args, ws=ws).stdout)
    assert out[0] == [
        "step",
        "event",
        "count",
        "mean_seconds_to_convert",
        "median_seconds_to_convert",
    ]
    assert [r[:2] for r in out[1:]] == [["1", "join"], ["2", "message"], ["3", "order"]]
    assert out[1][3:] == ["", ""]
    ef = funnels.event_funnel(
        source, start, end, steps="join,message,order", window="3d", order="strict"
    )
    assert [int(r[2]) for r in out[1:]] == list(ef["count"])
    assert int(out[1][2]) > int(out[2][2]) > 0


def test_cli_event_funnel_reads_an_event_log_and_refuses_bad_options(demo_root, tmp_path):
    log = tmp_path / "events.csv"
    log.write_text(
        "user_id,event,at\n"
        "1,view,2024-03-04 10:00:00\n"
        "1,view,2024-03-04 10:05:00\n"
        "1,buy,2024-03-04 11:00:00\n"
        "2,view,2024-03-04 10:00:00\n",
        encoding="utf-8",
    )
    base = ["metric", "event-funnel", "--dataset", "demo", "--start", "2024-03-04"]
    base += ["--end", "2024-03-10", "--set", f"events={log}"]
    out = rows(siyu(*base, "--set", "steps=view,buy", ws=demo_root).stdout)
    # people: 1 reaches buy (55 min from the 10:05 view), 2 does not
    assert out[1:] == [["1", "view", "2", "", ""], ["2", "buy", "1", "3300", "3300"]]
    out = rows(
        siyu(*base, "--set", "steps=view,buy", "--set", "count=conversions", ws=demo_root).stdout
    )
    assert out[1][2] == "3" and out[2][2] == "2"  # 3 views start attempts; 2 reach buy

    bad = siyu(*base, "--set", "steps=view,nope", ws=demo_root, check=False)
    assert bad.returncode != 0
    assert "There is no event “nope”" in bad.stderr
    bad = siyu(*base, "--set", "steps=view,buy", "--set", "window=0m", ws=demo_root, check=False)
    assert bad.returncode != 0
    assert "must be above 0" in bad.stderr
    assert "Traceback" not in bad.stderr
