"""Faults: a full disk during an import and a damaged snapshot file.

A full disk is made two ways: a size limit on the importing process (RLIMIT_FSIZE, works
without privileges) and, where the machine allows mounting, a 2 MB tmpfs workspace.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from siyu import importer
from siyu.i18n import t
from siyu.workspace import Workspace, WorkspaceError
from tests.helpers import read_sql

ROOT = Path(__file__).resolve().parents[2]
HEADER = "订单号,用户ID,下单时间,实付金额\n"
SMALL = HEADER + "A1,u1,2024-04-09 10:00:00,10\nA2,u2,2024-04-09 11:00:00,20\n"


def big_csv(path: Path, rows: int = 200_000) -> Path:
    body = "".join(f"B{i},u{i % 500},2024-04-09 10:00:00,{i % 300}\n" for i in range(rows))
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def shop(root: Path) -> Workspace:
    ws = Workspace(root)
    importer.import_files(ws, "shop", [importer.FileRequest(SMALL.encode(), "o.csv")])
    return ws


LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))
from siyu.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_full_disk_during_import_gives_a_clear_error_and_loses_nothing(tmp_path):
    ws = shop(tmp_path / "ws")
    before = tree(ws.root)
    args = ["--dataset", "shop", "--replace", "--workspace", str(ws.root), "--lang", "en"]
    done = subprocess.run(
        [sys.executable, "-c", LIMITED, "import", str(big_csv(tmp_path / "big.csv")), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode != 0
    assert done.stderr.strip() == t("ingest.refused.disk_full", "en")
    assert "Traceback" not in done.stderr
    assert tree(ws.root) == before
    src = ws.source("shop")
    assert src.meta["version"] == 1
    assert read_sql(src, "select sum(amount) as s from orders").s[0] == 30
    # With room again, the same import goes through.
    report = importer.import_files(
        ws, "shop", [importer.FileRequest(tmp_path / "big.csv", "big.csv")], mode="replace"
    )
    assert report.accepted == 200_000 and ws.get("shop").current == 2


@pytest.fixture
def tiny_tmpfs(tmp_path):
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs (covered by RLIMIT_FSIZE)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_tmpfs_workspace_refuses_the_import_and_keeps_the_dataset(tiny_tmpfs, tmp_path):
    ws = shop(tiny_tmpfs / "ws")
    before = tree(ws.root)
    big = big_csv(tmp_path / "big.csv", rows=1_000_000)  # ~35 MB, the tmpfs holds 2 MB
    with pytest.raises((WorkspaceError, importer.ingest.ImportRefused)) as err:
        importer.import_files(ws, "shop", [importer.FileRequest(big, "big.csv")], mode="replace")
    assert err.value.key in ("ws.disk_full", "ingest.refused.disk_full")
    assert tree(ws.root) == before
    assert not list((ws.root / "staging").iterdir())
    assert read_sql(ws.source("shop"), "select count(*) as n from orders").n[0] == 2


def _damage(ws: Workspace, version: int) -> Path:
    tf = ws.get("shop").version(version).tables["orders"]
    path = ws.root / tf.path
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the size is the same
    path.write_bytes(bytes(data))
    return path


def test_damaged_current_snapshot_serves_the_last_good_version_with_a_warning(
    tmp_path, monkeypatch
):
    ws = shop(tmp_path / "ws")
    more = HEADER + "C1,u9,2024-04-10 10:00:00,99\n"
    importer.import_files(
        ws, "shop", [importer.FileRequest(more.encode(), "o.csv")], mode="replace"
    )
    _damage(ws, 2)
    fresh = Workspace(ws.root)  # any process, also one that read it before
    src = fresh.source("shop")
    assert (src.meta["version"], src.meta["damaged_version"]) == (1, 2)
    assert read_sql(src, "select sum(amount) as s from orders").s[0] == 30
    with pytest.raises(WorkspaceError) as err:
        fresh.source("shop", version=2)
    assert err.value.key == "ws.damaged"

    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["dataset"] = "shop"
    at.run()
    assert not at.exception
    expected = t("ws.damaged_served", "zh-Hans", dataset="shop", damaged=2, served=1)
    assert expected in [w.value for w in at.warning]
    gmv = [m for m in at.metric if m.label == t("metric.gmv", "zh-Hans")]
    assert gmv and gmv[0].value == "¥30.00"


def test_every_version_damaged_is_a_clear_error_not_a_traceback(tmp_path, monkeypatch):
    ws = shop(tmp_path / "ws")
    _damage(ws, 1)
    with pytest.raises(WorkspaceError) as err:
        Workspace(ws.root).source("shop")
    assert err.value.key == "ws.damaged"
    monkeypatch.setenv("SIYU_WORKSPACE", str(ws.root))
    monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error[0].value == t("ws.damaged", "zh-Hans", dataset="shop", version=1)


def test_missing_snapshot_file_counts_as_damaged(tmp_path):
    ws = shop(tmp_path / "ws")
    more = HEADER + "C1,u9,2024-04-10 10:00:00,99\n"
    importer.import_files(
        ws, "shop", [importer.FileRequest(more.encode(), "o.csv")], mode="replace"
    )
    os.remove(ws.root / ws.get("shop").head.tables["orders"].path)
    assert Workspace(ws.root).source("shop").meta["damaged_version"] == 2
    shutil.rmtree(ws.root / "files")
    with pytest.raises(WorkspaceError):
        Workspace(ws.root).source("shop")


def test_a_damaged_file_is_caught_even_after_it_was_stamped_verified(tmp_path):
    ws = shop(tmp_path / "ws")
    more = HEADER + "C1,u9,2024-04-10 10:00:00,99\n"
    importer.import_files(
        ws, "shop", [importer.FileRequest(more.encode(), "o.csv")], mode="replace"
    )
    assert Workspace(ws.root).source("shop").meta["version"] == 2  # stamped at publish
    path = ws.root / ws.get("shop").version(2).tables["orders"].path
    assert path.with_name(path.name + ".ok").exists()
    before = path.stat()
    _damage(ws, 2)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime
    # a new process (no in-memory cache) must not trust the stamp: the ctime moved
    import siyu.workspace as workspace_module

    workspace_module._VERIFIED.clear()
    src = Workspace(ws.root).source("shop")
    assert (src.meta["version"], src.meta["damaged_version"]) == (1, 2)
