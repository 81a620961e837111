"""Issue 19: one explorer query cannot hurt the server, and masking cannot be routed around.

Each query runs in a worker process with a memory cap and a wall-clock limit covering
execution, fetch and conversion; results are capped in bytes as well as rows; the worker
sees only tables whose personal columns are masked, and no snapshot file. The probes of the
issue run here scaled down (small caps from the environment); the heavy one runs in a
subprocess that itself has a memory cap, so that a failure cannot take the machine down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from siyu import explorer, importer
from siyu.db import Source
from siyu.i18n import LANGUAGES, t
from siyu.privacy import mask_name
from siyu.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["王敏", "林娜", "黄红梅"]
PHONES = ["13812345678", "13987654321", "13600001111"]
CSV = (
    "订单号,用户ID,下单时间,实付金额,买家昵称,买家手机号\n"
    + "".join(
        f"A{i},u{i},2024-04-0{i + 1} 10:00:00,{10 * (i + 1)},{name},{phone}\n"
        for i, (name, phone) in enumerate(zip(NAMES, PHONES, strict=True))
    )
).encode()


@pytest.fixture(scope="module")
def shop(tmp_path_factory) -> Workspace:
    ws = Workspace(tmp_path_factory.mktemp("limits") / "ws")
    importer.import_files(ws, "shop", [importer.FileRequest(CSV, "orders.csv")])
    return ws


def refused(source: Source, sql: str, **kw) -> explorer.QueryError:
    with pytest.raises(explorer.QueryError) as info:
        explorer.run(source, sql, **kw)
    return info.value


def text_of(result: explorer.Result) -> str:
    """Every cell and column name of a result, as one text."""
    frame = result.frame
    return " ".join(map(str, frame.columns)) + " " + frame.astype(str).to_string()


# ---- probe 1: a query's memory and time are bounded, and the server does not grow ---------

_HEAVY = textwrap.dedent(
    """
    import json, resource, sys
    # this test process may not grow past 3 GiB whatever the code under test does
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, resource.RLIM_INFINITY))
    from siyu import explorer
    from siyu.db import Source
    explorer.run(Source({}), "select 1 as warm")  # imports and first-use costs paid
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        explorer.run(Source({}), sys.argv[1])
        outcome = {"key": None}
    except explorer.QueryError as exc:
        outcome = {"key": exc.key, "params": exc.params, "en": exc.message("en")}
    except BaseException as exc:
        outcome = {"key": type(exc).__name__}
    outcome["grew_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(json.dumps(outcome))
    """
)


def test_a_query_over_the_memory_cap_stops_in_its_worker_and_the_server_does_not_grow(
    tmp_path,
):
    """`len(list_transform(range(200000000), …))` held 15.8 GB of the server (here 60M:
    about 1 GB, which the old code held in the server process)."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _HEAVY,
            "select len(list_transform(range(60000000), lambda x: x + 1)) as n",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SIYU_EXPLORER_MEMORY_MB": "256",
            "SIYU_DUCKDB_TEMP_DIR": str(tmp_path),
        },
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["grew_kb"] < 64 * 1024  # the server holds only what it held before
    assert outcome["key"] == "explorer.error.memory"
    assert outcome["params"] == {"mb": "256"}
    assert "256 MB" in outcome["en"]  # the refusal names the limit that was hit


def test_the_time_limit_covers_fetch_and_conversion():
    """DuckDB computes these rows in a tenth of a second; making them table cells (a list of
    dates as text per row) takes seconds, which used to run after the timer had stopped."""
    days = ", ".join(f"date '2024-01-0{d}'" for d in range(2, 9))
    err = refused(
        Source({}),
        f"select [date '2024-01-01' + range::int, {days}] as l from range(200000)",
        row_limit=1_000_000,
        time_limit=1.0,
    )
    assert err.key == "explorer.error.timeout" and err.params == {"seconds": "1"}


def test_a_result_is_capped_in_bytes_as_well_as_rows(monkeypatch):
    """`repeat('x', 200000) … from range(10001)` returned 1.86 GB under a 10,000-row cap."""
    monkeypatch.setenv("SIYU_EXPLORER_RESULT_MB", "1")
    result = explorer.run(Source({}), "select repeat('x', 100000) as s from range(300)")
    assert result.truncated and result.cut == "bytes"
    assert result.byte_limit == 1 << 20
    assert 0 < len(result.frame) < 11  # 100 kB a row: at most ten rows fit in one MB
    assert result.frame["s"].str.len().sum() <= 1 << 20
    # the row cap still says rows
    rows = explorer.run(Source({}), "select range from range(20)", row_limit=5)
    assert (len(rows.frame), rows.cut) == (5, "rows")


def test_refusals_name_the_limit_in_every_language():
    for key, params in (
        ("explorer.error.memory", {"mb": "256"}),
        ("explorer.error.timeout", {"seconds": "0.5"}),
        ("explorer.truncated_bytes", {"mb": "1", "rows": "10"}),
    ):
        for lang in LANGUAGES:
            text = t(key, lang, **params)
            assert text != key and all(v in text for v in params.values()), (key, lang)


def test_the_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SIYU_EXPLORER_SECONDS", "3")
    monkeypatch.setenv("SIYU_EXPLORER_ROWS", "7")
    monkeypatch.setenv("SIYU_EXPLORER_MEMORY_MB", "300")
    lim = explorer.limits()
    assert (lim.seconds, lim.rows, lim.memory_bytes) == (3.0, 7, 300 << 20)
    assert len(explorer.run(Source({}), "select * from range(100)").frame) == 7


# ---- probe 2: masking cannot be routed around ---------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "select nickname from orders",
        "select nickname || '' as n from orders",
        "select struct_pack(x := nickname) as s from orders",
        "select list(nickname) as l from orders",
        "select string_agg(nickname, ',') as s from orders",
        "select upper(nickname) as u, lower(nickname) as l, nickname[1:] as n from orders",
        "select encode(nickname) as e, octet_length(encode(nickname)) as n from orders",
        "select to_json(o) as j from orders as o",
        "select o as row from orders as o",
        "select columns(*) from orders",
        "select unnest(string_split(nickname, '')) as c from orders",
        "select json_object('n', nickname) as j from orders",
        "summarize orders",
        "select phone, phone || '' as p, replace(phone, '*', '') as digits from orders",
        "select * from members union all by name select * from orders",
    ],
)
def test_no_expression_over_a_personal_column_shows_it_in_clear(shop, sql):
    text = text_of(explorer.run(shop.source("shop"), sql))
    for name in NAMES:
        assert name not in text, (sql, name)
    for phone in PHONES:
        assert phone not in text and phone[3:7] not in text, (sql, phone)


def test_filters_and_hashes_see_only_the_masked_values(shop):
    src = shop.source("shop")
    exact = explorer.run(src, "select count(*) as n from orders where nickname = '王敏'")
    assert exact.frame["n"].tolist() == [0]
    hashed = explorer.run(src, "select md5(nickname) as h from orders order by order_id")
    import hashlib

    assert hashed.frame["h"].tolist() == [
        hashlib.md5(mask_name(n).encode()).hexdigest() for n in NAMES
    ]
    shown = explorer.run(src, "select nickname from orders order by order_id").frame
    assert shown["nickname"].tolist() == ["王*", "林*", "黄**"]


def test_no_snapshot_path_is_visible(shop):
    src = shop.source("shop")
    snapshot = str(src.tables["orders"])
    for sql in (
        "select sql from duckdb_views()",
        "select sql from duckdb_tables()",
        "select * from duckdb_databases()",
        "select * from duckdb_settings()",
        "explain select * from orders",
    ):
        text = text_of(explorer.run(src, sql))
        assert snapshot not in text and str(shop.root) not in text, sql
        assert "read_parquet" not in text.lower(), sql


def test_no_snapshot_file_is_readable(shop):
    src = shop.source("shop")
    ds = shop.get("shop")
    snapshot = shop.root / ds.head.tables["orders"].path
    folder = snapshot.parent
    for sql in (
        f"select nickname from read_parquet('{snapshot}')",
        f"select * from '{snapshot}'",
        f"select * from parquet_metadata('{snapshot}')",
        f"select * from parquet_schema('{snapshot}')",
        f"select * from read_blob('{snapshot}')",
        f"select * from read_text('{snapshot}')",
        f"select * from read_csv('{snapshot}')",
        f"select * from glob('{folder}/*')",
        f"select * from read_parquet('{folder}/*.parquet')",
        f"select * from read_blob('{shop.root}/identity.key')",
    ):
        assert refused(src, sql).key == "explorer.refused.files", sql


def test_the_page_promise_holds_for_frames_too():
    frame_source = Source(
        {
            "orders": pd.DataFrame(
                {
                    "order_id": ["A1"],
                    "user_id": ["u1"],
                    "ordered_at": pd.to_datetime(["2024-04-09"]),
                    "amount": [1.0],
                    "nickname": ["王敏"],
                    "phone": ["+86 138 1234 5678"],
                }
            )
        }
    )
    text = text_of(
        explorer.run(frame_source, "select nickname || '' as n, phone || '' as p from orders")
    )
    assert "王敏" not in text and "1234 5678" not in text and "138****5678" in text


# ---- the command line ---------------------------------------------------------------------


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "siyu", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0", **(env or {})},
        timeout=120,
        check=False,
    )


def test_cli_sql_prints_csv_with_the_same_masking(shop):
    done = _cli(
        "sql",
        "--dataset",
        "shop",
        "--workspace",
        str(shop.root),
        "select order_id, nickname || '' as n, amount from orders order by order_id",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "order_id,n,amount",
        "A0,王*,10",
        "A1,林*,20",
        "A2,黄**,30",
    ]


def test_cli_sql_has_the_same_sandbox_and_limits(shop):
    snapshot = shop.root / shop.get("shop").head.tables["orders"].path
    done = _cli(
        "sql",
        "--dataset",
        "shop",
        "--workspace",
        str(shop.root),
        "--lang",
        "en",
        f"select nickname from read_parquet('{snapshot}')",
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.strip() == t("explorer.refused.files", "en")
    assert "王敏" not in done.stdout
    cut = _cli(
        "sql",
        "--dataset",
        "shop",
        "--workspace",
        str(shop.root),
        "--lang",
        "en",
        "select * from range(10)",
        env={"SIYU_EXPLORER_ROWS": "3"},
    )
    assert cut.returncode == 0
    assert cut.stdout.splitlines() == ["range", "0", "1", "2"]
    assert cut.stderr.strip() == t("explorer.truncated", "en", rows="3")
