"""The workspace publishes whole versions atomically, keeps history, and is safe across processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from siyu.db import database
from siyu.schema import quote_literal
from siyu.workspace import Workspace, WorkspaceError
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]


def orders_parquet(folder: Path, n: int, amount: int, prefix: str = "O") -> Path:
    """A canonical orders file of `n` paid orders, each of `amount` yuan."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{prefix}{n}-{amount}-{time.monotonic_ns()}.parquet"
    cur = database().cursor()
    cur.execute(
        f"""copy (
            select {quote_literal(prefix)} || lpad(i::varchar, 7, '0') as order_id,
                   'U' || lpad((i % 97)::varchar, 4, '0') as user_id,
                   timestamp '2024-04-01' + to_minutes(i) as ordered_at,
                   {int(amount)}::decimal(18,2) as amount,
                   'paid' as status, 1 as quantity, null::varchar as product,
                   null::varchar as group_id, null::varchar as campaign,
                   null::decimal(18,2) as discount
            from range({int(n)}) t(i)
        ) to {quote_literal(str(path))} (format parquet)"""
    )
    cur.close()
    return path


def totals(ws: Workspace, name: str) -> tuple[int, float]:
    row = read_sql(ws.source(name), "select count(*), sum(amount) from orders").iloc[0]
    return int(row.iloc[0]), float(row.iloc[1])


def test_publish_makes_a_version_readable_with_its_row_counts(tmp_path):
    ws = Workspace(tmp_path / "ws")
    v = ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)}, files=("a.csv",))
    assert v.version == 1
    assert ws.get("shop").head.tables["orders"].rows == 10
    assert totals(ws, "shop") == (10, 50.0)
    assert ws.names() == ["shop"]


def test_auto_mode_refuses_to_overwrite_an_existing_table(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)})
    with pytest.raises(WorkspaceError) as err:
        ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 3, 1)})
    assert err.value.key == "ws.table_exists"
    assert totals(ws, "shop") == (10, 50.0)


def test_new_mode_refuses_an_existing_name(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 2, 5)})
    with pytest.raises(WorkspaceError) as err:
        ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 3, 1)}, mode="new")
    assert "shop" in err.value.message("en")


def test_replace_keeps_other_tables_and_append_skips_existing_keys(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)})
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 4, 2)}, mode="replace")
    assert totals(ws, "shop") == (4, 8.0)
    # rows O0000000..O0000005: four exist already, two are new
    v = ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 6, 100)}, mode="append")
    assert totals(ws, "shop") == (6, 4 * 2 + 2 * 100)
    assert v.details["skipped_existing"] == {"orders": 4}


def test_restore_brings_back_an_earlier_version_as_a_new_one(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 10, 5)})
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 1, 1)}, mode="replace")
    v = ws.restore("shop", 1)
    assert v.version == 3 and v.action == "restore"
    assert totals(ws, "shop") == (10, 50.0)
    assert [x.action for x in ws.get("shop").versions] == ["import", "replace", "restore"]


def test_delete_removes_the_dataset_and_unknown_names_give_a_clear_error(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 2, 5)})
    ws.delete("shop")
    assert ws.names() == []
    with pytest.raises(WorkspaceError) as err:
        ws.source("shop")
    assert err.value.message("zh-Hans") == "没有名为「shop」的数据集。"


@pytest.mark.parametrize("name", ["", "   ", "a" * 81, "bad\nname"])
def test_bad_dataset_names_are_refused(tmp_path, name):
    ws = Workspace(tmp_path / "ws")
    with pytest.raises(WorkspaceError) as err:
        ws.publish(name, {"orders": orders_parquet(ws.staging_dir(), 1, 1)})
    assert err.value.key == "ws.bad_name"


def test_chinese_and_quote_laden_names_are_stored_as_typed(tmp_path):
    ws = Workspace(tmp_path / "ws")
    name = "华东'团购\"; drop table orders; --"
    ws.publish(name, {"orders": orders_parquet(ws.staging_dir(), 3, 1)})
    assert ws.names() == [name]
    assert totals(ws, name) == (3, 3.0)


def _run(code: str, env: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_reader_never_sees_an_error_or_a_half_published_version_while_a_writer_loops(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace(root)
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 1000, 1)})
    # Version k holds 1000 + k orders of k + 1 yuan: count and sum must always agree.
    writer = _run(
        f"""
        import time
        from pathlib import Path
        from tests.unit.test_workspace import orders_parquet
        from siyu.workspace import Workspace
        ws = Workspace({str(root)!r})
        ready = Path({str(tmp_path / "reader-ready")!r})
        deadline = time.time() + 120
        while not ready.exists() and time.time() < deadline:  # the reader is reading
            time.sleep(0.01)
        for k in range(1, 41):
            ws.publish("shop", {{"orders": orders_parquet(ws.staging_dir(), 1000 + k, k + 1)}}, mode="replace")
            time.sleep(0.02)
        print("written", k)
        """
    )
    reader = _run(
        f"""
        import time
        from pathlib import Path
        from siyu.workspace import Workspace
        ws = Workspace({str(root)!r})
        seen = set()
        deadline = time.time() + 120
        while time.time() < deadline:
            src = ws.source("shop")
            cur = src.cursor()
            n, total = cur.execute("select count(*), sum(amount) from orders").fetchone()
            cur.close()
            k = int(n) - 1000
            assert float(total) == (k + 1) * int(n), (n, total)
            seen.add(k)
            Path({str(tmp_path / "reader-ready")!r}).touch()
            if 40 in seen:
                break
        print("versions seen", len(seen))
        """
    )
    w_out, w_err = writer.communicate(timeout=300)
    r_out, r_err = reader.communicate(timeout=300)
    assert writer.returncode == 0, w_err
    assert reader.returncode == 0, r_err
    assert "written 40" in w_out
    assert int(r_out.split()[-1]) >= 2  # the reader saw the dataset change under it
    assert totals(ws, "shop") == (1040, 41 * 1040.0)


def test_import_killed_midway_leaves_the_previous_version_and_can_be_retried(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace(root)
    ws.publish("shop", {"orders": orders_parquet(ws.staging_dir(), 50, 2)})
    before = (root / "catalog.json").read_text(encoding="utf-8")
    flag = tmp_path / "in-publish"
    # The writer stops right before it switches the catalog, with its files adopted.
    victim = _run(
        f"""
        import time
        from pathlib import Path
        import siyu.workspace as w
        from tests.unit.test_workspace import orders_parquet
        real = w.Workspace._write_catalog
        def stuck(self, cat):
            Path({str(flag)!r}).write_text("x")
            time.sleep(600)
        w.Workspace._write_catalog = stuck
        ws = w.Workspace({str(root)!r})
        ws.publish("shop", {{"orders": orders_parquet(ws.staging_dir(), 7, 9)}}, mode="replace")
        """
    )
    deadline = time.time() + 60
    while not flag.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert flag.exists(), victim.stderr.read() if victim.poll() is not None else "no flag"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert (root / "catalog.json").read_text(encoding="utf-8") == before
    assert totals(Workspace(root), "shop") == (50, 100.0)
    # the killed writer's lock died with it: a retry goes through at once
    ws2 = Workspace(root)
    ws2.publish("shop", {"orders": orders_parquet(ws2.staging_dir(), 7, 9)}, mode="replace")
    assert totals(ws2, "shop") == (7, 63.0)
    assert (
        json.loads((root / "catalog.json").read_text(encoding="utf-8"))["datasets"]["shop"][
            "current"
        ]
        == 2
    )
