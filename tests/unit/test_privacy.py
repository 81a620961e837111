"""Personal data: phones masked for display, hashed with the workspace key where they identify a
person, and no clear phone number from an imported file anywhere in the workspace."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import re
import shutil
import stat
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from siyu import importer, ingest
from siyu.privacy import (
    hash_phone,
    is_masked_phone,
    is_mobile,
    mask_frame,
    mask_name,
    mask_phone,
    scrub_phones,
)
from siyu.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data"
_spec = importlib.util.spec_from_file_location("make_samples_privacy", DATA / "make_samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+86 138 1234 5678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("186******05", "186******05"),  # already masked: kept
        ("021-6666", "****"),
        (None, None),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


def test_mobiles_and_masked_phones_are_told_apart():
    assert is_mobile("13812345678") and is_mobile("+86-138-1234-5678")
    assert not is_mobile("E20240409115400001") and not is_mobile("2024-04-09 11:54:00")
    assert not is_mobile("138123456789")  # 12 digits: an order number, not a phone
    assert is_masked_phone("186******05") and is_masked_phone("1******6198")
    assert is_masked_phone("138****1234") and not is_masked_phone("13812345678")


def test_scrub_masks_every_mobile_inside_text_and_leaves_long_numbers():
    text = "张三 13812345678，备用 139-1234-5678；单号 E20240409115400001"
    assert scrub_phones(text) == "张三 138****5678，备用 139****5678；单号 E20240409115400001"


def test_hash_is_keyed_and_the_same_for_every_written_form():
    key = b"k" * 32
    h = hash_phone(key, "13812345678")
    assert h == hash_phone(key, "+86 138-1234-5678") == hash_phone(key, "１３８１２３４５６７８")
    assert h.startswith("ph_") and len(h) == 19 and "5678" not in h[3:7]
    assert hash_phone(b"x" * 32, "13812345678") != h
    assert hash_phone(key, "13812345679") != h


def test_mask_frame_masks_nicknames_and_phones_for_display():
    frame = pd.DataFrame({"user_id": ["u1"], "nickname": ["张三丰"], "phone": ["13812345678"]})
    out = mask_frame(frame)
    assert out.to_dict("records") == [{"user_id": "u1", "nickname": "张**", "phone": "138****5678"}]
    assert mask_name("李") == "李*" and mask_name("") is None


def test_workspace_key_is_created_once_owner_only_and_kept(tmp_path):
    ws = Workspace(tmp_path / "ws")
    assert not (ws.root / "identity.key").exists()
    key = ws.identity_key()
    assert len(key) == 32
    assert stat.S_IMODE(os.stat(ws.root / "identity.key").st_mode) == 0o600
    assert Workspace(tmp_path / "ws").identity_key() == key
    assert Workspace(tmp_path / "other").identity_key() != key


def test_a_file_without_phones_creates_no_key(tmp_path):
    ws = Workspace(tmp_path / "ws")
    text = "订单编号,买家ID,下单时间,实付金额\nA1,u1,2024-04-09 11:54:00,10\n"
    importer.import_files(ws, "shop", [importer.FileRequest(text.encode(), "o.csv")])
    assert not (ws.root / "identity.key").exists()


PHONE = r"(?<!\d)1[3-9]\d{9}(?!\d)"


def _clear_phones() -> set[str]:
    """Every mobile number written in the platform samples (and the extra file below)."""
    found: set[str] = set()
    for name, data in samples.samples().items():
        if name.endswith(".csv"):
            text = data.decode("gb18030" if name.startswith("youzan") else "utf-8-sig")
        else:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True)
            text = "\n".join(
                str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v
            )
        found |= set(re.findall(PHONE, text))
    return found | set(re.findall(PHONE, EXTRA))


# Phones in a nickname, a product, tags and a malformed line (rejected, its text kept).
EXTRA = (
    "订单编号,买家手机号,下单时间,实付金额,买家昵称,商品名称\n"
    "Z1,15912340001,2024-04-01 10:00:00,10,小周 15912340002,礼盒（送 15912340003）\n"
    "Z2,15912340004,2024-04-01 11:00:00,abc,小吴,咖啡\n"
    "Z3,15912340005,2024-04-01 12:00:00,10,小郑,茶,15912340006,多出来的列\n"
)


def _workspace_text(root: Path) -> str:
    """Every byte of every file under the workspace, plus every value of every Parquet file."""
    parts = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        parts.append(raw.decode("utf-8", errors="replace"))
        parts.append(raw.decode("utf-16-le", errors="replace"))
        if path.suffix == ".parquet":
            rows = duckdb.sql(f"select * from read_parquet('{path}')").fetchall()
            parts.append(repr(rows))
    return "\n".join(parts)


def test_no_clear_phone_number_is_stored_anywhere_in_the_workspace(tmp_path, monkeypatch):
    phones = _clear_phones()
    assert len(phones) >= 15  # the samples really hold phones
    ws = Workspace(tmp_path / "ws")
    # every platform sample, saved
    for name in samples.EXPECTED:
        req = importer.FileRequest(DATA / name, name, stat_date=dt.date(2024, 4, 20))
        importer.import_files(ws, name, [req])
    # a file with phones in text columns and in rejected lines, saved
    report = importer.import_files(ws, "extra", [importer.FileRequest(EXTRA.encode(), "z.csv")])
    assert report.rejected == 2
    # staging leftovers: a killed import leaves its folder and staged rows behind
    monkeypatch.setattr(shutil, "rmtree", lambda *a, **k: None)
    leftover = importer.stage(ws, [importer.FileRequest(EXTRA.encode(), "z.csv")])
    for name in ("youzan_orders.csv", "ktt_orders.xlsx", "jielong_orders.xlsx"):
        importer.stage(ws, [importer.FileRequest(DATA / name, name)])
    assert list(leftover.folder.rglob("rows.csv")), "the staged rows are kept for the scan"
    assert list(leftover.folder.rglob("*.rejected.parquet"))
    text = _workspace_text(ws.root)
    found = sorted(p for p in phones if p in text)
    assert found == []
    # masked forms are there, so the scan does read the data
    assert "138****5678" in text and "159****0002" in text


def test_the_rejected_rows_shown_and_downloaded_carry_masked_phones(tmp_path):
    ws = Workspace(tmp_path / "ws")
    staged = importer.stage(ws, [importer.FileRequest(EXTRA.encode(), "z.csv")])
    frame = ingest.rejected_frame(staged.converted[0], "en")
    assert list(frame.line) == [3, 4]
    shown = frame.to_csv()
    assert "159****0005" in shown and "15912340005" not in shown and "15912340006" not in shown
    staged.discard()


# -- mask_frame is vectorised (issue 11): it must give exactly what the cell-by-cell map gave --


def _mask_frame_by_cell(frame: pd.DataFrame) -> pd.DataFrame:
    """mask_frame as it was before issue 11: one Python call per cell."""
    from siyu.privacy import mask_name, mask_phone

    out = frame.copy()
    if "nickname" in out:
        out["nickname"] = out["nickname"].map(mask_name).astype(object)
    if "phone" in out:
        out["phone"] = out["phone"].map(mask_phone).astype(object)
    return out


def _cells(frame: pd.DataFrame) -> list[tuple[str, str, list[str]]]:
    return [(c, str(frame[c].dtype), [repr(v) for v in frame[c]]) for c in frame.columns]


def test_spaces_are_every_character_strip_removes():
    import sys

    from siyu.privacy import SPACES

    assert "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()) == SPACES


_PIECES = [
    "张", "三", "a", "Z", "1", "*", "＊", " ", "\u3000", "\t", "\x1c", "\xa0", "-", "+86",
    "138", "1234", "5678", "１", "😀", "é", "\u200b",
]  # fmt: skip


def test_mask_frame_equals_the_cell_by_cell_masking_on_random_columns():
    import numpy as np

    rng = np.random.default_rng(11)
    for trial in range(60):
        n = int(rng.integers(0, 40))
        cells: list[object] = []
        for _ in range(n):
            pick = rng.random()
            if pick < 0.1:
                cells.append(None)
            elif pick < 0.15:
                cells.append(float("nan"))
            elif pick < 0.18:
                cells.append("")
            else:
                k = int(rng.integers(1, 8))
                cells.append("".join(rng.choice(_PIECES, size=k)))
        for dtype in (object, "str"):
            if dtype == "str" and trial % 2:
                continue
            frame = pd.DataFrame(
                {
                    "user_id": [f"U{i}" for i in range(n)],
                    "nickname": pd.Series(cells, dtype=dtype),
                    "phone": pd.Series(cells[::-1], dtype=dtype),
                },
                index=pd.RangeIndex(n) * 3 + 7,
            )
            assert _cells(mask_frame(frame)) == _cells(_mask_frame_by_cell(frame))
            assert mask_frame(frame).index.equals(frame.index)


@pytest.mark.parametrize(
    "column",
    [
        [None, None],
        [float("nan")],
        [],
        ["", " ", None],
        ["张三", None, float("nan"), pd.NA, pd.NaT],
        [1, 2.5, None, "张三"],
        [b"bytes", "x"],
        ["138****1234", " 13812345678 ", "13812345678", "＋86 138-1234-5678", "12"],
    ],
)
def test_mask_frame_equals_the_cell_by_cell_masking_on_odd_columns(column):
    for dtype in (object, None):
        frame = pd.DataFrame({"nickname": pd.Series(column, dtype=dtype)})
        frame["phone"] = frame["nickname"]
        assert _cells(mask_frame(frame)) == _cells(_mask_frame_by_cell(frame))
