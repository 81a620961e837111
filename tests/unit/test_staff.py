"""Staff and channel boards and lost customers (`siyu.metrics.staff`), pinned to hand-computed
values.

Tiny DataFrames built here; each expected value carries its arithmetic in a comment.
Periods (2024 is a leap year):
    P    = Mon 2024-03-04 … Sun 2024-03-10 (7 days)
    prev = Mon 2024-02-26 … Sun 2024-03-03 (the previous period of equal length)
The last order is on 2024-03-12: the last day of data (as_of 2024-03-13).
Windows: first order on day 0 … 3 after joining (X = 3), repurchase by day 7 after the first
order's day (Y = 7).
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
from siyu.metrics import staff as sm

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
    if "stat_date" in df:
        df["stat_date"] = pd.to_datetime(df["stat_date"]).dt.date
    return df


def rows(df: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(r) for r in df[list(cols)].itertuples(index=False)]


MEMBERS = frame(
    "user_id joined_at staff channel left_at tags nickname",
    # 李娜's members, joined in P
    ("A1", "2024-03-04 10:00", "李娜", "1", None, "VIP,宝妈", "张小美"),  # add_way 1
    ("A2", "2024-03-05 09:00", "李娜", "1", "2024-03-08 12:00", "宝妈", "李阿芳"),
    ("A3", "2024-03-06 20:00", "李娜", "门店活码", None, None, "王静"),
    # 张敏's: B1 and B2 joined in P, E1 long before (left in P)
    ("B1", "2024-03-04 08:00", "张敏", "门店活码", None, "VIP", None),
    ("B2", "2024-03-09 11:00", "张敏", "门店活码", "2024-03-09 18:00", None, None),
    ("E1", "2024-02-20 10:00", "张敏", "公众号", "2024-03-05 10:00", "老客户", None),
    # 刘洋's one member
    ("F1", "2024-03-05 09:00", "刘洋", "门店活码", None, None, None),
    # 王店长's members joined in prev
    ("C1", "2024-02-27 10:00", "王店长", "1", None, "宝妈", None),
    ("C2", "2024-02-28 10:00", "王店长", "门店活码", None, None, None),
    # no staff, no channel: on no row
    ("D1", "2024-03-07 10:00", None, None, None, None, None),
)

ORDERS = frame(
    "order_id user_id ordered_at amount status",
    ("o01", "A1", "2024-03-04 12:00", "100.00", "paid"),  # A1 day 0: converted
    ("o02", "A1", "2024-03-08 09:00", "50.00", "paid"),  # 03-08 <= 03-04 + 7: repurchase
    ("o03", "A2", "2024-03-09 10:00", "80.00", "paid"),  # A2 day 4 > 3: not converted
    ("o04", "A2", "2024-03-10 10:00", "30.00", None),  # null status = paid
    ("o05", "A3", "2024-03-08 10:00", "60.00", "paid"),  # A3 day 2: converted, no second
    ("o06", "A3", "2024-03-09 10:00", "0.00", "paid"),  # 0-yuan claim: no purchase
    ("o07", "B1", "2024-03-03 10:00", "40.00", "paid"),  # B1's first order before joining
    ("o08", "B1", "2024-03-05 10:00", "70.00", "paid"),  # B1 in P, but the first was o07
    ("o09", "B2", "2024-03-09 20:00", "25.00", "paid"),  # B2 day 0: converted
    ("o10", "B2", "2024-03-10 09:00", "99.00", "refunded"),  # no purchase
    ("o11", "E1", "2024-03-04 09:00", "30.00", "paid"),  # an old member of 张敏's buys in P
    ("o12", "F1", "2024-03-05 12:00", "125.00", "paid"),  # F1 day 0: converted
    ("o13", "C1", "2024-02-28 10:00", "90.00", "paid"),  # C1 day 1 (prev): converted
    ("o14", "C1", "2024-03-06 10:00", "45.00", "paid"),  # 03-06 <= 02-28 + 7: repurchase
    ("o15", "D1", "2024-03-07 11:00", "200.00", "paid"),  # no staff: on no staff row
    ("o16", "X9", "2024-03-12 10:00", "10.00", "paid"),  # no member; the last day of data
)

STAFF_DAILY = frame(
    "stat_date staff chats reply_share first_reply_minutes",
    ("2024-03-04", "李娜", 10, 0.9, 2.0),
    ("2024-03-05", "李娜", 30, 0.5, 6.0),
    ("2024-03-11", "李娜", 100, 0.0, 60.0),  # after P
    ("2024-03-06", "张敏", None, 0.8, None),  # no chat counts: plain means
    ("2024-03-07", "张敏", None, 0.6, 4.0),
)

ACTIVITY = frame(
    "user_id at kind",
    ("A2", "2024-03-11 08:00", "message"),  # after A2 left: the latest thing A2 did
    ("E1", "2024-03-01 08:00", "message"),
)


def source(**tables: pd.DataFrame) -> Source:
    base = {"members": MEMBERS, "orders": ORDERS, "staff_daily": STAFF_DAILY}
    base.update(tables)
    return Source({k: v for k, v in base.items() if v is not None})


# -- staff board -----------------------------------------------------------------------------


def test_staff_board_members_rates_orders_gmv_and_lost():
    board = sm.leaderboard_staff(source(), *P, top="all")
    assert list(board.columns) == list(sm.STAFF_COLUMNS)
    assert rows(board, "rank", "staff", "members", "first_order", "repurchase") == [
        (1, "李娜", 3, 2, 1),  # A1, A2, A3; A1 and A3 converted; A1 came back
        (2, "张敏", 2, 1, 0),  # B1 (first order before joining), B2 (day 0, no second)
        (3, "刘洋", 1, 1, 0),  # F1
        (4, "王店长", 0, 0, 0),  # on the board by C1's order o14 in P
    ]
    by = board.set_index("staff")
    assert by.loc["李娜", "first_order_rate"] == pytest.approx(2 / 3)
    assert by.loc["李娜", "repurchase_rate"] == 0.5  # 1 / 2
    assert by.loc["张敏", "first_order_rate"] == 0.5 and by.loc["张敏", "repurchase_rate"] == 0.0
    assert by.loc["刘洋", "first_order_rate"] == 1.0 and by.loc["刘洋", "repurchase_rate"] == 0.0
    # no member joined with 王店长 in P: both rates empty, not 0
    assert by.loc["王店长", "first_order_rate"] is None
    assert by.loc["王店长", "repurchase_rate"] is None
    # paid orders in P of every member of the staff member, whenever they joined; who left
    assert rows(board, "staff", "orders", "gmv", "lost") == [
        ("李娜", 5, 320.0, 1),  # o01 100 + o02 50 + o03 80 + o04 30 + o05 60; A2 left 03-08
        ("张敏", 3, 125.0, 2),  # o08 70 + o09 25 + o11 30 (o07 prev, o10 refunded); B2, E1
        ("刘洋", 1, 125.0, 0),  # o12
        ("王店长", 1, 45.0, 0),  # o14
    ]


def test_staff_board_reply_share_is_weighted_by_chats():
    by = sm.leaderboard_staff(source(), *P, top="all").set_index("staff")
    # 李娜: (0.9 × 10 + 0.5 × 30) / (10 + 30) = 24 / 40 = 0.6; minutes (2 × 10 + 6 × 30) / 40 = 5
    assert by.loc["李娜", "reply_share"] == pytest.approx(0.6)
    assert by.loc["李娜", "first_reply_minutes"] == pytest.approx(5.0)
    # 张敏: no chat counts: the plain means (0.8 + 0.6) / 2 = 0.7; minutes 4 (one day)
    assert by.loc["张敏", "reply_share"] == pytest.approx(0.7)
    assert by.loc["张敏", "first_reply_minutes"] == pytest.approx(4.0)
    assert by.loc["刘洋", "reply_share"] is None  # no statistics
    ranked = sm.leaderboard_staff(source(), *P, rank_by="reply_share", top="all")
    assert rows(ranked, "rank", "staff") == [(1, "张敏"), (2, "李娜")]  # undefined: not listed


def test_staff_board_pending_members_are_inside_their_window_on_the_last_day():
    by = sm.leaderboard_staff(source(), *P, top="all").set_index("staff")
    # last day of data 03-12: no join day + 3 lies after it (B2: 03-09 + 3 = 03-12)
    assert by["first_order_pending"].tolist() == [0, 0, 0, 0]
    # first order day + 7 after 03-12: A3 (03-08), B2 (03-09); A1 (03-04), F1 (03-05) not
    assert by["repurchase_pending"].to_dict() == {"李娜": 1, "张敏": 1, "刘洋": 0, "王店长": 0}


def test_staff_board_rank_change_against_the_previous_period():
    board = sm.leaderboard_staff(source(), *P, top="all")
    # prev by members: 王店长 2 (C1, C2) → 1; 张敏 0 (on it by o07) → 2; 李娜, 刘洋 absent
    assert rows(board, "staff", "previous_rank", "rank_change") == [
        ("李娜", None, "new"),
        ("张敏", 2, "0"),
        ("刘洋", None, "new"),
        ("王店长", 1, "-3"),  # 1 − 4
    ]


def test_staff_board_ties_share_a_rank_listed_by_name_and_top_keeps_the_tie():
    board = sm.leaderboard_staff(source(), *P, rank_by="gmv", top="all")
    # 320 > 125 = 125 > 45: 刘洋 (U+5218) is listed before 张敏 (U+5F20)
    assert rows(board, "rank", "staff", "gmv") == [
        (1, "李娜", 320.0),
        (2, "刘洋", 125.0),
        (2, "张敏", 125.0),
        (4, "王店长", 45.0),
    ]
    top2 = sm.leaderboard_staff(source(), *P, rank_by="gmv", top=2)
    assert top2["staff"].tolist() == ["李娜", "刘洋", "张敏"]
    top1 = sm.leaderboard_staff(source(), *P, rank_by="gmv", top=1)
    assert top1["staff"].tolist() == ["李娜"]


def test_staff_board_ranked_by_a_rate_leaves_out_undefined_rows():
    board = sm.leaderboard_staff(source(), *P, rank_by="first_order_rate", top="all")
    # 刘洋 1/1, 李娜 2/3, 张敏 1/2; 王店长 has no new member
    assert rows(board, "rank", "staff") == [(1, "刘洋"), (2, "李娜"), (3, "张敏")]


def test_staff_board_tag_filter_keeps_the_members_with_the_tag():
    board = sm.leaderboard_staff(source(), *P, tag="宝妈", top="all")
    # 宝妈: A1 ("VIP,宝妈"), A2, C1; 李娜: A1 converted and came back, A2 did not convert
    assert rows(board, "rank", "staff", "members", "first_order", "repurchase", "orders") == [
        (1, "李娜", 2, 1, 1, 4),  # o01, o02, o03, o04
        (2, "王店长", 0, 0, 0, 1),  # o14 (C1)
    ]
    assert board.set_index("staff").loc["李娜", "gmv"] == 260.0  # 100 + 50 + 80 + 30
    vip = sm.leaderboard_staff(source(), *P, tag="VIP", top="all")
    # A1 and B1: one member each, a tie at 1 listed by name (张 U+5F20 before 李 U+674E)
    assert rows(vip, "rank", "staff") == [(1, "张敏"), (1, "李娜")]


def test_staff_board_without_orders_or_statistics_says_none():
    board = sm.leaderboard_staff(source(orders=None, staff_daily=None), *P, top="all")
    assert rows(board, "staff", "members", "lost") == [
        ("李娜", 3, 1),
        ("张敏", 2, 2),
        ("刘洋", 1, 0),
    ]
    for col in ("first_order_rate", "repurchase_rate", "orders", "gmv", "reply_share"):
        assert board[col].tolist() == [None, None, None], col
    assert sm.leaderboard_staff(source(orders=None), *P, rank_by="gmv").empty


def test_staff_board_sums_to_the_members_and_gmv_of_members_with_staff():
    board = sm.leaderboard_staff(source(), *P, top="all")
    # new members in P with a staff member: A1 A2 A3 B1 B2 F1 = 6 (D1 has none)
    assert board["members"].sum() == 6
    # GMV of P: 320 + 125 + 125 + 45 = 615 = the overview's 815 minus D1's 200 (no staff)
    kpis = dict(metrics.kpis(source(), *P).itertuples(index=False))
    assert sum(board["gmv"]) == 615.0 == kpis["gmv"] - 200.0


def test_a_member_without_staff_belongs_to_the_owner_of_their_group():
    members = frame(
        "user_id joined_at staff group_id left_at",
        ("M1", "2024-03-04 10:00", None, "G1", "2024-03-06 10:00"),  # G1's owner: 陈静
        ("M2", "2024-03-05 10:00", "李娜", "G1", None),  # their own staff member first
        ("M3", "2024-03-05 10:00", None, "G9", None),  # a group without an owner: no row
    )
    groups = frame("group_id name owner", ("G1", "福利群1", "陈静"), ("G9", "新群", None))
    orders = frame("order_id user_id ordered_at amount", ("m1", "M1", "2024-03-04 12:00", "9.90"))
    src = Source({"members": members, "groups": groups, "orders": orders})
    board = sm.leaderboard_staff(src, *P, top="all")
    # one new member each: a tie, listed by name (李 U+674E before 陈 U+9648)
    assert rows(board, "rank", "staff", "members", "orders", "gmv", "lost") == [
        (1, "李娜", 1, 0, 0.0, 0),
        (1, "陈静", 1, 1, 9.9, 1),
    ]
    assert sm.lost_customers(src, *P)["staff"].tolist() == ["陈静"]
    assert rows(sm.lost_weekly(src, *P), "staff", "lost") == [("陈静", 1)]


# -- channel board ---------------------------------------------------------------------------


def test_channel_board_names_add_way_codes_and_counts_gmv_and_lost():
    board = sm.leaderboard_channels(source(), *P, top="all")
    assert list(board.columns) == list(sm.CHANNEL_COLUMNS)
    assert rows(
        board, "rank", "channel", "channel_name", "members", "first_order", "repurchase"
    ) == [
        (1, "门店活码", "门店活码", 4, 3, 0),  # A3 B1 B2 F1; A3 B2 F1 converted
        (2, "1", "扫描二维码", 2, 1, 1),  # A1 A2; A1 converted and came back
        (3, "公众号", "公众号", 0, 0, 0),  # E1 bought and left in P
    ]
    by = board.set_index("channel")
    assert by.loc["门店活码", "first_order_rate"] == 0.75  # 3 / 4
    assert by.loc["门店活码", "repurchase_rate"] == 0.0  # 0 / 3
    assert by.loc["1", "first_order_rate"] == 0.5 and by.loc["1", "repurchase_rate"] == 1.0
    assert by.loc["公众号", "first_order_rate"] is None
    assert rows(board, "channel", "orders", "gmv", "lost") == [
        ("门店活码", 4, 280.0, 1),  # o05 60 + o08 70 + o09 25 + o12 125; B2 left
        ("1", 5, 305.0, 1),  # o01 100 + o02 50 + o03 80 + o04 30 + o14 45 (C1); A2 left
        ("公众号", 1, 30.0, 1),  # o11; E1 left
    ]
    # prev by members: channel 1 (C1) and 门店活码 (C2) tie at 1; 公众号 was not on it
    assert rows(board, "channel", "previous_rank", "rank_change") == [
        ("门店活码", 1, "0"),
        ("1", 1, "-1"),
        ("公众号", None, "new"),
    ]


def test_channel_name_reads_wecom_codes_and_keeps_other_text():
    assert sm.channel_name("1") == "扫描二维码" and sm.channel_name(" 202 ") == "管理员/负责人分配"
    assert sm.channel_name("门店活码") == "门店活码" and sm.channel_name(None) is None


def test_a_rate_ranked_board_reads_the_previous_period_like_for_like():
    members = frame(
        "user_id joined_at staff",
        ("S1", "2024-02-27 10:00", "S"),
        ("T1", "2024-02-29 10:00", "T"),
        ("S2", "2024-03-05 10:00", "S"),
        ("T2", "2024-03-05 10:00", "T"),
    )
    orders = frame(
        "order_id user_id ordered_at amount",
        ("s1a", "S1", "2024-02-27 12:00", "10.00"),
        ("s1b", "S1", "2024-03-04 12:00", "10.00"),  # by 02-27 + 7 = 03-05
        ("t1a", "T1", "2024-02-29 12:00", "10.00"),
        ("t1b", "T1", "2024-03-06 12:00", "10.00"),  # by 02-29 + 7 = 03-07, but after 03-05
        ("s2a", "S2", "2024-03-05 12:00", "10.00"),
        ("s2b", "S2", "2024-03-09 12:00", "10.00"),
        ("t2a", "T2", "2024-03-05 12:00", "10.00"),
        ("t2b", "T2", "2024-03-09 12:00", "10.00"),
        ("z", "Z", "2024-03-12 12:00", "10.00"),  # the last day of data: 03-12
    )
    src = Source({"members": members, "orders": orders})
    board = sm.leaderboard_staff(src, *P, rank_by="repurchase_rate", top="all")
    # now both 1/1, a tie; prev read as it stood 7 days ago (up to 03-12 − 7 = 03-05): S 1/1,
    # T 0/1 (t1b had not happened), so T moved up one; with all data prev would be a tie too
    assert rows(board, "rank", "staff", "previous_rank", "rank_change") == [
        (1, "S", 1, "0"),
        (1, "T", 2, "+1"),
    ]
    by_members = sm.leaderboard_staff(src, *P, rank_by="members", top="all")
    assert rows(by_members, "staff", "rank_change") == [("S", "0"), ("T", "0")]


# -- lost customers --------------------------------------------------------------------------


def test_lost_customers_list_days_orders_and_last_activity():
    lost = sm.lost_customers(source(activity=ACTIVITY), *P, names=True)
    assert list(lost.columns) == ["user_id", "name", *sm.LOST_COLUMNS[1:]]
    assert rows(lost, "user_id", "staff", "channel", "days_in_domain") == [
        ("B2", "张敏", "门店活码", 0),  # joined and left on 03-09
        ("A2", "李娜", "1", 3),  # 03-05 → 03-08
        ("E1", "张敏", "公众号", 14),  # 02-20 → 03-05 (29 days in February 2024)
    ]
    assert rows(lost, "user_id", "paid_orders", "paid_amount") == [
        ("B2", 1, 25.0),  # o09 (o10 refunded)
        ("A2", 2, 110.0),  # o03 80 + o04 30
        ("E1", 1, 30.0),  # o11
    ]
    by = lost.set_index("user_id")
    assert by.loc["A2", "last_order_at"] == dt.datetime(2024, 3, 10, 10, 0)
    assert by.loc["A2", "last_active_at"] == dt.datetime(2024, 3, 11, 8, 0)  # the message
    assert by.loc["E1", "last_active_at"] == dt.datetime(2024, 3, 4, 9, 0)  # o11 after 03-01
    assert by.loc["A2", "name"] == "李**" and by.loc["B2", "name"] is None
    only = sm.lost_customers(source(), *P, staff="张敏", channel="公众号")
    assert only["user_id"].tolist() == ["E1"]
    assert sm.lost_customers(source(), *P, tag="宝妈")["user_id"].tolist() == ["A2"]


def test_lost_per_week_and_staff():
    weekly = sm.lost_weekly(source(), D(2024, 3, 1), D(2024, 3, 10))
    # week of 02-26 (only 03-01 … 03-03 inside): nobody; week of 03-04: B2, E1 (张敏), A2 (李娜)
    assert rows(weekly, "week", "staff", "lost") == [
        (D(2024, 3, 4), "张敏", 2),
        (D(2024, 3, 4), "李娜", 1),
    ]


def test_member_tags_counts_each_member_once_per_tag():
    tags = sm.member_tags(source(), *P)
    assert rows(tags, "tag", "members") == [("宝妈", 3), ("VIP", 2), ("老客户", 1)]


# -- the command line ------------------------------------------------------------------------


def test_cli_prints_the_staff_board_as_csv(tmp_path):
    from siyu import importer
    from siyu.workspace import Workspace

    ws = Workspace(tmp_path / "ws")
    files = []
    for name, df in (("members", MEMBERS), ("orders", ORDERS)):
        path = tmp_path / f"{name}.csv"
        df.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
        files.append(importer.FileRequest(path, path.name, kind=name))
    importer.import_files(ws, "shop", files)
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "siyu", "metric", "leaderboard_staff", "--dataset", "shop"),
            *("--start", "2024-03-04", "--end", "2024-03-10", "--workspace", str(ws.root)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("rank,staff,members,first_order,first_order_rate,")
    assert lines[1].startswith("1,李娜,3,2,0.666667,1,0.5,5,320,1,")
    assert lines[4].startswith("4,王店长,0,0,,0,,1,45,0,")
