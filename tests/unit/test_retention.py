"""Cohort retention and the 7-day method (SPEC §4), pinned on tiny hand-computed datasets.

Calendar used below (2024): Mon 03-04, Tue 03-05, … Sun 03-10, Mon 03-11, Tue 03-12.
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
from siyu.metrics import lookup
from siyu.metrics.retention import (
    NeedsTable,
    cohort_retention,
    mean_curve,
    newcombe_interval,
    retention_members,
    segment_sizes,
    seven_day,
    seven_day_compare,
    seven_day_counts,
    seven_day_observed,
    seven_day_period,
    wide_table,
    wilson_interval,
)

ROOT = Path(__file__).resolve().parents[2]
D = dt.date

MEMBERS = pd.DataFrame(
    {
        "user_id": ["A", "B", "C", "D", "E"],
        "joined_at": pd.to_datetime(
            [
                "2024-03-04 10:00",  # Mon
                "2024-03-04 22:00",  # Mon
                "2024-03-05 09:00",  # Tue
                "2024-03-10 23:30",  # Sun: its week cohort is Mon 03-04
                "2024-03-11 08:00",  # Mon, next week
            ]
        ),
        "channel": ["store", "ads", "store", "ads", None],
        "nickname": ["张三丰", "李四", "王五", "赵六", "钱七"],
        "phone": ["13812345678", None, None, None, None],
    }
)

# (order_id, user_id, ordered_at, amount, status, campaign)
ORDERS = [
    ("o1", "A", "2024-03-04 12:00", 10, "paid", "7day"),  # A day 0 (A's first order)
    ("o2", "A", "2024-03-05 12:00", 10, "paid", None),  # A day 1
    ("o3", "A", "2024-03-07 12:00", 10, "paid", None),  # A day 3
    ("o4", "B", "2024-03-05 09:00", 20, "paid", None),  # B day 1 (B's first order)
    ("o5", "B", "2024-03-05 10:00", 20, "refunded", None),  # no purchase
    ("o6", "B", "2024-03-06 10:00", 0, "paid", "welfare"),  # 0 yuan: no purchase
    ("o7", "C", "2024-03-12 09:00", 30, "paid", None),  # C day 7 (C's first order)
    ("o8", "D", "2024-03-10 23:40", 15, "paid", None),  # D day 0 (D's first order)
    ("o9", "D", "2024-03-11 07:00", 15, "paid", None),  # D day 1
    ("o10", "E", "2024-03-11 09:00", 12, "paid", None),  # E day 0 (E's first order)
    ("o11", "E", "2024-03-11 18:00", 12, "paid", None),  # E's second order the same day
    ("o12", "F", "2024-03-06 09:00", 8, "paid", "flash"),  # F is a buyer, no member
    ("o13", "F", "2024-03-08 09:00", 8, "paid", None),  # F day 2
]
# The last order of any status is o7 on 03-12: the last day of data is 2024-03-12.

ACTIVITY = pd.DataFrame(
    {
        "user_id": ["A", "B", "B", "C"],
        "at": pd.to_datetime(
            [
                "2024-03-06 08:00",  # A day 2
                "2024-03-04 23:00",  # B day 0
                "2024-03-20 08:00",  # after the last day of data: ignored
                "2024-03-04 08:00",  # before C joined: ignored
            ]
        ),
        "kind": ["message", "like", "message", "view"],
    }
)


def orders_frame(extra: list[tuple] = ()) -> pd.DataFrame:
    rows = ORDERS + list(extra)
    return pd.DataFrame(
        {
            "order_id": [r[0] for r in rows],
            "user_id": [r[1] for r in rows],
            "ordered_at": pd.to_datetime([r[2] for r in rows]),
            "amount": [float(r[3]) for r in rows],
            "status": [r[4] for r in rows],
            "campaign": [r[5] for r in rows],
            "nickname": ["下单人" for _ in rows],
        }
    )


def source(extra_orders: list[tuple] = (), **tables) -> Source:
    base = {"orders": orders_frame(extra_orders), "members": MEMBERS, "activity": ACTIVITY}
    base.update(tables)
    return Source({k: v for k, v in base.items() if v is not None})


def cells(frame: pd.DataFrame) -> dict:
    """{cohort: [retained of period 0, 1, …]} (None = not observed)."""
    out: dict = {}
    for r in frame.itertuples(index=False):
        out.setdefault(r.cohort, []).append(r.retained)
    return out


# -- join cohorts, by day ------------------------------------------------------------------


def test_join_day_cohorts_count_paid_orders_on_day_n_and_leave_unobserved_cells_empty():
    t = cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 11), cohort_by="join")
    assert list(t.columns) == ["cohort", "cohort_size", "period", "retained", "rate"]
    sizes = dict(zip(t["cohort"], t["cohort_size"], strict=True))
    assert sizes == {D(2024, 3, 4): 2, D(2024, 3, 5): 1, D(2024, 3, 10): 1, D(2024, 3, 11): 1}
    assert cells(t) == {
        # A: days 0, 1, 3; B: day 1 (the refund and the 0-yuan claim do not count).
        # Last day 03-12 = day 8 of the cohort: D0 … D7 all observed.
        D(2024, 3, 4): [1, 2, 0, 1, 0, 0, 0, 0],
        # C: first order on 03-12 = day 7, the last day of data: observed
        D(2024, 3, 5): [0, 0, 0, 0, 0, 0, 0, 1],
        # D: days 0 and 1; 03-12 is day 2, so D3 … D7 are not over yet
        D(2024, 3, 10): [1, 1, 0, None, None, None, None, None],
        # E: day 0 (two orders); 03-12 is day 1
        D(2024, 3, 11): [1, 0, None, None, None, None, None, None],
    }
    first = t[t["cohort"] == D(2024, 3, 4)]["rate"].tolist()
    assert first == [0.5, 1.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0]
    assert t.loc[(t["cohort"] == D(2024, 3, 10)) & (t["period"] == 3), "rate"].item() is None
    assert isinstance(t["retained"].iloc[0], int)


def test_a_cohort_cell_is_observed_only_when_its_latest_member_has_finished_the_period():
    # Week cohort 03-04 holds A, B (Mon), C (Tue) and D (Sun 03-10). With the data ending on
    # 03-15, D's day 5 is the last observed day: D0 … D5 are shown, D6 is empty even though
    # A, B and C have long passed their day 6.
    t = cohort_retention(
        source([("x1", "Z", "2024-03-15 10:00", 5, "cancelled", None)]),
        D(2024, 3, 4),
        D(2024, 3, 10),
        cohort_by="join",
        grain="week",
        unit="day",
    )
    # A: days 0,1,3; B: day 1; C: day 7 (03-12); D: days 0, 1
    assert cells(t) == {D(2024, 3, 4): [2, 3, 0, 1, 0, 0, None, None]}
    assert t["cohort_size"].tolist() == [4] * 8


# -- first-order cohorts -------------------------------------------------------------------


def test_first_order_cohorts_exclude_the_first_order_but_count_a_second_order_the_same_day():
    t = cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 12), cohort_by="first_order")
    assert cells(t) == {
        # A: first order o1 on day 0 is not a return; o2 day 1, o3 day 3
        D(2024, 3, 4): [0, 1, 0, 1, 0, 0, 0, 0],
        # B: only o4 (the refund the same day is no purchase); day 7 is 03-12: observed
        D(2024, 3, 5): [0, 0, 0, 0, 0, 0, 0, 0],
        # F (a buyer who is no member): o13 on day 2
        D(2024, 3, 6): [0, 0, 1, 0, 0, 0, 0, None],
        # D: o9 on day 1
        D(2024, 3, 10): [0, 1, 0, None, None, None, None, None],
        # E: o11, the second order on the first-order day, counts for day 0
        D(2024, 3, 11): [1, 0, None, None, None, None, None, None],
        # C: o7 on the last day of data: day 0 observed, nothing else
        D(2024, 3, 12): [0, None, None, None, None, None, None, None],
    }


def test_orders_only_dataset_defaults_to_first_order_cohorts_and_refuses_join_cohorts():
    src = Source({"orders": orders_frame()})
    t = cohort_retention(src, D(2024, 3, 4), D(2024, 3, 12))
    assert t["cohort"].tolist()[0] == D(2024, 3, 4)
    assert t["cohort_size"].sum() == 6 * 8  # A, B, F, D, E, C
    with pytest.raises(NeedsTable) as err:
        cohort_retention(src, D(2024, 3, 4), D(2024, 3, 12), cohort_by="join")
    assert err.value.table == "members"
    with pytest.raises(NeedsTable):
        cohort_retention(src, D(2024, 3, 4), D(2024, 3, 12), event="activity")


# -- week cohorts --------------------------------------------------------------------------


def test_week_cohorts_start_on_monday_and_a_sunday_joiner_belongs_to_that_week():
    # Data until Sun 03-17 (a cancelled order). Week cohort 03-04: A, B, C, D (D joined on
    # Sunday 03-10); its latest start is 03-10, so week 0 (days 0-6) ends 03-16: observed;
    # week 1 ends 03-23: not. Week 0: A (day 0), B (day 1), D (day 0) retained; C's first
    # order is on day 7 (week 1). Cohort 03-11 (E): week 0 ends 03-17, the last day: observed.
    t = cohort_retention(
        source([("x1", "Z", "2024-03-17 10:00", 5, "cancelled", None)]),
        D(2024, 3, 4),
        D(2024, 3, 17),
        cohort_by="join",
        grain="week",
        periods=2,
    )
    assert cells(t) == {D(2024, 3, 4): [3, None], D(2024, 3, 11): [1, None]}
    assert t["cohort_size"].tolist() == [4, 4, 1, 1]
    assert t["rate"].tolist() == [0.75, None, 1.0, None]


def test_week_periods_cover_days_7n_to_7n_plus_6_of_each_persons_start():
    # Data until 03-31. Day cohorts 03-04 (A, B) and 03-05 (C) by week: C's order on day 7
    # falls in week 1, A's orders on days 0-3 and B's on day 1 in week 0.
    t = cohort_retention(
        source([("x1", "Z", "2024-03-31 10:00", 5, "cancelled", None)]),
        D(2024, 3, 4),
        D(2024, 3, 5),
        cohort_by="join",
        unit="week",
        periods=3,
    )
    assert cells(t) == {D(2024, 3, 4): [2, 0, 0], D(2024, 3, 5): [0, 1, 0]}


# -- on or after ---------------------------------------------------------------------------


def test_on_or_after_counts_an_event_in_period_n_or_any_later_one():
    t = cohort_retention(
        source(), D(2024, 3, 4), D(2024, 3, 11), cohort_by="join", mode="on_or_after"
    )
    assert cells(t) == {
        D(2024, 3, 4): [2, 2, 1, 1, 0, 0, 0, 0],  # A's last order on day 3, B's on day 1
        D(2024, 3, 5): [1, 1, 1, 1, 1, 1, 1, 1],  # C's order on day 7
        D(2024, 3, 10): [1, 1, 0, None, None, None, None, None],
        D(2024, 3, 11): [1, 0, None, None, None, None, None, None],
    }


def test_on_or_after_sees_events_beyond_the_horizon_and_keeps_the_first_order_rule():
    # periods=3: C's order on day 7 is beyond the horizon but still "on or after" day 0 … 2
    joined = cohort_retention(
        source(), D(2024, 3, 5), D(2024, 3, 5), cohort_by="join", mode="on_or_after", periods=3
    )
    assert cells(joined) == {D(2024, 3, 5): [1, 1, 1]}
    on = cohort_retention(source(), D(2024, 3, 5), D(2024, 3, 5), cohort_by="join", periods=3)
    assert cells(on) == {D(2024, 3, 5): [0, 0, 0]}
    # first order cohorts: A has three orders, so "on or after day 0" holds (o2, o3);
    # B has one, so nothing; E's second order the same day counts for day 0
    first = cohort_retention(
        source(), D(2024, 3, 4), D(2024, 3, 11), cohort_by="first_order", mode="on_or_after"
    )
    got = cells(first)
    assert got[D(2024, 3, 4)] == [1, 1, 1, 1, 0, 0, 0, 0]
    assert got[D(2024, 3, 5)] == [0, 0, 0, 0, 0, 0, 0, 0]
    assert got[D(2024, 3, 11)] == [1, 0, None, None, None, None, None, None]


# -- activity retention, breakdown ---------------------------------------------------------


def test_activity_retention_counts_activity_rows_between_the_start_and_the_last_day():
    t = cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 5), cohort_by="join", event="activity")
    # B on day 0, A on day 2; B's 03-20 row is after the data ends, C's row before joining
    assert cells(t) == {
        D(2024, 3, 4): [1, 0, 1, 0, 0, 0, 0, 0],
        D(2024, 3, 5): [0, 0, 0, 0, 0, 0, 0, 0],
    }
    after = cohort_retention(
        source(),
        D(2024, 3, 4),
        D(2024, 3, 4),
        cohort_by="join",
        event="activity",
        mode="on_or_after",
    )
    assert cells(after) == {D(2024, 3, 4): [2, 1, 1, 0, 0, 0, 0, 0]}


def test_breakdown_by_channel_and_by_first_order_campaign_splits_each_cohort():
    t = cohort_retention(
        source(), D(2024, 3, 4), D(2024, 3, 4), cohort_by="join", breakdown="channel", periods=2
    )
    assert list(t.columns) == ["segment", "cohort", "cohort_size", "period", "retained", "rate"]
    rows = [(r.segment, r.cohort_size, r.period, r.retained) for r in t.itertuples(index=False)]
    # B (ads): day 1; A (store): days 0 and 1
    assert rows == [("ads", 1, 0, 0), ("ads", 1, 1, 1), ("store", 1, 0, 1), ("store", 1, 1, 1)]
    c = cohort_retention(
        source(), D(2024, 3, 4), D(2024, 3, 5), cohort_by="join", breakdown="campaign", periods=1
    )
    # first orders: A o1 (7day), B o4 (none), C o7 (none)
    rows = [(r.segment, r.cohort, r.cohort_size) for r in c.itertuples(index=False)]
    assert rows == [(None, D(2024, 3, 4), 1), (None, D(2024, 3, 5), 1), ("7day", D(2024, 3, 4), 1)]
    assert segment_sizes(c).to_dict("list") == {"segment": ["7day", None], "people": [1, 2]}


# -- helpers of the page -------------------------------------------------------------------


def test_mean_curve_weights_observed_cohorts_by_size_and_skips_unobserved_cells():
    t = cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 11), cohort_by="join")
    m = mean_curve(t)
    # D0: (1 + 0 + 1 + 1) / (2 + 1 + 1 + 1) = 3/5; D2: 0 / 4 (E not observed);
    # D3: (1 + 0) / (2 + 1) (D and E not observed)
    assert m["rate"].tolist()[:4] == [3 / 5, 3 / 5, 0.0, 1 / 3]
    assert m["people"].tolist()[:4] == [5, 5, 4, 3]
    wide = wide_table(t)
    assert wide.columns.tolist() == ["cohort", "cohort_size", *range(8)]
    assert wide.loc[0, 1] == 1.0 and pd.isna(wide.loc[3, 2])


def test_members_behind_a_cell_are_listed_with_masked_personal_data():
    people = retention_members(
        source(), D(2024, 3, 4), D(2024, 3, 11), cohort="2024-03-04", period=0, cohort_by="join"
    )
    assert people.columns.tolist() == [
        "user_id",
        "nickname",
        "phone",
        "channel",
        "start_day",
        "segment",
        "retained",
    ]
    assert people["user_id"].tolist() == ["A", "B"]
    assert people["retained"].tolist() == [True, False]  # A ordered on day 0
    assert people["nickname"].tolist() == ["张**", "李*"]
    assert people["phone"].tolist() == ["138****5678", None]
    # the cohort of 03-10 is not observed on day 3: no one is marked either way
    later = retention_members(
        source(), D(2024, 3, 4), D(2024, 3, 11), cohort=D(2024, 3, 10), period=3, cohort_by="join"
    )
    assert later["user_id"].tolist() == ["D"] and later["retained"].tolist() == [None]
    # first-order cohort: F is no member, the nickname comes from the first order
    f = retention_members(
        source(),
        D(2024, 3, 4),
        D(2024, 3, 12),
        cohort="2024-03-06",
        period=2,
        cohort_by="first_order",
    )
    assert f[["user_id", "nickname", "channel", "retained"]].values.tolist() == [
        ["F", "下**", None, True]
    ]


def test_members_of_a_segment_of_a_week_cohort():
    people = retention_members(
        source(),
        D(2024, 3, 4),
        D(2024, 3, 10),
        cohort="2024-03-04",
        period=1,
        segment="ads",
        cohort_by="join",
        grain="week",
        unit="day",
        breakdown="channel",
    )
    assert people["user_id"].tolist() == ["B", "D"]  # D joined on Sunday
    assert people["retained"].tolist() == [True, True]


# -- the 7-day method ----------------------------------------------------------------------

SEVEN_MEMBERS = pd.DataFrame(
    {
        "user_id": ["P1", "P2", "P3", "P4", "P5", "P6"],
        "joined_at": pd.to_datetime(
            ["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-05", "2024-01-06", "2024-01-03"]
        ),
    }
)
SEVEN_ORDERS = [
    ("s1", "P1", "2024-01-01 09:00", 9.9, "paid", "7day"),  # P1 day 0
    ("s2", "P1", "2024-01-01 19:00", 9.9, "paid", None),  # P1 day 0 again: one day
    ("s3", "P1", "2024-01-03 09:00", 9.9, "paid", "7day"),  # P1 day 2
    ("s4", "P1", "2024-01-20 09:00", 30, "paid", None),  # P1 day 19: repurchase
    ("s5", "P2", "2024-01-02 09:00", 20, "paid", None),  # P2 day 0
    ("s6", "P2", "2024-01-09 09:00", 20, "paid", None),  # P2 day 7: repurchase
    ("s7", "P3", "2024-01-11 09:00", 9.9, "paid", "7day"),  # P3 day 6
    ("s8", "P3", "2024-02-10 09:00", 20, "paid", None),  # P3 day 36: repurchase
    ("s9", "P6", "2024-01-04 09:00", 9.9, "refunded", "7day"),  # no purchase, no campaign
    ("s10", "P6", "2024-01-02 09:00", 20, "paid", None),  # before joining: not counted
    ("s11", "P6", "2024-02-09 09:00", 20, "paid", None),  # P6 day 37: too late
    ("s12", "P5", "2024-01-08 09:00", 20, "paid", "7day"),  # P5: day 36 = 02-11, unobserved
]
# The last order is s8 on 02-10: the last day of data. Day 36 observed: start on or before
# 01-05, so P5 (01-06) is left out. P4 never orders.
#   P1: 2 purchase days, 7day, repurchased      P2: 1 day, other, repurchased
#   P3: 1 day, 7day, repurchased (day 36)        P4: 0 days, other, no
#   P6: 0 days (refund; order before joining), other, no (day 37)


def seven_source() -> Source:
    return Source({"orders": orders_frame_from(SEVEN_ORDERS), "members": SEVEN_MEMBERS})


def orders_frame_from(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": [r[0] for r in rows],
            "user_id": [r[1] for r in rows],
            "ordered_at": pd.to_datetime([r[2] for r in rows]),
            "amount": [float(r[3]) for r in rows],
            "status": [r[4] for r in rows],
            "campaign": [r[5] for r in rows],
        }
    )


def test_seven_day_histogram_counts_distinct_purchase_days_and_repurchase_on_days_7_to_36():
    h = seven_day(seven_source(), D(2024, 1, 1), D(2024, 1, 31))
    assert list(h.columns) == ["purchase_days", "members", "repurchase_30d_rate"]
    assert h["purchase_days"].tolist() == list(range(8))
    assert h["members"].tolist() == [2, 2, 1, 0, 0, 0, 0, 0]
    assert h["repurchase_30d_rate"].tolist() == [0.0, 1.0, 1.0, None, None, None, None, None]
    campaign = seven_day(seven_source(), D(2024, 1, 1), D(2024, 1, 31), group="7day")
    assert campaign["members"].tolist()[:3] == [0, 1, 1]  # P3, P1
    others = seven_day(seven_source(), D(2024, 1, 1), D(2024, 1, 31), group="other")
    assert others["members"].tolist()[:3] == [2, 1, 0]  # P4, P6; P2
    assert others["repurchase_30d_rate"].tolist()[:2] == [0.0, 1.0]


def test_seven_day_counts_only_people_whose_day_36_is_observed():
    counts = seven_day_counts(seven_source(), D(2024, 1, 6), D(2024, 1, 31))
    assert counts["members"].sum() == 0  # only P5 started, and its day 36 is 02-11
    h = seven_day(seven_source(), D(2024, 1, 6), D(2024, 1, 31))
    assert h["members"].sum() == 0 and h["repurchase_30d_rate"].isna().all()


def test_seven_day_by_first_order_counts_the_first_order_as_a_purchase_day():
    # first orders: P1 01-01, P2 01-02, P6 01-02 (before joining), P5 01-08, P3 01-11.
    # Day 36 observed (start <= 01-05): P1, P2, P6. P6: 01-02 only (the refund is no
    # purchase); its order on 02-09 is day 38.
    h = seven_day(seven_source(), D(2024, 1, 1), D(2024, 1, 31), cohort_by="first_order")
    assert h["members"].tolist()[:3] == [0, 2, 1]  # P2, P6 one day; P1 two days
    assert h["repurchase_30d_rate"].tolist()[:3] == [None, 0.5, 1.0]


def test_seven_day_compare_states_counts_rates_and_newcombe_interval_of_the_difference():
    c = seven_day_compare(seven_source(), D(2024, 1, 1), D(2024, 1, 31))
    assert c["group"].tolist() == ["7day", "other", "difference"]
    assert c["members"].tolist() == [2, 3, None]
    assert c["repurchased"].tolist() == [2, 1, None]
    assert c["rate"].tolist()[:2] == [1.0, 1 / 3]
    assert c["rate"].iloc[2] == pytest.approx(2 / 3)
    assert (c["ci_low"].iloc[2], c["ci_high"].iloc[2]) == newcombe_interval(2, 2, 1, 3)
    assert (c["ci_low"].iloc[0], c["ci_high"].iloc[0]) == wilson_interval(2, 2)


def test_confidence_intervals_match_newcombes_published_examples():
    # Newcombe (1998), Statistics in Medicine 17: Wilson 81/263 = 0.2553–0.3662, 0/10 =
    # 0–0.2775; hybrid score difference 56/70 − 48/80 = 0.0524–0.3339, 9/10 − 3/10 =
    # 0.1705–0.8090.
    assert wilson_interval(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=5e-5)
    assert newcombe_interval(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    assert newcombe_interval(9, 10, 3, 10) == pytest.approx((0.1705, 0.8090), abs=5e-5)
    assert newcombe_interval(0, 0, 1, 2) is None


# -- options and the CLI -------------------------------------------------------------------


def test_bad_options_are_refused_with_the_allowed_values():
    with pytest.raises(ValueError, match="grain must be one of day, week"):
        cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 11), grain="month")
    with pytest.raises(ValueError, match="periods"):
        cohort_retention(source(), D(2024, 3, 4), D(2024, 3, 11), periods=0)
    with pytest.raises(ValueError, match="group"):
        seven_day(seven_source(), D(2024, 1, 1), D(2024, 1, 31), group="vip")


def test_metric_names_reach_the_functions():
    assert lookup("retention") is cohort_retention
    assert lookup("cohort-retention") is cohort_retention
    assert lookup("seven-day") is seven_day


def siyu(*args: str, ws: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "siyu", "--lang", "en", *args, "--workspace", str(ws)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def test_cli_prints_the_cohort_table_and_the_seven_day_histogram(tmp_path):
    orders, members = tmp_path / "orders.csv", tmp_path / "members.csv"
    frame = orders_frame()
    frame["ordered_at"] = frame["ordered_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    frame.to_csv(orders, index=False)
    m = MEMBERS[["user_id", "joined_at", "channel"]].copy()
    m["joined_at"] = m["joined_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    m.to_csv(members, index=False)
    ws = tmp_path / "ws"
    siyu("import", str(orders), "--dataset", "t", "--table", "orders", ws=ws)
    siyu("import", str(members), "--dataset", "t", "--table", "members", ws=ws)
    out = siyu(
        "metric", "retention", "--dataset", "t", "--start", "2024-03-04", "--end", "2024-03-11",
        "--set", "cohort_by=join", "--set", "grain=day", "--set", "event=order",
        "--set", "mode=on", "--set", "periods=4", ws=ws,
    ).stdout.splitlines()  # fmt: skip
    assert out[0] == "cohort,cohort_size,period,retained,rate"
    assert out[1:5] == [
        "2024-03-04,2,0,1,0.5",
        "2024-03-04,2,1,2,1",
        "2024-03-04,2,2,0,0",
        "2024-03-04,2,3,1,0.5",
    ]
    assert "2024-03-10,1,3,," in out  # not observed: empty, not zero
    assert len(out) == 1 + 4 * 4
    week = siyu(
        "metric", "retention", "--dataset", "t", "--start", "2024-03-04", "--end", "2024-03-10",
        "--set", "cohort_by=first_order", "--set", "grain=week", "--set", "periods=1", ws=ws,
    ).stdout.splitlines()  # fmt: skip
    # first orders in the week of 03-04: A, B, F, D; none is over week 0 by 03-12 (D's week
    # 0 ends 03-16), so the cell is empty
    assert week == ["cohort,cohort_size,period,retained,rate", "2024-03-04,4,0,,"]
    seven = siyu(
        "metric", "seven-day", "--dataset", "t", "--set", "group=all", ws=ws
    ).stdout.splitlines()
    assert seven[0] == "purchase_days,members,repurchase_30d_rate"
    assert seven[1:] == [f"{n},0," for n in range(8)]  # nobody has reached day 36


def test_every_retention_text_has_all_three_languages():
    from siyu.i18n import LANGUAGES
    from siyu.text.retention import TEXT

    assert "nav.retention" in TEXT
    for key, entry in TEXT.items():
        assert key == "nav.retention" or key.startswith("retention."), key
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key


# -- the period the 7-day method opens on (issue 18.4) --------------------------------------


def test_seven_day_period_is_the_latest_in_which_everyone_reached_day_36():
    first, last = D(2024, 1, 1), D(2024, 4, 30)
    # day 36 of a start on 03-25 is 04-30: the latest start with it observed
    assert seven_day_period(first, last) == (D(2024, 2, 27), D(2024, 3, 25))
    assert seven_day_period(first, last, 7) == (D(2024, 3, 19), D(2024, 3, 25))
    assert seven_day_observed(D(2024, 3, 25), last)
    assert not seven_day_observed(D(2024, 3, 26), last)
    # never before the data's first day; None when nobody can have reached day 36
    assert seven_day_period(D(2024, 3, 10), last) == (D(2024, 3, 10), D(2024, 3, 25))
    assert seven_day_period(D(2024, 3, 26), last) is None
    assert seven_day_period(None, None) is None
    assert not seven_day_observed(D(2024, 1, 1), None)
