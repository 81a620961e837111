"""The same numbers on every engine (issue 23): DuckDB, and ClickHouse embedded (chdb).

Every metric of the registry, with the option sets of tests/unit/test_same_numbers.py, runs
on DuckDB and on chdb, on the demo workspace (reading the snapshot's Parquet files and the
base layer's built files through `file()`) and, in tests/unit/test_engines_random.py, on
random datasets held in DataFrames (the base models then run inline, translated). The frames must be equal, dtypes included; a
metric an engine cannot give must say so in one line (EngineError), never give a number.

Also here: the settings that change semantics, one DuckDB construct at a time; typed
parameters; the hand-written files; the CLI's CSV; the server engine's parameters.
A new metric is covered without a line here: the tests iterate the registry.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest

from siyu import engines, metrics
from siyu.config import PROJECT_ROOT, QUERIES_DIR
from siyu.db import Source
from siyu.workspace import Workspace
from tests.helpers import read_sql
from tests.unit.test_same_numbers import OPTIONS, resolve

chdb = pytest.importorskip("chdb", reason="pip install -r requirements-clickhouse.txt")
from siyu.engines import clickhouse  # noqa: E402  (needs the optional install)

NAMES = sorted(metrics.REGISTRY)  # declared names; aliases run the same function
# The event funnel's query (30 CTEs and a recursive one) is right on ClickHouse but takes
# about 30 s to plan there: its metrics are compared on the demo with their first option
# set only, and not on random data, to keep `make test` within its budget.
SLOW = frozenset({"event_funnel", "event_funnel_dropped", "event_funnel_trend"})


def variants(name: str) -> list[dict]:
    """The option sets of a metric in test_same_numbers.OPTIONS, its aliases' included."""
    out = []
    for key in (name, *metrics.get(name).aliases):
        out += [o for o in OPTIONS.get(key, []) if o not in out]
    return out or [{}]


def on(engine: str, fn, *args, **kwargs) -> Any:
    """`fn(...)` with SIYU_ENGINE=engine; an exception is returned, not raised."""
    before = os.environ.get("SIYU_ENGINE")
    os.environ["SIYU_ENGINE"] = engine
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # compared below: both engines must fail alike
        return exc
    finally:
        if before is None:
            os.environ.pop("SIYU_ENGINE", None)
        else:
            os.environ["SIYU_ENGINE"] = before


def assert_same(name: str, options: dict, duck: Any, ch: Any) -> None:
    if isinstance(ch, engines.EngineError):
        message = str(ch)
        assert "\n" not in message and len(message) < 500, message
        pytest.fail(f"{name} {options}: chdb cannot give it: {message}")
    if isinstance(duck, Exception) or isinstance(ch, Exception):
        # an option a metric refuses is refused on both engines, with the same error
        assert type(duck) is type(ch), f"{name} {options}: DuckDB {duck!r}, chdb {ch!r}"
        return
    pd.testing.assert_frame_equal(
        duck.reset_index(drop=True),
        ch.reset_index(drop=True),
        check_exact=False,
        rtol=1e-9,
        obj=f"{name} {options}",
    )


@pytest.fixture(scope="module")
def demo_source(demo_root) -> Source:
    return Workspace(demo_root).source("demo")


@pytest.mark.parametrize("name", NAMES)
def test_metric_is_the_same_on_chdb_on_the_demo(demo_source, name):
    source = demo_source
    start, end = metrics.default_period(source)
    sets = variants(name)
    for options in sets[:1] if name in SLOW else sets:
        opts = on("duckdb", resolve, options, source, start, end)
        assert not isinstance(opts, Exception), opts
        duck = on("duckdb", metrics.lookup(name), source, start, end, **opts)
        ch = on("chdb", metrics.lookup(name), source, start, end, **opts)
        assert_same(name, opts, duck, ch)


def test_every_metric_is_compared():
    assert set(NAMES) == set(metrics.REGISTRY)


# -- semantics, one construct at a time ------------------------------------------------------

CASES = [
    # decimals divide as doubles; integers too
    "select 5::decimal(18,2) / 2 as x, 7 / 2 as y",
    # a cast to a decimal rounds half away from zero (ClickHouse's CAST truncates)
    "select cast(2.675::double as decimal(18,2)) as x, cast(1.005::decimal(18,3) as decimal(18,2)) as y",
    "select cast(-0.125::double as decimal(18,2)) as x",
    # a fraction cast to an integer rounds (ClickHouse's CAST truncates)
    "select cast(7 / 2 as integer) as a, cast(5 / 2 as bigint) as b, cast(-2.5::double as int)"
    " as c, cast(2.5::decimal(18,1) as int) as d",
    "select cast(avg(x) as bigint) as a, cast(median(x) * 1.5 as integer) as b from range(4) t(x)",
    # round: half away from zero (ClickHouse rounds floats half to even)
    "select round(2.5::double) as x, round(-0.5::double) as y, round(1.25::double, 1) as z",
    # median interpolates (ClickHouse's median samples)
    "select median(x) as m from range(4) t(x)",
    # sum over no rows is NULL (aggregate_functions_null_for_empty)
    "select sum(x) as s, max(x) as m, count(*) as n from range(0) t(x)",
    # an outer join's missing side is NULL (join_use_nulls)
    "select b.y from (select 1 as x) a left join (select 2 as x, 5 as y) b on a.x = b.x",
    # a timestamp's day is its wall-clock day (session_timezone UTC, no shift)
    "select cast(timestamp '2024-03-01 23:30:00' as date) as d, hour(timestamp '2024-03-01 23:30:00') as h",
    # date arithmetic: days between dates, a date plus days
    "select date '2024-03-10' - date '2024-03-01' as n, date '2024-03-01' + 3 as d",
    # UNION is distinct (union_default_mode)
    "select count(*) as n from (select 1 as x union select 1 as x)",
    # least and greatest skip NULLs
    "select least(null, 1) as a, greatest(2, null) as b",
    # string_split of '' is [''] (splitByString gives [])
    "select len(string_split('', ',')) as n, string_split('a,,b', ',')[3] as c",
    # list(... order by ...) keeps its order
    "select list(x order by x desc) as l from range(4) t(x)",
    # generate_series over days, inclusive; range exclusive
    "select count(*) as n, min(cast(generate_series as date)) as d from generate_series("
    "timestamp '2024-02-27', timestamp '2024-03-02', interval 1 day)",
    "select sum(range) as s from range(0, 5)",
    # counts are BIGINT, dayofweek counts from Sunday, isodow from Monday
    "select count(*) as n, dayofweek(date '2024-03-03') as w, isodow(date '2024-03-03') as i",
    # count(*) filter (where …)
    "select count(*) filter (where x > 1) as n from range(4) t(x)",
    # epoch in seconds, with microseconds
    "select epoch(timestamp '2024-01-01 00:00:00.5') as e",
    # an asof join on an inequality alone
    "select a.x, b.y from range(3) a(x) asof left join (select 1 as k, 10 as y) b on a.x >= b.k order by a.x",
    # union all by name
    "with a as (select 1 as x, 2 as y), b as (select 3 as y) "
    "select * from a union all by name select * from b order by y",
    # ORDER BY reads the output name
    "select x % 2 as g, cast(sum(x) as bigint) as x from range(5) t(x) group by g order by x",
]


@pytest.mark.parametrize("sql", CASES)
def test_construct_means_the_same(sql):
    duck = on("duckdb", lambda: read_sql(Source(tables={}), sql))
    assert not isinstance(duck, Exception), duck
    ch = clickhouse.engine("chdb").run_sql(sql, {}, {})
    pd.testing.assert_frame_equal(duck, ch, check_exact=False, rtol=1e-12)


def test_parameters_are_typed_and_bound_never_formatted():
    sql, _ = clickhouse.translated("timeseries")
    assert "{start: Nullable(DATE)}" in sql and "{grain: Nullable(String)}" in sql
    assert "$" not in sql
    params = {"d": dt.date(2024, 3, 1), "t": "it's a\\b\tc", "n": None, "i": 3}
    types = {"d": "Date", "t": "String", "n": "Int64", "i": "Int64"}
    frame = clickhouse.engine("chdb").run_sql(
        "select $d + 1 as d, $t as t, $n as n, $i * 2 as i", params, types
    )
    assert frame.iloc[0]["d"] == pd.Timestamp("2024-03-02") or frame.iloc[0]["d"] == dt.date(
        2024, 3, 2
    )
    assert frame.iloc[0]["t"] == "it's a\\b\tc"
    assert pd.isna(frame.iloc[0]["n"]) and frame.iloc[0]["i"] == 6


def test_settings_are_set_on_the_connection():
    eng = clickhouse.engine("chdb")
    got = eng.arrow(
        "select getSetting('join_use_nulls') as j, getSetting('session_timezone') as tz, "
        "getSetting('aggregate_functions_null_for_empty') as a",
        {},
    ).to_pylist()[0]
    assert bool(got["j"]) and got["tz"] == "UTC" and bool(got["a"])


def test_chdb_keeps_the_process_limits():
    # SIYU_DUCKDB_MEMORY_LIMIT's words, as DuckDB reads them
    assert clickhouse._bytes("4GB") == 4_000_000_000
    assert clickhouse._bytes("512 MiB") == 512 * 1024**2
    assert clickhouse._bytes("lots") is None
    got = clickhouse.engine("chdb").arrow(
        "select getSetting('max_memory_usage') as m, getSetting('max_threads') as t", {}
    )
    assert got.to_pylist()[0]["m"] > 0 and got.to_pylist()[0]["t"] >= 1


def test_tables_and_models_read_the_snapshot_files(demo_source):
    eng = clickhouse.engine("chdb")
    sql, files = clickhouse.statement(demo_source, "kpis_members", eng.columns, eng.files)
    # the canonical tables from the snapshot's files, the built base models from theirs,
    # each location a bound parameter, not text
    assert "file({__siyu_f0:String}, Parquet)" in sql
    assert set(map(str, demo_source.tables.values())) & set(files.values())
    assert set(map(str, demo_source.base.values())) & set(files.values())
    assert not any(
        str(p) in sql for p in [*demo_source.tables.values(), *demo_source.base.values()]
    )


def test_object_storage_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("SIYU_WORKSPACE", str(tmp_path))
    monkeypatch.delenv("SIYU_CLICKHOUSE_S3_COLLECTION", raising=False)
    path = str(tmp_path / "files" / "abc" / "x.parquet")

    def read(files):
        bind = clickhouse.Binder()
        return files.read(path, bind), bind.values

    assert read(clickhouse.Files("s3://siyu-bucket/workspace")) == (
        "s3({__siyu_f0:String}, 'Parquet')",
        {"__siyu_f0": "https://siyu-bucket.s3.amazonaws.com/workspace/files/abc/x.parquet"},
    )
    oss = clickhouse.Files("https://bucket.oss-cn-hangzhou.aliyuncs.com/ws/")
    assert read(oss)[1] == {
        "__siyu_f0": "https://bucket.oss-cn-hangzhou.aliyuncs.com/ws/files/abc/x.parquet"
    }
    monkeypatch.setenv("SIYU_CLICKHOUSE_S3_COLLECTION", "siyu_s3")
    assert read(oss)[0] == "s3(\"siyu_s3\", url = {__siyu_f0:String}, format = 'Parquet')"
    local = clickhouse.Files("/var/lib/clickhouse/user_files/siyu")
    assert read(local) == (
        "file({__siyu_f0:String}, Parquet)",
        {"__siyu_f0": "/var/lib/clickhouse/user_files/siyu/files/abc/x.parquet"},
    )


def test_handwritten_files_say_why():
    for name, path in clickhouse.handwritten().items():
        duck = QUERIES_DIR / f"{name}.sql"
        assert duck.exists(), f"{path} has no DuckDB file {duck}"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- ClickHouse form of") and "Why by hand:" in text, path


def test_an_unknown_engine_and_a_missing_server_say_so_in_one_line(monkeypatch):
    monkeypatch.setenv("SIYU_ENGINE", "oracle")
    with pytest.raises(engines.EngineError, match="one of duckdb, chdb, clickhouse"):
        engines.name()
    monkeypatch.delenv("SIYU_CLICKHOUSE_URL", raising=False)
    with pytest.raises(engines.EngineError, match="SIYU_CLICKHOUSE_URL") as info:
        clickhouse.Server()
    assert "\n" not in str(info.value)


def test_the_server_gets_parameters_apart_from_the_text(monkeypatch):
    import clickhouse_connect
    import pyarrow as pa

    seen = {}

    class Client:
        def query_arrow(self, sql, parameters):
            seen["sql"], seen["parameters"] = sql, parameters
            return pa.table({"d": pa.array([dt.date(2024, 3, 2)])})

    def get_client(dsn, settings, **options):
        seen["dsn"], seen["settings"], seen["options"] = dsn, settings, options
        return Client()

    monkeypatch.setattr(clickhouse_connect, "get_client", get_client)
    monkeypatch.setenv("SIYU_CLICKHOUSE_URL", "http://siyu:secret@127.0.0.1:8123/siyu")
    server = clickhouse.Server()
    frame = server.run_sql("select $d + 1 as d", {"d": dt.date(2024, 3, 1)}, {"d": "Date"})
    assert "{d: Nullable(DATE)}" in seen["sql"] and "2024" not in seen["sql"]
    assert seen["parameters"] == {"d": "2024-03-01"}
    assert seen["settings"]["join_use_nulls"] == 1
    assert seen["options"] == {"autogenerate_session_id": False}  # queries run in parallel
    assert len(frame) == 1


def test_the_cli_prints_the_same_csv(demo_root):
    def csv(engine: str, name: str) -> str:
        env = {**os.environ, "SIYU_ENGINE": engine}
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "siyu",
                "--workspace",
                str(demo_root),
                "metric",
                name,
                "--dataset",
                "demo",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    for name in ("kpis", "retention"):
        assert csv("chdb", name) == csv("duckdb", name)


def test_memo_is_per_engine(demo_source):
    start, end = metrics.default_period(demo_source)
    duck = on("duckdb", metrics.lookup("timeseries"), demo_source, start, end)
    ch = on("chdb", metrics.lookup("timeseries"), demo_source, start, end)
    keys = {k[0] for k in __import__("siyu.db").db._MEMO}
    assert {"duckdb", "chdb"} <= keys
    pd.testing.assert_frame_equal(duck, ch)


def test_engine_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.delenv("SIYU_ENGINE", raising=False)
    assert engines.name() == "duckdb"
    monkeypatch.setenv("SIYU_ENGINE", " CHDB ")
    assert engines.name() == "chdb"
