"""Downloads: CSV (UTF-8 with BOM, so Excel shows Chinese) and XLSX, formula cells neutralised."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from siyu.schema import TABLES

# A cell starting with one of these would be run as a formula by a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def readable(frame: pd.DataFrame, yes: str, no: str) -> pd.DataFrame:
    """True / false cells as the reader's words (a spreadsheet would show `TRUE` / `False`);
    a missing value stays missing (an empty cell)."""
    out = frame
    for col in frame.columns:
        cells = frame[col]
        is_bool = pd.api.types.is_bool_dtype(cells.dtype)
        if not is_bool and cells.dtype == object:
            present = cells.dropna()
            is_bool = len(present) > 0 and all(isinstance(v, (bool, np.bool_)) for v in present)
        if is_bool:
            if out is frame:
                out = frame.copy()
            out[col] = [None if pd.isna(v) else (yes if v else no) for v in cells]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    # CRLF line ends (what Excel writes): a cell holding a CR or LF is then always quoted.
    return _safe(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    safe = _safe(frame)
    for col in safe.columns:  # Excel has no zones; write wall time as shown on screen
        if isinstance(safe[col].dtype, pd.DatetimeTZDtype):
            safe[col] = safe[col].dt.tz_localize(None)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet)
    return buf.getvalue()


_EXAMPLES = {
    "orders": [
        "O0001",
        "U0001",
        "2024-04-09 11:54:00",
        "129.00",
        "paid",
        "1",
        "土鸡蛋30枚",
        "G01",
        "7day",
        "10.00",
        "小美",
        "",
    ],
    "members": [
        "U0001",
        "2024-04-08 20:15:00",
        "门店活码",
        "G01",
        "U0000",
        "银卡",
        "",
        "宝妈",
        "小美",
        "13800001234",
        "李娜",
    ],
    "activity": ["U0001", "2024-04-09 08:02:11", "G01", "message"],
    "groups": ["G01", "福利群1", "小王", "2024-01-01 09:00:00"],
    "group_daily": ["2024-04-09", "G01", "180", "5", "1", "42", "310"],
    "staff_daily": ["2024-04-09", "李娜", "36", "152", "92.5%", "3分20秒", "12", "1"],
}


def template_csv(kind: str) -> bytes:
    """A template for one table kind: the canonical header and one example row."""
    cols = TABLES[kind].column_names
    frame = pd.DataFrame([_EXAMPLES[kind]], columns=cols)
    return frame.to_csv(index=False).encode("utf-8-sig")
