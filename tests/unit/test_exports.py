"""Downloads: CSV with BOM and XLSX, with formula-starting cells neutralised in both."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from siyu import exports

HOSTILE = ["=1+1", "+86 138", "-2+3", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "昵称": ["张三", *HOSTILE],
            "amount": [1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
            "=col": ["a"] * 8,
        }
    )


def test_csv_has_a_bom_keeps_chinese_and_neutralises_formula_cells():
    raw = exports.to_csv_bytes(frame())
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert rows[0] == ["昵称", "amount", "'=col"]
    assert rows[1] == ["张三", "1.5", "a"]
    assert [r[0] for r in rows[2:]] == ["'" + v for v in HOSTILE]
    assert rows[2][1] == "-2.0"  # numbers are numbers, not text: left alone


def test_xlsx_holds_neutralised_text_and_no_formula():
    wb = load_workbook(io.BytesIO(exports.to_xlsx_bytes(frame())))
    ws = wb.active
    cells = [ws.cell(row=r, column=1) for r in range(3, 3 + len(HOSTILE))]
    # XML reads a CR back as LF; what matters is the apostrophe in front
    assert [c.value for c in cells] == ["'" + v.replace("\r", "\n") for v in HOSTILE]
    assert all(c.data_type == "s" for c in cells)
    assert ws.cell(row=1, column=3).value == "'=col"
    assert ws.cell(row=3, column=2).value == -2.0


@pytest.mark.parametrize("safe", ["张三", "a=b", "1-2", "", "138****1234"])
def test_ordinary_text_is_left_alone(safe):
    assert exports.neutralise(safe) == safe
