"""The faster queries of issue 11 give the same results as the queries they replaced.

The old SQL text of `kpis_*` is kept verbatim in `tests/fixtures/retired_queries/`, and both
versions run on random small datasets (ties, refunds, 0-yuan orders, members who left, activity of
non-members, orders and activity in no group). Group health and the groups board are compared
with the old code from git in `test_same_numbers.py`.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pandas as pd
import pytest

from siyu.db import Source

RETIRED = Path(__file__).parent.parent / "fixtures" / "retired_queries"
DAY0 = dt.datetime(2024, 3, 1)
GROUPS = ["G1", "G2", "G3", None]


def random_source(seed: int) -> Source:
    rng = random.Random(seed)
    users = [f"U{i:03d}" for i in range(25)]

    def at() -> dt.datetime:
        return DAY0 + dt.timedelta(days=rng.randint(0, 30), hours=rng.choice([0, 9, 23]))

    members = []
    for u in users[:20]:
        joined = at()
        left = rng.choice([None, None, joined + dt.timedelta(days=rng.randint(-1, 10))])
        group = rng.choice(GROUPS)
        members.append({"user_id": u, "joined_at": joined, "left_at": left, "group_id": group})
    orders = [
        {
            "order_id": f"O{i:04d}",
            "user_id": rng.choice(users),
            "ordered_at": at(),
            "amount": rng.choice([0, 9.9, 20, 35.5]),
            "status": rng.choice(["paid", "paid", "paid", "refunded", None]),
            "group_id": rng.choice(GROUPS),
        }
        for i in range(rng.choice([0, 100, 300]))
    ]
    activity = [
        {
            "user_id": rng.choice(users),
            "at": at(),
            "kind": rng.choice(["view", "message", None, ""]),
            "group_id": rng.choice(GROUPS),
        }
        for _ in range(rng.choice([0, 150, 400]))
    ]
    return Source(
        {
            "members": pd.DataFrame(
                members, columns=["user_id", "joined_at", "left_at", "group_id"]
            ),
            "orders": pd.DataFrame(
                orders,
                columns=["order_id", "user_id", "ordered_at", "amount", "status", "group_id"],
            ),
            "activity": pd.DataFrame(activity, columns=["user_id", "at", "kind", "group_id"]),
            "groups": pd.DataFrame({"group_id": ["G1", "G2"], "name": ["one", "two"]}),
        }
    )


def run(source: Source, sql: str, params: dict) -> pd.DataFrame:
    cur = source.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("kpis_orders", {"y_days": 2}),
        ("kpis_members", {"x_days": 1}),
        ("kpis_daily", {"last_day": dt.date(2024, 3, 25)}),
    ],
)
def test_new_kpi_query_equals_old(seed, name, extra):
    old = (RETIRED / f"{name}.sql").read_text(encoding="utf-8")
    source = random_source(seed)
    rng = random.Random(seed)
    first = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 20))
    last = first + dt.timedelta(days=rng.randint(0, 12))
    # the previous period: of equal length before, or any other range (they may overlap)
    prev_first = first - dt.timedelta(days=rng.choice([(last - first).days + 1, 3, 0]))
    prev_last = prev_first + (last - first)
    if rng.random() < 0.3:
        extra = {**extra, "last_day": None} if "last_day" in extra else extra
    current = {"start": first, "end": last, **extra}
    previous = {"start": prev_first, "end": prev_last, **extra}

    # issue 18 added a read day to each period (null here: read over all data, as before)
    # and the pending counts; the old columns must stay what they were
    unread = {k: None for k in ("last_day", "prev_last_day") if k not in current}

    # one period: one row, the old query's
    got = source.query(name, **current, **unread, prev_start=None, prev_end=None)
    assert list(got["period"]) == ["current"]
    expected = run(source, old, current)
    pd.testing.assert_frame_equal(got[list(expected.columns)], expected, check_dtype=False)

    # two periods in one run: each row equals the old query run on its period alone
    got = source.query(name, **current, **unread, prev_start=prev_first, prev_end=prev_last)
    assert list(got["period"]) == ["current", "previous"]
    for row, params in ((0, current), (1, previous)):
        expected = run(source, old, params)
        pd.testing.assert_frame_equal(
            got.iloc[[row]][list(expected.columns)].reset_index(drop=True),
            expected,
            check_dtype=False,
        )
