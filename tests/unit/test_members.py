"""Tiers, RFM segments and operating layers (`siyu.metrics.members`), pinned by hand.

Every fixture is a tiny DataFrame built here; each expected value carries its arithmetic in a
comment. The analysis day is AS_OF = 2024-03-11, i.e. the period ends on END = 2024-03-10
(as_of = end + 1). 2024 is a leap year: February has 29 days.
    tier window   = 2023-03-12 … 2024-03-10 (the 365 days before AS_OF)
    layer window  = 2024-02-10 … 2024-03-10 (the 30 days before AS_OF)
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
from siyu.metrics import members as mm

D = dt.date
START, END = D(2024, 2, 1), D(2024, 3, 10)
AS_OF = D(2024, 3, 11)
ROOT = Path(__file__).resolve().parents[2]


def frame(columns: str, *rows: tuple) -> pd.DataFrame:
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


def by(df: pd.DataFrame, key: str) -> dict:
    return {row[key]: row for row in df.to_dict("records")}


def test_as_of_is_the_day_after_the_period_and_every_metric_is_registered():
    assert mm.analysis_day(START, END) == AS_OF
    for name in ("tiers", "tier_movement", "rfm", "rfm_splits", "rfm_members", "layers"):
        assert metrics.lookup(name) is getattr(mm, name)
    assert metrics.lookup("rfm-members") is mm.rfm_members
    assert metrics.lookup("layer-members") is mm.layer_members


# -- RFM -----------------------------------------------------------------------------------
# Five buyers. R = days from the last paid order's day to 2024-03-11.
#   A  lapsed big buyer: 3 × 1000 in January, last 01-11 → R = 20 (Jan) + 29 (Feb) + 11 = 60,
#      F = 3, M = 3000
#   B  recent big buyer: 500 + 500 + 1000, last 03-10 23:30 → R = 1, F = 3, M = 2000
#      (its order on 03-11, the analysis day itself, does not count)
#   C  recent small: 50 on 03-09 → R = 2, F = 1, M = 50
#   D  old small: 30 on 02-10 → R = 19 (Feb) + 11 = 30, F = 1, M = 30
#   H  20 days ago: 600 on 02-20 → R = 9 + 11 = 20, F = 1, M = 600
#   E  only a refunded order; Z only a 0-yuan claim: no buyers
RFM_ORDERS = orders(
    ("a1", "A", "2024-01-01 09:00", "1000.00", "paid"),
    ("a2", "A", "2024-01-02 09:00", "1000.00", "paid"),
    ("a3", "A", "2024-01-11 09:00", "1000.00", None),  # null status = paid
    ("b1", "B", "2024-03-01 09:00", "500.00", "paid"),
    ("b2", "B", "2024-03-05 09:00", "500.00", "paid"),
    ("b3", "B", "2024-03-10 23:30", "1000.00", "paid"),
    ("b4", "B", "2024-03-11 08:00", "999.00", "paid"),  # on the analysis day: after the end
    ("c1", "C", "2024-03-09 12:00", "50.00", "paid"),
    ("c2", "C", "2024-03-09 13:00", "80.00", "cancelled"),
    ("d1", "D", "2024-02-10 00:00", "30.00", "paid"),
    ("h1", "H", "2024-02-20 20:00", "600.00", "paid"),
    ("e1", "E", "2024-03-08 10:00", "200.00", "refunded"),
    ("z1", "Z", "2024-03-08 10:00", "0.00", "paid"),
)
# Sums over the 5 buyers: R 60+1+2+30+20 = 113, F 3+3+1+1+1 = 9, M 3000+2000+50+30+600 = 5680
# Means: R 22.6, F 1.8, M 1136. Medians: R (1,2,20,30,60) → 20, F (1,1,1,3,3) → 1,
# M (30,50,600,2000,3000) → 600.
RFM_EXPECTED = {
    # user: (recency, frequency, monetary)
    "A": (60, 3, 3000.0),
    "B": (1, 3, 2000.0),
    "C": (2, 1, 50.0),
    "D": (30, 1, 30.0),
    "H": (20, 1, 600.0),
}
# Mean split (R high when R < 22.6; F high when F > 1.8; M high when M > 1136):
#   A R60 low  F3 high M3000 high → important_keep      (NOT important_value: R is flipped)
#   B R1  high F3 high M2000 high → important_value
#   C R2  high F1 low  M50   low  → general_develop
#   D R30 low  F1 low  M30   low  → general_retain
#   H R20 high F1 low  M600  low  → general_develop
MEAN_SEGMENTS = {
    "A": "important_keep",
    "B": "important_value",
    "C": "general_develop",
    "D": "general_retain",
    "H": "general_develop",
}
# Median split (R < 20; F > 1; M > 600), strict: H sits exactly on the R and M medians:
#   H R20 low F1 low M600 low → general_retain; the others as with the mean.
MEDIAN_SEGMENTS = {**MEAN_SEGMENTS, "H": "general_retain"}


def rfm_source() -> Source:
    return Source({"orders": RFM_ORDERS})


def test_rfm_members_hand_computed_recency_frequency_monetary():
    df = mm.rfm_members(rfm_source(), START, END)
    assert list(df.columns) == [
        "user_id",
        "recency",
        "frequency",
        "monetary",
        "r_high",
        "f_high",
        "m_high",
        "segment",
    ]
    assert list(df["user_id"]) == ["A", "B", "C", "D", "H"]  # E, Z never paid > 0
    got = {r["user_id"]: (r["recency"], r["frequency"], r["monetary"]) for _, r in df.iterrows()}
    assert got == RFM_EXPECTED


def test_long_lapsed_big_buyer_is_not_important_value():
    """The classic mistake (forgetting to flip R) would make A 重要价值: R 60 is the largest."""
    for split in ("mean", "median"):
        a = by(mm.rfm_members(rfm_source(), START, END, split=split), "user_id")["A"]
        assert a["r_high"] is False
        assert (a["f_high"], a["m_high"]) == (True, True)
        assert a["segment"] == "important_keep"
        b = by(mm.rfm_members(rfm_source(), START, END, split=split), "user_id")["B"]
        assert b["r_high"] is True and b["segment"] == "important_value"


@pytest.mark.parametrize(
    ("split", "expected"), [("mean", MEAN_SEGMENTS), ("median", MEDIAN_SEGMENTS)]
)
def test_rfm_segments_for_both_splits(split, expected):
    df = mm.rfm_members(rfm_source(), START, END, split=split)
    assert dict(zip(df["user_id"], df["segment"], strict=True)) == expected
    for _, r in df.iterrows():  # the segment is the one of its three flags
        assert mm.SEGMENT_FLAGS[r["segment"]] == (r["r_high"], r["f_high"], r["m_high"])


def test_rfm_splits_are_the_mean_or_median_over_buyers():
    mean = mm.rfm_splits(rfm_source(), START, END).iloc[0].to_dict()
    assert mean == {
        "split": "mean",
        "buyers": 5,
        "recency": pytest.approx(22.6),  # 113 / 5
        "frequency": pytest.approx(1.8),  # 9 / 5
        "monetary": 1136.0,  # 5680 / 5
    }
    median = mm.rfm_splits(rfm_source(), START, END, split="median").iloc[0].to_dict()
    assert median == {
        "split": "median",
        "buyers": 5,
        "recency": 20,
        "frequency": 1,
        "monetary": 600,
    }


def test_rfm_segment_table_mean_split():
    df = mm.rfm(rfm_source(), START, END)
    assert list(df.columns) == [
        "segment",
        "customers",
        "gmv",
        "gmv_share",
        "mean_recency",
        "mean_frequency",
        "mean_monetary",
    ]
    assert list(df["segment"]) == list(mm.SEGMENTS)  # all eight, in order
    rows = by(df, "segment")
    assert rows["important_value"] == {
        "segment": "important_value",
        "customers": 1,  # B
        "gmv": 2000.0,
        "gmv_share": pytest.approx(2000 / 5680),
        "mean_recency": 1.0,
        "mean_frequency": 3.0,
        "mean_monetary": 2000.0,
    }
    assert rows["important_keep"]["customers"] == 1  # A
    assert rows["important_keep"]["gmv_share"] == pytest.approx(3000 / 5680)
    dev = rows["general_develop"]  # C and H
    assert dev["customers"] == 2
    assert dev["gmv"] == 650.0  # 50 + 600
    assert dev["gmv_share"] == pytest.approx(650 / 5680)
    assert dev["mean_recency"] == 11.0  # (2 + 20) / 2
    assert dev["mean_frequency"] == 1.0
    assert dev["mean_monetary"] == 325.0  # 650 / 2
    assert rows["general_retain"]["customers"] == 1  # D
    empty = rows["important_develop"]
    assert (empty["customers"], empty["gmv"], empty["gmv_share"]) == (0, 0.0, 0.0)
    assert (empty["mean_recency"], empty["mean_frequency"], empty["mean_monetary"]) == (
        None,
        None,
        None,
    )
    assert sum(df["customers"]) == 5
    assert sum(df["gmv_share"]) == pytest.approx(1.0)


def test_rfm_segment_table_median_split_moves_h_to_general_retain():
    rows = by(mm.rfm(rfm_source(), START, END, split="median"), "segment")
    assert rows["general_develop"]["customers"] == 1  # C only
    assert rows["general_retain"]["customers"] == 2  # D and H
    assert rows["general_retain"]["gmv"] == 630.0  # 30 + 600
    assert rows["general_retain"]["mean_recency"] == 25.0  # (30 + 20) / 2


def test_values_equal_to_the_split_are_low_for_both_splits():
    # Three buyers, R 10 / 20 / 30, F 1 / 2 / 3, M 300 / 200 / 100: mean = median = 20, 2, 200.
    src = Source(
        {
            "orders": orders(
                ("p1", "P", "2024-03-01 10:00", "300.00", "paid"),  # R 10, F 1, M 300
                ("q1", "Q", "2024-02-19 10:00", "100.00", "paid"),  # R 21 → last 02-20: R 20
                ("q2", "Q", "2024-02-20 10:00", "100.00", "paid"),  # F 2, M 200
                ("s1", "S", "2024-02-08 10:00", "30.00", "paid"),
                ("s2", "S", "2024-02-09 10:00", "30.00", "paid"),
                ("s3", "S", "2024-02-10 10:00", "40.00", "paid"),  # R 30, F 3, M 100
            )
        }
    )
    for split in ("mean", "median"):
        got = by(mm.rfm_members(src, START, END, split=split), "user_id")
        assert [got["Q"][k] for k in ("recency", "frequency", "monetary")] == [20, 2, 200.0]
        # Q equals the split on all three: low, low, low (strict comparisons)
        assert (got["Q"]["r_high"], got["Q"]["f_high"], got["Q"]["m_high"]) == (False,) * 3
        assert got["Q"]["segment"] == "general_retain"
        assert got["P"]["segment"] == "important_develop"  # R10 high, F1 low, M300 high
        assert got["S"]["segment"] == "general_keep"  # R30 low, F3 high, M100 low


def test_mean_comparison_is_exact_for_amounts_that_are_not_binary_fractions():
    # M 0.10, 0.20, 0.30: mean 0.20 exactly; a float mean could sit just below 0.20.
    src = Source(
        {
            "orders": orders(
                ("1", "X", "2024-03-01 10:00", "0.10", "paid"),
                ("2", "Y", "2024-03-01 10:00", "0.20", "paid"),
                ("3", "W", "2024-03-01 10:00", "0.30", "paid"),
            )
        }
    )
    got = by(mm.rfm_members(src, START, END), "user_id")
    assert [got[u]["m_high"] for u in ("X", "Y", "W")] == [False, False, True]


def test_rfm_segment_filter_and_masked_personal_data():
    o = RFM_ORDERS.assign(nickname="张三丰", phone="138****1234")
    o.loc[o["user_id"] == "C", "nickname"] = None  # no nickname for C: stays empty
    src = Source({"orders": o})
    df = mm.rfm_members(src, START, END, segment="general_develop", personal=True)
    assert list(df["user_id"]) == ["C", "H"]
    assert list(df.columns)[-2:] == ["nickname", "phone"]
    assert list(df["nickname"]) == [None, "张**"]
    assert list(df["phone"]) == ["138****1234", "138****1234"]
    with pytest.raises(ValueError):
        mm.rfm_members(src, START, END, segment="champions")
    with pytest.raises(ValueError):
        mm.rfm(src, START, END, split="mode")


def test_rfm_segments_agree_with_the_member_list():
    for split in ("mean", "median"):
        counts = mm.rfm_members(rfm_source(), START, END, split=split)["segment"].value_counts()
        seg = mm.rfm(rfm_source(), START, END, split=split)
        assert {k: v for k, v in zip(seg["segment"], seg["customers"], strict=True) if v} == dict(
            counts
        )


def test_rfm_without_buyers_is_empty_not_an_error():
    src = Source({"orders": orders(("e1", "E", "2024-03-08 10:00", "200.00", "refunded"))})
    seg = mm.rfm(src, START, END)
    assert list(seg["customers"]) == [0] * 8
    assert seg["gmv_share"].isna().all()
    splits = mm.rfm_splits(src, START, END).iloc[0]
    assert splits["buyers"] == 0 and splits["recency"] is None
    assert mm.rfm_members(src, START, END).empty


# -- tiers ---------------------------------------------------------------------------------
# Members (all joined 2023-01-01 unless said): tier window 2023-03-12 … 2024-03-10.
#   M1  300 on 2023-03-12 (first day of the window) + 200 on 2024-03-10 → 500 → 银卡 (= t1)
#   M2  5000 on 2023-03-11 23:59 (one day before the window) + 499.99 → 499.99 → 普通会员
#   M3  2000 on 2024-02-01 → 金卡 (= t2); 5000 on 2024-03-11 (the analysis day) is after it
#   M4  3000 + 2000 → 5000 → 钻石卡 (= t3)
#   M5  only a refunded order of 8000 → 0 → 普通会员
#   M6  exported 钻石卡, 100 paid → 钻石卡 as exported, 普通会员 by the rule
#   M7  joins on 2024-03-11, the analysis day: not yet a member
#   M8  joined 2024-03-10, exported tier '' (empty = none), no orders → 普通会员
#   M9  exported 'VIP1' (a name outside the rule), no orders → its own row; 普通会员 by rule
#   X   not a member: 1000 paid, counted only without a members table
TIER_MEMBERS = frame(
    "user_id joined_at tier",
    ("M1", "2023-01-01 10:00", None),
    ("M2", "2023-01-01 10:00", None),
    ("M3", "2023-01-01 10:00", None),
    ("M4", "2023-01-01 10:00", None),
    ("M5", "2023-01-01 10:00", None),
    ("M6", "2023-01-01 10:00", "钻石卡"),
    ("M7", "2024-03-11 09:00", "金卡"),
    ("M8", "2024-03-10 21:00", ""),
    ("M9", "2023-01-01 10:00", " VIP1 "),
)
TIER_ORDERS = orders(
    ("1a", "M1", "2023-03-12 00:00", "300.00", "paid"),
    ("1b", "M1", "2024-03-10 23:59", "200.00", "paid"),
    ("2a", "M2", "2023-03-11 23:59", "5000.00", "paid"),
    ("2b", "M2", "2024-01-01 10:00", "499.99", "paid"),
    ("3a", "M3", "2024-02-01 10:00", "2000.00", "paid"),
    ("3b", "M3", "2024-03-11 00:00", "5000.00", "paid"),
    ("4a", "M4", "2024-02-01 10:00", "3000.00", "paid"),
    ("4b", "M4", "2024-02-02 10:00", "2000.00", "paid"),
    ("5a", "M5", "2024-02-01 10:00", "8000.00", "refunded"),
    ("6a", "M6", "2024-03-01 10:00", "100.00", "paid"),
    ("xa", "X", "2024-03-01 10:00", "1000.00", "paid"),
)


def tier_source() -> Source:
    return Source({"orders": TIER_ORDERS, "members": TIER_MEMBERS})


def tier_rows(src: Source, **options) -> dict:
    df = mm.tiers(src, START, END, **options)
    assert list(df.columns) == [
        "tier",
        "members",
        "gmv",
        "gmv_share",
        "orders_per_member",
        "repurchase_rate",
    ]
    return {
        r["tier"]: (
            r["members"],
            r["gmv"],
            r["gmv_share"],
            r["orders_per_member"],
            r["repurchase_rate"],
        )
        for r in df.to_dict("records")
    }


def test_tiers_exported_where_present_else_the_rule():
    total = 8099.99  # 499.99 (M2) + 500 (M1) + 2000 (M3) + 5100 (M4 5000 + M6 100)
    got = tier_rows(tier_source())
    assert list(got) == ["普通会员", "银卡", "金卡", "钻石卡", "VIP1"]
    assert got["普通会员"] == (
        3,  # M2, M5, M8
        499.99,
        pytest.approx(499.99 / total),
        pytest.approx(1 / 3),  # 1 paid order / 3 members (M5, M8 without orders included)
        0.0,  # of 1 buyer (M2), 0 with >= 2 orders
    )
    assert got["银卡"] == (1, 500.0, pytest.approx(500 / total), 2.0, 1.0)  # M1: 2 orders
    assert got["金卡"] == (1, 2000.0, pytest.approx(2000 / total), 1.0, 0.0)  # M3
    # M4 (2 orders, 5000) and M6 (1 order, 100): 3 orders / 2, 1 repeat buyer of 2
    assert got["钻石卡"] == (2, 5100.0, pytest.approx(5100 / total), 1.5, 0.5)
    assert got["VIP1"] == (1, 0.0, 0.0, 0.0, None)  # no buyer: repurchase undefined


def test_tiers_by_the_rule_only():
    total = 8099.99
    got = tier_rows(tier_source(), source="rule")
    assert list(got) == ["普通会员", "银卡", "金卡", "钻石卡"]
    # M2, M5, M6, M8, M9: 499.99 + 100; 2 orders / 5; buyers M2, M6, no repeat
    assert got["普通会员"] == (5, 599.99, pytest.approx(599.99 / total), 0.4, 0.0)
    assert got["钻石卡"] == (1, 5000.0, pytest.approx(5000 / total), 2.0, 1.0)  # M4


def test_tier_window_edges_and_editable_thresholds():
    # t1 = 400: M2's 499.99 is 银卡 (its 5000 of 2023-03-11 is one day outside the window);
    # t3 = 5000.01: M4's 5000 drops to 金卡.
    got = tier_rows(tier_source(), source="rule", t1=400, t3=5000.01)
    assert got["普通会员"][0] == 4  # M5, M6, M8, M9
    assert got["银卡"][:2] == (2, 999.99)  # M1 500 + M2 499.99
    assert got["金卡"][:2] == (2, 7000.0)  # M3 2000 + M4 5000
    assert got["钻石卡"][:3] == (0, 0.0, 0.0)
    assert got["钻石卡"][3:] == (None, None)
    # Moving the analysis day one day earlier (end 03-09): the window starts on 2023-03-11,
    # so M2's 5000 counts (钻石卡) while M1's 300 of 2023-03-12 still counts and its 200 of
    # 03-10 no longer does (300 → 普通会员); M8 (joined 03-10) is not yet a member.
    df = mm.tiers(tier_source(), START, D(2024, 3, 9), source="rule")
    got = dict(zip(df["tier"], df["members"], strict=True))
    assert got == {"普通会员": 4, "银卡": 0, "金卡": 1, "钻石卡": 2}  # M1 M5 M6 M9 / M3 / M2 M4
    with pytest.raises(ValueError):
        mm.tiers(tier_source(), START, END, t1=3000, t2=2000)
    with pytest.raises(ValueError):
        mm.tiers(tier_source(), START, END, source="guess")
    with pytest.raises(TypeError):
        mm.tiers(tier_source(), START, END, split="mean")


def test_tiers_without_members_table_cover_every_user_in_orders():
    # People: M1…M6 and X (M5 has only a refunded order: a user in orders, 0 paid).
    total = 9099.99  # 8099.99 - 100 (M6 is no longer exported) + 100 + 1000 (X)
    got = tier_rows(Source({"orders": TIER_ORDERS}))
    assert list(got) == ["普通会员", "银卡", "金卡", "钻石卡"]
    # M2 (499.99), M5 (0), M6 (100): 2 orders / 3
    assert got["普通会员"] == (3, 599.99, pytest.approx(599.99 / total), pytest.approx(2 / 3), 0.0)
    # M1 (500, 2 orders) and X (1000, 1 order): 3 / 2; 1 repeat buyer of 2
    assert got["银卡"] == (2, 1500.0, pytest.approx(1500 / total), 1.5, 0.5)
    assert got["金卡"][0] == 1 and got["钻石卡"][0] == 1


def test_tier_movement_from_the_first_day_to_the_analysis_day():
    # Tier at 2024-02-01: paid amount over 2023-02-01 … 2024-01-31 (rule only).
    #   M1 300 → 普通会员, then 500 → 银卡; M2 5000 + 499.99 → 钻石卡, then 499.99 → 普通会员;
    #   M3 0 → 金卡; M4 0 → 钻石卡; M5, M6, M9 普通会员 → 普通会员;
    #   M8 joined 2024-03-10: new → 普通会员; M7 (joins on the analysis day) is not counted.
    df = mm.tier_movement(tier_source(), START, END, source="rule")
    assert list(df.columns) == ["from_tier", "to_tier", "members"]
    assert list(df.itertuples(index=False, name=None)) == [
        ("new", "普通会员", 1),
        ("普通会员", "普通会员", 3),
        ("普通会员", "银卡", 1),
        ("普通会员", "金卡", 1),
        ("普通会员", "钻石卡", 1),
        ("钻石卡", "普通会员", 1),
    ]
    # The right-hand side is the rule tiers of the analysis day.
    to = df.groupby("to_tier")["members"].sum().to_dict()
    rule = mm.tiers(tier_source(), START, END, source="rule")
    assert to == {k: v for k, v in zip(rule["tier"], rule["members"], strict=True) if v}


def test_tier_movement_follows_the_tier_table_exported_tiers_included():
    # issue 18.8: by default the tier table shows exported tiers (M6 钻石卡, M9 VIP1); the
    # movement uses the same tiers, so its right side is the table. An exported tier holds
    # on any day: M6 and M9 keep theirs on both sides. The rest as by the rule.
    df = mm.tier_movement(tier_source(), START, END)
    assert list(df.itertuples(index=False, name=None)) == [
        ("new", "普通会员", 1),  # M8
        ("普通会员", "普通会员", 1),  # M5
        ("普通会员", "银卡", 1),  # M1
        ("普通会员", "金卡", 1),  # M3
        ("普通会员", "钻石卡", 1),  # M4
        ("钻石卡", "普通会员", 1),  # M2
        ("钻石卡", "钻石卡", 1),  # M6 (exported)
        ("VIP1", "VIP1", 1),  # M9 (exported, a name outside the rule: last)
    ]
    for options in ({}, {"source": "exported"}, {"source": "rule"}, {"t1": 400, "t3": 5000.01}):
        table = mm.tiers(tier_source(), START, END, **options)
        moved = mm.tier_movement(tier_source(), START, END, **options)
        to = moved.groupby("to_tier")["members"].sum().to_dict()
        assert to == {k: v for k, v in zip(table["tier"], table["members"], strict=True) if v}
    with pytest.raises(ValueError):
        mm.tier_movement(tier_source(), START, END, source="guess")


def test_tier_movement_without_members_counts_first_orders_as_new():
    # People at a day: users with an order (any status) before it. Before 2024-02-01 only M1
    # and M2 had ordered; M3, M4, M5, M6 and X first ordered in the period → new.
    df = mm.tier_movement(Source({"orders": TIER_ORDERS}), START, END)
    assert list(df.itertuples(index=False, name=None)) == [
        ("new", "普通会员", 2),  # M5, M6
        ("new", "银卡", 1),  # X
        ("new", "金卡", 1),  # M3
        ("new", "钻石卡", 1),  # M4
        ("普通会员", "银卡", 1),  # M1
        ("钻石卡", "普通会员", 1),  # M2
    ]


# -- layers --------------------------------------------------------------------------------
# Layer window 2024-02-10 … 2024-03-10 (30 days). Members (joined 2023-01-01 unless said):
#   P1  joined 2024-01-01, nothing since             → potential, dormant
#   P2  joined 2024-03-01, nothing                   → potential (too new to be dormant)
#   P3  joined 2024-01-01, activity 03-05            → potential
#   P4  100 on 02-10 (first day of the window)       → active
#   P5  100 and activity on 02-09 (a day outside)    → dormant
#   P6  6000 on 2024-01-01 → 钻石卡                  → high_value, dormant
#   P7  no orders, left 2024-03-01                   → in no layer
#   P8  no orders, leaves 2024-03-11 (the analysis day), activity 03-10 → potential
#   P9  exported 金卡, 10 on 03-05                   → active, high_value
#   P10 700 on 03-01 and 03-02                       → active, high_value (重要价值)
#   N   not a member, 50 on 03-05: a buyer for RFM only
# RFM over the 6 buyers P4 P5 P6 P9 P10 N (mean): R 30 31 70 6 9 6 (sum 152, mean 25.33),
# F 1 1 1 1 2 1 (mean 1.17), M 100 100 6000 10 1400 50 (sum 7660, mean 1276.67):
#   P10 R9 high, F2 high, M1400 high → important_value; P6 R70 low → important_retain.
LAYER_MEMBERS = frame(
    "user_id joined_at left_at tier nickname phone",
    ("P1", "2024-01-01 10:00", None, None, "张三丰", "138****1234"),
    ("P2", "2024-03-01 10:00", None, None, None, None),
    ("P3", "2024-01-01 10:00", None, None, None, None),
    ("P4", "2023-01-01 10:00", None, None, None, None),
    ("P5", "2023-01-01 10:00", None, None, None, None),
    ("P6", "2023-01-01 10:00", None, None, None, None),
    ("P7", "2023-01-01 10:00", "2024-03-01 10:00", None, None, None),
    ("P8", "2023-01-01 10:00", "2024-03-11 10:00", None, None, None),
    ("P9", "2023-01-01 10:00", None, "金卡", None, None),
    ("P10", "2023-01-01 10:00", None, None, None, None),
)
LAYER_ORDERS = orders(
    ("4", "P4", "2024-02-10 00:00", "100.00", "paid"),
    ("5", "P5", "2024-02-09 23:59", "100.00", "paid"),
    ("6", "P6", "2024-01-01 10:00", "6000.00", "paid"),
    ("9", "P9", "2024-03-05 10:00", "10.00", "paid"),
    ("10a", "P10", "2024-03-01 10:00", "700.00", "paid"),
    ("10b", "P10", "2024-03-02 10:00", "700.00", "paid"),
    ("n", "N", "2024-03-05 10:00", "50.00", "paid"),
    ("1x", "P1", "2024-03-05 10:00", "80.00", "cancelled"),  # not an order for any layer
)
LAYER_ACTIVITY = frame(
    "user_id at kind",
    ("P3", "2024-03-05 10:00", "message"),
    ("P5", "2024-02-09 10:00", "message"),
    ("P8", "2024-03-10 22:00", "view"),
)


def layer_source(**drop) -> Source:
    tables = {"orders": LAYER_ORDERS, "members": LAYER_MEMBERS, "activity": LAYER_ACTIVITY}
    return Source({k: v for k, v in tables.items() if k not in drop})


def layer_counts(src: Source, **options) -> dict:
    df = mm.layers(src, START, END, **options)
    assert list(df.columns) == ["layer", "members"]
    assert list(df["layer"]) == ["potential", "active", "high_value", "dormant"]
    return dict(zip(df["layer"], df["members"], strict=True))


def layer_people(src: Source, **options) -> dict:
    df = mm.layer_members(src, START, END, **options)
    return {k: list(g["user_id"]) for k, g in df.groupby("layer", sort=False)}


def test_layers_hand_computed():
    assert layer_counts(layer_source()) == {
        "potential": 4,
        "active": 3,
        "high_value": 3,
        "dormant": 3,
    }
    assert layer_people(layer_source()) == {
        "potential": ["P1", "P2", "P3", "P8"],
        "active": ["P10", "P4", "P9"],
        "high_value": ["P10", "P6", "P9"],
        "dormant": ["P1", "P5", "P6"],
    }
    assert mm.LAYER_GROUPS == {
        "potential": "福利群",
        "active": "会员群",
        "high_value": "VIP群",
        "dormant": "召回群",
    }


def test_layer_options_tier_source_and_window():
    # By the rule P9's 10 yuan is 普通会员 (and its RFM segment general_develop).
    assert layer_counts(layer_source(), source="rule")["high_value"] == 2
    # 31 days (02-09 … 03-10): P5 is active, no longer dormant.
    assert layer_counts(layer_source(), days=31) == {
        "potential": 4,
        "active": 4,
        "high_value": 3,
        "dormant": 2,
    }


def test_layers_without_activity_judge_dormant_by_orders():
    # P3 and P8 had only activity: now dormant too.
    assert layer_people(layer_source(activity=True), layer="dormant") == {
        "dormant": ["P1", "P3", "P5", "P6", "P8"]
    }


def test_layers_on_an_orders_only_dataset():
    # People: P4 P5 P6 P9 P10 N and P1 (a cancelled order on 03-05: a user in the orders,
    # too recent to be dormant); potential needs a members table.
    src = layer_source(members=True, activity=True)
    assert layer_counts(src) == {"potential": None, "active": 4, "high_value": 2, "dormant": 2}
    assert layer_people(src) == {
        "active": ["N", "P10", "P4", "P9"],
        "high_value": ["P10", "P6"],
        "dormant": ["P5", "P6"],
    }


def test_layer_list_details_and_masking():
    df = mm.layer_members(layer_source(), START, END, layer="dormant")
    assert list(df.columns) == [
        "layer",
        "user_id",
        "tier",
        "segment",
        "last_order_day",
        "last_activity_day",
        "nickname",
        "phone",
    ]
    rows = by(df, "user_id")
    assert rows["P1"]["nickname"] == "张**" and rows["P1"]["phone"] == "138****1234"
    assert rows["P1"]["segment"] is None and rows["P1"]["last_order_day"] is None
    assert rows["P5"]["last_order_day"] == D(2024, 2, 9)
    assert rows["P5"]["last_activity_day"] == D(2024, 2, 9)
    assert (rows["P6"]["tier"], rows["P6"]["segment"]) == ("钻石卡", "important_retain")
    with pytest.raises(ValueError):
        mm.layer_members(layer_source(), START, END, layer="vip")


def test_layer_counts_agree_with_the_lists():
    for options in ({}, {"source": "rule", "split": "median", "days": 7}):
        counts = layer_counts(layer_source(), **options)
        people = layer_people(layer_source(), **options)
        assert counts == {k: len(people.get(k, [])) for k in mm.LAYERS}


# -- whole-data facts or day sums ----------------------------------------------------------
# Each query reads the whole-data base facts (person_facts, person_activity) when they cover
# the analysis day (`_covered`), else sums person_days: the two ways must agree.


def test_tiers_after_the_last_order_still_count_only_the_window():
    # END 2024-03-20: every paid order lies before as_of 03-21, but the tier window
    # (2023-03-22 … 2024-03-20) misses M1's 300 of 2023-03-12 and M2's 5000 of 2023-03-11, so
    # the whole-data amounts (M1 500 → 银卡, M2 5499.99 → 钻石卡) must not be used.
    assert mm._covered(tier_source(), D(2024, 3, 21)) == {
        "orders": True,
        "tier_window": False,
        "activity": True,
    }
    df = mm.tiers(tier_source(), START, D(2024, 3, 20), source="rule")
    # 普通会员: M1 200, M2 499.99, M5, M6 100, M7 (joined 03-11), M8, M9; 钻石卡: M3 7000, M4
    got = dict(zip(df["tier"], df["members"], strict=True))
    assert got == {"普通会员": 7, "银卡": 0, "金卡": 0, "钻石卡": 2}
    # At 02-01 (window 2023-02-01 … 2024-01-31): M1 300, M2 5499.99 → 钻石卡, the rest 0;
    # M7 and M8 joined after it → new.
    df = mm.tier_movement(tier_source(), START, D(2024, 3, 20), source="rule")
    assert list(df.itertuples(index=False, name=None)) == [
        ("new", "普通会员", 2),  # M7, M8
        ("普通会员", "普通会员", 4),  # M1, M5, M6, M9
        ("普通会员", "钻石卡", 2),  # M3, M4
        ("钻石卡", "普通会员", 1),  # M2
    ]


def orders_only_layer_source() -> Source:
    return layer_source(members=True, activity=True)


@pytest.mark.parametrize(
    "make", [rfm_source, layer_source, orders_only_layer_source], ids=lambda f: f.__name__
)
def test_whole_data_facts_and_day_sums_give_the_same_rows(make):
    src = make()
    after_all = D(2024, 3, 21)  # after every paid order and activity, within a year of them
    assert all(mm._covered(src, after_all).values())
    t1, t2, t3 = mm.thresholds()
    tier = {"t1": t1, "t2": t2, "t3": t3, "use_exported": True, "with_members": src.has("members")}
    layer = {**tier, "layer_days": 30, "rfm_split": "mean", "layer": "", "tag": None}
    rfm = {"rfm_split": "median", "rfm_segment": "", "personal": True, "tag": None}
    cases = [
        ("members_rfm", {**rfm, "as_of": after_all, "rfm_output": "buyers"}, ["user_id"]),
        ("members_rfm", {**rfm, "as_of": after_all, "rfm_output": "segments"}, ["segment_order"]),
        ("members_tiers", {**tier, "as_of": after_all}, ["tier_order", "tier"]),
        ("members_layers", {**layer, "as_of": after_all, "layer_output": "people"}, ["user_id"]),
        ("members_layers", {**layer, "as_of": after_all, "layer_output": "counts"}, []),
        (
            "members_tier_movement",
            {**tier, "from_day": START, "to_day": after_all},
            ["from_order", "to_order"],
        ),
    ]
    for name, params, keys in cases:
        whole = src.query(name, whole_data=True, whole_activity=True, **params)
        sums = src.query(name, whole_data=False, whole_activity=False, **params)
        if keys:
            whole = whole.sort_values(keys, ignore_index=True)
            sums = sums.sort_values(keys, ignore_index=True)
        pd.testing.assert_frame_equal(whole, sums, obj=f"{name} {params}")


# -- the CLI -------------------------------------------------------------------------------


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


def test_cli_prints_tiers_rfm_and_layers(tmp_path):
    orders_csv = tmp_path / "orders.csv"
    RFM_ORDERS.assign(ordered_at=RFM_ORDERS["ordered_at"].dt.strftime("%Y-%m-%d %H:%M")).to_csv(
        orders_csv, index=False
    )
    ws = tmp_path / "ws"
    siyu("import", str(orders_csv), "--dataset", "shop", "--table", "orders", ws=ws)
    period = ("--dataset", "shop", "--start", "2024-02-01", "--end", "2024-03-10")

    out = siyu("metric", "rfm-members", *period, ws=ws).stdout.splitlines()
    assert out[0] == "user_id,recency,frequency,monetary,r_high,f_high,m_high,segment"
    assert out[1] == "A,60,3,3000,false,true,true,important_keep"

    out = siyu("metric", "rfm", *period, "--set", "split=median", ws=ws).stdout.splitlines()
    assert out[0] == ("segment,customers,gmv,gmv_share,mean_recency,mean_frequency,mean_monetary")
    assert out[8] == "general_retain,2,630,0.110915,25,1,315"  # 630 / 5680 = 0.1109155

    out = siyu("metric", "tiers", *period, "--set", "t1=1000", ws=ws).stdout.splitlines()
    assert out[0] == "tier,members,gmv,gmv_share,orders_per_member,repurchase_rate"
    # Orders only: A B C D H E Z (E and Z never paid). 普通会员 < 1000: C D H E Z → 680
    assert out[1] == "普通会员,5,680,0.119718,0.6,0"

    out = siyu("metric", "layers", *period, ws=ws).stdout.splitlines()
    assert out[0] == "layer,members"
    assert out[1] == "potential,"  # no members table: undefined
    # Active (paid 02-10 … 03-10): B C D H. High value: A (3000) and B (2000) are 金卡 by the
    # rule. Dormant: A (last paid 01-11); E and Z first ordered on 03-08, inside the window.
    assert out[2:] == ["active,4", "high_value,2", "dormant,1"]

    # Default period: ends on the last day of data (03-11, B's order on the analysis day
    # 03-11 is now inside): as_of 2024-03-12, so A's R is 61.
    out = siyu("metric", "rfm-members", "--dataset", "shop", ws=ws).stdout.splitlines()
    assert out[1].startswith("A,61,3,3000,")

    bad = siyu("metric", "rfm", *period, "--set", "colour=red", ws=ws, check=False)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
