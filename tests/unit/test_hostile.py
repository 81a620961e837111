"""Hostile and random input against the whole import path and the workspace.

Random bytes, encodings, header sets and cells go through `importer.import_files` into a
workspace that already holds a dataset: each attempt is either saved as a new version or
refused with a translated message, and a refusal changes no file. SQL-injection strings in
every text a user can type (dataset names, headers and so mapped column names, cell values,
CLI filter values) are data, never SQL.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from siyu import importer, ingest
from siyu.ingest.aliases import ALIASES
from siyu.workspace import Workspace, WorkspaceError
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]
GOOD = (
    "订单号,用户ID,下单时间,实付金额\nA1,u1,2024-04-09 10:00:00,10\nA2,u2,2024-04-09 11:00:00,20\n"
)
INJECTIONS = [
    "'; drop table orders; --",
    '"; drop view orders; --',
    "x') union select * from duckdb_settings() --",
    "1; attach '/tmp/evil.db'",
    "$start",
    "{start}",
    "%s",
    "\\'",
    'orders"',
    "read_csv('/etc/passwd')",
]
ALIAS_POOL = sorted({a for cols in ALIASES.values() for names in cols.values() for a in names})
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"]
RUNS = {"count": 0}

CHECKS = settings(
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "ws"
    importer.import_files(Workspace(root), "shop", [importer.FileRequest(GOOD.encode(), "o.csv")])
    return root


def attempt(base: Path, work: Path, data: bytes, name: str) -> None:
    """Import into a fresh copy of the base workspace; check the outcome either way."""
    RUNS["count"] += 1
    root = work / f"ws{RUNS['count']}"
    shutil.copytree(base, root)
    before = tree(root)
    ws = Workspace(root)
    try:
        report = importer.import_files(
            ws, "shop", [importer.FileRequest(data, name)], mode="replace"
        )
    except (ingest.ImportRefused, WorkspaceError) as exc:
        assert exc.message("zh-Hans") and exc.message("en")
        assert tree(root) == before
    else:
        assert report.accepted > 0 and ws.get("shop").current == 2
        assert read_sql(ws.source("shop", version=1), "select count(*) as n from orders").n[0] == 2
    finally:
        shutil.rmtree(root, ignore_errors=True)


@CHECKS
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "b.xlsx", "c.tsv", "d"]))
def test_random_bytes_are_saved_or_refused_without_touching_the_workspace(
    base, tmp_path, data, name
):
    attempt(base, tmp_path, data, name)


cells = st.one_of(st.sampled_from([*INJECTIONS, "10", "2024-04-09", "¥1,299.00"]), st.text())


@CHECKS
@given(
    headers=st.lists(
        st.one_of(st.sampled_from(ALIAS_POOL), st.sampled_from(INJECTIONS), st.text(max_size=12)),
        min_size=1,
        max_size=8,
    ),
    rows=st.lists(st.lists(cells, min_size=0, max_size=9), max_size=12),
    encoding=st.sampled_from(ENCODINGS),
)
def test_random_tables_in_random_encodings_are_saved_or_refused(
    base, tmp_path, headers, rows, encoding
):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerows(rows)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buf.getvalue().encode("utf-8")
    attempt(base, tmp_path, data, "random.csv")


def test_number_of_random_inputs_tried_is_reported():
    # Read by the closing note: how many random files the two property tests above imported.
    print(f"random inputs tried: {RUNS['count']}")
    assert RUNS["count"] >= 0


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_as_headers_and_values_are_stored_verbatim(tmp_path, text):
    quoted = text.replace('"', '""')
    data = (
        f'订单号,用户ID,下单时间,实付金额,"{quoted}",商品名称\n'
        f'A1,u1,2024-04-09 10:00:00,10,x,"{quoted}"\n'
    ).encode()
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "shop", [importer.FileRequest(data, "o.csv")])
    src = ws.source("shop")
    assert read_sql(src, "select product from orders")["product"].tolist() == [text]
    assert read_sql(src, "select count(*) as n from orders").n[0] == 1


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_as_dataset_names_are_plain_names(tmp_path, text):
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "keep", [importer.FileRequest(GOOD.encode(), "o.csv")])
    importer.import_files(ws, text, [importer.FileRequest(GOOD.encode(), "o.csv")])
    assert sorted(ws.names()) == sorted(["keep", text.strip()])
    for name in ws.names():
        assert read_sql(ws.source(name), "select sum(amount) as s from orders").s[0] == 30
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "metric",
            "kpis",
            "--dataset",
            text.strip(),
            "--workspace",
            str(ws.root),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"gmv"' in done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--start", "2024-04-01'; drop table orders; --"],
        ["--end", "$start"],
        ["--set", "x_days=1; drop table orders"],
        ["--set", "grain=day'); select 1 --"],
    ],
)
def test_injection_strings_in_cli_filters_are_refused_cleanly(tmp_path, args):
    ws = Workspace(tmp_path / "ws")
    importer.import_files(ws, "shop", [importer.FileRequest(GOOD.encode(), "o.csv")])
    before = tree(ws.root)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "metric",
            "kpis",
            "--dataset",
            "shop",
            *args,
            "--workspace",
            str(ws.root),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0"},
        check=False,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert tree(ws.root) == before
