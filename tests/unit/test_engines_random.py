"""The same numbers on DuckDB and chdb on random datasets (issue 23; see test_engines.py).

The datasets of tests/unit/test_same_numbers.py (ties, refunds, 0-yuan orders, members who
left before joining, activity of non-members, orders in no group) are held in DataFrames,
so the base models run inline: translated for ClickHouse, or hand-written in
queries/clickhouse/base/. Every metric of the registry, with its first option set.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from siyu import metrics
from siyu.db import Source
from tests.unit.test_engines import NAMES, SLOW, assert_same, on, variants
from tests.unit.test_same_numbers import DAY0, random_tables, resolve

pytest.importorskip("chdb", reason="pip install -r requirements-clickhouse.txt")

SEEDS = (11, 29)


@pytest.fixture(scope="module")
def random_sources() -> list[Source]:
    # kept for the module, so each frame is written to Parquet for chdb once; the last one
    # has WeCom's group statistics instead of activity (the group pages' other basis)
    sources = [Source(tables=random_tables(seed, 2)) for seed in SEEDS]
    tables = {k: v for k, v in random_tables(SEEDS[0], 2).items() if k != "activity"}
    rng = random.Random(SEEDS[0])
    tables["group_daily"] = pd.DataFrame(
        [
            {
                "stat_date": DAY0.date() + dt.timedelta(days=d),
                "group_id": g,
                "member_total": rng.randint(0, 50),
                "new_members": rng.randint(0, 5),
                "quit_members": rng.choice([0, 0, 1, None]),
                "speakers": rng.randint(0, 20),
                "messages": rng.randint(0, 200),
            }
            for d in range(40)
            for g in ("G1", "G2", "G9")
            if rng.random() > 0.1
        ]
    )
    return [*sources, Source(tables=tables)]


@pytest.mark.parametrize("name", NAMES)
def test_metric_is_the_same_on_chdb_on_random_data(random_sources, name):
    if name in SLOW:
        pytest.skip("the event funnel plans ~30 s on ClickHouse: compared on the demo")
    for i, source in enumerate(random_sources):
        start = DAY0.date() + dt.timedelta(days=3 + 7 * (i % 2))
        end = start + dt.timedelta(days=13)
        for options in variants(name)[:1]:
            opts = on("duckdb", resolve, options, source, start, end)
            assert not isinstance(opts, Exception), opts
            duck = on("duckdb", metrics.lookup(name), source, start, end, **opts)
            ch = on("chdb", metrics.lookup(name), source, start, end, **opts)
            assert_same(name, opts, duck, ch)
