"""DuckDB access: one database per process, a cursor per query, SQL only from `queries/`.

A `Source` is the set of canonical tables of one dataset version. Each query runs on a fresh
cursor in which the canonical names (`orders`, `members`, …) are temporary views over that
version's Parquet files (or, in tests, over DataFrames). A missing table becomes a typed empty
view, so every query runs; `Source.has()` tells the caller whether the numbers mean anything.

`Source.query` runs on the process's engine (`SIYU_ENGINE`, `siyu.engines`): DuckDB here, or
ClickHouse (chdb or a server) through `siyu.engines.clickhouse`, which translates the same
files and reads the same Parquet files. Nothing above this module knows which.
"""

from __future__ import annotations

import collections
import dataclasses
import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from siyu import engines, models
from siyu.config import QUERIES_DIR, settings
from siyu.schema import TABLES, canonical_select, empty_select, quote_ident, quote_literal

_lock = threading.Lock()
_db: duckdb.DuckDBPyConnection | None = None

# Number of query executions in this process; tests use it to prove a warm render runs no SQL.
EXECUTIONS = {"count": 0}

# Metric queries share one database (one pool of threads, one memory limit); at most
# `max_queries` run at once so that 16 sessions queue for the cores instead of each holding
# its intermediate state in memory at the same time.
_slots: threading.BoundedSemaphore | None = None


def _query_slots() -> threading.BoundedSemaphore:
    global _slots
    with _lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(settings().max_queries)
        return _slots


def database() -> duckdb.DuckDBPyConnection:
    """The process-wide in-memory DuckDB database, with explicit threads and memory limit."""
    global _db
    with _lock:
        if _db is None:
            s = settings()
            _db = duckdb.connect(
                ":memory:",
                config={
                    "threads": s.duckdb_threads,
                    "memory_limit": s.duckdb_memory_limit,
                    # never the working directory (DuckDB's default `.tmp`)
                    "temp_directory": s.duckdb_temp_dir,
                },
            )
            # snapshot and base-layer files never change once written: read each file's
            # footer once per process, not once per query
            _db.execute("set parquet_metadata_cache = true")
        return _db


@functools.cache
def load_query(name: str) -> str:
    """The SQL text of `queries/<name>.sql`; `name` must be a plain snake_case file name."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad query name: {name!r}")
    return (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")


@functools.cache
def query_parameters(name: str) -> frozenset[str]:
    """Named parameters of a query file, as DuckDB's own parser sees them."""
    statements = database().cursor().extract_statements(load_query(name))
    if len(statements) != 1:
        raise ValueError(f"queries/{name}.sql must hold exactly one statement")
    return frozenset(statements[0].named_parameters)


@functools.lru_cache(maxsize=1024)
def parquet_columns(path: str) -> frozenset[str]:
    """Column names of a Parquet file (snapshots are immutable, so a path's answer is too)."""
    cur = database().cursor()
    try:
        cur.execute("select * from read_parquet($path) limit 0", {"path": path})
        return frozenset(d[0] for d in cur.description)
    finally:
        cur.close()


# Small answers of queries on snapshot files, kept per process: a page that asks two metrics
# built on one query (push times and push hours) runs it once. Snapshots never change, so an
# answer stays true; lists (more than MEMO_ROWS rows) are not kept.
MEMO_ROWS = 2000
MEMO_ENTRIES = 256
_MEMO: collections.OrderedDict[tuple, pd.DataFrame] = collections.OrderedDict()
_MEMO_LOCK = threading.Lock()


@dataclass
class Source:
    """The tables of one dataset version.

    `tables` maps a canonical table name to a Parquet path or a DataFrame. `key` identifies
    the version (dataset name and version number) and keys every cache. `base` maps a table
    model of `queries/base/` to its built Parquet file; a model without one runs inline.
    """

    tables: Mapping[str, Path | str | pd.DataFrame]
    key: str = "adhoc"
    meta: dict[str, Any] = field(default_factory=dict)
    base: Mapping[str, Path | str] = field(default_factory=dict)

    def with_base(self, base: Mapping[str, Path | str]) -> Source:
        """The same tables with these built base models."""
        return dataclasses.replace(self, base=dict(base))

    def has(self, table: str) -> bool:
        return table in self.tables

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = database().cursor()
        cur.execute(f"set TimeZone = {quote_literal(settings().timezone)}")
        for name in TABLES:
            src = self.tables.get(name)
            view = quote_ident(name)
            if src is None:
                cur.execute(f"create temp view {view} as {empty_select(name)}")
            elif isinstance(src, pd.DataFrame):
                cur.register(f"__df_{name}", src)
                cols = canonical_select(name, set(src.columns))
                cur.execute(f"create temp view {view} as select {cols} from __df_{name}")
            else:
                cols = canonical_select(name, parquet_columns(str(src)))
                cur.execute(
                    f"create temp view {view} as select {cols} "
                    f"from read_parquet({quote_literal(str(src))})"
                )
        for m in models.models():
            built = self.base.get(m.name)
            if built is not None:
                body = f"select * from read_parquet({quote_literal(str(built))})"
            else:
                body = m.sql
            cur.execute(f"create temp view {quote_ident(m.name)} as {body}")
        return cur

    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run `queries/<name>.sql` with bound parameters and return the whole result.

        The engine is the process's (`SIYU_ENGINE`, `siyu.engines`): DuckDB runs the file as
        it is; chdb and ClickHouse run its translation (`siyu.engines.clickhouse`) and give
        the same frame, dtypes included.
        """
        wanted = query_parameters(name)
        missing = wanted - params.keys()
        if missing:
            raise TypeError(f"queries/{name}.sql needs parameters {sorted(missing)}")
        bound = {k: v for k, v in params.items() if k in wanted}
        kind = engines.name()
        memo = self._memo_key(kind, name, bound)
        if memo is not None:
            with _MEMO_LOCK:
                hit = _MEMO.get(memo)
                if hit is not None:
                    _MEMO.move_to_end(memo)
                    return hit.copy()
        with _query_slots():
            if kind != "duckdb":
                from siyu.engines import clickhouse

                EXECUTIONS["count"] += 1
                result = clickhouse.engine(kind).run(self, name, bound)
            else:
                cur = self.cursor()
                try:
                    EXECUTIONS["count"] += 1
                    result = cur.execute(load_query(name), bound).df()
                finally:
                    cur.close()
        if memo is not None and len(result) <= MEMO_ROWS:
            with _MEMO_LOCK:
                _MEMO[memo] = result.copy()
                while len(_MEMO) > MEMO_ENTRIES:
                    _MEMO.popitem(last=False)
        return result

    def _memo_key(self, kind: str, name: str, bound: Mapping[str, Any]) -> tuple | None:
        """What identifies a query's answer on immutable snapshot files (None: not on files)."""
        if any(isinstance(t, pd.DataFrame) for t in self.tables.values()):
            return None
        try:
            key = (
                kind,
                tuple(sorted((k, str(v)) for k, v in self.tables.items())),
                tuple(sorted((k, str(v)) for k, v in self.base.items())),
                name,
                tuple(sorted(bound.items())),
            )
            hash(key)
        except TypeError:
            return None
        return key
