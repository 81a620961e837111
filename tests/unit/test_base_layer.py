"""The base layer (`queries/base/`): each model's rows by hand, and how versions build them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from siyu import models
from siyu.config import QUERIES_DIR
from siyu.db import Source
from siyu.workspace import Workspace
from tests.helpers import read_sql
from tests.unit.test_workspace import orders_parquet

T = pd.Timestamp

ORDERS = pd.DataFrame(
    {
        "order_id": ["O1", "O2", "O3", "O4", "O5", "O6", "O7"],
        "user_id": ["A", "A", "A", "B", "B", "C", "A"],
        "ordered_at": [
            T("2024-03-01 09:00"),
            T("2024-03-01 09:00"),  # a tie with O1: order_id decides
            T("2024-03-05 23:00"),
            T("2024-03-02 10:00"),
            T("2024-03-03 10:00"),
            T("2024-03-04 10:00"),
            T("2024-03-06 10:00"),
        ],
        "amount": [10.0, 20.0, 30.0, 0.0, 50.0, 60.0, 70.0],
        "status": ["paid", None, "paid", "paid", "paid", "refunded", "cancelled"],
        "group_id": ["G1", "G2", None, "G1", "G2", "G1", "G1"],
        "campaign": ["7day", None, None, None, "flash", None, None],
    }
)

MEMBERS = pd.DataFrame(
    {
        "user_id": ["A", "B", "D"],
        "joined_at": [T("2024-03-01 08:00"), T("2024-03-02 12:00"), T("2024-03-04 12:00")],
        "left_at": [None, T("2024-03-04 09:00"), T("2024-03-03 09:00")],
        "group_id": ["G1", "G2", None],
    }
)

ACTIVITY = pd.DataFrame(
    {
        "user_id": ["A", "A", "A", "E"],
        "at": [
            T("2024-03-01 10:00"),
            T("2024-03-01 11:00"),
            T("2024-03-02 11:00"),
            T("2024-03-07"),
        ],
        "kind": ["view", "message", "", "like"],
        "group_id": ["G1", None, "G1", None],
    }
)


@pytest.fixture
def source() -> Source:
    return Source({"orders": ORDERS, "members": MEMBERS, "activity": ACTIVITY})


def rows(source: Source, sql: str) -> list[tuple]:
    cur = source.cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def test_the_paid_order_rule_is_written_once():
    # the rule's two halves appear in queries/base/paid_orders.sql and nowhere else
    rule = re.compile(r"status\s*=\s*'paid'|amount\s*>\s*0")
    holders = sorted(
        str(p.relative_to(QUERIES_DIR))
        for p in QUERIES_DIR.rglob("*.sql")
        if rule.search(p.read_text())
    )
    assert holders == ["base/paid_orders.sql"]


def test_paid_orders_keep_paid_or_unset_status_with_a_positive_amount(source):
    got = rows(source, "select order_id, order_day from paid_orders order by order_id")
    # O4 is a 0-yuan claim, O6 refunded, O7 cancelled
    assert got == [
        ("O1", dt.date(2024, 3, 1)),
        ("O2", dt.date(2024, 3, 1)),
        ("O3", dt.date(2024, 3, 5)),
        ("O5", dt.date(2024, 3, 3)),
    ]


def test_person_facts_by_hand(source):
    got = read_sql(source, "select * from person_facts order by user_id")
    assert list(got["user_id"]) == ["A", "B"]  # C's only order was refunded
    a, b = got.iloc[0], got.iloc[1]
    # A: O1 and O2 at the same minute, O1 first by order_id; O2 second, same day
    assert (a.first_order_id, a.first_group_id, a.first_campaign) == ("O1", "G1", "7day")
    assert a.first_day == T("2024-03-01") and a.second_day == T("2024-03-01")
    assert a.second_at == T("2024-03-01 09:00")
    assert a.last_day == T("2024-03-05")
    assert (a.paid_orders, a.paid_amount, a.paid_days) == (3, Decimal("60.00"), 2)
    # B: the 0-yuan O4 is no order, so O5 is first and there is no second
    assert (b.first_order_id, b.first_amount, b.paid_orders) == ("O5", Decimal("50.00"), 1)
    assert pd.isna(b.second_at) and pd.isna(b.second_day)


def test_person_days_by_hand(source):
    got = rows(
        source,
        "select user_id, day, paid_orders, paid_amount, activities, interactions, messages "
        "from person_days order by day, user_id",
    )
    d = dt.date
    assert got == [
        # a view is no interaction; a message and an empty kind are messages
        ("A", d(2024, 3, 1), 2, Decimal("30.00"), 2, 1, 1),
        ("A", d(2024, 3, 2), 0, Decimal("0.00"), 1, 1, 1),
        ("B", d(2024, 3, 3), 1, Decimal("50.00"), 0, 0, 0),
        ("A", d(2024, 3, 5), 1, Decimal("30.00"), 0, 0, 0),
        ("E", d(2024, 3, 7), 0, Decimal("0.00"), 1, 1, 0),
    ]


def test_member_spans_end_the_day_a_member_left(source):
    got = rows(source, "select user_id, join_day, in_domain_until from member_spans order by 1")
    d = dt.date
    assert got == [
        ("A", d(2024, 3, 1), None),
        ("B", d(2024, 3, 2), d(2024, 3, 4)),
        # D left before joining: in the domain on no day
        ("D", d(2024, 3, 4), d(2024, 3, 4)),
    ]


def test_dataset_facts_span_every_table(source):
    got = rows(source, "select * from dataset_facts")
    # the last order of any status (O7, cancelled) sets as_of; activity runs to 03-07
    assert got == [(dt.date(2024, 3, 6), dt.date(2024, 3, 1), dt.date(2024, 3, 7))]


def test_models_are_ordered_after_what_they_read():
    names = [m.name for m in models.models()]
    for m in models.models():
        for dep in m.depends_on:
            assert names.index(dep) < names.index(m.name)
    assert models.model("person_facts").depends_on == ("paid_orders",)
    assert {m.name for m in models.table_models()} >= {"person_facts", "person_days"}


# ---- built per version ---------------------------------------------------------------------


def base_files(ws: Workspace) -> set[str]:
    return {p.name for p in (ws.root / "files").glob("*/base/*.parquet")}


def test_publish_builds_the_models_and_a_source_reads_them(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 50, 5)})
    built = base_files(ws)
    assert {n.split("-")[0] for n in built} == {m.name for m in models.table_models()}
    src = ws.source("shop")
    assert set(src.base) == {m.name for m in models.table_models()}
    # the view reads the built file, and its numbers are those of the model run inline
    inline = read_sql(Source(tables=src.tables), "select * from person_facts order by user_id")
    pd.testing.assert_frame_equal(
        read_sql(src, "select * from person_facts order by user_id"), inline
    )
    cur = src.cursor()
    plan = cur.execute("select sql from duckdb_views() where view_name = 'person_facts'").fetchone()
    cur.close()
    assert "read_parquet" in plan[0]


def test_a_new_members_file_keeps_the_order_models_and_a_new_orders_file_rebuilds_them(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 50, 5)})
    first = ws.source("shop").base["person_facts"]
    members = tmp_path / "members.parquet"
    Source({"members": MEMBERS}).cursor().execute(
        f"copy (select * from members) to '{members}' (format parquet)"
    )
    ws.publish("shop", {"members": members})
    assert ws.source("shop").base["person_facts"] == first
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 60, 5)}, mode="replace")
    again = ws.source("shop").base["person_facts"]
    assert again != first
    assert read_sql(ws.source("shop"), "select sum(paid_orders) from person_facts").iloc[0, 0] == 60


def test_a_failed_build_publishes_nothing(tmp_path, monkeypatch):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)})

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(models, "build", broken)
    with pytest.raises(RuntimeError):
        ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 20, 5)}, mode="replace")
    monkeypatch.undo()
    assert [v.version for v in ws.get("shop").versions] == [1]
    assert read_sql(ws.source("shop"), "select count(*) from orders").iloc[0, 0] == 10


def test_an_old_version_without_built_models_builds_them_on_demand(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)})
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 30, 5)}, mode="replace")
    # as if published before the base layer existed
    for folder in (ws.root / "files").glob("*/base"):
        shutil.rmtree(folder)
    ws.restore("shop", 1)
    src = ws.source("shop")
    assert all(Path(p).exists() for p in src.base.values())
    assert read_sql(src, "select sum(paid_orders) from person_facts").iloc[0, 0] == 10
    assert (
        read_sql(ws.source("shop", version=2), "select count(*) from paid_orders").iloc[0, 0] == 30
    )
