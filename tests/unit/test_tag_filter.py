"""The member-tag filter (`tag`, members.tags split as queries/base/member_spans.sql) on the
inviters, buyers, groups and products boards and the follow-up lists, computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from siyu.db import Source
from siyu.metrics import leaderboards as lb

D = dt.date
P = (D(2024, 3, 4), D(2024, 3, 10))


def frame(columns: str, *rows: tuple) -> pd.DataFrame:
    names = columns.split()
    df = pd.DataFrame(
        [dict(zip(names, row, strict=True)) for row in rows], columns=names, dtype=object
    )
    for col in ("ordered_at", "joined_at", "left_at"):
        if col in df:
            df[col] = pd.to_datetime(df[col], format="%Y-%m-%d %H:%M")
    return df


MEMBERS = frame(
    "user_id joined_at inviter_id group_id tags",
    ("M1", "2024-03-04 09:00", None, "g1", "VIP,宝妈"),
    ("M2", "2024-03-05 09:00", "M1", "g1", "宝妈 / 老客户"),
    ("M3", "2024-03-06 09:00", "M1", "g2", "VIP"),
    ("M4", "2024-03-06 10:00", "M3", "g1", None),
    ("M5", "2024-03-07 09:00", "M3", "g1", "宝妈"),
)

ORDERS = frame(
    "order_id user_id ordered_at amount status product",
    ("o1", "M1", "2024-03-04 12:00", "100.00", "paid", "奶粉"),
    ("o2", "M2", "2024-03-05 12:00", "50.00", "paid", "奶粉"),
    ("o3", "M3", "2024-03-06 12:00", "80.00", "paid", "尿布"),
    ("o4", "M4", "2024-03-07 12:00", "200.00", "paid", "奶粉"),
    ("o5", "X9", "2024-03-08 12:00", "300.00", "paid", "奶粉"),  # no member: no tag
    ("o6", "M5", "2024-03-08 13:00", "20.00", "paid", "尿布"),
)


def source() -> Source:
    return Source({"members": MEMBERS, "orders": ORDERS})


def rows(df: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


def test_buyers_board_keeps_members_carrying_the_tag():
    every = lb.leaderboard_buyers(source(), *P, top="all")
    assert every["user_id"].tolist() == ["X9", "M4", "M1", "M3", "M2", "M5"]
    board = lb.leaderboard_buyers(source(), *P, top="all", tag="宝妈")
    assert rows(board, "rank", "user_id", "gmv", "orders") == [
        (1, "M1", 100, 1),
        (2, "M2", 50, 1),
        (3, "M5", 20, 1),
    ]
    # "宝妈 / 老客户" splits at the slash and its spaces; a blank tag is no filter
    assert lb.leaderboard_buyers(source(), *P, tag="老客户")["user_id"].tolist() == ["M2"]
    assert lb.leaderboard_buyers(source(), *P, top="all", tag=" ").equals(every)


def test_products_board_counts_the_lines_of_tagged_buyers():
    board = lb.leaderboard_products(source(), *P, top="all", tag="宝妈")
    assert rows(board, "rank", "product", "units", "gmv", "buyers") == [
        (1, "奶粉", 2, 150, 2),
        (2, "尿布", 1, 20, 1),
    ]
    vip = lb.leaderboard_products(source(), *P, top="all", tag="VIP", rank_by="units")
    # ties listed by product (奶 U+5976 before 尿 U+5C3F)
    assert rows(vip, "rank", "product", "units", "gmv") == [(1, "奶粉", 1, 100), (1, "尿布", 1, 80)]


def test_inviters_board_keeps_inviters_carrying_the_tag():
    every = lb.leaderboard_inviters(source(), *P, top="all")
    assert rows(every, "rank", "user_id", "invites") == [(1, "M1", 2), (1, "M3", 2)]
    board = lb.leaderboard_inviters(source(), *P, top="all", tag="宝妈")
    assert rows(board, "rank", "user_id", "invites", "effective_invites") == [(1, "M1", 2, 2)]
    assert lb.leaderboard_inviters(source(), *P, tag="老客户").empty


def test_groups_board_counts_tagged_members_and_their_orders():
    every = lb.leaderboard_groups(source(), *P, top="all")
    assert rows(every, "group_id", "gmv", "buyers", "members") == [
        ("g1", 370, 4, 4),
        ("g2", 80, 1, 1),
    ]
    board = lb.leaderboard_groups(source(), *P, top="all", tag="宝妈")
    assert rows(board, "rank", "group_id", "gmv", "buyers", "members") == [(1, "g1", 170, 3, 3)]
    # tagged members of g1 in the domain / active (a paid order) per day up to the last day
    # of data (03-08): 03-04 1/1, 03-05 1/2, 03-06 0/2, 03-07 0/3, 03-08 1/3
    expected = (1 + 0.5 + 0 + 0 + 1 / 3) / 5
    assert board["daily_active_rate"][0] == pytest.approx(expected)
    # first buyers M1, M2, M5: none came back yet
    assert board["repurchase_rate"][0] == 0


ACTIVITY = frame(
    "user_id at kind",
    ("M1", "2024-03-09 08:00", "message"),
    ("M2", "2024-03-05 08:00", "message"),
    ("M3", "2024-03-06 08:00", "message"),
    ("M5", "2024-03-10 08:00", "view"),
)
ACTIVITY["at"] = pd.to_datetime(ACTIVITY["at"], format="%Y-%m-%d %H:%M")


def test_silent_members_list_keeps_members_carrying_the_tag():
    from siyu.metrics import groups

    src = Source({"members": MEMBERS, "orders": ORDERS, "activity": ACTIVITY})
    # as of 03-08: M1 joined 03-04, no activity up to it: 8 - 3 = 5 days; M2 last active
    # 03-05: 3; M4 joined 03-06, never active: 3; M3 last active 03-06: 2; M5 joined 03-07: 2
    upto = (D(2024, 3, 4), D(2024, 3, 8))
    every = groups.silent_members(src, *upto, days=3)
    assert rows(every, "user_id", "days_silent") == [("M1", 5), ("M2", 3), ("M4", 3)]
    tagged = groups.silent_members(src, *upto, days=3, tag="宝妈")
    assert rows(tagged, "user_id", "group_id", "days_silent") == [("M1", "g1", 5), ("M2", "g1", 3)]
    vip = groups.silent_members(src, *upto, days=1, tag="VIP")
    assert rows(vip, "user_id", "days_silent") == [("M1", 5), ("M3", 2)]


def test_rfm_member_list_keeps_tagged_buyers_with_the_segments_of_all():
    from siyu.metrics import members

    every = members.rfm_members(source(), *P)
    tagged = members.rfm_members(source(), *P, tag="宝妈")
    # X9 (no member) and M3, M4 (no 宝妈) go; each kept buyer's row is unchanged
    assert tagged["user_id"].tolist() == ["M1", "M2", "M5"]
    pd.testing.assert_frame_equal(
        tagged.reset_index(drop=True),
        every[every["user_id"].isin(["M1", "M2", "M5"])].reset_index(drop=True),
    )
    # monetary as of 03-11 over all buyers: 100, 50, 20 for M1, M2, M5
    assert tagged["monetary"].tolist() == [100, 50, 20]


def test_layer_members_keeps_members_carrying_the_tag():
    from siyu.metrics import members

    every = members.layer_members(source(), *P)
    tagged = members.layer_members(source(), *P, tag="VIP")
    assert set(tagged["user_id"]) == {"M1", "M3"}
    pd.testing.assert_frame_equal(
        tagged.reset_index(drop=True),
        every[every["user_id"].isin(["M1", "M3"])].reset_index(drop=True),
    )
