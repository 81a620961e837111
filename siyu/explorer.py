"""The SQL explorer (editors): one read-only DuckDB statement over the current dataset.

Each query runs on a DuckDB database of its own (never the shared `siyu.db.database()`):

1. a fresh in-memory connection with explicit threads and memory limit, spilling to disk off
   (`temp_directory = ''`: DuckDB would otherwise create `.tmp/` in the working directory);
2. `allowed_paths` set to exactly the Parquet files of the chosen dataset version, and the
   canonical views (`orders, members, activity, groups, group_daily`) created over them
   (nicknames masked inside the views, as every page shows them; phones are stored masked);
3. `enable_external_access = false`, then `lock_configuration = true`.

After step 3 DuckDB refuses every file, URL, extension and setting: a view over
`read_parquet` still reads because its file is in `allowed_paths` (without that it fails with
a permission error once external access is off), while any other path — `/etc/passwd`, the
snapshot of another dataset or of another version — is refused by DuckDB itself. Before
anything runs, DuckDB's own parser must find exactly one statement of a read kind (SELECT,
which covers WITH, VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE and PIVOT … IN, or an EXPLAIN of
one); COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, CREATE … are refused with a message that
says why. A timer thread interrupts the connection after the time limit, and at most
`row_limit + 1` rows are fetched so the caller can say the result was cut.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from siyu.config import settings
from siyu.db import Source, parquet_columns
from siyu.privacy import mask_frame
from siyu.schema import TABLES, quote_ident, quote_literal

ROW_LIMIT = 10_000  # rows shown and downloadable
TIME_LIMIT = 10.0  # seconds before the query is interrupted

# DuckDB statement types grouped by the message that refuses them.
_REFUSED: dict[str, str] = {
    "COPY": "explorer.refused.copy",
    "EXPORT": "explorer.refused.copy",
    "COPY_DATABASE": "explorer.refused.copy",
    "ATTACH": "explorer.refused.attach",
    "DETACH": "explorer.refused.attach",
    "SET": "explorer.refused.settings",
    "VARIABLE_SET": "explorer.refused.settings",
    "PRAGMA": "explorer.refused.settings",
    "LOAD": "explorer.refused.extensions",
    "EXTENSION": "explorer.refused.extensions",
}

# `siyu.privacy.mask_name` written in SQL, so that no query over a Parquet snapshot (not even
# `upper(nickname)`) sees a clear nickname through the views. Python's `str.strip()` removes
# every Unicode space; DuckDB's `trim(x, chars)` is told the same set. Phones need no SQL:
# imports store them masked. DataFrame sources are masked in Python before they are loaded,
# and every result is passed through `mask_frame` as well.
_SPACES = quote_literal("".join(c for c in map(chr, range(0x110000)) if c.isspace()))
_MASK_NAME = (
    "case when nullif(trim({v}, " + _SPACES + "), '') is null then null "
    "else left(trim({v}, " + _SPACES + "), 1) || repeat('*', "
    "least(greatest(length(trim({v}, " + _SPACES + ")) - 1, 1), 3)) end"
)


class QueryError(Exception):
    """A statement the explorer refuses or that failed; `key` names a translated message.

    `detail` is DuckDB's own message where it helps the author fix the query (a syntax
    error, an unknown column); it is shown as is, below the translated sentence.
    """

    def __init__(self, key: str, detail: str = "", **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.detail = detail
        self.params = params

    def message(self, lang: str) -> str:
        from siyu.i18n import t

        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Result:
    frame: pd.DataFrame  # at most `row_limit` rows, personal columns masked
    truncated: bool  # the query returned more than `row_limit` rows
    row_limit: int
    seconds: float
    kind: str = "SELECT"  # SELECT or EXPLAIN


# ---- the connection ----------------------------------------------------------------------


def _column_sql(table: str, available: set[str] | frozenset[str], *, mask: bool) -> str:
    parts = []
    for c in TABLES[table].columns:
        value = (
            f"cast({quote_ident(c.name)} as {c.sql_type})"
            if c.name in available
            else f"cast(null as {c.sql_type})"
        )
        if mask and c.name == "nickname":
            value = _MASK_NAME.format(v=value)
        parts.append(f"{value} as {quote_ident(c.name)}")
    return ", ".join(parts)


def connect(source: Source) -> duckdb.DuckDBPyConnection:
    """A locked DuckDB connection holding the canonical views of `source` and nothing else."""
    s = settings()
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": s.duckdb_threads,
            "memory_limit": s.duckdb_memory_limit,
            "temp_directory": "",
        },
    )
    try:
        con.execute(f"set TimeZone = {quote_literal(s.timezone)}")
        files = {
            name: os.path.abspath(src)
            for name, src in source.tables.items()
            if name in TABLES and not isinstance(src, pd.DataFrame)
        }
        con.execute("set allowed_paths = $paths", {"paths": sorted(set(files.values()))})
        for name in TABLES:
            src = source.tables.get(name)
            view = quote_ident(name)
            if src is None:
                cols = _column_sql(name, set(), mask=False)
                con.execute(f"create view {view} as select {cols} where false")
            elif isinstance(src, pd.DataFrame):
                # masked and copied in: no query can reach the clear frame by a registered name
                con.register("__frame", mask_frame(src))
                cols = _column_sql(name, {str(c) for c in src.columns}, mask=False)
                con.execute(f"create table {view} as select {cols} from __frame")
                con.unregister("__frame")
            else:
                cols = _column_sql(name, parquet_columns(str(src)), mask=True)
                con.execute(
                    f"create view {view} as select {cols} "
                    f"from read_parquet({quote_literal(files[name])})"
                )
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


# ---- checking a statement ----------------------------------------------------------------


def _statements(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    try:
        return con.extract_statements(sql)
    except duckdb.ParserException as exc:
        raise QueryError("explorer.error.syntax", _detail(exc)) from None
    except (duckdb.Error, ValueError):
        raise QueryError("explorer.refused.unknown") from None


def _kind(statement: Any) -> str:
    try:
        return statement.type.name.upper()
    except ValueError:  # e.g. UPDATE EXTENSIONS: a type the Python client cannot even name
        raise QueryError("explorer.refused.unknown") from None


def _explained(sql: str) -> str:
    """The statement an EXPLAIN [ANALYZE] [(options)] wraps, found with DuckDB's tokenizer."""
    data = sql.encode("utf-8")  # the tokenizer reports byte offsets
    tokens = duckdb.tokenize(sql)
    ends = [off for off, _ in tokens[1:]] + [len(data)]
    words = [
        (off, data[off:end].decode("utf-8", "replace").strip().lower())
        for (off, kind), end in zip(tokens, ends, strict=True)
        if kind != duckdb.token_type.comment
    ]
    i = 1  # words[0] is EXPLAIN
    if i < len(words) and words[i][1] in ("analyze", "analyse"):
        i += 1
    if i < len(words) and words[i][1] == "(":
        depth = 0
        while i < len(words):
            depth += {"(": 1, ")": -1}.get(words[i][1], 0)
            i += 1
            if depth == 0:
                break
    if i >= len(words):
        return ""
    return data[words[i][0] :].decode("utf-8")


def check(sql: str, con: duckdb.DuckDBPyConnection | None = None) -> str:
    """Refuse anything but one read statement; return its kind (SELECT or EXPLAIN)."""
    own = con is None
    con = con or duckdb.connect(":memory:")
    try:
        statements = _statements(con, sql)
        if not statements:
            raise QueryError("explorer.refused.empty")
        if len(statements) > 1:
            raise QueryError("explorer.refused.multiple", count=len(statements))
        kind = _kind(statements[0])
        if kind == "EXPLAIN":
            inner = _statements(con, _explained(sql))
            if len(inner) != 1:
                raise QueryError("explorer.refused.unknown")
            inner_kind = _kind(inner[0])
            if inner_kind != "SELECT":
                _refuse(inner_kind)
            return kind
        if kind != "SELECT":
            _refuse(kind)
        return kind
    finally:
        if own:
            con.close()


def _refuse(kind: str) -> None:
    key = _REFUSED.get(kind, "explorer.refused.statement")
    raise QueryError(key, kind=kind.replace("_", " "))


# ---- running -----------------------------------------------------------------------------


def _detail(exc: BaseException) -> str:
    """DuckDB's message without its `Xxx Error:` prefix (kept: the LINE … caret lines)."""
    text = str(exc).strip()
    head, sep, rest = text.partition(": ")
    if sep and head.endswith("Error"):
        text = rest
    return text


def _translate(exc: BaseException, time_limit: float) -> QueryError:
    if isinstance(exc, duckdb.InterruptException):
        return QueryError("explorer.error.timeout", seconds=f"{time_limit:g}")
    if isinstance(exc, duckdb.PermissionException):
        return QueryError("explorer.refused.files")
    if isinstance(exc, duckdb.OutOfMemoryException):
        return QueryError("explorer.error.memory")
    if "configuration has been locked" in str(exc):
        return QueryError("explorer.refused.settings", kind="SET")
    if isinstance(exc, duckdb.ParserException):
        return QueryError("explorer.error.syntax", _detail(exc))
    if isinstance(exc, (duckdb.CatalogException, duckdb.BinderException)):
        return QueryError("explorer.error.names", _detail(exc))
    return QueryError("explorer.error.query", _detail(exc))


def _plain(value: Any) -> Any:
    """A cell a table, CSV and XLSX can all show: lists, maps, UUIDs, blobs become text."""
    if value is None or isinstance(
        value, (str, int, float, bool, dt.date, dt.time, dt.timedelta, pd.Timestamp)
    ):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "backslashreplace")
    return str(value)


def _fetch(con: duckdb.DuckDBPyConnection, rows: int) -> pd.DataFrame:
    """At most `rows` rows of the pending result, fetched a few vectors at a time."""
    vectors = max(1, math.ceil(rows / 2048))
    parts: list[pd.DataFrame] = []
    got = 0
    while got < rows:
        chunk = con.fetch_df_chunk(vectors)
        if not parts or len(chunk):
            parts.append(chunk)
        if len(chunk) == 0:
            break
        got += len(chunk)
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return frame.iloc[:rows].reset_index(drop=True)


def _interrupt(con: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # the query finished and the connection closed
        con.interrupt()


def run(
    source: Source,
    sql: str,
    *,
    row_limit: int = ROW_LIMIT,
    time_limit: float = TIME_LIMIT,
) -> Result:
    """Run one read-only statement on `source`; raise `QueryError` for anything else."""
    if row_limit < 1 or time_limit <= 0:
        raise ValueError("row_limit and time_limit must be positive")
    con = connect(source)
    try:
        kind = check(sql, con)
        timer = threading.Timer(time_limit, _interrupt, args=(con,))
        timer.daemon = True
        started = time.monotonic()
        timer.start()
        try:
            con.execute(sql)
            frame = _fetch(con, row_limit + 1)
        except Exception as exc:  # every DuckDB or conversion error becomes a message
            raise _translate(exc, time_limit) from None
        finally:
            timer.cancel()
            timer.join()
        seconds = time.monotonic() - started
    finally:
        con.close()
    truncated = len(frame) > row_limit
    frame = frame.iloc[:row_limit]
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(_plain)
    frame = mask_frame(frame)  # also covers a nickname column read straight from a file
    return Result(frame=frame, truncated=truncated, row_limit=row_limit, seconds=seconds, kind=kind)


# ---- what the page lists -----------------------------------------------------------------


def schema(source: Source) -> pd.DataFrame:
    """The tables and columns a query can use: `table, column, type, present`."""
    rows = [
        {"table": name, "column": c.name, "type": c.sql_type, "present": source.has(name)}
        for name, table in TABLES.items()
        for c in table.columns
    ]
    return pd.DataFrame(rows)


# Example queries, loaded into the editor by a click; titles are `explorer.example.<key>`.
EXAMPLES: Mapping[str, str] = {
    "gmv_by_day": """\
-- GMV by day: paid orders (status paid, amount > 0)
select
    cast(ordered_at as date) as day,
    count(*) as paid_orders,
    count(distinct user_id) as buyers,
    sum(amount) as gmv
from orders
where coalesce(status, 'paid') = 'paid' and amount > 0
group by all
order by day""",
    "top_buyers": """\
-- Top 20 buyers by GMV
select
    user_id,
    any_value(nickname) as nickname,
    count(*) as paid_orders,
    sum(amount) as gmv,
    max(ordered_at) as last_order
from orders
where coalesce(status, 'paid') = 'paid' and amount > 0
group by user_id
order by gmv desc, user_id
limit 20""",
    "members_by_channel": """\
-- New members by channel and month
select
    date_trunc('month', joined_at)::date as month,
    coalesce(channel, '?') as channel,
    count(*) as members
from members
group by all
order by month, members desc""",
    "group_activity": """\
-- Activity per group: events and active members
select
    a.group_id,
    any_value(g.name) as group_name,
    count(*) as events,
    count(distinct a.user_id) as active_members
from activity as a
left join groups as g on a.group_id = g.group_id
group by a.group_id
order by events desc""",
    "describe_orders": "describe orders",
}
