"""The bad-file corpus against a real workspace: a refused file changes nothing on disk, and a
file with some bad rows keeps the previous version intact in the history."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from pathlib import Path

import pytest

from siyu import importer, ingest
from siyu.workspace import Workspace
from tests.helpers import read_sql

_PATH = Path(__file__).resolve().parents[1] / "bad_files" / "manifest.py"
_spec = importlib.util.spec_from_file_location("bad_files_manifest_ws", _PATH)
manifest = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(manifest)

CORPUS = manifest.corpus()
REFUSED = sorted(n for n, e in manifest.EXPECTED.items() if "refused" in e)
PARTLY_BAD = sorted(n for n, e in manifest.EXPECTED.items() if "refused" not in e)
GOOD = (manifest.HEADER + manifest.GOOD).encode()


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under the workspace (but the lock) with its content hash."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture(scope="module")
def shop_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "ws"
    importer.import_files(
        Workspace(root), "shop", [importer.FileRequest(GOOD, "orders.csv")], mode="new"
    )
    return root


@pytest.mark.parametrize("mode", ["replace", "append"])
@pytest.mark.parametrize("name", REFUSED)
def test_refused_file_leaves_every_workspace_file_unchanged(name, mode, shop_root, tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(shop_root, root)
    before = _snapshot(root)
    catalog = (root / "catalog.json").read_bytes()
    ws = Workspace(root)
    with pytest.raises(ingest.ImportRefused) as err:
        importer.import_files(ws, "shop", [importer.FileRequest(CORPUS[name], name)], mode=mode)
    assert err.value.key == manifest.EXPECTED[name]["refused"]
    zh, en = err.value.message("zh-Hans"), err.value.message("en")
    assert zh and en and zh != en and "Traceback" not in zh + en
    assert "ingest." not in zh + en  # a message, not a key
    assert (root / "catalog.json").read_bytes() == catalog
    assert _snapshot(root) == before
    assert ws.get("shop").current == 1
    assert read_sql(ws.source("shop"), "select count(*) as n from orders").n[0] == 2


@pytest.mark.parametrize("name", PARTLY_BAD)
def test_partly_bad_file_keeps_valid_rows_and_the_previous_version(name, shop_root, tmp_path):
    root = tmp_path / "ws"
    shutil.copytree(shop_root, root)
    ws = Workspace(root)
    report = importer.import_files(
        ws, "shop", [importer.FileRequest(CORPUS[name], name)], mode="replace"
    )
    expected = manifest.EXPECTED[name]
    assert (report.accepted, report.rejected) == (expected["accepted"], expected["rejected"])
    shop = ws.get("shop")
    assert [v.version for v in shop.versions] == [1, 2]
    old = read_sql(ws.source("shop", version=1), "select count(*) as n from orders").n[0]
    new = read_sql(ws.source("shop"), "select count(*) as n from orders").n[0]
    assert (old, new) == (2, expected["accepted"])
