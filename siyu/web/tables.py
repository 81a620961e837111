"""Tables on screen and their downloads: numbers as `siyu.fmt` writes them, text columns
wide enough, missing values as —, CSV and XLSX built only on a click."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from siyu import exports, fmt
from siyu.web.frame import Context

# How a table on screen shows a missing value (Streamlit's own default reads "None").
MISSING = "—"


def table(data: Any, kinds: dict[str, str] | None = None, **kwargs: Any) -> Any:
    """`st.dataframe` with missing values shown as "—" rather than Streamlit's "None", and
    numbers as `siyu.fmt` writes them (`kinds` maps a shown column to count, money, rate or
    number; see `number_columns`). Entries of `column_config` win over the number formats."""
    kwargs.setdefault("placeholder", MISSING)
    if isinstance(data, pd.DataFrame):
        kinds = column_kinds(data, kinds)
        given = kwargs.get("column_config") or {}
        kwargs["column_config"] = {
            **text_widths(data, skip=set(kinds) | set(given)),
            **number_columns(data, kinds),
            **given,
        }
        data = shown_numbers(data, kinds)
    return st.dataframe(data, **kwargs)


def _text_width(text: str) -> int:
    """Pixels a cell's text takes in the table font: CJK and full-width characters about
    twice a Latin one."""
    return sum(14 if unicodedata.east_asian_width(c) in "WF" else 8 for c in text)


def text_widths(frame: pd.DataFrame, skip: set[str] = frozenset()) -> dict[str, Any]:
    """Column widths that show every text and time cell whole: Streamlit sizes a column by
    the rows it sees first, so a column of "—" cut the later 2026-10-14 13:47:09 to
    "2026-10-14 13:47:". Measured on the first 1,000 rows and the header, at most 480 px."""
    out: dict[str, Any] = {}
    head = frame.head(1000)
    for name in frame.columns:
        if name in skip or pd.api.types.is_numeric_dtype(head[name].dtype):
            continue
        if pd.api.types.is_bool_dtype(head[name].dtype):
            continue
        cells = [str(v) for v in head[name] if v is not None and not _missing(v)]
        widest = max([_text_width(str(name)) + 16, *(_text_width(c) for c in cells)])
        out[name] = st.column_config.Column(width=min(widest + 28, 480))
    return out


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def shown_numbers(frame: pd.DataFrame, kinds: dict[str, str] | None) -> pd.DataFrame:
    """`frame` with the columns of `kinds` holding the numbers `siyu.fmt` shows (rates to a
    tenth of a percent, people whole): Streamlit's formats cut the digits they do not show,
    so 27.167% would read 27.1% beside a card's 27.2%. Only the screen gets these; the
    downloads keep every digit."""
    wanted = {c: k for c, k in (kinds or {}).items() if c in frame.columns}
    if not wanted:
        return frame
    out = frame.copy()
    for name, kind in wanted.items():
        if pd.api.types.is_integer_dtype(out[name].dtype):
            continue
        out[name] = pd.Series(
            [fmt.shown_value(kind, v) for v in out[name]], index=out.index, dtype="Float64"
        )
    return out


def _whole_numbers(column: pd.Series) -> bool:
    """Whether a column holds whole numbers (people, orders), of an integer dtype or as
    Python/NumPy integers in an object column (a metric column with missing values)."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return False
    if pd.api.types.is_integer_dtype(dtype):
        return True
    if not pd.api.types.is_object_dtype(dtype):
        return False
    values = column.dropna().head(500)
    return len(values) > 0 and all(
        isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_) for v in values
    )


def column_kinds(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, str]:
    """`kinds` (shown column → count, money, rate or number) with the columns of whole
    numbers not named added as counts."""
    out = dict(kinds or {})
    for name in frame.columns:
        if name not in out and _whole_numbers(frame[name]):
            out[name] = "count"
    return out


def number_columns(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> dict[str, Any]:
    """Streamlit column formats by `siyu.fmt` for the columns of `frame` (see
    `column_kinds`): 1,234 / ¥1,234.50 / 27.2%. The values stay numbers (sorting)."""
    kinds = column_kinds(frame, kinds)
    return {
        name: st.column_config.NumberColumn(**fmt.column(kind))
        for name, kind in kinds.items()
        if name in frame.columns
    }


def download_table(ctx: Context, frame: pd.DataFrame | Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A table as its downloads hold it: true / false cells in the reader's words."""
    data = frame() if callable(frame) else frame
    return exports.readable(data, yes=ctx.t("value.yes"), no=ctx.t("value.no"))


def download_buttons(
    ctx: Context,
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    stem: str,
    key: str,
) -> None:
    """CSV (UTF-8 with BOM) and XLSX downloads of a table, formula cells neutralised.

    The files are built only when a button is clicked (a callable `data`), never on a render:
    a list of a million members would otherwise be written twice on every rerun. `frame` may
    itself be a callable (the whole list behind a preview), fetched only on a click.
    """

    def whole() -> pd.DataFrame:
        return download_table(ctx, frame)

    left, right = st.columns(2)
    left.download_button(
        ctx.t("download.csv"),
        lambda: exports.to_csv_bytes(whole()),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}-csv",
        on_click="ignore",
    )
    right.download_button(
        ctx.t("download.xlsx"),
        lambda: exports.to_xlsx_bytes(whole()),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        on_click="ignore",
    )


def headed(ctx: Context, frame: pd.DataFrame, headers: Mapping[str, str]) -> pd.DataFrame:
    """`frame` with its columns named in the reader's words: `headers` maps a column to the
    translation key of its heading; other columns keep their names."""
    return frame.rename(columns={c: ctx.t(headers[c]) for c in frame.columns if c in headers})


def preview_note(ctx: Context, shown: int, total: int) -> None:
    """Say that a table shows only the first rows of a longer list."""
    if total > shown:
        st.caption(ctx.t("list.preview", shown=shown, total=total))


def table_with_downloads(
    ctx: Context,
    frame: pd.DataFrame,
    *,
    stem: str,
    key: str,
    headers: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    download: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    total: int | None = None,
    table_key: str | None = None,
    **kwargs: Any,
) -> None:
    """A table (see `table`; no index, full width) with its CSV and XLSX downloads below.

    `headers` names the columns in the reader's words (column → translation key) on screen
    and in the files; `kinds` says how numeric columns read (column → count, money, rate or
    number). `download` is what the files hold when it is not the table on screen (every
    digit, or the whole list behind a preview: a callable, run on a click); `total` is the
    length of that whole list when `frame` holds its first rows (a note says so).
    `table_key` keys the table itself (`key` keys its download buttons).
    """
    headers = headers or {}
    if table_key is not None:
        kwargs["key"] = table_key
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    shown_kinds = {
        (ctx.t(headers[c]) if c in headers else c): kind
        for c, kind in (kinds or {}).items()
        if c in frame.columns
    }
    table(headed(ctx, frame, headers), shown_kinds, **kwargs)
    if total is not None:
        preview_note(ctx, len(frame), total)
    whole = frame if download is None else download
    if callable(whole):
        fetch = whole
        download_buttons(ctx, lambda: headed(ctx, fetch(), headers), stem, key)
    else:
        download_buttons(ctx, headed(ctx, whole, headers), stem, key)
