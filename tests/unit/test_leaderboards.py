"""Leaderboards and fission metrics (`siyu.metrics.leaderboards`), pinned to hand-computed values.

Tiny DataFrames built here; each expected value carries its arithmetic in a comment.
Periods (2024 is a leap year):
    P    = Mon 2024-03-04 … Sun 2024-03-10 (7 days)
    prev = Mon 2024-02-26 … Sun 2024-03-03 (the previous period of equal length)
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source
from siyu.metrics import leaderboards as lb

D = dt.date
P = (D(2024, 3, 4), D(2024, 3, 10))
ROOT = Path(__file__).resolve().parents[2]


def frame(columns: str, *rows: tuple) -> pd.DataFrame:
    """A DataFrame from a column list and rows; timestamps given as 'YYYY-MM-DD HH:MM'."""
    names = columns.split()
    df = pd.DataFrame(
        [dict(zip(names, row, strict=True)) for row in rows], columns=names, dtype=object
    )
    for col in ("ordered_at", "joined_at", "left_at", "at"):
        if col in df:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d %H:%M")
    return df


def rows(df: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


# -- buyers board ----------------------------------------------------------------------------

BUYER_ORDERS = frame(
    "order_id user_id ordered_at amount status nickname",
    # period P
    ("o01", "A", "2024-03-04 00:00", "100.00", "paid", "阿A"),
    ("o02", "A", "2024-03-06 12:00", "50.00", None, "张三丰"),  # null status = paid
    ("o03", "B", "2024-03-05 09:00", "150.00", "paid", "李四"),
    ("o04", "C", "2024-03-10 23:59", "200.00", "paid", None),  # last minute of P
    ("o05", "C", "2024-03-11 00:00", "1000.00", "paid", None),  # after P
    ("o06", "D", "2024-03-07 10:00", "80.00", "paid", "王五"),
    ("o07", "D", "2024-03-07 11:00", "500.00", "refunded", "王五"),  # not paid
    ("o08", "D", "2024-03-07 12:00", "0.00", "paid", "王五"),  # 0-yuan welfare claim
    ("o09", "E", "2024-03-08 12:00", "999.00", "cancelled", None),  # E never paid
    # previous period
    ("p01", "X", "2024-02-26 00:00", "300.00", "paid", None),  # first minute of prev
    ("p02", "D", "2024-02-28 10:00", "200.00", "paid", None),
    ("p03", "A", "2024-03-03 23:59", "100.00", "paid", None),
    ("p04", "B", "2024-02-25 23:59", "900.00", "paid", None),  # before prev: on no board
)
BUYER_MEMBERS = frame(
    "user_id joined_at nickname",
    ("A", "2024-01-01 00:00", "张三丰"),
    ("Z", "2024-01-01 00:00", "x"),
)


def buyers_source() -> Source:
    return Source({"orders": BUYER_ORDERS, "members": BUYER_MEMBERS})


def test_buyers_board_ties_share_a_rank_and_are_listed_by_id():
    board = lb.leaderboard_buyers(buyers_source(), *P, top="all")
    # GMV in P: C 200 | A 100 + 50 = 150 | B 150 | D 80 (o07 refunded, o08 0 yuan); E none
    # ranks 1, 2, 2, 4; A before B (same rank, by id)
    assert rows(board, "rank", "user_id", "gmv", "orders") == [
        (1, "C", 200.0, 1),
        (2, "A", 150.0, 2),
        (2, "B", 150.0, 1),
        (4, "D", 80.0, 1),
    ]
    assert list(board.columns) == [
        "rank",
        "user_id",
        "gmv",
        "orders",
        "previous_rank",
        "rank_change",
    ]


def test_buyers_board_rank_change_against_the_previous_period():
    board = lb.leaderboard_buyers(buyers_source(), *P, top="all")
    # prev GMV: X 300 (rank 1), D 200 (2), A 100 (3); B's order is before prev, C has none
    # C new; A 3 -> 2 = +1; B new; D 2 -> 4 = -2
    assert rows(board, "user_id", "previous_rank", "rank_change") == [
        ("C", None, "new"),
        ("A", 3, "+1"),
        ("B", None, "new"),
        ("D", 2, "-2"),
    ]


def test_buyers_board_ranked_by_orders_ranks_the_previous_period_by_orders_too():
    board = lb.leaderboard_buyers(buyers_source(), *P, top="all", rank_by="orders")
    # paid orders in P: A 2 (rank 1); B, C, D 1 each (rank 2); prev: X, D, A 1 each (rank 1)
    assert rows(board, "rank", "user_id", "previous_rank", "rank_change") == [
        (1, "A", 1, "0"),
        (2, "B", None, "new"),
        (2, "C", None, "new"),
        (2, "D", 1, "-1"),
    ]


def test_top_n_keeps_every_row_tied_at_the_cut():
    src = buyers_source()
    # ranks 1 (C), 2 (A), 2 (B), 4 (D)
    assert list(lb.leaderboard_buyers(src, *P, top=1)["user_id"]) == ["C"]
    assert list(lb.leaderboard_buyers(src, *P, top=2)["user_id"]) == ["C", "A", "B"]
    assert list(lb.leaderboard_buyers(src, *P, top=3)["user_id"]) == ["C", "A", "B"]
    assert list(lb.leaderboard_buyers(src, *P, top=4)["user_id"]) == ["C", "A", "B", "D"]
    assert len(lb.leaderboard_buyers(src, *P, top=0)) == 4  # 0 and 'all': every row
    assert len(lb.leaderboard_buyers(src, *P)) == 4  # default top 10


def test_board_names_are_masked_member_nickname_first():
    board = lb.leaderboard_buyers(buyers_source(), *P, top="all", names=True)
    # A: member nickname 张三丰 -> 张** (not the order's); B: latest order nickname 李四 -> 李*;
    # C: no nickname anywhere; D: 王五 -> 王*
    assert rows(board, "user_id", "name") == [
        ("C", None),
        ("A", "张**"),
        ("B", "李*"),
        ("D", "王*"),
    ]
    assert list(board.columns)[:3] == ["rank", "user_id", "name"]


def test_buyers_board_gmv_sums_to_the_overview_gmv():
    src = buyers_source()
    board = lb.leaderboard_buyers(src, *P, top="all")
    kpis = metrics.kpis(src, *P).set_index("metric")["value"]
    # 200 + 150 + 150 + 80 = 580.00
    assert sum(Decimal(str(v)) for v in board["gmv"]) == Decimal("580.00")
    assert kpis["gmv"] == 580.0


def test_buyers_board_gmv_sums_to_the_overview_gmv_on_the_demo_dataset(demo_root):
    from siyu.workspace import Workspace

    src = Workspace(demo_root).source("demo")
    start, end = metrics.default_period(src)
    board = lb.leaderboard_buyers(src, start, end, top="all")
    kpis = metrics.kpis(src, start, end).set_index("metric")["value"]
    assert len(board) == kpis["buyers"]
    assert float(sum(Decimal(str(v)) for v in board["gmv"])) == kpis["gmv"]
    assert int(board["orders"].sum()) == kpis["orders"]


def test_bad_options_are_refused():
    src = buyers_source()
    with pytest.raises(ValueError):
        lb.leaderboard_buyers(src, *P, rank_by="invites")
    with pytest.raises(ValueError):
        lb.leaderboard_buyers(src, *P, top=-1)
    with pytest.raises(ValueError):
        lb.leaderboard_buyers(src, *P, top="ten")
    with pytest.raises(ValueError):
        lb.leaderboard_buyers(src, P[1], P[0])
    # `by` is a synonym of rank_by
    assert lb.leaderboard_buyers(src, *P, by="orders")["user_id"].iloc[0] == "A"


def test_rank_change_reads_as_arrows():
    assert lb.rank_change_arrow("+3") == "↑3"
    assert lb.rank_change_arrow("-1") == "↓1"
    assert lb.rank_change_arrow("0") == "–"
    assert lb.rank_change_arrow("new", "新上榜") == "新上榜"
    assert lb.rank_change_arrow(None, "new") == "new"


# -- inviters board --------------------------------------------------------------------------

INVITE_MEMBERS = frame(
    "user_id joined_at inviter_id nickname",
    ("I1", "2024-01-01 00:00", None, "邀请王"),
    ("I2", "2024-01-01 00:00", None, None),
    ("I3", "2024-01-01 00:00", None, None),
    ("a1", "2024-03-04 10:00", "I1", None),  # first order day 7: effective (edge)
    ("a2", "2024-03-05 10:00", "I1", None),  # first order day 8: not effective
    ("a3", "2024-03-10 23:00", "I1", None),  # first order day 0: effective
    ("b1", "2024-03-06 10:00", "I2", None),  # first order before joining: not effective
    ("b2", "2024-03-07 10:00", "I2", None),  # refunded, then paid on day 2: effective
    ("b3", "2024-03-08 10:00", "I2", None),  # never ordered
    ("c1", "2024-03-01 10:00", "I3", None),  # joined before P: an invite of prev only
    ("c2", "2024-03-09 10:00", "I3", None),  # first order day 0: effective
    ("d1", "2024-03-04 08:00", "Z9", None),  # inviter Z9 is no member; effective
    ("p1", "2024-02-27 10:00", "I2", None),  # prev
    ("p2", "2024-02-28 10:00", "I2", None),  # prev
    ("p3", "2024-02-26 10:00", "Z9", None),  # prev
    ("q1", "2024-01-15 10:00", "I1", None),  # neither period
)
INVITE_ORDERS = frame(
    "order_id user_id ordered_at amount status",
    ("1", "a1", "2024-03-11 09:00", "10.00", "paid"),  # 03-04 + 7
    ("2", "a2", "2024-03-13 09:00", "10.00", "paid"),  # 03-05 + 8
    ("3", "a3", "2024-03-10 23:30", "10.00", "paid"),
    ("4", "b1", "2024-03-01 09:00", "10.00", "paid"),  # before joining
    ("5", "b1", "2024-03-07 09:00", "10.00", "paid"),  # not the first order
    ("6", "b2", "2024-03-07 11:00", "10.00", "refunded"),
    ("7", "b2", "2024-03-09 11:00", "10.00", "paid"),
    ("8", "c2", "2024-03-09 12:00", "10.00", "paid"),
    ("9", "d1", "2024-03-04 09:00", "10.00", "paid"),
)


def invite_source(**extra) -> Source:
    return Source({"members": INVITE_MEMBERS, "orders": INVITE_ORDERS, **extra})


def test_inviters_board_counts_invites_and_effective_invites_at_the_7_day_edge():
    board = lb.leaderboard_inviters(invite_source(), *P, top="all")
    # I1: a1 a2 a3 = 3 invites; effective a1 (day 7), a3 (day 0) = 2 (a2 on day 8)
    # I2: b1 b2 b3 = 3; effective b2 only (b1's first order precedes the join) = 1
    # I3: c2 = 1 (c1 joined before P); effective 1.  Z9: d1 = 1; effective 1
    # by invites: I1 3, I2 3 -> rank 1, 1; I3 1, Z9 1 -> rank 3, 3
    assert rows(board, "rank", "user_id", "invites", "effective_invites") == [
        (1, "I1", 3, 2),
        (1, "I2", 3, 1),
        (3, "I3", 1, 1),
        (3, "Z9", 1, 1),
    ]
    assert board["invite_conversion"].tolist() == [2 / 3, 1 / 3, 1.0, 1.0]
    assert list(board.columns) == [
        "rank",
        "user_id",
        "invites",
        "effective_invites",
        "invite_conversion",
        "pending",
        "previous_rank",
        "rank_change",
    ]


def test_inviters_board_rank_change_with_an_invitee_who_joined_before_the_period():
    board = lb.leaderboard_inviters(invite_source(), *P, top="all")
    # prev invites: I2 p1 p2 = 2 (rank 1); I3 c1 = 1, Z9 p3 = 1 (rank 2); I1 none (q1 is older)
    # I1 new; I2 1 -> 1 = 0; I3 2 -> 3 = -1; Z9 2 -> 3 = -1
    assert rows(board, "user_id", "previous_rank", "rank_change") == [
        ("I1", None, "new"),
        ("I2", 1, "0"),
        ("I3", 2, "-1"),
        ("Z9", 2, "-1"),
    ]


def test_inviters_board_by_conversion_and_the_cut():
    src = invite_source()
    board = lb.leaderboard_inviters(src, *P, top="all", rank_by="invite_conversion")
    # I3 1.0, Z9 1.0 -> rank 1; I1 2/3 -> 3; I2 1/3 -> 4
    assert rows(board, "rank", "user_id") == [(1, "I3"), (1, "Z9"), (3, "I1"), (4, "I2")]
    # top 1 by invites: I1 and I2 tie at rank 1, both shown
    assert list(lb.leaderboard_inviters(src, *P, top=1)["user_id"]) == ["I1", "I2"]


def test_effective_window_is_an_option():
    board = lb.leaderboard_inviters(invite_source(), *P, top="all", effective_days=8)
    # with 8 days a2 (first order on day 8) counts too: I1 3 of 3
    assert board.set_index("user_id").loc["I1", "effective_invites"] == 3


def test_inviters_board_without_orders_leaves_effective_columns_empty():
    src = Source({"members": INVITE_MEMBERS})
    board = lb.leaderboard_inviters(src, *P, top="all", names=True)
    assert rows(board, "user_id", "invites") == [("I1", 3), ("I2", 3), ("I3", 1), ("Z9", 1)]
    assert board["effective_invites"].tolist() == [None] * 4
    assert board["invite_conversion"].tolist() == [None] * 4
    assert board["name"].tolist() == ["邀**", None, None, None]
    assert lb.leaderboard_inviters(src, *P, rank_by="effective_invites").empty


# -- groups board ----------------------------------------------------------------------------

GROUP_MEMBERS = frame(
    "user_id joined_at left_at group_id",
    ("m1", "2024-01-01 00:00", None, "G1"),
    ("m2", "2024-03-06 00:00", None, "G1"),  # new in P
    ("m3", "2024-01-01 00:00", "2024-03-08 10:00", "G2"),  # in the domain 03-04 … 03-07
    ("m4", "2024-03-05 00:00", None, "G2"),  # new in P
)
GROUP_ORDERS = frame(
    "order_id user_id ordered_at amount status group_id",
    ("g0", "m1", "2024-02-27 10:00", "40.00", "paid", "G1"),  # prev; m1's first order
    ("g1", "m1", "2024-03-06 10:00", "100.00", "paid", None),  # no group: m1's main group G1
    ("g2", "m2", "2024-03-06 11:00", "50.00", "paid", "G2"),  # counts in G2, m2 is a G1 member
    ("g3", "m4", "2024-03-10 09:00", "30.00", "paid", "G2"),
    ("g4", "nm1", "2024-03-07 09:00", "20.00", "paid", "G1"),  # no member
    ("g5", "nm2", "2024-03-08 09:00", "10.00", "paid", "G3"),  # a group only orders name
    ("g6", "nm3", "2024-03-08 10:00", "5.00", "paid", None),  # no group at all
    ("g7", "m2", "2024-03-20 10:00", "50.00", "paid", "G2"),  # m2's repurchase; last order
)
GROUP_ACTIVITY = frame(
    "user_id at kind",
    ("m1", "2024-03-04 09:00", "message"),
    ("m3", "2024-03-05 09:00", "message"),
    ("m3", "2024-03-08 11:00", "message"),  # after leaving: not counted
    ("m4", "2024-03-10 08:00", "view"),
)
GROUPS = frame("group_id name", ("G1", "福利群1"), ("G2", "VIP群"))


def group_source() -> Source:
    return Source(
        {
            "members": GROUP_MEMBERS,
            "orders": GROUP_ORDERS,
            "activity": GROUP_ACTIVITY,
            "groups": GROUPS,
        }
    )


def test_groups_board_by_gmv_hand_computed():
    board = lb.leaderboard_groups(group_source(), *P, top="all", names=True)
    # GMV: G1 = g1 100 (main group) + g4 20 = 120, buyers m1 nm1 = 2
    #      G2 = g2 50 + g3 30 = 80, buyers m2 m4 = 2;  G3 = g5 10, buyers 1; g6 in no group
    # new members: G1 m2, G2 m4 = 1 each; G3 0
    # daily active (last day of data 03-20, so all 7 days count):
    #   G1 in domain 1,1,2,2,2,2,2; active m1 03-04, m1+m2 03-06 -> (1+0+1+0+0+0+0)/7 = 2/7
    #   G2 in domain 1,2,2,2,1,1,1; active m3 03-05, m4 03-10 -> (0+.5+0+0+0+0+1)/7 = 3/14
    #   G3 no member: undefined
    # repurchase (first buyers of P by the first order's group): G1 nm1 -> 0/1;
    #   G2 m2 (g7 later) and m4 -> 1/2; G3 nm2 -> 0/1 (m1's first order is in prev)
    assert rows(board, "rank", "group_id", "name", "gmv", "buyers", "members") == [
        (1, "G1", "福利群1", 120.0, 2, 1),
        (2, "G2", "VIP群", 80.0, 2, 1),
        (3, "G3", None, 10.0, 1, 0),
    ]
    assert board["daily_active_rate"].tolist() == pytest.approx([2 / 7, 3 / 14, None])
    assert board["repurchase_rate"].tolist() == [0.0, 0.5, 0.0]
    # prev GMV: G1 40 (rank 1); G2 0 but on the board (m3 in the domain: rate 0) (rank 2)
    assert rows(board, "previous_rank", "rank_change") == [(1, "0"), (2, "0"), (None, "new")]


def test_groups_board_by_rates_skips_undefined_values():
    src = group_source()
    by_active = lb.leaderboard_groups(src, *P, top="all", rank_by="daily_active_rate")
    assert rows(by_active, "rank", "group_id") == [(1, "G1"), (2, "G2")]  # G3 undefined
    by_repurchase = lb.leaderboard_groups(src, *P, top="all", rank_by="repurchase_rate")
    # G2 0.5 rank 1; G1 0.0 and G3 0.0 rank 2. prev: G1 m1 (2 orders ever) 1/1 -> rank 1;
    # G2 has no first buyer in prev (undefined) -> new
    assert rows(by_repurchase, "rank", "group_id", "previous_rank", "rank_change") == [
        (1, "G2", None, "new"),
        (2, "G1", 1, "-1"),
        (2, "G3", None, "new"),
    ]
    by_members = lb.leaderboard_groups(src, *P, top=1, rank_by="members")
    assert rows(by_members, "rank", "group_id") == [(1, "G1"), (1, "G2")]  # tie at the cut


def test_groups_board_without_members_table():
    src = Source({"orders": GROUP_ORDERS})
    board = lb.leaderboard_groups(src, *P, top="all")
    # without members the order g1 has no group: G1 = g4 20; G2 = 80; G3 = 10
    assert rows(board, "rank", "group_id", "gmv") == [
        (1, "G2", 80.0),
        (2, "G1", 20.0),
        (3, "G3", 10.0),
    ]
    assert board["members"].tolist() == [None] * 3
    assert board["daily_active_rate"].tolist() == [None] * 3


# -- products board --------------------------------------------------------------------------

PRODUCT_ORDERS = frame(
    "order_id user_id ordered_at amount status product quantity",
    ("1", "A", "2024-03-04 10:00", "60.00", "paid", "鸡蛋", 2),
    ("2", "B", "2024-03-05 10:00", "30.00", "paid", "鸡蛋", None),  # no quantity: 1 unit
    ("3", "B", "2024-03-05 11:00", "300.00", "refunded", "鸡蛋", 10),  # not paid
    ("4", "C", "2024-03-06 10:00", "90.00", "paid", "大米", 3),
    ("5", "C", "2024-03-06 10:00", "68.00", "paid", "蜂蜜", 1),
    ("6", "D", "2024-03-07 10:00", "100.00", "paid", None, 5),  # no product: left out
    ("7", "D", "2024-03-01 10:00", "68.00", "paid", "蜂蜜", 4),  # prev
    ("8", "D", "2024-03-02 10:00", "10.00", "paid", "鸡蛋", 1),  # prev
)


def test_products_board_units_gmv_buyers():
    src = Source({"orders": PRODUCT_ORDERS})
    board = lb.leaderboard_products(src, *P, top="all")
    # units: 鸡蛋 2 + 1 = 3, 大米 3 -> rank 1, 1 (大 U+5927 before 鸡 U+9E21); 蜂蜜 1 -> 3
    # prev units: 蜂蜜 4 (1), 鸡蛋 1 (2); 大米 none
    assert rows(board, "rank", "product", "units", "gmv", "buyers", "rank_change") == [
        (1, "大米", 3, 90.0, 1, "new"),
        (1, "鸡蛋", 3, 90.0, 2, "+1"),
        (3, "蜂蜜", 1, 68.0, 1, "-2"),
    ]
    by_buyers = lb.leaderboard_products(src, *P, top=1, rank_by="buyers")
    assert rows(by_buyers, "rank", "product") == [(1, "鸡蛋")]


# -- fission ---------------------------------------------------------------------------------

# Period F = Wed 2024-03-06 … Sun 2024-03-17: week of 03-04 (cut to 03-06 … 03-10) and of 03-11
F = (D(2024, 3, 6), D(2024, 3, 17))
FISSION_MEMBERS = frame(
    "user_id joined_at left_at inviter_id",
    ("o1", "2024-01-01 00:00", None, None),
    ("o2", "2024-02-01 00:00", "2024-03-05 10:00", None),  # left on 03-05: not in the base
    ("o3", "2024-02-01 00:00", "2024-03-06 09:00", None),  # in the domain on 03-05
    ("n0", "2024-03-04 12:00", None, None),  # joined before F, same week: not counted
    ("i1", "2024-03-06 08:00", None, "o1"),
    ("i2", "2024-03-08 08:00", "2024-03-09 08:00", "o1"),
    ("n1", "2024-03-09 08:00", None, None),
    ("n2", "2024-03-11 08:00", None, None),
    ("i3", "2024-03-12 08:00", None, "i1"),
    ("i4", "2024-03-17 23:59", None, "EXT"),  # an inviter who is no member
    ("n3", "2024-03-18 00:00", None, None),  # after F
)


def test_fission_per_week_with_k_factor():
    out = lb.fission(Source({"members": FISSION_MEMBERS}), *F)
    # week 03-04 (03-06 … 03-10): invited i1 i2 = 2, other n1 = 1;
    #   base on 03-05: o1 o3 n0 = 3 (o2 left on 03-05) -> K = 2/3
    # week 03-11: invited i3 i4 = 2, other n2 = 1;
    #   base on 03-10: o1 n0 i1 n1 = 4 (o3 left 03-06, i2 left 03-09) -> K = 2/4
    assert list(out.columns) == ["week", "invited_members", "other_members", "k_factor"]
    assert rows(out, "week", "invited_members", "other_members") == [
        (D(2024, 3, 4), 2, 1),
        (D(2024, 3, 11), 2, 1),
    ]
    assert out["k_factor"].tolist() == [2 / 3, 0.5]


def test_fission_summary_k_factor_and_invites_per_active_inviter():
    out = lb.fission_summary(Source({"members": FISSION_MEMBERS}), *F)
    v = dict(zip(out["metric"], out["value"], strict=True))
    # invited i1 i2 i3 i4 = 4; other n1 n2 = 2; base on 03-05: o1 o3 n0 = 3
    # K = 4/3 (> 1: self-sustaining); inviters o1 i1 EXT = 3 -> 4/3 invites each; growth 4/2
    assert (v["invited_members"], v["other_members"], v["base_members"]) == (4, 2, 3)
    assert v["k_factor"] == pytest.approx(4 / 3)
    assert v["active_inviters"] == 3
    assert v["invites_per_active_inviter"] == pytest.approx(4 / 3)
    assert v["fission_growth"] == 2.0


def test_fission_k_factor_is_undefined_without_a_base():
    members = frame("user_id joined_at inviter_id", ("a", "2024-03-06 10:00", "z"))
    out = lb.fission(Source({"members": members}), *F)
    assert out["k_factor"].tolist() == [None, 0.0]  # base 0, then a (not invited in wk 2)
    summary = lb.fission_summary(Source({"members": members}), *F)
    v = dict(zip(summary["metric"], summary["value"], strict=True))
    assert v["k_factor"] is None and v["fission_growth"] is None


# -- invitation tree -------------------------------------------------------------------------

TREE_MEMBERS = frame(
    "user_id joined_at inviter_id nickname",
    ("R", "2024-01-01 00:00", "d", "根"),  # d invited R: a cycle in bad data
    ("a", "2024-02-01 00:00", "R", "阿大"),
    ("b", "2024-03-05 00:00", "R", None),
    ("c", "2024-03-06 00:00", "a", None),
    ("d", "2024-03-07 00:00", "c", None),
    ("e", "2024-03-11 00:00", "b", None),  # after P: left out
    ("y", "2024-03-05 00:00", "x", None),  # another tree
)


def test_invitation_tree_depth_and_size_and_cycles_end_the_walk():
    src = Source({"members": TREE_MEMBERS})
    tree = lb.invitation_tree(src, *P, inviter="R", names=True)
    # level 1: a, b; level 2: c (e joined after P); level 3: d; d's invitee R is the root
    assert rows(tree, "depth", "user_id", "inviter_id", "in_period", "name") == [
        (1, "a", "R", False, "阿*"),
        (1, "b", "R", True, None),
        (2, "c", "a", True, None),
        (3, "d", "c", True, None),
    ]
    levels = lb.invitation_levels(src, *P, inviter="R")
    assert rows(levels, "depth", "members", "joined_in_period") == [(1, 2, 1), (2, 1, 1), (3, 1, 1)]
    assert lb.tree_size(levels) == (3, 4)
    assert lb.tree_size(lb.invitation_levels(src, *P, inviter="nobody")) == (0, 0)
    with pytest.raises(TypeError):
        lb.invitation_tree(src, *P, inviter=None)


# -- suspicious inviters ---------------------------------------------------------------------

SUSPECT_MEMBERS = frame(
    "user_id joined_at left_at inviter_id",
    ("S", "2024-01-01 00:00", None, None),
    ("s1", "2024-03-04 10:00", "2024-03-05 09:00", "S"),  # left after 23 h: hollow
    ("s2", "2024-03-05 10:00", None, "S"),  # never acted: hollow
    ("s3", "2024-03-05 10:00", None, "S"),  # acted
    ("s4", "2024-03-06 10:00", None, "S"),  # ordered only before joining: never acted
    ("t1", "2024-03-04 10:00", "2024-03-05 10:00", "T"),  # left after exactly 24 h: hollow
    ("t2", "2024-03-06 10:00", None, "T"),  # paid order: acted
    ("t3", "2024-03-04 10:00", "2024-03-05 10:01", "T"),  # left after 24 h 1 min: acted
    ("u1", "2024-03-04 10:00", "2024-03-04 11:00", "U"),  # U has 1 invite: not listed
)
SUSPECT_ORDERS = frame(
    "order_id user_id ordered_at amount status",
    ("1", "s4", "2024-03-02 10:00", "10.00", "paid"),  # before joining
    ("2", "t1", "2024-03-04 11:00", "10.00", "paid"),
    ("3", "t2", "2024-03-07 10:00", "10.00", "paid"),
    ("4", "s2", "2024-03-07 10:00", "10.00", "cancelled"),  # not paid: no act
)
SUSPECT_ACTIVITY = frame(
    "user_id at kind",
    ("s1", "2024-03-04 11:00", "message"),
    ("s3", "2024-03-06 11:00", "view"),
    ("t3", "2024-03-04 12:00", "checkin"),
)


def test_suspicious_inviters_flag_many_hollow_invitees():
    src = Source(
        {"members": SUSPECT_MEMBERS, "orders": SUSPECT_ORDERS, "activity": SUSPECT_ACTIVITY}
    )
    out = lb.suspicious_inviters(src, *P, min_invites=2, hollow_share=0.5)
    # S: 4 invites; left within a day s1; never acted s2 s4; hollow s1 s2 s4 = 3 -> 0.75
    # T: 3 invites; left within a day t1 (24 h sharp); never acted none; hollow 1 -> 1/3
    assert rows(out, "user_id", "invites", "left_within_a_day", "never_acted", "hollow") == [
        ("S", 4, 1, 2, 3),
        ("T", 3, 1, 0, 1),
    ]
    assert out["hollow_share"].tolist() == [0.75, 1 / 3]
    assert out["suspicious"].tolist() == [True, False]
    # the default thresholds (5 invites) list nobody here
    assert lb.suspicious_inviters(src, *P).empty


def test_suspicious_inviters_without_activity_only_count_quick_leavers():
    src = Source({"members": SUSPECT_MEMBERS, "orders": SUSPECT_ORDERS})
    out = lb.suspicious_inviters(src, *P, min_invites=2, hollow_share=0.3)
    # hollow = left within a day only: T 1/3 = 0.33 (suspicious at 0.3), S 1/4 = 0.25
    assert rows(out, "user_id", "hollow", "never_acted", "suspicious") == [
        ("T", 1, None, True),
        ("S", 1, None, False),
    ]


# -- every query runs, the CLI prints the issue's columns ------------------------------------


def test_every_metric_runs_on_an_empty_dataset():
    empty = Source({})
    boards = [m for m in metrics.REGISTRY.values() if m.area == "leaderboards"]
    for m in boards:
        kw = {"inviter": "x"} if "invitation" in m.name else {}
        out = m(empty, *P, **kw)
        assert len(out.columns) > 0, m.name
    assert {m.name for m in boards} <= set(metrics.METRICS)


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


def test_cli_prints_boards_and_fission_with_the_issue_columns(tmp_path):
    orders_csv = tmp_path / "orders.csv"
    BUYER_ORDERS.drop(columns="nickname").assign(
        ordered_at=BUYER_ORDERS["ordered_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        status=BUYER_ORDERS["status"].fillna("paid"),
    ).to_csv(orders_csv, index=False)
    ws = tmp_path / "ws"
    siyu("import", str(orders_csv), "--dataset", "shop", "--table", "orders", ws=ws)
    period = ("--start", "2024-03-04", "--end", "2024-03-10")

    out = siyu(
        "metric", "leaderboard-buyers", "--dataset", "shop", *period, "--set", "top=2", ws=ws
    )
    assert out.stdout.splitlines() == [
        "rank,user_id,gmv,orders,previous_rank,rank_change",
        "1,C,200,1,,new",
        "2,A,150,2,3,+1",
        "2,B,150,1,,new",
    ]
    out = siyu(
        "metric", "leaderboard-buyers", "--dataset", "shop", *period, "--set", "rank_by=orders",
        "--set", "top=1", ws=ws,
    )  # fmt: skip
    assert out.stdout.splitlines()[1:] == ["1,A,150,2,1,0"]

    # members missing: the inviters board and fission refuse, naming the file
    refused = siyu(
        "metric", "leaderboard-inviters", "--dataset", "shop", *period, ws=ws, check=False
    )
    assert refused.returncode != 0 and "members" in refused.stderr.lower()

    members_csv = tmp_path / "members.csv"
    FISSION_MEMBERS.assign(
        joined_at=FISSION_MEMBERS["joined_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
        left_at=FISSION_MEMBERS["left_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
    ).to_csv(members_csv, index=False)
    siyu("import", str(members_csv), "--dataset", "shop", "--table", "members", ws=ws)
    out = siyu(
        "metric",
        "fission",
        "--dataset",
        "shop",
        "--start",
        "2024-03-06",
        "--end",
        "2024-03-17",
        ws=ws,
    )
    assert out.stdout.splitlines() == [
        "week,invited_members,other_members,k_factor",
        "2024-03-04,2,1,0.666667",
        "2024-03-11,2,1,0.5",
    ]
    out = siyu(
        "metric",
        "leaderboard-inviters",
        "--dataset",
        "shop",
        "--start",
        "2024-03-06",
        "--end",
        "2024-03-17",
        ws=ws,
    )
    assert out.stdout.splitlines()[0] == (
        "rank,user_id,invites,effective_invites,invite_conversion,pending,previous_rank,rank_change"
    )
    # o1: i1 i2 = 2 (rank 1); i1: i3, EXT: i4 (rank 2); no orders of theirs: 0 effective;
    # the last order (o05) is on 03-11, so every invitee (joined 03-06 or later) still has
    # days of their 7 to come: pending 2, 1, 1
    assert out.stdout.splitlines()[1:] == [
        "1,o1,2,0,0,2,,new",
        "2,EXT,1,0,0,1,,new",
        "2,i1,1,0,0,1,,new",
    ]
    for name, header in (
        ("leaderboard-groups", "rank,group_id,gmv,buyers,members,daily_active_rate,"
         "repurchase_rate,pending,previous_rank,rank_change"),
        ("leaderboard-products", "rank,product,units,gmv,buyers,previous_rank,rank_change"),
    ):  # fmt: skip
        assert (
            siyu("metric", name, "--dataset", "shop", *period, ws=ws).stdout.splitlines()[0]
            == header
        )
