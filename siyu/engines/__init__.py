"""Which SQL engine runs the metric queries: DuckDB (default), chdb or a ClickHouse server.

`SIYU_ENGINE=duckdb|chdb|clickhouse` picks it for the process. Only `siyu.db` asks: every
layer above it (metrics, pages, CLI, report, alerts) is engine-blind. DuckDB also stays the
engine of imports, of the base layer's builds and of the SQL page on every setting.

- `duckdb`: the in-process DuckDB of `siyu.db` (nothing else to install).
- `chdb`: ClickHouse embedded in the process (`pip install -r requirements-clickhouse.txt`),
  reading the snapshot's Parquet files with `file()`.
- `clickhouse`: a ClickHouse server or cluster through `clickhouse-connect`
  (`SIYU_CLICKHOUSE_URL`, e.g. `http://user:password@host:8123`), reading the snapshot's
  files where it can reach them: `SIYU_CLICKHOUSE_FILES` maps the workspace folder to the
  server's view of it (a path under its `user_files_path`, or an `s3://`/`https://` prefix
  of a bucket holding a copy of the workspace's `files/`).

See `siyu.engines.clickhouse` for the translation of `queries/*.sql` and docs/SCALING.md.
"""

from __future__ import annotations

import os

ENGINES = ("duckdb", "chdb", "clickhouse")


class EngineError(RuntimeError):
    """An engine cannot run a query (not installed, misconfigured, or a metric it cannot give).

    The message is one line that names the engine and what to do; never a wrong number.
    """


def name() -> str:
    """The engine of this process, from `SIYU_ENGINE` (read each call, so tests can switch)."""
    raw = (os.environ.get("SIYU_ENGINE") or "duckdb").strip().lower()
    if raw not in ENGINES:
        raise EngineError(
            f"SIYU_ENGINE={raw!r} is not an engine Siyu knows; use one of {', '.join(ENGINES)}"
        )
    return raw
