"""Group health (`siyu.metrics.groups`), pinned to hand-computed values on tiny datasets.

Days used below (2024 is a leap year): C = Mon 2024-03-04, D = Tue 2024-03-05; the period is
[C, D] unless a test says otherwise. The latest order is on D, so the last day of data is D
(as_of = 2024-03-06).

Fixture H (members, activity, orders); ids are text with leading zeros:
    001  G1   joined 03-01                     message G1 C 23:59:59; message G1 D 10:00
    002  G1   joined D 09:00 (joined that day) view G1 D 11:00 (view only: active, not
                                               interactive)
    003  G1   joined 03-01, left C 18:00       checkin G1 C 08:00; paid order D 09:00
              (left the day before D)          (neither counts: not in the domain)
    004  G1   joined 03-01                     message in G2 D 12:00, like in G1 D 13:00
                                               (active in two groups: counts in G1)
    005  G2   joined 03-01                     paid order 50.00 D 20:00 (active, converting)
    006  G2   joined 03-01                     view 03-02 09:00; paid order 20.00 C 00:00:00
    007  --   joined 03-01 (in no group)       activity without group or kind D 14:00
    008  G2   joined 03-01                     message without group D 15:00 (counts in G2)
    010  G2   joined 03-01                     like G2 03-03 20:00; refunded order D,
                                               0-yuan paid order D (no purchase)
    900  not a member                          message G1 D 16:00 (a message, never active)
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source
from siyu.metrics import groups
from siyu.metrics.base import count, day
from tests.helpers import read_sql

D = dt.date
DT = dt.datetime
C_DAY, D_DAY = D(2024, 3, 4), D(2024, 3, 5)
P = (C_DAY, D_DAY)
ROOT = Path(__file__).resolve().parents[2]


def frame(columns: str, *rows: tuple) -> pd.DataFrame:
    """A DataFrame from a column list and rows; timestamps given as 'YYYY-MM-DD HH:MM[:SS]'."""
    names = columns.split()
    df = pd.DataFrame(
        [dict(zip(names, row, strict=True)) for row in rows], columns=names, dtype=object
    )
    for col in ("ordered_at", "joined_at", "left_at", "at", "stat_date"):
        if col in df:
            df[col] = pd.to_datetime(df[col], format="ISO8601")
    return df


MEMBERS_H = frame(
    "user_id joined_at left_at group_id nickname phone",
    ("001", "2024-03-01 10:00", None, "G1", "张三丰", "138****1234"),
    ("002", "2024-03-05 09:00", None, "G1", "李四", "139****0002"),
    ("003", "2024-03-01 10:00", "2024-03-04 18:00", "G1", "王五", None),
    ("004", "2024-03-01 10:00", None, "G1", "赵六", None),
    ("005", "2024-03-01 10:00", None, "G2", "钱七", "137****0005"),
    ("006", "2024-03-01 10:00", None, "G2", "孙八", None),
    ("007", "2024-03-01 10:00", None, None, "周九", None),
    ("008", "2024-03-01 10:00", None, "G2", "吴十", None),
    ("010", "2024-03-01 10:00", None, "G2", "郑十一", None),
)
ACTIVITY_H = frame(
    "user_id at group_id kind",
    ("001", "2024-03-04 23:59:59", "G1", "message"),
    ("001", "2024-03-05 10:00", "G1", "message"),
    ("002", "2024-03-05 11:00", "G1", "view"),
    ("003", "2024-03-04 08:00", "G1", "checkin"),
    ("004", "2024-03-05 12:00", "G2", "message"),
    ("004", "2024-03-05 13:00", "G1", "like"),
    ("006", "2024-03-02 09:00", "G2", "view"),
    ("007", "2024-03-05 14:00", None, None),
    ("008", "2024-03-05 15:00", None, "message"),
    ("010", "2024-03-03 20:00", "G2", "like"),
    ("900", "2024-03-05 16:00", "G1", "message"),
)
ORDERS_H = frame(
    "order_id user_id ordered_at amount status",
    ("o1", "005", "2024-03-05 20:00", "50.00", "paid"),
    ("o2", "003", "2024-03-05 09:00", "30.00", "paid"),
    ("o3", "010", "2024-03-05 10:00", "80.00", "refunded"),
    ("o4", "010", "2024-03-05 11:00", "0.00", "paid"),
    ("o5", "006", "2024-03-04 00:00:00", "20.00", "paid"),
)


def source_h(**extra: pd.DataFrame) -> Source:
    return Source({"members": MEMBERS_H, "activity": ACTIVITY_H, "orders": ORDERS_H, **extra})


def rows(df: pd.DataFrame, key: str = "group_id") -> dict:
    return {(r[key], r["date"]): r for r in df.to_dict("records")}


# -- group health from members -------------------------------------------------------------


def test_group_health_columns_are_the_cli_contract():
    df = groups.group_health(source_h(), *P)
    assert list(df.columns) == [
        "group_id",
        "date",
        "members",
        "active",
        "daily_active_rate",
        "interaction_rate",
        "conversion_rate",
        "messages",
    ]
    # G1, G2 and the members in no group (an empty group_id, last), each on C and D
    assert [(r["group_id"], r["date"]) for r in df.to_dict("records")] == [
        ("G1", C_DAY),
        ("G1", D_DAY),
        ("G2", C_DAY),
        ("G2", D_DAY),
        (None, C_DAY),
        (None, D_DAY),
    ]


def test_group_health_day_with_join_leave_view_only_and_two_groups():
    r = rows(groups.group_health(source_h(), *P))
    # G1 on D: in the domain 001, 002 (joined that day), 004; not 003 (left on C) -> 3.
    # Active: 001 (message), 002 (view), 004 (like in G1, message in G2) -> 3.
    # Interactive: 001, 004 (002 only viewed) -> 2. Converting: none (003's order is after
    # leaving). Messages in G1: 001's and 900's (not a member, still a message) -> 2.
    g1 = r[("G1", D_DAY)]
    assert (g1["members"], g1["active"], g1["messages"]) == (3, 3, 2)
    assert g1["daily_active_rate"] == 1.0  # 3 / 3
    assert g1["interaction_rate"] == pytest.approx(2 / 3)
    assert g1["conversion_rate"] == 0.0  # 0 / 3
    # G2 on D: 005, 006, 008, 010 -> 4; active 005 (order 50.00), 008 (message) -> 2;
    # interactive 008 -> 1; converting 005 -> 1 (010's refunded and 0-yuan orders are no
    # purchase). Messages: 004's message sent in G2 + 008's message naming no group (counted
    # in 008's main group G2) -> 2.
    g2 = r[("G2", D_DAY)]
    assert (g2["members"], g2["active"], g2["messages"]) == (4, 2, 2)
    assert g2["daily_active_rate"] == 0.5  # 2 / 4
    assert g2["interaction_rate"] == 0.5  # 1 / 2
    assert g2["conversion_rate"] == 0.5  # 1 / 2
    # In no group on D: 007, active with an activity of no kind (interactive, a message).
    none = r[(None, D_DAY)]
    assert (none["members"], none["active"], none["messages"]) == (1, 1, 1)
    assert (none["daily_active_rate"], none["interaction_rate"], none["conversion_rate"]) == (
        1.0,
        1.0,
        0.0,
    )


def test_group_health_day_before_a_member_joins_and_the_day_one_leaves():
    r = rows(groups.group_health(source_h(), *P))
    # G1 on C: 001, 004 (002 joins on D; 003 left on C, so C no longer counts) -> 2;
    # active 001 (message at 23:59:59, still C) -> 1; 003's checkin does not count.
    g1 = r[("G1", C_DAY)]
    assert (g1["members"], g1["active"], g1["messages"]) == (2, 1, 1)
    assert (g1["daily_active_rate"], g1["interaction_rate"], g1["conversion_rate"]) == (
        0.5,
        1.0,
        0.0,
    )
    # G2 on C: 4 members; 006's order at 00:00:00 on C -> active 1, converting 1, not
    # interactive.
    g2 = r[("G2", C_DAY)]
    assert (g2["members"], g2["active"], g2["messages"]) == (4, 1, 0)
    assert (g2["daily_active_rate"], g2["interaction_rate"], g2["conversion_rate"]) == (
        0.25,
        0.0,
        1.0,
    )
    # No group on C: 007 not active -> rate 0, interaction and conversion undefined.
    none = r[(None, C_DAY)]
    assert (none["members"], none["active"], none["daily_active_rate"]) == (1, 0, 0.0)
    assert none["interaction_rate"] is None and none["conversion_rate"] is None


def test_group_health_values_have_the_house_types():
    r = rows(groups.group_health(source_h(), *P))[("G1", D_DAY)]
    assert type(r["members"]) is int and type(r["messages"]) is int
    assert type(r["daily_active_rate"]) is float
    assert type(r["date"]) is dt.date


def test_group_health_stops_at_the_last_day_of_data():
    # the last order is on D: days after it are not counted (as on the overview)
    df = groups.group_health(source_h(), C_DAY, D(2024, 3, 10))
    assert max(df["date"]) == D_DAY


def test_all_groups_total_is_the_overview_daily_rates():
    total = groups.group_health_total(source_h(), *P)
    assert list(total["date"]) == [C_DAY, D_DAY]
    c, d = total.to_dict("records")
    # C: members 2 + 4 + 1 = 7, active 1 + 1 + 0 = 2, interactive 1, converting 1, messages 1
    assert (c["members"], c["active"], c["messages"]) == (7, 2, 1)
    assert c["daily_active_rate"] == pytest.approx(2 / 7)
    assert (c["interaction_rate"], c["conversion_rate"]) == (0.5, 0.5)
    # D: members 3 + 4 + 1 = 8, active 3 + 2 + 1 = 6, interactive 2 + 1 + 1 = 4,
    # converting 1, messages 2 + 2 + 1 = 5
    assert (d["members"], d["active"], d["messages"]) == (8, 6, 5)
    assert d["daily_active_rate"] == 0.75
    assert d["interaction_rate"] == pytest.approx(4 / 6)
    assert d["conversion_rate"] == pytest.approx(1 / 6)
    # the overview's period values are the plain means of these daily rates
    kpis = metrics.kpis(source_h(), *P)
    k = dict(zip(kpis["metric"], kpis["value"], strict=True))
    assert k["daily_active_rate"] == pytest.approx((2 / 7 + 0.75) / 2)
    assert k["interaction_rate"] == pytest.approx((0.5 + 4 / 6) / 2)
    assert k["conversion_rate"] == pytest.approx((0.5 + 1 / 6) / 2)
    summary = groups.group_summary(source_h(), *P)
    all_row = summary.iloc[0]
    assert all_row["is_total"]
    for rate in groups.RATES:
        assert all_row[rate] == pytest.approx(k[rate])


def test_group_summary_sorts_the_group_most_below_target_first():
    s = groups.group_summary(source_h(), *P)
    assert list(s["group_id"]) == [None, "G1", "G2", None]  # total, G1, G2, no group
    g1, g2, none = (s.iloc[i].to_dict() for i in (1, 2, 3))
    # G1: DAR mean (0.5 + 1) / 2 = 0.75, IR (1 + 2/3) / 2 = 5/6, CR (0 + 0) / 2 = 0;
    # shortfall: only CR misses, by 1 - 0 / 0.05 = 1. Size on D: 3. Messages 1 + 2 = 3.
    assert g1["daily_active_rate"] == 0.75
    assert g1["interaction_rate"] == pytest.approx(5 / 6)
    assert g1["conversion_rate"] == 0.0
    assert (g1["size"], g1["messages"], g1["defined_days"], g1["shortfall"]) == (3, 3, 2, 1.0)
    # G2: DAR (0.25 + 0.5) / 2 = 0.375, IR (0 + 0.5) / 2 = 0.25, CR (1 + 0.5) / 2 = 0.75:
    # every target met, shortfall 0.
    assert (g2["daily_active_rate"], g2["interaction_rate"], g2["conversion_rate"]) == (
        0.375,
        0.25,
        0.75,
    )
    assert (g2["size"], g2["messages"], g2["shortfall"]) == (4, 2, 0.0)
    # No group: DAR (0 + 1) / 2 = 0.5, IR only D: 1, CR only D: 0 -> shortfall 1; listed
    # after the groups whatever its shortfall.
    assert (none["daily_active_rate"], none["interaction_rate"], none["conversion_rate"]) == (
        0.5,
        1.0,
        0.0,
    )
    assert (none["size"], none["shortfall"], none["oversize"]) == (1, 1.0, False)
    assert s["name"].tolist() == [None, None, None, None]  # no groups table


def test_a_shortfall_on_two_rates_ranks_above_one():
    # Two groups of one member each on C only. G1: active by a view (IR 0 -> shortfall 1,
    # CR 0 -> 1; total 2). G2: active by a message (IR 1, CR 0 -> 1; total 1).
    members = frame(
        "user_id joined_at group_id",
        ("1", "2024-03-01 10:00", "G2"),
        ("2", "2024-03-01 10:00", "G1"),
    )
    activity = frame(
        "user_id at group_id kind",
        ("1", "2024-03-04 10:00", "G2", "message"),
        ("2", "2024-03-04 10:00", "G1", "view"),
    )
    orders = frame(
        "order_id user_id ordered_at amount status", ("x", "9", "2024-03-04 10:00", "1", "paid")
    )
    s = groups.group_summary(
        Source({"members": members, "activity": activity, "orders": orders}), C_DAY, C_DAY
    )
    assert list(s["group_id"]) == [None, "G1", "G2"]
    # total: 2 members, 2 active -> DAR 1, IR 1/2 (met), CR 0 -> shortfall 1
    assert list(s["shortfall"]) == [1.0, 2.0, 1.0]


def test_groups_over_200_members_are_flagged_for_a_split():
    # On 03-01 G3 holds 201 members and G4 exactly 200: only G3 is above the limit. (Without
    # orders the last day of data is the last join day, 03-01.)
    ids = [(f"a{i:03d}", "2024-03-01 10:00", "G3") for i in range(201)]
    ids += [(f"b{i:03d}", "2024-03-01 10:00", "G4") for i in range(200)]
    members = frame("user_id joined_at group_id", *ids)
    s = groups.group_summary(Source({"members": members}), D(2024, 3, 1), C_DAY)
    flags = dict(zip(s["group_id"], zip(s["size"], s["oversize"], strict=True), strict=True))
    assert flags["G3"] == (201, True)
    assert flags["G4"] == (200, False)
    assert flags[None] == (401, False)  # the total is never flagged


def test_group_names_come_from_the_groups_table():
    names = frame("group_id name", ("G1", "会员群"), ("G2", "福利群1"))
    s = groups.group_summary(source_h(groups=names), *P)
    assert list(s["name"]) == [None, "会员群", "福利群1", None]


# -- fallbacks -----------------------------------------------------------------------------

GROUP_DAILY = frame(
    "stat_date group_id member_total new_members quit_members speakers messages",
    ("2024-03-04", "G1", 250, 5, 1, 50, 400),
    ("2024-03-05", "G1", 252, 3, 1, 63, 500),
    ("2024-03-04", "G2", 100, 0, 2, 0, 0),
    ("2024-03-05", "G2", 98, 0, 2, 7, 12),
)


def test_group_daily_stands_in_when_there_is_no_activity():
    src = Source({"group_daily": GROUP_DAILY})
    assert groups.health_basis(src) == "group_daily"
    assert groups.unavailable(src) == ("interaction_rate", "conversion_rate")
    r = rows(groups.group_health(src, *P))
    # members = member_total, active = speakers, DAR = speakers / member_total
    g1c, g1d, g2c, g2d = r[("G1", C_DAY)], r[("G1", D_DAY)], r[("G2", C_DAY)], r[("G2", D_DAY)]
    assert (g1c["members"], g1c["active"], g1c["messages"], g1c["daily_active_rate"]) == (
        250,
        50,
        400,
        0.2,
    )
    assert g1d["daily_active_rate"] == 0.25  # 63 / 252
    assert g2c["daily_active_rate"] == 0.0  # 0 / 100
    assert g2d["daily_active_rate"] == pytest.approx(7 / 98)
    for row in (g1c, g1d, g2c, g2d):
        assert row["interaction_rate"] is None and row["conversion_rate"] is None
    total = groups.group_health_total(src, *P).to_dict("records")
    # C: 50 / 350; D: (63 + 7) / (252 + 98) = 70 / 350 = 0.2; messages 400, 512
    assert [t["daily_active_rate"] for t in total] == [pytest.approx(50 / 350), 0.2]
    assert [t["messages"] for t in total] == [400, 512]


def test_group_daily_summary_sizes_and_weekly_joins_and_leaves():
    src = Source({"group_daily": GROUP_DAILY})
    s = groups.group_summary(src, *P)
    # G1: DAR mean (0.2 + 0.25) / 2 = 0.225 -> shortfall 1 - 0.225 / 0.3 = 0.25; size 252
    # (member_total on its latest day) -> split. G2: (0 + 7/98) / 2 = 1/28 -> shortfall
    # 1 - (1/28) / 0.3, larger: G2 first.
    assert list(s["group_id"]) == [None, "G2", "G1"]
    g2, g1 = s.iloc[1], s.iloc[2]
    assert g1["daily_active_rate"] == pytest.approx(0.225)
    assert g1["shortfall"] == pytest.approx(0.25)
    assert (g1["size"], g1["oversize"]) == (252, True)
    assert g2["shortfall"] == pytest.approx(1 - (1 / 28) / 0.3)
    assert (g2["size"], g2["oversize"]) == (98, False)
    assert g1["interaction_rate"] is None and g1["conversion_rate"] is None
    changes = groups.group_changes(src, *P)
    # week of Mon 03-04: G1 joins 5 + 3 = 8, leaves 1 + 1 = 2; G2 joins 0, leaves 2 + 2 = 4
    assert changes.to_dict("records") == [
        {"group_id": "G1", "name": None, "week": C_DAY, "joins": 8, "leaves": 2, "net": 6},
        {"group_id": "G2", "name": None, "week": C_DAY, "joins": 0, "leaves": 4, "net": -4},
    ]


def test_members_with_activity_win_over_group_daily_and_members_alone_use_orders():
    assert groups.health_basis(source_h(group_daily=GROUP_DAILY)) == "members"
    assert groups.health_basis(Source({"members": MEMBERS_H, "group_daily": GROUP_DAILY})) == (
        "group_daily"
    )
    assert groups.health_basis(Source({"orders": ORDERS_H})) is None
    src = Source({"members": MEMBERS_H, "orders": ORDERS_H})
    assert groups.health_basis(src) == "members"
    r = rows(groups.group_health(src, *P))
    # without activity only orders make a member active: G2 on D -> 005 -> 1 of 4
    g2 = r[("G2", D_DAY)]
    assert (g2["members"], g2["active"], g2["daily_active_rate"]) == (4, 1, 0.25)
    assert g2["conversion_rate"] == 1.0
    assert g2["interaction_rate"] is None and g2["messages"] is None


def test_without_members_or_statistics_there_is_no_group_health():
    df = groups.group_health(Source({"orders": ORDERS_H}), *P)
    assert df.empty and list(df.columns) == groups.HEALTH_COLUMNS


# -- push times ----------------------------------------------------------------------------


def cell(df: pd.DataFrame, weekday: int, hour: int) -> tuple:
    r = df[(df["weekday"] == weekday) & (df["hour"] == hour)].iloc[0]
    return r["activity"], r["orders"]


def test_push_times_has_every_weekday_and_hour_and_counts_rows_and_paid_orders():
    df = groups.push_times(source_h(), *P)
    assert list(df.columns) == ["weekday", "hour", "activity", "orders"]
    assert len(df) == 168
    assert (df["weekday"].iloc[0], df["hour"].iloc[0]) == (1, 0)
    # C (Monday, 1): 003 checkin 08:00, 001 message 23:59:59; 006's order 00:00:00.
    assert cell(df, 1, 8) == (1, 0)
    assert cell(df, 1, 23) == (1, 0)
    assert cell(df, 1, 0) == (0, 1)
    # D (Tuesday, 2): one activity row at 10, 11, 12, 13, 14, 15, 16 h; paid orders at 9 h
    # (003, paid after leaving: every order counts here) and 20 h; 0-yuan and refunded
    # orders at 10 and 11 h do not count.
    assert [cell(df, 2, h) for h in (9, 10, 11, 12, 16, 20)] == [
        (0, 1),
        (1, 0),
        (1, 0),
        (1, 0),
        (1, 0),
        (0, 1),
    ]
    assert sum(df["activity"]) == 9 and sum(df["orders"]) == 3


def test_push_times_bins_at_the_shanghai_day_boundary():
    # naive wall time: Sunday 23:59:59 is weekday 7, hour 23; Monday 00:00:00 is 1, 0
    activity = frame("user_id at", ("1", "2024-03-03 23:59:59"), ("1", "2024-03-04 00:00:00"))
    df = groups.push_times(Source({"activity": activity}), D(2024, 3, 3), D(2024, 3, 4))
    assert cell(df, 7, 23) == (1, None) and cell(df, 1, 0) == (1, None)
    # a zone-aware timestamp is read in Asia/Shanghai: 15:59:59 UTC is 23:59:59 there
    utc = pd.DataFrame(
        {
            "user_id": ["1", "1"],
            "at": pd.to_datetime(["2024-03-03 15:59:59", "2024-03-03 16:00:00"]).tz_localize("UTC"),
        }
    )
    df = groups.push_times(Source({"activity": utc}), D(2024, 3, 3), D(2024, 3, 4))
    assert cell(df, 7, 23) == (1, None) and cell(df, 1, 0) == (1, None)
    # the period is in local days too: Sunday's row is outside [Mon, Mon]
    df = groups.push_times(Source({"activity": utc}), C_DAY, C_DAY)
    assert cell(df, 7, 23) == (0, None) and cell(df, 1, 0) == (1, None)


def test_push_times_of_one_group_counts_its_members_rows():
    df = groups.push_times(source_h(), *P, group="G1")
    # main group G1: 001, 002, 003, 004 -> activity 001 x2, 002, 003, 004 x2 = 6 rows (004's
    # message in G2 included: a member counts in the main group); paid order: 003's at D 9 h
    assert sum(df["activity"]) == 6 and sum(df["orders"]) == 1
    assert cell(df, 2, 12) == (1, 0) and cell(df, 2, 9) == (0, 1)


def test_push_hours_names_the_best_hours_against_the_usual_slots():
    h = groups.push_hours(source_h(), *P).set_index("hour")
    assert len(h) == 24
    # activity: one row in each of 8, 10, 11, 12, 13, 14, 15, 16, 23 h; ties go to the
    # earlier hour -> best 8, 10, 11. Usual hours with activity: 8, 12, 13 -> 3 / 9.
    assert sorted(h.index[h["best_activity"].astype(bool)]) == [8, 10, 11]
    assert h.loc[8, "activity_rank"] == 1 and h.loc[11, "activity_rank"] == 3
    assert h.loc[8, "activity_share"] == pytest.approx(1 / 9)
    assert h.loc[0, "usual_activity_share"] == pytest.approx(3 / 9)
    # paid orders at 0, 9 and 20 h -> all three best; usual: 9, 20 -> 2 / 3
    assert sorted(h.index[h["best_orders"].astype(bool)]) == [0, 9, 20]
    assert h.loc[5, "usual_orders_share"] == pytest.approx(2 / 3)
    assert list(h.index[h["usual"].astype(bool)]) == list(groups.USUAL_PUSH_HOURS)


# -- follow-up lists -----------------------------------------------------------------------

MEMBER_011 = frame(
    "user_id joined_at left_at group_id nickname phone",
    ("011", "2024-03-03 10:00", None, "G1", "冯十二", "13800000011"),
)


def silent_source() -> Source:
    return Source(
        {
            "members": pd.concat([MEMBERS_H, MEMBER_011], ignore_index=True),
            "activity": ACTIVITY_H,
            "orders": ORDERS_H,
        }
    )


def test_silent_members_columns_and_days_silent_relative_to_the_last_day_of_data():
    df = groups.silent_members(silent_source(), *P)
    assert list(df.columns) == ["user_id", "group_id", "last_active_at", "days_silent"]
    # reference day D (the last day of data). 005: never active, joined 03-01 ->
    # D - (03-01 - 1) = 03-05 - 02-29 = 5. 006: last activity 03-02 -> 3. 011: joined 03-03,
    # never active -> 03-05 - 03-02 = 3. 010: last 03-03 -> 2 (not listed); 003 left;
    # 001, 002, 004, 007, 008 were active on D -> 0.
    assert df.to_dict("records") == [
        {"user_id": "005", "group_id": "G2", "last_active_at": None, "days_silent": 5},
        {"user_id": "006", "group_id": "G2", "last_active_at": DT(2024, 3, 2, 9), "days_silent": 3},
        {"user_id": "011", "group_id": "G1", "last_active_at": None, "days_silent": 3},
    ]
    assert list(groups.silent_members(silent_source(), *P, days=4)["user_id"]) == ["005"]
    assert groups.silent_members(silent_source(), *P, days=6).empty
    assert list(groups.silent_members(silent_source(), *P, group="G2")["user_id"]) == [
        "005",
        "006",
    ]
    # an end after the last day of data is capped to it
    later = groups.silent_members(silent_source(), C_DAY, D(2024, 3, 20))
    assert later.equals(df)


def test_silent_members_on_an_earlier_reference_day():
    # reference C: 004, 005, 008 never active by C -> C - 02-29 = 4; 006 (03-02) -> 2,
    # 010 (03-03) -> 1, 011 (joined 03-03) -> 2; 001 active on C; 003 left on C; 002 not
    # joined yet; 007 (never active either) is in no group: not listed.
    df = groups.silent_members(silent_source(), C_DAY, C_DAY)
    assert list(df["user_id"]) == ["004", "005", "008"]
    assert set(df["days_silent"]) == {4}


def test_follow_up_lists_hold_only_members_still_in_a_group():
    # issue 18.8: the lists say 仍在群 (still in a group); 007 has no main group and 003 left
    # G1 on C. 007 is silent as of C (4 days) and active-never-bought as of D: in neither list.
    src = silent_source()
    for start, end in ((C_DAY, C_DAY), P):
        for days in (1, 3):
            silent = groups.silent_members(src, start, end, days=days)
            assert silent["group_id"].notna().all()
            assert not {"003", "007"} & set(silent["user_id"])
        potential = groups.high_potential(src, start, end)
        assert potential["group_id"].notna().all()
        assert not {"003", "007"} & set(potential["user_id"])
    # a member who joins a group appears
    in_g2 = MEMBERS_H.assign(group_id=MEMBERS_H["group_id"].fillna("G2"))
    moved = Source({"members": in_g2, "activity": ACTIVITY_H, "orders": ORDERS_H})
    assert "007" in set(groups.silent_members(moved, C_DAY, C_DAY)["user_id"])
    assert "007" in set(groups.high_potential(moved, *P)["user_id"])


def test_follow_up_lists_mask_personal_data_when_asked():
    df = groups.silent_members(silent_source(), *P, contact=True)
    assert list(df.columns) == [
        "user_id",
        "group_id",
        "last_active_at",
        "days_silent",
        "nickname",
        "phone",
    ]
    by_id = df.set_index("user_id")
    assert by_id.loc["005", "nickname"] == "钱*"
    assert by_id.loc["005", "phone"] == "137****0005"
    assert by_id.loc["011", "nickname"] == "冯**"
    assert by_id.loc["011", "phone"] == "138****0011"  # a clear phone never leaves unmasked


def test_high_potential_members_are_active_in_the_last_7_days_and_never_bought():
    df = groups.high_potential(source_h(), *P)
    assert list(df.columns) == [
        "user_id",
        "group_id",
        "joined_at",
        "last_active_at",
        "active_days",
    ]
    # window 02-28 … D. Buyers (paid > 0): 005, 003, 006 -> out. 010 bought nothing (refund,
    # 0 yuan) and was active 03-03. 001 active on C and D (2 days), then by latest activity:
    # 008 15:00, 004 13:00, 002 11:00 (all D), 010 (03-03). 900 is no member; 007 (active D
    # 14:00) is in no group: the list holds members still in a group.
    assert list(df["user_id"]) == ["001", "008", "004", "002", "010"]
    assert list(df["active_days"]) == [2, 1, 1, 1, 1]
    assert df.iloc[0]["last_active_at"] == DT(2024, 3, 5, 10)
    # a 1-day window keeps the members active on D only
    one = groups.high_potential(source_h(), *P, window=1)
    assert list(one["user_id"]) == ["008", "004", "002", "001"]
    assert list(groups.high_potential(source_h(), *P, group="G2")["user_id"]) == ["008", "010"]


# -- joins and leaves ----------------------------------------------------------------------


def test_joins_and_leaves_per_group_and_week():
    df = groups.group_changes(source_h(), D(2024, 2, 26), D(2024, 3, 10))
    # week of 02-26: G1 001, 003, 004 join (03-01); G2 005, 006, 008, 010; no group 007.
    # week of 03-04: G1 002 joins (D), 003 leaves (C).
    assert [
        (r["group_id"], r["week"], r["joins"], r["leaves"], r["net"]) for r in df.to_dict("records")
    ] == [
        ("G1", D(2024, 2, 26), 3, 0, 3),
        ("G1", D(2024, 3, 4), 1, 1, 0),
        ("G2", D(2024, 2, 26), 4, 0, 4),
        (None, D(2024, 2, 26), 1, 0, 1),
    ]
    # only days inside the period count, also in a week that sticks out of it
    part = groups.group_changes(source_h(), D(2024, 3, 2), D(2024, 3, 10))
    assert [(r["group_id"], r["joins"], r["leaves"]) for r in part.to_dict("records")] == [
        ("G1", 1, 1)
    ]


# -- CLI -----------------------------------------------------------------------------------


def siyu(*args: str, ws: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "--lang", "en", *args, "--workspace", str(ws)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def cli_ws(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("groups-cli")
    ws = folder / "ws"
    for table, df in (("members", MEMBERS_H), ("activity", ACTIVITY_H), ("orders", ORDERS_H)):
        path = folder / f"{table}.csv"
        df.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
        siyu("import", str(path), "--dataset", "g", "--table", table, ws=ws)
    return ws


def test_cli_prints_group_health_push_times_and_silent_members(cli_ws):
    out = siyu(
        "metric", "group-health", "--dataset", "g", "--start", "2024-03-04", "--end", "2024-03-05",
        ws=cli_ws,
    ).splitlines()  # fmt: skip
    assert out[0] == (
        "group_id,date,members,active,daily_active_rate,interaction_rate,conversion_rate,messages"
    )
    assert "G1,2024-03-05,3,3,1,0.666667,0,2" in out
    assert ",2024-03-04,1,0,0,,,0" in out  # no group, C: rates undefined -> empty cells
    out = siyu("metric", "push-times", "--dataset", "g", "--start", "2024-03-04", "--end",
               "2024-03-05", ws=cli_ws).splitlines()  # fmt: skip
    assert out[0] == "weekday,hour,activity,orders"
    assert len(out) == 1 + 168
    assert "1,23,1,0" in out and "2,20,0,1" in out
    out = siyu("metric", "silent-members", "--dataset", "g", "--set", "days=3", ws=cli_ws)
    # default period ends on the last day of data (D)
    assert out.splitlines() == [
        "user_id,group_id,last_active_at,days_silent",
        "005,G2,,5",
        "006,G2,2024-03-02 09:00:00,3",
    ]


# -- issue 11: the follow-up lists convert their columns column-wise; the cells must be what
# the cell-by-cell conversion gave --------------------------------------------------------


def _people_before_issue_11(df, columns, contact):
    from siyu.metrics.base import count
    from siyu.metrics.groups import _group
    from siyu.privacy import mask_frame

    out = pd.DataFrame(
        {
            "user_id": pd.Series([str(u) for u in df["user_id"]], dtype=object),
            "group_id": pd.Series([_group(g) for g in df["group_id"]], dtype=object),
        }
    )
    for col in columns:
        if col.endswith("_at"):
            out[col] = pd.Series(
                [None if pd.isna(v) else pd.Timestamp(v).to_pydatetime() for v in df[col]],
                dtype=object,
            )
        else:
            out[col] = pd.Series([count(v) for v in df[col]], dtype=object)
    if contact:
        out["nickname"] = pd.Series(list(df["nickname"]), dtype=object)
        out["phone"] = pd.Series(list(df["phone"]), dtype=object)
        out = mask_frame(out)
    return out


@pytest.mark.parametrize("seed", range(8))
def test_people_columns_equal_the_cell_by_cell_conversion(seed):
    import numpy as np

    from siyu.metrics.groups import _people

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    stamps = pd.Series(
        pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**12, n), unit="us")
    )
    stamps[rng.random(n) < 0.3] = pd.NaT
    groups = [None if rng.random() < 0.3 else f"G{i % 4}" for i in range(n)]
    days = rng.integers(0, 50, n)
    frames = [
        pd.DataFrame(
            {
                "user_id": pd.Series([f"U{i}" for i in range(n)], dtype=dtype),
                "group_id": pd.Series(groups, dtype=dtype),
                "joined_at": stamps,
                "last_active_at": stamps.sample(frac=1, random_state=seed).to_numpy(),
                "active_days": days,
                "days_silent": pd.Series(days, dtype="float64" if dtype is object else "int64"),
                "nickname": pd.Series([None if i % 5 else f"张{i}" for i in range(n)], dtype=dtype),
                "phone": pd.Series(
                    [None if i % 3 else "138****1234" for i in range(n)], dtype=dtype
                ),
            }
        )
        for dtype in (object, "str")
    ]
    for df in frames:
        for columns in (
            ["last_active_at", "days_silent"],
            ["joined_at", "last_active_at", "active_days"],
        ):
            for contact in (False, True):
                got, want = (
                    _people(df, columns, contact),
                    _people_before_issue_11(df, columns, contact),
                )
                assert list(got.columns) == list(want.columns)
                for col in got.columns:
                    assert str(got[col].dtype) == str(want[col].dtype), col
                    assert [repr(v) for v in got[col]] == [repr(v) for v in want[col]], col


@pytest.mark.parametrize("seed", range(6))
def test_health_columns_equal_the_cell_by_cell_conversion(seed):
    import numpy as np

    from siyu.metrics.base import rate
    from siyu.metrics.groups import _days, _optional_counts, _rates

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    missing = rng.random(n) < 0.3
    ints = rng.integers(0, 500, n)
    floats = pd.Series(rng.random(n))
    floats[missing] = np.nan
    stamps = pd.Series(pd.Timestamp("2024-03-01") + pd.to_timedelta(ints, unit="D"))
    stamps[missing] = pd.NaT
    cases = [
        (_optional_counts, lambda v: None if pd.isna(v) else count(v), pd.Series(ints)),
        (
            _optional_counts,
            lambda v: None if pd.isna(v) else count(v),
            pd.Series(
                [None if m else int(v) for v, m in zip(ints, missing, strict=True)], dtype="Int64"
            ),
        ),
        (
            _optional_counts,
            lambda v: None if pd.isna(v) else count(v),
            pd.Series(ints, dtype=float),
        ),
        (_rates, rate, floats),
        (_rates, rate, floats.astype(object)),
        (_days, day, stamps),
        (_days, day, stamps.astype("datetime64[us]")),
        (_days, day, stamps.astype(object)),
    ]
    for column, cell, values in cases:
        got = list(column(values))
        want = [cell(v) for v in values.astype(object)]
        assert [repr(v) for v in got] == [repr(v) for v in want], (column, values.dtype)


def test_group_days_by_hand():
    # fixture H from 03-01 (the first join) to D (the last day of any data): members in the
    # domain, active, interactive, converting, messages per main group and day
    got = read_sql(source_h(), "select * from group_days order by day, group_id nulls last")
    table = {
        (r["group_id"] if isinstance(r["group_id"], str) else None, day(r["day"])): (
            r["members"],
            r["active"],
            r["interactive"],
            r["converting"],
            r["messages"],
        )
        for r in got.to_dict("records")
    }
    expected = {}
    for d in (D(2024, 3, 1), D(2024, 3, 2), D(2024, 3, 3)):
        expected[("G1", d)] = (3, 0, 0, 0, 0)  # 001, 003, 004
        expected[("G2", d)] = (4, 0, 0, 0, 0)  # 005, 006, 008, 010
        expected[(None, d)] = (1, 0, 0, 0, 0)  # 007
    expected[("G2", D(2024, 3, 2))] = (4, 1, 0, 0, 0)  # 006 viewed
    expected[("G2", D(2024, 3, 3))] = (4, 1, 1, 0, 0)  # 010 liked
    # C: 003 left that day; 001 wrote at 23:59:59; 006 paid at 00:00:00
    expected[("G1", C_DAY)] = (2, 1, 1, 0, 1)
    expected[("G2", C_DAY)] = (4, 1, 0, 1, 0)
    expected[(None, C_DAY)] = (1, 0, 0, 0, 0)
    # D: 002 joined (view only); 004 wrote in G2 but belongs to G1; 008's message without a
    # group counts in G2, 007's in no group; 900 (no member) wrote in G1; 010's orders are no
    # purchase; 003's order comes after leaving
    expected[("G1", D_DAY)] = (3, 3, 2, 0, 2)
    expected[("G2", D_DAY)] = (4, 2, 1, 1, 2)
    expected[(None, D_DAY)] = (1, 1, 1, 0, 1)
    assert table == expected


def test_person_activity_holds_each_persons_latest_activity():
    got = read_sql(
        source_h(), "select user_id, last_at, last_day from person_activity order by user_id"
    )
    assert dict(zip(got["user_id"], got["last_at"], strict=True)) == {
        "001": pd.Timestamp("2024-03-05 10:00"),
        "002": pd.Timestamp("2024-03-05 11:00"),
        "003": pd.Timestamp("2024-03-04 08:00"),
        "004": pd.Timestamp("2024-03-05 13:00"),
        "006": pd.Timestamp("2024-03-02 09:00"),
        "007": pd.Timestamp("2024-03-05 14:00"),
        "008": pd.Timestamp("2024-03-05 15:00"),
        "010": pd.Timestamp("2024-03-03 20:00"),
        "900": pd.Timestamp("2024-03-05 16:00"),
    }
    assert [day(v) for v in got["last_day"]][:3] == [D_DAY, D_DAY, C_DAY]
