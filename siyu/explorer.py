"""The SQL explorer (editors): one read-only DuckDB statement over the current dataset.

Every query runs in a worker process of its own (`python -m siyu.explorer`), never in the
server: whatever a query does to memory or time, the server only ever holds the result.

1. The worker opens a DuckDB database that holds the canonical tables (`orders, members,
   activity, groups, group_daily`) with every personal column already masked in SQL
   (`nickname` as `siyu.privacy.mask_name`, `phone` as `mask_phone`): for a dataset on disk a
   masked copy, built once per snapshot into the DuckDB temp folder and opened read-only; for
   frames (tests) an in-memory database. No view, no snapshot path, no clear value exists in
   it, so no expression (`nickname || ''`, `list(nickname)`, a cast, a hash) can show one.
2. `enable_external_access = false`, then `lock_configuration = true`: DuckDB refuses every
   file (the snapshots included), URL, extension and setting from then on.
3. The worker's address space is capped (`RLIMIT_AS`: what it uses now plus the memory
   limit) and DuckDB's own memory limit lies below that, so a query that needs more fails
   with "out of memory" inside the worker.
4. DuckDB's parser must find exactly one statement of a read kind (SELECT, which covers WITH,
   VALUES, FROM, DESCRIBE, SHOW, SUMMARIZE and PIVOT … IN, or an EXPLAIN of one); COPY,
   ATTACH, SET, PRAGMA, INSTALL, LOAD, CALL, CREATE … are refused with a message that says why.
5. The result streams as Arrow batches until `row_limit + 1` rows or `byte_limit` bytes, is
   converted to a frame and sent back. The server waits at most `time_limit` seconds for all
   of it — execution, fetch and conversion — and kills the worker when the time is up.

At most `SIYU_EXPLORER_WORKERS` queries run at once per server process; one spare worker
waits with its imports done, so a simple query answers in a fraction of a second.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from siyu.config import PROJECT_ROOT, settings
from siyu.db import Source
from siyu.privacy import SPACES, mask_frame
from siyu.schema import TABLES, quote_ident, quote_literal

ROW_LIMIT = 10_000  # rows shown and downloadable
TIME_LIMIT = 10.0  # seconds for a query: execution, fetch and conversion
RESULT_MB = 50  # bytes of a result (as Arrow) shown and downloadable
MEMORY_MB = 2048  # what a query may allocate in its worker
WORKERS = 2  # queries running at once per server process
PREPARE_SECONDS = 300.0  # starting a worker and building a masked copy (not the user's query)
MASK_VERSION = 1  # bump when the masking below changes: masked copies are rebuilt
STALE_SECONDS = 24 * 3600  # masked copies unused this long are removed

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

# `siyu.privacy.mask_name` and `mask_phone` written in SQL. Python's `str.strip()` removes
# every Unicode space (`privacy.SPACES`); DuckDB's `trim(x, chars)` is told the same set.
_SPACES = quote_literal(SPACES)
_MASK_NAME = (
    "case when nullif(trim({v}, " + _SPACES + "), '') is null then null "
    "else left(trim({v}, " + _SPACES + "), 1) || repeat('*', "
    "least(greatest(length(trim({v}, " + _SPACES + ")) - 1, 1), 3)) end"
)
# digits as `privacy.phone_digits` finds them: full-width digits as ASCII, a +86 / 0086 prefix
# dropped; an already masked phone is kept, one too short to show 3 + 4 digits is all stars
_DIGITS = "regexp_replace(translate({v}, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g')"
_PHONE_DIGITS = (
    "(case when length({d}) = 13 and starts_with({d}, '86') then {d}[3:] "
    "when length({d}) = 15 and starts_with({d}, '0086') then {d}[5:] else {d} end)"
)
_MASK_PHONE = (
    "case when {v} is null then null "
    "when contains({v}, '*') or contains({v}, '＊') then trim({v}, " + _SPACES + ") "
    "when length({p}) < 9 then '****' "
    "else left({p}, 3) || '****' || right({p}, 4) end"
)


def _mask_phone_sql(v: str) -> str:
    digits = _DIGITS.format(v=v)
    return _MASK_PHONE.format(v=v, p=_PHONE_DIGITS.format(d=digits))


# Personal columns (any table) and how they are masked before a query can see them.
PERSONAL: dict[str, Any] = {
    "nickname": lambda v: _MASK_NAME.format(v=v),
    "phone": _mask_phone_sql,
}


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
class Limits:
    """What one query may use; by default from the environment (README, "Limits")."""

    rows: int = ROW_LIMIT
    seconds: float = TIME_LIMIT
    result_bytes: int = RESULT_MB * 1024 * 1024
    memory_bytes: int = MEMORY_MB * 1024 * 1024
    workers: int = WORKERS


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def limits() -> Limits:
    """The limits of the explorer: SIYU_EXPLORER_ROWS, _SECONDS, _RESULT_MB, _MEMORY_MB, _WORKERS."""
    return Limits(
        rows=int(_number("SIYU_EXPLORER_ROWS", ROW_LIMIT)),
        seconds=_number("SIYU_EXPLORER_SECONDS", TIME_LIMIT),
        result_bytes=int(_number("SIYU_EXPLORER_RESULT_MB", RESULT_MB) * 1024 * 1024),
        memory_bytes=int(_number("SIYU_EXPLORER_MEMORY_MB", MEMORY_MB) * 1024 * 1024),
        workers=int(_number("SIYU_EXPLORER_WORKERS", WORKERS)),
    )


@dataclass(frozen=True)
class Result:
    frame: pd.DataFrame  # at most `row_limit` rows, personal columns masked
    truncated: bool  # the result had more rows or bytes than shown
    row_limit: int
    seconds: float
    kind: str = "SELECT"  # SELECT or EXPLAIN
    cut: str = ""  # why it was cut: "rows" or "bytes"
    byte_limit: int = 0


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


def _detail(exc: BaseException) -> str:
    """DuckDB's message without its `Xxx Error:` prefix (kept: the LINE … caret lines)."""
    text = str(exc).strip()
    head, sep, rest = text.partition(": ")
    if sep and head.endswith("Error"):
        text = rest
    return text


def _translate(exc: BaseException) -> QueryError:
    if isinstance(exc, duckdb.InterruptException):
        return QueryError("explorer.error.timeout", seconds="?")
    if isinstance(exc, duckdb.PermissionException):
        return QueryError("explorer.refused.files")
    if isinstance(exc, (duckdb.OutOfMemoryException, MemoryError)):
        return QueryError("explorer.error.memory", mb="?")
    if "configuration has been locked" in str(exc):
        return QueryError("explorer.refused.settings", kind="SET")
    if isinstance(exc, duckdb.ParserException):
        return QueryError("explorer.error.syntax", _detail(exc))
    if isinstance(exc, (duckdb.CatalogException, duckdb.BinderException)):
        return QueryError("explorer.error.names", _detail(exc))
    return QueryError("explorer.error.query", _detail(exc))


# ---- running (the server's side) ---------------------------------------------------------


def run(
    source: Source,
    sql: str,
    *,
    row_limit: int | None = None,
    time_limit: float | None = None,
    byte_limit: int | None = None,
    memory_limit: int | None = None,
) -> Result:
    """Run one read-only statement on `source` in a worker; raise `QueryError` otherwise.

    Limits not given come from `limits()` (the environment).
    """
    base = limits()
    lim = dataclasses.replace(
        base,
        rows=base.rows if row_limit is None else row_limit,
        seconds=base.seconds if time_limit is None else time_limit,
        result_bytes=base.result_bytes if byte_limit is None else byte_limit,
        memory_bytes=base.memory_bytes if memory_limit is None else memory_limit,
    )
    if lim.rows < 1 or lim.seconds <= 0 or lim.result_bytes < 1 or lim.memory_bytes < 1:
        raise ValueError("limits must be positive")
    s = settings()
    files: dict[str, str] = {}
    frames: dict[str, pd.DataFrame] = {}
    for name, src in source.tables.items():
        if name not in TABLES:
            continue
        if isinstance(src, pd.DataFrame):
            frames[name] = src
        else:
            files[name] = os.path.abspath(src)
    request = {
        "sql": sql,
        "files": files,
        "frames": frames,
        "rows": lim.rows,
        "result_bytes": lim.result_bytes,
        "memory_bytes": lim.memory_bytes,
        "threads": max(1, min(s.duckdb_threads, 4)),
        "timezone": s.timezone,
        "cache_dir": os.path.join(s.duckdb_temp_dir, "explorer"),
        "build_memory_limit": s.duckdb_memory_limit,
        "build_temp_dir": s.duckdb_temp_dir,
    }
    slots = _slots(lim.workers)
    if not slots.acquire(timeout=lim.seconds):
        raise QueryError("explorer.error.busy")
    try:
        return _in_worker(request, lim)
    finally:
        slots.release()
        _refill()


_lock = threading.Lock()
_slot_pool: dict[int, threading.BoundedSemaphore] = {}
_spare: subprocess.Popen | None = None


def _slots(n: int) -> threading.BoundedSemaphore:
    with _lock:
        if n not in _slot_pool:
            _slot_pool[n] = threading.BoundedSemaphore(n)
        return _slot_pool[n]


def _spawn() -> subprocess.Popen:
    """A fresh worker: it imports what a query needs, then waits for its one request."""
    env = dict(os.environ)
    env["MALLOC_ARENA_MAX"] = "2"  # fewer malloc arenas: less address space held per thread
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    return subprocess.Popen(
        [sys.executable, "-m", "siyu.explorer"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=None if os.environ.get("SIYU_DEBUG") else subprocess.DEVNULL,
        cwd=PROJECT_ROOT,
        env=env,
        start_new_session=True,  # a Ctrl-C of the server is not the worker's
        close_fds=True,
    )


def _take() -> subprocess.Popen:
    global _spare
    with _lock:
        proc, _spare = _spare, None
    if proc is None or proc.poll() is not None:
        proc = _spawn()
    return proc


def _refill() -> None:
    """Start the next query's worker now, so that its imports are done when it is needed."""
    global _spare
    with _lock:
        if _spare is not None and _spare.poll() is None:
            return
        try:
            _spare = _spawn()
        except OSError:  # no process to spare: the next query starts its own
            _spare = None


def _end(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        proc.kill()
    for pipe in (proc.stdin, proc.stdout):
        with contextlib.suppress(OSError, ValueError):
            if pipe is not None:
                pipe.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


_HEADER = struct.Struct(">cQ")  # a message: one tag byte and the payload's length


def _read(fd: int, size: int, deadline: float) -> bytes | None:
    """`size` bytes from the worker; None when the deadline passes, less at its end."""
    buf = bytearray()
    while len(buf) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, min(size - len(buf), 1 << 20))
        if not chunk:
            break
        buf += chunk
    return bytes(buf)


def _message(proc: subprocess.Popen, deadline: float, max_bytes: int) -> tuple[bytes, bytes] | None:
    """The worker's next message (tag, payload); None on timeout; tag b"" when it died."""
    fd = proc.stdout.fileno()  # type: ignore[union-attr]
    head = _read(fd, _HEADER.size, deadline)
    if head is None:
        return None
    if len(head) < _HEADER.size:
        return b"", b""
    tag, size = _HEADER.unpack(head)
    if size > max_bytes:
        return b"", b""
    payload = _read(fd, size, deadline)
    if payload is None:
        return None
    if len(payload) < size:
        return b"", b""
    return tag, payload


def _died(proc: subprocess.Popen, lim: Limits) -> QueryError:
    """What to tell the user when the worker ended without an answer."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    code = proc.returncode
    # out of address space, C++ code cannot allocate and aborts; the kernel's OOM killer kills
    if code is not None and code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGBUS, 137, 134):
        return QueryError("explorer.error.memory", mb=_mb(lim.memory_bytes))
    return QueryError("explorer.error.crashed")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f}"


def _in_worker(request: dict[str, Any], lim: Limits) -> Result:
    proc = _take()
    try:
        try:
            assert proc.stdin is not None
            proc.stdin.write(pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            raise _died(proc, lim) from None
        # starting up and preparing the database: not the user's query, not its time limit
        got = _message(proc, time.monotonic() + PREPARE_SECONDS, 1 << 20)
        if got is None:
            raise QueryError("explorer.error.busy")
        if got[0] == b"B":
            started = time.monotonic()
            # a frame takes more room than its Arrow form (text objects, JSON of lists)
            got = _message(proc, started + lim.seconds, 4 * lim.result_bytes + (16 << 20))
            if got is None:  # execution, fetch and conversion took too long: stop them all
                raise QueryError("explorer.error.timeout", seconds=f"{lim.seconds:g}")
        tag, payload = got
        if tag != b"D":
            raise _died(proc, lim)
        answer = pickle.loads(payload)
    finally:
        _end(proc)
    if answer[0] == "error":
        _, key, detail, params = answer
        if key == "explorer.error.memory":
            params = {"mb": _mb(lim.memory_bytes)}
        elif key == "explorer.error.timeout":
            params = {"seconds": f"{lim.seconds:g}"}
        raise QueryError(key, detail, **params)
    _, frame, cut, kind, seconds = answer
    return Result(
        frame=frame,
        truncated=bool(cut),
        row_limit=lim.rows,
        seconds=seconds,
        kind=kind,
        cut=cut,
        byte_limit=lim.result_bytes,
    )


# ---- the worker --------------------------------------------------------------------------


def _column_sql(table: str, available: set[str] | frozenset[str]) -> str:
    parts = []
    for c in TABLES[table].columns:
        value = (
            f"cast({quote_ident(c.name)} as {c.sql_type})"
            if c.name in available
            else f"cast(null as {c.sql_type})"
        )
        mask = PERSONAL.get(c.name)
        if mask is not None:
            value = mask(value)
        parts.append(f"{value} as {quote_ident(c.name)}")
    return ", ".join(parts)


def _fill(con: duckdb.DuckDBPyConnection, files: Mapping[str, str], frames: Mapping[str, Any]):
    """Create the canonical tables in `con`, personal columns masked in SQL."""
    for name in TABLES:
        table = quote_ident(name)
        if name in frames:
            frame = mask_frame(frames[name])  # masked twice: in Python, as the pages do, and in SQL
            con.register("__frame", frame)
            cols = _column_sql(name, {str(c) for c in frame.columns})
            con.execute(f"create table {table} as select {cols} from __frame")
            con.unregister("__frame")
        elif name in files:
            path = quote_literal(files[name])
            names = con.execute(f"select * from read_parquet({path}) limit 0").description
            cols = _column_sql(name, {d[0] for d in names})
            con.execute(f"create table {table} as select {cols} from read_parquet({path})")
        else:
            con.execute(f"create table {table} as select {_column_sql(name, set())} where false")


def _masked_copy(request: Mapping[str, Any]) -> Path:
    """The masked copy of a snapshot's tables (built once, then shared by every worker).

    Kept in the DuckDB temp folder, never in the workspace (reading a dataset writes nothing
    there), named by the snapshot files (paths, sizes, times) and the schema and masking SQL,
    so a new version or new code gets a copy of its own; copies unused for a day are removed
    by the next build.
    """
    files: Mapping[str, str] = request["files"]
    # the schema and the masking as this code has them: a copy made by other code is not used
    stamp: list[Any] = [MASK_VERSION, [_column_sql(name, set()) for name in TABLES]]
    for name in sorted(files):
        st = os.stat(files[name])
        stamp.append([name, files[name], st.st_size, st.st_mtime_ns, st.st_ino])
    key = hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:32]
    folder = Path(request["cache_dir"])
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{key}.duckdb"
    if path.exists():
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: not stale
        return path
    with open(folder / f"{key}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return path
        tmp = folder / f"{key}.{uuid.uuid4().hex}.tmp"
        con = duckdb.connect(
            str(tmp),
            config={
                "threads": request["threads"],
                "memory_limit": request["build_memory_limit"],
                "temp_directory": request["build_temp_dir"],
            },
        )
        try:
            _fill(con, files, {})
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(tmp, path)
    _sweep(folder)
    return path


def _sweep(folder: Path) -> None:
    """Remove masked copies (and leftovers of killed builds) nobody used for a day."""
    cutoff = time.time() - STALE_SECONDS
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()


def _vm_size() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _cap_memory(extra: int) -> None:
    """From now on this process may map at most `extra` bytes more than it does now."""
    import resource

    with contextlib.suppress(OSError, ValueError):
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = _vm_size() + extra
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _open(request: Mapping[str, Any]) -> duckdb.DuckDBPyConnection:
    """The locked database of one query: masked tables and nothing else."""
    memory = max(16 << 20, int(request["memory_bytes"] * 0.6))
    config = {
        "threads": request["threads"],
        "memory_limit": f"{memory // (1 << 20)}MB",
        "temp_directory": "",  # nothing spills to disk (nor to a `.tmp` in the working dir)
    }
    files, frames = request["files"], request["frames"]
    if files and not frames:
        con = duckdb.connect(str(_masked_copy(request)), read_only=True, config=config)
    else:
        con = duckdb.connect(":memory:", config=config)
        try:
            _fill(con, files, frames)
        except BaseException:
            con.close()
            raise
    con.execute(f"set TimeZone = {quote_literal(request['timezone'])}")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


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


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, rows: int, max_bytes: int):
    """At most `rows + 1` rows and `max_bytes` bytes of the result; (frame, cut)."""
    import pyarrow as pa

    reader = con.sql(sql).to_arrow_reader(1024)
    kept: list[Any] = []
    got = size = 0
    cut = ""
    try:
        for batch in reader:
            if got + batch.num_rows > rows + 1:
                batch = batch.slice(0, rows + 1 - got)
            if size + batch.nbytes > max_bytes:
                lo, hi = 0, batch.num_rows  # the longest start of the batch that still fits
                while lo < hi:
                    mid = (lo + hi + 1) // 2
                    if size + batch.slice(0, mid).nbytes <= max_bytes:
                        lo = mid
                    else:
                        hi = mid - 1
                kept.append(batch.slice(0, lo))
                got += lo
                cut = "bytes"
                break
            kept.append(batch)
            got += batch.num_rows
            size += batch.nbytes
            if got > rows:
                break
        table = pa.Table.from_batches(kept, schema=reader.schema)
    finally:
        reader.close()
    if not cut and table.num_rows > rows:
        table, cut = table.slice(0, rows), "rows"
    # DuckDB's own conversion, as `.df()` gives it (dates as timestamps, decimals as floats)
    frame = con.from_arrow(table).df()
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = frame[col].map(_plain)
    return mask_frame(frame), cut


def _answer(request: Mapping[str, Any], send) -> tuple:
    try:
        con = _open(request)
    except Exception as exc:  # a damaged snapshot, a full temp disk: not the query's fault
        return ("error", "explorer.error.query", _detail(exc), {})
    _cap_memory(request["memory_bytes"])
    send(b"B", b"")
    started = time.monotonic()
    try:
        kind = check(request["sql"], con)
        frame, cut = _fetch(con, request["sql"], request["rows"], request["result_bytes"])
    except QueryError as exc:
        return ("error", exc.key, exc.detail, exc.params)
    except Exception as exc:  # every DuckDB or conversion error becomes a message
        err = _translate(exc)
        return ("error", err.key, err.detail, err.params)
    return ("ok", frame, cut, kind, time.monotonic() - started)


def _serve() -> None:
    """The worker: read one request from stdin, answer on stdout, exit."""
    import pyarrow  # loaded before the memory cap: its libraries need room
    import pyarrow.lib  # noqa: F401

    out = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nothing but the answer reaches the server through the pipe

    def send(tag: bytes, payload: bytes) -> None:
        out.write(_HEADER.pack(tag, len(payload)) + payload)

    try:
        request = pickle.load(sys.stdin.buffer)
    except (EOFError, OSError, pickle.UnpicklingError):
        return  # the server went away before it needed this worker
    answer = _answer(request, send)
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("error", "explorer.error.memory", "", {}))
    send(b"D", data)


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

# What each example's button reads (translation keys).
EXAMPLE_TITLES: dict[str, str] = {
    "gmv_by_day": "explorer.example.gmv_by_day",
    "top_buyers": "explorer.example.top_buyers",
    "members_by_channel": "explorer.example.members_by_channel",
    "group_activity": "explorer.example.group_activity",
    "describe_orders": "explorer.example.describe_orders",
}


# ---- what the page and the CLI say about a query ---------------------------------------------


def limits_words(lim: Limits) -> dict[str, str]:
    """The limits as the intro states them: seconds, rows, result MB, memory MB."""
    return {
        "seconds": f"{lim.seconds:g}",
        "rows": f"{lim.rows:,}",
        "mb": f"{lim.result_bytes / 1024 / 1024:g}",
        "memory": f"{lim.memory_bytes / 1024 / 1024:g}",
    }


def result_notes(result: Result, lang: str) -> list[tuple[str, str]]:
    """What to say about a result, as (level, text): "warning" when it was cut (by rows or by
    bytes), then "caption" with its rows and time."""
    from siyu.i18n import t

    notes = []
    if result.cut == "bytes":
        mb = f"{result.byte_limit / 1024 / 1024:g}"
        text = t("explorer.truncated_bytes", lang, mb=mb, rows=f"{len(result.frame):,}")
        notes.append(("warning", text))
    elif result.truncated:
        notes.append(("warning", t("explorer.truncated", lang, rows=f"{result.row_limit:,}")))
    rows, seconds = f"{len(result.frame):,}", f"{result.seconds:.2f}"
    notes.append(("caption", t("explorer.rows", lang, rows=rows, seconds=seconds)))
    return notes


if __name__ == "__main__":
    _serve()
