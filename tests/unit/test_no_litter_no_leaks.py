"""Issue 19: no litter, no leaks.

A kill during publish and a full disk while writing the catalog used to leave unreferenced
Parquet files and `.catalog.json.*.tmp` that nothing removed; an editor of space east saving
a dataset named like one of space west was told it "already exists"; `metric … > x.csv` kept
`=1+1` as it was, and there was no way to write the file the pages download.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from siyu import importer
from siyu.workspace import CATALOG, Workspace, WorkspaceError
from tests.helpers import read_sql
from tests.pages.test_pages import APP

ROOT = Path(__file__).resolve().parents[2]
HEAD = "订单号,用户ID,下单时间,实付金额,商品名称\n"
V1 = HEAD + "A1,u1,2024-04-09 10:00:00,10,鸡蛋\n"
V2 = HEAD + "A1,u1,2024-04-09 10:00:00,10,鸡蛋\nA2,u2,2024-04-10 10:00:00,20,牛奶\n"


def load(ws: Workspace, name: str, body: str, **kw) -> importer.ImportReport:
    return importer.import_files(ws, name, [importer.FileRequest(body.encode(), "o.csv")], **kw)


def stray(ws: Workspace) -> list[str]:
    """Table files in `files/` that no version of the catalog names, and catalog temp files."""
    cat = json.loads((ws.root / CATALOG).read_text(encoding="utf-8"))
    named = {
        Path(tf["path"]).name
        for raw in cat["datasets"].values()
        for v in raw["versions"]
        for tf in v["tables"].values()
    }
    found = [
        str(p.relative_to(ws.root))
        for p in (ws.root / "files").glob("*/*.parquet*")
        if p.name.removesuffix(".ok") not in named
    ]
    return sorted(found + [p.name for p in ws.root.glob(f".{CATALOG}.*.tmp")])


_KILLED_PUBLISH = """
import os, signal, sys
from siyu import importer, models
from siyu.workspace import Workspace

def killed(*args, **kwargs):  # the files are in the store; the catalog does not name them yet
    os.kill(os.getpid(), signal.SIGKILL)

models.build = killed
body = sys.argv[3].encode()
importer.import_files(
    Workspace(sys.argv[1]), sys.argv[2], [importer.FileRequest(body, "o.csv")], mode="replace"
)
"""


def kill_during_publish(ws: Workspace, name: str, body: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_PUBLISH, str(ws.root), name, body],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]


def test_a_killed_publish_is_cleaned_up_by_the_next_import(tmp_path):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", V1)
    kill_during_publish(ws, "shop", V2)
    assert ws.get("shop").current == 1  # the previous version stands
    assert len(stray(ws)) == 2  # the killed publish's table file and its stamp
    load(ws, "other", V1)
    assert stray(ws) == []
    assert read_sql(ws.source("shop"), "select count(*) as n from orders").n[0] == 1


def test_a_killed_first_publish_leaves_no_folder_behind_at_start(tmp_path):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", V1)
    kill_during_publish(ws, "fresh", V2)
    known = {ws.get("shop").id}
    assert {p.name for p in (ws.root / "files").iterdir()} - known  # the new dataset's folder
    Workspace(ws.root).tidy()  # what the app does when it starts
    assert {p.name for p in (ws.root / "files").iterdir()} == known
    assert stray(ws) == [] and ws.names() == ["shop"]


def test_a_failed_catalog_write_leaves_nothing(tmp_path, monkeypatch):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", V1)
    before = (ws.root / CATALOG).read_bytes()
    real_dump = json.dump

    def full_disk(obj, fp, *args, **kwargs):
        if Path(getattr(fp, "name", "")).name.startswith(f".{CATALOG}."):
            fp.write("{")  # part of it reached the disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_dump(obj, fp, *args, **kwargs)

    monkeypatch.setattr(json, "dump", full_disk)
    with pytest.raises(WorkspaceError) as err:
        load(ws, "shop", V2, mode="replace")
    monkeypatch.undo()
    assert err.value.key == "ws.disk_full"
    assert (ws.root / CATALOG).read_bytes() == before
    assert stray(ws) == []  # neither the temp catalog nor the files it would have named


def test_litter_of_a_killed_writer_goes_but_a_running_publish_is_left_alone(tmp_path):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", V1)
    folder = ws.root / "files" / ws.get("shop").id
    (ws.root / f".{CATALOG}.0badc0de.tmp").write_text("{", encoding="utf-8")
    adopted = folder / "0123456789abcdef.parquet"  # a publish moved it in, not yet named
    adopted.write_bytes(b"PAR1")
    with (ws.root / ".lock").open("a+") as lock:  # that publish still holds the lock
        fcntl.flock(lock, fcntl.LOCK_EX)
        Workspace(ws.root).tidy()
        assert adopted.exists() and (ws.root / f".{CATALOG}.0badc0de.tmp").exists()
    Workspace(ws.root).tidy()  # the writer is gone: what it left is litter
    assert not adopted.exists() and stray(ws) == []
    assert read_sql(ws.source("shop"), "select count(*) as n from orders").n[0] == 1


# ---- dataset names of other spaces --------------------------------------------------------


@pytest.fixture
def two_teams(tmp_path) -> Path:
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", V2)
    ws.set_meta("shop", space="west")
    return ws.root


def test_saving_a_name_another_space_uses_never_reveals_it(two_teams):
    east = Workspace(two_teams, spaces=frozenset({"east"}))
    assert east.names() == [] and not east.exists("shop")
    report = importer.import_files(
        east, "shop", [importer.FileRequest(V1.encode(), "o.csv")], mode="new"
    )
    assert report.version.version == 1
    assert east.names() == ["shop"]
    assert east.get("shop").meta["space"] == "east"
    assert read_sql(east.source("shop"), "select count(*) as n from orders").n[0] == 1
    # west still has its own shop, untouched, under the same name
    west = Workspace(two_teams, spaces=frozenset({"west"}))
    assert west.names() == ["shop"]
    assert read_sql(west.source("shop"), "select count(*) as n from orders").n[0] == 2
    # a second try in east meets east's own dataset: that one may be named
    with pytest.raises(WorkspaceError) as err:
        load(east, "shop", V1, mode="new")
    assert err.value.key == "ws.exists"
    # whoever sees both spaces sees both, the later one with its space
    both = Workspace(two_teams)
    assert both.names() == ["shop", "shop (east)"]
    assert read_sql(both.source("shop (east)"), "select count(*) as n from orders").n[0] == 1
    # east's other operations find east's dataset, never west's
    east.restore("shop", 1)
    assert west.get("shop").current == 1 and east.get("shop").current == 2
    east.delete("shop")
    assert west.names() == ["shop"] and east.names() == []


def test_the_app_shows_each_team_its_own_dataset_of_that_name(monkeypatch, two_teams):
    load(Workspace(two_teams, spaces=frozenset({"east"})), "shop", V1, mode="new")
    secrets = {
        "auth": {
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "x",
            "google": {"client_id": "a", "client_secret": "b", "server_metadata_url": "u"},
        },
        "access": {
            "users": {
                "ana@shop.cn": {"role": "editor", "spaces": ["east"]},
                "boss@shop.cn": {"role": "viewer", "spaces": ["*"]},
            }
        },
    }

    def options(email: str) -> list[str]:
        monkeypatch.setenv("SIYU_WORKSPACE", str(two_teams))
        monkeypatch.setenv("SIYU_AUTO_DEMO", "0")
        at = AppTest.from_file(APP, default_timeout=60)
        at.secrets = secrets
        at.user = {"is_logged_in": True, "email": email}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        box = [s for s in at.sidebar.selectbox if s.key == "dataset"]
        return list(box[0].options)

    assert options("ana@shop.cn") == ["shop"]
    assert options("boss@shop.cn") == ["shop", "shop (east)"]


# ---- metric --out -------------------------------------------------------------------------

FORMULAS = HEAD + (
    'A1,u1,2024-04-09 10:00:00,10,=1+1\nA2,u2,2024-04-09 11:00:00,20,"=HYPERLINK(""http://x"")"\n'
)


def _metric(ws: Workspace, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "siyu",
            "metric",
            "leaderboard_products",
            "--dataset",
            "shop",
            "--workspace",
            str(ws.root),
            "--set",
            "by=gmv",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIYU_AUTO_DEMO": "0"},
        check=False,
        timeout=120,
    )


def test_metric_out_writes_the_neutralised_download_and_stdout_stays_raw(tmp_path):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", FORMULAS)
    raw = _metric(ws)
    assert raw.returncode == 0, raw.stderr
    assert "=1+1" in raw.stdout and "'=1+1" not in raw.stdout  # scripts get the values
    csv_path, xlsx_path = tmp_path / "products.csv", tmp_path / "products.xlsx"
    for path in (csv_path, xlsx_path):
        done = _metric(ws, "--out", str(path))
        assert done.returncode == 0, done.stderr
        assert done.stdout == ""
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as the pages download
    text = data.decode("utf-8-sig")
    assert "'=1+1" in text and '\'=HYPERLINK(""http://x"")' in text
    assert "\n=1+1" not in text and ",=1+1" not in text
    sheet = openpyxl.load_workbook(xlsx_path).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "'=1+1" in cells and '\'=HYPERLINK("http://x")' in cells
    assert not any(isinstance(c, str) and c.startswith("=") for c in cells)


def test_metric_out_refuses_another_file_kind(tmp_path):
    ws = Workspace(tmp_path / "ws")
    load(ws, "shop", FORMULAS)
    done = _metric(ws, "--out", str(tmp_path / "x.txt"), "--lang", "en")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert ".csv or .xlsx" in done.stderr and not (tmp_path / "x.txt").exists()
